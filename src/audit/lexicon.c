/*
 * Notes in Russian and French, read by the English extractor.
 *
 * The language of a text is told from its words (Cyrillic ones; French function
 * words against English ones). In a Russian or French text a comma is the decimal
 * mark and a blank, a no-break space (U+00A0) or a narrow one (U+202F, U+2009)
 * groups thousands, so its numbers are read again ("89 500", "20 684 045,155",
 * "7,1"). Then the phrases of data/audit-lexicon.csv (lang,phrase,english; a word
 * ending in '*' is a stem: "импорт*" is импорт, импорта, импортом …) become the
 * English tokens they stand for, longest phrase first, each English token spanning
 * the bytes of the whole source phrase, so a figure's and a word's span stay those
 * of the original text. Words the lexicon does not know are left as they are.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "lexicon.h"

extern const unsigned char tf_data_audit_lexicon[];
extern const size_t tf_data_audit_lexicon_len;

enum { LEX_MAXW = 8 };

typedef struct lexent {
    tf_audit_lang lang;
    size_t nw;                  /* source tokens */
    const char *w[LEX_MAXW];    /* lower-case word, or a one-character symbol */
    int stem[LEX_MAXW];         /* the word is a stem ("импорт*") */
    const char *en;             /* the English phrase ("" drops the source phrase) */
} lexent;

typedef struct lexicon {
    lexent *v;
    size_t n;
    char *buf;                  /* the file's text, cut into the strings above */
} lexicon;

/* ------------------------------------------------------------- characters */

/* Bytes of a blank that groups thousands at s[0..left): ' ', U+00A0, U+2009,
 * U+202F; 0 when none. */
static size_t group_blank(const unsigned char *s, size_t left)
{
    if (left >= 1 && s[0] == ' ')
        return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x89))
        return 3;
    return 0;
}

/* One character of s[0..left) lower-cased into out (ASCII, Cyrillic А-Я and Ё as
 * е, Latin-1 capitals); the bytes read. */
