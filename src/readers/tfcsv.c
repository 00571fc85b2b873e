/* tradeflow CSV reader (docs/tradeflow-csv.md): UTF-8, RFC 4180, named columns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

enum {
    C_PERIOD, C_FLOW, C_REPORTER, C_PARTNER, C_BASIS, C_CLASS, C_COMMODITY, C_MODE,
    C_PROVINCE, C_QTY, C_UNIT, C_QTY2, C_UNIT2, C_VALUE, C_CURRENCY, C_STATUS, C_SOURCE,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "period", "flow", "reporter", "partner", "partner_basis", "classification",
    "commodity", "trade_mode", "province", "quantity", "unit", "quantity2", "unit2",
    "value", "currency", "status", "source"};

static const int required[] = {C_PERIOD, C_FLOW, C_PARTNER, C_COMMODITY, C_QTY, C_UNIT};

int tf_tfcsv_header_match(char **hdr, size_t n)
{
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(hdr[i], "period") == 0 || strcmp(hdr[i], "flow") == 0 ||
            strcmp(hdr[i], "commodity") == 0)
            seen++;
    return seen >= 2;
}

static int upper_alpha(char *s, size_t want)
{
    size_t n = strlen(s);
    if (n != want)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)s[i]))
            return 0;
        s[i] = (char)toupper((unsigned char)s[i]);
    }
    return 1;
}

static int digits_only(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int code_chars(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '.')
            return 0;
    return 1;
}

/* Copy a decoded field into dst, erroring when too long. */
#define COPY_FIELD(dst, what)                                                      \
    do {                                                                           \
        if (tf_copy((dst), sizeof(dst), v, vl) != 0)                               \
            return tf_rerr(c, line, col, "%s too long (at most %zu bytes)", what,  \
                           sizeof(dst) - 1);                                       \
    } while (0)

/* Map the header's columns to C_* fields; all required ones present. */
static tf_status map_columns(tf_rctx *c, int map[C_COUNT])
{
    for (int k = 0; k < C_COUNT; k++)
        map[k] = -1;
    for (size_t i = 0; i < c->nhdr; i++) {
        int k;
        for (k = 0; k < C_COUNT; k++)
            if (strcmp(c->hdr[i], col_names[k]) == 0)
                break;
        if (k == C_COUNT)
            return tf_rerr(c, c->hdr_line, i + 1,
                           "unknown column '%.60s' (tradeflow CSV columns: period, flow, "
                           "reporter, partner, partner_basis, classification, commodity, "
                           "trade_mode, province, quantity, unit, quantity2, unit2, value, "
                           "currency, status, source)",
                           c->hdr[i]);
        if (map[k] >= 0)
            return tf_rerr(c, c->hdr_line, i + 1, "column '%s' appears twice", c->hdr[i]);
        map[k] = (int)i;
    }
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
        if (map[required[r]] < 0)
            return tf_rerr(c, c->hdr_line, 1, "missing required column '%s'",
                           col_names[required[r]]);
    return TF_OK;
}

/* The fields that name the cell: period, flow, reporter, partner, partner
 * basis, classification, commodity, trade mode, province. */
