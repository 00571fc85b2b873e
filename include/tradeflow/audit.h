/*
 * tradeflow/audit.h — check the figures of published trade notes.
 *
 * A note (plain UTF-8 text, optionally starting with "URL:", "TITLE:",
 * "PUBLISHER:" and "DATE:" header lines) is read into claims: each figure it
 * states (a quantity, a value, a month-on-month or year-on-year change, a
 * share), with what it is about (metric, product, partner, period) and the
 * exact character span it came from. A stated figure is an interval fixed by
 * its printed precision and its words ("about", "nearly", "over"); the audit
 * checks that the equations the claims must satisfy are satisfiable over those
 * intervals, so rounding alone never raises an error. Equations (docs/audit.md
 * gives each with its source):
 *   net import = import - export                       (DOMAIN.md §2)
 *   x(m) / (1 + MoM/100) = x(m-1); x(m) / (1 + YoY/100) = x(m-12)   (§3)
 *   x(m) - x(m-1) = the change stated ("rose by X"); x(m) - x(m)/(1+MoM) too;
 *   the same against a year earlier with the YoY
 *   "up from B": B <= x; "down from B": x <= B
 *   net/(1+p_net) = import/(1+p_import) - export/(1+p_export)         (§3)
 *   YTD(a..m) = YTD(a..m-1) + x(m)                      (§3)
 *   share/100 = partner quantity / total quantity      (§3)
 *   the same figure stated twice is one figure
 * Failing equations are explained by the smallest set of stated figures whose
 * removal makes the rest consistent; each gets a proposed value and, where
 * one explains it, the kind of slip (DOMAIN.md §7).
 *
 * Offsets are in characters (Unicode code points) of the file, [start, end).
 */
#ifndef TRADEFLOW_AUDIT_H
#define TRADEFLOW_AUDIT_H

#include <stdio.h>

#include "tradeflow/common.h"
#include "tradeflow/refdata.h"
#include "tradeflow/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a figure measures. Quantities are in t, values in USD, prices and
 * P/L in CNY/t. */
typedef enum tf_metric {
    TF_METRIC_NONE = 0,
    TF_METRIC_IMPORT = 1,       /* t */
    TF_METRIC_EXPORT = 2,       /* t */
    TF_METRIC_NET_IMPORT = 3,   /* t, import - export */
    TF_METRIC_IMPORT_VALUE = 4, /* USD */
    TF_METRIC_EXPORT_VALUE = 5, /* USD */
    TF_METRIC_PL = 6,           /* CNY/t, import profit (+) or loss (-) */
    TF_METRIC_OTHER = 7         /* production, stocks, prices: kept, not checked */
} tf_metric;

/* "import", "export", "net_import", "import_value", "export_value", "pl",
 * "other", "" */
TF_API const char *tf_metric_name(tf_metric m);

/* One stated number: its value, the interval its wording allows, where it is. */
typedef struct tf_stated {
    int has;
    double value;        /* in the claim's unit (t, USD, CNY/t) or % */
    double lo, hi;       /* the interval the printed figure stands for */
    size_t start, end;   /* character span of the figure in the file */
    char text[48];       /* the figure as printed, e.g. "634,300 mt" */
} tf_stated;

/* A period: months as year*12 + (month-1), from..to inclusive. */
typedef struct tf_span_period {
    int from, to;
} tf_span_period;

/* One claim: a figure and what the sentence says it is about. */
typedef struct tf_claim {
    size_t note;             /* index of the note in tf_audit.notes */
    tf_metric metric;
    char product[48];        /* product name (tradeflow products) or "" */
    char partner[16];        /* ISO alpha-3, or "WLD" for all partners */
    tf_span_period period;   /* what the figure covers */
    char unit[8];            /* "t", "USD", "CNY/t" */
    tf_stated quantity;      /* the figure itself */
    tf_stated mom;           /* % change on the previous month */
    tf_stated yoy;           /* % change on the same period a year earlier */
    tf_stated share;         /* % of the total of `share_of` */
    tf_span_period share_of; /* period the share's total is labelled with */
    int share_labelled;      /* 1 when the sentence names that period */
    size_t label_start, label_end; /* character span of that label ("March") */
    int period_named;        /* 1 when the sentence names the period itself */
    int year_named;          /* 1 when it names the year too ("April 2024") */
    size_t period_start, period_end; /* character span of the period's words
                                        (both 0 when carried from elsewhere) */
    size_t sent_start, sent_end; /* byte span of the sentence in the note's text */
    tf_stated mom_diff;      /* change on the previous month in the claim's unit,
                                signed ("rose by US$1.52 billion from January") */
    int growth_fraction;     /* 1 when the MoM or YoY was printed as a fraction
                                ("a growth rate of 0.31" read as 31%) */
    tf_stated yoy_diff;      /* change on the same period a year earlier, in the
                                claim's unit, signed ("up 29%, or 89,000 t, to 384,000 t") */
    int base_direction;      /* of a base figure: +1 "up from" it (the figure it is
                                the base of is larger), -1 "down from" it, 0 none */
    size_t base_of;          /* the claim it is the base of (when base_direction) */
    tf_stated share_pp;      /* change of `share` in percentage points (pp), signed
                                ("占比61.2%，较上月提高1.3个百分点": +1.3) */
    int share_pp_back;       /* months back share_pp compares with: 1 the month
                                before, 12 a year before (0 when no share_pp) */
    char group[64];          /* a share several partners hold together ("Russia and
                                India together supplied 95.1%", "the top three"):
                                their ISO alpha-3 codes joined by '+', partner "GRP",
                                no quantity of its own; "" otherwise */
} tf_claim;

