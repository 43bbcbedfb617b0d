/* cmd_serve.c — `fazhi serve`: the JSON API on libmicrohttpd, over TLS
 * when given a certificate and its key (PEM files). */
#include <stdlib.h>

#include "../base/file.h"
#include "../server/http.h"
#include "commands.h"

int cmd_serve(Cli *cli) {
  HttpConfig cfg = {0};
  Str cert = STR_INIT, key = STR_INIT;
  const char *zThreads = cli_opt(cli, "threads");
  const char *zCert = cli_opt(cli, "tls-cert"), *zKey = cli_opt(cli, "tls-key");
  int rc = FZ_OK;
  cfg.zDb = cli->zDb;
  cfg.zListen = cli_opt(cli, "listen") ? cli_opt(cli, "listen") : "127.0.0.1:8080";
  cfg.nThread = zThreads ? (int)strtol(zThreads, NULL, 10) : 0;
  cfg.noCache = cli_opt(cli, "no-cache") != NULL;
  if (cfg.nThread < 0 || cfg.nThread > 64) {
    return err_set(cli->e, FZ_USAGE, "--threads 应为 1 至 64");
  }
  if (!zCert != !zKey) return err_set(cli->e, FZ_USAGE, "--tls-cert 与 --tls-key 须同时给出");
  if (zCert) {
    rc = file_read_all(zCert, &cert, cli->e);
    if (rc == FZ_OK) rc = file_read_all(zKey, &key, cli->e);
    cfg.zTlsCert = str_cstr(&cert);
    cfg.zTlsKey = str_cstr(&key);
  }
  if (rc == FZ_OK) rc = http_serve(&cfg, cli->e);
  str_free(&cert);
  str_free(&key);
  return rc;
}
