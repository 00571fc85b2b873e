/*
 * The note model: the facts of one product and month, from the statistics
 * (tf_report_compute) and the store (sources, latest import window level).
 * No sentence and no arithmetic on the figures here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "tradeflow/note.h"
#include "../common/util.h"

/* ---- names ---- */

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
    m->reimport = -1;
    for (size_t i = 0; i < b->n_partners; i++)
        if (!strcmp(b->partners[i].partner, m->report->reporter))
            m->reimport = (int)i;
    m->n_named = b->n_partners < want ? b->n_partners : want;
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

/* ---- sources of the figures ---- */

typedef struct src_ctx {
    tf_note_model *m;
    int month, year;             /* the note's month */
    long long *ids;
    size_t n_ids;
    tf_status st;
} src_ctx;

/* A month that makes one of the note's figures: m, m-1, m-12, or Jan..m of
 * this year or the year before. */
static int note_month(const src_ctx *c, const char *period)
{
    int y, mo;
    if (sscanf(period, "%d-%d", &y, &mo) != 2)
        return 0;
    int k = y * 12 + mo - 1, km = c->year * 12 + c->month - 1;
    if (k == km || k == km - 1 || k == km - 12)
        return 1;
    return (y == c->year || y == c->year - 1) && mo <= c->month;
}

static tf_note_source *source_for(src_ctx *c, long long id)
{
    for (size_t i = 0; i < c->n_ids; i++)
        if (c->ids[i] == id)
            return &c->m->sources[i];
    long long *ids = realloc(c->ids, (c->n_ids + 1) * sizeof *ids);
    if (ids)
        c->ids = ids;
    tf_note_source *s = realloc(c->m->sources, (c->n_ids + 1) * sizeof *s);
    if (s)
        c->m->sources = s;
    if (!ids || !s)
        return NULL;
    c->ids[c->n_ids] = id;
    memset(&s[c->n_ids], 0, sizeof *s);
    c->m->n_sources = ++c->n_ids;
    return &s[c->n_ids - 1];
}

/* Add each " | "-separated provenance item without its URL, once. */
static void add_publishers(tf_note_source *s, const char *prov)
{
    const char *p = prov;
    while (*p) {
        const char *bar = strstr(p, " | ");
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        size_t k = 0;
        while (k < n && strncmp(p + k, "http", 4))
            k++;
        while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == ','))
            k--;
        char item[160];
        tf_copy(item, sizeof item, p, k);
        size_t used = strlen(s->publishers);
        if (item[0] && !strstr(s->publishers, item) &&
            used + strlen(item) + 3 < sizeof s->publishers)
            tf_fmt(s->publishers + used, sizeof s->publishers - used, "%s%s",
                   used ? "; " : "", item);
        p = bar ? bar + 3 : p + n;
    }
}

static tf_status count_row(void *ctx, const tf_revision *rev)
{
    src_ctx *c = ctx;
    if (!note_month(c, rev->rec.period))
        return TF_OK;
    tf_note_source *s = source_for(c, rev->source_id);
    if (!s)
        return TF_ERR_NOMEM;
    if (!strcmp(rev->rec.status, "derived"))
        s->derived++;
    else if (!strcmp(rev->rec.status, "estimated"))
        s->estimated++;
    else
        s->reported++;
    add_publishers(s, rev->rec.provenance);
    return TF_OK;
}

static void name_source(void *ctx, const tf_source_info *info)
{
    src_ctx *c = ctx;
    for (size_t i = 0; i < c->n_ids; i++)
        if (c->ids[i] == info->id) {
            tf_scopy(c->m->sources[i].name, sizeof c->m->sources[i].name, info->name);
            tf_scopy(c->m->sources[i].format, sizeof c->m->sources[i].format, info->format);
        }
}

/* The published P/L series the window paragraph quotes (its rows are not
 * trade rows: named by format). */
static void window_source(void *ctx, const tf_source_info *info)
{
    src_ctx *c = ctx;
    if (strcmp(info->format, "plseries") != 0 || info->retracted_at[0])
        return;
    tf_note_source *s = source_for(c, info->id);
    if (!s) {
        c->st = TF_ERR_NOMEM;
        return;
    }
    tf_scopy(s->name, sizeof s->name, info->name);
    tf_scopy(s->format, sizeof s->format, info->format);
}

static tf_status sources(tf_note_model *m, tf_db *db, const tf_query *q)
{
    src_ctx c = {.m = m};
    sscanf(q->period, "%d-%d", &c.year, &c.month);
    char from[8];
    tf_fmt(from, sizeof from, "%04d-01", c.year - 1);
    tf_selection sel = {0};
    sel.classification = q->classification ? q->classification : "HS";
    sel.codes = q->codes;
    sel.n_codes = q->n_codes;
    sel.reporter = q->reporter ? q->reporter : "CHN";
    sel.period_from = from;
    sel.period_to = q->period;
    sel.as_of = q->as_of;
    tf_status st = tf_db_select(db, &sel, count_row, &c);
    if (st == TF_OK)
        st = tf_db_sources(db, name_source, &c);
    if (st == TF_OK && (m->report->window.published.has || m->latest_window.has))
        st = tf_db_sources(db, window_source, &c);
    free(c.ids);
    return st != TF_OK ? st : c.st;
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
        st = latest_window(m, db, q);
    }
    if (st == TF_OK)
        st = other_bases(m, db, ref, q);
    if (st == TF_OK)
        st = sources(m, db, q);
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
