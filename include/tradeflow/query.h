/*
 * tradeflow/query.h — which stored rows a request selects.
 *
 * The one place that turns a request's classification and currency into the
 * stored rows that count: the report (tf_report_compute), the monthly series of the
 * charts and workbook (tf_monthly_series_compute), the mirror comparison
 * (tf_mirror_compute) and `tradeflow history` all select through it, so they
 * see the same rows for the same request.
 *
 * Rules (README "Classifications"; DOMAIN.md §3):
 *  - "HS" selects the plain HS rows and UN Comtrade's HS editions H0 (1988/92),
 *    H1 (1996), H2 (2002), H3 (2007), H4 (2012), H5 (2017) and H6 (2022);
 *    any other classification ("S4", "H6", "TOTAL") selects itself only;
 *  - where one flow and period holds rows of several classifications of the
 *    selection (the same trade converted to two editions), one is used: the
 *    one asked for where present, else the newest edition (H6 over H5), so
 *    the trade is not counted twice (tf_query_class_preferred).
 */
#ifndef TRADEFLOW_QUERY_H
#define TRADEFLOW_QUERY_H

#include "tradeflow/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The classifications `classification` selects (NULL: "HS"), in the order
 * they are read: *out points to static storage, or is NULL when the
 * classification selects only itself. Returns their count (>= 1). */
TF_API size_t tf_query_classes(const char *classification, const char *const **out);

/*
 * tf_db_select over every classification sel->classification selects (see
 * above; NULL means "HS"; reporter NULL means "CHN"). fn receives the rows
 * of each classification in turn, each run ordered as tf_db_select orders
 * it. With sel->currency set, only the rows in that currency and those
 * without a value (no currency) are passed on: one currency, never two
 * added (tf_query_currency chooses it). Errors: those of tf_db_select
 * (TF_ERR_USAGE bad as_of, TF_ERR_DB), or the first non-TF_OK status fn
 * returns.
 */
TF_API tf_status tf_query_select(tf_db *db, const tf_selection *sel,
                                 tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx);

/*
 * The currency a request reads (DOMAIN.md: CNY and USD figures of the same
 * trade are stored side by side, and no figure ever adds the two): `want`
 * ("CNY"/"USD") when given; else the currency with most records (every
 * revision, tf_db_currency_rows) under every classification sel selects,
 * its codes, reporter and period range; ties go to the first in name order.
 * Writes it into out (4 bytes; "" when no record has a value), and into
 * *found (may be NULL) 1 when the data has records in it, 0 when not (a
 * `want` the data lacks: its values are "no value"). note (may be NULL)
 * receives one sentence per other currency the data has (how many
 * records, and --currency to read it instead), or, when `want` has no
 * record but another currency does, one saying so. Report, monthly series
 * (charts, workbook), mirror, history and note all choose through it.
 * Errors: TF_ERR_DB.
 */
TF_API tf_status tf_query_currency(tf_db *db, const tf_selection *sel, const char *want,
                                   char out[4], int *found,
                                   void (*note)(void *ctx, const char *text), void *ctx);

/* The first period a report of `period` reads (its YoY and YTD need the year
 * before): January of the previous year for "YYYY-MM", the previous year for
 * "YYYY". Writes it into from (8 bytes); returns 0, or -1 for a bad period.
 * A report's currency is chosen over from..period, and so is history's for
 * the same --period, so that the two read the same records. */
TF_API int tf_query_report_from(const char *period, char from[8]);

/* 1 when rows of classification `cls` are to be used instead of those of
 * `pick` (NULL: none picked yet) in one flow and period, for a request of
 * `want`: want itself wins, else the newest edition (largest name). */
TF_API int tf_query_class_preferred(const char *want, const char *pick, const char *cls);

/* Check a request's commodity codes: each is 1 to 12 digits (an HS or SITC
 * code or prefix) or, when allow_total, "TOTAL" (UN Comtrade's all
 * commodities). Returns TF_OK, or TF_ERR_USAGE with *bad set to the first
 * code that is not one (NULL when n == 0). */
TF_API tf_status tf_query_codes_check(const char *const *codes, size_t n, int allow_total,
                                      const char **bad);

/* Room for a stored period: "YYYY", "YYYY-MM" or a cumulative range
 * "YYYY-MM..YYYY-MM" (tf_record.period). */
#define TF_PERIOD_LEN 20

/*
 * The periods in which the selection has import or export rows, whatever
 * sel's periods and flow: "YYYY-MM" months, "YYYY" years and cumulative
 * ranges "YYYY-MM..YYYY-MM" (breakdown rows count: they are data of their
 * period even where no total adds them), ascending, each once. For the
 * message of a request for a period without data. *out is malloc'd (free();
 * NULL when *n is 0). Errors: those of tf_query_select, TF_ERR_NOMEM.
 */
TF_API tf_status tf_query_periods(tf_db *db, const tf_selection *sel,
                                  char (**out)[TF_PERIOD_LEN], size_t *n);

/* 1 when period ("YYYY-MM" or "YYYY") has rows among p[0..n) of
 * tf_query_periods: the same period, a cumulative range holding the month,
 * or (for a year) any month or range of the year; else 0. */
TF_API int tf_query_period_held(char (*p)[TF_PERIOD_LEN], size_t n, const char *period);

/* 1 when c can name a classification: 1 to 7 upper-case letters and digits
 * ("HS", "H6", "S4", "TOTAL"), else 0. */
TF_API int tf_query_classification_valid(const char *c);

#ifdef __cplusplus
}
#endif
#endif
