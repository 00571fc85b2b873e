/* The outlook as text, JSON, and the note's paragraph (tradeflow/outlook.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outputs.h"
#include "tradeflow/outlook.h"
#include "../common/util.h"

static const char *const month_en[12] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static void month_name(char *buf, size_t len, const char *period)
{
    int i = tf_period_index(period);
    if (i < 0)
        tf_scopy(buf, len, period);
    else
        tf_fmt(buf, len, "%s %d", month_en[i % 12], i / 12);
}

static const char *method_label(int k)
{
    return k == TF_OUTLOOK_WINDOW_MODEL  ? "window model"
           : k == TF_OUTLOOK_PERSISTENCE ? "persistence"
                                         : "seasonal naive";
}

/* ---- text ---- */

static void pct(char *buf, size_t len, tf_opt v)
{
    if (v.has)
        tf_fmt(buf, len, "%.1f%%", v.v);
    else
        tf_scopy(buf, len, "n/a");
}

static void text_head(FILE *out, const char *label, const tf_outlook_series *s)
{
    char cur[48], pt[48], lo[48], hi[48], iv[112] = "n/a";
    tf_out_figure(cur, sizeof cur, s->current, "t");
    tf_out_figure(pt, sizeof pt, s->point, "t");
    if (s->low.has) {
        tf_out_figure(lo, sizeof lo, s->low, "t");
        tf_out_figure(hi, sizeof hi, s->high, "t");
        tf_fmt(iv, sizeof iv, "%.*s .. %s", (int)(strlen(lo) - 2), lo, hi);
    }
    fprintf(out, "%-13s %14s %14s  %-26s %-5s %s\n", label, cur, pt, iv,
            s->direction[0] ? s->direction : "n/a",
            s->method == TF_OUTLOOK_NONE ? "none" : method_label(s->method));
}

static void text_scores(FILE *out, const char *label, const tf_outlook_series *s)
{
    fprintf(out, "\n%s\n  %-16s %6s  %-7s  %-7s %10s %7s  %s\n", label, "method", "months", "from",
            "to", "MAE (t)", "MAPE", "direction hit rate");
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++) {
        const tf_outlook_score *c = &s->own[k];
        char mae[48], mape[16], hit[16];
        tf_out_figure(mae, sizeof mae, c->mae, "t");
        pct(mape, sizeof mape, c->mape_pct);
        pct(hit, sizeof hit, c->hit_pct);
        fprintf(out, "  %-16s %6d  %-7s  %-7s %12s %7s  %s (of %d)\n", method_label(k), c->n,
                c->n ? c->from : "-", c->n ? c->to : "-", mae, mape, hit, c->n_direction);
    }
    const tf_outlook_score *p = &s->persistence;
    if (p->n) {
        char mae[48], mape[16];
        tf_out_figure(mae, sizeof mae, p->mae, "t");
        pct(mape, sizeof mape, p->mape_pct);
        fprintf(out, "  %-16s %6d  %-7s  %-7s %12s %7s  (persistence on the window model's "
                "months)\n", "(reference)", p->n, p->from, p->to, mae, mape);
    }
    int n_cmp = -1;
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        if (s->forecast[k].has)
            n_cmp = s->common[k].n;
    if (n_cmp < 0)
        return;
    fprintf(out, "  on the %d month%s forecast by every method that can forecast the month: MAE",
            n_cmp, n_cmp == 1 ? "" : "s");
    for (int k = 0, first = 1; k < TF_OUTLOOK_N_METHODS; k++) {
        if (!s->forecast[k].has)
            continue;
        char a[48];
        tf_out_figure(a, sizeof a, s->common[k].mae, "t");
        fprintf(out, "%s %s %s", first ? "" : ",", method_label(k), a);
        first = 0;
    }
    fprintf(out, " (%s)\n", n_cmp < TF_OUTLOOK_MIN_COMPARE ? "too few to compare"
                                                          : "the lowest is chosen");
}

