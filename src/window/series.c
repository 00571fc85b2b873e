/* The daily import-window series and its monthly averages (tradeflow/window.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/store.h"
#include "tradeflow/calendar.h"
#include "tradeflow/window.h"
#include "../common/util.h"
#include "../store/store_int.h"
#include "window_int.h"

enum { F_LME, F_LME3, F_SHFE, F_SPOT, F_PLO, F_PHI, F_FX, F_FXF, F_PUB, F_COUNT };
static const char *const series_names[F_COUNT] = {
    "lme_cash", "lme_3m", "shfe", "spot", "premium_low", "premium_high", "usdcny", "usdcny_fwd",
    "spot"};

typedef struct day_values {
    char date[11];
    int has[F_COUNT];
    double v[F_COUNT];
} day_values;

typedef struct collect {
    day_values *days;
    size_t n, cap;
    int field;
} collect;

static day_values *day_of(collect *c, const char *date)
{
    /* days arrive in date order per field; a linear search from the end is enough */
    for (size_t i = c->n; i > 0; i--)
        if (!strcmp(c->days[i - 1].date, date))
            return &c->days[i - 1];
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        day_values *p = realloc(c->days, nc * sizeof *p);
        if (!p)
            return NULL;
        c->days = p;
        c->cap = nc;
    }
    day_values *d = &c->days[c->n++];
    memset(d, 0, sizeof *d);
    tf_scopy(d->date, sizeof d->date, date);
    return d;
}

static tf_status collect_fn(void *ctx, const char *date, double value)
{
    collect *c = ctx;
    day_values *d = day_of(c, date);
    if (!d)
        return TF_ERR_NOMEM;
    d->has[c->field] = 1;
    d->v[c->field] = value;
    return TF_OK;
}

static int cmp_day(const void *a, const void *b)
{
    return strcmp(((const day_values *)a)->date, ((const day_values *)b)->date);
}

/* The stored points of every series from day a to day b, and a row for every
 * weekday of the range (so gaps show), in date order in c. */
static tf_status collect_days(struct tf_db *db, const char *product, const char *from,
                              const char *to, const char *as_of, long a, long b, collect *c)
{
    tf_status st = TF_OK;
    for (int f = 0; f < F_COUNT && st == TF_OK; f++) {
        c->field = f;
        st = tf_db_window_points(db, product, f == F_PUB ? "published" : "price", series_names[f],
                                 from, to, as_of, collect_fn, c);
    }
    if (st != TF_OK)
        return st;
    for (long n = a; n <= b; n++) {
        if (tf_weekday(n) >= 5)
            continue;
        char d[11];
        tf_date_of_day(n, d);
        if (!day_of(c, d))
            return TF_ERR_NOMEM;
    }
    if (c->n)
        qsort(c->days, c->n, sizeof *c->days, cmp_day);
    return TF_OK;
}

/* The spot inputs a day has, shown even when its window cannot be computed;
 * *premium the midpoint of the premium range, *prem 1 when both ends are there. */
static void spot_inputs(const day_values *v, tf_window_day *w, double *premium, int *prem)
{
    *prem = v->has[F_PLO] && v->has[F_PHI];
    *premium = *prem ? (v->v[F_PLO] + v->v[F_PHI]) / 2 : 0;
    if (v->has[F_LME]) {
        w->spot_have |= TF_HAVE_LME;
        w->spot_in.lme = v->v[F_LME];
    }
    if (v->has[F_FX]) {
        w->spot_have |= TF_HAVE_FX;
        w->spot_in.usdcny = v->v[F_FX];
    }
    if (v->has[F_SPOT]) {
        w->spot_have |= TF_HAVE_DOM;
        w->spot_in.domestic = v->v[F_SPOT];
    }
    if (*prem) {
        w->spot_have |= TF_HAVE_PREMIUM;
        w->spot_in.premium = *premium;
    }
}

/* The spot (k = 0) and forward (k = 1) windows of a day with prices, from
 * parameters vat, duty (%) and misc (CNY/t); what is missing for the spot
 * window in w->spot_missing. */
static void day_windows(const day_values *v, tf_window_day *w, double vat, double duty,
                        double misc)
{
    double premium;
    int prem;
    spot_inputs(v, w, &premium, &prem);
    const int need[2][3] = {{F_LME, F_FX, F_SPOT}, {F_LME3, F_FXF, F_SHFE}};
    for (int k = 0; k < 2 && w->has_prices; k++) {
        const char *missing = NULL;
        for (int j = 0; j < 3 && !missing; j++)
            if (!v->has[need[k][j]])
                missing = series_names[need[k][j]];
        if (!missing && !prem)
            missing = v->has[F_PLO] ? "premium_high" : "premium_low";
        if (missing) {
            if (k == 0)
                tf_fmt(w->spot_missing, sizeof w->spot_missing, "no %s", missing);
            continue;
        }
        tf_window_inputs in = {v->v[need[k][0]], premium, v->v[need[k][1]],
                               v->v[need[k][2]], vat, duty, misc};
        tf_window *r = k == 0 ? &w->spot : &w->forward;
        tf_error why;
        if (tf_window_compute(&in, r, &why) != TF_OK) {
            if (k == 0)
                tf_fmt(w->spot_missing, sizeof w->spot_missing, "%s", why.msg);
            continue;
        }
        if (k == 0) {
            w->has_spot = 1;
            w->spot_in = in;
        } else {
            w->has_forward = 1;
            w->forward_in = in;
        }
    }
}

