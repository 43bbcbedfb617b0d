/* reg.h — the register engine. A register (a kind of record: a 行政复议 case,
 * a 矛盾纠纷, a training…) is declared once as a static table of fields plus
 * hooks for the rules a table cannot say; this one engine turns every
 * declaration into its table, validation, insert / update / void with audit,
 * JSON in and out, import/export columns and list queries. */
#ifndef FZ_REG_H
#define FZ_REG_H

#include <stdint.h>

#include "../base/err.h"
#include "../base/str.h"
#include "../store/db.h"

/* Field types: how a value is entered, checked, stored and shown. */
enum {
  FT_TEXT,   /* free text, at most `max` characters (0: REG_TEXT_MAX) */
  FT_INT,    /* whole number in [min, max] */
  FT_MONEY,  /* entered in yuan, stored in fen (money.h) */
  FT_DATE,   /* stored as YYYY-MM-DD (date.h accepts the clerk's forms) */
  FT_BOOL,   /* 是/否, stored 1/0 */
  FT_ENUM,   /* one of aEnum, by code or Chinese label; stored as the code */
  FT_ORG,    /* an org_unit code (or exact name) inside the actor's scope */
  FT_IDNUM,  /* 居民身份证号码, GB 11643; masked for readers who are not editors */
  FT_USCC,   /* 统一社会信用代码, GB 32100 */
  FT_REF     /* the id of a record of register zRef */
};

/* Field flags */
#define F_REQUIRED 0x01 /* must have a value */
#define F_UNIQUE 0x02   /* no two live records of one org share the value */
#define F_SEARCH 0x04   /* searched by the list query's text filter */
#define F_LONG 0x08     /* long text (minutes, narrative): no list column */

#define REG_TEXT_MAX 200    /* characters of an FT_TEXT without its own max */
#define REG_LONG_MAX 20000  /* characters of an F_LONG text */

typedef struct RegEnum {
  const char *zCode;  /* stored value */
  const char *zLabel; /* Chinese label, also accepted on input */
} RegEnum;

typedef struct RegField {
  const char *zName;    /* column, JSON key, CSV header */
  const char *zLabel;   /* Chinese label, also accepted as a CSV header */
  int type;             /* FT_* */
  int flags;            /* F_* */
  const RegEnum *aEnum; /* FT_ENUM: terminated by {NULL, NULL} */
  int64_t min, max;     /* FT_INT range; FT_TEXT max characters */
  const char *zRef;     /* FT_REF: the register referred to; FT_IDNUM: the
                           field holding the person's name, which makes
                           the ID number one identity across registers */
} RegField;

/* Two dates of one record that must be in order: zBefore <= zAfter when
 * both are set ("nothing closed before it was received"). */
typedef struct RegOrder {
  const char *zBefore;
  const char *zAfter;
} RegOrder;

typedef struct Register Register;
typedef struct Record Record;

struct Register {
  const char *zName;      /* table name and CLI/API name: "dispute" */
  const char *zLabel;     /* "矛盾纠纷" */
  const char *zDateField; /* the defining date (a record's year), or NULL */
  const RegField *aField;
  int nField;
  const RegOrder *aOrder; /* terminated by {NULL, NULL}; may be NULL */
  /* Rules a table cannot say (workflow order, conditional requirements).
   * Called after every field passed its own checks; report with
   * reg_fail(). */
  int (*xCheck)(const Record *r, Err *e);
};

/* One value of a record in memory. */
typedef struct RegValue {
  int isSet;  /* present (possibly NULL) */
  int isNull;
  int64_t i;  /* FT_INT, FT_MONEY (fen), FT_BOOL, FT_REF */
  char *z;    /* the text forms: FT_TEXT, FT_DATE (ISO), FT_ENUM (code),
                 FT_ORG (code), FT_IDNUM, FT_USCC */
} RegValue;

struct Record {
  const Register *pReg;
  int64_t id;      /* 0 before insert */
  char *zOrg;      /* owning org code */
  RegValue *aVal;  /* pReg->nField values */
  int voided;
  char *zVoidReason;
  char *zCreatedAt, *zCreatedBy, *zUpdatedAt, *zUpdatedBy;
  int64_t batch;   /* import_batch it came from, 0 when entered by hand */
  int64_t batchRow; /* its row in that file */
};

/* Who acts: the name written to created_by and the audit log, and the org
 * subtree the actor may touch (NULL: everything, for the system itself). */
typedef struct Actor {
  const char *zName;
  const char *zScope;
  uint64_t readOnly; /* registers (bit reg_index) the actor may not write;
                        0 (the command line, the system): writes them all */
} Actor;

/* ---- The register table ---- */
extern const Register *const reg_all[];
extern const int reg_count;
const Register *reg_find(const char *zName); /* by name or Chinese label */
int reg_field_index(const Register *p, const char *zName); /* name or label; -1 */
const char *reg_type_name(int type); /* Chinese: 文本, 日期, … */
int reg_index(const Register *p);    /* its place in reg_all */
/* Whether a may write register p; its editors also see ID numbers in full. */
int reg_actor_edits(const Actor *a, const Register *p);
/* The same as an error: FZ_FORBIDDEN "您没有编辑…的权限". */
int reg_may_write(const Actor *a, const Register *p, Err *e);

/* ---- Records in memory ---- */
void reg_record_init(Record *r, const Register *p);
void reg_record_clear(Record *r);
/* Empty r for another record of the same register, keeping its value
 * array (an import reuses a few records for every row). */
void reg_record_reset(Record *r);
/* A deep copy (dst is initialised here). */
void reg_record_copy(Record *dst, const Record *src);

/* Set field i from text as a clerk types it (CLI, CSV, form): parsed by
 * type; "" is NULL. FZ_INVALID with a Chinese message naming the field. */
