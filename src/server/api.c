/* api.c — the route table and its handlers (see api.h). */
#include "api.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/mem.h"
#include "../domain/deadline.h"
#include "../domain/org.h"
#include "../domain/regjson.h"
#include "../base/file.h"
#include "../io/regexport.h"
#include "../io/regimport.h"
#include "../domain/rulefile.h"
#include "../report/breakdown.h"
#include "../report/lifecycle.h"
#include "../report/report.h"
#include "../report/metric.h"
#include "../store/audit.h"
#include "../store/users.h"
#include "cache.h"
#include "commit.h"
#include "mhdlib.h"
#include "fz_config.h"
#include "webui.h"

/* Route flags */
#define R_PUBLIC 0x01 /* no session needed (login) */
#define R_WRITE 0x02  /* changes data: CSRF-checked */
#define R_CACHE 0x04  /* a read whose answer depends on the data and the
                         user's view only: kept in the response cache */
#define R_SOLO 0x08   /* a write that hashes a password (Argon2id, ~0.1 s):
                         run on its worker thread, not held in a group */

typedef struct Route {
  const char *zMethod;
  const char *zPattern; /* "/api/r/{}/{}": each {} is a path parameter */
  int perm;             /* P_* needed (0 for public) */
  int flags;
  int (*xHandle)(Req *r, Err *e);
  const char *zSummary; /* Chinese, for the OpenAPI description */
} Route;

/* ---- Helpers ---- */

#define MIME_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static Actor actor_of(Req *r) {
  return auth_actor(&r->user);
}

static const Register *route_register(Req *r, Err *e) {
  const Register *p = reg_find(r->azParam[0]);
  if (!p) err_set(e, FZ_NOTFOUND, "没有名为“%s”的登记簿", r->azParam[0]);
  return p;
}

static int route_id(Req *r, int64_t *pId, Err *e) {
  char *zEnd = NULL;
  long long v = strtoll(r->azParam[1], &zEnd, 10);
  if (!r->azParam[1][0] || *zEnd || v <= 0) {
    return err_set(e, FZ_USAGE, "记录编号“%s”应为正整数", r->azParam[1]);
  }
  *pId = v;
  return FZ_OK;
}

/* JSON bodies: the right content type (415 otherwise), well formed, and not
 * absurdly deep (jansson's own limit refuses deeper nesting). */
static int body_json(Req *r, json_t **ppJ, Err *e) {
  json_error_t je;
  const char *zType = http_header(r, "Content-Type");
  *ppJ = NULL;
  if (zType && strncmp(zType, "application/json", 16) != 0) {
    r->status = 415;
    return err_set(e, FZ_USAGE, "请求内容应为 application/json，而不是 %s", zType);
  }
  *ppJ = json_loadb(r->body.z ? r->body.z : "", r->body.n, 0, &je);
  if (!*ppJ) return err_set(e, FZ_USAGE, "请求内容不是有效的 JSON：%s", je.text);
  return FZ_OK;
}

/* ---- Session ---- */

/* The session cookie for zToken; "" ends it. Secure whenever served over TLS. */
static void set_session_cookie(Req *r, const char *zToken) {
  Str cookie = STR_INIT;
  str_appendf(&cookie, "fz_session=%s; Path=/; HttpOnly; SameSite=Strict%s%s", zToken,
              zToken[0] ? "" : "; Max-Age=0", r->tls ? "; Secure" : "");
  r->zSetCookie = str_detach(&cookie);
}

static int h_login(Req *r, Err *e) {
  json_t *j = NULL;
  AuthSession s;
  int rc = body_json(r, &j, e);
  const char *zName = json_string_value(json_object_get(j, "name"));
  const char *zPw = json_string_value(json_object_get(j, "password"));
  if (rc == FZ_OK && (!zName || !zPw)) rc = err_set(e, FZ_USAGE, "请提供 name 和 password");
  if (rc == FZ_OK) rc = auth_login(r->db, zName, zPw, &s, e);
  if (rc == FZ_OK) {
    set_session_cookie(r, s.zToken);
    http_json(r, 200, json_pack("{s:s, s:s}", "user", zName, "csrf", s.zCsrf));
  }
  json_decref(j);
  return rc;
}

static int h_logout(Req *r, Err *e) {
  int rc = auth_logout(r->db, http_cookie(r, "fz_session"), e);
  if (rc == FZ_OK) {
    set_session_cookie(r, "");
    http_json(r, 200, json_pack("{s:b}", "ok", 1));
  }
  return rc;
}

/* Who is signed in: scope, permissions, the registers they may write, and
 * the session's CSRF token (a reloaded page cannot read the HttpOnly cookie;
 * another origin cannot read this answer). */
static int h_me(Req *r, Err *e) {
  Actor a = actor_of(r);
  json_t *writes = json_array();
  int i;
  (void)e;
  for (i = 0; (r->user.perms & P_WRITE) && i < reg_count; i++) {
    if (reg_actor_edits(&a, reg_all[i])) json_array_append_new(writes, json_string(reg_all[i]->zName));
  }
  http_json(r, 200, json_pack("{s:s, s:s, s:i, s:o, s:s}", "user", r->user.zName, "scope",
                              r->user.zScope, "permissions", r->user.perms, "writes", writes,
                              "csrf", r->user.zCsrf));
  return FZ_OK;
}

/* One's own password: the old one must be right; every session of the
 * user ends (this one too), so the browser logs in again. */
static int h_me_password(Req *r, Err *e) {
  json_t *j = NULL;
  int rc = body_json(r, &j, e);
  if (rc == FZ_OK) {
    rc = auth_password_change(r->db, &r->user, json_string_value(json_object_get(j, "old")),
                              json_string_value(json_object_get(j, "new")), e);
  }
  if (rc == FZ_OK) {
    set_session_cookie(r, "");
    http_json(r, 200, json_pack("{s:b}", "ok", 1));
  }
  json_decref(j);
  return rc;
}

