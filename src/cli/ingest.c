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
    "  --format F          auto (default), tfcsv, gacc, plseries (a published daily\n"
    "                      import P/L series, docs/plseries.md), prices (daily\n"
    "                      window inputs, docs/prices.md) or comtrade (UN Comtrade:\n"
    "                      v1 API JSON, ComtradePlus and legacy CSV; detected from\n"
    "                      the content)\n"
    "  --flow F            import or export: required for GACC exports, which do not\n"
    "                      say their flow\n"
    "  --partner-basis B   origin, consignment, destination or trading (GACC default:\n"
    "                      trading, or what the header says)\n"
    "  --reporter ISO3     reporter of GACC files (default CHN)\n"
    "  --hs CODES          keep only commodities starting with one of these\n"
    "                      comma-separated codes (e.g. to split a file holding both\n"
    "                      flows: --flow import --hs 12019019)\n"
    "  --source TEXT       provenance text stored with every GACC record\n"
    "  --product NAME      the product a P/L series is for (default primary-aluminium)\n"
    "  --columns FROM=TO   rename header columns before reading, comma-separated\n"
    "                      (e.g. --columns close=usdcny for a USD/CNY series)\n";


static void count_source(void *ctx, const tf_source_info *s)
{
    (void)s;
    (*(int *)ctx)++;
}

/* 1 when the tradeflow database at path has no source: created by this run. */
static int db_created_empty(const char *path)
{
    tf_db *db = NULL;
    if (tf_db_open(path, TF_DB_READ, &db, NULL, 0) != TF_OK)
        return 0;
    int n = 0;
    tf_db_sources(db, count_source, &n);
    tf_db_close(&db);
    return n == 0;
}

