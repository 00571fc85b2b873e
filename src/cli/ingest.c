/*
 * tradeflow ingest: read files into the store.
 */
#include "cli.h"

static const char usage_ingest[] =
    "Usage: tradeflow ingest [OPTIONS] FILE...   (FILE '-' reads standard input)\n"
    "\n"
    "Each file is one transaction: it goes in whole or not at all. A file already\n"
    "ingested with the same options adds nothing. Cells whose figures change are\n"
    "stored as new revisions; the older figures stay (see history, report --as-of).\n"
    "\n"
    "UN Comtrade rows by second partner, mode of transport or customs procedure are\n"
    "kept as breakdowns of the aggregate row (never added to totals) and checked to\n"
    "add up to it, with a warning where they do not.\n"
    "\n"
    "  --format F          auto (default), tfcsv, gacc, plseries (a published daily\n"
    "                      import P/L series, docs/plseries.md), prices (daily\n"
    "                      window inputs, docs/prices.md) or comtrade (UN Comtrade:\n"
    "                      v1 API JSON, ComtradePlus and legacy CSV; detected from\n"
    "                      the content)\n"
    "  --flow F            import or export: required for GACC exports, which do not\n"
    "                      say their flow (--flow, --partner-basis, --reporter and\n"
    "                      --source on another format are a usage error, exit 2)\n"
    "  --partner-basis B   origin, consignment, destination or trading (GACC default:\n"
    "                      trading, or what the header says)\n"
    "  --reporter ISO3     reporter of GACC files (default CHN)\n"
    "  --hs CODES          keep only commodities starting with one of these\n"
    "                      comma-separated codes (e.g. to split a file holding both\n"
    "                      flows: --flow import --hs 12019019)\n"
    "  --period YYYY-MM    the month of a GACC download without a date column\n"
    "                      (数据年月): a single-month query\n"
    "  --range YYYY-MM..YYYY-MM  the months of a cumulative GACC download (one\n"
    "                      year, e.g. 2025-01..2025-04): stored as that range, never\n"
    "                      as a month, so monthly reports do not count it\n"
    "  --source TEXT       provenance text stored with every GACC record\n"
    "  --product NAME      the product a P/L series is for (default primary-aluminium)\n"
    "  --columns FROM=TO   rename header columns before reading, comma-separated\n"
    "                      (e.g. --columns close=usdcny for a USD/CNY series)\n"
    "  --vintage DATE      YYYY-MM-DD: the file's release or download date (default\n"
    "                      today). A cell's current figure is that of the latest\n"
    "                      vintage, then the latest ingest: an older file's changed\n"
    "                      figures are kept as history, with a warning\n";


/* ingest --period YYYY-MM / --range YYYY-MM..YYYY-MM: the months a GACC
 * download without a date column covers, canonical in buf, into o->period;
 * an exit code. */
static int ingest_period(const char *period, const char *range, char buf[20], tf_read_opts *o)
{
    tf_error why = {.msg = "expected YYYY-MM with month 01-12"};
    if (period && range) {
        error("ingest: give one of --period and --range");
        return EXIT_USAGE;
    }
    const char *v = range ? range : period;
    if (!v)
        return EXIT_OK;
    int ok = range ? tf_period_range_parse(v, buf, &why) == TF_OK
                   : strlen(v) == 7 && tf_period_parse(v, 7, buf) == TF_OK;
    if (!ok) {
        error("ingest: bad %s '%s' (%s)", range ? "--range" : "--period", v, why.msg);
        return EXIT_USAGE;
    }
    o->period = buf;
    return EXIT_OK;
}

