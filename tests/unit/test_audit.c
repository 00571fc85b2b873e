/* The audit of published notes: claim extraction, checks over rounding
 * intervals, the diagnosis of slips, and the corpus of real notes in
 * ../shared/corpus/articles compared with the reviewer's notes. The small
 * notes below are written for these tests; every expected figure is worked out
 * by hand beside its assertion. */
#include "testutil.h"
#include <math.h>

#include <jansson.h>

#include "audit/audit_int.h"

/* Write text to a fresh file under build/tmp and return its path. */
static const char *note_file(const char *name, const char *text)
{
    static char buf[8][512];
    static int k;
    char *p = buf[k++ % 8];
    mkdir("build", 0755);
    mkdir("build/tmp", 0755);
    snprintf(p, 512, "build/tmp/%s-%ld.txt", name, (long)getpid());
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static tf_audit *run(const char *const *paths, size_t n, tf_db *db, const tf_refdata *ref)
{
    tf_audit_opts o = {NULL, db, ref};
    tf_audit *a = NULL;
    tf_error err = {0};
    tf_status st = tf_audit_run(paths, n, &o, &a, &err);
    if (st)
        print_message("audit failed: %s\n", err.msg);
    assert_int_equal(st, TF_OK);
    return a;
}

static const tf_claim *find_claim(const tf_audit *a, tf_metric m, const char *partner,
                                  double value)
{
    for (size_t i = 0; i < a->n_claims; i++) {
        const tf_claim *c = &a->claims[i];
        if (c->metric == m && !strcmp(c->partner, partner) && c->quantity.has &&
            fabs(c->quantity.value - value) < 1e-6)
            return c;
    }
    return NULL;
}

static const tf_finding *find_finding(const tf_audit *a, const char *kind, double stated)
{
    for (size_t i = 0; i < a->n_findings; i++)
        if (!strcmp(a->findings[i].kind, kind) && fabs(a->findings[i].stated - stated) < 1e-6)
            return &a->findings[i];
    return NULL;
}

static void print_findings(const tf_audit *a)
{
    for (size_t i = 0; i < a->n_findings; i++)
        print_message("  %s %s %s stated %g: %s\n", a->notes[a->findings[i].note].path,
                      tf_severity_name(a->findings[i].severity), a->findings[i].kind,
                      a->findings[i].stated, a->findings[i].equation);
}

/* The characters a span covers, for an ASCII note. */
static void span_text(const tf_audit *a, const tf_stated *s, char *buf, size_t len)
{
    const tf_note *n = &a->notes[0];
    size_t l = s->end - s->start;
    if (l >= len)
        l = len - 1;
    memcpy(buf, n->text + s->start, l);
    buf[l] = '\0';
}

static void test_extract_shapes(void **state)
{
    (void)state;
    const char *p = note_file("shapes",
        "DATE: 2025-06-20\n\n"
        "Imports of primary aluminium came to 123,400 t in May, up 4.2% on the month and "
        "down 7.5% from a year earlier. From January to May, imports totalled about 612,300 t, "
        "up 3.1% year on year.\n"
        "Exports of primary aluminium reached 8,200 t in May. Net imports of primary aluminium "
        "stood at 115,200 t in May.\n"
        "Imports from Russia were 98,700 t in May, accounting for 80.0% of the total.\n"
        "Bauxite imports rose 12.5% year-on-year to 15.2 million tonnes in the first quarter.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    /* year-less months resolve to the latest one not after the date: May 2025 */
    const int may25 = 2025 * 12 + 4;
    const tf_claim *c = find_claim(a, TF_METRIC_IMPORT, "WLD", 123400);
    assert_non_null(c);
    assert_string_equal(c->product, "primary-aluminium");
    assert_int_equal(c->period.from, may25);
    assert_int_equal(c->period.to, may25);
    assert_true(c->mom.has && fabs(c->mom.value - 4.2) < 1e-9);
    assert_true(c->yoy.has && fabs(c->yoy.value + 7.5) < 1e-9); /* "down" */
    /* 123,400 printed to the hundred: [123,350, 123,450] */
    assert_near(c->quantity.lo, 123350, 1e-6);
    assert_near(c->quantity.hi, 123450, 1e-6);
    char buf[64];
    span_text(a, &c->quantity, buf, sizeof buf);
    assert_string_equal(buf, "123,400 t");
    span_text(a, &c->mom, buf, sizeof buf);
    assert_string_equal(buf, "4.2%");
    c = find_claim(a, TF_METRIC_IMPORT, "WLD", 612300);
    assert_non_null(c);
    assert_int_equal(c->period.from, 2025 * 12);
    assert_int_equal(c->period.to, may25);
    assert_true(c->yoy.has && fabs(c->yoy.value - 3.1) < 1e-9);
    assert_non_null(find_claim(a, TF_METRIC_EXPORT, "WLD", 8200));
    assert_non_null(find_claim(a, TF_METRIC_NET_IMPORT, "WLD", 115200));
    c = find_claim(a, TF_METRIC_IMPORT, "RUS", 98700);
    assert_non_null(c);
    assert_true(c->share.has && fabs(c->share.value - 80.0) < 1e-9);
    assert_int_equal(c->share_of.to, may25);
    /* "to 15.2 million tonnes": the change leads to the later figure; Q1 2025 */
    c = find_claim(a, TF_METRIC_IMPORT, "WLD", 15.2e6);
    assert_non_null(c);
    assert_string_equal(c->product, "bauxite");
    assert_int_equal(c->period.from, 2025 * 12);
    assert_int_equal(c->period.to, 2025 * 12 + 2);
    assert_true(c->yoy.has && fabs(c->yoy.value - 12.5) < 1e-9);
    /* all consistent: 123,400 - 8,200 = 115,200; 98,700 / 123,400 = 79.98 % */
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
}

/* A one-digit typo in a cumulative import figure, found from net = import -
 * export and the YoY bases, with the net figure corroborated by the chain
 * net(Jan-May) = net(Jan-Apr) + net(May): 473,200 + 118,000 = 591,200. */
static void test_ytd_typo(void **state)
{
    (void)state;
    const char *p = note_file("typo",
        "DATE: 2025-06-20\n\n"
        "From January to May, imports of primary aluminium totalled 412,600 t, up 5.6% year on "
        "year. From January to May, exports of primary aluminium were 21,400 t, up 7.0% year on "
        "year. From January to May, net imports of primary aluminium came to 591,200 t, up 5.6% "
        "year on year.\n"
        "Net imports of primary aluminium were 118,000 t in May. From January to April, net "
        "imports of primary aluminium were 473,200 t.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    /* 591,200 + 21,400 = 612,600; 412,600 differs from it in one digit */
    const tf_finding *f = find_finding(a, "one-digit-typo", 412600);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_true(f->has_proposed);
    assert_near(f->proposed, 612600, 1e-6);
    assert_true(f->confidence >= 0.5);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* Figures that agree only through their rounding raise no error:
 * 1.25 - 0.2 = 1.05 million t against 1.06 stated; with the printed
 * precision [1.245, 1.255] - [0.15, 0.25] = [0.995, 1.105] holds 1.06. */
static void test_rounding_is_not_an_error(void **state)
{
    (void)state;
    const char *p = note_file("rounding",
        "DATE: 2025-02-20\n\n"
        "China's bauxite imports were 1.25 million t in January. Bauxite exports were 0.2 "
        "million t in January. Net imports of bauxite were 1.06 million t in January.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    assert_int_equal(a->n_failed, 0);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
}

/* A share labelled with the wrong month: April imports 200,000 t up 25.0 % MoM
 * imply March 160,000 t; 150,000 / 160,000 = 93.75 %, not the stated 75.0 %;
 * of April's 200,000 t it is exactly 75.0 %. */
static void test_share_month_label(void **state)
{
    (void)state;
    const char *p = note_file("label",
        "DATE: 2025-05-20\n\n"
        "Imports of primary aluminium were 200,000 t in April, up 25.0% on the month. Imports "
        "from Russia were 150,000 t in April, accounting for 75.0% of the imports in March.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "wrong-month-label", 75.0);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_string_equal(f->proposed_text, "April 2025");
    assert_true(f->confidence >= 0.8);
    /* the span is the label's: "March" */
    char buf[32];
    tf_stated lab = {0};
    lab.start = f->start;
    lab.end = f->end;
    span_text(a, &lab, buf, sizeof buf);
    assert_string_equal(buf, "March");
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* Slips seen only across notes: a partial year called the full year, a
 * world total given as one partner's, and a factor of ten. */
static void test_cross_note_slips(void **state)
{
    (void)state;
    const char *p[4];
    p[0] = note_file("year-a",
        "DATE: 2023-01-20\n\n"
        "Imports of primary aluminium were 668,000 t in 2022. Imports of primary aluminium "
        "from Russia were 462,000 t in 2022. Imports of primary aluminium were 127,600 t in "
        "December 2022.\n");
    /* 668,000 - 127,600 = 540,400: the January-November total */
    p[1] = note_file("year-b",
        "DATE: 2023-01-25\n\n"
        "Imports of primary aluminium fell to 540,400 t in 2022.\n");
    /* 69 % of 668,000 t is 460,920 t: 667,000 t is the world's figure */
    p[2] = note_file("year-c",
        "DATE: 2023-03-20\n\n"
        "Russia supplied 69% of China's primary aluminium imports in 2022, or 667,000 t.\n");
    p[3] = note_file("bauxite",
        "DATE: 2025-07-20\n\n"
        "Bauxite imports were 14.5 million t in January, 13.9 million t in February, "
        "15.1 million t in March and 16.0 million t in April. Bauxite imports were 1.52 "
        "million t in May.\n");
    tf_audit *a = run(p, 4, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "partial-year-as-full-year", 540400);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_near(f->proposed, 668000, 1000);
    f = find_finding(a, "world-total-as-partner", 667000);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    f = find_finding(a, "factor-of-10", 1.52e6);
    assert_non_null(f);
    assert_near(f->proposed, 15.2e6, 1e-3);
    assert_int_equal(tf_audit_errors(a), 2);
    tf_audit_free(&a);
}

/* A MoM copied from the previous month's note: 12.44 % in both; May's
 * 210,000 t on April's 200,000 t is +5.0 %, so the copy also breaks the base. */
static void test_copied_mom(void **state)
{
    (void)state;
    const char *p[2];
    p[0] = note_file("copy-apr", "DATE: 2025-05-20\n\nImports of primary aluminium were "
                                 "200,000 t in April, up 12.44% on the month.\n");
    p[1] = note_file("copy-may", "DATE: 2025-06-20\n\nImports of primary aluminium were "
                                 "210,000 t in May, up 12.44% on the month.\n");
    tf_audit *a = run(p, 2, NULL, NULL);
    print_findings(a);
    int copy = 0, err = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        const tf_finding *f = &a->findings[i];
        if (f->note != 1 || fabs(f->stated - 12.44) > 1e-9)
            continue;
        if (!strcmp(f->kind, "likely-copy") && f->severity == TF_SEV_WARNING)
            copy = 1;
        if (f->severity == TF_SEV_ERROR && f->has_proposed && fabs(f->proposed - 5.0) < 0.05)
            err = 1;
    }
    assert_true(copy);
    assert_true(err);
    tf_audit_free(&a);
}

/* A MoM printed as the YoY of the same figure (DOMAIN.md section 7), in a wire-style
 * note where only the net equation reaches it. Consistent: imports 237,400 t down 16 %
 * (base 237,400 / 0.84 = 282,619 t), exports 18,200 t down 23 % (base 18,200 / 0.77 =
 * 23,636 t), net 219,200 t down 15.4 % (219,200 / (282,619 - 23,636) - 1 = -15.36 %).
 * Printed with the imports' MoM = their YoY (-31.7 %): the imports' MoM is blamed, not
 * the net one, and the value the net equation gives (-16.0 % at one decimal) proposed. */
static void test_mom_copied_from_yoy(void **state)
{
    (void)state;
    const char *p = note_file("momcopy",
        "DATE: 2025-10-20\n\nRefined copper (wire, Oct 20): China's imports in September "
        "2025 stood at 237,400 t, down 31.7% m/m and down 31.7% y/y. Exports were 18,200 t, "
        "down 23.0% m/m and up 62.7% y/y. That left net imports of refined copper at "
        "219,200 t in September 2025, down 15.4% m/m.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "mom-yoy-swapped", -31.7);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_string_equal(f->field, "mom");
    assert_true(f->has_proposed);
    assert_true(fabs(f->proposed - -16.0) < 1e-9);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* Gross printed as the net figure, in wire wording ("arrivals", "outbound shipments"):
 * 126,000 t of imports and of net imports with 11,400 t of exports. The net line is not
 * blamed; the imports are, with net + exports = 137,400 t proposed. */
static void test_gross_printed_as_net(void **state)
{
    (void)state;
    const char *p = note_file("grossnet",
        "DATE: 2025-04-18\n\nChinese arrivals of primary aluminium totalled 126,000 tonnes in "
        "March 2025, while outbound shipments of primary aluminium came to 11,400 tonnes. Net "
        "imports of primary aluminium for March 2025 were therefore 126,000 tonnes.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_non_null(find_claim(a, TF_METRIC_EXPORT, "WLD", 11400));
    const tf_finding *f = find_finding(a, "net-copied-into-gross", 126000);
    assert_non_null(f);
    assert_int_equal(a->claims[f->claim].metric, TF_METRIC_IMPORT);
    assert_true(f->has_proposed);
    assert_true(fabs(f->proposed - 137400) < 1e-6);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* One figure told twice in a note (a highlights line and the body, the same YoY 14.2 %)
 * is compared with itself: 3.42 million t against 3.12 million t fails, and the first
 * quarter 7.95 = January-February 4.83 + March 3.12 (million t) settles which one is the
 * slip. Without a shared printed change, two statements stay two concepts. */
static void test_restated_figure(void **state)
{
    (void)state;
    const char *p = note_file("restated",
        "DATE: 2025-04-20\n\nHIGHLIGHTS: China's nickel ore imports in March 2025 were 3.12 "
        "million tonnes, up 14.2% year on year.\n\nNickel ore imports in March 2025 came to "
        "3.42 million tonnes, up 14.2% year on year. In the first quarter of 2025 China "
        "imported 7.95 million tonnes of nickel ore, and in January-February 2025 4.83 million "
        "tonnes.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "one-digit-typo", 3.42e6);
    assert_non_null(f);
    assert_true(fabs(f->proposed - 3.12e6) < 1);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
    p = note_file("two-concepts",
        "DATE: 2025-04-20\n\nChina imported 61,000 t of primary aluminium from Russia in "
        "March 2025, up 12.5% year on year. Counted by consignment, imports from Russia in "
        "March 2025 were 58,400 t, down 3.1% year on year.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
}

/* A conversion in brackets implies an exchange rate: 2.05 trillion yuan is about
 * 2.05e12 / 7.1 = 288.7 billion dollars, so "28.87 billion" (71.0 yuan per dollar) has its
 * decimal point moved: 288.7 billion proposed. A dollar sum with its yuan in brackets at
 * 7.1 (US$580 per t, 4,118 yuan) is no finding. */
static void test_currency_conversion(void **state)
{
    (void)state;
    const char *p = note_file("conv",
        "DATE: 2025-09-08\n\nBEIJING, Sept 8 -- The country's exports of goods rose 4.8% to "
        "2.05 trillion yuan (roughly 28.87 billion US dollars) in August 2025. Alumina "
        "was quoted at US$580 (4,118 yuan) per tonne.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "factor-of-10", 28.87);
    assert_non_null(f);
    assert_true(f->has_proposed);
    assert_true(fabs(f->proposed - 288.7) < 1e-9);
    assert_string_equal(f->proposed_text, "288.7 billion US dollars");
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* A month label left from the month before: January-November given, "October" alone
 * and no November figure of the series. A warning with November proposed; none where
 * the note gives November itself. */
static void test_month_label_against_cumulative(void **state)
{
    (void)state;
    const char *p = note_file("mlabel",
        "DATE: 2025-12-09\n\nChina's iron ore imports in October 2025 reached 112.7 million "
        "tonnes, up 4.1% year on year. In the first eleven months of 2025 the country "
        "imported 1.13 billion tonnes of iron ore.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_finding *f = find_finding(a, "wrong-month-label", 112.7e6);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_WARNING);
    assert_string_equal(f->proposed_text, "November 2025");
    char buf[32];
    tf_stated lab = {0};
    lab.start = f->start;
    lab.end = f->end;
    span_text(a, &lab, buf, sizeof buf);
    assert_string_equal(buf, "October 2025");
    tf_audit_free(&a);
    p = note_file("mlabel-ok",
        "DATE: 2025-12-09\n\nChina's iron ore imports in November 2025 reached 112.7 million "
        "tonnes. In October 2025 they were 109.2 million tonnes. In the first eleven months "
        "of 2025 the country imported 1.13 billion tonnes of iron ore.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_null(find_finding(a, "wrong-month-label", 109.2e6));
    tf_audit_free(&a);
}

/* Cases found by trying to break the audit. Each note is small; the expected
 * figure is worked out beside it. */
static void test_adversarial_cases(void **state)
{
    (void)state;
    const char *p[2];
    tf_audit *a;
    const tf_finding *f;
    /* March exports 8,862 t; April 13,700 t "down 54.6% from March": 13,700 /
     * 8,862 = +54.6 %, the direction is flipped (a range of 3 pp still names it) */
    p[0] = note_file("n3", "DATE: 2025-05-29\n\nChina's primary aluminium exports were 13,700 "
                           "mt in April 2025, down 54.6% from March.\n");
    p[1] = note_file("r2", "DATE: 2025-04-20\n\nChina's primary aluminium exports were 8,862 mt "
                           "in March 2025.\n");
    a = run(p, 2, NULL, NULL);
    f = find_finding(a, "direction-flipped", -54.6);
    assert_non_null(f);
    assert_near(f->proposed, 54.6, 1e-9);
    tf_audit_free(&a);
    /* "climbing 54.6% from March to 13,700 mt": March is the comparison, the
     * figure is April's; 13,700 / 1.546 = 8,862 agrees: no error */
    p[0] = note_file("r1", "DATE: 2025-05-29\n\nChina's primary aluminium exports rose in April "
                           "2025, climbing 54.6% from March to 13,700 mt.\n");
    a = run(p, 2, NULL, NULL);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
    /* 18.5 / 16.88 = +9.597 %: the stated 6.9 % is 9.6 with its digits swapped;
     * 9.9 (one digit changed) is also inside the rounding, but further away */
    p[0] = note_file("m2", "DATE: 2025-06-20\n\nChina imported 18.5 million tonnes of bauxite in "
                           "May, up 6.9% from a year earlier, compared with 16.88 million tonnes "
                           "in May 2024.\n");
    a = run(p, 1, NULL, NULL);
    f = find_finding(a, "transposed-digits", 6.9);
    assert_non_null(f);
    assert_near(f->proposed, 9.6, 1e-9);
    tf_audit_free(&a);
    /* a fall of 100 % leaves nothing: 250,500 t cannot follow it */
    p[0] = note_file("m100", "DATE: 2025-05-29\n\nChina's primary aluminium imports reached "
                             "250,500 t in April 2025, down 100.0% MoM. China's primary "
                             "aluminium imports were 222,000 t in March 2025.\n");
    a = run(p, 1, NULL, NULL);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
    /* a MoM on a figure labelled a year before the note's latest figures */
    p[0] = note_file("h", "DATE: 2025-05-20\n\nChina's primary aluminium imports reached "
                          "250,000 mt in April 2024, up 13.6% MoM. From January to April 2025, "
                          "cumulative imports totalled 832,000 mt.\n");
    a = run(p, 1, NULL, NULL);
    f = find_finding(a, "wrong-year-label", 250000);
    assert_non_null(f);
    assert_string_equal(f->proposed_text, "April 2025");
    tf_audit_free(&a);
    /* CR-only line ends after a DATE line; "1e308 t" is not a figure */
    p[0] = note_file("cr", "DATE: 2025-05-20\rImports of primary aluminium were 200,000 t in "
                           "April.\rExports of primary aluminium were 1e308 t in April.\r");
    a = run(p, 1, NULL, NULL);
    assert_int_equal(a->n_claims, 1);
    assert_string_equal(a->notes[0].date, "2025-05-20");
    tf_audit_free(&a);
}

/* The same note given twice is read once: its slip is still found. */
static void test_identical_notes(void **state)
{
    (void)state;
    const char *text =
        "DATE: 2025-06-20\n\n"
        "From January to May, imports of primary aluminium totalled 412,600 t, up 5.6% year on "
        "year. From January to May, exports of primary aluminium were 21,400 t, up 7.0% year on "
        "year. From January to May, net imports of primary aluminium came to 591,200 t, up 5.6% "
        "year on year.\n"
        "Net imports of primary aluminium were 118,000 t in May. From January to April, net "
        "imports of primary aluminium were 473,200 t.\n";
    const char *p[2] = {note_file("twice-a", text), note_file("twice-b", text)};
    tf_audit *a = run(p, 2, NULL, NULL);
    assert_string_equal(a->notes[1].skipped, "same text as note 1");
    const tf_finding *f = find_finding(a, "one-digit-typo", 412600);
    assert_non_null(f);
    assert_near(f->proposed, 612600, 1e-6);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
}

/* The note's HS scope is read from "based on HS codes ..." */
static void test_hs_scope(void **state)
{
    (void)state;
    const char *p = note_file("hs", "DATE: 2025-06-20\n\nImports of primary aluminium were "
                                    "200,000 t in May. (The data are based on HS codes "
                                    "76011090 and 76011010.)\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    assert_string_equal(a->notes[0].hs, "76011090,76011010");
    tf_audit_free(&a);
}

/* Against the store: the bundled sample holds April 2025 imports 250,500 t and
 * March 2025 222,000 t. +12.8 % gives 250,500 / 1.128 = 222,074 t (0.03 % off,
 * within revision tolerance); "21.8 %" gives 205,665 t: the digits transposed. */
static void test_against_store(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    const char *path = tt_db_path("audit");
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    FILE *in = fopen("data/samples/cn-primary-aluminium.csv", "rb");
    assert_non_null(in);
    tf_read_opts ro = {0};
    tf_diag diag;
    memset(&diag, 0, sizeof diag);
    tf_ingest_result res;
    assert_int_equal(tf_db_ingest(db, in, "cn-primary-aluminium.csv", &ro, ref,
                                  "2025-06-01T00:00:00Z", &diag, &res), TF_OK);
    fclose(in);
    const char *ok = note_file("store-ok",
        "DATE: 2025-05-29\n\nImports of primary aluminium were 250,500 t in April, up 12.8% "
        "on the month.\n");
    tf_audit *a = run(&ok, 1, db, ref);
    assert_true(a->n_equations >= 2); /* MoM base and the stored April figure */
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
    const char *bad = note_file("store-bad",
        "DATE: 2025-05-29\n\nImports of primary aluminium were 250,500 t in April, up 21.8% "
        "on the month.\n");
    a = run(&bad, 1, db, ref);
    print_findings(a);
    const tf_finding *f = find_finding(a, "transposed-digits", 21.8);
    assert_non_null(f);
    assert_near(f->proposed, 12.8, 1e-9);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);
    tf_db_close(&db);
    tf_refdata_free(&ref);
    unlink(path);
}

static void test_bad_notes(void **state)
{
    (void)state;
    const char *p = note_file("latin1", "Imports were 12,000 t in May.\nCaf\xe9 exports\n");
    tf_audit_opts o = {NULL, NULL, NULL};
    tf_audit *a = NULL;
    tf_error err = {0};
    assert_int_equal(tf_audit_run(&p, 1, &o, &a, &err), TF_ERR_INPUT);
    assert_null(a);
    /* line 2, column 4: the byte 0xE9 after "Caf" */
    assert_non_null(strstr(err.msg, ":2:4: not valid UTF-8"));
    assert_int_equal(err.status, TF_ERR_INPUT);
    assert_string_equal(err.file, p);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 4);
    const char *missing = "build/tmp/no-such-note.txt";
    assert_int_equal(tf_audit_run(&missing, 1, &o, &a, &err), TF_ERR_IO);
    assert_non_null(strstr(err.msg, "no-such-note.txt"));
    /* a note with no figure is not an error: nothing to check */
    const char *empty = note_file("empty", "Nothing was said about trade today.\n");
    a = run(&empty, 1, NULL, NULL);
    assert_int_equal(a->n_claims, 0);
    assert_int_equal(a->n_findings, 0);
    tf_audit_free(&a);
}

/* ---- the real notes ---- */

/* DOMAIN.md §7 and the reviewer: in the April 2025 note, 634,300 t is a typo
 * for 834,300 t (net 799,800 + exports 34,500), and the Russia share is
 * labelled "of the imports in March" while 227,000 / 250,500 = 90.6 % is
 * April's. The other figures stand, except one the arithmetic contradicts:
 * the net YoY +14.8 %. Imports 250,500 / 1.146 = 218,586 t and exports
 * 13,700 / 7.43 = 1,844 t a year earlier give net 216,742 t, so net 236,800 t
 * is +9.3 % on it; +14.8 % needs a base of 206,272 t. */
/* A table read as one sentence: 10,000 tonnages after one metric word. Each
 * is a claim of its own (the old fixed arrays kept 64 figures of the first
 * 512 tokens and dropped the rest silently). Figure k is 10,000 + k t (no
 * figure looks like a year), so the last is 19,999 t and the sum of all is
 * 10,000 x 10,000 + 9,999 x 10,000 / 2 = 149,995,000 t. Speed is measured by
 * make bench, not here. */
static void test_no_figure_dropped(void **state)
{
    (void)state;
    size_t cap = 10000 * 16 + 256, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    o += (size_t)snprintf(text + o, cap - o,
                          "DATE: 2025-05-20\n\nPrimary aluminium imports by port in April 2025 were ");
    for (int k = 0; k < 10000; k++)
        o += (size_t)snprintf(text + o, cap - o, "%s%d t", k ? ", " : "", 10000 + k);
    snprintf(text + o, cap - o, ".\n");
    const char *p = note_file("many-figures", text);
    free(text);
    tf_audit *a = run(&p, 1, NULL, NULL);
    assert_int_equal(a->n_claims, 10000);
    double sum = 0;
    for (size_t k = 0; k < a->n_claims; k++)
        sum += a->claims[k].quantity.value;
    assert_true(fabs(sum - 149995000.0) < 0.5);
    assert_true(fabs(a->claims[9999].quantity.value - 19999.0) < 0.5);
    tf_audit_free(&a);
}

/* Eleven partners' shares of one stated total, each consistent with its own
 * figure (10.0 million t of 100.00 million t is 10.0 %), but 11 x 10.0 % =
 * 110 % of one total: the shares-sum equation takes every share of the group
 * (the old fixed array took the first 9, 90 %, and found nothing). The
 * growable equation keeps all 11 shares as atoms. Own wording. */
static void test_shares_sum_all_partners(void **state)
{
    (void)state;
    static const char *src[] = {"Australia", "Brazil", "South Africa", "India", "Canada",
                                "Ukraine", "Peru", "Chile", "Sweden", "Russia", "Mauritania"};
    char text[2048];
    size_t o = (size_t)snprintf(text, sizeof text,
                                "DATE: 2025-05-20\n\nChina's iron ore imports were 100.00 million t "
                                "in April 2025. By source: ");
    for (int k = 0; k < 11; k++)
        o += (size_t)snprintf(text + o, sizeof text - o, "%s%s 10.0 million t (10.0%%)",
                              k == 0 ? "" : k == 10 ? " and " : ", ", src[k]);
    snprintf(text + o, sizeof text - o, ".\n");
    const char *p = note_file("shares-eleven", text);
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 12);
    /* and the tonnages: 11 x 10.0 = 110.0 million t of a 100.00 million t total */
    assert_int_equal(tf_audit_errors(a), 2);
    int shares = 0, parts = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        shares += strstr(a->findings[i].equation, "shares of 11 partners") &&
                  strstr(a->findings[i].equation, "110.00 vs 100.00");
        parts += strstr(a->findings[i].equation, "figures of 11 partners") &&
                 strstr(a->findings[i].equation, "110,000,000 vs 100,000,000");
    }
    assert_int_equal(shares, 1);
    assert_int_equal(parts, 1);
    tf_audit_free(&a);
}

/* Partners' figures of one total add up to at most the total (DOMAIN.md
 * section 2), even where each is below it: 1.10 + 0.95 + 0.45 = 2.50 million t
 * of copper concentrate against 2.40 million t. Any of the four figures may be
 * the slip, so a range is given, not a value; the same note with Mongolia at
 * 0.35 million t (2.40 in all) is consistent. Own wording. */
static void test_partners_sum(void **state)
{
    (void)state;
    const char *p = note_file("partners-sum",
                              "DATE: 2025-06-20\n\nChina's copper concentrate imports were 2.40 "
                              "million t in May 2025. Imports from Chile were 1.10 million t, from "
                              "Peru 0.95 million t and from Mongolia 0.45 million t.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 4);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_non_null(strstr(a->findings[0].equation, "2,500,000 vs 2,400,000"));
    assert_false(a->findings[0].has_proposed);
    tf_audit_free(&a);
    p = note_file("partners-sum-ok",
                  "DATE: 2025-06-20\n\nChina's copper concentrate imports were 2.40 "
                  "million t in May 2025. Imports from Chile were 1.10 million t, from "
                  "Peru 0.95 million t and from Mongolia 0.35 million t.\n");
    a = run(&p, 1, NULL, NULL);
    assert_int_equal(a->n_claims, 4);
    assert_int_equal(a->n_findings, 0);
    tf_audit_free(&a);
}

/* Comtrade's abbreviated names (data/comtrade-areas.csv) are partners: the
 * full stop inside "Br. Virgin Isds" ends no sentence (the old reader cut the
 * sentence there and read the figure as the world total, or "Br. Indian Ocean
 * Terr." as India). Codes as the file gives them. Own wording. */
static void test_abbreviated_partner_names(void **state)
{
    (void)state;
    static const struct {
        const char *name, *code;
    } t[] = {{"Br. Virgin Isds", "VGB"},       {"Dem. Rep. of the Congo", "COD"},
             {"Br. Indian Ocean Terr.", "IOT"}, {"Fmr Dem. Yemen", "YMD"},
             {"Lao People's Dem. Rep.", "LAO"}, {"India, excl. Sikkim", "M49:356"},
             {"US Misc. Pacific Isds", "M49:849"}, {"N. Mariana Isds", "MNP"}};
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "DATE: 2025-06-20\n\nChina imported 2.40 million t of copper concentrate in "
                 "May 2025. Imports from %s were 0.30 million t in May 2025. Exports rose.\n",
                 t[k].name);
        const char *p = note_file("abbrev", text);
        tf_audit *a = run(&p, 1, NULL, NULL);
        assert_int_equal(a->n_claims, 2);
        assert_string_equal(a->claims[0].partner, "WLD");
        assert_string_equal(a->claims[1].partner, t[k].code);
        assert_true(fabs(a->claims[1].quantity.value - 300000) < 1e-6);
        tf_audit_free(&a);
    }
}

/* A Chinese note (written for this test) with one slip: April 2024 alumina
 * imports 18.35万吨 (= 16.33万吨 x 1.124 = 18.355, within rounding of the
 * March base and the MoM), exports 4.10万吨 (= 3.90 x 1.051 = 4.099), so net
 * imports are 18.35 - 4.10 = 14.25万吨; the note prints 15.25万吨. Imports
 * and exports are each pinned by their MoM base, so the net figure is the one
 * to blame, and the correction is printed in the note's own unit. */
static const char zh_alumina[] =
    "DATE: 2024-05-20\n"
    "TITLE: 2024年4月中国氧化铝进出口数据\n\n"
    "海关总署数据显示,2024年4月中国氧化铝进口量为18.35万吨,较3月的16.33万吨增长12.4%;"
    "氧化铝出口量为4.10万吨,较3月的3.90万吨增长5.1%;氧化铝净进口量为15.25万吨。\n";

static void test_chinese_note_slip(void **state)
{
    (void)state;
    const char *p = note_file("zh-alumina", zh_alumina);
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    /* claims: imports and exports of April and of March, net of April */
    size_t n_import = 0, n_net = 0;
    for (size_t k = 0; k < a->n_claims; k++) {
        const tf_claim *c = &a->claims[k];
        assert_string_equal(c->product, "alumina");
        if (c->metric == TF_METRIC_IMPORT && c->period.to == 2024 * 12 + 3) {
            n_import++;
            assert_true(fabs(c->quantity.value - 183500) < 1e-6);
            assert_true(fabs(c->quantity.lo - 183450) < 1e-6); /* 18.35 +- 0.005万吨 */
            assert_true(fabs(c->mom.value - 12.4) < 1e-9);
        }
        if (c->metric == TF_METRIC_IMPORT && c->period.to == 2024 * 12 + 2)
            assert_true(fabs(c->quantity.value - 163300) < 1e-6);
        if (c->metric == TF_METRIC_NET_IMPORT)
            n_net++;
    }
    assert_int_equal(n_import, 1);
    assert_int_equal(n_net, 1);
    assert_int_equal(tf_audit_errors(a), 1);
    const tf_finding *f = &a->findings[0];
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_string_equal(f->field, "quantity");
    assert_true(fabs(f->stated - 152500) < 1e-6);
    assert_true(f->has_proposed);
    assert_true(fabs(f->proposed - 142500) < 1e-6);
    assert_string_equal(f->proposed_text, "14.25万吨");
    assert_string_equal(f->kind, "one-digit-typo");
    tf_audit_free(&a);
}

/* The same note in traditional characters, with the pinyin a page archive
 * puts after some characters ("進(jìn)口"), reads to the same claims and slip. */
/* Chinese differences and a share's change in pp (written for this test). By hand:
 * 11131.6 - 11450.2 = -318.6万吨 on the month (-2.78 %, printed 下降2.8% after the
 * difference: the same basis), +547.3万吨 on the year (10584.3 a year before: +5.17 %);
 * Australia 6812.5 / 11131.6 = 61.20 % in October, 6858.2 / 11450.2 = 59.90 % in
 * September: +1.3 pp. Printed +3.1 pp, the share-pp equation fails and 1.3 is proposed. */
static const char zh_pp_note[] =
    "DATE: 2025-11-15\n\n"
    "10月份，中国进口铁矿砂11131.6万吨，环比减少318.6万吨，下降2.8%%；同比增加547.3万吨，"
    "增长5.2%%。自澳大利亚进口6812.5万吨，占比61.2%%，较上月提高%s个百分点。\n"
    "9月份进口铁矿砂11450.2万吨，其中自澳大利亚进口6858.2万吨。\n";

/* "其他铝材0.6万吨" closing a breakdown by product is the rest of the breakdown, kept as
 * `other`, not the total's second statement; the products named before it are exports of
 * their own (25.4 + 11.9 + 9.4 + 0.6 = 47.3万吨, consistent). */
static void test_chinese_rest_of_products(void **state)
{
    (void)state;
    const char *p = note_file("zh-rest-products",
                              "DATE: 2025-11-12\n\n10月出口铝材47.3万吨。其中铝板带25.4万吨，铝箔11.9万吨，"
                              "铝型材9.4万吨，其他铝材0.6万吨。\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_non_null(find_claim(a, TF_METRIC_EXPORT, "WLD", 473000));
    assert_non_null(find_claim(a, TF_METRIC_EXPORT, "WLD", 254000));
    assert_null(find_claim(a, TF_METRIC_EXPORT, "WLD", 6000));
    assert_non_null(find_claim(a, TF_METRIC_OTHER, "WLD", 6000));
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);
}

static void test_chinese_differences_and_pp(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, zh_pp_note, "1.3");
    const char *p = note_file("zh-pp", text);
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    const tf_claim *c = find_claim(a, TF_METRIC_IMPORT, "WLD", 111316000);
    assert_non_null(c);
    assert_true(c->mom_diff.has && fabs(c->mom_diff.value + 3186000) < 1e-6);
    assert_true(c->yoy_diff.has && fabs(c->yoy_diff.value - 5473000) < 1e-6);
    assert_true(c->mom.has && fabs(c->mom.value + 2.8) < 1e-9);
    const tf_claim *au = find_claim(a, TF_METRIC_IMPORT, "AUS", 68125000);
    assert_non_null(au);
    assert_true(au->share_pp.has && fabs(au->share_pp.value - 1.3) < 1e-9);
    assert_int_equal(au->share_pp_back, 1);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);

    snprintf(text, sizeof text, zh_pp_note, "3.1");
    p = note_file("zh-pp-slip", text);
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(tf_audit_errors(a), 1);
    const tf_finding *f = find_finding(a, "transposed-digits", 3.1);
    assert_non_null(f);
    assert_string_equal(f->field, "share_pp");
    assert_true(f->has_proposed && fabs(f->proposed - 1.3) < 1e-9);
    tf_audit_free(&a);
}

static void test_chinese_traditional(void **state)
{
    (void)state;
    const char *p = note_file(
        "zh-trad",
        "DATE: 2024-05-20\n\n"
        "海關總署數據顯示,2024年4月中國氧化鋁進(jìn)口量為18.35萬噸,較3月的16.33萬噸增長12.4%;"
        "氧化鋁出口量為4.10萬(wàn)噸,較3月的3.90萬噸增長5.1%;氧化鋁淨進口量為15.25萬噸。\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    assert_int_equal(a->n_claims, 5);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_true(fabs(a->findings[0].proposed - 142500) < 1e-6);
    tf_audit_free(&a);
}

/* One release in two languages: an English note gives April 2024 alumina
 * imports as 183,500 t, the Chinese note (above, with its net slip fixed)
 * as 18.53万吨 (digits transposed). The two statements of one figure
 * disagree beyond rounding (185,250..185,350 t against 183,500 t). */
static void test_bilingual_release(void **state)
{
    (void)state;
    const char *p[2];
    p[0] = note_file("en-alumina",
                     "DATE: 2024-05-20\n\n"
                     "China's alumina imports in April 2024 were 183,500 t, customs data showed.\n");
    p[1] = note_file("zh-alumina-2",
                     "DATE: 2024-05-20\n\n"
                     "海关总署数据显示,2024年4月中国氧化铝进口量为18.53万吨。\n");
    tf_audit *a = run(p, 2, NULL, NULL);
    print_findings(a);
    int seen = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        const tf_finding *f = &a->findings[i];
        if (f->severity == TF_SEV_ERROR && !strcmp(f->field, "quantity") &&
            (fabs(f->stated - 185300) < 1e-6 || fabs(f->stated - 183500) < 1e-6))
            seen = 1;
    }
    assert_true(seen);
    tf_audit_free(&a);
}

/* Another reporter, product and wording (written for this test): Swiss gold
 * exports in USD, growth as a fraction, "rose by", shares in a list.
 * By hand: 6.42 - 6.42 / 1.31 = 1.519 (the stated change 1.52, billion USD);
 * shares 5.65 / 6.42 = 88.0 %, 0.41 / 6.42 = 6.39 % (6.4 %), 0.18 / 6.42 =
 * 2.80 %. With India's share printed 4.6 % (digits transposed) the share
 * equation fails and 6.4 % is proposed. */
static const char gold_note[] =
    "DATE: 2025-03-12\n\n"
    "Swiss gold exports rose by US$1.52 billion to US$6.42 billion in February 2025 from "
    "January, a growth rate of 0.31, customs data showed on Tuesday.\n"
    "In February, exports to the United States were US$5.65 billion, 88%% of the total; "
    "exports to India were US$0.41 billion (%s) and to Hong Kong US$0.18 billion (2.8%%).\n";

static tf_audit *gold_run(const char *india_share)
{
    char text[1024];
    snprintf(text, sizeof text, gold_note, india_share);
    const char *p = note_file("gold", text);
    return run(&p, 1, NULL, NULL);
}

static void test_gold_exports_note(void **state)
{
    (void)state;
    tf_audit *a = gold_run("6.4%");
    print_findings(a);
    assert_int_equal(a->n_claims, 4);
    const tf_claim *w = &a->claims[0];
    assert_int_equal(w->metric, TF_METRIC_EXPORT_VALUE);
    assert_string_equal(w->product, "gold");
    assert_string_equal(w->partner, "WLD");
    assert_string_equal(w->unit, "USD");
    assert_int_equal(w->period.to, 2025 * 12 + 1);
    assert_true(fabs(w->quantity.value - 6.42e9) < 1);
    assert_true(fabs(w->mom.value - 31) < 1e-9 && w->growth_fraction);
    assert_true(fabs(w->mom_diff.value - 1.52e9) < 1);
    const char *partners[3] = {"USA", "IND", "HKG"};
    const double shares[3] = {88, 6.4, 2.8};
    for (int k = 0; k < 3; k++) {
        assert_string_equal(a->claims[k + 1].partner, partners[k]);
        assert_true(fabs(a->claims[k + 1].share.value - shares[k]) < 1e-9);
    }
    assert_true(a->n_equations >= 4); /* 3 shares and the change */
    assert_int_equal(a->n_failed, 0);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);

    a = gold_run("4.6%");
    print_findings(a);
    assert_int_equal(tf_audit_errors(a), 1);
    const tf_finding *f = &a->findings[0];
    assert_string_equal(f->field, "share");
    assert_true(fabs(f->stated - 4.6) < 1e-9);
    assert_true(f->has_proposed && fabs(f->proposed - 6.4) < 1e-9);
    assert_string_equal(f->kind, "transposed-digits");
    tf_audit_free(&a);
}

/* Wordings of other notes (written for this test):
 * - "about 312,000 t" may be rounded at its last non-zero digit: 311,800 =
 *   190,300 + 121,500 lies in 311,500..312,500, so no error (before, the
 *   note's usual rounding to the hundred made it a one-digit typo);
 * - a list of partners binds each its own figure and share: India's 60,000 t
 *   is 24 % of 250,000 t, printed 42 % (digits swapped), Russia's 72 % =
 *   180,000 / 250,000 holds ("from India were" is a partner, not a base). */
static void test_other_wordings(void **state)
{
    (void)state;
    const char *p = note_file("about",
                              "DATE: 2025-05-20\n\nChina's primary aluminium imports were about "
                              "312,000 t in April 2025. Exports were 121,500 t in April 2025 and "
                              "net imports 190,300 t.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    assert_int_equal(a->n_equations, 1);
    assert_int_equal(tf_audit_errors(a), 0);
    tf_audit_free(&a);

    p = note_file("list-shares",
                  "DATE: 2025-05-20\n\nIn April 2025 China imported 250,000 t of primary "
                  "aluminium. Imports from Russia were 180,000 t, accounting for 72% of the "
                  "total; imports from India were 60,000 t, accounting for 42% of the total.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 3);
    assert_string_equal(a->claims[2].partner, "IND");
    assert_int_equal(a->claims[2].period.to, 2025 * 12 + 3);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_string_equal(a->findings[0].field, "share");
    assert_true(fabs(a->findings[0].stated - 42) < 1e-9);
    assert_true(fabs(a->findings[0].proposed - 24) < 1e-9);
    tf_audit_free(&a);

    /* "down from 950,000 t in 2024" after a January-April figure is January-
     * April 2024: 876,000 / 950,000 - 1 = -7.79 %, printed -12.4 % */
    p = note_file("base-year",
                  "DATE: 2025-05-20\n\nChina's exports of primary aluminium fell in January "
                  "through April by 12.4% year-on-year to 876,000 t, down from 950,000 t in "
                  "2024.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 2);
    assert_int_equal(a->claims[1].period.from, 2024 * 12);
    assert_int_equal(a->claims[1].period.to, 2024 * 12 + 3);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_string_equal(a->findings[0].field, "yoy");
    assert_true(fabs(a->findings[0].proposed - -7.8) < 1e-9);
    tf_audit_free(&a);

    /* "up from 6.32 million tonnes" when the figure is 5.10 million: the
     * direction word contradicts the arithmetic (and the same note says
     * "down from" where it is right: no error there) */
    p = note_file("up-from",
                  "DATE: 2025-07-20\n\nChina imported 5.10 million tonnes of soybeans from "
                  "Argentina in June, up from 6.32 million tonnes a year earlier. Imports from "
                  "Brazil were 9.80 million tonnes in June, down from 10.20 million tonnes a year "
                  "earlier.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 4);
    assert_int_equal(a->claims[1].base_direction, 1);
    assert_int_equal(a->claims[3].base_direction, -1);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_true(fabs(a->findings[0].stated - 5.10e6) < 1 || fabs(a->findings[0].stated - 6.32e6) < 1);
    tf_audit_free(&a);

    /* "rose 12.0% year-on-year, by 250,000 t, to 2.40 million t": the change
     * in tonnes against the YoY: 2.40 - 2.40 / 1.12 = 0.2571 million t
     * (256,600..257,600 t over the rounding), not 250,000 t */
    p = note_file("yoy-diff",
                  "DATE: 2025-06-20\n\nChina's copper concentrate imports rose 12.0% "
                  "year-on-year, by 250,000 t, to 2.40 million t in May 2025.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 1);
    assert_true(fabs(a->claims[0].yoy_diff.value - 250000) < 1e-6);
    assert_true(fabs(a->claims[0].yoy.value - 12) < 1e-9);
    assert_int_equal(tf_audit_errors(a), 1);
    tf_audit_free(&a);

    /* shares of one total without the total: Russia's 180,000 t at 72 % imply
     * 250,000 t, so India's 60,000 t is 24 %, printed 42 % (72 + 42 > 100 too) */
    p = note_file("shares-sum",
                  "DATE: 2025-05-20\n\nIn April 2025 imports of primary aluminium from Russia "
                  "were 180,000 t, accounting for 72% of the total; imports from India were "
                  "60,000 t, accounting for 42% of the total.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_claims, 2);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_string_equal(a->findings[0].field, "share");
    assert_true(fabs(a->findings[0].stated - 42) < 1e-9);
    assert_true(fabs(a->findings[0].proposed - 24) < 1e-9);
    tf_audit_free(&a);

    /* "312,00 t" is no number: a finding of its own with its readings, and
     * out of the equations (before, it was read as 31,200 or 312 and made the
     * net equation fail on another figure) */
    p = note_file("malformed",
                  "DATE: 2025-05-20\n\nChina's primary aluminium imports were 312,00 t in "
                  "April 2025. Exports were 121,500 t in April 2025 and net imports 190,300 t.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(a->n_findings, 1);
    assert_string_equal(a->findings[0].kind, "malformed-number");
    assert_string_equal(a->findings[0].proposed_text, "312,000 or 31,200 or 312.00");
    assert_int_equal(a->n_equations, 0);
    tf_audit_free(&a);
}

/* "together accounting for 81.5%" is the share of the two partners, not of
 * the last one: (108,300 + 46,000) / 189,300 = 81.5 %, no error; with its
 * digits swapped (85.1 %) it is the error, 81.5 % proposed. */
static void test_combined_share(void **state)
{
    (void)state;
    const char *p = note_file("together",
                  "DATE: 2025-11-20\n\nChina's alumina imports were 189,300 t in October 2025. "
                  "Imports from Australia were 108,300 t, and from Indonesia were 46,000 t, "
                  "together accounting for 81.5% of total imports.\n");
    tf_audit *a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(tf_audit_errors(a), 0);
    /* the share is the two partners' together: (108,300 + 46,000) / 189,300 = 81.51 % */
    int groups = 0;
    for (size_t k = 0; k < a->n_claims; k++)
        if (a->claims[k].group[0]) {
            groups++;
            assert_string_equal(a->claims[k].group, "AUS+IDN");
            assert_true(fabs(a->claims[k].share.value - 81.5) < 1e-9);
        } else {
            assert_false(a->claims[k].share.has);
        }
    assert_int_equal(groups, 1);
    tf_audit_free(&a);

    /* the same with the combined share's digits swapped: 85.1 % against 81.51 % */
    p = note_file("together-slip",
                  "DATE: 2025-11-20\n\nChina's alumina imports were 189,300 t in October 2025. "
                  "Imports from Australia were 108,300 t, and from Indonesia were 46,000 t, "
                  "together accounting for 85.1% of total imports.\n");
    a = run(&p, 1, NULL, NULL);
    print_findings(a);
    assert_int_equal(tf_audit_errors(a), 1);
    assert_string_equal(a->findings[0].field, "share");
    assert_true(fabs(a->findings[0].stated - 85.1) < 1e-9);
    assert_true(fabs(a->findings[0].proposed - 81.5) < 1e-9);
    tf_audit_free(&a);
}

/* A product the shipped data does not have, added from a user's product file
 * (the columns of data/products.csv) with an English alias and a Chinese
 * name, is read in notes of both languages with no change to the code. By
 * hand: 1,250 t - 300 t = 950 t of net imports; the English note prints
 * 905 t (digits swapped), the Chinese note of the same release 950吨. */
static void test_user_product_vocabulary(void **state)
{
    (void)state;
    const char *csv = note_file("user-products",
                                "name,name_en,name_zh,aliases,classification,codes,description,"
                                "source\n"
                                "palladium,palladium,钯,unwrought palladium;palladium metal,HS,"
                                "711021,Palladium unwrought or in powder form,test file\n");
    tf_refdata *ref = NULL;
    assert_int_equal(tf_refdata_open(&ref), TF_OK);
    tf_error err = {0};
    assert_int_equal(tf_refdata_add_products(ref, csv, &err), TF_OK);
    const char *p[2];
    p[0] = note_file("pd-en", "DATE: 2025-05-20\n\nChina's imports of palladium metal were "
                              "1,250 t in April 2025; exports were 300 t and net imports 905 t.\n");
    p[1] = note_file("pd-zh", "DATE: 2025-05-20\n\n2025年4月中国钯进口量为1,250吨,出口量为300吨,"
                              "净进口量为950吨。\n");
    tf_audit *a = run(p, 2, NULL, ref);
    print_findings(a);
    size_t n_pd = 0;
    for (size_t k = 0; k < a->n_claims; k++)
        n_pd += !strcmp(a->claims[k].product, "palladium");
    assert_int_equal(n_pd, 6);
    /* the English net figure is the slip: 950 t by its own note's figures and
     * by the Chinese note's */
    int seen = 0;
    for (size_t i = 0; i < a->n_findings; i++)
        if (a->findings[i].severity == TF_SEV_ERROR && fabs(a->findings[i].stated - 905) < 1e-9 &&
            a->findings[i].has_proposed && fabs(a->findings[i].proposed - 950) < 1e-9)
            seen = 1;
    assert_true(seen);
    tf_audit_free(&a);
    tf_refdata_free(&ref);
}

static void check_note1(tf_audit *a)
{
    print_findings(a);
    const tf_finding *f = find_finding(a, "one-digit-typo", 634300);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_near(f->proposed, 834300, 1e-6);
    assert_string_equal(a->claims[f->claim].quantity.text, "634,300 mt");
    f = find_finding(a, "wrong-month-label", 90.3);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_ERROR);
    assert_string_equal(f->proposed_text, "April 2025");
    size_t errors = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        const tf_finding *g = &a->findings[i];
        if (g->severity != TF_SEV_ERROR)
            continue;
        errors++;
        assert_true(fabs(g->stated - 634300) < 1e-6 || fabs(g->stated - 90.3) < 1e-6 ||
                    fabs(g->stated - 14.8) < 1e-6);
    }
    assert_int_equal(errors, 3);
    /* the re-import figure "in March" with its MoM in an April note: a warning */
    f = find_finding(a, "wrong-month-label", 2300);
    assert_non_null(f);
    assert_int_equal(f->severity, TF_SEV_WARNING);
}

static void test_corpus_note1(void **state)
{
    (void)state;
    const char *p = tt_shared_file("corpus/articles/raw/1.txt");
    if (!p)
        skip();
    tf_audit *a = run(&p, 1, NULL, NULL);
    check_note1(a);
    /* the same text without its header lines: the date comes from the text */
    const tf_note *n = &a->notes[0];
    const char *body = n->text;
    for (int i = 0; i < 4; i++) {
        const char *nl = strchr(body, '\n');
        assert_non_null(nl);
        body = nl + 1;
    }
    assert_true(strncmp(n->text, "URL:", 4) == 0);
    char *copy = strdup(body);
    tf_audit_free(&a);
    const char *q = note_file("note1-body", copy);
    free(copy);
    a = run(&q, 1, NULL, NULL);
    assert_string_equal(a->notes[0].date, "");
    check_note1(a);
    tf_audit_free(&a);
}

/* Every note of the corpus at once, compared with the reviewer's notes in
 * articles.jsonl. The slips the reviewer flagged that arithmetic can see, and
 * what the audit must say about them: */
static const struct {
    const char *file;
    const char *kind;
    double stated;
    tf_severity severity;
} expected[] = {
    /* "LIKELY TYPO ... should be ~834,300" */
    {"1.txt", "one-digit-typo", 634300, TF_SEV_ERROR},
    /* "text says 'of the imports in March' but 227,000/250,500=90.6%" */
    {"1.txt", "wrong-month-label", 90.3, TF_SEV_ERROR},
    /* "text says March but context is April" (the re-import figure) */
    {"1.txt", "wrong-month-label", 2300, TF_SEV_WARNING},
    /* not flagged by the reviewer; see check_note1 for the arithmetic */
    {"1.txt", "inconsistent", 14.8, TF_SEV_ERROR},
    /* "'of the total imports in October' likely means November" */
    {"10.txt", "wrong-month-label", 66.5, TF_SEV_ERROR},
    /* not flagged by the reviewer: 1.003 / 1.975 million t = 50.8 % is
     * January-November's share, the note says "of January to October" */
    {"10.txt", "wrong-month-label", 50.8, TF_SEV_ERROR},
    /* "1.62 million t bauxite in a month is implausibly low; likely 16.2 Mt" */
    {"16.txt", "factor-of-10", 1.62e6, TF_SEV_WARNING},
    /* "540,409 looks like a Jan-Nov cumulative" */
    {"34.txt", "partial-year-as-full-year", 540409, TF_SEV_ERROR},
    /* "667,992 is the world total, not Russia" */
    {"75.txt", "world-total-as-partner", 667992, TF_SEV_ERROR},
    /* "LABEL SAYS April 2024 ... almost certainly April 2025" */
    {"79.txt", "wrong-year-label", 612.1e6, TF_SEV_WARNING},
    /* "YoY 14.7% vs SMM 14.6%": one figure, two roundings */
    {"13.txt", "rounding", 14.7, TF_SEV_ROUNDING},
};

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void test_corpus_against_reviewer(void **state)
{
    (void)state;
    const char *jl = tt_shared_file("corpus/articles/articles.jsonl");
    if (!jl)
        skip();
    json_error_t je;
    FILE *f = fopen(jl, "rb");
    assert_non_null(f);
    char line[65536];
    const char *paths[128];
    char store[128][1024];
    size_t n = 0;
    while (fgets(line, sizeof line, f) && n < 128) {
        json_t *o = json_loads(line, 0, &je);
        assert_non_null(o);
        const char *raw = json_string_value(json_object_get(o, "raw_file"));
        assert_non_null(raw);
        snprintf(store[n], sizeof store[n], "%s/corpus/articles/%s", tt_shared(), raw);
        paths[n] = store[n];
        n++;
        json_decref(o);
    }
    fclose(f);
    assert_true(n >= 60);
    tf_audit *a = run(paths, n, NULL, NULL);
    print_findings(a);
    size_t found = 0, n_expected = sizeof expected / sizeof expected[0];
    for (size_t e = 0; e < n_expected; e++) {
        int hit = 0;
        for (size_t i = 0; i < a->n_findings; i++) {
            const tf_finding *g = &a->findings[i];
            if (!strcmp(base(a->notes[g->note].path), expected[e].file) &&
                !strcmp(g->kind, expected[e].kind) && fabs(g->stated - expected[e].stated) < 1e-6 &&
                g->severity == expected[e].severity)
                hit = 1;
        }
        if (!hit)
            print_message("missed: %s %s %g\n", expected[e].file, expected[e].kind,
                          expected[e].stated);
        found += (size_t)hit;
    }
    /* nothing else: no error or warning where the reviewer found the figures
     * consistent */
    size_t false_alarms = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        const tf_finding *g = &a->findings[i];
        if (g->severity == TF_SEV_ROUNDING)
            continue;
        int listed = 0;
        for (size_t e = 0; e < n_expected; e++)
            if (!strcmp(base(a->notes[g->note].path), expected[e].file) &&
                !strcmp(g->kind, expected[e].kind) && fabs(g->stated - expected[e].stated) < 1e-6)
                listed = 1;
        if (!listed) {
            print_message("unexpected: %s %s %s %g\n", base(a->notes[g->note].path),
                          tf_severity_name(g->severity), g->kind, g->stated);
            false_alarms++;
        }
    }
    print_message("corpus: %zu notes, %zu claims, %zu equations, %zu of %zu expected findings, "
                  "%zu unexpected\n",
                  a->n_notes, a->n_claims, a->n_equations, found, n_expected, false_alarms);
    assert_int_equal(found, n_expected);
    assert_int_equal(false_alarms, 0);
    tf_audit_free(&a);
}

/* ../shared/corpus/more: 19 real notes in Chinese and by other publishers,
 * with the reviewer's labels (labels.json). Read all at once: no error may be
 * raised in a note the reviewer found consistent, and a slip counts as found
 * when an error is raised in the sentence that holds its text. The alumina
 * note 003 (cumulative net imports 83.6万吨 where 170.1 - 75.66 = 94.44) must
 * be found. The scores are printed (docs/audit.md quotes them). */
static void test_more_corpus(void **state)
{
    (void)state;
    const char *lp = tt_shared_file("corpus/more/labels.json");
    if (!lp)
        skip();
    json_error_t je;
    json_t *root = json_load_file(lp, 0, &je);
    assert_non_null(root);
    json_t *notes = json_object_get(root, "notes");
    size_t n = json_array_size(notes);
    assert_true(n >= 19);
    const char **paths = calloc(n, sizeof *paths);
    char (*store)[1024] = calloc(n, sizeof *store);
    assert_true(paths && store);
    for (size_t i = 0; i < n; i++) {
        const char *id = json_string_value(json_object_get(json_array_get(notes, i), "id"));
        snprintf(store[i], sizeof store[i], "%s/corpus/more/raw/%s.txt", tt_shared(), id);
        paths[i] = store[i];
    }
    tf_audit *a = run(paths, n, NULL, NULL);
    size_t slips = 0, found = 0, false_alarms = 0, found_003 = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(notes, i);
        json_t *errs = json_object_get(o, "errors");
        for (size_t k = 0; k < a->n_findings; k++) {
            const tf_finding *f = &a->findings[k];
            if (f->note == i && f->severity == TF_SEV_ERROR && json_is_true(json_object_get(o, "clean"))) {
                print_message("false alarm: %s %s %g\n", paths[i], f->kind, f->stated);
                false_alarms++;
            }
        }
        for (size_t e = 0; e < json_array_size(errs); e++) {
            const char *txt = json_string_value(json_object_get(json_array_get(errs, e), "stated_text"));
            const char *at = txt ? strstr(a->notes[i].text, txt) : NULL;
            slips++;
            int hit = 0;
            for (size_t k = 0; at && k < a->n_findings && !hit; k++) {
                const tf_finding *f = &a->findings[k];
                const tf_claim *c = &a->claims[f->claim];
                size_t off = (size_t)(at - a->notes[i].text);
                hit = f->note == i && f->severity == TF_SEV_ERROR && c->sent_start <= off &&
                      off < c->sent_end;
            }
            found += (size_t)hit;
            if (hit && strstr(paths[i], "/003.txt"))
                found_003++;
        }
    }
    print_message("more: %zu notes, %zu claims, %zu equations, %zu of %zu slips found, "
                  "%zu false alarms\n", a->n_notes, a->n_claims, a->n_equations, found, slips,
                  false_alarms);
    assert_int_equal(false_alarms, 0);
    assert_true(found_003 >= 1);
    /* 003 (two slips in one sentence), 044 (a YoY against its base, a YoY against
     * its change in tonnes), 049 ("up from" a larger figure, twice: 6.25 < 9.04 million t,
     * and 18.21 million t "up from 21.63", the bare base read in the figure's unit),
     * 050 (9 trillion yuan "about 131.58 billion U.S. dollars": 68.4 yuan per dollar),
     * 022 (a daily average of 19.94万吨 against dekads adding up to 563.71万吨 in 31 days);
     * since 铝材 and "aluminium semis" are a product of their own (data/products.csv), 044's
     * January-May net YoY: 1,680,000 / 1,814,000 - 1 = -7.39 %, printed -8.8 % (the error
     * also lies in the sentence of the figure labelled net that is gross, counted as its
     * find, though the label itself is not named); since the sixth round 012, a July price
     * compared "较7月" with a 环比 after it: a month compared with itself, June proposed. */
    assert_true(found >= 11);
    tf_audit_free(&a);
    free(paths);
    free(store);
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract_shapes),
        cmocka_unit_test(test_ytd_typo),
        cmocka_unit_test(test_rounding_is_not_an_error),
        cmocka_unit_test(test_share_month_label),
        cmocka_unit_test(test_cross_note_slips),
        cmocka_unit_test(test_copied_mom),
        cmocka_unit_test(test_mom_copied_from_yoy),
        cmocka_unit_test(test_month_label_against_cumulative),
        cmocka_unit_test(test_gross_printed_as_net),
        cmocka_unit_test(test_restated_figure),
        cmocka_unit_test(test_currency_conversion),
        cmocka_unit_test(test_hs_scope),
        cmocka_unit_test(test_adversarial_cases),
        cmocka_unit_test(test_identical_notes),
        cmocka_unit_test(test_against_store),
        cmocka_unit_test(test_bad_notes),
        cmocka_unit_test(test_no_figure_dropped),
        cmocka_unit_test(test_chinese_note_slip),
        cmocka_unit_test(test_chinese_traditional),
        cmocka_unit_test(test_chinese_differences_and_pp),
        cmocka_unit_test(test_chinese_rest_of_products),
        cmocka_unit_test(test_bilingual_release),
        cmocka_unit_test(test_gold_exports_note),
        cmocka_unit_test(test_other_wordings),
        cmocka_unit_test(test_combined_share),
        cmocka_unit_test(test_user_product_vocabulary),
        cmocka_unit_test(test_shares_sum_all_partners),
        cmocka_unit_test(test_partners_sum),
        cmocka_unit_test(test_abbreviated_partner_names),
        cmocka_unit_test(test_corpus_note1),
        cmocka_unit_test(test_corpus_against_reviewer),
        cmocka_unit_test(test_more_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
