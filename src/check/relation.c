/* relation.c — the relations between a report's claims and their
 * recomputation (see check.h). The knowledge is in tables: which counts a
 * named rate is built from, which verbs split a whole into categories that
 * cannot overlap, which verb counts a part of which other.
 *
 *   check_run --claim_extract--> claims
 *             --find_sums--> --find_bounds--> --find_rates-->
 * --find_all_done-->
 *             --find_yoy--> --find_shares--> relations, each with a verdict */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "numeral.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define RATE_MAX_COUNT 10000000000LL /* bigger counts are not recomputed */
#define SEARCH_BACK 16               /* claims looked at before a rate */

/* Named rates and the verbs of their numerator and denominator. A rate
 * word matches when one ends with the other (解率 is 化解率 with a typo). */
static const struct {
  const char *zName;
  const char *azNum[4], *azDen[3];
} aRateName[] = {
    {"化解率", {"化解", "调处", "调解成功"}, {"受理", "调解"}},
    {"调处率", {"调处", "化解"}, {"受理"}},
    {"调解成功率", {"调解成功", "化解", "调处"}, {"调解", "受理"}},
    {"结案率", {"办结"}, {"受理", "收到"}},
    {"办结率", {"办结"}, {"受理", "收到"}},
    {"受理率", {"受理"}, {"收到"}},
    {"撤诉率", {"撤诉"}, {"应诉", "受理"}},
    {"出庭应诉率", {"出庭"}, {"应诉"}},
    {"出庭率", {"出庭"}, {"应诉"}},
    {"播出率", {"播出"}, {"录制"}},
    {"败诉率", {"败诉"}, {"应诉", "办结"}},
};

/* Verbs naming categories that cannot overlap: parts with verbs of one
 * family split their whole. */
static const char *const aazFamily[][7] = {
    {"受理", "不予受理", "转送", "告知"},
    {"废止", "修改", "继续有效"},
    {"调解成功", "调解不成功"},
    {"办结", "未结"},
    {"维持", "撤销", "变更", "确认违法", "驳回", "终止"},
};

/* A part (first verb) can never exceed its whole (second). */
static const struct {
  const char *zPart, *zWhole;
} aBound[] = {
    {"受理", "收到"},     {"不予受理", "收到"}, {"办结", "受理"},
    {"未结", "受理"},     {"调处", "受理"},     {"化解", "受理"},
    {"调解成功", "受理"}, {"调解成功", "调解"}, {"调解", "受理"},
    {"撤诉", "应诉"},     {"出庭", "应诉"},     {"播出", "录制"},
    {"办结", "收到"},     {"调解成功", "调处"}, {"调解成功", "化解"},
};

/* 均已V: the verbs it may name, and the verb whose count would say how many
 * were not (未结 for 办结). */
static const struct {
  const char *zWord, *zCanon, *zPending;
} aAllDone[] = {
    {"办结", "办结", "未结"}, {"结案", "办结", "未结"},
    {"审结", "办结", "未结"}, {"撤诉", "撤诉", NULL},
    {"化解", "化解", NULL},   {"调处", "调处", NULL},
};

static const char *const azAllWord[] = {"均已", "全部已", "均", "全部"};
static const char *const azPartial[] = {"等", "主要", "包括", "部分", "另有"};
static const char *const azClosedList[] = {"其余", "其他", "分别"};
/* Words that let a part outgrow its whole: cases carried over from last
 * year are closed this year without being received this year. */
static const char *const azCarryOver[] = {"结转", "上年", "往年", "以前年度",
                                          "含",   "累计", "存量"};

/* ---- Relations ---- */

static int streq(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0;
}

static int in_list(const char *z, const char *const *az, size_t n) {
  size_t k;
  for (k = 0; k < n && az[k]; k++) {
    if (streq(z, az[k])) return 1;
  }
  return 0;
}

/* The sentence of claim c, white space inside it collapsed (a line break
 * from a PDF disappears), for quoting. */
static char *quote_of(const ClaimSet *cs, int iSent) {
  const Sentence *s = &cs->aSent[iSent];
  Str q = STR_INIT;
  size_t i;
  int space = 0;
  for (i = s->start; i < s->end; i++) {
    char ch = cs->z[i];
    if (ch == '\n' || ch == '\r') {
      space = 0;
      continue;
    }
    if (ch == ' ' || ch == '\t') {
      space = 1;
      continue;
    }
    if (space && q.n) str_putc(&q, ' ');
    space = 0;
    str_putc(&q, ch);
  }
  return str_detach(&q);
}

static CheckRelation *add_rel(CheckReport *r, int kind, int verdict, int iClaim,
                              const int *aClaim, int nClaim, Str *calc,
                              Str *reason) {
  CheckRelation *rel;
  const Claim *c = &r->cur.aClaim[iClaim];
  if (r->nRel == r->nRelAlloc) {
    r->nRelAlloc = r->nRelAlloc ? 2 * r->nRelAlloc : 32;
    r->aRel = mem_realloc(r->aRel, (size_t)r->nRelAlloc * sizeof *r->aRel);
  }
  rel = &r->aRel[r->nRel++];
  memset(rel, 0, sizeof *rel);
  rel->kind = kind;
  rel->verdict = verdict;
  rel->iClaim = iClaim;
  rel->nClaim = nClaim < CHECK_MAX_CLAIMS ? nClaim : CHECK_MAX_CLAIMS;
  if (rel->nClaim)
    memcpy(rel->aClaim, aClaim, (size_t)rel->nClaim * sizeof *aClaim);
  rel->line = c->line;
  rel->col = c->col;
  rel->zQuote = quote_of(&r->cur, c->iSent);
  rel->zCalc = str_detach(calc);
  rel->zReason = str_detach(reason);
  r->anVerdict[verdict]++;
  return rel;
}

