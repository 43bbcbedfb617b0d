/* test_csv.c — unit tests of the CSV reader and writer (src/base/csv.c): RFC 4180
 * and Excel quirks, row numbering, encoding detection (UTF-8, BOM, GB18030),
 * sequences cut by the 64 KiB chunk boundary, and the error messages. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/base/csv.h"

#define CHUNK (64 * 1024) /* the reader's chunk size, to aim at its edge */

/* ---- Helpers ---- */

/* Write n bytes to a fresh temporary file; returns its path (static). */
static const char *tmp_write(const char *z, size_t n) {
  static char zPath[64];
  int fd;
  FILE *f;
  snprintf(zPath, sizeof zPath, "/tmp/test_csv_XXXXXX");
  fd = mkstemp(zPath);
  assert_true(fd >= 0);
  f = fdopen(fd, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(z, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  return zPath;
}

/* UTF-8 to GB18030 with iconv; caller frees, *pn gets the length. */
static char *to_gb18030(const char *z, size_t n, size_t *pn) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  char *zOut = malloc(2 * n + 4), *pIn = (char *)z, *pOut = zOut;
  size_t nIn = n, nOut = 2 * n + 4;
  assert_true(cd != (iconv_t)-1);
  assert_true(iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1);
  iconv_close(cd);
  *pn = (size_t)(pOut - zOut);
  return zOut;
}

static CsvReader *open_mem_ok(const char *z, size_t n) {
  CsvReader *r = NULL;
  Err e = ERR_INIT;
  int rc = csv_open_mem(&r, z, n, "test.csv", &e);
  if (rc) fprintf(stderr, "open: %s\n", err_msg(&e));
  assert_int_equal(rc, FZ_OK);
  assert_non_null(r);
  err_clear(&e);
  return r;
}

static CsvReader *open_str(const char *z) {
  return open_mem_ok(z, strlen(z));
}

/* Read one row that must exist; checks its row number and field count. */
static void next_row(CsvReader *r, long iRow, int nField) {
  Err e = ERR_INIT;
  int has = 0, rc = csv_read_row(r, &has, &e);
  if (rc) fprintf(stderr, "read: %s\n", err_msg(&e));
  assert_int_equal(rc, FZ_OK);
  assert_int_equal(has, 1);
  assert_int_equal(csv_row(r), iRow);
  assert_int_equal(csv_nfield(r), nField);
  err_clear(&e);
}

static void expect_end(CsvReader *r) {
  Err e = ERR_INIT;
  int has = 1;
  assert_int_equal(csv_read_row(r, &has, &e), FZ_OK);
  assert_int_equal(has, 0);
  assert_int_equal(csv_read_row(r, &has, &e), FZ_OK); /* and stays there */
  assert_int_equal(has, 0);
  assert_int_equal(csv_bytes_read(r), csv_bytes_total(r));
  err_clear(&e);
}

static void field_is(CsvReader *r, int i, const char *z) {
  assert_string_equal(csv_field(r, i), z);
  assert_int_equal(csv_field_len(r, i), strlen(z));
}

/* Read rows until one fails; returns the message (static copy) and checks
 * the rc and the row the Err names. */
static const char *read_fails(CsvReader *r, long iRow) {
  static char zMsg[512];
  Err e = ERR_INIT;
  int has, rc;
  while ((rc = csv_read_row(r, &has, &e)) == FZ_OK)
    assert_int_equal(has, 1);
  assert_int_equal(rc, FZ_INVALID);
  assert_int_equal(has, 0);
  assert_int_equal(e.row, iRow);
  snprintf(zMsg, sizeof zMsg, "%s", err_msg(&e));
  err_clear(&e);
  assert_int_equal(csv_read_row(r, &has, &e), FZ_INVALID); /* sticky */
  assert_int_equal(has, 0);
  err_clear(&e);
  return zMsg;
}

/* Open must fail with rc; returns the message (static copy). */
static const char *open_fails(const char *z, size_t n, int rc) {
  static char zMsg[512];
  CsvReader *r = (CsvReader *)1;
  Err e = ERR_INIT;
  assert_int_equal(csv_open_mem(&r, z, n, "坏.csv", &e), rc);
  assert_null(r);
  assert_int_equal(e.rc, rc);
  snprintf(zMsg, sizeof zMsg, "%s", err_msg(&e));
  err_clear(&e);
  return zMsg;
}

/* ---- Parsing ---- */

static void test_simple(void **state) {
  CsvReader *r = open_str("编码,名称,级别\n632323000000,泽库县,3\n");
  (void)state;
  assert_string_equal(csv_encoding(r), "UTF-8");
  next_row(r, 1, 3);
  field_is(r, 0, "编码");
  field_is(r, 1, "名称");
  field_is(r, 2, "级别");
  next_row(r, 2, 3);
  field_is(r, 0, "632323000000");
  field_is(r, 1, "泽库县");
  field_is(r, 2, "3");
  field_is(r, 3, ""); /* past the end reads as empty */
  field_is(r, -1, "");
  expect_end(r);
  csv_close(r);
}

static void test_quoted(void **state) {
  CsvReader *r = open_str("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\n"
                          "\"cr\rin\",\"crlf\r\nin\",plain\n"
                          "x\"y,\"\"\"\"\n");
  (void)state;
  next_row(r, 1, 4);
  field_is(r, 0, "a,b");
  field_is(r, 1, "say \"hi\"");
  field_is(r, 2, "line1\nline2");
  field_is(r, 3, "");
  next_row(r, 2, 3); /* the quoted newline did not take a row number */
  field_is(r, 0, "cr\rin");
  field_is(r, 1, "crlf\r\nin");
  field_is(r, 2, "plain");
  next_row(r, 3, 2);
  field_is(r, 0, "x\"y"); /* a quote inside an unquoted field stays (Excel) */
  field_is(r, 1, "\"");
  expect_end(r);
  csv_close(r);
}

static void test_crlf(void **state) {
  CsvReader *r = open_str("a,b\r\nc,\"d\"\r\n,\r\n");
  (void)state;
  next_row(r, 1, 2);
  field_is(r, 0, "a");
  field_is(r, 1, "b");
  next_row(r, 2, 2);
  field_is(r, 0, "c");
  field_is(r, 1, "d");
  next_row(r, 3, 2);
  field_is(r, 0, "");
  field_is(r, 1, "");
  expect_end(r);
  csv_close(r);
}

static void test_lone_cr(void **state) {
  CsvReader *r = open_str("a,b\rc,d\r\re\r");
  (void)state;
  next_row(r, 1, 2);
  field_is(r, 1, "b");
  next_row(r, 2, 2);
  field_is(r, 0, "c");
  field_is(r, 1, "d");
  next_row(r, 4, 1); /* \r\r: a blank row between */
  field_is(r, 0, "e");
  expect_end(r);
  csv_close(r);
}

static void test_no_final_newline(void **state) {
  CsvReader *r = open_str("a,b\nc,d");
  (void)state;
  next_row(r, 1, 2);
  next_row(r, 2, 2);
  field_is(r, 1, "d");
  expect_end(r);
  csv_close(r);

  r = open_str("a,b\nc,");
  next_row(r, 1, 2);
  next_row(r, 2, 2);
  field_is(r, 1, "");
  expect_end(r);
  csv_close(r);

  r = open_str("a,\"b\"");
  next_row(r, 1, 2);
  field_is(r, 1, "b");
  expect_end(r);
  csv_close(r);
}

static void test_blank_lines(void **state) {
  CsvReader *r = open_str("\nh1,h2\n\n\"x\ny\",1\r\n\r\n\r\nz,2\n\n\n");
  (void)state;
  next_row(r, 2, 2); /* the leading blank line is row 1 */
  field_is(r, 0, "h1");
  next_row(r, 4, 2);
  field_is(r, 0, "x\ny");
  next_row(r, 7, 2);
  field_is(r, 0, "z");
  expect_end(r);
  assert_int_equal(csv_row(r), 7);
  csv_close(r);
}

static void test_one_field(void **state) {
  CsvReader *r = open_str("abc\n\"\"\n \n");
  (void)state;
  next_row(r, 1, 1);
  field_is(r, 0, "abc");
  next_row(r, 2, 1); /* "" is an empty field, not a blank line */
  field_is(r, 0, "");
  next_row(r, 3, 1);
  field_is(r, 0, " ");
  expect_end(r);
  csv_close(r);
}

static void test_empty(void **state) {
  CsvReader *r = open_str("");
  Err e = ERR_INIT;
  const char *zPath;
  (void)state;
  assert_string_equal(csv_encoding(r), "UTF-8");
  assert_int_equal(csv_bytes_total(r), 0);
  expect_end(r);
  csv_close(r);

  zPath = tmp_write("", 0);
  assert_int_equal(csv_open_file(&r, zPath, &e), FZ_OK);
  expect_end(r);
  csv_close(r);
  unlink(zPath);

  r = open_str("\n\r\n\n"); /* only blank lines */
  expect_end(r);
  csv_close(r);
  err_clear(&e);
}

/* ---- Encodings ---- */

static void test_utf8_bom(void **state) {
  const char z[] = "\xEF\xBB\xBF编码,名称\n1,泽库县\n";
  CsvReader *r = open_str(z);
  (void)state;
  assert_string_equal(csv_encoding(r), "UTF-8 BOM");
  next_row(r, 1, 2);
  field_is(r, 0, "编码"); /* BOM stripped */
  next_row(r, 2, 2);
  field_is(r, 1, "泽库县");
  expect_end(r);
  assert_int_equal(csv_bytes_total(r), (long long)strlen(z));
  csv_close(r);

  r = open_str("\xEF\xBB\xBF"); /* a BOM alone */
  assert_string_equal(csv_encoding(r), "UTF-8 BOM");
  expect_end(r);
  csv_close(r);
}

static void test_gb18030_small(void **state) {
  const char *zUtf8 = "编码,名称\n632323000000,泽库县\n";
  size_t n;
  char *zGb = to_gb18030(zUtf8, strlen(zUtf8), &n);
  const char *zPath = tmp_write(zGb, n);
  CsvReader *r = NULL;
  Err e = ERR_INIT;
  (void)state;
  assert_true(n < strlen(zUtf8)); /* really converted */
  assert_int_equal(csv_open_file(&r, zPath, &e), FZ_OK);
  assert_string_equal(csv_encoding(r), "GB18030");
  assert_int_equal(csv_bytes_total(r), (long long)n);
  next_row(r, 1, 2);
  field_is(r, 0, "编码");
  field_is(r, 1, "名称");
  next_row(r, 2, 2);
  field_is(r, 0, "632323000000");
  field_is(r, 1, "泽库县");
  expect_end(r);
  csv_close(r);
  unlink(zPath);
  free(zGb);
  err_clear(&e);
}

/* GB18030 byte length of the character starting with lead byte c, next d. */
static size_t gb_len(unsigned char c, unsigned char d) {
  if (c < 0x80) return 1;
  return (d >= 0x30 && d <= 0x39) ? 4 : 2;
}

/* Build ~300 KB of Chinese rows (~210 KB as GB18030; 2- and 4-byte
 * characters, quoted fields with commas and newlines); pad the first field
 * until a multibyte GB18030 character straddles the first chunk boundary. */
static char *make_big(int wantGbStraddle, size_t *pnUtf8, int *pnRow) {
  static const char *azWord[] = {"泽库县",   "司法局",      "人民调解委员会",
                                 "𠀀𠀁",     "😀",           "黄南藏族自治州",
                                 "行政复议", "法律援助中心"};
  int pad;
  for (pad = 0; pad < 8; pad++) {
    size_t cap = 400000, n = 0, nGb, i;
    char *z = malloc(cap), *zGb;
    int iRow, ok = !wantGbStraddle;
    for (i = 0; i < (size_t)pad; i++)
      z[n++] = 'p';
    for (iRow = 0; n < 300000; iRow++) {
      const char *a = azWord[iRow % 8], *b = azWord[(iRow * 3 + 1) % 8];
      n += (size_t)snprintf(z + n, cap - n,
                            "%d,%s,\"%s,%s\",\"%s\n%s\"\"\",%s%s\n", iRow, a, b,
                            a, a, b, b, b);
    }
    *pnUtf8 = n;
    *pnRow = iRow;
    if (!ok) {
      zGb = to_gb18030(z, n, &nGb);
      for (i = 0; i < nGb;) {
        size_t len = gb_len((unsigned char)zGb[i], (unsigned char)zGb[i + 1]);
        if (i < CHUNK && i + len > CHUNK) ok = 1;
        if (i + len > CHUNK) break;
        i += len;
      }
      free(zGb);
    }
    if (ok) return z;
    free(z);
  }
  fail_msg("no padding makes a character straddle the chunk boundary");
  return NULL;
}

/* Read the big file back and compare every field with the generator's. */
static void check_big(const char *zPath, const char *zEnc, const char *zUtf8,
                      size_t nUtf8, int nRow) {
  CsvReader *r = NULL, *rWant;
  Err e = ERR_INIT;
  int i, k;
  long long nLast = 0;
  assert_int_equal(csv_open_file(&r, zPath, &e), FZ_OK);
  assert_string_equal(csv_encoding(r), zEnc);
  rWant = open_mem_ok(zUtf8, nUtf8); /* the same text as one UTF-8 buffer */
  for (i = 0; i < nRow; i++) {
    next_row(r, i + 1, 5);
    next_row(rWant, i + 1, 5);
    for (k = 0; k < 5; k++) {
      assert_int_equal(csv_field_len(r, k), csv_field_len(rWant, k));
      assert_memory_equal(csv_field(r, k), csv_field(rWant, k),
                          csv_field_len(r, k) + 1);
    }
    assert_true(csv_bytes_read(r) >= nLast);
    nLast = csv_bytes_read(r);
  }
  assert_true(strchr(csv_field(r, 3), '\n') != NULL);
  expect_end(r);
  expect_end(rWant);
  csv_close(r);
  csv_close(rWant);
  err_clear(&e);
}

static void test_gb18030_big(void **state) {
  size_t nUtf8, nGb;
  int nRow;
  char *zUtf8 = make_big(1, &nUtf8, &nRow);
  char *zGb = to_gb18030(zUtf8, nUtf8, &nGb);
  const char *zPath = tmp_write(zGb, nGb);
  (void)state;
  assert_true(nGb > 3 * CHUNK);
  check_big(zPath, "GB18030", zUtf8, nUtf8, nRow);
  unlink(zPath);
  free(zGb);
  free(zUtf8);
}

/* The same rows as UTF-8: detection must carry a cut sequence over too. */
static void test_utf8_big(void **state) {
  size_t nUtf8;
  int nRow, pad;
  char *zUtf8 = make_big(0, &nUtf8, &nRow);
  (void)state;
  for (pad = 1; pad <= 3; pad++) {
    /* Shift the text so a 3- or 4-byte character crosses offset CHUNK. */
    size_t nPad = 0;
    char *z;
    const char *zPath;
    for (;; nPad++) {
      unsigned c = (unsigned char)zUtf8[CHUNK - pad - (int)nPad];
      int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
      if (len > pad) break;
    }
    z = malloc(nUtf8 + nPad + 1);
    memset(z, 'p', nPad);
    memcpy(z + nPad, zUtf8, nUtf8 + 1);
    zPath = tmp_write(z, nUtf8 + nPad);
    check_big(zPath, "UTF-8", z, nUtf8 + nPad, nRow);
    unlink(zPath);
    free(z);
  }
  free(zUtf8);
}

/* Every split of quotes, "" and CRLF by the chunk edge parses the same. */
static void test_chunk_edges(void **state) {
  static const char zTail[] = "\"a\"\"b\",\"c\"\r\n\"\"\"\",d\r\ne\n";
  size_t nPad, n = CHUNK + 64;
  char *z = malloc(n);
  (void)state;
  for (nPad = CHUNK - 24; nPad < CHUNK + 2; nPad++) {
    CsvReader *r = NULL;
    Err e = ERR_INIT;
    const char *zPath;
    memset(z, 'x', nPad - 1);
    z[nPad - 1] = '\n';
    memcpy(z + nPad, zTail, sizeof zTail - 1);
    zPath = tmp_write(z, nPad + sizeof zTail - 1);
    assert_int_equal(csv_open_file(&r, zPath, &e), FZ_OK);
    next_row(r, 1, 1);
    assert_int_equal(csv_field_len(r, 0), nPad - 1);
    next_row(r, 2, 2);
    field_is(r, 0, "a\"b");
    field_is(r, 1, "c");
    next_row(r, 3, 2);
    field_is(r, 0, "\"");
    field_is(r, 1, "d");
    next_row(r, 4, 1);
    field_is(r, 0, "e");
    expect_end(r);
    csv_close(r);
    unlink(zPath);
    err_clear(&e);
  }
  free(z);
}

static void test_neither_encoding(void **state) {
  const char *zMsg;
  size_t n;
  char *zGb, *zBad;
  (void)state;
  zMsg = open_fails("编码\n1,\xff\xff\xff\n2,x\n", 17, FZ_INVALID);
  assert_non_null(strstr(zMsg, "编码无法识别"));
  assert_non_null(strstr(zMsg, "既不是有效的 UTF-8 也不是 GB18030"));
  assert_non_null(strstr(zMsg, "第2行（第10字节）"));
  assert_non_null(strstr(zMsg, "坏.csv"));

  /* GB18030 text with a bad byte later: the later fault is the one named. */
  zGb = to_gb18030("编码,名称\n1,泽库县\n2,", 28, &n);
  zBad = malloc(n + 4);
  memcpy(zBad, zGb, n);
  memcpy(zBad + n, "\x81\x20\n", 3);
  zMsg = open_fails(zBad, n + 3, FZ_INVALID);
  assert_non_null(strstr(zMsg, "既不是有效的 UTF-8 也不是 GB18030"));
  assert_non_null(strstr(zMsg, "第3行"));
  free(zBad);
  free(zGb);

  /* A lead byte cut off by the end of the file. */
  zMsg = open_fails("a,b\nc,\xe6", 7, FZ_INVALID);
  assert_non_null(strstr(zMsg, "第2行（第7字节）"));

  /* Code points past U+10FFFF and surrogates are not UTF-8 (nor GB18030). */
  zMsg = open_fails("a\n\xf4\x90\x80\x80\n", 7, FZ_INVALID);
  assert_non_null(strstr(zMsg, "既不是有效的 UTF-8"));
}

/* The UTF-8 check is strict at every edge of RFC 3629. */
static void test_utf8_strict(void **state) {
  static const char *azGood[] = {"\xed\x9f\xbf",     "\xee\x80\x80",
                                 "\xef\xbf\xbf",     "\xf0\x90\x80\x80",
                                 "\xf4\x8f\xbf\xbf", "\xc2\x80"};
  static const char *azBad[] = {
      "\xed\xa0\x80",     "\xed\xbf\xbf",     "\xe0\x80\xaf",     "\xc1\xbf",
      "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x80"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof azGood / sizeof azGood[0]; i++) {
    CsvReader *r = open_str(azGood[i]);
    assert_string_equal(csv_encoding(r), "UTF-8");
    next_row(r, 1, 1);
    field_is(r, 0, azGood[i]);
    csv_close(r);
  }
  for (i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    char z[16];
    CsvReader *r = NULL;
    Err e = ERR_INIT;
    int n = snprintf(z, sizeof z, "a\n%s\n", azBad[i]);
    /* Not UTF-8; whether it happens to be GB18030 does not matter here. */
    if (csv_open_mem(&r, z, (size_t)n, "x", &e) == FZ_OK) {
      assert_string_equal(csv_encoding(r), "GB18030");
    } else {
      assert_non_null(strstr(err_msg(&e), "既不是有效的 UTF-8"));
    }
    csv_close(r);
    err_clear(&e);
  }
}

static void test_bom_but_invalid(void **state) {
  const char *zMsg = open_fails("\xEF\xBB\xBF"
                                "a\nb\n\"c\nd\",\xc0\x80\n",
                                16, FZ_INVALID);
  (void)state;
  assert_non_null(strstr(zMsg, "以 UTF-8 标记开头"));
  assert_non_null(strstr(zMsg, "第3行（第14字节）"));
}

static void test_not_csv(void **state) {
  const char *zMsg;
  (void)state;
  zMsg = open_fails("PK\x03\x04\x14\x00\x06\x00", 8, FZ_INVALID);
  assert_non_null(strstr(zMsg, ".xlsx"));
  zMsg = open_fails("\xFF\xFE"
                    "a\0,\0b\0",
                    8, FZ_INVALID);
  assert_non_null(strstr(zMsg, "UTF-16"));
  assert_non_null(strstr(zMsg, "另存为"));
}

/* ---- Malformed rows ---- */

static void test_unclosed_quote(void **state) {
  CsvReader *r = open_str("a,b\nc,\"open\nmore,stuff\n");
  const char *zMsg;
  (void)state;
  next_row(r, 1, 2);
  zMsg = read_fails(r, 2);
  assert_non_null(strstr(zMsg, "第2行：引号未闭合"));
  assert_non_null(strstr(zMsg, "第2列"));
  assert_non_null(strstr(zMsg, "第7字节"));
  assert_non_null(strstr(zMsg, "直到文件末尾都没有结束引号"));
  csv_close(r);
}

static void test_junk_after_quote(void **state) {
  CsvReader *r = open_str("h\n\n1,\"ab\"x,c\n");
  const char *zMsg;
  (void)state;
  next_row(r, 1, 1);
  zMsg = read_fails(r, 3);
  assert_non_null(strstr(zMsg, "第3行第2列：结束引号后出现多余字符"));
  assert_non_null(strstr(zMsg, "第10字节"));
  csv_close(r);

  r = open_str("\"ab\" \n"); /* a space counts too */
  zMsg = read_fails(r, 1);
  assert_non_null(strstr(zMsg, "第1行第1列"));
  csv_close(r);
}

static void test_nul(void **state) {
  CsvReader *r = open_mem_ok("a,b\nc,d\0e\n", 10);
  const char *zMsg;
  (void)state;
  next_row(r, 1, 2);
  zMsg = read_fails(r, 2);
  assert_non_null(strstr(zMsg, "空字符"));
  assert_non_null(strstr(zMsg, "第2行第2列"));
  assert_non_null(strstr(zMsg, "第8字节"));
  csv_close(r);

  r = open_mem_ok("\"a\0\"\n", 5);
  zMsg = read_fails(r, 1);
  assert_non_null(strstr(zMsg, "空字符"));
  csv_close(r);
}

/* A quoted field of 1.1 MB (Chinese, commas, "" and newlines), then an
 * unquoted one of 1 MB: both span many chunks. */
static void test_long_field(void **state) {
  static const char zRaw[] = "泽库,\"\"\n", zCooked[] = "泽库,\"\n";
  size_t nRep = 110000, n = 1024 * 1024, i;
  char *z = malloc(nRep * 10 + n + 64), *p = z;
  const char *zPath, *zField;
  CsvReader *r = NULL;
  Err e = ERR_INIT;
  (void)state;
  memcpy(p, "id,\"", 4);
  p += 4;
  for (i = 0; i < nRep; i++, p += 10)
    memcpy(p, zRaw, 10);
  memcpy(p, "\",2\n", 4);
  p += 4;
  for (i = 0; i < n; i++)
    *p++ = (char)('a' + i % 26);
  *p++ = '\n';
  zPath = tmp_write(z, (size_t)(p - z));
  assert_int_equal(csv_open_file(&r, zPath, &e), FZ_OK);
  next_row(r, 1, 3);
  assert_int_equal(csv_field_len(r, 1), nRep * 9);
  zField = csv_field(r, 1);
  for (i = 0; i < nRep; i++)
    assert_memory_equal(zField + 9 * i, zCooked, 9);
  field_is(r, 2, "2");
  next_row(r, 2, 1);
  assert_int_equal(csv_field_len(r, 0), n);
  assert_int_equal(csv_field(r, 0)[n - 1], 'a' + (n - 1) % 26);
  expect_end(r);
  csv_close(r);
  unlink(zPath);
  free(z);
  err_clear(&e);
}

static void test_row_too_long(void **state) {
  size_t n = 17 * 1024 * 1024;
  char *z = malloc(n);
  CsvReader *r;
  const char *zMsg;
  (void)state;
  memset(z, 'a', n);
  memcpy(z, "h\n1,\"", 5);
  r = open_mem_ok(z, n);
  next_row(r, 1, 1);
  zMsg = read_fails(r, 2);
  assert_non_null(strstr(zMsg, "一行超过 16 MB"));
  assert_non_null(strstr(zMsg, "第2列的引号未闭合"));
  csv_close(r);
  free(z);
}

static void test_open_errors(void **state) {
  CsvReader *r = (CsvReader *)1;
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(csv_open_file(&r, "/nonexistent/x.csv", &e), FZ_IO);
  assert_null(r);
  assert_non_null(strstr(err_msg(&e), "无法打开文件"));
  err_clear(&e);
  assert_int_equal(csv_open_file(&r, "/tmp", &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), "不是普通文件"));
  err_clear(&e);
}

