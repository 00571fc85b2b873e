/*
 * Reference data: the tables in data/ (CSV files) (compiled in by tools/embed.c)
 * and user product files. Sources of every table: data/README.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tradeflow/refdata.h"
#include "../common/util.h"
#include "../readers/csv.h"

extern const unsigned char tf_data_products[], tf_data_partners[], tf_data_trade_modes[],
    tf_data_provinces[], tf_data_window_params[], tf_data_comtrade_areas[],
    tf_data_hs_crosswalk[];
extern const size_t tf_data_products_len, tf_data_partners_len, tf_data_trade_modes_len,
    tf_data_provinces_len, tf_data_window_params_len, tf_data_comtrade_areas_len,
    tf_data_hs_crosswalk_len;

#define CODE_SLOTS 1000 /* GACC partner, trade-mode and province codes are < 1000 */

struct tf_refdata {
    tf_product *products;
    size_t n_products, cap_products;
    tf_partner *partners;
    size_t n_partners;
    const tf_partner **by_iso3; /* sorted */
    const tf_partner *by_gacc[CODE_SLOTS];
    tf_trade_mode *modes;
    size_t n_modes;
    const tf_trade_mode *mode_by_code[CODE_SLOTS];
    tf_province *provinces;
    size_t n_provinces;
    const tf_province *prov_by_code[CODE_SLOTS];
    tf_window_param *wparams;
    size_t n_wparams;
    tf_hs_pair *pairs;                  /* HS edition crosswalk, data/hs-crosswalk.csv */
    size_t n_pairs;
    tf_area *areas;                     /* Comtrade country list, data/comtrade-areas.csv, */
    size_t n_areas;                     /* read at the first use (areas_of) */
    int areas_read;
    const tf_area *area_by_m49[CODE_SLOTS];
    char **strings; /* the blocks holding every string owned by the tables */
    size_t n_strings, cap_strings;
    char *free_at;   /* the room left in the last block */
    size_t left;
};

/* Strings are packed into blocks of this size (one allocation for some
 * thousand cells: a malloc per cell was half the start-up's parsing). */
#define STRING_BLOCK ((size_t)32768)

/* A copy of s[0..n), NUL-terminated, kept until tf_refdata_free. */
static const char *own(tf_refdata *r, const char *s, size_t n)
{
    if (n + 1 > r->left) {
        if (r->n_strings == r->cap_strings) {
            size_t nc = r->cap_strings ? r->cap_strings * 2 : 16;
            char **p = realloc(r->strings, nc * sizeof *p);
            if (!p)
                return NULL;
            r->strings = p;
            r->cap_strings = nc;
        }
        size_t size = n + 1 > STRING_BLOCK ? n + 1 : STRING_BLOCK;
        if (!(r->free_at = malloc(size)))
            return NULL;
        r->strings[r->n_strings++] = r->free_at;
        r->left = size;
    }
    char *d = r->free_at;
    memcpy(d, s, n);
    d[n] = '\0';
    r->free_at += n + 1;
    r->left -= n + 1;
    return d;
}

/* A CSV table read whole: rows of owned strings keyed by header names. */
typedef struct table {
    size_t ncols;
    const char **cells; /* nrows * ncols */
    size_t nrows;
    unsigned long *lines;
    char **hdr;
} table;

static void table_free(table *t)
{
    free(t->cells);
    free(t->lines);
    if (t->hdr)
        for (size_t i = 0; i < t->ncols; i++)
            free(t->hdr[i]);
    free(t->hdr);
    memset(t, 0, sizeof *t);
}

static int table_col(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->hdr[i], name) == 0)
            return (int)i;
    return -1;
}

static const char *cell(const table *t, size_t row, int col)
{
    return col < 0 ? "" : t->cells[row * t->ncols + (size_t)col];
}

