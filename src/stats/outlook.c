/* The outlook: seasonal naive and the import-window model, rolling-origin
 * backtest, method choice and interval (tradeflow/outlook.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/outlook.h"
#include "../common/util.h"
#include "../store/store_int.h" /* tf_db_fail */
#include "../common/gsl_lib.h" /* GSL, loaded at run time */

const char *tf_outlook_method_name(tf_outlook_method m)
{
    return m == TF_OUTLOOK_SEASONAL_NAIVE ? "seasonal-naive"
           : m == TF_OUTLOOK_WINDOW_MODEL ? "window-model"
           : m == TF_OUTLOOK_PERSISTENCE  ? "persistence"
                                          : "";
}

static const char *method_label(int k)
{
    return k == TF_OUTLOOK_WINDOW_MODEL  ? "the window model"
           : k == TF_OUTLOOK_PERSISTENCE ? "persistence"
                                         : "seasonal naive";
}

typedef struct ctx {
    const tf_outlook_month *m;
    size_t n;     /* months up to and including the period */
    int net;      /* 0 imports, 1 net imports */
} ctx;

static tf_opt yv(const ctx *c, long i)
{
    tf_opt none = {0, 0};
    if (i < 0 || (size_t)i >= c->n)
        return none;
    return c->net ? c->m[i].net_imports : c->m[i].imports;
}

/* The model's regressors at origin o: 1, y(o), mean P/L over o-1..o, open days. */
static int regressors(const ctx *c, long o, double x[TF_OUTLOOK_N_COEF])
{
    tf_opt y = yv(c, o);
    if (!y.has || o < 1 || (size_t)o >= c->n)
        return 0;
    const tf_outlook_month *a = &c->m[o - 1], *b = &c->m[o];
    if (a->pl_days <= 0 || b->pl_days <= 0)
        return 0;
    x[0] = 1;
    x[1] = y.v;
    x[2] = (a->pl_sum + b->pl_sum) / (a->pl_days + b->pl_days);
    x[3] = a->pl_open + b->pl_open;
    return 1;
}

/* Least squares on the rows whose target is <= last_target. 1 when fitted. */
static int fit(const ctx *c, long last_target, double coef[TF_OUTLOOK_N_COEF], int *n_fit)
{
    double (*x)[TF_OUTLOOK_N_COEF] = malloc((c->n + 1) * sizeof *x);
    double *y = malloc((c->n + 1) * sizeof *y);
    size_t n = 0;
    for (long t = 1; x && y && t <= last_target && (size_t)t < c->n; t++) {
        tf_opt yt = yv(c, t);
        if (yt.has && regressors(c, t - 1, x[n]))
            y[n++] = yt.v;
    }
    *n_fit = (int)n;
    int ok = 0;
    if (x && y && n >= TF_OUTLOOK_MIN_ROWS) {
        gsl_matrix *X = gsl_matrix_alloc(n, TF_OUTLOOK_N_COEF);
        gsl_vector *Y = gsl_vector_alloc(n), *C = gsl_vector_alloc(TF_OUTLOOK_N_COEF);
        gsl_matrix *cov = gsl_matrix_alloc(TF_OUTLOOK_N_COEF, TF_OUTLOOK_N_COEF);
        gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, TF_OUTLOOK_N_COEF);
        if (X && Y && C && cov && w) {
            for (size_t i = 0; i < n; i++) {
                for (int j = 0; j < TF_OUTLOOK_N_COEF; j++)
                    gsl_matrix_set(X, i, j, x[i][j]);
                gsl_vector_set(Y, i, y[i]);
            }
            double chisq;
            size_t rank;
            gsl_error_handler_t *old = gsl_set_error_handler_off();
            ok = gsl_multifit_linear_tsvd(X, Y, 1e-10, C, cov, &chisq, &rank, w) == GSL_SUCCESS;
            gsl_set_error_handler(old);
            for (int j = 0; ok && j < TF_OUTLOOK_N_COEF; j++)
                coef[j] = gsl_vector_get(C, j);
        }
        gsl_multifit_linear_free(w);
        gsl_matrix_free(cov);
        gsl_vector_free(C);
        gsl_vector_free(Y);
        gsl_matrix_free(X);
    }
    free(x);
    free(y);
    return ok;
}

