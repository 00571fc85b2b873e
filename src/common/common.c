/* Errors, fixed decimals, flows, periods and small helpers. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tradeflow/common.h"
#include "tradeflow/record.h"
#include "util.h"

const char *tf_strerror(tf_status status)
{
    switch (status) {
    case TF_OK: return "ok";
    case TF_ERR_NOMEM: return "out of memory";
    case TF_ERR_IO: return "input/output error";
    case TF_ERR_DB: return "database error";
    case TF_ERR_INPUT: return "bad input";
    case TF_ERR_USAGE: return "bad usage";
    case TF_ERR_NOT_FOUND: return "not found";
    case TF_ERR_NOT_TF_DB: return "not a tradeflow database";
    case TF_ERR_DB_NEWER: return "database written by a newer tradeflow";
    }
    return "unknown error";
}

void tf_error_clear(tf_error *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}

tf_status tf_error_set(tf_error *e, tf_status st, const char *fmt, ...)
{
    if (!e)
        return st;
    tf_error_clear(e);
    e->status = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return st;
}

tf_status tf_error_at(tf_error *e, tf_status st, const char *file, unsigned long line,
                      unsigned long col, const char *fmt, ...)
{
    if (!e)
        return st;
    tf_error_clear(e);
    e->status = st;
    tf_scopy(e->file, sizeof e->file, file ? file : "");
    e->line = line;
    e->col = line ? col : 0;
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (line)
        tf_fmt(e->msg, sizeof e->msg, "%s:%lu:%lu: %s", e->file, line, col, text);
    else
        tf_fmt(e->msg, sizeof e->msg, "%s: %s", e->file, text);
    return st;
}

const char *tf_version(void) { return TF_VERSION; }

void tf_free(void *p) { free(p); }

/* tf_milli_parse with the reason as a static string in *why. */
static tf_status milli_parse(const char *s, size_t len, int allow_thousands, tf_milli *out,
                             const char **why)
{
    size_t i = 0;
    int neg = 0;
    if (len == 0) {
        *why = "empty number";
        return TF_ERR_INPUT;
    }
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    /* Integer part: digits, optionally in comma-separated groups of three. */
    int64_t ip = 0;
    size_t digits = 0, group = 0;
    int seen_comma = 0;
    for (; i < len && s[i] != '.'; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (ip > (INT64_MAX / TF_MILLI - 9) / 10) {
                *why = "number too large";
                return TF_ERR_INPUT;
            }
            ip = ip * 10 + (c - '0');
            digits++;
            group++;
        } else if (c == ',' && allow_thousands) {
            if (digits == 0 || (seen_comma && group != 3) || (!seen_comma && group > 3)) {
                *why = "misplaced thousands separator";
                return TF_ERR_INPUT;
            }
            seen_comma = 1;
            group = 0;
        } else if (c == 'e' || c == 'E') {
            *why = "exponent notation is not accepted";
            return TF_ERR_INPUT;
        } else {
            *why = "not a number";
            return TF_ERR_INPUT;
        }
    }
    if (seen_comma && group != 3) {
        *why = "misplaced thousands separator";
        return TF_ERR_INPUT;
    }
    int64_t frac = 0;
    size_t fdigits = 0;
    if (i < len) { /* s[i] == '.' */
        i++;
        for (; i < len; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                *why = (c == 'e' || c == 'E') ? "exponent notation is not accepted"
                                              : "not a number";
                return TF_ERR_INPUT;
            }
            if (fdigits == 3) {
                if (c != '0') {
                    *why = "more than 3 decimal places";
                    return TF_ERR_INPUT;
                }
                continue;
            }
            frac = frac * 10 + (c - '0');
            fdigits++;
        }
        if (fdigits == 0 && digits == 0) {
            *why = "not a number";
            return TF_ERR_INPUT;
        }
    }
    if (digits == 0 && fdigits == 0) {
        *why = "not a number";
        return TF_ERR_INPUT;
    }
    while (fdigits < 3) {
        frac *= 10;
        fdigits++;
    }
    int64_t v = ip * TF_MILLI + frac;
    *out = neg ? -v : v;
    return TF_OK;
}

static const char *const flow_names[] = {"", "import", "export", "re-import", "re-export",
                                         "other"};

const char *tf_flow_name(tf_flow flow)
{
    if (flow < TF_FLOW_NONE || flow > TF_FLOW_OTHER)
        return "";
    return flow_names[flow];
}

