/*
 * GACC query-platform export reader (DOMAIN.md §3): GB18030 or UTF-8, every
 * field quoted, trailing comma on every line, '?' for missing, thousands
 * separators in values, Chinese or English headers, only the selected
 * dimensions present, in the order selected. The flow is not in the file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

enum {
    G_DATE, G_CODE, G_CNAME, G_PARTNER, G_PARTNER_NAME, G_MODE, G_MODE_NAME, G_PROV,
    G_PROV_NAME, G_QTY, G_UNIT, G_QTY2, G_UNIT2, G_CNY, G_USD, G_COUNT
};

typedef struct {
    int col;
    const char *name; /* Chinese or English header, compared case-insensitively */
    const char *basis; /* partner basis implied by the header, or NULL */
} gacc_header;

static const gacc_header headers[] = {
    {G_DATE, "数据年月", NULL},
    {G_DATE, "Date of data", NULL},
    {G_DATE, "Date", NULL},
    {G_CODE, "商品编码", NULL},
    {G_CODE, "Commodity code", NULL},
    {G_CNAME, "商品名称", NULL},
    {G_CNAME, "Commodity", NULL},
    {G_PARTNER, "贸易伙伴编码", NULL},
    {G_PARTNER, "Trading partner code", NULL},
    {G_PARTNER, "原产国(地区)编码", "origin"},
    {G_PARTNER, "原产国编码", "origin"},
    {G_PARTNER, "启运国(地区)编码", "consignment"},
    {G_PARTNER, "启运国编码", "consignment"},
    {G_PARTNER, "Country of origin code", "origin"},
    {G_PARTNER, "Country of consignment code", "consignment"},
    {G_PARTNER_NAME, "贸易伙伴名称", NULL},
    {G_PARTNER_NAME, "Trading partner", NULL},
    {G_PARTNER_NAME, "原产国(地区)名称", "origin"},
    {G_PARTNER_NAME, "原产国名称", "origin"},
    {G_PARTNER_NAME, "启运国(地区)名称", "consignment"},
    {G_PARTNER_NAME, "启运国名称", "consignment"},
    {G_PARTNER_NAME, "Country of origin", "origin"},
    {G_PARTNER_NAME, "Country of consignment", "consignment"},
    {G_MODE, "贸易方式编码", NULL},
    {G_MODE, "Customs Regime code", NULL},
    {G_MODE, "Trade mode code", NULL},
    {G_MODE_NAME, "贸易方式名称", NULL},
    {G_MODE_NAME, "Customs Regime", NULL},
    {G_MODE_NAME, "Trade mode", NULL},
    {G_PROV, "注册地编码", NULL},
    {G_PROV, "收发货人注册地编码", NULL},
    {G_PROV, "Locations of importers and exporters code", NULL},
    {G_PROV_NAME, "注册地名称", NULL},
    {G_PROV_NAME, "收发货人注册地名称", NULL},
    {G_PROV_NAME, "Locations of importers and exporters", NULL},
    {G_QTY, "第一数量", NULL},
    {G_QTY, "Quantity", NULL},
    {G_QTY, "First quantity", NULL},
    {G_UNIT, "第一计量单位", NULL},
    {G_UNIT, "Unit", NULL},
    {G_UNIT, "First unit", NULL},
    {G_QTY2, "第二数量", NULL},
    {G_QTY2, "Supplementary Quantity", NULL},
    {G_QTY2, "Supplimentary Quantity", NULL},
    {G_QTY2, "Second quantity", NULL},
    {G_UNIT2, "第二计量单位", NULL},
    {G_UNIT2, "Supplementary Unit", NULL},
    {G_UNIT2, "Supplimentary Unit", NULL},
    {G_UNIT2, "Second unit", NULL},
    {G_CNY, "人民币", NULL},
    {G_CNY, "Renminbi Yuan", NULL},
    {G_CNY, "RMB", NULL},
    {G_USD, "美元", NULL},
    {G_USD, "US dollar", NULL},
    {G_USD, "US dollars", NULL},
    {G_USD, "USD", NULL},
};

#define N_HEADERS (sizeof headers / sizeof headers[0])

