/*
 * Reading a note: the file, its header lines, helpers for periods and numbers.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../common/util.h"
#include "audit_int.h"

static const char *const month_names[12] = {"January", "February", "March", "April",
                                            "May", "June", "July", "August",
                                            "September", "October", "November", "December"};

const char *tf_metric_name(tf_metric m)
{
    switch (m) {
    case TF_METRIC_IMPORT: return "import";
    case TF_METRIC_EXPORT: return "export";
    case TF_METRIC_NET_IMPORT: return "net_import";
    case TF_METRIC_IMPORT_VALUE: return "import_value";
    case TF_METRIC_EXPORT_VALUE: return "export_value";
    case TF_METRIC_PL: return "pl";
    case TF_METRIC_OTHER: return "other";
    default: return "";
    }
}

const char *tf_severity_name(tf_severity s)
{
    switch (s) {
    case TF_SEV_ERROR: return "error";
    case TF_SEV_WARNING: return "warning";
    default: return "rounding";
    }
}

void tf_period_words(tf_span_period p, char *buf, size_t len)
{
    int y1 = tf_mi_year(p.from), m1 = tf_mi_month(p.from);
    int y2 = tf_mi_year(p.to), m2 = tf_mi_month(p.to);
    if (p.from == p.to)
        tf_fmt(buf, len, "%s %d", month_names[m1 - 1], y1);
    else if (m1 == 1 && m2 == 12 && y1 == y2)
        tf_fmt(buf, len, "%d", y1);
    else if (y1 == y2)
        tf_fmt(buf, len, "%s-%s %d", month_names[m1 - 1], month_names[m2 - 1], y2);
    else
        tf_fmt(buf, len, "%s %d-%s %d", month_names[m1 - 1], y1, month_names[m2 - 1], y2);
}

void tf_period_key(tf_span_period p, char *buf, size_t len)
{
    if (p.from == p.to)
        tf_fmt(buf, len, "%04d-%02d", tf_mi_year(p.from), tf_mi_month(p.from));
    else
        tf_fmt(buf, len, "%04d-%02d..%04d-%02d", tf_mi_year(p.from), tf_mi_month(p.from),
               tf_mi_year(p.to), tf_mi_month(p.to));
}

void tf_num_words(double v, int dec, char *buf, size_t len)
{
    char raw[64];
    if (dec < 0)
        dec = 0;
    if (dec > 6)
        dec = 6;
    tf_fmt(raw, sizeof raw, "%.*f", dec, fabs(v));
    const char *dot = strchr(raw, '.');
    size_t ilen = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[96];
    size_t o = 0;
    if (v < 0 && o + 1 < sizeof out)
        out[o++] = '-';
    for (size_t i = 0; i < ilen && o + 2 < sizeof out; i++) {
        if (i && (ilen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    if (dot)
        for (const char *p = dot; *p && o + 1 < sizeof out; p++)
            out[o++] = *p;
    out[o] = '\0';
    tf_scopy(buf, len, out);
}

#define TF_INDEX_STEP 4096
#define TF_NOTE_MAX ((size_t)64 << 20)

/* index[3k], [3k+1], [3k+2]: characters before byte k*STEP, its line, its
 * column (both 1-based). A CR not followed by LF ends a line too. */
static int build_index(tf_note *n)
{
    n->n_index = n->len / TF_INDEX_STEP + 1;
    n->index = malloc(n->n_index * 3 * sizeof *n->index);
    if (!n->index)
        return -1;
    size_t c = 0, line = 1, col = 1;
    for (size_t i = 0; i <= n->len; i++) {
        if (i % TF_INDEX_STEP == 0) {
            size_t k = i / TF_INDEX_STEP;
            n->index[3 * k] = c;
            n->index[3 * k + 1] = line;
            n->index[3 * k + 2] = col;
        }
        if (i == n->len)
            break;
        unsigned char b = (unsigned char)n->text[i];
        if ((b & 0xC0) == 0x80)
            continue;
        c++;
        if (b == '\n' || (b == '\r' && (i + 1 >= n->len || n->text[i + 1] != '\n'))) {
            line++;
            col = 1;
        } else if (b != '\r') {
            col++;
        }
    }
    return 0;
}

size_t tf_note_char_offset(const tf_note *n, size_t byte)
{
    if (byte > n->len)
        byte = n->len;
    size_t k = byte / TF_INDEX_STEP, c = n->index ? n->index[3 * k] : 0;
    for (size_t i = n->index ? k * TF_INDEX_STEP : 0; i < byte; i++)
        if (((unsigned char)n->text[i] & 0xC0) != 0x80)
            c++;
    return c;
}

