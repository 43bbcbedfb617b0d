/* fuzz_multipart.c — libFuzzer target for an upload as the server parses
 * it: the real daemon (http_start, one worker thread) on a loopback port,
 * started once, and each input sent as the body of a signed-in
 * POST /api/r/dispute/import?dry_run=1 over a new connection, so
 * libmicrohttpd's post processor, on_form_part and the import of whatever
 * file part it yields all run. An input's first line, when it starts with
 * "boundary=", is the Content-Type's parameters; else the boundary is "fz".
 * An input starting "GET " is sent as the whole request instead (routing,
 * query parameters, headers), signed in too; reads only, so the database
 * stays as set up and every input replays the same way. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* A raw GET: the input's first line, the session's cookie, the rest. */
static void build_get(const uint8_t *aData, size_t nData, Str *req) {
  const uint8_t *pNl = memchr(aData, '\n', nData);
  size_t nFirst = pNl ? (size_t)(pNl - aData) + 1 : nData;
  str_append(req, (const char *)aData, nFirst);
  if (!pNl) str_puts(req, "\r\n");
  str_appendf(req, "Cookie: fz_session=%s\r\n", gSession.zToken);
  str_append(req, (const char *)aData + nFirst, nData - nFirst);
  str_puts(req, "\r\n\r\n"); /* end the headers if the input did not */
}

/* Whether resp holds one whole final response: its headers and as many
 * body bytes as Content-Length says (libmicrohttpd always sends it for our
 * buffers). A 1xx interim answer before it is skipped. A request that
 * asked for keep-alive is not closed by the server, so the answer's end
 * has to be found this way. */
static const char *find_content_length(const char *z, const char *zEnd) {
  for (; z < zEnd; z++) {
    if (strncasecmp(z, "\r\nContent-Length:", 17) == 0) return z;
  }
  return NULL;
}

static int response_complete(const Str *resp) {
  const char *z = str_cstr(resp), *zEnd, *zLen;
  while ((zEnd = strstr(z, "\r\n\r\n")) != NULL && strncmp(z, "HTTP/1.1 1", 10) == 0) {
    z = zEnd + 4;
  }
  if (!zEnd) return 0;
  zLen = find_content_length(z, zEnd);
  if (!zLen) return 1;
  return (size_t)(resp->z + resp->n - (zEnd + 4)) >= strtoul(zLen + 17, NULL, 10);
}

/* Send it and read the answer to its end, or until the server closes. A
 * request still incomplete (a body shorter than its Content-Length) would
 * keep the server waiting for the rest until its 30 s timeout, closing
 * our side notwithstanding: after a second without an answer, give up. */
static void exchange(const Str *req) {
  struct sockaddr_in sa;
  struct timeval tv = {1, 0};
  char buf[4096];
  size_t off = 0;
  ssize_t n;
  Str resp = STR_INIT;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)gPort);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) abort();
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (off < req->n) {
    n = send(fd, req->z + off, req->n - off, MSG_NOSIGNAL);
    if (n <= 0) break; /* the server may answer early and close */
    off += (size_t)n;
  }
  shutdown(fd, SHUT_WR);
  while (!response_complete(&resp) && (n = recv(fd, buf, sizeof buf, 0)) > 0) {
    str_append(&resp, buf, (size_t)n);
  }
  str_free(&resp);
  close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  Str req = STR_INIT;
  if (nData >= 4 && memcmp(aData, "GET ", 4) == 0)
    build_get(aData, nData, &req);
  else
    build_request(aData, nData, &req);
  exchange(&req);
  str_free(&req);
  return 0;
}
