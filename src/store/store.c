/*
 * The store: SQLite schema, migrations, ingest with revisions, selections.
 *
 * Every revision of a cell is a row of `record`; the newest (largest id)
 * is current. Nothing is updated or deleted, so older figures stay queryable.
 * The index record_cell serves the ingest's "current revision of this cell"
 * lookup and the reports' range scans by commodity and period.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tradeflow/store.h"
#include "../common/util.h"
#include "store_int.h"

#define TF_APPLICATION_ID 0x54466c77 /* "TFlw" */
#define TF_BUSY_WAIT_MS 300000        /* wait up to 5 minutes for another writer */

struct tf_db {
    sqlite3 *db;
    char path[1024];
    tf_error error;          /* the last failed call's (tradeflow/common.h) */
    sqlite3_stmt *partner_name;
};

/* Forward migrations: migrations[v] takes schema v to v+1. */
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

static tf_status exec(tf_db *d, const char *sql)
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

static int pragma_int(tf_db *d, const char *sql, int *out)
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

static tf_status migrate(tf_db *d)
{
    int app = 0, ver = 0, ntables = 0;
    int rc = pragma_int(d, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = pragma_int(d, "PRAGMA user_version", &ver);
    if (rc == SQLITE_OK)
        rc = pragma_int(d, "SELECT count(*) FROM sqlite_master", &ntables);
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB,
                     "%s: not a tradeflow database (%s)", d->path,
               sqlite3_errstr(rc));
        return rc == SQLITE_NOTADB ? TF_ERR_NOT_TF_DB : TF_ERR_DB;
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
    tf_status st = exec(d, "BEGIN IMMEDIATE");
    if (st)
        return st;
    /* Another process may have created or migrated the schema while this
     * one waited for the write lock: look again inside the transaction. */
    rc = pragma_int(d, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = pragma_int(d, "PRAGMA user_version", &ver);
    if (rc != SQLITE_OK) {
        st = TF_ERR_DB;
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errstr(rc));
        goto fail;
    }
    if (app == TF_APPLICATION_ID && ver == TF_SCHEMA_VERSION)
        return exec(d, "COMMIT");
    if (app != TF_APPLICATION_ID)
        ver = 0;
    for (int v = ver; v < TF_SCHEMA_VERSION; v++)
        if ((st = exec(d, migrations[v])) != TF_OK)
            goto fail;
    char sql[128];
    tf_fmt(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
           TF_APPLICATION_ID, TF_SCHEMA_VERSION);
    if ((st = exec(d, sql)) != TF_OK)
        goto fail;
    return exec(d, "COMMIT");
fail:
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

tf_status tf_db_open(const char *path, tf_open_mode mode, tf_db **out, tf_error *err)
{
    *out = NULL;
    tf_db *d = calloc(1, sizeof *d);
    if (!d)
        return tf_error_set(err, TF_ERR_NOMEM, "%s: %s", path, tf_strerror(TF_ERR_NOMEM));
    tf_scopy(d->path, sizeof d->path, path);
    tf_status st = TF_OK;
    struct stat sb;
    if (mode == TF_DB_READ && stat(path, &sb) != 0) {
        tf_error_set(&d->error, TF_ERR_NOT_FOUND, "%s: no such database (ingest a file first)",
                     path);
        st = TF_ERR_NOT_FOUND;
        goto fail;
    }
    int flags = mode == TF_DB_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                     : SQLITE_OPEN_READWRITE;
    int rc = sqlite3_open_v2(path, &d->db, flags, NULL);
    if (rc != SQLITE_OK && mode == TF_DB_READ) {
        /* a read-only file can still be reported from */
        sqlite3_close(d->db);
        d->db = NULL;
        rc = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READONLY, NULL);
    }
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: cannot open database: %s", path,
               d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc));
        st = TF_ERR_DB;
        goto fail;
    }
    sqlite3_busy_timeout(d->db, TF_BUSY_WAIT_MS);
    sqlite3_extended_result_codes(d->db, 0);
    if (mode == TF_DB_READ) {
        /* reading never turns a file into a database: an empty file stays empty */
        int app = 0, ntables = 0;
        rc = pragma_int(d, "PRAGMA application_id", &app);
        if (rc == SQLITE_OK)
            rc = pragma_int(d, "SELECT count(*) FROM sqlite_master", &ntables);
        if (rc == SQLITE_OK && app == 0 && ntables == 0) {
            tf_error_set(&d->error, TF_ERR_NOT_TF_DB,
                         "%s: not a tradeflow database (an empty file)", path);
            st = TF_ERR_NOT_TF_DB;
            goto fail;
        }
    }
    if ((st = migrate(d)) != TF_OK)
        goto fail;
    if ((st = exec(d, "PRAGMA foreign_keys = ON")) != TF_OK)
        goto fail;
    /* A larger page cache (64 MiB instead of SQLite's 2 MiB) keeps the upper
     * levels of the record index in memory during a large ingest and across
     * the reports of one process; the first 256 MiB of the file are read
     * through a memory map instead of a read(2) per page. Neither changes what
     * is stored, and both bound the memory used whatever the file's size. */
    if ((st = exec(d, mode == TF_DB_READ
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
    sqlite3_finalize((*db)->partner_name);
    sqlite3_close((*db)->db);
    free(*db);
    *db = NULL;
}

/* ---- ingest ---- */

typedef struct ingest_ctx {
    tf_db *d;
    const char *name;
    long long source_id;
    sqlite3_stmt *lookup, *insert, *seen, *pname, *plookup, *pinsert, *stated;
    const char *product;
    char vintage[11];        /* this file's: YYYY-MM-DD */
    tf_ingest_result *res;
} ingest_ctx;

static void bind_key(sqlite3_stmt *s, const tf_record *r)
{
    sqlite3_bind_text(s, 1, r->classification, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r->commodity, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r->period, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, (int)r->flow);
    sqlite3_bind_text(s, 5, r->reporter, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, r->partner, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, r->partner_basis, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, r->trade_mode, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, r->province, -1, SQLITE_STATIC);
}

static int col_eq_opt(sqlite3_stmt *s, int col, int has, tf_milli v)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return !has;
    return has && sqlite3_column_int64(s, col) == v;
}

static int col_eq_text(sqlite3_stmt *s, int col, const char *v)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return strcmp(t ? (const char *)t : "", v) == 0;
}

