/* The store's interface to the library's other modules (not installed), and
 * what store.c (schema, queries) and ingest.c (ingest) share: the database
 * handle and helpers. */
#ifndef TF_STORE_INT_H
#define TF_STORE_INT_H

#include <sqlite3.h>

#include "tradeflow/store.h"
#include "bulk.h"

#define TF_BUSY_WAIT_MS 300000 /* wait up to 5 minutes for another writer */
/* The PostgreSQL backend's tables are schema 6's (text dimensions; pg_schema.c). */
#define TF_PG_SCHEMA_VERSION 6

/* The handle's cached statements (store.c) */
enum { ST_SELECT = 0, /* 2 variants: flow given (+1) */
       ST_NEXT_CODE = 2, ST_CCY, ST_BEGIN, ST_COMMIT, ST_WINDOW, ST_SOURCES, ST_STATED,
       ST_CCY_PERIOD, ST_DATA_VERSION, ST_WINDOW_HELD, ST_N };

/* A batch's kept selections (batch.c, tf_db_batch_begin). */
typedef struct tf_store_batch tf_store_batch;

/* ---- the dimension dictionaries of schema 7 (dict.c) ---- */

/* The dimensions of `dim_value` (its `dim` column; `dimension` names them).
 * DIM_COMMODITY is the `commodity` table, its codes scoped by classification. */
enum { DIM_COMMODITY = 0, DIM_CLASSIFICATION = 1, DIM_REPORTER, DIM_PARTNER, DIM_BASIS,
       DIM_MODE, DIM_PROVINCE, DIM_CURRENCY, DIM_UNIT, DIM_N };

/* One dimension's values by id (v[0] = ""), each with its rank in text order
 * (0 for "", then 1, 2, ...; 0 for a value added by this process's ingest). */
typedef struct dim_list {
    char **v;
    unsigned *rank;
    size_t *len;     /* strlen(v[i]) */
    size_t n, cap;
} dim_list;

typedef struct dict_map {
    char **key;
    long long *val;
    size_t cap, n;
} dict_map;

/* The dictionaries as loaded from a store: decoding (id -> text, rank) and
 * coding ((dimension, text) -> id; commodities too when loaded for an ingest). */
/* The value an ingest coded last in a dimension (-1: none). */
typedef struct dict_last {
    long long id, scope;
    char text[64];
} dict_last;

typedef struct tf_dicts {
    dim_list dim[DIM_N];
    dict_map map;
    dict_last last[DIM_N];
    sqlite3_stmt *ins_value, *ins_commodity; /* an ingest's inserts */
} tf_dicts;

/* Load the dictionaries (with commodities: an ingest's coding). An SQLite
 * result code; *out NULL on failure. */
int tf_store_dicts_load(tf_db *d, int commodities, tf_dicts **out);
/* Before an ingest writes: an id that rows of `cell` hold but `dim_value` or
 * `commodity` lacks (a row deleted outside tradeflow; a later value could be
 * given that id). Found where cheap: a gap in a dimension's dense ids 1..n-1,
 * a classification or commodity id above the table's (the cell key's leading
 * columns). msg gets "table cell holds partner id 2, which table dim_value
 * (dimension 3) lacks", or "" when none; an SQLite result code. */
int tf_store_dicts_check(tf_db *d, const tf_dicts *t, char *msg, size_t len);
/* At an ingest's end: each dimension's highest id as `counter` rows
 * "dim_value.N", so that a latest value deleted later is found by
 * tf_store_dicts_check. An SQLite result code. */
int tf_store_dicts_mark(tf_db *d, const tf_dicts *t);
void tf_store_dicts_free(tf_dicts **t);
/* The handle's dictionaries dropped (an ingest through it has added values). */
void tf_store_dicts_changed(tf_db *d);
/* The text of id in dim, NULL when not loaded (a value added since). */
const char *tf_store_dict_text(const tf_dicts *t, int dim, long long id);
/* The text of id in dim copied into dst (len bytes, as tf_scopy copies): 0,
 * or -1 when not loaded. */
