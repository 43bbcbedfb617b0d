/* writer.h — one write transaction at a time per database file inside this
 * process. SQLite admits one writer anyway; queueing here replaces its busy
 * handler's sleeping back-off (a create p99 near 1 s under 64 concurrent
 * writers) with a wait in line. Other processes still meet the busy timeout. */
#ifndef FZ_WRITER_H
#define FZ_WRITER_H

typedef struct WriterGate WriterGate;

/* The gate of the file named zName, shared by every connection to it in
 * this process and never freed; NULL when the (small) table is full. */
WriterGate *writer_gate(const char *zName);

/* Wait up to timeoutMs for the gate. Returns 1 when inside (then
 * writer_leave once), 0 on timeout or no gate: go on without it. */
int writer_enter(WriterGate *g, int timeoutMs);
void writer_leave(WriterGate *g);

#endif
