/*
 * html_scan.c - a fast pass over raw markup before gumbo sees it.
 *
 * Gumbo tokenizes a code point at a time, so the bytes it never needs to see
 * are the cheapest speed-up there is: on news pages scripts, styles, inline
 * SVG and comments are about 60% of the bytes. This pass recognises tags the
 * way the HTML tokenizer does (a '<' then a letter, attributes with quoted
 * values, raw-text elements ending at their end tag) but builds no tree.
 *
 * It also keeps gumbo's work bounded on hostile input: it tracks the open
 * elements well enough to cap the nesting depth, and caps unclosed formatting
 * elements, which the HTML algorithm re-opens in every later paragraph.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* Deeper than any real page; what goes past it is flattened, not lost. */
#define MAX_DEPTH 256
/* Unclosed <b>, <font>, ... that the page may keep open at once. */
#define MAX_FORMATTING 8

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c | 0x20 : c; }

/* Case-insensitive search for needle (lower case, first byte not a letter or
 * a lower-case letter) in s[0, n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    unsigned char first = (unsigned char)needle[0];
    if (k > n)
        return NULL;
    if (!is_alpha(first)) {
        for (size_t i = 0; i + k <= n;) {
            const char *p = memchr(s + i, first, n - k + 1 - i);
            if (!p)
                return NULL;
            if (!strncasecmp(p, needle, k))
                return p;
            i = (size_t)(p - s) + 1;
        }
        return NULL;
    }
    for (size_t i = 0; i + k <= n; i++)
        if (lower((unsigned char)s[i]) == first && !strncasecmp(s + i, needle, k))
            return s + i;
    return NULL;
}

int html_next_attr(const char *in, size_t len, size_t *pos, const char **name, size_t *name_len,
                    const char **value, size_t *value_len)
{
    size_t k = *pos;
    while (k < len && (is_space((unsigned char)in[k]) || in[k] == '/'))
        k++;
    if (k >= len) {
        *pos = len;
        return -1;
    }
    if (in[k] == '>') {
        *pos = k + 1;
        return 0;
    }
    /* the first character of a name may be '=' (the tokenizer allows it) */
    size_t ns = k++;
    while (k < len && !is_space((unsigned char)in[k]) && in[k] != '/' && in[k] != '>' &&
           in[k] != '=')
        k++;
    *name = in + ns;
    *name_len = k - ns;
    *value = "";
    *value_len = 0;
    size_t save = k;
    while (k < len && is_space((unsigned char)in[k]))
        k++;
    if (k < len && in[k] == '=') {
        k++;
        while (k < len && is_space((unsigned char)in[k]))
            k++;
        if (k < len && (in[k] == '"' || in[k] == '\'')) {
            const char *end = memchr(in + k + 1, in[k], len - k - 1);
            size_t e = end ? (size_t)(end - in) : len;
            *value = in + k + 1;
            *value_len = e - k - 1;
            k = end ? e + 1 : len;
        } else {
            size_t vs = k;
            while (k < len && !is_space((unsigned char)in[k]) && in[k] != '>')
                k++;
            *value = in + vs;
            *value_len = k - vs;
        }
    } else {
        k = save;
    }
    *pos = k;
    return 1;
}

/* Just past the '>' that ends the tag whose attributes start at pos; len
 * when the input ends first (then *closed is false). */
static size_t tag_end(const char *in, size_t len, size_t pos, bool *closed)
{
    const char *n, *v;
    size_t nl, vl;
    int r;
    while ((r = html_next_attr(in, len, &pos, &n, &nl, &v, &vl)) > 0)
        ;
    if (closed)
        *closed = r == 0;
    return pos;
}

/* Just past the "-->" (or "--!>") that ends a comment whose text starts at s. */
static size_t comment_end(const char *in, size_t len, size_t s)
{
    while (s + 2 < len) {
        const char *p = memchr(in + s, '-', len - s - 2);
        if (!p)
            break;
        size_t k = (size_t)(p - in);
        if (in[k + 1] == '-') {
            if (in[k + 2] == '>')
                return k + 3;
            if (k + 3 < len && in[k + 2] == '!' && in[k + 3] == '>')
                return k + 4;
        }
        s = k + 1;
    }
    return len;
}

