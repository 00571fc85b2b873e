/*
 * tradeflow codes: a product's figures by HS code against a year before,
 * across HS edition changes (tradeflow/hscodes.h).
 */
#include "cli.h"

static const char usage_codes[] =
    "Usage: tradeflow codes (--product NAME | --hs CODES | --commodity CODES)\n"
    "                       --period YYYY-MM|YYYY [OPTIONS]\n"
    "\n"
    "Each stored code of the selection in the period and a year before, with its\n"
    "YoY. Across an HS edition change (HS2017 to HS2022 in January 2022) a code\n"
    "the new edition split or merged has no per-code YoY: it says \"no value: code\n"
    "changed with HS2022\", never -100% or new. The crosswalk (data/hs-crosswalk.csv,\n"
    "docs/hs-crosswalk.md) joins old and new codes into groups, and the YoY is\n"
    "computed over the group; a group the selection covers only in part has no\n"
    "counterpart and is said to have none. Exit 5, with nothing written, when\n"
    "neither the period nor the year before has a row of the selection: the\n"
    "message names the periods the data has.\n"
    "\n"
    "  --period P          YYYY-MM (against the month a year before) or YYYY\n"
    "  --flow F            import, export or both (default)\n"
    "  --crosswalk FILE    add the pairs of FILE (columns old_edition, old_code,\n"
    "                      new_edition, new_code, source) to the built-in ones; also\n"
    "                      ~/.config/tradeflow/hs-crosswalk.csv and\n"
    "                      $TRADEFLOW_CROSSWALK (':'-separated files)\n"
    "  --format F          text (default) or json\n"
    "  --reporter ISO3     default CHN\n"
    "  --classification C  default HS (with UN Comtrade's H0-H6)\n"
    "  --as-of DATE        figures as ingested up to DATE\n";

/* The flows asked for into flows[]; their count, 0 when bad. */
static size_t flows_of(const char *f, tf_flow flows[2])
{
    if (!strcmp(f, "import") || !strcmp(f, "export")) {
        flows[0] = !strcmp(f, "import") ? TF_FLOW_IMPORT : TF_FLOW_EXPORT;
        return 1;
    }
    flows[0] = TF_FLOW_IMPORT;
    flows[1] = TF_FLOW_EXPORT;
    return !strcmp(f, "both") ? 2 : 0;
}

/* Compute and write the flows' tables; an exit code. */
static int run_codes(tf_db *db, common *c, const tf_query *q, const tf_flow *flows, size_t nf,
                     const char *label, int fmt)
{
    tf_code_changes *ch[2] = {NULL, NULL};
    tf_status st = TF_OK;
    for (size_t i = 0; i < nf && st == TF_OK; i++)
        st = tf_code_changes_compute(db, c->ref, q, flows[i], &ch[i]);
    int rc = EXIT_OK;
    size_t rows = 0;
    for (size_t i = 0; i < nf && st == TF_OK; i++)
        rows += ch[i]->n_codes;
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st));
        rc = exit_for(st);
    } else if (!rows) {
        tf_selection sel = {.classification = q->classification, .codes = q->codes,
                            .n_codes = q->n_codes, .reporter = q->reporter, .as_of = q->as_of};
        char period[32];
        snprintf(period, sizeof period, "%s or a year before", q->period);
        rc = say_no_data(c->db_name, db, &sel, label, period, "nothing written");
    } else if (tf_code_changes_write(stdout, ch, nf, label, (tf_output_format)fmt) != TF_OK) {
        error("cannot write the table");
        rc = EXIT_IO;
    }
    for (size_t i = 0; i < nf; i++)
        tf_code_changes_free(&ch[i]);
    return rc;
}

/* The option values of codes, each with its own message; an exit code. The
 * period's canonical form into canon, the reporter's ISO3 into rep3. */
static int check_codes(const char *period, char canon[8], size_t nf, const char *flow, int fmt,
                       const char *format, const char *reporter, char rep3[4],
                       const char *classification)
{
    size_t pl = period ? strlen(period) : 0;
    if ((pl != 4 && pl != 7) || tf_period_parse(period, pl, canon) != TF_OK)
        error("codes needs --period YYYY-MM (month 01-12) or YYYY%s%s", period ? ", not " : "",
              period ? period : "");
    else if (!nf)
        error("codes: --flow is import, export or both, not '%s'", flow);
    else if (fmt != TF_OUT_TEXT && fmt != TF_OUT_JSON)
        error("codes: --format is text or json, not '%s'", format);
    else if (!iso3(reporter, rep3))
        error("codes: --reporter takes an ISO alpha-3 code (e.g. CHN), not '%s'", reporter);
    else if (!tf_query_classification_valid(classification))
        error("--classification takes a name such as HS, SITC or TOTAL, not '%s'",
              classification);
    else
        return EXIT_OK;
    return EXIT_USAGE;
}

int cmd_codes(common *c, args *a)
{
    const char *product = NULL, *hs = NULL, *commodity = NULL, *period = NULL, *format = "text",
               *flow = "both", *crosswalk = NULL, *reporter = "CHN", *classification = "HS",
               *as_of = NULL;
    const opt_spec t[] = {
        {"--product", NULL, &product, NULL},     {"--hs", NULL, &hs, NULL},
        {"--commodity", NULL, &commodity, NULL}, {"--period", NULL, &period, NULL},
        {"--format", NULL, &format, NULL},       {"--flow", NULL, &flow, NULL},
        {"--crosswalk", NULL, &crosswalk, NULL}, {"--reporter", NULL, &reporter, NULL},
        {"--classification", NULL, &classification, NULL},
        {"--as-of", NULL, &as_of, NULL},         {NULL, NULL, NULL, NULL}};
    int rc = parse_options(a, "codes", usage_codes, t, NULL);
    if (rc >= 0)
        return rc;
    tf_flow flows[2];
    size_t nf = flows_of(flow, flows);
    int fmt = tf_output_format_parse(format);
    char canon[8], rep3[4];
    if ((rc = check_codes(period, canon, nf, flow, fmt, format, reporter, rep3,
                          classification)) != EXIT_OK)
        return rc;
    product_sel p;
    tf_db *db = NULL;
    if ((rc = open_selection(c, product, hs, commodity, &p, &db)) != EXIT_OK)
        return rc;
    tf_error err;
    tf_status st = crosswalk ? tf_refdata_add_crosswalk(c->ref, crosswalk, &err) : TF_OK;
    if (st != TF_OK) {
        error("%s", err.msg);
        rc = exit_for(st);
    } else {
        tf_query q = {0};
        q.product = p.label;
        q.codes = p.codes;
        q.n_codes = p.n_codes;
        q.period = canon;
        q.reporter = rep3;
        q.classification = classification;
        q.as_of = as_of;
        rc = run_codes(db, c, &q, flows, nf, p.label, fmt);
    }
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}