/* ---- Registers ---- */

static json_t *field_json(const RegField *f) {
  json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", f->zName, "label", f->zLabel,
                        "type", reg_type_name(f->type), "required", (f->flags & F_REQUIRED) != 0,
                        "unique", (f->flags & F_UNIQUE) != 0);
  if (f->aEnum) {
    json_t *a = json_array();
    int k;
    for (k = 0; f->aEnum[k].zCode; k++) {
      json_array_append_new(a, json_pack("{s:s, s:s}", "code", f->aEnum[k].zCode, "label",
                                         f->aEnum[k].zLabel));
    }
    json_object_set_new(o, "choices", a);
  }
  return o;
}

static int h_registers(Req *r, Err *e) {
  json_t *a = json_array();
  int i, k;
  (void)e;
  for (i = 0; i < reg_count; i++) {
    json_t *aF = json_array();
    for (k = 0; k < reg_all[i]->nField; k++) json_array_append_new(aF, field_json(&reg_all[i]->aField[k]));
    json_array_append_new(a, json_pack("{s:s, s:s, s:s?, s:o}", "name", reg_all[i]->zName,
                                       "label", reg_all[i]->zLabel, "date_field",
                                       reg_all[i]->zDateField, "fields", aF));
  }
  http_json(r, 200, a);
  return FZ_OK;
}

typedef struct ListOut {
  json_t *a;
  Actor actor;
} ListOut;

static int list_visit(const Record *rec, void *pArg) {
  ListOut *o = pArg;
  json_array_append_new(o->a, reg_to_json(rec, &o->actor));
  return FZ_OK;
}

/* Query parameters: org, from, to, search, sort, limit, offset, voided,
 * and f.FIELD=VALUE filters (enumerated by libmicrohttpd). */
typedef struct Filters {
  RegQuery *q;
} Filters;

static enum MHD_Result add_filter(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                  const char *zValue) {
  RegQuery *q = cls;
  (void)kind;
  if (strncmp(zKey, "f.", 2) == 0 && zValue && q->nFilter < REG_MAX_FILTER) {
    q->azFilterField[q->nFilter] = zKey + 2;
    q->azFilterValue[q->nFilter++] = zValue;
  }
  return MHD_YES;
}

/* ?flag, ?flag=1, ?flag=true: on; absent, 0 or false: off. */
static int flag_param(const char *z) {
  return z && strcmp(z, "0") != 0 && strcmp(z, "false") != 0;
}

/* The list filters of a request (h_list, h_stats, h_export). */
static void query_of(Req *r, RegQuery *q) {
  memset(q, 0, sizeof *q);
  q->zOrg = http_query(r, "org");
  q->zFrom = http_query(r, "from");
  q->zTo = http_query(r, "to");
  q->zSearch = http_query(r, "search");
  q->zSort = http_query(r, "sort");
  q->includeVoided = flag_param(http_query(r, "voided"));
  mhd.MHD_get_connection_values(r->pConn, MHD_GET_ARGUMENT_KIND, add_filter, q);
}

static int h_list(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  RegQuery q;
  ListOut o;
  int64_t total = 0;
  const char *z;
  int rc;
  if (!p) return FZ_NOTFOUND;
  query_of(r, &q);
  q.limit = (z = http_query(r, "limit")) ? strtoll(z, NULL, 10) : 100;
  q.offset = (z = http_query(r, "offset")) ? strtoll(z, NULL, 10) : 0;
  if (q.limit < 0 || q.limit > 10000 || q.offset < 0) {
    return err_set(e, FZ_USAGE, "limit 应为 0 至 10000，offset 不能为负");
  }
  o.a = json_array();
  o.actor = actor_of(r);
  rc = reg_list(r->db, &o.actor, p, &q, list_visit, &o, &total, e);
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", o.a));
  else json_decref(o.a);
  return rc;
}

static int stats_group(const RegGroup *g, void *pArg) {
  json_t *o = json_pack("{s:s?, s:s, s:I}", "key", g->zKey, "label", g->zLabel, "count",
                        (json_int_t)g->count);
  if (json_object_get((json_t *)pArg, "sum")) {
    json_object_set_new(o, "sum", json_integer(g->sum));
  }
  json_array_append_new(json_object_get((json_t *)pArg, "groups"), o);
  return FZ_OK;
}

static int h_stats(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  const char *zBy = http_query(r, "by"), *zSum = http_query(r, "sum");
  Actor a = actor_of(r);
  RegQuery q;
  json_t *out;
  int rc;
  if (!p) return FZ_NOTFOUND;
  if (!zBy) return err_set(e, FZ_USAGE, "请提供 by（month、org 或选项字段）");
  query_of(r, &q);
  out = json_pack("{s:s, s:[]}", "by", zBy, "groups");
  if (zSum) json_object_set_new(out, "sum", json_string(zSum));
  rc = reg_stats(r->db, &a, p, &q, zBy, zSum, stats_group, out, e);
  if (rc == FZ_OK) http_json(r, 200, out);
  else json_decref(out);
  return rc;
}

static int h_get(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  Actor a = actor_of(r);
  Record rec;
  int64_t id = 0;
  int rc = p ? route_id(r, &id, e) : FZ_NOTFOUND;
  if (rc == FZ_OK) rc = reg_get(r->db, &a, p, id, &rec, e);
  if (rc == FZ_OK) {
    http_json(r, 200, reg_to_json(&rec, &a));
    reg_record_clear(&rec);
  }
  return rc;
}

