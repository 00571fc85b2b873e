/*
 * Monthly statistics of one product: totals, MoM, YoY, YTD, partners,
 * trade modes. Definitions and sources: include/tradeflow/stats.h.
 *
 * Aggregation rules (so nothing is counted twice):
 *  - codes: when the data holds a code and a longer code under it (HS6
 *    760110 and HS8 76011010) for the same flow and month, the shorter one,
 *    which is complete, is used;
 *  - partners: in each group of rows with the same commodity, trade mode and
 *    province, a world (WLD) row is the total; without one the partner rows
 *    are summed;
 *  - breakdown levels: rows by trade mode or province are finer breakdowns of
 *    the same trade; each figure is taken from the coarsest level present.
 */
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/stats.h"
#include "tradeflow/hscodes.h"
#include "tradeflow/calendar.h"
#include "tradeflow/query.h"
#include "tradeflow/window.h"
#include "../common/util.h"
#include "../store/store_int.h"

#define N_MONTHS 24 /* January of the previous year .. December of this year */
#define N_FLOWS 4   /* import, export, re-import, re-export (the report keeps the last two) */

/* One row of the selection as the aggregation reads it. No padding and every
 * byte set (collect_row clears it first), so two runs of rows compare with
 * memcmp (the batch's memo of aggregated months, agg_memo). */
typedef struct row {
    tf_milli q;   /* thousandths of a kg */
    tf_milli v;
    int flow;     /* 0 import, 1 export, 2 re-import, 3 re-export */
    int month;    /* 0..23 from January of the previous year */
    int has_q;
    int has_v;
    int world;    /* the partner is the world (WLD): a total */
    int lvl;      /* breakdown level: 1 by trade mode, 2 by province, 3 both */
    char cls[8];  /* classification (edition) of the row */
    char commodity[16];
    char partner[16];
    char basis[16];
    char mode[8];
    char prov[8];
    char currency[8];
} row;

typedef struct amount {
    char key[16];
    tf_milli q;
} amount;

typedef struct agg {
    int present;             /* any usable row for this flow and month */
    tf_milli total;          /* thousandths of a kg */
    int value_ok;            /* every counted row had a value in one currency */
    tf_milli value;
    char currency[4];
    int world;               /* the total comes from world rows */
    amount *partners;
    size_t n_partners;
    amount *modes;
    size_t n_modes;
    amount *codes;           /* commodity codes used (q unused) */
    size_t n_codes;
    int partners_complete;   /* the partner rows add up to the total */
    char basis[16];          /* partner basis of the partner rows */
    int overflow;            /* a sum left the range of tf_milli */
} agg;

/* What tells one trade's rows apart but for their currency (by_currency): the
 * flow slot and the cell key without the currency. */
typedef struct trade_key {
    int f;
    char period[20], cls[8], commodity[16], reporter[4], partner[16], basis[48], mode[8],
        prov[8];
} trade_key;

typedef struct collect {
    row *rows;
    size_t n, cap;
    int base_index;          /* month index of January of the previous year */
    int n_months;            /* months kept from base_index; 0: N_MONTHS */
    unsigned long other_units, no_quantity, not_monthly;
    unsigned long ranges; /* cumulative-range cells (record.h): in no month */
    unsigned long breakdowns; /* Comtrade breakdown rows (record.h): in no total */
    char other_unit[32];
    unsigned long counted;   /* rows whose goods the classification counts in a non-mass unit */
    unsigned long net_weighed; /* of those, rows with a net weight in kg (in the tonnages) */
    char counted_unit[32];   /* that unit (e.g. 'u' items, GACC '个') */
    double v_all;            /* quantity pass: value of all rows, in the first currency seen */
    char v_currency[4];
    char counted_codes[32][16]; /* commodity codes seen counted in items (a code counted
                                   in one row is counted in all: its world row may not say) */
    int n_counted_codes;     /* 33: more codes than listed, all taken as counted */
    unsigned char dropped[N_FLOWS][N_MONTHS]; /* a partner row of this flow and month was left
                                   out (no figure in the measure, another currency or
                                   unit): the month's partner breakdown is not complete */
    int annual;              /* 1: annual periods ("YYYY"), each in its year's December slot */
    int value;               /* 1: the measure is the value, not the quantity */
    unsigned long not_annual, no_value, other_currency;
    char currency[4];
    const char *cls;         /* classification being selected */
    const char *want_currency; /* the report's currency: rows in another one (the same
                                  trade valued twice) are not read; NULL: any */
    char want_buf[4];        /* storage of want_currency */
    /* a row in another currency, held until the next cell shows whether the
     * same trade also has a row in the report's currency (cells differing only
     * by currency are adjacent in the store's order) */
    /* quantity measure: value of the rows left out of the tonnage for want of a
     * weight in kg, per flow and month; [0] world rows, [1] partner rows */
    double unweighed_v[2][N_FLOWS][N_MONTHS];
    unsigned long unweighed_n[2][N_FLOWS][N_MONTHS];
    int keep_re;             /* 1: rows of re-imports and re-exports are kept (flows 2, 3) */
    int sorted;              /* 1: rows are in cmp_row's order already (window_rows) */
    int v_negative;          /* a value added to v_all was below 0 */
    int pending;
    int pending_f, pending_m;
    trade_key pending_key, kept_key;
    tf_record pending_rec;
} collect;

/* ---- the report's currency: chosen by the selection module (tf_query_currency:
 * --currency, else the one with most records, with a note naming the other) ---- */
static tf_status add_note(tf_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void currency_note(void *ctx, const char *text)
{
    add_note(ctx, "%s", text);
}

static tf_status choose_currency(tf_db *db, const tf_query *q, const tf_selection *base,
                                 tf_report *rep, char out[4])
{
    return tf_query_currency(db, base, q->currency, out, NULL, currency_note, rep);
}

/* a + b, setting *ovf when the sum leaves the range of tf_milli (figures are
 * capped at ingest, so only absurd data sets of more than ~90,000 maximal
 * figures get here); each computation checks its flag once at the end. */
static tf_milli add(tf_milli a, tf_milli b, int *ovf)
{
    tf_milli r;
    if (__builtin_add_overflow(a, b, &r)) {
        *ovf = 1;
        return 0;
    }
    return r;
}

static tf_status add_note(tf_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A note's text into r's notes, once (the same text again is not repeated). */
static tf_status note_text(tf_report *r, const char *buf)
{
    for (size_t i = 0; i < r->n_notes; i++)
        if (strcmp(r->notes[i], buf) == 0)
            return TF_OK;
    char **p = realloc(r->notes, (r->n_notes + 1) * sizeof *p);
    if (!p)
        return TF_ERR_NOMEM;
    r->notes = p;
    if (!(p[r->n_notes] = tf_strdup(buf)))
        return TF_ERR_NOMEM;
    r->n_notes++;
    return TF_OK;
}

static tf_status add_note(tf_report *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return note_text(r, buf);
}

/* The notes an aggregation gave (agg_memo: given again when its answer is
 * reused). failed: one could not be kept, so the answer is not reused. */
typedef struct note_log {
    char **v;
    size_t n;
    int failed;
} note_log;

static tf_status log_note(tf_report *r, note_log *log, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* add_note, its text also kept in log (NULL: not kept). */
static tf_status log_note(tf_report *r, note_log *log, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (log && !log->failed) {
        char **p = realloc(log->v, (log->n + 1) * sizeof *p);
        if (p)
            log->v = p;
        if (!p || !(p[log->n] = tf_strdup(buf)))
            log->failed = 1;
        else
            log->n++;
    }
    return note_text(r, buf);
}

static void note_log_free(note_log *log)
{
    for (size_t i = 0; i < log->n; i++)
        free(log->v[i]);
    free(log->v);
    log->v = NULL;
    log->n = 0;
}

tf_opt tf_pct_change(tf_opt x, tf_opt base)
{
    tf_opt o = {0, 0.0};
    if (!x.has || !base.has || base.v <= 0.0 || x.v < 0.0)
        return o;
    o.has = 1;
    o.v = (x.v / base.v - 1.0) * 100.0;
    return o;
}

static tf_opt some(double v)
{
    tf_opt o = {1, v};
    return o;
}

static const tf_opt none = {0, 0.0};

/* Thousandths of a kg to t; with the value as the measure (value != 0),
 * thousandths of the currency to the currency. */
static double in_unit(int value, tf_milli milli) { return (double)milli / (value ? 1e3 : 1e6); }

/* A sum in the report's measure (t, or its currency). */
static double figure(const tf_report *rep, tf_milli milli)
{
    return in_unit(rep->measure_value, milli);
}

static int counted_code(const collect *c, const char *code)
{
    if (c->n_counted_codes > 32)
        return 1;
    for (int i = 0; i < c->n_counted_codes; i++)
        if (!strcmp(c->counted_codes[i], code))
            return 1;
    return 0;
}

static void note_counted_code(collect *c, const char *code)
{
    if (counted_code(c, code))
        return;
    if (c->n_counted_codes == 32) {
        c->n_counted_codes = 33;
        return;
    }
    tf_scopy(c->counted_codes[c->n_counted_codes++], sizeof c->counted_codes[0], code);
}

/* Value of the kept rows (weighed in kg) whose codes are not counted in items. */
static double weighed_value(const collect *c)
{
    double v = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].flow < 2 && c->rows[i].has_v && !counted_code(c, c->rows[i].commodity) &&
            (!c->v_currency[0] || !strcmp(c->rows[i].currency, c->v_currency)))
            v += (double)c->rows[i].v;
    return v;
}

/* A row left out of the figures: a partner's row leaves its month's partner
 * breakdown incomplete (the partner traded, in no figure this report counts). */
static tf_status left_out(collect *c, int f, int m, const tf_record *r)
{
    if (m < N_MONTHS && strcmp(r->partner, TF_PARTNER_WORLD) != 0)
        c->dropped[f][m] = 1;
    return TF_OK;
}

static tf_status collect_row(collect *c, int f, int m, const tf_record *r);
static tf_status by_currency(collect *c, int f, int m, const tf_record *r);
static tf_status collect_fn(void *ctx, const tf_revision *rev);

static void trade_key_set(trade_key *k, int f, const tf_record *r)
{
    k->f = f;
    memcpy(k->period, r->period, sizeof k->period);
    memcpy(k->cls, r->classification, sizeof k->cls);
    memcpy(k->commodity, r->commodity, sizeof k->commodity);
    memcpy(k->reporter, r->reporter, sizeof k->reporter);
    memcpy(k->partner, r->partner, sizeof k->partner);
    memcpy(k->basis, r->partner_basis, sizeof k->basis);
    memcpy(k->mode, r->trade_mode, sizeof k->mode);
    memcpy(k->prov, r->province, sizeof k->prov);
}

/* 1 when r (flow slot f) is the trade of k (its currency aside). */
static int trade_key_is(const trade_key *k, int f, const tf_record *r)
{
    return k->f == f && !strcmp(k->partner, r->partner) && !strcmp(k->period, r->period) &&
           !strcmp(k->commodity, r->commodity) && !strcmp(k->mode, r->trade_mode) &&
           !strcmp(k->prov, r->province) && !strcmp(k->basis, r->partner_basis) &&
           !strcmp(k->cls, r->classification) && !strcmp(k->reporter, r->reporter);
}

/* A held row in another currency whose cell is over (r: the next cell's row
 * in flow slot f, or NULL at the end): no row of the same trade in the
 * report's currency came. */
static tf_status flush_pending(collect *c, int f, const tf_record *r)
{
    if (!c->pending || (r && trade_key_is(&c->pending_key, f, r)))
        return TF_OK;
    c->pending = 0;
    if (!c->value) /* its tonnage is no duplicate: counted, its value not */
        return collect_row(c, c->pending_f, c->pending_m, &c->pending_rec);
    c->other_currency++;
    tf_scopy(c->currency, sizeof c->currency, c->want_currency);
    return left_out(c, c->pending_f, c->pending_m, &c->pending_rec);
}

/* tf_db_select over collect_fn, then the held row's fate. */
static tf_status select_rows(tf_db *db, const tf_selection *sel, collect *c)
{
    tf_status st = tf_query_select(db, sel, collect_fn, c);
    if (st == TF_OK)
        st = flush_pending(c, 0, NULL);
    return st;
}

static tf_status collect_fn(void *ctx, const tf_revision *rev)
{
    collect *c = ctx;
    const tf_record *r = &rev->rec;
    int f = r->flow == TF_FLOW_IMPORT ? 0 : r->flow == TF_FLOW_EXPORT ? 1 : -1;
    if (c->keep_re && r->flow == TF_FLOW_REIMPORT)
        f = 2;
    else if (c->keep_re && r->flow == TF_FLOW_REEXPORT)
        f = 3;
    if (tf_period_is_range(r->period)) {
        c->ranges++;
        return TF_OK;
    }
    if (tf_record_is_breakdown(r)) {
        c->breakdowns++;
        return TF_OK;
    }
    int idx = tf_period_index(r->period);
    if (c->annual) {
        /* an annual period sits in its year's December slot: m-12 is the year before */
        idx = strlen(r->period) == 4 ? (int)strtol(r->period, NULL, 10) * 12 + 11 : -1;
        if (f < 0 || idx < 0) {
            c->not_annual++;
            return TF_OK;
        }
    } else if (f < 0 || idx < 0) {
        /* re-imports/re-exports and annual rows are not in the monthly report */
        c->not_monthly++;
        return TF_OK;
    }
    int m = idx - c->base_index;
    if (m < 0 || m >= (c->n_months ? c->n_months : N_MONTHS))
        return TF_OK;
    if (c->want_currency)
        return by_currency(c, f, m, r);
    return collect_row(c, f, m, r);
}

/* The same trade in the report's currency and another: read once, in the
 * report's. A row only in another currency is left out of the figures (the
 * month's partner breakdown is then incomplete) and counted in the note. */
static tf_status by_currency(collect *c, int f, int m, const tf_record *r)
{
    tf_status st = flush_pending(c, f, r);
    if (st != TF_OK)
        return st;
    if (r->currency[0] && strcmp(r->currency, c->want_currency) != 0) {
        if (trade_key_is(&c->kept_key, f, r))
            return TF_OK; /* read already in the report's currency */
        c->pending = 1;
        c->pending_f = f;
        c->pending_m = m;
        c->pending_rec = *r;
        trade_key_set(&c->pending_key, f, r);
        return TF_OK;
    }
    c->pending = 0;
    trade_key_set(&c->kept_key, f, r);
    return collect_row(c, f, m, r);
}

/* A row the tonnage leaves out (no weight in kg): its value, for saying what
 * the value line and the shares of a quantity report cover. */
static void unweighed(collect *c, int f, int m, const tf_record *r, int in_ccy)
{
    if (m >= N_MONTHS)
        return;
    int w = strcmp(r->partner, TF_PARTNER_WORLD) == 0 ? 0 : 1;
    c->unweighed_n[w][f][m]++;
    if (in_ccy)
        c->unweighed_v[w][f][m] += (double)r->value / TF_MILLI;
}

static tf_status collect_row(collect *c, int f, int m, const tf_record *r)
{
    if (c->value) {
        if (!r->has_value) {
            c->no_value++;
            return left_out(c, f, m, r);
        }
        if (!c->currency[0])
            tf_scopy(c->currency, sizeof c->currency, r->currency);
        if (strcmp(c->currency, r->currency) != 0) {
            c->other_currency++;
            return left_out(c, f, m, r);
        }
    } else {
        /* how much of the trade's value the tonnage covers (the auto measure) */
        int in_ccy = r->has_value && (!c->v_currency[0] || !strcmp(c->v_currency, r->currency));
        if (in_ccy && f < 2) { /* re-flows are part of their flows' value already */
            tf_scopy(c->v_currency, sizeof c->v_currency, r->currency);
            c->v_all += (double)r->value;
            c->v_negative |= r->value < 0;
        }
        if (!r->has_quantity || strcmp(r->unit, "kg") != 0)
            unweighed(c, f, m, r, in_ccy);
        if (!r->has_quantity) {
            c->no_quantity++;
            return left_out(c, f, m, r);
        }
        if (strcmp(r->unit, "kg") != 0) {
            c->other_units++;
            tf_scopy(c->other_unit, sizeof c->other_unit, r->unit);
            if (strcmp(r->unit, "t") != 0) {
                c->counted++; /* GACC: goods counted in items (个, 台) */
                tf_scopy(c->counted_unit, sizeof c->counted_unit, r->unit);
                note_counted_code(c, r->commodity);
            }
            return left_out(c, f, m, r);
        }
        if (r->has_quantity2 && r->unit2[0] && strcmp(r->unit2, "kg") != 0 &&
            strcmp(r->unit2, "t") != 0) {
            /* UN Comtrade: netWgt in kg, qty in the goods' own unit (items, litres) */
            c->counted++;
            c->net_weighed++;
            tf_scopy(c->counted_unit, sizeof c->counted_unit, r->unit2);
            note_counted_code(c, r->commodity);
        }
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256;
        row *p = realloc(c->rows, nc * sizeof *p);
        if (!p)
            return TF_ERR_NOMEM;
        c->rows = p;
        c->cap = nc;
    }
    row *w = &c->rows[c->n++];
    memset(w, 0, sizeof *w);
    w->flow = f;
    w->month = m;
    tf_scopy(w->cls, sizeof w->cls, r->classification);
    tf_scopy(w->commodity, sizeof w->commodity, r->commodity);
    tf_scopy(w->partner, sizeof w->partner, r->partner);
    tf_scopy(w->basis, sizeof w->basis, r->partner_basis);
    tf_scopy(w->mode, sizeof w->mode, r->trade_mode);
    tf_scopy(w->prov, sizeof w->prov, r->province);
    w->has_q = 1;
    w->q = c->value ? r->value : r->quantity;
    w->has_v = r->has_value;
    w->v = r->value;
    tf_scopy(w->currency, sizeof w->currency, r->currency);
    w->world = strcmp(w->partner, TF_PARTNER_WORLD) == 0;
    w->lvl = (w->mode[0] ? 1 : 0) | (w->prov[0] ? 2 : 0);
    return TF_OK;
}

/* The 8 bytes at p as a big-endian number: zero-padded texts (a row's, whose
 * bytes after the end are 0) compare as strcmp compares them. */
static uint64_t be8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* strcmp's sign for two zero-padded texts of n (8 or 16) bytes. */
static int cmp_padded(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = be8(a + i), y = be8(b + i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

/* Order: flow, month, commodity, province, mode, WLD first, basis, partner
 * (texts in strcmp's order). */
static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->flow != y->flow)
        return x->flow - y->flow;
    if (x->month != y->month)
        return x->month - y->month;
    int c;
    if ((c = cmp_padded(x->commodity, y->commodity, sizeof x->commodity)))
        return c;
    if ((c = cmp_padded(x->prov, y->prov, sizeof x->prov)))
        return c;
    if ((c = cmp_padded(x->mode, y->mode, sizeof x->mode)))
        return c;
    if (x->world != y->world)
        return y->world - x->world;
    if ((c = cmp_padded(x->basis, y->basis, sizeof x->basis)))
        return c;
    return cmp_padded(x->partner, y->partner, sizeof x->partner);
}

static int is_world(const row *r) { return r->world; }
static int level(const row *r) { return r->lvl; }

/* A key of an amount as its 16 bytes, zero-padded (amount_add stores keys so):
 * 0 when it does not fit (then compared with strcmp). */
static int key16(const char *key, char out[16])
{
    size_t n = strlen(key);
    if (n >= 16)
        return 0;
    memset(out, 0, 16);
    memcpy(out, key, n);
    return 1;
}

/* The index of key in arr[0..n), n when absent. */
static size_t amount_find(const amount *arr, size_t n, const char *key)
{
    char k[16];
    if (!key16(key, k)) {
        size_t i = 0;
        while (i < n && strcmp(arr[i].key, key) != 0)
            i++;
        return i;
    }
    uint64_t k0, k1;
    memcpy(&k0, k, 8);
    memcpy(&k1, k + 8, 8);
    for (size_t i = 0; i < n; i++) {
        uint64_t a0, a1;
        memcpy(&a0, arr[i].key, 8);
        memcpy(&a1, arr[i].key + 8, 8);
        if (a0 == k0 && a1 == k1)
            return i;
    }
    return n;
}

/* The room an array of n amounts has: none for 0, else the first power of two
 * from 4 that holds n (amount_add grows it when n reaches one, amounts_dup
 * copies into as much), so a month's partners cost a few allocations, not one
 * each. */
static size_t amount_room(size_t n)
{
    size_t room = 4;
    while (room < n)
        room *= 2;
    return n ? room : 0;
}

static tf_status amount_add(amount **arr, size_t *n, const char *key, tf_milli q, int *ovf)
{
    size_t i = amount_find(*arr, *n, key);
    if (i < *n) {
        (*arr)[i].q = add((*arr)[i].q, q, ovf);
        return TF_OK;
    }
    amount *p = *arr;
    if (amount_room(*n) < *n + 1 && !(p = realloc(*arr, amount_room(*n + 1) * sizeof *p)))
        return TF_ERR_NOMEM;
    *arr = p;
    memset(p[*n].key, 0, sizeof p[*n].key); /* zero-padded: amount_find */
    tf_scopy(p[*n].key, sizeof p[*n].key, key);
    p[*n].q = q;
    (*n)++;
    return TF_OK;
}

/* 1 when the month has a row for this partner (even a zero one). */
static int amount_has(const agg *a, const char *key)
{
    return amount_find(a->partners, a->n_partners, key) < a->n_partners;
}

static tf_milli amount_get(const agg *a, const char *key)
{
    size_t i = amount_find(a->partners, a->n_partners, key);
    return i < a->n_partners ? a->partners[i].q : 0;
}

/* group_basis for rows with more distinct bases than it counts (quadratic). */
static const char *group_basis_slow(const row *rows, size_t b, size_t e, const char *want)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = b; i < e; i++) {
        if (is_world(&rows[i]))
            continue;
        if (want && !strcmp(rows[i].basis, want))
            return want;
        size_t cnt = 0;
        for (size_t j = b; j < e; j++)
            cnt += !is_world(&rows[j]) && !strcmp(rows[j].basis, rows[i].basis);
        if (cnt > best_n) {
            best_n = cnt;
            best = rows[i].basis;
        }
    }
    return best ? best : "";
}

