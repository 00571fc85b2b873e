/*
 * The store on a PostgreSQL server (libpq): connection, schema, queries.
 * The same tables as the SQLite store (pg_schema.c) and the same rules: the
 * selection's grouping and visibility are store.c's (tf_store_select_rev),
 * fed rows read here in the same cell-key order. SQL only through bound
 * parameters (PQexecParams) or COPY (pg_ingest.c). A connection string's
 * password is masked in every message (tf_db_mask).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "tradeflow/store.h"
#include "../common/util.h"
#include "pg_int.h"
#include "store_int.h"

int tf_pg_is_url(const char *path)
{
    return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

/* Copy s[0..n) to out, then "****" for a password of length > 0. */
static size_t put(char *out, size_t len, size_t o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && o + 1 < len; i++)
        out[o++] = s[i];
    if (len)
        out[o < len ? o : len - 1] = '\0';
    return o;
}

void tf_db_mask(const char *path, char *out, size_t len)
{
    if (!tf_pg_is_url(path)) {
        tf_scopy(out, len, path);
        return;
    }
    const char *auth = strstr(path, "://") + 3;
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *p = auth; p < auth + alen; p++)
        if (*p == '@')
            at = p;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    size_t o = 0;
    if (colon) { /* user:password@host */
        o = put(out, len, o, path, (size_t)(colon + 1 - path));
        o = put(out, len, o, "****", 4);
        o = put(out, len, o, at, (size_t)(auth + alen - at));
    } else {
        o = put(out, len, o, path, (size_t)(auth + alen - path));
    }
    /* the path, then ?...&password=...&... */
    const char *p = auth + alen;
    size_t plen = strcspn(p, "?");
    o = put(out, len, o, p, plen);
    p += plen;
    while (*p) {
        size_t n = strcspn(p + 1, "&") + 1;
        if (!strncmp(p + 1, "password=", 9)) {
            o = put(out, len, o, p, 10);
            o = put(out, len, o, "****", 4);
        } else {
            o = put(out, len, o, p, n);
        }
        p += n;
    }
}

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

/* The message of a failed result (or of the connection), one line. */
static void pg_message(tf_db *d, const PGresult *r, char *buf, size_t len)
{
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    tf_scopy(buf, len, m && *m ? m : PQerrorMessage(d->pg));
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    for (char *c = buf; *c; c++)
        if (*c == '\n')
            *c = ' ';
}

tf_status tf_pg_fail(tf_db *d, const PGresult *r)
{
    char msg[400];
    pg_message(d, r, msg, sizeof msg);
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (state && !strcmp(state, "55P03")) /* lock_timeout: another ingest held the lock */
        return tf_store_wait_failed(d, "another ingest's lock on the store");
    if (state && !strcmp(state, "42501"))
        return tf_error_set(&d->error, TF_ERR_DB,
                            "%s: this role may not change the store (%s): a read-only role "
                            "can report but not ingest or retract; nothing was changed",
                            d->path, msg);
    return tf_error_set(&d->error, TF_ERR_DB, "%s: %s", d->path, msg);
}

PGresult *tf_pg_exec(tf_db *d, const char *sql, int n, const char *const *params)
{
    PGresult *r = n ? PQexecParams(d->pg, sql, n, NULL, params, NULL, NULL, 0)
                    : PQexec(d->pg, sql);
    ExecStatusType s = PQresultStatus(r);
    if (r && (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK || s == PGRES_COPY_IN))
        return r;
    tf_pg_fail(d, r);
    PQclear(r);
    return NULL;
}

tf_status tf_pg_run(tf_db *d, const char *sql, int n, const char *const *params)
{
    PGresult *r = tf_pg_exec(d, sql, n, params);
    PQclear(r);
    return r ? TF_OK : TF_ERR_DB;
}

