/*
 * Checking claims: equations over intervals, and the diagnosis of the
 * figures that break them.
 *
 * Every stated number is an atom with the interval its printing allows.
 * Figures from the store (--db) are atoms too, exact and never suspected.
 * An equation is two expressions over atoms; it holds when the interval
 * of lhs - rhs contains 0. Each atom occurs once in an equation and every
 * operation is monotone on the ranges used (quantities >= 0, growth factors
 * 1 + p/100 > 0), so plain interval arithmetic gives the exact range.
 *
 * Diagnosis: the smallest set of suspect atoms that meets every failing
 * equation (a hitting set, searched up to three atoms), ranked by how well the
 * rest of the notes corroborate each atom and by whether a corrected value
 * exists that satisfies every equation the atom is in. The corrected value
 * is named by the slip that explains it, when one does (DOMAIN.md §7).
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "tradeflow/stats.h"
#include "audit_int.h"

enum { F_QTY = 0, F_MOM = 1, F_YOY = 2, F_SHARE = 3, F_MDIFF = 4, F_YDIFF = 5, F_SHPP = 6 };
static const char *const field_names[] = {"quantity", "mom",      "yoy",     "share",
                                          "mom_diff", "yoy_diff", "share_pp"};

typedef struct atom {
    double v, lo, hi;
    int removable;       /* 0: a stored figure */
    size_t claim;        /* (size_t)-1 for stored figures */
    int field;           /* F_* */
    double pmin, pmax;   /* physically possible range */
    int dec;             /* decimals to print a proposal with */
    char unit[8];        /* of a quantity: "t", "USD" */
    double scale;        /* a quantity printed in 万 (1e4) or 亿 (1e8) units, else 1 */
    int pdec;            /* its printed decimals ("83.6万吨": 1) */
    char punit[16];      /* its printed unit ("万吨", "亿美元") */
    char what[96];       /* "imports of primary-aluminium, April 2025" */
} atom;

typedef struct fact {
    tf_metric metric;
    const char *product;
    const char *partner;
    int from, to;
    int named;
    size_t claim;        /* (size_t)-1 for stored figures */
    int aq, amom, ayoy, ashare, amdiff, aydiff;
    int ashpp;           /* the share's change in pp (claim's share_pp), or -1 */
    tf_span_period share_of;
    int share_labelled;
} fact;

enum { OP_ATOM, OP_CONST, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_GROWTH };

typedef struct node {
    int op, a, b, atom;
    double c;
} node;

typedef struct eqn {
    node *nd;            /* the expression's nodes (growable: none is dropped) */
    int nn, capnn, lhs, rhs;
    int le;              /* lhs <= rhs instead of = */
    int slack;           /* figures from several notes or the store: quantities may
                            differ by the revision tolerance */
    int comp;            /* component of the failing equations */
    int *atoms;          /* the distinct atoms it reads (growable) */
    int natoms, capatoms;
    int oom;             /* a node or atom could not be stored: out of memory */
    int failed;
    int label_claim;     /* share label equation: claim index + 1 */
    char kind[24];       /* "net", "mom-base", ... */
    char text[200];      /* the equation in words */
} eqn;

typedef struct checker {
    tf_audit *a;
    const tf_audit_opts *opts;
    atom *at;
    size_t nat, capat;
    fact *fa;
    size_t nfa, capfa;
    eqn *eq;
    size_t neq, capeq;
    char (*strs)[48];    /* product/partner strings of stored facts */
    size_t nstr, capstr;
    size_t *ord;         /* facts sorted by key (metric, product, partner, period) */
    size_t prefer_note;  /* find_fact prefers this note's statement */
    size_t *adj, *adj_at; /* equations of each atom: adj[adj_at[a] .. adj_at[a+1]) */
} checker;

/* Published monthly figures are revised after their first release, and
 * different publishers round differently: quantities from different notes
 * (or a note and the store) may differ by this fraction before an equation
 * between them is called broken; a difference within it is reported as
 * rounding. */
#define TF_REVISION_TOLERANCE 0.003
/* Between notes published half a year or more apart a figure may have met the annual
 * revision of the customs series in between (a YoY printed a year later is against the
 * revised base: articles 48 and 32 of the corpus put April 2023's unwrought aluminium
 * at 220,802 t implied and 222,851 t printed, 0.9 % apart): quantities may differ by
 * this fraction, reported as rounding. */
#define TF_LATE_REVISION_TOLERANCE 0.02
/* 1 when notes n1 and n2 (indexes, or (size_t)-2 for the store) both have a publication
 * date and those lie 183 days or more apart. */
static int published_apart(const tf_audit *a, size_t n1, size_t n2)
{
    if (n1 >= a->n_notes || n2 >= a->n_notes)
        return 0;
    const char *d1 = a->notes[n1].date, *d2 = a->notes[n2].date;
    int y1, m1, dd1, y2, m2, dd2;
    if (sscanf(d1, "%d-%d-%d", &y1, &m1, &dd1) != 3 || sscanf(d2, "%d-%d-%d", &y2, &m2, &dd2) != 3)
        return 0;
    long days = labs((y1 * 372L + m1 * 31L + dd1) - (y2 * 372L + m2 * 31L + dd2));
    return days >= 6 * 31;
}

/* the most suspects of one group of failing equations among which the fewest
 * slips are searched (C(64,3) = 41,664 sets) */
#define MAX_SEARCH 64

typedef struct iv {
    double lo, hi;
} iv;

/* ---------------------------------------------------------------- building */

/* Room for one more element in a doubling array of n used out of *cap: the
 * array (moved or not), or NULL out of memory (v is then left as it was). */
static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? *cap * 2 : 64;
    void *nv = realloc(v, nc * size);
    if (nv)
        *cap = nc;
    return nv;
}

static int add_atom(checker *k, const atom *x)
{
    atom *v = grow(k->at, &k->capat, k->nat, sizeof *v);
    if (!v)
        return -1;
    k->at = v;
    k->at[k->nat] = *x;
    return (int)k->nat++;
}

static int add_fact(checker *k, const fact *f)
{
    fact *v = grow(k->fa, &k->capfa, k->nfa, sizeof *v);
    if (!v)
        return -1;
    k->fa = v;
    k->fa[k->nfa++] = *f;
    return 0;
}

static eqn *new_eq(checker *k, const char *kind)
{
    eqn *v = grow(k->eq, &k->capeq, k->neq, sizeof *v);
    if (!v)
        return NULL;
    k->eq = v;
    eqn *e = &k->eq[k->neq++];
    memset(e, 0, sizeof *e);
    tf_scopy(e->kind, sizeof e->kind, kind);
    return e;
}

/* Room for one more int or node in an equation's growable array. */
static int eq_room(void **v, int *cap, int n, size_t size)
{
    if (n < *cap)
        return 0;
    int nc = *cap ? 2 * *cap : 16;
    void *nv = realloc(*v, (size_t)nc * size);
    if (!nv)
        return -1;
    *v = nv;
    *cap = nc;
    return 0;
}

/* A node of e: its index. Out of memory, e->oom is set (tf_audit_check then
 * fails with TF_ERR_NOMEM) and node 0 is returned so that building goes on. */
static int nd(eqn *e, int op, int a, int b, int atomi, double c)
{
    if (eq_room((void **)&e->nd, &e->capnn, e->nn, sizeof *e->nd)) {
        e->oom = 1;
        return 0;
    }
    node *x = &e->nd[e->nn];
    x->op = op;
    x->a = a;
    x->b = b;
    x->atom = atomi;
    x->c = c;
    if (op == OP_ATOM) {
        int seen = 0;
        for (int i = 0; i < e->natoms; i++)
            if (e->atoms[i] == atomi)
                seen = 1;
        if (!seen && eq_room((void **)&e->atoms, &e->capatoms, e->natoms, sizeof *e->atoms))
            e->oom = 1;
        else if (!seen)
            e->atoms[e->natoms++] = atomi;
    }
    return e->nn++;
}
static int A(eqn *e, int atomi) { return nd(e, OP_ATOM, 0, 0, atomi, 0); }
static int G(eqn *e, int atomi) { return nd(e, OP_GROWTH, A(e, atomi), 0, -1, 0); }
static int O(eqn *e, int op, int a, int b) { return nd(e, op, a, b, -1, 0); }
static int C(eqn *e, double c) { return nd(e, OP_CONST, 0, 0, -1, c); }

/* ---------------------------------------------------------------- intervals */

static iv mk(double lo, double hi)
{
    iv r = {lo, hi};
    return r;
}

static iv ev(const checker *k, const eqn *e, int n, int fix, double fixv, int tight)
{
    const node *x = &e->nd[n];
    switch (x->op) {
    case OP_ATOM: {
        const atom *t = &k->at[x->atom];
        if (x->atom == fix)
            return mk(fixv, fixv);
        if (!tight && e->slack && t->field == F_QTY) {
            double r = e->slack == 2 ? TF_LATE_REVISION_TOLERANCE : TF_REVISION_TOLERANCE;
            return mk(t->lo - fabs(t->v) * r, t->hi + fabs(t->v) * r);
        }
        if (tight == 3) /* the printed figure's rounding, no revision tolerance */
            return mk(t->lo, t->hi);
        if (tight == 2) /* the printed value itself */
            return mk(t->v, t->v);
        if (tight)
            return mk(t->v - (t->v - t->lo) * 0.8, t->v + (t->hi - t->v) * 0.8);
        return mk(t->lo, t->hi);
    }
    case OP_CONST:
        return mk(x->c, x->c);
    case OP_GROWTH: {
        /* 1 + p/100 of a stated change: a fall of 100 % or more leaves nothing,
         * so the factor is kept just above 0 (a positive figure cannot follow) */
        iv a = ev(k, e, x->a, fix, fixv, tight);
        return mk(fmax(1 + a.lo / 100, 1e-9), fmax(1 + a.hi / 100, 1e-9));
    }
    default: {
        iv a = ev(k, e, x->a, fix, fixv, tight), b = ev(k, e, x->b, fix, fixv, tight);
        if (x->op == OP_ADD)
            return mk(a.lo + b.lo, a.hi + b.hi);
        if (x->op == OP_SUB)
            return mk(a.lo - b.hi, a.hi - b.lo);
        double c[4];
        if (x->op == OP_MUL) {
            c[0] = a.lo * b.lo;
            c[1] = a.lo * b.hi;
            c[2] = a.hi * b.lo;
            c[3] = a.hi * b.hi;
        } else {
            if (b.lo <= 0 && b.hi >= 0)
                return mk(-INFINITY, INFINITY);
            c[0] = a.lo / b.lo;
            c[1] = a.lo / b.hi;
            c[2] = a.hi / b.lo;
            c[3] = a.hi / b.hi;
        }
        double lo = c[0], hi = c[0];
        for (int i = 1; i < 4; i++) {
            if (c[i] < lo)
                lo = c[i];
            if (c[i] > hi)
                hi = c[i];
        }
        return mk(lo, hi);
    }
    }
}

/* Residual interval lhs - rhs. */
static iv resid(const checker *k, const eqn *e, int fix, double fixv, int tight)
{
    iv l = ev(k, e, e->lhs, fix, fixv, tight), r = ev(k, e, e->rhs, fix, fixv, tight);
    return mk(l.lo - r.hi, l.hi - r.lo);
}

static int holds(const checker *k, const eqn *e, int fix, double fixv, int tight)
{
    iv r = resid(k, e, fix, fixv, tight);
    if (e->le)
        return r.lo <= 0;
    return r.lo <= 0 && r.hi >= 0;
}

/* Point values: lhs and rhs at the stated figures. */
static void points(const checker *k, const eqn *e, double *l, double *r)
{
    /* tight intervals with width 0 */
    iv a = ev(k, e, e->lhs, -1, 0, 2), b = ev(k, e, e->rhs, -1, 0, 2);
    *l = (a.lo + a.hi) / 2;
    *r = (b.lo + b.hi) / 2;
}

/* The values of atom `ai` for which e holds, within [pmin, pmax]: bisection on
 * the monotone residual bounds. Returns 0 when none. */
static int solve(const checker *k, const eqn *e, int ai, double *lo, double *hi)
{
    const atom *t = &k->at[ai];
    double a = t->pmin, b = t->pmax;
    /* an atom in a denominator makes the residual unbounded (and so "holding") at 0:
     * search from just above it */
    iv r0 = resid(k, e, ai, a, 0);
    if (!(isfinite(r0.lo) && isfinite(r0.hi)) && b > a)
        a += (b - a) * 1e-9;
    /* find one feasible point by scanning, then widen both ways */
    double x0 = NAN;
    if (holds(k, e, ai, t->v, 0))
        x0 = t->v;
    else {
        /* the residual's midpoint changes monotonically in x: bisect its sign */
        double fa, fb;
        iv ra = resid(k, e, ai, a, 0), rb = resid(k, e, ai, b, 0);
        fa = (ra.lo + ra.hi) / 2;
        fb = (rb.lo + rb.hi) / 2;
        if (!isfinite(fa) || !isfinite(fb) || (fa > 0) == (fb > 0)) {
            if (holds(k, e, ai, a, 0))
                x0 = a;
            else if (holds(k, e, ai, b, 0))
                x0 = b;
            else
                return 0;
        } else {
            double l = a, h = b;
            for (int i = 0; i < 200 && isnan(x0); i++) {
                double m = l + (h - l) / 2;
                if (holds(k, e, ai, m, 0)) {
                    x0 = m;
                    break;
                }
                iv rm = resid(k, e, ai, m, 0);
                double fm = (rm.lo + rm.hi) / 2;
                if (!isfinite(fm))
                    return 0;
                if ((fm > 0) == (fa > 0))
                    l = m;
                else
                    h = m;
                if (h - l < 1e-9 * (fabs(h) + 1))
                    break;
            }
            if (isnan(x0))
                return 0;
        }
    }
    /* widen: the feasible set is an interval around x0 */
    double l = a, h = x0;
    if (holds(k, e, ai, a, 0))
        *lo = a;
    else {
        for (int i = 0; i < 200 && h - l > 1e-9 * (fabs(h) + 1); i++) {
            double m = l + (h - l) / 2;
            if (holds(k, e, ai, m, 0))
                h = m;
            else
                l = m;
        }
        *lo = h;
    }
    l = x0;
    h = b;
    if (holds(k, e, ai, b, 0))
        *hi = b;
    else {
        for (int i = 0; i < 200 && h - l > 1e-9 * (fabs(h) + 1); i++) {
            double m = l + (h - l) / 2;
            if (holds(k, e, ai, m, 0))
                l = m;
            else
                h = m;
        }
        *hi = l;
    }
    return 1;
}

/* ---------------------------------------------------------------- facts */

/* A quantity printed in Chinese units: "83.6万吨" is 836,000 t printed to the
 * thousand (0 decimals in t), proposed again as "94.4万吨"; 千吨, 百万吨, 万亿 likewise. */
static void cjk_scale(const char *text, atom *x)
{
    static const struct { const char *w; double f; int d; } u[] = {
        {"\xE4\xB8\x87\xE4\xBA\xBF", 1e12, 12},                 /* 万亿 */
        {"\xE7\x99\xBE\xE4\xB8\x87", 1e6, 6},                   /* 百万 */
        {"\xE5\x8D\x83\xE5\x90\xA8", 1e3, 3},                   /* 千吨 */
        {"\xE5\x8D\x83\xE5\xAE\x9E\xE7\x89\xA9", 1e3, 3},   /* 千实物(吨) */
        {"\xE5\x8D\x83\xE7\xBE\x8E", 1e3, 3},                   /* 千美(元) */
        {"\xE4\xB8\x87", 1e4, 4}, {"\xE8\x90\xAC", 1e4, 4},  /* 万 萬 */
        {"\xE4\xBA\xBF", 1e8, 8}, {"\xE5\x84\x84", 1e8, 8}}; /* 亿 億 */
    for (size_t k = 0; k < sizeof u / sizeof u[0]; k++) {
        const char *p = strstr(text, u[k].w);
        if (!p)
            continue;
        x->scale = u[k].f;
        x->pdec = x->dec;
        x->dec = x->dec > u[k].d ? x->dec - u[k].d : 0;
        tf_scopy(x->punit, sizeof x->punit, p);
        return;
    }
}

/* A quantity printed with a scale word ("57.5 million t", "US$6.42 billion", "1.79 mln t"):
 * proposed in the same words, its digits counted at that scale. */
static void word_scale(const char *text, atom *x)
{
    static const struct { const char *w; double f; int d; } u[] = {
        {"million", 1e6, 6}, {"mln", 1e6, 6}, {"billion", 1e9, 9}, {"bln", 1e9, 9}};
    for (size_t k = 0; k < sizeof u / sizeof u[0]; k++) {
        if (!strstr(text, u[k].w))
            continue;
        x->scale = u[k].f;
        x->pdec = x->dec;
        x->dec = x->dec > u[k].d ? x->dec - u[k].d : 0;
        tf_fmt(x->punit, sizeof x->punit, " %s %s", u[k].w, x->unit[0] ? x->unit : "t");
        return;
    }
}

/* A quantity printed at a scale of its own unit ("178.6 kt", "0.33 Mt", a table's cell
 * "185.8" under "(Mt)"): its value is the printed number times a power of ten. Proposed in
 * the same unit (what follows the number: " kt", "" in a table) and precision, its
 * digits counted at that scale, as cjk_scale and word_scale do for the units they name. */
static void printed_scale(const char *text, double value, atom *x)
{
    char num[64];
    size_t n = 0;
    const char *p = text;
    while (*p && !(*p >= '0' && *p <= '9'))
        p++;
    for (; (*p >= '0' && *p <= '9') || *p == ',' || *p == '.'; p++)
        if (*p != ',' && n + 1 < sizeof num)
            num[n++] = *p;
    num[n] = '\0';
    double printed = n ? strtod(num, NULL) : 0;
    if (printed == 0 || value == 0 || strpbrk(p, "0123456789"))
        return; /* digits grouped by spaces ("200 000 тонн"): printed as it stands */
    double r = fabs(value / printed);
    int d = (int)lround(log10(r));
    if (d < 1 || d > 12 || fabs(r / pow(10, d) - 1) > 1e-6)
        return;
    x->scale = pow(10, d);
    x->pdec = x->dec;
    x->dec = x->dec > d ? x->dec - d : 0;
    tf_scopy(x->punit, sizeof x->punit, p);
}

