/*
 * tradeflow report (and the chart command's figures): the monthly report.
 */
#include "cli.h"

static const char usage_report[] =
    "Usage: tradeflow report (--product NAME | --hs CODES | --commodity CODES)\n"
    "                        --period YYYY-MM|YYYY [OPTIONS]\n"
    "\n"
    "  --product NAME      a product from 'tradeflow products'\n"
    "  --hs CODES          comma-separated HS codes or prefixes (ad-hoc product)\n"
    "  --commodity CODES   commodity codes as stored, e.g. TOTAL (UN Comtrade's all\n"
    "                      commodities) or SITC codes with --classification S4\n"
    "  --period P          the report month YYYY-MM, or a year YYYY for annual data\n"
    "                      (YoY against the previous year; no MoM, no YTD)\n"
    "  --measure M         quantity (t) or value; default: the quantity, or the\n"
    "                      value when goods weighed in kg carry less than half of\n"
    "                      the value (no quantities, weights missing, or goods\n"
    "                      counted in items)\n"
    "  --currency C        CNY or USD: the records whose values a report reads (the\n"
    "                      same trade may be stored in both; they are never added);\n"
    "                      default: the currency with most records, with a note\n"
    "  --format F          text (default), md, json, csv, html (one self-contained\n"
    "                      page with charts), xlsx (a workbook with charts that\n"
    "                      prints on A4 landscape; needs -o)\n"
    "  --lang L            en (default) or zh: charts (svg, and in html and xlsx)\n"
    "                      in Chinese throughout (titles, axes, legends, Source\n"
    "                      lines, in the note's terms); partner and trade-mode\n"
    "                      names in html and xlsx (a text, md, json or csv report\n"
    "                      stays English, with a warning)\n"
    "  --top N             partners listed per flow (default 10)\n"
    "  --partner-basis B   rank partners on this basis: origin, consignment,\n"
    "                      destination, trading or unstated (default: each month's\n"
    "                      most common)\n"
    "  --as-of DATE        figures as ingested up to DATE (YYYY-MM-DD or\n"
    "                      YYYY-MM-DDTHH:MM:SSZ), ignoring later revisions\n"
    "  --reporter ISO3     default CHN\n"
    "  --classification C  default HS (which also selects UN Comtrade's H0-H6);\n"
    "                      S1-S4 for SITC\n"
    "  -o FILE             write to FILE ('-' = standard output, the default)\n"
    "\n"
    "Besides the totals: partners with their MoM, YoY, share change and YTD, YTD YoY\n"
    "and YTD share; trade modes against the previous month (change, share change\n"
    "in pp); re-exports and re-imports with domestic exports and imports less\n"
    "re-imports (UN Comtrade flows RX and RM, or the reporter as its own import\n"
    "partner), where the data has them.\n"
    "\n"
    "Values (USD, CNY) print scaled in text, md and html: USD 877.6 bn, USD 12.3 mn.\n"
    "Exit 5, nothing written, when the period has no import or export data at all;\n"
    "the message names the periods the data has.\n";


/* The report's options as given. */
typedef struct report_args {
    const char *product, *hs, *commodity, *period, *format, *basis, *as_of, *reporter,
        *classification, *outpath, *lang, *measure, *top, *currency;
    char ccy[4];
} report_args;

/* Read the options of report (chart < 0) or chart (no --format); -1 to go on. */
static int parse_report(args *a, int chart, report_args *ra)
{
    report_args d = {.format = "text", .reporter = "CHN", .classification = "HS",
                     .outpath = "-", .lang = "en"};
    *ra = d;
    const opt_spec t[] = {
        {"--product", NULL, &ra->product, NULL},     {"--hs", NULL, &ra->hs, NULL},
        {"--commodity", NULL, &ra->commodity, NULL}, {"--period", NULL, &ra->period, NULL},
        {"--lang", NULL, &ra->lang, NULL},           {"--partner-basis", NULL, &ra->basis, NULL},
        {"--as-of", NULL, &ra->as_of, NULL},         {"--reporter", NULL, &ra->reporter, NULL},
        {"--classification", NULL, &ra->classification, NULL},
        {"--measure", NULL, &ra->measure, NULL},     {"--output", "-o", &ra->outpath, NULL},
        {"--top", NULL, &ra->top, NULL},             {"--currency", NULL, &ra->currency, NULL},
        {chart < 0 ? "--format" : NULL, NULL, &ra->format, NULL}, /* report only */
        {NULL, NULL, NULL, NULL}};
    return parse_options(a, chart >= 0 ? "chart" : "report",
                         chart >= 0 ? usage_chart : usage_report, t, NULL);
}

