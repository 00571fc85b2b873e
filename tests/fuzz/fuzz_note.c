/* libFuzzer target: the audit's note reader, claim extraction and checks. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_memfile(data, size);
    tf_audit_opts o = {"2025-05-29", NULL, NULL};
    tf_audit *a = NULL;
    tf_error err = {0};
    tf_status st = tf_audit_run(&path, 1, &o, &a, &err);
    if (st == TF_OK) {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            tf_audit_write(out, a, 1);
            tf_audit_write(out, a, 0);
            tf_audit_claims_write(out, a);
            fclose(out);
        }
        for (size_t i = 0; i < a->n_findings; i++)
            if (a->findings[i].start > a->findings[i].end)
                abort(); /* a span runs backwards */
    } else if (st == TF_ERR_INPUT && !strstr(err.msg, "/proc/self/fd/")) {
        abort(); /* an input error must name the file */
    }
    tf_audit_free(&a);
    return 0;
}
