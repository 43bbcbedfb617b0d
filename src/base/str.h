/* str.h — the one string builder: SQL text, JSON, CSV, report output and log
 * lines are all assembled in a Str. A size cap makes runaway output a sticky
 * error checked once at the end (curl's dynbuf), never a crash. */
#ifndef FZ_STR_H
#define FZ_STR_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Str {
  char *z;     /* NUL-terminated when non-NULL; owned by the Str */
  size_t n;    /* bytes used, not counting the NUL */
  size_t cap;  /* bytes allocated */
  size_t max;  /* cap on n; 0 means STR_DEFAULT_MAX */
  int err;     /* sticky: set when an append would pass max */
} Str;

#define STR_DEFAULT_MAX ((size_t)1 << 30)
#define STR_INIT {0, 0, 0, 0, 0}

void str_init(Str *s, size_t max);
void str_append(Str *s, const char *z, size_t n);
void str_puts(Str *s, const char *z);
void str_putc(Str *s, char c);
void str_appendf(Str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void str_vappendf(Str *s, const char *fmt, va_list ap);
const char *str_cstr(const Str *s);   /* "" when empty; owned by the Str */
char *str_detach(Str *s);             /* caller frees; the Str is reset */
void str_reset(Str *s);               /* empty it, keep the memory */
void str_truncate(Str *s, size_t n);
void str_free(Str *s);
int str_error(const Str *s);          /* non-zero once the cap was hit */

#endif
