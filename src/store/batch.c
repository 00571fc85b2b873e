/*
 * A batch of computations over one period range (tf_db_batch_begin,
 * tradeflow/store.h): a selection whose periods lie within the batch's range
 * is read through the first time (a sweep reads each product's range once,
 * stats.c), and the second time read from the store over the whole range and
 * kept; every later selection of the same cells (the next month's report of
 * the same product) is answered from memory, filtered by period.
 *
 * Why the answer is the same as reading the store again: a selection's
 * revisions come in key order (code, period, flow, ...), and which revision
 * of a cell is current depends on its revisions and the as-of time, never on
 * the period range asked for; so the selection of a sub-range is the
 * selection of the whole range with the other periods left out, in the same
 * order. The batch is one read transaction, so the store cannot change in
 * between. Currency counts (tf_db_currency_rows) are kept per code prefix,
 * currency and period, in the order the store gives them, and added up the
 * same way.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "store_int.h"

#define BATCH_MAX_BYTES ((size_t)256 << 20) /* beyond: selections read the store */

/* One selection read over the batch's range: its key and its revisions. */
typedef struct kept_sel {
    char *key;
    unsigned long long hash;     /* key_hash(key): most keys told apart without strcmp */
    tf_revision *v;
    long long *period;       /* v[i]'s period code (tf_store_period_code) */
    size_t n, cap;
    int kept;                /* 0: asked for once, read through and not kept */
} kept_sel;

/* One code prefix's currency counts over the range, in the store's order. */
typedef struct ccy_row {
    char currency[4];
    char period[20];
    long long rows;
} ccy_row;

typedef struct kept_ccy {
    char *key;
    unsigned long long hash;
    ccy_row *v;
    size_t n, cap;
} kept_ccy;

struct tf_store_batch {
    char from[20], to[20];
    kept_sel **sel; /* pointers: an entry stays put while a callback adds others */
    size_t n_sel;
    kept_ccy **ccy;
    size_t n_ccy;
    tf_kept_code **code;        /* stored codes' rows over the range (store.c) */
    size_t n_code;
    long long code_from, code_to; /* the range as period codes */
    size_t bytes;
    void *memo;                 /* tf_store_batch_slot's */
    void (*memo_free)(void *);
    int codes_only;             /* tf_store_codes_begin's: stored codes' rows only */
};

void tf_store_batch_free(tf_store_batch **bp)
{
    tf_store_batch *b = bp ? *bp : NULL;
    if (!b)
        return;
    for (size_t i = 0; i < b->n_sel; i++) {
        free(b->sel[i]->key);
        free(b->sel[i]->v);
        free(b->sel[i]->period);
        free(b->sel[i]);
    }
    for (size_t i = 0; i < b->n_ccy; i++) {
        free(b->ccy[i]->key);
        free(b->ccy[i]->v);
        free(b->ccy[i]);
    }
    for (size_t i = 0; i < b->n_code; i++) {
        tf_store_kept_rows_free(b->code[i]->v, b->code[i]->n);
        free(b->code[i]);
    }
    free(b->sel);
    free(b->ccy);
    free(b->code);
    if (b->memo && b->memo_free)
        b->memo_free(b->memo);
    free(b);
    *bp = NULL;
}

int tf_store_batch_range(tf_db *d, const char **from, const char **to)
{
    if (!d || !d->batch || d->batch->codes_only)
        return 0;
    *from = d->batch->from;
    *to = d->batch->to;
    return 1;
}

void **tf_store_batch_slot(tf_db *d, void (*free_fn)(void *))
{
    if (!d || !d->batch || d->batch->codes_only)
        return NULL;
    d->batch->memo_free = free_fn;
    return &d->batch->memo;
}

int tf_store_batch_codes(tf_db *d, long long *from, long long *to)
{
    if (!d || !d->batch || d->pg)
        return 0;
    *from = d->batch->code_from;
    *to = d->batch->code_to;
    return 1;
}

