/* docx.c — the report as a .docx laid out to GB/T 9704-2012 (see doc.h):
 * A4, 22 lines of 28 characters, 2号小标宋 title, 3号仿宋 body, "— N —"
 * folios. Each OOXML part is built in a Str, zipped by libzip into a temp
 * file beside the target, and renamed into place only when all went well. */
#define _POSIX_C_SOURCE 200809L
#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "../base/mem.h"
#include "../base/utf8.h"

/* ---- Geometry ----
 *
 * 1 mm = 1440 / 25.4 = 56.6929 twips, rounded:
 *   page   210 × 297 mm  = 11906 × 16838
 *   top     37 mm = 2097.6 -> 2098     bottom 35 mm = 1984.3 -> 1984
 *   left    28 mm = 1587.4 -> 1587     right  26 mm = 1474.0 -> 1474
 * which leaves a 版心 of 8845 × 12756 twips = 156.0 × 225.0 mm.
 *
 * 22 lines: 12756 / 22 = 579.8 twips = 28.99 pt; the pitch is rounded down
 * to 579 (28.95 pt) so that 22 × 579 = 12738 still fits. Every paragraph
 * uses that exact line height, so the count holds whatever the fonts.
 *
 * 28 characters: 8845 / 28 = 315.9 twips = 15.79 pt per character, a
 * little less than the 3号 (16 pt) glyph, so 3号 text is condensed by
 * 0.3 pt (w:spacing -6): 28 × 15.7 = 439.6 pt <= 442.25 pt. (-0.25 pt
 * leaves 1.25 pt, which LibreOffice's rounding ate: it set 27 a line.)
 * Word's own way is the character grid, pitch = 16 pt + charSpace/4096 pt,
 * (15.79 - 16) × 4096 = -841.3, -842 to fit 28; but LibreOffice gives
 * every 16 pt glyph two 15.8 pt cells of such a grid (14 characters a
 * line) and snaps a 2号 title line to two grid lines. So paragraphs do
 * not snap to the grid (w:snapToGrid 0): the exact line height and the
 * condensing make 22 × 28 in Word, WPS and LibreOffice alike, and the
 * grid stays in the section for Word's 页面设置 (文档网格: 每页22行,
 * 每行28字) and for text an editor adds. */
#define DOCX_PAGE_W 11906
#define DOCX_PAGE_H 16838
#define DOCX_TOP 2098
#define DOCX_BOTTOM 1984
#define DOCX_LEFT 1587
#define DOCX_RIGHT 1474
#define DOCX_LINE 579
#define DOCX_CHAR_SPACE (-842)
#define DOCX_CONDENSE (-6)
/* The folio: 4号 (14 pt = 280 twips) in a line of exactly that height,
 * its top 7 mm below the 版心: 35 - 7 = 28 mm = 1587 twips above the
 * paper's edge, so Word's footer distance (to the line's foot) is
 * 1587 - 280 = 1307. The header distance only matters to an empty header. */
#define DOCX_FOLIO_LINE 280
#define DOCX_FOOTER 1307
#define DOCX_HEADER 851

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R                                                                   \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL                                                             \
  "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL                                                               \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* ---- Fonts and paragraph formats ---- */

/* Faces: the official font by eastAsia name, a Latin face for digits and
 * letters, and a size in half-points (w:sz). */
enum { FACE_TITLE, FACE_BODY, FACE_LEAD, FACE_HEADING, FACE_FOLIO, FACE_CELL, FACE_CELL_HEAD };

typedef struct DocxFace {
  const char *zEast;  /* w:eastAsia: what Word and WPS should use */
  const char *zLatin; /* w:ascii, w:hAnsi, w:cs */
  int halfPt;         /* w:sz */
  int condense;       /* w:spacing, 1/20 pt (see DOCX_CONDENSE) */
} DocxFace;

