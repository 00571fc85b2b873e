/*
 * UN Comtrade reader and the Comtrade area table, on every file in
 * ../shared/data/comtrade and on small constructed files.
 *
 * Expected totals of the real files were computed independently with a short
 * Python script (csv/json modules, decimal.Decimal sums, run once): per file,
 * the number of rows, rows per flow code, the sum of primaryValue (legacy:
 * "Trade Value (US$)"; '1.12339E+11' read as int(float(...)) = 112339000000),
 * of cifvalue and fobvalue, and of netWgt (kg) leaving out a zero net weight
 * that is flagged estimated or sits beside a positive value; where netWgt is
 * absent, qty with unit code 8 (kg) is counted as kg and other units are
 * counted as rows. The World value is the sum of primaryValue over rows with
 * partnerCode 0 and partner2Code 0. All sums are in thousandths (tf_milli).
 */
#include "testutil.h"
#include <pthread.h>
#include <math.h>

typedef struct ct_sums {
    unsigned long n, by_flow[6];
    tf_milli value, cif, fob, kg, world_value;
    unsigned long other_unit, consignment, warnings, estimated;
    int seen_s19, seen_areas_nes, seen_hkg;
    char first_provenance[512];
    tf_record last;
} ct_sums;

static tf_status ct_sink(void *ctx, const tf_record *r, tf_diag *d)
{
    (void)d;
    ct_sums *s = ctx;
    if (s->n == 0)
        snprintf(s->first_provenance, sizeof s->first_provenance, "%s", r->provenance);
    s->n++;
    s->by_flow[r->flow]++;
    if (r->has_value)
        s->value += r->value;
    if (r->has_cif)
        s->cif += r->cif;
    if (r->has_fob)
        s->fob += r->fob;
    if (r->has_quantity && strcmp(r->unit, "kg") == 0)
        s->kg += r->quantity;
    else if (r->has_quantity)
        s->other_unit++;
    if (strcmp(r->partner, "WLD") == 0)
        s->world_value += r->value;
    if (strcmp(r->partner_basis, "consignment") == 0)
        s->consignment++;
    if (strcmp(r->status, "estimated") == 0)
        s->estimated++;
    if (strcmp(r->partner, "M49:490") == 0 && strcmp(r->partner_name, "Other Asia, nes") == 0)
        s->seen_s19 = 1;
    if (strcmp(r->partner, "M49:899") == 0 && strcmp(r->partner_name, "Areas, nes") == 0)
        s->seen_areas_nes = 1;
    if (strcmp(r->partner, "HKG") == 0)
        s->seen_hkg = 1;
    s->last = *r;
    return TF_OK;
}

static void ct_warn(void *ctx, const char *msg)
{
    (void)msg;
    ((ct_sums *)ctx)->warnings++;
}

static tf_status ct_read(FILE *in, const char *name, ct_sums *s, tf_diag *d, tf_read_stats *st,
                         const tf_refdata *ref)
{
    memset(s, 0, sizeof *s);
    memset(d, 0, sizeof *d);
    d->warn = ct_warn;
    d->warn_ctx = s;
    tf_read_opts o = {0};
    return tf_read(in, name, &o, ref, ct_sink, s, d, st, NULL);
}

static tf_status ct_text(const char *text, ct_sums *s, tf_diag *d, const tf_refdata *ref)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(in);
    tf_read_stats st;
    tf_status rc = ct_read(in, "t.csv", s, d, &st, ref);
    fclose(in);
    return rc;
}

