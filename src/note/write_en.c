/*
 * The English writer: words and rounding only (DOMAIN.md §6, §8); every
 * figure comes from the note model and is recorded as a claim.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "write.h"
#include "../common/util.h"

static const char *const months_en[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};

/* "April 2025" */
static void month_en(char *buf, size_t len, const char *period)
{
    int y = 0, m = 1;
    sscanf(period, "%d-%d", &y, &m);
    tf_fmt(buf, len, "%s %d", months_en[(m - 1) % 12], y);
}

static void t_en(char *buf, size_t len, double t)
{
    char n[48];
    double r = fabs(nd_round_t_en(t));
    if (r >= 1e6) { /* a year's iron ore: "1,188.00 million t", not "1188.00" */
        tf_format_number(n, sizeof n, r / 1e6, 2);
        tf_fmt(buf, len, "%s million t", n);
        return;
    }
    tf_format_number(n, sizeof n, r, 0);
    tf_fmt(buf, len, "%s t", n);
}

/* A quantity claim "about 250,500 t", or "less than 1 t" for a figure under a
 * tonne (nd_under_1t: never "about 0 t"); net figures print their size (the
 * words carry the sign). */
static void put_t(nd *b, const nd_fig *base, double t)
{
    nd_fig f = *base;
    f.field = "quantity";
    f.unit = "t";
    f.exact = t;
    f.value = nd_under_1t(t) ? 1 : nd_round_t_en(t);
    char p[48];
    nd_put(b, nd_under_1t(t) ? "less than " : "about ");
    if (nd_under_1t(t))
        tf_scopy(p, sizeof p, "1 t");
    else
        t_en(p, sizeof p, t);
    nd_claim(b, &f, p);
}

/* "up 12.8%" / "down 3.1%" / "flat" with the claim. */
static void put_pct(nd *b, const nd_fig *base, const char *field, double pct, const char *unit)
{
    double r = nd_round1(pct);
    if (r == 0) {
        nd_put(b, "flat");
        return;
    }
    nd_put(b, "%s ", r > 0 ? "up" : "down");
    nd_pct(b, base, field, pct, !strcmp(unit, "pp") ? " pp" : "%");
}

/* Why a change has no value: the base month is missing, had none, or (a net
 * figure) was of the other sign: "as China was a net importer in March 2017". */
static void why_base(nd *b, const tf_note_model *m, tf_opt base, const char *mon, int neg)
{
    if (!base.has)
        nd_put(b, "%s is missing", mon);
    else if (base.v == 0)
        nd_put(b, "%s had none", mon);
    else /* a change is given on a net import base only (DOMAIN.md §2) */
        nd_put(b, "%s was a net %s in %s%s", m->reporter_en, base.v > 0 ? "importer" : "exporter",
               mon, base.v < 0 && neg ? " too" : "");
}

/* The missing comparisons said once: "no YoY comparison, as April 2024 is
 * missing"; "no MoM or YoY comparison, as March 2024 and April 2023 are missing". */
static void why_none(nd *b, const tf_note_model *m, const tf_flow_figures *fl, const char *period,
                     int neg)
{
    char pm[8], py[8], mm[32], my[32];
    nd_period(pm, period, 1);
    nd_period(py, period, 12);
    month_en(mm, sizeof mm, pm);
    month_en(my, sizeof my, py);
    int nm = !fl->mom_pct.has, ny = !fl->yoy_pct.has;
    if (nm && ny && !fl->prev_month.has && !fl->year_ago.has) {
        nd_put(b, "; no MoM or YoY comparison, as %s and %s are missing", mm, my);
        return;
    }
    if (nm && ny && fl->prev_month.has && fl->year_ago.has &&
        ((fl->prev_month.v > 0 && fl->year_ago.v > 0) ||
         (fl->prev_month.v < 0 && fl->year_ago.v < 0))) {
        nd_put(b, "; no MoM or YoY comparison, as %s was a net %s in %s and %s%s",
               m->reporter_en, fl->prev_month.v > 0 ? "importer" : "exporter", mm, my,
               fl->prev_month.v < 0 && neg ? " too" : "");
        return;
    }
    if (nm) {
        nd_put(b, "; no MoM comparison, as ");
        why_base(b, m, fl->prev_month, mm, neg);
    }
    if (ny) {
        nd_put(b, "; no YoY comparison, as ");
        why_base(b, m, fl->year_ago, my, neg);
    }
}

