/* mem.h — allocation wrappers. They never return NULL: running out of memory
 * is not an error a caller can handle here, so they report it and abort
 * (the Fossil fossil_malloc convention). Everything they return is freed with
 * mem_free (or free). */
#ifndef FZ_MEM_H
#define FZ_MEM_H

#include <stddef.h>

void *mem_alloc(size_t n);              /* uninitialised, n may be 0 */
void *mem_zalloc(size_t n);             /* zero-filled */
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *z);        /* NULL in, NULL out */
char *mem_strndup(const char *z, size_t n); /* copies n bytes, adds a NUL */
void mem_free(void *p);

#endif
