/* libFuzzer target: the tfcsv reader (tf_read with format TF_FORMAT_TFCSV). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_read(data, size, TF_FORMAT_TFCSV, TF_FLOW_NONE);
}
