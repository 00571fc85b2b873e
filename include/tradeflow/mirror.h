/*
 * tradeflow/mirror.h — mirror statistics: what a reporter says it imported
 * from a partner against what the partner says it exported to the reporter
 * (and the reverse), per period, from whatever the store holds.
 *
 * Definitions (UN Comtrade / IMTS 2010 practice):
 *   gap   = reporter's figure - partner's mirror figure (USD, or t)
 *   ratio = reporter's figure / partner's mirror figure (no value on a zero base)
 * Imports are valued CIF and exports FOB, so an import/export pair normally
 * shows a ratio above 1 by the cost of freight and insurance; where both sides
 * report FOB (e.g. USA imports carry a FOB value too) the FOB-to-FOB gap and
 * ratio are given as well.
 *   gap % = 100 * (importer's figure - exporter's figure) / exporter's figure:
 *           the discrepancy as a share of what the exporter declared, so that
 *           both directions read alike (positive: the importer declares more,
 *           as freight and insurance in a CIF value make it)
 *   unit value = value / quantity (currency per t), each side on its own
 *   extreme asymmetry: ratio above 10 or below 0.1 (TF_MIRROR_EXTREME), flagged
 *           for the period total and for every commodity code on its own, so a
 *           code far apart is never averaged away in the total
 * Valuation: where the records state their CIF or FOB value (UN Comtrade) the
 * value is named by it; China's customs (GACC) value imports CIF and exports
 * FOB (GACC, China Customs Statistics, explanatory notes), so China's records
 * that state neither (GACC downloads, tradeflow CSV) are named by that rule.
 */
#define TF_MIRROR_EXTREME 10.0
#ifndef TRADEFLOW_MIRROR_H
#define TRADEFLOW_MIRROR_H

#include "tradeflow/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tf_mirror_query {
    const char *reporter;          /* ISO alpha-3, e.g. "CHN" */
    const char *partner;           /* ISO alpha-3, e.g. "RUS" */
    const char *classification;    /* "HS" (also UN Comtrade's H0..H6; per side and period
                                      the newest edition is used), "H6", "S4" ... */
    const char *const *codes;      /* commodity codes or prefixes ("TOTAL", "7601") */
    size_t n_codes;
    const char *period_from;       /* inclusive, "YYYY" or "YYYY-MM" */
    const char *period_to;
    const char *as_of;             /* NULL: current revisions */
    const tf_refdata *ref;         /* names of reporter and partner (NULL: the codes) */
    const char *currency;          /* "CNY"/"USD": the records each side reads; NULL: per
                                      side the one with most records, with a note
                                      (tf_query_currency). A side never adds two */
} tf_mirror_query;

/* One side's figures for a period: sums over the selected commodities. */
typedef struct tf_mirror_side {
    tf_opt value;            /* USD (or the currency), the source's primary value */
    tf_opt cif, fob;         /* USD, where the source reports them */
    tf_opt quantity;         /* t, where reported in kg */
    char valuation[4];       /* "CIF", "FOB" or "" (which of the two the value is) */
    int valuation_by_rule;   /* 1: named by the reporter's rule (GACC: imports CIF,
                                exports FOB), the records stating neither */
    tf_opt unit_value;       /* currency per t: value / quantity of the records
                                with both (no value without a quantity in kg) */
    char classification[8];  /* classification of the figures used, e.g. "H6" */
    char currency[4];
    unsigned long records;
} tf_mirror_side;

/* One commodity code of a period and direction, both sides at that code. */
typedef struct tf_mirror_code {
    char code[16];
    tf_opt own, mirror;      /* values (currency), no value where a side lacks the code */
    tf_opt ratio;            /* own / mirror */
    tf_opt gap_pct;          /* importer - exporter, % of exporter */
    int extreme;             /* ratio above 10 or below 0.1 */
    const char *special;     /* static text naming HS 9999 or chapter 99 (national
                                special and confidential codes), else NULL */
} tf_mirror_code;

/* direction 0: reporter's imports from partner vs partner's exports to reporter;
 * direction 1: reporter's exports to partner vs partner's imports from reporter. */
typedef struct tf_mirror_row {
    char period[8];
    int direction;
    tf_mirror_side own, mirror;
    tf_opt value_gap, value_ratio;       /* USD; own / mirror */
    tf_opt fob_gap, fob_ratio;           /* both sides FOB */
    tf_opt quantity_gap, quantity_ratio; /* t */
    tf_opt gap_pct;          /* values: 100 * (importer - exporter) / exporter, % */
    int extreme;             /* value (or, without values, quantity) ratio above 10
                                or below 0.1 */
    tf_mirror_code *codes;   /* the codes summed, by code (the union of both sides) */
    size_t n_codes;
} tf_mirror_row;

typedef struct tf_mirror {
    char reporter[4], partner[4];
    char reporter_name[128], partner_name[128]; /* English names (tf_partner_display_name:
                                                   data/partners.csv, the ingested file's,
                                                   data/comtrade-areas.csv, else the code) */
    char classification[8];
    tf_mirror_row *rows;     /* by period, then direction */
    size_t n_rows;
    char **notes;
    size_t n_notes;
} tf_mirror;

/*
 * Compute the mirror table. At each side the commodity codes found under the
 * selection are summed, leaving out a code whose heading is also there (so a
 * code and its sub-codes are not both counted; 9999 beside 760110 is);
 * partner rows on the standard basis (origin for imports, destination for
 * exports) are used where present, else those of the basis
 * found (noted). Errors: TF_ERR_USAGE (missing reporter/partner/codes, bad
 * as_of), TF_ERR_DB, TF_ERR_NOMEM.
 */
TF_API tf_status tf_mirror_compute(tf_db *db, const tf_mirror_query *q, tf_mirror **out);
TF_API void tf_mirror_free(tf_mirror **m);

/* What a commodity code is when it names no goods: "not specified according
 * to kind (HS 9999)" for 9999..., "HS chapter 99: special national codes,
 * where reporters put confidential trade" for other 99... codes (HS
 * nomenclature: chapter 99 is left to national use); NULL for other codes.
 * Static text. */
TF_API const char *tf_mirror_code_special(const char *code);

/* 1 when a ratio is extreme: above TF_MIRROR_EXTREME or below its inverse. */
TF_API int tf_mirror_extreme(tf_opt ratio);

#ifdef __cplusplus
}
#endif
#endif
