/*
 * The store: SQLite schema, migrations, ingest with revisions, selections.
 *
 * Every revision of a cell is a row of `cell`, a table clustered by the cell
 * key (classification, commodity, period, flow, reporter, partner, basis,
 * trade mode, province, currency, id; each a small integer, dict.c) with the
 * figures inline: a report reads
 * a product's months as one contiguous range of the B-tree, and an ingest
 * (ingest.c) merges a file's sorted cells in the same order. Nothing is
 * updated or deleted, so older figures stay queryable; which revision is
 * current is decided when reading (the latest vintage, then ingest, of the
 * sources visible at the as-of time).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock(2) */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tradeflow/store.h"
#include "../common/util.h"

#include "store_int.h"

#define TF_APPLICATION_ID 0x54466c77 /* "TFlw" */

/* SQL of schema 7's coding (dict.c: the period code, a dimension's id, and
 * back to text), for the migration from schema 6 and the `record` view. */
#define PERIOD_CODE_SQL(p)                                                                    \
    "(CASE WHEN length(" p ") = 4 THEN (CAST(" p " AS INTEGER) - 1900) * 208 ELSE"            \
    " ((CAST(substr(" p ", 1, 4) AS INTEGER) - 1900) * 13 + CAST(substr(" p ", 6, 2) AS"      \
    " INTEGER)) * 16 + (CASE WHEN length(" p ") = 16 THEN CAST(substr(" p ", 15, 2) AS"       \
    " INTEGER) - CAST(substr(" p ", 6, 2) AS INTEGER) ELSE 0 END) END)"
#define DIM_ID_SQL(dim, col) \
    "ifnull((SELECT id FROM dim_value WHERE dim = " #dim " AND v = " col "), 0)"
#define PERIOD_TEXT_SQL(c)                                                                    \
    "(printf('%04d', " c " / 208 + 1900) || CASE WHEN " c " / 16 % 13 = 0 THEN '' ELSE"       \
    " printf('-%02d', " c " / 16 % 13) END || CASE WHEN " c " % 16 = 0 THEN '' ELSE"          \
    " printf('..%04d-%02d', " c " / 208 + 1900, " c " / 16 % 13 + " c " % 16) END)"
#define DIM_TEXT_SQL(dim, col) \
    "ifnull((SELECT v FROM dim_value WHERE dim = " #dim " AND id = " col "), '')"
/* `extra` (dict.c, tf_store_extra_encode): NULL, or status, CIF, FOB and
 * provenance separated by char(31), the provenance last; back to columns. */
#define EXTRA_SQL                                                                             \
    "(CASE WHEN c.status IS NULL AND c.provenance = '' AND c.cif IS NULL AND c.fob IS NULL"   \
    " THEN NULL ELSE ifnull(c.status, '') || char(31) || ifnull(c.cif, '') || char(31) ||"    \
    " ifnull(c.fob, '') || char(31) || c.provenance END)"
#define EXTRA_R1 "substr(c.extra, instr(c.extra, char(31)) + 1)"
#define EXTRA_R2 "substr(" EXTRA_R1 ", instr(" EXTRA_R1 ", char(31)) + 1)"
#define EXTRA_STATUS_SQL                                                                      \
    "(CASE WHEN c.extra IS NULL OR instr(c.extra, char(31)) = 1 THEN 'reported'"              \
    " ELSE substr(c.extra, 1, instr(c.extra, char(31)) - 1) END)"
#define EXTRA_CIF_SQL                                                                         \
    "CAST(nullif(substr(" EXTRA_R1 ", 1, instr(" EXTRA_R1 ", char(31)) - 1), '') AS INTEGER)"
#define EXTRA_FOB_SQL                                                                         \
    "CAST(nullif(substr(" EXTRA_R2 ", 1, instr(" EXTRA_R2 ", char(31)) - 1), '') AS INTEGER)"
#define EXTRA_PROVENANCE_SQL "ifnull(substr(" EXTRA_R2 ", instr(" EXTRA_R2 ", char(31)) + 1), '')"
/* `record`: the rows and columns of schema 5's table, decoded (schema 7: the
 * figures as stored; schema 8: FIGURE_SQL, store_int.h). */
#define RECORD_VIEW_V7 RECORD_VIEW("c.quantity", "c.quantity2", "c.value")
#define RECORD_VIEW_V8 \
    RECORD_VIEW(FIGURE_SQL("c.quantity"), FIGURE_SQL("c.quantity2"), FIGURE_SQL("c.value"))
#define RECORD_VIEW(q, q2, val)                                                               \
    "CREATE VIEW record AS SELECT c.id, " DIM_TEXT_SQL(1, "c.classification") " AS"           \
    " classification, k.code AS commodity, " PERIOD_TEXT_SQL("c.period") " AS period,"        \
    " c.flow, " DIM_TEXT_SQL(2, "c.reporter") " AS reporter, " DIM_TEXT_SQL(3, "c.partner")   \
    " AS partner, " DIM_TEXT_SQL(4, "c.partner_basis") " AS partner_basis, "                  \
    DIM_TEXT_SQL(5, "c.trade_mode") " AS trade_mode, " DIM_TEXT_SQL(6, "c.province")          \
    " AS province, " q " AS quantity, " DIM_TEXT_SQL(8, "c.unit") " AS unit, " q2             \
    " AS quantity2, " DIM_TEXT_SQL(8, "c.unit2") " AS unit2, " val " AS value, "              \
    DIM_TEXT_SQL(7, "c.currency") " AS currency, " EXTRA_STATUS_SQL " AS status, "             \
    EXTRA_PROVENANCE_SQL " AS provenance,"                                                    \
    " c.source_id, c.line, " EXTRA_CIF_SQL " AS cif, " EXTRA_FOB_SQL " AS fob"                 \
    " FROM cell c JOIN commodity k ON k.id = c.commodity;"

/* Forward migrations: migrations[v] takes schema v to v+1. */

/* The clustered `cell` table of schemas 7 and 8 (the same columns; schema 8 codes its
 * figures), created as `name` by the migrations that copy the old table into it. */
#define CELL_TABLE_SQL(name)                                                                \
    "CREATE TABLE " name "(classification INTEGER NOT NULL, commodity INTEGER NOT NULL,"  \
    " period INTEGER NOT NULL, flow INTEGER NOT NULL, reporter INTEGER NOT NULL," \
    " partner INTEGER NOT NULL, partner_basis INTEGER NOT NULL, trade_mode INTEGER NOT NULL," \
    " province INTEGER NOT NULL, currency INTEGER NOT NULL, id INTEGER NOT NULL," \
    " quantity INTEGER, unit INTEGER NOT NULL, quantity2 INTEGER, unit2 INTEGER NOT NULL," \
    " value INTEGER, source_id INTEGER NOT NULL REFERENCES source(id), line INTEGER NOT NULL," \
    " extra TEXT," \
    " PRIMARY KEY(classification, commodity, period, flow, reporter, partner, partner_basis," \
    " trade_mode, province, currency, id)) WITHOUT ROWID;"