/* Create or update from a JSON body; every bad field listed. */
static int write_record(Req *r, int64_t id, Err *e) {
  const Register *p = route_register(r, e);
  Actor a = actor_of(r);
  json_t *j = NULL;
  Record rec, saved;
  int rc = p ? body_json(r, &j, e) : FZ_NOTFOUND;
  if (rc != FZ_OK) return rc;
  reg_record_init(&rec, p);
  rec.id = id;
  rc = reg_from_json(&rec, j, 1, e);
  if (rc != FZ_OK && e->rc == FZ_OK) err_set(e, rc, "有字段的值不正确，未保存");
  if (rc == FZ_OK) rc = reg_save(r->db, &a, &rec, &saved, e);
  if (rc == FZ_OK) {
    http_json(r, id ? 200 : 201, reg_to_json(&saved, &a));
    reg_record_clear(&saved);
  }
  reg_record_clear(&rec);
  json_decref(j);
  return rc;
}

static int h_create(Req *r, Err *e) {
  return write_record(r, 0, e);
}

static int h_update(Req *r, Err *e) {
  int64_t id = 0;
  int rc = route_id(r, &id, e);
  return rc == FZ_OK ? write_record(r, id, e) : rc;
}

static int h_void(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  Actor a = actor_of(r);
  json_t *j = NULL;
  int64_t id = 0;
  int rc = p ? route_id(r, &id, e) : FZ_NOTFOUND;
  if (rc == FZ_OK) rc = body_json(r, &j, e);
  if (rc == FZ_OK) rc = reg_void(r->db, &a, p, id, json_string_value(json_object_get(j, "reason")), e);
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "ok", 1));
  json_decref(j);
  return rc;
}

static int history_row(const AuditRow *row, void *pArg) {
  json_array_append_new((json_t *)pArg,
                        json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)row->id,
                                  "at", row->zAt, "actor", row->zActor, "action", row->zAction,
                                  "after", row->zAfter, "reason", row->zReason));
  return FZ_OK;
}

static int h_history(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  Actor a = actor_of(r);
  Record rec;
  json_t *arr;
  int64_t id = 0;
  int rc = p ? route_id(r, &id, e) : FZ_NOTFOUND;
  if (rc == FZ_OK) rc = reg_get(r->db, &a, p, id, &rec, e); /* scope check */
  if (rc != FZ_OK) return rc;
  reg_record_clear(&rec);
  arr = json_array();
  rc = audit_history(r->db, p->zName, id, history_row, arr, e);
  if (rc == FZ_OK) http_json(r, 200, arr);
  else json_decref(arr);
  return rc;
}

/* ---- Figures and deadlines ---- */

/* The org asked for, which must lie in the user's scope (default: it). */
static int scoped_org(Req *r, const char **pzOrg, Err *e) {
  const char *z = http_query(r, "org");
  *pzOrg = z ? z : r->user.zScope;
  if (!org_in_subtree(*pzOrg, r->user.zScope)) {
    return err_set(e, FZ_FORBIDDEN, "机构“%s”不在您的管辖范围内", *pzOrg);
  }
  return FZ_OK;
}

static int year_param(const char *z) {
  char *zEnd = NULL;
  long v = z ? strtol(z, &zEnd, 10) : 0;
  return (z && *z && !*zEnd) ? (int)v : 0; /* 0 is refused by metric_scope */
}

static int h_metrics(Req *r, Err *e) {
  const char *zOrg, *zYear = http_query(r, "year");
  MetricScope s;
  json_t *o;
  int i, rc = scoped_org(r, &zOrg, e);
  if (rc == FZ_OK && !zYear) rc = err_set(e, FZ_USAGE, "请提供 year");
  if (rc == FZ_OK) rc = metric_scope(r->db, zOrg, year_param(zYear), &s, e);
  if (rc != FZ_OK) return rc;
  o = json_object();
  for (i = 0; i < metric_count && rc == FZ_OK; i++) {
    MetricValue v;
    Str t = STR_INIT;
    rc = metric_eval(r->db, &metric_all[i], &s, &v, e);
    if (rc == FZ_OK) rc = metric_format(&v, NULL, &t, e);
    if (rc == FZ_OK) {
      json_object_set_new(o, metric_all[i].zName,
                          json_pack("{s:s, s:s, s:I, s:I, s:I}", "label", metric_all[i].zLabel,
                                    "text", str_cstr(&t), "value", (json_int_t)v.v, "den",
                                    (json_int_t)v.den, "records", (json_int_t)v.nRecords));
    }
    str_free(&t);
    metric_value_clear(&v);
  }
  if (rc == FZ_OK) http_json(r, 200, o);
  else json_decref(o);
  return rc;
}

/* The records behind one figure (a report's clickable number). */
static int h_metric_records(Req *r, Err *e) {
  const char *zOrg, *zName = http_query(r, "metric"), *zReg = NULL;
  const Metric *m = zName ? metric_find(zName) : NULL;
  Actor a = actor_of(r);
  MetricScope s;
  int64_t *aId = NULL;
  int nId = 0, i, rc = scoped_org(r, &zOrg, e);
  json_t *items = json_array();
  if (rc == FZ_OK && !m) rc = err_set(e, FZ_NOTFOUND, "没有指标“%s”", zName ? zName : "");
  if (rc == FZ_OK) rc = metric_scope(r->db, zOrg, year_param(http_query(r, "year")), &s, e);
  if (rc == FZ_OK) rc = metric_records(r->db, m, &s, &zReg, &aId, &nId, e);
  for (i = 0; rc == FZ_OK && i < nId && i < 1000; i++) {
    Record rec;
    rc = reg_get(r->db, &a, reg_find(zReg), aId[i], &rec, e);
    if (rc == FZ_OK) {
      json_array_append_new(items, reg_to_json(&rec, &a));
      reg_record_clear(&rec);
    }
  }
  if (rc == FZ_OK) {
    http_json(r, 200, json_pack("{s:s, s:s, s:s, s:i, s:o}", "metric", m->zName, "label",
                                m->zLabel, "register", zReg, "total", nId, "records", items));
  } else {
    json_decref(items);
  }
  mem_free(aId);
  return rc;
}