typedef struct tf_note {
    char *path;
    char *text;              /* the file, UTF-8 */
    size_t len;              /* bytes */
    char date[11];           /* YYYY-MM-DD of publication ("" unknown) */
    int period;              /* the note's data month (month index), -1 unknown */
    char publisher[96];
    char title[256];
    char skipped[48];        /* why no claim was read ("not English",
                                "same text as note 1"), or "" */
    char hs[96];             /* HS codes the note says its figures cover, comma-
                                separated ("76011090,76011010"), or "" */
    size_t *index;           /* internal: character, line and column at every
                                4096th byte, for offsets in constant time */
    size_t n_index;
} tf_note;

typedef enum tf_severity {
    TF_SEV_ROUNDING = 0,     /* consistent only at the edge of rounding */
    TF_SEV_WARNING = 1,      /* suspicious, not contradicted by arithmetic */
    TF_SEV_ERROR = 2         /* contradicted by the arithmetic */
} tf_severity;

/* "rounding", "warning", "error" */
TF_API const char *tf_severity_name(tf_severity s);

typedef struct tf_finding {
    size_t note;             /* index in tf_audit.notes */
    tf_severity severity;
    char kind[40];           /* e.g. "one-digit-typo", "wrong-month-label",
                                "inconsistent", "likely-copy" */
    char field[12];          /* "quantity", "mom", "yoy", "share", "label" */
    size_t claim;            /* index in tf_audit.claims */
    size_t start, end;       /* character span of the figure, or of the label
                                for field "label" */
    double stated;
    int has_proposed;
    double proposed;
    char proposed_text[64];  /* e.g. "834,300 t", "April" */
    double confidence;       /* 0..1 */
    char equation[256];      /* the failing equation, with numbers */
    char evidence[1024];     /* why, in words */
} tf_finding;

typedef struct tf_audit {
    tf_note *notes;
    size_t n_notes;
    tf_claim *claims;
    size_t n_claims;
    tf_finding *findings;
    size_t n_findings;
    size_t n_equations;      /* equations checked */
    size_t n_failed;         /* of which unsatisfiable */
} tf_audit;

typedef struct tf_audit_opts {
    const char *date;        /* publication date YYYY-MM-DD for notes that
                                carry none (NULL: inferred from the text) */
    tf_db *db;               /* stored data to check against, or NULL */
    const tf_refdata *ref;   /* product definitions (needed with db) */
} tf_audit_opts;

/*
 * Read a note. Errors (in *err when non-NULL, tradeflow/common.h): TF_ERR_IO
 * (cannot read; msg names the file), TF_ERR_INPUT (not UTF-8, NUL byte:
 * err->file, line and col say where), TF_ERR_NOMEM.
 */
TF_API tf_status tf_note_read(const char *path, tf_note *out, tf_error *err);
TF_API void tf_note_clear(tf_note *n);

/*
 * Extract the claims of notes (already read) into a->claims. Year-less
 * periods resolve against the note's date (the latest such month not after
 * it). Returns TF_OK or TF_ERR_NOMEM.
 */
TF_API tf_status tf_audit_extract(tf_audit *a, const tf_audit_opts *opts);

/*
 * Read the notes at paths, extract their claims, check them together (and
 * against opts->db when set) and diagnose. *out is released with
 * tf_audit_free. Errors (in *err when non-NULL) as tf_note_read; TF_ERR_DB
 * from the store.
 */
TF_API tf_status tf_audit_run(const char *const *paths, size_t n, const tf_audit_opts *opts,
                              tf_audit **out, tf_error *err);
TF_API void tf_audit_free(tf_audit **a);

/* Number of findings with severity TF_SEV_ERROR. */
TF_API size_t tf_audit_errors(const tf_audit *a);

/*
 * Write the findings: text (one block per finding: file:line:col, severity,
 * kind, the sentence, the equation that fails, the proposed correction) or
 * json ({"notes": [...], "equations": N, "failed": N, "findings": [{file,
 * severity, kind, field, sentence, span: [start, end) in characters, stated,
 * proposed (number or null), proposed_text, confidence, equation, evidence,
 * claim: {...}}]}; docs/audit.md). Returns TF_OK, TF_ERR_IO or TF_ERR_NOMEM.
 */
TF_API tf_status tf_audit_write(FILE *out, const tf_audit *a, int json);

/* Write the extracted claims as json ({"claims": [...]}, docs/audit.md). */
TF_API tf_status tf_audit_claims_write(FILE *out, const tf_audit *a);

/* Character offset (code points) of byte offset `byte` in a note's text. */
TF_API size_t tf_note_char_offset(const tf_note *n, size_t byte);

/* Line and column (1-based, in characters) of character offset `chr`. */
TF_API void tf_note_line_col(const tf_note *n, size_t chr, size_t *line, size_t *col);

#ifdef __cplusplus
}
#endif
#endif
