/* libFuzzer target: the UN Comtrade reader (comtrade json; the reader tells JSON
 * from CSV by the first byte, the seeds and dictionary steer this target). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_read(data, size, TF_FORMAT_COMTRADE, TF_FLOW_NONE);
}
