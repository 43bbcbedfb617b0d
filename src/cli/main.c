/* main.c — the fazhi binary's entry point and its command table. Each entry
 * declares its name, arguments, options and whether it needs the database;
 * cli.c serves the table. Keep entries sorted by name. */

#include "cli.h"
#include "../base/fault.h"
#include "../base/xmllib.h"
#include "../domain/reg.h"
#include "commands.h"

static const CliOpt aOrgListOpt[] = {
    {"json", NULL, "以 JSON 输出", 0},
    {"under", "CODE", "只列出该机构及其下级", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aOrgImportOpt[] = {
    {"dry-run", NULL, "只检查并报告结果，不写入数据库", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aJsonOpt[] = {
    {"json", NULL, "以 JSON 输出", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aListOpt[] = {
    {"from", "DATE", "登记日期（各登记簿的界定日期）不早于", 0},
    {"json", NULL, "以 JSON 输出（含总数）", 0},
    {"limit", "N", "最多列出 N 条", 0},
    {"offset", "N", "跳过前 N 条", 0},
    {"org", "CODE", "只列出该机构及其下级的记录", 0},
    {"search", "TEXT", "在案号、名称等文本字段中查找", 0},
    {"sort", "FIELD", "按字段排序，-FIELD 为倒序", 0},
    {"to", "DATE", "登记日期不晚于", 0},
    {"voided", NULL, "包括已作废的记录", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aVoidOpt[] = {
    {"reason", "TEXT", "作废原因（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aImportOpt[] = {
    {"dry-run", NULL, "只检查并报告结果，不写入数据库", 0},
    {"sheet", "NAME", "XLSX 文件中要导入的工作表（默认第一个）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aExportOpt[] = {
    {"format", "csv|xlsx", "导出格式（必填）", 0},
    {"from", "DATE", "登记日期不早于", 0},
    {"org", "CODE", "只导出该机构及其下级的记录", 0},
    {"output", "FILE", "输出文件（必填，也可写作 -o FILE）", 'o'},
    {"to", "DATE", "登记日期不晚于", 0},
    {"voided", NULL, "包括已作废的记录", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aMetricsOpt[] = {
    {"json", NULL, "以 JSON 输出", 0},
    {"org", "CODE", "机构编码（统计其及全部下级，必填）", 0},
    {"year", "YEAR", "年度（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aReportOpt[] = {
    {"format", "md|html|docx", "输出格式（必填）", 0},
    {"org", "CODE", "机构编码（必填）", 0},
    {"output", "FILE", "输出文件（必填，也可写作 -o FILE）", 'o'},
    {"template", "FILE", "使用自己的报告模板（默认为内置模板）", 0},
    {"year", "YEAR", "年度（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aCheckOpt[] = {
    {"json", NULL, "以 JSON 输出（全部数字和关系）", 0},
    {"previous", "FILE", "上年的报告，用来核对同比变化", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aDemoOpt[] = {
    {"data", "DIR", "数据目录（默认 ./data）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aApproveOpt[] = {
    {"org", "CODE", "机构编码（必填）", 0},
    {"override", "REASON", "一致性检查未通过时仍要审定的理由（记入审计日志）", 0},
    {"year", "YEAR", "年度（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aDueOpt[] = {
    {"all", NULL, "也列出按期完成和尚未开始的期限", 0},
    {"json", NULL, "以 JSON 输出", 0},
    {"org", "CODE", "只看该机构及其下级", 0},
    {"rules", "FILE", "使用自己的期限规则表（默认 data/rules/deadlines.csv）", 0},
    {"today", "DATE", "以该日为“今天”判断（默认今天）", 0},
    {"within", "N", "N 天内到期的算“即将到期”（默认 7）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aUserAddOpt[] = {
    {"display", "姓名", "显示的姓名（默认同用户名）", 0},
    {"org", "CODE", "同 --scope", 0},
    {"password-file", "FILE", "从文件第一行读取密码（默认从标准输入）", 0},
    {"registers", "LIST", "editor 可编辑的登记簿，逗号分隔（如 reconsideration,litigation）", 0},
    {"role", "ROLE",
     "角色：admin 系统管理员、leader 领导、clerk 业务人员（全部登记簿）、editor 科室业务人员"
     "（--registers 所列）、township 司法所人员（调解、排查、法援受理、咨询、代书、普法）、"
     "reader 查阅", 0},
    {"scope", "CODE", "管辖的机构（含其全部下级）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aPasswdOpt[] = {
    {"password-file", "FILE", "从文件第一行读取密码（默认从标准输入）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aBreakdownOpt[] = {
    {"org", "CODE", "州、省等县以上机构的编码（必填）", 0},
    {"output", "FILE", "写成 XLSX 文件（也可写作 -o FILE）", 'o'},
    {"year", "YEAR", "年度（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aMigrateOpt[] = {
    {"from", "DB", "源数据库：SQLite 文件或 postgresql://…（必填）", 0},
    {"org", "CODE", "迁移哪个县（默认为源数据库中唯一的县）", 0},
    {"replace", NULL, "目标中已有该县的记录时，以源数据库替换（否则拒绝）", 0},
    {"to", "DB", "目标数据库：postgresql://… 或 SQLite 文件（必填）", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aBackupOpt[] = {
    {"force", NULL, "备份文件已存在时覆盖它", 0},
    {"output", "FILE", "备份文件（必填，也可写作 -o FILE）", 'o'},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aRestoreOpt[] = {
    {"force", NULL, "--db 指定的数据库已存在时替换其中的全部数据", 0},
    {NULL, NULL, NULL, 0},
};

static const CliOpt aServeOpt[] = {
    {"listen", "ADDR:PORT", "监听地址（默认 127.0.0.1:8080）", 0},
    {"no-cache", NULL, "不缓存查询结果（默认缓存至数据有变化，最长60秒）", 0},
    {"threads", "N", "工作线程数（默认为处理器核数）", 0},
    {"tls-cert", "FILE", "TLS 证书（PEM）；与 --tls-key 同时给出时以 HTTPS 服务，Cookie 带 Secure", 0},
    {"tls-key", "FILE", "TLS 私钥（PEM）", 0},
    {NULL, NULL, NULL, 0},
};

const CliCommand cli_commands[] = {
    {"add", "REGISTER 字段=值…", "新增一条记录",
     "例：fazhi add dispute org=632323100000-SFS category=草场 received=2024-03-05 "
     "result=调解成功 agreement=书面 closed=2024-03-20\n"
     "字段可用英文名或中文名，选项可用代码或中文；用 fazhi fields REGISTER 查看字段。",
     CMD_DB, 1, 200, aJsonOpt, cmd_add},
    {"audit verify", "", "校验审计日志的哈希链是否完整",
     "逐条核对审计日志：任何一条被修改、删除、插入或调换顺序都会被发现，并指出第一条出错的记录。",
     CMD_DB, 0, 0, NULL, cmd_audit_verify},
    {"backup", "-o FILE", "备份数据库（服务运行时也可，得到某一时刻完整一致的副本）",
     "用 SQLite 在线备份把 --db 指定的数据库复制为新文件：先写入临时文件，通过完整性检查后再改名，"
     "备份文件要么完整，要么不出现。PostgreSQL 数据库请用 pg_dump（本命令会给出具体命令）。",
     CMD_DB, 0, 0, aBackupOpt, cmd_backup},
    {"calendar import", "FILE", "导入节假日安排（新一年的国务院通知，或本地节假日）",
     "CSV 表头：region,year,kind,from,to,name；kind 为 year、holiday 或 workday（调休上班）。"
     "与已有安排冲突（同一天既放假又上班、区间重叠）时不导入，并指出行号。",
     CMD_DB, 1, 1, NULL, cmd_calendar_import},
    {"check", "FILE [--previous FILE]", "核对任一报告中的数字：比率、合计、同比、“均已办结”等",
     "读取文本、Markdown、HTML 或 DOCX 格式的报告，找出其中每个数字及其所指，"
     "核算比率与计数、合计与分项、部分与整体、“均已办结/撤诉”、占比之和，"
     "给出上年报告（--previous）时也核对同比变化。每处关系判为成立、不成立或无法确定；"
     "有不成立时退出状态为 1。", 0, 1, 1, aCheckOpt, cmd_check},
    {"demo", "", "新建演示数据库：泽库县的组织机构和 2023、2024 年的全部记录",
     "数据来自 data/demo/ 下的 CSV 文件，经普通导入流程逐一装入（全部成功或全部不导入）。"
     "数据库须为新建的、没有任何记录。", CMD_DB | CMD_CREATE, 0, 0, aDemoOpt, cmd_demo},
    {"due", "[--org CODE] [--within N] [--today DATE]", "列出法定期限：已逾期、即将到期、进行中",
     "按规则表（法律依据随每项列出）和节假日安排（含调休）计算每条记录的期限，最紧急的在前。"
     "计算涉及尚未导入节假日安排的年份时会给出警告。", CMD_DB, 0, 0, aDueOpt, cmd_due},
    {"export", "REGISTER --format csv|xlsx -o FILE", "把记录导出为 CSV 或 XLSX（中文表头）",
     "导出的文件可以原样再导入。CSV 为带 BOM 的 UTF-8，Excel 可直接打开。", CMD_DB, 1, 1,
     aExportOpt, cmd_export},
    {"fields", "REGISTER", "列出登记簿的字段、类型和可选值", NULL, 0, 1, 1, NULL,
     cmd_fields},
    {"figures rebuild", "", "由全部记录重新计算保持的统计数字",
     "报告中的计数与合计按（指标、年度、机构）保存在 metric_tally 表中，各法定期限的完成情况"
     "保存在 deadline_tally 表中（另有全国、省、地级的汇总行），每次写入时在同一事务里更新；"
     "此命令在一个事务中由记录全部重算（通常不需要：结构升级时会自动重建）。",
     CMD_DB, 0, 0, NULL, cmd_figures_rebuild},
    {"figures verify", "", "核对保持的统计数字与由记录重新计算的结果是否一致",
     "逐个指标把 metric_tally（及 deadline_tally 中的法定期限完成情况，含汇总行）"
     "与由记录重新计算的数字比对，"
     "列出不一致的前几处；一致时返回 0。",
     CMD_DB, 0, 0, NULL, cmd_figures_verify},
    {"get", "REGISTER ID", "查看一条记录", NULL, CMD_DB, 2, 2, aJsonOpt, cmd_get},
    {"help", "[COMMAND]", "显示命令列表，或某个命令的用法", NULL, 0, 0, 2,
     NULL, cmd_help},
    {"history", "REGISTER ID", "查看一条记录的修改历史（审计日志）", NULL, CMD_DB, 2,
     2, NULL, cmd_history},
    {"import", "REGISTER FILE", "从 CSV 或 XLSX 文件导入记录（全部成功或全部不导入）",
     "表头可用字段名或中文名，顺序不限；CSV 可为 UTF-8（含 BOM）或 GB18030。\n"
     "任何一行有错就不导入任何数据，并列出每一处错误的行、列、值和原因。",
     CMD_DB, 2, 2, aImportOpt, cmd_import},
    {"init", "", "创建数据库（已存在则升级到最新结构）",
     "在 --db 指定的位置（默认 ./fazhi.db）创建 fazhi 数据库并建立全部表；"
     "数据库已存在时只做必要的结构升级，可重复运行。",
     CMD_DB | CMD_CREATE, 0, 0, NULL, cmd_init},
    {"list", "REGISTER [字段=值…]", "按条件列出记录",
     "字段=值 为筛选条件（选项字段可用中文），可与 --org、--from/--to、--search 组合。",
     CMD_DB, 1, 1 + REG_MAX_FILTER, aListOpt, cmd_list},
    {"migrate", "--from DB --to DB [--org CODE] [--replace]",
     "把一个县的全部历史迁入另一个数据库（SQLite ⇄ PostgreSQL）",
     "记录（含已作废的）、导入批次与来源、用户、审定快照和审计日志一并迁移，全部成功或全部不变；"
     "审计日志在目标中重新接续成链并保留原时间。目标中已有该县的记录时拒绝，除非 --replace；"
     "同一份历史重复迁移不做任何更改。", 0, 0, 0, aMigrateOpt, cmd_migrate},
    {"metrics", "--org CODE --year YEAR", "列出某机构某年度的全部统计指标",
     "每个指标都由记录计算：比率先精确计算，最后四舍五入（如 353/355 = 99.44%）。",
     CMD_DB, 0, 0, aMetricsOpt, cmd_metrics},
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
    {"person", "ID_NUMBER", "按身份证号码查看一个人在各登记簿中的全部记录",
     "同一身份证号码在各登记簿中是同一个人：第一次登记时记下姓名，此后姓名不符的记录会被拒绝。",
     CMD_DB, 1, 1, NULL, cmd_person},
    {"report", "--org CODE --year YEAR --format md|html|docx -o FILE",
     "写出年度法治政府建设情况报告",
     "报告由模板和记录生成，每个数字都来自统计指标；HTML 版中每个数字链接到其背后的记录，"
     "并附数据说明。", CMD_DB, 0, 0, aReportOpt, cmd_report},
    {"report approve", "--org CODE --year YEAR [--override REASON]",
     "审定年度报告：先做一致性检查，再把全部数字冻结为快照",
     "一致性检查：合计等于各项之和、部分不大于整体、比率与其计数相符。未通过时拒绝审定，"
     "除非用 --override 说明理由（记入审计日志）。", CMD_DB, 0, 0, aApproveOpt,
     cmd_report_approve},
    {"report breakdown", "--org CODE --year YEAR [-o FILE.xlsx]",
     "各县（市、区）主要数据并列（州、省的汇总）",
     "不给 -o 时在终端列出表格；给出 -o 时写成 XLSX。数字与各县报告中的算法相同，末行为合计。",
     CMD_DB, 0, 0, aBreakdownOpt, cmd_report_breakdown},
    {"report check", "--org CODE --year YEAR", "对年度报告的数字做一致性检查", NULL, CMD_DB,
     0, 0, aMetricsOpt, cmd_report_check},
    {"report diff", "--org CODE --year YEAR", "列出审定以来变化的数字及造成变化的记录", NULL,
     CMD_DB, 0, 0, aMetricsOpt, cmd_report_diff},
    {"report publish", "--org CODE --year YEAR", "公开已审定的年度报告", NULL, CMD_DB, 0, 0,
     aMetricsOpt, cmd_report_publish},
    {"restore", "FILE", "从备份文件恢复数据库（到 --db 指定的位置）",
     "先检查备份文件是完整的 fazhi 数据库、结构版本本程序能打开；--db 处已有数据库时拒绝，"
     "除非 --force（在一个事务中整体替换，运行中的服务看到的要么是旧数据，要么是新数据）。",
     0, 1, 1, aRestoreOpt, cmd_restore},
    {"serve", "[--listen ADDR:PORT] [--tls-cert F --tls-key F]", "启动网络服务（JSON 接口），直到收到 SIGTERM/SIGINT",
     "接口：POST /api/login、/api/logout；GET /api/me、/api/registers、/api/org、"
     "/api/metrics、/api/due；/api/r/REGISTER[/ID[/history|/void]]（列表、查看、新增、修改、作废）。"
     "写操作须带 X-CSRF-Token 头（登录时返回）。", CMD_DB, 0, 0, aServeOpt, cmd_serve},
    {"update", "REGISTER ID 字段=值…", "修改一条记录（只改给出的字段）", NULL,
     CMD_DB, 3, 200, aJsonOpt, cmd_update},
    {"user add", "NAME --role ROLE --scope CODE", "添加用户（密码从标准输入读取）",
     "密码至少10个字符，不能包含用户名；以 Argon2id 保存。", CMD_DB, 1, 1, aUserAddOpt,
     cmd_user_add},
    {"user disable", "NAME", "停用用户（其所有会话立即失效）", NULL, CMD_DB, 1, 1, NULL,
     cmd_user_disable},
    {"user list", "", "列出用户、角色和管辖机构", NULL, CMD_DB, 0, 0, NULL, cmd_user_list},
    {"user passwd", "NAME", "修改用户密码（从标准输入读取，其所有会话失效）", NULL, CMD_DB, 1,
     1, aPasswdOpt, cmd_user_passwd},
    {"version", "", "显示版本和数据库结构版本", NULL, 0, 0, 0, NULL,
     cmd_version},
    {"void", "REGISTER ID --reason TEXT", "作废一条记录（保留在审计日志中，不计入统计）",
     NULL, CMD_DB, 2, 2, aVoidOpt, cmd_void},
};

const int cli_ncommand = (int)(sizeof cli_commands / sizeof cli_commands[0]);

int main(int argc, char **argv) {
  int rc;
  fault_init(); /* before the first allocation it may be asked to fail */
  rc = cli_main(argc, argv);
  xml_cleanup(); /* libxml2, if something loaded it */
  return rc;
}
