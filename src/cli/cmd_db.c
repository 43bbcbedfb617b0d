/* cmd_db.c — commands about the database itself: init and version. */
#include "../io/demo.h"
#include "../store/schema.h"
#include "commands.h"
#include "fz_config.h"

int cmd_init(Cli *cli) {
  int version = 0;
  int rc = schema_version(cli->db, &version, cli->e);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "数据库 %s 已就绪（结构版本 %d）\n", cli->zDb, version);
  return FZ_OK;
}

/* The binary's version, and the schema version it writes; with a database
 * at hand, that database's version too. */
int cmd_version(Cli *cli) {
  Db *db = NULL;
  Err e = ERR_INIT;
  int version = 0;
  fprintf(cli->out, "fazhi %s（数据库结构版本 %d）\n", FZ_VERSION,
          schema_latest());
  if (db_open(&db, cli->zDb, DB_READONLY, &e) == FZ_OK &&
      schema_version(db, &version, &e) == FZ_OK) {
    fprintf(cli->out, "数据库 %s：结构版本 %d\n", cli->zDb, version);
  }
  db_close(db);
  err_clear(&e);
  return FZ_OK;
}

static void demo_line(const char *zMsg, void *pArg) {
  fprintf((FILE *)pArg, "  %s\n", zMsg);
}

/* The demo county, through the import path, into a new database. */
int cmd_demo(Cli *cli) {
  Actor a = {cli->zUser, NULL, 1};
  const char *zData = cli_opt(cli, "data");
  int rc;
  fprintf(cli->out, "装入演示数据（泽库县 2023、2024 年）到 %s：\n", cli->zDb);
  rc = demo_load(cli->db, &a, zData ? zData : "data", demo_line, cli->out, cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "完成。\n");
  return rc;
}