int reg_set_text(Record *r, int i, const char *z, Err *e);
/* Parse one trimmed, non-empty text for field f (the rules of
 * reg_set_text without a record); v->z is owned by the caller. */
int reg_parse_value(const RegField *f, const char *z, RegValue *v, Err *e);
/* Set by field name; "org" sets the owning org. */
int reg_set(Record *r, const char *zField, const char *z, Err *e);

/* Record a rule failure for field zField (a hook helper: sets e->field to
 * the field's label). Returns FZ_INVALID. */
int reg_fail(const Record *r, Err *e, const char *zField, const char *fmt,
             ...) __attribute__((format(printf, 4, 5)));
/* For hooks: the value of a field by name (NULL when unset or NULL). */
const RegValue *reg_value(const Record *r, const char *zField);
const char *reg_text(const Record *r, const char *zField);
/* The Chinese label of an enum field's value ("" when unset). */
const char *reg_enum_label(const Record *r, const char *zField);

/* Text form of field i for output and export ("" for NULL): dates ISO,
 * money in yuan, enums as labels when useLabel, ID numbers masked unless
 * the actor may see them. */
void reg_format_value(const Record *r, int i, int useLabel, const Actor *a,
                      Str *s);

/* Checks that need no database: required fields, the date order table and
 * the register's hook. Every problem is added to e's items when
 * listAll, else the first is recorded. */
int reg_validate(const Record *r, int listAll, long row, Err *e);

/* ---- Storage ---- */

/* Create or extend every register's table (added fields become added
 * columns); runs inside its own transaction. */
int reg_sync_schema(Db *db, Err *e);
/* schema_open + reg_sync_schema: how every command opens the database. */
int reg_open_db(Db **ppDb, const char *zName, int flags, Err *e);

/* Validate, check against the database (org exists and is in scope,
 * unique fields, references), insert, audit. Sets r->id. */
int reg_insert(Db *db, const Actor *a, Record *r, Err *e);
/* Replace the fields of record r->id that r has set; audits before and
 * after. A voided record cannot be changed. */
int reg_update(Db *db, const Actor *a, Record *r, Err *e);
/* reg_insert (r->id 0) or reg_update (r->id set), then the record as
 * stored into *pSaved (the caller clears it), in one transaction: a write
 * whose result cannot be read back is undone, so a caller never reports
 * as failed a write that was kept (the user would make it twice). */
int reg_save(Db *db, const Actor *a, Record *r, Record *pSaved, Err *e);
int reg_void(Db *db, const Actor *a, const Register *p, int64_t id,
             const char *zReason, Err *e);
int reg_get(Db *db, const Actor *a, const Register *p, int64_t id, Record *r,
            Err *e);

/* ---- Queries ---- */
#define REG_MAX_FILTER 8

typedef struct RegQuery {
  const char *zOrg;      /* subtree; NULL for the actor's whole scope */
  const char *zFrom;     /* defining date >= (YYYY-MM-DD), or NULL */
  const char *zTo;       /* defining date <= */
  const char *zSearch;   /* substring of any F_SEARCH field */
  int nFilter;           /* field = value (enum code/label, bool, org…) */
  const char *azFilterField[REG_MAX_FILTER];
  const char *azFilterValue[REG_MAX_FILTER];
  const char *zSort;     /* field name, "-field" for descending; NULL: id */
  int includeVoided;
  int64_t limit;         /* 0: no limit */
  int64_t offset;
  uint64_t only;         /* fields to read (bit i: field i); 0: all. The
                            others come as NULL (a walk that needs a few) */
  int64_t idLo, idHi;    /* ids in [idLo, idHi] when idHi > 0 */
  const char *zOrgLo;    /* orgs in the code range [zOrgLo, zOrgHi), */
  const char *zOrgHi;    /* instead of zOrg (kept.h's rebuilds) */
} RegQuery;

typedef int (*RegVisit)(const Record *r, void *pArg);

/* ---- People and provenance ---- */

/* The person registered under an ID number (the name first written with
 * it): *pzName is the caller's to free; FZ_NOTFOUND when unknown. */
int reg_person_get(Db *db, const char *zIdnum, char **pzName, Err *e);
/* Every live record in the actor's scope that carries this ID number, in
 * any register. */
int reg_person_records(Db *db, const Actor *a, const char *zIdnum,
                       RegVisit xVisit, void *pArg, Err *e);
/* "文件 X（工作表 S）第 N 行，由 U 于 T 导入" for an imported record. */
int reg_describe_source(Db *db, const Record *r, Str *s, Err *e);
/* Visit the matching records in order; *pnTotal (if not NULL) receives the
 * count before paging. A NULL xVisit only counts. */
int reg_list(Db *db, const Actor *a, const Register *p, const RegQuery *q,
             RegVisit xVisit, void *pArg, int64_t *pnTotal, Err *e);

/* One group of matching records: its key ("2024-03", an enum code, a child
 * org's code) and Chinese label, how many, and the sum asked for. */
typedef struct RegGroup {
  const char *zKey, *zLabel;
  int64_t count, sum;
  int isDivision; /* by org: a township or other division (kept at zero) */
} RegGroup;
typedef int (*RegGroupVisit)(const RegGroup *g, void *pArg);

/* Count (and sum the INT or MONEY field zSum, when not NULL) the records q
 * matches, grouped by zBy: "month" of the defining date, "org" (the direct
 * children of q->zOrg, records on it directly under it), or an enum or
 * boolean field. Groups in key order; children in code order. */
int reg_stats(Db *db, const Actor *a, const Register *p, const RegQuery *q,
              const char *zBy, const char *zSum, RegGroupVisit xGroup, void *pArg,
              Err *e);

#endif
