/* deadline.h — statutory deadlines: a rule table read from data (what
 * starts the clock, how long in which unit, what stops it, extensions,
 * suspensions, the source), evaluated against every live record with the
 * working-day calendar, giving each deadline's date and state.
 *
 *   not_started --start field set--> running --within N days--> due_soon
 *        running / due_soon --stop field set--> met | met_late
 *        running / due_soon --today past due--> overdue
 */
#ifndef FZ_DEADLINE_H
#define FZ_DEADLINE_H

#include "../base/calendar.h"
#include "reg.h"

enum { DL_NOT_STARTED, DL_RUNNING, DL_DUE_SOON, DL_OVERDUE, DL_MET, DL_MET_LATE,
       DL_TOO_SHORT, DL_STATE_COUNT };

typedef struct DeadlineRule {
  char *zId, *zRegister, *zLabel, *zStart, *zStop, *zWhenField, *zWhenValue;
  char *zExtend, *zSuspendFrom, *zSuspendTo, *zSource;
  int minimum;  /* a "not before" rule (a review too short), not a due date */
  int unit;     /* DU_* */
  int n, extendN;
  int line;     /* in the rule file, for messages */
} DeadlineRule;

enum { DU_WORKDAY, DU_DAY, DU_MONTH, DU_YEAR };

typedef struct DeadlineRules {
  DeadlineRule *aRule;
  int nRule;
} DeadlineRules;

/* Rules are read from data by rulefile.c. */
void deadline_rules_clear(DeadlineRules *p);
extern const char deadline_rules_default[]; /* data/rules/deadlines.csv */

typedef struct Deadline {
  const DeadlineRule *pRule;
  const Record *pRecord;
  Date start, due, stop; /* stop 0 when the clock still runs */
  int hasStart, hasStop;
  int state;             /* DL_* */
  int daysLeft;          /* due - today (negative when overdue) */
  int uncoveredYear;     /* non-zero: no calendar loaded for that year */
} Deadline;

typedef int (*DeadlineVisit)(const Deadline *d, void *pArg);

/* Every deadline of every live record of the subtree zOrg (NULL: the
 * actor's scope), judged at `today`; "due soon" is within nSoon days. */
int deadline_walk(Db *db, const Actor *a, const DeadlineRules *rules,
                  const Calendar *cal, const char *zOrg, Date today, int nSoon,
                  DeadlineVisit xVisit, void *pArg, Err *e);

/* Every deadline of record r under the rules of its register, judged at
 * `today` (what the walk does for each record it reads). */
int deadline_each(const DeadlineRules *rules, const Calendar *cal, const Record *r,
                  Date today, int nSoon, DeadlineVisit xVisit, void *pArg);

/* The fields of p the rules read (RegQuery.only): all a walk loads. */
uint64_t deadline_rule_fields(const DeadlineRules *rules, const Register *p);

/* The calendar in force: the built-in national one (data/calendar/cn.csv)
 * and every file imported since (calendar_file). *pp is the caller's to
 * cal_free. */
int deadline_calendar(Db *db, Calendar **pp, Err *e);
/* Check a calendar file against the ones in force and store it. */
int deadline_calendar_import(Db *db, const char *zName, const char *zText,
                             const char *zActor, Err *e);
extern const char calendar_default[]; /* data/calendar/cn.csv */

const char *deadline_state_label(int state); /* Chinese */
const char *deadline_state_code(int state);

#endif
