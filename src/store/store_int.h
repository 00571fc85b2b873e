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
       ST_NEXT_CODE = 2, ST_CCY, ST_BEGIN, ST_COMMIT, ST_WINDOW, ST_SOURCES, ST_STATED, ST_N };

struct tf_db {
    sqlite3 *db;
    char path[1024];
    tf_error error;      /* the last failed call's (tradeflow/common.h) */
    sqlite3_stmt *partner_name;
    sqlite3_stmt *stmt[ST_N];
    size_t bulk_bytes;   /* memory of an ingest's sorted run; 0 = the default */
    int read_depth;      /* tf_store_read_begin calls not yet ended */
    int read_began;      /* 1: the outermost of them began a read transaction */
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
/* "YYYY-MM-DD" -> end of that day; "YYYY-MM-DDTHH:MM:SSZ" as is. 1 when valid. */
int tf_store_as_of_bound(const char *as_of, char out[32]);

#endif
