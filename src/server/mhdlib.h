/* mhdlib.h — libmicrohttpd, loaded when the server starts (base/dynlib.h):
 * with GnuTLS and p11-kit it cost 5 ms of every command's start. The
 * server calls it through the table `mhd`, e.g. mhd.MHD_queue_response(…). */
#ifndef FZ_MHDLIB_H
#define FZ_MHDLIB_H

#include <microhttpd.h>

#include "../base/dynlib.h"
#include "../base/err.h"

/* Every libmicrohttpd function the server uses. */
#define MHD_FUNCTIONS(X)                                                          \
  X(MHD_add_response_header) X(MHD_create_post_processor)                         \
  X(MHD_create_response_from_buffer) X(MHD_destroy_post_processor)                \
  X(MHD_destroy_response) X(MHD_get_connection_values) X(MHD_is_feature_supported) \
  X(MHD_lookup_connection_value) X(MHD_post_process) X(MHD_queue_response)        \
  X(MHD_start_daemon) X(MHD_stop_daemon)

typedef struct MhdLib {
  MHD_FUNCTIONS(DYNLIB_MEMBER)
} MhdLib;

extern MhdLib mhd;

/* Load libmicrohttpd (once per process; FZ_IO saying what to install). */
int mhd_load(Err *e);

#endif
