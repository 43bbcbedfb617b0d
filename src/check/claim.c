/* claim.c — sentences and numeric claims of a report's text (see claim.h).
 * Everything a reader knows about the wording is a static table below:
 * units, hedges, verbs, total markers, slogans; the code only walks them.
 *
 *   claim_extract --split_sentences--> aSent
 *                 --mask_names-------> bytes inside 《》, “”, slogans
 *                 --scan_numbers-----> numeral_* --read_figure--> unit, hedge
 *                                      --describe--> label, verb, noun, flags
 */
#include "claim.h"

#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"
#include "numeral.h"

#define LABEL_MAX_CHARS 60   /* how far back a clause's words are read */
#define HEADING_MAX_CHARS 40 /* a shorter line is a title or heading */
#define QUOTE_MAX_BYTES 180  /* a longer “…” is speech, not a name */

/* Units, longest first where one is a prefix of another. zCanon NULL: the
 * words look like a unit but say a time or a thing, not a count. */
static const struct {
  const char *zWord, *zCanon;
  int kind, pow10;
} aUnit[] = {
    {"个百分点", "百分点", UNIT_POINT, 0},
    {"个工作日", NULL, 0, 0},
    {"个月", NULL, 0, 0},
    {"百分点", "百分点", UNIT_POINT, 0},
    {"万元", "元", UNIT_MONEY, 4},
    {"亿元", "元", UNIT_MONEY, 8},
    {"人次", "人次", UNIT_COUNT, 0},
    {"户次", "户次", UNIT_COUNT, 0},
    {"条例", NULL, 0, 0},
    {"项目", NULL, 0, 0},
    {"件", "件", UNIT_COUNT, 0},
    {"起", "起", UNIT_COUNT, 0},
    {"次", "次", UNIT_COUNT, 0},
    {"名", "名", UNIT_COUNT, 0},
    {"人", "人", UNIT_COUNT, 0},
    {"期", "期", UNIT_COUNT, 0},
    {"个", "个", UNIT_COUNT, 0},
    {"家", "家", UNIT_COUNT, 0},
    {"户", "户", UNIT_COUNT, 0},
    {"场", "场", UNIT_COUNT, 0},
    {"篇", "篇", UNIT_COUNT, 0},
    {"条", "条", UNIT_COUNT, 0},
    {"项", "项", UNIT_COUNT, 0},
    {"份", "份", UNIT_COUNT, 0},
    {"元", "元", UNIT_MONEY, 0},
    {"%", "%", UNIT_PERCENT, 0},
    {"\xef\xbc\x85", "%", UNIT_PERCENT, 0}, /* ％ */
};

/* Hedges written before the figure (近 1733), between it and its unit
 * (700 余次) and after the unit (99% 以上). */
static const struct {
  const char *zWord;
  int hedge;
} aHedgeBefore[] =
    {
        {"超过", HEDGE_OVER}, {"大约", HEDGE_ABOUT}, {"近", HEDGE_ABOUT},
        {"约", HEDGE_ABOUT},  {"超", HEDGE_OVER},    {"逾", HEDGE_OVER},
},
  aHedgeInside[] = {{"余", HEDGE_OVER}, {"多", HEDGE_OVER}},
  aHedgeAfter[] = {
      {"以上", HEDGE_OVER}, {"左右", HEDGE_ABOUT}, {"余", HEDGE_OVER}};

/* Verbs that say what a figure counts, and the name they are known by
 * (已结案 and 结案 are one; 废止、失效 is one category of a cleanup). */
