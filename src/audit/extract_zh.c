/*
 * Claims of Chinese notes (simplified or traditional characters), in phases:
 * the text is normalized (traditional forms to simplified, full-width digits,
 * the pinyin a page archive sometimes puts in brackets after a character
 * dropped), each sentence is read into items (periods, figures, changes,
 * shares, metric words, products, partners), and the items are bound into
 * claims within their sentence and clause. The claims are the ones English
 * notes give (DOMAIN.md §8: 进口/出口/净进口 quantity in 吨, 万吨, 亿吨 or
 * value in 美元, 万美元, 亿美元; 环比 = MoM, 同比 = YoY, 占比 = share, 累计 and
 * 1-N月 / 前N月 = YTD), so the checker needs nothing of its own for them.
 * Products and partners are the names and aliases of data/products.csv and
 * data/partners.csv (and the user's product files), never a list in C.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "audit_int.h"

/* ------------------------------------------------------------ normalization */

/* Traditional forms met in customs notes and their simplified forms, one
 * code point each, in the same order (a character table, not vocabulary). */
static const char trad[] =
    "進萬噸環長減計額淨鋁鐵銅礦鋼億與較當從據數顯際為個點單價對總國聯亞來羅蘭爾馬幾韓東門"
    "鎳紐內區陸灣維倫麥賓屬廢鍛軋錳鉻鋅錫鉛鈷煉稱漲產購類間開關邊隨達連續實現兩歐紐緬哈薩"
    "納鮮魯塞買蘇圭貿額動這維預測報顯資壓較礬於項倉儲場貨運輸週過協銷費應"
    "佔統創將後時氣縮擴順廠";
static const char simp[] =
    "进万吨环长减计额净铝铁铜矿钢亿与较当从据数显际为个点单价对总国联亚来罗兰尔马几韩东门"
    "镍纽内区陆湾维伦麦宾属废锻轧锰铬锌锡铅钴炼称涨产购类间开关边随达连续实现两欧纽缅哈萨"
    "纳鲜鲁塞买苏圭贸额动这维预测报显资压较矾于项仓储场货运输周过协销费应"
    "占统创将后时气缩扩顺厂";

