/* The note writer: figures of the demo month against hand arithmetic, the
 * round trip through the audit's extractor, trade-mode changes (statistics),
 * net exports, missing comparisons and the no-data error. */
#include "testutil.h"

#include <math.h>

static tf_db *demo_db(tf_refdata **ref)
{
    *ref = tt_ref();
    tf_db *db = NULL;
    tf_error err = {0};
    assert_int_equal(tf_db_open(tt_db_path("note"), TF_DB_CREATE, &db, &err), TF_OK);
    FILE *in = fopen("data/samples/cn-primary-aluminium.csv", "r");
    assert_non_null(in);
    tf_read_opts o = {0};
    tf_diag d;
    memset(&d, 0, sizeof d);
    tf_ingest_result res;
    assert_int_equal(tf_db_ingest(db, in, "data/samples/cn-primary-aluminium.csv", &o, *ref,
                                  "2025-06-01T00:00:00Z", &d, &res),
                     TF_OK);
    fclose(in);
    return db;
}

static tf_note_model *model(tf_db *db, const tf_refdata *ref, const char *product,
                            const char *period)
{
    const tf_product *p = tf_refdata_product(ref, product);
    assert_non_null(p);
    tf_query q = {0};
    q.product = p->name;
    q.classification = "HS";
    q.codes = p->codes;
    q.n_codes = p->n_codes;
    q.reporter = "CHN";
    q.period = period;
    q.measure = TF_MEASURE_QUANTITY;
    tf_note_opts o = {.date = "2025-05-29"};
    tf_note_model *m = NULL;
    assert_int_equal(tf_note_model_build(db, ref, p, &q, &o, &m), TF_OK);
    return m;
}

static const tf_note_claim *claim(const tf_note_doc *d, const char *metric, const char *field,
                                  const char *partner, const char *period)
{
    for (size_t i = 0; i < d->n_claims; i++) {
        const tf_note_claim *c = &d->claims[i];
        if (!strcmp(c->metric, metric) && !strcmp(c->field, field) &&
            !strcmp(c->partner, partner) && !strcmp(c->period, period))
            return c;
    }
    print_message("no claim %s %s %s %s\n", metric, field, partner, period);
    fail();
    return NULL;
}

/* The April 2025 note (DOMAIN.md §1 model note), by hand from the sample's rows:
 *   imports 250,500 t; MoM 250,500 / 222,000 - 1 = +12.84% -> 12.8;
 *   YoY 250,500 / 218,600 - 1 = +14.59% -> 14.6
 *   YTD 161,000 + 200,000 + 222,000 + 250,500 = 833,500 t; a year earlier
 *   247,800 + 224,200 + 249,396 + 218,600 = 939,996 t; YTD YoY -11.33% -> -11.3
 *   exports 13,700 t; MoM 13,700 / 9,000 - 1 = +52.2%; no April 2024 export row: no YoY
 *   YTD exports 8,000 + 3,000 + 9,000 + 13,700 = 33,700 t
 *   net 250,500 - 13,700 = 236,800 t; March net 222,000 - 9,000 = 213,000:
 *   MoM 236,800 / 213,000 - 1 = +11.17% -> 11.2; YTD net 833,500 - 33,700 = 799,800 t
 *   Russia 227,000 t, 227,000 / 250,500 = 90.62% -> 90.6; MoM 227,000 / 202,000 - 1
 *   = +12.38% -> 12.4; share change 90.619 - 202,000 / 222,000 * 100 (90.991) = -0.37 pp
 *   China (re-imports) 2,300 t, 2,300 / 250,500 = 0.92% -> 0.9 */
