/* test_check.c — unit tests for src/check: Arabic and Chinese numerals, and
 * the corpus (tests/check/corpus): every passage checked, every expected
 * verdict, claim and non-relation of its .expect sidecar asserted. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/base/file.h"
#include "../../src/check/check.h"
#include "../../src/check/numeral.h"

static int64_t cn(const char *z, size_t *pn) {
  Numeral num;
  if (!numeral_chinese(z, z + strlen(z), &num)) return -1;
  *pn = num.n;
  return num.v;
}

static void chinese_numerals(void **state) {
  size_t n = 0;
  (void)state;
  assert_int_equal(cn("五件", &n), 5);
  assert_int_equal(n, 3);
  assert_int_equal(cn("一百二十", &n), 120);
  assert_int_equal(cn("十五", &n), 15);
  assert_int_equal(cn("两千零五", &n), 2005);
  assert_int_equal(cn("一万二千", &n), 12000);
  assert_int_equal(cn("三亿五千万", &n), 350000000);
  assert_int_equal(cn("二〇二四", &n), 2024);
  assert_int_equal(cn("千家万户", &n), -1);
  assert_int_equal(cn("百姓", &n), -1);
}

static void arabic_numerals(void **state) {
  Numeral num;
  const char *z = "1,234.50件";
  char buf[32];
  (void)state;
  assert_true(numeral_arabic(z, z + strlen(z), &num));
  assert_int_equal(num.v, 123450);
  assert_int_equal(num.nDec, 2);
  z = "60.4";
  assert_true(numeral_arabic(z, z + strlen(z), &num));
  assert_true(numeral_scale(&num, 4));
  assert_int_equal(num.v, 604000);
  assert_int_equal(num.nDec, 0);
  z = "５８人"; /* full-width digits */
  assert_true(numeral_arabic(z, z + strlen(z), &num));
  assert_int_equal(num.v, 58);
  z = "355，353"; /* an ideographic comma lists, never groups */
  assert_true(numeral_arabic(z, z + strlen(z), &num));
  assert_int_equal(num.v, 355);
  numeral_format(9943, 2, buf, sizeof buf);
  assert_string_equal(buf, "99.43");
}

/* ---- The corpus ---- */

static const char *corpus_dir(void) {
  static char zDir[512];
  const char *zData = getenv("FZ_TEST_DATA");
  snprintf(zDir, sizeof zDir, "%s/../tests/check/corpus",
           zData ? zData : "data");
  return zDir;
}

static int kind_of(const char *z) {
  int k;
  for (k = 0; k < REL_KIND_COUNT; k++) {
    if (strcmp(check_kind_name(k), z) == 0) return k;
  }
  fail_msg("unknown kind %s", z);
  return -1;
}

static int verdict_of(const char *z) {
  int v;
  for (v = 0; v < 3; v++) {
    if (strcmp(check_verdict_name(v), z) == 0) return v;
  }
  fail_msg("unknown verdict %s", z);
  return -1;
}

/* The relation of kind about the claim written zFig, or NULL. */
static const CheckRelation *find_rel(const CheckReport *r, int kind,
                                     const char *zFig) {
  int i;
  for (i = 0; i < r->nRel; i++) {
    if (r->aRel[i].kind == kind &&
        strcmp(r->cur.aClaim[r->aRel[i].iClaim].zText, zFig) == 0)
      return &r->aRel[i];
  }
  return NULL;
}

static const Claim *find_claim(const CheckReport *r, const char *zFig) {
  int i;
  for (i = 0; i < r->cur.nClaim; i++) {
    if (strcmp(r->cur.aClaim[i].zText, zFig) == 0) return &r->cur.aClaim[i];
  }
  return NULL;
}

static int claim_at(const CheckReport *r, long line, long col) {
  int i;
  for (i = 0; i < r->cur.nClaim; i++) {
    if (r->cur.aClaim[i].line == line && r->cur.aClaim[i].col == col) return i;
  }
  return -1;
}

static int in_relation(const CheckReport *r, int iClaim) {
  int i, k;
  for (i = 0; i < r->nRel; i++) {
    if (r->aRel[i].iClaim == iClaim) return 1;
    for (k = 0; k < r->aRel[i].nClaim; k++) {
      if (r->aRel[i].aClaim[k] == iClaim) return 1;
    }
  }
  return 0;
}

