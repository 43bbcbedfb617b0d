/* test_xlsx.c — unit tests of the streaming .xlsx reader (src/io/xlsx.c):
 * workbooks written by libxlsxwriter as Excel would, hand-made parts for
 * what it cannot write (inline runs, error cells, broken XML), files that are
 * not .xlsx at all, a zip bomb, and a 200,000-row sheet. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "../../src/base/str.h"
#include "../../src/io/xlsx.h"

/* ---- Helpers ---- */

static char zTmpDir[256]; /* one directory for the run, emptied at the end */

/* Path of file zName in the run's directory (static buffer). */
static const char *tmp_path(const char *zName) {
  static char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/%s", zTmpDir, zName);
  return zPath;
}

static void write_file(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  if (n) assert_int_equal(fwrite(z, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
}

/* Write a zip of (name, content) pairs ending with NULL; returns the path. */
static const char *make_zip(const char *zName, const char *const *azPart) {
  const char *zPath = tmp_path(zName);
  int zerr = 0, i;
  zip_t *z = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  assert_non_null(z);
  for (i = 0; azPart[i]; i += 2) {
    zip_source_t *src =
        zip_source_buffer(z, azPart[i + 1], strlen(azPart[i + 1]), 0);
    assert_non_null(src);
    assert_true(zip_file_add(z, azPart[i], src, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  return zPath;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL                                                                 \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char zBook1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "</workbook>";

static const char zRels1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"" NS_REL
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* A one-sheet workbook around sheetData rows zRows (no styles, no sst). */
static const char *make_sheet(const char *zName, const char *zRows) {
  Str s = STR_INIT;
  const char *azPart[] = {"xl/workbook.xml",
                          zBook1,
                          "xl/_rels/workbook.xml.rels",
                          zRels1,
                          "xl/worksheets/sheet1.xml",
                          NULL,
                          NULL};
  const char *zPath;
  str_appendf(&s,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>%s</sheetData>"
              "</worksheet>",
              zRows);
  azPart[5] = str_cstr(&s);
  zPath = make_zip(zName, azPart);
  str_free(&s);
  return zPath;
}

static XlsxReader *open_ok(const char *zPath, const char *zSheet) {
  XlsxReader *r = NULL;
  Err e = ERR_INIT;
  int rc = xlsx_open(&r, zPath, zSheet, &e);
  if (rc) fprintf(stderr, "open: %s\n", err_msg(&e));
  assert_int_equal(rc, FZ_OK);
  assert_non_null(r);
  err_clear(&e);
  return r;
}

/* Expect xlsx_open to fail with rc and a message holding zWant. */
static void open_fails(const char *zPath, const char *zSheet, int rcWant,
                       const char *zWant) {
  XlsxReader *r = (XlsxReader *)1;
  Err e = ERR_INIT;
  int rc = xlsx_open(&r, zPath, zSheet, &e);
  if (rc != rcWant || !strstr(err_msg(&e), zWant)) {
    fprintf(stderr, "rc %d, message: %s\n", rc, err_msg(&e));
  }
  assert_int_equal(rc, rcWant);
  assert_null(r);
  assert_non_null(strstr(err_msg(&e), zWant));
  err_clear(&e);
}

/* Every row as "ROW:f|f|…\n", each field prefixed by its kind: t text,
 * n number, d date, b bool, "-" for empty. Caller frees. */
static char *dump(XlsxReader *r) {
  Str s = STR_INIT;
  Err e = ERR_INIT;
  int has, i;
  for (;;) {
    int rc = xlsx_read_row(r, &has, &e);
    if (rc) fprintf(stderr, "read: %s\n", err_msg(&e));
    assert_int_equal(rc, FZ_OK);
    if (!has) break;
    str_appendf(&s, "%ld:", xlsx_row(r));
    for (i = 0; i < xlsx_nfield(r); i++) {
      static const char *azKind[] = {"-", "t", "n", "d", "b"};
      int k = xlsx_field_kind(r, i);
      if (i) str_putc(&s, '|');
      str_puts(&s, azKind[k]);
      if (k == XLSX_EMPTY) assert_string_equal(xlsx_field(r, i), "");
      str_puts(&s, xlsx_field(r, i));
    }
    str_putc(&s, '\n');
  }
  /* The end is sticky and harmless. */
  assert_int_equal(xlsx_read_row(r, &has, &e), FZ_OK);
  assert_int_equal(has, 0);
  err_clear(&e);
  return str_detach(&s);
}

static void dump_is(const char *zPath, const char *zSheet, const char *zWant) {
  XlsxReader *r = open_ok(zPath, zSheet);
  char *z = dump(r);
  assert_string_equal(z, zWant);
  free(z);
  xlsx_close(r);
}

/* Read rows until an error; expect rc with zWant in the message, after
 * exactly nGood good rows: the rows before an error come out first. */
static void read_fails(const char *zPath, int nGood, int rcWant,
                       const char *zWant) {
  XlsxReader *r = open_ok(zPath, NULL);
  Err e = ERR_INIT;
  int has = 0, n = 0, rc;
  while ((rc = xlsx_read_row(r, &has, &e)) == FZ_OK && has)
    n++;
  if (rc != rcWant || !strstr(err_msg(&e), zWant)) {
    fprintf(stderr, "rc %d after %d rows, message: %s\n", rc, n, err_msg(&e));
  }
  assert_int_equal(n, nGood);
  assert_int_equal(rc, rcWant);
  assert_int_equal(has, 0);
  assert_non_null(strstr(err_msg(&e), zWant));
  /* The error sticks. */
  assert_int_equal(xlsx_read_row(r, &has, &e), rcWant);
  assert_int_equal(xlsx_nfield(r), 0);
  err_clear(&e);
  xlsx_close(r);
}

/* ---- Workbooks as Excel writes them (libxlsxwriter) ---- */

/* Header and typed values: Chinese text, integers, decimals, negatives,
 * dates with a built-in and a custom Chinese format, booleans, blanks in the
 * middle, a missing row, trailing styled blanks. */
static const char *make_typed(void) {
  const char *zPath = tmp_path("typed.xlsx");
  lxw_workbook *wb = workbook_new(zPath);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "人员");
  lxw_format *fDate = workbook_add_format(wb);
  lxw_format *fCn = workbook_add_format(wb);
  lxw_format *fIso = workbook_add_format(wb);
  lxw_format *fMoney = workbook_add_format(wb);
  lxw_format *fTime = workbook_add_format(wb);
  lxw_format *fBold = workbook_add_format(wb);
  format_set_num_format_index(fDate, 14); /* m/d/yyyy, built in */
  format_set_num_format(fCn, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_num_format(fIso, "[$-804]yyyy-mm-dd;@");
  format_set_num_format(fMoney, "#,##0.00\"元\";[Red]-#,##0.00\"元\"");
  format_set_num_format(fTime, "hh:mm");
  format_set_bold(fBold);

  worksheet_write_string(ws, 0, 0, "姓名", fBold);
  worksheet_write_string(ws, 0, 1, "年龄", fBold);
  worksheet_write_string(ws, 0, 2, "金额", fBold);
  worksheet_write_string(ws, 0, 3, "出生日期", fBold);
  worksheet_write_string(ws, 0, 4, "登记日期", fBold);
  worksheet_write_string(ws, 0, 5, "在册", fBold);

  worksheet_write_string(ws, 1, 0, "张三", NULL);
  worksheet_write_number(ws, 1, 1, 30, NULL);
  worksheet_write_number(ws, 1, 2, 1234.5, fMoney);
  worksheet_write_number(ws, 1, 3, 45356, fDate);  /* 2024-03-05 */
  worksheet_write_number(ws, 1, 4, 45356.75, fCn); /* time dropped */
  worksheet_write_boolean(ws, 1, 5, 1, NULL);
  worksheet_write_blank(ws, 1, 7, fBold); /* not a field */

  /* Row 3 is missing; row 4 has blanks between values. */
  worksheet_write_string(ws, 3, 0, "李四", NULL);
  worksheet_write_number(ws, 3, 2, -0.25, NULL);
  worksheet_write_blank(ws, 3, 3, fDate);
  worksheet_write_number(ws, 3, 4, 36526, fIso); /* 2000-01-01 */
  worksheet_write_boolean(ws, 3, 5, 0, NULL);

  /* Row 5: numbers that must keep their exact text (libxlsxwriter writes
   * 0.1 + 0.2 with 16 digits, "0.3"; see test_handmade_cells for 17). */
  worksheet_write_number(ws, 4, 0, 0.1 + 0.2, NULL);
  worksheet_write_number(ws, 4, 1, -7, NULL);
  worksheet_write_number(ws, 4, 2, 1e20, NULL);
  worksheet_write_number(ws, 4, 3, 0.5, fTime);  /* a time, not a date */
  worksheet_write_number(ws, 4, 4, 45356, NULL); /* a serial, no format */
  worksheet_write_number(ws, 4, 5, 123456789012345.0, NULL);
  worksheet_write_number(ws, 4, 6, 1e-7, NULL);

  /* Row 7 holds only a styled blank and an empty string: skipped. */
  worksheet_write_blank(ws, 6, 0, fBold);
  worksheet_write_string(ws, 6, 1, "", NULL);

  /* Row 9: a value far to the right. */
  worksheet_write_string(ws, 8, 26, "AA列", NULL);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  return zPath;
}

static void test_typed_values(void **state) {
  (void)state;
  dump_is(make_typed(), NULL,
          "1:t姓名|t年龄|t金额|t出生日期|t登记日期|t在册\n"
          "2:t张三|n30|n1234.5|d2024-03-05|d2024-03-05|b1\n"
          "4:t李四|-|n-0.25|-|d2000-01-01|b0\n"
          "5:n0.3|n-7|n1e+20|n0.5|n45356|n123456789012345|"
          "n1e-07\n"
          "9:-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|tAA列\n");
}

/* Accessors: row numbers, field past the end, sheet name, progress. */
static void test_accessors(void **state) {
  XlsxReader *r;
  Err e = ERR_INIT;
  int has;
  (void)state;
  r = open_ok(make_typed(), NULL);
  assert_string_equal(xlsx_sheet_name(r), "人员");
  assert_true(xlsx_bytes_total(r) > 0);
  assert_int_equal(xlsx_read_row(r, &has, &e), FZ_OK);
  assert_int_equal(has, 1);
  assert_int_equal(xlsx_row(r), 1);
  assert_int_equal(xlsx_nfield(r), 6);
  assert_string_equal(xlsx_field(r, 6), "");
  assert_string_equal(xlsx_field(r, -1), "");
  assert_int_equal(xlsx_field_kind(r, 6), XLSX_EMPTY);
  assert_int_equal(xlsx_field_kind(r, 0), XLSX_TEXT);
  assert_int_equal(xlsx_read_row(r, &has, &e), FZ_OK);
  assert_int_equal(xlsx_nfield(r), 6); /* the styled blank in H2 is not one */
  assert_int_equal(xlsx_field_kind(r, 3), XLSX_DATE);
  assert_int_equal(xlsx_field_kind(r, 5), XLSX_BOOL);
  assert_int_equal(xlsx_read_row(r, &has, &e), FZ_OK);
  assert_int_equal(xlsx_row(r), 4);
  assert_true(xlsx_bytes_read(r) > 0);
  assert_true(xlsx_bytes_read(r) <= xlsx_bytes_total(r));
  xlsx_close(r);
  xlsx_close(NULL);
  err_clear(&e);
}

/* Two sheets plus a hidden one: by name, by case-insensitive name, and the
 * default being the first visible one. */
static const char *make_sheets(void) {
  const char *zPath = tmp_path("sheets.xlsx");
  lxw_workbook *wb = workbook_new(zPath);
  lxw_worksheet *ws0 = workbook_add_worksheet(wb, "说明");
  lxw_worksheet *ws1 = workbook_add_worksheet(wb, "Sheet1");
  lxw_worksheet *ws2 = workbook_add_worksheet(wb, "名单");
  lxw_worksheet *ws3 = workbook_add_worksheet(wb, "调解&仲裁");
  worksheet_write_string(ws0, 0, 0, "隐藏的说明", NULL);
  worksheet_write_string(ws1, 0, 0, "第一表", NULL);
  worksheet_write_string(ws2, 0, 0, "编号", NULL);
  worksheet_write_string(ws2, 0, 1, "单位", NULL);
  worksheet_write_number(ws2, 1, 0, 1, NULL);
  worksheet_write_string(ws2, 1, 1, "城关司法所", NULL);
  worksheet_write_string(ws3, 0, 0, "&<>\"'", NULL);
  worksheet_activate(ws1);
  worksheet_hide(ws0);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  return zPath;
}

static void test_sheet_by_name(void **state) {
  const char *zPath = make_sheets();
  XlsxReader *r;
  (void)state;
  dump_is(zPath, "名单", "1:t编号|t单位\n2:n1|t城关司法所\n");
  dump_is(zPath, NULL, "1:t第一表\n");
  dump_is(zPath, "sheet1", "1:t第一表\n");
  dump_is(zPath, "说明", "1:t隐藏的说明\n"); /* hidden, but asked for */
  dump_is(zPath, "调解&仲裁", "1:t&<>\"'\n");
  r = open_ok(zPath, "SHEET1");
  assert_string_equal(xlsx_sheet_name(r), "Sheet1");
  xlsx_close(r);
}

static void test_unknown_sheet(void **state) {
  (void)state;
  open_fails(
      make_sheets(), "无此表", FZ_NOTFOUND,
      "工作表“无此表”不存在；本文件的工作表：说明、Sheet1、名单、调解&仲裁");
}

/* A chart sheet first in tab order is skipped by default and refused by
 * name. */
static void test_chartsheet(void **state) {
  const char *zPath = tmp_path("chart.xlsx");
  lxw_workbook *wb = workbook_new(zPath);
  lxw_chartsheet *cs = workbook_add_chartsheet(wb, "图表");
  lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
  lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
  (void)state;
  worksheet_write_number(ws, 0, 0, 1, NULL);
  worksheet_write_number(ws, 1, 0, 2, NULL);
  chart_add_series(chart, NULL, "='数据'!$A$1:$A$2");
  chartsheet_set_chart(cs, chart);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  dump_is(zPath, NULL, "1:n1\n2:n2\n");
  open_fails(zPath, "图表", FZ_INVALID, "“图表”是图表或宏表");
}

/* Rich text runs are joined; formula results come as numbers or strings. */
static void test_rich_and_formula(void **state) {
  const char *zPath = tmp_path("rich.xlsx");
  lxw_workbook *wb = workbook_new(zPath);
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
  lxw_format *fRed = workbook_add_format(wb);
  lxw_format *fBold = workbook_add_format(wb);
  lxw_rich_string_tuple f1 = {fRed, "红色"}, f2 = {fBold, "加粗"},
                        f3 = {NULL, "普通"};
  lxw_rich_string_tuple *aRich[] = {&f1, &f2, &f3, NULL};
  (void)state;
  format_set_font_color(fRed, LXW_COLOR_RED);
  format_set_bold(fBold);
  worksheet_write_rich_string(ws, 0, 0, aRich, NULL);
  worksheet_write_formula_num(ws, 0, 1, "=1+2", NULL, 3);
  worksheet_write_formula_str(ws, 0, 2, "=\"调解\"&\"员\"", NULL, "调解员");
  worksheet_write_string(ws, 0, 3, " 前后空格 ", NULL);
  worksheet_write_string(ws, 0, 4, "一行\n两行", NULL);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  dump_is(zPath, NULL, "1:t红色加粗普通|n3|t调解员|t 前后空格 |t一行\n两行\n");
}

/* constant_memory mode writes inline strings (t="inlineStr"). */
static void test_inline_libxlsxwriter(void **state) {
  const char *zPath = tmp_path("inline.xlsx");
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = zTmpDir};
  lxw_workbook *wb = workbook_new_opt(zPath, &opt);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "行内");
  (void)state;
  worksheet_write_string(ws, 0, 0, "人民调解", NULL);
  worksheet_write_number(ws, 0, 2, 2.5, NULL);
  worksheet_write_string(ws, 2, 1, "A&B <C>", NULL);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  dump_is(zPath, NULL, "1:t人民调解|-|n2.5\n3:-|tA&B <C>\n");
}

/* ---- Hand-made parts ---- */

/* Inline rich runs with a phonetic guide, t="str", t="d", escapes, cells
 * and rows without r, a prefixed namespace, CDATA. */
static void test_handmade_cells(void **state) {
  (void)state;
  dump_is(make_sheet("cells.xlsx",
                     "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>张</t>"
                     "</r><r><rPr><b/></rPr><t xml:space=\"preserve\">三 "
                     "</t></r><rPh sb=\"0\" eb=\"1\"><t>ZHANG</t></rPh></is>"
                     "</c><c r=\"C2\" t=\"str\"><f>A2</f><v>张三 </v></c>"
                     "<c r=\"D2\" t=\"d\"><v>2024-03-05T00:00:00</v></c>"
                     "<c r=\"E2\" t=\"inlineStr\"><is><t>a_x000D_b_x005F_x0041_"
                     "</t></is></c></row>"
                     "<row><c><v>1</v></c><c t=\"b\"><v>true</v></c>"
                     "<c><v><![CDATA[2.50]]></v></c>"
                     "<c><v>0.30000000000000004</v></c>"
                     "<c><v>2.9999999999999999E-2</v></c>"
                     "<c><v>-0</v></c><c><v>4.5E+3</v></c></row>"
                     "<row r=\"6\"><c r=\"B6\" t=\"str\"><v></v></c>"
                     "<c r=\"c6\" t=\"inlineStr\"><is><t/></is></c></row>"
                     "<row r=\"7\"><c r=\"B7\"/><c><v>9</v></c></row>"),
          NULL,
          "2:t张三 |-|t张三 |d2024-03-05|ta\rb_x0041_\n"
          "3:n1|b1|n2.5|n0.30000000000000004|n0.03|n0|n4500\n"
          "7:-|-|n9\n");
}

/* Shared strings with runs and phonetics, styles with custom formats (only
 * cellXfs count, not cellStyleXfs), a CJK built-in date (31), the 1904 date
 * system, relative and absolute targets, a sheet part not named sheet1.xml,
 * prefixed element names, and rows after </sheetData> ignored. */
static void test_handmade_parts(void **state) {
  static const char *azPart[] = {
      "xl/workbook.xml",
      "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
      "<x:workbookPr date1904=\"true\"/><x:sheets>"
      "<x:sheet name=\"数据\" sheetId=\"7\" r:id=\"rId9\"/></x:sheets>"
      "</x:workbook>",
      "xl/_rels/workbook.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships\">"
      "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" "
      "Target=\"strings.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" "
      "Target=\"./styles/../st.xml\"/>"
      "<Relationship Id=\"rId9\" Type=\"" NS_REL "/worksheet\" "
      "Target=\"/xl/worksheets/data.xml\"/></Relationships>",
      "xl/strings.xml",
      "<sst xmlns=\"" NS_MAIN "\" count=\"3\" uniqueCount=\"3\">"
      "<si><t>序号</t></si>"
      "<si><r><t>司法</t></r><r><rPr><b/></rPr><t>所</t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>SIFA</t></rPh></si>"
      "<si/><si><t>x_x005F_y</t></si></sst>",
      "xl/st.xml",
      "<styleSheet xmlns=\"" NS_MAIN "\">"
      "<numFmts count=\"2\"><numFmt numFmtId=\"164\" "
      "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"0.0&quot;天&quot;\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"165\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>",
      "xl/worksheets/data.xml",
      "<worksheet xmlns=\"" NS_MAIN "\"><dimension ref=\"A1:D3\"/>"
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
      "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
      "<c r=\"D1\" t=\"s\"><v>3</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>43894</v></c>"
      "<c r=\"B3\" s=\"2\"><v>1.5</v></c><c r=\"C3\" s=\"3\"><v>0</v></c>"
      "<c r=\"D3\" s=\"99\"><v>5</v></c></row></sheetData>"
      "<mergeCells count=\"1\"><mergeCell ref=\"A5:B5\"/></mergeCells>"
      "<row r=\"9\"><c r=\"A9\"><v>1</v></c></row></worksheet>",
      NULL};
  (void)state;
  /* 43894 in the 1904 system is 2024-03-05; serial 0 is 1904-01-01. */
  dump_is(make_zip("parts.xlsx", azPart), NULL,
          "1:t序号|t司法所|-|tx_y\n3:d2024-03-05|n1.5|d1904-01-01|n5\n");
}

/* Rows cut by the parser's 16 KiB chunks at every kind of place, and a cell
 * longer than a chunk: each row must come out whole. */
static void test_chunk_edges(void **state) {
  Str rows = STR_INIT, want = STR_INIT;
  XlsxReader *r;
  Err e = ERR_INIT;
  int i, has, n = 0;
  (void)state;
  for (i = 1; i <= 3000; i++) {
    int nText = i == 7 ? 100000 : (i * 37) % 700;
    str_appendf(&rows, "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c>", i + 1, i + 1,
                i);
    str_appendf(&rows, "<c r=\"C%d\" t=\"inlineStr\"><is><t>", i + 1);
    str_appendf(&want, "%d|%d|", i + 1, i);
    while (nText-- > 0) {
      str_putc(&rows, (char)('a' + nText % 26));
      str_putc(&want, (char)('a' + nText % 26));
    }
    str_appendf(&rows, "</t></is></c><c r=\"D%d\" t=\"b\"><v>%d</v></c></row>",
                i + 1, i % 2);
    str_appendf(&want, "|%d\n", i % 2);
  }
  r = open_ok(make_sheet("chunks.xlsx", str_cstr(&rows)), NULL);
  str_reset(&rows);
  while (xlsx_read_row(r, &has, &e) == FZ_OK && has) {
    assert_int_equal(xlsx_nfield(r), 4);
    assert_string_equal(xlsx_field(r, 1), "");
    str_appendf(&rows, "%ld|%s|%s|%s\n", xlsx_row(r), xlsx_field(r, 0),
                xlsx_field(r, 2), xlsx_field(r, 3));
    n++;
  }
  assert_int_equal(e.rc, FZ_OK);
  assert_int_equal(n, 3000);
  assert_true(str_cstr(&rows) && strcmp(str_cstr(&rows), str_cstr(&want)) == 0);
  xlsx_close(r);
  str_free(&rows);
  str_free(&want);
  err_clear(&e);
}

/* Cell errors name the sheet and the cell and stick. */
static void test_error_cell(void **state) {
  (void)state;
  read_fails(
      make_sheet("err.xlsx",
                 "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                 "<row r=\"7\"><c r=\"A7\"><v>1</v></c>"
                 "<c r=\"B7\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"),
      1, FZ_INVALID,
      "工作表“Sheet1”单元格 B7：公式出错（错误值“#DIV/0!”），请在 Excel "
      "中更正或改为实际值");
  read_fails(
      make_sheet("badref.xlsx", "<row r=\"2\"><c r=\"2B\"><v>1</v></c></row>"),
      0, FZ_INVALID, "工作表“Sheet1”第2行：单元格位置“2B”无效");
  read_fails(make_sheet("order.xlsx", "<row r=\"2\"><c r=\"C2\"><v>1</v></c>"
                                      "<c r=\"A2\"><v>2</v></c></row>"),
             0, FZ_INVALID, "单元格 A2：单元格顺序错乱");
  read_fails(make_sheet("badnum.xlsx",
                        "<row r=\"3\"><c r=\"D3\"><v>12abc</v></c></row>"),
             0, FZ_INVALID, "单元格 D3：数值“12abc”无法识别");
  read_fails(make_sheet("badsst.xlsx",
                        "<row r=\"3\"><c r=\"E3\" t=\"s\"><v>0</v></c></row>"),
             0, FZ_INVALID, "单元格 E3：共享字符串序号“0”超出范围（共 0 个）");
  read_fails(make_sheet("badtype.xlsx",
                        "<row r=\"4\"><c t=\"zz\" r=\"F4\"><v>0</v></c></row>"),
             0, FZ_INVALID, "单元格 F4：单元格类型“zz”无法识别");
  read_fails(make_sheet("badbool.xlsx",
                        "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>2</v></c></row>"),
             0, FZ_INVALID, "单元格 A4：逻辑值“2”无法识别");
}

/* Broken XML: in the sheet it shows when reading, elsewhere when opening. */
static void test_malformed_xml(void **state) {
  static const char *azBook[] = {"xl/workbook.xml", "<workbook><sheets>", NULL};
  static const char *azBook2[] = {"xl/workbook.xml",
                                  "<workbook>\n<sheets><sheet name=\"a\">"
                                  "</sheets></workbook>",
                                  NULL};
  static const char *azDtd[] = {
      "xl/workbook.xml",
      "<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"aaaa\">]>"
      "<workbook><sheets/></workbook>",
      NULL};
  (void)state;
  read_fails(make_sheet("broken.xlsx",
                        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                        "<row r=\"2\"><c r=\"A2\"><v>2</v></row>"),
             1, FZ_INVALID, "xl/worksheets/sheet1.xml 不是有效的 XML");
  read_fails(make_sheet("broken2.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v>"
                                        "</c></row><row r=\"2\"><c </row>"),
             1, FZ_INVALID,
             "已损坏：xl/worksheets/sheet1.xml 不是有效的 XML（第");
  open_fails(make_zip("book.xlsx", azBook), NULL, FZ_INVALID,
             "已损坏：xl/workbook.xml 不完整（在第1行意外结束）");
  open_fails(make_zip("book2.xlsx", azBook2), NULL, FZ_INVALID,
             "已损坏：xl/workbook.xml 不是有效的 XML（第2行：");
  open_fails(make_zip("dtd.xlsx", azDtd), NULL, FZ_INVALID, "含有 DTD 声明");
}

/* Files that are not .xlsx at all, each told apart. */
static void test_not_xlsx(void **state) {
  static const char *azNoBook[] = {"word/document.xml", "<w/>", NULL};
  static const char *azNoRels[] = {"xl/workbook.xml", zBook1, NULL};
  static const char *azNoSheet[] = {"xl/workbook.xml", zBook1,
                                    "xl/_rels/workbook.xml.rels", zRels1, NULL};
  const char *zPath;
  (void)state;
  zPath = tmp_path("text.xlsx");
  write_file(zPath, "姓名,年龄\n张三,30\n", strlen("姓名,年龄\n张三,30\n"));
  open_fails(zPath, NULL, FZ_INVALID,
             "”不是有效的 XLSX 文件（不是 zip 压缩包）");

  zPath = tmp_path("empty.xlsx");
  write_file(zPath, "", 0);
  open_fails(zPath, NULL, FZ_INVALID, "是空文件");

  zPath = tmp_path("old.xls");
  write_file(zPath, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12);
  open_fails(zPath, NULL, FZ_INVALID, "“Excel 工作簿（*.xlsx）”后再导入");

  zPath = tmp_path("cut.xlsx");
  write_file(zPath, "PK\x03\x04\x14\0\0\0", 8);
  open_fails(zPath, NULL, FZ_INVALID, "zip 压缩包不完整或已损坏");

  open_fails(tmp_path("no-such.xlsx"), NULL, FZ_IO, "无法打开文件");
  open_fails(zTmpDir, NULL, FZ_IO, "不是普通文件");
  open_fails(make_zip("doc.xlsx", azNoBook), NULL, FZ_INVALID,
             "不是有效的 XLSX 文件（缺少 xl/workbook.xml）");
  open_fails(make_zip("norels.xlsx", azNoRels), NULL, FZ_INVALID,
             "缺少 xl/_rels/workbook.xml.rels");
  open_fails(make_zip("nosheet.xlsx", azNoSheet), NULL, FZ_INVALID,
             "缺少工作表“Sheet1”的数据（xl/worksheets/sheet1.xml）");
}

/* ---- Size caps ---- */

/* A zip source streaming an <sst> of n bytes padded with 64 KiB comments,
 * so a 257 MiB part is written without holding it in memory and parsed
 * quickly up to the cap. */
typedef struct Bomb {
  zip_uint64_t n, off;
  zip_error_t err;
} Bomb;

static char bomb_byte(zip_uint64_t off) {
  static const char zHead[] = "<sst xmlns=\"" NS_MAIN "\">";
  const zip_uint64_t nHead = sizeof zHead - 1, nUnit = 65536;
  zip_uint64_t i;
  if (off < nHead) return zHead[off];
  i = (off - nHead) % nUnit;
  if (i < 4) return "<!--"[i];
  if (i >= nUnit - 3) return "-->"[i - (nUnit - 3)];
  return 'a';
}

static zip_int64_t bomb_cb(void *ud, void *data, zip_uint64_t len,
                           zip_source_cmd_t cmd) {
  Bomb *b = ud;
  zip_uint64_t i;
  switch (cmd) {
  case ZIP_SOURCE_OPEN:
    b->off = 0;
    return 0;
  case ZIP_SOURCE_READ:
    for (i = 0; i < len && b->off < b->n; i++, b->off++) {
      ((char *)data)[i] = bomb_byte(b->off);
    }
    return (zip_int64_t)i;
  case ZIP_SOURCE_STAT: {
    zip_stat_t *st = data;
    zip_stat_init(st);
    st->size = b->n;
    st->valid |= ZIP_STAT_SIZE;
    return sizeof *st;
  }
  case ZIP_SOURCE_SUPPORTS:
    return zip_source_make_command_bitmap(
        ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
        ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
  case ZIP_SOURCE_ERROR:
    return zip_error_to_data(&b->err, data, len);
  default:
    return 0;
  }
}

/* Make the central directory claim nSize unzipped bytes for entry zName, as
 * a hostile file would. */
static void lie_about_size(const char *zPath, const char *zName,
                           uint32_t nSize) {
  FILE *f = fopen(zPath, "r+b");
  size_t nName = strlen(zName), n, i;
  char *z;
  int nPatched = 0;
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  n = (size_t)ftell(f);
  z = malloc(n);
  assert_non_null(z);
  rewind(f);
  assert_int_equal(fread(z, 1, n, f), n);
  for (i = 0; i + 46 + nName <= n; i++) {
    if (memcmp(z + i, "PK\x01\x02", 4) == 0 &&
        memcmp(z + i + 46, zName, nName) == 0) {
      unsigned char a[4] = {(unsigned char)nSize, (unsigned char)(nSize >> 8),
                            (unsigned char)(nSize >> 16),
                            (unsigned char)(nSize >> 24)};
      fseek(f, (long)(i + 24), SEEK_SET);
      assert_int_equal(fwrite(a, 1, 4, f), 4);
      nPatched++;
    }
  }
  assert_int_equal(nPatched, 1);
  assert_int_equal(fclose(f), 0);
  free(z);
}

/* Shared strings past 256 MiB are refused before they fill memory, whether
 * the zip directory tells their size or lies about it. */
static void test_zip_bomb(void **state) {
  const char *zPath = tmp_path("bomb.xlsx");
  Bomb b = {((zip_uint64_t)256 << 20) + 4096, 0, {0, 0, NULL}};
  int zerr = 0;
  zip_t *z;
  zip_source_t *src;
  (void)state;
  /* Under valgrind (50x slower) these size tests would take minutes; the
   * plain and sanitizer builds run them. */
  if (getenv("FZ_TEST_LIGHT")) skip();
  z = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  assert_non_null(z);
  zip_error_init(&b.err);
  src = zip_source_buffer(z, zBook1, strlen(zBook1), 0);
  assert_true(zip_file_add(z, "xl/workbook.xml", src, 0) >= 0);
  src = zip_source_buffer(z, zRels1, strlen(zRels1), 0);
  assert_true(zip_file_add(z, "xl/_rels/workbook.xml.rels", src, 0) >= 0);
  src = zip_source_function(z, bomb_cb, &b);
  assert_non_null(src);
  assert_true(zip_file_add(z, "xl/sharedStrings.xml", src, 0) >= 0);
  assert_int_equal(zip_close(z), 0);
  zip_error_fini(&b.err);
  open_fails(zPath, NULL, FZ_INVALID, "xl/sharedStrings.xml 解压后超过 256 MB");
  lie_about_size(zPath, "xl/sharedStrings.xml", 4096);
  open_fails(zPath, NULL, FZ_INVALID, "xl/sharedStrings.xml 解压后超过 256 MB");
}

/* ---- A large sheet ---- */

#define BIG_ROWS 200000

static double now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 200,000 rows of five columns through the shared strings; the reader keeps
 * one row, so this is about time, not memory. */
static void test_big_sheet(void **state) {
  const char *zPath = tmp_path("big.xlsx");
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *fDate;
  XlsxReader *r;
  Err e = ERR_INIT;
  char zName[32];
  int i, has;
  long n = 0;
  double t0, t1;
  (void)state;
  /* Under valgrind (50x slower) these size tests would take minutes; the
   * plain and sanitizer builds run them. */
  if (getenv("FZ_TEST_LIGHT")) skip();
  wb = workbook_new(zPath);
  ws = workbook_add_worksheet(wb, "台账");
  fDate = workbook_add_format(wb);
  format_set_num_format(fDate, "yyyy-mm-dd");
  worksheet_write_string(ws, 0, 0, "序号", NULL);
  worksheet_write_string(ws, 0, 1, "当事人", NULL);
  worksheet_write_string(ws, 0, 2, "受理日期", NULL);
  worksheet_write_string(ws, 0, 3, "金额", NULL);
  worksheet_write_string(ws, 0, 4, "类别", NULL);
  for (i = 1; i <= BIG_ROWS; i++) {
    snprintf(zName, sizeof zName, "当事人%d", i);
    worksheet_write_number(ws, (lxw_row_t)i, 0, i, NULL);
    worksheet_write_string(ws, (lxw_row_t)i, 1, zName, NULL);
    worksheet_write_number(ws, (lxw_row_t)i, 2, 45292 + i % 366, fDate);
    worksheet_write_number(ws, (lxw_row_t)i, 3, i * 0.5, NULL);
    worksheet_write_string(ws, (lxw_row_t)i, 4, i % 2 ? "婚姻家庭" : "邻里纠纷",
                           NULL);
  }
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

  t0 = now_sec();
  r = open_ok(zPath, NULL);
  while (xlsx_read_row(r, &has, &e) == FZ_OK && has) {
    n++;
    assert_int_equal(xlsx_nfield(r), 5);
    if (n == 99999) assert_string_equal(xlsx_field(r, 1), "当事人99998");
    if (n == BIG_ROWS + 1) {
      assert_string_equal(xlsx_field(r, 0), "200000");
      assert_string_equal(xlsx_field(r, 1), "当事人200000");
      assert_string_equal(xlsx_field(r, 2), "2024-06-13"); /* 45292 + 164 */
      assert_int_equal(xlsx_field_kind(r, 2), XLSX_DATE);
      assert_string_equal(xlsx_field(r, 3), "100000");
      assert_string_equal(xlsx_field(r, 4), "邻里纠纷");
    }
  }
  t1 = now_sec();
  assert_int_equal(e.rc, FZ_OK);
  assert_int_equal(n, BIG_ROWS + 1);
  assert_int_equal(xlsx_row(r), BIG_ROWS + 1);
  assert_int_equal(xlsx_nfield(r), 0); /* nothing after the end */
  assert_true(xlsx_bytes_read(r) > xlsx_bytes_total(r) / 10 * 9);
  fprintf(stderr, "    %d rows read in %.2f s (%.1f MB of sheet XML)\n",
          BIG_ROWS + 1, t1 - t0, (double)xlsx_bytes_total(r) / 1e6);
  xlsx_close(r);
  err_clear(&e);
}

/* ---- Setup ---- */

static int setup(void **state) {
  const char *zTmp = getenv("TMPDIR");
  (void)state;
  snprintf(zTmpDir, sizeof zTmpDir, "%s/test_xlsx_XXXXXX",
           zTmp ? zTmp : "/tmp");
  return mkdtemp(zTmpDir) ? 0 : -1;
}

static int teardown(void **state) {
  DIR *d = opendir(zTmpDir);
  struct dirent *p;
  (void)state;
  while (d && (p = readdir(d)) != NULL) {
    if (p->d_name[0] != '.') unlink(tmp_path(p->d_name));
  }
  if (d) closedir(d);
  return rmdir(zTmpDir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_typed_values),
      cmocka_unit_test(test_accessors),
      cmocka_unit_test(test_sheet_by_name),
      cmocka_unit_test(test_unknown_sheet),
      cmocka_unit_test(test_chartsheet),
      cmocka_unit_test(test_rich_and_formula),
      cmocka_unit_test(test_inline_libxlsxwriter),
      cmocka_unit_test(test_handmade_cells),
      cmocka_unit_test(test_handmade_parts),
      cmocka_unit_test(test_chunk_edges),
      cmocka_unit_test(test_error_cell),
      cmocka_unit_test(test_malformed_xml),
      cmocka_unit_test(test_not_xlsx),
      cmocka_unit_test(test_zip_bomb),
      cmocka_unit_test(test_big_sheet),
  };
  return cmocka_run_group_tests_name("xlsx", tests, setup, teardown);
}