static int sent_para(const ClaimSet *cs, int iSent) {
  return cs->aSent[iSent].iPara;
}

/* A plain count: a whole number of things, not a rate or a change. */
static int is_count(const Claim *c) {
  return (c->unitKind == UNIT_COUNT || c->unitKind == UNIT_MONEY) &&
         c->nDec == 0 && !(c->flags & (CLAIM_RATE | CLAIM_YOY | CLAIM_SHARE));
}

/* The claims of sentence iSent are aClaim[*pLo..*pHi): claims come in
 * text order, so a binary search finds them. */
static void claims_of_sentence(const ClaimSet *cs, int iSent, int *pLo,
                               int *pHi) {
  int lo = 0, hi = cs->nClaim;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (cs->aClaim[mid].iSent < iSent)
      lo = mid + 1;
    else
      hi = mid;
  }
  *pLo = hi = lo;
  while (hi < cs->nClaim && cs->aClaim[hi].iSent == iSent)
    hi++;
  *pHi = hi;
}

static int same_unit(const Claim *a, const Claim *b) {
  return strcmp(a->zUnit, b->zUnit) == 0;
}

static void fmt_value(const Claim *c, char *buf, size_t n) {
  numeral_format(c->v, c->nDec, buf, n);
}

/* ---- Percentages ---- */

typedef struct Fit {
  int64_t rounded, truncated; /* at the stated figure's decimals */
  int exactHalf;              /* the exact value sits on a rounding half */
  int verdict;                /* CHECK_* for the stated figure */
  int truncates;              /* it is the truncation, not the rounding */
} Fit;

/* Write num/den as a percentage with nDec + 2 decimals and an ellipsis
 * when it goes on ("99.4366…"). */
static void pct_text(int64_t num, int64_t den, int nDec, Str *s) {
  int d = nDec + 2;
  int64_t scale = 100 * numeral_pow10(d), t = num * scale / den;
  char buf[48];
  numeral_format(t, d, buf, sizeof buf);
  str_appendf(s, "%s%s%%", buf, (num * scale) % den ? "…" : "");
}

/* Does a stated percentage (hedged or not) fit num/den at its decimals? */
static Fit pct_fit(int64_t num, int64_t den, const Claim *pct) {
  Fit f;
  int64_t scale = 100 * numeral_pow10(pct->nDec);
  memset(&f, 0, sizeof f);
  f.truncated = num * scale / den;
  f.rounded = (2 * num * scale + den) / (2 * den);
  f.exactHalf = (2 * num * scale) % (2 * den) == den;
  if (pct->hedge & HEDGE_OVER)
    f.verdict = num * scale >= pct->v * den ? CHECK_HOLDS : CHECK_FAILS;
  else if (pct->hedge & HEDGE_ABOUT)
    f.verdict = (f.rounded - pct->v <= 1 && pct->v - f.rounded <= 1)
                    ? CHECK_HOLDS
                    : CHECK_UNCLEAR;
  else if (pct->v == f.rounded || (f.exactHalf && pct->v == f.truncated))
    f.verdict = CHECK_HOLDS;
  else {
    f.verdict = CHECK_FAILS;
    f.truncates = pct->v == f.truncated;
  }
  return f;
}

/* Recomputation and reason for a percentage built from num/den. */
static void pct_explain(int64_t num, int64_t den, const Claim *pct,
                        const Fit *f, Str *calc, Str *reason) {
  char zR[48], zT[48];
  numeral_format(f->rounded, pct->nDec, zR, sizeof zR);
  numeral_format(f->truncated, pct->nDec, zT, sizeof zT);
  str_appendf(calc, "%lld ÷ %lld = ", (long long)num, (long long)den);
  pct_text(num, den, pct->nDec, calc);
  str_appendf(calc, "，四舍五入为 %s%%", zR);
  if (f->truncated != f->rounded) str_appendf(calc, "，截断为 %s%%", zT);
  if (f->verdict == CHECK_HOLDS && (pct->hedge & HEDGE_OVER))
    str_appendf(reason, "实际比率不低于所写的 %s", pct->zText);
  else if (f->verdict == CHECK_HOLDS)
    str_appendf(reason, "与四舍五入结果一致");
  else if (f->verdict == CHECK_UNCLEAR)
    str_appendf(reason, "所写为约数（%s），与实际比率相差较大，请核对",
                pct->zText);
  else if (f->truncates)
    str_appendf(reason, "所写 %s 是截断所得，按四舍五入应为 %s%%", pct->zText,
                zR);
  else
    str_appendf(reason, "所写 %s 与计数算出的 %s%% 不符", pct->zText, zR);
}

