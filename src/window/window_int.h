/* The import window's parts shared by window.c and series.c (not public API). */
#ifndef TF_WINDOW_INT_H
#define TF_WINDOW_INT_H

#include "tradeflow/window.h"

/* tf_window_params for a caller that gives some rates itself: given[0..2]
 * (VAT, duty, misc; NULL: none) marks the rates it gives, which are no gap.
 * Every rate in force is set; TF_ERR_NOT_FOUND, err naming the first rate
 * (VAT, misc, duty) neither in force on date nor given. Rates and their
 * dates: docs/window.md, data/window-params.csv. */
tf_status tf_window_params_given(const tf_refdata *ref, const char *date, const char *hs,
                                 const char *origin_group, const int given[3], double *vat_pct,
                                 double *duty_pct, double *misc, tf_error *err);

#endif
