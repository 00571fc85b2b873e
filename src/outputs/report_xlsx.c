/*
 * The report as an Excel workbook (libxlsxwriter): the figures with number
 * formats, formulas where an analyst would write them (net import =
 * import - export, MoM, YoY, YTD over the Monthly sheet, shares over the
 * month's total), the data sheets and native charts equivalent to the SVG
 * ones. Text from data goes through worksheet_write_string, which stores a
 * string cell: a name such as "=cmd" is shown as text, never evaluated.
 * Sheet names are fixed, at most 31 characters and without []:*?/\.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs.h"
#include "../common/xlsx_lib.h" /* libxlsxwriter, loaded at run time */
#include "tradeflow/window.h"
#include "../common/util.h"

static const char *const mon3[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

#define MAX_COLS 32 /* columns a sheet's width tracking covers */

typedef struct book {
    lxw_workbook *wb;
    lxw_format *bold, *t, *pct, *pp, *title, *wrap, *cny;
    lxw_format *t1, *t3; /* t below 1,000 t and below 1 t (t_format) */
    double t_max;        /* the largest figure in t written so far (chart axes) */
    const tf_chart_data *d;
    const tf_chart_opts *o;
    const char *unit; /* the report's unit: "t", or the currency of a value report */
    int err;
    /* the sheet being written: its columns' widths (characters: the widest
     * heading or number + 2), its last row and column, for the print setup */
    lxw_worksheet *cur;
    double width[MAX_COLS];
    int last_row, last_col;
} book;

/* "A", "B", ... "AA" for a 0-based column. */
static void col_name(int col, char *buf, size_t len)
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        int r = (col - 1) % 26;
        tmp[n++] = (char)('A' + r);
        col = (col - 1) / 26;
    }
    size_t o = 0;
    while (n > 0 && o + 1 < len)
        buf[o++] = tmp[--n];
    buf[o] = '\0';
}

/* "B12" for 0-based row and column. */
static void cell_ref(int row, int col, char *buf, size_t len)
{
    char c[8];
    col_name(col, c, sizeof c);
    tf_fmt(buf, len, "%s%d", c, row + 1);
}

/* A text cell; a heading's "(t)" becomes the report's unit ("(USD)" in a
 * report that measures value). */
/* Columns a text takes: CJK characters (3-byte UTF-8 and more) count two. */
static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE0 ? 2 : 1;
    return w;
}

/* Note a cell of the current sheet: its extent, and a column width that
 * fits `w` characters (0: the cell does not size its column). */
static void extent(book *b, lxw_worksheet *ws, int row, int col, double w)
{
    if (ws != b->cur)
        return;
    if (row > b->last_row)
        b->last_row = row;
    if (col > b->last_col)
        b->last_col = col;
    if (col < MAX_COLS && w + 2 > b->width[col])
        b->width[col] = w + 2;
}

static void str(book *b, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    char buf[128];
    const char *u = strstr(s, "(t)");
    if (u && b->unit && strcmp(b->unit, "t") != 0) {
        int quantity = !strncmp(s, "Quantity (t)", 12); /* a value report's figure is a value */
        tf_fmt(buf, sizeof buf, "%.*s(%s)%s", quantity ? 6 : (int)(u - s),
               quantity ? "Value " : s, b->unit, u + 3);
        s = buf;
    }
    if (worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f) != LXW_NO_ERROR)
        b->err = 1;
    /* headings (bold) and short texts size their column; a long text (a note,
     * the sources) runs over the empty cells beside it */
    extent(b, ws, row, col, f == b->bold || text_width(s) <= 24 ? text_width(s) : 0);
}

/* Characters a number takes in the "#,##0" and "0.0%" formats (pct: a
 * fraction shown as %). */
static double num_width(double v, int pct)
{
    char buf[64];
    if (!isfinite(v) || fabs(v) >= 1e15)
        return 20;
    int n = snprintf(buf, sizeof buf, "%.0f", fabs(pct ? v * 100 : v));
    return n + (n - 1) / 3 + 3; /* digits, thousands separators, sign, decimals */
}

/* A text that runs over the empty cells beside it and sizes no column. */
static void str_over(book *b, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f) != LXW_NO_ERROR)
        b->err = 1;
    extent(b, ws, row, col, 0);
}

/* The format of a figure v written with f: a figure in t is shown as the
 * text report rounds it (README, How figures are computed), whole t from
 * 1,000 t, to 0.1 t from 1 t, to the kilogram below 1 t (0.5 kg: 0.001 t,
 * 1,234.567 kg: 1.2 t, where "#,##0" showed 0 and 1); 0 and a value report's
 * figures (CNY, USD) stay whole. */
static lxw_format *t_format(book *b, lxw_format *f, double v)
{
    if (f == b->t && fabs(v) > b->t_max)
        b->t_max = fabs(v);
    if (f != b->t || strcmp(b->unit, "t") != 0 || v == 0 || fabs(v) >= 1000)
        return f;
    return fabs(v) >= 1 ? b->t1 : b->t3;
}

/* Characters v takes in format f (num_width, and the decimals of t3). */
static double fmt_width(const book *b, double v, lxw_format *f)
{
    return num_width(v, f == b->pct) + (f == b->t3 ? 2 : 0);
}

static void num(book *b, lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
    f = t_format(b, f, v);
    if (worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f) != LXW_NO_ERROR)
        b->err = 1;
    extent(b, ws, row, col, fmt_width(b, v, f));
}

static void opt_num(book *b, lxw_worksheet *ws, int row, int col, tf_opt v, lxw_format *f)
{
    if (v.has)
        num(b, ws, row, col, v.v, f);
    else
        str(b, ws, row, col, "n/a", NULL);
}