tf_flow tf_flow_parse(const char *s, size_t len)
{
    for (int f = TF_FLOW_IMPORT; f <= TF_FLOW_OTHER; f++)
        if (tf_ieq(s, len, flow_names[f]))
            return (tf_flow)f;
    if (tf_ieq(s, len, "reimport"))
        return TF_FLOW_REIMPORT;
    if (tf_ieq(s, len, "reexport"))
        return TF_FLOW_REEXPORT;
    return TF_FLOW_NONE;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

tf_status tf_period_parse(const char *s, size_t len, char out[8])
{
    int year = 0, month = 0;
    if (len < 4 || !all_digits(s, 4))
        return TF_ERR_INPUT;
    for (int i = 0; i < 4; i++)
        year = year * 10 + (s[i] - '0');
    if (year < 1900 || year > 2999)
        return TF_ERR_INPUT;
    /* the digits checked are copied, not formatted (this runs for every row) */
    if (len == 4) {
        memcpy(out, s, 4);
        out[4] = '\0';
        return TF_OK;
    }
    const char *m;
    if (len == 7 && s[4] == '-')
        m = s + 5;
    else if (len == 6)
        m = s + 4;
    else
        return TF_ERR_INPUT;
    if (!all_digits(m, 2))
        return TF_ERR_INPUT;
    month = (m[0] - '0') * 10 + (m[1] - '0');
    if (month < 1 || month > 12)
        return TF_ERR_INPUT;
    char p[8] = {s[0], s[1], s[2], s[3], '-', m[0], m[1], '\0'};
    memcpy(out, p, sizeof p);
    return TF_OK;
}

int tf_date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
        !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
        return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int tf_period_index(const char *p)
{
    if (!p || strlen(p) != 7 || p[4] != '-' || !all_digits(p, 4) || !all_digits(p + 5, 2))
        return -1;
    int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int month = (p[5] - '0') * 10 + (p[6] - '0');
    if (month < 1 || month > 12)
        return -1;
    return year * 12 + month - 1;
}

void tf_period_from_index(int idx, char out[8])
{
    int y = idx / 12, m = idx % 12 + 1;
    if (idx < 0 || y > 9999) {
        tf_fmt(out, 8, "%04d-%02d", y, m);
        return;
    }
    /* "%04d-%02d" without printf: a report names its months often */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '\0';
}

tf_status tf_milli_parse(const char *s, size_t len, int allow_thousands, tf_milli *out,
                         tf_error *err)
{
    const char *why = "";
    tf_status st = milli_parse(s, len, allow_thousands, out, &why);
    return st == TF_OK ? st : tf_error_set(err, st, "%s", why);
}

/* tf_period_range_parse with the reason as a static string in *why. */
static tf_status range_parse(const char *s, char out[17], const char **why)
{
    const char *dots = s ? strstr(s, "..") : NULL;
    char a[8], b[8];
    *why = "expected YYYY-MM..YYYY-MM";
    if (!dots || dots - s != 7 || strlen(dots + 2) != 7 ||
        tf_period_parse(s, 7, a) != TF_OK || tf_period_parse(dots + 2, 7, b) != TF_OK)
        return TF_ERR_INPUT;
    int i0 = tf_period_index(a), i1 = tf_period_index(b);
    if (i0 / 12 != i1 / 12) {
        *why = "a GACC cumulative range stays within one calendar year";
        return TF_ERR_INPUT;
    }
    if (i0 >= i1) {
        *why = i0 == i1 ? "a range of one month is that month: use --period YYYY-MM"
                        : "the first month comes after the last";
        return TF_ERR_INPUT;
    }
    tf_fmt(out, 17, "%s..%s", a, b);
    return TF_OK;
}

tf_status tf_period_range_parse(const char *s, char out[17], tf_error *err)
{
    const char *why = "";
    tf_status st = range_parse(s, out, &why);
    return st == TF_OK ? st : tf_error_set(err, st, "%s", why);
}

int tf_period_is_range(const char *p)
{
    char out[17];
    /* a range has its ".." at 7 (YYYY-MM..): anything else is not one, and
     * most periods (YYYY-MM, YYYY) are told so without parsing */
    if (!p)
        return 0;
    for (int i = 0; i < 7; i++)
        if (!p[i])
            return 0;
    if (p[7] != '.' || p[8] != '.')
        return 0;
    return tf_period_range_parse(p, out, NULL) == TF_OK;
}

void tf_record_init(tf_record *r)
{
    memset(r, 0, sizeof *r);
    memcpy(r->reporter, "CHN", 4);
    memcpy(r->classification, "HS", 3);
    memcpy(r->status, "reported", 9);
}

/* ---- helpers (util.h) ---- */

int tf_copy(char *dst, size_t dstlen, const char *src, size_t n)
{
    if (dstlen == 0)
        return -1;
    int rc = 0;
    if (n >= dstlen) {
        n = dstlen - 1;
        rc = -1;
        /* never cut a UTF-8 character in two */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return rc;
}

int tf_scopy(char *dst, size_t dstlen, const char *src)
{
    return tf_copy(dst, dstlen, src, strlen(src));
}

void tf_fmt(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    if (n < 0 && len)
        buf[0] = '\0';
}

int tf_ieq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
            return 0;
    return 1;
}

const char *tf_trim(const char *s, size_t *n)
{
    size_t b = 0, e = *n;
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    *n = e - b;
    return s + b;
}

int tf_utf16_like(const unsigned char *p, size_t n)
{
    int bom16 = n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
    int le16 = n >= 4 && p[0] && p[0] < 0x80 && !p[1] && p[2] && p[2] < 0x80 && !p[3];
    int be16 = n >= 4 && !p[0] && p[1] && p[1] < 0x80 && !p[2] && p[3] && p[3] < 0x80;
    return bom16 || le16 || be16;
}

size_t tf_utf8_invalid_at(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t need;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* overlong forms, surrogates, beyond U+10FFFF */
        if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
            (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return (size_t)-1;
}

char *tf_strdup(const char *s) { return tf_strndup(s, strlen(s)); }

char *tf_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void tf_now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int tf_record_is_breakdown(const tf_record *r)
{
    return strncmp(r->partner_basis, "breakdown:", 10) == 0;
}

void tf_format_number(char *buf, size_t len, double x, int decimals)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(x));
    if (strspn(raw, "0.") == strlen(raw))
        x = 0; /* no "-0" */
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[96];
    size_t o = 0;
    if (x < 0)
        out[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    if (dot) {
        size_t rest = strlen(dot);
        memcpy(out + o, dot, rest);
        o += rest;
    }
    out[o] = '\0';
    tf_scopy(buf, len, out);
}
