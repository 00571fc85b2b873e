/*
 * bench/gen — deterministic benchmark data: N rows of monthly China customs
 * detail (HS8 code x partner x trade mode x province x month, 10 years),
 * written three ways with the same rows:
 *   OUT/tf-N.csv            tradeflow CSV (UTF-8), both flows
 *   OUT/gacc-import-N.csv   GACC query-platform export of the imports and
 *   OUT/gacc-export-N.csv   of the exports: GB18030, every field quoted,
 *                           trailing comma on every line, Chinese headers,
 *                           '?' for a missing second unit, thousands
 *                           separators in the value column
 *   OUT/totals-N.json       the generator's own totals (rows, kg per flow and
 *                           month) for checking a load
 * Codes and names come from the GACC code tables read at run time
 * (CODES/commodities/zh-hs8-2023.csv, partners/zh-TradingPartner.csv,
 * regimes/zh-CustomsRegime.csv, provinces/china_customs_provinces.csv, all
 * GB18030); partner codes are mapped to ISO alpha-3 through data/partners.csv
 * (only codes found there are used, so every row maps to one partner).
 *
 * Shape: 2016-01..2025-12, both flows, N/240 rows per flow and month; each
 * row is a distinct (code, partner, mode, province) cell; codes, partners,
 * modes and provinces are drawn from skewed (Zipf-like) distributions so a
 * few partners dominate; the codes of data/products.csv are ranked among the
 * most traded so every product has rows in every month. Only HS8 partner
 * rows: no world (WLD) rows, no HS6 rows. Quantities are whole kg
 * (log-normal), values whole yuan.
 *
 * usage: gen --rows N --out DIR [--codes DIR] [--partners data/partners.csv]
 *            [--products data/products.csv] [--seed S]
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define YEARS 10
#define FIRST_YEAR 2016
#define MONTHS (YEARS * 12)

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- a small CSV reader for the code tables (quoted fields, CRLF) ---- */

typedef struct {
    char *f[16];
    size_t n;
} csvrow;

/* Split one line (no line breaks inside fields in these tables). */
static void split(char *line, csvrow *r)
{
    r->n = 0;
    char *p = line;
    size_t len = strlen(p);
    while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
        p[--len] = '\0';
    for (;;) {
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    break;
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            while (*p && *p != ',')
                p++;
        } else {
            while (*p && *p != ',')
                p++;
            out = p;
        }
        int more = *p == ',';
        *out = '\0';
        if (r->n < 16)
            r->f[r->n++] = start;
        if (!more)
            break;
        p++;
    }
}

typedef struct {
    char **lines;
    size_t n;
} table;

static table read_table(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open", path);
    table t = {0};
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, f)) > 0) {
        if (t.n == cap) {
            cap = cap ? cap * 2 : 256;
            t.lines = realloc(t.lines, cap * sizeof *t.lines);
            if (!t.lines)
                die("out of memory", NULL);
        }
        t.lines[t.n++] = xstrndup(line, (size_t)got);
    }
    free(line);
    fclose(f);
    if (t.n < 2)
        die("empty table", path);
    return t;
}

/* GB18030 -> UTF-8 of a short string (names, units). */
static char *to_utf8(iconv_t cd, const char *s)
{
    size_t inl = strlen(s), outl = inl * 4 + 4;
    char *out = xmalloc(outl), *op = out;
    char *ip = (char *)s;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &inl, &op, &outl) == (size_t)-1)
        die("bad GB18030 text in a code table", s);
    *op = '\0';
    return out;
}

/* ---- the dimensions ---- */

typedef struct {
    char code[9];
    char *name_gb;       /* GB18030 */
    char *unit_gb;       /* first unit, GB18030 */
    char *unit_utf8;     /* "kg" for 千克, else the name in UTF-8 */
    char *unit2_gb;      /* NULL when the code has no second unit */
    char *unit2_utf8;
    double price;        /* CNY per unit of the first quantity */
    int product;         /* rank boost: a code of data/products.csv */
} commodity;

