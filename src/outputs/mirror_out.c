/* Mirror statistics as text or JSON. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outputs.h"
#include "tradeflow/mirror.h"

static json_t *opt_json(tf_opt o) { return o.has ? json_real(o.v) : json_null(); }

static json_t *side_json(const tf_mirror_side *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "value", opt_json(s->value));
    json_object_set_new(o, "valuation", s->valuation[0] ? json_string(s->valuation) : json_null());
    json_object_set_new(o, "valuation_basis",
                        !s->valuation[0]        ? json_null()
                        : s->valuation_by_rule ? json_string("reporter's rule")
                                                : json_string("stated"));
    json_object_set_new(o, "unit_value_per_t", opt_json(s->unit_value));
    json_object_set_new(o, "currency", s->currency[0] ? json_string(s->currency) : json_null());
    json_object_set_new(o, "cif", opt_json(s->cif));
    json_object_set_new(o, "fob", opt_json(s->fob));
    json_object_set_new(o, "quantity_t", opt_json(s->quantity));
    json_object_set_new(o, "records", json_integer((json_int_t)s->records));
    json_object_set_new(o, "classification",
                        s->classification[0] ? json_string(s->classification) : json_null());
    return o;
}

static json_t *codes_json(const tf_mirror_row *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_codes; i++) {
        const tf_mirror_code *c = &r->codes[i];
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(c->code));
        json_object_set_new(o, "reporter_value", opt_json(c->own));
        json_object_set_new(o, "partner_value", opt_json(c->mirror));
        json_object_set_new(o, "value_ratio", opt_json(c->ratio));
        json_object_set_new(o, "gap_pct_of_exporter", opt_json(c->gap_pct));
        json_object_set_new(o, "extreme_asymmetry", json_boolean(c->extreme));
        json_object_set_new(o, "special", c->special ? json_string(c->special) : json_null());
        json_array_append_new(a, o);
    }
    return a;
}

static void num(char *buf, size_t len, tf_opt o, int decimals)
{
    if (o.has)
        tf_format_number(buf, len, o.v, decimals);
    else
        snprintf(buf, len, "n/a");
}

static void text_side(FILE *out, const char *label, const tf_mirror_side *s)
{
    char v[48], q[48], u[48];
    num(v, sizeof v, s->value, 0);
    num(q, sizeof q, s->quantity, 1);
    num(u, sizeof u, s->unit_value, 0);
    fprintf(out, "  %-44s %22s %-3s %-3s %16s t %12s %s/t\n", label, v,
            s->currency[0] ? s->currency : "", s->valuation[0] ? s->valuation : "-", q, u,
            s->currency[0] ? s->currency : "value");
}

/* The gap %, the extreme flag and the codes to name under a row. */
static void text_flags(FILE *out, const tf_mirror_row *r)
{
    char p[48];
    if (r->gap_pct.has) {
        tf_format_number(p, sizeof p, r->gap_pct.v, 1);
        fprintf(out, "  %-44s %21s%%\n", "gap, importer - exporter, % of exporter", p);
    }
    if (r->extreme)
        fprintf(out, "  ! extreme asymmetry: ratio above %g or below %g\n", TF_MIRROR_EXTREME,
                1.0 / TF_MIRROR_EXTREME);
    for (size_t i = 0; i < r->n_codes; i++) {
        const tf_mirror_code *c = &r->codes[i];
        if (!c->extreme && !c->special)
            continue;
        char ra[32];
        num(ra, sizeof ra, c->ratio, 3);
        fprintf(out, "  ! code %s%s%s: ratio %s%s\n", c->code, c->special ? ", " : "",
                c->special ? c->special : "", ra, c->extreme ? ", extreme asymmetry" : "");
    }
}

enum { LABEL_WIDTH = 44, LABEL_MAX = 320 };

/* The two rows' labels of one direction, by the countries' display names
 * ("China imports from Russia", "Russia exports to China (mirror)"); by
 * their codes, which the heading defines, where a name would overflow the
 * label column. */
static void side_labels(const tf_mirror *m, int direction, char l1[LABEL_MAX],
                        char l2[LABEL_MAX])
{
    for (int by_code = 0; by_code < 2; by_code++) {
        const char *rep = by_code || !m->reporter_name[0] ? m->reporter : m->reporter_name;
        const char *par = by_code || !m->partner_name[0] ? m->partner : m->partner_name;
        const char *v1 = direction == 0 ? "imports from" : "exports to";
        const char *v2 = direction == 0 ? "exports to" : "imports from";
        snprintf(l1, LABEL_MAX, "%s %s %s", rep, v1, par);
        snprintf(l2, LABEL_MAX, "%s %s %s (mirror)", par, v2, rep);
        if (strlen(l1) <= LABEL_WIDTH && strlen(l2) <= LABEL_WIDTH)
            return;
    }
}

