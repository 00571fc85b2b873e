/* The store: one transaction per file, idempotent ingest, revisions, as-of,
 * foreign and newer databases. */
#include "testutil.h"
#include <math.h>
#include <sqlite3.h>

#include <libpq-fe.h>

#include "store/bulk.h"
#include "store/store_int.h" /* tf_store_set_bulk_bytes */

/* TF_TEST_PG: a PostgreSQL URL (a server of scripts/pg-server): the tests run
 * on that database, emptied before each; tests of the SQLite file itself
 * (foreign files, migrations, removing the file) are skipped there. */
static const char *pg_url(void)
{
    const char *u = getenv("TF_TEST_PG");
    return u && *u ? u : NULL;
}

static const char *store_path(const char *name)
{
    const char *u = pg_url();
    if (!u)
        return tt_db_path(name);
    PGconn *c = PQconnectdb(u);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SET client_min_messages = warning;"
                             "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(c);
    return u;
}

#define SQLITE_FILE_ONLY()                                                                   \
    do {                                                                                     \
        if (pg_url())                                                                        \
            skip();                                                                          \
    } while (0)

static const char *const AL[] = {"760110"};

static double import_t(tf_db *db, tf_refdata *ref, const char *period, const char *as_of)
{
    tf_query q = {0};
    q.codes = AL;
    q.n_codes = 1;
    q.period = period;
    q.as_of = as_of;
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    double v = r->import.quantity.has ? r->import.quantity.v : -1;
    tf_report_free(&r);
    return v;
}

static long long count(const char *path, const char *sql)
{
    if (pg_url()) {
        PGconn *c = PQconnectdb(path);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        PGresult *r = PQexec(c, sql);
        assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
        long long n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        PQfinish(c);
        return n;
    }
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return n;
}

static const char V1[] = "period,flow,partner,commodity,quantity,unit,status\n"
                         "2025-04,import,WLD,760110,250500,t,reported\n"
                         "2025-04,import,RUS,760110,227000,t,reported\n";
/* a later release revises the world figure and adds a partner */
static const char V2[] = "period,flow,partner,commodity,quantity,unit,status\n"
                         "2025-04,import,WLD,760110,251000,t,reported\n"
                         "2025-04,import,RUS,760110,227000,t,reported\n"
                         "2025-04,import,IND,760110,3000,t,reported\n";

static void test_idempotent_and_revisions(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("rev");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res, NULL), TF_OK);
    assert_int_equal(res.added, 2);
    /* the same file again: nothing added, and it says so */
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-21T08:00:00Z", &res, NULL), TF_OK);
    assert_true(res.already);
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 1);
    /* the revision: one changed, one unchanged, one new */
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res, NULL), TF_OK);
    assert_int_equal(res.revised, 1);
    assert_int_equal(res.unchanged, 1);
    assert_int_equal(res.added, 1);
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 4); /* old WLD figure kept */
    /* reports use the newest; --as-of before the revision gives the old figure */
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    assert_near(import_t(db, ref, "2025-04", "2025-06-01"), 250500, 1e-9);
    assert_near(import_t(db, ref, "2025-04", "2025-06-20T08:00:00Z"), 251000, 1e-9);
    /* before anything was ingested: no data */
    assert_near(import_t(db, ref, "2025-04", "2025-01-01"), -1, 1e-9);
    /* retracting the revision brings the earlier figure back; restoring undoes it */
    assert_int_equal(tf_db_retract(db, res.source_id, 0, "2025-07-01T00:00:00Z"), TF_OK);
    assert_near(import_t(db, ref, "2025-04", NULL), 250500, 1e-9);
    assert_near(import_t(db, ref, "2025-04", "2025-06-30"), 251000, 1e-9); /* before retraction */
    /* a retracted file can be ingested again: a new source, its changed figure
     * revised again (250500 -> 251000), while the retracted source cannot be
     * restored beside it */
    long long retracted = res.source_id;
    assert_int_equal(tt_ingest_text(db, ref, "v2b.csv", V2 + 0, NULL, "2025-07-02T00:00:00Z",
                                    &res, NULL), TF_OK);
    assert_false(res.already);
    assert_int_equal(res.revised, 1);
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    assert_int_equal(tf_db_retract(db, retracted, 1, NULL), TF_ERR_USAGE);
    assert_int_equal(tf_db_retract(db, res.source_id, 0, "2025-07-03T00:00:00Z"), TF_OK);
    assert_int_equal(tf_db_retract(db, retracted, 1, NULL), TF_OK);
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    assert_int_equal(tf_db_retract(db, 999, 0, NULL), TF_ERR_NOT_FOUND);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

static void test_bad_row_rolls_back(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("rollback");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, NULL, &res, NULL), TF_OK);
    /* third data row (line 4) has month 13: nothing of the file goes in */
    const char bad[] = "period,flow,partner,commodity,quantity,unit\n"
                       "2025-05,import,WLD,760110,1,t\n"
                       "2025-05,import,RUS,760110,1,t\n"
                       "2025-13,import,IND,760110,1,t\n";
    tf_diag d;
    memset(&d, 0, sizeof d);
    assert_int_equal(tt_ingest_text(db, ref, "bad.csv", bad, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "bad.csv:4:1: bad period '2025-13'"));
    /* the database carries the reader's error whole (common.h): status and place */
    const tf_error *e = tf_db_error(db);
    assert_int_equal(e->status, TF_ERR_INPUT);
    assert_string_equal(e->file, "bad.csv");
    assert_int_equal(e->line, 4);
    assert_int_equal(e->col, 1);
    assert_string_equal(e->msg, d.error.msg);
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 1);
    /* the same cell twice in one file is an error, not a silent overwrite */
    const char dup[] = "period,flow,partner,commodity,quantity,unit\n"
                       "2025-05,import,WLD,760110,1,t\n"
                       "2025-05,import,WLD,760110,2,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup.csv", dup, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup.csv:3:1: the same cell appears twice"));
    /* ... also when both copies equal a stored figure */
    const char dup2[] = "period,flow,partner,commodity,quantity,unit,status\n"
                        "2025-04,import,WLD,760110,250500,t,reported\n"
                        "2025-04,import,WLD,760110,250500,t,reported\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup2.csv", dup2, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup2.csv:3:1: the same cell appears twice"));
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    /* new partners, units and a new code coded before the repeat is found (after
     * the pass): rolled back with the file, the dictionaries keep V1's values
     * only (partners WLD and RUS; HS code 760110; unit kg) */
    const char dup3[] = "period,flow,partner,commodity,quantity,unit,quantity2,unit2\n"
                        "2025-05,import,KAZ,76012000,1,t,5,pieces\n"
                        "2025-05,import,AUS,76012000,2,t,,\n"
                        "2025-05,import,KAZ,76012000,3,t,,\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup3.csv", dup3, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup3.csv:4:1: the same cell appears twice"));
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    if (!pg_url()) { /* the SQLite store's dictionaries (PostgreSQL keeps text) */
        assert_int_equal(count(path, "SELECT count(*) FROM dim_value WHERE dim = 3"), 2);
        assert_int_equal(count(path, "SELECT count(*) FROM dim_value WHERE dim = 8"), 1);
        assert_int_equal(count(path, "SELECT count(*) FROM commodity"), 1);
    }
    /* header only: nothing ingested, not an error */
    assert_int_equal(tt_ingest_text(db, ref, "h.csv", "period,flow,partner,commodity,quantity,unit\n",
                                    NULL, NULL, &res, NULL), TF_OK);
    assert_true(res.empty);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 1);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

