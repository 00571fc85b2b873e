/* The outlook (tradeflow/outlook.h): seasonal naive, the least-squares window
 * model, the rolling-origin backtest's scores and interval, each checked
 * against arithmetic worked out beside the test. */
#include "testutil.h"

#include <math.h>

static void month(tf_outlook_month *m, int idx, double imports, int has)
{
    memset(m, 0, sizeof *m);
    tf_period_from_index(idx, m->period);
    m->imports.has = has;
    m->imports.v = imports;
}

/* 2022-01..2023-06, t; 2022-02 missing; no P/L, so no window model. */
static const double naive_t[18] = {100000, 0,      300000,  400000,  500000, 600000,
                                   700000, 800000, 900000,  1000000, 1100000, 150000,
                                   110000, 190000, 330000,  320000,  520000, 570000};

static tf_outlook *naive_outlook(void)
{
    tf_outlook_month m[18];
    int base = tf_period_index("2022-01");
    for (int i = 0; i < 18; i++)
        month(&m[i], base + i, naive_t[i], i != 1);
    tf_outlook *o = NULL;
    assert_int_equal(tf_outlook_from_months(m, 18, "2023-06", "test", &o), TF_OK);
    return o;
}

static void test_seasonal_naive_and_backtest(void **state)
{
    (void)state;
    tf_outlook *o = naive_outlook();
    const tf_outlook_series *s = &o->imports;
    assert_string_equal(o->target, "2023-07");
    /* forecast of 2023-07 = imports of 2022-07 = 700,000 t; current 570,000 t: up */
    assert_int_equal(s->method, TF_OUTLOOK_SEASONAL_NAIVE);
    assert_true(s->point.has);
    assert_float_equal(s->point.v, 700000, 1e-9);
    assert_string_equal(s->direction, "up");
    assert_false(s->forecast[TF_OUTLOOK_WINDOW_MODEL].has);
    /* Backtest months (actual - forecast): 2023-01 110-100 = +10k; 2023-02 none
     * (2022-02 missing: stays missing); 2023-03 330-300 = +30k; 2023-04 320-400 =
     * -80k; 2023-05 520-500 = +20k; 2023-06 570-600 = -30k.
     * MAE = (10+30+80+20+30)/5 = 34,000 t.
     * MAPE = (10/110 + 30/330 + 80/320 + 20/520 + 30/570)/5
     *      = (0.0909091 + 0.0909091 + 0.25 + 0.0384615 + 0.0526316)/5 = 10.45823 %.
     * Direction against the month before: 01 (prev 150k) down/down hit; 03 (prev
     * 190k) up/up hit; 04 (prev 330k) actual down, forecast up: miss; 05 (prev
     * 320k) up/up hit; 06 (prev 520k) up/up hit: 4 of 5 = 80 %. */
    const tf_outlook_score *c = &s->own[TF_OUTLOOK_SEASONAL_NAIVE];
    assert_int_equal(c->n, 5);
    assert_string_equal(c->from, "2023-01");
    assert_string_equal(c->to, "2023-06");
    assert_float_equal(c->mae.v, 34000, 1e-6);
    assert_float_equal(c->mape_pct.v, 10.45823, 1e-4);
    assert_int_equal(c->n_direction, 5);
    assert_float_equal(c->hit_pct.v, 80, 1e-9);
    assert_float_equal(s->mae.v, 34000, 1e-6);
    /* Interval: errors sorted -80k -30k +10k +20k +30k; 10th percentile at
     * index 0.1*4 = 0.4: -80k + 0.4*50k = -60k; 90th at 3.6: 20k + 0.6*10k = 26k.
     * 700,000 + [-60,000, +26,000] = 640,000 .. 726,000 t. */
    assert_true(s->low.has && s->high.has);
    assert_float_equal(s->low.v, 640000, 1e-6);
    assert_float_equal(s->high.v, 726000, 1e-6);
    /* no export figures: no net-import forecast */
    assert_int_equal(o->net_imports.method, TF_OUTLOOK_NONE);
    tf_outlook_free(&o);
    assert_null(o);
}