static tf_status table_read(tf_refdata *r, FILE *in, const char *name, table *t, tf_error *err)
{
    memset(t, 0, sizeof *t);
    tf_csv *c = tf_csv_open(in, NULL);
    if (!c)
        return TF_ERR_NOMEM;
    tf_csv_field *f;
    size_t n, cap = 0;
    unsigned long line, col;
    char msg[256];
    tf_status st = TF_OK;
    int rc = tf_csv_next(c, &f, &n, &line, &col, msg, sizeof msg);
    if (rc == -2) {
        tf_error_set(err, TF_ERR_IO, "%s: read error: %s", name, strerror(errno));
        st = TF_ERR_IO;
        goto out;
    }
    if (rc != 1) {
        tf_error_at(err, rc == -3 ? TF_ERR_NOMEM : TF_ERR_INPUT, name, 1, 1, "%s",
                    rc == 0 ? "empty file" : msg);
        st = rc == -3 ? TF_ERR_NOMEM : TF_ERR_INPUT;
        goto out;
    }
    t->ncols = n;
    t->hdr = calloc(n, sizeof *t->hdr);
    if (!t->hdr) {
        st = TF_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = f[i].n;
        const char *p = f[i].p;
        if (i == 0 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            len -= 3;
        }
        p = tf_trim(p, &len);
        if (!(t->hdr[i] = tf_strndup(p, len))) {
            st = TF_ERR_NOMEM;
            goto out;
        }
    }
    while ((rc = tf_csv_next(c, &f, &n, &line, &col, msg, sizeof msg)) == 1) {
        if (n == 1 && f[0].n == 0)
            continue;
        if (n != t->ncols) {
            tf_error_at(err, TF_ERR_INPUT, name, line, n > t->ncols ? t->ncols + 1 : n,
                        "expected %zu fields as in the header, found %zu", t->ncols, n);
            st = TF_ERR_INPUT;
            goto out;
        }
        if (t->nrows == cap) {
            cap = cap ? cap * 2 : 64;
            const char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
            unsigned long *lines = realloc(t->lines, cap * sizeof *lines);
            if (cells)
                t->cells = cells;
            if (lines)
                t->lines = lines;
            if (!cells || !lines) {
                st = TF_ERR_NOMEM;
                goto out;
            }
        }
        for (size_t i = 0; i < n; i++) {
            size_t bad = tf_utf8_invalid_at(f[i].p, f[i].n);
            if (bad != (size_t)-1) {
                tf_error_at(err, TF_ERR_INPUT, name, line, i + 1, "not valid UTF-8");
                st = TF_ERR_INPUT;
                goto out;
            }
            size_t len = f[i].n;
            const char *p = tf_trim(f[i].p, &len);
            const char *s = own(r, p, len);
            if (!s) {
                st = TF_ERR_NOMEM;
                goto out;
            }
            t->cells[t->nrows * t->ncols + i] = s;
        }
        t->lines[t->nrows++] = line;
    }
    if (rc == -2) {
        tf_error_set(err, TF_ERR_IO, "%s: read error: %s", name, strerror(errno));
        st = TF_ERR_IO;
    } else if (rc < 0) {
        tf_error_at(err, rc == -3 ? TF_ERR_NOMEM : TF_ERR_INPUT, name, line, col, "%s", msg);
        st = rc == -3 ? TF_ERR_NOMEM : TF_ERR_INPUT;
    }
out:
    tf_csv_close(c);
    if (st != TF_OK)
        table_free(t);
    return st;
}

static tf_status table_embedded(tf_refdata *r, const unsigned char *data, size_t len,
                                const char *name, table *t)
{
    FILE *in = fmemopen((void *)data, len, "r");
    if (!in)
        return TF_ERR_NOMEM;
    tf_status st = table_read(r, in, name, t, NULL);
    fclose(in);
    return st;
}

static int code_slot(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > 3)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)code[i]))
            return -1;
        v = v * 10 + (code[i] - '0');
    }
    return v;
}

static int cmp_iso3(const void *a, const void *b)
{
    return strcmp((*(const tf_partner *const *)a)->iso3, (*(const tf_partner *const *)b)->iso3);
}

/* Split "76011010 76011090" into owned code strings. */
static tf_status split_codes(tf_refdata *r, const char *s, const char ***out, size_t *n)
{
    size_t cap = 4, k = 0;
    const char **codes = malloc(cap * sizeof *codes);
    if (!codes)
        return TF_ERR_NOMEM;
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == ';' || *p == '+' || *p == '\t')
            p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != ';' && *p != '+' && *p != '\t')
            p++;
        if (p == b)
            break;
        if (k == cap) {
            cap *= 2;
            const char **nc = realloc(codes, cap * sizeof *nc);
            if (!nc) {
                free(codes);
                return TF_ERR_NOMEM;
            }
            codes = nc;
        }
        if (!(codes[k++] = own(r, b, (size_t)(p - b)))) {
            free(codes);
            return TF_ERR_NOMEM;
        }
    }
    *out = codes;
    *n = k;
    return TF_OK;
}

