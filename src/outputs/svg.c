/*
 * The report's charts as SVG: seasonal lines, partner stacks, net import
 * bars, the daily import P/L. Output is deterministic (fixed layout, numbers
 * printed to 0.1 px, no ids, no dates) so that the same data gives the same
 * bytes; every text that comes from data is XML-escaped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs.h"
#include "tradeflow/calendar.h"
#include "tradeflow/window.h"
#include "../common/util.h"
#include "../common/terms_zh.h"

#define W 640.0        /* width of every chart (px) */
#define PLOT_H 250.0   /* height of the plot area */
#define ML 70.0        /* left margin: y tick labels */
#define MR 16.0
#define MT 66.0        /* title and subtitle */
#define LEGEND_ROW 20.0

static const char *const mon3[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Okabe-Ito colours: distinguishable with colour-vision deficiencies. */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#F0E442"};
#define OTHER_COLOUR "#8c8c8c"
#define NOBREAK_COLOUR "#d9d9d9"

static const char *const kind_names[TF_CHART_COUNT] = {
    "seasonal-import", "seasonal-export", "seasonal-net-import", "partners", "net-import",
    "window"};

int tf_chart_kind_parse(const char *s)
{
    for (int k = 0; k < TF_CHART_COUNT; k++)
        if (s && !strcmp(s, kind_names[k]))
            return k;
    return -1;
}

const char *tf_chart_kind_name(tf_chart_kind k)
{
    return (int)k >= 0 && (int)k < TF_CHART_COUNT ? kind_names[k] : "";
}

void tf_xml_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n')
                fputc(*p, out); /* other control characters are not valid XML */
        }
    }
}

const char *tf_chart_partner_name(const tf_chart_data *d, const char *code, const char *name,
                                  int lang_zh)
{
    if (!lang_zh)
        return name;
    const tf_monthly_series *ss[2] = {d->recent, d->years};
    for (int s = 0; s < 2; s++)
        for (int f = 0; ss[s] && f < 2; f++)
            for (size_t i = 0; i < ss[s]->n_partners[f]; i++)
                if (!strcmp(ss[s]->partners[f][i].partner, code))
                    return ss[s]->partners[f][i].name_zh[0] ? ss[s]->partners[f][i].name_zh
                                                             : name;
    return name;
}

/* Width of s[0..n) in px at a font size, roughly: CJK characters are square. */
static double text_wn(const char *s, size_t n, double size)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + n && *p;
         p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE0 ? 1.0 : 0.53;
    }
    return w * size;
}

static double text_w(const char *s, double size) { return text_wn(s, strlen(s), size); }

#define MAX_LINES 6

/* Break s at spaces into at most MAX_LINES lines no wider than avail px
 * (a single long word overflows; the last line takes the rest). */
static int wrap(const char *s, double size, double avail, size_t start[MAX_LINES],
                size_t len[MAX_LINES])
{
    int n = 0;
    size_t pos = 0, total = strlen(s);
    while (pos < total && n < MAX_LINES) {
        size_t end = pos;
        while (end < total) {
            size_t next = end;
            while (next < total && s[next] == ' ')
                next++;
            while (next < total && s[next] != ' ') {
                unsigned char c = (unsigned char)s[next];
                next += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
                if (next > total)
                    next = total;
                if (c >= 0xE0)
                    break; /* Chinese breaks between characters */
            }
            if (end > pos && text_wn(s + pos, next - pos, size) > avail)
                break;
            end = next;
        }
        if (n == MAX_LINES - 1)
            end = total;
        start[n] = pos;
        len[n++] = end - pos;
        pos = end;
        while (pos < total && s[pos] == ' ')
            pos++;
    }
    if (n == 0) {
        start[0] = len[0] = 0;
        n = 1;
    }
    return n;
}

/* The lines of a wrapped text as <text> elements, baseline y then y + step. */
static void text_lines(FILE *out, const char *s, const size_t *start, const size_t *len, int n,
                       double y, double step, const char *attrs)
{
    for (int i = 0; i < n; i++) {
        char buf[1024];
        tf_copy(buf, sizeof buf, s + start[i], len[i]);
        fprintf(out, "<text x=\"12\" y=\"%.1f\" %s>", y + i * step, attrs);
        tf_xml_escape(out, buf);
        fputs("</text>\n", out);
    }
}

/* ---- the frame: axes, ticks, title, legend ---- */

typedef struct legend_item {
    const char *name;
    const char *colour;
    int line;      /* 1: a line swatch, 0: a box */
    double width;  /* stroke width of a line */
} legend_item;

typedef struct frame {
    FILE *out;
    double x0, y0, w, h;       /* plot area */
    double ymin, ymax, step;
    double height;             /* whole chart */
    int legend_rows;
    const char *source;        /* the source line(s) at the bottom */
    size_t src_start[MAX_LINES], src_len[MAX_LINES];
    int src_lines;
    int zh;                    /* the texts in Chinese (tf_chart_opts.lang_zh) */
} frame;

