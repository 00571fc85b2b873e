/*
 * tradeflow/record.h — the canonical trade record every reader produces and
 * the store keeps. See docs/tradeflow-csv.md for the field definitions.
 */
#ifndef TRADEFLOW_RECORD_H
#define TRADEFLOW_RECORD_H

#include "tradeflow/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TF_PARTNER_WORLD "WLD"

/*
 * One cell of trade data. The key (period .. province) names the cell; the
 * measures are quantity, quantity2 and value. Text fields are NUL-terminated
 * and bounded by their array sizes; readers reject longer input.
 *
 * Mass is normalised by readers: a quantity in t or kg is stored with unit
 * "kg" (thousandths of a kg, i.e. exact to the gram). Other units are kept as
 * given. Values are in `currency` (CNY or USD), thousandths of the unit.
 */
typedef struct tf_record {
    char period[20];         /* "YYYY-MM", "YYYY", or a cumulative range
                                "YYYY-MM..YYYY-MM" (a GACC download over several
                                months, ingest --range): never a month, never
                                counted by the monthly or annual report */
    tf_flow flow;
    char reporter[4];        /* ISO 3166 alpha-3, default "CHN" */
    char partner[16];        /* ISO alpha-3, "WLD", or "GACC:nnn" when unmapped */
    char partner_basis[48];  /* origin|consignment|destination|trading|group|"", or
                                "breakdown:partner2=N", "breakdown:mot=N",
                                "breakdown:customs=C" (several comma-separated, in
                                that order): a UN Comtrade breakdown row of the
                                partner's aggregate row, stored apart and never added
                                to totals (the reports and mirror skip it) */
    char classification[8];  /* "HS" (default), "SITC", "TOTAL", ... */
    char commodity[16];      /* e.g. "76011090" */
    char trade_mode[8];      /* GACC trade-mode code or "" */
    char province[8];        /* GACC province code or "" */
    int has_quantity;
    tf_milli quantity;       /* thousandths of `unit` */
    char unit[32];           /* "kg" for mass; others as given */
    int has_quantity2;
    tf_milli quantity2;
    char unit2[32];
    int has_value;
    tf_milli value;          /* thousandths of `currency` */
    char currency[4];        /* "CNY", "USD" or "" */
    char status[12];         /* reported|derived|estimated */
    char provenance[512];    /* free text: where the figure comes from */
    char partner_name[128];  /* name given by the file, for unmapped codes */
    unsigned long line;      /* input line the record came from */
    /* UN Comtrade keeps the valuations apart: `value` is its primaryValue
     * (imports usually CIF, exports FOB); cif/fob are its cifvalue and
     * fobvalue where reported, thousandths of `currency`. */
    int has_cif;
    tf_milli cif;
    int has_fob;
    tf_milli fob;
} tf_record;

/* 1 when r is a breakdown row (partner_basis "breakdown:..."), else 0. */
TF_API int tf_record_is_breakdown(const tf_record *r);

/* Reset a record to defaults: reporter CHN, classification HS, status reported. */
TF_API void tf_record_init(tf_record *r);

#ifdef __cplusplus
}
#endif
#endif
