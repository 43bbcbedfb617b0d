/* utf8.h — UTF-8 validation and character counting. Strict: overlong forms,
 * surrogates (U+D800–DFFF), code points past U+10FFFF and truncated sequences
 * are all invalid, as RFC 3629 requires. */
#ifndef FZ_UTF8_H
#define FZ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 when z[0..n) is valid UTF-8; else 0 and *pBad (if not NULL) is the byte
 * offset of the first invalid sequence. */
int utf8_valid(const char *z, size_t n, size_t *pBad);

/* Decode one code point at *pz (not past zEnd), advance *pz; returns the code
 * point, or -1 for an invalid sequence (then *pz advances one byte). */
int32_t utf8_decode(const char **pz, const char *zEnd);

/* Characters (code points) in valid UTF-8 text. */
size_t utf8_count(const char *z, size_t n);

/* Bytes of the longest prefix of valid text z[0..n) holding at most nChar
 * characters (for cutting a value to a display width without splitting). */
size_t utf8_prefix(const char *z, size_t n, size_t nChar);

/* Append code point c as UTF-8 to buf (at least 4 bytes); returns bytes. */
int utf8_encode(uint32_t c, char *buf);

#endif
