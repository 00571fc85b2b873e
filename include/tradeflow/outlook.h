/*
 * tradeflow/outlook.h — next month's imports and net imports: a forecast by a
 * stated method, with its rolling-origin backtest.
 *
 * Source of the method: Chen, Wu and Yan (2013), "Can the LME-SHFE spread
 * predict China's net imports of copper and aluminium?", The World Economy,
 * doi 10.1111/twec.12073: the import arbitrage (the LME-SHFE spread, here the
 * published spot import P/L) predicts net imports one to two months ahead.
 * Backtest practice: DOMAIN.md §9 (rolling origin, MAE, MAPE, direction hit
 * rate, each against the seasonal-naive baseline).
 *
 * For a forecast of month t (made at origin o = t-1, when o's customs figures
 * are out), with y the series (imports, or net imports = imports - exports), t:
 *   seasonal naive:  y^(t) = y(t-12)
 *   window model:    y^(t) = b0 + b1 y(o) + b2 PL(o-1..o) + b3 OPEN(o-1..o)
 *     PL   = mean published spot import P/L, CNY/t, over the days with a
 *            figure in months o-1 and o (both months must have figures)
 *     OPEN = number of those days with P/L > 0 (window open)
 *   b fitted by ordinary least squares (GSL, gsl_multifit_linear_tsvd: a
 *   truncated SVD, so a regressor without variation in the history, such as
 *   OPEN while the window stayed shut, drops out instead of failing) on the
 *   rows whose target month is <= o only, at least TF_OUTLOOK_MIN_ROWS rows.
 * Rolling origin: every month o with data is an origin; each method forecasts
 * o+1 from data up to o only, and the error is actual - forecast (t).
 * Missing months stay missing: a row or forecast that needs a missing month
 * is skipped, never filled.
 * Scores (per method, over its backtest months and over the months both
 * methods forecast):
 *   MAE  = mean |actual - forecast|, t
 *   MAPE = 100 * mean |actual - forecast| / |actual|, %, months with actual != 0
 *   direction hit rate = 100 * share of months where sign(forecast - y(t-1))
 *          equals sign(actual - y(t-1)), %, months with y(t-1) and both signs != 0
 *   persistence:     y^(t) = y(t-1), the latest month's figure
 * (persistence is also scored over the window model's backtest months alone,
 * as a reference: tf_outlook_series.persistence).
 * The method, by the backtest errors: the candidates are the methods that
 * can forecast the month (persistence, which always can, only with at least
 * TF_OUTLOOK_MIN_COMPARE backtest months of its own); the compared months are the backtest months every
 * candidate forecast. With at least TF_OUTLOOK_MIN_COMPARE compared months,
 * the candidate with the lowest MAE on them (ties: the first of seasonal
 * naive, window model, persistence); with fewer, the baseline: seasonal naive,
 * else persistence, else the window model; a single candidate is used as
 * such. The choice and its reason are said (choice, why).
 * Interval: point + the 10th and 90th percentiles of the chosen method's
 * signed backtest errors (an empirical 80 % interval; GSL quantiles, linear
 * interpolation), when it has at least TF_OUTLOOK_MIN_ERRORS errors. The
 * "±E" of the note is the chosen method's MAE over its backtest months.
 */
#ifndef TRADEFLOW_OUTLOOK_H
#define TRADEFLOW_OUTLOOK_H

#include <stdio.h>

#include "tradeflow/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TF_OUTLOOK_MIN_ROWS 8     /* least-squares rows before the model forecasts */
#define TF_OUTLOOK_MIN_COMPARE 6  /* common backtest months before the model may win */
#define TF_OUTLOOK_MIN_ERRORS 5   /* backtest errors before an interval is given */
#define TF_OUTLOOK_N_COEF 4

typedef enum tf_outlook_method {
    TF_OUTLOOK_NONE = -1,
    TF_OUTLOOK_SEASONAL_NAIVE = 0,
    TF_OUTLOOK_WINDOW_MODEL = 1,
    TF_OUTLOOK_PERSISTENCE = 2
} tf_outlook_method;
#define TF_OUTLOOK_N_METHODS 3

/* How the method was chosen (tf_outlook_series.choice). */
typedef enum tf_outlook_choice {
    TF_OUTLOOK_CHOSEN_NONE = 0,
    TF_OUTLOOK_CHOSEN_BEST = 1,     /* the lowest MAE on the compared months */
    TF_OUTLOOK_CHOSEN_ONLY = 2,     /* the only method that can forecast the month */
    TF_OUTLOOK_CHOSEN_BASELINE = 3  /* too few compared months: the baseline (seasonal
                                       naive, else persistence, else the model) */
} tf_outlook_choice;

/* "seasonal-naive", "window-model", "persistence"; "" for NONE. */
TF_API const char *tf_outlook_method_name(tf_outlook_method m);

/* One month of input. Months are consecutive; gaps are has == 0. */
typedef struct tf_outlook_month {
    char period[8];         /* "YYYY-MM" */
    tf_opt imports;         /* t */
    tf_opt net_imports;     /* t, imports - exports */
    int pl_days;            /* days with a published spot import P/L */
    double pl_sum;          /* CNY/t, sum of the P/L over those days */
    int pl_open;            /* days with P/L > 0 */
} tf_outlook_month;

