/* calendar.c — the working-day calendar (see calendar.h). Entries live in one
 * array sorted by (region, kind, day), so every lookup is a binary search in a
 * region's slice; a load validates old + new together and swaps on success. */
#include "calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "str.h"

/* Entry kinds, in their sort order inside a region. */
enum { CAL_YEAR = 0, CAL_HOLIDAY, CAL_WORKDAY };

#define CAL_HEADER "region,year,kind,from,to,name"
#define CAL_NFIELD 6
#define CAL_MAX_REGION 12 /* an org code has 12 digits */

/* One line of a calendar file. For CAL_YEAR, from and to are unused. */
typedef struct CalEntry {
  char *zRegion; /* "CN" or an org code; owned */
  int nSig;      /* zRegion's length less trailing zeros: its prefix */
  int kind;      /* CAL_YEAR, CAL_HOLIDAY or CAL_WORKDAY */
  int year;      /* the year column */
  Date from, to; /* inclusive range; equal for a make-up day */
  char *zName;   /* 春节 …; owned, "" when empty */
  int iFile;     /* index into Calendar.azFile: which load it came from */
  long line;     /* 1-based line in that file */
} CalEntry;

/* One region's slices of Calendar.aEnt. */
typedef struct CalRegion {
  const char *zRegion; /* points into an entry */
  int nSig;
  int bNational;
  int iYear, nYear, iHol, nHol, iWork, nWork;
} CalRegion;

struct Calendar {
  CalEntry *aEnt; /* sorted by cal_entry_cmp */
  int nEnt;
  CalRegion *aReg; /* one per distinct region, in aEnt order */
  int nReg;
  char **azFile; /* names of the texts loaded, for messages */
  int nFile;
};

/* State of one cal_load: the new entries and the problems found. */
typedef struct CalLoad {
  Err items; /* problems, sorted by line before handing over */
  int nErr;
  const char *zFile; /* for messages */
  int iFile;         /* the iFile of this load's entries */
  CalEntry *aNew;
  int nNew, nAlloc;
} CalLoad;

static const char *const azKind[] = {"year", "holiday", "workday"};

/* ---- lifecycle ---------------------------------------------------------- */

Calendar *cal_new(void) {
  return mem_zalloc(sizeof(Calendar));
}

static void cal_entry_free(CalEntry *p) {
  mem_free(p->zRegion);
  mem_free(p->zName);
}

void cal_free(Calendar *c) {
  int i;
  if (!c) return;
  for (i = 0; i < c->nEnt; i++)
    cal_entry_free(&c->aEnt[i]);
  for (i = 0; i < c->nFile; i++)
    mem_free(c->azFile[i]);
  mem_free(c->aEnt);
  mem_free(c->aReg);
  mem_free(c->azFile);
  mem_free(c);
}

/* ---- ordering and the region index -------------------------------------- */

static int cal_entry_key(const CalEntry *p) {
  return p->kind == CAL_YEAR ? p->year : (int)p->from;
}

/* Region, kind, day; ties by load then line, so an older entry comes first
 * and a duplicate is always reported on the newer line. */
