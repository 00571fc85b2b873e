/*
 * Claim extraction from English trade notes.
 *
 * The text is cut into tokens (words, numbers, percent signs, symbols, line
 * ends) and sentences. In each sentence the figures (quantities with a unit,
 * money values, percentages) are found first; then each quantity or value
 * takes its metric (the nearest import/export/net-import word), product, partner
 * ("from Russia", "Russian imports", "India exported ... to China"), period
 * ("in April 2025", "from January to April", "the first four months",
 * "last month", "the same period a year earlier") and the percentages that
 * qualify it (MoM, YoY with their direction words, share of a total with the
 * period the total is labelled with). What a sentence leaves unsaid is
 * carried over from the sentences before it, as a reader would.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "audit_int.h"
#include "lexicon.h"

/* UTF-8 punctuation that matters: quotes, dashes, minus, no-break space. */
static int utf8_sym(const unsigned char *s, size_t left, char *sym, size_t *len)
{
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99)) {
        *sym = '\'';
        *len = 3;
        return 1;
    }
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] >= 0x90 && s[2] <= 0x95)) {
        *sym = '-';
        *len = 3;
        return 1;
    }
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) {
        *sym = '-';
        *len = 3;
        return 1;
    }
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
        *sym = ' ';
        *len = 2;
        return 1;
    }
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x9D)) {
        *sym = '"';
        *len = 3;
        return 1;
    }
    return 0;
}

/* The digits of a number at s[i]: its value, decimals, thousands groups and whether a
 * group is malformed ("312,00") into t. Returns the end; *skip is set for exponent
 * notation ("1e308", "2.5E+05": not how notes print figures, the token is skipped whole,
 * not read as two numbers). */
static size_t read_number(const unsigned char *s, size_t i, size_t len, tok *t, int *skip)
{
    size_t j = i;
    double v = 0;
    int groups = 0, dec = 0;
    while (j < len && isdigit(s[j]))
        v = v * 10 + (s[j++] - '0');
    size_t first_len = j - i;
    /* thousands groups: ",ddd" not followed by another digit */
    while (first_len <= 3 && j + 3 < len + 0 && s[j] == ',' && isdigit(s[j + 1]) &&
           isdigit(s[j + 2]) && isdigit(s[j + 3]) && !(j + 4 < len && isdigit(s[j + 4]))) {
        v = v * 1000 + (s[j + 1] - '0') * 100 + (s[j + 2] - '0') * 10 + (s[j + 3] - '0');
        j += 4;
        groups++;
    }
    /* "312,00", "1,2345": a group of other than three digits */
    int malformed = 0;
    if (first_len <= 3 && j + 1 < len && s[j] == ',' && isdigit(s[j + 1])) {
        size_t k = j + 1;
        while (k < len && isdigit(s[k]))
            k++;
        if (k - j - 1 != 3 && !(k < len && s[k] == ',')) {
            for (size_t z = j + 1; z < k; z++)
                v = v * 10 + (s[z] - '0');
            j = k;
            malformed = 1;
        }
    }
    if (j + 1 < len && s[j] == '.' && isdigit(s[j + 1])) {
        double f = 0.1;
        j++;
        while (j < len && isdigit(s[j])) {
            v += (s[j++] - '0') * f;
            f /= 10;
            dec++;
        }
    }
    *skip = 0;
    if (j < len && (s[j] == 'e' || s[j] == 'E') &&
        ((j + 1 < len && isdigit(s[j + 1])) ||
         (j + 2 < len && (s[j + 1] == '+' || s[j + 1] == '-') && isdigit(s[j + 2])))) {
        j += 2;
        while (j < len && isdigit(s[j]))
            j++;
        *skip = 1;
    }
    t->num = v;
    t->dec = dec;
    t->groups = groups;
    t->malformed = malformed;
    return j;
}

/* A number token at text[i], with a minus or plus sign right before it (after a blank
 * or bracket) taken into it. *next: where the next token starts. -1: out of memory. */
static int push_number(const char *text, size_t i, size_t len, toks *out, size_t *next)
{
    const unsigned char *s = (const unsigned char *)text;
    tok t;
    memset(&t, 0, sizeof t);
    int skip;
    size_t j = read_number(s, i, len, &t, &skip);
    *next = j;
    if (skip)
        return 0;
    t.k = K_NUM;
    t.b = i;
    t.e = j;
    if (!t.dec) {
        double x = t.num;
        while (x >= 10 && fmod(x, 10) == 0) {
            x /= 10;
            t.tz++;
        }
    }
    tf_copy(t.w, sizeof t.w, text + i, j - i);
    if (out->n && out->v[out->n - 1].k == K_SYM &&
        (out->v[out->n - 1].w[0] == '-' || out->v[out->n - 1].w[0] == '+') &&
        out->v[out->n - 1].e == i) {
        size_t pb = out->v[out->n - 1].b;
        if (pb == 0 || s[pb - 1] == ' ' || s[pb - 1] == '(' || s[pb - 1] == '\n') {
            t.sign = out->v[out->n - 1].w[0] == '-' ? -1 : 1;
            t.num = t.sign * t.num;
            t.b = pb;
            out->n--;
        }
    }
    return tf_audit_tok_push(out, &t);
}

/* A word token at text[i] (letters and UTF-8 characters that are not known symbols),
 * lower-cased; "percent" and "pct" are percent signs. A lone UTF-8 symbol byte not known
 * is skipped with its character. -1: out of memory. */
static int push_word(const char *text, size_t i, size_t len, toks *out, size_t *next)
{
    const unsigned char *s = (const unsigned char *)text;
    char sym;
    size_t sl, j = i;
    while (j < len && (isalpha(s[j]) || (s[j] >= 0x80 && !utf8_sym(s + j, len - j, &sym, &sl))))
        j++;
    if (j == i) {
        j = i + 1;
        while (j < len && (s[j] & 0xC0) == 0x80)
            j++;
        *next = j;
        return 0;
    }
    tok t;
    memset(&t, 0, sizeof t);
    t.k = K_WORD;
    t.b = i;
    t.e = j;
    t.cap = isupper(s[i]) != 0;
    size_t n = j - i < sizeof t.w - 1 ? j - i : sizeof t.w - 1;
    for (size_t q = 0; q < n; q++)
        t.w[q] = (char)tolower(s[i + q]);
    t.w[n] = '\0';
    if (!strcmp(t.w, "percent") || !strcmp(t.w, "pct"))
        t.k = K_PCT;
    *next = j;
    return tf_audit_tok_push(out, &t);
}

/* The tokens of text[begin..len): line ends, symbols (ASCII and the UTF-8 ones utf8_sym
 * knows), numbers, words and percent signs; blanks are dropped. -1: out of memory. */
static int tokenize(const char *text, size_t begin, size_t len, toks *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = begin;
    while (i < len) {
        tok t;
        memset(&t, 0, sizeof t);
        unsigned char c = s[i];
        char sym;
        size_t sl;
        int rc = 0;
        if (c == '\n' || (c == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
            t.k = K_NL;
            t.b = i;
            t.e = i + 1;
            rc = tf_audit_tok_push(out, &t);
            i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
        } else if (utf8_sym(s + i, len - i, &sym, &sl)) {
            if (sym != ' ') {
                t.k = K_SYM;
                t.b = i;
                t.e = i + sl;
                t.w[0] = sym;
                rc = tf_audit_tok_push(out, &t);
            }
            i += sl;
        } else if (isdigit(c)) {
            rc = push_number(text, i, len, out, &i);
        } else if (isalpha(c) || c >= 0x80) {
            rc = push_word(text, i, len, out, &i);
        } else {
            t.k = c == '%' ? K_PCT : K_SYM;
            t.b = i;
            t.e = i + 1;
            t.w[0] = (char)c;
            rc = tf_audit_tok_push(out, &t);
            i++;
        }
        if (rc)
            return -1;
    }
    return tf_audit_lexicon_apply(text, begin, len, out); /* a Russian or French text */
}

/* ---------------------------------------------------------------- words */

static int is_w(const tok *t, const char *w) { return t->k == K_WORD && !strcmp(t->w, w); }

/* Whether t is one of the words of the NULL-ended list w. */
static int word_in(const tok *t, const char *const *w)
{
    for (size_t k = 0; t->k == K_WORD && w[k]; k++)
        if (!strcmp(t->w, w[k]))
            return 1;
    return 0;
}
static int is_s(const tok *t, char c) { return t->k == K_SYM && t->w[0] == c; }
static int starts(const tok *t, const char *p)
{
    return t->k == K_WORD && !strncmp(t->w, p, strlen(p));
}

/* Match a phrase of words at i ("year on year"); '-', '/' and '.' between words
 * are skipped. A word ending in '*' matches as a prefix. Returns the number of
 * tokens matched, 0 when none. */
/* names: also skip '(', ')' and '&' between words, match numbers and a ","
 * of the phrase ("Other Asia, nes", "Falkland Isds (Malvinas)",
 * "USA (before 1981)"). */
static size_t phrase_of(const tok *v, size_t n, size_t i, const char *ph, int names)
{
    size_t j = i;
    const char *p = ph;
    int first = 1;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        size_t wl = (size_t)(q - p);
        if (!first)
            while (j < n && (is_s(&v[j], '-') || is_s(&v[j], '/') || is_s(&v[j], '.') ||
                             is_s(&v[j], '\'') ||
                             (names && (is_s(&v[j], '(') || is_s(&v[j], ')') ||
                                        is_s(&v[j], '&')))))
                j++;
        if (j >= n || v[j].k == K_NL)
            return 0;
        if (wl == 1 && (*p == '%' || *p == '$' || (names && *p == ','))) {
            if (!((v[j].k == K_PCT || v[j].k == K_SYM) && v[j].w[0] == *p))
                return 0;
        } else {
            if (v[j].k != K_WORD && v[j].k != K_PCT && !(names && v[j].k == K_NUM))
                return 0;
            int prefix = p[wl - 1] == '*';
            size_t cl = prefix ? wl - 1 : wl;
            if (strncmp(v[j].w, p, cl) || (!prefix && v[j].w[cl] != '\0'))
                return 0;
        }
        j++;
        first = 0;
        p = q;
    }
    return j - i;
}

static size_t phrase(const tok *v, size_t n, size_t i, const char *ph)
{
    return phrase_of(v, n, i, ph, 0);
}

static size_t any_phrase(const tok *v, size_t n, size_t i, const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        size_t m = phrase(v, n, i, list[k]);
        if (m)
            return m;
    }
    return 0;
}

static const char *const month_words[] = {"january", "february", "march", "april", "may",
                                          "june", "july", "august", "september", "october",
                                          "november", "december"};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};

/* Month 1..12 named by token i, 0 when none. "May" only with a capital and
 * a year or a period word around it (it is also a verb). */
static int month_at(const tok *v, size_t n, size_t i)
{
    if (v[i].k != K_WORD)
        return 0;
    for (int m = 0; m < 12; m++) {
        if (!strcmp(v[i].w, month_words[m]) || !strcmp(v[i].w, month_abbr[m]) ||
            (m == 8 && !strcmp(v[i].w, "sept"))) {
            if (m == 4) {
                if (!v[i].cap)
                    return 0;
                /* "May" is the month after a preposition ("from May to", "than in
                 * May", "since May"), never the modal verb */
                static const char *const before[] = {"in", "to", "of", "and", "through",
                                                     "from", "since", "than", "on", "over",
                                                     "with", "until", "for", "by", "at",
                                                     "early", "late", "mid", "end", NULL};
                static const char *const noun[] = {"import", "export", "shipment", "arrival",
                                                   "deliver", "output", "sales", "volume",
                                                   "figure", "data", "total", NULL};
                int ok = (i + 1 < n && v[i + 1].k == K_NUM) || (i > 0 && is_s(&v[i - 1], '-'));
                for (size_t k = 0; !ok && i + 1 < n && noun[k]; k++)
                    ok = starts(&v[i + 1], noun[k]); /* "May imports were …" */
                for (size_t k = 0; !ok && i > 0 && before[k]; k++)
                    ok = is_w(&v[i - 1], before[k]);
                if (!ok)
                    return 0;
            }
            /* "Mar" and friends must start upper-case to be months */
            if (strlen(v[i].w) <= 4 && strcmp(v[i].w, month_words[m]) && !v[i].cap)
                return 0;
            return m + 1;
        }
    }
    return 0;
}

static int year_at(const tok *v, size_t i)
{
    if (v[i].k != K_NUM || v[i].dec || v[i].groups || v[i].num < 1990 || v[i].num > 2100)
        return 0;
    return (int)v[i].num;
}

static int count_word(const char *w)
{
    static const char *const nums[] = {"one", "two", "three", "four", "five", "six",
                                       "seven", "eight", "nine", "ten", "eleven", "twelve"};
    for (int k = 0; k < 12; k++)
        if (!strcmp(w, nums[k]))
            return k + 1;
    return 0;
}

/* ---------------------------------------------------------------- periods */

enum { P_ABS, P_SAME, P_YEAR_AGO, P_MONTH_AGO, P_YTD, P_FULL_YEAR };

typedef struct pexpr {
    size_t i, j;          /* tokens [i, j) */
    int rel;              /* P_ABS or a relation to the figure it qualifies */
    int from, to;         /* months (P_ABS); from < 0 when unresolved */
    int explicit_year;
} pexpr;

/* Resolve month m (1..12) without a year against reference month index ref:
 * the latest such month not after it. */
static int resolve_month(int m, int ref)
{
    int y = tf_mi_year(ref);
    if (m > tf_mi_month(ref))
        y--;
    return y * 12 + m - 1;
}

/* Parse a period expression at token i. ref: the note's reference month. */
static int dir_word(const tok *t);

static int mass_unit_word(const tok *t)
{
    return is_w(t, "t") || is_w(t, "mt") || is_w(t, "tonnes") || is_w(t, "tons") ||
           is_w(t, "million") || is_w(t, "billion");
}

/* A month name or a range of them at token i, mo its month (1..12): "April", "Jan.",
 * "January to April 2025", "March last year"; not a day ("January 18"). */
static int period_month(const tok *v, size_t n, size_t i, int mo, int ref, pexpr *pe)
{
    size_t j = i + 1;
    if (j < n && is_s(&v[j], '.') && strlen(v[i].w) <= 4 && strcmp(v[i].w, "may") &&
        strcmp(v[i].w, "june") && strcmp(v[i].w, "july"))
        j++; /* "Jan." */
    /* "January 18", "Jan. 20": a day, not a month of data */
    if (j < n && v[j].k == K_NUM && !v[j].dec && !v[j].groups && v[j].num >= 1 &&
        v[j].num <= 31 && !(j + 1 < n && (v[j + 1].k == K_PCT || mass_unit_word(&v[j + 1]))))
        return 0;
    /* range: M1 (to|-|through|and) M2 [YEAR] [combined] */
    size_t k = j;
    int mo2 = 0;
    if (k < n && (is_w(&v[k], "to") || is_s(&v[k], '-') || is_w(&v[k], "through") ||
                  is_w(&v[k], "and") || is_w(&v[k], "till") || is_w(&v[k], "until"))) {
        if (k + 1 < n && (mo2 = month_at(v, n, k + 1)) != 0)
            k += 2;
        if (mo2 && k < n && is_s(&v[k], '.') && strlen(v[k - 1].w) <= 4 &&
            strcmp(v[k - 1].w, "may") && strcmp(v[k - 1].w, "june") && strcmp(v[k - 1].w, "july"))
            k++;
    }
    int y = 0;
    size_t endj = mo2 ? k : j;
    /* "Oct-24", "Nov-25": a month with its year in two digits, written together */
    if (!mo2 && j + 1 < n && is_s(&v[j], '-') && v[j].b == v[i].e && v[j + 1].b == v[j].e &&
        v[j + 1].k == K_NUM && !v[j + 1].dec && v[j + 1].e - v[j + 1].b == 2 &&
        !(j + 2 < n && (v[j + 2].k == K_PCT || mass_unit_word(&v[j + 2])))) {
        pe->from = pe->to = (2000 + (int)v[j + 1].num) * 12 + mo - 1;
        pe->explicit_year = 1;
        pe->j = j + 2;
        pe->rel = P_ABS;
        return 1;
    }
    if (endj < n && year_at(v, endj)) {
        y = year_at(v, endj);
        endj++;
    } else if (endj + 1 < n && is_s(&v[endj], ',') && year_at(v, endj + 1) &&
               !(endj + 2 < n && (v[endj + 2].k == K_PCT))) {
        y = year_at(v, endj + 1);
        endj += 2;
    }
    if (mo2) {
        if (mo2 < mo)
            return 0;
        int to = y ? y * 12 + mo2 - 1 : resolve_month(mo2, ref);
        pe->to = to;
        pe->from = to - (mo2 - mo);
    } else {
        pe->from = pe->to = y ? y * 12 + mo - 1 : resolve_month(mo, ref);
        /* "25.11 Mt at end-October", "by the end of August": the flow of the year so far */
        if (i >= 2 && is_w(&v[i - 2], "end") && (is_s(&v[i - 1], '-') || is_w(&v[i - 1], "of")))
            pe->from = pe->to - (mo - 1);
    }
    if (endj < n && is_w(&v[endj], "combined"))
        endj++;
    /* "in May a year earlier", "March last year" */
    size_t ya;
    if (!y && ((ya = phrase(v, n, endj, "a year earlier")) || (ya = phrase(v, n, endj, "a year ago")) ||
               (ya = phrase(v, n, endj, "last year")) || (ya = phrase(v, n, endj, "of last year")) ||
               (ya = phrase(v, n, endj, "the previous year")))) {
        pe->from -= 12;
        pe->to -= 12;
        endj += ya;
        y = 1;
    }
    pe->explicit_year = y != 0;
    pe->j = endj;
    pe->rel = P_ABS;
    return 1;
}

/* "lowest", "highest", "time" (…in four months): a span of time follows, not a period */
static int superlative_word(const tok *t)
{
    static const char *const w[] = {"lowest", "highest", "weakest", "strongest", "smallest",
                                    "largest", "biggest", "least", "most", "time", "level",
                                    "slowest", "fastest", NULL};
    return word_in(t, w);
}

/* "in eleven months", "over 11 months" (from January); "the first four months", "the
 * first quarter", "first half of 2024". 1: read; 0: none; -1: "first" that is not a
 * period, and nothing else is tried. */
static int period_from_january(const tok *v, size_t n, size_t i, int ref, pexpr *pe)
{
    size_t m;
    /* "in eleven months", "over 11 months": from January (not "the lowest in four months",
     * "the first time in 11 months": a span of time, no period of data) */
    if ((is_w(&v[i], "in") || is_w(&v[i], "over") || is_w(&v[i], "during")) && i + 2 < n &&
        !(i > 0 && superlative_word(&v[i - 1])) &&
        (is_w(&v[i + 2], "months")) &&
        ((v[i + 1].k == K_WORD && count_word(v[i + 1].w) > 1) ||
         (v[i + 1].k == K_NUM && !v[i + 1].dec && v[i + 1].num >= 2 && v[i + 1].num <= 12))) {
        int months = v[i + 1].k == K_NUM ? (int)v[i + 1].num : count_word(v[i + 1].w);
        int y = tf_mi_year(ref);
        if (months > tf_mi_month(ref))
            y--;
        pe->from = y * 12;
        pe->to = y * 12 + months - 1;
        pe->explicit_year = 1;
        pe->j = i + 3;
        return 1;
    }
    /* first N months / first quarter / first half [of YEAR | of the year | this year] */
    if (is_w(&v[i], "first") || (i + 1 < n && is_w(&v[i], "the") && is_w(&v[i + 1], "first"))) {
        size_t j = is_w(&v[i], "the") ? i + 2 : i + 1;
        int months = 0;
        if (j + 1 < n && is_s(&v[j], '-') && v[j].b == v[j - 1].e &&
            (is_w(&v[j + 1], "half") || is_w(&v[j + 1], "quarter")))
            j++; /* "first-half", "first-quarter" */
        if (j < n && v[j].k == K_NUM && !v[j].dec && v[j].num >= 1 && v[j].num <= 12 &&
            j + 1 < n && (is_w(&v[j + 1], "months") || is_w(&v[j + 1], "month"))) {
            months = (int)v[j].num;
            j += 2;
        } else if (j + 1 < n && v[j].k == K_WORD && count_word(v[j].w) &&
                   (is_w(&v[j + 1], "months") || is_w(&v[j + 1], "month"))) {
            months = count_word(v[j].w);
            j += 2;
        } else if (j < n && is_w(&v[j], "quarter")) {
            months = 3;
            j++;
        } else if (j < n && is_w(&v[j], "half")) {
            months = 6;
            j++;
        } else if (j + 1 < n && is_w(&v[j], "three") && is_w(&v[j + 1], "quarters")) {
            months = 9;
            j += 2;
        }
        if (!months)
            return -1;
        int y = 0;
        if (j + 1 < n && is_w(&v[j], "of") && year_at(v, j + 1)) {
            y = year_at(v, j + 1);
            j += 2;
        } else if (j < n && year_at(v, j)) {
            y = year_at(v, j);
            j++;
        } else if ((m = phrase(v, n, j, "of the year")) || (m = phrase(v, n, j, "this year")) ||
                   (m = phrase(v, n, j, "of this year"))) {
            j += m;
        } else if ((m = phrase(v, n, j, "of last year")) || (m = phrase(v, n, j, "last year"))) {
            y = tf_mi_year(ref) - 1;
            j += m;
        }
        if (!y) {
            y = tf_mi_year(ref);
            if (months > tf_mi_month(ref))
                y--;
        }
        pe->from = y * 12;
        pe->to = y * 12 + months - 1;
        pe->explicit_year = 1;
        pe->j = j;
        return 1;
    }
    return 0;
}

/* The year a period ending in month mo (1..12) of an optional "of YEAR" / "YEAR" at j
 * belongs to: the year named, else the latest such period not after ref. Sets pe. */
static void period_ending(const tok *v, size_t n, size_t j, int mo, int months, int ref,
                          pexpr *pe)
{
    int to;
    if (j + 1 < n && is_w(&v[j], "of") && year_at(v, j + 1)) {
        to = year_at(v, j + 1) * 12 + mo - 1;
        j += 2;
    } else if (j < n && year_at(v, j)) {
        to = year_at(v, j) * 12 + mo - 1;
        j++;
    } else {
        to = resolve_month(mo, ref);
    }
    pe->explicit_year = 1;
    pe->from = to - (months - 1);
    pe->to = to;
    pe->j = j;
    pe->rel = P_ABS;
}

/* "the second quarter", "third-quarter", "Q3 2024", "the fourth quarter of 2024", "H2",
 * "the second half": three or six calendar months (the first ones are read as from
 * January, period_from_january). 1 when read. */
static int period_quarter(const tok *v, size_t n, size_t i, int ref, pexpr *pe)
{
    static const char *const ord[] = {"first", "second", "third", "fourth", NULL};
    size_t j = i + (is_w(&v[i], "the") ? 1 : 0);
    if (j + 1 < n && (is_w(&v[j], "q") || is_w(&v[j], "h")) && v[j + 1].k == K_NUM &&
        v[j + 1].b == v[j].e && v[j].cap && !v[j + 1].dec && v[j + 1].num >= 1 &&
        v[j + 1].num <= (is_w(&v[j], "q") ? 4 : 2)) {
        int months = is_w(&v[j], "q") ? 3 : 6;
        period_ending(v, n, j + 2, (int)v[j + 1].num * months, months, ref, pe);
        return 1;
    }
    int q = 0;
    while (ord[q] && !(j < n && is_w(&v[j], ord[q])))
        q++;
    if (!ord[q] || q == 0)
        return 0;
    size_t k = j + 1;
    if (k + 1 < n && is_s(&v[k], '-') && v[k].b == v[k - 1].e)
        k++; /* "third-quarter" */
    if (k < n && is_w(&v[k], "quarter")) {
        period_ending(v, n, k + 1, (q + 1) * 3, 3, ref, pe);
        return 1;
    }
    if (k < n && is_w(&v[k], "half") && q == 1) {
        period_ending(v, n, k + 1, 12, 6, ref, pe);
        return 1;
    }
    return 0;
}

/* "in the nine months to September", "the 10 months through October 2025", "the
 * January-September period": from January to the month named. 1 when read. */
static int period_months_to(const tok *v, size_t n, size_t i, int ref, pexpr *pe)
{
    size_t j = i + (is_w(&v[i], "the") ? 1 : 0);
    int months = 0;
    if (j < n && v[j].k == K_NUM && !v[j].dec && v[j].num >= 2 && v[j].num <= 12)
        months = (int)v[j].num;
    else if (j < n && v[j].k == K_WORD)
        months = count_word(v[j].w);
    if (months < 2 || j + 2 >= n || !is_w(&v[j + 1], "months") ||
        !(is_w(&v[j + 2], "to") || is_w(&v[j + 2], "through") || is_w(&v[j + 2], "ending") ||
          is_w(&v[j + 2], "ended")))
        return 0;
    int mo = j + 3 < n ? month_at(v, n, j + 3) : 0;
    if (mo != months)
        return 0;
    period_ending(v, n, j + 4, mo, months, ref, pe);
    return 1;
}

/* Periods named by their relation to the figure's ("a year earlier", "the same month",
 * "the previous month", "year to date", "annual") or to the note's date ("last month",
 * "last year"). */
static int period_relative(const tok *v, size_t n, size_t i, int ref, pexpr *pe)
{
    size_t m;
    static const char *const year_ago[] = {"same period a year earlier",
                                           "same period a year ago",
                                           "same period last year",
                                           "same period of last year",
                                           "same period of the previous year",
                                           "same period in the previous year",
                                           "same period in the prior year",
                                           "same period of the prior year",
                                           "same period the previous year",
                                           "corresponding period last year",
                                           "corresponding period a year earlier",
                                           "corresponding period of last year",
                                           "same month last year",
                                           "same month a year earlier",
                                           "same month a year ago",
                                           "same month of last year",
                                           "a year earlier",
                                           "a year ago",
                                           "a year before",
                                           "year earlier",
                                           NULL};
    if ((m = any_phrase(v, n, i, year_ago))) {
        pe->rel = P_YEAR_AGO;
        pe->j = i + m;
        return 1;
    }
    /* "same period in 2021", "same period of 2021", "the corresponding period of 2024" */
    if (((m = phrase(v, n, i, "same period")) || (m = phrase(v, n, i, "corresponding period"))) &&
        i + m + 1 < n &&
        (is_w(&v[i + m], "in") || is_w(&v[i + m], "of")) && year_at(v, i + m + 1)) {
        pe->rel = P_YEAR_AGO;
        pe->explicit_year = year_at(v, i + m + 1);
        pe->j = i + m + 2;
        return 1;
    }
    if ((m = phrase(v, n, i, "same month")) && i + m + 1 < n &&
        (is_w(&v[i + m], "in") || is_w(&v[i + m], "of")) && year_at(v, i + m + 1)) {
        pe->rel = P_YEAR_AGO;
        pe->explicit_year = year_at(v, i + m + 1);
        pe->j = i + m + 2;
        return 1;
    }
    if ((m = phrase(v, n, i, "same month")) || (m = phrase(v, n, i, "that month")) ||
        (m = phrase(v, n, i, "same period")) || (m = phrase(v, n, i, "the period"))) {
        pe->rel = P_SAME;
        pe->j = i + m;
        return 1;
    }
    if ((m = phrase(v, n, i, "a month earlier")) || (m = phrase(v, n, i, "previous month")) ||
        (m = phrase(v, n, i, "a month before")) ||
        (m = phrase(v, n, i, "prior month")) || (m = phrase(v, n, i, "month before"))) {
        pe->rel = P_MONTH_AGO;
        pe->j = i + m;
        return 1;
    }
    if ((m = phrase(v, n, i, "year to date")) || (m = phrase(v, n, i, "ytd")) ||
        (m = phrase(v, n, i, "so far this year"))) {
        pe->rel = P_YTD;
        pe->j = i + m;
        return 1;
    }
    if (((m = phrase(v, n, i, "annual")) || (m = phrase(v, n, i, "full year")) ||
         (m = phrase(v, n, i, "whole year"))) &&
        !(i + m < n && (is_w(&v[i + m], "basis") || is_w(&v[i + m], "rate") ||
                        dir_word(&v[i + m]) || is_w(&v[i + m], "growth")))) {
        pe->rel = P_FULL_YEAR;
        pe->j = i + m;
        return 1;
    }
    if ((m = phrase(v, n, i, "last month"))) {
        pe->from = pe->to = ref - 1;
        pe->j = i + m;
        return 1;
    }
    if ((m = phrase(v, n, i, "the current year"))) { /* the note's year to its data month */
        pe->from = tf_mi_year(ref - 1) * 12;
        pe->to = ref - 1;
        pe->explicit_year = 1;
        pe->j = i + m;
        return 1;
    }
    if ((m = phrase(v, n, i, "last year"))) {
        int y = tf_mi_year(ref) - (tf_mi_month(ref) == 12 ? 0 : 1);
        pe->from = y * 12;
        pe->to = y * 12 + 11;
        pe->explicit_year = 1;
        pe->j = i + m;
        return 1;
    }
    return 0;
}

/* A period expression at token i, resolved against ref, the note's reference month.
 * Returns 1 with pe filled (tokens [pe->i, pe->j)), else 0. */