/* Decode one code point at s (len bytes left); its byte length in *n. */
static unsigned cp_at(const unsigned char *s, size_t len, size_t *n)
{
    if (s[0] < 0x80 || len < 2) {
        *n = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0) {
        *n = 2;
        return ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if ((s[0] & 0xF0) == 0xE0 && len >= 3) {
        *n = 3;
        return ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    if (len >= 4) {
        *n = 4;
        return ((unsigned)(s[0] & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
               ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    *n = 1;
    return s[0];
}

static int is_cjk(unsigned c) { return c >= 0x3400 && c <= 0x9FFF; }

/* Latin letters of pinyin: a-z and the accented vowels. */
static int pinyin_letter(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F);
}

/* Length in bytes of a bracketed pinyin reading at s ("(jìn)", "（jiā）"),
 * 0 when there is none. */
static size_t pinyin_at(const unsigned char *s, size_t len)
{
    size_t n, o;
    unsigned c = cp_at(s, len, &n);
    if (c != '(' && c != 0xFF08)
        return 0;
    o = n;
    int letters = 0;
    while (o < len) {
        c = cp_at(s + o, len - o, &n);
        if (c == ')' || c == 0xFF09)
            return letters >= 1 && letters <= 8 ? o + n : 0;
        if (!pinyin_letter(c))
            return 0;
        letters++;
        o += n;
    }
    return 0;
}

/* The normalized text: s[k] came from the note's bytes [from[k], to[k]). */
typedef struct ztext {
    char *s;
    size_t n, cap;
    size_t *from, *to;
} ztext;

static int zput(ztext *z, const char *b, size_t n, size_t from, size_t to)
{
    if (z->n + n + 1 > z->cap) {
        size_t cap = (z->cap ? z->cap * 2 : 1024) + n;
        char *s = realloc(z->s, cap);
        if (!s)
            return -1;
        z->s = s;
        size_t *f = realloc(z->from, cap * sizeof *f);
        if (!f)
            return -1;
        z->from = f;
        size_t *t = realloc(z->to, cap * sizeof *t);
        if (!t)
            return -1;
        z->to = t;
        z->cap = cap;
    }
    for (size_t k = 0; k < n; k++) {
        z->s[z->n] = b[k];
        z->from[z->n] = from;
        z->to[z->n] = to;
        z->n++;
    }
    z->s[z->n] = '\0';
    return 0;
}

/* The simplified form of a 3-byte character, or NULL. */
static const char *simplified(const unsigned char *s)
{
    for (size_t k = 0; k + 3 <= sizeof trad - 1; k += 3)
        if (!memcmp(trad + k, s, 3))
            return simp + k;
    return NULL;
}

static int normalize(const char *text, size_t b, size_t e, ztext *z)
{
    const unsigned char *u = (const unsigned char *)text;
    unsigned prev = 0;
    for (size_t i = b; i < e;) {
        size_t n, p;
        unsigned c = cp_at(u + i, e - i, &n);
        if (is_cjk(prev) && (p = pinyin_at(u + i, e - i))) {
            i += p;
            continue;
        }
        char buf[4];
        const char *out = (const char *)u + i;
        size_t on = n;
        if (c >= 0xFF10 && c <= 0xFF19) /* full-width digits */
            buf[0] = (char)('0' + (c - 0xFF10)), out = buf, on = 1;
        else if (c == 0xFF05) /* ％ */
            out = "%", on = 1;
        else if (c == 0xFF08 || c == 0xFF09) /* （）, as partners.csv writes 刚果(金) */
            out = c == 0xFF08 ? "(" : ")", on = 1;
        else if (c == 0xFF0E) /* ． */
            out = ".", on = 1;
        else if (c == 0xFF0D || c == 0x2014 || c == 0x2013 || c == 0xFF5E || c == '~')
            out = "-", on = 1;
        else if (n == 3 && simplified(u + i))
            out = simplified(u + i);
        if (zput(z, out, on, i, i + n))
            return -1;
        prev = c;
        i += n;
    }
    return 0;
}

/* ------------------------------------------------------------------- items */

/* China named as a partner of China's imports (re-imports): kept as CHN,
 * where other mentions of China are the reporter (WLD). Compared by address. */
static const char china_source[] = "CHN";

enum { I_PERIOD, I_FIG, I_CHG, I_SHARE, I_METRIC, I_PRODUCT, I_PARTNER, I_CUM, I_CLAUSE,
       I_LIST, I_PP };
enum { C_MOM = 1, C_YOY = 2 };

typedef struct zitem {
    int kind;
    size_t b, e;             /* bytes of the normalized text */
    int from, to;            /* I_PERIOD: months; I_CHG, I_PP: C_MOM / C_YOY */
    int named_year;          /* I_PERIOD: the year is printed */
    int ytd;                 /* I_PERIOD: 年初至今, 今年以来: January to the latest month the
                                note named */
    int month_before;        /* I_PERIOD: 上月, 上个月 (in a comparison, the month before the
                                sentence's month; else the month before the note's date) */
    tf_metric metric;        /* I_METRIC, I_FIG (value or quantity) */
    int net_export;          /* I_METRIC: 净出口, net imports printed by their size */
    double v, lo, hi;        /* I_FIG in t or USD; I_CHG, I_SHARE in % */
    int usd;                 /* I_FIG: a value in USD */
    int base;                /* I_FIG: a comparison base ("较9月的820万吨") */
    int other;               /* I_FIG: a price, daily average, forecast: not checked */
    int diff;                /* I_FIG: a difference ("增加108万吨"): +1 up, -1 down; its
                                basis (C_MOM, C_YOY or 0) in `from` */
    int pl;                  /* I_FIG: an import P/L in 元/吨, -1 a loss (亏损), +1 a profit */
    int listed;              /* I_CHG, I_SHARE: part of a list "下降12.0%、7.8%"; 2 the first
                                share after 分别 ("分别占44.4%、24.6%"); 3 a share held
                                together ("三者合计占比34.3%": `from` partners, 0 those the
                                clause names) */
    const char *key;         /* I_PRODUCT slug, I_PARTNER ISO alpha-3 (or a group's key) */
    int group;               /* I_PARTNER: 1 a group of partners (东盟), 2 the partners a
                                list does not name (其他国家) */
} zitem;

typedef struct zitems {
    zitem *v;
    size_t n, cap;
} zitems;

static int zadd(zitems *z, const zitem *x)
{
    if (z->n == z->cap) {
        size_t cap = z->cap ? z->cap * 2 : 64;
        zitem *v = realloc(z->v, cap * sizeof *v);
        if (!v)
            return -1;
        z->v = v;
        z->cap = cap;
    }
    z->v[z->n++] = *x;
    return 0;
}

static int at(const char *s, const char *w) { return !strncmp(s, w, strlen(w)); }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number at s: digits with "," thousands groups and a decimal part.
 * Returns its length; *dec decimals, *tz trailing zeros of the integer. */
static size_t number_at(const char *s, double *v, int *dec, int *tz)
{
    size_t i = 0;
    char buf[64];
    size_t o = 0;
    while (is_digit(s[i]) || (s[i] == ',' && i > 0 && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
                              is_digit(s[i + 3]) && !is_digit(s[i + 4]))) {
        if (s[i] != ',' && o < sizeof buf - 2)
            buf[o++] = s[i];
        i++;
    }
    if (!i)
        return 0;
    *tz = 0;
    for (size_t k = o; k > 1 && buf[k - 1] == '0'; k--)
        (*tz)++;
    *dec = 0;
    if (s[i] == '.' && is_digit(s[i + 1])) {
        *tz = 0;
        buf[o++] = s[i++];
        while (is_digit(s[i])) {
            if (o < sizeof buf - 1)
                buf[o++] = s[i];
            i++;
            (*dec)++;
        }
    }
    buf[o] = '\0';
    *v = strtod(buf, NULL);
    return i;
}

/* Chinese numerals up to 十二 ("前三季度", "前十个月"): value and length. */
static size_t cn_count_at(const char *s, int *v)
{
    static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                    "十一", "十二", NULL};
    size_t best = 0;
    for (int k = 0; d[k]; k++)
        if (at(s, d[k]) && strlen(d[k]) > best) {
            best = strlen(d[k]);
            *v = k + 1;
        }
    return best;
}

/* Resolve month m (1..12) without a year: the latest not after ref. */
static int zresolve(int m, int ref)
{
    int y = tf_mi_year(ref);
    if (m > tf_mi_month(ref))
        y--;
    return y * 12 + m - 1;
}

/* ----------------------------------------------------------------- periods */

/* A month range "1-10月" or a month "10月份" at s (no year before it); the
 * day of a date ("11月6日") is no period. Returns the length, 0 when none. */
static size_t months_at(const char *s, int *m1, int *m2)
{
    double a, b;
    int d, tz;
    size_t n = number_at(s, &a, &d, &tz), k;
    if (!n || d || a < 1 || a > 12 || n > 2)
        return 0;
    *m1 = *m2 = (int)a;
    k = n;
    if (s[k] == '-' || at(s + k, "至")) {
        size_t j = k + (s[k] == '-' ? 1 : strlen("至"));
        size_t n2 = number_at(s + j, &b, &d, &tz);
        if (!n2 || d || b < a || b > 12 || !at(s + j + n2, "月"))
            return 0;
        *m2 = (int)b;
        k = j + n2;
    } else if (!at(s + k, "月"))
        return 0;
    k += strlen("月");
    double day;
    if (number_at(s + k, &day, &d, &tz) && (at(s + k + number_at(s + k, &day, &d, &tz), "日") ||
                                            at(s + k + number_at(s + k, &day, &d, &tz), "号")))
        return 0;
    if (at(s + k, "份"))
        k += strlen("份");
    return k;
}

/* "一季度", "第二季度", "下半年": months m1..m2. Returns the length. */
static size_t quarter_at(const char *s, int *m1, int *m2)
{
    size_t k = at(s, "第") ? strlen("第") : 0, n;
    int q = 0;
    double v;
    int d, tz;
    if (at(s, "下半年")) {
        *m1 = 7, *m2 = 12;
        return strlen("下半年");
    }
    if ((n = number_at(s + k, &v, &d, &tz)) && !d)
        q = (int)v;
    else if (!(n = cn_count_at(s + k, &q)))
        return 0;
    if (q < 1 || q > 4 || !at(s + k + n, "季度"))
        return 0;
    *m1 = 3 * q - 2;
    *m2 = 3 * q;
    return k + n + strlen("季度");
}

/* "前10个月", "前三季度", "上半年": months 1..N. Returns the length. */
static size_t first_months_at(const char *s, int *m2)
{
    if (at(s, "上半年")) {
        *m2 = 6;
        return strlen("上半年");
    }
    if (!at(s, "前"))
        return 0;
    size_t k = strlen("前");
    double v;
    int d, tz, c = 0;
    size_t n = number_at(s + k, &v, &d, &tz);
    if (n && !d)
        c = (int)v;
    else if (!(n = cn_count_at(s + k, &c)))
        return 0;
    k += n;
    if (at(s + k, "季度") && c >= 1 && c <= 4) {
        *m2 = 3 * c;
        return k + strlen("季度");
    }
    if (at(s + k, "个"))
        k += strlen("个");
    if (!at(s + k, "月") || c < 1 || c > 12)
        return 0;
    *m2 = c;
    return k + strlen("月");
}

/* A period at s: "2022年10月", "2022年1-10月", "今年前10个月", "10月份",
 * "1-4月", "上个月", "2019年" (the full year). Fills from/to/named_year;
 * returns the length or 0. */
static size_t period_at(const char *s, int ref, zitem *p)
{
    int y = -1, m1, m2;
    size_t k = 0, n;
    double v;
    int d, tz;
    if ((n = number_at(s, &v, &d, &tz)) == 4 && !d && v >= 1990 && v <= 2100 && at(s + 4, "年"))
        y = (int)v, k = 4 + strlen("年");
    else if (at(s, "今年") || at(s, "去年") || at(s, "上年"))
        y = tf_mi_year(ref) - (at(s, "今年") ? 0 : 1), k = strlen("今年");
    static const char *const ytd[] = {"年初至今", "年初以来", "今年以来", NULL};
    for (int w = 0; ytd[w]; w++)
        if (at(s, ytd[w])) {
            p->ytd = 1;
            return strlen(ytd[w]);
        }
    if (at(s, "上个月") || at(s, "上月")) {
        p->from = p->to = ref - 1;
        p->named_year = 0;
        p->month_before = 1;
        return strlen(at(s, "上月") ? "上月" : "上个月");
    }
    if ((n = first_months_at(s + k, &m2)))
        m1 = 1;
    else if ((n = quarter_at(s + k, &m1, &m2)))
        ;
    else if ((n = months_at(s + k, &m1, &m2)))
        ;
    else if (y >= 0 && !is_digit(s[k]) && !at(s + k, "同期")) {
        if (k == 4 + strlen("年") || at(s + k, "全年")) { /* "2019年": the full year */
            p->from = y * 12;
            p->to = y * 12 + 11;
            p->named_year = 1;
            return k + (at(s + k, "全年") ? strlen("全年") : 0);
        }
        return 0;
    } else
        return 0;
    int to = y >= 0 ? y * 12 + m2 - 1 : zresolve(m2, ref);
    p->to = to;
    p->from = to - (m2 - m1);
    p->named_year = y >= 0;
    return k + n;
}

/* ------------------------------------------------------------ vocabulary */

/* Product and partner names of the reference data with a CJK character in
 * them (the English ones are read by the English extractor). */
typedef struct zname {
    const char *name;
    const char *key;
} zname;

typedef struct zvocab {
    zname *v;
    size_t n, cap;
} zvocab;

static int has_cjk(const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        if (*u >= 0xE3 && *u <= 0xE9)
            return 1;
    return 0;
}

static int vocab_add(zvocab *z, const char *name, const char *key)
{
    if (!name || !name[0] || !has_cjk(name))
        return 0;
    if (z->n == z->cap) {
        size_t cap = z->cap ? z->cap * 2 : 128;
        zname *v = realloc(z->v, cap * sizeof *v);
        if (!v)
            return -1;
        z->v = v;
        z->cap = cap;
    }
    z->v[z->n++] = (zname){name, key};
    return 0;
}

static int longer_first(const void *x, const void *y)
{
    size_t a = strlen(((const zname *)x)->name), b = strlen(((const zname *)y)->name);
    return a < b ? 1 : a > b ? -1 : 0;
}

static int vocab_load(const tf_refdata *ref, zvocab *prod, zvocab *part)
{
    for (size_t i = 0; i < tf_refdata_product_count(ref); i++) {
        const tf_product *p = tf_refdata_product_at(ref, i);
        if (vocab_add(prod, p->name_zh, p->name))
            return -1;
        for (size_t k = 0; k < p->n_aliases; k++)
            if (vocab_add(prod, p->aliases[k], p->name))
                return -1;
    }
    for (size_t i = 0; i < tf_refdata_partner_count(ref); i++) {
        const tf_partner *p = tf_refdata_partner_at(ref, i);
        if (!p->iso3 || !p->iso3[0])
            continue;
        if (vocab_add(part, p->name_zh, p->iso3))
            return -1;
        for (size_t k = 0; k < p->n_aliases; k++)
            if (vocab_add(part, p->aliases[k], p->iso3))
                return -1;
    }
    qsort(prod->v, prod->n, sizeof *prod->v, longer_first);
    qsort(part->v, part->n, sizeof *part->v, longer_first);
    return 0;
}

/* The longest name of z at s: its entry, NULL when none. */
static const zname *vocab_at(const zvocab *z, const char *s)
{
    for (size_t k = 0; k < z->n; k++)
        if (at(s, z->v[k].name))
            return &z->v[k];
    return NULL;
}

/* ----------------------------------------------------------------- figures */

static const char *const up_words[] = {"增长", "增加", "上升", "上涨", "提高", "回升", "增幅",
                                       "扩大", "增", "涨", "升", NULL};
static const char *const down_words[] = {"下降", "减少", "下滑", "回落", "下跌", "降幅", "萎缩",
                                         "缩减", "降低", "减", "降", "跌", NULL};

/* Byte offset of the start of the clause that holds position i of the
 * sentence [sb, i): after the last clause mark. */
static size_t clause_start(const char *s, size_t sb, size_t i)
{
    static const char *const marks[] = {",", "，", ";", "；", ":", "：", "、", NULL};
    size_t best = sb;
    for (size_t k = sb; k < i; k++)
        for (size_t w = 0; marks[w]; w++)
            if (at(s + k, marks[w]) && !(s[k] == ',' && k > sb && is_digit(s[k - 1]) &&
                                         is_digit(s[k + 1])))
                best = k + strlen(marks[w]);
    return best;
}

/* The last occurrence of w in s[b, e), or (size_t)-1. */
static size_t last_in(const char *s, size_t b, size_t e, const char *w)
{
    size_t n = strlen(w), r = (size_t)-1;
    for (size_t k = b; k + n <= e; k++)
        if (!memcmp(s + k, w, n))
            r = k;
    return r;
}

/* The basis a change at s+i names in its clause from cb: C_MOM (环比), C_YOY (同比, 同期),
 * the later of them, or 0 when neither. */
static int diff_basis(const char *s, size_t cb, size_t i)
{
    size_t mom = last_in(s, cb, i, "环比"), yoy = last_in(s, cb, i, "同比");
    size_t same = last_in(s, cb, i, "同期");
    size_t by_month = last_in(s, cb, i, "按月"), by_year = last_in(s, cb, i, "按年");
    if (same != (size_t)-1 && (yoy == (size_t)-1 || same > yoy))
        yoy = same;
    if (by_year != (size_t)-1 && (yoy == (size_t)-1 || by_year > yoy)) /* 按年: Hong Kong's */
        yoy = by_year;
    if (by_month != (size_t)-1 && (mom == (size_t)-1 || by_month > mom))
        mom = by_month;
    return mom != (size_t)-1 && (yoy == (size_t)-1 || mom > yoy) ? C_MOM
           : yoy != (size_t)-1                                    ? C_YOY
                                                                  : 0;
}

/* A growth rate named by its noun before a verb of its movement ("降幅收窄至3.2%",
 * "增幅扩大到12.0%", "涨幅回落至5%"): the rate is the change, + for 增幅/涨幅, - for
 * 降幅/跌幅, whichever way it moved. 0 when the words before s+k are not such. */
static int rate_noun_sign(const char *s, size_t cb, size_t k)
{
    static const char *const moves[] = {"收窄", "扩大", "回落", "回升", "提高", "加快", "放缓",
                                        "缩小", "进一步", "继续", "至", "到", "为", "达", NULL};
    size_t q = k;
    for (int moved = 1; moved && q > cb;) {
        moved = 0;
        for (size_t w = 0; moves[w] && !moved; w++)
            if (q >= cb + strlen(moves[w]) && at(s + q - strlen(moves[w]), moves[w]))
                q -= strlen(moves[w]), moved = 1;
    }
    if (q == k || q < cb + 6)
        return 0;
    if (at(s + q - 6, "增幅") || at(s + q - 6, "涨幅"))
        return 1;
    return at(s + q - 6, "降幅") || at(s + q - 6, "跌幅") ? -1 : 0;
}

/* A percentage at s[i..i+n) (the number, its '%' after): change, share or
 * neither, from the words of its clause before it. */
/* How many partners a share held together counts in s[cb, i) ("三者", "四国", "两个国家",
 * "五地"), 0 when it does not say. */
static int together_count(const char *s, size_t cb, size_t i)
{
    static const char *const nums[] = {"两", "二", "三", "四", "五", "六", "七", "八", NULL};
    static const char *const what[] = {"者", "国", "个国家", "地", "个地区", NULL};
    for (size_t k = cb; k < i; k++)
        for (int d = 0; nums[d]; d++)
            for (int w = 0; what[w] && at(s + k, nums[d]); w++)
                if (at(s + k + strlen(nums[d]), what[w]))
                    return d < 2 ? 2 : d + 1;
    return 0;
}

static int percent_item(const char *s, size_t cb, size_t i, size_t n, double v, int dec,
                        zitem *x)
{
    x->b = i;
    x->e = i + n + 1;
    x->lo = v - 0.5 * pow(10, -dec);
    x->hi = v + 0.5 * pow(10, -dec);
    x->v = v;
    size_t k = i;
    while (k > cb && (s[k - 1] == ' ' || at(s + k - 3, "了") || at(s + k - 3, "为")))
        k -= s[k - 1] == ' ' ? 1 : 3;
    int sign = 0;
    for (size_t w = 0; up_words[w] && !sign; w++)
        if (k >= cb + strlen(up_words[w]) && at(s + k - strlen(up_words[w]), up_words[w]))
            sign = 1;
    for (size_t w = 0; down_words[w] && !sign; w++)
        if (k >= cb + strlen(down_words[w]) && at(s + k - strlen(down_words[w]), down_words[w]))
            sign = -1;
    if (!sign)
        sign = rate_noun_sign(s, cb, k);
    /* "环比：-8.3%", "同比+6.2%": a signed change after its basis (a data card's line) */
    int kv = 0;
    if (!sign && k > cb && (s[k - 1] == '-' || s[k - 1] == '+')) {
        size_t lb = k - 1 >= cb + 6 ? k - 1 - 6 : cb;
        if (k - 1 == cb && cb >= 9 && (at(s + cb - 3, "：") || s[cb - 1] == ':'))
            lb = cb - (s[cb - 1] == ':' ? 1 : 3) - 6; /* the basis before the colon */
        kv = at(s + lb, "环比") ? C_MOM : at(s + lb, "同比") ? C_YOY : 0;
        if (kv)
            sign = s[k - 1] == '-' ? -1 : 1, x->b = k - 1;
    }
    /* "占比61.2%", "占进口总量的75.0%", "份额为27.4%", "比重达到88%" */
    if (!sign && (last_in(s, cb, i, "占") != (size_t)-1 || last_in(s, cb, i, "份额") != (size_t)-1 ||
                  last_in(s, cb, i, "比重") != (size_t)-1)) {
        static const char *const together[] = {"合计", "共计", "总计", "共占", "三者", "两者",
                                               "二者", "前三", "前五", "前十", NULL};
        x->kind = I_SHARE;
        for (size_t w = 0; together[w]; w++) /* "三者合计占比34.3%": a share held together */
            if (last_in(s, cb, i, together[w]) != (size_t)-1) {
                if (at(together[w], "前")) /* the top three: which they are is not said */
                    return 0;
                x->listed = 3;
                x->from = together_count(s, cb, i);
                return 1;
            }
        x->listed = last_in(s, cb, i, "分别") != (size_t)-1 ? 2 : 0; /* the first of a list */
        /* "占当月进口总量的90.3%、7.7%": a share another follows is the first of a list,
         * in order to the list of figures, with or without 分别 */
        const char *after = s + i + n + 1;
        if (!x->listed && (at(after, "、") || at(after, "和") || at(after, "及")) &&
            after[3] >= '0' && after[3] <= '9')
            x->listed = 2;
        return 1;
    }
    if (!sign)
        return 0;
    x->kind = I_CHG;
    if (sign < 0) {
        double lo = x->lo;
        x->v = -v;
        x->lo = -x->hi;
        x->hi = -lo;
    }
    x->from = kv ? kv : diff_basis(s, cb, i);
    return 1;
}

/* The unit after a number at s: multiplier to t or USD, 0 when none.
 * *usd for values; *other for prices, CNY values and metal content (金属吨: a concentrate's
 * metal, not its gross weight in 实物吨, which is the customs quantity); *len its bytes. */
static double unit_at(const char *s, int *usd, int *other, size_t *len)
{
    static const struct { const char *w; double f; int usd, other; } u[] = {
        {"万亿美元", 1e12, 1, 0}, {"亿美元", 1e8, 1, 0}, {"百万美元", 1e6, 1, 0},
        {"万美元", 1e4, 1, 0}, {"千美元", 1e3, 1, 0},
        {"美元", 1, 1, 0},     {"亿吨", 1e8, 0, 0},   {"百万吨", 1e6, 0, 0},
        {"万吨", 1e4, 0, 0},   {"千吨", 1e3, 0, 0},   {"万实物吨", 1e4, 0, 0},
        {"千实物吨", 1e3, 0, 0}, {"实物吨", 1, 0, 0}, {"万金属吨", 1e4, 0, 1},
        {"万公吨", 1e4, 0, 0}, {"千公吨", 1e3, 0, 0}, {"公吨", 1, 0, 0}, /* metric tons (台港) */
        {"金属吨", 1, 0, 1},   {"万亿元", 1e12, 0, 1},
        {"千克", 1e-3, 0, 0},  {"公斤", 1e-3, 0, 0},
        {"吨", 1, 0, 0},       {"亿元", 1e8, 0, 1},   {"万元", 1e4, 0, 1},
        {"元", 1, 0, 1},       {NULL, 0, 0, 0}};
    size_t k = 0;
    while (s[k] == ' ')
        k++;
    for (size_t w = 0; u[w].w; w++)
        if (at(s + k, u[w].w)) {
            *usd = u[w].usd;
            *other = u[w].other;
            *len = k + strlen(u[w].w);
            if (s[*len] == '/' || at(s + *len, "每")) /* 美元/吨: a price */
                *other = 1;
            return u[w].f;
        }
    return 0;
}

/* Whether the 比 at s+k compares ("比上月", "比10月份", "与去年相比"): not 环比, 同比,
 * 占比, nor a 比 inside a partner's name (利比亚, 莫桑比克, 哥伦比亚, 普林西比进口),
 * which a period or 相 does not surround. */
static int comparison_bi(const char *s, size_t k)
{
    if (k >= 3 && (at(s + k - 3, "环") || at(s + k - 3, "同") || at(s + k - 3, "占")))
        return 0;
    if (k >= 3 && at(s + k - 3, "相"))
        return 1;
    const char *n = s + k + strlen("比");
    static const char *const next[] = {"上", "去", "前", "同", "今", "本", "年", "一", "二",
                                       "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    if (is_digit(*n))
        return 1;
    for (size_t w = 0; next[w]; w++)
        if (at(n, next[w]))
            return 1;
    return 0;
}

/* The import P/L at s+i (its unit at s+i+n): -1 a loss, +1 a profit, 0 when
 * the figure is no P/L. A P/L is in 元/吨 and its clause says 进口 and
 * 亏损, 盈利 or 利润 ("现货进口亏损均值约1,137元/吨"). */
static int pl_item(const char *s, size_t cb, size_t i, size_t n, double f, int usd)
{
    if (usd || f != 1 || !at(s + i + n, "/吨") || last_in(s, cb, i, "进口") == (size_t)-1)
        return 0;
    if (last_in(s, cb, i, "亏损") != (size_t)-1)
        return -1;
    return last_in(s, cb, i, "盈利") != (size_t)-1 || last_in(s, cb, i, "利润") != (size_t)-1;
}

/* Whether one of words[] ends right before s+k (not before cb). */
static int word_before(const char *s, size_t cb, size_t k, const char *const *words)
{
    for (size_t w = 0; words[w]; w++)
        if (k >= cb + strlen(words[w]) && at(s + k - strlen(words[w]), words[w]))
            return 1;
    return 0;
}

/* The interval of figure x, v printed at s+i with dec decimals and tz trailing zeros, times
 * the unit f: its printed digits; "约15万吨", "15万吨左右" rounded at the last non-zero digit
 * but to two significant digits at most ("约100万吨" is 95..105万吨); "近550万吨" down to 10 %
 * below; "逾30万吨", "超过30万吨", "30万吨以上" up to 25 % above; "不足30万吨" up to 10 % below
 * and no more than 30 (as the English "nearly", "over", "under": docs/audit.md section 3). */
static void figure_interval(const char *s, size_t cb, size_t i, double v, int dec, int tz,
                            double f, zitem *x)
{
    static const char *const approx[] = {"约为", "大约", "约", NULL};
    static const char *const nearly[] = {"接近", "将近", "近", NULL};
    static const char *const over[] = {"超过", "逾", "超", "高于", NULL};
    static const char *const under[] = {"不足", "不到", "低于", NULL};
    double half = 0.5 * pow(10, -dec);
    int approx_ = word_before(s, cb, i, approx), after = 0;
    if (at(s + x->e, "左右")) {
        approx_ = 1;
        x->e += strlen("左右");
    }
    if (at(s + x->e, "以上")) {
        after = 1;
        x->e += strlen("以上");
    }
    if (approx_ && !dec) {
        int digits = 1;
        for (double a = fabs(v); a >= 10; a /= 10)
            digits++;
        int place = tz < digits - 2 ? tz : digits - 2 > 0 ? digits - 2 : 0;
        half = 0.5 * pow(10, place);
    }
    x->lo = (v - half) * f;
    x->hi = (v + half) * f;
    if (word_before(s, cb, i, nearly) || word_before(s, cb, i, under))
        x->lo = 0.9 * v * f;
    if (word_before(s, cb, i, under))
        x->hi = v * f;
    if (word_before(s, cb, i, under) && v * f > 0 && v * f <= 1) /* 不足1吨: under a tonne */
        x->lo = 0;
    if (word_before(s, cb, i, over) || after)
        x->lo = v * f, x->hi = 1.25 * v * f;
}

/* Flags of figure x at s+i: a difference ("同比增加1049.7万吨": diff, its basis), a trade
 * mode's figure, a forecast, a daily average or a bound kept as other. */
static void figure_flags(const char *s, size_t sb, size_t cb, size_t i, zitem *x)
{
    static const char *const bounds[] = {"最高", "最低", "每吨", "均价", "均价为", NULL};
    if (word_before(s, cb, i, bounds)) /* a bound, or a unit value ("均价每吨104.7美元") */
        x->other = 1;
    /* "同比增加1049.7万吨", "比上年同期多124.5万吨", "环比少进口312万吨": a difference, not a
     * level ("增至345万吨" is one) */
    static const char *const more[] = {"多进口", "多出口", "多", NULL};
    static const char *const fewer[] = {"少进口", "少出口", "少", NULL};
    int up = word_before(s, cb, i, up_words) || word_before(s, cb, i, more);
    int down = word_before(s, cb, i, down_words) || word_before(s, cb, i, fewer);
    if (up || down) {
        x->other = x->diff = 1;
        x->from = diff_basis(s, cb, i);
        if (down)
            x->diff = -1;
    }
    /* a trade mode's figure ("一般贸易进口30万吨"), not the month's trade */
    static const char *const trade_modes[] = {"一般贸易", "加工贸易", "进料加工", "来料加工",
                                              "边境小额贸易", "边境贸易", "易货贸易", "保税",
                                              "海关特殊监管", NULL};
    for (size_t w = 0; trade_modes[w]; w++)
        if (last_in(s, cb, i, trade_modes[w]) != (size_t)-1)
            x->other = 1;
    if (at(s + x->e, "多") || last_in(s, cb, i, "日均") != (size_t)-1 ||
        last_in(s, sb, i, "预计") != (size_t)-1 || last_in(s, sb, i, "预测") != (size_t)-1 ||
        last_in(s, sb, i, "预期") != (size_t)-1 || last_in(s, sb, i, "估计") != (size_t)-1)
        x->other = 1;
}

/* A figure at s[i..i+n): fills x (kind I_FIG) and returns its length with
 * the unit, 0 when the number has no unit of trade. */
/* The unit a number at s+k takes from the end of its list ("2,013.5、1,102.4、848.6和512.7
 * 万吨": one unit after the last), 0 when no number of the list has one. */
static double list_unit(const char *s, size_t k, int *usd, int *other)
{
    for (int items = 0; items < 16; items++) {
        if (!at(s + k, "、") && !at(s + k, "和") && !at(s + k, "及") && !at(s + k, "与"))
            return 0;
        k += strlen("、");
        double v;
        int dec, tz;
        size_t m = number_at(s + k, &v, &dec, &tz), ul;
        if (!m || s[k + m] == '%')
            return 0;
        k += m;
        double f = unit_at(s + k, usd, other, &ul);
        if (f)
            return f;
    }
    return 0;
}

static size_t figure_item(const char *s, size_t sb, size_t cb, size_t i, size_t n, double v,
                          int dec, int tz, zitem *x)
{
    int usd, other;
    size_t ul;
    double f = unit_at(s + i + n, &usd, &other, &ul);
    if (f == 0 && (f = list_unit(s, i + n, &usd, &other)) != 0)
        ul = 0;
    if (f == 0)
        return 0;
    x->kind = I_FIG;
    x->b = i;
    x->e = i + n + ul;
    x->usd = usd;
    x->other = other;
    x->v = v * f;
    x->pl = pl_item(s, cb, i, n + ul, f, usd);
    if (x->pl) { /* "进口亏损均值约1,137元/吨": the figure with its unit */
        x->other = 0;
        x->e += strlen("/吨");
    }
    figure_interval(s, cb, i, v, dec, tz, f, x);
    figure_flags(s, sb, cb, i, x);
    /* "较9月的820万吨": the base of a comparison */
    size_t cmp = last_in(s, cb, i, "较"), cmp2 = last_in(s, cb, i, "比");
    if (cmp2 != (size_t)-1 && !comparison_bi(s, cmp2))
        cmp2 = (size_t)-1;
    size_t p = cmp == (size_t)-1 ? cmp2 : cmp2 == (size_t)-1 ? cmp : cmp > cmp2 ? cmp : cmp2;
    if (p != (size_t)-1 && i - p <= 30) { /* "较6月份639万吨", "较去年7月份的720万吨" */
        int dir = 0; /* "较9月增长", "比上年同期多": a change, not a base */
        for (size_t q = p; q < i && !dir; q++) {
            dir = at(s + q, "多") || at(s + q, "少");
            for (size_t w = 0; up_words[w] && !dir; w++)
                dir = at(s + q, up_words[w]);
            for (size_t w = 0; down_words[w] && !dir; w++)
                dir = at(s + q, down_words[w]);
        }
        x->base = !dir;
    }
    if ((p = last_in(s, cb, i, "同比去年")) != (size_t)-1 && i - p <= 15)
        x->base = 1;
    /* "与去年同期的17.15万吨相比": the figure framed by 与/和/跟 … 相比 is the base */
    size_t fr = last_in(s, cb, i, "与");
    if (fr == (size_t)-1)
        fr = last_in(s, cb, i, "和");
    if (fr == (size_t)-1)
        fr = last_in(s, cb, i, "跟");
    if (fr != (size_t)-1 && i - fr <= 30 && at(s + x->e, "相比"))
        x->base = 1;
    /* "，去年同期为218.7万吨": a clause that opens with the period a year before names a base */
    size_t cw = cb + (at(s + cb, "而") ? strlen("而") : 0); /* "，而去年同期为218.9万吨" */
    if (at(s + cw, "去年同期") || at(s + cw, "上年同期") || at(s + cw, "前值"))
        x->base = 1; /* "，前值为52.3万吨": the reading before, a month or a cumulative */
    size_t br = last_in(s, cb, i, "(");
    if (br != (size_t)-1 && i - br <= 20 && (at(s + br + 1, "去年同期") || at(s + br + 1, "上年同期")))
        x->base = 1; /* "同比增长6.2%(去年同期482.7万吨)" */
    /* a dekad, a week or a day is not the month; a concentrate's metal content ("折合金属量约
     * 22.5万吨") is not its gross weight */
    if (last_in(s, cb, i, "金属量") != (size_t)-1 || last_in(s, cb, i, "金属含量") != (size_t)-1 ||
        last_in(s, cb, i, "旬") != (size_t)-1 || last_in(s, cb, i, "周") != (size_t)-1 ||
        last_in(s, cb, i, "每日") != (size_t)-1 || last_in(s, cb, i, "每天") != (size_t)-1)
        x->other = 1;
    return x->e - i;
}

/* --------------------------------------------------------------- sentences */

/* A change in tenths or folds ("同比增长两成", "翻了一番") of claim `claim`, `back` months. */
typedef struct zfold {
    size_t b, e, claim;
    double v, lo, hi;
    int back;
} zfold;

/* A change of a growth rate in pp ("1-6月累计增幅较1-5月收窄7.0个百分点"): the YoY of
 * `from..to` minus that of `cmp_from..cmp_to`, of one flow, product and partner. */
typedef struct zrate {
    size_t b, e;     /* the pp figure (normalized bytes) */
    double v, lo, hi;
    int dec;
    int from, to, cmp_from, cmp_to;
    tf_metric metric;
    char product[48], partner[16];
} zrate;

typedef struct zctx {
    tf_audit *a;
    size_t note;
    const tf_note *nt;
    const ztext *z;
    int ref;                  /* publication month */
    zvocab prod, part;
    zitems it;
    /* carried from sentence to sentence */
    int period_from, period_to, has_period;
    int latest;               /* the latest month a period the note named ends in, 0 none */
    const char *title_product;
    const char *prev_product; /* the product the sentence before named */
    const char *last_product; /* the product the note named last (of its P/L sentences) */
    const char *only_product; /* the one product the note named so far, NULL after a second
                                 one or a commodity the vocabulary does not know */
    int products_mixed;       /* the note named two products, or an unknown commodity */
    size_t last_claim;        /* the last subject claim, or -1 */
    const char *reporter;     /* a reporter other than China ("印度自中国进口"), or NULL */
    struct zfold *folds;      /* changes in tenths or folds, checked at the note's end */
    size_t n_folds, cap_folds;
    struct zrate *rates;      /* changes of a growth rate in pp, checked at the note's end */
    size_t n_rates, cap_rates;
    int dest_china;           /* 1 the note names China as the destination of its trade
                                 ("出口至中国"), -1 not, 0 not looked for yet */
    int line_named;           /* the sentence before was a line that named its period (a
                                 data card's heading, or one of its lines) */
    tf_metric list_metric;    /* the flow a list's lines take from the line that opens it
                                 ("9月进口来源国分布如下：" then "澳大利亚：10.84万吨；") */
    char **names;             /* commodities the vocabulary does not know, by their words
                                 ("稀土"): their claims are checked among themselves */
    size_t n_names, cap_names;
    tf_metric prev_flow;      /* the flow of the sentence before, when it bound figures */
    int prev_named;           /* the sentence before bound figures of a period it named */
    int prev_partners;        /* claims of partners the sentence before bound */
} zctx;

/* The partner a claim carries for partner item `key`: the reporter itself (China, or the
 * reporter a sentence named) is the world total; China is a partner of another reporter. */
static const char *zpartner(const zctx *c, const char *key)
{
    if (!key)
        return "WLD";
    if (key == china_source) /* "自中国进口": China as a source (re-imports) */
        return key;
    if (c->reporter)
        return strcmp(key, c->reporter) ? key : "WLD";
    return strcmp(key, "CHN") ? key : "WLD";
}

static tf_metric metric_at(const char *s, size_t *len)
{
    static const struct { const char *w; tf_metric m; } mw[] = {
        {"净进口", TF_METRIC_NET_IMPORT}, {"净出口", TF_METRIC_NET_IMPORT},
        {"进口", TF_METRIC_IMPORT},       {"出口", TF_METRIC_EXPORT},
        {"产量", TF_METRIC_OTHER},        {"生产", TF_METRIC_OTHER},
        {"库存", TF_METRIC_OTHER},        {"消费", TF_METRIC_OTHER},
        {"销量", TF_METRIC_OTHER},        {"价格", TF_METRIC_OTHER},
        {"单价", TF_METRIC_OTHER},        {"均价", TF_METRIC_OTHER},
        {"发运", TF_METRIC_OTHER},        {"到港", TF_METRIC_OTHER},
        {"成交", TF_METRIC_OTHER},        {NULL, TF_METRIC_NONE}};
    for (size_t k = 0; mw[k].w; k++)
        if (at(s, mw[k].w)) {
            *len = strlen(mw[k].w);
            return mw[k].m;
        }
    return TF_METRIC_NONE;
}

static void stated_set(const zctx *c, size_t b, size_t e, double v, double lo, double hi,
                       tf_stated *st);

/* A claim of the note at the sentence's period, all else cleared: what a
 * slip the extractor finds by itself is set on (tf_audit_slip_claim). */
static tf_claim slip_claim(const zctx *c)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period.from = c->period_from;
    cl.period.to = c->period_to;
    return cl;
}

/* s[i, m): digits whose thousands separators are followed by other than three digits
 * ("312,00吨"): a finding of its own with the readings it could have been (a digit lost, the
 * separator misplaced, a decimal comma), kept as an `other` claim, in no equation (as in
 * English notes). 0, or -1 when out of memory. */

/* The malformed-number finding of s[i, m), read as `all`, with its readings and why. */
static int zh_malformed_finding(zctx *c, const char *s, size_t sb, size_t i, size_t m,
                                double all, const char *readings, const char *why)
{
    tf_claim cl = slip_claim(c);
    stated_set(c, i, m, all, all, all, &cl.quantity);
    cl.sent_start = c->z->from[sb];
    size_t se = m;
    while (s[se] && !at(s + se, "。") && s[se] != '\n')
        se++;
    cl.sent_end = c->z->to[se - 1];
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "malformed-number", "quantity", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start); /* findings count characters */
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.stated = all;
    tf_scopy(f.proposed_text, sizeof f.proposed_text, readings);
    f.confidence = 0.5;
    tf_fmt(f.equation, sizeof f.equation, "'%.*s' %s", (int)(m - i), s + i,
           strchr(s + i, ',') && (size_t)(strchr(s + i, ',') - s) < m
               ? "groups its digits as no number is written" : "has two decimal points");
    tf_fmt(f.evidence, sizeof f.evidence, "%s; it is left out of the equations", why);
    return tf_audit_add_finding(c->a, &f);
}

/* The unit words printed after s+m ("万吨", "亿美元"), for a reading of a malformed number. */
static void unit_words(const char *s, size_t m, char *out, size_t cap)
{
    int usd, other;
    size_t ul = 0;
    if (!unit_at(s + m, &usd, &other, &ul))
        ul = 0;
    tf_fmt(out, cap, "%.*s", (int)ul, s + m);
}

/* s[i, m): digits whose thousands separators are followed by other than three digits
 * ("312,00吨", "31,2万吨"): a finding of its own with the readings it could have been (a
 * decimal comma, the separator misplaced, a digit lost; in 万 or 亿 units, where figures
 * carry decimals, the decimal comma first), kept out of every equation (as in English
 * notes). 0, or -1 when out of memory. */
static int zh_malformed(zctx *c, const char *s, size_t sb, size_t i, size_t m)
{
    char digits[40], head[40], tail[40];
    size_t nd = 0, nh = 0, nt = 0, comma = 0;
    if (m - i >= sizeof digits)
        return 0;
    for (size_t k = i; k < m; k++) {
        if (s[k] == ',') {
            comma = 1;
            nt = 0;
            continue;
        }
        digits[nd++] = s[k];
        if (comma)
            tail[nt++] = s[k];
        else
            head[nh++] = s[k];
    }
    digits[nd] = head[nh] = tail[nt] = '\0';
    double all = strtod(digits, NULL);
    double lost = nt < 3 ? all * pow(10, (double)(3 - nt)) : all;
    char a1[48], a2[48], u[24], r[160], why[400];
    tf_num_words(lost, 0, a1, sizeof a1);
    tf_num_words(all, 0, a2, sizeof a2);
    unit_words(s, m, u, sizeof u);
    if (at(s + m, "万") || at(s + m, "亿"))
        tf_fmt(r, sizeof r, "%s.%s%s or %s%s or %s%s", head, tail, u, a2, u, a1, u);
    else
        tf_fmt(r, sizeof r, "%s%s or %s%s or %s.%s%s", a1, u, a2, u, head, tail, u);
    tf_fmt(why, sizeof why,
           "a thousands separator is followed by three digits; '%.*s' may be %s.%s with a "
           "decimal comma, %s with the separator misplaced, or %s with a digit lost",
           (int)(m - i), s + i, head, tail, a2, a1);
    return zh_malformed_finding(c, s, sb, i, m, all, r, why);
}

/* s[i, m): a number with two decimal points ("1.2.3万吨"): a finding of its own with the
 * readings without one of them (12.3, 1.23). 0, or -1 when out of memory. */
static int zh_two_points(zctx *c, const char *s, size_t sb, size_t i, size_t m)
{
    char a[40], b[40], u[24], r[160], why[300];
    size_t na = 0, nb = 0, point = 0;
    if (m - i >= sizeof a)
        return 0;
    for (size_t k = i; k < m; k++) {
        if (s[k] != '.' || point++ != 0)
            a[na++] = s[k]; /* without the first point */
        if (s[k] != '.' || point != 2)
            b[nb++] = s[k]; /* without the second */
    }
    a[na] = b[nb] = '\0';
    unit_words(s, m, u, sizeof u);
    tf_fmt(r, sizeof r, "%s%s or %s%s", a, u, b, u);
    tf_fmt(why, sizeof why, "'%.*s' may be %s or %s with a decimal point too many",
           (int)(m - i), s + i, a, b);
    return zh_malformed_finding(c, s, sb, i, m, strtod(a, NULL), r, why);
}

/* A change in percentage points at s[i..i+n) ("较上月提高1.3个百分点", "同比下降0.7个百分点"):
 * 1 and x filled (kind I_PP, signed, its basis) when its clause names a direction and a
 * basis and no growth rate (a change of 增幅, 增速 in pp is not a share's); else 0. */
static int pp_item(const char *s, size_t cb, size_t i, size_t n, double v, int dec, zitem *x)
{
    static const char *const down[] = {"收窄", "缩小", "放缓", NULL};
    static const char *const rates[] = {"增幅", "增速", "涨幅", "增长率", "降幅", "跌幅", NULL};
    int rate = 0; /* a change of a growth rate: +1 of a rise (增幅), -1 of a fall (降幅) */
    for (size_t w = 0; rates[w] && !rate; w++)
        if (last_in(s, cb, i, rates[w]) != (size_t)-1)
            rate = w < 4 ? 1 : -1;
    size_t k = i;
    while (k > cb + 3 && (at(s + k - 3, "了") || at(s + k - 3, "为") || at(s + k - 3, "达")))
        k -= 3;
    int sign = word_before(s, cb, k, up_words) || word_before(s, cb, k, (const char *const[]){"加快", NULL}) ? 1
               : word_before(s, cb, k, down_words) || word_before(s, cb, k, down) ? -1
                                                                                 : 0;
    if (rate) { /* "增幅收窄7.0个百分点": the YoY 7.0 pp lower; "降幅收窄": higher */
        if (!sign)
            return 0;
        x->kind = I_PP;
        x->listed = 1;
        x->from = diff_basis(s, cb, i);
        x->b = i;
        x->e = i + n + strlen("个百分点");
        x->v = rate * sign * v;
        x->lo = x->v - 0.5 * pow(10, -dec);
        x->hi = x->v + 0.5 * pow(10, -dec);
        return 1;
    }
    int basis = diff_basis(s, cb, i);
    if (!basis && (last_in(s, cb, i, "上月") != (size_t)-1 || last_in(s, cb, i, "上个月") != (size_t)-1))
        basis = C_MOM;
    if (!basis && (last_in(s, cb, i, "去年") != (size_t)-1 || last_in(s, cb, i, "上年") != (size_t)-1))
        basis = C_YOY;
    if (!sign || !basis)
        return 0;
    x->kind = I_PP;
    x->from = basis;
    x->b = i;
    x->e = i + n + strlen("个百分点");
    x->v = sign * v;
    double h = 0.5 * pow(10, -dec);
    x->lo = x->v - h;
    x->hi = x->v + h;
    return 1;
}

/* A number at s+i: a period, a figure, a percentage or nothing. Adds the
 * item; returns the bytes read (at least the number's). */
/* A multiple of a base ("是上月的2.3倍", "为去年同期的1.5倍"): a fold of (N - 1) x 100 % within
 * the rounding of N, on the month before or a year before. 1 when read. */
static int multiple_item(const char *s, size_t cb, size_t i, size_t n, double v, int dec,
                         zitem *x)
{
    if (!at(s + i + n, "倍") || i < cb + 3 || !at(s + i - 3, "的") ||
        (last_in(s, cb, i, "是") == (size_t)-1 && last_in(s, cb, i, "为") == (size_t)-1))
        return 0;
    double half = 0.5 * pow(10, -dec);
    memset(x, 0, sizeof *x);
    x->kind = I_CHG;
    x->listed = 4;
    x->b = i;
    x->e = i + n + strlen("倍");
    x->v = 100 * (v - 1), x->lo = 100 * (v - half - 1), x->hi = 100 * (v + half - 1);
    x->from = diff_basis(s, cb, i);
    if (!x->from && (last_in(s, cb, i, "上月") != (size_t)-1 || last_in(s, cb, i, "上个月") != (size_t)-1))
        x->from = C_MOM;
    return x->from != 0;
}

static size_t scan_number(zctx *c, const char *s, size_t sb, size_t i, int *err)
{
    zitem x;
    memset(&x, 0, sizeof x);
    size_t n = period_at(s + i, c->ref, &x);
    if (n) {
        x.kind = I_PERIOD;
        x.b = i;
        x.e = i + n;
        *err = zadd(&c->it, &x);
        return n;
    }
    double v;
    int dec, tz;
    n = number_at(s + i, &v, &dec, &tz);
    if (s[i + n] == ',' && is_digit(s[i + n + 1]) && s[i + n - 1] != '.') {
        size_t m = i + n; /* "312,00吨": a separator not followed by three digits */
        while (is_digit(s[m]) || (s[m] == ',' && is_digit(s[m + 1])))
            m++;
        if (!at(s + m, "吨") && !at(s + m, "万") && !at(s + m, "千") && !at(s + m, "亿") &&
            !at(s + m, "美元"))
            return n;
        *err = zh_malformed(c, s, sb, i, m);
        return m - i;
    }
    if (dec && s[i + n] == '.' && is_digit(s[i + n + 1])) { /* "1.2.3万吨" */
        size_t m = i + n;
        while (is_digit(s[m]) || (s[m] == '.' && is_digit(s[m + 1])))
            m++;
        int usd, other;
        size_t ul;
        if (unit_at(s + m, &usd, &other, &ul) || s[m] == '%') /* not a date "2025.5.20" */
            *err = zh_two_points(c, s, sb, i, m);
        return m - i;
    }
    size_t cb = clause_start(s, sb, i);
    if (s[i + n] == '%') {
        if (at(s + i + n + 1, "个百分点"))
            return n + 1;
        int read = percent_item(s, cb, i, n, v, dec, &x);
        const zitem *p = c->it.n >= 2 && c->it.v[c->it.n - 1].kind == I_LIST
                             ? &c->it.v[c->it.n - 2] : NULL;
        if (read && x.kind == I_SHARE && x.listed != 3 && p && p->kind == I_SHARE)
            x.listed = 1; /* "分别占61.0%和21.8%": the list goes on, 占 still in the clause */
        else if (read && x.kind == I_CHG && x.listed != 4 && p && p->kind == I_CHG) {
            x.listed = 1; /* "分别增长3.2%、下降5.1%和增长12.0%": each with its direction */
            x.from = x.from ? x.from : p->from;
        }
        else if (!read && p && p->kind == I_SHARE) { /* "分别占44.4%、24.6%": shares in order */
            x.kind = I_SHARE;
            x.listed = 1;
        } else if (!read && !(p && p->kind == I_CHG))
            return n + 1;
        /* "下降12.0%、7.8%": the list goes on with the same change */
        if (!read && x.kind != I_SHARE) {
            x.kind = I_CHG;
            x.from = p->from;
            x.listed = 1;
            if (p->v < 0 || (p->v == 0 && p->hi <= 0)) {
                double lo = x.lo;
                x.v = -v;
                x.lo = -x.hi;
                x.hi = -lo;
            }
        }
        *err = zadd(&c->it, &x);
        return n + 1;
    }
    if (at(s + i + n, "个百分点")) {
        if (pp_item(s, cb, i, n, v, dec, &x))
            *err = zadd(&c->it, &x);
        return n + strlen("个百分点");
    }
    if (multiple_item(s, cb, i, n, v, dec, &x)) {
        *err = zadd(&c->it, &x);
        return x.e - i;
    }
    size_t f = figure_item(s, sb, cb, i, n, v, dec, tz, &x);
    if (f) {
        *err = zadd(&c->it, &x);
        return f;
    }
    return n;
}

/* A product named by its HS code, as notes of `tradeflow note --hs` name it
 * ("HS 3824", "HS 76011010"): the claim carries no product name (the note's
 * HS basis line gives its codes), as in English notes. */
static const char hs_product[] = "";

/* Bytes of "HS" + optional blank + 2 to 10 digits at s, 0 when none. */
static size_t hs_product_at(const char *s)
{
    if (s[0] != 'H' || s[1] != 'S')
        return 0;
    size_t k = 2 + (s[2] == ' '), d = 0;
    while (is_digit(s[k + d]))
        d++;
    return d >= 2 && d <= 10 ? k + d : 0;
}

/* A group of partners or the rest of a list at s ("东盟", "欧盟", "港澳台地区"; "其他国家和地区",
 * "其余地区", "其它来源国", "其他：" opening a list's line): its key in x (ASEAN, EU, HMT; OTH
 * for the rest: the partners the list does not name, DOMAIN.md section 2), its bytes; 0 none. */
static size_t group_at(const char *s, zitem *x)
{
    static const struct { const char *w, *key; } g[] = {
        {"港澳台地区", "HMT"}, {"港澳台", "HMT"}, {"东盟", "ASEAN"}, {"欧盟", "EU"}, {NULL, NULL}};
    static const char *const rest[] = {"其他", "其它", "其余", NULL};
    static const char *const what[] = {"国家和地区", "国家及地区", "国家(地区)", "国家", "地区",
                                       "来源国", "来源地", "国别", "：", NULL};
    for (size_t k = 0; g[k].w; k++)
        if (at(s, g[k].w)) {
            x->key = g[k].key;
            x->group = 1;
            return strlen(g[k].w);
        }
    for (size_t k = 0; rest[k]; k++)
        for (size_t w = 0; at(s, rest[k]) && what[w]; w++)
            if (at(s + strlen(rest[k]), what[w])) {
                x->key = "OTH";
                x->group = 2;
                return strlen(rest[k]) + (at(what[w], "：") ? 0 : strlen(what[w]));
            }
    return 0;
}

/* Words at s+i: clause marks, metric words, 累计, products, partners. */
static size_t scan_word(zctx *c, const char *s, size_t i, int *err)
{
    zitem x;
    memset(&x, 0, sizeof x);
    x.b = i;
    size_t n;
    const zname *nm;
    if (at(s + i, "、"))
        x.kind = I_LIST, n = strlen("、");
    else if ((at(s + i, "和") || at(s + i, "及")) && is_digit(s[i + 3]) && c->it.n &&
             (c->it.v[c->it.n - 1].kind == I_FIG || c->it.v[c->it.n - 1].kind == I_SHARE) &&
             c->it.v[c->it.n - 1].e == i) /* "6680.1万吨和2386.2万吨", "61.0%和21.8%" */
        x.kind = I_LIST, n = 3;
    else if ((at(s + i, "和") || at(s + i, "及")) && c->it.n && c->it.v[c->it.n - 1].kind == I_CHG &&
             c->it.v[c->it.n - 1].e == i && (word_before(s, i, i + 9, up_words) ||
                                            word_before(s, i, i + 9, down_words) ||
                                            word_before(s, i, i + 6, up_words) ||
                                            word_before(s, i, i + 6, down_words)))
        x.kind = I_LIST, n = 3; /* "下降5.1%和增长12.0%" */
    else if (s[i] == ',' || s[i] == ';' || at(s + i, "，") || at(s + i, "；") ||
             at(s + i, "：") || s[i] == ':')
        x.kind = I_CLAUSE, n = (unsigned char)s[i] < 0x80 ? 1 : 3;
    else if (at(s + i, "累计"))
        x.kind = I_CUM, n = strlen("累计");
    else if ((nm = vocab_at(&c->prod, s + i)))
        x.kind = I_PRODUCT, x.key = nm->key, n = strlen(nm->name);
    else if ((n = hs_product_at(s + i)))
        x.kind = I_PRODUCT, x.key = hs_product;
    else if ((x.metric = metric_at(s + i, &n)) != TF_METRIC_NONE) {
        x.kind = I_METRIC;
        x.net_export = at(s + i, "净出口"); /* net imports below zero */
    } else if ((n = group_at(s + i, &x))) {
        x.kind = I_PARTNER;
    } else if ((nm = vocab_at(&c->part, s + i))) {
        x.kind = I_PARTNER, x.key = nm->key, n = strlen(nm->name);
        /* "自中国进口", "从中国进口": China as a source (re-imports), not the reporter */
        if (!strcmp(nm->key, "CHN") && i >= 3 && (at(s + i - 3, "自") || at(s + i - 3, "从")))
            x.key = china_source;
    } else if (at(s + i, "去年") || at(s + i, "今年") || at(s + i, "上年") || at(s + i, "上个月") ||
             at(s + i, "上月") || at(s + i, "前") || at(s + i, "上半年") || at(s + i, "下半年") ||
             at(s + i, "第") || at(s + i, "年初") || cn_count_at(s + i, &(int){0})) {
        if (!(n = period_at(s + i, c->ref, &x)))
            return 1;
        x.kind = I_PERIOD;
    } else
        return 1;
    x.e = i + n;
    *err = zadd(&c->it, &x);
    return n;
}

/* A change in tenths or folds ("同比增长两成", "增长约三成", "下降近一成", "较去年同期的26.1万吨
 * 翻了一番", "增长一倍"): +-10 x n % for n 成 (rounded at the tenth, so +-5: 近 below, 逾
 * above), +100 % for a doubling (80..120: notes say it loosely, of 1.8 to 2.2 times). The
 * item's length at s+i, 0 when none. */
static size_t fold_item(const char *s, size_t sb, size_t i, zitem *x)
{
    static const char *const folds[] = {"翻了一番", "翻一番", "翻番", "增长一倍", "增加一倍", NULL};
    static const char digits[] = "一二两三四五六七八九";
    if ((unsigned char)s[i] < 0xE4) /* none starts with an ASCII or a low code point */
        return 0;
    memset(x, 0, sizeof *x);
    size_t cb = 0, n = 0;
    for (size_t w = 0; folds[w] && !n; w++)
        if (at(s + i, folds[w]))
            n = strlen(folds[w]), x->v = 100, x->lo = 80, x->hi = 120;
    if (n)
        cb = clause_start(s, sb, i);
    else {
        const char *d = NULL;
        for (size_t k = 0; k + 3 <= sizeof digits - 1 && !d; k += 3)
            if (!memcmp(s + i, digits + k, 3))
                d = digits + k;
        if (!d || !at(s + i + 3, "成"))
            return 0;
        cb = clause_start(s, sb, i);
        size_t k = i, num = (size_t)(d - digits) / 3 + (d - digits >= 6 ? 0 : 1);
        int near = k >= cb + 3 && at(s + k - 3, "近"), over = k >= cb + 3 && (at(s + k - 3, "逾") || at(s + k - 3, "超"));
        if (near || over || (k >= cb + 3 && at(s + k - 3, "约")))
            k -= 3;
        int sign = word_before(s, cb, k, up_words) ? 1 : word_before(s, cb, k, down_words) ? -1 : 0;
        if (!sign)
            return 0;
        double v = 10.0 * (double)num;
        double lo = near ? v - 5 : over ? v : v - 5, hi = near ? v : over ? v + 5 : v + 5;
        x->v = sign * v, x->lo = sign > 0 ? lo : -hi, x->hi = sign > 0 ? hi : -lo;
        n = 6;
    }
    x->kind = I_CHG;
    x->listed = 4; /* a fold: checked on its own (zh_folds), never a printed digit to blame */
    x->b = i;
    x->e = i + n;
    x->from = diff_basis(s, cb, i);
    return n;
}

static int scan_sentence(zctx *c, size_t sb, size_t se)
{
    const char *s = c->z->s;
    c->it.n = 0;
    int err = 0;
    zitem x;
    size_t n;
    for (size_t i = sb; i < se && !err;) {
        if (is_digit(s[i]))
            i += scan_number(c, s, sb, i, &err);
        else if ((n = fold_item(s, sb, i, &x)) != 0) {
            err = zadd(&c->it, &x);
            i += n;
        } else
            i += scan_word(c, s, i, &err);
    }
    return err;
}

/* ----------------------------------------------------------------- binding */

/* What the items read so far in a sentence say. */
typedef struct zstate {
    tf_metric metric;
    int net_export;          /* the metric word was 净出口 */
    const char *product, *partner;
    int cum;
    int from, to, named, named_year;
    size_t pb, pe;               /* the period's words (normalized bytes), 0 0 carried */
    int cmp_from, cmp_to, has_cmp; /* a comparison period ("较9月") */
    size_t group_first, ngroup;  /* claims of the current list of figures */
    size_t chg_run;              /* changes read against that list */
    size_t run_start;            /* first item after the last list of figures */
    size_t group_item;           /* item of the list's first figure */
    int figures;                 /* figures met in the sentence */
    int unknown;                 /* the figure's clause names an unknown commodity */
    int blocked;                 /* an unknown commodity was named: no carried product */
    int basis;                   /* C_MOM or C_YOY of the last change or difference read */
    size_t partner_figs;         /* figures bound since the partner was named */
    const char *group;           /* a group of partners named in this part of the sentence
                                    (up to its "；"), whose members may follow */
    size_t group_e;              /* the group item's end */
    size_t share_run;            /* shares read in order against the list of figures */
    size_t pend[4], npend;       /* changes and differences read before their level */
    int aside, keep_from;        /* a month told beside the subject's (aside_month), and the
                                    subject's month to return to */
    size_t keep_claim;           /* the subject's claim */
    size_t keep_pb, keep_pe;     /* the subject's period words */
    size_t flowless_b, flowless_e; /* claims made before the sentence named its flow, which
                                    a flow word after them takes ("自几内亚（1287.6万吨）、
                                    澳大利亚（318.4万吨）进口铝土矿") */
} zstate;

static void stated_set(const zctx *c, size_t b, size_t e, double v, double lo, double hi,
                       tf_stated *st)
{
    st->has = 1;
    st->value = v;
    st->lo = lo;
    st->hi = hi;
    st->start = c->z->from[b];
    st->end = c->z->to[e - 1];
    size_t len = st->end - st->start;
    if (len >= sizeof st->text)
        len = sizeof st->text - 1;
    tf_copy(st->text, sizeof st->text, c->nt->text + st->start, len);
}

/* A comparison period: the period item right after 较, 比, 与, 从 or 相比. */
static int is_comparison(const char *s, size_t b, size_t sb)
{
    static const char *const w[] = {"较", "比", "与", "从", "于", NULL};
    for (size_t k = 0; w[k]; k++)
        if (b >= sb + 3 && at(s + b - 3, w[k]))
            return 1;
    return 0;
}

static int make_claim(zctx *c, zstate *st, const zitem *x, size_t sb, size_t se, int from,
                      int to, size_t *out)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    const char *prod = st->product       ? st->product
                       : st->blocked     ? NULL
                       : c->prev_product ? c->prev_product
                       : c->only_product ? c->only_product
                                         : c->title_product;
    if (x->pl) /* 现货, 均值: words of the P/L, no commodity */
        prod = st->product ? st->product : c->last_product ? c->last_product : c->title_product;
    tf_metric m = st->metric;
    if (x->usd)
        m = m == TF_METRIC_IMPORT ? TF_METRIC_IMPORT_VALUE
            : m == TF_METRIC_EXPORT ? TF_METRIC_EXPORT_VALUE : TF_METRIC_OTHER;
    if (x->pl)
        m = TF_METRIC_PL;
    /* a figure of no known product, or no trade flow, is kept, not checked */
    int flowless = m == TF_METRIC_NONE && !x->other && !x->pl && prod;
    if (x->other || !prod || m == TF_METRIC_NONE)
        m = TF_METRIC_OTHER;
    cl.metric = m;
    tf_scopy(cl.product, sizeof cl.product, prod ? prod : "");
    tf_scopy(cl.partner, sizeof cl.partner, zpartner(c, st->partner));
    tf_scopy(cl.unit, sizeof cl.unit, x->pl ? "CNY/t" : x->usd ? "USD" : "t");
    cl.period.from = from;
    cl.period.to = to;
    cl.share_of = cl.period;
    if ((m == TF_METRIC_NET_IMPORT && st->net_export && x->v > 0) || x->pl < 0) /* 净出口16.3万吨 */
        stated_set(c, x->b, x->e, -x->v, -x->hi, -x->lo, &cl.quantity);
    else
        stated_set(c, x->b, x->e, x->v, x->lo, x->hi, &cl.quantity);
    if (x->base) /* "较9月的820万吨", "较去年同期的950万吨": named by its comparison */
        cl.period_named = 1;
    else if (st->named) {
        cl.period_named = 1;
        cl.year_named = st->named_year;
        if (st->pe) {
            cl.period_start = c->z->from[st->pb];
            cl.period_end = c->z->to[st->pe - 1];
        }
    }
    cl.sent_start = c->z->from[sb];
    cl.sent_end = c->z->to[se - 1];
    *out = tf_audit_add_claim(c->a, &cl);
    if (*out == (size_t)-1)
        return -1;
    if (flowless) {
        if (st->flowless_e != *out)
            st->flowless_b = *out;
        st->flowless_e = *out + 1;
    }
    return 0;
}

/* A flow word after figures the sentence gave no flow: theirs too (a run of them right
 * before it, of this sentence). */
static void flow_after(zctx *c, zstate *st, tf_metric m)
{
    if (st->metric != TF_METRIC_NONE || st->flowless_e != c->a->n_claims ||
        (m != TF_METRIC_IMPORT && m != TF_METRIC_EXPORT))
        return;
    for (size_t k = st->flowless_b; k < st->flowless_e; k++) {
        tf_claim *cl = &c->a->claims[k];
        cl->metric = strcmp(cl->unit, "USD") ? m
                     : m == TF_METRIC_IMPORT ? TF_METRIC_IMPORT_VALUE : TF_METRIC_EXPORT_VALUE;
    }
    st->flowless_e = 0;
}

/* Characters of the words around a figure that name no commodity: verbs of
 * trade, measure words, time words, the customs office and its figures. */
static const char fillers[] =
    "量为了达到约近总共计额金数是至的实现分别单月度当合在有再次仅只已经突破创下新高低历史记录"
    "得其中各国全部同期比较环同增减长降幅继续大幅明显小略均日周旬年份内外据海关署数显示统计公"
    "布表明我国中从自向对由来方面上个前后创出口进入净值和及与或等共加少回落扩收窄升提涨跌滑下逾超"
    "每吨季度半累计去今该攀逆势激骤反弹飙锐萎缩跃猛他余家地区多述运往";

static int filler(const char *p)
{
    for (size_t k = 0; k + 3 <= sizeof fillers - 1; k += 3)
        if (!memcmp(fillers + k, p, 3))
            return 1;
    return 0;
}

/* 1 when the clause of figure item fi names a commodity the vocabulary does
 * not know ("出口钢材614万吨", "天然气7373.1万吨"): two or more characters
 * that are neither an item nor filler words, or one right before the figure.
 * [*nb, *ne) the last such run, its name ("稀土" in "出口稀土4,980.3吨"). */
static int unknown_object(const zctx *c, size_t fi, size_t sb, size_t *nb, size_t *ne)
{
    const char *s = c->z->s;
    const zitem *f = &c->it.v[fi];
    size_t cb = clause_start(s, sb, f->b), run = 0, rb = 0, n;
    int found = 0;
    for (size_t pos = cb; pos < f->b; pos += n) {
        size_t cov = 0;
        for (size_t k = fi; k > 0 && !cov; k--) {
            const zitem *x = &c->it.v[k - 1];
            if (x->e <= cb)
                break;
            if (x->b <= pos && pos < x->e)
                cov = x->e - pos;
        }
        const char *close = !cov && at(s + pos, "【") ? strstr(s + pos, "】") : NULL;
        if (close && (size_t)(close - s) < f->b) /* "【要点】": a heading, not an object */
            cov = (size_t)(close - s) + strlen("】") - pos;
        if (!cov && pos + 6 == f->b && (at(s + pos, "不足") || at(s + pos, "不到")))
            cov = 6; /* "进口原铝不足1吨": a bound on the figure, not a commodity */
        if (cov) {
            n = cov;
            run = 0;
            continue;
        }
        unsigned cp = cp_at((const unsigned char *)s + pos, f->b - pos, &n);
        /* 中 is a filler in 其中 only ("钴湿法冶炼中间品" is one name) */
        int zhong = at(s + pos, "中") && !(pos >= 3 && at(s + pos - 3, "其"));
        if (is_cjk(cp) && n == 3 && (zhong || !filler(s + pos))) {
            if (!run++)
                rb = pos;
            if (run >= 2 || pos + n == f->b) /* "煤2.39亿吨": one character right before */
                found = 1, *nb = rb, *ne = pos + n;
        } else
            run = 0;
    }
    return found;
}


/* The note's one copy of the len bytes at t (kept in c->names until the note is read).
 * NULL when out of memory. */
static const char *name_of(zctx *c, const char *t, size_t len)
{
    for (size_t k = 0; k < c->n_names; k++)
        if (strlen(c->names[k]) == len && !memcmp(c->names[k], t, len))
            return c->names[k];
    if (c->n_names == c->cap_names) {
        size_t cap = c->cap_names ? 2 * c->cap_names : 8;
        char **v = realloc(c->names, cap * sizeof *v);
        if (!v)
            return NULL;
        c->names = v;
        c->cap_names = cap;
    }
    char *k = malloc(len + 1);
    if (!k)
        return NULL;
    memcpy(k, t, len);
    k[len] = 0;
    return c->names[c->n_names++] = k;
}

/* The key of an unknown commodity named by s[b, e): the note's one copy of those words
 * (a commodity named twice is one product). NULL when out of memory. */
static const char *unknown_key(zctx *c, size_t b, size_t e)
{
    const char *s = c->z->s;
    size_t len = e - b < 47 ? e - b : 47; /* tf_claim.product holds 47 bytes */
    while (len > 0 && ((unsigned char)s[b + len] & 0xC0) == 0x80)
        len--; /* whole characters only */
    return name_of(c, s + b, len);
}

/* The note's one copy of key (a group member's "VNM:ASEAN"). NULL when out of memory. */
static const char *intern_key(zctx *c, const char *key)
{
    return name_of(c, key, strlen(key));
}

/* A partner item i: a group (东盟合计…) opens its members; a partner after the group's
 * 其中, or the rest right after the group's name ("东盟其他国家"), is a member, keyed
 * "VNM:ASEAN" (partners keyed with a colon are a breakdown of their own: the partners'
 * sum of the total leaves them out, and the members add up to their group, check.c).
 * 0 or -1 (no memory). */
static int bind_partner(zctx *c, zstate *st, size_t i)
{
    const zitem *x = &c->it.v[i];
    st->partner_figs = 0;
    if (x->group == 1) {
        st->group = st->partner = x->key;
        st->group_e = x->e;
        return 0;
    }
    if (st->group && (x->b == st->group_e ||
                      last_in(c->z->s, st->group_e, x->b, "其中") != (size_t)-1)) {
        char key[16];
        const char *member = x->key;
        tf_fmt(key, sizeof key, "%s:%s", member, st->group);
        return (st->partner = intern_key(c, key)) ? 0 : -1;
    }
    st->group = NULL;
    st->partner = x->key;
    return 0;
}

/* A difference ("环比增加63.5万吨", "同比减少13.6万吨"): the signed change of the claim
 * the clause's level stated, on the month before or a year before (the basis its clause
 * names, else that of the change before it in the sentence). 1 when bound. */
/* Whether a sentence that opens on differences with no level of its own ("11月煤炭进口环比
 * 增加282.1万吨，增幅6.6%") tells those of claim cl: the same period, and the same product,
 * flow and partner where it names them. */
static int same_subject(const zctx *c, const zstate *st, const tf_claim *cl)
{
    return st->from == cl->period.from && st->to == cl->period.to &&
           (!st->product || !strcmp(st->product, cl->product)) &&
           (st->metric == TF_METRIC_NONE || st->metric == cl->metric) &&
           !strcmp(zpartner(c, st->partner), cl->partner);
}

static int bind_difference(zctx *c, zstate *st, const zitem *x)
{
    int basis = x->from ? x->from : st->basis;
    if (c->last_claim == (size_t)-1 || c->last_claim >= c->a->n_claims)
        return 0;
    tf_claim *cl = &c->a->claims[c->last_claim];
    if (!st->figures && (!x->from || !same_subject(c, st, cl)))
        return 0;
    if (!basis && st->has_cmp) { /* "较上月增加15.1万吨": the comparison's distance */
        int d = cl->period.to - st->cmp_to;
        basis = d == 1 && st->cmp_from == st->cmp_to ? C_MOM : d == 12 ? C_YOY : 0;
    }
    if (!basis)
        return 0;
    tf_stated *d = basis == C_MOM ? &cl->mom_diff : &cl->yoy_diff;
    if (d->has || (basis == C_MOM && cl->period.from != cl->period.to) || x->usd != !strcmp(cl->unit, "USD"))
        return 0;
    if (x->diff < 0)
        stated_set(c, x->b, x->e, -x->v, -x->hi, -x->lo, d);
    else
        stated_set(c, x->b, x->e, x->v, x->lo, x->hi, d);
    st->basis = basis;
    if (!st->figures) /* the changes after it are the claim's too ("，增幅6.6%") */
        st->figures = 1;
    return 1;
}

/* A figure: a claim of the sentence's subject, or of a comparison base. */
static int bind_figure(zctx *c, zstate *st, const zitem *x, int listed, size_t sb, size_t se)
{
    int from = st->from, to = st->to;
    if (!c->has_period && !st->named)
        return 0;
    if (st->cum && from == to)
        from = tf_mi_year(to) * 12;
    size_t idx;
    if (x->base) {
        const char *s = c->z->s;
        size_t cb = clause_start(s, sb, x->b);
        if (st->has_cmp)
            from = st->cmp_from, to = st->cmp_to;
        else if (last_in(s, cb, x->b, "同期") != (size_t)-1 ||
                 last_in(s, cb, x->b, "去年") != (size_t)-1 ||
                 last_in(s, cb, x->b, "上年") != (size_t)-1)
            from -= 12, to -= 12;
        else if (at(s + cb, "前值"))
            from -= from == to, to -= 1;
        else
            return 0;
        return make_claim(c, st, x, sb, se, from, to, &idx);
    }
    if (x->diff && bind_difference(c, st, x))
        return 0;
    if (make_claim(c, st, x, sb, se, from, to, &idx))
        return -1;
    if (x->diff)
        return 0;
    if (st->ngroup && listed && idx == st->group_first + st->ngroup)
        st->ngroup++;
    else
        st->group_first = idx, st->ngroup = 1, st->chg_run = 0;
    c->last_claim = idx;
    st->figures++;
    st->has_cmp = 0;
    return 0;
}

/* A change (MoM or YoY): to the claim it follows, or in order to a list. */
static void bind_change(zctx *c, zstate *st, const zitem *x)
{
    size_t target = c->last_claim;
    if (st->ngroup > 1) {
        if (!x->listed)
            st->chg_run = 0;
        if (st->chg_run >= st->ngroup)
            return;
        target = st->group_first + st->chg_run++;
    }
    if (target == (size_t)-1 || target >= c->a->n_claims)
        return;
    tf_claim *cl = &c->a->claims[target];
    /* "环比减少318.6万吨，下降2.8%": the basis of the change before; a change with none, as
     * customs releases print it after a figure ("进口大豆7452.9万吨，增加15.5%"), is a YoY */
    int basis = x->from ? x->from : st->basis ? st->basis : st->has_cmp ? 0 : C_YOY;
    st->basis = basis;
    if (st->has_cmp) { /* "比10月份下降34%", "较9月的820万吨增长9.5%" */
        int d = cl->period.to - st->cmp_to, span = cl->period.to - cl->period.from + 1;
        int cb = d == 1 && span == 1 ? C_MOM : d == 12 ? C_YOY : 0;
        if (span > 1 && d == span && st->cmp_from == cl->period.from - span)
            cb = C_MOM; /* "下半年较上半年减少24.8%": the span before, read as the MoM */
        if (!cb || (x->from && x->from != cb)) /* the basis its own clause names */
            return;
        basis = cb;
    }
    tf_stated *s = basis == C_MOM ? &cl->mom : basis == C_YOY ? &cl->yoy : NULL;
    if (!s || s->has)
        return;
    stated_set(c, x->b, x->e, x->v, x->lo, x->hi, s);
}

/* A share: to the claim it follows, or, after 分别 and in a list ("分别进口1898.5万吨、
 * 1054.3万吨，分别占44.4%、24.6%"), in order to the list of figures. */
/* The claim of the partner a share's own clause names before it ("，其中印尼占比44.1%"):
 * the latest claim of that partner; -2 when the note has none (the share is no one else's),
 * -1 when the clause names no partner. */
static size_t share_partner_claim(const zctx *c, const zitem *x, size_t sb)
{
    size_t cb = clause_start(c->z->s, sb, x->b);
    for (size_t k = (size_t)(x - c->it.v); k-- > 0;) {
        const zitem *p = &c->it.v[k];
        if (p->b < cb || p->kind == I_FIG)
            return (size_t)-1;
        if (p->kind != I_PARTNER || p->group)
            continue;
        const char *key = zpartner(c, p->key);
        if (!strcmp(key, "WLD"))
            return (size_t)-1;
        for (size_t j = c->a->n_claims; j-- > 0 && c->a->claims[j].note == c->note;)
            if (!strcmp(c->a->claims[j].partner, key))
                return j;
        return (size_t)-2;
    }
    return (size_t)-1;
}

static void bind_share(zctx *c, zstate *st, const zitem *x, size_t sb)
{
    size_t target = c->last_claim, named = share_partner_claim(c, x, sb);
    if (named == (size_t)-2)
        return;
    if (named != (size_t)-1 && !x->listed)
        target = named;
    if (x->listed && st->ngroup > 1) {
        if (x->listed == 2)
            st->share_run = 0;
        if (st->share_run >= st->ngroup)
            return;
        target = st->group_first + st->share_run++;
    } else if (x->listed)
        return; /* a list of shares with no list of figures: whose is unknown */
    if (target == (size_t)-1 || target >= c->a->n_claims || c->a->claims[target].share.has)
        return;
    stated_set(c, x->b, x->e, x->v, x->lo, x->hi, &c->a->claims[target].share);
}

/* Products listed before a list of figures ("铜精矿和精炼铜进口量分别为245.3万吨和31.2万吨"),
 * one for each figure, in order, when as many are named as figures. */
static void bind_list_products(zctx *c, const zstate *st, size_t upto)
{
    size_t k = 0;
    for (size_t i = st->run_start; i < upto; i++)
        k += c->it.v[i].kind == I_PRODUCT;
    if (k != st->ngroup)
        return;
    k = 0;
    for (size_t i = st->run_start; i < upto; i++)
        if (c->it.v[i].kind == I_PRODUCT)
            tf_scopy(c->a->claims[st->group_first + k++].product, sizeof c->a->claims[0].product,
                     c->it.v[i].key);
}

/* Partners listed before a list of figures ("从澳大利亚、巴西分别进口…"),
 * one for each figure, in order; the reporter ("中国自澳大利亚、巴西和南非进口…") is none. */
static void bind_list_partners(zctx *c, zstate *st, size_t upto)
{
    if (st->ngroup < 2)
        return;
    bind_list_products(c, st, upto);
    size_t k = 0;
    for (size_t i = st->run_start; i < upto; i++)
        if (c->it.v[i].kind == I_PARTNER && strcmp(zpartner(c, c->it.v[i].key), "WLD"))
            k++;
    if (k != st->ngroup)
        return;
    k = 0;
    for (size_t i = st->run_start; i < upto; i++)
        if (c->it.v[i].kind == I_PARTNER && strcmp(zpartner(c, c->it.v[i].key), "WLD")) {
            tf_claim *cl = &c->a->claims[st->group_first + k++];
            tf_scopy(cl->partner, sizeof cl->partner, zpartner(c, c->it.v[i].key));
        }
}

/* A period item: the sentence's period, or the base of a comparison. */
/* A month told beside the sentence's figure at the head of a clause after it ("10月进口
 * 10950万吨，9月为11302万吨", "，上月为239.8万吨", "，9月进口21.6万吨"): an earlier month
 * whose figure is a comparison's; the sentence's period and subject stay (bind_fig_item
 * restores them). 1 when x is one; the month in *m. */
static int aside_month(const zctx *c, const zstate *st, size_t i, int *m)
{
    const zitem *x = &c->it.v[i];
    const char *s = c->z->s;
    size_t n;
    if (!st->figures || st->from != st->to || x->from != x->to || !i ||
        c->it.v[i - 1].kind != I_CLAUSE || !(at(s + x->e, "为") || at(s + x->e, "份为") ||
                                             metric_at(s + x->e, &n) != TF_METRIC_NONE))
        return 0;
    *m = x->month_before ? st->to - 1 : x->to;
    return *m < st->to && *m >= st->to - 12;
}

static void bind_period(zctx *c, zstate *st, const zitem *x, size_t sb)
{
    int m;
    if (aside_month(c, st, (size_t)(x - c->it.v), &m)) {
        st->aside = 1;
        st->keep_from = st->from;
        st->keep_claim = c->last_claim;
        st->keep_pb = st->pb, st->keep_pe = st->pe;
        st->from = st->to = m;
        st->pb = x->b, st->pe = x->e; /* its own label */
        return;
    }
    if (is_comparison(c->z->s, x->b, sb) ||
        (x->b >= sb + 3 && (at(c->z->s + x->b - 3, "是") || at(c->z->s + x->b - 3, "为")) &&
         at(c->z->s + x->e, "的"))) { /* "是上月的2.3倍": the base of a multiple */
        st->cmp_from = x->from;
        st->cmp_to = x->to;
        if (x->month_before && st->from == st->to) /* "9月份…较上月的30.12万吨": August */
            st->cmp_from = st->cmp_to = st->to - 1;
        st->has_cmp = 1;
        return;
    }
    if (x->ytd && !c->latest)
        return;
    st->from = x->ytd ? tf_mi_year(c->latest) * 12 : x->from;
    st->to = x->ytd ? c->latest : x->to;
    if (st->to > c->latest)
        c->latest = st->to;
    st->cum = 0; /* "…累计出口189.6万吨；10月氧化铝进口13.6万吨": the month's, named again */
    st->named = 1;
    st->named_year = x->named_year;
    st->pb = x->b;
    st->pe = x->e;
    if (x->ytd) /* an aside: the sentences after it go on with the month */
        return;
    c->period_from = st->from;
    c->period_to = st->to;
    c->has_period = 1;
}

static void sentence_span(const zctx *c, size_t b, size_t e, tf_claim *cl);

/* A comparison with the sentence's own month ("7月份进口大豆均价为590.61美元/吨，较7月下降
 * 8.79美元/吨，环比下降1.47%"): a month is not compared with itself, and the 环比 after it
 * says the base is the month before, so the label is the slip (wrong-month-label, the
 * month before proposed). Item x is the comparison's period; 0, or -1 (no memory). */
static int zh_self_comparison(zctx *c, const zstate *st, const zitem *x, size_t sb, size_t se)
{
    const char *s = c->z->s;
    size_t ce = se;
    for (size_t k = x->e; k < ce; k++) /* the change's clauses: up to the first ；or ; */
        if (at(s + k, "；") || s[k] == ';')
            ce = k;
    if (!st->named || st->from != st->to || x->from != x->to || x->from != st->from ||
        x->month_before || !is_comparison(s, x->b, sb) || last_in(s, x->e, ce, "环比") == (size_t)-1)
        return 0;
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period.from = cl.period.to = x->from;
    stated_set(c, x->b, x->e, 0, 0, 0, &cl.quantity);
    sentence_span(c, x->b, x->e, &cl);
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "wrong-month-label", "label", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start);
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.confidence = 0.8;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%d月", tf_mi_month(x->from - 1));
    tf_fmt(f.equation, sizeof f.equation, "a figure of %d月 compared with %.*s: a month "
           "with itself", tf_mi_month(x->from), (int)(x->e - x->b), s + x->b);
    tf_fmt(f.evidence, sizeof f.evidence,
           "the comparison names the sentence's own month, and its change is a MoM (环比), "
           "against the month before: likely %s", f.proposed_text);
    return tf_audit_add_finding(c->a, &f);
}

