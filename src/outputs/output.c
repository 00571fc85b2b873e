/* Output dispatcher, and the number formats every writer shares. */
#include <math.h>
#include <string.h>

#include "outputs.h"
#include "../common/util.h"

void tf_out_figure(char *buf, size_t len, tf_opt v, const char *unit)
{
    if (!v.has) {
        tf_scopy(buf, len, "n/a");
        return;
    }
    char num[64];
    if (strcmp(unit, "t") != 0) /* a value: to the unit of currency */
        tf_format_number(num, sizeof num, v.v, 0);
    else if (fabs(round(v.v * 10.0) / 10.0) >= 1000) /* 999.96 t prints as 1,000 t, not 1,000.0 t */
        tf_format_number(num, sizeof num, round(v.v / 100.0) * 100.0, 0);
    else if (fabs(v.v) >= 1)
        tf_format_number(num, sizeof num, v.v, 1);
    else
        tf_format_number(num, sizeof num, v.v, 3); /* a few kg: keep them visible */
    tf_fmt(buf, len, "%s %s", num, unit);
}

const char *tf_out_unit(const tf_report *r)
{
    if (r->measure_value)
        return r->unit[0] ? r->unit : "n/a"; /* values asked for, none in the data */
    return "t";
}

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
