/* test_utf8.c — unit tests for src/base/utf8.c: valid Chinese text and
 * emoji, each class of invalid sequence RFC 3629 forbids, counting, cutting
 * and encoding, plus exhaustive counts over all short byte sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/base/utf8.h"

/* utf8_valid over a string literal that may hold NUL bytes. */
#define VALID(lit, pBad) utf8_valid(lit, sizeof(lit) - 1, pBad)

/* Expect z[0..n) invalid with the first bad sequence at byte iBad. */
static void check_bad(const char *z, size_t n, size_t iBad) {
  size_t got = 9999;
  if (utf8_valid(z, n, &got)) fail_msg("accepted sequence at %zu", iBad);
  assert_int_equal(got, iBad);
  assert_int_equal(utf8_valid(z, n, NULL), 0);
}

/* Decode one code point from the whole of z[0..n); returns it, or -1 when
 * the decoder did not take exactly n bytes as one character. */
static int32_t decode_one(const char *z, size_t n) {
  const char *p = z;
  int32_t c = utf8_decode(&p, z + n);
  return (c >= 0 && (size_t)(p - z) == n) ? c : -1;
}

static void test_valid_text(void **state) {
  size_t bad = 77;
  (void)state;
  assert_true(VALID("", &bad));
  assert_true(VALID("hello, world", &bad));
  assert_true(VALID("泽库县司法局", &bad));
  assert_true(VALID("行政复议决定书（2024）第1号", &bad));
  assert_true(VALID("\xF0\x9F\x98\x80", &bad)); /* U+1F600 😀 */
  assert_true(VALID("案件😀已办结✓", &bad));
  assert_true(VALID("a\0b", &bad)); /* NUL is a character like any other */
  assert_true(VALID("\xE3\x80\x80", &bad)); /* U+3000 ideographic space */
  assert_true(VALID("\xEF\xBB\xBF"
                    "BOM",
                    &bad));
  assert_int_equal(bad, 77); /* untouched on success */
}

static void test_valid_boundaries(void **state) {
  (void)state;
  assert_true(VALID("\x7F", NULL));             /* U+007F */
  assert_true(VALID("\xC2\x80", NULL));         /* U+0080 */
  assert_true(VALID("\xDF\xBF", NULL));         /* U+07FF */
  assert_true(VALID("\xE0\xA0\x80", NULL));     /* U+0800 */
  assert_true(VALID("\xED\x9F\xBF", NULL));     /* U+D7FF */
  assert_true(VALID("\xEE\x80\x80", NULL));     /* U+E000 */
  assert_true(VALID("\xEF\xBF\xBD", NULL));     /* U+FFFD */
  assert_true(VALID("\xEF\xBF\xBF", NULL));     /* U+FFFF */
  assert_true(VALID("\xF0\x90\x80\x80", NULL)); /* U+10000 */
  assert_true(VALID("\xF4\x8F\xBF\xBF", NULL)); /* U+10FFFF */
}

static void test_invalid_overlong(void **state) {
  (void)state;
  check_bad("\xC0\x80", 2, 0);         /* NUL in two bytes */
  check_bad("\xC1\xBF", 2, 0);         /* U+007F in two bytes */
  check_bad("\xE0\x80\x80", 3, 0);     /* NUL in three bytes */
  check_bad("\xE0\x9F\xBF", 3, 0);     /* U+07FF in three bytes */
  check_bad("\xF0\x80\x80\x80", 4, 0); /* NUL in four bytes */
  check_bad("\xF0\x8F\xBF\xBF", 4, 0); /* U+FFFF in four bytes */
  check_bad("ab\xC0\xAF", 4, 2);       /* overlong '/', the classic attack */
}

static void test_invalid_surrogates(void **state) {
  (void)state;
  check_bad("\xED\xA0\x80", 3, 0); /* U+D800 */
  check_bad("\xED\xAD\xBF", 3, 0); /* U+DB7F */
  check_bad("\xED\xB0\x80", 3, 0); /* U+DC00 */
  check_bad("\xED\xBF\xBF", 3, 0); /* U+DFFF */
  /* A CESU-8 pair for U+1F600 is two surrogates, not a character. */
  check_bad("\xED\xA0\xBD\xED\xB8\x80", 6, 0);
}

