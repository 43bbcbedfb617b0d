/* main.c — the fazhi binary's entry point and its command table. Each entry
 * declares its name, arguments, options and whether it needs the database;
 * cli.c serves the table. Keep entries sorted by name. */
#include "cli.h"
#include "commands.h"

static const CliOpt aOrgListOpt[] = {
    {"json", NULL, "以 JSON 输出"},
    {"under", "CODE", "只列出该机构及其下级"},
    {NULL, NULL, NULL},
};

static const CliOpt aOrgImportOpt[] = {
    {"dry-run", NULL, "只检查并报告结果，不写入数据库"},
    {NULL, NULL, NULL},
};

const CliCommand cli_commands[] = {
    {"help", "[COMMAND]", "显示命令列表，或某个命令的用法", NULL, 0, 0, 2,
     NULL, cmd_help},
    {"init", "", "创建数据库（已存在则升级到最新结构）",
     "在 --db 指定的位置（默认 ./fazhi.db）创建 fazhi 数据库并建立全部表；"
     "数据库已存在时只做必要的结构升级，可重复运行。",
     CMD_DB | CMD_CREATE, 0, 0, NULL, cmd_init},
    {"org import", "FILE", "从 CSV 文件导入组织机构树",
     "CSV 文件（UTF-8 或 GB18030）的表头可用字段名或中文名，顺序不限：\n"
     "  编码(code)、上级(parent)、类型(kind)、名称(name)、"
     "统一社会信用代码(uscc，可省略)。\n"
     "整个文件一次导入：任何一行有错就不导入任何数据，并列出每一行的错误。\n"
     "已存在且内容相同的机构会跳过，因此可以重复导入同一文件。",
     CMD_DB, 1, 1, aOrgImportOpt, cmd_org_import},
    {"org list", "", "列出组织机构树",
     "按层级缩进列出机构：编码、类型、名称。--under 只列出某个机构及其全部下级。",
     CMD_DB, 0, 0, aOrgListOpt, cmd_org_list},
    {"version", "", "显示版本和数据库结构版本", NULL, 0, 0, 0, NULL,
     cmd_version},
};

const int cli_ncommand = (int)(sizeof cli_commands / sizeof cli_commands[0]);

int main(int argc, char **argv) {
  return cli_main(argc, argv);
}
