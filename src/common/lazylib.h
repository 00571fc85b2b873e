/* Libraries loaded with dlopen on first use (internal): libpq (a postgresql://
 * store), GSL (the outlook), libxlsxwriter (xlsx workbooks) and libcrypto
 * (SHA-256 of ingested files). Linked, each would be mapped and relocated in
 * every tradeflow process, its start-up included (README, Benchmark: about
 * 3 ms of CPU for libpq and its ~20 libraries, 2 ms for the other three, of a
 * report's 7-8 ms on the loaded test machine).
 * A user lists the functions it calls in an X-macro, keeps them in a struct
 * of function pointers (TF_LAZY_MEMBER) and calls them under their own names
 * through macros (see src/store/pg_lib.h). */
#ifndef TF_COMMON_LAZYLIB_H
#define TF_COMMON_LAZYLIB_H

#include <stddef.h>

#include "tradeflow/common.h"

/* One member of a function table: f's own type, as a pointer. */
#define TF_LAZY_MEMBER(f) __typeof__(f) *f;
/* One entry of a name list, in the table's order. */
#define TF_LAZY_NAME(f) #f,

/* The descriptor of a loader: defines the file-scope `names` (FUNCS(X) lists the
 * functions) and `lib` for the function table `table`, checking that the table has one
 * pointer per name. env, file, package, use: as in tf_lazylib. */
#define TF_LAZYLIB_DEFINE(FUNCS, table, env, file, package, use)                           \
    static const char *const names[] = {FUNCS(TF_LAZY_NAME)};                              \
    _Static_assert(sizeof(table) == sizeof names / sizeof names[0] * sizeof(void *),       \
                   #table ": one pointer per name");                                       \
    static tf_lazylib lib = {env,   file, package, use, names, sizeof names / sizeof names[0], \
                             &(table), 0,    TF_OK,   ""}

typedef struct tf_lazylib {
    const char *env;          /* environment variable naming another file, or NULL */
    const char *file;         /* the library's soname, e.g. "libgsl.so.27" */
    const char *package;      /* the Debian package that has it, for the message */
    const char *use;          /* what needs it, for the message */
    const char *const *names; /* the functions, in the order of table's members */
    size_t n;
    void *table;              /* a struct of n function pointers, filled in */
    /* set by tf_lazylib_load (zero-initialise) */
    int done;
    tf_status status;
    char why[448];
} tf_lazylib;

/* Load l once per process (thread-safe; later calls return the first
 * outcome), RTLD_LOCAL and kept to the end of the process. Returns TF_OK, or
 * TF_ERR_IO with err->msg naming the file, the package and what needs it
 * (absent, or lacking one of the functions); err may be NULL. */
tf_status tf_lazylib_load(tf_lazylib *l, tf_error *err);

#endif
