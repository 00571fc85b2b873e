/* Internal interface between the reader dispatcher and the format readers. */
#ifndef TF_READERS_H
#define TF_READERS_H

#include <iconv.h>
#include "tradeflow/reader.h"
#include "csv.h"

enum { TF_ENC_ASCII = 0, TF_ENC_UTF8 = 1, TF_ENC_GB18030 = 2, TF_ENC_LATIN1 = 3 };

typedef struct tf_wlog tf_wlog;

typedef struct tf_rctx {
    tf_csv *csv;
    const char *name;
    const tf_read_opts *opts;
    const tf_refdata *ref;
    tf_sink sink;
    void *sink_ctx;
    tf_diag *diag;
    tf_read_stats *stats;
    char **hdr;              /* header names, decoded to UTF-8, BOM removed */
    size_t nhdr;
    unsigned long hdr_line;
    int enc;                 /* TF_ENC_*; ASCII until the first non-ASCII byte */
    int enc_fixed;           /* 1: the format fixes the encoding (tfcsv: UTF-8) */
    int latin1;              /* 1: bytes that are not UTF-8 are Windows-1252 (Comtrade), not GB18030 */
    iconv_t cd;              /* GB18030 or Windows-1252 -> UTF-8, opened lazily */
    struct tf_dmemo *memo;   /* fields decoded by cd, by their bytes (read.c); lazily */
    char *scratch;
    size_t scratch_cap;
    char **warned;           /* keys already warned about (one warning each) */
    size_t n_warned, warned_cap;
    tf_wlog *wlog;           /* non-NULL: warnings are kept there (split.c), not given */
    int fd;                  /* >= 0: the input is this regular file (split.c) */
    unsigned long long base, size; /* its byte where the input began, its size */
} tf_rctx;

/* Free what a reader context owns: converter, memo, scratch, warned keys. */
void tf_rctx_release(tf_rctx *c);
/* The data rows of a CSV file by the reader of format fmt (the header read). */
tf_status tf_read_format(tf_rctx *c, tf_format fmt);
/* Keep a warning of the second reader (split.c) to be given after the first's. */
void tf_wlog_add(tf_wlog *w, const char *key, unsigned long line, unsigned long col,
                 const char *text);
/* The byte offset to split c's rows at for reading them on two threads, or 0
 * when they are read on one (split.c: the conditions). */
unsigned long long tf_split_point(const tf_rctx *c, tf_format fmt);
/* Read the rows of format fmt on two threads, split at the first row that
 * starts at or after byte mid (split.c). The same records, counts, warnings
 * (in file order) and first error as tf_read_format on one thread. */
tf_status tf_read_split(tf_rctx *c, tf_format fmt, unsigned long long mid);

/* Record in diag->error the input error at NAME:LINE:COL; returns TF_ERR_INPUT. */
tf_status tf_rerr(tf_rctx *c, unsigned long line, unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Warn once per key (NULL key: always). */
void tf_rwarn(tf_rctx *c, const char *key, unsigned long line, unsigned long col,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Decode field f to UTF-8 (GB18030 files are converted; UTF-8 validated).
 * On success *out points to a NUL-terminated string valid until the next
 * call, *outlen its length. Errors: TF_ERR_INPUT (undecodable bytes, message
 * set), TF_ERR_NOMEM.
 */
tf_status tf_rdecode(tf_rctx *c, const tf_csv_field *f, unsigned long line,
                     unsigned long col, const char **out, size_t *outlen);

/* Map a tokenizer status (<0) to a tf_status, filling the message. */
tf_status tf_rcsv_error(tf_rctx *c, int rc, unsigned long line, unsigned long col,
                        const char *msg);

/* 1 when commodity passes the --hs filter. */
int tf_rhs_keep(const tf_rctx *c, const char *commodity);

/*
 * Finish a record and hand it on: mass units to kg, the figure caps
 * (TF_MAX_FIGURE), the --hs filter, the sink, the counts. qty_col and
 * value_col (1-based) are named in errors. Returns TF_OK or the error.
 */
tf_status tf_remit(tf_rctx *c, tf_record *rec, unsigned long qty_col, unsigned long value_col);

/*
 * Positions in a JSON text jansson has parsed (jsonpos.c), so that an error
 * in a value names its line and column as well as its JSON path. Offsets are
 * bytes into s[0..n); TF_JSON_NONE when there is no such value.
 *   tf_json_root    the offset of the top-level value
 *   tf_json_first   the first element (or member's key) of the array (object) at `at`
 *   tf_json_next    the element after the one at `at` in its array
 *   tf_json_member  the value of member `key` of the object at `at` (keys without escapes)
 *   tf_json_advance move *p forward to offset `to`, counting lines and columns:
 *                   both 1-based, the column in characters (as jansson counts them
 *                   in its syntax errors); a zeroed tf_json_pos starts at offset 0.
 */
#define TF_JSON_NONE ((size_t)-1)
typedef struct {
    size_t at;
    unsigned long line, col;
} tf_json_pos;
size_t tf_json_root(const char *s, size_t n);
size_t tf_json_first(const char *s, size_t n, size_t at);
size_t tf_json_next(const char *s, size_t n, size_t at);
size_t tf_json_member(const char *s, size_t n, size_t at, const char *key);
void tf_json_advance(const char *s, tf_json_pos *p, size_t to);

/* Format readers: the header has been read into c->hdr. */
tf_status tf_read_tfcsv(tf_rctx *c);
tf_status tf_read_gacc(tf_rctx *c);
tf_status tf_read_plseries(tf_rctx *c);
int tf_plseries_header_match(char **hdr, size_t n);
tf_status tf_read_prices(tf_rctx *c);
int tf_prices_header_match(char **hdr, size_t n);
/* "d/m/yyyy" or "yyyy-mm-dd" -> "YYYY-MM-DD"; 0 when not a valid date. */
int tf_rparse_date(const char *s, size_t n, char out[11]);

/* The day of a row of a daily series: decode and parse field f (column col,
 * 0-based) into out, and check it comes after prev (the previous row's day,
 * "" for none; updated with *prev_line). Errors name file, line, column. */
tf_status tf_rday(tf_rctx *c, const tf_csv_field *f, int col, unsigned long line, char prev[11],
                  unsigned long *prev_line, char out[11]);
/* 1 when the header looks like that format. */
int tf_tfcsv_header_match(char **hdr, size_t n);
int tf_gacc_header_match(char **hdr, size_t n);
/* UN Comtrade (comtrade.c): CSV with the header read, or a JSON document. */
int tf_comtrade_header_match(char **hdr, size_t n);
tf_status tf_read_comtrade(tf_rctx *c);
tf_status tf_read_comtrade_json(tf_rctx *c);

#endif
