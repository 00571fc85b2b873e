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
    "  --origin-group G    MFN (default) or ASEAN (Form E: no rate shipped, as no\n"
    "                      source here dates it; give --duty or --window-params)\n"
    "  --vat PCT --duty PCT --misc CNY/t   override data/window-params.csv\n"    "Each rate in data/window-params.csv applies from the earliest date a source\n"
    "shows it (VAT 17 %, misc 100 CNY/t and 76011090's provisional 0 % duty from\n"
    "2015-05-26): for an earlier day the window refuses (exit 2) unless the rate is\n"
    "given.\n"
    "  --as-of DATE        (second form) the prices as ingested up to DATE\n"
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
    const tf_product *pr = tf_refdata_product_by_name(c->ref, product);
    if (!pr) {
        error("window: unknown product '%s' (see tradeflow products)", product);
        return EXIT_USAGE;
    }
    product = pr->name; /* prices are stored under the slug */
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK)
        return rc;
    tf_window_overrides ov = {vat, duty, misc};
    tf_window_series *s = NULL;
    tf_status st = tf_window_series_compute(db, c->ref, product, from, to, hs, group, &ov, as_of,
                                            &s);
    if (st == TF_ERR_USAGE || st == TF_ERR_NOT_FOUND)
        error("window: %s", tf_db_error(db)->msg);
    else if (st != TF_OK)
        error("%s", tf_db_error(db)->msg);
    else if (tf_window_series_write(stdout, s, (tf_output_format)fmt) != TF_OK)
        st = TF_ERR_IO;
    tf_window_series_free(&s);
    tf_db_close(&db);
    return exit_for(st);
}

/* The option of each tf_window_input. */
static const char *const input_opt[TF_WIN_N_INPUTS] = {
    "--lme-cash", "--lme-3m", "--fx", "--fx-fwd", "--spot", "--shfe", "--premium",
    "--premium-low", "--premium-high", "--vat", "--duty", "--misc"};

/* The message of a fault of the one-day form (the library's reasons). */
static void window_fault(const tf_window_fault *f, const double *value)
{
    static const char *const label[2] = {"spot", "forward"};
    static const int need[2][3] = {{TF_WIN_LME_CASH, TF_WIN_FX, TF_WIN_SPOT},
                                   {TF_WIN_LME_3M, TF_WIN_FX_FWD, TF_WIN_SHFE}};
    const char *in = f->input >= 0 ? input_opt[f->input] : "";
    const char *w = f->window >= 0 ? label[f->window] : "";
    switch (f->kind) {
    case TF_WF_RANGE:
        error("window: %s out of range (VAT and duty 0..100 %%, misc 0..100,000 CNY/t)", in);
        break;
    case TF_WF_PREMIUM_RANGE:
        error("window: %s must be from 0 to below 10,000 USD/t", in);
        break;
    case TF_WF_PREMIUM_HALF:
        error("give both --premium-low and --premium-high, or --premium");
        break;
    case TF_WF_PREMIUM_BOTH:
        error("give --premium or the range --premium-low/--premium-high, not both");
        break;
    case TF_WF_PREMIUM_ORDER:
        error("--premium-low %g is above --premium-high %g", value[TF_WIN_PREMIUM_LOW],
              value[TF_WIN_PREMIUM_HIGH]);
        break;
    case TF_WF_PARAMS: error("window: %s", f->why); break;
    case TF_WF_MISSING: error("window: the %s window needs %s", w, in); break;
    case TF_WF_NO_PREMIUM:
        error("window: the %s window needs --premium (or --premium-low and --premium-high)", w);
        break;
    case TF_WF_COMPUTE:
        error("window: %s window (%s, %s, %s): %s", w, input_opt[need[f->window][0]],
              input_opt[need[f->window][1]], input_opt[need[f->window][2]], f->why);
        break;
    default:
        error("window: give the spot inputs (--lme-cash, --fx, --spot) or the forward ones "
              "(--lme-3m, --fx-fwd, --shfe), with --premium");
    }
}

/* window's options as given. */
typedef struct window_args {
    const char *date, *hs, *group, *format, *from, *to, *product, *as_of;
    const char *num[TF_WIN_N_INPUTS];
    double value[TF_WIN_N_INPUTS];
    int given[TF_WIN_N_INPUTS];
    char group_up[16];
    int fmt;
} window_args;

