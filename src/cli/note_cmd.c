/*
 * tradeflow note: the command (options and output in note.c) behind the
 * shared reference data.
 */
#include "cli.h"
#include "note.h"

int cmd_note(common *c, args *a)
{
    int rc = load_refdata(c);
    if (rc != EXIT_OK)
        return rc;
    return tf_cli_note(a->argc - a->i, a->argv + a->i, c->db_path, c->ref);
}