static size_t lower_char(const unsigned char *s, size_t left, unsigned char out[2], size_t *no)
{
    if (s[0] < 0x80 || left < 2 || (s[0] & 0xE0) != 0xC0) { /* ASCII, or a byte copied */
        out[0] = (unsigned char)tolower(s[0]);
        *no = 1;
        return 1;
    }
    unsigned a = s[0], b = s[1];
    if (a == 0xD0 && b >= 0x90 && b <= 0x9F)
        b += 0x20;                       /* А-П */
    else if (a == 0xD0 && b >= 0xA0 && b <= 0xAF)
        a = 0xD1, b -= 0x20;             /* Р-Я */
    else if ((a == 0xD0 && b == 0x81) || (a == 0xD1 && b == 0x91))
        a = 0xD0, b = 0xB5;              /* Ё, ё: е */
    else if (a == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
        b += 0x20;                       /* À-Þ */
    out[0] = (unsigned char)a;
    out[1] = (unsigned char)b;
    *no = 2;
    return 2;
}

/* text[b, e) lower-cased into out (NUL-ended, cut at cap). */
static void lower_span(const char *text, size_t b, size_t e, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0;
    while (b < e) {
        unsigned char c[2];
        size_t nc;
        size_t used = lower_char(s + b, e - b, c, &nc);
        if (o + nc >= cap)
            break;
        for (size_t k = 0; k < nc; k++)
            out[o++] = (char)c[k];
        b += used;
    }
    out[o] = '\0';
}

/* 1 when the letter at s starts upper-case (ASCII, Cyrillic, Latin-1). */
static int upper_at(const unsigned char *s, size_t left)
{
    if (s[0] < 0x80)
        return isupper(s[0]) != 0;
    if (left < 2)
        return 0;
    return (s[0] == 0xD0 && s[1] >= 0x81 && s[1] <= 0xAF) ||
           (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97);
}

/* ------------------------------------------------------------- language */

static int word_of(const char *w, size_t n, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (strlen(list[k]) == n && !memcmp(w, list[k], n))
            return 1;
    return 0;
}

/* A byte of a word: a letter, or a byte of a UTF-8 character other than a blank or
 * the punctuation of U+2000..U+203F (dashes, quotes). */
static int letter_at(const unsigned char *s, size_t left)
{
    if (s[0] < 0x80)
        return isalpha(s[0]) != 0;
    return !group_blank(s, left) && !(s[0] == 0xE2 && left >= 2 && s[1] == 0x80);
}

tf_audit_lang tf_audit_text_lang(const char *text, size_t b, size_t e)
{
    static const char *const en[] = {"the", "of", "and", "in", "to", "from", "was", "were", NULL};
    static const char *const fr[] = {"les", "des", "du", "et", "la", "le", "en", "une", "est", NULL};
    const unsigned char *s = (const unsigned char *)text;
    size_t ne = 0, nf = 0, ncyr = 0, nwords = 0;
    for (size_t i = b; i < e;) {
        if (!letter_at(s + i, e - i)) {
            i++;
            while (i < e && (s[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        size_t j = i;
        char w[8];
        size_t n = 0;
        while (j < e && letter_at(s + j, e - j)) {
            if (n < sizeof w)
                w[n++] = (char)tolower(s[j]);
            j++;
        }
        nwords++;
        ncyr += s[i] == 0xD0 || s[i] == 0xD1;
        ne += n < sizeof w && word_of(w, n, en);
        nf += n < sizeof w && word_of(w, n, fr);
        i = j;
    }
    if (nwords && ncyr * 5 > nwords)
        return TF_LANG_RU;
    return ne >= nf ? TF_LANG_EN : TF_LANG_FR;
}

/* ------------------------------------------------------------- the lexicon */

/* The words of phrase p[0..n) into x->w, lower-cased and copied to *arena: runs of
 * letters (a trailing '*' makes a stem), and every other character but a blank a
 * symbol of its own, as the tokenizer cuts text ("d'aluminium", "г/г", "тыс. т").
 * 0, or -1 when the phrase is empty or has too many words. */
static int lex_words(const char *p, size_t n, lexent *x, char **arena)
{
    const unsigned char *s = (const unsigned char *)p;
    x->nw = 0;
    for (size_t i = 0; i < n;) {
        size_t gb = group_blank(s + i, n - i);
        if (gb) {
            i += gb;
            continue;
        }
        if (x->nw == LEX_MAXW)
            return -1;
        size_t j = i + 1;
        if (letter_at(s + i, n - i))
            while (j < n && letter_at(s + j, n - j))
                j++;
        else if (s[i] == 0xE2 && i + 2 < n)
            j = i + 3;
        x->stem[x->nw] = j < n && s[j] == '*';
        lower_span(p, i, j, *arena, 64);
        x->w[x->nw++] = *arena;
        *arena += strlen(*arena) + 1;
        i = j + (size_t)x->stem[x->nw - 1];
    }
    return x->nw ? 0 : -1;
}

/* One line "lang,phrase,english" into x; the English phrase is copied to *arena.
 * 0, or -1 when the line is not one (the header, a comment, another language). */
static int lex_line(const char *l, size_t n, lexent *x, char **arena)
{
    const char *c1 = memchr(l, ',', n);
    const char *c2 = c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - l)) : NULL;
    if (!c2)
        return -1;
    if (c1 - l == 2 && !memcmp(l, "ru", 2))
        x->lang = TF_LANG_RU;
    else if (c1 - l == 2 && !memcmp(l, "fr", 2))
        x->lang = TF_LANG_FR;
    else
        return -1;
    if (lex_words(c1 + 1, (size_t)(c2 - c1 - 1), x, arena))
        return -1;
    size_t el = n - (size_t)(c2 + 1 - l);
    while (el && (c2[el] == '\r' || c2[el] == ' '))
        el--;
    memcpy(*arena, c2 + 1, el);
    (*arena)[el] = '\0';
    x->en = *arena;
    *arena += el + 1;
    return 0;
}

static void lexicon_free(lexicon *lx)
{
    free(lx->v);
    free(lx->buf);
    memset(lx, 0, sizeof *lx);
}

/* data/audit-lexicon.csv (built in) into lx. 0, or -1 (no memory). */
static int lexicon_load(lexicon *lx)
{
    const char *d = (const char *)tf_data_audit_lexicon;
    size_t len = tf_data_audit_lexicon_len, lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += d[i] == '\n';
    lx->v = calloc(lines, sizeof *lx->v);
    lx->buf = malloc(3 * len + 64);
    if (!lx->v || !lx->buf)
        return -1;
    char *arena = lx->buf;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(d + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (d + i)) : len - i;
        if (!lex_line(d + i, n, &lx->v[lx->n], &arena))
            lx->n++;
        i += n + 1;
    }
    return 0;
}

/* ------------------------------------------------------------- numbers */

/* The number printed at s[i..) with a decimal comma (or point) and thousands grouped
 * by blanks after a first group of one to three digits: value, decimals, trailing
 * zeros and groups into t; its end. */
static size_t read_number_blank(const unsigned char *s, size_t i, size_t len, tok *t)
{
    size_t j = i;
    double v = 0;
    while (j < len && isdigit(s[j]))
        v = v * 10 + (s[j++] - '0');
    size_t gb, first = j - i;
    t->groups = 0;
    while (first <= 3 && (gb = group_blank(s + j, len - j)) && j + gb + 2 < len &&
           isdigit(s[j + gb]) && isdigit(s[j + gb + 1]) && isdigit(s[j + gb + 2]) &&
           !(j + gb + 3 < len && isdigit(s[j + gb + 3]))) {
        j += gb;
        for (int k = 0; k < 3; k++)
            v = v * 10 + (s[j++] - '0');
        t->groups++;
    }
    t->dec = 0;
    if (j + 1 < len && (s[j] == ',' || s[j] == '.') && isdigit(s[j + 1])) {
        double f = 0.1;
        for (j++; j < len && isdigit(s[j]); f /= 10, t->dec++)
            v += (s[j++] - '0') * f;
    }
    t->num = v;
    t->tz = 0;
    for (double x = v; !t->dec && x >= 10 && fmod(x, 10) == 0; x /= 10)
        t->tz++;
    t->malformed = 0;
    return j;
}

/* ------------------------------------------------------------- tokens */

int tf_audit_tok_push(toks *t, const tok *x)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        tok *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = nc;
    }
    t->v[t->n++] = *x;
    return 0;
}

