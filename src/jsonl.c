#include "jsonl.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"

typedef struct parser {
    const char *p, *end, *start;
    char *out; /* next free byte of the decode buffer */
    const char *why;
    int depth;
} parser;

enum { MAX_DEPTH = 64 };

static void ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
                               *ps->p == '\r'))
        ps->p++;
}

static bool fail(parser *ps, const char *why)
{
    if (!ps->why)
        ps->why = why;
    return false;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            v |= (c | 32) - 'a' + 10;
        else
            return -1;
    }
    return v;
}

static char *put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Bytes that end a plain run inside a string: the closing quote, a
 * backslash, and the control characters JSON forbids there. */
static const bool string_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00-0x0f */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10-0x1f */
    ['"'] = 1, ['\\'] = 1,
};

/* Does one of the 8 bytes end a plain run (string_special)? */
static bool has_special8(uint64_t v)
{
    return swar_has_less(v, 0x20) || swar_has_byte(v, '"') || swar_has_byte(v, '\\');
}

/* A string at p (on its opening quote). With decode, its value goes to the
 * output buffer, NUL-terminated, and val and vlen point at it. */
static bool string(parser *ps, bool decode, const char **val, size_t *vlen)
{
    ps->p++; /* the opening quote */
    char *o = ps->out;
    for (;;) {
        /* copy the plain run up to the next quote, backslash or control character */
        const char *q = ps->p;
        /* text runs long between escapes: sixteen bytes a step (SSE2, in
         * every x86-64) or eight to the one holding the end of the run,
         * then a byte at a time */
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                      flip = _mm_set1_epi8((char)0x80), space = _mm_set1_epi8((char)(0x20 ^ 0x80));
        for (; ps->end - q >= 16; q += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
            /* control characters: below 0x20 unsigned, so below 0x20 ^ 0x80
             * signed once the top bit is flipped */
            __m128i hit = _mm_cmplt_epi8(_mm_xor_si128(v, flip), space);
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, quote));
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, backslash));
            int mask = _mm_movemask_epi8(hit);
            if (mask) {
                q += __builtin_ctz((unsigned)mask);
                break;
            }
        }
#endif
        for (uint64_t v; ps->end - q >= 8; q += 8) {
            memcpy(&v, q, 8);
            if (has_special8(v))
                break;
        }
        while (q < ps->end && !string_special[(unsigned char)*q])
            q++;
        if (q < ps->end && (unsigned char)*q < 0x20)
            return fail(ps, "control character inside a string");
        if (q >= ps->end)
            return fail(ps, "unterminated string");
        if (decode) {
            memcpy(o, ps->p, (size_t)(q - ps->p));
            o += q - ps->p;
        }
        ps->p = q + 1;
        if (*q == '"')
            break;
        if (ps->p >= ps->end)
            return fail(ps, "unterminated string");
        char e = *ps->p++;
        uint32_t cp;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
            if (ps->end - ps->p < 4 || hex4(ps->p) < 0)
                return fail(ps, "bad \\u escape");
            cp = (uint32_t)hex4(ps->p);
            ps->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a surrogate pair */
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
                    hex4(ps->p + 2) < 0xDC00 || hex4(ps->p + 2) > 0xDFFF)
                    return fail(ps, "lone surrogate in \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)hex4(ps->p + 2) - 0xDC00);
                ps->p += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(ps, "lone surrogate in \\u escape");
            }
            break;
        }
        default:
            return fail(ps, "bad escape in a string");
        }
        if (decode)
            o = put_utf8(o, cp);
    }
    if (decode) {
        *val = ps->out;
        *vlen = (size_t)(o - ps->out);
        *o++ = '\0';
        ps->out = o;
    }
    return true;
}

static bool value(parser *ps);

static bool literal(parser *ps, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n))
        return fail(ps, "a value expected");
    ps->p += n;
    return true;
}

static bool number(parser *ps)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end || *q < '0' || *q > '9')
        return fail(ps, "a value expected");
    while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                           *q == '+' || *q == '-'))
        q++;
    ps->p = q;
    return true;
}