static int period_at(const tok *v, size_t n, size_t i, int ref, pexpr *pe)
{
    memset(pe, 0, sizeof *pe);
    pe->i = i;
    pe->from = pe->to = -1;
    int mo = month_at(v, n, i);
    if (mo)
        return period_month(v, n, i, mo, ref, pe);
    if (period_quarter(v, n, i, ref, pe) || period_months_to(v, n, i, ref, pe))
        return 1;
    int fj = period_from_january(v, n, i, ref, pe);
    if (fj)
        return fj > 0;
    if (period_relative(v, n, i, ref, pe))
        return 1;
    int y = year_at(v, i);
    if (y && !(i + 1 < n && (v[i + 1].k == K_PCT || is_w(&v[i + 1], "tons") ||
                             is_w(&v[i + 1], "tonnes") || is_w(&v[i + 1], "mt")))) {
        /* "2022", "in 2022", "through 2023": the calendar year */
        if (i > 0 && (v[i - 1].k == K_NUM || is_s(&v[i - 1], '$')))
            return 0;
        pe->from = y * 12;
        pe->to = y * 12 + 11;
        pe->explicit_year = 1;
        pe->j = i + 1;
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- products, partners */

/* The audit's own English words (data/audit-words.csv, embedded): product
 * phrases ("primary metal" is primary aluminium), country names and adjectives
 * ("Russian"), province words. Read in file order: the first that matches
 * wins, so a longer phrase is listed before a shorter one it starts with. */
extern const unsigned char tf_data_audit_words[];
extern const size_t tf_data_audit_words_len;

enum { AW_PRODUCT, AW_COUNTRY, AW_ADJECTIVE, AW_PROVINCE, AW_TRADEMODE };

typedef struct aword {
    int kind;
    const char *phrase;  /* lower-case words; a last word ending in '*' is a prefix */
    const char *key;     /* product slug or ISO alpha-3 */
} aword;


/* Country named at token i: *len tokens, *adj set when as adjective. */
/* Names of the reference data (data/products.csv, data/partners.csv and the
 * user's product files: display names, slugs and aliases), lower-case, longest
 * first: read after the phrases above, so a product or an alias added to a
 * data file is read with no change here. */
typedef struct ename {
    char *phrase;      /* lower-case words separated by one blank */
    char first[28];    /* its first word, for a quick test */
    const char *key;   /* product slug or partner ISO alpha-3 */
} ename;

typedef struct evocab {
    ename *prod, *part;
    size_t nprod, npart;
    aword *words;       /* data/audit-words.csv, in file order */
    size_t nwords;
    char *wbuf;         /* the strings of words */
} evocab;

static int ename_cmp(const void *x, const void *y)
{
    size_t a = strlen(((const ename *)x)->phrase), b = strlen(((const ename *)y)->phrase);
    return a < b ? 1 : a > b ? -1 : 0;
}

/* Add `name` as a phrase of key: its words (letters, accented ones of
 * two-byte UTF-8 included, and digits); '-', '_', '.', '\'', ',', '(', ')'
 * and '&' separate words; a name with CJK (an alias of the Chinese reading)
 * is not added, nor one already there (the first key of a name stays).
 * 0 or -1 (no memory). */
static int ename_add(ename **v, size_t *n, const char *name, const char *key)
{
    char buf[128];
    size_t o = 0;
    if (!name || !name[0] || strlen(name) >= sizeof buf)
        return 0;
    for (const char *p = name; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= 0xE0 || o + 3 >= sizeof buf)
            return 0;
        char w = (char)tolower(ch);
        if (w == ',') { /* a word of its own: "Other Asia, nes" (Comtrade 490) is not
                         * "Other Asia nes" (GACC 199) */
            if (o && buf[o - 1] != ' ')
                buf[o++] = ' ';
            buf[o++] = ',';
            w = ' ';
        }
        if (w == '-' || w == '_' || w == '.' || w == '\'' || w == '(' || w == ')' || w == '&')
            w = ' ';
        if (w == ' ' && (o == 0 || buf[o - 1] == ' '))
            continue;
        buf[o++] = w;
    }
    while (o && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
    if (!o)
        return 0;
    for (size_t k = 0; k < *n; k++)
        if (!strcmp((*v)[k].phrase, buf))
            return 0;
    ename *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    ename *e = &nv[(*n)++];
    e->phrase = strdup(buf);
    if (!e->phrase)
        return -1;
    const char *sp = strchr(buf, ' ');
    size_t fl = sp ? (size_t)(sp - buf) : o;
    if (fl >= sizeof e->first)
        fl = sizeof e->first - 1;
    memcpy(e->first, buf, fl);
    e->first[fl] = '\0';
    e->key = key;
    return 0;
}

static void evocab_free(evocab *ev)
{
    for (size_t k = 0; k < ev->nprod; k++)
        free(ev->prod[k].phrase);
    for (size_t k = 0; k < ev->npart; k++)
        free(ev->part[k].phrase);
    free(ev->prod);
    free(ev->part);
    free(ev->words);
    free(ev->wbuf);
    memset(ev, 0, sizeof *ev);
}

/* Read data/audit-words.csv (kind,phrase,key; header first) into ev->words.
 * 0 or -1 (no memory). The table is built in: a malformed row is skipped. */
static int audit_words_load(evocab *ev)
{
    size_t len = tf_data_audit_words_len;
    ev->wbuf = malloc(len + 1);
    if (!ev->wbuf)
        return -1;
    memcpy(ev->wbuf, tf_data_audit_words, len);
    ev->wbuf[len] = '\0';
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += ev->wbuf[i] == '\n';
    ev->words = calloc(cap, sizeof *ev->words);
    if (!ev->words)
        return -1;
    char *line = strchr(ev->wbuf, '\n'); /* after the header */
    while (line && *++line) {
        char *nl = strchr(line, '\n'), *f2 = strchr(line, ','), *f3;
        if (nl)
            *nl = '\0';
        if (f2 && (f3 = strchr(f2 + 1, ','))) {
            *f2++ = '\0';
            *f3++ = '\0';
            static const char *const kinds[] = {"product", "country", "adjective", "province",
                                                "trademode"};
            for (int k = 0; k < 5; k++)
                if (!strcmp(line, kinds[k]))
                    ev->words[ev->nwords++] = (aword){k, f2, f3};
        }
        line = nl;
    }
    return 0;
}

/* Every partner the note writer can name: data/partners.csv (names and aliases,
 * every kind: countries, territories, the GACC residuals such as "Other Asia
 * nes") and the Comtrade areas of data/comtrade-areas.csv under the code
 * tradeflow stores for them ("M49:490" for "Other Asia, nes"); not World nor
 * Comtrade's groups of countries. A name of both files keeps its
 * data/partners.csv code. 0 or -1 (no memory). */
static int evocab_partners(const tf_refdata *ref, evocab *ev)
{
    for (size_t i = 0; i < tf_refdata_partner_count(ref); i++) {
        const tf_partner *p = tf_refdata_partner_at(ref, i);
        if (!p->iso3 || !p->iso3[0])
            continue;
        if (ename_add(&ev->part, &ev->npart, p->name_en, p->iso3))
            return -1;
        for (size_t k = 0; k < p->n_aliases; k++)
            if (ename_add(&ev->part, &ev->npart, p->aliases[k], p->iso3))
                return -1;
    }
    for (size_t i = 0; i < tf_refdata_area_count(ref); i++) {
        const tf_area *a = tf_refdata_area_at(ref, i);
        if (!a->partner[0] || !strcmp(a->kind, "world") || !strcmp(a->kind, "group"))
            continue;
        if (ename_add(&ev->part, &ev->npart, a->name_en, a->partner))
            return -1;
    }
    return 0;
}

static int evocab_load(const tf_refdata *ref, evocab *ev)
{
    if (audit_words_load(ev))
        return -1;
    for (size_t i = 0; i < tf_refdata_product_count(ref); i++) {
        const tf_product *p = tf_refdata_product_at(ref, i);
        if (ename_add(&ev->prod, &ev->nprod, p->name, p->name) ||
            ename_add(&ev->prod, &ev->nprod, p->name_en, p->name))
            return -1;
        for (size_t k = 0; k < p->n_aliases; k++)
            if (ename_add(&ev->prod, &ev->nprod, p->aliases[k], p->name))
                return -1;
    }
    if (evocab_partners(ref, ev))
        return -1;
    if (ev->nprod)
        qsort(ev->prod, ev->nprod, sizeof *ev->prod, ename_cmp);
    if (ev->npart)
        qsort(ev->part, ev->npart, sizeof *ev->part, ename_cmp);
    return 0;
}

/* The longest name of v[0..n) at token i: its key and length in tokens. */
static const char *ename_at(const ename *e, size_t ne, const tok *v, size_t n, size_t i,
                            size_t *len)
{
    if (v[i].k != K_WORD)
        return NULL;
    for (size_t k = 0; k < ne; k++) {
        if (strcmp(v[i].w, e[k].first))
            continue;
        size_t m = phrase_of(v, n, i, e[k].phrase, 1);
        if (m) {
            *len = m;
            return e[k].key;
        }
    }
    return NULL;
}

static const char *country_at(const evocab *ev, const tok *v, size_t n, size_t i, size_t *len,
                              int *adj)
{
    if (v[i].k != K_WORD)
        return NULL;
    /* "US$": a currency */
    if (i + 1 < n && is_s(&v[i + 1], '$'))
        return NULL;
    /* any partner of the reference data, by name or alias; a lower-case word
     * is no country name ("chad", "turkey", "guinea pig"). A longer name of
     * the data wins over a word of the list ("French Guiana" over "French",
     * "Serbia and Montenegro" over "Serbia"). */
    size_t elen = 0;
    const char *iso = ev && v[i].cap ? ename_at(ev->part, ev->npart, v, n, i, &elen) : NULL;
    /* "US" must be upper-case to be the United States */
    for (size_t k = 0; ev && k < ev->nwords; k++) {
        const aword *w = &ev->words[k];
        size_t m = 0;
        if (w->kind == AW_COUNTRY) {
            m = phrase(v, n, i, w->phrase);
            if (!m)
                continue;
            if (!strcmp(w->phrase, "us") &&
                !(v[i].e - v[i].b == 2 && isupper((unsigned char)v[i].w[0] - 32)))
                continue;
            if (!strcmp(w->phrase, "us") && !v[i].cap)
                continue;
        } else if (w->kind == AW_ADJECTIVE && is_w(&v[i], w->phrase))
            m = 1;
        if (!m || (iso && elen > m))
            continue;
        *len = m;
        *adj = w->kind == AW_ADJECTIVE;
        return w->key;
    }
    if (iso) {
        *len = elen;
        *adj = 0;
    }
    return iso;
}

/* ---------------------------------------------------------------- figures */

enum { U_T, U_USD, U_CNY_T, U_OTHER_PRICE };

typedef struct qfig {
    size_t i, j;        /* tokens */
    double value, lo, hi;
    int unit;           /* U_* */
    int dec;            /* decimals to print */
    int diff;           /* a difference ("by 89,000 t"), not a level: no claim */
    int base;           /* a comparison's base ("up from 28,759 t", "against 16.22 million t") */
    size_t base_of;     /* the claim a base is the base of */
} qfig;

typedef struct pfig {
    size_t i, j;
    double value, lo, hi;
    int share;          /* share of a total */
    int basis;          /* 0 unknown, 1 MoM, 2 YoY */
    int dir;            /* +1, -1, 0 unknown */
    int target;         /* index into the sentence's quantities, -1 none */
    int prev_claim;     /* attach to the previous sentence's last claim */
    pexpr share_of;     /* label of the share's total */
    int share_labelled;
    int fraction;       /* printed as a fraction ("a growth rate of 0.31") */
    int base_month1;    /* the month compared with ("from September", "than in August
                           2024"): month index + 1; 0 none */
    int group;          /* the share of several partners together ("the top three") */
} pfig;

/* Scale word at i: million, billion, thousand. Returns factor, *m tokens. */
static double scale_at(const tok *v, size_t n, size_t i, size_t *m)
{
    *m = 0;
    if (i >= n || v[i].k != K_WORD)
        return 1;
    const char *w = v[i].w;
    if (!strcmp(w, "million") || !strcmp(w, "mln") || !strcmp(w, "m") || !strcmp(w, "mn")) {
        *m = 1;
        return 1e6;
    }
    if (!strcmp(w, "billion") || !strcmp(w, "bln") || !strcmp(w, "bn") || !strcmp(w, "b")) {
        *m = 1;
        return 1e9;
    }
    if (!strcmp(w, "thousand") || !strcmp(w, "k")) {
        *m = 1;
        return 1e3;
    }
    return 1;
}

/* Mass unit at i: factor to t, *m tokens; 0 when none. The case of "Mt"
 * (million tonnes) and "mt" (metric tonnes) is told apart on the source. */
static double mass_unit_at(const char *text, const tok *v, size_t n, size_t i, size_t *m)
{
    *m = 0;
    if (i >= n || v[i].k != K_WORD)
        return 0;
    const char *w = v[i].w;
    if (!strcmp(w, "mt") && v[i].e - v[i].b == 2) {
        *m = 1;
        return text[v[i].b] == 'M' && text[v[i].b + 1] == 't' ? 1e6 : 1;
    }
    if (!strcmp(w, "t") || !strcmp(w, "tonnes") || !strcmp(w, "tonne") || !strcmp(w, "tons") ||
        !strcmp(w, "ton") || !strcmp(w, "mts")) {
        *m = 1;
        return 1;
    }
    if (!strcmp(w, "metric") && i + 1 < n &&
        (is_w(&v[i + 1], "tons") || is_w(&v[i + 1], "tonnes") || is_w(&v[i + 1], "ton"))) {
        *m = 2;
        return 1;
    }
    if (!strcmp(w, "kt") || !strcmp(w, "kilotonnes") || !strcmp(w, "kilotons")) {
        *m = 1;
        return 1e3;
    }
    return 0;
}

static void interval_for(double value, int dec, int tz, double cap_unit, double *lo, double *hi)
{
    double unit = dec ? pow(10, -dec) : pow(10, tz);
    if (!dec && cap_unit > 0 && unit > cap_unit)
        unit = cap_unit;
    *lo = value - unit / 2;
    *hi = value + unit / 2;
}

/* Approximation words just before token i widen the interval. */
/* "2.2% less than the 172,300 t", "6.4% below the 134.21 million t", "35,600 t more
 * than", "below the 222,851 t": a comparison word starting at ps after a change or a
 * figure, or before "the", compares with the figure after it; that figure is exact. */
static int compared_after_change(const tok *v, size_t sb, size_t ps)
{
    /* "below the 222,851 t of April": a figure the note compares with, not a bound */
    size_t w = ps;
    while (is_w(&v[w], "less") || is_w(&v[w], "more") || is_w(&v[w], "than") ||
           is_w(&v[w], "below") || is_w(&v[w], "above") || is_w(&v[w], "under") ||
           is_w(&v[w], "over"))
        w++;
    if (w > ps && is_w(&v[w], "the"))
        return 1;
    if (ps > sb && (v[ps - 1].k == K_PCT || v[ps - 1].k == K_NUM))
        return 1;
    return ps > sb + 1 && v[ps - 2].k == K_NUM && v[ps - 1].k == K_WORD && mass_unit_word(&v[ps - 1]);
}

static double fold_at(const tok *v, size_t se, size_t i, size_t *m);

static void approx_widen(const tok *v, size_t sb, size_t i, double *lo, double *hi, double val)
{
    size_t k = i;
    for (int back = 0; back < 3 && k > sb; back++) {
        k--;
        const tok *t = &v[k];
        if (is_w(t, "nearly") || is_w(t, "almost") || (is_w(t, "to") && k > sb && is_w(&v[k - 1], "close")) ||
            is_w(t, "under") || is_w(t, "below") || (is_w(t, "than") && k > sb && is_w(&v[k - 1], "less"))) {
            if (compared_after_change(v, sb, is_w(t, "than") || is_w(t, "to") ? k - 1 : k))
                return;
            *lo = val * 0.9;
            if (val > 0 && val <= 1 && !is_w(t, "nearly") && !is_w(t, "almost") &&
                !is_w(t, "to")) /* "less than 1 t": a figure under a tonne, [0, 1] */
                *lo = 0, *hi = val;
            return;
        }
        if (is_w(t, "over") || is_w(t, "above") || is_w(t, "exceeding") ||
            (is_w(t, "than") && k > sb && is_w(&v[k - 1], "more")) ||
            (is_w(t, "least") && k > sb && is_w(&v[k - 1], "at"))) {
            if (!compared_after_change(v, sb, is_w(t, "than") || is_w(t, "least") ? k - 1 : k))
                *hi = val * 1.25;
            return;
        }
        size_t m;
        if (t->k == K_NUM || fold_at(v, i, k, &m) > 0)
            return; /* "nearly doubled to 1.05 Mt": the word qualifies the change */
    }
}

static int dir_word(const tok *t)
{
    static const char *const up[] = {"up", "rose", "rise", "risen", "rising", "increase",
                                     "increased", "increases", "increasing", "gain", "gained",
                                     "jump", "jumped", "surge", "surged", "surging", "climb",
                                     "climbed", "grew", "grow", "growing", "growth", "higher",
                                     "soared", "soar", "rebounded", "expanded", "hike", "added",
                                     "advanced", "spiked", "more", "increment", "above",
                                     "climbing", "climbs", "rises", "jumping", "jumps",
                                     "gaining", "gains", "advancing", "ahead", NULL};
    static const char *const down[] = {"down", "fell", "fall", "fallen", "falling",
                                       "decrease", "decreased", "decreasing", "decline",
                                       "declined", "declining", "drop", "dropped", "dropping",
                                       "plunge", "plunged", "plunging", "slid", "slump",
                                       "slumped", "lower", "dipped", "dip", "shrank", "shrink",
                                       "contracted", "eased", "slipped", "tumbled", "sank",
                                       "less", "reduction", "reduced", "below", "slipping",
                                       "slip", "slips", "sliding", "slide", "slides",
                                       "easing", "eases", "dipping", "tumbling", "sinking",
                                       "shrinking", "falls", "drops", "declines", "short",
                                       NULL};
    if (t->k != K_WORD)
        return 0;
    for (size_t k = 0; up[k]; k++)
        if (!strcmp(t->w, up[k]))
            return 1;
    for (size_t k = 0; down[k]; k++)
        if (!strcmp(t->w, down[k]))
            return -1;
    return 0;
}

static const char *const mom_phrases[] = {"mom", "m m", "month on month", "month over month",
                                          "on the month", "from the previous month",
                                          "from a month earlier", "from a month ago",
                                          "compared to the previous month",
                                          "compared with the previous month",
                                          "over the previous month", "over a month",
                                          "than the previous month", "on month",
                                          "sequentially", "month to month", "on a monthly basis",
                                          "from the prior month", "from last month", "m o m",
                                          "month on month basis", "than in the previous month",
                                          "above the previous month", "below the previous month",
                                          "versus the previous month", "against the previous month",
                                          "from a month before",
                                          /* a quarter's change on the quarter before */
                                          "q q", "qoq", "q o q", "quarter on quarter",
                                          "quarter over quarter", "on the quarter",
                                          "from the previous quarter", NULL};
static const char *const yoy_phrases[] = {
    "yoy", "y y", "y o y", "year on year", "year over year", "on the year", "on year",
    "from a year earlier", "from a year ago", "from the same period",
    "compared to the same period", "compared with the same period",
    "compared to the same month", "compared with the same month", "from the same month",
    "over the same period", "year to year", "on an annual basis", "from last year",
    "than a year earlier", "than last year", "annually", "on a yearly basis",
    "from the corresponding period", "year earlier", "from the previous year",
    "from the prior year", "over the previous year", "compared with last year",
    "compared to last year", "than in the same period", "than the same period",
    "above the same period", "below the same period", "than in the same month",
    "above the same month", "below the same month", "than a year ago", "than a year before",
    "from a year before", "versus a year earlier", "against a year earlier",
    "against the same period", "versus the same period", "year ago", "in the same period",
    "during the same period", "of the same period", "in the corresponding period",
    "during the corresponding period", "of the corresponding period", NULL};

static int month_at(const tok *v, size_t n, size_t i);

static int basis_at(const tok *v, size_t n, size_t i, size_t *m)
{
    /* "from September", "vs October", "compared with January": the month before */
    if (i + 1 < n && (is_w(&v[i], "from") || is_w(&v[i], "vs") || is_w(&v[i], "versus")) &&
        month_at(v, n, i + 1) &&
        !(i + 2 < n && v[i + 2].k == K_NUM && !year_at(v, i + 2))) {
        *m = i + 2 < n && year_at(v, i + 2) ? 3 : 2;
        return 1;
    }
    if (i + 2 < n && is_w(&v[i], "compared") && (is_w(&v[i + 1], "to") || is_w(&v[i + 1], "with")) &&
        month_at(v, n, i + 2) && !(i + 3 < n && v[i + 3].k == K_NUM)) {
        *m = 3;
        return 1;
    }
    /* "higher than in August 2024", "than July", "20.2% above April 2024": the month's
     * figure is the base */
    if (i + 1 < n && (is_w(&v[i], "than") || is_w(&v[i], "above") || is_w(&v[i], "below"))) {
        size_t k = i + 1 + (is_w(&v[i + 1], "in") || is_w(&v[i + 1], "the") ? 1 : 0);
        if (k < n && month_at(v, n, k) && !(k + 1 < n && v[k + 1].k == K_NUM && !year_at(v, k + 1))) {
            *m = k + 1 - i;
            return 1;
        }
    }
    /* "up 8.4% on April-June 2024", "over January-May 2024": a named range a year before */
    if (i + 3 < n && (is_w(&v[i], "on") || is_w(&v[i], "over")) && month_at(v, n, i + 1) &&
        (is_s(&v[i + 2], '-') || is_w(&v[i + 2], "to")) && month_at(v, n, i + 3)) {
        *m = 4 + (i + 4 < n && year_at(v, i + 4) ? 1 : 0);
        return 2;
    }
    if ((*m = any_phrase(v, n, i, mom_phrases)))
        return 1;
    if ((*m = any_phrase(v, n, i, yoy_phrases)))
        return 2;
    return 0;
}

/* The month a basis found at token i names ("from September", "compared with August
 * 2024", "than in July"), resolved against ref; -1 when it names none. */
static int basis_month_at(const tok *v, size_t n, size_t i, int ref)
{
    size_t k = i + 1;
    if (is_w(&v[i], "compared"))
        k = i + 2;
    else if ((is_w(&v[i], "than") || is_w(&v[i], "above") || is_w(&v[i], "below")) && k < n &&
             (is_w(&v[k], "in") || is_w(&v[k], "the")))
        k++;
    else if (!is_w(&v[i], "from") && !is_w(&v[i], "than") && !is_w(&v[i], "above") &&
             !is_w(&v[i], "below") && !is_w(&v[i], "vs") && !is_w(&v[i], "versus"))
        return -1;
    pexpr pe;
    if (k >= n || !month_at(v, n, k) || !period_at(v, n, k, ref, &pe) || pe.from < 0 ||
        pe.from != pe.to)
        return -1;
    return pe.to;
}

/* Words that may stand between a change and "to <figure>" it leads to. */
static int linking_word(const tok *t)
{
    static const char *const w[] = {"on", "the", "a", "an", "and", "from", "year", "month",
                                    "earlier", "ago", "same", "period", "over", "compared",
                                    "with", "last", "previous", "basis", "per", "cent", "m",
                                    "y", "o", "mom", "yoy", "by", "of", "about", "around",
                                    "approximately", "nearly", "roughly", "some", "but",
                                    "respectively", "prior", "corresponding", "monthly",
                                    "annual", "yearly", "sequentially", NULL};
    if (t->k == K_PCT || t->k == K_NUM)
        return 1;
    if (t->k == K_SYM)
        return t->w[0] == '-' || t->w[0] == '/' || t->w[0] == ',' || t->w[0] == '(' ||
               t->w[0] == ')';
    if (t->k != K_WORD)
        return 0;
    if (dir_word(t))
        return 1;
    for (size_t k = 0; w[k]; k++)
        if (!strcmp(t->w, w[k]))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- metrics */

typedef struct mword {
    size_t i;
    tf_metric m;
} mword;

static tf_metric metric_word(const tok *v, size_t n, size_t i, size_t sb, size_t *span)
{
    *span = 1;
    const tok *t = &v[i];
    if (t->k != K_WORD)
        return TF_METRIC_NONE;
    if (!strcmp(t->w, "net")) {
        for (size_t k = i + 1; k < n && k <= i + 5; k++)
            if (starts(&v[k], "import") || strstr(v[k].w, "import") || starts(&v[k], "export")) {
                *span = k - i + 1;
                return TF_METRIC_NET_IMPORT;
            }
        return TF_METRIC_NONE;
    }
    if (strstr(t->w, "import") || !strcmp(t->w, "bought") || !strcmp(t->w, "purchases") ||
        !strcmp(t->w, "purchased") || !strcmp(t->w, "arrivals") || !strcmp(t->w, "inflows") ||
        !strcmp(t->w, "supplier") || !strcmp(t->w, "suppliers") || !strcmp(t->w, "supplied") ||
        !strcmp(t->w, "supplying") || !strcmp(t->w, "sources")) {
        /* "net ... imports" was taken with "net" */
        for (size_t k = i; k > sb && k + 5 > i; k--)
            if (is_w(&v[k - 1], "net"))
                return TF_METRIC_NONE;
        if (!strcmp(t->w, "supplier") || !strcmp(t->w, "suppliers") ||
            !strcmp(t->w, "supplied") || !strcmp(t->w, "supplying") || !strcmp(t->w, "sources"))
            return TF_METRIC_IMPORT;
        if (strstr(t->w, "reimport"))
            return TF_METRIC_IMPORT;
        return TF_METRIC_IMPORT;
    }
    /* "shipments to Japan" are exports, "shipments from Guinea" imports */
    if ((!strcmp(t->w, "shipments") || !strcmp(t->w, "deliveries")) && i + 1 < n &&
        (is_w(&v[i + 1], "to") || is_w(&v[i + 1], "from")))
        return is_w(&v[i + 1], "to") ? TF_METRIC_EXPORT : TF_METRIC_IMPORT;
    /* "shipments bound for China", "cargoes destined for India" are exports */
    if ((!strcmp(t->w, "shipments") || !strcmp(t->w, "cargoes") || !strcmp(t->w, "deliveries")) &&
        i + 2 < n && (is_w(&v[i + 1], "bound") || is_w(&v[i + 1], "destined")) &&
        is_w(&v[i + 2], "for"))
        return TF_METRIC_EXPORT;
    /* wire wording: "outbound shipments", "overseas sales", "inbound cargoes" */
    if ((!strcmp(t->w, "outbound") || !strcmp(t->w, "overseas") || !strcmp(t->w, "inbound")) &&
        i + 1 < n && (is_w(&v[i + 1], "shipments") || is_w(&v[i + 1], "sales") ||
                      is_w(&v[i + 1], "cargoes") || is_w(&v[i + 1], "deliveries") ||
                      /* "inbound volumes", "the April outbound total" */
                      is_w(&v[i + 1], "volumes") || is_w(&v[i + 1], "volume") ||
                      is_w(&v[i + 1], "flows") || is_w(&v[i + 1], "total") ||
                      is_w(&v[i + 1], "tonnage") || is_w(&v[i + 1], "tonnages"))) {
        *span = 2;
        return !strcmp(t->w, "inbound") ? TF_METRIC_IMPORT : TF_METRIC_EXPORT;
    }
    if ((!strcmp(t->w, "brought") || !strcmp(t->w, "took") || !strcmp(t->w, "taken") ||
         !strcmp(t->w, "shipped")) && i + 1 < n && is_w(&v[i + 1], "in"))
        return TF_METRIC_IMPORT;
    if (strstr(t->w, "export") || !strcmp(t->w, "shipped") || !strcmp(t->w, "outflows") ||
        !strcmp(t->w, "buyer") || !strcmp(t->w, "buyers"))
        return TF_METRIC_EXPORT;
    /* "production", "produced" (not "product": "production" starts with it) */
    if (!strcmp(t->w, "output") ||
        (starts(t, "produc") && strcmp(t->w, "product") && strcmp(t->w, "products")) ||
        starts(t, "stock") ||
        starts(t, "inventor") || !strcmp(t->w, "consumption") || !strcmp(t->w, "capacity") ||
        !strcmp(t->w, "demand") || !strcmp(t->w, "price") || !strcmp(t->w, "prices") ||
        !strcmp(t->w, "premium") || !strcmp(t->w, "premiums") || !strcmp(t->w, "freight") ||
        !strcmp(t->w, "sales") || !strcmp(t->w, "contract") || !strcmp(t->w, "deal") ||
        !strcmp(t->w, "tariff") || !strcmp(t->w, "shipments") || !strcmp(t->w, "deliveries"))
        return TF_METRIC_OTHER;
    if (starts(t, "loss") || starts(t, "profit") || !strcmp(t->w, "window"))
        return TF_METRIC_PL;
    return TF_METRIC_NONE;
}

/* ---------------------------------------------------------------- extraction */

typedef struct ctx {
    tf_audit *a;
    tf_stated pend;          /* a change on the month before ("rose by X"), */
    int pend_month;          /* its base month (-1 "the month before"), 0 none */
    char pend_unit[8];
    const evocab *ev;        /* names from the reference data */
    size_t note;
    const tf_note *nt;
    int ref;                 /* reference month for year-less periods */
    tf_metric metric;        /* carried from earlier sentences */
    char product[48];
    tf_span_period period;
    int has_period;
    size_t last_claim;       /* index of the last claim made, or -1 */
    size_t last_level;       /* the last claim that is no base of another, or -1 */
    size_t last_claim_before; /* last_claim when the sentence began */
    int any_product;         /* a product of the vocabulary was named in the note */
    char unnamed[24];        /* the product key of a note that names none */
    size_t last_claim_sentence_end;
    double cap_unit;         /* typical rounding of the note's integers */
    int prev_origin;         /* the sentence before spoke of origin */
    int period_named;        /* the carried period was named (in a heading, say) */
    int year_named;
    size_t period_b, period_e; /* its words (bytes), 0 when not from a heading */
    char reporter[4];        /* ISO alpha-3 of a reporter other than China, "" for China */
    int china_owner;         /* a sentence named China as the owner of the trade */
    double inr_rate, inr_lo, inr_hi; /* the note's first rupee rate and its range, 0 none */
    int head_dir;            /* the headline's bare word of change (+1 "rise", -1 "fall"), 0 */
    size_t head_claim;       /* the headline figure it governs */
    size_t head_b, head_e;   /* the word's bytes */
    tf_claim pend_share;     /* "of which China took 79.3%" before China's figure: the
                                partner's share waiting for it (share.has 0: none) */
} ctx;

/* The reporting country of the note: China unless a sentence named another
 * ("India's imports of aluminium from China"). */
static const char *reporter_of(const ctx *c) { return c->reporter[0] ? c->reporter : "CHN"; }

static int sentence_end_after(const tok *v, size_t n, size_t i)
{
    /* v[i] is '.', '!' or '?' */
    if (!(is_s(&v[i], '.') || is_s(&v[i], '!') || is_s(&v[i], '?')))
        return 0;
    if (i + 1 >= n || v[i + 1].k == K_NL)
        return 1;
    if (v[i + 1].b == v[i].e) /* no blank after: "U.S.", "3.5" */
        return 0;
    if (i > 0 && v[i - 1].k == K_WORD) {
        static const char *const abbr[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                           "sep", "sept", "oct", "nov", "dec", "mr", "ms",
                                           "dr", "no", "st", "vs", "inc", "co", "corp",
                                           "ltd", "u", "s", NULL};
        for (size_t k = 0; abbr[k]; k++)
            if (!strcmp(v[i - 1].w, abbr[k]))
                return v[i + 1].k == K_WORD && v[i + 1].cap && strlen(v[i - 1].w) > 2 &&
                       !month_at(v, n, i - 1);
    }
    return (v[i + 1].k == K_WORD && v[i + 1].cap) || v[i + 1].k == K_NUM ||
           is_s(&v[i + 1], '(') || is_s(&v[i + 1], '"') || is_s(&v[i + 1], '\'') ||
           v[i + 1].k == K_SYM;
}

static const char *product_in(const evocab *ev, const tok *v, size_t n, size_t i, size_t *m,
                              int *generic)
{
    *generic = 0;
    for (size_t k = 0; ev && k < ev->nwords; k++)
        if (ev->words[k].kind == AW_PRODUCT && (*m = phrase(v, n, i, ev->words[k].phrase)))
            return ev->words[k].key;
    const char *key = ev ? ename_at(ev->prod, ev->nprod, v, n, i, m) : NULL;
    if (key)
        return key;
    if (v[i].k == K_WORD && (starts(&v[i], "aluminium") || starts(&v[i], "aluminum"))) {
        *m = 1;
        *generic = 1;
        return "unwrought-aluminium-and-products";
    }
    /* "374,000 t of exported semis": aluminium semis where no other metal names them
     * (a generic word: the note's own aluminium product is kept) */
    if (is_w(&v[i], "semis") && !(i > 0 && (is_w(&v[i - 1], "copper") || is_w(&v[i - 1], "steel") ||
                                          is_w(&v[i - 1], "zinc") || is_w(&v[i - 1], "brass")))) {
        *m = 1;
        *generic = 1;
        return "aluminium-products";
    }
    return NULL;
}

static void make_stated(const ctx *c, const tok *v, size_t i, size_t j, double value,
                        double lo, double hi, tf_stated *s)
{
    (void)c;
    s->has = 1;
    s->value = value;
    s->lo = lo;
    s->hi = hi;
    s->start = v[i].b; /* bytes for now; turned into characters at the end */
    s->end = v[j - 1].e;
    size_t len = s->end - s->start;
    tf_copy(s->text, sizeof s->text, c->nt->text + s->start, len);
}

static tf_span_period rel_period(tf_span_period base, const pexpr *pe)
{
    tf_span_period p = base;
    if (pe->rel == P_YEAR_AGO) {
        if (pe->explicit_year) {
            int shift = (tf_mi_year(base.to) - pe->explicit_year) * 12;
            p.from -= shift;
            p.to -= shift;
        } else {
            p.from -= 12;
            p.to -= 12;
        }
    } else if (pe->rel == P_FULL_YEAR) {
        p.from = tf_mi_year(base.to) * 12;
        p.to = p.from + 11;
    } else if (pe->rel == P_YTD) {
        p.from = tf_mi_year(base.to) * 12;
    } else if (pe->rel == P_MONTH_AGO) {
        p.from -= 1;
        p.to -= 1;
    }
    return p;
}

/* "rose by US$1.52 billion from January", "up by 20,000 t on the month", "up
 * 29% year-on-year, by 89,000 t": a change in the figure's unit, kept until the
 * sentence's claims are made (apply_difference), when the sentence says its
 * base: the month before (pend_month: that month, or -1) or a year earlier
 * (pend_month -2). A sentence that names both is left alone. */
static void mom_difference(ctx *c, const tok *v, size_t sb, size_t se, const qfig *x, int sign)
{
    if (x->unit == U_OTHER_PRICE || c->pend_month)
        return;
    int month = 0, year = 0;
    for (size_t y = sb; y < se; y++) {
        int mo = month_at(v, se, y);
        if (y >= x->j && mo && y > sb &&
            (is_w(&v[y - 1], "from") || is_w(&v[y - 1], "than") ||
             (is_w(&v[y - 1], "in") && y > sb + 1 && is_w(&v[y - 2], "than"))))
            month = mo;
        if (is_w(&v[y], "mom") || (is_w(&v[y], "month") && y > sb &&
                                   (is_w(&v[y - 1], "previous") || is_w(&v[y - 1], "the") ||
                                    is_w(&v[y - 1], "a") || is_w(&v[y - 1], "on"))))
            month = month ? month : -1;
        if (is_w(&v[y], "yoy") || phrase(v, se, y, "year on year") ||
            phrase(v, se, y, "on the year") || phrase(v, se, y, "a year earlier") ||
            phrase(v, se, y, "a year ago") || phrase(v, se, y, "last year") ||
            phrase(v, se, y, "y y"))
            year = 1;
    }
    if (!month == !year)
        return;
    double lo = x->lo, hi = x->hi;
    make_stated(c, v, x->i, x->j, sign * x->value, sign > 0 ? lo : -hi, sign > 0 ? hi : -lo,
                &c->pend);
    c->pend_month = year ? -2 : month;
    tf_scopy(c->pend_unit, sizeof c->pend_unit, x->unit == U_USD ? "USD" : "t");
}

/* Give the change kept by mom_difference to the first claim of the sentence
 * (made[], nq of them), else to the last claim, when its unit and month fit. */
/* The pending difference given to claim ci when it fits (unit, and for a MoM difference
 * the month compared with). 1 when given. */
static int give_difference(ctx *c, size_t ci)
{
    tf_claim *cl = &c->a->claims[ci];
    int fits = cl->quantity.has && !strcmp(cl->unit, c->pend_unit);
    if (c->pend_month == -2 && fits && !cl->yoy_diff.has) {
        cl->yoy_diff = c->pend;
        return 1;
    }
    if (c->pend_month != -2 && fits && !cl->mom_diff.has && cl->period.from == cl->period.to &&
        (c->pend_month < 0 || c->pend_month == tf_mi_month(cl->period.to - 1))) {
        cl->mom_diff = c->pend;
        return 1;
    }
    return 0;
}

/* A difference read in the sentence ("up by 20,000 t", "1.23 million t more than in
 * October") to the sentence's first claim, else (a month's difference that does not fit
 * it: "…, when imports stood at 109.31 million t" is October's own) to the claim the
 * month compared with leads to, among the few stated before in the note. */
static void apply_difference(ctx *c, const size_t *made, size_t nq, int partner_named)
{
    if (!c->pend_month)
        return;
    size_t ci = c->last_claim, own = (size_t)-1;
    for (size_t z = 0; z < nq && own == (size_t)-1; z++)
        if (made[z] != (size_t)-1)
            ci = own = made[z];
    /* "The value of exports rose by $0.50 billion on the year" after a partner's figure: a
     * sentence naming no partner speaks of the total, the latest period's (not a base's) */
    int best = INT_MIN;
    for (size_t k = c->a->n_claims, n = 0; own == (size_t)-1 && !partner_named && k > 0 && n < 8;
         k--, n++) {
        const tf_claim *o = &c->a->claims[k - 1];
        if (o->note != c->note)
            break;
        if (!strcmp(o->partner, "WLD") && o->quantity.has && o->period.to > best)
            ci = k - 1, best = o->period.to;
    }
    if (ci != (size_t)-1 && ci < c->a->n_claims && !give_difference(c, ci) &&
        c->pend_month > 0 && ci != c->last_claim_before)
        for (size_t k = c->last_claim_before + 1, n = 0; k > 0 && n < 5; k--, n++)
            if (k - 1 < c->a->n_claims && c->a->claims[k - 1].note == c->note &&
                give_difference(c, k - 1))
                break;
    c->pend_month = 0;
}

/* A figure with its digits grouped wrongly ("312,00 t") is a finding of its
 * own (an error: the printed figure has no reading), with the readings it
 * could have been: a digit lost (312,000), the separator misplaced (31,200),
 * a decimal comma (312.00). It joins no equation. 0 or -1 (no memory). */
static int malformed_finding(ctx *c, const tok *v, size_t sb, size_t se, size_t i)
{
    const char *t = c->nt->text + v[i].b;
    size_t n = v[i].e - v[i].b;
    const char *comma = memchr(t, ',', n);
    if (!comma)
        return 0;
    size_t head = (size_t)(comma - t), tail = n - head - 1;
    char digits[40];
    if (n >= sizeof digits)
        return 0;
    memcpy(digits, t, head);
    memcpy(digits + head, comma + 1, tail);
    digits[n - 1] = '\0';
    double all = strtod(digits, NULL);
    char a1[48], a2[48];
    double lost = tail < 3 ? all * pow(10, (double)(3 - tail)) : all;
    tf_num_words(lost, 0, a1, sizeof a1);
    tf_num_words(all, 0, a2, sizeof a2);
    /* a claim of its own (kept, not checked) for the sentence and span */
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = c->period;
    make_stated(c, v, i, i + 1, all, all, all, &cl.quantity);
    cl.sent_start = v[sb].b;
    cl.sent_end = v[se - 1].e;
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "malformed-number", "quantity", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, v[i].b);
    f.end = tf_note_char_offset(c->nt, v[i].e);
    f.stated = all;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%s or %s or %.*s.%.*s", a1, a2, (int)head, t,
           (int)tail, comma + 1);
    f.confidence = 0.5;
    tf_fmt(f.equation, sizeof f.equation, "'%.*s' groups its digits as no number is written",
           (int)n, t);
    tf_fmt(f.evidence, sizeof f.evidence,
           "a thousands separator is followed by three digits; '%.*s' may be %s with a digit "
           "lost, %s with the separator misplaced, or %.*s.%.*s with a decimal comma; it is "
           "left out of the equations", (int)n, t, a1, a2, (int)head, t, (int)tail, comma + 1);
    return tf_audit_add_finding(c->a, &f);
}

/* ---------------------------------------------------------------- currency conversions */

enum { MONEY_NONE, MONEY_CNY, MONEY_USD, MONEY_INR };

/* A scale word at i with "trillion" too: factor, *m tokens. */
static double money_scale(const tok *v, size_t se, size_t i, size_t *m)
{
    if (i < se && is_w(&v[i], "trillion")) {
        *m = 1;
        return 1e12;
    }
    /* Indian numbering: a crore is 10^7, a lakh 10^5 ("Rs 14,820 crore") */
    if (i < se && (is_w(&v[i], "crore") || is_w(&v[i], "crores"))) {
        *m = 1;
        return 1e7;
    }
    if (i < se && (is_w(&v[i], "lakh") || is_w(&v[i], "lakhs"))) {
        *m = 1;
        return 1e5;
    }
    return scale_at(v, se, i, m);
}

/* A sum of money at token i: "9 trillion yuan", "RMB 5 billion", "131.58 billion U.S.
 * dollars", "US$1.3 billion", "$580". MONEY_CNY or MONEY_USD with the value, the number's
 * token *ni and the end *end; MONEY_NONE. */
static int money_at(const tok *v, size_t se, size_t i, double *val, size_t *ni, size_t *end)
{
    int pre = MONEY_NONE;
    size_t j = i, m;
    if (is_s(&v[j], '$'))
        pre = MONEY_USD, j++;
    else if (j + 1 < se && is_w(&v[j], "us") && is_s(&v[j + 1], '$'))
        pre = MONEY_USD, j += 2;
    else if (is_w(&v[j], "usd"))
        pre = MONEY_USD, j++;
    else if (is_w(&v[j], "rmb") || is_w(&v[j], "cny"))
        pre = MONEY_CNY, j++;
    else if (is_w(&v[j], "rs") || is_w(&v[j], "inr"))
        pre = MONEY_INR, j += 1 + (j + 1 < se && is_s(&v[j + 1], '.'));
    if (j >= se || v[j].k != K_NUM || v[j].malformed)
        return MONEY_NONE;
    *ni = j;
    *val = v[j].num * money_scale(v, se, j + 1, &m);
    j += 1 + m;
    *end = j;
    if (pre)
        return pre;
    if (j < se && (is_w(&v[j], "yuan") || is_w(&v[j], "rmb"))) {
        *end = j + 1;
        return MONEY_CNY;
    }
    if (j < se && (is_w(&v[j], "dollars") || is_w(&v[j], "usd"))) {
        *end = j + 1;
        return MONEY_USD;
    }
    if (j + 1 < se && is_w(&v[j], "us") && is_w(&v[j + 1], "dollars")) {
        *end = j + 2;
        return MONEY_USD;
    }
    if (j + 4 < se && is_w(&v[j], "u") && is_s(&v[j + 1], '.') && is_w(&v[j + 2], "s") &&
        is_s(&v[j + 3], '.') && is_w(&v[j + 4], "dollars")) {
        *end = j + 5;
        return MONEY_USD;
    }
    return MONEY_NONE;
}

#define CNY_PER_USD_MIN TF_CNY_PER_USD_MIN /* audit_int.h */
#define CNY_PER_USD_MAX TF_CNY_PER_USD_MAX

/* The finding of currency_pair on the bracketed sum v[nb..eb) of value b (an `other`
 * claim of its own): the implied rate, and b times 10^p proposed when p is not 0. */
static int conversion_finding(ctx *c, const tok *v, size_t sb, size_t se, size_t jb,
                              size_t nb, size_t eb, double b, int p, double rate)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = c->period;
    make_stated(c, v, jb, eb, b, b, b, &cl.quantity);
    cl.sent_start = v[sb].b;
    cl.sent_end = v[se - 1].e;
    tf_finding f;
    const char *kind = tf_audit_conversion_kind(p);
    if (tf_audit_slip_claim(c->a, &cl, "USD", kind, "value", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, v[jb].b);
    f.end = tf_note_char_offset(c->nt, v[eb - 1].e);
    f.stated = v[nb].num;
    if (p) {
        f.has_proposed = 1;
        f.proposed = v[nb].num * pow(10, p);
        char num[48];
        tf_num_words(f.proposed, v[nb].dec > p ? v[nb].dec - p : 0, num, sizeof num);
        const char *t = c->nt->text;
        tf_fmt(f.proposed_text, sizeof f.proposed_text, "%.*s%s%.*s", (int)(v[nb].b - v[jb].b),
               t + v[jb].b, num, (int)(v[eb - 1].e - v[nb].e), t + v[nb].e);
    }
    tf_audit_conversion_explain(&f, rate, p);
    return tf_audit_add_finding(c->a, &f);
}

/* Rupees per US dollar stayed within 31..95 from 1994 on (Reserve Bank of India reference
 * rate); a conversion in a note implies a rate within these bounds with a margin. */
#define INR_PER_USD_MIN 25.0
#define INR_PER_USD_MAX 120.0

/* The error of inr_pair on the dollar figure v[nu] (tokens [jb, eb)): its claim, the
 * equation and the evidence, the dollars proposed (p10: the power of ten that brings the
 * rate within the bounds; else the dollars at the note's first rate, when one was told). */
static int inr_finding(ctx *c, const tok *v, size_t sb, size_t se, size_t nu, size_t jb,
                       size_t eb, double rate, int p10)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = c->period;
    make_stated(c, v, jb, eb, v[nu].num, v[nu].num, v[nu].num, &cl.quantity);
    cl.sent_start = v[sb].b;
    cl.sent_end = v[se - 1].e;
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "USD", p10 ? "factor-of-10" : "inconsistent", "value", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, v[jb].b);
    f.end = tf_note_char_offset(c->nt, v[eb - 1].e);
    f.stated = v[nu].num;
    f.has_proposed = 1;
    f.proposed = p10 ? v[nu].num * pow(10, p10) : v[nu].num * rate / c->inr_rate;
    int dec = v[nu].dec - (p10 < 0 ? p10 : 0);
    char num[48];
    tf_num_words(f.proposed, dec > p10 ? dec - (p10 > 0 ? p10 : 0) : 0, num, sizeof num);
    const char *t = c->nt->text;
    tf_fmt(f.proposed_text, sizeof f.proposed_text, "%.*s%s%.*s", (int)(v[nu].b - v[jb].b),
           t + v[jb].b, num, (int)(v[eb - 1].e - v[nu].e), t + v[nu].e);
    f.confidence = p10 ? 0.75 : 0.55;
    tf_fmt(f.equation, sizeof f.equation,
           p10 ? "rupees / dollars of a conversion = the exchange rate: %.4g, outside %.0f..%.0f"
               : "rupees / dollars of a conversion = the note's rate: %.4g vs %.4g",
           rate, p10 ? INR_PER_USD_MIN : c->inr_rate, INR_PER_USD_MAX);
    tf_fmt(f.evidence, sizeof f.evidence,
           p10 ? "the sum in rupees and its conversion in dollars imply %.4g rupees per dollar; "
                 "the rate has stayed between 31 and 95 since 1994, and the decimal point moved "
                 "brings it within"
               : "the sum in rupees and its conversion in dollars imply %.4g rupees per dollar, "
                 "where the note's first conversion implies %.4g",
           rate, c->inr_rate);
    return tf_audit_add_finding(c->a, &f);
}

