/* numeral.c — Arabic and Chinese numerals to exact scaled integers (see
 * numeral.h). Full-width digits (０-９, ．, ，) read like ASCII ones: reports
 * typed in a Chinese input method carry them. */
#include "numeral.h"

#include <stdio.h>
#include <string.h>

#include "../base/utf8.h"

#define NUMERAL_MAX_DIGITS 15
#define NUMERAL_MAX_CHARS 24 /* of one Chinese numeral */

int64_t numeral_pow10(int k) {
  int64_t v = 1;
  while (k-- > 0)
    v *= 10;
  return v;
}

/* One character at *pz as an ASCII-like digit (0-9), '.' or ','; -1 for
 * anything else. Advances *pz past it only when it is one of those. */
static int ascii_like(const char **pz, const char *zEnd) {
  const char *z = *pz;
  int32_t c;
  if (z >= zEnd) return -1;
  if ((*z >= '0' && *z <= '9') || *z == '.' || *z == ',') {
    *pz = z + 1;
    return *z;
  }
  c = utf8_decode(&z, zEnd);
  if (c >= 0xFF10 && c <= 0xFF19)
    c = '0' + (c - 0xFF10);
  else if (c == 0xFF0E)
    c = '.';
  else if (c == 0xFF0C)
    c = ','; /* only taken when three digits follow */
  else
    return -1;
  *pz = z;
  return c;
}

static int is_digit_at(const char *z, const char *zEnd) {
  int c = ascii_like(&z, zEnd);
  return c >= '0' && c <= '9';
}

/* A thousands comma: exactly three digits follow, then no fourth. An
 * ideographic comma（，）between figures is a list, never a group mark. */
static int group_comma_at(const char *z, const char *zEnd) {
  int c = ascii_like(&z, zEnd), i;
  if (c != ',' || z[-1] != ',') return 0;
  for (i = 0; i < 3; i++) {
    if (!is_digit_at(z, zEnd)) return 0;
    ascii_like(&z, zEnd);
  }
  return !is_digit_at(z, zEnd);
}

int numeral_arabic(const char *z0, const char *zEnd, Numeral *p) {
  const char *z = z0, *zNext;
  int64_t v = 0;
  int nDigit = 0, nDec = 0, inFrac = 0, c;
  memset(p, 0, sizeof *p);
  for (;;) {
    zNext = z;
    c = ascii_like(&zNext, zEnd);
    if (c >= '0' && c <= '9') {
      if (++nDigit > NUMERAL_MAX_DIGITS) return 0;
      if (inFrac && nDec >= NUMERAL_MAX_DEC) return 0;
      v = v * 10 + (c - '0');
      nDec += inFrac;
    } else if (c == '.' && !inFrac && nDigit > 0 && is_digit_at(zNext, zEnd)) {
      inFrac = 1;
    } else if (c == ',' && !inFrac && nDigit > 0 && group_comma_at(z, zEnd)) {
      /* a group separator: skip it */
    } else {
      break;
    }
    z = zNext;
  }
  if (nDigit == 0) return 0;
  p->v = v;
  p->nDec = nDec;
  p->n = (size_t)(z - z0);
  return 1;
}

/* Chinese digit value, or -1. */
static int cn_digit(int32_t c) {
  static const struct {
    int32_t c;
    int v;
  } aDigit[] = {
      {0x96F6, 0}, /* 零 */ {0x3007, 0}, /* 〇 */ {0x4E00, 1}, /* 一 */
      {0x4E8C, 2}, /* 二 */ {0x4E24, 2}, /* 两 */ {0x4E09, 3}, /* 三 */
      {0x56DB, 4}, /* 四 */ {0x4E94, 5}, /* 五 */ {0x516D, 6}, /* 六 */
      {0x4E03, 7}, /* 七 */ {0x516B, 8}, /* 八 */ {0x4E5D, 9}, /* 九 */
  };
  size_t i;
  for (i = 0; i < sizeof aDigit / sizeof aDigit[0]; i++) {
    if (aDigit[i].c == c) return aDigit[i].v;
  }
  return -1;
}

/* Power of ten of a Chinese unit (十 1, 百 2, 千 3, 万 4, 亿 8), or 0. */
static int cn_unit(int32_t c) {
  switch (c) {
  case 0x5341:
    return 1; /* 十 */
  case 0x767E:
    return 2; /* 百 */
  case 0x5343:
    return 3; /* 千 */
  case 0x4E07:
    return 4; /* 万 */
  case 0x4EBF:
    return 8; /* 亿 */
  default:
    return 0;
  }
}

/* Evaluate a run of Chinese numeral characters written with units:
 * 一百二十 = 120, 十五 = 15, 一万二千 = 12000, 三亿五千万 = 350000000. */
static int64_t cn_grammar(const int32_t *a, int n) {
  int64_t total = 0, section = 0, digit = 0;
  int i;
  for (i = 0; i < n; i++) {
    int d = cn_digit(a[i]), u = cn_unit(a[i]);
    if (d >= 0) {
      digit = d;
    } else if (u == 8) {
      total = (total + section + digit) * numeral_pow10(8);
      section = digit = 0;
    } else if (u == 4) {
      total += (section + digit) * numeral_pow10(4);
      section = digit = 0;
    } else {
      section += (digit == 0 ? 1 : digit) * numeral_pow10(u);
      digit = 0;
    }
  }
  return total + section + digit;
}

int numeral_chinese(const char *z0, const char *zEnd, Numeral *p) {
  int32_t a[NUMERAL_MAX_CHARS];
  const char *z = z0, *zAfter = z0;
  int n = 0, nUnit = 0, i;
  memset(p, 0, sizeof *p);
  while (z < zEnd && n < NUMERAL_MAX_CHARS) {
    const char *zNext = z;
    int32_t c = utf8_decode(&zNext, zEnd);
    if (cn_digit(c) < 0 && !cn_unit(c)) break;
    /* 百/千/万/亿 open no number (千家万户); 十 does (十五). */
    if (n == 0 && cn_unit(c) > 1) return 0;
    nUnit += cn_unit(c) > 0;
    a[n++] = c;
    z = zAfter = zNext;
  }
  if (n == 0) return 0;
  if (nUnit == 0 && n > 1) {
    /* 二〇二四: digit by digit, as years and codes are read out */
    int64_t v = 0;
    for (i = 0; i < n; i++)
      v = v * 10 + cn_digit(a[i]);
    p->v = v;
  } else {
    p->v = cn_grammar(a, n);
  }
  p->chinese = 1;
  p->n = (size_t)(zAfter - z0);
  return 1;
}

int numeral_scale(Numeral *p, int pow10) {
  int use = pow10 < p->nDec ? pow10 : p->nDec;
  int64_t m = numeral_pow10(pow10 - use);
  if (p->v > INT64_MAX / (m ? m : 1) / 10) return 0;
  p->v *= m;
  p->nDec -= use;
  return 1;
}

void numeral_format(int64_t v, int nDec, char *buf, size_t n) {
  int64_t p = numeral_pow10(nDec);
  const char *zSign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  if (nDec == 0)
    snprintf(buf, n, "%s%lld", zSign, (long long)v);
  else
    snprintf(buf, n, "%s%lld.%0*lld", zSign, (long long)(v / p), nDec,
             (long long)(v % p));
}
