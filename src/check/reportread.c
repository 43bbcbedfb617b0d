/* reportread.c — a report file as plain text for the checker (see check.h):
 * DOCX through libzip and libxml2 (word/document.xml, one line per w:p),
 * HTML through libxml2's HTML parser (one line per block), Markdown with
 * its markup blanked so lines and columns stay where the author sees them,
 * and plain text in UTF-8 or GB18030. */
#include "check.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include <zip.h>

#include "../base/file.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "../base/xmllib.h"

#define DOCX_MAX_XML ((zip_uint64_t)64 << 20) /* unzipped document.xml cap */

enum { FMT_TEXT, FMT_MD, FMT_HTML, FMT_DOCX };

static int has_ext(const char *zPath, const char *zExt) {
  size_t n = strlen(zPath), m = strlen(zExt);
  return n > m && strcasecmp(zPath + n - m, zExt) == 0;
}

/* The format by extension, else by the first bytes. */
static int sniff(const char *zPath, const Str *s) {
  const char *z = str_cstr(s);
  size_t i = 0;
  if (has_ext(zPath, ".docx") || (s->n >= 4 && memcmp(z, "PK\x03\x04", 4) == 0))
    return FMT_DOCX;
  if (has_ext(zPath, ".html") || has_ext(zPath, ".htm")) return FMT_HTML;
  if (has_ext(zPath, ".md") || has_ext(zPath, ".markdown")) return FMT_MD;
  if (s->n >= 3 && memcmp(z, "\xef\xbb\xbf", 3) == 0) i = 3;
  while (i < s->n &&
         (z[i] == ' ' || z[i] == '\n' || z[i] == '\r' || z[i] == '\t'))
    i++;
  if (strncasecmp(z + i, "<!doctype html", 14) == 0 ||
      strncasecmp(z + i, "<html", 5) == 0)
    return FMT_HTML;
  return FMT_TEXT;
}

/* ---- Plain text and Markdown ---- */

/* GB18030 (or its GBK subset) to UTF-8 with iconv. */
static int from_gb18030(const char *zPath, const Str *in, Str *out, Err *e) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  char *zIn = (char *)str_cstr(in), buf[4096];
  size_t nIn = in->n;
  int rc = FZ_OK;
  if (cd == (iconv_t)-1)
    return err_set(e, FZ_IO, "无法转换 %s 的编码（iconv 不支持 GB18030）",
                   zPath);
  while (nIn > 0) {
    char *zOut = buf;
    size_t nOut = sizeof buf;
    size_t k = iconv(cd, &zIn, &nIn, &zOut, &nOut);
    str_append(out, buf, sizeof buf - nOut);
    if (k == (size_t)-1 && errno != E2BIG) {
      rc = err_set(e, FZ_INVALID, "%s 既不是 UTF-8 也不是 GB18030 文本", zPath);
      break;
    }
  }
  iconv_close(cd);
  return rc;
}

static int read_text(const char *zPath, const Str *raw, Str *out, Err *e) {
  const char *z = str_cstr(raw);
  size_t n = raw->n;
  if (n >= 3 && memcmp(z, "\xef\xbb\xbf", 3) == 0) {
    z += 3;
    n -= 3;
  }
  if (utf8_valid(z, n, NULL)) {
    str_append(out, z, n);
    return FZ_OK;
  }
  return from_gb18030(zPath, raw, out, e);
}

/* Blank Markdown markup (#, **, __, `, >, [](url)) with spaces: what is left
 * is the text, at the line and column the author sees. */
static void blank_markdown(char *z, size_t n) {
  size_t i = 0;
  int lineStart = 1;
  while (i < n) {
    if (lineStart) {
      while (i < n && (z[i] == '#' || z[i] == '>'))
        z[i++] = ' ';
      lineStart = 0;
      continue;
    }
    if (z[i] == '\n') {
      lineStart = 1;
    } else if ((z[i] == '*' || z[i] == '_') && i + 1 < n && z[i + 1] == z[i]) {
      z[i] = z[i + 1] = ' ';
      i++;
    } else if (z[i] == '`' || z[i] == '[' ||
               (z[i] == '!' && i + 1 < n && z[i + 1] == '[')) {
      z[i] = ' ';
    } else if (z[i] == ']' && i + 1 < n && z[i + 1] == '(') {
      while (i < n && z[i] != ')' && z[i] != '\n')
        z[i++] = ' ';
      if (i < n && z[i] == ')') z[i] = ' ';
    }
    i++;
  }
}

/* ---- HTML ---- */

static int is_name(const xmlNode *p, const char *const *az) {
  for (; *az; az++) {
    if (xml.xmlStrcasecmp(p->name, (const xmlChar *)*az) == 0) return 1;
  }
  return 0;
}

/* Text of an HTML tree, one line per block; white space in text collapsed
 * as a browser would. */
