/*
 * Readers, on the real GACC downloads in ../shared/data/gacc/soybeans and on
 * small constructed files. Expected totals of the real files were computed
 * independently with Python's csv module on the GB18030-decoded text
 * (sum of column 第一数量 as integers; sum of 人民币 with the commas removed).
 */
#include "testutil.h"

typedef struct sums {
    unsigned long n;
    tf_milli qty;            /* thousandths of kg */
    tf_milli value;
    unsigned long warnings;
    char first_partner[16];
    char last_period[20];
    tf_record last;
} sums;

static tf_status sum_sink(void *ctx, const tf_record *r, tf_diag *d)
{
    (void)d;
    sums *s = ctx;
    if (s->n == 0)
        snprintf(s->first_partner, sizeof s->first_partner, "%s", r->partner);
    s->n++;
    s->qty += r->quantity;
    s->value += r->value;
    snprintf(s->last_period, sizeof s->last_period, "%s", r->period);
    s->last = *r;
    return TF_OK;
}

static void count_warning(void *ctx, const char *msg)
{
    (void)msg;
    ((sums *)ctx)->warnings++;
}

static tf_status read_file(const char *path, const tf_read_opts *o, sums *s, tf_diag *d,
                           tf_read_stats *st, const tf_refdata *ref)
{
    memset(s, 0, sizeof *s);
    memset(d, 0, sizeof *d);
    d->warn = count_warning;
    d->warn_ctx = s;
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    tf_status rc = tf_read(in, path, o, ref, sum_sink, s, d, st, NULL);
    fclose(in);
    return rc;
}

static tf_status read_text(const char *text, size_t len, const tf_read_opts *o, sums *s,
                           tf_diag *d, const tf_refdata *ref)
{
    memset(s, 0, sizeof *s);
    memset(d, 0, sizeof *d);
    d->warn = count_warning;
    d->warn_ctx = s;
    FILE *in = fmemopen((void *)text, len, "r");
    assert_non_null(in);
    tf_read_stats st;
    char sha[65];
    tf_status rc = tf_read(in, "t.csv", o, ref, sum_sink, s, d, &st, sha);
    fclose(in);
    return rc;
}

static void test_gacc_soybeans_real(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        unsigned long rows;
        long long kg, cny;
    } files[] = {
        {"data/gacc/soybeans/2024in.csv", 36, 100883410028LL, 359701179444LL},
        {"data/gacc/soybeans/2024out.csv", 29, 507699LL, 5409809LL},
        {"data/gacc/soybeans/2025in.csv", 28, 92098915183LL, 294502230749LL},
        {"data/gacc/soybeans/2025out.csv", 23, 511365LL, 5477246LL},
        {"data/gacc/soybeans/2023.csv", 40, 95355428567LL, 402526956940LL},
    };
    tf_refdata *ref = tt_ref();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *path = tt_shared_file(files[i].file);
        if (!path) {
            tf_refdata_free(&ref);
            skip();
        }
        tf_read_opts o = {0};
        /* the flow the file name says: another one would warn */
        o.flow = strstr(files[i].file, "out.csv") ? TF_FLOW_EXPORT : TF_FLOW_IMPORT;
        sums s;
        tf_diag d;
        tf_read_stats st;
        tf_status rc = read_file(path, &o, &s, &d, &st, ref);
        if (rc != TF_OK)
            print_error("%s\n", d.error.msg);
        assert_int_equal(rc, TF_OK);
        assert_int_equal(st.format, TF_FORMAT_GACC);
        assert_string_equal(st.encoding, "GB18030");
        assert_int_equal(s.n, files[i].rows);
        assert_true(s.qty == files[i].kg * TF_MILLI);
        assert_true(s.value == files[i].cny * TF_MILLI);
        assert_int_equal(s.warnings, 0);
        assert_string_equal(s.last.unit, "kg");
        assert_string_equal(s.last.currency, "CNY");
        assert_false(s.last.has_quantity2); /* "0" under a "?" unit: no second quantity */
        assert_string_equal(s.last.partner_basis, "trading");
    }
    /* 2023.csv holds both flows: --hs keeps the import line 12019019 only
     * (32 rows, 95,349,958,728 kg by the same independent sum) */
    const char *path = tt_shared_file("data/gacc/soybeans/2023.csv");
    const char *const hs[] = {"12019019"};
    tf_read_opts o = {0};
    o.flow = TF_FLOW_IMPORT;
    o.hs = hs;
    o.n_hs = 1;
    sums s;
    tf_diag d;
    tf_read_stats st;
    assert_int_equal(read_file(path, &o, &s, &d, &st, ref), TF_OK);
    assert_int_equal(s.n, 32);
    assert_int_equal(st.filtered, 8);
    assert_true(s.qty == 95349958728LL * TF_MILLI);
    /* GACC partner codes map to ISO alpha-3: 402 Argentina is first */
    assert_string_equal(s.first_partner, "ARG");
    /* without --flow the file cannot be read: usage error naming the option */
    o.flow = TF_FLOW_NONE;
    assert_int_equal(read_file(path, &o, &s, &d, &st, ref), TF_ERR_USAGE);
    assert_non_null(strstr(d.error.msg, "--flow"));
    tf_refdata_free(&ref);
}