/* Split "a;b;c" into owned, trimmed names; empty names are skipped. */
static tf_status split_names(tf_refdata *r, const char *s, const char *const **out, size_t *n)
{
    size_t k = 0, cap = 1;
    for (const char *q = s; *q; q++)
        cap += *q == ';';
    const char **names = malloc(cap * sizeof *names);
    if (!names)
        return TF_ERR_NOMEM;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *b = tf_trim(p, &len);
        if (len && !(names[k++] = own(r, b, len))) {
            free(names);
            return TF_ERR_NOMEM;
        }
        p += e ? (size_t)(e - p) + 1 : strlen(p);
    }
    *out = names;
    *n = k;
    return TF_OK;
}

/* The first row before row i whose column col holds the same text, or -1. */
static long earlier_row(const table *t, size_t i, int col)
{
    for (size_t j = 0; j < i; j++)
        if (!strcmp(cell(t, j, col), cell(t, i, col)))
            return (long)j;
    return -1;
}

static tf_status add_products(tf_refdata *r, const table *t, const char *origin, tf_error *err)
{
    int cn = table_col(t, "name"), cc = table_col(t, "codes"), ccl = table_col(t, "classification"),
        cd = table_col(t, "description"), cs = table_col(t, "source");
    if (cn < 0 || cc < 0) {
        tf_error_at(err, TF_ERR_INPUT, origin, 1, 1,
                    "a products file needs the columns name and codes");
        return TF_ERR_INPUT;
    }
    const char *org = own(r, origin, strlen(origin));
    if (!org)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < t->nrows; i++) {
        tf_product p = {0};
        p.name = cell(t, i, cn);
        p.classification = cell(t, i, ccl)[0] ? cell(t, i, ccl) : "HS";
        p.description = cell(t, i, cd);
        p.source = cell(t, i, cs);
        p.origin = org;
        p.name_en = cell(t, i, table_col(t, "name_en"));
        p.name_zh = cell(t, i, table_col(t, "name_zh"));
        if (!p.name[0]) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cn + 1),
                        "empty product name");
            return TF_ERR_INPUT;
        }
        long first = earlier_row(t, i, cn);
        if (first >= 0) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cn + 1),
                        "product '%s' is defined twice in this file (first at line %lu)",
                        p.name, t->lines[first]);
            return TF_ERR_INPUT;
        }
        const char **codes;
        size_t nc;
        if (split_codes(r, cell(t, i, cc), &codes, &nc) != TF_OK)
            return TF_ERR_NOMEM;
        if (nc == 0) {
            free(codes);
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cc + 1),
                        "product '%s' has no codes", p.name);
            return TF_ERR_INPUT;
        }
        for (size_t k = 0; k < nc; k++) {
            int hs = !p.classification || !*p.classification || !strcmp(p.classification, "HS");
            for (const char *q = codes[k]; *q; q++)
                if (hs ? !isdigit((unsigned char)*q) : (!isalnum((unsigned char)*q) && *q != '.')) {
                    tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cc + 1),
                                "bad code '%s' in product '%s'%s", codes[k], p.name,
                                hs ? " (HS codes are digits)" : "");
                    free(codes);
                    return TF_ERR_INPUT;
                }
        }
        p.codes = codes;
        p.n_codes = nc;
        if (split_names(r, cell(t, i, table_col(t, "aliases")), &p.aliases, &p.n_aliases)) {
            free(codes);
            return TF_ERR_NOMEM;
        }
        size_t j;
        for (j = 0; j < r->n_products; j++)
            if (strcmp(r->products[j].name, p.name) == 0)
                break;
        if (j < r->n_products) {
            free((void *)r->products[j].codes);
            free((void *)r->products[j].aliases);
            r->products[j] = p; /* a user definition replaces a built-in one */
            continue;
        }
        if (r->n_products == r->cap_products) {
            size_t ncap = r->cap_products ? r->cap_products * 2 : 16;
            tf_product *np = realloc(r->products, ncap * sizeof *np);
            if (!np) {
                free(codes);
                free((void *)p.aliases);
                return TF_ERR_NOMEM;
            }
            r->products = np;
            r->cap_products = ncap;
        }
        r->products[r->n_products++] = p;
    }
    return TF_OK;
}