/* The partner basis to sum in rows[b..e) when there is no world row: the
 * wanted one when present there, else the most common one (on a tie, the one
 * met first). One pass, counting the few distinct bases as they come. */
static const char *group_basis(const row *rows, size_t b, size_t e, const char *want)
{
    enum { MAX_BASES = 8 }; /* the readers allow 5 bases and "" */
    const char *seen[MAX_BASES];
    size_t count[MAX_BASES], k = 0;
    for (size_t i = b; i < e; i++) {
        if (is_world(&rows[i]))
            continue;
        if (want && !strcmp(rows[i].basis, want))
            return want;
        size_t j = 0;
        while (j < k && strcmp(seen[j], rows[i].basis))
            j++;
        if (j < k) {
            count[j]++;
        } else if (k < MAX_BASES) {
            seen[k] = rows[i].basis;
            count[k++] = 1;
        } else {
            return group_basis_slow(rows, b, e, want);
        }
    }
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t j = 0; j < k; j++)
        if (count[j] > best_n) {
            best_n = count[j];
            best = seen[j];
        }
    return best ? best : "";
}

static void add_value(const row *r, tf_milli *v, int *value_ok, const char **currency,
                      int *ovf)
{
    *v = add(*v, r->v, ovf);
    if (!r->has_v)
        *value_ok = 0;
    else if (!*currency)
        *currency = r->currency;
    else if (memcmp(*currency, r->currency, sizeof r->currency)) /* both rows' (padded) */
        *value_ok = 0;
}

/* Sum of one (commodity, mode, province) group rows[b..e): the world row if
 * present (sorted first), else the partner rows of one basis. */
static void group_total(const row *rows, size_t b, size_t e, const char *want, tf_milli *q,
                        tf_milli *v, int *value_ok, const char **currency, int *ovf)
{
    *q = 0;
    *v = 0;
    if (is_world(&rows[b])) {
        *q = rows[b].q;
        add_value(&rows[b], v, value_ok, currency, ovf);
        return;
    }
    const char *basis = group_basis(rows, b, e, want);
    for (size_t i = b; i < e; i++)
        if (!strcmp(rows[i].basis, basis)) {
            *q = add(*q, rows[i].q, ovf);
            add_value(&rows[i], v, value_ok, currency, ovf);
        }
}

/* Rows' texts are zero-padded (collect_row), so equal texts are equal bytes. */
static int same_group(const row *a, const row *b)
{
    return !memcmp(a->commodity, b->commodity, sizeof a->commodity) &&
           !memcmp(a->mode, b->mode, sizeof a->mode) && !memcmp(a->prov, b->prov, sizeof a->prov);
}

/* The level to take a figure from among rows[cb..ce) (one commodity) that
 * pass `use`: the coarsest level holding a world row, else the coarsest
 * level at all; 4 when no row passes. A world row at any level is complete,
 * so it beats partner rows at a coarser one (which may list only a few). */
static int pick_level(const row *rows, size_t cb, size_t ce, int (*use)(const row *))
{
    int lw = 4, la = 4;
    for (size_t i = cb; i < ce; i++) {
        if (!use(&rows[i]))
            continue;
        int l = level(&rows[i]);
        if (l < la)
            la = l;
        if (is_world(&rows[i]) && l < lw)
            lw = l;
    }
    return lw < 4 ? lw : la;
}

static int use_any(const row *r) { (void)r; return 1; }
static int use_moded(const row *r) { return r->mode[0] != '\0'; }

/* The rows of one commodity code, rows[b..e) of an aggregation's rows (sorted
 * by commodity: one run per code, in their order). */
typedef struct code_run {
    size_t b, e, len;
    const char *code;
    int keep;                /* keep_codes: the code counts */
} code_run;

/* The runs of rows[0..e) into runs (room for e); their count. */
static size_t code_runs(const row *rows, size_t e, code_run *runs)
{
    size_t n = 0;
    for (size_t i = 0; i < e;) {
        size_t j = i + 1;
        while (j < e && !strcmp(rows[j].commodity, rows[i].commodity))
            j++;
        runs[n++] = (code_run){i, j, strlen(rows[i].commodity), rows[i].commodity, 0};
        i = j;
    }
    return n;
}

/* 1 when code d sits directly under code x among the codes of runs[0..nr):
 * under x, with no other present code between them (so that 7601 > 760110 >
 * 76011010 sums 760110 once, not with its own parts). */
static int direct_under(const code_run *runs, size_t nr, const code_run *x, const code_run *d)
{
    size_t lx = x->len, ld = d->len;
    if (ld <= lx || strncmp(d->code, x->code, lx))
        return 0;
    for (size_t i = 0; i < nr; i++) {
        size_t ly = runs[i].len;
        if (ly > lx && ly < ld && !strncmp(runs[i].code, x->code, lx) &&
            !strncmp(d->code, runs[i].code, ly))
            return 0;
    }
    return 1;
}

/* The total of one code's rows[b..e) as the aggregation takes it (world rows
 * at the coarsest level that has them, else partner rows of one basis at the
 * coarsest level); *world says whether it came from world rows. */
static tf_milli code_total(const row *rows, size_t b, size_t e, const char *basis, int *world,
                           int *ovf)
{
    int lt = pick_level(rows, b, e, use_any);
    tf_milli sum = 0, v;
    int ok = 1;
    const char *cur = NULL;
    *world = 0;
    for (size_t gb = b; gb < e;) {
        size_t ge = gb;
        while (ge < e && same_group(&rows[gb], &rows[ge]))
            ge++;
        if (level(&rows[gb]) == lt) {
            tf_milli q;
            group_total(rows, gb, ge, basis, &q, &v, &ok, &cur, ovf);
            sum = add(sum, q, ovf);
            *world |= is_world(&rows[gb]);
        }
        gb = ge;
    }
    return sum;
}

/* Aggregate src[0..n): one flow and month, on a filtered copy in rows (room
 * for n). want: the partner basis of the ranking (NULL: the most common in
 * the month). */
/* A heading and its subheadings that disagree (DOMAIN: a complete total cannot
 * be smaller than its parts): the rule above stands; the note gives both
 * figures and which one the report uses. */
static tf_status parent_note(tf_report *rep, const char *period, int flow, const char *code,
                             tf_milli parent, tf_milli children, int parent_used)
{
    if (!period || parent == children)
        return TF_OK;
    char p[48], c[48];
    const char *f = rep->measure_value ? "%.0f" : "%.1f";
    tf_fmt(p, sizeof p, f, figure(rep, parent));
    tf_fmt(c, sizeof c, f, figure(rep, children));
    return add_note(rep, "%s %s: code %s totals %s %s but its subheadings add up to %s %s; %s",
                    flow ? "exports" : "imports", period, code, p, rep->unit, c, rep->unit,
                    parent_used ? "the total of the code is used (its subheadings in the data "
                                  "are not all of it)"
                                : "the subheadings are used (a complete total cannot be smaller "
                                  "than its parts)");
}

/* Phase of aggregate: src's rows into rows (*k of them), world rows repeated
 * under several partner bases kept once (see below). */