/* A rate word in the label ("化解率") matching a named rate: its index. */
static int named_rate(const Claim *c) {
  const char *zRate = strstr(c->zLabel, "率");
  size_t n, k;
  if (!zRate) return -1;
  n = (size_t)(zRate - c->zLabel) + strlen("率");
  for (k = 0; k < COUNT(aRateName); k++) {
    size_t m = strlen(aRateName[k].zName);
    if (n >= m && memcmp(c->zLabel + n - m, aRateName[k].zName, m) == 0)
      return (int)k;
    if (n < m && n >= 2 * strlen("率") &&
        memcmp(aRateName[k].zName + m - n, c->zLabel, n) == 0)
      return (int)k;
  }
  return -1;
}

/* The nearest count before claim i in its paragraph whose verb is one of
 * az; -1 when none. */
static int nearest_with_verb(const ClaimSet *cs, int i, const char *const *az,
                             size_t n) {
  int j;
  for (j = i - 1; j >= 0 && j >= i - SEARCH_BACK; j--) {
    const Claim *c = &cs->aClaim[j];
    if (sent_para(cs, c->iSent) != sent_para(cs, cs->aClaim[i].iSent)) break;
    if (is_count(c) && in_list(c->zVerb, az, n)) return j;
  }
  return -1;
}

/* Check percentage claim i against counts num/den: add the relation. */
static void rate_against(CheckReport *r, int kind, int i, int iNum, int iDen,
                         const char *zWhy) {
  const Claim *p = &r->cur.aClaim[i], *a = &r->cur.aClaim[iNum],
              *b = &r->cur.aClaim[iDen];
  Str calc = STR_INIT, reason = STR_INIT;
  int aOther[2] = {iNum, iDen};
  if (a->hedge || b->hedge) {
    str_appendf(&calc, "%s ÷ %s", a->zText, b->zText);
    str_appendf(&reason, "%s；计数是约数，无法精确核算", zWhy);
    add_rel(r, kind, CHECK_UNCLEAR, i, aOther, 2, &calc, &reason);
  } else {
    Fit f = pct_fit(a->v, b->v, p);
    str_appendf(&reason, "%s；", zWhy);
    pct_explain(a->v, b->v, p, &f, &calc, &reason);
    add_rel(r, kind, f.verdict, i, aOther, 2, &calc, &reason);
  }
}

/* No named counts: try every pair of counts of the rate's sentence. A pair
 * that rounds to it holds; a single pair that truncates to it fails;
 * anything else is unclear. */
static void rate_by_pairs(CheckReport *r, int i) {
  const ClaimSet *cs = &r->cur;
  const Claim *p = &cs->aClaim[i];
  int j, k, iNum = -1, iDen = -1, nTrunc = 0, lo, hi;
  claims_of_sentence(cs, p->iSent, &lo, &hi);
  for (j = lo; j < hi && iNum < 0; j++) {
    const Claim *a = &cs->aClaim[j];
    if (!is_count(a) || a->hedge) continue;
    for (k = lo; k < hi; k++) {
      const Claim *b = &cs->aClaim[k];
      Fit f;
      if (k == j || !is_count(b) || b->hedge || !same_unit(a, b) || b->v <= 0 ||
          a->v > b->v || b->v > RATE_MAX_COUNT)
        continue;
      f = pct_fit(a->v, b->v, p);
      if (f.verdict == CHECK_HOLDS && !(p->hedge)) {
        iNum = j;
        iDen = k;
        break;
      }
      /* a failure needs counts of one thing, not two figures met by chance */
      if (f.truncates && claim_nouns_agree(a->zNoun, b->zNoun) &&
          nTrunc++ == 0) {
        iNum = -2 - j; /* remember the pair, keep looking for a rounding one */
        iDen = k;
      }
    }
  }
  if (iNum >= 0) {
    rate_against(r, REL_RATE, i, iNum, iDen, "同句中能算出该比率的计数");
  } else if (nTrunc == 1) {
    rate_against(r, REL_RATE, i, -2 - iNum, iDen,
                 "同句中只有这一对计数与之相关");
  } else {
    Str calc = STR_INIT, reason = STR_INIT;
    str_appendf(&reason, "找不到构成该比率的计数，无法核对");
    add_rel(r, REL_RATE, CHECK_UNCLEAR, i, NULL, 0, &calc, &reason);
  }
}

static void check_rate(CheckReport *r, int i) {
  const ClaimSet *cs = &r->cur;
  int k = named_rate(&cs->aClaim[i]);
  if (k >= 0) {
    int iNum =
        nearest_with_verb(cs, i, aRateName[k].azNum, COUNT(aRateName[k].azNum));
    int iDen =
        nearest_with_verb(cs, i, aRateName[k].azDen, COUNT(aRateName[k].azDen));
    if (iNum >= 0 && iDen >= 0 &&
        same_unit(&cs->aClaim[iNum], &cs->aClaim[iDen]) &&
        cs->aClaim[iDen].v > 0 && cs->aClaim[iDen].v <= RATE_MAX_COUNT &&
        cs->aClaim[iNum].v <= cs->aClaim[iDen].v &&
        claim_nouns_agree(cs->aClaim[iNum].zNoun, cs->aClaim[iDen].zNoun)) {
      Str why = STR_INIT;
      str_appendf(&why, "%s = %s数 ÷ %s数", aRateName[k].zName,
                  cs->aClaim[iNum].zVerb, cs->aClaim[iDen].zVerb);
      rate_against(r, REL_RATE, i, iNum, iDen, str_cstr(&why));
      str_free(&why);
      return;
    }
  }
  rate_by_pairs(r, i);
}