static double ypos(const frame *f, double v)
{
    return f->y0 + f->h - (v - f->ymin) / (f->ymax - f->ymin) * f->h;
}

/* A scale from lo..hi with about five round steps, always holding 0. */
static void scale(frame *f, double lo, double hi)
{
    if (lo > 0)
        lo = 0;
    if (hi < 0)
        hi = 0;
    if (hi - lo <= 0)
        hi = lo + 1;
    double raw = (hi - lo) / 5.0, mag = pow(10.0, floor(log10(raw))), n = raw / mag;
    double step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * mag;
    f->step = step;
    f->ymin = floor(lo / step + 1e-9) * step;
    f->ymax = ceil(hi / step - 1e-9) * step;
    if (f->ymax <= f->ymin)
        f->ymax = f->ymin + step;
}

static int legend_rows(const legend_item *it, size_t n)
{
    double x = 0, avail = W - ML - MR;
    int rows = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        double iw = 26 + text_w(it[i].name, 12) + 18;
        if (x > 0 && x + iw > avail) {
            rows++;
            x = 0;
        }
        x += iw;
    }
    return rows;
}

/* Decimals a tick label of a scale of this step needs to be exact: 0 for
 * 25 or 1,000, 1 for 2.5 or 0.5, 2 for 0.25, 4 for 0.0001 t (a few kg; before,
 * one decimal at most: ticks 0.25 and 0.75 read 0.2 and 0.8, ticks of 0.0001
 * all read 0.0, and 2.5 read 3). */
static int step_decimals(double step)
{
    int d = 0;
    for (double x = step; d < 6 && fabs(x - round(x)) > 1e-6 * x; x *= 10)
        d++;
    return d;
}

/* Open the SVG and draw title, subtitle, grid, y ticks and unit; long
 * texts wrap and the chart grows to hold them. */
static void frame_open(frame *f, FILE *out, const char *title, const char *subtitle,
                       const char *unit, const char *source, const legend_item *leg,
                       size_t n_leg)
{
    size_t ts[MAX_LINES], tl[MAX_LINES], ss[MAX_LINES], sl[MAX_LINES];
    int nt = wrap(title, 17 * 1.08, W - 24, ts, tl); /* bold is wider */
    int ns = wrap(subtitle, 12, W - 24, ss, sl);
    f->source = source;
    f->src_lines = wrap(source, 10.5, W - 24, f->src_start, f->src_len);
    double sub_y = 24 + 21 * (nt - 1) + 20;
    f->out = out;
    f->x0 = ML;
    f->y0 = sub_y + 16 * (ns - 1) + 22;
    f->w = W - ML - MR;
    f->h = PLOT_H;
    f->legend_rows = legend_rows(leg, n_leg);
    f->height = f->y0 + PLOT_H + 34 + f->legend_rows * LEGEND_ROW + 14 * f->src_lines + 12;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
            "height=\"%.0f\" role=\"img\" class=\"chart\" font-family=\"'Noto Sans', 'Noto Sans "
            "CJK SC', 'WenQuanYi Micro Hei', 'DejaVu Sans', Arial, sans-serif\" font-size=\"12\">\n",
            W, f->height, W, f->height);
    fputs("<title>", out);
    tf_xml_escape(out, title);
    fputs("</title>\n", out);
    fprintf(out, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W,
            f->height);
    text_lines(out, title, ts, tl, nt, 24, 21,
               "class=\"title\" font-size=\"17\" font-weight=\"bold\" fill=\"#222\"");
    text_lines(out, subtitle, ss, sl, ns, sub_y, 16, "class=\"subtitle\" fill=\"#555\"");
    /* grid and y tick labels; values (a currency) from a million scaled as the
     * report prints them: the axis in USD bn or USD mn */
    double top = fmax(fabs(f->ymin), fabs(f->ymax));
    double scale = strcmp(unit, "t") == 0 ? 1 : top >= 1e9 ? 1e9 : top >= 1e6 ? 1e6 : 1;
    char unit_label[32];
    if (f->zh)
        tf_fmt(unit_label, sizeof unit_label, "%s%s", scale == 1e9 ? "十亿" : scale == 1e6 ? "百万" : "",
               tf_zh_unit(unit));
    else
        tf_fmt(unit_label, sizeof unit_label, "%s%s", unit,
               scale == 1e9 ? " bn" : scale == 1e6 ? " mn" : "");
    fputs("<g class=\"y-axis\" fill=\"#444\" text-anchor=\"end\">\n", out);
    for (double v = f->ymin; v <= f->ymax + f->step * 1e-6; v += f->step) {
        double y = ypos(f, v);
        char num[64];
        tf_format_number(num, sizeof num, fabs(v) < f->step * 1e-6 ? 0 : v / scale,
                         step_decimals(f->step / scale));
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                "stroke-width=\"1\"/>",
                f->x0, y, f->x0 + f->w, y, fabs(v) < f->step * 1e-6 ? "#333" : "#e3e3e3");
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", f->x0 - 6, y + 4, num);
    }
    fprintf(out, "<text class=\"unit\" x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">", f->x0 - 6,
            f->y0 - 10);
    tf_xml_escape(out, unit_label);
    fputs("</text>\n</g>\n", out);
}

