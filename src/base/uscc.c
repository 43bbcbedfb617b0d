/* uscc.c — the unified social credit code (GB 32100-2015, see uscc.h): an
 * 18-character code over a 31-character alphabet whose last character is a
 * MOD 31 check with weights 3^i mod 31. */
#include "uscc.h"

#include <string.h>

#define USCC_LEN 18

/* The alphabet leaves out I, O, S, V and Z, which read like 1, 0, 5, U, 2. */
static const char zUsccAlpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Value of c in the alphabet, or -1. */
static int uscc_value(char c) {
  const char *p = c ? strchr(zUsccAlpha, c) : NULL;
  return p ? (int)(p - zUsccAlpha) : -1;
}

char uscc_check_char(const char *z17) {
  static const int aWeight[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                  29, 25, 13, 8,  24, 10, 30, 28};
  int i, v, sum = 0;
  for (i = 0; i < 17; i++) {
    if ((v = uscc_value(z17[i])) < 0) return 0;
    sum += v * aWeight[i];
  }
  return zUsccAlpha[(31 - sum % 31) % 31];
}

/* Characters in z (UTF-8 lead bytes; a stray byte counts as one). */
static int uscc_nchar(const char *z) {
  int n = 0;
  for (; *z; z++) {
    if ((*z & 0xC0) != 0x80) n++;
  }
  return n;
}

/* Bytes of z to quote in a message: all of it, or for a runaway value the
 * first 200 or so, cut at a character boundary. */
static int uscc_show_len(const char *z) {
  size_t n = strlen(z);
  int k = 200;
  if (n <= (size_t)k) return (int)n;
  while (k > 0 && (z[k] & 0xC0) == 0x80)
    k--;
  return k;
}

/* Say why the character at byte z[off], position iPos (1-based), is not in
 * the alphabet. */
static int uscc_bad_char(const char *z, int nShow, size_t off, int iPos,
                         Err *e) {
  char c = z[off];
  int n = 1;
  if (c >= 'a' && c <= 'z') {
    return err_set(e, FZ_INVALID,
                   "统一社会信用代码“%.*s”第%d位“%c”应为大写字母", nShow, z,
                   iPos, c);
  }
  if (c && strchr("IOSVZ", c)) {
    return err_set(e, FZ_INVALID,
                   "统一社会信用代码“%.*s”第%d位不能用字母“%c”"
                   "（代码中不使用 I、O、S、V、Z）",
                   nShow, z, iPos, c);
  }
  while (z[off + (size_t)n] && (z[off + (size_t)n] & 0xC0) == 0x80)
    n++;
  return err_set(e, FZ_INVALID,
                 "统一社会信用代码“%.*s”第%d位“%.*s”不是合法字符"
                 "（只能是数字和除 I、O、S、V、Z 以外的大写字母）",
                 nShow, z, iPos, n, z + off);
}

int uscc_check(const char *z, Err *e) {
  int nChar, nShow, iPos = 0;
  size_t off;
  char want;
  if (!z || !*z) return err_set(e, FZ_INVALID, "统一社会信用代码不能为空");
  nShow = uscc_show_len(z);
  nChar = uscc_nchar(z);
  if (nChar != USCC_LEN) {
    return err_set(e, FZ_INVALID, "统一社会信用代码“%.*s”应为18位，实际为%d位",
                   nShow, z, nChar);
  }
  for (off = 0; z[off]; off++) {
    if ((z[off] & 0xC0) == 0x80) continue;
    iPos++;
    if (uscc_value(z[off]) < 0) return uscc_bad_char(z, nShow, off, iPos, e);
  }
  /* From here z is 18 bytes of the alphabet. */
  want = uscc_check_char(z);
  if (z[17] != want) {
    return err_set(e, FZ_INVALID, "统一社会信用代码“%.*s”校验位错误：应为%c",
                   nShow, z, want);
  }
  return FZ_OK;
}
