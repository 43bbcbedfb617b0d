/* cmd_backup.c — `fazhi backup -o FILE`, a consistent copy of the database
 * taken while the server keeps writing, and `fazhi restore FILE`, a copy
 * put back as the --db database: thin adapters over db_backup that add the
 * checks which make a restore safe (a fazhi database, a schema this binary
 * opens, intact, nothing overwritten without --force). */
#include <string.h>
#include <sys/stat.h>

#include "../store/schema.h"
#include "commands.h"

/* Restore's guidance for PostgreSQL: pg_restore, the URL without its
 * password. */
static int pg_restore_guidance(const char *zUrl, const char *zFile, Err *e) {
  Str url = STR_INIT;
  int rc;
  db_name_redacted(zUrl, &url);
  rc = err_set(e, FZ_USAGE,
               "PostgreSQL 数据库请用 pg_restore 恢复 pg_dump 的备份：\n"
               "  pg_restore --clean --dbname='%s' '%s'",
               str_cstr(&url), zFile);
  str_free(&url);
  return rc;
}

static int is_pg_url(const char *zName) {
  return strncmp(zName, "postgresql://", 13) == 0 || strncmp(zName, "postgres://", 11) == 0;
}

static long long file_size(const char *zPath) {
  struct stat sb;
  return stat(zPath, &sb) == 0 ? (long long)sb.st_size : -1;
}

int cmd_backup(Cli *cli) {
  const char *zOut = cli_opt(cli, "output");
  int force = cli_opt(cli, "force") != NULL;
  struct stat sb;
  int rc;
  if (!zOut) return err_set(cli->e, FZ_USAGE, "请用 -o FILE 指定备份文件");
  if (strcmp(zOut, cli->zDb) == 0) {
    return err_set(cli->e, FZ_USAGE, "备份文件不能是数据库 %s 本身", cli->zDb);
  }
  if (!force && stat(zOut, &sb) == 0 && !is_pg_url(cli->zDb)) {
    return err_set(cli->e, FZ_CONFLICT, "备份文件 %s 已存在；要覆盖请加 --force", zOut);
  }
  rc = db_backup(cli->db, zOut, force, cli->e);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "已将数据库 %s 备份到 %s（%lld 字节，完整性检查通过）\n", cli->zDb, zOut,
          file_size(zOut));
  return FZ_OK;
}

/* Open a backup file read-only and check it is an intact fazhi database
 * whose schema this binary can open (older ones are upgraded on use). */
static int open_backup(const char *zFile, Db **pDb, int *pVersion, Err *e) {
  struct stat sb;
  int rc;
  *pDb = NULL;
  if (stat(zFile, &sb) != 0) return err_set(e, FZ_NOTFOUND, "备份文件 %s 不存在", zFile);
  rc = db_open(pDb, zFile, DB_READONLY, e);
  if (rc == FZ_OK) rc = schema_version(*pDb, pVersion, e);
  if (rc == FZ_OK && *pVersion <= 0) {
    rc = err_set(e, FZ_INVALID, "文件 %s 是 SQLite 数据库，但不是 fazhi 数据库（没有结构版本）",
                 zFile);
  } else if (rc == FZ_OK && *pVersion > schema_latest()) {
    rc = err_set(e, FZ_CONFLICT,
                 "备份文件 %s 由更新版本的 fazhi 写入（结构版本 %d，本程序最高为 %d），请先升级 fazhi",
                 zFile, *pVersion, schema_latest());
  }
  if (rc == FZ_OK) {
    rc = db_integrity_check(*pDb, e);
    if (rc != FZ_OK) err_prefix(e, "备份文件 %s 已损坏：", zFile);
  }
  if (rc != FZ_OK) {
    db_close(*pDb);
    *pDb = NULL;
  }
  return rc;
}

int cmd_restore(Cli *cli) {
  const char *zFile = cli->azArg[0];
  int force = cli_opt(cli, "force") != NULL, version = 0, rc;
  Db *src = NULL;
  struct stat sb;
  if (is_pg_url(cli->zDb)) return pg_restore_guidance(cli->zDb, zFile, cli->e);
  if (strcmp(zFile, cli->zDb) == 0) {
    return err_set(cli->e, FZ_USAGE, "备份文件和要恢复的数据库是同一个文件 %s", zFile);
  }
  if (!force && stat(cli->zDb, &sb) == 0) {
    return err_set(cli->e, FZ_CONFLICT,
                   "数据库 %s 已存在；恢复会替换其中的全部数据，确认请加 --force", cli->zDb);
  }
  rc = open_backup(zFile, &src, &version, cli->e);
  if (rc == FZ_OK) rc = db_backup(src, cli->zDb, force, cli->e);
  db_close(src);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "已从 %s 恢复数据库 %s（结构版本 %d，完整性检查通过）\n", zFile, cli->zDb,
          version);
  return FZ_OK;
}