static void test_foreign_and_newer_db(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    tf_error err = {0};
    tf_db *db = NULL;
    /* a text file */
    const char *path = store_path("text");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("this is not a database, just text long enough to look like a header block.\n", f);
    fclose(f);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, &err), TF_ERR_NOT_TF_DB);
    assert_null(db);
    assert_non_null(strstr(err.msg, "not a tradeflow database"));
    /* an SQLite file of another program */
    path = store_path("other");
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, &err), TF_ERR_NOT_TF_DB);
    /* a tradeflow database from a newer schema */
    path = store_path("newer");
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, &err), TF_ERR_DB_NEWER);
    assert_non_null(strstr(err.msg, "schema 99"));
    /* reading a database that does not exist does not create it */
    path = store_path("absent");
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, &err), TF_ERR_NOT_FOUND);
    assert_int_equal(err.status, TF_ERR_NOT_FOUND);
    assert_non_null(strstr(err.msg, "no such database"));
    struct stat sb;
    assert_int_not_equal(stat(path, &sb), 0);
    /* an empty file (e.g. from touch) becomes a new database */
    path = store_path("empty");
    f = fopen(path, "w");
    fclose(f);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, &err), TF_OK);
    tf_db_close(&db);
    tf_db_close(&db); /* harmless on NULL */
}

static tf_status count_rev(void *ctx, const tf_revision *v)
{
    int *n = ctx;
    n[0]++;
    n[1] += v->current;
    return TF_OK;
}

static void test_history_select(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(store_path("hist"), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res, NULL), TF_OK);
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res, NULL), TF_OK);
    tf_selection sel = {0};
    const char *const codes[] = {"7601", "760110", "76011090"}; /* overlapping: no row twice */
    sel.codes = codes;
    sel.n_codes = 3;
    sel.all_revisions = 1;
    int n[2] = {0, 0};
    assert_int_equal(tf_db_select(db, &sel, count_rev, n), TF_OK);
    assert_int_equal(n[0], 4); /* WLD twice, RUS, IND */
    assert_int_equal(n[1], 3); /* three cells, one current revision each */
    sel.as_of = "not-a-date";
    assert_int_equal(tf_db_select(db, &sel, count_rev, n), TF_ERR_USAGE);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Vintages: the revised release (vintage 2025-06-20, WLD 251000 t) ingested
 * before the original one (2025-05-20, 250500 t) stays current; the older
 * figure is history (res.older), visible with --as-of before the newer came;
 * a third file of the latest vintage revises again. */
static void test_vintage_order(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("vintage");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    tf_read_opts o = {0};
    o.vintage = "2025-06-20";
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, &o, "2025-07-01T00:00:00Z", &res,
                                    NULL), TF_OK);
    o.vintage = "2025-05-20";
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, &o, "2025-07-02T00:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(res.older, 1);   /* WLD: 250500 against the later 251000 */
    assert_int_equal(res.unchanged, 1); /* RUS 227000 in both */
    assert_int_equal(res.revised, 0);
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    assert_near(import_t(db, ref, "2025-04", "2025-07-01"), 251000, 1e-9);
    static const char v3[] = "period,flow,partner,commodity,quantity,unit,status\n"
                             "2025-04,import,WLD,760110,251500,t,reported\n";
    o.vintage = "2025-06-20"; /* same vintage, ingested later: wins */
    assert_int_equal(tt_ingest_text(db, ref, "v3.csv", v3, &o, "2025-07-03T00:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(res.revised, 1);
    assert_near(import_t(db, ref, "2025-04", NULL), 251500, 1e-9);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Make a database written by this version what schema 5 wrote: every
 * revision a row of the rowid table `record` with the 11-column index
 * record_cell, `stated` naming record(id). The DDL is schema 5's. */
static void downgrade_to_v5(const char *path)
{
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s,
                                  "BEGIN;"
                                  "CREATE TABLE record_v5(id INTEGER PRIMARY KEY,"
                                  " classification TEXT NOT NULL, commodity TEXT NOT NULL,"
                                  " period TEXT NOT NULL, flow INTEGER NOT NULL,"
                                  " reporter TEXT NOT NULL, partner TEXT NOT NULL,"
                                  " partner_basis TEXT NOT NULL, trade_mode TEXT NOT NULL,"
                                  " province TEXT NOT NULL, quantity INTEGER,"
                                  " unit TEXT NOT NULL, quantity2 INTEGER, unit2 TEXT NOT NULL,"
                                  " value INTEGER, currency TEXT NOT NULL, status TEXT NOT NULL,"
                                  " provenance TEXT NOT NULL,"
                                  " source_id INTEGER NOT NULL REFERENCES source(id),"
                                  " line INTEGER NOT NULL, cif INTEGER, fob INTEGER);"
                                  "INSERT INTO record_v5 SELECT * FROM record ORDER BY id;"
                                  "CREATE TABLE stated_v5(record_id INTEGER NOT NULL"
                                  " REFERENCES record(id), source_id INTEGER NOT NULL"
                                  " REFERENCES source(id), PRIMARY KEY(record_id, source_id))"
                                  " WITHOUT ROWID;"
                                  "INSERT INTO stated_v5 SELECT record_id, source_id FROM stated;"
                                  "DROP VIEW record; DROP TABLE cell; DROP TABLE counter;"
                                  "DROP TABLE dim_value; DROP TABLE dimension;"
                                  "DROP TABLE commodity;"
                                  "DROP TABLE stated;"
                                  "ALTER TABLE record_v5 RENAME TO record;"
                                  "ALTER TABLE stated_v5 RENAME TO stated;"
                                  "CREATE INDEX record_cell ON record(classification, commodity,"
                                  " period, flow, reporter, partner, partner_basis, trade_mode,"
                                  " province, currency, id);"
                                  "PRAGMA user_version = 5; COMMIT;",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
}

/* Make a database written by this version what schema 4 (the release before
 * retracted files could be ingested again) wrote: `source` unique on
 * (sha256, options) whether retracted or not, and no `stated` table. The DDL
 * is schema 4's, written out here so the fixture is generated by the test. */
static void downgrade_to_v4(const char *path)
{
    downgrade_to_v5(path);
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s,
                                  "BEGIN;"
                                  "CREATE TABLE source_v4(id INTEGER PRIMARY KEY,"
                                  " name TEXT NOT NULL, sha256 TEXT NOT NULL,"
                                  " format TEXT NOT NULL, options TEXT NOT NULL,"
                                  " rows INTEGER NOT NULL DEFAULT 0,"
                                  " added INTEGER NOT NULL DEFAULT 0,"
                                  " revised INTEGER NOT NULL DEFAULT 0,"
                                  " unchanged INTEGER NOT NULL DEFAULT 0,"
                                  " ingested_at TEXT NOT NULL, retracted_at TEXT,"
                                  " UNIQUE(sha256, options));"
                                  "INSERT INTO source_v4 SELECT id, name, sha256, format, options,"
                                  " rows, added, revised, unchanged, ingested_at, retracted_at"
                                  " FROM source;"
                                  "DROP TABLE stated; DROP TABLE source;"
                                  "ALTER TABLE source_v4 RENAME TO source;"
                                  "PRAGMA user_version = 4; COMMIT;",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
}

/* A database of schema 4 is migrated on open: its figures and sources kept,
 * and a retracted file can then be ingested again. */
static void test_migration_from_v4(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("v4");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(tf_db_retract(db, res.source_id, 0, "2025-05-21T08:00:00Z"), TF_OK);
    tf_db_close(&db);
    downgrade_to_v4(path);
    assert_int_equal(count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'stated'"), 0);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    assert_int_equal(count(path, "PRAGMA user_version"), TF_SCHEMA_VERSION);
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    assert_int_equal(count(path, "SELECT count(*) FROM source WHERE retracted_at IS NOT NULL"), 1);
    assert_near(import_t(db, ref, "2025-04", NULL), -1, 1e-9);              /* retracted */
    assert_near(import_t(db, ref, "2025-04", "2025-05-20"), 250500, 1e-9); /* before */
    /* the same file again: schema 4 refused it; now a new source with the figures */
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-22T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_false(res.already);
    assert_int_equal(res.added, 2);
    assert_near(import_t(db, ref, "2025-04", NULL), 250500, 1e-9);
    tf_db_close(&db);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 2);
    tf_refdata_free(&ref);
}

/* Schema 4 took the same cell in another currency for a revision (the CNY
 * download replaced the USD figure); after the migration the two are cells
 * of their own, both current, and a report reads one of them. */
static void test_migration_currency_cells(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("v4ccy");
    tf_db *db = NULL;
    static const char usd[] = "period,flow,partner,commodity,quantity,unit,value,currency\n"
                              "2025-04,import,WLD,760110,1000,t,2500000,USD\n";
    static const char cny[] = "period,flow,partner,commodity,quantity,unit,value,currency\n"
                              "2025-04,import,WLD,760110,1000,t,18000000,CNY\n";
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "usd.csv", usd, NULL, NULL, &res, NULL), TF_OK);
    assert_int_equal(tt_ingest_text(db, ref, "cny.csv", cny, NULL, NULL, &res, NULL), TF_OK);
    assert_int_equal(res.added, 1); /* a cell of its own, not a revision */
    tf_db_close(&db);
    downgrade_to_v4(path);
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, NULL), TF_OK);
    const char *codes[] = {"7601"};
    tf_selection sel = {0};
    sel.classification = "HS";
    sel.codes = codes;
    sel.n_codes = 1;
    int n[2] = {0, 0};
    assert_int_equal(tf_db_select(db, &sel, count_rev, n), TF_OK);
    assert_int_equal(n[1], 2); /* USD and CNY both current */
    /* 1000 t once, not 2000 t: the report reads one currency */
    assert_near(import_t(db, ref, "2025-04", NULL), 1000, 1e-9);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A database of schema 1 is migrated forward on open, its data kept. */