/* Append window parameters; later rows win ties, so a user's file overrides. */
static tf_status add_window_params(tf_refdata *r, const table *t, const char *origin, tf_error *err,
                                   int user)
{
    int cp = table_col(t, "parameter"), ch = table_col(t, "hs"), cg = table_col(t, "origin_group"),
        cf = table_col(t, "from"), cv = table_col(t, "value"), cs = table_col(t, "source");
    if (cp < 0 || cf < 0 || cv < 0) {
        tf_error_at(err, TF_ERR_INPUT, origin, 1, 1,
                    "window parameters need the columns parameter, from, value");
        return TF_ERR_INPUT;
    }
    tf_window_param *np = realloc(r->wparams, (r->n_wparams + t->nrows + 1) * sizeof *np);
    if (!np)
        return TF_ERR_NOMEM;
    r->wparams = np;
    for (size_t i = 0; i < t->nrows; i++) {
        tf_window_param w;
        w.parameter = cell(t, i, cp);
        w.hs = cell(t, i, ch);
        w.origin_group = cell(t, i, cg);
        w.from = cell(t, i, cf);
        w.source = cell(t, i, cs);
        w.user = user;
        char *end;
        w.value = strtod(cell(t, i, cv), &end);
        size_t fl = strlen(w.from);
        if (strcmp(w.parameter, "vat") && strcmp(w.parameter, "duty") && strcmp(w.parameter, "misc")) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cp + 1),
                        "unknown parameter '%s' (vat, duty, misc)", w.parameter);
            return TF_ERR_INPUT;
        }
        if (!cell(t, i, cv)[0] || *end || w.value < 0 || w.value > 100000) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cv + 1),
                        "bad value '%s'", cell(t, i, cv));
            return TF_ERR_INPUT;
        }
        if (fl != 10 || !tf_date_valid(w.from)) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)(cf + 1),
                        "bad date '%s' (YYYY-MM-DD)", w.from);
            return TF_ERR_INPUT;
        }
        if (!strcmp(w.parameter, "duty") && (!w.hs[0] || !w.origin_group[0])) {
            tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], 1,
                        "a duty needs an hs code and an origin_group");
            return TF_ERR_INPUT;
        }
        r->wparams[r->n_wparams++] = w;
    }
    return TF_OK;
}

/* Read a user's CSV file whole into t. Errors: TF_ERR_IO, TF_ERR_INPUT. */
static tf_status table_file(tf_refdata *ref, const char *path, table *t, tf_error *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        tf_error_set(err, TF_ERR_IO, "%s: read error: Is a directory", path);
        return TF_ERR_IO;
    }
    FILE *in = fopen(path, "rb");
    if (!in) {
        tf_error_set(err, TF_ERR_IO, "%s: %s", path, strerror(errno));
        return TF_ERR_IO;
    }
    tf_status st = table_read(ref, in, path, t, err);
    fclose(in);
    return st;
}

/* An HS edition name "HS1992" .. "HS2022" (HS, then a year of an edition);
 * its year, or 0. */
static int hs_edition_year(const char *e)
{
    static const int years[] = {1988, 1992, 1996, 2002, 2007, 2012, 2017, 2022, 2027, 2028};
    if (strncmp(e, "HS", 2) != 0 || strlen(e) != 6 || strspn(e + 2, "0123456789") != 4)
        return 0;
    int y = (int)strtol(e + 2, NULL, 10);
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
        if (years[i] == y)
            return y;
    return 0;
}

static int hs_code_ok(const char *c)
{
    size_t n = strlen(c);
    return n >= 2 && n <= 10 && strspn(c, "0123456789") == n;
}