const tf_kept_code *tf_store_batch_code(tf_db *d, long long cls, long long reporter,
                                        long long code)
{
    tf_store_batch *b = d ? d->batch : NULL;
    for (size_t i = 0; b && i < b->n_code; i++) {
        const tf_kept_code *k = b->code[i];
        if (k->code == code && k->cls == cls && k->reporter == reporter)
            return k;
    }
    return NULL;
}

int tf_store_batch_keep_code(tf_db *d, tf_kept_code *k)
{
    tf_store_batch *b = d->batch;
    size_t bytes = k->n * sizeof *k->v;
    tf_kept_code **grown = NULL, *e = NULL;
    if (b && b->bytes + bytes <= BATCH_MAX_BYTES &&
        (grown = realloc(b->code, (b->n_code + 1) * sizeof *grown)))
        b->code = grown;
    if (grown && (e = malloc(sizeof *e))) {
        *e = *k;
        b->code[b->n_code++] = e;
        b->bytes += bytes;
    } else {
        tf_store_kept_rows_free(k->v, k->n);
    }
    k->v = NULL;
    k->n = 0;
    return e != NULL;
}

/* A new batch over from..to (checked by the caller) in d, with its read
 * transaction; NULL when out of memory. */
static tf_store_batch *batch_open(tf_db *d, const char *from, const char *to)
{
    tf_store_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    tf_scopy(b->from, sizeof b->from, from);
    tf_scopy(b->to, sizeof b->to, to);
    b->code_from = tf_store_period_bound(from, 0);
    b->code_to = tf_store_period_bound(to, 1);
    d->batch = b;
    tf_store_read_begin(d);
    return b;
}

tf_status tf_db_batch_begin(tf_db *d, const char *from, const char *to)
{
    if (!d || !from || !to || strlen(from) >= 20 || strlen(to) >= 20 || strcmp(from, to) > 0)
        return d ? tf_db_fail(d, TF_ERR_USAGE, "a batch needs a period range from <= to")
                 : TF_ERR_USAGE;
    if (d->batch)
        return tf_db_fail(d, TF_ERR_USAGE, "a batch is already open on this handle");
    return batch_open(d, from, to) ? TF_OK : TF_ERR_NOMEM;
}

void tf_db_batch_end(tf_db *d)
{
    if (!d || !d->batch || d->batch->codes_only)
        return;
    tf_store_batch_free(&d->batch);
    tf_store_read_end(d);
}

int tf_store_codes_begin(tf_db *d, const char *from, const char *to)
{
    if (!d || d->pg || d->batch || !from || !to || strlen(from) >= 20 || strlen(to) >= 20 ||
        strcmp(from, to) > 0)
        return 0;
    tf_store_batch *b = batch_open(d, from, to);
    if (b)
        b->codes_only = 1;
    return b != NULL;
}

void tf_store_codes_end(tf_db *d, int began)
{
    if (!began || !d || !d->batch || !d->batch->codes_only)
        return;
    tf_store_batch_free(&d->batch);
    tf_store_read_end(d);
}

/* Whether from..to (NULL: open) lies within the batch's range. */
static int within(const tf_store_batch *b, const char *from, const char *to)
{
    return from && to && strcmp(from, b->from) >= 0 && strcmp(to, b->to) <= 0 &&
           strcmp(from, to) <= 0;
}

/* FNV-1a of a key (a sweep's batch holds some hundreds of them). */
static unsigned long long key_hash(const char *k)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ULL;
    return h;
}

/* t appended to k at *n, then the separator sep (k has room: tf_store_sel_key). */
static void key_add(char *k, size_t *n, const char *t, char sep)
{
    size_t len = strlen(t);
    memcpy(k + *n, t, len);
    *n += len;
    k[(*n)++] = sep;
}

