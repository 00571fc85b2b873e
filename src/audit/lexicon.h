/* Internal to src/audit: the tokens of an English-read note and the lexicon that
 * turns a Russian or French note's tokens into the English ones the extractor
 * reads (src/audit/lexicon.c, data/audit-lexicon.csv). */
#ifndef TF_AUDIT_LEXICON_H
#define TF_AUDIT_LEXICON_H

#include <stddef.h>

#include "tradeflow/audit.h"

enum { K_WORD, K_NUM, K_PCT, K_SYM, K_NL };

typedef struct tok {
    int k;
    size_t b, e;      /* byte span */
    char w[28];       /* lower-case word, or the symbol */
    int cap;          /* word starts upper-case */
    double num;       /* K_NUM */
    int dec;          /* decimals printed */
    int tz;           /* trailing zeros of the integer part (no decimals) */
    int groups;       /* thousands separators used */
    int sign;         /* +1 or -1 when printed with a sign */
    int malformed;    /* digits grouped wrongly ("312,00"): no reading is sure */
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

/* Append x to t, growing it. 0, or -1 (no memory). */
int tf_audit_tok_push(toks *t, const tok *x);

typedef enum { TF_LANG_EN, TF_LANG_RU, TF_LANG_FR } tf_audit_lang;

/* The language of text[b, e): Russian when Cyrillic words are more than a fifth
 * of the words, French when French function words outnumber English ones,
 * else English. */
tf_audit_lang tf_audit_text_lang(const char *text, size_t b, size_t e);

/* The tokens t of text[b, e), cut as English: in a Russian or French text,
 * numbers are read again with a decimal comma and blank-grouped thousands
 * ("89 500", "1 045,155", "7,1"), and the phrases of data/audit-lexicon.csv
 * become the English tokens they stand for, each spanning the bytes of the
 * source phrase. English text is left as it is. 0, or -1 (no memory). */
int tf_audit_lexicon_apply(const char *text, size_t b, size_t e, toks *t);

/* The claims of note ni (a Russian or French one) keyed apart: each product becomes
 * "PRODUCT@N" (N the note's number), so the note's figures are checked against each
 * other and never against another note's. */
void tf_audit_lexicon_own_keys(tf_audit *a, size_t ni);

#endif
