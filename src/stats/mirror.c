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
    int covered;             /* a shorter code of the same leg holds this one */
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

/* Which rows of one leg of one period count: one classification (the one
 * asked for, else the newest edition, H6 over H5), one partner basis (the
 * standard one where present), and no code whose heading is there too (a
 * code and its sub-codes are not both counted; 9999 beside 760110 is).
 * cls NULL: the leg has no rows. */
typedef struct leg_pick {
    const char *cls, *basis;
} leg_pick;

static int in_leg(const item *x, int leg, const leg_pick *p)
{
    return p->cls && x->leg == leg && !strcmp(x->cls, p->cls) && !strcmp(x->basis, p->basis);
}

static int picked(const item *x, int leg, const leg_pick *p)
{
    return in_leg(x, leg, p) && !x->covered;
}

/* Mark the rows of the leg whose code has a shorter code of the leg as prefix. */
static void mark_covered(item *it, size_t b, size_t e, int leg, const leg_pick *p)
{
    for (size_t i = b; i < e; i++) {
        if (!in_leg(&it[i], leg, p))
            continue;
        it[i].covered = 0;
        for (size_t j = b; j < e && !it[i].covered; j++)
            it[i].covered = in_leg(&it[j], leg, p) && it[j].code_len < it[i].code_len &&
                            strncmp(it[j].rec.commodity, it[i].rec.commodity,
                                    it[j].code_len) == 0;
    }
}

static tf_status pick_leg(tf_mirror *m, item *it, size_t b, size_t e, int leg,
                          leg_pick *p)
{
    memset(p, 0, sizeof *p);
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
    if (strcmp(basis, std) != 0) {
        tf_status st = note(m, "%s: %s partner rows on basis '%s' used (none on '%s')",
                            it[b].period, leg == 0 || leg == 3 ? "import" : "export",
                            basis[0] ? basis : "unstated", std);
        if (st)
            return st;
    }
    p->cls = cls;
    p->basis = basis;
    mark_covered(it, b, e, leg, p);
    return TF_OK;
}

/* The valuation of a side whose records state neither CIF nor FOB: China's
 * customs value imports CIF and exports FOB (mirror.h); "" for others. */
static const char *valuation_rule(const char *reporter, int import)
{
    return strcmp(reporter, "CHN") == 0 ? (import ? "CIF" : "FOB") : "";
}