static bool container(parser *ps, char close)
{
    if (++ps->depth > MAX_DEPTH)
        return fail(ps, "nested too deeply");
    ps->p++;
    ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return true;
    }
    for (;;) {
        if (close == '}') {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, "a key (a string) expected");
            const char *v;
            size_t n;
            if (!string(ps, false, &v, &n))
                return false;
            ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail(ps, "':' expected");
            ps->p++;
            ws(ps);
        }
        if (!value(ps))
            return false;
        ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            ws(ps);
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return true;
        }
        return fail(ps, close == '}' ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static bool value(parser *ps)
{
    if (ps->p >= ps->end)
        return fail(ps, "a value expected");
    switch (*ps->p) {
    case '"': {
        const char *v;
        size_t n;
        return string(ps, false, &v, &n);
    }
    case '{': return container(ps, '}');
    case '[': return container(ps, ']');
    case 't': return literal(ps, "true");
    case 'f': return literal(ps, "false");
    case 'n': return literal(ps, "null");
    default: return number(ps);
    }
}

static int field_of(const char *k, size_t n)
{
    static const char *const names[JF__COUNT] = {"id", "text", "date", "url", "title"};
    for (int i = 0; i < JF__COUNT; i++)
        if (strlen(names[i]) == n && !memcmp(names[i], k, n))
            return i;
    return -1;
}

int jsonl_parse(const char *line, size_t len, char *buf, jsonl_record *rec, size_t *column,
                const char **why)
{
    memset(rec, 0, sizeof *rec);
    parser ps = {line, line + len, line, buf, NULL, 0};
    ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{') {
        /* still say what it is when it is valid JSON of another kind */
        *why = ps.p < ps.end && value(&ps) ? "not an object" : "'{' expected";
        *column = (size_t)(ps.p - line) + 1;
        if (!strcmp(*why, "not an object"))
            *column = 1;
        return -1;
    }
    ps.p++;
    ps.depth = 1;
    ws(&ps);
    bool ok = true;
    if (ps.p < ps.end && *ps.p == '}') {
        ps.p++;
    } else {
        for (;;) {
            if (ps.p >= ps.end || *ps.p != '"') {
                ok = fail(&ps, "a key (a string) expected");
                break;
            }
            const char *k;
            size_t kn;
            char *mark = ps.out;
            if (!(ok = string(&ps, true, &k, &kn)))
                break;
            int f = field_of(k, kn);
            ps.out = mark; /* keys are not kept */
            ws(&ps);
            if (ps.p >= ps.end || *ps.p != ':') {
                ok = fail(&ps, "':' expected");
                break;
            }
            ps.p++;
            ws(&ps);
            if (f >= 0 && rec->kind[f]) {
                ok = fail(&ps, "duplicate key");
                break;
            }
            if (f >= 0 && ps.p < ps.end && *ps.p == '"') {
                if (!(ok = string(&ps, true, &rec->value[f], &rec->length[f])))
                    break;
                rec->kind[f] = 's';
            } else if (f >= 0 && ps.p < ps.end && (*ps.p == '-' || (*ps.p >= '0' && *ps.p <= '9'))) {
                const char *s0 = ps.p;
                if (!(ok = number(&ps)))
                    break;
                size_t n = (size_t)(ps.p - s0);
                memcpy(ps.out, s0, n);
                ps.out[n] = '\0';
                rec->value[f] = ps.out;
                rec->length[f] = n;
                ps.out += n + 1;
                rec->kind[f] = 'n';
            } else {
                if (!(ok = value(&ps)))
                    break;
                if (f >= 0)
                    rec->kind[f] = 'o';
            }
            ws(&ps);
            if (ps.p < ps.end && *ps.p == ',') {
                ps.p++;
                ws(&ps);
                continue;
            }
            if (ps.p < ps.end && *ps.p == '}') {
                ps.p++;
                break;
            }
            ok = fail(&ps, "',' or '}' expected");
            break;
        }
    }
    if (ok) {
        ws(&ps);
        if (ps.p < ps.end)
            ok = fail(&ps, "end of line expected after the object");
    }
    if (!ok) {
        *why = ps.why;
        *column = (size_t)(ps.p - line) + 1;
        return -1;
    }
    return 0;
}
