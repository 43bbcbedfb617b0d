/* org.c — the org tree (see org.h): kinds, code rules, subtree ranges, and
 * the all-or-nothing import that puts parents before children. */
#include "org.h"

#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"
#include "../base/uscc.h"
#include "../store/db.h"

const OrgKindInfo org_kinds[ORG_KIND_COUNT] = {
    {"country", "全国", 0},
    {"province", "省级行政区", 2},
    {"prefecture", "地级行政区", 4},
    {"county", "县级行政区", 6},
    {"township", "乡级行政区", 9},
    {"village", "村级", 12},
    {"government", "人民政府", -1},
    {"bureau", "司法局", -1},
    {"section", "内设科室", -1},
    {"judicial_office", "司法所", -1},
    {"center", "矛调中心", -1},
    {"enforcement_unit", "行政执法单位", -1},
};

/* Chinese labels of the org_unit fields, for messages and CSV headers. */
#define L_CODE "编码"
#define L_PARENT "上级"
#define L_KIND "类型"
#define L_NAME "名称"
#define L_USCC "统一社会信用代码"

int org_kind_parse(const char *z, int *pKind, Err *e) {
  int i;
  Str all = STR_INIT;
  for (i = 0; i < ORG_KIND_COUNT; i++) {
    if (strcmp(z, org_kinds[i].zCode) == 0 ||
        strcmp(z, org_kinds[i].zLabel) == 0) {
      *pKind = i;
      return FZ_OK;
    }
  }
  for (i = 0; i < ORG_KIND_COUNT; i++) {
    str_appendf(&all, "%s%s（%s）", i ? "、" : "", org_kinds[i].zLabel,
                org_kinds[i].zCode);
  }
  err_set_at(e, FZ_INVALID, 0, L_KIND, "类型“%s”无效，应为：%s", z,
             str_cstr(&all));
  str_free(&all);
  return FZ_INVALID;
}

int org_kind_is_division(int kind) {
  return kind >= 0 && kind < ORG_KIND_COUNT && org_kinds[kind].nSig >= 0;
}

/* The division kind whose codes have sig significant digits: each level
 * has exactly one, the country's all-zero code included. */
static int division_kind(int sig) {
  int i;
  for (i = 0; i < ORG_KIND_COUNT; i++) {
    if (org_kinds[i].nSig == sig) return i;
  }
  return -1;
}

static int is_digits(const char *z, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
  }
  return 1;
}

/* Significant digits of a 12-digit division code: 2, 4, 6, 9 or 12 by where
 * its trailing zero groups start; 0 for the all-zero code. */
static int division_sig(const char *z) {
  static const int aLevel[] = {12, 9, 6, 4, 2};
  int i, sig = 0;
  for (i = 0; i < 5; i++) {
    int n = aLevel[i], k = i + 1 < 5 ? aLevel[i + 1] : 0, j, zero = 1;
    for (j = k; j < n; j++) zero &= (z[j] == '0');
    if (!zero) return n;
    sig = k;
  }
  return sig;
}

/* A unit code is a parent code, "-", and a suffix of A-Z 0-9. Returns the
 * length of the parent part, or 0 when the code is not of that shape. */
static size_t unit_parent_len(const char *z) {
  const char *zDash = strrchr(z, '-');
  const char *p;
  if (!zDash || zDash == z || !zDash[1]) return 0;
  if (strlen(zDash + 1) > ORG_SUFFIX_MAX) return 0;
  for (p = zDash + 1; *p; p++) {
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) return 0;
  }
  return (size_t)(zDash - z);
}

/* A division code: 12 digits (all zero for the country). */
static int is_division_code(const char *z) {
  return strlen(z) == 12 && is_digits(z, 12);
}

/* The shape of any code: a division code, or a unit code built on one. */
static int code_shape_ok(const char *z) {
  size_t n = strlen(z), nParent;
  char zParent[ORG_CODE_MAX];
  if (n == 0 || n >= ORG_CODE_MAX) return 0;
  if (is_division_code(z)) return 1;
  nParent = unit_parent_len(z);
  if (nParent == 0) return 0;
  memcpy(zParent, z, nParent);
  zParent[nParent] = 0;
  return code_shape_ok(zParent);
}