/* "Rs 14,820 crore, or about $1.78 billion": the implied rupee rate (rupees v[nr], dollars
 * v[nu], the dollar figure's tokens [jb, eb)) within INR_PER_USD_MIN..MAX, and the same as
 * the note's first conversion within both figures' rounding (a 2 % margin). 0, or -1 when
 * out of memory. */
static int inr_pair(ctx *c, const tok *v, size_t sb, size_t se, size_t nr, size_t nu,
                    size_t jb, size_t eb)
{
    size_t m1, m2;
    double fr = money_scale(v, se, nr + 1, &m1), fu = money_scale(v, se, nu + 1, &m2);
    double rlo, rhi, ulo, uhi;
    interval_for(v[nr].num, v[nr].dec, v[nr].tz, 0, &rlo, &rhi);
    interval_for(v[nu].num, v[nu].dec, v[nu].tz, 0, &ulo, &uhi);
    if (v[nu].num <= 0 || ulo <= 0)
        return 0;
    double rate = v[nr].num * fr / (v[nu].num * fu);
    double lo = rlo * fr / (uhi * fu) * 0.98, hi = rhi * fr / (ulo * fu) * 1.02;
    if (rate < INR_PER_USD_MIN || rate > INR_PER_USD_MAX) {
        for (int q = 1; q <= 3; q++)
            for (int sg = -1; sg <= 1; sg += 2) {
                double r = rate / pow(10, sg * q);
                if (r >= INR_PER_USD_MIN && r <= INR_PER_USD_MAX)
                    return inr_finding(c, v, sb, se, nu, jb, eb, rate, sg * q);
            }
        return 0;
    }
    if (!c->inr_rate) {
        c->inr_rate = rate, c->inr_lo = lo, c->inr_hi = hi;
        return 0;
    }
    if (hi < c->inr_lo || lo > c->inr_hi)
        return inr_finding(c, v, sb, se, nu, jb, eb, rate, 0);
    return 0;
}

/* "9 trillion yuan (about 131.58 billion U.S. dollars)": a sum given in yuan and in
 * dollars in brackets after it implies an exchange rate; outside CNY_PER_USD_MIN..MAX the
 * bracketed conversion is an error, with the decimal point moved where that brings it
 * within them. 0, or -1 when out of memory. */
static int currency_pair(ctx *c, const tok *v, size_t sb, size_t se)
{
    for (size_t i = sb; i < se; i++) {
        double a, b;
        size_t na, nb, ea, eb;
        int ka = money_at(v, se, i, &a, &na, &ea);
        /* "(about 131.58 billion U.S. dollars)", "…, or about $1.78 billion" */
        if (!ka || ea + 1 >= se ||
            !(is_s(&v[ea], '(') || (is_s(&v[ea], ',') && is_w(&v[ea + 1], "or"))))
            continue;
        size_t j = ea + 1;
        while (j < se && (is_w(&v[j], "about") || is_w(&v[j], "approximately") ||
                          is_w(&v[j], "around") || is_w(&v[j], "roughly") ||
                          is_w(&v[j], "some") || is_w(&v[j], "or") || is_w(&v[j], "nearly")))
            j++;
        int kb = j < se ? money_at(v, se, j, &b, &nb, &eb) : MONEY_NONE;
        if (!kb || kb == ka || a <= 0 || b <= 0)
            continue;
        if (ka == MONEY_INR || kb == MONEY_INR) {
            if (inr_pair(c, v, sb, se, ka == MONEY_INR ? na : nb, ka == MONEY_INR ? nb : na,
                         ka == MONEY_INR ? j : i, ka == MONEY_INR ? eb : ea))
                return -1;
            i = eb - 1;
            continue;
        }
        if (ka != MONEY_CNY && kb != MONEY_CNY)
            continue;
        double cny = ka == MONEY_CNY ? a : b, usd = ka == MONEY_USD ? a : b;
        double rate = cny / usd;
        if (rate >= CNY_PER_USD_MIN && rate <= CNY_PER_USD_MAX)
            continue;
        int p = 0; /* the bracketed figure times 10^p brings the rate within bounds */
        for (int q = 1; q <= 3 && !p; q++)
            for (int sg = -1; sg <= 1 && !p; sg += 2) {
                double r = kb == MONEY_USD ? cny / (usd * pow(10, sg * q))
                                           : cny * pow(10, sg * q) / usd;
                if (r >= CNY_PER_USD_MIN && r <= CNY_PER_USD_MAX)
                    p = sg * q;
            }
        if (conversion_finding(c, v, sb, se, j, nb, eb, b, p, rate))
            return -1;
        i = eb - 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- unit values */

/* A figure of a unit-value check: tokens [b, e), the number's token n, its value in the
 * check's unit (USD or CNY; t; USD or CNY per t) and its rounding interval. */
typedef struct uvfig {
    size_t b, e, n;
    double scale, val, lo, hi;
    int cur; /* MONEY_USD, MONEY_CNY; 0 for the quantity */
} uvfig;

static void uv_set(const tok *v, uvfig *f, size_t b, size_t n, size_t e, double scale, int cur)
{
    f->b = b;
    f->n = n;
    f->e = e;
    f->scale = scale;
    f->cur = cur;
    f->val = v[n].num * scale;
    interval_for(v[n].num, v[n].dec, v[n].dec ? 0 : v[n].tz, 0, &f->lo, &f->hi);
    f->lo *= scale;
    f->hi *= scale;
}

/* After a sum of money at token e: "a tonne", "per tonne", "/t"; the tokens it takes. */
static size_t per_tonne(const char *text, const tok *v, size_t se, size_t e)
{
    size_t m;
    if (e + 1 < se && (is_w(&v[e], "a") || is_w(&v[e], "per") || is_s(&v[e], '/')) &&
        mass_unit_at(text, v, se, e + 1, &m) == 1)
        return 1 + m;
    return 0;
}

/* The sentence's one sum of money (*V), one quantity in t (*Q) and one unit value in the
 * sum's currency a tonne (*P): 1 when there is exactly one of each (with more, which
 * goes with which is not sure, and nothing is checked). */
static int uv_figures(const ctx *c, const tok *v, size_t sb, size_t se, uvfig *V, uvfig *Q,
                      uvfig *P)
{
    const char *text = c->nt->text;
    int hv = 0, hq = 0, hp = 0;
    for (size_t i = sb; i < se; i++) {
        double val;
        size_t ni, end, m1, m2, pt;
        int cur = money_at(v, se, i, &val, &ni, &end);
        /* "$2.92 bn (CNY 20.8 bn)": the conversion in brackets; "$9,701/t, vs $9,280/t in
         * October": the price compared with */
        int aside = cur && i > sb &&
                    ((is_s(&v[i - 1], '(') && hv && cur != V->cur) ||
                     (hp && (is_w(&v[i - 1], "vs") || is_w(&v[i - 1], "versus") ||
                             is_w(&v[i - 1], "from") || is_w(&v[i - 1], "against") ||
                             (is_s(&v[i - 1], '.') && i > sb + 1 && is_w(&v[i - 2], "vs")))));
        if (aside) {
            i = end - 1;
            if ((pt = per_tonne(text, v, se, end)) != 0)
                i += pt;
        } else if (cur && (pt = per_tonne(text, v, se, end)) != 0) {
            if (!hp++ && v[ni].num > 0)
                uv_set(v, P, i, ni, end + pt, val / v[ni].num, cur);
            i = end + pt - 1;
        } else if (cur) {
            if (!hv++ && v[ni].num > 0)
                uv_set(v, V, i, ni, end, val / v[ni].num, cur);
            i = end - 1;
        } else if (v[i].k == K_NUM && !v[i].malformed && v[i].num > 0) {
            double sc = scale_at(v, se, i + 1, &m1);
            double mu = mass_unit_at(text, v, se, i + 1 + m1, &m2);
            if (mu > 0 && !hq++)
                uv_set(v, Q, i, i, i + 1 + m1 + m2, sc * mu, 0);
        }
    }
    return hv == 1 && hq == 1 && hp == 1 && V->val > 0 && P->val > 0;
}

/* The value a printed figure f stands for when `need` (in the check's unit) is what the
 * other two give: one digit changed, two adjacent digits swapped or the point moved turn
 * it into the printed one. The slip's kind, the corrected number in *fixed; NULL. */
static const char *uv_slip(const tok *v, const uvfig *f, double need_lo, double need_hi,
                           double *fixed)
{
    char d[40], w[40];
    int dec = v[f->n].dec;
    tf_fmt(d, sizeof d, "%.*f", dec, v[f->n].num);
    double half = 0.5 * (f->hi - f->lo);
    for (int p = -3; p <= 3; p++) {
        double x = f->val * pow(10, p);
        if (p && x + half * pow(10, p) >= need_lo && x - half * pow(10, p) <= need_hi) {
            *fixed = v[f->n].num * pow(10, p);
            return abs(p) == 1 ? "factor-of-10" : abs(p) == 2 ? "factor-of-100" : "factor-of-1000";
        }
    }
    for (size_t i = 0; d[i]; i++)
        for (int k = 0; k < 2 && isdigit((unsigned char)d[i]); k++)
            for (char ch = '0'; ch <= '9'; ch++) {
                tf_scopy(w, sizeof w, d);
                if (k == 1) { /* swap with the next digit */
                    if (ch != '0' || !isdigit((unsigned char)d[i + 1]) || d[i] == d[i + 1])
                        continue;
                    w[i] = d[i + 1], w[i + 1] = d[i];
                } else if (ch == d[i] || (i == 0 && ch == '0')) {
                    continue;
                } else {
                    w[i] = ch;
                }
                double x = strtod(w, NULL) * f->scale;
                if (x + half >= need_lo && x - half <= need_hi) {
                    *fixed = strtod(w, NULL);
                    return k ? "transposed-digits" : "one-digit-typo";
                }
            }
    return NULL;
}

/* The finding of unit_value on figure f: its claim (metric other), the slip and the
 * value proposed, with the equation. 0, or -1 when out of memory. */
static int uv_finding(ctx *c, const tok *v, size_t sb, size_t se, const uvfig *f,
                      const char *kind, double fixed, const uvfig *V, const uvfig *Q,
                      const uvfig *P)
{
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = c->period;
    make_stated(c, v, f->b, f->e, f->val, f->lo, f->hi, &cl.quantity);
    cl.sent_start = v[sb].b;
    cl.sent_end = v[se - 1].e;
    const char *cur = V->cur == MONEY_USD ? "USD" : "CNY";
    tf_finding g;
    if (tf_audit_slip_claim(c->a, &cl, f == Q ? "t" : cur, kind, f == Q ? "quantity" : "value", &g))
        return -1;
    g.start = tf_note_char_offset(c->nt, v[f->b].b);
    g.end = tf_note_char_offset(c->nt, v[f->e - 1].e);
    g.stated = v[f->n].num;
    g.has_proposed = 1;
    g.proposed = fixed;
    g.confidence = strcmp(kind, "inconsistent") ? 0.6 : 0.3;
    char num[48];
    tf_num_words(fixed, tf_audit_fix_decimals(fixed, v[f->n].dec), num, sizeof num);
    const char *t = c->nt->text;
    tf_fmt(g.proposed_text, sizeof g.proposed_text, "%.*s%s%.*s", (int)(v[f->n].b - v[f->b].b),
           t + v[f->b].b, num, (int)(v[f->e - 1].e - v[f->n].e), t + v[f->n].e);
    tf_audit_unit_value_text(&g, V->val, Q->val, P->val, cur, f == P);
    return tf_audit_add_finding(c->a, &g);
}

/* "China paid 28.50 billion yuan for 8.68 million tonnes …, an average of 3,282 yuan a
 * tonne": a sum, a quantity and a unit value in one sentence satisfy unit value = value /
 * quantity (DOMAIN.md section 2, unit value) within their rounding. Where not, the one
 * figure a slip explains is the error (the unit value, the figure derived from the other
 * two, where several or none are), with the value that makes them agree. 0; -1 no memory. */
static int unit_value(ctx *c, const tok *v, size_t sb, size_t se)
{
    uvfig V, Q, P;
    if (!uv_figures(c, v, sb, se, &V, &Q, &P) || V.cur != P.cur)
        return 0;
    if (V.hi / Q.lo >= P.lo && V.lo / Q.hi <= P.hi)
        return 0;
    /* each figure's value the other two give, and whether one slip explains it */
    double fx[3];
    const char *kd[3] = {
        uv_slip(v, &P, V.lo / Q.hi, V.hi / Q.lo, &fx[0]),
        uv_slip(v, &V, P.lo * Q.lo, P.hi * Q.hi, &fx[1]),
        uv_slip(v, &Q, V.lo / P.hi, V.hi / P.lo, &fx[2]),
    };
    const uvfig *fig[3] = {&P, &V, &Q};
    int pick = kd[0] ? 0 : kd[1] && !kd[2] ? 1 : kd[2] && !kd[1] ? 2 : -1;
    if (pick >= 0)
        return uv_finding(c, v, sb, se, fig[pick], kd[pick], fx[pick], &V, &Q, &P);
    double need = V.val / Q.val / P.scale;
    double r = pow(10, v[P.n].dec);
    return uv_finding(c, v, sb, se, &P, "inconsistent", round(need * r) / r, &V, &Q, &P);
}

/* Process one sentence v[sb..se). */
/* partners in a sentence, in order */
typedef struct pm {
    size_t i, j;
    const char *iso3;
    int adj, from, to_china_subject;
} pm;

/* Working arrays of one sentence, each sized to its token count: every
 * figure, period, metric word or partner takes at least one token, so none
 * is ever dropped, however long the sentence (a table read as one). */
/* a product named in a sentence */
typedef struct prodm {
    size_t i, m;
    const char *key;
    int generic;
} prodm;

typedef struct sent_arrays {
    prodm *prods;
    prodm *modes;           /* trade-mode phrases ("general trade"): i, m; key NULL */
    qfig *q;
    pfig *pc;
    pexpr *pe;
    mword *mw;
    pm *parts;
    size_t *made;
    unsigned char *in_period;
    size_t cap;
} sent_arrays;

static void sent_arrays_free(sent_arrays *s)
{
    free(s->prods);
    free(s->modes);
    free(s->q);
    free(s->pc);
    free(s->pe);
    free(s->mw);
    free(s->parts);
    free(s->made);
    free(s->in_period);
    memset(s, 0, sizeof *s);
}

/* Make room for a sentence of `ntok` tokens; 0 or -1 (out of memory). */
static int sent_arrays_fit(sent_arrays *s, size_t ntok)
{
    if (ntok + 1 <= s->cap)
        return 0;
    size_t cap = ntok + 1 > 64 ? ntok + 1 : 64;
    sent_arrays_free(s);
    s->prods = malloc(cap * sizeof *s->prods);
    s->modes = malloc(cap * sizeof *s->modes);
    s->q = malloc(cap * sizeof *s->q);
    s->pc = malloc(cap * sizeof *s->pc);
    s->pe = malloc(cap * sizeof *s->pe);
    s->mw = malloc(cap * sizeof *s->mw);
    s->parts = malloc(cap * sizeof *s->parts);
    s->made = malloc(cap * sizeof *s->made);
    s->in_period = malloc(cap);
    if (!s->prods || !s->modes || !s->q || !s->pc || !s->pe || !s->mw || !s->parts || !s->made || !s->in_period) {
        sent_arrays_free(s);
        return -1;
    }
    s->cap = cap;
    return 0;
}

/* One sentence being read: its tokens, the working arrays and what the phases
 * found so far. */
typedef struct sent {
    ctx *c;
    sent_arrays *sa;
    const tok *v;
    size_t sb, se, ncap, slen;
    const char *text;
    qfig *q;
    pfig *pc;
    pexpr *pe;
    mword *mw;
    pm *parts;
    size_t *made;
    unsigned char *in_period;
    size_t nq, np, npe, nmw, nparts, nprods, nmodes, first_top, first_prov, resp_k;
    size_t subj_scan, subj; /* fig_partner: partners scanned for a subject, the last one */
    int has_subj;
    int china_seen, origin_seen, origin_words; /* fig_partner_context, found once */
    size_t last_china;
    size_t first_forecast;   /* the first forecast word of the sentence, (size_t)-1 none */
    int respectively, sent_unknown, sent_generic;
    const char *sent_product;
    char origin_partner[16];
} sent;

/* Phase of do_sentence: The periods of the sentence (their numbers are years, not figures) and
 * its metric words. 0, or -1 when out of memory. */
/* "the first half of the fiscal year", "fiscal Q2": a part of a fiscal year, whose
 * months the calendar words do not give (India's runs April-March, Japan's too, the
 * US government's October-September). 1 when x is one: it labels no figure. */
static int fiscal_period(const tok *v, size_t sb, size_t se, const pexpr *x)
{
    static const char *const fy[] = {"fiscal", "financial", NULL};
    if (x->i > sb && word_in(&v[x->i - 1], fy))
        return 1;
    size_t k = x->j;
    if (k < se && is_w(&v[k], "of"))
        k++;
    if (k < se && (is_w(&v[k], "the") || is_w(&v[k], "this") || is_w(&v[k], "its")))
        k++;
    return k > x->j && k < se && word_in(&v[k], fy);
}

static int sent_periods(sent *S)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se, ncap = S->ncap;
    pexpr *pe = S->pe;
    mword *mw = S->mw;
    unsigned char *in_period = S->in_period;
    /* periods first: their numbers are years, not figures */
    memset(in_period, 0, S->slen);
    for (size_t i = sb; i < se; i++) {
        pexpr x;
        if (S->npe < ncap && period_at(v, se, i, c->ref, &x)) {
            if (!fiscal_period(v, sb, se, &x))
                pe[S->npe++] = x;
            for (size_t k = x.i; k < x.j && k < se; k++)
                in_period[k - sb] = 1;
            i = x.j - 1;
        }
    }
    for (size_t i = sb; i < se; i++) {
        size_t sp;
        tf_metric m = metric_word(v, se, i, sb, &sp);
        if (m != TF_METRIC_NONE && S->nmw < ncap) {
            mw[S->nmw].i = i;
            mw[S->nmw].m = m;
            S->nmw++;
            i += sp - 1;
        }
    }
    return 0;
}

/* A value in dollars at token i ("$612.1M", "US$ 3.9 billion", "USD 5 million"; "$2,359 a
 * tonne" is a price): added to the sentence's quantities. The last token read. */
static size_t read_dollars(sent *S, size_t i)
{
    const tok *v = S->v;
    const size_t se = S->se;
    size_t m1, m2;
    size_t k = i + (is_w(&v[i], "us") ? 2 : 1);
    if (!(k < se && v[k].k == K_NUM && S->nq < S->ncap))
        return i;
    double f = scale_at(v, se, k + 1, &m1);
    qfig *x = &S->q[S->nq];
    memset(x, 0, sizeof *x);
    x->i = i;
    x->j = k + 1 + m1;
    x->value = v[k].num * f;
    interval_for(v[k].num, v[k].dec, v[k].tz, 0, &x->lo, &x->hi);
    x->lo *= f;
    x->hi *= f;
    x->unit = U_USD;
    x->dec = 0;
    /* "$2,359 a tonne", "$360/mt": a price */
    size_t e = x->j;
    if (e < se && (is_s(&v[e], '/') || is_w(&v[e], "a") || is_w(&v[e], "per")) &&
        e + 1 < se && (mass_unit_at(S->text, v, se, e + 1, &m2) > 0))
        x->unit = U_OTHER_PRICE, x->j = e + 1 + m2;
    S->nq++;
    return x->j - 1;
}

/* A percentage at token i ("12.8%", "12.8 percent", "12.8 per cent"): added to the sentence's
 * percentages. The number of tokens after i it takes, 0 when it is none. */
static size_t read_percent(sent *S, size_t i)
{
    const tok *v = S->v;
    const size_t se = S->se;
    size_t pl = i + 1 < se && v[i + 1].k == K_PCT ? 1
                : i + 2 < se && is_w(&v[i + 1], "per") && is_w(&v[i + 2], "cent") ? 2
                                                                                : 0;
    if (!pl || S->np >= S->ncap)
        return 0;
    pfig *x = &S->pc[S->np];
    memset(x, 0, sizeof *x);
    x->i = i;
    x->j = i + 1 + pl;
    x->value = v[i].num;
    interval_for(fabs(v[i].num), v[i].dec, 0, 0, &x->lo, &x->hi);
    approx_widen(v, S->sb, i, &x->lo, &x->hi, fabs(v[i].num)); /* "more than 50%" */
    if (v[i].num < 0) {
        double t = -x->hi;
        x->hi = -x->lo;
        x->lo = t;
    }
    x->target = -1;
    S->np++;
    return pl;
}

/* A share written in words at token i ("a third of the total", "…, nearly a quarter",
 * "two fifths of imports", "half of the total"): the fraction in per cent, 0 when none; *m
 * the tokens it takes. Only fractions whose denominator is a word (third, quarter, fifth,
 * half), never an ordinal of a period ("the third quarter" is no share). */
static double fraction_word_at(const tok *v, size_t se, size_t i, size_t *m)
{
    static const char *const num[] = {"a", "one", "two", "three", "four", NULL};
    static const char *const den[] = {"half", "third", "thirds", "quarter", "quarters",
                                      "fifth", "fifths", NULL};
    static const double dv[] = {2, 3, 3, 4, 4, 5, 5};
    *m = 0;
    if (i < se && is_w(&v[i], "half")) {
        *m = 1;
        return 50.0;
    }
    if (!(i + 1 < se && word_in(&v[i], num) && word_in(&v[i + 1], den)))
        return 0;
    int n = 1;
    for (int k = 1; num[k]; k++)
        if (is_w(&v[i], num[k]))
            n = k;
    for (int k = 0; den[k]; k++)
        if (is_w(&v[i + 1], den[k])) {
            /* "a quarters" or "two third" is no fraction; n < denominator */
            int plural = v[i + 1].w[strlen(v[i + 1].w) - 1] == 's';
            if ((plural != (n > 1) && k != 0) || n >= dv[k] || k == 0)
                return 0;
            *m = 2;
            return 100.0 * n / dv[k];
        }
    return 0;
}

/* "Russia shipped 14.29 million tonnes, a third of the total", "Mongolia 10.52 million
 * tonnes, nearly a quarter": a fraction in words right after a quantity and a comma, or
 * followed by "of the total" or "of imports", is a share; its interval is the rounding a
 * writer allows such words: +-2 pp, "nearly"/"almost" [v - 3, v], "over"/"more than" [v, v
 * + 3]. Added to the sentence's percentages; the tokens it takes, 0 when none. */
static size_t read_fraction_share(sent *S, size_t i)
{
    const tok *v = S->v;
    size_t m = 0, a = i;
    if (i < S->se && (is_w(&v[i], "nearly") || is_w(&v[i], "almost") ||
                      is_w(&v[i], "over") || is_w(&v[i], "about") || is_w(&v[i], "roughly")))
        a = i + 1;
    double f = fraction_word_at(v, S->se, a, &m);
    if (!m || S->np >= S->ncap)
        return 0;
    size_t e = a + m;
    /* "almost a third (32.6%)": the printed percentage is the share */
    if (e + 2 < S->se && is_s(&v[e], '(') && v[e + 1].k == K_NUM && v[e + 2].k == K_PCT)
        return 0;
    int of_total = e + 1 < S->se && is_w(&v[e], "of") &&
                   (is_w(&v[e + 1], "the") || is_w(&v[e + 1], "imports") ||
                    is_w(&v[e + 1], "exports") || is_w(&v[e + 1], "total"));
    int after_qty = i > S->sb && is_s(&v[i - 1], ',') && S->nq > 0 && S->q[S->nq - 1].j + 1 == i &&
                    S->q[S->nq - 1].unit != U_OTHER_PRICE;
    if (!of_total && !after_qty)
        return 0;
    if (of_total && e + 2 < S->se && is_w(&v[e + 1], "the") &&
        (is_w(&v[e + 2], "year") || is_w(&v[e + 2], "month") || is_w(&v[e + 2], "period")))
        return 0;
    pfig *x = &S->pc[S->np];
    memset(x, 0, sizeof *x);
    x->i = i;
    x->j = e;
    x->value = f;
    x->lo = a > i && (is_w(&v[i], "nearly") || is_w(&v[i], "almost")) ? f - 3 : f - 2;
    x->hi = a > i && is_w(&v[i], "over") ? f + 3 : a > i && !is_w(&v[i], "about") &&
                                                        !is_w(&v[i], "roughly") ? f : f + 2;
    if (a > i && is_w(&v[i], "over"))
        x->lo = f;
    x->share = 1;
    x->target = -1;
    S->np++;
    return e - i;
}

/* The ratio a word of multiplication at token i gives ("doubled", "tripled", "halved",
 * "three-fold", "3-fold", "fourfold"), 0 when none; *m the tokens it takes. */
static double fold_at(const tok *v, size_t se, size_t i, size_t *m)
{
    static const char *const verbs[] = {"halved", "doubled", "tripled", "trebled",
                                        "quadrupled", NULL};
    static const double ratio[] = {0.5, 2, 3, 3, 4};
    static const char *const joined[] = {"twofold", "threefold", "fourfold", "fivefold", NULL};
    *m = 1;
    for (size_t k = 0; verbs[k]; k++)
        if (is_w(&v[i], verbs[k]))
            return ratio[k];
    for (size_t k = 0; joined[k]; k++)
        if (is_w(&v[i], joined[k]))
            return (double)k + 2;
    int n = v[i].k == K_NUM && !v[i].dec && v[i].num >= 2 && v[i].num <= 20 ? (int)v[i].num
            : v[i].k == K_WORD ? count_word(v[i].w) : 0;
    *m = 3;
    if (n >= 2 && i + 2 < se && is_s(&v[i + 1], '-') && is_w(&v[i + 2], "fold"))
        return n;
    return 0;
}

/* "Argentine cargoes nearly doubled to 1.05 Mt from 0.56 Mt", "exports rose three-fold to 46
 * kt from 15 kt": a change of (ratio - 1) x 100 %, read with the slack such words allow
 * (±5 % of the ratio; "nearly"/"almost" up to 15 % under it, "more than"/"over" up to 25 %
 * above). The tokens taken, 0 when none. */
static size_t read_fold(sent *S, size_t i)
{
    const tok *v = S->v;
    size_t m;
    double r = fold_at(v, S->se, i, &m);
    if (r <= 0 || S->np >= S->ncap)
        return 0;
    int nearly = i > S->sb && (is_w(&v[i - 1], "nearly") || is_w(&v[i - 1], "almost"));
    int over = i > S->sb && (is_w(&v[i - 1], "over") ||
                             (i > S->sb + 1 && is_w(&v[i - 1], "than") && is_w(&v[i - 2], "more")));
    pfig *x = &S->pc[S->np];
    memset(x, 0, sizeof *x);
    x->i = i;
    x->j = i + m;
    x->value = (r - 1) * 100;
    x->lo = ((nearly ? r * 0.85 : over ? r : r * 0.95) - 1) * 100;
    x->hi = ((nearly ? r : over ? r * 1.25 : r * 1.05) - 1) * 100;
    x->dir = r > 1 ? 1 : -1;
    x->target = -1;
    S->np++;
    return m;
}

/* The unit after the number at token i: U_T (with its factor to tonnes in *f), U_USD,
 * U_CNY_T, or -1; *end is the token after it. */
static int figure_unit(const sent *S, size_t i, double *f, size_t *end)
{
    const tok *v = S->v;
    const size_t se = S->se;
    size_t m1, m2;
    *f = scale_at(v, se, i + 1, &m1);
    size_t u = i + 1 + m1;
    double mf = mass_unit_at(S->text, v, se, u, &m2);
    *end = u;
    if (mf > 0) {
        *f *= mf;
        *end = u + m2;
        return U_T;
    }
    if (u < se && (is_w(&v[u], "dollars") || is_w(&v[u], "usd"))) {
        *end = u + 1;
        return U_USD;
    }
    if (u + 1 < se && is_w(&v[u], "us") && is_w(&v[u + 1], "dollars")) {
        *end = u + 2;
        return U_USD;
    }
    if (u < se && (is_w(&v[u], "yuan") || is_w(&v[u], "rmb"))) {
        *end = u + 1;
        if (*end + 1 < se && (is_s(&v[*end], '/') || is_w(&v[*end], "per")) &&
            mass_unit_at(S->text, v, se, *end + 1, &m2) > 0)
            *end += 1 + m2;
        return U_CNY_T;
    }
    if (u + 1 < se && is_w(&v[u], "metric") && is_w(&v[u + 1], "tons")) {
        *end = u + 2;
        return U_T;
    }
    return -1;
}

/* "18.21 million tonnes, up from 21.63": a bare number right after "from" (or "compared
 * with", "against") that follows a quantity in the same clause (no other figure, "and" or
 * "while" between, at most 12 words) is a base in that quantity's
 * scale and unit. U_T with *f, or -1. */
static int bare_base_unit(const sent *S, size_t i, double *f)
{
    const tok *v = S->v;
    if (!S->nq || i < S->sb + 1 || v[i].malformed)
        return -1;
    const qfig *p = &S->q[S->nq - 1];
    if (p->unit != U_T || p->j > i || p->j + 12 < i || v[p->i].k != K_NUM || v[p->i].num == 0)
        return -1;
    for (size_t y = p->j; y < i; y++) /* another figure or clause between: not its base */
        if (v[y].k == K_PCT || is_s(&v[y], ';') || is_w(&v[y], "and") || is_w(&v[y], "while") ||
            (v[y].k == K_NUM && !S->in_period[y - S->sb]))
            return -1;
    if (!(is_w(&v[i - 1], "from") || is_w(&v[i - 1], "against") ||
          (is_w(&v[i - 1], "with") && i >= S->sb + 2 && is_w(&v[i - 2], "compared"))))
        return -1;
    if (i + 1 < S->se && (v[i + 1].k == K_WORD && !is_w(&v[i + 1], "a") &&
                          !is_w(&v[i + 1], "in") && !is_w(&v[i + 1], "last")))
        return -1; /* "from 21 countries": a count of something else */
    *f = p->value / v[p->i].num;
    return U_T;
}

/* A quantity or a value at token i (NUM [scale] unit, NUM [scale] dollars|yuan), with its
 * interval; a malformed number with a unit is a finding of its own. Sets *last to the last
 * token read. 0, or -1 when out of memory. */
/* "8.5-9.0 million t for September", "between 135 and 140 Mt": the upper end of a range,
 * a forecast or a span, not a figure of the trade (token i the number after the range's
 * dash or "and"). */
static int range_end(const tok *v, size_t sb, size_t i)
{
    if (i >= sb + 2 && v[i - 2].k == K_NUM && is_s(&v[i - 1], '-') && !v[i].sign &&
        v[i - 1].e == v[i].b && v[i - 2].e == v[i - 1].b)
        return 1;
    return i >= sb + 3 && v[i - 2].k == K_NUM && is_w(&v[i - 1], "and") &&
           is_w(&v[i - 3], "between");
}

static int read_quantity(sent *S, size_t i, size_t *last)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb;
    double f;
    size_t end;
    int unit = figure_unit(S, i, &f, &end);
    *last = i;
    if (unit < 0)
        unit = bare_base_unit(S, i, &f);
    if (unit >= 0 && v[i].malformed) {
        *last = end - 1;
        return malformed_finding(c, v, sb, S->se, i) ? -1 : 0;
    }
    if (unit < 0 || S->nq >= S->ncap)
        return 0;
    if (range_end(v, sb, i)) {
        *last = end - 1;
        return 0;
    }
    qfig *x = &S->q[S->nq];
    memset(x, 0, sizeof *x);
    x->i = i;
    x->j = end;
    x->value = v[i].num * f;
    double cap = 0;
    if (unit == U_T && f == 1)
        cap = c->cap_unit;
    /* "about 312,000 t": a round figure may be rounded at its last non-zero
     * digit, to two significant digits at most (about 100,000 is 95,000..105,000) */
    if (i > sb && cap > 0 && !v[i].dec &&
        (is_w(&v[i - 1], "about") || is_w(&v[i - 1], "approximately") ||
         is_w(&v[i - 1], "around") || is_w(&v[i - 1], "roughly") ||
         is_w(&v[i - 1], "some") || is_w(&v[i - 1], "circa") || is_w(&v[i - 1], "approx"))) {
        double two = pow(10, floor(log10(fabs(v[i].num) > 1 ? fabs(v[i].num) : 1)) - 1);
        if (two > cap)
            cap = two;
    }
    interval_for(v[i].num, v[i].dec, v[i].tz, cap, &x->lo, &x->hi);
    x->lo *= f;
    x->hi *= f;
    approx_widen(v, sb, i, &x->lo, &x->hi, x->value);
    x->unit = unit;
    x->dec = v[i].dec;
    S->nq++;
    *last = end - 1;
    return 0;
}

