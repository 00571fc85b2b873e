/* The import window: formula and parameters (tradeflow/window.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tradeflow/window.h"
#include "../common/util.h"
#include "window_int.h"

/* tf_window_compute with the reason as a static string in *why (kept by a
 * series' fault). */
static tf_status compute(const tf_window_inputs *in, tf_window *out, const char **why)
{
    memset(out, 0, sizeof *out);
    /* sanity ranges: any real aluminium or copper price, any USD/CNY since 1994 */
    if (!(in->lme > 0 && in->lme < 100000)) {
        *why = "LME price must be above 0 and below 100,000 USD/t";
        return TF_ERR_INPUT;
    }
    if (!(in->premium >= 0 && in->premium < 10000)) {
        *why = "premium must be from 0 to 10,000 USD/t";
        return TF_ERR_INPUT;
    }
    if (!(in->usdcny >= 1 && in->usdcny <= 20)) {
        *why = "USD/CNY must be from 1 to 20";
        return TF_ERR_INPUT;
    }
    if (!(in->domestic > 0 && in->domestic < 1000000)) {
        *why = "domestic price must be above 0 and below 1,000,000 CNY/t";
        return TF_ERR_INPUT;
    }
    if (!(in->vat_pct >= 0 && in->vat_pct <= 100)) {
        *why = "VAT must be from 0 to 100 %";
        return TF_ERR_INPUT;
    }
    if (!(in->duty_pct >= 0 && in->duty_pct <= 100)) {
        *why = "duty must be from 0 to 100 %";
        return TF_ERR_INPUT;
    }
    if (!(in->misc >= 0 && in->misc < 100000)) {
        *why = "misc costs must be from 0 to 100,000 CNY/t";
        return TF_ERR_INPUT;
    }
    double cost = (in->lme + in->premium) * in->usdcny * (1 + in->duty_pct / 100) *
                      (1 + in->vat_pct / 100) + in->misc;
    out->import_cost = round(cost);
    out->pl = in->domestic - out->import_cost;
    out->pl_usd = out->pl / in->usdcny;
    out->breakeven_ratio = out->import_cost / in->lme;
    out->actual_ratio = in->domestic / in->lme;
    return TF_OK;
}

tf_status tf_window_compute(const tf_window_inputs *in, tf_window *out, tf_error *err)
{
    const char *why = "";
    tf_status st = compute(in, out, &why);
    return st == TF_OK ? st : tf_error_set(err, st, "%s", why);
}

/* The duty row of one table (the user's or the shipped one) for hs and the
 * origin group on date: among the rows of the longest code matching hs, the
 * latest in force. A longer code's rows replace a shorter code's at every
 * date: before its earliest row nothing applies (*later set), rather than the
 * shorter code's rate (76011090 before its provisional 0 % is first sourced
 * is not silently charged 7601's 5 %). */
static const tf_window_param *duty_row(const tf_refdata *ref, int user, const char *date,
                                       const char *hs, const char *origin_group, int *later)
{
    const tf_window_param *d = NULL;
    size_t best = 0, n = tf_refdata_window_param_count(ref);
    for (size_t i = 0; i < n; i++) {
        const tf_window_param *w = tf_refdata_window_param_at(ref, i);
        size_t l = strlen(w->hs);
        if (w->user == user && !strcmp(w->parameter, "duty") && !strncmp(hs, w->hs, l) &&
            !strcmp(w->origin_group, origin_group) && l > best)
            best = l;
    }
    for (size_t i = 0; best && i < n; i++) {
        const tf_window_param *w = tf_refdata_window_param_at(ref, i);
        if (w->user != user || strcmp(w->parameter, "duty") || strlen(w->hs) != best ||
            strncmp(hs, w->hs, best) || strcmp(w->origin_group, origin_group))
            continue;
        if (strcmp(w->from, date) > 0)
            *later = 1;
        else if (!d || strcmp(w->from, d->from) >= 0)
            d = w;
    }
    return d;
}

/* tf_window_params with the reason as a static string in *why: every rate in
 * force is set, and *why names the first rate neither in force nor given by
 * the caller (given: VAT, duty, misc flags, or NULL for none). */
