/* register.c — the register engine's in-memory half: finding registers and
 * fields, parsing a clerk's text into typed values, formatting values for
 * output, and the checks that need no database (required fields, the date
 * order table, each register's hook). Storage is in regstore.c. */
#include "reg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/idnum.h"
#include "../base/mem.h"
#include "../base/money.h"
#include "../base/utf8.h"
#include "../base/uscc.h"

const Register *reg_find(const char *zName) {
  int i;
  for (i = 0; i < reg_count; i++) {
    if (strcmp(reg_all[i]->zName, zName) == 0 ||
        strcmp(reg_all[i]->zLabel, zName) == 0)
      return reg_all[i];
  }
  return NULL;
}

int reg_index(const Register *p) {
  int i;
  for (i = 0; i < reg_count && reg_all[i] != p; i++) {
  }
  return i;
}

int reg_actor_edits(const Actor *a, const Register *p) {
  return !(a->readOnly >> reg_index(p) & 1);
}

int reg_may_write(const Actor *a, const Register *p, Err *e) {
  if (reg_actor_edits(a, p)) return FZ_OK;
  return err_set(e, FZ_FORBIDDEN, "您没有编辑“%s”登记簿的权限", p->zLabel);
}

int reg_field_index(const Register *p, const char *zName) {
  int i;
  /* A register's hooks name fields with the literals of its own table:
   * the same pointer, found without comparing text (every imported row
   * runs its hooks). */
  for (i = 0; i < p->nField; i++) {
    if (p->aField[i].zName == zName) return i;
  }
  for (i = 0; i < p->nField; i++) {
    if (strcmp(p->aField[i].zName, zName) == 0 ||
        strcmp(p->aField[i].zLabel, zName) == 0)
      return i;
  }
  return -1;
}

const char *reg_type_name(int type) {
  static const char *const az[] = {"文本", "整数", "金额（元）", "日期", "是/否",
                                   "选项", "机构编码", "身份证号码",
                                   "统一社会信用代码", "记录编号"};
  return (type >= 0 && type <= FT_REF) ? az[type] : "?";
}

void reg_record_init(Record *r, const Register *p) {
  memset(r, 0, sizeof *r);
  r->pReg = p;
  r->aVal = mem_zalloc(sizeof(RegValue) * (size_t)(p->nField ? p->nField : 1));
}

static void reg_value_clear(RegValue *v) {
  mem_free(v->z);
  memset(v, 0, sizeof *v);
}

void reg_record_reset(Record *r) {
  const Register *p = r->pReg;
  RegValue *aVal = r->aVal;
  int i;
  if (!p) return;
  for (i = 0; i < p->nField; i++) reg_value_clear(&aVal[i]);
  mem_free(r->zOrg);
  mem_free(r->zVoidReason);
  mem_free(r->zCreatedAt);
  mem_free(r->zCreatedBy);
  mem_free(r->zUpdatedAt);
  mem_free(r->zUpdatedBy);
  memset(r, 0, sizeof *r);
  r->pReg = p;
  r->aVal = aVal;
}

void reg_record_clear(Record *r) {
  if (!r->pReg) return;
  reg_record_reset(r);
  mem_free(r->aVal);
  memset(r, 0, sizeof *r);
}

void reg_record_copy(Record *dst, const Record *src) {
  int i;
  reg_record_init(dst, src->pReg);
  for (i = 0; i < src->pReg->nField; i++) {
    dst->aVal[i] = src->aVal[i];
    dst->aVal[i].z = mem_strdup(src->aVal[i].z);
  }
  dst->id = src->id;
  dst->zOrg = mem_strdup(src->zOrg);
  dst->voided = src->voided;
  dst->zVoidReason = mem_strdup(src->zVoidReason);
  dst->zCreatedAt = mem_strdup(src->zCreatedAt);
  dst->zCreatedBy = mem_strdup(src->zCreatedBy);
  dst->zUpdatedAt = mem_strdup(src->zUpdatedAt);
  dst->zUpdatedBy = mem_strdup(src->zUpdatedBy);
  dst->batch = src->batch;
  dst->batchRow = src->batchRow;
}

/* Copy of z without surrounding ASCII white space. */
static char *trimmed_copy(const char *z) {
  size_t n;
  while (*z == ' ' || *z == '\t' || *z == '\r' || *z == '\n') z++;
  n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t' || z[n - 1] == '\r' ||
                   z[n - 1] == '\n'))
    n--;
  return mem_strndup(z, n);
}

