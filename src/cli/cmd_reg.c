/* cmd_reg.c — the register commands: add, get, list, update, void, history
 * and fields. Each is a thin adapter: parse field=value words into a
 * Record, call the register engine, print the result as text or JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/date.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "../domain/reg.h"
#include "../domain/regjson.h"
#include "../domain/regstore.h"
#include "../io/regexport.h"
#include "../io/regimport.h"
#include "../store/audit.h"
#include "commands.h"

/* The CLI runs as the machine's operator: the whole tree, full ID numbers. */
static Actor cli_actor(const Cli *cli) {
  Actor a;
  a.zName = cli->zUser;
  a.zScope = NULL;
  a.readOnly = 0;
  return a;
}

static int find_register(Cli *cli, const Register **pp) {
  Str all = STR_INIT;
  int i, rc;
  *pp = reg_find(cli->azArg[0]);
  if (*pp) return FZ_OK;
  for (i = 0; i < reg_count; i++) {
    str_appendf(&all, "%s%s（%s）", i ? "、" : "", reg_all[i]->zName,
                reg_all[i]->zLabel);
  }
  rc = err_set(cli->e, FZ_USAGE, "没有名为“%s”的登记簿；可用的有：%s",
               cli->azArg[0], str_cstr(&all));
  str_free(&all);
  return rc;
}

static int parse_id(Cli *cli, const char *z, int64_t *pId) {
  char *zEnd = NULL;
  long long v = strtoll(z, &zEnd, 10);
  if (!z[0] || *zEnd || v <= 0) {
    return err_set(cli->e, FZ_USAGE, "记录编号“%s”应为正整数", z);
  }
  *pId = v;
  return FZ_OK;
}

/* Apply "field=value" words to r; every bad one is listed. */
static int apply_assignments(Cli *cli, Record *r, int iFirst) {
  int i, nBad = 0;
  for (i = iFirst; i < cli->nArg; i++) {
    const char *z = cli->azArg[i], *zEq = strchr(z, '=');
    Err eOne = ERR_INIT;
    char *zField;
    if (!zEq || zEq == z) {
      err_add_item(cli->e, 0, NULL, z, "参数应为 字段=值 的形式");
      nBad++;
      continue;
    }
    zField = mem_strndup(z, (size_t)(zEq - z));
    if (reg_set(r, zField, zEq + 1, &eOne) != FZ_OK) {
      err_add_item(cli->e, 0, eOne.field ? eOne.field : zField, zEq + 1, "%s",
                   err_msg(&eOne));
      nBad++;
    }
    err_clear(&eOne);
    mem_free(zField);
  }
  return nBad ? err_set(cli->e, FZ_INVALID, "有 %d 个字段的值不正确，未保存", nBad)
              : FZ_OK;
}

static void print_json(Cli *cli, json_t *j) {
  json_dumpf(j, cli->out, JSON_INDENT(2));
  fputc('\n', cli->out);
  json_decref(j);
}

/* A record as "label：value" lines, the way a clerk reads a form. */
static void print_record(Cli *cli, const Record *r, const Actor *a) {
  int i;
  fprintf(cli->out, "%s第 %lld 号%s\n", r->pReg->zLabel, (long long)r->id,
          r->voided ? "（已作废）" : "");
  fprintf(cli->out, "  机构：%s\n", r->zOrg ? r->zOrg : "");
  for (i = 0; i < r->pReg->nField; i++) {
    Str s = STR_INIT;
    reg_format_value(r, i, 1, a, &s);
    fprintf(cli->out, "  %s：%s\n", r->pReg->aField[i].zLabel, str_cstr(&s));
    str_free(&s);
  }
  if (r->voided) fprintf(cli->out, "  作废原因：%s\n", r->zVoidReason ? r->zVoidReason : "");
  if (r->zCreatedAt) {
    fprintf(cli->out, "  创建：%s %s；最后修改：%s %s\n", r->zCreatedAt,
            r->zCreatedBy, r->zUpdatedAt, r->zUpdatedBy);
  }
}

/* Where an imported record came from. */
static void print_source(Cli *cli, const Record *r) {
  Str s = STR_INIT;
  Err e = ERR_INIT;
  if (reg_describe_source(cli->db, r, &s, &e) == FZ_OK && s.n) {
    fprintf(cli->out, "  来源：%s\n", str_cstr(&s));
  }
  str_free(&s);
  err_clear(&e);
}

