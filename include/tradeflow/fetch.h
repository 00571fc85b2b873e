/*
 * tradeflow/fetch.h — pulls from the UN Comtrade v1 API (libcurl).
 *
 * A pull is split into calls the API accepts (at most max_periods periods per
 * call; a call whose answer reaches the row limit is split again by period).
 * Every complete answer is cached on disk under a name derived from the
 * request (SHA-256 of its path and query: the host and the key left out), so an interrupted pull,
 * run again, fetches only what it lacks. HTTP 429 and 5xx answers, time-outs,
 * cut connections and cut (invalid) JSON are retried with a doubling wait,
 * or the wait the server asks for (Retry-After, seconds). The answers are
 * combined into one v1 API document, which the caller ingests in one
 * transaction (tf_db_ingest).
 */
#ifndef TRADEFLOW_FETCH_H
#define TRADEFLOW_FETCH_H

#include <stddef.h>
#include "tradeflow/common.h"
#include "tradeflow/refdata.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tf_fetch_opts {
    const char *base_url;     /* NULL: "https://comtradeapi.un.org" */
    const char *key;          /* subscription key; NULL or "": the public preview endpoint
                                 (at most 500 rows per call) */
    const char *cache_dir;    /* where answers are kept (created when absent) */
    const char *reporter;     /* Comtrade (M49) reporter code, e.g. "156" */
    const char *partners;     /* comma-separated partner codes ("643", "0" = World);
                                 NULL = every partner */
    const char *cmd_codes;    /* comma-separated commodity codes, e.g. "7601" or "TOTAL" */
    const char *flow_codes;   /* comma-separated flow codes: M, X, RM, RX */
    const char *period_from;  /* "YYYY" (annual, freqCode A) or "YYYY-MM" (monthly, M) */
    const char *period_to;    /* same form as period_from */
    int max_periods;          /* periods per call; <= 0: 12 (the API's limit) */
    int retries;              /* further attempts after a failed one; < 0: 5 */
    long timeout_s;           /* per attempt; <= 0: 120 */
    long backoff_ms;          /* first wait before a retry, doubling; <= 0: 2000 */
    long max_wait_s;          /* the longest Retry-After honoured; <= 0: 300 */
    void (*log)(void *ctx, const char *msg); /* progress and retries; optional */
    void *log_ctx;
} tf_fetch_opts;

typedef struct tf_fetch_result {
    unsigned long calls;      /* calls the pull needed */
    unsigned long cached;     /* of which answered from the cache */
    unsigned long fetched;    /* of which fetched now */
    unsigned long retried;    /* failed attempts that were retried */
    unsigned long records;    /* records in the combined document */
    char explain[768];        /* why the result is empty, when it is ("" otherwise) */
} tf_fetch_result;

/*
 * Run the pull and return the combined document {"count", "data": [...],
 * "error": ""} in *doc (free with tf_free), its length in *len. Errors:
 * TF_ERR_USAGE (bad options), TF_ERR_IO (network or cache failure after the
 * retries; what was fetched stays cached), TF_ERR_INPUT (the API refused the
 * request or answered something that is not a v1 API document), TF_ERR_NOMEM;
 * the error in *err when non-NULL (tradeflow/common.h).
 */
TF_API tf_status tf_fetch_comtrade(const tf_fetch_opts *o, char **doc, size_t *len,
                                   tf_fetch_result *res, tf_error *err);

/*
 * Comtrade's area codes for a list of countries: "CHN,usa" (ISO alpha-3,
 * comma- or space-separated, any case) -> "156,842" (M49 codes from
 * data/comtrade-areas.csv); "WLD" -> "0" (the world); "S19" or "490" ->
 * "490" (Comtrade's "Other Asia, nes"). Errors: TF_ERR_USAGE
 * (an empty list: bad = ""; a code not in the table: bad = that code),
 * TF_ERR_NOMEM when out (len bytes) is too small.
 */
TF_API tf_status tf_comtrade_area_codes(const tf_refdata *ref, const char *iso3_list, char *out,
                                        size_t len, char *bad, size_t badlen);

/*
 * Comtrade's flow codes for a list of flows: "import,export" -> "M,X"
 * (re-import RM, re-export RX; names as tf_flow_parse reads them). Errors:
 * TF_ERR_USAGE (an empty list: bad = ""; a flow Comtrade has no code for:
 * bad = that name), TF_ERR_NOMEM when out is too small.
 */
TF_API tf_status tf_comtrade_flow_codes(const char *flows, char *out, size_t len, char *bad,
                                        size_t badlen);

#ifdef __cplusplus
}
#endif
#endif
