/* file.c — whole-file reads and atomic writes (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int file_read_all(const char *zPath, Str *s, Err *e) {
  char buf[65536];
  size_t n;
  FILE *f = fopen(zPath, "rb");
  if (!f) return err_set(e, FZ_IO, "无法读取文件 %s：%s", zPath, strerror(errno));
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(s, buf, n);
  if (ferror(f)) {
    fclose(f);
    return err_set(e, FZ_IO, "读取文件 %s 失败", zPath);
  }
  fclose(f);
  return str_error(s) ? err_set(e, FZ_IO, "文件 %s 太大", zPath) : FZ_OK;
}

void file_temp_name(const char *zPath, Str *s) {
  str_appendf(s, "%s.tmp-%ld", zPath, (long)getpid());
}

int file_write_atomic(const char *zPath, const char *z, size_t n, Err *e) {
  Str tmp = STR_INIT;
  FILE *f;
  int rc = FZ_OK;
  file_temp_name(zPath, &tmp);
  f = fopen(str_cstr(&tmp), "wb");
  if (!f) {
    rc = err_set(e, FZ_IO, "无法写入文件 %s：%s", zPath, strerror(errno));
    goto cleanup;
  }
  if ((n && fwrite(z, 1, n, f) != n) | (fflush(f) != 0) | (fsync(fileno(f)) != 0)) {
    rc = err_set(e, FZ_IO, "写入文件 %s 失败（磁盘已满？）", zPath);
  }
  if (fclose(f) != 0 && rc == FZ_OK) rc = err_set(e, FZ_IO, "写入文件 %s 失败", zPath);
  if (rc == FZ_OK && rename(str_cstr(&tmp), zPath) != 0) {
    rc = err_set(e, FZ_IO, "无法写入文件 %s：%s", zPath, strerror(errno));
  }
  if (rc != FZ_OK) remove(str_cstr(&tmp));
cleanup:
  str_free(&tmp);
  return rc;
}