static int cal_entry_cmp(const void *pA, const void *pB) {
  const CalEntry *a = pA, *b = pB;
  int rc = strcmp(a->zRegion, b->zRegion);
  if (rc) return rc;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (cal_entry_key(a) != cal_entry_key(b))
    return cal_entry_key(a) < cal_entry_key(b) ? -1 : 1;
  if (a->iFile != b->iFile) return a->iFile < b->iFile ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* Build the region index of a sorted entry array; caller frees *paReg.
 * Inside a region the kinds come in order: years, holidays, make-up days. */
static int cal_index(const CalEntry *a, int n, CalRegion **paReg) {
  CalRegion *aReg = mem_zalloc(sizeof(CalRegion) * (size_t)(n ? n : 1));
  CalRegion *r = NULL;
  int i, nReg = 0;
  for (i = 0; i < n; i++) {
    if (!r || strcmp(r->zRegion, a[i].zRegion) != 0) {
      r = &aReg[nReg++];
      r->zRegion = a[i].zRegion;
      r->nSig = a[i].nSig;
      r->bNational = strcmp(a[i].zRegion, CAL_NATIONAL) == 0;
      r->iYear = i;
    }
    if (a[i].kind == CAL_YEAR) r->nYear++;
    if (a[i].kind == CAL_HOLIDAY) r->nHol++;
    if (a[i].kind == CAL_WORKDAY) r->nWork++;
    r->iHol = r->iYear + r->nYear;
    r->iWork = r->iHol + r->nHol;
  }
  *paReg = aReg;
  return nReg;
}

/* ---- lookups ------------------------------------------------------------ */

/* Index in a[lo, lo+n) of the last entry whose key is <= key, or -1. */
static int cal_find_le(const CalEntry *a, int lo, int n, int key) {
  int hi = lo + n - 1, found = -1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    if (cal_entry_key(&a[mid]) <= key) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

static int cal_has_year(const CalEntry *a, const CalRegion *r, int year) {
  int i = cal_find_le(a, r->iYear, r->nYear, year);
  return i >= 0 && a[i].year == year;
}

/* The holiday of r containing d, or -1. Ranges of one region never overlap
 * once loaded, so the last range starting on or before d is the only one. */
static int cal_find_holiday(const CalEntry *a, const CalRegion *r, Date d) {
  int i = cal_find_le(a, r->iHol, r->nHol, (int)d);
  return i >= 0 && a[i].to >= d ? i : -1;
}

static int cal_is_makeup(const CalEntry *a, const CalRegion *r, Date d) {
  int i = cal_find_le(a, r->iWork, r->nWork, (int)d);
  return i >= 0 && a[i].from == d;
}

/* Does region r's calendar apply to org zRegion? */
static int cal_applies(const CalRegion *r, const char *zRegion) {
  if (r->bNational) return 1;
  return zRegion && strncmp(zRegion, r->zRegion, (size_t)r->nSig) == 0;
}

int cal_covers(const Calendar *c, int year) {
  int i;
  for (i = 0; i < c->nReg; i++) {
    if (c->aReg[i].bNational) return cal_has_year(c->aEnt, &c->aReg[i], year);
  }
  return 0;
}

int cal_is_workday(const Calendar *c, const char *zRegion, Date d) {
  int i, bMakeup = 0;
  for (i = 0; i < c->nReg; i++) {
    const CalRegion *r = &c->aReg[i];
    if (!cal_applies(r, zRegion)) continue;
    if (cal_find_holiday(c->aEnt, r, d) >= 0) return 0;
    if (cal_is_makeup(c->aEnt, r, d)) bMakeup = 1;
  }
  return bMakeup || date_weekday(d) <= 5;
}

/* ---- counting ----------------------------------------------------------- */

static Date cal_last_date(void) {
  Date d = 0;
  Err e = ERR_INIT;
  date_from_ymd(DATE_MAX_YEAR, 12, 31, &d, &e);
  err_clear(&e);
  return d;
}

/* Note in r that the count examined day d (checks each year once). */
static void cal_note_day(const Calendar *c, Date d, int *pYear, CalResult *r) {
  int y = date_year(d);
  if (y == *pYear) return;
  *pYear = y;
  if (!r->uncovered && !cal_covers(c, y)) {
    r->uncovered = 1;
    r->uncoveredYear = y;
  }
}

/* From day d, examined already, forward to the first working day. */
static int cal_roll(const Calendar *c, const char *zRegion, int64_t d,
                    int *pYear, CalResult *pRes) {
  int64_t dMax = cal_last_date();
  if (d > dMax) return FZ_INVALID;
  while (!cal_is_workday(c, zRegion, (Date)d)) {
    if (++d > dMax) return FZ_INVALID;
    cal_note_day(c, (Date)d, pYear, pRes);
  }
  pRes->date = (Date)d;
  return FZ_OK;
}

int cal_add_workdays(const Calendar *c, const char *zRegion, Date start, int n,
                     CalResult *r) {
  CalResult res = {start, 0, 0};
  int64_t d = start, dMax = cal_last_date();
  int year = INT32_MIN, rc;
  if (n < 0) return FZ_INVALID;
  if (n == 0) {
    cal_note_day(c, start, &year, &res);
  }
  while (n > 0) {
    if (++d > dMax) return FZ_INVALID;
    cal_note_day(c, (Date)d, &year, &res);
    if (cal_is_workday(c, zRegion, (Date)d)) n--;
  }
  rc = cal_roll(c, zRegion, d, &year, &res);
  if (rc == FZ_OK) *r = res;
  return rc;
}

int cal_add_days(const Calendar *c, const char *zRegion, Date start, int n,
                 CalResult *r) {
  CalResult res = {start, 0, 0};
  int64_t d = (int64_t)start + n;
  int year = INT32_MIN, rc;
  if (n < 0) return FZ_INVALID;
  if (d <= cal_last_date()) cal_note_day(c, (Date)d, &year, &res);
  rc = cal_roll(c, zRegion, d, &year, &res);
  if (rc == FZ_OK) *r = res;
  return rc;
}

int cal_add_months(Date start, int n, Date *pOut) {
  int y, m, d, dim, rc;
  int64_t t, ny;
  Err e = ERR_INIT;
  date_to_ymd(start, &y, &m, &d);
  t = (int64_t)y * 12 + (m - 1) + n;
  ny = t >= 0 ? t / 12 : -((-t + 11) / 12); /* floor */
  if (ny < DATE_MIN_YEAR || ny > DATE_MAX_YEAR) return FZ_INVALID;
  m = (int)(t - ny * 12) + 1;
  dim = date_days_in_month((int)ny, m);
  rc = date_from_ymd((int)ny, m, d < dim ? d : dim, pOut, &e);
  err_clear(&e);
  return rc;
}

/* ---- parsing ------------------------------------------------------------ */

/* Record one problem of the load at line; the message is printf-style. */
static void cal_bad(CalLoad *p, long line, const char *zCol, const char *zVal,
                    const char *zFmt, ...)
    __attribute__((format(printf, 5, 6)));
static void cal_bad(CalLoad *p, long line, const char *zCol, const char *zVal,
                    const char *zFmt, ...) {
  Str s = STR_INIT;
  va_list ap;
  va_start(ap, zFmt);
  str_vappendf(&s, zFmt, ap);
  va_end(ap);
  err_add_item(&p->items, line, zCol, zVal, "第%ld行：%s", line, str_cstr(&s));
  str_free(&s);
  p->nErr++;
}

static int cal_is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Trim z in place; returns its new start. */
static char *cal_trim(char *z) {
  size_t n;
  while (cal_is_space(*z))
    z++;
  n = strlen(z);
  while (n > 0 && cal_is_space(z[n - 1]))
    z[--n] = 0;
  return z;
}

/* Split z in place at commas into up to CAL_NFIELD trimmed fields; returns
 * the number of fields found (more than CAL_NFIELD means too many). */
static int cal_split(char *z, char **azField) {
  int n = 0;
  for (;;) {
    char *zComma = strchr(z, ',');
    if (zComma) *zComma = 0;
    if (n < CAL_NFIELD) azField[n] = cal_trim(z);
    n++;
    if (!zComma) return n;
    z = zComma + 1;
  }
}

/* "CN" or an org code of 1 to 12 digits, not all zeros: sets *pnSig. */
static int cal_parse_region(const char *z, int *pnSig) {
  int n = 0;
  if (strcmp(z, CAL_NATIONAL) == 0) {
    *pnSig = 2;
    return 1;
  }
  while (z[n] >= '0' && z[n] <= '9')
    n++;
  if (n == 0 || n > CAL_MAX_REGION || z[n]) return 0;
  while (n > 0 && z[n - 1] == '0')
    n--;
  *pnSig = n;
  return n > 0;
}

static int cal_parse_year(const char *z, int *pYear) {
  int i, y = 0;
  for (i = 0; i < 4; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    y = y * 10 + (z[i] - '0');
  }
  *pYear = y;
  return z[4] == 0 && y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR;
}

static int cal_parse_kind(const char *z) {
  int i;
  for (i = 0; i < (int)(sizeof azKind / sizeof azKind[0]); i++) {
    if (strcmp(z, azKind[i]) == 0) return i;
  }
  return -1;
}

/* Parse a from/to field; on failure list date_parse's reason. */
static int cal_parse_date(CalLoad *p, long line, const char *zCol,
                          const char *z, Date *pD) {
  Err e = ERR_INIT;
  int ok = date_parse(z, 0, pD, &e) == FZ_OK;
  if (!ok) cal_bad(p, line, zCol, z, "%s 列：%s", zCol, err_msg(&e));
  err_clear(&e);
  return ok;
}

/* The from/to checks of a holiday or make-up day; 1 when all pass. */
static int cal_check_range(CalLoad *p, long line, char **az, CalEntry *pE) {
  int nErr = p->nErr;
  if (!cal_parse_date(p, line, "from", az[3], &pE->from)) return 0;
  if (!cal_parse_date(p, line, "to", az[4], &pE->to)) return 0;
  if (pE->to < pE->from) {
    cal_bad(p, line, "to", az[4], "结束日期 %s 早于开始日期 %s", az[4], az[3]);
  } else if (date_year(pE->from) != date_year(pE->to)) {
    cal_bad(p, line, "to", az[4], "假期 %s 至 %s 跨年，请按年份分成两行", az[3],
            az[4]);
  } else if (date_year(pE->from) != pE->year) {
    cal_bad(p, line, "year", az[1], "year 列 %s 与日期 %s 的年份不符", az[1],
            az[3]);
  }
  if (pE->kind == CAL_WORKDAY && pE->from != pE->to) {
    cal_bad(p, line, "to", az[4], "调休上班日应为单日（from 与 to 相同）");
  } else if (pE->kind == CAL_WORKDAY && date_weekday(pE->from) <= 5) {
    cal_bad(p, line, "from", az[3], "调休上班日 %s 不是周六或周日", az[3]);
  }
  return p->nErr == nErr;
}

/* Check the fields of one data line into *pE; 1 when it is good. */
static int cal_parse_fields(CalLoad *p, long line, char **az, CalEntry *pE) {
  if (!cal_parse_region(az[0], &pE->nSig)) {
    cal_bad(p, line, "region", az[0], "地区应为 CN 或 12 位机构代码");
    return 0;
  }
  if (!cal_parse_year(az[1], &pE->year)) {
    cal_bad(p, line, "year", az[1], "年份应为 %d 至 %d 的四位数", DATE_MIN_YEAR,
            DATE_MAX_YEAR);
    return 0;
  }
  pE->kind = cal_parse_kind(az[2]);
  if (pE->kind < 0) {
    cal_bad(p, line, "kind", az[2],
            "未知类别“%s”，应为 year、holiday 或 workday", az[2]);
    return 0;
  }
  if (pE->kind != CAL_YEAR) return cal_check_range(p, line, az, pE);
  if (az[3][0] || az[4][0]) {
    cal_bad(p, line, az[3][0] ? "from" : "to", az[3][0] ? az[3] : az[4],
            "year 行的 from、to 列应为空");
    return 0;
  }
  return 1;
}

/* Parse one data line (z is a writable copy) and keep it if good. */
static void cal_parse_line(CalLoad *p, long line, char *z) {
  char *az[CAL_NFIELD];
  CalEntry ent;
  int n = cal_split(z, az);
  if (n != CAL_NFIELD) {
    cal_bad(p, line, NULL, NULL, "应有 %d 列（%s），此行有 %d 列", CAL_NFIELD,
            CAL_HEADER, n);
    return;
  }
  memset(&ent, 0, sizeof ent);
  if (!cal_parse_fields(p, line, az, &ent)) return;
  if (p->nNew == p->nAlloc) {
    p->nAlloc = p->nAlloc ? p->nAlloc * 2 : 64;
    p->aNew = mem_realloc(p->aNew, sizeof(CalEntry) * (size_t)p->nAlloc);
  }
  ent.zRegion = mem_strdup(az[0]);
  ent.zName = mem_strdup(az[5]);
  ent.iFile = p->iFile;
  ent.line = line;
  p->aNew[p->nNew++] = ent;
}

/* Parse the whole text: a header first, then data lines. */
static void cal_parse_text(CalLoad *p, const char *zText) {
  const char *z = zText ? zText : "";
  long line = 0;
  int bHeader = 0;
  if (strncmp(z, "\xEF\xBB\xBF", 3) == 0) z += 3; /* BOM from Excel */
  while (*z) {
    const char *zEol = strchr(z, '\n');
    size_t n = zEol ? (size_t)(zEol - z) : strlen(z);
    char *zLine = mem_strndup(z, n);
    char *zTrim = cal_trim(zLine);
    line++;
    if (zTrim[0] == 0 || zTrim[0] == '#') {
      /* blank or comment */
    } else if (!bHeader) {
      bHeader = 1;
      if (strcmp(zTrim, CAL_HEADER) != 0) {
        cal_bad(p, line, NULL, zTrim, "首行应为表头 %s", CAL_HEADER);
      }
    } else {
      cal_parse_line(p, line, zTrim);
    }
    mem_free(zLine);
    z += n + (zEol ? 1 : 0);
  }
  if (!bHeader) cal_bad(p, 1, NULL, NULL, "文件为空，缺少表头 %s", CAL_HEADER);
}

/* ---- cross-checks over old + new entries -------------------------------- */

/* "cn.csv 第12行" for an entry, into s. */
static const char *cal_where(const Calendar *c, const CalLoad *p,
                             const CalEntry *pE, Str *s) {
  const char *zFile = pE->iFile < c->nFile ? c->azFile[pE->iFile] : p->zFile;
  str_reset(s);
  str_appendf(s, "%s 第%ld行", zFile, pE->line);
  return str_cstr(s);
}

/* Report that the later of a and b (by load, then line) clashes with the
 * other: an entry already loaded is never the one at fault. */
static void cal_clash(const Calendar *c, CalLoad *p, const CalEntry *a,
                      const CalEntry *b, const char *zWhat) {
  int bLater = b->iFile != a->iFile ? b->iFile > a->iFile : b->line > a->line;
  const CalEntry *pNew = bLater ? b : a;
  const CalEntry *pOld = bLater ? a : b;
  Str s = STR_INIT, v = STR_INIT;
  if (pNew->kind == CAL_YEAR) {
    str_appendf(&v, "%d", pNew->year);
  } else {
    date_format_iso(&v, pNew->from);
  }
  cal_bad(p, pNew->line, pNew->kind == CAL_YEAR ? "year" : "from", str_cstr(&v),
          "%s（与 %s“%s”）", zWhat, cal_where(c, p, pOld, &s), pOld->zName);
  str_free(&s);
  str_free(&v);
}

static void cal_check_years(const Calendar *c, CalLoad *p, const CalEntry *a,
                            const CalRegion *r) {
  int i;
  for (i = r->iYear + 1; i < r->iYear + r->nYear; i++) {
    if (a[i].year == a[i - 1].year) {
      cal_clash(c, p, &a[i - 1], &a[i], "同一地区的 year 行重复");
    }
  }
}

/* Ranges sorted by start overlap iff one starts before the furthest end
 * seen so far. */
static void cal_check_holidays(const Calendar *c, CalLoad *p, const CalEntry *a,
                               const CalRegion *r) {
  int i, iMax = r->iHol;
  for (i = r->iHol + 1; i < r->iHol + r->nHol; i++) {
    if (a[i].from <= a[iMax].to) {
      cal_clash(c, p, &a[iMax], &a[i], "假期日期重叠");
    }
    if (a[i].to > a[iMax].to) iMax = i;
  }
}

static void cal_check_workdays(const Calendar *c, CalLoad *p, const CalEntry *a,
                               const CalRegion *r) {
  int i, iHol;
  for (i = r->iWork; i < r->iWork + r->nWork; i++) {
    if (i > r->iWork && a[i].from == a[i - 1].from) {
      cal_clash(c, p, &a[i - 1], &a[i], "调休上班日重复");
    }
    iHol = cal_find_holiday(a, r, a[i].from);
    if (iHol >= 0 && (a[i].iFile == p->iFile || a[iHol].iFile == p->iFile)) {
      cal_clash(c, p, &a[iHol], &a[i], "同一天既是假日又是调休上班日");
    }
  }
}

/* Every new holiday and make-up day needs its region's year line. */
static void cal_check_coverage(CalLoad *p, const CalEntry *a,
                               const CalRegion *r) {
  int i;
  for (i = r->iHol; i < r->iWork + r->nWork; i++) {
    if (a[i].iFile != p->iFile || cal_has_year(a, r, a[i].year)) continue;
    cal_bad(p, a[i].line, "year", NULL,
            "%d 年没有 year 行（应有“%s,%d,year,,,”）", a[i].year, a[i].zRegion,
            a[i].year);
  }
}

static void cal_check_all(const Calendar *c, CalLoad *p, const CalEntry *a,
                          const CalRegion *aReg, int nReg) {
  int i;
  for (i = 0; i < nReg; i++) {
    cal_check_years(c, p, a, &aReg[i]);
    cal_check_holidays(c, p, a, &aReg[i]);
    cal_check_workdays(c, p, a, &aReg[i]);
    cal_check_coverage(p, a, &aReg[i]);
  }
}

/* ---- loading ------------------------------------------------------------ */

int cal_load(Calendar *c, const char *zText, const char *zFile, Err *e) {
  CalLoad ld;
  CalEntry *aAll = NULL;
  CalRegion *aReg = NULL;
  int i, nAll, nReg = 0, rc = FZ_OK;

  memset(&ld, 0, sizeof ld);
  ld.zFile = zFile ? zFile : "日历";
  ld.iFile = c->nFile;
  cal_parse_text(&ld, zText);
  nAll = c->nEnt + ld.nNew;
  if (ld.nErr == 0) {
    aAll = mem_alloc(sizeof(CalEntry) * (size_t)(nAll ? nAll : 1));
    if (c->nEnt) memcpy(aAll, c->aEnt, sizeof(CalEntry) * (size_t)c->nEnt);
    if (ld.nNew) {
      memcpy(aAll + c->nEnt, ld.aNew, sizeof(CalEntry) * (size_t)ld.nNew);
    }
    qsort(aAll, (size_t)nAll, sizeof(CalEntry), cal_entry_cmp);
    nReg = cal_index(aAll, nAll, &aReg);
    cal_check_all(c, &ld, aAll, aReg, nReg);
  }
  if (ld.nErr) {
    for (i = 0; i < ld.nNew; i++)
      cal_entry_free(&ld.aNew[i]);
    mem_free(aAll);
    mem_free(aReg);
    err_sort_items(&ld.items);
    rc = err_set_at(e, FZ_INVALID, ld.items.aItem[0].row, NULL,
                    "%s 有 %d 处错误，日历未载入：%s", ld.zFile, ld.nErr,
                    ld.items.aItem[0].msg);
    if (e) err_take_items(e, &ld.items);
    goto cleanup;
  }
  mem_free(c->aEnt);
  mem_free(c->aReg);
  c->aEnt = aAll;
  c->nEnt = nAll;
  c->aReg = aReg;
  c->nReg = nReg;
  c->azFile = mem_realloc(c->azFile, sizeof(char *) * (size_t)(c->nFile + 1));
  c->azFile[c->nFile++] = mem_strdup(ld.zFile);

cleanup:
  mem_free(ld.aNew);
  err_clear(&ld.items);
  return rc;
}
