/*
 * libpq loaded at run time (pg_lib.h): dlopen on the first postgresql://
 * store a process opens, as src/fetch/fetch.c loads libcurl.
 */
#define _POSIX_C_SOURCE 200809L
#define TF_PQ_LOADER
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "pg_lib.h"

tf_pq_fns tf_pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static tf_status loaded = TF_ERR_IO;
static char why[400];

/* dlsym of every name of TF_PQ_FUNCTIONS into tf_pq; 0, or -1 with why set. */
static int bind_all(void *lib, const char *file)
{
    struct {
        const char *name;
        void **slot;
    } sym[] = {
#define TF_PQ_SLOT(f) {#f, (void **)&tf_pq.f},
        TF_PQ_FUNCTIONS(TF_PQ_SLOT)
#undef TF_PQ_SLOT
    };
    for (size_t i = 0; i < sizeof sym / sizeof sym[0]; i++) {
        void *fn = dlsym(lib, sym[i].name);
        if (!fn) {
            snprintf(why, sizeof why, "%s lacks %s: not libpq, or a libpq older than "
                     "this tradeflow needs", file, sym[i].name);
            memset(&tf_pq, 0, sizeof tf_pq);
            return -1;
        }
        memcpy(sym[i].slot, &fn, sizeof fn);
    }
    return 0;
}

static void load_once(void)
{
    const char *file = getenv("TF_LIBPQ");
    if (!file || !*file)
        file = "libpq.so.5";
    /* kept for the process's life: connections may outlive any one store */
    void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib) {
        const char *e = dlerror();
        snprintf(why, sizeof why, "cannot load libpq (%s, Debian package libpq5), needed "
                 "for a postgresql:// database: %s", file, e ? e : "not found");
        return;
    }
    if (bind_all(lib, file) == 0)
        loaded = TF_OK;
}

tf_status tf_pq_load(tf_error *err)
{
    pthread_once(&once, load_once);
    if (loaded != TF_OK)
        return tf_error_set(err, TF_ERR_IO, "%s", why);
    return TF_OK;
}
