/* The PostgreSQL store (internal): the schema (pg_schema.c) and the helpers
 * pg.c and pg_ingest.c share. The functions store.c and ingest.c dispatch to
 * are declared in store_int.h. */
#ifndef TF_STORE_PG_INT_H
#define TF_STORE_PG_INT_H

#include "pg_lib.h" /* libpq, loaded at run time */

#include "store_int.h"

/* The advisory lock of the store: schema creation and every ingest hold it
 * for their transaction (pg_advisory_xact_lock), so ingests run one at a
 * time; readers take no lock (MVCC). "TFlw". */
#define TF_PG_LOCK "1413900407"
/* Who may drop an empty store (tf_pg_discard_if_empty), as the flock on a
 * SQLite file: every writer's session holds this advisory lock shared for its
 * life, taken before it looks for the schema; the discard drops the tables
 * only under it exclusive, so never under an ingest that is reading its file
 * before its transaction begins. "TFlx". */
#define TF_PG_HOLD_LOCK "1413900408"

/* The DDL of the schema-6 tables, in PostgreSQL types (one string of
 * statements, run in one transaction on an empty database). */
extern const char *const tf_pg_schema_sql;

/* sql with n text parameters (n = 0: PQexec, several statements allowed).
 * The result (tuples, command or COPY IN), or NULL with d->error set. */
PGresult *tf_pg_exec(tf_db *d, const char *sql, int n, const char *const *params);
/* tf_pg_exec, result dropped: TF_OK or TF_ERR_DB. */
tf_status tf_pg_run(tf_db *d, const char *sql, int n, const char *const *params);
/* d->error from a failed result (NULL: the connection's message); a role
 * without write rights (SQLSTATE 42501) is named as such. TF_ERR_DB. */
tf_status tf_pg_fail(tf_db *d, const PGresult *r);

#endif
