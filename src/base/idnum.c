/* idnum.c — the citizen ID number (GB 11643, see idnum.h): MOD 11-2 check
 * character, birth date, masking. Messages count characters, not bytes, so
 * a full-width digit pasted from a form is reported where the clerk sees it. */
#include "idnum.h"

#include <string.h>

#define IDNUM_LEN 18

/* Characters in z (UTF-8 lead bytes; a stray byte counts as one). */
static int idnum_nchar(const char *z) {
  int n = 0;
  for (; *z; z++) {
    if ((*z & 0xC0) != 0x80) n++;
  }
  return n;
}

/* Byte length of the character starting at z. */
static int idnum_charlen(const char *z) {
  int n = 1;
  while (z[n] && (z[n] & 0xC0) == 0x80)
    n++;
  return n;
}

/* Byte offset of character number iChar (0-based) in z. */
static size_t idnum_offset(const char *z, int iChar) {
  size_t i = 0;
  while (iChar-- > 0 && z[i])
    i += (size_t)idnum_charlen(z + i);
  return i;
}

/* Bytes of z to quote in a message: all of it, or for a runaway value the
 * first 200 or so, cut at a character boundary. */
static int idnum_show_len(const char *z) {
  size_t n = strlen(z);
  int k = 200;
  if (n <= (size_t)k) return (int)n;
  while (k > 0 && (z[k] & 0xC0) == 0x80)
    k--;
  return k;
}

static int idnum_is_digit(char c) {
  return c >= '0' && c <= '9';
}

char idnum_check_char(const char *z17) {
  static const int aWeight[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                  3, 7, 9,  10, 5, 8, 4, 2};
  int i, sum = 0;
  for (i = 0; i < 17; i++) {
    if (!idnum_is_digit(z17[i])) return 0;
    sum += (z17[i] - '0') * aWeight[i];
  }
  return "10X98765432"[sum % 11];
}

/* The first character that may not stand where it is, as a message; FZ_OK
 * when all 18 are digits except a last X or x. z has 18 characters. */
static int idnum_check_chars(const char *z, int nShow, Err *e) {
  int i;
  for (i = 0; i < IDNUM_LEN; i++) {
    size_t off = idnum_offset(z, i);
    char c = z[off];
    if (idnum_is_digit(c)) continue;
    if (i == IDNUM_LEN - 1 && (c == 'X' || c == 'x')) continue;
    return err_set(e, FZ_INVALID,
                   i == IDNUM_LEN - 1
                       ? "身份证号码“%.*s”第%d位“%.*s”应为数字或X"
                       : "身份证号码“%.*s”第%d位“%.*s”不是数字",
                   nShow, z, i + 1, idnum_charlen(z + off), z + off);
  }
  return FZ_OK;
}

/* Value of n ASCII digits at z (already known to be digits). */
static int idnum_num(const char *z, int n) {
  int v = 0;
  while (n-- > 0)
    v = v * 10 + (*z++ - '0');
  return v;
}

/* The birth date (characters 7-14) must exist, be no earlier than 1900 and
 * no later than today. z is 18 ASCII digits (or X last). */
static int idnum_check_birth(const char *z, int nShow, Date today, Err *e) {
  int y = idnum_num(z + 6, 4), m = idnum_num(z + 10, 2);
  int d = idnum_num(z + 12, 2);
  Date birth;
  if (d < 1 || d > date_days_in_month(y, m)) {
    return err_set(e, FZ_INVALID, "身份证号码“%.*s”中的出生日期%.8s不存在",
                   nShow, z, z + 6);
  }
  if (y < DATE_MIN_YEAR) {
    return err_set(e, FZ_INVALID, "身份证号码“%.*s”中的出生日期%.8s早于%d年",
                   nShow, z, z + 6, DATE_MIN_YEAR);
  }
  /* date_from_ymd fails only past DATE_MAX_YEAR: the future as well. */
  if (date_from_ymd(y, m, d, &birth, NULL) != FZ_OK || birth > today) {
    return err_set(e, FZ_INVALID, "身份证号码“%.*s”中的出生日期%.8s晚于今天",
                   nShow, z, z + 6);
  }
  return FZ_OK;
}

int idnum_check(const char *z, Date today, Err *e) {
  int nChar, nShow, rc;
  char want, got;
  if (!z || !*z) return err_set(e, FZ_INVALID, "身份证号码不能为空");
  nShow = idnum_show_len(z);
  nChar = idnum_nchar(z);
  if (nChar != IDNUM_LEN) {
    return err_set(e, FZ_INVALID, "身份证号码“%.*s”应为18位，实际为%d位%s",
                   nShow, z, nChar,
                   nChar == 15 ? "（15位的旧号码请换用18位的新号码）" : "");
  }
  if ((rc = idnum_check_chars(z, nShow, e)) != FZ_OK) return rc;
  /* From here z is 18 ASCII bytes. */
  if ((rc = idnum_check_birth(z, nShow, today, e)) != FZ_OK) return rc;
  want = idnum_check_char(z);
  got = z[17] == 'x' ? 'X' : z[17];
  if (got != want) {
    return err_set(e, FZ_INVALID, "身份证号码“%.*s”校验位错误：应为%c", nShow,
                   z, want);
  }
  return FZ_OK;
}

void idnum_mask(Str *s, const char *z) {
  int nChar, i;
  size_t iTail;
  if (!z) return;
  nChar = idnum_nchar(z);
  if (nChar != IDNUM_LEN) {
    for (i = 0; i < nChar; i++)
      str_putc(s, '*');
    return;
  }
  iTail = idnum_offset(z, IDNUM_LEN - 4);
  str_append(s, z, idnum_offset(z, 6));
  str_puts(s, "********");
  str_puts(s, z + iTail);
}
