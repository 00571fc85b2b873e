/*
 * Chart, HTML and workbook writers: escaping, chart kinds, what a chart has
 * to draw, and the counts of drawn points on a small data set worked out by
 * hand in the comments.
 */
#include "testutil.h"
#include <math.h>

#include "../../src/outputs/outputs.h"

static char *capture_escape(const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_non_null(m);
    tf_xml_escape(m, s);
    fclose(m);
    return buf;
}

static void test_escape(void **state)
{
    (void)state;
    char *o = capture_escape("a<b>&\"'\x01z\tq");
    /* markup characters become entities; the control character 0x01 is not
     * valid XML and is dropped; a tab stays */
    assert_string_equal(o, "a&lt;b&gt;&amp;&quot;&#39;z\tq");
    free(o);
    o = capture_escape("俄罗斯联邦");
    assert_string_equal(o, "俄罗斯联邦");
    free(o);
}

static void test_kinds(void **state)
{
    (void)state;
    for (int k = 0; k < TF_CHART_COUNT; k++)
        assert_int_equal(tf_chart_kind_parse(tf_chart_kind_name((tf_chart_kind)k)), k);
    assert_int_equal(tf_chart_kind_parse("partners"), TF_CHART_PARTNERS);
    assert_int_equal(tf_chart_kind_parse("pie"), -1);
    assert_int_equal(tf_chart_kind_parse(NULL), -1);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* Imports only (no exports), 2025-03 and 2025-04, with a partner named with
 * markup in a GACC file: the export and net import charts have nothing to
 * draw; the seasonal import chart has 2 points; the partner chart stacks
 * Russia (2 months) and the partner with markup (1 month). */
/* The contents of the file at path (a NUL-terminated copy; free it). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* tf_output_report: one call for every format, to a file; the charted
 * formats need the chart data; a chart with nothing to draw is NOT_FOUND. */
static void check_output_report(const tf_chart_data *cd)
{
    static const struct { const char *format, *has; } want[] = {
        {"text", "Imports"}, {"md", "| Imports"}, {"json", "\"period\": \"2025-04\""},
        {"csv", "product,period,section"}, {"html", "<figure"},
        {"seasonal-import", "<svg"}, {"xlsx", "PK"}};
    const char *path = "build/tmp/output-report.out";
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        unlink(path);
        assert_int_equal(tf_output_report(path, want[i].format, cd, NULL, NULL), TF_OK);
        char *buf = slurp(path);
        assert_non_null(strstr(buf, want[i].has));
        free(buf);
    }
    assert_int_equal(tf_output_charted("csv"), 0);
    assert_int_equal(tf_output_charted("partners"), 1);
    assert_int_equal(tf_output_charted("pdf"), -1);
    assert_int_equal(tf_output_report(path, "pdf", cd, NULL, NULL), TF_ERR_USAGE);
    assert_int_equal(tf_output_report("-", "xlsx", cd, NULL, NULL), TF_ERR_USAGE);
    assert_int_equal(tf_output_report(path, "html", NULL, cd->report, NULL), TF_ERR_USAGE);
    /* imports only: no export chart to draw */
    assert_int_equal(tf_output_report(path, "seasonal-export", cd, NULL, NULL), TF_ERR_NOT_FOUND);
    assert_int_equal(tf_output_report("build/tmp/no-such-dir/x.txt", "text", cd, NULL, NULL),
                     TF_ERR_IO);
    unlink(path);
}

/* Chart titles come from one place (tf_chart_title) for the SVG charts, the
 * page and the workbook. Imports only, March and April 2025: the seasonal
 * chart draws one year; the partner chart covers the 24 months May 2023 to
 * April 2025; the YTD Jan-Apr 2025 misses January and February. */
