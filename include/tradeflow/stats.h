/*
 * tradeflow/stats.h — the monthly trade statistics of one product.
 *
 * Definitions (DOMAIN.md §2):
 *   net import = import - export (same product and period; may be negative)
 *   MoM %  = 100 * (x(m) / x(m-1) - 1)
 *   YoY %  = 100 * (x(m) / x(m-12) - 1)
 *   YTD    = sum of x over January..m; YTD YoY % compares with Jan..m a year earlier
 *   share % of a partner = 100 * partner quantity / total quantity (same flow, period)
 *   share change (pp) = share(m) - share(m-1), in percentage points
 *   unit value = value / quantity (currency per t)
 * A missing comparison month, a zero base or a negative base gives no value
 * (has == 0), never 0 % and never infinity; the reason is in the notes.
 * Percentages are computed from unrounded data.
 *
 * Totals never add world rows to partner rows: for each commodity code, a
 * world (WLD) row is the total where present; otherwise partner rows are
 * summed. The residual world - listed partners is reported as "other".
 */
#ifndef TRADEFLOW_STATS_H
#define TRADEFLOW_STATS_H

#include "tradeflow/store.h"
#include "tradeflow/refdata.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An optional number: has == 0 means "no value". */
typedef struct tf_opt {
    int has;
    double v;
} tf_opt;

/* What a report measures: AUTO is the quantity (t) unless no selected record
 * has a quantity at all (UN Comtrade's TOTAL, value-only data), or goods
 * weighed in kg carry less than half of the selected records' value: the rest
 * has no weight, or is of commodity codes the classification counts in a unit
 * other than mass (Comtrade qty in items 'u' beside netWgt; GACC first unit
 * 个 or 台). Then the value, with a note saying why. Deciding on value rather
 * than on rows keeps one data set in one unit from period to period. */
typedef enum tf_measure {
    TF_MEASURE_AUTO = 0,
    TF_MEASURE_QUANTITY = 1,  /* t, from records in kg */
    TF_MEASURE_VALUE = 2      /* the value, in the currency of the records (one only) */
} tf_measure;

/* What a report is about. */
typedef struct tf_query {
    const char *product;          /* label, e.g. "primary-aluminium" or "HS 7601" */
    const char *classification;   /* "HS" (also matches UN Comtrade's editions H0..H6;
                                     one classification per flow and period is used,
                                     the newest edition where several) or e.g. "S4" */
    const char *const *codes;     /* commodity codes or prefixes ("7601", "TOTAL") */
    size_t n_codes;
    const char *reporter;         /* default "CHN" */
    const char *period;           /* "YYYY-MM", or "YYYY" for annual data: then YoY
                                     compares with the previous year; no MoM, no YTD */
    const char *partner_basis;    /* NULL: the basis found in the data (see notes) */
    const char *as_of;            /* NULL: current revisions */
    int top;                      /* partners listed per flow; <= 0 means 10 */
    tf_measure measure;           /* default AUTO */
    const char *currency;         /* "CNY"/"USD": the records read (the same trade may be
                                     stored in both; a report never adds the two). NULL:
                                     the currency with most records, with a note */
} tf_query;

/* Figures of one flow (import, export or net import) for the month. */
typedef struct tf_flow_figures {
    tf_opt quantity;        /* t */
    tf_opt prev_month;      /* t, m-1 */
    tf_opt year_ago;        /* t, m-12 */
    tf_opt mom_pct;         /* % */
    tf_opt yoy_pct;         /* % */
    tf_opt ytd;             /* t, Jan..m */
    tf_opt ytd_prev;        /* t, Jan..m of the previous year */
    tf_opt ytd_yoy_pct;     /* % */
    tf_opt value;           /* in currency */
    tf_opt unit_value;      /* currency per t */
    char currency[4];       /* "CNY"/"USD"/"" */
    int weighed_only;       /* quantity reports: the month has records without a weight
                               in kg; quantity, value, unit value and partner shares
                               cover the weighed records only */
    tf_opt unweighed_value; /* with weighed_only: the value of the records left out */
} tf_flow_figures;

typedef struct tf_partner_figures {
    int rank;               /* 1 = largest */
    char partner[16];       /* ISO alpha-3 or GACC:nnn */
    char name[128];
    double quantity;        /* t */
    tf_opt share_pct;       /* % of the flow's total */
    tf_opt mom_pct, yoy_pct;
    tf_opt share_change_pp; /* pp versus m-1 (annual data: versus the year before) */
    /* Year to date (monthly reports; no value in annual ones): the partner's sum over
     * January..m, the same months a year earlier, and its share of the flow's YTD.
     * A month of the range with a partner breakdown that adds up to its total and
     * no row for the partner counts 0; a month with no partner breakdown, an
     * incomplete one without the partner, or a flow YTD with no value leaves the
     * figure with no value (DOMAIN.md §2: YTD, YTD YoY, share). */
    tf_opt ytd;             /* t, Jan..m */
    tf_opt ytd_prev;        /* t, Jan..m of the previous year */
    tf_opt ytd_yoy_pct;     /* % = 100 * (ytd / ytd_prev - 1) */
    tf_opt ytd_share_pct;   /* % = 100 * ytd / the flow's YTD */
} tf_partner_figures;

