/* libxlsxwriter loaded at run time (xlsx_lib.h, src/common/lazylib.c). */
#define TF_XLSX_LOADER
#include "xlsx_lib.h"

tf_xlsx_fns tf_xlsx;

static const char *const names[] = {TF_XLSX_FUNCTIONS(TF_LAZY_NAME)};
_Static_assert(sizeof tf_xlsx == sizeof names / sizeof names[0] * sizeof(void *),
               "tf_xlsx: one pointer per name");

static tf_lazylib lib = {"TF_LIBXLSXWRITER", "libxlsxwriter.so.4", "libxlsxwriter4",
                         "xlsx workbooks", names, sizeof names / sizeof names[0], &tf_xlsx,
                         0, TF_OK, ""};

tf_status tf_xlsx_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
