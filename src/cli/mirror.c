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
    "values (USD, CIF or FOB as reported), quantities (t), gap = reporter - mirror,\n"
    "ratio = reporter / mirror.\n"
    "\n"
    "  --commodity CODES   comma-separated commodity codes or prefixes as stored,\n"
    "                      e.g. TOTAL (all commodities) or 7601\n"
    "  --classification C  default HS, which also selects UN Comtrade's H0-H6 (the\n"
    "                      newest edition where several); H6, S4 ... for one only\n"
    "  --period P[..P]     YYYY or YYYY-MM, or a range FROM..TO\n"
    "  --as-of DATE        figures as ingested up to DATE\n"
    "  --format F          text (default) or json\n";


int cmd_mirror(common *c, args *a)
{
    const char *v = NULL, *product = NULL, *hs = NULL, *commodity = NULL, *period = NULL,
               *format = "text", *as_of = NULL, *reporter = NULL, *partner = NULL,
               *classification = "HS";
    int bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_mirror, stdout);
            return EXIT_OK;
        } else if (opt(a, "--product", 1, &v, &bad))
            product = v;
        else if (opt(a, "--hs", 1, &v, &bad))
            hs = v;
        else if (opt(a, "--commodity", 1, &v, &bad))
            commodity = v;
        else if (opt(a, "--period", 1, &v, &bad))
            period = v;
        else if (opt(a, "--format", 1, &v, &bad))
            format = v;
        else if (opt(a, "--as-of", 1, &v, &bad))
            as_of = v;
        else if (opt(a, "--reporter", 1, &v, &bad))
            reporter = v;
        else if (opt(a, "--partner", 1, &v, &bad))
            partner = v;
        else if (opt(a, "--classification", 1, &v, &bad))
            classification = v;
        else {
            error("mirror: unknown argument '%s' (see tradeflow mirror --help)", s);
            return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    char rep3[4], par3[4];
    if (!reporter || !iso3(reporter, rep3) || !partner || !iso3(partner, par3)) {
        error("mirror needs --reporter ISO3 and --partner ISO3 (alpha-3 codes, e.g. CHN RUS)");
        return EXIT_USAGE;
    }
    if (!classification[0] || strlen(classification) > 7 ||
        strspn(classification, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(classification)) {
        error("--classification takes a name such as H6, HS or S4, not '%s'", classification);
        return EXIT_USAGE;
    }
    int fmt = tf_output_format_parse(format);
    if (fmt != TF_OUT_TEXT && fmt != TF_OUT_JSON) {
        error("mirror --format is text or json, not '%s'", format);
        return EXIT_USAGE;
    }
    char from[8], to[8];
    const char *dots = period ? strstr(period, "..") : NULL;
    size_t l1 = dots ? (size_t)(dots - period) : period ? strlen(period) : 0;
    const char *p2 = dots ? dots + 2 : period;
    if (!period || (l1 != 4 && l1 != 7) || tf_period_parse(period, l1, from) != TF_OK ||
        (strlen(p2) != 4 && strlen(p2) != 7) || tf_period_parse(p2, strlen(p2), to) != TF_OK ||
        strcmp(from, to) > 0) {
        error("mirror needs --period YYYY or YYYY-MM, or FROM..TO%s%s", period ? ", not " : "",
              period ? period : "");
        return EXIT_USAGE;
    }
    if ((product != NULL) + (hs != NULL) + (commodity != NULL) != 1) {
        error("give one of --product, --hs or --commodity");
        return EXIT_USAGE;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    product_sel p;
    memset(&p, 0, sizeof p);
    if (commodity) {
        p.list = split_list(commodity, &p.n_codes, &p.store);
        if (!p.list)
            return EXIT_IO;
        for (size_t i = 0; i < p.n_codes; i++)
            if (!p.list[i][0] || strspn(p.list[i], "0123456789TOAL") != strlen(p.list[i])) {
                error("--commodity takes comma-separated codes (digits or TOTAL), not '%s'",
                      p.list[i]);
                product_sel_free(&p);
                return EXIT_USAGE;
            }
        p.codes = (const char *const *)p.list;
    } else if ((rc = resolve_product(c, product, hs, &p)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    if (p.n_codes == 0) {
        error("--commodity needs at least one code");
        product_sel_free(&p);
        return EXIT_USAGE;
    }
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    tf_mirror_query q = {0};
    q.reporter = rep3;
    q.partner = par3;
    q.classification = classification;
    q.codes = p.codes;
    q.n_codes = p.n_codes;
    q.period_from = from;
    q.period_to = to;
    q.as_of = as_of;
    tf_mirror *m = NULL;
    tf_status st = tf_mirror_compute(db, &q, &m);
    if (st != TF_OK) {
        error("%s", tf_db_errmsg(db)[0] ? tf_db_errmsg(db) : tf_strerror(st));
        rc = exit_for(st);
    } else {
        if (m->n_rows == 0)
            fprintf(stderr, "%s: warning: no %s data for %s and %s in %s for %s..%s\n", progname,
                    classification, rep3, par3, c->db_path, from, to);
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