/* What the pass does with an element, by name. */
enum tag_class {
    T_OTHER,     /* copied, counted in the depth */
    T_VOID,      /* copied, never has content */
    T_OPTIONAL,  /* copied, end tag optional: not counted (the parser closes them) */
    T_FORMAT,    /* copied, counted, and capped while unclosed */
    T_DROP_RAW,  /* dropped with its raw-text content: style, noscript, iframe, ... */
    T_DROP_NEST, /* dropped with its content, which may nest: svg, math, template */
    T_DROP_BOILER, /* page furniture the extractor never takes text from (nav, aside,
                    * footer, form controls): dropped with its content when its end tag
                    * is there, else kept, so a missing end tag cannot swallow the page */
    T_SCRIPT,    /* dropped, unless JSON-LD, which is kept aside */
    T_RCDATA,    /* copied, content is text up to the end tag: title, textarea */
    T_PLAINTEXT, /* the rest of the input is text */
};

typedef struct tag_name {
    const char *name;
    enum tag_class cls;
} tag_name;

static const tag_name tag_names[] = {
    {"area", T_VOID},       {"base", T_VOID},         {"basefont", T_VOID},
    {"bgsound", T_VOID},    {"br", T_VOID},           {"col", T_VOID},
    {"embed", T_VOID},      {"frame", T_VOID},        {"hr", T_VOID},
    {"image", T_VOID},      {"img", T_VOID},          {"input", T_VOID},
    {"keygen", T_VOID},     {"link", T_VOID},         {"meta", T_VOID},
    {"param", T_VOID},      {"source", T_VOID},       {"track", T_VOID},
    {"wbr", T_VOID},        {"p", T_OPTIONAL},        {"li", T_OPTIONAL},
    {"dt", T_OPTIONAL},     {"dd", T_OPTIONAL},       {"option", T_OPTIONAL},
    {"optgroup", T_OPTIONAL}, {"rb", T_OPTIONAL},     {"rt", T_OPTIONAL},
    {"rtc", T_OPTIONAL},    {"rp", T_OPTIONAL},       {"tr", T_OPTIONAL},
    {"td", T_OPTIONAL},     {"th", T_OPTIONAL},       {"tbody", T_OPTIONAL},
    {"thead", T_OPTIONAL},  {"tfoot", T_OPTIONAL},    {"colgroup", T_OPTIONAL},
    {"caption", T_OPTIONAL}, {"html", T_OPTIONAL},    {"head", T_OPTIONAL},
    {"body", T_OPTIONAL},   {"a", T_FORMAT},          {"b", T_FORMAT},
    {"big", T_FORMAT},      {"code", T_FORMAT},       {"em", T_FORMAT},
    {"font", T_FORMAT},     {"i", T_FORMAT},          {"nobr", T_FORMAT},
    {"s", T_FORMAT},        {"small", T_FORMAT},      {"strike", T_FORMAT},
    {"strong", T_FORMAT},   {"tt", T_FORMAT},         {"u", T_FORMAT},
    {"style", T_DROP_RAW},  {"noscript", T_DROP_RAW}, {"iframe", T_DROP_RAW},
    {"noembed", T_DROP_RAW}, {"noframes", T_DROP_RAW}, {"svg", T_DROP_NEST},
    {"math", T_DROP_NEST},  {"template", T_DROP_NEST}, {"script", T_SCRIPT},
    {"nav", T_DROP_BOILER}, {"aside", T_DROP_BOILER}, {"footer", T_DROP_BOILER},
    {"select", T_DROP_BOILER}, {"button", T_DROP_BOILER},
    {"title", T_RCDATA},    {"textarea", T_RCDATA},   {"xmp", T_RCDATA},
    {"plaintext", T_PLAINTEXT},
};

static enum tag_class classify(const char *name, size_t n)
{
    if (n > 9)
        return T_OTHER;
    unsigned char first = lower((unsigned char)name[0]);
    for (size_t i = 0; i < sizeof tag_names / sizeof *tag_names; i++) {
        const char *t = tag_names[i].name;
        if ((unsigned char)t[0] == first && strlen(t) == n && !strncasecmp(t, name, n))
            return tag_names[i].cls;
    }
    return T_OTHER;
}

static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ lower((unsigned char)s[i])) * 16777619u;
    return h ? h : 1;
}