/* Check the values of ingest's options into o; an exit code. */
static int check_ingest(const char *format, const char *flow, const char *basis,
                        const char *reporter, char rep3[4], tf_read_opts *o)
{
    if (o->vintage && (strlen(o->vintage) != 10 || !tf_date_valid(o->vintage))) {
        error("--vintage takes a date YYYY-MM-DD (the file's release or download "
              "date), not '%s'", o->vintage);
        return EXIT_USAGE;
    }
    int ok = 1;
    if (format)
        o->format = tf_format_parse(format, &ok);
    if (!ok) {
        error("unknown --format '%s' (auto, tfcsv, gacc, comtrade, plseries, prices)", format);
        return EXIT_USAGE;
    }
    if (flow && (o->flow = tf_flow_parse(flow, strlen(flow))) == TF_FLOW_NONE) {
        error("unknown --flow '%s' (import, export, re-import, re-export)", flow);
        return EXIT_USAGE;
    }
    if (basis && (!valid_basis(basis) || !strcmp(basis, "unstated"))) {
        error("unknown --partner-basis '%s' (origin, consignment, destination, trading)", basis);
        return EXIT_USAGE;
    }
    o->partner_basis = basis;
    if (reporter && !iso3(reporter, rep3)) {
        error("--reporter takes an ISO alpha-3 code (e.g. CHN) or a Comtrade "
              "special area (S19 or 490), not '%s'", reporter);
        return EXIT_USAGE;
    }
    o->reporter = reporter ? rep3 : NULL;
    return EXIT_OK;
}

/* Say what the ingest of one file did. */
static void print_result(const char *path, const tf_ingest_result *res, const char *hs,
                         const tf_read_opts *o)
{
    const char *vintage = o->vintage;
    if (res->already) {
        printf("%s: already ingested with these options (source %lld); nothing added\n",
               path, res->source_id);
        if (vintage || o->provenance) /* a source's vintage and text are those it was given */
            fprintf(stderr, "%s: warning: %s: %s%s%s not applied: source %lld keeps what it was "
                    "ingested with (tradeflow sources); to change it, run tradeflow sources "
                    "--retract %lld, then ingest the file again\n", progname, path,
                    vintage ? "--vintage" : "", vintage && o->provenance ? " and " : "",
                    o->provenance ? "--source" : "", res->source_id, res->source_id);
    } else if (res->empty && res->read.rows == 0)
        fprintf(stderr, "%s: warning: %s: %s; nothing ingested\n", progname, path,
                res->read.json
                    ? "no records (the answer's data array is empty: no data for the query?)"
                    : "header only, no data rows");
    else if (res->empty && hs)
        fprintf(stderr, "%s: warning: %s: none of the %lu row%s matches --hs %s; nothing "
                "ingested\n", progname, path, res->read.rows, res->read.rows == 1 ? "" : "s",
                hs);
    else if (res->empty)
        fprintf(stderr, "%s: warning: %s: no figure in the %lu row%s (every cell empty); "
                "nothing ingested\n", progname, path, res->read.rows,
                res->read.rows == 1 ? "" : "s");
    else {
        unsigned long rows = res->read.rows - res->read.filtered;
        printf("%s: %lu row%s (%s, %s): %lu added, %lu revised, %lu unchanged\n", path,
               rows, rows == 1 ? "" : "s", tf_format_name(res->read.format),
               res->read.encoding, res->added, res->revised, res->unchanged);
        if (res->read.filtered)
            printf("%s: %lu row%s left out by --hs\n", path, res->read.filtered,
                   res->read.filtered == 1 ? "" : "s");
        if (res->older)
            fprintf(stderr, "%s: warning: %s: older than figures it would replace: %lu "
                    "cell%s keep%s the figure of a later vintage (this file's vintage %s); "
                    "its figures there are kept as history (tradeflow history)\n",
                    progname, path, res->older, res->older == 1 ? "" : "s",
                    res->older == 1 ? "s" : "", vintage ? vintage : "today");
    }
}

/* Ingest one file (or "-", standard input); an exit code. *committed is set
 * when it added to the store. */
