/* libFuzzer target: the gacc reader (tf_read with format TF_FORMAT_GACC). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_read(data, size, TF_FORMAT_GACC, TF_FLOW_IMPORT);
}
