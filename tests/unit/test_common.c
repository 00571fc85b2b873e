/* Fixed decimals, periods, flows, number formatting, percentage rules. */
#include "testutil.h"
#include <math.h>

#include "common/lazylib.h"

static tf_milli parse_ok(const char *s, int thousands)
{
    tf_milli v = -1;
    assert_int_equal(tf_milli_parse(s, strlen(s), thousands, &v, NULL), TF_OK);
    return v;
}

static void parse_bad(const char *s, int thousands, const char *why_part)
{
    tf_milli v;
    tf_error why = {0};
    assert_int_equal(tf_milli_parse(s, strlen(s), thousands, &v, &why), TF_ERR_INPUT);
    assert_int_equal(why.status, TF_ERR_INPUT);
    assert_string_equal(why.file, ""); /* a string, not a file: the caller names the place */
    assert_non_null(strstr(why.msg, why_part));
}

static void test_milli_parse(void **state)
{
    (void)state;
    assert_true(parse_ok("250500", 0) == 250500000);
    assert_true(parse_ok("0.5", 0) == 500);
    assert_true(parse_ok(".5", 0) == 500);
    assert_true(parse_ok("-12.125", 0) == -12125);
    assert_true(parse_ok("1.2500", 0) == 1250); /* trailing zeros beyond 3 places are exact */
    /* GACC value column: "5,917,063,944" is 5917063944 CNY */
    assert_true(parse_ok("5,917,063,944", 1) == INT64_C(5917063944000));
    assert_true(parse_ok("944", 1) == 944000);
    parse_bad("5,917,063,944", 0, "not a number");
    parse_bad("59,17,063", 1, "thousands");
    parse_bad("1,0000", 1, "thousands");
    parse_bad(",100", 1, "thousands");
    parse_bad("1e5", 0, "exponent");
    parse_bad("1.2345", 0, "3 decimal");
    parse_bad("", 0, "empty");
    parse_bad("12a", 0, "not a number");
    parse_bad("1 000", 0, "not a number");
    parse_bad("-", 0, "not a number");
    parse_bad("99999999999999999999", 0, "too large");
}

static void test_period(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(tf_period_parse("202504", 6, out), TF_OK);
    assert_string_equal(out, "2025-04");
    assert_int_equal(tf_period_parse("2025-12", 7, out), TF_OK);
    assert_string_equal(out, "2025-12");
    assert_int_equal(tf_period_parse("2024", 4, out), TF_OK);
    assert_string_equal(out, "2024");
    assert_int_equal(tf_period_parse("202513", 6, out), TF_ERR_INPUT);
    assert_int_equal(tf_period_parse("2025-00", 7, out), TF_ERR_INPUT);
    assert_int_equal(tf_period_parse("2025-4", 6, out), TF_ERR_INPUT);
    assert_int_equal(tf_period_parse("25-04", 5, out), TF_ERR_INPUT);
    /* index arithmetic: January's previous month is December of the year before */
    int jan = tf_period_index("2025-01");
    tf_period_from_index(jan - 1, out);
    assert_string_equal(out, "2024-12");
    tf_period_from_index(tf_period_index("2025-04") - 12, out);
    assert_string_equal(out, "2024-04");
    assert_int_equal(tf_period_index("2025"), -1);
}

/* GACC cumulative ranges (ingest --range): one calendar year, first < last. */
static void test_period_range(void **state)
{
    (void)state;
    char out[17];
    tf_error why = {0};
    assert_int_equal(tf_period_range_parse("2025-01..2025-04", out, &why), TF_OK);
    assert_int_equal(why.status, TF_OK); /* nothing written on success */
    assert_string_equal(out, "2025-01..2025-04");
    assert_int_equal(tf_period_is_range("2025-01..2025-04"), 1);
    assert_int_equal(tf_period_is_range("2025-01"), 0);
    assert_int_equal(tf_period_is_range("2025"), 0);
    /* a range is never a month: the month index of the report has no slot for it */
    assert_int_equal(tf_period_index("2025-01..2025-04"), -1);
    assert_int_equal(tf_period_range_parse("2025-04..2025-01", out, &why), TF_ERR_INPUT);
    assert_string_equal(why.msg, "the first month comes after the last");
    assert_int_equal(tf_period_range_parse("2024-12..2025-02", out, &why), TF_ERR_INPUT);
    assert_int_equal(tf_period_range_parse("2025-03..2025-03", out, &why), TF_ERR_INPUT);
    assert_int_equal(tf_period_range_parse("2025-01..2025-13", out, &why), TF_ERR_INPUT);
    assert_int_equal(tf_period_range_parse("202501..202504", out, &why), TF_ERR_INPUT);
    assert_int_equal(tf_period_range_parse("2025-01..2025-04x", out, &why), TF_ERR_INPUT);
    assert_int_equal(tf_period_range_parse("2025-01", out, &why), TF_ERR_INPUT);
}

