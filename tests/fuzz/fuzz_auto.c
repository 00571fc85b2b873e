/* libFuzzer target: the auto reader (tf_read with format TF_FORMAT_AUTO). An
 * input whose first line starts with "#columns=" gives the rest of that line
 * as the header renaming of `ingest --columns` and the lines after it as the
 * file. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char tag[] = "#columns=";
    if (size > sizeof tag - 1 && !memcmp(data, tag, sizeof tag - 1)) {
        const uint8_t *nl = memchr(data, '\n', size);
        size_t cl = (nl ? (size_t)(nl - data) : size) - (sizeof tag - 1);
        char cols[256];
        if (cl >= sizeof cols)
            cl = sizeof cols - 1;
        memcpy(cols, data + sizeof tag - 1, cl);
        cols[cl] = '\0';
        size_t skip = nl ? (size_t)(nl - data) + 1 : size;
        return fz_read_cols(data + skip, size - skip, TF_FORMAT_AUTO, TF_FLOW_EXPORT, cols);
    }
    return fz_read(data, size, TF_FORMAT_AUTO, TF_FLOW_EXPORT);
}