/* One day of the series. TF_ERR_NOT_FOUND when a day with prices has no
 * parameters in force. */
static tf_status window_day(const tf_refdata *ref, const char *hs, const char *origin_group,
                            const tf_window_overrides *ov, const day_values *v, tf_window_day *w,
                            tf_error *why)
{
    tf_scopy(w->date, sizeof w->date, v->date);
    for (int f = 0; f < F_PUB; f++)
        w->has_prices |= v->has[f];
    if (v->has[F_PUB]) {
        w->has_published = 1;
        w->published_pl = v->v[F_PUB];
    }
    double vat = 0, duty = 0, misc = 0;
    if (w->has_prices) {
        vat = duty = misc = NAN;
        /* a rate not in force that the caller gives is no gap, nor named as one */
        const int given[3] = {ov && !isnan(ov->vat_pct), ov && !isnan(ov->duty_pct),
                              ov && !isnan(ov->misc)};
        if (tf_window_params_given(ref, v->date, hs, origin_group, given, &vat, &duty, &misc,
                                   why) != TF_OK)
            return TF_ERR_NOT_FOUND;
        if (ov && !isnan(ov->vat_pct))
            vat = ov->vat_pct;
        if (ov && !isnan(ov->duty_pct))
            duty = ov->duty_pct;
        if (ov && !isnan(ov->misc))
            misc = ov->misc;
    }
    day_windows(v, w, vat, duty, misc);
    if (!w->has_prices)
        tf_scopy(w->spot_missing, sizeof w->spot_missing, "no prices");
    return TF_OK;
}

/* Add day w to the sums of its month (the last of s->months, or a new one). */
static void add_to_month(tf_window_series *s, const tf_window_day *w)
{
    tf_window_month_avg *m = s->n_months ? &s->months[s->n_months - 1] : NULL;
    if (!m || strncmp(m->month, w->date, 7)) {
        m = &s->months[s->n_months++];
        tf_copy(m->month, sizeof m->month, w->date, 7);
    }
    if (w->has_spot) {
        m->computed_pl += w->spot.pl;
        m->computed_days++;
        m->computed_open += w->spot.pl > 0;
    }
    if (w->has_published) {
        m->published_pl += w->published_pl;
        m->published_days++;
        m->published_open += w->published_pl > 0;
    }
}

tf_status tf_window_series_compute(struct tf_db *db, const tf_refdata *ref, const char *product,
                                   const char *from, const char *to, const char *hs,
                                   const char *origin_group, const tf_window_overrides *ov,
                                   const char *as_of, tf_window_series **out)
{
    *out = NULL;
    long a = tf_day_number(from), b = tf_day_number(to);
    if (a < 0 || b < 0 || b < a || b - a > 3660)
        return tf_db_fail(db, TF_ERR_USAGE, "--from %s --to %s is not a range of valid dates "
                          "(YYYY-MM-DD, at most 10 years)", from, to);
    collect c = {0};
    tf_status st = collect_days(db, product, from, to, as_of, a, b, &c);
    if (st != TF_OK) {
        free(c.days);
        return st;
    }
    tf_window_series *s = calloc(1, sizeof *s);
    if (!s) {
        free(c.days);
        return TF_ERR_NOMEM;
    }
    tf_scopy(s->product, sizeof s->product, product);
    const tf_product *pr = ref ? tf_refdata_product_by_name(ref, product) : NULL;
    tf_scopy(s->product_name, sizeof s->product_name,
             pr && pr->name_en && pr->name_en[0] ? pr->name_en : product);
    tf_scopy(s->from, sizeof s->from, from);
    tf_scopy(s->to, sizeof s->to, to);
    tf_scopy(s->hs, sizeof s->hs, hs);
    tf_scopy(s->origin_group, sizeof s->origin_group, origin_group);
    s->days = calloc(c.n ? c.n : 1, sizeof *s->days);
    s->months = calloc(c.n ? c.n : 1, sizeof *s->months);
    if (!s->days || !s->months) {
        free(c.days);
        tf_window_series_free(&s);
        return TF_ERR_NOMEM;
    }
    for (size_t i = 0; i < c.n && st == TF_OK; i++) {
        tf_window_day *w = &s->days[s->n_days++];
        tf_error why = {0};
        if ((st = window_day(ref, hs, origin_group, ov, &c.days[i], w, &why)) == TF_OK)
            add_to_month(s, w);
        else if (st == TF_ERR_NOT_FOUND)
            tf_db_fail(db, st, "no parameters for HS %s, %s on %s: %s", hs,
                       origin_group && origin_group[0] ? origin_group : "MFN", c.days[i].date,
                       why.msg);
    }
    free(c.days);
    if (st != TF_OK) {
        tf_window_series_free(&s);
        return st;
    }
    for (size_t i = 0; i < s->n_months; i++) {
        if (s->months[i].computed_days)
            s->months[i].computed_pl /= s->months[i].computed_days;
        if (s->months[i].published_days)
            s->months[i].published_pl /= s->months[i].published_days;
    }
    *out = s;
    return TF_OK;
}

void tf_window_series_free(tf_window_series **s)
{
    if (!s || !*s)
        return;
    free((*s)->days);
    free((*s)->months);
    free(*s);
    *s = NULL;
}
