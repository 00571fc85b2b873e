/*
 * What every command shares: errors and exit codes, option parsing,
 * reference data, the database, the product selection.
 */
#include "cli.h"

const char *const progname = "tradeflow";

int exit_for(tf_status st)
{
    switch (st) {
    case TF_OK: return EXIT_OK;
    case TF_ERR_INPUT: return EXIT_INPUT;
    case TF_ERR_USAGE:
    case TF_ERR_NOT_FOUND: return EXIT_USAGE;
    default: return EXIT_IO;
    }
}

void error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}


/* If argv[i] is option `name`, set *val (NULL for flags) and advance. */
int opt(args *a, const char *name, int takes_value, const char **val, int *bad)
{
    const char *s = a->argv[a->i];
    size_t n = strlen(name);
    if (strncmp(s, name, n) != 0)
        return 0;
    if (s[n] == '=' && takes_value) {
        *val = s + n + 1;
        a->i++;
        return 1;
    }
    if (s[n] != '\0')
        return 0;
    if (!takes_value) {
        a->i++;
        return 1;
    }
    if (a->i + 1 >= a->argc) {
        error("option %s needs a value", name);
        *bad = 1;
        return 1;
    }
    *val = a->argv[a->i + 1];
    a->i += 2;
    return 1;
}


/* The row of table t that argv[a->i] names (by name or alias), or NULL. */
static const opt_spec *find_option(args *a, const opt_spec *t, const char **val, int *bad)
{
    for (; t->name; t++) {
        int takes = t->str != NULL;
        if (opt(a, t->name, takes, val, bad) || (t->alias && opt(a, t->alias, takes, val, bad)))
            return t;
    }
    return NULL;
}

/* *slot = v for option `name`, unless an earlier occurrence (*seen) gave
 * another value: a second value would silently replace the first, so it is
 * refused (a list goes in one option, comma-separated). 0, or EXIT_USAGE. */
int set_once(const char *cmd, const char *name, const char **slot, int *seen, const char *v)
{
    if (*seen && strcmp(*slot, v) != 0) {
        error("%s%s%s given twice ('%s', then '%s'): give it once (an option taking a list "
              "takes it comma-separated; see tradeflow %s%s--help)", cmd ? cmd : "",
              cmd ? ": " : "", name, *slot, v, cmd ? cmd : "", cmd ? " " : "");
        return EXIT_USAGE;
    }
    *slot = v;
    *seen = 1;
    return 0;
}

