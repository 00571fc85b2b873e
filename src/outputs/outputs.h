/* Internal: the writers behind tf_report_write. */
#ifndef TF_OUTPUTS_H
#define TF_OUTPUTS_H

#include "tradeflow/output.h"

tf_status tf_report_write_text(FILE *out, const tf_report *r, int md);
tf_status tf_report_write_json(FILE *out, const tf_report *r);
tf_status tf_report_write_csv(FILE *out, const tf_report *r);

#endif