/* Say what reg_save stored, and free it. */
static void show_saved(Cli *cli, const Actor *a, Record *pSaved, const char *zVerb) {
  if (cli_opt(cli, "json")) print_json(cli, reg_to_json(pSaved, a));
  else fprintf(cli->out, "已%s%s第 %lld 号记录\n", zVerb, pSaved->pReg->zLabel, (long long)pSaved->id);
  reg_record_clear(pSaved);
}

int cmd_add(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  Record r, saved;
  int rc = find_register(cli, &p);
  if (rc != FZ_OK) return rc;
  reg_record_init(&r, p);
  rc = apply_assignments(cli, &r, 1);
  if (rc == FZ_OK) rc = reg_save(cli->db, &a, &r, &saved, cli->e);
  if (rc == FZ_OK) show_saved(cli, &a, &saved, "新增");
  reg_record_clear(&r);
  return rc;
}

int cmd_update(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  Record r, saved;
  int64_t id = 0;
  int rc = find_register(cli, &p);
  if (rc == FZ_OK) rc = parse_id(cli, cli->azArg[1], &id);
  if (rc != FZ_OK) return rc;
  if (cli->nArg < 3) return err_set(cli->e, FZ_USAGE, "请给出要修改的 字段=值");
  reg_record_init(&r, p);
  r.id = id;
  rc = apply_assignments(cli, &r, 2);
  if (rc == FZ_OK) rc = reg_save(cli->db, &a, &r, &saved, cli->e);
  if (rc == FZ_OK) show_saved(cli, &a, &saved, "修改");
  reg_record_clear(&r);
  return rc;
}

int cmd_void(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  int64_t id = 0;
  int rc = find_register(cli, &p);
  if (rc == FZ_OK) rc = parse_id(cli, cli->azArg[1], &id);
  if (rc == FZ_OK) rc = reg_void(cli->db, &a, p, id, cli_opt(cli, "reason"), cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "已作废%s第 %lld 号记录\n", p->zLabel, (long long)id);
  return rc;
}

/* The record named by the words REGISTER ID. */
static int load_record(Cli *cli, const Actor *a, Record *r) {
  const Register *p;
  int64_t id = 0;
  int rc = find_register(cli, &p);
  if (rc == FZ_OK) rc = parse_id(cli, cli->azArg[1], &id);
  if (rc == FZ_OK) rc = reg_get(cli->db, a, p, id, r, cli->e);
  return rc;
}

int cmd_get(Cli *cli) {
  Actor a = cli_actor(cli);
  Record r;
  int rc = load_record(cli, &a, &r);
  if (rc != FZ_OK) return rc;
  if (cli_opt(cli, "json")) {
    print_json(cli, reg_to_json(&r, &a));
  } else {
    print_record(cli, &r, &a);
    print_source(cli, &r);
  }
  reg_record_clear(&r);
  return FZ_OK;
}

static int person_row(const Record *r, void *pArg) {
  Cli *cli = pArg;
  const char *zDate = r->pReg->zDateField ? reg_text(r, r->pReg->zDateField) : NULL;
  fprintf(cli->out, "  %s第 %lld 号  %s%s%s\n", r->pReg->zLabel, (long long)r->id,
          r->zOrg, zDate ? "  " : "", zDate ? zDate : "");
  return FZ_OK;
}

int cmd_person(Cli *cli) {
  Actor a = cli_actor(cli);
  char *zName = NULL;
  int rc = reg_person_get(cli->db, cli->azArg[0], &zName, cli->e);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "%s（%s）出现在：\n", zName[0] ? zName : "（未登记姓名）",
          cli->azArg[0]);
  mem_free(zName);
  return reg_person_records(cli->db, &a, cli->azArg[0], person_row, cli, cli->e);
}

typedef struct ListCtx {
  Cli *cli;
  const Actor *a;
  json_t *pArray;
} ListCtx;

static int list_row(const Record *r, void *pArg) {
  ListCtx *c = pArg;
  int i;
  if (c->pArray) {
    json_array_append_new(c->pArray, reg_to_json(r, c->a));
    return FZ_OK;
  }
  fprintf(c->cli->out, "%lld\t%s", (long long)r->id, r->zOrg);
  for (i = 0; i < r->pReg->nField; i++) {
    Str s = STR_INIT;
    if (r->pReg->aField[i].flags & F_LONG) continue;
    reg_format_value(r, i, 1, c->a, &s);
    fprintf(c->cli->out, "\t%s", str_cstr(&s));
    str_free(&s);
  }
  fprintf(c->cli->out, "%s\n", r->voided ? "\t（已作废）" : "");
  return FZ_OK;
}

