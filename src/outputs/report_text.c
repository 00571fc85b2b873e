/* The report as an analyst's note: plain text and Markdown, rounded as notes round. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs.h"
#include "../common/util.h"

static tf_opt some_opt(double v)
{
    tf_opt o = {1, v};
    return o;
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

int tf_output_format_parse(const char *s)
{
    if (!strcmp(s, "text"))
        return TF_OUT_TEXT;
    if (!strcmp(s, "md") || !strcmp(s, "markdown"))
        return TF_OUT_MD;
    if (!strcmp(s, "json"))
        return TF_OUT_JSON;
    if (!strcmp(s, "csv"))
        return TF_OUT_CSV;
    return -1;
}

void tf_format_milli(char *buf, size_t len, tf_milli v)
{
    /* integer arithmetic: a double would lose digits above 2^53 thousandths */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(u / TF_MILLI));
    char out[64];
    size_t o = 0, n = strlen(digits);
    if (v < 0)
        out[o++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    /* the decimals the figure has: 250,500,000 kg, 0.5 t, 1,234.25 CNY */
    unsigned long long frac = (unsigned long long)(u % TF_MILLI);
    int places = 3;
    for (; places > 0 && frac % 10 == 0; places--)
        frac /= 10;
    if (places)
        snprintf(out + o, sizeof out - o, ".%0*llu", places, frac);
    else
        out[o] = '\0';
    tf_scopy(buf, len, out);
}

/* Tonnes as notes print them: to the hundred from 1,000 t, else to 0.1 t. */
/* Unit of the figures of the report being written: "t", or the currency
 * when the report measures values (set by tf_report_write_text). */
/* Width of a figure column: wider for values (to 10^15 USD). */
static int fig_w(const tf_report *r) { return r->measure_value ? 22 : 13; }

/* A figure in the report's unit (t, or the currency when it measures values). */
static void fmt_t(const tf_report *r, char *buf, size_t len, tf_opt v)
{
    tf_out_figure(buf, len, v, tf_out_unit(r));
}

static void fmt_pct(char *buf, size_t len, tf_opt v, const char *unit)
{
    tf_out_pct(buf, len, v, unit);
}

/* The % columns of a text table are 9 characters wide (11 for pp) unless a
 * figure needs more: a YoY from a near-empty base runs to millions of %, and
 * the columns then widen to it rather than push the rest of the row out of
 * line. */
typedef struct pct_cols {
    int pct, pp;
} pct_cols;

static void widen(int *w, tf_opt v, const char *unit)
{
    char b[64];
    fmt_pct(b, sizeof b, v, unit);
    if ((int)strlen(b) > *w)
        *w = (int)strlen(b);
}

static void fmt_share(char *buf, size_t len, tf_opt v)
{
    if (!v.has)
        tf_scopy(buf, len, "n/a");
    else
        tf_fmt(buf, len, "%.1f%%", v.v);
}

static void month_label(const char *period, char *buf, size_t len)
{
    int idx = tf_period_index(period);
    if (idx < 0)
        tf_scopy(buf, len, period);
    else
        tf_fmt(buf, len, "%s %d", month_names[idx % 12], idx / 12);
}

static void ytd_label(const char *period, char *buf, size_t len)
{
    int idx = tf_period_index(period);
    if (idx < 0)
        tf_scopy(buf, len, "YTD");
    else if (idx % 12 == 0)
        tf_fmt(buf, len, "Jan %d", idx / 12);
    else
        tf_fmt(buf, len, "Jan-%.3s %d", month_names[idx % 12], idx / 12);
}

/* Columns a UTF-8 string takes in a terminal: CJK and other wide characters
 * (3- and 4-byte sequences here) take two. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? 2 : 1;
        i += len;
    }
    return w;
}

/* s fitted to width columns: cut at a character boundary where it is wider,
 * padded with spaces where narrower (a Chinese trade-mode name takes two
 * columns a character, so bytes would misalign or split it). */
static void fit_cols(char *buf, size_t len, const char *s, size_t width)
{
    size_t n = strlen(s), w;
    while ((w = display_width(s, n)) > width) {
        n--;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n + (width - w) + 1 > len) {
        buf[0] = '\0';
        return;
    }
    memcpy(buf, s, n);
    memset(buf + n, ' ', width - w);
    buf[n + width - w] = '\0';
}