static void test_migration_from_v1(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("v1");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, NULL, &res, NULL), TF_OK);
    tf_db_close(&db);
    downgrade_to_v4(path);
    /* make it what schema 1 was: no window_point table, no retraction column */
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "DROP TABLE window_point; ALTER TABLE source DROP COLUMN "
                                     "retracted_at; ALTER TABLE record DROP COLUMN cif; "
                                     "ALTER TABLE record DROP COLUMN fob; PRAGMA user_version = 1",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(count(path, "PRAGMA user_version"), TF_SCHEMA_VERSION);
    assert_int_equal(count(path, "SELECT count(*) FROM window_point"), 0);
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 2);
    assert_int_equal(count(path, "SELECT count(*) FROM source WHERE retracted_at IS NULL"), 1);
    tf_refdata_free(&ref);
}

/* A database of schema 3 gains the CIF and FOB columns; old rows keep no value there,
 * and a Comtrade row ingested after the migration has both kept. */
static void test_migration_from_v3(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("v3");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, NULL, &res, NULL), TF_OK);
    tf_db_close(&db);
    downgrade_to_v4(path);
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "ALTER TABLE record DROP COLUMN cif; ALTER TABLE record "
                                     "DROP COLUMN fob; PRAGMA user_version = 3",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    assert_int_equal(count(path, "PRAGMA user_version"), TF_SCHEMA_VERSION);
    assert_int_equal(count(path, "SELECT count(*) FROM record WHERE cif IS NULL AND fob IS NULL"),
                     2);
    /* a US import valued both ways (CIF 110, FOB 100 USD; primary = CIF) */
    const char *ct = "Classification,Year,Period,Trade Flow Code,Reporter Code,Reporter ISO,"
                     "Partner Code,Partner ISO,Commodity Code,Trade Value (US$),"
                     "CIF Trade Value (US$),FOB Trade Value (US$)\n"
                     "H6,2022,2022,1,842,USA,156,CHN,7601,110,110,100\n";
    assert_int_equal(tt_ingest_text(db, ref, "ct.csv", ct, NULL, NULL, &res, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(count(path, "SELECT cif FROM record WHERE reporter = 'USA'"), 110000);
    assert_int_equal(count(path, "SELECT fob FROM record WHERE reporter = 'USA'"), 100000);
    assert_int_equal(count(path, "SELECT value FROM record WHERE reporter = 'USA'"), 110000);
    tf_refdata_free(&ref);
}

/* A new database another writer still holds open (an ingest waiting for the
 * first one's write lock, or on a server still reading its file) is not
 * removed when the first ingest fails and discards its empty store: the other
 * writer then ingests into it. (Before the fix the SQLite file was unlinked
 * under the open handle, "attempt to write a readonly database", and the
 * server's tables were dropped, "relation "source" does not exist".) */
static void test_discard_keeps_held_database(void **state)
{
    (void)state;
    const char *path = store_path("discard-held");
    struct stat sb;
    tf_db *first = NULL, *second = NULL;
    if (!pg_url())
        unlink(path);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &first, NULL), TF_OK);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &second, NULL), TF_OK);
    tf_db_close(&first);
    assert_int_equal(tf_db_discard_if_empty(path), 0);
    if (!pg_url())
        assert_int_equal(stat(path, &sb), 0);
    tf_refdata *ref = tt_ref();
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(second, ref, "one.csv",
                                    "period,flow,partner,commodity,quantity,unit\n"
                                    "2025-04,import,RUS,760110,5,t\n",
                                    NULL, "2025-06-01T00:00:00Z", &res, NULL), TF_OK);
    assert_int_equal(res.added, 1);
    tf_db_close(&second);
    /* nobody holds it now, and it has a source: kept */
    assert_int_equal(tf_db_discard_if_empty(path), 0);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 1);
    if (!pg_url())
        unlink(path);
    tf_refdata_free(&ref);
}

