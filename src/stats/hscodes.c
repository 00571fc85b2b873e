/* Per-code figures across an HS edition change (include/tradeflow/hscodes.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/hscodes.h"
#include "tradeflow/query.h"
#include "../common/util.h"

/* A code of the selection as found in the two periods. */
typedef struct found {
    char code[16];
    int now, before;          /* rows in the period, a year before */
    int pair;                 /* the crosswalk pair it falls under, or -1 */
} found;

typedef struct collect {
    found *f;
    size_t n, cap;
    tf_flow flow;
    int in_now;
    char cls_now[8], cls_before[8];
} collect;

static tf_status take(void *ctx, const tf_revision *v)
{
    collect *c = ctx;
    const tf_record *r = &v->rec;
    if (r->flow != c->flow || tf_period_is_range(r->period) || tf_record_is_breakdown(r))
        return TF_OK;
    char *cls = c->in_now ? c->cls_now : c->cls_before;
    if (!cls[0])
        tf_scopy(cls, 8, r->classification);
    size_t i = 0;
    while (i < c->n && strcmp(c->f[i].code, r->commodity) != 0)
        i++;
    if (i == c->n) {
        if (c->n == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 16;
            found *p = realloc(c->f, nc * sizeof *p);
            if (!p)
                return TF_ERR_NOMEM;
            c->f = p;
            c->cap = nc;
        }
        memset(&c->f[c->n], 0, sizeof *c->f);
        tf_scopy(c->f[c->n].code, sizeof c->f[c->n].code, r->commodity);
        c->f[c->n].pair = -1;
        c->n++;
    }
    if (c->in_now)
        c->f[i].now = 1;
    else
        c->f[i].before = 1;
    return TF_OK;
}

/* The period a year before: "2021-04" of "2022-04", "2021" of "2022"; 0 if bad. */
static int year_before(const char *p, char out[8])
{
    size_t n = strlen(p);
    if ((n != 4 && n != 7) || tf_period_parse(p, n, out) != TF_OK)
        return 0;
    int y = (int)strtol(p, NULL, 10) - 1;
    if (n == 4)
        tf_fmt(out, 8, "%04d", y);
    else
        tf_fmt(out, 8, "%04d%s", y, p + 4);
    return 1;
}

/* 1 when one code begins the other (a code stands for every code it begins). */
static int code_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return strncmp(a, b, la < lb ? la : lb) == 0;
}

/* 1 when the selection's codes (prefixes) hold code. */
static int selected(const tf_query *q, const char *code)
{
    for (size_t i = 0; i < q->n_codes; i++)
        if (strncmp(code, q->codes[i], strlen(q->codes[i])) == 0)
            return 1;
    return 0;
}

/* The flow's figures of a report over codes in period; measure fixed. */
static tf_status figures(tf_db *db, const tf_refdata *ref, const tf_query *q,
                         const char *const *codes, size_t n, const char *period, tf_flow flow,
                         tf_flow_figures *out)
{
    tf_query s = *q;
    s.codes = codes;
    s.n_codes = n;
    s.period = period;
    tf_report *r = NULL;
    tf_status st = tf_report_compute(db, ref, &s, &r);
    if (st == TF_OK)
        *out = flow == TF_FLOW_IMPORT ? r->import : r->export;
    tf_report_free(&r);
    return st;
}

/* The pair (of editions before -> now) whose code matches most closely on the
 * side the code is found on (new side when only in the period); -1 if none. */
static int find_pair(const tf_refdata *ref, const char *code, int new_side, int eb, int en)
{
    int best = -1;
    size_t best_len = 0;
    char e1[8], e2[8];
    tf_fmt(e1, sizeof e1, "HS%d", eb);
    tf_fmt(e2, sizeof e2, "HS%d", en);
    for (size_t i = 0; i < tf_refdata_crosswalk_count(ref); i++) {
        const tf_hs_pair *p = tf_refdata_crosswalk_at(ref, i);
        const char *pc = new_side ? p->new_code : p->old_code;
        if (strcmp(p->old_edition, e1) || strcmp(p->new_edition, e2) || !code_match(code, pc))
            continue;
        if (best < 0 || strlen(pc) > best_len) {
            best = (int)i;
            best_len = strlen(pc);
        }
    }
    return best;
}

