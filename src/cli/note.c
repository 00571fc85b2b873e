/*
 * tradeflow note: the monthly trade note of one product (library:
 * tradeflow/note.h). Only parses options and prints.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "note.h"
#include "tradeflow/note.h"

enum { NOTE_OK = 0, NOTE_USAGE = 2, NOTE_IO = 4, NOTE_NODATA = 5 };

static const char usage_note[] =
    "Usage: tradeflow note (--product NAME | --hs CODES) --period YYYY-MM [OPTIONS]\n"
    "\n"
    "Writes the month's trade note from the stored figures: imports, exports and net\n"
    "imports with MoM, YoY, YTD; the HS codes; the main sources and re-imports; trade\n"
    "modes; the import window; next month's outlook (tradeflow outlook, where it can\n"
    "forecast); the files the figures came from. Every figure is a traced claim\n"
    "(--format json) and the note passes `tradeflow audit` (docs/note.md). Where a\n"
    "flow or a comparison month is missing, the note says so instead of a figure.\n"
    "\n"
    "  --product NAME      a product by slug, display name or alias (tradeflow products)\n"
    "  --hs CODES          comma-separated HS codes or prefixes instead\n"
    "  --period YYYY-MM    the month\n"
    "  --lang en|zh        English (default) or Chinese\n"
    "  --format F          text (default), md, json (claims with spans, docs/note-json.md)\n"
    "                      or html (the note above the report's charts)\n"
    "  --as-of DATE        figures as known on DATE (YYYY-MM-DD), as for report\n"
    "  --date DATE         publication date (default: the as-of date, else today); the\n"
    "                      latest import window level is the one on or before it\n"
    "  --partners N        partners named besides re-imports (default 3)\n"
    "  --currency C        CNY or USD: the records whose values the note's report\n"
    "                      reads, as for report (default: the one with most records)\n"
    "  -o FILE             write to FILE (default: standard output)\n"
    "\n"
    "Exit codes: 0 written, 2 usage, 4 I/O or database error, 5 no import or export\n"
    "data for the product and month (as report).\n";

/* No import or export data for the month: the message report gives (the
 * periods the data has for the request), with "no note". */
static void print_no_data(tf_db *db, const tf_query *q, const char *name, const char *db_path,
                          const char *period)
{
    tf_selection sel = {.classification = q->classification, .codes = q->codes,
                        .n_codes = q->n_codes, .reporter = q->reporter, .as_of = q->as_of};
    char shown[1024];
    tf_db_mask(db_path, shown, sizeof shown);
    say_no_data(shown, db, &sel, name, period, "no note");
}

static void err(const char *fmt, const char *a, const char *b)
{
    fputs("tradeflow: ", stderr);
    fprintf(stderr, fmt, a ? a : "", b ? b : "");
    fputc('\n', stderr);
}

typedef struct note_args {
    const char *product, *hs, *period, *lang, *format, *as_of, *date, *out, *currency;
    int partners;
    char ccy[4];
} note_args;

/* Returns -1 to go on, else an exit code. */
static int parse(int argc, char **argv, note_args *n)
{
    static const char *const names[] = {"--product", "--hs", "--period", "--lang", "--format",
                                        "--as-of", "--date", "-o", "--currency",
                                        "--partners"};
    const char *partners = NULL;
    int seen[10] = {0};
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_note, stdout);
            return NOTE_OK;
        }
        const char *v = NULL;
        size_t k = 0;
        for (; k < sizeof names / sizeof *names; k++) {
            size_t len = strlen(names[k]);
            if (!strncmp(argv[i], names[k], len) && argv[i][len] == '=')
                v = argv[i] + len + 1;
            else if (!strcmp(argv[i], names[k])) {
                if (i + 1 >= argc) {
                    err("option %s needs a value%s", names[k], NULL);
                    return NOTE_USAGE;
                }
                v = argv[++i];
            }
            if (v)
                break;
        }
        if (!v) {
            err("note: unknown argument '%s'%s (see tradeflow note --help)", argv[i], NULL);
            return NOTE_USAGE;
        }
        const char **slot[] = {&n->product, &n->hs, &n->period, &n->lang, &n->format,
                               &n->as_of, &n->date, &n->out, &n->currency, &partners};
        if (set_once("note", names[k], slot[k], &seen[k], v))
            return NOTE_USAGE;
    }
    if (partners) {
        char *end;
        long p = strtol(partners, &end, 10);
        if (*end || p < 1 || p > 20) {
            err("--partners takes a number from 1 to 20, not '%s'%s", partners, NULL);
            return NOTE_USAGE;
        }
        n->partners = (int)p;
    }
    return -1;
}

