/* Reader dispatcher: header, encoding and format detection, shared helpers. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "readers.h"

const char *tf_format_name(tf_format f)
{
    switch (f) {
    case TF_FORMAT_TFCSV: return "tfcsv";
    case TF_FORMAT_GACC: return "gacc";
    case TF_FORMAT_PLSERIES: return "plseries";
    case TF_FORMAT_PRICES: return "prices";
    case TF_FORMAT_COMTRADE: return "comtrade";
    case TF_FORMAT_AUTO: break;
    }
    return "auto";
}

tf_format tf_format_parse(const char *s, int *ok)
{
    *ok = 1;
    if (strcmp(s, "tfcsv") == 0 || strcmp(s, "csv") == 0)
        return TF_FORMAT_TFCSV;
    if (strcmp(s, "gacc") == 0)
        return TF_FORMAT_GACC;
    if (strcmp(s, "plseries") == 0)
        return TF_FORMAT_PLSERIES;
    if (strcmp(s, "prices") == 0)
        return TF_FORMAT_PRICES;
    if (strcmp(s, "comtrade") == 0)
        return TF_FORMAT_COMTRADE;
    if (strcmp(s, "auto") == 0)
        return TF_FORMAT_AUTO;
    *ok = 0;
    return TF_FORMAT_AUTO;
}

tf_status tf_rerr(tf_rctx *c, unsigned long line, unsigned long col, const char *fmt, ...)
{
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    tf_error_set(&c->diag->error, TF_ERR_INPUT, "%s:%lu:%lu: %s", c->name, line, col, text);
    tf_scopy(c->diag->error.file, sizeof c->diag->error.file, c->name);
    c->diag->error.line = line;
    c->diag->error.col = col;
    return TF_ERR_INPUT;
}

void tf_rwarn(tf_rctx *c, const char *key, unsigned long line, unsigned long col,
              const char *fmt, ...)
{
    if (key) {
        for (size_t i = 0; i < c->n_warned; i++)
            if (strcmp(c->warned[i], key) == 0)
                return;
        if (c->n_warned == c->warned_cap) {
            size_t nc = c->warned_cap ? c->warned_cap * 2 : 16;
            char **p = realloc(c->warned, nc * sizeof *p);
            if (!p)
                return;
            c->warned = p;
            c->warned_cap = nc;
        }
        char *k = tf_strdup(key);
        if (!k)
            return;
        c->warned[c->n_warned++] = k;
    }
    char text[768], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (c->wlog) {
        tf_wlog_add(c->wlog, key, line, col, text);
        return;
    }
    c->stats->warnings++;
    if (!c->diag->warn)
        return;
    tf_fmt(msg, sizeof msg, "%s:%lu:%lu: %s", c->name, line, col, text);
    c->diag->warn(c->diag->warn_ctx, msg);
}

static int is_ascii(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80)
            return 0;
    return 1;
}

static int reserve(tf_rctx *c, size_t need)
{
    if (need <= c->scratch_cap)
        return 0;
    size_t nc = c->scratch_cap ? c->scratch_cap : 256;
    while (nc < need)
        nc *= 2;
    char *p = realloc(c->scratch, nc);
    if (!p)
        return -1;
    c->scratch = p;
    c->scratch_cap = nc;
    return 0;
}

/* Decoded fields remembered by their raw bytes: a customs file repeats a few
 * hundred distinct non-ASCII texts (partners, provinces, trade modes, units,
 * commodity names) on a million rows, and each distinct one is converted by
 * iconv once. Direct-mapped (a slot per hash, the newest field wins it) and
 * bounded: MEMO_SLOTS slots of fields up to MEMO_MAX bytes, at most
 * MEMO_SLOTS * (MEMO_MAX + 4 * MEMO_MAX + 1) bytes (2.4 MiB) in all; 4,096
 * slots hold the commodity names of the benchmark's GACC files, where 1,024
 * left 2 % of the import's CPU in iconv (4,096: 1 %).
 * Exact: the same bytes always decode to the same text (the converter is
 * reset before each field), and bytes that do not decode are never
 * remembered, so an error still names its own line and column. */
#define MEMO_SLOTS 4096
#define MEMO_MAX 120

typedef struct dmemo_slot {
    char *raw;          /* raw bytes, then the decoded text and its NUL */
    size_t n, outlen;   /* raw length (0: empty slot), decoded length */
} dmemo_slot;