static void test_real_files(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *encoding;
        unsigned long rows, imp, exp, reimp, reexp;
        long long value, cif, fob, kg, world;
        unsigned long other_unit;
    } files[] = {
        /* China, Germany, USA 2022, M and X, TOTAL by partner (Latin-1, CRLF) */
        {"data/comtrade/plus-download/china-2022-total.csv", "Windows-1252", 1352, 677, 675, 0, 0,
         30039171857777711LL, 15355505329085441LL, 21170444785024270LL, 0LL, 15019585928888854LL,
         0},
        /* Thailand imports of HS 8542, 2014-2024, H4/H5/H6 */
        {"data/comtrade/plus-download/thailand-8542-imports.csv", "Windows-1252", 1178, 1178, 0, 0, 0,
         306202507277494LL, 306202507277494LL, 0LL, 668375183257LL, 153101253637243LL, 0},
        /* pandas re-save: China imports TOTAL; 2015-17 broken down by partner2 */
        {"data/comtrade/v1-api/china-imports-annual-pandas.csv", "UTF-8", 658, 658, 0, 0, 0,
         42192596145874000LL, 42192596145874000LL, 0LL, 0LL, 37081318194357000LL, 0},
        /* legacy 35 columns, SITC Rev.4 2-digit, China x partners 2010-14 */
        {"data/comtrade/legacy/china-sitc-2010-2014.csv", "UTF-8", 3184, 1575, 1609, 0, 0,
         7712633946669000LL, 0LL, 0LL, 0LL, 0LL, 0},
        /* legacy 35 columns, HS 871200, reporters vs World, flows 1-4 */
        {"data/comtrade/legacy/hs871200-reexports.csv", "UTF-8", 1302, 610, 530, 52, 110,
         68018685847000LL, 0LL, 0LL, 4787258160000LL, 68018685847000LL, 107},
        /* legacy reduced 12 columns, USA x China 2017 by HS chapter */
        {"data/comtrade/legacy/us-china-2017-12col.csv", "UTF-8", 290, 97, 97, 0, 96,
         665830193045000LL, 0LL, 0LL, 0LL, 0LL, 0},
        /* v1 API JSON: China 2010 TOTAL, ARG and DEU, M and X */
        {"data/comtrade/v1-api/china-2010-total.json", "UTF-8", 4, 2, 2, 0, 0,
         155218297800000LL, 81055400218000LL, 74162897582000LL, 0LL, 0LL, 0},
    };
    tf_refdata *ref = tt_ref();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *path = tt_shared_file(files[i].file);
        if (!path) {
            tf_refdata_free(&ref);
            skip();
        }
        FILE *in = fopen(path, "rb");
        assert_non_null(in);
        ct_sums s;
        tf_diag d;
        tf_read_stats st;
        tf_status rc = ct_read(in, path, &s, &d, &st, ref);
        fclose(in);
        if (rc != TF_OK)
            print_error("%s\n", d.error.msg);
        assert_int_equal(rc, TF_OK);
        assert_int_equal(st.format, TF_FORMAT_COMTRADE);
        assert_string_equal(st.encoding, files[i].encoding);
        assert_int_equal(s.n, files[i].rows);
        assert_int_equal(s.by_flow[TF_FLOW_IMPORT], files[i].imp);
        assert_int_equal(s.by_flow[TF_FLOW_EXPORT], files[i].exp);
        assert_int_equal(s.by_flow[TF_FLOW_REIMPORT], files[i].reimp);
        assert_int_equal(s.by_flow[TF_FLOW_REEXPORT], files[i].reexp);
        assert_int_equal(s.by_flow[TF_FLOW_OTHER], 0);
        assert_true(s.value == files[i].value);
        assert_true(s.cif == files[i].cif);
        assert_true(s.fob == files[i].fob);
        assert_true(s.kg == files[i].kg);
        assert_true(s.world_value == files[i].world);
        assert_int_equal(s.other_unit, files[i].other_unit);
        assert_string_equal(s.last.currency, "USD");
        assert_int_equal(strlen(s.last.period), 4); /* all annual */
    }
    /* ComtradePlus is Windows-1252; the special partners are kept and named */
    const char *path = tt_shared_file("data/comtrade/plus-download/china-2022-total.csv");
    FILE *in = fopen(path, "rb");
    ct_sums s;
    tf_diag d;
    tf_read_stats st;
    assert_int_equal(ct_read(in, path, &s, &d, &st, ref), TF_OK);
    fclose(in);
    assert_true(s.seen_s19);
    assert_true(s.seen_areas_nes);
    assert_true(s.seen_hkg);
    /* the pandas file's 2015-2017 rows are World by partner2 (consignment):
     * 203 + 214 + 216 = 633 rows with partnerCode 0 and partner2Code != 0 */
    path = tt_shared_file("data/comtrade/v1-api/china-imports-annual-pandas.csv");
    in = fopen(path, "rb");
    assert_int_equal(ct_read(in, path, &s, &d, &st, ref), TF_OK);
    fclose(in);
    assert_int_equal(s.consignment, 633);
    /* the bulk-file listing holds links, not records: refused with its JSON path */
    path = tt_shared_file("data/comtrade/v1-api/bulk-listing.json");
    in = fopen(path, "rb");
    assert_int_equal(ct_read(in, path, &s, &d, &st, ref), TF_ERR_INPUT);
    fclose(in);
    /* the value of the first "fileUrl" is on line 6 (grep -n), after 12 spaces
     * and `"fileUrl": ` (11 characters): column 24 */
    assert_non_null(strstr(d.error.msg, ":6:24: $.data[0].fileUrl: this is a bulk-file listing"));
    assert_int_equal(d.error.line, 6);
    assert_int_equal(d.error.col, 24);
    assert_int_equal(s.n, 0);
    tf_refdata_free(&ref);
}