/* The pairs of a crosswalk table (docs/hs-crosswalk.md) into r->pairs. */
static tf_status add_crosswalk(tf_refdata *r, const table *t, const char *origin, tf_error *err,
                               int user)
{
    int co = table_col(t, "old_edition"), cc = table_col(t, "old_code"),
        cn = table_col(t, "new_edition"), cd = table_col(t, "new_code"),
        cs = table_col(t, "source");
    if (co < 0 || cc < 0 || cn < 0 || cd < 0) {
        return tf_error_at(err, TF_ERR_INPUT, origin, 1, 1,
                           "an HS crosswalk needs the columns old_edition, old_code, "
                           "new_edition, new_code (docs/hs-crosswalk.md)");
    }
    tf_hs_pair *np = realloc(r->pairs, (r->n_pairs + t->nrows + 1) * sizeof *np);
    if (!np)
        return TF_ERR_NOMEM;
    r->pairs = np;
    for (size_t i = 0; i < t->nrows; i++) {
        tf_hs_pair p = {cell(t, i, co), cell(t, i, cc), cell(t, i, cn), cell(t, i, cd),
                        cell(t, i, cs), user};
        int yo = hs_edition_year(p.old_edition), yn = hs_edition_year(p.new_edition);
        int bad = !yo ? co : !hs_code_ok(p.old_code) ? cc : !yn || yn <= yo ? cn
                  : !hs_code_ok(p.new_code) ? cd : -1;
        if (bad >= 0) {
            return tf_error_at(err, TF_ERR_INPUT, origin, t->lines[i], (unsigned long)bad + 1,
                               "'%s' is not %s", cell(t, i, bad),
                               bad == cc || bad == cd ? "an HS code (2 to 10 digits)"
                               : bad == cn && yn     ? "an edition after old_edition"
                                                     : "an HS edition (HS1992 .. HS2022)");
        }
        r->pairs[r->n_pairs++] = p;
    }
    return TF_OK;
}

/* The built-in pairs, data/hs-crosswalk.csv. */
static tf_status builtin_crosswalk(tf_refdata *r)
{
    table t;
    tf_status st = table_embedded(r, tf_data_hs_crosswalk, tf_data_hs_crosswalk_len,
                                  "hs-crosswalk.csv", &t);
    if (st != TF_OK)
        return st;
    st = add_crosswalk(r, &t, "hs-crosswalk.csv", NULL, 0);
    table_free(&t);
    return st;
}

tf_status tf_refdata_add_crosswalk(tf_refdata *ref, const char *path, tf_error *err)
{
    table t;
    tf_status st = table_file(ref, path, &t, err);
    if (st != TF_OK)
        return st;
    st = add_crosswalk(ref, &t, path, err, 1);
    table_free(&t);
    return st;
}

size_t tf_refdata_crosswalk_count(const tf_refdata *ref) { return ref->n_pairs; }

const tf_hs_pair *tf_refdata_crosswalk_at(const tf_refdata *ref, size_t i)
{
    return i < ref->n_pairs ? &ref->pairs[i] : NULL;
}

int tf_hs_edition_of(const char *classification, const char *period)
{
    static const struct { const char *cls; int year; } comtrade[] = {
        {"H0", 1992}, {"H1", 1996}, {"H2", 2002}, {"H3", 2007},
        {"H4", 2012}, {"H5", 2017}, {"H6", 2022}};
    for (size_t i = 0; classification && i < sizeof comtrade / sizeof comtrade[0]; i++)
        if (!strcmp(classification, comtrade[i].cls))
            return comtrade[i].year;
    int y = period ? (int)strtol(period, NULL, 10) : 0;
    return y >= 2022 ? 2022 : y >= 2017 ? 2017 : y >= 2012 ? 2012 : y >= 2007 ? 2007
         : y >= 2002 ? 2002 : y >= 1996 ? 1996 : 1992;
}

tf_status tf_refdata_add_window_params(tf_refdata *ref, const char *path, tf_error *err)
{
    table t;
    tf_status st = table_file(ref, path, &t, err);
    if (st != TF_OK)
        return st;
    st = add_window_params(ref, &t, path, err, 1);
    table_free(&t);
    return st;
}

/* The loaders of the embedded tables: each fills its part of r from t. */

static tf_status load_products(tf_refdata *r, const table *t)
{
    return add_products(r, t, "built-in", NULL);
}