static tf_status merge_world_rows(tf_report *rep, note_log *log, const row *src, size_t n,
                                  const char *basis, row *rows, size_t *kout)
{
    /* World rows repeated under several partner bases are one total: keep the
     * one on the month's basis where there is one, else the first. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_world(&src[i]) && k > 0 && is_world(&rows[k - 1]) &&
            same_group(&rows[k - 1], &src[i])) {
            if (strcmp(rows[k - 1].basis, basis) && !strcmp(src[i].basis, basis))
                rows[k - 1] = src[i];
            int differ = 0;
            for (size_t j = i; j < n && is_world(&src[j]) && same_group(&src[j], &src[i]); j++)
                differ |= src[j].q != rows[k - 1].q;
            if (differ || rows[k - 1].q != src[i].q) {
                tf_status st = log_note(rep, log, "world totals of %s differ between partner "
                                             "bases; basis '%s' is used", src[i].commodity,
                                        rows[k - 1].basis[0] ? rows[k - 1].basis : "unstated");
                if (st)
                    return st;
            }
            continue;
        }
        rows[k++] = src[i];
    }
    *kout = k;
    return TF_OK;
}

/* The sum of the codes directly under x's code (*has: any), each taken as
 * code_total takes it. */
static tf_milli under_total(const row *rows, const code_run *runs, size_t nr, const code_run *x,
                            const char *basis, int *has, int *ovf)
{
    tf_milli sum = 0;
    int w;
    *has = 0;
    for (size_t u = 0; u < nr; u++)
        if (direct_under(runs, nr, x, &runs[u])) {
            *has = 1;
            sum = add(sum, code_total(rows, runs[u].b, runs[u].e, basis, &w, ovf), ovf);
        }
    return sum;
}

/* Whether code run ci of runs[0..nr) is left out of the month (keep_codes),
 * with the note when its total and its subheadings disagree. */
static tf_status code_dropped(tf_report *rep, const row *rows, const code_run *runs, size_t nr,
                              const code_run *ci, const char *basis, agg *a, const char *period,
                              int *drop)
{
    int world_i, has_under, w;
    tf_milli total_i = code_total(rows, ci->b, ci->e, basis, &world_i, &a->overflow);
    tf_milli under = under_total(rows, runs, nr, ci, basis, &has_under, &a->overflow);
    *drop = 0;
    for (size_t r = 0; r < nr; r++) {
        const code_run *cr = &runs[r];
        if (direct_under(runs, nr, ci, cr) || cr->len >= ci->len ||
            strncmp(ci->code, cr->code, cr->len))
            continue;
        /* a shorter code above this one: does it stand for it? */
        tf_milli t_above = code_total(rows, cr->b, cr->e, basis, &w, &a->overflow);
        int has;
        tf_milli sub_sum = under_total(rows, runs, nr, cr, basis, &has, &a->overflow);
        if (w && t_above >= sub_sum)
            *drop = 1; /* covered by a complete shorter code */
    }
    if (!*drop && has_under && !(world_i && total_i >= under))
        *drop = 1; /* partial: the detailed codes are used */
    if (has_under && world_i)
        return parent_note(rep, period, rows[ci->b].flow, ci->code, total_i, under, !*drop);
    return TF_OK;
}

/* Phase of aggregate: the codes that count, their rows kept at the front of
 * rows (*kout of the e), their codes in a->codes. */
static tf_status keep_codes(tf_report *rep, row *rows, size_t e, const char *basis, agg *a,
                            const char *period, size_t *kout)
{
    /* Codes under a shorter code (HS6 760110 over HS8 76011010): the shorter
     * code stands for them when its total comes from world rows and is at
     * least the sum of theirs (a complete total cannot be smaller than its
     * parts); otherwise it is partial and the longer codes are used. Rows come
     * sorted by commodity. Every code is decided on the rows as they came
     * (all codes present), then the kept codes' rows move to the front. */
    code_run *runs = malloc((e ? e : 1) * sizeof *runs);
    if (!runs)
        return TF_ERR_NOMEM;
    size_t nr = code_runs(rows, e, runs), k = 0;
    tf_status st = TF_OK;
    for (size_t r = 0; r < nr && st == TF_OK; r++) {
        int drop;
        st = code_dropped(rep, rows, runs, nr, &runs[r], basis, a, period, &drop);
        runs[r].keep = st == TF_OK && !drop;
        if (runs[r].keep && amount_add(&a->codes, &a->n_codes, runs[r].code, 0, &a->overflow))
            st = TF_ERR_NOMEM;
    }
    for (size_t r = 0; r < nr && st == TF_OK; r++)
        for (size_t i = runs[r].b; runs[r].keep && i < runs[r].e; i++)
            rows[k++] = rows[i]; /* k <= i: an earlier row, decided already */
    free(runs);
    *kout = k;
    return st;
}

/* Phase of aggregate: the month's total, value, trade modes and partners from
 * the e rows that count. */
static tf_status sum_rows(const row *rows, size_t e, const char *basis, agg *a)
{
    const char *currency = NULL;
    for (size_t cb = 0; cb < e;) {
        size_t ce = cb;
        while (ce < e && !strcmp(rows[ce].commodity, rows[cb].commodity))
            ce++;
        int lt = pick_level(rows, cb, ce, use_any);
        int lm = pick_level(rows, cb, ce, use_moded);
        int lp = 4;
        for (size_t i = cb; i < ce; i++)
            if (!is_world(&rows[i]) && !strcmp(rows[i].basis, basis) && level(&rows[i]) < lp)
                lp = level(&rows[i]);
        for (size_t gb = cb; gb < ce;) {
            size_t ge = gb;
            while (ge < ce && same_group(&rows[gb], &rows[ge]))
                ge++;
            int l = level(&rows[gb]);
            tf_milli q, v;
            if (l == lt) {
                group_total(rows, gb, ge, basis, &q, &v, &a->value_ok, &currency, &a->overflow);
                a->total = add(a->total, q, &a->overflow);
                a->value = add(a->value, v, &a->overflow);
                if (is_world(&rows[gb]))
                    a->world = 1;
            }
            if (l == lm) {
                int ok = 1;
                const char *cur = NULL;
                group_total(rows, gb, ge, basis, &q, &v, &ok, &cur, &a->overflow);
                if (amount_add(&a->modes, &a->n_modes, rows[gb].mode, q, &a->overflow))
                    return TF_ERR_NOMEM;
            }
            if (l == lp)
                for (size_t i = gb; i < ge; i++)
                    if (!is_world(&rows[i]) && !strcmp(rows[i].basis, basis) &&
                        amount_add(&a->partners, &a->n_partners, rows[i].partner, rows[i].q,
                                   &a->overflow))
                        return TF_ERR_NOMEM;
            gb = ge;
        }
        cb = ce;
    }
    if (currency)
        tf_scopy(a->currency, sizeof a->currency, currency);
    else
        a->value_ok = 0;
    return TF_OK;
}

static tf_status aggregate_logged(tf_report *rep, note_log *log, const row *src, size_t n,
                                  const char *want, row *rows, agg *a, const char *period)
{
    memset(a, 0, sizeof *a);
    /* The basis of the month: wanted, else the most common among partner rows. */
    const char *basis = want ? want : group_basis(src, 0, n, NULL);
    size_t k, e;
    tf_status st = merge_world_rows(rep, log, src, n, basis, rows, &e);
    if (st == TF_OK)
        st = keep_codes(rep, rows, e, basis, a, period, &k);
    if (st != TF_OK)
        return st;
    e = k;
    if (e == 0)
        return TF_OK;
    a->present = 1;
    a->value_ok = 1;
    tf_scopy(a->basis, sizeof a->basis, basis);
    if ((st = sum_rows(rows, e, basis, a)) != TF_OK)
        return st;
    /* A partner breakdown is complete when it adds up to the total: then a
     * partner missing from it traded nothing. */
    tf_milli listed = 0;
    for (size_t i = 0; i < a->n_partners; i++)
        listed = add(listed, a->partners[i].q, &a->overflow);
    a->partners_complete = a->n_partners > 0 && listed == a->total;
    return TF_OK;
}

static tf_status aggregate(tf_report *rep, const row *src, size_t n, const char *want, row *rows,
                           agg *a, const char *period)
{
    return aggregate_logged(rep, NULL, src, n, want, rows, a, period);
}

static void agg_free(agg *a)
{
    free(a->partners);
    free(a->modes);
    free(a->codes);
    memset(a, 0, sizeof *a);
}

/* ---- a batch's memo of aggregated months (tf_db_batch_begin) ----
 * The reports of a batch (a product's months of a year) aggregate the same
 * months again and again: March 2024 is in each of the 12 reports of 2025.
 * aggregate() is a function of its rows, the partner basis asked for and
 * nothing else when it is not the report's own month (no period: no note on
 * codes that disagree), so its answer for rows equal byte for byte (row has
 * no padding) is kept and given again, with the notes it gave. */
#define MEMO_MAX_BYTES ((size_t)256 << 20) /* beyond: months are aggregated again */

typedef struct memo_entry {
    row *src;
    size_t n;
    int has_want;
    char want[48];
    agg a;
    note_log notes;
} memo_entry;

typedef struct slice_set slice_set;

typedef struct agg_memo {
    memo_entry *v;
    size_t n, cap, bytes;
    slice_set **sets;        /* window_rows: a selection's months collected once */
    size_t n_sets;
    row *spare[2];           /* arrays of rows a report gave back (rows_give), to be */
    size_t spare_cap[2];     /* taken again by the next report rather than faulted in */
} agg_memo;

static void slice_set_free(slice_set *ss);

/* m emptied (its arrays kept for reuse). */
static void memo_clear(agg_memo *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].src);
        agg_free(&m->v[i].a);
        note_log_free(&m->v[i].notes);
    }
    for (size_t i = 0; i < m->n_sets; i++)
        slice_set_free(m->sets[i]);
    m->n = m->n_sets = 0;
    m->bytes = 0;
}

/* An array of at least n rows (*cap of them): a spare of m where one is
 * large enough, else new; NULL when out of memory. */
static row *rows_take(agg_memo *m, size_t n, size_t *cap)
{
    n = n ? n : 1;
    for (int i = 0; m && i < 2; i++)
        if (m->spare[i] && m->spare_cap[i] >= n) {
            row *p = m->spare[i];
            *cap = m->spare_cap[i];
            m->spare[i] = NULL;
            return p;
        }
    *cap = n;
    return malloc(n * sizeof(row));
}

/* p (cap rows) kept by m for rows_take, in place of a smaller spare; freed
 * when m is NULL or keeps larger ones. */
static void rows_give(agg_memo *m, row *p, size_t cap)
{
    int k = !m ? -1 : !m->spare[0] ? 0 : !m->spare[1] ? 1
                    : m->spare_cap[0] < m->spare_cap[1] ? 0 : 1;
    if (k >= 0 && m->spare[k] && m->spare_cap[k] >= cap)
        k = -1;
    if (k < 0) {
        free(p);
        return;
    }
    free(m->spare[k]);
    m->spare[k] = p;
    m->spare_cap[k] = cap;
}

static void memo_free(void *p)
{
    agg_memo *m = p;
    if (!m)
        return;
    memo_clear(m);
    free(m->spare[0]);
    free(m->spare[1]);
    free(m->v);
    free(m->sets);
    free(m);
}

/* The batch's memo of db (made at the first use), NULL outside a batch. */
static agg_memo *memo_of(tf_db *db)
{
    void **slot = db ? tf_store_batch_slot(db, memo_free) : NULL;
    if (slot && !*slot)
        *slot = calloc(1, sizeof(agg_memo));
    return slot ? *slot : NULL;
}

/* A copy of amounts a[0..n) (NULL when none); 0 when out of memory. */
static int amounts_dup(amount **out, const amount *a, size_t n)
{
    *out = NULL;
    if (!n)
        return 1;
    if (!(*out = malloc(amount_room(n) * sizeof **out)))
        return 0;
    memcpy(*out, a, n * sizeof **out);
    return 1;
}

/* dst a deep copy of src; TF_OK or TF_ERR_NOMEM (dst then empty). */
static tf_status agg_copy(agg *dst, const agg *src)
{
    *dst = *src;
    int ok = amounts_dup(&dst->partners, src->partners, src->n_partners);
    ok = amounts_dup(&dst->modes, src->modes, src->n_modes) && ok;
    ok = amounts_dup(&dst->codes, src->codes, src->n_codes) && ok;
    if (!ok) {
        agg_free(dst);
        return TF_ERR_NOMEM;
    }
    return TF_OK;
}

static memo_entry *memo_find(const agg_memo *m, const row *src, size_t n, const char *want)
{
    for (size_t i = 0; i < m->n; i++) {
        const memo_entry *e = &m->v[i];
        if (e->n == n && e->has_want == (want != NULL) && (!want || !strcmp(e->want, want)) &&
            !memcmp(e->src, src, n * sizeof *src))
            return &m->v[i];
    }
    return NULL;
}

/* Keep the answer a (copied) and its notes (taken over) for rows src[0..n). */
static void memo_add(agg_memo *m, const row *src, size_t n, const char *want, const agg *a,
                     note_log *notes)
{
    size_t bytes = n * sizeof *src + (a->n_partners + a->n_modes + a->n_codes) * sizeof(amount);
    if (notes->failed || m->bytes + bytes > MEMO_MAX_BYTES || (want && strlen(want) >= 48))
        return;
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        memo_entry *p = realloc(m->v, nc * sizeof *p);
        if (!p)
            return;
        m->v = p;
        m->cap = nc;
    }
    memo_entry *e = &m->v[m->n];
    memset(e, 0, sizeof *e);
    if (!(e->src = malloc(n ? n * sizeof *src : 1)) || agg_copy(&e->a, a) != TF_OK) {
        free(e->src);
        return;
    }
    memcpy(e->src, src, n * sizeof *src);
    e->n = n;
    e->has_want = want != NULL;
    tf_scopy(e->want, sizeof e->want, want ? want : "");
    e->notes = *notes;
    *notes = (note_log){0};
    m->bytes += bytes;
    m->n++;
}

/* aggregate(), through the batch's memo m (NULL: none) where it may be: not
 * for the report's own month (period set: its notes name the period). */
static tf_status aggregate_memo(agg_memo *m, tf_report *rep, const row *src, size_t n,
                                const char *want, row *rows, agg *a, const char *period)
{
    if (!m || period)
        return aggregate(rep, src, n, want, rows, a, period);
    const memo_entry *e = memo_find(m, src, n, want);
    if (e) {
        tf_status st = agg_copy(a, &e->a);
        for (size_t i = 0; i < e->notes.n && st == TF_OK; i++)
            st = note_text(rep, e->notes.v[i]);
        return st;
    }
    note_log notes = {0};
    tf_status st = aggregate_logged(rep, &notes, src, n, want, rows, a, NULL);
    if (st == TF_OK)
        memo_add(m, src, n, want, a, &notes);
    note_log_free(&notes);
    return st;
}