static int atom_from(checker *k, size_t ci, int field, const tf_stated *s, const char *what)
{
    atom x;
    memset(&x, 0, sizeof x);
    x.v = s->value;
    x.lo = s->lo;
    x.hi = s->hi;
    x.removable = 1;
    x.claim = ci;
    x.field = field;
    if (field == F_QTY) {
        x.pmax = fmax(1e12, fabs(s->value) * 1000);
        /* net imports below zero are net exports */
        x.pmin = k->a->claims[ci].metric == TF_METRIC_NET_IMPORT ? -x.pmax : 0;
    } else if (field == F_SHARE) {
        x.pmin = 0;
        x.pmax = 100;
    } else if (field == F_SHPP) {
        x.pmin = -100;
        x.pmax = 100;
    } else if (field == F_MDIFF || field == F_YDIFF) {
        x.pmin = -fmax(1e12, fabs(s->value) * 1000);
        x.pmax = fmax(1e12, fabs(s->value) * 1000);
    } else {
        x.pmin = -99.99;
        x.pmax = 1e6;
    }
    const char *dot = strchr(s->text, '.');
    x.dec = 0;
    if (dot)
        for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
            x.dec++;
    tf_scopy(x.what, sizeof x.what, what);
    tf_scopy(x.unit, sizeof x.unit, k->a->claims[ci].unit);
    x.scale = 1;
    if (field == F_QTY || field == F_MDIFF || field == F_YDIFF) {
        cjk_scale(s->text, &x);
        if (x.scale == 1)
            word_scale(s->text, &x);
        if (x.scale == 1)
            printed_scale(s->text, s->value, &x);
    }
    return add_atom(k, &x);
}

static const char *metric_words(tf_metric m)
{
    switch (m) {
    case TF_METRIC_IMPORT: return "imports";
    case TF_METRIC_EXPORT: return "exports";
    case TF_METRIC_NET_IMPORT: return "net imports";
    case TF_METRIC_IMPORT_VALUE: return "import value";
    case TF_METRIC_EXPORT_VALUE: return "export value";
    default: return "figure";
    }
}

static void fact_words(const fact *f, char *buf, size_t len)
{
    char per[64];
    tf_span_period p = {f->from, f->to};
    tf_period_words(p, per, sizeof per);
    int out = f->metric == TF_METRIC_EXPORT || f->metric == TF_METRIC_EXPORT_VALUE;
    if (strcmp(f->partner, "WLD"))
        tf_fmt(buf, len, "%s of %s %s %s, %s", metric_words(f->metric),
               f->product[0] ? f->product : "?", out ? "to" : "from", f->partner, per);
    else
        tf_fmt(buf, len, "%s of %s, %s", metric_words(f->metric), f->product[0] ? f->product : "?",
               per);
}

static int checkable(tf_metric m)
{
    return m == TF_METRIC_IMPORT || m == TF_METRIC_EXPORT || m == TF_METRIC_NET_IMPORT ||
           m == TF_METRIC_IMPORT_VALUE || m == TF_METRIC_EXPORT_VALUE;
}

