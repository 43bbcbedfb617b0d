/* date.c — calendar dates as day numbers since 1970-01-01 (see date.h).
 * The civil <-> day arithmetic follows Howard Hinnant's days_from_civil
 * algorithm (eras of 400 years, March-based years so Feb 29 comes last). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* localtime_r */
#endif
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Excel's 1900 date system: serial 25569 is 1970-01-01. Serials up to 59
 * are one day further from it, because Excel counts a 1900-02-29 that never
 * existed (serial 60) to stay compatible with Lotus 1-2-3. */
#define EXCEL_EPOCH 25569
#define EXCEL_PHANTOM 60

static const char zDateHint[] =
    "，应为 2024-03-05、2024/3/5 或 2024年3月5日 等格式";

int date_is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m) {
  static const unsigned char aDays[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return (m == 2 && date_is_leap(y)) ? 29 : aDays[m - 1];
}

/* Day number of a civil date; no validation, 64-bit so any int works. */
static int64_t date_days_from_civil(int64_t y, int64_t m, int64_t d) {
  int64_t era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void date_to_ymd(Date d, int *py, int *pm, int *pd) {
  int64_t z = (int64_t)d + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  *py = (int)(yoe + era * 400 + (m <= 2));
  *pm = (int)m;
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* Validate y-m-d and set *pD. zShow[0..nShow) is how the user wrote the
 * date, so the message quotes their text rather than a reformatted one
 * (nShow < 0: up to the NUL, as printf treats a negative precision). */
static int date_check_ymd(int y, int m, int d, const char *zShow, int nShow,
                          Date *pD, Err *e) {
  int nDay;
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
    return err_set(e, FZ_INVALID,
                   "日期“%.*s”的年份%d超出范围（应在%d至%d年之间）", nShow,
                   zShow, y, DATE_MIN_YEAR, DATE_MAX_YEAR);
  }
  if (m < 1 || m > 12) {
    return err_set(e, FZ_INVALID, "日期“%.*s”不存在：月份应为1至12", nShow,
                   zShow);
  }
  nDay = date_days_in_month(y, m);
  if (d < 1) {
    return err_set(e, FZ_INVALID, "日期“%.*s”不存在：日应为1至%d", nShow, zShow,
                   nDay);
  }
  if (d > nDay) {
    return err_set(e, FZ_INVALID, "日期“%.*s”不存在：%d年%d月只有%d天", nShow,
                   zShow, y, m, nDay);
  }
  *pD = (Date)date_days_from_civil(y, m, d);
  return FZ_OK;
}

int date_from_ymd(int y, int m, int d, Date *pD, Err *e) {
  char zShow[48];
  snprintf(zShow, sizeof zShow, "%04d-%02d-%02d", y, m, d);
  return date_check_ymd(y, m, d, zShow, -1, pD, e);
}

/* ---- Excel serials -------------------------------------------------- */

/* Day number of a whole serial; zShow[0..nShow) names it in messages. */
static int date_check_serial(int64_t serial, const char *zShow, int nShow,
                             Date *pD, Err *e) {
  int64_t lo = date_days_from_civil(DATE_MIN_YEAR, 1, 1);
  int64_t hi = date_days_from_civil(DATE_MAX_YEAR, 12, 31);
  int64_t d;
  if (serial == EXCEL_PHANTOM) {
    return err_set(e, FZ_INVALID,
                   "Excel 日期序号“%.*s”对应的1900年2月29日并不存在"
                   "（Excel 误把1900年当作闰年），请改填实际日期",
                   nShow, zShow);
  }
  d = serial < EXCEL_PHANTOM ? serial - EXCEL_EPOCH + 1 : serial - EXCEL_EPOCH;
  if (serial < 1 || d < lo || d > hi) {
    return err_set(e, FZ_INVALID,
                   "Excel 日期序号“%.*s”超出范围（应对应%d至%d年之间的日期）",
                   nShow, zShow, DATE_MIN_YEAR, DATE_MAX_YEAR);
  }
  *pD = (Date)d;
  return FZ_OK;
}

int date_from_excel_serial(double serial, Date *pD, Err *e) {
  char zShow[48];
  snprintf(zShow, sizeof zShow, "%.10g", serial);
  /* Written so NaN and infinities fail too; the bound keeps the cast safe. */
  if (!(serial >= 0.0 && serial < 1e9)) {
    return err_set(e, FZ_INVALID,
                   "Excel 日期序号“%.*s”超出范围（应对应%d至%d年之间的日期）",
                   -1, zShow, DATE_MIN_YEAR, DATE_MAX_YEAR);
  }
  /* The fraction is the time of day, which a date does not keep. */
  return date_check_serial((int64_t)serial, zShow, -1, pD, e);
}

double date_to_excel_serial(Date d) {
  int64_t lo = date_days_from_civil(1900, 3, 1);
  return (double)((int64_t)d + EXCEL_EPOCH - (d < lo ? 1 : 0));
}

/* ---- parsing -------------------------------------------------------- */

/* A cursor over the trimmed input. */
typedef struct DateScan {
  const char *z;    /* next byte */
  const char *zEnd; /* one past the last byte */
} DateScan;

/* Value of the digit at the cursor (ASCII or full-width ０-９) and its byte
 * length in *pn; -1 when there is no digit. */
static int date_digit(const DateScan *p, int *pn) {
  const unsigned char *z = (const unsigned char *)p->z;
  size_t n = (size_t)(p->zEnd - p->z);
  if (n >= 1 && z[0] >= '0' && z[0] <= '9') {
    *pn = 1;
    return z[0] - '0';
  }
  if (n >= 3 && z[0] == 0xEF && z[1] == 0xBC && z[2] >= 0x90 && z[2] <= 0x99) {
    *pn = 3;
    return z[2] - 0x90;
  }
  return -1;
}

/* Read a run of digits; returns how many there were (0 when none). The value
 * saturates at 10^9 so a long run cannot overflow. */
static int date_scan_number(DateScan *p, int64_t *pVal) {
  int nDigit = 0, v, n;
  int64_t x = 0;
  while ((v = date_digit(p, &n)) >= 0) {
    if (x < 1000000000) x = x * 10 + v;
    p->z += n;
    nDigit++;
  }
  *pVal = x;
  return nDigit;
}

/* Consume the literal zLit if it is next. */
static int date_scan_lit(DateScan *p, const char *zLit) {
  size_t n = strlen(zLit);
  /* the first byte settles almost every try (every cell of an import
   * passes here several times) */
  if ((size_t)(p->zEnd - p->z) < n || p->z[0] != zLit[0] ||
      memcmp(p->z, zLit, n) != 0)
    return 0;
  p->z += n;
  return 1;
}

/* Consume a date separator and return its kind ('-', '/' or '.'; the
 * full-width forms count as the same kind), or 0 when none is next. */
static int date_scan_sep(DateScan *p) {
  static const struct {
    const char *z;
    char kind;
  } aSep[] = {{"-", '-'},  {"/", '/'},  {".", '.'},
              {"－", '-'}, {"／", '/'}, {"．", '.'}};
  size_t i;
  for (i = 0; i < sizeof aSep / sizeof aSep[0]; i++) {
    if (date_scan_lit(p, aSep[i].z)) return aSep[i].kind;
  }
  return 0;
}

/* Month or day: one or two digits. */
static int date_scan_part(DateScan *p, int *pVal) {
  int64_t v;
  int n = date_scan_number(p, &v);
  *pVal = (int)v;
  return n == 1 || n == 2;
}

/* Match the calendar forms against the whole of p: 2024-03-05 (any one
 * separator kind used twice) or 2024年3月5日. */
static int date_match_ymd(DateScan *p, int *py, int *pm, int *pd) {
  int64_t y;
  int sep;
  if (date_scan_number(p, &y) != 4) return 0;
  *py = (int)y;
  if (date_scan_lit(p, "年")) {
    if (!date_scan_part(p, pm) || !date_scan_lit(p, "月")) return 0;
    if (!date_scan_part(p, pd) || !date_scan_lit(p, "日")) return 0;
  } else {
    if ((sep = date_scan_sep(p)) == 0 || !date_scan_part(p, pm)) return 0;
    if (date_scan_sep(p) != sep || !date_scan_part(p, pd)) return 0;
  }
  return p->z == p->zEnd;
}

/* Match an Excel serial against the whole of p: digits, optionally followed
 * by '.' and more digits (a time of day, ignored). */
static int date_match_serial(DateScan *p, int64_t *pSerial) {
  int64_t frac;
  if (date_scan_number(p, pSerial) == 0) return 0;
  if (date_scan_lit(p, ".") && date_scan_number(p, &frac) == 0) return 0;
  return p->z == p->zEnd;
}

static int date_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

/* Bytes of the input to quote in a message: all of it, or for a runaway
 * value the first 200 or so, cut at a character boundary. */
static int date_show_len(const char *zBeg, const char *zEnd) {
  int n = 200;
  if (zEnd - zBeg <= n) return (int)(zEnd - zBeg);
  while (n > 0 && (zBeg[n] & 0xC0) == 0x80)
    n--;
  return n;
}

int date_parse(const char *z, int flags, Date *pD, Err *e) {
  DateScan scan;
  const char *zBeg = z ? z : "";
  const char *zEnd = zBeg + strlen(zBeg);
  int64_t serial;
  int y, m, d, nShow;
  while (zBeg < zEnd && date_is_space(*zBeg))
    zBeg++;
  while (zEnd > zBeg && date_is_space(zEnd[-1]))
    zEnd--;
  if (zBeg == zEnd) return err_set(e, FZ_INVALID, "日期不能为空");
  nShow = date_show_len(zBeg, zEnd);

  scan.z = zBeg;
  scan.zEnd = zEnd;
  if (date_match_ymd(&scan, &y, &m, &d)) {
    return date_check_ymd(y, m, d, zBeg, nShow, pD, e);
  }
  scan.z = zBeg;
  if ((flags & DATE_ALLOW_SERIAL) && date_match_serial(&scan, &serial)) {
    return date_check_serial(serial, zBeg, nShow, pD, e);
  }
  return err_set(e, FZ_INVALID, "无法识别的日期“%.*s”%s", nShow, zBeg,
                 zDateHint);
}

/* ---- formatting and calendar facts ------------------------------------ */

/* By hand, not printf: every date of every imported row passes here. */
void date_format_iso(Str *s, Date d) {
  int y, m, dd;
  char z[10];
  date_to_ymd(d, &y, &m, &dd);
  z[0] = (char)('0' + y / 1000 % 10);
  z[1] = (char)('0' + y / 100 % 10);
  z[2] = (char)('0' + y / 10 % 10);
  z[3] = (char)('0' + y % 10);
  z[4] = '-';
  z[5] = (char)('0' + m / 10);
  z[6] = (char)('0' + m % 10);
  z[7] = '-';
  z[8] = (char)('0' + dd / 10);
  z[9] = (char)('0' + dd % 10);
  str_append(s, z, sizeof z);
}

void date_format_cn(Str *s, Date d) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  str_appendf(s, "%d年%d月%d日", y, m, dd);
}

int date_weekday(Date d) {
  /* 1970-01-01 was a Thursday (ISO day 4). */
  return (int)((((int64_t)d + 3) % 7 + 7) % 7) + 1;
}

int date_year(Date d) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  return y;
}

Date date_today(void) {
  time_t now = time(NULL);
  struct tm tm;
  if (!localtime_r(&now, &tm)) return 0;
  return (Date)date_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
                                    tm.tm_mday);
}
