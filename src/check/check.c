/* check.c — what `fazhi check` says: the relations found in a report as
 * Chinese text for a reader (failures first) or as JSON for programs, and
 * the names of verdicts and kinds (see check.h). */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>

#include "../base/mem.h"
#include "numeral.h"

static const struct {
  const char *zName, *zLabel;
} aKind[REL_KIND_COUNT] = {
    [REL_RATE] = {"rate", "比率与计数"},
    [REL_SHARE] = {"share", "占比与计数"},
    [REL_SUM] = {"sum", "合计与分项"},
    [REL_BOUND] = {"bound", "部分与整体"},
    [REL_ALL] = {"all_done", "“均已”与计数"},
    [REL_YOY] = {"yoy", "同比变化"},
    [REL_SHARES] = {"shares", "占比之和"},
};

static const struct {
  const char *zName, *zLabel;
} aVerdict[3] = {
    [CHECK_HOLDS] = {"holds", "成立"},
    [CHECK_FAILS] = {"fails", "不成立"},
    [CHECK_UNCLEAR] = {"unclear", "无法确定"},
};

const char *check_verdict_name(int v) {
  return aVerdict[v].zName;
}
const char *check_verdict_label(int v) {
  return aVerdict[v].zLabel;
}
const char *check_kind_name(int k) {
  return aKind[k].zName;
}
const char *check_kind_label(int k) {
  return aKind[k].zLabel;
}

static void write_relation(const CheckReport *r, const CheckRelation *rel,
                           Str *out) {
  const Claim *c = &r->cur.aClaim[rel->iClaim];
  str_appendf(out, "%s  第%ld行第%ld列  %s：%s\n",
              check_verdict_label(rel->verdict), rel->line, rel->col,
              check_kind_label(rel->kind), c->zText);
  str_appendf(out, "  原文：%s\n", rel->zQuote);
  if (rel->zCalc && rel->zCalc[0]) str_appendf(out, "  核算：%s\n", rel->zCalc);
  str_appendf(out, "  说明：%s\n\n", rel->zReason);
}

void check_write_text(const CheckReport *r, const char *zName, Str *out) {
  static const int aOrder[3] = {CHECK_FAILS, CHECK_UNCLEAR, CHECK_HOLDS};
  int k, i;
  str_appendf(out, "检查 %s：找到 %d 个数字，%d 处可核对的关系。\n\n", zName,
              r->cur.nClaim, r->nRel);
  for (k = 0; k < 3; k++) {
    for (i = 0; i < r->nRel; i++) {
      if (r->aRel[i].verdict == aOrder[k]) write_relation(r, &r->aRel[i], out);
    }
  }
  str_appendf(out, "结论：不成立 %d 处，无法确定 %d 处，成立 %d 处。\n",
              r->anVerdict[CHECK_FAILS], r->anVerdict[CHECK_UNCLEAR],
              r->anVerdict[CHECK_HOLDS]);
}

static json_t *claim_json(const Claim *c) {
  char buf[48];
  json_t *o;
  numeral_format(c->v, c->nDec, buf, sizeof buf);
  o = json_pack(
      "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b}", "line",
      (json_int_t)c->line, "col", (json_int_t)c->col, "text", c->zText, "value",
      buf, "unit", c->zUnit, "noun", c->zNoun, "label", c->zLabel, "total",
      (c->flags & CLAIM_TOTAL) != 0, "rate", (c->flags & CLAIM_RATE) != 0,
      "yoy", (c->flags & CLAIM_YOY) != 0, "about",
      (c->hedge & HEDGE_ABOUT) != 0, "over", (c->hedge & HEDGE_OVER) != 0);
  json_object_set_new(o, "verb",
                      c->zVerb ? json_string(c->zVerb) : json_null());
  return o;
}

static json_t *relation_json(const CheckRelation *rel) {
  json_t *aOther = json_array();
  int i;
  for (i = 0; i < rel->nClaim; i++)
    json_array_append_new(aOther, json_integer(rel->aClaim[i]));
  return json_pack(
      "{s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:s, s:s, s:s}", "kind",
      check_kind_name(rel->kind), "verdict", check_verdict_name(rel->verdict),
      "verdict_label", check_verdict_label(rel->verdict), "line",
      (json_int_t)rel->line, "col", (json_int_t)rel->col, "claim",
      (json_int_t)rel->iClaim, "against", aOther, "quote", rel->zQuote, "calc",
      rel->zCalc ? rel->zCalc : "", "reason", rel->zReason);
}

void check_write_json(const CheckReport *r, const char *zName, Str *out) {
  json_t *aClaim = json_array(), *aRel = json_array(), *o;
  char *z;
  int i;
  for (i = 0; i < r->cur.nClaim; i++)
    json_array_append_new(aClaim, claim_json(&r->cur.aClaim[i]));
  for (i = 0; i < r->nRel; i++)
    json_array_append_new(aRel, relation_json(&r->aRel[i]));
  o = json_pack("{s:s, s:o, s:o, s:{s:i, s:i, s:i}}", "file", zName, "claims",
                aClaim, "relations", aRel, "summary", "holds",
                r->anVerdict[CHECK_HOLDS], "fails", r->anVerdict[CHECK_FAILS],
                "unclear", r->anVerdict[CHECK_UNCLEAR]);
  z = json_dumps(o, JSON_INDENT(2));
  str_puts(out, z);
  str_putc(out, '\n');
  free(z);
  json_decref(o);
}