typedef struct {
    char code[8];
    char *name_gb;
    char iso3[4];
} partner;

typedef struct {
    char code[8];
    char *name_gb;
} named;

static commodity *codes;
static size_t n_codes;
static partner *partners;
static size_t n_partners;
static named *modes, *provs;
static size_t n_modes, n_provs;

/* ---- random numbers (splitmix64) ---- */

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *s) { return (double)(mix(s) >> 11) / 9007199254740992.0; }

static double normal(uint64_t *s)
{
    double u = uniform(s), v = uniform(s);
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Zipf-like weights 1/(rank+1)^s over an order: cumulative table. */
typedef struct {
    double *cdf;
    size_t *order; /* rank -> index */
    size_t n;
} sampler;

/* Zipf-like weights 1/(rank+1)^s: a deterministic shuffle gives the ranks,
 * then items with boost[i] > 0 are moved to the top in boost order (1 first;
 * equal boosts keep the shuffle's order), every `spacing`-th rank from rank
 * spacing-1 on, the others filling the ranks between. */
static sampler make_sampler(size_t n, double s, uint64_t seed, const int *boost, size_t spacing)
{
    sampler z;
    z.n = n;
    z.cdf = xmalloc(n * sizeof *z.cdf);
    z.order = xmalloc(n * sizeof *z.order);
    for (size_t i = 0; i < n; i++)
        z.order[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(mix(&seed) % i);
        size_t t = z.order[i - 1];
        z.order[i - 1] = z.order[j];
        z.order[j] = t;
    }
    if (boost) {
        size_t *o = xmalloc(n * sizeof *o), k = 0, nb = 0;
        size_t *b = xmalloc(n * sizeof *b), *r = xmalloc(n * sizeof *r);
        size_t ir = 0, jb = 0, jr = 0;
        for (size_t i = 0; i < n; i++) {
            size_t x = z.order[i];
            if (boost[x] > 0) {
                size_t at = nb++; /* stable insertion by boost */
                while (at > 0 && boost[b[at - 1]] > boost[x]) {
                    b[at] = b[at - 1];
                    at--;
                }
                b[at] = x;
            } else {
                r[ir++] = x;
            }
        }
        for (size_t rank = 0; rank < n; rank++) {
            if (jb < nb && (rank % spacing == spacing - 1 || jr >= ir))
                o[k++] = b[jb++];
            else
                o[k++] = r[jr++];
        }
        free(z.order);
        free(b);
        free(r);
        z.order = o;
    }
    double acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc += 1.0 / pow((double)i + 1.0, s);
        z.cdf[i] = acc;
    }
    for (size_t i = 0; i < n; i++)
        z.cdf[i] /= acc;
    return z;
}

