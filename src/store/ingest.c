/*
 * The store's ingest: one transaction per file. The reader's records are
 * buffered (bulk.c), sorted by the cell key in runs of at most TF_BULK_BYTES
 * (spilled to temporary files) and merged against the clustered `cell` table
 * in one pass in key order: each cell's current revision is found by a seek
 * next to the previous one, and new rows go in next to it, so the B-tree
 * pages touched stay in the cache. Each cell's key and units are coded
 * through the store's dictionaries (dict.c), loaded once inside the
 * transaction; a value new to the store is added to them in the same
 * transaction, so a file rolled back or killed leaves none behind.
 * Counts, revisions, vintages, retraction and the duplicate check are as
 * include/tradeflow/store.h describes.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "tradeflow/store.h"
#include "../common/util.h"
#include "bulk.h"
#include "store_int.h"


/* Revisions are inserted PEND_ROWS at a time, by one multi-row INSERT: a
 * statement's run (its cursor opened and closed, its memory) is then shared by
 * 16 rows (1M rows: 1.50 -> 1.14 s of SQLite's CPU, measured on cell's shape).
 * A pending row is not yet in the store; nothing reads it before the flush: a
 * cell comes once in the file, and the probe of a group precedes its rows. */
#define PEND_ROWS 16
#define CELL_COLS 19

typedef struct pend_row {
    sqlite3_int64 v[CELL_COLS]; /* cell's columns, in the INSERT's order */
    unsigned nulls;             /* bit i: column i is NULL */
    int elen;                   /* extra's length; 0: NULL */
    char extra[600];            /* status, CIF, FOB, provenance (column 15) */
} pend_row;

/* A record's cell key and units as the store's ids (dict.c). */
typedef struct coded_rec {
    long long cls, commodity, period, reporter, partner, basis, mode, province, currency, unit,
        unit2;
    int new_commodity;       /* the commodity was added by this ingest: nothing stored of it */
} coded_rec;

typedef struct ingest_ctx {
    tf_db *d;
    const char *name;
    long long source_id;
    long long next_id;       /* id of the next stored revision */
    sqlite3_stmt *lookup, *insert, *insert_many, *pname, *plookup, *pinsert, *stated, *any;
    pend_row *pend;          /* revisions not yet inserted (PEND_ROWS) */
    int n_pend;
    const char *product;
    char vintage[11];        /* this file's: YYYY-MM-DD */
    tf_ingest_result *res;
    tf_cells cells;          /* the file's records, sorted */
    tf_dicts *dict;          /* the store's dictionaries, with this ingest's new values */
    coded_rec k;             /* the cell being merged */
    long long prev[4];       /* classification, commodity, period, flow of the last cell */
    int stored;              /* whether the store holds rows of them */
    int staged;              /* a first load: cells go to temp.cell_load first */
} ingest_ctx;

static void bind_key(sqlite3_stmt *s, const tf_record *r, const coded_rec *k)
{
    sqlite3_bind_int64(s, 1, k->cls);
    sqlite3_bind_int64(s, 2, k->commodity);
    sqlite3_bind_int64(s, 3, k->period);
    sqlite3_bind_int(s, 4, (int)r->flow);
    sqlite3_bind_int64(s, 5, k->reporter);
    sqlite3_bind_int64(s, 6, k->partner);
    sqlite3_bind_int64(s, 7, k->basis);
    sqlite3_bind_int64(s, 8, k->mode);
    sqlite3_bind_int64(s, 9, k->province);
}

static int opt_eq(int has_a, tf_milli a, int has_b, tf_milli b)
{
    return has_a == has_b && (!has_a || a == b);
}

int tf_store_standing(const tf_record *r, const tf_record *cur, const char *cur_vintage,
                      const char *vintage)
{
    int same = opt_eq(r->has_quantity, r->quantity, cur->has_quantity, cur->quantity) &&
               !strcmp(r->unit, cur->unit) &&
               opt_eq(r->has_quantity2, r->quantity2, cur->has_quantity2, cur->quantity2) &&
               !strcmp(r->unit2, cur->unit2) &&
               opt_eq(r->has_value, r->value, cur->has_value, cur->value) &&
               !strcmp(r->currency, cur->currency) && !strcmp(r->status, cur->status) &&
               opt_eq(r->has_cif, r->cif, cur->has_cif, cur->cif) &&
               opt_eq(r->has_fob, r->fob, cur->has_fob, cur->fob);
    /* the figure standing is of a later vintage: this one is kept as history */
    int older = cur_vintage && strcmp(cur_vintage, vintage) > 0;
    return same ? CELL_SAME : older ? CELL_OLDER : CELL_CHANGED;
}

