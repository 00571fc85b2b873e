/* GSL, loaded with dlopen when an outlook is computed (internal; lazylib.h):
 * only `outlook` and the note's outlook paragraph fit regressions, and GSL
 * with its CBLAS cost every other command ~0.4 ms of start-up. outlook.c
 * (src/stats) includes this header, which includes GSL's, and calls the gsl_*
 * names as before. */
#ifndef TF_COMMON_GSL_LIB_H
#define TF_COMMON_GSL_LIB_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "lazylib.h"

#define TF_GSL_FUNCTIONS(X)                                                           \
    X(gsl_matrix_alloc) X(gsl_matrix_free) X(gsl_matrix_set)                          \
    X(gsl_multifit_linear_alloc) X(gsl_multifit_linear_free)                          \
    X(gsl_multifit_linear_tsvd) X(gsl_set_error_handler) X(gsl_set_error_handler_off) \
    X(gsl_sort) X(gsl_stats_quantile_from_sorted_data) X(gsl_vector_alloc)            \
    X(gsl_vector_free) X(gsl_vector_get) X(gsl_vector_set)

typedef struct tf_gsl_fns {
    TF_GSL_FUNCTIONS(TF_LAZY_MEMBER)
} tf_gsl_fns;

/* The loaded functions: valid once tf_gsl_load returned TF_OK. */
extern tf_gsl_fns tf_gsl;

/* Load libgsl.so.27 (Debian package libgsl27; it brings libgslcblas) once per
 * process ($TF_LIBGSL names another file), thread-safe. Returns TF_OK, or TF_ERR_IO with err->msg naming the
 * library and the package; err may be NULL. */
tf_status tf_gsl_load(tf_error *err);

#ifndef TF_GSL_LOADER
#define gsl_matrix_alloc (tf_gsl.gsl_matrix_alloc)
#define gsl_matrix_free (tf_gsl.gsl_matrix_free)
#define gsl_matrix_set (tf_gsl.gsl_matrix_set)
#define gsl_multifit_linear_alloc (tf_gsl.gsl_multifit_linear_alloc)
#define gsl_multifit_linear_free (tf_gsl.gsl_multifit_linear_free)
#define gsl_multifit_linear_tsvd (tf_gsl.gsl_multifit_linear_tsvd)
#define gsl_set_error_handler (tf_gsl.gsl_set_error_handler)
#define gsl_set_error_handler_off (tf_gsl.gsl_set_error_handler_off)
#define gsl_sort (tf_gsl.gsl_sort)
#define gsl_stats_quantile_from_sorted_data (tf_gsl.gsl_stats_quantile_from_sorted_data)
#define gsl_vector_alloc (tf_gsl.gsl_vector_alloc)
#define gsl_vector_free (tf_gsl.gsl_vector_free)
#define gsl_vector_get (tf_gsl.gsl_vector_get)
#define gsl_vector_set (tf_gsl.gsl_vector_set)
#endif

#endif
