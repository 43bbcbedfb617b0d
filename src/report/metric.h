/* metric.h — the metric catalog: every figure a report states is a named
 * metric (mediation.accepted, aid.recovered, recon.accepted.yoy …) with a
 * Chinese label, a unit and one SQL aggregate over one register, evaluated
 * for any org subtree and year. Composite metrics (rates, year-on-year)
 * are computed from others, exactly, and rounded only when formatted. */
#ifndef FZ_METRIC_H
#define FZ_METRIC_H

#include <stdint.h>

#include "../base/err.h"
#include "../base/str.h"
#include "../store/db.h"

enum {
  MK_COUNT, /* whole number: a count or a sum of counts */
  MK_MONEY, /* a sum of money, in fen */
  MK_RATE,  /* zNum / zDen, both metrics */
  MK_YOY,   /* zNum this year against last year */
  MK_ALL,   /* "every record does": total and the number that do not */
  MK_LIST,  /* names (townships still lacking village sites …) */
  MK_DL_RATE, /* statutory deadlines due in the year met on time / all due
                 (zNum: the rules' id prefix, "" for every rule) */
  MK_DL_OVERDUE /* deadlines overdue at the year's end (or today) */
};

typedef struct Metric {
  const char *zName;     /* "mediation.rate" */
  const char *zLabel;    /* "矛盾纠纷化解率" */
  const char *zUnit;     /* "起", "件", "%", "元" … ("" when none) */
  int kind;              /* MK_* */
  const char *zRegister; /* the register behind it (links), or NULL */
  /* MK_COUNT / MK_MONEY: SELECT value, records (NULL: a kept figure of
   * that name, domain/kept.h); MK_ALL: SELECT total,
   * failing; MK_LIST: SELECT name … rows. Parameters: ?1 ?2 the org
   * subtree's code range, ?3 ?4 the period's first and last day. */
  const char *zSql;
  const char *zNum, *zDen; /* MK_RATE: numerator and denominator metrics;
                              MK_YOY: zNum the metric compared */
  const char *zDef;      /* the definition, in Chinese, for the appendix */
} Metric;

typedef struct MetricValue {
  const Metric *pMetric;
  int64_t v;        /* the value; a rate's numerator; this year's (YOY) */
  int64_t den;      /* a rate's denominator; last year's value (YOY);
                       MK_ALL: the records that fail */
  int64_t nRecords; /* records behind the figure */
  char *zList;      /* MK_LIST: names joined with "、" (owned) */
} MetricValue;

/* Where and when: an org subtree and a calendar year. */
typedef struct MetricScope {
  char zOrg[80];
  char zLo[80], zHi[80]; /* the subtree's code range */
  char zFrom[24], zTo[24];
  int year;
} MetricScope;

extern const Metric metric_all[];
extern const int metric_count;

const Metric *metric_find(const char *zName);

/* FZ_NOTFOUND when the org does not exist; FZ_INVALID for a year outside
 * 2000..2100. */
int metric_scope(Db *db, const char *zOrg, int year, MetricScope *pScope,
                 Err *e);

int metric_eval(Db *db, const Metric *m, const MetricScope *s, MetricValue *pV,
                Err *e);
void metric_value_clear(MetricValue *v);

/* The records behind a figure, in id order (*paId the caller's to free):
 * a count's or a sum's own; a rate's numerator's; a year-on-year change's
 * this year's. *pzRegister names their register. FZ_USAGE for a figure that
 * counts no register's records (org units, deadlines, lists). */
int metric_records(Db *db, const Metric *m, const MetricScope *s, const char **pzRegister,
                   int64_t **paId, int *pnId, Err *e);

/* Format a value: "" or NULL picks the metric's natural form. Formats:
 *   int   12345            pct  99.44% / 100%        yoy  同比增长100%
 *   wan   2150 (万, money in 万元; counts to one decimal: 60.4)
 *   yu    700余 / 2万余     list 王加、宁秀            bool 是/否
 * FZ_INVALID for a format that does not fit the metric. */
int metric_format(const MetricValue *v, const char *zFmt, Str *s, Err *e);
int metric_format_known(const char *zFmt); /* 1 when zFmt is a format name */

/* Truth for a template conditional: MK_ALL all do (and some exist), a rate
 * of 100%, a count or sum above zero, a non-empty list. */
int metric_truth(const MetricValue *v);

#endif
