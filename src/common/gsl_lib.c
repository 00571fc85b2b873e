/* GSL loaded at run time (gsl_lib.h, src/common/lazylib.c). */
#define TF_GSL_LOADER
#include "gsl_lib.h"

tf_gsl_fns tf_gsl;

TF_LAZYLIB_DEFINE(TF_GSL_FUNCTIONS, tf_gsl,
                  "TF_LIBGSL", "libgsl.so.27", "libgsl27",
                  "the outlook's regressions");

tf_status tf_gsl_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
