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
#include "tradeflow/hscodes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the report's JSON schema (key "schema_version"; docs/report-json.md).
 * 2: a value report's figures are under value keys with their currency, and
 * quantity keys hold only quantities (1, unversioned: values under "quantity");
 * 3: adds partner YTD fields, trade-mode changes (prev_month, mom_pct,
 * share_change_pp, new; trade_modes_vanished) and re_exports / re_imports. */
#define TF_REPORT_JSON_SCHEMA 3

typedef enum tf_output_format {
    TF_OUT_TEXT = 0,
    TF_OUT_MD = 1,
    TF_OUT_JSON = 2,
    TF_OUT_CSV = 3
} tf_output_format;

/* "text", "md", "json", "csv"; returns -1 for unknown names. */
TF_API int tf_output_format_parse(const char *s);

/*
 * Write the report. text/md round as notes round (t to the hundred at
 * 1,000 t and above, % to one decimal) and mark missing values "n/a";
 * json and csv carry unrounded numbers and null / empty for no value.
 * Returns TF_OK, TF_ERR_IO, TF_ERR_NOMEM.
 */
TF_API tf_status tf_report_write(FILE *out, const tf_report *r, tf_output_format fmt);

/* Write one day's import windows: text (rounded as published tables: CNY/t
 * to the yuan, USD/t to the cent, ratios to 0.01) or json (unrounded, keys
 * import_cost, pl, pl_usd, breakeven_ratio, actual_ratio and the parameters
 * used: vat_pct, duty_pct, misc, premium, lme, usdcny, domestic).
 * Returns TF_OK, TF_ERR_IO or TF_ERR_USAGE (csv/md not offered). */
TF_API tf_status tf_window_write(FILE *out, const tf_window_report *w, tf_output_format fmt);

/* Write a daily window series with its monthly averages: text or json
 * (days[]: date, spot, forward (objects as in tf_window_write, or null),
 * spot_missing, published_pl; months[]: month, computed_pl, computed_days,
 * computed_days_open, published_pl, published_days, published_days_open). */
TF_API tf_status tf_window_series_write(FILE *out, const tf_window_series *s, tf_output_format fmt);

/* Write mirror statistics: text (values to the dollar, t to 0.1, unit values
 * to the dollar per t, ratios to 0.001, gap % to 0.1, "n/a" for no value, "!"
 * before a flag) or json (keys reporter, partner, classification,
 * rows[]: period, direction, reporter_side and partner_side {value, valuation,
 * valuation_basis ("stated", "reporter's rule" or null), unit_value_per_t,
 * currency, cif, fob, quantity_t, records, classification}, value_gap,
 * value_ratio, fob_gap, fob_ratio, quantity_gap_t, quantity_ratio,
 * gap_pct_of_exporter, extreme_asymmetry, codes[] {code, reporter_value,
 * partner_value, value_ratio, gap_pct_of_exporter, extreme_asymmetry,
 * special}; notes[]); definitions in tradeflow/mirror.h. Returns TF_OK,
 * TF_ERR_IO or TF_ERR_USAGE (csv/md not offered). */
TF_API tf_status tf_mirror_write(FILE *out, const tf_mirror *m, tf_output_format fmt);

/* Write the per-code figures of n flows (tradeflow/hscodes.h) of one product
 * (label: the query's, for json; text names the product by its display name):
 * text (figures as the report prints them, YoY to 0.1 %, the
 * reason where a code changed with the edition, one line per crosswalk group)
 * or json (product, flows[]: flow, period, before, edition, edition_before,
 * unit, codes[] {code, value, value_before, yoy_pct, reason, group}, groups[]
 * {old_codes, new_codes, outside_selection, value, value_before, yoy_pct,
 * source}). Returns TF_OK, TF_ERR_IO or TF_ERR_USAGE (another format). */
TF_API tf_status tf_code_changes_write(FILE *out, tf_code_changes *const *c, size_t n,
                                       const char *label, tf_output_format fmt);

/* Format an exact fixed decimal (thousandths) with thousands separators and
 * the decimals it has, trailing zeros dropped, so a whole figure reads as the
 * report's do: 250500000 -> "250,500", 1500 -> "1.5", 1234 -> "1.234". The
 * figure is exact (no rounding): `tradeflow history` lists stored revisions
 * with it, in their stored unit. */
TF_API void tf_format_milli(char *buf, size_t len, tf_milli v);

/* tf_format_number (thousands separators) is declared in tradeflow/common.h. */

/* ---- Charts (SVG), the HTML page and the Excel workbook ---- */

/* The charts of a report (data: tf_chart_data, tradeflow/stats.h). */
typedef enum tf_chart_kind {
    TF_CHART_SEASONAL_IMPORT = 0, /* monthly imports Jan..Dec, one line per year (t) */
    TF_CHART_SEASONAL_EXPORT = 1, /* the same for exports */
    TF_CHART_SEASONAL_NET = 2,    /* the same for net imports (import - export) */
    TF_CHART_PARTNERS = 3,        /* stacked monthly imports by top partners + other,
                                     the last 24 months (t) */
    TF_CHART_NET_IMPORT = 4,      /* monthly net import bars, last 24 months, with YTD */
    TF_CHART_WINDOW = 5           /* daily spot import P/L (CNY/t) with the zero line */
} tf_chart_kind;
#define TF_CHART_COUNT 6