/* Notes on partner bases for one flow: several bases in the data, or the
 * requested one absent. (Each month's figures pick their basis themselves.) */
static tf_status basis_notes(tf_report *rep, const row *rows, size_t n, int flow,
                             const char *requested)
{
    const char *first = NULL;
    int several = 0, found = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].flow != flow || is_world(&rows[i]))
            continue;
        any = 1;
        if (!first)
            first = rows[i].basis;
        else if (memcmp(first, rows[i].basis, sizeof rows[i].basis)) /* rows' texts: padded */
            several = 1;
        if (requested && !strcmp(rows[i].basis, requested))
            found = 1;
    }
    const char *fl = flow == 0 ? "import" : "export";
    if (requested && any && !found)
        return add_note(rep, "no %s partner rows on partner basis '%s'", fl,
                        requested[0] ? requested : "unstated");
    if (!requested && several)
        return add_note(rep, "%s partner rows exist on several partner bases; each month uses "
                             "its most common one (choose with --partner-basis)", fl);
    return TF_OK;
}

static int cmp_amount_desc(const void *a, const void *b)
{
    const amount *x = a, *y = b;
    if (x->q != y->q)
        return x->q < y->q ? 1 : -1;
    return strcmp(x->key, y->key);
}

static const char *flow_label(int f)
{
    return f == 0 ? "import" : f == 1 ? "export" : f == 2 ? "re-import" : "re-export";
}

static tf_status fill_flow(tf_report *rep, agg *a, int f, int m, int base_index,
                           tf_flow_figures *out)
{
    char p[8];
    memset(out, 0, sizeof *out);
    tf_status st = TF_OK;
    if (a[m].present)
        out->quantity = some(figure(rep, a[m].total));
    else {
        tf_period_from_index(base_index + m, p);
        if (rep->annual)
            p[4] = '\0'; /* the year */
        st = add_note(rep, "no %s data for %s", flow_label(f), p);
    }
    if (rep->annual) {
        /* annual data: YoY only (no MoM, no year-to-date) */
        if (a[m - 12].present)
            out->year_ago = some(figure(rep, a[m - 12].total));
        else if (!st && a[m].present)
            st = add_note(rep, "no %s data for %d: %s YoY has no value", flow_label(f),
                          (base_index + m) / 12 - 1, flow_label(f));
        out->yoy_pct = tf_pct_change(out->quantity, out->year_ago);
        if (a[m].present && a[m].value_ok && !rep->measure_value) {
            out->value = some((double)a[m].value / TF_MILLI);
            tf_scopy(out->currency, sizeof out->currency, a[m].currency);
            if (a[m].total > 0)
                out->unit_value = some(out->value.v / figure(rep, a[m].total));
        }
        return st;
    }
    if (a[m - 1].present)
        out->prev_month = some(figure(rep, a[m - 1].total));
    else if (!st && a[m].present) {
        tf_period_from_index(base_index + m - 1, p);
        st = add_note(rep, "no %s data for %s: %s MoM has no value", flow_label(f), p,
                      flow_label(f));
    }
    if (a[m - 12].present)
        out->year_ago = some(figure(rep, a[m - 12].total));
    else if (!st && a[m].present) {
        tf_period_from_index(base_index + m - 12, p);
        st = add_note(rep, "no %s data for %s: %s YoY has no value", flow_label(f), p,
                      flow_label(f));
    }
    out->mom_pct = tf_pct_change(out->quantity, out->prev_month);
    out->yoy_pct = tf_pct_change(out->quantity, out->year_ago);
    /* YTD needs every month of January..m; the YoY needs both years complete. */
    int jan = 12; /* January of this year */
    for (int y = 0; y < 2 && !st; y++) {
        int from = jan - 12 * y, to = m - 12 * y;
        tf_milli sum = 0;
        int complete = 1;
        for (int k = from; k <= to; k++) {
            if (!a[k].present) {
                complete = 0;
                tf_period_from_index(base_index + k, p);
                if (a[m].present)
                    st = add_note(rep, "no %s data for %s: %s YTD%s has no value",
                                  flow_label(f), p, flow_label(f), y ? " YoY" : "");
                break;
            }
            sum = add(sum, a[k].total, &a[m].overflow);
        }
        if (complete) {
            if (y == 0)
                out->ytd = some(figure(rep, sum));
            else
                out->ytd_prev = some(figure(rep, sum));
        }
    }
    out->ytd_yoy_pct = tf_pct_change(out->ytd, out->ytd_prev);
    if (a[m].present && a[m].value_ok && !rep->measure_value) {
        out->value = some((double)a[m].value / TF_MILLI);
        tf_scopy(out->currency, sizeof out->currency, a[m].currency);
        if (a[m].total > 0)
            out->unit_value = some(out->value.v / figure(rep, a[m].total));
    }
    return st;
}

/* A quantity report whose month has rows without a weight: the tonnage, the
 * value line, the unit value and the partner shares cover the weighed rows
 * only. Marks the flow (weighed_only, unweighed_value) and says so. */
static tf_status unweighed_note(tf_report *rep, const collect *c, int f, int m,
                                const char *year, int base_index)
{
    int w = c->unweighed_n[0][f][m] ? 0 : 1;
    unsigned long n = c->unweighed_n[w][f][m];
    if (!n)
        return TF_OK;
    tf_flow_figures *out = f ? &rep->export : &rep->import;
    out->weighed_only = 1;
    out->unweighed_value = some(c->unweighed_v[w][f][m]);
    char p[8];
    if (year)
        tf_scopy(p, sizeof p, year);
    else
        tf_period_from_index(base_index + m, p);
    return add_note(rep, "%s %s: %lu %srecord%s without a weight in kg (%.0f %s) %s not in the "
                         "tonnage: the %s value, unit value and partner shares cover the "
                         "weighed records only (--measure value covers them all)",
                    flow_label(f), p, n, w ? "partner " : "world ", n == 1 ? "" : "s",
                    c->unweighed_v[w][f][m], c->v_currency[0] ? c->v_currency : "",
                    n == 1 ? "is" : "are", flow_label(f));
}

static tf_opt sub(tf_opt a, tf_opt b)
{
    return (a.has && b.has) ? some(a.v - b.v) : none;
}

static tf_status fill_net(tf_report *rep)
{
    tf_flow_figures *n = &rep->net_import, *i = &rep->import, *e = &rep->export;
    memset(n, 0, sizeof *n);
    n->quantity = sub(i->quantity, e->quantity);
    n->prev_month = sub(i->prev_month, e->prev_month);
    n->year_ago = sub(i->year_ago, e->year_ago);
    n->ytd = sub(i->ytd, e->ytd);
    n->ytd_prev = sub(i->ytd_prev, e->ytd_prev);
    n->mom_pct = tf_pct_change(n->quantity, n->prev_month);
    n->yoy_pct = tf_pct_change(n->quantity, n->year_ago);
    n->ytd_yoy_pct = tf_pct_change(n->ytd, n->ytd_prev);
    const tf_opt *bases[] = {&n->prev_month, &n->year_ago, &n->ytd_prev};
    const char *what[] = {"MoM", "YoY", "YTD YoY"};
    const tf_opt *now_[] = {&n->quantity, &n->quantity, &n->ytd};
    for (int k = 0; k < 3; k++)
        if (bases[k]->has && bases[k]->v > 0 && now_[k]->has && now_[k]->v < 0) {
            tf_status st = add_note(rep, "net import %s has no value: net imports turned into "
                                         "net exports (%.1f t)", what[k], now_[k]->v);
            if (st)
                return st;
        }
    for (int k = 0; k < 3; k++)
        if (bases[k]->has && bases[k]->v <= 0 && n->quantity.has) {
            char num[64];
            tf_fmt(num, sizeof num, rep->measure_value ? "%.0f" : "%.1f", bases[k]->v);
            tf_status st = add_note(rep, "net import %s has no value: the base is %s (%s %s)",
                                    what[k], bases[k]->v < 0 ? "a net export" : "zero", num,
                                    rep->measure_value && rep->unit[0] ? rep->unit : "t");
            if (st)
                return st;
        }
    if (i->value.has && e->value.has && !strcmp(i->currency, e->currency)) {
        n->value = some(i->value.v - e->value.v);
        tf_scopy(n->currency, sizeof n->currency, i->currency);
    }
    return TF_OK;
}

static int mode_find(const agg *a, const char *key, tf_milli *q)
{
    for (size_t i = 0; i < a->n_modes; i++)
        if (strcmp(a->modes[i].key, key) == 0) {
            *q = a->modes[i].q;
            return 1;
        }
    *q = 0;
    return 0;
}

/* A trade mode's code, names (English and Chinese) and group from the
 * reference table (data/trade-modes.csv); a code it lacks is its own name. */
static void mode_names(const tf_refdata *ref, const char *code, tf_mode_figures *mf)
{
    tf_scopy(mf->code, sizeof mf->code, code);
    const tf_trade_mode *tm = ref ? tf_refdata_trade_mode(ref, mf->code) : NULL;
    tf_scopy(mf->name, sizeof mf->name, tm ? tm->name_en : mf->code);
    tf_scopy(mf->name_zh, sizeof mf->name_zh, tm && tm->name_zh ? tm->name_zh : "");
    tf_scopy(mf->group, sizeof mf->group, tm ? tm->group : "");
}

/* Trade-mode changes on the previous month (DOMAIN.md §2: share change in
 * pp): each mode's m-1 quantity and share change, modes new this month and
 * modes of m-1 with nothing this month (vanished_modes). Only when both
 * months have a trade-mode breakdown and a positive total. */
static tf_status mode_changes(const tf_report *rep, const tf_refdata *ref, const agg *prev,
                              const agg *cur, tf_breakdown *out)
{
    if (!prev || !prev->present || !prev->n_modes || prev->total <= 0 || !cur->n_modes ||
        cur->total <= 0)
        return TF_OK;
    for (size_t i = 0; i < out->n_modes; i++) {
        tf_mode_figures *mf = &out->modes[i];
        tf_milli pq;
        mf->is_new = !mode_find(prev, mf->code, &pq) || pq == 0;
        mf->prev_quantity = some(figure(rep, pq));
        mf->mom_pct = tf_pct_change(some(mf->quantity), mf->prev_quantity);
        mf->share_change_pp =
            some(mf->share_pct.v - 100.0 * (double)pq / (double)prev->total);
    }
    for (size_t i = 0; i < prev->n_modes; i++) {
        tf_milli q;
        if (prev->modes[i].q <= 0 || (mode_find(cur, prev->modes[i].key, &q) && q > 0))
            continue;
        tf_mode_figures *v = realloc(out->vanished_modes, (out->n_vanished_modes + 1) * sizeof *v);
        if (!v)
            return TF_ERR_NOMEM;
        out->vanished_modes = v;
        tf_mode_figures *mf = &v[out->n_vanished_modes++];
        memset(mf, 0, sizeof *mf);
        mode_names(ref, prev->modes[i].key, mf);
        mf->share_pct = some(0.0);
        mf->prev_quantity = some(figure(rep, prev->modes[i].q));
        mf->mom_pct = some(-100.0);
        mf->share_change_pp = some(-100.0 * (double)prev->modes[i].q / (double)prev->total);
    }
    return TF_OK;
}

/* Month k of flow f (rows sorted) aggregated again on the partner basis of the
 * report month, for the partner comparisons (MoM, YoY, share change): they
 * compare one basis in both months. Month k without partner rows on that
 * basis keeps its total and has no breakdown (no value), with a note. */
static tf_status compare_on_basis(tf_report *rep, agg_memo *memo, const collect *c, row *scratch,
                                  int f, int k, const agg *orig, const char *basis,
                                  const char *what, agg *out)
{
    memset(out, 0, sizeof *out);
    size_t b = 0, e;
    while (b < c->n && (c->rows[b].flow != f || c->rows[b].month != k))
        b++;
    int on_basis = 0;
    for (e = b; e < c->n && c->rows[e].flow == f && c->rows[e].month == k; e++)
        on_basis |= !is_world(&c->rows[e]) && !strcmp(c->rows[e].basis, basis);
    if (on_basis) {
        tf_status st = aggregate_memo(memo, rep, c->rows + b, e - b, basis, scratch, out, NULL);
        if (c->dropped[f][k])
            out->partners_complete = 0;
        return st;
    }
    out->present = orig->present;
    out->total = orig->total;
    char p[8];
    tf_period_from_index(c->base_index + k, p);
    if (c->annual)
        p[4] = '\0';
    return add_note(rep, "%s %s partner rows are on partner basis '%s', not '%s' as in the "
                         "report period: partner %s no value",
                    p, flow_label(f), orig->basis[0] ? orig->basis : "unstated",
                    basis[0] ? basis : "unstated", what);
}

/* The comparison months of the report month m (m-1, m-12) on m's partner
 * basis where their own months chose another (compare_on_basis); cmp[f][w]
 * .present == 0 where the month's own aggregate serves. */
static tf_status comparison_months(tf_report *rep, agg_memo *memo, const collect *c,
                                   row *scratch, agg a[2][N_MONTHS], int m, agg cmp[2][2])
{
    tf_status st = TF_OK;
    memset(cmp, 0, 4 * sizeof cmp[0][0]);
    for (int f = 0; f < 2; f++)
        for (int w = 0; w < 2 && st == TF_OK && a[f][m].n_partners; w++) {
            int k = w == 0 ? m - 1 : m - 12;
            if ((w == 0 && rep->annual) || !a[f][k].n_partners ||
                !strcmp(a[f][k].basis, a[f][m].basis))
                continue;
            const char *what = w == 0       ? "MoM and share change have"
                               : rep->annual ? "YoY and share change have"
                                             : "YoY has";
            st = compare_on_basis(rep, memo, c, scratch, f, k, &a[f][k], a[f][m].basis, what,
                                  &cmp[f][w]);
        }
    return st;
}

/* Partners that traded a month or a year earlier and not in this month
 * (only when this month has a partner breakdown to be absent from): 0 t,
 * MoM/YoY -100 %, share change against the month they traded in. */
