/* One day's import windows as text or JSON. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outputs.h"
#include "../common/util.h"
#include "tradeflow/window.h"

static json_t *window_obj(const tf_window_inputs *in, const tf_window *w)
{
    json_t *o = json_object();
    json_object_set_new(o, "import_cost", json_real(w->import_cost));
    json_object_set_new(o, "pl", json_real(w->pl));
    json_object_set_new(o, "pl_usd", json_real(w->pl_usd));
    json_object_set_new(o, "breakeven_ratio", json_real(w->breakeven_ratio));
    json_object_set_new(o, "actual_ratio", json_real(w->actual_ratio));
    json_object_set_new(o, "lme", json_real(in->lme));
    json_object_set_new(o, "usdcny", json_real(in->usdcny));
    json_object_set_new(o, "domestic", json_real(in->domestic));
    json_object_set_new(o, "premium", json_real(in->premium));
    json_object_set_new(o, "vat_pct", json_real(in->vat_pct));
    json_object_set_new(o, "duty_pct", json_real(in->duty_pct));
    json_object_set_new(o, "misc", json_real(in->misc));
    return o;
}

static void text_line(FILE *out, const char *label, const tf_window_inputs *in,
                      const tf_window *w)
{
    char lme[32], dom[32], cost[32], pl[32], plu[32];
    tf_format_number(lme, sizeof lme, in->lme, 1);
    tf_format_number(dom, sizeof dom, in->domestic, 0);
    tf_format_number(cost, sizeof cost, w->import_cost, 0);
    tf_format_number(pl, sizeof pl, w->pl, 0);
    tf_format_number(plu, sizeof plu, w->pl_usd, 2);
    fprintf(out, "%-8s %9s %7.4f %9s %12s %11s %11s %10.2f %7.2f\n", label, lme, in->usdcny, dom,
            cost, pl, plu, w->breakeven_ratio, w->actual_ratio);
}

tf_status tf_window_write(FILE *out, const tf_window_report *w, tf_output_format fmt)
{
    if (fmt == TF_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "date", json_string(w->date));
        json_object_set_new(o, "hs", json_string(w->hs));
        json_object_set_new(o, "origin_group", json_string(w->origin_group));
        json_object_set_new(o, "spot", w->has_spot ? window_obj(&w->spot_in, &w->spot)
                                                   : json_null());
        json_object_set_new(o, "forward", w->has_forward
                                              ? window_obj(&w->forward_in, &w->forward)
                                              : json_null());
        return tf_json_emit(out, o);
    }
    if (fmt != TF_OUT_TEXT)
        return TF_ERR_USAGE;
    const tf_window_inputs *p = w->has_spot ? &w->spot_in : &w->forward_in;
    fprintf(out, "Import window, %s (HS %s, %s): VAT %g%%, duty %g%%, misc %g CNY/t, premium %g USD/t\n\n",
            w->date, w->hs, w->origin_group, p->vat_pct, p->duty_pct, p->misc, p->premium);
    fprintf(out, "%-8s %9s %7s %9s %12s %11s %11s %10s %7s\n", "", "LME", "USD/CNY", "domestic",
            "import cost", "P/L CNY/t", "P/L USD/t", "break-even", "actual");
    if (w->has_spot)
        text_line(out, "spot", &w->spot_in, &w->spot);
    if (w->has_forward)
        text_line(out, "forward", &w->forward_in, &w->forward);
    const tf_window *main = w->has_spot ? &w->spot : &w->forward;
    char pl[32];
    tf_format_number(pl, sizeof pl, main->pl < 0 ? -main->pl : main->pl, 0);
    if (main->pl == 0)
        fprintf(out, "\nWindow closed: %s import at break-even (P/L 0 CNY/t).\n",
                w->has_spot ? "spot" : "forward");
    else
        fprintf(out, "\nWindow %s: %s import %s of %s CNY/t.\n", main->pl > 0 ? "open" : "closed",
                w->has_spot ? "spot" : "forward", main->pl > 0 ? "profit" : "loss", pl);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

static void opt_num(char *buf, size_t len, int has, double v, int decimals)
{
    if (has)
        tf_format_number(buf, len, v, decimals);
    else
        snprintf(buf, len, "n/a");
}

/* Phase of the JSON series: one day, its spot and forward windows, why a
 * day has no spot window and the spot inputs it has, the published P/L. */
static json_t *day_json(const tf_window_day *d)
{
    json_t *j = json_object();
    json_object_set_new(j, "date", json_string(d->date));
    json_object_set_new(j, "spot", d->has_spot ? window_obj(&d->spot_in, &d->spot)
                                               : json_null());
    json_object_set_new(j, "forward", d->has_forward ? window_obj(&d->forward_in, &d->forward)
                                                     : json_null());
    json_object_set_new(j, "spot_missing",
                        d->has_spot ? json_null() : json_string(d->spot_missing));
    if (!d->has_spot) {
        /* the spot inputs the day has (null: none stored) */
        json_t *in = json_object();
        json_object_set_new(in, "lme_cash", d->spot_have & TF_HAVE_LME
                                                ? json_real(d->spot_in.lme) : json_null());
        json_object_set_new(in, "usdcny", d->spot_have & TF_HAVE_FX
                                              ? json_real(d->spot_in.usdcny) : json_null());
        json_object_set_new(in, "spot", d->spot_have & TF_HAVE_DOM
                                            ? json_real(d->spot_in.domestic) : json_null());
        json_object_set_new(in, "premium", d->spot_have & TF_HAVE_PREMIUM
                                               ? json_real(d->spot_in.premium)
                                               : json_null());
        json_object_set_new(j, "spot_inputs", in);
    }
    json_object_set_new(j, "published_pl",
                        d->has_published ? json_real(d->published_pl) : json_null());
    return j;
}