static tf_status load_partners(tf_refdata *r, const table *t)
{
    r->partners = calloc(t->nrows ? t->nrows : 1, sizeof *r->partners);
    r->by_iso3 = calloc(t->nrows ? t->nrows : 1, sizeof *r->by_iso3);
    if (!r->partners || !r->by_iso3)
        return TF_ERR_NOMEM;
    int cg = table_col(t, "gacc_code"), ci = table_col(t, "iso3"), cm = table_col(t, "m49"),
        ce = table_col(t, "name_en"), cz = table_col(t, "name_zh"), ck = table_col(t, "kind"),
        ca = table_col(t, "aliases"), cs = table_col(t, "short_zh");
    for (size_t i = 0; i < t->nrows; i++) {
        tf_partner *p = &r->partners[r->n_partners];
        p->gacc_code = cell(t, i, cg);
        p->iso3 = cell(t, i, ci);
        p->m49 = cell(t, i, cm);
        p->name_en = cell(t, i, ce);
        p->name_zh = cell(t, i, cz);
        p->kind = cell(t, i, ck);
        p->short_zh = cell(t, i, cs);
        if (!p->iso3[0])
            continue;
        char names[1024]; /* the short name is a name too (ingest, audit), once */
        tf_fmt(names, sizeof names, ";%s;", cell(t, i, ca));
        char item[128];
        tf_fmt(item, sizeof item, ";%s;", p->short_zh);
        if (p->short_zh[0] && !strstr(names, item))
            tf_fmt(names + strlen(names), sizeof names - strlen(names), "%s", p->short_zh);
        if (split_names(r, names, &p->aliases, &p->n_aliases))
            return TF_ERR_NOMEM;
        int slot = code_slot(p->gacc_code);
        if (slot >= 0)
            r->by_gacc[slot] = p;
        r->by_iso3[r->n_partners] = p;
        r->n_partners++;
    }
    qsort(r->by_iso3, r->n_partners, sizeof *r->by_iso3, cmp_iso3);
    return TF_OK;
}

static tf_status load_trade_modes(tf_refdata *r, const table *t)
{
    r->modes = calloc(t->nrows ? t->nrows : 1, sizeof *r->modes);
    if (!r->modes)
        return TF_ERR_NOMEM;
    int cc = table_col(t, "code"), ce = table_col(t, "name_en"), cz = table_col(t, "name_zh"),
        cg = table_col(t, "group");
    for (size_t i = 0; i < t->nrows; i++) {
        tf_trade_mode *m = &r->modes[r->n_modes++];
        m->code = cell(t, i, cc);
        m->name_en = cell(t, i, ce);
        m->name_zh = cell(t, i, cz);
        m->group = cell(t, i, cg);
        int slot = code_slot(m->code);
        if (slot >= 0)
            r->mode_by_code[slot] = m;
    }
    return TF_OK;
}

static tf_status load_provinces(tf_refdata *r, const table *t)
{
    r->provinces = calloc(t->nrows ? t->nrows : 1, sizeof *r->provinces);
    if (!r->provinces)
        return TF_ERR_NOMEM;
    int cc = table_col(t, "code"), ce = table_col(t, "name_en"), cz = table_col(t, "name_zh");
    for (size_t i = 0; i < t->nrows; i++) {
        tf_province *p = &r->provinces[r->n_provinces++];
        p->code = cell(t, i, cc);
        p->name_en = cell(t, i, ce);
        p->name_zh = cell(t, i, cz);
        int slot = code_slot(p->code);
        if (slot >= 0)
            r->prov_by_code[slot] = p;
    }
    return TF_OK;
}

static tf_status load_window_params(tf_refdata *r, const table *t)
{
    return add_window_params(r, t, "window-params.csv", NULL, 0);
}

static tf_status load_areas(tf_refdata *r, const table *t)
{
    r->areas = calloc(t->nrows ? t->nrows : 1, sizeof *r->areas);
    if (!r->areas)
        return TF_ERR_NOMEM;
    int cm = table_col(t, "m49"), ci = table_col(t, "iso3"), cp = table_col(t, "partner"),
        cg = table_col(t, "gacc_code"), ce = table_col(t, "name_en"), ck = table_col(t, "kind"),
        cn = table_col(t, "note");
    for (size_t i = 0; i < t->nrows; i++) {
        tf_area *a = &r->areas[r->n_areas++];
        a->m49 = cell(t, i, cm);
        a->iso3 = cell(t, i, ci);
        a->partner = cell(t, i, cp);
        a->gacc_code = cell(t, i, cg);
        a->name_en = cell(t, i, ce);
        a->kind = cell(t, i, ck);
        a->note = cn >= 0 ? cell(t, i, cn) : "";
        int slot = code_slot(a->m49);
        if (slot >= 0)
            r->area_by_m49[slot] = a;
    }
    return TF_OK;
}

