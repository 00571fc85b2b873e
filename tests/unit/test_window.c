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
    tf_error why = {0};
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
    /* The provisional 0 % on 76011090 is dated from the earliest published point it
     * reproduces (2015-05-26, data/window-params.csv): the day before, no rate
     * applies, and 7601's MFN 5 % is not used in its place. */
    assert_int_equal(tf_window_params(ref, "2015-05-26", "76011090", "MFN", &vat, &duty, &misc,
                                      NULL), TF_OK);
    assert_near(duty, 0, 0);
    assert_int_equal(tf_window_params(ref, "2015-05-25", "76011090", "MFN", &vat, &duty, &misc,
                                      &why), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(why.msg, "dates each rate from its earliest source"));
    /* VAT 17 % and misc 100 CNY/t are dated from the same first published point
     * (2015-05-26: Platts' VAT 17, port 100): the day before neither is in force,
     * the VAT is named first, and nothing is set (the NAN stays). */
    vat = misc = duty = NAN;
    assert_int_equal(tf_window_params(ref, "2015-05-25", "76011090", "MFN", &vat, &duty, &misc,
                                      &why), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(why.msg, "no VAT rate for that date"));
    assert_true(isnan(vat) && isnan(misc) && isnan(duty));
    assert_int_equal(tf_window_params(ref, "2015-05-26", "76011010", "MFN", &vat, &duty, &misc,
                                      NULL), TF_OK);
    assert_near(vat, 17, 0);
    assert_near(duty, 5, 0);
    assert_near(misc, 100, 0);
    assert_int_equal(tf_window_params(ref, "1999-01-04", "76011010", "MFN", &vat, &duty, &misc,
                                      &why), TF_ERR_NOT_FOUND); /* shipped from 1994 before */
    /* No source here dates the ASEAN (Form E) 0 %: no shipped rate, a clear refusal */
    assert_int_equal(tf_window_params(ref, "2025-04-18", "76011010", "ASEAN", &vat, &duty,
                                      &misc, &why), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(why.msg, "give --duty PCT"));
    assert_int_equal(tf_window_params(ref, "2025-04-18", "26060000", "MFN", &vat, &duty, &misc,
                                      &why), TF_ERR_NOT_FOUND);
    assert_non_null(strstr(why.msg, "no duty rate"));
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
        tf_error why = {0};
        assert_int_equal(tf_window_compute(&bad[i].in, &w, &why), TF_ERR_INPUT);
        assert_int_equal(why.status, TF_ERR_INPUT);
        assert_non_null(strstr(why.msg, bad[i].field));
    }
}

/* ---- published points: ../shared/data/prices/published-window-points.csv ---- */

#include "readers/csv.h"

typedef struct point {
    char date[11], pl_basis[64];
    double v[9]; /* lme_cash lme_3m shfe smm_a00 premium_low premium_high usdcny published_pl */
    int has[9];
} point;

enum { LME, LME3, SHFE, A00, PLO, PHI, FX, PUB };

static int load_points(const char *path, point *pts, int max)
{
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    tf_csv *c = tf_csv_open(in, NULL);
    tf_csv_field *f;
    size_t n;
    unsigned long line, col;
    char err[128];
    int k = 0, first = 1;
    static const int cols[8] = {2, 3, 4, 5, 6, 7, 8, 9}; /* after date, source_url */
    while (tf_csv_next(c, &f, &n, &line, &col, err, sizeof err) == 1 && k < max) {
        if (first) {
            first = 0;
            continue;
        }
        assert_true(n >= 12);
        point *p = &pts[k++];
        memset(p, 0, sizeof *p);
        snprintf(p->date, sizeof p->date, "%.*s", (int)f[0].n, f[0].p);
        snprintf(p->pl_basis, sizeof p->pl_basis, "%.*s", (int)(f[10].n < 63 ? f[10].n : 63),
                 f[10].p);
        for (int j = 0; j < 8; j++) {
            char buf[32];
            snprintf(buf, sizeof buf, "%.*s", (int)f[cols[j]].n, f[cols[j]].p);
            if (buf[0]) {
                p->has[j] = 1;
                p->v[j] = strtod(buf, NULL);
            }
        }
    }
    tf_csv_close(c);
    fclose(in);
    return k;
}