static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE source("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " format TEXT NOT NULL,"
    " options TEXT NOT NULL,"
    " rows INTEGER NOT NULL DEFAULT 0,"
    " added INTEGER NOT NULL DEFAULT 0,"
    " revised INTEGER NOT NULL DEFAULT 0,"
    " unchanged INTEGER NOT NULL DEFAULT 0,"
    " ingested_at TEXT NOT NULL,"
    " UNIQUE(sha256, options));"
    "CREATE TABLE record("
    " id INTEGER PRIMARY KEY,"
    " classification TEXT NOT NULL,"
    " commodity TEXT NOT NULL,"
    " period TEXT NOT NULL,"
    " flow INTEGER NOT NULL,"
    " reporter TEXT NOT NULL,"
    " partner TEXT NOT NULL,"
    " partner_basis TEXT NOT NULL,"
    " trade_mode TEXT NOT NULL,"
    " province TEXT NOT NULL,"
    " quantity INTEGER,"            /* thousandths of unit */
    " unit TEXT NOT NULL,"
    " quantity2 INTEGER,"
    " unit2 TEXT NOT NULL,"
    " value INTEGER,"               /* thousandths of currency */
    " currency TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " provenance TEXT NOT NULL,"
    " source_id INTEGER NOT NULL REFERENCES source(id),"
    " line INTEGER NOT NULL);"
    "CREATE INDEX record_cell ON record(classification, commodity, period, flow, reporter,"
    " partner, partner_basis, trade_mode, province, id);"
    "CREATE TABLE partner_name(code TEXT PRIMARY KEY, name TEXT NOT NULL);",
    /* 1 -> 2: daily import-window series (published P/L), newest revision wins */
    "CREATE TABLE window_point("
    " id INTEGER PRIMARY KEY,"
    " product TEXT NOT NULL,"
    " series TEXT NOT NULL,"        /* spot | forward | basis */
    " kind TEXT NOT NULL,"          /* published | computed */
    " date TEXT NOT NULL,"          /* YYYY-MM-DD */
    " value REAL NOT NULL,"         /* CNY/t */
    " source_id INTEGER NOT NULL REFERENCES source(id),"
    " line INTEGER NOT NULL);"
    "CREATE INDEX window_point_key ON window_point(product, series, kind, date, id);",
    /* 2 -> 3: sources can be retracted (and restored) without deleting anything */
    "ALTER TABLE source ADD COLUMN retracted_at TEXT;",
    /* 3 -> 4: UN Comtrade's CIF and FOB values beside its primary value (USD) */
    "ALTER TABLE record ADD COLUMN cif INTEGER;"
    "ALTER TABLE record ADD COLUMN fob INTEGER;",
    /* 4 -> 5: a file can be ingested again once its source is retracted (only
     * live sources are unique); `stated` records that a source stated a
     * cell's current figure unchanged, so that figure counts while any
     * source stating it is live. */
    "CREATE TABLE source_v5("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " format TEXT NOT NULL,"
    " options TEXT NOT NULL,"
    " rows INTEGER NOT NULL DEFAULT 0,"
    " added INTEGER NOT NULL DEFAULT 0,"
    " revised INTEGER NOT NULL DEFAULT 0,"
    " unchanged INTEGER NOT NULL DEFAULT 0,"
    " ingested_at TEXT NOT NULL,"
    " retracted_at TEXT,"
    " vintage TEXT NOT NULL DEFAULT '',"   /* YYYY-MM-DD: release or download date */
    " older INTEGER NOT NULL DEFAULT 0);"  /* cells kept as history: a newer vintage stood */
    "INSERT INTO source_v5 SELECT id, name, sha256, format, options, rows, added, revised,"
    " unchanged, ingested_at, retracted_at, substr(ingested_at, 1, 10), 0 FROM source;"
    "DROP TABLE source;"
    "ALTER TABLE source_v5 RENAME TO source;"
    "CREATE UNIQUE INDEX source_live ON source(sha256, options)"
    " WHERE retracted_at IS NULL AND sha256 <> '';"
    "CREATE TABLE stated(record_id INTEGER NOT NULL REFERENCES record(id),"
    " source_id INTEGER NOT NULL REFERENCES source(id),"
    " PRIMARY KEY(record_id, source_id)) WITHOUT ROWID;"
    /* the currency is part of a cell: CNY and USD figures of the same trade are
     * stored side by side, never one as a revision of the other */
    "DROP INDEX record_cell;"
    "CREATE INDEX record_cell ON record(classification, commodity, period, flow, reporter,"
    " partner, partner_basis, trade_mode, province, currency, id);",
    /* 5 -> 6: every revision of a cell clustered by the cell key, figures
     * inline (a WITHOUT ROWID table: one B-tree, no separate index), so a
     * report reads a product's months as one contiguous range and an ingest
     * merges a file's sorted cells in key order. The status "reported" (the
     * default) is stored as NULL. Row ids come from `counter`; `stated` no
     * longer names `record` in a foreign key; `record` is a view giving the
     * rows as schema 5 did. */
    "CREATE TABLE cell("
    " classification TEXT NOT NULL, commodity TEXT NOT NULL, period TEXT NOT NULL,"
    " flow INTEGER NOT NULL, reporter TEXT NOT NULL, partner TEXT NOT NULL,"
    " partner_basis TEXT NOT NULL, trade_mode TEXT NOT NULL, province TEXT NOT NULL,"
    " currency TEXT NOT NULL, id INTEGER NOT NULL,"
    " quantity INTEGER, unit TEXT NOT NULL, quantity2 INTEGER, unit2 TEXT NOT NULL,"
    " value INTEGER, status TEXT, provenance TEXT NOT NULL,"
    " source_id INTEGER NOT NULL REFERENCES source(id), line INTEGER NOT NULL,"
    " cif INTEGER, fob INTEGER,"
    " PRIMARY KEY(classification, commodity, period, flow, reporter, partner, partner_basis,"
    " trade_mode, province, currency, id)) WITHOUT ROWID;"
    "INSERT INTO cell SELECT classification, commodity, period, flow, reporter, partner,"
    " partner_basis, trade_mode, province, currency, id, quantity, unit, quantity2, unit2,"
    " value, nullif(status, 'reported'), provenance, source_id, line, cif, fob FROM record"
    " ORDER BY classification, commodity, period, flow, reporter, partner, partner_basis,"
    " trade_mode, province, currency, id;"
    "CREATE TABLE counter(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO counter SELECT 'record', ifnull(max(id), 0) FROM record;"
    "CREATE TABLE stated_v6(record_id INTEGER NOT NULL,"
    " source_id INTEGER NOT NULL REFERENCES source(id),"
    " PRIMARY KEY(record_id, source_id)) WITHOUT ROWID;"
    "INSERT INTO stated_v6 SELECT record_id, source_id FROM stated;"
    "DROP TABLE stated;"
    "ALTER TABLE stated_v6 RENAME TO stated;"
    "DROP TABLE record;"
    "CREATE VIEW record AS SELECT id, classification, commodity, period, flow, reporter,"
    " partner, partner_basis, trade_mode, province, quantity, unit, quantity2, unit2, value,"
    " currency, ifnull(status, 'reported') AS status, provenance, source_id, line, cif, fob"
    " FROM cell;",
    /* 6 -> 7: the dimensions dictionary-coded (dict.c): classification,
     * reporter, partner, basis, trade mode, province, currency and units as
     * small integer ids of `dim_value` (0 = ""), commodity codes as ids of
     * `commodity`, periods as codes in their text's order; status, CIF, FOB
     * and provenance, empty on almost every row, one column `extra` (NULL
     * then). Ids are given here in text order, so `cell` keeps its order;
     * `record` decodes. */
    "CREATE TABLE dimension(dim INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "INSERT INTO dimension VALUES(1, 'classification'), (2, 'reporter'), (3, 'partner'),"
    " (4, 'partner_basis'), (5, 'trade_mode'), (6, 'province'), (7, 'currency'), (8, 'unit');"
    "CREATE TABLE dim_value(dim INTEGER NOT NULL, id INTEGER NOT NULL, v TEXT NOT NULL,"
    " PRIMARY KEY(dim, id)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX dim_value_text ON dim_value(dim, v);"
    "INSERT INTO dim_value SELECT 1, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT classification AS v FROM cell WHERE classification <> '');"
    "INSERT INTO dim_value SELECT 2, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT reporter AS v FROM cell WHERE reporter <> '');"
    "INSERT INTO dim_value SELECT 3, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT partner AS v FROM cell WHERE partner <> '');"
    "INSERT INTO dim_value SELECT 4, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT partner_basis AS v FROM cell WHERE partner_basis <> '');"
    "INSERT INTO dim_value SELECT 5, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT trade_mode AS v FROM cell WHERE trade_mode <> '');"
    "INSERT INTO dim_value SELECT 6, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT province AS v FROM cell WHERE province <> '');"
    "INSERT INTO dim_value SELECT 7, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT DISTINCT currency AS v FROM cell WHERE currency <> '');"
    "INSERT INTO dim_value SELECT 8, row_number() OVER (ORDER BY v), v FROM"
    " (SELECT unit AS v FROM cell WHERE unit <> '' UNION SELECT unit2 FROM cell WHERE unit2 <> '');"
    "CREATE TABLE commodity(id INTEGER PRIMARY KEY, classification INTEGER NOT NULL,"
    " code TEXT NOT NULL);"
    "CREATE UNIQUE INDEX commodity_code ON commodity(classification, code);"
    "INSERT INTO commodity(classification, code) SELECT d.id, c.commodity FROM"
    " (SELECT DISTINCT classification, commodity FROM cell) c JOIN dim_value d ON d.dim = 1"
    " AND d.v = c.classification ORDER BY c.classification, c.commodity;"
    CELL_TABLE_SQL("cell_v7")
    "INSERT INTO cell_v7 SELECT"
    " (SELECT id FROM dim_value WHERE dim = 1 AND v = c.classification),"
    " (SELECT k.id FROM commodity k JOIN dim_value d ON d.dim = 1 AND d.id = k.classification"
    "  WHERE d.v = c.classification AND k.code = c.commodity),"
    " " PERIOD_CODE_SQL("c.period") ", c.flow,"
    " " DIM_ID_SQL(2, "c.reporter") ", " DIM_ID_SQL(3, "c.partner") ","
    " " DIM_ID_SQL(4, "c.partner_basis") ", " DIM_ID_SQL(5, "c.trade_mode") ","
    " " DIM_ID_SQL(6, "c.province") ", " DIM_ID_SQL(7, "c.currency") ", c.id,"
    " c.quantity, " DIM_ID_SQL(8, "c.unit") ", c.quantity2, " DIM_ID_SQL(8, "c.unit2") ","
    " c.value, c.source_id, c.line, " EXTRA_SQL " FROM cell c"
    " ORDER BY c.classification, c.commodity, c.period, c.flow, c.reporter, c.partner,"
    " c.partner_basis, c.trade_mode, c.province, c.currency, c.id;"
    "DROP VIEW record;"
    "DROP TABLE cell;"
    "ALTER TABLE cell_v7 RENAME TO cell;"
    RECORD_VIEW_V7,
    /* 7 -> 8: quantity, quantity2 and value as whole units where exact, with
     * a flag bit (tf_store_figure_encode, store_int.h: 46,148 kg in three
     * bytes instead of four), through the SQL function tf_figure_encode
     * (register_figure_encode); the table copied in key order, as 6 -> 7. */
    CELL_TABLE_SQL("cell_v8")
    "INSERT INTO cell_v8 SELECT classification, commodity, period, flow, reporter, partner,"
    " partner_basis, trade_mode, province, currency, id, tf_figure_encode(quantity), unit,"
    " tf_figure_encode(quantity2), unit2, tf_figure_encode(value), source_id, line, extra"
    " FROM cell ORDER BY classification, commodity, period, flow, reporter, partner,"
    " partner_basis, trade_mode, province, currency, id;"
    "DROP VIEW record;"
    "DROP TABLE cell;"
    "ALTER TABLE cell_v8 RENAME TO cell;"
    RECORD_VIEW_V8,
};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

_Static_assert(N_MIGRATIONS == TF_SCHEMA_VERSION, "one migration per schema version");

tf_status tf_db_fail(tf_db *db, tf_status st, const char *fmt, ...)
{
    if (!db)
        return st;
    char text[sizeof db->error.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return tf_error_set(&db->error, st, "%s", text);
}

const tf_error *tf_db_error(const tf_db *db)
{
    static const tf_error none = {0}; /* read-only: the error of no handle */
    return db ? &db->error : &none;
}

tf_status tf_store_exec(tf_db *d, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(d->db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_BUSY) {
        tf_error_set(&d->error, TF_ERR_DB,
               "%s: another process kept the database busy for %d s; nothing was changed, "
               "try again when it has finished", d->path, TF_BUSY_WAIT_MS / 1000);
        sqlite3_free(msg);
        return TF_ERR_DB;
    }
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB, "%s: %s",
                     d->path, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB;
    }
    return TF_OK;
}