int org_subtree_range(const char *zCode, char *zLo, char *zHi, Err *e) {
  size_t n;
  if (!code_shape_ok(zCode)) {
    return err_set_at(e, FZ_INVALID, 0, L_CODE, "编码“%s”格式不正确", zCode);
  }
  if (is_division_code(zCode) && division_sig(zCode) == 0) {
    /* The country: every code starts with a digit, and ':' follows '9'. */
    zLo[0] = 0;
    memcpy(zHi, ":", 2);
  } else if (is_division_code(zCode)) {
    n = (size_t)division_sig(zCode);
    memcpy(zLo, zCode, n);
    zLo[n] = 0;
    memcpy(zHi, zCode, n);
    zHi[n - 1]++; /* '9' + 1 is ':', still above every digit and '-' */
    zHi[n] = 0;
  } else {
    /* The unit itself and "CODE-…"; '.' is the byte after '-'. */
    n = strlen(zCode);
    memcpy(zLo, zCode, n + 1);
    memcpy(zHi, zCode, n);
    zHi[n] = '.';
    zHi[n + 1] = 0;
  }
  return FZ_OK;
}

int org_in_subtree(const char *zCode, const char *zRoot) {
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  if (org_subtree_range(zRoot, zLo, zHi, NULL) != FZ_OK) return 0;
  return strcmp(zCode, zLo) >= 0 && strcmp(zCode, zHi) < 0;
}

static int org_validate_code(const OrgUnit *u, Err *e) {
  const char *z = u->zCode;
  int sig;
  if (!z || !z[0]) return err_set_at(e, FZ_INVALID, 0, L_CODE, "编码不能为空");
  if (org_kind_is_division(u->kind)) {
    if (!is_division_code(z)) {
      return err_set_at(e, FZ_INVALID, 0, L_CODE,
                        "编码“%s”不是12位统计用区划代码", z);
    }
    sig = division_sig(z);
    if (sig != org_kinds[u->kind].nSig) {
      return err_set_at(e, FZ_INVALID, 0, L_CODE,
                        "编码“%s”是%s的代码，与类型“%s”不符%s", z,
                        org_kinds[division_kind(sig)].zLabel,
                        org_kinds[u->kind].zLabel,
                        sig == 0 ? "：全部为0的编码只用于类型“全国”（country）"
                        : u->kind == ORG_COUNTRY ? "：全国的编码为 000000000000"
                                                 : "");
    }
    if (u->kind == ORG_COUNTRY && u->zParent) {
      return err_set_at(e, FZ_INVALID, 0, L_PARENT,
                        "全国是组织机构树的根，不能有上级（“%s”）",
                        u->zParent);
    }
    return FZ_OK;
  }
  if (!code_shape_ok(z) || is_division_code(z)) {
    return err_set_at(e, FZ_INVALID, 0, L_CODE,
                      "编码“%s”格式不正确：机构编码应为上级编码加“-”和1至%d位"
                      "大写字母或数字，如 632323100000-SFS",
                      z, ORG_SUFFIX_MAX);
  }
  if (!u->zParent || strlen(u->zParent) != unit_parent_len(z) ||
      strncmp(u->zParent, z, unit_parent_len(z)) != 0) {
    return err_set_at(e, FZ_INVALID, 0, L_CODE,
                      "编码“%s”应以上级编码“%s”开头，再加“-”和后缀", z,
                      u->zParent ? u->zParent : "");
  }
  return FZ_OK;
}

int org_validate(const OrgUnit *u, Err *e) {
  int rc;
  size_t nName;
  if (u->kind < 0 || u->kind >= ORG_KIND_COUNT) {
    return err_set_at(e, FZ_INVALID, 0, L_KIND, "类型无效");
  }
  rc = org_validate_code(u, e);
  if (rc != FZ_OK) return rc;
  if (u->zParent && !code_shape_ok(u->zParent)) {
    return err_set_at(e, FZ_INVALID, 0, L_PARENT, "上级编码“%s”格式不正确",
                      u->zParent);
  }
  nName = u->zName ? strlen(u->zName) : 0;
  if (nName == 0) return err_set_at(e, FZ_INVALID, 0, L_NAME, "名称不能为空");
  if (!utf8_valid(u->zName, nName, NULL)) {
    return err_set_at(e, FZ_INVALID, 0, L_NAME, "名称不是有效的 UTF-8 文本");
  }
  if (utf8_count(u->zName, nName) > ORG_NAME_MAX) {
    return err_set_at(e, FZ_INVALID, 0, L_NAME, "名称超过%d个字",
                      ORG_NAME_MAX);
  }
  if (u->zUscc && u->zUscc[0] && uscc_check(u->zUscc, e) != FZ_OK) {
    if (e) {
      mem_free(e->field);
      e->field = mem_strdup(L_USCC);
    }
    return FZ_INVALID;
  }
  return FZ_OK;
}

