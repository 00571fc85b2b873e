/*
 * tradeflow mirror: a reporter's declarations against its partner's.
 */
#include "cli.h"

static const char usage_mirror[] =
    "Usage: tradeflow mirror --reporter ISO3 --partner ISO3 (--product NAME | --hs CODES |\n"
    "                        --commodity CODES) --period P[..P] [OPTIONS]\n"
    "\n"
    "The reporter's imports from the partner against the partner's exports to the\n"
    "reporter, and the reporter's exports against the partner's imports, per period:\n"
    "values (USD, CIF or FOB as reported; China's records stating neither are\n"
    "named by GACC's rule: imports CIF, exports FOB), quantities (t), unit values\n"
    "(per t), gap = reporter - mirror, ratio = reporter / mirror, and the gap as %\n"
    "of the exporter's figure = (importer - exporter) / exporter. Flagged with !:\n"
    "a ratio above 10 or below 0.1, for the period's total and for each commodity\n"
    "code on its own, and HS 9999 / chapter 99 codes (goods not specified,\n"
    "confidential trade).\n"
    "\n"
    "  --commodity CODES   comma-separated commodity codes or prefixes as stored,\n"
    "                      e.g. TOTAL (all commodities) or 7601\n"
    "  --classification C  default HS, which also selects UN Comtrade's H0-H6 (the\n"
    "                      newest edition where several); H6, S4 ... for one only\n"
    "  --period P[..P]     YYYY or YYYY-MM, or a range FROM..TO\n"
    "  --as-of DATE        figures as ingested up to DATE\n"
    "  --currency C        CNY or USD: the records each side's values are read from\n"
    "                      (default: per side the currency with most records, with a\n"
    "                      note; values in two currencies are not compared)\n"
    "  --format F          text (default) or json\n";


/* The period option FROM..TO (or one period) into from and to; 0 if bad. */
static int period_range(const char *period, char from[8], char to[8])
{
    const char *dots = period ? strstr(period, "..") : NULL;
    size_t l1 = dots ? (size_t)(dots - period) : period ? strlen(period) : 0;
    const char *p2 = dots ? dots + 2 : period;
    return period && (l1 == 4 || l1 == 7) && tf_period_parse(period, l1, from) == TF_OK &&
           (strlen(p2) == 4 || strlen(p2) == 7) && tf_period_parse(p2, strlen(p2), to) == TF_OK &&
           strcmp(from, to) <= 0;
}

int cmd_mirror(common *c, args *a)
{
    const char *product = NULL, *hs = NULL, *commodity = NULL, *period = NULL, *format = "text",
               *as_of = NULL, *reporter = NULL, *partner = NULL, *classification = "HS",
               *currency = NULL;
    const opt_spec t[] = {
        {"--product", NULL, &product, NULL},     {"--hs", NULL, &hs, NULL},
        {"--commodity", NULL, &commodity, NULL}, {"--period", NULL, &period, NULL},
        {"--format", NULL, &format, NULL},       {"--as-of", NULL, &as_of, NULL},
        {"--reporter", NULL, &reporter, NULL},   {"--partner", NULL, &partner, NULL},
        {"--classification", NULL, &classification, NULL},
        {"--currency", NULL, &currency, NULL},   {NULL, NULL, NULL, NULL}};
    int rc = parse_options(a, "mirror", usage_mirror, t, NULL);
    if (rc >= 0)
        return rc;
    char rep3[4], par3[4];
    if (!reporter || !iso3(reporter, rep3) || !partner || !iso3(partner, par3)) {
        error("mirror needs --reporter ISO3 and --partner ISO3 (alpha-3 codes, e.g. CHN RUS)");
        return EXIT_USAGE;
    }
    if (!strcmp(rep3, par3)) {
        error("mirror compares two countries' records of their trade: --partner %s is the "
              "reporter itself", par3);
        return EXIT_USAGE;
    }
    if (!tf_query_classification_valid(classification)) {
        error("--classification takes a name such as H6, HS or S4, not '%s'", classification);
        return EXIT_USAGE;
    }
    int fmt = tf_output_format_parse(format);
    if (fmt != TF_OUT_TEXT && fmt != TF_OUT_JSON) {
        error("mirror --format is text or json, not '%s'", format);
        return EXIT_USAGE;
    }
    char from[8], to[8];
    if (!period_range(period, from, to)) {
        error("mirror needs --period YYYY or YYYY-MM, or FROM..TO%s%s", period ? ", not " : "",
              period ? period : "");
        return EXIT_USAGE;
    }
    char ccy[4] = "";
    if (currency && !currency_code(currency, ccy)) {
        error("--currency is CNY or USD, not '%s'", currency);
        return EXIT_USAGE;
    }
    if ((product != NULL) + (hs != NULL) + (commodity != NULL) != 1) {
        error("give one of --product, --hs or --commodity");
        return EXIT_USAGE;
    }
    product_sel p;
    tf_db *db = NULL;
    rc = open_selection(c, product, hs, commodity, &p, &db);
    if (rc != EXIT_OK)
        return rc;
    tf_mirror_query q = {0};
    q.reporter = rep3;
    q.partner = par3;
    q.classification = classification;
    q.codes = p.codes;
    q.n_codes = p.n_codes;
    q.period_from = from;
    q.period_to = to;
    q.as_of = as_of;
    q.ref = c->ref;
    q.currency = ccy[0] ? ccy : NULL;
    tf_mirror *m = NULL;
    tf_status st = tf_mirror_compute(db, &q, &m);
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st));
        rc = exit_for(st);
    } else {
        if (m->n_rows == 0)
            fprintf(stderr, "%s: warning: no %s data for %s and %s in %s for %s..%s\n", progname,
                    classification, rep3, par3, c->db_name, from, to);
        if (tf_mirror_write(stdout, m, (tf_output_format)fmt) != TF_OK) {
            error("cannot write the mirror table");
            rc = EXIT_IO;
        }
    }
    tf_mirror_free(&m);
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}