struct tf_dmemo {
    dmemo_slot slot[MEMO_SLOTS];
};

static size_t memo_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h % MEMO_SLOTS;
}

static const dmemo_slot *memo_find(const tf_rctx *c, const tf_csv_field *f)
{
    if (!c->memo || f->n > MEMO_MAX)
        return NULL;
    const dmemo_slot *s = &c->memo->slot[memo_hash(f->p, f->n)];
    return s->n == f->n && memcmp(s->raw, f->p, f->n) == 0 ? s : NULL;
}

/* Remember f decoded to out[0..outlen); a failure to allocate only forgets. */
static void memo_keep(tf_rctx *c, const tf_csv_field *f, const char *out, size_t outlen)
{
    if (f->n > MEMO_MAX || f->n == 0 || (!c->memo && !(c->memo = calloc(1, sizeof *c->memo))))
        return;
    dmemo_slot *s = &c->memo->slot[memo_hash(f->p, f->n)];
    char *p = realloc(s->raw, f->n + outlen + 1);
    if (!p) {
        free(s->raw);
        *s = (dmemo_slot){0};
        return;
    }
    memcpy(p, f->p, f->n);
    memcpy(p + f->n, out, outlen + 1);
    *s = (dmemo_slot){p, f->n, outlen};
}

static void memo_free(tf_rctx *c)
{
    for (size_t i = 0; c->memo && i < MEMO_SLOTS; i++)
        free(c->memo->slot[i].raw);
    free(c->memo);
}

/* The field as it stands into the scratch buffer (ASCII, or valid UTF-8). */
static tf_status plain_field(tf_rctx *c, const tf_csv_field *f, const char **out,
                             size_t *outlen)
{
    if (reserve(c, f->n + 1))
        return TF_ERR_NOMEM;
    memcpy(c->scratch, f->p, f->n);
    c->scratch[f->n] = '\0';
    *out = c->scratch;
    *outlen = f->n;
    return TF_OK;
}

/* f converted by iconv from the file's charset (GB18030 or Windows-1252). */
static tf_status convert_field(tf_rctx *c, const tf_csv_field *f, unsigned long line,
                               unsigned long col, const char **out, size_t *outlen)
{
    const dmemo_slot *m = memo_find(c, f);
    if (m) {
        *out = m->raw + m->n;
        *outlen = m->outlen;
        return TF_OK;
    }
    const char *charset = c->enc == TF_ENC_LATIN1 ? "WINDOWS-1252" : "GB18030";
    if (c->cd == (iconv_t)-1) {
        c->cd = iconv_open("UTF-8", charset);
        if (c->cd == (iconv_t)-1)
            return tf_rerr(c, line, col, "%s decoding is not available (iconv)", charset);
    }
    if (reserve(c, f->n * 4 + 8))
        return TF_ERR_NOMEM;
    iconv(c->cd, NULL, NULL, NULL, NULL);
    char *in = (char *)f->p;
    size_t inleft = f->n;
    char *o = c->scratch;
    size_t oleft = c->scratch_cap - 1;
    if (iconv(c->cd, &in, &inleft, &o, &oleft) == (size_t)-1 ||
        iconv(c->cd, NULL, NULL, &o, &oleft) == (size_t)-1) {
        return tf_rerr(c, line, col,
                       "bytes that are neither UTF-8 nor %s (at byte %zu of the field)",
                       charset, (size_t)(in - f->p) + 1);
    }
    *o = '\0';
    *out = c->scratch;
    *outlen = (size_t)(o - c->scratch);
    memo_keep(c, f, *out, *outlen);
    return TF_OK;
}

tf_status tf_rdecode(tf_rctx *c, const tf_csv_field *f, unsigned long line,
                     unsigned long col, const char **out, size_t *outlen)
{
    if (is_ascii(f->p, f->n))
        return plain_field(c, f, out, outlen);
    if (c->enc == TF_ENC_ASCII) {
        /* The first non-ASCII bytes decide: valid UTF-8 or GB18030. */
        c->enc = (tf_utf8_invalid_at(f->p, f->n) == (size_t)-1 || c->enc_fixed)
                     ? TF_ENC_UTF8 : c->latin1 ? TF_ENC_LATIN1 : TF_ENC_GB18030;
    }
    if (c->enc != TF_ENC_UTF8)
        return convert_field(c, f, line, col, out, outlen);
    size_t bad = tf_utf8_invalid_at(f->p, f->n);
    if (bad != (size_t)-1)
        return tf_rerr(c, line, col,
                       "bytes that are not valid UTF-8 (at byte %zu of the field)%s", bad + 1,
                       c->enc_fixed ? "" : "; the file's earlier text was UTF-8");
    return plain_field(c, f, out, outlen);
}