static tf_status db_fail(ingest_ctx *x, tf_diag *diag)
{
    int rc = sqlite3_errcode(x->d->db);
    const char *hint = "";
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
        hint = " (is the disk full, or the file size limited?)";
    else if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM)
        hint = " (check the permissions of the database file and its folder)";
    tf_error_set(&diag->error, TF_ERR_DB, "%s: database error: %s%s", x->d->path,
           sqlite3_errmsg(x->d->db), hint);
    return TF_ERR_DB;
}

static void describe_cell(const tf_record *r, char *buf, size_t len)
{
    tf_fmt(buf, len, "%s %s %s %s %s%s%s%s%s%s%s%s%s", r->period, tf_flow_name(r->flow),
           r->classification, r->commodity, r->partner,
           r->partner_basis[0] ? " basis " : "", r->partner_basis,
           r->trade_mode[0] ? " mode " : "", r->trade_mode,
           r->province[0] ? " province " : "", r->province,
           r->currency[0] ? " currency " : "", r->currency);
}

/* A cell whose current figure this file states unchanged: not stored again,
 * but recorded as stated by this source too, so that retracting the source
 * that first stored it leaves the figure standing. */
static tf_status state_unchanged(ingest_ctx *x, long long rec_id, tf_diag *diag)
{
    sqlite3_stmt *s = x->stated;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, rec_id);
    sqlite3_bind_int64(s, 2, x->source_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(x, diag);
    x->res->unchanged++;
    return TF_OK;
}