/* ------------------------------------ figures with their rounding, and slips */

/* A percentage change after a figure of a unit-value check: signed, in %. */
typedef struct zuv_pct {
    int has, dec, sign;
    size_t b, nb, e; /* the number's bytes [b, nb), with its % to e */
    double num, lo, hi;
} zuv_pct;

/* A figure of a unit-value check: its bytes [b, e), its number's [b, nb), the number, its
 * decimals, the multiplier to yuan, dollars or t, and the value with its interval. */
typedef struct zuv {
    size_t b, nb, e;
    double num, f, val, lo, hi;
    int dec, cur; /* cur: 0 a quantity, 1 yuan, 2 dollars */
    zuv_pct yoy;  /* its YoY, printed after it ("同比增加5.3%", a customs release's bare
                     "上涨9.8%"); has 0 when none */
} zuv;

static void zuv_set(zuv *u, size_t b, size_t nb, size_t e, double num, int dec, double f, int cur)
{
    u->b = b, u->nb = nb, u->e = e, u->num = num, u->dec = dec, u->f = f, u->cur = cur;
    double half = 0.5 * pow(10, -dec);
    u->val = num * f, u->lo = (num - half) * f, u->hi = (num + half) * f;
}

/* The printed number of u that a slip turned from one giving [lo, hi]: one digit changed,
 * two adjacent digits swapped or the point moved; the slip's kind, the number in *fixed. */