/* Check the options and fill q (but its codes) and co; an exit code. */
static int check_report(report_args *ra, int chart, char rep3[4], char canon[8], tf_query *q,
                        tf_chart_opts *co)
{
    memset(q, 0, sizeof *q);
    q->top = chart >= 0 ? 5 : 10;
    if (ra->top) {
        char *end;
        long t = strtol(ra->top, &end, 10);
        if (*end || t < 1 || t > 1000) {
            error("--top takes a number from 1 to 1000");
            return EXIT_USAGE;
        }
        q->top = (int)t;
    }
    if (ra->basis && !valid_basis(ra->basis)) {
        error("unknown --partner-basis '%s' (origin, consignment, destination, trading, "
              "unstated)", ra->basis);
        return EXIT_USAGE;
    }
    q->partner_basis = ra->basis && !strcmp(ra->basis, "unstated") ? "" : ra->basis;
    if (!iso3(ra->reporter, rep3)) {
        error("--reporter takes an ISO alpha-3 code (e.g. CHN) or a Comtrade special area "
              "(S19 or 490), not '%s'", ra->reporter);
        return EXIT_USAGE;
    }
    if (!tf_query_classification_valid(ra->classification)) {
        error("--classification takes a name such as HS, SITC or TOTAL, not '%s'",
              ra->classification);
        return EXIT_USAGE;
    }
    int charted = chart >= 0 ? 1 : tf_output_charted(ra->format);
    if (charted < 0) {
        error("unknown --format '%s' (text, md, json, csv, html, xlsx)", ra->format);
        return EXIT_USAGE;
    }
    if (!strcmp(ra->format, "xlsx") && !strcmp(ra->outpath, "-")) {
        error("--format xlsx writes a file: give -o FILE.xlsx");
        return EXIT_USAGE;
    }
    tf_error e = {0};
    if (tf_output_ready(ra->format, &e) != TF_OK) {
        error("%s", e.msg);
        return EXIT_IO;
    }
    if (charted && ra->period && strlen(ra->period) == 4) {
        error("the charts, the html page and the xlsx workbook are monthly: give --period "
              "YYYY-MM (an annual report is text, md, json or csv)");
        return EXIT_USAGE;
    }
    if (strcmp(ra->lang, "en") && strcmp(ra->lang, "zh")) {
        error("--lang is en or zh, not '%s'", ra->lang);
        return EXIT_USAGE;
    }
    if (!charted && !strcmp(ra->lang, "zh"))
        fprintf(stderr, "%s: warning: --lang zh is for the charts, html and xlsx: a %s report "
                "is in English (the Chinese text is tradeflow note --lang zh)\n", progname,
                ra->format);
    const char *p = ra->period;
    if (!p || (strlen(p) != 7 && strlen(p) != 4) || tf_period_parse(p, strlen(p), canon)) {
        error("report needs --period YYYY-MM (month 01-12) or YYYY%s%s", p ? ", not " : "",
              p ? p : "");
        return EXIT_USAGE;
    }
    const char *m = ra->measure;
    q->measure = !m ? TF_MEASURE_AUTO : !strcmp(m, "quantity") ? TF_MEASURE_QUANTITY
                 : !strcmp(m, "value")                          ? TF_MEASURE_VALUE
                                                                : -1;
    if ((int)q->measure < 0) {
        error("--measure is quantity or value, not '%s'", m);
        return EXIT_USAGE;
    }
    if (ra->currency && !currency_code(ra->currency, ra->ccy)) {
        error("--currency is CNY or USD, not '%s'", ra->currency);
        return EXIT_USAGE;
    }
    q->currency = ra->currency ? ra->ccy : NULL;
    q->reporter = rep3;
    q->period = canon;
    q->classification = ra->classification;
    q->as_of = ra->as_of;
    co->lang_zh = !strcmp(ra->lang, "zh");
    co->top = chart >= 0 ? q->top : 5;
    return EXIT_OK;
}

/* The error message of a chart with nothing to draw. */
static void nothing_to_draw(int chart, const char *label, const char *period)
{
    if (chart == TF_CHART_WINDOW)
        error("no daily import P/L for %s in the six months to %s: ingest prices or a "
              "published P/L series first", label, period);
    else
        error("nothing to draw: no %s data for %s in the months the chart covers",
              chart == TF_CHART_SEASONAL_EXPORT ? "export"
              : chart == TF_CHART_SEASONAL_NET || chart == TF_CHART_NET_IMPORT
                  ? "import and export"
                  : "import",
              label);
}