/* Just past the end tag </name...> at or after from, or len when there is none. */
static size_t skip_to_end_tag(const char *in, size_t len, size_t from, const char *name,
                              size_t name_len, size_t *end_start)
{
    size_t i = from;
    for (;;) {
        const char *p = i < len ? memchr(in + i, '<', len - i) : NULL;
        if (!p) {
            *end_start = len;
            return len;
        }
        i = (size_t)(p - in);
        if (i + 2 + name_len <= len && in[i + 1] == '/' &&
            !strncasecmp(in + i + 2, name, name_len) &&
            (i + 2 + name_len == len || is_space((unsigned char)in[i + 2 + name_len]) ||
             in[i + 2 + name_len] == '/' || in[i + 2 + name_len] == '>')) {
            *end_start = i;
            return tag_end(in, len, i + 2 + name_len, NULL);
        }
        i++;
    }
}

/* Just past the element that nests its own kind (svg in svg), or len. */
static size_t skip_nested(const char *in, size_t len, size_t from, const char *name,
                          size_t name_len, bool *found)
{
    int depth = 1;
    size_t i = from;
    if (found)
        *found = false;
    while (depth > 0) {
        const char *p = i < len ? memchr(in + i, '<', len - i) : NULL;
        if (!p)
            return len;
        i = (size_t)(p - in) + 1;
        bool close = i < len && in[i] == '/';
        size_t s = i + close;
        if (s + name_len <= len && !strncasecmp(in + s, name, name_len) &&
            (s + name_len == len || is_space((unsigned char)in[s + name_len]) ||
             in[s + name_len] == '/' || in[s + name_len] == '>')) {
            size_t e = tag_end(in, len, s + name_len, NULL);
            bool self_closing = !close && e >= 2 && e <= len && in[e - 1] == '>' && in[e - 2] == '/';
            if (close)
                depth--;
            else if (!self_closing)
                depth++;
            i = e;
        }
    }
    if (found)
        *found = true;
    return i;
}

static bool attr_is(const char *n, size_t nl, const char *want)
{
    return strlen(want) == nl && !strncasecmp(n, want, nl);
}

static bool is_jsonld(const char *in, size_t len, size_t pos)
{
    const char *n, *v;
    size_t nl, vl;
    while (html_next_attr(in, len, &pos, &n, &nl, &v, &vl) > 0)
        if (attr_is(n, nl, "type") && find_ci(v, vl, "ld+json"))
            return true;
    return false;
}

/* Void elements worth passing on: of the <link>s (stylesheets, preloads,
 * icons) only rel=canonical is read, of the <meta>s those html_meta.c reads,
 * and <br> and <hr> break text; images and inputs hold nothing to read. */
static bool void_wanted(const char *in, size_t len, size_t ns, size_t ne)
{
    size_t k = ne - ns;
    const char *t = in + ns;
    bool link = k == 4 && !strncasecmp(t, "link", 4), meta = k == 4 && !strncasecmp(t, "meta", 4);
    if (!link && !meta)
        return (k == 2 && (!strncasecmp(t, "br", 2) || !strncasecmp(t, "hr", 2))) ||
               (k == 3 && !strncasecmp(t, "col", 3));
    size_t pos = ne;
    const char *n, *v;
    size_t nl, vl;
    while (html_next_attr(in, len, &pos, &n, &nl, &v, &vl) > 0) {
        if (link && attr_is(n, nl, "rel") && vl == 9 && !strncasecmp(v, "canonical", 9))
            return true;
        if (meta && (attr_is(n, nl, "name") || attr_is(n, nl, "property") ||
                     attr_is(n, nl, "itemprop")) &&
            html_meta_key_wanted(v, vl))
            return true;
    }
    return false;
}

typedef struct open_stack {
    uint32_t names[MAX_DEPTH];
    bool pre[MAX_DEPTH]; /* a <pre> or <listing>: white space is kept inside */
    int depth, n_pre;
    /* tags dropped past the cap, by name hash bucket, so their end tags go too */
    uint16_t dropped[64];
    int formatting;
} open_stack;

/* An end tag for name: pops it and what was opened inside it, as the parser
 * would; false when the tag should be dropped (its start tag was). */
static bool close_tag(open_stack *st, uint32_t h, enum tag_class cls)
{
    if (st->dropped[h & 63]) {
        st->dropped[h & 63]--;
        return false;
    }
    if (cls == T_FORMAT && st->formatting > 0)
        st->formatting--;
    for (int i = st->depth - 1; i >= 0; i--)
        if (st->names[i] == h) {
            for (int k = i; k < st->depth; k++)
                st->n_pre -= st->pre[k];
            st->depth = i;
            break;
        }
    return true;
}