/* Read and check the options; -1 to go on, else an exit code. */
static int parse_window(args *a, window_args *w)
{
    opt_spec t[TF_WIN_N_INPUTS + 9] = {
        {"--date", NULL, &w->date, NULL},       {"--from", NULL, &w->from, NULL},
        {"--to", NULL, &w->to, NULL},           {"--product", NULL, &w->product, NULL},
        {"--as-of", NULL, &w->as_of, NULL},     {"--hs", NULL, &w->hs, NULL},
        {"--origin-group", NULL, &w->group, NULL}, {"--format", NULL, &w->format, NULL}};
    for (int k = 0; k < TF_WIN_N_INPUTS; k++)
        t[8 + k] = (opt_spec){input_opt[k], NULL, &w->num[k], NULL};
    int rc = parse_options(a, "window", usage_window, t, NULL);
    if (rc >= 0)
        return rc;
    for (int k = 0; k < TF_WIN_N_INPUTS; k++)
        if ((w->given[k] = w->num[k] != NULL) && !num_opt(input_opt[k], w->num[k], &w->value[k]))
            return EXIT_USAGE;
    w->fmt = tf_output_format_parse(w->format);
    if (w->fmt != TF_OUT_TEXT && w->fmt != TF_OUT_JSON) {
        error("window: --format is text or json, not '%s'", w->format);
        return EXIT_USAGE;
    }
    size_t gl = strlen(w->group);
    if (gl == 0 || gl >= sizeof w->group_up) {
        error("window: bad --origin-group '%s' (MFN, ASEAN)", w->group);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i <= gl; i++)
        w->group_up[i] = (char)(w->group[i] >= 'a' && w->group[i] <= 'z' ? w->group[i] - 32
                                                                         : w->group[i]);
    size_t hl = strlen(w->hs);
    if (hl < 4 || hl > 10 || strspn(w->hs, "0123456789") != hl) {
        error("window: --hs takes an HS code of 4 to 10 digits, not '%s'", w->hs);
        return EXIT_USAGE;
    }
    return -1;
}

/* The --from/--to form over stored prices; an exit code. */
static int window_range(common *c, const window_args *w)
{
    for (int k = TF_WIN_VAT; k <= TF_WIN_MISC; k++)
        if (w->given[k] &&
            !(w->value[k] >= 0 && w->value[k] <= (k == TF_WIN_MISC ? 100000 : 100))) {
            error("window: %s out of range (VAT and duty 0..100 %%, misc 0..100,000 CNY/t)",
                  input_opt[k]);
            return EXIT_USAGE;
        }
    for (int k = TF_WIN_LME_CASH; k <= TF_WIN_PREMIUM_HIGH; k++)
        if (w->given[k]) {
            error("window: %s is for the one-day form; --from/--to use the stored prices",
                  input_opt[k]);
            return EXIT_USAGE;
        }
    if (w->date) {
        error("window: give --date (one day from the command line) or --from/--to (stored "
              "prices), not both");
        return EXIT_USAGE;
    }
    double o[3];
    for (int k = 0; k < 3; k++)
        o[k] = w->given[TF_WIN_VAT + k] ? w->value[TF_WIN_VAT + k] : NAN;
    return window_series(c, w->from, w->to, w->product, w->hs, w->group_up, o[0], o[1], o[2],
                         w->as_of, w->fmt);
}

int cmd_window(common *c, args *a)
{
    window_args w = {.hs = "76011090", .group = "MFN", .format = "text",
                     .product = "primary-aluminium"};
    int rc = parse_window(a, &w);
    if (rc >= 0)
        return rc;
    if (w.from || w.to)
        return window_range(c, &w);
    if (w.as_of) {
        error("window: --as-of is for the --from/--to form");
        return EXIT_USAGE;
    }
    if (!tf_date_valid(w.date)) {
        error("window needs --date YYYY-MM-DD (the day the prices are for: it sets the VAT)");
        return EXIT_USAGE;
    }
    if ((rc = load_refdata(c)) != EXIT_OK)
        return rc;
    tf_window_report r;
    tf_window_fault f;
    if (tf_window_one_day(c->ref, w.date, w.hs, w.group_up, w.value, w.given, &r, &f) != TF_OK) {
        window_fault(&f, w.value);
        return EXIT_USAGE;
    }
    return tf_window_write(stdout, &r, (tf_output_format)w.fmt) == TF_OK ? EXIT_OK : EXIT_IO;
}