/* "seasonal-import", "seasonal-export", "seasonal-net-import", "partners",
 * "net-import", "window"; -1 for unknown names. */
TF_API int tf_chart_kind_parse(const char *s);
TF_API const char *tf_chart_kind_name(tf_chart_kind k);

typedef struct tf_chart_opts {
    int lang_zh;   /* 1: the charts in Chinese: titles, axis labels, legends and
                      Source lines in the note writer's terms (src/common/terms_zh.h),
                      partner names from data/partners.csv where known */
    int top;       /* partners drawn in the partner chart; <= 0 means 5 */
    const char *product_zh;  /* with lang_zh: the product's Chinese name (原铝);
                                NULL: the report's product name */
    const char *reporter_zh; /* with lang_zh: the reporter's (中国); NULL: the
                                report's reporter name */
} tf_chart_opts;

/* The title of chart k of d into buf (len bytes), the same in the SVG chart,
 * the HTML page and the workbook: seasonal charts name the years drawn
 * ("Imports of primary-aluminium by month, 2023-2025"), the partner chart its
 * months, the net import chart the YTD (and its YoY), the window chart its
 * days. */
TF_API void tf_chart_title(const tf_chart_data *d, tf_chart_kind k, char *buf, size_t len);
/* tf_chart_title in the language of o (NULL: English): with o->lang_zh, e.g.
 * "原铝月度进口量，2021-2025年", "原铝进口盈亏（按日），2024-11-01至2025-04-30". */
TF_API void tf_chart_title_in(const tf_chart_data *d, tf_chart_kind k, const tf_chart_opts *o,
                              char *buf, size_t len);

/* 1 when chart k has something to draw: a month with a value in its months
 * (imports, exports or net imports), or for the window chart daily P/L. */
TF_API int tf_chart_available(const tf_chart_data *d, tf_chart_kind k);

/*
 * Write chart k as a standalone SVG document (UTF-8, no scripts, no external
 * references, no timestamps or generated ids: the same data gives the same
 * bytes). Every text from data is XML-escaped. Months without data are
 * gaps, never zeros. Each series is a <g class="series" data-name="...">
 * whose points are <circle> (lines) or <rect> (bars).
 * Returns TF_OK, TF_ERR_IO, TF_ERR_NOT_FOUND (nothing to draw).
 */
TF_API tf_status tf_chart_write_svg(FILE *out, const tf_chart_data *d, tf_chart_kind k,
                                    const tf_chart_opts *o);

/*
 * Write the report as one self-contained HTML page: the text report, the
 * headline figures and every available chart as inline SVG; readable on a
 * phone, printable on A4. Returns TF_OK, TF_ERR_IO or TF_ERR_NOMEM.
 */
TF_API tf_status tf_report_write_html(FILE *out, const tf_chart_data *d, const tf_chart_opts *o);

/*
 * Write the report as an Excel workbook at path (libxlsxwriter): sheets
 * Summary (figures with number formats; net import, MoM, YoY and YTD as
 * formulas over the Monthly sheet), Monthly (period x import, export, net
 * import), Data (period x flow x partner), Partners (the month's ranking and
 * monthly imports by top partners), Seasonal (month x year), Window (daily
 * P/L, when there is any) and native charts equivalent to the SVG ones.
 * Text from data is always written as a string cell, never as a formula.
 * Returns TF_OK or TF_ERR_IO.
 */
TF_API tf_status tf_report_write_xlsx(const char *path, const tf_chart_data *d,
                                     const tf_chart_opts *o);

/* ---- One writer call for every format ---- */

/* 1 when format needs the charts' data (tf_chart_data: "html", "xlsx", a
 * chart kind name as for tf_chart_kind_parse, written as SVG), 0 for the
 * report alone ("text", "md", "json", "csv"), -1 for an unknown format. */
TF_API int tf_output_charted(const char *format);

/* Load what writing format needs, once per process: libxlsxwriter
 * (libxlsxwriter.so.4, Debian package libxlsxwriter4; $TF_LIBXLSXWRITER names
 * another file) for "xlsx", nothing for the other formats. Returns TF_OK, or
 * TF_ERR_IO with err->msg naming the library and the package (err may be
 * NULL); tf_report_write_xlsx then returns TF_ERR_IO too. */
TF_API tf_status tf_output_ready(const char *format, tf_error *err);

/*
 * Write the report in format (see tf_output_charted) to the file at path, or
 * to stdout when path is NULL or "-" (not for "xlsx", which is a file). r is
 * the report for the plain formats (NULL: d->report); d is needed for the
 * charted ones. A file is written whole or, on an error, left as far as it
 * got (the caller names it). Errors: TF_ERR_USAGE (unknown format, xlsx to
 * stdout, charted format without d), TF_ERR_NOT_FOUND (a chart with nothing
 * to draw: tf_chart_available), TF_ERR_IO (cannot open or write path; for
 * xlsx also libxlsxwriter absent: tf_output_ready says so).
 */
TF_API tf_status tf_output_report(const char *path, const char *format, const tf_chart_data *d,
                                  const tf_report *r, const tf_chart_opts *o);

#ifdef __cplusplus
}
#endif
#endif
