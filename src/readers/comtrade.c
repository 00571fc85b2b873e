/*
 * UN Comtrade reader (DOMAIN.md §4). One row model, four layouts:
 *   - v1 API JSON: {"elapsedTime", "count", "data": [ {typeCode, ...}, ... ], "error"};
 *   - ComtradePlus "Download CSV": 47 named columns, Windows-1252, all quoted,
 *     a trailing comma on data rows (one field more than the header), CRLF or LF;
 *   - the same columns re-saved by pandas: unquoted, True/False, "123.0";
 *   - legacy comtrade.un.org CSV: 35 columns (Classification, Year, Period, ...,
 *     Trade Flow Code 1 import, 2 export, 3 re-export, 4 re-import, ...), or
 *     its reduced 12-column variant.
 *
 * What is stored, per row:
 *   period     "YYYY" for annual data (freqCode A, refMonth 52), "YYYY-MM" for monthly;
 *   flow       M/1 import, X/2 export, RM/4 re-import, RX/3 re-export; any other
 *              code is kept as flow "other" with the code in trade_mode (warned);
 *   reporter   ISO alpha-3 (the file's, else from the code via data/comtrade-areas.csv);
 *   partner    WLD for 0/W00/WLD; ISO alpha-3 for countries; "M49:nnn" for
 *              Comtrade's special areas (490 Other Asia nes, 899 Areas nes,
 *              838 Free zones, 837 Bunkers ...), named from the file or the table;
 *              a second-partner breakdown of the World row (partner 0,
 *              partner2 = country of consignment) is stored under the second
 *              partner with partner basis "consignment";
 *   partner_basis  "origin" for imports and re-imports, "destination" for
 *              exports and re-exports (the IMTS 2010 recommendation Comtrade
 *              follows), "consignment" as above, "group" for a partner that is
 *              a group of countries (97 EU-28), which must not be added to its
 *              members. World (0) is the total; the special areas (nes, free
 *              zones, bunkers) are partners like the countries. isAggregate
 *              marks figures UNSD computed (e.g. TOTAL from the detailed
 *              codes), not partner aggregates: it is kept in the provenance;
 *   classification, commodity  as given ("H6"/"S4", "TOTAL"); an HS code that
 *              lost its leading zero in a spreadsheet ("1", "101") is restored
 *              ("01", "0101"), with a warning;
 *   trade_mode "" (the customs procedure is a breakdown, below);
 *   quantity   netWgt in kg where given; otherwise qty in its unit (code 8 is
 *              kg); qty in another unit goes to quantity2/unit2. A zero netWgt
 *              or qty flagged as estimated, or beside a positive value, is
 *              Comtrade's "not available" and is not stored. status is "estimated" when the stored quantity is flagged
 *              estimated (isNetWgtEstimated/isQtyEstimated, or the legacy flag:
 *              2 quantity, 4 net weight, 6 both);
 *   value      primaryValue in USD; cif and fob are cifvalue and fobvalue.
 * Breakdown rows. The aggregate row of a partner has partner2Code 0, motCode
 * 0 and customsCode C00; rows that detail it are breakdowns:
 *   - by second partner of the World row: stored under the second partner,
 *     basis "consignment" (above);
 *   - by second partner of a country, by mode of transport or by customs
 *     procedure: kept under the aggregate's partner with partner basis
 *     "breakdown:partner2=N", "breakdown:mot=N", "breakdown:customs=C" or
 *     several of them comma-separated in that order (record.h), which no report
 *     or mirror adds up.
 * Breakdowns along one dimension are checked against their aggregate row at
 * the end of the file: a sum that misses it by more than one unit (1 kg,
 * 1 USD; Comtrade prints whole units), or breakdowns without an aggregate
 * row, are warned about (the aggregate counts; nothing is refused).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

enum {
    K_FREQ, K_YEAR, K_MONTH, K_PERIOD, K_REP_CODE, K_REP_ISO, K_FLOW, K_FLOW_DESC,
    K_PART_CODE, K_PART_ISO, K_PART_DESC, K_P2_CODE, K_CLASS, K_CMD, K_CUSTOMS, K_MOT,
    K_QUNIT, K_QUNIT_ABBR, K_QTY, K_QTY_EST, K_NETWGT, K_NETWGT_EST, K_CIF, K_FOB,
    K_PRIMARY, K_FLAG, K_REPORTED, K_AGGREGATE, K_COUNT
};

typedef struct {
    int k;
    const char *name;
} ct_col;

/* v1 API / ComtradePlus names first, then the legacy comtrade.un.org names. */
static const ct_col cols[] = {
    {K_FREQ, "freqCode"}, {K_YEAR, "refYear"}, {K_MONTH, "refMonth"}, {K_PERIOD, "period"},
    {K_REP_CODE, "reporterCode"}, {K_REP_ISO, "reporterISO"}, {K_FLOW, "flowCode"},
    {K_FLOW_DESC, "flowDesc"}, {K_PART_CODE, "partnerCode"}, {K_PART_ISO, "partnerISO"},
    {K_PART_DESC, "partnerDesc"}, {K_P2_CODE, "partner2Code"},
    {K_CLASS, "classificationCode"}, {K_CMD, "cmdCode"}, {K_CUSTOMS, "customsCode"},
    {K_MOT, "motCode"}, {K_QUNIT, "qtyUnitCode"}, {K_QUNIT_ABBR, "qtyUnitAbbr"},
    {K_QTY, "qty"}, {K_QTY_EST, "isQtyEstimated"}, {K_NETWGT, "netWgt"},
    {K_NETWGT_EST, "isNetWgtEstimated"}, {K_CIF, "cifvalue"}, {K_FOB, "fobvalue"},
    {K_PRIMARY, "primaryValue"}, {K_FLAG, "legacyEstimationFlag"},
    {K_REPORTED, "isReported"}, {K_AGGREGATE, "isAggregate"},
    /* legacy */
    {K_CLASS, "Classification"}, {K_YEAR, "Year"}, {K_PERIOD, "Period"},
    {K_FLOW, "Trade Flow Code"}, {K_FLOW_DESC, "Trade Flow"},
    {K_REP_CODE, "Reporter Code"}, {K_REP_ISO, "Reporter ISO"},
    {K_PART_CODE, "Partner Code"}, {K_PART_DESC, "Partner"}, {K_PART_ISO, "Partner ISO"},
    {K_P2_CODE, "2nd Partner Code"}, {K_CUSTOMS, "Customs Proc. Code"},
    {K_MOT, "Mode of Transport Code"}, {K_CMD, "Commodity Code"},
    {K_QUNIT, "Qty Unit Code"}, {K_QTY, "Qty"}, {K_NETWGT, "Netweight (kg)"},
    {K_PRIMARY, "Trade Value (US$)"}, {K_CIF, "CIF Trade Value (US$)"},
    {K_FOB, "FOB Trade Value (US$)"}, {K_FLAG, "Flag"},
};
#define N_COLS (sizeof cols / sizeof cols[0])

