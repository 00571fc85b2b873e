/* Per-code YoY across the HS2017 -> HS2022 change and the crosswalk groups
 * (issue 18 item 7). Expected values are worked out by hand beside them. */
#include "testutil.h"

#include <math.h>

/* China's imports (t), April 2021 under HS2017 and April 2022 under HS2022:
 *   85411000 diodes           30 ->  33   (the same code in both editions)
 *   85414010 LEDs            100 -> 85414100 120
 *   85414020 solar cells     200 -> 85414200 150 + 85414300 90
 *   85414090 other            50 -> 85414900 40
 *   85415900 (HS2022 854159)   - ->  10   (HS2017 854150 has no rows)
 *   85249100 (new heading)     - ->   5   (no pair in the crosswalk) */
static const char hs_csv[] =
    "period,flow,partner,commodity,quantity,unit\n"
    "2021-04,import,WLD,85411000,30,t\n"
    "2021-04,import,WLD,85414010,100,t\n"
    "2021-04,import,WLD,85414020,200,t\n"
    "2021-04,import,WLD,85414090,50,t\n"
    "2022-04,import,WLD,85411000,33,t\n"
    "2022-04,import,WLD,85414100,120,t\n"
    "2022-04,import,WLD,85414200,150,t\n"
    "2022-04,import,WLD,85414300,90,t\n"
    "2022-04,import,WLD,85414900,40,t\n"
    "2022-04,import,WLD,85415900,10,t\n"
    "2022-04,import,WLD,85249100,5,t\n";

static tf_db *open_fixture(tf_refdata *ref, const char *name)
{
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path(name), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "hs.csv", hs_csv, NULL, NULL, &res, NULL), TF_OK);
    return db;
}

static tf_code_changes *compute(tf_db *db, tf_refdata *ref, const char *const *codes, size_t n)
{
    tf_query q;
    memset(&q, 0, sizeof q);
    q.product = "HS test";
    q.codes = codes;
    q.n_codes = n;
    q.period = "2022-04";
    tf_code_changes *c = NULL;
    assert_int_equal(tf_code_changes_compute(db, ref, &q, TF_FLOW_IMPORT, &c), TF_OK);
    return c;
}

static const tf_code_yoy *row(const tf_code_changes *c, const char *code)
{
    for (size_t i = 0; i < c->n_codes; i++)
        if (!strcmp(c->codes[i].code, code))
            return &c->codes[i];
    fail_msg("code %s missing", code);
    return NULL;
}

static const tf_code_group *group(const tf_code_changes *c, const char *new_codes)
{
    for (size_t i = 0; i < c->n_groups; i++)
        if (!strcmp(c->groups[i].new_codes, new_codes))
            return &c->groups[i];
    fail_msg("group %s missing", new_codes);
    return NULL;
}