/* 占 X%: the count just before it against the total of its paragraph. */
static void check_share(CheckReport *r, int i) {
  const ClaimSet *cs = &r->cur;
  int j, iPart = -1, iTotal = -1;
  for (j = i - 1; j >= 0 && cs->aClaim[j].iSent == cs->aClaim[i].iSent; j--) {
    if (is_count(&cs->aClaim[j]) && !(cs->aClaim[j].flags & CLAIM_TOTAL)) {
      iPart = j;
      break;
    }
  }
  for (j = iPart - 1; iPart >= 0 && j >= 0 && j >= iPart - SEARCH_BACK; j--) {
    const Claim *t = &cs->aClaim[j];
    if (sent_para(cs, t->iSent) != sent_para(cs, cs->aClaim[i].iSent)) break;
    if (is_count(t) && (t->flags & CLAIM_TOTAL) &&
        same_unit(t, &cs->aClaim[iPart]) && t->v > 0 &&
        t->v >= cs->aClaim[iPart].v &&
        claim_nouns_agree(t->zNoun, cs->aClaim[iPart].zNoun)) {
      iTotal = j;
      break;
    }
  }
  if (iPart >= 0 && iTotal >= 0)
    rate_against(r, REL_SHARE, i, iPart, iTotal, "占比 = 该项 ÷ 合计");
}

static void find_rates(CheckReport *r) {
  int i;
  for (i = 0; i < r->cur.nClaim; i++) {
    const Claim *c = &r->cur.aClaim[i];
    if (c->unitKind != UNIT_PERCENT || (c->flags & CLAIM_YOY)) continue;
    if (c->flags & CLAIM_RATE)
      check_rate(r, i);
    else if (c->flags & CLAIM_SHARE)
      check_share(r, i);
  }
}

/* ---- Totals and parts ---- */

static int family_of(const char *zVerb) {
  size_t k;
  for (k = 0; zVerb && k < COUNT(aazFamily); k++) {
    if (in_list(zVerb, aazFamily[k], COUNT(aazFamily[k]))) return (int)k;
  }
  return -1;
}

static int is_bound(const char *zPart, const char *zWhole) {
  size_t k;
  for (k = 0; k < COUNT(aBound); k++) {
    if (streq(zPart, aBound[k].zPart) && streq(zWhole, aBound[k].zWhole))
      return 1;
  }
  return 0;
}

/* Parts with distinct verbs of one family: categories that cannot overlap. */
static int parts_exclusive(const ClaimSet *cs, const int *aPart, int nPart) {
  int i, j, fam = family_of(cs->aClaim[aPart[0]].zVerb);
  for (i = 0; i < nPart; i++) {
    if (fam < 0 || family_of(cs->aClaim[aPart[i]].zVerb) != fam) return 0;
    for (j = 0; j < i; j++) {
      if (streq(cs->aClaim[aPart[i]].zVerb, cs->aClaim[aPart[j]].zVerb))
        return 0;
    }
  }
  return 1;
}

/* Parts of which one counts within another (调解成功 within 调处), or
 * several that each count within the total without being categories of one
 * family (调处 and 调解成功 of 受理), are stages, not a split of the total. */
static int parts_nested(const ClaimSet *cs, int iTotal, const int *aPart,
                        int nPart) {
  int i, j, nWithin = 0;
  if (parts_exclusive(cs, aPart, nPart)) return 0;
  for (i = 0; i < nPart; i++) {
    nWithin += is_bound(cs->aClaim[aPart[i]].zVerb, cs->aClaim[iTotal].zVerb);
  }
  if (nWithin >= 2) return 1;
  for (i = 0; i < nPart; i++) {
    for (j = 0; j < nPart; j++) {
      if (i != j &&
          is_bound(cs->aClaim[aPart[i]].zVerb, cs->aClaim[aPart[j]].zVerb))
        return 1;
    }
  }
  return 0;
}

static int span_has(const ClaimSet *cs, size_t a, size_t b,
                    const char *const *az, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) {
    if (b > a && claim_has(cs->z + a, b - a, az[k])) return 1;
  }
  return 0;
}

/* The parts after total i in its sentence: same unit, agreeing nouns, up
 * to the next total. */
static int collect_parts(const ClaimSet *cs, int i, int *aPart) {
  const Claim *t = &cs->aClaim[i];
  int j, n = 0;
  for (j = i + 1; j < cs->nClaim && n < CHECK_MAX_CLAIMS; j++) {
    const Claim *c = &cs->aClaim[j];
    if (c->iSent != t->iSent) break;
    if (!is_count(c) || !same_unit(c, t)) continue;
    if (c->flags & CLAIM_TOTAL) break;
    if (!claim_nouns_agree(c->zNoun, t->zNoun)) continue;
    aPart[n++] = j;
  }
  return n;
}

