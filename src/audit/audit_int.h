/* Internal to src/audit: the note tokenizer and the pieces shared by the
 * extractor and the checker. */
#ifndef TF_AUDIT_INT_H
#define TF_AUDIT_INT_H

#include "tradeflow/audit.h"

/* Month index helpers: m = year*12 + (month-1). */
static inline int tf_mi_year(int m) { return m / 12; }
static inline int tf_mi_month(int m) { return m % 12 + 1; }

/* "April 2025", "January-April 2025", "2022" into buf. */
void tf_period_words(tf_span_period p, char *buf, size_t len);
/* "2025-04", "2025-01..2025-04" */
void tf_period_key(tf_span_period p, char *buf, size_t len);
/* A figure with thousands separators and up to `dec` decimals. */
void tf_num_words(double v, int dec, char *buf, size_t len);

/* The decimals to print a proposed figure with: at least dec, more (up to 3)
 * while fixed has digits there (328.2 for 3,282 with the point moved). */
int tf_audit_fix_decimals(double fixed, int dec);
/* A unit-value finding's equation and evidence (English and Chinese notes):
 * value v in currency cur, quantity q t, unit value p cur/t stated; the
 * proposal g->proposed_text already set; unit_value_blamed when the slip is
 * put on the unit value. DOMAIN.md section 2: unit value = value / quantity. */
void tf_audit_unit_value_text(tf_finding *g, double v, double q, double p, const char *cur,
                              int unit_value_blamed);

/* Yuan per US dollar from 1994 on stayed within 6.0..8.3 (People's Bank of China
 * central parity); a conversion in a note implies a rate within these bounds. */
#define TF_CNY_PER_USD_MIN 5.5
#define TF_CNY_PER_USD_MAX 9.0

/* Add a claim; returns its index or (size_t)-1 when out of memory. */
size_t tf_audit_add_claim(tf_audit *a, const tf_claim *c);
/* Add a finding; returns 0 or -1 when out of memory. */
int tf_audit_add_finding(tf_audit *a, const tf_finding *f);
/* A slip the extractor finds by itself (a malformed number, a conversion or a
 * daily average that contradicts its own sentence): the figure's claim (the
 * caller sets note, period, quantity and sentence span; here metric other,
 * partner WLD and `unit`: kept, never checked) is added, and *f is cleared and
 * set for an error of `kind` on `field` of that claim, for the caller to
 * complete and add. 0, or -1 when out of memory. */
int tf_audit_slip_claim(tf_audit *a, tf_claim *cl, const char *unit, const char *kind,
                        const char *field, tf_finding *f);

/* A currency conversion whose implied yuan-per-dollar rate lies outside
 * TF_CNY_PER_USD_MIN..MAX, English and Chinese: the finding's kind when a
 * power of ten p (0: none) brings the rate within, and its confidence,
 * equation and evidence. */
const char *tf_audit_conversion_kind(int p);
void tf_audit_conversion_explain(tf_finding *f, double rate, int p);

/* 1 when the text [b, e) is Chinese (CJK characters outnumber half the
 * Latin letters, at least 20 of them). */
int tf_audit_is_chinese(const char *text, size_t b, size_t e);
/* Claims of Chinese note `note` (its body from byte `body`), year-less
 * months resolved against month index `ref`; products and partners from
 * `ref_data` (the built-in tables when NULL). TF_OK or TF_ERR_NOMEM. */
tf_status tf_audit_extract_zh(tf_audit *a, size_t note, size_t body, int ref,
                              const tf_refdata *ref_data);

/* The latest month a Chinese text [0, n) names with its year ("2025年5月",
 * "2025年1-5月", "2025年5月份": May 2025), as a month index, or -1 when it names
 * none: the reference of a note without a date. */
int tf_audit_zh_latest_month(const char *s, size_t n);

/* Check the claims and fill a->findings. */
tf_status tf_audit_check(tf_audit *a, const tf_audit_opts *opts);

#endif