/* Whole number with optional sign and thousands commas ("1,733"). */
static int parse_int(const char *z, int64_t *pV) {
  char buf[32];
  size_t n = 0;
  char *zEnd;
  for (; *z && n + 1 < sizeof buf; z++) {
    if (*z != ',') buf[n++] = *z;
  }
  if (*z || n == 0) return 0;
  buf[n] = 0;
  errno = 0;
  *pV = strtoll(buf, &zEnd, 10);
  return errno == 0 && *zEnd == 0;
}

static int parse_bool(const char *z, int64_t *pV) {
  static const char *const azTrue[] = {"是", "1", "true", "TRUE", "yes", "Y", "y", "√"};
  static const char *const azFalse[] = {"否", "0", "false", "FALSE", "no", "N", "n", "×"};
  size_t i;
  for (i = 0; i < sizeof azTrue / sizeof azTrue[0]; i++) {
    if (strcmp(z, azTrue[i]) == 0) return (*pV = 1), 1;
    if (strcmp(z, azFalse[i]) == 0) return (*pV = 0), 1;
  }
  return 0;
}

/* Excel's CSVs write dates with a time ("2024/3/5 0:00"): drop the time. */
static void drop_time_part(char *z) {
  char *zSp = strchr(z, ' ');
  const char *p;
  if (!zSp) return;
  for (p = zSp + 1; *p; p++) {
    if (!((*p >= '0' && *p <= '9') || *p == ':')) return;
  }
  *zSp = 0;
}

static void enum_choices(const RegEnum *a, Str *s) {
  int i;
  for (i = 0; a[i].zCode; i++) {
    str_appendf(s, "%s%s（%s）", i ? "、" : "", a[i].zLabel, a[i].zCode);
  }
}

int reg_parse_value(const RegField *f, const char *z, RegValue *v, Err *e) {
  Date d;
  int i;
  switch (f->type) {
  case FT_TEXT: {
    size_t max = f->max ? (size_t)f->max
                        : (f->flags & F_LONG) ? REG_LONG_MAX : REG_TEXT_MAX;
    if (!utf8_valid(z, strlen(z), NULL))
      return err_set(e, FZ_INVALID, "不是有效的 UTF-8 文本");
    if (utf8_count(z, strlen(z)) > max)
      return err_set(e, FZ_INVALID, "超过%zu个字", max);
    v->z = mem_strdup(z);
    return FZ_OK;
  }
  case FT_INT:
  case FT_REF:
    if (!parse_int(z, &v->i))
      return err_set(e, FZ_INVALID, "“%s”不是整数", z);
    if (f->type == FT_INT && (f->min || f->max) &&
        (v->i < f->min || v->i > f->max)) {
      return err_set(e, FZ_INVALID, "%lld 超出范围（%lld 至 %lld）",
                     (long long)v->i, (long long)f->min, (long long)f->max);
    }
    if (f->type == FT_REF && v->i <= 0)
      return err_set(e, FZ_INVALID, "记录编号应为正整数");
    return FZ_OK;
  case FT_MONEY:
    return money_parse(z, &v->i, e);
  case FT_BOOL:
    if (!parse_bool(z, &v->i))
      return err_set(e, FZ_INVALID, "“%s”应为“是”或“否”", z);
    return FZ_OK;
  case FT_DATE: {
    /* on the stack when short (every date of an import passes here) */
    char aBuf[64], *zCopy;
    size_t n = strlen(z);
    int rc;
    zCopy = n < sizeof aBuf ? memcpy(aBuf, z, n + 1) : mem_strdup(z);
    drop_time_part(zCopy);
    rc = date_parse(zCopy, 0, &d, e);
    if (zCopy != aBuf) mem_free(zCopy);
    if (rc != FZ_OK) return rc;
    {
      Str s = STR_INIT;
      date_format_iso(&s, d);
      v->z = str_detach(&s);
    }
    return FZ_OK;
  }
  case FT_ENUM:
    for (i = 0; f->aEnum[i].zCode; i++) {
      if (strcmp(z, f->aEnum[i].zCode) == 0 ||
          strcmp(z, f->aEnum[i].zLabel) == 0) {
        v->z = mem_strdup(f->aEnum[i].zCode);
        return FZ_OK;
      }
    }
    {
      Str s = STR_INIT;
      int rc;
      enum_choices(f->aEnum, &s);
      rc = err_set(e, FZ_INVALID, "“%s”不是可选的值；可选：%s", z,
                   str_cstr(&s));
      str_free(&s);
      return rc;
    }
  case FT_IDNUM: {
    char *zUp = mem_strdup(z);
    size_t n = strlen(zUp);
    if (n && zUp[n - 1] == 'x') zUp[n - 1] = 'X';
    if (idnum_check(zUp, date_today(), e) != FZ_OK) {
      mem_free(zUp);
      return FZ_INVALID;
    }
    v->z = zUp;
    return FZ_OK;
  }
  case FT_USCC:
    if (uscc_check(z, e) != FZ_OK) return FZ_INVALID;
    v->z = mem_strdup(z);
    return FZ_OK;
  case FT_ORG:
    v->z = mem_strdup(z); /* resolved against org_unit when stored */
    return FZ_OK;
  }
  return err_set(e, FZ_INVALID, "未知的字段类型");
}

