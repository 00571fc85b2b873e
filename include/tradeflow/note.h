/*
 * tradeflow/note.h — the monthly trade note, written from the statistics.
 *
 * A note is built in two steps:
 *   1. tf_note_model_build: the facts of one product and month, all of them
 *      computed by the statistics module (tf_report_compute, tradeflow/stats.h)
 *      or looked up in the store (sources of the figures, the latest import
 *      window level). The model holds no sentence.
 *   2. tf_note_write: one writer per language (English "en", Chinese "zh")
 *      turns the model into paragraphs. The writers only choose words and
 *      round as published notes round (DOMAIN.md §6): tonnes at and above
 *      1,000 t to the hundred, below it to the tonne; Chinese 万吨 to two
 *      decimals from 10,000 t, else 吨; % and pp to one decimal. They do no
 *      arithmetic of their own. Every figure written is a claim (metric,
 *      partner, basis, period, value, unit, the printed text, its character
 *      span and the formula it came from), so each can be traced and audited
 *      (docs/note.md, docs/note-json.md).
 * Ownership: a model owns its report; a doc owns its text and claims; free
 * them with tf_note_model_free / tf_note_doc_free (NULL-safe, clear the
 * caller's pointer).
 */
#ifndef TRADEFLOW_NOTE_H
#define TRADEFLOW_NOTE_H

#include <stdio.h>

#include "tradeflow/stats.h"
#include "tradeflow/store.h"
#include "tradeflow/window.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One file the month's figures came from (tf_sources_used, tradeflow/stats.h). */
typedef tf_source_use tf_note_source;

/* One forecast series of the outlook paragraph (tf_outlook_compute,
 * tradeflow/outlook.h): has == 0 when the outlook cannot forecast it. */
typedef struct tf_note_forecast {
    int has;
    tf_opt point;             /* t, the forecast of the month */
    tf_opt mae;               /* t, the chosen method's backtest mean absolute error */
    int n_backtest;           /* months of that backtest */
    char from[8], to[8];      /* first and last backtest month */
    int beats_naive;          /* 1: the window model beat the seasonal-naive baseline on
                                 the compared months (tf_outlook_series.beats_naive) */
    char method[16];          /* "window-model" | "seasonal-naive" | "persistence" */
    char method_en[256], method_zh[256]; /* tf_outlook_method_words */
} tf_note_forecast;

/* The optional outlook paragraph: filled from tf_outlook_compute for the month
 * after the note's period; has == 0 (no series forecast) leaves it out. */
typedef struct tf_note_outlook {
    int has;
    char period[8];           /* month forecast, "YYYY-MM" */
    tf_note_forecast import, net_import;
} tf_note_outlook;

/* The top import partner on another partner basis than the note's (origin,
 * consignment, trading: DOMAIN.md §2), from the statistics on that basis. */
typedef struct tf_note_basis {
    char basis[16];
    tf_partner_figures top;   /* rank 1 on that basis; share of that basis' total */
} tf_note_basis;

/* Absent partners the note tells (tf_note_model.gone): at most this many, each with
 * at least this share (%) of the year-to-date imports. */
#define TF_NOTE_GONE_MAX 2
#define TF_NOTE_GONE_SHARE 5.0

typedef struct tf_note_model {
    tf_report *report;        /* owned: the statistics of the month */
    const tf_refdata *ref;    /* borrowed (display names); must outlive the model */
    char product_en[96];      /* display name ("primary aluminium"), or "HS 7601" */
    char product_en_attr[96]; /* before a noun: "soybean" for "soybeans" ("soybean imports"),
                               * else product_en */
    char product_zh[96];      /* "原铝", or "HS 7601" */
    char reporter_en[64];     /* "China" */
    char reporter_zh[64];     /* "中国" */
    char date[11];            /* publication date YYYY-MM-DD */
    const tf_re_flow *reimports; /* the report's re-imports (report->re_trade.re_import)
                                 where the note states them: the reporter as a partner of
                                 its own imports (source "partner"), above 0; else NULL.
                                 The sources paragraph then leaves the reporter's own
                                 partner sentence to the re-import paragraph. */
    size_t n_named;           /* import partners named in the sources paragraph */
    const tf_partner_figures *gone[TF_NOTE_GONE_MAX]; /* import partners with nothing in the
                               month that supplied at least TF_NOTE_GONE_SHARE % of the
                               year to date (report->import_breakdown.absent): the note
                               says so, with their year to date; borrowed from report */
    size_t n_gone;
    struct {
        int has;
        char date[11];        /* the latest day with a published spot P/L on or
                                 before the publication date */
        double pl;            /* CNY/t */
    } latest_window;
    tf_note_source *sources;
    size_t n_sources;
    tf_note_basis other_basis[2]; /* where the month has partner rows on other bases */
    size_t n_other_basis;
    tf_note_outlook outlook;
} tf_note_model;

