/* cli.c — the command dispatcher: global options, command lookup, option
 * and argument checks, opening the database, and turning an rc into a
 * message and an exit status. Handlers never parse argv themselves. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../domain/reg.h"
#include "commands.h"

#define CLI_DEFAULT_DB "./fazhi.db"

int cli_exit_code(int rc) {
  switch (rc) {
  case FZ_OK: return 0;
  case FZ_USAGE: return 2;
  case FZ_IO:
  case FZ_DB: return 3;
  default: return 1;
  }
}

void cli_print_error(const Err *e) {
  int i;
  fprintf(stderr, "错误：%s\n", err_msg(e));
  for (i = 0; i < e->nItem; i++) {
    const ErrItem *it = &e->aItem[i];
    Str s = STR_INIT;
    if (it->row > 0) str_appendf(&s, "第%ld行", it->row);
    /* A message that starts with its field's label says the column itself. */
    if (it->column && strncmp(it->msg, it->column, strlen(it->column)) != 0)
      str_appendf(&s, "%s列“%s”", s.n ? "，" : "", it->column);
    if (it->value) str_appendf(&s, "%s值“%s”", s.n ? "，" : "", it->value);
    fprintf(stderr, "  %s%s%s\n", str_cstr(&s), s.n ? "：" : "", it->msg);
    str_free(&s);
  }
  if (e->nDropped > 0) {
    fprintf(stderr, "  ……另有 %ld 处错误未列出\n", e->nDropped);
  }
}

/* The command named by the first one or two words of azWord; *pnWord says
 * how many words it used. */
static const CliCommand *cli_find(int nWord, char **azWord, int *pnWord) {
  int i;
  for (i = 0; nWord >= 2 && i < cli_ncommand; i++) {
    const char *z = cli_commands[i].zName;
    size_t n0 = strlen(azWord[0]);
    if (strncmp(z, azWord[0], n0) == 0 && z[n0] == ' ' &&
        strcmp(z + n0 + 1, azWord[1]) == 0) {
      *pnWord = 2;
      return &cli_commands[i];
    }
  }
  for (i = 0; nWord >= 1 && i < cli_ncommand; i++) {
    if (strcmp(cli_commands[i].zName, azWord[0]) == 0) {
      *pnWord = 1;
      return &cli_commands[i];
    }
  }
  return NULL;
}

static void cli_usage_line(FILE *f, const CliCommand *c) {
  const CliOpt *o;
  fprintf(f, "用法：fazhi %s", c->zName);
  for (o = c->aOpt; o && o->zName; o++) {
    fprintf(f, o->zValue ? " [--%s %s]" : " [--%s]", o->zName, o->zValue);
  }
  fprintf(f, "%s%s\n", c->zArgs[0] ? " " : "", c->zArgs);
}

static void cli_command_help(FILE *f, const CliCommand *c) {
  const CliOpt *o;
  cli_usage_line(f, c);
  fprintf(f, "\n%s\n", c->zSummary);
  if (c->zHelp) fprintf(f, "\n%s\n", c->zHelp);
  if (c->aOpt && c->aOpt[0].zName) fprintf(f, "\n选项：\n");
  for (o = c->aOpt; o && o->zName; o++) {
    Str s = STR_INIT;
    str_appendf(&s, "--%s%s%s", o->zName, o->zValue ? " " : "",
                o->zValue ? o->zValue : "");
    fprintf(f, "  %-18s %s\n", str_cstr(&s), o->zHelp);
    str_free(&s);
  }
}

static void cli_general_help(FILE *f) {
  int i;
  fprintf(f,
          "fazhi — 县司法局法治政府建设工作系统\n\n"
          "用法：fazhi [--db PATH] COMMAND [选项] [参数]\n\n"
          "命令：\n");
  for (i = 0; i < cli_ncommand; i++) {
    fprintf(f, "  %-14s %s\n", cli_commands[i].zName, cli_commands[i].zSummary);
  }
  fprintf(f,
          "\n全局选项：\n"
          "  --db PATH      数据库文件（默认 %s，也可用环境变量 FAZHI_DB）\n"
          "  --help, -h     显示帮助；fazhi help COMMAND 显示某个命令的用法\n\n"
          "退出状态：0 成功；1 数据有误；2 用法错误；3 文件或数据库错误。\n",
          CLI_DEFAULT_DB);
}

