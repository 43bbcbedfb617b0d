/* cmd_db.c — commands about the database itself: init and version. */
#include <sodium.h>

#include "../domain/auth.h"
#include <string.h>

#include "../domain/regstore.h"
#include "../io/demo.h"
#include "../io/migrate.h"
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

/* A fresh random password: 16 characters, easy to read aloud. */
static void demo_password(char zOut[17]) {
  static const char az[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  int i;
  for (i = 0; i < 16; i++) zOut[i] = az[randombytes_uniform(sizeof az - 1)];
  zOut[16] = 0;
}

/* One user per role, each with a new password printed once. */
static int demo_users(Cli *cli) {
  static const struct {
    const char *zName, *zDisplay, *zRole, *zRegisters, *zScope;
  } aUser[] = {
      {"admin", "系统管理员", "admin", NULL, "632323000000"},
      {"leader", "局领导", "leader", NULL, "632323000000"},
      {"clerk", "法治督察科", "clerk", NULL, "632323000000"},
      {"fuyi", "行政复议应诉科", "editor", "reconsideration,litigation", "632323000000"},
      {"zequ", "泽曲镇司法所", "township", NULL, "632323100000"},
      {"huangnan", "黄南州司法局", "reader", NULL, "632300000000"},
  };
  size_t i;
  int rc = FZ_OK;
  if (sodium_init() < 0) return err_set(cli->e, FZ_IO, "libsodium 初始化失败");
  fprintf(cli->out, "演示用户（密码只显示这一次）：\n");
  for (i = 0; i < sizeof aUser / sizeof aUser[0] && rc == FZ_OK; i++) {
    char zPw[17];
    const AuthRole *r = auth_role_find(aUser[i].zRole);
    demo_password(zPw);
    rc = auth_user_add(cli->db, NULL, aUser[i].zName, aUser[i].zDisplay, aUser[i].zRole,
                       aUser[i].zRegisters, aUser[i].zScope, zPw, cli->e);
    if (rc == FZ_OK) {
      fprintf(cli->out, "  %-10s %-8s %-14s %s  密码 %s\n", aUser[i].zName, r->zLabel,
              aUser[i].zScope, aUser[i].zDisplay, zPw);
    }
    sodium_memzero(zPw, sizeof zPw);
  }
  return rc;
}

/* The demo county, through the import path, into a new database. */
int cmd_demo(Cli *cli) {
  Actor a = {cli->zUser, NULL, 0};
  const char *zData = cli_opt(cli, "data");
  int rc;
  fprintf(cli->out, "装入演示数据（泽库县 2023、2024 年）到 %s：\n", cli->zDb);
  rc = demo_load(cli->db, &a, zData ? zData : "data", demo_line, cli->out, cli->e);
  if (rc == FZ_OK) rc = demo_users(cli);
  if (rc == FZ_OK) fprintf(cli->out, "完成。\n");
  return rc;
}

/* `fazhi migrate --from DB --to DB`: one county's whole history, either
 * way between a county's SQLite file and a shared PostgreSQL database. */
int cmd_migrate(Cli *cli) {
  const char *zFrom = cli_opt(cli, "from"), *zTo = cli_opt(cli, "to");
  Db *src = NULL, *dst = NULL;
  MigrateOptions o;
  MigrateResult res;
  int rc;
  if (!zFrom || !zTo) return err_set(cli->e, FZ_USAGE, "请用 --from 和 --to 指定源数据库和目标数据库");
  if (strcmp(zFrom, zTo) == 0) return err_set(cli->e, FZ_USAGE, "源数据库和目标数据库相同");
  memset(&o, 0, sizeof o);
  o.zOrg = cli_opt(cli, "org");
  o.replace = cli_opt(cli, "replace") != NULL;
  o.zActor = cli->zUser;
  rc = reg_open_db(&src, zFrom, 0, cli->e);
  if (rc == FZ_OK) rc = reg_open_db(&dst, zTo, DB_CREATE, cli->e);
  if (rc == FZ_OK) rc = migrate_county(src, dst, &o, &res, cli->e);
  if (rc == FZ_OK && res.already) {
    fprintf(cli->out, "机构 %s 的这份历史已经迁移过，未作任何更改\n", res.zCounty);
  } else if (rc == FZ_OK) {
    fprintf(cli->out,
            "已迁移机构 %s：%lld 条记录、%lld 个导入批次、%lld 个用户、%lld 份审定快照、%lld 条审计日志"
            "（在目标数据库中重新接续成链）\n",
            res.zCounty, (long long)res.nRecords, (long long)res.nBatches, (long long)res.nUsers,
            (long long)res.nSnapshots, (long long)res.nAudit);
    if (res.nCalendars > 0) {
      fprintf(cli->out, "另有 %lld 份节假日安排随之迁移\n", (long long)res.nCalendars);
    }
  }
  db_close(src);
  db_close(dst);
  return rc;
}
