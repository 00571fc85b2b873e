/* UN Comtrade v1 API pulls with a disk cache and retries (include/tradeflow/fetch.h). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <dlfcn.h>
#include <jansson.h>

#include "tradeflow/fetch.h"
#include "../common/util.h"

#define DEFAULT_BASE "https://comtradeapi.un.org"
#define MAX_BODY ((size_t)1 << 30)
#define ROWS_WITH_KEY 250000
#define ROWS_PREVIEW 500

typedef struct buf {
    char *p;
    size_t n, cap;
    int too_big;
} buf;

/* libcurl's functions, loaded with dlopen when a fetch starts: linking it
 * would load libcurl and its ~30 libraries (TLS, Kerberos, LDAP, SSH) into
 * every tradeflow process, ~4 ms of each command's start-up (README,
 * Benchmark). */
typedef struct curl_fns {
    void *lib;
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl_fns;

typedef struct pull {
    const tf_fetch_opts *o;
    tf_fetch_result *res;
    tf_error *err;           /* the caller's, may be NULL */
    curl_fns cf;
    CURL *curl;
    json_t *all;             /* combined data array */
    char freq;               /* 'A' or 'M' */
    int row_limit;
} pull;

static void logf_(const pull *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(const pull *p, const char *fmt, ...)
{
    if (!p->o->log)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->o->log(p->o->log_ctx, msg);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
    buf *b = ctx;
    size_t n = size * nmemb;
    if (b->n + n + 1 > MAX_BODY) {
        b->too_big = 1;
        return 0;
    }
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 65536;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np)
            return 0;
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
    b->p[b->n] = '\0';
    return n;
}

/* Retry-After in seconds (the HTTP-date form is not used by the API). */
static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
    long *retry_after = ctx;
    size_t n = size * nmemb;
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && tf_ieq(data, sizeof name - 1, name)) {
        char tmp[32];
        size_t k = n - (sizeof name - 1);
        if (k >= sizeof tmp)
            k = sizeof tmp - 1;
        memcpy(tmp, data + sizeof name - 1, k);
        tmp[k] = '\0';
        char *end;
        long v = strtol(tmp, &end, 10);
        if (end != tmp && v >= 0)
            *retry_after = v;
    }
    return n;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* The periods of the pull: "YYYY" years or "YYYYMM" months, from..to. */
static tf_status periods(const tf_fetch_opts *o, char ***out, size_t *n, char *freq,
                         tf_error *err)
{
    char a[8], b[8];
    size_t la = o->period_from ? strlen(o->period_from) : 0;
    size_t lb = o->period_to ? strlen(o->period_to) : 0;
    if ((la != 4 && la != 7) || la != lb || tf_period_parse(o->period_from, la, a) != TF_OK ||
        tf_period_parse(o->period_to, lb, b) != TF_OK || strcmp(a, b) > 0) {
        return tf_error_set(err, TF_ERR_USAGE, "periods must be YYYY..YYYY (annual) or "
                                               "YYYY-MM..YYYY-MM (monthly), in order");
    }
    *freq = la == 4 ? 'A' : 'M';
    int from = la == 4 ? (int)strtol(a, NULL, 10) : tf_period_index(a);
    int to = la == 4 ? (int)strtol(b, NULL, 10) : tf_period_index(b);
    size_t count = (size_t)(to - from + 1);
    if (count > 1200) {
        return tf_error_set(err, TF_ERR_USAGE, "more than 1,200 periods asked for");
    }
    char **v = calloc(count, sizeof *v);
    if (!v)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        char s[8];
        if (*freq == 'A')
            tf_fmt(s, sizeof s, "%d", from + (int)i);
        else
            tf_fmt(s, sizeof s, "%04d%02d", (from + (int)i) / 12, (from + (int)i) % 12 + 1);
        if (!(v[i] = tf_strdup(s))) {
            for (size_t k = 0; k < i; k++)
                free(v[k]);
            free(v);
            return TF_ERR_NOMEM;
        }
    }
    *out = v;
    *n = count;
    return TF_OK;
}

