/*
 * tradeflow/reader.h — readers: customs files in, canonical records out.
 *
 * Readers stream: they hold one row at a time, so memory does not grow with
 * the file. Each record is handed to the sink; a sink error stops the read.
 */
#ifndef TRADEFLOW_READER_H
#define TRADEFLOW_READER_H

#include <stdio.h>
#include "tradeflow/record.h"
#include "tradeflow/refdata.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tf_format {
    TF_FORMAT_AUTO = 0,
    TF_FORMAT_TFCSV = 1, /* tradeflow CSV, docs/tradeflow-csv.md */
    TF_FORMAT_GACC = 2,  /* GACC query-platform export, DOMAIN.md §3 */
    TF_FORMAT_PLSERIES = 3, /* a published daily import P/L series, docs/plseries.md */
    TF_FORMAT_PRICES = 4,   /* daily price inputs of the import window, docs/prices.md */
    TF_FORMAT_COMTRADE = 5  /* UN Comtrade: v1 API JSON, ComtradePlus and legacy CSV, DOMAIN.md §4 */
} tf_format;

/* "tfcsv", "gacc", "plseries", "prices", "comtrade", "auto". */
TF_API const char *tf_format_name(tf_format f);
/* Returns TF_FORMAT_AUTO for unknown names; *ok set to 0 then. */
TF_API tf_format tf_format_parse(const char *s, int *ok);

/* A read's diagnostics, the reader's handle: its error (tradeflow/common.h)
 * and where warnings go. */
struct tf_diag {
    tf_error error;          /* filled on error: status, the file and line:column at
                                fault, msg "FILE:LINE:COL: text" */
    void (*warn)(void *ctx, const char *msg); /* optional, for warnings */
    void *warn_ctx;
};

/* One point of a daily import-window series (CNY/t). */
typedef struct tf_window_point {
    char date[11];           /* "YYYY-MM-DD" */
    const char *kind;        /* "published" (a P/L series) or "price" (an input) */
    const char *series;      /* published: "spot", "forward", "basis" (CNY/t);
                                price: "lme_cash", "lme_3m" (USD/t), "shfe", "spot" (CNY/t),
                                "premium_low", "premium_high" (USD/t), "usdcny", "usdcny_fwd" */
    double value;
    unsigned long line;
} tf_window_point;

typedef struct tf_diag tf_diag;
typedef tf_status (*tf_point_sink)(void *ctx, const tf_window_point *p, tf_diag *diag);

/* Record sink: return TF_OK to continue; anything else stops the reader,
 * which returns that status. The sink may fill diag->error. */
typedef tf_status (*tf_sink)(void *ctx, const tf_record *rec, tf_diag *diag);

/* Options for one read. */
typedef struct tf_read_opts {
    tf_format format;          /* AUTO: detected from the header */
    tf_flow flow;              /* GACC: required (the file does not say) */
    const char *partner_basis; /* GACC: default "trading"; NULL = default */
    const char *reporter;      /* default "CHN" */
    const char *const *hs;     /* keep only commodities starting with one of these; NULL = all */
    size_t n_hs;
    const char *provenance;    /* GACC: provenance text for every record */
    const char *product;       /* plseries: the product the series is for
                                  (default "primary-aluminium") */
    tf_point_sink points;      /* plseries: where points go (the store sets it) */
    void *points_ctx;
    const char *columns;       /* "FROM=TO[,FROM=TO...]": header columns renamed before the
                                  format is detected (e.g. "close=usdcny" for a USD/CNY
                                  series); NULL = none. A bad list is TF_ERR_USAGE. */
    const char *period;        /* GACC downloads without a date column (数据年月): the
                                  month "YYYY-MM" (ingest --period) or the cumulative
                                  range "YYYY-MM..YYYY-MM" (ingest --range) they cover;
                                  NULL = the file must have the column. Malformed, or
                                  given for another format or a dated file:
                                  TF_ERR_USAGE */
    const char *vintage;       /* the store: "YYYY-MM-DD", the release or download date of
                                  the file; NULL = the ingest date. Not part of the source's
                                  identity (the same file is the same source) */
    /* Reading on two threads (the store sets these; docs/store.md, "Parsing on two
     * threads"). When split_sink is set and the input is a regular file whose rows
     * (after the header) take at least split_min bytes, a tradeflow CSV or GACC
     * export is read by two threads: the rows from the middle of the file on go to
     * split_sink(split_ctx, ...), called from the second thread, while the caller's
     * thread hands the rows before it to the sink. Each sink is called from one
     * thread only, in file order. stats->split says whether split_sink's records
     * belong to the read; the counts, warnings (in file order), the first error in
     * file order, the SHA-256 and every record are those of reading on one thread.
     * NULL: one thread. */
    tf_sink split_sink;
    void *split_ctx;
    size_t split_min;
} tf_read_opts;

/* Counts filled in by a read. */
typedef struct tf_read_stats {
    unsigned long rows;       /* data rows read */
    unsigned long kept;       /* records passed to the sink */
    unsigned long filtered;   /* rows skipped by the hs filter */
    unsigned long warnings;
    tf_format format;         /* the format actually read */
    char encoding[16];        /* "UTF-8", "GB18030" or "Windows-1252" (Comtrade) */
    int json;                 /* 1 when the file was a JSON document (Comtrade API) */
    unsigned long other_flows; /* comtrade: rows kept with flow "other" */
    unsigned long skipped;    /* rows read but not stored (none since Comtrade breakdown
                                 rows are stored as breakdowns, record.h) */
    int split;                /* 1: read on two threads, and the records given to
                                 opts->split_sink are part of the read (0: any it was
                                 given are not: the read stopped before them) */
} tf_read_stats;

/*
 * Read `in` (named `name` in messages) and hand every record to sink.
 * `sha256_hex` (65 bytes) receives the SHA-256 of all bytes read when non-NULL.
 * Returns TF_OK, TF_ERR_INPUT (diag->error names file:line:column),
 * TF_ERR_IO, TF_ERR_USAGE (e.g. GACC without a flow), TF_ERR_NOMEM, or
 * whatever the sink returned.
 */
TF_API tf_status tf_read(FILE *in, const char *name, const tf_read_opts *opts,
                         const tf_refdata *ref, tf_sink sink, void *sink_ctx,
                         tf_diag *diag, tf_read_stats *stats, char *sha256_hex);

#ifdef __cplusplus
}
#endif
#endif
