/*
 * The Chinese writer: the same facts as the English note, worded as Chinese
 * notes are (DOMAIN.md §8): 万吨 to two decimals from 10,000 t, else 吨;
 * 环比/同比 增长/下降/持平; 占比; 个百分点; 净进口/净出口.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "write.h"
#include "../common/util.h"
#include "../common/terms_zh.h"

static void month_zh(char *buf, size_t len, const char *period)
{
    tf_zh_month(buf, len, period); /* the charts' months too (terms_zh.h) */
}

/* 约25.05万吨 from 10,000 t (to 100 t, as the English note), else 约2,300吨; 不足1吨
 * for a figure under a tonne (nd_under_1t: never 约0吨). about 0: without 约 (a
 * forecast's error, 误差±3.2万吨). */
static void put_t(nd *b, const nd_fig *base, double t, int about)
{
    nd_fig f = *base;
    f.field = "quantity";
    f.unit = "t";
    f.exact = t;
    f.value = nd_under_1t(t) ? 1 : nd_round_t(t);
    char p[48];
    if (nd_under_1t(t))
        nd_put(b, "不足");
    else if (about)
        nd_put(b, "约");
    if (nd_under_1t(t))
        tf_scopy(p, sizeof p, "1吨");
    else if (fabs(f.value) >= 10000)
        tf_fmt(p, sizeof p, "%.2f万吨", fabs(f.value) / 10000);
    else
        tf_fmt(p, sizeof p, "%.0f吨", fabs(f.value));
    nd_claim(b, &f, p);
}

static void put_pct(nd *b, const nd_fig *base, const char *word, const char *field, double pct)
{
    double r = nd_round1(pct);
    if (r == 0) {
        nd_put(b, "%s持平", word);
        return;
    }
    nd_put(b, "%s%s", word, r > 0 ? "增长" : "下降");
    nd_pct(b, base, field, pct, "%");
}

/* Why the base of a change gives none: missing, zero, or (a net figure) of
 * the other sign ("2017年3月为净进口"). */
static void why_base(nd *b, tf_opt base, const char *mon, int neg)
{
    if (!base.has)
        nd_put(b, "%s数据缺失", mon);
    else if (base.v == 0)
        nd_put(b, "%s为零", mon);
    else /* a change is given on a net import base only (DOMAIN.md §2) */
        nd_put(b, "%s%s为%s", mon, base.v < 0 && neg ? "亦" : "", base.v > 0 ? "净进口" : "净出口");
}

/* The missing comparisons in one bracket: "（2024年4月数据缺失，无同比）",
 * "（2017年3月、2016年4月为净进口，无环比、同比）". */
static void why_none(nd *b, const tf_flow_figures *fl, const char *period, int neg)
{
    char pm[8], py[8], mm[32], my[32];
    nd_period(pm, period, 1);
    nd_period(py, period, 12);
    month_zh(mm, sizeof mm, pm);
    month_zh(my, sizeof my, py);
    int nm = !fl->mom_pct.has, ny = !fl->yoy_pct.has;
    tf_opt p = fl->prev_month, y = fl->year_ago;
    if (nm && ny && p.has == y.has && (!p.has || (p.v > 0 && y.v > 0) || (p.v < 0 && y.v < 0))) {
        nd_put(b, "（%s、%s", mm, my);
        if (p.has)
            nd_put(b, "%s为%s", p.v < 0 && neg ? "亦" : "", p.v > 0 ? "净进口" : "净出口");
        else
            nd_put(b, "数据缺失");
        nd_put(b, "，无环比、同比）");
        return;
    }
    if (nm) {
        nd_put(b, "（");
        why_base(b, p, mm, neg);
        nd_put(b, "，无环比%s", ny ? "；" : "）");
    }
    if (ny) {
        nd_put(b, "%s", nm ? "" : "（");
        why_base(b, y, my, neg);
        nd_put(b, "，无同比）");
    }
}

static void changes(nd *b, const nd_fig *f, const tf_flow_figures *fl, const char *period,
                    int neg)
{
    if (fl->mom_pct.has) {
        nd_put(b, "，");
        put_pct(b, f, "环比", "mom_pct", fl->mom_pct.v);
    }
    if (fl->yoy_pct.has) {
        nd_put(b, "，");
        put_pct(b, f, "同比", "yoy_pct", fl->yoy_pct.v);
    }
    why_none(b, fl, period, neg);
}