static const char *zuv_slip(const zuv *u, double lo, double hi, double *fixed)
{
    char d[40], w[40];
    tf_fmt(d, sizeof d, "%.*f", u->dec, u->num);
    double half = 0.5 * (u->hi - u->lo);
    for (int p = -3; p <= 3; p++) {
        double x = u->val * pow(10, p), h = half * pow(10, p);
        if (p && x + h >= lo && x - h <= hi) {
            *fixed = u->num * pow(10, p);
            return abs(p) == 1 ? "factor-of-10" : abs(p) == 2 ? "factor-of-100" : "factor-of-1000";
        }
    }
    const char *kind = NULL; /* of the readings that fit, the nearest the middle */
    double best = HUGE_VAL, mid = 0.5 * (lo + hi);
    for (size_t i = 0; d[i]; i++)
        for (int k = 0; k < 2 && is_digit(d[i]); k++)
            for (char ch = '0'; ch <= '9'; ch++) {
                tf_scopy(w, sizeof w, d);
                if (k == 1) { /* swap with the next digit (across the point: 9.8, 8.9), once */
                    size_t j = i + 1 + (d[i + 1] == '.');
                    if (ch != '0' || !is_digit(d[j]) || d[i] == d[j])
                        continue;
                    w[i] = d[j], w[j] = d[i];
                } else if (ch == d[i] || (i == 0 && ch == '0'))
                    continue;
                else
                    w[i] = ch;
                double x = strtod(w, NULL) * u->f;
                if (x + half >= lo && x - half <= hi && fabs(x - mid) < best) {
                    best = fabs(x - mid);
                    *fixed = strtod(w, NULL);
                    kind = k ? "transposed-digits" : "one-digit-typo";
                }
            }
    return kind;
}

