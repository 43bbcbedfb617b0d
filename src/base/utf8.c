/* utf8.c — strict UTF-8 (RFC 3629, see utf8.h). Imported files and form
 * values pass through here, so anything a browser or database might read
 * differently (overlong forms, surrogates, past U+10FFFF) is refused. */
#include "utf8.h"

#include <string.h>

/* Sequence length announced by lead byte c, 0 for a byte that cannot lead
 * (a continuation byte, C0, C1 and F5..FF, which only overlong or
 * out-of-range sequences would use). */
static int utf8_lead_len(unsigned char c) {
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  if (c < 0xF5) return 4;
  return 0;
}

int32_t utf8_decode(const char **pz, const char *zEnd) {
  /* The smallest code point each length may encode; less is overlong. */
  static const int32_t aMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  const unsigned char *z = (const unsigned char *)*pz;
  int n, i;
  int32_t c;
  if (*pz >= zEnd) return -1;
  n = utf8_lead_len(z[0]);
  if (n == 0 || zEnd - *pz < n) goto bad;
  c = n == 1 ? z[0] : z[0] & (0x7F >> n);
  for (i = 1; i < n; i++) {
    if ((z[i] & 0xC0) != 0x80) goto bad;
    c = (c << 6) | (z[i] & 0x3F);
  }
  if (c < aMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) goto bad;
  *pz += n;
  return c;

bad:
  *pz += 1;
  return -1;
}

/* The hot path of every import: ranges on the second byte rule out
 * overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4)
 * without decoding, and ASCII runs are skipped eight bytes at a time. */
int utf8_valid(const char *zIn, size_t n, size_t *pBad) {
  const unsigned char *z = (const unsigned char *)zIn;
  size_t i = 0;
  while (i < n) {
    unsigned c = z[i], lo = 0x80, hi = 0xBF;
    size_t len, k;
    if (c < 0x80) {
      /* Most CSV text is ASCII: skip it eight bytes at a time. */
      for (i++; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, z + i, 8);
        if (w & 0x8080808080808080u) break;
      }
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      goto bad;
    }
    if (n - i < len || z[i + 1] < lo || z[i + 1] > hi) goto bad;
    for (k = 2; k < len; k++) {
      if (z[i + k] < 0x80 || z[i + k] > 0xBF) goto bad;
    }
    i += len;
  }
  return 1;
bad:
  if (pBad) *pBad = i;
  return 0;
}

/* Invalid bytes, if any, count one character each, as utf8_decode steps. */
size_t utf8_count(const char *z, size_t n) {
  const char *p = z, *zEnd = z + n;
  size_t nChar = 0;
  while (p < zEnd) {
    utf8_decode(&p, zEnd);
    nChar++;
  }
  return nChar;
}

size_t utf8_prefix(const char *z, size_t n, size_t nChar) {
  const char *p = z, *zEnd = z + n;
  while (nChar-- > 0 && p < zEnd)
    utf8_decode(&p, zEnd);
  return (size_t)(p - z);
}

/* A surrogate or a value past U+10FFFF has no UTF-8 form; it is written as
 * U+FFFD REPLACEMENT CHARACTER so the output stays valid. */
int utf8_encode(uint32_t c, char *buf) {
  unsigned char *z = (unsigned char *)buf;
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    z[0] = (unsigned char)c;
    return 1;
  }
  if (c < 0x800) {
    z[0] = (unsigned char)(0xC0 | (c >> 6));
    z[1] = (unsigned char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    z[0] = (unsigned char)(0xE0 | (c >> 12));
    z[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (unsigned char)(0x80 | (c & 0x3F));
    return 3;
  }
  z[0] = (unsigned char)(0xF0 | (c >> 18));
  z[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
  z[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
  z[3] = (unsigned char)(0x80 | (c & 0x3F));
  return 4;
}