static void flow_para(nd *b, const tf_note_model *m, int which)
{
    const tf_report *r = m->report;
    const tf_flow_figures *fl = which == 0 ? &r->import : which == 1 ? &r->export : &r->net_import;
    const char *metric = which == 0 ? "import" : which == 1 ? "export" : "net_import";
    const char *word = tf_zh(which == 0 ? TF_ZH_IMPORT : which == 1 ? TF_ZH_EXPORT
                                                                    : TF_ZH_NET_IMPORT);
    char mon[32], ytd[20], f1[256];
    month_zh(mon, sizeof mon, r->period);
    nd_ytd(ytd, r->period);
    nd_para(b);
    if (!fl->quantity.has) {
        if (which < 2)
            nd_put(b, "%s%s%s%s无数据。", mon, m->reporter_zh, m->product_zh, word);
        else if (r->import.quantity.has != r->export.quantity.has)
            nd_put(b, "%s%s数据缺失，无法计算净进口量。", mon, r->import.quantity.has ? "出口" : "进口");
        nd_end(b);
        return;
    }
    int neg = which == 2 && fl->quantity.v < 0;
    tf_fmt(f1, sizeof f1, which == 2 ? "import(%s) - export(%s), t" : "sum of %s rows of %s, kg / 1000",
           which == 2 ? r->period : metric, r->period);
    nd_fig f = {.metric = metric, .period = r->period, .formula = f1};
    if (which == 2 && nd_round_t(fl->quantity.v) == 0) /* no "约0吨", no change on it */
        nd_put(b, "%s%s%s进出口量基本相当，净进出口接近于零", mon, m->reporter_zh, m->product_zh);
    else {
        nd_put(b, "%s%s%s%s量", mon, m->reporter_zh, m->product_zh, neg ? "净出口" : word);
        put_t(b, &f, fl->quantity.v, 1);
        changes(b, &f, fl, r->period, neg);
    }
    int month = 1;
    sscanf(r->period + 5, "%d", &month);
    if (fl->ytd.has && month > 1) {
        tf_fmt(f1, sizeof f1, "sum of %s over %s", metric, ytd);
        nd_fig y = {.metric = metric, .period = ytd, .formula = f1};
        int yneg = which == 2 && fl->ytd.v < 0;
        /* the year printed: a year-less "1-4月" is read against the date */
        nd_put(b, "；%.4s年1-%d月累计%s量", r->period, month, yneg ? "净出口" : word);
        put_t(b, &y, fl->ytd.v, 1);
        if (fl->ytd_yoy_pct.has) {
            nd_put(b, "，");
            put_pct(b, &y, "同比", "yoy_pct", fl->ytd_yoy_pct.v);
        } else
            nd_put(b, "（上年同期%s，无同比）",
                   !fl->ytd_prev.has       ? "数据不全"
                   : fl->ytd_prev.v == 0   ? "为零"
                   : fl->ytd_prev.v > 0    ? "为净进口"
                   : yneg                  ? "亦为净出口"
                                           : "为净出口");
    } else if (month > 1)
        nd_put(b, "；%.4s年1-%d月数据不全，无累计值", r->period, month);
    nd_put(b, "。");
    nd_end(b);
}

static const char *pname_zh(const tf_note_model *m, const tf_partner_figures *p,
                            const tf_refdata *ref)
{
    (void)m;
    const tf_partner *pt = ref ? tf_refdata_partner_by_iso3(ref, p->partner) : NULL;
    if (pt && pt->short_zh && pt->short_zh[0])
        return pt->short_zh; /* 俄罗斯, as notes write it, not GACC's 俄罗斯联邦 */
    if (pt && pt->name_zh[0])
        return pt->name_zh;
    return p->name[0] ? p->name : p->partner;
}