/* ", up 12.8% MoM and 14.6% YoY" with the missing ones said once. */
static void changes(nd *b, const tf_note_model *m, const nd_fig *base, const tf_flow_figures *fl,
                    int neg)
{
    if (fl->mom_pct.has) {
        nd_put(b, ", ");
        put_pct(b, base, "mom_pct", fl->mom_pct.v, "%");
        nd_put(b, " MoM");
    }
    if (fl->yoy_pct.has) {
        int same = fl->mom_pct.has && nd_round1(fl->mom_pct.v) != 0 &&
                   nd_round1(fl->yoy_pct.v) != 0 &&
                   (nd_round1(fl->mom_pct.v) > 0) == (nd_round1(fl->yoy_pct.v) > 0);
        nd_put(b, fl->mom_pct.has ? " and " : ", ");
        if (same) /* "up 12.8% MoM and 14.6% YoY": one direction word */
            nd_pct(b, base, "yoy_pct", fl->yoy_pct.v, "%");
        else
            put_pct(b, base, "yoy_pct", fl->yoy_pct.v, "%");
        nd_put(b, " YoY");
    }
    why_none(b, m, fl, m->report->period, neg);
}

/* " From January to April 2025, cumulative imports were about 833,500 t, down
 * 11.3% YoY." or why there is none. */
static void ytd_sentence(nd *b, const tf_note_model *m, const tf_flow_figures *fl,
                         const char *metric, const char *label)
{
    const tf_report *r = m->report;
    char mon[32], ytd[20], f1[256];
    month_en(mon, sizeof mon, r->period);
    nd_ytd(ytd, r->period);
    if (!strcmp(r->period + 5, "01"))
        return;
    if (!fl->ytd.has) {
        nd_put(b, " No cumulative figure for January to %s, as a month of it is missing.", mon);
        return;
    }
    tf_fmt(f1, sizeof f1, "sum of %s over %s", metric, ytd);
    nd_fig y = {.metric = metric, .period = ytd, .formula = f1};
    int yneg = !strcmp(metric, "net_import") && fl->ytd.v < 0;
    nd_put(b, " From %s to %s, cumulative %s were ", months_en[0], mon,
           yneg ? "net exports" : label);
    put_t(b, &y, fl->ytd.v);
    if (fl->ytd_yoy_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (YTD %s / YTD %s of the year before - 1)", ytd, metric);
        nd_put(b, ", ");
        put_pct(b, &y, "yoy_pct", fl->ytd_yoy_pct.v, "%");
        nd_put(b, " YoY");
    } else if (!fl->ytd_prev.has)
        nd_put(b, "; no YoY comparison, as the same period of the year before is incomplete");
    else if (fl->ytd_prev.v == 0)
        nd_put(b, "; no YoY comparison, as the same period of the year before had none");
    else
        nd_put(b, "; no YoY comparison, as %s was a net %s in the same period of the year "
                  "before%s", m->reporter_en, fl->ytd_prev.v > 0 ? "importer" : "exporter",
               yneg && fl->ytd_prev.v < 0 ? " too" : "");
    nd_put(b, ".");
}

/* A month without the flow: "Exports: no export data for March 2024."; net
 * imports without one of their flows: why there is no figure. */
static void flow_missing(nd *b, const tf_note_model *m, int which, const char *label,
                         const char *mon)
{
    const tf_report *r = m->report;
    if (which < 2)
        nd_put(b, "%c%s: no %s data for %s.", label[0] - 32, label + 1,
               which == 0 ? "import" : "export", mon);
    else if (r->import.quantity.has != r->export.quantity.has)
        nd_put(b, "Net imports: no figure for %s, as its %s data are missing.", mon,
               r->import.quantity.has ? "export" : "import");
}

