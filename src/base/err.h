/* err.h — the one error convention. A fallible function returns an int rc
 * (FZ_OK or one of the codes below) and writes its message, in Chinese for
 * users, into the caller's Err; the first error sticks (SQLite's sqlite3_str).
 * A batch (an import) also lists every problem it found, row by row. */
#ifndef FZ_ERR_H
#define FZ_ERR_H

#include <stdarg.h>

enum {
  FZ_OK = 0,
  FZ_INVALID,   /* bad input: a value, a field, a row, a file's content */
  FZ_NOTFOUND,  /* no such record, command, file or org */
  FZ_CONFLICT,  /* already exists, duplicate, or a newer schema */
  FZ_FORBIDDEN, /* outside the user's scope or role */
  FZ_USAGE,     /* wrong command line or API call */
  FZ_IO,        /* the file system said no */
  FZ_DB,        /* the database said no */
  FZ_RC_COUNT
};

/* One problem of a batch: where it is and what is wrong. */
typedef struct ErrItem {
  long row;     /* 1-based row in the input, 0 when not row-based */
  char *column; /* column header or field name, or NULL */
  char *value;  /* the offending value, or NULL */
  char *msg;    /* what is wrong, in Chinese */
} ErrItem;

typedef struct Err {
  int rc;        /* first error's code; FZ_OK when none */
  char *msg;     /* first error's message; NULL when none */
  char *field;   /* field or column at fault, or NULL */
  long row;      /* 1-based input row at fault, 0 when none */
  ErrItem *aItem; /* every problem of a batch, in input order */
  int nItem, nAlloc;
  long nDropped; /* problems past ERR_MAX_ITEMS, counted but not kept */
} Err;

#define ERR_MAX_ITEMS 1000
#define ERR_INIT {0, 0, 0, 0, 0, 0, 0, 0}

void err_init(Err *e);
void err_clear(Err *e); /* frees everything and resets to FZ_OK */

/* Record an error unless one is already recorded; returns rc either way so a
 * caller can write `return err_set(e, FZ_INVALID, "...")`. */
int err_set(Err *e, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int err_set_at(Err *e, int rc, long row, const char *field, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));
int err_vset(Err *e, int rc, long row, const char *field, const char *fmt,
             va_list ap);

/* Append one problem to the batch list (does not touch rc or msg). */
void err_add_item(Err *e, long row, const char *column, const char *value,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Move src's listed problems to the end of dst's list (within its cap) and
 * leave src empty; src's first error is not moved. */
void err_take_items(Err *dst, Err *src);

/* Order the batch list by row (stable), for problems found out of order
 * (duplicates are found when an import's indexes are rebuilt). */
void err_sort_items(Err *e);

/* Put context before a recorded message ("导入第3行：" + message); no-op
 * when there is no error. */
void err_prefix(Err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Move the first error of src into dst (if dst has none) and free src. */
void err_move(Err *dst, Err *src);

const char *err_rc_name(int rc);   /* "invalid", "not_found", ... */
const char *err_msg(const Err *e); /* message or "" */

#endif
