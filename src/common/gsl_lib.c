/* GSL loaded at run time (gsl_lib.h, src/common/lazylib.c). */
#define TF_GSL_LOADER
#include "gsl_lib.h"

tf_gsl_fns tf_gsl;

static const char *const names[] = {TF_GSL_FUNCTIONS(TF_LAZY_NAME)};
_Static_assert(sizeof tf_gsl == sizeof names / sizeof names[0] * sizeof(void *),
               "tf_gsl: one pointer per name");

static tf_lazylib lib = {"TF_LIBGSL", "libgsl.so.27", "libgsl27", "the outlook's regressions",
                         names, sizeof names / sizeof names[0], &tf_gsl, 0, TF_OK, ""};

tf_status tf_gsl_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
