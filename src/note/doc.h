/* Internal: building a note's text with its claims (src/note). */
#ifndef TF_NOTE_DOC_H
#define TF_NOTE_DOC_H

#include "tradeflow/note.h"
#include "tradeflow/outlook.h"

typedef struct nd {
    tf_note_doc *d;
    size_t cap, chars;       /* text capacity (bytes); characters written */
    size_t para_start;       /* character offset of the open paragraph */
    size_t para_byte;        /* byte length before its separator */
    size_t para_chars;       /* characters before its separator */
    size_t claims_cap, paras_cap;
    int oom;
} nd;

/* Append formatted text. */
void nd_put(nd *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Start / end a paragraph (empty paragraphs are dropped). */
void nd_para(nd *b);
void nd_end(nd *b);

/* What a figure is: filled by the writer from the model, then nd_claim. */
typedef struct nd_fig {
    const char *metric, *field, *partner, *basis, *trade_mode, *period, *unit;
    double value, exact;
    const char *formula;
} nd_fig;

/* Append `printed` and record it as a claim of f. */
void nd_claim(nd *b, const nd_fig *f, const char *printed);

/* The claim of the latest published import P/L (CNY/t, rounded to the yuan);
 * formula is written into buf. The writers word it. */
nd_fig nd_latest_window(const tf_note_model *m, char *buf, size_t len);
/* The formula of a forecast claim: method, origin, backtest months and MAE
 * (the figures of tf_outlook_compute, carried by the model). */
void nd_forecast_formula(char *buf, size_t len, const tf_note_forecast *f, const char *series,
                         const tf_note_model *m, const char *target);

/* Period labels: "2025-04", "2025-01..2025-04", the previous month and the
 * same month a year earlier. */
void nd_period(char out[8], const char *period, int back);
void nd_ytd(char out[20], const char *period);

/* Rounding as published notes round (DOMAIN.md §6): t to the hundred from
 * 1,000 t, else to the tonne; % and pp to 0.1. */
double nd_round_t(double t);
/* English notes write millions of t to two decimals ("8.68 million t"). */
double nd_round_t_en(double t);
double nd_round1(double x);
/* A quantity under a tonne but not none (0 < |t| < 1 t): written "less than
 * 1 t" / "不足1吨", never "about 0 t"; its claim is the bound "1 t" (value 1),
 * which the audit reads after "less than" / 不足 as [0, 1] t. */
int nd_under_1t(double t);

/* Append a percentage figure of base and record its claim: field "share_pct",
 * "mom_pct", "yoy_pct" (unit %) or "share_change_pp" (unit pp); x exact, the
 * claim's value rounded to 0.1 (DOMAIN.md §6); printed as its size with
 * unit_text ("%", " pp", "" before 个百分点): the writer words the direction.
 * Returns the rounded value. */
double nd_pct(nd *b, const nd_fig *base, const char *field, double x, const char *unit_text);

/* The note's outlook slot filled from the outlook module's forecast (model.c). */
void nd_outlook_of(tf_note_outlook *out, const tf_outlook *o);

#endif