/* Split z in place at spaces into at most nMax words. */
static int split_words(char *z, char **az, int nMax) {
  int n = 0;
  while (*z && n < nMax) {
    while (*z == ' ' || *z == '\t' || *z == '\r')
      *z++ = 0;
    if (!*z) break;
    az[n++] = z;
    while (*z && *z != ' ' && *z != '\t' && *z != '\r')
      z++;
  }
  return n;
}

/* One expectation line against the report; zWhere names it on failure. */
static void expect_line(const CheckReport *r, char *zLine, const char *zWhere) {
  char *az[16];
  int n = split_words(zLine, az, 16), k;
  if (n == 0) return;
  if (strcmp(az[0], "expect") == 0 && n >= 4) {
    const CheckRelation *rel = find_rel(r, kind_of(az[1]), az[3]);
    if (!rel) fail_msg("%s: no %s relation about %s", zWhere, az[1], az[3]);
    if (rel->verdict != verdict_of(az[2]))
      fail_msg("%s: %s %s is %s (%s)", zWhere, az[1], az[3],
               check_verdict_name(rel->verdict), rel->zReason);
    if (n >= 5 && !strstr(rel->zReason, az[4]) && !strstr(rel->zCalc, az[4]))
      fail_msg("%s: reason \"%s\" lacks %s", zWhere, rel->zReason, az[4]);
  } else if (strcmp(az[0], "against") == 0 && n >= 3) {
    const CheckRelation *rel = find_rel(r, kind_of(az[1]), az[2]);
    if (!rel || rel->nClaim != n - 3)
      fail_msg("%s: %s %s parts differ", zWhere, az[1], az[2]);
    for (k = 3; k < n; k++) {
      if (strcmp(r->cur.aClaim[rel->aClaim[k - 3]].zText, az[k]) != 0)
        fail_msg("%s: part %d is %s", zWhere, k - 2,
                 r->cur.aClaim[rel->aClaim[k - 3]].zText);
    }
  } else if (strcmp(az[0], "no") == 0 && n == 2) {
    for (k = 0; k < r->nRel; k++) {
      if (strcmp(az[1], "fails") == 0 ? r->aRel[k].verdict == CHECK_FAILS
                                      : r->aRel[k].kind == kind_of(az[1]))
        fail_msg("%s: unexpected %s relation about %s (%s)", zWhere, az[1],
                 r->cur.aClaim[r->aRel[k].iClaim].zText, r->aRel[k].zReason);
    }
  } else if (strcmp(az[0], "relations") == 0 && n == 2) {
    if (r->nRel != (int)strtol(az[1], NULL, 10))
      fail_msg("%s: %d relations, not %s", zWhere, r->nRel, az[1]);
  } else if (strcmp(az[0], "claims") == 0 && n == 2) {
    if (r->cur.nClaim != (int)strtol(az[1], NULL, 10))
      fail_msg("%s: %d claims (first %s), not %s", zWhere, r->cur.nClaim,
               r->cur.nClaim ? r->cur.aClaim[0].zText : "-", az[1]);
  } else if (strcmp(az[0], "claim") == 0 && n >= 4) {
    const Claim *c = find_claim(r, az[1]);
    char buf[48];
    if (!c) fail_msg("%s: no claim %s", zWhere, az[1]);
    numeral_format(c->v, c->nDec, buf, sizeof buf);
    if (strcmp(buf, az[2]) || strcmp(c->zUnit, az[3]))
      fail_msg("%s: %s is %s %s", zWhere, az[1], buf, c->zUnit);
    for (k = 4; k < n; k++) {
      int bit = strcmp(az[k], "about") == 0 ? HEDGE_ABOUT : HEDGE_OVER;
      if (!(c->hedge & bit)) fail_msg("%s: %s is not %s", zWhere, az[1], az[k]);
    }
  } else if ((strcmp(az[0], "unrelated") == 0 ||
              strcmp(az[0], "no_claim_at") == 0) &&
             n == 2) {
    char *zCol = strchr(az[1], ':');
    long line = strtol(az[1], NULL, 10),
         col = zCol ? strtol(zCol + 1, NULL, 10) : 0;
    int i = claim_at(r, line, col);
    if (strcmp(az[0], "no_claim_at") == 0 && i >= 0)
      fail_msg("%s: a claim %s at %s", zWhere, r->cur.aClaim[i].zText, az[1]);
    if (strcmp(az[0], "unrelated") == 0 && (i < 0 || in_relation(r, i)))
      fail_msg("%s: claim at %s %s", zWhere, az[1],
               i < 0 ? "missing" : "is related");
  } else if (strcmp(az[0], "previous") != 0) {
    fail_msg("%s: cannot read expectation", zWhere);
  }
}