int tf_store_pragma_int(tf_db *d, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(d->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Status st of a failed migration from schema ver; where the file (or its
 * folder, for the journal) cannot be written, or its disk is full (the copy of
 * `cell` and the journal need about twice the file), the error says so: an
 * older store is upgraded on first open, so such a one cannot be read at all. */
static tf_status upgrade_refused(tf_db *d, int ver, tf_status st, int rc)
{
    int ro = sqlite3_db_readonly(d->db, "main") == 1;
    if (ver > 0 && (ro || rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM))
        tf_error_set(&d->error, TF_ERR_DB,
                     "%s: written by an older tradeflow (schema %d): it is upgraded to schema "
                     "%d on first open, which needs write access to the file and its folder "
                     "(%s; run any command once as a user who can write them, or work on a "
                     "copy)", d->path, ver, TF_SCHEMA_VERSION,
                     ro ? "the file is read-only" : sqlite3_errstr(rc));
    else if (ver > 0 && ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR))
        tf_error_set(&d->error, TF_ERR_DB,
                     "%s: written by an older tradeflow (schema %d): it is upgraded to schema "
                     "%d on first open, which copies the store within its file and needs free "
                     "space of about twice the file's size on its disk (%s); nothing was "
                     "changed: free some space and run the command again, or work on a copy "
                     "elsewhere", d->path, ver, TF_SCHEMA_VERSION, sqlite3_errstr(rc));
    return st;
}

/* tf_figure_encode(x): tf_store_figure_encode of an integer, NULL for NULL;
 * an error (the upgrade rolled back) for a figure beyond TF_STORE_FIGURE_MAX
 * thousandths, which no reader gives (at most TF_MAX_FIGURE units) but a file
 * edited outside tradeflow may hold: coded, it would overflow (before, such a
 * figure of 9,000,000,000,000,000,001 thousandths became a negative one). */
static void figure_encode_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(cx);
        return;
    }
    sqlite3_int64 v = sqlite3_value_int64(argv[0]);
    if (v > TF_STORE_FIGURE_MAX || v < -TF_STORE_FIGURE_MAX) {
        char msg[320];
        tf_fmt(msg, sizeof msg, "not upgraded to schema 8: a figure of %lld thousandths in cell "
               "is beyond the largest a store holds (%lld; tradeflow's readers give at most "
               "10^17): the file was changed outside tradeflow; it is left as it was",
               (long long)v, (long long)TF_STORE_FIGURE_MAX);
        sqlite3_result_error(cx, msg, -1);
        return;
    }
    sqlite3_result_int64(cx, tf_store_figure_encode(v));
}

/* The SQL function the 7 -> 8 migration encodes figures with, on this
 * connection only (not callable from a view or trigger of the file). */
static int register_figure_encode(tf_db *d)
{
    return sqlite3_create_function(d->db, "tf_figure_encode", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                   NULL, figure_encode_fn, NULL, NULL);
}

_Static_assert(TF_MAX_FIGURE <= TF_STORE_FIGURE_MAX, "every figure read is stored exactly");

/* After an upgrade, which copies `cell` into a table of the new shape (5 -> 6,
 * 6 -> 7, 7 -> 8), the old table's pages are free and the file twice the
 * store's size: VACUUM gives them back (one atomic step of its own, after the
 * upgrade's commit). Where it cannot run at once (another process has the file
 * open) or fails (no temporary space), the upgraded store is as good, its free
 * pages filled by later ingests. */
static void compact_after_upgrade(tf_db *d)
{
    sqlite3_busy_timeout(d->db, 0);
    sqlite3_exec(d->db, "VACUUM", NULL, NULL, NULL);
    sqlite3_busy_timeout(d->db, TF_BUSY_WAIT_MS);
}

/* The schema checked and brought to TF_SCHEMA_VERSION; opened to read
 * (mode TF_DB_READ), an empty file is refused rather than made a database. */
static tf_status migrate(tf_db *d, tf_open_mode mode)
{
    int app = 0, ver = 0, ntables = 0;
    int rc = tf_store_pragma_int(d, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = tf_store_pragma_int(d, "PRAGMA user_version", &ver);
    if (rc == SQLITE_OK)
        rc = tf_store_pragma_int(d, "SELECT count(*) FROM sqlite_master", &ntables);
    if (rc == SQLITE_CORRUPT) {
        tf_error_set(&d->error, TF_ERR_DB,
                     "%s: the database file is damaged (%s; for instance cut short by a copy "
                     "or a full disk): restore it from a backup, or ingest the files again "
                     "into a new one (tradeflow sources on a good copy lists them)", d->path,
                     sqlite3_errstr(rc));
        return TF_ERR_DB;
    }
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB,
                     "%s: not a tradeflow database (%s)", d->path,
               sqlite3_errstr(rc));
        return rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB;
    }
    if (mode == TF_DB_READ && app == 0 && ntables == 0) {
        /* reading never turns a file into a database: an empty file stays empty */
        tf_error_set(&d->error, TF_ERR_NOT_TF_DB, "%s: not a tradeflow database (an empty file)",
                     d->path);
        return TF_ERR_NOT_TF_DB;
    }
    if (app != TF_APPLICATION_ID) {
        if (ntables > 0 || app != 0) {
            tf_error_set(&d->error, TF_ERR_NOT_TF_DB,
                         "%s: not a tradeflow database (an SQLite file of another program)",
                         d->path);
            return TF_ERR_NOT_TF_DB;
        }
        ver = 0;
    }
    if (ver > TF_SCHEMA_VERSION) {
        tf_error_set(&d->error, TF_ERR_DB_NEWER,
               "%s: written by a newer tradeflow (schema %d; this version reads up to %d)",
               d->path, ver, TF_SCHEMA_VERSION);
        return TF_ERR_DB_NEWER;
    }
    if (ver == TF_SCHEMA_VERSION)
        return TF_OK;
    int old_ver = ver;
    tf_status st = tf_store_exec(d, "BEGIN IMMEDIATE");
    if (st == TF_OK && sqlite3_db_readonly(d->db, "main") == 1) {
        st = TF_ERR_DB; /* opened read-only: the upgrade cannot be written */
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (st)
        return upgrade_refused(d, old_ver, st, sqlite3_errcode(d->db));
    /* Another process may have created or migrated the schema while this
     * one waited for the write lock: look again inside the transaction. */
    rc = tf_store_pragma_int(d, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = tf_store_pragma_int(d, "PRAGMA user_version", &ver);
    if (rc != SQLITE_OK) {
        st = TF_ERR_DB;
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errstr(rc));
        goto fail;
    }
    if (app == TF_APPLICATION_ID && ver == TF_SCHEMA_VERSION)
        return tf_store_exec(d, "COMMIT");
    if (app != TF_APPLICATION_ID)
        ver = 0;
    if (register_figure_encode(d) != SQLITE_OK) {
        st = tf_db_fail(d, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        goto fail;
    }
    for (int v = ver; v < TF_SCHEMA_VERSION; v++)
        if ((st = tf_store_exec(d, migrations[v])) != TF_OK)
            goto fail;
    char sql[128];
    tf_fmt(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
           TF_APPLICATION_ID, TF_SCHEMA_VERSION);
    if ((st = tf_store_exec(d, sql)) != TF_OK || (st = tf_store_exec(d, "COMMIT")) != TF_OK)
        goto fail;
    if (ver > 0)
        compact_after_upgrade(d);
    return TF_OK;
fail:
    rc = sqlite3_errcode(d->db); /* before the rollback resets it */
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    return upgrade_refused(d, old_ver, st, rc);
}

/* Who may remove a new, still empty database file (tf_db_discard_if_empty).
 * A writer holds a shared flock(2) on the file for its handle's life; the
 * discard unlinks only under an exclusive one taken without waiting, so never
 * a file another ingest has open (for instance one waiting for SQLite's write
 * lock). On Linux flock locks are apart from the fcntl locks SQLite takes. A
 * writer that opened the path just before it was unlinked finds, once its
 * lock is granted, that the path no longer names its file, and opens it again
 * (creating it). Returns the descriptor, or -1 when the path cannot be opened
 * read-write (sqlite3_open_v2 then says why). */
static int hold_file(const char *path)
{
    for (int tries = 0; tries < 100; tries++) {
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return -1;
        struct stat a, b;
        if (flock(fd, LOCK_SH) == 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
            a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return fd;
        close(fd);
    }
    return -1;
}

tf_status tf_db_open(const char *path, tf_open_mode mode, tf_db **out, tf_error *err)
{
    *out = NULL;
    tf_db *d = calloc(1, sizeof *d);
    if (!d)
        return tf_error_set(err, TF_ERR_NOMEM, "%s: %s", path, tf_strerror(TF_ERR_NOMEM));
    tf_scopy(d->path, sizeof d->path, path);
    tf_status st = TF_OK;
    if (tf_pg_is_url(path)) {
        if ((st = tf_pg_open(d, path, mode)) != TF_OK)
            goto fail;
        *out = d;
        return TF_OK;
    }
    struct stat sb;
    if (mode == TF_DB_READ && stat(path, &sb) != 0) {
        tf_error_set(&d->error, TF_ERR_NOT_FOUND, "%s: no such database (ingest a file first)",
                     path);
        st = TF_ERR_NOT_FOUND;
        goto fail;
    }
    if (mode == TF_DB_CREATE)
        d->hold_fd = hold_file(path) + 1;
    /* a handle is used by one thread at a time (tf_db is not shared): no mutex */
    int flags = (mode == TF_DB_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                      : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &d->db, flags, NULL);
    if (rc != SQLITE_OK && mode == TF_DB_READ) {
        /* a read-only file can still be reported from */
        sqlite3_close(d->db);
        d->db = NULL;
        rc = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    }
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: cannot open database: %s", path,
               d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc));
        st = TF_ERR_DB;
        goto fail;
    }
    sqlite3_busy_timeout(d->db, TF_BUSY_WAIT_MS);
    sqlite3_extended_result_codes(d->db, 0);
    if ((st = migrate(d, mode)) != TF_OK)
        goto fail;
    /* PRAGMA foreign_keys = ON, without a statement to compile */
    if (sqlite3_db_config(d->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL) != SQLITE_OK) {
        st = tf_store_sqlite_error(d);
        goto fail;
    }
    /* A larger page cache (64 MiB instead of SQLite's 2 MiB) keeps the upper
     * levels of the record index in memory during a large ingest and across
     * the reports of one process; the first 256 MiB of the file are read
     * through a memory map instead of a read(2) per page. Neither changes what
     * is stored, and both bound the memory used whatever the file's size. */
    if ((st = tf_store_exec(d, mode == TF_DB_READ
                          ? "PRAGMA cache_size = -65536; PRAGMA mmap_size = 4294967296"
                          : "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456")) != TF_OK)
        goto fail;
    *out = d;
    return TF_OK;
