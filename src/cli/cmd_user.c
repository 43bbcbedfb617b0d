/* cmd_user.c — user administration from the command line (the machine's
 * operator acts as the system): add, list, passwd, disable. Passwords are
 * read from standard input, never from the command line (which other
 * users of the machine can see), without echo on a terminal. */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../domain/auth.h"
#include "../store/users.h"
#include "commands.h"

/* The first line of --password-file, or one line from stdin (without
 * echo on a terminal), into zBuf without its newline. */
static int read_password(Cli *cli, const char *zPrompt, char *zBuf, size_t n) {
  struct termios old, quiet;
  const char *zFile = cli_opt(cli, "password-file");
  int tty = !zFile && isatty(0), ok;
  size_t len;
  if (zFile) {
    FILE *f = fopen(zFile, "r");
    if (!f) return err_set(cli->e, FZ_IO, "无法读取密码文件 %s", zFile);
    ok = fgets(zBuf, (int)n, f) != NULL;
    fclose(f);
    if (!ok) return err_set(cli->e, FZ_USAGE, "密码文件 %s 是空的", zFile);
    len = strlen(zBuf);
    while (len && (zBuf[len - 1] == '\n' || zBuf[len - 1] == '\r')) zBuf[--len] = 0;
    return FZ_OK;
  }
  if (tty) {
    fputs(zPrompt, stderr);
    tcgetattr(0, &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(0, TCSANOW, &quiet);
  }
  ok = fgets(zBuf, (int)n, stdin) != NULL;
  if (tty) {
    tcsetattr(0, TCSANOW, &old);
    fputc('\n', stderr);
  }
  if (!ok) return err_set(cli->e, FZ_USAGE, "请从标准输入提供密码（一行）");
  len = strlen(zBuf);
  while (len && (zBuf[len - 1] == '\n' || zBuf[len - 1] == '\r')) zBuf[--len] = 0;
  return FZ_OK;
}

int cmd_user_add(Cli *cli) {
  char zPw[256];
  int rc;
  const char *zScope = cli_opt(cli, "scope") ? cli_opt(cli, "scope") : cli_opt(cli, "org");
  if (!cli_opt(cli, "role") || !zScope) {
    return err_set(cli->e, FZ_USAGE, "请用 --role 和 --scope（或 --org）指定角色和管辖机构");
  }
  rc = read_password(cli, "新用户的密码：", zPw, sizeof zPw);
  if (rc == FZ_OK) {
    rc = auth_user_add(cli->db, NULL, cli->azArg[0], cli_opt(cli, "display"),
                       cli_opt(cli, "role"), cli_opt(cli, "registers"), zScope, zPw, cli->e);
  }
  memset(zPw, 0, sizeof zPw);
  if (rc == FZ_OK) fprintf(cli->out, "已添加用户 %s\n", cli->azArg[0]);
  return rc;
}

int cmd_user_passwd(Cli *cli) {
  char zPw[256];
  int rc = read_password(cli, "新密码：", zPw, sizeof zPw);
  if (rc == FZ_OK) rc = auth_password_set(cli->db, NULL, cli->azArg[0], zPw, cli->e);
  memset(zPw, 0, sizeof zPw);
  if (rc == FZ_OK) fprintf(cli->out, "已修改 %s 的密码，其所有会话已失效\n", cli->azArg[0]);
  return rc;
}

int cmd_user_disable(Cli *cli) {
  int rc = auth_user_disable(cli->db, NULL, cli->azArg[0], cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "已停用用户 %s\n", cli->azArg[0]);
  return rc;
}

static int user_row(const UserRow *u, void *pArg) {
  Cli *cli = pArg;
  const AuthRole *r = auth_role_find(u->zRole);
  fprintf(cli->out, "%-16s %-10s %-18s %s%s%s%s\n", u->zName, u->zDisplay,
          r ? r->zLabel : u->zRole, u->zScope, u->zRegisters ? "  可编辑：" : "",
          u->zRegisters ? u->zRegisters : "", u->disabled ? "  （已停用）" : "");
  return FZ_OK;
}

int cmd_user_list(Cli *cli) {
  return users_list(cli->db, user_row, cli, cli->e);
}
