/*
 * The bulk buffer of an ingest: records packed into 1 MiB blocks (figures,
 * then the text fields NUL-separated), an index of pointers sorted by the
 * cell key. See bulk.h.
 *
 * A full buffer is sorted and written out on a second thread while the
 * reader (parsing, decoding GB18030) fills a fresh one: two buffers of half
 * the limit each, so memory stays within the limit. The thread touches only
 * the buffer handed to it; the reader waits for it before handing over the
 * next one and before the merge.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    size_t size;   /* bytes of the whole record, txt included */
    char txt[];
} brec;

/* The merged stream is produced on a thread of its own, a batch of records
 * ahead of the caller, who stores them meanwhile (the merge of the runs -
 * reading them back, comparing keys, unpacking records - is about a third of
 * the ingest's last pass). Two batches: the thread fills one while the caller
 * takes the records of the other. */
#define FEED_BATCH 256

typedef struct feed_batch {
    tf_record rec[FEED_BATCH];
    unsigned long repeat_of[FEED_BATCH];
    size_t n, pos;
    int end;             /* merge_next's last answer: 0 the end, -1 an error, 1 more */
    int full;            /* 1: filled, the caller's to take */
} feed_batch;

typedef struct feeder {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    feed_batch batch[2];
    int cur;             /* the batch the caller takes from */
    int taking;          /* 1: the caller has seen it filled */
    int stop;            /* the caller has finished early */
} feeder;

/* A sorted run being merged: a spilled file, or the buffer in memory. */
typedef struct run {
    FILE *f;       /* NULL: the buffer (idx[pos..n)) */
    brec *cur;     /* its next record; NULL when done */
    brec *buf;     /* a file run's record buffer */
    char *vbuf;    /* a file run's stdio buffer (RUN_READ_BUF) */
    size_t cap, pos;
} run;

typedef struct block {
    struct block *next;
    size_t used;
    char data[];
} block;

/* A buffer being sorted and written out by the spill thread. */
typedef struct spill_job {
    block *blocks;
    brec **idx;
    size_t n, cap;
    FILE *f;             /* the run written; NULL when it failed */
    pthread_t th;
    int pending;         /* 1: handed over, not yet collected */
    int threaded;        /* 1: written by th, to be joined */
} spill_job;