static tf_status key_field(tf_rctx *c, int k, const char *v, size_t vl, unsigned long line,
                           unsigned long col, tf_record *rec)
{
    switch (k) {
    case C_PERIOD:
        if ((vl != 7 && vl != 4) || tf_period_parse(v, vl, rec->period) != TF_OK)
            return tf_rerr(c, line, col,
                           "bad period '%.*s' (expected YYYY-MM with month 01-12, "
                           "or YYYY)", (int)(vl > 40 ? 40 : vl), v);
        break;
    case C_FLOW:
        rec->flow = tf_flow_parse(v, vl);
        if (rec->flow == TF_FLOW_NONE)
            return tf_rerr(c, line, col,
                           "unknown flow '%.*s' (import, export, re-import, re-export)",
                           (int)(vl > 40 ? 40 : vl), v);
        break;
    case C_REPORTER:
        if (vl == 0)
            break;
        COPY_FIELD(rec->reporter, "reporter");
        if (!upper_alpha(rec->reporter, 3))
            return tf_rerr(c, line, col, "reporter must be an ISO alpha-3 code");
        break;
    case C_PARTNER:
        COPY_FIELD(rec->partner, "partner");
        if (!upper_alpha(rec->partner, 3))
            return tf_rerr(c, line, col, "partner '%.*s' is not an ISO alpha-3 code or WLD",
                           (int)(vl > 40 ? 40 : vl), v);
        if (strcmp(rec->partner, TF_PARTNER_WORLD) != 0 && c->ref &&
            !tf_refdata_partner_by_iso3(c->ref, rec->partner))
            tf_rwarn(c, rec->partner, line, col,
                     "partner %s is not in the partner table; kept as given", rec->partner);
        break;
    case C_BASIS:
        COPY_FIELD(rec->partner_basis, "partner_basis");
        if (vl && strcmp(rec->partner_basis, "origin") &&
            strcmp(rec->partner_basis, "consignment") &&
            strcmp(rec->partner_basis, "destination") && strcmp(rec->partner_basis, "trading"))
            return tf_rerr(c, line, col,
                           "unknown partner_basis '%s' (origin, consignment, "
                           "destination, trading, or empty)", rec->partner_basis);
        break;
    case C_CLASS:
        if (vl == 0)
            break;
        COPY_FIELD(rec->classification, "classification");
        for (char *p = rec->classification; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        if (!code_chars(rec->classification, 7))
            return tf_rerr(c, line, col, "bad classification '%s'", rec->classification);
        break;
    case C_COMMODITY:
        COPY_FIELD(rec->commodity, "commodity");
        break;
    case C_MODE:
        COPY_FIELD(rec->trade_mode, "trade_mode");
        if (vl && !digits_only(rec->trade_mode, 1, 4))
            return tf_rerr(c, line, col, "trade_mode must be a GACC code (digits)");
        break;
    case C_PROVINCE:
        COPY_FIELD(rec->province, "province");
        if (vl && !digits_only(rec->province, 1, 6))
            return tf_rerr(c, line, col, "province must be a GACC code (digits)");
        break;
    }
    return TF_OK;
}

/* quantity, quantity2, value: a decimal, not negative; quantity required. */
static tf_status figure_field(tf_rctx *c, int k, const char *v, size_t vl, unsigned long line,
                              unsigned long col, tf_record *rec)
{
    if (vl == 0)
        return k == C_QTY ? tf_rerr(c, line, col, "quantity is required") : TF_OK;
    tf_milli q;
    tf_error why;
    if (tf_milli_parse(v, vl, 0, &q, &why) != TF_OK)
        return tf_rerr(c, line, col, "%s '%.*s': %s", col_names[k], (int)(vl > 40 ? 40 : vl),
                       v, why.msg);
    if (q < 0)
        return tf_rerr(c, line, col, "negative %s '%.*s'", col_names[k],
                       (int)(vl > 40 ? 40 : vl), v);
    if (k == C_QTY) {
        rec->has_quantity = 1;
        rec->quantity = q;
    } else if (k == C_QTY2) {
        rec->has_quantity2 = 1;
        rec->quantity2 = q;
    } else {
        rec->has_value = 1;
        rec->value = q;
    }
    return TF_OK;
}

/* The fields that describe the figures: units, currency, status, source. */
static tf_status label_field(tf_rctx *c, int k, const char *v, size_t vl, unsigned long line,
                             unsigned long col, tf_record *rec)
{
    switch (k) {
    case C_UNIT:
        if (vl == 0)
            return tf_rerr(c, line, col, "unit is required (kg, t or another unit)");
        COPY_FIELD(rec->unit, "unit");
        break;
    case C_UNIT2:
        COPY_FIELD(rec->unit2, "unit2");
        break;
    case C_CURRENCY:
        COPY_FIELD(rec->currency, "currency");
        if (vl && strcmp(rec->currency, "CNY") && strcmp(rec->currency, "USD"))
            return tf_rerr(c, line, col, "currency must be CNY or USD");
        break;
    case C_STATUS:
        if (vl == 0)
            break;
        COPY_FIELD(rec->status, "status");
        if (strcmp(rec->status, "reported") && strcmp(rec->status, "derived") &&
            strcmp(rec->status, "estimated"))
            return tf_rerr(c, line, col, "unknown status '%s' (reported, derived, estimated)",
                           rec->status);
        break;
    case C_SOURCE:
        COPY_FIELD(rec->provenance, "source");
        break;
    }
    return TF_OK;
}

/* Checks across fields: the commodity code for its classification, a
 * second quantity's unit, a value's currency. */
static tf_status check_record(tf_rctx *c, const int map[C_COUNT], const tf_record *rec,
                              unsigned long line)
{
    unsigned long col = (unsigned long)map[C_COMMODITY] + 1;
    if (strcmp(rec->classification, "HS") == 0) {
        if (!digits_only(rec->commodity, 2, 10))
            return tf_rerr(c, line, col, "HS commodity code must be 2 to 10 digits, "
                                         "not '%s'", rec->commodity);
    } else if (!code_chars(rec->commodity, 15)) {
        return tf_rerr(c, line, col, "bad commodity code '%s'", rec->commodity);
    }
    if (rec->has_quantity2 && rec->unit2[0] == '\0')
        return tf_rerr(c, line, (unsigned long)map[C_QTY2] + 1, "quantity2 needs unit2");
    if (rec->has_value && rec->currency[0] == '\0')
        return tf_rerr(c, line, (unsigned long)map[C_VALUE] + 1,
                       "value needs a currency column (CNY or USD)");
    return TF_OK;
}

/* One data row into a record, handed on. */
static tf_status read_row(tf_rctx *c, const int map[C_COUNT], tf_csv_field *f,
                          unsigned long line)
{
    c->stats->rows++;
    tf_record rec;
    tf_record_init(&rec);
    rec.line = line;
    for (int k = 0; k < C_COUNT; k++) {
        if (map[k] < 0)
            continue;
        unsigned long col = (unsigned long)map[k] + 1;
        const char *v0;
        size_t vl;
        tf_status st = tf_rdecode(c, &f[map[k]], line, col, &v0, &vl);
        if (st != TF_OK)
            return st;
        const char *v = k == C_SOURCE ? v0 : tf_trim(v0, &vl);
        if (k == C_QTY || k == C_QTY2 || k == C_VALUE)
            st = figure_field(c, k, v, vl, line, col, &rec);
        else if (k == C_UNIT || k == C_UNIT2 || k == C_CURRENCY || k == C_STATUS ||
                 k == C_SOURCE)
            st = label_field(c, k, v, vl, line, col, &rec);
        else
            st = key_field(c, k, v, vl, line, col, &rec);
        if (st != TF_OK)
            return st;
    }
    tf_status st = check_record(c, map, &rec, line);
    if (st != TF_OK)
        return st;
    return tf_remit(c, &rec, (unsigned long)map[C_QTY] + 1, (unsigned long)map[C_VALUE] + 1);
}

tf_status tf_read_tfcsv(tf_rctx *c)
{
    int map[C_COUNT];
    tf_status st = map_columns(c, map);
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
        if (n != c->nhdr)
            return tf_rerr(c, line, n > c->nhdr ? c->nhdr + 1 : n,
                           "expected %zu fields as in the header, found %zu", c->nhdr, n);
        /* the header again (two files concatenated): skipped, as in GACC exports */
        int again = 1;
        for (size_t i = 0; i < n && again; i++)
            again = f[i].n == strlen(c->hdr[i]) && !memcmp(f[i].p, c->hdr[i], f[i].n);
        if (again) {
            tf_rwarn(c, NULL, line, 1, "header repeated (concatenated files?); skipped");
            continue;
        }
        if ((st = read_row(c, map, f, line)) != TF_OK)
            return st;
    }
    if (rc < 0)
        return tf_rcsv_error(c, rc, line, col, err);
    return TF_OK;
}