static void text_rows(FILE *out, const tf_outlook_series *s)
{
    fprintf(out, "  %-7s %14s %16s %16s %16s\n", "month", "actual", "seasonal naive",
            "window model", "persistence");
    for (size_t i = 0; i < s->n_rows; i++) {
        const tf_outlook_row *r = &s->rows[i];
        char a[48], f0[48], f1[48], f2[48];
        tf_out_figure(a, sizeof a, r->actual, "t");
        tf_out_figure(f0, sizeof f0, r->forecast[0], "t");
        tf_out_figure(f1, sizeof f1, r->forecast[1], "t");
        tf_out_figure(f2, sizeof f2, r->forecast[2], "t");
        fprintf(out, "  %-7s %14s %16s %16s %16s\n", r->target, a, f0, f1, f2);
    }
}

static void text_model(FILE *out, const char *label, const tf_outlook_series *s)
{
    if (!s->has_coef)
        return;
    fprintf(out, "%s = %.1f %+.4f x %s(m) %+.3f x P/L(m-1..m) %+.1f x open days(m-1..m)"
            "  [fitted on %d months]\n", label, s->coef[0], s->coef[1], label, s->coef[2],
            s->coef[3], s->n_fit);
}

/* An interval that leaves out the forecast: the method's backtest errors (actual -
 * forecast) were of one sign at the 10th..90th percentiles, i.e. it fell short (or
 * overshot) in nearly every backtest month; said, as a reader would ask. */
static void interval_side(FILE *out, const char *label, const tf_outlook_series *s)
{
    if (!s->point.has || !s->low.has || !s->high.has || s->method == TF_OUTLOOK_NONE)
        return;
    int above = s->low.v > s->point.v, below = s->high.v < s->point.v;
    if (!above && !below)
        return;
    int n = 0, side = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        const tf_outlook_row *r = &s->rows[i];
        if (!r->actual.has || !r->forecast[s->method].has)
            continue;
        n++;
        double err = r->actual.v - r->forecast[s->method].v;
        side += above ? err > 0 : err < 0;
    }
    fprintf(out, "%s: the interval lies %s the forecast: the method %s the actual figure in "
            "%d of its %d backtest months (the %s percentile of its errors is %s zero).\n",
            label, above ? "above" : "below", above ? "fell short of" : "overshot", side, n,
            above ? "10th" : "90th", above ? "above" : "below");
}

static tf_status write_text(FILE *out, const tf_outlook *o, int backtest)
{
    char cur[32], tgt[32];
    month_name(cur, sizeof cur, o->period);
    month_name(tgt, sizeof tgt, o->target);
    fprintf(out, "Outlook for %s, %s (from the data to %s)\n\n", o->product_name, tgt, cur);
    fprintf(out, "%-13s %14s %14s  %-26s %-5s %s\n", "", o->period, o->target, "80% interval",
            "dir.", "method");
    text_head(out, "Imports", &o->imports);
    text_head(out, "Net imports", &o->net_imports);
    fprintf(out, "\nImports: %s.\nNet imports: %s.\n", o->imports.why, o->net_imports.why);
    if (o->imports.has_coef || o->net_imports.has_coef)
        fputs("\nWindow model (least squares on the months before the forecast; P/L: mean "
              "published spot import P/L, CNY/t):\n", out);
    text_model(out, "imports", &o->imports);
    text_model(out, "net imports", &o->net_imports);
    fputs("\nBacktest: rolling origin, each forecast from the data before its month only; "
          "missing months stay missing.\n", out);
    text_scores(out, "Imports", &o->imports);
    if (backtest)
        text_rows(out, &o->imports);
    text_scores(out, "Net imports", &o->net_imports);
    if (backtest)
        text_rows(out, &o->net_imports);
    fputs("\nInterval: the forecast plus the 10th..90th percentiles of the method's backtest "
          "errors.\n", out);
    interval_side(out, "Imports", &o->imports);
    interval_side(out, "Net imports", &o->net_imports);
    char para[2048];
    if (tf_outlook_paragraph(o, 0, para, sizeof para) == TF_OK && para[0])
        fprintf(out, "\nIn a note: %s\n", para);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

/* ---- json ---- */

static json_t *oj(tf_opt o) { return o.has ? json_real(o.v) : json_null(); }

static json_t *score_json(const tf_outlook_score *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "months", json_integer(c->n));
    json_object_set_new(j, "from", c->n ? json_string(c->from) : json_null());
    json_object_set_new(j, "to", c->n ? json_string(c->to) : json_null());
    json_object_set_new(j, "mae_t", oj(c->mae));
    json_object_set_new(j, "mape_pct", oj(c->mape_pct));
    json_object_set_new(j, "direction_hit_pct", oj(c->hit_pct));
    json_object_set_new(j, "direction_months", json_integer(c->n_direction));
    return j;
}

