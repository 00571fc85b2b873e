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

/* The rest of the input, whole, in a new NUL-terminated buffer (*out, *n;
 * free() it). Returns 0, -2 on a read error, -3 when out of memory or beyond
 * max bytes. */
int tf_csv_slurp(tf_csv *c, size_t max, char **out, size_t *n);

/* Consume the rest of the input (so a hash covers the whole file). */
void tf_csv_drain(tf_csv *c);

#endif