/* Phase of the JSON series: one month's computed and published averages. */
static json_t *month_json(const tf_window_month_avg *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "month", json_string(m->month));
    json_object_set_new(j, "computed_pl",
                        m->computed_days ? json_real(m->computed_pl) : json_null());
    json_object_set_new(j, "computed_days", json_integer(m->computed_days));
    json_object_set_new(j, "computed_days_open", json_integer(m->computed_open));
    json_object_set_new(j, "published_pl",
                        m->published_days ? json_real(m->published_pl) : json_null());
    json_object_set_new(j, "published_days", json_integer(m->published_days));
    json_object_set_new(j, "published_days_open", json_integer(m->published_open));
    return j;
}

static tf_status series_json(FILE *out, const tf_window_series *s)
{
    json_t *o = json_object(), *days = json_array(), *months = json_array();
    json_object_set_new(o, "product", json_string(s->product));
    json_object_set_new(o, "from", json_string(s->from));
    json_object_set_new(o, "to", json_string(s->to));
    json_object_set_new(o, "hs", json_string(s->hs));
    json_object_set_new(o, "origin_group", json_string(s->origin_group));
    for (size_t i = 0; i < s->n_days; i++)
        json_array_append_new(days, day_json(&s->days[i]));
    for (size_t i = 0; i < s->n_months; i++)
        json_array_append_new(months, month_json(&s->months[i]));
    json_object_set_new(o, "days", days);
    json_object_set_new(o, "months", months);
    return tf_json_emit(out, o);
}

/* Phase of the text series: one day's line, its inputs, import cost and P/L,
 * or the inputs it has and the first one missing. */
static void day_text(FILE *out, const tf_window_day *d)
{
    char pub[32], fwd[32];
    opt_num(pub, sizeof pub, d->has_published, d->published_pl, 0);
    opt_num(fwd, sizeof fwd, d->has_forward, d->forward.pl, 0);
    if (d->has_spot) {
        char lme[32], dom[32], cost[32], pl[32];
        tf_format_number(lme, sizeof lme, d->spot_in.lme, 1);
        tf_format_number(dom, sizeof dom, d->spot_in.domestic, 0);
        tf_format_number(cost, sizeof cost, d->spot.import_cost, 0);
        tf_format_number(pl, sizeof pl, d->spot.pl, 0);
        fprintf(out, "%-10s %9s %7.4f %8s %8g %11s %9s %9s %10s\n", d->date, lme,
                d->spot_in.usdcny, dom, d->spot_in.premium, cost, pl, fwd, pub);
        return;
    }
    /* the inputs the day has, and why there is no P/L */
    char lme[32] = "", fx[32] = "", dom[32] = "", prem[32] = "";
    if (d->spot_have & TF_HAVE_LME)
        tf_format_number(lme, sizeof lme, d->spot_in.lme, 1);
    if (d->spot_have & TF_HAVE_FX)
        tf_fmt(fx, sizeof fx, "%.4f", d->spot_in.usdcny);
    if (d->spot_have & TF_HAVE_DOM)
        tf_format_number(dom, sizeof dom, d->spot_in.domestic, 0);
    if (d->spot_have & TF_HAVE_PREMIUM)
        tf_fmt(prem, sizeof prem, "%g", d->spot_in.premium);
    fprintf(out, "%-10s %9s %7s %8s %8s %-21s %9s %10s\n", d->date, lme, fx, dom, prem,
            d->spot_missing, fwd, pub);
}

static tf_status series_text(FILE *out, const tf_window_series *s)
{
    fprintf(out, "Import window of %s, %s to %s (HS %s, %s); CNY/t unless stated\n\n",
            s->product_name[0] ? s->product_name : s->product, s->from, s->to, s->hs,
            s->origin_group);
    fprintf(out, "%-10s %9s %7s %8s %8s %11s %9s %9s %10s\n", "date", "LME cash", "USD/CNY",
            "spot", "premium", "import cost", "spot P/L", "fwd P/L", "published");
    for (size_t i = 0; i < s->n_days; i++)
        day_text(out, &s->days[i]);
    fprintf(out, "\nAverages by month over the days of %s..%s with a figure (gaps are not "
                 "filled)\n", s->from, s->to);
    fprintf(out, "%-8s %18s %6s %6s %18s %6s %6s\n", "month", "computed spot P/L", "days",
            "open", "published spot P/L", "days", "open");
    for (size_t i = 0; i < s->n_months; i++) {
        const tf_window_month_avg *m = &s->months[i];
        char c[32], p[32];
        opt_num(c, sizeof c, m->computed_days > 0, m->computed_pl, 0);
        opt_num(p, sizeof p, m->published_days > 0, m->published_pl, 0);
        fprintf(out, "%-8s %18s %6d %6d %18s %6d %6d\n", m->month, c, m->computed_days,
                m->computed_open, p, m->published_days, m->published_open);
    }
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

tf_status tf_window_series_write(FILE *out, const tf_window_series *s, tf_output_format fmt)
{
    if (fmt == TF_OUT_JSON)
        return series_json(out, s);
    if (fmt != TF_OUT_TEXT)
        return TF_ERR_USAGE;
    return series_text(out, s);
}
