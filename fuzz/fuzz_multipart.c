/* fuzz_multipart.c — libFuzzer target for an upload as the server parses
 * it: the real daemon (http_start, one worker thread) on a loopback port,
 * started once, and each input sent as the body of a signed-in
 * POST /api/r/dispute/import?dry_run=1 over a new connection, so
 * libmicrohttpd's post processor, on_form_part and the import of whatever
 * file part it yields all run. An input's first line, when it starts with
 * "boundary=", is the Content-Type's parameters; else the boundary is "fz". */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "../src/base/str.h"
#include "../src/domain/auth.h"
#include "../src/domain/reg.h"
#include "../src/io/orgfile.h"
#include "../src/server/http.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv);
int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static char gzDir[64], gzDb[96], gzListen[32];
static HttpConfig gCfg;
static struct MHD_Daemon *gDaemon;
static AuthSession gSession;
static int gPort;

/* A port nobody listens on now (the daemon binds it right after). */
static int free_port(void) {
  struct sockaddr_in sa;
  socklen_t n = sizeof sa;
  int fd = socket(AF_INET, SOCK_STREAM, 0), port;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
      getsockname(fd, (struct sockaddr *)&sa, &n) != 0)
    abort();
  port = ntohs(sa.sin_port);
  close(fd);
  return port;
}

static void stop_all(void) {
  char zCmd[128];
  http_stop(gDaemon);
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", gzDir);
  if (system(zCmd) != 0) fprintf(stderr, "fuzz_multipart: %s 未删除\n", gzDir);
}

/* A database with the demo org tree and one admin, signed in once:
 * Argon2id costs too much to pay per input. */
static void setup_db(void) {
  Db *db = NULL;
  Err e = ERR_INIT;
  OrgImportStats stats;
  snprintf(gzDb, sizeof gzDb, "%s/fuzz.db", gzDir);
  if (sodium_init() < 0 || reg_open_db(&db, gzDb, DB_CREATE, &e) != FZ_OK ||
      orgfile_import(db, FZ_SOURCE_ROOT "/data/org/zeku.csv", 0, "fuzz", &stats, &e) != FZ_OK ||
      auth_user_add(db, NULL, "fuzz", "模糊测试", "admin", NULL, "632323000000",
                    "Zeku-upload-9173", &e) != FZ_OK ||
      auth_login(db, "fuzz", "Zeku-upload-9173", &gSession, &e) != FZ_OK) {
    fprintf(stderr, "fuzz_multipart: %s\n", e.msg ? e.msg : "?");
    abort();
  }
  db_close(db);
  err_clear(&e);
}

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  Err e = ERR_INIT;
  (void)pArgc;
  (void)pArgv;
  xmlInitParser();
  snprintf(gzDir, sizeof gzDir, "/tmp/fz-fuzz-mp-XXXXXX");
  if (!mkdtemp(gzDir)) abort();
  setup_db();
  gPort = free_port();
  snprintf(gzListen, sizeof gzListen, "127.0.0.1:%d", gPort);
  gCfg.zDb = gzDb;
  gCfg.zListen = gzListen;
  gCfg.nThread = 1;
  gCfg.noCache = 1;
  if (http_start(&gCfg, &gDaemon, &e) != FZ_OK) {
    fprintf(stderr, "fuzz_multipart: %s\n", e.msg ? e.msg : "?");
    abort();
  }
  atexit(stop_all);
  return 0;
}

/* The whole request: headers, then the input's body. */
static void build_request(const uint8_t *aData, size_t nData, Str *req) {
  const char *zParams = "boundary=fz";
  size_t nParams = strlen(zParams);
  const uint8_t *pNl = memchr(aData, '\n', nData < 200 ? nData : 200);
  if (pNl && nData >= 9 && memcmp(aData, "boundary=", 9) == 0) {
    zParams = (const char *)aData;
    nParams = (size_t)(pNl - aData);
    nData -= nParams + 1;
    aData = pNl + 1;
  }
  str_appendf(req,
              "POST /api/r/dispute/import?dry_run=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Connection: close\r\nCookie: fz_session=%s\r\nX-CSRF-Token: %s\r\n"
              "Content-Length: %zu\r\nContent-Type: multipart/form-data; ",
              gSession.zToken, gSession.zCsrf, nData);
  /* header values end at CR or LF: keep the parameters on one line */
  for (; nParams > 0; nParams--, zParams++) {
    if (*zParams != '\r' && *zParams != '\n' && *zParams != 0) str_putc(req, *zParams);
  }
  str_puts(req, "\r\n\r\n");
  str_append(req, (const char *)aData, nData);
}

/* Send it and read the answer to the end (the server closes). */
static void exchange(const Str *req) {
  struct sockaddr_in sa;
  struct timeval tv = {20, 0};
  char buf[4096];
  size_t off = 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)gPort);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) abort();
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (off < req->n) {
    ssize_t n = send(fd, req->z + off, req->n - off, MSG_NOSIGNAL);
    if (n <= 0) break; /* the server may answer early and close */
    off += (size_t)n;
  }
  shutdown(fd, SHUT_WR);
  while (recv(fd, buf, sizeof buf, 0) > 0) {
  }
  close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  Str req = STR_INIT;
  build_request(aData, nData, &req);
  exchange(&req);
  str_free(&req);
  return 0;
}