/* Phase of do_sentence: The figures: values, P/L, percentages and quantities with their units
 * and intervals. 0, or -1 when out of memory. */
static int sent_figures(sent *S)
{
    const tok *v = S->v;
    for (size_t i = S->sb; i < S->se; i++) {
        if (S->in_period[i - S->sb])
            continue;
        if (is_s(&v[i], '$') || (is_w(&v[i], "usd") && i + 1 < S->se && v[i + 1].k == K_NUM) ||
            (is_w(&v[i], "us") && i + 1 < S->se && is_s(&v[i + 1], '$'))) {
            i = read_dollars(S, i);
            continue;
        }
        size_t fo = read_fold(S, i);
        if (fo) {
            i += fo - 1;
            continue;
        }
        if (v[i].k == K_WORD) {
            size_t fm = read_fraction_share(S, i);
            i += fm ? fm - 1 : 0;
            continue;
        }
        if (v[i].k != K_NUM)
            continue;
        size_t pl = read_percent(S, i);
        if (pl) {
            i += pl;
            continue;
        }
        if (read_quantity(S, i, &i))
            return -1;
    }
    return 0;
}

/* Phase of do_sentence: "Almost flat" and kin as changes near 0; the percentages in text
 * order. 0, or -1 when out of memory. */
static int sent_flat(sent *S)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se, ncap = S->ncap;
    pfig *pc = S->pc;
    /* "almost flat", "nearly flat", "unchanged" on the month/year: a change near 0 */
    for (size_t i = sb; i < se && S->np < ncap; i++) {
        size_t mm = 0;
        if ((mm = phrase(v, se, i, "almost flat")) || (mm = phrase(v, se, i, "nearly flat")) ||
            (mm = phrase(v, se, i, "basically flat")) || (mm = phrase(v, se, i, "flat")) ||
            (mm = phrase(v, se, i, "unchanged"))) {
            size_t bm;
            if (i + mm < se && basis_at(v, se, i + mm, &bm)) {
                pfig *x = &pc[S->np];
                memset(x, 0, sizeof *x);
                x->i = i;
                x->j = i + mm;
                x->value = 0;
                x->lo = mm == 1 && is_w(&v[i], "unchanged") ? -0.05 : -1.5;
                x->hi = -x->lo;
                x->dir = 1;
                x->target = -1;
                S->np++;
            }
            i += mm ? mm - 1 : 0;
        }
        /* "a growth rate of 0.31", "a decline of 0.12": growth written as a
         * fraction, read as 31 % (the claim says so: the reading is an
         * assumption, 0.31 % would be the other) */
        if (S->np < ncap && ((mm = phrase(v, se, i, "growth rate of")) ||
                          (mm = phrase(v, se, i, "growth of")) ||
                          (mm = phrase(v, se, i, "rate of decline of")) ||
                          (mm = phrase(v, se, i, "decline of"))) &&
            i + mm < se && v[i + mm].k == K_NUM && v[i + mm].num > 0 && v[i + mm].num < 5 &&
            v[i + mm].dec && !(i + mm + 1 < se && (v[i + mm + 1].k == K_PCT ||
                                                  is_w(&v[i + mm + 1], "percent") ||
                                                  is_w(&v[i + mm + 1], "per")))) {
            const tok *t = &v[i + mm];
            pfig *x = &pc[S->np];
            memset(x, 0, sizeof *x);
            x->i = i + mm;
            x->j = i + mm + 1;
            x->value = t->num * 100;
            x->lo = (t->num - 0.5 * pow(10, -t->dec)) * 100;
            x->hi = (t->num + 0.5 * pow(10, -t->dec)) * 100;
            x->dir = is_w(&v[i], "growth") ? 1 : -1;
            x->target = -1;
            x->fraction = 1;
            S->np++;
            i += mm;
        }
    }
    /* order the percentages by position */
    for (size_t a1 = 1; a1 < S->np; a1++)
        for (size_t b1 = a1; b1 > 0 && pc[b1 - 1].i > pc[b1].i; b1--) {
            pfig t = pc[b1];
            pc[b1] = pc[b1 - 1];
            pc[b1 - 1] = t;
        }
    return 0;
}

/* Whether the words around percentage x make it a share: "accounting for", "X % of the total",
 * "X % share", or a bare percentage in brackets right after a quantity ("India US$0.41
 * billion (6.4%)"). */
static int share_worded(const sent *S, const pfig *x)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    static const char *const share_before[] = {"accounting for", "accounted for",
                                               "accounts for", "account for",
                                               "making up", "made up", "makes up",
                                               "taking up", "took up", "share of",
                                               "representing", "represented",
                                               "comprising", "constituting", "or",
                                               "took", "taking", NULL};
    static const char *const total_after[] = {"the total", "total", "china", "the nation",
                                              "the country", "all", "the imports", "imports",
                                              "the exports", "exports", "the month s total",
                                              "the monthly total", "the quarter s total",
                                              "the year s total", NULL};
    for (size_t b = x->i; b > sb && b + 4 > x->i; b--) {
        size_t mm = any_phrase(v, se, b - 1, share_before);
        if (mm && b - 1 + mm <= x->i) {
            if (is_w(&v[b - 1], "or") && !(x->j < se && is_w(&v[x->j], "of")))
                continue;
            return 1;
        }
    }
    if (x->j + 1 < se && is_w(&v[x->j], "of") && any_phrase(v, se, x->j + 1, total_after))
        return 1;
    if (x->j < se && is_w(&v[x->j], "share"))
        return 1;
    /* "share 62.3%", "Chile's share: 32.0%" */
    if (x->i > sb && (is_w(&v[x->i - 1], "share") ||
                      (x->i > sb + 1 && is_s(&v[x->i - 1], ':') && is_w(&v[x->i - 2], "share"))))
        return 1;
    /* "almost a third (32.6%)": the printed share of the words before it */
    for (size_t a = x->i > sb + 4 ? x->i - 4 : sb; x->i > sb + 1 && a + 1 < x->i; a++) {
        size_t m = 0;
        fraction_word_at(v, se, a, &m);
        if (m && a + m + 1 == x->i && is_s(&v[x->i - 1], '('))
            return 1;
    }
    if (x->i > sb && is_s(&v[x->i - 1], '(') && x->j < se && is_s(&v[x->j], ')') &&
        !v[x->i].sign && !x->dir)
        for (size_t z = 0; z < S->nq; z++)
            if (S->q[z].j + 1 == x->i && S->q[z].unit != U_OTHER_PRICE)
                return 1;
    return 0;
}

/* "Russia supplied 131,200 t, or 61.8% of the total, while India shipped 24,800 t, 11.7%": a bare
 * percentage right after a quantity and a comma, with no sign or word of change, in a
 * sentence that gave a share before, is a share too. */
static int share_parallel(const sent *S, size_t k)
{
    const tok *v = S->v;
    const pfig *x = &S->pc[k];
    int earlier = 0;
    for (size_t y = 0; y < k; y++)
        earlier |= S->pc[y].share;
    /* "…, while the United Arab Emirates sent 19,800 tons, or 7.9%" */
    size_t at = x->i >= S->sb + 3 && is_w(&v[x->i - 1], "or") && is_s(&v[x->i - 2], ',')
                    ? x->i - 1 : x->i;
    if (!earlier || v[x->i].sign || at < S->sb + 2 || !is_s(&v[at - 1], ','))
        return 0;
    if (x->j < S->se && !is_s(&v[x->j], ',') && !is_s(&v[x->j], '.') && !is_s(&v[x->j], ';') &&
        !is_s(&v[x->j], ')') && !is_w(&v[x->j], "and"))
        return 0;
    for (size_t z = 0; z < S->nq; z++)
        if (S->q[z].j + 1 == at && S->q[z].unit != U_OTHER_PRICE)
            return 1;
    return 0;
}

/* Lists of shares: "accounting for 9 per cent, 8 per cent and 5 per cent" (the members after a
 * share), and "9, 8 and 5 per cent of the total" (the members before one, read as changes for
 * want of a word). */
static void share_list(sent *S, size_t k)
{
    const tok *v = S->v;
    pfig *pc = S->pc, *x = &pc[k];
    if (!x->share && k > 0 && pc[k - 1].share) {
        int list = 1;
        for (size_t y = pc[k - 1].j; y < x->i; y++)
            if (!is_s(&v[y], ',') && !is_w(&v[y], "and"))
                list = 0;
        x->share = list;
    }
    if (x->share && k > 0 && !pc[k - 1].share && x->j < S->se && is_w(&v[x->j], "of")) {
        for (size_t b = k; b > 0; b--) {
            int list = 1;
            for (size_t y = pc[b - 1].j; y < pc[b].i; y++)
                if (!is_s(&v[y], ',') && !is_w(&v[y], "and"))
                    list = 0;
            if (!list || pc[b - 1].dir)
                break;
            pc[b - 1].share = 1;
            pc[b - 1].target = -1;
        }
    }
}

/* A share's total: the period it is labelled with ("of the imports in March") and the
 * figure it belongs to (the nearest quantity before it, else after). */
static void share_total(sent *S, pfig *x)
{
    const tok *v = S->v;
    const qfig *q = S->q;
    for (size_t z = 0; z < S->npe; z++) {
        const pexpr *p = &S->pe[z];
        if (p->i >= x->j && p->rel == P_ABS) {
            int blocked = 0;
            for (size_t y = x->j; y < p->i; y++)
                if (v[y].k == K_NUM || v[y].k == K_PCT || is_s(&v[y], ';') ||
                    is_s(&v[y], '.') || is_w(&v[y], "while") || is_w(&v[y], "up") ||
                    is_w(&v[y], "down"))
                    blocked = 1;
            if (!blocked && p->i - x->j <= 10) {
                x->share_of = *p;
                x->share_labelled = 1;
            }
            break;
        }
    }
    for (size_t z = S->nq; z > 0; z--)
        if (q[z - 1].j <= x->i && q[z - 1].unit != U_OTHER_PRICE) {
            x->target = (int)(z - 1);
            return;
        }
    for (size_t z = 0; z < S->nq; z++)
        if (q[z].i >= x->j && q[z].unit != U_OTHER_PRICE) {
            x->target = (int)z;
            return;
        }
}

/* "Russia and India together supplied 95.1%": a verb of supplying or taking right
 * before the percentage at i (not before lo). */
static int group_verb(const tok *v, size_t lo, size_t i)
{
    static const char *const w[] = {"supplied", "shipped", "provided", "took", "held",
                                     "delivered", "accounted", "represented", "made", NULL};
    for (size_t b = i; b > lo && b + 4 > i; b--)
        if (word_in(&v[b - 1], w))
            return 1;
    return 0;
}

/* "the top three suppliers accounted for 79.3%": N of a "top N" before the
 * percentage at i (not before lo), else 0. */
static int top_count(const tok *v, size_t lo, size_t i)
{
    /* "the two leading origins", "the three largest suppliers": a rank after the count */
    static const char *const rank[] = {"leading", "largest", "biggest", "main", "major",
                                       "top", NULL};
    for (size_t b = i; b > lo + 1 && b + 10 > i; b--) {
        if (is_w(&v[b - 2], "top") && v[b - 1].k == K_WORD && count_word(v[b - 1].w))
            return count_word(v[b - 1].w);
        if (v[b - 2].k == K_WORD && count_word(v[b - 2].w) && word_in(&v[b - 1], rank))
            return count_word(v[b - 2].w);
    }
    return 0;
}

/* Percentage k of the sentence as a share: the words around it, lists of shares, the period of
 * its total and the figure it belongs to. 0, or 1 when nothing more is to be read of it. */
static int pct_share(sent *S, size_t k, size_t lo_bound)
{
    const tok *v = S->v;
    pfig *x = &S->pc[k];
    if (share_worded(S, x) || share_parallel(S, k))
        x->share = 1;
    share_list(S, k);
    /* "together accounting for 81.5%", "a combined 81.5%": the share of a
     * group of partners, not of the figure before it */
    /* "…, and the three countries together 73.8%": "together" right before it */
    size_t tn = x->i > lo_bound + 1 && is_s(&v[x->i - 1], ':') ? x->i - 1 : x->i;
    int together_next = tn > lo_bound && (is_w(&v[tn - 1], "together") ||
                                          is_w(&v[tn - 1], "combined"));
    if (x->share || together_next || group_verb(v, lo_bound, x->i))
        for (size_t b = x->i; b > lo_bound && b + 6 > x->i; b--)
            if (is_w(&v[b - 1], "together") || is_w(&v[b - 1], "combined") ||
                is_w(&v[b - 1], "jointly") || is_w(&v[b - 1], "collectively"))
                x->share = 0, x->target = -1, x->dir = 0, x->basis = 0, x->group = 1;
    if (x->share && top_count(v, lo_bound, x->i))
        x->share = 0, x->target = -1, x->group = 1;
    if (!x->share)
        return 0;
    share_total(S, x);
    return 1;
}

/* The basis (MoM or YoY) and the direction of percentage k. 0, or 1 when nothing more is to be
 * read of it. */
/* "2.2% less than the 172,300 t of July", "5.2% lower than the 22.58 million tonnes
 * imported in September 2024": "than the" right before the figure i, after a word of
 * comparison (b: the token after "than"). 1 when the figure is the base compared with. */
static int than_the_base(const tok *v, size_t sb, size_t b, size_t i)
{
    static const char *const cmp[] = {"lower", "higher", "more", "less", "smaller", "larger",
                                      "bigger", "greater", "fewer", "above", "below", NULL};
    if (b + 1 != i || b < sb + 2 || !is_w(&v[b], "the"))
        return 0;
    /* "6.4% below the 134.21 million t of the same period last year" */
    static const char *const degree[] = {"slightly", "well", "just", "far", "marginally",
                                         "somewhat", NULL};
    if ((is_w(&v[b - 1], "below") || is_w(&v[b - 1], "above")) &&
        (v[b - 2].k == K_PCT || word_in(&v[b - 2], degree)))
        return 1; /* "…, slightly above the 11.73 million t of August 2024 (+0.3%)" */
    /* "6.4% ahead of the 25.97 Mt of January-November 2024" */
    if (b >= sb + 3 && is_w(&v[b - 1], "of") && (is_w(&v[b - 2], "ahead") ||
                                                 is_w(&v[b - 2], "short")) &&
        v[b - 3].k == K_PCT)
        return 1;
    return is_w(&v[b - 1], "than") && word_in(&v[b - 2], cmp);
}

/* "a rise of 1.2% on the 655.1 million tons shipped a year ago": the figure at token y,
 * after "on the" right after a percentage, is the base of the change (lo: no earlier
 * than this token). */
static int on_the_base(const tok *v, size_t y, size_t lo)
{
    return y >= lo + 3 && is_w(&v[y - 1], "the") && is_w(&v[y - 2], "on") &&
           v[y - 3].k == K_PCT;
}

static int pct_basis_direction(sent *S, size_t k, size_t lo_bound)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    qfig *q = S->q;
    pfig *pc = S->pc;
    pexpr *pe = S->pe;
    pfig *x = &pc[k];
    (void)v, (void)sb, (void)se, (void)q, (void)pe, (void)lo_bound;
    /* basis: "a month-on-month increase of 25.7%" names it just before; else
     * after the figure ("up 12.8% MoM"), else before it */
    size_t mm;
    for (size_t y = x->i; y > lo_bound && y + 8 > x->i && !x->basis; y--) {
        int b = basis_at(v, se, y - 1, &mm);
        size_t after = y - 1 + mm;
        if (b && after < x->i && (dir_word(&v[after]) || is_w(&v[after], "growth")) &&
            (after + 1 == x->i ||
             (after + 2 == x->i && (is_w(&v[after + 1], "of") || is_w(&v[after + 1], "by")))))
            x->basis = b;
    }
    int bracketed = x->i > sb && is_s(&v[x->i - 1], '(');
    for (size_t y = x->j; y < se && y < x->j + 8 && !x->basis; y++) {
        /* "193.1 kt (-4.1%) vs Oct-24: …": the bracket's change has its basis inside it */
        if (v[y].k == K_NUM || v[y].k == K_PCT || (bracketed && is_s(&v[y], ')')))
            break;
        int b = basis_at(v, se, y, &mm);
        if (b) {
            x->basis = b;
            x->base_month1 = basis_month_at(v, se, y, S->c->ref) + 1;
        }
    }
    /* "jumped 78.0% to 103,600 t from 58,200 t a year earlier": the basis after the base
     * the change leads from */
    for (size_t y = x->j, from = 0; y < se && y < x->j + 14 && !x->basis; y++) {
        int lead = v[y].k == K_NUM && (is_w(&v[y - 1], "from") || on_the_base(v, y, x->i) ||
                                       than_the_base(v, x->j, y - 1, y));
        if (v[y].k == K_PCT || (v[y].k == K_NUM && !(y > sb && is_w(&v[y - 1], "to")) && !lead))
            break;
        /* "a rise of 3.4%, and slightly above the 11.73 Mt of August 2024": another clause */
        if ((is_s(&v[y], ',') && y + 1 < se && is_w(&v[y + 1], "and")) || is_w(&v[y], "while"))
            break;
        if (lead)
            from = 1;
        else if (from && (basis_at(v, se, y, &mm) == 2 || basis_at(v, se, y, &mm) == 1) &&
                 !is_w(&v[y], "from"))
            x->basis = basis_at(v, se, y, &mm);
        else if (from && (is_w(&v[y], "in") || is_w(&v[y], "of")) && y + 1 < se &&
                 month_at(v, se, y + 1)) {
            /* "down 2.4% from 78.2 million tons in August": the base's month */
            pexpr bp;
            if (period_at(v, se, y + 1, S->c->ref, &bp) && bp.from >= 0 && bp.from == bp.to) {
                x->basis = 1;
                x->base_month1 = bp.to + 1;
            }
        }
    }
    for (size_t y = x->i; y > lo_bound && !x->basis; y--) {
        /* "…-5.0% y/y, while value slipped 2.0%": another clause's basis */
        if (is_w(&v[y - 1], "while") || is_w(&v[y - 1], "whereas") || is_s(&v[y - 1], ';'))
            break;
        int b = basis_at(v, se, y - 1, &mm);
        if (b && y - 1 + mm <= x->i)
            x->basis = b;
        if (x->i - y > 8)
            break;
    }
    /* direction: a word right after ("12.5 per cent higher"), else before (back to
     * the previous figure), else the previous change's in a list */
    if (x->j < se && dir_word(&v[x->j]) && !is_w(&v[x->j], "up") && !is_w(&v[x->j], "down"))
        x->dir = dir_word(&v[x->j]);
    for (size_t y = x->i; y > lo_bound && !x->dir; y--) {
        int d = dir_word(&v[y - 1]);
        if (d) {
            x->dir = d;
            break;
        }
        if (x->i - y > 7)
            break;
    }
    if (!x->dir && k > 0 && !pc[k - 1].share && pc[k - 1].dir && pc[k - 1].j <= x->i &&
        x->i - pc[k - 1].j <= 8) {
        int other_fig = 0;
        for (size_t z = 0; z < S->nq; z++)
            if (q[z].i >= pc[k - 1].j && q[z].j <= x->i)
                other_fig = 1;
        for (size_t y = pc[k - 1].j; y < x->i; y++)
            if (is_w(&v[y], "but") || is_w(&v[y], "while") || is_w(&v[y], "although"))
                other_fig = 1;
        if (!other_fig)
            x->dir = pc[k - 1].dir;
    }
    if (!x->dir)
        for (size_t y = x->j; y < se && y < x->j + 3; y++)
            if ((x->dir = dir_word(&v[y])) != 0)
                break;
    /* "a 4.4% month-on-month decline": the direction after the basis */
    if (!x->dir && basis_at(v, se, x->j, &mm) && x->j + mm < se)
        x->dir = dir_word(&v[x->j + mm]);
    if (v[x->i].sign)
        x->dir = 1; /* a printed sign is the direction (the value carries it) */
    return 0;
}

/* The figure percentage k qualifies: a later figure it leads to, else the nearest before. 0,
 * or 1 when nothing more is to be read of it. */
/* The product named last before token i of the sentence (NULL none). */
static const char *product_before(const sent *S, size_t i)
{
    const char *p = NULL;
    for (size_t k = 0; k < S->nprods && S->sa->prods[k].i < i; k++)
        if (!S->sa->prods[k].generic)
            p = S->sa->prods[k].key;
    return p;
}

/* "alumina exports were 187,600 t, …, whereas the ore's imports were 8.8% above …": a
 * change whose clause names another product than the figure before it (target t) qualifies
 * that product's last figure of the sentence; t when there is none. */
static int pct_product_target(const sent *S, int t, size_t i)
{
    const char *named = NULL;
    for (size_t k = 0; k < S->nprods; k++)
        if (S->sa->prods[k].i >= S->q[t].j && S->sa->prods[k].i < i && !S->sa->prods[k].generic)
            named = S->sa->prods[k].key;
    if (!named || !product_before(S, S->q[t].i) ||
        !strcmp(named, product_before(S, S->q[t].i)))
        return t;
    for (int z = t; z > 0; z--) {
        const char *p = product_before(S, S->q[z - 1].i);
        if (p && !strcmp(p, named) && S->q[z - 1].unit != U_OTHER_PRICE)
            return z - 1;
    }
    return t;
}

static int pct_target(sent *S, size_t k, size_t lo_bound)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    qfig *q = S->q;
    pfig *pc = S->pc;
    pexpr *pe = S->pe;
    pfig *x = &pc[k];
    (void)v, (void)sb, (void)se, (void)q, (void)pe, (void)lo_bound;
    /* target: "... 12% [on the year] to 250,500 t" leads to the later figure */
    int found = 0;
    for (size_t y = x->j; y < se && y < x->j + 16; y++) {
        if (is_w(&v[y], "to") || is_w(&v[y], "reaching") || is_w(&v[y], "at")) {
            size_t z0 = y + 1;
            while (z0 < se && (is_w(&v[z0], "about") || is_w(&v[z0], "around") ||
                               is_w(&v[z0], "approximately") || is_w(&v[z0], "nearly") ||
                               is_w(&v[z0], "some") || is_w(&v[z0], "roughly") ||
                               is_w(&v[z0], "only") || is_w(&v[z0], "a") ||
                               is_w(&v[z0], "record")))
                z0++;
            for (size_t z = 0; z < S->nq; z++)
                if (q[z].i == z0 || (is_s(&v[z0], '$') && q[z].i == z0)) {
                    x->target = (int)z;
                    found = 1;
                }
            break;
        }
        if (!linking_word(&v[y]))
            break;
        int isq = 0;
        for (size_t z = 0; z < S->nq; z++)
            if (q[z].i == y)
                isq = 1;
        if (isq)
            break;
    }
    if (!found) {
        for (size_t z = S->nq; z > 0; z--)
            if (q[z - 1].j <= x->i && q[z - 1].unit != U_OTHER_PRICE) {
                x->target = (int)(z - 1);
                break;
            }
        if (x->target >= 0)
            x->target = pct_product_target(S, x->target, x->i);
    }
    if (x->target < 0) {
        int blocked = 0;
        for (size_t y = x->j; y < se; y++) {
            if (is_w(&v[y], "bringing") || is_w(&v[y], "taking") ||
                is_w(&v[y], "lifting") || is_w(&v[y], "pushing") || is_w(&v[y], "brought"))
                blocked = 1;
            int isq = 0;
            for (size_t z = 0; z < S->nq; z++)
                if (q[z].i == y && !blocked && q[z].unit != U_OTHER_PRICE) {
                    x->target = (int)z;
                    isq = 1;
                }
            if (isq)
                break;
        }
        if (x->target < 0 && blocked)
            x->prev_claim = 1;
    }
    return 0;
}

