/* claim.h — the numeric claims of a report's text: each figure that counts
 * something (a number with a unit: 5 件, 近 1733 余人次, 2150 万元, 99.43%),
 * its hedges, what it counts (the verb and noun before it) and where it is.
 * Years, dates, ordinals, section numbers, phone numbers and the numerals
 * inside names and slogans (八五普法, 一站式) are not claims. */
#ifndef FZ_CLAIM_H
#define FZ_CLAIM_H

#include <stddef.h>
#include <stdint.h>

#include "../base/err.h"

/* What a unit measures. */
enum { UNIT_COUNT, UNIT_MONEY, UNIT_PERCENT, UNIT_POINT };

/* Hedges, a bit set: 约/近/左右 (about), 余/多/超/以上 (at least). */
enum { HEDGE_ABOUT = 1, HEDGE_OVER = 2 };

/* Claim flags, read from the wording before the figure. */
enum {
  CLAIM_TOTAL = 1, /* 共, 合计, 总数…: a total its parts may follow */
  CLAIM_RATE = 2,  /* a %, named …率 */
  CLAIM_SHARE = 4, /* a %, 占/占比: a part's share of a whole */
  CLAIM_YOY = 8,   /* 同比/较上年 …: a change on last year */
  CLAIM_UP = 16,   /* with CLAIM_YOY: 增长, 增加, 上升, 提高 */
  CLAIM_DOWN = 32, /* with CLAIM_YOY: 下降, 减少, 降低 */
};

typedef struct Claim {
  int64_t v; /* the value times 10^nDec, scales applied (万元 → 元) */
  int nDec;  /* decimal places as written */
  const char *zUnit; /* canonical unit ("件", "元", "%"); static */
  int unitKind;      /* UNIT_* */
  int hedge;         /* HEDGE_* bits */
  int flags;         /* CLAIM_* bits */
  const char *zVerb; /* canonical verb ("受理", "不予受理"), or NULL; static */
  char *zNoun;     /* what it counts ("行政复议案件"), maybe ""; owned */
  char *zLabel;    /* the clause's words before the figure; owned */
  char *zText;     /* the figure as written ("近 1733 余人次"); owned */
  size_t off, end; /* its bytes in the text */
  long line, col;  /* 1-based; col counts characters */
  int iSent;       /* index of its sentence */
} Claim;

/* A sentence: ends at 。！？ or a hard line break (a line ending in
 * punctuation, a short line such as a heading); a soft break (a line cut
 * mid-sentence by a PDF extraction) does not end one. */
typedef struct Sentence {
  size_t start, end; /* bytes */
  int iPara;
  long line, col; /* of its start */
} Sentence;

typedef struct ClaimSet {
  const char *z; /* the text; not owned, must outlive the set */
  size_t n;
  Claim *aClaim;
  int nClaim, nClaimAlloc;
  Sentence *aSent;
  int nSent, nSentAlloc;
} ClaimSet;

/* Split z[0..n) (UTF-8) into sentences and extract every claim. FZ_INVALID
 * when the text is not UTF-8. cs is cleared first. */
int claim_extract(const char *z, size_t n, ClaimSet *cs, Err *e);
void claim_set_clear(ClaimSet *cs);

/* The noun class of two nouns agree (案件 and 申请 are both cases; 文书 is
 * not a case), or either is empty: they may count the same things. */
int claim_nouns_agree(const char *zA, const char *zB);

/* 1 when z[0..n) contains zWord. */
int claim_has(const char *z, size_t n, const char *zWord);

#endif