int tf_store_dict_copy(const tf_dicts *t, int dim, long long id, char *dst, size_t len);
/* The rank of id in dim's text order (0 when not known). */
unsigned tf_store_dict_rank(const tf_dicts *t, int dim, long long id);
/* The id of text in dim (scope: the classification id of a commodity), 0 for
 * "" (not a commodity), -1 when not stored. */
long long tf_store_dict_find(const tf_dicts *t, int dim, long long scope, const char *text);
/* The id of text, inserted into the dictionary in the caller's transaction
 * when new (*added = 1). An SQLite result code. */
int tf_store_dict_code(tf_db *d, tf_dicts *t, int dim, long long scope, const char *text,
                       long long *id, int *added);
/* A period's code, in the order of its text: YYYY, YYYY-MM or YYYY-MM..YYYY-MM
 * (one year) of years 1900..2999; -1 for anything else. */
long long tf_store_period_code(const char *p);
/* The text of a period code. */
void tf_store_period_text(long long code, char out[20]);
/* A record's status, CIF, FOB and provenance as the store's `extra` column:
 * 0 when all are the defaults (status reported, no CIF or FOB, provenance ""),
 * stored as NULL; else the length of "status US cif US fob US provenance" (US
 * the byte 31; status "" for reported, a figure absent as "") written to buf
 * (len >= 600). */
size_t tf_store_extra_encode(const tf_record *r, char *buf, size_t len);
/* Back into r's status, CIF, FOB and provenance (e NULL: the defaults). */
void tf_store_extra_decode(const char *e, tf_record *r);
/* A selection's period bound as a code, keeping text comparison: period >=
 * from (upper 0) or period <= to (upper 1). */
long long tf_store_period_bound(const char *p, int upper);

/* ---- the figures of schema 8: `cell`'s quantity, quantity2 and value ----
 *
 * A figure is a tf_milli (thousandths of its unit or currency). Stored, it is
 * 2 × its whole units when it is a whole number of units (the low bit 0), else
 * 2 × its thousandths + 1 (the low bit 1): 46,148 kg (46,148,000 thousandths,
 * four bytes in an SQLite record) is stored as 92,296 (three bytes), 0.5 kg
 * (500) as 1,001. Exact both ways for every figure of magnitude up to
 * TF_STORE_FIGURE_MAX thousandths (the readers store 0 .. TF_MAX_FIGURE; a
 * negative figure round-trips too). A missing figure is NULL, as before.
 * These two functions are the rule: every writer and reader of `cell` calls
 * them (the 7 -> 8 migration through the SQL function tf_figure_encode,
 * store.c); the `record` view, read by sqlite3 without tradeflow's functions,
 * decodes with FIGURE_SQL, the same rule in SQL (tested against these). */
#define TF_STORE_FIGURE_MAX ((INT64_MAX - 1) / 2)

static inline sqlite3_int64 tf_store_figure_encode(tf_milli v)
{
    return v % TF_MILLI == 0 ? v / TF_MILLI * 2 : v * 2 + 1;
}

/* The figure stored as s (any s: one never written decodes without overflow
 * trapping, wrapped modulo 2^64). */
static inline tf_milli tf_store_figure_decode(sqlite3_int64 s)
{
    return (s & 1) ? (s - 1) / 2 : (tf_milli)((unsigned long long)(s / 2) * TF_MILLI);
}

/* tf_store_figure_decode of the SQL expression x (NULL stays NULL). */
#define FIGURE_SQL(x) "(CASE WHEN (" x ") & 1 THEN ((" x ") - 1) / 2 ELSE (" x ") / 2 * 1000 END)"

struct tf_db {
    sqlite3 *db;         /* NULL on PostgreSQL */
    struct pg_conn *pg;  /* libpq's PGconn: a postgresql:// store (pg.c), else NULL */
    int pg_cursors;      /* selections open on it (a callback may select again) */
    int pg_wait_ms;      /* how long an ingest waits for another; 0 = TF_BUSY_WAIT_MS */
    char path[1024];     /* the file, or the connection string with its password masked */
    tf_error error;      /* the last failed call's (tradeflow/common.h) */
    sqlite3_stmt *partner_name;
    sqlite3_stmt *stmt[ST_N];
    size_t bulk_bytes;   /* memory of an ingest's sorted run; 0 = the default */
    int read_depth;      /* tf_store_read_begin calls not yet ended */
    int read_began;      /* 1: the outermost of them began a read transaction */
    tf_store_batch *batch; /* open batch (tf_db_batch_begin) or NULL */
    tf_dicts *dicts;     /* the dictionaries, loaded by the first selection */
    long long dicts_version; /* PRAGMA data_version when they were loaded */
    int dicts_checked;   /* 1: checked inside the read transaction read_began began */
    int hold_fd;         /* writer's shared flock on the file + 1 (store.c hold_file); 0 = none */
};

