/*
 * Reading a tradeflow CSV or a GACC export on two threads (docs/store.md,
 * "Parsing on two threads").
 *
 * The rows are split at the first row that starts at or after a byte `mid`
 * past the middle of the file. Where rows start can only be known by reading
 * from the top (a quoted field may hold line breaks, and a bare CR inside a
 * GACC name is no line end in a file of LF lines), so the second thread runs
 * the same tokenizer (csv.c) from the header on, skimming (the rows' bounds,
 * lines and syntax errors exactly as ever, no field bytes kept) until a row
 * starts at or after `mid`: that row, and its line number, are where it
 * begins to read for real. The first thread reads the rows from the header on
 * through a second tokenizer over the same file (tf_csv_fork) and stops at the
 * first row starting at or after `mid`: the same row, found by the same code
 * from the same start. Should the skim not get there (the end of the file, a
 * syntax error: the first thread will meet it too), the first thread reads on
 * to the end alone.
 *
 * Exactness: the first thread's error, if any, is the read's (the second
 * thread's rows come after it, and are dropped; it is told to stop); else the
 * second's. The second thread's warnings are kept and given after the first's
 * rows, each once per key as on one thread; its counts are added. The second
 * thread reads the caller's tokenizer, which hashes every byte in order, so
 * the file's SHA-256 is the same.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

typedef struct wentry {
    char *key, *text;
    unsigned long line, col;
} wentry;

struct tf_wlog {
    wentry *e;
    size_t n, cap;
    int failed; /* out of memory: a warning was lost */
};

typedef struct split {
    tf_rctx b;               /* the second reader: the caller's tokenizer */
    tf_diag diag;            /* its error */
    tf_read_stats stats;     /* its counts */
    tf_wlog wlog;            /* its warnings */
    tf_format fmt;
    unsigned long long mid;
    atomic_int cancel;       /* 1: the first reader failed, the second's rows are not wanted */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int decided, reached;    /* the skim is over; it found the row to start at */
    unsigned long line;      /* that row's line */
    tf_status st;            /* the second reader's result */
} split;

/* Rows of at least this many bytes after the header are read on two threads
 * unless the caller asks otherwise (split_min). */
unsigned long long tf_split_point(const tf_rctx *c, tf_format fmt)
{
    const tf_read_opts *o = c->opts;
    if (!o->split_sink || c->fd < 0 || (fmt != TF_FORMAT_TFCSV && fmt != TF_FORMAT_GACC))
        return 0;
    /* the encoding must be settled before the rows: a GACC file whose first
     * buffer is all ASCII decides it at its first non-ASCII field */
    if (!c->enc_fixed && c->enc == TF_ENC_ASCII)
        return 0;
    unsigned long long at = tf_csv_offset(c->csv);
    if (at >= c->size || c->size - at < 2 || c->size - at < o->split_min)
        return 0;
    /* The second thread also skims the first part: give it a little less to
     * read for real (the skim costs about a fifth of reading). */
    return at + (c->size - at) / 20 * 11;
}

void tf_wlog_add(tf_wlog *w, const char *key, unsigned long line, unsigned long col,
                 const char *text)
{
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 16;
        wentry *p = realloc(w->e, nc * sizeof *p);
        if (!p) {
            w->failed = 1;
            return;
        }
        w->e = p;
        w->cap = nc;
    }
    wentry e = {key ? tf_strdup(key) : NULL, tf_strdup(text), line, col};
    if ((key && !e.key) || !e.text) {
        free(e.key);
        free(e.text);
        w->failed = 1;
        return;
    }
    w->e[w->n++] = e;
}

static void wlog_free(tf_wlog *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->e[i].key);
        free(w->e[i].text);
    }
    free(w->e);
}

/* The second reader's sink: the caller's split_sink, until told to stop. */
static tf_status second_sink(void *ctx, const tf_record *r, tf_diag *diag)
{
    split *s = ctx;
    if (atomic_load(&s->cancel))
        return TF_ERR_INPUT; /* dropped with everything the second reader did */
    return s->b.opts->split_sink(s->b.opts->split_ctx, r, diag);
}