/* A database the run created and left without a source is removed (a failed
 * first ingest leaves no file); one holding a source is kept; a file that is
 * not a tradeflow database is never removed. */
static void test_discard_if_empty(void **state)
{
    (void)state;
    SQLITE_FILE_ONLY();
    const char *path = store_path("discard");
    struct stat sb;
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(tf_db_discard_if_empty(path), 1);
    assert_int_not_equal(stat(path, &sb), 0);
    tf_refdata *ref = tt_ref();
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "one.csv",
                                    "period,flow,partner,commodity,quantity,unit\n"
                                    "2025-04,import,RUS,760110,5,t\n",
                                    NULL, "2025-06-01T00:00:00Z", &res, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(tf_db_discard_if_empty(path), 0);
    assert_int_equal(stat(path, &sb), 0);
    unlink(path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("not a database\n", f);
    fclose(f);
    assert_int_equal(tf_db_discard_if_empty(path), 0);
    assert_int_equal(stat(path, &sb), 0);
    unlink(path);
    tf_refdata_free(&ref);
}

/* A file larger than the ingest's memory is merged in several sorted runs
 * (here one record a run): the figures, counts and every check are those of
 * a file merged at once. */
static void test_ingest_in_runs(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("runs");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_store_set_bulk_bytes(db, 1);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(res.added, 2);
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(res.revised, 1);   /* WLD 250500 -> 251000 */
    assert_int_equal(res.unchanged, 1); /* RUS 227000 */
    assert_int_equal(res.added, 1);     /* IND */
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    assert_near(import_t(db, ref, "2025-04", "2025-06-01"), 250500, 1e-9);
    tf_diag d;
    memset(&d, 0, sizeof d);
    /* a new cell repeated in a later run: the second copy's line, the first's */
    const char dup[] = "period,flow,partner,commodity,quantity,unit\n"
                       "2025-05,import,WLD,760110,1,t\n"
                       "2025-05,import,RUS,760110,1,t\n"
                       "2025-05,import,WLD,760110,2,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup.csv", dup, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup.csv:4:1: the same cell appears twice in this file "
                                  "(2025-05 import HS 760110 WLD; first at line 2)"));
    /* a stored cell stated unchanged, then changed by a later run of the same file */
    const char dup2[] = "period,flow,partner,commodity,quantity,unit\n"
                        "2025-04,import,RUS,760110,227000,t\n"
                        "2025-04,import,RUS,760110,1,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup2.csv", dup2, NULL, NULL, &res, &d),
                     TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup2.csv:3:1: the same cell appears twice"));
    /* ... and stated unchanged twice */
    const char dup3[] = "period,flow,partner,commodity,quantity,unit\n"
                        "2025-04,import,RUS,760110,227000,t\n"
                        "2025-04,import,RUS,760110,227000,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "dup3.csv", dup3, NULL, NULL, &res, &d),
                     TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "dup3.csv:3:1: the same cell appears twice"));
    /* nothing of the failed files went in: 2 + 2 revisions, 2 sources */
    assert_int_equal(count(path, "SELECT count(*) FROM record"), 4);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 2);
    assert_int_equal(count(path, "SELECT count(*) FROM stated"), 1);
    assert_near(import_t(db, ref, "2025-04", NULL), 251000, 1e-9);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A spilled run's records come back field for field (bulk.c's disk form: the
 * figures as zigzag varints, the text as it was): every record spilled on its
 * own, the extremes of a figure, absent figures, CIF and FOB, the longest
 * provenance, and the merge in key order then line. */
static void test_bulk_run_disk_form(void **state)
{
    (void)state;
    tf_bulk *b = tf_bulk_new(1); /* full after each record: one run a record */
    assert_non_null(b);
    static tf_record in[4];
    memset(in, 0, sizeof in);
    const tf_milli figs[4][5] = {{0, 0, 0, 0, 0},
                                 {-1, 1, -64, 63, 64},
                                 {INT64_MAX, INT64_MIN, 100000000000000000, -8192, 8191},
                                 {46148000, 500, 1001, 0, 0}};
    const unsigned flags[4] = {0, 31, 31, 5}; /* bit i: figure i present */
    const char *partner[4] = {"RUS", "AUS", "USA", "AUS"};
    for (int i = 0; i < 4; i++) {
        tf_record *r = &in[i];
        strcpy(r->classification, "HS");
        strcpy(r->commodity, "76011000");
        strcpy(r->period, i == 3 ? "2025-03" : "2025-04");
        strcpy(r->reporter, "CHN");
        strcpy(r->partner, partner[i]);
        strcpy(r->currency, "CNY");
        strcpy(r->unit, "kg");
        r->flow = i == 1 ? TF_FLOW_EXPORT : TF_FLOW_IMPORT;
        r->line = (unsigned long)(10 - i) * 1000003UL; /* varints of 3 and 4 bytes */
        r->has_quantity = flags[i] & 1, r->quantity = figs[i][0];
        r->has_quantity2 = !!(flags[i] & 2), r->quantity2 = figs[i][1];
        r->has_value = !!(flags[i] & 4), r->value = figs[i][2];
        r->has_cif = !!(flags[i] & 8), r->cif = figs[i][3];
        r->has_fob = !!(flags[i] & 16), r->fob = figs[i][4];
    }
    memset(in[2].provenance, 'p', sizeof in[2].provenance - 1);
    strcpy(in[2].status, "estimated");
    strcpy(in[2].unit2, "u");
    strcpy(in[0].partner_name, "name\x1f with a unit separator");
    for (int i = 0; i < 4; i++) {
        assert_int_equal(tf_bulk_add(b, &in[i]), 0);
        assert_int_equal(tf_bulk_full(b), 1);
        assert_int_equal(tf_bulk_spill(b), 0);
    }
    assert_int_equal(tf_bulk_spilled(b), 4);
    assert_int_equal(tf_bulk_merge_begin(b), 0);
    /* key order: 2025-03 (in[3]); then 2025-04's imports by partner, RUS (in[0]) and
     * USA (in[2]); then its export (in[1], AUS) */
    const int order[4] = {3, 0, 2, 1};
    const tf_record *r;
    unsigned long rep;
    for (int k = 0; k < 4; k++) {
        assert_int_equal(tf_bulk_next(b, &r, &rep), 1);
        const tf_record *e = &in[order[k]];
        assert_int_equal(rep, 0);
        assert_int_equal(r->line, e->line);
        assert_int_equal(r->flow, e->flow);
        assert_string_equal(r->partner, e->partner);
        assert_string_equal(r->period, e->period);
        assert_string_equal(r->provenance, e->provenance);
        assert_string_equal(r->partner_name, e->partner_name);
        assert_string_equal(r->status, e->status);
        assert_string_equal(r->unit2, e->unit2);
        assert_int_equal(r->has_quantity, e->has_quantity);
        assert_int_equal(r->has_quantity2, e->has_quantity2);
        assert_int_equal(r->has_value, e->has_value);
        assert_int_equal(r->has_cif, e->has_cif);
        assert_int_equal(r->has_fob, e->has_fob);
        /* an absent figure comes back as 0 */
        assert_true(r->quantity == (e->has_quantity ? e->quantity : 0));
        assert_true(r->quantity2 == (e->has_quantity2 ? e->quantity2 : 0));
        assert_true(r->value == (e->has_value ? e->value : 0));
        assert_true(r->cif == (e->has_cif ? e->cif : 0));
        assert_true(r->fob == (e->has_fob ? e->fob : 0));
    }
    assert_true(strlen(in[2].provenance) == 511);
    assert_int_equal(tf_bulk_next(b, &r, &rep), 0);
    tf_bulk_free(b);
}