static uint64_t claim_hash(const tf_claim *c)
{
    uint64_t h = 1469598103934665603ULL;
    const unsigned char *parts[2] = {(const unsigned char *)c->product,
                                     (const unsigned char *)c->partner};
    for (int i = 0; i < 2; i++)
        for (const unsigned char *p = parts[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
    uint64_t vals[5] = {(uint64_t)c->note, (uint64_t)c->metric, (uint64_t)(unsigned)c->period.from,
                        (uint64_t)(unsigned)c->period.to, 0};
    memcpy(&vals[4], &c->quantity.value, sizeof vals[4]);
    for (int i = 0; i < 5; i++)
        h = (h ^ vals[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

/* An atom of claim ci for a stated change or share, named "<prefix> of <what>". */
static int named_atom(checker *k, size_t ci, int field, const tf_stated *st, const char *prefix,
                      const char *what)
{
    char w2[128];
    tf_fmt(w2, sizeof w2, "%s of %s", prefix, what);
    return atom_from(k, ci, field, st, w2);
}

/* Whether claim ci repeats fact g's figure verbatim in the same note (same key and value,
 * no change or share that differs): then its MoM and YoY join g. 1 merged, 0 not, -1 out
 * of memory. */
static int merge_repeat(checker *k, size_t ci, fact *g)
{
    const tf_claim *c = &k->a->claims[ci];
    if (g->claim == (size_t)-1 || g->metric != c->metric || g->from != c->period.from ||
        g->to != c->period.to || strcmp(g->product, c->product) || strcmp(g->partner, c->partner))
        return 0;
    const tf_claim *d = &k->a->claims[g->claim];
    if (d->note != c->note || d->quantity.value != c->quantity.value ||
        (c->mom.has && d->mom.has && c->mom.value != d->mom.value) ||
        (c->yoy.has && d->yoy.has && c->yoy.value != d->yoy.value) ||
        (c->share.has && d->share.has && c->share.value != d->share.value))
        return 0;
    char what[96];
    fact_words(g, what, sizeof what);
    if (c->mom.has && g->amom < 0 && c->period.from == c->period.to &&
        (g->amom = named_atom(k, ci, F_MOM, &c->mom, "MoM", what)) < 0)
        return -1;
    if (c->yoy.has && g->ayoy < 0 && (g->ayoy = named_atom(k, ci, F_YOY, &c->yoy, "YoY", what)) < 0)
        return -1;
    return 1;
}

/* The fact of claim ci with the atoms of its quantity, MoM (of a month), YoY, changes in
 * the claim's unit and share (of a partner). 0, or -1 when out of memory. */
static int claim_fact(checker *k, size_t ci)
{
    const tf_claim *c = &k->a->claims[ci];
    int month = c->period.from == c->period.to;
    fact f;
    memset(&f, 0, sizeof f);
    f.metric = c->metric;
    f.product = c->product;
    f.partner = c->partner;
    f.from = c->period.from;
    f.to = c->period.to;
    f.named = c->period_named;
    f.claim = ci;
    f.amom = f.ayoy = f.ashare = f.amdiff = f.aydiff = f.ashpp = -1;
    char what[96];
    fact_words(&f, what, sizeof what);
    if ((f.aq = atom_from(k, ci, F_QTY, &c->quantity, what)) < 0 ||
        (c->mom.has && month &&
         (f.amom = named_atom(k, ci, F_MOM, &c->mom, "MoM", what)) < 0) ||
        (c->yoy.has && (f.ayoy = named_atom(k, ci, F_YOY, &c->yoy, "YoY", what)) < 0) ||
        (c->mom_diff.has && month &&
         (f.amdiff = named_atom(k, ci, F_MDIFF, &c->mom_diff, "change on the month before",
                                what)) < 0) ||
        (c->yoy_diff.has &&
         (f.aydiff = named_atom(k, ci, F_YDIFF, &c->yoy_diff, "change on a year earlier",
                                what)) < 0))
        return -1;
    if (c->share.has && strcmp(c->partner, "WLD")) {
        if ((f.ashare = named_atom(k, ci, F_SHARE, &c->share, "share", what)) < 0)
            return -1;
        f.share_of = c->share_of;
        f.share_labelled = c->share_labelled;
        if (c->share_pp.has && c->share_pp_back &&
            (f.ashpp = named_atom(k, ci, F_SHPP, &c->share_pp, "change in pp of the share",
                                  what)) < 0)
            return -1;
    }
    return add_fact(k, &f) ? -1 : 0;
}

/* A fact for every checkable claim; a figure repeated verbatim in the same note is one
 * statement (candidates found through a hash of note, key and value). -1: out of memory. */
static int build_claim_facts(checker *k)
{
    tf_audit *a = k->a;
    size_t nbuckets = 64;
    while (nbuckets < 2 * a->n_claims)
        nbuckets *= 2;
    size_t *head = malloc(nbuckets * sizeof *head), *next = NULL, capnext = 0;
    int rc = head ? 0 : -1;
    for (size_t b = 0; head && b < nbuckets; b++)
        head[b] = (size_t)-1;
    for (size_t ci = 0; ci < a->n_claims && !rc; ci++) {
        tf_claim *c = &a->claims[ci];
        if (!checkable(c->metric) || !c->product[0] || !c->quantity.has)
            continue;
        size_t bucket = (size_t)(claim_hash(c) & (nbuckets - 1));
        int merged = 0;
        for (size_t j = head[bucket]; j != (size_t)-1 && !merged; j = next[j])
            merged = merge_repeat(k, ci, &k->fa[j]);
        if (merged) {
            rc = merged < 0 ? -1 : 0;
            continue;
        }
        if (k->nfa >= capnext) {
            size_t nc = capnext ? capnext * 2 : 256;
            size_t *nn = realloc(next, nc * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            next = nn;
            capnext = nc;
        }
        next[k->nfa] = head[bucket];
        head[bucket] = k->nfa; /* the fact about to be added */
        rc = claim_fact(k, ci);
    }
    free(head);
    free(next);
    return rc;
}

static const char *keep_str(checker *k, const char *s)
{
    for (size_t i = 0; i < k->nstr; i++)
        if (!strcmp(k->strs[i], s))
            return k->strs[i];
    if (k->nstr == k->capstr) {
        /* strings are referenced by pointer: never move them */
        return NULL;
    }
    tf_scopy(k->strs[k->nstr], 48, s);
    return k->strs[k->nstr++];
}

static int stored_atom(checker *k, tf_metric m, const char *product, const char *partner,
                       int from, int to, double v)
{
    fact f;
    memset(&f, 0, sizeof f);
    f.metric = m;
    f.product = keep_str(k, product);
    f.partner = keep_str(k, partner);
    if (!f.product || !f.partner)
        return 0;
    f.from = from;
    f.to = to;
    f.named = 1;
    f.claim = (size_t)-1;
    f.amom = f.ayoy = f.ashare = -1;
    for (size_t i = 0; i < k->nfa; i++) {
        const fact *g = &k->fa[i];
        if (g->claim == (size_t)-1 && g->metric == m && g->from == from && g->to == to &&
            !strcmp(g->product, product) && !strcmp(g->partner, partner))
            return 0; /* already there */
    }
    atom x;
    memset(&x, 0, sizeof x);
    x.v = v;
    /* Stored to the kg. A whole number of tonnes ending in zeros may itself be a
     * rounded publication (a table compiled from notes): it gets the printed
     * figure's interval, to the thousand at most, once per month summed. */
    double half = 0.0005;
    if (v == floor(v) && v >= 1000) {
        double unit = 1;
        while (unit < 1000 && fmod(v, unit * 10) == 0)
            unit *= 10;
        if (unit > 1)
            half = unit / 2 * (to - from + 1);
    }
    x.lo = v - half;
    x.hi = v + half;
    x.claim = (size_t)-1;
    x.field = F_QTY;
    x.pmin = x.pmax = v;
    fact_words(&f, x.what, sizeof x.what);
    tf_scopy(x.what + strlen(x.what), sizeof x.what - strlen(x.what), " (store)");
    if ((f.aq = add_atom(k, &x)) < 0)
        return -1;
    return add_fact(k, &f);
}

/* Figures from the store for every product and month the claims name. */
static int build_store_facts(checker *k)
{
    const tf_audit_opts *o = k->opts;
    if (!o || !o->db || !o->ref)
        return 0;
    size_t nclaim_facts = k->nfa;
    for (size_t i = 0; i < nclaim_facts; i++) {
        fact f = k->fa[i];
        if (f.metric != TF_METRIC_IMPORT && f.metric != TF_METRIC_EXPORT &&
            f.metric != TF_METRIC_NET_IMPORT)
            continue;
        const tf_product *p = tf_refdata_product(o->ref, f.product);
        if (!p)
            continue;
        int months[3] = {f.to, f.to - 1, f.to - 12};
        for (int mi = 0; mi < 3; mi++) {
            int m = months[mi];
            int dup = 0;
            for (size_t j = nclaim_facts; j < k->nfa; j++)
                if (k->fa[j].to == m && !strcmp(k->fa[j].product, f.product) &&
                    k->fa[j].from == m)
                    dup = 1;
            if (dup)
                continue;
            char per[8];
            tf_fmt(per, sizeof per, "%04d-%02d", tf_mi_year(m), tf_mi_month(m));
            tf_query q;
            memset(&q, 0, sizeof q);
            q.product = p->name;
            q.classification = p->classification;
            q.codes = p->codes;
            q.n_codes = p->n_codes;
            q.reporter = "CHN";
            q.period = per;
            q.top = 50;
            tf_report *r = NULL;
            tf_status st = tf_report_compute(o->db, o->ref, &q, &r);
            if (st == TF_ERR_DB) {
                tf_report_free(&r);
                return -2;
            }
            if (st != TF_OK || !r)
                continue;
            const tf_flow_figures *ff[3] = {&r->import, &r->export, &r->net_import};
            tf_metric mm[3] = {TF_METRIC_IMPORT, TF_METRIC_EXPORT, TF_METRIC_NET_IMPORT};
            for (int z = 0; z < 3; z++) {
                if (ff[z]->quantity.has &&
                    stored_atom(k, mm[z], p->name, "WLD", m, m, ff[z]->quantity.v) < 0)
                    goto nomem;
                if (ff[z]->ytd.has && tf_mi_month(m) > 1 &&
                    stored_atom(k, mm[z], p->name, "WLD", m - tf_mi_month(m) + 1, m,
                                ff[z]->ytd.v) < 0)
                    goto nomem;
            }
            const tf_breakdown *bd[2] = {&r->import_breakdown, &r->export_breakdown};
            for (int z = 0; z < 2; z++)
                for (size_t j = 0; j < bd[z]->n_partners; j++) {
                    const tf_partner_figures *pf = &bd[z]->partners[j];
                    if (strlen(pf->partner) == 3 &&
                        stored_atom(k, mm[z], p->name, pf->partner, m, m, pf->quantity) < 0)
                        goto nomem;
                }
            tf_report_free(&r);
            continue;
        nomem:
            tf_report_free(&r);
            return -1;
        }
    }
    return 0;
}

static int key_cmp(const fact *f, tf_metric m, const char *product, const char *partner,
                   int from, int to)
{
    if (f->metric != m)
        return f->metric < m ? -1 : 1;
    int c = strcmp(f->product, product);
    if (c)
        return c;
    if ((c = strcmp(f->partner, partner)))
        return c;
    if (f->from != from)
        return f->from < from ? -1 : 1;
    if (f->to != to)
        return f->to < to ? -1 : 1;
    return 0;
}

typedef struct ordent {
    const fact *f;
    size_t i;
} ordent;

static int ord_cmp(const void *x, const void *y)
{
    const ordent *a = x, *b = y;
    int c = key_cmp(a->f, b->f->metric, b->f->product, b->f->partner, b->f->from, b->f->to);
    if (c)
        return c;
    return a->i < b->i ? -1 : 1; /* statement order within a key */
}

static int build_order(checker *k)
{
    free(k->ord);
    k->ord = malloc((k->nfa ? k->nfa : 1) * sizeof *k->ord);
    ordent *e = malloc((k->nfa ? k->nfa : 1) * sizeof *e);
    if (!k->ord || !e) {
        free(e);
        return -1;
    }
    for (size_t i = 0; i < k->nfa; i++) {
        e[i].f = &k->fa[i];
        e[i].i = i;
    }
    qsort(e, k->nfa, sizeof *e, ord_cmp);
    for (size_t i = 0; i < k->nfa; i++)
        k->ord[i] = e[i].i;
    free(e);
    return 0;
}

/* The facts with one key: ord[*lo .. *hi). */
static void key_range(const checker *k, tf_metric m, const char *product, const char *partner,
                      int from, int to, size_t *lo, size_t *hi)
{
    size_t l = 0, h = k->nfa;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (key_cmp(&k->fa[k->ord[mid]], m, product, partner, from, to) < 0)
            l = mid + 1;
        else
            h = mid;
    }
    *lo = l;
    h = l;
    while (h < k->nfa && !key_cmp(&k->fa[k->ord[h]], m, product, partner, from, to))
        h++;
    *hi = h;
}

/* The statement of a figure to check others against: the one in the note
 * being checked (k->prefer_note), so that a note's own equations stay its
 * own; else the store's; else the first named one. */
static const fact *find_fact(const checker *k, tf_metric m, const char *product,
                             const char *partner, int from, int to, size_t skip_claim)
{
    size_t lo, hi;
    key_range(k, m, product, partner, from, to, &lo, &hi);
    const fact *best = NULL, *same_note = NULL, *store = NULL;
    for (size_t i = lo; i < hi; i++) {
        const fact *f = &k->fa[k->ord[i]];
        if (skip_claim != (size_t)-1 && f->claim == skip_claim)
            continue;
        if (f->claim == (size_t)-1) {
            store = f;
            continue;
        }
        if (!f->named)
            continue;
        if (!best)
            best = f;
        if (!same_note && k->a->claims[f->claim].note == k->prefer_note)
            same_note = f;
    }
    return same_note ? same_note : store ? store : best;
}

static void eq_text(checker *k, eqn *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void eq_text(checker *k, eqn *e, const char *fmt, ...)
{
    (void)k;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
}

/* The shares of different partners in one total (same metric, product and
 * labelled period, each partner once, consignment basis) add up to at most
 * 100 % (DOMAIN.md §3: shares of one total), every share of the group in
 * one equation. 0 or -1 (no memory). */
static int shares_sum_in(checker *k, int **members_p, int *capm);

static int shares_sum(checker *k)
{
    int *members = NULL, capm = 0, r = shares_sum_in(k, &members, &capm);
    free(members);
    return r;
}

static int shares_sum_in(checker *k, int **members_p, int *capm)
{
    size_t nf = k->nfa;
    int *members = *members_p;
    for (size_t i = 0; i < nf; i++) {
        const fact *f = &k->fa[i];
        if (f->ashare < 0 || f->claim == (size_t)-1 || strchr(f->partner, ':'))
            continue;
        int first = 1, n = 0;
        for (size_t j = 0; j < nf && first; j++) {
            const fact *g = &k->fa[j];
            if (g->ashare < 0 || g->claim == (size_t)-1 || strchr(g->partner, ':') ||
                g->metric != f->metric || strcmp(g->product, f->product) ||
                g->share_of.from != f->share_of.from || g->share_of.to != f->share_of.to ||
                k->a->claims[g->claim].note != k->a->claims[f->claim].note)
                continue;
            if (j < i) {
                first = 0; /* the group was taken at its first member */
                break;
            }
            int dup = 0;
            for (int z = 0; z < n; z++)
                dup |= !strcmp(k->fa[members[z]].partner, g->partner);
            if (!dup && eq_room((void **)members_p, capm, n, sizeof **members_p))
                return -1;
            if (!dup)
                (*members_p)[n++] = (int)j;
            members = *members_p;
        }
        if (!first || n < 2)
            continue;
        eqn *e;
        /* without the total stated, each partner's figure and share imply it:
         * q1 / s1 = q2 / s2, which also bounds the shares (DOMAIN.md §3) */
        if (!find_fact(k, f->metric, f->product, "WLD", f->share_of.from, f->share_of.to,
                       (size_t)-1)) {
            const fact *g0 = &k->fa[members[0]];
            for (int z = 1; z < n; z++) {
                const fact *g = &k->fa[members[z]];
                if (!(e = new_eq(k, "implied-total")))
                    return -1;
                /* written q1 x s2 = q2 x s1: no figure in a divisor, so a share
                 * solved for stays bounded */
                e->lhs = O(e, OP_MUL, A(e, g0->aq), A(e, g->ashare));
                e->rhs = O(e, OP_MUL, A(e, g->aq), A(e, g0->ashare));
                eq_text(k, e, "one total implied by two partners' shares: %s x the other's "
                        "share = %s x its own share", k->at[g0->aq].what, k->at[g->aq].what);
            }
            continue;
        }
        e = new_eq(k, "shares-sum");
        if (!e)
            return -1;
        e->le = 1;
        int sum = A(e, k->fa[members[0]].ashare);
        for (int z = 1; z < n; z++)
            sum = O(e, OP_ADD, sum, A(e, k->fa[members[z]].ashare));
        e->lhs = sum;
        e->rhs = nd(e, OP_CONST, 0, 0, -1, 100);
        eq_text(k, e, "the shares of %d partners in one total add up to at most 100%%", n);
    }
    return 0;
}

/* Two printed figures that agree exactly, both present. */
static int same_print(const checker *k, int a1, int a2)
{
    return a1 >= 0 && a2 >= 0 && k->at[a1].v == k->at[a2].v && k->at[a1].dec == k->at[a2].dec;
}

/* An earlier statement of the key run ord[lo..r) in the same note that restates the fact
 * ord[r]: its MoM or YoY is printed the same and not zero, or its quantity is (a sentence
 * repeated in a summary, a title or a lead). Such a pair is one figure told twice, not two
 * concepts: the note's origin and consignment figures have keys of their own. */
/* 1 when claim c was read from the note's headline (its TITLE: line, extract.c
 * read_headline): a headline restates the body, so its figure and the body's figure of the
 * same thing are one figure, in whatever rounding each prints it. */
static int headline_claim(const checker *k, size_t c)
{
    const tf_claim *cl = &k->a->claims[c];
    const tf_note *nt = &k->a->notes[cl->note];
    if (!nt->title[0]) /* no TITLE: header line (found at once: this is called for every
                          pair of statements of one thing, a long line was walked each time) */
        return 0;
    const char *t = nt->text;
    while (t && strncmp(t, "TITLE:", 6)) { /* the header line, at the note's top */
        t = memchr(t, '\n', nt->len - (size_t)(t - nt->text));
        t = t ? t + 1 : NULL;
    }
    if (!t)
        return 0;
    const char *e = memchr(t, '\n', nt->len - (size_t)(t - nt->text));
    size_t tb = (size_t)(t - nt->text), te = e ? (size_t)(e - nt->text) : nt->len;
    return cl->sent_start >= tb && cl->sent_start < te;
}

static size_t restated(const checker *k, size_t lo, size_t r, size_t note)
{
    const fact *f = &k->fa[k->ord[r]];
    for (size_t q = lo; q < r; q++) {
        const fact *g = &k->fa[k->ord[q]];
        if (g->claim == (size_t)-1 || !g->named || k->a->claims[g->claim].note != note)
            continue;
        if (headline_claim(k, f->claim) || headline_claim(k, g->claim) ||
            (same_print(k, f->amom, g->amom) && k->at[f->amom].v != 0) ||
            (same_print(k, f->ayoy, g->ayoy) && k->at[f->ayoy].v != 0) ||
            same_print(k, f->aq, g->aq))
            return k->ord[q];
    }
    return (size_t)-1;
}

/* For each statement, the one to compare it with: the store's figure where it has one,
 * else the earliest named statement of the same key in another note ((size_t)-1: none).
 * Found in one pass over each key's run of the fact order. NULL when out of memory. */
static size_t *same_figure_refs(const checker *k)
{
    size_t *same_ref = malloc((k->nfa + 1) * sizeof *same_ref);
    if (!same_ref)
        return NULL;
    for (size_t i = 0; i < k->nfa; i++)
        same_ref[i] = (size_t)-1;
    for (size_t lo = 0; lo < k->nfa;) {
        const fact *f0 = &k->fa[k->ord[lo]];
        size_t hi = lo + 1;
        while (hi < k->nfa && !key_cmp(&k->fa[k->ord[hi]], f0->metric, f0->product, f0->partner,
                                       f0->from, f0->to))
            hi++;
        size_t store = (size_t)-1, r0 = (size_t)-1, r1 = (size_t)-1;
        for (size_t r = lo; r < hi; r++) {
            size_t j = k->ord[r];
            const fact *g = &k->fa[j];
            if (g->claim == (size_t)-1) {
                if (store == (size_t)-1)
                    store = j;
            } else if (g->named) {
                if (r0 == (size_t)-1)
                    r0 = j;
                else if (r1 == (size_t)-1 &&
                         k->a->claims[g->claim].note != k->a->claims[k->fa[r0].claim].note)
                    r1 = j;
            }
        }
        for (size_t r = lo; r < hi; r++) {
            size_t j = k->ord[r];
            const fact *g = &k->fa[j];
            if (g->claim == (size_t)-1 || !g->named)
                continue;
            size_t note = k->a->claims[g->claim].note;
            /* two figures for one thing in one note are two concepts the writer
             * tells apart (origin and consignment, say): not compared */
            if (store != (size_t)-1)
                same_ref[j] = store; /* the store is the reference where it has the figure */
            else if (r0 != (size_t)-1 && r0 < j && k->a->claims[k->fa[r0].claim].note != note)
                same_ref[j] = r0;
            else if (r1 != (size_t)-1 && r1 < j && k->a->claims[k->fa[r1].claim].note != note)
                same_ref[j] = r1;
            else
                same_ref[j] = restated(k, lo, r, note);
        }
        lo = hi;
    }
    return same_ref;
}

/* The same figure stated twice: its quantity, MoM and YoY equal the reference's. */
static int eq_same_figure(checker *k, const fact *f, const fact *g)
{
    int pairs[3][2] = {{f->aq, g->aq}, {f->amom, g->amom}, {f->ayoy, g->ayoy}};
    for (int z = 0; z < 3; z++) {
        if (pairs[z][0] < 0 || pairs[z][1] < 0)
            continue;
        eqn *e = new_eq(k, "same-figure");
        if (!e)
            return -1;
        e->lhs = A(e, pairs[z][0]);
        e->rhs = A(e, pairs[z][1]);
        eq_text(k, e, "%s stated twice", k->at[pairs[z][0]].what);
    }
    return 0;
}

/* MoM and YoY against the base periods: x / (1 + p) = x(base) (DOMAIN.md section 3). */
static int eq_bases(checker *k, const fact *f)
{
    for (int z = 0; z < 2; z++) {
        int ap = z ? f->ayoy : f->amom, back = z ? 12 : 1;
        if (ap < 0)
            continue;
        const fact *g = find_fact(k, f->metric, f->product, f->partner, f->from - back,
                                  f->to - back, (size_t)-1);
        if (!g)
            continue;
        eqn *e = new_eq(k, z ? "yoy-base" : "mom-base");
        if (!e)
            return -1;
        e->lhs = O(e, OP_DIV, A(e, f->aq), G(e, ap));
        e->rhs = A(e, g->aq);
        eq_text(k, e, "%s / (1 + %s) = %s", k->at[f->aq].what, z ? "YoY" : "MoM",
                k->at[g->aq].what);
    }
    return 0;
}

/* A period's share of the total's longer period ("上半年进口量占全年的57.1%"): share = 100 x
 * the part / the whole (DOMAIN.md section 2, share), for the total's figures only (a
 * partner's share is eq_share's). Kept out of the partners' shares that add up to 100. */
static int eq_period_share(checker *k, const fact *f)
{
    const tf_claim *c = &k->a->claims[f->claim];
    tf_span_period w = c->share_of;
    if (!c->share.has || strcmp(c->partner, "WLD") || w.to - w.from <= f->to - f->from ||
        w.from > f->from || w.to < f->to)
        return 0;
    const fact *g = find_fact(k, f->metric, f->product, "WLD", w.from, w.to, (size_t)-1);
    if (!g)
        return 0;
    char what[96];
    fact_words(f, what, sizeof what);
    int as = named_atom(k, f->claim, F_SHARE, &c->share, "share of the longer period", what);
    if (as < 0)
        return -1;
    eqn *e = new_eq(k, "share");
    if (!e)
        return -1;
    e->lhs = A(e, as);
    e->rhs = O(e, OP_DIV, O(e, OP_MUL, A(e, f->aq), nd(e, OP_CONST, 0, 0, -1, 100)), A(e, g->aq));
    eq_text(k, e, "share = 100 x %s / %s", k->at[f->aq].what, k->at[g->aq].what);
    return 0;
}

/* The change of a quarter or a half year on the one before ("四季度…环比增长13.3%",
 * "下半年较上半年减少24.8%"): x / (1 + p) = x(the span before), as for a month's MoM
 * (DOMAIN.md section 3) with the span's own length as the step back. Only calendar
 * quarters and halves: a cumulative range (January-May) has no period "before" it. */
static int eq_span_change(checker *k, const fact *f)
{
    const tf_claim *c = &k->a->claims[f->claim];
    int span = f->to - f->from + 1;
    if (!c->mom.has || (span != 3 && span != 6) || f->from % span)
        return 0;
    const fact *g = find_fact(k, f->metric, f->product, f->partner, f->from - span,
                              f->to - span, (size_t)-1);
    if (!g)
        return 0;
    char what[96];
    fact_words(f, what, sizeof what);
    int ap = named_atom(k, f->claim, F_MOM, &c->mom, "change on the period before", what);
    if (ap < 0)
        return -1;
    eqn *e = new_eq(k, "mom-base");
    if (!e)
        return -1;
    e->lhs = O(e, OP_DIV, A(e, f->aq), G(e, ap));
    e->rhs = A(e, g->aq);
    eq_text(k, e, "%s / (1 + change on the period before) = %s", k->at[f->aq].what,
            k->at[g->aq].what);
    return 0;
}

/* "rose by X": x(m) - x(m-1) = X, or with the MoM alone x - x/(1+MoM) = X; "up 29%
 * year-on-year, by 89,000 t": the same against a year earlier with the YoY. */
static int eq_differences(checker *k, const fact *f)
{
    for (int z = 0; z < 2; z++) {
        int ad = z ? f->aydiff : f->amdiff, ap = z ? f->ayoy : f->amom, back = z ? 12 : 1;
        if (ad < 0)
            continue;
        const fact *g = find_fact(k, f->metric, f->product, f->partner, f->from - back,
                                  f->to - back, (size_t)-1);
        if (!g && ap < 0)
            continue;
        eqn *e = new_eq(k, z ? "yoy-difference" : "mom-difference");
        if (!e)
            return -1;
        /* x - x/(1+p) written x * (1 - 1/(1+p)): each figure once, so the interval is
         * exact */
        e->lhs = g ? O(e, OP_SUB, A(e, f->aq), A(e, g->aq))
                   : O(e, OP_MUL, A(e, f->aq),
                       O(e, OP_SUB, C(e, 1), O(e, OP_DIV, C(e, 1), G(e, ap))));
        e->rhs = A(e, ad);
        if (z)
            eq_text(k, e, "%s - the same a year earlier = the change stated",
                    k->at[f->aq].what);
        else if (g)
            eq_text(k, e, "%s - %s = the change stated", k->at[f->aq].what, k->at[g->aq].what);
        else
            eq_text(k, e, "%s - %s / (1 + MoM) = the change stated", k->at[f->aq].what,
                    k->at[f->aq].what);
    }
    return 0;
}

/* "up from B": B <= x; "down from B": x <= B (the base's claim says which). */
static int eq_direction(checker *k, const fact *f, size_t nf)
{
    const tf_claim *bc = &k->a->claims[f->claim];
    for (size_t j = 0; bc->base_direction && j < nf; j++) {
        const fact *m = &k->fa[j];
        if (m->claim != bc->base_of || m->metric != f->metric)
            continue;
        eqn *e = new_eq(k, "direction");
        if (!e)
            return -1;
        e->le = 1;
        /* net exports are negative net imports: "down from" speaks of their size */
        int dir = bc->base_direction;
        if (k->at[f->aq].v < 0 && k->at[m->aq].v < 0)
            dir = -dir;
        int lo = dir > 0 ? f->aq : m->aq;
        int hi = dir > 0 ? m->aq : f->aq;
        e->lhs = A(e, lo);
        e->rhs = A(e, hi);
        eq_text(k, e, "%s <= %s (the note says the figure went %s from its base)",
                k->at[lo].what, k->at[hi].what, bc->base_direction > 0 ? "up" : "down");
        break;
    }
    return 0;
}

/* net import = import - export, and its changes: net/(1+p_net) = import/(1+p_import) -
 * export/(1+p_export) (DOMAIN.md sections 2, 3). */
static int eq_net(checker *k, const fact *f)
{
    if (f->metric != TF_METRIC_NET_IMPORT)
        return 0;
    const fact *im = find_fact(k, TF_METRIC_IMPORT, f->product, f->partner, f->from, f->to,
                               (size_t)-1);
    const fact *ex = find_fact(k, TF_METRIC_EXPORT, f->product, f->partner, f->from, f->to,
                               (size_t)-1);
    if (!im || !ex)
        return 0;
    eqn *e = new_eq(k, "net");
    if (!e)
        return -1;
    e->lhs = A(e, f->aq);
    e->rhs = O(e, OP_SUB, A(e, im->aq), A(e, ex->aq));
    eq_text(k, e, "net imports = imports - exports (%s)", k->at[f->aq].what);
    int pn[2] = {f->amom, f->ayoy}, pi[2] = {im->amom, im->ayoy}, px[2] = {ex->amom, ex->ayoy};
    for (int z = 0; z < 2; z++) {
        if (pn[z] < 0 || pi[z] < 0 || px[z] < 0)
            continue;
        if (!(e = new_eq(k, z ? "net-yoy" : "net-mom")))
            return -1;
        e->lhs = O(e, OP_DIV, A(e, f->aq), G(e, pn[z]));
        e->rhs = O(e, OP_SUB, O(e, OP_DIV, A(e, im->aq), G(e, pi[z])),
                   O(e, OP_DIV, A(e, ex->aq), G(e, px[z])));
        const char *p = z ? "YoY" : "MoM";
        eq_text(k, e,
                "net imports / (1 + %s of net imports) = imports / (1 + %s of "
                "imports) - exports / (1 + %s of exports) (the bases of %s)",
                p, p, p, k->at[f->aq].what);
    }
    return 0;
}

/* YTD(a..b) = YTD(a..b-1) + month(b); a partner's figure is part of the total. */
static int eq_ytd_part(checker *k, const fact *f)
{
    eqn *e;
    if (f->to > f->from) {
        const fact *prev = find_fact(k, f->metric, f->product, f->partner, f->from, f->to - 1,
                                     (size_t)-1);
        const fact *mon =
            find_fact(k, f->metric, f->product, f->partner, f->to, f->to, (size_t)-1);
        if (prev && mon) {
            if (!(e = new_eq(k, "ytd-chain")))
                return -1;
            e->lhs = A(e, f->aq);
            e->rhs = O(e, OP_ADD, A(e, prev->aq), A(e, mon->aq));
            eq_text(k, e, "%s = %s + %s", k->at[f->aq].what, k->at[prev->aq].what,
                    k->at[mon->aq].what);
        }
    }
    if (strcmp(f->partner, "WLD")) {
        const fact *w = find_fact(k, f->metric, f->product, "WLD", f->from, f->to, (size_t)-1);
        if (w) {
            if (!(e = new_eq(k, "part-of-total")))
                return -1;
            e->le = 1;
            e->lhs = A(e, f->aq);
            e->rhs = A(e, w->aq);
            eq_text(k, e, "%s <= %s", k->at[f->aq].what, k->at[w->aq].what);
        }
    }
    return 0;
}

/* share = 100 x part / total, the total of the period the share is labelled with; a total
 * of the month before comes from this month's total and its MoM. */
static int eq_share(checker *k, const fact *f)
{
    if (f->ashare < 0)
        return 0;
    tf_span_period lab = f->share_of;
    const fact *w = find_fact(k, f->metric, f->product, "WLD", lab.from, lab.to, (size_t)-1);
    const fact *wn = NULL;
    if (!w && lab.from == lab.to)
        wn = find_fact(k, f->metric, f->product, "WLD", lab.from + 1, lab.to + 1, (size_t)-1);
    if (wn && wn->amom < 0)
        wn = NULL;
    if (!w && !wn)
        return 0;
    char per[48];
    tf_period_words(lab, per, sizeof per);
    eqn *e = new_eq(k, "share");
    if (!e)
        return -1;
    e->lhs = A(e, f->ashare);
    if (w) {
        e->rhs = O(e, OP_DIV, O(e, OP_MUL, A(e, f->aq), nd(e, OP_CONST, 0, 0, -1, 100)),
                   A(e, w->aq));
        eq_text(k, e, "share = 100 x %s / %s", k->at[f->aq].what, k->at[w->aq].what);
    } else {
        e->rhs = O(e, OP_DIV, O(e, OP_MUL, A(e, f->aq), nd(e, OP_CONST, 0, 0, -1, 100)),
                   O(e, OP_DIV, A(e, wn->aq), G(e, wn->amom)));
        eq_text(k, e, "share = 100 x %s / total of %s (implied by %s and its MoM)",
                k->at[f->aq].what, per, k->at[wn->aq].what);
    }
    if (f->share_labelled && (lab.from != f->from || lab.to != f->to))
        e->label_claim = (int)f->claim + 1;
    return 0;
}

/* The equation of group claim ci: share = 100 x (the members' figures summed) / total
 * (DOMAIN.md section 3, shares: a share of several partners is the share of their sum).
 * 0 also when a member's figure or the total is not stated; -1 out of memory. */
static int group_share(checker *k, size_t ci)
{
    const tf_claim *c = &k->a->claims[ci];
    k->prefer_note = c->note;
    const fact *w = find_fact(k, c->metric, c->product, "WLD", c->share_of.from, c->share_of.to,
                              (size_t)-1);
    const fact *m[16];
    int n = 0;
    for (const char *p = c->group; w && *p && n < 16; p += p[3] == '+' ? 4 : 3) {
        char iso[4] = {p[0], p[1], p[2], 0};
        if (!(m[n++] = find_fact(k, c->metric, c->product, iso, c->period.from, c->period.to,
                                 (size_t)-1)))
            return 0;
        if (!p[3])
            break;
    }
    if (!w || n < 2)
        return 0;
    char what[96], per[48];
    tf_period_words(c->period, per, sizeof per);
    tf_fmt(what, sizeof what, "%s of %s from %s, %s", metric_words(c->metric), c->product,
           c->group, per);
    int as = named_atom(k, ci, F_SHARE, &c->share, "share", what);
    eqn *e = as < 0 ? NULL : new_eq(k, "group-share");
    if (!e)
        return -1;
    int sum = A(e, m[0]->aq);
    for (int j = 1; j < n; j++)
        sum = O(e, OP_ADD, sum, A(e, m[j]->aq));
    e->lhs = A(e, as);
    e->rhs = O(e, OP_DIV, O(e, OP_MUL, sum, C(e, 100)), A(e, w->aq));
    eq_text(k, e, "share = 100 x (the figures of %s, %s) / %s", c->group, per,
            k->at[w->aq].what);
    return 0;
}

/* Every group share of the notes (tf_claim.group) as an equation. 0 or -1 (no memory). */
static int group_shares(checker *k)
{
    for (size_t ci = 0; ci < k->a->n_claims; ci++) {
        const tf_claim *c = &k->a->claims[ci];
        if (c->group[0] && c->share.has && checkable(c->metric) && c->product[0] &&
            group_share(k, ci))
            return -1;
    }
    return 0;
}

/* 1 when the partners linked to total wi (head/next lists) include the rest of the list
 * ("其他国家", partner OTH): the named partners and the rest are the whole total. */
static int rest_listed(const checker *k, const size_t *head, const size_t *next, size_t wi)
{
    for (size_t j = head[wi]; j != (size_t)-1; j = next[j])
        if (!strcmp(k->fa[j].partner, "OTH"))
            return 1;
    return 0;
}

/* The number of partners in group `key` (港澳台: Hong Kong, Macao, Taiwan; ASEAN's ten
 * members; the EU's 27 since 2020), or a number no list reaches when it is not known. */
static int group_size(const char *key)
{
    return !strcmp(key, "HMT") ? 3 : !strcmp(key, "ASEAN") ? 10 : !strcmp(key, "EU") ? 27 : 1000;
}

/* Lists linking facts to the fact they are parts of: head[w] the first part of fact w,
 * next[i] the part after fact i, both (size_t)-1 at the end; n facts. 0, or -1 (no
 * memory; the caller frees both either way). */
static int fact_lists(size_t n, size_t **head, size_t **next)
{
    *head = malloc((n ? n : 1) * sizeof **head);
    *next = malloc((n ? n : 1) * sizeof **next);
    if (!*head || !*next)
        return -1;
    for (size_t i = 0; i < n; i++)
        (*head)[i] = (*next)[i] = (size_t)-1;
    return 0;
}

/* The members of a group of partners ("东盟合计142.3千吨，其中越南48.7千吨…": partners keyed
 * "VNM:ASEAN" by the Chinese reader) add up to at most the group's figure of the same
 * flow, product and period, and to it exactly when the group's rest is listed ("东盟其他国家",
 * OTH:ASEAN) or all its members are (group_size): parts of a total (DOMAIN.md section 2).
 * 0 or -1 (no memory). */
static int members_sum(checker *k)
{
    size_t nf = k->nfa, *head, *next;
    int rc = fact_lists(nf, &head, &next);
    for (size_t i = nf; i-- > 0 && !rc;) {
        const fact *f = &k->fa[i];
        const char *g = f->claim == (size_t)-1 ? NULL : strchr(f->partner, ':');
        if (!g || !strcmp(g, ":origin"))
            continue;
        k->prefer_note = k->a->claims[f->claim].note;
        const fact *w = find_fact(k, f->metric, f->product, g + 1, f->from, f->to, (size_t)-1);
        if (!w || w->claim == (size_t)-1 || k->a->claims[w->claim].note != k->prefer_note)
            continue;
        next[i] = head[w - k->fa];
        head[w - k->fa] = i;
    }
    for (size_t wi = 0; wi < nf && !rc; wi++) {
        if (head[wi] == (size_t)-1 || next[head[wi]] == (size_t)-1)
            continue;
        eqn *e = new_eq(k, "members-sum");
        if (!e) {
            rc = -1;
            break;
        }
        e->le = 1;
        int sum = A(e, k->fa[head[wi]].aq), n = 1;
        for (size_t j = next[head[wi]]; j != (size_t)-1; j = next[j], n++) {
            sum = O(e, OP_ADD, sum, A(e, k->fa[j].aq));
            e->le = e->le && strncmp(k->fa[j].partner, "OTH:", 4);
        }
        e->le = e->le && strncmp(k->fa[head[wi]].partner, "OTH:", 4) &&
                n < group_size(k->fa[wi].partner);
        e->lhs = sum;
        e->rhs = A(e, k->fa[wi].aq);
        eq_text(k, e, "the figures of %d members add up to %s%s", n, e->le ? "at most " : "",
                k->at[k->fa[wi].aq].what);
    }
    free(head);
    free(next);
    return rc;
}

/* Every equation the stated figures (and the store's) must satisfy (docs/audit.md
 * section 4), in the order of the facts; then the sums of shares. -1: out of memory. */
/* The partners' figures of one note for one metric, product and period add
 * up to at most the world total the note gives for it (DOMAIN.md §2: a
 * partner's figure is a part of the total, and different partners are
 * different parts). Partners counted by origin (":origin") are another
 * breakdown and stay out; a partner stated twice counts once. Partner facts
 * are linked to their world fact in one pass (head/next lists), so the
 * equations cost n log n. 0 or -1 (no memory). */
static int partners_sum(checker *k)
{
    size_t nf = k->nfa, *head, *next;
    int rc = fact_lists(nf, &head, &next);
    for (size_t i = nf; i-- > 0 && !rc;) {
        const fact *f = &k->fa[i];
        if (f->claim == (size_t)-1 || !f->named || !strcmp(f->partner, "WLD") ||
            strchr(f->partner, ':'))
            continue;
        size_t note = k->a->claims[f->claim].note;
        k->prefer_note = note;
        const fact *w = find_fact(k, f->metric, f->product, "WLD", f->from, f->to, (size_t)-1);
        if (!w || w->claim == (size_t)-1 || k->a->claims[w->claim].note != note)
            continue;
        size_t wi = (size_t)(w - k->fa), dup = 0;
        for (size_t j = head[wi]; j != (size_t)-1 && !dup; j = next[j])
            dup = !strcmp(k->fa[j].partner, f->partner);
        if (dup)
            continue;
        next[i] = head[wi];
        head[wi] = i;
    }
    for (size_t wi = 0; wi < nf && !rc; wi++) {
        if (head[wi] == (size_t)-1 || next[head[wi]] == (size_t)-1)
            continue; /* one partner: part-of-total says it all */
        eqn *e = new_eq(k, "partners-sum");
        if (!e) {
            rc = -1;
            break;
        }
        e->le = !rest_listed(k, head, next, wi);
        int sum = A(e, k->fa[head[wi]].aq), n = 1;
        for (size_t j = next[head[wi]]; j != (size_t)-1; j = next[j], n++)
            sum = O(e, OP_ADD, sum, A(e, k->fa[j].aq));
        e->lhs = sum;
        e->rhs = A(e, k->fa[wi].aq);
        eq_text(k, e, "the figures of %d partners add up to %s%s", n, e->le ? "at most " : "",
                k->at[k->fa[wi].aq].what);
    }
    free(head);
    free(next);
    return rc;
}

/* A range of months as two ranges that split it, neither a single last month (that is the
 * ytd-chain): the first half = the first quarter + the second (一季度 + 二季度 = 上半年),
 * January-October = January-June + July-October (DOMAIN.md section 3, cumulative).
 * 0 or -1 (no memory). */
static int eq_range_split(checker *k, const fact *f)
{
    for (int mid = f->from; mid + 1 < f->to; mid++) {
        const fact *a = find_fact(k, f->metric, f->product, f->partner, f->from, mid, (size_t)-1);
        const fact *b = a ? find_fact(k, f->metric, f->product, f->partner, mid + 1, f->to,
                                      (size_t)-1)
                          : NULL;
        if (!b)
            continue;
        eqn *e = new_eq(k, "range-sum");
        if (!e)
            return -1;
        e->lhs = A(e, f->aq);
        e->rhs = O(e, OP_ADD, A(e, a->aq), A(e, b->aq));
        eq_text(k, e, "%s = %s + %s", k->at[f->aq].what, k->at[a->aq].what, k->at[b->aq].what);
    }
    return 0;
}

/* A range of three or four whole quarters as the sum of its quarters (前三季度 = 一季度 +
 * 二季度 + 三季度; two are the range-sum's). 0 or -1 (no memory). */
static int eq_quarters_sum(checker *k, const fact *f)
{
    int len = f->to - f->from + 1;
    if (f->from % 3 || (len != 9 && len != 12))
        return 0;
    const fact *q[4];
    for (int j = 0; j < len / 3; j++)
        if (!(q[j] = find_fact(k, f->metric, f->product, f->partner, f->from + 3 * j,
                               f->from + 3 * j + 2, (size_t)-1)))
            return 0;
    eqn *e = new_eq(k, "quarters-sum");
    if (!e)
        return -1;
    int sum = A(e, q[0]->aq);
    for (int j = 1; j < len / 3; j++)
        sum = O(e, OP_ADD, sum, A(e, q[j]->aq));
    e->lhs = A(e, f->aq);
    e->rhs = sum;
    eq_text(k, e, "%s = the sum of its %d quarters", k->at[f->aq].what, len / 3);
    return 0;
}

/* A range of months as the sum of all its months when the note states each ("Q2 came
 * to 666,100 t: April brought 250,500 t, May 223,200 t and June 192,400 t"; DOMAIN.md
 * section 3, cumulative). Three to twelve months. 0 or -1 (no memory). */
static int eq_months_sum(checker *k, const fact *f)
{
    int len = f->to - f->from + 1; /* two months are the ytd-chain's equation already */
    if (len < 3 || len > 12)
        return 0;
    const fact *m[12];
    for (int p = 0; p < len; p++)
        if (!(m[p] = find_fact(k, f->metric, f->product, f->partner, f->from + p, f->from + p,
                               (size_t)-1)))
            return 0;
    eqn *e = new_eq(k, "months-sum");
    if (!e)
        return -1;
    int sum = A(e, m[0]->aq);
    for (int p = 1; p < len; p++)
        sum = O(e, OP_ADD, sum, A(e, m[p]->aq));
    e->lhs = A(e, f->aq);
    e->rhs = sum;
    eq_text(k, e, "%s = the sum of its %d months", k->at[f->aq].what, len);
    return 0;
}

/* A share's change in percentage points ("占比61.2%，较上月提高1.3个百分点"): the share less
 * the change is the partner's share of the month compared with, stated there or implied by
 * the partner's figure and the total of that month: share(p) - pp = share(p - back) =
 * 100 x partner(p - back) / total(p - back) (DOMAIN.md section 3, shares; pp). 0 or -1. */
static int eq_share_pp(checker *k, const fact *f)
{
    if (f->ashpp < 0)
        return 0;
    int back = k->a->claims[f->claim].share_pp_back;
    const fact *p = find_fact(k, f->metric, f->product, f->partner, f->from - back, f->to - back,
                              (size_t)-1);
    const fact *w = find_fact(k, f->metric, f->product, "WLD", f->from - back, f->to - back,
                              (size_t)-1);
    if (!p || (p->ashare < 0 && !w))
        return 0;
    eqn *e = new_eq(k, "share-pp");
    if (!e)
        return -1;
    e->lhs = O(e, OP_SUB, A(e, f->ashare), A(e, f->ashpp));
    if (p->ashare >= 0) {
        e->rhs = A(e, p->ashare);
        eq_text(k, e, "%s - %s = %s", k->at[f->ashare].what, k->at[f->ashpp].what,
                k->at[p->ashare].what);
    } else {
        e->rhs = O(e, OP_DIV, O(e, OP_MUL, A(e, p->aq), C(e, 100)), A(e, w->aq));
        eq_text(k, e, "%s - %s = 100 x %s / %s", k->at[f->ashare].what, k->at[f->ashpp].what,
                k->at[p->aq].what, k->at[w->aq].what);
    }
    return 0;
}

static int build_equations(checker *k)
{
    size_t *same_ref = same_figure_refs(k);
    if (!same_ref)
        return -1;
    size_t nf = k->nfa;
    int rc = 0;
    for (size_t i = 0; i < nf && !rc; i++) {
        const fact *f = &k->fa[i];
        if (f->claim == (size_t)-1)
            continue;
        k->prefer_note = k->a->claims[f->claim].note;
        /* the same figure stated twice: against the earliest statement of it in another
         * note, else the store's */
        if (f->named && same_ref[i] != (size_t)-1)
            rc = eq_same_figure(k, f, &k->fa[same_ref[i]]);
        if (!rc)
            rc = eq_bases(k, f) || eq_differences(k, f) || eq_direction(k, f, nf) ||
                         eq_net(k, f) || eq_ytd_part(k, f) || eq_share(k, f) ||
                         eq_share_pp(k, f) || eq_range_split(k, f) || eq_months_sum(k, f) ||
                         eq_quarters_sum(k, f) ||
                         eq_span_change(k, f) || eq_period_share(k, f)
                     ? -1
                     : 0;
    }
    free(same_ref);
    return rc ? -1 : shares_sum(k) || partners_sum(k) || members_sum(k) || group_shares(k) ? -1 : 0;
}

/* ---------------------------------------------------------------- slips */

static int digits_of(double v, int dec, char *out, size_t len)
{
    char buf[64];
    tf_fmt(buf, sizeof buf, "%.*f", dec, fabs(v));
    size_t o = 0;
    for (const char *p = buf; *p && o + 1 < len; p++)
        if (*p >= '0' && *p <= '9')
            out[o++] = *p;
    out[o] = '\0';
    return (int)o;
}

static double from_digits(const char *d, int dec)
{
    double v = 0;
    for (const char *p = d; *p; p++)
        v = v * 10 + (*p - '0');
    return v / pow(10, dec);
}

/* The slip that turns a value in [lo, hi] into the stated figure: every
 * kind is tried and the corrected value nearest `pref` (the value the
 * equations give at the printed figures) wins. Writes the corrected value;
 * returns the kind or NULL. */
typedef struct slip {
    const char *kind;
    double value, dist;
} slip;

static void consider(slip *best, const char *kind, double v, double lo, double hi, double pref)
{
    if (v < lo || v > hi)
        return;
    double d = fabs(v - pref);
    if (!best->kind || d < best->dist - 1e-12) {
        best->kind = kind;
        best->value = v;
        best->dist = d;
    }
}

static const char *explain(const atom *t, double lo, double hi, double pref, double *fixed)
{
    double s = t->v;
    int dec = t->dec;
    slip best = {NULL, 0, 0};
    /* a figure with one digit changed stands for the same rounding as the stated one */
    double wl = lo - 0.5 * (t->hi - t->lo), wh = hi + 0.5 * (t->hi - t->lo);
    char d[40];
    int nd_ = digits_of(s, dec, d, sizeof d);
    int sign = s < 0 ? -1 : 1;
    if (t->field == F_QTY && fabs(s) >= 1e6 && dec == 0) {
        /* figures like 1,620,000 written as "1.62 million": their short digits */
        double x = fabs(s);
        int e = 0;
        while (x >= 10 && fmod(x, 10) == 0) {
            x /= 10;
            e++;
        }
        char sd[40];
        tf_fmt(sd, sizeof sd, "%.0f", x);
        int n = (int)strlen(sd);
        for (int i = 0; i < n; i++)
            for (char c = '0'; c <= '9'; c++) {
                if (c == sd[i] || (i == 0 && c == '0'))
                    continue;
                char w[40];
                tf_scopy(w, sizeof w, sd);
                w[i] = c;
                consider(&best, "one-digit-typo", from_digits(w, 0) * pow(10, e), wl, wh, pref);
            }
    }
    for (int f = -3; f <= 3; f++)
        if (f) {
            /* the figure before the point moved stood for an interval of its own: the
             * stated one's, scaled, and at least half a unit of its printed decimals
             * ("870%" for 87 %, which stands for 86.5..87.5 %) */
            double v = s * pow(10, f), half = 0.5 * (t->hi - t->lo) * pow(10, f);
            double unit = 0.5 * pow(10, -dec);
            if (dec == 0 && fabs(v) >= 10) { /* an integer: at its last non-zero digit */
                double r = fabs(round(v));
                for (unit = 0.5; r >= 10 && fmod(r, 10) == 0; r /= 10)
                    unit *= 10;
            }
            if (half < unit)
                half = unit;
            if (v + half >= lo && v - half <= hi)
                consider(&best, abs(f) == 1 ? "factor-of-10" : abs(f) == 3 ? "factor-of-1000"
                                                                            : "factor-of-100",
                         v, v < lo ? v : lo, v > hi ? v : hi, pref);
        }
    if (t->field != F_QTY && s != 0)
        consider(&best, "direction-flipped", -s, wl, wh, pref); /* the same rounding */
    for (int i = 0; i < nd_; i++)
        for (char c = '0'; c <= '9'; c++) {
            if (c == d[i] || (i == 0 && c == '0' && nd_ > 1))
                continue;
            char w[40];
            tf_scopy(w, sizeof w, d);
            w[i] = c;
            consider(&best, "one-digit-typo", sign * from_digits(w, dec), wl, wh, pref);
        }
    for (int i = 0; i + 1 < nd_; i++) {
        if (d[i] == d[i + 1])
            continue;
        char w[40];
        tf_scopy(w, sizeof w, d);
        char c = w[i];
        w[i] = w[i + 1];
        w[i + 1] = c;
        consider(&best, "transposed-digits", sign * from_digits(w, dec), wl, wh, pref);
    }
    if (best.kind)
        *fixed = best.value;
    return best.kind;
}

/* ---------------------------------------------------------------- diagnosis */

typedef struct cand {
    int atoms[3];
    int n;
    double score;
} cand;

static int eq_has(const eqn *e, int ai)
{
    for (int i = 0; i < e->natoms; i++)
        if (e->atoms[i] == ai)
            return 1;
    return 0;
}

/* Feasible values of atom ai from every equation that contains it and none of
 * the other suspects. Returns 0 when they do not intersect. */
static int feasible(const checker *k, int ai, const cand *c, double *lo, double *hi, int *neqs)
{
    *lo = k->at[ai].pmin;
    *hi = k->at[ai].pmax;
    *neqs = 0;
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
        const eqn *e = &k->eq[k->adj[x]];
        int other = 0;
        for (int j = 0; j < c->n; j++)
            if (c->atoms[j] != ai && eq_has(e, c->atoms[j]))
                other = 1;
        if (other)
            continue;
        double l, h;
        if (!solve(k, e, ai, &l, &h))
            return 0;
        if (l > *lo)
            *lo = l;
        if (h < *hi)
            *hi = h;
        (*neqs)++;
    }
    return *lo <= *hi;
}

static int support(const checker *k, int ai)
{
    int n = 0;
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++)
        if (!k->eq[k->adj[x]].failed && !k->eq[k->adj[x]].le)
            n++; /* an inequality that holds pins nothing */
    return n;
}

/* A feasible range narrow enough to name one corrected value: within 5 % for a
 * quantity, within 3.5 pp for a percentage. */
static int narrow(const atom *t, double lo, double hi)
{
    if (t->field != F_QTY && hi - lo <= 3.5)
        return 1;
    return hi - lo <= 0.05 * fmax(fabs(lo), fabs(hi)) + 1e-9;
}

static double point_solution(const checker *k, int ai, const cand *c, double lo, double hi);

/* A MoM printed as the YoY of the same figure, or the YoY as its MoM (DOMAIN.md section 7:
 * "a percentage that equals another figure's YoY", "on the month" turned into "on the
 * year"): the two are equal to the printed digit, and neither is zero. */
static int pct_copied(const checker *k, int ai)
{
    const atom *t = &k->at[ai];
    if ((t->field != F_MOM && t->field != F_YOY) || t->claim == (size_t)-1)
        return 0;
    const tf_claim *cl = &k->a->claims[t->claim];
    if (!cl->mom.has || !cl->yoy.has || cl->mom.value == 0)
        return 0;
    return fabs(cl->mom.value - cl->yoy.value) < 1e-9;
}

/* Whether atom ai is an import or export quantity printed as the same note's net
 * imports of the same product, partner and period (DOMAIN.md section 7: the net line
 * copied into the gross line). */
static int gross_is_net(const checker *k, int ai)
{
    const atom *t = &k->at[ai];
    if (t->field != F_QTY || t->claim == (size_t)-1)
        return 0;
    const tf_claim *cl = &k->a->claims[t->claim];
    if (cl->metric != TF_METRIC_IMPORT && cl->metric != TF_METRIC_EXPORT)
        return 0;
    /* the partner's own net line, and the total's net line copied into a listed
     * partner's tonnage */
    for (int w = 0; w < 2; w++) {
        size_t lo, hi;
        if (w && !strcmp(cl->partner, "WLD"))
            break;
        key_range(k, TF_METRIC_NET_IMPORT, cl->product, w ? "WLD" : cl->partner,
                  cl->period.from, cl->period.to, &lo, &hi);
        for (size_t r = lo; r < hi; r++) {
            const fact *g = &k->fa[k->ord[r]];
            /* a net exporter's net imports are negative, the copied figure is printed
             * positive ("a net exporter of 83,300 t", imports "83,300 t") */
            if (g->claim != (size_t)-1 && k->a->claims[g->claim].note == cl->note &&
                fabs(fabs(k->at[g->aq].v) - fabs(t->v)) <= 0.0005 * fabs(t->v))
                return 1;
        }
    }
    return 0;
}

/* Whether atom ai is a share or a change written in words ("a third of the total", "nearly
 * a quarter", "doubled", "three-fold"): no digit to slip, so the figures around it are
 * blamed first. */
static int share_in_words(const checker *k, int ai)
{
    const atom *t = &k->at[ai];
    if ((t->field != F_SHARE && t->field != F_MOM && t->field != F_YOY) ||
        t->claim == (size_t)-1)
        return 0;
    const tf_claim *cl = &k->a->claims[t->claim];
    const tf_stated *st = t->field == F_SHARE ? &cl->share : t->field == F_MOM ? &cl->mom
                                                                                : &cl->yoy;
    for (const char *p = st->text; *p; p++)
        if (*p >= '0' && *p <= '9')
            return 0;
    return 1;
}

static double cand_score(const checker *k, cand *c)
{
    double s = 0;
    for (int i = 0; i < c->n; i++) {
        int ai = c->atoms[i];
        const atom *t = &k->at[ai];
        s += 2.0 * support(k, ai);
        double lo, hi, fx;
        int ne;
        if (!feasible(k, ai, c, &lo, &hi, &ne))
            s += 100;
        else if (pct_copied(k, ai) || gross_is_net(k, ai))
            s -= 3;
        else if (narrow(t, lo, hi) && explain(t, lo, hi, point_solution(k, ai, c, lo, hi), &fx))
            s -= 3;
        if (t->claim != (size_t)-1 && k->a->claims[t->claim].metric == TF_METRIC_NET_IMPORT)
            s -= 0.5;
        if (t->field != F_QTY)
            s -= 0.25; /* a percentage is retyped more often than a tonnage */
        if (share_in_words(k, ai))
            s += 5; /* its digit slips are no explanation */
    }
    return s;
}

static void fmt_value(const atom *t, double v, char *buf, size_t len)
{
    char num[64];
    int qty = t->field == F_QTY || t->field == F_MDIFF || t->field == F_YDIFF;
    if (qty && t->scale > 1) {
        /* as many decimals as the printed figure, more where the value needs them
         * (5.75 million proposed for a printed 57.5 million), at most two more */
        int d = t->pdec;
        double x = fabs(v / t->scale);
        while (d < t->pdec + 2 && fabs(x * pow(10, d) - round(x * pow(10, d))) > 1e-3)
            d++;
        tf_num_words(v / t->scale, d, num, sizeof num);
        tf_fmt(buf, len, "%s%s", num, t->punit);
    } else if (qty) {
        tf_num_words(v, t->dec, num, sizeof num);
        tf_fmt(buf, len, "%s %s", num, t->unit[0] ? t->unit : "t");
    } else if (t->field == F_SHPP) {
        tf_fmt(buf, len, "%.*f pp", t->dec, v);
    } else {
        tf_fmt(buf, len, "%.*f%%", t->dec, v);
    }
}

/* v rounded at dec decimals when that stays within [lo, hi], else v. */
static double rounded_within(double v, double lo, double hi, int dec)
{
    double u = pow(10, -dec), x = round(v / u) * u;
    return x >= lo - 1e-9 && x <= hi + 1e-9 ? x : v;
}

static int add_find(checker *k, tf_finding *f) { return tf_audit_add_finding(k->a, f); }

/* Where in [lo, hi] the first equation of atom ai (without the other suspects)
 * holds exactly at the printed values of its other figures; the middle of the
 * range when none crosses zero there. */
static double point_solution(const checker *k, int ai, const cand *c, double lo, double hi)
{
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
        const eqn *e = &k->eq[k->adj[x]];
        if (e->le)
            continue;
        int other = 0;
        for (int j = 0; j < c->n; j++)
            if (c->atoms[j] != ai && eq_has(e, c->atoms[j]))
                other = 1;
        if (other)
            continue;
        iv ra = resid(k, e, ai, lo, 2), rb = resid(k, e, ai, hi, 2);
        double fa = (ra.lo + ra.hi) / 2, fb = (rb.lo + rb.hi) / 2;
        if (!isfinite(fa) || !isfinite(fb) || (fa > 0) == (fb > 0))
            continue;
        double l = lo, h = hi;
        for (int it = 0; it < 200 && h - l > 1e-12 * (fabs(h) + 1); it++) {
            double m = l + (h - l) / 2;
            iv rm = resid(k, e, ai, m, 2);
            double fm = (rm.lo + rm.hi) / 2;
            if ((fm > 0) == (fa > 0))
                l = m;
            else
                h = m;
        }
        return l + (h - l) / 2;
    }
    return (lo + hi) / 2;
}

static void eq_numbers(const checker *k, const eqn *e, char *buf, size_t len)
{
    double l, r;
    points(k, e, &l, &r);
    char a[64], b[64];
    tf_num_words(l, fabs(l) < 1000 ? 2 : 0, a, sizeof a);
    tf_num_words(r, fabs(r) < 1000 ? 2 : 0, b, sizeof b);
    tf_fmt(buf, len, "%s: %s vs %s", e->text, a, b);
}

/* A finding about a stated atom: its note, claim, span and printed value. */
static void atom_finding(const checker *k, const atom *t, tf_severity sev, tf_finding *f)
{
    const tf_claim *cl = &k->a->claims[t->claim];
    const tf_stated *s = t->field == F_QTY     ? &cl->quantity
                         : t->field == F_MOM   ? &cl->mom
                         : t->field == F_YOY   ? &cl->yoy
                         : t->field == F_MDIFF ? &cl->mom_diff
                         : t->field == F_YDIFF ? &cl->yoy_diff
                         : t->field == F_SHPP  ? &cl->share_pp
                                               : &cl->share;
    memset(f, 0, sizeof *f);
    f->note = cl->note;
    f->severity = sev;
    f->claim = t->claim;
    f->start = s->start;
    f->end = s->end;
    f->stated = s->value;
    tf_scopy(f->field, sizeof f->field, field_names[t->field]);
}

/* Whether one digit of the stated figure changed, or two adjacent ones swapped, brings it
 * within [lo, hi]. */
static int digit_fits(const atom *t, double lo, double hi)
{
    char d[40], w[40];
    int n = digits_of(t->v, t->dec, d, sizeof d), sign = t->v < 0 ? -1 : 1;
    for (int i = 0; i < n; i++) {
        for (char c = '0'; c <= '9'; c++) {
            tf_scopy(w, sizeof w, d);
            w[i] = c;
            double v = sign * from_digits(w, t->dec);
            if (c != d[i] && !(i == 0 && c == '0' && n > 1) && v >= lo && v <= hi)
                return 1;
        }
        if (i + 1 < n) {
            tf_scopy(w, sizeof w, d);
            w[i] = d[i + 1];
            w[i + 1] = d[i];
            double v = sign * from_digits(w, t->dec);
            if (v >= lo && v <= hi)
                return 1;
        }
    }
    return 0;
}

/* The stated figure with its decimal point moved by the fewest places (one before two,
 * dividing before multiplying at each) that lies in [lo, hi], for a figure only bounded by
 * the equations; its slip kind, or NULL when no such move brings it within. */
static const char *decimal_moved(const atom *t, double lo, double hi, double *fixed)
{
    static const char *const kinds[] = {"factor-of-10", "factor-of-100", "factor-of-1000"};
    if (t->v == 0 || (t->v >= lo && t->v <= hi))
        return NULL;
    for (int f = 1; f <= 3; f++)
        for (int d = -1; d <= 1; d += 2) {
            double v = t->v * pow(10, d * f);
            if (v >= lo && v <= hi) {
                *fixed = v;
                return kinds[f - 1];
            }
        }
    return NULL;
}

/* Where no one value satisfies every equation of atom ai (one of them fails whatever its
 * value): the decimal point moved by the fewest places that makes an equation hold that fails
 * as printed, and leaves failing only equations no value of the figure satisfies; its kind,
 * or NULL. */
static const char *decimal_mends(const checker *k, int ai, double *fixed)
{
    static const char *const kinds[] = {"factor-of-10", "factor-of-100", "factor-of-1000"};
    const atom *t = &k->at[ai];
    if (t->v == 0)
        return NULL;
    for (int f = 1; f <= 3; f++)
        for (int d = -1; d <= 1; d += 2) {
            double v = t->v * pow(10, d * f);
            int mended = 0, broken = 0;
            for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
                const eqn *e = &k->eq[k->adj[x]];
                int before = holds(k, e, -1, 0, 0), after = holds(k, e, ai, v, 0);
                double l, h;
                mended += !before && after;
                /* one that fails after is broken unless no value of the figure mends it */
                broken += !after && solve(k, e, ai, &l, &h);
            }
            if (mended && !broken) {
                *fixed = v;
                return kinds[f - 1];
            }
        }
    return NULL;
}

/* A figure the equations only bound (an inequality, or loose figures): the range, and a value
 * only where the sign alone is wrong or the decimal point moved brings it within (with a
 * lower confidence, lower still where a changed digit would too). The slip kind or NULL. */
static const char *propose_bounded(const checker *k, int ai, double lo, double hi,
                                   tf_finding *f, double *confidence)
{
    const atom *t = &k->at[ai];
    /* bounded by "up from" / "down from" alone: the direction word is the likelier slip
     * (DOMAIN.md section 7), so no moved decimal point is proposed; nor where only a sum
     * of several partners exceeds the total: any of them may be the slip */
    int other_eq = 0;
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++)
        if (k->eq[k->adj[x]].failed && strcmp(k->eq[k->adj[x]].kind, "direction") &&
            strcmp(k->eq[k->adj[x]].kind, "partners-sum"))
            other_eq = 1;
    char l1[64], h1[64];
    double fixed;
    const char *kind = NULL;
    fmt_value(t, lo, l1, sizeof l1);
    fmt_value(t, hi, h1, sizeof h1);
    tf_fmt(f->proposed_text, sizeof f->proposed_text, "between %s and %s", l1, h1);
    if (t->field != F_QTY && t->v != 0 && -t->v >= lo && -t->v <= hi) {
        kind = "direction-flipped";
        fixed = -t->v;
    } else if (other_eq && (kind = decimal_moved(t, lo, hi, &fixed))) {
        *confidence -= digit_fits(t, lo, hi) ? 0.3 : 0.15;
    }
    if (kind) {
        f->has_proposed = 1;
        f->proposed = fixed;
        fmt_value(t, fixed, f->proposed_text, sizeof f->proposed_text);
    }
    return kind;
}

/* The gross figure where the net one was copied into it: the value the net equation
 * (net = imports - exports) gives it, rounded like the printed figure where that stays
 * within. 1 when proposed, 0 when no net equation gives it. */
static int gross_from_net(const checker *k, int ai, tf_finding *f)
{
    const atom *t = &k->at[ai];
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
        const eqn *e = &k->eq[k->adj[x]];
        double l, h;
        if (strcmp(e->kind, "net") || !solve(k, e, ai, &l, &h) || !isfinite(l) || !isfinite(h))
            continue;
        double mid = (l + h) / 2, unit = t->dec ? pow(10, -t->dec) : 100;
        while (unit > 1 && round(mid / unit) * unit < l - 1e-9 && unit > pow(10, -t->dec))
            unit /= 10;
        double v = round(mid / unit) * unit;
        f->has_proposed = 1;
        f->proposed = v >= l && v <= h ? v : mid;
        fmt_value(t, f->proposed, f->proposed_text, sizeof f->proposed_text);
        return 1;
    }
    return 0;
}

