/*
 * The store's dimension dictionaries (schema 7): the text of a cell's
 * classification, reporter, partner, partner basis, trade mode, province,
 * currency and units is stored once in `dim_value` (dimension, id, text) and
 * each row of `cell` holds the small integer id; a commodity code is a row of
 * `commodity` (id, classification id, code). The empty text is id 0 in every
 * dimension and has no row. A period is not looked up but computed
 * (tf_store_period_code), in the order of its text, so a period range stays a
 * range of the clustered key.
 *
 * Ids are given in the order values first arrive (sorted within one file, as
 * an ingest meets them in key order), so their order is not the text's: a
 * reader sorts by each value's rank in text order where it must (store.c).
 * Nothing is deleted and an id, once committed, never changes; an id given in
 * an ingest that fails is rolled back with it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../common/util.h"
#include "store_int.h"

/* Period codes: a month of year Y is ((Y - 1900) * 13 + M) * 16, a year
 * (M = 0) ((Y - 1900) * 13) * 16, and a GACC cumulative range M..M2 of one
 * year the code of its first month plus M2 - M (1..11). Readers accept years
 * 1900..2999 (tf_period_parse), so every stored period has a code, in the
 * order of the text (YYYY < YYYY-01 < YYYY-01..YYYY-03 < YYYY-02); the months
 * of 1900..2057 fit SQLite's 2-byte integers. */
static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

long long tf_store_period_code(const char *p)
{
    size_t n = strlen(p);
    int y = 0, m = 0, y2 = 0, m2 = 0;
    if ((n != 4 && n != 7 && n != 16) || !digits(p, 4, &y) || y < 1900 || y > 2999)
        return -1;
    if (n >= 7 && (p[4] != '-' || !digits(p + 5, 2, &m) || m < 1 || m > 12))
        return -1;
    int extra = 0;
    if (n == 16) {
        if (memcmp(p + 7, "..", 2) != 0 || p[13] != '-' || !digits(p + 9, 4, &y2) ||
            !digits(p + 14, 2, &m2) || y2 != y || m2 <= m || m2 > 12)
            return -1;
        extra = m2 - m;
    }
    return ((long long)(y - 1900) * 13 + m) * 16 + extra;
}

void tf_store_period_text(long long code, char out[20])
{
    long long base = code / 16, extra = code % 16;
    int y = (int)(base / 13) + 1900, m = (int)(base % 13);
    if (code < 0 || !m || y > 9999) {
        tf_fmt(out, 20, "%04d", code < 0 ? 0 : y);
        return;
    }
    /* a row's period, made for every block a selection reads: no printf */
    tf_period_from_index(y * 12 + m - 1, out);
    if (extra) { /* a range within the year: its last month m + extra <= 12 */
        out[7] = out[8] = '.';
        tf_period_from_index(y * 12 + m + (int)extra - 1, out + 9);
    }
}

long long tf_store_period_bound(const char *p, int upper)
{
    long long c = tf_store_period_code(p);
    if (c >= 0)
        return c;
    int y;
    if (!p[0])                           /* "" is below every period */
        return upper ? -1 : INT64_MIN;
    if (!digits(p, 4, &y))               /* a letter is above every period */
        return INT64_MAX;
    if (y < 1900)
        return upper ? -1 : INT64_MIN;
    if (y > 2999)
        return INT64_MAX;
    /* anything else after a year of periods: that year's periods */
    long long yc = (long long)(y - 1900) * 13 * 16;
    return upper ? yc + 13 * 16 - 1 : yc;
}

/* ---- status, CIF, FOB and provenance: one column, NULL on most rows ---- */

