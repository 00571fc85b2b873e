/*
 * tradeflow history: every stored revision of a product's cells.
 */
#include "cli.h"

static const char usage_history[] =
    "Usage: tradeflow history (--product NAME | --hs CODES | --commodity CODES)\n"
    "                         [--period YYYY-MM] [--flow F] [--reporter ISO3]\n"
    "                         [--classification C] [--currency CNY|USD]\n"
    "\n"
    "Lists every stored revision of the matching cells, oldest first, with the\n"
    "source file and time it came from; '*' marks the current revision. The\n"
    "selection is the report's: --classification HS also lists UN Comtrade's\n"
    "H0-H6 rows, and where the same trade is stored in CNY and in USD the rows\n"
    "in one currency are listed, --currency or the one with most records (a\n"
    "note on standard error names the other), with the rows that have no value.\n"
    "The product and the partners are named as the report names them. Figures\n"
    "are exact, in their stored unit, with the decimals they have (250,500,000 kg).\n"
    "Exit 5, with nothing written, when nothing is stored for the selection in the\n"
    "period: the message names the periods the data has.\n";


typedef struct history_ctx {
    tf_db *db;
    const tf_refdata *ref;
    const char *pname, *period; /* the product's name; the period ("": all) */
    size_t rows;
} history_ctx;

/* The title and column heads, before the first row (none without rows). */
static void print_header(const history_ctx *h)
{
    printf("%s, %s%s: every stored revision\n", h->pname, h->period[0] ? "" : "all periods",
           h->period);
    printf("  %-7s %-9s %-10s %-8s %-11s %-4s %-4s %20s %-4s %22s %-3s %-9s %-24s source\n",
           "period", "flow", "commodity", "partner", "basis", "mode", "prov", "quantity", "unit",
           "value", "cur", "status", "partner name");
}

static tf_status print_revision(void *ctx, const tf_revision *v)
{
    history_ctx *h = ctx;
    if (h->rows++ == 0)
        print_header(h);
    const tf_record *r = &v->rec;
    char name[128];
    tf_partner_display_name(h->db, h->ref, r->partner, name, sizeof name);
    char q[64] = "", val[64] = "";
    if (r->has_quantity)
        tf_format_milli(q, sizeof q, r->quantity);
    if (r->has_value)
        tf_format_milli(val, sizeof val, r->value);
    printf("%s %-7s %-9s %-10s %-8s %-11s %-4s %-4s %20s %-4s %22s %-3s %-9s %-24s src %lld "
           "line %lu  %s\n",
           v->current ? "*" : " ", r->period, tf_flow_name(r->flow), r->commodity, r->partner,
           r->partner_basis[0] ? r->partner_basis : "-", r->trade_mode[0] ? r->trade_mode : "-",
           r->province[0] ? r->province : "-", q, r->unit, val, r->currency, r->status, name,
           v->source_id, r->line, v->ingested_at);
    return TF_OK;
}

/* Nothing stored for the selection: the error naming the periods it has (or
 * the flow or currency asked for that it lacks); EXIT_NODATA. */
static int no_revisions(common *c, tf_db *db, const tf_selection *sel, const history_ctx *h)
{
    const char *period = h->period[0] ? h->period : "any period";
    if (sel->flow == TF_FLOW_NONE && !sel->currency)
        return say_no_data(c->db_name, db, sel, h->pname, period, "no revision to list");
    error("no %s%s%s data for %s in %s for %s: no revision to list",
          sel->flow == TF_FLOW_NONE ? "" : tf_flow_name(sel->flow),
          sel->flow != TF_FLOW_NONE && sel->currency ? " " : "",
          sel->currency ? sel->currency : "", h->pname, c->db_name, period);
    return EXIT_NODATA;
}

static void print_note(void *ctx, const char *text)
{
    (void)ctx;
    fprintf(stderr, "%s: note: %s\n", progname, text);
}

int cmd_history(common *c, args *a)
{
    const char *product = NULL, *hs = NULL, *commodity = NULL, *period = NULL, *flow = NULL,
               *reporter = "CHN", *classification = "HS", *currency = NULL;
    const opt_spec t[] = {
        {"--product", NULL, &product, NULL},   {"--hs", NULL, &hs, NULL},
        {"--commodity", NULL, &commodity, NULL}, {"--period", NULL, &period, NULL},     {"--flow", NULL, &flow, NULL},
        {"--reporter", NULL, &reporter, NULL}, {"--classification", NULL, &classification, NULL},
        {"--currency", NULL, &currency, NULL},   {NULL, NULL, NULL, NULL}};
    int prc = parse_options(a, "history", usage_history, t, NULL);
    if (prc >= 0)
        return prc;
    char canon[8] = "";
    if (period && tf_period_parse(period, strlen(period), canon) != TF_OK) {
        error("bad --period '%s' (YYYY-MM or YYYY)", period);
        return EXIT_USAGE;
    }
    tf_flow fl = TF_FLOW_NONE;
    if (flow && (fl = tf_flow_parse(flow, strlen(flow))) == TF_FLOW_NONE) {
        error("unknown --flow '%s'", flow);
        return EXIT_USAGE;
    }
    char rep3[4];
    if (!iso3(reporter, rep3)) {
        error("--reporter takes an ISO alpha-3 code, e.g. CHN, not '%s'", reporter);
        return EXIT_USAGE;
    }
    if (!tf_query_classification_valid(classification)) {
        error("--classification takes a name such as HS, SITC or TOTAL, not '%s'",
              classification);
        return EXIT_USAGE;
    }
    char ccy[4] = "";
    if (currency && !currency_code(currency, ccy)) {
        error("--currency is CNY or USD, not '%s'", currency);
        return EXIT_USAGE;
    }
    product_sel p;
    tf_db *db = NULL;
    int rc = open_selection(c, product, hs, commodity, &p, &db);
    if (rc != EXIT_OK)
        return rc;
    tf_selection sel = {0};
    sel.classification = classification;
    sel.codes = p.codes;
    sel.n_codes = p.n_codes;
    sel.reporter = rep3;
    sel.period_from = period ? canon : NULL;
    sel.period_to = period ? canon : NULL;
    sel.flow = fl;
    sel.all_revisions = 1;
    /* the currency a report of the period reads: chosen over the report's months */
    tf_selection months = sel;
    char from[8];
    if (period && tf_query_report_from(canon, from) == 0)
        months.period_from = from;
    char chosen[4] = "";
    tf_status st = tf_query_currency(db, &months, ccy[0] ? ccy : NULL, chosen, NULL, print_note,
                                     NULL);
    sel.currency = chosen[0] ? chosen : NULL;
    char pname[96];
    tf_product_display_name_of(c->ref, p.label, pname, sizeof pname);
    history_ctx h = {db, c->ref, pname, canon, 0};
    if (st == TF_OK)
        st = tf_query_select(db, &sel, print_revision, &h);
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg);
        rc = exit_for(st);
    } else if (!h.rows)
        rc = no_revisions(c, db, &sel, &h);
    tf_db_close(&db);
    product_sel_free(&p);
    return rc;
}