static const gacc_header *find_header(const char *name)
{
    for (size_t i = 0; i < N_HEADERS; i++)
        if (tf_ieq(name, strlen(name), headers[i].name))
            return &headers[i];
    return NULL;
}

/* A GACC header: a commodity-code or data-month column; a column named just
 * "Date" counts only beside another GACC column (a dated price series such as
 * "date,close" is not a GACC export). */
int tf_gacc_header_match(char **hdr, size_t n)
{
    int plain_date = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        const gacc_header *h = find_header(hdr[i]);
        if (!h)
            continue;
        if (h->col == G_CODE || (h->col == G_DATE && !tf_ieq(hdr[i], strlen(hdr[i]), "Date")))
            return 1;
        if (h->col == G_DATE)
            plain_date = 1;
        else
            other = 1;
    }
    return plain_date && other;
}

/* Units as the platform prints them -> stored unit (mass becomes kg). */
static void map_unit(const char *u, char *out, size_t outlen)
{
    static const struct { const char *from, *to; } units[] = {
        {"千克", "kg"}, {"Kilogram", "kg"}, {"kg", "kg"},
        {"吨", "t"},    {"Ton", "t"},       {"Tonne", "t"}, {"t", "t"},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (tf_ieq(u, strlen(u), units[i].from)) {
            tf_scopy(out, outlen, units[i].to);
            return;
        }
    tf_scopy(out, outlen, u);
}

static int is_missing(const char *v, size_t n)
{
    return n == 0 || (n == 1 && v[0] == '?');
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* A header row again (several downloads concatenated): 1 when it is the
 * same header, -1 when it is a different one (its columns would be read with
 * the first header's meaning), 0 when the row is data. */
static int header_row(tf_rctx *c, tf_csv_field *f, size_t n)
{
    /* a data row starts with a month or a code in digits, which no header is */
    if (n == 0 || all_digits(f[0].p, f[0].n))
        return 0;
    const char *s;
    size_t sl;
    if (tf_rdecode(c, &f[0], 0, 1, &s, &sl) != TF_OK)
        return 0;
    s = tf_trim(s, &sl);
    char first[64];
    tf_copy(first, sizeof first, s, sl);
    const gacc_header *h = find_header(first);
    if (!h || h->col != find_header(c->hdr[0])->col)
        return 0;
    if (n != c->nhdr)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (tf_rdecode(c, &f[i], 0, i + 1, &s, &sl) != TF_OK)
            return -1;
        s = tf_trim(s, &sl);
        if (sl != strlen(c->hdr[i]) || memcmp(s, c->hdr[i], sl) != 0)
            return -1;
    }
    return 1;
}

/* The flow a file name suggests: a word of its base name (split at anything
 * but letters, and between digits and letters: "2024out.csv" -> 2024, out)
 * that is import/imports/imp/in or export/exports/exp/out, or 进口/进 or
 * 出口/出 anywhere in it. TF_FLOW_NONE when it says neither or both. */
static tf_flow flow_from_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int imp = strstr(base, "\xe8\xbf\x9b") != NULL;  /* 进 */
    int exp = strstr(base, "\xe5\x87\xba") != NULL;  /* 出 */
    static const char *const iw[] = {"in", "imp", "import", "imports"};
    static const char *const ew[] = {"out", "exp", "export", "exports"};
    for (const char *p = base; *p;) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        char w[16];
        size_t n = 0;
        for (; isalpha((unsigned char)*p); p++)
            if (n + 1 < sizeof w)
                w[n++] = (char)tolower((unsigned char)*p);
        w[n] = '\0';
        for (size_t i = 0; i < 4; i++) {
            imp |= strcmp(w, iw[i]) == 0;
            exp |= strcmp(w, ew[i]) == 0;
        }
    }
    return imp == exp ? TF_FLOW_NONE : imp ? TF_FLOW_IMPORT : TF_FLOW_EXPORT;
}

/* Warn (never refuse) when --flow disagrees with the file name, or with a
 * header whose partner column is an import's (country of origin or of
 * consignment: exports are by destination). */