static tf_status absent_partners(tf_db *db, const tf_refdata *ref, const tf_report *rep,
                                 const agg *cur, const agg *prev, const agg *ya,
                                 tf_breakdown *out)
{
    for (int w = 0; w < 2 && cur->partners_complete; w++) {
        const agg *base = w == 0 ? prev : ya;
        if (!base->present)
            continue;
        for (size_t i = 0; i < base->n_partners; i++) {
            const char *key = base->partners[i].key;
            if (base->partners[i].q <= 0 || amount_has(cur, key))
                continue; /* a partner with a row this month is ranked, not absent */
            size_t k;
            for (k = 0; k < out->n_absent; k++)
                if (!strcmp(out->absent[k].partner, key))
                    break;
            if (k == out->n_absent) {
                tf_partner_figures *np = realloc(out->absent, (k + 1) * sizeof *np);
                if (!np)
                    return TF_ERR_NOMEM;
                out->absent = np;
                memset(&np[k], 0, sizeof np[k]);
                tf_scopy(np[k].partner, sizeof np[k].partner, key);
                tf_partner_display_name(db, ref, key, np[k].name, sizeof np[k].name);
                if (cur->total > 0)
                    np[k].share_pct = some(0.0);
                /* last month complete without it: its share was 0 then too */
                if (cur->total > 0 && prev->present && prev->partners_complete &&
                    prev->total > 0)
                    np[k].share_change_pp = some(0.0);
                out->n_absent++;
            }
            if (w == 0) {
                out->absent[k].mom_pct = some(-100.0);
                if (prev->total > 0 && cur->total > 0)
                    out->absent[k].share_change_pp =
                        some(-100.0 * (double)base->partners[i].q / (double)prev->total);
            } else {
                out->absent[k].yoy_pct = some(-100.0);
                if (rep->annual && ya->total > 0 && cur->total > 0)
                    out->absent[k].share_change_pp =
                        some(-100.0 * (double)base->partners[i].q / (double)ya->total);
            }
        }
    }
    return TF_OK;
}

/* A partner's sum over months from..to of a (DOMAIN.md §2, YTD): each month
 * needs partner rows on `basis`; a month whose partner rows add up to its
 * total and lack the partner counts 0, any other month without the partner
 * leaves no value. */
static tf_opt partner_sum(const tf_report *rep, const agg *a, int from, int to, const char *key,
                          const char *basis)
{
    tf_milli sum = 0;
    int ovf = 0;
    for (int k = from; k <= to; k++) {
        if (!a[k].present || !a[k].n_partners || strcmp(a[k].basis, basis))
            return none;
        size_t i = amount_find(a[k].partners, a[k].n_partners, key);
        if (i < a[k].n_partners)
            sum = add(sum, a[k].partners[i].q, &ovf);
        else if (!a[k].partners_complete)
            return none;
    }
    return ovf ? none : some(figure(rep, sum));
}

/* Partner p's YTD, the YTD of a year earlier, YTD YoY and YTD share of the
 * flow's YTD (monthly reports: month m of a, January at index 12). */
static void partner_ytd(const tf_report *rep, const agg *a, int m, const tf_flow_figures *flow,
                        tf_partner_figures *p)
{
    const char *basis = a[m].basis;
    p->ytd = partner_sum(rep, a, 12, m, p->partner, basis);
    p->ytd_prev = partner_sum(rep, a, 0, m - 12, p->partner, basis);
    p->ytd_yoy_pct = tf_pct_change(p->ytd, p->ytd_prev);
    if (p->ytd.has && flow->ytd.has && flow->ytd.v > 0)
        p->ytd_share_pct = some(100.0 * p->ytd.v / flow->ytd.v);
}

/* Phase of fill_breakdown: the figures of the month's i-th partner (cur's
 * partners sorted), against prev (m-1) and ya (m-12). */
static void partner_figures(tf_db *db, const tf_refdata *ref, tf_report *rep, agg *a, int m,
                            int f, const agg *cur, const agg *prev, const agg *ya, size_t i,
                            tf_partner_figures *p)
{
    const amount *am = &cur->partners[i];
    p->rank = (int)i + 1;
    tf_scopy(p->partner, sizeof p->partner, am->key);
    tf_partner_display_name(db, ref, am->key, p->name, sizeof p->name);
    p->quantity = figure(rep, am->q);
    if (cur->total > 0)
        p->share_pct = some(100.0 * (double)am->q / (double)cur->total);
    tf_opt q = some(p->quantity);
    /* A month with a partner breakdown in which this partner is absent
     * gives a zero base (no value); a month without a breakdown gives none. */
    /* Absent from a month's partner rows means zero only when those rows
     * add up to that month's total; otherwise it is unknown. */
    if (prev->present && prev->n_partners) {
        tf_milli pq = amount_get(prev, am->key);
        p->mom_pct = tf_pct_change(q, some(figure(rep, pq)));
        if (prev->total > 0 && p->share_pct.has &&
            (amount_has(prev, am->key) || prev->partners_complete))
            p->share_change_pp =
                some(p->share_pct.v - 100.0 * (double)pq / (double)prev->total);
    }
    if (ya->present && ya->n_partners)
        p->yoy_pct = tf_pct_change(q, some(figure(rep, amount_get(ya, am->key))));
    /* annual data: the share change is against the year before */
    if (rep->annual && ya->present && ya->n_partners && ya->total > 0 &&
        p->share_pct.has && (amount_has(ya, am->key) || ya->partners_complete))
        p->share_change_pp = some(p->share_pct.v - 100.0 * (double)amount_get(ya, am->key) /
                                                       (double)ya->total);
    if (!rep->annual)
        partner_ytd(rep, a, m, f ? &rep->export : &rep->import, p);
}

/* Phase of fill_breakdown: the month's trade modes by quantity, with their
 * shares of the flow's total. */
static tf_status mode_list(const tf_refdata *ref, tf_report *rep, agg *cur, tf_breakdown *out)
{
    if (cur->n_modes) {
        qsort(cur->modes, cur->n_modes, sizeof *cur->modes, cmp_amount_desc);
        out->modes = calloc(cur->n_modes, sizeof *out->modes);
        if (!out->modes)
            return TF_ERR_NOMEM;
        for (size_t i = 0; i < cur->n_modes; i++) {
            tf_mode_figures *mf = &out->modes[i];
            mode_names(ref, cur->modes[i].key, mf);
            mf->quantity = figure(rep, cur->modes[i].q);
            if (cur->total > 0) /* of the flow's total, as notes state it */
                mf->share_pct = some(100.0 * (double)cur->modes[i].q / (double)cur->total);
        }
        out->n_modes = cur->n_modes;
    }
    return TF_OK;
}

static tf_status fill_breakdown(tf_db *db, const tf_refdata *ref, tf_report *rep, agg *a, int f,
                                int m, int base_index, int top, agg cmp[2],
                                tf_breakdown *out)
{
    memset(out, 0, sizeof *out);
    agg none_prev;
    memset(&none_prev, 0, sizeof none_prev);
    agg *cur = &a[m], *prev = rep->annual ? &none_prev : &a[m - 1], *ya = &a[m - 12];
    if (cmp[0].present)
        prev = &cmp[0];
    if (cmp[1].present)
        ya = &cmp[1];
    tf_scopy(out->partner_basis, sizeof out->partner_basis, cur->basis);
    if (!cur->present)
        return TF_OK;
    if (cur->n_partners)
        qsort(cur->partners, cur->n_partners, sizeof *cur->partners, cmp_amount_desc);
    out->n_partners_all = cur->n_partners;
    size_t n = cur->n_partners < (size_t)top ? cur->n_partners : (size_t)top;
    if (n) {
        out->partners = calloc(n, sizeof *out->partners);
        if (!out->partners)
            return TF_ERR_NOMEM;
    }
    out->n_partners = n;
    tf_milli listed = 0;
    for (size_t i = 0; i < n; i++) {
        listed = add(listed, cur->partners[i].q, &cur->overflow);
        partner_figures(db, ref, rep, a, m, f, cur, prev, ya, i, &out->partners[i]);
    }
    char pm[8];
    /* (a comparison month on another basis has its own note: compare_on_basis) */
    if (n && !rep->annual && !(prev->present && prev->n_partners) && !cmp[0].present) {
        tf_period_from_index(base_index + m - 1, pm);
        tf_status st = add_note(rep, "no %s partner breakdown for %s: partner MoM has no value",
                                flow_label(f), pm);
        if (st)
            return st;
    }
    if (n && !(ya->present && ya->n_partners) && !cmp[1].present) {
        tf_period_from_index(base_index + m - 12, pm);
        if (rep->annual)
            pm[4] = '\0'; /* "YYYY-12" stands for the year */
        tf_status st = add_note(rep, "no %s partner breakdown for %s: partner YoY has no value",
                                flow_label(f), pm);
        if (st)
            return st;
    }
    if (n && (cur->world || cur->n_partners > n) && cur->total != listed) {
        out->other = some(figure(rep, cur->total - listed));
        if (cur->total > 0)
            out->other_share_pct = some(100.0 * (double)(cur->total - listed) / (double)cur->total);
        if (cur->total < listed) {
            tf_status st = add_note(rep, "listed partners exceed the world total by %.1f t",
                                    figure(rep, listed - cur->total));
            if (st)
                return st;
        }
    }
    /* Without a world row the total is what the partners present add up to:
     * say so (a partial download, two partners of a Comtrade query, would
     * otherwise read as the country's total). */
    if (cur->present && !cur->world && cur->n_partners > 0) {
        tf_status st = add_note(rep, "%s: no world (WLD) row in the data: the total is the sum of "
                                     "the %zu partner%s present; a partner the data lacks is "
                                     "missing from it",
                                flow_label(f), cur->n_partners, cur->n_partners == 1 ? "" : "s");
        if (st)
            return st;
    }
    tf_status st = absent_partners(db, ref, rep, cur, prev, ya, out);
    if (st)
        return st;
    /* a partner absent this month may still have shipped earlier in the year */
    for (size_t k = 0; !rep->annual && k < out->n_absent; k++)
        partner_ytd(rep, a, m, f ? &rep->export : &rep->import, &out->absent[k]);
    if ((st = mode_list(ref, rep, cur, out)) != TF_OK)
        return st;
    return mode_changes(rep, ref, rep->annual ? NULL : prev, cur, out);
}

/* The commodity codes the month's figures were taken from, sorted. */
static tf_status list_commodities(tf_report *rep, const agg *month[2])
{
    for (int f = 0; f < 2; f++) {
        for (size_t i = 0; i < month[f]->n_codes; i++) {
            const char *codep = month[f]->codes[i].key;
            size_t k;
            for (k = 0; k < rep->n_commodities; k++)
                if (!strcmp(rep->commodities[k], codep))
                    break;
            if (k < rep->n_commodities)
                continue;
            char **p = realloc(rep->commodities, (rep->n_commodities + 1) * sizeof *p);
            if (!p)
                return TF_ERR_NOMEM;
            rep->commodities = p;
            char *code = tf_strdup(codep);
            if (!code)
                return TF_ERR_NOMEM;
            /* keep the list sorted */
            size_t at = rep->n_commodities;
            while (at > 0 && strcmp(p[at - 1], code) > 0) {
                p[at] = p[at - 1];
                at--;
            }
            p[at] = code;
            rep->n_commodities++;
        }
    }
    return TF_OK;
}

static void stat_add(tf_window_stat *w, double value);

static tf_status published_day(void *ctx, const char *date, double value)
{
    (void)date;
    stat_add(ctx, value);
    return TF_OK;
}

static void stat_add(tf_window_stat *w, double value)
{
    if (!w->days || value < w->min_pl)
        w->min_pl = value;
    if (!w->days || value > w->max_pl)
        w->max_pl = value;
    w->average_pl += value; /* the sum until stat_end */
    w->days++;
    w->days_open += value > 0;
}

static void stat_end(tf_window_stat *w)
{
    if (!w->days)
        return;
    w->has = 1;
    w->average_pl /= w->days;
    tf_scopy(w->status, sizeof w->status, w->average_pl > 0 ? "open" : "closed");
}

/* The month's import window: computed from stored prices where there are
 * any, and the published spot P/L series, kept apart. The computed window
 * uses the product's code with the lowest duty (the line traders import
 * under, e.g. 76011090 for primary aluminium). */
static tf_status window_month(tf_db *db, const tf_refdata *ref, const tf_query *q,
                              tf_report *rep)
{
    tf_window_month *w = &rep->window;
    char from[11], to[11];
    tf_month_days(q->period, from, to);
    double best = 1e9;
    for (size_t i = 0; ref && i < q->n_codes; i++) {
        double vat, duty, misc;
        if (tf_window_params(ref, from, q->codes[i], "MFN", &vat, &duty, &misc, NULL) == TF_OK &&
            duty < best) {
            best = duty;
            tf_scopy(w->hs, sizeof w->hs, q->codes[i]);
        }
    }
    if (!tf_store_window_held(db, q->product ? q->product : ""))
        return TF_OK; /* no prices or published P/L stored for it: no day to count */
    tf_window_series *s = NULL;
    tf_status st = TF_OK;
    if (w->hs[0]) {
        st = tf_window_series_compute(db, ref, q->product ? q->product : "", from, to, w->hs,
                                      "MFN", NULL, q->as_of, &s);
        if (st == TF_ERR_NOT_FOUND)
            st = TF_OK; /* no parameters: no computed window */
        if (st != TF_OK)
            return st;
    }
    for (size_t i = 0; s && i < s->n_days; i++) {
        if (s->days[i].has_spot)
            stat_add(&w->computed, s->days[i].spot.pl);
        if (s->days[i].has_published)
            stat_add(&w->published, s->days[i].published_pl);
    }
    tf_window_series_free(&s);
    if (!w->hs[0]) { /* no window parameters for this product: published figures only */
        st = tf_db_window_points(db, q->product ? q->product : "", "published", "spot", from, to,
                                 q->as_of, published_day, &w->published);
        if (st != TF_OK)
            return st;
    }
    stat_end(&w->computed);
    stat_end(&w->published);
    return TF_OK;
}

/* ---- re-exports and re-imports (tf_re_flow in stats.h) ---- */

/* The re-flow of month k: the total of flow rf's rows ("flow"), or, for
 * re-imports (rf 2) without such rows in month m, the reporter's own row
 * among the import partner rows ("partner"): 0 when that month's partner
 * rows add up to a world total without the reporter; no value otherwise (a
 * download of a few partners says nothing of the reporter). */
static tf_opt re_month(const tf_report *rep, agg a[N_FLOWS][N_MONTHS], int rf, int k,
                       int by_partner)
{
    if (k < 0)
        return none;
    if (!by_partner)
        return a[rf][k].present ? some(figure(rep, a[rf][k].total)) : none;
    const agg *im = &a[0][k];
    if (!im->present || !im->n_partners)
        return none;
    if (amount_has(im, rep->reporter))
        return some(figure(rep, amount_get(im, rep->reporter)));
    return im->partners_complete && im->world ? some(0.0) : none; /* complete world total */
}

/* One re-flow against its flow (f): the month, the comparisons, the rest
 * (flow - re-flow) and the share; a re-flow above its flow is noted, with no
 * rest and no share (the data contradict each other). */