static void partner_sentence(nd *b, const tf_note_model *m, const tf_partner_figures *p,
                             const char *name, int first)
{
    const tf_report *r = m->report;
    char mon[32], f1[256];
    month_zh(mon, sizeof mon, r->period);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s in %s, kg / 1000", p->partner, r->period);
    nd_fig f = {.metric = "import", .partner = p->partner,
                .basis = r->import_breakdown.partner_basis, .period = r->period, .formula = f1};
    nd_put(b, "%s自%s进口%s", mon, name, m->product_zh);
    put_t(b, &f, p->quantity, 1);
    if (first && p->mom_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (import(%s, m) / import(%s, m-1) - 1)", p->partner, p->partner);
        nd_put(b, "，");
        put_pct(b, &f, "环比", "mom_pct", p->mom_pct.v);
    }
    if (p->share_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * import(%s, %s) / import(WLD, %s)", p->partner, r->period,
               r->period);
        nd_put(b, "，占比");
        nd_pct(b, &f, "share_pct", p->share_pct.v, "%");
        if (first && p->share_change_pp.has && !p->mom_pct.has)
            nd_put(b, "，为本月新增来源"); /* none the month before: no pp change */
        else if (first && p->share_change_pp.has) {
            double c = nd_round1(p->share_change_pp.v);
            if (c == 0)
                nd_put(b, "，占比与上月持平");
            else {
                tf_fmt(f1, sizeof f1, "share(%s, m) - share(%s, m-1), pp", p->partner,
                       p->partner);
                nd_put(b, "，较上月%s", c > 0 ? "上升" : "下降");
                nd_pct(b, &f, "share_change_pp", p->share_change_pp.v, "");
                nd_put(b, "个百分点");
            }
        }
    }
    nd_put(b, "。");
}

/* A large source of the year with nothing in the month (tf_note_model.gone):
 * "10月中国未从美国进口大豆；2025年1-10月自美国进口大豆约1682.08万吨，同比增长11.5%，
 * 占比18.3%。" */
static void gone_sentence(nd *b, const tf_note_model *m, const tf_partner_figures *p,
                          const char *name)
{
    const tf_report *r = m->report;
    char mon[32], ytd[20], f1[256];
    month_zh(mon, sizeof mon, r->period);
    nd_ytd(ytd, r->period);
    int month = 1;
    sscanf(r->period + 5, "%d", &month);
    nd_put(b, "%s%s未从%s进口%s；", mon, m->reporter_zh, name, m->product_zh);
    tf_fmt(f1, sizeof f1, "sum of import rows from %s over %s, kg / 1000", p->partner, ytd);
    nd_fig f = {.metric = "import", .partner = p->partner,
                .basis = r->import_breakdown.partner_basis, .period = ytd, .formula = f1};
    nd_put(b, "%.4s年1-%d月自%s进口%s", r->period, month, name, m->product_zh);
    put_t(b, &f, p->ytd.v, 1);
    if (p->ytd_yoy_pct.has) {
        tf_fmt(f1, sizeof f1, "100 * (import(%s, %s) / the same months a year before - 1)",
               p->partner, ytd);
        nd_put(b, "，");
        put_pct(b, &f, "同比", "yoy_pct", p->ytd_yoy_pct.v);
    }
    tf_fmt(f1, sizeof f1, "100 * import(%s, %s) / import(WLD, %s)", p->partner, ytd, ytd);
    nd_put(b, "，占比");
    nd_pct(b, &f, "share_pct", p->ytd_share_pct.v, "%");
    nd_put(b, "。");
}

static void sources_para(nd *b, const tf_note_model *m, const tf_refdata *ref)
{
    const tf_breakdown *bd = &m->report->import_breakdown;
    if (m->n_named == 0)
        return;
    char mon[32];
    month_zh(mon, sizeof mon, m->report->period);
    nd_para(b);
    nd_put(b, "从进口来源看，%s%s%s进口主要来自", mon, m->reporter_zh, m->product_zh);
    for (size_t i = 0; i < m->n_named; i++)
        nd_put(b, "%s%s", i ? "、" : "", pname_zh(m, &bd->partners[i], ref));
    nd_put(b, "。");
    for (size_t i = 0; i < m->n_named; i++)
        if (!nd_is_reimport(m, &bd->partners[i]))
            partner_sentence(b, m, &bd->partners[i], pname_zh(m, &bd->partners[i], ref), i == 0);
    for (size_t i = 0; i < m->n_gone; i++)
        gone_sentence(b, m, m->gone[i], pname_zh(m, m->gone[i], ref));
    for (size_t i = 0; i < m->n_other_basis; i++) {
        const tf_note_basis *nb = &m->other_basis[i];
        const tf_partner_figures *p = &nb->top;
        char f1[256];
        tf_fmt(f1, sizeof f1, "sum of import rows from %s on basis %s in %s, kg / 1000",
               p->partner, nb->basis, m->report->period);
        nd_fig f = {.metric = "import", .partner = p->partner, .basis = nb->basis,
                    .period = m->report->period, .formula = f1};
        nd_put(b, "按%s统计，%s最大来源为%s，", !strcmp(nb->basis, "origin") ? "原产国"
                                               : !strcmp(nb->basis, "consignment") ? "启运国"
                                                                                    : "贸易伙伴",
               mon, pname_zh(m, p, ref));
        put_t(b, &f, p->quantity, 1);
        if (p->share_pct.has) {
            tf_fmt(f1, sizeof f1, "100 * import(%s, %s, %s) / import(WLD, %s)", p->partner,
                   nb->basis, m->report->period, m->report->period);
            nd_put(b, "，占比");
            nd_pct(b, &f, "share_pct", p->share_pct.v, "%");
        }
        nd_put(b, "。");
    }
    nd_end(b);
}

