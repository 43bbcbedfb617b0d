/* http.c — the HTTP layer (see http.h): libmicrohttpd with a thread pool
 * on epoll, one Req per connection, bodies accumulated up to a limit, one
 * send per request, and a clean stop on SIGTERM / SIGINT. */
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/mem.h"
#include "../domain/reg.h"
#include "api.h"
#include "cache.h"
#include "commit.h"
#include "mhdlib.h"

static const HttpConfig *gCfg; /* process configuration (STYLE.md 13) */

/* Each worker thread keeps one database connection for its life; all are
 * listed so a stop can close them (checkpointing the WAL). */
static _Thread_local Db *tDb;
static pthread_mutex_t gDbMu = PTHREAD_MUTEX_INITIALIZER;
static Db *gaDb[64];
static int gnDb;

static int worker_db(Db **ppDb, Err *e) {
  if (!tDb) {
    int rc = reg_open_db(&tDb, gCfg->zDb, 0, e);
    if (rc != FZ_OK) return rc;
    pthread_mutex_lock(&gDbMu);
    if (gnDb < 64) gaDb[gnDb++] = tDb;
    pthread_mutex_unlock(&gDbMu);
  }
  *ppDb = tDb;
  return FZ_OK;
}

static void close_worker_dbs(void) {
  int i;
  pthread_mutex_lock(&gDbMu);
  for (i = 0; i < gnDb; i++) db_close(gaDb[i]);
  gnDb = 0;
  pthread_mutex_unlock(&gDbMu);
}

const char *http_query(Req *r, const char *zName) {
  return mhd.MHD_lookup_connection_value(r->pConn, MHD_GET_ARGUMENT_KIND, zName);
}

const char *http_header(Req *r, const char *zName) {
  return mhd.MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, zName);
}

const char *http_cookie(Req *r, const char *zName) {
  return mhd.MHD_lookup_connection_value(r->pConn, MHD_COOKIE_KIND, zName);
}

void http_json(Req *r, int status, json_t *pBody) {
  char *z = json_dumps(pBody, JSON_COMPACT | JSON_PRESERVE_ORDER);
  r->status = status;
  r->zContentType = "application/json; charset=utf-8";
  str_reset(&r->out);
  str_puts(&r->out, z ? z : "null");
  free(z);
  json_decref(pBody);
}

/* The one mapping from an rc to an HTTP status (STYLE.md 5). */
static int status_of(int rc, int hasUser) {
  switch (rc) {
  case FZ_INVALID: return 422;
  case FZ_NOTFOUND: return 404;
  case FZ_CONFLICT: return 409;
  case FZ_FORBIDDEN: return hasUser ? 403 : 401;
  case FZ_USAGE: return 400;
  case FZ_IO: return 503;
  default: return 500;
  }
}

int http_error(Req *r, int rc, const Err *e) {
  json_t *items = json_array();
  int i;
  for (i = 0; i < e->nItem; i++) {
    const ErrItem *it = &e->aItem[i];
    json_array_append_new(items, json_pack("{s:I, s:s?, s:s?, s:s}", "row",
                                           (json_int_t)it->row, "column", it->column,
                                           "value", it->value, "message", it->msg));
  }
  http_json(r, status_of(rc, r->hasUser),
            json_pack("{s:{s:s, s:s, s:s?, s:I, s:o}}", "error", "code", err_rc_name(rc),
                      "message", err_msg(e)[0] ? err_msg(e) : "请求失败", "field",
                      e->field, "row", (json_int_t)e->row, "items", items));
  return rc;
}

int http_file(Req *r, const char *zPath, const char *zType, const char *zName, Err *e) {
  int rc;
  str_reset(&r->out);
  rc = file_read_all(zPath, &r->out, e);
  if (rc == FZ_OK) {
    r->status = 200;
    r->zContentType = zType;
    r->zFilename = mem_strdup(zName);
  }
  return rc;
}

int http_temp_file(Str *pPath, const char *zSuffix, Err *e) {
  const char *zDir = getenv("TMPDIR");
  int fd;
  str_appendf(pPath, "%s/fazhi-XXXXXX%s", zDir && zDir[0] ? zDir : "/tmp", zSuffix);
  fd = mkstemps(pPath->z, (int)strlen(zSuffix));
  if (fd < 0) return err_set(e, FZ_IO, "无法创建临时文件：%s", strerror(errno));
  close(fd);
  return FZ_OK;
}