static const DocxFace aFace[] = {
    [FACE_TITLE] = {"方正小标宋简体", "Times New Roman", 44, 0}, /* 2号 */
    [FACE_BODY] = {"仿宋_GB2312", "Times New Roman", 32, DOCX_CONDENSE},
    [FACE_LEAD] = {"楷体_GB2312", "Times New Roman", 32, DOCX_CONDENSE},
    [FACE_HEADING] = {"黑体", "Times New Roman", 32, DOCX_CONDENSE},
    /* 4号半角宋体 digits, and the em dashes in the same face */
    [FACE_FOLIO] = {"宋体", "宋体", 28, 0},
    /* tables in 小四 (12 pt), the figures on one line */
    [FACE_CELL] = {"仿宋_GB2312", "Times New Roman", 24, 0},
    [FACE_CELL_HEAD] = {"黑体", "Times New Roman", 24, 0},
};

/* fontTable.xml. The official fonts are not on every machine: Word and WPS
 * fall back to w:altName and use the panose/charset/family hints to find a
 * substitute of the right kind (a serif for 仿宋, a sans for 黑体).
 * LibreOffice ignores this table and asks fontconfig for the name, so a
 * machine making PDFs wants fontconfig aliases (test_docx.c has a set). */
typedef struct DocxFont {
  const char *zName;
  const char *zAlt;    /* w:altName, NULL for none */
  const char *zPanose; /* w:panose1, NULL when unknown */
  const char *zFamily; /* w:family */
  const char *zPitch;  /* w:pitch */
  int cjk;             /* charset 86 (GB2312) rather than 00 */
} DocxFont;

static const DocxFont aFont[] = {
    {"Times New Roman", NULL, "02020603050405020304", "roman", "variable", 0},
    {"方正小标宋简体", "宋体", NULL, "roman", "variable", 1},
    {"仿宋_GB2312", "仿宋", "02010609030101010101", "modern", "fixed", 1},
    {"楷体_GB2312", "楷体", "02010609030101010101", "modern", "fixed", 1},
    {"黑体", "SimHei", "02010609060101010101", "modern", "fixed", 1},
    {"宋体", "SimSun", "02010600030101010101", "auto", "variable", 1},
    {"仿宋", "FangSong", "02010609060101010101", "modern", "fixed", 1},
    {"楷体", "KaiTi", "02010609060101010101", "modern", "fixed", 1},
};

/* Paragraph formats: one per Doc block kind, then the two folios. Each is
 * also a named style in styles.xml so an editor sees 公文正文 etc. */
#define PARA_FOLIO_ODD (DOC_TABLE + 1)
#define PARA_FOLIO_EVEN (DOC_TABLE + 2)

typedef struct DocxPara {
  const char *zStyle; /* w:styleId */
  const char *zName;  /* the style's name in Word's list */
  const char *zJc;    /* w:jc */
  const char *zInd;   /* w:ind attributes */
  int line;           /* exact line height, twips */
  int face;           /* FACE_* of its runs */
  int keepNext;       /* keep with the next paragraph */
  int heading;        /* outline level 1 (navigation pane) */
} DocxPara;

/* Indents are given in characters (…Chars, hundredths) for Word and WPS
 * and in twips of the 3号 size (2 chars = 640) for readers without them.
 * Every attribute is set, so nothing leaks in from a style's parent. */
#define IND_NONE "w:left=\"0\" w:right=\"0\" w:firstLine=\"0\""
#define IND_FIRST2                                                             \
  "w:left=\"0\" w:right=\"0\" w:firstLine=\"640\" w:firstLineChars=\"200\""
#define IND_RIGHT4                                                             \
  "w:left=\"0\" w:right=\"1280\" w:rightChars=\"400\" w:firstLine=\"0\""

