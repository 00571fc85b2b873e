/* A written note as text, Markdown, JSON (docs/note-json.md) or HTML. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradeflow/outlook.h"
#include "doc.h"
#include "write.h"
#include "../common/util.h"

tf_status tf_note_write(const tf_note_model *m, const char *lang, tf_note_doc **out)
{
    *out = NULL;
    if (!lang || (strcmp(lang, "en") && strcmp(lang, "zh")))
        return TF_ERR_USAGE;
    tf_note_doc *d = calloc(1, sizeof *d);
    if (!d)
        return TF_ERR_NOMEM;
    tf_scopy(d->lang, sizeof d->lang, lang);
    tf_scopy(d->product_zh, sizeof d->product_zh, m->product_zh);
    tf_scopy(d->reporter_zh, sizeof d->reporter_zh, m->reporter_zh);
    nd b = {.d = d};
    if (!strcmp(lang, "en"))
        tf_note_write_en(&b, m);
    else
        tf_note_write_zh(&b, m);
    if (b.oom || !d->text) {
        tf_note_doc_free(&d);
        return TF_ERR_NOMEM;
    }
    *out = d;
    return TF_OK;
}

/* The note's outlook paragraph without its label, written from o alone: the
 * forecast formulas name o->period as the data's last month. */
tf_status tf_outlook_paragraph(const tf_outlook *o, int zh, char *buf, size_t len)
{
    if (!buf || len < 64)
        return TF_ERR_USAGE;
    buf[0] = '\0';
    tf_report *r = calloc(1, sizeof *r);
    tf_note_model *m = calloc(1, sizeof *m);
    tf_note_doc *d = calloc(1, sizeof *d);
    tf_status st = r && m && d ? TF_OK : TF_ERR_NOMEM;
    if (st == TF_OK) {
        tf_scopy(r->period, sizeof r->period, o->period);
        m->report = r;
        nd_outlook_of(&m->outlook, o);
        nd b = {.d = d};
        if (zh)
            tf_note_write_outlook_zh(&b, m);
        else
            tf_note_write_outlook_en(&b, m);
        const char *label = zh ? "展望：" : "Outlook: ";
        const char *t = d->text ? d->text : "";
        if (b.oom)
            st = TF_ERR_NOMEM;
        else
            tf_scopy(buf, len, !strncmp(t, label, strlen(label)) ? t + strlen(label) : t);
    }
    tf_note_doc_free(&d);
    free(m);
    free(r);
    return st;
}

/* Byte offset of character offset chr in s. */
static size_t byte_at(const char *s, size_t chr)
{
    size_t i = 0, c = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == chr)
                return i;
            c++;
        }
    }
    return i;
}

static json_t *claim_json(const tf_note_claim *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "metric", json_string(c->metric));
    json_object_set_new(o, "field", json_string(c->field));
    json_object_set_new(o, "partner", json_string(c->partner));
    json_object_set_new(o, "basis", json_string(c->basis));
    if (c->trade_mode[0])
        json_object_set_new(o, "trade_mode", json_string(c->trade_mode));
    json_object_set_new(o, "period", json_string(c->period));
    json_object_set_new(o, "value", json_real(c->value));
    json_object_set_new(o, "exact", json_real(c->exact));
    json_object_set_new(o, "unit", json_string(c->unit));
    json_object_set_new(o, "printed", json_string(c->printed));
    json_object_set_new(o, "span", json_pack("[II]", (json_int_t)c->start, (json_int_t)c->end));
    json_object_set_new(o, "formula", json_string(c->formula));
    return o;
}

static tf_status write_json(FILE *out, const tf_note_doc *d)
{
    json_t *root = json_object(), *paras = json_array(), *claims = json_array();
    json_object_set_new(root, "lang", json_string(d->lang));
    json_object_set_new(root, "text", json_string(d->text));
    for (size_t i = 0; i < d->n_paras; i++) {
        size_t a = byte_at(d->text, d->paras[i][0]), z = byte_at(d->text, d->paras[i][1]);
        json_array_append_new(paras, json_stringn(d->text + a, z - a));
    }
    for (size_t i = 0; i < d->n_claims; i++)
        json_array_append_new(claims, claim_json(&d->claims[i]));
    json_object_set_new(root, "paragraphs", paras);
    json_object_set_new(root, "claims", claims);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(root);
    fputc('\n', out);
    return rc == 0 ? TF_OK : TF_ERR_IO;
}

static void html_escaped(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(s[i], out);
        }
    }
}

static void paragraphs_html(FILE *out, const tf_note_doc *d)
{
    for (size_t i = 0; i < d->n_paras; i++) {
        size_t a = byte_at(d->text, d->paras[i][0]), z = byte_at(d->text, d->paras[i][1]);
        fputs(i == 0 ? "<h1>" : "<p>", out);
        html_escaped(out, d->text + a, z - a);
        fputs(i == 0 ? "</h1>\n" : "</p>\n", out);
    }
}

static tf_status write_html(FILE *out, const tf_note_doc *d, const tf_chart_data *cd)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                 "<title>",
            d->lang);
    size_t z = d->n_paras ? byte_at(d->text, d->paras[0][1]) : 0;
    html_escaped(out, d->text, z);
    fputs("</title>\n<style>body{font-family:'Noto Sans','Noto Sans CJK SC',Arial,sans-serif;"
          "margin:0 auto;padding:12px;max-width:820px;line-height:1.5;color:#222}"
          "h1{font-size:1.4em}figure{margin:14px 0;break-inside:avoid}"
          "svg{width:100%;height:auto;display:block}</style></head><body>\n<article>\n",
          out);
    paragraphs_html(out, d);
    fputs("</article>\n", out);
    tf_chart_opts co = {.lang_zh = !strcmp(d->lang, "zh"), .top = 5,
                        .product_zh = d->product_zh, .reporter_zh = d->reporter_zh};
    for (int k = 0; cd && k < TF_CHART_COUNT; k++) {
        if (!tf_chart_available(cd, (tf_chart_kind)k))
            continue;
        fputs("<figure>\n", out);
        if (tf_chart_write_svg(out, cd, (tf_chart_kind)k, &co) != TF_OK)
            return TF_ERR_IO;
        fputs("</figure>\n", out);
    }
    fputs("</body></html>\n", out);
    return ferror(out) ? TF_ERR_IO : TF_OK;
}

tf_status tf_note_doc_output(FILE *out, const tf_note_doc *d, const char *format,
                             const tf_chart_data *cd)
{
    if (!strcmp(format, "json"))
        return write_json(out, d);
    if (!strcmp(format, "html"))
        return write_html(out, d, cd);
    if (!strcmp(format, "text")) {
        fputs(d->text, out);
        fputc('\n', out);
    } else if (!strcmp(format, "md")) {
        for (size_t i = 0; i < d->n_paras; i++) {
            size_t a = byte_at(d->text, d->paras[i][0]), z = byte_at(d->text, d->paras[i][1]);
            fprintf(out, "%s%.*s\n", i == 0 ? "# " : "\n", (int)(z - a), d->text + a);
        }
    } else
        return TF_ERR_USAGE;
    return ferror(out) ? TF_ERR_IO : TF_OK;
}
