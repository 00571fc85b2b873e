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

#endif