/* Each method's forecast of month t from data up to t-1. */
static void forecast(const ctx *c, long t, tf_opt f[TF_OUTLOOK_N_METHODS], double *coef,
                     int *has_coef, int *n_fit)
{
    f[TF_OUTLOOK_SEASONAL_NAIVE] = yv(c, t - 12);
    f[TF_OUTLOOK_PERSISTENCE] = yv(c, t - 1);
    f[TF_OUTLOOK_WINDOW_MODEL].has = 0;
    double b[TF_OUTLOOK_N_COEF], x[TF_OUTLOOK_N_COEF];
    int nf = 0;
    if (regressors(c, t - 1, x) && fit(c, t - 1, b, &nf)) {
        double v = 0;
        for (int j = 0; j < TF_OUTLOOK_N_COEF; j++)
            v += b[j] * x[j];
        f[TF_OUTLOOK_WINDOW_MODEL].has = 1;
        f[TF_OUTLOOK_WINDOW_MODEL].v = v;
        if (coef) {
            memcpy(coef, b, sizeof b);
            *has_coef = 1;
        }
    }
    if (n_fit)
        *n_fit = nf;
}

static int sign(double v) { return (v > 0) - (v < 0); }

/* Method k's record over the rows with its forecast and those of the methods
 * in mask (bit j: method j). */
static void score(const tf_outlook_series *s, int k, unsigned mask, tf_outlook_score *sc)
{
    memset(sc, 0, sizeof *sc);
    double abs_sum = 0, pct_sum = 0;
    int n_pct = 0, hits = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        const tf_outlook_row *r = &s->rows[i];
        int all = 1;
        for (int j = 0; j < TF_OUTLOOK_N_METHODS; j++)
            all &= !(mask >> j & 1) || r->forecast[j].has;
        if (!r->actual.has || !r->forecast[k].has || !all)
            continue;
        double e = r->actual.v - r->forecast[k].v;
        if (!sc->n++)
            tf_scopy(sc->from, sizeof sc->from, r->target);
        tf_scopy(sc->to, sizeof sc->to, r->target);
        abs_sum += fabs(e);
        if (r->actual.v != 0) {
            pct_sum += fabs(e) / fabs(r->actual.v);
            n_pct++;
        }
        if (r->previous.has) {
            int want = sign(r->actual.v - r->previous.v), got = sign(r->forecast[k].v - r->previous.v);
            if (want && got) {
                sc->n_direction++;
                hits += want == got;
            }
        }
    }
    if (sc->n)
        sc->mae = (tf_opt){1, abs_sum / sc->n};
    if (n_pct)
        sc->mape_pct = (tf_opt){1, 100 * pct_sum / n_pct};
    if (sc->n_direction)
        sc->hit_pct = (tf_opt){1, 100.0 * hits / sc->n_direction};
}

/* The reference: last month's figure, on the model's backtest months. */
static void persistence(tf_outlook_series *s)
{
    tf_outlook_score *p = &s->persistence;
    double abs_sum = 0, pct_sum = 0;
    int n_pct = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        const tf_outlook_row *r = &s->rows[i];
        if (!r->forecast[TF_OUTLOOK_WINDOW_MODEL].has || !r->previous.has)
            continue;
        if (!p->n++)
            tf_scopy(p->from, sizeof p->from, r->target);
        tf_scopy(p->to, sizeof p->to, r->target);
        abs_sum += fabs(r->actual.v - r->previous.v);
        if (r->actual.v != 0) {
            pct_sum += fabs(r->actual.v - r->previous.v) / fabs(r->actual.v);
            n_pct++;
        }
    }
    if (p->n)
        p->mae = (tf_opt){1, abs_sum / p->n};
    if (n_pct)
        p->mape_pct = (tf_opt){1, 100 * pct_sum / n_pct};
}

static tf_status backtest(const ctx *c, tf_outlook_series *s)
{
    s->rows = calloc(c->n ? c->n : 1, sizeof *s->rows);
    if (!s->rows)
        return TF_ERR_NOMEM;
    for (long t = 1; (size_t)t < c->n; t++) {
        tf_outlook_row r = {0};
        r.actual = yv(c, t);
        if (!r.actual.has)
            continue;
        r.previous = yv(c, t - 1);
        forecast(c, t, r.forecast, NULL, NULL, NULL);
        if (!r.forecast[0].has && !r.forecast[1].has && !r.forecast[2].has)
            continue;
        tf_scopy(r.target, sizeof r.target, c->m[t].period);
        s->rows[s->n_rows++] = r;
    }
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        score(s, k, 0, &s->own[k]);
    /* persistence can always run: it is a candidate only with a record */
    if (s->own[TF_OUTLOOK_PERSISTENCE].n < TF_OUTLOOK_MIN_COMPARE)
        s->forecast[TF_OUTLOOK_PERSISTENCE].has = 0;
    /* the candidates: the methods that can forecast the target (s->forecast) */
    unsigned cand = 0;
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        cand |= (unsigned)(s->forecast[k].has != 0) << k;
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        if (cand >> k & 1)
            score(s, k, cand, &s->common[k]);
    persistence(s);
    return TF_OK;
}