/* --from / --to as ISO dates, whatever form the user typed. */
static int date_opt(Cli *cli, const char *zOpt, char *zBuf, size_t n,
                    const char **pz) {
  const char *z = cli_opt(cli, zOpt);
  Date d;
  Str s = STR_INIT;
  *pz = NULL;
  if (!z) return FZ_OK;
  if (date_parse(z, 0, &d, cli->e) != FZ_OK) {
    err_prefix(cli->e, "--%s：", zOpt);
    return FZ_USAGE;
  }
  date_format_iso(&s, d);
  snprintf(zBuf, n, "%s", str_cstr(&s));
  str_free(&s);
  *pz = zBuf;
  return FZ_OK;
}

static int int_opt(Cli *cli, const char *zOpt, int64_t *pV) {
  const char *z = cli_opt(cli, zOpt);
  char *zEnd = NULL;
  if (!z) return FZ_OK;
  *pV = strtoll(z, &zEnd, 10);
  if (!z[0] || *zEnd || *pV < 0) {
    return err_set(cli->e, FZ_USAGE, "--%s 应为非负整数", zOpt);
  }
  return FZ_OK;
}

/* Filters: "field=value" words after the register name. */
static int list_filters(Cli *cli, RegQuery *q, char **azField) {
  int i;
  for (i = 1; i < cli->nArg; i++) {
    char *z = cli->azArg[i], *zEq = strchr(z, '=');
    if (!zEq || zEq == z) return err_set(cli->e, FZ_USAGE, "筛选条件“%s”应为 字段=值", z);
    if (q->nFilter >= REG_MAX_FILTER) return err_set(cli->e, FZ_USAGE, "筛选条件太多");
    azField[q->nFilter] = mem_strndup(z, (size_t)(zEq - z));
    q->azFilterField[q->nFilter] = azField[q->nFilter];
    q->azFilterValue[q->nFilter++] = zEq + 1;
  }
  return FZ_OK;
}

int cmd_list(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  RegQuery q;
  ListCtx c;
  char zFrom[16], zTo[16], *azField[REG_MAX_FILTER] = {0};
  int64_t total = 0;
  int i, rc = find_register(cli, &p);
  memset(&q, 0, sizeof q);
  if (rc == FZ_OK) rc = date_opt(cli, "from", zFrom, sizeof zFrom, &q.zFrom);
  if (rc == FZ_OK) rc = date_opt(cli, "to", zTo, sizeof zTo, &q.zTo);
  if (rc == FZ_OK) rc = int_opt(cli, "limit", &q.limit);
  if (rc == FZ_OK) rc = int_opt(cli, "offset", &q.offset);
  if (rc == FZ_OK) rc = list_filters(cli, &q, azField);
  q.zOrg = cli_opt(cli, "org");
  q.zSearch = cli_opt(cli, "search");
  q.zSort = cli_opt(cli, "sort");
  q.includeVoided = cli_opt(cli, "voided") != NULL;
  c.cli = cli;
  c.a = &a;
  c.pArray = cli_opt(cli, "json") ? json_array() : NULL;
  if (rc == FZ_OK) rc = reg_list(cli->db, &a, p, &q, list_row, &c, &total, cli->e);
  if (rc == FZ_OK && c.pArray) {
    json_t *o = json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", c.pArray);
    c.pArray = NULL;
    print_json(cli, o);
  } else if (rc == FZ_OK) {
    fprintf(cli->out, "（共 %lld 条）\n", (long long)total);
  }
  json_decref(c.pArray);
  for (i = 0; i < REG_MAX_FILTER; i++) mem_free(azField[i]);
  return rc;
}

static int history_row(const AuditRow *r, void *pArg) {
  Cli *cli = pArg;
  fprintf(cli->out, "#%lld  %s  %s  %s%s%s\n    %s\n", (long long)r->id, r->zAt,
          r->zActor, r->zAction, r->zReason ? "  原因：" : "",
          r->zReason ? r->zReason : "", r->zAfter ? r->zAfter : "");
  return FZ_OK;
}

int cmd_history(Cli *cli) {
  Actor a = cli_actor(cli);
  Record r = {0}; /* load_record may fail before filling it */
  int rc = load_record(cli, &a, &r);
  if (rc == FZ_OK && r.batch) { /* an imported record begins with its batch */
    rc = audit_history(cli->db, REG_BATCH_AUDIT, r.batch, history_row, cli, cli->e);
  }
  if (rc == FZ_OK) {
    rc = audit_history(cli->db, r.pReg->zName, r.id, history_row, cli, cli->e);
  }
  if (r.pReg) reg_record_clear(&r);
  return rc;
}