/* A figure of `cell` (NULL: missing), decoded (tf_store_figure_decode). */
static void col_figure(sqlite3_stmt *s, int col, int *has, tf_milli *v)
{
    *has = sqlite3_column_type(s, col) != SQLITE_NULL;
    *v = *has ? tf_store_figure_decode(sqlite3_column_int64(s, col)) : 0;
}

/* The text of a coded column ("" for an id not known: compared as changed). */
static void col_dim(const tf_dicts *t, int dim, sqlite3_stmt *s, int col, char *dst, size_t len)
{
    const char *v = tf_store_dict_text(t, dim, sqlite3_column_int64(s, col));
    tf_scopy(dst, len, v ? v : "");
}

static tf_status db_fail(ingest_ctx *x, tf_diag *diag)
{
    tf_error_set(&diag->error, TF_ERR_DB, "%s: database error: %s%s", x->d->path,
                 sqlite3_errmsg(x->d->db), tf_store_sqlite_hint(x->d->db));
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
int tf_store_prehash(FILE *in, char hex[65])
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

/* A temporary file of the sorted runs could not be written or read back. */
static tf_status io_fail(const char *name, tf_diag *diag)
{
    return tf_error_at(&diag->error, TF_ERR_IO, name, 0, 0,
                       "cannot sort the file's cells in temporary files (is the temporary "
                       "folder, TMPDIR or /tmp, full?); the database is unchanged");
}

static tf_status dup_error(const char *name, const tf_record *r, unsigned long first,
                           tf_diag *diag)
{
    char cellname[256];
    describe_cell(r, cellname, sizeof cellname);
    if (first)
        return tf_error_at(&diag->error, TF_ERR_INPUT, name, r->line, 1,
                           "the same cell appears twice in this file (%s; first at line %lu)",
                           cellname, first);
    return tf_error_at(&diag->error, TF_ERR_INPUT, name, r->line, 1,
                       "the same cell appears twice in this file (%s)", cellname);
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

/* Look up the current revision of r's cell: sets *rec_id and *how (enum
 * standing). Errors, with diag set: TF_ERR_INPUT (the cell twice in this
 * file), TF_ERR_DB. */
static tf_status look_up(ingest_ctx *x, const tf_record *r, long long *rec_id, int *how,
                         tf_diag *diag)
{
    sqlite3_stmt *s = x->lookup;
    sqlite3_reset(s);
    bind_key(s, r, &x->k);
    sqlite3_bind_int64(s, 10, x->k.currency);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        *how = CELL_NEW;
        return rc == SQLITE_DONE ? TF_OK : db_fail(x, diag);
    }
    *rec_id = sqlite3_column_int64(s, 11);
    if (sqlite3_column_int64(s, 7) == x->source_id) { /* stored by an earlier run */
        unsigned long first = (unsigned long)sqlite3_column_int64(s, 8);
        sqlite3_reset(s);
        return dup_error(x->name, r, first, diag);
    }
    tf_record cur;
    col_figure(s, 0, &cur.has_quantity, &cur.quantity);
    col_dim(x->dict, DIM_UNIT, s, 1, cur.unit, sizeof cur.unit);
    col_figure(s, 2, &cur.has_quantity2, &cur.quantity2);
    col_dim(x->dict, DIM_UNIT, s, 3, cur.unit2, sizeof cur.unit2);
    col_figure(s, 4, &cur.has_value, &cur.value);
    col_dim(x->dict, DIM_CURRENCY, s, 5, cur.currency, sizeof cur.currency);
    tf_store_extra_decode((const char *)sqlite3_column_text(s, 6), &cur); /* status, CIF, FOB */
    const unsigned char *cv = sqlite3_column_text(s, 12);
    *how = tf_store_standing(r, &cur, (const char *)cv, x->vintage);
    sqlite3_reset(s);
    return TF_OK;
}

/* Bind the pending row p to s's parameters base+1 .. base+CELL_COLS. */
static void bind_row(sqlite3_stmt *s, int base, const pend_row *p)
{
    for (int i = 0; i < CELL_COLS; i++) {
        if (i == 15 && p->elen)
            sqlite3_bind_text(s, base + i + 1, p->extra, p->elen, SQLITE_STATIC);
        else if (p->nulls & (1u << i))
            sqlite3_bind_null(s, base + i + 1);
        else
            sqlite3_bind_int64(s, base + i + 1, p->v[i]);
    }
}

/* Insert the pending revisions: PEND_ROWS by one statement, fewer one by one. */
static tf_status flush_pending(ingest_ctx *x, tf_diag *diag)
{
    int many = x->n_pend == PEND_ROWS;
    sqlite3_stmt *s = many ? x->insert_many : x->insert;
    for (int i = 0; i < x->n_pend; i += many ? PEND_ROWS : 1) {
        sqlite3_reset(s);
        for (int j = 0; j < (many ? PEND_ROWS : 1); j++)
            bind_row(s, j * CELL_COLS, &x->pend[i + j]);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(x, diag);
    }
    x->n_pend = 0;
    return TF_OK;
}

/* Store r as a new revision of its cell (pending until PEND_ROWS are). */
static tf_status store_revision(ingest_ctx *x, const tf_record *r, tf_diag *diag)
{
    pend_row *p = &x->pend[x->n_pend++];
    const coded_rec *k = &x->k;
    sqlite3_int64 v[CELL_COLS] = {k->cls, k->commodity, k->period, (int)r->flow, k->reporter,
                                  k->partner, k->basis, k->mode, k->province,
                                  tf_store_figure_encode(r->quantity), k->unit,
                                  tf_store_figure_encode(r->quantity2), k->unit2,
                                  tf_store_figure_encode(r->value), k->currency, 0,
                                  x->source_id, (sqlite3_int64)r->line, x->next_id++};
    memcpy(p->v, v, sizeof v);
    p->nulls = (r->has_quantity ? 0 : 1u << 9) | (r->has_quantity2 ? 0 : 1u << 11) |
               (r->has_value ? 0 : 1u << 13) | 1u << 15;
    /* status, CIF, FOB, provenance: NULL when all are the defaults */
    p->elen = (int)tf_store_extra_encode(r, p->extra, sizeof p->extra);
    if (x->n_pend == PEND_ROWS) {
        tf_status st = flush_pending(x, diag);
        if (st != TF_OK)
            return st;
    }
    if (r->partner_name[0] &&
        (strncmp(r->partner, "GACC:", 5) == 0 || strncmp(r->partner, "M49:", 4) == 0)) {
        sqlite3_stmt *s = x->pname;
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, r->partner, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, r->partner_name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(x, diag);
    }
    return TF_OK;
}

/* 1 when the store holds a row of r's classification, commodity, period and
 * flow (then each cell of them is looked up), 0 when none (every cell of them
 * is new: no lookup; so the exports of a month find no work after its
 * imports), -1 on a database error. */
static int period_stored(ingest_ctx *x, int flow)
{
    if (x->k.new_commodity)
        return 0;
    sqlite3_stmt *s = x->any;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, x->k.cls);
    sqlite3_bind_int64(s, 2, x->k.commodity);
    sqlite3_bind_int64(s, 3, x->k.period);
    sqlite3_bind_int(s, 4, flow);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One record of a sorted run against the store; stored says whether its
 * commodity and period have rows in the store. */
static tf_status merge_one(ingest_ctx *x, const tf_record *r, int stored, tf_diag *diag)
{
    long long rec_id = 0;
    int how = CELL_NEW;
    tf_status st = stored ? look_up(x, r, &rec_id, &how, diag) : TF_OK;
    if (st != TF_OK)
        return st;
    if (how == CELL_SAME)
        return state_unchanged(x, rec_id, diag);
    st = store_revision(x, r, diag);
    if (st != TF_OK)
        return st;
    if (how == CELL_NEW)
        x->res->added++;
    else if (how == CELL_OLDER)
        x->res->older++;
    else
        x->res->revised++;
    return TF_OK;
}

/* The first cell given twice in the file (the repeat at the smallest line). */
typedef struct repeat {
    tf_record rec;
    unsigned long first;     /* 0: none */
} repeat;

static void note_repeat(repeat *rp, const tf_record *r, unsigned long first)
{
    if (!rp->first || r->line < rp->rec.line) {
        rp->rec = *r;
        rp->first = first;
    }
}

/* The file's cells in key order (the sorted runs merged), each to c->fn,
 * unless check_only: then only the check that each cell comes once. A cell
 * given twice is reported after the pass, at its smallest line. */
static tf_status merge_all(tf_cells *c, int check_only, tf_diag *diag)
{
    tf_bulk *b = c->bulk;
    if (tf_bulk_merge_begin(b) != 0)
        return io_fail(c->name, diag);
    repeat *rp = calloc(1, sizeof *rp);
    tf_status st = rp ? TF_OK : TF_ERR_NOMEM;
    const tf_record *r;
    unsigned long first;
    int more = 0;
    while (st == TF_OK && (more = tf_bulk_next(b, &r, &first)) == 1) {
        if (first)
            note_repeat(rp, r, first);
        else if (!check_only)
            st = c->fn(c->ctx, r, diag);
    }
    if (st == TF_OK && more < 0)
        st = io_fail(c->name, diag);
    if (st == TF_OK && rp->first)
        st = dup_error(c->name, &rp->rec, rp->first, diag);
    if (st == TF_ERR_NOMEM)
        tf_error_at(&diag->error, TF_ERR_NOMEM, c->name, 0, 0, "out of memory");
    free(rp);
    return st;
}

/* r's key and units as ids into x->k, new values added to the dictionaries
 * (in the ingest's transaction). */
static tf_status code_record(ingest_ctx *x, const tf_record *r, tf_diag *diag)
{
    coded_rec *k = &x->k;
    if ((k->period = tf_store_period_code(r->period)) < 0)
        return tf_error_at(&diag->error, TF_ERR_INPUT, x->name, r->line, 1,
                           "period '%s' cannot be stored (YYYY, YYYY-MM or YYYY-MM..YYYY-MM "
                           "of one year, years 1900-2999)", r->period);
    struct {
        int dim;
        const char *text;
        long long *id;
    } f[] = {{DIM_CLASSIFICATION, r->classification, &k->cls},
             {DIM_REPORTER, r->reporter, &k->reporter}, {DIM_PARTNER, r->partner, &k->partner},
             {DIM_BASIS, r->partner_basis, &k->basis}, {DIM_MODE, r->trade_mode, &k->mode},
             {DIM_PROVINCE, r->province, &k->province}, {DIM_CURRENCY, r->currency, &k->currency},
             {DIM_UNIT, r->unit, &k->unit}, {DIM_UNIT, r->unit2, &k->unit2}};
    int rc = SQLITE_OK, added;
    for (size_t i = 0; i < sizeof f / sizeof f[0] && rc == SQLITE_OK; i++)
        rc = tf_store_dict_code(x->d, x->dict, f[i].dim, 0, f[i].text, f[i].id, &added);
    if (rc == SQLITE_OK)
        rc = tf_store_dict_code(x->d, x->dict, DIM_COMMODITY, k->cls, r->commodity,
                                &k->commodity, &k->new_commodity);
    if (rc == SQLITE_NOMEM)
        return tf_error_at(&diag->error, TF_ERR_NOMEM, x->name, 0, 0, "out of memory");
    return rc == SQLITE_OK ? TF_OK : db_fail(x, diag);
}

/* One cell against the SQLite store. Cells come grouped by classification,
 * commodity, period and flow: one probe a group says whether its cells need
 * looking up. */
static tf_status sqlite_cell(void *ctx, const tf_record *r, tf_diag *diag)
{
    ingest_ctx *x = ctx;
    int was_new = x->k.new_commodity;
    tf_status st = code_record(x, r, diag);
    if (st != TF_OK)
        return st;
    x->k.new_commodity |= was_new && x->k.commodity == x->prev[1];
    if (x->k.cls != x->prev[0] || x->k.commodity != x->prev[1] || x->k.period != x->prev[2] ||
        (long long)r->flow != x->prev[3]) {
        x->prev[0] = x->k.cls;
        x->prev[1] = x->k.commodity;
        x->prev[2] = x->k.period;
        x->prev[3] = (long long)r->flow;
        if ((x->stored = period_stored(x, (int)r->flow)) < 0)
            return db_fail(x, diag);
    }
    return merge_one(x, r, x->stored, diag);
}

tf_status tf_store_cells_sink(void *ctx, const tf_record *r, tf_diag *diag)
{
    tf_cells *c = ctx;
    if (tf_bulk_add(c->bulk, r) != 0) {
        tf_error_at(&diag->error, TF_ERR_NOMEM, c->name, 0, 0, "out of memory");
        c->sink_failed = 1;
        return TF_ERR_NOMEM;
    }
    /* the buffer is full: write it out as a sorted run */
    if (!tf_bulk_full(c->bulk) || tf_bulk_spill(c->bulk) == 0)
        return TF_OK;
    c->sink_failed = 1;
    return io_fail(c->name, diag);
}

static void ingest_finalize(ingest_ctx *x)
{
    sqlite3_stmt *all[] = {x->lookup,  x->insert, x->insert_many, x->pname, x->plookup,
                           x->pinsert, x->stated, x->any};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    tf_bulk_free(x->cells.bulk);
    x->cells.bulk = NULL;
    free(x->pend);
    x->pend = NULL;
    tf_store_dicts_free(&x->dict);
}

/* The statement finding a cell's current revision. Retracted sources are
 * rare: only when there are any does it join `source` to skip them; files
 * come in vintage order almost always: then the current revision is the
 * newest ingested and it needs neither `source` nor a sort. */
static int prepare_lookup(ingest_ctx *x)
{
    int any_retracted = 0;
    int rc = tf_store_pragma_int(
        x->d, "SELECT EXISTS(SELECT 1 FROM source WHERE retracted_at IS NOT NULL)",
        &any_retracted);
    int by_vintage = rc == SQLITE_OK ? vintage_out_of_order(x->d, x->vintage, x->source_id) : 0;
    if (rc != SQLITE_OK || by_vintage < 0)
        return SQLITE_ERROR;
    char sql[1024];
    tf_fmt(sql, sizeof sql,
           "SELECT r.quantity, r.unit, r.quantity2, r.unit2, r.value, r.currency,"
           " r.extra, r.source_id, r.line, NULL, NULL, r.id, %s"
           " FROM cell r %s"
           " WHERE r.classification=?1 AND r.commodity=?2 AND r.period=?3 AND r.flow=?4"
           " AND r.reporter=?5 AND r.partner=?6 AND r.partner_basis=?7 AND r.trade_mode=?8"
           " AND r.province=?9 AND r.currency=?10 %s ORDER BY %s r.id DESC LIMIT 1",
           by_vintage ? "s.vintage" : "''",
           by_vintage || any_retracted ? "JOIN source s ON s.id = r.source_id" : "",
           any_retracted ? "AND (s.retracted_at IS NULL OR EXISTS(SELECT 1 FROM stated t"
                           " JOIN source s2 ON s2.id = t.source_id WHERE t.record_id = r.id"
                           " AND s2.retracted_at IS NULL))" : "",
           by_vintage ? "s.vintage DESC," : "");
    return sqlite3_prepare_v2(x->d->db, sql, -1, &x->lookup, NULL);
}

/* A first load (no row in `cell` yet): the cells are inserted into a
 * temporary table of cell's own shape and copied into `cell` at the end by one
 * INSERT ... SELECT *, which SQLite performs as a bulk copy (its transfer
 * optimisation: each page filled before the next is begun, where inserting row
 * by row leaves about 12 % of every page empty, even in key order). The copy
 * is in the ingest's transaction: a kill leaves the store as it was. */
static int stage_begin(ingest_ctx *x)
{
    int empty = 0;
    int rc = tf_store_pragma_int(x->d, "SELECT NOT EXISTS(SELECT 1 FROM cell)", &empty);
    if (rc != SQLITE_OK || !empty)
        return rc;
    /* cell's columns and key as store.c creates them (schemas 7 and 8): a table of
     * another shape would be copied row by row, the same rows, pages unpacked */
    rc = sqlite3_exec(x->d->db,
                      "DROP TABLE IF EXISTS temp.cell_load;"
                      " CREATE TEMP TABLE cell_load(classification INTEGER NOT NULL,"
                      " commodity INTEGER NOT NULL, period INTEGER NOT NULL,"
                      " flow INTEGER NOT NULL, reporter INTEGER NOT NULL,"
                      " partner INTEGER NOT NULL, partner_basis INTEGER NOT NULL,"
                      " trade_mode INTEGER NOT NULL, province INTEGER NOT NULL,"
                      " currency INTEGER NOT NULL, id INTEGER NOT NULL, quantity INTEGER,"
                      " unit INTEGER NOT NULL, quantity2 INTEGER, unit2 INTEGER NOT NULL,"
                      " value INTEGER, source_id INTEGER NOT NULL, line INTEGER NOT NULL,"
                      " extra TEXT, PRIMARY KEY(classification, commodity, period, flow,"
                      " reporter, partner, partner_basis, trade_mode, province, currency, id))"
                      " WITHOUT ROWID", NULL, NULL, NULL);
    x->staged = rc == SQLITE_OK;
    return rc;
}

/* The staged cells into `cell` (stage_begin). */
static int stage_end(ingest_ctx *x)
{
    if (!x->staged)
        return SQLITE_OK;
    x->staged = 0;
    return sqlite3_exec(x->d->db, "INSERT INTO main.cell SELECT * FROM temp.cell_load;"
                        " DROP TABLE temp.cell_load", NULL, NULL, NULL);
}

/* The INSERT of n revisions into cell (or, staged, temp.cell_load). */
static int prepare_insert(ingest_ctx *x, int n, sqlite3_stmt **st)
{
    sqlite3_str *q = sqlite3_str_new(x->d->db);
    sqlite3_str_appendall(q, x->staged ? "INSERT INTO temp.cell_load(" : "INSERT INTO cell(");
    sqlite3_str_appendall(q, "classification, commodity, period, flow, reporter, partner,"
                          " partner_basis, trade_mode, province, quantity, unit, quantity2,"
                          " unit2, value, currency, extra, source_id, line, id) VALUES");
    for (int i = 0; i < n; i++)
        for (int c = 0; c < CELL_COLS; c++)
            sqlite3_str_appendf(q, "%s?%d%s", c ? "," : i ? ",(" : "(", i * CELL_COLS + c + 1,
                                c == CELL_COLS - 1 ? ")" : "");
    char *sql = sqlite3_str_finish(q);
    if (!sql)
        return SQLITE_NOMEM;
    int rc = sqlite3_prepare_v2(x->d->db, sql, -1, st, NULL);
    sqlite3_free(sql);
    return rc;
}

static int prepare(ingest_ctx *x)
{
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        {&x->stated, "INSERT OR IGNORE INTO stated(record_id, source_id) VALUES(?1, ?2)"},
        {&x->any, "SELECT 1 FROM cell WHERE classification = ?1 AND commodity = ?2"
                  " AND period = ?3 AND flow = ?4 LIMIT 1"},
        {&x->pname, "INSERT OR IGNORE INTO partner_name(code, name) VALUES(?1, ?2)"},
        {&x->plookup, "SELECT w.value FROM window_point w JOIN source s ON"
                      " s.id = w.source_id WHERE w.product=?1 AND w.series=?2"
                      " AND w.kind=?4 AND w.date=?3 AND s.retracted_at IS NULL"
                      " ORDER BY w.id DESC LIMIT 1"},
        {&x->pinsert, "INSERT INTO window_point(product, series, kind, date, value,"
                      " source_id, line) VALUES(?1, ?2, ?7, ?3, ?4, ?5, ?6)"},
    };
    int rc = prepare_lookup(x);
    if (rc == SQLITE_OK)
        rc = prepare_insert(x, 1, &x->insert);
    if (rc == SQLITE_OK)
        rc = prepare_insert(x, PEND_ROWS, &x->insert_many);
    for (size_t i = 0; i < sizeof q / sizeof q[0] && rc == SQLITE_OK; i++)
        rc = sqlite3_prepare_v2(x->d->db, q[i].sql, -1, q[i].st, NULL);
    return rc;
}

