/* cmd_check.c — `fazhi check FILE [--previous FILE] [--json]`: the
 * arithmetic of any report (ours or another county's) redone; exit status
 * 1 when a relation fails. A thin adapter over src/check. */
#include <string.h>

#include "../check/check.h"
#include "commands.h"

int cmd_check(Cli *cli) {
  const char *zFile = cli->azArg[0], *zPrev = cli_opt(cli, "previous");
  Str text = STR_INIT, prev = STR_INIT, out = STR_INIT;
  CheckReport r;
  int rc = check_read_file(zFile, &text, cli->e);
  memset(&r, 0, sizeof r);
  if (rc == FZ_OK && zPrev) rc = check_read_file(zPrev, &prev, cli->e);
  if (rc == FZ_OK) {
    rc = check_run(str_cstr(&text), text.n, zPrev ? str_cstr(&prev) : NULL,
                   prev.n, &r, cli->e);
  }
  if (rc != FZ_OK) goto cleanup;
  if (cli_opt(cli, "json"))
    check_write_json(&r, zFile, &out);
  else
    check_write_text(&r, zFile, &out);
  fputs(str_cstr(&out), cli->out);
  if (r.anVerdict[CHECK_FAILS] > 0) {
    rc = err_set(cli->e, FZ_INVALID, "%s 中有 %d 处数字关系不成立", zFile,
                 r.anVerdict[CHECK_FAILS]);
  }
cleanup:
  check_report_clear(&r);
  str_free(&text);
  str_free(&prev);
  str_free(&out);
  return rc;
}
