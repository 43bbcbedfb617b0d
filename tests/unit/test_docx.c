/* test_docx.c — the GB/T 9704 .docx writer (src/report/docx.c): a report is
 * written, read back with libzip and libxml2 and checked part by part;
 * failures leave no file; LibreOffice, when installed, makes an A4 PDF. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "../../src/base/err.h"
#include "../../src/report/doc.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R                                                                   \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#define LEAD "（一）健全法治体系，提升基层法治效能。"
/* Markup characters among the Chinese (so lines still break between them) */
#define TRICKY                                                                 \
  "一是比较<甲>与<乙>，甲&乙，\"双引号\"与'单引号'，&amp;原样保留。"

/* Body paragraphs from the 2024 report, enough for a second page. */
static const char *const azBody[] = {
    "一是加强组织领导。成立法治政府建设工作领导小组，制定详细的年度工作要点"
    "与法治政府建设工作任务台账，将任务细化到各科室、量化到岗位、实化到个人，"
    "确保各项工作有序推进。",
    "（二）注重科学民主，深化依法依规决策。一是建立健全重大行政决策体制机制，"
    "确定五个关键环节，进一步完善公众参与、专家论证、风险评估、合法性审查和集体"
    "讨论决定相结合的决策机制。二是持续落实行政规范性文件合法性审核、备案审查和"
    "定期清理制度。年内审核行政规范性文件5件，一般性文件2件。",
    "（三）强化执法监督，构筑法治化营商环境。一是强化制度保障。二是统筹规范行政"
    "执法人员资格考试、证件制发和服务管理工作。年内共59人参加行政执法人员资格考"
    "试。三是全面推进执法规范化建设。组织县市场监督管理局、县交通运输局等21家行"
    "政执法单位开展行政执法规范化建设现场观摩会。",
    "（四）维护安全稳定，夯实社会和谐基础。2024年，共收到行政复议申请5件，受理"
    "行政复议案件4件，同比增长100%，不予受理1件，均已办结。共受理法律援助案件"
    "168件，已结案87件，代写各类法律文书557件，接待法律咨询近1733余人次，挽回"
    "经济损失2150万元。",
    "（五）加强法治宣传教育，厚植全民法治信仰根基。持续推进“八五”普法，加强乡镇"
    "法治文化阵地建设，年内已实现各乡镇法治文化阵地建设全覆盖。开展各类普法宣传"
    "活动700余次，覆盖群众2万余人次。总播放量达到60.4万次。",
};

/* The test report: title, opening, a heading, a lead-in paragraph with
 * characters XML must escape, more body text, signature and date. */
static void build_doc(Doc *d) {
  DocBlock *b;
  int i;
  doc_init(d);
  d->year = 2024;
  doc_run(doc_block(d, DOC_TITLE), RUN_PLAIN, "泽库县司法局", -1, NULL);
  doc_run(doc_block(d, DOC_TITLE), RUN_PLAIN, "2024年度法治政府建设情况报告",
          -1, NULL);
  b = doc_block(d, DOC_PARA);
  doc_run(b, RUN_PLAIN, "2024年，县司法局共受理矛盾纠纷", -1, NULL);
  doc_run(b, RUN_FIGURE, "355", -1, "mediation_received");
  doc_run(b, RUN_PLAIN, "起，现将年度法治政府建设情况报告如下：", -1, NULL);
  doc_run(doc_block(d, DOC_HEADING1), RUN_PLAIN, "一、主要工作成效", -1, NULL);
  b = doc_block(d, DOC_PARA);
  doc_run(b, RUN_LEAD, LEAD, -1, NULL);
  doc_run(b, RUN_PLAIN, TRICKY, -1, NULL);
  for (i = 0; i < (int)(sizeof azBody / sizeof azBody[0]); i++) {
    doc_run(doc_block(d, DOC_PARA), RUN_PLAIN, azBody[i], -1, NULL);
  }
  doc_run(doc_block(d, DOC_HEADING1), RUN_PLAIN, "二、存在的问题", -1, NULL);
  for (i = 0; i < (int)(sizeof azBody / sizeof azBody[0]); i++) {
    doc_run(doc_block(d, DOC_PARA), RUN_PLAIN, azBody[i], -1, NULL);
  }
  doc_run(doc_block(d, DOC_SIGNATURE), RUN_PLAIN, "泽库县司法局", -1, NULL);
  doc_run(doc_block(d, DOC_DATE), RUN_PLAIN, "2025年1月10日", -1, NULL);
}

