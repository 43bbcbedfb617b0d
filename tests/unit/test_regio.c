/* test_regio.c — importing spreadsheets into a register and exporting them
 * again (src/io/regimport.c, regexport.c, table.c) against a real database
 * holding the demo org tree: the same rows in every encoding and in XLSX,
 * header forms, all-or-nothing with every bad row listed, broken files, dry
 * runs, provenance, and export → import round trips with ID masking. */
#include "testutil.h"

#include <dirent.h>
#include <iconv.h>
#include <jansson.h>
#include <sodium.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "../../src/base/str.h"
#include "../../src/base/utf8.h"
#include "../../src/domain/reg.h"
#include "../../src/domain/regstore.h"
#include "../../src/domain/regjson.h"
#include "../../src/io/orgfile.h"
#include "../../src/io/regexport.h"
#include "../../src/io/regimport.h"
#include "../../src/io/xlsx.h"
#include "../../src/store/audit.h"

#define ZEQU "632323100000"         /* 泽曲镇 */
#define ZEQU_SFS "632323100000-SFS" /* 泽曲镇司法所 */
#define MAIXIU_SFS "632323101000-SFS"
#define HERI_SFS "632323102000-SFS"
#define FULL_ID "11010519491231002X"
#define FULL_ID2 "632323198506151233"

static const Actor sys_actor = {"test", NULL, 0};
static const Actor reader = {"reader", NULL, UINT64_MAX}; /* writes nothing */
static const Actor zequ_clerk = {"zequ", ZEQU, 0};

/* ---- Fixture: a directory with a database holding the demo tree ---- */

typedef struct Fx {
  Db *db;
  char zDir[512];
  char zPath[1024]; /* scratch for fx_path */
} Fx;

static const char *fx_path(Fx *fx, const char *zName) {
  snprintf(fx->zPath, sizeof fx->zPath, "%s/%s", fx->zDir, zName);
  return fx->zPath;
}

/* A new database at zPath (on the PostgreSQL run: a new one in the
 * cluster) with the demo org tree imported. */
static Db *open_db(const char *zPath) {
  const char *zData = getenv("FZ_TEST_DATA");
  char zOrg[512], zUrl[512];
  Err e = ERR_INIT;
  OrgImportStats st;
  Db *db = NULL;
  if (test_on_pg()) {
    test_pg_new_db(zUrl, sizeof zUrl);
    zPath = zUrl;
  }
  snprintf(zOrg, sizeof zOrg, "%s/org/zeku.csv", zData ? zData : "data");
  if (reg_open_db(&db, zPath, DB_CREATE, &e) != FZ_OK ||
      orgfile_import(db, zOrg, 0, "test", &st, &e) != FZ_OK) {
    fail_msg("open_db %s: %s", zPath, err_msg(&e));
  }
  return db;
}

static int setup(void **state) {
  Fx *fx = calloc(1, sizeof *fx);
  char zDb[600], *zSlash;
  test_tmp_path(zDb, sizeof zDb, "main.db");
  zSlash = strrchr(zDb, '/');
  snprintf(fx->zDir, sizeof fx->zDir, "%.*s", (int)(zSlash - zDb), zDb);
  fx->db = open_db(zDb);
  *state = fx;
  return 0;
}

/* The directory is flat: remove its files, then it. */
static int teardown(void **state) {
  Fx *fx = *state;
  DIR *d;
  struct dirent *de;
  db_close(fx->db);
  d = opendir(fx->zDir);
  while (d && (de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    remove(fx_path(fx, de->d_name));
  }
  if (d) closedir(d);
  rmdir(fx->zDir);
  free(fx);
  return 0;
}

/* ---- Helpers ---- */

static const Register *dispute(void) {
  const Register *p = reg_find("dispute");
  assert_non_null(p);
  return p;
}

static const Register *recon(void) {
  const Register *p = reg_find("reconsideration");
  assert_non_null(p);
  return p;
}

static int count_visit(const Record *r, void *pArg) {
  (void)r;
  (void)pArg;
  return FZ_OK;
}

/* Records of p, voided ones included. */
static int64_t count_records(Db *db, const Register *p) {
  RegQuery q;
  Err e = ERR_INIT;
  int64_t n = -1;
  memset(&q, 0, sizeof q);
  q.includeVoided = 1;
  if (reg_list(db, &sys_actor, p, &q, count_visit, NULL, &n, &e) != FZ_OK) {
    fail_msg("count: %s", err_msg(&e));
  }
  return n;
}

/* The audit chain must be intact; returns its length. */
static int64_t audit_len(Db *db) {
  AuditReport rep;
  Err e = ERR_INIT;
  assert_int_equal(audit_verify(db, &rep, &e), FZ_OK);
  if (rep.badId != 0)
    fail_msg("audit chain broken at %lld: %s", (long long)rep.badId,
             rep.zReason);
  return rep.nChecked;
}

static void write_text(const char *zPath, const char *z) {
  test_write_file(zPath, z, strlen(z));
}

static char *read_file(const char *zPath, size_t *pn) {
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  if (!f) fail_msg("cannot read %s", zPath);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = malloc((size_t)n + 1);
  assert_int_equal(fread(z, 1, (size_t)n, f), (size_t)n);
  z[n] = 0;
  fclose(f);
  *pn = (size_t)n;
  return z;
}

/* What b2sum prints for the file: BLAKE2b-512, hex. */
static void file_b2sum(const char *zPath, char zHex[129]) {
  unsigned char aHash[64];
  size_t n;
  char *z = read_file(zPath, &n);
  assert_true(sodium_init() >= 0);
  crypto_generichash(aHash, sizeof aHash, (const unsigned char *)z, n, NULL, 0);
  sodium_bin2hex(zHex, 129, aHash, sizeof aHash);
  free(z);
}

static char *to_gb18030(const char *z, size_t *pn) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  size_t nIn = strlen(z), nCap = 2 * nIn + 16, nOut = nCap;
  char *zOut = malloc(nCap), *pIn = (char *)z, *pOut = zOut;
  assert_true(cd != (iconv_t)-1);
  assert_true(iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1);
  iconv_close(cd);
  *pn = nCap - nOut;
  return zOut;
}

/* One CSV field, quoted when it must be (written here, not by csv.c). */
static void csv_put(Str *s, const char *z, int first) {
  if (!first) str_putc(s, ',');
  if (strpbrk(z, ",\"\r\n")) {
    str_putc(s, '"');
    for (; *z; z++) {
      if (*z == '"') str_putc(s, '"');
      str_putc(s, *z);
    }
    str_putc(s, '"');
  } else {
    str_puts(s, z);
  }
}

static int import_file(Db *db, const Actor *a, const Register *p,
                       const char *zPath, int dry, ImportResult *pRes, Err *e) {
  ImportOptions o;
  memset(&o, 0, sizeof o);
  o.dryRun = dry;
  return regimport_file(db, a, p, zPath, &o, pRes, e);
}

/* Write zCsv to the fixture's directory and import it into dispute. */
static int import_csv(Fx *fx, const char *zName, const char *zCsv,
                      const Actor *a, int dry, ImportResult *pRes, Err *e) {
  write_text(fx_path(fx, zName), zCsv);
  return import_file(fx->db, a, dispute(), fx_path(fx, zName), dry, pRes, e);
}

static void dump_items(const Err *e) {
  int i;
  print_message("error: %s (rc %d)\n", err_msg(e), e->rc);
  for (i = 0; i < e->nItem; i++) {
    const ErrItem *it = &e->aItem[i];
    print_message("  row %ld, column %s, value %s: %s\n", it->row,
                  it->column ? it->column : "(null)",
                  it->value ? it->value : "(null)", it->msg);
  }
}

/* An item with this row, column and value (NULL: the item has none) whose
 * message contains zMsg. */
static int has_item(const Err *e, long row, const char *zCol, const char *zVal,
                    const char *zMsg) {
  int i;
  for (i = 0; i < e->nItem; i++) {
    const ErrItem *it = &e->aItem[i];
    if (it->row != row) continue;
    if (zCol ? !it->column || strcmp(it->column, zCol) != 0
             : it->column != NULL)
      continue;
    if (zVal ? !it->value || strcmp(it->value, zVal) != 0 : it->value != NULL)
      continue;
    if (!strstr(it->msg, zMsg)) continue;
    return 1;
  }
  return 0;
}

#define assert_item(e, row, col, val, msg)                                     \
  do {                                                                         \
    if (!has_item((e), (row), (col), (val), (msg))) {                          \
      dump_items(e);                                                           \
      fail_msg("no item: row %ld column %s value %s message ~ %s",             \
               (long)(row), (col) ? (const char *)(col) : "(null)",            \
               (val) ? (const char *)(val) : "(null)", (msg));                 \
    }                                                                          \
  } while (0)

#define assert_msg_contains(e, z)                                              \
  do {                                                                         \
    if (!strstr(err_msg(e), (z))) {                                            \
      dump_items(e);                                                           \
      fail_msg("message lacks “%s”", (z));                                     \
    }                                                                          \
  } while (0)