/* An x label centred at x (and a tick), moved in where it would run past
 * the chart's edge (a Chinese month, 2025年10月, under the last bar). */
static void x_label(const frame *f, double x, const char *text)
{
    double yb = f->y0 + f->h, half = text_w(text, 12) / 2;
    double tx = fmax(fmin(x, W - 2 - half), 2 + half);
    fprintf(f->out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>"
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#444\">",
            x, yb, x, yb + 5, tx, yb + 19);
    tf_xml_escape(f->out, text);
    fputs("</text>\n", f->out);
}

/* Legend under the x labels, the source line at the bottom; close the SVG. */
static void frame_close(frame *f, const legend_item *it, size_t n)
{
    FILE *out = f->out;
    double avail = W - ML - MR, x = 0, y = f->y0 + f->h + 34 + 12;
    fputs("<g class=\"legend\" fill=\"#222\">\n", out);
    for (size_t i = 0; i < n; i++) {
        double iw = 26 + text_w(it[i].name, 12) + 18;
        if (x > 0 && x + iw > avail) {
            x = 0;
            y += LEGEND_ROW;
        }
        double lx = f->x0 + x;
        if (it[i].line)
            fprintf(out,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    "stroke-width=\"%.1f\"/>",
                    lx, y - 4, lx + 20, y - 4, it[i].colour, it[i].width);
        else
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\" "
                    "stroke=\"#777\" stroke-width=\"0.5\"/>",
                    lx + 3, y - 10, it[i].colour);
        fprintf(out, "<text class=\"legend-item\" x=\"%.1f\" y=\"%.1f\">", lx + 26, y);
        tf_xml_escape(out, it[i].name);
        fputs("</text>\n", out);
        x += iw;
    }
    fputs("</g>\n", out);
    text_lines(out, f->source, f->src_start, f->src_len, f->src_lines,
               f->height - 10 - 14 * (f->src_lines - 1), 14,
               "class=\"source\" font-size=\"10.5\" fill=\"#666\"");
    fputs("</svg>\n", out);
}

/* ---- shared texts ---- */

static int zh(const tf_chart_opts *o) { return o && o->lang_zh; }

/* "HS 76011010, 76011090, reporter China"; in Chinese
 * "HS编码76011010、76011090，申报方：中国". */
static void scope_text(const tf_report *r, const tf_chart_opts *o, char *buf, size_t len)
{
    char codes[256] = "";
    for (size_t i = 0; i < r->n_codes; i++) {
        size_t u = strlen(codes);
        tf_fmt(codes + u, sizeof codes - u, "%s%s", i ? (zh(o) ? "、" : ", ") : "", r->codes[i]);
    }
    if (zh(o))
        tf_fmt(buf, len, "%s编码%s，申报方：%s", r->classification, codes,
               o->reporter_zh && o->reporter_zh[0] ? o->reporter_zh : r->reporter_name);
    else
        tf_fmt(buf, len, "%s %s, reporter %s", r->classification, codes, r->reporter_name);
}

/* A Source line's files (tf_sources_text, English) in Chinese brackets and
 * terms: "2024in.csv（gacc）；al-import-pl-daily.csv（进口盈亏，公布的序列）". */
static void files_zh(const char *en, char *buf, size_t len)
{
    char pl[96], rows[96];
    tf_fmt(pl, sizeof pl, "（%s，%s）", tf_zh(TF_ZH_IMPORT_PL), tf_zh(TF_ZH_PUBLISHED));
    tf_fmt(rows, sizeof rows, "；%s：", tf_zh(TF_ZH_ROW_SOURCES));
    const struct {
        const char *from, *to;
    } sub[] = {{" (published import P/L series)", pl},
               {"; compiled from the sources its rows name: ", rows},
               {" (", "（"}, {")", "）"}, {"; ", "；"}};
    size_t o = 0;
    buf[0] = '\0';
    for (const char *p = en; *p && o + 1 < len;) {
        size_t k = 0;
        while (k < sizeof sub / sizeof sub[0] && strncmp(p, sub[k].from, strlen(sub[k].from)))
            k++;
        if (k < sizeof sub / sizeof sub[0]) {
            tf_fmt(buf + o, len - o, "%s", sub[k].to);
            p += strlen(sub[k].from);
        } else {
            buf[o] = *p++;
            buf[o + 1] = '\0';
        }
        o = strlen(buf);
    }
}