/* The corrected value of suspect ai (into f) and the slip that names it, or NULL: a range
 * where the figures only bound it, the moved decimal point where no value satisfies every
 * equation, else the value solved for, named by explain(). *fe: the feasible range lo..hi
 * exists; *ne: the equations it satisfies. */
static const char *propose_value(const checker *k, int ai, const cand *c, tf_finding *f,
                                 double *lo, double *hi, int *fe, int *ne, double *confidence)
{
    const atom *t = &k->at[ai];
    double fixed = NAN;
    const char *kind = NULL;
    *fe = feasible(k, ai, c, lo, hi, ne);
    if (*fe && !narrow(t, *lo, *hi))
        return propose_bounded(k, ai, *lo, *hi, f, confidence);
    if (!*fe && (kind = decimal_mends(k, ai, &fixed))) {
        f->has_proposed = 1;
        f->proposed = fixed;
        fmt_value(t, fixed, f->proposed_text, sizeof f->proposed_text);
        *confidence -= 0.15;
        return kind;
    }
    if (!*fe)
        return NULL;
    double mid = point_solution(k, ai, c, *lo, *hi);
    kind = explain(t, *lo, *hi, mid, &fixed);
    if (!kind) {
        /* the value that satisfies the equations at the other figures as printed, within
         * the feasible range, printed like the stated figure */
        double unit = t->dec ? pow(10, -t->dec) : 1;
        if (t->field == F_QTY && t->dec == 0) {
            unit = 100;
            while (unit > 1 && floor(mid / unit) * unit < *lo - 1e-9 &&
                   ceil(mid / unit) * unit > *hi + 1e-9)
                unit /= 10;
        }
        fixed = round(mid / unit) * unit;
        if (fixed < *lo || fixed > *hi)
            fixed = mid;
    }
    f->has_proposed = 1;
    f->proposed = fixed;
    fmt_value(t, fixed, f->proposed_text, sizeof f->proposed_text);
    return kind;
}