/* Assemble the headers and send once. */
static enum MHD_Result send_reply(Req *r) {
  struct MHD_Response *resp = mhd.MHD_create_response_from_buffer(
      r->out.n, r->out.z ? r->out.z : (char *)"", MHD_RESPMEM_MUST_COPY);
  enum MHD_Result ok;
  mhd.MHD_add_response_header(resp, "Content-Type",
                          r->zContentType ? r->zContentType : "application/json; charset=utf-8");
  mhd.MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  mhd.MHD_add_response_header(resp, "Cache-Control", r->zCacheControl ? r->zCacheControl : "no-store");
  mhd.MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'self'; frame-ancestors 'none'");
  mhd.MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  if (r->tls) mhd.MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
  if (r->zSetCookie) mhd.MHD_add_response_header(resp, "Set-Cookie", r->zSetCookie);
  if (r->zCache) mhd.MHD_add_response_header(resp, "X-Cache", r->zCache);
  if (r->zFilename) {
    Str cd = STR_INIT;
    const unsigned char *p;
    /* RFC 6266 / 5987: the UTF-8 name percent-encoded */
    str_puts(&cd, "attachment; filename*=UTF-8''");
    for (p = (const unsigned char *)r->zFilename; *p; p++) {
      if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '.' || *p == '-' || *p == '_')
        str_putc(&cd, (char)*p);
      else
        str_appendf(&cd, "%%%02X", *p);
    }
    mhd.MHD_add_response_header(resp, "Content-Disposition", str_cstr(&cd));
    str_free(&cd);
  }
  ok = mhd.MHD_queue_response(r->pConn, (unsigned)r->status, resp);
  mhd.MHD_destroy_response(resp);
  return ok;
}

/* multipart/form-data: libmicrohttpd's post processor hands us the parts;
 * the one named "file" becomes the body (other fields are ignored). */
static enum MHD_Result on_form_part(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                    const char *zFilename, const char *zType,
                                    const char *zEncoding, const char *zData, uint64_t off,
                                    size_t n) {
  Req *r = cls;
  (void)kind;
  (void)zType;
  (void)zEncoding;
  (void)off;
  if (!zKey || strcmp(zKey, "file") != 0) return MHD_YES;
  if (!r->zUploadName) r->zUploadName = mem_strdup(zFilename ? zFilename : "upload");
  str_append(&r->body, zData, n);
  if (str_error(&r->body)) r->bodyTooBig = 1;
  return MHD_YES;
}

static void start_form(Req *r) {
  const char *zType =
      mhd.MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  if (!zType || strncasecmp(zType, "multipart/form-data", 19) != 0) return;
  r->multipart = 1;
  r->pPost = mhd.MHD_create_post_processor(r->pConn, 64 * 1024, on_form_part, r);
  if (!r->pPost) r->badMultipart = 1; /* no boundary */
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *pConn,
                                  const char *zUrl, const char *zMethod,
                                  const char *zVersion, const char *zUpload,
                                  size_t *pnUpload, void **ppCtx) {
  Req *r = *ppCtx;
  Err e = ERR_INIT;
  (void)cls;
  (void)zVersion;
  if (!r) { /* the first call, right after the headers: answer later */
    r = mem_zalloc(sizeof *r);
    r->pConn = pConn;
    r->tls = gCfg->zTlsCert != NULL;
    r->zMethod = zMethod;
    r->zPath = zUrl;
    str_init(&r->body, HTTP_MAX_BODY);
    start_form(r);
    *ppCtx = r;
    return MHD_YES;
  }
  if (*pnUpload) {
    if (r->pPost) {
      if (mhd.MHD_post_process(r->pPost, zUpload, *pnUpload) != MHD_YES) r->badMultipart = 1;
    } else if (!r->multipart) {
      str_append(&r->body, zUpload, *pnUpload);
      if (str_error(&r->body)) r->bodyTooBig = 1;
    }
    *pnUpload = 0;
    return MHD_YES;
  }
  if (r->badMultipart) {
    err_set(&e, FZ_USAGE, "multipart/form-data 上传内容格式不正确");
    http_error(r, FZ_USAGE, &e);
  } else if (r->bodyTooBig) {
    err_set(&e, FZ_USAGE, "请求内容超过 %d MB", HTTP_MAX_BODY >> 20);
    http_error(r, FZ_USAGE, &e);
    r->status = 413;
  } else if (worker_db(&r->db, &e) != FZ_OK) {
    http_error(r, FZ_DB, &e);
  } else {
    api_dispatch(r, &e);
    if (r->pWrite && !commit_run(r)) { /* waits until committed */
      err_set(&e, FZ_IO, "服务器正在停止，请稍后重试");
      http_error(r, FZ_IO, &e);
    }
  }
  err_clear(&e);
  return send_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *pConn, void **ppCtx,
                         enum MHD_RequestTerminationCode code) {
  Req *r = *ppCtx;
  (void)cls;
  (void)pConn;
  (void)code;
  if (!r) return;
  if (r->pPost) mhd.MHD_destroy_post_processor(r->pPost);
  mem_free(r->zUploadName);
  mem_free(r->zOwnedType);
  str_free(&r->body);
  str_free(&r->out);
  mem_free(r->zSetCookie);
  mem_free(r->zFilename);
  mem_free(r);
  *ppCtx = NULL;
}

