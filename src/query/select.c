/*
 * Which stored rows a request selects: the classification family and the
 * choice of one classification per flow and period. Rules and sources:
 * include/tradeflow/query.h.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"

#include "tradeflow/query.h"

/* UN Comtrade's HS editions (H0 1988/92 .. H6 2022) beside plain "HS". */
static const char *const hs_family[] = {"HS", "H0", "H1", "H2", "H3", "H4", "H5", "H6"};

size_t tf_query_classes(const char *classification, const char *const **out)
{
    if (!classification || !strcmp(classification, "HS")) {
        *out = hs_family;
        return sizeof hs_family / sizeof hs_family[0];
    }
    for (size_t i = 1; i < sizeof hs_family / sizeof hs_family[0]; i++)
        if (!strcmp(classification, hs_family[i])) {
            *out = &hs_family[i];
            return 1;
        }
    *out = NULL; /* another classification (S4, TOTAL, ...): itself */
    return 1;
}

/* A caller's callback behind the currency filter of tf_query_select. */
typedef struct in_currency {
    const char *currency;
    tf_status (*fn)(void *ctx, const tf_revision *rev);
    void *ctx;
} in_currency;

static tf_status currency_filter(void *ctx, const tf_revision *rev)
{
    const in_currency *f = ctx;
    if (rev->rec.currency[0] && strcmp(rev->rec.currency, f->currency) != 0)
        return TF_OK;
    return f->fn(f->ctx, rev);
}

tf_status tf_query_select(tf_db *db, const tf_selection *sel,
                          tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    const char *const *classes;
    size_t n = tf_query_classes(sel->classification, &classes);
    tf_selection s = *sel;
    if (!s.reporter)
        s.reporter = "CHN";
    in_currency filter = {sel->currency, fn, ctx};
    if (sel->currency && sel->currency[0]) {
        fn = currency_filter;
        ctx = &filter;
    }
    tf_status st = TF_OK;
    for (size_t k = 0; k < n && st == TF_OK; k++) {
        s.classification = classes ? classes[k] : sel->classification;
        st = tf_db_select(db, &s, fn, ctx);
    }
    return st;
}

/* Records per currency (at most four kinds are told apart). */
typedef struct ccy_count {
    char code[4][4];
    long long rows[4];
    int n;
} ccy_count;

static void count_ccy(void *ctx, const char *currency, long long rows)
{
    ccy_count *c = ctx;
    int i = 0;
    while (i < c->n && strcmp(c->code[i], currency) != 0)
        i++;
    if (i == c->n) {
        if (c->n == 4)
            return;
        tf_scopy(c->code[c->n++], sizeof c->code[0], currency);
    }
    c->rows[i] += rows;
}

/* The notes of a currency choice: want absent from the data, or the others. */
static void currency_notes(const ccy_count *cc, int best, const char *want, const char *out,
                           void (*note)(void *ctx, const char *text), void *ctx)
{
    char text[512];
    if (want) {
        for (int i = 0; i < cc->n; i++)
            if (!strcmp(cc->code[i], out))
                return;
        if (cc->n) {
            tf_fmt(text, sizeof text, "no records in %s: the data has values in %s "
                   "(--currency %s)", out, cc->code[best], cc->code[best]);
            note(ctx, text);
        }
        return;
    }
    for (int i = 0; i < cc->n; i++) {
        if (i == best)
            continue;
        tf_fmt(text, sizeof text, "the data values this trade in %s (%lld record%s) and in %s "
               "(%lld record%s): figures are from the %s records, never the two added "
               "(--currency %s for the other)", cc->code[best], cc->rows[best],
               cc->rows[best] == 1 ? "" : "s", cc->code[i], cc->rows[i],
               cc->rows[i] == 1 ? "" : "s", cc->code[best], cc->code[i]);
        note(ctx, text);
    }
}

/* Records per currency of the selection over the classifications it reads. */
static tf_status currency_counts(tf_db *db, const tf_selection *sel, ccy_count *cc)
{
    const char *const *classes; /* the classifications the selection reads */
    size_t n_classes = tf_query_classes(sel->classification, &classes);
    for (size_t k = 0; k < n_classes; k++) {
        tf_selection s = *sel;
        s.classification = classes ? classes[k] : sel->classification;
        if (!s.reporter)
            s.reporter = "CHN";
        tf_status st = tf_db_currency_rows(db, &s, count_ccy, cc);
        if (st != TF_OK)
            return st;
    }
    return TF_OK;
}

/* 1 when code i of the selection is covered by another of its codes: a
 * shorter prefix of it (760110 covers 76011010) or the same code listed
 * before, so that its stored records are already counted. */
static int code_covered(const tf_selection *sel, size_t i)
{
    const char *c = sel->codes[i];
    for (size_t j = 0; j < sel->n_codes; j++) {
        size_t len = strlen(sel->codes[j]);
        if (j != i && strncmp(c, sel->codes[j], len) == 0 && (c[len] != '\0' || j < i))
            return 1;
    }
    return 0;
}

/* The selection's codes that no other of its codes covers, in their order:
 * each stored record is counted once (a product lists its HS8 codes and their
 * HS6, data/products.csv). codes has room for sel->n_codes. */