/* One embedded table read and handed to its loader. */
static tf_status load_embedded(tf_refdata *r, const unsigned char *data, size_t len,
                               const char *name, tf_status (*load)(tf_refdata *, const table *))
{
    table t;
    tf_status st = table_embedded(r, data, len, name, &t);
    if (st)
        return st;
    st = load(r, &t);
    table_free(&t);
    return st;
}

tf_status tf_refdata_open(tf_refdata **out)
{
    *out = NULL;
    tf_refdata *r = calloc(1, sizeof *r);
    if (!r)
        return TF_ERR_NOMEM;
    tf_status st;
    if ((st = load_embedded(r, tf_data_products, tf_data_products_len, "products.csv",
                            load_products)) ||
        (st = load_embedded(r, tf_data_partners, tf_data_partners_len, "partners.csv",
                            load_partners)) ||
        (st = load_embedded(r, tf_data_trade_modes, tf_data_trade_modes_len, "trade-modes.csv",
                            load_trade_modes)) ||
        (st = load_embedded(r, tf_data_provinces, tf_data_provinces_len, "provinces.csv",
                            load_provinces)) ||
        (st = load_embedded(r, tf_data_window_params, tf_data_window_params_len,
                            "window-params.csv", load_window_params)) ||
        (st = builtin_crosswalk(r))) {
        tf_refdata_free(&r);
        return st;
    }
    *out = r;
    return TF_OK;
}

void tf_refdata_free(tf_refdata **ref)
{
    if (!ref || !*ref)
        return;
    tf_refdata *r = *ref;
    for (size_t i = 0; i < r->n_products; i++) {
        free((void *)r->products[i].codes);
        free((void *)r->products[i].aliases);
    }
    free(r->products);
    for (size_t i = 0; i < r->n_partners; i++)
        free((void *)r->partners[i].aliases);
    free(r->partners);
    free(r->by_iso3);
    free(r->modes);
    free(r->provinces);
    free(r->wparams);
    free(r->areas);
    free(r->pairs);
    for (size_t i = 0; i < r->n_strings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r);
    *ref = NULL;
}

tf_status tf_refdata_add_products(tf_refdata *ref, const char *path, tf_error *err)
{
    table t;
    tf_status st = table_file(ref, path, &t, err);
    if (st != TF_OK)
        return st;
    st = add_products(ref, &t, path, err);
    table_free(&t);
    return st;
}

size_t tf_refdata_product_count(const tf_refdata *ref) { return ref->n_products; }

const tf_product *tf_refdata_product_at(const tf_refdata *ref, size_t i)
{
    return i < ref->n_products ? &ref->products[i] : NULL;
}

const tf_product *tf_refdata_product(const tf_refdata *ref, const char *name)
{
    for (size_t i = 0; i < ref->n_products; i++)
        if (strcmp(ref->products[i].name, name) == 0)
            return &ref->products[i];
    return NULL;
}

const tf_partner *tf_refdata_partner_by_gacc(const tf_refdata *ref, const char *code)
{
    int slot = code_slot(code);
    return slot >= 0 ? ref->by_gacc[slot] : NULL;
}

const tf_partner *tf_refdata_partner_by_iso3(const tf_refdata *ref, const char *iso3)
{
    tf_partner key = {0};
    key.iso3 = iso3;
    const tf_partner *kp = &key;
    const tf_partner **hit =
        bsearch(&kp, ref->by_iso3, ref->n_partners, sizeof *ref->by_iso3, cmp_iso3);
    return hit ? *hit : NULL;
}

const tf_trade_mode *tf_refdata_trade_mode(const tf_refdata *ref, const char *code)
{
    int slot = code_slot(code);
    return slot >= 0 ? ref->mode_by_code[slot] : NULL;
}

const tf_province *tf_refdata_province(const tf_refdata *ref, const char *code)
{
    int slot = code_slot(code);
    return slot >= 0 ? ref->prov_by_code[slot] : NULL;
}