static tf_status ingest_sink(void *ctx, const tf_record *r, tf_diag *diag)
{
    ingest_ctx *x = ctx;
    sqlite3_stmt *s = x->lookup;
    sqlite3_reset(s);
    bind_key(s, r);
    sqlite3_bind_text(s, 10, r->currency, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    int is_new = 1;
    long long rec_id = 0;
    int older = 0;
    if (rc == SQLITE_ROW) {
        is_new = 0;
        long long src = sqlite3_column_int64(s, 7);
        rec_id = sqlite3_column_int64(s, 11);
        if (src == x->source_id) {
            char cellname[256];
            describe_cell(r, cellname, sizeof cellname);
            tf_error_set(&diag->error, TF_ERR_INPUT,
                   "%s:%lu:1: the same cell appears twice in this file (%s; first at line %lld)",
                   x->name, r->line, cellname, (long long)sqlite3_column_int64(s, 8));
            sqlite3_reset(s);
            return TF_ERR_INPUT;
        }
        int same = col_eq_opt(s, 0, r->has_quantity, r->quantity) &&
                   col_eq_text(s, 1, r->unit) &&
                   col_eq_opt(s, 2, r->has_quantity2, r->quantity2) &&
                   col_eq_text(s, 3, r->unit2) &&
                   col_eq_opt(s, 4, r->has_value, r->value) &&
                   col_eq_text(s, 5, r->currency) && col_eq_text(s, 6, r->status) &&
                   col_eq_opt(s, 9, r->has_cif, r->cif) && col_eq_opt(s, 10, r->has_fob, r->fob);
        /* the figure standing is of a later vintage: this one is kept as history */
        const unsigned char *cv = sqlite3_column_text(s, 12);
        older = cv && strcmp((const char *)cv, x->vintage) > 0;
        sqlite3_reset(s);
        /* A cell stored before this file: remember it was seen here, so a
         * second copy in this file is caught whether or not the first one
         * changed the figure (an unchanged copy is not stored again). */
        sqlite3_stmt *q = x->seen;
        sqlite3_reset(q);
        char key[256];
        describe_cell(r, key, sizeof key);
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)r->line);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc == SQLITE_CONSTRAINT) {
            tf_error_set(&diag->error, TF_ERR_INPUT,
                   "%s:%lu:1: the same cell appears twice in this file (%s)", x->name, r->line,
                   key);
            return TF_ERR_INPUT;
        }
        if (rc != SQLITE_DONE)
            return db_fail(x, diag);
        if (same)
            return state_unchanged(x, rec_id, diag);
    } else if (rc != SQLITE_DONE) {
        sqlite3_reset(s);
        return db_fail(x, diag);
    } else {
        sqlite3_reset(s);
    }
    s = x->insert;
    sqlite3_reset(s);
    bind_key(s, r);
    if (r->has_quantity)
        sqlite3_bind_int64(s, 10, r->quantity);
    else
        sqlite3_bind_null(s, 10);
    sqlite3_bind_text(s, 11, r->unit, -1, SQLITE_STATIC);
    if (r->has_quantity2)
        sqlite3_bind_int64(s, 12, r->quantity2);
    else
        sqlite3_bind_null(s, 12);
    sqlite3_bind_text(s, 13, r->unit2, -1, SQLITE_STATIC);
    if (r->has_value)
        sqlite3_bind_int64(s, 14, r->value);
    else
        sqlite3_bind_null(s, 14);
    sqlite3_bind_text(s, 15, r->currency, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 16, r->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 17, r->provenance, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 18, x->source_id);
    sqlite3_bind_int64(s, 19, (sqlite3_int64)r->line);
    if (r->has_cif)
        sqlite3_bind_int64(s, 20, r->cif);
    else
        sqlite3_bind_null(s, 20);
    if (r->has_fob)
        sqlite3_bind_int64(s, 21, r->fob);
    else
        sqlite3_bind_null(s, 21);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(x, diag);
    if (is_new)
        x->res->added++;
    else if (older)
        x->res->older++;
    else
        x->res->revised++;
    if (r->partner_name[0] &&
        (strncmp(r->partner, "GACC:", 5) == 0 || strncmp(r->partner, "M49:", 4) == 0)) {
        s = x->pname;
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, r->partner, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, r->partner_name, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(x, diag);
    }
    return TF_OK;
}

/* A point of a published series: stored unless the newest stored value for
 * that day is the same. */
static tf_status point_sink(void *ctx, const tf_window_point *p, tf_diag *diag)
{
    ingest_ctx *x = ctx;
    sqlite3_stmt *s = x->plookup;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, x->product, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p->series, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, p->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, p->kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    int exists = rc == SQLITE_ROW;
    double old = exists ? sqlite3_column_double(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(x, diag);
    if (exists && old == p->value) {
        x->res->unchanged++;
        return TF_OK;
    }
    s = x->pinsert;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, x->product, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p->series, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, p->date, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 4, p->value);
    sqlite3_bind_int64(s, 5, x->source_id);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)p->line);
    sqlite3_bind_text(s, 7, p->kind, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(x, diag);
    if (exists)
        x->res->revised++;
    else
        x->res->added++;
    return TF_OK;
}

/* The ingest options that change what a file yields; with the file's hash
 * they identify a source. Returns a string to free, or NULL. */