char *tf_store_sel_key(const tf_selection *s, const char *tail)
{
    const char *cls = s->classification ? s->classification : "HS";
    const char *rep = s->reporter ? s->reporter : "CHN";
    const char *as_of = s->as_of ? s->as_of : "\x1e"; /* none: not "" (a bad --as-of) */
    if (!tail)
        tail = "";
    size_t len = 64 + strlen(as_of) + strlen(cls) + strlen(rep) + strlen(tail);
    for (size_t i = 0; i < s->n_codes; i++)
        len += strlen(s->codes[i]) + 1;
    char *k = malloc(len), flow[24], *f = flow + sizeof flow - 1;
    if (!k)
        return NULL;
    long long v = (long long)s->flow; /* its number, as text (made for every
                                          selection of a batch: without printf) */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    *f = '\0';
    do
        *--f = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--f = '-';
    size_t n = 0;
    key_add(k, &n, cls, '\x1f');
    key_add(k, &n, rep, '\x1f');
    key_add(k, &n, f, '\x1f');
    key_add(k, &n, as_of, '\x1f');
    key_add(k, &n, s->all_revisions ? "1" : "0", '\x1f');
    key_add(k, &n, tail, '\x1f');
    for (size_t i = 0; i < s->n_codes; i++)
        key_add(k, &n, s->codes[i], '\x1e');
    k[n] = '\0';
    return k;
}

static tf_status keep_rev(void *ctx, const tf_revision *rev)
{
    kept_sel *e = ((void **)ctx)[0];
    tf_store_batch *b = ((void **)ctx)[1];
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 64;
        tf_revision *p = realloc(e->v, nc * sizeof *p);
        if (p)
            e->v = p;
        long long *pc = p ? realloc(e->period, nc * sizeof *pc) : NULL;
        if (!pc)
            return TF_ERR_NOMEM;
        b->bytes += (nc - e->cap) * (sizeof *p + sizeof *pc);
        e->period = pc;
        e->cap = nc;
    }
    e->period[e->n] = tf_store_period_code(rev->rec.period);
    e->v[e->n++] = *rev;
    return TF_OK;
}

/* The selection of key: new (*out->kept 0: the caller reads its own range
 * through, nothing kept), or asked for before (read over the whole range and
 * kept, when not yet). */
static tf_status find_sel(tf_db *d, const tf_selection *sel, char *key, kept_sel **out)
{
    tf_store_batch *b = d->batch;
    kept_sel *e = NULL;
    unsigned long long h = key_hash(key);
    for (size_t i = 0; i < b->n_sel && !e; i++)
        if (b->sel[i]->hash == h && !strcmp(b->sel[i]->key, key))
            e = b->sel[i];
    if (e) {
        free(key);
        *out = e;
        if (e->kept)
            return TF_OK;
        tf_selection whole = *sel;
        whole.period_from = b->from;
        whole.period_to = b->to;
        void *ctx[2] = {e, b};
        tf_status st = tf_store_select_direct(d, &whole, keep_rev, ctx);
        e->kept = st == TF_OK;
        if (st != TF_OK)
            e->n = 0;
        return st;
    }
    kept_sel **grown = realloc(b->sel, (b->n_sel + 1) * sizeof *grown);
    e = grown ? calloc(1, sizeof *e) : NULL;
    if (grown)
        b->sel = grown;
    if (!e) {
        free(key);
        return TF_ERR_NOMEM;
    }
    e->key = key;
    e->hash = h;
    b->sel[b->n_sel++] = e;
    *out = e;
    return TF_OK;
}

int tf_store_batch_select(tf_db *d, const tf_selection *sel,
                          tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx,
                          tf_status *st)
{
    tf_store_batch *b = d->batch;
    if (!b || b->codes_only || d->pg || b->bytes > BATCH_MAX_BYTES ||
        !within(b, sel->period_from, sel->period_to))
        return 0;
    char *key = tf_store_sel_key(sel, NULL);
    kept_sel *e = NULL;
    if (!key) {
        *st = TF_ERR_NOMEM;
        return 1;
    }
    if ((*st = find_sel(d, sel, key, &e)) != TF_OK)
        return 1;
    if (!e->kept) { /* the first time: read through (a sweep's months, read once) */
        *st = tf_store_select_direct(d, sel, fn, ctx);
        return 1;
    }
    /* the period range as codes (in the order of the texts) where both bounds
     * are periods, else compared as texts */
    long long from = tf_store_period_code(sel->period_from);
    long long to = tf_store_period_code(sel->period_to);
    int coded = from >= 0 && to >= 0;
    for (size_t i = 0; i < e->n && *st == TF_OK; i++) {
        const char *p = e->v[i].rec.period;
        if (coded ? e->period[i] >= from && e->period[i] <= to
                  : strcmp(p, sel->period_from) >= 0 && strcmp(p, sel->period_to) <= 0)
            *st = fn(ctx, &e->v[i]);
    }
    return 1;
}