/* The read's error names its file when the input is at fault, and carries
 * the status of a failure no message was written for (a sink's, NOMEM). */
static void read_error_finish(tf_error *e, tf_status st, const char *name)
{
    if (st == TF_OK)
        return;
    if (e->status == TF_OK)
        e->status = st;
    if (e->status == TF_ERR_INPUT && !e->file[0])
        tf_scopy(e->file, sizeof e->file, name);
}

tf_status tf_rcsv_error(tf_rctx *c, int rc, unsigned long line, unsigned long col,
                        const char *msg)
{
    if (rc == -3)
        return TF_ERR_NOMEM;
    if (rc == -2) {
        tf_error_set(&c->diag->error, TF_ERR_IO, "%s: read error: %s", c->name,
               strerror(errno));
        return TF_ERR_IO;
    }
    return tf_rerr(c, line, col, "%s", msg);
}

int tf_rhs_keep(const tf_rctx *c, const char *commodity)
{
    if (!c->opts->hs || c->opts->n_hs == 0)
        return 1;
    for (size_t i = 0; i < c->opts->n_hs; i++)
        if (strncmp(commodity, c->opts->hs[i], strlen(c->opts->hs[i])) == 0)
            return 1;
    return 0;
}

/* A quantity in unit to the stored form: t and kg become kg.
 * Returns TF_OK or TF_ERR_INPUT (above TF_MAX_FIGURE). */
static tf_status mass_normalise(tf_milli *q, char *unit, size_t unitlen)
{
    if (*q > TF_MAX_FIGURE)
        return TF_ERR_INPUT;
    if (tf_ieq(unit, strlen(unit), "kg")) {
        tf_scopy(unit, unitlen, "kg");
        return TF_OK;
    }
    if (tf_ieq(unit, strlen(unit), "t") || tf_ieq(unit, strlen(unit), "mt") ||
        tf_ieq(unit, strlen(unit), "tonne") || tf_ieq(unit, strlen(unit), "tonnes")) {
        if (*q > TF_MAX_FIGURE / 1000)
            return TF_ERR_INPUT;
        *q *= 1000;
        tf_scopy(unit, unitlen, "kg");
    }
    return TF_OK;
}

tf_status tf_remit(tf_rctx *c, tf_record *rec, unsigned long qty_col, unsigned long value_col)
{
    if (mass_normalise(&rec->quantity, rec->unit, sizeof rec->unit) != TF_OK ||
        mass_normalise(&rec->quantity2, rec->unit2, sizeof rec->unit2) != TF_OK)
        return tf_rerr(c, rec->line, qty_col,
                       "quantity above 100,000,000,000,000 kg, the largest figure stored");
    if (rec->has_value && rec->value > TF_MAX_FIGURE)
        return tf_rerr(c, rec->line, value_col,
                       "value above 100,000,000,000,000, the largest figure stored");
    if (!tf_rhs_keep(c, rec->commodity)) {
        c->stats->filtered++;
        return TF_OK;
    }
    tf_status st = c->sink(c->sink_ctx, rec, c->diag);
    if (st == TF_OK)
        c->stats->kept++;
    return st;
}

static void free_header(tf_rctx *c)
{
    for (size_t i = 0; i < c->nhdr; i++)
        free(c->hdr[i]);
    free(c->hdr);
    c->hdr = NULL;
    c->nhdr = 0;
}

/* Apply "FROM=TO[,FROM=TO...]" to the header: the column named FROM (in the
 * file's header, all pairs at once, so a swap works) is named TO from now on.
 * A malformed list, a FROM that is not a column, or a FROM given twice is a
 * usage error. */