static void check_flow_hints(tf_rctx *c, tf_flow flow, const char *basis_from_header)
{
    tf_flow named = flow_from_name(c->name);
    if (named != TF_FLOW_NONE && named != flow)
        tf_rwarn(c, NULL, c->hdr_line, 1,
                 "the file name says %s but --flow %s was given: ingested as %s; check the "
                 "flow (a wrong one can be retracted with tradeflow sources --retract)",
                 tf_flow_name(named), tf_flow_name(flow), tf_flow_name(flow));
    if (basis_from_header && flow == TF_FLOW_EXPORT)
        tf_rwarn(c, NULL, c->hdr_line, 1,
                 "the header's partner column is the country of %s, which GACC gives for "
                 "imports, but --flow export was given: ingested as export; check the flow",
                 basis_from_header);
}

/*
 * The period of a download without a date column (数据年月): a single-month
 * or cumulative query leaves it out, and only the user knows which months
 * were queried (ingest --period / --range, reader.h). A range is stored as
 * "YYYY-MM..YYYY-MM" (record.h): never as one of its months. date_col is the
 * 0-based date column, -1 for none. Writes the period into out ("" when the
 * file has its own column). TF_ERR_USAGE when
 * neither or both say it, or the option is malformed.
 */
static tf_status fixed_period(tf_rctx *c, int date_col, char out[20])
{
    int has_date_col = date_col >= 0;
    const char *p = c->opts->period;
    tf_error why = {0};
    out[0] = '\0';
    if (has_date_col && !p)
        return TF_OK;
    if (has_date_col) {
        tf_error_set(&c->diag->error, TF_ERR_USAGE,
               "%s:%lu:%d: the file has its own date column (数据年月): --period and --range "
               "are for downloads without one", c->name, c->hdr_line, date_col + 1);
        return TF_ERR_USAGE;
    }
    if (!p) {
        tf_error_set(&c->diag->error, TF_ERR_USAGE,
               "%s:%lu:1: no date column (数据年月): a single-month or cumulative download "
               "does not say its months; give --period YYYY-MM for one month or --range "
               "YYYY-MM..YYYY-MM for a cumulative range", c->name, c->hdr_line);
        return TF_ERR_USAGE;
    }
    if (strstr(p, "..")) {
        if (tf_period_range_parse(p, out, &why) == TF_OK)
            return TF_OK;
    } else if (strlen(p) == 7 && tf_period_parse(p, 7, out) == TF_OK) {
        return TF_OK;
    }
    tf_error_set(&c->diag->error, TF_ERR_USAGE, "%s: bad --period/--range '%.40s' (%s)", c->name, p,
           why.msg[0] ? why.msg : "expected YYYY-MM with month 01-12");
    return TF_ERR_USAGE;
}

/* What the header of a GACC file says, for reading its rows. */
typedef struct gacc_file {
    int map[G_COUNT];        /* 0-based column of each G_* field, -1 when absent */
    size_t used;             /* columns used: the header's trailing empty one left out */
    const char *basis_from_header; /* the partner basis the partner column names, or NULL */
    const char *basis;       /* the records' partner basis */
    int value_col;           /* the value column read (CNY or USD) */
    const char *currency;
    char period[20];         /* --period/--range for a file without a date column, else "" */
} gacc_file;

/* Map the header's columns to G_* fields and check the required ones. */
static tf_status map_header(tf_rctx *c, gacc_file *g)
{
    int *map = g->map;
    for (int k = 0; k < G_COUNT; k++)
        map[k] = -1;
    g->used = c->nhdr;
    /* The platform ends every line, the header included, with a comma. */
    if (g->used > 1 && c->hdr[g->used - 1][0] == '\0')
        g->used--;
    for (size_t i = 0; i < g->used; i++) {
        const gacc_header *h = find_header(c->hdr[i]);
        if (!h)
            return tf_rerr(c, c->hdr_line, i + 1,
                           "unknown GACC column '%.60s' (a truncated or edited header?)",
                           c->hdr[i]);
        if (map[h->col] >= 0)
            return tf_rerr(c, c->hdr_line, i + 1, "column '%s' appears twice", c->hdr[i]);
        map[h->col] = (int)i;
        if (h->basis)
            g->basis_from_header = h->basis;
    }
    static const struct { int col; const char *what; } req[] = {
        {G_CODE, "商品编码 (Commodity code)"},
        {G_QTY, "第一数量 (Quantity)"},
        {G_UNIT, "第一计量单位 (Unit)"},
    };
    for (size_t r = 0; r < sizeof req / sizeof req[0]; r++)
        if (map[req[r].col] < 0)
            return tf_rerr(c, c->hdr_line, 1, "missing required GACC column %s", req[r].what);
    if (map[G_CNY] >= 0 && map[G_USD] >= 0)
        return tf_rerr(c, c->hdr_line, (unsigned long)map[G_USD] + 1,
                       "both 人民币 and 美元 value columns: download one currency per file");
    if (map[G_PARTNER] < 0 && map[G_PARTNER_NAME] >= 0)
        return tf_rerr(c, c->hdr_line, (unsigned long)map[G_PARTNER_NAME] + 1,
                       "partner names without the partner code column");
    return TF_OK;
}

