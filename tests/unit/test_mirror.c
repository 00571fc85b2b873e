/* Mirror statistics: gap % of the exporter's figure, unit values, valuation by
 * GACC's rule, extreme asymmetry per period and per code (issue 18 item 6).
 * Every expected value is worked out by hand in the comment beside it. */
#include "testutil.h"

#include <math.h>

/* China's side as GACC publishes it (tradeflow CSV: no CIF/FOB columns),
 * Russia's side likewise, March 2024:
 *   CHN imports from RUS: 760110 1,000 t 2,000,000 USD; 9999 0 kg 500,000 USD
 *   RUS exports to CHN:   760110 1,100 t 2,100,000 USD; 9999 0 kg  20,000 USD
 *   CHN exports to RUS:   760110 10 t 30,000 USD
 *   RUS imports from CHN: 760110 0.5 t 2,000 USD */
static const char mirror_csv[] =
    "period,flow,reporter,partner,commodity,quantity,unit,value,currency\n"
    "2024-03,import,CHN,RUS,760110,1000,t,2000000,USD\n"
    "2024-03,import,CHN,RUS,9999,0,kg,500000,USD\n"
    "2024-03,export,RUS,CHN,760110,1100,t,2100000,USD\n"
    "2024-03,export,RUS,CHN,9999,0,kg,20000,USD\n"
    "2024-03,export,CHN,RUS,760110,10,t,30000,USD\n"
    "2024-03,import,RUS,CHN,760110,0.5,t,2000,USD\n";

static tf_mirror *compute(tf_db *db)
{
    const char *const codes[] = {"760110", "9999"};
    tf_mirror_query q = {0};
    q.reporter = "CHN";
    q.partner = "RUS";
    q.classification = "HS";
    q.codes = codes;
    q.n_codes = 2;
    q.period_from = "2024-03";
    q.period_to = "2024-03";
    tf_mirror *m = NULL;
    assert_int_equal(tf_mirror_compute(db, &q, &m), TF_OK);
    assert_int_equal(m->n_rows, 2);
    return m;
}

static const tf_mirror_code *code_of(const tf_mirror_row *r, const char *code)
{
    for (size_t i = 0; i < r->n_codes; i++)
        if (!strcmp(r->codes[i].code, code))
            return &r->codes[i];
    fail_msg("code %s not in the row", code);
    return NULL;
}

static void test_mirror_flags(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("mirrorflags"), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "m.csv", mirror_csv, NULL, NULL, &res, NULL),
                     TF_OK);
    tf_mirror *m = compute(db);
    const tf_mirror_row *r = &m->rows[0]; /* CHN imports vs RUS exports */
    assert_int_equal(r->direction, 0);
    /* totals 2,500,000 vs 2,120,000: ratio 1.1792, not extreme */
    assert_near(r->value_ratio.v, 2500000.0 / 2120000.0, 1e-12);
    assert_false(r->extreme);
    /* importer CHN - exporter RUS = 380,000, of 2,120,000 = 17.92 % */
    assert_near(r->gap_pct.v, 100.0 * 380000.0 / 2120000.0, 1e-9);
    /* GACC values imports CIF; Russia's records state nothing: no valuation */
    assert_string_equal(r->own.valuation, "CIF");
    assert_true(r->own.valuation_by_rule);
    assert_string_equal(r->mirror.valuation, "");
    /* unit values: 2,000,000 USD / 1,000 t = 2,000 USD/t (9999 weighs 0 kg and is
     * left out); 2,100,000 / 1,100 t = 1,909.09 USD/t */
    assert_near(r->own.unit_value.v, 2000.0, 1e-9);
    assert_near(r->mirror.unit_value.v, 2100000.0 / 1100.0, 1e-9);
    /* the codes on their own: 9999 500,000 / 20,000 = 25, above 10, named; 760110
     * 2,000,000 / 2,100,000 = 0.952, gap -100,000 / 2,100,000 = -4.76 % */
    assert_int_equal(r->n_codes, 2);
    const tf_mirror_code *c = code_of(r, "9999");
    assert_near(c->ratio.v, 25.0, 1e-12);
    assert_true(c->extreme);
    assert_non_null(c->special);
    assert_non_null(strstr(c->special, "not specified according to kind"));
    c = code_of(r, "760110");
    assert_false(c->extreme);
    assert_null(c->special);
    assert_near(c->gap_pct.v, -100.0 * 100000.0 / 2100000.0, 1e-9);
    r = &m->rows[1]; /* CHN exports 30,000 vs RUS imports 2,000 */
    assert_int_equal(r->direction, 1);
    assert_string_equal(r->own.valuation, "FOB");
    /* ratio 30,000 / 2,000 = 15: extreme; importer RUS - exporter CHN = -28,000,
     * of 30,000 = -93.33 % */
    assert_near(r->value_ratio.v, 15.0, 1e-12);
    assert_true(r->extreme);
    assert_near(r->gap_pct.v, -100.0 * 28000.0 / 30000.0, 1e-9);
    /* RUS 2,000 USD / 0.5 t = 4,000 USD/t; CHN 30,000 / 10 t = 3,000 USD/t */
    assert_near(r->mirror.unit_value.v, 4000.0, 1e-9);
    assert_near(r->own.unit_value.v, 3000.0, 1e-9);
    tf_mirror_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The bounds themselves (10 and 0.1) are not extreme; just beyond them is. */