static void flow_para(nd *b, const tf_note_model *m, int which)
{
    const tf_report *r = m->report;
    const tf_flow_figures *fl = which == 0 ? &r->import : which == 1 ? &r->export : &r->net_import;
    const char *metric = which == 0 ? "import" : which == 1 ? "export" : "net_import";
    const char *label = which == 0 ? "imports" : which == 1 ? "exports" : "net imports";
    char mon[32], f1[256];
    month_en(mon, sizeof mon, r->period);
    nd_para(b);
    if (!fl->quantity.has) {
        flow_missing(b, m, which, label, mon);
        nd_end(b);
        return;
    }
    int neg = which == 2 && fl->quantity.v < 0;
    tf_fmt(f1, sizeof f1, which == 2 ? "import(%s) - export(%s), t" : "sum of %s rows of %s, kg / 1000",
           which == 2 ? r->period : metric, r->period);
    nd_fig f = {.metric = metric, .period = r->period, .formula = f1};
    if (which == 2 && nd_round_t(fl->quantity.v) == 0) {
        /* under half a tonne either way: no "about 0 t", no change on it */
        nd_put(b, "Net trade: %s's imports and exports of %s were almost exactly balanced in %s, "
                  "leaving net trade close to zero.", m->reporter_en, m->product_en, mon);
        ytd_sentence(b, m, fl, metric, label);
        nd_end(b);
        return;
    }
    if (neg)
        nd_put(b, "Net exports: %s was a net exporter of %s in %s, with net exports of ",
               m->reporter_en, m->product_en, mon);
    else if (which == 2)
        nd_put(b, "Net imports: %s's net imports of %s were ", m->reporter_en,
               m->product_en);
    else
        nd_put(b, "%c%s: %s's %s %s were ", label[0] - 32, label + 1, m->reporter_en,
               m->product_en_attr, label);
    put_t(b, &f, fl->quantity.v);
    if (!neg)
        nd_put(b, " in %s", mon);
    tf_fmt(f1, sizeof f1, "100 * (%s(%s) / %s(base) - 1), base = %s(m-1) or %s(m-12)", metric,
           r->period, metric, metric, metric);
    changes(b, m, &f, fl, neg);
    nd_put(b, ".");
    ytd_sentence(b, m, fl, metric, label);
    nd_end(b);
}

static void hs_para(nd *b, const tf_note_model *m)
{
    const tf_report *r = m->report;
    nd_para(b);
    nd_put(b, "(The figures are for HS code%s ", r->n_codes > 1 ? "s" : "");
    for (size_t i = 0; i < r->n_codes; i++)
        nd_put(b, "%s%s", i == 0 ? "" : i + 1 == r->n_codes ? " and " : ", ", r->codes[i]);
    nd_put(b, ".)");
    nd_end(b);
}

/* English partner name: data/partners.csv, else the name the data gave. */
/* Whether an English country name takes "the" in running text: "the United
 * States", "the Netherlands", "the Solomon Islands", "the Czech Republic". */
static int takes_the(const char *n)
{
    static const char *const lead[] = {"United ", "Republic ", "Democratic ", "Federated ", NULL};
    static const char *const whole[] = {"Netherlands", "Philippines", "Bahamas", "Maldives",
                                        "Comoros", "Gambia", "Russian Federation", NULL};
    size_t l = strlen(n);
    for (size_t k = 0; lead[k]; k++)
        if (!strncmp(n, lead[k], strlen(lead[k])))
            return 1;
    for (size_t k = 0; whole[k]; k++)
        if (!strcmp(n, whole[k]))
            return 1;
    return strstr(n, " Republic") != NULL ||
           (l > 8 && !strcmp(n + l - 8, " Islands"));
}

/* English partner name (data/partners.csv, else the name the data gave) as
 * running text writes it: "the United States"; cap at a sentence start. */
static const char *pname_in(char *buf, size_t len, const tf_partner_figures *p, int cap)
{
    const char *n = p->name[0] ? p->name : p->partner;
    tf_fmt(buf, len, "%s%s", takes_the(n) ? (cap ? "The " : "the ") : "", n);
    return buf;
}