typedef struct DueOut {
  json_t *a;
} DueOut;

static int due_visit(const Deadline *d, void *pArg) {
  DueOut *o = pArg;
  Str due = STR_INIT;
  if (d->state == DL_NOT_STARTED || d->state == DL_MET) return FZ_OK;
  date_format_iso(&due, d->due);
  json_array_append_new(o->a, json_pack("{s:s, s:s, s:i, s:s, s:I, s:s, s:s, s:s?, s:i}",
      "state", deadline_state_code(d->state), "due", str_cstr(&due), "days_left",
      d->daysLeft, "register", d->pRule->zRegister, "id", (json_int_t)d->pRecord->id,
      "rule", d->pRule->zId, "label", d->pRule->zLabel, "source", d->pRule->zSource,
      "uncovered_year", d->uncoveredYear));
  str_free(&due);
  return FZ_OK;
}

static int h_due(Req *r, Err *e) {
  Calendar *cal = NULL;
  Actor a = actor_of(r);
  DueOut o = {NULL};
  Date today = date_today();
  const char *zOrg, *zToday = http_query(r, "today"), *zWithin = http_query(r, "within");
  int rc = scoped_org(r, &zOrg, e);
  if (rc == FZ_OK && zToday) rc = date_parse(zToday, 0, &today, e);
  if (rc == FZ_OK) rc = deadline_calendar(r->db, &cal, e);
  if (rc == FZ_OK) {
    o.a = json_array();
    rc = deadline_walk(r->db, &a, rulefile_builtin(), cal, zOrg, today, zWithin ? year_param(zWithin) : 7,
                       due_visit, &o, e);
  }
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:o}", "items", o.a));
  else json_decref(o.a);
  cal_free(cal);
  return rc;
}

static int org_visit(const OrgUnit *u, void *pArg) {
  json_array_append_new((json_t *)pArg,
                        json_pack("{s:s, s:s?, s:s, s:s, s:i}", "code", u->zCode, "parent",
                                  u->zParent, "kind", org_kinds[u->kind].zCode, "name", u->zName,
                                  "depth", u->depth));
  return FZ_OK;
}

static int h_org(Req *r, Err *e) {
  const char *zOrg;
  json_t *a;
  int rc = scoped_org(r, &zOrg, e);
  if (rc != FZ_OK) return rc;
  a = json_array();
  rc = org_walk(r->db, zOrg, org_visit, a, e);
  if (rc == FZ_OK) http_json(r, 200, a);
  else json_decref(a);
  return rc;
}

/* ---- The report's lifecycle (leaders approve and publish) ---- */

/* ?org= (in scope) and ?year= of a report request. */
static int report_scope(Req *r, const char **pzOrg, int *pYear, Err *e) {
  int rc = scoped_org(r, pzOrg, e);
  *pYear = year_param(http_query(r, "year"));
  if (rc == FZ_OK && !*pYear) rc = err_set(e, FZ_USAGE, "请提供 year");
  return rc;
}

static int h_report_approve(Req *r, Err *e) {
  Actor a = actor_of(r);
  json_t *j = NULL;
  const char *zOrg;
  int year, rc = report_scope(r, &zOrg, &year, e);
  if (rc == FZ_OK && r->body.n) rc = body_json(r, &j, e);
  if (rc == FZ_OK) {
    rc = report_approve(r->db, &a, zOrg, year, json_string_value(json_object_get(j, "override")), e);
  }
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "approved", 1));
  json_decref(j);
  return rc;
}

static int h_report_publish(Req *r, Err *e) {
  Actor a = actor_of(r);
  const char *zOrg;
  int year, rc = report_scope(r, &zOrg, &year, e);
  if (rc == FZ_OK) rc = report_publish(r->db, &a, zOrg, year, e);
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "published", 1));
  return rc;
}

static int h_report_diff(Req *r, Err *e) {
  Str out = STR_INIT;
  const char *zOrg;
  int year, nChanged = 0, rc = report_scope(r, &zOrg, &year, e);
  if (rc == FZ_OK) rc = report_diff(r->db, zOrg, year, &out, &nChanged, e);
  if (rc == FZ_OK) {
    http_json(r, 200, json_pack("{s:i, s:s}", "changed", nChanged, "text", str_cstr(&out)));
  }
  str_free(&out);
  return rc;
}

static int h_report_check(Req *r, Err *e) {
  const char *zOrg;
  int year, rc = report_scope(r, &zOrg, &year, e);
  if (rc == FZ_OK) rc = report_check(r->db, zOrg, year, e);
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "ok", 1));
  return rc;
}

/* ---- Users (admins, within their scope) ---- */

static int user_row(const UserRow *u, void *pArg) {
  Req *r = pArg;
  if (!org_in_subtree(u->zScope, r->user.zScope)) return FZ_OK; /* not theirs */
  json_array_append_new((json_t *)r->pScratch,
                        json_pack("{s:s, s:s, s:s, s:s, s:s?, s:b}", "name", u->zName,
                                  "display", u->zDisplay, "role", u->zRole, "scope",
                                  u->zScope, "registers", u->zRegisters, "disabled",
                                  u->disabled));
  return FZ_OK;
}

static int h_users(Req *r, Err *e) {
  int rc;
  r->pScratch = json_array();
  rc = users_list(r->db, user_row, r, e);
  if (rc == FZ_OK) http_json(r, 200, (json_t *)r->pScratch);
  else json_decref((json_t *)r->pScratch);
  r->pScratch = NULL;
  return rc;
}