static char *options_string(const tf_read_opts *o)
{
    size_t len = 190 + (o->product ? strlen(o->product) : 0) +
                 (o->columns ? strlen(o->columns) : 0);
    for (size_t i = 0; o->hs && i < o->n_hs; i++)
        len += strlen(o->hs[i]) + 1;
    char *buf = malloc(len), *hs = malloc(len);
    if (!buf || !hs) {
        free(buf);
        free(hs);
        return NULL;
    }
    hs[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; o->hs && i < o->n_hs; i++)
        used += (size_t)snprintf(hs + used, len - used, "%s%s", i ? "," : "", o->hs[i]);
    tf_fmt(buf, len, "%s%s%s%s%s%s%s%s", o->flow ? "flow=" : "", tf_flow_name(o->flow),
           o->partner_basis ? ";basis=" : "", o->partner_basis ? o->partner_basis : "",
           o->reporter ? ";reporter=" : "", o->reporter ? o->reporter : "", hs[0] ? ";hs=" : "",
           hs);
    if (o->product) {
        size_t u = strlen(buf);
        snprintf(buf + u, len - u, ";product=%s", o->product);
    }
    if (o->columns) {
        size_t u = strlen(buf);
        snprintf(buf + u, len - u, ";columns=%s", o->columns);
    }
    if (o->period) {
        size_t u = strlen(buf);
        snprintf(buf + u, len - u, ";period=%.20s", o->period);
    }
    if (buf[0] == ';')
        memmove(buf, buf + 1, strlen(buf));
    free(hs);
    return buf;
}

/* The live (not retracted) source that ingested this file with these
 * options: 1 and *id, 0 when none, -1 on a database error. */
static int find_source(tf_db *d, const char *sha, const char *options, long long *id)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT id FROM source WHERE sha256=?1 AND options=?2"
                           " AND retracted_at IS NULL", -1, &s, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, options, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* SHA-256 of a regular file, then rewind; 0 when not seekable. */