/* The finding of a share held together on figure u (the share, unit "%", or a partner's
 * figure in t), with the slip's kind and the number proposed; [lo, hi] the share the
 * partners' figures give. */
static int combined_finding(zctx *c, const zuv *u, const char *kind, double fixed, double lo,
                            double hi, size_t np)
{
    int share = u->f == 1 && u->cur == 0 && c->z->s[u->nb] == '%';
    tf_claim cl = slip_claim(c);
    stated_set(c, u->b, u->e, u->val, u->lo, u->hi, &cl.quantity);
    sentence_span(c, u->b, u->e, &cl);
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, share ? "%" : "t", kind, share ? "share" : "quantity", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start);
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.stated = u->num;
    f.has_proposed = 1;
    f.proposed = fixed * u->f;
    f.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%.*f%.*s", u->dec, fixed,
           (int)(u->e - u->nb), c->z->s + u->nb);
    tf_fmt(f.equation, sizeof f.equation,
           "a share held together = 100 x the sum of its %zu partners' figures / the total, "
           "or the sum of their shares: %.2f..%.2f%%", np, lo, hi);
    tf_fmt(f.evidence, sizeof f.evidence,
           "the share the partners hold together and their own figures disagree beyond the "
           "rounding; %s makes them agree", f.proposed_text);
    return tf_audit_add_finding(c->a, &f);
}

/* The printed figure of claim cl's quantity as a zuv (number, unit): 0 when unread. */
static int claim_zuv(const zctx *c, const tf_claim *cl, zuv *u)
{
    const char *s = c->z->s;
    size_t lo = 0, hi = c->z->n; /* from[] rises with i: the first byte at the figure's start */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->z->from[mid] < cl->quantity.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < c->z->n && c->z->from[i] == cl->quantity.start; i++) {
        if (!is_digit(s[i]))
            continue;
        double num, f;
        int dec, tz, usd, other;
        size_t n = number_at(s + i, &num, &dec, &tz), len;
        if (!n || (f = unit_at(s + i + n, &usd, &other, &len)) <= 0 || usd || other || num <= 0)
            return 0;
        zuv_set(u, i, i + n, i + n + len, num, dec, f, 0);
        return 1;
    }
    return 0;
}

/* Where a share held together fails: its own slip, else the one partner figure a slip
 * explains (against the total), else the share, with the value the figures give. */
static int combined_blame(zctx *c, const zitem *x, const tf_claim *const *part, size_t np,
                          const tf_claim *tot, double lo, double hi)
{
    zuv u, p;
    double fixed, pf = 0;
    int dec = 0;
    const char *q = c->z->s + x->b;
    while (is_digit(*q))
        q++;
    for (q += *q == '.'; is_digit(*q); q++)
        dec++;
    zuv_set(&u, x->b, (size_t)(q - c->z->s), x->e, x->v, dec, 1, 0);
    const char *kind = zuv_slip(&u, lo, hi, &fixed), *pk = NULL;
    for (size_t k = 0; !kind && tot && k < np; k++) {
        double olo = 0, ohi = 0, g;
        for (size_t j = 0; j < np; j++)
            if (j != k)
                olo += part[j]->quantity.lo, ohi += part[j]->quantity.hi;
        const char *kk;
        zuv pz;
        if (claim_zuv(c, part[k], &pz) &&
            (kk = zuv_slip(&pz, x->lo * tot->quantity.lo / 100 - ohi,
                           x->hi * tot->quantity.hi / 100 - olo, &g))) {
            if (pk) /* two partners explain it: not sure which */
                return 0;
            pk = kk, p = pz, pf = g;
        }
    }
    if (kind)
        return combined_finding(c, &u, kind, fixed, lo, hi, np);
    if (pk)
        return combined_finding(c, &p, pk, pf, lo, hi, np);
    double r = pow(10, dec);
    return combined_finding(c, &u, "inconsistent", round(0.5 * (lo + hi) * r) / r, lo, hi, np);
}

/* The partners' claims a share held together (item xi) is of: the last `want` partners of
 * the note before it ("三者"), or those its clause names ("澳大利亚和印度尼西亚合计"), all of
 * one period, flow and product. Their count (0 when not all are found). */
static size_t combined_parts(const zctx *c, size_t xi, size_t sb, const tf_claim **part)
{
    const zitem *x = &c->it.v[xi];
    const char *keys[8];
    size_t nk = 0, np = 0, want = (size_t)x->from;
    for (size_t k = xi; !want && k > 0 && c->it.v[k - 1].b >= clause_start(c->z->s, sb, x->b); k--)
        if (c->it.v[k - 1].kind == I_PARTNER && nk < 8)
            keys[nk++] = zpartner(c, c->it.v[k - 1].key);
    if (!want)
        want = nk;
    for (size_t ci = c->a->n_claims; ci-- > 0 && np < want && want >= 2 && want <= 8;) {
        const tf_claim *cl = &c->a->claims[ci];
        if (cl->note != c->note)
            break;
        int named = !nk, dup = 0;
        for (size_t k = 0; k < nk; k++)
            named |= !strcmp(keys[k], cl->partner);
        for (size_t k = 0; k < np; k++)
            dup |= !strcmp(part[k]->partner, cl->partner);
        if (!named || dup || !strcmp(cl->partner, "WLD") || cl->metric == TF_METRIC_OTHER ||
            (np && (cl->metric != part[0]->metric || strcmp(cl->product, part[0]->product) ||
                    cl->period.from != part[0]->period.from || cl->period.to != part[0]->period.to)))
            continue;
        part[np++] = cl;
    }
    return np == want ? np : 0;
}

/* A share held together checked against its partners: 100 x (sum of their figures) / the
 * total, and the sum of their own shares (DOMAIN.md section 2, share). Where either holds,
 * a slip lies in a partner's figure or share, which the equations find; where those that
 * can be computed all fail, the combined share is the error. 0, or -1 (no memory). */
static int combined_share(zctx *c, size_t xi, size_t sb)
{
    const zitem *x = &c->it.v[xi];
    const tf_claim *part[8], *tot = NULL;
    size_t np = combined_parts(c, xi, sb, part);
    if (!np)
        return 0;
    for (size_t ci = c->a->n_claims; ci-- > 0 && !tot && c->a->claims[ci].note == c->note;) {
        const tf_claim *cl = &c->a->claims[ci];
        if (!strcmp(cl->partner, "WLD") && cl->metric == part[0]->metric &&
            !strcmp(cl->product, part[0]->product) && cl->period.from == part[0]->period.from &&
            cl->period.to == part[0]->period.to && cl->quantity.lo > 0)
            tot = cl;
    }
    double qlo = 0, qhi = 0, slo = 0, shi = 0;
    int hs = 1;
    for (size_t k = 0; k < np; k++) {
        qlo += part[k]->quantity.lo, qhi += part[k]->quantity.hi;
        hs &= part[k]->share.has;
        slo += part[k]->share.lo, shi += part[k]->share.hi;
    }
    if (tot)
        qlo = 100 * qlo / tot->quantity.hi, qhi = 100 * qhi / tot->quantity.lo;
    int okq = tot && qhi >= x->lo && qlo <= x->hi, oks = hs && shi >= x->lo && slo <= x->hi;
    if ((!tot && !hs) || okq || oks)
        return 0;
    return combined_blame(c, x, part, np, tot, tot ? qlo : slo, tot ? qhi : shi);
}

/* A reporter other than China: a country named right before 自/从/对/向 中国 with a word of
 * trade after ("印度自中国进口原铝", "越南对中国出口"). It holds for the rest of the note. */
static void zreporter(zctx *c)
{
    const char *s = c->z->s;
    for (size_t i = 0; !c->reporter && i + 1 < c->it.n; i++) {
        const zitem *x = &c->it.v[i], *y = &c->it.v[i + 1];
        if (x->kind != I_PARTNER || y->kind != I_PARTNER || x->group || !strcmp(x->key, "CHN") ||
            strcmp(y->key, "CHN") || y->b != x->e + 3 ||
            !(at(s + x->e, "自") || at(s + x->e, "从") || at(s + x->e, "对") || at(s + x->e, "向")))
            continue;
        for (size_t k = i + 2; k < c->it.n && c->it.v[k].kind != I_CLAUSE; k++)
            if (c->it.v[k].kind == I_METRIC && (c->it.v[k].metric == TF_METRIC_IMPORT ||
                                                c->it.v[k].metric == TF_METRIC_EXPORT))
                c->reporter = x->key;
    }
}

/* A reporter other than China as the subject of its trade in a note that names China as
 * the destination ("蒙古国煤炭出口量达7012.5万吨 … 几乎全部出口至中国"): a country with no
 * preposition before it (自, 从, 对, 向, 与, 和, 及, 、) followed in its clause by a word of
 * trade, no other country between. "澳大利亚矿进口" in a note on China's imports names no
 * destination China, and stays a partner. It holds for the rest of the note. */
static void zreporter_subject(zctx *c, size_t sb)
{
    static const char *const dest[] = {"至中国", "到中国", "往中国", "对中国出口", "向中国出口",
                                       "对华出口", "输华", NULL};
    static const char *const prep[] = {"自", "从", "对", "向", "与", "和", "及", "、", NULL};
    const char *s = c->z->s;
    if (!c->dest_china) /* once a note: 1 China named as the destination, -1 not */
        for (size_t w = 0; dest[w] && c->dest_china <= 0; w++)
            c->dest_china = strstr(s, dest[w]) ? 1 : -1;
    for (size_t i = 0; c->dest_china > 0 && !c->reporter && i < c->it.n; i++) {
        const zitem *x = &c->it.v[i];
        if (x->kind != I_PARTNER || x->group || !strcmp(x->key, "CHN") ||
            word_before(s, sb, x->b, prep))
            continue;
        for (size_t k = i + 1; k < c->it.n; k++) {
            const zitem *y = &c->it.v[k];
            if (y->kind == I_CLAUSE || y->kind == I_PARTNER || y->kind == I_FIG)
                break;
            if (y->kind == I_METRIC && (y->metric == TF_METRIC_IMPORT || y->metric == TF_METRIC_EXPORT)) {
                c->reporter = x->key;
                break;
            }
        }
    }
}

/* A product the note names (NULL: a commodity the vocabulary does not know): while the
 * note has named one product only, a sentence that names none is about it. */
static void note_product(zctx *c, const char *key)
{
    if (c->products_mixed)
        return;
    if (key && (!c->only_product || !strcmp(c->only_product, key))) {
        c->only_product = key;
        return;
    }
    c->products_mixed = 1;
    c->only_product = NULL;
}

/* A change in tenths or folds: kept with its claim and basis (a YoY unless 环比 or a
 * comparison a month back), checked at the note's end (zh_folds). 0, or -1 (no memory). */
static int bind_fold(zctx *c, const zstate *st, const zitem *x)
{
    if (c->last_claim >= c->a->n_claims)
        return 0;
    const tf_claim *cl = &c->a->claims[c->last_claim];
    int back = x->from == C_MOM ? 1 : 12;
    if (st->has_cmp)
        back = cl->period.to - st->cmp_to;
    if ((back != 1 && back != 12) || (back == 1 && cl->period.from != cl->period.to))
        return 0;
    if (c->n_folds == c->cap_folds) {
        size_t cap = c->cap_folds ? 2 * c->cap_folds : 4;
        zfold *v = realloc(c->folds, cap * sizeof *v);
        if (!v)
            return -1;
        c->folds = v;
        c->cap_folds = cap;
    }
    c->folds[c->n_folds++] = (zfold){x->b, x->e, c->last_claim, x->v, x->lo, x->hi, back};
    return 0;
}

/* A change of a growth rate in pp: kept with the clause's period and the one it is
 * compared with (较1-5月, 较上月, 同比: a month or a year before), checked at the note's end
 * (zh_rate_pps), when both YoYs may have been read. 0, or -1 when out of memory. */
static int bind_rate_pp(zctx *c, const zstate *st, const zitem *x)
{
    int back = x->from == C_MOM ? 1 : x->from == C_YOY ? 12 : 0;
    if (!st->has_cmp && !back)
        return 0;
    const tf_claim *last = c->last_claim < c->a->n_claims ? &c->a->claims[c->last_claim] : NULL;
    if (!last)
        return 0;
    if (c->n_rates == c->cap_rates) {
        size_t cap = c->cap_rates ? 2 * c->cap_rates : 4;
        zrate *v = realloc(c->rates, cap * sizeof *v);
        if (!v)
            return -1;
        c->rates = v;
        c->cap_rates = cap;
    }
    zrate *r = &c->rates[c->n_rates++];
    int dec = 0;
    for (const char *p = strchr(c->z->s + x->b, '.'); p && p < c->z->s + x->e && is_digit(p[1]); p++)
        dec += is_digit(p[1]);
    *r = (zrate){x->b, x->e, x->v, x->lo, x->hi, dec, st->from, st->to,
                 st->has_cmp ? st->cmp_from : st->from - back,
                 st->has_cmp ? st->cmp_to : st->to - back, last->metric, "", ""};
    tf_scopy(r->product, sizeof r->product, last->product);
    tf_scopy(r->partner, sizeof r->partner, zpartner(c, st->partner));
    return 0;
}

/* A period's share of a longer one ("上半年进口量占全年的57.1%", "一季度占上半年的59.2%"): the
 * period before 占 is the part, 全年 (the part's year) or the period after 占 the whole; the
 * share goes to the note's claim of the part (same flow, product, partner as the claim
 * before), labelled with the whole. 1 when so bound. */
static int period_share(zctx *c, size_t xi, size_t sb)
{
    const char *s = c->z->s;
    const zitem *x = &c->it.v[xi], *part = NULL, *whole = NULL;
    size_t cb = clause_start(s, sb, x->b), p = last_in(s, cb, x->b, "占");
    if (p == (size_t)-1 || c->last_claim >= c->a->n_claims)
        return 0;
    for (size_t k = 0; k < xi; k++) {
        const zitem *y = &c->it.v[k];
        if (y->kind == I_PERIOD && y->b >= cb && y->e <= p)
            part = y;
        else if (y->kind == I_PERIOD && y->b > p)
            whole = y;
    }
    int wf = whole ? whole->from : 0, wt = whole ? whole->to : 0;
    if (part && !whole && last_in(s, p, x->b, "全年") != (size_t)-1)
        wf = tf_mi_year(part->to) * 12, wt = wf + 11;
    if (!part || wt - wf <= part->to - part->from || wf > part->from || wt < part->to)
        return 0;
    const tf_claim *last = &c->a->claims[c->last_claim];
    for (size_t i = c->a->n_claims; i-- > 0 && c->a->claims[i].note == c->note;) {
        tf_claim *cl = &c->a->claims[i];
        if (cl->metric == last->metric && !strcmp(cl->product, last->product) &&
            !strcmp(cl->partner, last->partner) && cl->period.from == part->from &&
            cl->period.to == part->to && !cl->share.has) {
            stated_set(c, x->b, x->e, x->v, x->lo, x->hi, &cl->share);
            cl->share_of.from = wf, cl->share_of.to = wt;
            cl->share_labelled = 1;
            return 1;
        }
    }
    return 0;
}

/* A partner governs its clause and those after it until a clause opens with a period of
 * its own after the partner's figures ("其中自俄罗斯进口39.28万吨，占54.5%；二季度进口
 * 49.77万吨": the second quarter's figure is the total's, not Russia's): at item i, a
 * period (not a comparison) right after a semicolon, the partner is dropped. */
static void partner_scope(const zctx *c, zstate *st, size_t i, size_t sb)
{
    const zitem *x = &c->it.v[i];
    const char *s = c->z->s;
    size_t m = i ? c->it.v[i - 1].b : 0;
    /* after a semicolon only: "自巴西进口…，1-8月累计进口…" may still be Brazil's */
    if (!st->partner || !st->partner_figs || !i || c->it.v[i - 1].kind != I_CLAUSE ||
        !(at(s + m, "；") || s[m] == ';') || is_comparison(s, x->b, sb))
        return;
    st->partner = NULL;
}

/* A share's change in pp: to the last claim when it states a partner's share in this
 * sentence (a pp after no share, or after the total's, is left unread). */
static void bind_share_pp(zctx *c, const zitem *x, size_t sb)
{
    if (c->last_claim == (size_t)-1 || c->last_claim >= c->a->n_claims)
        return;
    tf_claim *cl = &c->a->claims[c->last_claim];
    if (!cl->share.has || cl->share_pp.has || !strcmp(cl->partner, "WLD") ||
        cl->share.start < c->z->from[sb])
        return;
    stated_set(c, x->b, x->e, x->v, x->lo, x->hi, &cl->share_pp);
    cl->share_pp_back = x->from == C_MOM ? 1 : 12;
}

/* A data card's line: a key and its value on a line of its own ("进口量：512.6万吨",
 * "环比：-8.3%"). */
static int is_card_line(const char *s, size_t sb, size_t se)
{
    return s[se] == '\n' && last_in(s, sb, se, "：") != (size_t)-1;
}

/* A line ending in "：" opens a list: its flow goes to the lines after it that end in "；"
 * (and the last, ending in "。"), as a table's heading goes to its rows; the lines of a data
 * card ("进口量：512.6万吨", then "其中菲律宾：468.9万吨") pass the flow on the same way. */
static void list_opens(zctx *c, const zstate *st, size_t sb, size_t se)
{
    const char *s = c->z->s;
    size_t e = se;
    while (e > sb && s[e - 1] == ' ')
        e--;
    int opens = (e >= sb + 3 && at(s + e - 3, "：")) || (e > sb && s[e - 1] == ':');
    int goes_on = (e >= sb + 3 && at(s + e - 3, "；")) || (e > sb && s[e - 1] == ';');
    int card = is_card_line(s, sb, se) && !opens;
    if ((opens || card) && st->metric != TF_METRIC_NONE)
        c->list_metric = st->metric == TF_METRIC_OTHER ? c->list_metric : st->metric;
    else if (!goes_on && !card)
        c->list_metric = TF_METRIC_NONE;
}

/* The flow a sentence with no word of flow takes: that of the sentence before when this
 * one opens with 其中 or names partners ("阿根廷大豆逆势攀升至156.71万吨" after a sentence on imports; "10月我国铝材出口498.6千吨。" then "按地区划分：东盟合计142.3千吨…":
 * the breakdown of the total before it), else none. */
static tf_metric carried_flow(const zctx *c, size_t sb)
{
    int partners = at(c->z->s + sb, "其中"); /* "其中铝板带25.4万吨…": of the figures before */
    for (size_t i = 0; i < c->it.n; i++) {
        if (c->it.v[i].kind == I_METRIC)
            return TF_METRIC_NONE;
        partners += c->it.v[i].kind == I_PARTNER && !partners && i + 1 < c->it.n;
    }
    return partners ? c->prev_flow : TF_METRIC_NONE;
}

/* The state sentence [sb, se) opens with: the period, flow and naming carried to it. */
static void sentence_setup(const zctx *c, zstate *st, size_t sb, size_t se, int card)
{
    memset(st, 0, sizeof *st);
    st->from = c->period_from;
    st->to = c->period_to;
    st->metric = c->list_metric ? c->list_metric : carried_flow(c, sb);
    /* a breakdown of the figures before ("其中自南非进口…", "按地区划分：东盟…"): their period,
     * named there */
    if (c->prev_named && c->has_period &&
        ((!c->list_metric && st->metric != TF_METRIC_NONE) || at(c->z->s + sb, "其中")))
        st->named = 1;
    if (card && c->line_named && c->has_period) /* "进口量：512.6万吨" under "2025年9月…" */
        st->named = 1;
    /* "当月", "本月", "同月", a sentence opening "同期": the period named before, named again */
    int month = last_in(c->z->s, sb, se, "当月") != (size_t)-1 ||
                last_in(c->z->s, sb, se, "本月") != (size_t)-1 ||
                last_in(c->z->s, sb, se, "同月") != (size_t)-1;
    if (c->has_period && (month || at(c->z->s + sb, "同期")))
        st->named = 1;
    /* a sentence opening "去年同期，" or "上年同期，" tells the period a year before */
    const char *open = c->z->s + sb;
    if (c->has_period && (at(open, "去年同期，") || at(open, "上年同期，"))) {
        st->from -= 12;
        st->to -= 12;
    }
    /* a month is one month: after "1-11月…", "当月" is November */
    if (c->has_period && month && st->from != st->to)
        st->from = st->to;
}

/* A change or a difference before the level it leads to ("同比增长5.2%至1.05亿吨",
 * "环比增长12.5%，达到24.3万吨", "较上月减少2.1万吨至15.6万吨", "同比增加18%，环比持平，为
 * 245.3万吨"): 1 when item i is followed, past changes and at most two commas, by a figure
 * that 至, 到, 达 or 为 introduces, no more than 30 bytes on. */
static int leads_to_level(const zctx *c, size_t i)
{
    const char *s = c->z->s;
    int commas = 0;
    for (size_t j = i + 1; j < c->it.n; j++) {
        const zitem *y = &c->it.v[j];
        if (y->kind == I_CLAUSE && at(s + y->b, "，") && ++commas <= 2)
            continue;
        if (y->kind == I_CHG && !y->listed)
            continue;
        if (y->kind != I_FIG || y->diff || y->base || y->other || y->b > c->it.v[i].e + 30)
            return 0;
        return (y->b >= 3 && (at(s + y->b - 3, "至") || at(s + y->b - 3, "到") ||
                              at(s + y->b - 3, "达") || at(s + y->b - 3, "为")));
    }
    return 0;
}

/* Item i, a change or difference read before its level (leads_to_level), the first of its
 * clause: kept until the level is bound. 1 when kept. */