static const struct {
  const char *zWord, *zCanon;
} aVerb[] = {
    {"不予受理", "不予受理"},
    {"受理", "受理"},
    {"收到", "收到"},
    {"接收", "收到"},
    {"办结", "办结"},
    {"审结", "办结"},
    {"结案", "办结"},
    {"未结", "未结"},
    {"在办", "未结"},
    {"正在办理", "未结"},
    {"办理", "办理"},
    {"调处", "调处"},
    {"化解", "化解"},
    {"调解成功", "调解成功"},
    {"调解不成功", "调解不成功"},
    {"调解", "调解"},
    {"撤诉", "撤诉"},
    {"撤回", "撤诉"},
    {"转送", "转送"},
    {"告知", "告知"},
    {"维持", "维持"},
    {"撤销", "撤销"},
    {"变更", "变更"},
    {"确认违法", "确认违法"},
    {"驳回", "驳回"},
    {"终止", "终止"},
    {"审核", "审核"},
    {"审查", "审查"},
    {"备案", "备案"},
    {"清理", "清理"},
    {"废止", "废止"},
    {"宣布失效", "废止"},
    {"失效", "废止"},
    {"予以修改", "修改"},
    {"修改", "修改"},
    {"继续有效", "继续有效"},
    {"保留", "继续有效"},
    {"代写", "代写"},
    {"接待", "接待"},
    {"解答", "接待"},
    {"开展", "开展"},
    {"举办", "开展"},
    {"排查", "排查"},
    {"录制", "录制"},
    {"播出", "播出"},
    {"播放", "播放"},
    {"培养", "培养"},
    {"培训", "培训"},
    {"参加", "参加"},
    {"参训", "参加"},
    {"出庭", "出庭"},
    {"应诉", "应诉"},
    {"挽回", "挽回"},
    {"覆盖", "覆盖"},
    {"组织", "组织"},
    {"提供", "提供"},
    {"发放", "发放"},
    {"纠正", "纠正"},
    {"败诉", "败诉"},
    {"胜诉", "胜诉"},
};

/* Words that make a figure a total its parts may follow. 共 alone is a
 * total only at the start of the clause or before a verb (not 公共, 共建). */
static const char *const azTotal[] = {"总数", "合计", "总计", "共计",
                                      "累计", "总共", "一共"};

/* Leading words that are context, not what is counted. */
static const char *const azLeading[] = {
    "其中", "同时",     "另外",     "此外", "年内", "全年", "今年", "本年度",
    "年度", "截至目前", "截止目前", "目前", "已经", "已",   "各类", "各项",
    "全县", "累计",     "共计",     "共",   "了",   "、",   "总",   "实际",
};

/* Trailing words between what is counted and the figure. */
static const char *const azTrailing[] = {
    "达到", "达",   "为", "是",   "有",   "计",   "总数", "合计",
    "总计", "共计", "共", "次数", "人数", "数量", "件数", "数",
    "量",   "分别", "约", "近",   "、",   "等",
};

static const char *const azYoy[] = {"同比",     "较上年",  "比上年",
                                    "较去年",   "比去年",  "与上年相比",
                                    "上年同期", "较上一年"};
static const char *const azUp[] = {"增长", "增加", "上升", "提高", "增多"};
static const char *const azDown[] = {"下降", "减少", "降低", "回落"};

/* Names and slogans whose numerals count nothing. */
static const char *const azSlogan[] = {
    "七五",     "八五",     "九五",     "十三五",   "十四五",   "十五五",
    "三项制度", "一站式",   "一网通办", "一网统管", "一件事",   "一次性",
    "一把手",   "一体化",   "一系列",   "一线",     "两个确立", "两个维护",
    "四个意识", "四个自信", "四个全面", "五位一体", "三个代表", "一带一路",
    "二十大",   "二十届",   "三年行动", "统一",     "唯一",     "进一步",
    "一般",     "一定",     "第一",     "一批",     "一些",     "万一",
    "一律",     "一致",     "一道",     "两年",     "三年",     "五年",
};