/* The 80 % interval from the chosen method's signed backtest errors. */
static tf_status interval(tf_outlook_series *s)
{
    int k = s->method;
    double *e = malloc((s->n_rows + 1) * sizeof *e);
    if (!e)
        return TF_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < s->n_rows; i++)
        if (s->rows[i].actual.has && s->rows[i].forecast[k].has)
            e[n++] = s->rows[i].actual.v - s->rows[i].forecast[k].v;
    if (n >= TF_OUTLOOK_MIN_ERRORS) {
        gsl_sort(e, 1, n);
        s->low = (tf_opt){1, s->point.v + gsl_stats_quantile_from_sorted_data(e, 1, n, 0.1)};
        s->high = (tf_opt){1, s->point.v + gsl_stats_quantile_from_sorted_data(e, 1, n, 0.9)};
    }
    free(e);
    return TF_OK;
}

/* The candidate with the lowest MAE on the compared months (ties: the first). */
static int best(const tf_outlook_series *s)
{
    int b = -1;
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        if (s->forecast[k].has && s->common[k].mae.has &&
            (b < 0 || s->common[k].mae.v < s->common[b].mae.v))
            b = k;
    return b;
}

/* The method by the backtest errors (outlook.h), and the words saying why. */
static void choose(const ctx *c, tf_outlook_series *s, const char *target)
{
    const int N = TF_OUTLOOK_SEASONAL_NAIVE, M = TF_OUTLOOK_WINDOW_MODEL,
              P = TF_OUTLOOK_PERSISTENCE;
    int n_cand = 0, n_cmp = 0;
    for (int k = 0; k < TF_OUTLOOK_N_METHODS; k++)
        if (s->forecast[k].has) {
            n_cand++;
            n_cmp = s->common[k].n; /* the same months for every candidate */
        }
    s->beats_naive = s->forecast[N].has && s->forecast[M].has &&
                     n_cmp >= TF_OUTLOOK_MIN_COMPARE && s->common[M].mae.v < s->common[N].mae.v;
    char year_ago[8];
    tf_period_from_index(tf_period_index(target) - 12, year_ago);
    if (n_cand == 0) {
        s->method = TF_OUTLOOK_NONE;
        tf_fmt(s->why, sizeof s->why, "no forecast of %s: no figure for %s (seasonal naive) and "
               "fewer than %d months with the figure, the month before and two months of "
               "published P/L before it (window model); fewer than %d backtest months "
               "(persistence)", target, year_ago, TF_OUTLOOK_MIN_ROWS, TF_OUTLOOK_MIN_COMPARE);
        return;
    }
    int k = n_cand == 1 ? (s->forecast[N].has ? N : s->forecast[P].has ? P : M)
            : n_cmp >= TF_OUTLOOK_MIN_COMPARE ? best(s)
            : s->forecast[N].has ? N : s->forecast[P].has ? P : M;
    s->method = (tf_outlook_method)k;
    if (n_cand == 1) {
        s->choice = TF_OUTLOOK_CHOSEN_ONLY;
        tf_fmt(s->why, sizeof s->why, "%s is the only method that can forecast %s",
               method_label(k), target);
    } else if (n_cmp >= TF_OUTLOOK_MIN_COMPARE) {
        s->choice = TF_OUTLOOK_CHOSEN_BEST;
        tf_fmt(s->why, sizeof s->why, "%s has the lowest backtest MAE on the %d backtest months "
               "forecast by every method that can forecast %s (", method_label(k), n_cmp, target);
        for (int j = 0, first = 1; j < TF_OUTLOOK_N_METHODS; j++) {
            if (!s->forecast[j].has)
                continue;
            size_t u = strlen(s->why);
            char mae[48];
            tf_format_number(mae, sizeof mae, s->common[j].mae.v, 0);
            tf_fmt(s->why + u, sizeof s->why - u, "%s%s %s t", first ? "" : ", ",
                   method_label(j), mae);
            first = 0;
        }
        size_t u = strlen(s->why);
        tf_fmt(s->why + u, sizeof s->why - u, ")");
    } else {
        s->choice = TF_OUTLOOK_CHOSEN_BASELINE;
        tf_fmt(s->why, sizeof s->why, "too few backtest months forecast by every method that "
               "can forecast %s to compare them (%d; %d needed): the baseline, %s", target, n_cmp,
               TF_OUTLOOK_MIN_COMPARE, method_label(k));
    }
    (void)c;
}