/* A start tag: false when it must be dropped to keep the caps. */
static bool open_tag(open_stack *st, uint32_t h, enum tag_class cls, bool pre)
{
    if (cls == T_FORMAT) {
        if (st->formatting >= MAX_FORMATTING) {
            st->dropped[h & 63]++;
            return false;
        }
        st->formatting++;
    }
    if (st->depth >= MAX_DEPTH) {
        st->dropped[h & 63]++;
        if (cls == T_FORMAT)
            st->formatting--;
        return false;
    }
    st->pre[st->depth] = pre;
    st->n_pre += pre;
    st->names[st->depth++] = h;
    return true;
}

/* Attributes passed on as they are; class, id, role and itemprop=articleBody
 * are passed on as their verdict (html_verdict.c), and the others (href, src,
 * srcset, data-*, style, on*) are most of a tag's bytes and are not read. */
static bool attr_wanted(const char *n, size_t nl, bool is_link)
{
    static const char *const keep[] = {"content", "name", "property", "rel", "datetime",
                                       "pubdate", "hidden", NULL};
    for (int k = 0; keep[k]; k++)
        if (attr_is(n, nl, keep[k]))
            return true;
    return is_link && attr_is(n, nl, "href");
}

static bool hides(const char *v, size_t n)
{
    char compact[128];
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < sizeof compact; i++)
        if (!is_space((unsigned char)v[i]))
            compact[j++] = (char)lower((unsigned char)v[i]);
    compact[j] = '\0';
    return strstr(compact, "display:none") || strstr(compact, "visibility:hidden");
}

/* A start tag reduced to what the extractor reads: the name, the wanted
 * attributes, the verdict of its class/id/role words as _b, _c or _a, and an
 * inline style that hides it as hidden. Never longer than the original: each
 * addition replaces a longer attribute. */
static size_t put_start_tag(char *o, const char *in, size_t len, size_t ns, size_t ne)
{
    size_t j = 0;
    o[j++] = '<';
    memcpy(o + j, in + ns, ne - ns);
    j += ne - ns;
    bool is_link = ne - ns == 4 && !strncasecmp(in + ns, "link", 4);
    size_t pos = ne;
    const char *n, *v;
    size_t nl, vl;
    html_attrs at;
    memset(&at, 0, sizeof at);
    size_t prev = pos;
    while (html_next_attr(in, len, &pos, &n, &nl, &v, &vl) > 0) {
        /* a space only where the page had one: an attribute may follow a
         * quoted value directly */
        size_t start = (size_t)(n - in);
        bool sep = start > prev;
        prev = pos;
        if (attr_is(n, nl, "class")) {
            at.cls = v;
            at.cls_len = vl;
        } else if (attr_is(n, nl, "id")) {
            at.id = v;
            at.id_len = vl;
        } else if (attr_is(n, nl, "role")) {
            at.role = v;
            at.role_len = vl;
        } else if (attr_is(n, nl, "itemprop")) {
            at.itemprop = v;
            at.itemprop_len = vl;
            if (html_meta_key_wanted(v, vl)) {
                if (sep)
                    o[j++] = ' ';
                memcpy(o + j, n, pos - start);
                j += pos - start;
            }
        } else if (attr_wanted(n, nl, is_link)) {
            if (sep)
                o[j++] = ' ';
            memcpy(o + j, n, pos - start);
            j += pos - start;
        } else if (attr_is(n, nl, "style") && hides(v, vl)) {
            if (sep)
                o[j++] = ' ';
            memcpy(o + j, "hidden", 6);
            j += 6;
        }
    }
    int verdict = html_attr_verdict(&at);
    if (verdict != V_NONE) {
        memcpy(o + j, verdict == V_BOILER ? " _b" : verdict == V_CONTENT ? " _c" : " _a", 3);
        j += 3;
    }
    o[j++] = '>';
    return j;
}

/* Text, with runs of white space cut to their first character outside <pre>. */
static size_t put_text(char *o, const char *in, size_t from, size_t to, bool keep_space)
{
    if (keep_space) {
        memcpy(o, in + from, to - from);
        return to - from;
    }
    size_t j = 0;
    bool space = false;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)in[i];
        if (is_space(c)) {
            if (!space)
                o[j++] = (char)c;
            space = true;
        } else {
            o[j++] = (char)c;
            space = false;
        }
    }
    return j;
}

/* Gumbo adds up the digits of a numeric character reference in an int, so
 * "&#66666666666;" overflows into a negative code point that it encodes as
 * bytes that are not UTF-8. A reference with more significant digits than any
 * code point has (U+10FFFF: 7 decimal, 6 hex) is U+FFFD whatever its digits,
 * so it is rewritten as one, in place (the result is never longer). */
