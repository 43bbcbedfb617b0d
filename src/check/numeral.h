/* numeral.h — numbers as reports write them: Arabic digits with decimals
 * and thousands commas, Chinese numerals (五, 一百二十, 两千零五, 一万二千)
 * and the scales 万 and 亿. Values are exact: an integer scaled by 10^nDec,
 * never a double, so a rate can be recomputed digit for digit. */
#ifndef FZ_NUMERAL_H
#define FZ_NUMERAL_H

#include <stddef.h>
#include <stdint.h>

#define NUMERAL_MAX_DEC 6

typedef struct Numeral {
  int64_t v;   /* the value times 10^nDec */
  int nDec;    /* decimal places kept (as written, less what a scale used) */
  int chinese; /* written in Chinese numerals */
  size_t n;    /* bytes of text it took */
} Numeral;

/* Parse an Arabic number at z (not past zEnd): digits, commas before groups
 * of three, one decimal point. 0 when z does not start with one, or it is
 * too long to be a count (more than 15 digits). */
int numeral_arabic(const char *z, const char *zEnd, Numeral *p);

/* Parse a Chinese numeral at z: 零〇一二两三四五六七八九十百千万亿, in their
 * usual grammar, or digit by digit (二〇二四). A bare 百/千/万/亿 (千家万户)
 * is not a number. 0 when none. */
int numeral_chinese(const char *z, const char *zEnd, Numeral *p);

/* Multiply by 10^pow10 (万 = 4, 亿 = 8), using up decimal places first.
 * 0 on overflow. */
int numeral_scale(Numeral *p, int pow10);

/* 10^k for 0 <= k <= 18. */
int64_t numeral_pow10(int k);

/* Write the value as written-style decimal ("99.43", "604000"). */
void numeral_format(int64_t v, int nDec, char *buf, size_t n);

#endif