static void test_invalid_range(void **state) {
  static const unsigned char aLead[] = {0xF5, 0xF6, 0xF7, 0xF8,
                                        0xFB, 0xFC, 0xFE, 0xFF};
  size_t i;
  (void)state;
  check_bad("\xF4\x90\x80\x80", 4, 0); /* U+110000 */
  check_bad("\xF4\xBF\xBF\xBF", 4, 0);
  check_bad("\xF7\xBF\xBF\xBF", 4, 0); /* U+1FFFFF */
  for (i = 0; i < sizeof aLead; i++) {
    char z[5] = {(char)aLead[i], '\x80', '\x80', '\x80', '\x80'};
    check_bad(z, 1, 0);
    check_bad(z, 5, 0);
  }
}

static void test_invalid_stray(void **state) {
  (void)state;
  check_bad("\x80", 1, 0);
  check_bad("\xBF", 1, 0);
  check_bad("abc\x80", 4, 3);
  check_bad("中\x80", 4, 3);
  check_bad("\xE4\xB8\xAD\xAD", 4, 3); /* one continuation too many */
  check_bad("\xC2\x41", 2, 0);         /* lead byte then ASCII */
  check_bad("\xE4\x41\xAD", 3, 0);
  check_bad("\xF0\x9F\x98\x41", 4, 0);
  check_bad("\xE4\xB8\xE4\xB8\xAD", 5, 0); /* new lead inside a sequence */
}

static void test_invalid_truncated(void **state) {
  (void)state;
  check_bad("\xC2", 1, 0);
  check_bad("\xE4\xB8", 2, 0);
  check_bad("\xE4", 1, 0);
  check_bad("\xF0\x9F\x98", 3, 0);
  check_bad("泽库\xE5\x8E", 8, 6);
  /* Cut by the length, not by a NUL: the bytes past n are not read. */
  check_bad("\xE4\xB8\xAD", 2, 0);
  assert_true(utf8_valid("\xE4\xB8\xAD", 3, NULL));
  assert_true(utf8_valid("\xE4\xB8\xAD", 0, NULL));
}

static void test_decode(void **state) {
  const char *z = "a中😀\xC0\x80"
                  "b";
  const char *zEnd = z + strlen(z);
  const char *p = z;
  (void)state;
  assert_int_equal(utf8_decode(&p, zEnd), 'a');
  assert_int_equal(p - z, 1);
  assert_int_equal(utf8_decode(&p, zEnd), 0x4E2D);
  assert_int_equal(p - z, 4);
  assert_int_equal(utf8_decode(&p, zEnd), 0x1F600);
  assert_int_equal(p - z, 8);
  /* An invalid sequence yields -1 and steps one byte at a time. */
  assert_int_equal(utf8_decode(&p, zEnd), -1);
  assert_int_equal(p - z, 9);
  assert_int_equal(utf8_decode(&p, zEnd), -1);
  assert_int_equal(p - z, 10);
  assert_int_equal(utf8_decode(&p, zEnd), 'b');
  assert_true(p == zEnd);
  /* At the end: -1 and no movement. */
  assert_int_equal(utf8_decode(&p, zEnd), -1);
  assert_true(p == zEnd);
  assert_int_equal(decode_one("\xF4\x8F\xBF\xBF", 4), 0x10FFFF);
  assert_int_equal(decode_one("\xE4\xB8", 2), -1);
  assert_int_equal(decode_one("\0", 1), 0);
}

static void test_count(void **state) {
  (void)state;
  assert_int_equal(utf8_count("", 0), 0);
  assert_int_equal(utf8_count("abc", 3), 3);
  assert_int_equal(utf8_count("泽库县", strlen("泽库县")), 3);
  assert_int_equal(utf8_count("\xF0\x9F\x98\x80", 4), 1);
  assert_int_equal(utf8_count("a中😀b", strlen("a中😀b")), 4);
  assert_int_equal(utf8_count("a\0b", 3), 3);
  /* Stray bytes count one each, so a count never exceeds the bytes. */
  assert_int_equal(utf8_count("\x80\x80", 2), 2);
  assert_int_equal(utf8_count("中\xE4\xB8", 5), 3);
}

static void test_prefix(void **state) {
  const char *z = "泽库县司法局";
  size_t n = strlen(z);
  (void)state;
  assert_int_equal(utf8_prefix(z, n, 0), 0);
  assert_int_equal(utf8_prefix(z, n, 1), 3);
  assert_int_equal(utf8_prefix(z, n, 3), 9);
  assert_int_equal(utf8_prefix(z, n, 6), n);
  assert_int_equal(utf8_prefix(z, n, 100), n);
  assert_int_equal(utf8_prefix("a中😀b", 9, 3), 8);
  assert_int_equal(utf8_prefix("a中😀b", 9, 2), 4);
  assert_int_equal(utf8_prefix("", 0, 5), 0);
  /* A cut never splits a character: what is kept is valid. */
  assert_true(utf8_valid(z, utf8_prefix(z, n, 4), NULL));
  assert_int_equal(utf8_count(z, utf8_prefix(z, n, 4)), 4);
}