/* Set the memory of an ingest's sorted run (tests: 1 makes every record a
 * run of its own, so the merge across runs is exercised on small files). */
void tf_store_set_bulk_bytes(tf_db *d, size_t bytes);
/* Set how long an ingest on a server waits for another (tests: a short wait). */
void tf_store_set_pg_wait_ms(tf_db *d, int ms);

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
/* 0 when the store holds no window point of product at all (the report's
 * import window then has nothing to compute), 1 when it holds some or
 * cannot tell (PostgreSQL, an error: the points are read as before). */
int tf_store_window_held(tf_db *d, const char *product);
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
/* One computation's read of the store over from..to (tf_report_compute: the
 * report's months) as a batch that keeps each stored code's rows only
 * (tf_kept_code, below): the first selection or currency count of a code in
 * the range reads its rows, every later one of the same code (the report's
 * selection after its currency count) reads them from memory. No kept
 * selections, currency counts or memo (tf_store_batch_slot and
 * tf_store_batch_range answer as without a batch), and tf_db_batch_end
 * leaves it open. Inside its read transaction (tf_store_read_begin). 1 when
 * it began one (end it with tf_store_codes_end(d, 1)), 0 when a batch is open
 * already (the caller's, which keeps the codes too), the store is PostgreSQL,
 * the range is bad or memory ran out: the store is then read as without. */
int tf_store_codes_begin(tf_db *d, const char *from, const char *to);
void tf_store_codes_end(tf_db *d, int began);
/* A slot for a computation's own memo kept as long as the open batch (the
 * statistics keep the months they aggregated, stats.c), freed with free_fn
 * when the batch ends: *slot is NULL at first. NULL when no batch is open. */
void **tf_store_batch_slot(tf_db *d, void (*free_fn)(void *));
/* The open batch's period range (tf_db_batch_begin): 1 with *from and *to set,
 * 0 when no batch is open. */
int tf_store_batch_range(tf_db *d, const char **from, const char **to);
/* The key of a selection (sel_key, batch.c), its period range left out:
 * every other field that decides what tf_db_select returns, then tail (a
 * caller's own terms: the statistics add the currency and first month of a
 * collection). NULL when out of memory; the caller frees it. */
char *tf_store_sel_key(const tf_selection *sel, const char *tail);

/* One row of a statement's result kept in memory: each column's SQLite type
 * and value, read back as sqlite3_column_* would (tf_store_col_*). */
#define TF_KEPT_COLS 24
typedef struct tf_kept_row {
    int n;
    unsigned char type[TF_KEPT_COLS]; /* SQLITE_INTEGER, _FLOAT, _TEXT, _NULL */
    union {
        long long i;
        double f;
        char *t;                      /* _TEXT: its own copy */
    } v[TF_KEPT_COLS];
} tf_kept_row;
/* A stored code's rows over the open batch's range (every flow and revision,
 * in the clustered key's order), read once by the first selection or
 * currency count of the code (store.c); later ones over a sub-range read
 * them from memory, filtering by period and flow as the statement does. */
typedef struct tf_kept_code {
    long long cls, reporter, code;
    tf_kept_row *v;
    size_t n;
} tf_kept_code;
/* The open batch's range as period codes (tf_store_period_bound): 1 with
 * *from and *to set, 0 when no batch is open or it reads PostgreSQL. */
int tf_store_batch_codes(tf_db *d, long long *from, long long *to);
/* The kept rows of (cls, reporter, code), NULL when not kept. */
const tf_kept_code *tf_store_batch_code(tf_db *d, long long cls, long long reporter,
                                        long long code);