fail:
    if (err)
        *err = d->error;
    tf_db_close(&d);
    return st;
}

void tf_db_close(tf_db **db)
{
    if (!db || !*db)
        return;
    tf_pg_close(*db);
    sqlite3_finalize((*db)->partner_name);
    for (int i = 0; i < ST_N; i++)
        sqlite3_finalize((*db)->stmt[i]);
    tf_store_batch_free(&(*db)->batch);
    tf_store_dicts_free(&(*db)->dicts);
    sqlite3_close((*db)->db);
    if ((*db)->hold_fd > 0) /* after SQLite's: closing a descriptor drops the fcntl locks */
        close((*db)->hold_fd - 1);
    free(*db);
    *db = NULL;
}

/* ---- queries ---- */

tf_status tf_db_sources(tf_db *d, void (*fn)(void *ctx, const tf_source_info *s), void *ctx)
{
    if (d->pg)
        return tf_pg_sources(d, fn, ctx);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT id, name, sha256, format, options, ingested_at, rows, added,"
                           " revised, unchanged, ifnull(retracted_at, ''), vintage, older"
                           " FROM source ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK) {
        tf_store_sqlite_error(d);
        return TF_ERR_DB;
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        tf_source_info i;
        memset(&i, 0, sizeof i);
        i.id = sqlite3_column_int64(s, 0);
        tf_scopy(i.name, sizeof i.name, (const char *)sqlite3_column_text(s, 1));
        tf_scopy(i.sha256, sizeof i.sha256, (const char *)sqlite3_column_text(s, 2));
        tf_scopy(i.format, sizeof i.format, (const char *)sqlite3_column_text(s, 3));
        tf_scopy(i.options, sizeof i.options, (const char *)sqlite3_column_text(s, 4));
        tf_scopy(i.ingested_at, sizeof i.ingested_at, (const char *)sqlite3_column_text(s, 5));
        i.rows = (unsigned long)sqlite3_column_int64(s, 6);
        i.added = (unsigned long)sqlite3_column_int64(s, 7);
        i.revised = (unsigned long)sqlite3_column_int64(s, 8);
        i.unchanged = (unsigned long)sqlite3_column_int64(s, 9);
        tf_scopy(i.retracted_at, sizeof i.retracted_at, (const char *)sqlite3_column_text(s, 10));
        tf_scopy(i.vintage, sizeof i.vintage, (const char *)sqlite3_column_text(s, 11));
        i.older = (unsigned long)sqlite3_column_int64(s, 12);
        fn(ctx, &i);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        tf_store_sqlite_error(d);
        return TF_ERR_DB;
    }
    return TF_OK;
}

/* The live source that ingested the same file with the same options as
 * source_id (ingested again after source_id was retracted): its id, 0 when
 * none, -1 on a database error. */
static long long live_twin(tf_db *d, long long source_id)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT b.id FROM source a JOIN source b ON b.sha256 = a.sha256 AND"
                           " b.options = a.options AND b.id <> a.id AND b.retracted_at IS NULL"
                           " WHERE a.id = ?1", -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, source_id);
    int rc = sqlite3_step(q);
    long long id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : rc == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(q);
    return id;
}

tf_status tf_db_retract(tf_db *d, long long source_id, int restore, const char *now)
{
    if (d->pg) {
        char at[32];
        if (now)
            tf_scopy(at, sizeof at, now);
        else
            tf_now_utc(at);
        return tf_pg_retract(d, source_id, restore, at);
    }
    if (restore) {
        long long twin = live_twin(d, source_id);
        if (twin < 0) {
            tf_store_sqlite_error(d);
            return TF_ERR_DB;
        }
        if (twin > 0) {
            tf_error_set(&d->error, TF_ERR_USAGE,
                   "%s: source %lld's file was ingested again with the same options as "
                   "source %lld, which counts; nothing changed (retract %lld first to count "
                   "%lld instead)", d->path, source_id, twin, twin, source_id);
            return TF_ERR_USAGE;
        }
    }
    char stamp[32];
    if (now)
        tf_scopy(stamp, sizeof stamp, now);
    else
        tf_now_utc(stamp);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db, restore ? "UPDATE source SET retracted_at = NULL WHERE id = ?1"
                                          : "UPDATE source SET retracted_at = ?2 WHERE id = ?1"
                                            " AND retracted_at IS NULL",
                           -1, &s, NULL) != SQLITE_OK) {
        tf_store_sqlite_error(d);
        return TF_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, source_id);
    if (!restore)
        sqlite3_bind_text(s, 2, stamp, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        tf_store_sqlite_error(d);
        return TF_ERR_DB;
    }
    if (sqlite3_changes(d->db) == 0) {
        sqlite3_stmt *q;
        int exists = 0;
        if (sqlite3_prepare_v2(d->db, "SELECT 1 FROM source WHERE id = ?1", -1, &q, NULL) ==
            SQLITE_OK) {
            sqlite3_bind_int64(q, 1, source_id);
            exists = sqlite3_step(q) == SQLITE_ROW;
            sqlite3_finalize(q);
        }
        if (!exists) {
            tf_error_set(&d->error, TF_ERR_NOT_FOUND, "%s: no source %lld (see tradeflow sources)",
                         d->path, source_id);
            return TF_ERR_NOT_FOUND;
        }
    }
    return TF_OK;
}

/* "YYYY-MM-DD" -> end of that day; "YYYY-MM-DDTHH:MM:SSZ" as is. */
int tf_store_as_of_bound(const char *as_of, char out[32])
{
    size_t n = strlen(as_of);
    int ok = 1;
    const char *pat = "dddd-dd-ddTdd:dd:ddZ";
    if (n != 10 && n != 20)
        return 0;
    for (size_t i = 0; i < n && ok; i++)
        ok = pat[i] == 'd' ? (as_of[i] >= '0' && as_of[i] <= '9') : as_of[i] == pat[i];
    char day[11];
    tf_copy(day, sizeof day, as_of, 10);
    if (!ok || !tf_date_valid(day))
        return 0;
#define TWO(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
    if (n == 20 && (TWO(as_of + 11) > 23 || TWO(as_of + 14) > 59 || TWO(as_of + 17) > 60))
        return 0;
#undef TWO
    if (n == 10)
        tf_fmt(out, 32, "%sT23:59:59Z", as_of);
    else
        tf_scopy(out, 32, as_of);
    return 1;
}

/* The columns read_revision reads (coded: dict.c), and the clustered key's
 * order. */
#define CELL_COLS "period, flow, reporter, partner, partner_basis, trade_mode, province," \
                  " quantity, unit, quantity2, unit2, value, currency, source_id, line," \
                  " id, extra"
#define CELL_KEY "classification, commodity, period, flow, reporter, partner, partner_basis," \
                 " trade_mode, province, currency, id"

/* The current row of a statement, or a row kept in memory (a batch's stored
 * code, tf_kept_row): its columns read alike. */
typedef struct col_src {
    sqlite3_stmt *s;
    const tf_kept_row *k;  /* not NULL: read from here */
} col_src;

static int col_type(col_src c, int i)
{
    return c.k ? (i < c.k->n ? c.k->type[i] : SQLITE_NULL) : sqlite3_column_type(c.s, i);
}

/* As sqlite3_column_int64 (a text as its leading number). */
static long long col_int64(col_src c, int i)
{
    if (!c.k)
        return sqlite3_column_int64(c.s, i);
    switch (col_type(c, i)) {
    case SQLITE_INTEGER: return c.k->v[i].i;
    case SQLITE_FLOAT: return (long long)c.k->v[i].f;
    case SQLITE_TEXT: return strtoll(c.k->v[i].t, NULL, 10);
    default: return 0;
    }
}

/* A text column (NULL for NULL; a kept row keeps texts only). */
static const char *col_text(col_src c, int i)
{
    if (!c.k)
        return (const char *)sqlite3_column_text(c.s, i);
    return col_type(c, i) == SQLITE_TEXT ? c.k->v[i].t : NULL;
}

/* The text of a coded column into dst; 0, or -1 when the id is not in the
 * dictionaries (a store damaged outside tradeflow). */
static int decode(const tf_dicts *t, int dim, col_src s, int col, char *dst, size_t len)
{
    return tf_store_dict_copy(t, dim, col_int64(s, col), dst, len);
}

/* A row of CELL_COLS of a stored code (cls, code: its text; period: the text
 * of its period, column 0); the source's ingest time and vintage are the
 * caller's. 0, or -1 (an id not decoded). */
static int read_revision(const tf_dicts *t, col_src s, const char *cls, const char *code,
                         const char *period, tf_revision *v)
{
    tf_record *r = &v->rec;
    tf_record_init(r);
    tf_scopy(r->classification, sizeof r->classification, cls);
    tf_scopy(r->commodity, sizeof r->commodity, code);
    memcpy(r->period, period, sizeof r->period);
    r->flow = (tf_flow)col_int64(s, 1);
#define DEC(dim, col, dst) decode(t, dim, s, col, dst, sizeof dst)
    if (DEC(DIM_REPORTER, 2, r->reporter) || DEC(DIM_PARTNER, 3, r->partner) ||
        DEC(DIM_BASIS, 4, r->partner_basis) || DEC(DIM_MODE, 5, r->trade_mode) ||
        DEC(DIM_PROVINCE, 6, r->province) || DEC(DIM_UNIT, 8, r->unit) ||
        DEC(DIM_UNIT, 10, r->unit2) || DEC(DIM_CURRENCY, 12, r->currency))
        return -1;
#undef DEC
    r->has_quantity = col_type(s, 7) != SQLITE_NULL;
    r->quantity = tf_store_figure_decode(col_int64(s, 7));
    r->has_quantity2 = col_type(s, 9) != SQLITE_NULL;
    r->quantity2 = tf_store_figure_decode(col_int64(s, 9));
    r->has_value = col_type(s, 11) != SQLITE_NULL;
    r->value = tf_store_figure_decode(col_int64(s, 11));
    v->source_id = col_int64(s, 13);
    r->line = (unsigned long)col_int64(s, 14);
    v->id = col_int64(s, 15);
    tf_store_extra_decode(col_text(s, 16), r);
    return 0;
}