static void formula(book *b, lxw_worksheet *ws, int row, int col, const char *fx, double cached,
                    lxw_format *f)
{
    f = t_format(b, f, cached);
    if (worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, fx, f, cached) !=
        LXW_NO_ERROR)
        b->err = 1;
    extent(b, ws, row, col, fmt_width(b, cached, f));
}

/* ---- sheets and their print setup ---- */

/* Columns first..last of the current sheet at least w characters wide. */
static void min_cols(book *b, int first, int last, double w)
{
    for (int c = first; c <= last && c < MAX_COLS; c++)
        if (b->width[c] < w)
            b->width[c] = w;
}

/* A new sheet, made the current one (widths and extent tracked from here). */
static lxw_worksheet *sheet_new(book *b, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        b->err = 1;
    b->cur = ws;
    memset(b->width, 0, sizeof b->width);
    b->last_row = b->last_col = 0;
    return ws;
}

/* How a sheet prints: SHEET_TABLE fits its columns to the page width (the
 * rows run on over pages, the heading rows repeated); SHEET_CHARTS keeps its
 * charts at their size, one to a page, with a page break before each. */
enum { SHEET_TABLE = 0, SHEET_CHARTS = 1 };

/* Finish the current sheet: column widths that fit their headings and
 * figures (at least min_width), landscape A4, the print area over the cells
 * used, the sheet's name and page number in the header and footer. */
static void sheet_end(book *b, lxw_worksheet *ws, int kind, int head_rows, double min_width)
{
    if (!ws)
        return;
    for (int c = 0; c <= b->last_col && c < MAX_COLS; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             b->width[c] > min_width ? b->width[c] : min_width, NULL);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_header(ws, "&L&A");
    worksheet_set_footer(ws, "&RPage &P");
    worksheet_print_area(ws, 0, 0, (lxw_row_t)b->last_row, (lxw_col_t)b->last_col);
    if (kind == SHEET_TABLE) {
        worksheet_fit_to_pages(ws, 1, 0);
        if (head_rows > 0)
            worksheet_repeat_rows(ws, 0, (lxw_row_t)(head_rows - 1));
    }
    b->cur = NULL;
}

/* ---- Monthly: period x import, export, net import ---- */

#define MONTHLY_FIRST 1 /* first data row (0-based) */

static void sheet_monthly(book *b)
{
    const tf_monthly_series *s = b->d->years;
    lxw_worksheet *ws = sheet_new(b, "Monthly");
    min_cols(b, 0, 0, 10);
    min_cols(b, 1, 3, 15);
    static const char *const head[] = {"Period", "Imports (t)", "Exports (t)", "Net imports (t)"};
    for (int c = 0; c < 4; c++)
        str(b, ws, 0, c, head[c], b->bold);
    worksheet_freeze_panes(ws, 1, 1);
    for (size_t k = 0; k < s->n_months; k++) {
        int row = MONTHLY_FIRST + (int)k;
        str(b, ws, row, 0, s->periods[k], NULL);
        for (int f = 0; f < 2; f++)
            if (s->total[f][k].has)
                num(b, ws, row, 1 + f, s->total[f][k].v, b->t);
        if (s->net_import[k].has) {
            char fx[64];
            tf_fmt(fx, sizeof fx, "=B%d-C%d", row + 1, row + 1); /* net import = import - export */
            formula(b, ws, row, 3, fx, s->net_import[k].v, b->t);
        }
    }
    sheet_end(b, ws, SHEET_TABLE, 1, 0);
}

/* Row of period p (0-based index into years) on the Monthly sheet, 1-based for A1 refs. */
static int mrow(int k) { return MONTHLY_FIRST + k + 1; }

/* ---- Summary ---- */

static void summary_flow(book *b, lxw_worksheet *ws, int row, const char *label,
                         const tf_flow_figures *f, int fcol)
{
    const tf_monthly_series *s = b->d->years;
    int m = (int)s->n_months - 1; /* the period is the series' last month */
    int year_start = m - (m % 12);  /* January of the period's year */
    char fx[160], r1[16], r2[16];
    str(b, ws, row, 0, label, b->bold);
    /* quantities: formulas over the Monthly sheet (net import: import - export above) */
    const tf_opt *vals[3] = {&f->quantity, &f->prev_month, &f->year_ago};
    int months[3] = {m, m - 1, m - 12};
    int cols[3] = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
        if (!vals[i]->has) {
            str(b, ws, row, cols[i], "n/a", NULL);
            continue;
        }
        cell_ref(row - 2, cols[i], r1, sizeof r1);
        cell_ref(row - 1, cols[i], r2, sizeof r2);
        if (fcol < 0)
            tf_fmt(fx, sizeof fx, "=%s-%s", r1, r2);
        else
            tf_fmt(fx, sizeof fx, "=Monthly!%c%d", 'B' + fcol, mrow(months[i]));
        formula(b, ws, row, cols[i], fx, vals[i]->v, b->t);
    }
    /* MoM and YoY: x / base - 1, shown as % */
    const tf_opt *pct[2] = {&f->mom_pct, &f->yoy_pct};
    int base_col[2] = {2, 4}, pct_col[2] = {3, 5};
    for (int i = 0; i < 2; i++) {
        if (!pct[i]->has) {
            str(b, ws, row, pct_col[i], "n/a", NULL);
            continue;
        }
        cell_ref(row, 1, r1, sizeof r1);
        cell_ref(row, base_col[i], r2, sizeof r2);
        tf_fmt(fx, sizeof fx, "=%s/%s-1", r1, r2);
        formula(b, ws, row, pct_col[i], fx, pct[i]->v / 100.0, b->pct);
    }
    /* YTD: the sum of January..m of the year, and of the year before */
    const tf_opt *ytd[2] = {&f->ytd, &f->ytd_prev};
    for (int i = 0; i < 2; i++) {
        int col = 6 + i;
        if (!ytd[i]->has) {
            str(b, ws, row, col, "n/a", NULL);
            continue;
        }
        if (fcol < 0) {
            cell_ref(row - 2, col, r1, sizeof r1);
            cell_ref(row - 1, col, r2, sizeof r2);
            tf_fmt(fx, sizeof fx, "=%s-%s", r1, r2);
        } else {
            tf_fmt(fx, sizeof fx, "=SUM(Monthly!%c%d:%c%d)", 'B' + fcol,
                   mrow(year_start - 12 * i), 'B' + fcol, mrow(m - 12 * i));
        }
        formula(b, ws, row, col, fx, ytd[i]->v, b->t);
    }
    if (f->ytd_yoy_pct.has) {
        cell_ref(row, 6, r1, sizeof r1);
        cell_ref(row, 7, r2, sizeof r2);
        tf_fmt(fx, sizeof fx, "=%s/%s-1", r1, r2);
        formula(b, ws, row, 8, fx, f->ytd_yoy_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 8, "n/a", NULL);
}