static void test_demo_month_en(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = demo_db(&ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_near(claim(d, "import", "quantity", "WLD", "2025-04")->value, 250500, 0);
    assert_near(claim(d, "import", "mom_pct", "WLD", "2025-04")->value, 12.8, 1e-9);
    assert_near(claim(d, "import", "yoy_pct", "WLD", "2025-04")->value, 14.6, 1e-9);
    assert_near(claim(d, "import", "quantity", "WLD", "2025-01..2025-04")->value, 833500, 0);
    assert_near(claim(d, "import", "yoy_pct", "WLD", "2025-01..2025-04")->exact,
                100.0 * (833500.0 / 939996.0 - 1), 1e-9);
    assert_near(claim(d, "export", "quantity", "WLD", "2025-04")->value, 13700, 0);
    assert_near(claim(d, "export", "mom_pct", "WLD", "2025-04")->value, 52.2, 1e-9);
    assert_near(claim(d, "export", "quantity", "WLD", "2025-01..2025-04")->value, 33700, 0);
    assert_near(claim(d, "net_import", "quantity", "WLD", "2025-04")->value, 236800, 0);
    assert_near(claim(d, "net_import", "mom_pct", "WLD", "2025-04")->exact,
                100.0 * (236800.0 / 213000.0 - 1), 1e-9);
    assert_near(claim(d, "net_import", "quantity", "WLD", "2025-01..2025-04")->value, 799800, 0);
    assert_near(claim(d, "import", "quantity", "RUS", "2025-04")->value, 227000, 0);
    assert_near(claim(d, "import", "share_pct", "RUS", "2025-04")->value, 90.6, 1e-9);
    assert_near(claim(d, "import", "mom_pct", "RUS", "2025-04")->value, 12.4, 1e-9);
    assert_near(claim(d, "import", "share_change_pp", "RUS", "2025-04")->exact,
                100.0 * 227000 / 250500 - 100.0 * 202000 / 222000, 1e-9);
    assert_near(claim(d, "import", "quantity", "CHN", "2025-04")->value, 2300, 0);
    assert_near(claim(d, "import", "share_pct", "CHN", "2025-04")->value, 0.9, 1e-9);
    assert_non_null(strstr(d->text, "about 250,500 t in April 2025, up 12.8% MoM and 14.6% YoY"));
    assert_non_null(strstr(d->text, "no YoY comparison, as April 2024 is missing"));
    assert_non_null(strstr(d->text, "(The figures are for HS codes 76011010, 76011090"));
    assert_non_null(strstr(d->text, "Russia"));
    assert_null(strstr(d->text, " primary-aluminium")); /* display names, never slugs */
    assert_null(strstr(d->text, " 0.0%"));
    assert_non_null(strstr(d->text, "cn-primary-aluminium.csv"));
    assert_non_null(strstr(d->text, "SMM 2025-05-29"));
    /* every span holds its printed text */
    for (size_t i = 0; i < d->n_claims; i++) {
        const tf_note_claim *c = &d->claims[i];
        assert_int_equal(c->end - c->start, strlen(c->printed)); /* ASCII text */
        assert_memory_equal(d->text + c->start, c->printed, strlen(c->printed));
    }
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The same facts in Chinese: 250,500 t = 25.05万吨, 236,800 t = 23.68万吨,
 * 2,300 t stays in 吨 (约2300吨, no comma); Russia by the short name notes write,
 * 俄罗斯 (data/partners.csv short_zh), not GACC's official 俄罗斯联邦. */
static void test_demo_month_zh(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = demo_db(&ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    tf_note_doc *en = NULL, *zh = NULL;
    assert_int_equal(tf_note_write(m, "en", &en), TF_OK);
    assert_int_equal(tf_note_write(m, "zh", &zh), TF_OK);
    assert_non_null(strstr(zh->text, "2025年4月中国原铝进口量约25.05万吨，环比增长12.8%，同比增长14.6%"));
    assert_non_null(strstr(zh->text, "净进口量约23.68万吨"));
    assert_non_null(strstr(zh->text, "主要来自俄罗斯、中国。"));
    assert_non_null(strstr(zh->text, "自俄罗斯进口原铝约22.70万吨"));
    assert_null(strstr(zh->text, "俄罗斯联邦"));
    assert_non_null(strstr(zh->text, "较上月下降0.4个百分点"));
    assert_non_null(strstr(zh->text, "约2300吨"));
    assert_int_equal(en->n_claims, zh->n_claims);
    for (size_t i = 0; i < en->n_claims; i++) {
        assert_string_equal(en->claims[i].metric, zh->claims[i].metric);
        assert_string_equal(en->claims[i].field, zh->claims[i].field);
        assert_near(en->claims[i].exact, zh->claims[i].exact, 0);
    }
    tf_note_doc_free(&en);
    assert_int_equal(tf_note_write(m, "fr", &en), TF_ERR_USAGE);
    assert_null(en);
    tf_note_doc_free(&zh);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Audit's metric name for a note claim, "" when the audit has no such figure. */
static const char *audit_metric(const tf_note_claim *c)
{
    if (!strcmp(c->metric, "window"))
        return "pl";
    if (!strncmp(c->metric, "forecast_", 9))
        return "other"; /* read after "expected": kept, not checked */
    if (!strcmp(c->metric, "trade_mode") || !strcmp(c->field, "share_change_pp"))
        return "";
    return c->metric;
}

static int same_period(const tf_note_claim *c, const tf_claim *a)
{
    char buf[48];
    int f = a->period.from, t = a->period.to;
    if (f == t)
        snprintf(buf, sizeof buf, "%04d-%02d", f / 12, f % 12 + 1);
    else
        snprintf(buf, sizeof buf, "%04d-%02d..%04d-%02d", f / 12, f % 12 + 1, t / 12, t % 12 + 1);
    return !strcmp(c->metric, "window") || !strcmp(buf, c->period);
}

/* The audit reads the P/L level and forecasts without the note's partner and
 * period: their value and span are compared. */
static int loose(const tf_note_claim *c)
{
    return !strcmp(c->metric, "window") || !strncmp(c->metric, "forecast_", 9);
}

static const tf_stated *field_of(const tf_claim *a, const char *field)
{
    if (!strcmp(field, "mom_pct"))
        return &a->mom;
    if (!strcmp(field, "yoy_pct"))
        return &a->yoy;
    if (!strcmp(field, "share_pct"))
        return &a->share;
    return &a->quantity;
}

/* Every claim the note makes is read back by the audit's extractor with the
 * same metric, partner, period, value and span; the audit finds no error or
 * warning in it. */
static void test_round_trip_en(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = demo_db(&ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    const char *path = "build/tmp/note-roundtrip.txt";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(d->text, f);
    fclose(f);
    tf_audit *a = NULL;
    tf_error err = {0};
    tf_audit_opts o = {.db = db, .ref = ref};
    assert_int_equal(tf_audit_run(&path, 1, &o, &a, &err), TF_OK);
    size_t checked = 0;
    for (size_t i = 0; i < d->n_claims; i++) {
        const tf_note_claim *c = &d->claims[i];
        if (!audit_metric(c)[0])
            continue;
        int found = 0;
        for (size_t k = 0; k < a->n_claims && !found; k++) {
            const tf_claim *x = &a->claims[k];
            const tf_stated *s = field_of(x, c->field);
            found = !strcmp(tf_metric_name(x->metric), audit_metric(c)) &&
                    (loose(c) || (!strcmp(x->partner, c->partner) && same_period(c, x))) &&
                    s->has && fabs(s->value - c->value) < 1e-9 &&
                    s->start == c->start && s->end == c->end;
        }
        if (!found)
            print_message("not read back: %s %s %s %s %s\n", c->metric, c->field, c->partner,
                          c->period, c->printed);
        assert_true(found);
        checked++;
    }
    assert_true(checked >= 16); /* 5 import, 3 export, 3 net, 3 Russia, 2 China */
    for (size_t i = 0; i < a->n_findings; i++)
        assert_true(a->findings[i].severity == TF_SEV_ROUNDING);
    tf_audit_free(&a);
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

static tf_db *db_of(const char *csv, tf_refdata **ref)
{
    *ref = tt_ref();
    tf_db *db = NULL;
    tf_error err = {0};
    assert_int_equal(tf_db_open(tt_db_path("note2"), TF_DB_CREATE, &db, &err), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, *ref, "t.csv", csv, NULL, "2025-06-01T00:00:00Z", &res,
                                    NULL),
                     TF_OK);
    return db;
}

/* Trade-mode changes (statistics), by hand:
 *   March: general trade 800 t, bonded (33) 200 t; total 1,000 t
 *   April: general trade 600 t, barter (30) 49 t, processing (15) 100 t; total 749 t
 *   general: share 600/749 = 80.107%, was 80%: +0.107 pp; prev 800 t
 *   barter new: share 49/749 = 6.542%, +6.542 pp; bonded vanished: -20 pp, 200 t in March */
static void test_mode_changes(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = db_of("period,flow,partner,commodity,trade_mode,quantity,unit\n"
                      "2025-03,import,RUS,76011090,10,800,t\n"
                      "2025-03,import,RUS,76011090,33,200,t\n"
                      "2025-04,import,RUS,76011090,10,600,t\n"
                      "2025-04,import,RUS,76011090,30,49,t\n"
                      "2025-04,import,IDN,76011090,15,100,t\n",
                      &ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    const tf_breakdown *b = &m->report->import_breakdown;
    assert_int_equal(b->n_modes, 3);
    assert_string_equal(b->modes[0].code, "10");
    assert_near(b->modes[0].share_change_pp.v, 100.0 * 600 / 749 - 80.0, 1e-9);
    assert_near(b->modes[0].prev_quantity.v, 800, 1e-9);
    assert_false(b->modes[0].is_new);
    assert_string_equal(b->modes[2].code, "30");
    assert_true(b->modes[2].is_new);
    assert_near(b->modes[2].share_change_pp.v, 100.0 * 49 / 749, 1e-9);
    assert_int_equal(b->n_vanished_modes, 1);
    assert_string_equal(b->vanished_modes[0].code, "33");
    /* both names from data/trade-modes.csv, for outputs in either language */
    assert_string_equal(b->modes[0].name, "General trade");
    assert_string_equal(b->modes[0].name_zh, "一般贸易");
    assert_string_equal(b->vanished_modes[0].name_zh, "保税监管场所进出境货物");
    assert_near(b->vanished_modes[0].share_change_pp.v, -20.0, 1e-9);
    assert_near(b->vanished_modes[0].prev_quantity.v, 200, 1e-9);
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_non_null(strstr(d->text, "shipments of about 49 t (6.5%, new this month) under barter trade"));
    assert_non_null(strstr(d->text, "against shipments of about 200 t in March 2025"));
    assert_near(claim(d, "trade_mode", "share_change_pp", "WLD", "2025-04")->exact,
                100.0 * 600 / 749 - 80.0, 1e-9);
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Exports above imports: 1,000 - 3,500 = -2,500 t, worded as net exports;
 * March has imports only (net 2,000 t > 0): no MoM, the sign changed. */
static void test_net_exports(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = db_of("period,flow,partner,commodity,quantity,unit\n"
                      "2025-03,import,WLD,76011090,2000,t\n"
                      "2025-03,export,WLD,76011090,0,t\n"
                      "2025-04,import,WLD,76011090,1000,t\n"
                      "2025-04,export,WLD,76011090,3500,t\n",
                      &ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_non_null(strstr(d->text, "with net exports of about 2,500 t"));
    assert_non_null(strstr(d->text, "exports were about 3,500 t in April 2025; no MoM comparison, "
                                    "as March 2025 had none"));
    assert_near(claim(d, "net_import", "quantity", "WLD", "2025-04")->value, -2500, 0);
    assert_null(strstr(d->text, " 0.0%")); /* "down 50.0%" is right */
    tf_note_doc_free(&d);
    assert_int_equal(tf_note_write(m, "zh", &d), TF_OK);
    assert_non_null(strstr(d->text, "净出口量约2500吨"));
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

static void test_no_data(void **state)
{
    (void)state;
    tf_refdata *ref;
    tf_db *db = demo_db(&ref);
    const tf_product *p = tf_refdata_product(ref, "soybeans");
    tf_query q = {.product = p->name, .classification = "HS", .codes = p->codes,
                  .n_codes = p->n_codes, .reporter = "CHN", .period = "2025-04"};
    tf_note_model *m = NULL;
    assert_int_equal(tf_note_model_build(db, ref, p, &q, NULL, &m), TF_ERR_NOT_FOUND);
    assert_null(m);
    q.period = "2025";
    assert_int_equal(tf_note_model_build(db, ref, p, &q, NULL, &m), TF_ERR_USAGE);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The outlook paragraph of the April 2025 note (sample + the published daily
 * import P/L): the figures are tf_outlook_compute's for May 2025, rounded as
 * notes round. Independently (tests/outlook/recompute.py, a python3
 * recomputation; tests/cli/cases/outlook-april-2025.case): on the 13 months the
 * three methods all forecast, MAE seasonal naive 48,961 t, window model 37,308 t,
 * persistence 22,158 t, so persistence: April's 250,500 t; its own backtest
 * 2022-02..2025-04, 27 months, MAE 27,468 t -> 27,500 t (python3: mean of
 * |y(t) - y(t-1)| over the sample's 27 pairs of consecutive months). Net imports:
 * persistence, the baseline (no seasonal naive, 2 months in common with the
 * model), 236,800 t. Chinese: 250,500 t = 25.05万吨, 27,468 t = 2.75万吨. */
static void test_outlook_april_2025(void **state)
{
    (void)state;
    const char *pl = tt_shared_file("data/prices/al-import-pl-daily.csv");
    if (!pl)
        skip();
    tf_refdata *ref;
    tf_db *db = demo_db(&ref);
    FILE *in = fopen(pl, "r");
    assert_non_null(in);
    tf_read_opts ro = {0};
    tf_diag dg;
    memset(&dg, 0, sizeof dg);
    tf_ingest_result res;
    assert_int_equal(tf_db_ingest(db, in, pl, &ro, ref, "2025-06-01T00:00:00Z", &dg, &res),
                     TF_OK);
    fclose(in);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    const tf_note_outlook *o = &m->outlook;
    assert_true(o->has);
    assert_string_equal(o->period, "2025-05");
    /* the same figures as the outlook module's own */
    tf_outlook *ol = NULL;
    tf_query q = {0};
    const tf_product *p = tf_refdata_product(ref, "primary-aluminium");
    q.product = p->name, q.classification = "HS", q.codes = p->codes, q.n_codes = p->n_codes;
    q.reporter = "CHN", q.period = "2025-04", q.measure = TF_MEASURE_QUANTITY;
    assert_int_equal(tf_outlook_compute(db, ref, &q, &ol), TF_OK);
    assert_true(o->import.point.v == ol->imports.point.v && o->import.mae.v == ol->imports.mae.v);
    assert_true(o->net_import.point.v == ol->net_imports.point.v);
    tf_outlook_free(&ol);
    assert_true(o->import.point.v == 250500);
    assert_true(fabs(o->import.mae.v - 27468.2) < 0.1);
    assert_int_equal(o->import.n_backtest, 27);
    assert_string_equal(o->import.method, "persistence");
    assert_true(o->import.beats_naive); /* the model beat the naive, persistence both */
    assert_true(o->net_import.point.v == 236800);
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    const tf_note_claim *c = claim(d, "forecast_import", "quantity", "WLD", "2025-05");
    assert_string_equal(c->printed, "250,500 t");
    assert_true(c->value == 250500);
    assert_non_null(strstr(c->formula, "persistence"));
    assert_non_null(strstr(c->formula, "2022-02..2025-04, 27 months, MAE 27468 t"));
    assert_string_equal(claim(d, "forecast_import", "mae", "WLD", "2025-05")->printed, "27,500 t");
    assert_string_equal(claim(d, "forecast_net_import", "quantity", "WLD", "2025-05")->printed,
                        "236,800 t");
    assert_non_null(strstr(d->text, "Imports are expected at about 250,500 t in May 2025, "
                                    "give or take 27,500 t (the method's mean absolute error "
                                    "over a backtest of 27 months, February 2022 to April 2025)."));
    assert_non_null(strstr(d->text, "which had the lowest error of the methods compared in the "
                                    "backtest."));
    assert_non_null(strstr(d->text, "the baseline, as the backtest has too few months in common"));
    tf_note_doc_free(&d);
    assert_int_equal(tf_note_write(m, "zh", &d), TF_OK);
    assert_string_equal(claim(d, "forecast_import", "quantity", "WLD", "2025-05")->printed,
                        "25.05万吨");
    assert_string_equal(claim(d, "forecast_import", "mae", "WLD", "2025-05")->printed, "2.75万吨");
    assert_non_null(strstr(d->text, "预计2025年5月进口量约25.05万吨，误差±2.75万吨"));
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    /* January 2022, the sample's first month: no January 2021 for the seasonal naive,
     * no history for the model: no forecast, no paragraph (never an invented one) */
    m = model(db, ref, "primary-aluminium", "2022-01");
    assert_false(m->outlook.has);
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_null(strstr(d->text, "Outlook"));
    assert_null(strstr(d->text, "expected"));
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Re-imports are the report's (tf_report.re_trade.re_import), not a second
 * search of the partner list: China's own row ranks 11th, beyond the ten
 * partners the report lists, yet the note tells it. By hand:
 *   April: RUS 1,000, IND 900, ARE 800, AUS 700, MYS 600, THA 500, IDN 400,
 *   KAZ 300, NOR 200, CAN 100, CHN 60 t; world 5,560 t
 *   re-imports 60 t, share 60 / 5,560 = 1.0791% -> 1.1%
 *   March: the ten at 1,000 t each, world 10,000 t, no China row: the partner
 *   rows add up to the world total, so re-imports were 0 t: no MoM, share
 *   change 1.0791 - 0 = +1.0791 pp, worded "none in March 2025".
 * Where China's row is 0.5 t (0.5 / 5,500.5 = 0.009% -> 0.0%) the note leaves
 * re-imports to the report. */
static void test_reimports_from_report(void **state)
{
    (void)state;
    static const char *const ten[] = {"RUS", "IND", "ARE", "AUS", "MYS",
                                      "THA", "IDN", "KAZ", "NOR", "CAN"};
    char csv[2048], *w = csv;
    size_t left = sizeof csv;
    int n = snprintf(w, left, "period,flow,partner,commodity,quantity,unit\n"
                              "2025-03,import,WLD,76011090,10000,t\n"
                              "2025-04,import,WLD,76011090,5560,t\n"
                              "2025-04,import,CHN,76011090,60,t\n");
    for (int i = 0; i < 10; i++) {
        w += n, left -= (size_t)n;
        n = snprintf(w, left, "2025-03,import,%s,76011090,1000,t\n"
                              "2025-04,import,%s,76011090,%d,t\n", ten[i], ten[i], 1000 - 100 * i);
    }
    tf_refdata *ref;
    tf_db *db = db_of(csv, &ref);
    tf_note_model *m = model(db, ref, "primary-aluminium", "2025-04");
    const tf_re_flow *rm = &m->report->re_trade.re_import;
    assert_int_equal(m->report->import_breakdown.n_partners, 10); /* China not listed */
    assert_ptr_equal(m->reimports, rm);
    assert_string_equal(rm->source, "partner");
    assert_near(rm->quantity.v, 60, 1e-9);
    assert_near(rm->share_pct.v, 100.0 * 60 / 5560, 1e-9);
    assert_near(rm->prev_month.v, 0, 0);
    assert_false(rm->mom_pct.has);
    assert_near(rm->share_change_pp.v, 100.0 * 60 / 5560, 1e-9);
    tf_note_doc *d = NULL;
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_non_null(strstr(d->text, "Re-imports: imports from China itself were about 60 t in "
                                    "April 2025, or 1.1% of April 2025 imports (none in March "
                                    "2025)."));
    assert_near(claim(d, "import", "share_pct", "CHN", "2025-04")->exact, 100.0 * 60 / 5560, 1e-9);
    tf_note_doc_free(&d);
    assert_int_equal(tf_note_write(m, "zh", &d), TF_OK);
    assert_non_null(strstr(d->text, "2025年4月自中国进口原铝约60吨，占比1.1%，为本月新增来源。"));
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
    db = db_of("period,flow,partner,commodity,quantity,unit\n"
               "2025-04,import,WLD,76011090,5500.5,t\n"
               "2025-04,import,RUS,76011090,5500,t\n"
               "2025-04,import,CHN,76011090,0.5,t\n",
               &ref);
    m = model(db, ref, "primary-aluminium", "2025-04");
    assert_true(m->report->re_trade.re_import.quantity.has);
    assert_null(m->reimports);
    assert_int_equal(tf_note_write(m, "en", &d), TF_OK);
    assert_null(strstr(d->text, "Re-imports"));
    tf_note_doc_free(&d);
    tf_note_model_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_month_en), cmocka_unit_test(test_demo_month_zh),
        cmocka_unit_test(test_round_trip_en), cmocka_unit_test(test_mode_changes),
        cmocka_unit_test(test_net_exports),   cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_outlook_april_2025), cmocka_unit_test(test_reimports_from_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