static int pend_change(const zctx *c, zstate *st, size_t i, size_t sb)
{
    size_t cb = clause_start(c->z->s, sb, c->it.v[i].b);
    for (size_t j = 0; j < i; j++) /* the first figure of its clause ("，出口同比增长53.5%至…") */
        if (c->it.v[j].kind == I_FIG && c->it.v[j].e > cb)
            return 0;
    if (st->npend >= 4 || !leads_to_level(c, i))
        return 0;
    st->pend[st->npend++] = i;
    return 1;
}

/* The changes and differences kept for the level just bound (c->last_claim). */
static void bind_pending(zctx *c, zstate *st)
{
    for (size_t k = 0; k < st->npend; k++) {
        const zitem *x = &c->it.v[st->pend[k]];
        if (x->kind == I_CHG)
            bind_change(c, st, x);
        else
            bind_difference(c, st, x);
    }
    st->npend = 0;
}

/* A figure whose clause opens with 合计, 共计 or 总计 (after 上述三国, 以上) after a list of
 * partners ("自俄罗斯进口
 * 18.7万吨，…，自其他国家进口2.5万吨，合计24.3万吨") is the list's sum: the total when the list
 * ended with the rest (OTH), else the named partners' sum, partner "SUM:LIST", which no sum
 * of partners counts. */
static void list_sum(const zctx *c, zstate *st, size_t i, size_t sb)
{
    const char *s = c->z->s;
    size_t cb = clause_start(s, sb, c->it.v[i].b), w = cb;
    static const char *const these[] = {"上述三国", "上述两国", "上述", "以上", "这三国", NULL};
    for (size_t k = 0; these[k] && w == cb; k++) /* "上述三国合计进口9378.7万吨" */
        if (at(s + cb, these[k]))
            w = cb + strlen(these[k]);
    if (!(st->partner || c->prev_partners >= 2) ||
        !(at(s + w, "合计") || at(s + w, "共计") || at(s + w, "总计")))
        return;
    for (size_t j = i; j-- > 0 && c->it.v[j].b >= cb;)
        if (c->it.v[j].kind == I_PARTNER)
            return; /* "合计自俄罗斯进口…": a partner of its own */
    st->partner = st->partner && !strcmp(st->partner, "OTH") ? NULL : "SUM:LIST";
    st->group = NULL;
}

/* Figure item i: a claim of the sentence's subject, a base, a difference, or a change's
 * level. *rest: the sentence opens with 其他, the rest of a list. 0 or -1 (no memory). */
static int bind_fig_item(zctx *c, zstate *st, size_t i, size_t sb, size_t se, int *rest)
{
    const zitem *x = &c->it.v[i];
    size_t before = st->ngroup;
    if (*rest && !st->partner) { /* "其他：0.99万吨": the rest, not the total */
        st->metric = TF_METRIC_OTHER;
        *rest = 0;
    }
    if (x->diff && pend_change(c, st, i, sb))
        return 0;
    list_sum(c, st, i, sb);
    size_t nb, ne;
    st->unknown = unknown_object(c, i, sb, &nb, &ne);
    if (st->unknown) { /* the unknown commodity governs what follows */
        if (!(st->product = unknown_key(c, nb, ne)))
            return -1;
        st->blocked = 1;
        if (!x->other) /* a price or a forecast names no commodity of the note */
            note_product(c, st->product);
    }
    int figs = st->figures, cmp = st->has_cmp;
    /* listed: after 、 or 和, or a partner after one ("几内亚1279万吨、澳大利亚392万吨") */
    int listed = i && (c->it.v[i - 1].kind == I_LIST ||
                       (i >= 2 && c->it.v[i - 1].kind == I_PARTNER && c->it.v[i - 2].kind == I_LIST &&
                        st->ngroup && c->it.v[i - 1].e == x->b));
    if (bind_figure(c, st, x, listed, sb, se))
        return -1;
    if (st->aside && st->figures > figs) { /* back to the subject ("，9月为11302万吨") */
        st->from = st->to = st->keep_from;
        st->pb = st->keep_pb, st->pe = st->keep_pe;
        c->last_claim = st->keep_claim;
        st->aside = 0;
    }
    if (st->npend && st->figures > figs) { /* "较上月减少2.1万吨至15.6万吨": on 上月 */
        st->has_cmp = cmp;
        bind_pending(c, st);
        st->has_cmp = 0;
    }
    st->partner_figs++;
    if (st->ngroup == 1 && before != 1)
        st->group_item = i;
    return 0;
}

/* Bind the items of sentence [sb, se) into claims. */
static int bind_sentence(zctx *c, size_t sb, size_t se)
{
    zstate st;
    size_t first = c->a->n_claims;
    int card = is_card_line(c->z->s, sb, se);
    sentence_setup(c, &st, sb, se, card);
    int rest = at(c->z->s + sb, "其他") || at(c->z->s + sb, "其它") || at(c->z->s + sb, "其余");
    zreporter(c);
    zreporter_subject(c, sb);
    int lead = 1; /* nothing but changes yet: they may continue the last sentence */
    for (size_t i = 0; i < c->it.n; i++) {
        const zitem *x = &c->it.v[i];
        if (st.ngroup && x->kind != I_FIG && x->kind != I_LIST) {
            bind_list_partners(c, &st, st.group_item);
            st.run_start = i;
        }
        switch (x->kind) {
        case I_PERIOD:
            if (zh_self_comparison(c, &st, x, sb, se))
                return -1;
            partner_scope(c, &st, i, sb);
            bind_period(c, &st, x, sb);
            break;
        case I_METRIC:
            if (!x->net_export)
                flow_after(c, &st, x->metric);
            st.metric = x->metric;
            st.net_export = x->net_export;
            lead = 0;
            break;
        case I_PRODUCT: /* "其他铝材0.6万吨": the rest of a breakdown by product, not the total */
            if (x->b >= 6 && (at(c->z->s + x->b - 6, "其他") || at(c->z->s + x->b - 6, "其它") ||
                              at(c->z->s + x->b - 6, "其余")))
                st.metric = TF_METRIC_OTHER;
            st.product = x->key;
            note_product(c, x->key);
            st.blocked = 0;
            lead = 0;
            break;
        case I_PARTNER:
            if (bind_partner(c, &st, i))
                return -1;
            break;
        case I_CUM:
            st.cum = 1;
            break;
        case I_CLAUSE:
            st.has_cmp = 0;
            if (at(c->z->s + x->b, "；") || c->z->s[x->b] == ';')
                st.group = NULL;
            break;
        case I_FIG:
            if (bind_fig_item(c, &st, i, sb, se, &rest))
                return -1;
            lead = 0;
            break;
        case I_PP: /* "占比61.2%，较上月提高1.3个百分点": the share's change */
            if (x->listed ? bind_rate_pp(c, &st, x) : (bind_share_pp(c, x, sb), 0))
                return -1;
            break;
        case I_CHG:
        case I_SHARE:
            if (x->listed == 3) { /* held together by several partners */
                if (combined_share(c, i, sb))
                    return -1;
                break;
            }
            if (x->kind == I_CHG && x->listed != 4 && pend_change(c, &st, i, sb))
                break;
            if (!st.figures && !lead)
                break;
            if (x->kind == I_SHARE && period_share(c, i, sb))
                break;
            if (x->kind == I_CHG && x->listed == 4) {
                if (bind_fold(c, &st, x))
                    return -1;
            } else if (x->kind == I_CHG)
                bind_change(c, &st, x);
            else
                bind_share(c, &st, x, sb);
            break;
        default:
            break;
        }
    }
    if (st.ngroup)
        bind_list_partners(c, &st, st.group_item);
    list_opens(c, &st, sb, se);
    c->line_named = st.named && c->z->s[se] == '\n' && (card || st.pe);
    c->prev_product = st.product; /* a product carries to the next sentence only */
    if (st.product)
        c->last_product = st.product;
    if (!st.figures && !lead)
        c->last_claim = (size_t)-1;
    c->prev_flow = st.figures ? st.metric : TF_METRIC_NONE;
    c->prev_named = st.figures && st.named;
    c->prev_partners = 0;
    for (size_t k = first; k < c->a->n_claims; k++)
        c->prev_partners += strcmp(c->a->claims[k].partner, "WLD") != 0;
    return 0;
}

/* ------------------------------------------------------------------- notes */

/* A sentence ends at 。！？!? or a line end. */
static size_t sentence_end(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] != '\n' && s[i] != '!' && s[i] != '?' && !at(s + i, "。") &&
           !at(s + i, "！") && !at(s + i, "？"))
        i++;
    return i;
}

/* The product a note's title names, when it names exactly one. */
static const char *title_product(zctx *c, const char *title)
{
    const char *found = NULL;
    for (const char *p = title; *p; p++) {
        const zname *nm = vocab_at(&c->prod, p);
        if (!nm)
            continue;
        if (found && strcmp(found, nm->key))
            return NULL;
        found = nm->key;
        p += strlen(nm->name) - 1;
    }
    return found;
}

int tf_audit_is_chinese(const char *text, size_t b, size_t e)
{
    size_t cjk = 0, latin = 0, n;
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = b; i < e; i += n) {
        unsigned c = cp_at(u + i, e - i, &n);
        if (is_cjk(c))
            cjk++;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            latin++;
    }
    return cjk >= 20 && cjk * 2 > latin;
}


/* The sentence around the bytes [b, e) of the text (from the line start or
 * the 。 before to the 。 or line end after) as cl's span. */
static void sentence_span(const zctx *c, size_t b, size_t e, tf_claim *cl)
{
    const char *s = c->z->s;
    while (b > 0 && s[b - 1] != '\n' && !(b >= 3 && at(s + b - 3, "。")))
        b--;
    while (s[e] && !at(s + e, "。") && s[e] != '\n')
        e++;
    cl->sent_start = c->z->from[b];
    cl->sent_end = c->z->to[e - 1];
}
/* The finding of zh_dekads: the daily average s[ab, ae) against the dekads' sum. */
static int dekad_finding(zctx *c, size_t ab, size_t ae, double avg, int adec, double sum,
                         int days, int mi)
{
    const char *s = c->z->s;
    int wan = at(s + ae - strlen("万吨"), "万吨");
    double scale = wan ? 1e4 : 1;
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period.from = cl.period.to = mi;
    stated_set(c, ab, ae, avg, avg, avg, &cl.quantity);
    sentence_span(c, ab, ae, &cl);
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "inconsistent", "quantity", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start);
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.stated = avg / scale;
    f.has_proposed = 1;
    double u = pow(10, -adec);
    f.proposed = round(sum / days / scale / u) * u;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%.*f%s", adec, f.proposed,
           wan ? "万吨" : "吨");
    f.confidence = 0.6;
    char a1[48], a2[48];
    tf_num_words(avg * days, 0, a1, sizeof a1);
    tf_num_words(sum, 0, a2, sizeof a2);
    tf_fmt(f.equation, sizeof f.equation,
           "daily average x %d days = the sum of the three dekads: %s vs %s", days, a1, a2);
    tf_fmt(f.evidence, sizeof f.evidence,
           "the dekads (上旬, 中旬, 下旬) add up to %s t over the month's %d days, %.*f%s a day; "
           "the daily average printed, %.*f%s, makes %s t", a2, days, adec, f.proposed,
           wan ? "万吨" : "吨", adec, avg / scale, wan ? "万吨" : "吨", a1);
    return tf_audit_add_finding(c->a, &f);
}

/* --------------------------------------------------------------- dekads */

/* The first figure in 吨 or 万吨 within 40 bytes after s[i] (before a 。 or line end): its
 * value in t, printed decimals, and byte span [*b, *e). 0 when none. */
static int tonnage_after(const char *s, size_t i, double *t, int *dec, size_t *b, size_t *e)
{
    for (size_t k = i; s[k] && k < i + 40 && !at(s + k, "。") && s[k] != '\n'; k++) {
        if (!is_digit(s[k]))
            continue;
        double v;
        int tz;
        size_t n = number_at(s + k, &v, dec, &tz);
        double f = at(s + k + n, "万吨") ? 1e4 : at(s + k + n, "吨") ? 1 : 0;
        if (!f)
            return 0;
        *t = v * f;
        *b = k;
        *e = k + n + (f > 1 ? strlen("万吨") : strlen("吨"));
        return 1;
    }
    return 0;
}

static int days_in_month(int mi)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = tf_mi_year(mi), m = tf_mi_month(mi);
    return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : d[m - 1];
}

/* "3月份，日均进口19.94万吨……上旬143.46万吨，中旬250.04万吨，下旬170.21万吨": the daily
 * average times the month's days is the sum of its three dekads (上旬 days 1-10, 中旬
 * 11-20, 下旬 21 to the end). Where not, within the printed figures' rounding, the daily
 * average (the figure derived from the others) is an error, the sum over the days proposed.
 * The month is the last "N月" before 日均 in its sentence, resolved against the note's
 * date. 0, or -1 when out of memory. */
static int zh_dekads(zctx *c)
{
    const char *s = c->z->s;
    const char *p = strstr(s, "日均");
    if (!p)
        return 0;
    size_t i = (size_t)(p - s), ab, ae, db[3], de[3];
    double avg, dk[3];
    int adec, ddec[3];
    static const char *const names[3] = {"上旬", "中旬", "下旬"};
    if (!tonnage_after(s, i + strlen("日均"), &avg, &adec, &ab, &ae))
        return 0;
    for (int k = 0; k < 3; k++) {
        const char *q = strstr(s + ae, names[k]);
        if (!q || !tonnage_after(s, (size_t)(q - s) + strlen(names[k]), &dk[k], &ddec[k], &db[k],
                                 &de[k]))
            return 0;
    }
    int month = 0;
    for (size_t k = i; k > 0 && i - k < 60 && !month; k--)
        if (at(s + k, "月") && is_digit(s[k - 1])) {
            size_t b = k;
            while (b > 0 && is_digit(s[b - 1]))
                b--;
            month = (int)strtol(s + b, NULL, 10);
        }
    if (month < 1 || month > 12 || c->ref < 0)
        return 0;
    int mi = tf_mi_year(c->ref) * 12 + month - 1;
    if (mi > c->ref)
        mi -= 12;
    int days = days_in_month(mi);
    double half_a = 0.5 * pow(10, -adec) * (at(s + ae - strlen("万吨"), "万吨") ? 1e4 : 1);
    double sum = dk[0] + dk[1] + dk[2], half_s = 0;
    for (int k = 0; k < 3; k++)
        half_s += 0.5 * pow(10, -ddec[k]) * (at(s + de[k] - strlen("万吨"), "万吨") ? 1e4 : 1);
    if (fabs(avg * days - sum) <= half_a * days + half_s)
        return 0;
    return dekad_finding(c, ab, ae, avg, adec, sum, days, mi);
}


/* --------------------------------------------------------------- conversions */

/* A sum of money at s[i]: a number and 万亿元, 亿元, 万元, 元 (yuan, optionally 人民币)
 * or 万亿美元, 亿美元, 万美元, 美元 (US dollars), not a price (元/吨, 美元每吨). Its value
 * in units, *usd, the number's value, decimals and end [*ne) and the sum's end *e; 0 none. */
static int money_zh(const char *s, size_t i, double *v, int *usd, double *num, int *dec,
                    size_t *ne, size_t *e)
{
    static const struct { const char *w; double f; int usd; } u[] = {
        {"万亿美元", 1e12, 1}, {"亿美元", 1e8, 1}, {"万美元", 1e4, 1}, {"美元", 1, 1},
        {"万亿元", 1e12, 0},   {"亿元", 1e8, 0},   {"万元", 1e4, 0},   {"元", 1, 0},
        {NULL, 0, 0}};
    int tz;
    size_t n = is_digit(s[i]) ? number_at(s + i, num, dec, &tz) : 0;
    if (!n)
        return 0;
    size_t k = i + n;
    if (at(s + k, "人民币"))
        k += strlen("人民币");
    for (size_t w = 0; u[w].w; w++)
        if (at(s + k, u[w].w)) {
            size_t end = k + strlen(u[w].w);
            if (s[end] == '/' || at(s + end, "每"))
                return 0;
            *v = *num * u[w].f;
            *usd = u[w].usd;
            *ne = i + n;
            *e = end;
            return 1;
        }
    return 0;
}

/* The finding on the bracketed sum s[bb, be) (number s[bb, bn)) of a conversion whose
 * implied rate is outside CNY_PER_USD_MIN..MAX; p: the power of ten that brings it
 * within (0 none). */
