/* regstore.h — batch writing for the register engine: one prepared insert
 * reused for every row of an import, with the same checks reg_insert makes.
 * reg_insert itself is a writer of one. */
#ifndef FZ_REGSTORE_H
#define FZ_REGSTORE_H

#include "reg.h"

typedef struct RegWriter RegWriter;

/* Writer flags */
#define REG_W_AUDIT 0x01 /* an audit row per record (single writes); an
                            import audits its batch as a whole instead */
#define REG_W_BULK 0x02  /* a large import: into a small table, rebuild the
                            secondary indexes at the end (reg_writer_finish) */

/* batch: the import_batch id each record remembers (0 for none). Runs
 * inside the caller's transaction. */
int reg_writer_open(Db *db, const Actor *a, const Register *p, int64_t batch,
                    int flags, RegWriter **ppW, Err *e);

/* Validate r and insert it. With row > 0 every problem is listed in e's
 * items under that row and FZ_INVALID is returned without writing; with
 * row == 0 the first problem is the error. Database failures are returned
 * as they are. */
int reg_writer_insert(RegWriter *w, Record *r, long row, Err *e);
/* The same for a record that already passed reg_validate (an import
 * validates on its reader thread): the database checks and the insert. */
int reg_writer_store(RegWriter *w, Record *r, long row, Err *e);
/* Bulk mode may hold stored records back to insert several at once:
 * write them now. The caller calls this before it frees or changes a
 * record it passed to reg_writer_store (reg_writer_finish flushes too). */
int reg_writer_flush(RegWriter *w, Err *e);
/* Before the caller commits: rebuild what bulk mode dropped, and add the
 * records written to the kept figures (kept.h). A writer closed without
 * finishing must see its transaction rolled back. */
int reg_writer_finish(RegWriter *w, Err *e);
void reg_writer_close(RegWriter *w);

/* An import batch: where the records came from. Each record keeps its
 * batch and row; the batch itself is audited once, with the file's BLAKE2b digest
 * and the record count, when it is finished (auditing a million rows one by
 * one would double an import's cost and prove no more than the file does). */
typedef struct RegBatchInfo {
  const char *zFile;
  const char *zSheet;    /* NULL for CSV */
  const char *zEncoding; /* "UTF-8", "GB18030", "XLSX", … */
  const char *zDigest;   /* BLAKE2b-512 of the file, hex (b2sum); may come
                            at reg_batch_finish instead */
} RegBatchInfo;

/* The audit log files each batch under this name with the batch's id. */
#define REG_BATCH_AUDIT "import_batch"

/* Inside the caller's transaction: open a batch and return its id. */
int reg_batch_begin(Db *db, const Actor *a, const Register *p,
                    const RegBatchInfo *b, int64_t *pId, Err *e);
/* Record the count (and the digest, when given now) and write the batch's
 * audit row. */
int reg_batch_finish(Db *db, const Actor *a, const Register *p, int64_t id,
                     int64_t nRows, const char *zDigest, Err *e);

#endif
