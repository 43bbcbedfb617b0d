/* migrate.c — one county's history into another database (see migrate.h).
 * Tables are copied in dependency order through transfer.c, each id
 * translated through the map of the table it points into; the audit log is
 * appended to the target's own chain row by row (so the target verifies),
 * keeping each row's time, actor, action, before/after and reason. Its new
 * ids are the target's head plus the old ones, which lets the snapshots
 * (which name an audit head) be copied before it. */
#include "migrate.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../domain/deadline_tally.h"
#include "../domain/kept.h"
#include "../domain/org.h"
#include "../domain/reg.h"
#include "../base/calendar.h"
#include "../domain/deadline.h"
#include "../store/audit.h"
#include "../store/calfile.h"
#include "../store/schema.h"
#include "../store/transfer.h"

typedef struct Move { /* one migration under way */
  Db *src, *dst;
  const MigrateOptions *o;
  MigrateResult *res;
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  IdMap org, user, batch, snapshot, audit;
  IdMap *aReg; /* by reg_index */
  int64_t dstHead; /* the target's audit head before the copy */
  char zSrcHead[AUDIT_HASH_HEX + 24];
} Move;

/* ---- Which county, and is it already there ---- */

typedef struct Counties {
  char zCode[80];
  int n;
} Counties;

static int county_seen(const OrgUnit *u, void *pArg) {
  Counties *c = pArg;
  if (u->kind == ORG_COUNTY) {
    if (!c->n) snprintf(c->zCode, sizeof c->zCode, "%s", u->zCode);
    c->n++;
  }
  return FZ_OK;
}

static int find_county(Move *m, Err *e) {
  Counties c;
  int rc;
  memset(&c, 0, sizeof c);
  if (m->o->zOrg) {
    OrgUnit u;
    rc = org_get(m->src, m->o->zOrg, &u, e);
    if (rc != FZ_OK) return rc;
    org_unit_clear(&u);
    snprintf(c.zCode, sizeof c.zCode, "%s", m->o->zOrg);
  } else {
    rc = org_walk(m->src, NULL, county_seen, &c, e);
    if (rc != FZ_OK) return rc;
    if (c.n != 1) {
      return err_set(e, FZ_USAGE, "源数据库中有 %d 个县级行政区，请用 --org 指明迁移哪一个", c.n);
    }
  }
  snprintf(m->res->zCounty, sizeof m->res->zCounty, "%s", c.zCode);
  return org_subtree_range(c.zCode, m->zLo, m->zHi, e);
}

/* Records of the county in db: every register's and the snapshots. */
static int county_rows(Move *m, Db *db, int64_t *pn, Err *e) {
  int64_t n = 0;
  int i, rc = transfer_count(db, "report_snapshot", m->zLo, m->zHi, pn, e);
  for (i = 0; rc == FZ_OK && i < reg_count; i++) {
    rc = transfer_count(db, reg_all[i]->zName, m->zLo, m->zHi, &n, e);
    *pn += n;
  }
  return rc;
}

static int verify_chain(Db *db, const char *zWhich, AuditReport *rep, Err *e) {
  int rc = audit_verify(db, rep, e);
  if (rc == FZ_OK && rep->badId) {
    rc = err_set(e, FZ_INVALID, "%s数据库的审计日志在第 %lld 条处断开（%s），不能迁移", zWhich,
                 (long long)rep->badId, rep->zReason);
  }
  return rc;
}

/* ---- Registers in dependency order ---- */

static int refs_done(const Register *p, const int *aDone) {
  int k;
  for (k = 0; k < p->nField; k++) {
    const RegField *f = &p->aField[k];
    if (f->type == FT_REF && !aDone[reg_index(reg_find(f->zRef))]) return 0;
  }
  return 1;
}

/* The registers, each after those it refers to. */
static void register_order(int *aOrder) {
  int *aDone = mem_zalloc(sizeof(int) * (size_t)reg_count);
  int n = 0, i;
  while (n < reg_count) {
    for (i = 0; i < reg_count; i++) {
      if (!aDone[i] && refs_done(reg_all[i], aDone)) {
        aDone[i] = 1;
        aOrder[n++] = i;
      }
    }
  }
  mem_free(aDone);
}

static int copy_register(Move *m, const Register *p, Err *e) {
  TransferRef aRef[16];
  TransferSpec spec;
  int64_t n = 0;
  int k, nRef = 0, rc;
  aRef[nRef].zColumn = "batch";
  aRef[nRef++].pMap = &m->batch;
  for (k = 0; k < p->nField && nRef < 16; k++) {
    if (p->aField[k].type != FT_REF) continue;
    aRef[nRef].zColumn = p->aField[k].zName;
    aRef[nRef++].pMap = &m->aReg[reg_index(reg_find(p->aField[k].zRef))];
  }
  memset(&spec, 0, sizeof spec);
  spec.zTable = p->zName;
  spec.zLo = m->zLo;
  spec.zHi = m->zHi;
  spec.aRef = aRef;
  spec.nRef = nRef;
  rc = transfer_table(m->src, m->dst, &spec, &m->aReg[reg_index(p)], &n, e);
  m->res->nRecords += n;
  return rc;
}