/*
 * Every point whose inputs are complete for its publisher's method (the
 * file's notes say which) is recomputed:
 *  - Platts 2015: the published import price (cost), with the premium the
 *    note says was used (midpoint of the range) and the FX the note implies;
 *    within 1 CNY/t.
 *  - The trader's table of 2017-08-07 (spot and 3-month): within 1 CNY/t.
 *  - SHMET 2017-18: SHFE spot (derived from their SHFE/LME ratio) against
 *    (LME 3M + mid premium) x central parity x 1.17 + 100; within 50 CNY/t.
 *  - SMM headline days with a stated third-party premium and spot FX:
 *    A00 against (LME cash + premium) x FX x 1.13 + 100; within 150 CNY/t,
 *    except 2025-03-21, which misses by 178 (the published figure implies a
 *    premium of 195 USD/t, not the 173 stated): asserted as the miss it is.
 * Fastmarkets rows use another method (about 300 CNY/t more negative) and
 * are not recomputed; rows without a premium or a domestic price are
 * incomplete.
 */
static void test_published_points(void **state)
{
    (void)state;
    const char *path = tt_shared_file("data/prices/published-window-points.csv");
    if (!path)
        skip();
    point pts[64];
    int n = load_points(path, pts, 64);
    assert_true(n >= 40);
    int checked = 0, within = 0;
    print_message("%-10s %-8s %8s %8s %11s %11s %8s %6s\n", "date", "method", "premium", "FX",
                  "published", "computed", "diff", "tol");
    for (int i = 0; i < n; i++) {
        const point *p = &pts[i];
        double lme = 0, prem = 0, fx = 0, dom = 0, vat = 0, published = 0, tol = 0;
        int cost_only = 0;
        const char *method = NULL;
        if (!strcmp(p->date, "2015-05-26")) {
            method = "Platts";
            lme = p->v[LME];
            prem = (p->v[PLO] + p->v[PHI]) / 2; /* 175, "premium used 175" */
            fx = 6.1098;                         /* the note's implied FX */
            vat = 17;
            published = 13689;                   /* the published import price */
            cost_only = 1;
            tol = 1;
        } else if (!strcmp(p->date, "2015-06-17")) {
            method = "Platts";
            lme = p->v[LME];
            prem = (p->v[PLO] + p->v[PHI]) / 2; /* 100 */
            fx = 6.20;                           /* the note's implied FX with misc 100 */
            vat = 17;
            published = (12802 + 12947) / 2.0;  /* midpoint of the published cost range */
            cost_only = 1;
            tol = 1;
        } else if (!strcmp(p->date, "2017-08-07")) {
            method = "trader";
            int fwd = strncmp(p->pl_basis, "3M", 2) == 0;
            lme = fwd ? p->v[LME3] : p->v[LME];
            prem = 110; /* "trade premium used 110" */
            fx = p->v[FX];
            dom = fwd ? p->v[SHFE] : 14740; /* the spot row's domestic is the table's 14,740 */
            vat = 17;
            published = p->v[PUB];
            tol = 1;
        } else if (!strncmp(p->pl_basis, "SHMET", 5)) {
            method = "SHMET";
            lme = p->v[LME3];
            prem = (p->v[PLO] + p->v[PHI]) / 2;
            fx = p->v[FX];
            dom = p->v[SHFE];
            vat = 17;
            published = p->v[PUB];
            tol = 50;
        } else if (!strncmp(p->pl_basis, "SMM headline", 12) && p->has[A00] && p->has[PLO] &&
                   p->has[FX] && p->has[LME]) {
            method = "SMM";
            lme = p->v[LME];
            prem = (p->v[PLO] + p->v[PHI]) / 2;
            fx = p->v[FX];
            dom = p->v[A00];
            vat = 13;
            published = p->v[PUB];
            tol = 150;
        }
        if (!method)
            continue;
        tf_window_inputs in = {lme, prem, fx, dom > 0 ? dom : 1, vat, 0, 100};
        tf_window w;
        assert_int_equal(tf_window_compute(&in, &w, NULL), TF_OK);
        double computed = cost_only ? w.import_cost : w.pl;
        double diff = computed - published;
        /* premium: the file's premium columns (SMM: a third-party CIF premium,
         * SHMET: their mid premium) or the note's stated one (Platts, trader) */
        print_message("%-10s %-8s %8.1f %8.4f %11.2f %11.2f %8.2f %6.0f\n", p->date, method, prem,
                      fx, published, computed, diff, tol);
        checked++;
        if (!strcmp(p->date, "2025-03-21")) {
            /* (2652 + 173) x 7.2486 x 1.13 + 100 = 23,239; 20,810 - 23,239 = -2,429 */
            assert_near(w.pl, -2429, 0);
            assert_near(diff, 178, 0.5);
            continue;
        }
        assert_true(fabs(diff) <= tol);
        within++;
    }
    /* 2 Platts + 2 trader + 5 SHMET + 3 SMM */
    assert_int_equal(checked, 12);
    assert_int_equal(within, 11);
}