/* Re-imports: the report's figures (tf_re_flow) in the words of the top
 * partner's sentence, the reporter as its own partner. */
static void reimport_para(nd *b, const tf_note_model *m, const tf_refdata *ref)
{
    const tf_re_flow *rm = m->reimports;
    if (!rm)
        return;
    tf_partner_figures p = {.rank = 0, .quantity = rm->quantity.v, .share_pct = rm->share_pct,
                            .mom_pct = rm->mom_pct, .yoy_pct = rm->yoy_pct,
                            .share_change_pp = rm->share_change_pp};
    tf_scopy(p.partner, sizeof p.partner, m->report->reporter);
    tf_scopy(p.name, sizeof p.name, m->report->reporter_name);
    nd_para(b);
    partner_sentence(b, m, &p, pname_zh(m, &p, ref), 1);
    nd_put(b, "该部分为原产地为%s的货物复进口；对金属而言，多为出口原料在境外冶炼后再进口。",
           m->reporter_zh);
    nd_end(b);
}

static const char *mode_zh(const tf_refdata *ref, const tf_mode_figures *md)
{
    const tf_trade_mode *tm = ref ? tf_refdata_trade_mode(ref, md->code) : NULL;
    return tm && tm->name_zh[0] ? tm->name_zh : md->code;
}

static void mode_item(nd *b, const tf_report *r, const tf_mode_figures *md, const tf_refdata *ref)
{
    char f1[256];
    tf_fmt(f1, sizeof f1, "sum of import rows of trade mode %s in %s, kg / 1000", md->code,
           r->period);
    nd_fig f = {.metric = "trade_mode", .trade_mode = md->code, .period = r->period,
                .formula = f1};
    nd_put(b, "%s", mode_zh(ref, md));
    put_t(b, &f, md->quantity, 1);
    if (!md->share_pct.has)
        return;
    tf_fmt(f1, sizeof f1, "100 * mode(%s, %s) / import(WLD, %s)", md->code, r->period, r->period);
    nd_put(b, "，占比");
    nd_pct(b, &f, "share_pct", md->share_pct.v, "%");
    if (md->is_new)
        nd_put(b, "（新增）"); /* no 上月: the audit would date what follows by it */
    else if (md->share_change_pp.has) {
        double c = nd_round1(md->share_change_pp.v);
        if (c == 0)
            nd_put(b, "，与上月持平");
        else {
            nd_put(b, "，较上月%s", c > 0 ? "上升" : "下降");
            nd_pct(b, &f, "share_change_pp", md->share_change_pp.v, "");
            nd_put(b, "个百分点");
        }
    }
}

/* Modes new this month: "本月新增边境小额贸易约39吨，占比2.7%；出料加工贸易约27吨，
 * 占比1.9%。", those under half a tonne named without figures. */
static void new_modes(nd *b, const tf_report *r, const tf_breakdown *bd, size_t from,
                      const tf_refdata *ref)
{
    size_t big = 0, small = 0, k = 0;
    for (size_t i = from; i < bd->n_modes; i++)
        if (bd->modes[i].is_new)
            nd_round_t(bd->modes[i].quantity) > 0 ? big++ : small++;
    for (size_t i = from; i < bd->n_modes; i++)
        if (bd->modes[i].is_new && nd_round_t(bd->modes[i].quantity) > 0) {
            nd_put(b, "%s", k++ ? "；" : "本月新增");
            tf_mode_figures md = bd->modes[i];
            md.is_new = 0; /* "本月新增" says it once */
            md.share_change_pp.has = 0;
            mode_item(b, r, &md, ref);
        }
    if (big)
        nd_put(b, "。");
    if (small) {
        nd_put(b, "另有%zu种贸易方式本月%s新增，均不足半吨：", small, big ? "亦" : "");
        k = 0;
        for (size_t i = from; i < bd->n_modes; i++)
            if (bd->modes[i].is_new && nd_round_t(bd->modes[i].quantity) == 0)
                nd_put(b, "%s%s", k++ ? "；" : "", mode_zh(ref, &bd->modes[i]));
        nd_put(b, "。");
    }
}

