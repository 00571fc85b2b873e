/* The `tradeflow note` command (src/cli/note.c); main.c only dispatches. */
#ifndef TF_CLI_NOTE_H
#define TF_CLI_NOTE_H

#include "tradeflow.h"

/* argv[0..argc) are the arguments after "note". Returns the exit code. */
int tf_cli_note(int argc, char **argv, const char *db_path, const tf_refdata *ref);

#endif
