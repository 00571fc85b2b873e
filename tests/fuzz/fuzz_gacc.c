/* libFuzzer target: the gacc reader (tf_read with format TF_FORMAT_GACC). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* files with and without a date column: a third of the inputs are read as a
     * single month, a third as a cumulative range (ingest --period / --range) */
    static const char *const periods[] = {NULL, "2025-03", "2025-01..2025-03"};
    fz_period = periods[size % 3];
    return fz_read(data, size, TF_FORMAT_GACC, TF_FLOW_IMPORT);
}