static void modes_para(nd *b, const tf_note_model *m, const tf_refdata *ref)
{
    const tf_report *r = m->report;
    const tf_breakdown *bd = &r->import_breakdown;
    if (bd->n_modes == 0)
        return;
    char mon[32], pm[8], f1[256];
    month_zh(mon, sizeof mon, r->period);
    nd_period(pm, r->period, 1);
    nd_para(b);
    nd_put(b, "从贸易方式看，%s", mon);
    size_t n = bd->n_modes < 4 ? bd->n_modes : 4;
    for (size_t i = 0; i < n; i++) {
        nd_put(b, "%s", i ? "；" : "");
        mode_item(b, r, &bd->modes[i], ref);
    }
    nd_put(b, "。");
    new_modes(b, r, bd, n, ref);
    for (size_t i = 0; i < bd->n_vanished_modes; i++) {
        const tf_mode_figures *md = &bd->vanished_modes[i];
        tf_fmt(f1, sizeof f1, "sum of import rows of trade mode %s in %s, kg / 1000", md->code, pm);
        nd_fig f = {.metric = "trade_mode", .trade_mode = md->code, .period = pm, .formula = f1};
        char pmon[32];
        month_zh(pmon, sizeof pmon, pm);
        /* the month named: a bare 上月 is read against the publication date */
        nd_put(b, "%s本月无进口（%s", mode_zh(ref, md), pmon);
        put_t(b, &f, md->prev_quantity.v, 1);
        nd_put(b, "）。");
    }
    nd_end(b);
}

/* "1137元/吨": Chinese notes write yuan a tonne below 10,000 without a
 * thousands comma (as tonnes below 1万吨: 约2300吨); "12,345元/吨" above. */
static void yuan_t(char *buf, size_t len, double v)
{
    char n[32];
    if (fabs(v) < 10000)
        tf_fmt(n, sizeof n, "%.0f", fabs(v));
    else
        tf_format_number(n, sizeof n, fabs(v), 0);
    tf_fmt(buf, len, "%s元/吨", n);
}

static void stat_zh(nd *b, const tf_report *r, const tf_window_stat *w, const char *what)
{
    char mon[32], f1[256], pr[48];
    month_zh(mon, sizeof mon, r->period);
    tf_fmt(f1, sizeof f1, "mean of the %d daily %s spot import P/L figures of %s, CNY/t", w->days,
           what, r->period);
    nd_fig f = {.metric = "window", .field = "pl", .unit = "CNY/t", .period = r->period,
                .formula = f1, .exact = w->average_pl, .value = floor(w->average_pl + 0.5)};
    yuan_t(pr, sizeof pr, f.value);
    nd_put(b, "%s%s现货进口%s均值约", mon, !strcmp(what, "published") ? "公布的" : "测算的",
           f.value < 0 ? "亏损" : "盈利");
    nd_claim(b, &f, pr);
    if (w->days_open == 0)
        nd_put(b, "，%d个交易日均为亏损，进口窗口全月关闭。", w->days);
    else if (w->days_open == w->days)
        nd_put(b, "，%d个交易日均有盈利，进口窗口全月打开。", w->days);
    else
        nd_put(b, "，%d个交易日中%d日盈利，按月均值进口窗口%s。", w->days, w->days_open,
               !strcmp(w->status, "open") ? "打开" : "关闭");
}

static void window_para(nd *b, const tf_note_model *m)
{
    const tf_report *r = m->report;
    const tf_window_month *w = &r->window;
    if (!w->published.has && !w->computed.has && !m->latest_window.has)
        return;
    nd_para(b);
    if (w->published.has)
        stat_zh(b, r, &w->published, "published");
    if (w->computed.has)
        stat_zh(b, r, &w->computed, "computed");
    if (m->latest_window.has) {
        char f1[128], pr[48];
        nd_fig f = nd_latest_window(m, f1, sizeof f1);
        yuan_t(pr, sizeof pr, f.value);
        nd_put(b, "最新公布的进口%s约", f.value < 0 ? "亏损" : "盈利");
        nd_claim(b, &f, pr);
        nd_put(b, "（%s）。", m->latest_window.date);
    }
    nd_end(b);
}