static size_t draw(const sampler *z, uint64_t *s)
{
    double u = uniform(s);
    size_t lo = 0, hi = z->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (z->cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return z->order[lo];
}

/* ---- loading the tables ---- */

static int is_product_code(const char *code, char **prefixes, size_t np)
{
    for (size_t i = 0; i < np; i++)
        if (strncmp(code, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

static void load(const char *dir, const char *partners_csv, const char *products_csv)
{
    char path[4096];
    if (strlen(dir) > 2048)
        die("path too long", dir);
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        die("iconv GB18030 unavailable", NULL);

    /* product code prefixes from data/products.csv (third column) */
    table pt = read_table(products_csv);
    char *prefixes[256];
    size_t np = 0;
    for (size_t i = 1; i < pt.n; i++) {
        csvrow r;
        split(pt.lines[i], &r);
        if (r.n < 3)
            continue;
        char *save = NULL;
        for (char *tok = strtok_r(r.f[2], " ", &save); tok && np < 256;
             tok = strtok_r(NULL, " ", &save))
            prefixes[np++] = tok;
    }

    snprintf(path, sizeof path, "%s/commodities/zh-hs8-2023.csv", dir);
    table ct = read_table(path);
    codes = xmalloc(ct.n * sizeof *codes);
    uint64_t ps = 12345;
    for (size_t i = 1; i < ct.n; i++) {
        csvrow r;
        split(ct.lines[i], &r);
        if (r.n < 7 || strlen(r.f[0]) != 8)
            continue;
        commodity *c = &codes[n_codes++];
        memcpy(c->code, r.f[0], 9);
        c->name_gb = r.f[1];
        c->unit_gb = r.f[4];
        char *u = to_utf8(cd, r.f[4]);
        if (strcmp(u, "千克") == 0) {
            free(u);
            u = xstrndup("kg", 2);
        }
        c->unit_utf8 = u;
        if (strcmp(r.f[6], "?") != 0 && r.f[6][0]) {
            c->unit2_gb = r.f[6];
            c->unit2_utf8 = to_utf8(cd, r.f[6]);
        }
        c->price = exp(2.0 + 1.5 * normal(&ps)); /* CNY per unit, log-normal */
        c->product = is_product_code(c->code, prefixes, np);
    }

    /* ISO alpha-3 of GACC partner codes */
    table pm = read_table(partners_csv);
    snprintf(path, sizeof path, "%s/partners/zh-TradingPartner.csv", dir);
    table tp = read_table(path);
    partners = xmalloc(tp.n * sizeof *partners);
    for (size_t i = 1; i < tp.n; i++) {
        csvrow r;
        split(tp.lines[i], &r);
        if (r.n < 2 || !r.f[0][0])
            continue;
        for (size_t k = 1; k < pm.n; k++) {
            char buf[64];
            size_t l = strcspn(pm.lines[k], ",");
            if (l >= sizeof buf || l != strlen(r.f[0]) || strncmp(pm.lines[k], r.f[0], l))
                continue;
            memcpy(buf, pm.lines[k] + l + 1, 3);
            buf[3] = '\0';
            partner *p = &partners[n_partners++];
            snprintf(p->code, sizeof p->code, "%s", r.f[0]);
            p->name_gb = r.f[1];
            memcpy(p->iso3, buf, 4);
            break;
        }
    }
    snprintf(path, sizeof path, "%s/regimes/zh-CustomsRegime.csv", dir);
    table mt = read_table(path);
    modes = xmalloc(mt.n * sizeof *modes);
    for (size_t i = 1; i < mt.n; i++) {
        csvrow r;
        split(mt.lines[i], &r);
        if (r.n >= 2 && r.f[0][0]) {
            snprintf(modes[n_modes].code, sizeof modes[n_modes].code, "%s", r.f[0]);
            modes[n_modes++].name_gb = r.f[1];
        }
    }
    snprintf(path, sizeof path, "%s/provinces/china_customs_provinces.csv", dir);
    table vt = read_table(path);
    provs = xmalloc(vt.n * sizeof *provs);
    for (size_t i = 1; i < vt.n; i++) {
        csvrow r;
        split(vt.lines[i], &r);
        if (r.n >= 2 && r.f[0][0]) {
            snprintf(provs[n_provs].code, sizeof provs[n_provs].code, "%s", r.f[0]);
            provs[n_provs++].name_gb = r.f[1];
        }
    }
    iconv_close(cd);
    if (n_codes < 100 || n_partners < 10 || n_modes < 5 || n_provs < 5)
        die("code tables too small (wrong --codes directory?)", dir);
}

/* ---- output ---- */

typedef struct {
    FILE *f;
    char buf[1 << 16];
    size_t n;
} out;

static void flush(out *o)
{
    if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
        die("write failed", strerror(errno));
    o->n = 0;
}

static void put(out *o, const char *s, size_t n)
{
    if (o->n + n > sizeof o->buf)
        flush(o);
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

static void putu(out *o, uint64_t v, int thousands)
{
    char t[32];
    int n = 0, d = 0;
    do {
        if (thousands && d && d % 3 == 0)
            t[n++] = ',';
        t[n++] = (char)('0' + v % 10);
        v /= 10;
        d++;
    } while (v);
    char r[32];
    for (int i = 0; i < n; i++)
        r[i] = t[n - 1 - i];
    put(o, r, (size_t)n);
}

static void q(out *o, const char *s)
{
    put(o, "\"", 1);
    puts_(o, s);
    put(o, "\",", 2);
}

static void qu(out *o, uint64_t v, int thousands)
{
    put(o, "\"", 1);
    putu(o, v, thousands);
    put(o, "\",", 2);
}

static out *open_out(const char *path)
{
    out *o = xmalloc(sizeof *o);
    o->f = fopen(path, "wb");
    if (!o->f)
        die("cannot write", path);
    return o;
}

static void close_out(out *o, const char *path)
{
    flush(o);
    if (fclose(o->f) != 0)
        die("write failed", path);
    free(o);
}

/* 32-bit cell key of (code, partner, mode, province) */
static uint32_t cell_key(size_t c, size_t p, size_t m, size_t v)
{
    return (uint32_t)(((c * 256 + p) * 32 + m) * 32 + v) + 1;
}

int main(int argc, char **argv)
{
    unsigned long long rows = 0;
    const char *outdir = NULL, *codes_dir = NULL, *pcsv = "data/partners.csv",
               *prod = "data/products.csv";
    uint64_t seed = 20260101;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rows") && i + 1 < argc) {
            char *end;
            errno = 0;
            rows = strtoull(argv[++i], &end, 10);
            if (errno || *end || rows == 0)
                die("bad --rows", argv[i]);
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            outdir = argv[++i];
        else if (!strcmp(argv[i], "--codes") && i + 1 < argc)
            codes_dir = argv[++i];
        else if (!strcmp(argv[i], "--partners") && i + 1 < argc)
            pcsv = argv[++i];
        else if (!strcmp(argv[i], "--products") && i + 1 < argc)
            prod = argv[++i];
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            char *end;
            seed = strtoull(argv[++i], &end, 10);
            if (*end)
                die("bad --seed", argv[i]);
        } else
            die("usage: gen --rows N --out DIR [--codes DIR] [--partners CSV] "
                "[--products CSV] [--seed S]", NULL);
    }
    char cdir[2048];
    if (!codes_dir) {
        const char *sh = getenv("TF_SHARED");
        snprintf(cdir, sizeof cdir, "%s/data/gacc/codes", sh ? sh : "../shared");
        codes_dir = cdir;
    }
    if (!outdir || !rows)
        die("usage: gen --rows N --out DIR [--codes DIR]", NULL);
    mkdir(outdir, 0777);
    load(codes_dir, pcsv, prod);

    int *boost = xmalloc(n_codes * sizeof *boost);
    for (size_t i = 0; i < n_codes; i++)
        boost[i] = codes[i].product;
    sampler zc = make_sampler(n_codes, 1.0, seed ^ 1, boost, 3);
    /* the largest trading partners of China first, in rough order */
    static const char *big[] = {"USA", "KOR", "JPN", "AUS", "RUS", "BRA", "DEU", "VNM",
                                "MYS", "IDN", "THA", "IND", "SAU", "CAN", "NLD", "GBR",
                                "FRA", "CHL", "ZAF", "SGP", "MEX", "ITA", "PHL", "ARE"};
    int *pboost = xmalloc(n_partners * sizeof *pboost);
    for (size_t i = 0; i < n_partners; i++)
        for (size_t k = 0; k < sizeof big / sizeof big[0]; k++)
            if (!strcmp(partners[i].iso3, big[k]))
                pboost[i] = (int)k + 1;
    sampler zp = make_sampler(n_partners, 1.3, seed ^ 2, pboost, 1);
    /* trade modes: general trade, processing with imported materials, bonded
     * and logistics modes first (as in real data), the rest after */
    static const char *bigm[] = {"10", "15", "33", "34", "14", "19", "39"};
    int *mboost = xmalloc(n_modes * sizeof *mboost);
    for (size_t i = 0; i < n_modes; i++)
        for (size_t k = 0; k < sizeof bigm / sizeof bigm[0]; k++)
            if (!strcmp(modes[i].code, bigm[k]))
                mboost[i] = (int)k + 1;
    sampler zm = make_sampler(n_modes, 1.6, seed ^ 3, mboost, 1);
    /* provinces: the coastal trading provinces first */
    static const char *bigv[] = {"44", "31", "32", "33", "37", "11", "35", "12", "21"};
    int *vboost = xmalloc(n_provs * sizeof *vboost);
    for (size_t i = 0; i < n_provs; i++)
        for (size_t k = 0; k < sizeof bigv / sizeof bigv[0]; k++)
            if (!strcmp(provs[i].code, bigv[k]))
                vboost[i] = (int)k + 1;
    sampler zv = make_sampler(n_provs, 1.0, seed ^ 4, vboost, 1);

    char path[4096], tfp[4096], gip[4096], gep[4096];
    if (strlen(outdir) > 2048)
        die("path too long", outdir);
    snprintf(tfp, sizeof tfp, "%s/tf-%llu.csv", outdir, rows);
    snprintf(gip, sizeof gip, "%s/gacc-import-%llu.csv", outdir, rows);
    snprintf(gep, sizeof gep, "%s/gacc-export-%llu.csv", outdir, rows);
    out *tf = open_out(tfp), *g[2] = {open_out(gip), open_out(gep)};
    puts_(tf, "period,flow,partner,commodity,trade_mode,province,quantity,unit,quantity2,unit2,"
              "value,currency\n");
    static const char *hdr[] = {"数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称",
                                "贸易方式编码", "贸易方式名称", "注册地编码", "注册地名称",
                                "第一数量", "第一计量单位", "第二数量", "第二计量单位", "人民币"};
    iconv_t toc = iconv_open("GB18030", "UTF-8");
    if (toc == (iconv_t)-1)
        die("iconv GB18030 unavailable", NULL);
    for (int f = 0; f < 2; f++) {
        for (size_t h = 0; h < sizeof hdr / sizeof hdr[0]; h++) {
            char gb[64], *ip = (char *)hdr[h], *op = gb;
            size_t il = strlen(hdr[h]), ol = sizeof gb - 1;
            iconv(toc, NULL, NULL, NULL, NULL);
            if (iconv(toc, &ip, &il, &op, &ol) == (size_t)-1)
                die("iconv failed", hdr[h]);
            *op = '\0';
            q(g[f], gb);
        }
        put(g[f], "\n", 1);
    }
    iconv_close(toc);

    /* totals: kg (unit kg) per flow and month, rows per flow */
    unsigned long long *kg = xmalloc(2 * MONTHS * sizeof *kg), nrows[2] = {0, 0};
    unsigned long long groups = 2ULL * MONTHS, per = rows / groups, extra = rows % groups;
    size_t cap = 1;
    while (cap < 2 * (per + 1) + 16)
        cap <<= 1;
    uint32_t *set = xmalloc(cap * sizeof *set);
    for (unsigned long long gi = 0; gi < groups; gi++) {
        int month = (int)(gi / 2), f = (int)(gi % 2);
        unsigned long long k = per + (gi < extra ? 1 : 0);
        memset(set, 0, cap * sizeof *set);
        uint64_t s = seed * 1000003ULL + gi;
        int year = FIRST_YEAR + month / 12, mon = month % 12 + 1;
        char period[8], yyyymm[8];
        snprintf(period, sizeof period, "%04d-%02d", year, mon);
        snprintf(yyyymm, sizeof yyyymm, "%04d%02d", year, mon);
        for (unsigned long long r = 0; r < k; r++) {
            size_t c = 0, p = 0, m = 0, v = 0;
            uint32_t key = 0;
            for (int attempt = 0;; attempt++) {
                if (attempt < 16 || attempt % 16 == 0)
                    c = draw(&zc, &s);
                if (attempt < 8) {
                    p = draw(&zp, &s);
                    m = draw(&zm, &s);
                    v = draw(&zv, &s);
                } else {
                    p = (size_t)(mix(&s) % n_partners);
                    m = (size_t)(mix(&s) % n_modes);
                    v = (size_t)(mix(&s) % n_provs);
                }
                key = cell_key(c, p, m, v);
                size_t h = (size_t)(key * 2654435761u) & (cap - 1);
                while (set[h] && set[h] != key)
                    h = (h + 1) & (cap - 1);
                if (!set[h]) {
                    set[h] = key;
                    break;
                }
            }
            const commodity *cm = &codes[c];
            double lq = 9.0 + 2.2 * normal(&s);
            if (lq > 20.0)
                lq = 20.0;
            uint64_t qty = (uint64_t)exp(lq) + 1;
            uint64_t val = (uint64_t)((double)qty * cm->price * exp(0.1 * normal(&s))) + 1;
            uint64_t qty2 = cm->unit2_gb ? qty / 7 + 1 : 0;
            if (!strcmp(cm->unit_utf8, "kg"))
                kg[f * MONTHS + month] += qty;
            nrows[f]++;
            /* tradeflow CSV */
            puts_(tf, period);
            puts_(tf, f == 0 ? ",import," : ",export,");
            puts_(tf, partners[p].iso3);
            put(tf, ",", 1);
            puts_(tf, cm->code);
            put(tf, ",", 1);
            puts_(tf, modes[m].code);
            put(tf, ",", 1);
            puts_(tf, provs[v].code);
            put(tf, ",", 1);
            putu(tf, qty, 0);
            put(tf, ",", 1);
            puts_(tf, cm->unit_utf8);
            put(tf, ",", 1);
            if (cm->unit2_gb) {
                putu(tf, qty2, 0);
                put(tf, ",", 1);
                puts_(tf, cm->unit2_utf8);
            } else {
                put(tf, ",", 1);
            }
            put(tf, ",", 1);
            putu(tf, val, 0);
            puts_(tf, ",CNY\n");
            /* GACC export */
            out *o = g[f];
            q(o, yyyymm);
            q(o, cm->code);
            q(o, cm->name_gb);
            q(o, partners[p].code);
            q(o, partners[p].name_gb);
            q(o, modes[m].code);
            q(o, modes[m].name_gb);
            q(o, provs[v].code);
            q(o, provs[v].name_gb);
            qu(o, qty, 0);
            q(o, cm->unit_gb);
            qu(o, qty2, 0);
            q(o, cm->unit2_gb ? cm->unit2_gb : "?");
            qu(o, val, 1);
            put(o, "\n", 1);
        }
    }
    close_out(tf, tfp);
    close_out(g[0], gip);
    close_out(g[1], gep);

    snprintf(path, sizeof path, "%s/totals-%llu.json", outdir, rows);
    FILE *t = fopen(path, "w");
    if (!t)
        die("cannot write", path);
    fprintf(t, "{\"rows\": %llu, \"rows_import\": %llu, \"rows_export\": %llu,\n"
               " \"codes\": %zu, \"partners\": %zu, \"trade_modes\": %zu, \"provinces\": %zu,\n"
               " \"kg\": {",
            rows, nrows[0], nrows[1], n_codes, n_partners, n_modes, n_provs);
    for (int f = 0; f < 2; f++) {
        fprintf(t, "%s\"%s\": {", f ? ", " : "", f ? "export" : "import");
        for (int m = 0; m < MONTHS; m++)
            fprintf(t, "%s\"%04d-%02d\": %llu", m ? ", " : "", FIRST_YEAR + m / 12, m % 12 + 1,
                    kg[f * MONTHS + m]);
        fprintf(t, "}");
    }
    fprintf(t, "}}\n");
    if (fclose(t) != 0)
        die("write failed", path);
    fprintf(stderr, "gen: %llu rows -> %s, %s, %s\n", rows, tfp, gip, gep);
    return 0;
}
