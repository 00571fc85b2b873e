/*
 * Chart titles: one place for the SVG charts, the HTML page (which embeds
 * them) and the workbook's native charts, so the three name the same years,
 * months and figures.
 */
#include <stdlib.h>
#include <string.h>

#include "outputs.h"
#include "tradeflow/window.h"
#include "../common/util.h"
#include "../common/terms_zh.h"

static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Apr 2025" of "2025-04". */
static void month_label(const char *period, char *buf, size_t len)
{
    int y = (int)strtol(period, NULL, 10), m = (int)strtol(period + 5, NULL, 10);
    tf_fmt(buf, len, "%s %d", m >= 1 && m <= 12 ? mon[m - 1] : "?", y);
}

/* The first year of year-4..year with a month of data in the seasonal
 * chart's values (the years drawn, not the five asked for). */
static int first_year_drawn(const tf_monthly_series *s, tf_chart_kind k, int year)
{
    const tf_opt *v = k == TF_CHART_SEASONAL_IMPORT   ? s->total[0]
                      : k == TF_CHART_SEASONAL_EXPORT ? s->total[1]
                                                      : s->net_import;
    int y0 = (int)strtol(s->from, NULL, 10), first = year;
    for (int y = year; y >= year - 4; y--)
        for (int m = 0; m < 12; m++) {
            long idx = (long)(y - y0) * 12 + m;
            if (idx >= 0 && idx < (long)s->n_months && v[idx].has)
                first = y;
        }
    return first;
}

/* The Chinese title (tf_chart_title_in): the product's Chinese name, the
 * note writer's terms and months. */
static void title_zh(const tf_chart_data *d, tf_chart_kind k, const tf_chart_opts *o,
                     char *buf, size_t len)
{
    const tf_report *r = d->report;
    const char *product = o->product_zh && o->product_zh[0] ? o->product_zh : r->product_name;
    const char *measure = tf_zh(r->measure_value ? TF_ZH_VALUE : TF_ZH_QUANTITY);
    int year = (int)strtol(r->period, NULL, 10);
    char a[64], b[64];
    if (k <= TF_CHART_SEASONAL_NET) {
        const char *what = tf_zh(k == TF_CHART_SEASONAL_IMPORT   ? TF_ZH_IMPORT
                                 : k == TF_CHART_SEASONAL_EXPORT ? TF_ZH_EXPORT
                                                                 : TF_ZH_NET_IMPORT);
        int first = d->years ? first_year_drawn(d->years, k, year) : year;
        if (first < year)
            tf_fmt(buf, len, "%s月度%s%s，%d-%d年", product, what, measure, first, year);
        else
            tf_fmt(buf, len, "%s月度%s%s，%d年", product, what, measure, year);
    } else if (k == TF_CHART_PARTNERS && d->recent) {
        tf_zh_month(a, sizeof a, d->recent->from);
        tf_zh_month(b, sizeof b, d->recent->to);
        tf_fmt(buf, len, "%s分来源%s%s，%s至%s", product, tf_zh(TF_ZH_IMPORT), measure, a, b);
    } else if (k == TF_CHART_NET_IMPORT) {
        if (r->net_import.ytd.has) {
            const char *unit = tf_out_unit(r);
            tf_format_number(a, sizeof a, r->net_import.ytd.v, 0);
            tf_fmt(a + strlen(a), sizeof a - strlen(a), "%s", tf_zh_unit(unit));
        } else {
            tf_scopy(a, sizeof a, "无（有月份缺失）");
        }
        b[0] = '\0';
        if (r->net_import.ytd_yoy_pct.has) {
            char y[32];
            tf_out_pct(y, sizeof y, r->net_import.ytd_yoy_pct, "%");
            tf_fmt(b, sizeof b, "，%s%s", tf_zh(TF_ZH_YOY), y);
        }
        tf_fmt(buf, len, "%s%s%s：%d年1-%d月%s%s%s", product, tf_zh(TF_ZH_NET_IMPORT), measure,
               year, (int)strtol(r->period + 5, NULL, 10), tf_zh(TF_ZH_YTD), a, b);
    } else if (k == TF_CHART_WINDOW && d->window) {
        tf_fmt(buf, len, "%s%s（按日），%s至%s", product, tf_zh(TF_ZH_IMPORT_PL), d->window->from,
               d->window->to);
    } else {
        tf_fmt(buf, len, "%s %s", product, tf_chart_kind_name(k));
    }
}

void tf_chart_title_in(const tf_chart_data *d, tf_chart_kind k, const tf_chart_opts *o,
                       char *buf, size_t len)
{
    if (o && o->lang_zh)
        title_zh(d, k, o, buf, len);
    else
        tf_chart_title(d, k, buf, len);
}

void tf_chart_title(const tf_chart_data *d, tf_chart_kind k, char *buf, size_t len)
{
    const tf_report *r = d->report;
    int year = (int)strtol(r->period, NULL, 10), month = (int)strtol(r->period + 5, NULL, 10);
    char a[64], b[64];
    if (k <= TF_CHART_SEASONAL_NET) {
        const char *what = k == TF_CHART_SEASONAL_IMPORT   ? "Imports"
                           : k == TF_CHART_SEASONAL_EXPORT ? "Exports"
                                                           : "Net imports";
        int first = d->years ? first_year_drawn(d->years, k, year) : year;
        if (first < year)
            tf_fmt(buf, len, "%s of %s by month, %d-%d", what, r->product_name, first, year);
        else
            tf_fmt(buf, len, "%s of %s by month, %d", what, r->product_name, year);
    } else if (k == TF_CHART_PARTNERS && d->recent) {
        month_label(d->recent->from, a, sizeof a);
        month_label(d->recent->to, b, sizeof b);
        tf_fmt(buf, len, "Imports of %s by partner, %s to %s", r->product_name, a, b);
    } else if (k == TF_CHART_NET_IMPORT) {
        if (r->net_import.ytd.has)
            tf_out_figure(a, sizeof a, r->net_import.ytd, tf_out_unit(r));
        else
            tf_scopy(a, sizeof a, "n/a (a month is missing)");
        b[0] = '\0';
        if (r->net_import.ytd_yoy_pct.has) {
            char y[32];
            tf_out_pct(y, sizeof y, r->net_import.ytd_yoy_pct, "%");
            tf_fmt(b, sizeof b, ", %s YoY", y);
        }
        tf_fmt(buf, len, "Net imports of %s: YTD Jan-%s %d %s%s", r->product_name,
               month >= 1 && month <= 12 ? mon[month - 1] : "?", year, a, b);
    } else if (k == TF_CHART_WINDOW && d->window) {
        tf_fmt(buf, len, "Import profit/loss of %s by day, %s to %s", r->product_name,
               d->window->from, d->window->to);
    } else {
        tf_fmt(buf, len, "%s of %s", tf_chart_kind_name(k), r->product_name);
    }
}
