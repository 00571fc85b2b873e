/* libpq, loaded with dlopen when a postgresql:// store is opened (internal).
 * Linking libpq would map it and its ~20 libraries (TLS, Kerberos, LDAP,
 * SASL, GnuTLS) into every tradeflow process, about 3 ms of CPU in each
 * command's start-up, the SQLite store's included (README, Benchmark). The
 * store's PostgreSQL files (pg.c, pg_schema.c, pg_ingest.c) include this
 * header through pg_int.h and call the PQ* names as before: each stands for
 * the function pointer tf_pq_load filled in. */
#ifndef TF_STORE_PG_LIB_H
#define TF_STORE_PG_LIB_H

#include <libpq-fe.h>

#include "../common/lazylib.h"

/* The libpq functions the store calls (X: one per name). */
#define TF_PQ_FUNCTIONS(X)                                                            \
    X(PQconnectdb) X(PQfinish) X(PQstatus) X(PQtransactionStatus) X(PQerrorMessage)   \
    X(PQsetClientEncoding) X(PQsetNoticeProcessor) X(PQexec) X(PQexecParams)          \
    X(PQgetResult) X(PQputCopyData) X(PQputCopyEnd) X(PQresultStatus)                 \
    X(PQresultErrorField) X(PQntuples) X(PQgetvalue) X(PQgetisnull) X(PQcmdTuples)    \
    X(PQclear)

typedef struct tf_pq_fns {
    TF_PQ_FUNCTIONS(TF_LAZY_MEMBER)
} tf_pq_fns;

/* The loaded functions: valid once tf_pq_load returned TF_OK. */
extern tf_pq_fns tf_pq;

/* Load libpq once per process (thread-safe; later calls return the first
 * outcome): the file named by $TF_LIBPQ when set and not empty, else
 * libpq.so.5 (Debian package libpq5) from the loader's search path.
 * Returns TF_OK, or TF_ERR_IO with err->msg naming the file, the package
 * and the loader's reason (absent, or lacking one of the functions); err may
 * be NULL. */
tf_status tf_pq_load(tf_error *err);

#ifndef TF_PQ_LOADER
#define PQconnectdb (tf_pq.PQconnectdb)
#define PQfinish (tf_pq.PQfinish)
#define PQstatus (tf_pq.PQstatus)
#define PQtransactionStatus (tf_pq.PQtransactionStatus)
#define PQerrorMessage (tf_pq.PQerrorMessage)
#define PQsetClientEncoding (tf_pq.PQsetClientEncoding)
#define PQsetNoticeProcessor (tf_pq.PQsetNoticeProcessor)
#define PQexec (tf_pq.PQexec)
#define PQexecParams (tf_pq.PQexecParams)
#define PQgetResult (tf_pq.PQgetResult)
#define PQputCopyData (tf_pq.PQputCopyData)
#define PQputCopyEnd (tf_pq.PQputCopyEnd)
#define PQresultStatus (tf_pq.PQresultStatus)
#define PQresultErrorField (tf_pq.PQresultErrorField)
#define PQntuples (tf_pq.PQntuples)
#define PQgetvalue (tf_pq.PQgetvalue)
#define PQgetisnull (tf_pq.PQgetisnull)
#define PQcmdTuples (tf_pq.PQcmdTuples)
#define PQclear (tf_pq.PQclear)
#endif

#endif