static tf_status series(const ctx *c, const char *target, tf_outlook_series *s)
{
    long t = (long)c->n; /* the month after the period */
    s->current = yv(c, t - 1);
    forecast(c, t, s->forecast, s->coef, &s->has_coef, &s->n_fit);
    tf_status st = backtest(c, s);
    if (st != TF_OK)
        return st;
    choose(c, s, target);
    if (s->method == TF_OUTLOOK_NONE)
        return TF_OK;
    s->point = s->forecast[s->method];
    s->mae = s->own[s->method].mae;
    if (s->current.has)
        tf_scopy(s->direction, sizeof s->direction,
                 s->point.v > s->current.v ? "up" : s->point.v < s->current.v ? "down" : "flat");
    return interval(s);
}

tf_status tf_outlook_from_months(const tf_outlook_month *months, size_t n, const char *period,
                                 const char *product, tf_outlook **out)
{
    *out = NULL;
    int p = period ? tf_period_index(period) : -1;
    if (p < 0 || !n)
        return TF_ERR_USAGE;
    if (tf_gsl_load(NULL) != TF_OK)
        return TF_ERR_IO;
    size_t last = n;
    for (size_t i = 0; i < n; i++) {
        if (tf_period_index(months[i].period) != tf_period_index(months[0].period) + (int)i)
            return TF_ERR_USAGE;
        if (tf_period_index(months[i].period) == p)
            last = i;
    }
    if (last == n)
        return TF_ERR_USAGE;
    tf_outlook *o = calloc(1, sizeof *o);
    if (!o)
        return TF_ERR_NOMEM;
    tf_scopy(o->product, sizeof o->product, product ? product : "");
    tf_scopy(o->product_name, sizeof o->product_name, o->product);
    tf_period_from_index(p, o->period);
    tf_period_from_index(p + 1, o->target);
    for (size_t i = 0; i <= last; i++)
        o->pl_months += months[i].pl_days > 0;
    ctx c = {months, last + 1, 0};
    tf_status st = series(&c, o->target, &o->imports);
    c.net = 1;
    if (st == TF_OK)
        st = series(&c, o->target, &o->net_imports);
    if (st != TF_OK) {
        tf_outlook_free(&o);
        return st;
    }
    *out = o;
    return TF_OK;
}

void tf_outlook_free(tf_outlook **o)
{
    if (!o || !*o)
        return;
    free((*o)->imports.rows);
    free((*o)->net_imports.rows);
    free(*o);
    *o = NULL;
}

/* ---- from the store ---- */

typedef struct pl_ctx {
    tf_outlook_month *m;
    size_t n;
    int first;   /* month index of m[0] */
} pl_ctx;

static tf_status pl_day(void *vp, const char *date, double value)
{
    pl_ctx *c = vp;
    char per[8];
    tf_copy(per, sizeof per, date, 7);
    long i = (long)tf_period_index(per) - c->first;
    if (i >= 0 && (size_t)i < c->n) {
        c->m[i].pl_days++;
        c->m[i].pl_sum += value;
        c->m[i].pl_open += value > 0;
    }
    return TF_OK;
}

tf_status tf_outlook_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                             tf_outlook **out)
{
    *out = NULL;
    int p = q->period ? tf_period_index(q->period) : -1;
    if (p < 0 || (size_t)p < 240)
        return TF_ERR_USAGE;
    tf_error e = {0};
    if (tf_gsl_load(&e) != TF_OK)
        return tf_db_fail(db, TF_ERR_IO, "%s", e.msg);
    char from[8], to[8];
    tf_period_from_index(p - 239, from);
    tf_period_from_index(p, to);
    tf_query qq = *q;
    qq.measure = TF_MEASURE_QUANTITY;
    tf_monthly_series *s = NULL;
    tf_status st = tf_monthly_series_compute(db, ref, &qq, from, to, &s);
    if (st != TF_OK)
        return st;
    tf_outlook_month *m = calloc(s->n_months, sizeof *m);
    if (!m) {
        tf_monthly_series_free(&s);
        return TF_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->n_months; i++) {
        tf_scopy(m[i].period, sizeof m[i].period, s->periods[i]);
        m[i].imports = s->total[0][i];
        m[i].net_imports = s->net_import[i];
    }
    pl_ctx pc = {m, s->n_months, p - 239};
    char d0[11], d1[11];
    tf_fmt(d0, sizeof d0, "%s-01", from);
    tf_fmt(d1, sizeof d1, "%s-31", to);
    st = tf_db_window_points(db, q->product ? q->product : "", "published", "spot", d0, d1,
                             q->as_of, pl_day, &pc);
    if (st == TF_OK)
        st = tf_outlook_from_months(m, s->n_months, to, q->product, out);
    const tf_product *pr = st == TF_OK && ref && q->product ? tf_refdata_product(ref, q->product)
                                                            : NULL;
    if (pr)
        tf_scopy((*out)->product_name, sizeof (*out)->product_name,
                 tf_product_display_name(pr, "en"));
    free(m);
    tf_monthly_series_free(&s);
    return st;
}