static void assert_items_sorted(const Err *e) {
  int i;
  for (i = 1; i < e->nItem; i++) {
    if (e->aItem[i - 1].row > e->aItem[i].row) {
      dump_items(e);
      fail_msg("items out of order at %d", i);
    }
  }
}

/* ---- Snapshots: every record's org and fields as stored ---- */

typedef struct Snap {
  int n, nCol;
  char **az; /* n rows of nCol: org, then each field (codes, full IDs) */
  int aVoided[64];
} Snap;

static int snap_row(const Record *r, void *pArg) {
  Snap *s = pArg;
  int i;
  s->nCol = 1 + r->pReg->nField;
  s->az = realloc(s->az, sizeof(char *) * (size_t)(s->n + 1) * (size_t)s->nCol);
  s->az[s->n * s->nCol] = strdup(r->zOrg);
  for (i = 0; i < r->pReg->nField; i++) {
    Str v = STR_INIT;
    reg_format_value(r, i, 0, &sys_actor, &v);
    s->az[s->n * s->nCol + 1 + i] = strdup(str_cstr(&v));
    str_free(&v);
  }
  if (s->n < 64) s->aVoided[s->n] = r->voided;
  s->n++;
  return FZ_OK;
}

static Snap snap(Db *db, const Register *p, int includeVoided) {
  Snap s;
  RegQuery q;
  Err e = ERR_INIT;
  memset(&s, 0, sizeof s);
  memset(&q, 0, sizeof q);
  q.includeVoided = includeVoided;
  if (reg_list(db, &sys_actor, p, &q, snap_row, &s, NULL, &e) != FZ_OK) {
    fail_msg("snap: %s", err_msg(&e));
  }
  s.nCol = 1 + p->nField;
  return s;
}

static void snap_free(Snap *s) {
  int i;
  for (i = 0; i < s->n * s->nCol; i++)
    free(s->az[i]);
  free(s->az);
  memset(s, 0, sizeof *s);
}

static const char *col_name(const Register *p, int k) {
  return k == 0 ? "org" : p->aField[k - 1].zName;
}

/* Field by field; a mismatch names the record and the field. */
static void snap_assert_equal(const Register *p, const Snap *a, const Snap *b,
                              const char *zWhat) {
  int i, k;
  if (a->n != b->n) fail_msg("%s: %d records, expected %d", zWhat, b->n, a->n);
  for (i = 0; i < a->n; i++) {
    for (k = 0; k < a->nCol; k++) {
      const char *zA = a->az[i * a->nCol + k], *zB = b->az[i * b->nCol + k];
      if (strcmp(zA, zB) != 0) {
        fail_msg("%s: record %d field %s is “%s”, expected “%s”", zWhat, i + 1,
                 col_name(p, k), zB, zA);
      }
    }
  }
}

static void snap_assert_rows(const Register *p, const Snap *s, int nRow,
                             const char *const *az, const char *zWhat) {
  int i, k;
  if (s->n != nRow) fail_msg("%s: %d records, expected %d", zWhat, s->n, nRow);
  for (i = 0; i < nRow; i++) {
    for (k = 0; k < s->nCol; k++) {
      const char *zGot = s->az[i * s->nCol + k], *zWant = az[i * s->nCol + k];
      if (strcmp(zGot, zWant) != 0) {
        fail_msg("%s: record %d field %s is “%s”, expected “%s”", zWhat, i + 1,
                 col_name(p, k), zGot, zWant);
      }
    }
  }
}

/* ---- The dispute rows every format carries ---- */

#define N_DCOL 10
#define N_DROW 3

static const char *const azDisputeHead[N_DCOL] = {
    "机构",         "案号",     "纠纷类型", "受理日期", "当事人数",
    "纠纷简要情况", "涉及金额", "调解结果", "协议形式", "结案日期"};

/* As a clerk writes them: org by code or by name, enums by label or code. */
/* clang-format off */
static const char *const azDisputeIn[N_DROW * N_DCOL] = {
    ZEQU_SFS, "泽调〔2024〕1号", "草场", "2024-03-05", "2",
    "两户因草场边界争执，涉及\"围栏\", 已调解\n另见附件", "1234.50", "调解成功", "书面",
    "2024-03-20",
    "麦秀镇司法所", "麦调〔2024〕7号", "neighbour", "2024-04-01", "3", "噪音", "",
    "调解中", "", "",
    HERI_SFS, "和调〔2024〕3号", "债务", "2024-05-10", "12", "借款纠纷", "50000",
    "failed", "", "2024-06-01"};
/* clang-format on */

/* As stored: org codes, enum codes, money in yuan with two decimals. */
/* clang-format off */
static const char *const azDisputeStored[N_DROW * N_DCOL] = {
    ZEQU_SFS, "泽调〔2024〕1号", "grassland", "2024-03-05", "2",
    "两户因草场边界争执，涉及\"围栏\", 已调解\n另见附件", "1234.50", "resolved", "written",
    "2024-03-20",
    MAIXIU_SFS, "麦调〔2024〕7号", "neighbour", "2024-04-01", "3", "噪音", "",
    "pending", "", "",
    HERI_SFS, "和调〔2024〕3号", "debt", "2024-05-10", "12", "借款纠纷", "50000.00",
    "failed", "", "2024-06-01"};
/* clang-format on */

static char *dispute_csv(void) {
  Str s = STR_INIT;
  int i, k;
  for (k = 0; k < N_DCOL; k++)
    csv_put(&s, azDisputeHead[k], k == 0);
  str_puts(&s, "\r\n");
  for (i = 0; i < N_DROW; i++) {
    for (k = 0; k < N_DCOL; k++)
      csv_put(&s, azDisputeIn[i * N_DCOL + k], k == 0);
    str_puts(&s, "\r\n");
  }
  return str_detach(&s);
}

/* The same rows as Excel would save them: dates as date cells (one ISO
 * format, one Chinese), 当事人数 and 涉及金额 as number cells. */