static void test_paragraph(void **state)
{
    (void)state;
    tf_outlook *o = naive_outlook();
    char buf[1024];
    assert_int_equal(tf_outlook_paragraph(o, 0, buf, sizeof buf), TF_OK);
    /* persistence (15 backtest months, 2022-04..2023-06) is a candidate too, but
     * the months both forecast are the naive's 5, under the 6 needed: the
     * baseline, seasonal naive, said as such */
    assert_int_equal(o->imports.choice, TF_OUTLOOK_CHOSEN_BASELINE);
    assert_int_equal(o->imports.own[TF_OUTLOOK_PERSISTENCE].n, 15);
    /* the note's own outlook paragraph (one wording): backtest 2023-01..06 */
    assert_string_equal(buf, "Imports are expected at about 700,000 t in July 2023, give or "
                             "take 34,000 t (the method's mean absolute error over a backtest "
                             "of 5 months, January 2023 to June 2023). Method: seasonal naive, "
                             "the same month a year earlier, the baseline, as the backtest has "
                             "too few months in common to compare the methods.");
    assert_null(strstr(buf, "Net imports"));
    assert_int_equal(tf_outlook_paragraph(o, 1, buf, sizeof buf), TF_OK);
    /* 700,000 t = 70.00 万吨; 34,000 t = 3.40 万吨 */
    assert_non_null(strstr(buf, "预计2023年7月进口量约70.00万吨，误差±3.40万吨（该方法在2023年1月至"
                                "2023年6月共5个月回测中的平均绝对误差；方法：季节性朴素预测"));
    assert_int_equal(tf_outlook_paragraph(o, 0, buf, 10), TF_ERR_USAGE);
    tf_outlook_free(&o);
}

/* 2022-01..12: P/L days and sums (CNY/t; all closed, so no open days). */
static const int pl_days[12] = {2, 2, 3, 2, 2, 2, 3, 2, 2, 2, 2, 3};
static const double pl_sums[12] = {-2000, -1600, -3300, -1000, -2400, -600,
                                   -1500, -1800, -400,  -1200, -2200, -2700};
/* imports generated by hand from y(t) = 20000 + 0.5 y(t-1) - 20 PL(t-2..t-1), with
 * PL pooled over the days of both months, e.g. y(2022-03) = 20000 + 0.5*140000
 * - 20*(-2000-1600)/(2+2) = 20000 + 70000 + 18000 = 108,000 t. */
static const double exact_t[12] = {150000, 140000, 108000, 93600,     84000,   79000,
                                   74500,  65650,  66025,  64012.5,   60006.25, 67003.125};
/* the same plus noise (0, 0, +300, -200, +100, -400, 0, +250, -150, +50, -300, +200 t
 * added to each month's generated figure before the next one is generated) */
static const double noisy_t[12] = {150000,   140000,     108300,    93550,       84075,
                                   78637.5,  74318.75,   65809.375, 65954.6875,  64027.34375,
                                   59713.671875, 67056.8359375};

static tf_outlook *model_outlook(const double *y)
{
    tf_outlook_month m[12];
    int base = tf_period_index("2022-01");
    for (int i = 0; i < 12; i++) {
        month(&m[i], base + i, y[i], 1);
        m[i].pl_days = pl_days[i];
        m[i].pl_sum = pl_sums[i];
    }
    tf_outlook *o = NULL;
    assert_int_equal(tf_outlook_from_months(m, 12, "2022-12", "test", &o), TF_OK);
    return o;
}

