/* commands.h — the command handlers named in main.c's table, one file per
 * command group (cmd_db.c, cmd_org.c). */
#ifndef FZ_COMMANDS_H
#define FZ_COMMANDS_H

#include "cli.h"

int cmd_help(Cli *cli);
int cmd_init(Cli *cli);
int cmd_version(Cli *cli);
int cmd_org_import(Cli *cli);
int cmd_org_list(Cli *cli);

#endif
