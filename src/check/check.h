/* check.h — `fazhi check`: the arithmetic a reader would redo in a report.
 * The claims of the text (claim.h) are related the way its wording relates
 * them — a rate and its counts, a total and its parts, a part and its
 * whole, 均已办结 and the counts, a change on last year, shares of 100% —
 * and each relation is recomputed: it holds, fails, or is unclear. A
 * failure is only called when the wording leaves one reading (precision
 * over recall); everything else is unclear. */
#ifndef FZ_CHECK_H
#define FZ_CHECK_H

#include <stddef.h>

#include "../base/err.h"
#include "../base/str.h"
#include "claim.h"

enum { CHECK_HOLDS, CHECK_FAILS, CHECK_UNCLEAR };

enum {
  REL_RATE,  /* a …率 against the counts it is built from */
  REL_SHARE, /* 占 X%: a part's share of its total */
  REL_SUM,   /* 共 N 件，其中 A 件、B 件: the parts against the total */
  REL_BOUND, /* 受理 355 起，调处 353 起: a part within its whole */
  REL_ALL,   /* 均已办结 / 均已撤诉 against the counts */
  REL_YOY,   /* 同比增长 X% against last year's report */
  REL_SHARES, /* shares of one whole adding up to 100% */
  REL_KIND_COUNT
};

#define CHECK_MAX_CLAIMS 12 /* claims one relation names */

typedef struct CheckRelation {
  int kind;                     /* REL_* */
  int verdict;                  /* CHECK_* */
  int iClaim;                   /* the claim it is about (a rate, a total…) */
  int aClaim[CHECK_MAX_CLAIMS]; /* the claims it is checked against */
  int nClaim;
  long line, col; /* of the claim it is about (or of the wording, REL_ALL) */
  char *zQuote;   /* the sentence; owned */
  char *zCalc;    /* the recomputation ("353 ÷ 355 = 99.4366…%"); owned */
  char *zReason;  /* why this verdict, in Chinese; owned */
} CheckRelation;

typedef struct CheckReport {
  ClaimSet cur;  /* the report's claims */
  ClaimSet prev; /* last year's report's, when given */
  int hasPrev;
  CheckRelation *aRel;
  int nRel, nRelAlloc;
  int anVerdict[3]; /* relations per CHECK_* */
} CheckReport;

/* Check the report text z[0..n); zPrev (may be NULL) is last year's report
 * for year-on-year changes. Both texts must outlive r. FZ_INVALID when a
 * text is not UTF-8. Failing relations are not an error: see anVerdict. */
int check_run(const char *z, size_t n, const char *zPrev, size_t nPrev,
              CheckReport *r, Err *e);
void check_report_clear(CheckReport *r);

/* Read a report file as plain text: .docx (libzip + libxml2), .html/.htm
 * (libxml2's HTML parser), .md (markup blanked out, lines kept) or plain
 * text (UTF-8, or GB18030 converted). One line per paragraph for DOCX and
 * HTML. Appended to out. FZ_IO / FZ_INVALID with a Chinese message. */
int check_read_file(const char *zPath, Str *out, Err *e);

/* The report in Chinese, one block per relation, failures first, and a
 * summary line. zName names the file checked. */
void check_write_text(const CheckReport *r, const char *zName, Str *out);

/* The claims and relations as JSON (for --json and the API). */
void check_write_json(const CheckReport *r, const char *zName, Str *out);

/* "holds" / "fails" / "unclear" and the Chinese for it. */
const char *check_verdict_name(int verdict);
const char *check_verdict_label(int verdict);
const char *check_kind_name(int kind);
const char *check_kind_label(int kind);

#endif