static void test_progress(void **state) {
  const char z[] = "a,b\r\nc,d\r\n";
  CsvReader *r = open_str(z);
  (void)state;
  assert_int_equal(csv_bytes_total(r), 10);
  assert_int_equal(csv_bytes_read(r), 0);
  next_row(r, 1, 2);
  assert_int_equal(csv_bytes_read(r), 4); /* the LF is taken with the next */
  next_row(r, 2, 2);
  assert_int_equal(csv_bytes_read(r), 9);
  expect_end(r);
  csv_close(r);
}

/* ---- Writing ---- */

static void test_write_field(void **state) {
  Str s = STR_INIT;
  (void)state;
  csv_write_field(&s, "plain", 1);
  csv_write_field(&s, "a,b", 0);
  csv_write_field(&s, "say \"hi\"", 0);
  csv_write_field(&s, "", 0);
  csv_write_field(&s, NULL, 0);
  csv_write_field(&s, " lead", 0);
  csv_write_field(&s, "trail ", 0);
  csv_write_field(&s, "in side", 0);
  csv_write_field(&s, "l1\nl2", 0);
  csv_write_field(&s, "泽库县", 0);
  assert_string_equal(str_cstr(&s), "plain,\"a,b\",\"say \"\"hi\"\"\",,,"
                                    "\" lead\",\"trail \",in side,"
                                    "\"l1\nl2\",泽库县");
  str_free(&s);
}