/* A report without figures: when the period has no import or export rows at
 * all, the error naming the periods the selection has and EXIT_NODATA; when
 * it has rows (in another measure, breakdowns only), the warning and -1 (the
 * report is written, its notes say why the figures have no value). */
static int no_data(common *c, tf_db *db, const tf_query *q, const char *name)
{
    tf_selection sel = {0};
    sel.classification = q->classification;
    sel.codes = q->codes;
    sel.n_codes = q->n_codes;
    sel.reporter = q->reporter;
    sel.as_of = q->as_of;
    char (*p)[TF_PERIOD_LEN] = NULL;
    size_t n = 0;
    tf_status st = tf_query_periods(db, &sel, &p, &n);
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st));
        return exit_for(st);
    }
    if (tf_query_period_held(p, n, q->period)) {
        free(p);
        fprintf(stderr, "%s: warning: no import or export figure for %s in %s for %s\n",
                progname, name, c->db_name, q->period);
        return -1;
    }
    free(p);
    return say_no_data(c->db_name, db, &sel, name, q->period, "nothing written");
}

/* Compute the report (with the charts' data when the format needs it) and
 * write it; an exit code. */
static int run_report(common *c, tf_db *db, const tf_query *q, const report_args *ra,
                      int chart, const tf_chart_opts *co)
{
    const char *format = chart >= 0 ? tf_chart_kind_name((tf_chart_kind)chart) : ra->format;
    tf_report *r = NULL;
    tf_chart_data *cd = NULL;
    tf_status st = tf_output_charted(format) ? tf_chart_data_compute(db, c->ref, q, &cd)
                                             : tf_report_compute(db, c->ref, q, &r);
    if (cd)
        r = cd->report;
    int rc = EXIT_OK;
    if (st == TF_ERR_INPUT) {
        error("%s: the selected figures are too large to add exactly; no report", c->db_name);
        rc = exit_for(st);
    } else if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st));
        rc = exit_for(st);
    } else if (chart < 0 && !r->import.quantity.has && !r->export.quantity.has &&
               (rc = no_data(c, db, q, r->product_name)) >= 0) {
        /* no data at all: said (a chart draws the months around the period) */
    } else {
        rc = EXIT_OK;
        errno = 0;
        st = tf_output_report(ra->outpath, format, cd, r, co);
        if (st == TF_ERR_NOT_FOUND) {
            nothing_to_draw(chart, q->product, q->period);
            rc = EXIT_NODATA;
        } else if (st != TF_OK) {
            error("%s: cannot write the %s%s%s", ra->outpath,
                  !strcmp(format, "xlsx") ? "workbook" : "report", errno ? ": " : "",
                  errno ? strerror(errno) : "");
            rc = EXIT_IO;
        }
    }
    if (cd)
        tf_chart_data_free(&cd);
    else
        tf_report_free(&r);
    return rc;
}

int cmd_report_or_chart(common *c, args *a, int chart)
{
    report_args ra;
    int rc = parse_report(a, chart, &ra);
    if (rc >= 0)
        return rc;
    char rep3[4], canon[8];
    tf_query q;
    tf_chart_opts co = {0};
    if ((rc = check_report(&ra, chart, rep3, canon, &q, &co)) != EXIT_OK)
        return rc;
    if (output_is_database(ra.outpath, c->db_path))
        return EXIT_USAGE;
    if (ra.commodity && (ra.product || ra.hs)) {
        error("give one of --product, --hs or --commodity");
        return EXIT_USAGE;
    }
    product_sel p;
    tf_db *db = NULL;
    if ((rc = open_selection(c, ra.product, ra.hs, ra.commodity, &p, &db)) != EXIT_OK)
        return rc;
    q.product = p.label;
    q.codes = p.codes;
    q.n_codes = p.n_codes;
    if (co.lang_zh) { /* the Chinese names the note writes (refdata's) */
        const tf_product *pr = p.label ? tf_refdata_product(c->ref, p.label) : NULL;
        const tf_partner *pt = tf_refdata_partner_by_iso3(c->ref, rep3);
        co.product_zh = pr ? tf_product_display_name(pr, "zh") : NULL;
        co.reporter_zh = pt && pt->name_zh[0] ? pt->name_zh : NULL;
    }
    rc = run_report(c, db, &q, &ra, chart, &co);
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}