static void check_titles(const tf_chart_data *cd)
{
    char t[256], want[300];
    tf_chart_title(cd, TF_CHART_SEASONAL_IMPORT, t, sizeof t);
    assert_string_equal(t, "Imports of primary aluminium by month, 2025");
    tf_chart_title(cd, TF_CHART_PARTNERS, t, sizeof t);
    assert_string_equal(t, "Imports of primary aluminium by partner, May 2023 to Apr 2025");
    tf_chart_title(cd, TF_CHART_NET_IMPORT, t, sizeof t);
    assert_string_equal(t, "Net imports of primary aluminium: YTD Jan-Apr 2025 n/a (a month is "
                           "missing)");
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_int_equal(tf_chart_write_svg(m, cd, TF_CHART_PARTNERS, NULL), TF_OK);
    fclose(m);
    tf_chart_title(cd, TF_CHART_PARTNERS, t, sizeof t);
    snprintf(want, sizeof want, "<title>%s</title>", t);
    assert_non_null(strstr(buf, want));
    free(buf);
}

static void test_imports_only(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("charts1"), TF_DB_CREATE, &db, NULL), TF_OK);
    const char *gacc =
        "\"数据年月\",\"商品编码\",\"贸易伙伴编码\",\"贸易伙伴名称\",\"第一数量\",\"第一计量单位\",\n"
        "\"202503\",\"76011090\",\"344\",\"俄罗斯联邦\",\"50000000\",\"千克\",\n"
        "\"202504\",\"76011090\",\"344\",\"俄罗斯联邦\",\"60000000\",\"千克\",\n"
        "\"202504\",\"76011090\",\"998\",\"</pre><script>x()</script>\",\"2000000\",\"千克\",\n";
    tf_read_opts o = {0};
    o.flow = TF_FLOW_IMPORT;
    tf_ingest_result res;
    tf_diag d;
    memset(&d, 0, sizeof d);
    assert_int_equal(tt_ingest_text(db, ref, "in.csv", gacc, &o, "2025-06-01T00:00:00Z", &res, &d),
                     TF_OK);
    static const char *const AL[] = {"76011010", "76011090", "760110"};
    tf_query q = {0};
    q.product = "primary-aluminium";
    q.codes = AL;
    q.n_codes = 3;
    q.period = "2025-04";
    tf_chart_data *cd = NULL;
    assert_int_equal(tf_chart_data_compute(db, ref, &q, &cd), TF_OK);
    assert_true(tf_chart_available(cd, TF_CHART_SEASONAL_IMPORT));
    assert_false(tf_chart_available(cd, TF_CHART_SEASONAL_EXPORT));
    assert_false(tf_chart_available(cd, TF_CHART_SEASONAL_NET));
    assert_false(tf_chart_available(cd, TF_CHART_NET_IMPORT));
    assert_false(tf_chart_available(cd, TF_CHART_WINDOW));
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_int_equal(tf_chart_write_svg(m, cd, TF_CHART_SEASONAL_EXPORT, NULL), TF_ERR_NOT_FOUND);
    assert_int_equal(tf_chart_write_svg(m, cd, TF_CHART_SEASONAL_IMPORT, NULL), TF_OK);
    fclose(m);
    assert_int_equal(count(buf, "<circle"), 2);       /* March and April 2025 */
    assert_int_equal(count(buf, "class=\"series\""), 1); /* one year */
    free(buf);
    m = open_memstream(&buf, &n);
    tf_chart_opts co = {.lang_zh = 1, .top = 5};
    assert_int_equal(tf_chart_write_svg(m, cd, TF_CHART_PARTNERS, &co), TF_OK);
    fclose(m);
    /* 50,000 + 60,000 kg of Russia = 2 bars; 2,000 kg of GACC:998 = 1 bar */
    assert_int_equal(count(buf, "<rect x=") - 1 /* background */ - 2 /* legend swatches */, 3);
    /* the short name Chinese notes write (data/partners.csv short_zh), not 俄罗斯联邦 */
    assert_non_null(strstr(buf, "data-name=\"俄罗斯\""));
    assert_null(strstr(buf, "<script"));
    assert_non_null(strstr(buf, "&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;"));
    free(buf);
    m = open_memstream(&buf, &n);
    assert_int_equal(tf_report_write_html(m, cd, &co), TF_OK);
    fclose(m);
    assert_null(strstr(buf, "<script"));
    assert_int_equal(count(buf, "<figure"), 2); /* seasonal imports, partners */
    assert_int_equal(count(buf, "</pre>"), 1);  /* the report's own */
    free(buf);
    check_output_report(cd);
    check_titles(cd);
    tf_chart_data_free(&cd);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_imports_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