/* Slips that need the other facts of a quantity: a partner's figure equal to the world
 * total; a "year" equal to January-November. Returns kind unchanged otherwise. */
static const char *quantity_slip(const checker *k, int ai, const char *kind)
{
    const atom *t = &k->at[ai];
    const tf_claim *cl = &k->a->claims[t->claim];
    if (t->field != F_QTY)
        return kind;
    if (cl->partner[0] && strcmp(cl->partner, "WLD")) {
        for (size_t i = 0; i < k->nfa; i++) {
            const fact *w = &k->fa[i];
            if (w->metric != cl->metric || w->from != cl->period.from ||
                w->to != cl->period.to || strcmp(w->product, cl->product) ||
                strcmp(w->partner, "WLD"))
                continue;
            double tol = fabs(k->at[w->aq].v) * TF_REVISION_TOLERANCE;
            if (t->hi >= k->at[w->aq].lo - tol && t->lo <= k->at[w->aq].hi + tol)
                kind = "world-total-as-partner";
        }
    }
    if (cl->period.to - cl->period.from == 11 && tf_mi_month(cl->period.from) == 1) {
        const fact *jn = find_fact(k, cl->metric, cl->product, cl->partner, cl->period.from,
                                   cl->period.to - 1, t->claim);
        const fact *dc = find_fact(k, cl->metric, cl->product, cl->partner, cl->period.to,
                                   cl->period.to, t->claim);
        const fact *yr = find_fact(k, cl->metric, cl->product, cl->partner, cl->period.from,
                                   cl->period.to, t->claim);
        double partial = NAN;
        if (jn)
            partial = k->at[jn->aq].v;
        else if (dc && yr)
            partial = k->at[yr->aq].v - k->at[dc->aq].v;
        if (!isnan(partial) && fabs(partial - t->v) <= 0.001 * t->v)
            kind = "partial-year-as-full-year";
    }
    return kind;
}