/* The header, the period and the flow: everything the rows are read with. */
static tf_status read_file_options(tf_rctx *c, gacc_file *g)
{
    const tf_read_opts *o = c->opts;
    tf_status st = map_header(c, g);
    if (st != TF_OK)
        return st;
    if ((st = fixed_period(c, g->map[G_DATE], g->period)) != TF_OK)
        return st;
    if (o->flow == TF_FLOW_NONE)
        return tf_error_set(&c->diag->error, TF_ERR_USAGE, "%s: a GACC export does not say its "
                            "flow: give --flow import or --flow export", c->name);
    check_flow_hints(c, o->flow, g->basis_from_header);
    g->basis = o->partner_basis ? o->partner_basis
               : g->basis_from_header ? g->basis_from_header : "trading";
    g->value_col = g->map[G_CNY] >= 0 ? g->map[G_CNY] : g->map[G_USD];
    g->currency = g->map[G_CNY] >= 0 ? "CNY" : "USD";
    return TF_OK;
}

/* A trade-mode or province code (kind "mode" or "prov") into out: digits,
 * at most max; one warning per code not in the table (known == 0). */
static tf_status table_code(tf_rctx *c, const char *v, size_t vl, size_t max, unsigned long line,
                            unsigned long col, char *out, size_t outlen, const char *kind)
{
    int mode = !strcmp(kind, "mode");
    if (!all_digits(v, vl) || vl > max)
        return tf_rerr(c, line, col, "bad %s code '%.*s'", mode ? "trade-mode" : "province",
                       (int)(vl > 40 ? 40 : vl), v);
    tf_copy(out, outlen, v, vl);
    int known = !c->ref || (mode ? tf_refdata_trade_mode(c->ref, out) != NULL
                                 : tf_refdata_province(c->ref, out) != NULL);
    if (!known) {
        char key[32];
        tf_fmt(key, sizeof key, "%s:%s", kind, out);
        tf_rwarn(c, key, line, col, "%s code %s is not in the %s table; kept as given",
                 mode ? "trade-mode" : "province", out, mode ? "trade-mode" : "province");
    }
    return TF_OK;
}

/* A figure field (quantities, the value read) into rec; missing is no figure. */
static tf_status figure_field(tf_rctx *c, const gacc_file *g, int k, const char *v, size_t vl,
                              unsigned long line, unsigned long col, tf_record *rec)
{
    if ((k == G_CNY || k == G_USD) && g->map[k] != g->value_col)
        return TF_OK;
    if (is_missing(v, vl))
        return TF_OK;
    tf_milli q;
    tf_error why;
    if (tf_milli_parse(v, vl, 1, &q, &why) != TF_OK)
        return tf_rerr(c, line, col, "'%.*s': %s", (int)(vl > 40 ? 40 : vl), v, why.msg);
    if (q < 0)
        return tf_rerr(c, line, col, "negative figure '%.*s'", (int)(vl > 40 ? 40 : vl), v);
    if (k == G_QTY) {
        rec->has_quantity = 1;
        rec->quantity = q;
    } else if (k == G_QTY2) {
        rec->has_quantity2 = 1;
        rec->quantity2 = q;
    } else {
        rec->has_value = 1;
        rec->value = q;
        tf_scopy(rec->currency, sizeof rec->currency, g->currency);
    }
    return TF_OK;
}

