/* The import window: the worked example of DOMAIN.md §5 (a trader's published
 * table of 2017-08-07) to the yuan, the parameters by date, bad inputs. */
#include "testutil.h"
#include <math.h>

static void test_worked_example_2017_08_07(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    double vat, duty, misc;
    assert_int_equal(tf_window_params(ref, "2017-08-07", "76011090", NULL, &vat, &duty, &misc,
                                      NULL), TF_OK);
    assert_near(vat, 17, 0);
    assert_near(duty, 0, 0);
    assert_near(misc, 100, 0);
    /* spot: (1903 + 110) x 6.7289 x 1.17 + 100 = 15,948.07 -> 15,948; P/L 14,740 - 15,948 */
    tf_window_inputs in = {1903, 110, 6.7289, 14740, vat, duty, misc};
    tf_window w;
    assert_int_equal(tf_window_compute(&in, &w, NULL), TF_OK);
    assert_near(w.import_cost, 15948, 0);
    assert_near(w.pl, -1208, 0);
    assert_near(round(w.pl_usd * 100) / 100, -179.52, 1e-9);  /* published -179.52 */
    assert_near(round(w.breakeven_ratio * 100) / 100, 8.38, 1e-9);
    assert_near(round(w.actual_ratio * 100) / 100, 7.75, 1e-9);
    /* forward: (1924.5 + 110) x 6.7619 x 1.17 + 100 = 16,195.79 -> 16,196; SHFE 15,080 */
    tf_window_inputs fw = {1924.5, 110, 6.7619, 15080, vat, duty, misc};
    assert_int_equal(tf_window_compute(&fw, &w, NULL), TF_OK);
    assert_near(w.import_cost, 16196, 0);
    assert_near(w.pl, -1116, 0);
    assert_near(round(w.breakeven_ratio * 100) / 100, 8.42, 1e-9);
    tf_refdata_free(&ref);
}

static void test_params_by_date_code_origin(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    double vat, duty, misc;
    const char *why = NULL;
    static const struct { const char *date; double vat; } vats[] = {
        {"2018-04-30", 17}, {"2018-05-01", 16}, {"2019-03-31", 16}, {"2019-04-01", 13},
        {"2025-04-18", 13}};
    for (size_t i = 0; i < sizeof vats / sizeof vats[0]; i++) {
        assert_int_equal(tf_window_params(ref, vats[i].date, "76011090", "MFN", &vat, &duty,
                                          &misc, NULL), TF_OK);
        assert_near(vat, vats[i].vat, 0);
    }
    assert_int_equal(tf_window_params(ref, "2025-04-18", "76011010", "MFN", &vat, &duty, &misc,
                                      NULL), TF_OK);
    assert_near(duty, 5, 0); /* MFN 5% where no provisional rate applies */
    assert_int_equal(tf_window_params(ref, "2025-04-18", "76011010", "ASEAN", &vat, &duty,
                                      &misc, NULL), TF_OK);
    assert_near(duty, 0, 0); /* Form E */
    assert_int_equal(tf_window_params(ref, "2025-04-18", "26060000", "MFN", &vat, &duty, &misc,
                                      &why), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(why, "no duty rate"));
    tf_refdata_free(&ref);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    static const struct { tf_window_inputs in; const char *field; } bad[] = {
        {{-1903, 110, 6.7, 14740, 13, 0, 100}, "LME"},
        {{1903, -5, 6.7, 14740, 13, 0, 100}, "premium"},
        {{1903, 110, 67.289, 14740, 13, 0, 100}, "USD/CNY"},
        {{1903, 110, 0.67, 14740, 13, 0, 100}, "USD/CNY"},
        {{1903, 110, 6.7, 0, 13, 0, 100}, "domestic"},
        {{1903, 110, 6.7, 14740, 130, 0, 100}, "VAT"},
        {{1903, 110, 6.7, 14740, 13, -1, 100}, "duty"},
        {{1903, 110, 6.7, 14740, 13, 0, -100}, "misc"},
        {{NAN, 110, 6.7, 14740, 13, 0, 100}, "LME"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tf_window w;
        const char *why = NULL;
        assert_int_equal(tf_window_compute(&bad[i].in, &w, &why), TF_ERR_INPUT);
        assert_non_null(strstr(why, bad[i].field));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example_2017_08_07),
        cmocka_unit_test(test_params_by_date_code_origin),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