static int zh_conversion_finding(zctx *c, size_t bb, size_t bn, size_t be, double num, int dec,
                                 int usd, int p, double rate)
{
    const char *s = c->z->s;
    tf_claim cl = slip_claim(c);
    stated_set(c, bb, be, num, num, num, &cl.quantity);
    sentence_span(c, bb, be, &cl);
    tf_finding f;
    const char *kind = tf_audit_conversion_kind(p);
    if (tf_audit_slip_claim(c->a, &cl, usd ? "USD" : "CNY", kind, "value", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start);
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.stated = num;
    if (p) {
        f.has_proposed = 1;
        f.proposed = num * pow(10, p);
        int d = dec > p ? dec - p : 0;
        tf_fmt(f.proposed_text, sizeof f.proposed_text, "%.*f%.*s", d, f.proposed,
               (int)(be - bn), s + bn);
    }
    tf_audit_conversion_explain(&f, rate, p);
    return tf_audit_add_finding(c->a, &f);
}

/* "1234.5亿元（约合190.2亿美元）", "190.2亿美元(折合人民币1234.5亿元)": a sum and its
 * conversion in brackets imply a rate of yuan per dollar; outside the bounds the
 * bracketed sum is an error, with the decimal point moved where that brings it within
 * (as in English notes, docs/audit.md section 4, conversion). 0, or -1 (no memory). */
static int zh_conversions(zctx *c)
{
    static const char *const lead[] = {"约合", "折合", "相当于", "约为", "约", "合", NULL};
    const char *s = c->z->s;
    for (size_t i = 0; i < c->z->n; i++) {
        double a, b, na, nb;
        int ua, ub, da, db;
        size_t ne, ea, bn, eb;
        if ((i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.')) ||
            !money_zh(s, i, &a, &ua, &na, &da, &ne, &ea))
            continue;
        size_t j = ea;
        if (s[j] == '(')
            j++;
        else if (at(s + j, "（"))
            j += strlen("（");
        else
            continue;
        for (size_t w = 0; lead[w]; w++)
            if (at(s + j, lead[w])) {
                j += strlen(lead[w]);
                break;
            }
        if (at(s + j, "人民币"))
            j += strlen("人民币");
        if (!money_zh(s, j, &b, &ub, &nb, &db, &bn, &eb) || ua == ub || a <= 0 || b <= 0)
            continue;
        double rate = ua ? b / a : a / b;
        i = eb - 1;
        if (rate >= TF_CNY_PER_USD_MIN && rate <= TF_CNY_PER_USD_MAX)
            continue;
        int p = 0;
        for (int q = 1; q <= 3 && !p; q++)
            for (int sg = -1; sg <= 1 && !p; sg += 2) {
                double r = ub ? a / (b * pow(10, sg * q)) : b * pow(10, sg * q) / a;
                if (r >= TF_CNY_PER_USD_MIN && r <= TF_CNY_PER_USD_MAX)
                    p = sg * q;
            }
        if (zh_conversion_finding(c, j, bn, eb, nb, db, ub, p, rate))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- unit values */

/* The figure at s+i: 0 none; 1 a sum (*V), 2 a quantity (*Q), 3 a unit value (*P): "每吨
 * 6.62万元", "均价每吨67488元", "3282元/吨". *end the byte after it. */
/* Whether a money figure at s+i is a price per tonne its clause gives before it ("每吨568.9元",
 * "每公吨均价约106美元"): 每吨 or 每公吨 in the 24 bytes before, no comma between. */
static int per_tonne_before(const char *s, size_t i)
{
    size_t from = i > 24 ? i - 24 : 0, k = last_in(s, from, i, "每吨");
    if (k == (size_t)-1)
        k = last_in(s, from, i, "每公吨");
    return k != (size_t)-1 && last_in(s, k, i, "，") == (size_t)-1 &&
           last_in(s, k, i, ",") == (size_t)-1;
}

static int zuv_at(const char *s, size_t i, zuv *x, size_t *end)
{
    static const struct { const char *w; double f; int cur; } per[] = {
        {"万元/吨", 1e4, 1}, {"元/吨", 1, 1}, {"美元/吨", 1, 2}, {NULL, 0, 0}};
    double v, num;
    int usd, dec, tz, other;
    size_t ne, e, n, len;
    if (money_zh(s, i, &v, &usd, &num, &dec, &ne, &e)) {
        int unit = per_tonne_before(s, i);
        zuv_set(x, i, ne, e, num, dec, v / num, usd ? 2 : 1);
        *end = e;
        return num > 0 ? unit ? 3 : 1 : 0;
    }
    if (!(n = number_at(s + i, &num, &dec, &tz)) || num <= 0)
        return 0;
    for (size_t w = 0; per[w].w; w++)
        if (at(s + i + n, per[w].w)) {
            zuv_set(x, i, i + n, i + n + strlen(per[w].w), num, dec, per[w].f, per[w].cur);
            *end = x->e;
            return 3;
        }
    double f = unit_at(s + i + n, &usd, &other, &len);
    if (f <= 0 || usd || other)
        return 0;
    zuv_set(x, i, i + n, i + n + len, num, dec, f, 0);
    *end = x->e;
    return 2;
}

/* The YoY of the figure ending at e: the first percentage before `next` (the next
 * figure) with a direction word right before it, unless a MoM (环比) is what it is. */
static void zuv_yoy(const char *s, size_t e, size_t next, zuv_pct *y)
{
    memset(y, 0, sizeof *y);
    for (size_t i = e; i < next; i++) {
        int dec, tz;
        double v;
        size_t n = (is_digit(s[i]) && !is_digit(s[i - 1])) ? number_at(s + i, &v, &dec, &tz) : 0;
        if (!n || s[i + n] != '%')
            continue;
        int sign = 0;
        for (size_t w = 0; up_words[w] && !sign; w++)
            if (i >= e + strlen(up_words[w]) && at(s + i - strlen(up_words[w]), up_words[w]))
                sign = 1;
        for (size_t w = 0; down_words[w] && !sign; w++)
            if (i >= e + strlen(down_words[w]) && at(s + i - strlen(down_words[w]), down_words[w]))
                sign = -1;
        if (!sign || last_in(s, e, i, "环比") != (size_t)-1)
            return;
        double half = 0.5 * pow(10, -dec);
        *y = (zuv_pct){1, dec, sign, i, i + n, i + n + 1, v, sign * v - half, sign * v + half};
        return;
    }
}

/* The one of three printed changes a slip turned (a flipped direction, a digit, the point)
 * from one within [lo, hi]: its kind, the signed value in *fixed. */
static const char *zuv_pct_slip(const zuv_pct *y, double lo, double hi, double *fixed)
{
    double half = 0.5 * pow(10, -y->dec), v = -y->sign * y->num;
    if (v + half >= lo && v - half <= hi) {
        *fixed = v;
        return "direction-flipped";
    }
    zuv u;
    zuv_set(&u, 0, 0, 0, y->num, y->dec, 1, 0);
    const char *k = y->sign > 0 ? zuv_slip(&u, lo, hi, fixed) : zuv_slip(&u, -hi, -lo, fixed);
    if (k)
        *fixed *= y->sign;
    return k;
}

/* Where the next figure of a unit-value check after byte e starts (se when none). */
static size_t zuv_next(const char *s, size_t e, size_t se)
{
    zuv x;
    size_t end;
    for (size_t i = e; i < se; i++)
        if (!is_digit(s[i - 1]) && s[i - 1] != '.' && s[i - 1] != ',' && zuv_at(s, i, &x, &end))
            return i;
    return se;
}

/* The finding on figure u of a unit-value check (its kind, the number proposed). */
static int zuv_finding(zctx *c, const zuv *u, const char *kind, double fixed, const zuv *V,
                       const zuv *Q, const zuv *P)
{
    const char *s = c->z->s, *cur = V->cur == 2 ? "USD" : "CNY";
    tf_claim cl = slip_claim(c);
    stated_set(c, u->b, u->e, u->val, u->lo, u->hi, &cl.quantity);
    sentence_span(c, u->b, u->e, &cl);
    tf_finding g;
    if (tf_audit_slip_claim(c->a, &cl, u == Q ? "t" : cur, kind, u == Q ? "quantity" : "value",
                            &g))
        return -1;
    g.start = tf_note_char_offset(c->nt, cl.quantity.start);
    g.end = tf_note_char_offset(c->nt, cl.quantity.end);
    g.stated = u->num;
    g.has_proposed = 1;
    g.proposed = fixed * u->f; /* in the claim's unit (t, CNY, USD), as the equations' */
    g.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    int dec = tf_audit_fix_decimals(fixed, u->dec);
    tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f%.*s", dec, fixed, (int)(u->e - u->nb),
           s + u->nb);
    tf_audit_unit_value_text(&g, V->val, Q->val, P->val, cur, u == P);
    return tf_audit_add_finding(c->a, &g);
}

/* unit value = value / quantity (DOMAIN.md section 2) within the figures' rounding: where
 * not, the one figure a slip explains (the unit value first), else the unit value, with
 * the value that makes the three agree. */
static int zuv_check(zctx *c, const zuv *V, const zuv *Q, const zuv *P)
{
    if (V->cur != P->cur || (V->hi / Q->lo >= P->lo && V->lo / Q->hi <= P->hi))
        return 0;
    double fx[3];
    const char *kd[3] = {zuv_slip(P, V->lo / Q->hi, V->hi / Q->lo, &fx[0]),
                         zuv_slip(V, P->lo * Q->lo, P->hi * Q->hi, &fx[1]),
                         zuv_slip(Q, V->lo / P->hi, V->hi / P->lo, &fx[2])};
    const zuv *fig[3] = {P, V, Q};
    int pick = kd[0] ? 0 : kd[1] && !kd[2] ? 1 : kd[2] && !kd[1] ? 2 : -1;
    if (pick >= 0)
        return zuv_finding(c, fig[pick], kd[pick], fx[pick], V, Q, P);
    double r = pow(10, P->dec);
    return zuv_finding(c, P, "inconsistent", round(V->val / Q->val / P->f * r) / r, V, Q, P);
}

/* The finding on the change y of a unit-value YoY check. */
static int zuv_pct_finding(zctx *c, const zuv_pct *y, const char *kind, double fixed,
                           const zuv *V, const zuv *Q, const zuv *P)
{
    tf_claim cl = slip_claim(c);
    stated_set(c, y->b, y->e, y->sign * y->num, y->lo, y->hi, &cl.yoy);
    cl.quantity = cl.yoy;
    sentence_span(c, y->b, y->e, &cl);
    tf_finding g;
    if (tf_audit_slip_claim(c->a, &cl, "%", kind, "yoy", &g))
        return -1;
    g.start = tf_note_char_offset(c->nt, cl.yoy.start);
    g.end = tf_note_char_offset(c->nt, cl.yoy.end);
    g.stated = y->sign * y->num;
    g.has_proposed = 1;
    g.proposed = fixed;
    g.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f%%", y->dec, fixed);
    double pv = V->yoy.sign * V->yoy.num, pq = Q->yoy.sign * Q->yoy.num;
    tf_fmt(g.equation, sizeof g.equation,
           "1 + YoY of the unit value = (1 + YoY of the value) / (1 + YoY of the quantity): "
           "(1 %+.*f%%) / (1 %+.*f%%) - 1 = %+.2f%% vs %+.*f%% stated", V->yoy.dec, pv,
           Q->yoy.dec, pq, 100 * ((1 + pv / 100) / (1 + pq / 100) - 1), P->yoy.dec,
           P->yoy.sign * P->yoy.num);
    tf_fmt(g.evidence, sizeof g.evidence,
           "the YoY of the value, of the quantity and of the unit value disagree beyond their "
           "rounding; %s makes the three agree", g.proposed_text);
    return tf_audit_add_finding(c->a, &g);
}

/* The YoY of a value, of its quantity and of its unit value: 1 + p = (1 + v) / (1 + q)
 * (unit value = value / quantity, both periods; DOMAIN.md section 2) within their rounding.
 * Where not, the one a slip explains (the unit value's first), else the unit value's. */
static int zuv_yoy_check(zctx *c, const zuv *V, const zuv *Q, const zuv *P)
{
    const zuv_pct *v = &V->yoy, *q = &Q->yoy, *p = &P->yoy;
    if (!v->has || !q->has || !p->has || q->lo <= -100 || q->hi <= -100)
        return 0;
    double lo = 100 * ((1 + v->lo / 100) / (1 + q->hi / 100) - 1);
    double hi = 100 * ((1 + v->hi / 100) / (1 + q->lo / 100) - 1);
    if (hi >= p->lo && lo <= p->hi)
        return 0;
    double fx[3];
    const char *kd[3] = {
        zuv_pct_slip(p, lo, hi, &fx[0]),
        zuv_pct_slip(v, 100 * ((1 + p->lo / 100) * (1 + q->lo / 100) - 1),
                     100 * ((1 + p->hi / 100) * (1 + q->hi / 100) - 1), &fx[1]),
        zuv_pct_slip(q, 100 * ((1 + v->lo / 100) / (1 + p->hi / 100) - 1),
                     100 * ((1 + v->hi / 100) / (1 + p->lo / 100) - 1), &fx[2])};
    const zuv_pct *fig[3] = {p, v, q};
    int pick = kd[0] ? 0 : kd[1] && !kd[2] ? 1 : kd[2] && !kd[1] ? 2 : -1;
    if (pick >= 0)
        return zuv_pct_finding(c, fig[pick], kd[pick], fx[pick], V, Q, P);
    double r = pow(10, p->dec), need = 0.5 * (lo + hi);
    return zuv_pct_finding(c, p, "inconsistent", round(need * r) / r, V, Q, P);
}

/* "进口金额287.5亿元，…，均价每吨67488元" with "进口42.6万吨": a sentence's one sum in a
 * currency, one quantity and one unit value in that currency a tonne are checked; a
 * sentence with a unit value alone ("进口均价每吨6.62万元") takes the sum and quantity of the
 * sentence before. With more than one of a kind, which goes with which is not sure, and
 * nothing is checked. 0, or -1 when out of memory. */
/* The quantity a value figure V in dollars is of, when its sentence prints none ("进口金额为
 * 117.2亿美元，每吨均价约106美元" after the tonnage): the printed quantity of the claim of the
 * same flow, product, partner and period. 1 when found, in *Q. */
static int value_quantity(const zctx *c, const zuv *V, zuv *Q)
{
    const tf_claim *v = NULL;
    for (size_t k = c->a->n_claims; k-- > 0 && c->a->claims[k].note == c->note && !v;)
        if (c->a->claims[k].quantity.start == c->z->from[V->b] && V->cur == 2)
            v = &c->a->claims[k];
    if (!v || (v->metric != TF_METRIC_IMPORT_VALUE && v->metric != TF_METRIC_EXPORT_VALUE))
        return 0;
    tf_metric m = v->metric == TF_METRIC_IMPORT_VALUE ? TF_METRIC_IMPORT : TF_METRIC_EXPORT;
    for (size_t k = c->a->n_claims; k-- > 0 && c->a->claims[k].note == c->note;) {
        const tf_claim *q = &c->a->claims[k];
        if (q->metric == m && q->quantity.has && !strcmp(q->product, v->product) &&
            !strcmp(q->partner, v->partner) && q->period.from == v->period.from &&
            q->period.to == v->period.to)
            return claim_zuv(c, q, Q);
    }
    return 0;
}

static int zh_unit_values(zctx *c)
{
    const char *s = c->z->s;
    zuv pv = {0}, pq = {0};
    int prev_ok = 0;
    for (size_t b = 0; b < c->z->n;) {
        size_t se = sentence_end(s, b, c->z->n), end;
        zuv x, V[3], Q, P;
        int nv[3] = {0, 0, 0}, nq = 0, np = 0;
        for (size_t i = b; i < se; i++) {
            int k = (i > b && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ','))
                        ? 0 : zuv_at(s, i, &x, &end);
            if (!k)
                continue;
            zuv_yoy(s, end, zuv_next(s, end, se), &x.yoy);
            if (k == 1 && !nv[x.cur]++)
                V[x.cur] = x;
            else if (k == 2 && !nq++)
                Q = x;
            else if (k == 3 && !np++)
                P = x;
            i = end - 1;
        }
        if (np == 1 && nq == 1 && nv[P.cur] == 1 &&
            (zuv_check(c, &V[P.cur], &Q, &P) || zuv_yoy_check(c, &V[P.cur], &Q, &P)))
            return -1;
        if (np == 1 && !nq && nv[P.cur] == 1 && value_quantity(c, &V[P.cur], &Q) &&
            zuv_check(c, &V[P.cur], &Q, &P))
            return -1;
        if (np == 1 && !nq && !nv[1] && !nv[2] && prev_ok &&
            (zuv_check(c, &pv, &pq, &P) || zuv_yoy_check(c, &pv, &pq, &P)))
            return -1;
        prev_ok = nq == 1 && (nv[1] == 1 || nv[2] == 1) && nv[1] + nv[2] <= 2 && !np;
        if (prev_ok)
            pv = nv[1] == 1 ? V[1] : V[2], pq = Q;
        b = se < c->z->n ? se + ((unsigned char)s[se] < 0x80 ? 1 : 3) : se;
    }
    return 0;
}

/* ------------------------------------------------------- trade balance */

/* A customs release's goods trade ("进出口3.70万亿元，增长0.1%。其中，出口2.17万亿元，下降0.8%；
 * 进口1.53万亿元，增长1.4%；贸易顺差6400亿元，收窄5.7%"): the total, exports, imports and the
 * surplus, in one currency, each with its YoY (has 0 when none). */
typedef struct ztrade {
    zuv t, x, m, s;
    int has_s;
} ztrade;

/* The YoY after a trade figure ending at e: as zuv_yoy, and a surplus's 收窄 (narrowed). */
static void trade_yoy(const char *s, size_t e, size_t next, zuv_pct *y)
{
    zuv_yoy(s, e, next, y);
    size_t k = last_in(s, e, next, "收窄");
    double v;
    int dec, tz;
    size_t n = k == (size_t)-1 || y->has ? 0 : number_at(s + k + strlen("收窄"), &v, &dec, &tz);
    if (!n || s[k + strlen("收窄") + n] != '%')
        return;
    size_t b = k + strlen("收窄");
    double half = 0.5 * pow(10, -dec);
    *y = (zuv_pct){1, dec, -1, b, b + n, b + n + 1, v, -v - half, -v + half};
}

/* The money figure word w heads in s[i, e) ("出口2.17万亿元", "贸易顺差为6400亿元"), not
 * inside 进出口; its end, 0 when none. */
static size_t trade_figure(const char *s, size_t i, size_t e, const char *w, zuv *u)
{
    size_t k = i;
    while (k < e && (!at(s + k, w) || (!strcmp(w, "出口") && k >= 3 && at(s + k - 3, "进"))))
        k++;
    if (k >= e)
        return 0;
    k += strlen(w);
    for (size_t j = k; j < e && j < k + 12; j++) {
        double v, num;
        int usd, dec;
        size_t ne, end;
        if (is_digit(s[j]) && money_zh(s, j, &v, &usd, &num, &dec, &ne, &end) && num > 0) {
            zuv_set(u, j, ne, end, num, dec, v / num, usd ? 2 : 1);
            trade_yoy(s, end, zuv_next(s, end, e), &u->yoy);
            return end;
        }
    }
    return 0;
}

/* The finding on trade figure u (a value, or its YoY when pct): kind, the number proposed,
 * the relation's text. */
static int trade_finding(zctx *c, const zuv *u, int pct, const char *kind, double fixed,
                         const char *relation)
{
    tf_claim cl = slip_claim(c);
    const zuv_pct *y = &u->yoy;
    if (pct)
        stated_set(c, y->b, y->e, y->sign * y->num, y->lo, y->hi, &cl.quantity);
    else
        stated_set(c, u->b, u->e, u->val, u->lo, u->hi, &cl.quantity);
    sentence_span(c, pct ? y->b : u->b, pct ? y->e : u->e, &cl);
    tf_finding g;
    if (tf_audit_slip_claim(c->a, &cl, pct ? "%" : u->cur == 2 ? "USD" : "CNY", kind,
                            pct ? "yoy" : "value", &g))
        return -1;
    g.start = tf_note_char_offset(c->nt, cl.quantity.start);
    g.end = tf_note_char_offset(c->nt, cl.quantity.end);
    g.stated = pct ? y->sign * y->num : u->num;
    g.has_proposed = 1;
    g.proposed = pct ? fixed : fixed * u->f;
    g.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    if (pct)
        tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f%%", y->dec, fixed);
    else
        tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f%.*s",
               tf_audit_fix_decimals(fixed, u->dec), fixed, (int)(u->e - u->nb), c->z->s + u->nb);
    tf_fmt(g.equation, sizeof g.equation, "%s", relation);
    tf_fmt(g.evidence, sizeof g.evidence,
           "goods trade: total = exports + imports, surplus = exports - imports, and so their "
           "values a year before (each figure / (1 + its YoY)); %s makes them agree",
           g.proposed_text);
    return tf_audit_add_finding(c->a, &g);
}

/* Of candidate figures f[0..n) with the intervals [lo, hi] the others give, the one slip
 * explains (the first that does): its finding; else "inconsistent" on f[0]. */
static int trade_blame(zctx *c, zuv *const *f, const double *lo, const double *hi, int n,
                       int pct, const char *relation)
{
    for (int k = 0; k < n; k++) {
        double fixed;
        const char *kind = pct ? zuv_pct_slip(&f[k]->yoy, lo[k], hi[k], &fixed)
                               : zuv_slip(f[k], lo[k], hi[k], &fixed);
        if (kind)
            return trade_finding(c, f[k], pct, kind, fixed, relation);
    }
    double mid = 0.5 * (lo[0] + hi[0]);
    if (pct)
        return trade_finding(c, f[0], 1, "inconsistent", round(mid * pow(10, f[0]->yoy.dec)) /
                                                             pow(10, f[0]->yoy.dec), relation);
    return trade_finding(c, f[0], 0, "inconsistent", round(mid / f[0]->f * pow(10, f[0]->dec)) /
                                                         pow(10, f[0]->dec), relation);
}

/* total = exports + imports, surplus = exports - imports within the figures' rounding; where
 * not, the figure a slip explains (the total or the surplus when its relation alone fails,
 * exports or imports when both do). *ok 1 when both hold. */
static int trade_levels(zctx *c, const ztrade *r, int *ok)
{
    zuv *t = (zuv *)&r->t, *x = (zuv *)&r->x, *m = (zuv *)&r->m, *s = (zuv *)&r->s;
    int ok_t = t->lo <= x->hi + m->hi && t->hi >= x->lo + m->lo;
    int ok_s = !r->has_s || (s->lo <= x->hi - m->lo && s->hi >= x->lo - m->hi);
    if ((*ok = ok_t && ok_s))
        return 0;
    char rel[200];
    if (!ok_t)
        tf_fmt(rel, sizeof rel, "total = exports + imports: %.2f亿 vs %.2f亿", t->val / 1e8,
               (x->val + m->val) / 1e8);
    else
        tf_fmt(rel, sizeof rel, "surplus = exports - imports: %.2f亿 vs %.2f亿", s->val / 1e8,
               (x->val - m->val) / 1e8);
    if (ok_t) {
        zuv *f[1] = {s};
        double lo[1] = {x->lo - m->hi}, hi[1] = {x->hi - m->lo};
        return trade_blame(c, f, lo, hi, 1, 0, rel);
    }
    if (!r->has_s || ok_s) { /* with a surplus that holds, exports and imports stand */
        zuv *f[3] = {t, x, m};
        double lo[3] = {x->lo + m->lo, t->lo - m->hi, t->lo - x->hi};
        double hi[3] = {x->hi + m->hi, t->hi - m->lo, t->hi - x->lo};
        return trade_blame(c, f, lo, hi, r->has_s ? 1 : 3, 0, rel);
    }
    zuv *f[2] = {x, m};
    double lo[2] = {fmax(t->lo - m->hi, s->lo + m->lo), fmax(t->lo - x->hi, x->lo - s->hi)};
    double hi[2] = {fmin(t->hi - m->lo, s->hi + m->hi), fmin(t->hi - x->lo, x->hi - s->lo)};
    return trade_blame(c, f, lo, hi, 2, 0, rel);
}

/* The value a year before of figure u: [lo, hi] from its rounding and its YoY's. */
static void trade_base(const zuv *u, double *lo, double *hi)
{
    *lo = u->lo / (1 + u->yoy.hi / 100);
    *hi = u->hi / (1 + u->yoy.lo / 100);
}

/* The YoY of figure u that a value a year before within [blo, bhi] gives, in %. */
static void trade_pct(const zuv *u, double blo, double bhi, double *lo, double *hi)
{
    *lo = blo > 0 ? 100 * (u->lo / bhi - 1) : -HUGE_VAL;
    *hi = blo > 0 ? 100 * (u->hi / blo - 1) : HUGE_VAL;
}

/* The same relations of the values a year before, each figure / (1 + its YoY): where they
 * fail, the YoY a slip explains. */
static int trade_growth(zctx *c, const ztrade *r)
{
    zuv *t = (zuv *)&r->t, *x = (zuv *)&r->x, *m = (zuv *)&r->m, *s = (zuv *)&r->s;
    double T[2], X[2], M[2], S[2] = {0, 0};
    trade_base(t, &T[0], &T[1]);
    trade_base(x, &X[0], &X[1]);
    trade_base(m, &M[0], &M[1]);
    int has_s = r->has_s && s->yoy.has;
    if (has_s)
        trade_base(s, &S[0], &S[1]);
    int ok_t = T[0] <= X[1] + M[1] && T[1] >= X[0] + M[0];
    int ok_s = !has_s || (S[0] <= X[1] - M[0] && S[1] >= X[0] - M[1]);
    if (ok_t && ok_s)
        return 0;
    char rel[200];
    const zuv *lhs = ok_t ? s : t;
    double xb = x->val / (1 + x->yoy.sign * x->yoy.num / 100),
           mb = m->val / (1 + m->yoy.sign * m->yoy.num / 100);
    tf_fmt(rel, sizeof rel, "%s a year before = exports %c imports a year before (each "
           "figure / (1 + its YoY)): %.2f亿 vs %.2f亿", ok_t ? "surplus" : "total", ok_t ? '-' : '+',
           lhs->val / (1 + lhs->yoy.sign * lhs->yoy.num / 100) / 1e8, (ok_t ? xb - mb : xb + mb) / 1e8);
    double lo[3], hi[3];
    if (ok_t) {
        zuv *f[1] = {s};
        trade_pct(s, X[0] - M[1], X[1] - M[0], &lo[0], &hi[0]);
        return trade_blame(c, f, lo, hi, 1, 1, rel);
    }
    if (ok_s) {
        zuv *f[3] = {t, x, m};
        trade_pct(t, X[0] + M[0], X[1] + M[1], &lo[0], &hi[0]);
        trade_pct(x, T[0] - M[1], T[1] - M[0], &lo[1], &hi[1]);
        trade_pct(m, T[0] - X[1], T[1] - X[0], &lo[2], &hi[2]);
        return trade_blame(c, f, lo, hi, has_s ? 1 : 3, 1, rel);
    }
    zuv *f[2] = {x, m};
    trade_pct(x, fmax(T[0] - M[1], S[0] + M[0]), fmin(T[1] - M[0], S[1] + M[1]), &lo[0], &hi[0]);
    trade_pct(m, fmax(T[0] - X[1], X[0] - S[1]), fmin(T[1] - X[0], X[1] - S[0]), &lo[1], &hi[1]);
    return trade_blame(c, f, lo, hi, 2, 1, rel);
}

/* Goods trade in a customs release: from each 进出口 with a money figure, its exports,
 * imports and surplus after it in the same paragraph (up to the next 进出口), in the
 * total's currency; the relations of their levels, then of their values a year before. */
static int zh_trade(zctx *c)
{
    const char *s = c->z->s;
    size_t n = c->z->n;
    for (size_t k = 0; k < n; k++) {
        if (!at(s + k, "进出口"))
            continue;
        size_t e = k + strlen("进出口");
        while (e < n && s[e] != '\n' && !at(s + e, "进出口"))
            e++;
        ztrade r;
        memset(&r, 0, sizeof r);
        size_t te = trade_figure(s, k, e, "进出口", &r.t);
        if (!te || !trade_figure(s, te, e, "出口", &r.x) ||
            !trade_figure(s, te, e, "进口", &r.m) || r.x.cur != r.t.cur || r.m.cur != r.t.cur)
            continue;
        r.has_s = trade_figure(s, te, e, "顺差", &r.s) && r.s.cur == r.t.cur;
        int ok;
        if (trade_levels(c, &r, &ok))
            return -1;
        if (ok && r.t.yoy.has && r.x.yoy.has && r.m.yoy.has && trade_growth(c, &r))
            return -1;
    }
    return 0;
}

/* The finding on the pp figure of r: kind, the signed pp proposed, the two YoYs (read
 * before the finding's claim is added: adding one may move the claims). */
static int rate_pp_finding(zctx *c, const zrate *r, const char *kind, double fixed,
                           const tf_claim *a, const tf_claim *b)
{
    char pa[48], pb[48], eq[256];
    tf_period_words(a->period, pa, sizeof pa);
    tf_period_words(b->period, pb, sizeof pb);
    tf_fmt(eq, sizeof eq,
           "change of the growth rate = YoY of %s - YoY of %s: %s - %s = %+.2f pp vs %+.*f pp "
           "stated", pa, pb, a->yoy.text, b->yoy.text, a->yoy.value - b->yoy.value, r->dec, r->v);
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period.from = r->from;
    cl.period.to = r->to;
    stated_set(c, r->b, r->e, r->v, r->lo, r->hi, &cl.quantity);
    sentence_span(c, r->b, r->e, &cl);
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "pp", kind, "pp", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, cl.quantity.start);
    f.end = tf_note_char_offset(c->nt, cl.quantity.end);
    f.stated = r->v;
    f.has_proposed = 1;
    f.proposed = fixed;
    f.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%+.*f pp", r->dec, fixed);
    tf_scopy(f.equation, sizeof f.equation, eq);
    tf_fmt(f.evidence, sizeof f.evidence,
           "the change of the growth rate in percentage points is the difference of the two "
           "YoYs the note prints; %s makes it agree", f.proposed_text);
    return tf_audit_add_finding(c->a, &f);
}