/* The one-day form through the library: the worked example of 2017-08-07
 * (LME cash 1,903, premium 110 as the midpoint of 100..120, USD/CNY 6.7289,
 * Shanghai spot 14,740; VAT 17 %, duty 0, misc 100 from data/window-params.csv)
 * gives the import cost 15,948 and P/L -1,208 CNY/t, as above; partial or
 * contradictory inputs are refused with the input at fault. */
static void test_one_day(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    double v[TF_WIN_N_INPUTS] = {0};
    int g[TF_WIN_N_INPUTS] = {0};
    v[TF_WIN_LME_CASH] = 1903, v[TF_WIN_FX] = 6.7289, v[TF_WIN_SPOT] = 14740;
    v[TF_WIN_PREMIUM_LOW] = 100, v[TF_WIN_PREMIUM_HIGH] = 120;
    g[TF_WIN_LME_CASH] = g[TF_WIN_FX] = g[TF_WIN_SPOT] = 1;
    g[TF_WIN_PREMIUM_LOW] = g[TF_WIN_PREMIUM_HIGH] = 1;
    tf_window_report r;
    tf_window_fault f;
    assert_int_equal(tf_window_one_day(ref, "2017-08-07", "76011090", "MFN", v, g, &r, &f), TF_OK);
    assert_true(r.has_spot);
    assert_false(r.has_forward);
    assert_near(r.spot_in.premium, 110, 1e-9);
    assert_near(r.spot.import_cost, 15948, 0);
    assert_near(r.spot.pl, -1208, 0);
    assert_string_equal(r.date, "2017-08-07");
    g[TF_WIN_FX] = 0; /* the spot window without its rate */
    assert_int_equal(tf_window_one_day(ref, "2017-08-07", "76011090", "MFN", v, g, &r, &f),
                     TF_ERR_USAGE);
    assert_int_equal(f.kind, TF_WF_MISSING);
    assert_int_equal(f.input, TF_WIN_FX);
    assert_int_equal(f.window, 0);
    g[TF_WIN_FX] = 1;
    g[TF_WIN_PREMIUM] = 1, v[TF_WIN_PREMIUM] = 110; /* a premium and a range */
    assert_int_equal(tf_window_one_day(ref, "2017-08-07", "76011090", "MFN", v, g, &r, &f),
                     TF_ERR_USAGE);
    assert_int_equal(f.kind, TF_WF_PREMIUM_BOTH);
    g[TF_WIN_PREMIUM_LOW] = g[TF_WIN_PREMIUM_HIGH] = 0;
    g[TF_WIN_VAT] = 1, v[TF_WIN_VAT] = 130; /* VAT beyond 100 % */
    assert_int_equal(tf_window_one_day(ref, "2017-08-07", "76011090", "MFN", v, g, &r, &f),
                     TF_ERR_USAGE);
    assert_int_equal(f.kind, TF_WF_RANGE);
    assert_int_equal(f.input, TF_WIN_VAT);
    memset(g, 0, sizeof g); /* nothing given */
    assert_int_equal(tf_window_one_day(ref, "2017-08-07", "76011090", "MFN", v, g, &r, &f),
                     TF_ERR_USAGE);
    assert_int_equal(f.kind, TF_WF_NOTHING);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example_2017_08_07),
        cmocka_unit_test(test_params_by_date_code_origin),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_published_points),
        cmocka_unit_test(test_one_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