static int replace_county(Move *m, const int *aOrder, Err *e) {
  int i, rc = transfer_delete(m->dst, "report_snapshot", m->zLo, m->zHi, e);
  for (i = reg_count - 1; rc == FZ_OK && i >= 0; i--) { /* referrers first */
    rc = transfer_delete(m->dst, reg_all[aOrder[i]]->zName, m->zLo, m->zHi, e);
  }
  return rc;
}

/* ---- The fixed tables ---- */

static int copy_plain(Move *m, const char *zTable, const char *zNatural,
                      const TransferRef *aRef, int nRef, IdMap *pMap, int64_t *pn, Err *e) {
  TransferSpec spec;
  int64_t n = 0;
  int rc;
  memset(&spec, 0, sizeof spec);
  spec.zTable = zTable;
  spec.zNatural = zNatural;
  spec.aRef = aRef;
  spec.nRef = nRef;
  rc = transfer_table(m->src, m->dst, &spec, pMap, &n, e);
  if (pn) *pn += n;
  return rc;
}

/* Snapshots name the audit head they froze: the target's ids for it. */
static int copy_snapshots(Move *m, Err *e) {
  TransferRef ref = {"audit_head", &m->audit};
  TransferSpec spec;
  memset(&spec, 0, sizeof spec);
  spec.zTable = "report_snapshot";
  spec.zLo = m->zLo;
  spec.zHi = m->zHi;
  spec.aRef = &ref;
  spec.nRef = 1;
  return transfer_table(m->src, m->dst, &spec, &m->snapshot, &m->res->nSnapshots, e);
}

/* The county's deadlines count working days by its holiday calendars:
 * they go along, and must agree with those the target already has (two
 * notices for one year that disagree would make every deadline wrong). */
static int copy_calendars(Move *m, Err *e) {
  Calendar *c = NULL;
  int rc = calfile_copy(m->src, m->dst, &m->res->nCalendars, e);
  if (rc == FZ_OK && m->res->nCalendars > 0) {
    rc = deadline_calendar(m->dst, &c, e);
    if (rc != FZ_OK) err_prefix(e, "源数据库的节假日安排与目标数据库已有的不一致，未作任何更改：");
  }
  cal_free(c);
  return rc;
}

/* ---- The audit log ---- */

static const IdMap *audit_map(Move *m, const char *zRegister) {
  const Register *p = reg_find(zRegister);
  if (p) return &m->aReg[reg_index(p)];
  if (strcmp(zRegister, "org_unit") == 0) return &m->org;
  if (strcmp(zRegister, "app_user") == 0 || strcmp(zRegister, "login") == 0) return &m->user;
  if (strcmp(zRegister, "import_batch") == 0) return &m->batch;
  if (strcmp(zRegister, "report_snapshot") == 0) return &m->snapshot;
  return NULL;
}

typedef struct AuditCopy {
  Move *m;
  Err *e;
} AuditCopy;

/* A row of another county's (a --org of a shared source) keeps no record
 * id here: 0, the history stays readable, the chain whole. */
static int copy_audit_row(const AuditRow *r, void *pArg) {
  AuditCopy *c = pArg;
  const IdMap *map = audit_map(c->m, r->zRegister);
  AuditEntry a;
  memset(&a, 0, sizeof a);
  a.zActor = r->zActor;
  a.zRegister = r->zRegister;
  a.recordId = map ? idmap_get(map, r->recordId) : r->recordId;
  a.zAction = r->zAction;
  a.zBefore = r->zBefore;
  a.zAfter = r->zAfter;
  a.zReason = r->zReason;
  a.zAt = r->zAt;
  c->m->res->nAudit++;
  return audit_append(c->m->dst, &a, NULL, c->e);
}

/* The last entry says where the history came from. */
static int note_migration(Move *m, const char *zFrom, Err *e) {
  AuditEntry a;
  char zKey[120];
  json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "from", zFrom, "county",
                        m->res->zCounty, "source_audit_head", m->zSrcHead, "records",
                        (json_int_t)m->res->nRecords, "audit_rows", (json_int_t)m->res->nAudit,
                        "users", (json_int_t)m->res->nUsers);
  char *z = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  int rc;
  memset(&a, 0, sizeof a);
  a.zActor = m->o->zActor ? m->o->zActor : "system";
  a.zRegister = "migration";
  a.zAction = m->o->replace ? "migrate_replace" : "migrate";
  a.zAfter = z;
  rc = audit_append(m->dst, &a, NULL, e);
  snprintf(zKey, sizeof zKey, "migrated:%s", m->res->zCounty);
  if (rc == FZ_OK) rc = schema_meta_set(m->dst, zKey, m->zSrcHead, e);
  free(z);
  json_decref(o);
  return rc;
}