/* Within one run the cells are sorted: a repeat is still named by its own
 * line and the first copy's, and one at an earlier line than a bad row is
 * the error reported, as when the file is read in order. */
static void test_sorted_run_errors(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("sortederr");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    tf_diag d;
    memset(&d, 0, sizeof d);
    /* RUS repeated at line 5, WLD at line 6: line 5 is the first repeat */
    const char two[] = "period,flow,partner,commodity,quantity,unit\n"
                       "2025-05,import,WLD,760110,1,t\n"
                       "2025-05,import,RUS,760110,1,t\n"
                       "2025-05,import,IND,760110,1,t\n"
                       "2025-05,import,RUS,760110,2,t\n"
                       "2025-05,import,WLD,760110,2,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "two.csv", two, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "two.csv:5:1: the same cell appears twice in this file "
                                  "(2025-05 import HS 760110 RUS; first at line 3)"));
    /* the repeat (line 3) comes before the bad month (line 4) */
    const char both[] = "period,flow,partner,commodity,quantity,unit\n"
                        "2025-05,import,WLD,760110,1,t\n"
                        "2025-05,import,WLD,760110,2,t\n"
                        "2025-13,import,IND,760110,1,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "both.csv", both, NULL, NULL, &res, &d),
                     TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "both.csv:3:1: the same cell appears twice"));
    /* the bad month (line 3) comes before the repeat (line 4): it is reported */
    const char bad[] = "period,flow,partner,commodity,quantity,unit\n"
                       "2025-05,import,WLD,760110,1,t\n"
                       "2025-13,import,IND,760110,1,t\n"
                       "2025-05,import,WLD,760110,2,t\n";
    assert_int_equal(tt_ingest_text(db, ref, "bad.csv", bad, NULL, NULL, &res, &d), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "bad.csv:3:1: bad period '2025-13'"));
    tf_db_close(&db);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 0);
    tf_refdata_free(&ref);
}

/* A selection's callback may select again from the same handle (the
 * statements of the handle's cache are then not reused while in use). */
typedef struct nested {
    tf_db *db;
    const tf_selection *sel;
    int outer, inner;
} nested;

static tf_status count_inner(void *ctx, const tf_revision *v)
{
    (void)v;
    ((nested *)ctx)->inner++;
    return TF_OK;
}

static tf_status select_again(void *ctx, const tf_revision *v)
{
    (void)v;
    nested *n = ctx;
    n->outer++;
    return tf_db_select(n->db, n->sel, count_inner, n);
}

static void test_nested_select(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = store_path("nested");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, NULL, &res, NULL), TF_OK);
    const char *codes[] = {"7601"};
    tf_selection sel = {0};
    sel.classification = "HS";
    sel.codes = codes;
    sel.n_codes = 1;
    nested n = {db, &sel, 0, 0};
    assert_int_equal(tf_db_select(db, &sel, select_again, &n), TF_OK);
    assert_int_equal(n.outer, 3); /* WLD, RUS, IND */
    assert_int_equal(n.inner, 9); /* the 3 cells once for each */
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A batch (tf_db_batch_begin): selections within its range read the store
 * once and are answered from memory; the answers equal those read directly.
 * F1 (ingested 2025-05-20): March WLD 100,000 t, RUS 60,000 t; April WLD
 * 250,500 t, RUS 227,000 t (USD); May WLD 90,000 t (CNY). F2 (2025-06-20)
 * revises April WLD to 251,000 t, restates RUS, adds IND 3,000 t (USD). */
static const char BF1[] = "period,flow,partner,commodity,quantity,unit,value,currency\n"
                          "2025-03,import,WLD,760110,100000,t,200000000,USD\n"
                          "2025-03,import,RUS,760110,60000,t,120000000,USD\n"
                          "2025-04,import,WLD,760110,250500,t,500000000,USD\n"
                          "2025-04,import,RUS,760110,227000,t,454000000,USD\n"
                          "2025-05,import,WLD,760110,90000,t,180000000,CNY\n";
static const char BF2[] = "period,flow,partner,commodity,quantity,unit,value,currency\n"
                          "2025-04,import,WLD,760110,251000,t,502000000,USD\n"
                          "2025-04,import,RUS,760110,227000,t,454000000,USD\n"
                          "2025-04,import,IND,760110,3000,t,6000000,USD\n";

typedef struct ccy_seen {
    char text[128];
} ccy_seen;

static void note_ccy(void *ctx, const char *currency, long long rows)
{
    ccy_seen *c = ctx;
    size_t n = strlen(c->text);
    snprintf(c->text + n, sizeof c->text - n, "%s=%lld;", currency, rows);
}

/* The figures a batch must reproduce: selections, currency counts, reports. */
static void batch_figures(tf_db *db, tf_refdata *ref, double t[4], int n[2], ccy_seen c[2])
{
    t[0] = import_t(db, ref, "2025-03", NULL);
    t[1] = import_t(db, ref, "2025-04", NULL);
    t[2] = import_t(db, ref, "2025-04", "2025-06-01");
    t[3] = import_t(db, ref, "2025-05", NULL);
    tf_selection sel = {0};
    sel.codes = AL;
    sel.n_codes = 1;
    sel.period_from = "2025-04";
    sel.period_to = "2025-04";
    sel.all_revisions = 1;
    n[0] = n[1] = 0;
    assert_int_equal(tf_db_select(db, &sel, count_rev, n), TF_OK);
    memset(c, 0, 2 * sizeof *c);
    sel.period_from = "2025-03";
    sel.period_to = "2025-05";
    assert_int_equal(tf_db_currency_rows(db, &sel, note_ccy, &c[0]), TF_OK);
    sel.period_from = sel.period_to = "2025-05";
    assert_int_equal(tf_db_currency_rows(db, &sel, note_ccy, &c[1]), TF_OK);
}