/* Append code to a "+"-joined list unless there. */
static void list_add(char *list, size_t len, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
        if ((p == list || p[-1] == '+') && (p[n] == '+' || p[n] == '\0'))
            return;
    size_t at = strlen(list);
    tf_fmt(list + at, len - at, "%s%s", at ? "+" : "", code);
}

/* Split a "+"-joined list into codes (pointers into buf). */
static size_t list_split(const char *list, char *buf, size_t len, const char **v, size_t max)
{
    tf_scopy(buf, len, list);
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, "+", &save); t && n < max; t = strtok_r(NULL, "+", &save))
        v[n++] = t;
    return n;
}

/* The group of pair p0: every pair of the same editions linked to it through a
 * shared old or new code, its old and new codes joined with "+". */
static void group_of(const tf_refdata *ref, int p0, tf_code_group *g)
{
    memset(g, 0, sizeof *g);
    const tf_hs_pair *a = tf_refdata_crosswalk_at(ref, (size_t)p0);
    tf_scopy(g->source, sizeof g->source, a->source);
    list_add(g->old_codes, sizeof g->old_codes, a->old_code);
    list_add(g->new_codes, sizeof g->new_codes, a->new_code);
    size_t before;
    do { /* grow until no pair adds a code */
        before = strlen(g->old_codes) + strlen(g->new_codes);
        for (size_t i = 0; i < tf_refdata_crosswalk_count(ref); i++) {
            const tf_hs_pair *p = tf_refdata_crosswalk_at(ref, i);
            if (strcmp(p->old_edition, a->old_edition) || strcmp(p->new_edition, a->new_edition))
                continue;
            char o[TF_CODE_LIST + 2], n[TF_CODE_LIST + 2];
            tf_fmt(o, sizeof o, "+%s+", g->old_codes);
            tf_fmt(n, sizeof n, "+%s+", g->new_codes);
            char po[24], pn[24];
            tf_fmt(po, sizeof po, "+%s+", p->old_code);
            tf_fmt(pn, sizeof pn, "+%s+", p->new_code);
            if (strstr(o, po) || strstr(n, pn)) {
                list_add(g->old_codes, sizeof g->old_codes, p->old_code);
                list_add(g->new_codes, sizeof g->new_codes, p->new_code);
            }
        }
    } while (strlen(g->old_codes) + strlen(g->new_codes) != before);
    /* the same group whatever pair it is reached from: codes in the file's order */
    char o[TF_CODE_LIST + 2];
    tf_fmt(o, sizeof o, "+%s+", g->old_codes);
    g->old_codes[0] = g->new_codes[0] = '\0';
    for (size_t i = 0; i < tf_refdata_crosswalk_count(ref); i++) {
        const tf_hs_pair *p = tf_refdata_crosswalk_at(ref, i);
        char po[24];
        tf_fmt(po, sizeof po, "+%s+", p->old_code);
        if (!strcmp(p->old_edition, a->old_edition) && !strcmp(p->new_edition, a->new_edition) &&
            strstr(o, po)) {
            list_add(g->old_codes, sizeof g->old_codes, p->old_code);
            list_add(g->new_codes, sizeof g->new_codes, p->new_code);
        }
    }
}

/* The group's figures, or the codes of it the selection leaves out. */
static tf_status group_figures(tf_db *db, const tf_refdata *ref, const tf_query *q,
                               tf_code_changes *c, tf_code_group *g)
{
    char bo[TF_CODE_LIST], bn[TF_CODE_LIST];
    const char *oc[64], *nc[64];
    size_t no = list_split(g->old_codes, bo, sizeof bo, oc, 64),
           nn = list_split(g->new_codes, bn, sizeof bn, nc, 64);
    for (size_t i = 0; i < no + nn; i++) {
        const char *code = i < no ? oc[i] : nc[i - no];
        if (!selected(q, code))
            list_add(g->outside, sizeof g->outside, code);
    }
    if (g->outside[0])
        return TF_OK;
    tf_flow_figures f;
    tf_status st = figures(db, ref, q, nc, nn, c->period, c->flow, &f);
    if (st == TF_OK) {
        g->now = f.quantity;
        st = figures(db, ref, q, oc, no, c->before, c->flow, &f);
    }
    if (st == TF_OK) {
        g->before = f.quantity;
        g->yoy_pct = tf_pct_change(g->now, g->before);
    }
    return st;
}