/* ---- The whole move ---- */

static int already_there(Move *m, int *pAlready, Err *e) {
  char zKey[120], *zDone = NULL;
  int64_t n = 0;
  int rc;
  *pAlready = 0;
  snprintf(zKey, sizeof zKey, "migrated:%s", m->res->zCounty);
  rc = schema_meta_get(m->dst, zKey, &zDone, e);
  if (rc == FZ_OK && zDone && strcmp(zDone, m->zSrcHead) == 0 && !m->o->replace) {
    *pAlready = 1; /* the same history: re-running is a no-op */
  } else if (rc == FZ_OK) {
    rc = county_rows(m, m->dst, &n, e);
    if (rc == FZ_OK && n > 0 && !m->o->replace) {
      rc = err_set(e, FZ_CONFLICT,
                   "目标数据库中已有机构 %s 的 %lld 条记录，未作任何更改；如确要以源数据库替换，请加 --replace",
                   m->res->zCounty, (long long)n);
    }
  }
  mem_free(zDone);
  return rc;
}

static int migrate_in_txn(Move *m, const char *zFrom, Err *e) {
  int *aOrder = mem_zalloc(sizeof(int) * (size_t)reg_count);
  AuditReport rep;
  int64_t srcHead;
  int i, already = 0, rc = verify_chain(m->src, "源", &rep, e);
  srcHead = rep.headId;
  snprintf(m->zSrcHead, sizeof m->zSrcHead, "%lld:%s", (long long)rep.headId, rep.zHead);
  if (rc == FZ_OK) rc = verify_chain(m->dst, "目标", &rep, e);
  m->dstHead = rep.headId;
  register_order(aOrder);
  if (rc == FZ_OK) rc = already_there(m, &already, e);
  m->res->already = already;
  if (rc == FZ_OK && !already && m->o->replace) rc = replace_county(m, aOrder, e);
  if (rc == FZ_OK && !already) {
    rc = copy_plain(m, "org_unit", "code", NULL, 0, &m->org, NULL, e);
    if (rc == FZ_OK) rc = copy_plain(m, "person", "id_number", NULL, 0, NULL, NULL, e);
    if (rc == FZ_OK) rc = copy_plain(m, "app_user", "name", NULL, 0, &m->user, &m->res->nUsers, e);
    if (rc == FZ_OK) rc = copy_plain(m, "import_batch", NULL, NULL, 0, &m->batch, &m->res->nBatches, e);
    if (rc == FZ_OK) rc = copy_calendars(m, e);
    for (i = 0; rc == FZ_OK && i < reg_count; i++) rc = copy_register(m, reg_all[aOrder[i]], e);
    if (rc == FZ_OK) {
      for (i = 1; i <= srcHead; i++) idmap_add(&m->audit, i, m->dstHead + i);
      rc = copy_snapshots(m, e);
    }
    if (rc == FZ_OK) {
      AuditCopy c = {m, e};
      rc = audit_all(m->src, copy_audit_row, &c, e);
    }
    if (rc == FZ_OK) rc = note_migration(m, zFrom, e);
    /* the county's kept figures, from the records that came in; a
     * calendar that came along may move any deadline, so all of them */
    if (rc == FZ_OK) rc = kept_rebuild(m->dst, m->zLo, m->zHi, e);
    if (rc == FZ_OK && m->res->nCalendars > 0) rc = dtally_rebuild(m->dst, NULL, NULL, e);
  }
  mem_free(aOrder);
  return rc;
}

int migrate_county(Db *src, Db *dst, const MigrateOptions *o, MigrateResult *res, Err *e) {
  Move m;
  Str from = STR_INIT;
  int i, rc;
  memset(&m, 0, sizeof m);
  memset(res, 0, sizeof *res);
  m.src = src;
  m.dst = dst;
  m.o = o;
  m.res = res;
  m.aReg = mem_zalloc(sizeof(IdMap) * (size_t)reg_count);
  db_name_redacted(db_name(src), &from);
  rc = db_begin_read(src, e); /* one consistent view of the source */
  if (rc == FZ_OK) rc = find_county(&m, e);
  if (rc == FZ_OK) {
    rc = db_begin(dst, e);
    if (rc == FZ_OK) {
      rc = migrate_in_txn(&m, str_cstr(&from), e);
      rc = rc == FZ_OK ? db_commit(dst, e) : (db_rollback(dst), rc);
    }
  }
  if (db_txn_depth(src)) db_rollback(src);
  for (i = 0; i < reg_count; i++) idmap_free(&m.aReg[i]);
  mem_free(m.aReg);
  idmap_free(&m.org);
  idmap_free(&m.user);
  idmap_free(&m.batch);
  idmap_free(&m.snapshot);
  idmap_free(&m.audit);
  str_free(&from);
  return rc;
}