/* The claim of the note with a YoY for r's flow, product, partner and period from..to. */
static const tf_claim *rate_claim(const zctx *c, const zrate *r, int from, int to)
{
    for (size_t i = 0; i < c->a->n_claims; i++) {
        const tf_claim *cl = &c->a->claims[i];
        if (cl->note == c->note && cl->yoy.has && cl->metric == r->metric &&
            !strcmp(cl->product, r->product) && !strcmp(cl->partner, r->partner) &&
            cl->period.from == from && cl->period.to == to)
            return cl;
    }
    return NULL;
}

/* "增幅较1-5月收窄7.0个百分点": YoY(this) - YoY(the one compared) = the change in pp, within
 * their rounding. Where not, the pp figure is the error when a slip of it explains the
 * difference, or when no slip of either YoY does (those the equations reach); proposed,
 * the difference the YoYs give. 0, or -1 when out of memory. */
static int zh_rate_pps(zctx *c)
{
    for (size_t k = 0; k < c->n_rates; k++) {
        const zrate *r = &c->rates[k];
        const tf_claim *a = rate_claim(c, r, r->from, r->to), *b = rate_claim(c, r, r->cmp_from, r->cmp_to);
        if (!a || !b)
            continue;
        double lo = a->yoy.lo - b->yoy.hi, hi = a->yoy.hi - b->yoy.lo, fixed, g;
        if (hi >= r->lo && lo <= r->hi)
            continue;
        zuv_pct y = {1, r->dec, r->v < 0 ? -1 : 1, r->b, r->e, r->e, fabs(r->v), r->lo, r->hi};
        zuv_pct ya = {1, 1, a->yoy.value < 0 ? -1 : 1, 0, 0, 0, fabs(a->yoy.value), a->yoy.lo, a->yoy.hi};
        const char *kind = zuv_pct_slip(&y, lo, hi, &fixed);
        if (!kind && zuv_pct_slip(&ya, b->yoy.lo + r->lo, b->yoy.hi + r->hi, &g))
            continue; /* a slip of the YoY explains it: the equations blame it */
        if (!kind) {
            double p = pow(10, r->dec);
            kind = "inconsistent", fixed = round(0.5 * (lo + hi) * p) / p;
        }
        if (rate_pp_finding(c, r, kind, fixed, a, b))
            return -1;
    }
    return 0;
}

/* The printed number of a multiple ("2.3倍") as a zuv with no unit; 0 for tenths and folds. */
static int fold_multiple(const zctx *c, const zfold *f, zuv *u)
{
    double num;
    int dec, tz;
    size_t n = number_at(c->z->s + f->b, &num, &dec, &tz);
    if (!n || !at(c->z->s + f->b + n, "倍"))
        return 0;
    zuv_set(u, f->b, f->b + n, f->b + n + strlen("倍"), num, dec, 1, 3);
    return 1;
}

/* The finding of a change in tenths or folds: on figure u (kind, number proposed) or, when
 * u is NULL, on the fold's words (inconsistent, the change the figures give). */
static int fold_finding(zctx *c, const zfold *f, const zuv *u, const char *kind, double fixed,
                        double need)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = c->a->claims[f->claim].period;
    size_t b = u ? u->b : f->b, e = u ? u->e : f->e;
    stated_set(c, b, e, u ? u->val : f->v, u ? u->lo : f->lo, u ? u->hi : f->hi, &cl.quantity);
    sentence_span(c, b, e, &cl);
    tf_finding g;
    zuv mu;
    int times = fold_multiple(c, f, &mu); /* "2.3倍": proposed as a multiple */
    int qty = u && u->cur != 3;
    if (tf_audit_slip_claim(c->a, &cl, qty ? "t" : times ? "x" : "%", kind,
                            qty ? "quantity" : "yoy", &g))
        return -1;
    g.start = tf_note_char_offset(c->nt, cl.quantity.start);
    g.end = tf_note_char_offset(c->nt, cl.quantity.end);
    g.stated = u ? u->num : times ? mu.num : f->v;
    g.has_proposed = 1;
    g.proposed = u ? fixed * u->f : times ? 1 + need / 100 : need;
    g.confidence = u ? 0.6 : 0.3;
    if (u)
        tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f%.*s", u->dec, fixed,
               (int)(u->e - u->nb), c->z->s + u->nb);
    else if (times)
        tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*f倍", mu.dec ? mu.dec : 1,
               1 + need / 100);
    else
        tf_fmt(g.proposed_text, sizeof g.proposed_text, "%+.1f%%", need);
    tf_fmt(g.equation, sizeof g.equation,
           "a change of '%.*s' (%+.0f..%+.0f%%) on the figure %d month%s before: the figures "
           "give %+.1f%%", (int)(f->e - f->b), c->z->s + f->b, f->lo, f->hi, f->back,
           f->back > 1 ? "s" : "", need);
    tf_fmt(g.evidence, sizeof g.evidence,
           "a change written in tenths (成), folds (翻番) or a multiple (倍) disagrees with its "
           "figures beyond what the words allow; %s makes them agree", g.proposed_text);
    return tf_audit_add_finding(c->a, &g);
}

/* "自秘鲁进口52.8万吨，较去年同期的26.1万吨翻了一番": the figure over its base lies within the
 * change the words allow. Where not, the words with their direction flipped where that
 * fits, else the one of the two figures a slip explains, else the words (inconsistent).
 * 0, or -1 when out of memory. */
static int zh_folds(zctx *c)
{
    for (size_t k = 0; k < c->n_folds; k++) {
        const zfold *f = &c->folds[k];
        const tf_claim *t = &c->a->claims[f->claim], *b = NULL;
        for (size_t i = 0; i < c->a->n_claims && !b; i++) {
            const tf_claim *x = &c->a->claims[i];
            if (x->note == c->note && x->metric == t->metric && !strcmp(x->product, t->product) &&
                !strcmp(x->partner, t->partner) && x->period.from == t->period.from - f->back &&
                x->period.to == t->period.to - f->back && x->quantity.lo > 0)
                b = x;
        }
        if (!b || t->quantity.lo <= 0)
            continue;
        double lo = 100 * (t->quantity.lo / b->quantity.hi - 1);
        double hi = 100 * (t->quantity.hi / b->quantity.lo - 1);
        if (hi >= f->lo && lo <= f->hi)
            continue;
        if (hi >= -f->hi && lo <= -f->lo) { /* "下降两成" where the figures rose a fifth */
            if (fold_finding(c, f, NULL, "direction-flipped", 0, 0.5 * (lo + hi)))
                return -1;
            continue;
        }
        zuv ut, ub, um;
        double ft = 0, fb = 0, fm = 0;
        const char *kt = claim_zuv(c, t, &ut) ? zuv_slip(&ut, b->quantity.lo * (1 + f->lo / 100),
                                                        b->quantity.hi * (1 + f->hi / 100), &ft) : NULL;
        const char *kb = claim_zuv(c, b, &ub) ? zuv_slip(&ub, t->quantity.lo / (1 + f->hi / 100),
                                                        t->quantity.hi / (1 + f->lo / 100), &fb) : NULL;
        const char *km = fold_multiple(c, f, &um) ? zuv_slip(&um, 1 + lo / 100, 1 + hi / 100, &fm)
                                                  : NULL;
        int rc = (kt && !kb && !km) ? fold_finding(c, f, &ut, kt, ft, 0.5 * (lo + hi))
                 : (kb && !kt && !km) ? fold_finding(c, f, &ub, kb, fb, 0.5 * (lo + hi))
                 : (km && !kt && !kb) ? fold_finding(c, f, &um, km, fm, 0.5 * (lo + hi))
                                      : fold_finding(c, f, NULL, "inconsistent", 0, 0.5 * (lo + hi));
        if (rc)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ tables */

/* A table of monthly figures (a 表格式 月报): a heading line of columns ("月份 进口量 环比 同比"),
 * then one line a period ("1月 251.8 -8.0% +5.5%", "1-9月累计 2215.7 — +5.3%"), the unit
 * on a line before ("单位：万吨") or in the heading ("进口量(万吨)"). */
enum { TC_SKIP, TC_QTY, TC_MOM, TC_YOY, TC_SHARE };
#define TF_ZTABLE_COLS 8

typedef struct ztable {
    int col[TF_ZTABLE_COLS]; /* the columns after the period's */
    int ncol;
    tf_metric metric;
    const char *product;
    double f;               /* the unit: multiplier to t or USD */
    int usd;
    char unit[16];          /* its words ("万吨"): a quantity is proposed in them */
} ztable;

/* The next token of line [i, le) (spaces, tabs and 　 apart): its start, its end in *te;
 * le when none. */
/* Bytes of a cell separator at s (a blank, a tab, 　, or a rule | ｜ of a text table), 0 none. */
static size_t cell_gap(const char *s)
{
    return s[0] == ' ' || s[0] == '\t' || s[0] == '|' ? 1 : at(s, "　") || at(s, "｜") ? 3 : 0;
}

static size_t token_at(const char *s, size_t i, size_t le, size_t *te)
{
    size_t g;
    while (i < le && (g = cell_gap(s + i)))
        i += g;
    size_t e = i;
    while (e < le && !cell_gap(s + e))
        e++;
    *te = e;
    return i;
}

/* Whether line [b, e) is a text table's rule ("|---|:---:|"): no cell of its own. */
static int table_rule(const char *s, size_t b, size_t e)
{
    int dash = 0;
    for (size_t i = b; i < e; i++) {
        if (s[i] != '|' && s[i] != '-' && s[i] != ':' && s[i] != ' ')
            return 0;
        dash |= s[i] == '-';
    }
    return dash;
}

/* The kind of heading column [b, e); *m the flow it names (进口量, 出口量). */
static int column_kind(const char *s, size_t b, size_t e, tf_metric *m)
{
    if (last_in(s, b, e, "环比") != (size_t)-1)
        return TC_MOM;
    if (last_in(s, b, e, "同比") != (size_t)-1)
        return TC_YOY;
    if (last_in(s, b, e, "占比") != (size_t)-1)
        return TC_SHARE;
    for (size_t i = b; i < e; i++) {
        size_t n;
        tf_metric x = metric_at(s + i, &n);
        if (x == TF_METRIC_IMPORT || x == TF_METRIC_EXPORT) {
            *m = x;
            return TC_QTY;
        }
    }
    return last_in(s, b, e, "数量") != (size_t)-1 || last_in(s, b, e, "金额") != (size_t)-1
               ? TC_QTY : TC_SKIP;
}

/* The unit, flow and product of a table whose heading is [hb, he): from the heading and
 * the lines before it (at most 400 bytes: "单位：万吨", "中国铜精矿进口月度数据"). */
static void table_context(const zctx *c, size_t hb, size_t he, ztable *t)
{
    const char *s = c->z->s;
    tf_metric m = TF_METRIC_NONE;
    for (size_t i = hb > 400 ? hb - 400 : 0; i < he; i++) {
        size_t n;
        int usd, other;
        double f;
        const zname *nm;
        tf_metric x;
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if ((f = unit_at(s + i, &usd, &other, &n)) > 0) {
            if (!other) { /* "单位：万吨", not "元/吨" */
                t->f = f, t->usd = usd;
                tf_fmt(t->unit, sizeof t->unit, "%.*s", (int)n, s + i);
            }
            i += n - 1;
        }
        else if ((nm = vocab_at(&c->prod, s + i)))
            t->product = nm->key;
        else if ((x = metric_at(s + i, &n)) == TF_METRIC_IMPORT || x == TF_METRIC_EXPORT)
            m = x;
    }
    if (t->metric == TF_METRIC_NONE)
        t->metric = m;
    if (!t->product)
        t->product = c->only_product ? c->only_product : c->title_product;
}

/* 1 when line [b, e) is a table's heading: a period column first ("月份", "时间"), then a
 * quantity and 环比 or 同比; its columns and context in t. */
static int table_heading(const zctx *c, size_t b, size_t e, ztable *t)
{
    const char *s = c->z->s;
    size_t te, i = token_at(s, b, e, &te);
    if (i >= e || !(last_in(s, i, te, "月份") != (size_t)-1 || last_in(s, i, te, "时间") != (size_t)-1 ||
                    last_in(s, i, te, "日期") != (size_t)-1 || last_in(s, i, te, "期间") != (size_t)-1))
        return 0;
    memset(t, 0, sizeof *t);
    int qty = 0, chg = 0;
    for (i = token_at(s, te, e, &te); i < e && t->ncol < TF_ZTABLE_COLS; i = token_at(s, te, e, &te)) {
        int k = column_kind(s, i, te, &t->metric);
        t->col[t->ncol++] = k;
        qty += k == TC_QTY;
        chg += k == TC_MOM || k == TC_YOY;
    }
    if (qty != 1 || !chg)
        return 0;
    table_context(c, b, e, t);
    return t->f > 0 && t->product && t->metric != TF_METRIC_NONE;
}

/* A table cell at [b, e): its value (a sign, digits, % for a change) and interval; 0 when
 * it holds none ("—", "-", "/"). */
static int table_cell(const char *s, size_t b, size_t e, double f, double *v, double *lo,
                      double *hi)
{
    int sign = 1;
    if (b < e && (s[b] == '+' || s[b] == '-'))
        sign = s[b] == '-' ? -1 : 1, b++;
    else if (at(s + b, "−"))
        sign = -1, b += strlen("−");
    int dec, tz;
    size_t n = number_at(s + b, v, &dec, &tz);
    if (!n || (b + n != e && !(s[b + n] == '%' && b + n + 1 == e)))
        return 0;
    double half = 0.5 * pow(10, -dec);
    *lo = sign > 0 ? (*v - half) * f : -(*v + half) * f;
    *hi = sign > 0 ? (*v + half) * f : -(*v - half) * f;
    *v *= sign * f;
    return 1;
}

/* Row [b, e) of table t: its period, then a cell for each column; one claim. 1 a row, 0
 * none (the table ends), -1 out of memory. */
static int table_row(zctx *c, const ztable *t, size_t b, size_t e)
{
    const char *s = c->z->s;
    zitem p;
    memset(&p, 0, sizeof p);
    size_t te, i = token_at(s, b, e, &te), n = i < e ? period_at(s + i, c->ref, &p) : 0;
    if (!n)
        return 0;
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.metric = t->usd ? (t->metric == TF_METRIC_IMPORT ? TF_METRIC_IMPORT_VALUE : TF_METRIC_EXPORT_VALUE)
                       : t->metric;
    tf_scopy(cl.product, sizeof cl.product, t->product);
    tf_scopy(cl.partner, sizeof cl.partner, "WLD");
    tf_scopy(cl.unit, sizeof cl.unit, t->usd ? "USD" : "t");
    cl.period.from = p.from;
    cl.period.to = p.to;
    cl.share_of = cl.period;
    cl.period_named = 1;
    cl.sent_start = c->z->from[b];
    cl.sent_end = c->z->to[e - 1];
    for (int k = 0; k < t->ncol; k++) {
        double v, lo, hi;
        i = token_at(s, te, e, &te);
        if (i >= e)
            break;
        int q = t->col[k] == TC_QTY;
        if (t->col[k] == TC_SKIP || !table_cell(s, i, te, q ? t->f : 1, &v, &lo, &hi))
            continue;
        tf_stated *d = q ? &cl.quantity : t->col[k] == TC_MOM ? &cl.mom
                       : t->col[k] == TC_YOY ? &cl.yoy : &cl.share;
        if (t->col[k] == TC_MOM && p.from != p.to)
            continue; /* a cumulative has no MoM */
        stated_set(c, i, te, v, lo, hi, d);
        if (q) { /* "251.8" under "单位：万吨" reads as 251.8万吨 */
            char text[sizeof d->text];
            tf_scopy(text, sizeof text, d->text);
            tf_fmt(d->text, sizeof d->text, "%s%s", text, t->unit);
        }
    }
    if (!cl.quantity.has)
        return 1;
    return tf_audit_add_claim(c->a, &cl) == (size_t)-1 ? -1 : 1;
}

/* Every table of the note (table_heading) as claims, a row a claim. 0 or -1 (no memory). */
static int zh_tables(zctx *c)
{
    const char *s = c->z->s;
    ztable t;
    int in = 0;
    for (size_t b = 0; b < c->z->n;) {
        size_t e = b;
        while (e < c->z->n && s[e] != '\n')
            e++;
        int r = 0;
        if (in && table_rule(s, b, e)) {
            b = e + 1;
            continue;
        }
        if (in && e > b && (r = table_row(c, &t, b, e)) < 0)
            return -1;
        in = r > 0 || (e > b && table_heading(c, b, e, &t));
        b = e + 1;
    }
    return 0;
}

tf_status tf_audit_extract_zh(tf_audit *a, size_t note, size_t body, int ref,
                              const tf_refdata *ref_data)
{
    zctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.note = note;
    c.nt = &a->notes[note];
    c.ref = ref;
    c.last_claim = (size_t)-1;
    ztext z = {0};
    tf_refdata *own = NULL;
    tf_status st = TF_ERR_NOMEM;
    if (!ref_data) {
        if (tf_refdata_open(&own))
            return TF_ERR_NOMEM;
        ref_data = own;
    }
    if (vocab_load(ref_data, &c.prod, &c.part) || normalize(c.nt->text, body, c.nt->len, &z))
        goto out;
    c.z = &z;
    ztext tz = {0};
    if (c.nt->title[0] && !normalize(c.nt->title, 0, strlen(c.nt->title), &tz))
        c.title_product = tz.s ? title_product(&c, tz.s) : NULL;
    free(tz.s);
    free(tz.from);
    free(tz.to);
    for (size_t i = 0; i < z.n;) {
        size_t e = sentence_end(z.s, i, z.n);
        if (e > i && (scan_sentence(&c, i, e) || bind_sentence(&c, i, e)))
            goto out;
        i = e < z.n ? e + ((unsigned char)z.s[e] < 0x80 ? 1 : 3) : e;
    }
    if (zh_dekads(&c) || zh_conversions(&c) || zh_unit_values(&c) || zh_trade(&c) || zh_rate_pps(&c) ||
        zh_folds(&c) || zh_tables(&c))
        goto out;
    st = TF_OK;
out:
    free(z.s);
    free(z.from);
    free(z.to);
    free(c.prod.v);
    free(c.part.v);
    free(c.it.v);
    free(c.rates);
    free(c.folds);
    for (size_t k = 0; k < c.n_names; k++)
        free(c.names[k]);
    free(c.names);
    tf_refdata_free(&own);
    return st;
}

/* An ASCII or full-width digit at s[i] (its value), else -1; *w its width in bytes. */
static int zdigit(const char *s, size_t n, size_t i, size_t *w)
{
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        *w = 1;
        return s[i] - '0';
    }
    if (i + 2 < n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
        (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
        *w = 3;
        return (unsigned char)s[i + 2] - 0x90;
    }
    return -1;
}

/* The number of 1..max digits at s[i]: its value, *i moved past it; -1 none. */
static int znumber(const char *s, size_t n, size_t *i, int max)
{
    int v = -1, k = 0, d;
    size_t w;
    while (k < max && (d = zdigit(s, n, *i, &w)) >= 0) {
        v = (v < 0 ? 0 : v * 10) + d;
        *i += w;
        k++;
    }
    return v;
}

int tf_audit_zh_latest_month(const char *s, size_t n)
{
    static const char *const dash[] = {"-", "\xE2\x80\x94", "\xE2\x80\x93", "\xEF\xBD\x9E",
                                       "~", "\xE8\x87\xB3", NULL}; /* - — – ～ ~ 至 */
    int latest = -1;
    for (size_t i = 0; i < n; i++) {
        size_t j = i, w;
        if (zdigit(s, n, i, &w) < 0 || (i > 0 && zdigit(s, n, i - 1, &w) >= 0))
            continue;
        int y = znumber(s, n, &j, 4);
        if (y < 1990 || y > 2100 || j + 3 > n || memcmp(s + j, "年", 3))
            continue;
        j += 3;
        int m = znumber(s, n, &j, 2);
        for (int k = 0; m >= 1 && dash[k]; k++)
            if (!strncmp(s + j, dash[k], strlen(dash[k]))) {
                size_t q = j + strlen(dash[k]);
                int m2 = znumber(s, n, &q, 2);
                if (m2 >= m && m2 <= 12) {
                    m = m2;
                    j = q;
                }
                break;
            }
        if (m < 1 || m > 12 || j + 3 > n || memcmp(s + j, "月", 3))
            continue;
        if (y * 12 + m - 1 > latest)
            latest = y * 12 + m - 1;
    }
    return latest;
}