/* Phase of do_sentence: Each percentage: a share or a change, its basis, direction and the
 * figure it qualifies. 0, or -1 when out of memory. */
static int sent_classify(sent *S)
{
    const tok *v = S->v;
    const size_t sb = S->sb;
    qfig *q = S->q;
    pfig *pc = S->pc;
    (void)v;
    size_t zq = 0; /* the figures and percentages are in token order */
    for (size_t k = 0; k < S->np; k++) {
        const pfig *x = &pc[k];
        size_t lo_bound = sb;
        while (zq < S->nq && q[zq].j <= x->i)
            zq++;
        if (zq > 0 && q[zq - 1].j > lo_bound)
            lo_bound = q[zq - 1].j;
        if (k > 0 && pc[k - 1].j <= x->i && pc[k - 1].j > lo_bound)
            lo_bound = pc[k - 1].j;
        if (pct_share(S, k, lo_bound))
            continue;
        pct_basis_direction(S, k, lo_bound);
        pct_target(S, k, lo_bound);
    }
    return 0;
}

/* Phase of do_sentence: Sentence context ("respectively") and the partners the sentence names,
 * in order. 0, or -1 when out of memory. */
static void sent_reporter(sent *S);

static int sent_partners(sent *S)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se, ncap = S->ncap;
    pm *parts = S->parts;
    /* sentence-level context: product, metric */
    for (size_t i = sb; i < se; i++)
        if (is_w(&v[i], "respectively"))
            S->respectively = 1;

    /* partners in the sentence, in order */
    for (size_t i = sb; i < se && S->nparts < ncap; i++) {
        size_t len;
        int adj;
        const char *iso = country_at(c->ev, v, se, i, &len, &adj);
        if (!iso)
            continue;
        pm *p = &parts[S->nparts];
        p->i = i;
        p->j = i + len;
        p->iso3 = iso;
        p->adj = adj;
        p->from = 0;
        p->to_china_subject = 0;
        /* "US arrivals", "US-origin cargoes": a name before a trade noun qualifies it as
         * an adjective does */
        static const char *const trade_nouns[] = {"arrivals", "cargoes", "shipments",
                                                  "deliveries", "supplies", NULL};
        size_t a = p->j;
        if (a + 1 < se && is_s(&v[a], '-') && is_w(&v[a + 1], "origin"))
            a += 2;
        else if (a < se && is_w(&v[a], "origin"))
            a++;
        if (!adj && a < se && word_in(&v[a], trade_nouns))
            p->adj = 1;
        /* "from [its largest supplier] X", "to X" */
        for (size_t b = i; b > sb && b + 5 > i; b--) {
            if (is_w(&v[b - 1], "from")) {
                p->from = 1;
                break;
            }
            if (is_w(&v[b - 1], "to") || is_w(&v[b - 1], "into") ||
                (is_w(&v[b - 1], "for") && b >= sb + 2 &&
                 (is_w(&v[b - 2], "bound") || is_w(&v[b - 2], "destined")))) {
                p->from = 2;
                break;
            }
            if (v[b - 1].k != K_WORD || is_w(&v[b - 1], "and"))
                break;
        }
        S->nparts++;
        i += len - 1;
    }
    sent_reporter(S);
    return 0;
}

/* A reporter other than China: a country named as the owner of imports ("India's imports",
 * "Indian imports", "India imported") from China, in a note that has not named China as the
 * owner of its trade ("China imported", "China's exports": then the sentence is the
 * partner's mirror view). From then on that country's name is the reporter (the world
 * total), China a partner. The reporter's parts are dropped from the sentence's partners. */
/* The token after a wire dateline that opens a sentence ("MELBOURNE, Oct 30 (Wire) -",
 * "SINGAPORE, July 15 --"): a city in capitals, a comma, a month and a day, an optional
 * bracketed agency, a dash; sb when there is none. */
static size_t dateline_end(const sent *S)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    size_t k = sb;
    while (k < se && k < sb + 4 && v[k].k == K_WORD && v[k].e > v[k].b + 1 &&
           isupper((unsigned char)S->text[v[k].b]) && isupper((unsigned char)S->text[v[k].b + 1]))
        k++;
    if (k == sb || k + 2 >= se || !is_s(&v[k], ',') || !month_at(v, se, k + 1))
        return sb;
    k += 2;
    if (k < se && is_s(&v[k], '.'))
        k++;
    if (k < se && v[k].k == K_NUM)
        k++;
    if (k < se && is_s(&v[k], '(')) {
        while (k < se && !is_s(&v[k], ')'))
            k++;
        k++;
    }
    size_t d = k;
    while (k < se && is_s(&v[k], '-'))
        k++;
    return k > d && k < se ? k : sb;
}

static void sent_reporter(sent *S)
{
    ctx *c = S->c;
    const tok *v = S->v;
    /* "China imported", "China's imports", "Chinese exports": China owns the trade of
     * the note, and "Russia's imports from China" is then the partner's mirror view */
    for (size_t y = 0; y < S->nparts; y++)
        for (size_t k = 0; k < S->nmw; k++)
            if (!strcmp(S->parts[y].iso3, "CHN") && !S->parts[y].from &&
                S->mw[k].i >= S->parts[y].j && S->mw[k].i <= S->parts[y].j + 4 &&
                S->mw[k].m != TF_METRIC_OTHER && S->mw[k].m != TF_METRIC_NONE)
                c->china_owner = 1;
    if (!c->reporter[0] && !c->china_owner) {
        int china_partner = 0;
        for (size_t y = 0; y < S->nparts; y++)
            china_partner |= !strcmp(S->parts[y].iso3, "CHN") && S->parts[y].from == 1;
        /* "Switzerland's gold exports were ...", "Chile exported ...": the subject of the
         * note's first sentence with a figure owns its trade, whatever the flow */
        int first = c->last_claim == (size_t)-1 && S->nq > 0;
        size_t start = dateline_end(S);
        for (size_t y = 0; (china_partner || first) && y < S->nparts; y++) {
            const pm *p = &S->parts[y];
            size_t j = p->j;
            int subject = first && !china_partner && p->i <= start + 1;
            if (!strcmp(p->iso3, "CHN") || p->from || (!china_partner && !subject))
                continue;
            if (j + 1 < S->se && is_s(&v[j], '\'') && is_w(&v[j + 1], "s"))
                j += 2;
            else if ((!p->adj || subject) &&
                     !(j < S->se && (is_w(&v[j], "imported") || is_w(&v[j], "exported") ||
                                     (subject && (is_w(&v[j], "shipped") || is_w(&v[j], "sold"))))))
                continue;
            for (size_t k = 0; k < S->nmw; k++)
                if (S->mw[k].i >= p->j && S->mw[k].i <= j + 4 &&
                    (S->mw[k].m == TF_METRIC_IMPORT ||
                     (subject && S->mw[k].m == TF_METRIC_EXPORT))) {
                    tf_fmt(c->reporter, sizeof c->reporter, "%s", p->iso3);
                    break;
                }
            if (c->reporter[0])
                break;
        }
    }
    if (!c->reporter[0])
        return;
    size_t o = 0;
    for (size_t y = 0; y < S->nparts; y++)
        if (strcmp(S->parts[y].iso3, c->reporter) || S->parts[y].from)
            S->parts[o++] = S->parts[y];
    S->nparts = o;
}

/* Whether product key p is of the kind a generic noun names: 'o' an ore or concentrate,
 * 's' an oilseed. */
static int product_kind(const char *p, char kind)
{
    if (kind == 'o')
        return strstr(p, "ore") || strstr(p, "concentrate") || !strcmp(p, "bauxite");
    return !strcmp(p, "soybeans");
}

/* "… bauxite arrivals rose 3.6% …, whereas the ore's imports were 8.8% above …", "total
 * exports of the oilseed": "the ore" (or "the concentrate") at token y names the ore or
 * concentrate named last before it, "the oilseed" (or "the beans") the oilseed, in the
 * sentence or carried from the sentences before; NULL when none was named. */
static const char *ore_anaphora(const sent *S, size_t y)
{
    const tok *v = S->v;
    if (!(y + 1 < S->se && is_w(&v[y], "the")))
        return NULL;
    char kind = is_w(&v[y + 1], "ore") || is_w(&v[y + 1], "concentrate") ? 'o'
                : is_w(&v[y + 1], "oilseed") || is_w(&v[y + 1], "beans") ? 's' : 0;
    if (!kind)
        return NULL;
    for (size_t k = S->nprods; k > 0; k--)
        if (product_kind(S->sa->prods[k - 1].key, kind))
            return S->sa->prods[k - 1].key;
    const char *cp = S->c->product;
    return cp[0] && product_kind(cp, kind) ? cp : NULL;
}

/* Phase of do_sentence: The products, "top N" groups and province words of the sentence, found
 * once. 0, or -1 when out of memory. */
static int forecast_word(const tok *t);

static int sent_products(sent *S)
{
    ctx *c = S->c;
    sent_arrays *sa = S->sa;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    /* products, "top N" and province words in the sentence, found once */
    for (size_t y = sb; y < se; y++) {
        size_t mm;
        int g;
        const char *p = product_in(c->ev, v, se, y, &mm, &g);
        if (S->first_forecast == (size_t)-1 && forecast_word(&v[y]))
            S->first_forecast = y;
        if (S->first_top == (size_t)-1 && is_w(&v[y], "top") && y + 1 < se &&
            (v[y + 1].k == K_NUM || count_word(v[y + 1].w)))
            S->first_top = y;
        for (size_t k = 0; S->first_prov == (size_t)-1 && k < c->ev->nwords; k++)
            if (c->ev->words[k].kind == AW_PROVINCE && is_w(&v[y], c->ev->words[k].phrase))
                S->first_prov = y;
        for (size_t k = 0; k < c->ev->nwords; k++) {
            size_t tm;
            if (c->ev->words[k].kind == AW_TRADEMODE &&
                (tm = phrase(v, se, y, c->ev->words[k].phrase))) {
                sa->modes[S->nmodes++] = (prodm){y, tm, NULL, 0};
                break;
            }
        }
        if (!p && (p = ore_anaphora(S, y)) != NULL)
            mm = 2, g = 0;
        if (!p)
            continue;
        sa->prods[S->nprods++] = (prodm){y, mm, p, g};
        y += mm - 1;
    }
    return 0;
}

/* One figure of a sentence while its claim is made. */
typedef struct fig {
    qfig *x;
    size_t z;                /* its index in the sentence's quantities */
    tf_claim cl;
    size_t cb, ce;           /* its clause: from the previous figure to the next */
    int is_base;             /* a comparison base ("up from 28,759 t") */
    int level_base;          /* (is_base 2) the base of the last figure not itself a base */
    size_t base_claim1;      /* (is_base 2) the claim it is the base of + 1, 0 the last */
    size_t base_at;
    tf_metric met;
    size_t met_i;            /* token of the metric word, 0 none */
    const char *prod;
    int unknown_product, gen;
    const char *partner;
    int china_subject;
    const pexpr *chosen;     /* the period expression taken, or NULL */
    pexpr lab;               /* a share's label taken as the period (chosen points here) */
} fig;

/* The clause of figure z, whether it is a comparison base, and a difference ("up by X") kept
 * aside. 0, 1 when the figure makes no claim, -1 out of memory. */
/* "14.7% above April's 31,200 t", "7.5% lower than May 2024's 553,600 t": a period in
 * the possessive right before figure x, after a word of comparison, labels a base. The
 * comparison word's token, or (size_t)-1. */
static size_t possessive_base(const sent *S, const qfig *x)
{
    static const char *const cmp[] = {"than", "above", "below", "from", "over", "versus",
                                      "vs", "against", "on", NULL};
    const tok *v = S->v;
    for (size_t k = 0; k < S->npe; k++) {
        const pexpr *p = &S->pe[k];
        if (p->rel == P_ABS && p->j + 2 == x->i && is_s(&v[p->j], '\'') &&
            is_w(&v[p->j + 1], "s") && p->i > S->sb && word_in(&v[p->i - 1], cmp))
            return p->i - 1;
    }
    return (size_t)-1;
}

/* "YTD compares with 36.91 Mt a year earlier": the claim of the period the sentence names
 * before token b (the latest stated with that period) + 1, 0 when it names none. */
static size_t subject_period_claim(const sent *S, size_t b)
{
    const ctx *c = S->c;
    for (size_t k = 0; k < S->npe; k++) {
        const pexpr *p = &S->pe[k];
        if (p->j > b || !(p->rel == P_YTD || (p->rel == P_ABS && p->from >= 0)))
            continue;
        /* "YTD": the longest span from January of the note's year stated so far */
        size_t best = 0;
        for (size_t i = c->a->n_claims; i-- > 0;) {
            const tf_claim *cl = &c->a->claims[i];
            if (cl->note != c->note || !cl->quantity.has)
                continue;
            int span = tf_mi_month(cl->period.from) == 1 && cl->period.to > cl->period.from &&
                       (c->ref < 0 || cl->period.to <= c->ref) &&
                       (!best || cl->period.to > c->a->claims[best - 1].period.to);
            if (p->rel == P_ABS ? cl->period.from == p->from && cl->period.to == p->to : span)
                best = i + 1;
            if (best && p->rel == P_ABS)
                break;
        }
        return best;
    }
    return 0;
}

/* "above April 2024 (151.7 kt)", "than in March (88,000 t)": the bracketed figure of a
 * compared period is a base of the figure before it in the sentence (F->is_base, F->base_at). */
static void bracketed_base(const sent *S, fig *F)
{
    const tok *v = S->v;
    const size_t sb = S->sb;
    const qfig *x = F->x;
    const size_t z = F->z;
    for (size_t k = 0; z > 0 && S->made[z - 1] != (size_t)-1 && k < S->npe; k++) {
        const pexpr *q = &S->pe[k];
        if (q->j + 1 == x->i && is_s(&v[q->j], '(') && q->i > sb &&
            (is_w(&v[q->i - 1], "above") || is_w(&v[q->i - 1], "below") ||
             is_w(&v[q->i - 1], "than") || is_w(&v[q->i - 1], "from") ||
             is_w(&v[q->i - 1], "vs") || is_w(&v[q->i - 1], "versus") ||
             /* "-9.0% compared with October (1.67 million t)" */
             (q->i > sb + 1 && (is_w(&v[q->i - 1], "with") || is_w(&v[q->i - 1], "to")) &&
              is_w(&v[q->i - 2], "compared")) ||
             /* "up 9.8% on the first eight months of 2024 (1,137,200 t)" */
             (q->i > sb + 1 && (is_w(&v[q->i - 1], "on") || is_w(&v[q->i - 1], "over")) &&
              v[q->i - 2].k == K_PCT) ||
             (q->i > sb + 2 && is_w(&v[q->i - 1], "the") &&
              (is_w(&v[q->i - 2], "on") || is_w(&v[q->i - 2], "over")) && v[q->i - 3].k == K_PCT) ||
             (q->i > sb + 1 && is_w(&v[q->i - 1], "in") && is_w(&v[q->i - 2], "than")))) {
            F->is_base = 1;
            F->base_at = q->i - 1;
        }
    }
}

static int fig_base(sent *S, fig *F)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    size_t *made = S->made;
    qfig *x = F->x;
    const size_t z = F->z;
    bracketed_base(S, F);
    size_t pb = possessive_base(S, x);
    if (pb != (size_t)-1 && z > 0 && made[z - 1] != (size_t)-1 && !F->is_base) {
        F->is_base = 1;
        F->base_at = pb;
    }
    /* base figure: "up from 28,759 t", "compared to only 3,969 mt", "from the 172,526 tons" */
    for (size_t b = x->i; b > sb && b + 4 > x->i && !F->is_base; b--) {
        /* "104.6 Mt vs. 94.6 Mt": the abbreviation's point */
        if (b > sb + 1 && is_s(&v[b - 1], '.') && is_w(&v[b - 2], "vs"))
            b--;
        /* "imports from India were 60,000 t": a F->partner, not a base */
        int partner_named = 0;
        for (size_t y = b; y < x->i && !partner_named; y++)
            partner_named = country_at(c->ev, v, se, y, &(size_t){0}, &(int){0}) != NULL;
        if (partner_named)
            break;
        if (is_w(&v[b - 1], "from") || is_w(&v[b - 1], "versus") || is_w(&v[b - 1], "vs") ||
            (b == x->i && on_the_base(v, b, sb)) ||
            is_w(&v[b - 1], "against") ||
            (is_w(&v[b - 1], "to") && b >= 2 && is_w(&v[b - 2], "compared")) ||
            /* "4.2 percent lower than September's 115.1 million tonnes" */
            (is_w(&v[b - 1], "than") && b >= sb + 2 && b + 2 < x->i && month_at(v, se, b) &&
             is_s(&v[b + 1], '\'') && is_w(&v[b + 2], "s") &&
             (is_w(&v[b - 2], "lower") || is_w(&v[b - 2], "higher") ||
              is_w(&v[b - 2], "smaller") || is_w(&v[b - 2], "larger") ||
              is_w(&v[b - 2], "bigger") || is_w(&v[b - 2], "more") ||
              is_w(&v[b - 2], "less") || is_w(&v[b - 2], "greater"))) ||
            (is_w(&v[b - 1], "with") && b >= 2 &&
             (is_w(&v[b - 2], "compared") || is_w(&v[b - 2], "compares"))) ||
            than_the_base(v, sb, b, x->i)) {
            F->is_base = z > 0 && made[z - 1] != (size_t)-1;
            F->base_at = b - 1;
            /* "That compared to 188,469 tonnes ...": the last sentence's figure; "Imports
             * were up 3.2% from August's 11.76 million t" after a headline figure of
             * September: the base of the figure stated before */
            if (z == 0 && c->last_claim != (size_t)-1 && !S->nparts) {
                for (size_t y = sb; y < b; y++)
                    if (is_w(&v[y], "compared") || is_w(&v[y], "compares") ||
                        /* "Volume fell 6.2% from 321 kt in October": the last level's */
                        (v[y].k == K_PCT && y + 2 == b && is_w(&v[b - 1], "from")) ||
                        (v[y].k == K_PCT && month_at(v, se, b) && b + 2 < x->i &&
                         is_s(&v[b + 1], '\'') && is_w(&v[b + 2], "s")))
                        F->is_base = 2;
                if (F->is_base == 2)
                    F->base_claim1 = subject_period_claim(S, b);
                /* "Arrivals were 11.2% above the 178.6 kt of November 2024." after the
                 * sentence of the figure: the base of the last figure told */
                if (!F->is_base && b > sb + 1 && v[b - 2].k == K_PCT &&
                    than_the_base(v, sb, b, x->i) && c->last_level != (size_t)-1)
                    F->is_base = 2, F->level_base = 1;
            }
            break;
        }
        if (v[b - 1].k != K_WORD && !is_s(&v[b - 1], '\''))
            break;
    }
    /* "Compared with October last year, when 381.6 kt arrived, receipts were 18.5%
     * higher.": the base of the last figure told, labelled by the period compared with */
    if (!F->is_base && z == 0 && x->i > sb + 3 && is_w(&v[x->i - 1], "when") &&
        is_w(&v[sb], "compared") && (is_w(&v[sb + 1], "with") || is_w(&v[sb + 1], "to")) &&
        c->last_level != (size_t)-1)
        F->is_base = 2, F->level_base = 1, F->base_at = sb + 1;
    /* "up by 113,881 tonnes", "an increase of 20,000 t": a difference, not a level */
    {
        size_t b = x->i;
        while (b > sb && (is_w(&v[b - 1], "about") || is_w(&v[b - 1], "around") ||
                          is_w(&v[b - 1], "approximately") || is_w(&v[b - 1], "some")))
            b--;
        if (b >= sb + 2 && (is_w(&v[b - 1], "by") || is_w(&v[b - 1], "of")) &&
            dir_word(&v[b - 2])) {
            mom_difference(c, v, sb, se, x, dir_word(&v[b - 2]));
            x->diff = 1;
            return 1;
        }
        /* "1.23 million t more than in October": a difference, not a level */
        int more = x->j + 1 < se && is_w(&v[x->j + 1], "than") &&
                   (is_w(&v[x->j], "more") || is_w(&v[x->j], "higher") ? 1
                    : is_w(&v[x->j], "less") || is_w(&v[x->j], "fewer") ||
                            is_w(&v[x->j], "lower") ? -1 : 0);
        if (more && x->unit != U_OTHER_PRICE && !(x->j + 2 < se && (is_w(&v[x->j + 2], "double") ||
                                                                     is_w(&v[x->j + 2], "twice"))) &&
            x->j + 2 < se &&
            (is_w(&v[x->j + 2], "in") || is_w(&v[x->j + 2], "a") || month_at(v, se, x->j + 2))) {
            mom_difference(c, v, sb, se, x, more);
            x->diff = 1;
            return 1;
        }
        /* "rose 12% year-on-year, by 250,000 t, to 2.40 million t": "by" after a
         * change word earlier in the clause */
        if (b >= sb + 2 && is_w(&v[b - 1], "by") && is_s(&v[b - 2], ',')) {
            for (size_t y = b - 2; y > F->cb && y + 20 > b; y--)
                if (dir_word(&v[y - 1])) {
                    mom_difference(c, v, sb, se, x, dir_word(&v[y - 1]));
                    x->diff = 1;
                    return 1;
                }
        }
    }
    return 0;
}

/* A figure of one trade mode, not of the month's trade: a trade-mode phrase
 * (data/audit-words.csv, "general trade", "barter trade") in its clause before
 * it, or after it before any clause mark ("60 t of barter trade", "190,300 t in
 * March under general trade"; not "312,000 t, of which general trade ..."). */
static int fig_trade_mode(const sent *S, const fig *F)
{
    const qfig *x = F->x;
    for (size_t k = 0; k < S->nmodes; k++) {
        size_t a = S->sa->modes[k].i;
        if (a >= F->cb && a < x->i)
            return 1;
        /* after it, in the same clause: "190,300 t in March under general trade" */
        int open = a >= x->j && a < F->ce;
        for (size_t y = x->j; open && y < a; y++)
            if (is_s(&S->v[y], ',') || is_s(&S->v[y], ';') || is_s(&S->v[y], ':') ||
                is_s(&S->v[y], '(') || is_w(&S->v[y], "and") || is_w(&S->v[y], "which") ||
                is_w(&S->v[y], "while") || is_w(&S->v[y], "whereas"))
                open = 0;
        if (open)
            return 1;
    }
    return 0;
}

/* The metric and the product of the figure: its clause first, then the sentence, then the note
 * so far. 0, 1 when the figure makes no claim, -1 out of memory. */
/* A forecast word before token i in the sentence ("imports are expected at
 * about 235,400 t in May"): the figure is a forecast, not the month's trade,
 * so it is kept and not checked (as 预计/预测/预期 in Chinese notes). */
static int forecast_word(const tok *t)
{
    static const char *const w[] = {"expected", "expect", "expects", "forecast", "forecasts",
                                    "forecasted", "projected", "predicted", NULL};
    for (size_t j = 0; w[j]; j++)
        if (is_w(t, w[j]))
            return 1;
    return 0;
}

/* (the sentence's first forecast word is found once, in sent_products: a sentence of
 * n figures costs n, not n times its length) */
static int forecast_before(const sent *S, size_t i)
{
    return S->first_forecast != (size_t)-1 && S->first_forecast < i;
}

/* "Japan bought $0.58 billion": a partner other than the reporter buying is the
 * reporter's export to it; "…, when they brought in $4.12 billion" after a figure: "they"
 * are that figure's flow, whatever "brought in" would say alone. */
static void metric_of_subject(const sent *S, fig *F)
{
    const tok *v = S->v;
    size_t i = F->met_i;
    if (!i || F->met != TF_METRIC_IMPORT)
        return;
    if (is_w(&v[i], "bought") || is_w(&v[i], "purchased"))
        for (size_t y = 0; y < S->nparts; y++)
            if (S->parts[y].j == i && !S->parts[y].from &&
                strcmp(S->parts[y].iso3, reporter_of(S->c)))
                F->met = TF_METRIC_EXPORT;
    const size_t lc = S->c->last_claim;
    if (i >= S->sb + 2 && is_w(&v[i - 2], "when") &&
        (is_w(&v[i - 1], "they") || is_w(&v[i - 1], "it")) && lc != (size_t)-1) {
        tf_metric m = S->c->a->claims[lc].metric;
        F->met = m == TF_METRIC_EXPORT_VALUE ? TF_METRIC_EXPORT
                 : m == TF_METRIC_IMPORT_VALUE ? TF_METRIC_IMPORT : m;
    }
}

static int fig_metric_product(sent *S, fig *F)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t se = S->se;
    mword *mw = S->mw;
    qfig *x = F->x;
    sent_arrays *sa = S->sa;
    /* metric */
    for (size_t k = S->nmw; k > 0; k--)
        if (mw[k - 1].i < x->i && (mw[k - 1].i >= F->cb || F->met == TF_METRIC_NONE)) {
            F->met = mw[k - 1].m;
            F->met_i = mw[k - 1].i;
            break;
        }
    if (F->met == TF_METRIC_NONE)
        for (size_t k = 0; k < S->nmw; k++)
            if (mw[k].i > x->i) {
                F->met = mw[k].m;
                F->met_i = mw[k].i;
                break;
            }
    if (F->met == TF_METRIC_NONE)
        F->met = c->metric;
    metric_of_subject(S, F);
    /* "the top five suppliers totalled": a group of partners, not the total */
    if (S->first_top != (size_t)-1 && S->first_top + 1 < x->i)
        F->met = TF_METRIC_OTHER;
    /* a province or a company is not the country's figure, nor a trade mode's */
    if (S->first_prov < x->i || fig_trade_mode(S, F) || forecast_before(S, x->i))
        F->met = TF_METRIC_OTHER;
    /* product: nearest specific before the figure, else after, else carried */
    for (size_t pi = 0; pi < S->nprods; pi++) {
        size_t y = sa->prods[pi].i;
        int g = sa->prods[pi].generic;
        const char *p = sa->prods[pi].key;
        if (y < x->i || !F->prod) {
            if (!F->prod || !g || F->gen) {
                if (y < x->i || !F->prod) {
                    if (!(g && F->prod && !F->gen)) {
                        F->prod = p;
                        F->gen = g;
                    }
                }
            }
        }
        if (y > x->i && F->prod)
            break;
    }
    /* "imports of bauxite, a key raw material for aluminium products, totalled":
     * the product the metric word governs wins */
    if (F->met_i) {
        size_t y = F->met_i + 1, mm;
        int g;
        while (y < se && (is_w(&v[y], "of") || is_w(&v[y], "the")))
            y++;
        const char *pp = y < se ? product_in(c->ev, v, se, y, &mm, &g) : NULL;
        if (!pp && y > F->met_i + 1 && is_w(&v[y - 1], "the"))
            pp = ore_anaphora(S, y - 1), g = 0; /* "exports of the oilseed" */
        if (pp && !g && y > F->met_i + 1)
            F->prod = pp, F->gen = 0;
        /* "imports of unwrought copper and copper products": a commodity
         * the vocabulary does not know; no product carried to it */
        size_t il;
        int ia;
        if (!pp && y > F->met_i + 1 && y < x->i && is_w(&v[F->met_i + 1], "of") &&
            v[y].k == K_WORD && !v[y].cap && !country_at(c->ev, v, se, y, &il, &ia) &&
            !dir_word(&v[y]) && !is_w(&v[y], "about") && !is_w(&v[y], "around") &&
            !is_w(&v[y], "some") && !is_w(&v[y], "nearly") && !is_w(&v[y], "over"))
            F->unknown_product = 1;
    }
    if (F->prod && F->gen && c->product[0] &&
        (!strcmp(c->product, "primary-aluminium") || !strcmp(c->product, "aluminium-alloy") ||
         !strcmp(c->product, "unwrought-aluminium-and-products") ||
         !strcmp(c->product, "aluminium-products")))
        F->prod = c->product;
    if (!F->prod && c->product[0])
        F->prod = c->product;
    /* "Chile's copper exports were worth $4.62 billion": a note that names no product of the
     * vocabulary; its figures are checked with each other under a key of the note's own */
    if (!F->prod && !F->unknown_product && !c->any_product) {
        tf_fmt(c->unnamed, sizeof c->unnamed, "unnamed-%zu", c->note + 1);
        F->prod = c->unnamed;
        F->gen = 1;
    }
    if (F->unknown_product) {
        F->prod = NULL;
        F->met = TF_METRIC_OTHER;
        S->sent_unknown = 1;
    }
    if (F->prod && (F->met == TF_METRIC_IMPORT || F->met == TF_METRIC_EXPORT ||
                 F->met == TF_METRIC_NET_IMPORT)) {
        S->sent_product = F->prod;
        S->sent_generic = F->gen;
    }
    return 0;
}

/* The partner heading figure F as a list item ("Russia 131,200 t", "India (24,798 t",
 * "Guinea: 12.1 million t", "China (re-imports) 2,100 t"), or NULL. The reporter heading an
 * import figure in a list of sources is its re-imports (DOMAIN.md §2), not its total. */
static const char *fig_list_item(const sent *S, const fig *F)
{
    const tok *v = S->v;
    const qfig *x = F->x;
    const char *r = NULL;
    for (size_t y = 0; y < S->nparts; y++) {
        const pm *p = &S->parts[y];
        size_t j = p->j;
        if (j < x->i && is_s(&v[j], '('))   /* a bracketed remark after the name */
            for (size_t k = j + 1; k < x->i && k < j + 6; k++)
                if (is_s(&v[k], ')')) {
                    j = k + 1;
                    break;
                }
        if (!(p->j <= x->i && (j == x->i || (p->j + 2 >= x->i && (is_s(&v[p->j], '(') ||
                                                                  is_s(&v[p->j], ':'))))))
            continue;
        if (strcmp(p->iso3, reporter_of(S->c)))
            r = p->iso3;
        else if (F->met == TF_METRIC_IMPORT || F->met == TF_METRIC_IMPORT_VALUE)
            r = reporter_of(S->c);
    }
    return r;
}

/* "..., while India took US$1.87 billion": a partner heading the figure's clause with a
 * verb of taking right after it is the figure's partner. NULL: none. */
static const char *clause_subject(const sent *S, const fig *F)
{
    /* verbs of sending ("Malaysia exported 47,100 t") are read below, as China's imports */
    static const char *const verbs[] = {"took", "bought", "received", "purchased", NULL};
    const char *r = NULL;
    for (size_t y = 0; y < S->nparts; y++) {
        const pm *p = &S->parts[y];
        if (p->i < F->cb || p->i >= F->x->i || p->from || p->adj || p->j >= S->se ||
            !strcmp(p->iso3, reporter_of(S->c)))
            continue;
        /* "followed by Australia with 3.52 million t": the partner the figure comes with */
        if (word_in(&S->v[p->j], verbs) || (is_w(&S->v[p->j], "with") && p->j + 1 == F->x->i))
            r = p->iso3;
        /* "ahead of Thailand at 19.8 kt", "with Peru second at 86.9 kt" */
        static const char *const ranks[] = {"second", "third", "fourth", "fifth", "next", NULL};
        size_t a = p->j + (word_in(&S->v[p->j], ranks) ? 1 : 0);
        if (a + 1 == F->x->i && is_w(&S->v[a], "at"))
            r = p->iso3;
    }
    return r;
}

/* Every figure of the sentence between tokens b and e is a difference ("exports to
 * China rose by US$0.87 billion from March to US$5.32 billion"), and there is one:
 * the partner before them is the clause's still. */
static int only_differences_between(const sent *S, size_t b, size_t e)
{
    int n = 0;
    size_t lo = 0, hi = S->nq; /* the figures are in token order: the first at b or after */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S->q[mid].i < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < S->nq && S->q[k].i < e; k++) {
        if (!S->q[k].diff)
            return 0;
        n++;
    }
    return n > 0;
}

