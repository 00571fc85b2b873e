/* The import window: formula and parameters (tradeflow/window.h). */
#include <math.h>
#include <string.h>

#include "tradeflow/window.h"

tf_status tf_window_compute(const tf_window_inputs *in, tf_window *out, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
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

tf_status tf_window_params(const tf_refdata *ref, const char *date, const char *hs,
                           const char *origin_group, double *vat_pct, double *duty_pct,
                           double *misc, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    if (!origin_group || !origin_group[0])
        origin_group = "MFN";
    const tf_window_param *vat = NULL, *duty = NULL, *ms = NULL;
    size_t n = tf_refdata_window_param_count(ref);
    /* The user's own rows first: where any of them applies it wins over the
     * shipped table; then the shipped rows. */
    for (int user = 1; user >= 0; user--) {
        const tf_window_param *v = NULL, *d = NULL, *m = NULL;
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
            } else if (!strcmp(w->parameter, "duty")) {
                size_t l = strlen(w->hs);
                if (strncmp(hs, w->hs, l) != 0 || strcmp(w->origin_group, origin_group) != 0)
                    continue;
                /* the longest matching code wins; then the latest date */
                size_t bl = d ? strlen(d->hs) : 0;
                if (!d || l > bl || (l == bl && strcmp(w->from, d->from) >= 0))
                    d = w;
            }
        }
        if (!vat)
            vat = v;
        if (!duty)
            duty = d;
        if (!ms)
            ms = m;
    }
    if (!vat) {
        *why = "no VAT rate for that date";
        return TF_ERR_NOT_FOUND;
    }
    if (!duty) {
        *why = "no duty rate for that HS code and origin group (see data/window-params.csv)";
        return TF_ERR_NOT_FOUND;
    }
    if (!ms) {
        *why = "no misc cost for that date";
        return TF_ERR_NOT_FOUND;
    }
    *vat_pct = vat->value;
    *duty_pct = duty->value;
    *misc = ms->value;
    return TF_OK;
}