/* The MoM and YoY exchanged: swapping them holds when each stated value fits the other's
 * feasible range. Sets the proposal (the other figure) and returns 1 then. */
static int pcts_swapped(const checker *k, int ai, tf_finding *f)
{
    const atom *t = &k->at[ai];
    const tf_claim *cl = &k->a->claims[t->claim];
    if ((t->field != F_MOM && t->field != F_YOY) || !cl->mom.has || !cl->yoy.has)
        return 0;
    int other = -1;
    for (size_t i = 0; i < k->nat; i++)
        if (k->at[i].claim == t->claim && k->at[i].field == (t->field == F_MOM ? F_YOY : F_MOM))
            other = (int)i;
    if (other < 0)
        return 0;
    cand c2 = {{ai, other, 0}, 2, 0};
    double l1, h1, l2, h2;
    int n1, n2;
    if (!(feasible(k, ai, &c2, &l1, &h1, &n1) && feasible(k, other, &c2, &l2, &h2, &n2) &&
          n1 && n2 && k->at[other].v >= l1 - 0.05 && k->at[other].v <= h1 + 0.05 &&
          t->v >= l2 - 0.05 && t->v <= h2 + 0.05))
        return 0;
    f->has_proposed = 1;
    f->proposed = k->at[other].v;
    fmt_value(t, f->proposed, f->proposed_text, sizeof f->proposed_text);
    return 1;
}

/* The finding's equation (the first failing one) and evidence: every failing equation of
 * atom ai, the proposal and the number of equations it satisfies, and why a copied
 * percentage is blamed. */
static void atom_evidence(const checker *k, int ai, tf_finding *f, int ne, int copied)
{
    const atom *t = &k->at[ai];
    size_t o = 0;
    int first = 1;
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
        const eqn *e = &k->eq[k->adj[x]];
        if (!e->failed)
            continue;
        char line[400];
        eq_numbers(k, e, line, sizeof line);
        if (first) {
            tf_scopy(f->equation, sizeof f->equation, line);
            first = 0;
        }
        if (o < sizeof f->evidence - 1) {
            tf_fmt(f->evidence + o, sizeof f->evidence - o, "%s%s", o ? "; " : "", line);
            o = strlen(f->evidence);
        }
    }
    if (f->has_proposed && o < sizeof f->evidence - 1) {
        char st[64];
        fmt_value(t, t->v, st, sizeof st);
        tf_fmt(f->evidence + o, sizeof f->evidence - o,
               "%s%s %s is stated; %s satisfies the %d equation%s it is in", o ? ". " : "",
               t->what, st, f->proposed_text, ne, ne == 1 ? "" : "s");
        o = strlen(f->evidence);
    }
    if (copied && o < sizeof f->evidence - 1)
        tf_fmt(f->evidence + o, sizeof f->evidence - o,
               ". The %s equals the %s of the same figure: one was likely copied from the other",
               t->field == F_MOM ? "MoM" : "YoY", t->field == F_MOM ? "YoY" : "MoM");
}

/* Report suspect ai of candidate c as an error: the corrected value, the slip that
 * explains it (docs/audit.md section 5), the failing equations and a confidence. */
static int report_atom(checker *k, int ai, const cand *c, double confidence)
{
    const atom *t = &k->at[ai];
    const tf_claim *cl = &k->a->claims[t->claim];
    tf_finding f;
    atom_finding(k, t, TF_SEV_ERROR, &f);
    double lo, hi;
    int ne = 0, fe;
    const char *kind = propose_value(k, ai, c, &f, &lo, &hi, &fe, &ne, &confidence);
    kind = quantity_slip(k, ai, kind);
    /* net copied into gross: the stated gross figure is the note's net figure */
    if (gross_is_net(k, ai)) {
        kind = "net-copied-into-gross";
        if (!f.has_proposed && gross_from_net(k, ai, &f))
            ne = 1;
    }
    if (pcts_swapped(k, ai, &f))
        kind = "mom-yoy-swapped";
    int copied = pct_copied(k, ai) && fe && f.has_proposed;
    if (copied) {
        /* the value the other figures give, printed like the stated figure (not a digit
         * slip of the copied digits) */
        kind = "mom-yoy-swapped";
        f.proposed = rounded_within(point_solution(k, ai, c, lo, hi), lo, hi, t->dec);
        fmt_value(t, f.proposed, f.proposed_text, sizeof f.proposed_text);
    }
    /* net imports below zero were printed as net exports: proposed as such */
    if (f.has_proposed && t->field == F_QTY && cl->metric == TF_METRIC_NET_IMPORT && t->v < 0 &&
        f.proposed < 0) {
        char mag[64];
        fmt_value(t, -f.proposed, mag, sizeof mag);
        tf_fmt(f.proposed_text, sizeof f.proposed_text, "%s of net exports", mag);
    }
    tf_scopy(f.kind, sizeof f.kind, kind ? kind : "inconsistent");
    atom_evidence(k, ai, &f, ne, copied);
    double conf = confidence;
    if (kind)
        conf += 0.25;
    if (ne > 1)
        conf += 0.1 * (ne - 1);
    if (!f.has_proposed)
        conf -= 0.2;
    f.confidence = conf < 0.05 ? 0.05 : conf > 0.97 ? 0.97 : conf;
    return add_find(k, &f);
}

/* A share whose total carries another period's label than the figure's. */
static int check_labels(checker *k)
{
    for (size_t i = 0; i < k->neq; i++) {
        eqn *e = &k->eq[i];
        if (!e->label_claim || !e->failed)
            continue;
        size_t ci = (size_t)e->label_claim - 1;
        const tf_claim *cl = &k->a->claims[ci];
        const fact *w = find_fact(k, cl->metric, cl->product, "WLD", cl->period.from,
                                  cl->period.to, (size_t)-1);
        if (!w)
            continue;
        /* the share against the figure's own period */
        double part = cl->quantity.value, tot = k->at[w->aq].v;
        if (tot <= 0)
            continue;
        double own = 100 * part / tot;
        double l, r;
        points(k, e, &l, &r);
        double lab = r;
        double stated = cl->share.value;
        if (!(fabs(own - stated) < fabs(lab - stated) / 3))
            continue;
        tf_finding f;
        memset(&f, 0, sizeof f);
        f.note = cl->note;
        f.severity = TF_SEV_ERROR;
        f.claim = ci;
        tf_scopy(f.kind, sizeof f.kind, "wrong-month-label");
        tf_scopy(f.field, sizeof f.field, "label");
        f.start = cl->label_start;
        f.end = cl->label_end;
        f.stated = stated;
        char labw[48], ownw[48];
        tf_period_words(cl->share_of, labw, sizeof labw);
        tf_period_words(cl->period, ownw, sizeof ownw);
        tf_scopy(f.proposed_text, sizeof f.proposed_text, ownw);
        f.has_proposed = 0;
        char a1[32], a2[32];
        tf_num_words(lab, 1, a1, sizeof a1);
        tf_num_words(own, 1, a2, sizeof a2);
        tf_fmt(f.equation, sizeof f.equation, "%s", e->text);
        tf_fmt(f.evidence, sizeof f.evidence,
               "the share %.*f%% is said to be of the total of %s, which makes it %s%%; of the "
               "total of %s, the period of the figure, it is %s%%: the label should be %s%s",
               cl->share.text[0] && strchr(cl->share.text, '.') ? 1 : 0, stated, labw, a1, ownw,
               a2, ownw,
               fabs(own - stated) > 0.15 ? " (and the share itself is off by more than rounding)"
                                         : "");
        f.confidence = fabs(own - stated) <= 0.15 ? 0.9 : 0.7;
        if (add_find(k, &f))
            return -1;
        e->failed = 2; /* explained */
    }
    return 0;
}

/* A partner figure labelled with the month before the note's month, with a MoM,
 * in a note about that month (the sentence's month label disagrees with the note). */
static int check_note_period(checker *k)
{
    tf_audit *a = k->a;
    for (size_t first = 0; first < a->n_claims;) {
        /* a note's claims are contiguous: [first, last) */
        size_t last = first;
        size_t note = a->claims[first].note;
        while (last < a->n_claims && a->claims[last].note == note)
            last++;
        const tf_note *nt = &a->notes[note];
        int world_now[8] = {0}, latest = -1;
        size_t named_before = 0;
        for (size_t j = first; j < last; j++)
            if (a->claims[j].period_named && a->claims[j].period.to > latest)
                latest = a->claims[j].period.to;
        for (size_t j = first; j < last && nt->period >= 0; j++) {
            const tf_claim *o = &a->claims[j];
            if (o->period.from == nt->period && o->period.to == nt->period &&
                !strcmp(o->partner, "WLD") && o->metric < 8)
                world_now[o->metric] = 1;
            if (o->period.from == nt->period - 1 && o->period.to == nt->period - 1 &&
                o->period_named)
                named_before++;
        }
        for (size_t ci = first; ci < last && latest >= 0; ci++) {
            const tf_claim *cl = &a->claims[ci];
            if (!cl->period_named || cl->period.from != cl->period.to || !cl->mom.has ||
                !checkable(cl->metric))
                continue;
            int month_before = nt->period >= 0 && cl->period.to == nt->period - 1 &&
                               strcmp(cl->partner, "WLD") && world_now[cl->metric] &&
                               named_before == 1;
            /* "250,000 t in April 2024, up 13.6% MoM" in a note whose latest
             * figures are for April 2025 */
            int year_before = cl->period.to == latest - 12 && cl->year_named;
            if (!month_before && !year_before)
                continue;
            if (month_before) {
                /* the same partner's figure for the note's month stated elsewhere:
                 * the note does speak of both months */
                size_t lo, hi;
                int has_now = 0;
                key_range(k, cl->metric, cl->product, cl->partner, nt->period, nt->period, &lo,
                          &hi);
                for (size_t r = lo; r < hi; r++)
                    if (k->fa[k->ord[r]].claim != (size_t)-1 &&
                        a->claims[k->fa[k->ord[r]].claim].note == note)
                        has_now = 1;
                if (has_now)
                    continue;
            }
            tf_finding f;
            memset(&f, 0, sizeof f);
            f.note = note;
            f.severity = TF_SEV_WARNING;
            f.claim = ci;
            tf_scopy(f.kind, sizeof f.kind, month_before ? "wrong-month-label" : "wrong-year-label");
            tf_scopy(f.field, sizeof f.field, "label");
            f.start = cl->period_end ? cl->period_start : cl->quantity.start;
            f.end = cl->period_end ? cl->period_end : cl->quantity.end;
            f.stated = cl->quantity.value;
            char labw[48], now[48];
            tf_period_words(cl->period, labw, sizeof labw);
            tf_span_period np = {month_before ? nt->period : cl->period.from + 12,
                                 month_before ? nt->period : cl->period.to + 12};
            tf_period_words(np, now, sizeof now);
            tf_scopy(f.proposed_text, sizeof f.proposed_text, now);
            tf_fmt(f.equation, sizeof f.equation,
                   "the %s named (%s) is not the note's (%s)",
                   month_before ? "month" : "year", labw, now);
            if (month_before)
                tf_fmt(f.evidence, sizeof f.evidence,
                       "the note is about %s and gives this partner no figure for it; this "
                       "figure with its MoM is labelled %s, the month before: likely %s",
                       now, labw, now);
            else
                tf_fmt(f.evidence, sizeof f.evidence,
                       "the note is about %s; this figure with its MoM is labelled %s, a year "
                       "before, where a MoM is not what notes give: likely %s",
                       now, labw, now);
            f.confidence = 0.5;
            if (add_find(k, &f))
                return -1;
        }
        first = last;
    }
    return 0;
}

/* Whether note `note` states a figure of the series (metric, product, partner) for
 * the months from..to. */
static int note_states(const checker *k, size_t note, tf_metric m, const char *product,
                       const char *partner, int from, int to)
{
    size_t lo, hi;
    key_range(k, m, product, partner, from, to, &lo, &hi);
    for (size_t r = lo; r < hi; r++) {
        size_t ci = k->fa[k->ord[r]].claim;
        if (ci != (size_t)-1 && k->a->claims[ci].note == note)
            return 1;
    }
    return 0;
}

/* Why a month figure's label looks like a slip, or NULL; *meant is the month meant.
 * "cumulative": the note gives the cumulative of the same series from January to a
 * later month M of the year, but neither M's own figure nor a cumulative to the
 * labelled month ("January-November" beside "October" alone: November was meant).
 * "flows": a world total with its MoM or YoY labelled the month before the note's
 * month P, where the note gives the same product's other flows for P but not this one. */
static const char *month_label_slip(const checker *k, const tf_claim *c, int P, int *meant)
{
    int m = c->period.to, jan = m - m % 12;
    const char *pr = c->product, *pa = c->partner;
    /* a whole year's total stands for its December only next to November: a note on the
     * year names its peak month ("the highest monthly figure was September's") */
    if (!note_states(k, c->note, c->metric, pr, pa, jan, m))
        for (int M = m + 1; M < jan + 12; M++)
            if ((M < jan + 11 || M == m + 1) &&
                note_states(k, c->note, c->metric, pr, pa, jan, M) &&
                !note_states(k, c->note, c->metric, pr, pa, M, M)) {
                *meant = M;
                return "cumulative";
            }
    if (P < 0 || m != P - 1 || strcmp(pa, "WLD") || (!c->mom.has && !c->yoy.has) ||
        note_states(k, c->note, c->metric, pr, pa, P, P))
        return NULL;
    for (int x = 0; x < 8; x++)
        if (checkable((tf_metric)x) && (tf_metric)x != c->metric &&
            note_states(k, c->note, (tf_metric)x, pr, "WLD", P, P)) {
            *meant = P;
            return "flows";
        }
    return NULL;
}

/* "China bought 10.45 million t in July 2025, 5.9% more than a year earlier. … In June 2024
 * imports were 9.87 million t.": a month figure with no change of its own that is, within
 * rounding, the base of another figure's MoM or YoY (figure / (1 + change), DOMAIN.md
 * section 3) whose base month the note does not state: the label is likely that base
 * month's. "change" with *meant, or NULL. */
static const char *month_label_by_change(const checker *k, const tf_claim *c, int *meant)
{
    int M = c->period.from;
    if (c->mom.has || c->yoy.has)
        return NULL;
    /* the figures of the series within two years of M, through the key index */
    for (int P = M - 24; P <= M + 24; P++) {
        size_t lo, hi;
        if (P == M)
            continue;
        key_range(k, c->metric, c->product, c->partner, P, P, &lo, &hi);
        for (size_t r = lo; r < hi; r++) {
            size_t di = k->fa[k->ord[r]].claim;
            const tf_claim *d = di == (size_t)-1 ? NULL : &k->a->claims[di];
            if (!d || d == c || d->note != c->note)
                continue;
            if ((d->mom.has && M == P - 1) || (d->yoy.has && M == P - 12))
                return NULL; /* the base of one of its changes: no slip */
            for (int w = 0; w < 2; w++) {
                const tf_stated *g = w ? &d->yoy : &d->mom;
                int B = P - (w ? 12 : 1);
                if (!g->has || g->lo <= -100 ||
                    note_states(k, c->note, c->metric, c->product, c->partner, B, B))
                    continue;
                double blo = d->quantity.lo / (1 + g->hi / 100);
                double bhi = d->quantity.hi / (1 + g->lo / 100);
                if (c->quantity.hi >= blo && c->quantity.lo <= bhi) {
                    *meant = B;
                    return "change";
                }
            }
        }
    }
    return NULL;
}

/* "Net imports were 167,700 t in September 2025" beside October's imports 271,300 t and
 * exports 103,600 t, and no net figure of October: a net figure no month of its own
 * explains that is, within rounding, imports less exports of another single month P of the
 * note (DOMAIN.md section 3, net imports) with no net figure: likely P's. "net" with
 * *meant, or NULL. */
static const char *month_label_by_net(const checker *k, const tf_claim *c, int *meant)
{
    int M = c->period.from;
    const char *pr = c->product, *pa = c->partner;
    if (c->metric != TF_METRIC_NET_IMPORT || c->mom.has || c->yoy.has ||
        (note_states(k, c->note, TF_METRIC_IMPORT, pr, pa, M, M) &&
         note_states(k, c->note, TF_METRIC_EXPORT, pr, pa, M, M)))
        return NULL;
    for (int P = M - 24; P <= M + 24; P++) {
        if (P == M || note_states(k, c->note, TF_METRIC_NET_IMPORT, pr, pa, P, P))
            continue;
        const fact *im = find_fact(k, TF_METRIC_IMPORT, pr, pa, P, P, (size_t)-1);
        const fact *ex = find_fact(k, TF_METRIC_EXPORT, pr, pa, P, P, (size_t)-1);
        if (!im || !ex || im->claim == (size_t)-1 || ex->claim == (size_t)-1 ||
            k->a->claims[im->claim].note != c->note || k->a->claims[ex->claim].note != c->note)
            continue;
        const tf_stated *iq = &k->a->claims[im->claim].quantity;
        const tf_stated *eq = &k->a->claims[ex->claim].quantity;
        if (c->quantity.hi >= iq->lo - eq->hi && c->quantity.lo <= iq->hi - eq->lo) {
            *meant = P;
            return "net";
        }
    }
    return NULL;
}

/* A wrong-month-label warning on claim c (index ci) whose label likely meant month
 * `meant`: f filled but for its equation, evidence and confidence; lab and now (48 bytes
 * each) get the label's and the meant month's words. */
static void label_warning(const tf_claim *c, size_t ci, int meant, tf_finding *f, char *lab,
                          char *now)
{
    memset(f, 0, sizeof *f);
    f->note = c->note;
    f->severity = TF_SEV_WARNING;
    f->claim = ci;
    tf_scopy(f->kind, sizeof f->kind, "wrong-month-label");
    tf_scopy(f->field, sizeof f->field, "label");
    f->start = c->period_start;
    f->end = c->period_end;
    f->stated = c->quantity.value;
    tf_period_words(c->period, lab, 48);
    tf_span_period np = {meant, meant};
    tf_period_words(np, now, 48);
    tf_scopy(f->proposed_text, sizeof f->proposed_text, now);
}

/* Month figures labelled with another month than the note's where the note's other
 * figures of the series say it is the note's month (month_label_slip). Warnings. */
