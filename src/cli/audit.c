/*
 * tradeflow audit: check a published note against the store.
 */
#include "cli.h"

static const char usage_audit[] =
    "Usage: tradeflow audit NOTE.txt [NOTE2.txt ...] [--db FILE] [--format text|json]\n"
    "                       [--claims] [--date YYYY-MM-DD]\n"
    "\n"
    "Reads English and Chinese trade notes (UTF-8 text; optional URL:/TITLE:/PUBLISHER:/\n"
    "DATE: header lines), extracts every figure they state, checks the figures against\n"
    "each other, against the other notes and, with --db, against the stored data, and\n"
    "reports each inconsistency with its evidence and the most likely correction\n"
    "(docs/audit.md).\n"
    "\n"
    "  --format F          text (default) or json\n"
    "  --claims            print only the extracted claims, as json\n"
    "  --date YYYY-MM-DD   publication date of notes without a DATE: line (year-less\n"
    "                      months resolve to the latest one not after it; default:\n"
    "                      the month after the latest 'Month YYYY' the note names)\n"
    "  --db FILE           also check against the figures stored in FILE (also\n"
    "                      $TRADEFLOW_DB, when that database exists)\n"
    "\n"
    "Exit codes: 0 no error found, 1 errors found, 2 usage, 3 unreadable note\n"
    "(not UTF-8, NUL byte), 4 I/O or database error.\n";


/* ---- audit ---- */

int cmd_audit(common *c, args *a)
{
    const char *v = NULL, *format = "text", *date = NULL;
    int claims = 0, bad = 0;
    const char **paths = calloc((size_t)a->argc + 1, sizeof *paths);
    size_t n = 0;
    if (!paths)
        return EXIT_IO;
    while (a->i < a->argc && !bad) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage_audit, stdout);
            free(paths);
            return EXIT_OK;
        } else if (opt(a, "--format", 1, &v, &bad))
            format = v;
        else if (opt(a, "--date", 1, &v, &bad))
            date = v;
        else if (opt(a, "--claims", 0, &v, &bad))
            claims = 1;
        else if (s[0] == '-' && s[1]) {
            error("audit: unknown argument '%s' (see tradeflow audit --help)", s);
            free(paths);
            return EXIT_USAGE;
        } else {
            for (size_t j = 0; j < n; j++)
                if (!strcmp(s, "-") && !strcmp(paths[j], "-")) {
                    error("audit: standard input ('-') can be read only once");
                    free(paths);
                    return EXIT_USAGE;
                }
            paths[n++] = s;
            a->i++;
        }
    }
    if (bad || !n) {
        if (!bad)
            error("audit: name at least one note (see tradeflow audit --help)");
        free(paths);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        error("audit: --format takes text or json, not '%s'", format);
        free(paths);
        return EXIT_USAGE;
    }
    if (date && (strlen(date) != 10 || !tf_date_valid(date))) {
        error("audit: --date takes YYYY-MM-DD, not '%s'", date);
        free(paths);
        return EXIT_USAGE;
    }
    tf_db *db = NULL;
    int rc = load_refdata(c);
    if (rc != EXIT_OK) {
        free(paths);
        return rc;
    }
    struct stat sb;
    /* $TRADEFLOW_DB joins the check when the database exists; --db must exist */
    int use_db = c->db_given == 1 ||
                 (c->db_given == 2 && (stat(c->db_path, &sb) == 0 || strstr(c->db_path, "://")));
    if (use_db && (rc = open_db(c, TF_DB_READ, &db)) != EXIT_OK) {
        free(paths);
        return rc;
    }
    tf_audit_opts o = {date, db, c->ref};
    tf_audit *au = NULL;
    tf_error err = {0};
    tf_status st = tf_audit_run(paths, n, &o, &au, &err);
    free(paths);
    if (st) {
        error("%s", err.msg[0] ? err.msg : tf_strerror(st));
        tf_db_close(&db);
        return exit_for(st);
    }
    st = claims ? tf_audit_claims_write(stdout, au) : tf_audit_write(stdout, au, !strcmp(format, "json"));
    rc = st ? EXIT_IO : tf_audit_errors(au) && !claims ? 1 : EXIT_OK;
    tf_audit_free(&au);
    tf_db_close(&db);
    return rc;
}

