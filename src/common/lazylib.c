/*
 * Libraries loaded with dlopen on first use (lazylib.h), as src/fetch/fetch.c
 * loads libcurl.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazylib.h"
#include "util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* dlsym of every name into the table; TF_OK, or TF_ERR_IO with why set. */
static tf_status bind_all(tf_lazylib *l, void *lib, const char *file)
{
    for (size_t i = 0; i < l->n; i++) {
        void *fn = dlsym(lib, l->names[i]);
        if (!fn) {
            snprintf(l->why, sizeof l->why, "%s lacks %s: not %s, or one older than this "
                     "tradeflow needs", file, l->names[i], l->file);
            memset(l->table, 0, l->n * sizeof fn);
            return TF_ERR_IO;
        }
        memcpy((char *)l->table + i * sizeof fn, &fn, sizeof fn);
    }
    return TF_OK;
}

static tf_status load(tf_lazylib *l)
{
    const char *file = l->env ? getenv(l->env) : NULL;
    if (!file || !*file)
        file = l->file;
    void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib) {
        const char *e = dlerror();
        if (file == l->file)
            snprintf(l->why, sizeof l->why, "cannot load %s (Debian package %s), needed for "
                     "%s: %s", file, l->package, l->use, e ? e : "not found");
        else
            snprintf(l->why, sizeof l->why, "cannot load %s (named by %s; by default %s, "
                     "Debian package %s), needed for %s: %s", file, l->env, l->file,
                     l->package, l->use, e ? e : "not found");
        return TF_ERR_IO;
    }
    return bind_all(l, lib, file);
}

tf_status tf_lazylib_load(tf_lazylib *l, tf_error *err)
{
    pthread_mutex_lock(&lock);
    if (!l->done) {
        l->status = load(l);
        l->done = 1;
    }
    pthread_mutex_unlock(&lock);
    if (l->status != TF_OK)
        return tf_error_set(err, TF_ERR_IO, "%s", l->why);
    return TF_OK;
}