/* The first of the sentence's partners (in token order) that starts at token t or after. */
static size_t first_partner_from(const sent *S, size_t t)
{
    size_t lo = 0, hi = S->nparts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S->parts[mid].i < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The partner the figure belongs to: "from X", "to X", "X (N t)", lists read "respectively".
 * 0, 1 when the figure makes no claim, -1 out of memory. */
static int fig_partner(sent *S, fig *F)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    pm *parts = S->parts;
    qfig *x = F->x;
    const size_t z = F->z;
    /* F->partner */
    if (S->respectively && S->nparts > 1) {
        size_t seen = 0;
        for (size_t y = 0; y < S->nparts && !F->partner; y++) {
            if (!strcmp(parts[y].iso3, reporter_of(S->c)))
                continue;
            if (seen++ == S->resp_k)
                F->partner = parts[y].iso3;
        }
        S->resp_k++;
    }
    /* "30,000 t went to Vietnam, 25,000 t to Mexico": where a partner follows the figure, one
     * right after the figure before belongs to that figure */
    int named_after = 0;
    for (size_t y = first_partner_from(S, x->j); y < S->nparts && parts[y].i <= x->j + 1; y++)
        if (parts[y].from && parts[y].i < F->ce)
            named_after = 1;
    /* a partner before the last figure that is not a difference is not this one's (the
     * loop below skips it): start a few tokens before that figure */
    size_t w = z;
    while (w > 0 && S->q[w - 1].diff)
        w--;
    size_t y0 = w > 0 ? first_partner_from(S, S->q[w - 1].i > 8 ? S->q[w - 1].i - 8 : 0) : 0;
    if (!F->partner) {
        for (size_t y = y0; y < S->nparts; y++) {
            const pm *p = &parts[y];
            if (p->i < F->cb && !(p->from == 1 && p->i + 6 >= F->cb && z == 0) &&
                !(p->from && only_differences_between(S, p->j, x->i)))
                continue;
            if (named_after && z > 0 && p->i < x->i && p->i <= F->cb + 3)
                continue;
            if (p->i >= F->ce || p->i > x->j + 5)
                break; /* "..., owing to a recovery from Guinea": not the figure's */
            if (p->from == 1 && !strcmp(p->iso3, reporter_of(S->c)) &&
                (F->met == TF_METRIC_EXPORT || F->met == TF_METRIC_EXPORT_VALUE))
                continue; /* "exports from China": the reporter itself */
            if (p->from == 1 || (p->adj && strcmp(p->iso3, reporter_of(S->c)))) {
                F->partner = p->iso3;
                break;
            }
            if (p->from == 2 && (F->met == TF_METRIC_EXPORT || F->met == TF_METRIC_EXPORT_VALUE)) {
                if (!strcmp(p->iso3, reporter_of(S->c)))
                    F->china_subject = 1;
                else
                    F->partner = p->iso3;
                break;
            }
        }
    }
    if (!F->partner)
        F->partner = clause_subject(S, F);
    if (!F->partner)
        F->partner = fig_list_item(S, F);
    /* "Guinea, China's largest supplier, delivered 9 million tonnes": the subject */
    /* the last such partner before the figure: the figures come in token order, so the
     * scan goes on from where the figure before left it */
    for (; S->subj_scan < S->nparts && parts[S->subj_scan].j < x->i; S->subj_scan++) {
        const pm *p = &parts[S->subj_scan];
        if (p->j + 1 < se && !p->from && !p->adj &&
            (is_w(&v[p->j], "delivered") || is_w(&v[p->j], "supplied") ||
             is_w(&v[p->j], "shipped") || is_w(&v[p->j], "sent") || is_w(&v[p->j], "exported"))) {
            S->subj = S->subj_scan;
            S->has_subj = 1;
        }
    }
    size_t subj = S->subj;
    int has_subj = S->has_subj;
    if (!F->partner && S->nparts && (parts[subj].i <= sb + 1 || has_subj) && strcmp(parts[subj].iso3, reporter_of(S->c)) &&
        !parts[subj].from && !parts[subj].adj) {
        for (size_t y = parts[subj].j; y < x->i; y++)
            if (is_w(&v[y], "delivered") || is_w(&v[y], "supplied") ||
                is_w(&v[y], "shipped") || is_w(&v[y], "sent") || is_w(&v[y], "exported")) {
                F->partner = parts[subj].iso3;
                if (F->met == TF_METRIC_EXPORT || F->met == TF_METRIC_NONE ||
                    F->met == TF_METRIC_OTHER)
                    F->met = TF_METRIC_IMPORT;
                break;
            }
    }
    /* "Russia shipped 14.29 million t, …, and Mongolia 10.52 million t": the list goes on
     * with the subject's verb, so a partner listed after it supplies too */
    if (F->partner && has_subj && F->met == TF_METRIC_EXPORT && F->met_i == parts[subj].j &&
        strcmp(F->partner, reporter_of(S->c)) && strcmp(parts[subj].iso3, reporter_of(S->c)) &&
        !parts[subj].from && !parts[subj].adj)
        F->met = TF_METRIC_IMPORT;
    /* "Malaysia led October imports with 28,600 t": the sentence's subject */
    if (!F->partner && S->nparts && parts[0].i == sb && strcmp(parts[0].iso3, reporter_of(S->c)) &&
        !parts[0].from && !parts[0].adj && S->nparts == 1)
        F->partner = parts[0].iso3;
    return 0;
}

/* The partner from the sentence's context: an exporter to China, anaphora, a share, counting
 * by origin. 0, 1 when the figure makes no claim, -1 out of memory. */
/* "US$6.71 billion, of which China took 79.3%": partner p named after figure x behind
 * "of which" or "with" is a part of it, not its partner. */
static int part_after_total(const sent *S, const qfig *x, const pm *p)
{
    /* "…10.12 million t, meaning China took 92.5% of the volume": the partner after the
     * total takes its share of it */
    static const char *const takes[] = {"took", "takes", "accounted", "bought", "received",
                                        "absorbed", NULL};
    if (p->i >= x->j && p->j < S->se && word_in(&S->v[p->j], takes))
        for (size_t y = p->j + 1; y < S->se && y < p->j + 4; y++)
            if (S->v[y].k == K_NUM && y + 1 < S->se && S->v[y + 1].k == K_PCT)
                return 1;
    for (size_t y = x->j; y < p->i && y + 1 < S->se; y++)
        if (((is_w(&S->v[y], "of") || is_w(&S->v[y], "among")) && is_w(&S->v[y + 1], "which")) ||
            is_w(&S->v[y], "with"))
            return 1;
    return 0;
}

static int fig_partner_context(sent *S, fig *F)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    pfig *pc = S->pc;
    pm *parts = S->parts;
    qfig *x = F->x;
    const size_t z = F->z;
    /* "India exported 24,798 t of primary aluminium to China": China's import */
    if ((F->met == TF_METRIC_EXPORT) && F->met_i && !c->reporter[0]) {
        if (!S->china_seen) { /* the sentence's last "China", found once */
            S->china_seen = 1;
            S->last_china = (size_t)-1;
            for (size_t y = sb; y < se; y++)
                if (is_w(&v[y], "china") || is_w(&v[y], "chinese"))
                    S->last_china = y;
        }
        int china_after = S->last_china != (size_t)-1 && S->last_china >= F->met_i;
        const char *subject = NULL;
        for (size_t y = first_partner_from(S, F->met_i); y > 0 && !subject; y--)
            if (strcmp(parts[y - 1].iso3, reporter_of(S->c)) && !parts[y - 1].from)
                subject = parts[y - 1].iso3;
        if ((china_after || F->china_subject) && subject) {
            F->met = TF_METRIC_IMPORT;
            if (!F->partner || F->china_subject)
                F->partner = S->respectively ? F->partner : subject;
            if (!F->partner)
                F->partner = subject;
        }
    }
    /* anaphora: "this form of imports", "this portion" keeps the previous F->partner */
    if (!F->partner && !F->is_base)
        for (size_t y = F->cb; y < x->i; y++)
            if ((phrase(v, se, y, "this form") || phrase(v, se, y, "this portion") ||
                 phrase(v, se, y, "these imports")) &&
                c->last_claim != (size_t)-1)
                F->partner = c->a->claims[c->last_claim].partner;
    /* a share-bearing figure belongs to the F->partner the sentence is about */
    int has_share = 0;
    for (size_t k = 0; k < S->np; k++)
        if (pc[k].share && pc[k].target == (int)z)
            has_share = 1;
    if (!F->partner && has_share && !S->respectively)
        for (size_t y = 0; y < S->nparts; y++)
            if ((strcmp(parts[y].iso3, reporter_of(S->c)) || parts[y].from == 1) &&
                !part_after_total(S, x, &parts[y])) {
                F->partner = parts[y].iso3;
                break;
            }
    /* counted by origin rather than by consignment: "from Russian sources", or
     * right after a sentence about the origin of the metal */
    if (F->partner && strcmp(F->partner, "WLD")) {
        if (!S->origin_seen) { /* the sentence's origin words, found once */
            S->origin_seen = 1;
            for (size_t y = sb; y < se && !S->origin_words; y++)
                if ((is_w(&v[y], "origin") && y + 1 < se && is_w(&v[y + 1], "of")) ||
                    (is_w(&v[y], "sources") && y > sb && v[y - 1].k == K_WORD &&
                     country_at(c->ev, v, se, y - 1, &(size_t){0}, &(int){0})))
                    S->origin_words = 1;
        }
        if (c->prev_origin || S->origin_words) {
            tf_fmt(S->origin_partner, sizeof S->origin_partner, "%s:origin", F->partner);
            F->partner = S->origin_partner;
        }
    }
    return 0;
}

/* The metric with the unit (a value in USD, a P/L in CNY/t), and the claim's product, unit and
 * partner. 0, 1 when the figure makes no claim, -1 out of memory. */
static int fig_unit(sent *S, fig *F)
{
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    qfig *x = F->x;
    /* "net exports of 30,000 t", "a net import deficit of 1.44 million t":
     * net imports below zero */
    if (F->met == TF_METRIC_NET_IMPORT && x->value > 0) {
        int neg = 0;
        for (size_t y = sb; y < x->i; y++)
            if (is_w(&v[y], "deficit") ||
                (is_w(&v[y], "net") && y + 1 < se && starts(&v[y + 1], "export")))
                neg = 1;
        if (neg) {
            double lo = x->lo;
            x->value = -x->value;
            x->lo = -x->hi;
            x->hi = -lo;
        }
    }
    /* metric with the unit */
    if (x->unit == U_USD) {
        if (F->met == TF_METRIC_IMPORT)
            F->met = TF_METRIC_IMPORT_VALUE;
        else if (F->met == TF_METRIC_EXPORT)
            F->met = TF_METRIC_EXPORT_VALUE;
        else
            F->met = TF_METRIC_OTHER;
    } else if (x->unit == U_CNY_T) {
        F->met = F->met == TF_METRIC_PL ? TF_METRIC_PL : TF_METRIC_OTHER;
        int loss = 0;
        for (size_t y = sb; y < se; y++)
            if (starts(&v[y], "loss"))
                loss = 1;
        if (F->met == TF_METRIC_PL && loss && x->value > 0) {
            double lo = x->lo;
            x->value = -x->value;
            x->lo = -x->hi;
            x->hi = -lo;
        }
    } else if (F->met == TF_METRIC_PL || F->met == TF_METRIC_NONE) {
        F->met = TF_METRIC_OTHER;
    }
    F->cl.metric = F->met;
    tf_scopy(F->cl.product, sizeof F->cl.product, F->prod ? F->prod : "");
    tf_scopy(F->cl.unit, sizeof F->cl.unit,
             x->unit == U_USD ? "USD" : x->unit == U_CNY_T ? "CNY/t" : "t");
    if (F->partner)
        tf_scopy(F->cl.partner, sizeof F->cl.partner, F->partner);
    return 0;
}

/* Whether the period expression at token p labels a comparison base just before it
 * ("from 24,100 t in February", "against 3,969 t in May"). */
static int base_label(const sent *S, size_t p)
{
    const tok *v = S->v;
    size_t lo = 0, hi = S->nq; /* the figures are in token order: the first ending near p */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S->q[mid].j + 2 < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t w = lo; w < S->nq && S->q[w].j <= p; w++) {
        const qfig *b = &S->q[w];
        if (b->j > p || b->i <= S->sb || p > b->j + 2)
            continue;
        int linked = 1;
        for (size_t y = b->j; y < p; y++)
            if (!is_w(&v[y], "in") && !is_w(&v[y], "of") && !is_w(&v[y], "the"))
                linked = 0;
        const tok *f = &v[b->i - 1];
        if (linked && (is_w(f, "from") || is_w(f, "than") || is_w(f, "against") ||
                       is_w(f, "versus") || is_w(f, "vs") || is_w(f, "with")))
            return 1;
    }
    return 0;
}

/* The period of the figure: the first expression after it in its clause, else the last before.
 * 0, 1 when the figure makes no claim, -1 out of memory. */
/* "April brought 250,500 t, May 223,200 t", "41.9 kt and the March 2024 one 35.2 kt": period
 * p after figure x, after a comma or "and" and at most three words before the next figure
 * (at ce), heads that figure's item. */
static int heads_next_item(const sent *S, const qfig *x, const pexpr *p, size_t ce)
{
    const tok *v = S->v;
    if (ce >= S->se || p->i <= x->j || p->j > ce || p->j + 3 < ce)
        return 0;
    for (size_t y = p->j; y < ce; y++)
        if (v[y].k != K_WORD || is_w(&v[y], "and") || is_w(&v[y], "from") ||
            is_w(&v[y], "than") || is_w(&v[y], "to"))
            return 0;
    size_t b = p->i;
    /* "…, and in June 2024 9.20 million t" */
    if (b > x->j && (is_w(&v[b - 1], "the") || is_w(&v[b - 1], "in") || is_w(&v[b - 1], "for")))
        b--;
    return b > x->j && (is_s(&v[b - 1], ',') || is_w(&v[b - 1], "and"));
}

static int fig_period(sent *S, fig *F)
{
    const tok *v = S->v;
    const size_t sb = S->sb;
    pfig *pc = S->pc;
    pexpr *pe = S->pe;
    qfig *x = F->x;
    const size_t z = F->z;
    /* period: the first expression after the figure in its clause, else the last before */
    for (size_t k = 0; k < S->npe; k++)
        if (pe[k].i >= x->j && pe[k].i < F->ce && pe[k].i <= x->j + 20 && pe[k].rel == P_ABS) {
            int blocked = 0;
            for (size_t y = x->j; y < pe[k].i; y++)
                if (v[y].k == K_PCT || is_s(&v[y], ';'))
                    blocked = 1;
            for (size_t y = 0; y < S->np; y++)
                if (pc[y].i >= x->j && pc[y].i < pe[k].i)
                    blocked = 1;
            /* "100.88 Mt, of which January-November 93.43 Mt": the part's period */
            for (size_t y = x->j; y + 1 < pe[k].i; y++)
                if ((is_w(&v[y], "of") || is_w(&v[y], "among")) && is_w(&v[y + 1], "which"))
                    blocked = 1;
            /* "from September", "than a year earlier": a comparison, not the period */
            for (size_t y = pe[k].i; y > x->j && y + 3 > pe[k].i; y--)
                if (is_w(&v[y - 1], "since") || is_w(&v[y - 1], "until") ||
                    is_w(&v[y - 1], "before") || is_w(&v[y - 1], "after"))
                    blocked = 1;
            if (pe[k].i > 0 && pe[k].from == pe[k].to && (is_w(&v[pe[k].i - 1], "from") || is_w(&v[pe[k].i - 1], "than") ||
                                is_w(&v[pe[k].i - 1], "with") || is_w(&v[pe[k].i - 1], "over") ||
                                is_w(&v[pe[k].i - 1], "vs") || is_w(&v[pe[k].i - 1], "versus")))
                blocked = 1; /* "185.2 kt vs Sep: 193.1 kt": the base's month */
            /* "27.64 Mt, up from 25.11 Mt at end-October": the label of the base between */
            for (size_t y = 0; y < S->nq; y++)
                if (S->q[y].i > x->j && S->q[y].j <= pe[k].i &&
                    (is_w(&v[S->q[y].i - 1], "from") || is_w(&v[S->q[y].i - 1], "vs") ||
                     is_w(&v[S->q[y].i - 1], "versus") || is_w(&v[S->q[y].i - 1], "against")))
                    blocked = 1;
            /* "April brought 250,500 t, May 223,200 t": a period right before the next
             * figure, after a comma or "and", heads the next item */
            if (heads_next_item(S, x, &pe[k], F->ce))
                blocked = 1;
            /* a share's label is not the figure's period */
            for (size_t y = 0; y < S->np; y++)
                if (pc[y].share && pc[y].share_labelled && pc[y].share_of.i == pe[k].i)
                    blocked = 1;
            if (!blocked)
                F->chosen = &pe[k];
            break;
        }
    if (!F->chosen)
        for (size_t k = S->npe; k > 0; k--) {
            if (pe[k - 1].j > x->i)
                continue;
            /* "climbing 54.6% from March to 13,700 t": March is the comparison; so is
             * "above the March level" (the cheap tests first: a table's sentence has
             * thousands of them) */
            size_t at = pe[k - 1].i;
            if (at > sb + 1 && is_w(&v[at - 1], "the") &&
                (is_w(&v[at - 2], "above") || is_w(&v[at - 2], "below") ||
                 is_w(&v[at - 2], "than") || is_w(&v[at - 2], "from")))
                continue;
            if (at > sb && pe[k - 1].from == pe[k - 1].to && pe[k - 1].rel == P_ABS &&
                (is_w(&v[at - 1], "from") || is_w(&v[at - 1], "than") ||
                 is_w(&v[at - 1], "since") || (is_w(&v[at - 1], "with") && at > sb + 1 &&
                                               is_w(&v[at - 2], "compared"))))
                continue;
            /* "fell to 21,300 t from 24,100 t in February, and imports of alumina reached
             * 160,000 t": February labels the base, not the later figures */
            if (base_label(S, pe[k - 1].i))
                continue;
            int is_label = 0;
            for (size_t y = 0; y < S->np && !is_label; y++)
                is_label = pc[y].share && pc[y].share_labelled && pc[y].share_of.i == at;
            if (is_label)
                continue;
            F->chosen = &pe[k - 1];
            break;
        }
    for (size_t y = 0; y < S->np; y++)
        /* "0.93 million t, or 35.6% of the June total": the label after the figure is its
         * period where the clause names none */
        if (pc[y].share && pc[y].target == (int)z && (pc[y].j <= x->i || !F->chosen) &&
            pc[y].share_labelled && pc[y].share_of.rel == P_ABS && pc[y].share_of.from >= 0 &&
            !(F->chosen && F->chosen->i >= x->j)) {
            F->lab = pc[y].share_of;
            F->chosen = &F->lab;
        }
    return 0;
}

/* 1 when a bracket opens in v[b..i) and does not close before i. */
static int in_brackets(const tok *v, size_t b, size_t i)
{
    int open = 0;
    for (size_t y = b; y < i; y++)
        open = is_s(&v[y], '(') ? 1 : is_s(&v[y], ')') ? 0 : open;
    return open;
}

/* A period told by its relation to the note's figure that labels this one: "A year
 * earlier the country brought in 10.77 million t" (the sentence opens with it), "2.9%
 * more than a year earlier, when they came to 46.80 million t" (a "when" clause after it).
 * 1 when F->chosen is such a label. */
static int relative_label(const sent *S, const fig *F)
{
    const tok *v = S->v;
    const pexpr *p = F->chosen;
    if (!p || (p->rel != P_YEAR_AGO && p->rel != P_MONTH_AGO) || p->j > F->x->i ||
        !S->c->has_period)
        return 0;
    if (p->i == S->sb || (p->i == S->sb + 1 && is_w(&v[S->sb], "a")))
        return 1;
    for (size_t y = p->j; y < F->x->i; y++)
        if (is_w(&v[y], "when"))
            return 1;
    return 0;
}

/* "against 16.22 million t in the first" after a figure of the second quarter (or half):
 * the quarter (half) of the same year named by the ordinal alone. 1 when read. */
static int ordinal_base(const sent *S, const fig *F, tf_span_period cur, tf_span_period *out)
{
    static const char *const ord[] = {"first", "second", "third", "fourth", NULL};
    const tok *v = S->v;
    size_t j = F->x->j;
    int len = cur.to - cur.from + 1;
    if (j + 2 >= S->se || !is_w(&v[j], "in") || !is_w(&v[j + 1], "the") || (len != 3 && len != 6))
        return 0;
    for (int q = 0; ord[q]; q++)
        if (is_w(&v[j + 2], ord[q]) && (q + 1) * len <= 12 &&
            !(j + 3 < S->se && v[j + 3].k == K_WORD && !is_w(&v[j + 3], "and") &&
              !is_w(&v[j + 3], "but"))) {
            out->from = tf_mi_year(cur.to) * 12 + q * len;
            out->to = out->from + len - 1;
            return 1;
        }
    return 0;
}

/* "a MoM drop of 8.0% from 517,600 t": a base with no period of its own after a change
 * told as month on month in its clause is the month before's. 1 when so. */
static int base_month_ago(const sent *S, const fig *F)
{
    for (size_t k = 0; k < S->np; k++)
        if (S->pc[k].i >= F->cb && S->pc[k].j <= F->x->i && !S->pc[k].share)
            return S->pc[k].basis == 1 && !S->pc[k].base_month1;
    /* "slipping 6.3% month on month to 128.5 kt from 137.1 kt": the change of the figure
     * the base is compared with */
    for (size_t k = 0; F->z > 0 && k < S->np; k++)
        if (S->pc[k].target == (int)F->z - 1 && !S->pc[k].share && S->pc[k].j <= F->x->i)
            return S->pc[k].basis == 1 && !S->pc[k].base_month1;
    return 0;
}

/* "Argentine cargoes rose to 1.05 Mt from 0.56 Mt in July, while US ones fell to 0.23 Mt
 * from 0.42 Mt, a 45% decline": a base with no label of its own and no change of a known
 * basis near it compares as the sentence's base before it did: P_MONTH_AGO, P_YEAR_AGO, or
 * 0 when no earlier base of the sentence tells. */
static int parallel_base_rel(const sent *S, const fig *F)
{
    for (size_t k = 0; k < S->np; k++)
        if (S->pc[k].i + 3 >= F->base_at && S->pc[k].i <= F->x->j + 12 && !S->pc[k].share &&
            (S->pc[k].basis || S->pc[k].base_month1))
            return 0;
    for (size_t k = F->z; k-- > 0;) {
        const qfig *b = &S->q[k];
        if (!b->base || b->base_of == (size_t)-1 || S->made[k] == (size_t)-1)
            continue;
        const tf_claim *o = &S->c->a->claims[b->base_of], *bc = &S->c->a->claims[S->made[k]];
        int d = o->period.to - bc->period.to;
        return d == 1 ? P_MONTH_AGO : d == 12 ? P_YEAR_AGO : 0;
    }
    return 0;
}

/* "452.3 kt in October, up 12.4% month on month from 402.4 kt in October": a figure's base
 * (period bp, its month label the tokens of rp) named in the sentence as the figure's own
 * month or a later one, or, against a change on the month before, neither the month before
 * nor the same month a year before: one of the two labels is a slip (wrong-month-label on
 * the base's, the month before the figure's proposed). 0, or -1 when out of memory. */
static int base_label_slip(sent *S, const fig *F, const tf_claim *prev, const pexpr *rp,
                           tf_span_period bp)
{
    ctx *c = S->c;
    const tok *v = S->v;
    int here = prev->period_end > 0 && prev->period_start >= v[S->sb].b;
    if (!here || rp->rel != P_ABS || rp->from < 0 || bp.from != bp.to ||
        prev->period.from != prev->period.to || rp->i < F->base_at)
        return 0;
    int d = prev->period.from - bp.from, mom = base_month_ago(S, F);
    if (d > 0 && !(mom && d != 1 && d != 12))
        return 0;
    const tf_span_period pp = prev->period; /* prev moves when a claim is added */
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = bp;
    make_stated(c, v, rp->i, rp->j, 0, 0, 0, &cl.quantity);
    cl.sent_start = v[S->sb].b;
    cl.sent_end = v[S->se - 1].e;
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "wrong-month-label", "label", &f))
        return -1;
    f.start = tf_note_char_offset(c->nt, v[rp->i].b);
    f.end = tf_note_char_offset(c->nt, v[rp->j - 1].e);
    f.confidence = 0.7;
    tf_span_period want = {pp.from - 1, pp.from - 1};
    char fw[48], bw[48];
    tf_period_words(pp, fw, sizeof fw);
    tf_period_words(bp, bw, sizeof bw);
    tf_period_words(want, f.proposed_text, sizeof f.proposed_text);
    tf_fmt(f.equation, sizeof f.equation, "a figure of %s compared with %s: %s", fw, bw,
           d == 0 ? "a month with itself" : d < 0 ? "a later month" : "not the month before");
    tf_fmt(f.evidence, sizeof f.evidence,
           "the base a figure is compared with comes before it (the month before for a "
           "change on the month); likely %s", f.proposed_text);
    return tf_audit_add_finding(c->a, &f);
}

/* The share waiting for claim cl (share_pending) given to it. */
static void pending_share_for(ctx *c, tf_claim *cl)
{
    tf_claim *p = &c->pend_share;
    if (!p->share.has || cl->share.has || !cl->quantity.has || cl->metric != p->metric ||
        strcmp(cl->partner, p->partner) || strcmp(cl->product, p->product) ||
        cl->period.from != p->period.from || cl->period.to != p->period.to)
        return;
    cl->share = p->share;
    cl->share_of = cl->period;
    p->share.has = 0;
}

/* Phase of fig_make: a base figure's product, partner, metric and period, from the claim
 * it is the base of and the period words around it. 0, or -1 out of memory. */
/* "Volume fell 6.2% from 321 kt …, while value slipped 2.0% from $2.98 bn": a base in
 * dollars is the base of the last dollar figure, one in tonnes of the last tonnage. The
 * claim a base of figure x is the base of, given the one the sentence points to (prev_i). */
static size_t base_same_unit(const ctx *c, const qfig *x, size_t prev_i)
{
    const char *want = x->unit == U_USD ? "USD" : x->unit == U_T ? "t" : NULL;
    if (!want || !strcmp(c->a->claims[prev_i].unit, want))
        return prev_i;
    for (size_t i = c->a->n_claims; i-- > 0;) {
        const tf_claim *o = &c->a->claims[i];
        if (o->note != c->note)
            break;
        if (!strcmp(o->unit, want) && !strcmp(o->product, c->a->claims[prev_i].product) &&
            o->quantity.has && o->base_direction == 0 && o->metric != TF_METRIC_OTHER)
            return i;
    }
    return prev_i;
}

static int fig_base_period(sent *S, fig *F)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb;
    pexpr *pe = S->pe;
    size_t *made = S->made;
    qfig *x = F->x;
    const size_t z = F->z;
    size_t prev_i = F->is_base != 2 ? made[z - 1] : F->base_claim1 ? F->base_claim1 - 1
                    : F->level_base ? c->last_level : c->last_claim;
    /* "14.3% more than the 583,000 t of Q1 and 33.8% above Q2 2024 (497,650 t)": a
     * base after another base compares the same level */
    if (F->is_base == 1 && S->q[z - 1].base && S->q[z - 1].base_of != (size_t)-1)
        prev_i = S->q[z - 1].base_of;
    /* "…, whereas the ore's imports were 8.8% above July 2024's 16.00 million t": the
     * change between the figure before and the base names whose base it is */
    for (size_t k = S->np; F->is_base == 1 && k > 0; k--) {
        const pfig *p = &S->pc[k - 1];
        if (p->j > x->i || p->i < S->q[z - 1].j)
            continue;
        if (p->target >= 0 && (size_t)p->target + 1 < z && made[p->target] != (size_t)-1)
            prev_i = made[p->target];
        break;
    }
    size_t unit_i = base_same_unit(c, x, prev_i);
    if (F->is_base == 2 || unit_i != prev_i)
        F->base_claim1 = unit_i + 1;
    prev_i = unit_i;
    const tf_claim *prev = &c->a->claims[prev_i];
    /* "up from 9.04 million t", "down from 1,814,000 t": which way the figure went */
    if (F->base_at > sb && is_w(&v[F->base_at], "from") && dir_word(&v[F->base_at - 1]) &&
        !is_w(&v[F->base_at - 1], "more") && !is_w(&v[F->base_at - 1], "less")) {
        F->cl.base_direction = dir_word(&v[F->base_at - 1]);
        F->cl.base_of = prev_i;
    }
    F->cl.metric = prev->metric;
    tf_scopy(F->cl.product, sizeof F->cl.product, prev->product);
    tf_scopy(F->cl.partner, sizeof F->cl.partner, prev->partner);
    pexpr dflt;
    memset(&dflt, 0, sizeof dflt);
    dflt.rel = base_month_ago(S, F) ? P_MONTH_AGO : P_YEAR_AGO;
    const pexpr *rp = F->chosen && F->chosen->i >= x->j && F->chosen->rel != P_SAME ? F->chosen : &dflt;
    if (rp == &dflt && parallel_base_rel(S, F))
        dflt.rel = parallel_base_rel(S, F);
    /* "from April's 11.13 million tonnes": the month between */
    for (size_t y = 0; y < S->npe; y++)
        if (pe[y].i > F->base_at && pe[y].j <= x->i && pe[y].rel == P_ABS)
            rp = &pe[y];
    int prev_full = prev->period.to - prev->period.from == 11 &&
                    tf_mi_month(prev->period.from) == 1;
    if (ordinal_base(S, F, prev->period, &F->cl.period)) {
        /* the quarter or half the ordinal names */
    } else if (rp->rel == P_ABS && rp->from >= 0 && rp->to - rp->from == 11 &&
        tf_mi_month(rp->from) == 1 && !prev_full) {
        /* "to 1,305,000 t in January-April, down from 1,450,000 t in 2015": the
         * same months of the year named */
        int shift = (tf_mi_year(prev->period.to) - tf_mi_year(rp->from)) * 12;
        F->cl.period.from = prev->period.from - shift;
        F->cl.period.to = prev->period.to - shift;
    } else if (rp->rel == P_ABS && rp->from >= 0) {
        F->cl.period.from = rp->from;
        F->cl.period.to = rp->to;
    } else {
        F->cl.period = rel_period(prev->period, rp);
    }
    F->cl.period_named = 1;
    return base_label_slip(S, F, prev, rp, F->cl.period) ? -1 : 0;
}

/* The claim itself (a base figure gets the base period), added to the audit. 0, 1 when the
 * figure makes no claim, -1 out of memory. */
static int fig_make(sent *S, fig *F)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    size_t *made = S->made;
    qfig *x = F->x;
    const size_t z = F->z;
    if (F->is_base) {
        if (fig_base_period(S, F))
            return -1;
    } else if (F->chosen && F->chosen->rel == P_ABS && F->chosen->from >= 0) {
        F->cl.period.from = F->chosen->from;
        F->cl.period.to = F->chosen->to;
        F->cl.period_named = 1;
        F->cl.year_named = F->chosen->explicit_year != 0;
        F->cl.period_start = v[F->chosen->i].b;
        F->cl.period_end = v[F->chosen->j - 1].e;
    } else if (relative_label(S, F)) {
        F->cl.period = rel_period(c->period, F->chosen);
        F->cl.period_named = 1;
    } else if (F->chosen && (F->chosen->rel == P_SAME || F->chosen->rel == P_YTD ||
                          F->chosen->rel == P_FULL_YEAR) &&
               c->last_claim != (size_t)-1) {
        /* "Year to date …" after a base of a year before: the note's year, not the base's */
        /* "over the same period": the last level's, not the base compared with after it */
        size_t same = c->last_level != (size_t)-1 ? c->last_level : c->last_claim;
        F->cl.period = rel_period(F->chosen->rel != P_SAME && c->has_period
                                      ? c->period : c->a->claims[same].period,
                                  F->chosen);
        F->cl.period_named = F->chosen->rel != P_SAME || c->a->claims[same].period_named;
    } else if (c->has_period) {
        F->cl.period = c->period;
        F->cl.period_named = c->period_named;
        F->cl.year_named = c->year_named;
        F->cl.period_start = c->period_b;
        F->cl.period_end = c->period_e;
    } else if (c->ref >= 0) {
        F->cl.period.from = F->cl.period.to = c->ref;
    } else {
        return 1;
    }
    make_stated(c, v, x->i, x->j, x->value, x->lo, x->hi, &F->cl.quantity);
    F->cl.sent_start = v[sb].b;
    F->cl.sent_end = v[se - 1].e;
    size_t idx = tf_audit_add_claim(c->a, &F->cl);
    if (idx == (size_t)-1)
        return -1;
    made[z] = idx;
    pending_share_for(c, &c->a->claims[idx]);
    x->base = F->is_base != 0;
    x->base_of = !F->is_base ? (size_t)-1
               : F->base_claim1 ? F->base_claim1 - 1
               : F->is_base == 2 ? (F->level_base ? c->last_level : c->last_claim)
               : S->q[z - 1].base && S->q[z - 1].base_of != (size_t)-1 ? S->q[z - 1].base_of
                                                                       : made[z - 1];
    c->last_claim = idx;
    if (!F->is_base)
        c->last_level = idx;
    /* "…totalled 833.5 kt; the first quarter had contributed 583.0 kt": a part of the
     * sentence's period told after it does not carry on */
    int part = z > 0 && made[z - 1] != (size_t)-1 && c->has_period &&
               F->cl.period.from == c->period.from && F->cl.period.to < c->period.to;
    /* "7.45 Mt, +6.9% m/m (November: 6.97 Mt)": a bracketed comparison stays there */
    part |= z > 0 && made[z - 1] != (size_t)-1 && in_brackets(v, F->cb, x->i);
    /* "The February figure was 41.9 kt and the March 2024 one 35.2 kt": the figures the
     * note's month is compared with do not carry their months on */
    part |= c->has_period && c->period_named && F->cl.period.to - F->cl.period.from ==
            c->period.to - c->period.from && (F->cl.period.to == c->period.to - 1 ||
                                              F->cl.period.to == c->period.to - 12);
    if (!F->is_base && !part) {
        c->period = F->cl.period;
        c->has_period = 1;
        c->period_named = F->cl.period_named;
        c->year_named = F->cl.year_named;
        c->period_b = c->period_e = 0;
    }
    return 0;
}