static tf_status rename_columns(tf_rctx *c, const char *spec)
{
    char **to = calloc(c->nhdr ? c->nhdr : 1, sizeof *to);
    if (!to)
        return TF_ERR_NOMEM;
    tf_status st = TF_OK;
    const char *p = spec;
    while (*p && st == TF_OK) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq || eq == p || eq == p + len - 1 || memchr(eq + 1, '=', len - (size_t)(eq - p) - 1)) {
            tf_error_set(&c->diag->error, TF_ERR_USAGE,
                   "%s: --columns takes FROM=TO pairs separated by commas, not '%.*s'", c->name,
                   (int)(len > 60 ? 60 : len), p);
            st = TF_ERR_USAGE;
            break;
        }
        size_t fl = (size_t)(eq - p), hit = 0;
        for (size_t i = 0; i < c->nhdr && st == TF_OK; i++) {
            if (strlen(c->hdr[i]) != fl || memcmp(c->hdr[i], p, fl) != 0)
                continue;
            hit++;
            if (to[i]) {
                tf_error_set(&c->diag->error, TF_ERR_USAGE,
                       "%s: --columns renames column '%.*s' twice", c->name, (int)fl, p);
                st = TF_ERR_USAGE;
            } else if (!(to[i] = tf_strndup(eq + 1, len - fl - 1))) {
                st = TF_ERR_NOMEM;
            }
        }
        if (st == TF_OK && !hit) {
            tf_error_set(&c->diag->error, TF_ERR_USAGE,
                   "%s: --columns: the header has no column '%.*s'", c->name,
                   (int)(fl > 60 ? 60 : fl), p);
            st = TF_ERR_USAGE;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    for (size_t i = 0; i < c->nhdr; i++) {
        if (to[i] && st == TF_OK) {
            free(c->hdr[i]);
            c->hdr[i] = to[i];
        } else {
            free(to[i]);
        }
    }
    free(to);
    return st;
}

/* 1 when the file starts (after a BOM and blanks) as a JSON document, '{' or
 * '[': the UN Comtrade v1 API. */