/* The schema version stored, 0 when the database holds no tradeflow store,
 * -1 on an error. The table is looked up in pg_class with the statement's
 * snapshot, not with to_regclass: that reads the session's catalog cache,
 * which after a wait for the advisory lock (create_schema) may not yet show
 * the table another session has just created, and the CREATE then failed
 * with 'relation "tradeflow_schema" already exists'. */
static int schema_version(tf_db *d)
{
    PGresult *r = tf_pg_exec(d, "SELECT EXISTS(SELECT 1 FROM pg_catalog.pg_class c JOIN"
                                " pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE"
                                " c.relname = 'tradeflow_schema' AND n.nspname = current_schema())",
                             0, NULL);
    if (!r)
        return -1;
    int has = PQntuples(r) == 1 && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!has)
        return 0;
    if (!(r = tf_pg_exec(d, "SELECT max(version) FROM tradeflow_schema", 0, NULL)))
        return -1;
    int v = PQntuples(r) == 1 ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    return v;
}

/* Create the schema in one transaction, under the store's advisory lock (two
 * processes opening an empty database create it once). */
static tf_status create_schema(tf_db *d)
{
    tf_status st = tf_pg_run(d, "BEGIN", 0, NULL);
    if (st == TF_OK)
        st = tf_pg_run(d, "SELECT pg_advisory_xact_lock(" TF_PG_LOCK ")", 0, NULL);
    int v = st == TF_OK ? schema_version(d) : -1;
    if (v == 0)
        st = tf_pg_run(d, tf_pg_schema_sql, 0, NULL);
    if (st == TF_OK && v >= 0)
        return tf_pg_run(d, "COMMIT", 0, NULL);
    PQclear(PQexec(d->pg, "ROLLBACK"));
    return TF_ERR_DB;
}

tf_status tf_pg_open(tf_db *d, const char *conninfo, tf_open_mode mode)
{
    tf_db_mask(conninfo, d->path, sizeof d->path);
    tf_error e = {0};
    if (tf_pq_load(&e) != TF_OK)
        return tf_error_set(&d->error, TF_ERR_IO, "%s: %s", d->path, e.msg);
    d->pg = PQconnectdb(conninfo);
    if (!d->pg)
        return tf_error_set(&d->error, TF_ERR_NOMEM, "%s: out of memory", d->path);
    if (PQstatus(d->pg) != CONNECTION_OK) {
        char msg[400];
        pg_message(d, NULL, msg, sizeof msg);
        return tf_error_set(&d->error, TF_ERR_DB, "%s: cannot connect: %s", d->path, msg);
    }
    PQsetNoticeProcessor(d->pg, quiet, NULL);
    /* the readers give UTF-8 text whatever the database's own encoding */
    if (PQsetClientEncoding(d->pg, "UTF8") != 0)
        return tf_error_set(&d->error, TF_ERR_DB, "%s: the server does not take UTF-8 text",
                            d->path);
    if (mode == TF_DB_CREATE &&
        tf_pg_run(d, "SELECT pg_advisory_lock_shared(" TF_PG_HOLD_LOCK ")", 0, NULL) != TF_OK)
        return TF_ERR_DB;
    int v = schema_version(d);
    if (v < 0)
        return TF_ERR_DB;
    if (v > TF_PG_SCHEMA_VERSION)
        return tf_error_set(&d->error, TF_ERR_DB_NEWER,
                            "%s: written by a newer tradeflow (schema %d; this version reads "
                            "up to %d)", d->path, v, TF_PG_SCHEMA_VERSION);
    if (v == 0 && mode == TF_DB_READ)
        return tf_error_set(&d->error, TF_ERR_NOT_FOUND,
                            "%s: no tradeflow store in this database (ingest a file first)",
                            d->path);
    return v == 0 ? create_schema(d) : TF_OK;
}

void tf_pg_close(tf_db *d)
{
    if (d->pg)
        PQfinish(d->pg);
    d->pg = NULL;
}