static void test_gacc_variants(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_read_opts o = {0};
    o.flow = TF_FLOW_IMPORT;
    sums s;
    tf_diag d;
    /* English headers, UTF-8, US dollars, partner x trade mode x province,
     * no trailing comma on the data rows; 344 is Russia in GACC's codes */
    const char en[] =
        "\"Date of data\",\"Commodity code\",\"Trading partner code\",\"Trading partner\","
        "\"Customs Regime code\",\"Customs Regime\",\"Locations of importers and exporters code\","
        "\"Locations of importers and exporters\",\"Quantity\",\"Unit\",\"US dollar\",\n"
        "\"202504\",\"76011090\",\"344\",\"Russian Federation\",\"33\",\"Bonded\",\"31\",\"Shanghai\","
        "\"1,000\",\"吨\",\"2,500,000\",\n"
        "\"202504\",\"76011090\",\"999\",\"Neutral\",\"10\",\"General\",\"37\",\"Shandong\","
        "\"5000\",\"千克\",\"12,000\",\n";
    assert_int_equal(read_text(en, sizeof en - 1, &o, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 2);
    /* 1,000 t = 1,000,000 kg plus 5,000 kg */
    assert_true(s.qty == (1000000LL + 5000LL) * TF_MILLI);
    assert_true(s.value == 2512000LL * TF_MILLI);
    assert_string_equal(s.first_partner, "RUS");
    assert_string_equal(s.last.currency, "USD");
    assert_string_equal(s.last.trade_mode, "10");
    assert_string_equal(s.last.province, "37");
    assert_string_equal(s.last.partner, "XNP"); /* 999 neutral package, user-assigned code */

    /* a row without the trailing comma the header has was cut short */
    const char cut[] = "\"数据年月\",\"商品编码\",\"第一数量\",\"第一计量单位\",\n"
                       "\"202504\",\"76011090\",\"10\",\"千克\",\n"
                       "\"202505\",\"76011090\",\"10\",\"千克\"\n";
    assert_int_equal(read_text(cut, sizeof cut - 1, &o, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:3:4: expected 5 fields as in the header, found 4 "
                                  "(no trailing comma: a cut line?)"));
    /* the one error model (common.h): the same place as fields */
    assert_int_equal(d.error.status, TF_ERR_INPUT);
    assert_string_equal(d.error.file, "t.csv");
    assert_int_equal(d.error.line, 3);
    assert_int_equal(d.error.col, 4);

    /* an unknown partner code is kept with its name and a warning, never dropped */
    const char unk[] = "\"数据年月\",\"贸易伙伴编码\",\"贸易伙伴名称\",\"商品编码\",\"第一数量\",\"第一计量单位\",\n"
                       "\"202504\",\"888\",\"某地\",\"76011090\",\"10\",\"千克\",\n"
                       "\"202505\",\"888\",\"某地\",\"76011090\",\"10\",\"千克\",\n";
    assert_int_equal(read_text(unk, sizeof unk - 1, &o, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.last.partner, "GACC:888");
    assert_string_equal(s.last.partner_name, "某地");
    assert_int_equal(s.warnings, 1); /* once per code */

    /* no partner column: the rows are world totals */
    const char tot[] = "\"数据年月\",\"商品编码\",\"第一数量\",\"第一计量单位\",\n"
                       "\"202504\",\"76011090\",\"10\",\"千克\",\n";
    assert_int_equal(read_text(tot, sizeof tot - 1, &o, &s, &d, ref), TF_OK);
    assert_string_equal(s.last.partner, "WLD");

    /* a truncated header is refused with the place */
    const char trunc[] = "\"数据年月\",\"商品编\",\n\"202504\",\"7601\",\n";
    assert_int_equal(read_text(trunc, sizeof trunc - 1, &o, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:1:2: unknown GACC column"));

    /* a NUL byte inside a field */
    const char nul[] = "\"数据年月\",\"商品编码\",\"第一数量\",\"第一计量单位\",\n"
                       "\"202504\",\"7601\0\",\"10\",\"千克\",\n";
    assert_int_equal(read_text(nul, sizeof nul - 1, &o, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:2:2: NUL byte"));

    /* bytes that are neither UTF-8 nor GB18030 after GB18030 text */
    const char bad[] = "\"\xca\xfd\xbe\xdd\xc4\xea\xd4\xc2\",\"\xc9\xcc\xc6\xb7\xb1\xe0\xc2\xeb\","
                       "\"\xb5\xda\xd2\xbb\xca\xfd\xc1\xbf\",\"\xb5\xda\xd2\xbb\xbc\xc6\xc1\xbf\xb5\xa5\xce\xbb\",\n"
                       "\"202504\",\"7601\",\"10\",\"\xff\xff\",\n";
    assert_int_equal(read_text(bad, sizeof bad - 1, &o, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:2:4: bytes that are neither UTF-8 nor GB18030"));
    tf_refdata_free(&ref);
}

static void test_tfcsv(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_read_opts o = {0};
    sums s;
    tf_diag d;
    /* BOM, CRLF, a quoted source with a comma, quote and newline, order free */
    const char ok[] = "\xEF\xBB\xBF" "unit,quantity,commodity,partner,flow,period,source\r\n"
                      "t,1.5,7601,rus,import,2025-04,\"note, \"\"quoted\"\"\nline two\"\r\n"
                      "kg,2500,7601,WLD,export,2025,\r\n";
    assert_int_equal(read_text(ok, sizeof ok - 1, &o, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 2);
    assert_true(s.qty == 1500000 + 2500000); /* 1.5 t = 1,500 kg; 2,500 kg */
    assert_string_equal(s.first_partner, "RUS");
    assert_string_equal(s.last_period, "2025"); /* annual */
    static const struct {
        const char *text, *want;
    } bad[] = {
        {"period,flow,partner,commodity,quantity,unit\n\"2025-04,import,WLD,7601,1,t\n",
         "t.csv:2:1: unterminated quoted field"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,7601,1\n",
         "t.csv:2:5: expected 6 fields"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,7601,1,t,x\n",
         "t.csv:2:7: expected 6 fields"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,7601,abc,t\n",
         "t.csv:2:5: quantity 'abc': not a number"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,7601,-5,t\n",
         "t.csv:2:5: negative quantity"},
        {"period,flow,partner,commodity,quantity,unit\n2025-13,import,WLD,7601,5,t\n",
         "t.csv:2:1: bad period '2025-13'"},
        {"period,flow,partner,commodity,quantity,unit\n2025-4,import,WLD,7601,5,t\n",
         "t.csv:2:1: bad period '2025-4'"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,imports,WLD,7601,5,t\n",
         "t.csv:2:2: unknown flow 'imports'"},
        {"period,flow,partner,commodity,quantity\n2025-04,import,WLD,7601,5\n",
         "t.csv:1:1: missing required column 'unit'"},
        {"period,flow,partner,commodity,quantity,unit,colour\n",
         "t.csv:1:7: unknown column 'colour'"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,Russia,7601,5,t\n",
         "t.csv:2:3: partner 'Russia' is not an ISO alpha-3"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,76A1,5,t\n",
         "t.csv:2:4: HS commodity code must be 2 to 10 digits"},
        {"period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,7601,5,t\xff\n",
         "t.csv:2:6: bytes that are not valid UTF-8"},
        {"period,flow,partner,commodity,quantity,unit,value\n2025-04,import,WLD,7601,5,t,10\n",
         "t.csv:2:7: value needs a currency"},
        {"", "t.csv:1:1: empty file"},
        {"\x7f" "ELF\x01\x02\x01\0\0\0", "t.csv:1:1: NUL byte"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i].text);
        if (i == sizeof bad / sizeof bad[0] - 1)
            len = 10;
        tf_status rc = read_text(bad[i].text, len, &o, &s, &d, ref);
        if (!strstr(d.error.msg, bad[i].want))
            print_error("case %zu: got '%s', want '%s'\n", i, d.error.msg, bad[i].want);
        assert_int_equal(rc, TF_ERR_INPUT);
        assert_non_null(strstr(d.error.msg, bad[i].want));
    }
    tf_refdata_free(&ref);
}

static void test_refdata(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    /* the crosswalk traps: 344 is Russia in GACC's codes but Hong Kong in M49 */
    const tf_partner *p = tf_refdata_partner_by_gacc(ref, "344");
    assert_non_null(p);
    assert_string_equal(p->iso3, "RUS");
    assert_string_equal(p->m49, "643");
    p = tf_refdata_partner_by_gacc(ref, "110");
    assert_string_equal(p->iso3, "HKG");
    assert_string_equal(p->m49, "344");
    assert_string_equal(tf_refdata_partner_by_gacc(ref, "142")->iso3, "CHN");
    assert_string_equal(tf_refdata_partner_by_gacc(ref, "701")->kind, "aggregate");
    assert_string_equal(tf_refdata_partner_by_iso3(ref, "USA")->m49, "842");
    assert_null(tf_refdata_partner_by_gacc(ref, "888"));
    assert_string_equal(tf_refdata_trade_mode(ref, "34")->group, "bonded");
    assert_string_equal(tf_refdata_trade_mode(ref, "15")->group, "processing");
    assert_string_equal(tf_refdata_province(ref, "31")->name_en, "Shanghai");
    const tf_product *pr = tf_refdata_product(ref, "primary-aluminium");
    assert_non_null(pr);
    assert_int_equal(pr->n_codes, 3);
    assert_string_equal(pr->codes[0], "76011010");
    assert_string_equal(pr->codes[1], "76011090");
    /* display names and aliases come from data/products.csv and data/partners.csv */
    assert_string_equal(tf_product_display_name(pr, "en"), "primary aluminium");
    assert_string_equal(tf_product_display_name(pr, "zh"), "原铝");
    assert_ptr_equal(tf_refdata_product_by_name(ref, "Primary Aluminum"), pr);
    assert_ptr_equal(tf_refdata_product_by_name(ref, " 电解铝 "), pr);
    assert_string_equal(tf_refdata_product_by_name(ref, "大豆")->name, "soybeans");
    assert_null(tf_refdata_product_by_name(ref, "copper"));
    assert_string_equal(tf_refdata_partner_by_name(ref, "Russian Federation")->iso3, "RUS");
    assert_string_equal(tf_refdata_partner_by_name(ref, "俄罗斯联邦")->iso3, "RUS");
    assert_string_equal(tf_refdata_partner_by_name(ref, "俄罗斯")->iso3, "RUS");
    assert_string_equal(tf_refdata_partner_by_name(ref, "guinea")->iso3, "GIN");
    assert_null(tf_refdata_partner_by_name(ref, "Atlantis"));
    assert_true(tf_refdata_partner_count(ref) >= 240);
    /* a user's file adds and replaces definitions without recompiling */
    const char *path = "build/tmp/user-products.csv";
    mkdir("build", 0755);
    mkdir("build/tmp", 0755);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("name,codes,description\nmy-alloys,76012000 760120,Alloys\nprimary-aluminium,76011090,"
          "Standard ingot only\n", f);
    fclose(f);
    tf_error err = {0};
    size_t before = tf_refdata_product_count(ref);
    assert_int_equal(tf_refdata_add_products(ref, path, &err), TF_OK);
    assert_int_equal(tf_refdata_product_count(ref), before + 1);
    assert_int_equal(tf_refdata_product(ref, "primary-aluminium")->n_codes, 1);
    assert_string_equal(tf_refdata_product(ref, "my-alloys")->origin, path);
    /* a file without display names shows the slug */
    assert_string_equal(tf_product_display_name(tf_refdata_product(ref, "my-alloys"), "zh"),
                        "my-alloys");
    f = fopen(path, "w");
    fputs("name,codes\nbroken,\n", f);
    fclose(f);
    assert_int_equal(tf_refdata_add_products(ref, path, &err), TF_ERR_INPUT);
    assert_non_null(strstr(err.msg, ":2:2: product 'broken' has no codes"));
    tf_refdata_free(&ref);
    assert_null(ref);
}

/* Checks each record's partner name against the text its code was written
 * with: GACC code 8000+i is named 测试 followed by i in digits. */
static tf_status name_sink(void *ctx, const tf_record *r, tf_diag *d)
{
    (void)d;
    unsigned long *n = ctx;
    unsigned code = 0;
    assert_int_equal(sscanf(r->partner, "GACC:%u", &code), 1);
    char want[64];
    snprintf(want, sizeof want, "测试%u", code - 8000);
    assert_string_equal(r->partner_name, want);
    (*n)++;
    return TF_OK;
}

/* GB18030 fields are converted once per distinct text and remembered (a
 * memo of 4,096 slots in read.c): 6,000 distinct names, each twice, so
 * slots are taken over by other names between a name's two rows; every row
 * must still carry its own name. Then a field that starts with a remembered
 * name but ends in bytes that are not GB18030 is an error at its own line
 * and column. */
static void test_gb18030_remembered(void **state)
{
    (void)state;
    enum { NAMES = 6000 };
    size_t cap = 200 + 2 * NAMES * 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    /* 数据年月,商品编码,贸易伙伴编码,贸易伙伴名称,第一数量,第一计量单位 in GB18030 */
    len += (size_t)snprintf(text + len, cap - len, "%s",
                            "\xca\xfd\xbe\xdd\xc4\xea\xd4\xc2,\xc9\xcc\xc6\xb7\xb1\xe0\xc2\xeb,"
                            "\xc3\xb3\xd2\xd7\xbb\xef\xb0\xe9\xb1\xe0\xc2\xeb,"
                            "\xc3\xb3\xd2\xd7\xbb\xef\xb0\xe9\xc3\xfb\xb3\xc6,"
                            "\xb5\xda\xd2\xbb\xca\xfd\xc1\xbf,"
                            "\xb5\xda\xd2\xbb\xbc\xc6\xc1\xbf\xb5\xa5\xce\xbb,\n");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < NAMES; i++) /* 测试 is B2E2 CAD4; 千克 is C7A7 BFCB */
            len += (size_t)snprintf(text + len, cap - len,
                                    "%s,76011090,%d,\xb2\xe2\xca\xd4%d,10,\xc7\xa7\xbf\xcb,\n",
                                    pass ? "202505" : "202504", 8000 + i, i);
    tf_read_opts o = {0};
    o.flow = TF_FLOW_IMPORT;
    tf_diag d = {0};
    unsigned long n = 0;
    FILE *in = fmemopen(text, len, "r");
    assert_non_null(in);
    assert_int_equal(tf_read(in, "t.csv", &o, NULL, name_sink, &n, &d, NULL, NULL), TF_OK);
    fclose(in);
    assert_int_equal(n, 2 * NAMES);
    /* line 12002: 测试7 remembered from lines 9 and 6009, then 0xFF */
    len += (size_t)snprintf(text + len, cap - len,
                            "202506,76011090,8007,\xb2\xe2\xca\xd4" "7\xff,10,\xc7\xa7\xbf\xcb,\n");
    memset(&d, 0, sizeof d);
    n = 0;
    in = fmemopen(text, len, "r");
    assert_non_null(in);
    assert_int_equal(tf_read(in, "t.csv", &o, NULL, name_sink, &n, &d, NULL, NULL),
                     TF_ERR_INPUT);
    fclose(in);
    assert_non_null(strstr(d.error.msg, "t.csv:12002:4: bytes that are neither UTF-8 nor "
                                        "GB18030 (at byte 6 of the field)"));
    free(text);
}

/* ---- reading on two threads (split.c) ---- */

typedef struct tape {
    tf_record *r;
    size_t n, cap;
    char warnings[4096]; /* the warnings given, one a line, in order */
} tape;

static tf_status tape_sink(void *ctx, const tf_record *r, tf_diag *d)
{
    (void)d;
    tape *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->r = realloc(t->r, t->cap * sizeof *t->r);
        assert_non_null(t->r);
    }
    t->r[t->n++] = *r;
    return TF_OK;
}

static void tape_warning(void *ctx, const char *msg)
{
    tape *t = ctx;
    size_t l = strlen(t->warnings);
    snprintf(t->warnings + l, sizeof t->warnings - l, "%s\n", msg);
}

/* Read f on one thread into one (two == NULL), or on two into one and two. */
static tf_status read_tapes(FILE *f, const tf_read_opts *o0, const tf_refdata *ref, tape *one,
                            tape *two, tf_diag *d, tf_read_stats *st, char sha[65])
{
    tf_read_opts o = *o0;
    if (two) {
        o.split_sink = tape_sink;
        o.split_ctx = two;
        o.split_min = 0;
    }
    memset(d, 0, sizeof *d);
    d->warn = tape_warning;
    d->warn_ctx = one;
    rewind(f);
    return tf_read(f, "t.csv", &o, ref, tape_sink, one, d, st, sha);
}

static void tape_free(tape *t) { free(t->r); memset(t, 0, sizeof *t); }

/* One thread and two give the same records, counts, warnings, hash and
 * error; returns whether the two-thread read was split (stats.split). */
static int same_on_two_threads(FILE *f, const tf_read_opts *o, const tf_refdata *ref,
                               tf_status want, const char *want_error)
{
    tape one = {0}, a = {0}, b = {0};
    tf_diag d1, d2;
    tf_read_stats s1, s2;
    char h1[65], h2[65];
    assert_int_equal(read_tapes(f, o, ref, &one, NULL, &d1, &s1, h1), want);
    assert_int_equal(read_tapes(f, o, ref, &a, &b, &d2, &s2, h2), want);
    if (want_error) {
        assert_non_null(strstr(d1.error.msg, want_error));
        assert_string_equal(d1.error.msg, d2.error.msg);
    }
    assert_string_equal(h1, h2);
    assert_int_equal(s1.rows, s2.rows);
    assert_int_equal(s1.kept, s2.kept);
    assert_int_equal(s1.warnings, s2.warnings);
    assert_string_equal(s1.encoding, s2.encoding);
    assert_string_equal(one.warnings, a.warnings);
    assert_int_equal(s1.split, 0);
    size_t nb = s2.split ? b.n : 0; /* not split, or stopped before: b's are dropped */
    assert_int_equal(one.n, a.n + nb);
    for (size_t i = 0; i < one.n; i++)
        assert_memory_equal(&one.r[i], i < a.n ? &a.r[i] : &b.r[i - a.n], sizeof *one.r);
    int split = s2.split;
    tape_free(&one), tape_free(&a), tape_free(&b);
    return split;
}

/* A tradeflow CSV of 120 rows, row i a quantity of i t, with a quoted source
 * over 11 lines (10 line ends, fake rows among them, some ending in CR LF) in
 * row p, spanning the byte where the split is sought: 55 % of the rows' bytes
 * (split.c). Returns NULL when row p's field does not span it. */
static FILE *multiline_at(int p)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("period,flow,partner,commodity,quantity,unit,source\n", f);
    long hdr = ftell(f), q0 = 0, q1 = 0;
    for (int i = 1; i <= 120; i++) {
        fprintf(f, "2025-%02d,import,%s,7601%04d,%d,t,", 1 + i % 12,
                i == 30 || i == 100 ? "ZZZ" : i == 110 ? "ZZY" : "RUS", i, i);
        if (i != p) {
            fputs("plain\n", f);
            continue;
        }
        q0 = ftell(f);
        fputs("\"a note\n", f);
        for (int k = 0; k < 9; k++) /* lines that look like rows, inside the quotes */
            fprintf(f, "2025-01,import,RUS,7601%04d,9,t,f%s\n", k, k % 2 ? "\r" : "");
        fputs("end\"\n", f);
        q1 = ftell(f);
    }
    long mid = hdr + (ftell(f) - hdr) / 20 * 11;
    if (q0 < mid && mid < q1)
        return f;
    fclose(f);
    return NULL;
}

/* The row p whose quoted field holds the split point, and its file. */
static FILE *multiline_file(int *p)
{
    FILE *f = NULL;
    for (*p = 31; *p < 100 && !f; ++*p)
        f = multiline_at(*p);
    --*p;
    assert_non_null(f);
    return f;
}

static void test_two_threads(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    int p;
    FILE *f = multiline_file(&p);
    tf_read_opts o = {0};
    assert_true(same_on_two_threads(f, &o, ref, TF_OK, NULL));
    /* independently: rows 1..120, 120 * 121 / 2 = 7,260 t; the last row at
     * line 1 + 120 + 10 (the quoted field's line ends); ZZZ warned once at
     * line 31, ZZY once at line 110 + 1 + 10 */
    tape a = {0}, b = {0};
    tf_diag d;
    tf_read_stats st;
    char h[65];
    assert_int_equal(read_tapes(f, &o, ref, &a, &b, &d, &st, h), TF_OK);
    assert_int_equal(st.split, 1);
    assert_true(a.n >= (size_t)p && b.n > 0 && a.n + b.n == 120);
    tf_milli sum = 0;
    for (size_t i = 0; i < a.n + b.n; i++)
        sum += (i < a.n ? a.r[i] : b.r[i - a.n]).quantity;
    assert_true(sum == 7260000LL * TF_MILLI);
    assert_int_equal(b.r[b.n - 1].line, 131);
    assert_int_equal(st.warnings, 2);
    assert_non_null(strstr(a.warnings, "t.csv:31:3: "));
    assert_non_null(strstr(a.warnings, "t.csv:121:3: "));
    tape_free(&a), tape_free(&b);
    fclose(f);
    tf_refdata_free(&ref);
}

/* A bad row after the split is reported; with one before it too, that one
 * (and the second thread's records are dropped). */
static void test_two_threads_errors(void **state)
{
    (void)state;
    int p;
    FILE *f = multiline_file(&p);
    fseek(f, 0, SEEK_END);
    fputs("2025-01,import,RUS,76019999,1x0,t,late\n", f); /* line 132 */
    tf_read_opts o = {0};
    assert_true(same_on_two_threads(f, &o, NULL, TF_ERR_INPUT, "t.csv:132:5: "));
    /* row 20 (line 21) spoiled in place: "2025-09,import,RUS,76010020,20,t,plain" */
    char row[64];
    rewind(f);
    for (int i = 0; i < 21; i++)
        assert_non_null(fgets(row, sizeof row, f));
    assert_string_equal(row, "2025-09,import,RUS,76010020,20,t,plain\n");
    fseek(f, -(long)strlen("20,t,plain\n"), SEEK_CUR);
    fputs("2x", f);
    assert_false(same_on_two_threads(f, &o, NULL, TF_ERR_INPUT, "t.csv:21:5: "));
    fclose(f);
}

/* GACC names holding a bare CR inside their quotes (no line end in a file of
 * LF lines) on every row, and a bad value on the last: the same line either
 * way, by hand row k + 1 (the header is line 1). */
static void test_two_threads_gacc_cr(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    /* 数据年月,商品编码,贸易伙伴编码,贸易伙伴名称,第一数量,第一计量单位 in GB18030 */
    fputs("\xca\xfd\xbe\xdd\xc4\xea\xd4\xc2,\xc9\xcc\xc6\xb7\xb1\xe0\xc2\xeb,"
          "\xc3\xb3\xd2\xd7\xbb\xef\xb0\xe9\xb1\xe0\xc2\xeb,"
          "\xc3\xb3\xd2\xd7\xbb\xef\xb0\xe9\xc3\xfb\xb3\xc6,"
          "\xb5\xda\xd2\xbb\xca\xfd\xc1\xbf,"
          "\xb5\xda\xd2\xbb\xbc\xc6\xc1\xbf\xb5\xa5\xce\xbb,\n", f);
    for (int k = 1; k <= 300; k++) /* 测试 is B2E2 CAD4; 千克 is C7A7 BFCB */
        fprintf(f, "\"2025%02d\",\"12019019\",\"%d\",\"\xb2\xe2\r\xca\xd4%d\",\"%s\","
                   "\"\xc7\xa7\xbf\xcb\",\n", 1 + k % 12, 500 + k % 3, k, k == 300 ? "9x" : "10");
    tf_read_opts o = {0};
    o.flow = TF_FLOW_IMPORT;
    assert_true(same_on_two_threads(f, &o, NULL, TF_ERR_INPUT, "t.csv:301:5: "));
    fclose(f);
}

/* The real GACC downloads: the same records on two threads. */
static void test_two_threads_real(void **state)
{
    (void)state;
    static const char *const files[] = {"data/gacc/soybeans/2024in.csv",
                                        "data/gacc/soybeans/2025out.csv"};
    tf_refdata *ref = tt_ref();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *path = tt_shared_file(files[i]);
        if (!path) {
            tf_refdata_free(&ref);
            skip();
        }
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        tf_read_opts o = {0};
        o.flow = strstr(files[i], "out.csv") ? TF_FLOW_EXPORT : TF_FLOW_IMPORT;
        assert_true(same_on_two_threads(f, &o, ref, TF_OK, NULL));
        fclose(f);
    }
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gacc_soybeans_real),
        cmocka_unit_test(test_gacc_variants),
        cmocka_unit_test(test_gb18030_remembered),
        cmocka_unit_test(test_tfcsv),
        cmocka_unit_test(test_refdata),
        cmocka_unit_test(test_two_threads),
        cmocka_unit_test(test_two_threads_errors),
        cmocka_unit_test(test_two_threads_gacc_cr),
        cmocka_unit_test(test_two_threads_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