/* Noun classes: nouns of one class may count the same things. */
static const struct {
  const char *zSuffix, *zClass;
} aNounClass[] = {
    {"申请", "case"},      {"案件", "case"},   {"案", "case"},
    {"纠纷", "case"},      {"矛盾", "case"},   {"争议", "case"},
    {"规范性文件", "doc"}, {"文件", "doc"},    {"文书", "writ"},
    {"活动", "activity"},  {"单位", "org"},    {"部门", "org"},
    {"机构", "org"},       {"人员", "person"}, {"群众", "person"},
    {"明白人", "person"},  {"节目", "media"},  {"栏目", "media"},
    {"视频", "media"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Small helpers ---- */

static int starts_with(const char *z, const char *zEnd, const char *zWord) {
  size_t n = strlen(zWord);
  return (size_t)(zEnd - z) >= n && memcmp(z, zWord, n) == 0;
}

static int ends_with(const char *z, size_t n, const char *zWord) {
  size_t m = strlen(zWord);
  return n >= m && memcmp(z + n - m, zWord, m) == 0;
}

int claim_has(const char *z, size_t n, const char *zWord) {
  size_t m = strlen(zWord), i;
  for (i = 0; m && i + m <= n; i++) {
    if (z[i] == zWord[0] && memcmp(z + i, zWord, m) == 0) return 1;
  }
  return 0;
}

static int32_t peek(const char *z, const char *zEnd) {
  return z < zEnd ? utf8_decode(&z, zEnd) : -1;
}

/* Start of the character before z (not before zStart). */
static const char *back_one(const char *zStart, const char *z) {
  if (z <= zStart) return zStart;
  do
    z--;
  while (z > zStart && ((unsigned char)*z & 0xC0) == 0x80);
  return z;
}

static int is_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 ||
         c == 0xA0;
}

static const char *skip_space(const char *z, const char *zEnd) {
  while (z < zEnd) {
    const char *zNext = z;
    if (!is_space(utf8_decode(&zNext, zEnd))) break;
    z = zNext;
  }
  return z;
}

static int is_terminal(int32_t c) {
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ ||
         c == '!' || c == '?';
}

static int is_clause_stop(int32_t c) {
  return is_terminal(c) || c == 0xFF0C /* ， */ || c == ',' ||
         c == 0xFF1B /* ； */ || c == ';' || c == 0xFF1A /* ： */ || c == ':' ||
         c == 0xFF08 /* （ */ || c == '(';
}

static int is_quote_mark(int32_t c) {
  return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '"' ||
         c == 0x300C || c == 0x300D || c == 0x300A || c == 0x300B || c == '*' ||
         c == '#';
}

/* ---- Sentences ---- */

static void push_sentence(ClaimSet *cs, size_t a, size_t b, int iPara) {
  Sentence *s;
  const char *z = skip_space(cs->z + a, cs->z + b);
  if (z >= cs->z + b) return;
  if (cs->nSent == cs->nSentAlloc) {
    cs->nSentAlloc = cs->nSentAlloc ? 2 * cs->nSentAlloc : 64;
    cs->aSent =
        mem_realloc(cs->aSent, (size_t)cs->nSentAlloc * sizeof *cs->aSent);
  }
  s = &cs->aSent[cs->nSent++];
  s->start = (size_t)(z - cs->z);
  s->end = b;
  s->iPara = iPara;
}

/* A line starting like a heading or list item: #, 一、, （一）, 1. */
static int heading_start(const char *z, const char *zEnd) {
  Numeral num;
  z = skip_space(z, zEnd);
  if (z < zEnd && (*z == '#' || *z == '|' || *z == '-' || *z == '>')) return 1;
  if (starts_with(z, zEnd, "\xef\xbc\x88") || *z == '(') return 1; /* （ */
  if (numeral_chinese(z, zEnd, &num) || numeral_arabic(z, zEnd, &num)) {
    const char *zAfter = z + num.n;
    return starts_with(zAfter, zEnd, "\xe3\x80\x81") || /* 、 */
           (zAfter < zEnd && *zAfter == '.' &&
            !(zAfter + 1 < zEnd && zAfter[1] >= '0' && zAfter[1] <= '9'));
  }
  return 0;
}

/* Does the line z[0..n) end a sentence where it ends? It does when it ends
 * in punctuation or is short (a title, a heading); a long line cut off
 * mid-word (a PDF's line wrap) does not. */
static int line_is_hard(const char *z, size_t n) {
  const char *zEnd = z + n, *p = zEnd;
  size_t nChar;
  int32_t c = -1;
  while (p > z) {
    const char *q = back_one(z, p), *r = q;
    c = utf8_decode(&r, zEnd);
    if (!is_space(c) && c != 0x201D && c != 0x2019 && c != '*') break;
    p = q;
  }
  if (p == z) return -1; /* blank */
  nChar = utf8_count(z, (size_t)(p - z));
  return is_terminal(c) || c == 0xFF1A || c == ':' || c == 0xFF1B || c == ';' ||
         nChar < HEADING_MAX_CHARS;
}

static void split_sentences(ClaimSet *cs) {
  const char *z = cs->z, *zEnd = cs->z + cs->n, *p = z;
  size_t sentStart = 0, lineStart = 0;
  int iPara = 0, lastHard = 1;
  while (p < zEnd) {
    const char *q = p;
    int32_t c = utf8_decode(&q, zEnd);
    if (is_terminal(c)) {
      /* closing quotes and brackets stay with their sentence */
      int32_t d;
      while ((d = peek(q, zEnd)) == 0x201D || d == 0x2019 || d == 0xFF09 ||
             d == ')') {
        utf8_decode(&q, zEnd);
      }
      push_sentence(cs, sentStart, (size_t)(q - z), iPara);
      sentStart = (size_t)(q - z);
    } else if (c == '\n') {
      int hard = line_is_hard(z + lineStart, (size_t)(p - z) - lineStart);
      if (hard < 0)
        hard = lastHard; /* a blank line continues what came before */
      if (!hard && heading_start(q, zEnd)) hard = 1;
      if (hard) {
        push_sentence(cs, sentStart, (size_t)(p - z), iPara);
        sentStart = (size_t)(q - z);
        iPara++;
      }
      lastHard = hard;
      lineStart = (size_t)(q - z);
    }
    p = q;
  }
  push_sentence(cs, sentStart, cs->n, iPara);
}

/* ---- Masks: numerals inside names, titles and slogans ---- */

static void mask_span(char *aMask, size_t a, size_t b) {
  memset(aMask + a, 1, b - a);
}

/* Bytes inside 《…》 and short “…” (a quoted name), and every slogan. */
static void mask_names(const ClaimSet *cs, char *aMask) {
  const char *z = cs->z, *zEnd = z + cs->n, *p = z;
  size_t k;
  while (p < zEnd) {
    const char *q = p;
    int32_t c = utf8_decode(&q, zEnd), close = 0;
    if (c == 0x300A)
      close = 0x300B; /* 《 》 */
    else if (c == 0x201C)
      close = 0x201D; /* “ ” */
    if (close) {
      const char *r = q;
      while (r < zEnd && r - q < QUOTE_MAX_BYTES) {
        const char *s = r;
        int32_t d = utf8_decode(&s, zEnd);
        if (d == close) {
          mask_span(aMask, (size_t)(q - z), (size_t)(r - z));
          break;
        }
        if (d == '\n' || d == 0x3002) break;
        r = s;
      }
    }
    for (k = 0; k < COUNT(azSlogan) && q - p == 3; k++) {
      /* every slogan starts with a CJK character: its 3 bytes first */
      if (memcmp(p, azSlogan[k], 3) == 0 && starts_with(p, zEnd, azSlogan[k])) {
        mask_span(aMask, (size_t)(p - z),
                  (size_t)(p - z) + strlen(azSlogan[k]));
      }
    }
    p = q;
  }
}

/* ---- One figure ---- */

/* Match the longest table word at z; its index, or -1. */
static int match_unit(const char *z, const char *zEnd) {
  size_t k, best = 0;
  int iBest = -1;
  for (k = 0; k < COUNT(aUnit); k++) {
    size_t n = strlen(aUnit[k].zWord);
    if (n > best && starts_with(z, zEnd, aUnit[k].zWord)) {
      best = n;
      iBest = (int)k;
    }
  }
  return iBest;
}

typedef struct Figure {
  Numeral num;
  size_t start; /* first byte of the number */
  size_t end;   /* past its unit and trailing hedge */
  int iUnit;    /* aUnit index */
  int hedge;
  int percentPrefix; /* 百分之…: a percent without a sign */
} Figure;

/* A date, a range, a time or a version goes on after the number with
 * - / . : ~ and more digits; such a number is no claim. */
static int number_continues(const char *z, const char *zEnd) {
  Numeral num;
  if (z >= zEnd) return 0;
  if (*z == '-' || *z == '/' || *z == '.' || *z == ':' || *z == '~')
    z++;
  else if (starts_with(z, zEnd, "\xef\xbd\x9e") ||
           starts_with(z, zEnd, "\xe2\x80\x94") ||
           starts_with(z, zEnd, "\xef\xbc\x8d")) /* ～ — － */
    z += 3;
  else
    return 0;
  return numeral_arabic(z, zEnd, &num);
}

/* The same, looking back: 2024-06-30 期间 is a date, not 30 期. */
static int number_continued(const char *z, const char *zNum) {
  const char *p = back_one(z, zNum), *q = p;
  int32_t c;
  if (p == zNum) return 0;
  c = utf8_decode(&q, zNum);
  if (c != '-' && c != '/' && c != '.' && c != ':' && c != '~' && c != 0xFF5E &&
      c != 0x2014 && c != 0xFF0D && c != 0xFF0E)
    return 0;
  p = back_one(z, p);
  return p < zNum && *p >= '0' && *p <= '9';
}

/* Words just before a number that make it a label, not a count. */
static int ordinal_or_code_before(const ClaimSet *cs, size_t start) {
  static const char *const azBefore[] = {"第",   "电话", "热线", "手机",
                                         "传真", "邮编", "编号", "号码",
                                         "〔",   "[",    "No.",  "NO."};
  const char *z = cs->z, *q = z + start;
  size_t k;
  while (q > z) {
    const char *r = back_one(z, q), *s = r;
    if (!is_space(utf8_decode(&s, q))) break;
    q = r;
  }
  for (k = 0; k < COUNT(azBefore); k++) {
    if (ends_with(z, (size_t)(q - z), azBefore[k])) return 1;
  }
  return 0;
}

/* A Chinese numeral inside a word: 一X一Y (一县一特色), 统一… (masked), or a
 * figure glued to a suffix (一次性). */
static int chinese_in_word(const char *zNum, const char *zAfterNum,
                           const char *zAfterUnit, const char *zEnd) {
  const char *q = zAfterNum;
  int32_t c;
  if (q < zEnd) utf8_decode(&q, zEnd);
  if (zAfterNum - zNum == 3 && starts_with(zNum, zEnd, "\xe4\xb8\x80") &&
      starts_with(q, zEnd, "\xe4\xb8\x80")) /* 一X一 */
    return 1;
  c = peek(zAfterUnit, zEnd);
  return c == 0x6027 /* 性 */ || c == 0x5316 /* 化 */ || c == 0x5F0F /* 式 */;
}

/* Read the figure whose number starts at `start`: scale, hedges, unit.
 * 1 when it is a claim. */
static int read_figure(const ClaimSet *cs, size_t start, const Numeral *pNum,
                       Figure *f) {
  const char *z = cs->z, *zEnd = z + cs->n, *p = z + start + pNum->n,
             *zAfterNum = p;
  size_t k;
  memset(f, 0, sizeof *f);
  f->num = *pNum;
  f->start = start;
  if (!pNum->chinese &&
      (number_continues(p, zEnd) || number_continued(z, z + start)))
    return 0;
  if (!pNum->chinese && pNum->n > 1 && z[start] == '0')
    return 0; /* 0973: a code */
  if (ordinal_or_code_before(cs, start)) return 0;
  p = skip_space(p, zEnd);
  if (!pNum->chinese &&
      (starts_with(p, zEnd, "万") || starts_with(p, zEnd, "亿"))) {
    if (!numeral_scale(&f->num, starts_with(p, zEnd, "万") ? 4 : 8)) return 0;
    p = skip_space(p + 3, zEnd);
  }
  for (k = 0; k < COUNT(aHedgeInside); k++) {
    if (starts_with(p, zEnd, aHedgeInside[k].zWord)) {
      f->hedge |= aHedgeInside[k].hedge;
      p = skip_space(p + strlen(aHedgeInside[k].zWord), zEnd);
    }
  }
  f->iUnit = match_unit(p, zEnd);
  if (f->iUnit < 0 || !aUnit[f->iUnit].zCanon) return 0;
  p += strlen(aUnit[f->iUnit].zWord);
  if (pNum->chinese && chinese_in_word(z + start, zAfterNum, p, zEnd)) return 0;
  if (aUnit[f->iUnit].pow10 && !numeral_scale(&f->num, aUnit[f->iUnit].pow10))
    return 0;
  {
    const char *q = skip_space(p, zEnd);
    for (k = 0; k < COUNT(aHedgeAfter); k++) {
      if (starts_with(q, zEnd, aHedgeAfter[k].zWord)) {
        f->hedge |= aHedgeAfter[k].hedge;
        p = q + strlen(aHedgeAfter[k].zWord);
        break;
      }
    }
  }
  f->end = (size_t)(p - z);
  return 1;
}

/* ---- What a figure counts ---- */

/* Copy z[a..b) without white space, quote marks or markup into s. */
static void copy_words(const char *z, size_t a, size_t b, Str *s) {
  const char *p = z + a, *zEnd = z + b;
  while (p < zEnd) {
    const char *q = p;
    int32_t c = utf8_decode(&q, zEnd);
    if (!is_space(c) && !is_quote_mark(c)) str_append(s, p, (size_t)(q - p));
    p = q;
  }
}

/* Where the clause holding the figure starts: after the last clause stop,
 * the sentence start or the previous figure, at most LABEL_MAX_CHARS back. */
static size_t clause_start(const ClaimSet *cs, size_t start, size_t floor) {
  const char *z = cs->z, *p = z + start;
  int n = 0;
  while (p > z + floor && n++ < LABEL_MAX_CHARS) {
    const char *q = back_one(z + floor, p), *r = q;
    if (is_clause_stop(utf8_decode(&r, z + start))) break;
    p = q;
  }
  return (size_t)(p - z);
}

static int is_total_word(const char *zWord) {
  static const char *const az[] = {"共",   "共计", "累计",
                                   "总数", "合计", "总计"};
  size_t k;
  for (k = 0; k < COUNT(az); k++) {
    if (strcmp(az[k], zWord) == 0) return 1;
  }
  return 0;
}

/* Strip leading context words and trailing link words from z[*pA..*pB),
 * noting total markers and hedges on the way. */
static void trim_label(const char *z, size_t *pA, size_t *pB, int *pFlags,
                       int *pHedge) {
  size_t k;
  int again = 1;
  while (again && *pA < *pB) {
    size_t a0 = *pA;
    again = 0;
    for (k = 0; k < COUNT(azLeading); k++) {
      size_t m = strlen(azLeading[k]);
      if (*pB - *pA >= m && memcmp(z + *pA, azLeading[k], m) == 0) {
        if (is_total_word(azLeading[k])) *pFlags |= CLAIM_TOTAL;
        *pA += m;
        again = 1;
      }
    }
    while (*pA < *pB && ((z[*pA] >= '0' && z[*pA] <= '9') || z[*pA] == '.'))
      (*pA)++;
    if (*pA > a0 && *pB - *pA >= 3 && memcmp(z + *pA, "年", 3) == 0) *pA += 3;
    if (*pA > a0) again = 1;
    for (k = 0; k < COUNT(azTrailing) && *pB > *pA; k++) {
      if (ends_with(z + *pA, *pB - *pA, azTrailing[k])) {
        if (strcmp(azTrailing[k], "约") == 0 ||
            strcmp(azTrailing[k], "近") == 0)
          *pHedge |= HEDGE_ABOUT;
        else if (is_total_word(azTrailing[k]))
          *pFlags |= CLAIM_TOTAL;
        *pB -= strlen(azTrailing[k]);
        again = 1;
      }
    }
  }
  if (*pB < *pA) *pB = *pA;
}

/* The verb ending last in z[0..n) (longest on a tie): its aVerb index, or
 * -1; *pStart and *pEnd are where it is. */
static int find_verb(const char *z, size_t n, size_t *pStart, size_t *pEnd) {
  size_t k, bestEnd = 0, bestLen = 0;
  int iBest = -1;
  for (k = 0; k < COUNT(aVerb); k++) {
    size_t m = strlen(aVerb[k].zWord), i;
    for (i = 0; i + m <= n; i++) {
      if (z[i] != aVerb[k].zWord[0] || memcmp(z + i, aVerb[k].zWord, m) != 0)
        continue;
      if (i + m > bestEnd || (i + m == bestEnd && m > bestLen)) {
        bestEnd = i + m;
        bestLen = m;
        iBest = (int)k;
        *pStart = i;
      }
    }
  }
  *pEnd = bestEnd;
  return iBest;
}

static int has_any(const char *z, size_t n, const char *const *az,
                   size_t nWord) {
  size_t k;
  for (k = 0; k < nWord; k++) {
    if (claim_has(z, n, az[k])) return 1;
  }
  return 0;
}

/* A total by 共: the label starts with it, or it stands before a verb. */
static int total_by_gong(const char *z, size_t n) {
  size_t i, k;
  for (i = 0; i + 3 <= n; i++) {
    if (memcmp(z + i, "共", 3) != 0) continue;
    if (i + 3 == n) return 1;
    for (k = 0; k < COUNT(aVerb); k++) {
      if (starts_with(z + i + 3, z + n, aVerb[k].zWord)) return 1;
    }
  }
  return 0;
}

/* Fill label, verb, noun and flags of c from the words before the figure. */
static void describe(const ClaimSet *cs, size_t floor, size_t hedgeStart,
                     Claim *c) {
  Str words = STR_INIT;
  size_t a = 0, b, vs = 0, ve = 0, k;
  int iVerb;
  copy_words(cs->z, clause_start(cs, hedgeStart, floor), hedgeStart, &words);
  b = words.n;
  c->zLabel = mem_strdup(str_cstr(&words));
  if (has_any(words.z ? words.z : "", words.n, azTotal, COUNT(azTotal)) ||
      total_by_gong(str_cstr(&words), words.n))
    c->flags |= CLAIM_TOTAL;
  trim_label(str_cstr(&words), &a, &b, &c->flags, &c->hedge);
  iVerb = find_verb(str_cstr(&words) + a, b - a, &vs, &ve);
  if (iVerb >= 0) {
    size_t na = a + ve, nb = b, pa = a, pb = a + vs, ps = 0, pe = 0;
    c->zVerb = aVerb[iVerb].zCanon;
    trim_label(str_cstr(&words), &na, &nb, &c->flags, &c->hedge);
    if (nb <= na) {
      /* nothing after the verb: what stands between it and the verb before */
      if (find_verb(str_cstr(&words) + pa, pb - pa, &ps, &pe) >= 0) pa += pe;
      trim_label(str_cstr(&words), &pa, &pb, &c->flags, &c->hedge);
      na = pa;
      nb = pb > pa ? pb : pa;
    }
    c->zNoun = mem_strndup(str_cstr(&words) + na, nb - na);
  } else {
    c->zNoun = mem_strndup(str_cstr(&words) + a, b > a ? b - a : 0);
  }
  if (claim_has(c->zLabel, strlen(c->zLabel), "率")) c->flags |= CLAIM_RATE;
  if (claim_has(c->zLabel, strlen(c->zLabel), "占")) c->flags |= CLAIM_SHARE;
  for (k = 0; k < COUNT(azYoy); k++) {
    if (!claim_has(c->zLabel, strlen(c->zLabel), azYoy[k])) continue;
    if (has_any(c->zLabel, strlen(c->zLabel), azUp, COUNT(azUp)))
      c->flags |= CLAIM_YOY | CLAIM_UP;
    if (has_any(c->zLabel, strlen(c->zLabel), azDown, COUNT(azDown)))
      c->flags |= CLAIM_YOY | CLAIM_DOWN;
  }
  str_free(&words);
}

/* Hedge words written just before the figure (近 1733): where they start. */
static size_t hedge_before(const ClaimSet *cs, size_t start, size_t floor,
                           int *pHedge) {
  const char *z = cs->z, *p = skip_space(z + floor, z + start);
  size_t k;
  const char *q = z + start;
  /* step back over spaces */
  while (q > p) {
    const char *r = back_one(p, q), *s = r;
    if (!is_space(utf8_decode(&s, z + start))) break;
    q = r;
  }
  for (k = 0; k < COUNT(aHedgeBefore); k++) {
    size_t m = strlen(aHedgeBefore[k].zWord);
    if ((size_t)(q - p) >= m && memcmp(q - m, aHedgeBefore[k].zWord, m) == 0) {
      *pHedge |= aHedgeBefore[k].hedge;
      return (size_t)(q - m - z);
    }
  }
  return start;
}

/* ---- The scan ---- */

static void position_of(const ClaimSet *cs, size_t off, size_t *pFrom,
                        long *pLine, long *pCol) {
  const char *p = cs->z + *pFrom, *zEnd = cs->z + off;
  while (p < zEnd) {
    if (*p == '\n') {
      (*pLine)++;
      *pCol = 1;
      p++;
    } else {
      utf8_decode(&p, zEnd);
      (*pCol)++;
    }
  }
  *pFrom = off;
}

static Claim *push_claim(ClaimSet *cs) {
  Claim *c;
  if (cs->nClaim == cs->nClaimAlloc) {
    cs->nClaimAlloc = cs->nClaimAlloc ? 2 * cs->nClaimAlloc : 64;
    cs->aClaim =
        mem_realloc(cs->aClaim, (size_t)cs->nClaimAlloc * sizeof *cs->aClaim);
  }
  c = &cs->aClaim[cs->nClaim++];
  memset(c, 0, sizeof *c);
  return c;
}

typedef struct Scan {
  size_t posOff; /* position_of's cursor */
  long line, col;
  int iSent;
} Scan;

/* 审结 13 件，其中维持 8 件…: a figure that 其中 follows is the total of
 * what comes after it, 共 or not. */
static int followed_by_qizhong(const ClaimSet *cs, size_t end) {
  const char *z = skip_space(cs->z + end, cs->z + cs->n), *zEnd = cs->z + cs->n;
  if (starts_with(z, zEnd, "，"))
    z += strlen("，");
  else if (starts_with(z, zEnd, ","))
    z++;
  return starts_with(skip_space(z, zEnd), zEnd, "其中");
}

static void add_claim(ClaimSet *cs, Scan *sc, const Figure *f) {
  Claim *c;
  Str text = STR_INIT;
  size_t floor, hedgeStart;
  int hedge = f->hedge;
  while (sc->iSent + 1 < cs->nSent &&
         cs->aSent[sc->iSent + 1].start <= f->start)
    sc->iSent++;
  floor = cs->nSent ? cs->aSent[sc->iSent].start : 0;
  if (cs->nClaim && cs->aClaim[cs->nClaim - 1].end > floor)
    floor = cs->aClaim[cs->nClaim - 1].end;
  if (floor > f->start) floor = f->start;
  hedgeStart =
      f->percentPrefix ? f->start : hedge_before(cs, f->start, floor, &hedge);
  c = push_claim(cs);
  c->v = f->num.v;
  c->nDec = f->num.nDec;
  c->zUnit = f->percentPrefix ? "%" : aUnit[f->iUnit].zCanon;
  c->unitKind = f->percentPrefix ? UNIT_PERCENT : aUnit[f->iUnit].kind;
  c->hedge = hedge;
  c->off = hedgeStart;
  c->end = f->end;
  c->iSent = sc->iSent;
  describe(cs, floor, hedgeStart, c);
  c->hedge |= hedge;
  if (followed_by_qizhong(cs, f->end)) c->flags |= CLAIM_TOTAL;
  copy_words(cs->z, hedgeStart, f->end, &text);
  c->zText = str_detach(&text);
  position_of(cs, hedgeStart, &sc->posOff, &sc->line, &sc->col);
  c->line = sc->line;
  c->col = sc->col;
}

/* 百分之九十九点五 / 百分之 80: a percent written out. */
static int read_percent_words(const ClaimSet *cs, size_t at, Figure *f) {
  const char *z = cs->z, *zEnd = z + cs->n, *p = z + at + strlen("百分之");
  Numeral num;
  if (!numeral_arabic(p, zEnd, &num) && !numeral_chinese(p, zEnd, &num))
    return 0;
  memset(f, 0, sizeof *f);
  f->num = num;
  f->start = at;
  f->end = (size_t)(p - z) + num.n;
  f->percentPrefix = 1;
  return 1;
}

int claim_extract(const char *z, size_t n, ClaimSet *cs, Err *e) {
  char *aMask;
  const char *p = z, *zEnd = z + n;
  Scan sc = {0, 1, 1, 0};
  claim_set_clear(cs);
  if (!utf8_valid(z, n, NULL))
    return err_set(e, FZ_INVALID, "报告不是有效的 UTF-8 文本");
  cs->z = z;
  cs->n = n;
  split_sentences(cs);
  aMask = mem_zalloc(n + 1);
  mask_names(cs, aMask);
  while (p < zEnd) {
    const char *q = p;
    int32_t c = utf8_decode(&q, zEnd);
    Numeral num;
    Figure f;
    size_t at = (size_t)(p - z);
    int isNum = 0;
    if (aMask[at]) {
      p = q;
      continue;
    }
    if (starts_with(p, zEnd, "百分之") && read_percent_words(cs, at, &f)) {
      add_claim(cs, &sc, &f);
      p = z + f.end;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
      isNum = numeral_arabic(p, zEnd, &num);
    else
      isNum = numeral_chinese(p, zEnd, &num);
    if (!isNum) {
      p = q;
      continue;
    }
    if (read_figure(cs, at, &num, &f)) {
      add_claim(cs, &sc, &f);
      p = z + f.end;
    } else {
      /* skip the whole run: a date's parts are not figures either */
      p += num.n;
    }
  }
  mem_free(aMask);
  return FZ_OK;
}

void claim_set_clear(ClaimSet *cs) {
  int i;
  for (i = 0; i < cs->nClaim; i++) {
    mem_free(cs->aClaim[i].zNoun);
    mem_free(cs->aClaim[i].zLabel);
    mem_free(cs->aClaim[i].zText);
  }
  mem_free(cs->aClaim);
  mem_free(cs->aSent);
  memset(cs, 0, sizeof *cs);
}

static const char *noun_class(const char *z) {
  size_t k, n = strlen(z);
  for (k = 0; k < COUNT(aNounClass); k++) {
    if (ends_with(z, n, aNounClass[k].zSuffix)) return aNounClass[k].zClass;
  }
  return NULL;
}

int claim_nouns_agree(const char *zA, const char *zB) {
  const char *zCa, *zCb;
  size_t na = strlen(zA), nb = strlen(zB);
  if (!na || !nb || strcmp(zA, zB) == 0) return 1;
  if (ends_with(zA, na, zB) || ends_with(zB, nb, zA)) return 1;
  zCa = noun_class(zA);
  zCb = noun_class(zB);
  return zCa && zCb && strcmp(zCa, zCb) == 0;
}