static int codes_ok(const char *s, const char *extra)
{
    if (!s || !*s)
        return 0;
    for (const char *q = s; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != ',' && !strchr(extra, *q))
            return 0;
    return 1;
}

/* The request: path and query (no host, no key), the cache's key. */
static void request_path(const pull *p, char *const *per, size_t n, char *url, size_t len)
{
    const tf_fetch_opts *o = p->o;
    int key = o->key && o->key[0];
    size_t off = 0;
    off += (size_t)snprintf(url + off, len - off, "%s/C/%c/HS?reporterCode=%s&period=",
                            key ? "/data/v1/get" : "/public/v1/preview", p->freq, o->reporter);
    for (size_t i = 0; i < n && off < len; i++)
        off += (size_t)snprintf(url + off, len - off, "%s%s", i ? "," : "", per[i]);
    if (off < len && o->partners)
        off += (size_t)snprintf(url + off, len - off, "&partnerCode=%s", o->partners);
    if (off < len)
        off += (size_t)snprintf(url + off, len - off,
                                "&partner2Code=0&cmdCode=%s&flowCode=%s&customsCode=C00"
                                "&motCode=0&maxRecords=%d",
                                o->cmd_codes, o->flow_codes, p->row_limit);
}

static int mkdirs(const char *path)
{
    char tmp[1024];
    if (tf_scopy(tmp, sizeof tmp, path) != 0)
        return -1;
    for (char *q = tmp + 1; *q; q++)
        if (*q == '/') {
            *q = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            *q = '/';
        }
    return mkdir(tmp, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* A v1 API answer: an object with a data array and no error. Returns the
 * parsed document, or NULL with *why set. */
static json_t *parse_answer(const char *body, size_t n, const char **why, char *api_err,
                            size_t api_errlen)
{
    json_error_t je;
    json_t *j = json_loadb(body, n, 0, &je);
    api_err[0] = '\0';
    if (!j) {
        *why = "the answer is not complete JSON (cut?)";
        return NULL;
    }
    json_t *e = json_object_get(j, "error");
    if (e && json_is_string(e) && json_string_length(e) > 0) {
        tf_scopy(api_err, api_errlen, json_string_value(e));
        *why = "the API answered with an error";
        json_decref(j);
        return NULL;
    }
    if (!json_is_array(json_object_get(j, "data"))) {
        *why = "the answer has no data array";
        json_decref(j);
        return NULL;
    }
    return j;
}

/* The cached answer of a call, when the cache holds a sound one: 1 and
 * *answer; 0 otherwise (a damaged cache entry is fetched again). */
static int from_cache(pull *p, const char *path, const char *url, json_t **answer)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    json_error_t je;
    json_t *j = json_loadf(f, 0, &je);
    fclose(f);
    if (j && json_is_array(json_object_get(j, "data"))) {
        p->res->cached++;
        logf_(p, "cached: %s", url);
        *answer = j;
        return 1;
    }
    json_decref(j);
    return 0;
}

/* libcurl loaded into f (RTLD_NODELETE: its libraries stay mapped once
 * loaded, as their exit handlers expect). TF_OK, or TF_ERR_IO naming what is
 * missing. */
static tf_status curl_load(curl_fns *f, tf_error *err)
{
    static const struct {
        const char *name;
        size_t off;
    } sym[] = {
        {"curl_global_init", offsetof(curl_fns, global_init)},
        {"curl_global_cleanup", offsetof(curl_fns, global_cleanup)},
        {"curl_easy_init", offsetof(curl_fns, easy_init)},
        {"curl_easy_cleanup", offsetof(curl_fns, easy_cleanup)},
        {"curl_easy_reset", offsetof(curl_fns, easy_reset)},
        {"curl_easy_setopt", offsetof(curl_fns, easy_setopt)},
        {"curl_easy_perform", offsetof(curl_fns, easy_perform)},
        {"curl_easy_getinfo", offsetof(curl_fns, easy_getinfo)},
        {"curl_easy_strerror", offsetof(curl_fns, easy_strerror)},
        {"curl_slist_append", offsetof(curl_fns, slist_append)},
        {"curl_slist_free_all", offsetof(curl_fns, slist_free_all)},
    };
    memset(f, 0, sizeof *f);
    f->lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!f->lib) {
        const char *why = dlerror();
        return tf_error_set(err, TF_ERR_IO, "cannot load libcurl (libcurl.so.4, Debian "
                            "package libcurl4): %s", why ? why : "not found");
    }
    for (size_t i = 0; i < sizeof sym / sizeof sym[0]; i++) {
        void *fn = dlsym(f->lib, sym[i].name);
        if (!fn) {
            dlclose(f->lib);
            f->lib = NULL;
            return tf_error_set(err, TF_ERR_IO, "libcurl.so.4 lacks %s", sym[i].name);
        }
        memcpy((char *)f + sym[i].off, &fn, sizeof fn);
    }
    return TF_OK;
}