static void html_text(const xmlNode *p, Str *out) {
  static const char *const azSkip[] = {"script",   "style",    "head",
                                       "template", "noscript", NULL};
  static const char *const azBlock[] = {
      "p",   "div",   "h1",    "h2",  "h3",      "h4",      "h5",
      "h6",  "li",    "tr",    "br",  "section", "article", "blockquote",
      "pre", "table", "ul",    "ol",  "header",  "footer",  "title",
      "dd",  "dt",    "aside", "nav", "hr",      NULL};
  for (; p; p = p->next) {
    if (p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE) {
      const char *z = (const char *)p->content;
      int space = 0;
      for (; z && *z; z++) {
        if (*z == ' ' || *z == '\n' || *z == '\r' || *z == '\t')
          space = 1;
        else {
          if (space && out->n && out->z[out->n - 1] != '\n') str_putc(out, ' ');
          space = 0;
          str_putc(out, *z);
        }
      }
    } else if (p->type == XML_ELEMENT_NODE && !is_name(p, azSkip)) {
      int block = is_name(p, azBlock);
      if (block && out->n && out->z[out->n - 1] != '\n') str_putc(out, '\n');
      html_text(p->children, out);
      if (block && out->n && out->z[out->n - 1] != '\n') str_putc(out, '\n');
    }
  }
}

static int read_html(const char *zPath, const Str *raw, Str *out, Err *e) {
  const char *zEnc = utf8_valid(str_cstr(raw), raw->n, NULL) ? "UTF-8" : NULL;
  htmlDocPtr doc = xml.htmlReadMemory(str_cstr(raw), (int)raw->n, zPath, zEnc,
                                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                          HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!doc) return err_set(e, FZ_INVALID, "%s 不是可读的 HTML 文件", zPath);
  html_text(xml.xmlDocGetRootElement(doc), out);
  xml.xmlFreeDoc(doc);
  return FZ_OK;
}

/* ---- DOCX ---- */

/* Text of WordprocessingML: w:t runs, w:tab, w:br; a line per w:p; text
 * deleted under tracked changes and field codes are not the document's. */
static void docx_text(const xmlNode *p, Str *out) {
  for (; p; p = p->next) {
    const char *zName = (const char *)p->name;
    if (p->type != XML_ELEMENT_NODE) continue;
    if (strcmp(zName, "t") == 0) {
      xmlChar *z = xml.xmlNodeGetContent(p);
      if (z) str_puts(out, (const char *)z);
      xml_free(z);
    } else if (strcmp(zName, "tab") == 0) {
      str_putc(out, '\t');
    } else if (strcmp(zName, "br") == 0 || strcmp(zName, "cr") == 0) {
      str_putc(out, '\n');
    } else if (strcmp(zName, "del") != 0 && strcmp(zName, "delText") != 0 &&
               strcmp(zName, "instrText") != 0) {
      docx_text(p->children, out);
      if (strcmp(zName, "p") == 0) str_putc(out, '\n');
    }
  }
}

static int read_docx(const char *zPath, Str *out, Err *e) {
  zip_t *z = NULL;
  zip_file_t *f = NULL;
  zip_stat_t st;
  xmlDocPtr doc = NULL;
  char *buf = NULL;
  int zerr = 0, rc = FZ_OK;
  zip_int64_t nRead;
  z = zip_open(zPath, ZIP_RDONLY, &zerr);
  if (!z)
    return err_set(e, FZ_INVALID,
                   "%s 不是有效的 DOCX 文件（无法作为 zip 打开）", zPath);
  if (zip_stat(z, "word/document.xml", 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE)) {
    rc = err_set(e, FZ_INVALID, "%s 不是 DOCX 文件：缺少 word/document.xml",
                 zPath);
    goto cleanup;
  }
  if (st.size > DOCX_MAX_XML) {
    rc = err_set(e, FZ_INVALID, "%s 的正文过大（超过 64 MiB）", zPath);
    goto cleanup;
  }
  buf = mem_alloc((size_t)st.size + 1);
  f = zip_fopen(z, "word/document.xml", 0);
  nRead = f ? zip_fread(f, buf, st.size) : -1;
  if (nRead < 0 || (zip_uint64_t)nRead != st.size) {
    rc = err_set(e, FZ_INVALID, "%s 的正文无法解压", zPath);
    goto cleanup;
  }
  doc = xml.xmlReadMemory(buf, (int)nRead, "document.xml", NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    rc = err_set(e, FZ_INVALID, "%s 的正文不是有效的 XML", zPath);
    goto cleanup;
  }
  docx_text(xml.xmlDocGetRootElement(doc), out);
cleanup:
  if (doc) xml.xmlFreeDoc(doc);
  if (f) zip_fclose(f);
  mem_free(buf);
  zip_discard(z);
  return rc;
}

int check_read_file(const char *zPath, Str *out, Err *e) {
  Str raw = STR_INIT;
  int rc = file_read_all(zPath, &raw, e), fmt;
  if (rc != FZ_OK) goto cleanup;
  fmt = sniff(zPath, &raw);
  if ((fmt == FMT_DOCX || fmt == FMT_HTML) && (rc = xml_load(e)) != FZ_OK) goto cleanup;
  if (fmt == FMT_DOCX) {
    rc = read_docx(zPath, out, e);
  } else if (fmt == FMT_HTML) {
    rc = read_html(zPath, &raw, out, e);
  } else {
    size_t n0 = out->n;
    rc = read_text(zPath, &raw, out, e);
    if (rc == FZ_OK && fmt == FMT_MD && out->n > n0)
      blank_markdown(out->z + n0, out->n - n0);
  }
  if (rc == FZ_OK && str_error(out))
    rc = err_set(e, FZ_INVALID, "%s 过大", zPath);
cleanup:
  str_free(&raw);
  return rc;
}