/* Keep k (its rows taken over: the caller's k is emptied either way): 1 kept,
 * 0 when the batch holds its 256 MiB already or memory ran out (k's rows
 * then freed). */
int tf_store_batch_keep_code(tf_db *d, tf_kept_code *k);
/* Free the texts of rows[0..n) and rows. */
void tf_store_kept_rows_free(tf_kept_row *rows, size_t n);

/* "YYYY-MM-DD" -> end of that day; "YYYY-MM-DDTHH:MM:SSZ" as is. 1 when valid. */
int tf_store_as_of_bound(const char *as_of, char out[32]);

/* The revisions of one cell, in ingest order; `best` is the current one: the
 * latest vintage, then the latest ingest. Without all_revisions only the
 * best so far is kept. */
typedef struct rev_group {
    tf_revision *v;
    size_t n, cap, best;
} rev_group;

/* What a selection needs of each source, by id: loaded once a selection. */
typedef struct source_seen {
    char ingested_at[32];
    char vintage[11];
    char retracted_at[32];   /* "" when live */
} source_seen;

typedef struct source_cache {
    source_seen *v;
    long long n;             /* ids 0..n-1 */
} source_cache;

/* One tf_db_select in progress (store.c; rows read by either backend). */
/* A stored code's rows of one period and flow, put in the text order of
 * their dimensions before they are grouped (store.c: ids are not in text
 * order). */
typedef struct select_block select_block;

typedef struct select_run {
    const tf_selection *sel;
    const char *bound;        /* "" = now */
    source_cache src;         /* loaded at the first stored code */
    rev_group grp;
    tf_status (*fn)(void *ctx, const tf_revision *rev);
    void *ctx;
    select_block *blk;        /* SQLite: the rows being ordered (store.c) */
} select_run;

/* A source into the cache; the first call (the largest id: sources come by id
 * descending) sizes it. TF_OK or TF_ERR_NOMEM. */
tf_status tf_store_cache_source(source_cache *c, long long id, const char *ingested_at,
                                const char *vintage, const char *retracted_at);
/* A revision read in cell-key order (its ingest time and vintage are set
 * here from the cache): counted if visible at the as-of time, grouped by
 * cell, the group's current revision (or all) passed to x->fn. */
tf_status tf_store_select_rev(tf_db *d, select_run *x, tf_revision *cur);
/* The last cell's group passed on; TF_OK or the callback's status. */
tf_status tf_store_select_end(select_run *x);
/* The text just above every code starting with prefix ("" -> above all). */
void tf_store_prefix_end(const char *prefix, char hi[32]);

/* ---- the ingest's parts both backends use (ingest.c) ---- */

/* Memory for one sorted run of a file's records (packed, about 110 bytes a
 * record: some 600,000 records). A larger file is sorted in several runs
 * written to temporary files, merged into one stream as they are read back. */
#define TF_BULK_BYTES ((size_t)64 << 20)

/* What the standing revision of a cell says of a new record (the revision
 * rule of both backends, tf_store_standing): */
enum standing { CELL_NEW, CELL_SAME, CELL_CHANGED, CELL_OLDER };

/* The rule: r states cur's figures (quantities, units, value, currency,
 * status, CIF, FOB) unchanged: CELL_SAME; else, when cur_vintage (the
 * standing revision's source vintage, NULL or "" when not known to be
 * later) is later than vintage (r's file's): CELL_OLDER (kept as history);
 * else CELL_CHANGED (the new current revision). include/tradeflow/store.h. */
int tf_store_standing(const tf_record *r, const tf_record *cur, const char *cur_vintage,
                      const char *vintage);

/* SHA-256 of a regular file, then rewind; 0 when not seekable. */
int tf_store_prehash(FILE *in, char hex[65]);

/* A file's records read into the bulk buffer, then passed in cell-key order
 * to fn; a cell given twice is an input error (file:line) before fn sees
 * anything past it. */
