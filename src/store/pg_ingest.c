/*
 * The ingest on PostgreSQL: one transaction per file, under the store's
 * advisory lock (concurrent ingests wait their turn; readers are never
 * blocked). The file's cells, read and sorted as for SQLite (tf_store_read_cells),
 * go by COPY into a temporary staging table; one ordered query returns each
 * staged cell with its cell's standing revision; the revision rule shared
 * with SQLite (tf_store_standing) decides each, and the decisions go back by
 * COPY; then one INSERT … SELECT stores the new revisions (ids in key order
 * from `counter`, as SQLite gives them), one the cells stated unchanged.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "tradeflow/store.h"
#include "../common/util.h"
#include "pg_int.h"

/* A growing buffer of COPY text. */
typedef struct copybuf {
    char *p;
    size_t n, cap;
    int failed;       /* out of memory */
} copybuf;

typedef struct pg_ingest {
    tf_db *d;
    const char *name;
    long long source_id, next_id, ord;
    char vintage[11];
    const char *product;
    tf_ingest_result *res;
    tf_cells cells;
    copybuf stage;     /* the staged cells, flushed to the server as it grows */
} pg_ingest;

#define COPY_FLUSH (1u << 20)

static void cb_put(copybuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 1 << 16;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* A text field in COPY's text format (backslash, tab, newline, CR escaped),
 * then a tab or (last) a newline. */
static void cb_text(copybuf *b, const char *s, int last)
{
    for (; *s; s++) {
        const char *e = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
                      : *s == '\r' ? "\\r" : NULL;
        if (e)
            cb_put(b, e, 2);
        else
            cb_put(b, s, 1);
    }
    cb_put(b, last ? "\n" : "\t", 1);
}

/* An integer, or COPY's NULL (\N) when !has. */
static void cb_ll(copybuf *b, int has, long long v, int last)
{
    char t[32];
    if (has)
        tf_fmt(t, sizeof t, "%lld%s", v, last ? "\n" : "\t");
    else
        tf_scopy(t, sizeof t, last ? "\\N\n" : "\\N\t");
    cb_put(b, t, strlen(t));
}

/* Send the buffer into the COPY in progress. TF_OK or TF_ERR_DB. */
static tf_status cb_send(tf_db *d, copybuf *b)
{
    if (b->n && PQputCopyData(d->pg, b->p, (int)b->n) != 1)
        return tf_pg_fail(d, NULL);
    b->n = 0;
    return TF_OK;
}

/* End the COPY in progress (errmsg non-NULL: abort it). TF_OK or TF_ERR_DB. */
static tf_status copy_end(tf_db *d, const char *errmsg)
{
    if (PQputCopyEnd(d->pg, errmsg) != 1)
        return tf_pg_fail(d, NULL);
    tf_status st = TF_OK;
    PGresult *r;
    while ((r = PQgetResult(d->pg)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && st == TF_OK && !errmsg)
            st = tf_pg_fail(d, r);
        PQclear(r);
    }
    return errmsg ? TF_ERR_DB : st;
}

#define STAGE_COLS "ord, classification, commodity, period, flow, reporter, partner," \
                   " partner_basis, trade_mode, province, currency, quantity, unit, quantity2," \
                   " unit2, value, status, provenance, line, cif, fob, partner_name"

/* One cell, in key order, into the staging COPY. */
static tf_status stage_cell(void *ctx, const tf_record *r, tf_diag *diag)
{
    pg_ingest *x = ctx;
    copybuf *b = &x->stage;
    cb_ll(b, 1, x->ord++, 0);
    const char *key[] = {r->classification, r->commodity, r->period};
    for (int i = 0; i < 3; i++)
        cb_text(b, key[i], 0);
    cb_ll(b, 1, (long long)r->flow, 0);
    const char *rest[] = {r->reporter, r->partner, r->partner_basis, r->trade_mode,
                          r->province, r->currency};
    for (int i = 0; i < 6; i++)
        cb_text(b, rest[i], 0);
    cb_ll(b, r->has_quantity, r->quantity, 0);
    cb_text(b, r->unit, 0);
    cb_ll(b, r->has_quantity2, r->quantity2, 0);
    cb_text(b, r->unit2, 0);
    cb_ll(b, r->has_value, r->value, 0);
    cb_text(b, r->status, 0);
    cb_text(b, r->provenance, 0);
    cb_ll(b, 1, (long long)r->line, 0);
    cb_ll(b, r->has_cif, r->cif, 0);
    cb_ll(b, r->has_fob, r->fob, 0);
    cb_text(b, r->partner_name, 1);
    if (b->failed)
        return tf_error_at(&diag->error, TF_ERR_NOMEM, x->name, 0, 0, "out of memory");
    if (b->n >= COPY_FLUSH && cb_send(x->d, b) != TF_OK) {
        diag->error = x->d->error;
        return TF_ERR_DB;
    }
    return TF_OK;
}

/* A point of a published series: stored unless the newest stored value for
 * that day is the same (as the SQLite ingest). */
static tf_status point_sink(void *ctx, const tf_window_point *p, tf_diag *diag)
{
    pg_ingest *x = ctx;
    char sid[24], line[24], value[40];
    tf_fmt(sid, sizeof sid, "%lld", x->source_id);
    tf_fmt(line, sizeof line, "%lu", p->line);
    tf_fmt(value, sizeof value, "%.17g", p->value);
    const char *q[] = {x->product, p->series, p->date, p->kind, value, sid, line};
    PGresult *r = tf_pg_exec(x->d, "SELECT w.value FROM window_point w JOIN source s ON"
                                   " s.id = w.source_id WHERE w.product = $1 AND w.series = $2"
                                   " AND w.kind = $4 AND w.date = $3 AND s.retracted_at IS NULL"
                                   " ORDER BY w.id DESC LIMIT 1", 4, q);
    if (!r) {
        diag->error = x->d->error;
        return TF_ERR_DB;
    }
    int exists = PQntuples(r) > 0;
    double old = exists ? strtod(PQgetvalue(r, 0, 0), NULL) : 0;
    PQclear(r);
    if (exists && old == p->value) {
        x->res->unchanged++;
        return TF_OK;
    }
    if (tf_pg_run(x->d, "INSERT INTO window_point(id, product, series, kind, date, value,"
                        " source_id, line) SELECT coalesce(max(id), 0) + 1, $1, $2, $4, $3,"
                        " $5::double precision, $6::bigint, $7::bigint FROM window_point",
                  7, q) != TF_OK) {
        diag->error = x->d->error;
        return TF_ERR_DB;
    }
    if (exists)
        x->res->revised++;
    else
        x->res->added++;
    return TF_OK;
}

/* The live source that ingested this file with these options: 1 and *id, 0
 * when none, -1 on an error. */
int tf_pg_find_source(tf_db *d, const char *sha, const char *options, long long *id)
{
    const char *p[] = {sha, options};
    PGresult *r = tf_pg_exec(d, "SELECT id FROM source WHERE sha256 = $1 AND options = $2"
                                " AND retracted_at IS NULL", 2, p);
    if (!r)
        return -1;
    int found = PQntuples(r) > 0;
    if (found)
        *id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return found;
}


/* The store's ingest lock if free within about a second (TF_WAIT_NOTICE_MS,
 * tried every 100 ms): 1 taken, 0 still held by another ingest, -1 error. */
static int try_lock(tf_db *d)
{
    for (int i = 0; i <= TF_WAIT_NOTICE_MS / 100; i++) {
        PGresult *r = tf_pg_exec(d, "SELECT pg_try_advisory_xact_lock(" TF_PG_LOCK ")", 0, NULL);
        if (!r)
            return -1;
        int got = !strcmp(PQgetvalue(r, 0, 0), "t");
        PQclear(r);
        if (got)
            return 1;
        struct timespec t = {0, 100 * 1000000L};
        nanosleep(&t, NULL);
    }
    return 0;
}

/* Inside the transaction: the lock, the source's row (completed at the end),
 * the next revision id, the staging table. */
static tf_status begin_source(pg_ingest *x, const tf_read_opts *opts, const char *stamp,
                              const char *options)
{
    tf_db *d = x->d;
    /* wait for another ingest as long as the SQLite store does (store_int.h) */
    char wait[64];
    tf_fmt(wait, sizeof wait, "%d", tf_store_wait_ms(d));
    const char *w[] = {wait};
    int got = 0;
    if (tf_pg_run(d, "SELECT set_config('lock_timeout', $1, true)", 1, w) ||
        (got = try_lock(d)) < 0)
        return TF_ERR_DB;
    if (!got)
        tf_store_wait_notice(d, "another ingest's lock on the store");
    if (!got && tf_pg_run(d, "SELECT pg_advisory_xact_lock(" TF_PG_LOCK ")", 0, NULL))
        return TF_ERR_DB;
    const char *p[] = {x->name, tf_format_name(opts->format), options, stamp, x->vintage};
    PGresult *r = tf_pg_exec(d, "INSERT INTO source(id, name, sha256, format, options,"
                                " ingested_at, vintage) SELECT coalesce(max(id), 0) + 1, $1, '',"
                                " $2, $3, $4, $5 FROM source RETURNING id", 5, p);
    if (!r)
        return TF_ERR_DB;
    x->source_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    /* the revisions the sources stored, above the counter: set back (ingest.c) */
    if (!(r = tf_pg_exec(d, "SELECT coalesce((SELECT value FROM counter WHERE name = 'record'),"
                            " (SELECT coalesce(max(id), 0) FROM cell)), (SELECT"
                            " coalesce(sum(added + revised + older), 0) FROM source WHERE format"
                            " NOT IN ('plseries', 'prices'))", 0, NULL)))
        return TF_ERR_DB;
    long long last = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    long long held = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
    PQclear(r);
    if (last < held)
        return tf_store_counter_error(&d->error, d->path, last, held);
    x->next_id = last + 1;
    return tf_pg_run(d, "CREATE TEMPORARY TABLE tf_stage(ord bigint NOT NULL,"
                        " classification text COLLATE \"C\", commodity text COLLATE \"C\","
                        " period text COLLATE \"C\", flow integer, reporter text COLLATE \"C\","
                        " partner text COLLATE \"C\", partner_basis text COLLATE \"C\","
                        " trade_mode text COLLATE \"C\", province text COLLATE \"C\","
                        " currency text COLLATE \"C\", quantity bigint, unit text,"
                        " quantity2 bigint, unit2 text, value bigint, status text,"
                        " provenance text, line bigint, cif bigint, fob bigint,"
                        " partner_name text) ON COMMIT DROP;"
                        "CREATE TEMPORARY TABLE tf_decision(ord bigint NOT NULL, how integer"
                        " NOT NULL, cur_id bigint) ON COMMIT DROP", 0, NULL);
}

/* The staged cells with their standing revisions (none: NULL columns), in key
 * order: the staged figures (1-9), then the standing revision's id (10),
 * figures (11-19) and its source's vintage (20). The standing revision is the
 * latest vintage, then ingest, of the live sources or stated by one. */
static const char *const standing_sql =
    "DECLARE tf_standing NO SCROLL CURSOR FOR"
    " SELECT s.ord, s.quantity, s.unit, s.quantity2, s.unit2, s.value, s.currency, s.status,"
    " s.cif, s.fob, c.id, c.quantity, c.unit, c.quantity2, c.unit2, c.value, c.currency,"
    " coalesce(c.status, 'reported'), c.cif, c.fob, c.vintage"
    " FROM tf_stage s LEFT JOIN LATERAL (SELECT r.*, src.vintage FROM cell r"
    " JOIN source src ON src.id = r.source_id"
    " WHERE r.classification = s.classification AND r.commodity = s.commodity"
    " AND r.period = s.period AND r.flow = s.flow AND r.reporter = s.reporter"
    " AND r.partner = s.partner AND r.partner_basis = s.partner_basis"
    " AND r.trade_mode = s.trade_mode AND r.province = s.province"
    " AND r.currency = s.currency AND (src.retracted_at IS NULL OR EXISTS(SELECT 1"
    " FROM stated t JOIN source s2 ON s2.id = t.source_id WHERE t.record_id = r.id"
    " AND s2.retracted_at IS NULL))"
    " ORDER BY src.vintage DESC, r.id DESC LIMIT 1) c ON true ORDER BY s.ord";

/* Figures of a row from column col on: quantity, unit, quantity2, unit2,
 * value, currency, status, CIF, FOB. */
static void row_figures(const PGresult *q, int i, int col, tf_record *r)
{
    tf_record_init(r);
    int *has[] = {&r->has_quantity, NULL, &r->has_quantity2, NULL, &r->has_value, NULL, NULL,
                  &r->has_cif, &r->has_fob};
    tf_milli *v[] = {&r->quantity, NULL, &r->quantity2, NULL, &r->value, NULL, NULL,
                     &r->cif, &r->fob};
    char *t[] = {NULL, r->unit, NULL, r->unit2, NULL, r->currency, r->status, NULL, NULL};
    size_t tl[] = {0, sizeof r->unit, 0, sizeof r->unit2, 0, sizeof r->currency,
                   sizeof r->status, 0, 0};
    for (int k = 0; k < 9; k++) {
        if (t[k]) {
            tf_scopy(t[k], tl[k], PQgetvalue(q, i, col + k));
            continue;
        }
        *has[k] = !PQgetisnull(q, i, col + k);
        *v[k] = *has[k] ? strtoll(PQgetvalue(q, i, col + k), NULL, 10) : 0;
    }
}

/* One staged cell's decision into the decisions' COPY text, counted. */
static void decide(pg_ingest *x, const PGresult *q, int i, copybuf *out)
{
    tf_record r, cur;
    row_figures(q, i, 1, &r);
    int how = CELL_NEW;
    if (!PQgetisnull(q, i, 10)) {
        row_figures(q, i, 11, &cur);
        how = tf_store_standing(&r, &cur, PQgetvalue(q, i, 20), x->vintage);
    }
    tf_ingest_result *res = x->res;
    if (how == CELL_SAME)
        res->unchanged++;
    else if (how == CELL_NEW)
        res->added++;
    else if (how == CELL_OLDER)
        res->older++;
    else
        res->revised++;
    int has_cur = !PQgetisnull(q, i, 10);
    cb_ll(out, 1, strtoll(PQgetvalue(q, i, 0), NULL, 10), 0);
    cb_ll(out, 1, how, 0);
    cb_ll(out, has_cur, has_cur ? strtoll(PQgetvalue(q, i, 10), NULL, 10) : 0, 1);
}

/* The decisions of every staged cell, read through a cursor in key order. */
static tf_status decide_all(pg_ingest *x, copybuf *out)
{
    tf_db *d = x->d;
    /* one index probe of `cell` a staged cell: no JIT (it costs more than it
     * saves on these short probes), no memoize (each key comes once), room to
     * sort the result in memory */
    if (tf_pg_run(d, "ANALYZE tf_stage; SET LOCAL jit = off; SET LOCAL enable_memoize = off;"
                     " SET LOCAL work_mem = '64MB'", 0, NULL) ||
        tf_pg_run(d, standing_sql, 0, NULL))
        return TF_ERR_DB;
    for (;;) {
        PGresult *r = tf_pg_exec(d, "FETCH 10000 FROM tf_standing", 0, NULL);
        if (!r)
            return TF_ERR_DB;
        int n = PQntuples(r);
        for (int i = 0; i < n; i++)
            decide(x, r, i, out);
        PQclear(r);
        if (out->failed)
            return tf_error_set(&d->error, TF_ERR_NOMEM, "%s: out of memory", x->name);
        if (n == 0)
            return tf_pg_run(d, "CLOSE tf_standing", 0, NULL);
    }
}

/* The SQL below names CELL_SAME by its value. */
_Static_assert(CELL_SAME == 1, "how = 1 in the SQL of apply() is CELL_SAME");

/* The decisions applied, set-based: new revisions (ids in key order), the
 * cells stated unchanged, the names files gave unmapped partners. */
static tf_status apply(pg_ingest *x)
{
    tf_db *d = x->d;
    copybuf dec = {0};
    tf_status st = decide_all(x, &dec);
    if (st == TF_OK && tf_pg_run(d, "COPY tf_decision FROM STDIN", 0, NULL) != TF_OK)
        st = TF_ERR_DB;
    if (st == TF_OK)
        st = cb_send(d, &dec) == TF_OK ? copy_end(d, NULL) : copy_end(d, "failed");
    free(dec.p);
    if (st != TF_OK)
        return st;
    char next[24], sid[24];
    tf_fmt(next, sizeof next, "%lld", x->next_id);
    tf_fmt(sid, sizeof sid, "%lld", x->source_id);
    const char *p[] = {next, sid};
    PGresult *r = tf_pg_exec(d,
        "INSERT INTO cell(classification, commodity, period, flow, reporter, partner,"
        " partner_basis, trade_mode, province, currency, id, quantity, unit, quantity2, unit2,"
        " value, status, provenance, source_id, line, cif, fob)"
        " SELECT s.classification, s.commodity, s.period, s.flow, s.reporter, s.partner,"
        " s.partner_basis, s.trade_mode, s.province, s.currency,"
        " $1::bigint - 1 + row_number() OVER (ORDER BY s.ord), s.quantity, s.unit, s.quantity2,"
        " s.unit2, s.value, nullif(s.status, 'reported'), s.provenance, $2::bigint, s.line,"
        " s.cif, s.fob FROM tf_stage s JOIN tf_decision t ON t.ord = s.ord"
        " WHERE t.how <> 1 ORDER BY s.ord", 2, p);
    if (!r)
        return TF_ERR_DB;
    x->next_id += strtoll(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    if (tf_pg_run(d, "INSERT INTO stated(record_id, source_id) SELECT t.cur_id, $2::bigint"
                     " FROM tf_decision t WHERE t.how = 1 AND $1::bigint > 0", 2, p))
        return TF_ERR_DB;
    return tf_pg_run(d, "INSERT INTO partner_name(code, name) SELECT DISTINCT ON (s.partner)"
                        " s.partner, s.partner_name FROM tf_stage s JOIN tf_decision t ON"
                        " t.ord = s.ord WHERE t.how <> 1 AND s.partner_name <> '' AND"
                        " (s.partner LIKE 'GACC:%' OR s.partner LIKE 'M49:%') AND NOT EXISTS("
                        "SELECT 1 FROM partner_name n WHERE n.code = s.partner)"
                        " ORDER BY s.partner, s.ord", 0, NULL);
}

/* The source's counts and time stamp, and the last revision id. */
static tf_status finish_source(pg_ingest *x, const char *stamp)
{
    tf_ingest_result *res = x->res;
    char n[6][24], sid[24], last[24];
    unsigned long v[] = {res->read.rows, res->added, res->revised, res->unchanged, res->older};
    for (int i = 0; i < 5; i++)
        tf_fmt(n[i], sizeof n[i], "%lu", v[i]);
    tf_fmt(sid, sizeof sid, "%lld", x->source_id);
    tf_fmt(last, sizeof last, "%lld", x->next_id - 1);
    const char *p[] = {res->sha256, tf_format_name(res->read.format), n[0], n[1], n[2], n[3],
                       sid, stamp, n[4]};
    if (tf_pg_run(x->d, "UPDATE source SET sha256 = $1, format = $2, rows = $3::bigint,"
                        " added = $4::bigint, revised = $5::bigint, unchanged = $6::bigint,"
                        " ingested_at = $8, older = $9::bigint WHERE id = $7::bigint", 9, p))
        return TF_ERR_DB;
    const char *q[] = {last};
    return tf_pg_run(x->d, "INSERT INTO counter VALUES('record', $1::bigint) ON CONFLICT(name)"
                           " DO UPDATE SET value = excluded.value", 1, q);
}

/* Read, stage (COPY), decide and apply; inside the transaction. */
static tf_status stage_and_apply(pg_ingest *x, FILE *in, const tf_read_opts *ro,
                                 const tf_refdata *ref, tf_diag *diag)
{
    tf_db *d = x->d;
    x->cells.name = x->name;
    x->cells.fn = stage_cell;
    x->cells.ctx = x;
    if (!(x->cells.bulk = tf_bulk_new(d->bulk_bytes ? d->bulk_bytes : TF_BULK_BYTES)))
        return tf_error_at(&diag->error, TF_ERR_NOMEM, x->name, 0, 0, "out of memory");
    /* reading first (points are stored as read), then the COPY of the cells */
    tf_status st = tf_store_read_cells(&x->cells, in, ro, ref, diag, x->res);
    if (st != TF_OK || x->res->read.kept == 0)
        return st;
    if (tf_pg_run(d, "COPY tf_stage(" STAGE_COLS ") FROM STDIN", 0, NULL)) {
        diag->error = d->error;
        return TF_ERR_DB;
    }
    st = tf_store_each_cell(&x->cells, diag);
    if (st == TF_OK && cb_send(d, &x->stage) != TF_OK)
        st = TF_ERR_DB;
    tf_status end = copy_end(d, st == TF_OK ? NULL : "the file was not ingested");
    if (st == TF_OK && end != TF_OK)
        diag->error = d->error;
    return st != TF_OK ? st : end;
}


static void pg_ingest_free(pg_ingest *x)
{
    tf_bulk_free(x->cells.bulk);
    free(x->stage.p);
}

/* After the read: nothing kept, or (stdin) a file seen before: rolled back
 * with res set; else decided, applied and committed. */
static tf_status conclude(pg_ingest *x, const char *options, const char *stamp)
{
    tf_ingest_result *res = x->res;
    if (res->read.kept == 0 || tf_store_seen_before(x->d, res->sha256, options, res) > 0) {
        res->empty = res->read.kept == 0;
        PQclear(PQexec(x->d->pg, "ROLLBACK"));
        return TF_OK;
    }
    tf_status st = apply(x);
    if (st == TF_OK)
        st = finish_source(x, stamp);
    if (st == TF_OK)
        st = tf_pg_run(x->d, "COMMIT", 0, NULL);
    if (st != TF_OK) {
        PQclear(PQexec(x->d->pg, "ROLLBACK"));
        return st;
    }
    res->source_id = x->source_id;
    return TF_OK;
}

tf_status tf_pg_ingest(tf_db *d, FILE *in, const char *name, const tf_read_opts *opts,
                       const tf_refdata *ref, const char *now, tf_diag *diag,
                       tf_ingest_result *res, const char *options)
{
    char stamp[32], sha[65] = "";
    if (tf_store_prehash(in, sha)) {
        int f = tf_store_seen_before(d, sha, options, res);
        if (f)
            return f < 0 ? TF_ERR_DB : TF_OK;
    }
    pg_ingest x = {0};
    x.d = d;
    x.name = name;
    x.res = res;
    x.product = opts->product ? opts->product : "primary-aluminium";
    tf_store_ingest_time(now, opts->vintage, stamp, x.vintage);
    tf_read_opts ro = *opts;
    ro.points = point_sink;
    ro.points_ctx = &x;
    tf_status st = tf_pg_run(d, "BEGIN", 0, NULL);
    if (st == TF_OK)
        st = begin_source(&x, opts, stamp, options);
    if (st == TF_OK && (st = stage_and_apply(&x, in, &ro, ref, diag)) != TF_OK)
        d->error = diag->error;
    if (st == TF_OK) {
        /* the time the figures become visible: as-of compares with it */
        if (!now)
            tf_now_utc(stamp);
        st = conclude(&x, options, stamp);
    } else {
        PQclear(PQexec(d->pg, "ROLLBACK"));
    }
    pg_ingest_free(&x);
    return st;
}
