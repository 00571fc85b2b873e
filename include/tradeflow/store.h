/*
 * tradeflow/store.h — the store: one SQLite file (or the same tables on a
 * PostgreSQL server) holding every record ever ingested, with revisions, and
 * the list of ingested source files.
 *
 * A cell (period, flow, reporter, partner, partner basis, classification,
 * commodity, trade mode, province, currency) may have several revisions; the
 * newest is current, older ones stay queryable (as-of, history). The same
 * trade valued in CNY and in USD is two cells, never a revision of each other. Every ingest is one
 * transaction: a file goes in whole or not at all.
 */
#ifndef TRADEFLOW_STORE_H
#define TRADEFLOW_STORE_H

#include <stdio.h>
#include "tradeflow/reader.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TF_SCHEMA_VERSION 8 /* the SQLite store's (docs/store.md); PostgreSQL keeps schema 6 */

typedef struct tf_db tf_db;

typedef enum tf_open_mode {
    TF_DB_READ = 0,   /* the file must exist and be a tradeflow database */
    TF_DB_CREATE = 1  /* create the file and the schema when absent */
} tf_open_mode;

/*
 * Open (or create) a tradeflow database. Applies forward migrations to an
 * older schema. path is an SQLite file, or a libpq connection URI
 * ("postgresql://…" or "postgres://…"): the same store on a PostgreSQL server
 * (docs/postgresql.md), its tables created on an empty database with
 * TF_DB_CREATE; every function of this header works on either.
 * Errors: TF_ERR_NOT_FOUND (absent, TF_DB_READ; on a server: no tradeflow
 * tables), TF_ERR_NOT_TF_DB, TF_ERR_DB_NEWER, TF_ERR_DB (also: the server
 * cannot be reached, or the role may not write), TF_ERR_NOMEM. On error *out
 * is NULL and, when err is non-NULL, the error is written to it (there is no
 * handle to carry it). Messages name a server's URI with its password masked.
 */
TF_API tf_status tf_db_open(const char *path, tf_open_mode mode, tf_db **out, tf_error *err);

/* How a handle waits for a lock another process holds on the store (an
 * SQLite reader or writer of the file, another ingest on a server): up to ms
 * milliseconds (0: 300000, five minutes), then the call fails with TF_ERR_DB
 * and a message naming the lock, the store as before. notice (optional) is
 * told once a wait has lasted about a second, with a message naming the store
 * and the limit, so that a long wait is never silent. */
typedef struct tf_db_wait {
    int ms;
    void (*notice)(void *ctx, const char *msg);
    void *ctx;
} tf_db_wait;

/* tf_db_open with a wait of its own for other processes' locks (NULL: the
 * default five minutes, silent), which applies from the open on. */
TF_API tf_status tf_db_open_waiting(const char *path, tf_open_mode mode, const tf_db_wait *wait,
                                    tf_db **out, tf_error *err);
TF_API void tf_db_close(tf_db **db);

/* A database name fit to print: a postgresql:// or postgres:// connection
 * string with its password (user:PASSWORD@ and ?password=) replaced by
 * "****"; a file path as is. Truncated to len - 1 bytes. */
TF_API void tf_db_mask(const char *path, char *out, size_t len);

/* For a run that created the database at path and ingested nothing (every
 * file failed, or none had a figure): remove it, with its journal, when it
 * holds no source, so a failed first ingest leaves no database behind.
 * Returns 1 when removed, 0 when kept (it holds a source, or cannot be
 * opened as a tradeflow database, or another writer holds it open - a
 * TF_DB_CREATE handle of this or another process, which may be about to fill
 * it: never removed then). A writer holds a shared flock(2) on the file (on a
 * server, a shared advisory lock of its session); the removal needs it
 * exclusive. On a server the store's tables are dropped instead. */
TF_API int tf_db_discard_if_empty(const char *path);

/* The error of the last failed call on this handle, or on the query, report,
 * series, mirror, window and note computations made through it
 * (tradeflow/common.h): status, the input file and line:column at fault
 * (an ingest's reader error), msg (the message, "" when none was recorded:
 * tf_strerror(status) says it then). Never NULL (db NULL: no error). Valid
 * until the handle's next call. */
TF_API const tf_error *tf_db_error(const tf_db *db);

/* Result of one ingest. */
typedef struct tf_ingest_result {
    int already;              /* 1: this file with these options was ingested before and is not
                                 retracted; nothing added */
    int empty;                /* 1: no data rows (or none left by the hs filter); nothing ingested */
    long long source_id;      /* id in `sources`, 0 when nothing was recorded */
    unsigned long added;      /* cells seen for the first time */
    unsigned long revised;    /* cells whose figures changed: new revision, old kept */
    unsigned long unchanged;  /* cells identical to the current revision */
    unsigned long older;      /* cells whose figure changed but the standing one is of a
                                 later vintage: stored as history, not current */
    tf_read_stats read;
    char sha256[65];
} tf_ingest_result;

/*
 * Ingest `in` (named `name`) in one transaction. `now` is the ingest time
 * stamp stored with the source ("YYYY-MM-DDTHH:MM:SSZ"; NULL = current UTC).
 * The source's vintage is opts->vintage (NULL: the date of `now`). A cell's
 * current figure is that of the latest vintage, then the latest ingest: a
 * changed figure of an earlier vintage than the standing one is stored as
 * history (res->older), never current.
 * Errors: those of tf_read (TF_ERR_INPUT with file:line:column detail in
 * tf_db_error), TF_ERR_DB. On any error the database is as before.
 */
