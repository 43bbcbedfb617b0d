/* cmd_org.c — the org tree commands: list (indented tree or JSON) and import
 * (CSV, all or nothing). */
#include <jansson.h>
#include <string.h>

#include "../base/str.h"
#include "../domain/org.h"
#include "../io/orgfile.h"
#include "commands.h"

typedef struct OrgListCtx {
  FILE *out;
  int baseDepth; /* depth of the first unit, so --under starts at the margin */
  int first;
  json_t *pArray; /* for --json */
  int n;
} OrgListCtx;

static int org_list_text(const OrgUnit *u, void *pArg) {
  OrgListCtx *c = pArg;
  int i;
  if (c->first) {
    c->baseDepth = u->depth;
    c->first = 0;
  }
  for (i = c->baseDepth; i < u->depth; i++) fputs("  ", c->out);
  fprintf(c->out, "%s  %s  %s\n", u->zCode, org_kinds[u->kind].zLabel,
          u->zName);
  c->n++;
  return FZ_OK;
}

static int org_list_json(const OrgUnit *u, void *pArg) {
  OrgListCtx *c = pArg;
  json_t *o = json_pack("{s:s, s:s?, s:s, s:s, s:s, s:s?, s:i}", "code",
                        u->zCode, "parent", u->zParent, "kind",
                        org_kinds[u->kind].zCode, "kind_label",
                        org_kinds[u->kind].zLabel, "name", u->zName, "uscc",
                        u->zUscc, "depth", u->depth);
  json_array_append_new(c->pArray, o);
  c->n++;
  return FZ_OK;
}

int cmd_org_list(Cli *cli) {
  OrgListCtx c;
  int json = cli_opt(cli, "json") != NULL;
  int rc;
  memset(&c, 0, sizeof c);
  c.out = cli->out;
  c.first = 1;
  if (json) c.pArray = json_array();
  rc = org_walk(cli->db, cli_opt(cli, "under"), json ? org_list_json : org_list_text,
                &c, cli->e);
  if (rc == FZ_OK && json) {
    json_dumpf(c.pArray, cli->out, JSON_INDENT(2));
    fputc('\n', cli->out);
  } else if (rc == FZ_OK && c.n == 0) {
    fprintf(cli->out, "（没有组织机构；用 fazhi org import FILE 导入）\n");
  }
  json_decref(c.pArray);
  return rc;
}

int cmd_org_import(Cli *cli) {
  OrgImportStats stats;
  int dryRun = cli_opt(cli, "dry-run") != NULL;
  int rc = orgfile_import(cli->db, cli->azArg[0],
                          dryRun ? ORG_IMPORT_DRY_RUN : 0, cli->zUser, &stats,
                          cli->e);
  if (rc != FZ_OK) return rc;
  fprintf(cli->out, "%s：新增 %d 个机构，%d 个已存在且相同\n",
          dryRun ? "检查通过（未写入）" : "导入完成", stats.nInserted,
          stats.nUnchanged);
  return FZ_OK;
}