/* The index of the group of pair p (added when new), or -1 out of memory. */
static int group_index(const tf_refdata *ref, tf_code_changes *c, int p)
{
    tf_code_group g;
    group_of(ref, p, &g);
    for (size_t i = 0; i < c->n_groups; i++)
        if (!strcmp(c->groups[i].old_codes, g.old_codes) &&
            !strcmp(c->groups[i].new_codes, g.new_codes))
            return (int)i;
    tf_code_group *np = realloc(c->groups, (c->n_groups + 1) * sizeof *np);
    if (!np)
        return -1;
    c->groups = np;
    c->groups[c->n_groups] = g;
    return (int)c->n_groups++;
}

/* One code's figures, and its reason when the edition changed under it. */
static tf_status code_row(tf_db *db, const tf_refdata *ref, const tf_query *q,
                          tf_code_changes *c, const found *f, tf_code_yoy *row)
{
    memset(row, 0, sizeof *row);
    row->group = -1;
    tf_scopy(row->code, sizeof row->code, f->code);
    const char *one[1] = {f->code};
    tf_flow_figures fig;
    tf_status st = figures(db, ref, q, one, 1, c->period, c->flow, &fig);
    if (st != TF_OK)
        return st;
    row->now = fig.quantity;
    row->before = fig.year_ago;
    row->yoy_pct = fig.yoy_pct;
    if (c->edition_now == c->edition_before || (f->now && f->before))
        return TF_OK; /* the same edition, or the code in both: a plain YoY */
    row->yoy_pct.has = 0;
    int p = find_pair(ref, f->code, f->now, c->edition_before, c->edition_now);
    if (p < 0) {
        /* unknown to the crosswalk: a changed code only when the other period has
         * rows of the selection at all (else the period is just missing) */
        if (f->now ? c->any_before : c->any_now)
            tf_fmt(row->reason, sizeof row->reason,
                   "no value: not in the HS%d data %s and no pair in the crosswalk: a code "
                   "HS%d changed has no counterpart until its pair is added "
                   "(docs/hs-crosswalk.md)", f->now ? c->edition_before : c->edition_now,
                   f->now ? "a year before" : "of the period", c->edition_now);
        else
            row->yoy_pct = fig.yoy_pct;
        return TF_OK;
    }
    if ((row->group = group_index(ref, c, p)) < 0)
        return TF_ERR_NOMEM;
    const tf_code_group *g = &c->groups[row->group];
    tf_fmt(row->reason, sizeof row->reason,
           "no value: code changed with HS%d (HS%d %s became HS%d %s)", c->edition_now,
           c->edition_before, g->old_codes, c->edition_now, g->new_codes);
    return TF_OK;
}

int tf_hs_partial_group(const tf_refdata *ref, const char *const *codes, size_t n, int eb,
                        int en, char *buf, size_t len)
{
    tf_query q;
    memset(&q, 0, sizeof q);
    q.codes = codes;
    q.n_codes = n;
    char e1[8], e2[8];
    tf_fmt(e1, sizeof e1, "HS%d", eb);
    tf_fmt(e2, sizeof e2, "HS%d", en);
    for (size_t i = 0; eb != en && i < tf_refdata_crosswalk_count(ref); i++) {
        const tf_hs_pair *p = tf_refdata_crosswalk_at(ref, i);
        if (strcmp(p->old_edition, e1) || strcmp(p->new_edition, e2))
            continue;
        int in = selected(&q, p->old_code) + selected(&q, p->new_code);
        tf_code_group g;
        group_of(ref, (int)i, &g);
        char bo[TF_CODE_LIST], bn[TF_CODE_LIST];
        const char *oc[64], *nc[64];
        size_t no = list_split(g.old_codes, bo, sizeof bo, oc, 64),
               nn = list_split(g.new_codes, bn, sizeof bn, nc, 64), k = 0;
        for (size_t j = 0; j < no + nn; j++)
            k += (size_t)selected(&q, j < no ? oc[j] : nc[j - no]);
        if (in && k < no + nn) {
            tf_fmt(buf, len, "HS%d %s became HS%d %s", eb, g.old_codes, en, g.new_codes);
            return 1;
        }
    }
    return 0;
}

