/*
 * tradeflow fetch: download UN Comtrade data.
 */
#include "cli.h"

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