static void test_flow(void **state)
{
    (void)state;
    assert_int_equal(tf_flow_parse("import", 6), TF_FLOW_IMPORT);
    assert_int_equal(tf_flow_parse("Export", 6), TF_FLOW_EXPORT);
    assert_int_equal(tf_flow_parse("re-import", 9), TF_FLOW_REIMPORT);
    assert_int_equal(tf_flow_parse("reexport", 8), TF_FLOW_REEXPORT);
    assert_int_equal(tf_flow_parse("imports", 7), TF_FLOW_NONE);
    assert_string_equal(tf_flow_name(TF_FLOW_REEXPORT), "re-export");
}

static void test_format_number(void **state)
{
    (void)state;
    char b[64];
    tf_format_number(b, sizeof b, 250500, 0);
    assert_string_equal(b, "250,500");
    tf_format_number(b, sizeof b, -1208.4, 0);
    assert_string_equal(b, "-1,208");
    tf_format_number(b, sizeof b, 999.95, 1);
    assert_string_equal(b, "1,000.0");
    tf_format_number(b, sizeof b, -0.04, 1);
    assert_string_equal(b, "0.0"); /* never "-0.0" */
    tf_format_number(b, sizeof b, 92098915.183, 0);
    assert_string_equal(b, "92,098,915");
}

/* tf_format_milli: exact thousandths, the decimals the figure has (history). */
static void test_format_milli(void **state)
{
    (void)state;
    char b[64];
    tf_format_milli(b, sizeof b, 250500000000LL); /* 250,500,000 kg */
    assert_string_equal(b, "250,500,000");
    tf_format_milli(b, sizeof b, 1500); /* 1.5 */
    assert_string_equal(b, "1.5");
    tf_format_milli(b, sizeof b, -1234); /* -1.234 */
    assert_string_equal(b, "-1.234");
    tf_format_milli(b, sizeof b, 1000050); /* 1,000.05 */
    assert_string_equal(b, "1,000.05");
    tf_format_milli(b, sizeof b, 0);
    assert_string_equal(b, "0");
}

static tf_opt o(double v)
{
    tf_opt x = {1, v};
    return x;
}

static void test_pct_change(void **state)
{
    (void)state;
    tf_opt missing = {0, 0};
    /* April 2025 imports 250,500 t on March 222,000 t: +12.8378...% (published: 12.8%) */
    tf_opt r = tf_pct_change(o(250500), o(222000));
    assert_true(r.has);
    assert_near(r.v, 100.0 * (250500.0 / 222000.0 - 1.0), 1e-9);
    assert_near(r.v, 12.8378, 1e-4);
    assert_false(tf_pct_change(o(1), missing).has);  /* missing base: no value */
    assert_false(tf_pct_change(missing, o(1)).has);
    assert_false(tf_pct_change(o(5), o(0)).has);     /* zero base: no value, not infinity */
    assert_false(tf_pct_change(o(5), o(-10)).has);   /* negative base: no value */
    r = tf_pct_change(o(0), o(10));
    assert_true(r.has);
    assert_near(r.v, -100.0, 1e-12);
}

/* Day numbers, weekdays and month ends (tradeflow/calendar.h); expected values
 * from Python's datetime: (date(2024,2,29) - date(1970,1,1)).days = 19782,
 * (date(1900,1,1) - date(1970,1,1)).days = -25567, date(2025,4,30).weekday() = 2. */