void tf_note_line_col(const tf_note *n, size_t chr, size_t *line, size_t *col)
{
    size_t k = 0;
    if (n->index) {
        size_t lo = 0, hi = n->n_index; /* the last checkpoint at or before chr */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (n->index[3 * mid] <= chr)
                lo = mid;
            else
                hi = mid;
        }
        k = lo;
    }
    size_t c = n->index ? n->index[3 * k] : 0;
    *line = n->index ? n->index[3 * k + 1] : 1;
    *col = n->index ? n->index[3 * k + 2] : 1;
    for (size_t i = k * TF_INDEX_STEP; i < n->len && c < chr; i++) {
        unsigned char b = (unsigned char)n->text[i];
        if ((b & 0xC0) == 0x80)
            continue;
        c++;
        if (b == '\n' || (b == '\r' && (i + 1 >= n->len || n->text[i + 1] != '\n'))) {
            (*line)++;
            *col = 1;
        } else if (b != '\r') {
            (*col)++;
        }
    }
}

void tf_note_clear(tf_note *n)
{
    if (!n)
        return;
    free(n->path);
    free(n->text);
    free(n->index);
    memset(n, 0, sizeof *n);
    n->period = -1;
}

/* "DATE: 2025-05-29", "DATE: 2025-03", "DATE: 2024-01/02", "DATE: 2025-12 (inferred...)" */
static void parse_date(const char *s, size_t n, char out[11])
{
    out[0] = '\0';
    if (n < 7)
        return;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return;
    if (s[4] != '-' || s[5] < '0' || s[5] > '1' || s[6] < '0' || s[6] > '9')
        return;
    int mo = (s[5] - '0') * 10 + (s[6] - '0');
    if (mo < 1 || mo > 12)
        return;
    int day = 28; /* a month without a day: data of earlier months are out by its end */
    if (n >= 10 && s[7] == '-' && s[8] >= '0' && s[8] <= '3' && s[9] >= '0' && s[9] <= '9')
        day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day < 1 || day > 31)
        return;
    tf_fmt(out, 11, "%.4s-%02d-%02d", s, mo, day);
    if (!tf_date_valid(out))
        out[0] = '\0'; /* 2025-02-30: no such day; the date is taken as unknown */
}

/* The whole file (or stdin for "-") into a NUL-terminated buffer; at most
 * TF_NOTE_MAX bytes. */
