/*
 * tradeflow outlook: the command (options and output in outlook.c), between
 * them the shared selection of the product and the store.
 */
#include "cli.h"
#include "outlook.h"

int cmd_outlook(common *c, args *a)
{
    cli_outlook_opts o;
    int rc = cli_outlook_parse(a->argc, a->argv, a->i, &o);
    if (rc >= 0)
        return rc;
    product_sel p;
    tf_db *db = NULL;
    if ((rc = open_selection(c, o.product, o.hs, NULL, &p, &db)) != EXIT_OK)
        return rc;
    rc = cli_outlook_run(db, c->ref, p.label, p.codes, p.n_codes, &o);
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}
