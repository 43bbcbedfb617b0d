/* cmd_due.c — deadlines: `due` lists every running, due-soon and overdue
 * deadline (most urgent first) with its record, rule and source;
 * `calendar import` adds a year's holidays or local ones. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/file.h"
#include "../base/mem.h"
#include "../domain/deadline.h"
#include "../domain/rulefile.h"
#include "commands.h"

typedef struct Item {
  Deadline d;
  char *zRecord; /* "行政复议第 3 号（632323000000-SFJ）" */
  int64_t id;
} Item;

typedef struct Due {
  Item *a;
  int n, nAlloc;
  int all;          /* --all: met and not-started ones too */
  int aUncovered[8];
  int nUncovered;
} Due;

static void note_uncovered(Due *du, int year) {
  int i;
  for (i = 0; i < du->nUncovered; i++) {
    if (du->aUncovered[i] == year) return;
  }
  if (du->nUncovered < 8) du->aUncovered[du->nUncovered++] = year;
}

static int collect(const Deadline *d, void *pArg) {
  Due *du = pArg;
  Item *it;
  Str s = STR_INIT;
  if (!du->all && (d->state == DL_NOT_STARTED || d->state == DL_MET)) return FZ_OK;
  if (d->uncoveredYear) note_uncovered(du, d->uncoveredYear); /* of what is listed */
  if (du->n == du->nAlloc) {
    du->nAlloc = du->nAlloc ? 2 * du->nAlloc : 64;
    du->a = mem_realloc(du->a, sizeof(Item) * (size_t)du->nAlloc);
  }
  it = &du->a[du->n++];
  it->d = *d;
  it->d.pRecord = NULL; /* the record is gone after the visit */
  it->id = d->pRecord->id;
  str_appendf(&s, "%s第 %lld 号（%s）", d->pRecord->pReg->zLabel,
              (long long)d->pRecord->id, d->pRecord->zOrg);
  it->zRecord = str_detach(&s);
  return FZ_OK;
}

/* Most urgent first: overdue (longest late first), then by days left. */
static int urgency(const Item *it) {
  switch (it->d.state) {
  case DL_OVERDUE: return 0;
  case DL_DUE_SOON: return 1;
  case DL_RUNNING: return 2;
  case DL_TOO_SHORT:
  case DL_MET_LATE: return 3;
  default: return 4;
  }
}

static int item_cmp(const void *a, const void *b) {
  const Item *x = a, *y = b;
  if (urgency(x) != urgency(y)) return urgency(x) - urgency(y);
  return x->d.daysLeft < y->d.daysLeft ? -1 : x->d.daysLeft > y->d.daysLeft;
}

static void print_text(Cli *cli, const Due *du) {
  int i;
  for (i = 0; i < du->nUncovered; i++) {
    fprintf(cli->out, "警告：%d 年的节假日安排尚未导入，该年的期限按普通周计算，可能不准确"
                      "（fazhi calendar import FILE）\n", du->aUncovered[i]);
  }
  for (i = 0; i < du->n; i++) {
    const Item *it = &du->a[i];
    Str due = STR_INIT;
    if (it->d.hasStart) {
      date_format_iso(&due, it->d.due);
      str_appendf(&due, "（%+d 天）", it->d.daysLeft);
    } else {
      str_puts(&due, "（尚无起算日期）"); /* no clock yet: no date to show */
    }
    fprintf(cli->out, "%-8s %s  %s  %s  规则 %s（%s）\n",
            deadline_state_label(it->d.state), str_cstr(&due), it->zRecord, it->d.pRule->zLabel, it->d.pRule->zId,
            it->d.pRule->zSource ? it->d.pRule->zSource : "");
    str_free(&due);
  }
  fprintf(cli->out, "（共 %d 项）\n", du->n);
}

static void print_json(Cli *cli, const Due *du) {
  json_t *o = json_object(), *a = json_array(), *u = json_array();
  int i;
  for (i = 0; i < du->nUncovered; i++) json_array_append_new(u, json_integer(du->aUncovered[i]));
  for (i = 0; i < du->n; i++) {
    const Item *it = &du->a[i];
    Str due = STR_INIT;
    date_format_iso(&due, it->d.due);
    json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:i, s:s, s:I, s:s, s:s, s:s?}",
        "state", deadline_state_code(it->d.state), "state_label",
        deadline_state_label(it->d.state), "due", str_cstr(&due), "days_left",
        it->d.daysLeft, "register", it->d.pRule->zRegister, "id", (json_int_t)it->id,
        "rule", it->d.pRule->zId, "label", it->d.pRule->zLabel, "source",
        it->d.pRule->zSource));
    str_free(&due);
  }
  json_object_set_new(o, "uncovered_years", u);
  json_object_set_new(o, "items", a);
  json_dumpf(o, cli->out, JSON_INDENT(2));
  fputc('\n', cli->out);
  json_decref(o);
}

static int load_rules(Cli *cli, DeadlineRules *rules) {
  const char *zFile = cli_opt(cli, "rules");
  Str text = STR_INIT;
  int rc = FZ_OK;
  if (zFile) rc = file_read_all(zFile, &text, cli->e);
  else str_puts(&text, deadline_rules_default);
  if (rc == FZ_OK) {
    rc = rulefile_parse(rules, str_cstr(&text), zFile ? zFile : "data/rules/deadlines.csv",
                        cli->e);
  }
  str_free(&text);
  return rc;
}

int cmd_due(Cli *cli) {
  Actor a = {cli->zUser, NULL, 0};
  DeadlineRules rules = {NULL, 0};
  Calendar *cal = NULL;
  Due du;
  Date today = date_today();
  const char *zToday = cli_opt(cli, "today"), *zWithin = cli_opt(cli, "within");
  char *zEnd = NULL;
  int nSoon = zWithin ? (int)strtol(zWithin, &zEnd, 10) : 7, i, rc;
  memset(&du, 0, sizeof du);
  du.all = cli_opt(cli, "all") != NULL;
  rc = zToday ? date_parse(zToday, 0, &today, cli->e) : FZ_OK;
  if (rc == FZ_OK && (nSoon < 0 || (zWithin && (!zWithin[0] || *zEnd)))) {
    rc = err_set(cli->e, FZ_USAGE, "--within 应为非负整数（天数）");
  }
  if (rc == FZ_OK) rc = load_rules(cli, &rules);
  if (rc == FZ_OK) rc = deadline_calendar(cli->db, &cal, cli->e);
  if (rc == FZ_OK) {
    rc = deadline_walk(cli->db, &a, &rules, cal, cli_opt(cli, "org"), today, nSoon,
                       collect, &du, cli->e);
  }
  if (rc == FZ_OK) {
    qsort(du.a, (size_t)du.n, sizeof(Item), item_cmp);
    if (cli_opt(cli, "json")) print_json(cli, &du);
    else print_text(cli, &du);
  }
  for (i = 0; i < du.n; i++) mem_free(du.a[i].zRecord);
  mem_free(du.a);
  cal_free(cal);
  deadline_rules_clear(&rules);
  return rc;
}

int cmd_calendar_import(Cli *cli) {
  Str text = STR_INIT;
  const char *zBase = strrchr(cli->azArg[0], '/');
  int rc = file_read_all(cli->azArg[0], &text, cli->e);
  if (rc == FZ_OK) {
    rc = deadline_calendar_import(cli->db, zBase ? zBase + 1 : cli->azArg[0],
                                  str_cstr(&text), cli->zUser, cli->e);
  }
  if (rc == FZ_OK) fprintf(cli->out, "已导入节假日安排：%s\n", cli->azArg[0]);
  str_free(&text);
  return rc;
}
