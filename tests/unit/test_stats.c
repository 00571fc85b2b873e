/*
 * Statistics: the published April 2025 figures from the bundled sample, and
 * edge cases on small data sets whose expected values are worked out by hand
 * in the comments beside each assertion.
 */
#include "testutil.h"
#include <math.h>

static const char *const AL[] = {"76011010", "76011090", "760110"};

static tf_report *report_of(tf_db *db, tf_refdata *ref, const char *const *codes, size_t n,
                            const char *period, const char *as_of)
{
    tf_query q = {0};
    q.product = "test";
    q.codes = codes;
    q.n_codes = n;
    q.period = period;
    q.as_of = as_of;
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    return r;
}

static int has_note(const tf_report *r, const char *part)
{
    for (size_t i = 0; i < r->n_notes; i++)
        if (strstr(r->notes[i], part))
            return 1;
    return 0;
}

/* The bundled sample (figures compiled from published notes): the April 2025
 * note states imports 250,500 t up 12.8% MoM and 14.6% YoY, exports 13,700 t,
 * net imports 236,800 t, Russia 90.6% of imports. */
static void test_april_2025_published(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("april"), TF_DB_CREATE, &db, NULL), TF_OK);
    FILE *in = fopen("data/samples/cn-primary-aluminium.csv", "rb");
    assert_non_null(in);
    tf_read_opts o = {0};
    tf_diag d;
    memset(&d, 0, sizeof d);
    tf_ingest_result res;
    assert_int_equal(tf_db_ingest(db, in, "sample", &o, ref, NULL, &d, &res), TF_OK);
    fclose(in);
    assert_int_equal(res.added, 81); /* data lines of the sample (wc -l minus the header) */
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    assert_near(r->import.quantity.v, 250500, 1e-9);
    assert_near(round(r->import.mom_pct.v * 10) / 10, 12.8, 1e-9);  /* 250500/222000-1 */
    assert_near(round(r->import.yoy_pct.v * 10) / 10, 14.6, 1e-9);  /* 250500/218600-1 */
    assert_near(r->export.quantity.v, 13700, 1e-9);
    assert_near(r->net_import.quantity.v, 236800, 1e-9);
    /* MoM of exports 13700/9000-1 = 52.2%; YoY needs 2024-04, absent: no value */
    assert_near(r->export.mom_pct.v, 100.0 * (13700.0 / 9000.0 - 1), 1e-9);
    assert_false(r->export.yoy_pct.has);
    assert_false(r->net_import.yoy_pct.has);
    /* net MoM: 236800 / (222000-9000) - 1 = 11.17% */
    assert_near(r->net_import.mom_pct.v, 100.0 * (236800.0 / 213000.0 - 1), 1e-9);
    /* YTD imports 161000+200000+222000+250500 = 833500; 2024: 247800+224200+249396+218600
     * = 939996; YoY = -11.33% */
    assert_near(r->import.ytd.v, 833500, 1e-9);
    assert_near(r->import.ytd_prev.v, 939996, 1e-9);
    assert_near(r->import.ytd_yoy_pct.v, 100.0 * (833500.0 / 939996.0 - 1), 1e-9);
    /* exports Jan-Apr 2024 are not all known: YTD YoY has no value, and a note says why */
    assert_near(r->export.ytd.v, 33700, 1e-9);
    assert_false(r->export.ytd_yoy_pct.has);
    assert_true(has_note(r, "no export data for 2024-01"));
    /* Russia 227,000 of 250,500 = 90.6% */
    assert_int_equal(r->import_breakdown.n_partners, 2); /* Russia and China (re-imports) */
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    assert_string_equal(r->import_breakdown.partners[0].name, "Russia");
    assert_near(round(r->import_breakdown.partners[0].share_pct.v * 10) / 10, 90.6, 1e-9);
    /* Russia MoM 227000/202000-1 = 12.38%; share change 90.62 - 90.99 = -0.37 pp */
    assert_near(r->import_breakdown.partners[0].mom_pct.v, 100.0 * (227000.0 / 202000 - 1), 1e-9);
    assert_near(r->import_breakdown.partners[0].share_change_pp.v,
                100.0 * 227000 / 250500 - 100.0 * 202000 / 222000, 1e-9);
    assert_false(r->import_breakdown.partners[0].yoy_pct.has); /* no 2024-04 partner data */
    /* the world row is never added to the partner rows: other = 250500 - 227000
     * (Russia) - 2300 (China, re-imports) */
    assert_near(r->import_breakdown.other.v, 21200, 1e-9);
    tf_report_free(&r);
    assert_null(r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

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

/* HS8 rows by partner and trade mode, and an HS6 world row for the same
 * month: the HS6 total is used once, nothing is added twice. */
static void test_no_double_counting(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv =
        "period,flow,partner,commodity,trade_mode,quantity,unit,value,currency\n"
        "2025-04,import,WLD,760110,,1000,t,17000000,CNY\n"
        "2025-04,import,RUS,76011090,10,600,t,10200000,CNY\n"
        "2025-04,import,RUS,76011090,33,200,t,3400000,CNY\n"
        "2025-04,import,IND,76011010,10,150,t,2550000,CNY\n"
        "2025-04,import,WLD,76011090,,800,t,13600000,CNY\n"
        "2025-03,import,RUS,76011090,,500000,kg,,\n"
        "2025-03,import,IND,76011010,,100000,kg,,\n";
    tf_db *db = db_with(ref, "double", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    /* April: HS6 760110 world row 1,000 t is complete; HS8 rows under it dropped */
    assert_near(r->import.quantity.v, 1000, 1e-9);
    assert_near(r->import.value.v, 17000000, 1e-6);
    assert_near(r->import.unit_value.v, 17000, 1e-9); /* 17,000,000 CNY / 1,000 t */
    /* March: no world row; partners summed: 500 + 100 = 600 t */
    assert_near(r->import.prev_month.v, 600, 1e-9);
    tf_report_free(&r);
    /* Only the HS8 lines: for 76011090 the world row (800 t) beats its partner
     * rows (600+200); 76011010 has only IND by mode 10 (150 t): 950 t. */
    const char *const hs8[] = {"76011090", "76011010"};
    r = report_of(db, ref, hs8, 2, "2025-04", NULL);
    assert_near(r->import.quantity.v, 950, 1e-9);
    /* partners: RUS 600+200 = 800 (modes summed), IND 150 */
    assert_int_equal(r->import_breakdown.n_partners, 2);
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    assert_near(r->import_breakdown.partners[0].quantity, 800, 1e-9);
    assert_near(r->import_breakdown.partners[0].share_pct.v, 100.0 * 800 / 950, 1e-9);
    /* RUS MoM 800/500-1 = 60%; IND 150/100-1 = 50% */
    assert_near(r->import_breakdown.partners[0].mom_pct.v, 60.0, 1e-9);
    assert_near(r->import_breakdown.partners[1].mom_pct.v, 50.0, 1e-9);
    /* other = 950 - 800 - 150 = 0 (world total present) */
    assert_near(r->import_breakdown.other.v, 0, 1e-9);
    /* trade modes: 10 general = 600 + 150 = 750; 33 bonded = 200; shares of 950 */
    assert_int_equal(r->import_breakdown.n_modes, 2);
    assert_string_equal(r->import_breakdown.modes[0].code, "10");
    assert_near(r->import_breakdown.modes[0].quantity, 750, 1e-9);
    assert_near(r->import_breakdown.modes[0].share_pct.v, 100.0 * 750 / 950, 1e-9);
    assert_string_equal(r->import_breakdown.modes[0].group, "general");
    assert_string_equal(r->import_breakdown.modes[1].group, "bonded");
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Zero and negative bases; a partner new this month. */
static void test_bases(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv =
        "period,flow,partner,commodity,quantity,unit\n"
        "2025-03,import,WLD,760110,10,t\n"
        "2025-03,export,WLD,760110,30,t\n"   /* net March = -20 t: a net exporter */
        "2025-04,import,WLD,760110,50,t\n"
        "2025-04,export,WLD,760110,0,t\n"    /* export base of 0 for May */
        "2025-04,import,RUS,760110,50,t\n"
        "2025-03,import,IND,760110,10,t\n"
        "2025-05,import,WLD,760110,60,t\n"
        "2025-05,export,WLD,760110,5,t\n"
        "2025-05,import,RUS,760110,40,t\n"
        "2025-05,import,ARE,760110,20,t\n";
    tf_db *db = db_with(ref, "bases", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    /* net April = 50 - 0 = 50; base March = -20: no value, not -350% */
    assert_near(r->net_import.quantity.v, 50, 1e-9);
    assert_near(r->net_import.prev_month.v, -20, 1e-9);
    assert_false(r->net_import.mom_pct.has);
    assert_true(has_note(r, "net import MoM has no value: the base is a net export"));
    /* RUS 50 t in April, absent in March which had a partner breakdown (IND):
     * zero base, no value */
    assert_false(r->import_breakdown.partners[0].mom_pct.has);
    /* IND supplied all of March's 10 t and nothing in April: listed as absent,
     * MoM -100%, share change 0% - 100% = -100 pp */
    assert_int_equal(r->import_breakdown.n_absent, 1);
    assert_string_equal(r->import_breakdown.absent[0].partner, "IND");
    assert_near(r->import_breakdown.absent[0].mom_pct.v, -100.0, 1e-12);
    assert_near(r->import_breakdown.absent[0].share_change_pp.v, -100.0, 1e-12);
    assert_false(r->import_breakdown.absent[0].yoy_pct.has);
    tf_report_free(&r);
    r = report_of(db, ref, AL, 3, "2025-05", NULL);
    /* exports May 5 t on April 0 t: zero base, no value (never infinity) */
    assert_false(r->export.mom_pct.has);
    /* imports 60/50-1 = 20% */
    assert_near(r->import.mom_pct.v, 20.0, 1e-9);
    /* YTD: January and February missing: no value, note names 2025-01 */
    assert_false(r->import.ytd.has);
    assert_true(has_note(r, "no import data for 2025-01"));
    /* partners ranked: RUS 40 (MoM 40/50-1 = -20%), ARE 20 (new: no value) */
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    assert_near(r->import_breakdown.partners[0].mom_pct.v, -20.0, 1e-9);
    assert_string_equal(r->import_breakdown.partners[1].partner, "ARE");
    assert_false(r->import_breakdown.partners[1].mom_pct.has);
    tf_report_free(&r);
    /* no data at all for the month: no values, no crash */
    r = report_of(db, ref, AL, 3, "2019-01", NULL);
    assert_false(r->import.quantity.has);
    assert_false(r->net_import.quantity.has);
    assert_true(has_note(r, "no import data for 2019-01"));
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A full year on both sides: YTD and YTD YoY in January and December. */
static void test_ytd(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "period,flow,partner,commodity,quantity,unit\n");
    /* 2024: month m has m t; 2025: month m has 2m t */
    for (int y = 2024; y <= 2025; y++)
        for (int m = 1; m <= 12; m++)
            n += (size_t)snprintf(csv + n, sizeof csv - n, "%d-%02d,import,WLD,7601,%d,t\n", y,
                                  m, y == 2024 ? m : 2 * m);
    tf_db *db = db_with(ref, "ytd", csv);
    const char *const code[] = {"7601"};
    tf_report *r = report_of(db, ref, code, 1, "2025-12", NULL);
    /* Jan..Dec 2025 = 2 * 78 = 156; 2024 = 78; YoY = +100% */
    assert_near(r->import.ytd.v, 156, 1e-9);
    assert_near(r->import.ytd_prev.v, 78, 1e-9);
    assert_near(r->import.ytd_yoy_pct.v, 100.0, 1e-9);
    tf_report_free(&r);
    r = report_of(db, ref, code, 1, "2025-01", NULL);
    /* January: YTD = the month; MoM base is December 2024 (12 t): 2/12-1 */
    assert_near(r->import.ytd.v, 2, 1e-9);
    assert_near(r->import.mom_pct.v, 100.0 * (2.0 / 12.0 - 1), 1e-9);
    assert_false(r->export.quantity.has);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Partner rows on two bases, no world row: totals from the basis with the
 * most rows, the ranking on the requested basis. */
static void test_partner_basis(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,partner_basis,commodity,quantity,unit\n"
                      "2025-04,import,RUS,origin,760110,90,t\n"
                      "2025-04,import,IND,origin,760110,10,t\n"
                      "2025-04,import,CHN,origin,760110,5,t\n"  /* re-import: origin China */
                      "2025-04,import,RUS,consignment,760110,95,t\n"
                      "2025-04,import,IND,consignment,760110,10,t\n";
    tf_db *db = db_with(ref, "basis", csv);
    tf_query q = {0};
    q.codes = AL;
    q.n_codes = 3;
    q.period = "2025-04";
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    /* origin has 3 rows: total 90 + 10 + 5 = 105 (not 105 + 105) */
    assert_near(r->import.quantity.v, 105, 1e-9);
    assert_string_equal(r->import_breakdown.partner_basis, "origin");
    assert_int_equal(r->import_breakdown.n_partners, 3);
    assert_true(has_note(r, "several partner bases"));
    tf_report_free(&r);
    q.partner_basis = "consignment";
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_near(r->import.quantity.v, 105, 1e-9);
    assert_int_equal(r->import_breakdown.n_partners, 2);
    /* by consignment Russia ships 95 of 105 t = 90.48% */
    assert_near(r->import_breakdown.partners[0].share_pct.v, 100.0 * 95 / 105, 1e-9);
    tf_report_free(&r);
    q.partner_basis = "destination";
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_near(r->import.quantity.v, 105, 1e-9); /* totals stay */
    assert_int_equal(r->import_breakdown.n_partners, 0);
    assert_true(has_note(r, "no import partner rows on partner basis 'destination'"));
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Two bases with as many rows each, no world row: the tie goes to the basis
 * met first in the rows' order (bases sort by name: consignment before
 * origin), as the most-common rule has always decided it. By hand:
 * consignment RUS 70 + KAZ 20 = 90 t; origin RUS 60 + IND 40 = 100 t. */
static void test_partner_basis_tie(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,partner_basis,commodity,quantity,unit\n"
                      "2025-04,import,RUS,origin,760110,60,t\n"
                      "2025-04,import,IND,origin,760110,40,t\n"
                      "2025-04,import,RUS,consignment,760110,70,t\n"
                      "2025-04,import,KAZ,consignment,760110,20,t\n";
    tf_db *db = db_with(ref, "basis-tie", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    assert_non_null(r);
    assert_near(r->import.quantity.v, 90, 1e-9);
    assert_string_equal(r->import_breakdown.partner_basis, "consignment");
    assert_int_equal(r->import_breakdown.n_partners, 2);
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

static tf_report *quick(tf_db *db, tf_refdata *ref, const char *period)
{
    return report_of(db, ref, AL, 3, period, NULL);
}

/* Bases that cover different months or codes: each month and each code
 * sums the basis it has; nothing is dropped. */
static void test_bases_by_month_and_code(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,partner_basis,commodity,quantity,unit\n"
                      "2025-01,import,RUS,origin,76011010,100,t\n"
                      "2025-01,import,IND,origin,76011010,50,t\n"
                      "2025-02,import,RUS,origin,76011010,120,t\n"
                      "2025-02,import,IND,origin,76011010,60,t\n"
                      "2025-03,import,RUS,trading,76011010,130,t\n"
                      "2025-03,import,ARE,trading,76011010,70,t\n"
                      "2025-03,import,RUS,origin,76011090,200,t\n";
    tf_db *db = db_with(ref, "bases2", csv);
    tf_report *r = quick(db, ref, "2025-03");
    /* March: 76011010 on trading 130 + 70, 76011090 on origin 200: 400 t */
    assert_near(r->import.quantity.v, 400, 1e-9);
    /* February 120 + 60 = 180; MoM 400/180 - 1 */
    assert_near(r->import.mom_pct.v, 100.0 * (400.0 / 180.0 - 1), 1e-9);
    /* YTD 150 + 180 + 400 = 730 */
    assert_near(r->import.ytd.v, 730, 1e-9);
    assert_int_equal(r->n_commodities, 2);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A world row at any level beats partner rows at a coarser one, and a
 * shorter code without a complete total gives way to the codes under it. */
static void test_partial_rows_never_taken_for_totals(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,commodity,trade_mode,province,quantity,unit\n"
                      /* April: HS8 world rows 500 + 100; an HS6 row for Russia only */
                      "2025-04,import,WLD,76011090,,,500,t\n"
                      "2025-04,import,WLD,76011010,,,100,t\n"
                      "2025-04,import,RUS,760110,,,200,t\n"
                      /* May: HS8 world rows and an HS6 row for one province only */
                      "2025-05,import,WLD,76011090,,,500,t\n"
                      "2025-05,import,WLD,76011010,,,100,t\n"
                      "2025-05,import,WLD,760110,,37,80,t\n"
                      /* June: a partner row without mode; world rows by mode 300 + 100 */
                      "2025-06,import,RUS,76011090,,,200,t\n"
                      "2025-06,import,WLD,76011090,10,,300,t\n"
                      "2025-06,import,WLD,76011090,33,,100,t\n"
                      /* July: a world total and one mode of it */
                      "2025-07,import,WLD,76011090,,,400,t\n"
                      "2025-07,import,WLD,76011090,10,,150,t\n";
    tf_db *db = db_with(ref, "partial", csv);
    tf_report *r = quick(db, ref, "2025-04");
    assert_near(r->import.quantity.v, 600, 1e-9); /* 500 + 100, not Russia's 200 */
    tf_report_free(&r);
    r = quick(db, ref, "2025-05");
    assert_near(r->import.quantity.v, 600, 1e-9); /* not the province's 80 */
    tf_report_free(&r);
    r = quick(db, ref, "2025-06");
    assert_near(r->import.quantity.v, 400, 1e-9); /* 300 + 100 */
    assert_near(r->import_breakdown.partners[0].share_pct.v, 50.0, 1e-9); /* 200 / 400 */
    assert_near(r->import_breakdown.other.v, 200, 1e-9);
    tf_report_free(&r);
    r = quick(db, ref, "2025-07");
    /* general trade 150 of 400 t: 37.5% of the flow, not 100% of the modes */
    assert_near(r->import.quantity.v, 400, 1e-9);
    assert_near(r->import_breakdown.modes[0].share_pct.v, 37.5, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Which codes count is decided on all the month's codes: a heading's later
 * subheadings are not judged against what is left of its rows once earlier
 * kept codes have moved (keep_codes). */
static void test_codes_decided_on_all_rows(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,commodity,trade_mode,province,quantity,unit\n"
                      "2025-04,import,WLD,76,,,15,t\n"
                      "2025-04,import,AUS,76,10,,17,t\n"
                      "2025-04,import,WLD,76,20,,9,t\n"
                      "2025-04,import,WLD,7601,,,6,t\n"
                      "2025-04,import,WLD,7602,,,10,t\n";
    tf_db *db = db_with(ref, "codes-all-rows", csv);
    const char *const ch76[] = {"76"};
    tf_report *r = report_of(db, ref, ch76, 1, "2025-04", NULL);
    /* 76's total is its world row without a mode (the coarsest level with a
     * world row): 15 t; its headings 7601 and 7602 add up to 6 + 10 = 16 t,
     * more than 15, so 76 is partial and the headings are used: 16 t. (Deciding
     * 7602 after 7601's row had moved over 76's 15 t row left 76 with 17 + 9 =
     * 26 t by mode, taken for a complete total: 7602 was dropped, 6 t.) */
    assert_near(r->import.quantity.v, 16, 1e-9);
    assert_true(has_note(r, "code 76 totals 15.0 t but its subheadings add up to 16.0 t"));
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A partner missing from a breakdown that does not add up to the world
 * total is unknown, not zero: no "absent" row, no share change. */
static void test_unitemised_partner_not_zero(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,commodity,quantity,unit\n"
                      "2025-02,import,WLD,760110,1000,t\n"
                      "2025-02,import,RUS,760110,600,t\n"
                      "2025-02,import,IND,760110,200,t\n"
                      "2025-03,import,WLD,760110,1100,t\n"
                      "2025-03,import,RUS,760110,700,t\n"
                      "2025-03,export,WLD,760110,1,t\n"
                      "2025-02,export,WLD,760110,5,t\n"
                      "2025-04,import,WLD,760110,10,t\n"
                      "2025-04,export,WLD,760110,20,t\n";
    tf_db *db = db_with(ref, "unitemised", csv);
    tf_report *r = quick(db, ref, "2025-03");
    assert_int_equal(r->import_breakdown.n_absent, 0);
    assert_near(r->import_breakdown.other.v, 400, 1e-9); /* 1100 - 700 */
    /* Russia 700/600-1 and share 63.64% - 60% */
    assert_near(r->import_breakdown.partners[0].share_change_pp.v,
                100.0 * 700 / 1100 - 100.0 * 600 / 1000, 1e-9);
    tf_report_free(&r);
    /* net imports turn from +1,099 t to -10 t: a sign change has no percentage */
    r = quick(db, ref, "2025-04");
    assert_near(r->net_import.quantity.v, -10, 1e-9);
    assert_false(r->net_import.mom_pct.has);
    assert_true(has_note(r, "net imports turned into net exports"));
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Found by an independent reference implementation run over random data. */
static void test_reference_cases(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    /* An HS6 total given by trade mode (100 + 50) beats an HS8 line of 30 t
     * under it: 150 t, modes 100 and 50. */
    const char *a = "period,flow,partner,commodity,trade_mode,quantity,unit\n"
                    "2025-04,import,WLD,760110,10,100,t\n"
                    "2025-04,import,WLD,760110,33,50,t\n"
                    "2025-04,import,WLD,76011010,,30,t\n";
    tf_db *db = db_with(ref, "ref1", a);
    tf_report *r = quick(db, ref, "2025-04");
    assert_near(r->import.quantity.v, 150, 1e-9);
    assert_int_equal(r->import_breakdown.n_modes, 2);
    tf_report_free(&r);
    tf_db_close(&db);
    /* Three levels: HS4 7601 world 500 (alloy not itemised), HS6 760110
     * world 300 = its HS8 parts 200 + 100. 7601 covers what sits directly
     * under it (500 >= 300); the HS8 lines are not added to their HS6 again
     * (that would make 600 and wrongly drop the complete 500). */
    const char *a3 = "period,flow,partner,commodity,quantity,unit\n"
                     "2025-04,import,WLD,7601,500,t\n"
                     "2025-04,import,WLD,760110,300,t\n"
                     "2025-04,import,WLD,76011010,200,t\n"
                     "2025-04,import,WLD,76011090,100,t\n";
    db = db_with(ref, "ref1b", a3);
    const char *const heading[] = {"7601"};
    r = report_of(db, ref, heading, 1, "2025-04", NULL);
    assert_near(r->import.quantity.v, 500, 1e-9);
    assert_int_equal(r->n_commodities, 1);
    tf_report_free(&r);
    tf_db_close(&db);
    /* A partner with a 0 t row this month is ranked, not also listed absent. */
    const char *b = "period,flow,partner,commodity,quantity,unit\n"
                    "2025-03,import,WLD,760110,100,t\n"
                    "2025-03,import,RUS,760110,100,t\n"
                    "2025-04,import,WLD,760110,50,t\n"
                    "2025-04,import,RUS,760110,0,t\n"
                    "2025-04,import,IND,760110,50,t\n";
    db = db_with(ref, "ref2", b);
    r = quick(db, ref, "2025-04");
    assert_int_equal(r->import_breakdown.n_partners, 2);
    assert_int_equal(r->import_breakdown.n_absent, 0);
    tf_report_free(&r);
    tf_db_close(&db);
    /* A month whose total is 0: an absent partner has no share (zero base). */
    const char *c = "period,flow,partner,commodity,quantity,unit\n"
                    "2025-03,import,RUS,760110,100,t\n"
                    "2025-04,import,IND,760110,0,t\n";
    db = db_with(ref, "ref3", c);
    r = quick(db, ref, "2025-04");
    assert_int_equal(r->import_breakdown.n_absent, 1);
    assert_false(r->import_breakdown.absent[0].share_pct.has);
    assert_false(r->import_breakdown.absent[0].share_change_pp.has);
    tf_report_free(&r);
    tf_db_close(&db);
    /* A 0 t row last month is a known zero even in a partial breakdown:
     * IND 40 of 100 now, 0 of 100 then: +40 pp. */
    const char *d = "period,flow,partner,commodity,quantity,unit\n"
                    "2025-03,import,WLD,760110,100,t\n"
                    "2025-03,import,RUS,760110,60,t\n"
                    "2025-03,import,IND,760110,0,t\n"
                    "2025-04,import,WLD,760110,100,t\n"
                    "2025-04,import,IND,760110,40,t\n";
    db = db_with(ref, "ref4", d);
    r = quick(db, ref, "2025-04");
    assert_near(r->import_breakdown.partners[0].share_change_pp.v, 40.0, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The months a report reads, over which its currency (and history's) is chosen:
 * April 2025 needs January 2024 (YoY of YTD); the year 2025 needs 2024. */
static void test_report_from(void **state)
{
    (void)state;
    char from[8];
    assert_int_equal(tf_query_report_from("2025-04", from), 0);
    assert_string_equal(from, "2024-01");
    assert_int_equal(tf_query_report_from("2025-01", from), 0);
    assert_string_equal(from, "2024-01");
    assert_int_equal(tf_query_report_from("2025", from), 0);
    assert_string_equal(from, "2024");
    assert_int_equal(tf_query_report_from("2025-13", from), -1);
    assert_int_equal(tf_query_report_from(NULL, from), -1);
}

/* A computation through the database records its failure there (common.h):
 * tf_db_error(db) gives the status and the message, as for the store's own. */
static void test_errors_on_the_db(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(tt_db_path("errors"), TF_DB_CREATE, &db, NULL), TF_OK);
    assert_int_equal(tf_db_error(db)->status, TF_OK);
    const char *codes[] = {"7601"};
    tf_query q = {0};
    q.codes = codes;
    q.n_codes = 1;
    q.period = "2025-13";
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_ERR_USAGE);
    assert_int_equal(tf_db_error(db)->status, TF_ERR_USAGE);
    assert_string_equal(tf_db_error(db)->msg, "bad period '2025-13' (YYYY-MM or YYYY)");
    assert_string_equal(tf_db_error(db)->file, ""); /* no input file at fault */
    tf_window_series *ws = NULL;
    assert_int_equal(tf_window_series_compute(db, ref, NULL, "2025-04-06", "2025-03-31", "76011090",
                                              NULL, NULL, NULL, &ws), TF_ERR_USAGE);
    assert_non_null(strstr(tf_db_error(db)->msg, "--from 2025-04-06 --to 2025-03-31"));
    tf_error_clear(NULL); /* harmless */
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Item 3: re-exports from the re-export flow, re-imports from the re-import
 * flow where the data has it, else the reporter as its own import partner. */
static void test_re_exports_re_imports(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv =
        "period,flow,partner,commodity,quantity,unit\n"
        "2024-04,export,WLD,760110,50,t\n"
        "2024-04,re-export,WLD,760110,5,t\n"
        "2025-03,export,WLD,760110,80,t\n"
        "2025-03,re-export,WLD,760110,16,t\n"
        "2025-04,export,WLD,760110,100,t\n"
        "2025-04,re-export,WLD,760110,12,t\n"
        "2025-03,import,WLD,760110,400,t\n"
        "2025-03,import,RUS,760110,300,t\n"
        "2025-03,import,CHN,760110,20,t\n"
        "2025-04,import,WLD,760110,500,t\n"
        "2025-04,import,RUS,760110,350,t\n"
        "2025-04,import,CHN,760110,25,t\n";
    tf_db *db = db_with(ref, "reflows", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    const tf_re_flow *rx = &r->re_trade.re_export, *rm = &r->re_trade.re_import;
    /* re-exports 12 t of exports 100 t: domestic exports 100 - 12 = 88 t, share
     * 12/100 = 12 %; MoM 12/16 - 1 = -25 %, YoY 12/5 - 1 = +140 % */
    assert_string_equal(rx->source, "flow");
    assert_near(rx->quantity.v, 12, 1e-9);
    assert_near(rx->rest.v, 88, 1e-9);
    assert_near(rx->share_pct.v, 12.0, 1e-9);
    assert_near(rx->mom_pct.v, -25.0, 1e-9);
    assert_near(rx->yoy_pct.v, 140.0, 1e-9);
    /* share change 12/100 - 16/80 = 12 - 20 = -8 pp */
    assert_near(rx->share_change_pp.v, -8.0, 1e-9);
    /* the re-exports stay inside exports: exports are 100 t, not 112 t */
    assert_near(r->export.quantity.v, 100, 1e-9);
    /* no re-import rows: China as a partner of its imports, 25 t of 500 t (a
     * world total): imports less re-imports 475 t, share 5 %, MoM 25/20 - 1 */
    assert_string_equal(rm->source, "partner");
    assert_near(rm->quantity.v, 25, 1e-9);
    assert_near(rm->rest.v, 475, 1e-9);
    assert_near(rm->share_pct.v, 5.0, 1e-9);
    assert_near(rm->mom_pct.v, 25.0, 1e-9);
    assert_false(rm->yoy_pct.has); /* no 2024-04 import data */
    assert_near(rm->share_change_pp.v, 5.0 - 100.0 * 20 / 400, 1e-9); /* 5 - 5 = 0 pp */
    tf_report_free(&r);
    tf_db_close(&db);
    /* re-import rows (UN Comtrade RM) win over the partner row; re-exports above
     * exports are noted, with neither domestic exports nor a share */
    const char *csv2 =
        "period,flow,partner,commodity,quantity,unit\n"
        "2025-04,import,WLD,760110,500,t\n"
        "2025-04,import,CHN,760110,25,t\n"
        "2025-04,re-import,WLD,760110,40,t\n"
        "2025-04,export,WLD,760110,10,t\n"
        "2025-04,re-export,WLD,760110,15,t\n";
    db = db_with(ref, "reflows2", csv2);
    r = report_of(db, ref, AL, 3, "2025-04", NULL);
    rm = &r->re_trade.re_import;
    rx = &r->re_trade.re_export;
    assert_string_equal(rm->source, "flow");
    assert_near(rm->quantity.v, 40, 1e-9);
    assert_near(rm->rest.v, 460, 1e-9); /* 500 - 40 */
    assert_near(rm->share_pct.v, 8.0, 1e-9); /* 40/500 */
    assert_near(rx->quantity.v, 15, 1e-9);
    assert_false(rx->rest.has);
    assert_false(rx->share_pct.has);
    assert_true(has_note(r, "re-exports (15.0 t) exceed exports (10.0 t)"));
    tf_report_free(&r);
    tf_db_close(&db);
    /* partner rows without a world total (a download of a few partners): the
     * reporter's absence says nothing, re-imports have no value */
    const char *csv3 =
        "period,flow,partner,commodity,quantity,unit\n"
        "2025-04,import,RUS,760110,350,t\n"
        "2025-04,import,IND,760110,50,t\n";
    db = db_with(ref, "reflows3", csv3);
    r = report_of(db, ref, AL, 3, "2025-04", NULL);
    assert_false(r->re_trade.re_import.quantity.has);
    assert_string_equal(r->re_trade.re_import.source, "");
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Item 4: a partner's YTD, YTD YoY and YTD share. */
static void test_partner_ytd(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    /* partner rows that add up to each month's total (no world row), January
     * to March of 2024 and 2025; IND has no row in 2025-02 (complete month:
     * counts 0) */
    const char *csv =
        "period,flow,partner,commodity,quantity,unit\n"
        "2024-01,import,RUS,760110,50,t\n"
        "2024-01,import,IND,760110,10,t\n"
        "2024-02,import,RUS,760110,60,t\n"
        "2024-02,import,IND,760110,10,t\n"
        "2024-03,import,RUS,760110,70,t\n"
        "2024-03,import,IND,760110,20,t\n"
        "2025-01,import,RUS,760110,80,t\n"
        "2025-01,import,IND,760110,20,t\n"
        "2025-02,import,RUS,760110,90,t\n"
        "2025-03,import,RUS,760110,100,t\n"
        "2025-03,import,IND,760110,30,t\n";
    tf_db *db = db_with(ref, "pytd", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-03", NULL);
    const tf_partner_figures *rus = &r->import_breakdown.partners[0];
    const tf_partner_figures *ind = &r->import_breakdown.partners[1];
    assert_string_equal(rus->partner, "RUS");
    /* flow YTD 100 + 90 + 130 = 320 t; RUS 80 + 90 + 100 = 270 t against
     * 50 + 60 + 70 = 180 t: YTD YoY 270/180 - 1 = +50 %, YTD share 270/320 */
    assert_near(r->import.ytd.v, 320, 1e-9);
    assert_near(rus->ytd.v, 270, 1e-9);
    assert_near(rus->ytd_prev.v, 180, 1e-9);
    assert_near(rus->ytd_yoy_pct.v, 50.0, 1e-9);
    assert_near(rus->ytd_share_pct.v, 100.0 * 270 / 320, 1e-9);
    /* IND 20 + 0 + 30 = 50 t against 10 + 10 + 20 = 40 t: +25 %, 50/320 */
    assert_near(ind->ytd.v, 50, 1e-9);
    assert_near(ind->ytd_prev.v, 40, 1e-9);
    assert_near(ind->ytd_yoy_pct.v, 25.0, 1e-9);
    assert_near(ind->ytd_share_pct.v, 100.0 * 50 / 320, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    /* a world row that the partner rows do not add up to in February, without
     * IND: its February is unknown, so its YTD has no value; RUS's stands */
    const char *csv2 =
        "period,flow,partner,commodity,quantity,unit\n"
        "2025-01,import,RUS,760110,80,t\n"
        "2025-01,import,IND,760110,20,t\n"
        "2025-02,import,WLD,760110,120,t\n"
        "2025-02,import,RUS,760110,90,t\n"
        "2025-03,import,RUS,760110,100,t\n"
        "2025-03,import,IND,760110,30,t\n";
    db = db_with(ref, "pytd2", csv2);
    r = report_of(db, ref, AL, 3, "2025-03", NULL);
    assert_near(r->import_breakdown.partners[0].ytd.v, 270, 1e-9);
    assert_false(r->import_breakdown.partners[0].ytd_yoy_pct.has); /* no 2024 */
    assert_false(r->import_breakdown.partners[1].ytd.has);
    assert_near(r->import_breakdown.partners[0].ytd_share_pct.v,
                100.0 * 270 / (100 + 120 + 130), 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Item 5: each trade mode's previous month, change and share change. */
static void test_mode_changes(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv =
        "period,flow,partner,commodity,trade_mode,quantity,unit\n"
        "2025-03,import,WLD,760110,,200,t\n"
        "2025-03,import,WLD,760110,10,140,t\n"
        "2025-03,import,WLD,760110,15,40,t\n"
        "2025-03,import,WLD,760110,14,20,t\n"
        "2025-04,import,WLD,760110,,250,t\n"
        "2025-04,import,WLD,760110,10,150,t\n"
        "2025-04,import,WLD,760110,15,70,t\n"
        "2025-04,import,WLD,760110,33,30,t\n";
    tf_db *db = db_with(ref, "modes", csv);
    tf_report *r = report_of(db, ref, AL, 3, "2025-04", NULL);
    const tf_breakdown *b = &r->import_breakdown;
    assert_int_equal(b->n_modes, 3);
    /* 10: 150 of 250 = 60 %, March 140 of 200 = 70 %: change 150/140 - 1,
     * share change -10 pp */
    assert_string_equal(b->modes[0].code, "10");
    assert_near(b->modes[0].prev_quantity.v, 140, 1e-9);
    assert_near(b->modes[0].mom_pct.v, 100.0 * (150.0 / 140 - 1), 1e-9);
    assert_near(b->modes[0].share_change_pp.v, -10.0, 1e-9);
    /* 15: 70 (28 %) against 40 (20 %): +75 %, +8 pp */
    assert_near(b->modes[1].mom_pct.v, 75.0, 1e-9);
    assert_near(b->modes[1].share_change_pp.v, 8.0, 1e-9);
    /* 33: new (none in March): no change in %, share change 12 - 0 = +12 pp */
    assert_true(b->modes[2].is_new);
    assert_false(b->modes[2].mom_pct.has);
    assert_near(b->modes[2].share_change_pp.v, 12.0, 1e-9);
    /* 14: 20 t (10 %) in March, none in April: -100 %, -10 pp */
    assert_int_equal(b->n_vanished_modes, 1);
    assert_string_equal(b->vanished_modes[0].code, "14");
    assert_near(b->vanished_modes[0].mom_pct.v, -100.0, 1e-9);
    assert_near(b->vanished_modes[0].share_change_pp.v, -10.0, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* The names a report shows, for every command (history too): data/partners.csv's
 * English name, World for the total's code, else the code; the product's name_en,
 * TOTAL's description, else the label. */
static void test_display_names(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    char b[128];
    tf_partner_display_name(NULL, ref, "RUS", b, sizeof b);
    assert_string_equal(b, "Russia");
    tf_partner_display_name(NULL, ref, "WLD", b, sizeof b);
    assert_string_equal(b, "World");
    tf_partner_display_name(NULL, ref, "GACC:998", b, sizeof b);
    assert_string_equal(b, "GACC:998"); /* no database to hold the file's name */
    tf_product_display_name_of(ref, "primary-aluminium", b, sizeof b);
    assert_string_equal(b, "primary aluminium");
    tf_product_display_name_of(ref, "commodity TOTAL", b, sizeof b);
    assert_string_equal(b, "all commodities (TOTAL)");
    tf_product_display_name_of(ref, "HS 7601", b, sizeof b);
    assert_string_equal(b, "HS 7601");
    tf_refdata_free(&ref);
}

/* A report's JSON (tf_report_write) into a string the caller frees. */
static char *report_json(tf_db *db, tf_refdata *ref, const char *period)
{
    tf_report *r = report_of(db, ref, AL, 3, period, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(tf_report_write(f, r, TF_OUT_JSON), TF_OK);
    fclose(f);
    tf_report_free(&r);
    return buf;
}

/* A batch (tf_db_batch_begin: a sweep's months of one product) aggregates each
 * month once and gives the same answer, notes included, for the later reports:
 * every report of 2025 is byte for byte the report made outside a batch. The
 * data make each kind of month: world rows on two bases that disagree (June
 * 2024: a note from the aggregation, in every report of 2025, the first
 * computing it and the others given it again), an HS6 world
 * total over its HS8 codes (November 2024), partner bases that change from one
 * month to the next (February 2025 compared on March's basis). */
static void test_batch_same_reports(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *csv = "period,flow,partner,partner_basis,commodity,quantity,unit,value,currency\n"
                      "2024-03,import,RUS,origin,76011010,40,t,,\n"
                      "2024-06,import,WLD,origin,760110,100,t,,\n"
                      "2024-06,import,WLD,consignment,760110,120,t,,\n"
                      "2024-06,import,RUS,consignment,760110,120,t,,\n"
                      "2024-11,import,WLD,,760110,300,t,,\n"
                      "2024-11,import,RUS,,76011010,100,t,,\n"
                      "2024-11,import,RUS,,76011090,150,t,,\n"
                      "2025-01,import,RUS,origin,76011010,50,t,,\n"
                      "2025-01,import,IND,origin,76011010,30,t,,\n"
                      "2025-02,import,RUS,consignment,76011010,60,t,,\n"
                      "2025-02,import,KAZ,consignment,76011010,20,t,,\n"
                      "2025-02,import,RUS,origin,76011010,75,t,,\n"
                      "2025-03,import,RUS,origin,76011010,70,t,,\n"
                      "2025-03,import,IND,origin,76011010,10,t,,\n"
                      "2025-03,export,RUS,origin,760110,5,t,,\n"
                      "2025-04,import,RUS,origin,76011010,80,t,,\n"
                      "2025-04,import,IND,origin,76011010,20,t,,\n"
                      /* the same trade in CNY and USD (read once, in CNY, the
                       * currency of most records), one only in USD (its tonnage
                       * counted: the month's last row, held to see whether a CNY
                       * row of it follows), an annual row and a re-export (in no month's
                       * figures, counted in a note), and goods counted in items
                       * in June 2025 (the reports from June on collect their
                       * rows themselves, the earlier ones from the batch's
                       * months) */
                      "2024-08,import,RUS,origin,76011010,10,t,1000,CNY\n"
                      "2024-08,import,RUS,origin,76011010,10,t,150,USD\n"
                      "2025-01,import,ZAF,origin,76011010,5,t,70,USD\n"
                      "2025,import,RUS,origin,76011010,900,t,90000,CNY\n"
                      "2025-02,re-export,RUS,origin,76011010,3,t,300,CNY\n"
                      "2025-06,import,RUS,origin,76011090,7,u,700,CNY\n";
    tf_db *db = db_with(ref, "batch-same", csv);
    /* a GACC download of March to May 2025 (ingest --range): in no month, named
     * in a note by the reports whose months reach past its first month */
    const char *gacc = "\"贸易伙伴编码\",\"贸易伙伴名称\",\"商品编码\",\"商品名称\",\"第一数量\","
                       "\"第一计量单位\",\"第二数量\",\"第二计量单位\",\"人民币\",\n"
                       "\"344\",\"俄罗斯联邦\",\"76011010\",\"非合金铝\",\"200,000\",\"千克\","
                       "\"0\",\"?\",\"4,000,000\",\n";
    tf_read_opts ro = {0};
    ro.flow = TF_FLOW_IMPORT;
    ro.period = "2025-03..2025-05";
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "range", gacc, &ro, "2025-06-02T00:00:00Z", &res,
                                    NULL), TF_OK);
    char *alone[12];
    for (int m = 0; m < 12; m++) {
        char p[8];
        snprintf(p, sizeof p, "2025-%02d", m + 1);
        alone[m] = report_json(db, ref, p);
    }
    assert_int_equal(tf_db_batch_begin(db, "2024-01", "2025-12"), TF_OK);
    for (int m = 0; m < 12; m++) {
        char p[8];
        snprintf(p, sizeof p, "2025-%02d", m + 1);
        char *batched = report_json(db, ref, p);
        assert_string_equal(batched, alone[m]);
        free(batched);
        free(alone[m]);
    }
    /* March in the batch (its months aggregated by the reports before it):
     * 70 + 10 = 80 t; February on its own (most common) basis, consignment,
     * 60 + 20 = 80 t: MoM 0 %; March 2024 40 t: YoY +100 %. Russia's MoM on
     * March's basis, origin: 70 / 75 - 1. June 2024's world rows: consignment
     * 120 t against origin 100 t, consignment (the month's partner rows) used. */
    tf_report *r = report_of(db, ref, AL, 3, "2025-03", NULL);
    assert_near(r->import.quantity.v, 80, 1e-9);
    assert_near(r->import.mom_pct.v, 0.0, 1e-9);
    assert_near(r->import.yoy_pct.v, 100.0, 1e-9);
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    assert_near(r->import_breakdown.partners[0].mom_pct.v, 100.0 * (70.0 / 75.0 - 1), 1e-9);
    assert_true(has_note(r, "world totals of 760110 differ between partner bases; basis "
                            "'consignment' is used"));
    /* "2025-03..2025-05" sorts after "2025-03": past March's report, in April's */
    assert_false(has_note(r, "cumulative ranges"));
    tf_report_free(&r);
    /* April: YTD 85 (50 + 30 + ZAF's 5 in USD) + 80 + 80 + 100 = 345 t;
     * November: a year earlier the HS6 world row, 300 t, stands for its HS8
     * codes (100 + 150 t) */
    r = report_of(db, ref, AL, 3, "2025-04", NULL);
    assert_near(r->import.ytd.v, 345, 1e-9);
    assert_true(has_note(r, "1 record of cumulative ranges"));
    tf_report_free(&r);
    r = report_of(db, ref, AL, 3, "2025-11", NULL);
    assert_near(r->import.year_ago.v, 300, 1e-9);
    tf_report_free(&r);
    tf_db_batch_end(db);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_from),
        cmocka_unit_test(test_errors_on_the_db),
        cmocka_unit_test(test_april_2025_published),
        cmocka_unit_test(test_no_double_counting),
        cmocka_unit_test(test_bases),
        cmocka_unit_test(test_ytd),
        cmocka_unit_test(test_partner_basis),
        cmocka_unit_test(test_partner_basis_tie),
        cmocka_unit_test(test_bases_by_month_and_code),
        cmocka_unit_test(test_partial_rows_never_taken_for_totals),
        cmocka_unit_test(test_unitemised_partner_not_zero),
        cmocka_unit_test(test_reference_cases),
        cmocka_unit_test(test_re_exports_re_imports),
        cmocka_unit_test(test_display_names),
        cmocka_unit_test(test_partner_ytd),
        cmocka_unit_test(test_mode_changes),
        cmocka_unit_test(test_batch_same_reports),
        cmocka_unit_test(test_codes_decided_on_all_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
