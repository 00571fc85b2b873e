/*
 * tradeflow — command-line interface, a thin layer over libtradeflow:
 * global options and the table of commands (one file per command).
 * Exit codes: 0 ok, 2 usage, 3 bad input, 4 I/O or database error, 5 no data
 * for the period (report).
 */
#include "cli.h"

static const char usage_main[] =
    "Usage: tradeflow [--db PATH] [--products FILE] COMMAND [OPTIONS]\n"
    "\n"
    "Customs trade records in, the monthly trade-flow report out.\n"
    "\n"
    "Commands:\n"
    "  ingest FILE...      read tradeflow CSV, GACC exports, UN Comtrade files,\n"
    "                      published P/L series and daily prices\n"
    "  report              the monthly report of one product (text, md, json, csv,\n"
    "                      html with charts, xlsx workbook with charts)\n"
    "  chart KIND          one chart of the report as SVG\n"
    "  note                the month's written trade note (English or Chinese),\n"
    "                      every figure traced (json) and passed by the audit\n"
    "  history             every stored revision of a product's cells\n"
    "  sources             the files ingested so far\n"
    "  products            the product definitions (named HS sets)\n"
    "  window              the import profit/loss (import window) of one day, or\n"
    "                      the daily series from stored prices (--from/--to)\n"
    "  audit NOTE...       check the figures of published notes (exit 1: errors)\n"
    "  fetch comtrade      pull records from the UN Comtrade API and ingest them\n"
    "  mirror              a reporter's trade with a partner against the partner's\n"
    "                      mirror figures (UN Comtrade data)\n"
    "  outlook             next month's imports and net imports: forecast, interval,\n"
    "                      direction, and the backtest of the method\n"
    "  codes               a product's figures by HS code against a year before, with\n"
    "                      the codes an HS edition split or merged joined into groups\n"
    "\n"
    "Global options:\n"
    "  --db PATH           database file (default $TRADEFLOW_DB, else ./tradeflow.db),\n"
    "                      or postgresql://USER@HOST/DB: a PostgreSQL server's store\n"
    "  --products FILE     add product definitions from a CSV file (repeatable;\n"
    "                      also $TRADEFLOW_PRODUCTS, colon-separated, and\n"
    "                      ~/.config/tradeflow/products.csv when present)\n"
    "  --window-params FILE  import-window parameters (VAT, duty, misc) overriding\n"
    "                      data/window-params.csv (also $TRADEFLOW_WINDOW_PARAMS and\n"
    "                      ~/.config/tradeflow/window-params.csv)\n"
    "  --help, -h          this text; COMMAND --help for a command's options\n"
    "  --version           print the version\n"
    "\n"
    "Exit codes: 0 ok, 2 usage (also an option given twice with two values), 3 bad\n"
    "input, 4 I/O or database error, 5 no data: a report, note, codes or history\n"
    "for a period without any import or export data (the message names the\n"
    "periods the data has), a chart with nothing to draw.\n"
    "Errors name the place: tradeflow: FILE:LINE:COL: message (COL = field number).\n";


/* The commands, by name. */
static const struct command {
    const char *name;
    int (*run)(common *c, args *a);
} commands[] = {
    {"ingest", cmd_ingest},   {"report", cmd_report},   {"chart", cmd_chart},
    {"history", cmd_history}, {"sources", cmd_sources}, {"products", cmd_products},
    {"window", cmd_window},   {"audit", cmd_audit},     {"mirror", cmd_mirror},
    {"fetch", cmd_fetch},     {"outlook", cmd_outlook}, {"note", cmd_note},
    {"codes", cmd_codes},
};

static int run_command(common *c, args *a, const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(c, a);
    if (!strcmp(name, "help")) {
        fputs(usage_main, stdout);
        return EXIT_OK;
    }
    error("unknown command '%s' (see tradeflow --help)", name);
    return EXIT_USAGE;
}

