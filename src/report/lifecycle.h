/* lifecycle.h — a report's life: draft → approved (its figures frozen as a
 * dated snapshot, after consistency checks) → published; and, later, which
 * figures changed since approval and which records made them change.
 *
 *   draft --report_approve--> approved --report_publish--> published
 *     (checks must pass, or an override reason is given and audited)
 */
#ifndef FZ_LIFECYCLE_H
#define FZ_LIFECYCLE_H

#include "../base/str.h"
#include "../domain/reg.h"

/* Run the consistency checks (totals equal their parts, parts within their
 * wholes, rates recompute from their counts). Each failure is an item of e;
 * FZ_INVALID when any failed. */
int report_check(Db *db, const char *zOrg, int year, Err *e);

/* Check, freeze every figure, mark the year's report record approved. With
 * failing checks it is refused unless zOverride gives a reason (audited). */
int report_approve(Db *db, const Actor *a, const char *zOrg, int year,
                   const char *zOverride, Err *e);

/* Mark an approved report published. */
int report_publish(Db *db, const Actor *a, const char *zOrg, int year, Err *e);

/* What changed since approval: each figure whose value moved, and the
 * records of its register written since, as text lines in out. *pnChanged
 * counts the figures that changed. */
int report_diff(Db *db, const char *zOrg, int year, Str *out, int *pnChanged,
                Err *e);

#endif
