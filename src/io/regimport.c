/* regimport.c — a spreadsheet into a register (see regimport.h). The header
 * maps columns to fields (names or Chinese labels, any order, unknown columns
 * refused); each row goes through the same reg_set_text and reg_writer_insert
 * as a form, inside one transaction that commits only if every row is good. */
#include "regimport.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../domain/regstore.h"
#include "table.h"

#define COL_ORG (-2)
#define COL_BLANK (-3) /* a column with no header (Excel's trailing commas) */
#define PROGRESS_EVERY 4096
#define FILE_DIGEST_HEX (2 * 64 + 1)

/* BLAKE2b-512 of the file's bytes, hex — what `b2sum FILE` prints, so a
 * clerk can check the batch against the file. (SHA-256 in Debian's
 * libsodium runs at ~50 instructions a byte, a tenth of a large import.) */
static int file_digest(const char *zPath, char zHex[FILE_DIGEST_HEX], Err *e) {
  crypto_generichash_state st;
  unsigned char aBuf[65536], aHash[crypto_generichash_BYTES_MAX];
  FILE *f = fopen(zPath, "rb");
  size_t n;
  if (!f) return err_set(e, FZ_IO, "无法读取文件 %s", zPath);
  if (sodium_init() < 0) {
    fclose(f);
    return err_set(e, FZ_IO, "libsodium 初始化失败");
  }
  crypto_generichash_init(&st, NULL, 0, sizeof aHash);
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) crypto_generichash_update(&st, aBuf, n);
  fclose(f);
  crypto_generichash_final(&st, aHash, sizeof aHash);
  sodium_bin2hex(zHex, FILE_DIGEST_HEX, aHash, sizeof aHash);
  return FZ_OK;
}

/* The digest is computed on its own thread while the rows are imported
 * (the file is read twice, but the second core has room). */
typedef struct DigestJob {
  const char *zPath;
  char zHex[FILE_DIGEST_HEX];
  int rc;
  Err e;
  pthread_t th;
  int started;
} DigestJob;

static void *digest_main(void *pArg) {
  DigestJob *j = pArg;
  j->rc = file_digest(j->zPath, j->zHex, &j->e);
  return NULL;
}

static void digest_start(DigestJob *j, const char *zPath) {
  memset(j, 0, sizeof *j);
  j->zPath = zPath;
  j->started = pthread_create(&j->th, NULL, digest_main, j) == 0;
  if (!j->started) digest_main(j);
}

/* Wait for the digest; its error (if any) becomes e's (e may be NULL when
 * the import already failed for another reason). */
static int digest_finish(DigestJob *j, Err *e) {
  if (j->started) pthread_join(j->th, NULL);
  j->started = 0;
  if (j->rc != FZ_OK && e) err_move(e, &j->e);
  err_clear(&j->e);
  return j->rc;
}

/* aMap[i]: the field of column i, or COL_ORG. Every header problem is an
 * item of row 1. */
static int map_header(const Register *p, TabReader *t, int *aMap, Err *e) {
  int n = tab_nfield(t), i, k, nBad = 0;
  int *aSeen = mem_zalloc(sizeof(int) * (size_t)(p->nField + 1));
  for (i = 0; i < n; i++) {
    const char *zCell = tab_field(t, i);
    char *z;
    size_t len;
    while (*zCell == ' ' || *zCell == '\t') zCell++;
    z = mem_strdup(zCell);
    len = strlen(z);
    while (len && (z[len - 1] == ' ' || z[len - 1] == '\t')) z[--len] = 0;
    if (len == 0) aMap[i] = COL_BLANK;
    else if (strcmp(z, "org") == 0 || strcmp(z, "机构") == 0) aMap[i] = COL_ORG;
    else aMap[i] = reg_field_index(p, z);
    if (aMap[i] == -1) {
      err_add_item(e, 1, z, NULL, "未知的列“%s”：%s没有这个字段（fazhi fields %s 可查看字段）",
                   z, p->zLabel, p->zName);
      nBad++;
    } else if (aMap[i] != COL_BLANK &&
               aSeen[aMap[i] == COL_ORG ? p->nField : aMap[i]]++) {
      err_add_item(e, 1, z, NULL, "列“%s”出现了两次", z);
      nBad++;
    }
    mem_free(z);
  }
  if (!aSeen[p->nField]) {
    err_add_item(e, 1, "机构", NULL, "缺少必需的列“机构”（org）");
    nBad++;
  }
  for (k = 0; k < p->nField; k++) {
    if ((p->aField[k].flags & F_REQUIRED) && !aSeen[k]) {
      err_add_item(e, 1, p->aField[k].zLabel, NULL, "缺少必需的列“%s”（%s）",
                   p->aField[k].zLabel, p->aField[k].zName);
      nBad++;
    }
  }
  mem_free(aSeen);
  return nBad ? FZ_INVALID : FZ_OK;
}

