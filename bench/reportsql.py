"""The monthly report's figures as one SQL query (SQLite and DuckDB dialects
alike), on a table `rec` with the columns of the benchmark's tradeflow CSV
(period 'YYYY-MM', flow, partner, commodity, trade_mode, quantity in kg,
unit, ...).

The figures follow include/tradeflow/stats.h on data made only of HS8
partner rows (no world rows, no shorter codes, one partner basis), where
its aggregation reduces to sums:
  quantity = sum of kg rows of the product's codes (prefixes) for the month,
             no value when the month has no row
  MoM % = 100 (x(m)/x(m-1) - 1), YoY % = 100 (x(m)/x(m-12) - 1): no value when
          the base is missing, zero or negative, or x is negative
  YTD = Jan..m, no value unless every month has rows; YTD YoY against Jan..m
        a year earlier
  net = import - export, no value unless both have a value
  partners: the month's top 10 by quantity (ties by code), share % of the
            flow's total; trade modes: all, by quantity, share % of the total
Output columns: rid, sec, flow, key, name, v1, v2 (as bench/tfbench.c).
"""


def months(period):
    y, m = int(period[:4]), int(period[5:7])
    prev = f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"
    return y, m, prev, f"{y - 1}-{m:02d}"


def report_sql(rid, codes, period, dialect):
    """dialect "sqlite": code prefixes as GLOB (which uses the index on
    commodity); "duckdb": as LIKE (which DuckDB turns into a prefix match)."""
    y, m, pm, py = months(period)
    if dialect == "sqlite":
        like = " OR ".join(f"commodity GLOB '{c}*'" for c in codes)
    else:
        like = " OR ".join(f"commodity LIKE '{c}%'" for c in codes)
    pct = lambda x, b: f"CASE WHEN {b} > 0 AND {x} >= 0 THEN (CAST({x} AS DOUBLE) / {b} - 1) * 100 END"
    t = lambda x: f"CAST({x} AS DOUBLE) / 1000"
    figs = [("quantity", t("cur")), ("prev_month", t("prev")), ("year_ago", t("ya")),
            ("mom_pct", pct("cur", "prev")), ("yoy_pct", pct("cur", "ya")),
            ("ytd", t("ytd")), ("ytd_prev", t("ytdp")), ("ytd_yoy_pct", pct("ytd", "ytdp"))]
    unpivot = "\n  UNION ALL ".join(
        f"SELECT '{rid}' AS rid, 'flow' AS sec, flow, '{k}' AS key, '' AS name, {e} AS v1, "
        f"CAST(NULL AS DOUBLE) AS v2 FROM a" for k, e in figs)
    return f"""WITH sel AS (
  SELECT flow, period, partner, trade_mode, quantity FROM rec
  WHERE unit = 'kg' AND period >= '{y - 1}-01' AND period <= '{period}' AND ({like})),
mon AS (SELECT flow, period, SUM(quantity) AS q FROM sel GROUP BY flow, period),
fl AS (SELECT 'import' AS flow UNION ALL SELECT 'export' AS flow),
f AS (SELECT fl.flow AS flow,
  (SELECT q FROM mon WHERE mon.flow = fl.flow AND period = '{period}') AS cur,
  (SELECT q FROM mon WHERE mon.flow = fl.flow AND period = '{pm}') AS prev,
  (SELECT q FROM mon WHERE mon.flow = fl.flow AND period = '{py}') AS ya,
  (SELECT CASE WHEN COUNT(*) = {m} THEN SUM(q) END FROM mon
     WHERE mon.flow = fl.flow AND period >= '{y}-01' AND period <= '{period}') AS ytd,
  (SELECT CASE WHEN COUNT(*) = {m} THEN SUM(q) END FROM mon
     WHERE mon.flow = fl.flow AND period >= '{y - 1}-01' AND period <= '{py}') AS ytdp
  FROM fl),
a AS (SELECT flow, cur, prev, ya, ytd, ytdp FROM f
  UNION ALL SELECT 'net', i.cur - e.cur, i.prev - e.prev, i.ya - e.ya, i.ytd - e.ytd, i.ytdp - e.ytdp
  FROM f i, f e WHERE i.flow = 'import' AND e.flow = 'export'),
pt AS (SELECT flow, partner AS k, SUM(quantity) AS q FROM sel WHERE period = '{period}'
  GROUP BY flow, partner),
pr AS (SELECT flow, k, q, ROW_NUMBER() OVER (PARTITION BY flow ORDER BY q DESC, k) AS rk FROM pt),
mt AS (SELECT flow, trade_mode AS k, SUM(quantity) AS q FROM sel WHERE period = '{period}'
  GROUP BY flow, trade_mode),
mr AS (SELECT flow, k, q, ROW_NUMBER() OVER (PARTITION BY flow ORDER BY q DESC, k) AS rk FROM mt)
{unpivot}
  UNION ALL SELECT '{rid}', 'partner', pr.flow, CAST(rk AS TEXT), k, CAST(q AS DOUBLE) / 1000,
    CAST(q AS DOUBLE) * 100 / f.cur FROM pr JOIN f ON f.flow = pr.flow WHERE rk <= 10
  UNION ALL SELECT '{rid}', 'mode', mr.flow, CAST(rk AS TEXT), k, CAST(q AS DOUBLE) / 1000,
    CAST(q AS DOUBLE) * 100 / f.cur FROM mr JOIN f ON f.flow = mr.flow"""
