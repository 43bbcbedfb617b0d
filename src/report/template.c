/* template.c — parse and render the report template (see template.h).
 * A block's text is cut into tokens (text, {{…}} tags); one pass checks or
 * renders them, keeping a stack of open conditionals so text is emitted
 * only while every enclosing condition holds. */
#include "template.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "breakdown.h"

#define MAX_DEPTH 8

enum { T_TEXT, T_METRIC, T_SLOT, T_LEAD, T_END_LEAD, T_IF, T_ELSE, T_END_IF,
       T_VAR };

typedef struct Token {
  int type;
  const char *z; /* T_TEXT: the text; else the tag's content */
  int n;
  int line;
} Token;

typedef struct Render {
  const ReportInput *in; /* NULL when only checking */
  const char *zName;
  Doc *d;
  DocBlock *b;
  int style;             /* RUN_PLAIN or RUN_LEAD */
  MetricValue aCache[128];
  int nCache;
  Err *e;
} Render;

/* The line a byte of the block came from: aLine holds each joined line's
 * starting offset and number. */
typedef struct Block {
  int kind;
  Str text;
  int aOff[256], aLine[256], nLine;
} Block;

static int block_line(const Block *bl, size_t off) {
  int i, line = bl->nLine ? bl->aLine[0] : 0;
  for (i = 0; i < bl->nLine && (size_t)bl->aOff[i] <= off; i++) line = bl->aLine[i];
  return line;
}

static int fail(Render *r, int line, const char *zWhat, const char *z, int n) {
  return err_set(r->e, FZ_INVALID, "模板 %s 第%d行：%s“%.*s”", r->zName, line,
                 zWhat, n, z);
}

/* ---- Metrics ---- */

static int metric_value(Render *r, const Metric *m, MetricValue **ppV) {
  int i, rc;
  for (i = 0; i < r->nCache; i++) {
    if (r->aCache[i].pMetric == m) {
      *ppV = &r->aCache[i];
      return FZ_OK;
    }
  }
  if (r->nCache == (int)(sizeof r->aCache / sizeof r->aCache[0])) {
    return err_set(r->e, FZ_INVALID, "模板引用的指标过多");
  }
  rc = metric_eval(r->in->db, m, r->in->scope, &r->aCache[r->nCache], r->e);
  if (rc == FZ_OK) *ppV = &r->aCache[r->nCache++];
  return rc;
}

/* "name|fmt" → the metric and the format (empty when none). */
static const Metric *split_ref(const Token *t, char *zFmt, size_t nFmt) {
  char zName[96];
  const char *zBar = memchr(t->z, '|', (size_t)t->n);
  int nName = zBar ? (int)(zBar - t->z) : t->n;
  zFmt[0] = 0;
  if (nName >= (int)sizeof zName) return NULL;
  memcpy(zName, t->z, (size_t)nName);
  zName[nName] = 0;
  if (zBar) {
    int nF = t->n - nName - 1;
    if (nF >= (int)nFmt) nF = (int)nFmt - 1;
    memcpy(zFmt, zBar + 1, (size_t)nF);
    zFmt[nF] = 0;
  }
  return metric_find(zName);
}

/* Does the format fit the metric's kind? Asked of a zero value. */
static int format_fits(const Metric *m, const char *zFmt) {
  MetricValue v;
  Str s = STR_INIT;
  Err e = ERR_INIT;
  int rc;
  memset(&v, 0, sizeof v);
  v.pMetric = m;
  rc = metric_format(&v, zFmt, &s, &e);
  str_free(&s);
  err_clear(&e);
  return rc == FZ_OK;
}