static int h_user_add(Req *r, Err *e) {
  json_t *j = NULL;
  int rc = body_json(r, &j, e);
  if (rc == FZ_OK) {
    rc = auth_user_add(r->db, &r->user, json_string_value(json_object_get(j, "name")),
                       json_string_value(json_object_get(j, "display")),
                       json_string_value(json_object_get(j, "role")),
                       json_string_value(json_object_get(j, "registers")),
                       json_string_value(json_object_get(j, "scope")),
                       json_string_value(json_object_get(j, "password")), e);
  }
  if (rc == FZ_OK) http_json(r, 201, json_pack("{s:s?}", "name", json_string_value(json_object_get(j, "name"))));
  json_decref(j);
  return rc;
}

static int h_user_disable(Req *r, Err *e) {
  int rc = auth_user_disable(r->db, &r->user, r->azParam[0], e);
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "ok", 1));
  return rc;
}

static int h_user_password(Req *r, Err *e) {
  json_t *j = NULL;
  int rc = body_json(r, &j, e);
  if (rc == FZ_OK) {
    rc = auth_password_set(r->db, &r->user, r->azParam[0],
                           json_string_value(json_object_get(j, "password")), e);
  }
  if (rc == FZ_OK) http_json(r, 200, json_pack("{s:b}", "ok", 1));
  json_decref(j);
  return rc;
}

/* ---- Files: report, export, import ---- */

