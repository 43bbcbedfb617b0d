/* money.c — amounts in fen: parsing what clerks type and formatting yuan and
 * 万元 (see money.h). No floating point anywhere: the digits are read as
 * integers so 0.1 + 0.2 stays 30 fen and every sum is exact. */
#include "money.h"

#include <string.h>

/* A cursor over the trimmed input. */
typedef struct MoneyScan {
  const char *z;    /* next byte */
  const char *zEnd; /* one past the last byte */
} MoneyScan;

/* What the scan found; the value is assembled once the unit is known. */
typedef struct MoneyNum {
  int neg;        /* a minus sign was given */
  uint64_t whole; /* integer part, valid unless bOverflow */
  int bOverflow;  /* the integer part alone passed INT64_MAX */
  int nWhole;     /* digits in the integer part */
  int bBadGroup;  /* thousands separators in the wrong places */
  uint64_t frac;  /* the first six decimals, as an integer */
  int nFrac;      /* decimals given */
  int nFracSig;   /* decimals up to the last non-zero one */
  int bWan;       /* 万 or 万元 suffix */
} MoneyNum;

#define MONEY_MAX_FRAC 6 /* 万元 to the fen */

static int money_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

/* Consume the literal zLit if it is next. */
static int money_lit(MoneyScan *p, const char *zLit) {
  size_t n = strlen(zLit);
  /* the first byte settles almost every try (every cell of an import
   * passes here several times) */
  if ((size_t)(p->zEnd - p->z) < n || p->z[0] != zLit[0] ||
      memcmp(p->z, zLit, n) != 0)
    return 0;
  p->z += n;
  return 1;
}

/* Consume one digit (ASCII or full-width ０-９) and return its value, or -1
 * when none is next. */
static int money_digit(MoneyScan *p) {
  const unsigned char *z = (const unsigned char *)p->z;
  size_t n = (size_t)(p->zEnd - p->z);
  if (n >= 1 && z[0] >= '0' && z[0] <= '9') {
    p->z += 1;
    return z[0] - '0';
  }
  if (n >= 3 && z[0] == 0xEF && z[1] == 0xBC && z[2] >= 0x90 && z[2] <= 0x99) {
    p->z += 3;
    return z[2] - 0x90;
  }
  return -1;
}

/* An optional sign; returns 1 when one was consumed. */
static int money_sign(MoneyScan *p, MoneyNum *pNum) {
  if (money_lit(p, "-") || money_lit(p, "－")) {
    pNum->neg = 1;
    return 1;
  }
  return money_lit(p, "+") || money_lit(p, "＋");
}

/* The integer part: digits, optionally grouped by threes with ',' or '，'
 * (1,234,567). A misplaced separator sets bBadGroup. */
static void money_whole(MoneyScan *p, MoneyNum *pNum) {
  int nRun = 0, bSep = 0, d;
  for (;;) {
    if ((d = money_digit(p)) >= 0) {
      if (pNum->whole > ((uint64_t)INT64_MAX - (uint64_t)d) / 10) {
        pNum->bOverflow = 1;
      } else {
        pNum->whole = pNum->whole * 10 + (uint64_t)d;
      }
      pNum->nWhole++;
      nRun++;
    } else if (money_lit(p, ",") || money_lit(p, "，")) {
      /* The first group holds 1-3 digits, every later one exactly 3. */
      if (nRun == 0 || nRun > 3 || (bSep && nRun != 3)) pNum->bBadGroup = 1;
      bSep = 1;
      nRun = 0;
    } else {
      break;
    }
  }
  if (bSep && nRun != 3) pNum->bBadGroup = 1;
}

/* The decimals after '.' or '．'; returns 0 when the point has no digits. */
static int money_frac(MoneyScan *p, MoneyNum *pNum) {
  int d;
  if (!money_lit(p, ".") && !money_lit(p, "．")) return 1;
  while ((d = money_digit(p)) >= 0) {
    if (pNum->nFrac < MONEY_MAX_FRAC)
      pNum->frac = pNum->frac * 10 + (uint64_t)d;
    pNum->nFrac++;
    if (d) pNum->nFracSig = pNum->nFrac;
  }
  return pNum->nFrac > 0;
}

/* Scan the whole input into *pNum; 0 when it is not of the money grammar:
 *   [sign] [¥|￥] [sign] whole [. frac] [spaces] [元|万元|万] */
static int money_scan(MoneyScan *p, MoneyNum *pNum) {
  int bSign = money_sign(p, pNum);
  if (money_lit(p, "¥") || money_lit(p, "￥")) {
    if (!bSign) money_sign(p, pNum);
  }
  money_whole(p, pNum);
  if (pNum->nWhole == 0 || !money_frac(p, pNum)) return 0;
  while (p->z < p->zEnd && money_is_space(*p->z))
    p->z++;
  if (money_lit(p, "万元") || money_lit(p, "万")) {
    pNum->bWan = 1;
  } else {
    money_lit(p, "元");
  }
  return p->z == p->zEnd;
}