static int do_metric(Render *r, const Token *t, int emit) {
  char zFmt[16];
  const Metric *m = split_ref(t, zFmt, sizeof zFmt);
  MetricValue *v = NULL;
  Str s = STR_INIT;
  int rc;
  if (!m) return fail(r, t->line, "未知的指标", t->z, t->n);
  if (zFmt[0] && !metric_format_known(zFmt)) return fail(r, t->line, "未知的格式", t->z, t->n);
  if (!format_fits(m, zFmt)) return fail(r, t->line, "格式不适用于该指标", t->z, t->n);
  if (!emit) return FZ_OK;
  rc = metric_value(r, m, &v);
  if (rc == FZ_OK) rc = metric_format(v, zFmt, &s, r->e);
  if (rc == FZ_OK) doc_run(r->b, RUN_FIGURE, str_cstr(&s), (int)s.n, m->zName);
  str_free(&s);
  return rc;
}

/* ---- Narrative slots and variables ---- */

static int do_slot(Render *r, const Token *t, int emit) {
  char zField[64];
  const Register *p = reg_find("report");
  const char *z;
  if (t->n >= (int)sizeof zField) return fail(r, t->line, "未知的叙述字段", t->z, t->n);
  memcpy(zField, t->z, (size_t)t->n);
  zField[t->n] = 0;
  if (!p || reg_field_index(p, zField) < 0) {
    return fail(r, t->line, "年度报告没有叙述字段", t->z, t->n);
  }
  if (!emit || !r->in->pNarrative) return FZ_OK;
  z = reg_text(r->in->pNarrative, zField);
  if (z) doc_run(r->b, r->style, z, -1, NULL);
  return FZ_OK;
}

static int do_var(Render *r, const Token *t, int emit) {
  char zYear[8];
  const char *z = NULL;
  if (t->n == 6 && memcmp(t->z, "issuer", 6) == 0) z = emit ? r->in->zIssuer : "";
  else if (t->n == 3 && memcmp(t->z, "org", 3) == 0) z = emit ? r->in->zOrgName : "";
  else if (t->n == 4 && memcmp(t->z, "date", 4) == 0) z = emit ? r->in->zDate : "";
  else if (t->n == 4 && memcmp(t->z, "year", 4) == 0) {
    snprintf(zYear, sizeof zYear, "%d", emit ? r->in->scope->year : 0);
    z = zYear;
  } else {
    return fail(r, t->line, "未知的变量", t->z, t->n);
  }
  if (emit && z) doc_run(r->b, r->style, z, -1, NULL);
  return FZ_OK;
}

/* The truth of {{#if [!]metric}}. */
static int do_cond(Render *r, const Token *t, int emit, int *pTrue) {
  Token inner = *t;
  const Metric *m;
  MetricValue *v = NULL;
  char zFmt[16];
  int neg = t->n > 0 && t->z[0] == '!', rc;
  if (neg) {
    inner.z++;
    inner.n--;
  }
  m = split_ref(&inner, zFmt, sizeof zFmt);
  if (!m || zFmt[0]) return fail(r, t->line, "条件中未知的指标", t->z, t->n);
  *pTrue = 1;
  if (!emit) return FZ_OK;
  rc = metric_value(r, m, &v);
  if (rc == FZ_OK) *pTrue = metric_truth(v) != neg;
  return rc;
}

/* ---- Tokens ---- */

/* Classify the tag between {{ and }}. */
static void classify(Token *t) {
  static const struct { const char *z; int type; } aTag[] = {
      {"#lead", T_LEAD}, {"/lead", T_END_LEAD}, {"else", T_ELSE}, {"/if", T_END_IF}};
  size_t i;
  for (i = 0; i < sizeof aTag / sizeof aTag[0]; i++) {
    if ((size_t)t->n == strlen(aTag[i].z) && memcmp(t->z, aTag[i].z, (size_t)t->n) == 0) {
      t->type = aTag[i].type;
      return;
    }
  }
  if (t->n > 4 && memcmp(t->z, "#if ", 4) == 0) {
    t->type = T_IF;
    t->z += 4;
    t->n -= 4;
  } else if (t->n > 5 && memcmp(t->z, "text:", 5) == 0) {
    t->type = T_SLOT;
    t->z += 5;
    t->n -= 5;
  } else if (memchr(t->z, '.', (size_t)t->n)) {
    t->type = T_METRIC;
  } else {
    t->type = T_VAR;
  }
}

