/*
 * The report as one self-contained HTML page: headline figures, the text
 * report and the charts as inline SVG. No scripts, no external styles,
 * fonts or images; a phone-width layout and an A4 print style. Every text
 * from data is escaped.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs.h"
#include "../common/util.h"

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static const char css[] =
    "body{font-family:'Noto Sans','Noto Sans CJK SC','WenQuanYi Micro Hei','DejaVu Sans',Arial,sans-serif;"
    "margin:0 auto;padding:12px;max-width:820px;color:#222;line-height:1.4}\n"
    "h1{font-size:1.45em;margin:.3em 0}h2{font-size:1.15em;margin:1.2em 0 .4em;"
    "border-bottom:1px solid #ddd}\n"
    ".scope{color:#555;margin:0 0 .8em}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:8px}\n"
    ".card{flex:1 1 200px;border:1px solid #ddd;border-radius:6px;padding:8px 10px}\n"
    ".card .k{color:#555;font-size:.9em}.card .v{font-size:1.35em;font-weight:bold}\n"
    ".card .c{font-size:.85em;color:#444}\n"
    "pre{overflow-x:auto;font-size:12px;background:#f7f7f7;padding:8px;border-radius:4px}\n"
    "figure{margin:14px 0;break-inside:avoid;page-break-inside:avoid}\n"
    "svg.chart{width:100%;height:auto;display:block}\n"
    "@media (max-width:560px){figure{overflow-x:auto}svg.chart{min-width:520px}}\n"
    /* wide screens: long note lines wrap instead of scrolling the whole block
     * sideways (tables fit: the partner table's 124 columns at 10px, 0.6em a
     * character, take 746 of the page's 780 px); phones keep the columns and scroll */
    "@media (min-width:561px){pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:10px}}\n"
    "footer{color:#666;font-size:.85em;margin-top:1.5em;border-top:1px solid #ddd;"
    "padding-top:.5em}\n"
    "@media print{@page{size:A4;margin:14mm}body{max-width:none;padding:0}"
    "pre{white-space:pre-wrap;font-size:6.8pt;background:none}h2{break-after:avoid}}\n";

/* A figure in the report's unit (t as notes round them: to the hundred from
 * 1,000 t, else to 0.1 t; or the currency). */
static void fmt_t(const tf_report *r, char *buf, size_t len, tf_opt v)
{
    tf_out_figure(buf, len, v, tf_out_unit(r));
}

static void fmt_pct(char *buf, size_t len, tf_opt v)
{
    tf_out_pct(buf, len, v, "%");
}

static void card(FILE *out, const tf_report *r, const char *what, const tf_flow_figures *f,
                 const char *ytd_label)
{
    char q[64], mom[32], yoy[32], ytd[64], ytdy[32];
    fmt_t(r, q, sizeof q, f->quantity);
    fmt_pct(mom, sizeof mom, f->mom_pct);
    fmt_pct(yoy, sizeof yoy, f->yoy_pct);
    fmt_t(r, ytd, sizeof ytd, f->ytd);
    fmt_pct(ytdy, sizeof ytdy, f->ytd_yoy_pct);
    fprintf(out,
            "<div class=\"card\"><div class=\"k\">%s</div><div class=\"v\">%s</div>"
            "<div class=\"c\">MoM %s &middot; YoY %s</div>"
            "<div class=\"c\">YTD %s: %s (YoY %s)</div></div>\n",
            what, q, mom, yoy, ytd_label, ytd, ytdy);
}

/* A copy of the report whose partner and trade-mode names are in the chosen
 * language (the arrays are copied; the rest is shared). bufs[8] receives the
 * copies, for the caller to free. */
static tf_status localised(const tf_chart_data *d, int lang_zh, tf_report *copy, void **bufs)
{
    *copy = *d->report;
    for (int i = 0; i < 8; i++)
        bufs[i] = NULL;
    if (!lang_zh)
        return TF_OK;
    tf_breakdown *b[2] = {&copy->import_breakdown, &copy->export_breakdown};
    for (int f = 0; f < 2; f++) {
        tf_partner_figures **arr[2] = {&b[f]->partners, &b[f]->absent};
        size_t n[2] = {b[f]->n_partners, b[f]->n_absent};
        for (int k = 0; k < 2; k++) {
            if (!n[k])
                continue;
            tf_partner_figures *p = malloc(n[k] * sizeof *p);
            if (!p)
                return TF_ERR_NOMEM;
            memcpy(p, *arr[k], n[k] * sizeof *p);
            for (size_t i = 0; i < n[k]; i++)
                tf_scopy(p[i].name, sizeof p[i].name,
                         tf_chart_partner_name(d, p[i].partner, p[i].name, 1));
            *arr[k] = bufs[4 * f + k] = p;
        }
        tf_mode_figures **marr[2] = {&b[f]->modes, &b[f]->vanished_modes};
        size_t mn[2] = {b[f]->n_modes, b[f]->n_vanished_modes};
        for (int k = 0; k < 2; k++) {
            if (!mn[k])
                continue;
            tf_mode_figures *md = malloc(mn[k] * sizeof *md);
            if (!md)
                return TF_ERR_NOMEM;
            memcpy(md, *marr[k], mn[k] * sizeof *md);
            for (size_t i = 0; i < mn[k]; i++)
                tf_scopy(md[i].name, sizeof md[i].name, tf_out_mode_name(&md[i], 1));
            *marr[k] = bufs[4 * f + 2 + k] = md;
        }
    }
    return TF_OK;
}