static const char *const key_names[K_COUNT] = {
    "freqCode", "refYear", "refMonth", "period", "reporterCode", "reporterISO", "flowCode",
    "flowDesc", "partnerCode", "partnerISO", "partnerDesc", "partner2Code",
    "classificationCode", "cmdCode", "customsCode", "motCode", "qtyUnitCode", "qtyUnitAbbr",
    "qty", "isQtyEstimated", "netWgt", "isNetWgtEstimated", "cifvalue", "fobvalue",
    "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate"};

static int col_of(const char *name)
{
    for (size_t i = 0; i < N_COLS; i++)
        if (strcmp(name, cols[i].name) == 0)
            return cols[i].k;
    return -1;
}

int tf_comtrade_header_match(char **hdr, size_t n)
{
    int plus = 0, legacy = 0;
    for (size_t i = 0; i < n; i++) {
        plus += strcmp(hdr[i], "flowCode") == 0 || strcmp(hdr[i], "cmdCode") == 0 ||
                strcmp(hdr[i], "primaryValue") == 0;
        legacy += strcmp(hdr[i], "Trade Flow Code") == 0 ||
                  strcmp(hdr[i], "Commodity Code") == 0 ||
                  strcmp(hdr[i], "Trade Value (US$)") == 0;
    }
    return plus == 3 || legacy == 3;
}

/* Breakdown check (see the top): one aggregate or one-dimension breakdown row. */
enum { BD_AGG = -1, BD_P2 = 0, BD_MOT = 1, BD_CUSTOMS = 2 };
typedef struct {
    char cell[96];       /* period, flow, reporter, partner, classification, commodity */
    int dim;             /* BD_* */
    unsigned long line;
    int has_q, has_v;
    tf_milli q, v;       /* quantity in kg (has_q: 0 in another unit), primaryValue */
} bd_item;

typedef struct {
    bd_item *v;
    size_t n, cap;
} bd_list;

/* One row's values: NUL-terminated UTF-8 strings, NULL when absent. */
typedef struct {
    bd_list *bd;         /* where aggregate and breakdown rows are noted */
    char *v[K_COUNT];
    unsigned long col[K_COUNT]; /* CSV: the field number of each value (0: not known) */
    unsigned long line;
    char where[96];      /* JSON: "$.data[12]" ("" for CSV) */
} ct_row;

/* The field number a warning about value k names: its column in a CSV, else 1. */
static unsigned long col_at(const ct_row *r, int k)
{
    return k >= 0 && r->col[k] ? r->col[k] : 1;
}

/* Error naming the column: filled by row(), located by the caller. */
typedef struct {
    int k;
    char text[640];
} ct_err;

static tf_status row_err(ct_err *e, int k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static tf_status row_err(ct_err *e, int k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
    e->k = k;
    return TF_ERR_INPUT;
}

static const char *val(const ct_row *r, int k)
{
    const char *s = r->v[k];
    return s && *s ? s : NULL;
}

static int truthy(const char *s) { return s && (tf_ieq(s, strlen(s), "true") || strcmp(s, "1") == 0); }

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* "156", "156.0" (pandas) -> "156"; 0 when not a whole non-negative number. */
static int code_number(const char *s, char *out, size_t outlen)
{
    size_t n = strlen(s);
    if (n > 2 && strcmp(s + n - 2, ".0") == 0)
        n -= 2;
    if (n == 0 || n >= outlen)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    memcpy(out, s, n);
    out[n] = '\0';
    while (out[0] == '0' && out[1]) /* "004" -> "4" */
        memmove(out, out + 1, strlen(out));
    return 1;
}

/* Comtrade quantity unit codes (v1 qtyUnitCode = legacy Qty Unit Code). */
static const char *unit_abbr(int code)
{
    switch (code) {
    case 2: return "m2";
    case 3: return "1000kWh";
    case 4: return "m";
    case 5: return "u";
    case 6: return "2u";
    case 7: return "l";
    case 8: return "kg";
    case 9: return "1000u";
    case 10: return "u (jeu/pack)";
    case 11: return "12u";
    case 12: return "m3";
    case 13: return "carat";
    default: return NULL;
    }
}

/*
 * "1.12339E+11" -> "112339000000": a spreadsheet's scientific notation,
 * written out exactly as the digits it kept. Returns 1 and fills out when s
 * is such a number with a non-negative exponent, else 0.
 */
static int expand_exponent(const char *s, char *out, size_t outlen)
{
    const char *e = strpbrk(s, "eE");
    if (!e || e == s)
        return 0;
    char digits[64];
    size_t nd = 0, frac = 0;
    int dot = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '.' && !dot) {
            dot = 1;
        } else if (isdigit((unsigned char)*p) && nd < sizeof digits - 1) {
            digits[nd++] = *p;
            frac += dot;
        } else {
            return 0;
        }
    }
    const char *x = e + 1;
    if (*x == '+')
        x++;
    if (!isdigit((unsigned char)*x))
        return 0;
    char *end;
    long ex = strtol(x, &end, 10);
    if (*end || ex > 20 || nd == 0)
        return 0;
    long shift = ex - (long)frac; /* zeros to append; negative: decimals left */
    if (shift >= 0) {
        if (nd + (size_t)shift + 1 > outlen)
            return 0;
        memcpy(out, digits, nd);
        memset(out + nd, '0', (size_t)shift);
        out[nd + (size_t)shift] = '\0';
    } else {
        size_t ip = nd - (size_t)(-shift);
        if ((size_t)(-shift) > nd || nd + 3 > outlen)
            return 0;
        memcpy(out, digits, ip);
        out[ip] = '.';
        memcpy(out + ip + 1, digits + ip, nd - ip);
        out[nd + 1] = '\0';
        if (ip == 0) {
            memmove(out + 1, out, nd + 2);
            out[0] = '0';
        }
    }
    return 1;
}

