/*
 * tradeflow/window.h — the import window: import profit/loss of a metal.
 *
 * Formula (DOMAIN.md §5; a trader's published daily table of 2017-08-07 is
 * the worked example reproduced in tests/unit/test_window.c):
 *   import cost (CNY/t) = (LME + premium) x USD/CNY x (1 + duty) x (1 + VAT) + misc
 *   import P/L  (CNY/t) = domestic price - import cost   (negative: window closed)
 *   P/L (USD/t)         = P/L / USD/CNY
 *   break-even ratio    = import cost / LME;  actual ratio = domestic / LME
 * Spot window: LME cash, spot FX, Shanghai spot (SMM A00). Forward window:
 * LME 3-month, forward FX, SHFE. Premium: the CIF Shanghai premium, the
 * midpoint of the published range unless one value is given. The import
 * cost is rounded to the yuan, as published tables print it; P/L follows
 * from the rounded cost.
 */
#ifndef TRADEFLOW_WINDOW_H
#define TRADEFLOW_WINDOW_H

#include "tradeflow/refdata.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs of one window. Prices in USD/t (LME, premium) and CNY/t (domestic). */
typedef struct tf_window_inputs {
    double lme;        /* USD/t: LME cash (spot) or 3-month (forward) */
    double premium;    /* USD/t */
    double usdcny;     /* CNY per USD: spot or forward rate */
    double domestic;   /* CNY/t: Shanghai spot (spot) or SHFE (forward) */
    double vat_pct;    /* % */
    double duty_pct;   /* % */
    double misc;       /* CNY/t */
} tf_window_inputs;

typedef struct tf_window {
    double import_cost;     /* CNY/t, rounded to the yuan */
    double pl;              /* CNY/t */
    double pl_usd;          /* USD/t */
    double breakeven_ratio; /* import cost / LME */
    double actual_ratio;    /* domestic / LME */
} tf_window;

/* One day's windows, as the `window` command reports them. */
typedef struct tf_window_report {
    char date[11];          /* "YYYY-MM-DD" */
    char hs[16];            /* HS code the duty is for */
    char origin_group[16];  /* "MFN", "ASEAN", ... */
    int has_spot, has_forward;
    tf_window_inputs spot_in, forward_in;
    tf_window spot, forward;
} tf_window_report;

/* The inputs of one day's windows as a user gives them (tf_window_one_day). */
typedef enum tf_window_input {
    TF_WIN_LME_CASH, TF_WIN_LME_3M,    /* USD/t */
    TF_WIN_FX, TF_WIN_FX_FWD,          /* CNY per USD: spot, forward */
    TF_WIN_SPOT, TF_WIN_SHFE,          /* CNY/t: Shanghai spot, SHFE */
    TF_WIN_PREMIUM,                    /* USD/t */
    TF_WIN_PREMIUM_LOW, TF_WIN_PREMIUM_HIGH, /* USD/t: a published range (its midpoint) */
    TF_WIN_VAT, TF_WIN_DUTY,           /* %: override data/window-params.csv */
    TF_WIN_MISC,                       /* CNY/t: idem */
    TF_WIN_N_INPUTS
} tf_window_input;

/* Why tf_window_one_day refused (the input or window at fault, -1 if none). */
typedef enum tf_window_fault_kind {
    TF_WF_RANGE = 1,      /* input out of range: VAT, duty 0..100 %, misc 0..100,000 CNY/t */
    TF_WF_PREMIUM_RANGE,  /* input (premium low or high) not in 0..10,000 USD/t */
    TF_WF_PREMIUM_HALF,   /* only one end of the premium range */
    TF_WF_PREMIUM_BOTH,   /* a premium and a range */
    TF_WF_PREMIUM_ORDER,  /* premium low above premium high */
    TF_WF_PARAMS,         /* no VAT/duty/misc for the day, HS code and origin group: why */
    TF_WF_MISSING,        /* window needs input */
    TF_WF_NO_PREMIUM,     /* window needs a premium */
    TF_WF_COMPUTE,        /* window's inputs out of their range: why (tf_window_compute) */
    TF_WF_NOTHING         /* the inputs of neither window */
} tf_window_fault_kind;

typedef struct tf_window_fault {
    tf_window_fault_kind kind;
    int input;            /* tf_window_input at fault, or -1 */
    int window;           /* 0 spot, 1 forward, or -1 */
    const char *why;      /* the reason from the library (static text), or NULL */
} tf_window_fault;