/* Verdict of a total against the sum of its parts, from the wording. */
static int sum_verdict(const ClaimSet *cs, int i, const int *aPart, int nPart,
                       int64_t sum, Str *reason) {
  const Claim *t = &cs->aClaim[i];
  const Sentence *s = &cs->aSent[t->iSent];
  int exclusive = parts_exclusive(cs, aPart, nPart), hedged = t->hedge, k;
  int partial = span_has(cs, t->end, s->end, azPartial, COUNT(azPartial));
  int split = span_has(cs, t->end, cs->aClaim[aPart[0]].off,
                       (const char *const[]){"分别"}, 1) ||
              claim_has(cs->z + s->start, s->end - s->start, "分别为");
  for (k = 0; k < nPart; k++)
    hedged |= cs->aClaim[aPart[k]].hedge;
  if (sum == t->v) {
    str_appendf(reason, exclusive ? "各项为互不重叠的类别，其和等于合计"
                                  : "各项之和等于合计");
    return CHECK_HOLDS;
  }
  if (hedged) {
    str_appendf(reason, "合计或分项是约数，无法精确核对");
    return CHECK_UNCLEAR;
  }
  if (sum > t->v && (exclusive || split)) {
    str_appendf(reason, "各项互不重叠，其和却大于合计");
    return CHECK_FAILS;
  }
  if (sum < t->v && split) {
    str_appendf(reason, "“分别为”列出的是全部分项，其和应等于合计");
    return CHECK_FAILS;
  }
  if (sum < t->v && partial) {
    str_appendf(reason, "措辞表明只列举了部分分项，其和不超过合计");
    return CHECK_HOLDS;
  }
  str_appendf(reason, sum < t->v ? "各项之和小于合计，可能另有未列出的部分"
                                 : "各项之和大于合计，但各项可能互有重叠");
  return CHECK_UNCLEAR;
}

/* 共 N 件，其中 A 件、B 件…: a total followed by at least two parts. Marks
 * the parts in aInSum so the bound check does not repeat them. */
static void find_sums(CheckReport *r, char *aInSum) {
  const ClaimSet *cs = &r->cur;
  int i, k;
  for (i = 0; i < cs->nClaim; i++) {
    const Claim *t = &cs->aClaim[i];
    int aPart[CHECK_MAX_CLAIMS], nPart, verdict;
    int64_t sum = 0;
    Str calc = STR_INIT, reason = STR_INIT;
    char buf[48];
    if (!(t->flags & CLAIM_TOTAL) || !is_count(t)) continue;
    nPart = collect_parts(cs, i, aPart);
    if (nPart < 2 || parts_nested(cs, i, aPart, nPart)) continue;
    fmt_value(t, buf, sizeof buf);
    str_appendf(&calc, "%s = ", buf);
    for (k = 0; k < nPart; k++) {
      fmt_value(&cs->aClaim[aPart[k]], buf, sizeof buf);
      str_appendf(&calc, "%s%s", k ? " + " : "", buf);
      sum += cs->aClaim[aPart[k]].v;
      aInSum[aPart[k]] = 1;
    }
    fmt_value(t, buf, sizeof buf);
    str_appendf(&calc, "（各项之和为 %lld%s，合计 %s%s）", (long long)sum,
                t->zUnit, buf, t->zUnit);
    verdict = sum_verdict(cs, i, aPart, nPart, sum, &reason);
    add_rel(r, REL_SUM, verdict, i, aPart, nPart, &calc, &reason);
  }
}

/* 受理 355 起，调处 353 起: a part named by a verb that counts within the
 * other's (aBound), in one sentence. */
static void find_bounds(CheckReport *r, const char *aInSum) {
  const ClaimSet *cs = &r->cur;
  int i, j;
  for (i = 0; i < cs->nClaim; i++) {
    const Claim *p = &cs->aClaim[i];
    if (aInSum[i] || !is_count(p) || !p->zVerb) continue;
    for (j = i - 1; j >= 0 && cs->aClaim[j].iSent == p->iSent; j--) {
      const Claim *w = &cs->aClaim[j];
      Str calc = STR_INIT, reason = STR_INIT;
      int verdict;
      if (!is_count(w) || !same_unit(p, w) || !is_bound(p->zVerb, w->zVerb) ||
          !claim_nouns_agree(p->zNoun, w->zNoun))
        continue;
      str_appendf(&calc, "%s %s ≤ %s %s", p->zVerb, p->zText, w->zVerb,
                  w->zText);
      if (p->v <= w->v) {
        verdict = CHECK_HOLDS;
        str_appendf(&reason, "%s数不超过%s数", p->zVerb, w->zVerb);
      } else if (p->hedge || w->hedge) {
        verdict = CHECK_UNCLEAR;
        str_appendf(&reason, "%s数大于%s数，但其中有约数", p->zVerb, w->zVerb);
      } else if (span_has(cs, cs->aSent[p->iSent].start,
                          cs->aSent[p->iSent].end, azCarryOver,
                          COUNT(azCarryOver))) {
        verdict = CHECK_UNCLEAR;
        str_appendf(&reason,
                    "%s数大于%s数，但句中提到上年结转等，可能不是同一批",
                    p->zVerb, w->zVerb);
      } else {
        verdict = CHECK_FAILS;
        str_appendf(&reason, "%s的只能是%s的一部分，%s数却大于%s数", p->zVerb,
                    w->zVerb, p->zVerb, w->zVerb);
      }
      add_rel(r, REL_BOUND, verdict, i, &j, 1, &calc, &reason);
      break;
    }
  }
}

