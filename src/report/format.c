/* format.c — how a metric's value reads in a report: exact fractions are
 * rounded half-up only here, at the end (353/355 → 99.44%), and the
 * official phrasings (同比增长100%, 2150万元, 700余次) are built from
 * integers, never from floating point. */
#include <string.h>

#include "../base/money.h"
#include "metric.h"

static const char *const azFormat[] = {"bool", "int", "list", "pct",
                                       "wan",  "yoy", "yu"};

int metric_format_known(const char *zFmt) {
  size_t i;
  for (i = 0; i < sizeof azFormat / sizeof azFormat[0]; i++) {
    if (strcmp(zFmt, azFormat[i]) == 0) return 1;
  }
  return 0;
}

/* num/den as a percentage rounded half-up to two decimals, whole when
 * exact: 353/355 → 99.44%, 4/4 → 100%, 1/3 → 33.33%. */
static void fmt_percent(Str *s, int64_t num, int64_t den) {
  int64_t bp;
  if (den <= 0) {
    str_puts(s, "—"); /* no denominator, no rate: never a division by zero */
    return;
  }
  bp = (2 * num * 10000 + den) / (2 * den); /* hundredths of a percent */
  if (bp % 100 == 0) str_appendf(s, "%lld%%", (long long)(bp / 100));
  else str_appendf(s, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

/* v/unit rounded half-up to two decimals, trailing zeros dropped:
 * 604000/10000 → 60.4. */
static void fmt_scaled(Str *s, int64_t v, int64_t unit) {
  int64_t h = (2 * v * 100 + unit) / (2 * unit); /* hundredths */
  int64_t frac = h % 100;
  str_appendf(s, "%lld", (long long)(h / 100));
  if (frac % 10 == 0 && frac) str_appendf(s, ".%lld", (long long)(frac / 10));
  else if (frac) str_appendf(s, ".%02lld", (long long)frac);
}

/* 同比增长100% / 同比下降25% / 与上年持平. */
static void fmt_yoy(Str *s, int64_t now, int64_t last) {
  if (now == last) {
    str_puts(s, "与上年持平");
  } else if (last == 0) {
    str_puts(s, "上年为0");
  } else {
    str_puts(s, now > last ? "同比增长" : "同比下降");
    fmt_percent(s, now > last ? now - last : last - now, last);
  }
}

/* Rounded down, with 余: 712 → 700余, 20560 → 2万余, 1733 → 1700余. */
static void fmt_yu(Str *s, int64_t v) {
  if (v >= 10000) str_appendf(s, "%lld万余", (long long)(v / 10000));
  else if (v >= 100) str_appendf(s, "%lld余", (long long)(v / 100 * 100));
  else if (v >= 10) str_appendf(s, "%lld余", (long long)(v / 10 * 10));
  else str_appendf(s, "%lld", (long long)v);
}

/* 王加乡、宁秀镇 → 王加、宁秀: townships named the way reports name them. */
static void fmt_short_list(Str *s, const char *z) {
  const char *zSep;
  size_t n;
  while (z && *z) {
    zSep = strstr(z, "、");
    n = zSep ? (size_t)(zSep - z) : strlen(z);
    if (n > 3 && (strncmp(z + n - 3, "乡", 3) == 0 || strncmp(z + n - 3, "镇", 3) == 0))
      str_append(s, z, n - 3);
    else
      str_append(s, z, n);
    if (!zSep) break;
    str_puts(s, "、");
    z = zSep + strlen("、");
  }
}

int metric_truth(const MetricValue *v) {
  switch (v->pMetric->kind) {
  case MK_ALL: return v->v > 0 && v->den == 0;
  case MK_RATE:
  case MK_DL_RATE: return v->den > 0 && v->v == v->den;
  case MK_YOY: return v->v > v->den;
  case MK_LIST: return v->zList && v->zList[0];
  default: return v->v > 0;
  }
}

/* The natural format of each kind. */
static const char *default_format(int kind) {
  switch (kind) {
  case MK_RATE:
  case MK_DL_RATE: return "pct";
  case MK_YOY: return "yoy";
  case MK_ALL: return "bool";
  case MK_LIST: return "list";
  default: return "int";
  }
}

int metric_format(const MetricValue *v, const char *zFmt, Str *s, Err *e) {
  int kind = v->pMetric->kind;
  if (!zFmt || !zFmt[0]) zFmt = default_format(kind);
  if (kind == MK_DL_RATE) kind = MK_RATE;        /* the same arithmetic */
  if (kind == MK_DL_OVERDUE) kind = MK_COUNT;
  if (strcmp(zFmt, "pct") == 0 && kind == MK_RATE) fmt_percent(s, v->v, v->den);
  else if (strcmp(zFmt, "yoy") == 0 && kind == MK_YOY) fmt_yoy(s, v->v, v->den);
  else if (strcmp(zFmt, "bool") == 0) str_puts(s, metric_truth(v) ? "是" : "否");
  else if (strcmp(zFmt, "list") == 0 && kind == MK_LIST) fmt_short_list(s, v->zList);
  else if (strcmp(zFmt, "int") == 0 && kind == MK_COUNT) str_appendf(s, "%lld", (long long)v->v);
  else if (strcmp(zFmt, "int") == 0 && kind == MK_MONEY) money_format_yuan(s, v->v);
  else if (strcmp(zFmt, "wan") == 0 && kind == MK_MONEY) money_format_wan(s, v->v, 2);
  else if (strcmp(zFmt, "wan") == 0 && kind == MK_COUNT) fmt_scaled(s, v->v, 10000);
  else if (strcmp(zFmt, "yu") == 0 && kind == MK_COUNT) fmt_yu(s, v->v);
  else {
    return err_set(e, FZ_INVALID, "格式“%s”不适用于指标 %s（%s）", zFmt,
                   v->pMetric->zName, v->pMetric->zLabel);
  }
  return FZ_OK;
}