static int check(note_args *n)
{
    char canon[8];
    if (!!n->product == !!n->hs) {
        err("note needs --product NAME or --hs CODES (one of them)%s%s", NULL, NULL);
        return NOTE_USAGE;
    }
    if (!n->period || strlen(n->period) != 7 ||
        tf_period_parse(n->period, 7, canon) != TF_OK) {
        err("note needs --period YYYY-MM (month 01-12)%s%s", n->period ? ", not " : "",
            n->period);
        return NOTE_USAGE;
    }
    if (strcmp(n->lang, "en") && strcmp(n->lang, "zh")) {
        err("--lang is en or zh, not '%s'%s", n->lang, NULL);
        return NOTE_USAGE;
    }
    if (strcmp(n->format, "text") && strcmp(n->format, "md") && strcmp(n->format, "json") &&
        strcmp(n->format, "html")) {
        err("unknown --format '%s'%s (text, md, json, html)", n->format, NULL);
        return NOTE_USAGE;
    }
    if (n->date && (strlen(n->date) != 10 || !tf_date_valid(n->date))) {
        err("--date takes YYYY-MM-DD, not '%s'%s", n->date, NULL);
        return NOTE_USAGE;
    }
    if (n->currency && !currency_code(n->currency, n->ccy)) {
        err("--currency is CNY or USD, not '%s'%s", n->currency, NULL);
        return NOTE_USAGE;
    }
    return -1;
}

/* Codes of --hs: digits only. */
static int hs_codes(const char *hs, char *store, size_t len, const char **codes, size_t *n)
{
    snprintf(store, len, "%s", hs);
    *n = 0;
    char *save = NULL;
    for (char *t = strtok_r(store, ", ", &save); t && *n < 64; t = strtok_r(NULL, ", ", &save)) {
        if (strspn(t, "0123456789") != strlen(t)) {
            err("--hs takes comma-separated digit codes, not '%s'%s", t, NULL);
            return NOTE_USAGE;
        }
        codes[(*n)++] = t;
    }
    if (*n == 0) {
        err("--hs needs at least one code%s%s", NULL, NULL);
        return NOTE_USAGE;
    }
    return -1;
}

static int write_out(const note_args *n, const tf_note_doc *doc, tf_db *db,
                     const tf_refdata *ref, const tf_query *q)
{
    tf_chart_data *cd = NULL;
    if (!strcmp(n->format, "html") && tf_chart_data_compute(db, ref, q, &cd) != TF_OK)
        cd = NULL;
    FILE *out = strcmp(n->out, "-") ? fopen(n->out, "w") : stdout;
    if (!out) {
        err("%s: %s", n->out, strerror(errno));
        tf_chart_data_free(&cd);
        return NOTE_IO;
    }
    errno = 0;
    tf_status st = tf_note_doc_output(out, doc, n->format, cd);
    if (out != stdout && fclose(out) != 0)
        st = TF_ERR_IO;
    int e = errno;
    tf_chart_data_free(&cd);
    if (st != TF_OK) {
        err("%s: cannot write the note: %s", n->out, e ? strerror(e) : "write error");
        return NOTE_IO;
    }
    return NOTE_OK;
}

int tf_cli_note(int argc, char **argv, const char *db_path, const tf_refdata *ref)
{
    note_args n = {.lang = "en", .format = "text", .out = "-"};
    int rc = parse(argc, argv, &n);
    if (rc < 0)
        rc = check(&n);
    if (rc >= 0)
        return rc;
    if (output_is_database(n.out, db_path))
        return NOTE_USAGE;
    const tf_product *p = NULL;
    const char *codes[64];
    size_t n_codes = 0;
    char store[1024], label[96];
    if (n.product) {
        p = tf_refdata_product_by_name(ref, n.product);
        if (!p) {
            err("unknown product '%s'%s (see tradeflow products)", n.product, NULL);
            return NOTE_USAGE;
        }
    } else if ((rc = hs_codes(n.hs, store, sizeof store, codes, &n_codes)) >= 0)
        return rc;
    snprintf(label, sizeof label, "HS %s", n.hs ? n.hs : "");
    tf_query q = {0};
    q.product = p ? p->name : label;
    q.classification = p ? p->classification : "HS";
    q.codes = p ? p->codes : codes;
    q.n_codes = p ? p->n_codes : n_codes;
    q.reporter = "CHN";
    q.period = n.period;
    q.as_of = n.as_of;
    q.currency = n.currency ? n.ccy : NULL;
    q.measure = TF_MEASURE_QUANTITY;
    tf_error dberr = {0};
    tf_db *db = NULL;
    if (db_is_directory(db_path))
        return NOTE_IO;
    if (tf_db_open(db_path, TF_DB_READ, &db, &dberr) != TF_OK) {
        err("%s%s", dberr.msg, NULL);
        return NOTE_IO;
    }
    tf_note_opts o = {.date = n.date, .partners = n.partners};
    tf_note_model *m = NULL;
    tf_note_doc *doc = NULL;
    tf_status st = tf_note_model_build(db, ref, p, &q, &o, &m);
    if (st == TF_ERR_NOT_FOUND) {
        print_no_data(db, &q, p ? tf_product_display_name(p, "en") : label, db_path, n.period);
        rc = NOTE_NODATA;
    } else if (st != TF_OK) {
        err("%s%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st), NULL);
        rc = st == TF_ERR_USAGE ? NOTE_USAGE : NOTE_IO;
    } else if ((st = tf_note_write(m, n.lang, &doc)) != TF_OK) {
        err("cannot write the note: %s%s", tf_strerror(st), NULL);
        rc = NOTE_IO;
    } else
        rc = write_out(&n, doc, db, ref, &q);
    tf_note_doc_free(&doc);
    tf_note_model_free(&m);
    tf_db_close(&db);
    return rc;
}
