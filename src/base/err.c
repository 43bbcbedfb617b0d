/* err.c — the error context (see err.h). */
#include "err.h"

#include <string.h>

#include "mem.h"
#include "str.h"

void err_init(Err *e) {
  memset(e, 0, sizeof *e);
}

void err_clear(Err *e) {
  int i;
  for (i = 0; i < e->nItem; i++) {
    mem_free(e->aItem[i].column);
    mem_free(e->aItem[i].value);
    mem_free(e->aItem[i].msg);
  }
  mem_free(e->aItem);
  mem_free(e->msg);
  mem_free(e->field);
  err_init(e);
}

int err_vset(Err *e, int rc, long row, const char *field, const char *fmt,
             va_list ap) {
  Str s = STR_INIT;
  if (!e || e->rc != FZ_OK) return rc;
  str_vappendf(&s, fmt, ap);
  e->rc = rc;
  e->msg = str_detach(&s);
  e->row = row;
  e->field = mem_strdup(field);
  return rc;
}

int err_set(Err *e, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, rc, 0, NULL, fmt, ap);
  va_end(ap);
  return rc;
}

int err_set_at(Err *e, int rc, long row, const char *field, const char *fmt,
               ...) {
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, rc, row, field, fmt, ap);
  va_end(ap);
  return rc;
}

void err_add_item(Err *e, long row, const char *column, const char *value,
                  const char *fmt, ...) {
  ErrItem *it;
  Str s = STR_INIT;
  va_list ap;
  if (e->nItem >= ERR_MAX_ITEMS) {
    e->nDropped++;
    return;
  }
  if (e->nItem == e->nAlloc) {
    e->nAlloc = e->nAlloc ? e->nAlloc * 2 : 8;
    e->aItem = mem_realloc(e->aItem, sizeof(ErrItem) * (size_t)e->nAlloc);
  }
  va_start(ap, fmt);
  str_vappendf(&s, fmt, ap);
  va_end(ap);
  it = &e->aItem[e->nItem++];
  it->row = row;
  it->column = mem_strdup(column);
  it->value = mem_strdup(value);
  it->msg = str_detach(&s);
}

void err_take_items(Err *dst, Err *src) {
  int i;
  for (i = 0; i < src->nItem; i++) {
    ErrItem *it = &src->aItem[i];
    if (dst->nItem >= ERR_MAX_ITEMS) {
      dst->nDropped++;
      mem_free(it->column);
      mem_free(it->value);
      mem_free(it->msg);
      continue;
    }
    if (dst->nItem == dst->nAlloc) {
      dst->nAlloc = dst->nAlloc ? dst->nAlloc * 2 : 8;
      dst->aItem = mem_realloc(dst->aItem, sizeof(ErrItem) * (size_t)dst->nAlloc);
    }
    dst->aItem[dst->nItem++] = *it;
  }
  dst->nDropped += src->nDropped;
  src->nItem = 0;
  src->nDropped = 0;
}

void err_sort_items(Err *e) {
  int i, j;
  /* insertion sort: stable, and the list is short (ERR_MAX_ITEMS) and
   * nearly in order already */
  for (i = 1; i < e->nItem; i++) {
    ErrItem it = e->aItem[i];
    for (j = i; j > 0 && e->aItem[j - 1].row > it.row; j--) {
      e->aItem[j] = e->aItem[j - 1];
    }
    e->aItem[j] = it;
  }
}

void err_prefix(Err *e, const char *fmt, ...) {
  Str s = STR_INIT;
  va_list ap;
  if (!e || e->rc == FZ_OK) return;
  va_start(ap, fmt);
  str_vappendf(&s, fmt, ap);
  va_end(ap);
  str_puts(&s, err_msg(e));
  mem_free(e->msg);
  e->msg = str_detach(&s);
}

void err_move(Err *dst, Err *src) {
  if (dst->rc == FZ_OK && src->rc != FZ_OK) {
    err_set_at(dst, src->rc, src->row, src->field, "%s", err_msg(src));
  }
  err_clear(src);
}

const char *err_rc_name(int rc) {
  static const char *const azName[FZ_RC_COUNT] = {
      "ok",        "invalid", "not_found", "conflict",
      "forbidden", "usage",   "io",        "db"};
  return (rc >= 0 && rc < FZ_RC_COUNT) ? azName[rc] : "unknown";
}

const char *err_msg(const Err *e) {
  return e->msg ? e->msg : "";
}