static void partner_sentence(nd *b, const tf_note_model *m, const tf_partner_figures *p,
                             int first)
{
    const tf_report *r = m->report;
    char mon[32], pm[8], pmon[32], f1[256];
    month_en(mon, sizeof mon, r->period);
    nd_period(pm, r->period, 1);
    month_en(pmon, sizeof pmon, pm);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s in %s, kg / 1000", p->partner, r->period);
    nd_fig f = {.metric = "import", .partner = p->partner,
                .basis = r->import_breakdown.partner_basis, .period = r->period, .formula = f1};
    char pn[160];
    nd_put(b, " Imports from %s were ", pname_in(pn, sizeof pn, p, 0));
    put_t(b, &f, p->quantity);
    if (first) /* the next partners' sentences carry the month on */
        nd_put(b, " in %s", mon);
    if (first && p->mom_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (import(%s, %s) / import(%s, %s) - 1)", p->partner,
               r->period, p->partner, pm);
        nd_put(b, ", ");
        put_pct(b, &f, "mom_pct", p->mom_pct.v, "%");
        nd_put(b, " MoM");
    }
    if (p->share_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * import(%s, %s) / import(WLD, %s)", p->partner, r->period,
               r->period);
        nd_put(b, ", or ");
        nd_pct(b, &f, "share_pct", p->share_pct.v, "%");
        if (first)
            nd_put(b, " of %s imports", mon);
        else
            nd_put(b, " of the total");
        if (first && p->share_change_pp.has && !p->mom_pct.has)
            /* a share change on a month with none is the share itself: say so */
            nd_put(b, " (a new source: none in %s)", pmon);
        else if (first && p->share_change_pp.has) {
            tf_fmt(f1, sizeof f1, "share(%s, %s) - share(%s, %s), pp", p->partner, r->period,
                   p->partner, pm);
            nd_fig c = f;
            nd_put(b, " (");
            put_pct(b, &c, "share_change_pp", p->share_change_pp.v, "pp");
            nd_put(b, " from %s)", pmon);
        }
    }
    nd_put(b, ".");
}

/* A large source of the year with nothing in the month (tf_note_model.gone): " No
 * imports came from the United States in October 2025. From January to October 2025,
 * imports from the United States were about 16.82 million t, up 11.5% YoY, or 18.3% of
 * the total." */
static void gone_sentence(nd *b, const tf_note_model *m, const tf_partner_figures *p)
{
    const tf_report *r = m->report;
    char mon[32], ytd[20], f1[256], pn[160];
    month_en(mon, sizeof mon, r->period);
    nd_ytd(ytd, r->period);
    pname_in(pn, sizeof pn, p, 0);
    nd_put(b, " No imports came from %s in %s.", pn, mon);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s over %s, kg / 1000", p->partner, ytd);
    nd_fig f = {.metric = "import", .partner = p->partner,
                .basis = r->import_breakdown.partner_basis, .period = ytd, .formula = f1};
    nd_put(b, " From %s to %s, imports from %s were ", months_en[0], mon, pn);
    put_t(b, &f, p->ytd.v);
    if (p->ytd_yoy_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (import(%s, %s) / the same months a year before - 1)",
               p->partner, ytd);
        nd_put(b, ", ");
        put_pct(b, &f, "yoy_pct", p->ytd_yoy_pct.v, "%");
        nd_put(b, " YoY");
    }
    tf_fmt(f1, sizeof f1, "100 * import(%s, %s) / import(WLD, %s)", p->partner, ytd, ytd);
    nd_put(b, ", or ");
    nd_pct(b, &f, "share_pct", p->ytd_share_pct.v, "%");
    nd_put(b, " of the total.");
}

static const char *basis_words(const char *basis)
{
    return !strcmp(basis, "origin")        ? "by origin of the goods"
           : !strcmp(basis, "consignment") ? "by country of consignment"
                                           : "by trading partner";
}

/* The top partner on another basis: same month, that basis in both the
 * partner figure and its total. */
static void basis_sentence(nd *b, const tf_note_model *m, const tf_note_basis *nb)
{
    const tf_report *r = m->report;
    const tf_partner_figures *p = &nb->top;
    char mon[32], f1[256];
    month_en(mon, sizeof mon, r->period);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s on basis %s in %s, kg / 1000", p->partner,
           nb->basis, r->period);
    nd_fig f = {.metric = "import", .partner = p->partner, .basis = nb->basis,
                .period = r->period, .formula = f1};
    char pn[160];
    nd_put(b, " Counted %s instead, the top source was %s, with ", basis_words(nb->basis),
           pname_in(pn, sizeof pn, p, 0));
    put_t(b, &f, p->quantity);
    nd_put(b, " in %s", mon);
    if (p->share_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * import(%s, %s, %s) / import(WLD, %s)", p->partner,
               nb->basis, r->period, r->period);
        nd_put(b, ", or ");
        nd_pct(b, &f, "share_pct", p->share_pct.v, "%");
        nd_put(b, " of %s imports", mon);
    }
    nd_put(b, ".");
}

