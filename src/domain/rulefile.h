/* rulefile.h — reading the deadline rule table (data/rules/deadlines.csv)
 * through the CSV reader, checking every rule against the registers. */
#ifndef FZ_RULEFILE_H
#define FZ_RULEFILE_H

#include "deadline.h"

/* Parse zText (a whole file): all or nothing; every problem is an item
 * naming its line. */
int rulefile_parse(DeadlineRules *p, const char *zText, const char *zFile, Err *e);

/* The built-in table (data/rules/deadlines.csv), parsed once: the rules
 * the report's figures and the kept deadline outcomes are counted by. */
const DeadlineRules *rulefile_builtin(void);

#endif