static int check_series_month(checker *k)
{
    tf_audit *a = k->a;
    for (size_t ci = 0; ci < a->n_claims; ci++) {
        const tf_claim *c = &a->claims[ci];
        int P = a->notes[c->note].period, M = -1;
        if (!c->period_named || !c->period_end || c->period.from != c->period.to ||
            !checkable(c->metric) || !c->quantity.has || c->base_direction || !c->product[0])
            continue;
        const char *why = month_label_slip(k, c, P, &M);
        if (!why)
            why = month_label_by_change(k, c, &M);
        if (!why)
            why = month_label_by_net(k, c, &M);
        if (!why)
            continue;
        int dup = 0; /* check_labels or check_note_period may have said it */
        for (size_t i = 0; i < a->n_findings; i++)
            if (a->findings[i].claim == ci && !strcmp(a->findings[i].kind, "wrong-month-label"))
                dup = 1;
        if (dup)
            continue;
        tf_finding f;
        char lab[48], now[48];
        label_warning(c, ci, M, &f, lab, now);
        tf_fmt(f.equation, sizeof f.equation, "the month named (%s) is not %s (%s)", lab,
               !strcmp(why, "cumulative") ? "the cumulative's last"
               : !strcmp(why, "change")   ? "the base month of the note's change"
               : !strcmp(why, "net")      ? "the month of the imports and exports it nets"
                                          : "the note's", now);
        if (!strcmp(why, "change"))
            tf_fmt(f.evidence, sizeof f.evidence,
                   "the note gives a change of this series against %s but no figure for %s; "
                   "the figure labelled %s is that base within rounding (figure / (1 + "
                   "change)): likely %s's", now, now, lab, now);
        else if (!strcmp(why, "net"))
            tf_fmt(f.evidence, sizeof f.evidence,
                   "the note gives the imports and exports of %s but no net figure for it; "
                   "the net figure labelled %s is their difference within rounding: likely "
                   "%s's", now, lab, now);
        else if (!strcmp(why, "cumulative"))
            tf_fmt(f.evidence, sizeof f.evidence,
                   "the note gives this series' cumulative from January to %s but no figure "
                   "for %s itself, and no cumulative to %s: the month figure labelled %s is "
                   "likely %s's", now, now, lab, lab, now);
        else
            tf_fmt(f.evidence, sizeof f.evidence,
                   "the note gives this product's other flows for %s but this one, with its "
                   "change, only for %s, the month before: likely %s",
                   now, lab, now);
        f.confidence = !strcmp(why, "flows") ? 0.45 : 0.6;
        if (add_find(k, &f))
            return -1;
    }
    return 0;
}

/* The world total of the month next to month m (a month or a year on either side) in
 * note ci's note against which claim ci's share holds, or NULL. */
static const fact *share_total_near(checker *k, const tf_claim *c, int m)
{
    static const int step[] = {1, -1, 12, -12};
    k->prefer_note = c->note;
    for (int j = 0; j < 4; j++) {
        const fact *w = find_fact(k, c->metric, c->product, "WLD", m + step[j], m + step[j],
                                  (size_t)-1);
        if (!w || w->claim == (size_t)-1 || k->a->claims[w->claim].note != c->note ||
            k->at[w->aq].lo <= 0)
            continue;
        double lo = 100 * c->quantity.lo / k->at[w->aq].hi, hi = 100 * c->quantity.hi / k->at[w->aq].lo;
        if (c->share.hi >= lo && c->share.lo <= hi)
            return w;
    }
    return NULL;
}

/* A partner's month figure labelled month m whose share holds against the world total
 * the note gives for a month next to it (M), where the note gives no world total for m
 * ("9月中国锰矿进口量268.45万吨…" then "8月自南非进口126.30万吨，占当月进口总量的47.0%":
 * 126.30 / 268.45 = 47.05 %): the label likely meant M. A warning on the label; 0 or -1
 * (no memory). */
static int check_partner_month(checker *k)
{
    tf_audit *a = k->a;
    for (size_t ci = 0; ci < a->n_claims; ci++) {
        const tf_claim *c = &a->claims[ci];
        int m = c->period.to;
        if (!c->period_named || !c->period_end || c->period.from != m || !checkable(c->metric) ||
            !c->quantity.has || !c->share.has || !strcmp(c->partner, "WLD") ||
            strchr(c->partner, ':') || note_states(k, c->note, c->metric, c->product, "WLD", m, m))
            continue;
        const fact *w = share_total_near(k, c, m);
        int dup = 0;
        for (size_t i = 0; w && i < a->n_findings && !dup; i++) /* one label, once */
            dup = !strcmp(a->findings[i].kind, "wrong-month-label") &&
                  (a->findings[i].claim == ci || (a->findings[i].note == c->note &&
                                                  a->findings[i].start == c->period_start));
        if (!w || dup)
            continue;
        tf_finding f;
        memset(&f, 0, sizeof f);
        f.note = c->note;
        f.severity = TF_SEV_WARNING;
        f.claim = ci;
        tf_scopy(f.kind, sizeof f.kind, "wrong-month-label");
        tf_scopy(f.field, sizeof f.field, "label");
        f.start = c->period_start;
        f.end = c->period_end;
        f.stated = c->quantity.value;
        char lab[48], now[48];
        tf_period_words(c->period, lab, sizeof lab);
        tf_span_period np = {w->from, w->to};
        tf_period_words(np, now, sizeof now);
        tf_scopy(f.proposed_text, sizeof f.proposed_text, now);
        tf_fmt(f.equation, sizeof f.equation, "share = 100 x %s / %s", c->quantity.text,
               k->at[w->aq].what);
        tf_fmt(f.evidence, sizeof f.evidence,
               "the partner's figure labelled %s holds its share %s against the total of %s, "
               "and the note gives no total for %s: likely %s", lab, c->share.text, now, lab, now);
        f.confidence = 0.6;
        if (add_find(k, &f))
            return -1;
    }
    return 0;
}

/* The label finding of claim ci: its label is likely month `meant` (its figure is the base
 * another figure's change implies, equation text eq). 0 or -1 (no memory). */
static int base_label_finding(checker *k, size_t ci, int meant, const char *eq)
{
    const tf_claim *c = &k->a->claims[ci];
    for (size_t i = 0; i < k->a->n_findings; i++) /* one label, once */
        if (!strcmp(k->a->findings[i].kind, "wrong-month-label") &&
            (k->a->findings[i].claim == ci || (k->a->findings[i].note == c->note &&
                                               k->a->findings[i].start == c->period_start)))
            return 0;
    tf_finding f;
    char lab[48], now[48];
    label_warning(c, ci, meant, &f, lab, now);
    tf_scopy(f.equation, sizeof f.equation, eq);
    tf_fmt(f.evidence, sizeof f.evidence,
           "%s labelled %s is the base of %s, which the note gives for no other figure: "
           "likely %s", c->quantity.text, lab, eq, now);
    f.confidence = 0.55;
    return add_find(k, &f);
}

/* A month figure that is the base a MoM or YoY of its series implies, labelled a month
 * next to that base ("8月锌精矿进口量为48.62万实物吨，环比上涨12.4%" and "6月进口量为43.26
 * 万实物吨": 48.62 / 1.124 = 43.26, July's), where the note states no figure for the base
 * month itself: the label likely meant the base month. Warnings; 0 or -1 (no memory). */
static int check_base_label(checker *k)
{
    static const int near[] = {1, -1, 12, -12};
    for (size_t i = 0; i < k->nfa; i++) {
        const fact *f = &k->fa[i];
        if (f->claim == (size_t)-1 || f->from != f->to || !f->named)
            continue;
        k->prefer_note = k->a->claims[f->claim].note;
        for (int z = 0; z < 2; z++) {
            int ap = z ? f->ayoy : f->amom, b = f->from - (z ? 12 : 1);
            if (ap < 0 || find_fact(k, f->metric, f->product, f->partner, b, b, (size_t)-1))
                continue;
            const atom *q = &k->at[f->aq], *g = &k->at[ap];
            if (g->lo <= -100 || g->hi <= -100)
                continue;
            double lo = q->lo / (1 + g->hi / 100), hi = q->hi / (1 + g->lo / 100);
            for (int j = 0; j < 4; j++) {
                int M = b + near[j];
                const fact *h = M == f->from ? NULL
                                : find_fact(k, f->metric, f->product, f->partner, M, M, (size_t)-1);
                const tf_claim *hc = h && h->claim != (size_t)-1 ? &k->a->claims[h->claim] : NULL;
                if (!hc || hc->note != k->prefer_note || !hc->period_end ||
                    k->at[h->aq].hi < lo || k->at[h->aq].lo > hi)
                    continue;
                char eq[200], l[48], h2[48];
                fmt_value(&k->at[h->aq], lo, l, sizeof l);
                fmt_value(&k->at[h->aq], hi, h2, sizeof h2);
                tf_fmt(eq, sizeof eq, "%s / (1 + %s) = %s to %s", q->what, z ? "YoY" : "MoM", l,
                       h2);
                if (base_label_finding(k, h->claim, b, eq))
                    return -1;
            }
        }
    }
    return 0;
}

/* A MoM or YoY of three or more significant digits repeated verbatim for the
 * same series a month later, in another note: likely copied from the previous
 * month's note. */
static int check_pct_copies(checker *k)
{
    tf_audit *a = k->a;
    for (size_t i = 0; i < a->n_claims; i++) {
        const tf_claim *c = &a->claims[i];
        for (int fld = 0; fld < 2; fld++) {
            const tf_stated *s = fld ? &c->yoy : &c->mom;
            if (!s->has || !checkable(c->metric))
                continue;
            char d[40];
            int sig = digits_of(s->value, 2, d, sizeof d);
            const char *p = d;
            while (*p == '0') {
                p++;
                sig--;
            }
            while (sig > 0 && p[sig - 1] == '0')
                sig--;
            if (sig < 3)
                continue;
            size_t lo, hi;
            key_range(k, c->metric, c->product, c->partner, c->period.from - 1,
                      c->period.to - 1, &lo, &hi);
            for (size_t r = lo; r < hi; r++) {
                if (k->fa[k->ord[r]].claim == (size_t)-1)
                    continue;
                const tf_claim *e = &a->claims[k->fa[k->ord[r]].claim];
                const tf_stated *t = fld ? &e->yoy : &e->mom;
                if (!t->has || e->note == c->note || t->value != s->value)
                    continue;
                tf_finding f;
                memset(&f, 0, sizeof f);
                f.note = c->note;
                f.severity = TF_SEV_WARNING;
                f.claim = i;
                tf_scopy(f.kind, sizeof f.kind, "likely-copy");
                tf_scopy(f.field, sizeof f.field, fld ? "yoy" : "mom");
                f.start = s->start;
                f.end = s->end;
                f.stated = s->value;
                char w1[48], w2[48];
                tf_period_words(c->period, w1, sizeof w1);
                tf_period_words(e->period, w2, sizeof w2);
                tf_fmt(f.equation, sizeof f.equation, "the %s of %s equals the %s of %s in %s",
                       fld ? "YoY" : "MoM", w1, fld ? "YoY" : "MoM", w2, a->notes[e->note].path);
                tf_fmt(f.evidence, sizeof f.evidence,
                       "%s for %s is the figure %s stated for the month before: likely copied "
                       "from the previous month's note",
                       s->text, w1, a->notes[e->note].path);
                f.confidence = 0.5;
                if (add_find(k, &f))
                    return -1;
                break;
            }
        }
    }
    return 0;
}