/* ---- 均已办结 ---- */

/* The claim index of the whole that 均已V speaks of: the total of the
 * sentence before the words, else its first count. -1 when none. */
static int all_done_subject(const ClaimSet *cs, int iSent, size_t at) {
  int i, iFirst = -1, lo, hi;
  claims_of_sentence(cs, iSent, &lo, &hi);
  for (i = lo; i < hi; i++) {
    const Claim *c = &cs->aClaim[i];
    if (c->off >= at || !is_count(c)) continue;
    if (c->flags & CLAIM_TOTAL) return i;
    if (iFirst < 0) iFirst = i;
  }
  return iFirst;
}

/* Check one 均已V against the counts of its sentence that say how many
 * were V (or were not); a count elsewhere may be of other cases. */
static void all_done_against(CheckReport *r, int iSubject, int iSent,
                             int kVerb) {
  const ClaimSet *cs = &r->cur;
  const Claim *w = &cs->aClaim[iSubject];
  const char *zV = aAllDone[kVerb].zCanon, *zPending = aAllDone[kVerb].zPending;
  Str calc = STR_INIT, reason = STR_INIT;
  int i, iDone = -1, iPend = -1, verdict = CHECK_UNCLEAR, iOther, lo, hi;
  claims_of_sentence(cs, iSent, &lo, &hi);
  for (i = lo; i < hi; i++) {
    const Claim *c = &cs->aClaim[i];
    if (!is_count(c) || !same_unit(c, w) ||
        !claim_nouns_agree(c->zNoun, w->zNoun))
      continue;
    if (streq(c->zVerb, zV) && iDone < 0) iDone = i;
    if (zPending && streq(c->zVerb, zPending) && iPend < 0) iPend = i;
  }
  if (iPend >= 0 && cs->aClaim[iPend].v > 0) {
    iOther = iPend;
    str_appendf(&calc, "%s %s", zPending, cs->aClaim[iPend].zText);
    str_appendf(&reason, "称均已%s，但另有%s %s", zV, zPending,
                cs->aClaim[iPend].zText);
    verdict = CHECK_FAILS;
  } else if (iDone >= 0 && iDone != iSubject) {
    const Claim *d = &cs->aClaim[iDone];
    /* the whole the V count is compared with: the count V is bounded by */
    int iWhole = iSubject, j;
    for (j = lo; j < hi; j++) {
      if (is_count(&cs->aClaim[j]) && is_bound(zV, cs->aClaim[j].zVerb) &&
          same_unit(&cs->aClaim[j], d))
        iWhole = j;
    }
    iOther = iDone;
    str_appendf(&calc, "%s %s，%s %s", d->zVerb, d->zText,
                cs->aClaim[iWhole].zVerb ? cs->aClaim[iWhole].zVerb : "合计",
                cs->aClaim[iWhole].zText);
    if (d->hedge || cs->aClaim[iWhole].hedge) {
      str_appendf(&reason, "计数是约数，无法核对“均已%s”", zV);
    } else if (d->v >= cs->aClaim[iWhole].v) {
      verdict = CHECK_HOLDS;
      str_appendf(&reason, "%s数等于总数，与“均已%s”相符", zV, zV);
    } else {
      verdict = CHECK_FAILS;
      str_appendf(&reason, "称均已%s，但%s数少于总数", zV, zV);
    }
  } else {
    iOther = iSubject;
    str_appendf(&calc, "总数 %s", w->zText);
    str_appendf(&reason, "文中没有单列%s数，无从核对“均已%s”", zV, zV);
  }
  add_rel(r, REL_ALL, verdict, iSubject, &iOther, 1, &calc, &reason);
}

/* First zWord in z[0..zEnd), or NULL. */
static const char *find_in(const char *z, const char *zEnd, const char *zWord) {
  size_t m = strlen(zWord);
  for (; z + m <= zEnd; z++) {
    if (memcmp(z, zWord, m) == 0) return z;
  }
  return NULL;
}

static int word_at(const char *z, const char *zEnd, const char *zWord) {
  size_t m = strlen(zWord);
  return (size_t)(zEnd - z) >= m && memcmp(z, zWord, m) == 0;
}

/* The aAllDone verb that 均已/全部 at p goes on with, or -1. */
static int all_done_verb(const char *p, const char *zEnd) {
  size_t v;
  if (word_at(p, zEnd, "已")) p += strlen("已");
  for (v = 0; v < COUNT(aAllDone); v++) {
    if (word_at(p, zEnd, aAllDone[v].zWord)) return (int)v;
  }
  return -1;
}