/* ---- Reading the package back ---- */

/* The bytes of part zPart (NUL-terminated, caller frees), or NULL. */
static char *read_part(const char *zPath, const char *zPart, size_t *pn) {
  int zerr = 0;
  zip_t *z = zip_open(zPath, ZIP_RDONLY, &zerr);
  zip_stat_t st;
  zip_file_t *f;
  char *zBuf = NULL;
  assert_non_null(z);
  if (zip_stat(z, zPart, 0, &st) == 0 && (f = zip_fopen(z, zPart, 0))) {
    zBuf = malloc(st.size + 1);
    assert_non_null(zBuf);
    assert_int_equal(zip_fread(f, zBuf, st.size), st.size);
    zBuf[st.size] = 0;
    if (pn) *pn = st.size;
    zip_fclose(f);
  }
  zip_discard(z);
  return zBuf;
}

/* Part zPart parsed (it must be well-formed XML). */
static xmlDocPtr read_xml(const char *zPath, const char *zPart) {
  size_t n = 0;
  char *z = read_part(zPath, zPart, &n);
  xmlDocPtr doc;
  if (!z) fail_msg("part %s missing", zPart);
  doc = xmlReadMemory(z, (int)n, zPart, NULL, XML_PARSE_NONET);
  free(z);
  if (!doc) fail_msg("part %s is not well-formed", zPart);
  return doc;
}

/* The string value of XPath expression zExpr (prefixes w: r: bound); caller
 * frees with xmlFree. */
static char *xp(xmlDocPtr doc, const char *zExpr) {
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  xmlXPathObjectPtr obj;
  xmlChar *z;
  xmlXPathRegisterNs(ctx, BAD_CAST "w", BAD_CAST NS_W);
  xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST NS_R);
  obj = xmlXPathEvalExpression(BAD_CAST zExpr, ctx);
  if (!obj) fail_msg("bad XPath %s", zExpr);
  z = xmlXPathCastToString(obj);
  xmlXPathFreeObject(obj);
  xmlXPathFreeContext(ctx);
  return (char *)z;
}

#define assert_xp(doc, zExpr, zWant)                                           \
  do {                                                                         \
    char *zGot_ = xp(doc, zExpr);                                              \
    if (strcmp(zGot_, zWant) != 0) {                                           \
      fail_msg("%s: got \"%s\", want \"%s\"", zExpr, zGot_, zWant);            \
    }                                                                          \
    xmlFree(zGot_);                                                            \
  } while (0)

static void assert_exists(const char *zPath, int bWant) {
  struct stat st;
  assert_int_equal(stat(zPath, &st) == 0, bWant);
}

/* Remove zDir and the files in it. */
static void rm_dir(const char *zDir) {
  char zPath[1024];
  DIR *dir = opendir(zDir);
  struct dirent *p;
  while (dir && (p = readdir(dir)) != NULL) {
    if (p->d_name[0] == '.') continue;
    snprintf(zPath, sizeof zPath, "%s/%s", zDir, p->d_name);
    remove(zPath);
  }
  if (dir) closedir(dir);
  rmdir(zDir);
}

