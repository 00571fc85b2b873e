/*
 * Published daily import P/L series (docs/plseries.md): a date column and
 * any of the basis, spot import P/L and 3-month import P/L columns, in CNY/t;
 * GBK/GB18030 or UTF-8; dates d/m/yyyy or yyyy-mm-dd, strictly increasing;
 * a blank cell is a day without a published figure (a gap, never a zero).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

enum { P_DATE, P_BASIS, P_SPOT, P_FWD, P_COUNT };

static const struct { int col; const char *name; } pl_headers[] = {
    {P_DATE, "日期"},     {P_DATE, "date"},
    {P_BASIS, "升贴水"},  {P_BASIS, "basis"},
    {P_SPOT, "进口利润"}, {P_SPOT, "spot_pl"},
    {P_FWD, "三月进口利润"}, {P_FWD, "forward_pl"},
};

static int find(const char *name)
{
    for (size_t i = 0; i < sizeof pl_headers / sizeof pl_headers[0]; i++)
        if (tf_ieq(name, strlen(name), pl_headers[i].name))
            return pl_headers[i].col;
    return -1;
}

tf_status tf_rday(tf_rctx *c, const tf_csv_field *f, int col, unsigned long line, char prev[11],
                  unsigned long *prev_line, char out[11])
{
    const char *v;
    size_t vl;
    tf_status st = tf_rdecode(c, f, line, (unsigned long)col + 1, &v, &vl);
    if (st)
        return st;
    v = tf_trim(v, &vl);
    if (!tf_rparse_date(v, vl, out))
        return tf_rerr(c, line, (unsigned long)col + 1, "bad date '%.*s' (d/m/yyyy or yyyy-mm-dd)",
                       (int)(vl > 20 ? 20 : vl), v);
    if (prev[0] && strcmp(out, prev) <= 0)
        return tf_rerr(c, line, (unsigned long)col + 1, "date %s %s %s on line %lu", out,
                       strcmp(out, prev) == 0 ? "repeats" : "comes before", prev, *prev_line);
    memcpy(prev, out, 11);
    *prev_line = line;
    return TF_OK;
}

int tf_plseries_header_match(char **hdr, size_t n)
{
    int date = 0, pl = 0;
    for (size_t i = 0; i < n; i++) {
        int k = find(hdr[i]);
        date |= k == P_DATE;
        pl |= k == P_SPOT || k == P_FWD;
    }
    return date && pl;
}

int tf_rparse_date(const char *s, size_t n, char out[11])
{
    int y = 0, m = 0, d = 0;
    char buf[16];
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char tail;
    if (strchr(buf, '/')) {
        if (sscanf(buf, "%d/%d/%d%c", &d, &m, &y, &tail) != 3)
            return 0;
    } else if (sscanf(buf, "%d-%d-%d%c", &y, &m, &d, &tail) != 3) {
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)buf[i]) && buf[i] != '/' && buf[i] != '-')
            return 0;
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    tf_fmt(out, 11, "%04d-%02d-%02d", y, m, d);
    return tf_date_valid(out);
}

tf_status tf_read_plseries(tf_rctx *c)
{
    if (!c->opts->points) {
        tf_error_set(&c->diag->error, TF_ERR_USAGE,
               "%s: a published P/L series goes into a database (tradeflow ingest)", c->name);
        return TF_ERR_USAGE;
    }
    int map[P_COUNT] = {-1, -1, -1, -1};
    size_t used = c->nhdr;
    if (used > 1 && c->hdr[used - 1][0] == '\0')
        used--;
    for (size_t i = 0; i < used; i++) {
        int k = find(c->hdr[i]);
        if (k < 0)
            return tf_rerr(c, c->hdr_line, i + 1, "unknown P/L series column '%.60s' "
                           "(日期/date, 升贴水/basis, 进口利润/spot_pl, 三月进口利润/forward_pl)",
                           c->hdr[i]);
        if (map[k] >= 0)
            return tf_rerr(c, c->hdr_line, i + 1, "column '%s' appears twice", c->hdr[i]);
        map[k] = (int)i;
    }
    if (map[P_DATE] < 0)
        return tf_rerr(c, c->hdr_line, 1, "missing the date column (日期 or date)");
    static const char *const series[P_COUNT] = {NULL, "basis", "spot", "forward"};
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256], prev[11] = "";
    unsigned long prev_line = 0;
    int rc;
    while ((rc = tf_csv_next(c->csv, &f, &n, &line, &col, err, sizeof err)) == 1) {
        if (n == 1 && f[0].n == 0 && !f[0].quoted)
            continue;
        if (n != c->nhdr && n != used)
            return tf_rerr(c, line, n > c->nhdr ? c->nhdr + 1 : n,
                           "expected %zu fields as in the header, found %zu", c->nhdr, n);
        c->stats->rows++;
        const char *v;
        size_t vl;
        tf_window_point p;
        memset(&p, 0, sizeof p);
        p.line = line;
        tf_status st = tf_rday(c, &f[map[P_DATE]], map[P_DATE], line, prev, &prev_line, p.date);
        if (st)
            return st;
        for (int k = P_BASIS; k < P_COUNT; k++) {
            if (map[k] < 0)
                continue;
            st = tf_rdecode(c, &f[map[k]], line, map[k] + 1, &v, &vl);
            if (st)
                return st;
            v = tf_trim(v, &vl);
            if (vl == 0)
                continue; /* no figure published that day */
            tf_milli q;
            tf_error why;
            if (tf_milli_parse(v, vl, 1, &q, &why) != TF_OK)
                return tf_rerr(c, line, map[k] + 1, "'%.*s': %s", (int)(vl > 40 ? 40 : vl), v,
                               why.msg);
            if (q > 100000 * TF_MILLI || q < -100000 * TF_MILLI)
                return tf_rerr(c, line, map[k] + 1,
                               "%s of %.*s CNY/t is outside -100,000..100,000", series[k],
                               (int)vl, v);
            p.series = series[k];
            p.kind = "published";
            p.value = (double)q / TF_MILLI;
            st = c->opts->points(c->opts->points_ctx, &p, c->diag);
            if (st)
                return st;
            c->stats->kept++;
        }
    }
    if (rc < 0)
        return tf_rcsv_error(c, rc, line, col, err);
    return TF_OK;
}
