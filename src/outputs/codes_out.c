/* Per-code figures across an HS edition change as text or JSON
 * (tradeflow/hscodes.h). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outputs.h"
#include "tradeflow/hscodes.h"

static json_t *opt_json(tf_opt o) { return o.has ? json_real(o.v) : json_null(); }

static json_t *changes_json(const tf_code_changes *c)
{
    json_t *o = json_object(), *codes = json_array(), *groups = json_array();
    json_object_set_new(o, "flow", json_string(tf_flow_name(c->flow)));
    json_object_set_new(o, "period", json_string(c->period));
    json_object_set_new(o, "before", json_string(c->before));
    json_object_set_new(o, "edition", json_integer(c->edition_now));
    json_object_set_new(o, "edition_before", json_integer(c->edition_before));
    json_object_set_new(o, "unit", json_string(c->unit));
    for (size_t i = 0; i < c->n_codes; i++) {
        const tf_code_yoy *r = &c->codes[i];
        json_t *j = json_object();
        json_object_set_new(j, "code", json_string(r->code));
        json_object_set_new(j, "value", opt_json(r->now));
        json_object_set_new(j, "value_before", opt_json(r->before));
        json_object_set_new(j, "yoy_pct", opt_json(r->yoy_pct));
        json_object_set_new(j, "reason", r->reason[0] ? json_string(r->reason) : json_null());
        json_object_set_new(j, "group", r->group >= 0 ? json_integer(r->group) : json_null());
        json_array_append_new(codes, j);
    }
    for (size_t i = 0; i < c->n_groups; i++) {
        const tf_code_group *g = &c->groups[i];
        json_t *j = json_object();
        json_object_set_new(j, "old_codes", json_string(g->old_codes));
        json_object_set_new(j, "new_codes", json_string(g->new_codes));
        json_object_set_new(j, "outside_selection",
                            g->outside[0] ? json_string(g->outside) : json_null());
        json_object_set_new(j, "value", opt_json(g->now));
        json_object_set_new(j, "value_before", opt_json(g->before));
        json_object_set_new(j, "yoy_pct", opt_json(g->yoy_pct));
        json_object_set_new(j, "source", json_string(g->source));
        json_array_append_new(groups, j);
    }
    json_object_set_new(o, "codes", codes);
    json_object_set_new(o, "groups", groups);
    return o;
}

static void fig(char *buf, size_t len, tf_opt v, const char *unit)
{
    tf_out_figure(buf, len, v, unit);
}

static void text_changes(FILE *out, const tf_code_changes *c)
{
    const char *label = c->product_name;
    fprintf(out, "%s of %s by code, %s against %s (HS%d against HS%d)\n",
            c->flow == TF_FLOW_IMPORT ? "Imports" : "Exports", label, c->period, c->before,
            c->edition_now, c->edition_before);
    fprintf(out, "  %-10s %16s %16s %9s\n", "Code", c->period, c->before, "YoY");
    for (size_t i = 0; i < c->n_codes; i++) {
        const tf_code_yoy *r = &c->codes[i];
        char a[48], b[48], y[32];
        fig(a, sizeof a, r->now, c->unit);
        fig(b, sizeof b, r->before, c->unit);
        tf_out_pct(y, sizeof y, r->yoy_pct, "%");
        fprintf(out, "  %-10s %16s %16s %9s%s%s\n", r->code, a, b, y, r->reason[0] ? "  " : "",
                r->reason);
    }
    for (size_t i = 0; i < c->n_groups; i++) {
        const tf_code_group *g = &c->groups[i];
        char a[48], b[48];
        fig(a, sizeof a, g->now, c->unit);
        fig(b, sizeof b, g->before, c->unit);
        fprintf(out, "  group HS%d %s -> HS%d %s: ", c->edition_before, g->old_codes,
                c->edition_now, g->new_codes);
        if (g->outside[0])
            fprintf(out, "no counterpart: the selection leaves out %s of the group, so the "
                         "selected codes have no counterpart of their own; no YoY\n",
                    g->outside);
        else {
            char y[32];
            tf_out_pct(y, sizeof y, g->yoy_pct, "%");
            fprintf(out, "%s against %s, YoY %s\n", a, b, y);
        }
    }
    if (c->n_codes == 0)
        fprintf(out, "  no rows in either period\n");
}

tf_status tf_code_changes_write(FILE *out, tf_code_changes *const *c, size_t n,
                                const char *label, tf_output_format fmt)
{
    if (fmt == TF_OUT_JSON) {
        json_t *o = json_object(), *flows = json_array();
        json_object_set_new(o, "product", json_string(label));
        for (size_t i = 0; i < n; i++)
            json_array_append_new(flows, changes_json(c[i]));
        json_object_set_new(o, "flows", flows);
        return tf_json_emit(out, o);
    }
    if (fmt != TF_OUT_TEXT)
        return TF_ERR_USAGE;
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc('\n', out);
        text_changes(out, c[i]);
    }
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
