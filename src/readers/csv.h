/* Streaming RFC 4180 tokenizer shared by the CSV-based readers (internal). */
#ifndef TF_CSV_H
#define TF_CSV_H

#include <stdio.h>
#include "../common/util.h"

typedef struct tf_csv tf_csv;

typedef struct tf_csv_field {
    const char *p;  /* bytes of the field, quotes removed, "" unescaped */
    size_t n;
    int quoted;
} tf_csv_field;

/* Reads from in; every byte read is also fed to h when h is non-NULL. */
tf_csv *tf_csv_open(FILE *in, tf_sha256 *h);
void tf_csv_close(tf_csv *c);

/*
 * Next row. Returns 1 with fields and n set (valid until the next call), 0 at
 * end of input, -1 on a syntax error (message in err, line and col set),
 * -2 on a read error, -3 when out of memory. line is the 1-based line on
 * which the row starts; col is the 1-based field number.
 * Accepts LF, CRLF and CR line ends; a blank line yields a row of one empty
 * field.
 */
int tf_csv_next(tf_csv *c, tf_csv_field **fields, size_t *n, unsigned long *line,
                unsigned long *col, char *err, size_t errlen);

/* 1 when the input began with a UTF-8 byte-order mark (skipped). */
int tf_csv_bom(const tf_csv *c);
/* 1 when the last row read ended at end of input without a line end. */
int tf_csv_unterminated(const tf_csv *c);
/* The current physical line (1-based). */
unsigned long tf_csv_line(const tf_csv *c);
/* The bytes buffered and not yet read (reading a buffer first if none). */
void tf_csv_peek(tf_csv *c, const char **p, size_t *n);

/* Reading a file on two threads (split.c). tf_csv_offset: bytes of the input
 * consumed so far (the next row starts there when called between rows).
 * tf_csv_skim: while on, rows are tokenized exactly as ever (the same bounds,
 * lines and syntax errors) but their fields are left empty, and the 64 MiB
 * row limit is not checked. tf_csv_fork: a second tokenizer over the same
 * regular file, from parent's offset on, with its line count and line-end
 * state; it reads descriptor fd with pread (its offset untouched), the input
 * having begun at byte base of the file; no hash. tf_csv_stop_at: the first
 * time a row would start at or after byte offset, stop(ctx) is called; when
 * it returns 1 the input ends there (tf_csv_next returns 0). */
unsigned long long tf_csv_offset(const tf_csv *c);
void tf_csv_skim(tf_csv *c, int on);
tf_csv *tf_csv_fork(const tf_csv *parent, int fd, unsigned long long base);
void tf_csv_stop_at(tf_csv *c, unsigned long long offset, int (*stop)(void *ctx), void *ctx);

/* The rest of the input, whole, in a new NUL-terminated buffer (*out, *n;
 * free() it). Returns 0, -2 on a read error, -3 when out of memory or beyond
 * max bytes. */
int tf_csv_slurp(tf_csv *c, size_t max, char **out, size_t *n);

/* Consume the rest of the input (so a hash covers the whole file). */
void tf_csv_drain(tf_csv *c);

#endif