/* Say which commands start with this word ("org" → org import, org list). */
static int cli_unknown_command(int nWord, char **azWord, Err *e) {
  Str s = STR_INIT;
  size_t n = strlen(azWord[0]);
  int i, rc;
  for (i = 0; i < cli_ncommand; i++) {
    const char *z = cli_commands[i].zName;
    if (strncmp(z, azWord[0], n) == 0 && z[n] == ' ') {
      str_appendf(&s, "%s%s", s.n ? "、" : "", z);
    }
  }
  if (s.n) {
    rc = err_set(e, FZ_USAGE, "未知命令“%s%s%s”；可用的有：%s", azWord[0],
                 nWord > 1 ? " " : "", nWord > 1 ? azWord[1] : "",
                 str_cstr(&s));
  } else {
    rc = err_set(e, FZ_USAGE, "未知命令“%s”；运行 fazhi --help 查看命令列表",
                 azWord[0]);
  }
  str_free(&s);
  return rc;
}

int cmd_help(Cli *cli) {
  int nUsed = 0;
  const CliCommand *c;
  if (cli->nArg == 0) {
    cli_general_help(cli->out);
    return FZ_OK;
  }
  c = cli_find(cli->nArg, cli->azArg, &nUsed);
  if (!c || nUsed != cli->nArg) {
    return cli_unknown_command(cli->nArg, cli->azArg, cli->e);
  }
  cli_command_help(cli->out, c);
  return FZ_OK;
}

const char *cli_opt(const Cli *cli, const char *zName) {
  const CliOpt *o = cli->pCmd->aOpt;
  int i;
  for (i = 0; o && o[i].zName; i++) {
    if (strcmp(o[i].zName, zName) == 0) return cli->azOpt[i];
  }
  return NULL;
}

/* Split a command's words into options (checked against its table) and
 * positional arguments, in place. */
static int cli_parse_options(Cli *cli, int nWord, char **azWord, Err *e) {
  const CliOpt *aOpt = cli->pCmd->aOpt;
  int i, j, nArg = 0, onlyArgs = 0;
  for (i = 0; i < nWord; i++) {
    char *z = azWord[i];
    const char *zEq;
    size_t n;
    if (!onlyArgs && strcmp(z, "--") == 0) {
      onlyArgs = 1;
      continue;
    }
    if (onlyArgs || z[0] != '-' || z[1] == 0 || (z[1] == '-' && z[2] == 0)) {
      azWord[nArg++] = z;
      continue;
    }
    if (z[1] != '-') { /* a one-letter option: "-o" */
      for (j = 0; aOpt && aOpt[j].zName; j++) {
        if (z[2] == 0 && aOpt[j].cShort == z[1]) break;
      }
      if (!aOpt || !aOpt[j].zName) {
        return err_set(e, FZ_USAGE, "未知选项“%s”；运行 fazhi help %s 查看用法", z,
                       cli->pCmd->zName);
      }
      zEq = NULL;
    } else {
      zEq = strchr(z, '=');
      n = zEq ? (size_t)(zEq - z - 2) : strlen(z + 2);
      for (j = 0; aOpt && aOpt[j].zName; j++) {
        if (strlen(aOpt[j].zName) == n && strncmp(aOpt[j].zName, z + 2, n) == 0)
          break;
      }
    }
    if (!aOpt || !aOpt[j].zName) {
      return err_set(e, FZ_USAGE, "命令 %s 没有选项“%s”；运行 fazhi help %s 查看用法",
                     cli->pCmd->zName, z, cli->pCmd->zName);
    }
    if (!aOpt[j].zValue) {
      if (zEq) return err_set(e, FZ_USAGE, "选项 --%s 不带值", aOpt[j].zName);
      cli->azOpt[j] = "";
    } else if (zEq) {
      cli->azOpt[j] = zEq + 1;
    } else if (i + 1 < nWord) {
      cli->azOpt[j] = azWord[++i];
    } else {
      return err_set(e, FZ_USAGE, "选项 --%s 需要一个值（%s）", aOpt[j].zName,
                     aOpt[j].zValue);
    }
  }
  cli->nArg = nArg;
  cli->azArg = azWord;
  return FZ_OK;
}