/* Sum the picked rows of one leg of one period into s. */
static void sum_leg(const item *it, size_t b, size_t e, int leg, const leg_pick *p,
                    const char *reporter, tf_mirror_side *s)
{
    memset(s, 0, sizeof *s);
    if (!p->cls)
        return;
    tf_scopy(s->classification, sizeof s->classification, p->cls);
    tf_milli v = 0, cif = 0, fob = 0, kg = 0, v_both = 0, kg_both = 0;
    int has_v = 0, has_cif = 0, has_fob = 0, has_kg = 0, all_cif = 1, all_fob = 1;
    for (size_t i = b; i < e; i++) {
        const tf_record *r = &it[i].rec;
        if (!picked(&it[i], leg, p))
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
            if (r->has_value && r->quantity > 0) { /* a zero weight has no unit value */
                v_both += r->value;
                kg_both += r->quantity;
            }
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
    if (kg_both > 0) /* thousandths of a kg: / 1e6 gives t */
        s->unit_value = some(((double)v_both / TF_MILLI) / ((double)kg_both / TF_MILLI / 1000.0));
    if (has_v && all_cif)
        tf_scopy(s->valuation, sizeof s->valuation, "CIF");
    else if (has_v && all_fob)
        tf_scopy(s->valuation, sizeof s->valuation, "FOB");
    else if (has_v && !has_cif && !has_fob) {
        tf_scopy(s->valuation, sizeof s->valuation, valuation_rule(reporter, leg == 0 || leg == 3));
        s->valuation_by_rule = s->valuation[0] != 0;
    }
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

int tf_mirror_extreme(tf_opt ratio)
{
    return ratio.has && (ratio.v > TF_MIRROR_EXTREME || ratio.v < 1.0 / TF_MIRROR_EXTREME);
}

const char *tf_mirror_code_special(const char *code)
{
    if (strncmp(code, "9999", 4) == 0)
        return "commodities not specified according to kind (HS 9999)";
    if (strncmp(code, "99", 2) == 0)
        return "HS chapter 99: special national codes, where reporters put confidential "
               "trade";
    return NULL;
}

/* 100 * (importer - exporter) / exporter; dir 0: own imports, dir 1: own exports. */
static tf_opt gap_pct(int dir, tf_opt own, tf_opt mirror)
{
    tf_opt imp = dir == 0 ? own : mirror, exp = dir == 0 ? mirror : own, none = {0, 0};
    if (!imp.has || !exp.has || exp.v <= 0)
        return none;
    return some(100.0 * (imp.v - exp.v) / exp.v);
}

/* The code's entry in row (added when new), or NULL out of memory. */
static tf_mirror_code *code_entry(tf_mirror_row *row, const char *code)
{
    for (size_t i = 0; i < row->n_codes; i++)
        if (strcmp(row->codes[i].code, code) == 0)
            return &row->codes[i];
    tf_mirror_code *p = realloc(row->codes, (row->n_codes + 1) * sizeof *p);
    if (!p)
        return NULL;
    row->codes = p;
    tf_mirror_code *c = &p[row->n_codes++];
    memset(c, 0, sizeof *c);
    tf_scopy(c->code, sizeof c->code, code);
    c->special = tf_mirror_code_special(code);
    return c;
}

/* Each picked code of both legs of a row on its own: values, ratio, gap %, flag. */
static tf_status code_rows(const item *it, size_t b, size_t e, const leg_pick p[2],
                           tf_mirror_row *row)
{
    for (int side = 0; side < 2; side++) {
        int leg = row->direction * 2 + side;
        for (size_t i = b; i < e; i++) {
            if (!picked(&it[i], leg, &p[side]) || !it[i].rec.has_value)
                continue;
            tf_mirror_code *c = code_entry(row, it[i].rec.commodity);
            if (!c)
                return TF_ERR_NOMEM;
            tf_opt *v = side == 0 ? &c->own : &c->mirror;
            *v = some((v->has ? v->v : 0) + (double)it[i].rec.value / TF_MILLI);
        }
    }
    for (size_t i = 0; i < row->n_codes; i++) {
        tf_mirror_code *c = &row->codes[i];
        tf_opt gap = {0, 0};
        compare(c->own, c->mirror, &gap, &c->ratio);
        c->gap_pct = gap_pct(row->direction, c->own, c->mirror);
        c->extreme = tf_mirror_extreme(c->ratio);
    }
    return TF_OK;
}

/* The row's two sides, comparisons and codes for items[b..e) (one period). */
static tf_status fill_row(tf_mirror *m, const tf_mirror_query *q, item *it, size_t b,
                          size_t e, tf_mirror_row *row)
{
    leg_pick p[2];
    int dir = row->direction;
    tf_status st = pick_leg(m, it, b, e, dir * 2, &p[0]);
    if (st == TF_OK)
        st = pick_leg(m, it, b, e, dir * 2 + 1, &p[1]);
    if (st != TF_OK)
        return st;
    sum_leg(it, b, e, dir * 2, &p[0], q->reporter, &row->own);
    sum_leg(it, b, e, dir * 2 + 1, &p[1], q->partner, &row->mirror);
    if (!row->own.records && !row->mirror.records)
        return TF_OK;
    if (!strcmp(row->own.currency, row->mirror.currency) || !row->own.currency[0] ||
        !row->mirror.currency[0]) {
        compare(row->own.value, row->mirror.value, &row->value_gap, &row->value_ratio);
        row->gap_pct = gap_pct(dir, row->own.value, row->mirror.value);
    }
    compare(row->own.fob, row->mirror.fob, &row->fob_gap, &row->fob_ratio);
    compare(row->own.quantity, row->mirror.quantity, &row->quantity_gap, &row->quantity_ratio);
    row->extreme = row->value_ratio.has ? tf_mirror_extreme(row->value_ratio)
                                        : tf_mirror_extreme(row->quantity_ratio);
    if (!strcmp(row->own.currency, row->mirror.currency) || !row->own.currency[0] ||
        !row->mirror.currency[0])
        st = code_rows(it, b, e, p, row);
    if (st == TF_OK && (row->own.valuation_by_rule || row->mirror.valuation_by_rule))
        st = note(m, "China's records state no CIF or FOB value: named by GACC's rule, "
                     "imports CIF and exports FOB");
    if (st == TF_OK && (!row->own.records || !row->mirror.records))
        st = note(m, "%s: no %s %s %s %s in the store: gap and ratio have no value",
                  row->period, !row->own.records ? q->reporter : q->partner,
                  (dir == 0) == !row->own.records ? "imports from" : "exports to",
                  !row->own.records ? q->partner : q->reporter, "for the selection");
    return st;
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
    tf_partner_display_name(db, q->ref, m->reporter, m->reporter_name, sizeof m->reporter_name);
    tf_partner_display_name(db, q->ref, m->partner, m->partner_name, sizeof m->partner_name);
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
            st = fill_row(m, q, c.items, b, e, &row);
            if (st != TF_OK || (!row.own.records && !row.mirror.records)) {
                free(row.codes);
                continue;
            }
            tf_mirror_row *p = realloc(m->rows, (m->n_rows + 1) * sizeof *p);
            if (!p) {
                free(row.codes);
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
    for (size_t i = 0; i < (*m)->n_rows; i++)
        free((*m)->rows[i].codes);
    free((*m)->notes);
    free((*m)->rows);
    free(*m);
    *m = NULL;
}