/* "host:port" into a socket address; only numeric IPv4 for now. */
static int parse_listen(const char *z, struct sockaddr_in *sa, Err *e) {
  char zHost[64];
  const char *zColon = strrchr(z, ':');
  long port;
  char *zEnd = NULL;
  memset(sa, 0, sizeof *sa);
  if (!zColon || (size_t)(zColon - z) >= sizeof zHost) {
    return err_set(e, FZ_USAGE, "--listen 应为 地址:端口，如 127.0.0.1:8080");
  }
  memcpy(zHost, z, (size_t)(zColon - z));
  zHost[zColon - z] = 0;
  port = strtol(zColon + 1, &zEnd, 10);
  if (*zEnd || port < 1 || port > 65535 || inet_pton(AF_INET, zHost, &sa->sin_addr) != 1) {
    return err_set(e, FZ_USAGE, "--listen 应为 地址:端口，如 127.0.0.1:8080");
  }
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  return FZ_OK;
}

/* Start the daemon (see http.h); the worker threads serve from here on. */
int http_start(const HttpConfig *cfg, struct MHD_Daemon **ppDaemon, Err *e) {
  struct sockaddr_in sa;
  long nCpu = sysconf(_SC_NPROCESSORS_ONLN);
  /* A write waits on its thread for the group commit that holds it, so
   * more threads than cores: they are what fills a batch. */
  unsigned nThread = (unsigned)(cfg->nThread > 0 ? cfg->nThread
                                                 : (nCpu > 2 ? 8 * nCpu : 16));
  int rc = parse_listen(cfg->zListen, &sa, e);
  struct MHD_OptionItem aTls[] = {
      {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cfg->zTlsCert},
      {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)cfg->zTlsKey},
      {MHD_OPTION_END, 0, NULL},
  };
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD;
  *ppDaemon = NULL;
  if (rc == FZ_OK) rc = mhd_load(e);
  if (rc != FZ_OK) return rc;
  if (cfg->zTlsCert) {
    if (mhd.MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
      return err_set(e, FZ_USAGE, "此 libmicrohttpd 不支持 TLS");
    flags |= MHD_USE_TLS;
  } else {
    aTls[0].option = MHD_OPTION_END;
  }
  gCfg = cfg;
  cache_enable(!cfg->noCache);
  rc = commit_start(cfg->zDb, e);
  if (rc != FZ_OK) return rc;
  *ppDaemon = mhd.MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
                               MHD_OPTION_ARRAY, aTls,
                               MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                               MHD_OPTION_THREAD_POOL_SIZE, nThread,
                               MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                               MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
                               MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
  if (!*ppDaemon) {
    rc = err_set(e, FZ_IO, "无法在 %s 上监听：%s", cfg->zListen, strerror(errno));
    commit_stop();
    return rc;
  }
  fprintf(stderr, "fazhi 正在 %s://%s/ 上服务（数据库 %s，%u 个工作线程）\n",
          cfg->zTlsCert ? "https" : "http", cfg->zListen, cfg->zDb, nThread);
  return FZ_OK;
}

void http_stop(struct MHD_Daemon *d) {
  if (!d) return;
  mhd.MHD_stop_daemon(d); /* waits for in-flight requests (writes included) */
  commit_stop();
  close_worker_dbs();
}

/* SIGTERM and SIGINT are blocked before any thread starts, so every
 * thread inherits the mask and the main thread alone takes them, in
 * sigwait: a handler would run on whichever thread the kernel chose and
 * could leave the main thread asleep for ever. */
int http_serve(const HttpConfig *cfg, Err *e) {
  struct MHD_Daemon *d = NULL;
  sigset_t stop;
  int sig = 0, rc;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  rc = http_start(cfg, &d, e);
  if (rc == FZ_OK) {
    while (sigwait(&stop, &sig) != 0) {
    }
    http_stop(d);
    fprintf(stderr, "fazhi 已停止\n");
  }
  pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
  return rc;
}
