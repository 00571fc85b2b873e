/* Building a note's text with its claims: each figure's character span. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "../common/util.h"

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void append(nd *b, const char *s, size_t n)
{
    tf_note_doc *d = b->d;
    if (b->oom)
        return;
    if (d->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (d->len + n + 1 > cap)
            cap *= 2;
        char *t = realloc(d->text, cap);
        if (!t) {
            b->oom = 1;
            return;
        }
        d->text = t;
        b->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
    b->chars += utf8_chars(s, n);
}

void nd_put(nd *b, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    append(b, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void nd_para(nd *b)
{
    b->para_byte = b->d->len;
    b->para_chars = b->chars;
    if (b->d->len)
        append(b, "\n\n", 2);
    b->para_start = b->chars;
}

void nd_end(nd *b)
{
    tf_note_doc *d = b->d;
    if (b->oom)
        return;
    if (b->chars == b->para_start) { /* nothing said: drop the separator too */
        d->len = b->para_byte;
        b->chars = b->para_chars;
        if (d->text)
            d->text[d->len] = '\0';
        return;
    }
    if (d->n_paras == b->paras_cap) {
        size_t cap = b->paras_cap ? 2 * b->paras_cap : 16;
        size_t(*p)[2] = realloc(d->paras, cap * sizeof *p);
        if (!p) {
            b->oom = 1;
            return;
        }
        d->paras = p;
        b->paras_cap = cap;
    }
    d->paras[d->n_paras][0] = b->para_start;
    d->paras[d->n_paras][1] = b->chars;
    d->n_paras++;
}

void nd_claim(nd *b, const nd_fig *f, const char *printed)
{
    tf_note_doc *d = b->d;
    size_t start = b->chars;
    append(b, printed, strlen(printed));
    if (b->oom)
        return;
    if (d->n_claims == b->claims_cap) {
        size_t cap = b->claims_cap ? 2 * b->claims_cap : 32;
        tf_note_claim *c = realloc(d->claims, cap * sizeof *c);
        if (!c) {
            b->oom = 1;
            return;
        }
        d->claims = c;
        b->claims_cap = cap;
    }
    tf_note_claim *c = &d->claims[d->n_claims++];
    memset(c, 0, sizeof *c);
    tf_scopy(c->metric, sizeof c->metric, f->metric);
    tf_scopy(c->field, sizeof c->field, f->field);
    tf_scopy(c->partner, sizeof c->partner, f->partner ? f->partner : "WLD");
    tf_scopy(c->basis, sizeof c->basis, f->basis ? f->basis : "");
    tf_scopy(c->trade_mode, sizeof c->trade_mode, f->trade_mode ? f->trade_mode : "");
    tf_scopy(c->period, sizeof c->period, f->period);
    tf_scopy(c->unit, sizeof c->unit, f->unit);
    tf_scopy(c->printed, sizeof c->printed, printed);
    tf_scopy(c->formula, sizeof c->formula, f->formula ? f->formula : "");
    c->value = f->value;
    c->exact = f->exact;
    c->start = start;
    c->end = b->chars;
}

void nd_period(char out[8], const char *period, int back)
{
    int y = 0, m = 0;
    sscanf(period, "%d-%d", &y, &m);
    int k = y * 12 + m - 1 - back;
    tf_fmt(out, 8, "%04d-%02d", k / 12, k % 12 + 1);
}

void nd_ytd(char out[20], const char *period)
{
    tf_fmt(out, 20, "%.4s-01..%.7s", period, period);
}

double nd_round_t(double t)
{
    double a = fabs(t);
    double r = a >= 1000 ? floor(a / 100 + 0.5) * 100 : floor(a + 0.5);
    return t < 0 ? -r : r;
}

double nd_round_t_en(double t)
{
    double a = fabs(t);
    double r = a >= 1e6 ? floor(a / 1e4 + 0.5) * 1e4 : nd_round_t(a);
    return t < 0 ? -r : r;
}

int nd_under_1t(double t)
{
    return t != 0 && fabs(t) < 1;
}

double nd_round1(double x)
{
    double r = floor(fabs(x) * 10 + 0.5) / 10;
    return x < 0 ? -r : r;
}

double nd_pct(nd *b, const nd_fig *base, const char *field, double x, const char *unit_text)
{
    nd_fig f = *base;
    f.field = field;
    f.unit = !strcmp(field, "share_change_pp") ? "pp" : "%";
    f.exact = x;
    f.value = nd_round1(x);
    char p[32];
    tf_fmt(p, sizeof p, "%.1f%s", fabs(f.value), unit_text);
    nd_claim(b, &f, p);
    return f.value;
}

void tf_note_doc_free(tf_note_doc **d)
{
    if (!d || !*d)
        return;
    free((*d)->text);
    free((*d)->paras);
    free((*d)->claims);
    free(*d);
    *d = NULL;
}

nd_fig nd_latest_window(const tf_note_model *m, char *buf, size_t len)
{
    tf_fmt(buf, len, "published spot import P/L of %s, CNY/t", m->latest_window.date);
    nd_fig f = {.metric = "window", .field = "pl_latest", .unit = "CNY/t",
                .period = m->latest_window.date, .formula = buf,
                .exact = m->latest_window.pl, .value = floor(m->latest_window.pl + 0.5)};
    return f;
}

void nd_forecast_formula(char *buf, size_t len, const tf_note_forecast *f, const char *series,
                         const tf_note_model *m, const char *target)
{
    if (f->mae.has)
        tf_fmt(buf, len, "%s forecast of %s(%s) from the data to %s (tf_outlook_compute); "
               "backtest %s..%s, %d months, MAE %.0f t", f->method, series, target,
               m->report->period, f->from, f->to, f->n_backtest, f->mae.v);
    else
        tf_fmt(buf, len, "%s forecast of %s(%s) from the data to %s (tf_outlook_compute); "
               "no backtest record", f->method, series, target, m->report->period);
}
