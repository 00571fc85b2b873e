/* The report as JSON (schema: docs/report-json.md), unrounded, null for no value.
 * 15 significant digits: exact to the gram below 10^9 t, and no binary noise
 * such as 8682836.403999999 for 8,682,836.404 t. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outputs.h"

static json_t *opt(tf_opt v) { return v.has ? json_real(v.v) : json_null(); }

/* The report's currency for value fields: its unit in a value report, else
 * the flow's own (NULL: none). */
static json_t *currency_of(const tf_report *r, const char *flow_currency)
{
    const char *c = r->measure_value ? r->unit : flow_currency;
    return c && c[0] ? json_string(c) : json_null();
}

/* A figure in the report's measure: under `qkey` (a quantity, t) in a
 * quantity report, under `vkey` (a value, in `currency`) in a value report;
 * the other key is null, so a quantity field never holds money. */
static void measured(json_t *o, const tf_report *r, const char *qkey, const char *vkey,
                     tf_opt v)
{
    json_object_set_new(o, qkey, r->measure_value ? json_null() : opt(v));
    json_object_set_new(o, vkey, r->measure_value ? opt(v) : json_null());
}

static json_t *flow_obj(const tf_flow_figures *f, const tf_report *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "quantity", r->measure_value ? json_null() : opt(f->quantity));
    json_object_set_new(o, "mom_pct", opt(f->mom_pct));
    json_object_set_new(o, "yoy_pct", opt(f->yoy_pct));
    json_object_set_new(o, "ytd", r->measure_value ? json_null() : opt(f->ytd));
    json_object_set_new(o, "ytd_yoy_pct", opt(f->ytd_yoy_pct));
    json_object_set_new(o, "prev_month", r->measure_value ? json_null() : opt(f->prev_month));
    json_object_set_new(o, "year_ago", r->measure_value ? json_null() : opt(f->year_ago));
    json_object_set_new(o, "ytd_prev", r->measure_value ? json_null() : opt(f->ytd_prev));
    json_object_set_new(o, "value", opt(r->measure_value ? f->quantity : f->value));
    json_object_set_new(o, "currency", currency_of(r, f->currency));
    if (r->measure_value) {
        json_object_set_new(o, "value_ytd", opt(f->ytd));
        json_object_set_new(o, "value_prev_month", opt(f->prev_month));
        json_object_set_new(o, "value_year_ago", opt(f->year_ago));
        json_object_set_new(o, "value_ytd_prev", opt(f->ytd_prev));
    }
    json_object_set_new(o, "unit_value", opt(f->unit_value));
    json_object_set_new(o, "weighed_only", json_boolean(f->weighed_only));
    json_object_set_new(o, "value_not_weighed", opt(f->unweighed_value));
    return o;
}

static json_t *partners_arr(const tf_partner_figures *list, size_t n, const tf_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const tf_partner_figures *p = &list[i];
        json_t *o = json_object();
        json_object_set_new(o, "rank", p->rank ? json_integer(p->rank) : json_null());
        json_object_set_new(o, "partner", json_string(p->partner));
        json_object_set_new(o, "name", json_string(p->name));
        measured(o, r, "quantity", "value", (tf_opt){1, p->quantity});
        if (r->measure_value)
            json_object_set_new(o, "currency", currency_of(r, NULL));
        json_object_set_new(o, "share_pct", opt(p->share_pct));
        json_object_set_new(o, "mom_pct", opt(p->mom_pct));
        json_object_set_new(o, "yoy_pct", opt(p->yoy_pct));
        json_object_set_new(o, "share_change_pp", opt(p->share_change_pp));
        measured(o, r, "ytd", "value_ytd", p->ytd);
        measured(o, r, "ytd_prev", "value_ytd_prev", p->ytd_prev);
        json_object_set_new(o, "ytd_yoy_pct", opt(p->ytd_yoy_pct));
        json_object_set_new(o, "ytd_share_pct", opt(p->ytd_share_pct));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *other_obj(const tf_breakdown *b, const tf_report *r)
{
    if (!b->other.has)
        return json_null();
    json_t *o = json_object();
    measured(o, r, "quantity", "value", b->other);
    if (r->measure_value)
        json_object_set_new(o, "currency", currency_of(r, NULL));
    json_object_set_new(o, "share_pct", opt(b->other_share_pct));
    return o;
}

static json_t *modes_arr(const tf_mode_figures *list, size_t n, const tf_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const tf_mode_figures *m = &list[i];
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(m->code));
        json_object_set_new(o, "name", json_string(m->name));
        json_object_set_new(o, "group", json_string(m->group));
        measured(o, r, "quantity", "value", (tf_opt){1, m->quantity});
        if (r->measure_value)
            json_object_set_new(o, "currency", currency_of(r, NULL));
        json_object_set_new(o, "share_pct", opt(m->share_pct));
        measured(o, r, "prev_month", "value_prev_month", m->prev_quantity);
        json_object_set_new(o, "mom_pct", opt(m->mom_pct));
        json_object_set_new(o, "share_change_pp", opt(m->share_change_pp));
        json_object_set_new(o, "new", json_boolean(m->is_new && m->prev_quantity.has));
        json_array_append_new(a, o);
    }
    return a;
}

