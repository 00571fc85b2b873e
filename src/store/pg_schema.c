/*
 * The PostgreSQL store's schema: the tables of SQLite schema 6 (store.c) in
 * PostgreSQL types, created by tf_db_open (pg.c) on an empty database in one
 * transaction. Kept here, in one place, for the single-server store and for
 * layouts built on it (docs/postgresql.md, docs/scaling.md).
 *
 * - Text is compared bytewise (COLLATE "C"), as SQLite's BINARY collation
 *   does, whatever the database's locale: reports read cells in the same
 *   order on both backends.
 * - Figures are bigint thousandths (tf_milli); window points double precision.
 * - Ids of `source` and of `cell` revisions are given by the ingest under its
 *   advisory lock (max(id) + 1, and `counter`), never by a sequence, so ids
 *   are those SQLite gives and a rolled-back ingest leaves no gap.
 * - No code relies on a unique constraint of `cell` or on ON CONFLICT: `cell`
 *   may be replaced by a table partitioned by commodity whose partitions are
 *   postgres_fdw foreign tables (or a Citus distributed table); the primary
 *   key below only serves the single-server layout as its clustered index.
 */
#include "pg_int.h"

const char *const tf_pg_schema_sql =
    "CREATE TABLE tradeflow_schema(version integer NOT NULL);"
    "CREATE TABLE source("
    " id bigint PRIMARY KEY,"
    " name text NOT NULL,"
    " sha256 text COLLATE \"C\" NOT NULL,"
    " format text NOT NULL,"
    " options text COLLATE \"C\" NOT NULL,"
    " rows bigint NOT NULL DEFAULT 0,"
    " added bigint NOT NULL DEFAULT 0,"
    " revised bigint NOT NULL DEFAULT 0,"
    " unchanged bigint NOT NULL DEFAULT 0,"
    " ingested_at text COLLATE \"C\" NOT NULL,"
    " retracted_at text COLLATE \"C\","
    " vintage text COLLATE \"C\" NOT NULL DEFAULT '',"
    " older bigint NOT NULL DEFAULT 0);"
    "CREATE UNIQUE INDEX source_live ON source(sha256, options)"
    " WHERE retracted_at IS NULL AND sha256 <> '';"
    "CREATE TABLE cell("
    " classification text COLLATE \"C\" NOT NULL, commodity text COLLATE \"C\" NOT NULL,"
    " period text COLLATE \"C\" NOT NULL, flow integer NOT NULL,"
    " reporter text COLLATE \"C\" NOT NULL, partner text COLLATE \"C\" NOT NULL,"
    " partner_basis text COLLATE \"C\" NOT NULL, trade_mode text COLLATE \"C\" NOT NULL,"
    " province text COLLATE \"C\" NOT NULL, currency text COLLATE \"C\" NOT NULL,"
    " id bigint NOT NULL,"
    " quantity bigint, unit text NOT NULL, quantity2 bigint, unit2 text NOT NULL,"
    " value bigint, status text, provenance text NOT NULL,"
    " source_id bigint NOT NULL, line bigint NOT NULL,"
    " cif bigint, fob bigint,"
    " PRIMARY KEY(classification, commodity, period, flow, reporter, partner, partner_basis,"
    " trade_mode, province, currency, id));"
    "CREATE TABLE counter(name text PRIMARY KEY, value bigint NOT NULL);"
    "INSERT INTO counter VALUES('record', 0);"
    "CREATE TABLE stated(record_id bigint NOT NULL, source_id bigint NOT NULL,"
    " PRIMARY KEY(record_id, source_id));"
    "CREATE TABLE window_point("
    " id bigint PRIMARY KEY,"
    " product text COLLATE \"C\" NOT NULL,"
    " series text COLLATE \"C\" NOT NULL,"
    " kind text COLLATE \"C\" NOT NULL,"
    " date text COLLATE \"C\" NOT NULL,"
    " value double precision NOT NULL,"
    " source_id bigint NOT NULL,"
    " line bigint NOT NULL);"
    "CREATE INDEX window_point_key ON window_point(product, series, kind, date, id);"
    "CREATE TABLE partner_name(code text COLLATE \"C\" PRIMARY KEY, name text NOT NULL);"
    "CREATE VIEW record AS SELECT id, classification, commodity, period, flow, reporter,"
    " partner, partner_basis, trade_mode, province, quantity, unit, quantity2, unit2, value,"
    " currency, coalesce(status, 'reported') AS status, provenance, source_id, line, cif, fob"
    " FROM cell;"
    "INSERT INTO tradeflow_schema VALUES(6);";
