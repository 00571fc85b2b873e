/* Helpers shared by the cmocka unit tests. */
#ifndef TF_TESTUTIL_H
#define TF_TESTUTIL_H

#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tradeflow.h"

/* Path of the shared real-data folder: $TF_SHARED, else ../shared. */
static inline const char *tt_shared(void)
{
    const char *s = getenv("TF_SHARED");
    return s && *s ? s : "../shared";
}

/* Full path of a file under shared/, or NULL (test skipped) when absent. */
static inline const char *tt_shared_file(const char *rel)
{
    static char buf[4][1024];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, 1024, "%s/%s", tt_shared(), rel);
    struct stat sb;
    if (stat(p, &sb) != 0) {
        print_message("skipped: %s is absent (set TF_SHARED to the shared folder)\n", p);
        return NULL;
    }
    return p;
}

/* A fresh database file path under the build tree. */
static inline const char *tt_db_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "build/tmp/%s-%ld.db", name, (long)getpid());
    mkdir("build", 0755);
    mkdir("build/tmp", 0755);
    unlink(buf);
    return buf;
}

static inline tf_refdata *tt_ref(void)
{
    tf_refdata *r = NULL;
    assert_int_equal(tf_refdata_open(&r), TF_OK);
    return r;
}

/* Ingest text (a whole file's content) into db; returns the status. */
static inline tf_status tt_ingest_text(tf_db *db, const tf_refdata *ref, const char *name,
                                       const char *text, const tf_read_opts *opts,
                                       const char *now, tf_ingest_result *res, tf_diag *diag)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(in);
    tf_read_opts def = {0};
    tf_diag local;
    memset(&local, 0, sizeof local);
    tf_status st = tf_db_ingest(db, in, name, opts ? opts : &def, ref, now,
                                diag ? diag : &local, res);
    fclose(in);
    return st;
}

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

#endif