static int h_report(Req *r, Err *e) {
  static const char *const azType[] = {
      "text/markdown; charset=utf-8", "text/html; charset=utf-8",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
  static const char *const azExt[] = {".md", ".html", ".docx"};
  ReportOptions o;
  Actor a = actor_of(r);
  Str path = STR_INIT, name = STR_INIT;
  int rc;
  memset(&o, 0, sizeof o);
  rc = scoped_org(r, &o.zOrg, e);
  o.year = year_param(http_query(r, "year"));
  if (rc == FZ_OK) rc = report_format(http_query(r, "format"), &o.format, e);
  if (rc == FZ_OK) rc = http_temp_file(&path, azExt[o.format], e);
  o.zOutput = str_cstr(&path);
  if (rc == FZ_OK) rc = report_write(r->db, &a, &o, e);
  str_appendf(&name, "%s-%d年法治政府建设情况报告%s", o.zOrg, o.year, azExt[o.format]);
  if (rc == FZ_OK) rc = http_file(r, str_cstr(&path), azType[o.format], str_cstr(&name), e);
  if (path.n) remove(str_cstr(&path));
  str_free(&path);
  str_free(&name);
  return rc;
}

/* The counties below an org side by side: JSON, or ?format=xlsx. */
static json_t *breakdown_json(const Breakdown *b) {
  json_t *cols = json_array(), *rows = json_array();
  int i, k;
  for (k = 0; k < b->nCol; k++) {
    json_array_append_new(cols, json_pack("{s:s, s:s, s:s}", "metric", b->apCol[k]->zName,
                                          "label", b->apCol[k]->zLabel, "unit",
                                          b->apCol[k]->zUnit));
  }
  for (i = 0; i < b->nRow; i++) {
    json_t *vals = json_array();
    for (k = 0; k < b->nCol; k++) {
      const MetricValue *v = &b->aRow[i].aValue[k];
      Str t = STR_INIT;
      metric_format(v, "", &t, NULL);
      json_array_append_new(vals, json_pack("{s:s, s:I, s:I}", "text", str_cstr(&t), "value",
                                            (json_int_t)v->v, "den", (json_int_t)v->den));
      str_free(&t);
    }
    json_array_append_new(rows, json_pack("{s:s, s:s, s:b, s:o}", "org", b->aRow[i].zCode,
                                          "name", b->aRow[i].zName, "total",
                                          i == b->nRow - 1, "values", vals));
  }
  return json_pack("{s:o, s:o}", "columns", cols, "rows", rows);
}

static int h_report_breakdown(Req *r, Err *e) {
  const char *zOrg, *zFormat = http_query(r, "format");
  MetricScope s;
  Breakdown b;
  Str path = STR_INIT, name = STR_INIT;
  int rc = scoped_org(r, &zOrg, e);
  memset(&b, 0, sizeof b);
  if (rc == FZ_OK && zFormat && strcmp(zFormat, "xlsx") != 0 && strcmp(zFormat, "json") != 0) {
    rc = err_set(e, FZ_USAGE, "format 应为 json 或 xlsx");
  }
  if (rc == FZ_OK) rc = metric_scope(r->db, zOrg, year_param(http_query(r, "year")), &s, e);
  if (rc == FZ_OK) rc = breakdown_build(r->db, &s, &b, e);
  if (rc == FZ_OK && zFormat && strcmp(zFormat, "xlsx") == 0) {
    str_appendf(&name, "%s-%d年各县主要数据.xlsx", zOrg, s.year);
    rc = http_temp_file(&path, ".xlsx", e);
    if (rc == FZ_OK) rc = breakdown_xlsx(&b, str_cstr(&name), str_cstr(&path), e);
    if (rc == FZ_OK) {
      rc = http_file(r, str_cstr(&path),
                     MIME_XLSX,
                     str_cstr(&name), e);
    }
    if (path.n) remove(str_cstr(&path));
  } else if (rc == FZ_OK) {
    http_json(r, 200, breakdown_json(&b));
  }
  breakdown_clear(&b);
  str_free(&path);
  str_free(&name);
  return rc;
}

static int h_export(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  Actor a = actor_of(r);
  RegQuery q;
  Str path = STR_INIT, name = STR_INIT;
  long n = 0;
  int format = EXPORT_CSV, rc = p ? FZ_OK : FZ_NOTFOUND;
  query_of(r, &q); /* the list's filters: export what the user sees */
  if (rc == FZ_OK) rc = regexport_format(http_query(r, "format"), &format, e);
  if (rc == FZ_OK) rc = http_temp_file(&path, format == EXPORT_XLSX ? ".xlsx" : ".csv", e);
  if (rc == FZ_OK) rc = regexport_file(r->db, &a, p, &q, format, str_cstr(&path), &n, e);
  if (rc == FZ_OK) {
    str_appendf(&name, "%s%s", p->zLabel, format == EXPORT_XLSX ? ".xlsx" : ".csv");
    rc = http_file(r, str_cstr(&path),
                   format == EXPORT_XLSX
                       ? MIME_XLSX
                       : "text/csv; charset=utf-8",
                   str_cstr(&name), e);
  }
  if (path.n) remove(str_cstr(&path));
  str_free(&path);
  str_free(&name);
  return rc;
}

/* The request body is the file (CSV or XLSX); ?filename= names it in the
 * batch, ?dry_run=1 checks without writing, ?sheet= picks a sheet. */
static int h_import(Req *r, Err *e) {
  const Register *p = route_register(r, e);
  const char *zName = r->zUploadName ? r->zUploadName : http_query(r, "filename");
  Actor a = actor_of(r);
  ImportOptions o;
  ImportResult res;
  Str path = STR_INIT;
  size_t n = zName ? strlen(zName) : 0;
  /* by name, or by the zip signature every XLSX starts with */
  int isXlsx = (n > 5 && strcmp(zName + n - 5, ".xlsx") == 0) ||
               (r->body.n >= 4 && memcmp(r->body.z, "PK\x03\x04", 4) == 0);
  int rc = p ? FZ_OK : FZ_NOTFOUND;
  if (rc == FZ_OK && r->multipart && !r->zUploadName) {
    rc = err_set_at(e, FZ_USAGE, 0, "file", "上传内容中没有名为 file 的文件");
  }
  memset(&o, 0, sizeof o);
  o.zSheet = http_query(r, "sheet");
  o.dryRun = flag_param(http_query(r, "dry_run"));
  o.zName = zName;
  if (rc == FZ_OK) rc = http_temp_file(&path, isXlsx ? ".xlsx" : ".csv", e);
  if (rc == FZ_OK) rc = file_write_atomic(str_cstr(&path), r->body.z ? r->body.z : "", r->body.n, e);
  if (rc == FZ_OK) rc = regimport_file(r->db, &a, p, str_cstr(&path), &o, &res, e);
  if (rc == FZ_OK) {
    http_json(r, o.dryRun ? 200 : 201,
              json_pack("{s:I, s:I, s:s, s:b}", "rows", (json_int_t)res.nRows, "batch",
                        (json_int_t)res.batch, "encoding", res.zEncoding, "dry_run", o.dryRun));
  }
  if (path.n) remove(str_cstr(&path));
  str_free(&path);
  return rc;
}

/* ---- The table and the dispatcher ---- */

static int h_openapi(Req *r, Err *e); /* generated from this table: below it */

/* Sorted by pattern, then method (a test checks). Matching takes the first
 * hit, and '{' sorts after every letter, so a literal segment
 * ("/api/r/{}/export") always comes before the parameter it would
 * otherwise fall into ("/api/r/{}/{}"). */
static const Route aRoute[] = {
    {"GET", "/api/due", P_READ, R_CACHE, h_due, "法定期限（已逾期、即将到期、进行中）"},
    {"POST", "/api/login", 0, R_PUBLIC | R_WRITE | R_SOLO, h_login, "登录：返回 CSRF 令牌，并设置会话 Cookie"},
    {"POST", "/api/logout", P_READ, R_WRITE, h_logout, "退出登录"},
    {"GET", "/api/me", P_READ, 0, h_me, "当前用户"},
    {"POST", "/api/me/password", P_READ, R_WRITE | R_SOLO, h_me_password,
     "修改自己的密码（old、new；之后须重新登录）"},
    {"GET", "/api/metrics", P_READ, R_CACHE, h_metrics, "某机构某年度的全部统计指标"},
    {"GET", "/api/metrics/records", P_READ, R_CACHE, h_metric_records,
     "某个数字背后的记录（metric、org、year；比率取分子，同比取本年）"},
    {"GET", "/api/openapi.json", 0, R_PUBLIC, h_openapi, "本接口的 OpenAPI 3 描述"},
    {"GET", "/api/org", P_READ, R_CACHE, h_org, "管辖范围内的组织机构树"},
    {"GET", "/api/r/{}", P_READ, R_CACHE, h_list, "按条件列出记录（org、from、to、search、sort、limit、offset、f.字段=值）"},
    {"POST", "/api/r/{}", P_WRITE, R_WRITE, h_create, "新增记录"},
    {"GET", "/api/r/{}/export", P_READ, 0, h_export, "导出为 CSV 或 XLSX（format=csv|xlsx；筛选同列表）"},
    {"POST", "/api/r/{}/import", P_WRITE, R_WRITE, h_import,
     "导入 CSV 或 XLSX（multipart/form-data 的 file 字段，或请求体即文件；dry_run=1 只检查）"},
    {"GET", "/api/r/{}/stats", P_READ, R_CACHE, h_stats,
     "分组统计（by=month|org|选项字段，sum=整数或金额字段；筛选同列表）"},
    {"GET", "/api/r/{}/{}", P_READ, R_CACHE, h_get, "查看一条记录"},
    {"PATCH", "/api/r/{}/{}", P_WRITE, R_WRITE, h_update, "修改一条记录（只改给出的字段）"},
    {"GET", "/api/r/{}/{}/history", P_READ, R_CACHE, h_history, "一条记录的修改历史"},
    {"POST", "/api/r/{}/{}/void", P_WRITE, R_WRITE, h_void, "作废一条记录（须给出 reason）"},
    {"GET", "/api/registers", P_READ, R_CACHE, h_registers, "全部登记簿及其字段"},
    {"GET", "/api/report", P_READ, R_CACHE, h_report, "年度报告（format=md|html|docx）"},
    {"POST", "/api/report/approve", P_APPROVE, R_WRITE, h_report_approve,
     "审定年度报告：一致性检查后冻结全部数字（未通过时须给出 override 理由）"},
    {"GET", "/api/report/breakdown", P_READ, R_CACHE, h_report_breakdown,
     "各县（市、区）主要数据并列（format=json|xlsx）"},
    {"GET", "/api/report/check", P_READ, R_CACHE, h_report_check, "年度报告的一致性检查"},
    {"GET", "/api/report/diff", P_READ, R_CACHE, h_report_diff, "审定以来变化的数字及其记录"},
    {"POST", "/api/report/publish", P_APPROVE, R_WRITE, h_report_publish, "公开已审定的年度报告"},
    {"GET", "/api/users", P_ADMIN, 0, h_users, "管辖范围内的用户"},
    {"POST", "/api/users", P_ADMIN, R_WRITE | R_SOLO, h_user_add,
     "添加用户（name、display、role、scope、password）"},
    {"POST", "/api/users/{}/disable", P_ADMIN, R_WRITE, h_user_disable, "停用用户"},
    {"POST", "/api/users/{}/password", P_ADMIN, R_WRITE | R_SOLO, h_user_password,
     "重设用户密码（password），其会话全部失效"},
};

int api_route_count(void) {
  return (int)(sizeof aRoute / sizeof aRoute[0]);
}

void api_route_info(int i, const char **pzMethod, const char **pzPattern) {
  *pzMethod = aRoute[i].zMethod;
  *pzPattern = aRoute[i].zPattern;
}

/* "/api/r/{}/{}" as OpenAPI writes it: "/api/r/{register}/{id}". */
void api_openapi_path(const char *zPattern, Str *s) {
  const char *z = zPattern;
  while (*z) {
    if (z[0] == '{' && z[1] == '}') {
      /* named by the segment before it */
      int n = (int)(z - zPattern);
      str_puts(s, n >= 7 && strncmp(z - 7, "/users/", 7) == 0 ? "{name}"
                  : n >= 3 && strncmp(z - 3, "/r/", 3) == 0   ? "{register}"
                                                               : "{id}");
      z += 2;
    } else {
      str_putc(s, *z++);
    }
  }
}

static json_t *openapi_params(const char *zPattern) {
  json_t *a = json_array(), *regs = json_array();
  int i;
  for (i = 0; i < reg_count; i++) json_array_append_new(regs, json_string(reg_all[i]->zName));
  if (strncmp(zPattern, "/api/users/{}", 13) == 0) {
    json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "name", "in",
                                       "path", "required", 1, "schema", "type", "string"));
  } else if (strstr(zPattern, "{}")) {
    json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:{s:s, s:o}}", "name", "register",
                                       "in", "path", "required", 1, "schema", "type", "string",
                                       "enum", json_incref(regs)));
  }
  if (strstr(zPattern, "{}/{}")) {
    json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "id", "in", "path",
                                       "required", 1, "schema", "type", "integer"));
  }
  json_decref(regs);
  return a;
}