/* One backtest month of one series. */
typedef struct tf_outlook_row {
    char target[8];                      /* the month forecast */
    tf_opt actual, previous;             /* t: y(t), y(t-1) */
    tf_opt forecast[TF_OUTLOOK_N_METHODS];
} tf_outlook_row;

/* A method's record over a set of backtest months. */
typedef struct tf_outlook_score {
    int n;                  /* months with a forecast and an actual */
    char from[8], to[8];    /* first and last of them */
    tf_opt mae;             /* t */
    tf_opt mape_pct;        /* % */
    tf_opt hit_pct;         /* %, direction hit rate */
    int n_direction;        /* months the hit rate is over */
} tf_outlook_score;

/* The forecast of one series (imports or net imports). */
typedef struct tf_outlook_series {
    tf_opt current;                            /* t, the period's figure */
    tf_opt forecast[TF_OUTLOOK_N_METHODS];     /* each method's forecast of the target */
    tf_outlook_method method;                  /* the one chosen; NONE: no forecast */
    tf_outlook_choice choice;                  /* how it was chosen */
    tf_opt point, low, high;                   /* t; low..high the 80 % interval */
    tf_opt mae;                                /* t, the chosen method's backtest MAE */
    int beats_naive;                           /* 1: the window model's MAE is below
                                                  the naive's on the compared months
                                                  (both candidates, enough months) */
    char direction[8];                         /* "up", "down", "flat" vs current; "" */
    double coef[TF_OUTLOOK_N_COEF];            /* b0..b3 fitted at the period */
    int has_coef, n_fit;                       /* n_fit: rows they are fitted on */
    tf_outlook_score own[TF_OUTLOOK_N_METHODS];    /* each over its backtest months */
    tf_outlook_score common[TF_OUTLOOK_N_METHODS]; /* over the compared months: those
                                                  every candidate forecast (n 0 for a
                                                  method that cannot forecast the month) */
    tf_outlook_score persistence;              /* a reference, not a method chosen: the
                                                  previous month's figure as the forecast,
                                                  over the window model's backtest months
                                                  (MAE, MAPE; no direction) */
    tf_outlook_row *rows;                      /* backtest months, in order */
    size_t n_rows;
    char why[320];                             /* the choice, or why no forecast */
} tf_outlook_series;

typedef struct tf_outlook {
    char product[64];
    char product_name[96];   /* the name a reader sees (name_en of the product; the
                                label itself when unknown): the text output's title */
    char period[8];          /* the origin: the latest month used */
    char target[8];          /* period + 1, the month forecast */
    tf_outlook_series imports, net_imports;
    int pl_months;           /* months of the range with published P/L figures */
} tf_outlook;

/*
 * The outlook from months[0..n) (consecutive, the last one at most period;
 * later months are ignored, so nothing after the origin is used). Errors:
 * TF_ERR_USAGE (bad period, months not consecutive), TF_ERR_NOMEM, TF_ERR_IO
 * (GSL, loaded at the first call, absent: libgsl.so.27). Too little
 * history is not an error: series.method is TF_OUTLOOK_NONE and why says what
 * is missing. Free with tf_outlook_free.
 */
TF_API tf_status tf_outlook_from_months(const tf_outlook_month *months, size_t n,
                                        const char *period, const char *product,
                                        tf_outlook **out);

/*
 * The outlook of q's product for the month after q->period, from the store:
 * monthly imports and net imports as tf_monthly_series_compute gives them
 * (t), over the 20 years to q->period, and the published spot import P/L
 * series stored for q->product (docs/plseries.md). Errors: as
 * tf_monthly_series_compute and tf_db_window_points; TF_ERR_IO when GSL
 * (libgsl.so.27, loaded at the first call) is absent, tf_db_error saying so.
 */
TF_API tf_status tf_outlook_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                    tf_outlook **out);
TF_API void tf_outlook_free(tf_outlook **o);

/*
 * The outlook paragraph of a note, in English (zh == 0) or Chinese (zh == 1),
 * without its label ("Outlook:", 展望), written by the note's writer itself
 * (src/note), so that the outlook command and the note word the forecast
 * alike: for the imports (and net imports where forecast) the point as the
 * note rounds tonnes (DOMAIN.md §6), give or take the method's backtest MAE
 * over its months, and the method (tf_outlook_method_words). Writes "" when
 * there is no forecast. Returns TF_OK, TF_ERR_NOMEM, or TF_ERR_USAGE when buf
 * is too small (len < 64); a paragraph longer than len is cut at len - 1 bytes.
 */
TF_API tf_status tf_outlook_paragraph(const tf_outlook *o, int zh, char *buf, size_t len);

/* The words naming s's method and how it stands against the seasonal-naive
 * baseline (beaten, not shown to beat, or not beaten), English (zh == 0) or
 * Chinese, as tf_outlook_paragraph uses them; "" when s has no forecast. Static
 * text, never NULL. */
TF_API const char *tf_outlook_method_words(const tf_outlook_series *s, int zh);

/* Write the outlook as text or json (json != 0), each with the note's paragraph
 * (tf_outlook_paragraph); with backtest != 0 the backtest months are listed too.
 * Returns TF_OK or TF_ERR_IO. */
TF_API tf_status tf_outlook_write(FILE *out, const tf_outlook *o, int json, int backtest);

#ifdef __cplusplus
}
#endif
#endif