int cmd_fields(Cli *cli) {
  const Register *p;
  int i, k, rc = find_register(cli, &p);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "%s（%s）的字段：\n", p->zLabel, p->zName);
  fprintf(cli->out, "  %-18s %-16s %s\n", "org", "机构", "机构编码或名称（必填）");
  for (i = 0; i < p->nField; i++) {
    const RegField *f = &p->aField[i];
    fprintf(cli->out, "  %-18s %s  %s%s%s", f->zName, f->zLabel,
            reg_type_name(f->type), (f->flags & F_REQUIRED) ? "（必填）" : "",
            (f->flags & F_UNIQUE) ? "（同一机构内不重复）" : "");
    for (k = 0; f->aEnum && f->aEnum[k].zCode; k++) {
      fprintf(cli->out, "%s%s=%s", k ? "、" : "：", f->aEnum[k].zCode, f->aEnum[k].zLabel);
    }
    fputc('\n', cli->out);
  }
  return FZ_OK;
}

int cmd_audit_verify(Cli *cli) {
  AuditReport rep;
  int rc = audit_verify(cli->db, &rep, cli->e);
  if (rc != FZ_OK) return rc;
  if (rep.badId == 0) {
    fprintf(cli->out, "审计日志完整：共 %lld 条，链尾 #%lld %s\n",
            (long long)rep.nChecked, (long long)rep.headId, rep.zHead);
    return FZ_OK;
  }
  return err_set(cli->e, FZ_INVALID, "审计日志已被篡改：%s（第 %lld 条）", rep.zReason,
                 (long long)rep.badId);
}

/* "条参训记录", not "条参训记录记录": a label may already end in 记录. */
static const char *records_word(const Register *p) {
  size_t n = strlen(p->zLabel);
  return n >= 6 && strcmp(p->zLabel + n - 6, "记录") == 0 ? "" : "记录";
}

/* A progress bar on a terminal, nothing when output is redirected. */
static void import_progress(long long nDone, long long nTotal, void *pArg) {
  int pct = nTotal > 0 ? (int)(nDone * 100 / nTotal) : 100, i;
  (void)pArg;
  fputs("\r导入中 [", stderr);
  for (i = 0; i < 40; i++) fputc(i < pct * 40 / 100 ? '#' : '.', stderr);
  fprintf(stderr, "] %3d%%", pct);
  if (nDone >= nTotal) fputc('\n', stderr);
}

int cmd_import(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  ImportOptions o;
  ImportResult res;
  int rc = find_register(cli, &p);
  if (rc != FZ_OK) return rc;
  memset(&o, 0, sizeof o);
  o.zSheet = cli_opt(cli, "sheet");
  o.dryRun = cli_opt(cli, "dry-run") != NULL;
  if (isatty(2)) o.xProgress = import_progress;
  rc = regimport_file(cli->db, &a, p, cli->azArg[1], &o, &res, cli->e);
  if (rc != FZ_OK) return rc;
  if (o.dryRun) {
    fprintf(cli->out, "检查通过（未写入）：%ld 条%s%s可以导入（%s）\n", res.nRows,
            p->zLabel, records_word(p), res.zEncoding);
  } else {
    fprintf(cli->out, "导入完成：%ld 条%s%s（%s，批次 %lld）\n", res.nRows,
            p->zLabel, records_word(p), res.zEncoding, (long long)res.batch);
  }
  return FZ_OK;
}

int cmd_export(Cli *cli) {
  const Register *p;
  Actor a = cli_actor(cli);
  RegQuery q;
  char zFrom[16], zTo[16];
  int format = EXPORT_CSV;
  long n = 0;
  int rc = find_register(cli, &p);
  memset(&q, 0, sizeof q);
  if (rc == FZ_OK && !cli_opt(cli, "output")) {
    rc = err_set(cli->e, FZ_USAGE, "请用 -o FILE 指定输出文件");
  }
  if (rc == FZ_OK) rc = regexport_format(cli_opt(cli, "format"), &format, cli->e);
  if (rc == FZ_OK) rc = date_opt(cli, "from", zFrom, sizeof zFrom, &q.zFrom);
  if (rc == FZ_OK) rc = date_opt(cli, "to", zTo, sizeof zTo, &q.zTo);
  if (rc != FZ_OK) return rc;
  q.zOrg = cli_opt(cli, "org");
  q.includeVoided = cli_opt(cli, "voided") != NULL;
  rc = regexport_file(cli->db, &a, p, &q, format, cli_opt(cli, "output"), &n, cli->e);
  if (rc == FZ_OK) {
    fprintf(cli->out, "已导出 %ld 条%s%s到 %s\n", n, p->zLabel, records_word(p),
            cli_opt(cli, "output"));
  }
  return rc;
}
