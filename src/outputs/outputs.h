/* Internal: the writers behind tf_report_write. */
#ifndef TF_OUTPUTS_H
#define TF_OUTPUTS_H

#include "tradeflow/output.h"

#include <jansson.h>

/* Write o as indented JSON (15 significant digits) and a newline, then
 * release o. Returns TF_OK or TF_ERR_IO. */
tf_status tf_json_emit(FILE *out, json_t *o);

tf_status tf_report_write_text(FILE *out, const tf_report *r, int md);
tf_status tf_report_write_json(FILE *out, const tf_report *r);
tf_status tf_report_write_csv(FILE *out, const tf_report *r);

/* A report figure as printed: tonnes to the 100 t from 1,000 t up (one
 * decimal below, three below 1 t), followed by "t"; a value after its
 * currency, scaled as desks print it: "USD 877.6 bn" (10^9, one decimal) from
 * a billion, "USD 12.3 mn" (10^6) from a million, "USD 950,000" below. "n/a"
 * without one. The json and csv outputs keep the unscaled figure. */
void tf_out_figure(char *buf, size_t len, tf_opt v, const char *unit);
/* A change in % or pp as every table prints it: signed, to 0.1, thousands grouped
 * ("+1,234.5%", "-0.4 pp" with unit " pp"), "n/a" without a value. */
void tf_out_pct(char *buf, size_t len, tf_opt v, const char *unit);

/* The unit of a report's figures: "t", or the currency when it measures value
 * ("n/a" when it measures value and the data has none). */
const char *tf_out_unit(const tf_report *r);

/* Write s XML/HTML-escaped (& < > " '), dropping control characters that
 * XML does not allow. */
void tf_xml_escape(FILE *out, const char *s);

/* A trade mode's name in the chosen language: with lang_zh its Chinese name
 * from data/trade-modes.csv (tf_mode_figures.name_zh) where known, else the
 * English one. */
const char *tf_out_mode_name(const tf_mode_figures *m, int lang_zh);

/* The partner's name in the chosen language: with lang_zh the Chinese name
 * from data/partners.csv where the chart data knows one, else name. */
const char *tf_chart_partner_name(const tf_chart_data *d, const char *code, const char *name,
                                  int lang_zh);

#endif