/* The files chart k's figures come from (tf_sources_charted), never a fixed
 * text: an import chart does not name the export files. */
static void source_text(const tf_chart_data *d, tf_chart_kind k, const tf_chart_opts *o,
                        char *buf, size_t len)
{
    const tf_report *r = d->report;
    const char *files = (int)k >= 0 && k < 5 && d->chart_sources[k] ? d->chart_sources[k]
                                                                      : d->sources;
    if (zh(o)) {
        char f[2048];
        files_zh(files ? files : "", f, sizeof f);
        tf_fmt(buf, len, "%s：%s%s%s。缺失的月份留空。", tf_zh(TF_ZH_DATA_SOURCE),
               f[0] ? f : "tradeflow中存储的数据（文件见'tradeflow sources'）",
               r->as_of[0] ? "，截至" : "", r->as_of);
    } else if (files && files[0])
        tf_fmt(buf, len, "Source: %s%s%s. Missing months are left blank.", files,
               r->as_of[0] ? ", as of " : "", r->as_of);
    else
        tf_fmt(buf, len,
               "Source: the data stored in tradeflow (files listed by 'tradeflow sources')%s%s. "
               "Missing months are left blank.",
               r->as_of[0] ? ", as of " : "", r->as_of);
}

static void period_parts(const char *period, int *year, int *month)
{
    *year = (int)strtol(period, NULL, 10);
    *month = (int)strtol(period + 5, NULL, 10);
}

/* "May 2023" for "2023-05"; in Chinese "2023年5月". */
static void period_label(const char *period, int in_zh, char *buf, size_t len)
{
    int y, m;
    period_parts(period, &y, &m);
    if (in_zh)
        tf_zh_month(buf, len, period);
    else
        tf_fmt(buf, len, "%s %d", m >= 1 && m <= 12 ? mon3[m - 1] : "?", y);
}

/* ---- seasonal lines ---- */

static const char *measure_word(const tf_report *r)
{
    return r->measure_value ? "Value" : "Quantity";
}

/* "进口量" (flow f: 0 import, 1 export, 2 net import) in the report's measure. */
static void measure_zh(const tf_report *r, int f, char *buf, size_t len)
{
    tf_fmt(buf, len, "%s%s",
           tf_zh(f == 0 ? TF_ZH_IMPORT : f == 1 ? TF_ZH_EXPORT : TF_ZH_NET_IMPORT),
           tf_zh(r->measure_value ? TF_ZH_VALUE : TF_ZH_QUANTITY));
}

static const tf_opt *flow_values(const tf_monthly_series *s, tf_chart_kind k)
{
    return k == TF_CHART_SEASONAL_IMPORT ? s->total[0]
           : k == TF_CHART_SEASONAL_EXPORT ? s->total[1]
                                           : s->net_import;
}

/* A polyline through the points that have a value, broken at gaps, and a
 * circle on every point. xs/vs: n positions and values. */
static void line_series(const frame *f, const char *name, const char *colour, double width,
                        const double *xs, const tf_opt *vs, size_t n, double r)
{
    FILE *out = f->out;
    fputs("<g class=\"series\" data-name=\"", out);
    tf_xml_escape(out, name);
    fprintf(out, "\" stroke=\"%s\" fill=\"%s\">\n", colour, colour);
    int started = 0;
    for (size_t i = 0; i < n; i++) {
        if (!vs[i].has)
            continue;
        int prev = i > 0 && vs[i - 1].has, next = i + 1 < n && vs[i + 1].has;
        if (!prev && next) {
            fprintf(out, "<path fill=\"none\" stroke-width=\"%.1f\" stroke-linejoin=\"round\" "
                         "d=\"M%.1f %.1f", width, xs[i], ypos(f, vs[i].v));
            started = 1;
        } else if (prev) {
            fprintf(out, " L%.1f %.1f", xs[i], ypos(f, vs[i].v));
            if (!next)
                fputs("\"/>\n", out);
        }
    }
    (void)started;
    for (size_t i = 0; i < n; i++)
        if (vs[i].has)
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" stroke=\"none\"/>", xs[i],
                    ypos(f, vs[i].v), r);
    fputs("\n</g>\n", out);
}

