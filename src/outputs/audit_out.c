/*
 * The audit's findings and claims, as text and JSON.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../audit/audit_int.h"
#include "../common/util.h"
#include "outputs.h"
#include "tradeflow/audit.h"

static json_t *stated_obj(const tf_stated *s)
{
    if (!s->has)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "value", json_real(s->value));
    json_object_set_new(o, "interval", json_pack("[f,f]", s->lo, s->hi));
    json_object_set_new(o, "text", json_string(s->text));
    json_object_set_new(o, "span", json_pack("[I,I]", (json_int_t)s->start, (json_int_t)s->end));
    return o;
}

static json_t *sentence_str(const tf_audit *a, const tf_claim *c)
{
    const tf_note *n = &a->notes[c->note];
    if (c->sent_end <= c->sent_start || c->sent_end > n->len)
        return json_null();
    return json_stringn(n->text + c->sent_start, c->sent_end - c->sent_start);
}

static json_t *claim_obj(const tf_audit *a, const tf_claim *c)
{
    json_t *o = json_object();
    char per[32];
    tf_period_key(c->period, per, sizeof per);
    json_object_set_new(o, "file", json_string(a->notes[c->note].path));
    json_object_set_new(o, "metric", json_string(tf_metric_name(c->metric)));
    json_object_set_new(o, "product", c->product[0] ? json_string(c->product) : json_null());
    json_object_set_new(o, "partner", json_string(c->partner));
    if (c->group[0]) /* a share several partners hold together: their codes */
        json_object_set_new(o, "group", json_string(c->group));
    json_object_set_new(o, "period", json_string(per));
    json_object_set_new(o, "period_named", json_boolean(c->period_named));
    json_object_set_new(o, "unit", json_string(c->unit));
    json_object_set_new(o, "value", stated_obj(&c->quantity));
    json_object_set_new(o, "mom_pct", stated_obj(&c->mom));
    json_object_set_new(o, "yoy_pct", stated_obj(&c->yoy));
    json_object_set_new(o, "share_pct", stated_obj(&c->share));
    json_object_set_new(o, "mom_change", stated_obj(&c->mom_diff));
    json_object_set_new(o, "yoy_change", stated_obj(&c->yoy_diff));
    json_object_set_new(o, "share_change_pp", stated_obj(&c->share_pp));
    json_object_set_new(o, "share_change_basis",
                        c->share_pp_back == 1    ? json_string("mom")
                        : c->share_pp_back == 12 ? json_string("yoy")
                                                 : json_null());
    json_object_set_new(o, "growth_as_fraction", json_boolean(c->growth_fraction));
    if (c->share.has) {
        tf_period_key(c->share_of, per, sizeof per);
        json_object_set_new(o, "share_of", json_string(per));
    }
    const tf_note *n = &a->notes[c->note];
    json_object_set_new(o, "sentence_span",
                        json_pack("[I,I]", (json_int_t)tf_note_char_offset(n, c->sent_start),
                                  (json_int_t)tf_note_char_offset(n, c->sent_end)));
    json_object_set_new(o, "sentence", sentence_str(a, c));
    return o;
}

static json_t *notes_arr(const tf_audit *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->n_notes; i++) {
        const tf_note *n = &a->notes[i];
        char per[16] = "";
        if (n->period >= 0)
            tf_fmt(per, sizeof per, "%04d-%02d", tf_mi_year(n->period), tf_mi_month(n->period));
        json_array_append_new(
            arr, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "file", n->path, "hs",
                           n->hs[0] ? json_string(n->hs) : json_null(), "date",
                           n->date[0] ? json_string(n->date) : json_null(), "period",
                           per[0] ? json_string(per) : json_null(), "publisher",
                           n->publisher[0] ? json_string(n->publisher) : json_null(), "skipped",
                           n->skipped[0] ? json_string(n->skipped) : json_null()));
    }
    return arr;
}

