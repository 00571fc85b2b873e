/* libFuzzer target: a user's product-definition file (--products FILE). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_memfile(data, size);
    tf_refdata *ref = NULL;
    if (tf_refdata_open(&ref) != TF_OK)
        abort();
    tf_error err = {0};
    if (tf_refdata_add_products(ref, path, &err) == TF_OK) {
        for (size_t i = 0; i < tf_refdata_product_count(ref); i++) {
            const tf_product *p = tf_refdata_product_at(ref, i);
            if (!p->name || !p->n_codes)
                abort(); /* a product without a name or codes got in */
        }
    }
    tf_refdata_free(&ref);
    return 0;
}