typedef struct tf_cells {
    tf_bulk *bulk;
    const char *name;
    int sink_failed;         /* the error came from buffering, not from reading */
    tf_status (*fn)(void *ctx, const tf_record *r, tf_diag *diag);
    void *ctx;
} tf_cells;
/* tf_read's sink for c (a tf_cells). */
tf_status tf_store_cells_sink(void *ctx, const tf_record *r, tf_diag *diag);
/* Read in (tf_read with ro) into c->bulk. A reading error keeps precedence
 * over nothing but a repeated cell at an earlier line (then TF_ERR_INPUT at
 * that line). Errors as tf_db_ingest's, in diag. */
tf_status tf_store_read_cells(tf_cells *c, FILE *in, const tf_read_opts *ro,
                             const tf_refdata *ref, tf_diag *diag, tf_ingest_result *res);
/* The file (sha, options) was ingested before as a live source: 1, with
 * res filled as an "already ingested" result; 0 when not; -1 on a database
 * error (recorded on d). Both backends. */
int tf_store_seen_before(tf_db *d, const char *sha, const char *options, tf_ingest_result *res);
/* What to check after a SQLite error on db, from its code: the permissions of the
 * file and its folder (read-only, cannot open), the disk (full, I/O), else "". */
const char *tf_store_sqlite_hint(sqlite3 *db);
/* d->error set to "PATH: SQLite's message (what to check)"; returns TF_ERR_DB. */
tf_status tf_store_sqlite_error(tf_db *d);
/* The counter row 'record' (the last revision id given) below held, an id
 * stored revisions have (set back outside tradeflow): sets e, TF_ERR_DB. The
 * ingests check it from `source`'s counts (ingest.c next_record_id). */
tf_status tf_store_counter_error(tf_error *e, const char *path, long long counter,
                                 long long held);
/* An ingest's time stamp (now, else the clock; UTC) and its vintage day
 * (YYYY-MM-DD: the --vintage given, else the stamp's day). Both backends. */
void tf_store_ingest_time(const char *now, const char *vintage, char stamp[32], char day[11]);
/* Then each cell of c->bulk, in key order, to c->fn; a cell given twice is
 * TF_ERR_INPUT (file:line in diag) after the pass. */
tf_status tf_store_each_cell(tf_cells *c, tf_diag *diag);

/* ---- the PostgreSQL backend (pg.c, pg_ingest.c) ---- */

/* 1 when path is a postgresql:// or postgres:// connection string. */
int tf_pg_is_url(const char *path);
/* Connect, and create the schema on an empty database (TF_DB_CREATE). */
tf_status tf_pg_open(tf_db *d, const char *conninfo, tf_open_mode mode);
void tf_pg_close(tf_db *d);
/* tf_db_discard_if_empty on a server: the empty store's tables dropped. */
int tf_pg_discard_if_empty(const char *conninfo);
/* The live source of (sha, options): 1 with *id, 0 none, -1 error (set). */
int tf_pg_find_source(tf_db *d, const char *sha, const char *options, long long *id);
/* Whether another source live at `at` stated revision id: 1, 0, -1 (error set). */
int tf_pg_stated_live(tf_db *d, long long id, const char *at);
/* The selection's rows under each code prefix, through tf_store_select_rev. */
tf_status tf_pg_select(tf_db *d, select_run *x, const char *cls, const char *const *codes,
                       size_t n_codes);
/* tf_db_ingest on PostgreSQL (pg_ingest.c); options as ingest.c makes them. */
tf_status tf_pg_ingest(tf_db *d, FILE *in, const char *name, const tf_read_opts *opts,
                       const tf_refdata *ref, const char *now, tf_diag *diag,
                       tf_ingest_result *res, const char *options);
tf_status tf_pg_sources(tf_db *d, void (*fn)(void *ctx, const tf_source_info *s), void *ctx);
tf_status tf_pg_retract(tf_db *d, long long source_id, int restore, const char *stamp);
tf_status tf_pg_currency_rows(tf_db *d, const tf_selection *sel,
                              void (*fn)(void *ctx, const char *currency, long long rows),
                              void *ctx);
int tf_pg_partner_name(tf_db *d, const char *partner, char *buf, size_t len);
tf_status tf_pg_window_points(tf_db *d, const char *product, const char *kind,
                              const char *series, const char *from, const char *to,
                              const char *bound,
                              tf_status (*fn)(void *ctx, const char *date, double value),
                              void *ctx);

#endif