/* The crosswalk's traps: Comtrade (M49) codes are not GACC codes. */
static void test_area_crosswalk(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const tf_area *a = tf_refdata_area_by_m49(ref, "344");
    assert_non_null(a);
    assert_string_equal(a->partner, "HKG"); /* M49 344 = Hong Kong */
    assert_string_equal(a->gacc_code, "110");
    const tf_partner *g = tf_refdata_partner_by_gacc(ref, "344");
    assert_string_equal(g->iso3, "RUS"); /* GACC 344 = Russia */
    assert_string_equal(tf_refdata_area_by_m49(ref, "643")->partner, "RUS");
    assert_string_equal(tf_refdata_area_by_m49(ref, "842")->partner, "USA");
    assert_string_equal(tf_refdata_area_by_m49(ref, "842")->gacc_code, "502");
    assert_string_equal(tf_refdata_area_by_m49(ref, "251")->partner, "FRA");
    assert_string_equal(tf_refdata_area_by_m49(ref, "699")->partner, "IND");
    /* GACC 699 is its residual "Other Oceania nes", not India */
    assert_string_equal(tf_refdata_partner_by_gacc(ref, "699")->iso3, "XOC");
    assert_string_equal(tf_refdata_area_by_m49(ref, "156")->partner, "CHN");
    assert_string_equal(tf_refdata_area_by_m49(ref, "0")->partner, "WLD");
    assert_string_equal(tf_refdata_area_by_m49(ref, "490")->partner, "M49:490");
    assert_string_equal(tf_refdata_area_by_m49(ref, "490")->kind, "nes");
    assert_string_equal(tf_refdata_area_by_m49(ref, "837")->name_en, "Bunkers");
    assert_string_equal(tf_refdata_area_by_m49(ref, "838")->name_en, "Free Zones");
    assert_string_equal(tf_refdata_area_by_m49(ref, "004")->partner, "AFG");
    assert_string_equal(tf_refdata_area_by_partner(ref, "M49:899")->name_en, "Areas, nes");
    assert_null(tf_refdata_area_by_m49(ref, "1234"));
    assert_null(tf_refdata_area_by_m49(ref, "x"));
    tf_refdata_free(&ref);
}

/* The Comtrade areas are parsed at their first use (not by tf_refdata_open):
 * two threads asking at once both see the whole table, 295 rows of
 * data/comtrade-areas.csv (python3's csv.DictReader counts 295, 249 of kind
 * "country"), each once. */
static void *area_count_thread(void *ref)
{
    return (void *)(uintptr_t)tf_refdata_area_count(ref);
}

static void test_areas_at_first_use(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, area_count_thread, ref), 0);
    for (int i = 0; i < 2; i++) {
        void *n = NULL;
        assert_int_equal(pthread_join(t[i], &n), 0);
        assert_int_equal((uintptr_t)n, 295);
    }
    size_t countries = 0;
    for (size_t i = 0; i < tf_refdata_area_count(ref); i++)
        countries += strcmp(tf_refdata_area_at(ref, i)->kind, "country") == 0;
    assert_int_equal(countries, 249);
    assert_null(tf_refdata_area_at(ref, 295));
    tf_refdata_free(&ref);
}

#define PLUS_HDR                                                                                 \
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"           \
    "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,"           \
    "partner2ISO,partner2Desc,classificationCode,classificationSearchCode,"                     \
    "isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,"        \
    "mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,"        \
    "altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"                \
    "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"       \
    "isAggregate\r\n"

