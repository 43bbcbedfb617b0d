/* template.h — the report template: a text file of blocks (@title, @h1,
 * @para, @sign, @date) whose sentences carry {{metric|format}} references,
 * narrative slots, lead-ins and conditionals (syntax in
 * data/report/default.tmpl). Rendering evaluates each metric once and
 * builds a Doc; every reference is checked first, and an unknown metric,
 * format or an unbalanced conditional is an error naming its line. */
#ifndef FZ_TEMPLATE_H
#define FZ_TEMPLATE_H

#include "../base/err.h"
#include "../domain/reg.h"
#include "doc.h"
#include "metric.h"

/* What a template is rendered against. */
typedef struct ReportInput {
  Db *db;
  const MetricScope *scope;
  const Record *pNarrative; /* the year's report record, or NULL */
  const char *zIssuer;      /* "泽库县司法局" */
  const char *zOrgName;     /* "泽库县" */
  const char *zDate;        /* "2025年1月10日" */
} ReportInput;

/* Check a template without data: syntax, metric names, formats and narrative
 * fields. zName names the file in messages. */
int template_check(const char *zText, const char *zName, Err *e);

/* Render into d (appending blocks). */
int template_render(const char *zText, const char *zName, const ReportInput *in,
                    Doc *d, Err *e);

/* The default template, built into the binary from data/report/default.tmpl. */
extern const char template_default[];

#endif