static int cli_check_arity(const Cli *cli, Err *e) {
  const CliCommand *c = cli->pCmd;
  if (cli->nArg >= c->nArgMin && cli->nArg <= c->nArgMax) return FZ_OK;
  if (cli->nArg < c->nArgMin) {
    return err_set(e, FZ_USAGE, "命令 %s 缺少参数：fazhi %s %s", c->zName,
                   c->zName, c->zArgs);
  }
  return err_set(e, FZ_USAGE, "命令 %s 的参数过多：“%s”无法识别", c->zName,
                 cli->azArg[c->nArgMax]);
}

/* Global options may stand anywhere; they are taken out of argv here and
 * the rest (command words, options, arguments) is left in azWord. */
static int cli_take_globals(Cli *cli, int argc, char **argv, char **azWord,
                            int *pnWord, int *pHelp, Err *e) {
  int i, n = 0;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      while (i < argc) azWord[n++] = argv[i++];
      break;
    }
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      *pHelp = 1;
    } else if (strcmp(argv[i], "--db") == 0) {
      if (i + 1 >= argc || !argv[i + 1][0]) {
        return err_set(e, FZ_USAGE, "选项 --db 需要一个数据库路径");
      }
      cli->zDb = argv[++i];
    } else if (strncmp(argv[i], "--db=", 5) == 0) {
      if (!argv[i][5]) return err_set(e, FZ_USAGE, "选项 --db 需要一个数据库路径");
      cli->zDb = argv[i] + 5;
    } else {
      azWord[n++] = argv[i];
    }
  }
  *pnWord = n;
  return FZ_OK;
}

static int cli_run(Cli *cli, int argc, char **argv, char **azWord) {
  int nWord = 0, nUsed = 0, help = 0, rc;
  const char *zEnv = getenv("FAZHI_DB");
  cli->zDb = (zEnv && zEnv[0]) ? zEnv : CLI_DEFAULT_DB;
  rc = cli_take_globals(cli, argc, argv, azWord, &nWord, &help, cli->e);
  if (rc != FZ_OK) return rc;
  if (nWord == 0 || azWord[0][0] == '-') {
    if (nWord == 0 && help) {
      cli_general_help(cli->out);
      return FZ_OK;
    }
    cli_general_help(stderr);
    return nWord == 0 ? err_set(cli->e, FZ_USAGE, "缺少命令")
                      : err_set(cli->e, FZ_USAGE, "未知选项“%s”", azWord[0]);
  }
  cli->pCmd = cli_find(nWord, azWord, &nUsed);
  if (!cli->pCmd) return cli_unknown_command(nWord, azWord, cli->e);
  if (help) {
    cli_command_help(cli->out, cli->pCmd);
    return FZ_OK;
  }
  rc = cli_parse_options(cli, nWord - nUsed, azWord + nUsed, cli->e);
  if (rc == FZ_OK) rc = cli_check_arity(cli, cli->e);
  if (rc == FZ_OK && (cli->pCmd->flags & CMD_DB)) {
    rc = reg_open_db(&cli->db, cli->zDb,
                     (cli->pCmd->flags & CMD_CREATE) ? DB_CREATE : 0, cli->e);
  }
  if (rc == FZ_OK) rc = cli->pCmd->xRun(cli);
  return rc;
}

int cli_main(int argc, char **argv) {
  Err e = ERR_INIT;
  Cli cli;
  char **azWord = mem_zalloc(sizeof(char *) * (size_t)(argc + 1));
  const char *zUser = getenv("FAZHI_USER");
  int rc;
  memset(&cli, 0, sizeof cli);
  cli.e = &e;
  cli.out = stdout;
  if (!zUser || !zUser[0]) zUser = getenv("USER");
  cli.zUser = (zUser && zUser[0]) ? zUser : "cli";
  rc = cli_run(&cli, argc, argv, azWord);
  if (rc != FZ_OK) {
    if (e.rc == FZ_OK) err_set(&e, rc, "操作失败");
    cli_print_error(&e);
  }
  db_close(cli.db);
  err_clear(&e);
  mem_free(azWord);
  fflush(stdout);
  return cli_exit_code(rc);
}
