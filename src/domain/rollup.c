/* rollup.c — the rolled-up rows of rollup.h: keys, folding counted rows
 * into them, and recomputing them from the org rows. */
#include "rollup.h"

#include <string.h>

#include "../base/str.h"
#include "../store/schema.h"

static const int aLevel[ROLLUP_LEVELS] = {0, 2, 4}; /* country, province, prefecture */
/* level 0 an expression too: PostgreSQL refuses a constant in GROUP BY */
static const char *const azKeySql[ROLLUP_LEVELS] = {
    "'~' || substr(org, 1, 0)", "'~' || substr(org, 1, 2)", "'~' || substr(org, 1, 4)"};

static int all_digits(const char *z, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
  }
  return 1;
}

int rollup_key_of_range(const char *zLo, const char *zHi, char zKey[ROLLUP_KEY_MAX]) {
  size_t n = strlen(zLo);
  int i;
  for (i = 0; i < ROLLUP_LEVELS && (size_t)aLevel[i] != n; i++) {
  }
  if (i == ROLLUP_LEVELS || !all_digits(zLo, n)) return 0;
  if (n == 0 ? strcmp(zHi, ":") != 0
             : strlen(zHi) != n || memcmp(zLo, zHi, n - 1) != 0 || zHi[n - 1] != zLo[n - 1] + 1) {
    return 0;
  }
  zKey[0] = '~';
  memcpy(zKey + 1, zLo, n + 1);
  return 1;
}

void rollup_fold(CountMap *m) {
  int i, j, k, n = m->n;
  for (i = 0; i < n; i++) {
    for (j = 0; j < ROLLUP_LEVELS; j++) {
      char zKey[ROLLUP_KEY_MAX];
      CountRow *up;
      if (strlen(m->a[i]->zA) < (size_t)aLevel[j] || m->a[i]->zA[0] == '~') continue;
      zKey[0] = '~';
      memcpy(zKey + 1, m->a[i]->zA, (size_t)aLevel[j]);
      zKey[aLevel[j] + 1] = 0;
      up = countmap_get(m, zKey, m->a[i]->zB); /* may move m->a */
      for (k = 0; k < m->nCounter; k++) up->aN[k] += m->a[i]->aN[k];
    }
  }
}

const char *rollup_key_sql(int i) {
  return azKeySql[i];
}

int rollup_refresh(Db *db, const char *zTable, const char *zKeys, const char *zSums, Err *e) {
  Str sql = STR_INIT;
  const char *z;
  int i, rc;
  str_appendf(&sql, "DELETE FROM %s WHERE org >= '~'", zTable);
  rc = db_exec(db, e, str_cstr(&sql), "");
  for (i = 0; i < ROLLUP_LEVELS && rc == FZ_OK; i++) {
    str_reset(&sql);
    str_appendf(&sql, "INSERT INTO %s(org, %s, %s) SELECT %s, %s", zTable, zKeys, zSums,
                azKeySql[i], zKeys);
    for (z = zSums; *z;) { /* "n, total" → ", sum(n), sum(total)" */
      size_t nCol = strcspn(z, ", ");
      str_appendf(&sql, ", sum(%.*s)", (int)nCol, z);
      z += nCol;
      z += strspn(z, ", ");
    }
    str_appendf(&sql, " FROM %s WHERE org < '~' GROUP BY %s, %s", zTable, azKeySql[i], zKeys);
    rc = db_exec(db, e, str_cstr(&sql), "");
  }
  str_free(&sql);
  return rc;
}

int rollup_create_table(Db *db, const char *zDdl, Err *e) {
  Str sql = STR_INIT;
  int rc;
  schema_expand(db, zDdl, &sql);
  if (strcmp(db_dialect(db), "sqlite") == 0) str_puts(&sql, " WITHOUT ROWID");
  rc = db_exec_script(db, str_cstr(&sql), e);
  str_free(&sql);
  return rc;
}