static void find_all_done(CheckReport *r) {
  const ClaimSet *cs = &r->cur;
  int s, v;
  size_t k;
  for (s = 0; s < cs->nSent; s++) {
    const char *z = cs->z + cs->aSent[s].start,
               *zEnd = cs->z + cs->aSent[s].end, *p;
    int found = 0;
    for (k = 0; k < COUNT(azAllWord) && !found; k++) {
      for (p = z; !found && (p = find_in(p, zEnd, azAllWord[k])) != NULL;
           p += strlen(azAllWord[k])) {
        if ((v = all_done_verb(p + strlen(azAllWord[k]), zEnd)) < 0) continue;
        found = 1;
        {
          int iSub = all_done_subject(cs, s, (size_t)(p - cs->z));
          if (iSub >= 0) all_done_against(r, iSub, s, v);
        }
      }
    }
  }
}

/* ---- Year on year ---- */

/* The count a change speaks of: the claim with the change's own verb
 * before it in the sentence, else the nearest count before it. */
static int yoy_subject(const ClaimSet *cs, int i) {
  const Claim *y = &cs->aClaim[i];
  int j;
  for (j = i - 1; j >= 0 && cs->aClaim[j].iSent == y->iSent; j--) {
    const Claim *c = &cs->aClaim[j];
    if (y->unitKind == UNIT_POINT
            ? c->unitKind == UNIT_PERCENT && (c->flags & CLAIM_RATE)
            : is_count(c)) {
      if (!y->zVerb || streq(y->zVerb, c->zVerb)) return j;
    }
  }
  return -1;
}

/* Last year's figure counting the same thing: same verb, noun and unit,
 * one value. -1 when none or ambiguous (*pAmbiguous). */
static int prev_match(const ClaimSet *prev, const Claim *c, int *pAmbiguous) {
  int j, iFound = -1;
  *pAmbiguous = 0;
  for (j = 0; j < prev->nClaim; j++) {
    const Claim *p = &prev->aClaim[j];
    if ((p->zVerb != c->zVerb && !streq(p->zVerb, c->zVerb)) ||
        strcmp(p->zNoun, c->zNoun) || !same_unit(p, c) ||
        (p->flags & (CLAIM_YOY | CLAIM_SHARE)) !=
            (c->flags & (CLAIM_YOY | CLAIM_SHARE)))
      continue;
    if (iFound >= 0 && (prev->aClaim[iFound].v != p->v ||
                        prev->aClaim[iFound].nDec != p->nDec)) {
      *pAmbiguous = 1;
      return -1;
    }
    if (iFound < 0) iFound = j;
  }
  return iFound;
}

static void yoy_verdict(const Claim *y, const Claim *s, const Claim *p,
                        Str *calc, Str *reason, int *pVerdict) {
  int64_t diff = s->v - p->v, mag = diff < 0 ? -diff : diff;
  int down = (y->flags & CLAIM_DOWN) != 0;
  str_appendf(calc, "今年 %s，上年 %s", s->zText, p->zText);
  if (y->unitKind == UNIT_PERCENT) {
    Fit f;
    if (p->v <= 0 || p->nDec != s->nDec) {
      str_appendf(reason, "上年为 0 或单位不一，无法计算增幅");
      *pVerdict = CHECK_UNCLEAR;
      return;
    }
    f = pct_fit(mag, p->v, y);
    str_appendf(calc, "，变化 ");
    *pVerdict = f.verdict;
    if (diff != 0 && (diff < 0) != down) {
      *pVerdict = CHECK_FAILS;
      str_appendf(reason, "方向不符：实际是%s", diff < 0 ? "下降" : "增长");
    } else {
      pct_explain(mag, p->v, y, &f, calc, reason);
    }
  } else {
    int64_t stated = y->v;
    if (y->nDec != s->nDec) {
      str_appendf(reason, "小数位不一，无法核对");
      *pVerdict = CHECK_UNCLEAR;
      return;
    }
    str_appendf(calc, "，变化 %lld", (long long)diff);
    if (mag == stated && (diff == 0 || (diff < 0) == down)) {
      *pVerdict = CHECK_HOLDS;
      str_appendf(reason, "与两年数字之差一致");
    } else {
      *pVerdict =
          (y->hedge || s->hedge || p->hedge) ? CHECK_UNCLEAR : CHECK_FAILS;
      str_appendf(reason, "所写变化 %s 与两年数字之差不符", y->zText);
    }
  }
}

