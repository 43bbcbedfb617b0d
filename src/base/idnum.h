/* idnum.h — the 18-character citizen ID number (居民身份证号码, GB 11643):
 * check character (ISO 7064 MOD 11-2), birth date, and the masked form shown
 * to readers who are not the register's editors. */
#ifndef FZ_IDNUM_H
#define FZ_IDNUM_H

#include "date.h"
#include "err.h"
#include "str.h"

/* The check character for the first 17 digits ('0'-'9' or 'X'), or 0 when
 * they are not 17 digits. */
char idnum_check_char(const char *z17);

/* FZ_OK when z is 17 digits plus a correct check character (a lower-case x
 * is accepted), with a real birth date not after `today`; otherwise
 * FZ_INVALID with a Chinese message saying which part is wrong (length,
 * characters, birth date, or the expected check character). */
int idnum_check(const char *z, Date today, Err *e);

/* 632323********1234: first 6, eight stars, last 4. A value that is not
 * 18 characters is masked whole, keeping only its length. */
void idnum_mask(Str *s, const char *z);

#endif
