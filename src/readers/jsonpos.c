/*
 * Positions in a JSON text, for errors that name a line and column as well as
 * a JSON path. jansson keeps no position of the values it parses (json_error_t
 * has a line and column for syntax errors only), so the reader scans the text
 * itself. The text is valid JSON (jansson has parsed it): the scan does not
 * check it again, and stops at the end of the buffer whatever it holds.
 */
#include <string.h>

#include "readers.h"

static size_t ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* i at the opening quote: past the closing one. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

/* i at a value: past it. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] != '{' && s[i] != '[') {
        while (i < n && s[i] && !strchr(",]} \t\r\n", s[i]))
            i++;
        return i;
    }
    int depth = 0;
    for (; i < n; i++) {
        if (s[i] == '"')
            i = skip_string(s, n, i) - 1;
        else if (s[i] == '{' || s[i] == '[')
            depth++;
        else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
            return i + 1;
    }
    return n;
}

size_t tf_json_root(const char *s, size_t n)
{
    size_t i = ws(s, n, 0);
    return i < n ? i : TF_JSON_NONE;
}

size_t tf_json_first(const char *s, size_t n, size_t at)
{
    if (at >= n || (s[at] != '[' && s[at] != '{'))
        return TF_JSON_NONE;
    size_t i = ws(s, n, at + 1);
    return i < n && s[i] != ']' && s[i] != '}' ? i : TF_JSON_NONE;
}

size_t tf_json_next(const char *s, size_t n, size_t at)
{
    if (at >= n)
        return TF_JSON_NONE;
    size_t i = ws(s, n, skip_value(s, n, at));
    return i < n && s[i] == ',' ? ws(s, n, i + 1) : TF_JSON_NONE;
}

size_t tf_json_member(const char *s, size_t n, size_t at, const char *key)
{
    size_t klen = strlen(key);
    if (at >= n || s[at] != '{')
        return TF_JSON_NONE;
    for (size_t i = tf_json_first(s, n, at); i != TF_JSON_NONE;) {
        size_t kend = skip_string(s, n, i);
        size_t colon = ws(s, n, kend);
        size_t v = ws(s, n, colon + 1);
        if (kend - i == klen + 2 && memcmp(s + i + 1, key, klen) == 0)
            return v < n ? v : TF_JSON_NONE;
        i = tf_json_next(s, n, v);
    }
    return TF_JSON_NONE;
}

void tf_json_advance(const char *s, tf_json_pos *p, size_t to)
{
    if (p->line == 0)
        p->line = p->col = 1;
    for (; p->at < to; p->at++) {
        if (s[p->at] == '\n')
            p->line++, p->col = 1;
        else if (((unsigned char)s[p->at] & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
            p->col++;
    }
}