/* The English phrase en as tokens, each spanning text[b, e): words (lower-case,
 * cap when written with a capital), numbers, '%' and symbols. 0 or -1. */
static int push_english(toks *out, const char *en, size_t b, size_t e)
{
    const unsigned char *s = (const unsigned char *)en;
    for (size_t i = 0; s[i];) {
        tok x;
        memset(&x, 0, sizeof x);
        x.b = b;
        x.e = e;
        size_t j = i + 1;
        if (s[i] == ' ') {
            i++;
            continue;
        } else if (isalpha(s[i])) {
            while (isalpha(s[j]))
                j++;
            x.k = K_WORD;
            x.cap = isupper(s[i]) != 0;
            for (size_t q = i; q < j && q - i < sizeof x.w - 1; q++)
                x.w[q - i] = (char)tolower(s[q]);
        } else if (isdigit(s[i])) {
            while (isdigit(s[j]))
                j++;
            x.k = K_NUM;
            x.num = strtod(en + i, NULL);
            tf_copy(x.w, sizeof x.w, en + i, j - i);
        } else {
            x.k = s[i] == '%' ? K_PCT : K_SYM;
            x.w[0] = (char)s[i];
        }
        if (tf_audit_tok_push(out, &x))
            return -1;
        i = j;
    }
    return 0;
}

/* Token i, a number cut as English, read again from its first digit with a decimal
 * comma and blank-grouped thousands into *x; the index of the first token after it. */
static size_t renumber(const char *text, size_t e, const toks *t, size_t i, tok *x)
{
    const unsigned char *s = (const unsigned char *)text;
    *x = t->v[i];
    size_t d = x->b;
    while (d < x->e && !isdigit(s[d]))
        d++;
    size_t end = read_number_blank(s, d, e, x);
    if (x->sign)
        x->num *= x->sign;
    x->e = end;
    tf_copy(x->w, sizeof x->w, text + x->b, end - x->b);
    while (i < t->n && t->v[i].b < end)
        i++;
    return i;
}

/* Whether entry x's words are the tokens at i (low: the tokens lower-cased). */
static int lex_match(const lexent *x, const toks *t, char (*low)[48], size_t i)
{
    if (i + x->nw > t->n)
        return 0;
    for (size_t k = 0; k < x->nw; k++) {
        const tok *v = &t->v[i + k];
        const char *w = x->w[k];
        if (!letter_at((const unsigned char *)w, strlen(w))) {
            if (!((v->k == K_SYM || v->k == K_PCT) && v->w[0] == w[0] && !w[1]))
                return 0;
        } else if (v->k != K_WORD ||
                   (x->stem[k] ? strncmp(low[i + k], w, strlen(w)) : strcmp(low[i + k], w))) {
            return 0;
        }
    }
    return 1;
}

