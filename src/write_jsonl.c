/*
 * write_jsonl.c - the JSON Lines output contract (README "Output").
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"
#include "text.h"
#include "write.h"

void petrel_buffer_free(petrel_buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool buf_reserve(petrel_buffer *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t ncap = b->cap ? b->cap : 4096;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *nd = realloc(b->data, ncap);
    if (!nd)
        return false;
    b->data = nd;
    b->cap = ncap;
    return true;
}

bool buf_put(petrel_buffer *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

/* buf_put where the buffer nearly always has room: the test and the copy
 * are inline, and a literal's copy (BUF_LIT, whose length is a constant)
 * comes down to a few moves instead of a call to memcpy. */
static inline __attribute__((always_inline)) bool put(petrel_buffer *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        return buf_put(b, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool buf_puts(petrel_buffer *b, const char *s) { return put(b, s, strlen(s)); }

#define BUF_LIT(b, s) put((b), (s), sizeof(s) - 1)

/* Decimal digits of v: the offsets and counts that fill most of a record,
 * without a trip through vsnprintf. */
static bool buf_size(petrel_buffer *b, size_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return put(b, tmp + sizeof tmp - n, (size_t)n);
}

static bool buf_int(petrel_buffer *b, int v)
{
    if (v < 0)
        return put(b, "-", 1) && buf_size(b, (size_t)-(long long)v);
    return buf_size(b, (size_t)v);
}

/* One decimal, as "%.1f" writes it (Goldstein scores are tenths). */
static bool buf_tenths(petrel_buffer *b, double v)
{
    if (!(v > -1e9 && v < 1e9))
        return buf_printf(b, "%.1f", v);
    bool neg = signbit(v);
    double a = neg ? -v : v;
    long long t = llrint(a * 10.0);
    /* llrint rounds half to even like printf, but a*10 may be off by an ulp:
     * leave anything near a half to printf */
    double frac = a * 10.0 - floor(a * 10.0);
    if (frac > 0.499 && frac < 0.501)
        return buf_printf(b, "%.1f", v);
    return (!neg || put(b, "-", 1)) && buf_size(b, (size_t)(t / 10)) &&
           put(b, ".", 1) && put(b, &"0123456789"[t % 10], 1);
}

bool buf_printf(petrel_buffer *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof tmp)
        return buf_put(b, tmp, (size_t)n);
    if (!buf_reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

/* Bytes that end a plain run in a JSON string: the quote, the backslash,
 * control characters and DEL, and 0xE2 (the first byte of U+2028/2029). One
 * table look-up a byte instead of a chain of comparisons. */
static const bool json_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00-0x0f */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10-0x1f */
    ['"'] = 1, ['\\'] = 1, [0x7f] = 1, [0xE2] = 1,
};

/* Does one of the 8 bytes end a plain run (json_special)? */
static bool json_special8(uint64_t v)
{
    return swar_has_less(v, 0x20) || swar_has_byte(v, '"') || swar_has_byte(v, '\\') ||
           swar_has_byte(v, 0x7f) || swar_has_byte(v, 0xE2);
}

bool buf_json_string(petrel_buffer *b, const char *s, size_t n)
{
    if (!s)
        return BUF_LIT(b, "null");
    if (!buf_reserve(b, n + 2))
        return false;
    b->data[b->len++] = '"';
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes not written yet */
    for (size_t i = 0; i < n;) {
        /* text runs long between special bytes: eight bytes a step to the
         * eight holding the next one, then a byte at a time within them */
        for (uint64_t v; n - i >= 8; i += 8) {
            memcpy(&v, u + i, 8);
            if (json_special8(v))
                break;
        }
        size_t stop = n - i >= 8 ? i + 8 : n;
        while (i < stop && !json_special[u[i]])
            i++;
        if (i == stop)
            continue;
        unsigned char c = u[i];
        const char *esc;
        char ubuf[8];
        size_t width = 1;
        if (c == 0xE2) {
            /* U+2028/2029 break JavaScript string literals: escape them; any
             * other character starting with this byte (curly quotes) is plain */
            if (!(i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))) {
                i++;
                continue;
            }
            esc = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            width = 3;
        } else if (c == '"') {
            esc = "\\\"";
        } else if (c == '\\') {
            esc = "\\\\";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c == '\t') {
            esc = "\\t";
        } else { /* other control characters and DEL */
            snprintf(ubuf, sizeof ubuf, "\\u%04x", c);
            esc = ubuf;
        }
        if ((i > run && !put(b, s + run, i - run)) || !buf_puts(b, esc))
            return false;
        i += width;
        run = i;
    }
    if (n > run && !put(b, s + run, n - run))
        return false;
    return put(b, "\"", 1);
}

bool buf_json_cstr(petrel_buffer *b, const char *s)
{
    return buf_json_string(b, s, s ? strlen(s) : 0);
}

static bool put_span(petrel_buffer *b, const petrel_span *s)
{
    return BUF_LIT(b, "{\"text\":") && buf_json_string(b, s->text, s->text_len) &&
           BUF_LIT(b, ",\"start\":") && buf_size(b, s->start) && BUF_LIT(b, ",\"end\":") &&
           buf_size(b, s->end) && BUF_LIT(b, "}");
}

static bool put_actor(petrel_buffer *b, const petrel_actor_ref *a)
{
    return BUF_LIT(b, "{\"text\":") &&
           buf_json_string(b, a->mention.text, a->mention.text_len) &&
           BUF_LIT(b, ",\"start\":") && buf_size(b, a->mention.start) &&
           BUF_LIT(b, ",\"end\":") && buf_size(b, a->mention.end) && BUF_LIT(b, ",\"actor\":") &&
           buf_json_cstr(b, a->actor) && BUF_LIT(b, ",\"name\":") &&
           buf_json_cstr(b, a->name) && BUF_LIT(b, "}");
}

static const char *const quote_kinds[] = {"direct", "partial", "indirect"};
static const char *const modes[] = {"asserted", "conditional", "future", "hypothetical"};

/* A quotation, or an attribution that is not speech (then with its cue_type). */
static bool put_quote(petrel_buffer *b, const char *doc_id, const petrel_quote *q)
{
    return (q->cue_type ? BUF_LIT(b, "{\"type\":\"attribution\",\"doc\":") &&
                              buf_json_cstr(b, doc_id) && BUF_LIT(b, ",\"cue_type\":") &&
                              buf_json_cstr(b, q->cue_type)
                        : BUF_LIT(b, "{\"type\":\"quote\",\"doc\":") &&
                              buf_json_cstr(b, doc_id)) &&
           BUF_LIT(b, ",\"kind\":\"") && buf_puts(b, quote_kinds[q->kind]) &&
           BUF_LIT(b, "\",\"content\":") &&
           put_span(b, &q->content) && BUF_LIT(b, ",\"cue\":") &&
           (q->has_cue ? put_span(b, &q->cue) : BUF_LIT(b, "null")) &&
           BUF_LIT(b, ",\"source\":") &&
           (q->has_source ? put_span(b, &q->source) : BUF_LIT(b, "null")) &&
           BUF_LIT(b, ",\"speaker\":{\"name\":") && buf_json_cstr(b, q->speaker_name) &&
           BUF_LIT(b, ",\"actor\":") && buf_json_cstr(b, q->speaker_actor) &&
           BUF_LIT(b, "},\"sentence\":") && buf_size(b, q->sentence) && BUF_LIT(b, "}\n");
}

int petrel_format_jsonl(const petrel_result *r, unsigned flags, petrel_buffer *b)
{
    bool ok = BUF_LIT(b, "{\"type\":\"document\",\"id\":") && buf_json_cstr(b, r->id) &&
              BUF_LIT(b, ",\"date\":") && buf_json_cstr(b, r->date) &&
              BUF_LIT(b, ",\"url\":") && buf_json_cstr(b, r->url) &&
              BUF_LIT(b, ",\"title\":") && buf_json_cstr(b, r->title) &&
              BUF_LIT(b, ",\"dropped\":[");
    for (size_t i = 0; ok && i < r->n_dropped; i++)
        ok = (!i || BUF_LIT(b, ",")) && BUF_LIT(b, "{\"start\":") &&
             buf_size(b, r->dropped[i].start) && BUF_LIT(b, ",\"end\":") &&
             buf_size(b, r->dropped[i].end) && BUF_LIT(b, ",\"reason\":") &&
             buf_json_cstr(b, r->dropped[i].reason) && BUF_LIT(b, "}");
    ok = ok && BUF_LIT(b, "],\"sentences\":") && buf_size(b, r->n_sentences) &&
         BUF_LIT(b, ",\"quotes\":") &&
         buf_size(b, (flags & PETREL_OUT_NO_QUOTES) ? 0 : r->n_quotes) &&
         BUF_LIT(b, ",\"attributions\":") &&
         buf_size(b, (flags & PETREL_OUT_NO_ATTRIBUTIONS) ? 0 : r->n_attributions) &&
         BUF_LIT(b, ",\"events\":") &&
         buf_size(b, (flags & PETREL_OUT_NO_EVENTS) ? 0 : r->n_events);
    if (ok && (r->keep_text || (flags & PETREL_OUT_TEXT)))
        ok = BUF_LIT(b, ",\"text\":") && buf_json_string(b, r->text, r->text_len);
    ok = ok && BUF_LIT(b, "}\n");

    if (flags & PETREL_OUT_SENTENCES)
        for (size_t i = 0; ok && i < r->n_sentences; i++)
            ok = BUF_LIT(b, "{\"type\":\"sentence\",\"doc\":") && buf_json_cstr(b, r->id) &&
                 BUF_LIT(b, ",\"index\":") && buf_size(b, i) && BUF_LIT(b, ",\"start\":") &&
                 buf_size(b, r->sentences[i].start) && BUF_LIT(b, ",\"end\":") &&
                 buf_size(b, r->sentences[i].end) && BUF_LIT(b, ",\"paragraph\":") &&
                 buf_size(b, r->sentences[i].paragraph) && BUF_LIT(b, "}\n");

    if (flags & PETREL_OUT_MENTIONS)
        for (size_t i = 0; ok && i < r->n_mentions; i++) {
            const petrel_mention *m = &r->mentions[i];
            ok = BUF_LIT(b, "{\"type\":\"mention\",\"doc\":") && buf_json_cstr(b, r->id) &&
                 BUF_LIT(b, ",\"start\":") && buf_size(b, m->span.start) &&
                 BUF_LIT(b, ",\"end\":") && buf_size(b, m->span.end) && BUF_LIT(b, ",\"text\":") &&
                 buf_json_string(b, m->span.text, m->span.text_len) &&
                 BUF_LIT(b, ",\"actor\":") && buf_json_cstr(b, m->actor) &&
                 BUF_LIT(b, ",\"name\":") && buf_json_cstr(b, m->name) &&
                 BUF_LIT(b, ",\"how\":") && buf_json_cstr(b, m->how) &&
                 BUF_LIT(b, ",\"sentence\":") && buf_size(b, m->sentence) && BUF_LIT(b, "}\n");
        }

    if (!(flags & PETREL_OUT_NO_QUOTES))
        for (size_t i = 0; ok && i < r->n_quotes; i++)
            ok = put_quote(b, r->id, &r->quotes[i]);
    if (!(flags & PETREL_OUT_NO_ATTRIBUTIONS))
        for (size_t i = 0; ok && i < r->n_attributions; i++)
            ok = put_quote(b, r->id, &r->attributions[i]);

    if (!(flags & PETREL_OUT_NO_EVENTS))
        for (size_t i = 0; ok && i < r->n_events; i++) {
            const petrel_event *e = &r->events[i];
            ok = BUF_LIT(b, "{\"type\":\"event\",\"doc\":") && buf_json_cstr(b, r->id) &&
                 BUF_LIT(b, ",\"code\":") && buf_json_cstr(b, e->code) &&
                 BUF_LIT(b, ",\"root\":") && buf_json_cstr(b, e->root) &&
                 BUF_LIT(b, ",\"plover\":") && buf_json_cstr(b, e->plover) &&
                 BUF_LIT(b, ",\"goldstein\":") && buf_tenths(b, e->goldstein) &&
                 BUF_LIT(b, ",\"quad\":") && buf_int(b, e->quad) && BUF_LIT(b, ",\"source\":") &&
                 put_actor(b, &e->source) && BUF_LIT(b, ",\"target\":") &&
                 (e->has_target ? put_actor(b, &e->target) : BUF_LIT(b, "null")) &&
                 BUF_LIT(b, ",\"verb\":") && put_span(b, &e->verb) &&
                 BUF_LIT(b, ",\"sentence\":{\"start\":") && buf_size(b, e->sentence.start) &&
                 BUF_LIT(b, ",\"end\":") && buf_size(b, e->sentence.end) &&
                 BUF_LIT(b, "},\"date\":") &&
                 (e->date[0] ? buf_json_cstr(b, e->date) : BUF_LIT(b, "null")) &&
                 BUF_LIT(b, ",\"date_text\":") &&
                 (e->has_date_text ? buf_json_string(b, e->date_text.text, e->date_text.text_len)
                                   : BUF_LIT(b, "null")) &&
                 (e->negated ? BUF_LIT(b, ",\"negated\":true,\"mode\":\"")
                             : BUF_LIT(b, ",\"negated\":false,\"mode\":\"")) &&
                 buf_puts(b, modes[e->mode]) && BUF_LIT(b, "\",\"claimed_by\":") &&
                 (e->claimed ? (BUF_LIT(b, "{\"name\":") && buf_json_cstr(b, e->claimed_name) &&
                                BUF_LIT(b, ",\"actor\":") &&
                                buf_json_cstr(b, e->claimed_actor) && BUF_LIT(b, "}"))
                             : BUF_LIT(b, "null")) &&
                 BUF_LIT(b, ",\"pattern\":") && buf_json_cstr(b, e->pattern) &&
                 BUF_LIT(b, "}\n");
        }
    return ok ? PETREL_OK : PETREL_ERR_NOMEM;
}