static tf_status re_flow_fill(tf_report *rep, agg a[N_FLOWS][N_MONTHS], int rf, int m,
                              tf_re_flow *out)
{
    memset(out, 0, sizeof *out);
    int by_partner = rf == 2 && !a[2][m].present;
    out->quantity = re_month(rep, a, rf, m, by_partner);
    if (!out->quantity.has)
        return TF_OK;
    tf_scopy(out->source, sizeof out->source, by_partner ? "partner" : "flow");
    if (!rep->annual)
        out->prev_month = re_month(rep, a, rf, m - 1, by_partner);
    out->year_ago = re_month(rep, a, rf, m - 12, by_partner);
    out->mom_pct = tf_pct_change(out->quantity, out->prev_month);
    out->yoy_pct = tf_pct_change(out->quantity, out->year_ago);
    const tf_opt total = rf == 3 ? rep->export.quantity : rep->import.quantity;
    if (!total.has)
        return TF_OK;
    if (out->quantity.v > total.v)
        return add_note(rep, "%s (%.1f %s) exceed %s (%.1f %s) in the data: no %s and no share",
                        rf == 3 ? "re-exports" : "re-imports", out->quantity.v, rep->unit,
                        rf == 3 ? "exports" : "imports", total.v, rep->unit,
                        rf == 3 ? "domestic exports" : "imports less re-imports");
    out->rest = some(total.v - out->quantity.v);
    if (total.v > 0)
        out->share_pct = some(100.0 * out->quantity.v / total.v);
    const tf_flow_figures *fl = rf == 3 ? &rep->export : &rep->import;
    tf_opt base = rep->annual ? out->year_ago : out->prev_month;
    tf_opt base_total = rep->annual ? fl->year_ago : fl->prev_month;
    if (out->share_pct.has && base.has && base_total.has && base_total.v > 0 &&
        base.v <= base_total.v)
        out->share_change_pp = some(out->share_pct.v - 100.0 * base.v / base_total.v);
    return TF_OK;
}

static tf_status re_trade(tf_report *rep, agg a[N_FLOWS][N_MONTHS], int m)
{
    tf_status st = re_flow_fill(rep, a, 3, m, &rep->re_trade.re_export);
    if (st == TF_OK)
        st = re_flow_fill(rep, a, 2, m, &rep->re_trade.re_import);
    return st;
}

/* Keep one classification per flow and period in the sorted rows: the one
 * asked for where present, else the newest edition (H6 over H5 ...), so that
 * the same trade converted to two editions is not counted twice. */
static tf_status one_classification(tf_report *rep, collect *c, const char *want)
{
    size_t k = 0;
    for (size_t b = 0; b < c->n;) {
        size_t e = b;
        while (e < c->n && c->rows[e].flow == c->rows[b].flow &&
               c->rows[e].month == c->rows[b].month)
            e++;
        size_t i = b + 1; /* one classification in the group (the usual case): kept */
        while (i < e && !memcmp(c->rows[i].cls, c->rows[b].cls, sizeof c->rows[b].cls))
            i++;
        if (i == e && k == b) {
            k = b = e;
            continue;
        }
        const char *pick = NULL;
        for (i = b; i < e; i++)
            if (tf_query_class_preferred(want, pick, c->rows[i].cls))
                pick = c->rows[i].cls;
        char chosen[8];
        tf_scopy(chosen, sizeof chosen, pick);
        for (i = b; i < e; i++) {
            if (strcmp(c->rows[i].cls, chosen)) {
                char p[8];
                tf_period_from_index(c->base_index + c->rows[i].month, p);
                if (c->annual)
                    p[4] = '\0';
                tf_status st = add_note(rep, "%s %s: data in %s and %s; %s used", p,
                                        flow_label(c->rows[i].flow), chosen, c->rows[i].cls,
                                        chosen);
                if (st)
                    return st;
                continue;
            }
            c->rows[k++] = c->rows[i];
        }
        b = e;
    }
    c->n = k;
    return TF_OK;
}

/* A note for each listed partner that is a UN Comtrade special area with an
 * explanation in data/comtrade-areas.csv (490 "Other Asia, nes" ...). */
static tf_status area_notes(tf_report *rep, const tf_refdata *ref)
{
    const tf_breakdown *bd[2] = {&rep->import_breakdown, &rep->export_breakdown};
    tf_status st = TF_OK;
    for (int f = 0; f < 2 && ref && st == TF_OK; f++)
        for (size_t i = 0; i < bd[f]->n_partners && st == TF_OK; i++) {
            const tf_partner_figures *p = &bd[f]->partners[i];
            const tf_area *a = strncmp(p->partner, "M49:", 4) == 0
                                   ? tf_refdata_area_by_partner(ref, p->partner) : NULL;
            if (a && a->note && a->note[0])
                st = add_note(rep, "%s (%s): %s", a->name_en, p->partner, a->note);
        }
    return st;
}

/* A note when the period and the year before fall in two HS editions and the
 * selection holds only part of a group of codes the new edition split or
 * merged (tradeflow/hscodes.h): its YoY then compares different goods. */
static tf_status edition_note(tf_report *rep, const tf_refdata *ref, const tf_query *q)
{
    char before[8], g[400];
    tf_fmt(before, sizeof before, "%ld", strtol(q->period, NULL, 10) - 1);
    int en = tf_hs_edition_of(q->classification, q->period),
        eb = tf_hs_edition_of(q->classification, before);
    if (!ref || !tf_hs_partial_group(ref, q->codes, q->n_codes, eb, en, g, sizeof g))
        return TF_OK;
    return add_note(rep, "HS%d changed codes of this selection (%s) and the selection holds "
                         "only part of them: the YoY compares different goods; tradeflow codes "
                         "gives the YoY over the whole group", en, g);
}

/* The report's identity: product, scope, reporter, period, as-of. */
void tf_partner_display_name(tf_db *db, const tf_refdata *ref, const char *code, char *buf,
                             size_t len)
{
    const tf_partner *pt = ref ? tf_refdata_partner_by_iso3(ref, code) : NULL;
    if (pt)
        tf_scopy(buf, len, pt->name_en);
    else if (!strcmp(code, "WLD"))
        tf_scopy(buf, len, "World"); /* the total's code (UN Comtrade partner 0) */
    else if (!db || !tf_db_partner_name(db, code, buf, len))
        tf_scopy(buf, len, code);
}

void tf_product_display_name_of(const tf_refdata *ref, const char *label, char *buf, size_t len)
{
    const tf_product *pr = ref && label[0] ? tf_refdata_product(ref, label) : NULL;
    tf_scopy(buf, len,
             pr                                    ? tf_product_display_name(pr, "en")
             : !strcmp(label, "commodity TOTAL") ? "all commodities (TOTAL)"
                                                   : label);
}

static tf_status report_header(tf_report *rep, const tf_refdata *ref, const tf_query *q,
                               int annual)
{
    tf_scopy(rep->product, sizeof rep->product, q->product ? q->product : "");
    tf_product_display_name_of(ref, rep->product, rep->product_name, sizeof rep->product_name);
    tf_scopy(rep->classification, sizeof rep->classification,
             q->classification ? q->classification : "HS");
    tf_scopy(rep->reporter, sizeof rep->reporter, q->reporter ? q->reporter : "CHN");
    tf_scopy(rep->period, sizeof rep->period, q->period);
    const tf_partner *rp = ref ? tf_refdata_partner_by_iso3(ref, rep->reporter) : NULL;
    /* S19: Comtrade's reporter 490 "Other Asia, nes", named from its area list */
    const tf_area *ra = !rp && ref && strcmp(rep->reporter, "S19") == 0
                            ? tf_refdata_area_by_m49(ref, "490") : NULL;
    tf_scopy(rep->reporter_name, sizeof rep->reporter_name,
             rp ? rp->name_en : ra ? ra->name_en : rep->reporter);
    tf_scopy(rep->as_of, sizeof rep->as_of, q->as_of ? q->as_of : "");
    rep->annual = annual;
    rep->codes = calloc(q->n_codes, sizeof *rep->codes);
    if (!rep->codes)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < q->n_codes; i++) {
        if (!(rep->codes[i] = tf_strdup(q->codes[i])))
            return TF_ERR_NOMEM;
        rep->n_codes = i + 1;
    }
    return TF_OK;
}

/* What a count unit of the data counts, in words (UN Comtrade's quantity
 * units, DOMAIN.md §4; GACC's Chinese ones): "number of items" for 'u' or
 * '个'; NULL for a unit not listed. */
static const char *unit_words(const char *u)
{
    static const char *const words[][2] = {
        {"u", "number of items"},  {"个", "number of items"}, {"2u", "pairs"},
        {"双", "pairs"},           {"12u", "dozens"},         {"1000u", "thousands of items"},
        {"台", "sets"},            {"辆", "vehicles"},        {"l", "litres"},
        {"m", "metres"},           {"m2", "square metres"},   {"m3", "cubic metres"},
        {"carat", "carats"},       {"1000kWh", "thousands of kWh"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(u, words[i][0]))
            return words[i][1];
    return NULL;
}

/* The notes on the measure chosen and on the rows left out of it. */
static void measure_notes(tf_report *rep, const tf_query *q, const collect *c,
                          unsigned long counted, unsigned long net_weighed, double weighed_pct,
                          const char *counted_unit)
{
    rep->measure_value = c->value;
    tf_scopy(rep->unit, sizeof rep->unit, c->value ? (c->currency[0] ? c->currency : "") : "t");
    if (c->value && q->measure != TF_MEASURE_VALUE && counted)
        add_note(rep, "the classification counts these goods in %s%s'%s'%s, not by weight: "
                      "figures are values in %s%s", unit_words(counted_unit) ?
                 unit_words(counted_unit) : "", unit_words(counted_unit) ? " (" : "",
                 counted_unit, unit_words(counted_unit) ? ")" : "", rep->unit,
                 net_weighed ? " (--measure quantity gives the net weight in t)" : "");
    else if (c->value && q->measure != TF_MEASURE_VALUE && weighed_pct > 0 && weighed_pct < 50)
        add_note(rep, "weights cover only %.0f%% of the value: figures are values in %s "
                      "(--measure quantity gives the tonnage there is)", weighed_pct, rep->unit);
    else if (c->value && q->measure != TF_MEASURE_VALUE)
        add_note(rep, "no quantities in the selected data: figures are values in %s",
                 rep->unit);
    else if (!c->value && net_weighed)
        add_note(rep, "tonnages are net weights: the classification counts %lu of these "
                      "records' goods in '%s'", net_weighed, counted_unit);
    if (c->no_value)
        add_note(rep, "%lu record%s without a value not in the figures", c->no_value,
                 c->no_value == 1 ? "" : "s");
    if (c->other_currency)
        add_note(rep, "%lu record%s in a currency other than %s not in the figures",
                 c->other_currency, c->other_currency == 1 ? "" : "s", c->currency);
    if (c->not_annual)
        add_note(rep, "%lu re-import, re-export or monthly record%s not in this annual "
                      "import/export report", c->not_annual, c->not_annual == 1 ? "" : "s");
    if (c->other_units)
        add_note(rep, "%lu record%s in units other than mass (e.g. '%s') not in the tonnages",
                 c->other_units, c->other_units == 1 ? "" : "s", c->other_unit);
    if (c->no_quantity)
        add_note(rep, "%lu record%s without a quantity not in the tonnages", c->no_quantity,
                 c->no_quantity == 1 ? "" : "s");
    if (c->breakdowns)
        add_note(rep, "%lu UN Comtrade breakdown record%s (by second partner, mode of "
                      "transport or customs procedure) not added to the totals, which come "
                      "from the aggregate rows",
                 c->breakdowns, c->breakdowns == 1 ? "" : "s");
    if (c->ranges)
        add_note(rep, "%lu record%s of cumulative ranges of months (ingest --range) not in "
                      "this report, which counts single months", c->ranges,
                 c->ranges == 1 ? "" : "s");
    if (c->not_monthly)
        add_note(rep, "%lu re-import, re-export or annual record%s of these months not in this "
                      "monthly import/export report", c->not_monthly, c->not_monthly == 1 ? "" : "s");
}

/* c ready for a selection of the report's rows from base_index in currency
 * (the report's; "" none) and the measure (value 1, else the quantity). */
static void collect_init(collect *c, int base_index, int annual, const char *currency, int value)
{
    memset(c, 0, sizeof *c);
    c->base_index = base_index;
    c->annual = annual;
    c->keep_re = 1;
    tf_scopy(c->want_buf, sizeof c->want_buf, currency);
    c->want_currency = currency[0] ? c->want_buf : NULL;
    tf_scopy(c->v_currency, sizeof c->v_currency, currency);
    c->value = value;
}

/* ---- a batch's reports collect each month once (window_rows) ----
 * A report's rows are those of its selection from January of the year before
 * to its month, collected (collect_fn) and sorted (cmp_row). In a batch the
 * selection over the batch's range is collected month by month instead, once:
 * a month's rows in the selection's order, held and flushed as collect_fn
 * does (a held row in another currency is of one cell, so of one month),
 * sorted stably as qsort sorts them (glibc's merge sort). Since cmp_row orders
 * by flow and month first, a report's sorted rows are its months' sorted rows
 * flow by flow, month by month; its counts are their sums. Where the whole
 * window's collection would depend on the order across months (units other
 * than kg, goods counted in items: the last unit named; values below 0 or
 * past 2^53, whose double sums would depend on the order), and for the value
 * measure and annual reports, the report collects its selection itself. */
struct slice_set {
    char *key;               /* the selection and the collection (slice_key) */
    int from_idx, n;         /* the batch's first month; months */
    collect *month;          /* [n]: the rows of period "YYYY-MM" */
    size_t (*flow_at)[N_FLOWS + 1]; /* [n]: where each flow's rows begin in month[k] */
    collect *beyond;         /* [n]: the other periods after it (ranges of months
                                from it, the next year's annual rows): counts only */
    int usable;
};

static void slice_set_free(slice_set *ss)
{
    if (!ss)
        return;
    for (int i = 0; i < ss->n; i++) {
        free(ss->month[i].rows);
        free(ss->beyond[i].rows);
    }
    free(ss->month);
    free(ss->beyond);
    free(ss->flow_at);
    free(ss->key);
    free(ss);
}

/* The month whose slice holds period p (itself; a range's first month; a
 * year's annual rows after December of the year before), -1 for none; *exact
 * 1 for a month. */
static int slice_month(const char *p, int *exact)
{
    size_t len = !p[4] ? 4 : !p[7] ? 7 : strlen(p); /* periods have 4, 7 or 16 bytes */
    char m[8];
    *exact = len == 7;
    if (len == 7)
        return tf_period_index(p);
    if (len == 16 && tf_period_is_range(p)) {
        memcpy(m, p, 7);
        m[7] = '\0';
        return tf_period_index(m);
    }
    if (len == 4 && tf_period_parse(p, 4, m) == TF_OK)
        return (int)strtol(p, NULL, 10) * 12 - 1;
    return -1;
}

static tf_status slice_fn(void *ctx, const tf_revision *rev)
{
    slice_set *ss = ctx;
    int exact, idx = slice_month(rev->rec.period, &exact), k = idx - ss->from_idx;
    if (idx < 0 || k < 0 || k >= ss->n) {
        ss->usable = 0;
        return TF_OK;
    }
    return collect_fn(exact ? &ss->month[k] : &ss->beyond[k], rev);
}

/* The key of the rows of sel collected in currency from base_index: the
 * store's key of the selection (tf_store_sel_key) with those two added. */
static char *slice_key(const tf_selection *sel, const char *currency, int base_index)
{
    char tail[32];
    tf_fmt(tail, sizeof tail, "%s\x1d%d", currency, base_index);
    return tf_store_sel_key(sel, tail);
}

/* The batch's range of sel collected month by month into a new slice set. */
static tf_status slices_build(tf_db *db, const tf_selection *sel, const char *currency,
                              int base_index, const char *from, const char *to, slice_set **out)
{
    slice_set *ss = calloc(1, sizeof *ss);
    int i0 = tf_period_index(from), i1 = tf_period_index(to);
    if (ss && i0 >= 0 && i1 >= i0) {
        ss->from_idx = i0;
        ss->n = i1 - i0 + 1;
        ss->month = calloc((size_t)ss->n, sizeof *ss->month);
        ss->beyond = calloc((size_t)ss->n, sizeof *ss->beyond);
        ss->flow_at = calloc((size_t)ss->n, sizeof *ss->flow_at);
    }
    if (!ss || !ss->month || !ss->beyond || !ss->flow_at) {
        slice_set_free(ss);
        return TF_ERR_NOMEM;
    }
    ss->usable = 1;
    for (int k = 0; k < ss->n; k++) {
        collect_init(&ss->month[k], base_index, 0, currency, 0);
        collect_init(&ss->beyond[k], base_index, 0, currency, 0);
    }
    tf_selection whole = *sel;
    whole.period_from = from;
    whole.period_to = to;
    tf_status st = tf_query_select(db, &whole, slice_fn, ss);
    for (int k = 0; k < ss->n && st == TF_OK; k++) {
        collect *c = &ss->month[k];
        st = flush_pending(c, 0, NULL);
        if (st == TF_OK && c->n)
            qsort(c->rows, c->n, sizeof *c->rows, cmp_row);
        size_t i = 0; /* sorted by flow first: each flow's rows in one run */
        for (int f = 0; f <= N_FLOWS; f++) {
            while (f < N_FLOWS && i < c->n && c->rows[i].flow < f)
                i++;
            ss->flow_at[k][f] = f < N_FLOWS ? i : c->n;
        }
    }
    if (st != TF_OK) {
        slice_set_free(ss);
        return st;
    }
    *out = ss;
    return TF_OK;
}

/* The slice set of sel in the memo, collected when new; NULL with TF_OK when
 * the batch's range does not hold the report's window [w0, w1]. */
static tf_status slices_of(tf_db *db, agg_memo *m, const tf_selection *sel, const char *currency,
                           int base_index, int w0, int w1, slice_set **out)
{
    const char *from, *to;
    *out = NULL;
    if (!tf_store_batch_range(db, &from, &to) || tf_period_index(from) < 0 ||
        w0 < tf_period_index(from) || w1 > tf_period_index(to))
        return TF_OK;
    char *key = slice_key(sel, currency, base_index);
    if (!key)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < m->n_sets; i++)
        if (!strcmp(m->sets[i]->key, key)) {
            free(key);
            *out = m->sets[i];
            return TF_OK;
        }
    /* another selection (a sweep's next product): the months of the one
     * before, and what was aggregated of them, are of no more use; their
     * memory serves the next one */
    memo_clear(m);
    slice_set **grown = realloc(m->sets, (m->n_sets + 1) * sizeof *grown);
    if (grown)
        m->sets = grown;
    tf_status st = grown ? slices_build(db, sel, currency, base_index, from, to, out)
                         : TF_ERR_NOMEM;
    if (st != TF_OK) {
        free(key);
        return st;
    }
    (*out)->key = key;
    m->sets[m->n_sets++] = *out;
    return TF_OK;
}