static int row_is_blank(TabReader *t) {
  int i, n = tab_nfield(t);
  for (i = 0; i < n; i++) {
    const char *z = tab_field(t, i);
    if (z[strspn(z, " \t")]) return 0;
  }
  return 1;
}

/* ---- The two-thread pipeline ----
 *
 *   reader thread                         writer (caller's thread)
 *   read row -> parse cells -> validate   check org/refs -> insert
 *          \____ ring of PIPE_BATCHES batches of BATCH_ROWS rows ____/
 *
 * Parsing and validating need no database, so they run on the second core
 * while SQLite inserts on the first. Rows cross in whole batches (one lock
 * and wake-up per BATCH_ROWS rows, not per row), and the ring keeps memory
 * bounded whatever the file's size. */

#define BATCH_ROWS 256
#define PIPE_BATCHES 4

typedef struct Slot {
  Record r;
  long row;
  int ok;    /* parsed and valid: store it */
  Err items; /* problems found on the reader thread */
} Slot;

typedef struct Batch {
  Slot aSlot[BATCH_ROWS];
  int n;
} Batch;

typedef struct Pipe {
  pthread_mutex_t mu;
  pthread_cond_t notEmpty, notFull;
  Batch aBatch[PIPE_BATCHES];
  int head, count; /* batches published and not yet released */
  int done;        /* the reader has finished (or failed) */
  int stop;        /* the writer failed: the reader should give up */
  int rcReader;    /* FZ_OK, or the reader's fatal error (a malformed file) */
  Err eReader;
  long long nByteRead, nByteTotal;
  TabReader *t;
  const Register *p;
  const int *aMap;
  int nMap;
} Pipe;

/* The export's guard against CSV injection ('=1+1) comes off on import. */
static const char *unquote_formula(const Pipe *pp, int i, const char *z) {
  if (pp->p->aField[pp->aMap[i]].type == FT_TEXT && z[0] == '\'' &&
      strchr("=+-@\t\r", z[1]) && z[1]) {
    return z + 1;
  }
  return z;
}

/* Parse one data row into slot s: each cell through reg_set_text (the
 * rules of every input path), then the record-level checks. */
static void parse_row(Pipe *pp, Slot *s) {
  int i, nBad = 0;
  s->row = tab_row(pp->t);
  if (tab_nfield(pp->t) > pp->nMap) {
    err_add_item(&s->items, s->row, NULL, NULL, "本行有%d列，比表头多",
                 tab_nfield(pp->t));
    return;
  }
  for (i = 0; i < pp->nMap; i++) {
    Err eCell = ERR_INIT;
    const char *z = tab_field(pp->t, i);
    if (pp->aMap[i] == COL_BLANK) {
      if (z[strspn(z, " \t")]) {
        err_add_item(&s->items, s->row, NULL, z, "第%d列没有表头，却有数据", i + 1);
        nBad++;
      }
    } else if (pp->aMap[i] == COL_ORG) {
      reg_set(&s->r, "org", z, NULL);
    } else if (reg_set_text(&s->r, pp->aMap[i], unquote_formula(pp, i, z),
                            &eCell) != FZ_OK) {
      err_add_item(&s->items, s->row, pp->p->aField[pp->aMap[i]].zLabel, z, "%s",
                   err_msg(&eCell));
      err_clear(&eCell); /* only a failure filled it */
      nBad++;
    }
  }
  s->ok = nBad == 0 && reg_validate(&s->r, 1, s->row, &s->items) == FZ_OK;
}

/* Wait for a free batch; NULL when the writer asked to stop. */
static Batch *pipe_reserve(Pipe *pp) {
  Batch *b = NULL;
  pthread_mutex_lock(&pp->mu);
  while (pp->count == PIPE_BATCHES && !pp->stop) {
    pthread_cond_wait(&pp->notFull, &pp->mu);
  }
  if (!pp->stop) b = &pp->aBatch[(pp->head + pp->count) % PIPE_BATCHES];
  pthread_mutex_unlock(&pp->mu);
  return b;
}

static void pipe_publish(Pipe *pp, int done, int rc) {
  pthread_mutex_lock(&pp->mu);
  if (!done) pp->count++;
  pp->done = done;
  pp->rcReader = rc;
  pp->nByteRead = tab_bytes_read(pp->t);
  pthread_cond_signal(&pp->notEmpty);
  pthread_mutex_unlock(&pp->mu);
}

/* Empty slot s for its next row; its record keeps its value array. Done
 * just before the slot is filled again, so the strings freed are the
 * sizes the row about to be parsed asks for (malloc's per-thread cache
 * hands them straight back). The reader frees what it allocated: see
 * pipe_release. */