/* One re-flow (tf_re_flow): rest_key names the flow less it. */
static json_t *re_flow_obj(const tf_re_flow *x, const tf_report *r, const char *rest_key)
{
    json_t *o = json_object();
    char vkey[64];
    measured(o, r, "quantity", "value", x->quantity);
    measured(o, r, "prev_month", "value_prev_month", x->prev_month);
    measured(o, r, "year_ago", "value_year_ago", x->year_ago);
    json_object_set_new(o, "mom_pct", opt(x->mom_pct));
    json_object_set_new(o, "yoy_pct", opt(x->yoy_pct));
    snprintf(vkey, sizeof vkey, "%s_value", rest_key);
    measured(o, r, rest_key, vkey, x->rest);
    json_object_set_new(o, "share_pct", opt(x->share_pct));
    json_object_set_new(o, "source", x->source[0] ? json_string(x->source) : json_null());
    return o;
}

static json_t *window_stat(const tf_window_stat *w)
{
    if (!w->has)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "series", json_string("spot"));
    json_object_set_new(o, "average_pl", json_real(w->average_pl));
    json_object_set_new(o, "min_pl", json_real(w->min_pl));
    json_object_set_new(o, "max_pl", json_real(w->max_pl));
    json_object_set_new(o, "days", json_integer(w->days));
    json_object_set_new(o, "days_open", json_integer(w->days_open));
    json_object_set_new(o, "status", json_string(w->status));
    return o;
}

static json_t *strv(char **v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *pair(json_t *imp, json_t *exp)
{
    json_t *o = json_object();
    json_object_set_new(o, "import", imp);
    json_object_set_new(o, "export", exp);
    return o;
}

tf_status tf_report_write_json(FILE *out, const tf_report *r)
{
    json_t *o = json_object();
    if (!o)
        return TF_ERR_NOMEM;
    json_object_set_new(o, "schema_version", json_integer(TF_REPORT_JSON_SCHEMA));
    json_object_set_new(o, "product", json_string(r->product));
    json_object_set_new(o, "classification", json_string(r->classification));
    json_object_set_new(o, "hs_codes", strv(r->codes, r->n_codes));
    json_object_set_new(o, "commodities_in_data", strv(r->commodities, r->n_commodities));
    json_object_set_new(o, "reporter", json_string(r->reporter));
    json_object_set_new(o, "period", json_string(r->period));
    json_object_set_new(o, "as_of", r->as_of[0] ? json_string(r->as_of) : json_null());
    json_object_set_new(o, "unit", r->measure_value ? json_null() : json_string(tf_out_unit(r)));
    json_object_set_new(o, "measure", json_string(r->measure_value ? "value" : "quantity"));
    json_object_set_new(o, "currency", r->measure_value ? currency_of(r, NULL)
                                       : r->import.currency[0] ? json_string(r->import.currency)
                                       : r->export.currency[0] ? json_string(r->export.currency)
                                                               : json_null());
    json_object_set_new(o, "annual", json_boolean(r->annual));
    json_object_set_new(o, "import", flow_obj(&r->import, r));
    json_object_set_new(o, "export", flow_obj(&r->export, r));
    json_object_set_new(o, "net_import", flow_obj(&r->net_import, r));
    json_object_set_new(o, "partner_basis",
                        pair(json_string(r->import_breakdown.partner_basis),
                             json_string(r->export_breakdown.partner_basis)));
    const tf_breakdown *ib = &r->import_breakdown, *eb = &r->export_breakdown;
    json_object_set_new(o, "partners", pair(partners_arr(ib->partners, ib->n_partners, r),
                                            partners_arr(eb->partners, eb->n_partners, r)));
    json_object_set_new(o, "partners_absent", pair(partners_arr(ib->absent, ib->n_absent, r),
                                                   partners_arr(eb->absent, eb->n_absent, r)));
    json_object_set_new(o, "partners_other", pair(other_obj(&r->import_breakdown, r),
                                                  other_obj(&r->export_breakdown, r)));
    json_object_set_new(o, "trade_modes", pair(modes_arr(ib->modes, ib->n_modes, r),
                                               modes_arr(eb->modes, eb->n_modes, r)));
    json_object_set_new(o, "trade_modes_vanished",
                        pair(modes_arr(ib->vanished_modes, ib->n_vanished_modes, r),
                             modes_arr(eb->vanished_modes, eb->n_vanished_modes, r)));
    json_object_set_new(o, "re_exports",
                        re_flow_obj(&r->re_trade.re_export, r, "domestic_exports"));
    json_object_set_new(o, "re_imports",
                        re_flow_obj(&r->re_trade.re_import, r, "imports_less_re_imports"));
    json_t *win = json_object();
    json_object_set_new(win, "hs", r->window.hs[0] ? json_string(r->window.hs) : json_null());
    json_object_set_new(win, "computed", window_stat(&r->window.computed));
    json_object_set_new(win, "published", window_stat(&r->window.published));
    json_object_set_new(o, "import_window", win);
    json_object_set_new(o, "notes", strv(r->notes, r->n_notes));
    return tf_json_emit(out, o);
}

tf_status tf_json_emit(FILE *out, json_t *o)
{
    int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(o);
    fputc('\n', out);
    return rc || ferror(out) ? TF_ERR_IO : TF_OK;
}