typedef struct tf_mode_figures {
    char code[8];
    char name[96];          /* English name (data/trade-modes.csv name_en), else the code */
    char name_zh[96];       /* Chinese name (name_zh, e.g. 一般贸易), "" when unknown */
    char group[16];
    double quantity;        /* t */
    tf_opt share_pct;       /* % of the flow's total */
    tf_opt prev_quantity;   /* t in m-1 (0 when the mode had no rows then); no value
                               unless both months have a trade-mode breakdown */
    tf_opt mom_pct;         /* % = 100 * (quantity / prev_quantity - 1); no value when
                               prev_quantity has none or is 0 (a new mode) */
    tf_opt share_change_pp; /* share(m) - share(m-1), pp; same condition */
    int is_new;             /* 1: no quantity in m-1 (same condition) */
} tf_mode_figures;

/*
 * Re-exports and re-imports of the month (DOMAIN.md §2, §4), in the report's
 * measure (t, or the value):
 *   re-exports: rows of flow re-export (UN Comtrade flow code RX, legacy 3);
 *     exports include them (UN Comtrade: X counts RX; IMTS 2010), so
 *     domestic exports = exports - re-exports and
 *     re-export share % = 100 * re-exports / exports;
 *   re-imports: rows of flow re-import (RM, legacy 4) where the data has them,
 *     else the reporter as a partner of its own imports (China's imports from
 *     China, GACC partner 142: goods of Chinese origin coming back), taken from
 *     the month's import partner rows; imports include them, so
 *     imports less re-imports = imports - re-imports and
 *     re-import share % = 100 * re-imports / imports.
 * No value where the data has no such rows (GACC publishes no re-exports), the
 * flow's total has none, or the re-flow exceeds its flow (then a note).
 */
typedef struct tf_re_flow {
    tf_opt quantity;        /* re-exports (re-imports), t */
    tf_opt prev_month;      /* t in m-1, same source; no value for annual reports */
    tf_opt year_ago;        /* t in m-12 (annual: the year before) */
    tf_opt mom_pct, yoy_pct;/* % */
    tf_opt rest;            /* domestic exports (imports less re-imports), t */
    tf_opt share_pct;       /* % of exports (imports) */
    tf_opt share_change_pp; /* share(m) - share(m-1), pp (annual: against the year before);
                               no value unless both months have a re-flow figure and a
                               flow total above 0 */
    char source[16];        /* "flow": rows of the re-flow; "partner": the reporter as a
                               partner of its imports; "" when no value */
} tf_re_flow;

typedef struct tf_re_trade {
    tf_re_flow re_export, re_import;
} tf_re_trade;

/* Everything the report states for one flow's breakdowns. */
typedef struct tf_breakdown {
    tf_partner_figures *partners;  /* ranked, at most query.top */
    size_t n_partners;
    size_t n_partners_all;         /* partners with data before the cut */
    tf_partner_figures *absent;    /* partners of m-1 or m-12 with nothing in the month
                                      (quantity 0, MoM/YoY -100% where they had trade) */
    size_t n_absent;
    tf_opt other;                  /* t: total - listed partners (world total present) */
    tf_opt other_share_pct;
    tf_mode_figures *modes;        /* by quantity */
    size_t n_modes;
    tf_mode_figures *vanished_modes; /* modes of m-1 with nothing in the month
                                      (quantity 0, share 0, share change -share(m-1)) */
    size_t n_vanished_modes;
    char partner_basis[16];        /* basis of the partner rows used */
} tf_breakdown;

/* A month of daily spot import P/L figures (CNY/t). */
typedef struct tf_window_stat {
    int has;                /* 1 when there are figures in the month */
    double average_pl;      /* mean of the days with a figure */
    double min_pl, max_pl;
    int days;               /* days with a figure */
    int days_open;          /* days with P/L > 0 */
    char status[8];         /* "open" (average > 0) or "closed" */
} tf_window_stat;

/* The month's import window, computed from stored prices (tradeflow/window.h)
 * and as published (a P/L series), kept apart. */
typedef struct tf_window_month {
    tf_window_stat computed, published;
    char hs[16];            /* HS code the computed window's duty is for */
} tf_window_month;