static int ingest_file(common *c, tf_db *db, const char *path, const tf_read_opts *o,
                       const char *hs, int *committed)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (!in) {
        error("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    const char *now = getenv("TRADEFLOW_NOW");
    tf_diag diag = {0};
    diag.warn = print_warning;
    tf_ingest_result res;
    const char *name = is_stdin ? "<stdin>" : path;
    tf_status st = tf_db_ingest(db, in, name, o, c->ref, now && *now ? now : NULL, &diag, &res);
    if (!is_stdin)
        fclose(in);
    if (st != TF_OK) {
        error("%s", diag.error.msg[0] ? diag.error.msg : tf_db_error(db)->msg);
        error("%s: nothing ingested from this file; the database is unchanged", name);
        return exit_for(st);
    }
    *committed |= !res.already && !res.empty;
    print_result(name, &res, hs, o);
    return EXIT_OK;
}

/* Ingest the files in turn, stopping at the first that fails; an exit code. */
static int ingest_files(common *c, const char *const *files, int nfiles, const tf_read_opts *o,
                        const char *hs)
{
    struct stat sb;
    int existed = stat(c->db_path, &sb) == 0, committed = 0, k = 0;
    tf_db *db = NULL;
    int rc = open_db(c, TF_DB_CREATE, &db);
    for (; k < nfiles && rc == EXIT_OK; k++)
        rc = ingest_file(c, db, files[k], o, hs, &committed);
    for (; rc != EXIT_OK && db && k < nfiles; k++)
        error("%s: not read (stopped at the error above)", files[k]);
    tf_db_close(&db);
    if (!existed && !committed)
        tf_db_discard_if_empty(c->db_path); /* a failed first ingest leaves no database */
    return rc;
}

/* The codes of ingest --hs into *list (pointers into *store; both to free):
 * digit codes or prefixes, or TOTAL; an exit code. */
static int ingest_hs(const char *hs, char ***list, size_t *n, char **store)
{
    const char *bad = NULL;
    if (!(*list = split_list(hs, n, store))) {
        free(*store);
        return EXIT_IO;
    }
    if (tf_query_codes_check((const char *const *)*list, *n, 1, &bad) == TF_OK)
        return EXIT_OK;
    if (bad)
        error("ingest: --hs takes comma-separated digit codes (or TOTAL), not '%s'", bad);
    else
        error("ingest: --hs needs at least one code");
    free(*list);
    free(*store);
    *list = NULL;
    *store = NULL;
    return EXIT_USAGE;
}

int cmd_ingest(common *c, args *a)
{
    const char *format = NULL, *flow = NULL, *basis = NULL, *reporter = NULL, *hs = NULL,
               *period = NULL, *range = NULL;
    const char *files[256];
    tf_read_opts o = {0};
    const opt_spec t[] = {
        {"--format", NULL, &format, NULL},    {"--flow", NULL, &flow, NULL},
        {"--partner-basis", NULL, &basis, NULL}, {"--reporter", NULL, &reporter, NULL},
        {"--hs", NULL, &hs, NULL},            {"--source", NULL, &o.provenance, NULL},
        {"--product", NULL, &o.product, NULL}, {"--columns", NULL, &o.columns, NULL},
        {"--vintage", NULL, &o.vintage, NULL}, {"--period", NULL, &period, NULL},
        {"--range", NULL, &range, NULL},       {NULL, NULL, NULL, NULL}};
    positional pos = {files, 0, 256, "file"};
    int rc = parse_options(a, "ingest", usage_ingest, t, &pos);
    if (rc >= 0)
        return rc;
    char rep3[4], months[20];
    if ((rc = check_ingest(format, flow, basis, reporter, rep3, &o)) != EXIT_OK ||
        (rc = ingest_period(period, range, months, &o)) != EXIT_OK)
        return rc;
    if (pos.n == 0) {
        error("ingest: no file given (see tradeflow ingest --help)");
        return EXIT_USAGE;
    }
    char *hs_store = NULL, **hs_list = NULL;
    size_t n_hs = 0;
    if (hs && (rc = ingest_hs(hs, &hs_list, &n_hs, &hs_store)) != EXIT_OK)
        return rc;
    o.hs = (const char *const *)hs_list;
    o.n_hs = n_hs;
    rc = load_refdata(c);
    const tf_product *pr = rc == EXIT_OK && o.product
                               ? tf_refdata_product_by_name(c->ref, o.product) : NULL;
    if (rc == EXIT_OK && o.product && !pr) {
        error("ingest: unknown --product '%s' (see tradeflow products)", o.product);
        rc = EXIT_USAGE;
    }
    if (pr)
        o.product = pr->name; /* stored by its slug, whatever name was given */
    if (rc == EXIT_OK)
        rc = ingest_files(c, files, pos.n, &o, hs);
    free(hs_list);
    free(hs_store);
    return rc;
}