tf_status tf_audit_claims_write(FILE *out, const tf_audit *a)
{
    json_t *root = json_object();
    json_t *arr = json_array();
    for (size_t i = 0; i < a->n_claims; i++)
        json_array_append_new(arr, claim_obj(a, &a->claims[i]));
    json_object_set_new(root, "notes", notes_arr(a));
    json_object_set_new(root, "claims", arr);
    return tf_json_emit(out, root);
}

tf_status tf_audit_write(FILE *out, const tf_audit *a, int json)
{
    if (json) {
        json_t *root = json_object();
        json_object_set_new(root, "notes", notes_arr(a));
        json_object_set_new(root, "claims", json_integer((json_int_t)a->n_claims));
        json_object_set_new(root, "equations", json_integer((json_int_t)a->n_equations));
        json_object_set_new(root, "failed", json_integer((json_int_t)a->n_failed));
        json_object_set_new(root, "errors", json_integer((json_int_t)tf_audit_errors(a)));
        json_t *arr = json_array();
        for (size_t i = 0; i < a->n_findings; i++) {
            const tf_finding *f = &a->findings[i];
            const tf_claim *c = &a->claims[f->claim];
            json_t *o = json_object();
            json_object_set_new(o, "file", json_string(a->notes[f->note].path));
            json_object_set_new(o, "severity", json_string(tf_severity_name(f->severity)));
            json_object_set_new(o, "kind", json_string(f->kind));
            json_object_set_new(o, "field", json_string(f->field));
            json_object_set_new(o, "sentence", sentence_str(a, c));
            json_object_set_new(o, "span",
                                json_pack("[I,I]", (json_int_t)f->start, (json_int_t)f->end));
            json_object_set_new(o, "stated", json_real(f->stated));
            json_object_set_new(o, "proposed", f->has_proposed ? json_real(f->proposed) : json_null());
            json_object_set_new(o, "proposed_text",
                                f->proposed_text[0] ? json_string(f->proposed_text) : json_null());
            json_object_set_new(o, "confidence", json_real(round(f->confidence * 100) / 100));
            json_object_set_new(o, "equation", json_string(f->equation));
            json_object_set_new(o, "evidence", json_string(f->evidence));
            json_object_set_new(o, "claim", claim_obj(a, c));
            json_array_append_new(arr, o);
        }
        json_object_set_new(root, "findings", arr);
        return tf_json_emit(out, root);
    }
    size_t errors = tf_audit_errors(a);
    for (size_t i = 0; i < a->n_notes; i++)
        if (a->notes[i].skipped[0])
            fprintf(out, "%s: skipped: %s\n\n", a->notes[i].path, a->notes[i].skipped);
    for (size_t i = 0; i < a->n_findings; i++) {
        const tf_finding *f = &a->findings[i];
        const tf_note *n = &a->notes[f->note];
        const tf_claim *c = &a->claims[f->claim];
        size_t line, col;
        tf_note_line_col(n, f->start, &line, &col);
        fprintf(out, "%s:%zu:%zu: %s: %s (%s)\n", n->path, line, col,
                tf_severity_name(f->severity), f->kind, f->field);
        if (c->sent_end > c->sent_start && c->sent_end <= n->len)
            fprintf(out, "  sentence:  %.*s\n", (int)(c->sent_end - c->sent_start),
                    n->text + c->sent_start);
        fprintf(out, "  equation:  %s\n", f->equation);
        if (f->proposed_text[0])
            fprintf(out, "  proposed:  %s (confidence %.2f)\n", f->proposed_text, f->confidence);
        fprintf(out, "  evidence:  %s\n\n", f->evidence);
    }
    fprintf(out, "%zu note%s, %zu claim%s, %zu equation%s checked, %zu failed; %zu error%s, "
                 "%zu finding%s in all\n",
            a->n_notes, a->n_notes == 1 ? "" : "s", a->n_claims, a->n_claims == 1 ? "" : "s",
            a->n_equations, a->n_equations == 1 ? "" : "s", a->n_failed, errors,
            errors == 1 ? "" : "s", a->n_findings, a->n_findings == 1 ? "" : "s");
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
