/* Output dispatcher. */
#include "outputs.h"

tf_status tf_report_write(FILE *out, const tf_report *r, tf_output_format fmt)
{
    switch (fmt) {
    case TF_OUT_TEXT: return tf_report_write_text(out, r, 0);
    case TF_OUT_MD: return tf_report_write_text(out, r, 1);
    case TF_OUT_JSON: return tf_report_write_json(out, r);
    case TF_OUT_CSV: return tf_report_write_csv(out, r);
    }
    return TF_ERR_USAGE;
}