TF_API tf_status tf_db_ingest(tf_db *db, FILE *in, const char *name,
                              const tf_read_opts *opts, const tf_refdata *ref,
                              const char *now, tf_diag *diag, tf_ingest_result *res);

/* One ingested file. */
typedef struct tf_source_info {
    long long id;
    char name[512];
    char sha256[65];
    char format[16];
    char options[256];
    char ingested_at[32];
    char retracted_at[32];    /* "" unless retracted (its figures no longer count) */
    char vintage[11];         /* YYYY-MM-DD: the release or download date */
    unsigned long rows, added, revised, unchanged, older;
} tf_source_info;

/*
 * Retract an ingested source (restore = 0) or restore it (restore = 1). A
 * retracted source's figures stop counting from `now` (NULL: current UTC):
 * each of its cells falls back to the revision before it, unless another
 * live source stated that same figure (ingested it unchanged): then the
 * figure stands. Nothing is deleted, and reports --as-of an earlier date
 * still see them. A retracted file may be ingested again (a new source).
 * Errors: TF_ERR_NOT_FOUND (no such source), TF_ERR_USAGE (restore of a
 * source whose file was ingested again with the same options and counts),
 * TF_ERR_DB.
 */
TF_API tf_status tf_db_retract(tf_db *db, long long source_id, int restore, const char *now);

/* Call fn for each source in id order. Returns TF_OK or TF_ERR_DB. */
TF_API tf_status tf_db_sources(tf_db *db, void (*fn)(void *ctx, const tf_source_info *s),
                               void *ctx);

/* A stored revision of a cell, as returned by queries. */
typedef struct tf_revision {
    tf_record rec;
    long long id;             /* row id; larger = newer */
    long long source_id;
    char ingested_at[32];
    char vintage[11];         /* its source's vintage, YYYY-MM-DD */
    int current;              /* 1 when current (as of the query's as-of): the latest
                                 vintage, then the latest ingest */
} tf_revision;

/* A selection of cells: commodity prefixes, period range, flow. */
typedef struct tf_selection {
    const char *classification;   /* "HS" */
    const char *const *codes;     /* commodity prefixes */
    size_t n_codes;
    const char *reporter;         /* "CHN" */
    const char *period_from;      /* inclusive, "YYYY-MM" or "YYYY" */
    const char *period_to;        /* inclusive */
    tf_flow flow;                 /* TF_FLOW_NONE = all */
    const char *as_of;            /* NULL = now; else "YYYY-MM-DD[THH:MM:SSZ]" */
    int all_revisions;            /* 1: every revision (history); 0: current only */
    const char *currency;         /* "CNY"/"USD": rows in it and rows without a value
                                     only; NULL = all. Applied by tf_query_select
                                     (query.h); tf_db_select ignores it */
} tf_selection;

/*
 * Call fn for every matching revision, ordered by cell then ingest. With
 * all_revisions == 0 only the revision current at as_of is returned (the
 * latest vintage, then the latest ingest, of the sources visible then).
 * Returns TF_OK, TF_ERR_USAGE (bad as_of), or TF_ERR_DB.
 */
TF_API tf_status tf_db_select(tf_db *db, const tf_selection *sel,
                              tf_status (*fn)(void *ctx, const tf_revision *rev),
                              void *ctx);

/*
 * A daily import-window series of a product for dates from..to
 * ("YYYY-MM-DD", inclusive): kind "published" (series "spot", "forward",
 * "basis", CNY/t) or "price" (the inputs, series as in tf_window_point):
 * fn is called once per day with a figure, in date order, with the newest
 * revision ingested up to as_of (NULL: now). Days without a figure are
 * absent (gaps). Returns TF_OK, TF_ERR_USAGE (bad as_of), TF_ERR_DB.
 */
TF_API tf_status tf_db_window_points(tf_db *db, const char *product, const char *kind,
                                     const char *series, const char *from, const char *to,
                                     const char *as_of,
                                     tf_status (*fn)(void *ctx, const char *date, double value),
                                     void *ctx);

/*
 * A batch of computations over the periods from..to ("YYYY-MM" or "YYYY",
 * from <= to): the reports of several months of a product, a sweep. Until
 * tf_db_batch_end, every selection (tf_db_select, tf_db_currency_rows, and
 * the reports, series and notes built on them) whose periods lie within
 * from..to reads the store once over the whole range and is answered from
 * memory afterwards, filtered by period: a product's 12 monthly reports read
 * its rows once instead of 12 times. The results are those of reading the
 * store each time (src/store/batch.c says why). The batch is one read
 * transaction: every computation sees the same state of the store, and
 * nothing may be ingested or retracted through the handle until the end.
 * Memory: ~1 KB per revision kept; past 256 MiB, selections read the store
 * again. Errors: TF_ERR_USAGE (bad range, a batch already open), TF_ERR_NOMEM.
 */
TF_API tf_status tf_db_batch_begin(tf_db *db, const char *from, const char *to);
/* End the batch begun on db (nothing when none): frees what it kept. */
TF_API void tf_db_batch_end(tf_db *db);

/*
 * The currencies of the stored records under sel's classification, codes
 * (prefixes), reporter and period range, with their record counts (every
 * revision): fn once per currency, in name order, per code. Used to choose a
 * report's currency (the one with most records). Returns TF_OK or TF_ERR_DB.
 */
TF_API tf_status tf_db_currency_rows(tf_db *db, const tf_selection *sel,
                                     void (*fn)(void *ctx, const char *currency, long long rows),
                                     void *ctx);

/* Copy into buf the name a file gave to an unmapped partner code
 * ("GACC:nnn"). Returns 1 when found, 0 otherwise (buf then ""). */
TF_API int tf_db_partner_name(tf_db *db, const char *partner, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