static void test_window_model_exact(void **state)
{
    (void)state;
    tf_outlook *o = model_outlook(exact_t);
    const tf_outlook_series *s = &o->imports;
    /* 10 rows (targets 2022-03..12) fit exactly: least squares gives b back */
    assert_true(s->has_coef);
    assert_int_equal(s->n_fit, 10);
    assert_float_equal(s->coef[0], 20000, 1e-4);
    assert_float_equal(s->coef[1], 0.5, 1e-9);
    assert_float_equal(s->coef[2], -20, 1e-7);
    assert_float_equal(s->coef[3], 0, 1e-9); /* no open day: the regressor drops out */
    /* forecast of 2023-01: PL(Nov..Dec) = (-2200 - 2700)/(2 + 3) = -980 CNY/t;
     * 20000 + 0.5*67003.125 - 20*(-980) = 20000 + 33501.5625 + 19600 = 73,101.5625 t */
    assert_true(s->forecast[TF_OUTLOOK_WINDOW_MODEL].has);
    assert_float_equal(s->forecast[TF_OUTLOOK_WINDOW_MODEL].v, 73101.5625, 1e-6);
    /* seasonal naive: 2023-01 = 2022-01 = 150,000 t. The model has no backtest
     * month in common with it (the naive's first is 2023-01), so it has not beaten
     * the baseline and the baseline is the method. */
    assert_float_equal(s->forecast[TF_OUTLOOK_SEASONAL_NAIVE].v, 150000, 1e-9);
    assert_false(s->beats_naive);
    assert_int_equal(s->method, TF_OUTLOOK_SEASONAL_NAIVE);
    assert_float_equal(s->point.v, 150000, 1e-9);
    assert_string_equal(s->direction, "up"); /* against 67,003.125 t */
    char buf[1024];
    assert_int_equal(tf_outlook_paragraph(o, 0, buf, sizeof buf), TF_OK);
    assert_non_null(strstr(buf, "Imports are expected at about 150,000 t in January 2023"));
    /* candidates: naive, model, persistence (11 months, 2022-02..12); no backtest
     * month all three forecast: the baseline */
    assert_int_equal(s->choice, TF_OUTLOOK_CHOSEN_BASELINE);
    assert_non_null(strstr(buf, "seasonal naive, the same month a year earlier, the baseline"));
    /* rolling origin: the model first forecasts 2022-11 (8 rows before it), exactly */
    const tf_outlook_score *c = &s->own[TF_OUTLOOK_WINDOW_MODEL];
    assert_int_equal(c->n, 2);
    assert_string_equal(c->from, "2022-11");
    assert_float_equal(c->mae.v, 0, 1e-6);
    /* the reference, persistence, on the same two months: |64012.5 - 60006.25| =
     * 4006.25 and |60006.25 - 67003.125| = 6996.875, MAE 11003.125/2 = 5501.5625 t */
    assert_int_equal(s->persistence.n, 2);
    assert_float_equal(s->persistence.mae.v, 5501.5625, 1e-6);
    tf_outlook_free(&o);
}

static void test_window_model_least_squares(void **state)
{
    (void)state;
    tf_outlook *o = model_outlook(noisy_t);
    const tf_outlook_series *s = &o->imports;
    /* Solved independently with python3 fractions, normal equations X'X b = X'y on
     * the 10 rows [1, y(t-1), PL(t-2..t-1)] -> y(t):
     * b = (19855.559676706354, 0.5035274511064315, -19.771626905346345);
     * forecast = b0 + b1*67056.8359375 + b2*(-980) = 72996.7117228173 t */
    assert_float_equal(s->coef[0], 19855.559676706354, 1e-5);
    assert_float_equal(s->coef[1], 0.5035274511064315, 1e-10);
    assert_float_equal(s->coef[2], -19.771626905346345, 1e-8);
    assert_float_equal(s->forecast[TF_OUTLOOK_WINDOW_MODEL].v, 72996.7117228173, 1e-5);
    tf_outlook_free(&o);
}

static void test_too_little_history(void **state)
{
    (void)state;
    tf_outlook_month m[3];
    int base = tf_period_index("2025-01");
    for (int i = 0; i < 3; i++)
        month(&m[i], base + i, 200000 + 1000 * i, 1);
    tf_outlook *o = NULL;
    assert_int_equal(tf_outlook_from_months(m, 3, "2025-03", "test", &o), TF_OK);
    assert_int_equal(o->imports.method, TF_OUTLOOK_NONE);
    assert_false(o->imports.point.has);
    assert_non_null(strstr(o->imports.why, "no forecast of 2025-04"));
    char buf[256];
    assert_int_equal(tf_outlook_paragraph(o, 0, buf, sizeof buf), TF_OK);
    assert_string_equal(buf, "");
    tf_outlook_free(&o);
    /* months not consecutive, or the period not among them: usage errors */
    tf_period_from_index(base + 5, m[2].period);
    assert_int_equal(tf_outlook_from_months(m, 3, "2025-02", "test", &o), TF_ERR_USAGE);
    assert_null(o);
    assert_int_equal(tf_outlook_from_months(m, 2, "2025-09", "test", &o), TF_ERR_USAGE);
    assert_int_equal(tf_outlook_from_months(m, 2, "2025", "test", &o), TF_ERR_USAGE);
}

