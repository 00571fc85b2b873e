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

/* Write s XML/HTML-escaped (& < > " '), dropping control characters that
 * XML does not allow. */
void tf_xml_escape(FILE *out, const char *s);

/* The partner's name in the chosen language: with lang_zh the Chinese name
 * from data/partners.csv where the chart data knows one, else name. */
const char *tf_chart_partner_name(const tf_chart_data *d, const char *code, const char *name,
                                  int lang_zh);

#endif