/* Trim into buf when it fits (every cell of an import passes here), else
 * into a heap copy the caller frees. */
static char *trim_into(const char *z, char *buf, size_t nBuf, char **pzHeap) {
  size_t n;
  *pzHeap = NULL;
  while (*z == ' ' || *z == '\t' || *z == '\r' || *z == '\n') z++;
  n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t' || z[n - 1] == '\r' ||
                   z[n - 1] == '\n'))
    n--;
  if (n < nBuf) {
    memcpy(buf, z, n);
    buf[n] = 0;
    return buf;
  }
  return *pzHeap = mem_strndup(z, n);
}

int reg_set_text(Record *r, int i, const char *z, Err *e) {
  const RegField *f = &r->pReg->aField[i];
  RegValue v;
  char buf[256], *zHeap;
  char *zT = trim_into(z ? z : "", buf, sizeof buf, &zHeap);
  int rc = FZ_OK;
  memset(&v, 0, sizeof v);
  v.isSet = 1;
  if (zT[0] == 0) {
    v.isNull = 1;
  } else {
    Err eVal = ERR_INIT;
    rc = reg_parse_value(f, zT, &v, &eVal);
    if (rc != FZ_OK) {
      err_set_at(e, rc, 0, f->zLabel, "%s：%s", f->zLabel, err_msg(&eVal));
      reg_value_clear(&v);
      err_clear(&eVal); /* only a failure filled it */
    }
  }
  mem_free(zHeap);
  if (rc == FZ_OK) {
    reg_value_clear(&r->aVal[i]);
    r->aVal[i] = v;
  }
  return rc;
}

int reg_set(Record *r, const char *zField, const char *z, Err *e) {
  int i;
  if (strcmp(zField, "org") == 0 || strcmp(zField, "机构") == 0) {
    char *zT = trimmed_copy(z ? z : "");
    mem_free(r->zOrg);
    r->zOrg = zT[0] ? zT : (mem_free(zT), (char *)NULL);
    return FZ_OK;
  }
  i = reg_field_index(r->pReg, zField);
  if (i < 0) {
    return err_set_at(e, FZ_INVALID, 0, zField, "%s没有字段“%s”",
                      r->pReg->zLabel, zField);
  }
  return reg_set_text(r, i, z, e);
}

const RegValue *reg_value(const Record *r, const char *zField) {
  int i = reg_field_index(r->pReg, zField);
  if (i < 0 || !r->aVal[i].isSet || r->aVal[i].isNull) return NULL;
  return &r->aVal[i];
}

const char *reg_text(const Record *r, const char *zField) {
  const RegValue *v = reg_value(r, zField);
  return v ? v->z : NULL;
}

const char *reg_enum_label(const Record *r, const char *zField) {
  int i = reg_field_index(r->pReg, zField), k;
  const char *z = reg_text(r, zField);
  if (i < 0 || !z || !r->pReg->aField[i].aEnum) return z ? z : "";
  for (k = 0; r->pReg->aField[i].aEnum[k].zCode; k++) {
    if (strcmp(r->pReg->aField[i].aEnum[k].zCode, z) == 0)
      return r->pReg->aField[i].aEnum[k].zLabel;
  }
  return z;
}

