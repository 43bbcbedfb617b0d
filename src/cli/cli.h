/* cli.h — the command-line front end: a static command table (main.c) served
 * by one dispatcher (cli.c) that checks arguments and options and opens the
 * database before any handler runs; handlers are thin adapters over domain
 * operations (STYLE.md 3–4). */
#ifndef FZ_CLI_H
#define FZ_CLI_H

#include <stdio.h>

#include "../base/err.h"
#include "../store/db.h"

#define CLI_MAX_OPT 16

/* Command flags */
#define CMD_DB 0x01     /* open the database (migrating it) before running */
#define CMD_CREATE 0x02 /* with CMD_DB: create the database if missing */

typedef struct CliOpt {
  const char *zName;  /* without the dashes: "under" */
  const char *zValue; /* placeholder for usage ("CODE"), NULL for a flag */
  const char *zHelp;  /* Chinese */
  char cShort;        /* one-letter form ("-o"), or 0 */
} CliOpt;

typedef struct Cli Cli;

typedef struct CliCommand {
  const char *zName;    /* one or two words: "org list" */
  const char *zArgs;    /* positional usage: "FILE" */
  const char *zSummary; /* one line, Chinese */
  const char *zHelp;    /* a paragraph, Chinese; may be NULL */
  int flags;            /* CMD_* */
  int nArgMin, nArgMax;
  const CliOpt *aOpt;   /* terminated by a {NULL} entry; NULL for none */
  int (*xRun)(Cli *cli);
} CliCommand;

struct Cli {
  const CliCommand *pCmd;
  const char *zDb;   /* --db, else $FAZHI_DB, else ./fazhi.db */
  const char *zUser; /* who the CLI acts as: $FAZHI_USER, $USER, or "cli" */
  int nArg;
  char **azArg;      /* positional arguments after the command words */
  const char *azOpt[CLI_MAX_OPT]; /* value per aOpt entry; "" for a set flag */
  Db *db;            /* open when the command has CMD_DB */
  Err *e;            /* where the handler records its error */
  FILE *out;
};

/* The command table, sorted by name (a test checks it). */
extern const CliCommand cli_commands[];
extern const int cli_ncommand;

int cli_main(int argc, char **argv);

/* Option value by name: NULL when not given; "" for a flag that was set. */
const char *cli_opt(const Cli *cli, const char *zName);

/* Print the error recorded in e, and every listed problem, to stderr. */
void cli_print_error(const Err *e);

/* Exit status for an rc: 0 ok, 1 bad data, 2 usage, 3 environment. */
int cli_exit_code(int rc);

#endif
