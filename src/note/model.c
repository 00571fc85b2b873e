/*
 * The note model: the facts of one product and month, from the statistics
 * (tf_report_compute) and the store (sources, latest import window level).
 * No sentence and no arithmetic on the figures here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "tradeflow/note.h"
#include "tradeflow/outlook.h"
#include "../common/util.h"

/* ---- names ---- */

/* The English name of product p as it stands before a noun: a noun used as
 * a modifier takes its singular form ("soybean imports", not "soybeans
 * imports"), so a name ending in "s" whose singular is one of the
 * product's aliases (data/products.csv) gives that alias; else the name. */
static void attributive(char *out, size_t len, const tf_product *p, const char *name)
{
    tf_scopy(out, len, name);
    size_t n = strlen(name);
    if (!p || n < 2 || name[n - 1] != 's')
        return;
    for (size_t i = 0; i < p->n_aliases; i++)
        if (strlen(p->aliases[i]) == n - 1 && !strncmp(p->aliases[i], name, n - 1)) {
            tf_scopy(out, len, p->aliases[i]);
            return;
        }
}

static void names(tf_note_model *m, const tf_refdata *ref, const tf_product *p,
                  const tf_query *q)
{
    if (p) {
        tf_scopy(m->product_en, sizeof m->product_en, tf_product_display_name(p, "en"));
        tf_scopy(m->product_zh, sizeof m->product_zh, tf_product_display_name(p, "zh"));
    } else {
        tf_scopy(m->product_en, sizeof m->product_en, q->product ? q->product : "");
        tf_scopy(m->product_zh, sizeof m->product_zh, q->product ? q->product : "");
    }
    attributive(m->product_en_attr, sizeof m->product_en_attr, p, m->product_en);
    const char *rep = q->reporter ? q->reporter : "CHN";
    const tf_partner *pt = tf_refdata_partner_by_iso3(ref, rep);
    tf_scopy(m->reporter_en, sizeof m->reporter_en, pt && pt->name_en[0] ? pt->name_en : rep);
    tf_scopy(m->reporter_zh, sizeof m->reporter_zh, pt && pt->name_zh[0] ? pt->name_zh : rep);
}

/* The publication date: given, else the as-of date, else $TRADEFLOW_NOW's
 * date, else today (UTC). */
static void pub_date(char out[11], const tf_note_opts *o, const tf_query *q)
{
    const char *env = getenv("TRADEFLOW_NOW");
    char now[32];
    const char *d = o && o->date ? o->date : NULL;
    if (!d && q->as_of && strlen(q->as_of) >= 10)
        d = q->as_of;
    if (!d && env && strlen(env) >= 10)
        d = env;
    if (!d) {
        tf_now_utc(now);
        d = now;
    }
    tf_copy(out, 11, d, 10);
}

/* ---- which partners the note names ---- */

static void partners(tf_note_model *m, const tf_note_opts *o)
{
    const tf_breakdown *b = &m->report->import_breakdown;
    size_t want = o && o->partners > 0 ? (size_t)o->partners : 3;
    m->n_named = b->n_partners < want ? b->n_partners : want;
}

/* Partners of m-1 or m-12 with nothing in the month that were a large source of the
 * year to date (>= TF_NOTE_GONE_SHARE % of YTD imports): their absence is news (a
 * major supplier stopping), told with their year-to-date figures. The report keeps
 * them in import_breakdown.absent, ranked as the report lists them. */
static void gone(tf_note_model *m)
{
    const tf_breakdown *b = &m->report->import_breakdown;
    m->n_gone = 0;
    for (size_t i = 0; i < b->n_absent && m->n_gone < TF_NOTE_GONE_MAX; i++) {
        const tf_partner_figures *p = &b->absent[i];
        if (p->ytd.has && p->ytd.v > 0 && p->ytd_share_pct.has &&
            p->ytd_share_pct.v >= TF_NOTE_GONE_SHARE)
            m->gone[m->n_gone++] = p;
    }
}

/* The re-imports the report found (its rule, tf_re_flow in stats.h). The note
 * tells those of the reporter as its own partner where they are news: above
 * 0 t (0 is a complete partner breakdown without the reporter) and at least
 * 0.1 % of imports as printed (a re-import that rounds to 0.0 % of imports,
 * e.g. 0.095 t among thousands, is left to the report). Rows of a re-import
 * flow (UN Comtrade RM) are not told: the audit has no reading for them yet. */
static void reimports(tf_note_model *m)
{
    const tf_re_flow *rm = &m->report->re_trade.re_import;
    m->reimports = NULL;
    if (rm->quantity.has && rm->quantity.v > 0 && !strcmp(rm->source, "partner") &&
        (!rm->share_pct.has || rm->share_pct.v >= 0.05))
        m->reimports = rm;
}

/* ---- the latest published import P/L on or before the publication date ---- */

typedef struct last_point {
    int has;
    char date[11];
    double v;
} last_point;

static tf_status keep_last(void *ctx, const char *date, double value)
{
    last_point *l = ctx;
    l->has = 1;
    tf_scopy(l->date, sizeof l->date, date);
    l->v = value;
    return TF_OK;
}

/* Only a level from the month before the publication date on is "the
 * latest": an older one is history. */