static json_t *series_json(const tf_outlook_series *s, int backtest)
{
    json_t *j = json_object(), *f = json_object(), *own = json_object(), *com = json_object();
    json_object_set_new(j, "current_t", oj(s->current));
    json_object_set_new(j, "method", s->method == TF_OUTLOOK_NONE
                                         ? json_null()
                                         : json_string(tf_outlook_method_name(s->method)));
    json_object_set_new(j, "forecast_t", oj(s->point));
    json_object_set_new(j, "low_t", oj(s->low));
    json_object_set_new(j, "high_t", oj(s->high));
    json_object_set_new(j, "mae_t", oj(s->mae));
    json_object_set_new(j, "direction", s->direction[0] ? json_string(s->direction) : json_null());
    json_object_set_new(j, "model_beats_naive", json_boolean(s->beats_naive));
    json_object_set_new(j, "why", json_string(s->why));
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++) {
        const char *n = tf_outlook_method_name((tf_outlook_method)k);
        json_object_set_new(f, n, oj(s->forecast[k]));
        json_object_set_new(own, n, score_json(&s->own[k]));
        json_object_set_new(com, n, score_json(&s->common[k]));
    }
    json_object_set_new(j, "forecasts_t", f);
    if (s->has_coef) {
        json_t *c = json_object();
        json_object_set_new(c, "intercept", json_real(s->coef[0]));
        json_object_set_new(c, "previous_month", json_real(s->coef[1]));
        json_object_set_new(c, "pl_cny_t", json_real(s->coef[2]));
        json_object_set_new(c, "open_days", json_real(s->coef[3]));
        json_object_set_new(c, "months_fitted", json_integer(s->n_fit));
        json_object_set_new(j, "model", c);
    } else
        json_object_set_new(j, "model", json_null());
    json_object_set_new(j, "backtest", own);
    json_object_set_new(j, "backtest_common", com);
    json_object_set_new(j, "backtest_persistence", score_json(&s->persistence));
    if (backtest) {
        json_t *rows = json_array();
        for (size_t i = 0; i < s->n_rows; i++) {
            json_t *r = json_object();
            json_object_set_new(r, "month", json_string(s->rows[i].target));
            json_object_set_new(r, "actual_t", oj(s->rows[i].actual));
            for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
                json_object_set_new(r, tf_outlook_method_name((tf_outlook_method)k),
                                    oj(s->rows[i].forecast[k]));
            json_array_append_new(rows, r);
        }
        json_object_set_new(j, "backtest_months", rows);
    }
    return j;
}

