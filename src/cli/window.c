/*
 * tradeflow window: the import window (spot import P/L) of a day or a range.
 */
#include "cli.h"

static const char usage_window[] =
    "Usage: tradeflow window --date YYYY-MM-DD [spot inputs] [forward inputs] [OPTIONS]\n"
    "       tradeflow window --from YYYY-MM-DD --to YYYY-MM-DD [--product NAME] [OPTIONS]\n"
    "\n"
    "The second form lists the daily series computed from the prices in the database\n"
    "(ingested from a prices CSV, docs/prices.md) beside the published P/L, every\n"
    "weekday shown so gaps show, and the monthly averages.\n"
    "\n"
    "The import profit/loss of one day: import cost = (LME + premium) x USD/CNY x\n"
    "(1 + duty) x (1 + VAT) + misc; P/L = domestic price - import cost.\n"
    "\n"
    "  spot:     --lme-cash USD/t  --fx CNY/USD  --spot CNY/t (Shanghai spot, SMM A00)\n"
    "  forward:  --lme-3m USD/t  --fx-fwd CNY/USD  --shfe CNY/t\n"
    "  --premium USD/t     CIF premium; or --premium-low and --premium-high (midpoint)\n"
    "  --hs CODE           HS code for the duty (default 76011090)\n"
    "  --origin-group G    MFN (default) or ASEAN (Form E)\n"
    "  --vat PCT --duty PCT --misc CNY/t   override data/window-params.csv\n"
    "  --format F          text (default) or json\n";


/* A number option: the whole value must parse. */
static int num_opt(const char *name, const char *v, double *out)
{
    char *end;
    errno = 0;
    /* plain decimals only: no hex, no exponent, no separators */
    size_t digits = strspn(v + (v[0] == '-'), "0123456789.");
    double d = strtod(v, &end);
    if (!*v || *end || errno || digits != strlen(v + (v[0] == '-')) ||
        strchr(v, '.') != strrchr(v, '.')) {
        error("%s takes a number, not '%s'", name, v);
        return 0;
    }
    *out = d;
    return 1;
}

static int window_series(common *c, const char *from, const char *to, const char *product,
                         const char *hs, const char *group, double vat, double duty, double misc,
                         const char *as_of, int fmt)
{
    if (!from || !to) {
        error("window: give both --from and --to (YYYY-MM-DD)");
        return EXIT_USAGE;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK)
        return rc;
    tf_window_overrides ov = {vat, duty, misc};
    tf_window_series *s = NULL;
    tf_status st = tf_window_series_compute(db, c->ref, product, from, to, hs, group, &ov, as_of,
                                            &s);
    if (st == TF_ERR_USAGE && tf_db_errmsg(db)[0])
        error("window: %s", tf_db_errmsg(db));
    else if (st == TF_ERR_USAGE)
        error("window: --from %s --to %s is not a range of valid dates (YYYY-MM-DD, at most 10 "
              "years)", from, to);
    else if (st == TF_ERR_NOT_FOUND)
        error("window: no parameters for HS %s, %s on a day of the range (or give --vat, --duty "
              "and --misc)", hs, group);
    else if (st != TF_OK)
        error("%s", tf_db_errmsg(db));
    else if (tf_window_series_write(stdout, s, (tf_output_format)fmt) != TF_OK)
        st = TF_ERR_IO;
    tf_window_series_free(&s);
    tf_db_close(&db);
    return exit_for(st);
}

