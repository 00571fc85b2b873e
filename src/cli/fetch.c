/*
 * tradeflow fetch: download UN Comtrade data.
 */
#include "cli.h"

static const char usage_fetch[] =
    "Usage: tradeflow fetch comtrade --period P[..P] (--hs CODES | --commodity CODES)\n"
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
    "  --period P[..P]     YYYY..YYYY (annual data) or YYYY-MM..YYYY-MM (monthly); one\n"
    "                      period P is P..P\n"
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


static void print_progress(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s: fetch: %s\n", progname, msg);
}

/* fetch's options as given. */
typedef struct fetch_args {
    const char *hs, *commodity, *period, *reporter, *partner, *flow, *cache, *base;
    const char *retries_s, *timeout_s, *wait_s;
    long retries, timeout, wait;
    char from[8], to[8];
    char flows[32], rep_code[16], part_codes[2048];
} fetch_args;

/* A whole number option from 0 to 100000 into *out; an exit code. */
static int whole_number(const char *name, const char *v, long *out)
{
    if (!v)
        return EXIT_OK;
    char *end;
    long x = strtol(v, &end, 10);
    if (*end || end == v || x < 0 || x > 100000) {
        error("%s takes a whole number from 0 to 100000, not '%s'", name, v);
        return EXIT_USAGE;
    }
    *out = x;
    return EXIT_OK;
}

