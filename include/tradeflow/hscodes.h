/*
 * tradeflow/hscodes.h — per-code figures of a product across an HS edition
 * change (WCO Harmonized System: HS2017 in force 2017-01-01, HS2022 from
 * 2022-01-01).
 *
 * A code that one edition splits or merges in the next (HS2017 854140 into
 * HS2022 854141, 854142, 854143, 854149) has no per-code YoY across the
 * change: neither -100 % for the old code nor "new" for the new ones. Its YoY
 * says "no value: code changed with HS2022". The pairs of the crosswalk
 * (tf_hs_pair, data/hs-crosswalk.csv and the user's files; docs/hs-crosswalk.md)
 * join old and new codes into groups (connected pairs), and the YoY is
 * computed over the whole group:
 *   group YoY % = 100 * (sum of the new codes in the period /
 *                        sum of the old codes in the period a year before - 1)
 * A group part of which lies outside the selection (--hs 854141 alone) has no
 * counterpart of its own in the other edition, and is said to have none. A
 * code on one side only that no pair names is said to have no counterpart
 * when the other period has rows of the selection (else that period is just
 * missing, and the YoY has no value as in the report).
 * Every figure is a report figure (tf_report_compute over the code, or the
 * group's codes), so the rules of the selection module apply unchanged.
 */
#ifndef TRADEFLOW_HSCODES_H
#define TRADEFLOW_HSCODES_H

#include "tradeflow/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One stored commodity code of the selection. */
typedef struct tf_code_yoy {
    char code[16];
    tf_opt now, before;       /* t (or the value when the report measures value) in the
                                 period and a year before; no value without rows */
    tf_opt yoy_pct;           /* %; no value across an edition change */
    char reason[200];         /* why yoy_pct has no value when the edition changed
                                 ("no value: code changed with HS2022 ..."), else "" */
    int group;                /* index into tf_code_changes.groups, or -1 */
} tf_code_yoy;

/* Room for a group's codes joined with "+" (up to 46 codes of 10 digits; a
 * larger group is cut, its sums then cover the codes kept). */
#define TF_CODE_LIST 512

/* Old and new codes joined by the crosswalk. */
typedef struct tf_code_group {
    char old_codes[TF_CODE_LIST];    /* "854140" (codes joined with "+") */
    char new_codes[TF_CODE_LIST];    /* "854141+854142+854143+854149" */
    char outside[TF_CODE_LIST];      /* codes of the group the selection leaves out; "" when
                                 the whole group is selected */
    tf_opt now, before;       /* sums over the new codes (period) and the old codes
                                 (a year before); no value when `outside` is set */
    tf_opt yoy_pct;           /* % over the group */
    char source[256];         /* the first pair's source */
} tf_code_group;

typedef struct tf_code_changes {
    char period[8], before[8];   /* the period and the one a year before */
    char product_name[96];       /* the report's product_name ("primary aluminium") */
    int edition_now, edition_before; /* 2022, 2017 ... (tf_hs_edition_of) */
    int measure_value;           /* 1: figures are values in `unit` */
    char unit[8];                /* "t" or the currency */
    tf_flow flow;
    char ccy[4];                 /* the currency every code's figures read ("" none) */
    int any_now, any_before;     /* the selection has rows in the period, a year before */
    tf_code_yoy *codes;          /* by code */
    size_t n_codes;
    tf_code_group *groups;
    size_t n_groups;
} tf_code_changes;

/*
 * The codes of q's selection with rows in q->period or a year before, for
 * flow (TF_FLOW_IMPORT or TF_FLOW_EXPORT), with the crosswalk groups of ref.
 * Errors: TF_ERR_USAGE (bad period or flow), those of tf_report_compute,
 * TF_ERR_NOMEM. Free with tf_code_changes_free.
 */
TF_API tf_status tf_code_changes_compute(tf_db *db, const tf_refdata *ref, const tf_query *q,
                                         tf_flow flow, tf_code_changes **out);
TF_API void tf_code_changes_free(tf_code_changes **c);

/* 1 when a crosswalk group of edition eb -> en (years, e.g. 2017 -> 2022) is
 * only partly within codes (prefixes): a YoY of the selection across the
 * change then compares different goods. Writes the first such group into buf
 * ("HS2017 85414020 became HS2022 85414200+85414300"); 0 when none. */
TF_API int tf_hs_partial_group(const tf_refdata *ref, const char *const *codes, size_t n,
                               int eb, int en, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