static void dispute_xlsx(const char *zPath, const char *zSheet) {
  lxw_workbook *wb = workbook_new(zPath);
  lxw_worksheet *ws;
  lxw_format *fDate, *fCn, *fMoney, *fBold;
  int i, k;
  assert_non_null(wb);
  workbook_add_worksheet(wb, "说明"); /* a first sheet that is not the data */
  ws = workbook_add_worksheet(wb, zSheet);
  fDate = workbook_add_format(wb);
  fCn = workbook_add_format(wb);
  fMoney = workbook_add_format(wb);
  fBold = workbook_add_format(wb);
  format_set_num_format(fDate, "yyyy-mm-dd");
  format_set_num_format(fCn, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_num_format(fMoney, "#,##0.00");
  format_set_bold(fBold);
  for (k = 0; k < N_DCOL; k++)
    worksheet_write_string(ws, 0, (lxw_col_t)k, azDisputeHead[k], fBold);
  for (i = 0; i < N_DROW; i++) {
    for (k = 0; k < N_DCOL; k++) {
      const char *z = azDisputeIn[i * N_DCOL + k];
      lxw_row_t row = (lxw_row_t)(i + 1);
      if (!z[0]) continue;
      if (k == 3 || k == 9) {
        lxw_datetime dt;
        memset(&dt, 0, sizeof dt);
        assert_int_equal(sscanf(z, "%d-%d-%d", &dt.year, &dt.month, &dt.day),
                         3);
        worksheet_write_datetime(ws, row, (lxw_col_t)k, &dt,
                                 k == 3 ? fDate : fCn);
      } else if (k == 4 || k == 6) {
        worksheet_write_number(ws, row, (lxw_col_t)k, strtod(z, NULL),
                               k == 6 ? fMoney : NULL);
      } else {
        worksheet_write_string(ws, row, (lxw_col_t)k, z, NULL);
      }
    }
  }
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* ---- Provenance through the audit log ---- */

typedef struct ImportAudit {
  int n;        /* "import" rows seen */
  char *zAfter; /* the last one's after_json */
  char *zActor;
  char *zRegister;
} ImportAudit;

static int import_audit_row(const AuditRow *r, void *pArg) {
  ImportAudit *ia = pArg;
  if (strcmp(r->zAction, "import") != 0) return FZ_OK;
  ia->n++;
  free(ia->zAfter);
  free(ia->zActor);
  free(ia->zRegister);
  ia->zAfter = strdup(r->zAfter ? r->zAfter : "");
  ia->zActor = strdup(r->zActor);
  ia->zRegister = strdup(r->zRegister);
  assert_null(r->zBefore);
  return FZ_OK;
}

/* Each record of a batch and the row it came from (Record.batch/batchRow). */
typedef struct BatchRows {
  int64_t batch;
  long aRow[64];
  int n;
  int64_t aId[64];
} BatchRows;

static int batch_row_visit(const Record *r, void *pArg) {
  BatchRows *b = pArg;
  if (r->batch != b->batch || b->n >= 64) return FZ_OK;
  b->aId[b->n] = r->id;
  b->aRow[b->n++] = (long)r->batchRow;
  return FZ_OK;
}

/* Where the records came from: the batch's audit row (file, sheet,
 * encoding, BLAKE2b digest, count), each record's batch and row, and the
 * description a clerk reads. */
static void assert_provenance(Db *db, const Register *p,
                              const ImportResult *res, const char *zPath,
                              const char *zSheet, const char *zEncoding,
                              const long *aRow, int nRow) {
  ImportAudit ia;
  Err e = ERR_INIT;
  json_error_t jerr;
  json_t *o;
  char zHex[129];
  const char *zBase = strrchr(zPath, '/') + 1;
  BatchRows b;
  RegQuery q;
  Record r;
  Str want = STR_INIT, got = STR_INIT;
  int i;

  memset(&ia, 0, sizeof ia);
  assert_true(res->batch > 0);
  assert_int_equal(
      audit_history(db, REG_BATCH_AUDIT, res->batch, import_audit_row, &ia, &e),
      FZ_OK);
  assert_int_equal(ia.n, 1);
  assert_string_equal(ia.zActor, "test");
  assert_string_equal(ia.zRegister, REG_BATCH_AUDIT);
  o = json_loads(ia.zAfter, 0, &jerr);
  assert_non_null(o);
  assert_int_equal(json_integer_value(json_object_get(o, "batch")), res->batch);
  assert_string_equal(json_string_value(json_object_get(o, "file")), zBase);
  if (zSheet) {
    assert_string_equal(json_string_value(json_object_get(o, "sheet")), zSheet);
  } else {
    assert_true(json_is_null(json_object_get(o, "sheet")));
  }
  assert_string_equal(json_string_value(json_object_get(o, "encoding")),
                      zEncoding);
  file_b2sum(zPath, zHex);
  assert_string_equal(json_string_value(json_object_get(o, "b2sum")), zHex);
  assert_int_equal(json_integer_value(json_object_get(o, "rows")), nRow);
  assert_int_equal(res->nRows, nRow);
  json_decref(o);
  free(ia.zAfter);
  free(ia.zActor);
  free(ia.zRegister);

  memset(&b, 0, sizeof b);
  memset(&q, 0, sizeof q);
  b.batch = res->batch;
  assert_int_equal(
      reg_list(db, &sys_actor, p, &q, batch_row_visit, &b, NULL, &e), FZ_OK);
  assert_int_equal(b.n, nRow);
  for (i = 0; i < nRow; i++)
    assert_int_equal(b.aRow[i], aRow[i]);

  /* reg_get says the same, in words. */
  assert_int_equal(reg_get(db, &sys_actor, p, b.aId[0], &r, &e), FZ_OK);
  assert_int_equal(r.batch, res->batch);
  assert_int_equal(r.batchRow, aRow[0]);
  assert_int_equal(reg_describe_source(db, &r, &got, &e), FZ_OK);
  str_appendf(&want, "文件 %s", zBase);
  if (zSheet) str_appendf(&want, "（工作表 %s）", zSheet);
  str_appendf(&want, "第 %ld 行，由 test 于 ", aRow[0]);
  if (strncmp(str_cstr(&got), str_cstr(&want), want.n) != 0) {
    fail_msg("source “%s”, expected “%s…”", str_cstr(&got), str_cstr(&want));
  }
  reg_record_clear(&r);
  str_free(&want);
  str_free(&got);
}

/* Progress as seen by the callback: calls, and whether nDone ever fell. */
typedef struct Prog {
  long n;
  long long nLast, nTotal;
  int backwards;
} Prog;

static void prog_note(long long nDone, long long nTotal, void *pArg) {
  Prog *g = pArg;
  if (nDone < g->nLast) g->backwards = 1;
  g->n++;
  g->nLast = nDone;
  g->nTotal = nTotal;
}

/* ---- Tests ---- */

/* UTF-8, UTF-8 with BOM, GB18030 and XLSX: the same three records, the
 * encoding reported, and a batch recorded with the file's digest. */
static void same_rows_every_format(void **state) {
  Fx *fx = *state;
  static const long aRow[N_DROW] = {2, 3, 4};
  char *zCsv = dispute_csv(), *zGb;
  size_t nGb;
  Str bom = STR_INIT;
  Snap first;
  int v;
  static const struct {
    const char *zFile, *zEncoding, *zSheet;
  } aVar[] = {
      {"utf8.csv", "UTF-8", NULL},
      {"bom.csv", "UTF-8 BOM", NULL},
      {"gb.csv", "GB18030", NULL},
      {"book.xlsx", "XLSX", "纠纷台账"},
  };

  write_text(fx_path(fx, "utf8.csv"), zCsv);
  str_puts(&bom, "\xEF\xBB\xBF");
  str_puts(&bom, zCsv);
  write_text(fx_path(fx, "bom.csv"), str_cstr(&bom));
  zGb = to_gb18030(zCsv, &nGb);
  /* Really GB18030: the same text in other bytes, and not valid UTF-8. */
  assert_true(nGb != strlen(zCsv));
  assert_false(utf8_valid(zGb, nGb, NULL));
  test_write_file(fx_path(fx, "gb.csv"), zGb, nGb);
  dispute_xlsx(fx_path(fx, "book.xlsx"), "纠纷台账");

  memset(&first, 0, sizeof first);
  for (v = 0; v < 4; v++) {
    char zDb[64], zFile[1024];
    Db *db;
    ImportResult res;
    ImportOptions o;
    Err e = ERR_INIT;
    Prog g;
    Snap s;
    int64_t nAudit;
    snprintf(zDb, sizeof zDb, "v%d.db", v);
    db = open_db(fx_path(fx, zDb));
    snprintf(zFile, sizeof zFile, "%s", fx_path(fx, aVar[v].zFile));
    nAudit = audit_len(db);
    memset(&o, 0, sizeof o);
    o.zSheet = aVar[v].zSheet;
    memset(&g, 0, sizeof g);
    o.xProgress = prog_note;
    o.pProgressArg = &g;
    if (regimport_file(db, &sys_actor, dispute(), zFile, &o, &res, &e) !=
        FZ_OK) {
      dump_items(&e);
      fail_msg("%s: import failed", aVar[v].zFile);
    }
    assert_int_equal(res.nRows, N_DROW);
    assert_int_equal(res.batch, 1);
    assert_string_equal(res.zEncoding, aVar[v].zEncoding);
    /* Progress ends at the whole input. */
    assert_true(g.n >= 1);
    assert_true(g.nTotal > 0);
    assert_false(g.backwards);
    assert_int_equal(g.nLast, g.nTotal);

    s = snap(db, dispute(), 1);
    snap_assert_rows(dispute(), &s, N_DROW, azDisputeStored, aVar[v].zFile);
    if (v == 0)
      first = s;
    else {
      snap_assert_equal(dispute(), &first, &s, aVar[v].zFile);
      snap_free(&s);
    }
    /* One audit row for the whole batch, none per record. */
    assert_int_equal(audit_len(db), nAudit + 1);
    assert_provenance(db, dispute(), &res, zFile, aVar[v].zSheet,
                      aVar[v].zEncoding, aRow, N_DROW);
    err_clear(&e);
    db_close(db);
  }
  snap_free(&first);
  str_free(&bom);
  free(zGb);
  free(zCsv);
}

/* The first visible sheet is the default; a sheet that does not exist is
 * named with the ones that do; --sheet with a CSV is a usage error. */
static void sheet_choice(void **state) {
  Fx *fx = *state;
  ImportResult res;
  ImportOptions o;
  Err e = ERR_INIT;
  char *zCsv = dispute_csv();
  dispute_xlsx(fx_path(fx, "book.xlsx"), "纠纷台账");
  memset(&o, 0, sizeof o);
  /* The first sheet (说明) is empty: no header row. */
  assert_int_equal(regimport_file(fx->db, &sys_actor, dispute(),
                                  fx_path(fx, "book.xlsx"), &o, &res, &e),
                   FZ_INVALID);
  assert_msg_contains(&e, "是空的");
  err_clear(&e);
  o.zSheet = "台账";
  assert_int_equal(regimport_file(fx->db, &sys_actor, dispute(),
                                  fx_path(fx, "book.xlsx"), &o, &res, &e),
                   FZ_NOTFOUND);
  assert_msg_contains(&e, "纠纷台账");
  err_clear(&e);
  write_text(fx_path(fx, "a.csv"), zCsv);
  o.zSheet = "纠纷台账";
  assert_int_equal(regimport_file(fx->db, &sys_actor, dispute(),
                                  fx_path(fx, "a.csv"), &o, &res, &e),
                   FZ_USAGE);
  assert_msg_contains(&e, "--sheet");
  err_clear(&e);
  assert_int_equal(count_records(fx->db, dispute()), 0);
  free(zCsv);
}

/* Headers by field name or Chinese label, in any order, with blank trailing
 * columns: all the same. */
static void header_forms(void **state) {
  Fx *fx = *state;
  ImportResult res;
  Err e = ERR_INIT;
  Snap s;
  /* clang-format off */
  static const char *const azWant[2 * N_DCOL] = {
      ZEQU_SFS, "泽调〔2024〕1号", "grassland", "2024-03-05", "", "", "",
      "resolved", "", "2024-03-20",
      ZEQU_SFS, "泽调〔2024〕2号", "family", "2024-03-06", "4", "", "",
      "pending", "", ""};
  /* clang-format on */
  int rc = import_csv(
      fx, "names.csv",
      "closed,调解结果,org,received ,纠纷类型,case_no,parties\n"
      "2024-03-20,调解成功," ZEQU_SFS ",2024-03-05,grassland,泽调〔2024〕1号,\n"
      ",pending,泽曲镇司法所,2024/3/6,婚姻家庭,泽调〔2024〕2号,4\n",
      &sys_actor, 0, &res, &e);
  if (rc != FZ_OK) dump_items(&e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.nRows, 2);
  s = snap(fx->db, dispute(), 1);
  snap_assert_rows(dispute(), &s, 2, azWant, "names");
  snap_free(&s);

  /* Excel's trailing commas: blank header cells and empty cells under
   * them; short rows; a blank line skipped (but counted). */
  rc = import_csv(fx, "trailing.csv",
                  "机构,纠纷类型,受理日期,调解结果,结案日期,,\n" ZEQU_SFS
                  ",土地,2024-04-01,终止,2024-04-02,,\n"
                  ",,,,,,\n" ZEQU_SFS ",劳动,2024-04-03,调解中\n",
                  &sys_actor, 0, &res, &e);
  if (rc != FZ_OK) dump_items(&e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.nRows, 2);
  assert_int_equal(count_records(fx->db, dispute()), 4);
  err_clear(&e);
}

/* Header problems are items of row 1, every one of them, and nothing is
 * written. */
static void header_problems(void **state) {
  Fx *fx = *state;
  ImportResult res;
  Err e = ERR_INIT;
  int64_t nAudit = audit_len(fx->db);

  /* An unknown column, and a required one missing, listed together. */
  assert_int_equal(import_csv(fx, "h1.csv",
                              "机构,备注,受理日期,调解结果\n" ZEQU_SFS
                              ",x,2024-03-05,调解中\n",
                              &sys_actor, 0, &res, &e),
                   FZ_INVALID);
  assert_int_equal(e.nItem, 2);
  assert_item(&e, 1, "备注", NULL, "未知的列“备注”");
  assert_item(&e, 1, "纠纷类型", NULL, "缺少必需的列“纠纷类型”（category）");
  assert_msg_contains(&e, "未导入任何数据");
  assert_int_equal(res.nRows, 0);
  assert_int_equal(res.batch, 0);
  err_clear(&e);

  /* No org column. */
  assert_int_equal(
      import_csv(fx, "h2.csv",
                 "纠纷类型,受理日期,调解结果\n草场,2024-03-05,调解中\n",
                 &sys_actor, 0, &res, &e),
      FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_item(&e, 1, "机构", NULL, "缺少必需的列“机构”");
  err_clear(&e);

  /* One field twice, by name and by label. */
  assert_int_equal(
      import_csv(fx, "h3.csv",
                 "机构,纠纷类型,受理日期,调解结果,案号,case_no\n" ZEQU_SFS
                 ",草场,2024-03-05,调解中,a,b\n",
                 &sys_actor, 0, &res, &e),
      FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_item(&e, 1, "case_no", NULL, "出现了两次");
  err_clear(&e);

  /* Data under a blank header cell: the row and the column are named. */
  assert_int_equal(import_csv(fx, "h4.csv",
                              "机构,纠纷类型,受理日期,调解结果,,\n" ZEQU_SFS
                              ",草场,2024-03-05,调解中,,\n" ZEQU_SFS
                              ",邻里,2024-03-06,调解中,,孤值\n",
                              &sys_actor, 0, &res, &e),
                   FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_item(&e, 3, NULL, "孤值", "第6列没有表头，却有数据");
  err_clear(&e);

  /* A row longer than the header. */
  assert_int_equal(import_csv(fx, "h5.csv",
                              "机构,纠纷类型,受理日期,调解结果\n" ZEQU_SFS
                              ",草场,2024-03-05,调解中\n" ZEQU_SFS
                              ",邻里,2024-03-06,调解中,多余\n",
                              &sys_actor, 0, &res, &e),
                   FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_item(&e, 3, NULL, NULL, "本行有5列，比表头多");
  err_clear(&e);

  assert_int_equal(count_records(fx->db, dispute()), 0);
  assert_int_equal(audit_len(fx->db), nAudit);
}

/* One file, good rows among bad: nothing imported, every bad row listed
 * with its row, column label and value, in row order. The importer is a
 * clerk of 泽曲镇, with one record already stored. */
static void all_or_nothing(void **state) {
  Fx *fx = *state;
  ImportResult res;
  Err e = ERR_INIT;
  Record r;
  Snap before, after;
  int64_t nAudit;
  int rc;

  reg_record_init(&r, dispute());
  assert_int_equal(reg_set(&r, "org", ZEQU_SFS, &e), FZ_OK);
  assert_int_equal(reg_set(&r, "case_no", "泽调〔2024〕100号", &e), FZ_OK);
  assert_int_equal(reg_set(&r, "category", "草场", &e), FZ_OK);
  assert_int_equal(reg_set(&r, "received", "2024-01-02", &e), FZ_OK);
  assert_int_equal(reg_set(&r, "result", "调解中", &e), FZ_OK);
  assert_int_equal(reg_insert(fx->db, &sys_actor, &r, &e), FZ_OK);
  assert_int_equal(r.id, 1);
  reg_record_clear(&r);
  before = snap(fx->db, dispute(), 1);
  nAudit = audit_len(fx->db);

  rc = import_csv(
      fx, "bad.csv",
      "机构,案号,纠纷类型,受理日期,当事人数,涉及金额,调解结果,协议形式,"
      "结案日期\n"
      /* 2 */ ZEQU_SFS
      ",泽调〔2024〕1号,草场,2024-03-05,2,100,调解成功,书面,2024-03-20\n"
      /* 3 */ ZEQU_SFS ",泽调〔2024〕2号,邻里,2024-03-06,两人,,调解中,,\n"
      /* 4 */ ZEQU_SFS ",泽调〔2024〕3号,邻里,2023-02-29,2,,调解中,,\n"
      /* 5 */ ZEQU_SFS
      ",泽调〔2024〕4号,邻里,2024-05-01,2,,调解成功,口头,2024-04-30\n"
      /* 6 */ ZEQU_SFS ",泽调〔2024〕5号,吵架,2024-05-01,2,,调解中,,\n"
      /* 7 */ "632399999999,泽调〔2024〕6号,邻里,2024-05-01,2,,调解中,,\n"
      /* 8 */ MAIXIU_SFS ",麦调〔2024〕1号,邻里,2024-05-01,2,,调解中,,\n"
      /* 9 */ ZEQU_SFS
      ",泽调〔2024〕7号,债务,2024-05-02,2,\"1,500.00\",调解中,,\n"
      /* 10 */ ZEQU_SFS ",泽调〔2024〕1号,邻里,2024-05-03,2,,调解中,,\n"
      /* 11 */ ZEQU_SFS ",泽调〔2024〕100号,邻里,2024-05-04,2,,调解中,,\n"
      /* 12 */ ZEQU_SFS ",泽调〔2024〕8号,,2024-05-05,2,,调解中,,\n"
      /* 13 */ ZEQU_SFS ",泽调〔2024〕9号,邻里,2024-05-05,2,十元,调解中,,\n"
      /* 14 */ ZEQU_SFS
      ",泽调〔2024〕10号,邻里,2024-05-05,2,,调解中,,2024-05-06\n"
      /* 15 */ ZEQU_SFS ",泽调〔2024〕11号,邻里,2024-05-05,0,,调解中,,\n",
      &zequ_clerk, 0, &res, &e);
  if (rc != FZ_INVALID) dump_items(&e);
  assert_int_equal(rc, FZ_INVALID);
  assert_int_equal(e.rc, FZ_INVALID);
  assert_msg_contains(&e, "发现 12 处错误，未导入任何数据");
  assert_int_equal(res.nRows, 0);
  assert_int_equal(res.batch, 0);

  assert_item(&e, 3, "当事人数", "两人", "不是整数");
  assert_item(&e, 4, "受理日期", "2023-02-29", "2023年2月只有28天");
  assert_item(&e, 5, "结案日期", "2024-04-30", "日期顺序不对");
  assert_item(&e, 6, "纠纷类型", "吵架", "不是可选的值");
  assert_item(&e, 7, "机构", "632399999999", "机构“632399999999”不存在");
  assert_item(&e, 8, "机构", MAIXIU_SFS, "不在您的管辖范围");
  assert_item(&e, 10, "案号", "泽调〔2024〕1号", "重复：与第2行相同");
  assert_item(&e, 11, "案号", "泽调〔2024〕100号", "已被第 1 号记录使用");
  assert_item(&e, 12, "纠纷类型", NULL, "缺少必填字段“纠纷类型”");
  assert_item(&e, 13, "涉及金额", "十元", "涉及金额");
  assert_item(&e, 14, "结案日期", "2024-05-06", "调解中的纠纷不应有结案日期");
  assert_item(&e, 15, "当事人数", "0", "超出范围");
  if (e.nItem != 12) {
    dump_items(&e);
    fail_msg("%d items, expected 12", e.nItem);
  }
  assert_items_sorted(&e);
  err_clear(&e);

  /* Nothing written: the same records, no audit row, and the unique index
   * dropped for the bulk insert is back. */
  after = snap(fx->db, dispute(), 1);
  snap_assert_equal(dispute(), &before, &after, "after a failed import");
  assert_int_equal(audit_len(fx->db), nAudit);
  reg_record_init(&r, dispute());
  reg_set(&r, "org", ZEQU_SFS, &e);
  reg_set(&r, "case_no", "泽调〔2024〕100号", &e);
  reg_set(&r, "category", "土地", &e);
  reg_set(&r, "received", "2024-02-01", &e);
  reg_set(&r, "result", "调解中", &e);
  assert_int_equal(reg_insert(fx->db, &sys_actor, &r, &e), FZ_CONFLICT);
  assert_msg_contains(&e, "已被第 1 号记录使用");
  reg_record_clear(&r);
  err_clear(&e);
  snap_free(&before);
  snap_free(&after);

  /* The two good rows alone import (rows 2 and 9 of the file above). */
  rc = import_csv(fx, "good.csv",
                  "机构,案号,纠纷类型,受理日期,当事人数,涉及金额,调解结果,"
                  "协议形式,结案日期\n" ZEQU_SFS
                  ",泽调〔2024〕1号,草场,2024-03-05,2,100,调解成功,书面,2024-"
                  "03-20\n" ZEQU_SFS
                  ",泽调〔2024〕7号,债务,2024-05-02,2,\"1,500.00\",调解中,,\n",
                  &zequ_clerk, 0, &res, &e);
  if (rc != FZ_OK) dump_items(&e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.nRows, 2);
  assert_int_equal(count_records(fx->db, dispute()), 3);
  err_clear(&e);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL                                                                 \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A one-sheet workbook ("台账") around sheetData rows, made by hand for
 * what libxlsxwriter will not write (an error cell). */
static void make_sheet_xml(const char *zPath, const char *zRows) {
  static const char zBook[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
      "<sheets><sheet name=\"台账\" sheetId=\"1\" "
      "r:id=\"rId1\"/></sheets></workbook>";
  static const char zRels[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships\"><Relationship Id=\"rId1\" Type=\"" NS_REL
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  Str sheet = STR_INIT;
  const char *azPart[6];
  int zerr = 0, i;
  zip_t *z = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  assert_non_null(z);
  str_appendf(
      &sheet,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" NS_MAIN
      "\"><sheetData>%s</sheetData></worksheet>",
      zRows);
  azPart[0] = "xl/workbook.xml";
  azPart[1] = zBook;
  azPart[2] = "xl/_rels/workbook.xml.rels";
  azPart[3] = zRels;
  azPart[4] = "xl/worksheets/sheet1.xml";
  azPart[5] = str_cstr(&sheet);
  for (i = 0; i < 6; i += 2) {
    zip_source_t *src =
        zip_source_buffer(z, azPart[i + 1], strlen(azPart[i + 1]), 0);
    assert_non_null(src);
    assert_true(zip_file_add(z, azPart[i], src, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  str_free(&sheet);
}

#define IS(ref, text)                                                          \
  "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

/* Files that cannot be read as a table: a clear error, nothing written. */
static void broken_files(void **state) {
  Fx *fx = *state;
  static const unsigned char aUtf16[] = {0xFF, 0xFE, 0x3A, 0x67,
                                         0x84, 0x67, 0x0A, 0x00};
  static const unsigned char aJunk[] = {'a',  ',',  'b', '\n', 0x80,
                                        0x80, 0x80, ',', 0xFF, '\n'};
  static const struct {
    const char *zName;
    int rc;
    const char *zMsg;
  } aCase[] = {
      {"quote.csv", FZ_INVALID, "第3行：引号未闭合"},
      {"stray.csv", FZ_INVALID, "第3行第2列：结束引号后出现多余字符"},
      {"errcell.xlsx", FZ_INVALID,
       "工作表“台账”单元格 D3：公式出错（错误值“#N/A”）"},
      {"notzip.xlsx", FZ_INVALID, "不是有效的 XLSX 文件（不是 zip 压缩包）"},
      {"cut.csv", FZ_INVALID, "不是有效的 XLSX 文件"},
      {"empty.csv", FZ_INVALID, "是空的"},
      {"bomonly.csv", FZ_INVALID, "是空的"},
      {"empty.xlsx", FZ_INVALID, "是空文件"},
      {"utf16.csv", FZ_INVALID, "UTF-16 编码的文本"},
      {"junk.csv", FZ_INVALID, "编码无法识别：第2行"},
      {"missing.csv", FZ_IO, "missing.csv"},
  };
  char *zBook;
  size_t nBook;
  int64_t nAudit = audit_len(fx->db);
  size_t i;

  write_text(fx_path(fx, "quote.csv"),
             "机构,案号,纠纷类型,受理日期,调解结果\n" ZEQU_SFS
             ",泽调〔2024〕1号,草场,2024-03-05,调解中\n" ZEQU_SFS
             ",\"泽调〔2024〕2号,草场,2024-03-05,调解中\n" ZEQU_SFS
             ",泽调〔2024〕3号,草场,2024-03-05,调解中\n");
  write_text(fx_path(fx, "stray.csv"),
             "机构,案号,纠纷类型,受理日期,调解结果\n" ZEQU_SFS
             ",泽调〔2024〕1号,草场,2024-03-05,调解中\n" ZEQU_SFS
             ",\"泽调〔2024〕2号\"x,草场,2024-03-05,调解中\n");
  /* Row 2 is good; row 3 has an error cell where a date should be. */
  make_sheet_xml(
      fx_path(fx, "errcell.xlsx"),
      "<row r=\"1\">" IS("A1", "机构") IS("B1", "纠纷类型") IS("C1", "调解结果")
          IS("D1",
             "受理日期") "</row>"
                         "<row r=\"2\">" IS("A2", ZEQU_SFS) IS("B2", "草场") IS(
                             "C2", "调解中")
                             IS("D2",
                                "2024-03-05") "</row>"
                                              "<row r=\"3\">" IS("A3", ZEQU_SFS)
                                                  IS("B3", "草场") IS(
                                                      "C3",
                                                      "调解中") "<c r=\"D3\" "
                                                                "t=\"e\"><f>"
                                                                "VLOOKUP(1,E:E,"
                                                                "1,0)</f><v>#N/"
                                                                "A</v></c></"
                                                                "row>");
  write_text(fx_path(fx, "notzip.xlsx"),
             "机构,纠纷类型\nthis is text, not a zip\n");
  dispute_xlsx(fx_path(fx, "whole.xlsx"), "纠纷台账");
  zBook = read_file(fx_path(fx, "whole.xlsx"), &nBook);
  test_write_file(fx_path(fx, "cut.csv"), zBook, 200); /* a zip cut short */
  free(zBook);
  write_text(fx_path(fx, "empty.csv"), "");
  write_text(fx_path(fx, "bomonly.csv"), "\xEF\xBB\xBF");
  write_text(fx_path(fx, "empty.xlsx"), "");
  test_write_file(fx_path(fx, "utf16.csv"), (const char *)aUtf16,
                  sizeof aUtf16);
  test_write_file(fx_path(fx, "junk.csv"), (const char *)aJunk, sizeof aJunk);

  for (i = 0; i < sizeof aCase / sizeof aCase[0]; i++) {
    ImportResult res;
    Err e = ERR_INIT;
    int rc = import_file(fx->db, &sys_actor, dispute(),
                         fx_path(fx, aCase[i].zName), 0, &res, &e);
    if (rc != aCase[i].rc || !strstr(err_msg(&e), aCase[i].zMsg)) {
      dump_items(&e);
      fail_msg("%s: rc %d “%s”, expected rc %d “%s”", aCase[i].zName, rc,
               err_msg(&e), aCase[i].rc, aCase[i].zMsg);
    }
    assert_int_equal(res.nRows, 0);
    assert_int_equal(res.batch, 0);
    assert_int_equal(count_records(fx->db, dispute()), 0);
    assert_int_equal(audit_len(fx->db), nAudit);
    err_clear(&e);
  }
  /* The indexes a bulk import drops are all still there: a case number
   * is refused twice. */
  for (i = 0; i < 2; i++) {
    static const char *const az[] = {
        "org",      ZEQU_SFS, "case_no",  "泽调〔2024〕1号",
        "category", "草场",   "received", "2024-03-05",
        "result",   "调解中", NULL};
    Record r;
    Err e = ERR_INIT;
    int k;
    reg_record_init(&r, dispute());
    for (k = 0; az[k]; k += 2)
      assert_int_equal(reg_set(&r, az[k], az[k + 1], &e), FZ_OK);
    assert_int_equal(reg_insert(fx->db, &sys_actor, &r, &e),
                     i == 0 ? FZ_OK : FZ_CONFLICT);
    reg_record_clear(&r);
    err_clear(&e);
  }
}

/* A dry run checks everything, writes nothing, and counts. */
static void dry_run(void **state) {
  Fx *fx = *state;
  ImportResult res;
  Err e = ERR_INIT;
  char *zCsv = dispute_csv();
  int64_t nAudit = audit_len(fx->db);
  static const long aRow[N_DROW] = {2, 3, 4};
  int rc = import_csv(fx, "d.csv", zCsv, &sys_actor, 1, &res, &e);
  if (rc != FZ_OK) dump_items(&e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.nRows, N_DROW);
  assert_int_equal(res.batch, 0);
  assert_string_equal(res.zEncoding, "UTF-8");
  assert_int_equal(count_records(fx->db, dispute()), 0);
  assert_int_equal(audit_len(fx->db), nAudit);

  /* A dry run of a bad file lists its rows the same way. */
  rc = import_csv(fx, "dbad.csv",
                  "机构,纠纷类型,受理日期,调解结果\n" ZEQU_SFS
                  ",草场,2024-13-01,调解中\n",
                  &sys_actor, 1, &res, &e);
  assert_int_equal(rc, FZ_INVALID);
  assert_item(&e, 2, "受理日期", "2024-13-01", "受理日期");
  assert_int_equal(res.nRows, 0);
  err_clear(&e);

  /* The real import afterwards is batch 1: the dry run left no batch. */
  rc = import_csv(fx, "d.csv", zCsv, &sys_actor, 0, &res, &e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.batch, 1);
  assert_int_equal(count_records(fx->db, dispute()), N_DROW);
  assert_provenance(fx->db, dispute(), &res, fx_path(fx, "d.csv"), NULL,
                    "UTF-8", aRow, N_DROW);
  free(zCsv);
}

/* Many rows: every one stored with its own row number, progress reported
 * along the way and ending at the whole file. */
static void many_rows(void **state) {
  Fx *fx = *state;
  Str csv = STR_INIT;
  ImportOptions o;
  ImportResult res;
  Err e = ERR_INIT;
  Prog g;
  BatchRows b;
  RegQuery q;
  int i, rc;
  str_puts(&csv, "机构,案号,纠纷类型,受理日期,当事人数,调解结果\n");
  for (i = 0; i < 10000; i++) {
    str_appendf(&csv, "%s,泽调〔2024〕%d号,%s,2024-%02d-%02d,%d,调解中\n",
                i % 3 ? ZEQU_SFS : MAIXIU_SFS, i + 1, i % 2 ? "草场" : "邻里",
                i % 12 + 1, i % 28 + 1, i % 9 + 1);
  }
  write_text(fx_path(fx, "many.csv"), str_cstr(&csv));
  memset(&o, 0, sizeof o);
  memset(&g, 0, sizeof g);
  o.xProgress = prog_note;
  o.pProgressArg = &g;
  rc = regimport_file(fx->db, &sys_actor, dispute(), fx_path(fx, "many.csv"),
                      &o, &res, &e);
  if (rc != FZ_OK) dump_items(&e);
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(res.nRows, 10000);
  assert_int_equal(count_records(fx->db, dispute()), 10000);
  assert_true(g.n >= 2);
  assert_false(g.backwards);
  assert_int_equal(g.nLast, g.nTotal);
  assert_int_equal(g.nTotal, (long long)csv.n);
  memset(&b, 0, sizeof b);
  memset(&q, 0, sizeof q);
  b.batch = res.batch;
  q.zSearch = "泽调〔2024〕7777号";
  assert_int_equal(reg_list(fx->db, &sys_actor, dispute(), &q, batch_row_visit,
                            &b, NULL, &e),
                   FZ_OK);
  assert_int_equal(b.n, 1);
  assert_int_equal(b.aRow[0], 7778);
  str_free(&csv);
}

/* Every row of a bulk import, in full multi-row statements and in the
 * short runs between blank lines and at the end, lands once, in file order,
 * with its own values and row. */
typedef struct OrderCheck {
  int64_t batch, lastId;
  long lastRow, n, nBad;
} OrderCheck;

static int order_visit(const Record *r, void *pArg) {
  OrderCheck *c = pArg;
  char zWant[64];
  long i = (long)r->batchRow;
  const RegValue *vParties = reg_value(r, "parties");
  snprintf(zWant, sizeof zWant, "泽调〔2024〕%ld号", i);
  if (r->batch != c->batch || r->id <= c->lastId || i <= c->lastRow ||
      !reg_text(r, "case_no") ||
      strcmp(reg_text(r, "case_no"), zWant) != 0 || !vParties ||
      vParties->i != i % 9 + 1 ||
      strcmp(r->zOrg, i % 3 ? ZEQU_SFS : MAIXIU_SFS) != 0 || !r->zCreatedBy ||
      strcmp(r->zCreatedBy, sys_actor.zName) != 0 || !r->zUpdatedBy ||
      strcmp(r->zUpdatedBy, sys_actor.zName) != 0 || !r->zCreatedAt || !r->zUpdatedAt ||
      strcmp(r->zCreatedAt, r->zUpdatedAt) != 0 || strlen(r->zCreatedAt) < 19) {
    c->nBad++;
  }
  c->lastId = r->id;
  c->lastRow = i;
  c->n++;
  return FZ_OK;
}

static void rows_in_file_order(void **state) {
  Fx *fx = *state;
  Str csv = STR_INIT;
  ImportResult res;
  Err e = ERR_INIT;
  OrderCheck c;
  RegQuery q;
  long row = 1, nData = 0;
  int i;
  str_puts(&csv, "机构,案号,纠纷类型,受理日期,当事人数,调解结果\n");
  for (i = 0; i < 1500; i++) {
    if (i % 97 == 5) { /* a blank line: counted as a row, not imported */
      str_puts(&csv, "\n");
      row++;
    }
    row++;
    str_appendf(&csv, "%s,泽调〔2024〕%ld号,草场,2024-03-05,%ld,调解中\n",
                row % 3 ? ZEQU_SFS : MAIXIU_SFS, row, row % 9 + 1);
    nData++;
  }
  write_text(fx_path(fx, "order.csv"), str_cstr(&csv));
  assert_int_equal(import_file(fx->db, &sys_actor, dispute(), fx_path(fx, "order.csv"),
                               0, &res, &e),
                   FZ_OK);
  assert_int_equal(res.nRows, nData);
  memset(&c, 0, sizeof c);
  memset(&q, 0, sizeof q);
  c.batch = res.batch;
  assert_int_equal(reg_list(fx->db, &sys_actor, dispute(), &q, order_visit, &c, NULL, &e),
                   FZ_OK);
  assert_int_equal(c.n, nData);
  assert_int_equal(c.nBad, 0);
  str_free(&csv);
}

/* More bad rows than the list keeps: the first ERR_MAX_ITEMS by row, the
 * rest counted, the message giving the true total. */
static void many_bad_rows(void **state) {
  Fx *fx = *state;
  Str csv = STR_INIT;
  ImportResult res;
  Err e = ERR_INIT;
  int i, nBad = 0;
  char zWant[64];
  str_puts(&csv, "机构,案号,纠纷类型,受理日期,调解结果\n");
  for (i = 0; i < 3000; i++) {
    int bad = i % 2 == 1;
    str_appendf(&csv, "%s,泽调〔2024〕%d号,草场,%s,调解中\n", ZEQU_SFS, i + 1,
                bad ? "2023-02-29" : "2024-03-05");
    nBad += bad;
  }
  write_text(fx_path(fx, "manybad.csv"), str_cstr(&csv));
  assert_int_equal(import_file(fx->db, &sys_actor, dispute(),
                               fx_path(fx, "manybad.csv"), 0, &res, &e),
                   FZ_INVALID);
  snprintf(zWant, sizeof zWant, "发现 %d 处错误", nBad);
  assert_msg_contains(&e, zWant);
  assert_int_equal(e.nItem, ERR_MAX_ITEMS);
  assert_int_equal(e.nDropped, nBad - ERR_MAX_ITEMS);
  assert_items_sorted(&e);
  assert_int_equal(e.aItem[0].row, 3);
  assert_int_equal(e.aItem[ERR_MAX_ITEMS - 1].row, 3 + 2 * (ERR_MAX_ITEMS - 1));
  assert_int_equal(count_records(fx->db, dispute()), 0);
  err_clear(&e);
  str_free(&csv);
}

/* ---- Export ---- */

static void insert_fields(Db *db, const Register *p, const char *const *az,
                          int64_t *pId) {
  Record r;
  Err e = ERR_INIT;
  int i;
  reg_record_init(&r, p);
  for (i = 0; az[i]; i += 2) {
    if (reg_set(&r, az[i], az[i + 1], &e) != FZ_OK) {
      fail_msg("%s=%s: %s", az[i], az[i + 1], err_msg(&e));
    }
  }
  if (reg_insert(db, &sys_actor, &r, &e) != FZ_OK) {
    fail_msg("insert %s: %s", p->zName, err_msg(&e));
  }
  if (pId) *pId = r.id;
  reg_record_clear(&r);
}

/* Disputes and reconsideration cases with every field type, awkward text,
 * NULLs, and one voided record of each. */
static void insert_samples(Db *db) {
  /* clang-format off */
  static const char *const azD1[] = {
      "org", ZEQU_SFS,
      "case_no", "泽调〔2024〕1号",
      "category", "婚姻家庭",
      "received", "2024-03-05",
      "parties", "2",
      "summary", "他说：\"草场, 归我\"\n第二行，含逗号,和\t制表符 😀",
      "amount", "0.01",
      "result", "调解成功",
      "agreement", "口头",
      "closed", "2024-03-20",
      NULL};
  static const char *const azD2[] = {
      "org", HERI_SFS,
      "case_no", "=1+1",
      "category", "债务",
      "received", "2024-12-31",
      "parties", "10000",
      "summary", "\"整段引号\"",
      "amount", "1234567.89",
      "result", "调解不成",
      "closed", "2025-01-02",
      NULL};
  static const char *const azD3[] = {
      "org", MAIXIU_SFS,
      "category", "其他",
      "received", "2024-02-29",
      "result", "调解中",
      NULL};
  static const char *const azD4[] = {
      "org", ZEQU_SFS,
      "case_no", "泽调〔2024〕9号",
      "category", "邻里",
      "received", "2024-06-01",
      "result", "调解中",
      NULL};
  static const char *const azR1[] = {
      "org", "632323000000-SFJ-XZFY",
      "case_no", "泽复〔2024〕1号",
      "applicant", "才让, \"多杰\"",
      "applicant_kind", "个人",
      "applicant_id", FULL_ID,
      "respondent", "泽库县市场监督管理局",
      "respondent_org", "632323000000-SCJG",
      "matter", "行政处罚",
      "received", "2024-01-10",
      "acceptance", "受理",
      "acceptance_date", "2024-01-15",
      "procedure", "普通",
      "extended", "是",
      "outcome", "维持",
      "closed", "2024-03-15",
      NULL};
  static const char *const azR2[] = {
      "org", "632323000000-SFJ-XZFY",
      "case_no", "泽复〔2024〕2号",
      "applicant", "某某牧业有限公司",
      "applicant_kind", "法人",
      "applicant_id", FULL_ID2,
      "respondent", "泽库县自然资源局",
      "matter", "行政许可",
      "received", "2024-02-01",
      "acceptance", "accepted",
      "acceptance_date", "2024-02-03",
      "procedure", "简易",
      "extended", "否",
      NULL};
  static const char *const azR3[] = {
      "org", "632323000000-SFJ-XZFY",
      "case_no", "泽复〔2024〕3号",
      "applicant", "某合作社",
      "applicant_kind", "其他组织",
      "respondent", "泽曲镇人民政府",
      "matter", "其他",
      "received", "2024-04-01",
      "acceptance", "待补正",
      NULL};
  static const char *const azR4[] = {
      "org", "632323000000-SFJ-XZFY",
      "case_no", "泽复〔2024〕4号",
      "applicant", "重复登记",
      "applicant_kind", "个人",
      "respondent", "某局",
      "matter", "其他",
      "received", "2024-04-02",
      "acceptance", "待补正",
      NULL};
  /* clang-format on */
  Err e = ERR_INIT;
  int64_t idD4 = 0, idR4 = 0;
  insert_fields(db, dispute(), azD1, NULL);
  insert_fields(db, dispute(), azD4, &idD4);
  insert_fields(db, dispute(), azD2, NULL);
  insert_fields(db, dispute(), azD3, NULL);
  insert_fields(db, recon(), azR1, NULL);
  insert_fields(db, recon(), azR4, &idR4);
  insert_fields(db, recon(), azR2, NULL);
  insert_fields(db, recon(), azR3, NULL);
  assert_int_equal(reg_void(db, &sys_actor, dispute(), idD4, "重复登记", &e),
                   FZ_OK);
  assert_int_equal(reg_void(db, &sys_actor, recon(), idR4, "重复登记", &e),
                   FZ_OK);
}

static void do_export(Db *db, const Actor *a, const Register *p, int format,
                      int includeVoided, const char *zPath, long nWant) {
  RegQuery q;
  Err e = ERR_INIT;
  long n = -1;
  memset(&q, 0, sizeof q);
  q.includeVoided = includeVoided;
  if (regexport_file(db, a, p, &q, format, zPath, &n, &e) != FZ_OK) {
    fail_msg("export %s: %s", zPath, err_msg(&e));
  }
  assert_int_equal(n, nWant);
}

/* Export CSV and XLSX, import each into a fresh database: every field of
 * every live record comes back. */
static void export_import_round_trip(void **state) {
  Fx *fx = *state;
  const Register *ap[2];
  int k, fmt;
  ap[0] = dispute();
  ap[1] = recon();
  insert_samples(fx->db);
  for (k = 0; k < 2; k++) {
    const Register *p = ap[k];
    Snap src = snap(fx->db, p, 0);
    BatchRows b;
    RegQuery q;
    Err e0 = ERR_INIT;
    assert_int_equal(src.n, 3);
    /* Entered by hand: no batch. */
    memset(&b, 0, sizeof b);
    memset(&q, 0, sizeof q);
    assert_int_equal(
        reg_list(fx->db, &sys_actor, p, &q, batch_row_visit, &b, NULL, &e0),
        FZ_OK);
    assert_int_equal(b.n, 3);
    err_clear(&e0);
    for (fmt = 0; fmt < 2; fmt++) {
      char zFile[64], zDb[64], zPath[1024], zWhat[128];
      ImportResult res;
      Err e = ERR_INIT;
      Snap got;
      Db *db2;
      int rc;
      snprintf(zFile, sizeof zFile, "%s.%s", p->zName, fmt ? "xlsx" : "csv");
      snprintf(zDb, sizeof zDb, "%s-%d.db", p->zName, fmt);
      snprintf(zPath, sizeof zPath, "%s", fx_path(fx, zFile));
      snprintf(zWhat, sizeof zWhat, "round trip %s", zFile);
      do_export(fx->db, &sys_actor, p, fmt ? EXPORT_XLSX : EXPORT_CSV, 0, zPath,
                3);
      db2 = open_db(fx_path(fx, zDb));
      rc = import_file(db2, &sys_actor, p, zPath, 0, &res, &e);
      if (rc != FZ_OK) {
        dump_items(&e);
        fail_msg("%s: import failed", zWhat);
      }
      assert_int_equal(res.nRows, 3);
      assert_string_equal(res.zEncoding, fmt ? "XLSX" : "UTF-8 BOM");
      {
        static const long aRow[3] = {2, 3, 4};
        assert_provenance(db2, p, &res, zPath, fmt ? p->zLabel : NULL,
                          fmt ? "XLSX" : "UTF-8 BOM", aRow, 3);
      }
      got = snap(db2, p, 1);
      snap_assert_equal(p, &src, &got, zWhat);
      snap_free(&got);
      db_close(db2);
    }
    snap_free(&src);
  }
}

/* The CSV: a UTF-8 BOM, the Chinese labels as header, CRLF lines, quoted
 * fields; voided records only when asked for. */
static void export_csv_form(void **state) {
  Fx *fx = *state;
  const char *zHead = "\xEF\xBB\xBF"
                      "机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,"
                      "涉及金额,调解结果,协议形式,结案日期\r\n";
  char *z;
  size_t n;
  insert_samples(fx->db);
  do_export(fx->db, &sys_actor, dispute(), EXPORT_CSV, 0, fx_path(fx, "d.csv"),
            3);
  z = read_file(fx_path(fx, "d.csv"), &n);
  assert_true(n > strlen(zHead));
  assert_memory_equal(z, zHead, strlen(zHead));
  /* Labels for enums, yuan with two decimals, awkward text quoted. */
  assert_non_null(
      strstr(z, "\r\n" ZEQU_SFS ",泽调〔2024〕1号,婚姻家庭,2024-03-05,2,"
                "\"他说：\"\"草场, 归我\"\"\n第二行，含逗号,和\t制表符 😀\","
                "0.01,调解成功,口头,2024-03-20\r\n"));
  assert_non_null(
      strstr(z, "\r\n" MAIXIU_SFS ",,其他,2024-02-29,,,,调解中,,\r\n"));
  assert_null(strstr(z, "泽调〔2024〕9号")); /* voided */
  free(z);

  do_export(fx->db, &sys_actor, dispute(), EXPORT_CSV, 1,
            fx_path(fx, "all.csv"), 4);
  z = read_file(fx_path(fx, "all.csv"), &n);
  assert_non_null(strstr(z, "泽调〔2024〕9号"));
  free(z);

  /* No file is left behind by a failed export. */
  {
    RegQuery q;
    Err e = ERR_INIT;
    long nRow = 0;
    memset(&q, 0, sizeof q);
    q.zSort = "nosuchfield";
    assert_int_equal(regexport_file(fx->db, &sys_actor, dispute(), &q,
                                    EXPORT_CSV, fx_path(fx, "fail.csv"), &nRow,
                                    &e),
                     FZ_USAGE);
    assert_int_equal(access(fx_path(fx, "fail.csv"), F_OK), -1);
    err_clear(&e);
  }
}

/* The XLSX opens with the reader: the sheet is the register's label, the
 * first row is the labels, dates are date cells, numbers number cells. */
static void export_xlsx_form(void **state) {
  Fx *fx = *state;
  XlsxReader *x = NULL;
  Err e = ERR_INIT;
  int hasRow = 0, k;
  insert_samples(fx->db);
  do_export(fx->db, &sys_actor, dispute(), EXPORT_XLSX, 0,
            fx_path(fx, "d.xlsx"), 3);
  assert_int_equal(xlsx_open(&x, fx_path(fx, "d.xlsx"), NULL, &e), FZ_OK);
  assert_string_equal(xlsx_sheet_name(x), "矛盾纠纷");
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_true(hasRow);
  assert_int_equal(xlsx_row(x), 1);
  assert_int_equal(xlsx_nfield(x), N_DCOL);
  for (k = 0; k < N_DCOL; k++) {
    assert_string_equal(xlsx_field(x, k), azDisputeHead[k]);
    assert_int_equal(xlsx_field_kind(x, k), XLSX_TEXT);
  }
  /* Record 1 (泽调〔2024〕1号). */
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_true(hasRow);
  assert_int_equal(xlsx_row(x), 2);
  assert_string_equal(xlsx_field(x, 0), ZEQU_SFS);
  assert_string_equal(xlsx_field(x, 1), "泽调〔2024〕1号");
  assert_int_equal(xlsx_field_kind(x, 1), XLSX_TEXT);
  assert_string_equal(xlsx_field(x, 2), "婚姻家庭");
  assert_int_equal(xlsx_field_kind(x, 3), XLSX_DATE);
  assert_string_equal(xlsx_field(x, 3), "2024-03-05");
  assert_int_equal(xlsx_field_kind(x, 4), XLSX_NUMBER);
  assert_string_equal(xlsx_field(x, 4), "2");
  assert_string_equal(xlsx_field(x, 5),
                      "他说：\"草场, 归我\"\n第二行，含逗号,和\t制表符 😀");
  assert_int_equal(xlsx_field_kind(x, 6), XLSX_NUMBER);
  assert_string_equal(xlsx_field(x, 6), "0.01");
  assert_int_equal(xlsx_field_kind(x, 9), XLSX_DATE);
  assert_string_equal(xlsx_field(x, 9), "2024-03-20");
  /* Record 3 (=1+1): a formula-looking text stays text. */
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_string_equal(xlsx_field(x, 1), "=1+1");
  assert_int_equal(xlsx_field_kind(x, 1), XLSX_TEXT);
  assert_string_equal(xlsx_field(x, 6), "1234567.89");
  assert_string_equal(xlsx_field(x, 9), "2025-01-02");
  /* Record 4: NULLs are empty cells. */
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_string_equal(xlsx_field(x, 1), "");
  assert_int_equal(xlsx_field_kind(x, 1), XLSX_EMPTY);
  assert_int_equal(xlsx_field_kind(x, 6), XLSX_EMPTY);
  assert_string_equal(xlsx_field(x, 3), "2024-02-29");
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_false(hasRow);
  xlsx_close(x);

  /* Voided included: one more row. */
  do_export(fx->db, &sys_actor, dispute(), EXPORT_XLSX, 1,
            fx_path(fx, "all.xlsx"), 4);
  assert_int_equal(xlsx_open(&x, fx_path(fx, "all.xlsx"), NULL, &e), FZ_OK);
  for (k = 0; xlsx_read_row(x, &hasRow, &e) == FZ_OK && hasRow; k++) {
  }
  assert_int_equal(k, 5);
  xlsx_close(x);
  err_clear(&e);
}

typedef struct FirstId {
  int64_t id;
  char *zMasked; /* applicant_id as a reader sees it */
  char *zFull;   /* and as an editor does */
} FirstId;

static int first_recon(const Record *r, void *pArg) {
  FirstId *f = pArg;
  Str s = STR_INIT;
  int i = reg_field_index(r->pReg, "applicant_id");
  if (f->id) return FZ_OK;
  f->id = r->id;
  reg_format_value(r, i, 1, &reader, &s);
  f->zMasked = str_detach(&s);
  reg_format_value(r, i, 1, &sys_actor, &s);
  f->zFull = str_detach(&s);
  return FZ_OK;
}

/* ID numbers: masked for a reader who may not see them (format, JSON, CSV
 * and XLSX export), in full for an editor. */
static void idnum_masking(void **state) {
  Fx *fx = *state;
  const char *zMasked = "110105********002X";
  FirstId first;
  Record got;
  RegQuery q;
  Err e = ERR_INIT;
  ImportResult res;
  XlsxReader *x = NULL;
  char *z, *zJson;
  size_t n;
  int hasRow = 0, iId = reg_field_index(recon(), "applicant_id");
  Db *db2;

  insert_samples(fx->db);
  memset(&first, 0, sizeof first);
  memset(&q, 0, sizeof q);
  assert_int_equal(
      reg_list(fx->db, &sys_actor, recon(), &q, first_recon, &first, NULL, &e),
      FZ_OK);
  assert_string_equal(first.zMasked, zMasked);
  assert_string_equal(first.zFull, FULL_ID);
  free(first.zMasked);
  free(first.zFull);

  assert_int_equal(reg_get(fx->db, &reader, recon(), first.id, &got, &e),
                   FZ_OK);
  zJson = reg_to_json_text(&got, &reader);
  assert_non_null(strstr(zJson, "\"applicant_id\":\""
                                "110105********002X"
                                "\""));
  assert_null(strstr(zJson, FULL_ID));
  free(zJson);
  zJson = reg_to_json_text(&got, &sys_actor);
  assert_non_null(strstr(zJson, FULL_ID));
  free(zJson);
  reg_record_clear(&got);

  do_export(fx->db, &reader, recon(), EXPORT_CSV, 0, fx_path(fx, "masked.csv"),
            3);
  z = read_file(fx_path(fx, "masked.csv"), &n);
  assert_non_null(strstr(z, zMasked));
  assert_non_null(strstr(z, "632323********1233"));
  assert_null(strstr(z, FULL_ID));
  assert_null(strstr(z, FULL_ID2));
  free(z);
  do_export(fx->db, &sys_actor, recon(), EXPORT_CSV, 0, fx_path(fx, "full.csv"),
            3);
  z = read_file(fx_path(fx, "full.csv"), &n);
  assert_non_null(strstr(z, FULL_ID));
  assert_non_null(strstr(z, FULL_ID2));
  assert_null(strstr(z, zMasked));
  free(z);

  do_export(fx->db, &reader, recon(), EXPORT_XLSX, 0,
            fx_path(fx, "masked.xlsx"), 3);
  assert_int_equal(xlsx_open(&x, fx_path(fx, "masked.xlsx"), NULL, &e), FZ_OK);
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_string_equal(xlsx_field(x, 1 + iId), "申请人身份证号码");
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_string_equal(xlsx_field(x, 1 + iId), zMasked);
  xlsx_close(x);
  do_export(fx->db, &sys_actor, recon(), EXPORT_XLSX, 0,
            fx_path(fx, "full.xlsx"), 3);
  assert_int_equal(xlsx_open(&x, fx_path(fx, "full.xlsx"), NULL, &e), FZ_OK);
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_int_equal(xlsx_read_row(x, &hasRow, &e), FZ_OK);
  assert_string_equal(xlsx_field(x, 1 + iId), FULL_ID);
  xlsx_close(x);

  /* A masked export does not import back as if it were data: the rows with
   * ID numbers are refused, naming the column. */
  db2 = open_db(fx_path(fx, "masked.db"));
  assert_int_equal(import_file(db2, &sys_actor, recon(),
                               fx_path(fx, "masked.csv"), 0, &res, &e),
                   FZ_INVALID);
  assert_item(&e, 2, "申请人身份证号码", zMasked, "申请人身份证号码");
  assert_item(&e, 3, "申请人身份证号码", "632323********1233",
              "申请人身份证号码");
  assert_int_equal(e.nItem, 2);
  assert_int_equal(count_records(db2, recon()), 0);
  db_close(db2);
  err_clear(&e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(same_rows_every_format, setup, teardown),
      cmocka_unit_test_setup_teardown(sheet_choice, setup, teardown),
      cmocka_unit_test_setup_teardown(header_forms, setup, teardown),
      cmocka_unit_test_setup_teardown(header_problems, setup, teardown),
      cmocka_unit_test_setup_teardown(all_or_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(broken_files, setup, teardown),
      cmocka_unit_test_setup_teardown(dry_run, setup, teardown),
      cmocka_unit_test_setup_teardown(many_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(many_bad_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(rows_in_file_order, setup, teardown),
      cmocka_unit_test_setup_teardown(export_import_round_trip, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(export_csv_form, setup, teardown),
      cmocka_unit_test_setup_teardown(export_xlsx_form, setup, teardown),
      cmocka_unit_test_setup_teardown(idnum_masking, setup, teardown),
  };
  return cmocka_run_group_tests_name("regio", tests, NULL, NULL);
}