tf_status tf_mirror_write(FILE *out, const tf_mirror *m, tf_output_format fmt)
{
    if (fmt == TF_OUT_JSON) {
        json_t *o = json_object(), *rows = json_array(), *notes = json_array();
        json_object_set_new(o, "reporter", json_string(m->reporter));
        json_object_set_new(o, "partner", json_string(m->partner));
        json_object_set_new(o, "reporter_name", json_string(m->reporter_name));
        json_object_set_new(o, "partner_name", json_string(m->partner_name));
        json_object_set_new(o, "classification", json_string(m->classification));
        for (size_t i = 0; i < m->n_rows; i++) {
            const tf_mirror_row *r = &m->rows[i];
            json_t *j = json_object();
            json_object_set_new(j, "period", json_string(r->period));
            json_object_set_new(j, "direction", json_string(r->direction == 0
                                                                ? "reporter_imports"
                                                                : "reporter_exports"));
            json_object_set_new(j, "reporter_side", side_json(&r->own));
            json_object_set_new(j, "partner_side", side_json(&r->mirror));
            json_object_set_new(j, "value_gap", opt_json(r->value_gap));
            json_object_set_new(j, "value_ratio", opt_json(r->value_ratio));
            json_object_set_new(j, "fob_gap", opt_json(r->fob_gap));
            json_object_set_new(j, "fob_ratio", opt_json(r->fob_ratio));
            json_object_set_new(j, "quantity_gap_t", opt_json(r->quantity_gap));
            json_object_set_new(j, "quantity_ratio", opt_json(r->quantity_ratio));
            json_object_set_new(j, "gap_pct_of_exporter", opt_json(r->gap_pct));
            json_object_set_new(j, "extreme_asymmetry", json_boolean(r->extreme));
            json_object_set_new(j, "codes", codes_json(r));
            json_array_append_new(rows, j);
        }
        for (size_t i = 0; i < m->n_notes; i++)
            json_array_append_new(notes, json_string(m->notes[i]));
        json_object_set_new(o, "rows", rows);
        json_object_set_new(o, "notes", notes);
        return tf_json_emit(out, o);
    }
    if (fmt != TF_OUT_TEXT)
        return TF_ERR_USAGE;
    fprintf(out, "Mirror statistics: %s (%s) and %s (%s), %s\n", m->reporter_name, m->reporter,
            m->partner_name, m->partner, m->classification);
    fprintf(out, "Imports are valued CIF, exports FOB: a ratio above 1 on imports is expected "
                 "(freight and insurance).\n");
    fprintf(out, "Flagged (!): a ratio above %g or below %g, for the total or any one code, and "
                 "codes that name no goods.\n", TF_MIRROR_EXTREME, 1.0 / TF_MIRROR_EXTREME);
    for (size_t i = 0; i < m->n_rows; i++) {
        const tf_mirror_row *r = &m->rows[i];
        char l1[LABEL_MAX], l2[LABEL_MAX], g[48], ra[32], fg[48], fr[32], qg[48], qr[32];
        side_labels(m, r->direction, l1, l2);
        if (i == 0 || strcmp(r->period, m->rows[i - 1].period) != 0)
            fprintf(out, "\n%s\n", r->period);
        text_side(out, l1, &r->own);
        text_side(out, l2, &r->mirror);
        num(g, sizeof g, r->value_gap, 0);
        num(ra, sizeof ra, r->value_ratio, 3);
        fprintf(out, "  %-44s %22s     ratio %s\n", "gap (reporter - mirror)", g, ra);
        if (r->fob_gap.has) {
            num(fg, sizeof fg, r->fob_gap, 0);
            num(fr, sizeof fr, r->fob_ratio, 3);
            fprintf(out, "  %-44s %22s     ratio %s\n", "gap, FOB on both sides", fg, fr);
        }
        if (r->quantity_gap.has) {
            num(qg, sizeof qg, r->quantity_gap, 1);
            num(qr, sizeof qr, r->quantity_ratio, 3);
            fprintf(out, "  %-44s %22s t   ratio %s\n", "quantity gap", qg, qr);
        }
        text_flags(out, r);
    }
    if (m->n_rows == 0)
        fprintf(out, "\nno data for the selection\n");
    for (size_t i = 0; i < m->n_notes; i++)
        fprintf(out, "note: %s\n", m->notes[i]);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
