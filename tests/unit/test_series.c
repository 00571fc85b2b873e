/*
 * Monthly series for charts and workbooks: values worked out by hand in the
 * comments beside each assertion, and the bundled sample's published months.
 */
#include "testutil.h"
#include <math.h>

static tf_db *db_with(tf_refdata *ref, const char *name, const char *csv)
{
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path(name), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    tf_diag d;
    memset(&d, 0, sizeof d);
    tf_status st = tt_ingest_text(db, ref, name, csv, NULL, "2025-06-01T00:00:00Z", &res, &d);
    if (st != TF_OK)
        print_error("%s\n", d.error.msg);
    assert_int_equal(st, TF_OK);
    return db;
}

static const char *const HS6[] = {"760110"};

static tf_status count_rev(void *ctx, const tf_revision *rev)
{
    (void)rev;
    ++*(int *)ctx;
    return TF_OK;
}

static tf_query query(const char *period)
{
    tf_query q = {0};
    q.product = "test";
    q.codes = HS6;
    q.n_codes = 1;
    q.period = period;
    return q;
}

/* Four months 2024-11..2025-02; 2024-12 has no data at all. */
static void test_series_by_hand(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,commodity,quantity,unit\n"
                      "2024-11,import,WLD,760110,100,t\n"
                      "2024-11,import,RUS,760110,60,t\n"
                      "2024-11,import,IND,760110,30,t\n"
                      "2024-11,export,WLD,760110,10,t\n"
                      "2025-01,import,RUS,76011090,50,t\n"
                      "2025-01,import,AUS,76011090,20,t\n"
                      "2025-01,export,WLD,760110,5,t\n"
                      "2025-02,import,WLD,760110,80,t\n"
                      "2025-02,import,WLD,76011090,30,t\n";
    tf_db *db = db_with(ref, "series1", csv);
    tf_query q = query("2025-02");
    tf_monthly_series *s = NULL;
    assert_int_equal(tf_monthly_series_compute(db, ref, &q, "2024-11", "2025-02", &s), TF_OK);
    assert_int_equal(s->n_months, 4);
    assert_string_equal(s->periods[0], "2024-11");
    assert_string_equal(s->periods[3], "2025-02");
    /* imports: 2024-11 the world row 100 (partners 60 + 30 not added);
     * 2024-12 no data (a gap, not 0); 2025-01 no world row: 50 + 20 = 70;
     * 2025-02 the HS6 world row 80 covers the HS8 world row 30 under it: 80 */
    assert_true(s->total[0][0].has);
    assert_near(s->total[0][0].v, 100.0, 1e-9);
    assert_false(s->total[0][1].has);
    assert_near(s->total[0][2].v, 70.0, 1e-9);
    assert_near(s->total[0][3].v, 80.0, 1e-9);
    /* exports 10, gap, 5, gap; net imports 100-10 = 90, gap, 70-5 = 65, gap */
    assert_near(s->total[1][0].v, 10.0, 1e-9);
    assert_false(s->total[1][1].has);
    assert_near(s->total[1][2].v, 5.0, 1e-9);
    assert_false(s->total[1][3].has);
    assert_near(s->net_import[0].v, 90.0, 1e-9);
    assert_false(s->net_import[1].has);
    assert_near(s->net_import[2].v, 65.0, 1e-9);
    assert_false(s->net_import[3].has);
    /* import partners by total over the range: RUS 60+50 = 110, IND 30, AUS 20 */
    assert_int_equal(s->n_partners[0], 3);
    assert_string_equal(s->partners[0][0].partner, "RUS");
    assert_string_equal(s->partners[0][0].name, "Russia");
    assert_string_equal(s->partners[0][0].name_zh, "俄罗斯"); /* short_zh, not 俄罗斯联邦 */
    assert_near(s->partners[0][0].total, 110.0, 1e-9);
    assert_string_equal(s->partners[0][1].partner, "IND");
    assert_string_equal(s->partners[0][2].partner, "AUS");
    /* Russia: 60, gap, 50, gap (2025-02 has no partner rows: unknown) */
    assert_near(s->partners[0][0].quantity[0].v, 60.0, 1e-9);
    assert_false(s->partners[0][0].quantity[1].has);
    assert_near(s->partners[0][0].quantity[2].v, 50.0, 1e-9);
    assert_false(s->partners[0][0].quantity[3].has);
    /* India has no row in 2025-01: no value (its .v is 0 for stacking) */
    assert_false(s->partners[0][1].quantity[2].has);
    assert_near(s->partners[0][1].quantity[2].v, 0.0, 1e-9);
    assert_near(s->partners[0][1].quantity[0].v, 30.0, 1e-9);
    assert_near(s->partners[0][2].quantity[2].v, 20.0, 1e-9);
    /* other: 100 - (60 + 30) = 10; 2025-01 70 - 70 = 0; none without partner rows */
    assert_near(s->other[0][0].v, 10.0, 1e-9);
    assert_near(s->other[0][2].v, 0.0, 1e-9);
    assert_false(s->other[0][3].has);
    assert_int_equal(s->has_partners[0][0], 1);
    assert_int_equal(s->has_partners[0][1], 0);
    assert_int_equal(s->has_partners[0][3], 0);
    /* exports: world rows only */
    assert_int_equal(s->n_partners[1], 0);
    assert_false(s->other[1][0].has);
    tf_monthly_series_free(&s);
    assert_null(s);
    /* bad ranges */
    assert_int_equal(tf_monthly_series_compute(db, ref, &q, "2025-02", "2024-11", &s),
                     TF_ERR_USAGE);
    assert_int_equal(tf_monthly_series_compute(db, ref, &q, "2025-13", "2025-02", &s),
                     TF_ERR_USAGE);
    assert_int_equal(tf_monthly_series_compute(db, ref, &q, "1900-01", "2025-02", &s),
                     TF_ERR_USAGE);
    assert_null(s);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The bundled sample: the chart data of April 2025. The seasonal series runs
 * from January 2021 (four years before 2025) to April 2025: 4 * 12 + 4 = 52
 * months; the recent one 24 months from May 2023. The sample states April
 * 2025 imports 250,500 t and exports 13,700 t (SMM 2025-05-29), and has no
 * row for April 2022 (no note states it): a gap. */
static void test_chart_data_sample(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("series2"), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_read_opts o = {0};
    tf_ingest_result res;
    tf_diag d;
    memset(&d, 0, sizeof d);
    FILE *in = fopen("data/samples/cn-primary-aluminium.csv", "rb");
    assert_non_null(in);
    assert_int_equal(tf_db_ingest(db, in, "sample", &o, ref, NULL, &d, &res), TF_OK);
    fclose(in);
    static const char *const AL[] = {"76011010", "76011090", "760110"};
    tf_query q = {0};
    q.product = "primary-aluminium";
    q.codes = AL;
    q.n_codes = 3;
    q.period = "2025-04";
    tf_chart_data *cd = NULL;
    assert_int_equal(tf_chart_data_compute(db, ref, &q, &cd), TF_OK);
    assert_int_equal(cd->years->n_months, 52);
    assert_string_equal(cd->years->from, "2021-01");
    assert_int_equal(cd->recent->n_months, 24);
    assert_string_equal(cd->recent->from, "2023-05");
    assert_string_equal(cd->recent->to, "2025-04");
    assert_near(cd->recent->total[0][23].v, 250500.0, 1e-6);
    assert_near(cd->recent->total[1][23].v, 13700.0, 1e-6);
    assert_near(cd->recent->net_import[23].v, 236800.0, 1e-6);
    /* the series' month equals the report's */
    assert_near(cd->report->import.quantity.v, cd->years->total[0][51].v, 1e-9);
    /* 2022-04 is month 15 from January 2021 */
    assert_string_equal(cd->years->periods[15], "2022-04");
    assert_false(cd->years->total[0][15].has);
    /* April 2025 partners: Russia 227,000 t and China 2,300 t of 250,500 t; the
     * world residual 250,500 - 227,000 - 2,300 = 21,200 t, the report's "Other" */
    assert_string_equal(cd->recent->partners[0][0].partner, "RUS");
    assert_near(cd->recent->partners[0][0].quantity[23].v, 227000.0, 1e-6);
    assert_near(cd->recent->other[0][23].v, 21200.0, 1e-6);
    assert_near(cd->recent->other[0][23].v, cd->report->import_breakdown.other.v, 1e-9);
    assert_null(cd->window); /* no prices or P/L series ingested */
    tf_chart_data_free(&cd);
    assert_null(cd);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The report month is the month the charts draw: tf_chart_data's report equals
 * the last month of both series, per flow, in t and in value, for world rows
 * stored as UN Comtrade's H6 and selected as "HS" (the rows Thailand reports:
 * April 2025 1,200 t, 3,000,000 USD; March 1,000 t; exports none). */
static void test_report_month_is_series_month(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv =
        "period,flow,reporter,partner,classification,commodity,quantity,unit,value,currency\n"
        "2024-04,import,THA,WLD,H6,760110,900000,kg,2000000,USD\n"
        "2025-03,import,THA,WLD,H6,760110,1000000,kg,2500000,USD\n"
        "2025-04,import,THA,WLD,H6,760110,1200000,kg,3000000,USD\n";
    tf_db *db = db_with(ref, "series-h6", csv);
    const double want[2] = {1200.0, 3000000.0}; /* t; USD */
    for (int measure = 0; measure < 2; measure++) {
        tf_query q = query("2025-04");
        q.reporter = "THA";
        q.measure = measure ? TF_MEASURE_VALUE : TF_MEASURE_QUANTITY;
        tf_chart_data *d = NULL;
        assert_int_equal(tf_chart_data_compute(db, ref, &q, &d), TF_OK);
        assert_true(d->report->import.quantity.has);
        assert_near(d->report->import.quantity.v, want[measure], 1e-6);
        /* 1,200 / 1,000 - 1 = +20 %, as the series' March gives it */
        assert_near(d->report->import.mom_pct.v, 20.0, 1e-9);
        const tf_monthly_series *ss[2] = {d->years, d->recent};
        for (int k = 0; k < 2; k++) {
            const tf_monthly_series *s = ss[k];
            size_t last = s->n_months - 1;
            assert_string_equal(s->periods[last], "2025-04");
            assert_true(s->total[0][last].has);
            assert_near(s->total[0][last].v, d->report->import.quantity.v, 1e-9);
            assert_near(s->total[0][last - 1].v, d->report->import.prev_month.v, 1e-9);
            assert_false(s->total[1][last].has); /* no exports, as the report says */
            assert_false(d->report->export.quantity.has);
        }
        tf_chart_data_free(&d);
    }
    /* history's selection (tf_query_select) finds the three H6 cells too */
    int n = 0;
    tf_selection sel = {0};
    sel.classification = "HS";
    sel.codes = HS6;
    sel.n_codes = 1;
    sel.reporter = "THA";
    sel.all_revisions = 1;
    assert_int_equal(tf_query_select(db, &sel, count_rev, &n), TF_OK);
    assert_int_equal(n, 3);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The commodity and classification checks every front end uses. */
static void test_codes_check(void **state)
{
    (void)state;
    const char *bad = NULL;
    const char *ok[] = {"7601", "76011090", "TOTAL"};
    assert_int_equal(tf_query_codes_check(ok, 3, 1, &bad), TF_OK);
    assert_null(bad);
    assert_int_equal(tf_query_codes_check(ok, 3, 0, &bad), TF_ERR_USAGE);
    assert_string_equal(bad, "TOTAL"); /* --hs takes digits only */
    const char *typo[] = {"7601", "TOAL"};
    assert_int_equal(tf_query_codes_check(typo, 2, 1, &bad), TF_ERR_USAGE);
    assert_string_equal(bad, "TOAL");
    const char *empty[] = {""};
    assert_int_equal(tf_query_codes_check(empty, 1, 1, &bad), TF_ERR_USAGE);
    assert_int_equal(tf_query_codes_check(ok, 0, 1, &bad), TF_ERR_USAGE);
    assert_null(bad);
    assert_true(tf_query_classification_valid("H6"));
    assert_true(tf_query_classification_valid("TOTAL"));
    assert_false(tf_query_classification_valid("hs"));
    assert_false(tf_query_classification_valid("HS 2022"));
    assert_false(tf_query_classification_valid("ABCDEFGH"));
    assert_false(tf_query_classification_valid(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_series_by_hand),
        cmocka_unit_test(test_chart_data_sample),
        cmocka_unit_test(test_report_month_is_series_month),
        cmocka_unit_test(test_codes_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