/* The entry's length: its words, then their letters ("экспортер*" before "экспорт*"). */
static size_t lex_weight(const lexent *x)
{
    size_t c = 0;
    for (size_t k = 0; k < x->nw; k++)
        c += strlen(x->w[k]);
    return x->nw * 1000 + c;
}

/* The longest entry of language lang at token i (the first of the file among equals);
 * NULL when none. */
static const lexent *lex_at(const lexicon *lx, tf_audit_lang lang, const toks *t,
                            char (*low)[48], size_t i)
{
    const lexent *best = NULL;
    size_t bw = 0;
    if (t->v[i].k != K_WORD && t->v[i].k != K_SYM)
        return NULL;
    for (size_t k = 0; k < lx->n; k++) {
        const lexent *x = &lx->v[k];
        if (x->lang != lang || x->w[0][0] != low[i][0] || lex_weight(x) <= bw ||
            !lex_match(x, t, low, i))
            continue;
        best = x;
        bw = lex_weight(x);
    }
    return best;
}

/* A colon that opens a clause of its own (a lower-case word after it, "…импорта: в
 * текущем году компании сократили…") ends the sentence as the extractor reads it, so a
 * partner named before it does not govern the figures after it; a colon before a
 * figure or a name ("Импорт: 512 тыс. т", "поставщики: Малайзия") is kept. */
static int clause_colon(const toks *t, size_t i, toks *out)
{
    const tok *x = &t->v[i], *nx = i + 1 < t->n ? &t->v[i + 1] : NULL;
    if (!(x->k == K_SYM && x->w[0] == ':' && nx && nx->k == K_WORD && !nx->cap &&
          nx->b > x->e))
        return 0;
    tok nl;
    memset(&nl, 0, sizeof nl);
    nl.k = K_NL;
    nl.b = nl.e = x->e;
    return tf_audit_tok_push(out, &nl);
}

/* The tokens of t rebuilt into out: numbers read again, lexicon phrases replaced. */
static int rebuild(const char *text, size_t e, const toks *t, const lexicon *lx,
                   tf_audit_lang lang, toks *out)
{
    char (*low)[48] = malloc((t->n ? t->n : 1) * sizeof *low);
    if (!low)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const tok *v = &t->v[i];
        if (v->k == K_WORD)
            lower_span(text, v->b, v->e, low[i], sizeof low[i]);
        else
            tf_copy(low[i], sizeof low[i], v->w, strlen(v->w));
    }
    int rc = 0;
    for (size_t i = 0; i < t->n && !rc;) {
        tok x = t->v[i];
        const lexent *le = lex_at(lx, lang, t, low, i);
        if (x.k == K_NUM) {
            i = renumber(text, e, t, i, &x);
        } else if (le) {
            size_t first = out->n;
            rc = push_english(out, le->en, x.b, t->v[i + le->nw - 1].e);
            if (!rc && out->n > first && x.k == K_WORD &&
                upper_at((const unsigned char *)text + x.b, x.e - x.b))
                out->v[first].cap = 1; /* "В июне": "In June", a sentence may start */
            i += le->nw;
            continue;
        } else {
            if (x.k == K_WORD)
                x.cap = upper_at((const unsigned char *)text + x.b, x.e - x.b);
            i++;
        }
        rc = tf_audit_tok_push(out, &x) || (x.k == K_SYM && clause_colon(t, i - 1, out));
    }
    free(low);
    return rc;
}

int tf_audit_lexicon_apply(const char *text, size_t b, size_t e, toks *t)
{
    tf_audit_lang lang = tf_audit_text_lang(text, b, e);
    if (lang == TF_LANG_EN)
        return 0;
    lexicon lx = {0};
    toks out = {0};
    int rc = lexicon_load(&lx) || rebuild(text, e, t, &lx, lang, &out) ? -1 : 0;
    lexicon_free(&lx);
    if (rc) {
        free(out.v);
        return -1;
    }
    free(t->v);
    *t = out;
    return 0;
}

void tf_audit_lexicon_own_keys(tf_audit *a, size_t ni)
{
    for (size_t k = 0; k < a->n_claims; k++) {
        tf_claim *cl = &a->claims[k];
        char tail[24];
        tf_fmt(tail, sizeof tail, "@%zu", ni + 1);
        size_t pl = strlen(cl->product);
        if (cl->note != ni || !pl || pl + strlen(tail) >= sizeof cl->product)
            continue; /* a key too long to extend stays (none of the reference data is) */
        memcpy(cl->product + pl, tail, strlen(tail) + 1);
    }
}