/* Integer text of a column (0 when NULL). */
static long long col_ll(const PGresult *r, int row, int col)
{
    return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

int tf_pg_stated_live(tf_db *d, long long id, const char *at)
{
    char ids[24];
    tf_fmt(ids, sizeof ids, "%lld", id);
    const char *p[] = {ids, at};
    PGresult *r = tf_pg_exec(d,
                             "SELECT 1 FROM stated t JOIN source s2 ON s2.id = t.source_id"
                             " WHERE t.record_id = $1 AND (s2.retracted_at IS NULL OR"
                             " s2.retracted_at > $2) AND s2.ingested_at <= $2 LIMIT 1", 2, p);
    if (!r)
        return -1;
    int n = PQntuples(r);
    PQclear(r);
    return n > 0;
}

static tf_status load_sources(tf_db *d, source_cache *c)
{
    PGresult *r = tf_pg_exec(d, "SELECT id, ingested_at, vintage, coalesce(retracted_at, '')"
                                " FROM source ORDER BY id DESC", 0, NULL);
    if (!r)
        return TF_ERR_DB;
    tf_status st = TF_OK;
    for (int i = 0; i < PQntuples(r) && st == TF_OK; i++)
        st = tf_store_cache_source(c, col_ll(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                                   PQgetvalue(r, i, 3));
    PQclear(r);
    return st;
}

#define PG_CELL_COLS "classification, commodity, period, flow, reporter, partner," \
                     " partner_basis, trade_mode, province, quantity, unit, quantity2, unit2," \
                     " value, currency, coalesce(status, 'reported'), provenance, source_id," \
                     " line, id, cif, fob"
#define PG_CELL_KEY "classification, commodity, period, flow, reporter, partner, partner_basis," \
                    " trade_mode, province, currency, id"

/* An optional figure of column col. */
static void col_opt(const PGresult *r, int row, int col, int *has, tf_milli *v)
{
    *has = !PQgetisnull(r, row, col);
    *v = *has ? col_ll(r, row, col) : 0;
}

/* A row of PG_CELL_COLS into v (the source's ingest time and vintage are the caller's). */
static void read_revision(const PGresult *q, int i, tf_revision *v)
{
    tf_record *r = &v->rec;
    tf_record_init(r);
#define TXT(dst, col) tf_scopy(dst, sizeof dst, PQgetvalue(q, i, col))
    TXT(r->classification, 0);
    TXT(r->commodity, 1);
    TXT(r->period, 2);
    r->flow = (tf_flow)col_ll(q, i, 3);
    TXT(r->reporter, 4);
    TXT(r->partner, 5);
    TXT(r->partner_basis, 6);
    TXT(r->trade_mode, 7);
    TXT(r->province, 8);
    col_opt(q, i, 9, &r->has_quantity, &r->quantity);
    TXT(r->unit, 10);
    col_opt(q, i, 11, &r->has_quantity2, &r->quantity2);
    TXT(r->unit2, 12);
    col_opt(q, i, 13, &r->has_value, &r->value);
    TXT(r->currency, 14);
    TXT(r->status, 15);
    TXT(r->provenance, 16);
    v->source_id = col_ll(q, i, 17);
    r->line = (unsigned long)col_ll(q, i, 18);
    v->id = col_ll(q, i, 19);
    col_opt(q, i, 20, &r->has_cif, &r->cif);
    col_opt(q, i, 21, &r->has_fob, &r->fob);
#undef TXT
}

/* A selection's statements on cursor tf_sel_N (N the nesting depth: a
 * callback may select again), with and without the flow. */
#define SEL_WHERE " FROM cell WHERE classification = $1 AND commodity >= $2 AND commodity < $3" \
                  " AND period >= $4 AND period <= $5 AND reporter = $6"
#define SEL_DECLARE(n, flow) "DECLARE tf_sel_" #n " NO SCROLL CURSOR FOR SELECT " PG_CELL_COLS \
                             SEL_WHERE flow " ORDER BY " PG_CELL_KEY
#define SEL_CURSOR(n) {{SEL_DECLARE(n, ""), SEL_DECLARE(n, " AND flow = $7")}, \
                       "FETCH 20000 FROM tf_sel_" #n, "CLOSE tf_sel_" #n}
#define SEL_DEPTH 4
static const struct {
    const char *declare[2], *fetch, *close;
} sel_cursor[SEL_DEPTH] = {SEL_CURSOR(0), SEL_CURSOR(1), SEL_CURSOR(2), SEL_CURSOR(3)};

/* The rows of every code under one prefix in the period range, in cell-key
 * order (codes ascending, as the SQLite store reads them code by code),
 * through a cursor fetched in batches: memory stays bounded whatever the
 * range, and a callback may select again between batches. */
static tf_status select_prefix(tf_db *d, select_run *x, const char *cls, const char *prefix)
{
    const tf_selection *sel = x->sel;
    char hi[32], flow[8];
    tf_store_prefix_end(prefix, hi);
    tf_fmt(flow, sizeof flow, "%d", (int)sel->flow);
    const char *p[] = {cls, prefix, hi, sel->period_from ? sel->period_from : "",
                       sel->period_to ? sel->period_to : "9999",
                       sel->reporter ? sel->reporter : "CHN", flow};
    int has_flow = sel->flow != TF_FLOW_NONE, k = d->pg_cursors;
    if (k >= SEL_DEPTH)
        return tf_error_set(&d->error, TF_ERR_DB, "%s: selections nested %d deep", d->path, k);
    if (tf_pg_run(d, sel_cursor[k].declare[has_flow], has_flow ? 7 : 6, p) != TF_OK)
        return TF_ERR_DB;
    d->pg_cursors++;
    tf_status st = TF_OK;
    tf_revision cur;
    for (int n = 1; st == TF_OK && n > 0;) {
        PGresult *r = tf_pg_exec(d, sel_cursor[k].fetch, 0, NULL);
        if (!r) {
            st = TF_ERR_DB;
            break;
        }
        n = PQntuples(r);
        for (int i = 0; i < n && st == TF_OK; i++) {
            read_revision(r, i, &cur);
            st = tf_store_select_rev(d, x, &cur);
        }
        PQclear(r);
    }
    d->pg_cursors--;
    if (st == TF_OK)
        st = tf_pg_run(d, sel_cursor[k].close, 0, NULL);
    else /* a callback's error: the cursor closed, or the transaction aborted already */
        PQclear(PQexec(d->pg, sel_cursor[k].close));
    return st == TF_OK ? tf_store_select_end(x) : st;
}

tf_status tf_pg_select(tf_db *d, select_run *x, const char *cls, const char *const *codes,
                       size_t n_codes)
{
    /* one snapshot for the whole selection, as SQLite's read transaction */
    int began = PQtransactionStatus(d->pg) == PQTRANS_IDLE;
    if (began && tf_pg_run(d, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL))
        return TF_ERR_DB;
    tf_status st = load_sources(d, &x->src);
    for (size_t c = 0; c < n_codes && st == TF_OK; c++)
        st = select_prefix(d, x, cls, codes[c]);
    if (began)
        PQclear(PQexec(d->pg, "COMMIT"));
    return st;
}

tf_status tf_pg_sources(tf_db *d, void (*fn)(void *ctx, const tf_source_info *s), void *ctx)
{
    PGresult *r = tf_pg_exec(d, "SELECT id, name, sha256, format, options, ingested_at, rows,"
                                " added, revised, unchanged, coalesce(retracted_at, ''), vintage,"
                                " older FROM source ORDER BY id", 0, NULL);
    if (!r)
        return TF_ERR_DB;
    for (int k = 0; k < PQntuples(r); k++) {
        tf_source_info i;
        memset(&i, 0, sizeof i);
        i.id = col_ll(r, k, 0);
        tf_scopy(i.name, sizeof i.name, PQgetvalue(r, k, 1));
        tf_scopy(i.sha256, sizeof i.sha256, PQgetvalue(r, k, 2));
        tf_scopy(i.format, sizeof i.format, PQgetvalue(r, k, 3));
        tf_scopy(i.options, sizeof i.options, PQgetvalue(r, k, 4));
        tf_scopy(i.ingested_at, sizeof i.ingested_at, PQgetvalue(r, k, 5));
        i.rows = (unsigned long)col_ll(r, k, 6);
        i.added = (unsigned long)col_ll(r, k, 7);
        i.revised = (unsigned long)col_ll(r, k, 8);
        i.unchanged = (unsigned long)col_ll(r, k, 9);
        tf_scopy(i.retracted_at, sizeof i.retracted_at, PQgetvalue(r, k, 10));
        tf_scopy(i.vintage, sizeof i.vintage, PQgetvalue(r, k, 11));
        i.older = (unsigned long)col_ll(r, k, 12);
        fn(ctx, &i);
    }
    PQclear(r);
    return TF_OK;
}

/* The rows of a one-value query: 1 when it returned a row (*out its first
 * column as an integer), 0 when none, -1 on an error. */
static int one_ll(tf_db *d, const char *sql, int n, const char *const *p, long long *out)
{
    PGresult *r = tf_pg_exec(d, sql, n, p);
    if (!r)
        return -1;
    int found = PQntuples(r) > 0;
    if (found && out)
        *out = col_ll(r, 0, 0);
    PQclear(r);
    return found;
}

tf_status tf_pg_retract(tf_db *d, long long source_id, int restore, const char *stamp)
{
    char ids[24];
    tf_fmt(ids, sizeof ids, "%lld", source_id);
    const char *p[] = {ids, stamp};
    long long twin = 0;
    int f = restore ? one_ll(d, "SELECT b.id FROM source a JOIN source b ON b.sha256 = a.sha256"
                                " AND b.options = a.options AND b.id <> a.id AND"
                                " b.retracted_at IS NULL WHERE a.id = $1", 1, p, &twin) : 0;
    if (f < 0)
        return TF_ERR_DB;
    if (f > 0)
        return tf_error_set(&d->error, TF_ERR_USAGE,
                            "%s: source %lld's file was ingested again with the same options as "
                            "source %lld, which counts; nothing changed (retract %lld first to "
                            "count %lld instead)", d->path, source_id, twin, twin, source_id);
    PGresult *r = tf_pg_exec(d, restore ? "UPDATE source SET retracted_at = NULL WHERE id = $1"
                                        : "UPDATE source SET retracted_at = $2 WHERE id = $1"
                                          " AND retracted_at IS NULL", restore ? 1 : 2, p);
    if (!r)
        return TF_ERR_DB;
    long changed = strtol(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    if (changed)
        return TF_OK;
    f = one_ll(d, "SELECT 1 FROM source WHERE id = $1", 1, p, NULL);
    if (f < 0)
        return TF_ERR_DB;
    if (f == 0)
        return tf_error_set(&d->error, TF_ERR_NOT_FOUND,
                            "%s: no source %lld (see tradeflow sources)", d->path, source_id);
    return TF_OK;
}

tf_status tf_pg_currency_rows(tf_db *d, const tf_selection *sel,
                              void (*fn)(void *ctx, const char *currency, long long rows),
                              void *ctx)
{
    const char *cls = sel->classification ? sel->classification : "HS";
    for (size_t i = 0; i < sel->n_codes; i++) {
        char hi[32];
        tf_store_prefix_end(sel->codes[i], hi);
        const char *p[] = {cls, sel->codes[i], hi, sel->period_from ? sel->period_from : "",
                           sel->period_to ? sel->period_to : "9999",
                           sel->reporter ? sel->reporter : "CHN"};
        PGresult *r = tf_pg_exec(d, "SELECT currency, count(*) FROM cell WHERE"
                                    " classification = $1 AND commodity >= $2 AND commodity < $3"
                                    " AND period >= $4 AND period <= $5 AND reporter = $6"
                                    " AND currency <> '' GROUP BY currency ORDER BY currency",
                                 6, p);
        if (!r)
            return TF_ERR_DB;
        for (int k = 0; k < PQntuples(r); k++)
            fn(ctx, PQgetvalue(r, k, 0), col_ll(r, k, 1));
        PQclear(r);
    }
    return TF_OK;
}

int tf_pg_partner_name(tf_db *d, const char *partner, char *buf, size_t len)
{
    const char *p[] = {partner};
    PGresult *r = tf_pg_exec(d, "SELECT name FROM partner_name WHERE code = $1", 1, p);
    int found = r && PQntuples(r) > 0;
    if (found)
        tf_scopy(buf, len, PQgetvalue(r, 0, 0));
    PQclear(r);
    return found;
}

tf_status tf_pg_window_points(tf_db *d, const char *product, const char *kind,
                              const char *series, const char *from, const char *to,
                              const char *bound,
                              tf_status (*fn)(void *ctx, const char *date, double value),
                              void *ctx)
{
    const char *p[] = {product, series, from, to, bound[0] ? bound : "9999", kind};
    /* the newest revision of each day as of the bound: rows come by date, then age */
    PGresult *r = tf_pg_exec(d, "SELECT w.date, w.value FROM window_point w JOIN source s"
                                " ON s.id = w.source_id WHERE w.product = $1 AND w.series = $2"
                                " AND w.kind = $6 AND w.date BETWEEN $3 AND $4 AND"
                                " s.ingested_at <= $5 AND (s.retracted_at IS NULL OR"
                                " s.retracted_at > $5) ORDER BY w.date, w.id", 6, p);
    if (!r)
        return TF_ERR_DB;
    tf_status st = TF_OK;
    int n = PQntuples(r);
    for (int i = 0; i < n && st == TF_OK; i++)
        if (i + 1 == n || strcmp(PQgetvalue(r, i, 0), PQgetvalue(r, i + 1, 0)) != 0)
            st = fn(ctx, PQgetvalue(r, i, 0), strtod(PQgetvalue(r, i, 1), NULL));
    PQclear(r);
    return st;
}

/* The tables of an empty store dropped (a failed first ingest leaves the
 * database as it was), under the store's lock so that no ingest is under way,
 * and only when no other writer holds the store (TF_PG_HOLD_LOCK: one still
 * reading its file would find the tables gone); kept when it holds a source or
 * a window point, or on any error. The wait for the exclusive lock is short:
 * long enough for the session of the failed ingest itself to end. */
int tf_pg_discard_if_empty(const char *conninfo)
{
    tf_db d = {0};
    tf_status st = tf_pg_open(&d, conninfo, TF_DB_READ);
    if (st == TF_OK)
        st = tf_pg_run(&d, "BEGIN", 0, NULL);
    if (st == TF_OK)
        st = tf_pg_run(&d, "SET LOCAL lock_timeout = '500ms'", 0, NULL);
    if (st == TF_OK)
        st = tf_pg_run(&d, "SELECT pg_advisory_xact_lock(" TF_PG_HOLD_LOCK ")", 0, NULL);
    if (st == TF_OK)
        st = tf_pg_run(&d, "SELECT pg_advisory_xact_lock(" TF_PG_LOCK ")", 0, NULL);
    int empty = st == TF_OK &&
                one_ll(&d, "SELECT 1 WHERE NOT EXISTS(SELECT 1 FROM source) AND"
                           " NOT EXISTS(SELECT 1 FROM window_point) AND"
                           " NOT EXISTS(SELECT 1 FROM cell)", 0, NULL, NULL) == 1;
    if (empty)
        empty = tf_pg_run(&d, "DROP VIEW record; DROP TABLE cell, stated, counter, window_point,"
                              " partner_name, source, tradeflow_schema", 0, NULL) == TF_OK &&
                tf_pg_run(&d, "COMMIT", 0, NULL) == TF_OK;
    tf_pg_close(&d);
    return empty;
}