static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(tf_day_number("2024-02-29"), 19782);
    assert_int_equal(tf_day_number("1900-01-01"), -25567);
    assert_int_equal(tf_day_number("1970-01-01"), 0);
    assert_int_equal(tf_day_number("2025-02-29"), -1); /* not a day */
    assert_int_equal(tf_day_number("2025-4-30"), -1);
    assert_int_equal(tf_weekday(tf_day_number("2025-04-30")), 2); /* a Wednesday */
    char d[11], first[11], last[11];
    tf_date_of_day(19782, d);
    assert_string_equal(d, "2024-02-29");
    tf_date_of_day(-25567, d);
    assert_string_equal(d, "1900-01-01");
    assert_int_equal(tf_month_days("2024-02", first, last), 0);
    assert_string_equal(first, "2024-02-01");
    assert_string_equal(last, "2024-02-29"); /* leap year */
    assert_int_equal(tf_month_days("2100-02", NULL, last), 0);
    assert_string_equal(last, "2100-02-28"); /* 2100 is not a leap year */
    assert_int_equal(tf_month_days("2025-04", NULL, last), 0);
    assert_string_equal(last, "2025-04-30");
    assert_int_equal(tf_month_days("2999-12", NULL, last), 0);
    assert_string_equal(last, "2999-12-31");
    assert_int_equal(tf_month_days("2025", first, last), -1);
    assert_int_equal(tf_month_days("2025-13", first, last), -1);
}

/* The run-time loader (src/common/lazylib.c) on the C maths library: cos and
 * sqrt bound and called (cos(0) = 1, sqrt(2) * sqrt(2) = 2 within 1e-15); an
 * absent file, a file named by the environment and a library lacking a name
 * give TF_ERR_IO with the file, the package and the use named, the table left
 * empty; a second call returns the first outcome. */
typedef struct m_fns {
    __typeof__(cos) *cos;
    __typeof__(sqrt) *sqrt;
} m_fns;

static void test_lazylib(void **state)
{
    (void)state;
    static const char *const names[] = {"cos", "sqrt"}, *const bad[] = {"cos", "tf_none"};
    m_fns m = {0}, n = {0};
    tf_error e = {0};
    tf_lazylib ok = {NULL, "libm.so.6", "libc6", "a test", names, 2, &m, 0, TF_OK, ""};
    assert_int_equal(tf_lazylib_load(&ok, &e), TF_OK);
    assert_true(m.cos(0.0) == 1.0);
    assert_true(fabs(m.sqrt(2.0) * m.sqrt(2.0) - 2.0) < 1e-15);
    assert_int_equal(tf_lazylib_load(&ok, NULL), TF_OK);
    tf_lazylib absent = {NULL, "libtf-none.so.9", "tf-none", "a test", names, 2, &n, 0, TF_OK, ""};
    assert_int_equal(tf_lazylib_load(&absent, &e), TF_ERR_IO);
    assert_non_null(strstr(e.msg, "cannot load libtf-none.so.9 (Debian package tf-none), "
                                  "needed for a test: "));
    setenv("TF_TEST_LIBM", "/nonexistent/libm.so.6", 1);
    tf_lazylib env = {"TF_TEST_LIBM", "libm.so.6", "libc6", "a test", names, 2, &n, 0, TF_OK, ""};
    assert_int_equal(tf_lazylib_load(&env, &e), TF_ERR_IO);
    unsetenv("TF_TEST_LIBM");
    assert_non_null(strstr(e.msg, "cannot load /nonexistent/libm.so.6 (named by TF_TEST_LIBM; by "
                                  "default libm.so.6, Debian package libc6), needed for a test: "));
    tf_lazylib lacks = {NULL, "libm.so.6", "libc6", "a test", bad, 2, &n, 0, TF_OK, ""};
    assert_int_equal(tf_lazylib_load(&lacks, &e), TF_ERR_IO);
    assert_string_equal(e.msg, "libm.so.6 lacks tf_none: not libm.so.6, or one older than this "
                               "tradeflow needs");
    assert_null(n.cos);
    assert_int_equal(tf_lazylib_load(&env, NULL), TF_ERR_IO); /* the first outcome */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milli_parse),   cmocka_unit_test(test_period),
        cmocka_unit_test(test_period_range),
        cmocka_unit_test(test_flow),          cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_format_milli),
        cmocka_unit_test(test_pct_change),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_lazylib),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
