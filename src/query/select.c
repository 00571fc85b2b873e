/*
 * Which stored rows a request selects: the classification family and the
 * choice of one classification per flow and period. Rules and sources:
 * include/tradeflow/query.h.
 */
#include <string.h>

#include "tradeflow/query.h"

/* UN Comtrade's HS editions (H0 1988/92 .. H6 2022) beside plain "HS". */
static const char *const hs_family[] = {"HS", "H0", "H1", "H2", "H3", "H4", "H5", "H6"};

size_t tf_query_classes(const char *classification, const char *const **out)
{
    if (!classification || !strcmp(classification, "HS")) {
        *out = hs_family;
        return sizeof hs_family / sizeof hs_family[0];
    }
    for (size_t i = 1; i < sizeof hs_family / sizeof hs_family[0]; i++)
        if (!strcmp(classification, hs_family[i])) {
            *out = &hs_family[i];
            return 1;
        }
    *out = NULL; /* another classification (S4, TOTAL, ...): itself */
    return 1;
}

tf_status tf_query_select(tf_db *db, const tf_selection *sel,
                          tf_status (*fn)(void *ctx, const tf_revision *rev), void *ctx)
{
    const char *const *classes;
    size_t n = tf_query_classes(sel->classification, &classes);
    tf_selection s = *sel;
    if (!s.reporter)
        s.reporter = "CHN";
    tf_status st = TF_OK;
    for (size_t k = 0; k < n && st == TF_OK; k++) {
        s.classification = classes ? classes[k] : sel->classification;
        st = tf_db_select(db, &s, fn, ctx);
    }
    return st;
}

int tf_query_class_preferred(const char *want, const char *pick, const char *cls)
{
    if (!want)
        want = "HS";
    if (!pick)
        return 1;
    if (!strcmp(pick, want))
        return 0;
    return !strcmp(cls, want) || strcmp(cls, pick) > 0;
}

tf_status tf_query_codes_check(const char *const *codes, size_t n, int allow_total,
                               const char **bad)
{
    *bad = NULL;
    if (n == 0)
        return TF_ERR_USAGE;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(codes[i]);
        int digits = len >= 1 && len <= 12 && strspn(codes[i], "0123456789") == len;
        if (!digits && !(allow_total && !strcmp(codes[i], "TOTAL"))) {
            *bad = codes[i];
            return TF_ERR_USAGE;
        }
    }
    return TF_OK;
}

int tf_query_classification_valid(const char *c)
{
    size_t len = c ? strlen(c) : 0;
    return len >= 1 && len <= 7 && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == len;
}