static tf_status number(tf_rctx *c, ct_err *e, const ct_row *r, int k, int *has, tf_milli *out)
{
    const char *s = val(r, k);
    *has = 0;
    if (!s || tf_ieq(s, strlen(s), "nan") || tf_ieq(s, strlen(s), "null"))
        return TF_OK;
    char plain[64];
    if (expand_exponent(s, plain, sizeof plain)) {
        tf_rwarn(c, NULL, r->line, col_at(r, k),
                 "%s '%s' is in scientific notation: a spreadsheet kept only its leading digits; "
                 "read as %s", key_names[k], s, plain);
        s = plain;
    }
    tf_error why;
    if (tf_milli_parse(s, strlen(s), 0, out, &why) != TF_OK)
        return row_err(e, k, "%s '%.40s': %s", key_names[k], s, why.msg);
    if (*out < 0)
        return row_err(e, k, "negative %s '%.40s'", key_names[k], s);
    if (*out > TF_MAX_FIGURE)
        return row_err(e, k, "%s above 100,000,000,000,000, the largest figure stored",
                       key_names[k]);
    *has = 1;
    return TF_OK;
}

/* Reporter or partner code -> the stored code (and a name for M49:nnn). */
static tf_status area(tf_rctx *c, ct_err *e, const ct_row *r, int kcode, int kiso, int kdesc,
                      char *out, size_t outlen, char *name, size_t namelen)
{
    const char *code = val(r, kcode), *iso = kiso >= 0 ? val(r, kiso) : NULL;
    const char *desc = kdesc >= 0 ? val(r, kdesc) : NULL;
    char num[8] = "";
    if (code && !code_number(code, num, sizeof num))
        return row_err(e, kcode, "%s '%.40s' is not a Comtrade area code (digits)",
                       key_names[kcode], code);
    if (!code && !iso)
        return row_err(e, kcode, "%s is missing", key_names[kcode]);
    if ((num[0] && strcmp(num, "0") == 0) ||
        (iso && (strcmp(iso, "W00") == 0 || strcmp(iso, "WLD") == 0))) {
        tf_scopy(out, outlen, TF_PARTNER_WORLD);
        return TF_OK;
    }
    const tf_area *a = num[0] && c->ref ? tf_refdata_area_by_m49(c->ref, num) : NULL;
    if (a) {
        tf_scopy(out, outlen, a->partner);
        if (strncmp(a->partner, "M49:", 4) == 0)
            tf_scopy(name, namelen, desc ? desc : a->name_en);
        if (iso && a->iso3[0] && strcmp(iso, a->iso3) != 0 && strlen(iso) == 3 &&
            isalpha((unsigned char)iso[0])) {
            char key[32];
            tf_fmt(key, sizeof key, "iso:%s:%s", num, iso);
            tf_rwarn(c, key, r->line, col_at(r, kiso),
                     "%s %s is %s in the Comtrade country list but the file says %s; "
                     "kept as %s", key_names[kcode], num, a->iso3, iso, a->partner);
        }
        return TF_OK;
    }
    /* Not in the table: the file's ISO code when it is one, else M49:nnn. */
    if (iso && strlen(iso) == 3 && isupper((unsigned char)iso[0]) &&
        isupper((unsigned char)iso[1]) && isupper((unsigned char)iso[2])) {
        tf_scopy(out, outlen, iso);
    } else if (num[0]) {
        tf_fmt(out, outlen, "M49:%s", num);
        tf_scopy(name, namelen, desc ? desc : "");
    } else {
        return row_err(e, kiso, "%s '%.40s' is neither an ISO alpha-3 code nor World",
                       key_names[kiso], iso);
    }
    char key[32];
    tf_fmt(key, sizeof key, "area:%s", out);
    tf_rwarn(c, key, r->line, col_at(r, num[0] ? kcode : kiso),
             "%s %s%s%s is not in the Comtrade country list; kept as %s",
             key_names[kcode], num[0] ? num : iso, desc ? " " : "", desc ? desc : "", out);
    return TF_OK;
}

/* Note an aggregate row (dim BD_AGG) or a one-dimension breakdown row for
 * the check at the end of the file. TF_ERR_NOMEM or TF_OK. */
static tf_status bd_note(bd_list *l, const tf_record *rec, const char *agg_partner, int dim)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 64;
        bd_item *p = realloc(l->v, nc * sizeof *p);
        if (!p)
            return TF_ERR_NOMEM;
        l->v = p;
        l->cap = nc;
    }
    bd_item *it = &l->v[l->n++];
    tf_fmt(it->cell, sizeof it->cell, "%s %s %s partner %s %s %s", rec->period,
           tf_flow_name(rec->flow), rec->reporter, agg_partner, rec->classification,
           rec->commodity);
    it->dim = dim;
    it->line = rec->line;
    it->has_q = rec->has_quantity && strcmp(rec->unit, "kg") == 0;
    it->q = rec->quantity;
    it->has_v = rec->has_value;
    it->v = rec->value;
    return TF_OK;
}

static int bd_cmp(const void *a, const void *b)
{
    const bd_item *x = a, *y = b;
    int k = strcmp(x->cell, y->cell);
    return k ? k : x->dim != y->dim ? (x->dim < y->dim ? -1 : 1)
                 : x->line < y->line ? -1 : x->line > y->line;
}

/* m (thousandths) in whole units with thousands separators, signed when
 * sign is set: 190000000000 -> "190,000,000". */