/* Inside the transaction: the source's row (completed at the end), the next
 * revision id, the statements and the buffer. */
static int begin_source(ingest_ctx *x, const tf_read_opts *opts, const char *stamp,
                        const char *options)
{
    sqlite3_stmt *src = NULL;
    tf_store_dicts_changed(x->d); /* the handle's: this ingest adds values */
    int rc = tf_store_dicts_load(x->d, 1, &x->dict);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(x->d->db,
                                "INSERT INTO source(name, sha256, format, options, ingested_at,"
                                " vintage) VALUES(?1,'',?2,?3,?4,?5)", -1, &src, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(src, 5, x->vintage, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 1, x->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 2, tf_format_name(opts->format), -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 3, options, -1, SQLITE_STATIC);
        sqlite3_bind_text(src, 4, stamp, -1, SQLITE_STATIC);
        rc = sqlite3_step(src) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(src);
    x->source_id = sqlite3_last_insert_rowid(x->d->db);
    int last = 0;
    if (rc == SQLITE_OK)
        /* the counter row, or (deleted outside tradeflow) the highest id held */
        rc = tf_store_pragma_int(x->d, "SELECT ifnull((SELECT value FROM counter WHERE name ="
                                 " 'record'), (SELECT ifnull(max(id), 0) FROM cell))", &last);
    x->next_id = (long long)last + 1;
    if (rc == SQLITE_OK)
        rc = stage_begin(x);
    if (rc == SQLITE_OK)
        rc = prepare(x);
    if (rc == SQLITE_OK && !(x->pend = malloc(PEND_ROWS * sizeof *x->pend)))
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK && !(x->cells.bulk = tf_bulk_new(x->d->bulk_bytes ? x->d->bulk_bytes
                                                                           : TF_BULK_BYTES)))
        rc = SQLITE_NOMEM;
    return rc;
}