typedef struct tf_report {
    char product[64];         /* the query's label: slug ("primary-aluminium"), "HS 7601"
                                 or "commodity TOTAL" (json and csv keep it) */
    char product_name[96];    /* what a reader sees (text, md, html, chart titles, xlsx):
                                 the product's name_en ("primary aluminium"), "all
                                 commodities (TOTAL)", else the label */
    char classification[8];
    char **codes;             /* HS scope */
    size_t n_codes;
    char reporter[4];
    char reporter_name[64];   /* "China"; the code when the partner table lacks it */
    char period[8];
    int annual;               /* 1: an annual report (period "YYYY") */
    int measure_value;        /* 1: the figures (quantity fields) are values, not t */
    char unit[8];             /* "t", or the currency when measure_value */
    char currency[4];         /* the currency of the records read ("" when none has a
                                 value): --currency, or the one with most records */
    char as_of[32];           /* "" = current */
    tf_flow_figures import, export, net_import;
    tf_breakdown import_breakdown, export_breakdown;
    char **notes;             /* human-readable notes (missing months, bases) */
    size_t n_notes;
    char **commodities;       /* commodity codes found in the data for the month */
    size_t n_commodities;
    tf_window_month window;   /* import window of the month, where a series exists */
    tf_re_trade re_trade;     /* re-exports and re-imports (see tf_re_flow) */
} tf_report;

/*
 * Compute the report for q from the store. Errors: TF_ERR_USAGE (bad period,
 * no codes, bad as_of), TF_ERR_DB, TF_ERR_NOMEM, TF_ERR_INPUT (the selected
 * figures sum beyond the exact range of tf_milli). A product with no data is not an
 * error: figures are "no value" and a note says so.
 */
TF_API tf_status tf_report_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                   tf_report **out);
TF_API void tf_report_free(tf_report **r);

/* The names a report shows (text, md, html, chart titles, xlsx), for every
 * command that names what a report names:
 * tf_partner_display_name: a partner code's English name from
 *   data/partners.csv ("Russia" for RUS), else the name the ingested file gave
 *   (GACC's partner names, UN Comtrade's area names: tf_db_partner_name), else
 *   UN Comtrade's name of the area stored under that code (data/comtrade-areas.csv:
 *   "Anguilla" for AIA, from a file without names), else the code itself; WLD,
 *   the world total, is "World". db and ref may be
 *   NULL. Reports, notes, series, charts and mirrors all name partners by it.
 * tf_product_display_name_of: a query label's name (tf_report.product_name):
 *   the product's name_en ("primary aluminium" for primary-aluminium), "all
 *   commodities (TOTAL)" for "commodity TOTAL", else the label ("HS 7601").
 * Both write at most len bytes, NUL-terminated. */
TF_API void tf_partner_display_name(tf_db *db, const tf_refdata *ref, const char *code,
                                    char *buf, size_t len);
TF_API void tf_product_display_name_of(const tf_refdata *ref, const char *label, char *buf,
                                       size_t len);

/* Percent change 100*(x/base-1): no value when base is missing, zero or
 * negative, or x negative (a change of sign has no meaningful percentage). */
TF_API tf_opt tf_pct_change(tf_opt x, tf_opt base);

/* ---- Monthly series (charts, workbooks) ---- */

/* One partner's monthly quantities over a series' months. */
typedef struct tf_series_partner {
    char partner[16];       /* ISO alpha-3 or GACC:nnn */
    char name[128];         /* English name (data/partners.csv), else the name the
                               file gave (GACC), else the code */
    char name_zh[128];      /* Chinese name from data/partners.csv; "" when unknown */
    double total;           /* t over the series' months */
    tf_opt *quantity;       /* t per month [n_months]; no value where the month has no
                               row for this partner (its .v is then 0) */
} tf_series_partner;

/*
 * Monthly totals of one product from `from` to `to` (both "YYYY-MM"), each
 * month aggregated exactly as tf_report_compute aggregates the report month
 * (world rows as totals, one partner basis, coarsest level, shorter codes
 * where complete), so a month's figure here equals the report's quantity.
 *   total[0][k], total[1][k]: import and export in t; no value = no data
 *   net_import[k] = total[0][k] - total[1][k] (DOMAIN.md §2); no value unless
 *                   both flows have data
 *   has_partners[f][k]: 1 when the month has partner rows for flow f
 *   partners[f]: every partner of flow f in the range, by total over the
 *                range, largest first (ties by code)
 *   other[f][k] = total - sum of all partners' quantities (the world residual),
 *                 in t; no value without partner rows or without a total
 * A chart stacking partners counts a partner without a row as 0 in a month
 * with partner rows (the residual is then in other[f][k]).
 * Missing months stay missing (gaps), never zero.
 */