/* Constructed rows: monthly period, flows, units, flags, errors. */
static void test_constructed(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    ct_sums s;
    tf_diag d;
    /* monthly import of HS 760110 from Russia: 1,500 t estimated net weight,
     * CIF 3,300,000.5 USD; a re-export (RX) and a domestic export (DX) */
    const char *ok =
        PLUS_HDR
        "\"C\",\"M\",\"20240301\",\"2024\",\"3\",\"202403\",\"156\",\"CHN\",\"China\",\"M\","
        "\"Import\",\"643\",\"RUS\",\"Russia\",\"0\",\"W00\",\"World\",\"H6\",\"HS\",\"true\","
        "\"760110\",\"Al\",\"6\",\"true\",\"C00\",\"\",\"0\",\"0\",\"\",\"8\",\"kg\","
        "\"1500000\",\"true\",\"-1\",\"\",\"\",\"false\",\"1500000\",\"true\",\"\",\"false\","
        "\"3300000.5\",,\"3300000.5\",\"6\",\"true\",\"false\",\r\n"
        "\"C\",\"M\",\"20240301\",\"2024\",\"3\",\"202403\",\"156\",\"CHN\",\"China\",\"RX\","
        "\"Re-export\",\"344\",\"HKG\",\"Hong Kong\",\"0\",\"W00\",\"World\",\"H6\",\"HS\",\"true\","
        "\"760110\",\"Al\",\"6\",\"true\",\"C00\",\"\",\"0\",\"0\",\"\",\"5\",\"u\","
        "\"12\",\"false\",\"-1\",\"\",\"\",\"false\",\"\",\"false\",\"\",\"false\","
        ",\"10\",\"10\",\"0\",\"true\",\"false\",\r\n"
        "\"C\",\"M\",\"20240301\",\"2024\",\"3\",\"202403\",\"156\",\"CHN\",\"China\",\"DX\","
        "\"Domestic Export\",\"0\",\"W00\",\"World\",\"0\",\"W00\",\"World\",\"H6\",\"HS\",\"true\","
        "\"760110\",\"Al\",\"6\",\"true\",\"C00\",\"\",\"0\",\"0\",\"\",\"-1\",\"\","
        "\"\",\"false\",\"-1\",\"\",\"\",\"false\",\"\",\"false\",\"\",\"false\","
        ",\"7\",\"7\",\"0\",\"true\",\"false\",\r\n";
    assert_int_equal(ct_text(ok, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.by_flow[TF_FLOW_IMPORT], 1);
    assert_int_equal(s.by_flow[TF_FLOW_REEXPORT], 1);
    assert_int_equal(s.by_flow[TF_FLOW_OTHER], 1); /* kept, not dropped */
    assert_int_equal(s.warnings, 1);               /* ... and reported */
    assert_string_equal(s.last.trade_mode, "DX");
    assert_string_equal(s.last.period, "2024-03");
    assert_true(s.kg == 1500000LL * TF_MILLI);
    assert_int_equal(s.estimated, 1);
    /* the first row's flags are in its provenance; estimation flag 6 = both */
    assert_non_null(strstr(s.first_provenance, "primaryValue = CIF; isReported true; "
                                               "isAggregate false; estimation flag 6; qty "
                                               "estimated; netWgt estimated"));
    assert_true(s.cif == 3300000500LL);       /* 3,300,000.5 USD */
    assert_true(s.value == 3300000500LL + 17000); /* + 10 + 7 USD */
    assert_int_equal(s.other_unit, 1);        /* 12 items (u), no net weight */

    /* annual period that is YYYYMM: error names line and column (period, 6) */
    const char *bad =
        PLUS_HDR
        "C,A,20240101,2024,52,202401,156,CHN,China,M,Import,0,W00,World,0,W00,World,H6,HS,"
        "True,TOTAL,,0,False,C00,,0,0,,-1,,,False,-1,,,False,,False,,False,5.0,,5.0,0,True,"
        "False\n";
    assert_int_equal(ct_text(bad, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:2:6: period '202401' does not fit freqCode 'A'"));
    assert_int_equal(s.n, 0);
    /* a negative value */
    const char *neg =
        PLUS_HDR
        "C,A,20240101,2024,52,2024,156,CHN,China,M,Import,0,W00,World,0,W00,World,H6,HS,"
        "True,TOTAL,,0,False,C00,,0,0,,-1,,,False,-1,,,False,,False,,False,5.0,,-5.0,0,True,"
        "False\n";
    assert_int_equal(ct_text(neg, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:2:44: negative primaryValue"));

    /* legacy 12 columns: leading zero restored, numeric flows, codes crosswalked */
    const char *leg =
        "Classification,Year,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Partner Code,"
        "Partner,Commodity Code,Commodity,Trade Value (US$),Flag\n"
        "H5,2017,4,Re-Import,842,USA,156,China,1,Animals; live,2.5E+3,0\n";
    assert_int_equal(ct_text(leg, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.last.commodity, "01");
    assert_string_equal(s.last.reporter, "USA");
    assert_string_equal(s.last.partner, "CHN");
    assert_string_equal(s.last.partner_basis, "origin");
    assert_int_equal(s.last.flow, TF_FLOW_REIMPORT);
    assert_true(s.last.value == 2500LL * TF_MILLI);
    assert_int_equal(s.warnings, 2); /* leading zero, scientific notation */

    /* a partner that is a group of countries (97 EU-28) is kept apart */
    const char *grp =
        "Classification,Year,Period,Trade Flow Code,Reporter Code,Partner Code,Partner,"
        "Commodity Code,Trade Value (US$)\n"
        "H5,2017,2017,1,156,97,EU-28,7601,100\n";
    assert_int_equal(ct_text(grp, &s, &d, ref), TF_OK);
    assert_string_equal(s.last.partner, "M49:97");
    assert_string_equal(s.last.partner_basis, "group");
    assert_string_equal(s.last.partner_name, "EU-28");

    tf_refdata_free(&ref);
}

/* Constructed JSON answers: API error, cut response, the position of a bad field. */
static void test_constructed_json(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    ct_sums s;
    tf_diag d;
    /* JSON: API error, cut response, error path of a bad field */
    const char *jerr = "{\"elapsedTime\":\"0s\",\"count\":0,\"data\":[],\"error\":\"Invalid period\"}";
    assert_int_equal(ct_text(jerr, &s, &d, ref), TF_ERR_INPUT);
    /* the error's value opens at character 49 of the one line (python3: s.index + 1) */
    assert_non_null(strstr(d.error.msg, "t.csv:1:49: $.error: the API returned an error: Invalid period"));
    const char *jcut = "{\"count\":1,\"data\":[{\"typeCode\":\"C\",\"freqCo";
    assert_int_equal(ct_text(jcut, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "not valid JSON"));
    const char *jbad =
        "{\"count\":1,\"data\":[{\"freqCode\":\"M\",\"period\":\"202401\",\"reporterCode\":156,"
        "\"flowCode\":\"M\",\"partnerCode\":\"x1\",\"classificationCode\":\"H6\","
        "\"cmdCode\":\"TOTAL\",\"primaryValue\":1.5}],\"error\":\"\"}";
    assert_int_equal(ct_text(jbad, &s, &d, ref), TF_ERR_INPUT);
    /* "x1" opens at character 102 of the one line (python3: s.index('"x1"') + 1) */
    assert_non_null(strstr(d.error.msg, "t.csv:1:102: $.data[0].partnerCode: partnerCode 'x1' is not"));
    /* over several lines: the second record's bad partner is on line 5, after
     * `  {` (3 characters), `"partnerDesc": "Côte", ` (23, ô one of them though
     * two bytes) and `"partnerCode": ` (15): column 3 + 23 + 15 + 1 = 42 */
    const char *jlines =
        "{\"count\": 2, \"error\": \"\", \"data\": [\n"
        "  {\"freqCode\": \"M\", \"period\": \"202401\", \"reporterCode\": 156,\n"
        "   \"flowCode\": \"M\", \"partnerCode\": 0, \"classificationCode\": \"H6\",\n"
        "   \"cmdCode\": \"7601\", \"primaryValue\": 1.5},\n"
        "  {\"partnerDesc\": \"C\xc3\xb4te\", \"partnerCode\": \"x2\", \"freqCode\": \"M\",\n"
        "   \"period\": \"202401\", \"reporterCode\": 156, \"flowCode\": \"M\",\n"
        "   \"classificationCode\": \"H6\", \"cmdCode\": \"7601\", \"primaryValue\": 2}]}\n";
    assert_int_equal(ct_text(jlines, &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:5:42: $.data[1].partnerCode: partnerCode 'x2'"));
    /* a record that is not an object: named at its own line and column */
    assert_int_equal(ct_text("{\"data\": [\n  7\n]}", &s, &d, ref), TF_ERR_INPUT);
    assert_non_null(strstr(d.error.msg, "t.csv:2:3: $.data[0]: expected an object"));
    const char *jok =
        "{\"count\":1,\"data\":[{\"freqCode\":\"M\",\"period\":\"202401\",\"reporterCode\":156,"
        "\"flowCode\":\"X\",\"partnerCode\":490,\"partnerISO\":\"S19\",\"partnerDesc\":"
        "\"Other Asia, nes\",\"classificationCode\":\"H6\",\"cmdCode\":\"7601\","
        "\"netWgt\":2000.25,\"primaryValue\":1.5,\"fobvalue\":1.5,\"cifvalue\":null}],"
        "\"error\":\"\"}";
    assert_int_equal(ct_text(jok, &s, &d, ref), TF_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.last.period, "2024-01");
    assert_string_equal(s.last.partner, "M49:490");
    assert_string_equal(s.last.partner_basis, "destination");
    assert_true(s.kg == 2000250);
    assert_false(s.last.has_cif);
    assert_true(s.last.has_fob && s.last.fob == 1500);
    tf_refdata_free(&ref);
}

/* Mirror statistics on constructed rows (hand computations beside the asserts). */
static void test_mirror(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    const char *path = tt_db_path("mirror");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    /* CHN imports of 7601 from RUS in 2024: 1,000 t for 2,500,000 USD CIF, and
     * the same trade split at 6 digits (760110 + 760120), which must not be
     * added again; RUS exports of 7601 to CHN: 950 t for 2,300,000 USD FOB.
     * No RUS imports from CHN: the export direction has no mirror. */
    const char *csv =
        "Classification,Year,Period,Trade Flow Code,Reporter Code,Reporter ISO,Partner Code,"
        "Partner ISO,Commodity Code,Qty Unit Code,Qty,Netweight (kg),Trade Value (US$),"
        "CIF Trade Value (US$),FOB Trade Value (US$)\n"
        "H6,2024,2024,1,156,CHN,643,RUS,7601,8,1000000,1000000,2500000,2500000,\n"
        "H6,2024,2024,1,156,CHN,643,RUS,760110,8,600000,600000,1500000,1500000,\n"
        "H6,2024,2024,1,156,CHN,643,RUS,760120,8,400000,400000,1000000,1000000,\n"
        "H6,2024,2024,2,643,RUS,156,CHN,7601,8,950000,950000,2300000,,2300000\n"
        "H6,2024,2024,2,156,CHN,643,RUS,7601,8,10000,10000,30000,,30000\n";
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "m.csv", csv, NULL, NULL, &res, NULL), TF_OK);
    const char *const codes[] = {"7601"};
    tf_mirror_query q = {0};
    q.reporter = "CHN";
    q.partner = "RUS";
    q.classification = "H6";
    q.codes = codes;
    q.n_codes = 1;
    q.period_from = "2024";
    q.period_to = "2024";
    tf_mirror *m = NULL;
    assert_int_equal(tf_mirror_compute(db, &q, &m), TF_OK);
    assert_int_equal(m->n_rows, 2);
    const tf_mirror_row *r = &m->rows[0];
    assert_string_equal(r->period, "2024");
    assert_int_equal(r->direction, 0);
    assert_int_equal(r->own.records, 1);                 /* 7601 only, not its 6-digit codes */
    assert_near(r->own.value.v, 2500000.0, 1e-6);
    assert_string_equal(r->own.valuation, "CIF");
    assert_string_equal(r->mirror.valuation, "FOB");
    assert_near(r->own.quantity.v, 1000.0, 1e-9);        /* t */
    assert_near(r->value_gap.v, 200000.0, 1e-6);         /* 2,500,000 - 2,300,000 */
    assert_near(r->value_ratio.v, 2500000.0 / 2300000.0, 1e-12); /* 1.0870 */
    assert_near(r->quantity_gap.v, 50.0, 1e-9);          /* 1,000 - 950 t */
    assert_false(r->fob_gap.has);                        /* CHN imports have no FOB */
    r = &m->rows[1];
    assert_int_equal(r->direction, 1);
    assert_near(r->own.value.v, 30000.0, 1e-9);
    assert_int_equal(r->mirror.records, 0);
    assert_false(r->value_gap.has);
    assert_false(r->value_ratio.has);
    assert_int_equal(m->n_notes, 1);
    assert_non_null(strstr(m->notes[0], "no RUS imports from CHN"));
    tf_mirror_free(&m);
    q.partner = NULL;
    assert_int_equal(tf_mirror_compute(db, &q, &m), TF_ERR_USAGE);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Reports on Comtrade data, annual (value-only TOTAL; HS 8542 in t across
 * editions) and monthly. */
static void test_reports(void **state)
{
    (void)state;
    const char *files[] = {"data/comtrade/v1-api/china-imports-annual-pandas.csv",
                           "data/comtrade/plus-download/china-2022-total.csv",
                           "data/comtrade/plus-download/thailand-8542-imports.csv"};
    tf_refdata *ref = tt_ref();
    const char *path = tt_db_path("ctreport");
    tf_db *db = NULL;
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    for (size_t i = 0; i < 3; i++) {
        const char *f = tt_shared_file(files[i]);
        if (!f) {
            tf_db_close(&db);
            tf_refdata_free(&ref);
            skip();
        }
        FILE *in = fopen(f, "rb");
        tf_read_opts o = {0};
        tf_diag d;
        memset(&d, 0, sizeof d);
        tf_ingest_result res;
        assert_int_equal(tf_db_ingest(db, in, f, &o, ref, NULL, &d, &res), TF_OK);
        fclose(in);
    }
    /* China, all commodities, 2022: the World rows' primaryValue
     * (M 2,715,997,517,261; X 3,593,601,435,602 USD); 2021 imports
     * 2,679,412,024,390 (pandas file, H5): YoY = 2715997517261/2679412024390 - 1
     * = +1.3654 %; S19 "Other Asia, nes" 238,091,842,710 = 8.7663 % of imports. */
    const char *const total[] = {"TOTAL"};
    tf_query q = {0};
    q.product = "TOTAL";
    q.codes = total;
    q.n_codes = 1;
    q.period = "2022";
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_true(r->annual);
    assert_true(r->measure_value);
    assert_string_equal(r->unit, "USD");
    assert_near(r->import.quantity.v, 2715997517261.0, 1e-3);
    assert_near(r->export.quantity.v, 3593601435602.0, 1e-3);
    assert_near(r->net_import.quantity.v, -877603918341.0, 1e-3);
    assert_near(r->import.yoy_pct.v, 100.0 * (2715997517261.0 / 2679412024390.0 - 1.0), 1e-9);
    assert_false(r->import.mom_pct.has);
    assert_false(r->import.ytd.has);
    assert_false(r->export.yoy_pct.has); /* no 2021 exports stored */
    assert_string_equal(r->import_breakdown.partners[0].partner, "M49:490");
    assert_string_equal(r->import_breakdown.partners[0].name, "Other Asia, nes");
    assert_near(r->import_breakdown.partners[0].share_pct.v,
                100.0 * 238091842710.0 / 2715997517261.0, 1e-9);
    tf_report_free(&r);
    /* the same, asked for quantities: there are none */
    q.measure = TF_MEASURE_QUANTITY;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_false(r->import.quantity.has);
    tf_report_free(&r);
    /* Thailand imports of HS 8542, goods Comtrade counts in items ('u'): by
     * default in value, World primaryValue 2022 19,039,358,936.845 USD, 2021
     * 15,127,444,464.527 USD. */
    const char *const ic[] = {"8542"};
    memset(&q, 0, sizeof q);
    q.product = "HS 8542";
    q.codes = ic;
    q.n_codes = 1;
    q.reporter = "THA";
    q.period = "2022";
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_true(r->measure_value);
    assert_string_equal(r->unit, "USD");
    assert_near(r->import.quantity.v, 19039358936.845, 1e-3);
    assert_near(r->import.yoy_pct.v, 100.0 * (19039358936.845 / 15127444464.527 - 1.0), 1e-9);
    tf_report_free(&r);
    /* asked for t (netWgt of the World rows): 2022 (H6) 12,960,774.816 kg, 2021
     * (H5) 51,429,517.182 kg; China 3,427,724.849 kg in 2022, 7,093,547.044 kg
     * in 2021. */
    q.measure = TF_MEASURE_QUANTITY;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_false(r->measure_value);
    assert_near(r->import.quantity.v, 12960.774816, 1e-9);
    assert_near(r->import.yoy_pct.v, 100.0 * (12960774.816 / 51429517.182 - 1.0), 1e-9);
    assert_near(r->import.value.v, 19039358936.845, 1e-6);
    assert_string_equal(r->import_breakdown.partners[0].partner, "CHN");
    assert_near(r->import_breakdown.partners[0].quantity, 3427.724849, 1e-9);
    assert_near(r->import_breakdown.partners[0].yoy_pct.v,
                100.0 * (3427724.849 / 7093547.044 - 1.0), 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* A monthly report on v1 API rows. */
static void test_report_monthly(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    tf_query q;
    tf_report *r = NULL;
    /* Monthly v1 API rows (constructed): China imports of HS 760110, World net
     * weight 2023-01..03 80, 90, 100 t and 2024-01..03 110, 120, 150 t; Russia
     * 90 t in 2024-03. By hand: March 2024 150 t, MoM 150/120 - 1 = +25 %,
     * YoY 150/100 - 1 = +50 %, YTD 380 t against 270 t: +40.74 %; Russia 60 %. */
    static const char monthly[] =
        "{\"count\":7,\"data\":["
#define ROW(P, PC, W)                                                                             \
    "{\"freqCode\":\"M\",\"period\":\"" P "\",\"reporterCode\":156,\"flowCode\":\"M\","          \
    "\"partnerCode\":" PC ",\"partner2Code\":0,\"classificationCode\":\"H6\","                   \
    "\"cmdCode\":\"760110\",\"customsCode\":\"C00\",\"motCode\":0,\"qtyUnitCode\":8,"           \
    "\"netWgt\":" W ",\"primaryValue\":1000,\"cifvalue\":1000}"
        ROW("202301", "0", "80000") "," ROW("202302", "0", "90000") ","
        ROW("202303", "0", "100000") "," ROW("202401", "0", "110000") ","
        ROW("202402", "0", "120000") "," ROW("202403", "0", "150000") ","
        ROW("202403", "643", "90000")
#undef ROW
        "],\"error\":\"\"}";
    const char *path = tt_db_path("ctmonthly");
    assert_int_equal(tf_db_open(path, TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    assert_int_equal(tt_ingest_text(db, ref, "m.json", monthly, NULL, NULL, &res, NULL), TF_OK);
    assert_int_equal(res.added, 7);
    const char *const al[] = {"7601"};
    memset(&q, 0, sizeof q);
    q.product = "HS 7601";
    q.codes = al;
    q.n_codes = 1;
    q.period = "2024-03";
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_false(r->annual);
    assert_string_equal(r->unit, "t");
    assert_near(r->import.quantity.v, 150.0, 1e-9);
    assert_near(r->import.mom_pct.v, 25.0, 1e-9);
    assert_near(r->import.yoy_pct.v, 50.0, 1e-9);
    assert_near(r->import.ytd.v, 380.0, 1e-9);
    assert_near(r->import.ytd_yoy_pct.v, 100.0 * (380.0 / 270.0 - 1.0), 1e-9);
    assert_string_equal(r->import_breakdown.partners[0].partner, "RUS");
    assert_near(r->import_breakdown.partners[0].share_pct.v, 60.0, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

/* Countries and flows to Comtrade's codes (data/comtrade-areas.csv: CHN 156,
 * USA 842, RUS 643; the world 0; flows M, X, RM, RX). */
static void test_comtrade_codes(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    char out[64], bad[16];
    assert_int_equal(tf_comtrade_area_codes(ref, "CHN,usa rus", out, sizeof out, bad, sizeof bad),
                     TF_OK);
    assert_string_equal(out, "156,842,643");
    assert_int_equal(tf_comtrade_area_codes(ref, "WLD", out, sizeof out, bad, sizeof bad), TF_OK);
    assert_string_equal(out, "0");
    assert_int_equal(tf_comtrade_area_codes(ref, "CHN,XYZ", out, sizeof out, bad, sizeof bad),
                     TF_ERR_USAGE);
    assert_string_equal(bad, "XYZ");
    assert_int_equal(tf_comtrade_area_codes(ref, "China", out, sizeof out, bad, sizeof bad),
                     TF_ERR_USAGE);
    assert_string_equal(bad, "China");
    assert_int_equal(tf_comtrade_area_codes(ref, " , ", out, sizeof out, bad, sizeof bad),
                     TF_ERR_USAGE);
    assert_string_equal(bad, "");
    assert_int_equal(tf_comtrade_area_codes(ref, "CHN,USA", out, 6, bad, sizeof bad),
                     TF_ERR_NOMEM);
    assert_int_equal(tf_comtrade_flow_codes("import,export,re-import,re-export", out, sizeof out,
                                            bad, sizeof bad), TF_OK);
    assert_string_equal(out, "M,X,RM,RX");
    assert_int_equal(tf_comtrade_flow_codes("import,transit", out, sizeof out, bad, sizeof bad),
                     TF_ERR_USAGE);
    assert_string_equal(bad, "transit");
    assert_int_equal(tf_comtrade_flow_codes("", out, sizeof out, bad, sizeof bad), TF_ERR_USAGE);
    tf_refdata_free(&ref);
}

static void count_msg(void *ctx, const char *msg)
{
    (void)msg;
    (*(int *)ctx)++;
}

/* v1 API rows with breakdowns (constructed): China imports of HS 760110,
 * March 2024, World 300 t; Kazakhstan 100 t (aggregate), by mode of transport
 * 60 + 30 = 90 t (10 t short: one warning for the weight; values 600 + 300
 * = 900 of 1,000 USD: one for the value), by customs procedure 70 + 30 =
 * 100 t (adds up). By hand: imports 300 t, Kazakhstan 100/300 = 33.33 %;
 * the 4 breakdown rows are stored (6 added) and counted nowhere. */
static void test_json_breakdowns(void **state)
{
    (void)state;
    tf_refdata *ref = tt_ref();
    tf_db *db = NULL;
    static const char text[] =
        "{\"count\":6,\"data\":["
#define ROW(PC, CP, MOT, W, V)                                                                    \
    "{\"freqCode\":\"M\",\"period\":\"202403\",\"reporterCode\":156,\"flowCode\":\"M\","      \
    "\"partnerCode\":" PC ",\"partner2Code\":0,\"classificationCode\":\"H6\","                   \
    "\"cmdCode\":\"760110\",\"customsCode\":\"" CP "\",\"motCode\":" MOT ",\"qtyUnitCode\":8,"  \
    "\"netWgt\":" W ",\"primaryValue\":" V "}"
        ROW("0", "C00", "0", "300000", "3000") "," ROW("398", "C00", "0", "100000", "1000") ","
        ROW("398", "C00", "2100", "60000", "600") "," ROW("398", "C00", "3100", "30000", "300") ","
        ROW("398", "C01", "0", "70000", "700") "," ROW("398", "C02", "0", "30000", "300")
#undef ROW
        "],\"error\":\"\"}";
    assert_int_equal(tf_db_open(tt_db_path("ctbreak"), TF_DB_CREATE, &db, NULL), TF_OK);
    tf_ingest_result res;
    tf_diag d;
    memset(&d, 0, sizeof d);
    int warnings = 0;
    d.warn = count_msg;
    d.warn_ctx = &warnings;
    assert_int_equal(tt_ingest_text(db, ref, "b.json", text, NULL, NULL, &res, &d), TF_OK);
    assert_int_equal(res.added, 6);
    assert_int_equal(warnings, 2);
    const char *const al[] = {"7601"};
    tf_query q;
    memset(&q, 0, sizeof q);
    q.product = "HS 7601";
    q.codes = al;
    q.n_codes = 1;
    q.period = "2024-03";
    tf_report *r = NULL;
    assert_int_equal(tf_report_compute(db, ref, &q, &r), TF_OK);
    assert_near(r->import.quantity.v, 300.0, 1e-9);
    assert_string_equal(r->import_breakdown.partners[0].partner, "KAZ");
    assert_near(r->import_breakdown.partners[0].quantity, 100.0, 1e-9);
    assert_near(r->import_breakdown.partners[0].share_pct.v, 100.0 / 3.0, 1e-9);
    tf_report_free(&r);
    tf_db_close(&db);
    tf_refdata_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_files),
        cmocka_unit_test(test_area_crosswalk),
        cmocka_unit_test(test_areas_at_first_use),
        cmocka_unit_test(test_constructed),
        cmocka_unit_test(test_constructed_json),
        cmocka_unit_test(test_mirror),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_report_monthly),
        cmocka_unit_test(test_comtrade_codes),
        cmocka_unit_test(test_json_breakdowns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
