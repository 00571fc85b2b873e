/* The outlook command's options and run (src/cli/outlook.c); main.c
 * resolves the product and opens the database between the two. */
#ifndef TF_CLI_OUTLOOK_H
#define TF_CLI_OUTLOOK_H

#include "tradeflow.h"

typedef struct cli_outlook_opts {
    const char *product, *hs, *period, *format, *as_of;
    int backtest;
} cli_outlook_opts;

extern const char cli_outlook_usage[];

/* Parse argv[i..argc). Returns -1 to go on, else the exit code (0 after --help). */
int cli_outlook_parse(int argc, char **argv, int i, cli_outlook_opts *o);

/* Compute and print. Exit codes: 0 ok; 3 no forecast of the imports possible
 * (no data, too little history); 4 database error. */
int cli_outlook_run(tf_db *db, const tf_refdata *ref, const char *label,
                    const char *const *codes, size_t n_codes, const cli_outlook_opts *o);

#endif