static void test_write_round_trip(void **state) {
  static const char *azPiece[] = {"泽库县", ",", "\"", "\n", "\r\n",    "\r",
                                  " ",      "a", "12", "",   "司法,局", "\"\""};
  enum { NROW = 300, NCOL = 7 };
  static char azField[NROW][NCOL][64];
  Str s = STR_INIT;
  CsvReader *r;
  unsigned seed = 12345;
  int i, k, m;
  (void)state;
  for (i = 0; i < NROW; i++) {
    for (k = 0; k < NCOL; k++) {
      char *p = azField[i][k];
      size_t n = 0;
      int nPiece;
      seed = seed * 1103515245u + 12345u;
      nPiece = (int)((seed >> 16) % 5);
      for (m = 0; m < nPiece; m++) { /* at most 4 pieces of 10 bytes */
        const char *zPiece;
        seed = seed * 1103515245u + 12345u;
        zPiece = azPiece[(seed >> 16) % 12];
        memcpy(p + n, zPiece, strlen(zPiece));
        n += strlen(zPiece);
      }
      p[n] = 0;
      csv_write_field(&s, p, k == 0);
    }
    str_puts(&s, i % 2 ? "\r\n" : "\n");
  }
  assert_false(str_error(&s));
  r = open_mem_ok(s.z, s.n);
  for (i = 0; i < NROW; i++) {
    next_row(r, i + 1, NCOL);
    for (k = 0; k < NCOL; k++)
      field_is(r, k, azField[i][k]);
  }
  expect_end(r);
  csv_close(r);
  str_free(&s);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_simple),
      cmocka_unit_test(test_quoted),
      cmocka_unit_test(test_crlf),
      cmocka_unit_test(test_lone_cr),
      cmocka_unit_test(test_no_final_newline),
      cmocka_unit_test(test_blank_lines),
      cmocka_unit_test(test_one_field),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_utf8_bom),
      cmocka_unit_test(test_gb18030_small),
      cmocka_unit_test(test_gb18030_big),
      cmocka_unit_test(test_utf8_big),
      cmocka_unit_test(test_chunk_edges),
      cmocka_unit_test(test_neither_encoding),
      cmocka_unit_test(test_utf8_strict),
      cmocka_unit_test(test_bom_but_invalid),
      cmocka_unit_test(test_not_csv),
      cmocka_unit_test(test_unclosed_quote),
      cmocka_unit_test(test_junk_after_quote),
      cmocka_unit_test(test_nul),
      cmocka_unit_test(test_long_field),
      cmocka_unit_test(test_row_too_long),
      cmocka_unit_test(test_open_errors),
      cmocka_unit_test(test_progress),
      cmocka_unit_test(test_write_field),
      cmocka_unit_test(test_write_round_trip),
  };
  return cmocka_run_group_tests_name("csv", aTest, NULL, NULL);
}