static tf_status params(const tf_refdata *ref, const char *date, const char *hs,
                        const char *origin_group, const int *given, double *vat_pct,
                        double *duty_pct, double *misc, const char **why)
{
    if (!origin_group || !origin_group[0])
        origin_group = "MFN";
    const tf_window_param *vat = NULL, *duty = NULL, *ms = NULL;
    size_t n = tf_refdata_window_param_count(ref);
    int later = 0;
    /* The user's own rows first: where any of them applies it wins over the
     * shipped table; then the shipped rows. */
    for (int user = 1; user >= 0; user--) {
        const tf_window_param *v = NULL, *m = NULL;
        for (size_t i = 0; i < n; i++) {
            const tf_window_param *w = tf_refdata_window_param_at(ref, i);
            if (w->user != user || strcmp(w->from, date) > 0)
                continue; /* other table, or not yet in force */
            if (!strcmp(w->parameter, "vat")) {
                if (!v || strcmp(w->from, v->from) >= 0)
                    v = w;
            } else if (!strcmp(w->parameter, "misc")) {
                if (!m || strcmp(w->from, m->from) >= 0)
                    m = w;
            }
        }
        const tf_window_param *d = duty ? NULL : duty_row(ref, user, date, hs, origin_group,
                                                          &later);
        if (!vat)
            vat = v;
        if (!duty)
            duty = d;
        if (!ms)
            ms = m;
    }
    /* set before the checks: a caller that gives the missing rate goes on */
    if (vat)
        *vat_pct = vat->value;
    if (ms)
        *misc = ms->value;
    if (duty)
        *duty_pct = duty->value;
    if (!vat && !(given && given[0])) {
        *why = "no VAT rate for that date: data/window-params.csv dates each rate from its "
               "earliest source (give --vat PCT, or a row of your own with --window-params)";
        return TF_ERR_NOT_FOUND;
    }
    if (!ms && !(given && given[2])) {
        *why = "no misc cost for that date: data/window-params.csv dates each rate from its "
               "earliest source (give --misc CNY/t, or a row of your own with --window-params)";
        return TF_ERR_NOT_FOUND;
    }
    if (!duty && !(given && given[1])) {
        *why = later ? "no duty rate for that HS code and origin group on that date: "
                       "data/window-params.csv dates each rate from its earliest source "
                       "(give --duty PCT, or a row of your own with --window-params)"
                     : "no duty rate for that HS code and origin group (see "
                       "data/window-params.csv; give --duty PCT, or a row of your own with "
                       "--window-params)";
        return TF_ERR_NOT_FOUND;
    }
    return TF_OK;
}

tf_status tf_window_params(const tf_refdata *ref, const char *date, const char *hs,
                           const char *origin_group, double *vat_pct, double *duty_pct,
                           double *misc, tf_error *err)
{
    return tf_window_params_given(ref, date, hs, origin_group, NULL, vat_pct, duty_pct, misc,
                                  err);
}

tf_status tf_window_params_given(const tf_refdata *ref, const char *date, const char *hs,
                                 const char *origin_group, const int given[3], double *vat_pct,
                                 double *duty_pct, double *misc, tf_error *err)
{
    const char *why = "";
    tf_status st = params(ref, date, hs, origin_group, given, vat_pct, duty_pct, misc, &why);
    return st == TF_OK ? st : tf_error_set(err, st, "%s", why);
}

static tf_status fault(tf_window_fault *f, tf_window_fault_kind kind, int input, int window,
                       const char *why)
{
    f->kind = kind;
    f->input = input;
    f->window = window;
    f->why = why;
    return TF_ERR_USAGE;
}

/* The checks of the hand-given overrides and premium; TF_OK or a fault.
 * value[TF_WIN_PREMIUM] becomes the midpoint of a range. */
