/* Output dispatcher, and the number formats every writer shares. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs.h"
#include "../common/xlsx_lib.h"
#include "../common/util.h"

void tf_out_figure(char *buf, size_t len, tf_opt v, const char *unit)
{
    if (!v.has) {
        tf_scopy(buf, len, "n/a");
        return;
    }
    char num[64];
    if (strcmp(unit, "t") != 0) { /* a value: the currency first, scaled from a million */
        double a = fabs(v.v);
        tf_format_number(num, sizeof num, a >= 1e9 ? v.v / 1e9 : a >= 1e6 ? v.v / 1e6 : v.v,
                         a >= 1e6 ? 1 : 0);
        tf_fmt(buf, len, "%s %s%s", unit, num, a >= 1e9 ? " bn" : a >= 1e6 ? " mn" : "");
        return;
    } else if (fabs(round(v.v * 10.0) / 10.0) >= 1000) /* 999.96 t: 1,000 t, not 1,000.0 t */
        tf_format_number(num, sizeof num, round(v.v / 100.0) * 100.0, 0);
    else if (fabs(v.v) >= 1)
        tf_format_number(num, sizeof num, v.v, 1);
    else
        tf_format_number(num, sizeof num, v.v, 3); /* a few kg: keep them visible */
    tf_fmt(buf, len, "%s %s", num, unit);
}

void tf_out_pct(char *buf, size_t len, tf_opt v, const char *unit)
{
    if (!v.has) {
        tf_scopy(buf, len, "n/a");
        return;
    }
    double r = round(v.v * 10.0) / 10.0;
    if (r == 0)
        r = 0; /* no "-0.0" */
    char digits[64];
    tf_format_number(digits, sizeof digits, r, 1); /* grouped: +35,347,872.5% */
    tf_fmt(buf, len, "%s%s%s", r > 0 ? "+" : "", digits, unit);
}

const char *tf_out_mode_name(const tf_mode_figures *m, int lang_zh)
{
    return lang_zh && m->name_zh[0] ? m->name_zh : m->name;
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

int tf_output_charted(const char *format)
{
    if (!format)
        return -1;
    if (tf_output_format_parse(format) >= 0)
        return 0;
    if (!strcmp(format, "html") || !strcmp(format, "xlsx") || tf_chart_kind_parse(format) >= 0)
        return 1;
    return -1;
}

tf_status tf_output_ready(const char *format, tf_error *err)
{
    return format && !strcmp(format, "xlsx") ? tf_xlsx_load(err) : TF_OK;
}

/* The charted formats other than xlsx, on an open stream. */
static tf_status write_stream(FILE *out, const char *format, const tf_chart_data *d,
                              const tf_report *r, const tf_chart_opts *o)
{
    int fmt = tf_output_format_parse(format);
    if (fmt >= 0)
        return tf_report_write(out, r, (tf_output_format)fmt);
    if (!strcmp(format, "html"))
        return tf_report_write_html(out, d, o);
    return tf_chart_write_svg(out, d, (tf_chart_kind)tf_chart_kind_parse(format), o);
}

tf_status tf_output_report(const char *path, const char *format, const tf_chart_data *d,
                           const tf_report *r, const tf_chart_opts *o)
{
    int charted = tf_output_charted(format);
    int to_stdout = !path || !strcmp(path, "-");
    if (charted < 0 || (charted && !d) || (!r && !d))
        return TF_ERR_USAGE;
    if (!r)
        r = d->report;
    int kind = tf_chart_kind_parse(format);
    if (kind >= 0 && !tf_chart_available(d, (tf_chart_kind)kind))
        return TF_ERR_NOT_FOUND;
    if (!strcmp(format, "xlsx"))
        return to_stdout ? TF_ERR_USAGE : tf_report_write_xlsx(path, d, o);
    FILE *out = to_stdout ? stdout : fopen(path, "w");
    if (!out)
        return TF_ERR_IO;
    tf_status st = write_stream(out, format, d, r, o);
    if (st == TF_OK && fflush(out) != 0)
        st = TF_ERR_IO;
    if (!to_stdout && fclose(out) != 0 && st == TF_OK)
        st = TF_ERR_IO;
    return st;
}