json_t *api_openapi(void) {
  json_t *paths = json_object();
  size_t i;
  for (i = 0; i < sizeof aRoute / sizeof aRoute[0]; i++) {
    const Route *rt = &aRoute[i];
    Str path = STR_INIT, method = STR_INIT;
    json_t *op, *item;
    const char *p;
    api_openapi_path(rt->zPattern, &path);
    for (p = rt->zMethod; *p; p++) str_putc(&method, (char)(*p - 'A' + 'a'));
    op = json_pack("{s:s, s:o, s:{s:{s:s}, s:{s:s}}}", "summary", rt->zSummary, "parameters",
                   openapi_params(rt->zPattern), "responses", "200",
                   "description", "成功", "default", "description",
                   "错误：{\"error\":{\"code\",\"message\",\"field\",\"row\",\"items\"}}");
    if (!(rt->flags & R_PUBLIC)) {
      json_object_set_new(op, "security",
                          (rt->flags & R_WRITE)
                              ? json_pack("[{s:[], s:[]}]", "session", "csrf")
                              : json_pack("[{s:[]}]", "session"));
    }
    item = json_object_get(paths, str_cstr(&path));
    if (!item) {
      item = json_object();
      json_object_set_new(paths, str_cstr(&path), item);
    }
    json_object_set_new(item, str_cstr(&method), op);
    str_free(&path);
    str_free(&method);
  }
  return json_pack("{s:s, s:{s:s, s:s}, s:{s:{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}}}, s:o}",
                   "openapi", "3.0.3", "info", "title", "fazhi 法治", "version", FZ_VERSION,
                   "components", "securitySchemes", "session", "type", "apiKey", "in",
                   "cookie", "name", "fz_session", "csrf", "type", "apiKey", "in", "header",
                   "name", "X-CSRF-Token", "paths", paths);
}

static int h_openapi(Req *r, Err *e) {
  (void)e;
  http_json(r, 200, api_openapi());
  return FZ_OK;
}

/* Match zPath against a pattern, collecting {} segments (which hold no
 * '/'); segments are copied into zBuf. */