/* Phase of do_sentence: a claim for each quantity (fig_* below, in order). 0, or -1 when out of
 * memory. */
static int sent_claims(sent *S)
{
    for (size_t z = 0; z < S->nq; z++)
        S->made[z] = (size_t)-1;
    int (*const steps[])(sent *, fig *) = {fig_base, fig_metric_product, fig_partner, fig_partner_context, fig_unit, fig_period, fig_make};
    for (size_t z = 0; z < S->nq; z++) {
        fig F;
        memset(&F, 0, sizeof F);
        F.x = &S->q[z];
        F.z = z;
        F.gen = 1;
        F.cb = z ? S->q[z - 1].j : S->sb;
        F.ce = z + 1 < S->nq ? S->q[z + 1].i : S->se;
        if (F.x->unit == U_OTHER_PRICE)
            continue;
        F.cl.note = S->c->note;
        tf_scopy(F.cl.partner, sizeof F.cl.partner, "WLD");
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            int r = steps[k](S, &F);
            if (r < 0)
                return -1;
            if (r)
                break;
        }
    }
    return 0;
}

/* Phase of do_sentence: The percentages attached to the claims they qualify. 0, or -1 when out
 * of memory. */
/* A change in a sentence with no figure ("Exports of aluminium alloy were down 11.6% on the
 * month"): the claim of this note stated before with the metric, product and partner the
 * sentence names, of the period it names or else the latest such period; (size_t)-1 when
 * none or when the sentence speaks of values. */
static size_t stated_before(const sent *S, const pfig *x)
{
    const ctx *c = S->c;
    const tok *v = S->v;
    tf_metric met = TF_METRIC_NONE;
    for (size_t k = 0; k < S->nmw && S->mw[k].i < x->i; k++)
        if (S->mw[k].m != TF_METRIC_NONE)
            met = S->mw[k].m; /* the flow named last before the change */
    if (met != TF_METRIC_IMPORT && met != TF_METRIC_EXPORT && met != TF_METRIC_NET_IMPORT)
        return (size_t)-1;
    for (size_t y = S->sb; y < S->se; y++)
        if (is_w(&v[y], "value") || is_w(&v[y], "worth") || is_s(&v[y], '$') ||
            is_w(&v[y], "price") || is_w(&v[y], "prices"))
            return (size_t)-1;
    const char *prod = S->nprods ? S->sa->prods[0].key : c->product[0] ? c->product : NULL;
    const char *partner = "WLD";
    for (size_t y = 0; y < S->nparts; y++)
        if (S->parts[y].from)
            partner = S->parts[y].iso3;
    const pexpr *named = NULL;
    for (size_t k = 0; k < S->npe && !named; k++)
        if (S->pe[k].rel == P_ABS && S->pe[k].from >= 0 &&
            !(S->pe[k].i > S->sb && (is_w(&v[S->pe[k].i - 1], "from") ||
                                     is_w(&v[S->pe[k].i - 1], "than"))) &&
            !(S->pe[k].i > S->sb + 1 && is_w(&v[S->pe[k].i - 1], "in") &&
              is_w(&v[S->pe[k].i - 2], "than")))
            named = &S->pe[k];
    size_t best = (size_t)-1;
    for (size_t k = c->a->n_claims; k > 0; k--) {
        const tf_claim *cl = &c->a->claims[k - 1];
        if (cl->note != c->note)
            break;
        if (cl->metric != met || !prod || strcmp(cl->product, prod) ||
            strcmp(cl->partner, partner) || !cl->period_named)
            continue;
        if (named ? cl->period.from == named->from && cl->period.to == named->to
                  : best == (size_t)-1 || cl->period.to >= c->a->claims[best].period.to)
            best = k - 1;
    }
    return best;
}

/* "Exports amounted to 13.7 kt, 52.2 per cent above the March level" after a sentence on
 * the first quarter: a change on the month before is a single month's, so a claim whose
 * period was carried from a sentence before as a range from January becomes the range's
 * last month (the one after the month compared with, where one is named). 1 when done. */
static int mom_of_carried_range(sent *S, const pfig *x, tf_claim *cl)
{
    int named_here = cl->period_end > 0 && cl->period_start >= S->v[S->sb].b;
    int m = x->base_month1; /* the month after the month compared with */
    if (named_here || x->basis != 1 || (m && (m < S->c->ref - 3 || m > S->c->ref)))
        return 0;
    if (!m && (cl->period.from == cl->period.to || tf_mi_month(cl->period.from) != 1))
        return 0;
    int target = m ? m : cl->period.to;
    if (cl->period.from == target && cl->period.to == target)
        return 0;
    tf_span_period old = cl->period;
    cl->period.from = cl->period.to = target;
    /* a share read before the change ("26.1% of the total, up 7.6% from October") was
     * given the carried range's total: it is of the month's */
    if (cl->share.has && !cl->share_labelled && cl->share_of.from == old.from &&
        cl->share_of.to == old.to)
        cl->share_of = cl->period;
    /* the sentence's other figures that carried the same period go with it */
    for (size_t z = 0; z < S->nq; z++) {
        tf_claim *o = S->made[z] == (size_t)-1 ? NULL : &S->c->a->claims[S->made[z]];
        if (o && o != cl && !S->q[z].base && o->period.from == old.from &&
            o->period.to == old.to && !(o->period_end > 0 && o->period_start >= S->v[S->sb].b))
            o->period = cl->period;
        /* "… to 128.5 kt from 137.1 kt": its base, a month before the range, is the
         * month before the month */
        if (o && S->q[z].base && S->q[z].base_of != (size_t)-1 &&
            &S->c->a->claims[S->q[z].base_of] == cl && o->period.from == old.from - 1 &&
            o->period.to == old.to - 1)
            o->period.from = o->period.to = target - 1;
    }
    S->c->period = cl->period;
    return 1;
}

/* "…, while imports slid 31.8%": a flow word other than the claim's between the claim's
 * figure and the change (in the sentence) names the change's own flow. */
static int metric_between(const sent *S, const pfig *x, const tf_claim *cl)
{
    const tok *v = S->v;
    if (cl->sent_start != v[S->sb].b || (cl->metric != TF_METRIC_IMPORT &&
                                          cl->metric != TF_METRIC_EXPORT))
        return 0;
    for (size_t k = 0; k < S->nmw; k++) {
        size_t i = S->mw[k].i;
        if (i >= x->i || i + 4 < x->i || i < S->sb + 2 || cl->quantity.end > v[i].b ||
            (S->mw[k].m != TF_METRIC_IMPORT && S->mw[k].m != TF_METRIC_EXPORT) ||
            S->mw[k].m == cl->metric)
            continue;
        /* a clause of its own: "while", "but", "and" or a comma right before the flow */
        if (is_w(&v[i - 1], "while") || is_w(&v[i - 1], "but") || is_w(&v[i - 1], "and") ||
            is_w(&v[i - 1], "whereas") || is_s(&v[i - 1], ',') || is_s(&v[i - 1], ';'))
            return 1;
    }
    return 0;
}

/* "Exports were 12.4% higher than in June, when 165,900 t left the country": the change's
 * target is its own base (the month compared with), so the change is the level's stated in
 * a sentence before; (size_t)-1 when the target is not such a base. */
static size_t level_stated_before(const sent *S, const pfig *x, const tf_claim *cl)
{
    if (!cl || !x->base_month1 || cl->period.from != cl->period.to ||
        cl->period.to != x->base_month1 - 1)
        return (size_t)-1;
    size_t ci = stated_before(S, x);
    return ci != (size_t)-1 && &S->c->a->claims[ci] != cl ? ci : (size_t)-1;
}

/* "June arrivals of 12.21 million t fell 11.1% from May's 13.74 million t but were 10.7%
 * above June 2024": the claim of the sentence whose month is a year (or, for a single
 * month, one month) after the month compared with; (size_t)-1 when none. */
static size_t claim_of_base_month(const sent *S, const pfig *x)
{
    for (size_t z = 0; z < S->nq; z++) {
        if (S->made[z] == (size_t)-1 || S->q[z].i > x->i)
            continue;
        const tf_claim *cl = &S->c->a->claims[S->made[z]];
        int d = cl->period.to - (x->base_month1 - 1);
        if (cl->metric != TF_METRIC_OTHER && (d == 12 || (d == 1 && cl->period.from == cl->period.to)))
            return S->made[z];
    }
    return (size_t)-1;
}

/* The claim percentage k of the sentence qualifies: its target figure (the level where the
 * target is a base), the previous sentence's last claim, a claim stated before, or the k-th
 * claim for the k-th share of a "respectively" list; (size_t)-1 when none. */
static size_t attach_claim(sent *S, size_t k)
{
    ctx *c = S->c;
    qfig *q = S->q;
    pfig *pc = S->pc;
    size_t *made = S->made;
    pfig *x = &pc[k];
    size_t ci = (size_t)-1;
        size_t tg = x->target >= 0 ? (size_t)x->target : S->nq;
        while (tg + 1 < S->nq && q[tg].diff) /* "12%, by 250,000 t, to 2.40 million t" */
            tg++;
        /* "… against 16.22 million t in the first, and was up 8.4% on April-June 2024": a
         * change after a base is the level's */
        while (x->target >= 0 && tg > 0 && tg < S->nq && q[tg].base &&
               q[tg].i < x->i && made[tg - 1] != (size_t)-1)
            tg--;
        /* "up 3.2% from August's 11.76 million t": the level's; "Compared with October
         * last year, when 381.6 kt arrived, receipts were 18.5% higher": the level's told
         * before the sentence */
        if (x->target >= 0 && tg < S->nq && q[tg].base && !x->share &&
            q[tg].base_of != (size_t)-1 &&
            (q[tg].i > x->i || tg == 0 || made[tg - 1] == (size_t)-1))
            ci = q[tg].base_of;
        else if (x->target >= 0)
            ci = made[tg];
        else if (x->prev_claim && c->last_claim != (size_t)-1 && c->last_claim_sentence_end)
            ci = c->last_claim;
        else if (!S->nq && !x->share)
            ci = stated_before(S, x);
        if (S->respectively && x->share) {
            /* k-th share of the sentence to the k-th claim */
            size_t nth = 0;
            for (size_t y = 0; y < k; y++)
                if (pc[y].share)
                    nth++;
            size_t seen = 0;
            for (size_t z = 0; z < S->nq; z++)
                if (made[z] != (size_t)-1) {
                    if (seen == nth) {
                        ci = made[z];
                        break;
                    }
                    seen++;
                }
        }
    return ci;
}

/* "1,249,100 t …, as the weak first quarter (down 19.2% year on year) was made up": a
 * period named in a clause of its own between the last figure and change x is the
 * change's. The claim of that period stated before with claim ci's metric, product and
 * partner; ci when the clause names no other period; (size_t)-1 when none was stated. */
static size_t clause_period_claim(const sent *S, const pfig *x, size_t ci)
{
    static const char *const cmp[] = {"from", "than", "since", "above", "below", "over",
                                      "on", "against", "versus", "with", "to", NULL};
    const tok *v = S->v;
    size_t qe = S->sb;
    for (size_t z = 0; z < S->nq; z++)
        if (S->q[z].j <= x->i && S->q[z].j > qe)
            qe = S->q[z].j;
    const pexpr *own = NULL;
    for (size_t k = 0; k < S->npe; k++) {
        const pexpr *p = &S->pe[k];
        if (p->rel != P_ABS || p->from < 0 || p->i < qe + 2 || p->j > x->i ||
            (p->i > S->sb && word_in(&v[p->i - 1], cmp)) ||
            /* "8.1% more than in October and 4.5% …": another change's base */
            (p->i > S->sb + 1 && (is_w(&v[p->i - 1], "in") || is_w(&v[p->i - 1], "the")) &&
             word_in(&v[p->i - 2], cmp)))
            continue;
        for (size_t y = qe; y < p->i; y++)
            if (is_s(&v[y], ',') || is_s(&v[y], '(') || is_w(&v[y], "as") || is_w(&v[y], "while"))
                own = p;
    }
    const tf_claim *cl = &S->c->a->claims[ci];
    if (!own || (cl->period.from == own->from && cl->period.to == own->to))
        return ci;
    for (size_t k = S->c->a->n_claims; k > 0; k--) {
        const tf_claim *o = &S->c->a->claims[k - 1];
        if (o->note == cl->note && o->metric == cl->metric && !strcmp(o->product, cl->product) &&
            !strcmp(o->partner, cl->partner) && o->period.from == own->from &&
            o->period.to == own->to)
            return k - 1;
    }
    return (size_t)-1;
}

/* "Total exports were US$6.71 billion, of which China took 79.3%. Shipments to China were
 * US$5.32 billion.": the share of partner iso in total w, kept for the partner's figure of
 * the same metric, product and period when it comes (pending_share_for). */
static void share_pending(sent *S, const pfig *x, const tf_claim *w, const char *iso)
{
    ctx *c = S->c;
    tf_claim *p = &c->pend_share;
    memset(p, 0, sizeof *p);
    p->metric = w->metric;
    p->period = w->period;
    tf_scopy(p->product, sizeof p->product, w->product);
    tf_scopy(p->partner, sizeof p->partner, iso);
    make_stated(c, S->v, x->i, x->j, x->value, x->lo, x->hi, &p->share);
}

/* "Total exports were US$6.71 billion, of which China took 79.3%": a share given to a
 * total (claim ci) with a partner named between them is the partner's share of it, held
 * by the partner's claim of the same metric, product and period stated before. That
 * claim, ci when the share is no partner's, (size_t)-1 when the partner has no figure. */
static size_t share_of_partner_named(sent *S, const pfig *x, size_t ci)
{
    const tf_claim *w = &S->c->a->claims[ci];
    if (strcmp(w->partner, "WLD") || x->target < 0)
        return ci;
    const qfig *t = &S->q[x->target];
    const char *iso = NULL;
    for (size_t y = 0; y < S->nparts; y++) {
        const pm *p = &S->parts[y];
        if (p->i >= t->j && p->j <= x->i && strcmp(p->iso3, reporter_of(S->c)))
            iso = iso ? "" : p->iso3; /* two partners: neither */
    }
    if (!iso)
        return ci;
    for (size_t k = S->c->a->n_claims; iso[0] && k > 0; k--) {
        const tf_claim *o = &S->c->a->claims[k - 1];
        if (o->note != w->note)
            break;
        if (!strcmp(o->partner, iso) && o->metric == w->metric &&
            !strcmp(o->product, w->product) && o->period.from == w->period.from &&
            o->period.to == w->period.to && o->quantity.has && !o->share.has)
            return k - 1;
    }
    if (iso[0]) /* the partner's figure may come later in the note */
        share_pending(S, x, w, iso);
    return (size_t)-1;
}

/* "a rise of 2.5% from 1,219,046 t in H1 2024": a change with no basis word, right before
 * the base of claim ci, is its YoY when the base is the same months a year before, its
 * MoM when the month before. The stated figure to fill, or NULL. */
static tf_stated *basis_of_base(const sent *S, const pfig *x, size_t ci)
{
    tf_claim *cl = &S->c->a->claims[ci];
    for (size_t n = 0; n < 2 * S->nq; n++) {
        size_t z = n % S->nq, pass = n / S->nq;
        const qfig *b = &S->q[z];
        /* the base right after the change, or (", when 381.6 kt arrived, receipts were
         * 18.5% higher") a few words before it: one after first */
        int after = b->i >= x->j && b->i <= x->j + 10, before = b->j <= x->i && b->j + 8 >= x->i;
        /* "…, a rise of 3.4%, and slightly above the 11.73 Mt of August 2024": a base after
         * a comma or "and" is another comparison's */
        for (size_t y = x->j; after && y < b->i; y++)
            if (is_s(&S->v[y], ',') || is_s(&S->v[y], ';') || is_w(&S->v[y], "and"))
                after = 0;
        if (!b->base || b->base_of != ci || !(pass ? before : after) || S->made[z] == (size_t)-1)
            continue;
        const tf_claim *o = &S->c->a->claims[S->made[z]];
        int d = cl->period.to - o->period.to;
        if (cl->period.to - cl->period.from != o->period.to - o->period.from)
            return NULL;
        return d == 12 ? &cl->yoy : d == 1 && cl->period.from == cl->period.to ? &cl->mom : NULL;
    }
    return NULL;
}

static int sent_attach(sent *S)
{
    ctx *c = S->c;
    const tok *v = S->v;
    pfig *pc = S->pc;
    /* attach the percentages */
    for (size_t k = 0; k < S->np; k++) {
        pfig *x = &pc[k];
        size_t ci = attach_claim(S, k);
        if (ci != (size_t)-1 && !x->share && metric_between(S, x, &c->a->claims[ci]))
            ci = stated_before(S, x); /* "…, while imports slid 31.8% from a year earlier" */
        if (ci != (size_t)-1 && !x->share)
            ci = clause_period_claim(S, x, ci);
        if (ci != (size_t)-1 && x->share)
            ci = share_of_partner_named(S, x, ci);
        if (ci == (size_t)-1)
            continue;
        tf_claim *cl = &c->a->claims[ci];
        if (cl->metric == TF_METRIC_OTHER || cl->metric == TF_METRIC_PL)
            continue;
        tf_stated *dst = NULL;
        if (x->share)
            dst = &cl->share;
        else if (!x->basis && !x->base_month1)
            dst = basis_of_base(S, x, ci);
        else if (x->base_month1)
            dst = cl->period.to - (x->base_month1 - 1) == 12 ? &cl->yoy
                  : cl->period.to - (x->base_month1 - 1) == 1 && cl->period.from == cl->period.to
                      ? &cl->mom
                      : NULL; /* "than in August 2024" against the figure's own month */
        else if (x->basis == 1)
            dst = &cl->mom;
        else if (x->basis == 2)
            dst = &cl->yoy;
        if (!x->share && mom_of_carried_range(S, x, cl))
            dst = &cl->mom;
        if (!dst && x->base_month1 && (ci = claim_of_base_month(S, x)) != (size_t)-1) {
            cl = &c->a->claims[ci];
            dst = cl->period.to - (x->base_month1 - 1) == 12 ? &cl->yoy : &cl->mom;
        }
        if (!dst && !x->share && (ci = level_stated_before(S, x, cl)) != (size_t)-1) {
            cl = &c->a->claims[ci];
            dst = x->base_month1 ? (cl->period.to - (x->base_month1 - 1) == 12   ? &cl->yoy
                                    : cl->period.to - (x->base_month1 - 1) == 1 ? &cl->mom
                                                                                 : NULL)
                  : x->basis == 1 ? &cl->mom
                  : x->basis == 2 ? &cl->yoy
                                  : NULL;
        }
        if (!dst || dst->has)
            continue;
        double val = x->value, lo = x->lo, hi = x->hi;
        if (!x->share) {
            if (!x->dir && val >= 0)
                continue; /* a change without a direction word is not read */
            if (x->dir < 0 && val > 0) {
                double t = lo;
                val = -val;
                lo = -hi;
                hi = -t;
            }
        }
        make_stated(c, v, x->i, x->j, val, lo, hi, dst);
        if (x->fraction)
            cl->growth_fraction = 1;
        if (x->share) {
            if (x->share_labelled) {
                cl->share_labelled = 1;
                cl->label_start = v[x->share_of.i].b;
                cl->label_end = v[x->share_of.j - 1].e;
                if (x->share_of.rel == P_ABS) {
                    cl->share_of.from = x->share_of.from;
                    cl->share_of.to = x->share_of.to;
                }
                /* label named without a year: resolve against the figure's period */
                if (!x->share_of.explicit_year && x->share_of.from >= 0) {
                    int len = x->share_of.to - x->share_of.from;
                    int mo = tf_mi_month(x->share_of.to);
                    int to = resolve_month(mo, cl->period.to);
                    cl->share_of.to = to;
                    cl->share_of.from = to - len;
                }
            } else {
                cl->share_of = cl->period;
            }
        }
    }
    return 0;
}

/* The latest claim of this note with partner iso, or (size_t)-1. */
static size_t partner_claim(const ctx *c, const char *iso)
{
    /* a base told after the figure ("118,240 t, up 7.6% from 109,870 t in October"), an
     * earlier period than the partner's figure before it, is not the partner's figure */
    size_t any = (size_t)-1;
    for (size_t k = c->a->n_claims; k > 0; k--) {
        const tf_claim *o = &c->a->claims[k - 1];
        if (o->note != c->note)
            break;
        if (strcmp(o->partner, iso) || !o->quantity.has)
            continue;
        if (any == (size_t)-1)
            any = k - 1;
        int later_before = 0;
        for (size_t j = k - 1; j > 0 && !later_before; j--) {
            const tf_claim *p = &c->a->claims[j - 1];
            if (p->note != c->note)
                break;
            later_before = !strcmp(p->partner, iso) && p->quantity.has &&
                           p->metric == o->metric && p->period.to > o->period.to;
        }
        if (!later_before)
            return k - 1;
    }
    return any;
}

static int listed_members(const ctx *c, int want, int top, char *out, size_t len);

/* The members of group share x: the partners the sentence names before it ("Russia and
 * India together"), else the last N partners of the note ("the five origins together",
 * "the top three"), their codes joined by '+' into out. The number of members. */
static int group_members(const sent *S, const pfig *x, char *out, size_t len)
{
    static const char *const nouns[] = {"origins", "countries", "suppliers", "sources",
                                        "partners", "destinations", "markets", "buyers", NULL};
    const ctx *c = S->c;
    size_t lo = S->sb; /* after the percentage before: "…27.7%, and the three countries 73.8%" */
    for (size_t k = 0; k < S->np; k++)
        if (S->pc[k].j <= x->i && S->pc[k].j > lo)
            lo = S->pc[k].j;
    int n = 0, want = top_count(S->v, lo, x->i);
    /* "the three countries", "the two Asian suppliers" */
    for (size_t y = lo; !want && y + 1 < x->i; y++)
        if (S->v[y].k == K_WORD && count_word(S->v[y].w) &&
            (word_in(&S->v[y + 1], nouns) || (y + 2 < x->i && word_in(&S->v[y + 2], nouns))))
            want = count_word(S->v[y].w);
    out[0] = '\0';
    for (size_t y = 0; y < S->nparts && S->parts[y].i < x->i; y++)
        if (S->parts[y].i >= lo && strcmp(S->parts[y].iso3, reporter_of(c)) &&
            !strstr(out, S->parts[y].iso3) && strlen(out) + 5 < len) {
            tf_fmt(out + strlen(out), len - strlen(out), "%s%s", n ? "+" : "", S->parts[y].iso3);
            n++;
        }
    if (n >= 2 && (!want || want == n))
        return n;
    if (want < 2)
        return 0;
    return listed_members(c, want, top_count(S->v, lo, x->i) != 0, out, len);
}

/* Whether a claim of the note before claim `before` gives partner iso's figure of the
 * metric, product and period of claim `like`. */
static int partner_has_period(const ctx *c, size_t before, const char *iso, const tf_claim *like)
{
    for (size_t k = before; k > 0; k--) {
        const tf_claim *o = &c->a->claims[k - 1];
        if (o->note != c->note)
            return 0;
        if (!strcmp(o->partner, iso) && o->metric == like->metric &&
            !strcmp(o->product, like->product) && o->period.from == like->period.from &&
            o->period.to == like->period.to)
            return 1;
    }
    return 0;
}

/* The partners the note listed last (one metric, product and period, as the latest
 * partner claim): all of them when there are exactly want ("the five origins"), the want
 * largest for a "top" group, else none (which two are "the two Asian suppliers" the
 * figures cannot tell). Their codes joined by '+' into out; the number of members. */
static int listed_members(const ctx *c, int want, int top, char *out, size_t len)
{
    size_t idx[16];
    int n = 0;
    const tf_claim *first = NULL;
    for (size_t k = c->a->n_claims; k > 0 && n < 16; k--) {
        const tf_claim *o = &c->a->claims[k - 1];
        if (o->note != c->note)
            break;
        if (!o->quantity.has || !strcmp(o->partner, "WLD") || strchr(o->partner, ':') ||
            o->group[0])
            continue;
        if (first && (o->metric != first->metric || strcmp(o->product, first->product)))
            break;
        if (first && (o->period.from != first->period.from || o->period.to != first->period.to)) {
            if (partner_has_period(c, k - 1, o->partner, first))
                continue; /* "…118,240 t, up 7.6% from 109,870 t in October": a base */
            break;
        }
        int dup = 0;
        for (int y = 0; y < n; y++)
            dup |= !strcmp(c->a->claims[idx[y]].partner, o->partner);
        if (!dup)
            idx[n++] = k - 1, first = first ? first : o;
    }
    if (n < want || (n > want && !top))
        return 0;
    for (int a = 0; top && a < n; a++) /* largest first */
        for (int b = a + 1; b < n; b++)
            if (c->a->claims[idx[b]].quantity.value > c->a->claims[idx[a]].quantity.value) {
                size_t t = idx[a];
                idx[a] = idx[b], idx[b] = t;
            }
    out[0] = '\0';
    for (int y = 0; y < want && strlen(out) + 5 < len; y++)
        tf_fmt(out + strlen(out), len - strlen(out), "%s%s", y ? "+" : "",
               c->a->claims[idx[top ? y : want - 1 - y]].partner);
    return want;
}

/* Phase of do_sentence: a share held by several partners together becomes a claim of its
 * own (partner "GRP", tf_claim.group), checked against the sum of their figures when the
 * members' figures share one metric, product and period. 0, or -1 out of memory. */
static int sent_group_shares(sent *S)
{
    ctx *c = S->c;
    for (size_t k = 0; k < S->np; k++) {
        const pfig *x = &S->pc[k];
        char g[64];
        if (!x->group || group_members(S, x, g, sizeof g) < 2)
            continue;
        const tf_claim *m = NULL;
        int same = 1;
        for (const char *p = g; same && *p; p += p[3] ? 4 : 3) {
            char iso[4] = {p[0], p[1], p[2], 0};
            size_t ci = partner_claim(c, iso);
            const tf_claim *o = ci == (size_t)-1 ? NULL : &c->a->claims[ci];
            same = o && (!m || (o->metric == m->metric && !strcmp(o->product, m->product) &&
                                o->period.from == m->period.from && o->period.to == m->period.to));
            m = o ? o : m;
        }
        if (!same || !m)
            continue;
        tf_claim cl;
        memset(&cl, 0, sizeof cl);
        cl.note = m->note, cl.metric = m->metric, cl.period = m->period;
        cl.period_named = m->period_named, cl.share_of = m->period;
        tf_scopy(cl.product, sizeof cl.product, m->product);
        tf_scopy(cl.unit, sizeof cl.unit, m->unit);
        tf_scopy(cl.partner, sizeof cl.partner, "GRP");
        tf_scopy(cl.group, sizeof cl.group, g);
        make_stated(c, S->v, x->i, x->j, x->value, x->lo, x->hi, &cl.share);
        cl.sent_start = S->v[S->sb].b;
        cl.sent_end = S->v[S->se - 1].e;
        cl.base_of = (size_t)-1;
        if (tf_audit_add_claim(c->a, &cl) == (size_t)-1)
            return -1;
    }
    return 0;
}

/* Phase of do_sentence: What the sentence leaves to the next: product, metric, origin, a
 * pending change. 0, or -1 when out of memory. */
static int sent_finish(sent *S)
{
    ctx *c = S->c;
    const tok *v = S->v;
    const size_t sb = S->sb, se = S->se;
    mword *mw = S->mw;
    size_t *made = S->made;
    if (S->sent_product && !S->sent_generic)
        tf_scopy(c->product, sizeof c->product, S->sent_product);
    else if (S->sent_unknown) /* the unknown commodity governs what follows */
        c->product[0] = '\0';
    for (size_t k = S->nmw; k > 0; k--)
        if (mw[k - 1].m != TF_METRIC_OTHER && mw[k - 1].m != TF_METRIC_PL) {
            c->metric = mw[k - 1].m;
            /* "Russia shipped …": a partner's shipping is the reporter's import */
            if (c->metric == TF_METRIC_EXPORT && S->has_subj &&
                S->parts[S->subj].j == mw[k - 1].i &&
                strcmp(S->parts[S->subj].iso3, reporter_of(c)))
                c->metric = TF_METRIC_IMPORT;
            break;
        }
    c->last_claim_sentence_end = 1;
    c->prev_origin = 0;
    for (size_t y = sb; y + 1 < se; y++)
        if (is_w(&v[y], "origin") && is_w(&v[y + 1], "of"))
            c->prev_origin = 1;
    apply_difference(c, made, S->nq, S->nparts > 0);
    return 0;
}

/* Process one sentence v[sb..se): periods, figures, percentages, partners and
 * products, then the claims and what they carry to the next sentence. */
static int do_sentence(ctx *c, sent_arrays *sa, const tok *v, size_t n, size_t sb, size_t se)
{
    (void)n;
    if (sent_arrays_fit(sa, se - sb))
        return -1;
    c->last_claim_before = c->last_claim;
    sent S;
    memset(&S, 0, sizeof S);
    S.c = c;
    S.sa = sa;
    S.v = v;
    S.sb = sb;
    S.se = se;
    S.ncap = sa->cap;
    S.slen = se - sb;
    S.text = c->nt->text;
    S.q = sa->q;
    S.pc = sa->pc;
    S.pe = sa->pe;
    S.mw = sa->mw;
    S.parts = sa->parts;
    S.made = sa->made;
    S.in_period = sa->in_period;
    S.first_top = S.first_prov = S.first_forecast = (size_t)-1;
    S.sent_generic = 1;
    int (*const phases[])(sent *) = {sent_periods, sent_figures, sent_flat,   sent_products,
                                     sent_classify, sent_partners, sent_claims, sent_attach,
                                     sent_group_shares, sent_finish};
    for (size_t k = 0; k < sizeof phases / sizeof phases[0]; k++)
        if (phases[k](&S))
            return -1;
    return 0;
}

/* A heading or title sets the product carried into the sentences under it. */
static void scan_product(ctx *c, const tok *v, size_t n, size_t sb, size_t se)
{
    int has_metric = 0;
    const char *last = NULL;
    for (size_t i = sb; i < se; i++) {
        size_t mm;
        tf_metric mt = metric_word(v, n, i, sb, &mm);
        if (mt == TF_METRIC_IMPORT || mt == TF_METRIC_EXPORT || mt == TF_METRIC_NET_IMPORT)
            has_metric = 1;
        int g;
        const char *p = product_in(c->ev, v, se, i, &mm, &g);
        if (p && !g) {
            last = p;
            i += mm - 1;
        }
    }
    /* a heading ("China bauxite - key figures") names the product without a metric word */
    if (last && (has_metric || se - sb <= 8))
        tf_scopy(c->product, sizeof c->product, last);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return a < b ? -1 : a > b;
}

static tf_status extract_notes(tf_audit *a, const tf_audit_opts *opts, const evocab *ev);

tf_status tf_audit_extract(tf_audit *a, const tf_audit_opts *opts)
{
    tf_refdata *own = NULL;
    const tf_refdata *ref = opts ? opts->ref : NULL;
    if (!ref) {
        if (tf_refdata_open(&own))
            return TF_ERR_NOMEM;
        ref = own;
    }
    evocab ev = {0};
    tf_status st = evocab_load(ref, &ev) ? TF_ERR_NOMEM : extract_notes(a, opts, &ev);
    evocab_free(&ev);
    tf_refdata_free(&own);
    return st;
}

/* Where a note's body starts: after a UTF-8 byte-order mark and the header lines (URL:,
 * TITLE:, PUBLISHER:, DATE:). */
static size_t body_start(const tf_note *nt)
{
    size_t body = 0;
    if (nt->len >= 3 && !memcmp(nt->text, "\xEF\xBB\xBF", 3))
        body = 3;
    for (;;) {
        const char *line = nt->text + body;
        if (!(!strncmp(line, "URL:", 4) || !strncmp(line, "TITLE:", 6) ||
              !strncmp(line, "PUBLISHER:", 10) || !strncmp(line, "DATE:", 5)))
            return body;
        const char *nl = memchr(line, '\n', nt->len - body);
        const char *cr = memchr(line, '\r', nl ? (size_t)(nl - line) : nt->len - body);
        if (cr && (cr + 1 >= nt->text + nt->len || cr[1] != '\n'))
            nl = cr;
        if (!nl)
            return nt->len;
        body = (size_t)(nl - nt->text) + 1;
    }
}

/* The reference month of a note (docs/audit.md section 1, Dates): its publication month;
 * without a date (DATE: or --date), the month after the latest "Month YYYY" it names
 * (in a Chinese note, "2025年5月");
 * failing that, today's. Sets the note's date from --date where it had none. */