void org_unit_clear(OrgUnit *u) {
  mem_free(u->zCode);
  mem_free(u->zParent);
  mem_free(u->zName);
  mem_free(u->zUscc);
  memset(u, 0, sizeof *u);
}

#define ORG_COLUMNS "code, parent, kind, name, uscc, depth"

/* Fill u from a row selected with ORG_COLUMNS. */
static void org_from_row(Stmt *st, OrgUnit *u) {
  const char *zKind = db_column_text(st, 2);
  int i;
  memset(u, 0, sizeof *u);
  u->zCode = mem_strdup(db_column_text(st, 0));
  u->zParent = mem_strdup(db_column_text(st, 1));
  u->kind = -1;
  for (i = 0; zKind && i < ORG_KIND_COUNT; i++) {
    if (strcmp(zKind, org_kinds[i].zCode) == 0) u->kind = i;
  }
  u->zName = mem_strdup(db_column_text(st, 3));
  u->zUscc = mem_strdup(db_column_text(st, 4));
  u->depth = (int)db_column_int64(st, 5);
}

int org_get(Db *db, const char *zCode, OrgUnit *pOut, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "SELECT " ORG_COLUMNS " FROM org_unit WHERE code=?", e);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zCode);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    org_from_row(st, pOut);
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = err_set_at(e, FZ_NOTFOUND, 0, L_CODE, "组织机构“%s”不存在", zCode);
  }
  db_finalize(st);
  return rc;
}

/* The rules between a unit and its parent, once the parent is known. */
static int org_check_parent(const OrgUnit *u, const OrgUnit *p, Err *e) {
  int sigChild, sigParent;
  if (!org_kind_is_division(u->kind)) return FZ_OK; /* shape checked it */
  if (!org_kind_is_division(p->kind)) {
    return err_set_at(e, FZ_INVALID, 0, L_PARENT,
                      "行政区划“%s”的上级“%s”（%s）不是行政区划", u->zCode,
                      p->zCode, p->zName);
  }
  sigChild = org_kinds[u->kind].nSig;
  sigParent = org_kinds[p->kind].nSig;
  if (p->kind == ORG_COUNTRY && u->kind != ORG_PROVINCE) {
    /* Below a province a level may be skipped (省直辖县级), not above. */
    return err_set_at(e, FZ_INVALID, 0, L_PARENT,
                      "全国的下级行政区划只能是省级行政区，“%s”是%s", u->zCode,
                      org_kinds[u->kind].zLabel);
  }
  if (sigParent >= sigChild || strncmp(u->zCode, p->zCode, sigParent) != 0) {
    return err_set_at(e, FZ_INVALID, 0, L_PARENT,
                      "“%s”不可能是“%s”的上级：上级须为更高一级、且代码是其前缀"
                      "的行政区划",
                      p->zCode, u->zCode);
  }
  return FZ_OK;
}

int org_insert(Db *db, const OrgUnit *u, const char *zUser, Err *e) {
  OrgUnit parent = {0};
  char zNow[32];
  int depth = 0, rc = org_validate(u, e);
  int64_t dummy;
  int found = 0;
  if (rc != FZ_OK) return rc;
  rc = db_query_int64(db, e, &dummy, &found,
                      "SELECT 1 FROM org_unit WHERE code=?", "t", u->zCode);
  if (rc != FZ_OK) return rc;
  if (found) {
    return err_set_at(e, FZ_CONFLICT, 0, L_CODE, "编码“%s”已存在", u->zCode);
  }
  if (u->zParent) {
    Err eParent = ERR_INIT;
    rc = org_get(db, u->zParent, &parent, &eParent);
    if (rc == FZ_NOTFOUND) {
      err_clear(&eParent);
      return err_set_at(e, FZ_INVALID, 0, L_PARENT, "上级“%s”不存在",
                        u->zParent);
    }
    err_move(e, &eParent);
    if (rc != FZ_OK) return rc;
    rc = org_check_parent(u, &parent, e);
    depth = parent.depth + 1;
    org_unit_clear(&parent);
    if (rc != FZ_OK) return rc;
  }
  return db_exec(db, e,
                 "INSERT INTO org_unit(code, parent, kind, name, uscc, depth,"
                 " created_at, created_by) VALUES(?,?,?,?,?,?,?,?)",
                 "tttttitt", u->zCode, u->zParent, org_kinds[u->kind].zCode,
                 u->zName, (u->zUscc && u->zUscc[0]) ? u->zUscc : NULL,
                 (int64_t)depth, clock_now_iso(zNow, sizeof zNow), zUser);
}