tf_status tf_report_write_html(FILE *out, const tf_chart_data *d, const tf_chart_opts *o)
{
    const tf_report *r = d->report;
    int lang_zh = o && o->lang_zh;
    int year = (int)strtol(r->period, NULL, 10), month = (int)strtol(r->period + 5, NULL, 10);
    const char *mname = month >= 1 && month <= 12 ? month_names[month - 1] : "";
    /* the text report, with the partner names in the chosen language */
    tf_report copy;
    void *bufs[8];
    tf_status st = localised(d, lang_zh, &copy, bufs);
    char *text = NULL;
    size_t text_len = 0;
    FILE *mem = st == TF_OK ? open_memstream(&text, &text_len) : NULL;
    if (st == TF_OK && !mem)
        st = TF_ERR_NOMEM;
    if (st == TF_OK) {
        st = tf_report_write(mem, &copy, TF_OUT_TEXT);
        if (fclose(mem) != 0 && st == TF_OK)
            st = TF_ERR_NOMEM;
    }
    for (int i = 0; i < 8; i++)
        free(bufs[i]);
    if (st != TF_OK) {
        free(text);
        return st;
    }
    char scope[320] = "";
    for (size_t i = 0; i < r->n_codes; i++) {
        size_t u = strlen(scope);
        tf_fmt(scope + u, sizeof scope - u, "%s%s", i ? ", " : "", r->codes[i]);
    }
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'\">\n"
                 "<title>", lang_zh ? "zh" : "en");
    tf_xml_escape(out, r->product_name);
    fprintf(out, " &mdash; %s %d</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
            mname, year, css);
    tf_xml_escape(out, r->reporter_name);
    fputs(" &middot; ", out);
    tf_xml_escape(out, r->product_name);
    fprintf(out, " &middot; %s %d</h1>\n<p class=\"scope\">", mname, year);
    tf_xml_escape(out, r->classification);
    fputc(' ', out);
    tf_xml_escape(out, scope);
    fputs(r->as_of[0] ? " &middot; figures as of " : "", out);
    tf_xml_escape(out, r->as_of);
    fputs("</p>\n</header>\n<section class=\"cards\">\n", out);
    char ytd_label[64];
    tf_fmt(ytd_label, sizeof ytd_label, "Jan-%.3s %d", mname, year);
    card(out, r, "Imports", &r->import, ytd_label);
    card(out, r, "Exports", &r->export, ytd_label);
    card(out, r, "Net imports", &r->net_import, ytd_label);
    fputs("</section>\n<h2>Report</h2>\n<pre class=\"report\">", out);
    tf_xml_escape(out, text);
    free(text);
    fputs("</pre>\n<h2>Charts</h2>\n", out);
    for (int k = 0; k < TF_CHART_COUNT; k++) {
        if (!tf_chart_available(d, (tf_chart_kind)k))
            continue;
        fprintf(out, "<figure class=\"chart-%s\">\n", tf_chart_kind_name((tf_chart_kind)k));
        st = tf_chart_write_svg(out, d, (tf_chart_kind)k, o);
        if (st != TF_OK)
            return st;
        fputs("</figure>\n", out);
    }
    fputs("<footer>Source: ", out);
    /* every file the page draws from: the charts reach back four years */
    tf_xml_escape(out, d->chart_sources[5] && d->chart_sources[5][0] ? d->chart_sources[5]
                                                                      : "the data stored in tradeflow");
    fprintf(out, ", as stored in tradeflow %s (the files are listed by <code>tradeflow "
                 "sources</code>). Net imports = imports &minus; exports; MoM, YoY and YTD as "
                 "defined in the tradeflow README. n/a = no value.</footer>\n</body>\n</html>\n",
            tf_version());
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