static void read_or_fail(const char *zPath, Str *s) {
  Err e = ERR_INIT;
  if (file_read_all(zPath, s, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  err_clear(&e);
}

/* The previous-year file an .expect names, read into prev (or left empty). */
static int read_previous(const char *zDir, const char *zExpect, Str *prev) {
  const char *p = strstr(zExpect, "previous ");
  char zPath[1024], zName[128];
  if (!p || sscanf(p, "previous %127s", zName) != 1) return 0;
  snprintf(zPath, sizeof zPath, "%s/%s", zDir, zName);
  read_or_fail(zPath, prev);
  return 1;
}

static void check_one(const char *zDir, const char *zName) {
  char zPath[1024], zWhere[700], *zLine, *zNext;
  Str text = STR_INIT, expect = STR_INIT, prev = STR_INIT;
  CheckReport r;
  Err e = ERR_INIT;
  int hasPrev, iLine = 0;
  snprintf(zPath, sizeof zPath, "%s/%s.txt", zDir, zName);
  read_or_fail(zPath, &text);
  snprintf(zPath, sizeof zPath, "%s/%s.expect", zDir, zName);
  read_or_fail(zPath, &expect);
  hasPrev = read_previous(zDir, str_cstr(&expect), &prev);
  if (check_run(str_cstr(&text), text.n, hasPrev ? str_cstr(&prev) : NULL,
                prev.n, &r, &e))
    fail_msg("%s: %s", zName, err_msg(&e));
  for (zLine = expect.z; zLine && *zLine; zLine = zNext) {
    zNext = strchr(zLine, '\n');
    if (zNext) *zNext++ = 0;
    snprintf(zWhere, sizeof zWhere, "%s.expect:%d", zName, ++iLine);
    expect_line(&r, zLine, zWhere);
  }
  check_report_clear(&r);
  str_free(&text);
  str_free(&expect);
  str_free(&prev);
}

static void corpus(void **state) {
  const char *zDir = corpus_dir();
  DIR *d = opendir(zDir);
  struct dirent *de;
  int nFile = 0;
  (void)state;
  if (!d) fail_msg("no corpus at %s", zDir);
  while ((de = readdir(d)) != NULL) {
    size_t n = strlen(de->d_name);
    char zName[256];
    if (n < 8 || strcmp(de->d_name + n - 7, ".expect") != 0 ||
        n - 7 >= sizeof zName)
      continue;
    memcpy(zName, de->d_name, n - 7);
    zName[n - 7] = 0;
    check_one(zDir, zName);
    nFile++;
  }
  closedir(d);
  assert_true(nFile >= 30);
}

/* Text that is no report at all must not crash or claim anything odd. */
static void odd_text(void **state) {
  static const char *const az[] = {
      "",        "\n\n\n",    "%%%",
      "共 件",   "率达到 %",  "一",
      "99.",     "1,2345 件", "，，，共 5 件，其中",
      "均已办结"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof az / sizeof az[0]; i++) {
    CheckReport r;
    Err e = ERR_INIT;
    assert_int_equal(check_run(az[i], strlen(az[i]), NULL, 0, &r, &e), FZ_OK);
    assert_int_equal(r.anVerdict[CHECK_FAILS], 0);
    check_report_clear(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(chinese_numerals),
      cmocka_unit_test(arabic_numerals),
      cmocka_unit_test(corpus),
      cmocka_unit_test(odd_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