/* Run one token; pActive[depth] says whether text is being emitted. */
static int run_token(Render *r, Token *t, int *aActive, int *pDepth) {
  int emit = aActive[*pDepth] && r->in != NULL, truth = 1, rc = FZ_OK;
  switch (t->type) {
  case T_TEXT:
    if (emit) doc_run(r->b, r->style, t->z, t->n, NULL);
    return FZ_OK;
  case T_METRIC: return do_metric(r, t, emit);
  case T_SLOT: return do_slot(r, t, emit);
  case T_VAR: return do_var(r, t, emit);
  case T_LEAD: r->style = RUN_LEAD; return FZ_OK;
  case T_END_LEAD: r->style = RUN_PLAIN; return FZ_OK;
  case T_IF:
    if (*pDepth + 1 >= MAX_DEPTH) return fail(r, t->line, "条件嵌套过深", t->z, t->n);
    rc = do_cond(r, t, emit, &truth);
    ++*pDepth;
    aActive[*pDepth] = aActive[*pDepth - 1] && truth;
    aActive[MAX_DEPTH + *pDepth] = aActive[*pDepth - 1] && !truth; /* else */
    return rc;
  case T_ELSE:
    if (*pDepth == 0) return fail(r, t->line, "没有对应 #if 的", "{{else}}", 8);
    aActive[*pDepth] = aActive[MAX_DEPTH + *pDepth];
    return FZ_OK;
  default: /* T_END_IF */
    if (*pDepth == 0) return fail(r, t->line, "没有对应 #if 的", "{{/if}}", 7);
    --*pDepth;
    return FZ_OK;
  }
}

/* Check or render one block's text. */
static int run_block(Render *r, const Block *bl) {
  const char *z = str_cstr(&bl->text), *p = z;
  int aActive[2 * MAX_DEPTH] = {1}, depth = 0, rc = FZ_OK;
  r->style = RUN_PLAIN;
  while (*p && rc == FZ_OK) {
    const char *zOpen = strstr(p, "{{"), *zClose;
    Token t;
    memset(&t, 0, sizeof t);
    if (zOpen != p) {
      t.type = T_TEXT;
      t.z = p;
      t.n = zOpen ? (int)(zOpen - p) : (int)strlen(p);
      t.line = block_line(bl, (size_t)(p - z));
      p += t.n;
      rc = run_token(r, &t, aActive, &depth);
      continue;
    }
    zClose = strstr(zOpen + 2, "}}");
    t.line = block_line(bl, (size_t)(zOpen - z));
    if (!zClose) return fail(r, t.line, "缺少 }} 的标记", zOpen, 12);
    t.z = zOpen + 2;
    t.n = (int)(zClose - zOpen - 2);
    classify(&t);
    rc = run_token(r, &t, aActive, &depth);
    p = zClose + 2;
  }
  if (rc == FZ_OK && depth != 0) {
    rc = err_set(r->e, FZ_INVALID, "模板 %s 第%d行起的段落：{{#if}} 没有对应的 {{/if}}",
                 r->zName, block_line(bl, 0));
  }
  return rc;
}

/* ---- Blocks ---- */

static int block_kind(const char *z, int *pKind, const char **pzRest) {
  static const struct { const char *z; int kind; } aKind[] = {
      {"@title", DOC_TITLE}, {"@h1", DOC_HEADING1}, {"@para", DOC_PARA},
      {"@sign", DOC_SIGNATURE}, {"@date", DOC_DATE}, {"@breakdown", DOC_TABLE}};
  size_t i, n;
  for (i = 0; i < sizeof aKind / sizeof aKind[0]; i++) {
    n = strlen(aKind[i].z);
    if (strncmp(z, aKind[i].z, n) == 0 && (z[n] == ' ' || z[n] == 0)) {
      *pKind = aKind[i].kind;
      *pzRest = z[n] ? z + n + 1 : z + n;
      return 1;
    }
  }
  return 0;
}