static int same_cell(const tf_record *a, const tf_record *b)
{
    return a->flow == b->flow && !strcmp(a->period, b->period) &&
           !strcmp(a->commodity, b->commodity) && !strcmp(a->classification, b->classification) &&
           !strcmp(a->reporter, b->reporter) && !strcmp(a->partner, b->partner) &&
           !strcmp(a->partner_basis, b->partner_basis) && !strcmp(a->trade_mode, b->trade_mode) &&
           !strcmp(a->province, b->province) && !strcmp(a->currency, b->currency);
}

/* Drop codes that another code in the list is a prefix of (so no record is
 * selected twice). Returns the kept count; kept codes are moved to the front. */
static size_t minimal_prefixes(const char **codes, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int covered = 0;
        for (size_t j = 0; j < n && !covered; j++) {
            if (i == j)
                continue;
            size_t li = strlen(codes[i]), lj = strlen(codes[j]);
            if (lj < li && strncmp(codes[i], codes[j], lj) == 0)
                covered = 1;
            else if (lj == li && j < i && strcmp(codes[i], codes[j]) == 0)
                covered = 1; /* duplicate */
        }
        if (!covered)
            codes[k++] = codes[i];
    }
    return k;
}

static tf_status group_push(rev_group *g, const tf_revision *cur, int all)
{
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 4;
        tf_revision *p = realloc(g->v, nc * sizeof *p);
        if (!p)
            return TF_ERR_NOMEM;
        g->v = p;
        g->cap = nc;
    }
    /* rows come in ingest order: an equal vintage ingested later wins */
    int newer = g->n == 0 || strcmp(cur->vintage, g->v[g->best].vintage) >= 0;
    if (!all) {
        if (newer)
            g->v[0] = *cur;
        g->n = 1;
        g->best = 0;
        return TF_OK;
    }
    g->v[g->n] = *cur;
    if (newer)
        g->best = g->n;
    g->n++;
    return TF_OK;
}

static tf_status group_emit(rev_group *g, int all,
                            tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    tf_status st = TF_OK;
    for (size_t i = 0; i < g->n && st == TF_OK; i++) {
        g->v[i].current = i == g->best;
        if (all || g->v[i].current)
            st = fn(ctx, &g->v[i]);
    }
    g->n = 0;
    g->best = 0;
    return st;
}

/* A statement of the handle's cache (prepared once, reset after each use).
 * When the cached one is in use (a callback reading the store again), a
 * statement of its own: *own = 1, finalize it with give(). */
static sqlite3_stmt *take(tf_db *d, int slot, const char *sql, int *own)
{
    sqlite3_stmt *s = d->stmt[slot];
    *own = s && sqlite3_stmt_busy(s);
    if (*own)
        s = NULL;
    if (!s && sqlite3_prepare_v2(d->db, sql, -1, &s, NULL) != SQLITE_OK) {
        tf_store_sqlite_error(d);
        return NULL;
    }
    if (!*own)
        d->stmt[slot] = s;
    sqlite3_reset(s);
    return s;
}

static void give(sqlite3_stmt *s, int own)
{
    if (own)
        sqlite3_finalize(s);
    else
        sqlite3_reset(s);
}

/* A statement of the cache never in use across a callback. */
static sqlite3_stmt *cached(tf_db *d, int slot, const char *sql)
{
    int own;
    sqlite3_stmt *s = take(d, slot, sql, &own);
    if (s && own) { /* not expected: these are reset before any callback */
        sqlite3_finalize(s);
        tf_error_set(&d->error, TF_ERR_DB, "%s: statement in use", d->path);
        return NULL;
    }
    return s;
}

/* A read of several statements as one read transaction (one lock of the
 * file instead of one per statement). Returns 1 when it began one (end it
 * with read_end), 0 inside a caller's transaction or when it could not. */
static int read_begin(tf_db *d)
{
    if (!sqlite3_get_autocommit(d->db))
        return 0;
    sqlite3_stmt *s = cached(d, ST_BEGIN, "BEGIN");
    int ok = s && sqlite3_step(s) == SQLITE_DONE;
    if (s)
        sqlite3_reset(s);
    return ok;
}

static void read_end(tf_db *d, int began)
{
    sqlite3_stmt *s = began ? cached(d, ST_COMMIT, "COMMIT") : NULL;
    if (s) {
        sqlite3_step(s);
        sqlite3_reset(s);
    }
}

void tf_store_read_begin(tf_db *d)
{
    if (d && d->read_depth++ == 0 && !d->pg) /* PostgreSQL: each read its snapshot */
        d->read_began = read_begin(d);
}

void tf_store_read_end(tf_db *d)
{
    if (!d || d->read_depth == 0 || --d->read_depth > 0)
        return;
    read_end(d, d->read_began);
    d->read_began = 0;
    d->dicts_checked = 0;
}

const char *tf_store_sqlite_hint(sqlite3 *db)
{
    int rc = db ? sqlite3_errcode(db) : SQLITE_OK;
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
        return " (is the disk full, or the file size limited?)";
    if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM)
        return " (check that you may write the database file and its folder)";
    return "";
}

tf_status tf_store_sqlite_error(tf_db *d)
{
    tf_error_set(&d->error, TF_ERR_DB, "%s: %s%s", d->path, sqlite3_errmsg(d->db),
                 tf_store_sqlite_hint(d->db));
    return TF_ERR_DB;
}

static tf_status db_error(tf_db *d)
{
    return tf_store_sqlite_error(d);
}

/* The text just above every code starting with prefix ("" -> above all). */
void tf_store_prefix_end(const char *prefix, char hi[32])
{
    tf_scopy(hi, 32, prefix);
    size_t hl = strlen(hi);
    if (hl == 0)
        hi[0] = '\x7f', hi[1] = '\0';
    else
        hi[hl - 1]++;
}

/* The dictionaries of the handle, loaded again when another connection has
 * committed since they were (PRAGMA data_version): checked once in a read
 * transaction of tf_store_read_begin (nothing can commit before it ends; a
 * report makes some 16 selections in one), else at every selection.
 * TF_OK or TF_ERR_DB/NOMEM. */
static tf_status dicts(tf_db *d)
{
    if (d->dicts && d->dicts_checked)
        return TF_OK;
    sqlite3_stmt *s = cached(d, ST_DATA_VERSION, "PRAGMA data_version");
    if (!s)
        return TF_ERR_DB;
    int rc = sqlite3_step(s);
    long long v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return db_error(d);
    d->dicts_checked = d->read_began;
    if (d->dicts && v == d->dicts_version)
        return TF_OK;
    tf_store_dicts_free(&d->dicts);
    rc = tf_store_dicts_load(d, 0, &d->dicts);
    if (rc == SQLITE_NOMEM)
        return tf_error_set(&d->error, TF_ERR_NOMEM, "%s: out of memory", d->path);
    if (rc != SQLITE_OK)
        return db_error(d);
    d->dicts_version = v;
    return TF_OK;
}

void tf_store_dicts_changed(tf_db *d) { tf_store_dicts_free(&d->dicts); }

/* A stored code: its id in `commodity` and its text. */
typedef struct stored_code {
    long long id;
    char code[32];
} stored_code;

/* The stored commodity codes of a classification (cls: its id) under a
 * prefix, one seek each in `commodity`: c->code is "" to start; next_code sets
 * the next stored code and returns 1, 0 when there is none, -1 on a database
 * error. */
static int next_code(tf_db *d, long long cls, const char *prefix, stored_code *c)
{
    sqlite3_stmt *n = cached(d, ST_NEXT_CODE,
                             "SELECT id, code FROM commodity WHERE classification = ?1 AND"
                             " code >= ?2 AND code < ?3 ORDER BY code LIMIT 1");
    if (!n)
        return -1;
    char from[40], hi[32];
    if (c->code[0]) /* the smallest text above this code */
        tf_fmt(from, sizeof from, "%s\x01", c->code);
    else
        tf_scopy(from, sizeof from, prefix);
    tf_store_prefix_end(prefix, hi);
    sqlite3_bind_int64(n, 1, cls);
    sqlite3_bind_text(n, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(n, 3, hi, -1, SQLITE_STATIC);
    int rc = sqlite3_step(n);
    if (rc == SQLITE_ROW) {
        c->id = sqlite3_column_int64(n, 0);
        tf_scopy(c->code, sizeof c->code, (const char *)sqlite3_column_text(n, 1));
    }
    sqlite3_reset(n);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : (db_error(d), -1);
}

/* The revisions of one stored code in the period range, in the order of the
 * clustered key: one contiguous range of the table. The reporter and flow
 * are tested on each row (`+`), not offered to the planner as equalities:
 * with one on a key column after the period range, SQLite 3.40 no longer
 * sees that the range is already in the ORDER BY's order and sorts every
 * code's rows in a temporary B-tree (EXPLAIN QUERY PLAN: "USE TEMP B-TREE
 * FOR RIGHT PART OF ORDER BY"); the rows and their order are the same. */
static sqlite3_stmt *code_rows(tf_db *d, const tf_selection *sel, int *own)
{
    int flow = sel->flow != TF_FLOW_NONE;
    return take(d, ST_SELECT + flow,
                flow ? "SELECT " CELL_COLS " FROM cell WHERE classification = ?1"
                       " AND commodity = ?2 AND period >= ?4 AND period <= ?5"
                       " AND +reporter = ?6 AND +flow = ?7 ORDER BY " CELL_KEY
                     : "SELECT " CELL_COLS " FROM cell WHERE classification = ?1"
                       " AND commodity = ?2 AND period >= ?4 AND period <= ?5"
                       " AND +reporter = ?6 ORDER BY " CELL_KEY,
                own);
}

/* A selection's coded terms: classification and reporter ids (-1: nothing
 * stored of them), period bounds. */
typedef struct coded_sel {
    long long cls, reporter, from, to;
} coded_sel;

/* sel coded under classification cls (NULL: the selection's own, else HS). Returns 0
 * with *st TF_OK when nothing stored can match (classification or reporter unknown),
 * 0 with *st set on an error, 1 when c holds the coded selection. */
static int code_selection(tf_db *d, const tf_selection *sel, const char *cls, coded_sel *c,
                          tf_status *st)
{
    if ((*st = dicts(d)) != TF_OK)
        return 0;
    if (!cls)
        cls = sel->classification ? sel->classification : "HS";
    c->cls = tf_store_dict_find(d->dicts, DIM_CLASSIFICATION, 0, cls);
    c->reporter = tf_store_dict_find(d->dicts, DIM_REPORTER, 0,
                                     sel->reporter ? sel->reporter : "CHN");
    c->from = tf_store_period_bound(sel->period_from ? sel->period_from : "", 0);
    c->to = tf_store_period_bound(sel->period_to ? sel->period_to : "9999", 1);
    return c->cls >= 0 && c->reporter >= 0;
}

static void bind_coded(sqlite3_stmt *s, const coded_sel *c, long long code)
{
    sqlite3_bind_int64(s, 1, c->cls);
    sqlite3_bind_int64(s, 2, code);
    sqlite3_bind_int64(s, 4, c->from);
    sqlite3_bind_int64(s, 5, c->to);
    sqlite3_bind_int64(s, 6, c->reporter);
}

/* ---- a batch's stored codes read once (tf_kept_code, batch.c) ---- */

void tf_store_kept_rows_free(tf_kept_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < rows[i].n; k++)
            if (rows[i].type[k] == SQLITE_TEXT)
                free(rows[i].v[k].t);
    free(rows);
}