/*
 * The spot and forward import windows of one day (DOMAIN.md §5) from inputs
 * given by hand: value[k] where given[k] (tf_window_input). A window is
 * computed when its three prices are given (spot: LME cash, USD/CNY spot,
 * Shanghai spot; forward: LME 3-month, forward rate, SHFE) with a premium
 * (or the midpoint of premium low..high); VAT, duty and misc come from
 * data/window-params.csv for date, hs and origin_group unless all given.
 * Fills out (date, hs, group, the windows). Errors: TF_ERR_USAGE with
 * *fault saying why (a partial set of a window's inputs is an error).
 */
TF_API tf_status tf_window_one_day(const tf_refdata *ref, const char *date, const char *hs,
                                   const char *origin_group,
                                   const double value[TF_WIN_N_INPUTS],
                                   const int given[TF_WIN_N_INPUTS], tf_window_report *out,
                                   tf_window_fault *fault);

/* One day of a window series: the computed windows where the day's prices
 * allow, and the published spot P/L, kept apart. */
/* Bits of tf_window_day.spot_have. */
#define TF_HAVE_LME 1u     /* spot_in.lme: LME cash, USD/t */
#define TF_HAVE_FX 2u      /* spot_in.usdcny: CNY per USD */
#define TF_HAVE_DOM 4u     /* spot_in.domestic: Shanghai spot, CNY/t */
#define TF_HAVE_PREMIUM 8u /* spot_in.premium: midpoint of the range, USD/t */

typedef struct tf_window_day {
    char date[11];
    int has_prices;            /* any price stored for the day */
    int has_spot, has_forward; /* computed */
    tf_window_inputs spot_in, forward_in;
    tf_window spot, forward;
    char spot_missing[64];     /* why the spot window is not computed, e.g. "no lme_cash" */
    unsigned spot_have;        /* the spot inputs stored for the day, also when the window is
                                  not computed: TF_HAVE_* bits, their values in spot_in */
    int has_published;
    double published_pl;       /* CNY/t, the published spot P/L */
} tf_window_day;

/* A month's averages over the days that have a value (gaps are not filled). */
typedef struct tf_window_month_avg {
    char month[8];             /* "YYYY-MM" */
    int computed_days, computed_open;
    double computed_pl;        /* CNY/t, mean of computed spot P/L */
    int published_days, published_open;
    double published_pl;       /* CNY/t, mean of published spot P/L */
} tf_window_month_avg;

typedef struct tf_window_series {
    char product[64], from[11], to[11], hs[16], origin_group[16];
    char product_name[128];    /* display name ("primary aluminium", data/products.csv) */
    tf_window_day *days;       /* every weekday of the range, and any other day with data */
    size_t n_days;
    tf_window_month_avg *months;
    size_t n_months;
} tf_window_series;

/* Optional overrides of data/window-params.csv; NaN = use the table. */
typedef struct tf_window_overrides {
    double vat_pct, duty_pct, misc;
} tf_window_overrides;

/*
 * Compute the daily series of product between from and to ("YYYY-MM-DD")
 * from the stored prices (premium = midpoint of premium_low..premium_high)
 * and parameters, next to the stored published series. as_of as in reports.
 * Errors, recorded on db (tf_db_error): TF_ERR_USAGE (bad dates, range over
 * 10 years), TF_ERR_NOT_FOUND (no parameters for a day: the first such day
 * named), TF_ERR_DB, TF_ERR_NOMEM. Free with tf_window_series_free.
 */
struct tf_db;
TF_API tf_status tf_window_series_compute(struct tf_db *db, const tf_refdata *ref,
                                          const char *product, const char *from,
                                          const char *to, const char *hs,
                                          const char *origin_group, const tf_window_overrides *ov,
                                          const char *as_of, tf_window_series **out);
TF_API void tf_window_series_free(tf_window_series **s);

/*
 * Compute one window. Errors: TF_ERR_INPUT with the offending field named
 * in err->msg (err may be NULL): LME, premium or domestic price not positive
 * or absurd, USD/CNY outside 1..20, VAT or duty outside 0..100 %, misc < 0.
 */
TF_API tf_status tf_window_compute(const tf_window_inputs *in, tf_window *out, tf_error *err);

/*
 * The parameters in force on date ("YYYY-MM-DD") for HS code hs and origin
 * group ("MFN" default, "ASEAN" ...), from data/window-params.csv (sources
 * there): VAT by effective date, duty by the longest matching HS prefix and
 * origin group, misc costs. Returns TF_OK or TF_ERR_NOT_FOUND (no rate for
 * that code, group or date; err->msg names which, err may be NULL).
 */
TF_API tf_status tf_window_params(const tf_refdata *ref, const char *date, const char *hs,
                                  const char *origin_group, double *vat_pct, double *duty_pct,
                                  double *misc, tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
