/*
 * libpq loaded at run time (pg_lib.h): dlopen on the first postgresql://
 * store a process opens (src/common/lazylib.c).
 */
#define TF_PQ_LOADER
#include "../common/lazylib.h"
#include "pg_lib.h"

tf_pq_fns tf_pq;

static const char *const names[] = {TF_PQ_FUNCTIONS(TF_LAZY_NAME)};
_Static_assert(sizeof tf_pq == sizeof names / sizeof names[0] * sizeof(void *),
               "tf_pq: one pointer per name");

static tf_lazylib lib = {"TF_LIBPQ", "libpq.so.5", "libpq5", "a postgresql:// database",
                         names, sizeof names / sizeof names[0], &tf_pq, 0, TF_OK, ""};

tf_status tf_pq_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
