/* str.c — the string builder (see str.h). */
#include "str.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

void str_init(Str *s, size_t max) {
  memset(s, 0, sizeof *s);
  s->max = max;
}

/* Make room for n more bytes plus the NUL; returns 0 when the cap forbids. */
static int str_grow(Str *s, size_t n) {
  size_t max = s->max ? s->max : STR_DEFAULT_MAX;
  size_t need;
  if (s->err) return 0;
  if (n > max || s->n > max - n) {
    s->err = 1;
    return 0;
  }
  need = s->n + n + 1;
  if (need > s->cap) {
    size_t cap = s->cap ? s->cap : 64;
    while (cap < need) cap *= 2;
    s->z = mem_realloc(s->z, cap);
    s->cap = cap;
  }
  return 1;
}

void str_append(Str *s, const char *z, size_t n) {
  if (!str_grow(s, n)) return;
  if (n) memcpy(s->z + s->n, z, n);
  s->n += n;
  s->z[s->n] = 0;
}

void str_puts(Str *s, const char *z) {
  str_append(s, z, strlen(z));
}

void str_putc(Str *s, char c) {
  str_append(s, &c, 1);
}

void str_appendf(Str *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  str_vappendf(s, fmt, ap);
  va_end(ap);
}

/* Format straight into the spare capacity; only when it does not fit,
 * grow and format again (most appends fit, so one vsnprintf). */
void str_vappendf(Str *s, const char *fmt, va_list ap) {
  va_list ap2;
  size_t avail = s->cap > s->n ? s->cap - s->n : 0;
  size_t max = s->max ? s->max : STR_DEFAULT_MAX;
  int n;
  if (s->err) return;
  va_copy(ap2, ap);
  n = vsnprintf(avail ? s->z + s->n : NULL, avail, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  if ((size_t)n < avail && s->n + (size_t)n <= max) {
    s->n += (size_t)n;
    return;
  }
  if (avail) s->z[s->n] = 0; /* undo a partial write */
  if (!str_grow(s, (size_t)n)) return;
  vsnprintf(s->z + s->n, (size_t)n + 1, fmt, ap);
  s->n += (size_t)n;
}

const char *str_cstr(const Str *s) {
  return s->z ? s->z : "";
}

char *str_detach(Str *s) {
  char *z = s->z ? s->z : mem_strdup("");
  size_t max = s->max;
  str_init(s, max);
  return z;
}

void str_reset(Str *s) {
  s->n = 0;
  s->err = 0;
  if (s->z) s->z[0] = 0;
}

void str_truncate(Str *s, size_t n) {
  if (n < s->n) {
    s->n = n;
    s->z[n] = 0;
  }
}

void str_free(Str *s) {
  mem_free(s->z);
  str_init(s, s->max);
}

int str_error(const Str *s) {
  return s->err;
}