/* Bytes of the input to quote in a message: all of it, or for a runaway
 * value the first 200 or so, cut at a character boundary. */
static int money_show_len(const char *zBeg, const char *zEnd) {
  int n = 200;
  if (zEnd - zBeg <= n) return (int)(zEnd - zBeg);
  while (n > 0 && (zBeg[n] & 0xC0) == 0x80)
    n--;
  return n;
}

static const uint64_t aPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* The magnitude in units of 10^-nScale (2 for yuan, 6 for 万元: fen either
 * way) into *pFen; 0 when it passes INT64_MAX. */
static int money_fen(const MoneyNum *pNum, int nScale, uint64_t *pFen) {
  uint64_t frac = pNum->frac;
  int nFrac = pNum->nFrac;
  /* frac holds min(nFrac, 6) decimals; bring it to nScale places. */
  if (nFrac > MONEY_MAX_FRAC) nFrac = MONEY_MAX_FRAC;
  if (nFrac > nScale) {
    frac /= aPow10[nFrac - nScale];
  } else {
    frac *= aPow10[nScale - nFrac];
  }
  if (pNum->bOverflow ||
      pNum->whole > ((uint64_t)INT64_MAX - frac) / aPow10[nScale]) {
    return 0;
  }
  *pFen = pNum->whole * aPow10[nScale] + frac;
  return 1;
}

int money_parse(const char *z, int64_t *pFen, Err *e) {
  const char *zBeg = z ? z : "";
  const char *zEnd = zBeg + strlen(zBeg);
  MoneyScan scan;
  MoneyNum num;
  int nShow, nScale;
  uint64_t fen;

  while (zBeg < zEnd && money_is_space(*zBeg))
    zBeg++;
  while (zEnd > zBeg && money_is_space(zEnd[-1]))
    zEnd--;
  if (zBeg == zEnd) return err_set(e, FZ_INVALID, "金额不能为空");
  nShow = money_show_len(zBeg, zEnd);

  memset(&num, 0, sizeof num);
  scan.z = zBeg;
  scan.zEnd = zEnd;
  if (!money_scan(&scan, &num)) {
    return err_set(e, FZ_INVALID,
                   "金额“%.*s”无法识别，应为 1234.50、1,234.50元 或 "
                   "2150万元 等形式",
                   nShow, zBeg);
  }
  if (num.bBadGroup) {
    return err_set(e, FZ_INVALID,
                   "金额“%.*s”的千位分隔符位置不对（应每三位一个逗号）", nShow,
                   zBeg);
  }
  /* Trailing zeros past the limit are harmless (1.50 or 1.500 yuan). */
  nScale = num.bWan ? 6 : 2;
  if (num.nFracSig > nScale) {
    return err_set(e, FZ_INVALID,
                   num.bWan ? "金额“%.*s”按万元计最多六位小数（精确到分）"
                            : "金额“%.*s”最多两位小数（精确到分）",
                   nShow, zBeg);
  }
  if (!money_fen(&num, nScale, &fen)) {
    return err_set(e, FZ_INVALID, "金额“%.*s”超出可处理的范围", nShow, zBeg);
  }
  *pFen = num.neg ? -(int64_t)fen : (int64_t)fen;
  return FZ_OK;
}

/* Magnitude of a signed amount; INT64_MIN has one too. */
static uint64_t money_abs(int64_t fen) {
  return fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
}

void money_format_yuan(Str *s, int64_t fen) {
  uint64_t m = money_abs(fen);
  str_appendf(s, "%s%llu.%02u", fen < 0 ? "-" : "",
              (unsigned long long)(m / 100), (unsigned)(m % 100));
}

void money_format_wan(Str *s, int64_t fen, int decimals) {
  uint64_t m = money_abs(fen);
  uint64_t scale, q, whole, frac;
  int n;
  /* One 万元 is 10^6 fen, so six places are already exact. */
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  scale = aPow10[6 - decimals];
  q = (m + scale / 2) / scale; /* half away from zero: m is a magnitude */
  whole = q / aPow10[decimals];
  frac = q % aPow10[decimals];
  str_appendf(s, "%s%llu", (fen < 0 && q > 0) ? "-" : "",
              (unsigned long long)whole);
  if (frac == 0) return;
  for (n = decimals; frac % 10 == 0; n--)
    frac /= 10;
  str_appendf(s, ".%0*llu", n, (unsigned long long)frac);
}