static tf_status check_day(double *value, int *given, tf_window_fault *f)
{
    for (int k = TF_WIN_VAT; k <= TF_WIN_MISC; k++)
        if (given[k] && !(value[k] >= 0 && value[k] <= (k == TF_WIN_MISC ? 100000 : 100)))
            return fault(f, TF_WF_RANGE, k, -1, NULL);
    if (given[TF_WIN_PREMIUM_LOW] != given[TF_WIN_PREMIUM_HIGH])
        return fault(f, TF_WF_PREMIUM_HALF, -1, -1, NULL);
    if (given[TF_WIN_PREMIUM] && given[TF_WIN_PREMIUM_LOW])
        return fault(f, TF_WF_PREMIUM_BOTH, -1, -1, NULL);
    if (!given[TF_WIN_PREMIUM_LOW])
        return TF_OK;
    for (int k = TF_WIN_PREMIUM_LOW; k <= TF_WIN_PREMIUM_HIGH; k++)
        if (!(value[k] >= 0 && value[k] < 10000))
            return fault(f, TF_WF_PREMIUM_RANGE, k, -1, NULL);
    if (value[TF_WIN_PREMIUM_LOW] > value[TF_WIN_PREMIUM_HIGH])
        return fault(f, TF_WF_PREMIUM_ORDER, -1, -1, NULL);
    /* the midpoint of the published range */
    value[TF_WIN_PREMIUM] = (value[TF_WIN_PREMIUM_LOW] + value[TF_WIN_PREMIUM_HIGH]) / 2;
    given[TF_WIN_PREMIUM] = 1;
    return TF_OK;
}

tf_status tf_window_one_day(const tf_refdata *ref, const char *date, const char *hs,
                            const char *origin_group, const double value_in[TF_WIN_N_INPUTS],
                            const int given_in[TF_WIN_N_INPUTS], tf_window_report *w,
                            tf_window_fault *f)
{
    double value[TF_WIN_N_INPUTS];
    int given[TF_WIN_N_INPUTS];
    memcpy(value, value_in, sizeof value);
    memcpy(given, given_in, sizeof given);
    memset(w, 0, sizeof *w);
    memset(f, 0, sizeof *f);
    if (check_day(value, given, f))
        return TF_ERR_USAGE;
    snprintf(w->date, sizeof w->date, "%s", date);
    snprintf(w->hs, sizeof w->hs, "%s", hs);
    snprintf(w->origin_group, sizeof w->origin_group, "%s", origin_group);
    double vat = NAN, duty = NAN, misc = NAN;
    const char *why = NULL;
    const int own[3] = {given[TF_WIN_VAT], given[TF_WIN_DUTY], given[TF_WIN_MISC]};
    if (params(ref, date, hs, origin_group, own, &vat, &duty, &misc, &why) != TF_OK)
        return fault(f, TF_WF_PARAMS, -1, -1, why); /* a rate neither in force nor given */
    vat = given[TF_WIN_VAT] ? value[TF_WIN_VAT] : vat;
    duty = given[TF_WIN_DUTY] ? value[TF_WIN_DUTY] : duty;
    misc = given[TF_WIN_MISC] ? value[TF_WIN_MISC] : misc;
    /* each window needs all of its inputs; a partial set is an error naming the gap */
    static const int need[2][3] = {{TF_WIN_LME_CASH, TF_WIN_FX, TF_WIN_SPOT},
                                   {TF_WIN_LME_3M, TF_WIN_FX_FWD, TF_WIN_SHFE}};
    for (int k = 0; k < 2; k++) {
        int n = given[need[k][0]] + given[need[k][1]] + given[need[k][2]];
        if (n == 0)
            continue;
        for (int j = 0; j < 3; j++)
            if (!given[need[k][j]])
                return fault(f, TF_WF_MISSING, need[k][j], k, NULL);
        if (!given[TF_WIN_PREMIUM])
            return fault(f, TF_WF_NO_PREMIUM, -1, k, NULL);
        tf_window_inputs in = {value[need[k][0]], value[TF_WIN_PREMIUM], value[need[k][1]],
                               value[need[k][2]], vat, duty, misc};
        if (compute(&in, k == 0 ? &w->spot : &w->forward, &why) != TF_OK)
            return fault(f, TF_WF_COMPUTE, -1, k, why);
        *(k == 0 ? &w->spot_in : &w->forward_in) = in;
        *(k == 0 ? &w->has_spot : &w->has_forward) = 1;
    }
    if (!w->has_spot && !w->has_forward)
        return fault(f, TF_WF_NOTHING, -1, -1, NULL);
    return TF_OK;
}
