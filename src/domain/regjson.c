/* regjson.c — records to and from JSON (see regjson.h). */
#include "regjson.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"

static json_t *value_json(const Record *r, int i, const Actor *a) {
  const RegField *f = &r->pReg->aField[i];
  const RegValue *v = &r->aVal[i];
  Str s = STR_INIT;
  json_t *j;
  if (!v->isSet || v->isNull) return json_null();
  switch (f->type) {
  case FT_INT:
  case FT_REF: return json_integer((json_int_t)v->i);
  case FT_BOOL: return json_boolean(v->i);
  default: break;
  }
  reg_format_value(r, i, 0, a, &s);
  j = json_string(str_cstr(&s));
  str_free(&s);
  return j;
}

static json_t *text_or_null(const char *z) {
  return z ? json_string(z) : json_null();
}

json_t *reg_to_json(const Record *r, const Actor *a) {
  json_t *o = json_object();
  int i;
  static const Actor system = {"system", NULL, 0};
  if (!a) a = &system;
  json_object_set_new(o, "id", json_integer((json_int_t)r->id));
  json_object_set_new(o, "org", text_or_null(r->zOrg));
  for (i = 0; i < r->pReg->nField; i++) {
    json_object_set_new(o, r->pReg->aField[i].zName, value_json(r, i, a));
  }
  json_object_set_new(o, "voided", json_boolean(r->voided));
  if (r->voided) json_object_set_new(o, "void_reason", text_or_null(r->zVoidReason));
  if (r->batch) {
    json_object_set_new(o, "batch", json_integer((json_int_t)r->batch));
    json_object_set_new(o, "batch_row", json_integer((json_int_t)r->batchRow));
  }
  if (r->zCreatedAt) {
    json_object_set_new(o, "created_at", json_string(r->zCreatedAt));
    json_object_set_new(o, "created_by", text_or_null(r->zCreatedBy));
    json_object_set_new(o, "updated_at", text_or_null(r->zUpdatedAt));
    json_object_set_new(o, "updated_by", text_or_null(r->zUpdatedBy));
  }
  return o;
}

char *reg_to_json_text(const Record *r, const Actor *a) {
  json_t *o = reg_to_json(r, a);
  char *z = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  char *zOut = mem_strdup(z);
  free(z);
  json_decref(o);
  return zOut;
}

static int is_read_only_key(const char *zKey) {
  static const char *const az[] = {"id",         "voided",     "void_reason",
                                   "created_at", "created_by", "updated_at",
                                   "updated_by", "batch",      "batch_row"};
  size_t i;
  for (i = 0; i < sizeof az / sizeof az[0]; i++) {
    if (strcmp(zKey, az[i]) == 0) return 1;
  }
  return 0;
}

/* The text a clerk would have typed for a JSON scalar. */
static int json_as_text(const json_t *v, Str *s) {
  switch (json_typeof(v)) {
  case JSON_STRING: str_puts(s, json_string_value(v)); return 1;
  case JSON_INTEGER: str_appendf(s, "%lld", (long long)json_integer_value(v)); return 1;
  case JSON_REAL: str_appendf(s, "%.15g", json_real_value(v)); return 1;
  case JSON_TRUE: str_puts(s, "是"); return 1;
  case JSON_FALSE: str_puts(s, "否"); return 1;
  case JSON_NULL: return 1;
  default: return 0;
  }
}

int reg_from_json(Record *r, const json_t *obj, int listAll, Err *e) {
  const char *zKey;
  json_t *v;
  int nBad = 0;
  if (!json_is_object(obj)) return err_set(e, FZ_INVALID, "请求内容应为 JSON 对象");
  json_object_foreach((json_t *)obj, zKey, v) {
    Err eOne = ERR_INIT;
    Str s = STR_INIT;
    int rc;
    if (is_read_only_key(zKey)) continue;
    if (!json_as_text(v, &s)) {
      rc = err_set_at(&eOne, FZ_INVALID, 0, zKey, "字段“%s”的值应为文本、数字或布尔值",
                      zKey);
    } else {
      rc = reg_set(r, zKey, str_cstr(&s), &eOne);
    }
    if (rc != FZ_OK) {
      nBad++;
      if (listAll) {
        err_add_item(e, 0, eOne.field ? eOne.field : zKey, str_cstr(&s), "%s",
                     err_msg(&eOne));
        err_clear(&eOne);
      } else {
        err_move(e, &eOne);
      }
    }
    str_free(&s);
  }
  return nBad ? FZ_INVALID : FZ_OK;
}
