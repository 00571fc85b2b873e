/* Streaming RFC 4180 tokenizer: one row in memory at a time. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

#define TF_CSV_MAX_ROW (64u * 1024u * 1024u) /* a longer row is an error */

struct tf_csv {
    FILE *in;
    tf_sha256 *hash;
    size_t pos, len;
    int eof, ioerr;
    unsigned long line;          /* current physical line, 1-based */
    unsigned long long bytes;
    int started;                 /* the first buffer was read (BOM check done) */
    int bom;                     /* the input began with a UTF-8 byte-order mark */
    int unterminated;            /* the last row read ended at end of input, not a line end */
    int cr_eol;                  /* a row ended with a bare CR: the file's lines end so */
    char *row;                   /* unescaped bytes of the current row */
    size_t row_len, row_cap;
    size_t *starts;              /* field start offsets into row */
    size_t *ends;
    int *quoted;
    size_t nf, f_cap;
    tf_csv_field *fields;
    size_t fields_cap;
    int fd;                      /* >= 0: a fork, reading fd with pread from byte `at` */
    unsigned long long at;
    int skim;                    /* 1: rows are read for their bounds only (no field bytes) */
    unsigned long long stop_at;  /* tf_csv_stop_at: the offset where stop() is asked */
    int (*stop)(void *ctx);
    void *stop_ctx;
    unsigned char buf[1 << 16];  /* last: only the fields above are cleared at open */
};

tf_csv *tf_csv_open(FILE *in, tf_sha256 *h)
{
    tf_csv *c = malloc(sizeof *c); /* the buffer is read only as far as it is filled */
    if (!c)
        return NULL;
    memset(c, 0, offsetof(tf_csv, buf));
    c->in = in;
    c->hash = h;
    c->fd = -1;
    c->line = 1;
    c->row = malloc(4096);
    if (!c->row) {
        free(c);
        return NULL;
    }
    c->row_cap = 4096;
    return c;
}

void tf_csv_close(tf_csv *c)
{
    if (!c)
        return;
    free(c->row);
    free(c->starts);
    free(c->ends);
    free(c->quoted);
    free(c->fields);
    free(c);
}

static int fill(tf_csv *c);

int tf_csv_bom(const tf_csv *c) { return c->bom; }
unsigned long long tf_csv_offset(const tf_csv *c) { return c->bytes - (c->len - c->pos); }
void tf_csv_skim(tf_csv *c, int on) { c->skim = on; }

void tf_csv_stop_at(tf_csv *c, unsigned long long offset, int (*stop)(void *ctx), void *ctx)
{
    c->stop_at = offset;
    c->stop = stop;
    c->stop_ctx = ctx;
}

tf_csv *tf_csv_fork(const tf_csv *parent, int fd, unsigned long long base)
{
    tf_csv *c = tf_csv_open(NULL, NULL);
    if (!c)
        return NULL;
    c->fd = fd;
    c->bytes = tf_csv_offset(parent);
    c->at = base + c->bytes;
    c->line = parent->line;
    c->started = 1;
    c->bom = parent->bom;
    c->cr_eol = parent->cr_eol;
    return c;
}

/* The next buffer of a fork (pread leaves the descriptor's offset alone). */
static size_t fill_fork(tf_csv *c)
{
    ssize_t r;
    do
        r = pread(c->fd, c->buf, sizeof c->buf, (off_t)c->at);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        c->ioerr = 1;
        return 0;
    }
    c->at += (unsigned long long)r;
    return (size_t)r;
}
int tf_csv_unterminated(const tf_csv *c) { return c->unterminated; }
unsigned long tf_csv_line(const tf_csv *c) { return c->line; }

void tf_csv_peek(tf_csv *c, const char **p, size_t *n)
{
    if (c->pos >= c->len)
        fill(c);
    *p = (const char *)c->buf + c->pos;
    *n = c->len - c->pos;
}

static int fill(tf_csv *c)
{
    if (c->eof)
        return 0;
    c->len = c->fd >= 0 ? fill_fork(c) : fread(c->buf, 1, sizeof c->buf, c->in);
    c->pos = 0;
    if (c->len == 0) {
        if (c->fd < 0 && ferror(c->in))
            c->ioerr = 1;
        c->eof = 1;
        return 0;
    }
    c->bytes += c->len;
    if (c->hash)
        tf_sha256_update(c->hash, c->buf, c->len);
    if (!c->started) {
        c->started = 1;
        if (c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0) {
            c->bom = 1;
            c->pos = 3;
            if (c->len == 3)
                return fill(c);
        }
    }
    return 1;
}

/* -1 at end of input */
static inline int getch(tf_csv *c)
{
    if (c->pos >= c->len && !fill(c))
        return -1;
    return c->buf[c->pos++];
}

static inline int peekch(tf_csv *c)
{
    if (c->pos >= c->len && !fill(c))
        return -1;
    return c->buf[c->pos];
}

void tf_csv_drain(tf_csv *c)
{
    c->pos = c->len;
    while (fill(c))
        c->pos = c->len;
}