static int ref_month(tf_note *nt, const tf_audit_opts *opts, const toks *t)
{
    const char *date = nt->date[0] ? nt->date : (opts && opts->date ? opts->date : "");
    if (strlen(date) >= 7) {
        int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
                (date[3] - '0');
        int mo = (date[5] - '0') * 10 + (date[6] - '0');
        if (!nt->date[0])
            tf_scopy(nt->date, sizeof nt->date, date);
        if (y * 12 + mo - 1 >= 0)
            return y * 12 + mo - 1;
    }
    int latest = -1;
    for (size_t i = 0; strlen(date) < 7 && i + 1 < t->n; i++) {
        int mo = month_at(t->v, t->n, i);
        if (mo && year_at(t->v, i + 1)) {
            int m = year_at(t->v, i + 1) * 12 + mo - 1;
            if (m > latest)
                latest = m;
        }
    }
    if (latest < 0 && strlen(date) < 7)
        latest = tf_audit_zh_latest_month(nt->text, nt->len); /* "2025年5月" */
    if (latest >= 0)
        return latest + 1;
    /* nothing in the note to resolve against: today (a note is read soon after it is
     * published); figures with a year keep it */
    char now[32];
    tf_now_utc(now);
    return ((now[0] - '0') * 1000 + (now[1] - '0') * 100 + (now[2] - '0') * 10 +
            (now[3] - '0')) * 12 + (now[5] - '0') * 10 + (now[6] - '0') - 1;
}

/* The typical rounding of the note's integer tonnages (see interval_for): the most common
 * trailing-zero count, as a unit, 1 to 1000. */
static double note_rounding(const tf_note *nt, const toks *t)
{
    int hist[8] = {0};
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].k != K_NUM || t->v[i].dec || t->v[i].num < 1000 || year_at(t->v, i))
            continue;
        size_t m1, m2;
        scale_at(t->v, t->n, i + 1, &m1);
        if (m1 || mass_unit_at(nt->text, t->v, t->n, i + 1, &m2) <= 0)
            continue;
        int tz = t->v[i].tz;
        /* digits beyond the trailing zeros: 3 significant digits or more */
        if (tz < 8)
            hist[tz]++;
    }
    int best = -1, bestn = 0;
    for (int k = 0; k < 8; k++)
        if (hist[k] > bestn) {
            bestn = hist[k];
            best = k;
        }
    double unit = best >= 0 ? pow(10, best) : 0;
    if (unit < 1)
        unit = 1;
    /* tonnages written out in full are rounded to the thousand at most */
    return unit > 1000 ? 1000 : unit;
}

/* The title line first: it names the product and the period. */
static void read_title(ctx *c, const tf_note *nt)
{
    toks tt = {0};
    if (nt->title[0] && !tokenize(nt->title, 0, strlen(nt->title), &tt)) {
        scan_product(c, tt.v, tt.n, 0, tt.n);
        for (size_t z = 0; z < tt.n; z++) {
            pexpr x;
            if (period_at(tt.v, tt.n, z, c->ref, &x) && x.rel == P_ABS && x.from >= 0) {
                c->period.from = x.from;
                c->period.to = x.to;
                c->has_period = 1;
                /* the headline names it: figures that carry it are named ("Key figures:
                 * China soybean imports, December 2024" over "- Arrivals: 7.45 Mt") */
                c->period_named = 1;
                c->year_named = x.explicit_year != 0;
                break;
            }
        }
    }
    free(tt.v);
}

/* A line wrapped inside a sentence goes on in lower case, with a number, or after a
 * dangling "in"/"of"...: its line end is a blank (dropped from the tokens). */
static void join_wrapped_lines(toks *t)
{
    static const char *const open_end[] = {"in", "of", "the", "a", "an", "to", "from", "and",
                                           "by", "for", "with", "at", "on", NULL};
    size_t o = 0;
    for (size_t i = 0; i < t->n; i++) {
        int dangling = 0;
        if (o > 0 && t->v[o - 1].k == K_WORD && !t->v[o - 1].cap)
            for (size_t z = 0; open_end[z]; z++)
                if (!strcmp(t->v[o - 1].w, open_end[z]))
                    dangling = 1;
        if (t->v[i].k == K_NL && o > 0 && i + 1 < t->n && t->v[o - 1].k != K_NL &&
            !(t->v[o - 1].k == K_SYM && strchr(".!?:", t->v[o - 1].w[0])) &&
            (t->v[i + 1].k == K_NUM || (dangling && t->v[i + 1].k == K_WORD) ||
             (t->v[i + 1].k == K_WORD && !t->v[i + 1].cap && t->v[i + 1].w[0] >= 'a' &&
              t->v[i + 1].w[0] <= 'z')))
            continue;
        t->v[o++] = t->v[i];
    }
    t->n = o;
}

/* "based on HS codes 76011090 and 76011010": the note's HS scope, into nt->hs. */
static void read_hs_scope(tf_note *nt, const toks *t)
{
    for (size_t i = 0; i + 1 < t->n; i++) {
        if (!is_w(&t->v[i], "hs"))
            continue;
        size_t j = i + 1;
        if (j < t->n && (is_w(&t->v[j], "codes") || is_w(&t->v[j], "code")))
            j++;
        for (; j < t->n && t->v[j].k != K_NL; j++) {
            const tok *x = &t->v[j];
            if (x->k == K_NUM && !x->dec && !x->groups && x->e - x->b >= 4 && x->e - x->b <= 10) {
                size_t o = strlen(nt->hs);
                if (o + (x->e - x->b) + 2 < sizeof nt->hs) {
                    if (o)
                        nt->hs[o++] = ',';
                    memcpy(nt->hs + o, nt->text + x->b, x->e - x->b);
                    nt->hs[o + (x->e - x->b)] = '\0';
                }
            } else if (!(is_w(x, "and") || is_s(x, ',') || is_w(x, "or")))
                break;
        }
        break;
    }
}

/* A sentence with no claim still names the product and the period of the sentences that
 * follow ("In December, Malaysia, Thailand ... were the main sources"). */
static void carry_sentence_context(ctx *c, const toks *t, size_t sb, size_t se)
{
    scan_product(c, t->v, t->n, sb, se);
    for (size_t z = sb; z < se; z++) {
        pexpr x;
        if (period_at(t->v, se, z, c->ref, &x)) {
            /* "rose to 32.0% from 31.6% in October": the month compared with */
            const tok *v = t->v;
            int compared = z > sb && (is_w(&v[z - 1], "from") || is_w(&v[z - 1], "than") ||
                                      is_w(&v[z - 1], "since") || is_w(&v[z - 1], "vs") ||
                                      is_w(&v[z - 1], "versus") ||
                                      (z > sb + 1 && is_w(&v[z - 1], "in") &&
                                       v[z - 2].k == K_PCT));
            if (x.rel == P_ABS && x.from >= 0 && !compared) {
                c->period.from = x.from;
                c->period.to = x.to;
                c->has_period = 1;
                c->period_named = 1;
                c->year_named = x.explicit_year != 0;
                c->period_b = t->v[x.i].b;
                c->period_e = t->v[x.j - 1].e;
            }
            z = x.j - 1;
        }
    }
}

/* The full stop v[i] is inside a partner name of the reference data ("Br. Virgin
 * Isds", "Dem. Rep. of the Congo", Comtrade's abbreviated names): the name goes on
 * after it, so it ends no sentence. */
static int inside_name(const evocab *ev, const tok *v, size_t n, size_t i)
{
    for (size_t j = i > 6 ? i - 6 : 0; ev && j < i; j++) {
        size_t len = 0;
        if (v[j].k == K_WORD && v[j].cap && ename_at(ev->part, ev->npart, v, n, j, &len) &&
            j + len > i + 1)
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- tables in text */

/* A table laid out in text with '|' between cells ("Item | 2023 | 2024 | change"): the year
 * of each cell of its header (0 none) and the cell of the change, -1 none. */
typedef struct ttab {
    int ncols;
    int year[12];
    int change;
} ttab;

/* The cells of line [sb, se) cut at '|' (an empty cell before the first or after the last
 * '|' dropped): cell k is tokens [cb[k], ce[k]). Their number (at most 12), 0 when the line
 * has fewer than two '|'. */
static int table_cells(const tok *v, size_t sb, size_t se, size_t *cb, size_t *ce)
{
    int n = 0, bars = 0;
    size_t b = sb;
    for (size_t i = sb; i <= se && n < 12; i++)
        if (i == se || is_s(&v[i], '|')) {
            bars += i < se;
            if (i > b || (n > 0 && i < se))
                cb[n] = b, ce[n] = i, n++;
            b = i + 1;
        }
    return bars >= 2 ? n : 0;
}

/* Line [sb, se) as a table's header: at least two cells that are a year alone. 1 when it is
 * one (*t set), else 0. */
static int table_header(const tok *v, size_t sb, size_t se, ttab *t)
{
    size_t cb[12], ce[12];
    int n = table_cells(v, sb, se, cb, ce), years = 0;
    memset(t, 0, sizeof *t);
    t->change = -1;
    for (int k = 1; k < n; k++) {
        if (ce[k] == cb[k] + 1 && year_at(v, cb[k]))
            t->year[k] = year_at(v, cb[k]), years++;
        for (size_t y = cb[k]; y < ce[k]; y++)
            if (is_w(&v[y], "change") || is_w(&v[y], "yoy") || is_w(&v[y], "y") ||
                v[y].k == K_PCT)
                t->change = k;
    }
    t->ncols = years >= 2 ? n : 0;
    return t->ncols > 0;
}

/* What a row's label says: metric, product, partner, the factor to tonnes of its unit
 * ("(Mt)", "(kt)", "(million t)"; 0 none) and whether it is a share ("Guinea share"). */
typedef struct trow {
    tf_metric met;
    const char *prod, *partner;
    double f;
    int share;
} trow;

static void table_label(const ctx *c, const tok *v, size_t b, size_t e, trow *r)
{
    memset(r, 0, sizeof *r);
    r->met = c->metric ? c->metric : TF_METRIC_IMPORT;
    r->prod = c->product[0] ? c->product : NULL;
    for (size_t y = b; y < e; y++) {
        size_t m = 0, sp;
        int g, adj;
        const char *p = product_in(c->ev, v, e, y, &m, &g);
        const char *iso = p ? NULL : country_at(c->ev, v, e, y, &m, &adj);
        tf_metric mt = metric_word(v, e, y, b, &sp);
        if (p)
            r->prod = p;
        else if (iso)
            r->partner = iso;
        else if (mt == TF_METRIC_IMPORT || mt == TF_METRIC_EXPORT || mt == TF_METRIC_NET_IMPORT)
            r->met = mt;
        if (is_w(&v[y], "share"))
            r->share = 1;
        if (is_s(&v[y], '(') && y + 1 < e) {
            size_t m1, m2;
            double sc = scale_at(v, e, y + 1, &m1);
            double mu = mass_unit_at(c->nt->text, v, e, y + 1 + m1, &m2);
            if (mu > 0)
                r->f = sc * mu;
        }
        y += m ? m - 1 : 0;
    }
}

/* The claim of the row's partner, product and metric for year yr made before (a share row
 * after the figures' row), (size_t)-1 none. */
static size_t table_claim_of(const ctx *c, const trow *r, tf_span_period per)
{
    const char *iso = r->partner ? r->partner : "WLD";
    for (size_t k = c->a->n_claims; k > 0; k--) {
        const tf_claim *o = &c->a->claims[k - 1];
        if (o->note != c->note)
            break;
        if (o->metric == r->met && !strcmp(o->partner, iso) && r->prod &&
            !strcmp(o->product, r->prod) && o->period.from == per.from &&
            o->period.to == per.to && o->quantity.has)
            return k - 1;
    }
    return (size_t)-1;
}

/* The figure of cell [b, e) into *s (scaled by f), 0 when the cell holds none; *pct 1 when
 * printed with '%', 2 with "pp". */
static int table_figure(const ctx *c, const tok *v, size_t b, size_t e, double f, tf_stated *s,
                        int *pct)
{
    for (size_t y = b; y < e; y++)
        if (v[y].k == K_NUM && !v[y].malformed) {
            double lo, hi;
            interval_for(fabs(v[y].num), v[y].dec, v[y].tz, 0, &lo, &hi);
            if (v[y].num < 0) {
                double t = -hi;
                hi = -lo, lo = t;
            }
            *pct = y + 1 < e && v[y + 1].k == K_PCT ? 1 : y + 1 < e && is_w(&v[y + 1], "pp") ? 2 : 0;
            size_t j = y + 1 + (*pct ? 1 : 0);
            make_stated(c, v, y, j, v[y].num * f, lo * f, hi * f, s);
            return 1;
        }
    return 0;
}

/* One claim of a row: year yr's figure s (a share goes to the claim made before). */
static int table_put(ctx *c, const trow *r, tf_span_period per, const tf_stated *s, size_t sb,
                     size_t se, const tok *v, size_t *made)
{
    *made = (size_t)-1;
    if (r->share) {
        size_t k = table_claim_of(c, r, per);
        if (k != (size_t)-1 && !c->a->claims[k].share.has) {
            c->a->claims[k].share = *s;
            c->a->claims[k].share_of = c->a->claims[k].period;
            *made = k;
        }
        return 0;
    }
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.metric = r->met;
    tf_scopy(cl.product, sizeof cl.product, r->prod);
    tf_scopy(cl.partner, sizeof cl.partner, r->partner ? r->partner : "WLD");
    tf_scopy(cl.unit, sizeof cl.unit, "t");
    cl.period = per;
    cl.period_named = cl.year_named = 1;
    cl.quantity = *s;
    cl.sent_start = v[sb].b;
    cl.sent_end = v[se - 1].e;
    *made = tf_audit_add_claim(c->a, &cl);
    if (*made == (size_t)-1)
        return -1;
    c->last_claim = *made;
    return 0;
}

/* Line [sb, se) as a row of table t: a claim per year cell ("Total imports (Mt) | 141.4 |
 * 158.8 | +12.3%"), its change the YoY of the last year when the year before is a column
 * too ("-0.4 pp" of a share row: the share's change on a year before). 1 when read as a
 * row, 0 when it is none (the table ends), -1 when out of memory. */
static int table_row(ctx *c, const tok *v, size_t sb, size_t se, const ttab *t)
{
    size_t cb[12], ce[12], made = (size_t)-1;
    if (table_cells(v, sb, se, cb, ce) != t->ncols)
        return 0;
    trow r;
    table_label(c, v, cb[0], ce[0], &r);
    if (!r.prod || (!r.share && !r.f))
        return 1;
    int last = 0, prev_col = 0;
    for (int k = 1; k < t->ncols; k++) {
        tf_stated s;
        int pct;
        if (!t->year[k] || !table_figure(c, v, cb[k], ce[k], r.share ? 1 : r.f, &s, &pct) ||
            (pct == 1) != r.share)
            continue;
        if (table_put(c, &r, (tf_span_period){t->year[k] * 12, t->year[k] * 12 + 11}, &s, sb, se,
                      v, &made))
            return -1;
        prev_col = last && t->year[last] == t->year[k] - 1;
        last = made != (size_t)-1 ? k : last;
    }
    tf_stated ch;
    int pct;
    if (t->change < 0 || made == (size_t)-1 || !prev_col ||
        !table_figure(c, v, cb[t->change], ce[t->change], 1, &ch, &pct))
        return 1;
    tf_claim *cl = &c->a->claims[made];
    if (pct == 1 && !r.share)
        cl->yoy = ch;
    else if (pct == 2 && r.share)
        cl->share_pp = ch, cl->share_pp_back = 12;
    return 1;
}

/* A table aligned with blanks, its columns months ("              Nov-25   Oct-25   Nov-24
 * m/m   y/y"; rows "Total   2.53   2.34   2.42   8.1%   4.5%"): the byte columns of its
 * header cells from the line's start, each cell's month (month index + 1, 0 none), the
 * cells of the change on the month before and on a year before (-1 none), the unit of a
 * caption line before it ("(Mt)"). */
typedef struct gtab {
    int ncols;
    size_t colb[12], cole[12];
    int month[12];
    int mom, yoy;
    double f;
} gtab;

/* Cells of line [sb, se) cut at two blanks or more; their number, 0 when more than 12 (the
 * line is then read as a sentence, no figure of it dropped). */
static int gap_cells(const tok *v, size_t sb, size_t se, size_t *cb, size_t *ce)
{
    int n = 0;
    size_t b = sb;
    for (size_t i = sb + 1; i <= se; i++)
        if (i == se || v[i].b >= v[i - 1].e + 2) {
            if (n == 12)
                return 0;
            cb[n] = b, ce[n] = i, n++;
            b = i;
        }
    return n;
}

static size_t line_start(const char *text, size_t b)
{
    while (b > 0 && text[b - 1] != '\n')
        b--;
    return b;
}

/* A header cell [b, e) that is a month with its year ("Nov-25", "Nov 2025", "November
 * 2025"): the month index + 1, 0 when it is none. */
static int gap_month(const tok *v, size_t b, size_t e)
{
    int mo = b < e ? month_at(v, e, b) : 0;
    if (!mo || e < b + 2 || v[e - 1].k != K_NUM || v[e - 1].dec)
        return 0;
    int y = (int)v[e - 1].num;
    y = y < 100 ? 2000 + y : y;
    return y >= 1990 && y <= 2100 ? y * 12 + mo - 1 + 1 : 0;
}

static int gap_header(const ctx *c, const tok *v, size_t sb, size_t se, gtab *g)
{
    size_t cb[12], ce[12];
    int n = gap_cells(v, sb, se, cb, ce), months = 0;
    memset(g, 0, sizeof *g);
    g->mom = g->yoy = -1;
    size_t ls = line_start(c->nt->text, v[sb].b);
    for (int k = 0; k < n; k++) {
        size_t m;
        g->colb[k] = v[cb[k]].b - ls;
        g->cole[k] = v[ce[k] - 1].e - ls;
        if ((g->month[k] = gap_month(v, cb[k], ce[k])) != 0)
            months++;
        else if ((m = any_phrase(v, ce[k], cb[k], mom_phrases)) && cb[k] + m == ce[k])
            g->mom = k;
        else if ((m = any_phrase(v, ce[k], cb[k], yoy_phrases)) && cb[k] + m == ce[k])
            g->yoy = k;
    }
    g->ncols = months >= 2 ? n : 0;
    return g->ncols > 0;
}

/* The header column of the cell at bytes [b, e) from the line's start: the one it overlaps
 * most, -1 none. */
static int gap_column(const gtab *g, size_t b, size_t e)
{
    int best = -1;
    size_t most = 0;
    for (int k = 0; k < g->ncols; k++) {
        size_t lo = b > g->colb[k] ? b : g->colb[k], hi = e < g->cole[k] ? e : g->cole[k];
        if (hi > lo && hi - lo > most)
            most = hi - lo, best = k;
    }
    return best;
}

/* Line [sb, se) as a row of table g: its label (partner, product, "YTD") in the cells before
 * the first month column, a claim per month cell (the year so far on a "YTD" row), the
 * changes of the latest month's figure. 1 when read as a row, 0 when it is none. */
static int gap_row(ctx *c, const tok *v, size_t sb, size_t se, const gtab *g)
{
    size_t cb[12], ce[12], ls = line_start(c->nt->text, v[sb].b);
    int n = gap_cells(v, sb, se, cb, ce);
    if (n < 2 || v[cb[0]].k == K_NUM || gap_column(g, v[cb[0]].b - ls, v[ce[0] - 1].e - ls) >= 0)
        return 0;
    trow r;
    table_label(c, v, cb[0], ce[0], &r);
    int ytd = 0;
    for (size_t y = cb[0]; y < ce[0]; y++)
        ytd |= is_w(&v[y], "ytd") || is_w(&v[y], "cumulative") ||
               phrase(v, ce[0], y, "year to date");
    double f = r.f ? r.f : g->f;
    if (!r.prod || r.share || !f)
        return 1;
    size_t latest = (size_t)-1;
    int latest_m = 0;
    for (int k = 1; k < n; k++) {
        int col = gap_column(g, v[cb[k]].b - ls, v[ce[k] - 1].e - ls);
        tf_stated st;
        int pct;
        size_t made;
        if (col < 0 || !g->month[col] || !table_figure(c, v, cb[k], ce[k], f, &st, &pct) || pct)
            continue;
        int m = g->month[col] - 1;
        tf_span_period per = {ytd ? m - m % 12 : m, m};
        if (table_put(c, &r, per, &st, sb, se, v, &made))
            return -1;
        if (made != (size_t)-1 && m > latest_m)
            latest = made, latest_m = m;
    }
    for (int k = 1; k < n && latest != (size_t)-1; k++) {
        int col = gap_column(g, v[cb[k]].b - ls, v[ce[k] - 1].e - ls);
        tf_stated ch;
        int pct;
        tf_claim *cl = &c->a->claims[latest];
        if (col < 0 || (col != g->mom && col != g->yoy) ||
            !table_figure(c, v, cb[k], ce[k], 1, &ch, &pct) || pct != 1)
            continue;
        if (col == g->yoy && !cl->yoy.has)
            cl->yoy = ch;
        else if (col == g->mom && !ytd && !cl->mom.has)
            cl->mom = ch;
    }
    return 1;
}

/* The unit of a caption line [sb, se) ("Table 1: … imports (Mt)"): its factor to tonnes, 0
 * none. */
static double caption_unit(const ctx *c, const tok *v, size_t sb, size_t se)
{
    for (size_t y = sb; y + 1 < se; y++)
        if (is_s(&v[y], '(')) {
            size_t m1, m2;
            double sc = scale_at(v, se, y + 1, &m1);
            double mu = mass_unit_at(c->nt->text, v, se, y + 1 + m1, &m2);
            if (mu > 0)
                return sc * mu;
        }
    return 0;
}

/* Every sentence of an English note read into claims (do_sentence). -1: out of memory. */
static int read_sentences(ctx *c, const toks *t)
{
    sent_arrays sa = {0};
    ttab tab = {0}; /* the table whose rows the next lines may be */
    gtab gt = {0};  /* the same, aligned with blanks */
    size_t sb = 0, psb = 0, pse = 0;
    for (size_t i = 0; i <= t->n; i++) {
        int end = i == t->n || t->v[i].k == K_NL ||
                  (sentence_end_after(t->v, t->n, i) && !inside_name(c->ev, t->v, t->n, i));
        if (!end)
            continue;
        size_t se = i < t->n && t->v[i].k != K_NL ? i + 1 : i;
        int tr = se > sb && tab.ncols ? table_row(c, t->v, sb, se, &tab) : 0;
        int gr = se > sb && !tr && gt.ncols ? gap_row(c, t->v, sb, se, &gt) : 0;
        if (tr < 0 || gr < 0) {
            sent_arrays_free(&sa);
            return -1;
        }
        if (!tr)
            tab.ncols = 0;
        if (!gr)
            gt.ncols = 0; /* a line that is no row ends the table */
        tr |= gr;
        if (se > sb && !tr && !table_header(t->v, sb, se, &tab) && gap_header(c, t->v, sb, se, &gt))
            gt.f = psb < pse ? caption_unit(c, t->v, psb, pse) : 0;
        else if (se > sb && !tr && !table_header(t->v, sb, se, &tab)) {
            size_t before = c->a->n_claims;
            if (do_sentence(c, &sa, t->v, t->n, sb, se) || currency_pair(c, t->v, sb, se) ||
                unit_value(c, t->v, sb, se)) {
                sent_arrays_free(&sa);
                return -1;
            }
            if (c->a->n_claims == before)
                carry_sentence_context(c, t, sb, se);
        }
        if (se > sb)
            psb = sb, pse = se;
        sb = i + 1;
    }
    sent_arrays_free(&sa);
    return 0;
}

/* The headline (a TITLE: header line) read as the note's first sentence, so that a
 * figure only the title gives ("… imports rise 12.7% on year to 12.13 million tonnes")
 * meets the body's figures, and a figure restated in the body is compared with it. A
 * title the archive derived ("[derived]") is not the publisher's and is not read. */
/* "China's September soybean imports rise …" with no percentage in the headline: its word
 * of change and the figure it governs (the headline's first claim, from claim `first`). */
static void headline_word(ctx *c, const toks *tt, size_t first)
{
    for (size_t i = 0; i < tt->n; i++)
        if (tt->v[i].k == K_PCT)
            return; /* the change is printed: the equations check it */
    for (size_t i = 0; i < tt->n && !c->head_dir; i++)
        if (dir_word(&tt->v[i]) && !is_w(&tt->v[i], "more") && !is_w(&tt->v[i], "less") &&
            !is_w(&tt->v[i], "above") && !is_w(&tt->v[i], "below"))
            c->head_dir = dir_word(&tt->v[i]), c->head_b = tt->v[i].b, c->head_e = tt->v[i].e;
    c->head_claim = first;
}

/* The headline's word of change against the body's MoM and YoY of the figure it governs
 * (same metric, product, partner and period): both against it, an error; the only one the
 * body gives against it, a warning (the headline may speak of another comparison). 0, or
 * -1 when out of memory. */
static int headline_direction(ctx *c)
{
    if (!c->head_dir)
        return 0;
    const tf_claim *h = &c->a->claims[c->head_claim];
    int against = 0, with = 0, seen[2] = {0, 0}; /* one MoM and one YoY counted */
    for (size_t k = c->head_claim; k < c->a->n_claims; k++) {
        const tf_claim *o = &c->a->claims[k];
        if (o->note != h->note || o->metric != h->metric || strcmp(o->product, h->product) ||
            strcmp(o->partner, h->partner) || o->period.from != h->period.from ||
            o->period.to != h->period.to)
            continue;
        for (int w = 0; w < 2; w++) {
            const tf_stated *g = w ? &o->yoy : &o->mom;
            if (g->has && (g->lo > 0 || g->hi < 0) && !seen[w]++)
                (g->value > 0) == (c->head_dir > 0) ? with++ : against++;
        }
    }
    if (!against || with)
        return 0;
    tf_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.note = c->note;
    cl.period = h->period;
    cl.quantity = h->quantity;
    cl.sent_start = h->sent_start;
    cl.sent_end = h->sent_end;
    tf_finding f;
    if (tf_audit_slip_claim(c->a, &cl, "t", "direction-flipped", "direction", &f))
        return -1;
    f.severity = against >= 2 ? TF_SEV_ERROR : TF_SEV_WARNING;
    f.start = tf_note_char_offset(c->nt, c->head_b);
    f.end = tf_note_char_offset(c->nt, c->head_e);
    f.confidence = against >= 2 ? 0.7 : 0.4;
    tf_scopy(f.proposed_text, sizeof f.proposed_text, c->head_dir > 0 ? "a word of fall"
                                                                      : "a word of rise");
    tf_fmt(f.equation, sizeof f.equation, "the headline's word of change (%s) against the "
           "body's %d change%s of the same figure", c->head_dir > 0 ? "up" : "down", against,
           against == 1 ? "" : "s");
    tf_fmt(f.evidence, sizeof f.evidence, "the body gives the headline's figure %s on %s",
           c->head_dir > 0 ? "down" : "up",
           against >= 2 ? "both the month before and a year before" : "its only comparison");
    return tf_audit_add_finding(c->a, &f);
}

static int read_headline(ctx *c, size_t body)
{
    const char *text = c->nt->text;
    size_t at = 0;
    while (at < body && strncmp(text + at, "TITLE:", 6)) {
        const char *nl = memchr(text + at, '\n', body - at);
        at = nl ? (size_t)(nl - text) + 1 : body;
    }
    if (at >= body)
        return 0;
    size_t b = at + 6, e = b;
    while (e < body && text[e] != '\n' && text[e] != '\r')
        e++;
    for (size_t k = b; k + 9 <= e; k++)
        if (!memcmp(text + k, "[derived]", 9))
            return 0;
    toks tt = {0};
    sent_arrays sa = {0};
    int rc = tokenize(text, b, e, &tt);
    size_t before = c->a->n_claims;
    if (!rc && tt.n)
        rc = do_sentence(c, &sa, tt.v, tt.n, 0, tt.n);
    if (!rc && c->a->n_claims > before)
        headline_word(c, &tt, before);
    sent_arrays_free(&sa);
    free(tt.v);
    return rc;
}

/* The note's data month: the most named single month of its claims (ties: the latest),
 * counted over the note's own claims (the last ones of a). -1 none, -2 out of memory. */
static int note_data_month(const tf_audit *a, size_t ni)
{
    int best = -1, bestn = 0;
    size_t first = a->n_claims;
    while (first > 0 && a->claims[first - 1].note == ni)
        first--;
    size_t m = a->n_claims - first, nm = 0;
    int *months = malloc((m ? m : 1) * sizeof *months);
    if (!months)
        return -2;
    for (size_t k = first; k < a->n_claims; k++) {
        const tf_claim *cl = &a->claims[k];
        if (cl->period.from == cl->period.to && cl->period_named)
            months[nm++] = cl->period.to;
    }
    qsort(months, nm, sizeof *months, cmp_int);
    for (size_t k = 0; k < nm;) {
        size_t e = k;
        while (e < nm && months[e] == months[k])
            e++;
        if ((int)(e - k) >= bestn) { /* sorted ascending: ties go to the later */
            bestn = (int)(e - k);
            best = months[k];
        }
        k = e;
    }
    free(months);
    return best;
}

/* The spans of note ni's claims from bytes to characters (Unicode code points). */
static void spans_in_chars(tf_audit *a, size_t ni)
{
    const tf_note *nt = &a->notes[ni];
    for (size_t k = 0; k < a->n_claims; k++) {
        tf_claim *cl = &a->claims[k];
        if (cl->note != ni)
            continue;
        if (cl->share_labelled) {
            cl->label_start = tf_note_char_offset(nt, cl->label_start);
            cl->label_end = tf_note_char_offset(nt, cl->label_end);
        }
        if (cl->period_end) {
            cl->period_start = tf_note_char_offset(nt, cl->period_start);
            cl->period_end = tf_note_char_offset(nt, cl->period_end);
        }
        tf_stated *s[7] = {&cl->quantity, &cl->mom,      &cl->yoy,     &cl->share,
                           &cl->mom_diff, &cl->yoy_diff, &cl->share_pp};
        for (int z = 0; z < 7; z++)
            if (s[z]->has) {
                s[z]->start = tf_note_char_offset(nt, s[z]->start);
                s[z]->end = tf_note_char_offset(nt, s[z]->end);
            }
    }
}

/* Note ni's claims: header and body, reference month and rounding, title, wrapped lines,
 * HS scope, then the Chinese reader or the English sentences; a note with the text of an
 * earlier one, or in another language, is marked skipped. */
/* 1 when the note's text names a product of the vocabulary (not only "aluminium"). */
static int names_product(const evocab *ev, const toks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        size_t m;
        int g;
        if (t->v[i].k == K_WORD && product_in(ev, t->v, t->n, i, &m, &g) && !g)
            return 1;
    }
    return 0;
}

static tf_status extract_note(tf_audit *a, const tf_audit_opts *opts, const evocab *ev,
                              size_t ni)
{
    tf_note *nt = &a->notes[ni];
    size_t body = body_start(nt);
    /* the same text twice (a republication, a file given twice): read once */
    for (size_t pj = 0; pj < ni; pj++)
        if (a->notes[pj].len == nt->len && !memcmp(a->notes[pj].text, nt->text, nt->len)) {
            tf_fmt(nt->skipped, sizeof nt->skipped, "same text as note %zu", pj + 1);
            return TF_OK;
        }
    toks t = {0};
    if (tokenize(nt->text, body, nt->len, &t)) {
        free(t.v);
        return TF_ERR_NOMEM;
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.ev = ev;
    c.note = ni;
    c.nt = nt;
    c.last_claim = c.last_level = (size_t)-1;
    /* the ref month is the publication month: year-less months resolve to the latest
     * one not after it */
    c.ref = ref_month(nt, opts, &t);
    c.cap_unit = note_rounding(nt, &t);
    read_title(&c, nt);
    join_wrapped_lines(&t);
    read_hs_scope(nt, &t);
    if (tf_audit_is_chinese(nt->text, body, nt->len)) {
        free(t.v);
        t.v = NULL;
        t.n = 0;
        tf_status zs = tf_audit_extract_zh(a, ni, body, c.ref, opts ? opts->ref : NULL);
        if (zs)
            return zs;
    }
    c.any_product = names_product(ev, &t) || c.product[0];
    int rc = read_headline(&c, body) || read_sentences(&c, &t) || headline_direction(&c);
    free(t.v);
    if (rc)
        return TF_ERR_NOMEM;
    int best = note_data_month(a, ni);
    if (best == -2)
        return TF_ERR_NOMEM;
    nt->period = best;
    spans_in_chars(a, ni);
    if (tf_audit_text_lang(nt->text, body, nt->len) != TF_LANG_EN)
        tf_audit_lexicon_own_keys(a, ni); /* read through the lexicon: checked within */
    return TF_OK;
}

static tf_status extract_notes(tf_audit *a, const tf_audit_opts *opts, const evocab *ev)
{
    for (size_t ni = 0; ni < a->n_notes; ni++) {
        tf_status st = extract_note(a, opts, ev, ni);
        if (st)
            return st;
    }
    return TF_OK;
}