static const DocxPara aPara[] = {
    [DOC_TITLE] = {"FzTitle", "公文标题", "center", IND_NONE, DOCX_LINE,
                   FACE_TITLE, 1, 0},
    [DOC_HEADING1] = {"FzHeading1", "公文一级标题", "both", IND_FIRST2,
                      DOCX_LINE, FACE_HEADING, 1, 1},
    [DOC_PARA] = {"FzBody", "公文正文", "both", IND_FIRST2, DOCX_LINE,
                  FACE_BODY, 0, 0},
    /* 成文日期右空四字; the signature shares its right edge (the sealed
     * layout of 7.3.5.1) and stays on the date's page. */
    [DOC_SIGNATURE] = {"FzSignature", "发文机关署名", "right", IND_RIGHT4,
                       DOCX_LINE, FACE_BODY, 1, 0},
    [DOC_DATE] = {"FzDate", "成文日期", "right", IND_RIGHT4, DOCX_LINE,
                  FACE_BODY, 0, 0},
    /* a table cell's paragraph: centred, no indent */
    [DOC_TABLE] = {"FzCell", "表格文字", "center", IND_NONE, 360, FACE_CELL, 0, 0},
    /* Folios one character in from the outer edge: right on odd pages,
     * left on even pages. */
    [PARA_FOLIO_ODD] = {"FzFolioOdd", "页码（单页）", "right",
                        "w:left=\"0\" w:right=\"280\" w:rightChars=\"100\" "
                        "w:firstLine=\"0\"",
                        DOCX_FOLIO_LINE, FACE_FOLIO, 0, 0},
    [PARA_FOLIO_EVEN] = {"FzFolioEven", "页码（双页）", "left",
                         "w:left=\"280\" w:leftChars=\"100\" w:right=\"0\" "
                         "w:firstLine=\"0\"",
                         DOCX_FOLIO_LINE, FACE_FOLIO, 0, 0},
};

#define N_ELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- XML text ---- */

/* Append z[0..n) as XML character data, safe in text and in attributes:
 * markup characters become entities, and what XML 1.0 cannot hold (C0
 * controls other than tab/LF/CR, U+FFFE/FFFF, broken UTF-8) becomes
 * U+FFFD, so no input can make the part ill-formed. */
static void docx_xml_text(Str *s, const char *z, size_t n) {
  const char *zEnd = z + n;
  while (z < zEnd) {
    const char *zStart = z;
    int32_t c = utf8_decode(&z, zEnd);
    const char *zEnt = c == '&'    ? "&amp;"
                       : c == '<'  ? "&lt;"
                       : c == '>'  ? "&gt;"
                       : c == '"'  ? "&quot;"
                       : c == '\'' ? "&apos;"
                                   : NULL;
    if (zEnt) {
      str_puts(s, zEnt);
    } else if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
               c == 0xFFFE || c == 0xFFFF) {
      str_puts(s, "\xEF\xBF\xBD");
    } else {
      str_append(s, zStart, (size_t)(z - zStart));
    }
  }
}

static void docx_xml_puts(Str *s, const char *z) {
  docx_xml_text(s, z, strlen(z));
}

/* ---- document.xml ---- */

/* The children of a w:rPr for face f, in the schema's order. hint
 * eastAsia makes Word set “”、—… (ambiguous width) in the CJK face. */
static void docx_rpr_body(Str *s, int f) {
  const DocxFace *p = &aFace[f];
  str_puts(s, "<w:rFonts w:ascii=\"");
  docx_xml_puts(s, p->zLatin);
  str_puts(s, "\" w:hAnsi=\"");
  docx_xml_puts(s, p->zLatin);
  str_puts(s, "\" w:eastAsia=\"");
  docx_xml_puts(s, p->zEast);
  str_puts(s, "\" w:cs=\"");
  docx_xml_puts(s, p->zLatin);
  str_puts(s, "\" w:hint=\"eastAsia\"/>");
  if (p->condense) str_appendf(s, "<w:spacing w:val=\"%d\"/>", p->condense);
  str_appendf(s,
              "<w:kern w:val=\"0\"/><w:sz w:val=\"%d\"/>"
              "<w:szCs w:val=\"%d\"/>",
              p->halfPt, p->halfPt);
  str_puts(s, "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>");
}