static int starts_as_json(tf_csv *csv)
{
    const char *p;
    size_t pn;
    tf_csv_peek(csv, &p, &pn);
    size_t i = 0;
    if (pn >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < pn && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i < pn && (p[i] == '{' || p[i] == '[');
}

/* What the first bytes say a file is when it is no text at all: a spreadsheet
 * workbook, an archive, a database, a PDF, or text in UTF-16 (a spreadsheet's
 * "Unicode text" save); NULL for anything else. The signatures: ZIP "PK\3\4"
 * (xlsx is a ZIP), gzip 1F 8B (RFC 1952), OLE2 D0 CF 11 E0 (xls), "SQLite
 * format 3\0", "%PDF-", UTF-16 (tf_utf16_like). */
static const char *container_kind(const unsigned char *p, size_t n)
{
    if (n >= 4 && !memcmp(p, "PK\x03\x04", 4))
        return "a ZIP archive (an Excel .xlsx workbook or a zipped download), not a CSV: "
               "save the sheet as CSV UTF-8, or unzip the download first";
    if (n >= 2 && p[0] == 0x1F && p[1] == 0x8B)
        return "a gzip-compressed file, not a CSV: decompress it first (gunzip FILE)";
    if (n >= 4 && !memcmp(p, "\xD0\xCF\x11\xE0", 4))
        return "an Excel 97-2003 workbook (.xls), not a CSV: save the sheet as CSV UTF-8";
    if (n >= 16 && !memcmp(p, "SQLite format 3", 16))
        return "a SQLite database (a tradeflow database?), not a CSV: name a database with "
               "--db, and ingest the files it was built from";
    if (n >= 5 && !memcmp(p, "%PDF-", 5))
        return "a PDF document, not a CSV: download the data as CSV";
    if (tf_utf16_like(p, n))
        return "UTF-16 text (a spreadsheet's \"Unicode text\" save), not a CSV in UTF-8, "
               "GB18030 or Windows-1252: save it as CSV UTF-8, or convert it with "
               "iconv -f UTF-16 -t UTF-8";
    return NULL;
}

/* An input error at 1:1 when the file is a workbook, archive, PDF or UTF-16
 * text (container_kind), rather than the NUL byte the CSV reader would find. */
static tf_status check_container(tf_rctx *c)
{
    const char *p;
    size_t pn;
    tf_csv_peek(c->csv, &p, &pn);
    const char *kind = container_kind((const unsigned char *)p, pn);
    return kind ? tf_rerr(c, 1, 1, "this file is %s", kind) : TF_OK;
}

/* A UN Comtrade JSON document: the options that do not apply to it, then the
 * JSON reader. */
static tf_status read_json(tf_rctx *c)
{
    c->stats->format = TF_FORMAT_COMTRADE;
    if (c->opts->product)
        return tf_error_set(&c->diag->error, TF_ERR_USAGE,
                            "%s: --product is for published P/L series and prices files; trade "
                            "records belong to products through their HS codes", c->name);
    c->stats->json = 1;
    if (c->opts->period)
        return tf_error_set(&c->diag->error, TF_ERR_USAGE, "%s: --period and --range are for "
                            "GACC downloads without a date column; this file is comtrade",
                            c->name);
    return tf_read_comtrade_json(c);
}

/* Decide the encoding from the first buffer when it can: any byte sequence
 * that is not UTF-8 there means GB18030 (a cut at the end of the buffer
 * aside). An all-ASCII start leaves it to the first non-ASCII field. */
static void first_encoding(tf_rctx *c)
{
    const char *p;
    size_t pn;
    tf_csv_peek(c->csv, &p, &pn);
    size_t bad = tf_utf8_invalid_at(p, pn);
    int has_high = 0;
    for (size_t i = 0; i < pn && !has_high; i++)
        has_high = (unsigned char)p[i] >= 0x80;
    if (tf_csv_bom(c->csv) || c->enc_fixed)
        c->enc = has_high || tf_csv_bom(c->csv) ? TF_ENC_UTF8 : TF_ENC_ASCII;
    else if (bad != (size_t)-1 && bad + 4 < pn)
        c->enc = TF_ENC_GB18030;
    else if (has_high && bad == (size_t)-1)
        c->enc = TF_ENC_UTF8;
}

/* Read the header (blank lines before it skipped) into c->hdr, decoded to
 * UTF-8 and trimmed; *ascii = 1 when all its bytes are ASCII. */
static tf_status read_header(tf_rctx *c, int *ascii)
{
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[256];
    int rc;
    do { /* blank lines before the header are skipped */
        rc = tf_csv_next(c->csv, &f, &n, &line, &col, err, sizeof err);
    } while (rc == 1 && n == 1 && f[0].n == 0 && !f[0].quoted);
    if (rc == 0)
        return tf_rerr(c, 1, 1, "empty file");
    if (rc < 0)
        return tf_rcsv_error(c, rc, line, col, err);
    c->hdr_line = line;
    c->hdr = calloc(n, sizeof *c->hdr);
    if (!c->hdr)
        return TF_ERR_NOMEM;
    *ascii = 1;
    for (size_t i = 0; i < n; i++) {
        tf_csv_field fi = f[i];
        if (!is_ascii(fi.p, fi.n))
            *ascii = 0;
        const char *s;
        size_t sl;
        tf_status st = tf_rdecode(c, &fi, line, i + 1, &s, &sl);
        if (st != TF_OK)
            return st;
        const char *t = tf_trim(s, &sl);
        c->hdr[i] = tf_strndup(t, sl);
        if (!c->hdr[i])
            return TF_ERR_NOMEM;
        c->nhdr = i + 1;
    }
    return TF_OK;
}

/* The name of a field separator other than the comma. */
static const char *separator_name(char sep)
{
    return sep == ';' ? "semicolons (a spreadsheet's CSV save where the decimal mark is a comma)"
           : sep == '\t' ? "tabs (tab-separated text)" : "vertical bars";
}

/* The format the header names (TF_FORMAT_AUTO: detected), in *fmt. */
static tf_status header_format(tf_rctx *c, tf_format *fmt)
{
    *fmt = c->opts->format;
    if (*fmt != TF_FORMAT_AUTO)
        return TF_OK;
    if (tf_tfcsv_header_match(c->hdr, c->nhdr))
        *fmt = TF_FORMAT_TFCSV;
    else if (tf_comtrade_header_match(c->hdr, c->nhdr)) /* before GACC: "Commodity Code" */
        *fmt = TF_FORMAT_COMTRADE;
    else if (tf_plseries_header_match(c->hdr, c->nhdr)) /* before GACC: both have a date */
        *fmt = TF_FORMAT_PLSERIES;
    else if (tf_prices_header_match(c->hdr, c->nhdr))
        *fmt = TF_FORMAT_PRICES;
    else if (tf_gacc_header_match(c->hdr, c->nhdr))
        *fmt = TF_FORMAT_GACC;
    else if (c->nhdr == 1 && strpbrk(c->hdr[0], ";\t|"))
        return tf_rerr(c, c->hdr_line, 1,
                       "the header is one column: this file is separated by %s, not "
                       "commas; save it as comma-separated CSV",
                       separator_name(*strpbrk(c->hdr[0], ";\t|")));
    else {
        int dated = 0;
        for (size_t i = 0; i < c->nhdr; i++)
            dated |= !strcmp(c->hdr[i], "date") || !strcmp(c->hdr[i], "observation_date");
        return tf_rerr(c, c->hdr_line, 1,
                       "cannot tell the format from the header (first column '%.60s'); "
                       "expected a tradeflow CSV, GACC export or UN Comtrade header, "
                       "or use --format%s",
                       c->hdr[0], dated ? "; a dated series with no known price column: name "
                                          "its columns with --columns (e.g. --columns "
                                          "close=usdcny, docs/prices.md)" : "");
    }
    return TF_OK;
}

/* Options that do not apply to format fmt are usage errors (a UN Comtrade
 * file's, read as JSON too, are its reader's: comtrade.c check_opts). */
static tf_status check_options(tf_rctx *c, tf_format fmt)
{
    const tf_read_opts *o = c->opts;
    if (o->product && (fmt == TF_FORMAT_TFCSV || fmt == TF_FORMAT_GACC ||
                       fmt == TF_FORMAT_COMTRADE))
        return tf_error_set(&c->diag->error, TF_ERR_USAGE,
                            "%s: --product is for published P/L series and prices files; trade "
                            "records belong to products through their HS codes", c->name);
    if (o->period && fmt != TF_FORMAT_GACC)
        return tf_error_set(&c->diag->error, TF_ERR_USAGE,
                            "%s: --period and --range are for GACC downloads without a date "
                            "column; this file is %s", c->name, tf_format_name(fmt));
    int trade_opts = o->flow != TF_FLOW_NONE || o->partner_basis || o->reporter || o->provenance;
    if (trade_opts && fmt == TF_FORMAT_TFCSV)
        return tf_error_set(&c->diag->error, TF_ERR_USAGE,
                            "%s: --flow, --partner-basis, --reporter and --source are for "
                            "GACC exports; a tradeflow CSV carries them in its own columns",
                            c->name);
    if (trade_opts && (fmt == TF_FORMAT_PLSERIES || fmt == TF_FORMAT_PRICES))
        return tf_error_set(&c->diag->error, TF_ERR_USAGE,
                            "%s: --flow, --partner-basis, --reporter and --source are for "
                            "GACC exports; this file is a daily %s series, with no flow, "
                            "partner or reporter (--product names what it is for)", c->name,
                            fmt == TF_FORMAT_PRICES ? "prices" : "published import P/L");
    return TF_OK;
}

/* What a tradeflow CSV's header and options must satisfy before its rows. */
static tf_status check_rows(tf_rctx *c, tf_format fmt, int hdr_ascii)
{
    if (fmt == TF_FORMAT_TFCSV) {
        c->enc_fixed = 1;
        if (c->enc == TF_ENC_GB18030 && hdr_ascii)
            c->enc = TF_ENC_UTF8; /* the bad bytes are in a data field: report it there */
        if (c->enc == TF_ENC_GB18030)
            return tf_rerr(c, c->hdr_line, 1, "tradeflow CSV must be UTF-8; this header is not "
                                              "(a GACC export? use --format gacc)");
    }
    return TF_OK;
}

tf_status tf_read_format(tf_rctx *c, tf_format fmt)
{
    if (fmt == TF_FORMAT_TFCSV)
        return tf_read_tfcsv(c);
    if (fmt == TF_FORMAT_PLSERIES)
        return tf_read_plseries(c);
    if (fmt == TF_FORMAT_PRICES)
        return tf_read_prices(c);
    if (fmt == TF_FORMAT_COMTRADE)
        return tf_read_comtrade(c);
    return tf_read_gacc(c);
}

/* The data rows, by the reader of format fmt: on two threads when the file
 * allows (split.c). */
static tf_status read_rows(tf_rctx *c, tf_format fmt, int hdr_ascii)
{
    tf_status st = check_rows(c, fmt, hdr_ascii);
    if (st != TF_OK)
        return st;
    unsigned long long mid = tf_split_point(c, fmt);
    return mid ? tf_read_split(c, fmt, mid) : tf_read_format(c, fmt);
}

/* A CSV file: header, format, options, rows, the end of the file. */
static tf_status read_csv(tf_rctx *c)
{
    int hdr_ascii = 1;
    c->enc_fixed = c->opts->format == TF_FORMAT_TFCSV;
    first_encoding(c);
    tf_status st = read_header(c, &hdr_ascii);
    if (st == TF_OK && c->opts->columns)
        st = rename_columns(c, c->opts->columns);
    tf_format fmt = TF_FORMAT_AUTO;
    if (st == TF_OK)
        st = header_format(c, &fmt);
    if (st != TF_OK)
        return st;
    c->stats->format = fmt;
    if ((st = check_options(c, fmt)) != TF_OK)
        return st;
    if ((st = read_rows(c, fmt, hdr_ascii)) != TF_OK)
        return st;
    if (tf_csv_unterminated(c->csv) && c->stats->rows > 0)
        tf_rwarn(c, NULL, tf_csv_line(c->csv), 1, "the last line has no line end: check the "
                 "file is complete (a cut download loses rows or digits)");
    tf_csv_drain(c->csv);
    return TF_OK;
}

void tf_rctx_release(tf_rctx *c)
{
    if (c->cd != (iconv_t)-1)
        iconv_close(c->cd);
    c->cd = (iconv_t)-1;
    memo_free(c);
    c->memo = NULL;
    free(c->scratch);
    c->scratch = NULL;
    c->scratch_cap = 0;
    for (size_t i = 0; i < c->n_warned; i++)
        free(c->warned[i]);
    free(c->warned);
    c->warned = NULL;
    c->n_warned = c->warned_cap = 0;
}

/* The input as a regular file, for reading it on two threads (split.c). */
static void regular_input(tf_rctx *c, FILE *in)
{
    struct stat sb;
    int fd = fileno(in);
    off_t at = ftello(in);
    c->fd = -1;
    if (!c->opts->split_sink || fd < 0 || at < 0 || fstat(fd, &sb) != 0 ||
        !S_ISREG(sb.st_mode) || sb.st_size <= at)
        return;
    c->fd = fd;
    c->base = (unsigned long long)at;
    c->size = (unsigned long long)sb.st_size - c->base;
}

tf_status tf_read(FILE *in, const char *name, const tf_read_opts *opts,
                  const tf_refdata *ref, tf_sink sink, void *sink_ctx,
                  tf_diag *diag, tf_read_stats *stats, char *sha256_hex)
{
    tf_read_opts defaults = {0};
    if (!opts)
        opts = &defaults;
    tf_read_stats local_stats;
    if (!stats)
        stats = &local_stats;
    memset(stats, 0, sizeof *stats);
    tf_error_clear(&diag->error);
    tf_rctx c = {0};
    c.name = name;
    c.opts = opts;
    c.ref = ref;
    c.sink = sink;
    c.sink_ctx = sink_ctx;
    c.diag = diag;
    c.stats = stats;
    c.cd = (iconv_t)-1;
    regular_input(&c, in);
    tf_sha256 *h = sha256_hex ? tf_sha256_new() : NULL;
    if (sha256_hex && !h)
        return tf_sha256_ready(&diag->error) != TF_OK ? TF_ERR_IO : TF_ERR_NOMEM;
    c.csv = tf_csv_open(in, h);
    tf_status st;
    if (!c.csv)
        st = TF_ERR_NOMEM;
    else if ((st = check_container(&c)) != TF_OK)
        ;
    else if ((opts->format == TF_FORMAT_AUTO || opts->format == TF_FORMAT_COMTRADE) &&
             starts_as_json(c.csv))
        st = read_json(&c);
    else
        st = read_csv(&c);
    tf_scopy(stats->encoding, sizeof stats->encoding,
             c.enc == TF_ENC_GB18030 ? "GB18030" : c.enc == TF_ENC_LATIN1 ? "Windows-1252" : "UTF-8");
    if (h) {
        tf_sha256_final(h, sha256_hex);
        if (st != TF_OK)
            sha256_hex[0] = '\0';
    }
    tf_csv_close(c.csv);
    free_header(&c);
    tf_rctx_release(&c);
    read_error_finish(&diag->error, st, name);
    return st;
}