size_t tf_refdata_window_param_count(const tf_refdata *ref) { return ref->n_wparams; }

const tf_window_param *tf_refdata_window_param_at(const tf_refdata *ref, size_t i)
{
    return i < ref->n_wparams ? &ref->wparams[i] : NULL;
}

/* ref with the Comtrade areas read: only the Comtrade reader, fetch and
 * mirror use them, so they are parsed at the first use rather than in every
 * command's start-up (tf_refdata_open). Thread-safe. Out of memory, the list
 * stays empty (the table itself is built in and checked by the tests). */
static const tf_refdata *areas_of(const tf_refdata *ref)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    tf_refdata *r = (tf_refdata *)ref; /* the areas are a cache of built-in data */
    pthread_mutex_lock(&lock);
    if (!r->areas_read) {
        r->areas_read = 1;
        if (load_embedded(r, tf_data_comtrade_areas, tf_data_comtrade_areas_len,
                          "comtrade-areas.csv", load_areas) != TF_OK) {
            free(r->areas);
            r->areas = NULL;
            r->n_areas = 0;
            memset(r->area_by_m49, 0, sizeof r->area_by_m49);
        }
    }
    pthread_mutex_unlock(&lock);
    return ref;
}

const tf_area *tf_refdata_area_by_m49(const tf_refdata *ref, const char *code)
{
    ref = areas_of(ref);
    /* Comtrade writes codes without leading zeros; "004" is accepted too. */
    while (code[0] == '0' && code[1])
        code++;
    int slot = code_slot(code);
    return slot >= 0 ? ref->area_by_m49[slot] : NULL;
}

const tf_area *tf_refdata_area_by_partner(const tf_refdata *ref, const char *partner)
{
    if (strncmp(partner, "M49:", 4) == 0)
        return tf_refdata_area_by_m49(ref, partner + 4);
    ref = areas_of(ref);
    for (size_t i = 0; i < ref->n_areas; i++)
        if (strcmp(ref->areas[i].partner, partner) == 0 && strcmp(ref->areas[i].kind, "country") == 0)
            return &ref->areas[i];
    return NULL;
}

/* ASCII case-insensitive comparison of a name with surrounding spaces ignored. */
static int same_name(const char *name, const char *want)
{
    size_t n = strlen(want);
    const char *w = tf_trim(want, &n);
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)name[i]) != tolower((unsigned char)w[i]))
            return 0;
    return 1;
}

static int in_names(const char *const *names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (same_name(names[i], want))
            return 1;
    return 0;
}

const char *tf_product_display_name(const tf_product *p, const char *lang)
{
    int zh = lang && strcmp(lang, "zh") == 0;
    const char *first = zh ? p->name_zh : p->name_en, *second = zh ? p->name_en : p->name_zh;
    if (first && first[0])
        return first;
    if (second && second[0])
        return second;
    return p->name;
}

const tf_product *tf_refdata_product_by_name(const tf_refdata *ref, const char *name)
{
    for (size_t i = 0; i < ref->n_products; i++) {
        const tf_product *p = &ref->products[i];
        if (same_name(p->name, name) || (p->name_en && same_name(p->name_en, name)) ||
            (p->name_zh && same_name(p->name_zh, name)) ||
            in_names(p->aliases, p->n_aliases, name))
            return p;
    }
    return NULL;
}

const tf_partner *tf_refdata_partner_by_name(const tf_refdata *ref, const char *name)
{
    for (size_t i = 0; i < ref->n_partners; i++) {
        const tf_partner *p = &ref->partners[i];
        if (same_name(p->name_en, name) || same_name(p->name_zh, name) ||
            in_names(p->aliases, p->n_aliases, name))
            return p;
    }
    return NULL;
}

size_t tf_refdata_partner_count(const tf_refdata *ref) { return ref->n_partners; }

const tf_partner *tf_refdata_partner_at(const tf_refdata *ref, size_t i)
{
    return i < ref->n_partners ? &ref->partners[i] : NULL;
}

size_t tf_refdata_area_count(const tf_refdata *ref) { return ref ? areas_of(ref)->n_areas : 0; }

const tf_area *tf_refdata_area_at(const tf_refdata *ref, size_t i)
{
    return ref && i < areas_of(ref)->n_areas ? &ref->areas[i] : NULL;
}
