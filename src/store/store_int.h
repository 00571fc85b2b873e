/* The store's interface to the library's other modules (not installed), and
 * what store.c (schema, queries) and ingest.c (ingest) share: the database
 * handle and helpers. */
#ifndef TF_STORE_INT_H
#define TF_STORE_INT_H

#include <sqlite3.h>

#include "tradeflow/store.h"

#define TF_BUSY_WAIT_MS 300000 /* wait up to 5 minutes for another writer */

/* The handle's cached statements (store.c) */
enum { ST_SELECT = 0, /* 2 variants: flow given (+1) */
       ST_NEXT_CODE = 2, ST_CCY, ST_BEGIN, ST_COMMIT, ST_WINDOW, ST_SOURCES, ST_STATED,
       ST_CCY_PERIOD, ST_N };

/* A batch's kept selections (batch.c, tf_db_batch_begin). */
typedef struct tf_store_batch tf_store_batch;

struct tf_db {
    sqlite3 *db;
    char path[1024];
    tf_error error;      /* the last failed call's (tradeflow/common.h) */
    sqlite3_stmt *partner_name;
    sqlite3_stmt *stmt[ST_N];
    size_t bulk_bytes;   /* memory of an ingest's sorted run; 0 = the default */
    int read_depth;      /* tf_store_read_begin calls not yet ended */
    int read_began;      /* 1: the outermost of them began a read transaction */
    tf_store_batch *batch; /* open batch (tf_db_batch_begin) or NULL */
};

/* Set the memory of an ingest's sorted run (tests: 1 makes every record a
 * run of its own, so the merge across runs is exercised on small files). */
void tf_store_set_bulk_bytes(tf_db *d, size_t bytes);

/* Record on db the error of a computation made through it (query, report,
 * series, window: tradeflow/common.h), so that tf_db_error(db) says why it
 * failed. Returns st. */
tf_status tf_db_fail(tf_db *db, tf_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* sqlite3_exec with the handle's error message; TF_OK, TF_ERR_DB or
 * TF_ERR_NOT_TF_DB. */
tf_status tf_store_exec(tf_db *d, const char *sql);
/* The first column of the first row of sql into *out; an SQLite result code. */
int tf_store_pragma_int(tf_db *d, const char *sql, int *out);
/* A computation of many selections (a report reads 8 classifications, their
 * currencies and the window series: ~30 statements) as one read transaction:
 * one lock of the file and one check for a hot journal instead of one per
 * selection, and every selection sees the same state of the store. Calls
 * nest; the outermost begin/end pair begins and commits. Outside a
 * transaction of the caller's only (inside one, nothing to do). A begin that
 * fails leaves every selection its own transaction, as before. */
void tf_store_read_begin(tf_db *d);
void tf_store_read_end(tf_db *d);
/* tf_db_select reading the store (no batch). */
tf_status tf_store_select_direct(tf_db *d, const tf_selection *sel,
                                 tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx);
/* The record counts of sel's codes (prefixes) by currency and period over
 * from..to (every revision, currency not ""): fn per stored code, in currency
 * then period order. TF_OK or TF_ERR_DB. */
tf_status tf_store_currency_periods(tf_db *d, const tf_selection *sel, const char *from,
                                    const char *to,
                                    void (*fn)(void *ctx, const char *currency,
                                               const char *period, long long rows),
                                    void *ctx);
/* One currency's record count, kept in name order (at most 8 currencies: a
 * report's codes hold a handful). */
typedef struct tf_ccy_tally {
    char code[8][4];
    long long rows[8];
    int n;
} tf_ccy_tally;
void tf_store_ccy_tally(tf_ccy_tally *t, const char *ccy, long long rows);
/* A selection or currency count answered from the open batch: 1 with *st set
 * (the batch's range holds sel's periods), 0 when the store must be read
 * (no batch, periods outside it, or the batch holds its 256 MiB). */
int tf_store_batch_select(tf_db *d, const tf_selection *sel,
                          tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx,
                          tf_status *st);
int tf_store_batch_currency(tf_db *d, const tf_selection *sel,
                            void (*fn)(void *ctx, const char *currency, long long rows),
                            void *ctx, tf_status *st);
void tf_store_batch_free(tf_store_batch **b);
/* "YYYY-MM-DD" -> end of that day; "YYYY-MM-DDTHH:MM:SSZ" as is. 1 when valid. */
int tf_store_as_of_bound(const char *as_of, char out[32]);

#endif
