/* org.h — the org tree. Divisions carry 12-digit statistical division codes
 * (统计用区划代码); offices and units hang under them with the parent's code
 * plus "-" and a suffix. Codes are built so that the subtree of any node is
 * one contiguous range of codes: a prefix scan on an index, at any size.
 * The country (全国) is the all-zero code, no significant digits: its range
 * is every code, so the whole country is one scope like any other. */
#ifndef FZ_ORG_H
#define FZ_ORG_H

#include "../base/err.h"
#include "../store/db.h"

/* Only the kinds' codes are stored (org_unit.kind), never these numbers. */
enum {
  ORG_COUNTRY, ORG_PROVINCE, ORG_PREFECTURE, ORG_COUNTY, ORG_TOWNSHIP, ORG_VILLAGE,
  ORG_GOVERNMENT, ORG_BUREAU, ORG_SECTION, ORG_JUDICIAL_OFFICE, ORG_CENTER,
  ORG_ENFORCEMENT_UNIT,
  ORG_KIND_COUNT
};

#define ORG_COUNTRY_CODE "000000000000" /* the one code of kind country */
#define ORG_CODE_MAX 64 /* bytes of a code, NUL included */
#define ORG_SUFFIX_MAX 16
#define ORG_NAME_MAX 100 /* characters */

typedef struct OrgKindInfo {
  const char *zCode;  /* stored value: "township" */
  const char *zLabel; /* Chinese label: "乡级行政区" */
  int nSig;           /* significant code digits of a division (0 for the
                         country's all-zero code); -1 for units */
} OrgKindInfo;

typedef struct OrgUnit {
  char *zCode;
  char *zParent; /* NULL for a root */
  int kind;      /* ORG_* */
  char *zName;
  char *zUscc;   /* NULL when none */
  int depth;     /* 0 for a root */
} OrgUnit;

extern const OrgKindInfo org_kinds[ORG_KIND_COUNT];

/* Kind from its code or Chinese label; FZ_INVALID with the accepted values. */
int org_kind_parse(const char *z, int *pKind, Err *e);
int org_kind_is_division(int kind);

/* The half-open code range [zLo, zHi) holding code's whole subtree. Buffers
 * are ORG_CODE_MAX + 1 bytes. FZ_INVALID for a malformed code. */
int org_subtree_range(const char *zCode, char *zLo, char *zHi, Err *e);

/* 1 when zCode lies in zRoot's subtree (zRoot itself included); 0 when
 * not or when either code is malformed. */
int org_in_subtree(const char *zCode, const char *zRoot);

/* Checks that need no database: code shape against kind, suffix, name,
 * USCC. Errors name the field by its Chinese label. */
int org_validate(const OrgUnit *u, Err *e);

/* The unit with this code: FZ_OK and *pOut filled (free with
 * org_unit_clear), or FZ_NOTFOUND. */
int org_get(Db *db, const char *zCode, OrgUnit *pOut, Err *e);

/* Insert one unit after org_validate and the parent checks (it exists, and a
 * division's parent is a higher division whose code it extends). zUser is
 * recorded as its creator. FZ_CONFLICT when the code exists. */
int org_insert(Db *db, const OrgUnit *u, const char *zUser, Err *e);

/* Visit every unit of zUnder's subtree (the whole tree when NULL) in code
 * order, which is depth-first order. xVisit returns FZ_OK to go on. */
typedef int (*OrgVisit)(const OrgUnit *u, void *pArg);
int org_walk(Db *db, const char *zUnder, OrgVisit xVisit, void *pArg, Err *e);

typedef struct OrgImportStats {
  int nInserted;  /* new units */
  int nUnchanged; /* already there with the same content */
} OrgImportStats;

/* Import units read from a file, all or nothing. aRow[i] is unit i's row in
 * the file, for messages. Every problem is listed in e's items; the first
 * error's rc is returned and nothing is written unless all rows are good.
 * Problems the caller already listed in e (rows it could not even parse)
 * count too: they are checked alongside, and nothing is written.
 * Rows may come in any order: parents are inserted before children. A unit
 * already present with identical content is left alone (re-import is safe);
 * one present with different content is an error. */
#define ORG_IMPORT_DRY_RUN 0x01 /* check and count everything, write nothing */
int org_import(Db *db, OrgUnit *aUnit, const long *aRow, int n, int flags,
               const char *zUser, OrgImportStats *pStats, Err *e);

void org_unit_clear(OrgUnit *u);

#endif
