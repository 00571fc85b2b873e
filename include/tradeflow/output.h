/*
 * tradeflow/output.h — outputs: the report as text, Markdown, JSON or CSV.
 * The JSON schema is documented in docs/report-json.md.
 */
#ifndef TRADEFLOW_OUTPUT_H
#define TRADEFLOW_OUTPUT_H

#include <stdio.h>
#include "tradeflow/stats.h"
#include "tradeflow/window.h"
#include "tradeflow/mirror.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tf_output_format {
    TF_OUT_TEXT = 0,
    TF_OUT_MD = 1,
    TF_OUT_JSON = 2,
    TF_OUT_CSV = 3
} tf_output_format;

/* "text", "md", "json", "csv"; returns -1 for unknown names. */
int tf_output_format_parse(const char *s);

/*
 * Write the report. text/md round as notes round (t to the hundred at
 * 1,000 t and above, % to one decimal) and mark missing values "n/a";
 * json and csv carry unrounded numbers and null / empty for no value.
 * Returns TF_OK, TF_ERR_IO, TF_ERR_NOMEM.
 */
tf_status tf_report_write(FILE *out, const tf_report *r, tf_output_format fmt);

/* Write one day's import windows: text (rounded as published tables: CNY/t
 * to the yuan, USD/t to the cent, ratios to 0.01) or json (unrounded, keys
 * import_cost, pl, pl_usd, breakeven_ratio, actual_ratio and the parameters
 * used: vat_pct, duty_pct, misc, premium, lme, usdcny, domestic).
 * Returns TF_OK, TF_ERR_IO or TF_ERR_USAGE (csv/md not offered). */
tf_status tf_window_write(FILE *out, const tf_window_report *w, tf_output_format fmt);

/* Write a daily window series with its monthly averages: text or json
 * (days[]: date, spot, forward (objects as in tf_window_write, or null),
 * spot_missing, published_pl; months[]: month, computed_pl, computed_days,
 * computed_days_open, published_pl, published_days, published_days_open). */
tf_status tf_window_series_write(FILE *out, const tf_window_series *s, tf_output_format fmt);

/* Write mirror statistics: text (values to the dollar, t to 0.1, ratios to
 * 0.001, "n/a" for no value) or json (keys reporter, partner, classification,
 * rows[]: period, direction, reporter_side and partner_side {value, valuation,
 * currency, cif, fob, quantity_t, records, classification}, value_gap, value_ratio, fob_gap,
 * fob_ratio, quantity_gap_t, quantity_ratio; notes[]). Returns TF_OK, TF_ERR_IO
 * or TF_ERR_USAGE (csv/md not offered). */
tf_status tf_mirror_write(FILE *out, const tf_mirror *m, tf_output_format fmt);

/* Format an exact fixed decimal (thousandths) with thousands separators and
 * three decimals, e.g. 250500000 -> "250,500.000". */
void tf_format_milli(char *buf, size_t len, tf_milli v);

/* Format x with thousands separators and `decimals` places into buf. */
void tf_format_number(char *buf, size_t len, double x, int decimals);

#ifdef __cplusplus
}
#endif
#endif