static void test_encode(void **state) {
  char buf[4];
  (void)state;
  assert_int_equal(utf8_encode('A', buf), 1);
  assert_memory_equal(buf, "A", 1);
  assert_int_equal(utf8_encode(0, buf), 1);
  assert_int_equal(buf[0], 0);
  assert_int_equal(utf8_encode(0x80, buf), 2);
  assert_memory_equal(buf, "\xC2\x80", 2);
  assert_int_equal(utf8_encode(0x7FF, buf), 2);
  assert_memory_equal(buf, "\xDF\xBF", 2);
  assert_int_equal(utf8_encode(0x4E2D, buf), 3);
  assert_memory_equal(buf, "中", 3);
  assert_int_equal(utf8_encode(0xFFFF, buf), 3);
  assert_memory_equal(buf, "\xEF\xBF\xBF", 3);
  assert_int_equal(utf8_encode(0x1F600, buf), 4);
  assert_memory_equal(buf, "😀", 4);
  assert_int_equal(utf8_encode(0x10FFFF, buf), 4);
  assert_memory_equal(buf, "\xF4\x8F\xBF\xBF", 4);
  /* No UTF-8 form: written as U+FFFD so the output stays valid. */
  assert_int_equal(utf8_encode(0xD800, buf), 3);
  assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
  assert_int_equal(utf8_encode(0xDFFF, buf), 3);
  assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
  assert_int_equal(utf8_encode(0x110000, buf), 3);
  assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
  assert_int_equal(utf8_encode(0xFFFFFFFFu, buf), 3);
  assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
}

/* Every scalar value encodes to valid UTF-8 of the right length that
 * decodes back to itself. */
static void test_encode_round_trip(void **state) {
  uint32_t c;
  char buf[4];
  (void)state;
  for (c = 0; c <= 0x10FFFF; c++) {
    int n;
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    n = utf8_encode(c, buf);
    assert_int_equal(n, c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);
    if (decode_one(buf, (size_t)n) != (int32_t)c) fail_msg("U+%04X", c);
  }
}

/* Over all 2- and 3-byte inputs and all 4-byte inputs with continuation
 * bytes, exactly as many decode as one character as there are code points
 * of that length: 1,920, 61,440 (no surrogates) and 1,048,576. Together
 * with the round trip above this pins the decoder to RFC 3629. */
static void test_exhaustive_counts(void **state) {
  unsigned a, b, c, d;
  unsigned long n2 = 0, n3 = 0, n4 = 0;
  char z[4];
  (void)state;
  for (a = 0; a < 256; a++) {
    z[0] = (char)a;
    for (b = 0; b < 256; b++) {
      z[1] = (char)b;
      if (decode_one(z, 2) >= 0) n2++;
      for (c = 0; c < 256; c++) {
        z[2] = (char)c;
        if (decode_one(z, 3) >= 0) n3++;
      }
    }
  }
  for (a = 0xF0; a < 256; a++) {
    z[0] = (char)a;
    for (b = 0x80; b < 0xC0; b++) {
      z[1] = (char)b;
      for (c = 0x80; c < 0xC0; c++) {
        z[2] = (char)c;
        for (d = 0x80; d < 0xC0; d++) {
          z[3] = (char)d;
          if (decode_one(z, 4) >= 0) n4++;
        }
      }
    }
  }
  assert_int_equal(n2, 0x800 - 0x80);
  assert_int_equal(n3, 0x10000 - 0x800 - 0x800);
  assert_int_equal(n4, 0x110000 - 0x10000);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_text),
      cmocka_unit_test(test_valid_boundaries),
      cmocka_unit_test(test_invalid_overlong),
      cmocka_unit_test(test_invalid_surrogates),
      cmocka_unit_test(test_invalid_range),
      cmocka_unit_test(test_invalid_stray),
      cmocka_unit_test(test_invalid_truncated),
      cmocka_unit_test(test_decode),
      cmocka_unit_test(test_count),
      cmocka_unit_test(test_prefix),
      cmocka_unit_test(test_encode),
      cmocka_unit_test(test_encode_round_trip),
      cmocka_unit_test(test_exhaustive_counts),
  };
  return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