tf_status tf_store_each_cell(tf_cells *c, tf_diag *diag) { return merge_all(c, 0, diag); }

/* Files whose rows take at least this many bytes are parsed on two threads
 * (tf_read_opts.split_sink; docs/store.md, "Parsing on two threads"). */
#define SPLIT_MIN ((size_t)1 << 20)

/* Parsing on two threads, into second (a buffer like c's): 1 when wanted.
 * TRADEFLOW_READ_THREADS=1 parses on one thread; =2 on two whatever the
 * file's size (the tests use it); unset, files from SPLIT_MIN bytes on. */
static int split_into(const tf_cells *c, tf_cells *second, tf_read_opts *o)
{
    const char *env = getenv("TRADEFLOW_READ_THREADS");
    if (env && strcmp(env, "1") == 0)
        return 0;
    second->name = c->name;
    if (!(second->bulk = tf_bulk_new(tf_bulk_limit(c->bulk))))
        return 0;
    o->split_sink = tf_store_cells_sink;
    o->split_ctx = second;
    o->split_min = env && strcmp(env, "2") == 0 ? 0 : SPLIT_MIN;
    return 1;
}

/* The second thread's records join c's when they belong to the read. */
static tf_status split_join(tf_cells *c, tf_cells *second, const tf_read_stats *rs,
                            tf_status st, tf_diag *diag)
{
    if (rs->split) {
        c->sink_failed |= second->sink_failed;
        if (tf_bulk_adopt(c->bulk, second->bulk) != 0) {
            c->sink_failed = 1;
            if (st == TF_OK)
                st = io_fail(c->name, diag);
        }
    }
    tf_bulk_free(second->bulk);
    return st;
}