/* The handle set for one attempt at url: body into *b, Retry-After into
 * *retry_after, timeouts, TLS verification and the key header. */
static void set_request(pull *p, const char *url, struct curl_slist *hdrs, buf *b,
                        long *retry_after)
{
    CURL *c = p->curl;
    CURLcode (*set)(CURL *, CURLoption, ...) = p->cf.easy_setopt;
    p->cf.easy_reset(c);
    set(c, CURLOPT_URL, url);
    set(c, CURLOPT_WRITEFUNCTION, on_body);
    set(c, CURLOPT_WRITEDATA, b);
    set(c, CURLOPT_HEADERFUNCTION, on_header);
    set(c, CURLOPT_HEADERDATA, retry_after);
    set(c, CURLOPT_NOSIGNAL, 1L);
    set(c, CURLOPT_TIMEOUT, p->o->timeout_s > 0 ? p->o->timeout_s : 120L);
    set(c, CURLOPT_CONNECTTIMEOUT, 30L);
    set(c, CURLOPT_USERAGENT, "tradeflow/" TF_VERSION);
    /* TLS: the peer's certificate and name are always verified (libcurl's
     * default, set here so that no later change can drop it) */
    set(c, CURLOPT_SSL_VERIFYPEER, 1L);
    set(c, CURLOPT_SSL_VERIFYHOST, 2L);
    set(c, CURLOPT_ACCEPT_ENCODING, "");
    if (hdrs)
        set(c, CURLOPT_HTTPHEADER, hdrs);
}

/* The answer cached: written whole to a temporary name, then renamed. 1, or
 * 0 with the error set on p (the temporary file removed). */