/* Write the test report into a fresh directory; zPath gets the file. */
static void write_report(char *zPath, size_t n) {
  Doc d;
  Err e = ERR_INIT;
  test_tmp_path(zPath, n, "报告.docx");
  build_doc(&d);
  if (doc_write_docx(&d, zPath, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  doc_clear(&d);
  err_clear(&e);
}

static void dir_of(const char *zPath, char *zDir, size_t n) {
  snprintf(zDir, n, "%s", zPath);
  *strrchr(zDir, '/') = 0;
}

/* ---- Tests ---- */

static void writes_all_parts(void **state) {
  static const char *const azWant[] = {
      "[Content_Types].xml", "_rels/.rels",
      "docProps/core.xml",   "docProps/app.xml",
      "word/document.xml",   "word/_rels/document.xml.rels",
      "word/styles.xml",     "word/settings.xml",
      "word/fontTable.xml",  "word/footer1.xml",
      "word/footer2.xml",
  };
  char zPath[512], zDir[512];
  int zerr = 0, i, n = (int)(sizeof azWant / sizeof azWant[0]);
  zip_t *z;
  (void)state;
  write_report(zPath, sizeof zPath);
  z = zip_open(zPath, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  assert_non_null(z);
  assert_int_equal(zip_get_num_entries(z, 0), n);
  for (i = 0; i < n; i++) {
    assert_string_equal(zip_get_name(z, (zip_uint64_t)i, 0), azWant[i]);
  }
  zip_discard(z);
  for (i = 0; i < n; i++)
    xmlFreeDoc(read_xml(zPath, azWant[i]));
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

static void page_is_gbt9704(void **state) {
  char zPath[512], zDir[512];
  xmlDocPtr doc;
  (void)state;
  write_report(zPath, sizeof zPath);
  doc = read_xml(zPath, "word/document.xml");
  assert_xp(doc, "//w:sectPr/w:pgSz/@w:w", "11906");
  assert_xp(doc, "//w:sectPr/w:pgSz/@w:h", "16838");
  assert_xp(doc, "//w:sectPr/w:pgMar/@w:top", "2098");
  assert_xp(doc, "//w:sectPr/w:pgMar/@w:bottom", "1984");
  assert_xp(doc, "//w:sectPr/w:pgMar/@w:left", "1587");
  assert_xp(doc, "//w:sectPr/w:pgMar/@w:right", "1474");
  assert_xp(doc, "//w:sectPr/w:docGrid/@w:type", "linesAndChars");
  assert_xp(doc, "//w:sectPr/w:docGrid/@w:linePitch", "579");
  assert_xp(doc, "//w:sectPr/w:docGrid/@w:charSpace", "-842");
  /* every paragraph on the 28.95 pt grid, no Latin/CJK auto-spacing */
  assert_xp(doc, "count(//w:body/w:p[w:pPr/w:spacing/@w:line!='579'])", "0");
  assert_xp(doc, "count(//w:body/w:p[w:pPr/w:autoSpaceDE/@w:val!='0'])", "0");
  assert_xp(doc, "count(//w:body/w:p[w:pPr/w:autoSpaceDN/@w:val!='0'])", "0");
  assert_xp(doc, "count(//w:body/w:p[w:pPr/w:snapToGrid/@w:val!='0'])", "0");
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "word/settings.xml");
  assert_xp(doc, "count(/w:settings/w:evenAndOddHeaders)", "1");
  assert_xp(doc, "count(/w:settings/w:mirrorMargins)", "1");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* Fonts and sizes of title, body, figure, lead-in, heading, signature. */
static void fonts_and_sizes(void **state) {
  char zPath[512], zDir[512];
  xmlDocPtr doc;
  (void)state;
  write_report(zPath, sizeof zPath);
  doc = read_xml(zPath, "word/document.xml");
  /* two title lines, centred, then a blank line */
  assert_xp(doc, "string(//w:body/w:p[1])", "泽库县司法局");
  assert_xp(doc, "string(//w:body/w:p[2])", "2024年度法治政府建设情况报告");
  assert_xp(doc, "string(//w:body/w:p[3])", "");
  assert_xp(doc, "//w:body/w:p[1]/w:pPr/w:jc/@w:val", "center");
  assert_xp(doc, "//w:body/w:p[2]/w:pPr/w:ind/@w:firstLine", "0");
  assert_xp(doc, "//w:body/w:p[1]/w:r[1]/w:rPr/w:rFonts/@w:eastAsia",
            "方正小标宋简体");
  assert_xp(doc, "//w:body/w:p[2]/w:r[1]/w:rPr/w:sz/@w:val", "44");
  /* opening paragraph: 仿宋, 3号, justified, indented two characters */
  assert_xp(doc, "//w:body/w:p[4]/w:pPr/w:jc/@w:val", "both");
  assert_xp(doc, "//w:body/w:p[4]/w:pPr/w:ind/@w:firstLineChars", "200");
  assert_xp(doc, "//w:body/w:p[4]/w:r[1]/w:rPr/w:rFonts/@w:eastAsia",
            "仿宋_GB2312");
  assert_xp(doc, "//w:body/w:p[4]/w:r[1]/w:rPr/w:sz/@w:val", "32");
  assert_xp(doc, "//w:body/w:p[4]/w:r[1]/w:rPr/w:lang/@w:eastAsia", "zh-CN");
  /* 3号 text condensed 0.3 pt so 28 characters fit 156 mm; the title not */
  assert_xp(doc, "//w:body/w:p[4]/w:r[1]/w:rPr/w:spacing/@w:val", "-6");
  assert_xp(doc, "count(//w:body/w:p[1]/w:r[1]/w:rPr/w:spacing)", "0");
  /* the figure is a run of its own, in the paragraph's face */
  assert_xp(doc, "//w:r[w:t='355']/w:rPr/w:rFonts/@w:eastAsia", "仿宋_GB2312");
  assert_xp(doc, "//w:r[w:t='355']/w:rPr/w:sz/@w:val", "32");
  assert_xp(doc, "string(//w:body/w:p[4])",
            "2024年，县司法局共受理矛盾纠纷355起，现将年度法治政府建设情况"
            "报告如下：");
  /* heading: 黑体, 3号, indented */
  assert_xp(doc, "string(//w:body/w:p[5])", "一、主要工作成效");
  assert_xp(doc, "//w:body/w:p[5]/w:r[1]/w:rPr/w:rFonts/@w:eastAsia", "黑体");
  assert_xp(doc, "//w:body/w:p[5]/w:r[1]/w:rPr/w:sz/@w:val", "32");
  assert_xp(doc, "//w:body/w:p[5]/w:pPr/w:ind/@w:firstLineChars", "200");
  /* lead-in: 楷体, then the rest of the paragraph in 仿宋 */
  assert_xp(doc, "//w:r[w:t='" LEAD "']/w:rPr/w:rFonts/@w:eastAsia",
            "楷体_GB2312");
  assert_xp(doc, "//w:r[w:t='" LEAD "']/w:rPr/w:sz/@w:val", "32");
  assert_xp(doc, "//w:body/w:p[6]/w:r[2]/w:rPr/w:rFonts/@w:eastAsia",
            "仿宋_GB2312");
  /* signature and date: right-aligned, four characters in, adjacent */
  assert_xp(doc, "//w:p[string(.)='2025年1月10日']/w:pPr/w:jc/@w:val", "right");
  assert_xp(doc, "//w:p[string(.)='2025年1月10日']/w:pPr/w:ind/@w:rightChars",
            "400");
  assert_xp(
      doc, "string(//w:p[string(.)='2025年1月10日']/preceding-sibling::w:p[1])",
      "泽库县司法局");
  assert_xp(doc, "//w:body/w:p[last()-1]/w:pPr/w:ind/@w:rightChars", "400");
  assert_xp(doc, "//w:body/w:p[last()-1]/w:pPr/w:jc/@w:val", "right");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* Fonts are declared with fallbacks; styles carry the same faces. */
static void font_table_and_styles(void **state) {
  char zPath[512], zDir[512];
  xmlDocPtr doc;
  (void)state;
  write_report(zPath, sizeof zPath);
  doc = read_xml(zPath, "word/fontTable.xml");
  assert_xp(doc, "//w:font[@w:name='仿宋_GB2312']/w:altName/@w:val", "仿宋");
  assert_xp(doc, "//w:font[@w:name='仿宋_GB2312']/w:charset/@w:val", "86");
  assert_xp(doc, "//w:font[@w:name='方正小标宋简体']/w:altName/@w:val", "宋体");
  assert_xp(doc, "//w:font[@w:name='楷体_GB2312']/w:altName/@w:val", "楷体");
  assert_xp(doc, "//w:font[@w:name='黑体']/w:altName/@w:val", "SimHei");
  assert_xp(doc, "//w:font[@w:name='仿宋']/w:altName/@w:val", "FangSong");
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "word/styles.xml");
  assert_xp(doc, "//w:docDefaults//w:rFonts/@w:eastAsia", "仿宋_GB2312");
  assert_xp(doc, "//w:docDefaults//w:sz/@w:val", "32");
  assert_xp(doc, "//w:style[@w:styleId='FzTitle']//w:sz/@w:val", "44");
  assert_xp(doc, "//w:style[@w:styleId='FzHeading1']//w:rFonts/@w:eastAsia",
            "黑体");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* "— N —" in 4号宋体: outer edge, right on odd pages, left on even. */
static void footers_carry_page_numbers(void **state) {
  char zPath[512], zDir[512];
  xmlDocPtr doc;
  (void)state;
  write_report(zPath, sizeof zPath);
  doc = read_xml(zPath, "word/document.xml");
  assert_xp(doc, "//w:footerReference[@w:type='default']/@r:id", "rIdFtrOdd");
  assert_xp(doc, "//w:footerReference[@w:type='even']/@r:id", "rIdFtrEven");
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "word/_rels/document.xml.rels");
  assert_xp(doc, "//*[@Id='rIdFtrOdd']/@Target", "footer1.xml");
  assert_xp(doc, "//*[@Id='rIdFtrEven']/@Target", "footer2.xml");
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "word/footer1.xml");
  assert_xp(doc, "count(//w:fldChar[@w:fldCharType='begin'])", "1");
  assert_xp(doc, "normalize-space(//w:instrText)", "PAGE");
  assert_xp(doc, "string(//w:p)", "—  PAGE 1 —");
  assert_xp(doc, "//w:p/w:pPr/w:jc/@w:val", "right");
  assert_xp(doc, "//w:r[1]/w:rPr/w:sz/@w:val", "28");
  assert_xp(doc, "//w:r[1]/w:rPr/w:rFonts/@w:eastAsia", "宋体");
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "word/footer2.xml");
  assert_xp(doc, "normalize-space(//w:instrText)", "PAGE");
  assert_xp(doc, "//w:p/w:pPr/w:jc/@w:val", "left");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* Markup characters are escaped and come back exactly. */
static void text_round_trips(void **state) {
  char zPath[512], zDir[512];
  char *zXml;
  xmlDocPtr doc;
  (void)state;
  write_report(zPath, sizeof zPath);
  zXml = read_part(zPath, "word/document.xml", NULL);
  assert_non_null(zXml);
  assert_non_null(strstr(zXml, "一是比较&lt;甲&gt;与&lt;乙&gt;，甲&amp;乙，"
                               "&quot;双引号&quot;与&apos;单引号&apos;，"
                               "&amp;amp;原样保留。"));
  free(zXml);
  doc = read_xml(zPath, "word/document.xml");
  assert_xp(doc, "string(//w:body/w:p[6])", LEAD TRICKY);
  assert_xp(doc, "string(//w:body/w:p[7])", azBody[0]);
  xmlFreeDoc(doc);
  doc = read_xml(zPath, "docProps/core.xml");
  assert_xp(doc, "string(/*/*[local-name()='title'])",
            "泽库县司法局2024年度法治政府建设情况报告");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* Text XML 1.0 cannot hold becomes U+FFFD; newline and tab become breaks
 * and tabs; the part stays well-formed. */
static void hostile_text_stays_well_formed(void **state) {
  char zPath[512], zDir[512];
  Doc d;
  Err e = ERR_INIT;
  xmlDocPtr doc;
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "x.docx");
  doc_init(&d);
  doc_run(doc_block(&d, DOC_TITLE), RUN_PLAIN, "A\x01\xff]]>B", -1, NULL);
  doc_run(doc_block(&d, DOC_PARA), RUN_PLAIN, "一\n二\t三\r\n四", -1, NULL);
  assert_int_equal(doc_write_docx(&d, zPath, &e), FZ_OK);
  doc = read_xml(zPath, "word/document.xml");
  assert_xp(doc, "string(//w:body/w:p[1])", "A\xEF\xBF\xBD\xEF\xBF\xBD]]>B");
  assert_xp(doc, "string(//w:body/w:p[3])", "一二三四");
  assert_xp(doc, "count(//w:body/w:p[3]//w:br)", "2");
  assert_xp(doc, "count(//w:body/w:p[3]//w:tab)", "1");
  xmlFreeDoc(doc);
  doc_clear(&d);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* An empty report is still a document Word opens (one paragraph). */
static void empty_doc_has_a_paragraph(void **state) {
  char zPath[512], zDir[512];
  Doc d;
  Err e = ERR_INIT;
  xmlDocPtr doc;
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "empty.docx");
  doc_init(&d);
  assert_int_equal(doc_write_docx(&d, zPath, &e), FZ_OK);
  doc = read_xml(zPath, "word/document.xml");
  assert_xp(doc, "count(//w:body/w:p)", "1");
  xmlFreeDoc(doc);
  dir_of(zPath, zDir, sizeof zDir);
  rm_dir(zDir);
}

/* Unwritable paths fail with FZ_IO, name the path, and leave nothing. */
static void unwritable_path_fails(void **state) {
  static const char *const azBad[] = {"/proc/forbidden/x.docx",
                                      "/nonexistent-fztest-dir/x.docx"};
  Doc d;
  int i;
  (void)state;
  build_doc(&d);
  for (i = 0; i < 2; i++) {
    Err e = ERR_INIT;
    assert_int_equal(doc_write_docx(&d, azBad[i], &e), FZ_IO);
    assert_int_equal(e.rc, FZ_IO);
    assert_non_null(strstr(err_msg(&e), azBad[i]));
    assert_non_null(strstr(err_msg(&e), "无法写入文件"));
    assert_exists(azBad[i], 0);
    err_clear(&e);
  }
  doc_clear(&d);
}

/* A failure after the temp file exists (the target is a directory, so the
 * rename fails) removes the temp file; a good write replaces a file. */
static void failed_rename_leaves_no_temp(void **state) {
  char zPath[512], zDir[512], zSub[600];
  Doc d;
  Err e = ERR_INIT;
  DIR *dir;
  struct dirent *p;
  int n = 0;
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "r.docx");
  dir_of(zPath, zDir, sizeof zDir);
  snprintf(zSub, sizeof zSub, "%s/sub", zDir);
  assert_int_equal(mkdir(zSub, 0755), 0);
  snprintf(zSub, sizeof zSub, "%s/sub/f", zDir); /* a non-empty directory */
  test_write_file(zSub, "x", 1);
  snprintf(zSub, sizeof zSub, "%s/sub", zDir);
  build_doc(&d);
  assert_int_equal(doc_write_docx(&d, zSub, &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), zSub));
  err_clear(&e);
  dir = opendir(zDir);
  while ((p = readdir(dir)) != NULL)
    n += p->d_name[0] != '.';
  closedir(dir);
  assert_int_equal(n, 1); /* only sub/ */
  /* overwrite an existing file */
  test_write_file(zPath, "old", 3);
  assert_int_equal(doc_write_docx(&d, zPath, &e), FZ_OK);
  xmlFreeDoc(read_xml(zPath, "word/document.xml"));
  doc_clear(&d);
  snprintf(zSub, sizeof zSub, "%s/sub/f", zDir);
  remove(zSub);
  snprintf(zSub, sizeof zSub, "%s/sub", zDir);
  rmdir(zSub);
  rm_dir(zDir);
}

/* ---- LibreOffice ---- */

/* 1 when zProg is an executable on $PATH. */
static int on_path(const char *zProg) {
  const char *zPath = getenv("PATH");
  char zTry[1024];
  while (zPath && *zPath) {
    size_t n = strcspn(zPath, ":");
    snprintf(zTry, sizeof zTry, "%.*s/%s", (int)n, zPath, zProg);
    if (n > 0 && access(zTry, X_OK) == 0) return 1;
    zPath += n + (zPath[n] == ':');
  }
  return 0;
}

/* pdfinfo's "Page size:" (rounded points) and "Pages:". */
static void pdf_info(const char *zPdf, int *pW, int *pH, int *pPages) {
  char zCmd[1200], zLine[256];
  double w = 0, h = 0;
  FILE *f;
  snprintf(zCmd, sizeof zCmd, "pdfinfo '%s'", zPdf);
  f = popen(zCmd, "r");
  assert_non_null(f);
  while (fgets(zLine, sizeof zLine, f)) {
    if (sscanf(zLine, "Page size: %lf x %lf", &w, &h) == 2) continue;
    if (strncmp(zLine, "Pages:", 6) == 0)
      *pPages = (int)strtol(zLine + 6, 0, 10);
  }
  assert_int_equal(pclose(f), 0);
  *pW = (int)(w + 0.5);
  *pH = (int)(h + 0.5);
}

/* Lines of text on page iPage (pdftotext -layout, blank lines skipped);
 * *pFound is set when one of them, trimmed, is zWant. */
static int pdf_page_lines(const char *zPdf, int iPage, const char *zWant,
                          int *pFound) {
  char zCmd[1200], zLine[1024];
  int n = 0;
  FILE *f;
  snprintf(zCmd, sizeof zCmd, "pdftotext -f %d -l %d -layout '%s' -", iPage,
           iPage, zPdf);
  f = popen(zCmd, "r");
  assert_non_null(f);
  while (fgets(zLine, sizeof zLine, f)) {
    char *z = zLine + strspn(zLine, " \f");
    size_t k = strcspn(z, "\r\n");
    z[k] = 0;
    while (k > 0 && z[k - 1] == ' ')
      z[--k] = 0;
    if (k == 0) continue;
    n++;
    if (strcmp(z, zWant) == 0) *pFound = 1;
  }
  assert_int_equal(pclose(f), 0);
  return n;
}

/* Where the official fonts are missing, fontconfig picks any CJK face
 * (often a Japanese sans) for all four. This maps each to a free face of
 * its kind (Noto CJK SC, AR PL UKai) so the PDF looks like the real thing;
 * installed system-wide it does the same for a server making previews. */
static const char zFontsConf[] =
    "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
    "<fontconfig>\n"
    "<match target=\"pattern\"><test name=\"family\"><string>方正小标宋简体"
    "</string></test><edit name=\"weight\" mode=\"assign\"><const>bold"
    "</const></edit></match>\n"
    "<alias binding=\"same\"><family>方正小标宋简体</family><prefer>"
    "<family>Noto Serif CJK SC</family></prefer></alias>\n"
    "<alias binding=\"same\"><family>仿宋_GB2312</family><prefer>"
    "<family>FangSong</family><family>Noto Serif CJK SC</family></prefer>"
    "</alias>\n"
    "<alias binding=\"same\"><family>楷体_GB2312</family><prefer>"
    "<family>KaiTi</family><family>AR PL UKai CN</family>"
    "<family>Noto Serif CJK SC</family></prefer></alias>\n"
    "<alias binding=\"same\"><family>黑体</family><prefer><family>SimHei"
    "</family><family>Noto Sans CJK SC</family></prefer></alias>\n"
    "<alias binding=\"same\"><family>宋体</family><prefer><family>SimSun"
    "</family><family>Noto Serif CJK SC</family></prefer></alias>\n"
    "</fontconfig>\n";

/* $zHome/.config/fontconfig/fonts.conf for LibreOffice's fontconfig. */
static void write_fonts_conf(const char *zHome) {
  char zPath[600];
  snprintf(zPath, sizeof zPath, "%s/.config", zHome);
  assert_int_equal(mkdir(zPath, 0700), 0);
  snprintf(zPath, sizeof zPath, "%s/.config/fontconfig", zHome);
  assert_int_equal(mkdir(zPath, 0700), 0);
  snprintf(zPath, sizeof zPath, "%s/.config/fontconfig/fonts.conf", zHome);
  test_write_file(zPath, zFontsConf, strlen(zFontsConf));
}

/* LibreOffice opens the file and makes an A4 PDF of two pages or more.
 * FZTEST_KEEP=1 keeps the directory (to look at the PDF). */
static void libreoffice_makes_a4_pdf(void **state) {
  char zPath[512], zDir[512], zCmd[2048], zPdf[600];
  struct stat st;
  (void)state;
  if (!on_path("libreoffice")) {
    skip();
    return;
  }
  write_report(zPath, sizeof zPath);
  dir_of(zPath, zDir, sizeof zDir);
  write_fonts_conf(zDir);
  snprintf(zCmd, sizeof zCmd,
           "HOME='%s' libreoffice --headless --convert-to pdf --outdir '%s' "
           "'%s' >/dev/null 2>&1",
           zDir, zDir, zPath);
  assert_int_equal(system(zCmd), 0);
  snprintf(zPdf, sizeof zPdf, "%s/报告.pdf", zDir);
  assert_int_equal(stat(zPdf, &st), 0);
  assert_true(st.st_size > 1024);
  if (on_path("pdfinfo")) {
    int w = 0, h = 0, nPage = 0;
    pdf_info(zPdf, &w, &h, &nPage);
    assert_int_equal(w, 595);
    assert_int_equal(h, 842);
    assert_true(nPage >= 2);
  }
  if (on_path("pdftotext")) {
    /* page 2 is full: 22 lines and the folio; a line of plain Chinese
     * holds 28 characters (needs a CJK font, fonts-noto-cjk) */
    int bFound = 0;
    assert_int_equal(pdf_page_lines(zPdf, 2, "", &bFound), 23);
    pdf_page_lines(zPdf, 1,
                   "详细的年度工作要点与法治政府建设工作任务台账，将任务细化",
                   &bFound);
    assert_true(bFound);
  }
  if (getenv("FZTEST_KEEP")) {
    print_message("kept %s\n", zDir);
    return;
  }
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", zDir);
  assert_int_equal(system(zCmd), 0);
}

static int teardown(void **state) {
  (void)state;
  xmlCleanupParser();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(writes_all_parts),
      cmocka_unit_test(page_is_gbt9704),
      cmocka_unit_test(fonts_and_sizes),
      cmocka_unit_test(font_table_and_styles),
      cmocka_unit_test(footers_carry_page_numbers),
      cmocka_unit_test(text_round_trips),
      cmocka_unit_test(hostile_text_stays_well_formed),
      cmocka_unit_test(empty_doc_has_a_paragraph),
      cmocka_unit_test(unwritable_path_fails),
      cmocka_unit_test(failed_rename_leaves_no_temp),
      cmocka_unit_test(libreoffice_makes_a4_pdf),
  };
  xmlInitParser();
  return cmocka_run_group_tests_name("docx", tests, NULL, teardown);
}