static void reset_slot(Slot *s) {
  reg_record_reset(&s->r);
  if (s->items.aItem || s->items.msg) err_clear(&s->items);
  s->ok = 0;
}

static void clear_batch(Batch *b) {
  int i;
  for (i = 0; i < BATCH_ROWS; i++) {
    reg_record_clear(&b->aSlot[i].r);
    err_clear(&b->aSlot[i].items);
    b->aSlot[i].ok = 0;
  }
  b->n = 0;
}

/* Fill b with up to BATCH_ROWS parsed rows; returns the reader's rc. */
static int fill_batch(Pipe *pp, Batch *b) {
  int hasRow = 0, rc = FZ_OK;
  b->n = 0; /* the writer is done with what it stored from it last time */
  while (b->n < BATCH_ROWS &&
         (rc = tab_read_row(pp->t, &hasRow, &pp->eReader)) == FZ_OK && hasRow) {
    Slot *s = &b->aSlot[b->n];
    if (row_is_blank(pp->t)) continue;
    if (s->r.pReg) reset_slot(s);
    else reg_record_init(&s->r, pp->p);
    parse_row(pp, s);
    b->n++;
  }
  return rc == FZ_OK && !hasRow ? -1 : rc; /* -1: the end of the file */
}

static void *reader_main(void *pArg) {
  Pipe *pp = pArg;
  Batch *b;
  int rc = FZ_OK;
  while (rc == FZ_OK && (b = pipe_reserve(pp)) != NULL) {
    rc = fill_batch(pp, b);
    if (b->n > 0) pipe_publish(pp, 0, FZ_OK);
  }
  pipe_publish(pp, 1, rc == -1 ? FZ_OK : rc);
  return NULL;
}

/* The next batch of parsed rows, or NULL when the reader is done. */
static Batch *pipe_next(Pipe *pp) {
  Batch *b = NULL;
  pthread_mutex_lock(&pp->mu);
  while (pp->count == 0 && !pp->done) pthread_cond_wait(&pp->notEmpty, &pp->mu);
  if (pp->count > 0) b = &pp->aBatch[pp->head];
  pthread_mutex_unlock(&pp->mu);
  return b;
}

/* Give a stored batch back to the reader, which frees its records: memory
 * is freed by the thread that allocated it (glibc's arenas make a free
 * from another thread far dearer). */
static void pipe_release(Pipe *pp, Batch *b) {
  (void)b;
  pthread_mutex_lock(&pp->mu);
  pp->head = (pp->head + 1) % PIPE_BATCHES;
  pp->count--;
  pthread_cond_signal(&pp->notFull);
  pthread_mutex_unlock(&pp->mu);
}

static void pipe_stop(Pipe *pp) {
  pthread_mutex_lock(&pp->mu);
  pp->stop = 1;
  pthread_cond_signal(&pp->notFull);
  pthread_mutex_unlock(&pp->mu);
}

/* Store one parsed row: its reader-side problems join the list; a valid
 * record is checked against the database and inserted. Only a database
 * failure is returned; data problems are items. */
static int store_row(RegWriter *w, Slot *s, long *pnOk, Err *e) {
  int rc = FZ_OK;
  err_take_items(e, &s->items);
  if (s->ok) {
    rc = reg_writer_store(w, &s->r, s->row, e);
    if (rc == FZ_OK) (*pnOk)++;
  }
  return (rc == FZ_OK || rc == FZ_INVALID || rc == FZ_CONFLICT ||
          rc == FZ_FORBIDDEN || rc == FZ_NOTFOUND)
             ? FZ_OK
             : rc;
}

