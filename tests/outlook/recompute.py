#!/usr/bin/env python3
"""An independent recomputation of `tradeflow outlook` (docs/outlook.md) from the
bundled sample and the published daily P/L file, read in place: exact fractions and
the normal equations of least squares (not GSL), constant regressors dropped.
Usage: recompute.py ROOT SHARED PERIOD TRADEFLOW_JSON
Compares every method's forecast (seasonal naive, window model, persistence), backtest
scores (own months and the compared months) and the method chosen with tradeflow's JSON output;
prints "ok" or the differences and exits 1."""
import csv, json, sys
from fractions import Fraction as F
imp, exp = {}, {}
for r in csv.DictReader(open(sys.argv[1] + '/data/samples/cn-primary-aluminium.csv')):
    if r['partner'] != 'WLD': continue
    (imp if r['flow']=='import' else exp)[r['period']] = F(r['quantity'])
pl = {}
for r in csv.reader(open(sys.argv[2] + '/data/prices/al-import-pl-daily.csv', encoding='gbk')):
    if r[0] == '日期' or not r[2].strip(): continue
    d, m, y = r[0].split('/')
    k = '%s-%02d' % (y, int(m))
    a = pl.setdefault(k, [0, F(0), 0]); a[0] += 1; a[1] += F(r[2]); a[2] += F(r[2]) > 0
def idx(p): return int(p[:4])*12 + int(p[5:])-1
def per(i): return '%04d-%02d' % (i//12, i%12+1)
def run(period, series):
    P = idx(period)
    y = lambda i: series.get(per(i)) if i <= P else None
    def x(o):
        if y(o) is None: return None
        a, b = pl.get(per(o-1)), pl.get(per(o))
        if not a or not b: return None
        return [F(1), y(o), (a[1]+b[1])/(a[0]+b[0]), F(a[2]+b[2])]
    def fit(last):
        rows = [(x(t-1), y(t)) for t in range(P-239, last+1) if y(t) is not None and x(t-1) is not None]
        if len(rows) < 8: return None
        cols = [j for j in range(4) if any(r[0][j] != rows[0][0][j] for r in rows) or j == 0]
        X = [[r[0][j] for j in cols] for r in rows]; Y = [r[1] for r in rows]
        n = len(cols)
        M = [[sum(X[k][i]*X[k][j] for k in range(len(X))) for j in range(n)] + [sum(X[k][i]*Y[k] for k in range(len(X)))] for i in range(n)]
        for i in range(n):
            p = M[i][i]; M[i] = [v/p for v in M[i]]
            for k in range(n):
                if k != i: f = M[k][i]; M[k] = [a-f*c for a, c in zip(M[k], M[i])]
        b = [F(0)]*4
        for i, j in enumerate(cols): b[j] = M[i][n]
        return b
    def fc(t):
        nv = y(t-12); xv = x(t-1); b = fit(t-1) if xv else None
        mv = sum(bi*xi for bi, xi in zip(b, xv)) if b else None
        return nv, mv
    rows = []
    for t in range(P-239, P+1):
        if y(t) is None: continue
        nv, mv = fc(t)
        pv = y(t-1)
        if nv is None and mv is None and pv is None: continue
        rows.append((per(t), y(t), nv, mv, pv))
    out = {}
    # the candidates: the methods that can forecast P+1; compared months: those all forecast
    nv, mv = fc(P+1)
    pv = y(P)
    if sum(1 for r in rows if r[4] is not None) < 6:
        pv = None  # persistence is a candidate only with 6 backtest months
    cand = [k for k, v in enumerate((nv, mv, pv)) if v is not None]
    for k, name in ((0, 'seasonal-naive'), (1, 'window-model'), (2, 'persistence')):
        sel = [r for r in rows if r[2+k] is not None]
        com = [r for r in rows if k in cand and all(r[2+j] is not None for j in cand)]
        out[name] = {'months': len(sel),
                     'mae_t': float(sum(abs(r[1]-r[2+k]) for r in sel)/len(sel)) if sel else None,
                     'mape_pct': float(100*sum(abs(r[1]-r[2+k])/abs(r[1]) for r in sel)/len(sel)) if sel else None,
                     'common_mae_t': float(sum(abs(r[1]-r[2+k]) for r in com)/len(com)) if com else None}
    pers = [abs(r[1] - y(idx(r[0]) - 1)) for r in rows if r[3] is not None and y(idx(r[0]) - 1) is not None]
    out['persistence_ref'] = float(sum(pers)/len(pers)) if pers else None
    out['seasonal-naive']['forecast_t'] = None if nv is None else float(nv)
    out['window-model']['forecast_t'] = None if mv is None else float(mv)
    out['persistence']['forecast_t'] = None if pv is None else float(pv)
    # the choice (docs/outlook.md): one candidate; the lowest MAE on >= 6 compared
    # months (ties: the first); else the baseline, seasonal naive, persistence, model
    names = ('seasonal-naive', 'window-model', 'persistence')
    ncmp = sum(1 for r in rows if all(r[2+j] is not None for j in cand)) if cand else 0
    if not cand: out['method'] = None
    elif len(cand) == 1: out['method'] = names[cand[0]]
    elif ncmp >= 6: out['method'] = names[min(cand, key=lambda k: (out[names[k]]['common_mae_t'], k))]
    else: out['method'] = names[next(k for k in (0, 2, 1) if k in cand)]
    return out
net = {p: imp[p]-exp[p] for p in imp if p in exp}
got = json.load(open(sys.argv[4]))
bad = []
for key, series in (('imports', imp), ('net_imports', net)):
    want = run(sys.argv[3], series)
    g = got[key]
    if g['method'] != want['method']:
        bad.append('%s method: tradeflow %s, recomputed %s' % (key, g['method'], want['method']))
    for m in ('seasonal-naive', 'window-model', 'persistence'):
        pairs = [('forecast_t', g['forecasts_t'][m]), ('months', g['backtest'][m]['months']),
                 ('mae_t', g['backtest'][m]['mae_t']), ('mape_pct', g['backtest'][m]['mape_pct']),
                 ('common_mae_t', g['backtest_common'][m]['mae_t'])]
        for name, v in pairs:
            w = want[m][name]
            if (v is None) != (w is None) or (v is not None and abs(v - w) > 1e-6 * max(1, abs(w))):
                bad.append('%s %s %s: tradeflow %s, recomputed %s' % (key, m, name, v, w))
    v, w = g['backtest_persistence']['mae_t'], want['persistence_ref']
    if (v is None) != (w is None) or (v is not None and abs(v - w) > 1e-6 * max(1, abs(w))):
        bad.append('%s persistence mae_t: tradeflow %s, recomputed %s' % (key, v, w))
print('\n'.join(bad) if bad else 'ok')
sys.exit(1 if bad else 0)