/* Check the codes, the period FROM..TO and the flows; an exit code. */
static int check_fetch(fetch_args *f)
{
    if ((f->hs != NULL) == (f->commodity != NULL)) {
        error("fetch: give --hs CODES or --commodity CODES");
        return EXIT_USAGE;
    }
    const char *codes = f->hs ? f->hs : f->commodity, *bad = NULL;
    product_sel p;
    memset(&p, 0, sizeof p);
    if (!(p.list = split_list(codes, &p.n_codes, &p.store)))
        return EXIT_IO;
    tf_status st = tf_query_codes_check((const char *const *)p.list, p.n_codes, !f->hs, &bad);
    product_sel_free(&p);
    if (st != TF_OK) {
        error("fetch: %s takes comma-separated codes, not '%s'", f->hs ? "--hs" : "--commodity",
              codes);
        return EXIT_USAGE;
    }
    const char *pe = f->period ? f->period : "", *dots = strstr(pe, "..");
    const char *to = dots ? dots + 2 : pe; /* one period P is P..P */
    size_t l1 = dots ? (size_t)(dots - pe) : strlen(pe);
    if (l1 == 0 || l1 >= sizeof f->from || !*to || strlen(to) >= sizeof f->to) {
        error("fetch needs --period P or FROM..TO (YYYY..YYYY or YYYY-MM..YYYY-MM)");
        return EXIT_USAGE;
    }
    snprintf(f->from, sizeof f->from, "%.*s", (int)l1, pe);
    snprintf(f->to, sizeof f->to, "%s", to);
    char badf[64];
    if ((st = tf_comtrade_flow_codes(f->flow, f->flows, sizeof f->flows, badf, sizeof badf))) {
        if (badf[0])
            error("unknown --flow '%s' (import, export, re-import, re-export)", badf);
        else
            error("--flow needs at least one flow");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Comtrade's codes of the reporter and the partners (the library's area
 * table); an exit code. */
static int area_codes(common *c, fetch_args *f)
{
    char bad[64];
    tf_status st = tf_comtrade_area_codes(c->ref, f->reporter, f->rep_code, sizeof f->rep_code,
                                          bad, sizeof bad);
    if (st == TF_OK && (strchr(f->rep_code, ',') || !strcmp(f->rep_code, "0"))) {
        error("fetch: --reporter takes one country");
        return EXIT_USAGE;
    }
    if (st == TF_OK && f->partner)
        st = tf_comtrade_area_codes(c->ref, f->partner, f->part_codes, sizeof f->part_codes, bad,
                                    sizeof bad);
    if (st == TF_ERR_USAGE && bad[0])
        error("'%s' is not a country in the Comtrade area table (ISO alpha-3, or WLD)", bad);
    else if (st == TF_ERR_USAGE)
        error("empty list of countries");
    else if (st != TF_OK)
        error("fetch: too many countries");
    return st == TF_OK ? EXIT_OK : EXIT_USAGE;
}

/* The API key: $COMTRADE_KEY, else ~/.config/tradeflow/comtrade-key. */
static const char *api_key(char *buf, size_t len)
{
    const char *key = getenv("COMTRADE_KEY");
    if (key && *key)
        return key;
    const char *home = getenv("HOME");
    char kpath[1024];
    snprintf(kpath, sizeof kpath, "%s/.config/tradeflow/comtrade-key", home ? home : ".");
    buf[0] = '\0';
    FILE *kf = fopen(kpath, "r");
    if (kf) {
        if (fgets(buf, (int)len, kf))
            buf[strcspn(buf, "\r\n")] = '\0';
        fclose(kf);
    }
    return buf;
}

/* Ingest the fetched document into the store; an exit code. */
static int ingest_doc(common *c, const fetch_args *f, char *doc, size_t len)
{
    tf_db *db = NULL;
    int rc = open_db(c, TF_DB_CREATE, &db);
    if (rc != EXIT_OK)
        return rc;
    char name[256];
    snprintf(name, sizeof name, "comtrade-api:%s:%s:%s:%s:%s..%s", f->reporter,
             f->partner ? f->partner : "all", f->flows, f->hs ? f->hs : f->commodity, f->from,
             f->to);
    FILE *in = fmemopen(doc, len, "r");
    if (!in) {
        error("fetch: out of memory");
        tf_db_close(&db);
        return EXIT_IO;
    }
    tf_read_opts o = {0};
    o.format = TF_FORMAT_COMTRADE;
    tf_diag diag = {0};
    diag.warn = print_warning;
    tf_ingest_result res;
    const char *now = getenv("TRADEFLOW_NOW");
    tf_status st = tf_db_ingest(db, in, name, &o, c->ref, now && *now ? now : NULL, &diag, &res);
    fclose(in);
    if (st != TF_OK) {
        error("%s", diag.error.msg[0] ? diag.error.msg : tf_db_error(db)->msg);
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

/* Pull from the API (or the cache) and ingest; an exit code. */
static int run_fetch(common *c, const fetch_args *f)
{
    char cache_buf[1024], key_buf[256];
    const char *cache = f->cache;
    if (!cache || !*cache) {
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(cache_buf, sizeof cache_buf, "%s/tradeflow/comtrade", xdg);
        else
            snprintf(cache_buf, sizeof cache_buf, "%s/.cache/tradeflow/comtrade",
                     home && *home ? home : ".");
        cache = cache_buf;
    }
    tf_fetch_opts fo = {0};
    fo.base_url = f->base && *f->base ? f->base : NULL;
    fo.key = api_key(key_buf, sizeof key_buf);
    fo.cache_dir = cache;
    fo.reporter = f->rep_code;
    fo.partners = f->partner ? f->part_codes : NULL;
    fo.cmd_codes = f->hs ? f->hs : f->commodity;
    fo.flow_codes = f->flows;
    fo.period_from = f->from;
    fo.period_to = f->to;
    fo.retries = (int)f->retries;
    fo.timeout_s = f->timeout;
    fo.backoff_ms = f->wait > 0 ? f->wait : 1;
    fo.log = print_progress;
    tf_fetch_result fr;
    tf_error err = {0};
    char *doc = NULL;
    size_t len = 0;
    tf_status st = tf_fetch_comtrade(&fo, &doc, &len, &fr, &err);
    int rc = exit_for(st);
    if (st != TF_OK) {
        error("fetch: %s", err.msg[0] ? err.msg : tf_strerror(st));
    } else {
        printf("fetch: %lu call%s (%lu from the cache, %lu fetched, %lu retried), %lu record%s\n",
               fr.calls, fr.calls == 1 ? "" : "s", fr.cached, fr.fetched, fr.retried,
               fr.records, fr.records == 1 ? "" : "s");
        if (fr.records == 0)
            fprintf(stderr, "%s: warning: fetch: %s\n", progname, fr.explain);
        else
            rc = ingest_doc(c, f, doc, len);
    }
    tf_free(doc);
    return rc;
}

int cmd_fetch(common *c, args *a)
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
    fetch_args f = {.reporter = "CHN", .flow = "import,export",
                    .cache = getenv("TRADEFLOW_CACHE"), .base = getenv("TRADEFLOW_COMTRADE_URL"),
                    .retries = 5, .timeout = 120, .wait = 2000};
    const opt_spec t[] = {
        {"--hs", NULL, &f.hs, NULL},           {"--commodity", NULL, &f.commodity, NULL},
        {"--period", NULL, &f.period, NULL},   {"--reporter", NULL, &f.reporter, NULL},
        {"--partner", NULL, &f.partner, NULL}, {"--flow", NULL, &f.flow, NULL},
        {"--cache", NULL, &f.cache, NULL},     {"--base-url", NULL, &f.base, NULL},
        {"--retries", NULL, &f.retries_s, NULL}, {"--timeout", NULL, &f.timeout_s, NULL},
        {"--wait", NULL, &f.wait_s, NULL},     {NULL, NULL, NULL, NULL}};
    int rc = parse_options(a, "fetch", usage_fetch, t, NULL);
    if (rc >= 0)
        return rc;
    if ((rc = whole_number("--retries", f.retries_s, &f.retries)) ||
        (rc = whole_number("--timeout", f.timeout_s, &f.timeout)) ||
        (rc = whole_number("--wait", f.wait_s, &f.wait)) || (rc = check_fetch(&f)) ||
        (rc = load_refdata(c)) || (rc = area_codes(c, &f)))
        return rc;
    return run_fetch(c, &f);
}