/* "预计2025年5月进口量约23.54万吨，误差±3.70万吨（...）。" */
static void forecast_sentence(nd *b, const tf_note_model *m, const tf_note_forecast *f, int net)
{
    const char *o = m->outlook.period, *metric = net ? "forecast_net_import" : "forecast_import";
    char mon[32], f1[256];
    month_zh(mon, sizeof mon, o);
    nd_forecast_formula(f1, sizeof f1, f, net ? "net_import" : "import", m, o);
    nd_fig x = {.metric = metric, .partner = "WLD", .period = o, .formula = f1};
    nd_put(b, "预计%s%s", mon, !net ? "进口量" : f->point.v < 0 ? "净出口量" : "净进口量");
    put_t(b, &x, f->point.v, 1);
    if (!f->mae.has) {
        nd_put(b, "（方法：%s；尚无回测记录）。", f->method_zh);
        return;
    }
    size_t at = b->d->n_claims;
    nd_put(b, "，误差±");
    put_t(b, &x, f->mae.v, 0);
    if (b->d->n_claims > at)  /* the same claim, as the backtest's error */
        tf_fmt(b->d->claims[at].field, sizeof b->d->claims[at].field, "mae");
    char m1[32], m2[32];
    month_zh(m1, sizeof m1, f->from);
    month_zh(m2, sizeof m2, f->to);
    nd_put(b, "（该方法在%s至%s共%d个月回测中的平均绝对误差；方法：%s）。", m1, m2,
           f->n_backtest, f->method_zh);
}

/* The forecast of the month after the note's, as the outlook module made it
 * (also tf_outlook_paragraph's, the outlook command's "In a note:"). */
void tf_note_write_outlook_zh(nd *b, const tf_note_model *m)
{
    if (!m->outlook.has)
        return;
    nd_para(b);
    nd_put(b, "展望：");
    if (m->outlook.import.has)
        forecast_sentence(b, m, &m->outlook.import, 0);
    if (m->outlook.net_import.has)
        forecast_sentence(b, m, &m->outlook.net_import, 1);
    nd_end(b);
}

/* The files the figures came from: one 数据来源 label for the trade files,
 * separated by "；" (with several files, a file's row sources go inside its
 * brackets), then the P/L series. */
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
        nd_put(b, "%s%s%s（%s；公布值%lu行，推算值%lu行", k ? "" : tf_zh(TF_ZH_DATA_SOURCE),
               k ? "；" : "：", base, s->format, s->reported, s->derived + s->estimated);
        k++;
        if (s->publishers[0])
            nd_put(b, "%s%s：%s", n_trade > 1 ? "；" : "），", tf_zh(TF_ZH_ROW_SOURCES),
                   s->publishers);
        nd_put(b, "%s", n_trade > 1 || !s->publishers[0] ? "）" : "");
    }
    if (k)
        nd_put(b, "。");
    for (size_t i = 0; i < m->n_sources; i++) {
        const tf_note_source *s = &m->sources[i];
        const char *base = strrchr(s->name, '/');
        if (!strcmp(s->format, "plseries"))
            nd_put(b, "%s：%s（%s）。", tf_zh(TF_ZH_IMPORT_PL), base ? base + 1 : s->name,
                   tf_zh(TF_ZH_PUBLISHED));
    }
    nd_end(b);
}

void tf_note_write_zh(nd *b, const tf_note_model *m)
{
    const tf_refdata *ref = m->ref;
    char mon[32];
    month_zh(mon, sizeof mon, m->report->period);
    nd_para(b);
    nd_put(b, "%s%s%s进出口", mon, m->reporter_zh, m->product_zh);
    nd_end(b);
    for (int k = 0; k < 3; k++)
        flow_para(b, m, k);
    nd_para(b);
    nd_put(b, "（以上数据基于HS编码");  /* one code or several, the same words */
    for (size_t i = 0; i < m->report->n_codes; i++)
        nd_put(b, "%s%s", i ? "、" : "", m->report->codes[i]);
    nd_put(b, "。）");
    nd_end(b);
    sources_para(b, m, ref);
    reimport_para(b, m, ref);
    modes_para(b, m, ref);
    window_para(b, m);
    tf_note_write_outlook_zh(b, m);
    data_para(b, m);
}
