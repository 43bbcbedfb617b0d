/* cmd_serve.c — `fazhi serve`: the JSON API on libmicrohttpd. */
#include <stdlib.h>

#include "../server/http.h"
#include "commands.h"

int cmd_serve(Cli *cli) {
  HttpConfig cfg;
  const char *zThreads = cli_opt(cli, "threads");
  cfg.zDb = cli->zDb;
  cfg.zListen = cli_opt(cli, "listen") ? cli_opt(cli, "listen") : "127.0.0.1:8080";
  cfg.nThread = zThreads ? (int)strtol(zThreads, NULL, 10) : 0;
  if (cfg.nThread < 0 || cfg.nThread > 64) {
    return err_set(cli->e, FZ_USAGE, "--threads 应为 1 至 64");
  }
  return http_serve(&cfg, cli->e);
}