/* @breakdown: the counties below the report's org, side by side (a
 * prefecture's or province's report); a county's report has none. */
static int run_breakdown(Render *r, Block *bl) {
  Breakdown b;
  int rc;
  if (bl->text.n > strspn(str_cstr(&bl->text), " \t")) {
    return fail(r, bl->aLine[0], "@breakdown 后不应有文字：", str_cstr(&bl->text),
                (int)bl->text.n);
  }
  if (!r->in) return FZ_OK;
  rc = breakdown_build(r->in->db, r->in->scope, &b, r->e);
  if (rc == FZ_OK) rc = breakdown_doc(&b, r->d, r->e);
  breakdown_clear(&b);
  return rc;
}

/* Render (or check) the finished block, then start over. */
static int flush_block(Render *r, Block *bl) {
  int rc = FZ_OK;
  if (bl->kind == DOC_TABLE) {
    rc = run_breakdown(r, bl);
  } else if (bl->kind >= 0) {
    r->b = r->in ? doc_block(r->d, bl->kind) : NULL;
    rc = run_block(r, bl);
    if (rc == FZ_OK && r->b && r->b->nRun == 0) r->d->nBlock--; /* came out empty */
  }
  str_reset(&bl->text);
  bl->nLine = 0;
  bl->kind = -1;
  return rc;
}

static void block_add_line(Block *bl, const char *z, size_t n, int line) {
  if (bl->nLine < (int)(sizeof bl->aOff / sizeof bl->aOff[0])) {
    bl->aOff[bl->nLine] = (int)bl->text.n;
    bl->aLine[bl->nLine++] = line;
  }
  str_append(&bl->text, z, n);
}

static int run_template(Render *r, const char *zText) {
  Block bl;
  const char *p = zText;
  int line = 0, rc = FZ_OK;
  memset(&bl, 0, sizeof bl);
  bl.kind = -1;
  while (*p && rc == FZ_OK) {
    const char *zEol = strchr(p, '\n'), *zRest;
    size_t n = zEol ? (size_t)(zEol - p) : strlen(p);
    char *zLine = mem_strndup(p, n && p[n - 1] == '\r' ? n - 1 : n);
    int kind;
    line++;
    if (zLine[0] == '#') {
      /* a comment */
    } else if (zLine[0] == 0) {
      rc = flush_block(r, &bl);
    } else if (zLine[0] == '@') {
      rc = flush_block(r, &bl);
      if (rc == FZ_OK && !block_kind(zLine, &kind, &zRest)) {
        rc = fail(r, line, "未知的段落类型", zLine, (int)strcspn(zLine, " "));
      } else if (rc == FZ_OK) {
        bl.kind = kind;
        block_add_line(&bl, zRest, strlen(zRest), line);
      }
    } else if (bl.kind < 0) {
      rc = fail(r, line, "段落应以 @title、@h1、@para、@sign、@date 或 @breakdown 开头：", zLine,
                (int)(strlen(zLine) > 30 ? 30 : strlen(zLine)));
    } else {
      block_add_line(&bl, zLine, strlen(zLine), line);
    }
    mem_free(zLine);
    p = zEol ? zEol + 1 : p + n;
  }
  if (rc == FZ_OK) rc = flush_block(r, &bl);
  str_free(&bl.text);
  return rc;
}

int template_check(const char *zText, const char *zName, Err *e) {
  Render r;
  memset(&r, 0, sizeof r);
  r.zName = zName;
  r.e = e;
  return run_template(&r, zText);
}

int template_render(const char *zText, const char *zName, const ReportInput *in,
                    Doc *d, Err *e) {
  Render r;
  int i, rc = template_check(zText, zName, e); /* every reference, first */
  if (rc != FZ_OK) return rc;
  memset(&r, 0, sizeof r);
  r.in = in;
  r.zName = zName;
  r.d = d;
  r.e = e;
  rc = run_template(&r, zText);
  for (i = 0; i < r.nCache; i++) metric_value_clear(&r.aCache[i]);
  return rc;
}
