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

/* Add a claim; returns its index or (size_t)-1 when out of memory. */
size_t tf_audit_add_claim(tf_audit *a, const tf_claim *c);
/* Add a finding; returns 0 or -1 when out of memory. */
int tf_audit_add_finding(tf_audit *a, const tf_finding *f);

/* Check the claims and fill a->findings. */
tf_status tf_audit_check(tf_audit *a, const tf_audit_opts *opts);

#endif