/* The same long figure in two notes about different things: a likely copy. */
static int cmp_claim_value(const void *x, const void *y)
{
    const tf_claim *a = *(const tf_claim *const *)x, *b = *(const tf_claim *const *)y;
    if (a->quantity.value != b->quantity.value)
        return a->quantity.value < b->quantity.value ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int check_copies(checker *k)
{
    tf_audit *a = k->a;
    /* claims by value: equal figures are neighbours */
    const tf_claim **byv = malloc((a->n_claims + 1) * sizeof *byv);
    if (!byv)
        return -1;
    for (size_t i = 0; i < a->n_claims; i++)
        byv[i] = &a->claims[i];
    qsort(byv, a->n_claims, sizeof *byv, cmp_claim_value);
    int rc = 0;
    for (size_t i = 0; i < a->n_claims && !rc; i++) {
        const tf_claim *c = &a->claims[i];
        if (!c->quantity.has || !checkable(c->metric))
            continue;
        char di[40];
        int nd_ = digits_of(c->quantity.value, 0, di, sizeof di);
        int sig = nd_;
        while (sig > 0 && di[sig - 1] == '0')
            sig--;
        if (sig < 5)
            continue;
        size_t l = 0, h = a->n_claims;
        while (l < h) { /* the first claim with this value */
            size_t m = l + (h - l) / 2;
            if (byv[m]->quantity.value < c->quantity.value)
                l = m + 1;
            else
                h = m;
        }
        for (size_t r = l; r < a->n_claims && byv[r]->quantity.value == c->quantity.value; r++) {
            const tf_claim *d = byv[r];
            if (d >= c)
                break; /* earlier claims only */
            if (!d->quantity.has || d->note == c->note)
                continue;
            if (d->metric == c->metric && d->period.from == c->period.from &&
                d->period.to == c->period.to && !strcmp(d->product, c->product) &&
                !strcmp(d->partner, c->partner))
                continue; /* the same figure about the same thing */
            tf_finding f;
            memset(&f, 0, sizeof f);
            f.note = c->note;
            f.severity = TF_SEV_WARNING;
            f.claim = i;
            tf_scopy(f.kind, sizeof f.kind, "likely-copy");
            tf_scopy(f.field, sizeof f.field, "quantity");
            f.start = c->quantity.start;
            f.end = c->quantity.end;
            f.stated = c->quantity.value;
            char w1[64], w2[64];
            tf_period_words(c->period, w1, sizeof w1);
            tf_period_words(d->period, w2, sizeof w2);
            tf_fmt(f.equation, sizeof f.equation, "same digits as a figure in %s",
                   a->notes[d->note].path);
            tf_fmt(f.evidence, sizeof f.evidence,
                   "%s (%s %s %s, %s) has the same %d significant digits as the figure stated in "
                   "%s for %s %s %s, %s",
                   c->quantity.text, tf_metric_name(c->metric), c->product, c->partner, w1, sig,
                   a->notes[d->note].path, tf_metric_name(d->metric), d->product, d->partner, w2);
            f.confidence = 0.4;
            if (add_find(k, &f))
                rc = -1;
            break;
        }
    }
    free(byv);
    return rc;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* A monthly figure out of scale with every other month within a year of it
 * that the notes give for the same product and flow (1.62 million t of bauxite
 * where the other months are 11 to 21 million t), and that no equation
 * corroborates: a factor of 10, 100 or 1000 slipped in. */
static int check_magnitude(checker *k)
{
    tf_audit *a = k->a;
    double *peer = malloc(401 * sizeof *peer);
    int *qty_atom = malloc((a->n_claims + 1) * sizeof *qty_atom);
    if (!peer || !qty_atom) {
        free(peer);
        free(qty_atom);
        return -1;
    }
    for (size_t i = 0; i < a->n_claims; i++)
        qty_atom[i] = -1;
    for (size_t ai = 0; ai < k->nat; ai++)
        if (k->at[ai].claim != (size_t)-1 && k->at[ai].field == F_QTY)
            qty_atom[k->at[ai].claim] = (int)ai;
    for (size_t i = 0; i < a->n_claims; i++) {
        const tf_claim *c = &a->claims[i];
        if (!c->quantity.has || c->period.from != c->period.to || strcmp(c->partner, "WLD") ||
            !c->product[0] || (c->metric != TF_METRIC_IMPORT && c->metric != TF_METRIC_EXPORT) ||
            c->quantity.value <= 0)
            continue;
        /* the months within a year of it: a contiguous run of the fact order
         * (metric, product, partner, from); at most 400 of them, evenly spread */
        size_t lo, hi, np = 0, dummy;
        key_range(k, c->metric, c->product, "WLD", c->period.to - 12, INT_MIN, &lo, &dummy);
        key_range(k, c->metric, c->product, "WLD", c->period.to + 13, INT_MIN, &hi, &dummy);
        size_t stride = (hi - lo) / 400 + 1;
        for (size_t r = lo; r < hi; r += stride) {
            const fact *g = &k->fa[k->ord[r]];
            double v = k->at[g->aq].v;
            if (g->from != g->to || g->claim == i || v <= 0 || v == c->quantity.value)
                continue;
            peer[np++] = v;
        }
        if (np < 4)
            continue;
        /* a figure another equation corroborates is not out of scale */
        if (qty_atom[i] >= 0 && support(k, qty_atom[i]) > 0)
            continue;
        qsort(peer, np, sizeof *peer, cmp_double);
        double med = np % 2 ? peer[np / 2] : (peer[np / 2 - 1] + peer[np / 2]) / 2;
        double r = c->quantity.value / med;
        /* every peer is closer to the median than this figure by far */
        if (r > 0.2 && r < 5)
            continue;
        if (c->quantity.value > peer[0] / 3 && c->quantity.value < peer[np - 1] * 3)
            continue;
        for (int f = -3; f <= 3; f++) {
            double x = c->quantity.value * pow(10, f);
            if (!f || x / med < 0.5 || x / med > 2)
                continue;
            tf_finding fd;
            memset(&fd, 0, sizeof fd);
            fd.note = c->note;
            fd.severity = TF_SEV_WARNING;
            fd.claim = i;
            tf_scopy(fd.kind, sizeof fd.kind,
                     abs(f) == 1 ? "factor-of-10" : abs(f) == 2 ? "factor-of-100" : "factor-of-1000");
            tf_scopy(fd.field, sizeof fd.field, "quantity");
            fd.start = c->quantity.start;
            fd.end = c->quantity.end;
            fd.stated = c->quantity.value;
            fd.has_proposed = 1;
            fd.proposed = x;
            char a1[64], a2[64], a3[64], per[48];
            tf_num_words(x, 0, a1, sizeof a1);
            tf_num_words(peer[0], 0, a2, sizeof a2);
            tf_num_words(peer[np - 1], 0, a3, sizeof a3);
            tf_period_words(c->period, per, sizeof per);
            tf_fmt(fd.proposed_text, sizeof fd.proposed_text, "%s t", a1);
            tf_fmt(fd.equation, sizeof fd.equation,
                   "%s of %s in %s against the %zu other months stated: %s to %s t",
                   tf_metric_name(c->metric), c->product, per, np, a2, a3);
            tf_fmt(fd.evidence, sizeof fd.evidence,
                   "%s is %.3g times the median month of the notes (%s months from %s to %s t); "
                   "times 10^%d it is %s t, in line with them",
                   c->quantity.text, r, c->product, a2, a3, f, a1);
            fd.confidence = 0.6;
            if (add_find(k, &fd)) {
                free(peer);
                free(qty_atom);
                return -1;
            }
            break;
        }
    }
    free(peer);
    free(qty_atom);
    return 0;
}

/* Every figure of a note is for a month a year or more before its publication
 * date: the year is likely mislabelled (data are published within weeks). */
static int check_year_label(checker *k)
{
    tf_audit *a = k->a;
    for (size_t ni = 0; ni < a->n_notes; ni++) {
        const tf_note *nt = &a->notes[ni];
        if (strlen(nt->date) < 7)
            continue;
        int ref = ((nt->date[0] - '0') * 1000 + (nt->date[1] - '0') * 100 +
                   (nt->date[2] - '0') * 10 + (nt->date[3] - '0')) * 12 +
                  (nt->date[5] - '0') * 10 + (nt->date[6] - '0') - 1;
        size_t first = (size_t)-1;
        int latest = -1;
        for (size_t i = 0; i < a->n_claims; i++) {
            const tf_claim *c = &a->claims[i];
            if (c->note != ni || !c->period_named || !checkable(c->metric))
                continue;
            if (first == (size_t)-1 && (c->yoy.has || c->mom.has))
                first = i;
            if (c->period.to > latest)
                latest = c->period.to;
        }
        if (first == (size_t)-1 || latest < 0 || latest > ref - 13)
            continue;
        const tf_claim *c = &a->claims[first];
        tf_finding f;
        memset(&f, 0, sizeof f);
        f.note = ni;
        f.severity = TF_SEV_WARNING;
        f.claim = first;
        tf_scopy(f.kind, sizeof f.kind, "wrong-year-label");
        tf_scopy(f.field, sizeof f.field, "label");
        f.start = c->period_end ? c->period_start : c->quantity.start;
        f.end = c->period_end ? c->period_end : c->quantity.end;
        f.stated = c->quantity.value;
        char w1[48], w2[48];
        tf_span_period p = c->period;
        tf_period_words(p, w1, sizeof w1);
        int shift = 12 * ((ref - 1 - p.to) / 12);
        p.from += shift;
        p.to += shift;
        tf_period_words(p, w2, sizeof w2);
        tf_scopy(f.proposed_text, sizeof f.proposed_text, w2);
        tf_fmt(f.equation, sizeof f.equation,
               "the latest period the note names (%s) is a year or more before its date (%s)",
               w1, nt->date);
        tf_fmt(f.evidence, sizeof f.evidence,
               "customs data are published within weeks of the month's end; a note dated %s "
               "whose every figure is for %s or earlier most likely means %s",
               nt->date, w1, w2);
        f.confidence = 0.5;
        if (add_find(k, &f))
            return -1;
    }
    return 0;
}

/* The interval of the gross flow m of claim c's product, partner and period: stated, or
 * the cumulative before the last month plus that month. 0 when the note gives neither. */
static int gross_interval(checker *k, const tf_claim *c, tf_metric m, double *lo, double *hi)
{
    const fact *g = find_fact(k, m, c->product, c->partner, c->period.from, c->period.to,
                              (size_t)-1);
    if (g) {
        *lo = k->at[g->aq].lo, *hi = k->at[g->aq].hi;
        return 1;
    }
    if (c->period.from == c->period.to)
        return 0;
    const fact *a = find_fact(k, m, c->product, c->partner, c->period.from, c->period.to - 1,
                              (size_t)-1);
    const fact *b = a ? find_fact(k, m, c->product, c->partner, c->period.to, c->period.to,
                                  (size_t)-1) : NULL;
    if (!b)
        return 0;
    *lo = k->at[a->aq].lo + k->at[b->aq].lo, *hi = k->at[a->aq].hi + k->at[b->aq].hi;
    return 1;
}

/* A figure labelled net that equals the gross flow of its side within the printed
 * rounding, where the note states no figure of the other flow (corpus/more 044: net
 * exports of semis January-May 1,680,000 t = exports 1,305,000 + 374,000): the other flow
 * would be nil, so the gross figure was most likely printed as the net one (DOMAIN.md
 * section 7). A warning: for a product hardly traded the other way it may be true. */
static int check_net_as_gross(checker *k)
{
    for (size_t ci = 0; ci < k->a->n_claims; ci++) {
        const tf_claim *c = &k->a->claims[ci];
        if (c->metric != TF_METRIC_NET_IMPORT || !c->quantity.has || !c->product[0] ||
            c->quantity.value == 0)
            continue;
        int out = c->quantity.value < 0;
        tf_metric side = out ? TF_METRIC_EXPORT : TF_METRIC_IMPORT;
        tf_metric other = out ? TF_METRIC_IMPORT : TF_METRIC_EXPORT;
        k->prefer_note = c->note;
        double lo, hi, ol, oh;
        double nlo = fabs(out ? c->quantity.hi : c->quantity.lo);
        double nhi = fabs(out ? c->quantity.lo : c->quantity.hi);
        if (gross_interval(k, c, other, &ol, &oh) || !gross_interval(k, c, side, &lo, &hi) ||
            nhi < lo || nlo > hi)
            continue;
        tf_finding f;
        memset(&f, 0, sizeof f);
        f.note = c->note, f.severity = TF_SEV_WARNING, f.claim = ci;
        tf_scopy(f.kind, sizeof f.kind, "gross-labelled-net");
        tf_scopy(f.field, sizeof f.field, "quantity");
        f.start = c->quantity.start, f.end = c->quantity.end, f.stated = c->quantity.value;
        f.confidence = 0.5;
        char nw[48], lw[48], hw[48];
        tf_num_words(fabs(c->quantity.value), 0, nw, sizeof nw);
        tf_num_words(lo, 0, lw, sizeof lw);
        tf_num_words(hi, 0, hw, sizeof hw);
        tf_fmt(f.equation, sizeof f.equation, "net %s %s = %s %s..%s, with no %s stated",
               out ? "exports" : "imports", nw, out ? "exports" : "imports", lw, hw,
               out ? "imports" : "exports");
        tf_fmt(f.evidence, sizeof f.evidence,
               "the figure labelled net equals the gross %s of the same period within the "
               "printed rounding, which would leave no %s at all: most likely the gross "
               "figure printed as the net one",
               out ? "exports" : "imports", out ? "imports" : "exports");
        if (add_find(k, &f))
            return -1;
    }
    return 0;
}

/* Whether equation e reads a stored figure. */
static int has_stored_atom(const checker *k, const eqn *e)
{
    for (int j = 0; j < e->natoms; j++)
        if (!k->at[e->atoms[j]].removable)
            return 1;
    return 0;
}

/* The stored figure a printed quantity ai was found to be (a same-figure
 * equation holding within the printed rounding), or -1. */
static int stored_twin(const checker *k, int ai)
{
    for (size_t x = k->adj_at[ai]; x < k->adj_at[ai + 1]; x++) {
        const eqn *e = &k->eq[k->adj[x]];
        if (strcmp(e->kind, "same-figure") || e->natoms != 2 || !holds(k, e, -1, 0, 3))
            continue;
        int b = e->atoms[0] == ai ? e->atoms[1] : e->atoms[0];
        if (!k->at[b].removable)
            return b;
    }
    return -1;
}

/* Whether e holds within its printed figures' rounding once each printed
 * quantity in it is replaced by the stored figure it rounds: a share printed
 * from the stored quantities is right whatever the rounding of the printed
 * quantities beside it ("711.57万吨 ... 868.28万吨 ... 82.0%" gives 81.95 from
 * the printed figures, 81.952 from the stored 7,115,742 and 8,682,836 t). 0 when
 * a printed quantity has no stored twin. */
static int holds_on_stored(checker *k, const eqn *e)
{
    atom saved[8];
    int idx[8], n = 0, ok = e->natoms <= 8;
    for (int j = 0; ok && j < e->natoms; j++) {
        int ai = e->atoms[j], tw;
        atom *t = &k->at[ai];
        if (!t->removable || t->field != F_QTY)
            continue;
        if ((tw = stored_twin(k, ai)) < 0) {
            ok = 0;
            break;
        }
        saved[n] = *t;
        idx[n++] = ai;
        t->v = k->at[tw].v;
        t->lo = k->at[tw].lo;
        t->hi = k->at[tw].hi;
    }
    ok = ok && n > 0 && holds(k, e, -1, 0, 3);
    while (n-- > 0)
        k->at[idx[n]] = saved[n];
    return ok;
}

/* Equations that hold only at the edge of rounding. */
static int check_rounding(checker *k)
{
    for (size_t i = 0; i < k->neq; i++) {
        eqn *e = &k->eq[i];
        if (e->failed || e->le || holds(k, e, -1, 0, 1))
            continue;
        /* against a stored figure a printed one is either its rounding or not: where it
         * is, its place within the rounding says nothing */
        if (has_stored_atom(k, e) && holds(k, e, -1, 0, 3))
            continue;
        if (holds_on_stored(k, e))
            continue;
        int ai = -1;
        for (int j = 0; j < e->natoms; j++)
            if (k->at[e->atoms[j]].removable) {
                ai = e->atoms[j];
                break;
            }
        if (ai < 0)
            continue;
        tf_finding f;
        atom_finding(k, &k->at[ai], TF_SEV_ROUNDING, &f);
        tf_scopy(f.kind, sizeof f.kind, "rounding");
        eq_numbers(k, e, f.equation, sizeof f.equation);
        tf_fmt(f.evidence, sizeof f.evidence,
               "holds only near the edge of the figures' rounding: %s", f.equation);
        f.confidence = 0.2;
        if (add_find(k, &f))
            return -1;
    }
    return 0;
}

/* The equations each atom is in (CSR arrays adj_at / adj). */
static int build_adjacency(checker *k)
{
    k->adj_at = calloc(k->nat + 1, sizeof *k->adj_at);
    size_t total = 0;
    for (size_t i = 0; i < k->neq; i++)
        total += (size_t)k->eq[i].natoms;
    k->adj = malloc((total ? total : 1) * sizeof *k->adj);
    if (!k->adj_at || !k->adj)
        return -1;
    for (size_t i = 0; i < k->neq; i++)
        for (int j = 0; j < k->eq[i].natoms; j++)
            k->adj_at[k->eq[i].atoms[j] + 1]++;
    for (size_t a = 0; a < k->nat; a++)
        k->adj_at[a + 1] += k->adj_at[a];
    size_t *fill = calloc(k->nat + 1, sizeof *fill);
    if (!fill)
        return -1;
    for (size_t i = 0; i < k->neq; i++)
        for (int j = 0; j < k->eq[i].natoms; j++) {
            size_t a = (size_t)k->eq[i].atoms[j];
            k->adj[k->adj_at[a] + fill[a]++] = i;
        }
    free(fill);
    return 0;
}

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static int diagnose_comp(checker *k, int comp);

/* Failing equations that share a suspect atom form one component; each is
 * diagnosed on its own. */
static int diagnose(checker *k)
{
    size_t *p = malloc((k->nat + 1) * sizeof *p);
    int *comp_of = malloc((k->nat + 1) * sizeof *comp_of);
    if (!p || !comp_of) {
        free(p);
        free(comp_of);
        return -1;
    }
    for (size_t a = 0; a < k->nat; a++) {
        p[a] = a;
        comp_of[a] = -1;
    }
    for (size_t i = 0; i < k->neq; i++) {
        const eqn *e = &k->eq[i];
        if (e->failed != 1)
            continue;
        int first = -1;
        for (int j = 0; j < e->natoms; j++) {
            int a = e->atoms[j];
            if (!k->at[a].removable)
                continue;
            if (first < 0)
                first = a;
            else
                p[uf_find(p, (size_t)a)] = uf_find(p, (size_t)first);
        }
    }
    int ncomp = 0;
    for (size_t i = 0; i < k->neq; i++) {
        eqn *e = &k->eq[i];
        e->comp = -1;
        if (e->failed != 1)
            continue;
        int first = -1;
        for (int j = 0; j < e->natoms && first < 0; j++)
            if (k->at[e->atoms[j]].removable)
                first = e->atoms[j];
        if (first < 0) {
            e->comp = ncomp++; /* only stored figures: on its own */
            continue;
        }
        size_t r = uf_find(p, (size_t)first);
        if (comp_of[r] < 0)
            comp_of[r] = ncomp++;
        e->comp = comp_of[r];
    }
    free(p);
    free(comp_of);
    for (int c = 0; c < ncomp; c++)
        if (diagnose_comp(k, c))
            return -1;
    return 0;
}

/* The removable atoms of component comp's failing equations, each once, in
 * *out (malloc'd, caller frees). 0, or -1 when out of memory. */
static int component_suspects(const checker *k, int comp, int **out, int *n)
{
    int *sus = NULL, ns = 0, cap = 0;
    unsigned char *seen = calloc(k->nat ? k->nat : 1, 1);
    if (!seen)
        return -1;
    for (size_t i = 0; i < k->neq; i++) {
        const eqn *e = &k->eq[i];
        if (e->failed != 1 || e->comp != comp)
            continue;
        for (int j = 0; j < e->natoms; j++) {
            int ai = e->atoms[j];
            if (!k->at[ai].removable || seen[ai])
                continue;
            seen[ai] = 1;
            if (ns == cap) {
                int *nb = realloc(sus, (size_t)(cap ? 2 * cap : 16) * sizeof *sus);
                if (!nb) {
                    free(sus);
                    free(seen);
                    return -1;
                }
                sus = nb;
                cap = cap ? 2 * cap : 16;
            }
            sus[ns++] = ai;
        }
    }
    free(seen);
    *out = sus;
    *n = ns;
    return 0;
}

static int diagnose_comp(checker *k, int comp)
{
    /* suspects: removable atoms of the component's failing equations (all of
     * them, in a growable array: none is dropped) */
    int *sus = NULL;
    int ns = 0;
    if (component_suspects(k, comp, &sus, &ns))
        return -1;
    if (!ns)
        return 0;
    cand best = {{0}, 0, INFINITY};
    double second = INFINITY;
    /* beyond MAX_SEARCH suspects the search for the fewest slips (up to
     * C(n,3) sets) is not tried: each failing equation is reported instead */
    for (int size = 1; size <= 3 && best.n == 0 && ns <= MAX_SEARCH; size++) {
        int idx[3] = {0, 1, 2};
        if (size > ns)
            break;
        for (;;) {
            cand c = {{0}, size, 0};
            for (int i = 0; i < size; i++)
                c.atoms[i] = sus[idx[i]];
            int hits = 1;
            for (size_t i = 0; i < k->neq && hits; i++) {
                const eqn *e = &k->eq[i];
                if (e->failed != 1 || e->comp != comp)
                    continue;
                int h = 0;
                for (int j = 0; j < size; j++)
                    if (eq_has(e, c.atoms[j]))
                        h = 1;
                hits = h;
            }
            if (hits) {
                c.score = cand_score(k, &c);
                if (c.score < best.score) {
                    second = best.score;
                    best = c;
                } else if (c.score < second)
                    second = c.score;
            }
            /* next combination */
            int p = size - 1;
            while (p >= 0 && idx[p] == ns - size + p)
                p--;
            if (p < 0)
                break;
            idx[p]++;
            for (int q = p + 1; q < size; q++)
                idx[q] = idx[q - 1] + 1;
        }
    }
    free(sus);
    if (best.n) {
        double margin = second - best.score;
        double conf = isinf(second) ? 0.6 : margin >= 2 ? 0.55 : margin >= 0.5 ? 0.4 : 0.25;
        for (int i = 0; i < best.n; i++)
            if (report_atom(k, best.atoms[i], &best, conf))
                return -1;
        return 0;
    }
    /* too many slips to pin down: report each failing equation */
    for (size_t i = 0; i < k->neq; i++) {
        const eqn *e = &k->eq[i];
        if (e->failed != 1 || e->comp != comp)
            continue;
        int ai = -1;
        for (int j = 0; j < e->natoms && ai < 0; j++)
            if (k->at[e->atoms[j]].removable)
                ai = e->atoms[j];
        if (ai < 0)
            continue;
        cand c = {{ai}, 1, 0};
        if (report_atom(k, ai, &c, 0.2))
            return -1;
    }
    return 0;
}

tf_status tf_audit_check(tf_audit *a, const tf_audit_opts *opts)
{
    checker k;
    memset(&k, 0, sizeof k);
    k.a = a;
    k.opts = opts;
    k.capstr = 256;
    k.strs = calloc(k.capstr, sizeof *k.strs);
    tf_status st = TF_ERR_NOMEM;
    if (!k.strs)
        goto out;
    if (build_claim_facts(&k))
        goto out;
    int r = build_store_facts(&k);
    if (r == -2) {
        st = TF_ERR_DB;
        goto out;
    }
    if (r)
        goto out;
    if (build_order(&k) || build_equations(&k))
        goto out;
    for (size_t i = 0; i < k.neq; i++)
        if (k.eq[i].oom)
            goto out;
    for (size_t i = 0; i < k.neq; i++) {
        eqn *e = &k.eq[i];
        size_t note = (size_t)-1;
        for (int j = 0; j < e->natoms; j++) {
            const atom *t = &k.at[e->atoms[j]];
            size_t n = t->claim == (size_t)-1 ? (size_t)-2 : a->claims[t->claim].note;
            if (note == (size_t)-1)
                note = n;
            else if (n != note)
                e->slack = e->slack == 2 || published_apart(a, n, note) ? 2 : 1;
        }
        k.eq[i].failed = !holds(&k, &k.eq[i], -1, 0, 0);
        if (k.eq[i].failed)
            a->n_failed++;
    }
    a->n_equations = k.neq;
    if (build_adjacency(&k))
        goto out;
    if (check_labels(&k) || diagnose(&k) || check_note_period(&k) || check_series_month(&k) ||
        check_partner_month(&k) || check_base_label(&k) || check_copies(&k) || check_pct_copies(&k) ||
        check_magnitude(&k) || check_year_label(&k) || check_rounding(&k) ||
        check_net_as_gross(&k))
        goto out;
    st = TF_OK;
out:
    free(k.at);
    free(k.fa);
    free(k.ord);
    free(k.adj);
    free(k.adj_at);
    for (size_t i = 0; i < k.neq; i++) {
        free(k.eq[i].nd);
        free(k.eq[i].atoms);
    }
    free(k.eq);
    free(k.strs);
    return st;
}