static void whole(tf_milli m, int sign, char *out, size_t outlen)
{
    unsigned long long u = (unsigned long long)(m < 0 ? -m : m);
    u = (u + 500) / 1000;
    char digits[32], grouped[48];
    int nd = snprintf(digits, sizeof digits, "%llu", u), g = 0;
    for (int i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    tf_fmt(out, outlen, "%s%s", m < 0 ? "-" : sign ? "+" : "", grouped);
}

/* Warn about one breakdown group l[b..e) (same key and dimension) against its
 * aggregate agg (NULL when the file has none). */
static void bd_warn_group(tf_rctx *c, const bd_item *agg, const bd_item *l, size_t b, size_t e)
{
    static const char *const dims[] = {"second partner", "mode of transport",
                                       "customs procedure"};
    const char *what = dims[l[b].dim];
    if (!agg) {
        tf_rwarn(c, NULL, l[b].line, 1,
                 "%zu row%s by %s of %s without the aggregate row (partner2Code 0, motCode 0, "
                 "customsCode C00): kept as breakdowns, not counted in totals", e - b,
                 e - b == 1 ? "" : "s", what, l[b].cell);
        return;
    }
    int all_q = agg->has_q, all_v = agg->has_v;
    tf_milli sq = 0, sv = 0;
    for (size_t i = b; i < e; i++) {
        all_q &= l[i].has_q;
        all_v &= l[i].has_v;
        sq += l[i].q;
        sv += l[i].v;
    }
    static const struct { const char *unit; } u[] = {{"kg"}, {"USD"}};
    tf_milli sums[2] = {sq, sv}, aggs[2] = {agg->q, agg->v};
    int check[2] = {all_q, all_v};
    for (int m = 0; m < 2; m++) {
        tf_milli gap = sums[m] - aggs[m];
        if (!check[m] || (gap <= 1000 && gap >= -1000)) /* one whole unit */
            continue;
        char ws[40], wa[40], wg[40];
        whole(sums[m], 0, ws, sizeof ws);
        whole(aggs[m], 0, wa, sizeof wa);
        whole(gap, 1, wg, sizeof wg);
        tf_rwarn(c, NULL, agg->line, 1,
                 "the %zu row%s by %s of %s add up to %s %s, the aggregate row says %s %s "
                 "(%s %s, %+.1f%%): the aggregate counts, the breakdown is kept as it is",
                 e - b, e - b == 1 ? "" : "s", what, agg->cell, ws, u[m].unit, wa, u[m].unit,
                 wg, u[m].unit, aggs[m] ? 100.0 * (double)gap / (double)aggs[m] : 0.0);
    }
}

/* The check at the end of the file: each breakdown dimension of each
 * aggregate adds up to it (see the top). Frees the list. */
static void bd_check(tf_rctx *c, bd_list *l)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, bd_cmp);
    for (size_t b = 0; b < l->n;) {
        size_t e = b;
        while (e < l->n && strcmp(l->v[e].cell, l->v[b].cell) == 0)
            e++;
        const bd_item *agg = l->v[b].dim == BD_AGG ? &l->v[b] : NULL;
        for (size_t g = agg ? b + 1 : b; g < e;) {
            size_t h = g;
            while (h < e && l->v[h].dim == l->v[g].dim)
                h++;
            if (l->v[g].dim != BD_AGG)
                bd_warn_group(c, agg, l->v, g, h);
            g = h;
        }
        b = e;
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* The row's period: period (or refYear), checked against freqCode and refMonth. */
static tf_status row_period(ct_row *r, ct_err *e, tf_record *rec)
{
    const char *freq = val(r, K_FREQ), *period = val(r, K_PERIOD), *year = val(r, K_YEAR),
               *month = val(r, K_MONTH);
    char pbuf[16];
    if (!period && year)
        period = year;
    if (!period)
        return row_err(e, K_PERIOD, "period is missing");
    if (!code_number(period, pbuf, sizeof pbuf) || (strlen(pbuf) != 4 && strlen(pbuf) != 6) ||
        tf_period_parse(pbuf, strlen(pbuf), rec->period) != TF_OK)
        return row_err(e, K_PERIOD, "bad period '%.40s' (expected YYYY or YYYYMM)", period);
    int annual = strlen(rec->period) == 4;
    if (freq && ((strcmp(freq, "A") == 0 && !annual) || (strcmp(freq, "M") == 0 && annual)))
        return row_err(e, K_PERIOD, "period '%s' does not fit freqCode '%s' (A: YYYY, M: YYYYMM)",
                       period, freq);
    if (month && annual && strcmp(month, "52") != 0 && strcmp(month, "52.0") != 0)
        return row_err(e, K_MONTH, "refMonth '%s' on an annual row (52 expected)", month);
    return TF_OK;
}

/* The row's flow; a flow that is none of the four is kept as "other" with
 * the source's code as trade mode (common.h). */
static tf_status row_flow(tf_rctx *c, ct_row *r, ct_err *e, tf_record *rec)
{
    const char *flow = val(r, K_FLOW);
    if (!flow)
        return row_err(e, K_FLOW, "flow code is missing");
    if (strcmp(flow, "M") == 0 || strcmp(flow, "1") == 0)
        rec->flow = TF_FLOW_IMPORT;
    else if (strcmp(flow, "X") == 0 || strcmp(flow, "2") == 0)
        rec->flow = TF_FLOW_EXPORT;
    else if (strcmp(flow, "RX") == 0 || strcmp(flow, "3") == 0)
        rec->flow = TF_FLOW_REEXPORT;
    else if (strcmp(flow, "RM") == 0 || strcmp(flow, "4") == 0)
        rec->flow = TF_FLOW_REIMPORT;
    else {
        if (tf_scopy(rec->trade_mode, sizeof rec->trade_mode, flow) != 0)
            return row_err(e, K_FLOW, "flow code '%.40s' too long", flow);
        rec->flow = TF_FLOW_OTHER;
        c->stats->other_flows++;
        char key[32];
        tf_fmt(key, sizeof key, "flow:%s", flow);
        const char *d = val(r, K_FLOW_DESC);
        tf_rwarn(c, key, r->line, col_at(r, K_FLOW),
                 "flow code '%s'%s%s%s is not import, export, re-import or re-export: kept as "
                 "flow 'other' with trade mode '%s', not counted in imports or exports",
                 flow, d ? " (" : "", d ? d : "", d ? ")" : "", flow);
    }
    return TF_OK;
}

/* The reporter: a country with an ISO alpha-3 code (490 kept as S19). */
static tf_status row_reporter(tf_rctx *c, ct_row *r, ct_err *e, tf_record *rec)
{
    char rep[16] = "", pname[128] = "";
    tf_status st = area(c, e, r, K_REP_CODE, K_REP_ISO, -1, rep, sizeof rep, pname, sizeof pname);
    if (st != TF_OK)
        return st;
    if (strcmp(rep, "M49:490") == 0) {
        tf_scopy(rep, sizeof rep, "S19"); /* Comtrade's own alpha code for "Other Asia, nes" */
        tf_rwarn(c, "reporter:490", r->line, col_at(r, K_REP_CODE),
                 "reporter 490 \"Other Asia, nes\" is a Comtrade special area, not a country "
                 "(Comtrade reports Taiwan under it): kept as reporter S19; query it with "
                 "--reporter S19 (or 490)");
    }
    if (strlen(rep) != 3 || strcmp(rep, TF_PARTNER_WORLD) == 0)
        return row_err(e, K_REP_CODE, "reporter '%s' is not a country with an ISO alpha-3 code",
                       rep);
    tf_scopy(rec->reporter, sizeof rec->reporter, rep);
    return TF_OK;
}

/* Partner and second partner, and the partner basis they give. agg_partner
 * (16 bytes) receives the partner of the aggregate row, bd_basis (40 bytes)
 * "partner2=N" for a country's breakdown by second partner, *p2set 1 when
 * the second partner is not the world. */
static tf_status row_partner(tf_rctx *c, ct_row *r, ct_err *e, tf_record *rec,
                             char *agg_partner, char *bd_basis, int *p2set)
{
    tf_status st = area(c, e, r, K_PART_CODE, K_PART_ISO, K_PART_DESC, rec->partner,
                        sizeof rec->partner, rec->partner_name, sizeof rec->partner_name);
    if (st != TF_OK)
        return st;
    const char *basis = rec->flow == TF_FLOW_EXPORT || rec->flow == TF_FLOW_REEXPORT
                            ? "destination" : rec->flow == TF_FLOW_OTHER ? "" : "origin";
    const char *p2 = val(r, K_P2_CODE);
    char p2n[8];
    if (p2 && (!code_number(p2, p2n, sizeof p2n)))
        return row_err(e, K_P2_CODE, "partner2Code '%.40s' is not a Comtrade area code", p2);
    tf_scopy(agg_partner, 16, rec->partner);
    *p2set = p2 && strcmp(p2n, "0") != 0;
    if (*p2set && strcmp(rec->partner, TF_PARTNER_WORLD) != 0) {
        tf_fmt(bd_basis, 40, "partner2=%s", p2n); /* a country's breakdown */
    } else if (*p2set) {
        rec->partner_name[0] = '\0';
        st = area(c, e, r, K_P2_CODE, -1, -1, rec->partner, sizeof rec->partner,
                  rec->partner_name, sizeof rec->partner_name);
        if (st != TF_OK)
            return st;
        basis = "consignment";
    }
    /* A group of countries (97 EU-28) overlaps its members: kept under basis
     * "group", so that partner rankings and sums, which take one basis, never
     * add it to the countries. */
    if (strncmp(rec->partner, "M49:", 4) == 0 && c->ref) {
        const tf_area *g = tf_refdata_area_by_m49(c->ref, rec->partner + 4);
        if (g && strcmp(g->kind, "group") == 0)
            basis = "group";
    }
    tf_scopy(rec->partner_basis, sizeof rec->partner_basis, basis);
    return TF_OK;
}

/* Classification and commodity code (a leading zero a spreadsheet dropped
 * from an HS code put back). */
static tf_status row_commodity(tf_rctx *c, ct_row *r, ct_err *e, tf_record *rec)
{
    const char *cls = val(r, K_CLASS), *cmd = val(r, K_CMD);
    if (!cls)
        return row_err(e, K_CLASS, "classification code is missing");
    if (tf_scopy(rec->classification, sizeof rec->classification, cls) != 0)
        return row_err(e, K_CLASS, "classification '%.40s' too long", cls);
    if (!cmd)
        return row_err(e, K_CMD, "commodity code is missing");
    if (strcmp(cmd, "TOTAL") != 0 && !all_digits(cmd))
        return row_err(e, K_CMD, "commodity code '%.40s' is neither digits nor TOTAL", cmd);
    if (cls[0] == 'H' && strcmp(cmd, "TOTAL") != 0 && strlen(cmd) % 2 == 1) {
        tf_rwarn(c, "leading-zero", r->line, col_at(r, K_CMD),
                 "HS code '%s' has an odd number of digits: a spreadsheet dropped its leading "
                 "zero; read as '0%s' (and likewise for other codes)", cmd, cmd);
        rec->commodity[0] = '0';
        if (tf_scopy(rec->commodity + 1, sizeof rec->commodity - 1, cmd) != 0)
            return row_err(e, K_CMD, "commodity code too long");
    } else if (tf_scopy(rec->commodity, sizeof rec->commodity, cmd) != 0) {
        return row_err(e, K_CMD, "commodity code '%.40s' too long", cmd);
    }
    return TF_OK;
}

/* Customs procedure and mode of transport: a breakdown row's partner basis
 * "breakdown:partner2=..,mot=..,customs=.." and its dimension in *dim
 * (BD_AGG for the aggregate row, -2 for a breakdown by several). */
static tf_status row_breakdown(ct_row *r, ct_err *e, tf_record *rec, char *bd_basis, int p2set,
                               int *dim)
{
    const char *customs = val(r, K_CUSTOMS), *mot = val(r, K_MOT);
    if (customs && strcmp(customs, "C00") != 0) {
        if (rec->flow == TF_FLOW_OTHER)
            return row_err(e, K_CUSTOMS, "flow '%s' by customs procedure '%s' is not supported",
                           val(r, K_FLOW), customs);
        if (strlen(customs) > 7)
            return row_err(e, K_CUSTOMS, "customs code '%.40s' too long", customs);
    }
    char motn[8] = "0";
    if (mot && !code_number(mot, motn, sizeof motn))
        return row_err(e, K_MOT, "motCode '%.40s' is not a Comtrade mode-of-transport code "
                       "(digits)", mot);
    int motset = strcmp(motn, "0") != 0, cset = customs && strcmp(customs, "C00") != 0;
    size_t u = strlen(bd_basis);
    if (motset)
        u += (size_t)snprintf(bd_basis + u, 40 - u, "%smot=%s", u ? "," : "", motn);
    if (cset)
        snprintf(bd_basis + u, 40 - u, "%scustoms=%s", u ? "," : "", customs);
    if (bd_basis[0])
        tf_fmt(rec->partner_basis, sizeof rec->partner_basis, "breakdown:%s", bd_basis);
    *dim = p2set + motset + cset == 0 ? BD_AGG : p2set + motset + cset > 1 ? -2
           : p2set ? BD_P2 : motset ? BD_MOT : BD_CUSTOMS;
    return TF_OK;
}

/* Estimation: *qty_est and *wgt_est from the isQtyEstimated / isNetWgtEstimated
 * columns, else from the estimation flag's bits 2 and 4. */
static void row_estimates(ct_row *r, int *qty_est, int *wgt_est)
{
    int flag = -1;
    const char *fl = val(r, K_FLAG);
    char fln[8];
    if (fl && code_number(fl, fln, sizeof fln))
        flag = (int)strtol(fln, NULL, 10);
    const char *qe = val(r, K_QTY_EST), *we = val(r, K_NETWGT_EST);
    *qty_est = qe ? truthy(qe) : (flag >= 0 && (flag & 2));
    *wgt_est = we ? truthy(we) : (flag >= 0 && (flag & 4));
}

/* Quantities and values (USD): net weight in kg first, the quantity in its
 * unit beside it; a zero quantity beside a positive value is "not available". */
static tf_status row_figures(tf_rctx *c, ct_row *r, ct_err *e, tf_record *rec, int qty_est,
                             int wgt_est)
{
    int has, unit_code = -1, estimated = 0;
    tf_milli q;
    const char *qu = val(r, K_QUNIT);
    char qun[8];
    if (qu && code_number(qu, qun, sizeof qun))
        unit_code = (int)strtol(qun, NULL, 10);
    tf_status st;
    /* values first: a zero quantity beside a positive value is "not available" */
    if ((st = number(c, e, r, K_PRIMARY, &rec->has_value, &rec->value)) != TF_OK ||
        (st = number(c, e, r, K_CIF, &rec->has_cif, &rec->cif)) != TF_OK ||
        (st = number(c, e, r, K_FOB, &rec->has_fob, &rec->fob)) != TF_OK)
        return st;
    int valued = (rec->has_value && rec->value > 0) || (rec->has_cif && rec->cif > 0) ||
                 (rec->has_fob && rec->fob > 0);
    if ((st = number(c, e, r, K_NETWGT, &has, &q)) != TF_OK)
        return st;
    if (has && !(q == 0 && (wgt_est || valued))) {
        rec->has_quantity = 1;
        rec->quantity = q;
        tf_scopy(rec->unit, sizeof rec->unit, "kg");
        estimated = wgt_est;
    }
    if ((st = number(c, e, r, K_QTY, &has, &q)) != TF_OK)
        return st;
    const char *abbr = unit_abbr(unit_code);
    if (has && abbr && !(q == 0 && (qty_est || valued))) {
        if (!rec->has_quantity) {
            rec->has_quantity = 1;
            rec->quantity = q;
            tf_scopy(rec->unit, sizeof rec->unit, abbr);
            estimated = qty_est;
        } else if (strcmp(abbr, "kg") != 0) {
            rec->has_quantity2 = 1;
            rec->quantity2 = q;
            tf_scopy(rec->unit2, sizeof rec->unit2, abbr);
        }
    }
    if (estimated)
        tf_scopy(rec->status, sizeof rec->status, "estimated");
    if (!rec->has_value && (rec->has_cif || rec->has_fob)) {
        /* primaryValue is Comtrade's choice of the two: CIF for imports, FOB for exports */
        int imp = rec->flow == TF_FLOW_IMPORT || rec->flow == TF_FLOW_REIMPORT;
        rec->has_value = 1;
        rec->value = (imp && rec->has_cif) || !rec->has_fob ? rec->cif : rec->fob;
    }
    if (rec->has_value || rec->has_cif || rec->has_fob)
        tf_scopy(rec->currency, sizeof rec->currency, "USD");
    if (!rec->has_quantity && !rec->has_value)
        return row_err(e, K_PRIMARY, "row has neither a quantity nor a value");
    return TF_OK;
}

/* The record's provenance: where the row came from and what Comtrade says of it. */
static void row_provenance(tf_rctx *c, ct_row *r, tf_record *rec, int qty_est, int wgt_est)
{
    const char *isrep = val(r, K_REPORTED), *isagg = val(r, K_AGGREGATE), *fl = val(r, K_FLAG);
    tf_fmt(rec->provenance, sizeof rec->provenance,
           "%s%sUN Comtrade %s flow %s; primaryValue%s%s; isReported %s; isAggregate %s; "
           "estimation flag %s%s%s",
           c->opts->provenance ? c->opts->provenance : "", c->opts->provenance ? "; " : "",
           r->where[0] ? "API" : "file", val(r, K_FLOW),
           rec->has_cif && rec->has_value && rec->cif == rec->value ? " = CIF" : "",
           rec->has_fob && rec->has_value && rec->fob == rec->value ? " = FOB" : "",
           isrep ? isrep : "n/a", isagg ? isagg : "n/a", fl ? fl : "n/a",
           qty_est ? "; qty estimated" : "", wgt_est ? "; netWgt estimated" : "");
}

/* One row (file line or API object) into a record, handed on; breakdown rows
 * noted for the check at the end of the file. */
static tf_status row(tf_rctx *c, ct_row *r, ct_err *e)
{
    tf_record rec;
    tf_record_init(&rec);
    rec.line = r->line;
    c->stats->rows++;
    e->k = -1;
    char agg_partner[16], bd_basis[40] = ""; /* "partner2=899,mot=9000,customs=C01" */
    int p2set = 0, dim = BD_AGG, qty_est, wgt_est;
    tf_status st;
    if ((st = row_period(r, e, &rec)) != TF_OK || (st = row_flow(c, r, e, &rec)) != TF_OK ||
        (st = row_reporter(c, r, e, &rec)) != TF_OK ||
        (st = row_partner(c, r, e, &rec, agg_partner, bd_basis, &p2set)) != TF_OK ||
        (st = row_commodity(c, r, e, &rec)) != TF_OK ||
        (st = row_breakdown(r, e, &rec, bd_basis, p2set, &dim)) != TF_OK)
        return st;
    row_estimates(r, &qty_est, &wgt_est);
    if ((st = row_figures(c, r, e, &rec, qty_est, wgt_est)) != TF_OK)
        return st;
    row_provenance(c, r, &rec, qty_est, wgt_est);
    if (dim >= BD_AGG && r->bd && tf_rhs_keep(c, rec.commodity) &&
        (st = bd_note(r->bd, &rec, agg_partner, dim)) != TF_OK)
        return st;
    return tf_remit(c, &rec, 1, 1);
}

static void row_free(ct_row *r)
{
    for (int k = 0; k < K_COUNT; k++) {
        free(r->v[k]);
        r->v[k] = NULL;
    }
}

/* Comtrade files carry reporter, flow and partner in their rows. */
static tf_status check_opts(tf_rctx *c)
{
    if (c->opts->flow != TF_FLOW_NONE || c->opts->partner_basis || c->opts->reporter) {
        tf_error_set(&c->diag->error, TF_ERR_USAGE,
               "%s: --flow, --partner-basis and --reporter are for GACC exports; a UN Comtrade "
               "file carries them in its own columns", c->name);
        return TF_ERR_USAGE;
    }
    return TF_OK;
}

tf_status tf_read_comtrade(tf_rctx *c)
{
    if (check_opts(c) != TF_OK)
        return TF_ERR_USAGE;
    c->latin1 = 1;
    if (c->enc == TF_ENC_GB18030)
        c->enc = TF_ENC_LATIN1; /* ComtradePlus downloads are Windows-1252 */
    int map[64];
    int colk[K_COUNT];
    for (int k = 0; k < K_COUNT; k++)
        colk[k] = -1;
    for (size_t i = 0; i < c->nhdr && i < 64; i++) {
        map[i] = col_of(c->hdr[i]);
        if (map[i] >= 0) {
            if (colk[map[i]] >= 0)
                return tf_rerr(c, c->hdr_line, i + 1, "column '%s' appears twice", c->hdr[i]);
            colk[map[i]] = (int)i;
        }
    }
    if (c->nhdr > 64)
        return tf_rerr(c, c->hdr_line, 65, "more than 64 columns: not a Comtrade file");
    static const int required[] = {K_FLOW, K_PART_CODE, K_CMD, K_CLASS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (colk[required[i]] < 0)
            return tf_rerr(c, c->hdr_line, 1, "missing column '%s'", key_names[required[i]]);
    if (colk[K_PERIOD] < 0 && colk[K_YEAR] < 0)
        return tf_rerr(c, c->hdr_line, 1, "missing column 'period' (or refYear/Year)");
    if (colk[K_REP_CODE] < 0 && colk[K_REP_ISO] < 0)
        return tf_rerr(c, c->hdr_line, 1, "missing column 'reporterCode'");
    if (colk[K_PRIMARY] < 0 && colk[K_NETWGT] < 0 && colk[K_QTY] < 0)
        return tf_rerr(c, c->hdr_line, 1, "missing column 'primaryValue'");

    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256];
    int rc;
    bd_list bd = {0};
    ct_row r = {0};
    r.bd = &bd;
    ct_err e;
    tf_status st = TF_OK;
    while (st == TF_OK && (rc = tf_csv_next(c->csv, &f, &n, &line, &col, err, sizeof err)) == 1) {
        if (n == 1 && f[0].n == 0 && !f[0].quoted)
            continue;
        /* ComtradePlus data rows end with a comma: one empty field more */
        if (n == c->nhdr + 1 && f[n - 1].n == 0 && !f[n - 1].quoted)
            n--;
        if (n != c->nhdr) {
            st = tf_rerr(c, line, n > c->nhdr ? c->nhdr + 1 : n,
                         "expected %zu fields as in the header, found %zu", c->nhdr, n);
            break;
        }
        r.line = line;
        for (size_t i = 0; i < n && st == TF_OK; i++) {
            if (map[i] < 0)
                continue;
            const char *v;
            size_t vl;
            st = tf_rdecode(c, &f[i], line, i + 1, &v, &vl);
            if (st == TF_OK) {
                v = tf_trim(v, &vl);
                r.v[map[i]] = tf_strndup(v, vl);
                r.col[map[i]] = i + 1;
                if (!r.v[map[i]])
                    st = TF_ERR_NOMEM;
            }
        }
        if (st == TF_OK) {
            st = row(c, &r, &e);
            if (st == TF_ERR_INPUT && e.k >= 0)
                st = tf_rerr(c, line, colk[e.k] >= 0 ? (unsigned long)colk[e.k] + 1 : 1, "%s",
                             e.text);
        }
        row_free(&r);
    }
    if (st == TF_OK && rc < 0)
        st = tf_rcsv_error(c, rc, line, col, err);
    if (st == TF_OK)
        bd_check(c, &bd);
    free(bd.v);
    return st;
}

/* A JSON scalar as text: strings as they are, numbers in decimal, booleans
 * true/false, null as absent. Returns NULL for null; sets *bad for objects. */
static char *json_text(json_t *j, int *bad)
{
    char buf[64];
    switch (json_typeof(j)) {
    case JSON_STRING:
        return tf_strndup(json_string_value(j), json_string_length(j));
    case JSON_INTEGER:
        tf_fmt(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
        return tf_strdup(buf);
    case JSON_REAL: {
        double d = json_real_value(j);
        if (d < -9.0e15 || d > 9.0e15) {
            *bad = 1;
            return NULL;
        }
        tf_fmt(buf, sizeof buf, "%.3f", d);
        return tf_strdup(buf);
    }
    case JSON_TRUE: return tf_strdup("true");
    case JSON_FALSE: return tf_strdup("false");
    case JSON_NULL: return NULL;
    default:
        *bad = 1;
        return NULL;
    }
}

/* The JSON text of a response, for the positions of its values (jsonpos.c). */
typedef struct {
    const char *s;
    size_t n;
    size_t elem;     /* offset of the current record, TF_JSON_NONE before the first */
    tf_json_pos pos; /* at elem */
} json_doc;

/* An input error at the value at offset `at` of the text (TF_JSON_NONE: the
 * current record, else the top), "name:line:col: <path>: <what>". */
static tf_status json_err(tf_rctx *c, const json_doc *t, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static tf_status json_err(tf_rctx *c, const json_doc *t, size_t at, const char *fmt, ...)
{
    tf_json_pos p = t->pos;
    if (at == TF_JSON_NONE)
        at = t->elem != TF_JSON_NONE ? t->elem : tf_json_root(t->s, t->n);
    if (at == TF_JSON_NONE)
        at = 0;
    if (at < p.at || p.line == 0)
        memset(&p, 0, sizeof p);
    tf_json_advance(t->s, &p, at);
    char text[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return tf_rerr(c, p.line, p.col, "%s", text);
}

/* The offset of member key of the current record. */
static size_t json_at(const json_doc *t, const char *key)
{
    return tf_json_member(t->s, t->n, t->elem, key);
}

/* One record of the data array (object o, at t->elem) read and handed on. */
static tf_status json_record(tf_rctx *c, json_doc *t, json_t *o, ct_row *r)
{
    ct_err e;
    if (!json_is_object(o))
        return json_err(c, t, TF_JSON_NONE, "%s: expected an object", r->where);
    if (!json_object_get(o, "flowCode") && json_object_get(o, "fileUrl"))
        return json_err(c, t, json_at(t, "fileUrl"), "%s.fileUrl: this is a bulk-file listing "
                        "(links to files), not trade records: download the files it lists "
                        "and ingest those", r->where);
    for (int k = 0; k < K_COUNT; k++) {
        json_t *j = json_object_get(o, key_names[k]);
        if (!j)
            continue;
        int bad = 0;
        r->v[k] = json_text(j, &bad);
        if (bad)
            return json_err(c, t, json_at(t, key_names[k]), "%s.%s: expected a number, "
                            "string, boolean or null within range", r->where, key_names[k]);
        if (!r->v[k] && !json_is_null(j))
            return TF_ERR_NOMEM;
    }
    tf_status st = row(c, r, &e);
    if (st == TF_ERR_INPUT && e.k >= 0)
        st = json_err(c, t, json_at(t, key_names[e.k]), "%s.%s: %s", r->where,
                      key_names[e.k], e.text);
    return st;
}

/* The records of the data array in turn; the breakdown check at the end. */
static tf_status json_records(tf_rctx *c, json_doc *t, json_t *data, size_t at)
{
    size_t i;
    json_t *o;
    bd_list bd = {0};
    ct_row r = {0};
    r.bd = &bd;
    tf_status st = TF_OK;
    json_array_foreach(data, i, o) {
        t->elem = i == 0 ? tf_json_first(t->s, t->n, at) : tf_json_next(t->s, t->n, t->elem);
        if (t->elem != TF_JSON_NONE)
            tf_json_advance(t->s, &t->pos, t->elem);
        tf_fmt(r.where, sizeof r.where, "$.data[%zu]", i);
        r.line = t->pos.line ? t->pos.line : (unsigned long)i + 1;
        st = json_record(c, t, o, &r);
        row_free(&r);
        if (st != TF_OK)
            break;
    }
    if (st == TF_OK)
        bd_check(c, &bd);
    free(bd.v);
    return st;
}

tf_status tf_read_comtrade_json(tf_rctx *c)
{
    if (check_opts(c) != TF_OK)
        return TF_ERR_USAGE;
    char *buf;
    size_t n;
    int rc = tf_csv_slurp(c->csv, (size_t)1 << 30, &buf, &n);
    if (rc != 0)
        return tf_rcsv_error(c, rc, 1, 1, "");
    json_error_t je;
    json_t *root = json_loadb(buf, n, 0, &je);
    if (!root) {
        free(buf);
        return tf_rerr(c, (unsigned long)(je.line > 0 ? je.line : 1),
                       (unsigned long)(je.column > 0 ? je.column : 1),
                       "not valid JSON: %s (a cut or truncated API response?)", je.text);
    }
    json_doc t = {buf, n, TF_JSON_NONE, {0, 0, 0}};
    size_t top = tf_json_root(buf, n), at = top;
    tf_status st = TF_OK;
    json_t *data = root, *error = NULL;
    if (json_is_object(root)) {
        data = json_object_get(root, "data");
        error = json_object_get(root, "error");
        at = tf_json_member(buf, n, top, "data");
    }
    if (error && json_is_string(error) && json_string_length(error) > 0) {
        st = json_err(c, &t, tf_json_member(buf, n, top, "error"),
                      "$.error: the API returned an error: %.400s", json_string_value(error));
    } else if (!json_is_array(data)) {
        st = json_err(c, &t, at, "$.data: expected an array of records (the v1 API envelope "
                      "{\"count\", \"data\": [...], \"error\"})");
    } else {
        json_t *count = json_is_object(root) ? json_object_get(root, "count") : NULL;
        if (count && json_is_integer(count) &&
            (size_t)json_integer_value(count) != json_array_size(data))
            tf_rwarn(c, NULL, 1, 1, "the response says count %" JSON_INTEGER_FORMAT
                     " but holds %zu records: check the response is complete",
                     json_integer_value(count), json_array_size(data));
        st = json_records(c, &t, data, at);
    }
    json_decref(root);
    free(buf);
    return st;
}
