/*
 * tradeflow sources: the files ingested.
 */
#include "cli.h"

static const char usage_sources[] =
    "Usage: tradeflow sources [--retract ID | --restore ID]\n"
    "\n"
    "Lists the ingested files: id, time, format, rows, counts, SHA-256, name, options.\n"
    "  --retract ID   stop counting a file's figures (e.g. ingested with the wrong\n"
    "                 --flow); each of its cells falls back to its earlier revision.\n"
    "                 Nothing is deleted: reports --as-of an earlier date still see it.\n"
    "  --restore ID   count a retracted file again\n";


static void print_source(void *ctx, const tf_source_info *s)
{
    (void)ctx;
    printf("%4lld  %-20s  %-10s  %-5s  %9lu  %9lu  %9lu  %9lu  %s  %s%s%s%s%s%s\n", s->id,
           s->ingested_at, s->vintage, s->format, s->rows, s->added, s->revised, s->unchanged,
           s->sha256, s->name, s->options[0] ? " [" : "", s->options, s->options[0] ? "]" : "",
           s->retracted_at[0] ? "  RETRACTED " : "", s->retracted_at);
}

int cmd_sources(common *c, args *a)
{
    const char *retract = NULL, *restore = NULL;
    const opt_spec t[] = {{"--retract", NULL, &retract, NULL},
                          {"--restore", NULL, &restore, NULL},
                          {NULL, NULL, NULL, NULL}};
    int prc = parse_options(a, "sources", usage_sources, t, NULL);
    if (prc >= 0)
        return prc;
    if (retract && restore) {
        error("sources: give --retract ID or --restore ID, not both");
        return EXIT_USAGE;
    }
    tf_db *db = NULL;
    int rc = open_db(c, TF_DB_READ, &db);
    if (rc)
        return rc;
    if (retract || restore) {
        const char *idv = retract ? retract : restore;
        char *end;
        long long id = strtoll(idv, &end, 10);
        if (!*idv || *end || id <= 0) {
            error("sources: %s takes a source id (see tradeflow sources)",
                  retract ? "--retract" : "--restore");
            tf_db_close(&db);
            return EXIT_USAGE;
        }
        const char *now = getenv("TRADEFLOW_NOW");
        tf_status st = tf_db_retract(db, id, restore != NULL, now && *now ? now : NULL);
        if (st != TF_OK)
            error("%s", tf_db_error(db)->msg);
        else
            printf("source %lld %s\n", id,
                   retract ? "retracted: its figures no longer count" : "restored");
        tf_db_close(&db);
        return exit_for(st);
    }
    printf("%4s  %-20s  %-10s  %-5s  %9s  %9s  %9s  %9s  %-64s  %s\n", "id", "ingested (UTC)",
           "vintage", "fmt", "rows", "added", "revised", "unchanged", "sha256", "file [options]");
    tf_status st = tf_db_sources(db, print_source, NULL);
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg);
        rc = exit_for(st);
    }
    tf_db_close(&db);
    return rc;
}

