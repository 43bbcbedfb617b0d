/* file.h — whole-file reads and atomic writes: a file written here either
 * appears complete under its name or not at all (temp file, fsync, rename),
 * so a failed report or export leaves no half file behind. */
#ifndef FZ_FILE_H
#define FZ_FILE_H

#include <stddef.h>

#include "err.h"
#include "str.h"

/* Read all of zPath into s (appended). FZ_IO with a Chinese message. */
int file_read_all(const char *zPath, Str *s, Err *e);

/* Write n bytes to zPath atomically. */
int file_write_atomic(const char *zPath, const char *z, size_t n, Err *e);

/* A temporary name beside zPath for writers that build files themselves
 * (libzip, libxlsxwriter): zPath + ".tmp-" + pid. */
void file_temp_name(const char *zPath, Str *s);

#endif