static tf_status latest_window(tf_note_model *m, tf_db *db, const tf_query *q)
{
    int y, mo, d;
    if (sscanf(m->date, "%d-%d-%d", &y, &mo, &d) != 3)
        return TF_OK;
    int k = y * 12 + mo - 2;
    char f[16];
    tf_fmt(f, sizeof f, "%04d-%02d-%02d", k / 12, k % 12 + 1, d);
    last_point l = {0};
    tf_status st = tf_db_window_points(db, q->product ? q->product : "", "published", "spot", f,
                                       m->date, q->as_of, keep_last, &l);
    if (st != TF_OK)
        return st;
    m->latest_window.has = l.has;
    tf_scopy(m->latest_window.date, sizeof m->latest_window.date, l.date);
    m->latest_window.pl = l.v;
    return TF_OK;
}

/* The top partner on each other basis the month's import rows carry. */
static tf_status other_bases(tf_note_model *m, tf_db *db, const tf_refdata *ref,
                             const tf_query *q)
{
    static const char *const bases[] = {"origin", "consignment", "trading"};
    const char *used = m->report->import_breakdown.partner_basis;
    if (!used[0] || m->report->import_breakdown.n_partners == 0)
        return TF_OK;
    for (size_t i = 0; i < 3 && m->n_other_basis < 2; i++) {
        if (!strcmp(bases[i], used))
            continue;
        tf_query o = *q;
        o.partner_basis = bases[i];
        o.top = 1;
        tf_report *r = NULL;
        tf_status st = tf_report_compute(db, ref, &o, &r);
        if (st != TF_OK)
            return st;
        const tf_breakdown *b = &r->import_breakdown;
        if (b->n_partners > 0 && !strcmp(b->partner_basis, bases[i])) {
            tf_note_basis *nb = &m->other_basis[m->n_other_basis++];
            tf_scopy(nb->basis, sizeof nb->basis, bases[i]);
            nb->top = b->partners[0];
        }
        tf_report_free(&r);
    }
    return TF_OK;
}

/* One series of the outlook as the note's slot holds it. */
static void forecast_of(tf_note_forecast *f, const tf_outlook_series *s)
{
    if (s->method == TF_OUTLOOK_NONE || !s->point.has)
        return;
    const tf_outlook_score *c = &s->own[s->method];
    f->has = 1;
    f->point = s->point;
    f->mae = s->mae;
    f->n_backtest = c->n;
    tf_fmt(f->from, sizeof f->from, "%s", c->n ? c->from : "");
    tf_fmt(f->to, sizeof f->to, "%s", c->n ? c->to : "");
    f->beats_naive = s->beats_naive;
    tf_fmt(f->method, sizeof f->method, "%s", tf_outlook_method_name(s->method));
    tf_fmt(f->method_en, sizeof f->method_en, "%s", tf_outlook_method_words(s, 0));
    tf_fmt(f->method_zh, sizeof f->method_zh, "%s", tf_outlook_method_words(s, 1));
}

void nd_outlook_of(tf_note_outlook *out, const tf_outlook *o)
{
    forecast_of(&out->import, &o->imports);
    forecast_of(&out->net_import, &o->net_imports);
    out->has = out->import.has || out->net_import.has;
    tf_fmt(out->period, sizeof out->period, "%s", o->target);
}

/* The month after the note's: the outlook module's forecast (its method,
 * backtest and choice); nothing when it cannot forecast. */
static tf_status outlook(tf_note_model *m, tf_db *db, const tf_refdata *ref, const tf_query *q)
{
    tf_outlook *o = NULL;
    tf_status st = tf_outlook_compute(db, ref, q, &o);
    if (st == TF_ERR_NOT_FOUND)
        return TF_OK;  /* nothing to forecast from: no paragraph */
    if (st != TF_OK)
        return st;
    nd_outlook_of(&m->outlook, o);
    tf_outlook_free(&o);
    return TF_OK;
}

tf_status tf_note_model_build(tf_db *db, const tf_refdata *ref, const tf_product *product,
                              const tf_query *q, const tf_note_opts *o, tf_note_model **out)
{
    *out = NULL;
    if (!q->period || strlen(q->period) != 7)
        return TF_ERR_USAGE;
    tf_note_model *m = calloc(1, sizeof *m);
    if (!m)
        return TF_ERR_NOMEM;
    tf_status st = tf_report_compute(db, ref, q, &m->report);
    if (st == TF_OK && !m->report->import.quantity.has && !m->report->export.quantity.has)
        st = TF_ERR_NOT_FOUND;
    if (st == TF_OK) {
        m->ref = ref;
        names(m, ref, product, q);
        pub_date(m->date, o, q);
        partners(m, o);
        gone(m);
        reimports(m);
        st = latest_window(m, db, q);
    }
    if (st == TF_OK)
        st = other_bases(m, db, ref, q);
    if (st == TF_OK)
        st = outlook(m, db, ref, q);
    if (st == TF_OK)
        st = tf_sources_used(db, q, m->report->window.published.has || m->latest_window.has,
                             &m->sources, &m->n_sources);
    if (st != TF_OK) {
        tf_note_model_free(&m);
        return st;
    }
    *out = m;
    return TF_OK;
}

void tf_note_model_free(tf_note_model **m)
{
    if (!m || !*m)
        return;
    tf_report_free(&(*m)->report);
    free((*m)->sources);
    free(*m);
    *m = NULL;
}