int tf_csv_slurp(tf_csv *c, size_t max, char **out, size_t *n)
{
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    if (!b)
        return -3;
    if (c->pos >= c->len)
        fill(c);
    while (c->pos < c->len) {
        size_t k = c->len - c->pos;
        if (len + k + 1 > cap) {
            while (len + k + 1 > cap)
                cap *= 2;
            char *nb = cap <= max ? realloc(b, cap) : NULL;
            if (!nb) {
                free(b);
                return -3;
            }
            b = nb;
        }
        memcpy(b + len, c->buf + c->pos, k);
        len += k;
        c->pos = c->len;
        fill(c);
    }
    if (c->ioerr) {
        free(b);
        return -2;
    }
    b[len] = '\0';
    *out = b;
    *n = len;
    return 0;
}

static int push(tf_csv *c, char ch)
{
    if (c->skim)
        return 0;
    if (c->row_len + 1 >= c->row_cap) {
        if (c->row_cap >= TF_CSV_MAX_ROW)
            return -1;
        size_t nc = c->row_cap ? c->row_cap * 2 : 4096;
        char *p = realloc(c->row, nc);
        if (!p)
            return -3;
        c->row = p;
        c->row_cap = nc;
    }
    c->row[c->row_len++] = ch;
    return 0;
}

static int start_field(tf_csv *c)
{
    if (c->nf == c->f_cap) {
        size_t nc = c->f_cap ? c->f_cap * 2 : 32;
        size_t *s = realloc(c->starts, nc * sizeof *s);
        if (!s)
            return -3;
        c->starts = s;
        size_t *e = realloc(c->ends, nc * sizeof *e);
        if (!e)
            return -3;
        c->ends = e;
        int *q = realloc(c->quoted, nc * sizeof *q);
        if (!q)
            return -3;
        c->quoted = q;
        c->f_cap = nc;
    }
    c->starts[c->nf] = c->row_len;
    c->ends[c->nf] = c->row_len;
    c->quoted[c->nf] = 0;
    c->nf++;
    return 0;
}

int tf_csv_next(tf_csv *c, tf_csv_field **fields, size_t *n, unsigned long *line,
                unsigned long *col, char *err, size_t errlen)
{
    c->row_len = 0;
    c->nf = 0;
    *line = c->line;
    *col = 1;
    if (c->stop && tf_csv_offset(c) >= c->stop_at) {
        int (*stop)(void *) = c->stop;
        c->stop = NULL;
        if (stop(c->stop_ctx)) { /* the rows from here on are another reader's */
            c->pos = c->len;
            c->eof = 1;
            return 0;
        }
    }
    int ch = getch(c);
    if (ch < 0)
        return c->ioerr ? -2 : 0;
    int rc;
    if ((rc = start_field(c)) != 0)
        return rc;
    for (;;) {
        /* at the start of a field; ch is its first byte (or -1) */
        if (ch == '"') {
            c->quoted[c->nf - 1] = 1;
            unsigned long qline = c->line;
            for (;;) {
                ch = getch(c);
                if (ch < 0) {
                    *line = qline;
                    *col = c->nf;
                    tf_fmt(err, errlen, "unterminated quoted field");
                    return c->ioerr ? -2 : -1;
                }
                if (ch == '"') {
                    if (peekch(c) == '"') {
                        getch(c);
                        if ((rc = push(c, '"')) != 0)
                            goto toolong;
                        continue;
                    }
                    break;
                }
                if (ch == '\n')
                    c->line++;
                else if (ch == '\r' && peekch(c) != '\n' && c->cr_eol)
                    c->line++; /* a bare CR ends a line only in a CR file */
                if (ch == '\0') {
                    *col = c->nf;
                    tf_fmt(err, errlen, "NUL byte inside a field");
                    return -1;
                }
                if ((rc = push(c, (char)ch)) != 0)
                    goto toolong;
            }
            c->ends[c->nf - 1] = c->row_len;
            ch = getch(c);
            if (ch != ',' && ch != '\n' && ch != '\r' && ch >= 0) {
                *col = c->nf;
                tf_fmt(err, errlen, "unexpected character after a closing quote");
                return -1;
            }
        } else {
            while (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r') {
                if (ch == '"') {
                    *col = c->nf;
                    tf_fmt(err, errlen, "quote inside an unquoted field");
                    return -1;
                }
                if (ch == '\0') {
                    *col = c->nf;
                    tf_fmt(err, errlen, "NUL byte inside a field");
                    return -1;
                }
                if ((rc = push(c, (char)ch)) != 0)
                    goto toolong;
                ch = getch(c);
            }
            c->ends[c->nf - 1] = c->row_len;
        }
        if (ch == ',') {
            if ((rc = start_field(c)) != 0)
                return rc;
            ch = getch(c);
            continue;
        }
        /* end of row */
        if (ch == '\r' && peekch(c) == '\n')
            getch(c);
        else if (ch == '\r')
            c->cr_eol = 1;
        if (ch >= 0)
            c->line++;
        c->unterminated = ch < 0;
        break;
    }
    if (c->nf > c->fields_cap) {
        tf_csv_field *f = realloc(c->fields, c->nf * sizeof *f);
        if (!f)
            return -3;
        c->fields = f;
        c->fields_cap = c->nf;
    }
    for (size_t i = 0; i < c->nf; i++) {
        c->fields[i].p = c->row + c->starts[i];
        c->fields[i].n = c->ends[i] - c->starts[i];
        c->fields[i].quoted = c->quoted[i];
    }
    *fields = c->fields;
    *n = c->nf;
    return 1;
toolong:
    if (rc == -3)
        return -3;
    *col = c->nf;
    tf_fmt(err, errlen, "row longer than %u bytes", TF_CSV_MAX_ROW);
    return -1;
}
