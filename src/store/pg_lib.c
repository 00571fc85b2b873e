/*
 * libpq loaded at run time (pg_lib.h): dlopen on the first postgresql://
 * store a process opens (src/common/lazylib.c).
 */
#define TF_PQ_LOADER
#include "../common/lazylib.h"
#include "pg_lib.h"

tf_pq_fns tf_pq;

TF_LAZYLIB_DEFINE(TF_PQ_FUNCTIONS, tf_pq,
                  "TF_LIBPQ", "libpq.so.5", "libpq5",
                  "a postgresql:// database");

tf_status tf_pq_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