static int cache_store(pull *p, const char *path, const buf *b)
{
    char tmp[1300];
    tf_fmt(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *w = mkdirs(p->o->cache_dir) == 0 ? fopen(tmp, "wb") : NULL;
    int ok = w && fwrite(b->p, 1, b->n, w) == b->n;
    if (w && fclose(w) != 0)
        ok = 0;
    if (ok && rename(tmp, path) == 0)
        return 1;
    unlink(tmp);
    tf_error_set(p->err, TF_ERR_IO, "cannot write the cache file %s: %s", path, strerror(errno));
    return 0;
}

/* One call: from the cache, or fetched with retries and cached. */
static tf_status call(pull *p, char *const *per, size_t n, json_t **answer)
{
    char req[8192], url[8400];
    request_path(p, per, n, req, sizeof req);
    tf_fmt(url, sizeof url, "%s%s", p->o->base_url ? p->o->base_url : DEFAULT_BASE, req);
    tf_sha256 *h = tf_sha256_new();
    if (!h)
        return tf_sha256_ready(p->err) != TF_OK ? TF_ERR_IO : TF_ERR_NOMEM;
    tf_sha256_update(h, req, strlen(req));
    char hex[65];
    tf_sha256_final(h, hex);
    char path[1200];
    tf_fmt(path, sizeof path, "%s/%s.json", p->o->cache_dir, hex);
    p->res->calls++;

    const char *why = NULL;
    char api_err[512];
    if (from_cache(p, path, url, answer))
        return TF_OK;

    int retries = p->o->retries < 0 ? 5 : p->o->retries;
    long backoff = p->o->backoff_ms > 0 ? p->o->backoff_ms : 2000;
    long max_wait = p->o->max_wait_s > 0 ? p->o->max_wait_s : 300;
    struct curl_slist *hdrs = NULL;
    char keyhdr[512];
    if (p->o->key && p->o->key[0]) {
        tf_fmt(keyhdr, sizeof keyhdr, "Ocp-Apim-Subscription-Key: %s", p->o->key);
        hdrs = p->cf.slist_append(hdrs, keyhdr);
    }
    tf_status st = TF_ERR_IO;
    for (int attempt = 0; attempt <= retries; attempt++) {
        buf b = {0};
        long retry_after = -1, code = 0;
        CURL *c = p->curl;
        set_request(p, url, hdrs, &b, &retry_after);
        CURLcode rc = p->cf.easy_perform(c);
        p->cf.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        int retry = 0;
        char what[256];
        if (rc != CURLE_OK && (b.too_big || rc == CURLE_COULDNT_RESOLVE_HOST ||
                               rc == CURLE_COULDNT_RESOLVE_PROXY)) {
            /* nothing a retry would change: an answer over the limit, or no name
             * service (offline, or a DNS or proxy setting) */
            tf_error_set(p->err, TF_ERR_IO, "%s: %s%s", url,
                         b.too_big ? "answer larger than 1 GiB" : p->cf.easy_strerror(rc),
                         b.too_big ? "" : " (no network, or a DNS or proxy setting; not retried)");
            free(b.p);
            break;
        } else if (rc != CURLE_OK) {
            tf_fmt(what, sizeof what, "%s", p->cf.easy_strerror(rc));
            retry = 1;
        } else if (code == 429 || code >= 500) {
            tf_fmt(what, sizeof what, "HTTP %ld", code);
            retry = 1;
        } else if (code != 200) {
            tf_error_set(p->err, TF_ERR_INPUT, "%s: HTTP %ld: %.300s", url, code, b.p ? b.p : "");
            free(b.p);
            st = TF_ERR_INPUT;
            break;
        } else {
            json_t *j = parse_answer(b.p ? b.p : "", b.n, &why, api_err, sizeof api_err);
            if (j) {
                if (!cache_store(p, path, &b)) {
                    json_decref(j);
                    free(b.p);
                    st = TF_ERR_IO;
                    break;
                }
                free(b.p);
                p->res->fetched++;
                logf_(p, "fetched: %s", url);
                *answer = j;
                st = TF_OK;
                break;
            }
            if (api_err[0]) {
                tf_error_set(p->err, TF_ERR_INPUT, "%s: the API answered: %s", url, api_err);
                free(b.p);
                st = TF_ERR_INPUT;
                break;
            }
            tf_fmt(what, sizeof what, "%s", why);
            retry = 1;
        }
        free(b.p);
        if (!retry)
            break;
        if (attempt == retries) {
            tf_error_set(p->err, TF_ERR_IO, "%s: %s; gave up after %d attempt%s (what was "
                         "fetched is cached: run again to resume)", url, what, attempt + 1,
                         attempt ? "s" : "");
            break;
        }
        long wait = backoff << (attempt < 16 ? attempt : 16);
        if (retry_after >= 0)
            wait = (retry_after < max_wait ? retry_after : max_wait) * 1000;
        p->res->retried++;
        logf_(p, "%s; retrying in %ld ms (attempt %d of %d)", what, wait, attempt + 2,
              retries + 1);
        sleep_ms(wait);
    }
    p->cf.slist_free_all(hdrs);
    return st;
}

/* Fetch per[0..n) in one call; an answer at the row limit is split by period. */
static tf_status chunk(pull *p, char *const *per, size_t n)
{
    json_t *j = NULL;
    tf_status st = call(p, per, n, &j);
    if (st != TF_OK)
        return st;
    json_t *data = json_object_get(j, "data");
    if (json_array_size(data) >= (size_t)p->row_limit) {
        if (n > 1) {
            logf_(p, "%zu rows: the row limit; splitting the %zu periods", json_array_size(data),
                  n);
            json_decref(j);
            st = chunk(p, per, n / 2);
            return st == TF_OK ? chunk(p, per + n / 2, n - n / 2) : st;
        }
        logf_(p, "warning: %zu rows for period %s reach the API's row limit: the answer may be "
                 "cut (narrow the commodity or partner selection)", json_array_size(data), per[0]);
    }
    if (json_array_extend(p->all, data) != 0)
        st = TF_ERR_NOMEM;
    json_decref(j);
    return st;
}

static void explain_empty(const pull *p, tf_fetch_result *res)
{
    const tf_fetch_opts *o = p->o;
    tf_fmt(res->explain, sizeof res->explain,
           "no records for reporter %s, %s %s..%s, flow %s, commodity %s%s%s. Possible reasons: "
           "the data is not yet published for these periods (Comtrade publishes months after "
           "the period, annual figures a year or more after); the reporter publishes %s data "
           "only (%s asks for %s data: try %s); the flow or commodity code does not exist in "
           "this classification.",
           o->reporter, p->freq == 'A' ? "years" : "months", o->period_from, o->period_to,
           o->flow_codes, o->cmd_codes, o->partners ? ", partner " : "",
           o->partners ? o->partners : "", p->freq == 'A' ? "monthly" : "annual",
           p->freq == 'A' ? "a period YYYY" : "a period YYYY-MM",
           p->freq == 'A' ? "annual" : "monthly",
           p->freq == 'A' ? "YYYY-MM..YYYY-MM" : "YYYY..YYYY");
}

tf_status tf_fetch_comtrade(const tf_fetch_opts *o, char **doc, size_t *len,
                            tf_fetch_result *res, tf_error *err)
{
    *doc = NULL;
    *len = 0;
    memset(res, 0, sizeof *res);
    tf_error_clear(err);
    if (!o->cache_dir || !o->cache_dir[0] || !o->reporter || !codes_ok(o->reporter, "") ||
        !codes_ok(o->cmd_codes, "") || !codes_ok(o->flow_codes, "") ||
        (o->partners && !codes_ok(o->partners, ""))) {
        return tf_error_set(err, TF_ERR_USAGE, "a pull needs a cache folder, a reporter code, "
                            "commodity codes and flow codes (letters, digits, commas)");
    }
    pull p = {0};
    p.o = o;
    p.res = res;
    p.err = err;
    p.row_limit = o->key && o->key[0] ? ROWS_WITH_KEY : ROWS_PREVIEW;
    char **per = NULL;
    size_t n = 0;
    tf_status st = periods(o, &per, &n, &p.freq, err);
    if (st != TF_OK)
        return st;
    if (mkdirs(o->cache_dir) != 0) {
        tf_error_set(err, TF_ERR_IO, "cannot create the cache folder %s: %s", o->cache_dir,
                     strerror(errno));
        st = TF_ERR_IO;
        goto out;
    }
    if ((st = curl_load(&p.cf, err)) != TF_OK)
        goto out;
    if (p.cf.global_init(CURL_GLOBAL_DEFAULT) != 0 || !(p.curl = p.cf.easy_init()) ||
        !(p.all = json_array())) {
        st = TF_ERR_NOMEM;
        goto out;
    }
    size_t step = o->max_periods > 0 ? (size_t)o->max_periods : 12;
    for (size_t i = 0; i < n && st == TF_OK; i += step)
        st = chunk(&p, per + i, n - i < step ? n - i : step);
    if (st == TF_OK) {
        res->records = json_array_size(p.all);
        if (res->records == 0)
            explain_empty(&p, res);
        json_t *d = json_object();
        if (!d) {
            st = TF_ERR_NOMEM;
            goto out;
        }
        json_object_set_new(d, "count", json_integer((json_int_t)res->records));
        json_object_set(d, "data", p.all);
        json_object_set_new(d, "error", json_string(""));
        *doc = json_dumps(d, JSON_COMPACT);
        json_decref(d);
        if (!*doc)
            st = TF_ERR_NOMEM;
        else
            *len = strlen(*doc);
    }
out:
    json_decref(p.all);
    if (p.curl)
        p.cf.easy_cleanup(p.curl);
    if (p.cf.lib) {
        p.cf.global_cleanup();
        dlclose(p.cf.lib);
    }
    for (size_t i = 0; i < n; i++)
        free(per[i]);
    free(per);
    return st;
}

/* The next item of a comma- or space-separated list into item; the rest. */
static const char *next_item(const char *s, char *item, size_t len)
{
    s += strspn(s, ", ");
    size_t n = strcspn(s, ", ");
    tf_fmt(item, len, "%.*s", (int)n, s);
    return s + n;
}

/* Append code to out (comma-separated); 0 when out is too small. */
static int append_code(char *out, size_t len, const char *code)
{
    size_t used = strlen(out);
    int n = snprintf(out + used, len - used, "%s%s", used ? "," : "", code);
    return n >= 0 && (size_t)n < len - used;
}

tf_status tf_comtrade_area_codes(const tf_refdata *ref, const char *iso3_list, char *out,
                                 size_t len, char *bad, size_t badlen)
{
    out[0] = bad[0] = '\0';
    char item[64];
    for (const char *s = next_item(iso3_list, item, sizeof item); item[0];
         s = next_item(s, item, sizeof item)) {
        char up[4] = "";
        size_t n = strlen(item);
        for (size_t i = 0; i < 3 && n == 3; i++)
            up[i] = (char)toupper((unsigned char)item[i]);
        if (!strcmp(item, "490")) /* Comtrade's "Other Asia, nes", stored as S19 */
            memcpy(up, "S19", 4), n = 3;
        const tf_area *ar = NULL;
        int world = !strcmp(up, "WLD");
        /* an ISO alpha-3 code, or a special area: a letter, then letters or digits */
        int code = n == 3 && isupper((unsigned char)up[0]) &&
                   strspn(up + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == 2;
        /* S19 is stored as a partner as M49:490 */
        const char *key = !strcmp(up, "S19") ? "M49:490" : up;
        if (!code || (!world && !(ar = tf_refdata_area_by_partner(ref, key)))) {
            tf_scopy(bad, badlen, item);
            return TF_ERR_USAGE;
        }
        if (!append_code(out, len, world ? "0" : ar->m49))
            return TF_ERR_NOMEM;
    }
    return out[0] ? TF_OK : TF_ERR_USAGE;
}

tf_status tf_comtrade_flow_codes(const char *flows, char *out, size_t len, char *bad,
                                 size_t badlen)
{
    static const char *const code[] = {"", "M", "X", "RM", "RX"};
    out[0] = bad[0] = '\0';
    char item[64];
    for (const char *s = next_item(flows, item, sizeof item); item[0];
         s = next_item(s, item, sizeof item)) {
        tf_flow f = tf_flow_parse(item, strlen(item));
        if (f == TF_FLOW_NONE || f == TF_FLOW_OTHER || (size_t)f >= sizeof code / sizeof *code) {
            tf_scopy(bad, badlen, item);
            return TF_ERR_USAGE;
        }
        if (!append_code(out, len, code[f]))
            return TF_ERR_NOMEM;
    }
    return out[0] ? TF_OK : TF_ERR_USAGE;
}
