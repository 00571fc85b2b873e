/* tradeflow outlook: next month's imports and net imports with the backtest. */
#include <stdio.h>
#include <string.h>

#include "outlook.h"

const char cli_outlook_usage[] =
    "Usage: tradeflow outlook (--product NAME | --hs CODES) --period YYYY-MM\n"
    "                         [--format text|json] [--backtest] [--as-of DATE]\n"
    "\n"
    "Forecasts the month after --period (imports and net imports, t): a point, an\n"
    "80% interval (the point plus the 10th..90th percentiles of the method's backtest\n"
    "errors) and the direction against --period's figure, by (a) seasonal naive (the\n"
    "same month a year earlier), (b) persistence (the latest month's figure) or (c)\n"
    "the window model: least squares of the month's figure on the previous month's\n"
    "figure and the mean published spot import P/L and open days of the two previous\n"
    "months (Chen, Wu and Yan 2013, The World Economy, doi 10.1111/twec.12073),\n"
    "fitted only on the months before each forecast. A rolling-origin backtest scores\n"
    "each (MAE, MAPE, direction hit rate); the one with the lowest MAE on the months\n"
    "all those able to forecast the month forecast is used (at least 6 months; else\n"
    "the baseline, seasonal naive), and the output says which and why.\n"
    "Only data up to --period are used. Missing months stay missing. docs/outlook.md.\n"
    "\n"
    "  --product NAME      a product from 'tradeflow products' (the P/L series is the\n"
    "                      one ingested for it, docs/plseries.md)\n"
    "  --hs CODES          comma-separated HS codes (no P/L series: no window model)\n"
    "  --period YYYY-MM    the latest month to use; the forecast is of the next one\n"
    "  --format F          text (default) or json\n"
    "  --backtest          also list every backtest month: actual and each forecast\n"
    "  --as-of DATE        figures as ingested up to DATE\n"
    "\n"
    "Exit codes: 0 ok, 2 usage, 4 I/O or database error, 5 no forecast of the imports\n"
    "possible (no data or too little history).\n";

static int value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n))
        return 0;
    if (argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n])
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *out = argv[++*i];
    return 1;
}

int cli_outlook_parse(int argc, char **argv, int i, cli_outlook_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = "text";
    for (; i < argc; i++) {
        const char *s = argv[i];
        int r = 0;
        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            fputs(cli_outlook_usage, stdout);
            return 0;
        } else if (!strcmp(s, "--backtest"))
            o->backtest = 1;
        else if ((r = value(argc, argv, &i, "--product", &o->product)) ||
                 (r = value(argc, argv, &i, "--hs", &o->hs)) ||
                 (r = value(argc, argv, &i, "--period", &o->period)) ||
                 (r = value(argc, argv, &i, "--format", &o->format)) ||
                 (r = value(argc, argv, &i, "--as-of", &o->as_of))) {
            if (r < 0) {
                fprintf(stderr, "tradeflow: option %s needs a value\n", s);
                return 2;
            }
        } else {
            fprintf(stderr, "tradeflow: outlook: unknown argument '%s' (see tradeflow outlook "
                "--help)\n", s);
            return 2;
        }
    }
    char canon[8];
    if (!o->period || strlen(o->period) != 7 ||
        tf_period_parse(o->period, strlen(o->period), canon) != TF_OK) {
        fprintf(stderr, "tradeflow: outlook needs --period YYYY-MM (month 01-12)%s%s\n",
                o->period ? ", not " : "", o->period ? o->period : "");
        return 2;
    }
    if (strcmp(o->format, "text") && strcmp(o->format, "json")) {
        fprintf(stderr, "tradeflow: outlook: --format is text or json, not '%s'\n", o->format);
        return 2;
    }
    return -1;
}

int cli_outlook_run(tf_db *db, const tf_refdata *ref, const char *label,
                    const char *const *codes, size_t n_codes, const cli_outlook_opts *o)
{
    tf_query q = {0};
    q.product = label;
    q.classification = "HS";
    q.codes = codes;
    q.n_codes = n_codes;
    q.reporter = "CHN";
    q.period = o->period;
    q.as_of = o->as_of;
    tf_outlook *ol = NULL;
    tf_status st = tf_outlook_compute(db, ref, &q, &ol);
    if (st != TF_OK) {
        const char *m = tf_db_error(db)->msg;
        fprintf(stderr, "tradeflow: %s\n", m && m[0] ? m : tf_strerror(st));
        return st == TF_ERR_USAGE ? 2 : 4;
    }
    int rc = 0;
    if (ol->imports.method == TF_OUTLOOK_NONE) {
        fprintf(stderr, "tradeflow: %s: imports: %s\n", label, ol->imports.why);
        rc = 5; /* no data for it, as report, note and chart say */
    } else {
        if (!ol->imports.current.has) /* e.g. a month not yet published */
            fprintf(stderr, "tradeflow: warning: %s has no imports in %s, the month the "
                    "outlook starts from: the forecast of %s rests on earlier months only\n",
                    label, ol->period, ol->target);
        if (tf_outlook_write(stdout, ol, !strcmp(o->format, "json"), o->backtest) != TF_OK) {
            fprintf(stderr, "tradeflow: cannot write the outlook\n");
            rc = 4;
        }
    }
    tf_outlook_free(&ol);
    return rc;
}