static void sources_para(nd *b, const tf_note_model *m)
{
    const tf_report *r = m->report;
    const tf_breakdown *bd = &r->import_breakdown;
    if (m->n_named == 0)
        return;
    char mon[32];
    month_en(mon, sizeof mon, r->period);
    nd_para(b);
    nd_put(b, "Sources: ");
    char pn[160];
    if (m->n_named == 1)
        nd_put(b, "%s was the %s source of %s's %s imports in %s.",
               pname_in(pn, sizeof pn, &bd->partners[0], 1),
               bd->n_partners_all == 1 ? "only recorded" : "main",
               m->reporter_en, m->product_en_attr, mon);
    else {
        nd_put(b, "the main sources of %s's %s imports in %s were, in order, ", m->reporter_en,
               m->product_en_attr, mon);
        for (size_t i = 0; i < m->n_named; i++)
            nd_put(b, "%s%s", i == 0 ? "" : i + 1 == m->n_named ? " and " : ", ",
                   pname_in(pn, sizeof pn, &bd->partners[i], 0));
        nd_put(b, ".");
    }
    for (size_t i = 0; i < m->n_named; i++)
        if (!nd_is_reimport(m, &bd->partners[i]))
            partner_sentence(b, m, &bd->partners[i], i == 0);
    for (size_t i = 0; i < m->n_gone; i++)
        gone_sentence(b, m, m->gone[i]);
    if (bd->partner_basis[0])
        nd_put(b, " Partners are as the data records them (%s).", bd->partner_basis);
    for (size_t i = 0; i < m->n_other_basis; i++)
        basis_sentence(b, m, &m->other_basis[i]);
    nd_end(b);
}

/* Re-imports: the report's figures (tf_re_flow), the reporter as its own
 * partner; claimed as the imports from that partner, as the audit reads them. */
static void reimport_para(nd *b, const tf_note_model *m)
{
    const tf_re_flow *rm = m->reimports;
    if (!rm)
        return;
    const tf_report *r = m->report;
    const char *rep = r->reporter;
    char mon[32], f1[256];
    month_en(mon, sizeof mon, r->period);
    nd_para(b);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s in %s, kg / 1000", rep, r->period);
    nd_fig f = {.metric = "import", .partner = rep,
                .basis = r->import_breakdown.partner_basis, .period = r->period, .formula = f1};
    nd_put(b, "Re-imports: imports from %s itself were ", m->reporter_en);
    put_t(b, &f, rm->quantity.v);
    nd_put(b, " in %s", mon);
    if (rm->mom_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (import(%s, m) / import(%s, m-1) - 1)", rep, rep);
        nd_put(b, ", ");
        put_pct(b, &f, "mom_pct", rm->mom_pct.v, "%");
        nd_put(b, " MoM");
    }
    if (rm->share_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * import(%s, %s) / import(WLD, %s)", rep, r->period,
               r->period);
        nd_put(b, ", or ");
        nd_pct(b, &f, "share_pct", rm->share_pct.v, "%");
        nd_put(b, " of %s imports", mon);
        char pm[8], pmon[32];
        nd_period(pm, r->period, 1);
        month_en(pmon, sizeof pmon, pm);
        if (rm->share_change_pp.has && !rm->mom_pct.has)
            nd_put(b, " (none in %s)", pmon); /* a zero base: the share change is the share */
        else if (rm->share_change_pp.has) {
            tf_fmt(f1, sizeof f1, "share(%s, %s) - share(%s, %s), pp", rep, r->period, rep, pm);
            nd_put(b, " (");
            put_pct(b, &f, "share_change_pp", rm->share_change_pp.v, "pp");
            nd_put(b, " from %s)", pmon);
        }
    }
    nd_put(b, ". These are goods recorded as originating in %s that came back; for a metal, usually "
              "metal smelted abroad from raw material %s had exported.",
           m->reporter_en, m->reporter_en);
    nd_end(b);
}

