/* The store's interface to the library's other modules (not installed). */
#ifndef TF_STORE_INT_H
#define TF_STORE_INT_H

#include "tradeflow/store.h"

/* Record on db the error of a computation made through it (query, report,
 * series, window: tradeflow/common.h), so that tf_db_error(db) says why it
 * failed. Returns st. */
tf_status tf_db_fail(tf_db *db, tf_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
