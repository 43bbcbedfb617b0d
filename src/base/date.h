/* date.h — calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), parsed from the forms clerks type and Excel writes, formatted
 * as ISO (2024-03-05) or official Chinese (2024年3月5日). */
#ifndef FZ_DATE_H
#define FZ_DATE_H

#include <stdint.h>

#include "err.h"
#include "str.h"

typedef int32_t Date;

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199

/* date_parse flags */
#define DATE_ALLOW_SERIAL 0x01 /* a bare number is an Excel date serial */

int date_is_leap(int y);
int date_days_in_month(int y, int m); /* 0 for a month out of 1..12 */

/* FZ_OK and *pD set, or FZ_INVALID with a Chinese message naming the value. */
int date_from_ymd(int y, int m, int d, Date *pD, Err *e);
void date_to_ymd(Date d, int *py, int *pm, int *pd);

/* Accepts 2024-03-05, 2024-3-5, 2024/3/5, 2024.03.05, 2024年3月5日 (surrounding
 * white space ignored) and, with DATE_ALLOW_SERIAL, an Excel serial such as
 * 45356 (the 1900 date system, with Excel's phantom 1900-02-29). */
int date_parse(const char *z, int flags, Date *pD, Err *e);
int date_from_excel_serial(double serial, Date *pD, Err *e);
double date_to_excel_serial(Date d);

void date_format_iso(Str *s, Date d); /* 2024-03-05 */
void date_format_cn(Str *s, Date d);  /* 2024年3月5日 */

int date_weekday(Date d); /* 1 = Monday … 7 = Sunday (ISO 8601) */
int date_year(Date d);
Date date_today(void);    /* local date of the machine */

#endif