static void test_edition_change(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = open_fixture(ref, "hscodes");
    const char *const codes[] = {"8541", "8524"};
    tf_code_changes *c = compute(db, ref, codes, 2);
    assert_int_equal(c->edition_now, 2022);
    assert_int_equal(c->edition_before, 2017);
    assert_string_equal(c->before, "2021-04");
    /* the same code in both editions: 33 / 30 - 1 = +10.0 % */
    assert_near(row(c, "85411000")->yoy_pct.v, 10.0, 1e-9);
    /* split codes: no per-code YoY, neither -100 % nor new */
    const tf_code_yoy *r = row(c, "85414020");
    assert_false(r->yoy_pct.has);
    assert_non_null(strstr(r->reason, "no value: code changed with HS2022"));
    assert_near(r->before.v, 200.0, 1e-9);
    r = row(c, "85414200");
    assert_false(r->yoy_pct.has);
    assert_non_null(strstr(r->reason, "code changed with HS2022"));
    /* groups: LEDs 120 / 100 - 1 = +20 %; solar (150 + 90) / 200 - 1 = +20 %;
     * other 40 / 50 - 1 = -20 % */
    assert_near(group(c, "85414100")->yoy_pct.v, 20.0, 1e-9);
    const tf_code_group *g = group(c, "85414200+85414300");
    assert_string_equal(g->old_codes, "85414020");
    assert_near(g->now.v, 240.0, 1e-9);
    assert_near(g->before.v, 200.0, 1e-9);
    assert_near(g->yoy_pct.v, 20.0, 1e-9);
    assert_near(group(c, "85414900")->yoy_pct.v, -20.0, 1e-9);
    /* 854150 had no rows in April 2021: the group's YoY has no value */
    g = group(c, "854151+854159");
    assert_near(g->now.v, 10.0, 1e-9);
    assert_false(g->before.has);
    assert_false(g->yoy_pct.has);
    /* a new code without a pair says so */
    r = row(c, "85249100");
    assert_false(r->yoy_pct.has);
    assert_int_equal(r->group, -1);
    assert_non_null(strstr(r->reason, "no pair in the crosswalk"));
    assert_int_equal(c->n_groups, 4);
    tf_code_changes_free(&c);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* PV cells not assembled (85414200) alone: HS2017 85414020 also covered
 * 85414300, so the selection has no counterpart of its own. */
static void test_subgroup_without_counterpart(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = open_fixture(ref, "hssub");
    const char *const codes[] = {"85414200"};
    tf_code_changes *c = compute(db, ref, codes, 1);
    assert_int_equal(c->n_codes, 1);
    assert_int_equal(c->n_groups, 1);
    assert_string_equal(c->groups[0].outside, "85414020+85414300");
    assert_false(c->groups[0].yoy_pct.has);
    assert_false(c->groups[0].now.has);
    tf_code_changes_free(&c);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A pair the user adds (a file) joins the new heading 8524 to an old code,
 * HS2017 85299090 -> HS2022 85249100: the code is grouped (5 t now; the old
 * code has no rows in April 2021, so the group's YoY has no value). */
static void test_user_pair(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = "build/tmp/xwalk.csv";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old_edition,old_code,new_edition,new_code,source\n"
          "HS2017,85299090,HS2022,85249100,my own reading\n", f);
    fclose(f);
    tf_error err;
    size_t n0 = tf_refdata_crosswalk_count(ref);
    assert_int_equal(tf_refdata_add_crosswalk(ref, path, &err), TF_OK);
    assert_int_equal(tf_refdata_crosswalk_count(ref), n0 + 1);
    tf_db *db = open_fixture(ref, "hsuser");
    const char *const codes[] = {"8524", "8529"};
    tf_code_changes *c = compute(db, ref, codes, 2);
    const tf_code_yoy *r = row(c, "85249100");
    assert_int_equal(r->group, 0);
    assert_non_null(strstr(r->reason, "HS2017 85299090 became HS2022 85249100"));
    assert_near(c->groups[0].now.v, 5.0, 1e-9);
    assert_false(c->groups[0].before.has);
    tf_code_changes_free(&c);
    /* a bad file: the line and column named, nothing added */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("old_edition,old_code,new_edition,new_code\nHS2017,85x,HS2022,854141\n", f);
    fclose(f);
    assert_int_equal(tf_refdata_add_crosswalk(ref, path, &err), TF_ERR_INPUT);
    assert_non_null(strstr(err.msg, "xwalk.csv:2:2:"));
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_int_equal(tf_refdata_crosswalk_count(ref), n0 + 1);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Every built-in pair against GACC's own HS8 tables: the old code is in the
 * 2015 table (HS2012/HS2017 lines), the new one in the 2023 table (HS2022),
 * each as a line or the beginning of lines. */
static int table_has(const char *path, const char *code)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[4096];
    int found = 0;
    size_t n = strlen(code);
    while (!found && fgets(line, sizeof line, f))
        found = strncmp(line + (line[0] == '"'), code, n) == 0;
    fclose(f);
    return found;
}

static void test_pairs_in_gacc_tables(void **state)
{
    (void)state;
    const char *t15 = tt_shared_file("data/gacc/codes/commodities/en-hs8-2015.csv");
    const char *t23 = tt_shared_file("data/gacc/codes/commodities/en-hs8-2023.csv");
    if (!t15 || !t23)
        skip();
    tf_refdata *ref = tt_ref();
    assert_true(tf_refdata_crosswalk_count(ref) >= 14);
    for (size_t i = 0; i < tf_refdata_crosswalk_count(ref); i++) {
        const tf_hs_pair *p = tf_refdata_crosswalk_at(ref, i);
        if (!table_has(t15, p->old_code))
            fail_msg("%s not in the 2015 table", p->old_code);
        if (!table_has(t23, p->new_code))
            fail_msg("%s not in the 2023 table", p->new_code);
        assert_false(table_has(t23, p->old_code)); /* the old code is gone in 2023 */
    }
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edition_change),
        cmocka_unit_test(test_subgroup_without_counterpart),
        cmocka_unit_test(test_user_pair),
        cmocka_unit_test(test_pairs_in_gacc_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
