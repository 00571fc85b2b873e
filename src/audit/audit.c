/*
 * The audit: notes in, claims extracted, equations checked, findings out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "audit_int.h"

size_t tf_audit_add_claim(tf_audit *a, const tf_claim *c)
{
    if ((a->n_claims & (a->n_claims - 1)) == 0) { /* 0, 1, 2, 4, ...: grow */
        size_t nc = a->n_claims ? a->n_claims * 2 : 16;
        if (nc < 16)
            nc = 16;
        tf_claim *n = realloc(a->claims, nc * sizeof *n);
        if (!n)
            return (size_t)-1;
        a->claims = n;
    }
    a->claims[a->n_claims] = *c;
    return a->n_claims++;
}

int tf_audit_add_finding(tf_audit *a, const tf_finding *f)
{
    if ((a->n_findings & (a->n_findings - 1)) == 0) {
        size_t nc = a->n_findings ? a->n_findings * 2 : 16;
        if (nc < 16)
            nc = 16;
        tf_finding *n = realloc(a->findings, nc * sizeof *n);
        if (!n)
            return -1;
        a->findings = n;
    }
    a->findings[a->n_findings++] = *f;
    return 0;
}

int tf_audit_slip_claim(tf_audit *a, tf_claim *cl, const char *unit, const char *kind,
                        const char *field, tf_finding *f)
{
    cl->metric = TF_METRIC_OTHER;
    tf_scopy(cl->partner, sizeof cl->partner, "WLD");
    tf_scopy(cl->unit, sizeof cl->unit, unit);
    size_t ci = tf_audit_add_claim(a, cl);
    if (ci == (size_t)-1)
        return -1;
    memset(f, 0, sizeof *f);
    f->note = cl->note;
    f->severity = TF_SEV_ERROR;
    tf_scopy(f->kind, sizeof f->kind, kind);
    tf_scopy(f->field, sizeof f->field, field);
    f->claim = ci;
    return 0;
}

size_t tf_audit_errors(const tf_audit *a)
{
    size_t n = 0;
    for (size_t i = 0; a && i < a->n_findings; i++)
        if (a->findings[i].severity == TF_SEV_ERROR)
            n++;
    return n;
}

void tf_audit_free(tf_audit **ap)
{
    if (!ap || !*ap)
        return;
    tf_audit *a = *ap;
    for (size_t i = 0; i < a->n_notes; i++)
        tf_note_clear(&a->notes[i]);
    free(a->notes);
    free(a->claims);
    free(a->findings);
    free(a);
    *ap = NULL;
}

/* Findings in file order, errors first within a span. */
static int cmp_finding(const void *x, const void *y)
{
    const tf_finding *a = x, *b = y;
    if (a->note != b->note)
        return a->note < b->note ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (int)b->severity - (int)a->severity;
}

/* One finding per slip: of two findings (sorted) on the same figure with the same kind,
 * severity and proposed text (a figure two checks blame, e.g. a quantity in a unit value
 * and in a year-to-date chain), the one of higher confidence is kept. */
static void drop_repeated(tf_audit *a)
{
    size_t o = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        tf_finding *f = &a->findings[i], *g = o ? &a->findings[o - 1] : NULL;
        if (g && g->note == f->note && g->start == f->start && g->end == f->end &&
            g->severity == f->severity && !strcmp(g->kind, f->kind) &&
            g->has_proposed && f->has_proposed && !strcmp(g->proposed_text, f->proposed_text)) {
            if (f->confidence > g->confidence)
                *g = *f;
            continue;
        }
        a->findings[o++] = *f;
    }
    a->n_findings = o;
}

tf_status tf_audit_run(const char *const *paths, size_t n, const tf_audit_opts *opts,
                       tf_audit **out, tf_error *err)
{
    *out = NULL;
    tf_audit *a = calloc(1, sizeof *a);
    if (!a)
        return TF_ERR_NOMEM;
    a->notes = calloc(n ? n : 1, sizeof *a->notes);
    if (!a->notes) {
        free(a);
        return TF_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        tf_status st = tf_note_read(paths[i], &a->notes[i], err);
        if (st) {
            tf_audit_free(&a);
            return st;
        }
        a->n_notes++;
    }
    tf_status st = tf_audit_extract(a, opts);
    if (!st)
        st = tf_audit_check(a, opts);
    if (st) {
        const tf_error *de = opts && opts->db ? tf_db_error(opts->db) : NULL;
        if (st == TF_ERR_DB && err && de && de->status != TF_OK && de->msg[0])
            *err = *de; /* the store's own message names the file and the fault */
        else if (st == TF_ERR_DB)
            tf_error_set(err, st, "database error while reading stored figures");
        tf_audit_free(&a);
        return st;
    }
    if (a->n_findings > 1)
        qsort(a->findings, a->n_findings, sizeof *a->findings, cmp_finding);
    drop_repeated(a);
    *out = a;
    return TF_OK;
}

const char *tf_audit_conversion_kind(int p)
{
    return !p ? "inconsistent" : abs(p) == 1 ? "factor-of-10"
                               : abs(p) == 2 ? "factor-of-100" : "factor-of-1000";
}

void tf_audit_conversion_explain(tf_finding *f, double rate, int p)
{
    f->confidence = p ? 0.75 : 0.5;
    tf_fmt(f->equation, sizeof f->equation,
           "yuan / dollars of a conversion = the exchange rate: %.3g, outside %.1f..%.1f", rate,
           TF_CNY_PER_USD_MIN, TF_CNY_PER_USD_MAX);
    tf_fmt(f->evidence, sizeof f->evidence,
           "the sum in yuan and its conversion in dollars imply %.3g yuan per dollar, where "
           "the rate has stayed between 6.0 and 8.3 since 1994%s", rate,
           p ? "; the decimal point moved brings it within" : "");
}