static tf_status read_all(const char *path, FILE *f, char **out, size_t *outlen, tf_error *err)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return TF_ERR_NOMEM;
    for (;;) {
        if (len > TF_NOTE_MAX) {
            free(buf);
            return tf_error_at(err, TF_ERR_INPUT, path, 0, 0, "larger than 64 MiB: not a note");
        }
        if (len + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return TF_ERR_NOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t k = fread(buf + len, 1, 4096, f);
        len += k;
        if (k < 4096)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return tf_error_set(err, TF_ERR_IO, "%s: read error", path);
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return TF_OK;
}

/* A NUL byte or invalid UTF-8 is bad input, named by line and column. */
static tf_status check_text(const char *path, const char *buf, size_t len, tf_error *err)
{
    size_t bad = memchr(buf, '\0', len) ? (size_t)((const char *)memchr(buf, '\0', len) - buf)
                                        : tf_utf8_invalid_at(buf, len);
    if (bad == (size_t)-1)
        return TF_OK;
    if (tf_utf16_like((const unsigned char *)buf, len))
        return tf_error_at(err, TF_ERR_INPUT, path, 1, 1, "this note is UTF-16 text; notes are "
                           "read as UTF-8: convert it with iconv -f UTF-16 -t UTF-8");
    size_t line = 1, col = 1;
    for (size_t i = 0; i < bad; i++) {
        if (buf[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80)
            col++;
    }
    return tf_error_at(err, TF_ERR_INPUT, path, line, col, "%s (notes are read as UTF-8 text)",
                       buf[bad] ? "not valid UTF-8" : "NUL byte");
}

/* An HTML page or a JSON document (its first character after a BOM and blanks '<'
 * opening an HTML tag, or '{' or '[') is not a note: its markup would be read as
 * prose and its attribute numbers as figures. Bad input at that character. */
static tf_status check_not_markup(const char *path, const char *buf, size_t len, tf_error *err)
{
    size_t p = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0, line = 1, col = 1;
    for (; p < len && strchr(" \t\r\n", buf[p]); p++) {
        line += buf[p] == '\n';
        col = buf[p] == '\n' ? 1 : col + 1;
    }
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<!--",
                                       "<?xml", "<svg", "<p>", "<div"};
    const char *kind = NULL;
    for (size_t i = 0; i < sizeof tags / sizeof *tags && !kind; i++)
        if (len - p >= strlen(tags[i]) && !strncasecmp(buf + p, tags[i], strlen(tags[i])))
            kind = "an HTML (or XML) page";
    if (!kind && p < len && (buf[p] == '{' || buf[p] == '['))
        kind = "a JSON document";
    if (!kind)
        return TF_OK;
    return tf_error_at(err, TF_ERR_INPUT, path, line, col, "this file is %s, not a note: notes "
                       "are read as plain UTF-8 text (a note of tradeflow's: write it with "
                       "tradeflow note --format text or md; a web page: save its text)", kind);
}

/* The header lines at the top: DATE:, PUBLISHER:, TITLE:, URL:. */
static void read_headers(tf_note *out)
{
    const char *buf = out->text;
    size_t len = out->len, p = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        p = 3;
    while (p < len) {
        const char *line = buf + p;
        const char *nl = memchr(line, '\n', len - p);
        const char *cr = memchr(line, '\r', nl ? (size_t)(nl - line) : len - p);
        if (cr && (cr + 1 >= buf + len || cr[1] != '\n'))
            nl = cr; /* a CR alone ends a line */
        size_t n = nl ? (size_t)(nl - line) : len - p;
        size_t vn;
        if (n >= 5 && !strncmp(line, "DATE:", 5)) {
            vn = n - 5;
            const char *v = tf_trim(line + 5, &vn);
            parse_date(v, vn, out->date);
        } else if (n >= 10 && !strncmp(line, "PUBLISHER:", 10)) {
            vn = n - 10;
            const char *v = tf_trim(line + 10, &vn);
            tf_copy(out->publisher, sizeof out->publisher, v, vn);
        } else if (n >= 6 && !strncmp(line, "TITLE:", 6)) {
            vn = n - 6;
            const char *v = tf_trim(line + 6, &vn);
            tf_copy(out->title, sizeof out->title, v, vn);
        } else if (!(n >= 4 && !strncmp(line, "URL:", 4)))
            break;
        p += n + (nl ? 1 : 0);
    }
}

tf_status tf_note_read(const char *path, tf_note *out, tf_error *err)
{
    memset(out, 0, sizeof *out);
    out->period = -1;
    struct stat sb;
    if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        return tf_error_set(err, TF_ERR_IO, "%s: is a directory, not a note", path);
    }
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        return tf_error_set(err, TF_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    }
    char *buf = NULL;
    size_t len = 0;
    tf_status st = read_all(path, f, &buf, &len, err);
    if (f != stdin)
        fclose(f);
    if (st)
        return st;
    st = check_text(path, buf, len, err);
    if (!st)
        st = check_not_markup(path, buf, len, err);
    if (st) {
        free(buf);
        return st;
    }
    out->path = tf_strdup(path);
    if (!out->path) {
        free(buf);
        return TF_ERR_NOMEM;
    }
    out->text = buf;
    out->len = len;
    if (build_index(out))
        return TF_ERR_NOMEM;
    read_headers(out);
    return TF_OK;
}

int tf_audit_fix_decimals(double fixed, int dec)
{
    while (dec < 3 && fabs(fixed * pow(10, dec) - round(fixed * pow(10, dec))) > 1e-6)
        dec++;
    return dec;
}

void tf_audit_unit_value_text(tf_finding *g, double v, double q, double p, const char *cur,
                              int unit_value_blamed)
{
    char sv[48], sq[48];
    tf_num_words(v, 0, sv, sizeof sv);
    tf_num_words(q, 0, sq, sizeof sq);
    tf_fmt(g->equation, sizeof g->equation,
           "unit value = value / quantity: %s %s / %s t = %.2f %s/t vs %.2f %s/t stated", sv,
           cur, sq, v / q, cur, p, cur);
    tf_fmt(g->evidence, sizeof g->evidence,
           "the value, quantity and unit value disagree beyond their rounding; %s makes the "
           "three agree%s", g->proposed_text,
           unit_value_blamed ? " (the unit value, derived from the other two, is blamed first "
                               "where a slip explains it)" : "");
}