/* "Name (CODE)" fitted to width columns (0: no fitting): the name is cut,
 * never the code, and the result padded with spaces. */
static void partner_label(char *buf, size_t len, const char *name, const char *code, size_t width)
{
    char suffix[32];
    tf_fmt(suffix, sizeof suffix, " (%s)", code);
    if (width == 0) {
        tf_fmt(buf, len, "%s%s", name, suffix);
        return;
    }
    size_t room = width > strlen(suffix) ? width - strlen(suffix) : 0;
    size_t n = strlen(name), w;
    while ((w = display_width(name, n)) > room) {
        n--; /* back off to a character boundary */
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    size_t used = 0;
    buf[0] = '\0';
    if (n + strlen(suffix) + (width - w) + 1 > len)
        return;
    memcpy(buf, name, n);
    used = n;
    memcpy(buf + used, suffix, strlen(suffix));
    used += strlen(suffix);
    for (size_t k = w + strlen(suffix); k < width; k++)
        buf[used++] = ' ';
    buf[used] = '\0';
}

/* Text from the data (partner, product, trade mode names, notes) made safe
 * for Markdown (CommonMark): '|' would end a table cell, '<' '>' '&' would
 * pass through as HTML, '\\' '*' '_' '`' '[' ']' would start markup. In text
 * mode (md == 0) s is returned as is. */
static const char *md_esc(int md, const char *s, char *buf, size_t len)
{
    if (!md)
        return s;
    size_t o = 0;
    for (; *s && o + 6 < len; s++) {
        const char *ent = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" : NULL;
        if (ent) {
            memcpy(buf + o, ent, strlen(ent));
            o += strlen(ent);
            continue;
        }
        if (strchr("\\|*_`[]", *s))
            buf[o++] = '\\';
        buf[o++] = *s;
    }
    buf[o] = '\0';
    return buf;
}

/* A note line, escaped for Markdown whole (a note has no length limit). */
static void write_note(FILE *out, const char *note, int md)
{
    fputs(md ? "- " : "  - ", out);
    for (const char *p = note; md && *p;) {
        char piece[64], esc[512];
        size_t n = strlen(p) < sizeof piece - 1 ? strlen(p) : sizeof piece - 1;
        memcpy(piece, p, n);
        piece[n] = '\0';
        fputs(md_esc(md, piece, esc, sizeof esc), out);
        p += n;
    }
    if (!md)
        fputs(note, out);
    fputc('\n', out);
}

typedef struct line_item {
    const char *label;
    const tf_flow_figures *f;
} line_item;

static void write_value_lines(FILE *out, const tf_report *r, int md)
{
    const line_item items[] = {{"Import", &r->import}, {"Export", &r->export}};
    for (size_t i = 0; i < 2; i++) {
        const tf_flow_figures *f = items[i].f;
        if (!f->value.has)
            continue;
        char v[64], uv[64];
        tf_format_number(v, sizeof v, f->value.v, 0);
        if (f->unit_value.has)
            tf_format_number(uv, sizeof uv, f->unit_value.v, 0);
        fprintf(out, "%s%s value%s: %s %s%s%s%s%s\n", md ? "- " : "", items[i].label,
                f->weighed_only ? " of the weighed records" : "", v, f->currency, f->unit_value.has ? " (unit value " : "",
                f->unit_value.has ? uv : "", f->unit_value.has ? " " : "",
                f->unit_value.has ? (strcmp(f->currency, "CNY") ? "USD/t)" : "CNY/t)") : "");
    }
}

/* The YTD columns of a partner row (monthly reports): YTD, YTD YoY, YTD share. */
static void partner_ytd_cells(FILE *out, const tf_report *r, const tf_partner_figures *p,
                              int md, pct_cols w)
{
    if (r->annual)
        return;
    char y[48], yy[64], ys[24];
    fmt_t(r, y, sizeof y, p->ytd);
    fmt_pct(yy, sizeof yy, p->ytd_yoy_pct, "%");
    fmt_share(ys, sizeof ys, p->ytd_share_pct);
    if (md)
        fprintf(out, " %s | %s | %s |", y, yy, ys);
    else
        fprintf(out, " %*s %*s %9s", fig_w(r), y, w.pct, yy, ys);
}

/* The widths of a partner table's % columns (pct_cols). */
static pct_cols partners_pct_cols(const tf_breakdown *b)
{
    pct_cols w = {9, 11};
    for (size_t i = 0; i < b->n_partners + b->n_absent; i++) {
        const tf_partner_figures *p =
            i < b->n_partners ? &b->partners[i] : &b->absent[i - b->n_partners];
        widen(&w.pct, p->mom_pct, "%");
        widen(&w.pct, p->yoy_pct, "%");
        widen(&w.pct, p->ytd_yoy_pct, "%");
        widen(&w.pp, p->share_change_pp, " pp");
    }
    return w;
}

static void partners_head(FILE *out, const tf_report *r, const char *flow, const char *mlabel,
                          int md, pct_cols w)
{
    const tf_breakdown *b = flow[0] == 'I' ? &r->import_breakdown : &r->export_breakdown;
    const char *basis = b->partner_basis[0] ? b->partner_basis : "not stated";
    const char *q = r->measure_value ? "Value" : "Quantity";
    char ylabel[32];
    ytd_label(r->period, ylabel, sizeof ylabel);
    if (md) {
        fprintf(out, "\n### %s partners, %s (partner basis: %s)\n\n", flow, mlabel, basis);
        if (r->annual)
            fprintf(out, "| # | Partner | %s | Share | YoY | Share change |\n"
                         "|---:|---|---:|---:|---:|---:|\n", q);
        else
            fprintf(out, "| # | Partner | %s | Share | MoM | YoY | Share change | YTD %s | "
                         "YTD YoY | YTD share |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|"
                         "---:|\n", q, ylabel);
        return;
    }
    fprintf(out, "\n%s partners, %s (partner basis: %s)\n", flow, mlabel, basis);
    if (r->annual)
        fprintf(out, "%3s  %-30s %*s %8s %*s %*s\n", "#", "Partner", fig_w(r), q, "Share",
                w.pct, "YoY", w.pp, "Share chg");
    else
        fprintf(out, "%3s  %-30s %*s %8s %*s %*s %*s %*s %*s %9s\n", "#", "Partner", fig_w(r),
                q, "Share", w.pct, "MoM", w.pct, "YoY", w.pp, "Share chg", fig_w(r), "YTD",
                w.pct, "YTD YoY", "YTD share");
}

static void write_partners(FILE *out, const tf_report *r, const tf_breakdown *b, const char *flow,
                           const char *mlabel, int md)
{
    if (!b->n_partners)
        return;
    pct_cols w = partners_pct_cols(b);
    partners_head(out, r, flow, mlabel, md, w);
    for (size_t i = 0; i < b->n_partners; i++) {
        const tf_partner_figures *p = &b->partners[i];
        char name[160], q[48], sh[24], mom[64], yoy[64], pp[64];
        char esc[512];
        partner_label(name, sizeof name, p->name, p->partner, md ? 0 : 30);
        const char *nm = md_esc(md, name, esc, sizeof esc);
        fmt_t(r, q, sizeof q, some_opt(p->quantity));
        fmt_share(sh, sizeof sh, p->share_pct);
        fmt_pct(mom, sizeof mom, p->mom_pct, "%");
        fmt_pct(yoy, sizeof yoy, p->yoy_pct, "%");
        fmt_pct(pp, sizeof pp, p->share_change_pp, " pp");
        if (md && r->annual)
            fprintf(out, "| %d | %s | %s | %s | %s | %s |", p->rank, nm, q, sh, yoy, pp);
        else if (md)
            fprintf(out, "| %d | %s | %s | %s | %s | %s | %s |", p->rank, nm, q, sh, mom,
                    yoy, pp);
        else if (r->annual)
            fprintf(out, "%3d  %s %*s %8s %*s %*s", p->rank, name, fig_w(r), q, sh, w.pct, yoy,
                    w.pp, pp);
        else
            fprintf(out, "%3d  %s %*s %8s %*s %*s %*s", p->rank, name, fig_w(r), q, sh, w.pct,
                    mom, w.pct, yoy, w.pp, pp);
        partner_ytd_cells(out, r, p, md, w);
        fputc('\n', out);
    }
    if (b->other.has) {
        char q[48], sh[24];
        fmt_t(r, q, sizeof q, b->other);
        fmt_share(sh, sizeof sh, b->other_share_pct);
        if (md)
            fprintf(out, "| | Other | %s | %s | |%s |\n", q, sh, r->annual ? "" : " | | | |");
        else
            fprintf(out, "%3s  %-30s %*s %8s\n", "", "Other", fig_w(r), q, sh);
    }
    for (size_t i = 0; i < b->n_absent; i++) {
        const tf_partner_figures *p = &b->absent[i];
        char name[160], mom[64], yoy[64], pp[64], esc[512];
        partner_label(name, sizeof name, p->name, p->partner, md ? 0 : 30);
        const char *nm = md_esc(md, name, esc, sizeof esc);
        fmt_pct(mom, sizeof mom, p->mom_pct, "%");
        fmt_pct(yoy, sizeof yoy, p->yoy_pct, "%");
        fmt_pct(pp, sizeof pp, p->share_change_pp, " pp");
        char zero[16];
        tf_fmt(zero, sizeof zero, "0 %s", tf_out_unit(r));
        if (md && r->annual)
            fprintf(out, "| - | %s | %s | 0.0%% | %s | %s |", nm, zero, yoy, pp);
        else if (md)
            fprintf(out, "| - | %s | %s | 0.0%% | %s | %s | %s |", nm, zero, mom, yoy, pp);
        else if (r->annual)
            fprintf(out, "%3s  %s %*s %8s %*s %*s", "-", name, fig_w(r), zero, "0.0%", w.pct,
                    yoy, w.pp, pp);
        else
            fprintf(out, "%3s  %s %*s %8s %*s %*s %*s", "-", name, fig_w(r), zero, "0.0%",
                    w.pct, mom, w.pct, yoy, w.pp, pp);
        partner_ytd_cells(out, r, p, md, w); /* it may have shipped earlier in the year */
        fputc('\n', out);
    }
    const tf_partner_figures *top = &b->partners[0];
    if (top->share_pct.has) {
        char sh[24], q[48], esc[512];
        fmt_share(sh, sizeof sh, top->share_pct);
        fmt_t(r, q, sizeof q, some_opt(top->quantity));
        const tf_flow_figures *ff = flow[0] == 'I' ? &r->import : &r->export;
        fprintf(out, "%sTop %s: %s, %s, %s of %s %s%ss.\n", md ? "\n" : "",
                flow[0] == 'I' ? "source" : "destination",
                md_esc(md, top->name, esc, sizeof esc), q, sh, mlabel,
                ff->weighed_only ? "weighed " : "", flow[0] == 'I' ? "import" : "export");
    }
    (void)r;
}

/* One trade-mode row: the month, its share, the previous month, the change
 * (MoM %) and the share change (pp); a mode of the previous month with nothing
 * this month is listed at 0 (-100 %). */
static void write_mode(FILE *out, const tf_report *r, const tf_mode_figures *m, int md,
                       pct_cols w)
{
    char name[160], q[48], sh[24], pq[48], ch[64], pp[64];
    tf_fmt(name, sizeof name, "%s %s", m->code, m->name);
    fmt_t(r, q, sizeof q, some_opt(m->quantity));
    if (m->quantity == 0) /* a mode of m-1 with nothing this month, not a few kg */
        tf_fmt(q, sizeof q, "0 %s", tf_out_unit(r));
    fmt_share(sh, sizeof sh, m->share_pct);
    fmt_t(r, pq, sizeof pq, m->prev_quantity);
    if (m->prev_quantity.has && m->prev_quantity.v == 0)
        tf_fmt(pq, sizeof pq, "0 %s", tf_out_unit(r)); /* none then */
    fmt_pct(ch, sizeof ch, m->mom_pct, "%");
    if (m->is_new && m->prev_quantity.has)
        tf_scopy(ch, sizeof ch, "new");
    fmt_pct(pp, sizeof pp, m->share_change_pp, " pp");
    char e1[512], e2[128];
    if (md)
        fprintf(out, "| %s | %s | %s | %s | %s | %s | %s |\n", md_esc(md, name, e1, sizeof e1),
                md_esc(md, m->group, e2, sizeof e2), q, sh, pq, ch, pp);
    else {
        char fitted[200];
        fit_cols(fitted, sizeof fitted, name, 44);
        fprintf(out, "     %s %-11s %*s %8s %*s %*s %*s\n", fitted, m->group, fig_w(r), q, sh,
                fig_w(r), pq, w.pct, ch, w.pp, pp);
    }
}

static void write_modes(FILE *out, const tf_report *r, const tf_breakdown *b, const char *flow,
                        const char *mlabel, int md)
{
    if (!b->n_modes)
        return;
    const char *qh = strcmp(tf_out_unit(r), "t") ? "Value" : "Quantity";
    size_t n = b->n_modes + b->n_vanished_modes;
    pct_cols w = {9, 11};
    for (size_t i = 0; i < n; i++) {
        const tf_mode_figures *m = i < b->n_modes ? &b->modes[i] : &b->vanished_modes[i - b->n_modes];
        widen(&w.pct, m->mom_pct, "%");
        widen(&w.pp, m->share_change_pp, " pp");
    }
    if (md) {
        fprintf(out, "\n### %s by trade mode, %s\n\n| Trade mode | Group | %s | Share | "
                     "Previous month | Change | Share change |\n|---|---|---:|---:|---:|---:|"
                     "---:|\n", flow, mlabel, qh);
    } else {
        fprintf(out, "\n%s by trade mode, %s\n", flow, mlabel);
        fprintf(out, "     %-44s %-11s %*s %8s %*s %*s %*s\n", "Trade mode", "Group", fig_w(r),
                qh, "Share", fig_w(r), "Prev month", w.pct, "Change", w.pp, "Share chg");
    }
    for (size_t i = 0; i < n; i++)
        write_mode(out, r, i < b->n_modes ? &b->modes[i] : &b->vanished_modes[i - b->n_modes],
                   md, w);
}

/* Where a re-flow's figures come from, in words. */
static void re_source(char *buf, size_t len, const tf_report *r, const tf_re_flow *x, int rx)
{
    if (!strcmp(x->source, "flow"))
        tf_fmt(buf, len, "%s: rows of the %s flow (UN Comtrade %s)", rx ? "re-exports" :
               "re-imports", rx ? "re-export" : "re-import", rx ? "RX" : "RM");
    else if (!strcmp(x->source, "partner"))
        tf_fmt(buf, len, "re-imports: %s (%s) as a partner of its own imports", r->reporter_name,
               r->reporter);
    else
        tf_fmt(buf, len, "%s: none in the data", rx ? "re-exports" : "re-imports");
}

/* The re-exports and re-imports section (tf_re_flow): each re-flow with its
 * MoM, YoY and share of its flow, and the flow less it; only when the data has
 * either. */
static void write_re_trade(FILE *out, const tf_report *r, const char *mlabel, int md)
{
    const tf_re_flow *x[2] = {&r->re_trade.re_export, &r->re_trade.re_import};
    if (!x[0]->quantity.has && !x[1]->quantity.has)
        return;
    const char *lab[2][2] = {{"Re-exports", "Domestic exports"},
                             {"Re-imports", "Imports less re-imports"}};
    const char *mh = r->annual ? "" : "MoM"; /* annual data: no MoM */
    int pw = 9;
    for (int k = 0; k < 2; k++) {
        widen(&pw, x[k]->mom_pct, "%");
        widen(&pw, x[k]->yoy_pct, "%");
    }
    if (md)
        fprintf(out, "\n### Re-exports and re-imports, %s\n\n| | %s | %s | YoY | Share of "
                     "flow |\n|---|---:|---:|---:|---:|\n", mlabel, mlabel, mh);
    else
        fprintf(out, "\nRe-exports and re-imports, %s\n%-24s %*s %*s %*s %14s\n", mlabel, "",
                fig_w(r), mlabel, pw, mh, pw, "YoY", "Share of flow");
    for (int k = 0; k < 2; k++) {
        char q[48], mom[64], yoy[64], sh[24], rest[48];
        fmt_t(r, q, sizeof q, x[k]->quantity);
        fmt_pct(mom, sizeof mom, x[k]->mom_pct, "%");
        if (r->annual)
            mom[0] = '\0';
        fmt_pct(yoy, sizeof yoy, x[k]->yoy_pct, "%");
        fmt_share(sh, sizeof sh, x[k]->share_pct);
        fmt_t(r, rest, sizeof rest, x[k]->rest);
        if (md)
            fprintf(out, "| %s | %s | %s | %s | %s |\n| %s | %s | | | |\n", lab[k][0], q, mom,
                    yoy, sh, lab[k][1], rest);
        else
            fprintf(out, "%-24s %*s %*s %*s %14s\n%-24s %*s\n", lab[k][0], fig_w(r), q, pw, mom,
                    pw, yoy, sh, lab[k][1], fig_w(r), rest);
    }
    char s0[160], s1[160], esc[512];
    re_source(s0, sizeof s0, r, x[0], 1);
    re_source(s1, sizeof s1, r, x[1], 0);
    tf_fmt(esc, sizeof esc, "%s; %s.", s0, s1);
    char e2[1024];
    fprintf(out, "%s%s\n", md ? "\n" : "", md_esc(md, esc, e2, sizeof e2));
}

/* Phase of tf_report_write_text: the title, the scope (codes asked for and
 * found) and the line saying units and what YTD covers. */
static void write_heading(FILE *out, const tf_report *r, const char *mlabel, const char *ylabel,
                          int md)
{
    char e1[512], e2[512];
    fprintf(out, "%s%s (%s) trade in %s, %s\n%s", md ? "# " : "",
            md_esc(md, r->reporter_name, e1, sizeof e1), r->reporter,
            md_esc(md, r->product_name, e2, sizeof e2), mlabel, md ? "\n" : "");
    fprintf(out, "%s%s scope: ", md ? "- " : "", strcmp(r->classification, "HS") ? "Commodity"
                                                                                : "HS");
    for (size_t i = 0; i < r->n_codes; i++)
        fprintf(out, "%s%s", i ? " + " : "", r->codes[i]);
    fprintf(out, " (%s)", r->classification);
    if (r->n_commodities) {
        fprintf(out, "; codes in the data for the %s: ", r->annual ? "year" : "month");
        for (size_t i = 0; i < r->n_commodities; i++)
            fprintf(out, "%s%s", i ? ", " : "", r->commodities[i]);
    }
    if (r->annual)
        fprintf(out, "\n%s%s in %s; YoY in %%; annual data: no MoM or YTD.%s%s%s\n",
                md ? "- " : "", r->measure_value ? "Values" : "Quantities", tf_out_unit(r),
                r->as_of[0] ? " Figures as ingested up to " : "", r->as_of,
                r->as_of[0] ? "." : "");
    else
        fprintf(out, "\n%s%s in %s; MoM and YoY in %%; YTD = %s.%s%s%s\n", md ? "- " : "",
                r->measure_value ? "Values" : "Quantities", tf_out_unit(r), ylabel,
                r->as_of[0] ? " Figures as ingested up to " : "", r->as_of,
                r->as_of[0] ? "." : "");
}

/* Phase of tf_report_write_text: imports, exports and net imports of an
 * annual report (the year and its YoY). */
static void write_totals_annual(FILE *out, const tf_report *r, const line_item rows[3],
                                const char *mlabel, int md)
{
    int pw = 9;
    for (size_t i = 0; i < 3; i++)
        widen(&pw, rows[i].f->yoy_pct, "%");
    if (md)
        fprintf(out, "\n| | %s | YoY |\n|---|---:|---:|\n", mlabel);
    else
        fprintf(out, "\n%-12s %22s %*s\n", "", mlabel, pw, "YoY");
    for (size_t i = 0; i < 3; i++) {
        char q[48], yoy[64];
        fmt_t(r, q, sizeof q, rows[i].f->quantity);
        fmt_pct(yoy, sizeof yoy, rows[i].f->yoy_pct, "%");
        if (md)
            fprintf(out, "| %s | %s | %s |\n", rows[i].label, q, yoy);
        else
            fprintf(out, "%-12s %22s %*s\n", rows[i].label, q, pw, yoy);
    }
}

/* Phase of tf_report_write_text: imports, exports and net imports of a
 * monthly report (the month, MoM, YoY, YTD, YTD YoY). */
static void write_totals_monthly(FILE *out, const tf_report *r, const line_item rows[3],
                                 const char *mlabel, const char *ylabel, int md)
{
    int tot_w = r->measure_value ? 22 : 15, ytd_w = r->measure_value ? 24 : 17, pw = 9;
    for (size_t i = 0; i < 3; i++) {
        widen(&pw, rows[i].f->mom_pct, "%");
        widen(&pw, rows[i].f->yoy_pct, "%");
        widen(&pw, rows[i].f->ytd_yoy_pct, "%");
    }
    if (md) {
        fprintf(out, "\n| | %s | MoM | YoY | YTD %s | YTD YoY |\n|---|---:|---:|---:|---:|---:|\n",
                mlabel, ylabel);
    } else {
        char hq[48], hy[48];
        tf_fmt(hq, sizeof hq, "%s", mlabel);
        tf_fmt(hy, sizeof hy, "YTD %s", ylabel);
        fprintf(out, "\n%-12s %*s %*s %*s %*s %*s\n", "", tot_w, hq, pw, "MoM", pw, "YoY", ytd_w,
                hy, pw, "YTD YoY");
    }
    for (size_t i = 0; i < 3; i++) {
        const tf_flow_figures *f = rows[i].f;
        char q[48], mom[64], yoy[64], ytd[48], ytdy[64];
        fmt_t(r, q, sizeof q, f->quantity);
        fmt_pct(mom, sizeof mom, f->mom_pct, "%");
        fmt_pct(yoy, sizeof yoy, f->yoy_pct, "%");
        fmt_t(r, ytd, sizeof ytd, f->ytd);
        fmt_pct(ytdy, sizeof ytdy, f->ytd_yoy_pct, "%");
        if (md)
            fprintf(out, "| %s | %s | %s | %s | %s | %s |\n", rows[i].label, q, mom, yoy, ytd,
                    ytdy);
        else
            fprintf(out, "%-12s %*s %*s %*s %*s %*s\n", rows[i].label, tot_w, q, pw, mom, pw, yoy,
                    ytd_w, ytd, pw, ytdy);
    }
}

/* Phase of tf_report_write_text: the month's import window, computed and
 * published, each labelled. */
static void write_window(FILE *out, const tf_report *r, const char *mlabel, int md)
{
    const tf_window_stat *ws[2] = {&r->window.computed, &r->window.published};
    const char *wl[2] = {"computed from prices", "published series"};
    for (int k = 0; k < 2; k++) {
        if (!ws[k]->has)
            continue;
        char avg[32], lo[32], hi[32];
        tf_format_number(avg, sizeof avg, ws[k]->average_pl, 0);
        tf_format_number(lo, sizeof lo, ws[k]->min_pl, 0);
        tf_format_number(hi, sizeof hi, ws[k]->max_pl, 0);
        fprintf(out, "%sImport window, %s (%s%s%s): %s; average spot import P/L %s CNY/t over "
                     "%d day%s (from %s to %s), open on %d day%s.\n",
                md ? "\n" : "\n", mlabel, wl[k], k == 0 ? ", HS " : "",
                k == 0 ? r->window.hs : "", ws[k]->status, avg, ws[k]->days,
                ws[k]->days == 1 ? "" : "s", lo, hi, ws[k]->days_open,
                ws[k]->days_open == 1 ? "" : "s");
    }
}

tf_status tf_report_write_text(FILE *out, const tf_report *r, int md)
{
    char mlabel[32], ylabel[32];
    month_label(r->period, mlabel, sizeof mlabel);
    ytd_label(r->period, ylabel, sizeof ylabel);
    write_heading(out, r, mlabel, ylabel, md);
    const line_item rows[] = {
        {"Imports", &r->import}, {"Exports", &r->export}, {"Net imports", &r->net_import}};
    if (r->annual)
        write_totals_annual(out, r, rows, mlabel, md);
    else
        write_totals_monthly(out, r, rows, mlabel, ylabel, md);
    if (r->import.value.has || r->export.value.has) {
        fputs(md ? "\n" : "\n", out);
        write_value_lines(out, r, md);
    }
    write_partners(out, r, &r->import_breakdown, "Import", mlabel, md);
    write_partners(out, r, &r->export_breakdown, "Export", mlabel, md);
    write_modes(out, r, &r->import_breakdown, "Imports", mlabel, md);
    write_modes(out, r, &r->export_breakdown, "Exports", mlabel, md);
    write_re_trade(out, r, mlabel, md);
    write_window(out, r, mlabel, md);
    if (r->n_notes) {
        fprintf(out, md ? "\n### Notes\n\n" : "\nNotes\n");
        for (size_t i = 0; i < r->n_notes; i++)
            write_note(out, r->notes[i], md);
    }
    fprintf(out, "%sn/a: no value (comparison month missing, or a zero or negative base).\n",
            md ? "\n" : "\n");
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