static int prehash(FILE *in, char hex[65])
{
    struct stat sb;
    if (fstat(fileno(in), &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    long start = ftell(in);
    if (start < 0)
        return 0;
    tf_sha256 *h = tf_sha256_new();
    if (!h)
        return 0;
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        tf_sha256_update(h, buf, n);
    int ok = !ferror(in);
    tf_sha256_final(h, hex);
    clearerr(in);
    if (fseek(in, start, SEEK_SET) != 0)
        return 0;
    return ok;
}

/* 1 when ingest order is not vintage order: a stored source has a later
 * vintage than one ingested after it, or than this file's. 0 when not, -1 on a
 * database error. */
static int vintage_out_of_order(tf_db *d, const char *vintage, long long self)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT EXISTS(SELECT 1 FROM source WHERE id <> ?2 AND vintage > ?1)"
                           " OR EXISTS(SELECT 1 FROM source a JOIN source b ON b.id > a.id"
                           " AND b.vintage < a.vintage WHERE a.id <> ?2 AND b.id <> ?2)",
                           -1, &s, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(s, 1, vintage, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, self);
    int rc = sqlite3_step(s);
    int out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return out;
}

static void ingest_finalize(ingest_ctx *x)
{
    sqlite3_stmt *all[] = {x->lookup, x->insert,  x->seen,  x->pname,
                           x->plookup, x->pinsert, x->stated};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
}

static tf_status ingest(tf_db *d, FILE *in, const char *name, const tf_read_opts *opts,
                        const tf_refdata *ref, const char *now, tf_diag *diag,
                        tf_ingest_result *res, const char *options)
{
    char stamp[32], sha[65] = "";
    if (now)
        tf_scopy(stamp, sizeof stamp, now);
    else
        tf_now_utc(stamp);

    long long existing;
    if (prehash(in, sha)) {
        int f = find_source(d, sha, options, &existing);
        if (f < 0) {
            tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
            return TF_ERR_DB;
        }
        if (f == 1) {
            res->already = 1;
            res->source_id = existing;
            tf_scopy(res->sha256, sizeof res->sha256, sha);
            return TF_OK;
        }
    }

    tf_status st = exec(d, "BEGIN IMMEDIATE");
    if (st)
        return st;
    ingest_ctx x = {0};
    x.d = d;
    x.name = name;
    x.res = res;
    sqlite3_stmt *src = NULL;
    int rc = sqlite3_prepare_v2(
        d->db,
        "INSERT INTO source(name, sha256, format, options, ingested_at, vintage)"
        " VALUES(?1,'',?2,?3,?4,?5)",
        -1, &src, NULL);
    if (opts->vintage)
        tf_scopy(x.vintage, sizeof x.vintage, opts->vintage);
    else
        tf_copy(x.vintage, sizeof x.vintage, stamp, 10);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(src, 5, x.vintage, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 2, tf_format_name(opts->format), -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 3, options, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 4, stamp, -1, SQLITE_STATIC);
        rc = sqlite3_step(src) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(src);
    x.source_id = sqlite3_last_insert_rowid(d->db);
    /* Retracted sources are rare: only when there are any does the per-row
     * lookup of a cell's current revision need to join `source` to skip them. */
    int any_retracted = 0;
    if (rc == SQLITE_OK)
        rc = pragma_int(d, "SELECT EXISTS(SELECT 1 FROM source WHERE retracted_at IS NOT NULL)",
                        &any_retracted);
    /* Files come in vintage order almost always: then the current revision is
     * the newest ingested and the lookup needs neither `source` nor a sort. */
    int by_vintage = rc == SQLITE_OK ? vintage_out_of_order(d, x.vintage, x.source_id) : 0;
    if (by_vintage < 0)
        rc = SQLITE_ERROR;
    char lookup_sql[1024];
    tf_fmt(lookup_sql, sizeof lookup_sql,
           "SELECT r.quantity, r.unit, r.quantity2, r.unit2, r.value, r.currency, r.status,"
           " r.source_id, r.line, r.cif, r.fob, r.id, %s FROM record r %s"
           " WHERE r.classification=?1 AND r.commodity=?2 AND r.period=?3 AND r.flow=?4"
           " AND r.reporter=?5 AND r.partner=?6 AND r.partner_basis=?7 AND r.trade_mode=?8"
           " AND r.province=?9 AND r.currency=?10 %s ORDER BY %s r.id DESC LIMIT 1",
           by_vintage ? "s.vintage" : "''",
           by_vintage || any_retracted ? "JOIN source s ON s.id = r.source_id" : "",
           any_retracted ? "AND (s.retracted_at IS NULL OR EXISTS(SELECT 1 FROM stated t"
                           " JOIN source s2 ON s2.id = t.source_id WHERE t.record_id = r.id"
                           " AND s2.retracted_at IS NULL))" : "",
           by_vintage ? "s.vintage DESC," : "");
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db, lookup_sql, -1, &x.lookup, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            d->db,
            "INSERT INTO record(classification, commodity, period, flow, reporter, partner,"
            " partner_basis, trade_mode, province, quantity, unit, quantity2, unit2, value,"
            " currency, status, provenance, source_id, line, cif, fob)"
            " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)",
            -1, &x.insert, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(d->db,
                          "CREATE TEMP TABLE IF NOT EXISTS ingest_seen(cell TEXT PRIMARY KEY,"
                          " line INTEGER) WITHOUT ROWID; DELETE FROM ingest_seen;",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db, "INSERT INTO ingest_seen(cell, line) VALUES(?1, ?2)",
                                -1, &x.seen, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db,
                                "INSERT OR IGNORE INTO stated(record_id, source_id) VALUES(?1, ?2)",
                                -1, &x.stated, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db,
                                "INSERT OR IGNORE INTO partner_name(code, name) VALUES(?1, ?2)",
                                -1, &x.pname, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db,
                                "SELECT w.value FROM window_point w JOIN source s ON"
                                " s.id = w.source_id WHERE w.product=?1 AND w.series=?2"
                                " AND w.kind=?4 AND w.date=?3 AND s.retracted_at IS NULL"
                                " ORDER BY w.id DESC LIMIT 1",
                                -1, &x.plookup, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db,
                                "INSERT INTO window_point(product, series, kind, date, value,"
                                " source_id, line) VALUES(?1, ?2, ?7, ?3, ?4, ?5, ?6)",
                                -1, &x.pinsert, NULL);
    tf_read_opts ro = *opts;
    ro.points = point_sink;
    ro.points_ctx = &x;
    x.product = opts->product ? opts->product : "primary-aluminium";
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        st = TF_ERR_DB;
        goto rollback;
    }
    st = tf_read(in, name, &ro, ref, ingest_sink, &x, diag, &res->read, res->sha256);
    if (st != TF_OK) {
        d->error = diag->error;
        goto rollback;
    }
    if (res->read.kept == 0) {
        res->empty = 1;
        goto rollback_ok;
    }
    /* stdin and other streams: known only now whether this file was seen */
    if (find_source(d, res->sha256, options, &existing) == 1) {
        res->already = 1;
        res->source_id = existing;
        res->added = res->revised = res->unchanged = 0;
        goto rollback_ok;
    }
    rc = sqlite3_prepare_v2(d->db,
                            "UPDATE source SET sha256=?1, format=?2, rows=?3, added=?4,"
                            " revised=?5, unchanged=?6, ingested_at=?8, older=?9 WHERE id=?7",
                            -1, &src, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(src, 1, res->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 2, tf_format_name(res->read.format), -1, SQLITE_STATIC);
        sqlite3_bind_int64(src, 3, (sqlite3_int64)res->read.rows);
        sqlite3_bind_int64(src, 4, (sqlite3_int64)res->added);
        sqlite3_bind_int64(src, 5, (sqlite3_int64)res->revised);
        sqlite3_bind_int64(src, 6, (sqlite3_int64)res->unchanged);
        sqlite3_bind_int64(src, 7, x.source_id);
        /* the time the figures become visible: as-of compares with it */
        if (!now)
            tf_now_utc(stamp);
        sqlite3_bind_text(src, 8, stamp, -1, SQLITE_STATIC);
        sqlite3_bind_int64(src, 9, (sqlite3_int64)res->older);
        rc = sqlite3_step(src) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(src);
    }
    ingest_finalize(&x);
    if (rc != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return TF_ERR_DB;
    }
    if ((st = exec(d, "COMMIT")) != TF_OK) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    res->source_id = x.source_id;
    return TF_OK;
rollback_ok:
    st = TF_OK;
rollback:
    ingest_finalize(&x);
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

tf_status tf_db_ingest(tf_db *d, FILE *in, const char *name, const tf_read_opts *opts,
                       const tf_refdata *ref, const char *now, tf_diag *diag,
                       tf_ingest_result *res)
{
    memset(res, 0, sizeof *res);
    tf_error_clear(&d->error);
    tf_error_clear(&diag->error);
    char *options = options_string(opts);
    if (!options)
        return TF_ERR_NOMEM;
    tf_status st = ingest(d, in, name, opts, ref, now, diag, res, options);
    free(options);
    return st;
}

/* ---- queries ---- */

tf_status tf_db_sources(tf_db *d, void (*fn)(void *ctx, const tf_source_info *s), void *ctx)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT id, name, sha256, format, options, ingested_at, rows, added,"
                           " revised, unchanged, ifnull(retracted_at, ''), vintage, older"
                           " FROM source ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
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
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
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
    if (restore) {
        long long twin = live_twin(d, source_id);
        if (twin < 0) {
            tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
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
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        return TF_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, source_id);
    if (!restore)
        sqlite3_bind_text(s, 2, stamp, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
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
static int as_of_bound(const char *as_of, char out[32])
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

static void read_revision(sqlite3_stmt *s, tf_revision *v)
{
    tf_record *r = &v->rec;
    tf_record_init(r);
#define TXT(dst, col) tf_scopy(dst, sizeof dst, (const char *)sqlite3_column_text(s, col))
    TXT(r->classification, 0);
    TXT(r->commodity, 1);
    TXT(r->period, 2);
    r->flow = (tf_flow)sqlite3_column_int(s, 3);
    TXT(r->reporter, 4);
    TXT(r->partner, 5);
    TXT(r->partner_basis, 6);
    TXT(r->trade_mode, 7);
    TXT(r->province, 8);
    r->has_quantity = sqlite3_column_type(s, 9) != SQLITE_NULL;
    r->quantity = sqlite3_column_int64(s, 9);
    TXT(r->unit, 10);
    r->has_quantity2 = sqlite3_column_type(s, 11) != SQLITE_NULL;
    r->quantity2 = sqlite3_column_int64(s, 11);
    TXT(r->unit2, 12);
    r->has_value = sqlite3_column_type(s, 13) != SQLITE_NULL;
    r->value = sqlite3_column_int64(s, 13);
    TXT(r->currency, 14);
    TXT(r->status, 15);
    TXT(r->provenance, 16);
    v->source_id = sqlite3_column_int64(s, 17);
    r->line = (unsigned long)sqlite3_column_int64(s, 18);
    v->id = sqlite3_column_int64(s, 19);
    TXT(v->ingested_at, 20);
    r->has_cif = sqlite3_column_type(s, 21) != SQLITE_NULL;
    r->cif = sqlite3_column_int64(s, 21);
    r->has_fob = sqlite3_column_type(s, 22) != SQLITE_NULL;
    r->fob = sqlite3_column_int64(s, 22);
    TXT(v->vintage, 23);
#undef TXT
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

/* The revisions of one cell, in ingest order; `best` is the current one: the
 * latest vintage, then the latest ingest. Without all_revisions only the
 * best so far is kept. */
typedef struct rev_group {
    tf_revision *v;
    size_t n, cap, best;
} rev_group;

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

tf_status tf_db_select(tf_db *d, const tf_selection *sel,
                       tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    char bound[32] = "";
    if (sel->as_of && !as_of_bound(sel->as_of, bound)) {
        tf_error_set(&d->error, TF_ERR_USAGE,
                     "bad --as-of '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", sel->as_of);
        return TF_ERR_USAGE;
    }
    if (sel->n_codes == 0)
        return TF_OK;
    const char **codes = malloc(sel->n_codes * sizeof *codes);
    if (!codes)
        return TF_ERR_NOMEM;
    memcpy(codes, sel->codes, sel->n_codes * sizeof *codes);
    size_t n_codes = minimal_prefixes(codes, sel->n_codes);

    char sql[1536];
    tf_fmt(sql, sizeof sql,
           "SELECT r.classification, r.commodity, r.period, r.flow, r.reporter, r.partner,"
           " r.partner_basis, r.trade_mode, r.province, r.quantity, r.unit, r.quantity2,"
           " r.unit2, r.value, r.currency, r.status, r.provenance, r.source_id, r.line, r.id,"
           " s.ingested_at, r.cif, r.fob, s.vintage FROM record r"
           " JOIN source s ON s.id = r.source_id"
           " WHERE r.classification = ?1 AND r.commodity = ?2"
           " AND r.period >= ?4 AND r.period <= ?5 AND r.reporter = ?6 %s %s"
           " AND (s.retracted_at IS NULL OR s.retracted_at > ?9 OR EXISTS(SELECT 1 FROM"
           " stated t JOIN source s2 ON s2.id = t.source_id WHERE t.record_id = r.id AND"
           " (s2.retracted_at IS NULL OR s2.retracted_at > ?9) AND s2.ingested_at <= ?9))"
           " ORDER BY r.classification, r.commodity, r.period, r.flow, r.reporter, r.partner,"
           " r.partner_basis, r.trade_mode, r.province, r.currency, r.id",
           sel->flow != TF_FLOW_NONE ? "AND r.flow = ?7" : "",
           bound[0] ? "AND s.ingested_at <= ?8" : "");
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db, sql, -1, &s, NULL) != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        free(codes);
        return TF_ERR_DB;
    }
    /* The codes under a prefix, found by index seeks; then each code is read
     * with an equality on commodity so the period range and the order come
     * straight from the index (no scan of other months, no sort). */
    sqlite3_stmt *next = NULL;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT commodity FROM record WHERE classification = ?1 AND"
                           " commodity >= ?2 AND commodity < ?3 ORDER BY commodity LIMIT 1",
                           -1, &next, NULL) != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        sqlite3_finalize(s);
        free(codes);
        return TF_ERR_DB;
    }
    const char *cls = sel->classification ? sel->classification : "HS";
    tf_status st = TF_OK;
    tf_revision cur;
    rev_group grp = {0};
    char commodity[32] = "";
    size_t c = 0;
    int first = 1;
    while (c < n_codes && st == TF_OK) {
        char hi[32];
        tf_scopy(hi, sizeof hi, codes[c]);
        size_t hl = strlen(hi);
        if (hl == 0)
            hi[0] = '\x7f', hi[1] = '\0';
        else
            hi[hl - 1]++;
        if (first) {
            tf_scopy(commodity, sizeof commodity, codes[c]);
            first = 0;
        }
        sqlite3_reset(next);
        sqlite3_bind_text(next, 1, cls, -1, SQLITE_STATIC);
        sqlite3_bind_text(next, 2, commodity, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(next, 3, hi, -1, SQLITE_TRANSIENT);
        int nrc = sqlite3_step(next);
        if (nrc == SQLITE_DONE) {
            c++;
            first = 1;
            continue;
        }
        if (nrc != SQLITE_ROW) {
            tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
            st = TF_ERR_DB;
            break;
        }
        tf_scopy(commodity, sizeof commodity, (const char *)sqlite3_column_text(next, 0));
        sqlite3_reset(next);
        char after[40]; /* the smallest text above this code: the next seek starts there */
        tf_fmt(after, sizeof after, "%s\x01", commodity);
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, cls, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, commodity, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, sel->period_from ? sel->period_from : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, sel->period_to ? sel->period_to : "9999", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, sel->reporter ? sel->reporter : "CHN", -1, SQLITE_STATIC);
        if (sel->flow != TF_FLOW_NONE)
            sqlite3_bind_int(s, 7, (int)sel->flow);
        if (bound[0])
            sqlite3_bind_text(s, 8, bound, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 9, bound[0] ? bound : "9999", -1, SQLITE_STATIC);
        int rc;
        while (st == TF_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            read_revision(s, &cur);
            if (grp.n && !same_cell(&grp.v[0].rec, &cur.rec))
                st = group_emit(&grp, sel->all_revisions, fn, ctx);
            if (st == TF_OK)
                st = group_push(&grp, &cur, sel->all_revisions);
        }
        if (st == TF_OK && rc != SQLITE_DONE) {
            tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
            st = TF_ERR_DB;
        }
        if (st == TF_OK && grp.n)
            st = group_emit(&grp, sel->all_revisions, fn, ctx);
        grp.n = 0;
        tf_scopy(commodity, sizeof commodity, after);
    }
    sqlite3_finalize(next);
    sqlite3_finalize(s);
    free(codes);
    free(grp.v);
    return st;
}