static void test_batch(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("batch"), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "f1.csv", BF1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(tt_ingest_text(db, ref, "f2.csv", BF2, NULL, "2025-06-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    double direct_t[4], batch_t[4];
    int direct_n[2], batch_n[2];
    ccy_seen direct_c[2], batch_c[2];
    batch_figures(db, ref, direct_t, direct_n, direct_c);
    assert_near(direct_t[0], 100000, 1e-9);
    assert_near(direct_t[1], 251000, 1e-9);
    assert_near(direct_t[2], 250500, 1e-9); /* as of before F2 */
    assert_int_equal(direct_n[0], 4);       /* April: WLD twice, RUS, IND */
    assert_int_equal(direct_n[1], 3);       /* three cells, one current each */
    /* cell rows, every revision: USD 4 of F1 + WLD and IND of F2 (RUS restated,
     * no new row); CNY the May row */
    assert_string_equal(direct_c[0].text, "CNY=1;USD=6;");
    assert_string_equal(direct_c[1].text, "CNY=1;");

    assert_int_equal(tf_db_batch_begin(db, "2025-05", "2025-01"), TF_ERR_USAGE);
    assert_int_equal(tf_db_batch_begin(db, "2024-01", "2025-12"), TF_OK);
    assert_int_equal(tf_db_batch_begin(db, "2024-01", "2025-12"), TF_ERR_USAGE);
    /* the first pass reads each selection through, the second reads and keeps
     * it, the third is answered from memory */
    for (int pass = 0; pass < 3; pass++) {
        batch_figures(db, ref, batch_t, batch_n, batch_c);
        for (int i = 0; i < 4; i++)
            assert_true(batch_t[i] == direct_t[i]);
        assert_int_equal(batch_n[0], direct_n[0]);
        assert_int_equal(batch_n[1], direct_n[1]);
        assert_string_equal(batch_c[0].text, direct_c[0].text);
        assert_string_equal(batch_c[1].text, direct_c[1].text);
    }
    /* a flow's selection answered from the code's kept rows: imports of March
     * to May, every revision: March WLD, RUS; April WLD of F1 and of F2, RUS
     * (restated by F2, no new row), IND; May WLD = 7, of which current 2 + 3
     * + 1 = 6 (April's WLD of F1 superseded); no exports */
    tf_selection fs = {0};
    fs.codes = AL;
    fs.n_codes = 1;
    fs.period_from = "2025-03";
    fs.period_to = "2025-05";
    fs.all_revisions = 1;
    int nf[2] = {0, 0}, nx[2] = {0, 0};
    fs.flow = TF_FLOW_IMPORT;
    assert_int_equal(tf_db_select(db, &fs, count_rev, nf), TF_OK);
    fs.flow = TF_FLOW_EXPORT;
    assert_int_equal(tf_db_select(db, &fs, count_rev, nx), TF_OK);
    assert_int_equal(nf[0], 7);
    assert_int_equal(nf[1], 6);
    assert_int_equal(nx[0], 0);
    /* a selection inside a kept one's callback, and one outside the range */
    tf_selection sel = {0};
    const char *codes[] = {"7601"};
    sel.codes = codes;
    sel.n_codes = 1;
    sel.period_from = sel.period_to = "2025-04";
    nested nn = {db, &sel, 0, 0};
    assert_int_equal(tf_db_select(db, &sel, select_again, &nn), TF_OK);
    assert_int_equal(nn.outer, 3);
    assert_int_equal(nn.inner, 9);
    int n[2] = {0, 0};
    sel.period_from = "2023-01";
    assert_int_equal(tf_db_select(db, &sel, count_rev, n), TF_OK);
    assert_int_equal(n[0], 5); /* read from the store: March WLD, RUS; April WLD, RUS, IND */
    tf_db_batch_end(db);
    tf_db_batch_end(db); /* none open: nothing */
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A connection string's password never shows: user:PASSWORD@ and
 * ?password= are masked, the rest kept; a file path is printed as is. */
static void test_mask_password(void **state)
{
    (void)state;
    char b[256];
    tf_db_mask("postgresql://ana:s3cr%40t@db.example:5432/trade?sslmode=require", b, sizeof b);
    assert_string_equal(b, "postgresql://ana:****@db.example:5432/trade?sslmode=require");
    tf_db_mask("postgres://db/trade?user=ana&password=s3cret&sslmode=verify-full", b, sizeof b);
    assert_string_equal(b, "postgres://db/trade?user=ana&password=****&sslmode=verify-full");
    tf_db_mask("postgresql://db/trade?password=s3cret&user=ana", b, sizeof b);
    assert_string_equal(b, "postgresql://db/trade?password=****&user=ana");
    tf_db_mask("postgresql://ana@db/trade", b, sizeof b);
    assert_string_equal(b, "postgresql://ana@db/trade");
    tf_db_mask("postgresql://ana:pw@", b, sizeof b);
    assert_string_equal(b, "postgresql://ana:****@");
    tf_db_mask("build/my:pw@x.db", b, sizeof b);
    assert_string_equal(b, "build/my:pw@x.db");
    tf_db_mask("postgresql://ana:secret@db/t", b, 20); /* truncated, never the password */
    assert_string_equal(b, "postgresql://ana:**");
}

/* Run sql on the test server as its owner. */
static void pg_admin(const char *sql)
{
    PGconn *c = PQconnectdb(pg_url());
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

/* The URL of the test server as another role, with a password (the test
 * server trusts local connections, so the password is only carried). */
static void url_as(const char *role, char *out, size_t len)
{
    const char *u = pg_url(), *at = strchr(u, '@'), *auth = strstr(u, "://") + 3;
    snprintf(out, len, "%.*s%s:s3cret-pw%s", (int)(auth - u), u, role, at);
}

/* The read-only role of docs/postgresql.md reports but cannot ingest: the
 * error says so (exit 4 in the CLI), the store is unchanged, and neither the
 * error nor the handle's name shows the password. */
static void test_pg_read_only_role(void **state)
{
    (void)state;
    if (!pg_url())
        skip();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("ro");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    tf_db_close(&db);
    pg_admin("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tf_test_reader')"
             " THEN CREATE ROLE tf_test_reader LOGIN; END IF; END $$;"
             "GRANT USAGE ON SCHEMA public TO tf_test_reader;"
             "GRANT SELECT ON ALL TABLES IN SCHEMA public TO tf_test_reader");
    char url[512];
    url_as("tf_test_reader", url, sizeof url);
    assert_int_equal(tf_db_open(url, TF_DB_CREATE, &db, NULL), TF_OK);
    assert_near(import_t(db, ref, "2025-04", NULL), 250500, 1e-9);
    tf_diag d;
    memset(&d, 0, sizeof d);
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res,
                                    &d), TF_ERR_DB);
    const tf_error *e = tf_db_error(db);
    assert_non_null(strstr(e->msg, "a read-only role can report but not ingest"));
    assert_non_null(strstr(e->msg, ":****@"));
    assert_null(strstr(e->msg, "s3cret-pw"));
    assert_int_equal(tf_db_retract(db, 1, 0, NULL), TF_ERR_DB);
    assert_null(strstr(tf_db_error(db)->msg, "s3cret-pw"));
    tf_db_close(&db);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 1);
    assert_int_equal(count(path, "SELECT count(*) FROM cell"), 2);
    /* a connection that fails names the server, never the password */
    tf_error err;
    char bad[512];
    snprintf(bad, sizeof bad, "postgresql://ana:s3cret-pw@127.0.0.1:1/none");
    assert_int_equal(tf_db_open(bad, TF_DB_READ, &db, &err), TF_ERR_DB);
    assert_non_null(strstr(err.msg, "postgresql://ana:****@127.0.0.1:1/none: cannot connect"));
    assert_null(strstr(err.msg, "s3cret-pw"));
    tf_refdata_free(&ref);
}

/* On a server: reading a database without a store says to ingest first and
 * creates nothing; a store of a newer schema is refused; a store left empty
 * by a failed first ingest is dropped, one with a source kept. */
static void test_pg_open_and_discard(void **state)
{
    (void)state;
    if (!pg_url())
        skip();
    const char *path = store_path("pgopen");
    tf_db *db = NULL;
    tf_error err;
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, &err), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(err.msg, "(ingest a file first)"));
    assert_int_equal(count(path, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(count(path, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 7);
    assert_int_equal(tf_db_discard_if_empty(path), 1);
    assert_int_equal(count(path, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
    tf_refdata *ref = tt_ref();
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, NULL, &res, NULL), TF_OK);
    tf_db_close(&db);
    assert_int_equal(tf_db_discard_if_empty(path), 0);
    pg_admin("UPDATE tradeflow_schema SET version = 99");
    assert_int_equal(tf_db_open(path, TF_DB_READ, &db, &err), TF_ERR_DB_NEWER);
    assert_non_null(strstr(err.msg, "schema 99"));
    tf_refdata_free(&ref);
}

/* Readers are never blocked: while another connection holds the store's
 * ingest lock inside an open transaction with a row of its own not yet
 * committed (an ingest under way), a report reads the committed figures at
 * once (WLD 250,500 t of V1, not the uncommitted 1 t). */
static void test_pg_reader_not_blocked(void **state)
{
    (void)state;
    if (!pg_url())
        skip();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("mvcc");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    PGconn *w = PQconnectdb(path);
    assert_int_equal(PQstatus(w), CONNECTION_OK);
    PGresult *r = PQexec(w, "BEGIN; SELECT pg_advisory_xact_lock(1413900407);"
                            "INSERT INTO source(id, name, sha256, format, options, ingested_at,"
                            " vintage) VALUES(2, 'w.csv', 'x', 'tfcsv', '', '2025-05-21T00:00:00Z',"
                            " '2025-05-21');"
                            "INSERT INTO cell SELECT classification, commodity, period, flow,"
                            " reporter, partner, partner_basis, trade_mode, province, currency,"
                            " 99, 1000, unit, quantity2, unit2, value, status, provenance, 2, line,"
                            " cif, fob FROM cell WHERE partner = 'WLD'");
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    assert_near(import_t(db, ref, "2025-04", NULL), 250500, 1e-9);
    PQclear(PQexec(w, "ROLLBACK"));
    PQfinish(w);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Ingests run one at a time: while another connection holds the store's
 * ingest lock, an ingest waits (here 300 ms instead of 300 s), then stops
 * with exit-4 status, says so, and leaves the store unchanged. */
static void test_pg_ingest_waits_its_turn(void **state)
{
    (void)state;
    if (!pg_url())
        skip();
    tf_refdata *ref = tt_ref();
    const char *path = store_path("lockwait");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "v1.csv", V1, NULL, "2025-05-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    PGconn *w = PQconnectdb(path);
    assert_int_equal(PQstatus(w), CONNECTION_OK);
    PGresult *r = PQexec(w, "BEGIN; SELECT pg_advisory_xact_lock(1413900407)");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    PQclear(r);
    tf_store_set_pg_wait_ms(db, 300);
    tf_diag d;
    memset(&d, 0, sizeof d);
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res,
                                    &d), TF_ERR_DB);
    assert_non_null(strstr(tf_db_error(db)->msg, "another ingest kept the store busy"));
    PQclear(PQexec(w, "ROLLBACK"));
    PQfinish(w);
    /* the lock released: the same file goes in */
    assert_int_equal(tt_ingest_text(db, ref, "v2.csv", V2, NULL, "2025-06-20T08:00:00Z", &res,
                                    NULL), TF_OK);
    assert_int_equal(res.revised, 1);
    assert_int_equal(count(path, "SELECT count(*) FROM source"), 2);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Schema 7's period codes (src/store/dict.c): ((year - 1900) * 13 + month) * 16,
 * month 0 for a year, plus last - first month for a cumulative range. Worked
 * by hand: 2025-04 = (125 * 13 + 4) * 16 = 1629 * 16 = 26064; 2025 = 1625 * 16
 * = 26000; 2025-01..2025-03 = 1626 * 16 + 2 = 26018; 1900-01 = 16; 2999-12 =
 * (1099 * 13 + 12) * 16 = 228784. The codes sort as the texts do, and decode
 * to the same text. */
static void test_period_codes(void **state)
{
    (void)state;
    assert_int_equal(tf_store_period_code("2025-04"), 26064);
    assert_int_equal(tf_store_period_code("2025"), 26000);
    assert_int_equal(tf_store_period_code("2025-01..2025-03"), 26018);
    assert_int_equal(tf_store_period_code("1900-01"), 16);
    assert_int_equal(tf_store_period_code("2999-12"), 228784);
    static const char *const bad[] = {"2025-13", "2025-00", "1899", "3000", "2025-3",
                                      "2025-03..2025-01", "2025-03..2026-04", "2025-03..2025-03",
                                      "", "abcd", "2025-04x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(tf_store_period_code(bad[i]), -1);
    /* in strcmp order */
    static const char *const sorted[] = {"1999-12", "2024", "2024-01", "2024-01..2024-02",
                                         "2024-01..2024-12", "2024-02", "2024-12", "2025",
                                         "2025-01"};
    for (size_t i = 0; i < sizeof sorted / sizeof sorted[0]; i++) {
        char text[20];
        tf_store_period_text(tf_store_period_code(sorted[i]), text);
        assert_string_equal(text, sorted[i]);
        if (i)
            assert_true(tf_store_period_code(sorted[i - 1]) < tf_store_period_code(sorted[i]));
    }
    /* a selection's defaults: "" below every period, "9999" above */
    assert_true(tf_store_period_bound("", 0) < 0);
    assert_true(tf_store_period_bound("9999", 1) > tf_store_period_code("2999-12"));
    assert_int_equal(tf_store_period_bound("2025-04", 1), 26064);
}

/* Schema 7's `extra` column: NULL (encode gives 0) when status is reported,
 * provenance empty and CIF and FOB absent; else status, CIF, FOB and
 * provenance separated by byte 31, the provenance last so that it may hold
 * any byte: "estimated" US "110000" US "" US "UN Comtrade; note\x1fx". */
static void test_extra_column(void **state)
{
    (void)state;
    tf_record r, back;
    tf_record_init(&r);
    char buf[600];
    assert_int_equal(tf_store_extra_encode(&r, buf, sizeof buf), 0);
    tf_record_init(&back);
    tf_store_extra_decode(NULL, &back);
    assert_string_equal(back.status, "reported");
    assert_false(back.has_cif || back.has_fob);
    memcpy(r.status, "estimated", 10);
    r.has_cif = 1;
    r.cif = 110000;
    snprintf(r.provenance, sizeof r.provenance, "%s", "UN Comtrade; note\x1fx");
    size_t n = tf_store_extra_encode(&r, buf, sizeof buf);
    assert_int_equal(n, strlen("estimated\x1f" "110000\x1f\x1fUN Comtrade; note\x1fx"));
    assert_string_equal(buf, "estimated\x1f" "110000\x1f\x1fUN Comtrade; note\x1fx");
    tf_store_extra_decode(buf, &back);
    assert_string_equal(back.status, "estimated");
    assert_true(back.has_cif);
    assert_int_equal(back.cif, 110000);
    assert_false(back.has_fob);
    assert_string_equal(back.provenance, "UN Comtrade; note\x1fx");
    /* a reported figure with a FOB only */
    tf_record_init(&r);
    r.has_fob = 1;
    r.fob = -5;
    n = tf_store_extra_encode(&r, buf, sizeof buf);
    assert_string_equal(buf, "\x1f\x1f-5\x1f");
    tf_store_extra_decode(buf, &back);
    assert_string_equal(back.status, "reported");
    assert_string_equal(back.provenance, "");
    assert_true(back.has_fob && back.fob == -5 && !back.has_cif);
}

/* Figures in `cell` (schema 8): 2 x whole units where exact, else 2 x
 * thousandths + 1; stored values worked out by hand. Each decodes back
 * exactly in C and through FIGURE_SQL (the record view's SQL), NULL too. */
static void test_figure_coding(void **state)
{
    (void)state;
    static const struct {
        tf_milli v;
        sqlite3_int64 stored;
    } cases[] = {
        {0, 0}, {1, 3}, {500, 1001}, {999, 1999}, {1000, 2}, {1001, 2003},
        {46148000, 92296},                   /* 46,148 kg: four bytes -> three */
        {-1, -1}, {-1000, -2}, {-1001, -2001},
        {TF_MAX_FIGURE, INT64_C(200000000000000)},
        {TF_MAX_FIGURE - 1, INT64_C(199999999999999999)},
        {TF_STORE_FIGURE_MAX, INT64_MAX},    /* 4,611,686,018,427,387,903: not whole */
        {-TF_STORE_FIGURE_MAX, -INT64_MAX + 2},
        {INT64_C(9223372036854775000), INT64_C(18446744073709550)},
    };
    sqlite3 *db;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT " FIGURE_SQL("?1"), -1, &s, NULL), SQLITE_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(tf_store_figure_encode(cases[i].v), cases[i].stored);
        assert_int_equal(tf_store_figure_decode(cases[i].stored), cases[i].v);
        sqlite3_bind_int64(s, 1, cases[i].stored);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int64(s, 0), cases[i].v);
        sqlite3_reset(s);
    }
    sqlite3_bind_null(s, 1);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(s, 0), SQLITE_NULL);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

static tf_status add_partner(void *ctx, const tf_revision *rev)
{
    char *list = ctx;
    size_t n = strlen(list);
    snprintf(list + n, 256 - n, "%s%s", n ? " " : "", rev->rec.partner);
    return TF_OK;
}

/* A handle that has read (and keeps the dictionaries) sees a value another
 * handle's ingest added since: IND, new in V2, gets dictionary id 3 after WLD
 * and RUS (V1's, in the order the ingest met them); the reading handle loads
 * the dictionaries again (another connection committed) and returns the
 * cells in the text order of their partners, as schema 6 did: IND RUS WLD. */
static void test_dictionary_seen_by_other_handle(void **state)
{
    (void)state;
    if (pg_url())
        skip(); /* the SQLite store's dictionaries */
    tf_refdata *ref = tt_ref();
    const char *path = store_path("dicts");
    tf_db *a = NULL, *b = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &b, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(b, ref, "v1.csv", V1, NULL, NULL, &res, NULL), TF_OK);
    assert_int_equal(tf_db_open(path, TF_DB_READ, &a, NULL), TF_OK);
    assert_near(import_t(a, ref, "2025-04", NULL), 250500, 1e-9);
    assert_int_equal(tt_ingest_text(b, ref, "v2.csv", V2, NULL, NULL, &res, NULL), TF_OK);
    assert_int_equal(count(path, "SELECT id FROM dim_value WHERE dim = 3 AND v = 'IND'"), 3);
    const char *codes[] = {"7601"};
    tf_selection sel = {0};
    sel.codes = codes;
    sel.n_codes = 1;
    sel.period_from = sel.period_to = "2025-04";
    char list[256] = "";
    assert_int_equal(tf_db_select(a, &sel, add_partner, list), TF_OK);
    assert_string_equal(list, "IND RUS WLD");
    assert_near(import_t(a, ref, "2025-04", NULL), 251000, 1e-9);
    tf_db_close(&a);
    tf_db_close(&b);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idempotent_and_revisions),
        cmocka_unit_test(test_bad_row_rolls_back),
        cmocka_unit_test(test_foreign_and_newer_db),
        cmocka_unit_test(test_history_select),
        cmocka_unit_test(test_migration_from_v1),
        cmocka_unit_test(test_migration_from_v3),
        cmocka_unit_test(test_migration_from_v4),
        cmocka_unit_test(test_migration_currency_cells),
        cmocka_unit_test(test_vintage_order),
        cmocka_unit_test(test_discard_if_empty),
        cmocka_unit_test(test_discard_keeps_held_database),
        cmocka_unit_test(test_ingest_in_runs),
        cmocka_unit_test(test_bulk_run_disk_form),
        cmocka_unit_test(test_sorted_run_errors),
        cmocka_unit_test(test_nested_select),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_period_codes),
        cmocka_unit_test(test_extra_column),
        cmocka_unit_test(test_figure_coding),
        cmocka_unit_test(test_dictionary_seen_by_other_handle),
        cmocka_unit_test(test_mask_password),
        cmocka_unit_test(test_pg_read_only_role),
        cmocka_unit_test(test_pg_open_and_discard),
        cmocka_unit_test(test_pg_reader_not_blocked),
        cmocka_unit_test(test_pg_ingest_waits_its_turn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
