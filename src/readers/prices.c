/*
 * Daily price inputs of the import window (docs/prices.md): date and any of
 * lme_cash, lme_3m (USD/t), shfe, spot (CNY/t), premium_low, premium_high
 * (USD/t), usdcny, usdcny_fwd; any cell may be empty (no price that day).
 * Dates strictly increasing; prices must be sane: a clear error names the
 * field otherwise. Column names that series downloads use for the same
 * prices are taken as aliases (below); other columns (sources, notes) are
 * ignored with a warning. `ingest --columns FROM=TO` renames any other.
 */
#include <stdlib.h>
#include <string.h>

#include "readers.h"

static const struct {
    const char *name;
    double lo, hi;     /* accepted range */
    const char *unit;
} fields[] = {
    {"lme_cash", 0, 100000, "USD/t"},   {"lme_3m", 0, 100000, "USD/t"},
    {"shfe", 0, 1000000, "CNY/t"},      {"spot", 0, 1000000, "CNY/t"},
    {"premium_low", 0, 10000, "USD/t"}, {"premium_high", 0, 10000, "USD/t"},
    {"usdcny", 1, 20, "CNY per USD"},   {"usdcny_fwd", 1, 20, "CNY per USD"},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

/* A plain decimal ("6.7289", "-12", "1903.5"): digits, one optional point,
 * an optional leading minus; no exponent, no separators. */
static int parse_decimal(const char *s, size_t n, double *out)
{
    char buf[40];
    size_t i = 0, digits = 0, dots = 0;
    if (n == 0 || n >= sizeof buf)
        return 0;
    if (s[0] == '-')
        i = 1;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !dots)
            dots++;
        else
            return 0;
    }
    if (!digits)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return 1;
}

/* Names of the same prices in common downloads: a tidy LME aluminium export,
 * FRED's USD/CNY noon rate (series DEXCHUS, date column observation_date),
 * a table of published window inputs (SMM A00 spot). */
static const struct {
    const char *alias, *name;
} aliases[] = {
    {"lme_al_cash_settlement_usd_t", "lme_cash"},
    {"lme_al_3m_usd_t", "lme_3m"},
    {"DEXCHUS", "usdcny"},
    {"smm_a00", "spot"},
};

static int field_of(const char *name)
{
    for (size_t a = 0; a < sizeof aliases / sizeof aliases[0]; a++)
        if (!strcmp(name, aliases[a].alias))
            name = aliases[a].name;
    for (size_t k = 0; k < N_FIELDS; k++)
        if (!strcmp(name, fields[k].name))
            return (int)k;
    return -1;
}

static int is_date_col(const char *name)
{
    return tf_ieq(name, strlen(name), "date") || !strcmp(name, "observation_date");
}

int tf_prices_header_match(char **hdr, size_t n)
{
    int date = 0, price = 0;
    for (size_t i = 0; i < n; i++) {
        date |= is_date_col(hdr[i]);
        price |= field_of(hdr[i]) >= 0;
    }
    return date && price;
}

/* Phase of tf_read_prices: the header's date column and each price field's
 * column (map[k], -1 when absent); a clear error for a second date column,
 * a price named twice, no date or no price column. */
static tf_status map_columns(tf_rctx *c, int *date_col, int map[N_FIELDS])
{
    *date_col = -1;
    for (size_t k = 0; k < N_FIELDS; k++)
        map[k] = -1;
    int n_prices = 0;
    for (size_t i = 0; i < c->nhdr; i++) {
        if (is_date_col(c->hdr[i])) {
            if (*date_col >= 0)
                return tf_rerr(c, c->hdr_line, i + 1, "a second date column '%s'", c->hdr[i]);
            *date_col = (int)i;
            continue;
        }
        int k = field_of(c->hdr[i]);
        if (k < 0) {
            if (!(i == c->nhdr - 1 && c->hdr[i][0] == '\0'))
                tf_rwarn(c, NULL, c->hdr_line, i + 1,
                         "column '%.60s' is not a price (date, lme_cash, lme_3m, shfe, spot, "
                         "premium_low, premium_high, usdcny, usdcny_fwd): ignored; name it with "
                         "--columns '%.60s=NAME' if it is one", c->hdr[i], c->hdr[i]);
            continue;
        }
        if (map[k] >= 0)
            return tf_rerr(c, c->hdr_line, i + 1, "column '%s' is %s, which column %d already is",
                           c->hdr[i], fields[k].name, map[k] + 1);
        map[k] = (int)i;
        n_prices++;
    }
    if (*date_col < 0)
        return tf_rerr(c, c->hdr_line, 1, "missing the date column");
    if (n_prices == 0)
        return tf_rerr(c, c->hdr_line, 1,
                       "no price column (lme_cash, lme_3m, shfe, spot, premium_low, "
                       "premium_high, usdcny, usdcny_fwd): name one with --columns, e.g. "
                       "--columns close=usdcny");
    return TF_OK;
}