/* The statement's current row into r; 0, or -1 when out of memory. */
static int kept_row_read(sqlite3_stmt *s, tf_kept_row *r)
{
    int n = sqlite3_column_count(s);
    r->n = n < TF_KEPT_COLS ? n : TF_KEPT_COLS;
    for (int i = 0; i < r->n; i++) {
        sqlite3_value *v = sqlite3_column_value(s, i); /* one call of the API a column */
        int type = sqlite3_value_type(v);
        r->type[i] = (unsigned char)(type == SQLITE_BLOB ? SQLITE_TEXT : type);
        if (type == SQLITE_INTEGER)
            r->v[i].i = sqlite3_value_int64(v);
        else if (type == SQLITE_FLOAT)
            r->v[i].f = sqlite3_value_double(v);
        else if (type != SQLITE_NULL &&
                 !(r->v[i].t = strdup((const char *)sqlite3_column_text(s, i)))) {
            r->n = i; /* the texts before it are freed with the row */
            return -1;
        }
    }
    return 0;
}

/* Every row of a stored code in c's range (every flow) into k. */
static tf_status code_rows_read(tf_db *d, const coded_sel *c, long long code, tf_kept_code *k)
{
    tf_selection all = {0};
    int own, rc;
    sqlite3_stmt *s = code_rows(d, &all, &own);
    if (!s)
        return TF_ERR_DB;
    bind_coded(s, c, code);
    size_t cap = 0;
    tf_status st = TF_OK;
    while (st == TF_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k->n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            tf_kept_row *p = realloc(k->v, nc * sizeof *p);
            if (!p) {
                st = TF_ERR_NOMEM;
                break;
            }
            k->v = p;
            cap = nc;
        }
        if (kept_row_read(s, &k->v[k->n++]) != 0)
            st = TF_ERR_NOMEM;
    }
    if (st == TF_OK && rc != SQLITE_DONE)
        st = db_error(d);
    give(s, own);
    return st;
}

/* The rows of a stored code kept by the open batch, read over the batch's
 * range the first time, when the batch's range holds c's; NULL (with *st
 * TF_OK) when the statement is to be read: no batch, a range beyond it, or
 * the batch full. */
static const tf_kept_code *code_kept(tf_db *d, const coded_sel *c, long long code,
                                     tf_status *st)
{
    long long from, to;
    *st = TF_OK;
    if (!tf_store_batch_codes(d, &from, &to) || c->from < from || c->to > to)
        return NULL;
    const tf_kept_code *k = tf_store_batch_code(d, c->cls, c->reporter, code);
    if (k)
        return k;
    coded_sel whole = *c;
    whole.from = from;
    whole.to = to;
    tf_kept_code nk = {c->cls, c->reporter, code, NULL, 0};
    *st = code_rows_read(d, &whole, code, &nk);
    if (*st != TF_OK) {
        tf_store_kept_rows_free(nk.v, nk.n);
        return NULL;
    }
    return tf_store_batch_keep_code(d, &nk) ? tf_store_batch_code(d, c->cls, c->reporter, code)
                                            : NULL;
}

static tf_status load_sources(tf_db *d, source_cache *c)
{
    sqlite3_stmt *s = cached(d, ST_SOURCES,
                             "SELECT id, ingested_at, vintage, ifnull(retracted_at, '')"
                             " FROM source ORDER BY id DESC");
    if (!s)
        return TF_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (tf_store_cache_source(c, sqlite3_column_int64(s, 0),
                                  (const char *)sqlite3_column_text(s, 1),
                                  (const char *)sqlite3_column_text(s, 2),
                                  (const char *)sqlite3_column_text(s, 3)) != TF_OK) {
            sqlite3_reset(s);
            return TF_ERR_NOMEM;
        }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TF_OK : db_error(d);
}

tf_status tf_store_cache_source(source_cache *c, long long id, const char *ingested_at,
                                const char *vintage, const char *retracted_at)
{
    if (!c->v) { /* the largest id comes first */
        c->n = id + 1;
        if (id < 0 || !(c->v = calloc((size_t)c->n, sizeof *c->v)))
            return TF_ERR_NOMEM;
    }
    if (id < 0 || id >= c->n)
        return TF_OK;
    source_seen *e = &c->v[id];
    tf_scopy(e->ingested_at, sizeof e->ingested_at, ingested_at);
    tf_scopy(e->vintage, sizeof e->vintage, vintage);
    tf_scopy(e->retracted_at, sizeof e->retracted_at, retracted_at);
    return TF_OK;
}

/* Whether a revision counts at the selection's as-of time: its source was
 * ingested by then, and is live then or (retracted) another source live then
 * stated the figure. 1 yes, 0 no, -1 on a database error. */