tf_status tf_outlook_write(FILE *out, const tf_outlook *o, int json, int backtest)
{
    if (!json)
        return write_text(out, o, backtest);
    json_t *j = json_object();
    json_object_set_new(j, "product", json_string(o->product));
    json_object_set_new(j, "period", json_string(o->period));
    json_object_set_new(j, "target", json_string(o->target));
    json_object_set_new(j, "interval", json_string("forecast + 10th..90th percentile of the "
                                                   "method's backtest errors"));
    json_object_set_new(j, "imports", series_json(&o->imports, backtest));
    json_object_set_new(j, "net_imports", series_json(&o->net_imports, backtest));
    char para[2048];
    for (int zh = 0; zh < 2; zh++)
        if (tf_outlook_paragraph(o, zh, para, sizeof para) == TF_OK)
            json_object_set_new(j, zh ? "paragraph_zh" : "paragraph_en", json_string(para));
    return tf_json_emit(out, j);
}

/* ---- the note's paragraph ---- */

/* Which method, and why: the lowest backtest error of the methods compared,
 * the only one that can forecast the month, or the baseline for want of
 * months to compare. */
const char *tf_outlook_method_words(const tf_outlook_series *s, int zh)
{
    static const char *const name_en[TF_OUTLOOK_N_METHODS] = {
        "seasonal naive, the same month a year earlier",
        "a regression on the import window and recent imports",
        "persistence, the latest month's figure"};
    static const char *const name_zh[TF_OUTLOOK_N_METHODS] = {
        "季节性朴素预测（上年同月）", "基于进口窗口与近期进口的回归", "持平预测（沿用最近一个月）"};
    static const char *const best_en[TF_OUTLOOK_N_METHODS] = {
        "seasonal naive, the same month a year earlier, which had the lowest error of the "
        "methods compared in the backtest",
        "a regression on the import window and recent imports, which had the lowest error of "
        "the methods compared in the backtest",
        "persistence, the latest month's figure, which had the lowest error of the methods "
        "compared in the backtest"};
    static const char *const best_zh[TF_OUTLOOK_N_METHODS] = {
        "季节性朴素预测（上年同月），回测中误差在各方法中最低",
        "基于进口窗口与近期进口的回归，回测中误差在各方法中最低",
        "持平预测（沿用最近一个月），回测中误差在各方法中最低"};
    static const char *const only_en[TF_OUTLOOK_N_METHODS] = {
        "seasonal naive, the same month a year earlier, the only method that can forecast "
        "the month",
        "a regression on the import window and recent imports, the only method that can "
        "forecast the month",
        "persistence, the latest month's figure, the only method that can forecast the month"};
    static const char *const only_zh[TF_OUTLOOK_N_METHODS] = {
        "季节性朴素预测（上年同月），唯一可用的方法", "基于进口窗口与近期进口的回归，唯一可用的方法",
        "持平预测（沿用最近一个月），唯一可用的方法"};
    static const char *const base_en[TF_OUTLOOK_N_METHODS] = {
        "seasonal naive, the same month a year earlier, the baseline, as the backtest has "
        "too few months in common to compare the methods",
        "a regression on the import window and recent imports, as the backtest has too few "
        "months in common to compare the methods",
        "persistence, the latest month's figure, the baseline, as the backtest has too few "
        "months in common to compare the methods"};
    static const char *const base_zh[TF_OUTLOOK_N_METHODS] = {
        "季节性朴素预测（上年同月）；回测月份不足，无法比较各方法",
        "基于进口窗口与近期进口的回归；回测月份不足，无法比较各方法",
        "持平预测（沿用最近一个月）；回测月份不足，无法比较各方法"};
    int k = s->method;
    if (k < 0 || k >= TF_OUTLOOK_N_METHODS)
        return "";
    switch (s->choice) {
    case TF_OUTLOOK_CHOSEN_BEST: return zh ? best_zh[k] : best_en[k];
    case TF_OUTLOOK_CHOSEN_ONLY: return zh ? only_zh[k] : only_en[k];
    case TF_OUTLOOK_CHOSEN_BASELINE: return zh ? base_zh[k] : base_en[k];
    default: return zh ? name_zh[k] : name_en[k];
    }
}

