/* uscc.h — the unified social credit code (统一社会信用代码, GB 32100-2015):
 * 18 characters over 0-9 A-H J-N P-R T U W-Y, the last a MOD 31 check. */
#ifndef FZ_USCC_H
#define FZ_USCC_H

#include "err.h"

/* The check character for the first 17 characters, or 0 when one of them is
 * outside the alphabet. */
char uscc_check_char(const char *z17);

/* FZ_OK when z is 18 characters of the alphabet with a correct check
 * character; FZ_INVALID with a Chinese message otherwise (wrong length, a
 * character outside the alphabet such as I O S V Z, or the check character
 * that was expected). Lower case is not accepted. */
int uscc_check(const char *z, Err *e);

#endif