/* The first reader at the split: wait for the skim; 1 to stop there. */
static int first_stop(void *ctx)
{
    split *s = ctx;
    pthread_mutex_lock(&s->mu);
    while (!s->decided)
        pthread_cond_wait(&s->cv, &s->mu);
    int stop = s->reached;
    pthread_mutex_unlock(&s->mu);
    return stop;
}

static void *second_main(void *arg)
{
    split *s = arg;
    tf_csv *csv = s->b.csv;
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256];
    int reached = 1;
    tf_csv_skim(csv, 1);
    while (reached && tf_csv_offset(csv) < s->mid && !atomic_load(&s->cancel))
        reached = tf_csv_next(csv, &f, &n, &line, &col, err, sizeof err) == 1;
    tf_csv_skim(csv, 0);
    pthread_mutex_lock(&s->mu);
    s->decided = 1;
    s->reached = reached && !atomic_load(&s->cancel);
    s->line = tf_csv_line(csv);
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    if (s->reached)
        s->st = tf_read_format(&s->b, s->fmt);
    return NULL;
}

/* The second reader: a copy of c owning nothing yet, its own error, counts,
 * warnings and sink. */
static void second_init(split *s, const tf_rctx *c, tf_format fmt, unsigned long long mid)
{
    s->b = *c;
    s->b.diag = &s->diag;
    s->b.stats = &s->stats;
    s->b.wlog = &s->wlog;
    s->b.sink = second_sink;
    s->b.sink_ctx = s;
    s->b.cd = (iconv_t)-1;
    s->b.memo = NULL;
    s->b.scratch = NULL;
    s->b.scratch_cap = 0;
    s->b.warned = NULL;
    s->b.n_warned = s->b.warned_cap = 0;
    s->fmt = fmt;
    s->mid = mid;
    atomic_init(&s->cancel, 0);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
}

/* After both readers: the read's result, as one reader would have given it. */
static tf_status combine(tf_rctx *c, split *s, tf_status first)
{
    if (first != TF_OK || !s->reached)
        return first;
    c->stats->rows += s->stats.rows;
    c->stats->kept += s->stats.kept;
    c->stats->filtered += s->stats.filtered;
    c->stats->other_flows += s->stats.other_flows;
    c->stats->skipped += s->stats.skipped;
    c->stats->split = 1;
    if (c->enc == TF_ENC_ASCII)
        c->enc = s->b.enc;
    /* the second reader's warnings in file order; those of the header (its
     * format reader checks the header again) were the first reader's */
    for (size_t i = 0; i < s->wlog.n; i++) {
        const wentry *e = &s->wlog.e[i];
        if (e->line >= s->line)
            tf_rwarn(c, e->key, e->line, e->col, "%s", e->text);
    }
    if (s->st != TF_OK) {
        c->diag->error = s->diag.error;
        return s->st;
    }
    return s->wlog.failed ? TF_ERR_NOMEM : TF_OK;
}

tf_status tf_read_split(tf_rctx *c, tf_format fmt, unsigned long long mid)
{
    split *s = calloc(1, sizeof *s);
    tf_csv *fork = s ? tf_csv_fork(c->csv, c->fd, c->base) : NULL;
    if (!fork) {
        free(s);
        return tf_read_format(c, fmt); /* no memory for a second reader: one */
    }
    second_init(s, c, fmt, mid);
    pthread_t th;
    tf_status st;
    if (pthread_create(&th, NULL, second_main, s) != 0) {
        st = tf_read_format(c, fmt);
    } else {
        tf_csv *own = c->csv;
        c->csv = fork;
        tf_csv_stop_at(fork, mid, first_stop, s);
        st = tf_read_format(c, fmt);
        if (st != TF_OK)
            atomic_store(&s->cancel, 1);
        pthread_join(th, NULL);
        c->csv = own;
        st = combine(c, s, st);
    }
    tf_csv_close(fork);
    tf_rctx_release(&s->b);
    wlog_free(&s->wlog);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s);
    return st;
}
