/* libFuzzer target: the prices reader (tf_read with format TF_FORMAT_PRICES). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_read(data, size, TF_FORMAT_PRICES, TF_FLOW_NONE);
}
