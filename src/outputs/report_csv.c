/* The report as CSV in long form: one figure a line, unrounded, empty for no value. */
#include <stdio.h>
#include <string.h>

#include "outputs.h"

/* A text cell: quoted when needed; a leading = + - @ is neutralised with a
 * quote mark so that a spreadsheet never evaluates data as a formula. */
static void cell(FILE *out, const char *s)
{
    int guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (!guard && !strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (guard)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* The writer: its stream and the report being written (product and period
 * columns, the unit). */
typedef struct csv_w {
    FILE *out;
    const tf_report *r;
} csv_w;

/* Unit of a metric from its name: *_t tonnes, *_pct %, *_pp pp, value and
 * unit_value in the currency. */
static void unit_of(const tf_report *cur, const char *metric, const char *currency, char *buf,
                    size_t len)
{
    size_t n = strlen(metric);
    if (n > 2 && !strcmp(metric + n - 2, "_t"))
        snprintf(buf, len, "%s", tf_out_unit(cur)); /* a currency when values */
    else if (n > 4 && !strcmp(metric + n - 4, "_pct"))
        snprintf(buf, len, "%%");
    else if (n > 3 && !strcmp(metric + n - 3, "_pp"))
        snprintf(buf, len, "pp");
    else if (!strcmp(metric, "value"))
        snprintf(buf, len, "%s", currency);
    else if (!strcmp(metric, "unit_value") && currency[0])
        snprintf(buf, len, "%s/t", currency);
    else if (!strcmp(metric, "average_pl"))
        snprintf(buf, len, "CNY/t");
    else
        buf[0] = '\0';
}

/* A figure's metric name as written: in a report that measures value
 * (measure_value) the tonnage names become value names, quantity_t ->
 * trade_value and X_t -> X_value, so that no column says t of a figure in a
 * currency. */
static const char *metric_name(const tf_report *cur, const char *metric, char *buf, size_t len)
{
    size_t n = strlen(metric);
    if (!cur->measure_value || n < 3 || strcmp(metric + n - 2, "_t"))
        return metric;
    if (!strcmp(metric, "quantity_t"))
        snprintf(buf, len, "trade_value");
    else
        snprintf(buf, len, "%.*s_value", (int)(n - 2), metric);
    return buf;
}

static void line(const csv_w *w, const char *section, const char *flow, int rank,
                 const char *code, const char *name, const char *metric, tf_opt v,
                 const char *currency)
{
    FILE *out = w->out;
    const tf_report *cur = w->r;
    char mbuf[32];
    cell(out, cur->product);
    fputc(',', out);
    cell(out, cur->period);
    fputc(',', out);
    cell(out, section);
    fputc(',', out);
    cell(out, flow);
    fputc(',', out);
    if (rank > 0)
        fprintf(out, "%d", rank);
    fputc(',', out);
    cell(out, code);
    fputc(',', out);
    cell(out, name);
    fputc(',', out);
    cell(out, metric_name(cur, metric, mbuf, sizeof mbuf));
    fputc(',', out);
    if (v.has)
        fprintf(out, "%.15g", v.v);
    fputc(',', out);
    char unit[16];
    unit_of(cur, metric, currency, unit, sizeof unit);
    cell(out, unit);
    fputc('\n', out);
}

static tf_opt some(double v)
{
    tf_opt o = {1, v};
    return o;
}

static void flow_lines(const csv_w *out, const char *flow, const tf_flow_figures *f)
{
    const struct { const char *m; tf_opt v; } items[] = {
        {"quantity_t", f->quantity},   {"mom_pct", f->mom_pct},
        {"yoy_pct", f->yoy_pct},       {"ytd_t", f->ytd},
        {"ytd_yoy_pct", f->ytd_yoy_pct}, {"prev_month_t", f->prev_month},
        {"year_ago_t", f->year_ago},   {"ytd_prev_t", f->ytd_prev},
        {"value", f->value},           {"unit_value", f->unit_value},
    };
    /* a report measuring value has its value as trade_value: the value beside
     * a quantity and the unit value per tonne are no figures of it */
    size_t n = sizeof items / sizeof items[0] - (out->r->measure_value ? 2 : 0);
    for (size_t i = 0; i < n; i++)
        line(out, "total", flow, 0, "", "", items[i].m, items[i].v, f->currency);
}

static void breakdown_lines(const csv_w *out, const char *flow, const tf_breakdown *b)
{
    for (size_t i = 0; i < b->n_partners; i++) {
        const tf_partner_figures *p = &b->partners[i];
        line(out, "partner", flow, p->rank, p->partner, p->name, "quantity_t", some(p->quantity), "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "share_pct", p->share_pct, "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "mom_pct", p->mom_pct, "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "yoy_pct", p->yoy_pct, "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "share_change_pp",
             p->share_change_pp, "");
        if (out->r->annual)
            continue;
        line(out, "partner", flow, p->rank, p->partner, p->name, "ytd_t", p->ytd, "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "ytd_prev_t", p->ytd_prev, "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "ytd_yoy_pct", p->ytd_yoy_pct,
             "");
        line(out, "partner", flow, p->rank, p->partner, p->name, "ytd_share_pct",
             p->ytd_share_pct, "");
    }
    for (size_t i = 0; i < b->n_absent; i++) {
        const tf_partner_figures *p = &b->absent[i];
        line(out, "partner_absent", flow, 0, p->partner, p->name, "quantity_t", some(0), "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "share_pct", p->share_pct, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "mom_pct", p->mom_pct, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "yoy_pct", p->yoy_pct, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "share_change_pp",
             p->share_change_pp, "");
        if (out->r->annual)
            continue; /* its YTD: it may have shipped earlier in the year */
        line(out, "partner_absent", flow, 0, p->partner, p->name, "ytd_t", p->ytd, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "ytd_prev_t", p->ytd_prev, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "ytd_yoy_pct",
             p->ytd_yoy_pct, "");
        line(out, "partner_absent", flow, 0, p->partner, p->name, "ytd_share_pct",
             p->ytd_share_pct, "");
    }
    if (b->other.has) {
        line(out, "partner", flow, 0, "", "Other", "quantity_t", b->other, "");
        line(out, "partner", flow, 0, "", "Other", "share_pct", b->other_share_pct, "");
    }
    for (size_t i = 0; i < b->n_modes + b->n_vanished_modes; i++) {
        int v = i >= b->n_modes; /* a mode of m-1 with nothing this month: no rank */
        const tf_mode_figures *m = v ? &b->vanished_modes[i - b->n_modes] : &b->modes[i];
        int rank = v ? 0 : (int)i + 1;
        line(out, "trade_mode", flow, rank, m->code, m->name, "quantity_t", some(m->quantity), "");
        line(out, "trade_mode", flow, rank, m->code, m->name, "share_pct", m->share_pct, "");
        line(out, "trade_mode", flow, rank, m->code, m->name, "prev_month_t", m->prev_quantity,
             "");
        line(out, "trade_mode", flow, rank, m->code, m->name, "mom_pct", m->mom_pct, "");
        line(out, "trade_mode", flow, rank, m->code, m->name, "share_change_pp",
             m->share_change_pp, "");
    }
}

/* The re-exports and re-imports section: name says where the figures come from. */
static void re_lines(const csv_w *out, const char *flow, const char *rest, const tf_re_flow *x)
{
    const struct { const char *m; tf_opt v; } items[] = {
        {"quantity_t", x->quantity}, {"prev_month_t", x->prev_month},
        {"year_ago_t", x->year_ago}, {"mom_pct", x->mom_pct},
        {"yoy_pct", x->yoy_pct},     {rest, x->rest},
        {"share_pct", x->share_pct},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        line(out, "re_trade", flow, 0, "", x->source, items[i].m, items[i].v, "");
}

tf_status tf_report_write_csv(FILE *out, const tf_report *r)
{
    fprintf(out, "product,period,section,flow,rank,code,name,metric,value,unit\n");
    const csv_w w = {out, r};
    flow_lines(&w, "import", &r->import);
    flow_lines(&w, "export", &r->export);
    flow_lines(&w, "net_import", &r->net_import);
    breakdown_lines(&w, "import", &r->import_breakdown);
    breakdown_lines(&w, "export", &r->export_breakdown);
    re_lines(&w, "re_export", "domestic_exports_t", &r->re_trade.re_export);
    re_lines(&w, "re_import", "imports_less_re_imports_t", &r->re_trade.re_import);
    const tf_window_stat *ws[2] = {&r->window.computed, &r->window.published};
    const char *wn[2] = {"computed", "published"};
    for (int k = 0; k < 2; k++) {
        if (!ws[k]->has)
            continue;
        line(&w, "import_window", "import", 0, r->window.hs, wn[k], "average_pl",
             some(ws[k]->average_pl), "CNY");
        line(&w, "import_window", "import", 0, r->window.hs, wn[k], "days", some(ws[k]->days),
             "");
        line(&w, "import_window", "import", 0, r->window.hs, wn[k], "days_open",
             some(ws[k]->days_open), "");
    }
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