static size_t defuse_numeric_refs(char *o, size_t n)
{
    char *hit = memchr(o, '&', n);
    if (!hit)
        return n;
    size_t j = (size_t)(hit - o);
    for (size_t i = j; i < n;) {
        if (o[i] != '&' || i + 2 >= n || o[i + 1] != '#') {
            o[j++] = o[i++];
            continue;
        }
        bool hex = (o[i + 2] | 0x20) == 'x';
        size_t d = i + 2 + (hex ? 1 : 0);
        while (d < n && o[d] == '0')
            d++;
        size_t e = d;
        while (e < n && (hex ? (o[e] >= '0' && o[e] <= '9') || ((o[e] | 0x20) >= 'a' && (o[e] | 0x20) <= 'f')
                             : (o[e] >= '0' && o[e] <= '9')))
            e++;
        if (e - d > (hex ? 6u : 7u)) {
            memcpy(o + j, "&#65533", 7);
            j += 7;
            i = e;
        } else {
            o[j++] = o[i++];
        }
    }
    return j;
}

int html_prefilter(const char *in, size_t len, html_filtered *out)
{
    memset(out, 0, sizeof *out);
    out->buf = malloc(len + 1);
    if (!out->buf)
        return -1;
    char *o = out->buf;
    size_t j = 0, i = 0;
    open_stack st;
    memset(&st, 0, sizeof st);
#define COPY(from, to)                                                                 \
    do {                                                                               \
        memcpy(o + j, in + (from), (to) - (from));                                     \
        j += (to) - (from);                                                            \
    } while (0)
    while (i < len) {
        const char *lt = memchr(in + i, '<', len - i);
        size_t t = lt ? (size_t)(lt - in) : len;
        j += put_text(o + j, in, i, t, st.n_pre > 0);
        i = t;
        if (!lt)
            break;
        if (i + 1 >= len) {
            o[j++] = '<';
            i++;
            break;
        }
        unsigned char c = (unsigned char)in[i + 1];
        if (c == '!') {
            if (i + 4 <= len && in[i + 2] == '-' && in[i + 3] == '-') {
                /* a comment; "<!-->" and "<!--->" are complete ones */
                size_t s = i + 4;
                if (s < len && in[s] == '>') {
                    i = s + 1;
                } else if (s + 1 < len && in[s] == '-' && in[s + 1] == '>') {
                    i = s + 2;
                } else {
                    i = comment_end(in, len, s);
                }
                continue;
            }
            /* doctype, CDATA or a bogus comment: up to the next '>' */
            const char *gt = memchr(in + i, '>', len - i);
            size_t e = gt ? (size_t)(gt - in) + 1 : len;
            if (i + 9 <= len && !strncasecmp(in + i + 2, "doctype", 7))
                COPY(i, e);
            i = e;
            continue;
        }
        if (c == '?') { /* a bogus comment */
            const char *gt = memchr(in + i, '>', len - i);
            i = gt ? (size_t)(gt - in) + 1 : len;
            continue;
        }
        bool end = c == '/';
        size_t ns = i + 1 + end;
        if (ns >= len || !is_alpha((unsigned char)in[ns])) {
            o[j++] = '<'; /* text, as the tokenizer sees it */
            i++;
            continue;
        }
        size_t ne = ns;
        while (ne < len && !is_space((unsigned char)in[ne]) && in[ne] != '/' && in[ne] != '>')
            ne++;
        bool closed;
        size_t te = tag_end(in, len, ne, &closed);
        if (!closed) {
            i = len; /* a tag cut off by the end of input is dropped, as the tokenizer does */
            break;
        }
        enum tag_class cls = classify(in + ns, ne - ns);
        uint32_t h = name_hash(in + ns, ne - ns);
        if (end) {
            if (cls == T_VOID || cls == T_OPTIONAL || close_tag(&st, h, cls)) {
                o[j++] = '<';
                o[j++] = '/';
                memcpy(o + j, in + ns, ne - ns);
                j += ne - ns;
                o[j++] = '>';
            }
            i = te;
            continue;
        }
        switch (cls) {
        case T_SCRIPT: {
            size_t es;
            size_t after = skip_to_end_tag(in, len, te, "script", 6, &es);
            if (is_jsonld(in, len, ne) && out->n_jsonld < HTML_MAX_JSONLD) {
                out->jsonld[out->n_jsonld].off = te;
                out->jsonld[out->n_jsonld].len = es - te;
                out->n_jsonld++;
            }
            i = after;
            continue;
        }
        case T_DROP_RAW: {
            size_t es;
            i = skip_to_end_tag(in, len, te, in + ns, ne - ns, &es);
            continue;
        }
        case T_DROP_NEST:
            if (te >= 2 && in[te - 2] == '/') /* <svg/> */
                i = te;
            else
                i = skip_nested(in, len, te, in + ns, ne - ns, NULL);
            continue;
        case T_DROP_BOILER: {
            bool found;
            size_t after = skip_nested(in, len, te, in + ns, ne - ns, &found);
            if (found) {
                i = after;
                continue;
            }
            if (open_tag(&st, h, T_OTHER, false))
                j += put_start_tag(o + j, in, len, ns, ne);
            i = te;
            continue;
        }
        case T_RCDATA: {
            size_t es;
            size_t after = skip_to_end_tag(in, len, te, in + ns, ne - ns, &es);
            COPY(i, after);
            i = after;
            continue;
        }
        case T_PLAINTEXT:
            COPY(i, len);
            i = len;
            continue;
        case T_VOID:
            if (void_wanted(in, len, ns, ne))
                j += put_start_tag(o + j, in, len, ns, ne);
            i = te;
            continue;
        case T_OPTIONAL:
            j += put_start_tag(o + j, in, len, ns, ne);
            i = te;
            continue;
        default: {
            bool pre = (ne - ns == 3 && !strncasecmp(in + ns, "pre", 3)) ||
                       (ne - ns == 7 && !strncasecmp(in + ns, "listing", 7));
            if (open_tag(&st, h, cls, pre))
                j += put_start_tag(o + j, in, len, ns, ne);
            else
                out->depth_capped = true;
            i = te;
            continue;
        }
        }
    }
#undef COPY
    j = defuse_numeric_refs(o, j);
    o[j] = '\0';
    out->len = j;
    return 0;
}