static int cmp_found(const void *a, const void *b)
{
    return strcmp(((const found *)a)->code, ((const found *)b)->code);
}

/* The codes with rows of the flow in the period and a year before. */
static tf_status find_codes(tf_db *db, const tf_query *q, tf_code_changes *c, collect *col)
{
    tf_selection sel = {0};
    sel.classification = q->classification;
    sel.codes = q->codes;
    sel.n_codes = q->n_codes;
    sel.reporter = q->reporter;
    sel.flow = c->flow;
    sel.as_of = q->as_of;
    col->flow = c->flow;
    tf_status st = TF_OK;
    for (int k = 0; k < 2 && st == TF_OK; k++) {
        col->in_now = k == 0;
        sel.period_from = sel.period_to = k == 0 ? c->period : c->before;
        st = tf_query_select(db, &sel, take, col);
    }
    if (st == TF_OK && col->n)
        qsort(col->f, col->n, sizeof *col->f, cmp_found);
    for (size_t i = 0; i < col->n; i++) {
        c->any_now |= col->f[i].now;
        c->any_before |= col->f[i].before;
    }
    c->edition_now = tf_hs_edition_of(col->cls_now, c->period);
    c->edition_before = tf_hs_edition_of(col->cls_before, c->before);
    return st;
}

/* The measure of the whole selection's report, fixed for every code's. */
static tf_status fix_measure(tf_db *db, const tf_refdata *ref, tf_query *q,
                             tf_code_changes *c)
{
    tf_report *r = NULL;
    tf_status st = tf_report_compute(db, ref, q, &r);
    if (st != TF_OK)
        return st;
    c->measure_value = r->measure_value;
    tf_scopy(c->product_name, sizeof c->product_name, r->product_name);
    tf_scopy(c->unit, sizeof c->unit, r->measure_value ? r->unit : "t");
    q->measure = r->measure_value ? TF_MEASURE_VALUE : TF_MEASURE_QUANTITY;
    if (!q->currency && r->currency[0]) /* one currency for every code */
        tf_scopy(c->ccy, sizeof c->ccy, r->currency);
    q->currency = c->ccy[0] ? c->ccy : q->currency;
    tf_report_free(&r);
    return TF_OK;
}

tf_status tf_code_changes_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                  tf_flow flow, tf_code_changes **out)
{
    *out = NULL;
    if ((flow != TF_FLOW_IMPORT && flow != TF_FLOW_EXPORT) || !q->period || !q->n_codes)
        return TF_ERR_USAGE;
    tf_code_changes *c = calloc(1, sizeof *c);
    if (!c)
        return TF_ERR_NOMEM;
    c->flow = flow;
    tf_query qq = *q;
    tf_status st = year_before(q->period, c->before) ? TF_OK : TF_ERR_USAGE;
    if (st == TF_OK)
        tf_period_parse(q->period, strlen(q->period), c->period);
    collect col = {0};
    if (st == TF_OK)
        st = fix_measure(db, ref, &qq, c);
    if (st == TF_OK)
        st = find_codes(db, &qq, c, &col);
    if (st == TF_OK && col.n && !(c->codes = calloc(col.n, sizeof *c->codes)))
        st = TF_ERR_NOMEM;
    for (size_t i = 0; st == TF_OK && i < col.n; i++) {
        st = code_row(db, ref, &qq, c, &col.f[i], &c->codes[i]);
        c->n_codes = i + 1;
    }
    for (size_t i = 0; st == TF_OK && i < c->n_groups; i++)
        st = group_figures(db, ref, &qq, c, &c->groups[i]);
    free(col.f);
    if (st != TF_OK) {
        tf_code_changes_free(&c);
        return st;
    }
    *out = c;
    return TF_OK;
}

void tf_code_changes_free(tf_code_changes **c)
{
    if (!c || !*c)
        return;
    free((*c)->codes);
    free((*c)->groups);
    free(*c);
    *c = NULL;
}
