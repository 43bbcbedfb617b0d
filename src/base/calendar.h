/* calendar.h — the Chinese working-day calendar: the State Council's holidays
 * and make-up working days (调休上班) per year, plus local holidays, loaded
 * from CSV, and the two ways the law counts a deadline (LAW.md §0, §11). */
#ifndef FZ_CALENDAR_H
#define FZ_CALENDAR_H

#include "date.h"
#include "err.h"

/* The national region; any other region is an org code (632300000000). */
#define CAL_NATIONAL "CN"

typedef struct Calendar Calendar;

/* Where a count ended. uncovered is set when the count examined a day of a
 * year with no CN `year` line: ordinary weeks were assumed there, and the
 * caller should warn. uncoveredYear is the first such year, 0 if none. */
typedef struct CalResult {
  Date date;
  int uncovered;
  int uncoveredYear;
} CalResult;

Calendar *cal_new(void); /* empty; never NULL; free with cal_free */
void cal_free(Calendar *c);

/* Add the entries of one CSV text (header `region,year,kind,from,to,name`,
 * kinds year/holiday/workday, # comments). All or nothing: FZ_OK, or
 * FZ_INVALID with every problem listed in e (line, column, value, reason),
 * a summary as e's message, and c unchanged. zFile names the text in
 * messages (may be NULL). Checks against entries already loaded too. */
int cal_load(Calendar *c, const char *zText, const char *zFile, Err *e);

/* True when the national calendar of year was loaded. */
int cal_covers(const Calendar *c, int year);

/* True when d is a working day for zRegion: Mon–Fri or a make-up day, and
 * not a holiday. National entries always apply; a local entry applies when
 * zRegion starts with its region code less trailing zeros (632300000000
 * applies to 632323000000). zRegion NULL: national entries only. A holiday
 * of any applicable region wins over a make-up day of another. */
int cal_is_workday(const Calendar *c, const char *zRegion, Date d);

/* The n-th working day after start, start not counted (行政复议法 第88条);
 * n = 0 gives start if it is a working day, else the next one. FZ_OK, or
 * FZ_INVALID for n < 0 or an answer past DATE_MAX_YEAR (*r untouched). */
int cal_add_workdays(const Calendar *c, const char *zRegion, Date start, int n,
                     CalResult *r);

/* start + n calendar days, rolled forward to the next working day when that
 * day is a weekend or holiday (民事诉讼法 第85条). Same returns as above. */
int cal_add_days(const Calendar *c, const char *zRegion, Date start, int n,
                 CalResult *r);

/* The same day n months later (n may be negative), clamped to the month's
 * end: 2024-01-31 + 1 = 2024-02-29. No rollover: for validity periods.
 * FZ_OK, or FZ_INVALID when the answer is outside the supported years. */
int cal_add_months(Date start, int n, Date *pOut);

#endif