/* The commodity code v[0..vl) (2-10 digits) into rec. GACC codes have an even
 * number of digits (HS 2, 4, 6, 8 and China's 10); an odd one lost its leading
 * zero in a spreadsheet (chapters 01-09, "1201100" for 01201100?) and gets it
 * back, with a warning, as the UN Comtrade reader does. */
static tf_status gacc_code(tf_rctx *c, const char *v, size_t vl, unsigned long line,
                           unsigned long col, tf_record *rec)
{
    if (vl % 2 == 0) {
        tf_copy(rec->commodity, sizeof rec->commodity, v, vl);
        return TF_OK;
    }
    tf_rwarn(c, "leading-zero", line, col,
             "commodity code '%.*s' has an odd number of digits: a spreadsheet dropped its "
             "leading zero; read as '0%.*s' (and likewise for other codes)", (int)vl, v, (int)vl,
             v);
    rec->commodity[0] = '0';
    tf_copy(rec->commodity + 1, sizeof rec->commodity - 1, v, vl);
    return TF_OK;
}

/* Field k of a row (decoded and trimmed: v[0..vl)) into rec; the partner's
 * name into partner_name (128 bytes). */
static tf_status read_field(tf_rctx *c, const gacc_file *g, int k, const char *v, size_t vl,
                            unsigned long line, unsigned long col, tf_record *rec,
                            char *partner_name)
{
    switch (k) {
    case G_DATE:
        if (vl != 6 || tf_period_parse(v, vl, rec->period) != TF_OK)
            return tf_rerr(c, line, col, "bad date of data '%.*s' (expected YYYYMM, month 01-12)",
                           (int)(vl > 40 ? 40 : vl), v);
        return TF_OK;
    case G_CODE:
        if (!all_digits(v, vl) || vl < 2 || vl > 10)
            return tf_rerr(c, line, col, "bad commodity code '%.*s' (2-10 digits)",
                           (int)(vl > 40 ? 40 : vl), v);
        return gacc_code(c, v, vl, line, col, rec);
    case G_PARTNER:
        if (!all_digits(v, vl) || vl > 6)
            return tf_rerr(c, line, col, "bad partner code '%.*s'", (int)(vl > 40 ? 40 : vl), v);
        tf_copy(rec->partner, sizeof rec->partner, v, vl); /* mapped in finish_row */
        return TF_OK;
    case G_PARTNER_NAME:
        tf_copy(partner_name, 128, v, vl);
        return TF_OK;
    case G_MODE:
        return is_missing(v, vl) ? TF_OK
                                 : table_code(c, v, vl, 4, line, col, rec->trade_mode,
                                              sizeof rec->trade_mode, "mode");
    case G_PROV:
        return is_missing(v, vl) ? TF_OK
                                 : table_code(c, v, vl, 6, line, col, rec->province,
                                              sizeof rec->province, "prov");
    case G_QTY:
    case G_QTY2:
    case G_CNY:
    case G_USD:
        return figure_field(c, g, k, v, vl, line, col, rec);
    case G_UNIT:
    case G_UNIT2:
        if (!is_missing(v, vl)) {
            char u[32];
            if (tf_copy(u, sizeof u, v, vl) != 0)
                return tf_rerr(c, line, col, "unit too long");
            map_unit(u, k == G_UNIT ? rec->unit : rec->unit2, sizeof rec->unit);
        }
        return TF_OK;
    default:
        return TF_OK; /* names of commodities, modes, provinces: the tables have them */
    }
}

