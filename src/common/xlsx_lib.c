/* libxlsxwriter loaded at run time (xlsx_lib.h, src/common/lazylib.c). */
#define TF_XLSX_LOADER
#include "xlsx_lib.h"

tf_xlsx_fns tf_xlsx;

TF_LAZYLIB_DEFINE(TF_XLSX_FUNCTIONS, tf_xlsx,
                  "TF_LIBXLSXWRITER", "libxlsxwriter.so.4", "libxlsxwriter4",
                  "xlsx workbooks");

tf_status tf_xlsx_load(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}