typedef struct tf_note_opts {
    const char *date;         /* publication date YYYY-MM-DD; NULL: as_of's date,
                                 else today (or $TRADEFLOW_NOW's date) */
    int partners;             /* partners named (besides re-imports); <= 0 means 3 */
} tf_note_opts;

/*
 * Build the model of q's product and month (q->period "YYYY-MM"; q->product
 * is the slug or label used for the statistics). product may be NULL (an
 * --hs selection). Errors: those of tf_report_compute; TF_ERR_NOT_FOUND when
 * the month has neither import nor export data (no note can be written).
 */
TF_API tf_status tf_note_model_build(tf_db *db, const tf_refdata *ref, const tf_product *product,
                              const tf_query *q, const tf_note_opts *o, tf_note_model **out);
TF_API void tf_note_model_free(tf_note_model **m);

/* One figure of the written note. Offsets are characters (code points). */
typedef struct tf_note_claim {
    char metric[24];          /* import | export | net_import | trade_mode | window |
                                 forecast_import | forecast_net_import */
    char field[20];           /* quantity | mom_pct | yoy_pct | share_pct |
                                 share_change_pp | pl | pl_latest */
    char partner[16];         /* ISO alpha-3, or "WLD" */
    char basis[16];           /* partner basis, "" when unstated */
    char trade_mode[8];       /* GACC trade-mode code (metric trade_mode), else "" */
    char period[20];          /* "YYYY-MM", "YYYY-MM..YYYY-MM", or a date for pl_latest */
    double value;             /* the figure as printed (rounded), in unit; 1 for
                                 "less than 1 t" (a figure under a tonne) */
    double exact;             /* the unrounded figure from the statistics */
    char unit[8];             /* "t", "%", "pp", "CNY/t" */
    char printed[48];         /* as it appears in the text, e.g. "250,500 t" */
    size_t start, end;        /* [start, end) in the text */
    char formula[256];        /* how it was computed, from which stored figures */
} tf_note_claim;

typedef struct tf_note_doc {
    char lang[3];             /* "en" or "zh" */
    char *text;               /* UTF-8, paragraphs separated by "\n\n" */
    size_t len;               /* bytes */
    size_t (*paras)[2];       /* [start, end) of each paragraph, characters */
    size_t n_paras;
    tf_note_claim *claims;
    size_t n_claims;
    char product_zh[96];      /* the model's names, for the charts of --format html */
    char reporter_zh[64];
} tf_note_doc;

/* Write the note in lang "en" or "zh". Errors: TF_ERR_USAGE (other lang),
 * TF_ERR_NOMEM. */
TF_API tf_status tf_note_write(const tf_note_model *m, const char *lang, tf_note_doc **out);
TF_API void tf_note_doc_free(tf_note_doc **d);

/* Output a written note: "text", "md", "json" (docs/note-json.md) or "html"
 * (the note above the report's charts, one self-contained page; cd may be
 * NULL: no charts). Returns TF_OK, TF_ERR_USAGE (unknown format), TF_ERR_IO. */
TF_API tf_status tf_note_doc_output(FILE *out, const tf_note_doc *d, const char *format,
                             const tf_chart_data *cd);

#ifdef __cplusplus
}
#endif
#endif