/* The counts of s added to c (its rows aside); s's rows are all of month m
 * (its per-month tallies: there only), or none when m < 0. */
static void collect_add_counts(collect *c, const collect *s, int m)
{
    c->other_units += s->other_units;
    c->no_quantity += s->no_quantity;
    c->not_monthly += s->not_monthly;
    c->ranges += s->ranges;
    c->breakdowns += s->breakdowns;
    c->counted += s->counted;
    c->net_weighed += s->net_weighed;
    c->not_annual += s->not_annual;
    c->no_value += s->no_value;
    c->other_currency += s->other_currency;
    c->v_all += s->v_all;
    c->v_negative |= s->v_negative;
    if (m < 0 || m >= N_MONTHS)
        return;
    for (int f = 0; f < N_FLOWS; f++) {
        c->dropped[f][m] |= s->dropped[f][m];
        for (int w = 0; w < 2; w++) {
            c->unweighed_v[w][f][m] += s->unweighed_v[w][f][m];
            c->unweighed_n[w][f][m] += s->unweighed_n[w][f][m];
        }
    }
}

/* c (ready, empty) given the rows and counts of the window [w0, w1] from the
 * slices: 1 when it holds them, 0 when the window needs its own collection. */
static int window_from_slices(agg_memo *m, const slice_set *ss, int w0, int w1, collect *c)
{
    size_t n = 0;
    for (int k = w0 - ss->from_idx; k <= w1 - ss->from_idx; k++) {
        collect_add_counts(c, &ss->month[k], ss->from_idx + k - c->base_index);
        if (k < w1 - ss->from_idx) /* the last month's ranges lie past the window */
            collect_add_counts(c, &ss->beyond[k], -1);
        n += ss->month[k].n;
    }
    size_t cap;
    if (c->other_units || c->counted || c->v_negative || !(c->v_all < 9007199254740992.0) ||
        !(c->rows = rows_take(m, n, &cap)))
        return 0;
    for (int f = 0; f < N_FLOWS; f++)
        for (int k = w0 - ss->from_idx; k <= w1 - ss->from_idx; k++) {
            size_t b = ss->flow_at[k][f], e = ss->flow_at[k][f + 1];
            if (e > b)
                memcpy(c->rows + c->n, ss->month[k].rows + b, (e - b) * sizeof *c->rows);
            c->n += e - b;
        }
    c->cap = cap;
    c->sorted = 1;
    return 1;
}

/* select_rows for the report's first pass (the quantity) from a batch's
 * month slices where they serve (above), else select_rows. */
static tf_status window_rows(tf_db *db, const tf_selection *sel, const char *currency,
                             collect *c)
{
    agg_memo *m = c->value || c->annual || !currency[0] ? NULL : memo_of(db);
    int w0 = c->base_index, w1 = sel->period_to ? tf_period_index(sel->period_to) : -1;
    slice_set *ss = NULL;
    tf_status st = TF_OK;
    if (m && w1 >= w0 && sel->period_from && tf_period_index(sel->period_from) == w0)
        st = slices_of(db, m, sel, currency, c->base_index, w0, w1, &ss);
    if (st != TF_OK)
        return st;
    if (ss && ss->usable) {
        collect fresh = *c;
        if (window_from_slices(m, ss, w0, w1, c))
            return TF_OK;
        free(c->rows);
        *c = fresh;
        /* want_currency points into c's own buffer */
        c->want_currency = c->want_buf[0] ? c->want_buf : NULL;
    }
    return select_rows(db, sel, c);
}

/* Select the rows of the report's months into c, in its measure: the
 * quantity, or the value (asked for, or AUTO where weights carry less than
 * half of the value: a second pass), with the notes saying why and what was
 * left out. On an error c->rows may hold rows to free. */
static tf_status select_report_rows(tf_db *db, const tf_query *q, tf_report *rep,
                                    int base_index, const char *from, collect *c)
{
    /* from the quantity pass: rows of goods counted in items, those of them with
     * a net weight (Comtrade), and the share of the value the tonnage covers */
    unsigned long counted = 0, net_weighed = 0;
    double weighed_pct = 100.0;
    char counted_unit[32] = "", currency[4] = "";
    tf_selection cs = {0};
    cs.classification = rep->classification;
    cs.codes = q->codes;
    cs.n_codes = q->n_codes;
    cs.reporter = rep->reporter;
    cs.period_from = from;
    cs.period_to = q->period;
    tf_status cst = choose_currency(db, q, &cs, rep, currency);
    if (cst != TF_OK)
        return cst;
    tf_scopy(rep->currency, sizeof rep->currency, currency);
    for (int pass = 0; pass < 2; pass++) {
        collect_init(c, base_index, rep->annual, currency,
                     q->measure == TF_MEASURE_VALUE || pass == 1);
        tf_selection sel = cs;
        sel.as_of = q->as_of;
        tf_status st = window_rows(db, &sel, currency, c);
        if (st != TF_OK)
            return st;
        if (pass == 0 && !c->value) {
            counted = c->counted;
            net_weighed = c->net_weighed;
            tf_scopy(counted_unit, sizeof counted_unit, c->counted_unit);
            if (c->v_all > 0)
                weighed_pct = 100.0 * weighed_value(c) / c->v_all;
        }
        /* auto: the value when no row has a quantity at all (e.g. Comtrade's TOTAL),
         * and when goods weighed in kg carry less than half of the value: the rest
         * has no weight, or is goods the classification counts in items (integrated
         * circuits: their net weight says little, and GACC gives none as first
         * quantity). Value, not rows, decides, so one data set does not switch
         * measure from one period to the next on a few rows. */
        int by_value = q->measure == TF_MEASURE_AUTO && weighed_pct < 50.0;
        if (pass == 1 || c->value || q->measure == TF_MEASURE_QUANTITY ||
            (!by_value && (c->n > 0 || c->other_units > 0 || c->no_quantity == 0)))
            break;
        free(c->rows);
        c->rows = NULL;
    }
    measure_notes(rep, q, c, counted, net_weighed, weighed_pct, counted_unit);
    return TF_OK;
}

/* Phase of tf_report_compute: the period's month index (a year: its
 * December slot) and whether the report is annual; -1 when the period is bad. */
static int report_index(const tf_query *q, int *annual)
{
    int idx = q->period ? tf_period_index(q->period) : -1;
    *annual = 0;
    if (q->period && idx < 0) {
        char canon[8];
        if (strlen(q->period) == 4 && tf_period_parse(q->period, 4, canon) == TF_OK) {
            *annual = 1;
            idx = (int)strtol(q->period, NULL, 10) * 12 + 11; /* the year's December slot */
        }
    }
    return idx;
}

/* Phase of tf_report_compute: the rows of the 24 months from base_index,
 * one classification per flow and period, aggregated per flow and month into
 * a (world rows as totals, one partner basis), the comparison months on the
 * report month's basis into cmp, and the month's commodity codes. c keeps
 * the selection's counts (its rows are freed here). */
static tf_status aggregate_months(tf_db *db, const tf_query *q, tf_report *rep, int base_index,
                                  int m, collect *c, agg a[N_FLOWS][N_MONTHS], agg cmp[2][2])
{
    char from[8]; /* base_index as a period: the first the report reads (query.h) */
    tf_query_report_from(q->period, from);
    tf_status st = select_report_rows(db, q, rep, base_index, from, c);
    if (st == TF_OK && c->n && !c->sorted)
        qsort(c->rows, c->n, sizeof *c->rows, cmp_row);
    if (st == TF_OK)
        st = one_classification(rep, c, q->classification ? q->classification : "HS");
    for (int f = 0; f < 2 && st == TF_OK; f++)
        st = basis_notes(rep, c->rows, c->n, f, q->partner_basis);
    agg_memo *memo = memo_of(db); /* in a batch: months aggregated once */
    size_t scratch_cap = 0;
    row *scratch = st == TF_OK ? rows_take(memo, c->n, &scratch_cap) : NULL;
    if (!scratch && st == TF_OK)
        st = TF_ERR_NOMEM;
    size_t b = 0;
    while (b < c->n && st == TF_OK) {
        size_t e = b;
        while (e < c->n && c->rows[e].flow == c->rows[b].flow &&
               c->rows[e].month == c->rows[b].month)
            e++;
        int f = c->rows[b].flow;
        agg *am = &a[f][c->rows[b].month];
        char label[8] = "";
        if (c->rows[b].month == m && f < 2 && rep->annual)
            tf_fmt(label, sizeof label, "%d", (base_index + c->rows[b].month) / 12);
        else if (c->rows[b].month == m && f < 2)
            tf_period_from_index(base_index + c->rows[b].month, label);
        /* disagreeing codes are noted for the report's own period */
        st = aggregate_memo(memo, rep, c->rows + b, e - b, q->partner_basis, scratch, am,
                            c->rows[b].month == m && f < 2 ? label : NULL);
        if (c->dropped[f][c->rows[b].month])
            am->partners_complete = 0; /* a partner traded in no figure counted here */
        b = e;
    }
    if (st == TF_OK)
        st = comparison_months(rep, memo, c, scratch, a, m, cmp);
    if (scratch)
        rows_give(memo, scratch, scratch_cap);
    if (st == TF_OK) {
        const agg *month[2] = {&a[0][m], &a[1][m]};
        st = list_commodities(rep, month);
    }
    if (c->rows)
        rows_give(memo, c->rows, c->cap);
    c->rows = NULL;
    return st;
}

/* Phase of tf_report_compute: the flows' figures, the notes on unweighed
 * records, re-exports and re-imports, and the partner and trade-mode
 * breakdowns, from the aggregated months. */
static tf_status fill_figures(tf_db *db, const tf_refdata *ref, const tf_query *q,
                              tf_report *rep, const collect *c, agg a[N_FLOWS][N_MONTHS],
                              agg cmp[2][2], int m, int base_index)
{
    int top = q->top > 0 ? q->top : 10;
    tf_status st = fill_flow(rep, a[0], 0, m, base_index, &rep->import);
    if (st == TF_OK)
        st = fill_flow(rep, a[1], 1, m, base_index, &rep->export);
    if (st == TF_OK)
        st = fill_net(rep);
    for (int f = 0; f < 2 && st == TF_OK && !rep->measure_value; f++)
        st = unweighed_note(rep, c, f, m, rep->annual ? q->period : NULL, base_index);
    if (st == TF_OK)
        st = re_trade(rep, a, m);
    if (st == TF_OK)
        st = fill_breakdown(db, ref, rep, a[0], 0, m, base_index, top, cmp[0],
                            &rep->import_breakdown);
    if (st == TF_OK)
        st = fill_breakdown(db, ref, rep, a[1], 1, m, base_index, top, cmp[1],
                            &rep->export_breakdown);
    return st;
}