static tf_status seasonal(FILE *out, const tf_chart_data *d, tf_chart_kind k,
                          const tf_chart_opts *o)
{
    const tf_report *r = d->report;
    const tf_monthly_series *s = d->years;
    int year, month, y0;
    period_parts(r->period, &year, &month);
    period_parts(s->from, &y0, &month);
    const tf_opt *v = flow_values(s, k);
    /* years with at least one month of data, oldest first */
    int years[5], ny = 0;
    tf_opt vals[5][12];
    double lo = 0, hi = 0;
    for (int y = year - 4; y <= year; y++) {
        int any = 0;
        for (int m = 0; m < 12; m++) {
            long idx = (long)(y - y0) * 12 + m;
            tf_opt x = {0, 0};
            if (idx >= 0 && idx < (long)s->n_months)
                x = v[idx];
            vals[ny][m] = x;
            if (x.has) {
                any = 1;
                lo = x.v < lo ? x.v : lo;
                hi = x.v > hi ? x.v : hi;
            }
        }
        if (any)
            years[ny++] = y;
    }
    static const char *const year_colour[5] = {"#b8b8b8", "#CC79A7", "#009E73", "#0072B2",
                                               "#D55E00"};
    legend_item leg[5];
    char names[5][16];
    for (int i = 0; i < ny; i++) {
        tf_fmt(names[i], sizeof names[i], "%d", years[i]);
        leg[i].name = names[i];
        leg[i].colour = year_colour[5 - ny + i];
        leg[i].line = 1;
        leg[i].width = years[i] == year ? 3.0 : 1.6;
    }
    char title[256], sub[512], scope[320], src[2200], what[32];
    tf_chart_title_in(d, k, o, title, sizeof title);
    scope_text(r, o, scope, sizeof scope);
    if (zh(o)) {
        measure_zh(r, (int)k, what, sizeof what);
        tf_fmt(sub, sizeof sub, "%s。%s，单位：%s，每年一条线%s", scope, what,
               tf_zh_unit(tf_out_unit(r)), k == TF_CHART_SEASONAL_NET ? "；净进口 = 进口 - 出口" : "");
    } else {
        tf_fmt(sub, sizeof sub, "%s. %s in %s, one line per year%s", scope, measure_word(r),
               tf_out_unit(r), k == TF_CHART_SEASONAL_NET ? "; net imports = imports - exports" : "");
    }
    source_text(d, k, o, src, sizeof src);
    frame f;
    f.zh = zh(o);
    scale(&f, lo, hi);
    frame_open(&f, out, title, sub, tf_out_unit(r), src, leg, (size_t)ny);
    double xs[12];
    for (int m = 0; m < 12; m++) {
        char lab[16];
        tf_fmt(lab, sizeof lab, "%d月", m + 1);
        xs[m] = f.x0 + (m + 0.5) * f.w / 12.0;
        x_label(&f, xs[m], f.zh ? lab : mon3[m]);
    }
    for (int i = 0; i < ny; i++)
        line_series(&f, names[i], leg[i].colour, leg[i].width, xs, vals[i], 12,
                    years[i] == year ? 3.5 : 2.5);
    frame_close(&f, leg, (size_t)ny);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

/* ---- monthly bars over the recent months ---- */

/* x labels of n monthly slots: every third month, ending on the last one. */
static void month_labels(const frame *f, const tf_monthly_series *s)
{
    double slot = f->w / (double)s->n_months;
    for (size_t k = 0; k < s->n_months; k++) {
        if ((s->n_months - 1 - k) % 3)
            continue;
        char lab[24];
        period_label(s->periods[k], f->zh, lab, sizeof lab);
        x_label(f, f->x0 + (k + 0.5) * slot, lab);
    }
}

static void bar(FILE *out, double x, double w, double ya, double yb, const char *period,
                double v, const char *unit)
{
    double top = ya < yb ? ya : yb, h = fabs(yb - ya);
    char num[64];
    /* t as the text report rounds below 1,000 t (to 0.1 t, the kg below 1 t;
     * before, a bar of 0.5 kg said 0 t); whole t above, values whole */
    double a = fabs(v);
    int t = strcmp(unit, "t") == 0;
    tf_format_number(num, sizeof num, v, !t || a == 0 || a >= 999.95 ? 0 : a >= 1 ? 1 : 3);
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %s %s</title></rect>",
            x, top, w, h < 0.5 ? 0.5 : h, period, num, unit);
}