/* Persistence chosen by its backtest error, by hand: imports rise by 1,000 t a
 * month, 100,000 t in 2022-01 .. 117,000 t in 2023-06. Seasonal naive misses by
 * 12,000 t each month (y(t) - y(t-12)), persistence by 1,000 t (y(t) - y(t-1)).
 * Candidates for 2023-07: seasonal naive (2022-07 = 106,000 t) and persistence
 * (2023-06 = 117,000 t, 17 backtest months 2022-02..2023-06). Compared months:
 * the naive's 6, 2023-01..06, which persistence forecasts too: MAE 12,000 against
 * 1,000 t, so persistence, 117,000 t, flat; its errors are all +1,000 t, so the
 * interval is 118,000 .. 118,000 t and its MAE 1,000 t. */
static void test_persistence_chosen(void **state)
{
    (void)state;
    tf_outlook_month m[18];
    int base = tf_period_index("2022-01");
    for (int i = 0; i < 18; i++)
        month(&m[i], base + i, 100000 + 1000.0 * i, 1);
    tf_outlook *o = NULL;
    assert_int_equal(tf_outlook_from_months(m, 18, "2023-06", "test", &o), TF_OK);
    const tf_outlook_series *s = &o->imports;
    assert_float_equal(s->forecast[TF_OUTLOOK_SEASONAL_NAIVE].v, 106000, 1e-9);
    assert_float_equal(s->forecast[TF_OUTLOOK_PERSISTENCE].v, 117000, 1e-9);
    assert_int_equal(s->common[TF_OUTLOOK_SEASONAL_NAIVE].n, 6);
    assert_float_equal(s->common[TF_OUTLOOK_SEASONAL_NAIVE].mae.v, 12000, 1e-9);
    assert_float_equal(s->common[TF_OUTLOOK_PERSISTENCE].mae.v, 1000, 1e-9);
    assert_int_equal(s->method, TF_OUTLOOK_PERSISTENCE);
    assert_int_equal(s->choice, TF_OUTLOOK_CHOSEN_BEST);
    assert_float_equal(s->point.v, 117000, 1e-9);
    assert_string_equal(s->direction, "flat");
    assert_int_equal(s->own[TF_OUTLOOK_PERSISTENCE].n, 17);
    assert_string_equal(s->own[TF_OUTLOOK_PERSISTENCE].from, "2022-02");
    assert_float_equal(s->mae.v, 1000, 1e-9);
    assert_float_equal(s->low.v, 118000, 1e-9);
    assert_float_equal(s->high.v, 118000, 1e-9);
    assert_non_null(strstr(s->why, "persistence has the lowest backtest MAE on the 6 backtest "
                                   "months"));
    char buf[1024];
    assert_int_equal(tf_outlook_paragraph(o, 0, buf, sizeof buf), TF_OK);
    assert_non_null(strstr(buf, "Method: persistence, the latest month's figure, which had the "
                                "lowest error of the methods compared in the backtest"));
    tf_outlook_free(&o);
    /* five months only: persistence has 4 backtest months (6 needed), no
     * candidate at all, no forecast */
    assert_int_equal(tf_outlook_from_months(m, 5, "2022-05", "test", &o), TF_OK);
    assert_int_equal(o->imports.method, TF_OUTLOOK_NONE);
    tf_outlook_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seasonal_naive_and_backtest),
        cmocka_unit_test(test_paragraph),
        cmocka_unit_test(test_window_model_exact),
        cmocka_unit_test(test_window_model_least_squares),
        cmocka_unit_test(test_too_little_history),
        cmocka_unit_test(test_persistence_chosen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
