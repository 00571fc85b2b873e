/*
 * Which ingested files a month's figures come from (the store's sources
 * table), with the status and provenance of the rows used: what a note,
 * chart, page or workbook names as its source.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/stats.h"
#include "../common/util.h"


typedef struct src_ctx {
    tf_source_use **list;
    size_t *n_list;
    int window;
    int month, year;             /* the note's month */
    long long *ids;
    size_t n_ids;
    char (*latest)[2][8];        /* tf_sources_charted: per source, the latest month
                                    of its import [0] and export [1] rows, "" none */
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

static tf_source_use *source_for(src_ctx *c, long long id)
{
    for (size_t i = 0; i < c->n_ids; i++)
        if (c->ids[i] == id)
            return &(*c->list)[i];
    long long *ids = realloc(c->ids, (c->n_ids + 1) * sizeof *ids);
    if (ids)
        c->ids = ids;
    tf_source_use *s = realloc(*c->list, (c->n_ids + 1) * sizeof *s);
    if (s)
        *c->list = s;
    if (!ids || !s)
        return NULL;
    c->ids[c->n_ids] = id;
    memset(&s[c->n_ids], 0, sizeof *s);
    *c->n_list = ++c->n_ids;
    return &s[c->n_ids - 1];
}

/* Add each " | "-separated provenance item without its URL, once. */
static void add_publishers(tf_source_use *s, const char *prov)
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

/* The flow and period of a row used, for the order of the list. */
static void note_use(tf_source_use *s, const tf_record *r)
{
    s->flows |= r->flow == TF_FLOW_IMPORT ? 1u : r->flow == TF_FLOW_EXPORT ? 2u : 4u;
    if (!s->first_period[0] || strcmp(r->period, s->first_period) < 0)
        tf_scopy(s->first_period, sizeof s->first_period, r->period);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* The order of tf_sources_used (tradeflow/stats.h). */
static int cmp_use(const void *pa, const void *pb)
{
    const tf_source_use *a = pa, *b = pb;
    int ra = !strcmp(a->format, "plseries") ? 3 : a->flows & 1 ? 0 : a->flows & 2 ? 1 : 2;
    int rb = !strcmp(b->format, "plseries") ? 3 : b->flows & 1 ? 0 : b->flows & 2 ? 1 : 2;
    if (ra != rb)
        return ra - rb;
    int k = strcmp(a->first_period, b->first_period);
    if (!k)
        k = strcmp(base_name(a->name), base_name(b->name));
    return k ? k : strcmp(a->name, b->name);
}

static tf_status count_row(void *ctx, const tf_revision *rev)
{
    src_ctx *c = ctx;
    if (!note_month(c, rev->rec.period))
        return TF_OK;
    tf_source_use *s = source_for(c, rev->source_id);
    if (!s)
        return TF_ERR_NOMEM;
    note_use(s, &rev->rec);
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
            tf_scopy((*c->list)[i].name, sizeof (*c->list)[i].name, info->name);
            tf_scopy((*c->list)[i].format, sizeof (*c->list)[i].format, info->format);
        }
}

/* The published P/L series the window paragraph quotes (its rows are not
 * trade rows: named by format). */
static void window_source(void *ctx, const tf_source_info *info)
{
    src_ctx *c = ctx;
    if (strcmp(info->format, "plseries") != 0 || info->retracted_at[0])
        return;
    tf_source_use *s = source_for(c, info->id);
    if (!s) {
        c->st = TF_ERR_NOMEM;
        return;
    }
    tf_scopy(s->name, sizeof s->name, info->name);
    tf_scopy(s->format, sizeof s->format, info->format);
}

tf_status tf_sources_used(tf_db *db, const tf_query *q, int window, tf_source_use **out,
                          size_t *n)
{
    *out = NULL;
    *n = 0;
    src_ctx c = {.list = out, .n_list = n, .window = window};
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
    if (st == TF_OK && window)
        st = tf_db_sources(db, window_source, &c);
    free(c.ids);
    if (st == TF_OK)
        st = c.st;
    if (st == TF_OK && *n > 1)
        qsort(*out, *n, sizeof **out, cmp_use);
    if (st != TF_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}


/* 1 when item is already one of buf's "; "-separated items. */
static int listed(const char *buf, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = buf; (p = strstr(p, item)); p++)
        if ((p == buf || (p >= buf + 2 && !strncmp(p - 2, "; ", 2))) &&
            (!p[n] || !strncmp(p + n, "; ", 2)))
            return 1;
    return 0;
}

