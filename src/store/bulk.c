/*
 * The bulk buffer of an ingest: records packed into 1 MiB blocks (figures,
 * then the text fields NUL-separated), an index of pointers sorted by the
 * cell key. See bulk.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bulk.h"
#include "../common/util.h"

#define BLOCK_BYTES (1u << 20)

enum { HAS_Q = 1, HAS_Q2 = 2, HAS_V = 4, HAS_CIF = 8, HAS_FOB = 16 };

/* The text fields in stored order: the key's first three, the flow (one
 * byte, flow + 1), the key's other seven, then the rest; each ends in a NUL.
 * Since a NUL sorts below every other byte, memcmp over the key bytes orders
 * records field by field as SQLite's BINARY collation orders the columns. */
#define N_KEY_HEAD 3
#define N_TEXT 14
#define N_KEY_LAST 8 /* currency, the key's last text field */

typedef struct brec {
    tf_milli q, q2, v, cif, fob;
    unsigned long line;
    int flow;
    unsigned flags;
    size_t klen;   /* bytes of the key at the start of txt */
    char txt[];
} brec;

typedef struct block {
    struct block *next;
    size_t used;
    char data[];
} block;

struct tf_bulk {
    block *blocks;       /* newest first */
    brec **idx;
    size_t n, cap, bytes, limit;
};

tf_bulk *tf_bulk_new(size_t limit)
{
    tf_bulk *b = calloc(1, sizeof *b);
    if (b)
        b->limit = limit;
    return b;
}

void tf_bulk_clear(tf_bulk *b)
{
    while (b->blocks) {
        block *k = b->blocks;
        b->blocks = k->next;
        free(k);
    }
    b->n = 0;
    b->bytes = 0;
}

void tf_bulk_free(tf_bulk *b)
{
    if (!b)
        return;
    tf_bulk_clear(b);
    free(b->idx);
    free(b);
}

size_t tf_bulk_count(const tf_bulk *b) { return b->n; }
int tf_bulk_full(const tf_bulk *b) { return b->bytes >= b->limit; }

static void texts(const tf_record *r, const char *t[N_TEXT])
{
    const char *v[N_TEXT] = {r->classification, r->commodity, r->period, r->reporter,
                             r->partner, r->partner_basis, r->trade_mode, r->province,
                             r->currency, r->unit, r->unit2, r->status, r->provenance,
                             r->partner_name};
    memcpy(t, v, sizeof v);
}

/* Room for n bytes, 8-aligned, in the newest block (a new block when full). */
static void *reserve(tf_bulk *b, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!b->blocks || b->blocks->used + n > BLOCK_BYTES) {
        size_t sz = n > BLOCK_BYTES ? n : BLOCK_BYTES;
        block *k = malloc(sizeof *k + sz);
        if (!k)
            return NULL;
        k->next = b->blocks;
        k->used = 0;
        b->blocks = k;
        b->bytes += sizeof *k + sz;
    }
    void *p = b->blocks->data + b->blocks->used;
    b->blocks->used += n;
    return p;
}

int tf_bulk_add(tf_bulk *b, const tf_record *r)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 4096;
        brec **p = realloc(b->idx, nc * sizeof *p);
        if (!p)
            return -1;
        b->idx = p;
        b->cap = nc;
    }
    const char *t[N_TEXT];
    size_t len[N_TEXT], total = 2; /* the flow byte and its NUL */
    texts(r, t);
    for (int i = 0; i < N_TEXT; i++)
        total += (len[i] = strlen(t[i])) + 1;
    brec *e = reserve(b, sizeof *e + total);
    if (!e)
        return -1;
    e->q = r->quantity, e->q2 = r->quantity2, e->v = r->value, e->cif = r->cif, e->fob = r->fob;
    e->line = r->line;
    e->flow = (int)r->flow;
    e->flags = (r->has_quantity ? HAS_Q : 0) | (r->has_quantity2 ? HAS_Q2 : 0) |
               (r->has_value ? HAS_V : 0) | (r->has_cif ? HAS_CIF : 0) |
               (r->has_fob ? HAS_FOB : 0);
    char *o = e->txt;
    for (int i = 0; i < N_TEXT; i++) {
        if (i == N_KEY_HEAD) {
            *o++ = (char)(e->flow + 1);
            *o++ = '\0';
        }
        memcpy(o, t[i], len[i] + 1);
        o += len[i] + 1;
        if (i == N_KEY_LAST)
            e->klen = (size_t)(o - e->txt);
    }
    b->idx[b->n++] = e;
    return 0;
}

static int cmp_key(const brec *x, const brec *y)
{
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->txt, y->txt, n);
    return c ? c : x->klen < y->klen ? -1 : x->klen > y->klen;
}

static int cmp_rec(const void *pa, const void *pb)
{
    const brec *x = *(brec *const *)pa, *y = *(brec *const *)pb;
    int c = cmp_key(x, y);
    if (c)
        return c < 0 ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

void tf_bulk_sort(tf_bulk *b)
{
    if (b->n > 1)
        qsort(b->idx, b->n, sizeof *b->idx, cmp_rec);
}

int tf_bulk_duplicate(const tf_bulk *b, size_t *at, unsigned long *first)
{
    int found = 0;
    size_t start = 0; /* the first record of the current cell */
    for (size_t i = 1; i < b->n; i++) {
        if (cmp_key(b->idx[start], b->idx[i]) != 0) {
            start = i;
            continue;
        }
        if (i == start + 1 && (!found || b->idx[i]->line < b->idx[*at]->line)) {
            *at = i;
            *first = b->idx[start]->line;
            found = 1;
        }
    }
    return found;
}

void tf_bulk_get(const tf_bulk *b, size_t i, tf_record *r)
{
    const brec *e = b->idx[i];
    if (i + 4 < b->n) /* sorted order jumps about the buffer: fetch ahead */
        __builtin_prefetch(b->idx[i + 4]);
    char *dst[N_TEXT] = {r->classification, r->commodity, r->period, r->reporter, r->partner,
                         r->partner_basis, r->trade_mode, r->province, r->currency, r->unit,
                         r->unit2, r->status, r->provenance, r->partner_name};
    size_t cap[N_TEXT] = {sizeof r->classification, sizeof r->commodity, sizeof r->period,
                          sizeof r->reporter, sizeof r->partner, sizeof r->partner_basis,
                          sizeof r->trade_mode, sizeof r->province, sizeof r->currency,
                          sizeof r->unit, sizeof r->unit2, sizeof r->status,
                          sizeof r->provenance, sizeof r->partner_name};
    const char *s = e->txt;
    for (int k = 0; k < N_TEXT; k++) {
        if (k == N_KEY_HEAD)
            s += 2; /* the flow byte */
        size_t n = strlen(s);
        tf_copy(dst[k], cap[k], s, n);
        s += n + 1;
    }
    r->flow = (tf_flow)e->flow;
    r->line = e->line;
    r->has_quantity = !!(e->flags & HAS_Q), r->quantity = e->q;
    r->has_quantity2 = !!(e->flags & HAS_Q2), r->quantity2 = e->q2;
    r->has_value = !!(e->flags & HAS_V), r->value = e->v;
    r->has_cif = !!(e->flags & HAS_CIF), r->cif = e->cif;
    r->has_fob = !!(e->flags & HAS_FOB), r->fob = e->fob;
}