/* Phase of tf_read_prices: field k's cell (column col, 0-based) of a line
 * as a price: *has 0 for an empty cell (no price that day; FRED marks one
 * with "."), else *x, checked against the field's range. */
static tf_status price_cell(tf_rctx *c, const tf_csv_field *cell, size_t k, int col,
                            unsigned long line, int *has, double *x)
{
    const char *v;
    size_t vl;
    *has = 0;
    tf_status st = tf_rdecode(c, cell, line, col + 1, &v, &vl);
    if (st)
        return st;
    v = tf_trim(v, &vl);
    if (vl == 0 || (vl == 1 && v[0] == '.'))
        return TF_OK;
    if (!parse_decimal(v, vl, x))
        return tf_rerr(c, line, col + 1, "%s '%.*s' is not a number", fields[k].name,
                       (int)(vl > 40 ? 40 : vl), v);
    /* a premium may be 0; every other price must be above its floor */
    int premium = !strncmp(fields[k].name, "premium", 7);
    int fx = !strncmp(fields[k].name, "usdcny", 6);
    if (!(premium ? *x >= fields[k].lo : fx ? *x >= fields[k].lo : *x > fields[k].lo) ||
        (fx ? *x > fields[k].hi : *x >= fields[k].hi))
        return tf_rerr(c, line, col + 1, "%s %.*s is out of range (%s %s)", fields[k].name,
                       (int)vl, v,
                       premium ? "from 0 to below 10,000"
                       : fx    ? "from 1 to 20"
                       : fields[k].hi > 100000 ? "above 0 and below 1,000,000"
                                               : "above 0 and below 100,000",
                       fields[k].unit);
    *has = 1;
    return TF_OK;
}

/* Phase of tf_read_prices: one data line, its date after prev's, each
 * price given as a point; a premium range whose low is above its high is
 * an error. */
static tf_status price_day(tf_rctx *c, tf_csv_field *f, int date_col, const int map[N_FIELDS],
                           unsigned long line, char prev[11], unsigned long *prev_line)
{
    tf_window_point p;
    memset(&p, 0, sizeof p);
    p.line = line;
    p.kind = "price";
    tf_status st = tf_rday(c, &f[date_col], date_col, line, prev, prev_line, p.date);
    if (st)
        return st;
    double lo = -1, hi = -1;
    for (size_t k = 0; k < N_FIELDS; k++) {
        if (map[k] < 0)
            continue;
        int has;
        double x;
        st = price_cell(c, &f[map[k]], k, map[k], line, &has, &x);
        if (st)
            return st;
        if (!has)
            continue;
        if (k == 4)
            lo = x;
        if (k == 5)
            hi = x;
        p.series = fields[k].name;
        p.value = x;
        st = c->opts->points(c->opts->points_ctx, &p, c->diag);
        if (st)
            return st;
        c->stats->kept++;
    }
    if (lo >= 0 && hi >= 0 && lo > hi)
        return tf_rerr(c, line, map[4] + 1, "premium_low %g is above premium_high %g", lo, hi);
    return TF_OK;
}

tf_status tf_read_prices(tf_rctx *c)
{
    if (!c->opts->points) {
        tf_error_set(&c->diag->error, TF_ERR_USAGE,
               "%s: a prices file goes into a database (tradeflow ingest)", c->name);
        return TF_ERR_USAGE;
    }
    int date_col, map[N_FIELDS];
    tf_status st = map_columns(c, &date_col, map);
    if (st)
        return st;
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256], prev[11] = "";
    unsigned long prev_line = 0;
    int rc;
    while ((rc = tf_csv_next(c->csv, &f, &n, &line, &col, err, sizeof err)) == 1) {
        if (n == 1 && f[0].n == 0 && !f[0].quoted)
            continue;
        if (n != c->nhdr)
            return tf_rerr(c, line, n > c->nhdr ? c->nhdr + 1 : n,
                           "expected %zu fields as in the header, found %zu", c->nhdr, n);
        c->stats->rows++;
        st = price_day(c, f, date_col, map, line, prev, &prev_line);
        if (st)
            return st;
    }
    if (rc < 0)
        return tf_rcsv_error(c, rc, line, col, err);
    return TF_OK;
}