static void find_yoy(CheckReport *r) {
  const ClaimSet *cs = &r->cur;
  int i;
  for (i = 0; i < cs->nClaim; i++) {
    const Claim *y = &cs->aClaim[i];
    Str calc = STR_INIT, reason = STR_INIT;
    int iSub, iPrev = -1, ambiguous = 0, verdict = CHECK_UNCLEAR, aOther[1];
    if (!(y->flags & CLAIM_YOY)) continue;
    iSub = yoy_subject(cs, i);
    if (iSub < 0) {
      str_appendf(&reason, "找不到该变化所指的数字");
      add_rel(r, REL_YOY, CHECK_UNCLEAR, i, NULL, 0, &calc, &reason);
      continue;
    }
    aOther[0] = iSub;
    if (!r->hasPrev) {
      str_appendf(&reason, "未提供上年报告（--previous），无法核对");
    } else if ((iPrev = prev_match(&r->prev, &cs->aClaim[iSub], &ambiguous)) <
               0) {
      str_appendf(&reason, ambiguous
                               ? "上年报告中有多个同名数字，无法确定对应哪一个"
                               : "上年报告中找不到对应的数字");
    } else if (cs->aClaim[iSub].hedge || r->prev.aClaim[iPrev].hedge) {
      str_appendf(&calc, "今年 %s，上年 %s", cs->aClaim[iSub].zText,
                  r->prev.aClaim[iPrev].zText);
      str_appendf(&reason, "数字是约数，无法精确核对");
    } else {
      yoy_verdict(y, &cs->aClaim[iSub], &r->prev.aClaim[iPrev], &calc, &reason,
                  &verdict);
      str_appendf(&reason, "（上年报告第%ld行）", r->prev.aClaim[iPrev].line);
    }
    add_rel(r, REL_YOY, verdict, i, aOther, 1, &calc, &reason);
  }
}

/* ---- Shares of 100% ---- */

static void find_shares(CheckReport *r) {
  const ClaimSet *cs = &r->cur;
  int i = 0;
  while (i < cs->nClaim) {
    int aShare[CHECK_MAX_CLAIMS], n = 0, j, nDec = 0, verdict;
    int64_t sum = 0, tol, hundred;
    Str calc = STR_INIT, reason = STR_INIT;
    const Sentence *s = &cs->aSent[cs->aClaim[i].iSent];
    int closed;
    for (j = i; j < cs->nClaim && cs->aClaim[j].iSent == cs->aClaim[i].iSent;
         j++) {
      const Claim *c = &cs->aClaim[j];
      if (c->unitKind == UNIT_PERCENT && (c->flags & CLAIM_SHARE) &&
          !(c->flags & CLAIM_YOY) && n < CHECK_MAX_CLAIMS) {
        aShare[n++] = j;
        if (c->nDec > nDec) nDec = c->nDec;
      }
    }
    i = j;
    if (n < 2) continue;
    hundred = 100 * numeral_pow10(nDec);
    for (j = 0; j < n; j++) {
      const Claim *c = &cs->aClaim[aShare[j]];
      char buf[48];
      sum += c->v * numeral_pow10(nDec - c->nDec);
      numeral_format(c->v, c->nDec, buf, sizeof buf);
      str_appendf(&calc, "%s%s%%", j ? " + " : "", buf);
    }
    {
      char buf[48];
      numeral_format(sum, nDec, buf, sizeof buf);
      str_appendf(&calc, " = %s%%", buf);
    }
    /* each share rounded to nDec places may be off by half a unit */
    tol = (n + 1) / 2; /* in units of the last place: n halves, rounded up */
    closed =
        span_has(cs, s->start, s->end, azClosedList, COUNT(azClosedList)) ||
        span_has(cs, s->start, s->end, (const char *const[]){"其中"}, 1);
    if (sum - hundred <= tol && hundred - sum <= tol) {
      verdict = CHECK_HOLDS;
      str_appendf(&reason, "各项占比之和为 100%%（允许四舍五入误差）");
    } else if (sum > hundred && closed) {
      verdict = CHECK_FAILS;
      str_appendf(&reason, "同一整体的各部分占比之和超过 100%%");
    } else if (sum < hundred && span_has(cs, s->start, s->end, azClosedList,
                                         COUNT(azClosedList))) {
      verdict = CHECK_FAILS;
      str_appendf(&reason,
                  "列出了全部部分（含“其他/其余”），占比之和却不足 100%%");
    } else {
      verdict = CHECK_UNCLEAR;
      str_appendf(&reason,
                  sum < hundred
                      ? "占比之和不足 100%%，可能未列全"
                      : "占比之和超过 100%%，但各项可能不是同一整体的部分");
    }
    add_rel(r, REL_SHARES, verdict, aShare[0], aShare + 1, n - 1, &calc,
            &reason);
  }
}

/* ---- The run ---- */

int check_run(const char *z, size_t n, const char *zPrev, size_t nPrev,
              CheckReport *r, Err *e) {
  char *aInSum;
  int rc;
  memset(r, 0, sizeof *r);
  rc = claim_extract(z, n, &r->cur, e);
  if (rc == FZ_OK && zPrev) {
    rc = claim_extract(zPrev, nPrev, &r->prev, e);
    if (rc != FZ_OK) err_prefix(e, "上年报告：");
    r->hasPrev = 1;
  }
  if (rc != FZ_OK) return rc;
  aInSum = mem_zalloc((size_t)r->cur.nClaim + 1);
  find_sums(r, aInSum);
  find_bounds(r, aInSum);
  find_rates(r);
  find_all_done(r);
  find_yoy(r);
  find_shares(r);
  mem_free(aInSum);
  return FZ_OK;
}

void check_report_clear(CheckReport *r) {
  int i;
  for (i = 0; i < r->nRel; i++) {
    mem_free(r->aRel[i].zQuote);
    mem_free(r->aRel[i].zCalc);
    mem_free(r->aRel[i].zReason);
  }
  mem_free(r->aRel);
  claim_set_clear(&r->cur);
  claim_set_clear(&r->prev);
  memset(r, 0, sizeof *r);
}