static int visible(tf_db *d, const select_run *x, const tf_revision *v, const source_seen *src)
{
    const char *at = x->bound[0] ? x->bound : "9999";
    if (x->bound[0] && strcmp(src->ingested_at, x->bound) > 0)
        return 0;
    if (!src->retracted_at[0] || strcmp(src->retracted_at, at) > 0)
        return 1;
    if (d->pg)
        return tf_pg_stated_live(d, v->id, at);
    sqlite3_stmt *s = cached(d, ST_STATED,
                             "SELECT 1 FROM stated t JOIN source s2 ON s2.id = t.source_id"
                             " WHERE t.record_id = ?1 AND (s2.retracted_at IS NULL OR"
                             " s2.retracted_at > ?2) AND s2.ingested_at <= ?2 LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, v->id);
    sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : (db_error(d), -1);
}

/* The rows of one period and flow of a stored code (the reporter is the
 * selection's), with the text ranks of the rest of their key. */
typedef struct block_key {
    unsigned rank[5];         /* partner, basis, trade mode, province, currency */
    long long id;
    size_t i;                 /* its row in rev */
} block_key;

struct select_block {
    tf_revision *rev;
    block_key *key;
    size_t n, cap;
    long long period;
    int flow;
    long long text_of;       /* the period code whose text is in text (0: none yet) */
    char text[20];
    tf_revision **vis;       /* block_flush: the visible rows of a cell */
};

static int key_cmp(const void *a, const void *b)
{
    const block_key *x = a, *y = b;
    for (int k = 0; k < 5; k++)
        if (x->rank[k] != y->rank[k])
            return x->rank[k] < y->rank[k] ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A visible revision's ingest time and vintage from its source (as
 * tf_store_select_rev sets them): 1, 0 when not visible at the as-of time,
 * -1 on a database error. */
static int visible_rev(tf_db *d, const select_run *x, tf_revision *cur)
{
    long long sid = cur->source_id;
    const source_seen *src = sid >= 0 && sid < x->src.n ? &x->src.v[sid] : NULL;
    if (!src) /* a source added since the selection began: not visible to it */
        return 0;
    int vis = visible(d, x, cur, src);
    if (vis > 0) {
        memcpy(cur->ingested_at, src->ingested_at, sizeof cur->ingested_at);
        memcpy(cur->vintage, src->vintage, sizeof cur->vintage);
    }
    return vis;
}

/* The revisions vis[0..n) of one cell (in ingest order) passed on as
 * group_push and group_emit pass them, without copying them: the current
 * one (the latest vintage, then the latest ingest), or all. */
static tf_status cell_emit(select_run *x, tf_revision **vis, size_t n)
{
    int all = x->sel->all_revisions;
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (strcmp(vis[i]->vintage, vis[best]->vintage) >= 0)
            best = i;
    tf_status st = TF_OK;
    for (size_t i = 0; i < n && st == TF_OK; i++) {
        vis[i]->current = i == best;
        if (all || i == best)
            st = x->fn(x->ctx, vis[i]);
    }
    return st;
}

/* The block's rows in the order of their text key (ids are in the order
 * values first came, so a later partner may have a smaller text), the
 * visible ones grouped by cell and passed on. A cell's rows share its period
 * and flow, so they all lie in one block: the block's cells are complete. */
static tf_status block_flush(tf_db *d, select_run *x)
{
    select_block *b = x->blk;
    int sorted = 1;
    for (size_t i = 1; i < b->n && sorted; i++)
        sorted = key_cmp(&b->key[i - 1], &b->key[i]) < 0;
    if (!sorted)
        qsort(b->key, b->n, sizeof *b->key, key_cmp);
    tf_status st = x->grp.n ? group_emit(&x->grp, x->sel->all_revisions, x->fn, x->ctx)
                            : TF_OK;
    size_t nv = 0;
    const block_key *cell = NULL; /* the key of vis[0]'s cell */
    for (size_t i = 0; i < b->n && st == TF_OK; i++) {
        tf_revision *cur = &b->rev[b->key[i].i];
        int vis = visible_rev(d, x, cur);
        if (vis < 0)
            st = TF_ERR_DB;
        if (vis <= 0)
            continue;
        /* one code, period, flow and reporter: the same cell where the rest of
         * the key is (each rank stands for one text of its dimension) */
        if (nv && memcmp(cell->rank, b->key[i].rank, sizeof cell->rank) != 0) {
            st = cell_emit(x, b->vis, nv);
            nv = 0;
        }
        if (nv == 0)
            cell = &b->key[i];
        b->vis[nv++] = cur;
    }
    if (st == TF_OK && nv)
        st = cell_emit(x, b->vis, nv);
    b->n = 0;
    return st;
}

static tf_status block_room(select_block *b)
{
    if (b->n < b->cap)
        return TF_OK;
    size_t cap = b->cap ? b->cap * 2 : 64;
    tf_revision *r = realloc(b->rev, cap * sizeof *r);
    if (r)
        b->rev = r;
    block_key *k = r ? realloc(b->key, cap * sizeof *k) : NULL;
    if (k)
        b->key = k;
    tf_revision **v = k ? realloc(b->vis, cap * sizeof *v) : NULL;
    if (!v)
        return TF_ERR_NOMEM;
    b->vis = v;
    b->cap = cap;
    return TF_OK;
}

/* One row of a code's range into its period and flow's block (the block
 * before it passed on first). */
static tf_status select_row(tf_db *d, select_run *x, col_src s, const char *cls,
                            const char *code)
{
    select_block *b = x->blk;
    long long period = col_int64(s, 0);
    int flow = (int)col_int64(s, 1);
    tf_status st = TF_OK;
    if (b->n && (period != b->period || flow != b->flow))
        st = block_flush(d, x);
    if (st != TF_OK || (st = block_room(b)) != TF_OK)
        return st;
    b->period = period;
    b->flow = flow;
    const tf_dicts *t = d->dicts;
    if (b->text_of != period || !b->text[0]) { /* a run of rows shares its period */
        tf_store_period_text(period, b->text);
        b->text_of = period;
    }
    if (read_revision(t, s, cls, code, b->text, &b->rev[b->n]) != 0)
        return tf_error_set(&d->error, TF_ERR_DB, "%s: a row of code %s holds a dimension id "
                            "missing from dim_value (the store was changed outside tradeflow)",
                            d->path, code);
    block_key *k = &b->key[b->n];
    static const int dim[5] = {DIM_PARTNER, DIM_BASIS, DIM_MODE, DIM_PROVINCE, DIM_CURRENCY};
    static const int col[5] = {3, 4, 5, 6, 12};
    for (int i = 0; i < 5; i++)
        k->rank[i] = tf_store_dict_rank(t, dim[i], col_int64(s, col[i]));
    k->id = b->rev[b->n].id;
    k->i = b->n++;
    return TF_OK;
}

tf_status tf_store_select_rev(tf_db *d, select_run *x, tf_revision *cur)
{
    long long sid = cur->source_id;
    const source_seen *src = sid >= 0 && sid < x->src.n ? &x->src.v[sid] : NULL;
    if (!src) /* a source added since the selection began: not visible to it */
        return TF_OK;
    int vis = visible(d, x, cur, src);
    if (vis <= 0)
        return vis < 0 ? TF_ERR_DB : TF_OK;
    memcpy(cur->ingested_at, src->ingested_at, sizeof cur->ingested_at);
    memcpy(cur->vintage, src->vintage, sizeof cur->vintage);
    tf_status st = TF_OK;
    int all = x->sel->all_revisions;
    if (x->grp.n && !same_cell(&x->grp.v[0].rec, &cur->rec))
        st = group_emit(&x->grp, all, x->fn, x->ctx);
    return st == TF_OK ? group_push(&x->grp, cur, all) : st;
}

/* The rows of one stored code from its statement, each to select_row. */
static tf_status stmt_rows_select(tf_db *d, select_run *x, const coded_sel *c, const char *cls,
                                  const stored_code *code)
{
    const tf_selection *sel = x->sel;
    int own;
    sqlite3_stmt *s = code_rows(d, sel, &own);
    if (!s)
        return TF_ERR_DB;
    bind_coded(s, c, code->id);
    if (sel->flow != TF_FLOW_NONE)
        sqlite3_bind_int(s, 7, (int)sel->flow);
    tf_status st = TF_OK;
    int rc;
    while (st == TF_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        st = select_row(d, x, (col_src){s, NULL}, cls, code->code);
    if (st == TF_OK && rc != SQLITE_DONE)
        st = db_error(d);
    give(s, own);
    return st;
}

/* The rows of one stored code kept by the batch (k), those the statement
 * would give (c's period range, the selection's flow), each to select_row. */
static tf_status kept_rows_select(tf_db *d, select_run *x, const coded_sel *c, const char *cls,
                                  const stored_code *code, const tf_kept_code *k)
{
    int flow = (int)x->sel->flow;
    tf_status st = TF_OK;
    for (size_t i = 0; i < k->n && st == TF_OK; i++) {
        col_src r = {NULL, &k->v[i]};
        long long period = col_int64(r, 0);
        if (period >= c->from && period <= c->to &&
            (flow == TF_FLOW_NONE || col_int64(r, 1) == flow))
            st = select_row(d, x, r, cls, code->code);
    }
    return st;
}

static tf_status select_code(tf_db *d, select_run *x, const coded_sel *c, const char *cls,
                             const stored_code *code)
{
    if (!x->src.v) {
        tf_status ls = load_sources(d, &x->src);
        if (ls != TF_OK)
            return ls;
    }
    tf_status st;
    const tf_kept_code *k = code_kept(d, c, code->id, &st);
    if (st == TF_OK)
        st = k ? kept_rows_select(d, x, c, cls, code, k) : stmt_rows_select(d, x, c, cls, code);
    if (st == TF_OK && x->blk->n)
        st = block_flush(d, x);
    x->blk->n = 0;
    if (st == TF_OK && x->grp.n)
        st = group_emit(&x->grp, x->sel->all_revisions, x->fn, x->ctx);
    x->grp.n = 0;
    return st;
}

/* Every stored code under each prefix, read by an equality on commodity so
 * the period range and the order come straight from the clustered key. */
static tf_status select_codes(tf_db *d, select_run *x, const char *cls, const char **codes,
                              size_t n_codes)
{
    tf_status st;
    coded_sel c;
    if (!code_selection(d, x->sel, cls, &c, &st)) /* nothing stored of them, or an error */
        return st;
    if (!(x->blk = calloc(1, sizeof *x->blk)))
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < n_codes && st == TF_OK; i++) {
        stored_code code = {0, ""};
        int more;
        while (st == TF_OK && (more = next_code(d, c.cls, codes[i], &code)) != 0)
            st = more < 0 ? TF_ERR_DB : select_code(d, x, &c, cls, &code);
    }
    free(x->blk->rev);
    free(x->blk->key);
    free(x->blk->vis);
    free(x->blk);
    x->blk = NULL;
    return st;
}

tf_status tf_store_select_end(select_run *x)
{
    tf_status st = x->grp.n ? group_emit(&x->grp, x->sel->all_revisions, x->fn, x->ctx) : TF_OK;
    x->grp.n = 0;
    return st;
}

tf_status tf_store_select_direct(tf_db *d, const tf_selection *sel,
                                 tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    char bound[32] = "";
    if (sel->as_of && !tf_store_as_of_bound(sel->as_of, bound)) {
        tf_error_set(&d->error, TF_ERR_USAGE, "bad --as-of '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
               sel->as_of);
        return TF_ERR_USAGE;
    }
    if (sel->n_codes == 0)
        return TF_OK;
    const char **codes = malloc(sel->n_codes * sizeof *codes);
    if (!codes)
        return TF_ERR_NOMEM;
    memcpy(codes, sel->codes, sel->n_codes * sizeof *codes);
    size_t n_codes = minimal_prefixes(codes, sel->n_codes);
    const char *cls = sel->classification ? sel->classification : "HS";
    select_run x = {sel, bound, {0}, {0}, fn, ctx, NULL};
    if (d->pg) {
        tf_status st = tf_pg_select(d, &x, cls, codes, n_codes);
        free(codes);
        free(x.src.v);
        free(x.grp.v);
        return st;
    }
    int began = read_begin(d);
    tf_status st = select_codes(d, &x, cls, codes, n_codes);
    read_end(d, began);
    free(codes);
    free(x.src.v);
    free(x.grp.v);
    return st;
}

void tf_store_ccy_tally(tf_ccy_tally *t, const char *ccy, long long rows)
{
    int i = 0;
    while (i < t->n && strcmp(t->code[i], ccy) < 0)
        i++;
    if (i < t->n && !strcmp(t->code[i], ccy)) {
        t->rows[i] += rows;
        return;
    }
    if (t->n == 8)
        return;
    memmove(&t->code[i + 1], &t->code[i], (size_t)(t->n - i) * sizeof t->code[0]);
    memmove(&t->rows[i + 1], &t->rows[i], (size_t)(t->n - i) * sizeof t->rows[0]);
    tf_scopy(t->code[i], sizeof t->code[i], ccy);
    t->rows[i] = rows;
    t->n++;
}

/* One currency's record count in one period (code_currency_counts). */
typedef struct ccy_cell {
    const char *text;        /* the currency (the dictionaries' text) */
    long long period, rows;
} ccy_cell;

static int ccy_cell_cmp(const void *a, const void *b)
{
    const ccy_cell *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->period > y->period) - (x->period < y->period);
}

/* A row of currency id ccy in period into v[0..*n) (counted where present). */
static int ccy_cell_add(tf_db *d, ccy_cell **v, size_t *n, long long ccy, long long period)
{
    const char *text = tf_store_dict_text(d->dicts, DIM_CURRENCY, ccy);
    if (!text)
        return SQLITE_OK; /* not in dim_value: as the join it replaces, not counted */
    for (size_t i = *n; i-- > 0;)
        if ((*v)[i].period == period && (*v)[i].text == text) {
            (*v)[i].rows++;
            return SQLITE_OK;
        }
    ccy_cell *p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p)
        return SQLITE_NOMEM;
    *v = p;
    p[(*n)++] = (ccy_cell){text, period, 1};
    return SQLITE_OK;
}

