/*
 * tradeflow — command-line interface, a thin layer over libtradeflow.
 * Exit codes: 0 ok, 2 usage, 3 bad input, 4 I/O or database error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tradeflow.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_IO = 4 };

static const char *progname = "tradeflow";

static const char usage_main[] =
    "Usage: tradeflow [--db PATH] [--products FILE] COMMAND [OPTIONS]\n"
    "\n"
    "Customs trade records in, the monthly trade-flow report out.\n"
    "\n"
    "Commands:\n"
    "  ingest FILE...      read tradeflow CSV, GACC exports or UN Comtrade files\n"
    "  report              the monthly report of one product (text, md, json, csv,\n"
    "                      html with charts, xlsx workbook with charts)\n"
    "  chart KIND          one chart of the report as SVG\n"
    "  history             every stored revision of a product's cells\n"
    "  sources             the files ingested so far\n"
    "  products            the product definitions (named HS sets)\n"
    "  window              the import profit/loss (import window) of one day\n"
    "  audit NOTE...       check the figures of published notes (exit 1: errors)\n"
    "  fetch comtrade      pull records from the UN Comtrade API and ingest them\n"
    "  mirror              a reporter's trade with a partner against the partner's\n"
    "                      mirror figures (UN Comtrade data)\n"
    "\n"
    "Global options:\n"
    "  --db PATH           database file (default $TRADEFLOW_DB, else ./tradeflow.db)\n"
    "  --products FILE     add product definitions from a CSV file (repeatable;\n"
    "                      also $TRADEFLOW_PRODUCTS, colon-separated, and\n"
    "                      ~/.config/tradeflow/products.csv when present)\n"
    "  --window-params FILE  import-window parameters (VAT, duty, misc) overriding\n"
    "                      data/window-params.csv (also $TRADEFLOW_WINDOW_PARAMS and\n"
    "                      ~/.config/tradeflow/window-params.csv)\n"
    "  --help, -h          this text; COMMAND --help for a command's options\n"
    "  --version           print the version\n"
    "\n"
    "Exit codes: 0 ok, 2 usage, 3 bad input, 4 I/O or database error.\n"
    "Errors name the place: tradeflow: FILE:LINE:COL: message (COL = field number).\n";

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
    "  --format F          text (default), md, json, csv, html (one self-contained\n"
    "                      page with charts), xlsx (a workbook with charts; needs -o)\n"
    "  --lang L            partner names in html, xlsx and charts: en (default) or zh\n"
    "  --top N             partners listed per flow (default 10)\n"
    "  --partner-basis B   rank partners on this basis: origin, consignment,\n"
    "                      destination, trading or unstated (default: each month's\n"
    "                      most common)\n"
    "  --as-of DATE        figures as ingested up to DATE (YYYY-MM-DD or\n"
    "                      YYYY-MM-DDTHH:MM:SSZ), ignoring later revisions\n"
    "  --reporter ISO3     default CHN\n"
    "  --classification C  default HS (which also selects UN Comtrade's H0-H6);\n"
    "                      S1-S4 for SITC\n"
    "  -o FILE             write to FILE ('-' = standard output, the default)\n";

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

static const char usage_fetch[] =
    "Usage: tradeflow fetch comtrade --period P..P (--hs CODES | --commodity CODES)\n"
    "                                [--reporter ISO3] [--partner ISO3,...] [--flow F,...]\n"
    "\n"
    "Pulls from the UN Comtrade v1 API and ingests the result in one transaction.\n"
    "Subscription key: $COMTRADE_KEY, else the first line of\n"
    "~/.config/tradeflow/comtrade-key; without one the public preview endpoint is\n"
    "used (at most 500 rows per call). Requests are split to the API's limits (12\n"
    "periods per call; a call at the row limit is split by period); every answer\n"
    "is cached, so a pull that stopped resumes without fetching again; HTTP 429 and\n"
    "5xx, time-outs and cut answers are retried, honouring Retry-After.\n"
    "\n"
    "  --period P..P       YYYY..YYYY (annual data) or YYYY-MM..YYYY-MM (monthly)\n"
    "  --hs CODES          comma-separated HS codes (2, 4 or 6 digits)\n"
    "  --commodity CODES   codes as Comtrade names them, e.g. TOTAL\n"
    "  --reporter ISO3     default CHN\n"
    "  --partner ISO3,...  partners (WLD = World); default every partner\n"
    "  --flow F,...        import, export, re-import, re-export (default import,export)\n"
    "  --cache DIR         default $TRADEFLOW_CACHE, else ~/.cache/tradeflow/comtrade\n"
    "  --base-url URL      default $TRADEFLOW_COMTRADE_URL, else https://comtradeapi.un.org\n"
    "  --retries N         further attempts after a failure (default 5)\n"
    "  --timeout S         seconds per attempt (default 120)\n"
    "  --wait MS           first wait before a retry, doubling (default 2000)\n";

static const char usage_history[] =
    "Usage: tradeflow history (--product NAME | --hs CODES) [--period YYYY-MM]\n"
    "                         [--flow F] [--reporter ISO3] [--classification C]\n"
    "\n"
    "Lists every stored revision of the matching cells, oldest first, with the\n"
    "source file and time it came from; '*' marks the current revision.\n";

static const char usage_sources[] =
    "Usage: tradeflow sources [--retract ID | --restore ID]\n"
    "\n"
    "Lists the ingested files: id, time, format, rows, counts, SHA-256, name, options.\n"
    "  --retract ID   stop counting a file's figures (e.g. ingested with the wrong\n"
    "                 --flow); each of its cells falls back to its earlier revision.\n"
    "                 Nothing is deleted: reports --as-of an earlier date still see it.\n"
    "  --restore ID   count a retracted file again\n";

static const char usage_audit[] =
    "Usage: tradeflow audit NOTE.txt [NOTE2.txt ...] [--db FILE] [--format text|json]\n"
    "                       [--claims] [--date YYYY-MM-DD]\n"
    "\n"
    "Reads English trade notes (UTF-8 text; optional URL:/TITLE:/PUBLISHER:/DATE: header\n"
    "lines), extracts every figure they state, checks the figures against each other,\n"
    "against the other notes and, with --db, against the stored data, and reports each\n"
    "inconsistency with its evidence and the most likely correction (docs/audit.md).\n"
    "\n"
    "  --format F          text (default) or json\n"
    "  --claims            print only the extracted claims, as json\n"
    "  --date YYYY-MM-DD   publication date of notes without a DATE: line (year-less\n"
    "                      months resolve to the latest one not after it; default:\n"
    "                      the month after the latest 'Month YYYY' the note names)\n"
    "  --db FILE           also check against the figures stored in FILE (also\n"
    "                      $TRADEFLOW_DB, when that database exists)\n"
    "\n"
    "Exit codes: 0 no error found, 1 errors found, 2 usage, 3 unreadable note\n"
    "(not UTF-8, NUL byte), 4 I/O or database error.\n";

static const char usage_products[] =
    "Usage: tradeflow products\n\nLists the product definitions: name, HS codes, description, origin.\n";

static int exit_for(tf_status st)
{
    switch (st) {
    case TF_OK: return EXIT_OK;
    case TF_ERR_INPUT: return EXIT_INPUT;
    case TF_ERR_USAGE:
    case TF_ERR_NOT_FOUND: return EXIT_USAGE;
    default: return EXIT_IO;
    }
}

static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- argument parsing: --name value, --name=value ---- */