void tf_sources_text(const tf_source_use *in, size_t n, char *buf, size_t len)
{
    buf[0] = '\0';
    tf_source_use *sorted = n > 1 ? malloc(n * sizeof *sorted) : NULL;
    const tf_source_use *s = in;
    if (sorted) { /* else (no memory) in the order given */
        memcpy(sorted, in, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, cmp_use);
        s = sorted;
    }
    for (size_t i = 0; i < n; i++) {
        const char *base = base_name(s[i].name);
        char item[1200];
        if (!strcmp(s[i].format, "plseries"))
            tf_fmt(item, sizeof item, "%s (published import P/L series)", base);
        else if (s[i].publishers[0])
            tf_fmt(item, sizeof item, "%s (%s; compiled from the sources its rows name: %s)",
                   base, s[i].format, s[i].publishers);
        else
            tf_fmt(item, sizeof item, "%s (%s)", base, s[i].format);
        if (listed(buf, item)) /* one file ingested twice (its import rows, its export rows) */
            continue;
        size_t u = strlen(buf);
        tf_fmt(buf + u, len - u, "%s%s", u ? "; " : "", item);
    }
    free(sorted);
}


/* A monthly import or export row of the charts' span: its source's latest
 * month of that flow. */
static tf_status chart_row(void *ctx, const tf_revision *rev)
{
    src_ctx *c = ctx;
    int f = rev->rec.flow == TF_FLOW_IMPORT ? 0 : rev->rec.flow == TF_FLOW_EXPORT ? 1 : -1;
    if (f < 0 || strlen(rev->rec.period) != 7)
        return TF_OK;
    size_t had = c->n_ids;
    tf_source_use *s = source_for(c, rev->source_id);
    if (!s)
        return TF_ERR_NOMEM;
    size_t i = (size_t)(s - *c->list);
    if (c->n_ids > had) {
        char (*l)[2][8] = realloc(c->latest, c->n_ids * sizeof *l);
        if (!l)
            return TF_ERR_NOMEM;
        c->latest = l;
        memset(l[i], 0, sizeof l[i]);
    }
    if (strcmp(rev->rec.period, c->latest[i][f]) > 0)
        tf_scopy(c->latest[i][f], sizeof c->latest[i][f], rev->rec.period);
    note_use(s, &rev->rec);
    add_publishers(s, rev->rec.provenance);
    return TF_OK;
}

/* The Source line of one chart: the files with a row of flows (1 import,
 * 2 export, 3 both) in from..the period, and (flows 7) the P/L series. */
static char *chart_text(const src_ctx *c, const char *from, int flows)
{
    char *buf = malloc(2048);
    tf_source_use *sub = malloc((c->n_ids ? c->n_ids : 1) * sizeof *sub);
    size_t n = 0;
    for (size_t i = 0; buf && sub && i < c->n_ids; i++)
        if (((flows & 1) && c->latest[i][0][0] && strcmp(c->latest[i][0], from) >= 0) ||
            ((flows & 2) && c->latest[i][1][0] && strcmp(c->latest[i][1], from) >= 0) ||
            ((flows & 4) && !strcmp((*c->list)[i].format, "plseries")))
            sub[n++] = (*c->list)[i];
    if (buf)
        tf_sources_text(sub, n, buf, 2048);
    free(sub);
    return sub || !buf ? buf : (free(buf), NULL);
}

tf_status tf_sources_charted(tf_db *db, const tf_query *q, int window, char *out[6])
{
    memset(out, 0, 6 * sizeof *out);
    tf_source_use *list = NULL;
    size_t n = 0;
    src_ctx c = {.list = &list, .n_list = &n};
    if (sscanf(q->period, "%d-%d", &c.year, &c.month) != 2)
        return TF_ERR_USAGE;
    char years[8], recent[8];
    int k = c.year * 12 + c.month - 1 - 23;
    tf_fmt(years, sizeof years, "%04d-01", c.year - 4);
    tf_fmt(recent, sizeof recent, "%04d-%02d", k / 12, k % 12 + 1);
    tf_selection sel = {.classification = q->classification ? q->classification : "HS",
                        .codes = q->codes, .n_codes = q->n_codes,
                        .reporter = q->reporter ? q->reporter : "CHN",
                        .period_from = years, .period_to = q->period, .as_of = q->as_of};
    tf_status st = tf_db_select(db, &sel, chart_row, &c);
    if (st == TF_OK)
        st = tf_db_sources(db, name_source, &c);
    size_t trade = c.n_ids;
    if (st == TF_OK && window && (st = tf_db_sources(db, window_source, &c)) == TF_OK)
        st = c.st;
    if (st == TF_OK && c.n_ids > trade) { /* the P/L series: no trade months */
        char (*l)[2][8] = realloc(c.latest, c.n_ids * sizeof *l);
        if (l) {
            c.latest = l;
            memset(l[trade], 0, (c.n_ids - trade) * sizeof *l);
        } else {
            st = TF_ERR_NOMEM;
        }
    }
    /* by tf_chart_kind: seasonal import, export, net; partners; net import; all */
    static const int flows[6] = {1, 2, 3, 1, 3, 7};
    for (int i = 0; st == TF_OK && i < 6; i++)
        if (!(out[i] = chart_text(&c, i < 3 || i == 5 ? years : recent, flows[i])))
            st = TF_ERR_NOMEM;
    if (st != TF_OK)
        for (int i = 0; i < 6; i++) {
            free(out[i]);
            out[i] = NULL;
        }
    free(c.ids);
    free(c.latest);
    free(list);
    return st;
}