static void keep_ccy(void *ctx, const char *currency, const char *period, long long rows)
{
    kept_ccy *e = ((void **)ctx)[0];
    tf_store_batch *b = ((void **)ctx)[1];
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 16;
        ccy_row *p = realloc(e->v, nc * sizeof *p);
        if (!p) {
            ((void **)ctx)[2] = e; /* out of memory: noted for the caller */
            return;
        }
        b->bytes += (nc - e->cap) * sizeof *p;
        e->v = p;
        e->cap = nc;
    }
    ccy_row *r = &e->v[e->n++];
    tf_scopy(r->currency, sizeof r->currency, currency);
    tf_scopy(r->period, sizeof r->period, period);
    r->rows = rows;
}

/* The kept currency counts of one code prefix, read over the whole range
 * when new. */
static tf_status find_ccy(tf_db *d, const tf_selection *sel, const char *prefix,
                          kept_ccy **out)
{
    tf_store_batch *b = d->batch;
    tf_selection one = *sel;
    one.codes = &prefix;
    one.n_codes = 1;
    one.flow = TF_FLOW_NONE;
    one.as_of = NULL;
    one.all_revisions = 0;
    char *key = tf_store_sel_key(&one, NULL);
    if (!key)
        return TF_ERR_NOMEM;
    unsigned long long h = key_hash(key);
    for (size_t i = 0; i < b->n_ccy; i++)
        if (b->ccy[i]->hash == h && !strcmp(b->ccy[i]->key, key)) {
            free(key);
            *out = b->ccy[i];
            return TF_OK;
        }
    kept_ccy **grown = realloc(b->ccy, (b->n_ccy + 1) * sizeof *grown);
    kept_ccy *e = grown ? calloc(1, sizeof *e) : NULL;
    if (grown)
        b->ccy = grown;
    if (!e) {
        free(key);
        return TF_ERR_NOMEM;
    }
    e->key = key;
    e->hash = h;
    void *ctx[3] = {e, b, NULL};
    tf_status st = tf_store_currency_periods(d, &one, b->from, b->to, keep_ccy, ctx);
    if (st == TF_OK && ctx[2])
        st = TF_ERR_NOMEM;
    if (st != TF_OK) {
        free(e->key);
        free(e->v);
        free(e);
        return st;
    }
    b->ccy[b->n_ccy++] = e;
    *out = e;
    return TF_OK;
}

int tf_store_batch_currency(tf_db *d, const tf_selection *sel,
                            void (*fn)(void *ctx, const char *currency, long long rows),
                            void *ctx, tf_status *st)
{
    tf_store_batch *b = d->batch;
    if (!b || b->codes_only || d->pg || b->bytes > BATCH_MAX_BYTES ||
        !within(b, sel->period_from, sel->period_to))
        return 0;
    *st = TF_OK;
    for (size_t i = 0; i < sel->n_codes && *st == TF_OK; i++) {
        kept_ccy *e = NULL;
        if ((*st = find_ccy(d, sel, sel->codes[i], &e)) != TF_OK)
            break;
        tf_ccy_tally t = {0};
        for (size_t k = 0; k < e->n; k++)
            if (strcmp(e->v[k].period, sel->period_from) >= 0 &&
                strcmp(e->v[k].period, sel->period_to) <= 0)
                tf_store_ccy_tally(&t, e->v[k].currency, e->v[k].rows);
        for (int k = 0; k < t.n; k++)
            fn(ctx, t.code[k], t.rows[k]);
    }
    return 1;
}
