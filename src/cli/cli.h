/*
 * The command-line interface's shared parts: exit codes, errors, option
 * parsing (a table per command), reference data, the database and the
 * product selection. Each command lives in its own file (src/cli/NAME.c) and
 * only parses options, calls libtradeflow and prints.
 */
#ifndef TF_CLI_H
#define TF_CLI_H

#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tradeflow.h"

/* EXIT_NODATA: a report for a period in which the selection has no
 * import or export data at all (the message names the periods it has). */
enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_IO = 4, EXIT_NODATA = 5 };

extern const char *const progname;

/* ---- errors ---- */
int exit_for(tf_status st);
void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- argument parsing: --name value, --name=value ---- */
typedef struct args {
    int argc;
    char **argv;
    int i;
} args;

/* If argv[i] is option `name`, set *val (NULL for flags) and advance. */
int opt(args *a, const char *name, int takes_value, const char **val, int *bad);

/* One option of a command's table: --name VALUE (or --name=VALUE) stores the
 * value in *str; a flag (str == NULL) sets *flag to 1. alias: another name
 * ("-o" for "--output"), or NULL. A table ends with a row whose name is NULL. */
typedef struct opt_spec {
    const char *name;
    const char *alias;
    const char **str;
    int *flag;
} opt_spec;

/* Arguments that are not options (files, a note), at most max of them. */
typedef struct positional {
    const char **v;
    int n, max;
    const char *what;  /* "file": names them in the error beyond max */
} positional;

/* *slot = v for option `name` of command cmd (NULL: a global option);
 * a second, different value (*seen set) is a usage error: EXIT_USAGE. */
int set_once(const char *cmd, const char *name, const char **slot, int *seen, const char *v);

/*
 * Parse argv from a->i to the end by the table of command cmd. --help and -h
 * print usage to stdout. An argument that is not an option goes to pos (NULL:
 * none accepted). Returns -1 when the options are read (go on), EXIT_OK after
 * the help, EXIT_USAGE after an error message (unknown option, missing value,
 * an option given twice with different values, too many arguments).
 */
int parse_options(args *a, const char *cmd, const char *usage, const opt_spec *t,
                  positional *pos);

/* ---- what every command shares ---- */
typedef struct common {
    const char *db_path;
    const char *db_name;          /* db_path fit to print: a server's password masked */
    int db_given;                 /* 1: --db named a database; 2: $TRADEFLOW_DB did */
    const char *products[16];
    int n_products;
    const char *window_params;
    tf_refdata *ref;
} common;

/* Split "a,b,c" into a NULL-free array of pointers into a copy of s. */
char **split_list(const char *s, size_t *n, char **storage);
int load_refdata(common *c);
int open_db(common *c, tf_open_mode mode, tf_db **db);
/* 1, after an error message, when the output file out (-o; "-" is standard
 * output) is the database file db_path itself, by device and inode: a report
 * written there would overwrite the database. 0 otherwise. */
int output_is_database(const char *out, const char *db_path);
/* 1, after an error message naming it, when db_path is a directory (SQLite
 * would say only "disk I/O error" or "unable to open database file"); else 0. */
int db_is_directory(const char *db_path);
void print_warning(void *ctx, const char *msg);
/* The error (EXIT_NODATA) for a selection (its codes, reporter, classification,
 * as-of) without import or export data in period, naming the periods it has
 * in database db_name (as printed); what: what follows ("nothing written"). The database's error's code when
 * the periods cannot be read. */
int say_no_data(const char *db_name, tf_db *db, const tf_selection *sel, const char *name,
                const char *period, const char *what);
/* An area code as stored (ISO alpha-3 case-folded, a Comtrade special area
 * such as S19, or "490" read as S19) into out; 0 when it is not one. */
int iso3(const char *s, char out[4]);
/* --currency: CNY or USD in any case into out; 0 when it is neither. */
int currency_code(const char *s, char out[4]);
int valid_basis(const char *v);

/* ---- product selection (report, chart, history, mirror) ---- */
typedef struct product_sel {
    const char *label;
    const char *const *codes;
    size_t n_codes;
    char *store;
    char **list;
    char label_buf[96];
} product_sel;

int resolve_product(common *c, const char *product, const char *hs, product_sel *p);
/* --product, --hs or --commodity (one of them) into p; an exit code. */
int resolve_selection(common *c, const char *product, const char *hs, const char *commodity,
                      product_sel *p);
void product_sel_free(product_sel *p);
/* Load the reference data, resolve the selection into p and open the store
 * for reading into *db; an exit code (on an error p is freed, *db NULL). */
int open_selection(common *c, const char *product, const char *hs, const char *commodity,
                   product_sel *p, tf_db **db);

/* ---- the commands: each returns an exit code ---- */
int cmd_audit(common *c, args *a);
int cmd_ingest(common *c, args *a);
int cmd_report(common *c, args *a);
int cmd_chart(common *c, args *a);
/* chart: a tf_chart_kind, or -1 for the report. */
int cmd_report_or_chart(common *c, args *a, int chart);
extern const char usage_chart[]; /* chart --help */
int cmd_mirror(common *c, args *a);
int cmd_fetch(common *c, args *a);
int cmd_history(common *c, args *a);
int cmd_sources(common *c, args *a);
int cmd_products(common *c, args *a);
int cmd_window(common *c, args *a);
int cmd_outlook(common *c, args *a);
int cmd_note(common *c, args *a);
int cmd_codes(common *c, args *a);

#endif