int cmd_ingest(common *c, args *a)
{
    tf_read_opts o = {0};
    char reporter[4];
    const char *v = NULL, *hs = NULL;
    const char *files[256];
    int nfiles = 0, bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_ingest, stdout);
            return EXIT_OK;
        } else if (opt(a, "--format", 1, &v, &bad)) {
            int ok;
            if (!bad)
                o.format = tf_format_parse(v, &ok);
            if (!bad && !ok) {
                error("unknown --format '%s' (auto, tfcsv, gacc, plseries)", v);
                return EXIT_USAGE;
            }
        } else if (opt(a, "--flow", 1, &v, &bad)) {
            if (!bad && (o.flow = tf_flow_parse(v, strlen(v))) == TF_FLOW_NONE) {
                error("unknown --flow '%s' (import, export, re-import, re-export)", v);
                return EXIT_USAGE;
            }
        } else if (opt(a, "--partner-basis", 1, &v, &bad)) {
            if (bad)
                break;
            if (!valid_basis(v) || !strcmp(v, "unstated")) {
                error("unknown --partner-basis '%s' (origin, consignment, destination, trading)",
                      v);
                return EXIT_USAGE;
            }
            o.partner_basis = v;
        } else if (opt(a, "--reporter", 1, &v, &bad)) {
            if (bad)
                break;
            if (!iso3(v, reporter)) {
                error("--reporter takes an ISO alpha-3 code, e.g. CHN, not '%s'", v);
                return EXIT_USAGE;
            }
            o.reporter = reporter;
        } else if (opt(a, "--hs", 1, &v, &bad)) {
            hs = v;
        } else if (opt(a, "--source", 1, &v, &bad)) {
            o.provenance = v;
        } else if (opt(a, "--product", 1, &v, &bad)) {
            o.product = v;
        } else if (opt(a, "--columns", 1, &v, &bad)) {
            o.columns = v;
        } else if (s[0] == '-' && s[1] != '\0') {
            error("ingest: unknown option '%s' (see tradeflow ingest --help)", s);
            return EXIT_USAGE;
        } else {
            if (nfiles == 256) {
                error("ingest: at most 256 files at once");
                return EXIT_USAGE;
            }
            files[nfiles++] = s;
            a->i++;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (nfiles == 0) {
        error("ingest: no file given (see tradeflow ingest --help)");
        return EXIT_USAGE;
    }
    char *hs_store = NULL;
    char **hs_list = NULL;
    size_t n_hs = 0;
    if (hs) {
        hs_list = split_list(hs, &n_hs, &hs_store);
        if (!hs_list) {
            free(hs_store);
            return EXIT_IO;
        }
        o.hs = (const char *const *)hs_list;
        o.n_hs = n_hs;
    }
    int rc = load_refdata(c);
    if (rc == EXIT_OK && o.product && !tf_refdata_product(c->ref, o.product)) {
        error("ingest: unknown --product '%s' (see tradeflow products)", o.product);
        rc = EXIT_USAGE;
    }
    tf_db *db = NULL;
    struct stat sb;
    int existed = stat(c->db_path, &sb) == 0;
    int committed = 0;
    if (rc == EXIT_OK)
        rc = open_db(c, TF_DB_CREATE, &db);
    const char *now = getenv("TRADEFLOW_NOW");
    int k, stopped = -1;
    for (k = 0; k < nfiles && rc == EXIT_OK; k++) {
        const char *path = files[k];
        int is_stdin = strcmp(path, "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(path, "rb");
        if (!in) {
            error("%s: %s", path, strerror(errno));
            rc = EXIT_IO;
            break;
        }
        tf_diag diag = {0};
        diag.warn = print_warning;
        tf_ingest_result res;
        tf_status st = tf_db_ingest(db, in, is_stdin ? "<stdin>" : path, &o, c->ref,
                                    now && *now ? now : NULL, &diag, &res);
        if (!is_stdin)
            fclose(in);
        if (st != TF_OK) {
            error("%s", diag.msg[0] ? diag.msg : tf_db_errmsg(db));
            error("%s: nothing ingested from this file; the database is unchanged", path);
            rc = exit_for(st);
            stopped = k;
            break;
        }
        if (!res.already && !res.empty)
            committed = 1;
        if (res.already && res.already_retracted)
            printf("%s: already ingested with these options as source %lld, which is retracted; "
                   "nothing added (tradeflow sources --restore %lld counts it again)\n",
                   path, res.source_id, res.source_id);
        else if (res.already)
            printf("%s: already ingested with these options (source %lld); nothing added\n",
                   path, res.source_id);
        else if (res.empty && res.read.rows == 0)
            fprintf(stderr, "%s: warning: %s: %s; nothing ingested\n", progname, path,
                    res.read.json
                        ? "no records (the answer's data array is empty: no data for the query?)"
                        : "header only, no data rows");
        else if (res.empty && hs)
            fprintf(stderr, "%s: warning: %s: none of the %lu row%s matches --hs %s; nothing "
                    "ingested\n", progname, path, res.read.rows, res.read.rows == 1 ? "" : "s",
                    hs);
        else if (res.empty)
            fprintf(stderr, "%s: warning: %s: no figure in the %lu row%s (every cell empty); "
                    "nothing ingested\n", progname, path, res.read.rows,
                    res.read.rows == 1 ? "" : "s");
        else {
            unsigned long rows = res.read.rows - res.read.filtered;
            printf("%s: %lu row%s (%s, %s): %lu added, %lu revised, %lu unchanged\n", path,
                   rows, rows == 1 ? "" : "s", tf_format_name(res.read.format),
                   res.read.encoding, res.added, res.revised, res.unchanged);
            if (res.read.filtered)
                printf("%s: %lu row%s left out by --hs\n", path, res.read.filtered,
                       res.read.filtered == 1 ? "" : "s");
        }
    }
    for (k = stopped + 1; stopped >= 0 && k < nfiles; k++)
        error("%s: not read (stopped at the error above)", files[k]);
    tf_db_close(&db);
    if (!existed && !committed && db_created_empty(c->db_path)) {
        /* the database this run created holds nothing: leave no file behind */
        char j[1100];
        snprintf(j, sizeof j, "%s-journal", c->db_path);
        unlink(c->db_path);
        unlink(j);
    }
    free(hs_list);
    free(hs_store);
    return rc;
}

