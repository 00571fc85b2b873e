/* Mirror statistics (include/tradeflow/mirror.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/mirror.h"
#include "tradeflow/query.h"
#include "../common/util.h"

typedef struct item {
    char period[8];
    int leg;                 /* 0 own import, 1 mirror export, 2 own export, 3 mirror import */
    char basis[16];
    char cls[8];
    size_t code_len;
    tf_record rec;
} item;

typedef struct mctx {
    item *items;
    size_t n, cap;
    int leg;
    const char *partner;
} mctx;

static tf_status take(void *ctx, const tf_revision *v)
{
    mctx *c = ctx;
    /* a cumulative range or a breakdown row (record.h) is in no figure of the table */
    if (strcmp(v->rec.partner, c->partner) != 0 || tf_period_is_range(v->rec.period) ||
        tf_record_is_breakdown(&v->rec))
        return TF_OK;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        item *p = realloc(c->items, nc * sizeof *p);
        if (!p)
            return TF_ERR_NOMEM;
        c->items = p;
        c->cap = nc;
    }
    item *it = &c->items[c->n++];
    tf_scopy(it->period, sizeof it->period, v->rec.period);
    it->leg = c->leg;
    tf_scopy(it->basis, sizeof it->basis, v->rec.partner_basis);
    tf_scopy(it->cls, sizeof it->cls, v->rec.classification);
    it->code_len = strlen(v->rec.commodity);
    it->rec = v->rec;
    return TF_OK;
}

static tf_status note(tf_mirror *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static tf_status note(tf_mirror *m, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < m->n_notes; i++)
        if (strcmp(m->notes[i], buf) == 0)
            return TF_OK;
    char **p = realloc(m->notes, (m->n_notes + 1) * sizeof *p);
    if (!p)
        return TF_ERR_NOMEM;
    m->notes = p;
    if (!(m->notes[m->n_notes] = tf_strdup(buf)))
        return TF_ERR_NOMEM;
    m->n_notes++;
    return TF_OK;
}

static int cmp_period(const void *a, const void *b)
{
    return strcmp(((const item *)a)->period, ((const item *)b)->period);
}

static tf_opt some(double v)
{
    tf_opt o = {1, v};
    return o;
}

/* Sum one leg of one period into s (items[b..e) share the period). */
static tf_status sum_leg(tf_mirror *m, const item *it, size_t b, size_t e, int leg,
                         tf_mirror_side *s)
{
    memset(s, 0, sizeof *s);
    /* one classification: the one asked for, else the newest edition (H6 over H5) */
    const char *cls = NULL;
    for (size_t i = b; i < e; i++)
        if (it[i].leg == leg && tf_query_class_preferred(m->classification, cls, it[i].cls))
            cls = it[i].cls;
    const char *std = (leg == 0 || leg == 3) ? "origin" : "destination";
    const char *basis = NULL;
    for (size_t i = b; i < e; i++)
        if (it[i].leg == leg && !strcmp(it[i].cls, cls) &&
            strcmp(it[i].basis, "group") != 0 && (!basis || strcmp(it[i].basis, std) == 0))
            basis = it[i].basis;
    if (!basis)
        return TF_OK;
    tf_scopy(s->classification, sizeof s->classification, cls);
    if (strcmp(basis, std) != 0) {
        tf_status st = note(m, "%s: %s partner rows on basis '%s' used (none on '%s')",
                            it[b].period, leg == 0 || leg == 3 ? "import" : "export",
                            basis[0] ? basis : "unstated", std);
        if (st)
            return st;
    }
    size_t minlen = (size_t)-1;
    for (size_t i = b; i < e; i++)
        if (it[i].leg == leg && !strcmp(it[i].cls, cls) && strcmp(it[i].basis, basis) == 0 &&
            it[i].code_len < minlen)
            minlen = it[i].code_len;
    tf_milli v = 0, cif = 0, fob = 0, kg = 0;
    int has_v = 0, has_cif = 0, has_fob = 0, has_kg = 0, all_cif = 1, all_fob = 1;
    for (size_t i = b; i < e; i++) {
        const tf_record *r = &it[i].rec;
        if (it[i].leg != leg || strcmp(it[i].cls, cls) || strcmp(it[i].basis, basis) != 0 ||
            it[i].code_len != minlen)
            continue;
        s->records++;
        if (r->has_value) {
            v += r->value;
            has_v = 1;
            tf_scopy(s->currency, sizeof s->currency, r->currency);
            all_cif &= r->has_cif && r->cif == r->value;
            all_fob &= r->has_fob && r->fob == r->value;
        }
        if (r->has_cif) {
            cif += r->cif;
            has_cif = 1;
        }
        if (r->has_fob) {
            fob += r->fob;
            has_fob = 1;
        }
        if (r->has_quantity && strcmp(r->unit, "kg") == 0) {
            kg += r->quantity;
            has_kg = 1;
        }
    }
    if (has_v)
        s->value = some((double)v / TF_MILLI);
    if (has_cif)
        s->cif = some((double)cif / TF_MILLI);
    if (has_fob)
        s->fob = some((double)fob / TF_MILLI);
    if (has_kg)
        s->quantity = some((double)kg / TF_MILLI / 1000.0);
    if (has_v && all_cif)
        tf_scopy(s->valuation, sizeof s->valuation, "CIF");
    else if (has_v && all_fob)
        tf_scopy(s->valuation, sizeof s->valuation, "FOB");
    return TF_OK;
}

