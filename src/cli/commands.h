/* commands.h — the command handlers named in main.c's table, one file per
 * command group (cmd_db.c, cmd_org.c, cmd_reg.c). */
#ifndef FZ_COMMANDS_H
#define FZ_COMMANDS_H

#include "cli.h"

int cmd_add(Cli *cli);
int cmd_audit_verify(Cli *cli);
int cmd_figures_rebuild(Cli *cli);
int cmd_figures_verify(Cli *cli);
int cmd_backup(Cli *cli);
int cmd_calendar_import(Cli *cli);
int cmd_check(Cli *cli);
int cmd_demo(Cli *cli);
int cmd_due(Cli *cli);
int cmd_export(Cli *cli);
int cmd_fields(Cli *cli);
int cmd_get(Cli *cli);
int cmd_help(Cli *cli);
int cmd_history(Cli *cli);
int cmd_import(Cli *cli);
int cmd_list(Cli *cli);
int cmd_metrics(Cli *cli);
int cmd_person(Cli *cli);
int cmd_report(Cli *cli);
int cmd_report_approve(Cli *cli);
int cmd_report_check(Cli *cli);
int cmd_report_diff(Cli *cli);
int cmd_report_publish(Cli *cli);
int cmd_restore(Cli *cli);
int cmd_serve(Cli *cli);
int cmd_migrate(Cli *cli);
int cmd_report_breakdown(Cli *cli);
int cmd_update(Cli *cli);
int cmd_user_add(Cli *cli);
int cmd_user_disable(Cli *cli);
int cmd_user_list(Cli *cli);
int cmd_user_passwd(Cli *cli);
int cmd_void(Cli *cli);
int cmd_init(Cli *cli);
int cmd_version(Cli *cli);
int cmd_org_import(Cli *cli);
int cmd_org_list(Cli *cli);

#endif