/* code_currency_counts from a batch's kept rows of the code: those of c's
 * range in a currency, as the statement below selects them. */
static int kept_currency_counts(tf_db *d, const coded_sel *c, const tf_kept_code *k,
                                ccy_cell **v, size_t *n)
{
    *v = NULL;
    *n = 0;
    for (size_t i = 0; i < k->n; i++) {
        col_src r = {NULL, &k->v[i]};
        long long period = col_int64(r, 0), ccy = col_int64(r, 12);
        if (period >= c->from && period <= c->to && ccy != 0 &&
            ccy_cell_add(d, v, n, ccy, period) != SQLITE_OK)
            return SQLITE_NOMEM;
    }
    if (*n > 1)
        qsort(*v, *n, sizeof **v, ccy_cell_cmp);
    return SQLITE_DONE;
}

/* The records of one stored code in the coded range (currency not "") by
 * currency and period, into *v (*n of them, the caller frees) in the order
 * of the currency's text, then the period: counted here from the ids, one
 * pass of the clustered range, rather than grouped by SQLite on the text
 * through a join with dim_value (a lookup a row). An SQLite result code,
 * SQLITE_DONE when all is well. */
static int code_currency_counts(tf_db *d, const coded_sel *c, long long code, ccy_cell **v,
                                size_t *n)
{
    tf_status kst;
    const tf_kept_code *k = code_kept(d, c, code, &kst);
    if (kst != TF_OK)
        return kst == TF_ERR_NOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    if (k)
        return kept_currency_counts(d, c, k, v, n);
    int own;
    sqlite3_stmt *s = take(d, ST_CCY_PERIOD,
                           "SELECT currency, period FROM cell WHERE classification = ?1"
                           " AND commodity = ?2 AND period >= ?4 AND period <= ?5"
                           " AND reporter = ?6 AND currency <> 0",
                           &own);
    *v = NULL;
    *n = 0;
    if (!s)
        return SQLITE_ERROR;
    bind_coded(s, c, code);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (ccy_cell_add(d, v, n, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)) !=
            SQLITE_OK) {
            rc = SQLITE_NOMEM;
            break;
        }
    give(s, own);
    if (*n > 1)
        qsort(*v, *n, sizeof **v, ccy_cell_cmp);
    return rc;
}

/* The currencies of one stored code in the period range (a range of the
 * clustered key), added to t in the order of their text. */
static int code_currencies(tf_db *d, const coded_sel *c, long long code, tf_ccy_tally *t)
{
    ccy_cell *v;
    size_t n;
    int rc = code_currency_counts(d, c, code, &v, &n);
    for (size_t i = 0; i < n && rc == SQLITE_DONE;) {
        long long rows = 0;
        size_t j = i;
        for (; j < n && v[j].text == v[i].text; j++)
            rows += v[j].rows;
        tf_store_ccy_tally(t, v[i].text, rows);
        i = j;
    }
    free(v);
    return rc;
}

tf_status tf_db_select(tf_db *d, const tf_selection *sel,
                       tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    tf_status st;
    if (tf_store_batch_select(d, sel, fn, ctx, &st)) /* a batch's range (batch.c) */
        return st;
    return tf_store_select_direct(d, sel, fn, ctx);
}

/* The currencies of one stored code by period over the coded range:
 * fn(currency, period, rows) in currency (text), then period order. An
 * SQLite result code. */
static int code_currency_periods(tf_db *d, const coded_sel *c, long long code,
                                 void (*fn)(void *ctx, const char *currency, const char *period,
                                            long long rows),
                                 void *ctx)
{
    ccy_cell *v;
    size_t n;
    int rc = code_currency_counts(d, c, code, &v, &n);
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        char period[20];
        tf_store_period_text(v[i].period, period);
        fn(ctx, v[i].text, period, v[i].rows);
    }
    free(v);
    return rc;
}

tf_status tf_store_currency_periods(tf_db *d, const tf_selection *sel, const char *from,
                                    const char *to,
                                    void (*fn)(void *ctx, const char *currency,
                                               const char *period, long long rows),
                                    void *ctx)
{
    tf_status st;
    coded_sel c;
    if (!code_selection(d, sel, NULL, &c, &st))
        return st;
    c.from = tf_store_period_bound(from, 0);
    c.to = tf_store_period_bound(to, 1);
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < sel->n_codes && rc == SQLITE_DONE; i++) {
        stored_code code = {0, ""};
        int more;
        while (rc == SQLITE_DONE && (more = next_code(d, c.cls, sel->codes[i], &code)) != 0)
            rc = more < 0 ? SQLITE_ERROR : code_currency_periods(d, &c, code.id, fn, ctx);
    }
    return rc == SQLITE_DONE ? TF_OK : db_error(d);
}

/* The currency counts of sel's codes, one tally per prefix, to fn. */
static tf_status currency_rows(tf_db *d, const tf_selection *sel,
                               void (*fn)(void *ctx, const char *currency, long long rows),
                               void *ctx)
{
    tf_status st;
    coded_sel c;
    if (!code_selection(d, sel, NULL, &c, &st))
        return st;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < sel->n_codes && rc == SQLITE_DONE; i++) {
        tf_ccy_tally t = {0};
        stored_code code = {0, ""};
        int more;
        while (rc == SQLITE_DONE && (more = next_code(d, c.cls, sel->codes[i], &code)) != 0)
            rc = more < 0 ? SQLITE_ERROR : code_currencies(d, &c, code.id, &t);
        for (int k = 0; k < t.n && rc == SQLITE_DONE; k++)
            fn(ctx, t.code[k], t.rows[k]);
    }
    return rc == SQLITE_DONE ? TF_OK : db_error(d);
}

tf_status tf_db_currency_rows(tf_db *d, const tf_selection *sel,
                              void (*fn)(void *ctx, const char *currency, long long rows),
                              void *ctx)
{
    tf_status bst;
    if (tf_store_batch_currency(d, sel, fn, ctx, &bst)) /* a batch's range (batch.c) */
        return bst;
    if (d->pg)
        return tf_pg_currency_rows(d, sel, fn, ctx);
    int began = read_begin(d);
    tf_status st = currency_rows(d, sel, fn, ctx);
    read_end(d, began);
    return st;
}

int tf_db_partner_name(tf_db *d, const char *partner, char *buf, size_t len)
{
    buf[0] = '\0';
    if (d->pg)
        return tf_pg_partner_name(d, partner, buf, len);
    if (!d->partner_name &&
        sqlite3_prepare_v2(d->db, "SELECT name FROM partner_name WHERE code = ?1", -1,
                           &d->partner_name, NULL) != SQLITE_OK)
        return 0;
    sqlite3_reset(d->partner_name);
    sqlite3_bind_text(d->partner_name, 1, partner, -1, SQLITE_TRANSIENT);
    int found = 0;
    if (sqlite3_step(d->partner_name) == SQLITE_ROW) {
        tf_scopy(buf, len, (const char *)sqlite3_column_text(d->partner_name, 0));
        found = 1;
    }
    sqlite3_reset(d->partner_name);
    return found;
}

int tf_store_window_held(tf_db *d, const char *product)
{
    sqlite3_stmt *s = d->pg ? NULL : cached(d, ST_WINDOW_HELD,
                                            "SELECT 1 FROM window_point WHERE product = ?1"
                                            " LIMIT 1");
    if (!s)
        return 1;
    sqlite3_bind_text(s, 1, product, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc != SQLITE_DONE;
}

tf_status tf_db_window_points(tf_db *d, const char *product, const char *kind,
                              const char *series, const char *from, const char *to,
                              const char *as_of,
                              tf_status (*fn)(void *ctx, const char *date, double value),
                              void *ctx)
{
    char bound[32] = "";
    if (as_of && !tf_store_as_of_bound(as_of, bound)) {
        tf_error_set(&d->error, TF_ERR_USAGE, "bad --as-of '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
               as_of);
        return TF_ERR_USAGE;
    }
    if (d->pg)
        return tf_pg_window_points(d, product, kind, series, from, to, bound, fn, ctx);
    /* the newest revision of each day as of the bound: rows come by date, then age */
    int own;
    sqlite3_stmt *s = take(d, ST_WINDOW,
                           "SELECT w.date, w.value FROM window_point w JOIN source s"
                           " ON s.id = w.source_id WHERE w.product=?1 AND w.series=?2 AND"
                           " w.kind=?6 AND w.date BETWEEN ?3 AND ?4 AND"
                           " s.ingested_at <= ?5 AND (s.retracted_at IS NULL OR"
                           " s.retracted_at > ?5) ORDER BY w.date, w.id", &own);
    if (!s)
        return TF_ERR_DB;
    sqlite3_bind_text(s, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, series, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, bound[0] ? bound : "9999", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, kind, -1, SQLITE_STATIC);
    tf_status st = TF_OK;
    char date[16] = "";
    double value = 0;
    int have = 0, rc;
    while (st == TF_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *dt = (const char *)sqlite3_column_text(s, 0);
        if (have && strcmp(dt, date) != 0)
            st = fn(ctx, date, value);
        tf_scopy(date, sizeof date, dt);
        value = sqlite3_column_double(s, 1);
        have = 1;
    }
    if (st == TF_OK && rc != SQLITE_DONE) {
        tf_store_sqlite_error(d);
        st = TF_ERR_DB;
    }
    if (st == TF_OK && have)
        st = fn(ctx, date, value);
    give(s, own);
    return st;
}

static void count_source(void *ctx, const tf_source_info *s)
{
    (void)s;
    (*(int *)ctx)++;
}

int tf_db_discard_if_empty(const char *path)
{
    tf_db *db = NULL;
    if (tf_pg_is_url(path))
        return tf_pg_discard_if_empty(path);
    /* another writer holds the file (hold_file): it is theirs to fill */
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    int n = 0;
    if (tf_db_open(path, TF_DB_READ, &db, NULL) != TF_OK || tf_db_sources(db, count_source, &n) != TF_OK)
        n = -1;
    tf_db_close(&db);
    if (n == 0) {
        char j[4200];
        tf_fmt(j, sizeof j, "%s-journal", path);
        unlink(path);
        unlink(j);
    }
    close(fd); /* after the unlink: a writer waiting for the lock then opens a new file */
    return n == 0;
}