/* The exit code once standard output is flushed: a command that printed its
 * result to a full disk or a closed pipe (or any write error on stdout) exits
 * 4 with a message, not 0 (or audit's 1) over a cut result. */
static int stdout_written(int rc)
{
    errno = 0;
    int failed = fflush(stdout) != 0;
    failed |= ferror(stdout) != 0;
    if (!failed || (rc != EXIT_OK && rc != 1))
        return rc;
    error("cannot write the output to standard output%s%s", errno ? ": " : "",
          errno ? strerror(errno) : "");
    return EXIT_IO;
}

/* One more --products file: 0, or EXIT_USAGE beyond 16 (before or after the command). */
static int add_products(common *c, const char *file)
{
    if (c->n_products == 16) {
        error("at most 16 --products files");
        return EXIT_USAGE;
    }
    c->products[c->n_products++] = file;
    return 0;
}

int main(int argc, char **argv)
{
    common c;
    memset(&c, 0, sizeof c);
    const char *env_db = getenv("TRADEFLOW_DB");
    c.db_path = env_db && *env_db ? env_db : "tradeflow.db";
    c.db_given = env_db && *env_db ? 2 : 0; /* 2: from the environment */
    args a = {argc, argv, 1};
    const char *v = NULL;
    int bad = 0, seen_db = 0, seen_wp = 0;
    const char *command = NULL;
    /* global options before the command */
    while (a.i < argc && !bad) {
        if (opt(&a, "--db", 1, &v, &bad)) {
            if (set_once(NULL, "--db", &c.db_path, &seen_db, v))
                return EXIT_USAGE;
            c.db_given = 1;
        } else if (opt(&a, "--window-params", 1, &v, &bad)) {
            if (set_once(NULL, "--window-params", &c.window_params, &seen_wp, v))
                return EXIT_USAGE;
        } else if (opt(&a, "--products", 1, &v, &bad)) {
            if (add_products(&c, v))
                return EXIT_USAGE;
        } else if (opt(&a, "--version", 0, &v, &bad)) {
            printf("tradeflow %s\n", tf_version());
            return EXIT_OK;
        } else if (opt(&a, "--help", 0, &v, &bad) || opt(&a, "-h", 0, &v, &bad)) {
            fputs(usage_main, stdout);
            return EXIT_OK;
        } else if (argv[a.i][0] == '-') {
            error("unknown option '%s' (see tradeflow --help)", argv[a.i]);
            return EXIT_USAGE;
        } else {
            command = argv[a.i++];
            break;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (!command) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    /* --db and --products may also follow the command */
    int k = a.i;
    for (int i = a.i; i < argc; i++) {
        if ((!strcmp(argv[i], "--db") || !strcmp(argv[i], "--products")) && i + 1 < argc) {
            if (argv[i][2] == 'd') {
                if (set_once(NULL, "--db", &c.db_path, &seen_db, argv[i + 1]))
                    return EXIT_USAGE;
                c.db_given = 1;
            }
            else if (add_products(&c, argv[i + 1]))
                return EXIT_USAGE;
            i++;
        } else if (!strcmp(argv[i], "--window-params") && i + 1 < argc) {
            if (set_once(NULL, "--window-params", &c.window_params, &seen_wp, argv[++i]))
                return EXIT_USAGE;
        } else if (!strncmp(argv[i], "--db=", 5)) {
            if (set_once(NULL, "--db", &c.db_path, &seen_db, argv[i] + 5))
                return EXIT_USAGE;
            c.db_given = 1;
        } else if (!strncmp(argv[i], "--products=", 11)) {
            if (add_products(&c, argv[i] + 11))
                return EXIT_USAGE;
        } else {
            argv[k++] = argv[i];
        }
    }
    a.argc = k;
    char db_name[1024];
    tf_db_mask(c.db_path, db_name, sizeof db_name);
    c.db_name = db_name;
    int rc = run_command(&c, &a, command);
    tf_refdata_free(&c.ref);
    return stdout_written(rc);
}