typedef struct tf_monthly_series {
    char from[8], to[8];
    int measure_value;             /* 1: figures are values in the records' currency, not t */
    size_t n_months;
    char (*periods)[8];            /* "YYYY-MM" per month */
    tf_opt *total[2];
    tf_opt *net_import;
    int *has_partners[2];
    tf_series_partner *partners[2];
    size_t n_partners[2];
    tf_opt *other[2];
    char **notes;                  /* notes from the aggregation (bases that disagree) */
    size_t n_notes;
} tf_monthly_series;

/*
 * Compute the monthly series of q's product (q->codes, classification,
 * reporter, partner_basis, as_of; q->period and q->top are not used) in t,
 * or in the records' currency when q->measure is TF_MEASURE_VALUE, from
 * `from` to `to` inclusive. Errors: TF_ERR_USAGE (bad periods, from after to,
 * more than 600 months, no codes), TF_ERR_DB, TF_ERR_NOMEM, TF_ERR_INPUT
 * (sums beyond the exact range). Free with tf_monthly_series_free.
 */
TF_API tf_status tf_monthly_series_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                           const char *from, const char *to,
                                           tf_monthly_series **out);
TF_API void tf_monthly_series_free(tf_monthly_series **s);

/* One ingested file a month's figures come from. */
typedef struct tf_source_use {
    char name[512];           /* file name as ingested */
    char format[16];          /* "tfcsv", "gacc", "comtrade", ...; "plseries": the
                                 published import P/L series of the window */
    unsigned long reported, derived, estimated; /* rows used, by status */
    char publishers[512];     /* "; "-separated provenance of those rows without URLs
                                 ("SMM 2025-05-29; Yuen Seng 2025-05"), "" when none */
    unsigned flows;           /* the flows of those rows: 1 import, 2 export, 4 other */
    char first_period[8];     /* the earliest period of those rows, "" none */
} tf_source_use;

/*
 * The files whose rows make q's figures for q->period (the month, m-1, m-12,
 * January..m of this year and the year before), with the published P/L series
 * files when window is 1, in the order every Source and Data line lists them
 * (tf_sources_text): files with import rows, then files with export rows only,
 * then other files, then the P/L series; within each, by the earliest period
 * of the rows used, then by file name (its base name, then the whole path).
 * The order does not depend on the order of ingest. *out is malloc'd (free()).
 * Errors: TF_ERR_USAGE (bad as_of), TF_ERR_DB, TF_ERR_NOMEM.
 */
TF_API tf_status tf_sources_used(tf_db *db, const tf_query *q, int window, tf_source_use **out,
                          size_t *n);

/* The sources in one line: "cn-primary-aluminium.csv (tfcsv; compiled from the
 * sources its rows name: SMM 2025-05-29; ...); al-import-pl-daily.csv (published
 * import P/L series)"; "" when n is 0. Truncated to len. Listed in the order
 * of tf_sources_used whatever the order of s. */
TF_API void tf_sources_text(const tf_source_use *s, size_t n, char *buf, size_t len);

/*
 * The Source line of each trade chart of q's month (tf_sources_text of the
 * files it draws from), indexed by tf_chart_kind (output.h) 0..4: seasonal
 * imports (import rows of January four years before .. q->period), seasonal
 * exports (export rows), seasonal net imports (both flows), partners (import
 * rows of the 24 months ending with q->period), net imports (both flows, 24
 * months); out[5]: every file of the page or workbook (both flows over the
 * seasonal charts' months, and the published P/L series when window is 1).
 * out[i] is malloc'd (free()), "" when no file. Errors: TF_ERR_USAGE
 * (q->period not YYYY-MM, bad as_of), TF_ERR_DB, TF_ERR_NOMEM (out all NULL).
 */
TF_API tf_status tf_sources_charted(tf_db *db, const tf_query *q, int window, char *out[6]);

/* Everything the charted outputs (HTML, XLSX, SVG) show for one report. */
typedef struct tf_chart_data {
    tf_report *report;              /* the month's report (tf_report_compute) */
    tf_monthly_series *years;       /* January four years before the period's year
                                       .. the period: the seasonal charts */
    tf_monthly_series *recent;      /* the 24 months ending with the period: the
                                       partner and net import charts */
    struct tf_window_series *window;/* daily import P/L (computed and published),
                                       first day of period-5 .. end of the period;
                                       NULL when there are no figures */
    char *sources;                  /* tf_sources_text of the month's files ("" none) */
    char *chart_sources[6];         /* each trade chart's own files, by tf_chart_kind;
                                       [5] every file of the page or workbook
                                       (tf_sources_charted) */
} tf_chart_data;

/* Compute the report and its series for q, the series in the report's measure
 * (t, or the value when the report measures value). Errors as tf_report_compute and
 * tf_monthly_series_compute. Free with tf_chart_data_free. */
TF_API tf_status tf_chart_data_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                       tf_chart_data **out);
TF_API void tf_chart_data_free(tf_chart_data **d);

#ifdef __cplusplus
}
#endif
#endif
