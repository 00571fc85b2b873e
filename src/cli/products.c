/*
 * tradeflow products: the product definitions.
 */
#include "cli.h"

static const char usage_products[] =
    "Usage: tradeflow products\n\nLists the product definitions: name, HS codes, description, origin.\n";

int cmd_products(common *c, args *a)
{
    if (a->i < a->argc) {
        if (!strcmp(a->argv[a->i], "--help") || !strcmp(a->argv[a->i], "-h")) {
            fputs(usage_products, stdout);
            return EXIT_OK;
        }
        error("products: unknown argument '%s'", a->argv[a->i]);
        return EXIT_USAGE;
    }
    int rc = load_refdata(c);
    if (rc)
        return rc;
    size_t n = tf_refdata_product_count(c->ref);
    for (size_t i = 0; i < n; i++) {
        const tf_product *p = tf_refdata_product_at(c->ref, i);
        printf("%-34s %s ", p->name, p->classification);
        for (size_t k = 0; k < p->n_codes; k++)
            printf("%s%s", k ? "+" : "", p->codes[k]);
        printf("\n    %s\n    source: %s%s%s\n", p->description, p->source,
               strcmp(p->origin, "built-in") ? "; defined in " : "",
               strcmp(p->origin, "built-in") ? p->origin : "");
    }
    return EXIT_OK;
}