static int route_match(const char *zPattern, const char *zPath, Req *r, char *zBuf,
                       size_t nBuf) {
  size_t used = 0;
  r->nParam = 0;
  while (*zPattern && *zPath) {
    if (zPattern[0] == '{' && zPattern[1] == '}') {
      size_t n = strcspn(zPath, "/");
      if (n == 0 || used + n + 1 > nBuf || r->nParam == 4) return 0;
      memcpy(zBuf + used, zPath, n);
      zBuf[used + n] = 0;
      r->azParam[r->nParam++] = zBuf + used;
      used += n + 1;
      zPath += n;
      zPattern += 2;
    } else if (*zPattern++ != *zPath++) {
      return 0;
    }
  }
  return !*zPattern && !*zPath;
}

/* Constant-time comparison of the CSRF header with the session's token. */
static int csrf_ok(Req *r) {
  const char *z = http_header(r, "X-CSRF-Token");
  size_t n = strlen(r->user.zCsrf);
  return z && strlen(z) == n && n > 0 && sodium_memcmp(z, r->user.zCsrf, n) == 0;
}

static int authorise(Req *r, const Route *rt, Err *e) {
  const char *zToken;
  int rc;
  if (rt->flags & R_PUBLIC) return FZ_OK;
  zToken = http_cookie(r, "fz_session");
  if (!zToken) return err_set(e, FZ_FORBIDDEN, "请先登录");
  rc = auth_session_user(r->db, zToken, &r->user, e);
  /* a database that failed is the server's fault (500): a 401 would send
   * the user to log in again, with a valid session */
  if (rc == FZ_DB || rc == FZ_IO) return rc;
  if (rc != FZ_OK) return FZ_FORBIDDEN;
  r->hasUser = 1;
  if ((r->user.perms & rt->perm) != rt->perm) {
    return err_set(e, FZ_FORBIDDEN, "您的角色没有此操作的权限");
  }
  if ((rt->flags & R_WRITE) && !csrf_ok(r)) {
    return err_set(e, FZ_FORBIDDEN, "缺少或错误的 X-CSRF-Token（请重新登录后再试）");
  }
  if ((rt->flags & R_WRITE) && strncmp(rt->zPattern, "/api/r/{}", 9) == 0) {
    /* a register's writers: before any body is read (the engine checks again) */
    Actor a = actor_of(r);
    const Register *p = reg_find(r->azParam[0]);
    if (p) return reg_may_write(&a, p, e);
  }
  return FZ_OK;
}

/* A cacheable read: the answer kept for this generation of the data, or
 * computed and kept. */
static int answer_cached(Req *r, const Route *rt, uint64_t gen, Err *e) {
  Str key = STR_INIT;
  int rc = FZ_OK;
  cache_key(r, &key);
  if (gen && cache_get(str_cstr(&key), gen, r)) {
    r->zCache = "hit";
  } else {
    r->zCache = "miss";
    rc = rt->xHandle(r, e);
    if (rc == FZ_OK && gen) cache_put(str_cstr(&key), gen, r);
  }
  str_free(&key);
  return rc;
}

/* One request. The session check and a read's answer share one snapshot:
 * a consistent view across the handler's queries (57 metrics agree with
 * each other), and SQLite takes its file locks once per request instead
 * of once per statement. A write runs afterwards in its own transaction.
 * The generation is read before the snapshot opens (db_generation). */
static int serve_route(Req *r, const Route *rt, Err *e) {
  uint64_t gen;
  int rc = db_begin_read(r->db, e);
  if (rc != FZ_OK) return rc;
  gen = db_generation(r->db);
  rc = authorise(r, rt, e);
  if (rc == FZ_OK && !(rt->flags & R_WRITE)) {
    rc = (rt->flags & R_CACHE) ? answer_cached(r, rt, gen, e) : rt->xHandle(r, e);
  }
  if (rc == FZ_OK) rc = db_commit(r->db, e);
  else db_rollback(r->db);
  if (r->hasUser && r->user.touch) { /* at most once a minute per session */
    Err eTouch = ERR_INIT;
    auth_session_touch(r->db, http_cookie(r, "fz_session"), &eTouch);
    err_clear(&eTouch);
  }
  if (rc == FZ_OK && (rt->flags & R_WRITE)) {
    if (commit_active() && !(rt->flags & R_SOLO)) r->pWrite = rt; /* to the committer */
    else rc = rt->xHandle(r, e);
  }
  return rc;
}

/* The error envelope; a handler may have chosen the status (415). */
static void answer_error(Req *r, int rc, Err *e) {
  int status = r->status;
  http_error(r, rc, e);
  if (status == 415) r->status = 415;
}

int api_write(Req *r, Err *e) {
  int rc = r->pWrite->xHandle(r, e);
  if (rc != FZ_OK) answer_error(r, rc, e);
  return rc;
}

void api_dispatch(Req *r, Err *e) {
  size_t i;
  int pathFound = 0, rc;
  if (strncmp(r->zPath, "/api/", 5) != 0 &&
      (strcmp(r->zMethod, "GET") == 0 || strcmp(r->zMethod, "HEAD") == 0)) {
    webui_serve(r); /* the browser UI, embedded */
    return;
  }
  for (i = 0; i < sizeof aRoute / sizeof aRoute[0]; i++) {
    if (!route_match(aRoute[i].zPattern, r->zPath, r, r->zParamBuf, sizeof r->zParamBuf)) continue;
    pathFound = 1;
    if (strcmp(aRoute[i].zMethod, r->zMethod) != 0) continue;
    rc = serve_route(r, &aRoute[i], e);
    if (rc != FZ_OK) answer_error(r, rc, e);
    return;
  }
  if (pathFound) {
    err_set(e, FZ_USAGE, "%s 不支持 %s 方法", r->zPath, r->zMethod);
    http_error(r, FZ_USAGE, e);
    r->status = 405;
  } else {
    err_set(e, FZ_NOTFOUND, "没有这个接口：%s", r->zPath);
    http_error(r, FZ_NOTFOUND, e);
  }
}