size_t tf_store_extra_encode(const tf_record *r, char *buf, size_t len)
{
    int reported = !strcmp(r->status, "reported");
    if (reported && !r->provenance[0] && !r->has_cif && !r->has_fob)
        return 0;
    char cif[24] = "", fob[24] = "";
    if (r->has_cif)
        tf_fmt(cif, sizeof cif, "%lld", (long long)r->cif);
    if (r->has_fob)
        tf_fmt(fob, sizeof fob, "%lld", (long long)r->fob);
    int n = snprintf(buf, len, "%s\x1f%s\x1f%s\x1f%s", reported ? "" : r->status, cif, fob,
                     r->provenance);
    return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

/* The field of e up to the next separator into dst; e moved past it. */
static const char *extra_field(const char *e, char *dst, size_t len)
{
    const char *us = strchr(e, '\x1f');
    size_t n = us ? (size_t)(us - e) : strlen(e);
    tf_copy(dst, len, e, n);
    return us ? us + 1 : e + n;
}

void tf_store_extra_decode(const char *e, tf_record *r)
{
    memcpy(r->status, "reported", 9);
    r->provenance[0] = '\0';
    r->has_cif = r->has_fob = 0;
    r->cif = r->fob = 0;
    if (!e)
        return;
    char status[sizeof r->status], cif[24], fob[24];
    e = extra_field(e, status, sizeof status);
    e = extra_field(e, cif, sizeof cif);
    e = extra_field(e, fob, sizeof fob);
    tf_scopy(r->provenance, sizeof r->provenance, e); /* the rest, separators and all */
    if (status[0])
        tf_scopy(r->status, sizeof r->status, status);
    if ((r->has_cif = cif[0] != '\0'))
        r->cif = strtoll(cif, NULL, 10);
    if ((r->has_fob = fob[0] != '\0'))
        r->fob = strtoll(fob, NULL, 10);
}

/* ---- (dimension, text) -> id: open addressing on the key's FNV-1a hash ---- */

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int map_grow(dict_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    dict_map nm = {calloc(cap, sizeof *nm.key), calloc(cap, sizeof *nm.val), cap, m->n};
    if (!nm.key || !nm.val) {
        free(nm.key);
        free(nm.val);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i])
            continue;
        size_t j = fnv(m->key[i]) & (cap - 1);
        while (nm.key[j])
            j = (j + 1) & (cap - 1);
        nm.key[j] = m->key[i];
        nm.val[j] = m->val[i];
    }
    free(m->key);
    free(m->val);
    *m = nm;
    return 0;
}

static size_t map_slot(const dict_map *m, const char *key)
{
    size_t j = fnv(key) & (m->cap - 1);
    while (m->key[j] && strcmp(m->key[j], key) != 0)
        j = (j + 1) & (m->cap - 1);
    return j;
}

static long long map_get(const dict_map *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t j = map_slot(m, key);
    return m->key[j] ? m->val[j] : -1;
}

static int map_put(dict_map *m, const char *key, long long val)
{
    if ((m->n + 1) * 2 > m->cap && map_grow(m) != 0)
        return -1;
    size_t j = map_slot(m, key);
    if (!m->key[j]) {
        if (!(m->key[j] = strdup(key)))
            return -1;
        m->n++;
    }
    m->val[j] = val;
    return 0;
}

/* The map's key of (dim, scope, text): a letter for the dimension, the scope
 * (a commodity's classification id) in decimal and ':', then the text. Built by
 * hand: this runs ten times a record. */
static void dim_key(char *buf, size_t len, int dim, long long scope, const char *text)
{
    size_t n = 0;
    buf[n++] = (char)('A' + dim);
    if (dim == DIM_COMMODITY) {
        char num[24];
        int k = 0;
        unsigned long long u = (unsigned long long)scope;
        do
            num[k++] = (char)('0' + u % 10);
        while ((u /= 10) && k < 23);
        while (k && n + 1 < len)
            buf[n++] = num[--k];
        buf[n++] = ':';
    }
    size_t tl = strlen(text);
    if (tl > len - n - 1)
        tl = len - n - 1;
    memcpy(buf + n, text, tl);
    buf[n + tl] = '\0';
}

/* ---- loading ---- */

/* id -> text in dimension dim; 0 or -1 (no memory). */
static int dim_set(tf_dicts *t, int dim, long long id, const char *text, unsigned rank)
{
    dim_list *l = &t->dim[dim];
    if (id < 0 || id > 0x7fffffff)
        return -1;
    if ((size_t)id >= l->cap) {
        size_t cap = l->cap ? l->cap : 16;
        while (cap <= (size_t)id)
            cap *= 2;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v)
            l->v = v;
        unsigned *r = v ? realloc(l->rank, cap * sizeof *r) : NULL;
        if (r)
            l->rank = r;
        size_t *len = r ? realloc(l->len, cap * sizeof *len) : NULL;
        if (!len)
            return -1;
        l->len = len;
        memset(l->v + l->cap, 0, (cap - l->cap) * sizeof *v);
        memset(l->rank + l->cap, 0, (cap - l->cap) * sizeof *r);
        memset(l->len + l->cap, 0, (cap - l->cap) * sizeof *len);
        l->cap = cap;
    }
    free(l->v[id]);
    if (!(l->v[id] = strdup(text)))
        return -1;
    l->len[id] = strlen(text);
    l->rank[id] = rank;
    if ((size_t)id >= l->n)
        l->n = (size_t)id + 1;
    char key[600];
    dim_key(key, sizeof key, dim, 0, text);
    return map_put(&t->map, key, id);
}