/* After the fields: units of the quantities, the partner code to ISO3. */
static tf_status finish_row(tf_rctx *c, const gacc_file *g, tf_record *rec,
                            const char *partner_name, unsigned long line)
{
    const int *map = g->map;
    if (rec->has_quantity && rec->unit[0] == '\0')
        return tf_rerr(c, line, (unsigned long)map[G_UNIT] + 1, "quantity without a unit");
    if (rec->has_quantity2 && rec->unit2[0] == '\0' && rec->quantity2 != 0)
        tf_rwarn(c, "qty2-no-unit", line, (unsigned long)map[G_QTY2] + 1,
                 "second quantity without a unit ('?'): not stored");
    if (!rec->has_quantity2 || rec->unit2[0] == '\0') {
        /* the platform prints 0 under a '?' unit: there is no second quantity */
        rec->has_quantity2 = 0;
        rec->quantity2 = 0;
        rec->unit2[0] = '\0';
    }
    if (map[G_PARTNER] >= 0) {
        const tf_partner *p = c->ref ? tf_refdata_partner_by_gacc(c->ref, rec->partner) : NULL;
        if (p) {
            tf_scopy(rec->partner, sizeof rec->partner, p->iso3);
        } else {
            char code[16];
            tf_scopy(code, sizeof code, rec->partner);
            tf_fmt(rec->partner, sizeof rec->partner, "GACC:%s", code);
            tf_scopy(rec->partner_name, sizeof rec->partner_name, partner_name);
            tf_rwarn(c, rec->partner, line, (unsigned long)map[G_PARTNER] + 1,
                     "GACC partner code %s ('%s') is not in the partner table; kept as %s",
                     code, partner_name, rec->partner);
        }
    }
    return TF_OK;
}

/* One data row (n fields at line) into a record, handed on. */
static tf_status read_row(tf_rctx *c, const gacc_file *g, tf_csv_field *f, size_t n,
                          unsigned long line)
{
    const tf_read_opts *o = c->opts;
    /* rows end with a trailing comma like the header: a row without it
     * was cut short (a truncated download) */
    if (n != c->nhdr)
        return tf_rerr(c, line, n > c->nhdr ? c->nhdr + 1 : n,
                       "expected %zu fields as in the header, found %zu%s", c->nhdr, n,
                       n + 1 == c->nhdr && g->used < c->nhdr
                           ? " (no trailing comma: a cut line?)" : "");
    if (g->used < c->nhdr && f[n - 1].n != 0)
        return tf_rerr(c, line, n, "unexpected value after the last column");
    c->stats->rows++;
    tf_record rec;
    tf_record_init(&rec);
    rec.line = line;
    rec.flow = o->flow;
    tf_scopy(rec.period, sizeof rec.period, g->period);
    tf_scopy(rec.reporter, sizeof rec.reporter, o->reporter ? o->reporter : "CHN");
    tf_scopy(rec.partner_basis, sizeof rec.partner_basis, g->basis);
    tf_scopy(rec.partner, sizeof rec.partner, TF_PARTNER_WORLD);
    if (o->provenance)
        tf_scopy(rec.provenance, sizeof rec.provenance, o->provenance);
    char partner_name[128] = "";
    for (int k = 0; k < G_COUNT; k++) {
        if (g->map[k] < 0)
            continue;
        unsigned long col = (unsigned long)g->map[k] + 1;
        const char *v;
        size_t vl;
        tf_status st = tf_rdecode(c, &f[g->map[k]], line, col, &v, &vl);
        if (st != TF_OK)
            return st;
        v = tf_trim(v, &vl);
        if ((st = read_field(c, g, k, v, vl, line, col, &rec, partner_name)) != TF_OK)
            return st;
    }
    tf_status st = finish_row(c, g, &rec, partner_name, line);
    if (st != TF_OK)
        return st;
    return tf_remit(c, &rec, (unsigned long)g->map[G_QTY] + 1, (unsigned long)g->value_col + 1);
}

tf_status tf_read_gacc(tf_rctx *c)
{
    gacc_file g = {0};
    tf_status st = read_file_options(c, &g);
    if (st != TF_OK)
        return st;
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256];
    int rc;
    while ((rc = tf_csv_next(c->csv, &f, &n, &line, &col, err, sizeof err)) == 1) {
        if (n == 1 && f[0].n == 0 && !f[0].quoted)
            continue; /* blank line */
        int hr = header_row(c, f, n);
        if (hr > 0) {
            tf_rwarn(c, NULL, line, 1, "header repeated (concatenated downloads?); skipped");
            continue;
        }
        if (hr < 0)
            return tf_rerr(c, line, 1, "a second header with other columns than the first "
                                       "(concatenated downloads of different queries?)");
        if ((st = read_row(c, &g, f, n, line)) != TF_OK)
            return st;
    }
    if (rc < 0)
        return tf_rcsv_error(c, rc, line, col, err);
    return TF_OK;
}