int reg_fail(const Record *r, Err *e, const char *zField, const char *fmt,
             ...) {
  int i = reg_field_index(r->pReg, zField);
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, FZ_INVALID, 0, i >= 0 ? r->pReg->aField[i].zLabel : zField, fmt,
           ap);
  va_end(ap);
  return FZ_INVALID;
}

void reg_format_value(const Record *r, int i, int useLabel, const Actor *a,
                      Str *s) {
  const RegField *f = &r->pReg->aField[i];
  const RegValue *v = &r->aVal[i];
  int k;
  if (!v->isSet || v->isNull) return;
  switch (f->type) {
  case FT_INT:
  case FT_REF: str_appendf(s, "%lld", (long long)v->i); break;
  case FT_MONEY: money_format_yuan(s, v->i); break;
  case FT_BOOL: str_puts(s, v->i ? "是" : "否"); break;
  case FT_ENUM:
    for (k = 0; useLabel && f->aEnum[k].zCode; k++) {
      if (strcmp(f->aEnum[k].zCode, v->z) == 0) {
        str_puts(s, f->aEnum[k].zLabel);
        return;
      }
    }
    str_puts(s, v->z);
    break;
  case FT_IDNUM:
    if (a && reg_actor_edits(a, r->pReg)) str_puts(s, v->z);
    else idnum_mask(s, v->z);
    break;
  default: str_puts(s, v->z); break;
  }
}

/* Record one problem: into the batch list (import) or as the error. */
static void reg_problem(const Record *r, int listAll, long row, int iField,
                        Err *eOne, Err *e) {
  if (listAll) {
    Str val = STR_INIT;
    if (iField >= 0) reg_format_value(r, iField, 0, NULL, &val);
    err_add_item(e, row, eOne->field, val.n ? str_cstr(&val) : NULL, "%s",
                 err_msg(eOne));
    str_free(&val);
  } else {
    err_move(e, eOne);
  }
  err_clear(eOne);
}

static int reg_check_required(const Record *r, int listAll, long row, Err *e) {
  int i, nBad = 0;
  if (!r->zOrg) {
    Err eOne = ERR_INIT;
    err_set_at(&eOne, FZ_INVALID, row, "机构", "缺少必填字段“机构”（org）");
    reg_problem(r, listAll, row, -1, &eOne, e);
    nBad++;
  }
  for (i = 0; i < r->pReg->nField; i++) {
    const RegField *f = &r->pReg->aField[i];
    if ((f->flags & F_REQUIRED) && (!r->aVal[i].isSet || r->aVal[i].isNull)) {
      Err eOne = ERR_INIT;
      err_set_at(&eOne, FZ_INVALID, row, f->zLabel, "缺少必填字段“%s”（%s）",
                 f->zLabel, f->zName);
      reg_problem(r, listAll, row, -1, &eOne, e);
      nBad++;
    }
  }
  return nBad;
}

static int reg_check_order(const Record *r, int listAll, long row, Err *e) {
  const RegOrder *o = r->pReg->aOrder;
  int nBad = 0;
  for (; o && o->zBefore; o++) {
    const char *zA = reg_text(r, o->zBefore), *zB = reg_text(r, o->zAfter);
    if (zA && zB && strcmp(zA, zB) > 0) {
      Err eOne = ERR_INIT;
      int iA = reg_field_index(r->pReg, o->zBefore);
      int iB = reg_field_index(r->pReg, o->zAfter);
      err_set_at(&eOne, FZ_INVALID, row, r->pReg->aField[iB].zLabel,
                 "%s（%s）早于%s（%s），日期顺序不对", r->pReg->aField[iB].zLabel,
                 zB, r->pReg->aField[iA].zLabel, zA);
      reg_problem(r, listAll, row, iB, &eOne, e);
      nBad++;
    }
  }
  return nBad;
}

int reg_validate(const Record *r, int listAll, long row, Err *e) {
  int nBad = reg_check_required(r, listAll, row, e);
  nBad += reg_check_order(r, listAll, row, e);
  if (nBad == 0 && r->pReg->xCheck) {
    Err eOne = ERR_INIT;
    if (r->pReg->xCheck(r, &eOne) != FZ_OK) {
      int iField = eOne.field ? reg_field_index(r->pReg, eOne.field) : -1;
      reg_problem(r, listAll, row, iField, &eOne, e);
      nBad++;
    }
    err_clear(&eOne);
  }
  return nBad ? FZ_INVALID : FZ_OK;
}