static int import_rows(Db *db, const Actor *a, const Register *p, TabReader *t,
                       const int *aMap, int nMap, int64_t batch,
                       const ImportOptions *o, long *pnOk, Err *e) {
  Pipe *pp = mem_zalloc(sizeof *pp);
  RegWriter *w = NULL;
  pthread_t th;
  Batch *b;
  long n = 0;
  int i;
  int rc = reg_writer_open(db, a, p, batch, REG_W_BULK, &w, e);
  pthread_mutex_init(&pp->mu, NULL);
  pthread_cond_init(&pp->notEmpty, NULL);
  pthread_cond_init(&pp->notFull, NULL);
  pp->t = t;
  pp->p = p;
  pp->aMap = aMap;
  pp->nMap = nMap;
  pp->nByteTotal = tab_bytes_total(t);
  if (rc == FZ_OK && pthread_create(&th, NULL, reader_main, pp) != 0) {
    rc = err_set(e, FZ_IO, "无法启动导入线程");
  }
  if (rc == FZ_OK) {
    while ((b = pipe_next(pp)) != NULL) {
      for (i = 0; rc == FZ_OK && i < b->n; i++) rc = store_row(w, &b->aSlot[i], pnOk, e);
      if (rc == FZ_OK) rc = reg_writer_flush(w, e); /* before the reader reuses b */
      if (rc != FZ_OK) pipe_stop(pp); /* drain: the reader may be waiting */
      pipe_release(pp, b);
      n += BATCH_ROWS;
      if (o && o->xProgress && n % (16 * BATCH_ROWS) == 0) {
        o->xProgress(pp->nByteRead, pp->nByteTotal, o->pProgressArg);
      }
    }
    pthread_join(th, NULL);
    if (rc == FZ_OK && pp->rcReader != FZ_OK) {
      rc = pp->rcReader;
      err_move(e, &pp->eReader);
    }
  }
  if (rc == FZ_OK && o && o->xProgress) {
    o->xProgress(pp->nByteTotal, pp->nByteTotal, o->pProgressArg);
  }
  /* Rebuilding the indexes also finds duplicates (listed as rows). Only
   * those are items; a malformed file (the reader's FZ_INVALID) must fail
   * the import, not commit the rows read before it. */
  if (rc == FZ_OK) {
    rc = reg_writer_finish(w, e);
    if (rc == FZ_INVALID) rc = FZ_OK; /* listed in e's items */
  }
  reg_writer_close(w);
  for (i = 0; i < PIPE_BATCHES; i++) clear_batch(&pp->aBatch[i]);
  err_clear(&pp->eReader);
  pthread_cond_destroy(&pp->notEmpty);
  pthread_cond_destroy(&pp->notFull);
  pthread_mutex_destroy(&pp->mu);
  mem_free(pp);
  return rc;
}

int regimport_file(Db *db, const Actor *a, const Register *p,
                   const char *zPath, const ImportOptions *o,
                   ImportResult *pRes, Err *e) {
  TabReader *t = NULL;
  RegBatchInfo bi;
  DigestJob dj;
  int *aMap = NULL, nMap = 0, hasRow = 0, began = 0, rc;
  const char *zName = o && o->zName ? o->zName : zPath;
  const char *zBase = strrchr(zName, '/');
  memset(pRes, 0, sizeof *pRes);
  digest_start(&dj, zPath);
  rc = tab_open(&t, zPath, o ? o->zSheet : NULL, e);
  if (rc == FZ_OK) rc = tab_read_row(t, &hasRow, e);
  if (rc == FZ_OK && !hasRow) rc = err_set(e, FZ_INVALID, "文件 %s 是空的：至少需要表头一行", zName);
  if (rc != FZ_OK) goto cleanup;
  snprintf(pRes->zEncoding, sizeof pRes->zEncoding, "%s", tab_encoding(t));
  nMap = tab_nfield(t);
  aMap = mem_alloc(sizeof(int) * (size_t)(nMap ? nMap : 1));
  rc = map_header(p, t, aMap, e);
  if (rc != FZ_OK) goto cleanup;
  rc = db_bulk(db, 1, e);
  if (rc == FZ_OK) rc = db_begin(db, e);
  began = rc == FZ_OK;
  memset(&bi, 0, sizeof bi);
  bi.zFile = zBase ? zBase + 1 : zName;
  bi.zSheet = tab_sheet(t);
  bi.zEncoding = tab_encoding(t);
  bi.zDigest = NULL; /* filled in at the end, from the digest thread */
  if (rc == FZ_OK) rc = reg_batch_begin(db, a, p, &bi, &pRes->batch, e);
  if (rc == FZ_OK) rc = import_rows(db, a, p, t, aMap, nMap, pRes->batch, o, &pRes->nRows, e);
  if (rc == FZ_OK && e->nItem + e->nDropped > 0) rc = FZ_INVALID;
  if (rc == FZ_OK) rc = digest_finish(&dj, e);
  if (rc == FZ_OK && !(o && o->dryRun)) {
    rc = reg_batch_finish(db, a, p, pRes->batch, pRes->nRows, dj.zHex, e);
    if (rc == FZ_OK) {
      rc = db_commit(db, e); /* a failed commit rolls itself back */
      began = 0;
    }
  }
cleanup:
  if (dj.started) digest_finish(&dj, NULL);
  if (began) db_rollback(db);
  if (aMap) db_bulk(db, 0, NULL);
  if (o && o->dryRun) pRes->batch = 0;
  if (rc != FZ_OK) {
    err_sort_items(e);
    pRes->nRows = 0;
    pRes->batch = 0;
    if (e->rc == FZ_OK) {
      err_set(e, FZ_INVALID, "导入失败：发现 %ld 处错误，未导入任何数据",
              (long)(e->nItem + e->nDropped));
    }
  }
  mem_free(aMap);
  tab_close(t);
  return rc;
}