typedef struct args {
    int argc;
    char **argv;
    int i;
} args;

/* If argv[i] is option `name`, set *val (NULL for flags) and advance. */
static int opt(args *a, const char *name, int takes_value, const char **val, int *bad)
{
    const char *s = a->argv[a->i];
    size_t n = strlen(name);
    if (strncmp(s, name, n) != 0)
        return 0;
    if (s[n] == '=' && takes_value) {
        *val = s + n + 1;
        a->i++;
        return 1;
    }
    if (s[n] != '\0')
        return 0;
    if (!takes_value) {
        a->i++;
        return 1;
    }
    if (a->i + 1 >= a->argc) {
        error("option %s needs a value", name);
        *bad = 1;
        return 1;
    }
    *val = a->argv[a->i + 1];
    a->i += 2;
    return 1;
}

typedef struct common {
    const char *db_path;
    int db_given;                 /* 1: --db named a database; 2: $TRADEFLOW_DB did */
    const char *products[16];
    int n_products;
    const char *window_params;
    tf_refdata *ref;
} common;

/* Split "a,b,c" into a NULL-free array of pointers into a copy of s. */
static char **split_list(const char *s, size_t *n, char **storage)
{
    *n = 0;
    *storage = strdup(s);
    if (!*storage)
        return NULL;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        if (*p == ',')
            cap++;
    char **v = calloc(cap, sizeof *v);
    if (!v)
        return NULL;
    char *save = NULL;
    for (char *t = strtok_r(*storage, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
        v[(*n)++] = t;
    return v;
}

static int load_refdata(common *c)
{
    if (tf_refdata_open(&c->ref) != TF_OK) {
        error("cannot load the reference tables (out of memory)");
        return EXIT_IO;
    }
    char err[1024];
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char user[1024] = "";
    if (xdg && *xdg)
        snprintf(user, sizeof user, "%s/tradeflow/products.csv", xdg);
    else if (home && *home)
        snprintf(user, sizeof user, "%s/.config/tradeflow/products.csv", home);
    struct stat sb;
    if (user[0] && stat(user, &sb) == 0) {
        tf_status st = tf_refdata_add_products(c->ref, user, err, sizeof err);
        if (st) {
            error("%s", err);
            return exit_for(st);
        }
    }
    const char *env = getenv("TRADEFLOW_PRODUCTS");
    if (env && *env) {
        char *copy = strdup(env), *save = NULL;
        if (!copy)
            return EXIT_IO;
        for (char *t = strtok_r(copy, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
            tf_status st = tf_refdata_add_products(c->ref, t, err, sizeof err);
            if (st) {
                error("%s", err);
                free(copy);
                return exit_for(st);
            }
        }
        free(copy);
    }
    const char *wp = c->window_params ? c->window_params : getenv("TRADEFLOW_WINDOW_PARAMS");
    char uwp[1024] = "";
    if (!wp || !*wp) {
        if (xdg && *xdg)
            snprintf(uwp, sizeof uwp, "%s/tradeflow/window-params.csv", xdg);
        else if (home && *home)
            snprintf(uwp, sizeof uwp, "%s/.config/tradeflow/window-params.csv", home);
        if (uwp[0] && stat(uwp, &sb) == 0)
            wp = uwp;
    }
    if (wp && *wp) {
        tf_status st = tf_refdata_add_window_params(c->ref, wp, err, sizeof err);
        if (st) {
            error("%s", err);
            return exit_for(st);
        }
    }
    for (int i = 0; i < c->n_products; i++) {
        tf_status st = tf_refdata_add_products(c->ref, c->products[i], err, sizeof err);
        if (st) {
            error("%s", err);
            return exit_for(st);
        }
    }
    return EXIT_OK;
}

static int open_db(common *c, tf_open_mode mode, tf_db **db)
{
    char err[1200];
    if (!c->db_path[0] || !strcmp(c->db_path, ":memory:") || !strncmp(c->db_path, "file:", 5)) {
        /* SQLite would use a temporary database and drop everything ingested */
        error("--db needs a file path, not '%s'", c->db_path);
        return EXIT_USAGE;
    }
    tf_status st = tf_db_open(c->db_path, mode, db, err, sizeof err);
    if (st != TF_OK) {
        error("%s", err);
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* ---- audit ---- */

static int cmd_audit(common *c, args *a)
{
    const char *v = NULL, *format = "text", *date = NULL;
    int claims = 0, bad = 0;
    const char **paths = calloc((size_t)a->argc + 1, sizeof *paths);
    size_t n = 0;
    if (!paths)
        return EXIT_IO;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_audit, stdout);
            free(paths);
            return EXIT_OK;
        } else if (opt(a, "--format", 1, &v, &bad))
            format = v;
        else if (opt(a, "--date", 1, &v, &bad))
            date = v;
        else if (opt(a, "--claims", 0, &v, &bad))
            claims = 1;
        else if (s[0] == '-' && s[1]) {
            error("audit: unknown argument '%s' (see tradeflow audit --help)", s);
            free(paths);
            return EXIT_USAGE;
        } else {
            for (size_t j = 0; j < n; j++)
                if (!strcmp(s, "-") && !strcmp(paths[j], "-")) {
                    error("audit: standard input ('-') can be read only once");
                    free(paths);
                    return EXIT_USAGE;
                }
            paths[n++] = s;
            a->i++;
        }
    }
    if (bad || !n) {
        if (!bad)
            error("audit: name at least one note (see tradeflow audit --help)");
        free(paths);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        error("audit: --format takes text or json, not '%s'", format);
        free(paths);
        return EXIT_USAGE;
    }
    if (date && (strlen(date) != 10 || !tf_date_valid(date))) {
        error("audit: --date takes YYYY-MM-DD, not '%s'", date);
        free(paths);
        return EXIT_USAGE;
    }
    tf_db *db = NULL;
    int rc = load_refdata(c);
    if (rc != EXIT_OK) {
        free(paths);
        return rc;
    }
    struct stat sb;
    /* $TRADEFLOW_DB joins the check when the database exists; --db must exist */
    int use_db = c->db_given == 1 || (c->db_given == 2 && stat(c->db_path, &sb) == 0);
    if (use_db && (rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK) {
        free(paths);
        return rc;
    }
    tf_audit_opts o = {date, db, c->ref};
    tf_audit *au = NULL;
    char err[1200] = "";
    tf_status st = tf_audit_run(paths, n, &o, &au, err, sizeof err);
    free(paths);
    if (st) {
        error("%s", err[0] ? err : tf_strerror(st));
        tf_db_close(&db);
        return exit_for(st);
    }
    st = claims ? tf_audit_claims_write(stdout, au) : tf_audit_write(stdout, au, !strcmp(format, "json"));
    rc = st ? EXIT_IO : tf_audit_errors(au) && !claims ? 1 : EXIT_OK;
    tf_audit_free(&au);
    tf_db_close(&db);
    return rc;
}

/* ---- ingest ---- */

static void print_warning(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s: warning: %s\n", progname, msg);
}

/* Copy an ISO alpha-3 code, upper-cased, into out; 0 when it is not one. */
static int iso3(const char *s, char out[4])
{
    if (strlen(s) != 3)
        return 0;
    for (int i = 0; i < 3; i++) {
        char ch = s[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z')
            return 0;
        out[i] = ch;
    }
    out[3] = '\0';
    return 1;
}

static int valid_basis(const char *v)
{
    return !strcmp(v, "origin") || !strcmp(v, "consignment") || !strcmp(v, "destination") ||
           !strcmp(v, "trading") || !strcmp(v, "unstated");
}

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

static int cmd_ingest(common *c, args *a)
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

/* ---- report and history: product selection ---- */

typedef struct product_sel {
    const char *label;
    const char *const *codes;
    size_t n_codes;
    char *store;
    char **list;
    char label_buf[96];
} product_sel;

static int resolve_product(common *c, const char *product, const char *hs, product_sel *p)
{
    memset(p, 0, sizeof *p);
    if (product && hs) {
        error("give --product or --hs, not both");
        return EXIT_USAGE;
    }
    if (product) {
        const tf_product *pr = tf_refdata_product(c->ref, product);
        if (!pr) {
            error("unknown product '%s' (see tradeflow products)", product);
            return EXIT_USAGE;
        }
        p->label = pr->name;
        p->codes = pr->codes;
        p->n_codes = pr->n_codes;
        return EXIT_OK;
    }
    if (!hs) {
        error("give --product NAME or --hs CODES");
        return EXIT_USAGE;
    }
    p->list = split_list(hs, &p->n_codes, &p->store);
    if (!p->list)
        return EXIT_IO;
    for (size_t i = 0; i < p->n_codes; i++)
        for (const char *q = p->list[i]; *q; q++)
            if (*q < '0' || *q > '9') {
                error("--hs takes comma-separated digit codes, not '%s'", p->list[i]);
                return EXIT_USAGE;
            }
    if (p->n_codes == 0) {
        error("--hs needs at least one code");
        return EXIT_USAGE;
    }
    p->codes = (const char *const *)p->list;
    snprintf(p->label_buf, sizeof p->label_buf, "HS %s", hs);
    p->label = p->label_buf;
    return EXIT_OK;
}

static void product_sel_free(product_sel *p)
{
    free(p->list);
    free(p->store);
}

static const char usage_chart[] =
    "Usage: tradeflow chart KIND (--product NAME | --hs CODES) --period YYYY-MM [OPTIONS]\n"
    "\n"
    "Writes one chart of the report as SVG. KIND: seasonal-import, seasonal-export,\n"
    "seasonal-net-import (Jan-Dec, one line per year, the period's year and four before),\n"
    "partners (monthly imports by the top partners + other, last 24 months),\n"
    "net-import (monthly net imports, last 24 months, with the YTD), window (daily\n"
    "import P/L over six months, when prices or a published series are stored).\n"
    "Options as for report: --top N (partners drawn, default 5), --lang en|zh,\n"
    "--partner-basis, --as-of, --reporter, --classification, -o FILE (default '-').\n";

static int cmd_report_or_chart(common *c, args *a, int chart);

static int cmd_chart(common *c, args *a)
{
    const char *kind = a->i < a->argc ? a->argv[a->i] : NULL;
    if (kind && (!strcmp(kind, "--help") || !strcmp(kind, "-h"))) {
        fputs(usage_chart, stdout);
        return EXIT_OK;
    }
    int k = kind ? tf_chart_kind_parse(kind) : -1;
    if (k < 0) {
        error("chart needs a KIND: seasonal-import, seasonal-export, seasonal-net-import, "
              "partners, net-import or window%s%s%s", kind ? " (not '" : "", kind ? kind : "",
              kind ? "')" : "");
        return EXIT_USAGE;
    }
    a->i++;
    return cmd_report_or_chart(c, a, k);
}

static int cmd_report(common *c, args *a) { return cmd_report_or_chart(c, a, -1); }

/* chart: a tf_chart_kind, or -1 for the report. */
static int cmd_report_or_chart(common *c, args *a, int chart)
{
    const char *v = NULL, *product = NULL, *hs = NULL, *period = NULL, *format = "text",
               *basis = NULL, *as_of = NULL, *reporter = "CHN", *classification = "HS",
               *outpath = "-", *lang = "en", *commodity = NULL, *measure = NULL;
    int top = chart >= 0 ? 5 : 10, bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(chart >= 0 ? usage_chart : usage_report, stdout);
            return EXIT_OK;
        } else if (opt(a, "--product", 1, &v, &bad))
            product = v;
        else if (opt(a, "--hs", 1, &v, &bad))
            hs = v;
        else if (opt(a, "--period", 1, &v, &bad))
            period = v;
        else if (chart < 0 && opt(a, "--format", 1, &v, &bad))
            format = v;
        else if (opt(a, "--lang", 1, &v, &bad))
            lang = v;
        else if (opt(a, "--partner-basis", 1, &v, &bad))
            basis = v;
        else if (opt(a, "--as-of", 1, &v, &bad))
            as_of = v;
        else if (opt(a, "--reporter", 1, &v, &bad))
            reporter = v;
        else if (opt(a, "--classification", 1, &v, &bad))
            classification = v;
        else if (opt(a, "--commodity", 1, &v, &bad))
            commodity = v;
        else if (opt(a, "--measure", 1, &v, &bad))
            measure = v;
        else if (opt(a, "-o", 1, &v, &bad) || opt(a, "--output", 1, &v, &bad))
            outpath = v;
        else if (opt(a, "--top", 1, &v, &bad)) {
            if (bad)
                break;
            char *end;
            long t = strtol(v, &end, 10);
            if (*end || t < 1 || t > 1000) {
                error("--top takes a number from 1 to 1000");
                return EXIT_USAGE;
            }
            top = (int)t;
        } else {
            error("%s: unknown argument '%s' (see tradeflow %s --help)",
                  chart >= 0 ? "chart" : "report", s, chart >= 0 ? "chart" : "report");
            return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (basis && !valid_basis(basis)) {
        error("unknown --partner-basis '%s' (origin, consignment, destination, trading, "
              "unstated)", basis);
        return EXIT_USAGE;
    }
    if (basis && !strcmp(basis, "unstated"))
        basis = ""; /* rows whose file did not say */
    char rep3[4];
    if (!iso3(reporter, rep3)) {
        error("--reporter takes an ISO alpha-3 code, e.g. CHN, not '%s'", reporter);
        return EXIT_USAGE;
    }
    reporter = rep3;
    if (!classification[0] || strlen(classification) > 7 ||
        strspn(classification, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(classification)) {
        error("--classification takes a name such as HS, SITC or TOTAL, not '%s'",
              classification);
        return EXIT_USAGE;
    }
    int fmt = tf_output_format_parse(format);
    int html = !strcmp(format, "html"), xlsx = !strcmp(format, "xlsx");
    if (fmt < 0 && !html && !xlsx) {
        error("unknown --format '%s' (text, md, json, csv, html, xlsx)", format);
        return EXIT_USAGE;
    }
    if (xlsx && !strcmp(outpath, "-")) {
        error("--format xlsx writes a file: give -o FILE.xlsx");
        return EXIT_USAGE;
    }
    if ((html || xlsx || chart >= 0) && period && strlen(period) == 4) {
        error("the charts, the html page and the xlsx workbook are monthly: give --period "
              "YYYY-MM (an annual report is text, md, json or csv)");
        return EXIT_USAGE;
    }
    if (strcmp(lang, "en") && strcmp(lang, "zh")) {
        error("--lang is en or zh, not '%s'", lang);
        return EXIT_USAGE;
    }
    char canon[8];
    if (!period || (strlen(period) != 7 && strlen(period) != 4) ||
        tf_period_parse(period, strlen(period), canon) != TF_OK) {
        error("report needs --period YYYY-MM (month 01-12) or YYYY%s%s", period ? ", not " : "",
              period ? period : "");
        return EXIT_USAGE;
    }
    tf_measure meas = TF_MEASURE_AUTO;
    if (measure && !strcmp(measure, "quantity"))
        meas = TF_MEASURE_QUANTITY;
    else if (measure && !strcmp(measure, "value"))
        meas = TF_MEASURE_VALUE;
    else if (measure) {
        error("--measure is quantity or value, not '%s'", measure);
        return EXIT_USAGE;
    }
    if (commodity && (product || hs)) {
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
        if (p.n_codes == 0) {
            error("--commodity needs at least one code");
            product_sel_free(&p);
            return EXIT_USAGE;
        }
        p.codes = (const char *const *)p.list;
        snprintf(p.label_buf, sizeof p.label_buf, "commodity %s", commodity);
        p.label = p.label_buf;
    } else if ((rc = resolve_product(c, product, hs, &p)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    tf_query q = {0};
    q.product = p.label;
    q.classification = classification;
    q.codes = p.codes;
    q.n_codes = p.n_codes;
    q.reporter = reporter;
    q.period = canon;
    q.partner_basis = basis;
    q.as_of = as_of;
    q.top = top;
    q.measure = meas;
    tf_report *r = NULL;
    tf_chart_data *cd = NULL;
    tf_chart_opts co = {0};
    co.lang_zh = !strcmp(lang, "zh");
    co.top = chart >= 0 ? top : 5;
    tf_status st;
    if (chart >= 0 || html || xlsx) {
        st = tf_chart_data_compute(db, c->ref, &q, &cd);
        if (st == TF_OK)
            r = cd->report;
    } else
        st = tf_report_compute(db, c->ref, &q, &r);
    if (st == TF_ERR_INPUT) {
        error("%s: the selected figures are too large to add exactly; no report", c->db_path);
        rc = exit_for(st);
    } else if (st != TF_OK) {
        error("%s", tf_db_errmsg(db)[0] ? tf_db_errmsg(db) : tf_strerror(st));
        rc = exit_for(st);
    } else {
        if (!r->import.quantity.has && !r->export.quantity.has)
            fprintf(stderr, "%s: warning: no import or export data for %s in %s for %s\n",
                    progname, p.label, c->db_path, canon);
        if (chart >= 0 && !tf_chart_available(cd, (tf_chart_kind)chart)) {
            if (chart == TF_CHART_WINDOW)
                error("no daily import P/L for %s in the six months to %s: ingest prices or a "
                      "published P/L series first", p.label, canon);
            else
                error("nothing to draw: no %s data for %s in the months the chart covers",
                      chart == TF_CHART_SEASONAL_EXPORT ? "export"
                      : chart == TF_CHART_SEASONAL_NET || chart == TF_CHART_NET_IMPORT
                          ? "import and export"
                          : "import",
                      p.label);
            rc = EXIT_INPUT;
        } else if (xlsx) {
            st = tf_report_write_xlsx(outpath, cd, &co);
            if (st != TF_OK) {
                error("%s: cannot write the workbook", outpath);
                rc = EXIT_IO;
            }
        } else {
        FILE *out = strcmp(outpath, "-") ? fopen(outpath, "w") : stdout;
        if (!out) {
            error("%s: %s", outpath, strerror(errno));
            rc = EXIT_IO;
        } else {
            if (chart >= 0)
                st = tf_chart_write_svg(out, cd, (tf_chart_kind)chart, &co);
            else if (html)
                st = tf_report_write_html(out, cd, &co);
            else
                st = tf_report_write(out, r, (tf_output_format)fmt);
            if (out != stdout && fclose(out) != 0)
                st = TF_ERR_IO;
            if (st != TF_OK) {
                error("%s: cannot write the report", outpath);
                rc = EXIT_IO;
            }
        }
        }
    }
    if (cd)
        tf_chart_data_free(&cd);
    else
        tf_report_free(&r);
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}

static tf_status print_revision(void *ctx, const tf_revision *v)
{
    (void)ctx;
    const tf_record *r = &v->rec;
    char q[64] = "", val[64] = "";
    if (r->has_quantity)
        tf_format_milli(q, sizeof q, r->quantity);
    if (r->has_value)
        tf_format_milli(val, sizeof val, r->value);
    printf("%s %-7s %-9s %-10s %-8s %-11s %-4s %-4s %20s %-4s %22s %-3s %-9s src %lld line %lu  %s\n",
           v->current ? "*" : " ", r->period, tf_flow_name(r->flow), r->commodity, r->partner,
           r->partner_basis[0] ? r->partner_basis : "-", r->trade_mode[0] ? r->trade_mode : "-",
           r->province[0] ? r->province : "-", q, r->unit, val, r->currency, r->status,
           v->source_id, r->line, v->ingested_at);
    return TF_OK;
}

static int cmd_mirror(common *c, args *a)
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

static void print_progress(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s: fetch: %s\n", progname, msg);
}

/* Comma-separated ISO alpha-3 codes to Comtrade codes ("WLD" -> "0"). */
static int comtrade_codes(common *c, const char *list, char *out, size_t len)
{
    size_t n = 0;
    char *store = NULL;
    char **v = split_list(list, &n, &store);
    if (!v)
        return EXIT_IO;
    out[0] = '\0';
    int rc = EXIT_OK;
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        char i3[4];
        const tf_area *ar = NULL;
        if (!iso3(v[i], i3) ||
            (strcmp(i3, "WLD") && !(ar = tf_refdata_area_by_partner(c->ref, i3)))) {
            error("'%s' is not a country in the Comtrade area table (ISO alpha-3, or WLD)", v[i]);
            rc = EXIT_USAGE;
            break;
        }
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s", used ? "," : "", ar ? ar->m49 : "0");
    }
    if (n == 0) {
        error("empty list of countries");
        rc = EXIT_USAGE;
    }
    free(v);
    free(store);
    return rc;
}

static int cmd_fetch(common *c, args *a)
{
    if (a->i >= a->argc || strcmp(a->argv[a->i], "comtrade") != 0) {
        if (a->i < a->argc && (!strcmp(a->argv[a->i], "--help") || !strcmp(a->argv[a->i], "-h"))) {
            fputs(usage_fetch, stdout);
            return EXIT_OK;
        }
        error("fetch: the source to pull from is 'comtrade' (tradeflow fetch comtrade ...)");
        return EXIT_USAGE;
    }
    a->i++;
    const char *v = NULL, *hs = NULL, *commodity = NULL, *period = NULL, *reporter = "CHN",
               *partner = NULL, *flow = "import,export", *cache = getenv("TRADEFLOW_CACHE"),
               *base = getenv("TRADEFLOW_COMTRADE_URL");
    long retries = 5, timeout = 120, wait = 2000;
    int bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        long *num = NULL;
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_fetch, stdout);
            return EXIT_OK;
        } else if (opt(a, "--hs", 1, &v, &bad))
            hs = v;
        else if (opt(a, "--commodity", 1, &v, &bad))
            commodity = v;
        else if (opt(a, "--period", 1, &v, &bad))
            period = v;
        else if (opt(a, "--reporter", 1, &v, &bad))
            reporter = v;
        else if (opt(a, "--partner", 1, &v, &bad))
            partner = v;
        else if (opt(a, "--flow", 1, &v, &bad))
            flow = v;
        else if (opt(a, "--cache", 1, &v, &bad))
            cache = v;
        else if (opt(a, "--base-url", 1, &v, &bad))
            base = v;
        else if (opt(a, "--retries", 1, &v, &bad))
            num = &retries;
        else if (opt(a, "--timeout", 1, &v, &bad))
            num = &timeout;
        else if (opt(a, "--wait", 1, &v, &bad))
            num = &wait;
        else {
            error("fetch: unknown argument '%s' (see tradeflow fetch --help)", s);
            return EXIT_USAGE;
        }
        if (num && !bad) {
            char *end;
            long x = strtol(v, &end, 10);
            if (*end || end == v || x < 0 || x > 100000) {
                error("%s takes a whole number from 0 to 100000, not '%s'", s, v);
                return EXIT_USAGE;
            }
            *num = x;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if ((hs != NULL) == (commodity != NULL)) {
        error("fetch: give --hs CODES or --commodity CODES");
        return EXIT_USAGE;
    }
    const char *codes = hs ? hs : commodity;
    for (const char *q = codes; *q; q++)
        if (!(hs ? (*q >= '0' && *q <= '9') || *q == ',' : strchr("0123456789TOAL,", *q) != NULL)) {
            error("fetch: %s takes comma-separated codes, not '%s'", hs ? "--hs" : "--commodity",
                  codes);
            return EXIT_USAGE;
        }
    const char *dots = period ? strstr(period, "..") : NULL;
    char from[8] = "", to[8] = "";
    if (!dots || (size_t)(dots - period) >= sizeof from || strlen(dots + 2) >= sizeof to) {
        error("fetch needs --period FROM..TO (YYYY..YYYY or YYYY-MM..YYYY-MM)");
        return EXIT_USAGE;
    }
    memcpy(from, period, (size_t)(dots - period));
    from[dots - period] = '\0';
    snprintf(to, sizeof to, "%s", dots + 2);
    if (!from[0] || !to[0]) {
        error("fetch needs --period FROM..TO (YYYY..YYYY or YYYY-MM..YYYY-MM)");
        return EXIT_USAGE;
    }
    char flows[32] = "";
    {
        size_t n = 0;
        char *store = NULL;
        char **fl = split_list(flow, &n, &store);
        if (!fl)
            return EXIT_IO;
        static const char *const fc[] = {"", "M", "X", "RM", "RX"};
        for (size_t i = 0; i < n; i++) {
            tf_flow f = tf_flow_parse(fl[i], strlen(fl[i]));
            if (f == TF_FLOW_NONE || f == TF_FLOW_OTHER) {
                error("unknown --flow '%s' (import, export, re-import, re-export)", fl[i]);
                free(fl);
                free(store);
                return EXIT_USAGE;
            }
            size_t used = strlen(flows);
            snprintf(flows + used, sizeof flows - used, "%s%s", used ? "," : "", fc[f]);
        }
        free(fl);
        free(store);
        if (!flows[0]) {
            error("--flow needs at least one flow");
            return EXIT_USAGE;
        }
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    char rep_code[16], part_codes[2048];
    if ((rc = comtrade_codes(c, reporter, rep_code, sizeof rep_code)) != EXIT_OK)
        return rc;
    if (strchr(rep_code, ',') || !strcmp(rep_code, "0")) {
        error("fetch: --reporter takes one country");
        return EXIT_USAGE;
    }
    if (partner && (rc = comtrade_codes(c, partner, part_codes, sizeof part_codes)) != EXIT_OK)
        return rc;
    char cache_buf[1024], key_buf[256] = "";
    if (!cache || !*cache) {
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(cache_buf, sizeof cache_buf, "%s/tradeflow/comtrade", xdg);
        else
            snprintf(cache_buf, sizeof cache_buf, "%s/.cache/tradeflow/comtrade",
                     home && *home ? home : ".");
        cache = cache_buf;
    }
    const char *key = getenv("COMTRADE_KEY");
    if (!key || !*key) {
        const char *home = getenv("HOME");
        char kpath[1024];
        snprintf(kpath, sizeof kpath, "%s/.config/tradeflow/comtrade-key", home ? home : ".");
        FILE *kf = fopen(kpath, "r");
        if (kf) {
            if (fgets(key_buf, sizeof key_buf, kf))
                key_buf[strcspn(key_buf, "\r\n")] = '\0';
            fclose(kf);
        }
        key = key_buf;
    }
    tf_fetch_opts fo = {0};
    fo.base_url = base && *base ? base : NULL;
    fo.key = key;
    fo.cache_dir = cache;
    fo.reporter = rep_code;
    fo.partners = partner ? part_codes : NULL;
    fo.cmd_codes = codes;
    fo.flow_codes = flows;
    fo.period_from = from;
    fo.period_to = to;
    fo.retries = (int)retries;
    fo.timeout_s = timeout;
    fo.backoff_ms = wait > 0 ? wait : 1;
    fo.log = print_progress;
    tf_fetch_result fr;
    char err[1024], *doc = NULL;
    size_t len = 0;
    tf_status st = tf_fetch_comtrade(&fo, &doc, &len, &fr, err, sizeof err);
    if (st != TF_OK) {
        error("fetch: %s", err[0] ? err : tf_strerror(st));
        tf_free(doc);
        return exit_for(st);
    }
    printf("fetch: %lu call%s (%lu from the cache, %lu fetched, %lu retried), %lu record%s\n",
           fr.calls, fr.calls == 1 ? "" : "s", fr.cached, fr.fetched, fr.retried, fr.records,
           fr.records == 1 ? "" : "s");
    if (fr.records == 0) {
        fprintf(stderr, "%s: warning: fetch: %s\n", progname, fr.explain);
        tf_free(doc);
        return EXIT_OK;
    }
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_CREATE, &db)) != EXIT_OK) {
        tf_free(doc);
        return rc;
    }
    char name[256];
    snprintf(name, sizeof name, "comtrade-api:%s:%s:%s:%s:%s..%s", reporter, partner ? partner : "all",
             flows, codes, from, to);
    FILE *in = fmemopen(doc, len, "r");
    if (!in) {
        error("fetch: out of memory");
        tf_db_close(&db);
        tf_free(doc);
        return EXIT_IO;
    }
    tf_read_opts o = {0};
    o.format = TF_FORMAT_COMTRADE;
    tf_diag diag = {0};
    diag.warn = print_warning;
    tf_ingest_result res;
    const char *now = getenv("TRADEFLOW_NOW");
    st = tf_db_ingest(db, in, name, &o, c->ref, now && *now ? now : NULL, &diag, &res);
    fclose(in);
    tf_free(doc);
    if (st != TF_OK) {
        error("%s", diag.msg[0] ? diag.msg : tf_db_errmsg(db));
        rc = exit_for(st);
    } else if (res.already) {
        printf("%s: already ingested (source %lld); nothing added\n", name, res.source_id);
    } else {
        printf("%s: %lu record%s: %lu added, %lu revised, %lu unchanged\n", name, res.read.rows,
               res.read.rows == 1 ? "" : "s", res.added, res.revised, res.unchanged);
    }
    tf_db_close(&db);
    return rc;
}

static int cmd_history(common *c, args *a)
{
    const char *v = NULL, *product = NULL, *hs = NULL, *period = NULL, *flow = NULL,
               *reporter = "CHN", *classification = "HS";
    int bad = 0;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_history, stdout);
            return EXIT_OK;
        } else if (opt(a, "--product", 1, &v, &bad))
            product = v;
        else if (opt(a, "--hs", 1, &v, &bad))
            hs = v;
        else if (opt(a, "--period", 1, &v, &bad))
            period = v;
        else if (opt(a, "--flow", 1, &v, &bad))
            flow = v;
        else if (opt(a, "--reporter", 1, &v, &bad))
            reporter = v;
        else if (opt(a, "--classification", 1, &v, &bad))
            classification = v;
        else {
            error("history: unknown argument '%s' (see tradeflow history --help)", s);
            return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    char canon[8] = "";
    if (period && tf_period_parse(period, strlen(period), canon) != TF_OK) {
        error("bad --period '%s' (YYYY-MM or YYYY)", period);
        return EXIT_USAGE;
    }
    tf_flow fl = TF_FLOW_NONE;
    if (flow && (fl = tf_flow_parse(flow, strlen(flow))) == TF_FLOW_NONE) {
        error("unknown --flow '%s'", flow);
        return EXIT_USAGE;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    product_sel p;
    if ((rc = resolve_product(c, product, hs, &p)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    tf_db *db = NULL;
    if ((rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK) {
        product_sel_free(&p);
        return rc;
    }
    tf_selection sel = {0};
    sel.classification = classification;
    sel.codes = p.codes;
    sel.n_codes = p.n_codes;
    sel.reporter = reporter;
    sel.period_from = period ? canon : NULL;
    sel.period_to = period ? canon : NULL;
    sel.flow = fl;
    sel.all_revisions = 1;
    printf("  %-7s %-9s %-10s %-8s %-11s %-4s %-4s %20s %-4s %22s %-3s %-9s source\n", "period",
           "flow", "commodity", "partner", "basis", "mode", "prov", "quantity", "unit", "value",
           "cur", "status");
    tf_status st = tf_query_select(db, &sel, print_revision, NULL);
    if (st != TF_OK) {
        error("%s", tf_db_errmsg(db));
        rc = exit_for(st);
    }
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}

static void print_source(void *ctx, const tf_source_info *s)
{
    (void)ctx;
    printf("%4lld  %-20s  %-5s  %9lu  %9lu  %9lu  %9lu  %s  %s%s%s%s%s%s\n", s->id,
           s->ingested_at, s->format, s->rows, s->added, s->revised, s->unchanged, s->sha256,
           s->name, s->options[0] ? " [" : "", s->options, s->options[0] ? "]" : "",
           s->retracted_at[0] ? "  RETRACTED " : "", s->retracted_at);
}

static int cmd_sources(common *c, args *a)
{
    const char *v = NULL, *retract = NULL, *restore = NULL;
    int bad = 0;
    while (a->i < a->argc && !bad) {
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_sources, stdout);
            return EXIT_OK;
        } else if (opt(a, "--retract", 1, &v, &bad))
            retract = v;
        else if (opt(a, "--restore", 1, &v, &bad))
            restore = v;
        else {
            error("sources: unknown argument '%s'", a->argv[a->i]);
            return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    tf_db *db = NULL;
    int rc = open_db(c, TF_DB_READ, &db);
    if (rc)
        return rc;
    if (retract || restore) {
        const char *idv = retract ? retract : restore;
        char *end;
        long long id = strtoll(idv, &end, 10);
        if (!*idv || *end || id <= 0) {
            error("sources: %s takes a source id (see tradeflow sources)",
                  retract ? "--retract" : "--restore");
            tf_db_close(&db);
            return EXIT_USAGE;
        }
        const char *now = getenv("TRADEFLOW_NOW");
        tf_status st = tf_db_retract(db, id, restore != NULL, now && *now ? now : NULL);
        if (st != TF_OK)
            error("%s", tf_db_errmsg(db));
        else
            printf("source %lld %s\n", id,
                   retract ? "retracted: its figures no longer count" : "restored");
        tf_db_close(&db);
        return exit_for(st);
    }
    printf("%4s  %-20s  %-5s  %9s  %9s  %9s  %9s  %-64s  %s\n", "id", "ingested (UTC)", "fmt",
           "rows", "added", "revised", "unchanged", "sha256", "file [options]");
    tf_status st = tf_db_sources(db, print_source, NULL);
    if (st != TF_OK) {
        error("%s", tf_db_errmsg(db));
        rc = exit_for(st);
    }
    tf_db_close(&db);
    return rc;
}

static int cmd_products(common *c, args *a)
{
    if (a->i < a->argc) {
        if (!strcmp(a->argv[a->i], "--help") || !strcmp(a->argv[a->i], "-h")) {
            fputs(usage_products, stdout);
            return EXIT_OK;
        }
        error("products: unknown argument '%s'", a->argv[a->i]);
        return EXIT_USAGE;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    size_t n = tf_refdata_product_count(c->ref);
    for (size_t i = 0; i < n; i++) {
        const tf_product *p = tf_refdata_product_at(c->ref, i);
        printf("%-34s %s ", p->name, p->classification);
        for (size_t k = 0; k < p->n_codes; k++)
            printf("%s%s", k ? "+" : "", p->codes[k]);
        printf("\n    %s\n    source: %s%s%s\n", p->description, p->source,
               strcmp(p->origin, "built-in") ? "; defined in " : "",
               strcmp(p->origin, "built-in") ? p->origin : "");
    }
    return EXIT_OK;
}

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

static int cmd_window(common *c, args *a)
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

int main(int argc, char **argv)
{
    common c;
    memset(&c, 0, sizeof c);
    const char *env_db = getenv("TRADEFLOW_DB");
    c.db_path = env_db && *env_db ? env_db : "tradeflow.db";
    c.db_given = env_db && *env_db ? 2 : 0; /* 2: from the environment */
    args a = {argc, argv, 1};
    const char *v = NULL;
    int bad = 0;
    const char *command = NULL;
    /* global options before the command */
    while (a.i < argc && !bad) {
        if (opt(&a, "--db", 1, &v, &bad)) {
            c.db_path = v;
            c.db_given = 1;
        } else if (opt(&a, "--window-params", 1, &v, &bad))
            c.window_params = v;
        else if (opt(&a, "--products", 1, &v, &bad)) {
            if (c.n_products == 16) {
                error("at most 16 --products files");
                return EXIT_USAGE;
            }
            c.products[c.n_products++] = v;
        } else if (opt(&a, "--version", 0, &v, &bad)) {
            printf("tradeflow %s\n", tf_version());
            return EXIT_OK;
        } else if (opt(&a, "--help", 0, &v, &bad) || opt(&a, "-h", 0, &v, &bad)) {
            fputs(usage_main, stdout);
            return EXIT_OK;
        } else if (argv[a.i][0] == '-') {
            error("unknown option '%s' (see tradeflow --help)", argv[a.i]);
            return EXIT_USAGE;
        } else {
            command = argv[a.i++];
            break;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (!command) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    /* --db and --products may also follow the command */
    int k = a.i;
    for (int i = a.i; i < argc; i++) {
        if ((!strcmp(argv[i], "--db") || !strcmp(argv[i], "--products")) && i + 1 < argc) {
            if (argv[i][2] == 'd') {
                c.db_path = argv[i + 1];
                c.db_given = 1;
            }
            else if (c.n_products < 16)
                c.products[c.n_products++] = argv[i + 1];
            i++;
        } else if (!strcmp(argv[i], "--window-params") && i + 1 < argc) {
            c.window_params = argv[++i];
        } else if (!strncmp(argv[i], "--db=", 5)) {
            c.db_path = argv[i] + 5;
            c.db_given = 1;
        } else if (!strncmp(argv[i], "--products=", 11)) {
            if (c.n_products < 16)
                c.products[c.n_products++] = argv[i] + 11;
        } else {
            argv[k++] = argv[i];
        }
    }
    a.argc = k;
    int rc;
    if (!strcmp(command, "ingest"))
        rc = cmd_ingest(&c, &a);
    else if (!strcmp(command, "report"))
        rc = cmd_report(&c, &a);
    else if (!strcmp(command, "chart"))
        rc = cmd_chart(&c, &a);
    else if (!strcmp(command, "history"))
        rc = cmd_history(&c, &a);
    else if (!strcmp(command, "sources"))
        rc = cmd_sources(&c, &a);
    else if (!strcmp(command, "products"))
        rc = cmd_products(&c, &a);
    else if (!strcmp(command, "window"))
        rc = cmd_window(&c, &a);
    else if (!strcmp(command, "audit"))
        rc = cmd_audit(&c, &a);
    else if (!strcmp(command, "mirror"))
        rc = cmd_mirror(&c, &a);
    else if (!strcmp(command, "fetch"))
        rc = cmd_fetch(&c, &a);
    else if (!strcmp(command, "help")) {
        fputs(usage_main, stdout);
        rc = EXIT_OK;
    } else {
        error("unknown command '%s' (see tradeflow --help)", command);
        rc = EXIT_USAGE;
    }
    tf_refdata_free(&c.ref);
    return rc;
}
