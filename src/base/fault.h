/* fault.h — fault injection for the tests: FZ_FAULT=alloc:N makes the Nth
 * allocation fail (as a real out-of-memory would: mem.c reports it and the
 * process dies), FZ_FAULT=db:N makes the Nth database call (db.c: prepare,
 * step, script) return an error — FZ_FAULT=db:N:TEXT counts only the calls
 * whose SQL contains TEXT, to aim at one statement — and FZ_FAULT=count
 * reports at exit how many of each the process made. The variable is read once,
 * at startup; unarmed, a check costs one load of a flag. tests/e2e/fault.sh
 * drives it. */
#ifndef FZ_FAULT_H
#define FZ_FAULT_H

typedef enum FaultKind { FAULT_ALLOC, FAULT_DB, FAULT_KIND_COUNT } FaultKind;

/* Read FZ_FAULT; main calls it before anything else (before any thread).
 * A malformed value is a broken test: reported, and the process exits. */
void fault_init(void);

/* Whether this call, the next of kind k, is the one to fail (counted
 * across all threads). zSql: a database call's statement, or NULL. Use
 * through fault_hit, which skips the count when nothing is armed. *pN
 * receives the call's number, for the message. */
int fault_next(FaultKind k, const char *zSql, long *pN);
extern int fault_armed;
#define fault_hit(k, zSql, pN) (fault_armed && fault_next((k), (zSql), (pN)))

/* Database calls on this thread between fault_pause and fault_resume are
 * neither counted nor failed: the recovery path (db_rollback) is not an
 * injection point, as a failed rollback would leave the connection in a
 * transaction no caller could end. Pauses nest. */
void fault_pause(void);
void fault_resume(void);

#endif