bool html_meta_charset(const char *in, size_t len, char *buf, size_t cap)
{
    /* The HTML standard looks at the first 1024 bytes; real pages often put
     * the declaration after long <script> blocks, so look further. */
    if (len > 65536)
        len = 65536;
    size_t i = 0;
    for (;;) {
        const char *p = find_ci(in + i, len - i, "<meta");
        if (!p)
            return false;
        size_t pos = (size_t)(p - in) + 5;
        if (pos < len && !is_space((unsigned char)in[pos]) && in[pos] != '/') {
            i = pos;
            continue;
        }
        const char *n, *v, *content = NULL;
        size_t nl, vl, content_len = 0;
        bool http_ct = false;
        while (html_next_attr(in, len, &pos, &n, &nl, &v, &vl) > 0) {
            if (attr_is(n, nl, "charset") && vl && vl < cap) {
                size_t k = 0;
                while (k < vl && is_space((unsigned char)v[k]))
                    k++;
                size_t m = 0;
                for (; k < vl && !is_space((unsigned char)v[k]) && m + 1 < cap; k++)
                    buf[m++] = (char)lower((unsigned char)v[k]);
                buf[m] = '\0';
                if (m)
                    return true;
            } else if (attr_is(n, nl, "http-equiv") && vl == 12 &&
                       !strncasecmp(v, "content-type", 12)) {
                http_ct = true;
            } else if (attr_is(n, nl, "content")) {
                content = v;
                content_len = vl;
            }
        }
        if (http_ct && content && html_content_type_charset(content, content_len, buf, cap))
            return true;
        i = pos;
        if (i >= len)
            return false;
    }
}

bool html_content_type_charset(const char *value, size_t len, char *buf, size_t cap)
{
    const char *p = find_ci(value, len, "charset");
    if (!p)
        return false;
    size_t k = (size_t)(p - value) + 7;
    while (k < len && is_space((unsigned char)value[k]))
        k++;
    if (k >= len || value[k] != '=')
        return false;
    k++;
    while (k < len && (is_space((unsigned char)value[k]) || value[k] == '"' || value[k] == '\''))
        k++;
    size_t m = 0;
    while (k < len && m + 1 < cap && !is_space((unsigned char)value[k]) && value[k] != ';' &&
           value[k] != '"' && value[k] != '\'' && value[k] != ',')
        buf[m++] = (char)lower((unsigned char)value[k++]);
    buf[m] = '\0';
    return m > 0;
}