/* The children of a w:pPr for format p (after w:pStyle), schema order.
 * Widow control is off: it would pull a line over and break the 22-line
 * page. autoSpaceDE/DN off: Arabic digits sit tight against the Chinese. */
static void docx_ppr_body(Str *s, const DocxPara *p) {
  if (p->keepNext) str_puts(s, "<w:keepNext/>");
  str_puts(s, "<w:widowControl w:val=\"0\"/>"
              "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"
              "<w:snapToGrid w:val=\"0\"/>");
  str_appendf(s,
              "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
              "w:lineRule=\"exact\"/>",
              p->line);
  str_appendf(s, "<w:ind %s/><w:jc w:val=\"%s\"/>", p->zInd, p->zJc);
  if (p->heading) str_puts(s, "<w:outlineLvl w:val=\"0\"/>");
}

/* Open a paragraph of format k: <w:p> and its properties. */
static void docx_para_open(Str *s, int k) {
  str_appendf(s, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", aPara[k].zStyle);
  docx_ppr_body(s, &aPara[k]);
  str_puts(s, "<w:rPr>");
  docx_rpr_body(s, aPara[k].face);
  str_puts(s, "</w:rPr></w:pPr>");
}

/* One run of text z in face f. A newline becomes a line break and a tab a
 * tab; CR is dropped (it would show as a space). */
static void docx_run(Str *s, int f, const char *z) {
  str_puts(s, "<w:r><w:rPr>");
  docx_rpr_body(s, f);
  str_puts(s, "</w:rPr>");
  while (*z) {
    size_t k = strcspn(z, "\n\t\r");
    if (k > 0) {
      str_puts(s, "<w:t xml:space=\"preserve\">");
      docx_xml_text(s, z, k);
      str_puts(s, "</w:t>");
      z += k;
    }
    if (*z == '\n') str_puts(s, "<w:br/>");
    if (*z == '\t') str_puts(s, "<w:tab/>");
    if (*z) z++;
  }
  str_puts(s, "</w:r>");
}

/* One Doc block as a paragraph. A lead-in keeps 楷体 in any block; plain
 * text and figures take the block's face. */
static void docx_block(Str *s, const DocBlock *b) {
  int i, k = b->kind >= DOC_TITLE && b->kind <= DOC_DATE ? b->kind : DOC_PARA;
  docx_para_open(s, k);
  for (i = 0; i < b->nRun; i++) {
    const DocRun *r = &b->aRun[i];
    int f = r->style == RUN_LEAD ? FACE_LEAD : aPara[k].face;
    docx_run(s, f, r->zText);
  }
  str_puts(s, "</w:p>");
}

/* A table across the text block, single rules all round; the first
 * column (the names) twice as wide as the figures'. */
static void docx_table(Str *s, const DocBlock *b) {
  int width = DOCX_PAGE_W - DOCX_LEFT - DOCX_RIGHT, unit = width / (b->nCol + 1), k;
  str_puts(s, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/>"
              "<w:tblBorders>");
  for (k = 0; k < 6; k++) {
    static const char *const az[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    str_appendf(s, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                az[k]);
  }
  str_puts(s, "</w:tblBorders></w:tblPr><w:tblGrid>");
  for (k = 0; k < b->nCol; k++) str_appendf(s, "<w:gridCol w:w=\"%d\"/>", k ? unit : 2 * unit);
  str_puts(s, "</w:tblGrid>");
  for (k = 0; k < b->nRun; k++) {
    if (k % b->nCol == 0) str_puts(s, k < b->nCol ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
    str_appendf(s, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/>"
                   "</w:tcPr>",
                k % b->nCol ? unit : 2 * unit);
    docx_para_open(s, DOC_TABLE);
    docx_run(s, k < b->nCol ? FACE_CELL_HEAD : FACE_CELL, b->aRun[k].zText);
    str_puts(s, "</w:p></w:tc>");
    if (k % b->nCol == b->nCol - 1) str_puts(s, "</w:tr>");
  }
  str_puts(s, "</w:tbl>");
}

/* An empty line of body text (after the title, before the signature). */
static void docx_blank(Str *s) {
  docx_para_open(s, DOC_PARA);
  str_puts(s, "</w:p>");
}

/* The section: paper, margins (left = 订口, mirrored on even pages by
 * w:mirrorMargins in settings), the two folios and the 22 × 28 grid. */
static void docx_sectpr(Str *s) {
  str_puts(s, "<w:sectPr>"
              "<w:footerReference w:type=\"default\" r:id=\"rIdFtrOdd\"/>"
              "<w:footerReference w:type=\"even\" r:id=\"rIdFtrEven\"/>");
  str_appendf(s, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", DOCX_PAGE_W, DOCX_PAGE_H);
  str_appendf(s,
              "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
              "w:left=\"%d\" w:header=\"%d\" w:footer=\"%d\" "
              "w:gutter=\"0\"/>",
              DOCX_TOP, DOCX_RIGHT, DOCX_BOTTOM, DOCX_LEFT, DOCX_HEADER,
              DOCX_FOOTER);
  str_puts(s, "<w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"425\"/>");
  str_appendf(s,
              "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"%d\" "
              "w:charSpace=\"%d\"/>",
              DOCX_LINE, DOCX_CHAR_SPACE);
  str_puts(s, "</w:sectPr>");
}

/* word/document.xml. Consecutive title blocks are the title's lines, and
 * one blank line follows them (GB/T 9704 7.3.2: 标题下空一行). The
 * signature comes one blank line below the text (7.3.5). */
static void docx_document(const Doc *d, Str *s) {
  int i;
  str_puts(s, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
                       "\"><w:body>");
  for (i = 0; i < d->nBlock; i++) {
    const DocBlock *b = &d->aBlock[i];
    int prev = i > 0 ? d->aBlock[i - 1].kind : -1;
    if (b->kind == DOC_SIGNATURE && prev >= 0 && prev != DOC_SIGNATURE) {
      docx_blank(s);
    }
    if (b->kind == DOC_TABLE) docx_table(s, b);
    else docx_block(s, b);
    if (b->kind == DOC_TITLE &&
        (i + 1 == d->nBlock || d->aBlock[i + 1].kind != DOC_TITLE)) {
      docx_blank(s);
    }
  }
  if (d->nBlock == 0) docx_blank(s); /* a body needs one paragraph */
  docx_sectpr(s);
  str_puts(s, "</w:body></w:document>");
}

/* word/footer1.xml (odd pages, and all pages where Word ignores the even
 * footer) and footer2.xml: "— N —" with N a PAGE field. */
static void docx_footer(Str *s, int k) {
  int f = aPara[k].face;
  str_puts(s, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">");
  docx_para_open(s, k);
  docx_run(s, f, "— ");
  str_puts(s, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
              "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"
              "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
  docx_run(s, f, "1");
  str_puts(s, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
  docx_run(s, f, " —");
  str_puts(s, "</w:p></w:ftr>");
}

static void docx_footer_odd(const Doc *d, Str *s) {
  (void)d;
  docx_footer(s, PARA_FOLIO_ODD);
}

static void docx_footer_even(const Doc *d, Str *s) {
  (void)d;
  docx_footer(s, PARA_FOLIO_EVEN);
}

/* ---- styles, settings, fonts ---- */

/* word/styles.xml: defaults of the body text (so Word's grid is measured
 * from 3号) and a named style per paragraph format. */
static void docx_styles(const Doc *d, Str *s) {
  int k;
  (void)d;
  str_puts(s, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults>"
                       "<w:rPrDefault><w:rPr>");
  docx_rpr_body(s, FACE_BODY);
  str_puts(s, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
              "<w:widowControl w:val=\"0\"/><w:autoSpaceDE w:val=\"0\"/>"
              "<w:autoSpaceDN w:val=\"0\"/><w:snapToGrid w:val=\"0\"/>");
  str_appendf(s,
              "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
              "w:lineRule=\"exact\"/>",
              DOCX_LINE);
  str_puts(s, "</w:pPr></w:pPrDefault></w:docDefaults>"
              "<w:style w:type=\"paragraph\" w:default=\"1\" "
              "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
              "<w:rPr>");
  docx_rpr_body(s, FACE_BODY);
  str_puts(s, "</w:rPr></w:style>"
              "<w:style w:type=\"character\" w:default=\"1\" "
              "w:styleId=\"DefaultParagraphFont\">"
              "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority "
              "w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
  for (k = 0; k < N_ELEM(aPara); k++) {
    str_appendf(s,
                "<w:style w:type=\"paragraph\" w:customStyle=\"1\" "
                "w:styleId=\"%s\"><w:name w:val=\"",
                aPara[k].zStyle);
    docx_xml_puts(s, aPara[k].zName);
    str_puts(s, "\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>");
    docx_ppr_body(s, &aPara[k]);
    str_puts(s, "</w:pPr><w:rPr>");
    docx_rpr_body(s, aPara[k].face);
    str_puts(s, "</w:rPr></w:style>");
  }
  str_puts(s, "</w:styles>");
}

/* word/settings.xml. Folios differ on odd and even pages, so even/odd
 * footers; mirrored margins keep the 28 mm 订口 on the binding side when
 * printed on both sides; punctuation is not compressed (全角标点). */
static void docx_settings(const Doc *d, Str *s) {
  (void)d;
  str_puts(s, XML_DECL
           "<w:settings xmlns:w=\"" NS_W "\">"
           "<w:zoom w:percent=\"100\"/><w:mirrorMargins/>"
           "<w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
           "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
           "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
           "w:uri=\"http://schemas.microsoft.com/office/word\" "
           "w:val=\"15\"/></w:compat>"
           "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
           "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>"
           "</w:settings>");
}

/* word/fontTable.xml from aFont. */
static void docx_font_table(const Doc *d, Str *s) {
  int i;
  (void)d;
  str_puts(s, XML_DECL "<w:fonts xmlns:w=\"" NS_W "\">");
  for (i = 0; i < N_ELEM(aFont); i++) {
    const DocxFont *p = &aFont[i];
    str_puts(s, "<w:font w:name=\"");
    docx_xml_puts(s, p->zName);
    str_puts(s, "\">");
    if (p->zAlt) {
      str_puts(s, "<w:altName w:val=\"");
      docx_xml_puts(s, p->zAlt);
      str_puts(s, "\"/>");
    }
    if (p->zPanose) str_appendf(s, "<w:panose1 w:val=\"%s\"/>", p->zPanose);
    str_appendf(s,
                "<w:charset w:val=\"%s\"/><w:family w:val=\"%s\"/>"
                "<w:pitch w:val=\"%s\"/></w:font>",
                p->cjk ? "86" : "00", p->zFamily, p->zPitch);
  }
  str_puts(s, "</w:fonts>");
}

/* ---- package parts ---- */

/* The title lines run together ("泽库县司法局2024年度…报告"). */
static void docx_title_text(const Doc *d, Str *s) {
  int i;
  for (i = 0; i < d->nBlock; i++) {
    if (d->aBlock[i].kind == DOC_TITLE) doc_block_text(&d->aBlock[i], s);
  }
}

/* docProps/core.xml: title, language and the time of writing. */
static void docx_core(const Doc *d, Str *s) {
  Str t = STR_INIT;
  char zNow[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(zNow, sizeof zNow, "%Y-%m-%dT%H:%M:%SZ", &tm);
  docx_title_text(d, &t);
  str_puts(s, XML_DECL
           "<cp:coreProperties xmlns:cp=\"http://schemas."
           "openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
           "<dc:title>");
  docx_xml_text(s, t.z ? t.z : "", t.n);
  str_puts(s, "</dc:title><dc:creator>fazhi</dc:creator>"
              "<dc:language>zh-CN</dc:language>");
  str_appendf(s,
              "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s"
              "</dcterms:created><dcterms:modified "
              "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>",
              zNow, zNow);
  str_puts(s, "</cp:coreProperties>");
  str_free(&t);
}

static void docx_app(const Doc *d, Str *s) {
  (void)d;
  str_puts(s, XML_DECL
           "<Properties xmlns=\"http://schemas.openxmlformats."
           "org/officeDocument/2006/extended-properties\">"
           "<Application>fazhi</Application><DocSecurity>0</DocSecurity>"
           "</Properties>");
}

static void docx_package_rels(const Doc *d, Str *s) {
  (void)d;
  str_puts(s, XML_DECL
           "<Relationships xmlns=\"" NS_PKG_REL "\">"
           "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" "
           "Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"" NS_PKG_REL
           "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"" NS_R
           "/extended-properties\" Target=\"docProps/app.xml\"/>"
           "</Relationships>");
}

/* word/_rels/document.xml.rels; the footer ids are used by docx_sectpr. */
static void docx_document_rels(const Doc *d, Str *s) {
  (void)d;
  str_puts(s, XML_DECL
           "<Relationships xmlns=\"" NS_PKG_REL "\">"
           "<Relationship Id=\"rIdStyles\" Type=\"" NS_R "/styles\" "
           "Target=\"styles.xml\"/>"
           "<Relationship Id=\"rIdSettings\" Type=\"" NS_R "/settings\" "
           "Target=\"settings.xml\"/>"
           "<Relationship Id=\"rIdFonts\" Type=\"" NS_R "/fontTable\" "
           "Target=\"fontTable.xml\"/>"
           "<Relationship Id=\"rIdFtrOdd\" Type=\"" NS_R "/footer\" "
           "Target=\"footer1.xml\"/>"
           "<Relationship Id=\"rIdFtrEven\" Type=\"" NS_R "/footer\" "
           "Target=\"footer2.xml\"/>"
           "</Relationships>");
}

/* The parts after [Content_Types].xml, which is made from this table. */
typedef struct DocxPart {
  const char *zName; /* path in the zip */
  const char *zType; /* content type override; NULL: a Default covers it */
  void (*xBuild)(const Doc *, Str *);
} DocxPart;

static const DocxPart aPart[] = {
    {"_rels/.rels", NULL, docx_package_rels},
    {"docProps/core.xml",
     "application/vnd.openxmlformats-package.core-properties+xml", docx_core},
    {"docProps/app.xml",
     "application/vnd.openxmlformats-officedocument.extended-properties+xml",
     docx_app},
    {"word/document.xml", CT_WML "document.main+xml", docx_document},
    {"word/_rels/document.xml.rels", NULL, docx_document_rels},
    {"word/styles.xml", CT_WML "styles+xml", docx_styles},
    {"word/settings.xml", CT_WML "settings+xml", docx_settings},
    {"word/fontTable.xml", CT_WML "fontTable+xml", docx_font_table},
    {"word/footer1.xml", CT_WML "footer+xml", docx_footer_odd},
    {"word/footer2.xml", CT_WML "footer+xml", docx_footer_even},
};

static void docx_content_types(Str *s) {
  int i;
  str_puts(s, XML_DECL
           "<Types xmlns=\"http://schemas.openxmlformats.org/"
           "package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/"
           "vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
  for (i = 0; i < N_ELEM(aPart); i++) {
    if (!aPart[i].zType) continue;
    str_appendf(s, "<Override PartName=\"/%s\" ContentType=\"%s\"/>",
                aPart[i].zName, aPart[i].zType);
  }
  str_puts(s, "</Types>");
}

/* ---- Writing the file ---- */

/* Hand part s to the archive as zName; the archive owns the bytes after. */
static int docx_zip_add(zip_t *z, const char *zName, Str *s, const char *zPath,
                        Err *e) {
  size_t n = s->n;
  char *zBuf;
  zip_source_t *src;
  if (str_error(s)) {
    return err_set(e, FZ_INVALID, "报告过大，无法写入文件 %s", zPath);
  }
  zBuf = str_detach(s);
  src = zip_source_buffer(z, zBuf, n, 1);
  if (!src) {
    mem_free(zBuf);
    return err_set(e, FZ_IO, "写入文件 %s 失败：%s", zPath, zip_strerror(z));
  }
  if (zip_file_add(z, zName, src, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(src);
    return err_set(e, FZ_IO, "写入文件 %s 失败：%s", zPath, zip_strerror(z));
  }
  return FZ_OK;
}

/* Create an unused temp file beside zPath, its name in *pTmp. O_EXCL makes
 * two writers (threads or processes) of the same report pick different
 * names; mode 0666 less the umask gives the file its final permissions. */
static int docx_tmp_create(const char *zPath, Str *pTmp, Err *e) {
  int i, fd = -1;
  for (i = 0; i < 100 && fd < 0; i++) {
    str_reset(pTmp);
    str_appendf(pTmp, "%s.tmp-%ld-%d", zPath, (long)getpid(), i);
    fd = open(str_cstr(pTmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    return err_set(e, FZ_IO, "无法写入文件 %s：%s", zPath, strerror(errno));
  }
  close(fd);
  return FZ_OK;
}

/* Write every part into the (existing, empty) file zTmp. */
static int docx_zip_write(const Doc *d, const char *zTmp, const char *zPath,
                          Err *e) {
  Str s = STR_INIT;
  int zerr = 0, i, rc = FZ_OK;
  zip_t *z = zip_open(zTmp, ZIP_TRUNCATE, &zerr);
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    rc = err_set(e, FZ_IO, "无法写入文件 %s：%s", zPath,
                 zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
  }
  docx_content_types(&s);
  rc = docx_zip_add(z, "[Content_Types].xml", &s, zPath, e);
  for (i = 0; rc == FZ_OK && i < N_ELEM(aPart); i++) {
    aPart[i].xBuild(d, &s);
    rc = docx_zip_add(z, aPart[i].zName, &s, zPath, e);
  }
  if (rc != FZ_OK) goto cleanup;
  if (zip_close(z) != 0) {
    rc = err_set(e, FZ_IO, "写入文件 %s 失败：%s", zPath, zip_strerror(z));
    goto cleanup;
  }
  z = NULL;

cleanup:
  if (z) zip_discard(z);
  str_free(&s);
  return rc;
}

/* Flush the temp file to disk so the rename never exposes a file whose
 * contents are still only in the page cache. */
static int docx_sync(const char *zTmp, const char *zPath, Err *e) {
  int fd = open(zTmp, O_RDONLY | O_CLOEXEC);
  int ok = fd >= 0 && fsync(fd) == 0;
  int err = errno;
  if (fd >= 0) close(fd);
  if (!ok) {
    return err_set(e, FZ_IO, "写入文件 %s 失败：%s", zPath, strerror(err));
  }
  return FZ_OK;
}

int doc_write_docx(const Doc *d, const char *zPath, Err *e) {
  Str tmp = STR_INIT;
  int rc = docx_tmp_create(zPath, &tmp, e);
  if (rc != FZ_OK) goto cleanup;
  rc = docx_zip_write(d, str_cstr(&tmp), zPath, e);
  if (rc == FZ_OK) rc = docx_sync(str_cstr(&tmp), zPath, e);
  if (rc == FZ_OK && rename(str_cstr(&tmp), zPath) != 0) {
    rc = err_set(e, FZ_IO, "无法写入文件 %s：%s", zPath, strerror(errno));
  }
  if (rc != FZ_OK) remove(str_cstr(&tmp));

cleanup:
  str_free(&tmp);
  return rc;
}