#define SUMMARY_IMPORT_ROW 6 /* 0-based: imports, exports, net imports below */
#define SUMMARY_COLS 9       /* columns A..I */

/* A long text (a note, the sources) in row `row` merged over the Summary's
 * columns, wrapped, the row as high as its lines. */
static void wrapped(book *b, lxw_worksheet *ws, int row, const char *s)
{
    double room = 0;
    for (int c = 0; c < SUMMARY_COLS; c++)
        room += b->width[c];
    int lines = (int)ceil(text_width(s) * 1.1 / (room > 10 ? room : 10));
    if (lines < 1)
        lines = 1;
    if (worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, SUMMARY_COLS - 1, s,
                              b->wrap) != LXW_NO_ERROR)
        b->err = 1;
    worksheet_set_row(ws, (lxw_row_t)row, 15.0 * lines, NULL);
    extent(b, ws, row, SUMMARY_COLS - 1, 0);
}

/* One re-flow row of the Summary: the figure and its comparisons as numbers,
 * the rest (flow - re-flow) and the share as formulas over the flow's month
 * in column B (flow_row, 0-based). */
static void re_row(book *b, lxw_worksheet *ws, int row, const char *labels[2],
                   const tf_re_flow *x, int flow_row)
{
    char fx[96], rb[16], fb[16];
    str(b, ws, row, 0, labels[0], b->bold);
    str(b, ws, row + 1, 0, labels[1], b->bold);
    opt_num(b, ws, row, 1, x->quantity, b->t);
    opt_num(b, ws, row, 2, x->prev_month, b->t);
    tf_opt p = x->mom_pct, y = x->yoy_pct;
    p.v /= 100.0;
    y.v /= 100.0;
    opt_num(b, ws, row, 3, p, b->pct);
    opt_num(b, ws, row, 4, x->year_ago, b->t);
    opt_num(b, ws, row, 5, y, b->pct);
    cell_ref(row, 1, rb, sizeof rb);
    cell_ref(flow_row, 1, fb, sizeof fb);
    if (x->rest.has) { /* domestic exports = exports - re-exports (stats.h) */
        tf_fmt(fx, sizeof fx, "=%s-%s", fb, rb);
        formula(b, ws, row + 1, 1, fx, x->rest.v, b->t);
    } else
        str(b, ws, row + 1, 1, "n/a", NULL);
    if (x->share_pct.has) { /* share = re-flow / flow */
        tf_fmt(fx, sizeof fx, "=%s/%s", rb, fb);
        formula(b, ws, row, 6, fx, x->share_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 6, "n/a", NULL);
}

/* The re-exports and re-imports block (tf_re_flow), where the data has
 * either; returns the next free row. */
static int summary_re_trade(book *b, lxw_worksheet *ws, int row)
{
    const tf_re_trade *t = &b->d->report->re_trade;
    if (!t->re_export.quantity.has && !t->re_import.quantity.has)
        return row;
    static const char *const head[] = {"Re-exports and re-imports", "Month (t)",
                                       "Previous month (t)", "MoM", "Year ago (t)", "YoY",
                                       "Share of flow"};
    for (int c = 0; c < 7; c++)
        str(b, ws, row, c, head[c], b->bold);
    const char *rx[2] = {"Re-exports", "Domestic exports"};
    const char *rm[2] = {"Re-imports", "Imports less re-imports"};
    re_row(b, ws, row + 1, rx, &t->re_export, SUMMARY_IMPORT_ROW + 1);
    re_row(b, ws, row + 3, rm, &t->re_import, SUMMARY_IMPORT_ROW);
    return row + 5;
}

static void sheet_summary(book *b)
{
    const tf_report *r = b->d->report;
    lxw_worksheet *ws = sheet_new(b, "Summary");
    worksheet_activate(ws);
    min_cols(b, 0, 0, 16);
    min_cols(b, 1, 8, 15);
    char buf[2560], codes[256] = "";
    for (size_t i = 0; i < r->n_codes; i++) {
        size_t u = strlen(codes);
        tf_fmt(codes + u, sizeof codes - u, "%s%s", i ? ", " : "", r->codes[i]);
    }
    str(b, ws, 0, 0, r->product_name, b->title);
    tf_fmt(buf, sizeof buf, "%s, %s", r->reporter_name, r->period);
    str(b, ws, 1, 0, buf, NULL);
    tf_fmt(buf, sizeof buf, "%s %s", r->classification, codes);
    str(b, ws, 2, 0, buf, NULL);
    tf_fmt(buf, sizeof buf,
           "Source: %s, as stored in tradeflow %s%s%s. Net imports = imports - exports; "
           "n/a = no value.",
           b->d->chart_sources[5] && b->d->chart_sources[5][0] ? b->d->chart_sources[5]
           : "the data stored in tradeflow",
           tf_version(), r->as_of[0] ? ", as of " : "", r->as_of);
    char *source = tf_strdup(buf); /* written last, wrapped over the table's width */
    static const char *const head[] = {"Flow",        "Month (t)",  "Previous month (t)",
                                       "MoM",         "Year ago (t)", "YoY",
                                       "YTD (t)",     "YTD a year earlier (t)", "YTD YoY"};
    for (int c = 0; c < 9; c++)
        str(b, ws, SUMMARY_IMPORT_ROW - 1, c, head[c], b->bold);
    summary_flow(b, ws, SUMMARY_IMPORT_ROW, "Imports", &r->import, 0);
    summary_flow(b, ws, SUMMARY_IMPORT_ROW + 1, "Exports", &r->export, 1);
    summary_flow(b, ws, SUMMARY_IMPORT_ROW + 2, "Net imports", &r->net_import, -1);
    int row = SUMMARY_IMPORT_ROW + 4;
    const tf_window_stat *ws2[2] = {&r->window.computed, &r->window.published};
    const char *wn[2] = {"Import window, computed from prices", "Import window, published"};
    for (int k = 0; k < 2; k++) {
        if (!ws2[k]->has)
            continue;
        str_over(b, ws, row, 0, wn[k], b->bold);
        str(b, ws, row, 1, ws2[k]->status, NULL);
        num(b, ws, row, 2, ws2[k]->average_pl, b->cny);
        str(b, ws, row, 3, "CNY/t average spot P/L", NULL);
        num(b, ws, row, 4, ws2[k]->days, NULL);
        str(b, ws, row, 5, "days", NULL);
        row++;
    }
    row = summary_re_trade(b, ws, row + 1);
    if (r->n_notes) {
        row++;
        str(b, ws, row++, 0, "Notes", b->bold);
    }
    /* long texts last, wrapped over columns A..I as they are now sized */
    wrapped(b, ws, 3, source ? source : "");
    free(source);
    for (size_t i = 0; i < r->n_notes; i++)
        wrapped(b, ws, row++, r->notes[i]);
    sheet_end(b, ws, SHEET_TABLE, 0, 0);
}

/* ---- Partners: the month's ranking of each flow ---- */

/* A partner's YTD, YTD a year earlier (numbers), YTD YoY = YTD / YTD a year
 * earlier - 1 and YTD share = YTD / the flow's YTD on the Summary (formulas). */
static void partner_ytd_cells(book *b, lxw_worksheet *ws, int row, const tf_partner_figures *p,
                              const tf_flow_figures *ff, int f)
{
    char fx[96];
    opt_num(b, ws, row, 8, p->ytd, b->t);
    opt_num(b, ws, row, 9, p->ytd_prev, b->t);
    if (p->ytd_yoy_pct.has) {
        tf_fmt(fx, sizeof fx, "=I%d/J%d-1", row + 1, row + 1);
        formula(b, ws, row, 10, fx, p->ytd_yoy_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 10, "n/a", NULL);
    if (p->ytd_share_pct.has && ff->ytd.has) {
        tf_fmt(fx, sizeof fx, "=I%d/Summary!$G$%d", row + 1, SUMMARY_IMPORT_ROW + 1 + f);
        formula(b, ws, row, 11, fx, p->ytd_share_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 11, "n/a", NULL);
}

/* One row of the Partners sheet: p ranked (rank in column A) or absent ("-"); share =
 * quantity / the flow's total on the Summary (total_ref), as a formula. */
static void partner_row(book *b, lxw_worksheet *ws, int row, const tf_partner_figures *p,
                        int ranked, const char *total_ref, int f)
{
    const tf_report *r = b->d->report;
    const tf_flow_figures *ff = f ? &r->export : &r->import;
    if (ranked)
        num(b, ws, row, 0, p->rank, NULL);
    else
        str(b, ws, row, 0, "-", NULL);
    str(b, ws, row, 1, p->partner, NULL);
    str(b, ws, row, 2, tf_chart_partner_name(b->d, p->partner, p->name, b->o && b->o->lang_zh),
        NULL);
    num(b, ws, row, 3, p->quantity, b->t);
    if (p->share_pct.has && ff->quantity.has) {
        char fx[64];
        tf_fmt(fx, sizeof fx, "=D%d/%s", row + 1, total_ref); /* share = partner / total */
        formula(b, ws, row, 4, fx, p->share_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 4, "n/a", NULL);
    tf_opt mom = p->mom_pct, yoy = p->yoy_pct;
    mom.v /= 100.0;
    yoy.v /= 100.0;
    opt_num(b, ws, row, 5, mom, b->pct);
    opt_num(b, ws, row, 6, yoy, b->pct);
    opt_num(b, ws, row, 7, p->share_change_pp, b->pp);
    if (!r->annual)
        partner_ytd_cells(b, ws, row, p, ff, f);
}

static void sheet_partners(book *b)
{
    const tf_report *r = b->d->report;
    lxw_worksheet *ws = sheet_new(b, "Partners");
    min_cols(b, 0, 1, 9);
    min_cols(b, 2, 2, 30);
    min_cols(b, 3, 7, 14);
    int row = 0;
    const tf_breakdown *bd[2] = {&r->import_breakdown, &r->export_breakdown};
    const char *label[2] = {"Imports", "Exports"};
    for (int f = 0; f < 2; f++) {
        char buf[160];
        tf_fmt(buf, sizeof buf, "%s by partner, %s (partner basis: %s)", label[f], r->period,
               bd[f]->partner_basis[0] ? bd[f]->partner_basis : "not stated");
        str_over(b, ws, row++, 0, buf, b->bold);
        static const char *const head[] = {
            "Rank", "Code", "Partner", "Quantity (t)", "Share", "MoM", "YoY",
            "Share change (pp)", "YTD (t)", "YTD a year earlier (t)", "YTD YoY", "YTD share"};
        int n_head = r->annual ? 8 : 12; /* annual data: no YTD */
        for (int c = 0; c < n_head; c++)
            str(b, ws, row, c, head[c], b->bold);
        row++;
        char total_ref[32];
        tf_fmt(total_ref, sizeof total_ref, "Summary!$B$%d", SUMMARY_IMPORT_ROW + 1 + f);
        for (size_t i = 0; i < bd[f]->n_partners; i++, row++)
            partner_row(b, ws, row, &bd[f]->partners[i], 1, total_ref, f);
        /* partners of m-1 or m-12 with nothing this month: unranked, 0 t (as the text
         * report's "-" rows), their YTD kept */
        for (size_t i = 0; i < bd[f]->n_absent; i++, row++)
            partner_row(b, ws, row, &bd[f]->absent[i], 0, total_ref, f);
        if (bd[f]->other.has) {
            str(b, ws, row, 2, "Other", NULL);
            num(b, ws, row, 3, bd[f]->other.v, b->t);
            tf_opt sh = bd[f]->other_share_pct;
            sh.v /= 100.0;
            opt_num(b, ws, row, 4, sh, b->pct);
            row++;
        }
        if (!bd[f]->n_partners)
            str_over(b, ws, row++, 0, "no partner breakdown for this month", NULL);
        row++;
    }
    sheet_end(b, ws, SHEET_TABLE, 0, 0);
}

/* ---- Data: period x flow x partner (long form) ---- */

static void sheet_data(book *b)
{
    const tf_monthly_series *s = b->d->years;
    lxw_worksheet *ws = sheet_new(b, "Data");
    min_cols(b, 0, 1, 11);
    min_cols(b, 2, 2, 11);
    min_cols(b, 3, 3, 30);
    min_cols(b, 4, 4, 15);
    static const char *const head[] = {"Period", "Flow", "Partner code", "Partner",
                                       "Quantity (t)"};
    for (int c = 0; c < 5; c++)
        str(b, ws, 0, c, head[c], b->bold);
    worksheet_freeze_panes(ws, 1, 0);
    int row = 1;
    const char *flow[2] = {"import", "export"};
    for (size_t k = 0; k < s->n_months; k++)
        for (int f = 0; f < 2; f++) {
            if (!s->total[f][k].has)
                continue;
            str(b, ws, row, 0, s->periods[k], NULL);
            str(b, ws, row, 1, flow[f], NULL);
            str(b, ws, row, 2, "WLD", NULL);
            str(b, ws, row, 3, "Total", NULL);
            num(b, ws, row++, 4, s->total[f][k].v, b->t);
            for (size_t i = 0; i < s->n_partners[f]; i++) {
                const tf_series_partner *p = &s->partners[f][i];
                if (!p->quantity[k].has)
                    continue;
                str(b, ws, row, 0, s->periods[k], NULL);
                str(b, ws, row, 1, flow[f], NULL);
                str(b, ws, row, 2, p->partner, NULL);
                str(b, ws, row, 3,
                    tf_chart_partner_name(b->d, p->partner, p->name, b->o && b->o->lang_zh),
                    NULL);
                num(b, ws, row++, 4, p->quantity[k].v, b->t);
            }
            if (s->other[f][k].has) {
                str(b, ws, row, 0, s->periods[k], NULL);
                str(b, ws, row, 1, flow[f], NULL);
                str(b, ws, row, 2, "", NULL);
                str(b, ws, row, 3, "Other", NULL);
                num(b, ws, row++, 4, s->other[f][k].v, b->t);
            }
        }
    sheet_end(b, ws, SHEET_TABLE, 1, 0);
}

/* ---- chart data sheets and charts ---- */

static lxw_chart *new_chart(book *b, uint8_t type, const char *title, const char *unit)
{
    lxw_chart *c = workbook_add_chart(b->wb, type);
    if (!c) {
        b->err = 1;
        return NULL;
    }
    chart_title_set_name(c, title);
    chart_axis_set_name(c->y_axis, unit);
    /* a chart in t of figures all below 1,000 t (the sheets, written first,
     * hold every figure charted): ticks such as 0.25 or 0.0001 t in full */
    int small = strcmp(unit, "t") == 0 && b->t_max < 1000;
    chart_axis_set_num_format(c->y_axis, small ? "General" : "#,##0");
    chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    return c;
}

/* A chart is 1.6 x 1.4 the default 480 x 288 px: 768 px, the width of 12
 * default columns (64 px), and 403 px high, within CHART_ROWS rows of 20 px;
 * both fit an A4 landscape page inside its margins (988 x 650 px) at 100 %. */
#define CHART_ROWS 23
#define CHART_COLS 12

static void place(book *b, lxw_worksheet *charts, int *row, lxw_chart *c)
{
    lxw_chart_options opt = {0};
    opt.x_scale = 1.6;
    opt.y_scale = 1.4;
    if (worksheet_insert_chart_opt(charts, (lxw_row_t)*row, 0, c, &opt) != LXW_NO_ERROR)
        b->err = 1;
    *row += CHART_ROWS;
}

/* Seasonal: rows Jan..Dec, one column per year, for each flow. */
static void seasonal(book *b, lxw_worksheet *charts, int *crow)
{
    const tf_report *r = b->d->report;
    const tf_monthly_series *s = b->d->years;
    lxw_worksheet *ws = sheet_new(b, "Seasonal");
    min_cols(b, 0, 0, 14);
    min_cols(b, 1, 20, 12);
    int year = (int)strtol(r->period, NULL, 10), y0 = (int)strtol(s->from, NULL, 10);
    const char *what[3] = {"Imports", "Exports", "Net imports"};
    for (int f = 0; f < 3; f++) {
        int c0 = f * 7; /* block: month column + 5 years, one empty column */
        const tf_opt *v = f == 0 ? s->total[0] : f == 1 ? s->total[1] : s->net_import;
        char head[32];
        tf_fmt(head, sizeof head, "%s (t)", what[f]);
        str(b, ws, 0, c0, head, b->bold);
        for (int m = 0; m < 12; m++)
            str(b, ws, 1 + m, c0, mon3[m], NULL);
        char title[200]; /* as the SVG chart's (tf_chart_title) */
        tf_chart_title(b->d, (tf_chart_kind)(TF_CHART_SEASONAL_IMPORT + f), title, sizeof title);
        lxw_chart *c = new_chart(b, LXW_CHART_LINE, title, b->unit);
        int n_series = 0;
        for (int yi = 0; yi < 5; yi++) {
            int y = year - 4 + yi, col = c0 + 1 + yi, any = 0;
            char name[8];
            tf_fmt(name, sizeof name, "%d", y);
            str(b, ws, 0, col, name, b->bold);
            for (int m = 0; m < 12; m++) {
                long idx = (long)(y - y0) * 12 + m;
                if (idx >= 0 && idx < (long)s->n_months && v[idx].has) {
                    num(b, ws, 1 + m, col, v[idx].v, b->t);
                    any = 1;
                }
            }
            if (!any || !c)
                continue;
            lxw_chart_series *se = chart_add_series(c, NULL, NULL);
            n_series++;
            chart_series_set_categories(se, "Seasonal", 1, (lxw_col_t)c0, 12, (lxw_col_t)c0);
            chart_series_set_values(se, "Seasonal", 1, (lxw_col_t)col, 12, (lxw_col_t)col);
            chart_series_set_name_range(se, "Seasonal", 0, (lxw_col_t)col);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
            lxw_chart_line line = {0};
            line.width = y == year ? 3.0 : 1.5;
            chart_series_set_line(se, &line);
        }
        if (c && n_series) /* a flow without any data has no chart */
            place(b, charts, crow, c);
    }
    sheet_end(b, ws, SHEET_TABLE, 1, 0);
}

/* Monthly imports by the top partners + other, last 24 months; net import bars. */
static void recent(book *b, lxw_worksheet *charts, int *crow)
{
    const tf_monthly_series *s = b->d->recent;
    lxw_worksheet *ws = sheet_new(b, "Partner months");
    min_cols(b, 0, 0, 10);
    min_cols(b, 1, 12, 14);
    size_t top = b->o && b->o->top > 0 ? (size_t)b->o->top : 5, np = 0;
    while (np < top && np < s->n_partners[0] && s->partners[0][np].total > 0)
        np++;
    str(b, ws, 0, 0, "Period", b->bold);
    for (size_t i = 0; i < np; i++)
        str(b, ws, 0, 1 + (int)i,
            tf_chart_partner_name(b->d, s->partners[0][i].partner, s->partners[0][i].name,
                                  b->o && b->o->lang_zh),
            b->bold);
    int c_other = 1 + (int)np, c_nob = c_other + 1, c_tot = c_nob + 1, c_net = c_tot + 1;
    str(b, ws, 0, c_other, "Other", b->bold);
    str(b, ws, 0, c_nob, "Total, no partner breakdown", b->bold);
    str(b, ws, 0, c_tot, "Imports (t)", b->bold);
    str(b, ws, 0, c_net, "Net imports (t)", b->bold);
    for (size_t k = 0; k < s->n_months; k++) {
        int row = 1 + (int)k;
        str(b, ws, row, 0, s->periods[k], NULL);
        if (s->net_import[k].has)
            num(b, ws, row, c_net, s->net_import[k].v, b->t);
        if (!s->total[0][k].has)
            continue;
        num(b, ws, row, c_tot, s->total[0][k].v, b->t);
        if (!s->has_partners[0][k]) {
            num(b, ws, row, c_nob, s->total[0][k].v, b->t);
            continue;
        }
        double sum = 0;
        for (size_t i = 0; i < np; i++) {
            num(b, ws, row, 1 + (int)i, s->partners[0][i].quantity[k].v, b->t);
            sum += s->partners[0][i].quantity[k].v;
        }
        /* other = imports - the top partners */
        char fx[96], a[16], z[16];
        cell_ref(row, 1, a, sizeof a);
        cell_ref(row, (int)np, z, sizeof z);
        char tot[16];
        cell_ref(row, c_tot, tot, sizeof tot);
        if (np)
            tf_fmt(fx, sizeof fx, "=%s-SUM(%s:%s)", tot, a, z);
        else
            tf_fmt(fx, sizeof fx, "=%s", tot);
        formula(b, ws, row, c_other, fx, s->total[0][k].v - sum, b->t);
    }
    lxw_row_t last = (lxw_row_t)s->n_months;
    char title[200];
    tf_chart_title(b->d, TF_CHART_PARTNERS, title, sizeof title);
    lxw_chart *c = new_chart(b, LXW_CHART_COLUMN_STACKED, title, b->unit);
    for (int col = 1; c && col <= c_nob; col++) {
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(se, "Partner months", 1, 0, last, 0);
        chart_series_set_values(se, "Partner months", 1, (lxw_col_t)col, last, (lxw_col_t)col);
        chart_series_set_name_range(se, "Partner months", 0, (lxw_col_t)col);
    }
    if (c) {
        chart_set_series_gap(c, 40);
        place(b, charts, crow, c);
    }
    tf_chart_title(b->d, TF_CHART_NET_IMPORT, title, sizeof title);
    c = new_chart(b, LXW_CHART_COLUMN, title, b->unit);
    if (c) {
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(se, "Partner months", 1, 0, last, 0);
        chart_series_set_values(se, "Partner months", 1, (lxw_col_t)c_net, last,
                                (lxw_col_t)c_net);
        chart_series_set_name_range(se, "Partner months", 0, (lxw_col_t)c_net);
        chart_series_set_invert_if_negative(se);
        place(b, charts, crow, c);
    }
    sheet_end(b, ws, SHEET_TABLE, 1, 0);
}

/* Daily spot import P/L, computed and published. */
static void window(book *b, lxw_worksheet *charts, int *crow)
{
    const tf_window_series *w = b->d->window;
    if (!w || !w->n_days)
        return;
    lxw_worksheet *ws = sheet_new(b, "Window");
    min_cols(b, 0, 0, 12);
    min_cols(b, 1, 2, 22);
    str(b, ws, 0, 0, "Date", b->bold);
    str(b, ws, 0, 1, "Spot P/L computed (CNY/t)", b->bold);
    str(b, ws, 0, 2, "Spot P/L published (CNY/t)", b->bold);
    int has[2] = {0, 0};
    for (size_t i = 0; i < w->n_days; i++) {
        int row = 1 + (int)i;
        str(b, ws, row, 0, w->days[i].date, NULL);
        if (w->days[i].has_spot) {
            num(b, ws, row, 1, w->days[i].spot.pl, b->cny);
            has[0] = 1;
        }
        if (w->days[i].has_published) {
            num(b, ws, row, 2, w->days[i].published_pl, b->cny);
            has[1] = 1;
        }
    }
    char title[200];
    tf_chart_title(b->d, TF_CHART_WINDOW, title, sizeof title);
    lxw_chart *c = new_chart(b, LXW_CHART_LINE, title, "CNY/t");
    for (int k = 0; c && k < 2; k++) {
        if (!has[k])
            continue;
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(se, "Window", 1, 0, (lxw_row_t)w->n_days, 0);
        chart_series_set_values(se, "Window", 1, (lxw_col_t)(1 + k), (lxw_row_t)w->n_days,
                                (lxw_col_t)(1 + k));
        chart_series_set_name_range(se, "Window", 0, (lxw_col_t)(1 + k));
    }
    if (c)
        place(b, charts, crow, c);
    sheet_end(b, ws, SHEET_TABLE, 1, 0);
}

/* ---- Trade modes: each flow's mix against the month before, and its chart ---- */

/* One trade-mode row: quantity, previous month (numbers); share = the mode /
 * the flow's month on the Summary, change = month / previous month - 1 and
 * share change (pp) = 100 * (share - previous quantity / the flow's previous
 * month) as formulas (stats.h tf_mode_figures). */
static void mode_row(book *b, lxw_worksheet *ws, int row, const tf_mode_figures *m, int f)
{
    const tf_flow_figures *ff = f ? &b->d->report->export : &b->d->report->import;
    char fx[128];
    int sr = SUMMARY_IMPORT_ROW + 1 + f; /* the flow's row on the Summary, 1-based */
    str(b, ws, row, 0, m->code, NULL);
    str(b, ws, row, 1, tf_out_mode_name(m, b->o && b->o->lang_zh), NULL);
    str(b, ws, row, 2, m->group, NULL);
    num(b, ws, row, 3, m->quantity, b->t);
    if (m->share_pct.has && ff->quantity.has) {
        tf_fmt(fx, sizeof fx, "=D%d/Summary!$B$%d", row + 1, sr);
        formula(b, ws, row, 4, fx, m->share_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 4, "n/a", NULL);
    opt_num(b, ws, row, 5, m->prev_quantity, b->t);
    if (m->mom_pct.has) {
        tf_fmt(fx, sizeof fx, "=D%d/F%d-1", row + 1, row + 1);
        formula(b, ws, row, 6, fx, m->mom_pct.v / 100.0, b->pct);
    } else
        str(b, ws, row, 6, m->is_new && m->prev_quantity.has ? "new" : "n/a", NULL);
    if (m->share_change_pp.has && ff->quantity.has && ff->prev_month.has) {
        tf_fmt(fx, sizeof fx, "=(D%d/Summary!$B$%d-F%d/Summary!$C$%d)*100", row + 1, sr,
               row + 1, sr);
        formula(b, ws, row, 7, fx, m->share_change_pp.v, b->pp);
    } else
        opt_num(b, ws, row, 7, m->share_change_pp, b->pp);
}

/* The chart of one flow's modes: the month beside the month before. */
static void mode_chart(book *b, lxw_worksheet *charts, int *crow, int f, int first, int last)
{
    const tf_report *r = b->d->report;
    char title[160];
    tf_fmt(title, sizeof title, "%s by trade mode, %s and the month before",
           f ? "Exports" : "Imports", r->period);
    lxw_chart *c = new_chart(b, LXW_CHART_COLUMN, title, b->unit);
    if (!c)
        return;
    const int cols[2] = {5, 3}; /* previous month, month */
    for (int k = 0; k < 2; k++) {
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(se, "Trade modes", (lxw_row_t)first, 1, (lxw_row_t)last, 1);
        chart_series_set_values(se, "Trade modes", (lxw_row_t)first, (lxw_col_t)cols[k],
                                (lxw_row_t)last, (lxw_col_t)cols[k]);
        chart_series_set_name_range(se, "Trade modes", (lxw_row_t)(first - 1),
                                    (lxw_col_t)cols[k]);
    }
    place(b, charts, crow, c);
}

static void sheet_modes(book *b, lxw_worksheet *charts, int *crow)
{
    const tf_report *r = b->d->report;
    const tf_breakdown *bd[2] = {&r->import_breakdown, &r->export_breakdown};
    if (!bd[0]->n_modes && !bd[1]->n_modes)
        return;
    lxw_worksheet *ws = sheet_new(b, "Trade modes");
    min_cols(b, 1, 1, 24);
    static const char *const head[] = {"Code", "Trade mode", "Group", "Month (t)", "Share",
                                       "Previous month (t)", "Change", "Share change (pp)"};
    int row = 0;
    for (int f = 0; f < 2; f++) {
        size_t n = bd[f]->n_modes + bd[f]->n_vanished_modes;
        if (!bd[f]->n_modes)
            continue;
        char buf[96];
        tf_fmt(buf, sizeof buf, "%s by trade mode, %s", f ? "Exports" : "Imports", r->period);
        str_over(b, ws, row++, 0, buf, b->bold);
        for (int c = 0; c < 8; c++)
            str(b, ws, row, c, head[c], b->bold);
        int first = ++row;
        for (size_t i = 0; i < n; i++, row++)
            mode_row(b, ws, row,
                     i < bd[f]->n_modes ? &bd[f]->modes[i]
                                        : &bd[f]->vanished_modes[i - bd[f]->n_modes], f);
        mode_chart(b, charts, crow, f, first, row - 1);
        row++;
    }
    sheet_end(b, ws, SHEET_TABLE, 0, 0);
}

/* The Charts sheet prints one chart to a page, each whole: a page break
 * before every chart after the first (charts are CHART_ROWS apart, sized to
 * fit an A4 landscape page at 100 %), the print area over their columns. */
static void charts_end(book *b, lxw_worksheet *charts, int crow)
{
    lxw_row_t breaks[64];
    int n = 0;
    for (int r0 = CHART_ROWS; r0 < crow && n < 63; r0 += CHART_ROWS)
        breaks[n++] = (lxw_row_t)r0;
    breaks[n] = 0;
    if (n && worksheet_set_h_pagebreaks(charts, breaks) != LXW_NO_ERROR)
        b->err = 1;
    worksheet_set_landscape(charts);
    worksheet_set_paper(charts, 9); /* A4 */
    worksheet_set_header(charts, "&L&A");
    worksheet_set_footer(charts, "&RPage &P");
    if (crow > 0)
        worksheet_print_area(charts, 0, 0, (lxw_row_t)(crow - 1), CHART_COLS - 1);
}

tf_status tf_report_write_xlsx(const char *path, const tf_chart_data *d, const tf_chart_opts *o)
{
    book b = {0};
    b.d = d;
    b.o = o;
    b.unit = tf_out_unit(d->report);
    if (tf_xlsx_load(NULL) != TF_OK)
        return TF_ERR_IO;
    lxw_workbook_options wopt = {0};
    wopt.constant_memory = LXW_FALSE;
    b.wb = workbook_new_opt(path, &wopt);
    if (!b.wb)
        return TF_ERR_IO;
    lxw_doc_properties props = {0};
    props.title = "tradeflow report";
    props.author = "tradeflow";
    workbook_set_properties(b.wb, &props);
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    b.title = workbook_add_format(b.wb);
    format_set_bold(b.title);
    format_set_font_size(b.title, 14);
    b.t = workbook_add_format(b.wb);
    format_set_num_format(b.t, "#,##0");
    b.t1 = workbook_add_format(b.wb);
    format_set_num_format(b.t1, "#,##0.0");
    b.t3 = workbook_add_format(b.wb);
    format_set_num_format(b.t3, "0.000");
    b.cny = workbook_add_format(b.wb);
    format_set_num_format(b.cny, "#,##0");
    b.wrap = workbook_add_format(b.wb);
    format_set_text_wrap(b.wrap);
    format_set_align(b.wrap, LXW_ALIGN_VERTICAL_TOP);
    b.pct = workbook_add_format(b.wb);
    format_set_num_format(b.pct, "0.0%");
    b.pp = workbook_add_format(b.wb);
    format_set_num_format(b.pp, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"");
    sheet_summary(&b);
    lxw_worksheet *charts = workbook_add_worksheet(b.wb, "Charts");
    sheet_monthly(&b);
    sheet_partners(&b);
    int crow = 0;
    sheet_data(&b);
    seasonal(&b, charts, &crow);
    recent(&b, charts, &crow);
    window(&b, charts, &crow);
    sheet_modes(&b, charts, &crow);
    charts_end(&b, charts, crow);
    lxw_error e = workbook_close(b.wb);
    return e == LXW_NO_ERROR && !b.err ? TF_OK : TF_ERR_IO;
}
