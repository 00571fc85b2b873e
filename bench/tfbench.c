/*
 * bench/tfbench — times tradeflow's monthly reports in one process on an
 * ingested store (the library call the CLI's `report` makes:
 * tf_report_compute) and writes their figures in the benchmark's common
 * form, to be compared with the peers' (bench/check.py).
 *
 * usage: tfbench --db DB --reps R --figures OUT.csv [--no-batch]
 *                (--report PRODUCT PERIOD | --sweep YEAR)
 * Prints one JSON object: {"times_ms": [...], "reports": N} where each time
 * is one report (--report) or one whole sweep (--sweep: every product of
 * data/products.csv x the 12 months of YEAR, all in one batch over January
 * of the year before to December, tf_db_batch_begin, unless --no-batch: each
 * stored code's rows read once, though several products share them).
 *
 * Figures (one CSV line each; empty = no value):
 *   report,flow,FLOW,FIGURE,,value       FLOW import|export|net; FIGURE quantity,
 *                                        prev_month, year_ago, ytd, ytd_prev (t),
 *                                        mom_pct, yoy_pct, ytd_yoy_pct (%)
 *   report,partner,FLOW,RANK,ISO3,t,share_pct   the top 10 partners
 *   report,mode,FLOW,RANK,CODE,t,share_pct      every trade mode, largest first
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tradeflow.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void opt(FILE *f, const char *id, const char *flow, const char *name, tf_opt v)
{
    if (v.has)
        fprintf(f, "%s,flow,%s,%s,,%.17g,\n", id, flow, name, v.v);
    else
        fprintf(f, "%s,flow,%s,%s,,,\n", id, flow, name);
}

static void figures(FILE *f, const tf_report *r)
{
    char id[96];
    snprintf(id, sizeof id, "%s|%s", r->product, r->period);
    const tf_flow_figures *ff[3] = {&r->import, &r->export, &r->net_import};
    const char *fl[3] = {"import", "export", "net"};
    for (int k = 0; k < 3; k++) {
        opt(f, id, fl[k], "quantity", ff[k]->quantity);
        opt(f, id, fl[k], "prev_month", ff[k]->prev_month);
        opt(f, id, fl[k], "year_ago", ff[k]->year_ago);
        opt(f, id, fl[k], "mom_pct", ff[k]->mom_pct);
        opt(f, id, fl[k], "yoy_pct", ff[k]->yoy_pct);
        opt(f, id, fl[k], "ytd", ff[k]->ytd);
        opt(f, id, fl[k], "ytd_prev", ff[k]->ytd_prev);
        opt(f, id, fl[k], "ytd_yoy_pct", ff[k]->ytd_yoy_pct);
    }
    const tf_breakdown *b[2] = {&r->import_breakdown, &r->export_breakdown};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < b[k]->n_partners; i++) {
            const tf_partner_figures *p = &b[k]->partners[i];
            fprintf(f, "%s,partner,%s,%d,%s,%.17g,%.17g\n", id, fl[k], p->rank, p->partner,
                    p->quantity, p->share_pct.has ? p->share_pct.v : -1.0);
        }
        for (size_t i = 0; i < b[k]->n_modes; i++) {
            const tf_mode_figures *m = &b[k]->modes[i];
            fprintf(f, "%s,mode,%s,%zu,%s,%.17g,%.17g\n", id, fl[k], i + 1, m->code,
                    m->quantity, m->share_pct.has ? m->share_pct.v : -1.0);
        }
    }
}

static int one(tf_db *db, const tf_refdata *ref, const tf_product *p, const char *period,
               FILE *fig)
{
    tf_query q = {0};
    q.product = p->name;
    q.classification = p->classification;
    q.codes = p->codes;
    q.n_codes = p->n_codes;
    q.period = period;
    q.top = 10;
    /* the benchmark's figures are tonnages (the peers sum kg): a product whose
     * records carry no kg (gold, in g) has none, rather than its value */
    q.measure = TF_MEASURE_QUANTITY;
    tf_report *r = NULL;
    tf_status st = tf_report_compute(db, ref, &q, &r);
    if (st != TF_OK) {
        fprintf(stderr, "tfbench: report %s %s failed (%d): %s\n", p->name, period, (int)st,
                tf_db_error(db)->msg);
        return -1;
    }
    if (fig)
        figures(fig, r);
    tf_report_free(&r);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dbp = NULL, *figp = NULL, *product = NULL, *period = NULL;
    int reps = 5, year = 0, batch = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            dbp = argv[++i];
        else if (!strcmp(argv[i], "--figures") && i + 1 < argc)
            figp = argv[++i];
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--report") && i + 2 < argc) {
            product = argv[++i];
            period = argv[++i];
        } else if (!strcmp(argv[i], "--sweep") && i + 1 < argc)
            year = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--no-batch"))
            batch = 0;
        else {
            fprintf(stderr, "usage: tfbench --db DB --reps R --figures OUT.csv [--no-batch] "
                            "(--report PRODUCT PERIOD | --sweep YEAR)\n");
            return 2;
        }
    }
    if (!dbp || reps < 1 || (!product && year < 1900)) {
        fprintf(stderr, "tfbench: --db, --reps >= 1 and --report or --sweep needed\n");
        return 2;
    }
    tf_refdata *ref = NULL;
    tf_db *db = NULL;
    tf_error err = {0};
    if (tf_refdata_open(&ref) != TF_OK ||
        tf_db_open(dbp, TF_DB_READ, &db, &err) != TF_OK) {
        fprintf(stderr, "tfbench: cannot open %s: %s\n", dbp, err.msg);
        return 4;
    }
    FILE *fig = NULL;
    if (figp && !(fig = fopen(figp, "w"))) {
        fprintf(stderr, "tfbench: cannot write %s\n", figp);
        return 4;
    }
    printf("{\"times_ms\": [");
    int n = 0;
    for (int rep = 0; rep < reps; rep++) {
        FILE *out = rep == 0 ? fig : NULL; /* figures of the first repetition */
        double t0 = now_ms();
        n = 0;
        if (product) {
            const tf_product *p = tf_refdata_product(ref, product);
            if (!p || one(db, ref, p, period, out))
                return 1;
            n = 1;
        } else {
            /* the sweep as one batch: each stored code's rows read once over
             * January of the year before to December (tf_db_batch_begin), for
             * every product and month that selects them */
            char from[16], to[16];
            snprintf(from, sizeof from, "%04d-01", year - 1);
            snprintf(to, sizeof to, "%04d-12", year);
            if (batch && tf_db_batch_begin(db, from, to) != TF_OK)
                return 1;
            for (size_t i = 0; i < tf_refdata_product_count(ref); i++)
                for (int m = 1; m <= 12; m++) {
                    char per[8];
                    snprintf(per, sizeof per, "%04d-%02d", year, m);
                    if (one(db, ref, tf_refdata_product_at(ref, i), per, out))
                        return 1;
                    n++;
                }
            tf_db_batch_end(db);
        }
        printf("%s%.3f", rep ? ", " : "", now_ms() - t0);
    }
    printf("], \"reports\": %d}\n", n);
    if (fig && fclose(fig) != 0)
        return 4;
    tf_db_close(&db);
    tf_refdata_free(&ref);
    return 0;
}