static const char *mode_name(char *buf, size_t len, const tf_mode_figures *md)
{
    tf_scopy(buf, len, md->name[0] ? md->name : md->code);
    if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* One mode: "shipments of about 588 t (40.8%, up 2.7 pp on May 2020) went under
 * general trade"; after the first of a list "shipments of about 441 t (30.6%, up
 * 13.1 pp) under processing with imported materials"; in the lead list a new mode
 * says so ("shipments of about 49 t (6.5%, new this month) under barter trade").
 * Every figure comes right after "shipments" and the mode after "under": the
 * audit reads it as a part of the month's imports, even after a mode whose name
 * holds "import" ("equipment imported into ...", which a bare "about 3 t" after it
 * would be read as the month's imports). */
static void mode_item(nd *b, const tf_report *r, const tf_mode_figures *md, const char *pmon,
                      int first, int lead)
{
    char f1[256], name[96], pm[8];
    nd_period(pm, r->period, 1);
    tf_fmt(f1, sizeof f1, "sum of import rows of trade mode %s in %s, kg / 1000", md->code,
           r->period);
    nd_fig f = {.metric = "trade_mode", .trade_mode = md->code, .period = r->period,
                .formula = f1};
    nd_put(b, "shipments of ");
    put_t(b, &f, md->quantity);
    if (md->share_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * mode(%s, %s) / import(WLD, %s)", md->code, r->period,
               r->period);
        nd_put(b, " (");
        nd_pct(b, &f, "share_pct", md->share_pct.v, "%");
        if (md->is_new && lead)
            nd_put(b, ", new this month");
        else if (!md->is_new && md->share_change_pp.has) {
            tf_fmt(f1, sizeof f1, "share of mode %s in %s - in %s, pp", md->code, r->period, pm);
            nd_put(b, ", ");
            put_pct(b, &f, "share_change_pp", md->share_change_pp.v, "pp");
            if (first)
                nd_put(b, " on %s", pmon);
        }
        nd_put(b, ")");
    }
    nd_put(b, "%s under %s", first ? " went" : "", mode_name(name, sizeof name, md));
}

/* The modes of a list joined: "a, b and c". */
static void list_sep(nd *b, size_t i, size_t n)
{
    nd_put(b, "%s", i == 0 ? "" : i + 1 == n ? " and " : ", ");
}

/* Modes new this month: those of half a tonne or more with their figures,
 * the others named ("two more modes with less than half a tonne each"). */
static void new_modes(nd *b, const tf_report *r, const tf_breakdown *bd, size_t from,
                      const char *pmon)
{
    size_t big = 0, small = 0, k = 0;
    for (size_t i = from; i < bd->n_modes; i++)
        if (bd->modes[i].is_new)
            nd_round_t(bd->modes[i].quantity) > 0 ? big++ : small++;
    if (big) {
        nd_put(b, " New this month: ");
        for (size_t i = from; i < bd->n_modes; i++)
            if (bd->modes[i].is_new && nd_round_t(bd->modes[i].quantity) > 0) {
                list_sep(b, k, big);
                mode_item(b, r, &bd->modes[i], pmon, k++ == 0, 0);
            }
        nd_put(b, ".");
    }
    if (small) {
        char name[96];
        static const char *const count[] = {"", "One", "Two", "Three", "Four", "Five"};
        k = 0;
        nd_put(b, " %s%s %s new with less than half a tonne%s: ",
               small < 6 ? count[small] : "Several", big ? " more" : "",
               small == 1 ? "mode was" : "modes were", small == 1 ? "" : " each");
        for (size_t i = from; i < bd->n_modes; i++)
            if (bd->modes[i].is_new && nd_round_t(bd->modes[i].quantity) == 0) {
                list_sep(b, k++, small);
                nd_put(b, "%s", mode_name(name, sizeof name, &bd->modes[i]));
            }
        nd_put(b, ".");
    }
}

static void modes_para(nd *b, const tf_note_model *m)
{
    const tf_report *r = m->report;
    const tf_breakdown *bd = &r->import_breakdown;
    if (bd->n_modes == 0)
        return;
    char pm[8], pmon[32], f1[256], name[96];
    nd_period(pm, r->period, 1);
    month_en(pmon, sizeof pmon, pm);
    nd_para(b);
    nd_put(b, "Trade modes: ");
    size_t n = bd->n_modes < 4 ? bd->n_modes : 4;
    for (size_t i = 0; i < n; i++) {
        list_sep(b, i, n);
        mode_item(b, r, &bd->modes[i], pmon, i == 0, 1);
    }
    nd_put(b, ".");
    new_modes(b, r, bd, n, pmon);
    for (size_t i = 0; i < bd->n_vanished_modes; i++) {
        const tf_mode_figures *md = &bd->vanished_modes[i];
        tf_fmt(f1, sizeof f1, "sum of import rows of trade mode %s in %s, kg / 1000", md->code, pm);
        nd_fig f = {.metric = "trade_mode", .trade_mode = md->code, .period = pm, .formula = f1};
        nd_put(b, " None went under %s this month, against shipments of ",
               mode_name(name, sizeof name, md));
        put_t(b, &f, md->prev_quantity.v);
        nd_put(b, " in %s.", pmon);
    }
    nd_end(b);
}

static void stat_sentence(nd *b, const tf_report *r, const tf_window_stat *w, const char *what)
{
    char mon[32], f1[256], pr[48], n[32];
    month_en(mon, sizeof mon, r->period);
    tf_fmt(f1, sizeof f1, "mean of the %d daily %s spot import P/L figures of %s, CNY/t", w->days,
           what, r->period);
    nd_fig f = {.metric = "window", .field = "pl", .unit = "CNY/t", .period = r->period,
                .formula = f1, .exact = w->average_pl, .value = floor(w->average_pl + 0.5)};
    tf_format_number(n, sizeof n, fabs(f.value), 0);
    tf_fmt(pr, sizeof pr, "%s yuan/t", n);
    nd_put(b, " The %s spot import %s averaged ", what, f.value < 0 ? "loss" : "profit");
    nd_claim(b, &f, pr);
    if (w->days_open == 0)
        nd_put(b, " in %s, with the window closed on every one of its %d days.", mon, w->days);
    else if (w->days_open == w->days)
        nd_put(b, " in %s, with the window open on every one of its %d days.", mon, w->days);
    else if (!strcmp(w->status, "open"))
        nd_put(b, " in %s; the window was open on average, and on %d of its %d days.", mon,
               w->days_open, w->days);
    else
        nd_put(b, " in %s; the window opened on %d of its %d days but stayed %s on average.",
               mon, w->days_open, w->days, w->status);
}

static void window_para(nd *b, const tf_note_model *m)
{
    const tf_report *r = m->report;
    const tf_window_month *w = &r->window;
    if (!w->published.has && !w->computed.has && !m->latest_window.has)
        return;
    nd_para(b);
    nd_put(b, "Import window:");
    if (w->published.has)
        stat_sentence(b, r, &w->published, "published");
    if (w->computed.has)
        stat_sentence(b, r, &w->computed, "computed");
    if (m->latest_window.has) {
        char f1[128], pr[48], n[32];
        nd_fig f = nd_latest_window(m, f1, sizeof f1);
        tf_format_number(n, sizeof n, fabs(f.value), 0);
        tf_fmt(pr, sizeof pr, "%s yuan/t", n);
        nd_put(b, " The latest published level is a %s of ", f.value < 0 ? "loss" : "profit");
        nd_claim(b, &f, pr);
        nd_put(b, " (%s).", m->latest_window.date);
    }
    nd_end(b);
}

/* "Imports are expected at about 235,400 t in May 2025, give or take 37,000 t, ...". */
static void forecast_sentence(nd *b, const tf_note_model *m, const tf_note_forecast *f, int net,
                              const char *method)
{
    const char *o = m->outlook.period, *metric = net ? "forecast_net_import" : "forecast_import";
    char mon[32], f1[256], p[48];
    month_en(mon, sizeof mon, o);
    nd_forecast_formula(f1, sizeof f1, f, net ? "net_import" : "import", m, o);
    nd_fig x = {.metric = metric, .partner = "WLD", .period = o, .formula = f1};
    nd_put(b, " %s are expected at ", !net ? "Imports" : f->point.v < 0 ? "Net exports"
                                                                         : "Net imports");
    put_t(b, &x, f->point.v);
    nd_put(b, " in %s", mon);
    if (f->mae.has) {
        nd_fig e = x;
        e.field = "mae";
        e.unit = "t";
        e.exact = f->mae.v;
        e.value = nd_round_t_en(f->mae.v);
        t_en(p, sizeof p, f->mae.v);
        nd_put(b, ", give or take ");
        nd_claim(b, &e, p);
        char m1[32], m2[32];
        month_en(m1, sizeof m1, f->from);
        month_en(m2, sizeof m2, f->to);
        nd_put(b, " (the method's mean absolute error over a backtest of %d month%s, %s to "
               "%s).", f->n_backtest, f->n_backtest == 1 ? "" : "s", m1, m2);
    } else
        nd_put(b, "; the method has no backtest record yet.");
    if (method)
        nd_put(b, " %s: %s.", net && !strcmp(method, "Method of both forecasts") ? method
                                                                                  : "Method",
               f->method_en);
}

/* The forecast of the month after the note's, as the outlook module made it
 * (also tf_outlook_paragraph's, the outlook command's "In a note:"). */
void tf_note_write_outlook_en(nd *b, const tf_note_model *m)
{
    if (!m->outlook.has)
        return;
    nd_para(b);
    nd_put(b, "Outlook:");
    const tf_note_forecast *i = &m->outlook.import, *n = &m->outlook.net_import;
    int same = i->has && n->has && !strcmp(i->method_en, n->method_en);
    if (i->has)
        forecast_sentence(b, m, i, 0, same ? NULL : "Method");
    if (n->has)
        forecast_sentence(b, m, n, 1, same ? "Method of both forecasts" : "Method");
    nd_end(b);
}

/* The files the figures came from: one "Data:" label for the trade files,
 * separated by "; " (with several files, a file's row sources go inside its
 * brackets so that the list stays readable), then the P/L series. */
static void data_para(nd *b, const tf_note_model *m)
{
    size_t n_trade = 0, k = 0;
    for (size_t i = 0; i < m->n_sources; i++)
        n_trade += strcmp(m->sources[i].format, "plseries") != 0;
    nd_para(b);
    for (size_t i = 0; i < m->n_sources; i++) {
        const tf_note_source *s = &m->sources[i];
        const char *base = strrchr(s->name, '/');
        base = base ? base + 1 : s->name;
        if (!strcmp(s->format, "plseries"))
            continue;
        char nr[32], nd_[32];
        tf_format_number(nr, sizeof nr, (double)s->reported, 0);
        tf_format_number(nd_, sizeof nd_, (double)(s->derived + s->estimated), 0);
        nd_put(b, "%s%s (%s; %s rows reported, %s derived", k++ ? "; " : "Data: ", base,
               s->format, nr, nd_);
        if (s->publishers[0])
            nd_put(b, "%s compiled from the sources its rows name: %s", n_trade > 1 ? ";" : "),",
                   s->publishers);
        nd_put(b, "%s", n_trade > 1 || !s->publishers[0] ? ")" : "");
    }
    if (k)
        nd_put(b, ".");
    for (size_t i = 0; i < m->n_sources; i++) {
        const tf_note_source *s = &m->sources[i];
        const char *base = strrchr(s->name, '/');
        if (!strcmp(s->format, "plseries"))
            nd_put(b, "%sImport P/L: %s (the published series).", k++ ? " " : "",
                   base ? base + 1 : s->name);
    }
    nd_end(b);
}

void tf_note_write_en(nd *b, const tf_note_model *m)
{
    char mon[32];
    month_en(mon, sizeof mon, m->report->period);
    nd_para(b);
    nd_put(b, "%s %s trade, %s", m->reporter_en, m->product_en_attr, mon);
    nd_end(b);
    for (int k = 0; k < 3; k++)
        flow_para(b, m, k);
    hs_para(b, m);
    sources_para(b, m);
    reimport_para(b, m);
    modes_para(b, m);
    window_para(b, m);
    tf_note_write_outlook_en(b, m);
    data_para(b, m);
}
