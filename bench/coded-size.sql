-- bench/coded-size.sql: how large the store would be with its dimensions
-- dictionary-coded, measured on a schema-6 store before schema 7 was built
-- (schema 7 is this coding, docs/store.md; kept to repeat the measurement on a
-- schema-6 file, e.g. one loaded from tests/store/schema6.sql): run on a copy of a store,
--   sqlite3 STORE.db < bench/coded-size.sql && sqlite3 coded.db VACUUM
-- writes coded.db beside it: the same cell table, same key order (codes given
-- in sorted order of their text), commodity, period, classification, reporter,
-- partner, basis, mode, province, currency and units as small integers, plus
-- the dictionaries. Compare with sqlite3 STORE.db "VACUUM INTO 'plain.db'".
ATTACH 'coded.db' AS c;
PRAGMA c.page_size=4096;
CREATE TABLE c.d_commodity(id INTEGER PRIMARY KEY, v TEXT UNIQUE);
INSERT INTO c.d_commodity(v) SELECT DISTINCT commodity FROM cell ORDER BY 1;
CREATE TABLE c.d_period(id INTEGER PRIMARY KEY, v TEXT UNIQUE);
INSERT INTO c.d_period(v) SELECT DISTINCT period FROM cell ORDER BY 1;
CREATE TABLE c.d_small(kind TEXT, id INTEGER, v TEXT, PRIMARY KEY(kind, v));
INSERT INTO c.d_small SELECT 'cls', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT classification v FROM cell);
INSERT INTO c.d_small SELECT 'rep', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT reporter v FROM cell);
INSERT INTO c.d_small SELECT 'par', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT partner v FROM cell);
INSERT INTO c.d_small SELECT 'bas', row_number() OVER (ORDER BY v) - 1, v FROM (SELECT DISTINCT partner_basis v FROM cell);
INSERT INTO c.d_small SELECT 'mod', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT trade_mode v FROM cell);
INSERT INTO c.d_small SELECT 'pro', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT province v FROM cell);
INSERT INTO c.d_small SELECT 'cur', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT currency v FROM cell);
INSERT INTO c.d_small SELECT 'uni', row_number() OVER (ORDER BY v), v FROM (SELECT DISTINCT unit v FROM cell UNION SELECT DISTINCT unit2 FROM cell WHERE unit2 IS NOT NULL);
CREATE TABLE c.cell(classification INT, commodity INT, period INT, flow INT, reporter INT, partner INT,
 partner_basis INT, trade_mode INT, province INT, currency INT, id INT, quantity INT, unit INT,
 quantity2 INT, unit2 INT, value INT, status TEXT, provenance TEXT, source_id INT, line INT, cif INT, fob INT,
 PRIMARY KEY(classification, commodity, period, flow, reporter, partner, partner_basis, trade_mode, province, currency, id)) WITHOUT ROWID;
INSERT INTO c.cell SELECT
 (SELECT id FROM c.d_small WHERE kind='cls' AND v=x.classification),
 (SELECT id FROM c.d_commodity WHERE v=x.commodity),
 (SELECT id FROM c.d_period WHERE v=x.period), x.flow,
 (SELECT id FROM c.d_small WHERE kind='rep' AND v=x.reporter),
 (SELECT id FROM c.d_small WHERE kind='par' AND v=x.partner),
 (SELECT id FROM c.d_small WHERE kind='bas' AND v=x.partner_basis),
 (SELECT id FROM c.d_small WHERE kind='mod' AND v=x.trade_mode),
 (SELECT id FROM c.d_small WHERE kind='pro' AND v=x.province),
 (SELECT id FROM c.d_small WHERE kind='cur' AND v=x.currency),
 x.id, x.quantity, (SELECT id FROM c.d_small WHERE kind='uni' AND v=x.unit), x.quantity2,
 (SELECT id FROM c.d_small WHERE kind='uni' AND v=x.unit2), x.value, x.status, x.provenance, x.source_id, x.line, x.cif, x.fob
FROM cell x ORDER BY classification, commodity, period, flow, reporter, partner, partner_basis, trade_mode, province, currency, id;
