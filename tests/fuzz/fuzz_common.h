/* Shared by the libFuzzer targets: feed one input to a reader. */
#ifndef TF_FUZZ_COMMON_H
#define TF_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tradeflow.h"

static tf_status fz_sink(void *ctx, const tf_record *r, tf_diag *d)
{
    (void)d;
    /* touch every field the reader filled */
    size_t *n = ctx;
    *n += strlen(r->period) + strlen(r->partner) + strlen(r->commodity) + strlen(r->unit) +
          strlen(r->provenance) + strlen(r->partner_name) + (size_t)(r->quantity & 1);
    return TF_OK;
}

static tf_status fz_points(void *ctx, const tf_window_point *p, tf_diag *d)
{
    (void)d;
    size_t *n = ctx;
    *n += strlen(p->date) + (p->value > 0);
    return TF_OK;
}

static const tf_refdata *fz_ref(void)
{
    static tf_refdata *ref;
    if (!ref && tf_refdata_open(&ref) != TF_OK)
        abort();
    return ref;
}

/* ingest --period/--range for the read (the gacc target sets it): NULL = none */
static const char *fz_period;

/* Read data as one file of the given format (AUTO: detected), with the
 * header renaming of `ingest --columns` when columns is not NULL. */
static int fz_read_cols(const uint8_t *data, size_t size, tf_format fmt, tf_flow flow,
                        const char *columns)
{
    FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
    if (!in)
        return 0;
    if (!size) {
        fclose(in);
        in = fopen("/dev/null", "rb");
    }
    tf_read_opts o;
    memset(&o, 0, sizeof o);
    o.format = fmt;
    o.flow = flow;
    o.columns = columns;
    o.period = fz_period;
    size_t n = 0;
    o.points = fz_points;
    o.points_ctx = &n;
    tf_diag d;
    memset(&d, 0, sizeof d);
    tf_read_stats st;
    char sha[65];
    tf_status s = tf_read(in, "fuzz.csv", &o, fz_ref(), fz_sink, &n, &d, &st, sha);
    if (s == TF_ERR_INPUT && strncmp(d.error.msg, "fuzz.csv", 8) != 0)
        abort(); /* an input error must name the file */
    fclose(in);
    return 0;
}

static int fz_read(const uint8_t *data, size_t size, tf_format fmt, tf_flow flow)
{
    return fz_read_cols(data, size, fmt, flow, NULL);
}

/* A path naming a memory file holding data (for readers that open paths). */
static const char *fz_memfile(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("fuzz", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        abort();
    return path;
}

#endif