static tf_selection uncovered_codes(const tf_selection *sel, const char **codes)
{
    tf_selection s = *sel;
    s.n_codes = 0;
    for (size_t i = 0; i < sel->n_codes; i++)
        if (!code_covered(sel, i))
            codes[s.n_codes++] = sel->codes[i];
    s.codes = codes;
    return s;
}

tf_status tf_query_currency(tf_db *db, const tf_selection *sel, const char *want, char out[4],
                            int *found, void (*note)(void *ctx, const char *text), void *ctx)
{
    ccy_count cc = {0};
    const char **codes = malloc((sel->n_codes ? sel->n_codes : 1) * sizeof *codes);
    if (!codes)
        return TF_ERR_NOMEM;
    tf_selection once = uncovered_codes(sel, codes);
    tf_status st = currency_counts(db, &once, &cc);
    free(codes);
    if (st != TF_OK)
        return st;
    out[0] = '\0';
    int best = -1;
    for (int i = 0; i < cc.n; i++)
        if (best < 0 || cc.rows[i] > cc.rows[best] ||
            (cc.rows[i] == cc.rows[best] && strcmp(cc.code[i], cc.code[best]) < 0))
            best = i;
    if (want)
        tf_scopy(out, 4, want);
    else if (best >= 0)
        tf_scopy(out, 4, cc.code[best]);
    if (found) {
        *found = 0;
        for (int i = 0; i < cc.n; i++)
            *found |= !strcmp(cc.code[i], out);
    }
    if (note && best >= 0)
        currency_notes(&cc, best, want, out, note, ctx);
    return TF_OK;
}

int tf_query_class_preferred(const char *want, const char *pick, const char *cls)
{
    if (!want)
        want = "HS";
    if (!pick)
        return 1;
    if (!strcmp(pick, want))
        return 0;
    return !strcmp(cls, want) || strcmp(cls, pick) > 0;
}

tf_status tf_query_codes_check(const char *const *codes, size_t n, int allow_total,
                               const char **bad)
{
    *bad = NULL;
    if (n == 0)
        return TF_ERR_USAGE;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(codes[i]);
        int digits = len >= 1 && len <= 12 && strspn(codes[i], "0123456789") == len;
        if (!digits && !(allow_total && !strcmp(codes[i], "TOTAL"))) {
            *bad = codes[i];
            return TF_ERR_USAGE;
        }
    }
    return TF_OK;
}

int tf_query_classification_valid(const char *c)
{
    size_t len = c ? strlen(c) : 0;
    return len >= 1 && len <= 7 && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == len;
}

typedef struct period_set {
    char (*p)[TF_PERIOD_LEN];
    size_t n, cap;
} period_set;

static tf_status add_period(void *ctx, const tf_revision *v)
{
    period_set *s = ctx;
    const tf_record *r = &v->rec;
    if (r->flow != TF_FLOW_IMPORT && r->flow != TF_FLOW_EXPORT)
        return TF_OK;
    if (s->n && strcmp(s->p[s->n - 1], r->period) == 0) /* rows come by cell: often repeated */
        return TF_OK;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        char(*np)[TF_PERIOD_LEN] = realloc(s->p, nc * sizeof *np);
        if (!np)
            return TF_ERR_NOMEM;
        s->p = np;
        s->cap = nc;
    }
    tf_scopy(s->p[s->n++], TF_PERIOD_LEN, r->period);
    return TF_OK;
}

static int cmp_period(const void *a, const void *b) { return strcmp(a, b); }

tf_status tf_query_periods(tf_db *db, const tf_selection *sel, char (**out)[TF_PERIOD_LEN],
                           size_t *n)
{
    *out = NULL;
    *n = 0;
    period_set s = {0};
    tf_selection all = *sel;
    all.period_from = all.period_to = NULL;
    all.flow = TF_FLOW_NONE;
    tf_status st = tf_query_select(db, &all, add_period, &s);
    if (st != TF_OK) {
        free(s.p);
        return st;
    }
    if (s.n)
        qsort(s.p, s.n, sizeof *s.p, cmp_period);
    size_t k = 0;
    for (size_t i = 0; i < s.n; i++)
        if (k == 0 || strcmp(s.p[k - 1], s.p[i]) != 0)
            memmove(s.p[k++], s.p[i], TF_PERIOD_LEN);
    *out = s.p;
    *n = k;
    return TF_OK;
}

int tf_query_period_held(char (*p)[TF_PERIOD_LEN], size_t n, const char *period)
{
    for (size_t i = 0; i < n; i++) {
        const char *dots = strstr(p[i], "..");
        if (!strcmp(p[i], period) ||
            (dots && strncmp(p[i], period, 7) <= 0 && strncmp(dots + 2, period, 7) >= 0) ||
            (strlen(period) == 4 && strncmp(p[i], period, 4) == 0))
            return 1;
    }
    return 0;
}

int tf_query_report_from(const char *period, char from[8])
{
    size_t len = period ? strlen(period) : 0;
    char canon[8];
    if ((len != 4 && len != 7) || tf_period_parse(period, len, canon) != TF_OK)
        return -1;
    int year = (int)strtol(canon, NULL, 10);
    if (len == 4)
        tf_fmt(from, 8, "%04d", year - 1);
    else
        tf_period_from_index((year - 1) * 12, from); /* January of the previous year */
    return 0;
}