static tf_status partners(FILE *out, const tf_chart_data *d, const tf_chart_opts *o)
{
    const tf_report *r = d->report;
    const tf_monthly_series *s = d->recent;
    size_t top = o && o->top > 0 ? (size_t)o->top : 5, np = 0;
    while (np < top && np < s->n_partners[0] && s->partners[0][np].total > 0)
        np++;
    if (np > sizeof palette / sizeof palette[0])
        np = sizeof palette / sizeof palette[0];
    int nobreak = 0, any_other = 0;
    double hi = 0;
    for (size_t k = 0; k < s->n_months; k++) {
        if (!s->total[0][k].has)
            continue;
        hi = s->total[0][k].v > hi ? s->total[0][k].v : hi;
        if (!s->has_partners[0][k])
            nobreak = 1;
        else {
            double sum = 0;
            for (size_t i = 0; i < np; i++)
                sum += s->partners[0][i].quantity[k].v;
            any_other |= s->total[0][k].v - sum > 0.0005;
            hi = sum > hi ? sum : hi;
        }
    }
    legend_item leg[16];
    size_t nl = 0;
    for (size_t i = 0; i < np; i++) {
        leg[nl].name = tf_chart_partner_name(d, s->partners[0][i].partner, s->partners[0][i].name,
                                            o && o->lang_zh);
        leg[nl].colour = palette[i];
        leg[nl].line = 0;
        nl++;
    }
    if (any_other) {
        leg[nl].name = zh(o) ? tf_zh(TF_ZH_OTHER) : "Other";
        leg[nl].colour = OTHER_COLOUR;
        leg[nl++].line = 0;
    }
    if (nobreak) {
        leg[nl].name = zh(o) ? "合计（无来源细分）" : "Total, no partner breakdown";
        leg[nl].colour = NOBREAK_COLOUR;
        leg[nl++].line = 0;
    }
    char title[256], sub[512], scope[320], src[2200], what[32];
    tf_chart_title_in(d, TF_CHART_PARTNERS, o, title, sizeof title);
    scope_text(r, o, scope, sizeof scope);
    if (zh(o)) {
        measure_zh(r, 0, what, sizeof what);
        tf_fmt(sub, sizeof sub, "%s。%s，单位：%s；本期前几大来源，其余计入%s", scope, what,
               tf_zh_unit(tf_out_unit(r)), tf_zh(TF_ZH_OTHER));
    } else {
        tf_fmt(sub, sizeof sub, "%s. %s in %s; top partners of the period, the rest as Other",
               scope, measure_word(r), tf_out_unit(r));
    }
    source_text(d, TF_CHART_PARTNERS, o, src, sizeof src);
    frame f;
    f.zh = zh(o);
    scale(&f, 0, hi);
    frame_open(&f, out, title, sub, tf_out_unit(r), src, leg, nl);
    double slot = f.w / (double)s->n_months, bw = slot * 0.72;
    /* one group per series; rects stacked month by month */
    double *base = calloc(s->n_months ? s->n_months : 1, sizeof *base);
    if (!base)
        return TF_ERR_NOMEM;
    for (size_t l = 0; l < nl; l++) {
        fputs("<g class=\"series\" data-name=\"", out);
        tf_xml_escape(out, leg[l].name);
        fprintf(out, "\" fill=\"%s\">\n", leg[l].colour);
        for (size_t k = 0; k < s->n_months; k++) {
            if (!s->total[0][k].has)
                continue;
            double v = 0;
            if (l < np) {
                if (!s->has_partners[0][k])
                    continue;
                v = s->partners[0][l].quantity[k].v;
            } else if (any_other && l == np) {
                if (!s->has_partners[0][k])
                    continue;
                double sum = 0;
                for (size_t i = 0; i < np; i++)
                    sum += s->partners[0][i].quantity[k].v;
                v = s->total[0][k].v - sum;
            } else {
                if (s->has_partners[0][k])
                    continue;
                v = s->total[0][k].v;
            }
            if (v <= 0.0005)
                continue;
            double x = f.x0 + k * slot + (slot - bw) / 2;
            bar(out, x, bw, ypos(&f, base[k]), ypos(&f, base[k] + v), s->periods[k], v,
                f.zh ? tf_zh_unit(tf_out_unit(r)) : tf_out_unit(r));
            base[k] += v;
        }
        fputs("\n</g>\n", out);
    }
    free(base);
    month_labels(&f, s);
    frame_close(&f, leg, nl);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

static tf_status net_bars(FILE *out, const tf_chart_data *d, const tf_chart_opts *o)
{
    const tf_report *r = d->report;
    const tf_monthly_series *s = d->recent;
    double lo = 0, hi = 0;
    for (size_t k = 0; k < s->n_months; k++)
        if (s->net_import[k].has) {
            lo = s->net_import[k].v < lo ? s->net_import[k].v : lo;
            hi = s->net_import[k].v > hi ? s->net_import[k].v : hi;
        }
    legend_item leg[2] = {{zh(o) ? tf_zh(TF_ZH_NET_IMPORT) : "Net imports", "#0072B2", 0, 0},
                          {zh(o) ? tf_zh(TF_ZH_NET_EXPORT) : "Net exports", "#D55E00", 0, 0}};
    size_t nl = lo < 0 ? 2 : 1;
    int year, month;
    period_parts(r->period, &year, &month);
    char title[256], sub[512], scope[320], src[2200];
    tf_chart_title_in(d, TF_CHART_NET_IMPORT, o, title, sizeof title);
    scope_text(r, o, scope, sizeof scope);
    char pf[24], pt[24];
    period_label(s->from, zh(o), pf, sizeof pf);
    period_label(s->to, zh(o), pt, sizeof pt);
    if (zh(o))
        tf_fmt(sub, sizeof sub, "%s。月度%s（%s - %s），单位：%s，%s至%s", scope,
               tf_zh(TF_ZH_NET_IMPORT), tf_zh(TF_ZH_IMPORT), tf_zh(TF_ZH_EXPORT),
               tf_zh_unit(tf_out_unit(r)), pf, pt);
    else
        tf_fmt(sub, sizeof sub, "%s. Monthly net imports (imports - exports) in %s, %s to %s",
               scope, tf_out_unit(r), pf, pt);
    source_text(d, TF_CHART_NET_IMPORT, o, src, sizeof src);
    frame f;
    f.zh = zh(o);
    scale(&f, lo, hi);
    frame_open(&f, out, title, sub, tf_out_unit(r), src, leg, nl);
    double slot = f.w / (double)s->n_months, bw = slot * 0.72;
    for (size_t l = 0; l < nl; l++) {
        fprintf(out, "<g class=\"series\" data-name=\"%s\" fill=\"%s\">\n", leg[l].name,
                leg[l].colour);
        for (size_t k = 0; k < s->n_months; k++) {
            if (!s->net_import[k].has || (l == 0) != (s->net_import[k].v >= 0))
                continue;
            double x = f.x0 + k * slot + (slot - bw) / 2;
            bar(out, x, bw, ypos(&f, 0), ypos(&f, s->net_import[k].v), s->periods[k],
                s->net_import[k].v, f.zh ? tf_zh_unit(tf_out_unit(r)) : tf_out_unit(r));
        }
        fputs("\n</g>\n", out);
    }
    month_labels(&f, s);
    frame_close(&f, leg, nl);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

/* ---- daily import P/L ---- */

/* The window chart's Source line: the cost formula where the computed
 * series is drawn, the published series' files where that one is. */
static void window_source(const tf_chart_data *d, const int has[2], int in_zh, char *buf,
                          size_t len)
{
    char files[1024] = "";
    const char *all = d->chart_sources[5] ? d->chart_sources[5] : d->sources ? d->sources : "";
    static const char pl[] = " (published import P/L series)";
    for (const char *p = all; has[1] && *p;) { /* the P/L items of the page's list */
        const char *end = strstr(p, "; ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > sizeof pl - 1 && !strncmp(p + n - (sizeof pl - 1), pl, sizeof pl - 1)) {
            size_t u = strlen(files);
            tf_fmt(files + u, sizeof files - u, "%s%.*s", u ? (in_zh ? "、" : ", ") : "",
                   (int)(n - (sizeof pl - 1)), p);
        }
        p = end ? end + 2 : p + n;
    }
    const char *formula = in_zh ? "进口成本 = (LME + 升水) × 美元兑人民币汇率 × (1 + 关税) × "
                                  "(1 + 增值税) + 杂费；盈亏 = 上海现货 - 进口成本"
                                : "import cost = (LME + premium) x USD/CNY x (1 + duty) x "
                                  "(1 + VAT) + misc; P/L = Shanghai spot - import cost";
    if (in_zh)
        tf_fmt(buf, len, "%s：%s%s%s%s%s%s。无数据的日期留空。", tf_zh(TF_ZH_DATA_SOURCE),
               has[0] ? "由已存价格计算，" : "", has[0] ? formula : "", has[0] && has[1] ? "；" : "",
               has[1] ? tf_zh(TF_ZH_PUBLISHED) : "", has[1] && files[0] ? "：" : "", files);
    else
        tf_fmt(buf, len, "Source: %s%s%s%s%s%s. Days without a figure are left blank.",
               has[0] ? "computed from the stored prices, " : "", has[0] ? formula : "",
               has[0] && has[1] ? "; " : "", has[1] ? "the published series" : "",
               has[1] && files[0] ? ", " : "", files);
}

static tf_status window_chart(FILE *out, const tf_chart_data *d, const tf_chart_opts *o)
{
    const tf_window_series *w = d->window;
    if (!w || !w->n_days)
        return TF_ERR_NOT_FOUND;
    size_t n = w->n_days;
    double *xs = calloc(n, sizeof *xs);
    tf_opt *v[2];
    v[0] = calloc(n, sizeof *v[0]);
    v[1] = calloc(n, sizeof *v[1]);
    if (!xs || !v[0] || !v[1]) {
        free(xs);
        free(v[0]);
        free(v[1]);
        return TF_ERR_NOMEM;
    }
    double lo = 0, hi = 0;
    int has[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (w->days[i].has_spot) {
            v[0][i].has = has[0] = 1;
            v[0][i].v = w->days[i].spot.pl;
        }
        if (w->days[i].has_published) {
            v[1][i].has = has[1] = 1;
            v[1][i].v = w->days[i].published_pl;
        }
        for (int s = 0; s < 2; s++)
            if (v[s][i].has) {
                lo = v[s][i].v < lo ? v[s][i].v : lo;
                hi = v[s][i].v > hi ? v[s][i].v : hi;
            }
    }
    legend_item leg[2];
    size_t nl = 0;
    int which[2];
    if (has[0]) {
        leg[nl] = (legend_item){zh(o) ? "现货进口盈亏（由已存价格计算）"
                                      : "Spot import P/L, computed from stored prices",
                                "#0072B2", 1, 2};
        which[nl++] = 0;
    }
    if (has[1]) {
        leg[nl] = (legend_item){zh(o) ? "现货进口盈亏（公布值）" : "Spot import P/L, published",
                                "#D55E00", 1, 2};
        which[nl++] = 1;
    }
    char title[256], sub[512], src[2200];
    tf_chart_title_in(d, TF_CHART_WINDOW, o, title, sizeof title);
    if (zh(o))
        tf_fmt(sub, sizeof sub, "%s%s，最惠国关税。单位：%s；低于零时进口窗口关闭（进口亏损）",
               tf_zh(TF_ZH_HS_CODE), w->hs, tf_zh(TF_ZH_CNY_PER_T));
    else
        tf_fmt(sub, sizeof sub,
               "HS %s, MFN duty. CNY/t; below zero the import window is closed (imports lose "
               "money)", w->hs);
    window_source(d, has, zh(o), src, sizeof src);
    frame f;
    f.zh = zh(o);
    scale(&f, lo, hi);
    frame_open(&f, out, title, sub, "CNY/t", src, leg, nl);
    long d0 = tf_day_number(w->days[0].date), d1 = tf_day_number(w->days[n - 1].date);
    double span = d1 > d0 ? (double)(d1 - d0) : 1.0;
    for (size_t i = 0; i < n; i++)
        xs[i] = f.x0 + 6 + (double)(tf_day_number(w->days[i].date) - d0) / span * (f.w - 12);
    /* a label on the first day of each month */
    char last[8] = "";
    for (size_t i = 0; i < n; i++) {
        if (!strncmp(w->days[i].date, last, 7))
            continue;
        tf_copy(last, sizeof last, w->days[i].date, 7);
        char lab[24];
        period_label(last, f.zh, lab, sizeof lab);
        double x = f.x0 + 6 + (double)(tf_day_number(w->days[i].date) - d0) / span * (f.w - 12);
        x_label(&f, x, lab);
    }
    double y0 = ypos(&f, 0);
    fprintf(out,
            "<line class=\"zero\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" "
            "stroke-width=\"1.5\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
            "font-size=\"10.5\" fill=\"#333\">0 = %s</text>\n",
            f.x0, y0, f.x0 + f.w, y0, f.x0 + f.w - 2, y0 - 4, f.zh ? "盈亏平衡" : "break-even");
    for (size_t l = 0; l < nl; l++)
        line_series(&f, leg[l].name, leg[l].colour, 2, xs, v[which[l]], n, 1.8);
    frame_close(&f, leg, nl);
    free(xs);
    free(v[0]);
    free(v[1]);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

int tf_chart_available(const tf_chart_data *d, tf_chart_kind k)
{
    if (!d || !d->report || !d->years || !d->recent)
        return 0;
    if (k == TF_CHART_WINDOW)
        return d->window && d->window->n_days > 0;
    /* the other charts need at least one month with a value */
    const tf_monthly_series *s = k == TF_CHART_PARTNERS || k == TF_CHART_NET_IMPORT ? d->recent
                                                                                 : d->years;
    const tf_opt *v = k == TF_CHART_SEASONAL_EXPORT                             ? s->total[1]
                      : k == TF_CHART_SEASONAL_NET || k == TF_CHART_NET_IMPORT ? s->net_import
                                                                                : s->total[0];
    if ((int)k < 0 || (int)k >= TF_CHART_COUNT)
        return 0;
    for (size_t i = 0; i < s->n_months; i++)
        if (v[i].has)
            return 1;
    return 0;
}

tf_status tf_chart_write_svg(FILE *out, const tf_chart_data *d, tf_chart_kind k,
                             const tf_chart_opts *o)
{
    if (!tf_chart_available(d, k))
        return TF_ERR_NOT_FOUND;
    switch (k) {
    case TF_CHART_SEASONAL_IMPORT:
    case TF_CHART_SEASONAL_EXPORT:
    case TF_CHART_SEASONAL_NET: return seasonal(out, d, k, o);
    case TF_CHART_PARTNERS: return partners(out, d, o);
    case TF_CHART_NET_IMPORT: return net_bars(out, d, o);
    case TF_CHART_WINDOW: return window_chart(out, d, o);
    }
    return TF_ERR_USAGE;
}
