/* clock.h — the current time as stored in records: UTC, ISO 8601 with a Z.
 * One place, so tests and the audit log agree on the form. */
#ifndef FZ_CLOCK_H
#define FZ_CLOCK_H

#include <stddef.h>

#define CLOCK_ISO_LEN 21 /* "2024-03-05T08:30:00Z" plus the NUL */

/* Writes the current UTC time into zBuf (at least CLOCK_ISO_LEN bytes) and
 * returns zBuf. */
const char *clock_now_iso(char *zBuf, size_t n);

#endif