tf_status tf_store_read_cells(tf_cells *c, FILE *in, const tf_read_opts *ro,
                             const tf_refdata *ref, tf_diag *diag, tf_ingest_result *res)
{
    tf_read_opts o = *ro;
    tf_cells second = {0};
    int two = split_into(c, &second, &o);
    tf_status st = tf_read(in, c->name, &o, ref, tf_store_cells_sink, c, diag, &res->read,
                           res->sha256);
    if (two)
        st = split_join(c, &second, &res->read, st, diag);
    if (st == TF_OK)
        return TF_OK;
    if (c->sink_failed || (tf_bulk_count(c->bulk) == 0 && tf_bulk_spilled(c->bulk) == 0))
        return st;
    tf_diag saved = *diag;
    if (merge_all(c, 1, diag) == TF_ERR_INPUT)
        return TF_ERR_INPUT;
    *diag = saved;
    return st;
}

/* The source's counts and time stamp, and the last revision id. */
static int finish_source(ingest_ctx *x, const char *now, char *stamp)
{
    tf_ingest_result *res = x->res;
    sqlite3_stmt *src;
    int rc = sqlite3_prepare_v2(x->d->db,
                                "UPDATE source SET sha256=?1, format=?2, rows=?3, added=?4,"
                                " revised=?5, unchanged=?6, ingested_at=?8, older=?9 WHERE id=?7;",
                                -1, &src, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(src, 1, res->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(src, 2, tf_format_name(res->read.format), -1, SQLITE_STATIC);
    sqlite3_bind_int64(src, 3, (sqlite3_int64)res->read.rows);
    sqlite3_bind_int64(src, 4, (sqlite3_int64)res->added);
    sqlite3_bind_int64(src, 5, (sqlite3_int64)res->revised);
    sqlite3_bind_int64(src, 6, (sqlite3_int64)res->unchanged);
    sqlite3_bind_int64(src, 7, x->source_id);
    /* the time the figures become visible: as-of compares with it */
    if (!now)
        tf_now_utc(stamp);
    sqlite3_bind_text(src, 8, stamp, -1, SQLITE_STATIC);
    sqlite3_bind_int64(src, 9, (sqlite3_int64)res->older);
    rc = sqlite3_step(src) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    sqlite3_finalize(src);
    if (rc == SQLITE_OK &&
        sqlite3_prepare_v2(x->d->db, "INSERT OR REPLACE INTO counter(name, value)"
                           " VALUES('record', ?1)", -1, &src, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(src, 1, x->next_id - 1);
        rc = sqlite3_step(src) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(src);
    }
    return rc;
}

int tf_store_seen_before(tf_db *d, const char *sha, const char *options, tf_ingest_result *res)
{
    long long existing;
    int found = d->pg ? tf_pg_find_source(d, sha, options, &existing)
                      : find_source(d, sha, options, &existing);
    if (found < 0 && !d->pg)
        tf_store_sqlite_error(d);
    if (found != 1)
        return found;
    res->already = 1;
    res->source_id = existing;
    res->added = res->revised = res->unchanged = res->older = 0;
    tf_scopy(res->sha256, sizeof res->sha256, sha);
    return 1;
}

void tf_store_ingest_time(const char *now, const char *vintage, char stamp[32], char day[11])
{
    if (now)
        tf_scopy(stamp, 32, now);
    else
        tf_now_utc(stamp);
    if (vintage)
        tf_scopy(day, 11, vintage);
    else
        tf_copy(day, 11, stamp, 10);
}

void tf_store_set_bulk_bytes(tf_db *d, size_t bytes) { d->bulk_bytes = bytes; }

static tf_status ingest(tf_db *d, FILE *in, const char *name, const tf_read_opts *opts,
                        const tf_refdata *ref, const char *now, tf_diag *diag,
                        tf_ingest_result *res, const char *options)
{
    char stamp[32], sha[65] = "";
    if (tf_store_prehash(in, sha)) {
        int f = tf_store_seen_before(d, sha, options, res);
        if (f)
            return f < 0 ? TF_ERR_DB : TF_OK;
    }
    tf_status st = tf_store_exec(d, "BEGIN IMMEDIATE");
    if (st)
        return st;
    ingest_ctx x = {0};
    x.d = d;
    x.name = name;
    x.res = res;
    x.product = opts->product ? opts->product : "primary-aluminium";
    tf_store_ingest_time(now, opts->vintage, stamp, x.vintage);
    tf_read_opts ro = *opts;
    ro.points = point_sink;
    ro.points_ctx = &x;
    int rc = begin_source(&x, opts, stamp, options);
    char broken[200] = "";
    if (rc == SQLITE_OK)
        rc = tf_store_dicts_check(d, x.dict, broken, sizeof broken);
    if (rc == SQLITE_OK && broken[0]) {
        tf_error_set(&d->error, st = TF_ERR_DB, "%s: store integrity: %s (a row deleted "
                     "outside tradeflow); nothing ingested. Restore the store from a copy, "
                     "or ingest its files again into a new one", d->path, broken);
        goto rollback;
    }
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_NOMEM)
            tf_error_set(&d->error, st = TF_ERR_NOMEM, "%s: out of memory", d->path);
        else
            st = tf_store_sqlite_error(d);
        goto rollback;
    }
    x.cells.name = name;
    x.cells.fn = sqlite_cell;
    x.cells.ctx = &x;
    st = tf_store_read_cells(&x.cells, in, &ro, ref, diag, res);
    if (st == TF_OK)
        st = tf_store_each_cell(&x.cells, diag);
    if (st == TF_OK)
        st = flush_pending(&x, diag);
    if (st != TF_OK) {
        d->error = diag->error;
        goto rollback;
    }
    /* nothing kept; or stdin and other streams: known only now whether this
     * file was seen */
    if (res->read.kept == 0 || tf_store_seen_before(d, res->sha256, options, res) > 0) {
        res->empty = res->read.kept == 0;
        goto rollback;
    }
    /* each dimension's highest id, while the dictionaries are loaded */
    rc = tf_store_dicts_mark(x.d, x.dict);
    ingest_finalize(&x); /* the statements, before the staged table is dropped */
    if (rc == SQLITE_OK)
        rc = stage_end(&x);
    if (rc == SQLITE_OK)
        rc = finish_source(&x, now, stamp);
    if (rc != SQLITE_OK) {
        tf_store_sqlite_error(d);
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return TF_ERR_DB;
    }
    if ((st = tf_store_exec(d, "COMMIT")) != TF_OK) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    res->source_id = x.source_id;
    return TF_OK;
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
    tf_status st;
    if (d->pg) {
        st = tf_pg_ingest(d, in, name, opts, ref, now, diag, res, options);
    } else {
        /* Every row the ingest writes names its own source, inserted first in
         * the same transaction: the foreign-key check of each row (a seek in
         * `source`, ~5 % of an ingest's CPU) cannot fail, so it is not made. */
        sqlite3_exec(d->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        st = ingest(d, in, name, opts, ref, now, diag, res, options);
        sqlite3_exec(d->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
    free(options);
    return st;
}