static void test_mirror_extreme_bounds(void **state)
{
    (void)state;
    tf_opt a = {1, 10.0}, b = {1, 10.0001}, c = {1, 0.1}, d = {1, 0.0999}, none = {0, 0};
    assert_false(tf_mirror_extreme(a));
    assert_true(tf_mirror_extreme(b));
    assert_false(tf_mirror_extreme(c));
    assert_true(tf_mirror_extreme(d));
    assert_false(tf_mirror_extreme(none));
    assert_non_null(tf_mirror_code_special("990000"));
    assert_null(tf_mirror_code_special("760110"));
}

/* The ComtradePlus download: China-USA 2022 (file figures; gap % by hand). */
static void test_mirror_real(void **state)
{
    (void)state;
    const char *path = tt_shared_file("data/comtrade/plus-download/china-2022-total.csv");
    if (!path)
        skip();
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("mirrorreal"), TF_DB_CREATE, &db, NULL), TF_OK);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    tf_read_opts o = {0};
    tf_diag d;
    memset(&d, 0, sizeof d);
    tf_ingest_result res;
    assert_int_equal(tf_db_ingest(db, in, path, &o, ref, NULL, &d, &res), TF_OK);
    fclose(in);
    const char *const codes[] = {"TOTAL"};
    tf_mirror_query q = {0};
    q.reporter = "CHN";
    q.partner = "USA";
    q.classification = "HS";
    q.codes = codes;
    q.n_codes = 1;
    q.period_from = q.period_to = "2022";
    tf_mirror *m = NULL;
    assert_int_equal(tf_mirror_compute(db, &q, &m), TF_OK);
    assert_int_equal(m->n_rows, 2);
    /* CHN imports 178,956,829,551 CIF vs USA exports 153,837,022,415 FOB:
     * (178956829551 - 153837022415) / 153837022415 = 16.329 % */
    assert_near(m->rows[0].gap_pct.v, 16.329, 0.001);
    /* USA imports 575,688,091,172 vs CHN exports 582,756,110,047:
     * (575688091172 - 582756110047) / 582756110047 = -1.2129 % */
    assert_near(m->rows[1].gap_pct.v, -1.2129, 0.0001);
    assert_string_equal(m->rows[0].own.valuation, "CIF");
    assert_false(m->rows[0].own.valuation_by_rule); /* stated by Comtrade */
    assert_false(m->rows[0].own.unit_value.has);    /* TOTAL has no weight */
    assert_false(m->rows[0].extreme || m->rows[1].extreme);
    tf_mirror_free(&m);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mirror_flags),
        cmocka_unit_test(test_mirror_extreme_bounds),
        cmocka_unit_test(test_mirror_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
