/* libFuzzer target: the auto reader (tf_read with format TF_FORMAT_AUTO). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_read(data, size, TF_FORMAT_AUTO, TF_FLOW_EXPORT);
}