int org_walk(Db *db, const char *zUnder, OrgVisit xVisit, void *pArg, Err *e) {
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  Stmt *st = NULL;
  OrgUnit u;
  int rc;
  if (zUnder) {
    /* Make "no such org" an answer rather than an empty list. */
    rc = org_get(db, zUnder, &u, e);
    if (rc != FZ_OK) return rc;
    org_unit_clear(&u);
    rc = org_subtree_range(zUnder, zLo, zHi, e);
    if (rc != FZ_OK) return rc;
  }
  rc = db_prepare(db, &st,
                  zUnder ? "SELECT " ORG_COLUMNS " FROM org_unit"
                           " WHERE code >= ? AND code < ? ORDER BY code"
                         : "SELECT " ORG_COLUMNS " FROM org_unit ORDER BY code",
                  e);
  if (rc != FZ_OK) return rc;
  if (zUnder) {
    db_bind_text(st, 1, zLo);
    db_bind_text(st, 2, zHi);
  }
  while ((rc = db_step(st, e)) == DB_ROW) {
    org_from_row(st, &u);
    rc = xVisit(&u, pArg);
    org_unit_clear(&u);
    if (rc != FZ_OK) break;
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* Import order: divisions by level, then units by nesting, so a parent is
 * always placed before its children whatever the file's order. */
static int org_import_rank(const OrgUnit *u) {
  const char *p;
  int nDash = 0;
  for (p = u->zCode; *p; p++) nDash += (*p == '-');
  return nDash * 100 + (org_kind_is_division(u->kind)
                            ? org_kinds[u->kind].nSig
                            : 0);
}

typedef struct ImportSlot {
  OrgUnit *u;
  long row;
  int rank;
  int ok; /* passed the checks that need no database */
} ImportSlot;

static int import_slot_cmp(const void *a, const void *b) {
  const ImportSlot *x = a, *y = b;
  if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static int import_code_cmp(const void *a, const void *b) {
  const ImportSlot *x = *(ImportSlot *const *)a, *y = *(ImportSlot *const *)b;
  int c = strcmp(x->u->zCode, y->u->zCode);
  return c ? c : (x->row < y->row ? -1 : x->row > y->row);
}

/* Record a problem of row `row`, taking the message from eRow. */
static void import_problem(Err *e, long row, Err *eRow, const OrgUnit *u) {
  const char *zField = eRow->field ? eRow->field : L_CODE;
  const char *zValue = strcmp(zField, L_PARENT) == 0 ? u->zParent
                       : strcmp(zField, L_NAME) == 0 ? u->zName
                       : strcmp(zField, L_USCC) == 0 ? u->zUscc
                       : strcmp(zField, L_KIND) == 0
                           ? (u->kind >= 0 && u->kind < ORG_KIND_COUNT
                                  ? org_kinds[u->kind].zCode
                                  : NULL)
                           : u->zCode;
  err_add_item(e, row, zField, zValue, "%s", err_msg(eRow));
  err_clear(eRow);
}

/* Flag every row whose code another row also uses. */
static void import_find_duplicates(ImportSlot *aSlot, int n, Err *e) {
  ImportSlot **ap = mem_alloc(sizeof(ImportSlot *) * (size_t)(n ? n : 1));
  int i;
  for (i = 0; i < n; i++) ap[i] = &aSlot[i];
  qsort(ap, (size_t)n, sizeof ap[0], import_code_cmp);
  for (i = 1; i < n; i++) {
    if (strcmp(ap[i]->u->zCode, ap[i - 1]->u->zCode) == 0) {
      ap[i]->ok = 0;
      err_add_item(e, ap[i]->row, L_CODE, ap[i]->u->zCode,
                   "编码“%s”重复：与第%ld行相同", ap[i]->u->zCode,
                   ap[i - 1]->row);
    }
  }
  mem_free(ap);
}

/* A unit already in the database: identical content is fine. */
static int import_same(const OrgUnit *a, const OrgUnit *b) {
  const char *pa = a->zParent ? a->zParent : "", *pb = b->zParent ? b->zParent : "";
  const char *ua = a->zUscc ? a->zUscc : "", *ub = b->zUscc ? b->zUscc : "";
  return a->kind == b->kind && strcmp(a->zName, b->zName) == 0 &&
         strcmp(pa, pb) == 0 && strcmp(ua, ub) == 0;
}

/* Place one checked row: skip it when present and identical, else insert. */
static int import_place(Db *db, ImportSlot *s, const char *zUser,
                        OrgImportStats *pStats, Err *e) {
  OrgUnit old = {0};
  Err eRow = ERR_INIT;
  int rc = org_get(db, s->u->zCode, &old, &eRow);
  if (rc == FZ_OK) {
    int same = import_same(&old, s->u);
    org_unit_clear(&old);
    err_clear(&eRow);
    if (same) {
      pStats->nUnchanged++;
      return FZ_OK;
    }
    err_add_item(e, s->row, L_CODE, s->u->zCode,
                 "编码“%s”已存在且内容不同；修改已有机构请用 org update",
                 s->u->zCode);
    return FZ_CONFLICT;
  }
  if (rc != FZ_NOTFOUND) {
    err_move(e, &eRow);
    return rc;
  }
  err_clear(&eRow);
  rc = org_insert(db, s->u, zUser, &eRow);
  if (rc == FZ_OK) {
    pStats->nInserted++;
  } else if (rc == FZ_INVALID || rc == FZ_CONFLICT) {
    import_problem(e, s->row, &eRow, s->u);
  } else {
    err_move(e, &eRow);
  }
  return rc;
}

int org_import(Db *db, OrgUnit *aUnit, const long *aRow, int n, int flags,
               const char *zUser, OrgImportStats *pStats, Err *e) {
  ImportSlot *aSlot = mem_zalloc(sizeof(ImportSlot) * (size_t)(n ? n : 1));
  int i, rc = FZ_OK, began, nBad;
  memset(pStats, 0, sizeof *pStats);
  for (i = 0; i < n; i++) {
    Err eRow = ERR_INIT;
    aSlot[i].u = &aUnit[i];
    aSlot[i].row = aRow[i];
    aSlot[i].ok = org_validate(&aUnit[i], &eRow) == FZ_OK;
    aSlot[i].rank = aSlot[i].ok ? org_import_rank(&aUnit[i]) : 0;
    if (!aSlot[i].ok) import_problem(e, aRow[i], &eRow, &aUnit[i]);
  }
  import_find_duplicates(aSlot, n, e);
  qsort(aSlot, (size_t)n, sizeof aSlot[0], import_slot_cmp);
  rc = db_begin(db, e);
  began = rc == FZ_OK;
  for (i = 0; i < n && rc == FZ_OK; i++) {
    int rcRow;
    if (!aSlot[i].ok) continue;
    rcRow = import_place(db, &aSlot[i], zUser, pStats, e);
    if (rcRow != FZ_OK && rcRow != FZ_INVALID && rcRow != FZ_CONFLICT) {
      rc = rcRow; /* the database failed: stop */
    }
  }
  nBad = (int)(e->nItem + e->nDropped);
  if (rc == FZ_OK && nBad == 0 && !(flags & ORG_IMPORT_DRY_RUN)) {
    rc = db_commit(db, e);
  } else {
    if (began) db_rollback(db);
    if (rc == FZ_OK && nBad > 0) {
      rc = err_set(e, FZ_INVALID, "导入失败：发现 %d 处错误，未导入任何数据",
                   nBad);
    }
  }
  if (rc != FZ_OK) memset(pStats, 0, sizeof *pStats);
  mem_free(aSlot);
  return rc;
}