/* Phase of tf_report_compute: the month's import window and the notes on
 * special areas and HS editions. */
static tf_status closing_notes(tf_db *db, const tf_refdata *ref, const tf_query *q,
                               tf_report *rep)
{
    tf_status st = rep->annual ? TF_OK : window_month(db, ref, q, rep);
    if (st == TF_OK)
        st = area_notes(rep, ref);
    if (st == TF_OK)
        st = edition_note(rep, ref, q);
    return st;
}

static tf_status report_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                tf_report **out)
{
    *out = NULL;
    int annual;
    int idx = report_index(q, &annual);
    if (idx < 0 || q->n_codes == 0)
        return q->n_codes ? tf_db_fail(db, TF_ERR_USAGE, "bad period '%s' (YYYY-MM or YYYY)",
                                       q->period ? q->period : "")
                          : tf_db_fail(db, TF_ERR_USAGE, "no commodity codes for %s",
                                       q->product ? q->product : "the report");
    tf_report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return TF_ERR_NOMEM;
    tf_status st = report_header(rep, ref, q, annual);
    int base_index = (idx / 12 - 1) * 12; /* January of the previous year */
    int m = idx - base_index;              /* 12..23 */
    collect c = {0};
    agg a[N_FLOWS][N_MONTHS], cmp[2][2];
    memset(a, 0, sizeof a);
    memset(cmp, 0, sizeof cmp);
    if (st == TF_OK)
        st = aggregate_months(db, q, rep, base_index, m, &c, a, cmp);
    if (st == TF_OK)
        st = fill_figures(db, ref, q, rep, &c, a, cmp, m, base_index);
    int overflowed = 0;
    for (int f = 0; f < 2; f++) {
        agg_free(&cmp[f][0]);
        agg_free(&cmp[f][1]);
    }
    for (int f = 0; f < N_FLOWS; f++)
        for (int k = 0; k < N_MONTHS; k++) {
            overflowed |= a[f][k].overflow;
            agg_free(&a[f][k]);
        }
    if (st == TF_OK)
        st = closing_notes(db, ref, q, rep);
    if (st == TF_OK && overflowed)
        st = TF_ERR_INPUT; /* sums beyond the exact range: no figure rather than a wrong one */
    if (st != TF_OK) {
        tf_report_free(&rep);
        return st;
    }
    *out = rep;
    return TF_OK;
}

/* The report's selections as one read of the store (store_int.h), each
 * stored code of its months read once for its currency count and its
 * selection (tf_store_codes_begin; inside a caller's batch, the batch's). */
tf_status tf_report_compute(tf_db *db, const tf_refdata *ref, const tf_query *q, tf_report **out)
{
    char from[8];
    int codes = tf_query_report_from(q->period, from) == 0 &&
                tf_store_codes_begin(db, from, q->period);
    tf_store_read_begin(db);
    tf_status st = report_compute(db, ref, q, out);
    tf_store_read_end(db);
    tf_store_codes_end(db, codes);
    return st;
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void tf_report_free(tf_report **r)
{
    if (!r || !*r)
        return;
    tf_report *p = *r;
    free_strv(p->codes, p->n_codes);
    free_strv(p->notes, p->n_notes);
    free_strv(p->commodities, p->n_commodities);
    free(p->import_breakdown.partners);
    free(p->import_breakdown.absent);
    free(p->import_breakdown.modes);
    free(p->import_breakdown.vanished_modes);
    free(p->export_breakdown.partners);
    free(p->export_breakdown.absent);
    free(p->export_breakdown.modes);
    free(p->export_breakdown.vanished_modes);
    free(p);
    *r = NULL;
}

/* ---- Monthly series ---- */

static tf_status series_partner_add(tf_monthly_series *s, int f, const char *key, size_t k,
                                    tf_milli q)
{
    size_t i;
    for (i = 0; i < s->n_partners[f]; i++)
        if (!strcmp(s->partners[f][i].partner, key))
            break;
    if (i == s->n_partners[f]) {
        tf_series_partner *p = realloc(s->partners[f], (i + 1) * sizeof *p);
        if (!p)
            return TF_ERR_NOMEM;
        s->partners[f] = p;
        memset(&p[i], 0, sizeof p[i]);
        tf_scopy(p[i].partner, sizeof p[i].partner, key);
        if (!(p[i].quantity = calloc(s->n_months, sizeof *p[i].quantity)))
            return TF_ERR_NOMEM;
        s->n_partners[f]++;
    }
    tf_series_partner *p = &s->partners[f][i];
    p->quantity[k] = some(p->quantity[k].v + in_unit(s->measure_value, q));
    p->total += in_unit(s->measure_value, q);
    return TF_OK;
}

static int cmp_series_partner(const void *a, const void *b)
{
    const tf_series_partner *x = a, *y = b;
    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->partner, y->partner);
}

tf_status tf_monthly_series_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                    const char *from, const char *to, tf_monthly_series **out)
{
    *out = NULL;
    int i0 = from ? tf_period_index(from) : -1, i1 = to ? tf_period_index(to) : -1;
    if (i0 < 0 || i1 < i0 || i1 - i0 >= 600 || !q || q->n_codes == 0 || !from || !to ||
        strlen(from) != 7 || strlen(to) != 7)
        return tf_db_fail(db, TF_ERR_USAGE, "a monthly series needs commodity codes and months "
                          "YYYY-MM from..to, at most 600, not '%s'..'%s'", from ? from : "",
                          to ? to : "");
    tf_monthly_series *s = calloc(1, sizeof *s);
    if (!s)
        return TF_ERR_NOMEM;
    tf_status st = TF_OK;
    s->n_months = (size_t)(i1 - i0 + 1);
    tf_period_from_index(i0, s->from);
    tf_period_from_index(i1, s->to);
    s->periods = calloc(s->n_months, sizeof *s->periods);
    s->net_import = calloc(s->n_months, sizeof *s->net_import);
    int ok = s->periods && s->net_import;
    for (int f = 0; f < 2; f++) {
        s->total[f] = calloc(s->n_months, sizeof *s->total[f]);
        s->other[f] = calloc(s->n_months, sizeof *s->other[f]);
        s->has_partners[f] = calloc(s->n_months, sizeof *s->has_partners[f]);
        ok = ok && s->total[f] && s->other[f] && s->has_partners[f];
    }
    if (!ok) {
        tf_monthly_series_free(&s);
        return TF_ERR_NOMEM;
    }
    for (size_t k = 0; k < s->n_months; k++)
        tf_period_from_index(i0 + (int)k, s->periods[k]);
    int overflowed = 0;
    collect c = {0};
    c.base_index = i0;
    c.n_months = (int)s->n_months;
    c.value = q->measure == TF_MEASURE_VALUE; /* AUTO and QUANTITY: t */
    s->measure_value = c.value;
    tf_selection sel = {0};
    sel.classification = q->classification ? q->classification : "HS";
    sel.codes = q->codes;
    sel.n_codes = q->n_codes;
    sel.reporter = q->reporter ? q->reporter : "CHN";
    sel.period_from = s->from;
    sel.period_to = s->to;
    sel.as_of = q->as_of;
    tf_report notes = {0}; /* collects the selection's and aggregation's notes */
    notes.measure_value = c.value;
    char currency[4] = "";
    st = choose_currency(db, q, &sel, &notes, currency);
    c.want_currency = currency[0] ? currency : NULL;
    tf_scopy(c.v_currency, sizeof c.v_currency, currency);
    if (st == TF_OK)
        st = select_rows(db, &sel, &c);
    if (st == TF_OK && c.n)
        qsort(c.rows, c.n, sizeof *c.rows, cmp_row);
    if (st == TF_OK)
        st = one_classification(&notes, &c, sel.classification);
    row *scratch = st == TF_OK ? malloc((c.n ? c.n : 1) * sizeof *scratch) : NULL;
    if (!scratch && st == TF_OK)
        st = TF_ERR_NOMEM;
    for (size_t b = 0; b < c.n && st == TF_OK;) {
        size_t e = b;
        while (e < c.n && c.rows[e].flow == c.rows[b].flow && c.rows[e].month == c.rows[b].month)
            e++;
        int f = c.rows[b].flow;
        size_t k = (size_t)c.rows[b].month;
        agg a;
        st = aggregate(&notes, c.rows + b, e - b, q->partner_basis, scratch, &a, NULL);
        if (st == TF_OK && a.present) {
            s->total[f][k] = some(in_unit(s->measure_value, a.total));
            s->has_partners[f][k] = a.n_partners > 0;
            tf_milli listed = 0;
            for (size_t i = 0; i < a.n_partners && st == TF_OK; i++) {
                listed = add(listed, a.partners[i].q, &overflowed);
                st = series_partner_add(s, f, a.partners[i].key, k, a.partners[i].q);
            }
            if (a.n_partners)
                s->other[f][k] = some(in_unit(s->measure_value, a.total - listed));
        }
        overflowed |= a.overflow;
        agg_free(&a);
        b = e;
    }
    free(scratch);
    free(c.rows);
    s->notes = notes.notes;
    s->n_notes = notes.n_notes;
    for (int f = 0; f < 2 && st == TF_OK; f++) {
        for (size_t i = 0; i < s->n_partners[f]; i++) {
            tf_series_partner *p = &s->partners[f][i];
            const tf_partner *pt = ref ? tf_refdata_partner_by_iso3(ref, p->partner) : NULL;
            if (pt) {
                tf_scopy(p->name, sizeof p->name, pt->name_en);
                /* the short name notes and charts write (俄罗斯, not 俄罗斯联邦) */
                tf_scopy(p->name_zh, sizeof p->name_zh,
                         pt->short_zh && pt->short_zh[0] ? pt->short_zh
                         : pt->name_zh                    ? pt->name_zh
                                                          : "");
            } else if (!tf_db_partner_name(db, p->partner, p->name, sizeof p->name)) {
                tf_scopy(p->name, sizeof p->name, p->partner);
            }
        }
        if (s->n_partners[f])
            qsort(s->partners[f], s->n_partners[f], sizeof *s->partners[f], cmp_series_partner);
    }
    for (size_t k = 0; k < s->n_months; k++)
        s->net_import[k] = sub(s->total[0][k], s->total[1][k]);
    if (st == TF_OK && overflowed)
        st = TF_ERR_INPUT;
    if (st != TF_OK) {
        tf_monthly_series_free(&s);
        return st;
    }
    *out = s;
    return TF_OK;
}

void tf_monthly_series_free(tf_monthly_series **sp)
{
    if (!sp || !*sp)
        return;
    tf_monthly_series *s = *sp;
    free(s->periods);
    free(s->net_import);
    for (int f = 0; f < 2; f++) {
        free(s->total[f]);
        free(s->other[f]);
        free(s->has_partners[f]);
        for (size_t i = 0; i < s->n_partners[f]; i++)
            free(s->partners[f][i].quantity);
        free(s->partners[f]);
    }
    free_strv(s->notes, s->n_notes);
    free(s);
    *sp = NULL;
}

static tf_status chart_sources(tf_db *db, const tf_query *q, tf_chart_data *d);

tf_status tf_chart_data_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                tf_chart_data **out)
{
    *out = NULL;
    int idx = q ? tf_period_index(q->period) : -1;
    if (idx < 0)
        return tf_db_fail(db, TF_ERR_USAGE, "bad period '%s' (YYYY-MM)",
                          q && q->period ? q->period : "");
    tf_chart_data *d = calloc(1, sizeof *d);
    if (!d)
        return TF_ERR_NOMEM;
    char from[8];
    tf_status st = tf_report_compute(db, ref, q, &d->report);
    /* the charts measure what the report measures (t, or a value) */
    tf_query mq = *q;
    if (st == TF_OK)
        mq.measure = d->report->measure_value ? TF_MEASURE_VALUE : TF_MEASURE_QUANTITY;
    /* and read the records the report read: its currency, not one chosen anew
     * over the series' longer range */
    if (st == TF_OK && d->report->currency[0])
        mq.currency = d->report->currency;
    if (st == TF_OK) {
        tf_period_from_index((idx / 12 - 4) * 12, from);
        st = tf_monthly_series_compute(db, ref, &mq, from, q->period, &d->years);
    }
    if (st == TF_OK) {
        tf_period_from_index(idx - 23, from);
        st = tf_monthly_series_compute(db, ref, &mq, from, q->period, &d->recent);
    }
    if (st == TF_OK && d->report->window.hs[0]) {
        char f[11], t[11], m0[8];
        tf_period_from_index(idx - 5, m0);
        tf_month_days(m0, f, NULL);
        tf_month_days(q->period, NULL, t);
        st = tf_window_series_compute(db, ref, q->product ? q->product : "", f, t,
                                      d->report->window.hs, "MFN", NULL, q->as_of, &d->window);
        if (st == TF_ERR_NOT_FOUND)
            st = TF_OK;
        int any = 0;
        for (size_t i = 0; d->window && i < d->window->n_days; i++)
            any |= d->window->days[i].has_spot || d->window->days[i].has_published;
        if (!any)
            tf_window_series_free(&d->window);
    }
    if (st == TF_OK)
        st = chart_sources(db, q, d);
    if (st != TF_OK) {
        tf_chart_data_free(&d);
        return st;
    }
    *out = d;
    return TF_OK;
}

static tf_status chart_sources(tf_db *db, const tf_query *q, tf_chart_data *d)
{
    tf_source_use *s = NULL;
    size_t n = 0;
    tf_status st = tf_sources_used(db, q, d->window != NULL, &s, &n);
    if (st != TF_OK)
        return st;
    d->sources = malloc(2048);
    if (d->sources)
        tf_sources_text(s, n, d->sources, 2048);
    free(s);
    if (!d->sources)
        return TF_ERR_NOMEM;
    return tf_sources_charted(db, q, d->window != NULL, d->chart_sources);
}

void tf_chart_data_free(tf_chart_data **dp)
{
    if (!dp || !*dp)
        return;
    tf_chart_data *d = *dp;
    tf_report_free(&d->report);
    tf_monthly_series_free(&d->years);
    tf_monthly_series_free(&d->recent);
    tf_window_series_free(&d->window);
    free(d->sources);
    for (int i = 0; i < 6; i++)
        free(d->chart_sources[i]);
    free(d);
    *dp = NULL;
}