tf_status tf_db_currency_rows(tf_db *d, const tf_selection *sel,
                              void (*fn)(void *ctx, const char *currency, long long rows),
                              void *ctx)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT currency, count(*) FROM record WHERE classification = ?1"
                           " AND commodity >= ?2 AND commodity < ?3 AND period >= ?4"
                           " AND period <= ?5 AND reporter = ?6 AND currency <> ''"
                           " GROUP BY currency ORDER BY currency", -1, &s, NULL) != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        return TF_ERR_DB;
    }
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < sel->n_codes && rc == SQLITE_DONE; i++) {
        char hi[32];
        tf_scopy(hi, sizeof hi, sel->codes[i]);
        size_t hl = strlen(hi);
        if (hl == 0)
            hi[0] = '\x7f', hi[1] = '\0';
        else
            hi[hl - 1]++;
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, sel->classification ? sel->classification : "HS", -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(s, 2, sel->codes[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, hi, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, sel->period_from ? sel->period_from : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, sel->period_to ? sel->period_to : "9999", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, sel->reporter ? sel->reporter : "CHN", -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        return TF_ERR_DB;
    }
    return TF_OK;
}

int tf_db_partner_name(tf_db *d, const char *partner, char *buf, size_t len)
{
    buf[0] = '\0';
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

tf_status tf_db_window_points(tf_db *d, const char *product, const char *kind,
                              const char *series, const char *from, const char *to,
                              const char *as_of,
                              tf_status (*fn)(void *ctx, const char *date, double value),
                              void *ctx)
{
    char bound[32] = "";
    if (as_of && !as_of_bound(as_of, bound)) {
        tf_error_set(&d->error, TF_ERR_USAGE,
                     "bad --as-of '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", as_of);
        return TF_ERR_USAGE;
    }
    /* the newest revision of each day as of the bound: rows come by date, then age */
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT w.date, w.value FROM window_point w JOIN source s"
                           " ON s.id = w.source_id WHERE w.product=?1 AND w.series=?2 AND"
                           " w.kind=?6 AND w.date BETWEEN ?3 AND ?4 AND"
                           " s.ingested_at <= ?5 AND (s.retracted_at IS NULL OR"
                           " s.retracted_at > ?5) ORDER BY w.date, w.id",
                           -1, &s, NULL) != SQLITE_OK) {
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        return TF_ERR_DB;
    }
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
        tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, sqlite3_errmsg(d->db));
        st = TF_ERR_DB;
    }
    if (st == TF_OK && have)
        st = fn(ctx, date, value);
    sqlite3_finalize(s);
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
    if (tf_db_open(path, TF_DB_READ, &db, NULL) != TF_OK)
        return 0;
    int n = 0;
    tf_status st = tf_db_sources(db, count_source, &n);
    tf_db_close(&db);
    if (st != TF_OK || n != 0)
        return 0;
    char j[4200];
    tf_fmt(j, sizeof j, "%s-journal", path);
    unlink(path);
    unlink(j);
    return 1;
}