int parse_options(args *a, const char *cmd, const char *usage, const opt_spec *t,
                  positional *pos)
{
    const char *v = NULL;
    int bad = 0, seen[64] = {0};
    while (a->i < a->argc) {
        const char *s = a->argv[a->i];
        if (opt(a, "--help", 0, &v, &bad) || opt(a, "-h", 0, &v, &bad)) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        const opt_spec *o = find_option(a, t, &v, &bad);
        if (bad)
            return EXIT_USAGE;
        int spare = 0, *once = o && o - t < 64 ? &seen[o - t] : &spare;
        if (o && o->str) {
            if (set_once(cmd, o->name, o->str, once, v))
                return EXIT_USAGE;
        } else if (o)
            *o->flag = 1;
        else if (pos && (s[0] != '-' || s[1] == '\0')) {
            if (pos->n == pos->max) {
                error("%s: at most %d %ss at once", cmd, pos->max, pos->what);
                return EXIT_USAGE;
            }
            pos->v[pos->n++] = s;
            a->i++;
        } else {
            error("%s: unknown %s '%s' (see tradeflow %s --help)", cmd,
                  s[0] == '-' ? "option" : "argument", s, cmd);
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* "2023-03..2023-12, 2024-02, 2022" of ascending periods: runs of
 * consecutive months as FROM..TO, years as they are, a cumulative range as
 * "2025-01..2025-03 (cumulative)". */
static void period_runs(char (*p)[TF_PERIOD_LEN], size_t n, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && at < len; i++) {
        size_t j = i;
        while (j + 1 < n && tf_period_index(p[j]) >= 0 &&
               tf_period_index(p[j + 1]) == tf_period_index(p[j]) + 1)
            j++;
        int w = j > i ? snprintf(buf + at, len - at, "%s%s..%s", at ? ", " : "", p[i], p[j])
                      : snprintf(buf + at, len - at, "%s%s%s", at ? ", " : "", p[i],
                                 tf_period_is_range(p[i]) ? " (cumulative)" : "");
        at += w > 0 ? (size_t)w : 0;
        i = j;
    }
}

/* 1 when sel (of a classification other than HS, with no period) holds
 * periods as HS, the HS family: their runs in buf. */
static int other_classification(tf_db *db, const tf_selection *sel, char *buf, size_t len)
{
    if (!sel->classification || !strcmp(sel->classification, "HS"))
        return 0;
    tf_selection hs = *sel;
    hs.classification = "HS";
    char (*p)[TF_PERIOD_LEN] = NULL;
    size_t n = 0;
    int found = tf_query_periods(db, &hs, &p, &n) == TF_OK && n > 0;
    if (found)
        period_runs(p, n, buf, len);
    free(p);
    return found;
}

int say_no_data(const char *db_name, tf_db *db, const tf_selection *sel, const char *name,
                const char *period, const char *what)
{
    tf_selection all = *sel;
    all.period_from = all.period_to = NULL;
    all.flow = TF_FLOW_NONE;
    all.all_revisions = 0;
    all.currency = NULL;
    char (*p)[TF_PERIOD_LEN] = NULL;
    size_t n = 0;
    tf_status st = tf_query_periods(db, &all, &p, &n);
    if (st != TF_OK) {
        error("%s", tf_db_error(db)->msg[0] ? tf_db_error(db)->msg : tf_strerror(st));
        return exit_for(st);
    }
    char runs[1024];
    period_runs(p, n, runs, sizeof runs);
    if (n)
        error("no import or export data for %s in %s for %s: %s; the data has %s", name,
              db_name, period, what, runs);
    else if (!other_classification(db, &all, runs, sizeof runs))
        error("no import or export data for %s in %s for %s: %s; the data has no period for "
              "it: ingest its data first", name, db_name, period, what);
    else
        error("no import or export data for %s in %s for %s: %s; the data has no row of "
              "classification %s, but holds these codes as HS (UN Comtrade's H0-H6 included) "
              "for %s: give --classification HS (the default)", name, db_name, period, what,
              all.classification, runs);
    free(p);
    return EXIT_NODATA;
}

/* Split "a,b,c" into a NULL-free array of pointers into a copy of s. */
char **split_list(const char *s, size_t *n, char **storage)
{
    *n = 0;
    *storage = strdup(s);
    if (!*storage)
        return NULL;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        if (*p == ',')
            cap++;
    char **v = calloc(cap, sizeof *v);
    if (!v)
        return NULL;
    char *save = NULL;
    for (char *t = strtok_r(*storage, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
        v[(*n)++] = t;
    return v;
}

/* The user's HS crosswalk pairs: ~/.config/tradeflow/hs-crosswalk.csv (or
 * $XDG_CONFIG_HOME/tradeflow/) where present, then the files of
 * $TRADEFLOW_CROSSWALK (':'-separated), added to data/hs-crosswalk.csv. */
static int user_crosswalk(common *c, const char *xdg, const char *home)
{
    char path[1024] = "";
    tf_error err;
    tf_status st = TF_OK;
    if (xdg && *xdg)
        snprintf(path, sizeof path, "%s/tradeflow/hs-crosswalk.csv", xdg);
    else if (home && *home)
        snprintf(path, sizeof path, "%s/.config/tradeflow/hs-crosswalk.csv", home);
    struct stat sb;
    if (path[0] && stat(path, &sb) == 0)
        st = tf_refdata_add_crosswalk(c->ref, path, &err);
    const char *env = getenv("TRADEFLOW_CROSSWALK");
    char *copy = st == TF_OK && env && *env ? strdup(env) : NULL, *save = NULL;
    for (char *t = copy ? strtok_r(copy, ":", &save) : NULL; t && st == TF_OK;
         t = strtok_r(NULL, ":", &save))
        st = tf_refdata_add_crosswalk(c->ref, t, &err);
    free(copy);
    if (st != TF_OK)
        error("%s", err.msg);
    return st != TF_OK ? exit_for(st) : EXIT_OK;
}

int load_refdata(common *c)
{
    if (tf_refdata_open(&c->ref) != TF_OK) {
        error("cannot load the reference tables (out of memory)");
        return EXIT_IO;
    }
    tf_error err;
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char user[1024] = "";
    if (xdg && *xdg)
        snprintf(user, sizeof user, "%s/tradeflow/products.csv", xdg);
    else if (home && *home)
        snprintf(user, sizeof user, "%s/.config/tradeflow/products.csv", home);
    struct stat sb;
    if (user[0] && stat(user, &sb) == 0) {
        tf_status st = tf_refdata_add_products(c->ref, user, &err);
        if (st) {
            error("%s", err.msg);
            return exit_for(st);
        }
    }
    const char *env = getenv("TRADEFLOW_PRODUCTS");
    if (env && *env) {
        char *copy = strdup(env), *save = NULL;
        if (!copy)
            return EXIT_IO;
        for (char *t = strtok_r(copy, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
            tf_status st = tf_refdata_add_products(c->ref, t, &err);
            if (st) {
                error("%s", err.msg);
                free(copy);
                return exit_for(st);
            }
        }
        free(copy);
    }
    const char *wp = c->window_params ? c->window_params : getenv("TRADEFLOW_WINDOW_PARAMS");
    char uwp[1024] = "";
    if (!wp || !*wp) {
        if (xdg && *xdg)
            snprintf(uwp, sizeof uwp, "%s/tradeflow/window-params.csv", xdg);
        else if (home && *home)
            snprintf(uwp, sizeof uwp, "%s/.config/tradeflow/window-params.csv", home);
        if (uwp[0] && stat(uwp, &sb) == 0)
            wp = uwp;
    }
    if (wp && *wp) {
        tf_status st = tf_refdata_add_window_params(c->ref, wp, &err);
        if (st) {
            error("%s", err.msg);
            return exit_for(st);
        }
    }
    int xrc = user_crosswalk(c, xdg, home);
    if (xrc != EXIT_OK)
        return xrc;
    for (int i = 0; i < c->n_products; i++) {
        tf_status st = tf_refdata_add_products(c->ref, c->products[i], &err);
        if (st) {
            error("%s", err.msg);
            return exit_for(st);
        }
    }
    return EXIT_OK;
}

int db_is_directory(const char *db_path)
{
    struct stat sb;
    if (stat(db_path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return 0;
    error("%s: is a directory, not a database file (give --db FILE, e.g. --db %s/tradeflow.db)",
          db_path, db_path);
    return 1;
}

int output_is_database(const char *out, const char *db_path)
{
    struct stat so, sd;
    if (!out || !strcmp(out, "-") || !db_path || stat(out, &so) || stat(db_path, &sd) ||
        so.st_dev != sd.st_dev || so.st_ino != sd.st_ino)
        return 0;
    error("-o %s is the database (%s): writing there would destroy it; give another file",
          out, db_path);
    return 1;
}

int open_db(common *c, tf_open_mode mode, tf_db **db)
{
    tf_error err = {0};
    if (!c->db_path[0] || !strcmp(c->db_path, ":memory:") || !strncmp(c->db_path, "file:", 5)) {
        /* SQLite would use a temporary database and drop everything ingested */
        error("--db needs a file path, not '%s'", c->db_path);
        return EXIT_USAGE;
    }
    if (db_is_directory(c->db_path))
        return EXIT_IO;
    tf_status st = tf_db_open(c->db_path, mode, db, &err);
    if (st != TF_OK) {
        error("%s", err.msg);
        return EXIT_IO;
    }
    return EXIT_OK;
}

void print_warning(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s: warning: %s\n", progname, msg);
}

/* An area code as stored: an ISO alpha-3 code (case-folded), or one of UN
 * Comtrade's special areas (a letter and two letters or digits, e.g. S19).
 * "490", Comtrade's numeric code for "Other Asia, nes", is its stored code S19
 * (see the Comtrade reader). Returns 1 and fills out, or 0. */
int iso3(const char *s, char out[4])
{
    if (strcmp(s, "490") == 0) {
        memcpy(out, "S19", 4);
        return 1;
    }
    if (strlen(s) != 3)
        return 0;
    for (int i = 0; i < 3; i++) {
        char ch = s[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if ((ch < 'A' || ch > 'Z') && (i == 0 || ch < '0' || ch > '9'))
            return 0;
        out[i] = ch;
    }
    out[3] = '\0';
    return 1;
}

/* --currency: CNY or USD in any case. Returns 1 and fills out, or 0. */
int currency_code(const char *s, char out[4])
{
    if (strlen(s) != 3)
        return 0;
    for (int i = 0; i < 3; i++)
        out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    out[3] = '\0';
    return strcmp(out, "CNY") == 0 || strcmp(out, "USD") == 0;
}

int valid_basis(const char *v)
{
    return !strcmp(v, "origin") || !strcmp(v, "consignment") || !strcmp(v, "destination") ||
           !strcmp(v, "trading") || !strcmp(v, "unstated");
}

/* ---- report and history: product selection ---- */


/* "HS 7601,7602" of p's codes into p->label_buf; a list too long for it is cut
 * after a whole code and says how many more there are ("HS 1000,1001 and 1,999
 * more codes"), never in the middle of a code. */
static void code_label(product_sel *p, const char *kind)
{
    const size_t cap = sizeof ((tf_report *)0)->product; /* where the label goes */
    size_t at = (size_t)snprintf(p->label_buf, cap, "%s ", kind), i = 0, all = at;
    for (size_t k = 0; k < p->n_codes; k++)
        all += strlen(p->list[k]) + (k > 0);
    for (; i < p->n_codes; i++) {
        size_t n = strlen(p->list[i]) + (i > 0);
        if (all >= cap && at + n + 24 >= cap)
            break;
        at += (size_t)snprintf(p->label_buf + at, cap - at, "%s%s", i ? "," : "", p->list[i]);
    }
    if (i < p->n_codes) {
        char more[32];
        tf_format_number(more, sizeof more, (double)(p->n_codes - i), 0);
        snprintf(p->label_buf + at, cap - at, " and %s more codes", more);
    }
}

/* A comma-separated code list of option name into p (checked by the
 * library: tf_query_codes_check); an exit code. */
static int code_list(const char *list, const char *name, int allow_total, product_sel *p)
{
    p->list = split_list(list, &p->n_codes, &p->store);
    if (!p->list)
        return EXIT_IO;
    const char *bad = NULL;
    if (tf_query_codes_check((const char *const *)p->list, p->n_codes, allow_total, &bad)) {
        if (bad)
            error("%s takes comma-separated %s, not '%s'", name,
                  allow_total ? "codes (digits or TOTAL)" : "digit codes", bad);
        else
            error("%s needs at least one code", name);
        return EXIT_USAGE;
    }
    p->codes = (const char *const *)p->list;
    code_label(p, allow_total ? "commodity" : "HS");
    p->label = p->label_buf;
    return EXIT_OK;
}

int resolve_product(common *c, const char *product, const char *hs, product_sel *p)
{
    memset(p, 0, sizeof *p);
    if (product && hs) {
        error("give --product or --hs, not both");
        return EXIT_USAGE;
    }
    if (product) {
        const tf_product *pr = tf_refdata_product_by_name(c->ref, product); /* as note reads it */
        if (!pr) {
            error("unknown product '%s' (see tradeflow products)", product);
            return EXIT_USAGE;
        }
        p->label = pr->name;
        p->codes = pr->codes;
        p->n_codes = pr->n_codes;
        return EXIT_OK;
    }
    if (!hs) {
        error("give --product NAME or --hs CODES");
        return EXIT_USAGE;
    }
    return code_list(hs, "--hs", 0, p);
}

int resolve_selection(common *c, const char *product, const char *hs, const char *commodity,
                      product_sel *p)
{
    memset(p, 0, sizeof *p);
    if (commodity && (product || hs)) {
        error("give one of --product, --hs or --commodity");
        return EXIT_USAGE;
    }
    if (!commodity)
        return resolve_product(c, product, hs, p);
    return code_list(commodity, "--commodity", 1, p);
}

int open_selection(common *c, const char *product, const char *hs, const char *commodity,
                   product_sel *p, tf_db **db)
{
    *db = NULL;
    memset(p, 0, sizeof *p);
    int rc = load_refdata(c);
    if (rc == EXIT_OK)
        rc = resolve_selection(c, product, hs, commodity, p);
    if (rc == EXIT_OK)
        rc = open_db(c, TF_DB_READ, db);
    if (rc != EXIT_OK)
        product_sel_free(p);
    return rc;
}

void product_sel_free(product_sel *p)
{
    free(p->list);
    free(p->store);
}

