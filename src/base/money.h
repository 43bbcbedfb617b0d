/* money.h — amounts of money are integers in fen (分) so sums are exact;
 * clerks enter yuan (1234.5, 1,234.50元, ¥1234, 2150万元) and reports show
 * yuan or 万元. */
#ifndef FZ_MONEY_H
#define FZ_MONEY_H

#include <stdint.h>

#include "err.h"
#include "str.h"

/* Parse yuan text into fen. Accepts an optional sign, ¥ or ￥, thousands
 * separators (ASCII or full-width commas) in the integer part, at most two
 * decimals, and an optional 元 or 万元/万 suffix (万 multiplies by 10,000 and
 * then allows up to six decimals). Anything else, or a value that does not
 * fit in int64 fen, is FZ_INVALID with a Chinese message. */
int money_parse(const char *z, int64_t *pFen, Err *e);

void money_format_yuan(Str *s, int64_t fen); /* 1234.56, -0.05, 2150.00 */

/* Amount in 万元 rounded half-up (away from zero) to at most `decimals`
 * places, trailing zeros dropped: 2150000000 fen -> "2150", 604000 -> "0.604"
 * with decimals=3, "0.6" with decimals=1. No unit is appended. */
void money_format_wan(Str *s, int64_t fen, int decimals);

#endif