struct tf_bulk {
    block *blocks;       /* newest first */
    block *spare;        /* blocks of a buffer written out, to fill again: their pages
                            are mapped already (fresh ones cost the kernel zeroing them) */
    brec **idx;
    size_t n, cap, bytes, limit;
    spill_job job;
    FILE **spilled;      /* sorted runs written out, oldest first */
    size_t n_spilled;
    run *runs;           /* the merge: runs, and a heap of them by next record */
    size_t n_runs, *heap, n_heap;
    char *prev;          /* the key of the record merged last */
    size_t prev_len, prev_cap;
    unsigned long first; /* the line of the first record of that key */
    feeder *feed;        /* the merge's thread and its batches; NULL: merged here */
    tf_record one;       /* the record merged last, without the thread */
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

static int spill_wait(tf_bulk *b);

static void free_spare(tf_bulk *b)
{
    while (b->spare) {
        block *k = b->spare;
        b->spare = k->next;
        free(k);
    }
}

static void feed_stop(tf_bulk *b);
static void feed_start(tf_bulk *b);

void tf_bulk_free(tf_bulk *b)
{
    if (!b)
        return;
    feed_stop(b);
    spill_wait(b);
    free_spare(b);
    free(b->job.idx);
    tf_bulk_clear(b);
    for (size_t i = 0; i < b->n_spilled; i++)
        fclose(b->spilled[i]);
    for (size_t i = 0; i < b->n_runs; i++)
        free(b->runs[i].buf), free(b->runs[i].vbuf);
    free(b->spilled);
    free(b->runs);
    free(b->heap);
    free(b->prev);
    free(b->idx);
    free(b);
}

size_t tf_bulk_count(const tf_bulk *b) { return b->n; }
size_t tf_bulk_limit(const tf_bulk *b) { return b->limit; }
/* half the limit: a second buffer may be being written out meanwhile */
int tf_bulk_full(const tf_bulk *b) { return b->bytes >= b->limit / 2; }

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
        block *k = sz == BLOCK_BYTES && b->spare ? b->spare : malloc(sizeof *k + sz);
        if (k && k == b->spare)
            b->spare = k->next;
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
    e->size = sizeof *e + total;
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

static void tf_bulk_get_rec(const brec *e, tf_record *r)
{    char *dst[N_TEXT] = {r->classification, r->commodity, r->period, r->reporter, r->partner,
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

/* A run is written through a buffer of its own (one write(2) a MiB instead
 * of stdio's one per 4 KiB) and read back through RUN_READ_BUF bytes of
 * stdio buffer a run (tf_bulk_merge_begin). */
#define RUN_WRITE_BUF (1u << 20)
#define RUN_READ_BUF (256u << 10)

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A record on disk: its length (4 bytes), flags, flow, line, the figures present
 * and the key's length as varints (a figure zigzagged), then the text. The
 * record in memory spends 72 bytes on these; on disk they take about 15, so a
 * run is about half the bytes to write and read back. */
#define DISK_HEAD_MAX (4 + 2 + 10 * 8)

static unsigned char *put_varint(unsigned char *o, uint64_t v)
{
    while (v >= 0x80) {
        *o++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *o++ = (unsigned char)v;
    return o;
}

static const unsigned char *get_varint(const unsigned char *p, const unsigned char *end,
                                       uint64_t *v)
{
    *v = 0;
    for (int sh = 0; p < end && sh < 64; sh += 7) {
        unsigned char c = *p++;
        *v |= (uint64_t)(c & 0x7f) << sh;
        if (!(c & 0x80))
            return p;
    }
    return NULL;
}

static uint64_t zigzag(tf_milli v) { return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0); }
static tf_milli unzigzag(uint64_t u) { return (tf_milli)(u >> 1) ^ -(tf_milli)(u & 1); }

/* e in its disk form at o (room: DISK_HEAD_MAX + its text); the bytes written. */
static size_t disk_put(const brec *e, unsigned char *o)
{
    const tf_milli fig[5] = {e->q, e->q2, e->v, e->cif, e->fob};
    size_t tlen = e->size - sizeof *e;
    unsigned char *p = o + 4;
    *p++ = (unsigned char)e->flags;
    p = put_varint(p, (uint64_t)(unsigned)e->flow);
    p = put_varint(p, e->line);
    for (int i = 0; i < 5; i++)
        if (e->flags & (1u << i))
            p = put_varint(p, zigzag(fig[i]));
    p = put_varint(p, e->klen);
    memcpy(p, e->txt, tlen);
    p += tlen;
    uint32_t len = (uint32_t)(p - o - 4);
    memcpy(o, &len, 4);
    return (size_t)(p - o);
}

/* The record of n disk bytes at p (after its length) into e (room for its
 * text: n bytes). 0, or -1 when they are not one. */
static int disk_get(const unsigned char *p, size_t n, brec *e)
{
    const unsigned char *end = p + n;
    tf_milli *fig[5] = {&e->q, &e->q2, &e->v, &e->cif, &e->fob};
    uint64_t v;
    if (n < 1)
        return -1;
    e->flags = *p++;
    if (!(p = get_varint(p, end, &v)))
        return -1;
    e->flow = (int)v;
    if (!(p = get_varint(p, end, &v)))
        return -1;
    e->line = (unsigned long)v;
    for (int i = 0; i < 5; i++) {
        *fig[i] = 0;
        if ((e->flags & (1u << i)) && (p = get_varint(p, end, &v)) != NULL)
            *fig[i] = unzigzag(v);
        if (!p)
            return -1;
    }
    if (!(p = get_varint(p, end, &v)) || v > (uint64_t)(end - p))
        return -1;
    e->klen = (size_t)v;
    e->size = sizeof *e + (size_t)(end - p);
    memcpy(e->txt, p, (size_t)(end - p));
    return 0;
}

/* idx[0..n)'s records, in that order and disk form, to fd. 0, or -1 (no
 * memory, a write error). */
static int write_recs(int fd, brec **idx, size_t n)
{
    unsigned char *buf = malloc(RUN_WRITE_BUF);
    unsigned char *big = NULL; /* a record larger than the buffer */
    if (!buf)
        return -1;
    size_t used = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t room = DISK_HEAD_MAX + idx[i]->size - sizeof **idx;
        if (used + room > RUN_WRITE_BUF) {
            rc = write_all(fd, (const char *)buf, used);
            used = 0;
        }
        if (rc == 0 && room > RUN_WRITE_BUF) {
            free(big);
            big = malloc(room);
            rc = big ? write_all(fd, (const char *)big, disk_put(idx[i], big)) : -1;
        } else if (rc == 0) {
            used += disk_put(idx[i], buf + used);
        }
    }
    if (rc == 0)
        rc = write_all(fd, (const char *)buf, used);
    free(big);
    free(buf);
    return rc;
}

/* Sort idx[0..n) and write it to an unlinked temporary file, rewound: the
 * file, or NULL (no memory, a write error). */
static FILE *write_run(brec **idx, size_t n)
{
    FILE *f = tmpfile(); /* unlinked: gone with the process, killed or not */
    if (!f)
        return NULL;
    if (n > 1)
        qsort(idx, n, sizeof *idx, cmp_rec);
    /* written past stdio, on its descriptor: the stream has not been used yet */
    if (write_recs(fileno(f), idx, n) != 0 || lseek(fileno(f), 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    return f;
}

static void *spill_main(void *arg)
{
    spill_job *j = arg;
    j->f = write_run(j->idx, j->n);
    return NULL;
}

/* Wait for the buffer being written out: its run joins the spilled ones and
 * its memory is freed. 0, or -1 when its writing failed. */
static int spill_wait(tf_bulk *b)
{
    spill_job *j = &b->job;
    if (!j->pending)
        return 0;
    if (j->threaded)
        pthread_join(j->th, NULL);
    j->pending = j->threaded = 0;
    while (j->blocks) {
        block *k = j->blocks;
        j->blocks = k->next;
        if (k->used > BLOCK_BYTES) { /* a record larger than a block had one of its own */
            free(k);
            continue;
        }
        k->next = b->spare;
        b->spare = k;
    }
    j->n = 0;
    if (!j->f)
        return -1;
    b->spilled[b->n_spilled++] = j->f; /* room made before the job began */
    j->f = NULL;
    return 0;
}

int tf_bulk_spill(tf_bulk *b)
{
    if (b->n == 0)
        return 0;
    if (spill_wait(b) != 0)
        return -1;
    FILE **p = realloc(b->spilled, (b->n_spilled + 1) * sizeof *p);
    if (!p)
        return -1;
    b->spilled = p;
    /* the full buffer goes to the job; the job's emptied index comes back */
    spill_job *j = &b->job;
    brec **idx = j->idx;
    size_t cap = j->cap;
    j->blocks = b->blocks, j->idx = b->idx, j->n = b->n, j->cap = b->cap;
    b->blocks = NULL, b->idx = idx, b->cap = cap, b->n = 0, b->bytes = 0;
    j->f = NULL;
    j->pending = 1;
    j->threaded = pthread_create(&j->th, NULL, spill_main, j) == 0;
    if (j->threaded)
        return 0;
    spill_main(j); /* no thread to be had: written here */
    return spill_wait(b);
}

size_t tf_bulk_spilled(const tf_bulk *b) { return b->n_spilled + (size_t)b->job.pending; }

int tf_bulk_adopt(tf_bulk *dst, tf_bulk *src)
{
    if (tf_bulk_spill(src) != 0 || spill_wait(src) != 0 || spill_wait(dst) != 0)
        return -1;
    if (src->n_spilled == 0)
        return 0;
    FILE **p = realloc(dst->spilled, (dst->n_spilled + src->n_spilled) * sizeof *p);
    if (!p)
        return -1;
    dst->spilled = p;
    memcpy(dst->spilled + dst->n_spilled, src->spilled, src->n_spilled * sizeof *p);
    dst->n_spilled += src->n_spilled;
    src->n_spilled = 0;
    return 0;
}

/* The next record of a run into r->cur (NULL at its end). 0, or -1 on a
 * read error. */
static int run_advance(tf_bulk *b, run *r)
{
    if (!r->f) {
        if (r->pos + 4 < b->n) /* sorted order jumps about the buffer: fetch ahead */
            __builtin_prefetch(b->idx[r->pos + 4]);
        r->cur = r->pos < b->n ? b->idx[r->pos++] : NULL;
        return 0;
    }
    uint32_t len;
    if (fread(&len, sizeof len, 1, r->f) != 1) {
        r->cur = NULL;
        return ferror(r->f) ? -1 : 0;
    }
    /* the disk bytes at the end of the record's room, its text copied before them */
    size_t need = sizeof(brec) + 2 * (size_t)len;
    if (need > r->cap) {
        brec *nb = realloc(r->buf, need);
        if (!nb)
            return -1;
        r->buf = nb;
        r->cap = need;
    }
    unsigned char *raw = (unsigned char *)r->buf->txt + len;
    if ((len > 0 && fread(raw, len, 1, r->f) != 1) || disk_get(raw, len, r->buf) != 0)
        return -1;
    r->cur = r->buf;
    return 0;
}

static int heap_less(const tf_bulk *b, size_t i, size_t j)
{
    const brec *x = b->runs[b->heap[i]].cur, *y = b->runs[b->heap[j]].cur;
    return cmp_rec(&x, &y) < 0;
}

static void heap_down(tf_bulk *b, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < b->n_heap && heap_less(b, l, m))
            m = l;
        if (l + 1 < b->n_heap && heap_less(b, l + 1, m))
            m = l + 1;
        if (m == i)
            return;
        size_t t = b->heap[i];
        b->heap[i] = b->heap[m];
        b->heap[m] = t;
        i = m;
    }
}

int tf_bulk_merge_begin(tf_bulk *b)
{
    if (spill_wait(b) != 0)
        return -1;
    free_spare(b);
    tf_bulk_sort(b);
    b->n_runs = b->n_spilled + 1;
    b->runs = calloc(b->n_runs, sizeof *b->runs);
    b->heap = calloc(b->n_runs, sizeof *b->heap);
    if (!b->runs || !b->heap)
        return -1;
    b->n_heap = 0;
    for (size_t i = 0; i < b->n_runs; i++) {
        run *r = &b->runs[i];
        r->f = i < b->n_spilled ? b->spilled[i] : NULL;
        /* the stream's first use: a larger buffer, or stdio's own without memory */
        if (r->f && (r->vbuf = malloc(RUN_READ_BUF)) != NULL &&
            setvbuf(r->f, r->vbuf, _IOFBF, RUN_READ_BUF) != 0) {
            free(r->vbuf);
            r->vbuf = NULL;
        }
        if (run_advance(b, &b->runs[i]) != 0)
            return -1;
        if (b->runs[i].cur)
            b->heap[b->n_heap++] = i;
    }
    for (size_t i = b->n_heap / 2; i-- > 0;)
        heap_down(b, i);
    b->prev_len = 0;
    feed_start(b);
    return 0;
}

/* Remember e's key as the last merged; 1 when it repeats the one before. */
static int same_as_prev(tf_bulk *b, const brec *e)
{
    int same = b->prev_len == e->klen && memcmp(b->prev, e->txt, e->klen) == 0;
    if (!same) {
        if (e->klen > b->prev_cap) {
            char *p = realloc(b->prev, e->klen);
            if (!p)
                return -1;
            b->prev = p;
            b->prev_cap = e->klen;
        }
        memcpy(b->prev, e->txt, e->klen);
        b->prev_len = e->klen;
        b->first = e->line;
    }
    return same;
}

static int merge_next(tf_bulk *b, tf_record *out, unsigned long *repeat_of)
{
    if (b->n_heap == 0)
        return 0;
    run *r = &b->runs[b->heap[0]];
    int same = same_as_prev(b, r->cur);
    if (same < 0)
        return -1;
    *repeat_of = same ? b->first : 0;
    tf_bulk_get_rec(r->cur, out);
    if (run_advance(b, r) != 0)
        return -1;
    if (!r->cur)
        b->heap[0] = b->heap[--b->n_heap];
    heap_down(b, 0);
    return 1;
}

/* The thread: the merged stream into the batches in turn, until its end or
 * until the caller stops. */
static void *feed_main(void *arg)
{
    tf_bulk *b = arg;
    feeder *f = b->feed;
    for (int i = 0;; i ^= 1) {
        feed_batch *k = &f->batch[i];
        pthread_mutex_lock(&f->mu);
        while (k->full && !f->stop)
            pthread_cond_wait(&f->cv, &f->mu);
        int stop = f->stop;
        pthread_mutex_unlock(&f->mu);
        if (stop)
            return NULL;
        k->n = k->pos = 0;
        k->end = 1;
        while (k->n < FEED_BATCH &&
               (k->end = merge_next(b, &k->rec[k->n], &k->repeat_of[k->n])) == 1)
            k->n++;
        pthread_mutex_lock(&f->mu);
        k->full = 1;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        if (k->end != 1)
            return NULL;
    }
}

/* Start the thread after tf_bulk_merge_begin; without one (no memory, no
 * thread to be had) the stream is merged in tf_bulk_next itself. */
static void feed_start(tf_bulk *b)
{
    feeder *f = calloc(1, sizeof *f);
    if (!f)
        return;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    b->feed = f;
    if (pthread_create(&f->th, NULL, feed_main, b) != 0) {
        pthread_mutex_destroy(&f->mu);
        pthread_cond_destroy(&f->cv);
        free(f);
        b->feed = NULL;
    }
}

static void feed_stop(tf_bulk *b)
{
    feeder *f = b->feed;
    if (!f)
        return;
    pthread_mutex_lock(&f->mu);
    f->stop = 1;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->th, NULL);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    free(f);
    b->feed = NULL;
}

int tf_bulk_next(tf_bulk *b, const tf_record **out, unsigned long *repeat_of)
{
    feeder *f = b->feed;
    if (!f) {
        *out = &b->one;
        return merge_next(b, &b->one, repeat_of);
    }
    feed_batch *k = &f->batch[f->cur];
    if (f->taking && k->pos == k->n && k->end == 1) { /* taken: hand it back */
        pthread_mutex_lock(&f->mu);
        k->full = 0;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        f->cur ^= 1;
        f->taking = 0;
        k = &f->batch[f->cur];
    }
    if (!f->taking) { /* wait for the thread to fill it */
        pthread_mutex_lock(&f->mu);
        while (!k->full)
            pthread_cond_wait(&f->cv, &f->mu);
        pthread_mutex_unlock(&f->mu);
        f->taking = 1;
    }
    if (k->pos == k->n)
        return k->end; /* the end of the stream, or its error */
    *out = &k->rec[k->pos];
    *repeat_of = k->repeat_of[k->pos++];
    return 1;
}