int cmd_window(common *c, args *a)
{
    const char *v = NULL, *date = NULL, *hs = "76011090", *group = "MFN", *format = "text",
               *from = NULL, *to = NULL, *product = "primary-aluminium", *as_of = NULL;
    static const char *const names[] = {"--lme-cash", "--lme-3m", "--fx", "--fx-fwd", "--spot",
                                        "--shfe", "--premium", "--premium-low",
                                        "--premium-high", "--vat", "--duty", "--misc"};
    enum { LME, LME3, FX, FXF, SPOT, SHFE, PREM, PLO, PHI, VAT, DUTY, MISC, NNUM };
    double val[NNUM];
    int given[NNUM] = {0};
    int bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        int k, matched = 0;
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_window, stdout);
            return EXIT_OK;
        }
        for (k = 0; k < NNUM && !matched; k++)
            if (opt(a, names[k], 1, &v, &bad)) {
                matched = 1;
                if (bad || !num_opt(names[k], v, &val[k]))
                    return EXIT_USAGE;
                given[k] = 1;
            }
        if (matched)
            continue;
        if (opt(a, "--date", 1, &v, &bad))
            date = v;
        else if (opt(a, "--from", 1, &v, &bad))
            from = v;
        else if (opt(a, "--to", 1, &v, &bad))
            to = v;
        else if (opt(a, "--product", 1, &v, &bad))
            product = v;
        else if (opt(a, "--as-of", 1, &v, &bad))
            as_of = v;
        else if (opt(a, "--hs", 1, &v, &bad))
            hs = v;
        else if (opt(a, "--origin-group", 1, &v, &bad))
            group = v;
        else if (opt(a, "--format", 1, &v, &bad))
            format = v;
        else {
            error("window: unknown argument '%s' (see tradeflow window --help)", s);
            return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    int fmt = tf_output_format_parse(format);
    if (fmt != TF_OUT_TEXT && fmt != TF_OUT_JSON) {
        error("window: --format is text or json, not '%s'", format);
        return EXIT_USAGE;
    }
    static char upper_group[16];
    size_t gl = strlen(group);
    if (gl == 0 || gl >= sizeof upper_group) {
        error("window: bad --origin-group '%s' (MFN, ASEAN)", group);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i <= gl; i++)
        upper_group[i] = (char)(group[i] >= 'a' && group[i] <= 'z' ? group[i] - 32 : group[i]);
    group = upper_group;
    if (strlen(hs) < 4 || strlen(hs) > 10 || strspn(hs, "0123456789") != strlen(hs)) {
        error("window: --hs takes an HS code of 4 to 10 digits, not '%s'", hs);
        return EXIT_USAGE;
    }
    for (int k = VAT; k <= MISC; k++)
        if (given[k] && !(val[k] >= 0 && val[k] <= (k == MISC ? 100000 : 100))) {
            error("window: %s out of range (VAT and duty 0..100 %%, misc 0..100,000 CNY/t)",
                  names[k]);
            return EXIT_USAGE;
        }
    if (from || to) {
        for (int k = LME; k <= PHI; k++)
            if (given[k]) {
                error("window: %s is for the one-day form; --from/--to use the stored prices",
                      names[k]);
                return EXIT_USAGE;
            }
        if (date) {
            error("window: give --date (one day from the command line) or --from/--to (stored "
                  "prices), not both");
            return EXIT_USAGE;
        }
        return window_series(c, from, to, product, hs, group, given[VAT] ? val[VAT] : NAN,
                             given[DUTY] ? val[DUTY] : NAN, given[MISC] ? val[MISC] : NAN,
                             as_of, fmt);
    }
    if (as_of) {
        error("window: --as-of is for the --from/--to form");
        return EXIT_USAGE;
    }
    if (!tf_date_valid(date)) {
        error("window needs --date YYYY-MM-DD (the day the prices are for: it sets the VAT)");
        return EXIT_USAGE;
    }
    if (given[PLO] != given[PHI]) {
        error("give both --premium-low and --premium-high, or --premium");
        return EXIT_USAGE;
    }
    if (given[PREM] && given[PLO]) {
        error("give --premium or the range --premium-low/--premium-high, not both");
        return EXIT_USAGE;
    }
    if (given[PLO]) {
        for (int k = PLO; k <= PHI; k++)
            if (!(val[k] >= 0 && val[k] < 10000)) {
                error("window: %s must be from 0 to below 10,000 USD/t", names[k]);
                return EXIT_USAGE;
            }
        if (val[PLO] > val[PHI]) {
            error("--premium-low %g is above --premium-high %g", val[PLO], val[PHI]);
            return EXIT_USAGE;
        }
        val[PREM] = (val[PLO] + val[PHI]) / 2; /* midpoint of the published range */
        given[PREM] = 1;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    tf_window_report w;
    memset(&w, 0, sizeof w);
    snprintf(w.date, sizeof w.date, "%s", date);
    snprintf(w.hs, sizeof w.hs, "%s", hs);
    snprintf(w.origin_group, sizeof w.origin_group, "%s", group);
    double vat, duty, misc;
    const char *why = NULL;
    if (tf_window_params(c->ref, date, hs, group, &vat, &duty, &misc, &why) != TF_OK &&
        !(given[VAT] && given[DUTY] && given[MISC])) {
        error("window: %s (or give --vat, --duty and --misc)", why);
        return EXIT_USAGE;
    }
    if (given[VAT])
        vat = val[VAT];
    if (given[DUTY])
        duty = val[DUTY];
    if (given[MISC])
        misc = val[MISC];
    /* each window needs all of its inputs; a partial set is an error naming the gap */
    const int need[2][3] = {{LME, FX, SPOT}, {LME3, FXF, SHFE}};
    const char *label[2] = {"spot", "forward"};
    for (int k = 0; k < 2; k++) {
        int n = given[need[k][0]] + given[need[k][1]] + given[need[k][2]];
        if (n == 0)
            continue;
        for (int j = 0; j < 3; j++)
            if (!given[need[k][j]]) {
                error("window: the %s window needs %s", label[k], names[need[k][j]]);
                return EXIT_USAGE;
            }
        if (!given[PREM]) {
            error("window: the %s window needs --premium (or --premium-low and --premium-high)",
                  label[k]);
            return EXIT_USAGE;
        }
        tf_window_inputs in = {val[need[k][0]], val[PREM], val[need[k][1]], val[need[k][2]],
                               vat, duty, misc};
        tf_window *out = k == 0 ? &w.spot : &w.forward;
        if (tf_window_compute(&in, out, &why) != TF_OK) {
            error("window: %s window (%s, %s, %s): %s", label[k], names[need[k][0]],
                  names[need[k][1]], names[need[k][2]], why);
            return EXIT_USAGE;
        }
        if (k == 0) {
            w.has_spot = 1;
            w.spot_in = in;
        } else {
            w.has_forward = 1;
            w.forward_in = in;
        }
    }
    if (!w.has_spot && !w.has_forward) {
        error("window: give the spot inputs (--lme-cash, --fx, --spot) or the forward ones "
              "(--lme-3m, --fx-fwd, --shfe), with --premium");
        return EXIT_USAGE;
    }
    return tf_window_write(stdout, &w, (tf_output_format)fmt) == TF_OK ? EXIT_OK : EXIT_IO;
}