static int load_commodities(tf_db *d, tf_dicts *t)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(d->db, "SELECT id, classification, code FROM commodity", -1, &s,
                                NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        char key[64];
        dim_key(key, sizeof key, DIM_COMMODITY, sqlite3_column_int64(s, 1),
                (const char *)sqlite3_column_text(s, 2));
        rc = map_put(&t->map, key, sqlite3_column_int64(s, 0)) == 0 ? SQLITE_OK : SQLITE_NOMEM;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int tf_store_dicts_load(tf_db *d, int commodities, tf_dicts **out)
{
    *out = NULL;
    tf_dicts *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    for (int i = 0; i < DIM_N; i++)
        t->last[i].id = -1;
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(d->db, "SELECT dim, id, v FROM dim_value ORDER BY dim, v", -1,
                                &s, NULL);
    unsigned rank = 0;
    int prev = -1;
    for (int i = 1; i < DIM_N && rc == SQLITE_OK; i++) /* "" is id 0 and ranks first */
        rc = dim_set(t, i, 0, "", 0) == 0 ? SQLITE_OK : SQLITE_NOMEM;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int dim = sqlite3_column_int(s, 0);
        rank = dim == prev ? rank + 1 : 1;
        prev = dim;
        if (dim <= DIM_COMMODITY || dim >= DIM_N)
            continue; /* a dimension of a later version: not read here */
        rc = dim_set(t, dim, sqlite3_column_int64(s, 1), (const char *)sqlite3_column_text(s, 2),
                     rank) == 0 ? SQLITE_OK : SQLITE_NOMEM;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        rc = commodities ? load_commodities(d, t) : SQLITE_OK;
    if (rc != SQLITE_OK) {
        tf_store_dicts_free(&t);
        return rc;
    }
    *out = t;
    return SQLITE_OK;
}

void tf_store_dicts_free(tf_dicts **tp)
{
    tf_dicts *t = *tp;
    if (!t)
        return;
    for (int i = 0; i < DIM_N; i++) {
        for (size_t j = 0; j < t->dim[i].n; j++)
            free(t->dim[i].v[j]);
        free(t->dim[i].v);
        free(t->dim[i].rank);
        free(t->dim[i].len);
    }
    for (size_t i = 0; i < t->map.cap; i++)
        free(t->map.key[i]);
    free(t->map.key);
    free(t->map.val);
    sqlite3_finalize(t->ins_value);
    sqlite3_finalize(t->ins_commodity);
    free(t);
    *tp = NULL;
}

const char *tf_store_dict_text(const tf_dicts *t, int dim, long long id)
{
    const dim_list *l = &t->dim[dim];
    return id >= 0 && (size_t)id < l->n ? l->v[id] : NULL;
}

int tf_store_dict_copy(const tf_dicts *t, int dim, long long id, char *dst, size_t len)
{
    const dim_list *l = &t->dim[dim];
    if (id < 0 || (size_t)id >= l->n || !l->v[id])
        return -1;
    tf_copy(dst, len, l->v[id], l->len[id]);
    return 0;
}

unsigned tf_store_dict_rank(const tf_dicts *t, int dim, long long id)
{
    const dim_list *l = &t->dim[dim];
    return id >= 0 && (size_t)id < l->n ? l->rank[id] : 0;
}

long long tf_store_dict_find(const tf_dicts *t, int dim, long long scope, const char *text)
{
    if (!text[0] && dim != DIM_COMMODITY)
        return 0;
    char key[600];
    dim_key(key, sizeof key, dim, scope, text);
    return map_get(&t->map, key);
}

/* ---- coding at ingest: a new value inserted in the ingest's transaction ---- */

static int insert_value(tf_db *d, tf_dicts *t, int dim, const char *text, long long *id)
{
    if (!t->ins_value &&
        sqlite3_prepare_v2(d->db, "INSERT INTO dim_value(dim, id, v) VALUES(?1, ?2, ?3)", -1,
                           &t->ins_value, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    long long next = (long long)t->dim[dim].n; /* ids 1..n-1 are taken */
    sqlite3_stmt *s = t->ins_value;
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, dim);
    sqlite3_bind_int64(s, 2, next);
    sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return rc;
    *id = next;
    return dim_set(t, dim, next, text, 0) == 0 ? SQLITE_OK : SQLITE_NOMEM;
}

static int insert_commodity(tf_db *d, tf_dicts *t, long long cls, const char *code,
                            long long *id)
{
    if (!t->ins_commodity &&
        sqlite3_prepare_v2(d->db, "INSERT INTO commodity(classification, code) VALUES(?1, ?2)",
                           -1, &t->ins_commodity, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    sqlite3_stmt *s = t->ins_commodity;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, cls);
    sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return rc;
    *id = sqlite3_last_insert_rowid(d->db);
    char key[64];
    dim_key(key, sizeof key, DIM_COMMODITY, cls, code);
    return map_put(&t->map, key, *id) == 0 ? SQLITE_OK : SQLITE_NOMEM;
}

int tf_store_dict_code(tf_db *d, tf_dicts *t, int dim, long long scope, const char *text,
                       long long *id, int *added)
{
    /* records come in key order: most repeat the last value of a dimension */
    dict_last *l = &t->last[dim];
    *added = 0;
    if (l->id >= 0 && l->scope == scope && !strcmp(l->text, text)) {
        *id = l->id;
        return SQLITE_OK;
    }
    *id = tf_store_dict_find(t, dim, scope, text);
    *added = *id < 0;
    int rc = !*added ? SQLITE_OK
             : dim == DIM_COMMODITY ? insert_commodity(d, t, scope, text, id)
                                    : insert_value(d, t, dim, text, id);
    if (rc == SQLITE_OK && strlen(text) < sizeof l->text) {
        l->id = *id;
        l->scope = scope;
        memcpy(l->text, text, strlen(text) + 1);
    }
    return rc;
}

/* ---- integrity: ids of cell rows missing from the dictionaries ---- */

/* The columns of `cell` coded in each dimension (DIM_UNIT: unit and unit2),
 * each with the query of one row holding an id in it (the commodity's within
 * a classification: the key's leading columns). */
#define HOLDS(c) {c, "SELECT 1 FROM cell WHERE " c " = ?1 LIMIT 1"}
static const struct {
    const char *col, *sql;
} dim_cols[DIM_N][2] = {
    {{"commodity", "SELECT 1 FROM cell WHERE classification = ?2 AND commodity = ?1 LIMIT 1"},
     {NULL, NULL}},
    {HOLDS("classification"), {NULL, NULL}}, {HOLDS("reporter"), {NULL, NULL}},
    {HOLDS("partner"), {NULL, NULL}}, {HOLDS("partner_basis"), {NULL, NULL}},
    {HOLDS("trade_mode"), {NULL, NULL}}, {HOLDS("province"), {NULL, NULL}},
    {HOLDS("currency"), {NULL, NULL}}, {HOLDS("unit"), HOLDS("unit2")}};
#undef HOLDS

/* 1 when a row of `cell` holds id in column c of dimension dim (of
 * classification cls for a commodity), 0 when none, -1 on an SQLite error. */
static int cell_holds(tf_db *d, int dim, int c, long long cls, long long id)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db, dim_cols[dim][c].sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (dim == DIM_COMMODITY)
        sqlite3_bind_int64(s, 2, cls);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One integer from sql with its parameter p (-1 none) or text t (NULL none);
 * -2 on an error. */
static long long one_int_as(tf_db *d, const char *sql, long long p, const char *t)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -2;
    if (p >= 0)
        sqlite3_bind_int64(s, 1, p);
    if (t)
        sqlite3_bind_text(s, 1, t, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    long long v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -2;
    sqlite3_finalize(s);
    return v;
}

static long long one_int(tf_db *d, const char *sql, long long p)
{
    return one_int_as(d, sql, p, NULL);
}

/* The highest id given in each dimension as the last ingest left it (`counter`
 * rows "dim_value.N") into marks[DIM_CLASSIFICATION..DIM_N). A store written
 * before the marks (schema 6 migrated, or schema 7 before them) has none: the
 * highest ids its cells hold are taken instead, by one scan of `cell` - once,
 * as the ingest then writes the marks (tf_store_dicts_mark). 0 or -1. */
static int dim_marks(tf_db *d, long long marks[DIM_N])
{
    int absent = 0;
    for (int dim = DIM_CLASSIFICATION; dim < DIM_N; dim++) {
        char name[24];
        tf_fmt(name, sizeof name, "dim_value.%d", dim);
        marks[dim] = one_int_as(d, "SELECT ifnull((SELECT value FROM counter WHERE name = ?1),"
                                " -1)", -1, name);
        if (marks[dim] == -2)
            return -1;
        absent |= marks[dim] == -1;
    }
    if (!absent)
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(d->db, "SELECT max(classification), max(reporter), max(partner),"
                           " max(partner_basis), max(trade_mode), max(province), max(currency),"
                           " max(max(unit), max(unit2)) FROM cell", -1, &s, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(s);
    for (int dim = DIM_CLASSIFICATION; dim < DIM_N && rc == SQLITE_ROW; dim++)
        marks[dim] = sqlite3_column_int64(s, dim - DIM_CLASSIFICATION); /* NULL: 0 */
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

int tf_store_dicts_mark(tf_db *d, const tf_dicts *t)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO counter(name, value)"
                                " VALUES(?1, ?2)", -1, &s, NULL);
    for (int dim = DIM_CLASSIFICATION; dim < DIM_N && rc == SQLITE_OK; dim++) {
        char name[24];
        tf_fmt(name, sizeof name, "dim_value.%d", dim);
        sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, t->dim[dim].n ? (long long)t->dim[dim].n - 1 : 0);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return rc;
}

/* An id that rows of cell hold but dim_value lacks: a gap in a dimension's
 * ids 1..n-1, or an id above n-1 up to the mark (the latest value deleted,
 * whose id the next new value would take): the message, 1; 0 none; -1. */
static int dim_gaps(tf_db *d, const tf_dicts *t, char *msg, size_t len)
{
    long long marks[DIM_N];
    if (dim_marks(d, marks))
        return -1;
    for (int dim = DIM_CLASSIFICATION; dim < DIM_N; dim++) {
        long long mark = marks[dim];
        for (size_t id = 1; id < t->dim[dim].n || (long long)id <= mark; id++) {
            if (id < t->dim[dim].n && t->dim[dim].v[id])
                continue;
            for (int c = 0; c < 2 && dim_cols[dim][c].col; c++) {
                int h = cell_holds(d, dim, c, -1, (long long)id);
                if (h)
                    return h < 0 ? -1 : (tf_fmt(msg, len, "table cell holds %s id %zu, "
                                                "which table dim_value (dimension %d) lacks",
                                                dim_cols[dim][c].col, id, dim), 1);
            }
        }
    }
    return 0;
}

/* A commodity id of cell missing from table commodity, found by the cell
 * key's leading columns (classification, commodity): the message, 1; 0; -1. */
static int commodity_gaps(tf_db *d, const tf_dicts *t, char *msg, size_t len)
{
    long long top = one_int(d, "SELECT max(classification) FROM cell", -1);
    if (top == -2)
        return -1;
    if (top >= (long long)t->dim[DIM_CLASSIFICATION].n)
        return tf_fmt(msg, len, "table cell holds classification id %lld, which table "
                      "dim_value (dimension 1) lacks", top), 1;
    long long rows = one_int(d, "SELECT count(*) FROM commodity", -1);
    long long last = one_int(d, "SELECT ifnull(max(id), 0) FROM commodity", -1);
    if (rows == -2 || last == -2)
        return -1;
    for (size_t cls = 0; cls < t->dim[DIM_CLASSIFICATION].n; cls++) {
        long long hi = one_int(d, "SELECT ifnull(max(commodity), 0) FROM cell"
                               " WHERE classification = ?1", (long long)cls);
        if (hi == -2)
            return -1;
        if (rows == last && hi <= last)
            continue; /* ids 1..last all there (they are given densely) */
        for (long long id = 1; id <= hi; id++) {
            long long there = one_int(d, "SELECT count(*) FROM commodity WHERE id = ?1", id);
            if (there == -2)
                return -1;
            int h = there ? 0 : cell_holds(d, DIM_COMMODITY, 0, (long long)cls, id);
            if (h)
                return h < 0 ? -1 : (tf_fmt(msg, len, "table cell holds commodity id %lld, "
                                            "which table commodity lacks", id), 1);
        }
    }
    return 0;
}

int tf_store_dicts_check(tf_db *d, const tf_dicts *t, char *msg, size_t len)
{
    msg[0] = '\0';
    int r = dim_gaps(d, t, msg, len);
    if (r == 0)
        r = commodity_gaps(d, t, msg, len);
    return r < 0 ? SQLITE_ERROR : SQLITE_OK;
}