/* A currency note of one side (tf_query_currency), named by its reporter. */
typedef struct side_note {
    tf_mirror *m;
    const char *reporter;
} side_note;

static void currency_note(void *ctx, const char *text)
{
    const side_note *sn = ctx;
    note(sn->m, "%s: %s", sn->reporter, text);
}

static void compare(tf_opt a, tf_opt b, tf_opt *gap, tf_opt *ratio)
{
    if (a.has && b.has) {
        *gap = some(a.v - b.v);
        if (b.v > 0)
            *ratio = some(a.v / b.v);
    }
}

tf_status tf_mirror_compute(tf_db *db, const tf_mirror_query *q, tf_mirror **out)
{
    *out = NULL;
    if (!q->reporter || !q->partner || !q->classification || q->n_codes == 0 ||
        !q->period_from || !q->period_to)
        return TF_ERR_USAGE;
    tf_mirror *m = calloc(1, sizeof *m);
    if (!m)
        return TF_ERR_NOMEM;
    tf_scopy(m->reporter, sizeof m->reporter, q->reporter);
    tf_scopy(m->partner, sizeof m->partner, q->partner);
    tf_scopy(m->classification, sizeof m->classification, q->classification);
    mctx c = {0};
    tf_status st = TF_OK;
    char ccy[4][4]; /* each leg's currency: one per side, never two added */
    static const tf_flow flows[4] = {TF_FLOW_IMPORT, TF_FLOW_EXPORT, TF_FLOW_EXPORT,
                                     TF_FLOW_IMPORT};
    for (int leg = 0; leg < 4 && st == TF_OK; leg++) {
        int own = leg == 0 || leg == 2;
        tf_selection sel = {0};
        sel.classification = q->classification;
        sel.codes = q->codes;
        sel.n_codes = q->n_codes;
        sel.reporter = own ? q->reporter : q->partner;
        sel.period_from = q->period_from;
        sel.period_to = q->period_to;
        sel.flow = flows[leg];
        sel.as_of = q->as_of;
        side_note sn = {m, sel.reporter};
        int found = 0;
        st = tf_query_currency(db, &sel, q->currency, ccy[leg], &found, currency_note, &sn);
        if (st != TF_OK)
            break;
        /* a currency the side lacks leaves its figures as stored (their values then
         * are not compared, being in another currency) */
        sel.currency = found ? ccy[leg] : NULL;
        c.leg = leg;
        c.partner = own ? q->partner : q->reporter;
        st = tf_query_select(db, &sel, take, &c);
    }
    if (st == TF_OK && c.n)
        qsort(c.items, c.n, sizeof *c.items, cmp_period);
    size_t b = 0;
    while (st == TF_OK && b < c.n) {
        size_t e = b;
        while (e < c.n && strcmp(c.items[e].period, c.items[b].period) == 0)
            e++;
        for (int dir = 0; dir < 2 && st == TF_OK; dir++) {
            tf_mirror_row row;
            memset(&row, 0, sizeof row);
            tf_scopy(row.period, sizeof row.period, c.items[b].period);
            row.direction = dir;
            st = sum_leg(m, c.items, b, e, dir * 2, &row.own);
            if (st == TF_OK)
                st = sum_leg(m, c.items, b, e, dir * 2 + 1, &row.mirror);
            if (st != TF_OK || (!row.own.records && !row.mirror.records))
                continue;
            if (!strcmp(row.own.currency, row.mirror.currency) || !row.own.currency[0] ||
                !row.mirror.currency[0])
                compare(row.own.value, row.mirror.value, &row.value_gap, &row.value_ratio);
            compare(row.own.fob, row.mirror.fob, &row.fob_gap, &row.fob_ratio);
            compare(row.own.quantity, row.mirror.quantity, &row.quantity_gap,
                    &row.quantity_ratio);
            if (!row.own.records || !row.mirror.records)
                st = note(m, "%s: no %s %s %s %s in the store: gap and ratio have no value",
                          row.period, !row.own.records ? q->reporter : q->partner,
                          (dir == 0) == !row.own.records ? "imports from" : "exports to",
                          !row.own.records ? q->partner : q->reporter,
                          "for the selection");
            tf_mirror_row *p = realloc(m->rows, (m->n_rows + 1) * sizeof *p);
            if (!p) {
                st = TF_ERR_NOMEM;
                break;
            }
            m->rows = p;
            m->rows[m->n_rows++] = row;
        }
        b = e;
    }
    free(c.items);
    if (st != TF_OK) {
        tf_mirror_free(&m);
        return st;
    }
    *out = m;
    return TF_OK;
}

void tf_mirror_free(tf_mirror **m)
{
    if (!m || !*m)
        return;
    for (size_t i = 0; i < (*m)->n_notes; i++)
        free((*m)->notes[i]);
    free((*m)->notes);
    free((*m)->rows);
    free(*m);
    *m = NULL;
}
