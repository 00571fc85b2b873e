// DuckDB side of the benchmark (the npm package @duckdb/node-api).
//   node duck_bench.mjs load-csv DB FILE.csv          tradeflow CSV -> table rec
//   node duck_bench.mjs load-gacc DB IMPORT.csv EXPORT.csv
//                                                     GACC exports already converted to
//                                                     UTF-8 -> table rec (same columns)
//   node duck_bench.mjs query DB QUERIES.json REPS FIGURES.csv
//                                                     runs the list [{rid, sql}] REPS times;
//                                                     prints {"times_ms": [...]} (one per
//                                                     run of the whole list), writes the
//                                                     rows of the first run
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [mode, db, ...args] = process.argv.slice(2);
const instance = await DuckDBInstance.create(db);
const con = await instance.connect();
const q = (s) => "'" + s.replace(/'/g, "''") + "'";

if (mode === 'load-csv') {
  await con.run(`CREATE TABLE rec AS SELECT * FROM read_csv(${q(args[0])}, header = true,
    columns = {'period': 'VARCHAR', 'flow': 'VARCHAR', 'partner': 'VARCHAR',
      'commodity': 'VARCHAR', 'trade_mode': 'VARCHAR', 'province': 'VARCHAR',
      'quantity': 'BIGINT', 'unit': 'VARCHAR', 'quantity2': 'BIGINT', 'unit2': 'VARCHAR',
      'value': 'BIGINT', 'currency': 'VARCHAR'})`);
} else if (mode === 'load-gacc') {
  const part = (file, flow) => `SELECT
      substr("数据年月", 1, 4) || '-' || substr("数据年月", 5, 2) AS period, '${flow}' AS flow,
      "贸易伙伴编码" AS partner, "商品编码" AS commodity, "贸易方式编码" AS trade_mode,
      "注册地编码" AS province, CAST("第一数量" AS BIGINT) AS quantity,
      CASE "第一计量单位" WHEN '千克' THEN 'kg' ELSE "第一计量单位" END AS unit,
      CASE WHEN "第二计量单位" = '?' THEN NULL ELSE CAST("第二数量" AS BIGINT) END AS quantity2,
      CASE WHEN "第二计量单位" = '?' THEN NULL ELSE "第二计量单位" END AS unit2,
      CAST(replace("人民币", ',', '') AS BIGINT) AS value, 'CNY' AS currency
    FROM read_csv(${q(file)}, header = true, all_varchar = true)`;
  await con.run(`CREATE TABLE rec AS ${part(args[0], 'import')} UNION ALL ${part(args[1], 'export')}`);
} else if (mode === 'query') {
  const list = JSON.parse(readFileSync(args[0], 'utf8'));
  const reps = Number(args[1]);
  const times = [];
  let out = '';
  const num = (v) => (v === null || v === undefined ? '' : String(v));
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const all = [];
    for (const item of list) {
      const reader = await con.runAndReadAll(item.sql);
      all.push(reader.getRows());
    }
    times.push(performance.now() - t0);
    if (r === 0)
      for (const rows of all)
        for (const row of rows)
          out += [row[0], row[1], row[2], row[3], row[4], num(row[5]), num(row[6])].join(',') + '\n';
  }
  writeFileSync(args[2], out);
  console.log(JSON.stringify({ times_ms: times, reports: list.length }));
} else {
  console.error('usage: duck_bench.mjs load-csv|load-gacc|query DB ...');
  process.exit(2);
}
con.closeSync();
instance.closeSync?.();
