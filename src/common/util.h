/* Internal helpers shared by the library's modules (not installed). */
#ifndef TF_UTIL_H
#define TF_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tradeflow/common.h"

/* Copy at most dstlen-1 bytes of src[0..n) and NUL-terminate; a cut never
 * splits a UTF-8 character. Returns 0 when it fits, -1 when truncated. */
int tf_copy(char *dst, size_t dstlen, const char *src, size_t n);
/* Same for a NUL-terminated src. */
int tf_scopy(char *dst, size_t dstlen, const char *src);

/* Bounded formatting into buf that never fails (truncates). */
void tf_fmt(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ASCII case-insensitive equality of s[0..n) with the NUL-terminated lit. */
int tf_ieq(const char *s, size_t n, const char *lit);

/* Trim ASCII blanks (space, tab, CR) from both ends of s[0..*n). */
const char *tf_trim(const char *s, size_t *n);

/* Offset of the first byte that is not valid UTF-8, or (size_t)-1. */
size_t tf_utf8_invalid_at(const char *s, size_t n);

/* 1 when the first bytes p[0..n) are UTF-16 text: a byte-order mark FF FE or
 * FE FF (Unicode 15, §23.8), or ASCII with every other byte NUL (no mark,
 * either byte order), as a spreadsheet's "Unicode text" save writes. */
int tf_utf16_like(const unsigned char *p, size_t n);

/* strdup that returns NULL on allocation failure. */
char *tf_strdup(const char *s);
char *tf_strndup(const char *s, size_t n);

/* SHA-256, incremental (wraps OpenSSL's EVP interface; sha256.c). libcrypto
 * is loaded at the first use: tf_sha256_ready returns TF_OK, or TF_ERR_IO
 * with err->msg naming libcrypto.so.3 and its package (err may be NULL);
 * tf_sha256_new returns NULL when it is absent or memory is short. */
typedef struct tf_sha256 tf_sha256;
tf_status tf_sha256_ready(tf_error *err);
tf_sha256 *tf_sha256_new(void);
void tf_sha256_update(tf_sha256 *h, const void *data, size_t n);
/* Writes 64 hex digits and a NUL into hex, frees h. */
void tf_sha256_final(tf_sha256 *h, char hex[65]);

/* Record an error (tradeflow/common.h): status st and the message made from
 * fmt, no place in an input. e may be NULL. Returns st. */
tf_status tf_error_set(tf_error *e, tf_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record an error at a place in an input: file, line and col (0 = not known,
 * see tf_error), the message "FILE:LINE:COL: text", or "FILE: text" when
 * line is 0. e may be NULL. Returns st. */
tf_status tf_error_at(tf_error *e, tf_status st, const char *file, unsigned long line,
                      unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void tf_now_utc(char out[32]);

#endif
