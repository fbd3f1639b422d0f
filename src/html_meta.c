/*
 * html_meta.c - title, publication date, canonical URL and author of a page.
 *
 * Pages say these things in many overlapping ways (Open Graph, schema.org as
 * microdata or JSON-LD, Dublin Core, plain <meta name>, <time>, the URL). The
 * ranks below prefer what is most often right: a tag written for machines
 * about this article over one that may describe the site or another article
 * on the page, and an explicit date over one guessed from the URL.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_meta.h"
#include "petrel.h"

/* Ranks, best first. */
enum {
    R_META = 0,    /* a property made for it: og:title, article:published_time, rel=canonical */
    R_JSONLD = 1,  /* JSON-LD of an Article */
    R_ITEMPROP = 2,
    R_META_OTHER = 3, /* generic names: date, pubdate, dc.date, twitter:title ... */
    R_JSONLD_OTHER = 4,
    R_TIME = 5, /* <time datetime> */
    R_H1 = 6,
    R_TITLE = 7, /* <title> */
    R_URL = 8,   /* a date in the URL's path */
};

#define MAX_FIELD 1024

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whitespace collapsed and trimmed, into a malloc'd string; NULL when empty. */
static char *squeeze(const char *s, size_t n)
{
    if (n > MAX_FIELD)
        n = MAX_FIELD;
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    size_t j = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c) || c == 0) {
            space = j > 0;
            continue;
        }
        if (space)
            o[j++] = ' ';
        space = false;
        o[j++] = (char)c;
    }
    /* a cut (here or by the caller) may have split a UTF-8 sequence: drop it */
    size_t k = j;
    while (k > 0 && k + 4 > j && ((unsigned char)o[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && ((unsigned char)o[k - 1] & 0x80)) {
        unsigned char lead = (unsigned char)o[k - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (k - 1 + want > j)
            j = k - 1;
    }
    while (j > 0 && o[j - 1] == ' ')
        j--;
    o[j] = '\0';
    if (!j) {
        free(o);
        return NULL;
    }
    return o;
}

static void set_field(meta_field *f, char *value, int rank)
{
    if (!value)
        return;
    if (f->value && f->rank <= rank) {
        free(value);
        return;
    }
    free(f->value);
    f->value = value;
    f->rank = rank;
}

static void set_text(meta_field *f, const char *s, size_t n, int rank)
{
    if (f->value && f->rank <= rank)
        return;
    set_field(f, squeeze(s, n), rank);
}

static void set_date(meta_field *f, const char *s, size_t n, int rank)
{
    if (f->value && f->rank <= rank)
        return;
    char d[11];
    if (html_parse_date(s, n, d))
        set_field(f, strdup(d), rank);
}

static bool is_http_url(const char *s)
{
    return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

static void set_url(meta_field *f, const char *s, int rank)
{
    while (is_space((unsigned char)*s))
        s++;
    if (!is_http_url(s) || strlen(s) > 2048)
        return;
    set_text(f, s, strlen(s), rank);
}

static const char *attr(const GumboNode *el, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&el->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* The text of a subtree, whitespace collapsed, at most cap-1 bytes. Walks with
 * a small explicit stack: deeper text (rare in a title) is left out. */
static size_t node_text(const GumboNode *root, char *buf, size_t cap)
{
    struct {
        const GumboNode *n;
        unsigned i;
    } st[32];
    int sp = 0;
    size_t j = 0;
    st[sp].n = root;
    st[sp++].i = 0;
    while (sp > 0 && j + 1 < cap) {
        const GumboNode *n = st[sp - 1].n;
        const GumboVector *ch = &n->v.element.children;
        if (st[sp - 1].i >= ch->length) {
            sp--;
            continue;
        }
        const GumboNode *c = ch->data[st[sp - 1].i++];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
            const char *t = c->v.text.text;
            size_t k = strlen(t);
            if (k > cap - 1 - j)
                k = cap - 1 - j;
            memcpy(buf + j, t, k);
            j += k;
        } else if ((c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) &&
                   sp < 32) {
            if (j + 1 < cap)
                buf[j++] = ' ';
            st[sp].n = c;
            st[sp++].i = 0;
        }
    }
    buf[j] = '\0';
    return j;
}

enum field { F_DATE, F_TITLE, F_URL, F_AUTHOR };

typedef struct meta_key {
    const char *key;
    enum field field;
    int rank;
} meta_key;

/* <meta property|name=KEY content=...> read for each field: the standard
 * properties, then generic names used by common publishing systems and
 * metadata vocabularies. */
static const meta_key meta_keys[] = {
    {"article:published_time", F_DATE, R_META},
    {"og:article:published_time", F_DATE, R_META},
    {"article:published", F_DATE, R_META},
    {"og:published_time", F_DATE, R_META},
    {"pubdate", F_DATE, R_META_OTHER},
    {"publishdate", F_DATE, R_META_OTHER},
    {"publish-date", F_DATE, R_META_OTHER},
    {"publish_date", F_DATE, R_META_OTHER},
    {"published_time", F_DATE, R_META_OTHER},
    {"date", F_DATE, R_META_OTHER},
    {"dc.date", F_DATE, R_META_OTHER},
    {"dc.date.issued", F_DATE, R_META_OTHER},
    {"dc.date.created", F_DATE, R_META_OTHER},
    {"dcterms.date", F_DATE, R_META_OTHER},
    {"dcterms.issued", F_DATE, R_META_OTHER},
    {"dcterms.created", F_DATE, R_META_OTHER},
    {"sailthru.date", F_DATE, R_META_OTHER},
    {"parsely-pub-date", F_DATE, R_META_OTHER},
    {"citation_publication_date", F_DATE, R_META_OTHER},
    {"citation_date", F_DATE, R_META_OTHER},
    {"datepublished", F_DATE, R_META_OTHER},
    {"date_published", F_DATE, R_META_OTHER},
    {"originalpublicationdate", F_DATE, R_META_OTHER},
    {"article.published", F_DATE, R_META_OTHER},
    {"published-date", F_DATE, R_META_OTHER},
    {"release_date", F_DATE, R_META_OTHER},
    {"created", F_DATE, R_META_OTHER},
    {"og:title", F_TITLE, R_META},
    {"twitter:title", F_TITLE, R_META_OTHER},
    {"dc.title", F_TITLE, R_META_OTHER},
    {"og:url", F_URL, R_META_OTHER},
    {"author", F_AUTHOR, R_META},
    {"article:author", F_AUTHOR, R_META_OTHER},
    {"parsely-author", F_AUTHOR, R_META_OTHER},
    {"sailthru.author", F_AUTHOR, R_META_OTHER},
    {"dc.creator", F_AUTHOR, R_META_OTHER},
    {"dcterms.creator", F_AUTHOR, R_META_OTHER},
    {"twitter:creator", F_AUTHOR, R_META_OTHER},
    {NULL, F_DATE, 0},
};
/* <meta itemprop=KEY content=...> (schema.org microdata) */
static const meta_key itemprop_keys[] = {
    {"datePublished", F_DATE, R_ITEMPROP},
    {"headline", F_TITLE, R_ITEMPROP},
    {"url", F_URL, R_ITEMPROP},
    {"author", F_AUTHOR, R_ITEMPROP},
    {NULL, F_DATE, 0},
};

static const meta_key *find_key(const meta_key *t, const char *k, size_t n)
{
    for (; t->key; t++)
        if (strlen(t->key) == n && !strncasecmp(t->key, k, n))
            return t;
    return NULL;
}

bool html_meta_key_wanted(const char *key, size_t n)
{
    return find_key(meta_keys, key, n) || find_key(itemprop_keys, key, n);
}

static void meta_tag(html_meta *m, const GumboNode *el)
{
    const char *content = attr(el, "content");
    if (!content)
        return;
    size_t n = strlen(content);
    const char *keys[3] = {attr(el, "property"), attr(el, "name"), attr(el, "itemprop")};
    for (int i = 0; i < 3; i++) {
        if (!keys[i])
            continue;
        const meta_key *k = find_key(i == 2 ? itemprop_keys : meta_keys, keys[i], strlen(keys[i]));
        if (!k)
            continue;
        switch (k->field) {
        case F_DATE:
            set_date(&m->date, content, n, k->rank);
            break;
        case F_TITLE:
            set_text(&m->title, content, n, k->rank);
            break;
        case F_URL:
            set_url(&m->url, content, k->rank);
            break;
        case F_AUTHOR:
            /* a profile URL or a @handle says who, but is not a name */
            if (!is_http_url(content) && content[0] != '@')
                set_text(&m->author, content, n, k->rank);
            break;
        }
    }
}

/* <title> text usually ends (or starts) with the site's name: keep the longest
 * part between separators. */
static void title_tag(html_meta *m, const GumboNode *el)
{
    if (m->title.value && m->title.rank <= R_TITLE)
        return;
    char buf[MAX_FIELD];
    size_t n = node_text(el, buf, sizeof buf);
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ",
                                       " \xC2\xBB ", NULL};
    const char *best = buf;
    size_t best_len = n;
    for (int s = 0; seps[s]; s++) {
        const char *p = strstr(buf, seps[s]);
        if (!p)
            continue;
        size_t a = (size_t)(p - buf);
        const char *second = p + strlen(seps[s]);
        size_t b = n - (size_t)(second - buf);
        if (a >= b) {
            best = buf;
            best_len = a;
        } else {
            best = second;
            best_len = b;
        }
        break;
    }
    set_text(&m->title, best, best_len, R_TITLE);
}

void html_meta_element(html_meta *m, const GumboNode *el)
{
    GumboTag tag = el->v.element.tag;
    char buf[MAX_FIELD];
    switch (tag) {
    case GUMBO_TAG_META:
        meta_tag(m, el);
        return;
    case GUMBO_TAG_LINK: {
        const char *rel = attr(el, "rel"), *href = attr(el, "href");
        if (rel && href && !strcasecmp(rel, "canonical"))
            set_url(&m->url, href, R_META);
        return;
    }
    case GUMBO_TAG_TITLE:
        if (el->parent && el->parent->type == GUMBO_NODE_ELEMENT &&
            el->parent->v.element.tag == GUMBO_TAG_HEAD)
            title_tag(m, el);
        return;
    case GUMBO_TAG_H1:
        if (!m->title.value || m->title.rank > R_H1) {
            size_t n = node_text(el, buf, sizeof buf);
            set_text(&m->title, buf, n, R_H1);
        }
        break;
    case GUMBO_TAG_TIME: {
        if (m->date.value && m->date.rank <= R_ITEMPROP)
            break;
        const char *dt = attr(el, "datetime");
        bool pub = attr(el, "pubdate") != NULL;
        const char *ip = attr(el, "itemprop");
        if (ip && !strcasecmp(ip, "datePublished"))
            pub = true;
        if (dt)
            set_date(&m->date, dt, strlen(dt), pub ? R_ITEMPROP : R_TIME);
        else if (pub) {
            size_t n = node_text(el, buf, sizeof buf);
            set_date(&m->date, buf, n, R_ITEMPROP);
        }
        return;
    }
    default:
        break;
    }
    const char *ip = attr(el, "itemprop");
    if (ip) {
        if (!strcasecmp(ip, "datePublished") && (!m->date.value || m->date.rank > R_ITEMPROP)) {
            const char *v = attr(el, "content");
            if (!v)
                v = attr(el, "datetime");
            if (v)
                set_date(&m->date, v, strlen(v), R_ITEMPROP);
            else {
                size_t n = node_text(el, buf, sizeof buf);
                set_date(&m->date, buf, n, R_ITEMPROP);
            }
        } else if (!strcasecmp(ip, "author") && (!m->author.value || m->author.rank > R_ITEMPROP)) {
            const char *v = attr(el, "content");
            if (v && !is_http_url(v))
                set_text(&m->author, v, strlen(v), R_ITEMPROP);
            else if (!v) {
                size_t n = node_text(el, buf, sizeof buf);
                const char *s = buf;
                while (is_space((unsigned char)*s))
                    s++;
                if (!strncasecmp(s, "by ", 3))
                    s += 3;
                set_text(&m->author, s, n - (size_t)(s - buf), R_ITEMPROP);
            }
        } else if (!strcasecmp(ip, "headline") && tag != GUMBO_TAG_META) {
            size_t n = node_text(el, buf, sizeof buf);
            set_text(&m->title, buf, n, R_ITEMPROP);
        }
    }
    if (tag == GUMBO_TAG_A && (!m->author.value || m->author.rank > R_TIME)) {
        const char *rel = attr(el, "rel");
        if (rel && !strcasecmp(rel, "author")) {
            size_t n = node_text(el, buf, sizeof buf);
            set_text(&m->author, buf, n, R_TIME);
        }
    }
}

/* ------------------------------------------------------------ JSON-LD */

static bool type_is_article(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (type_is_article(v)) return true;
        return false;
    }
    const char *s = json_string_value(t);
    return s && (strstr(s, "Article") || strstr(s, "Posting") || strstr(s, "Report"));
}

static void jsonld_author(html_meta *m, json_t *a, int rank)
{
    if (m->author.value && m->author.rank <= rank)
        return;
    char buf[MAX_FIELD];
    size_t j = 0;
    json_t *one = a;
    size_t n = json_is_array(a) ? json_array_size(a) : 1;
    for (size_t i = 0; i < n && i < 8; i++) {
        if (json_is_array(a))
            one = json_array_get(a, i);
        const char *name = json_is_string(one) ? json_string_value(one)
                                                : json_string_value(json_object_get(one, "name"));
        if (!name || !*name || is_http_url(name))
            continue;
        size_t k = strlen(name);
        if (j + k + 3 >= sizeof buf)
            break;
        if (j) {
            memcpy(buf + j, ", ", 2);
            j += 2;
        }
        memcpy(buf + j, name, k);
        j += k;
    }
    if (j)
        set_text(&m->author, buf, j, rank);
}

static void jsonld_object(html_meta *m, json_t *o, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) jsonld_object(m, v, depth + 1);
        return;
    }
    if (!json_is_object(o))
        return;
    bool art = type_is_article(json_object_get(o, "@type"));
    const char *s = json_string_value(json_object_get(o, "datePublished"));
    if (s)
        set_date(&m->date, s, strlen(s), art ? R_JSONLD : R_JSONLD_OTHER);
    if (art) {
        s = json_string_value(json_object_get(o, "headline"));
        if (s)
            set_text(&m->title, s, strlen(s), R_JSONLD);
        json_t *a = json_object_get(o, "author");
        if (a)
            jsonld_author(m, a, R_JSONLD);
        json_t *u = json_object_get(o, "mainEntityOfPage");
        s = json_is_object(u) ? json_string_value(json_object_get(u, "@id")) : json_string_value(u);
        if (!s)
            s = json_string_value(json_object_get(o, "url"));
        if (s)
            set_url(&m->url, s, R_JSONLD);
    }
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        if (json_is_object(v) || json_is_array(v))
            if (!strcmp(key, "@graph") || !strcmp(key, "mainEntity") || !strcmp(key, "itemListElement"))
                jsonld_object(m, v, depth + 1);
    }
}

void html_meta_jsonld(html_meta *m, const char *json, size_t len)
{
    /* CDATA wrappers and HTML comment markers around the JSON are common */
    while (len && is_space((unsigned char)*json)) {
        json++;
        len--;
    }
    static const char *const wrappers[] = {"//<![CDATA[", "<![CDATA[", "<!--", NULL};
    for (int i = 0; wrappers[i]; i++) {
        size_t k = strlen(wrappers[i]);
        if (len >= k && !memcmp(json, wrappers[i], k)) {
            json += k;
            len -= k;
        }
    }
    json_error_t je;
    json_t *root = json_loadb(json, len, JSON_DISABLE_EOF_CHECK, &je);
    if (!root)
        return;
    jsonld_object(m, root, 0);
    json_decref(root);
}

/* ------------------------------------------------------------ dates */

static int digits(const char *s, size_t n, size_t at, int k)
{
    if (at + (size_t)k > n)
        return -1;
    int v = 0;
    for (int i = 0; i < k; i++) {
        char c = s[at + (size_t)i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

static int month_name(const char *s, size_t n, size_t *at)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    size_t i = *at;
    if (i + 3 > n)
        return 0;
    for (int m = 0; m < 12; m++)
        if (!strncasecmp(s + i, names[m], 3)) {
            i += 3;
            while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
                i++;
            if (i < n && s[i] == '.')
                i++;
            *at = i;
            return m + 1;
        }
    return 0;
}

static bool make_date(int y, int mo, int d, char out[11])
{
    if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
    return petrel_date_is_valid(out);
}

bool html_parse_date(const char *s, size_t n, char out[11])
{
    size_t i = 0;
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    /* ISO 8601 and friends: 2019-11-19, 2019/11/19, 2019.11.19, 20191119 */
    int y = digits(s, n, i, 4);
    if (y >= 0) {
        char sep = i + 4 < n ? s[i + 4] : 0;
        if (sep == '-' || sep == '/' || sep == '.') {
            int mo = digits(s, n, i + 5, 2), d = digits(s, n, i + 8, 2);
            if (mo > 0 && d > 0 && s[i + 7] == sep && (i + 10 >= n || !(s[i + 10] >= '0' && s[i + 10] <= '9')))
                return make_date(y, mo, d, out);
            return false;
        }
        int mo = digits(s, n, i + 4, 2), d = digits(s, n, i + 6, 2);
        if (mo > 0 && d > 0 && (i + 8 >= n || !(s[i + 8] >= '0' && s[i + 8] <= '9')))
            return make_date(y, mo, d, out);
        return false;
    }
    /* a weekday in front: "Tue, 19 Nov 2019" */
    size_t k = i;
    while (k < n && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
        k++;
    if (k > i && k < n && s[k] == ',' && k - i <= 9) {
        size_t t = i;
        if (!month_name(s, n, &t)) {
            i = k + 1;
            while (i < n && is_space((unsigned char)s[i]))
                i++;
        }
    }
    /* "19 November 2019" */
    int d = digits(s, n, i, 2), dl = 2;
    if (d < 0) {
        d = digits(s, n, i, 1);
        dl = 1;
    }
    if (d > 0) {
        size_t at = i + (size_t)dl;
        while (at < n && (is_space((unsigned char)s[at]) || s[at] == '-'))
            at++;
        int mo = month_name(s, n, &at);
        while (at < n && (is_space((unsigned char)s[at]) || s[at] == '-' || s[at] == ','))
            at++;
        y = digits(s, n, at, 4);
        return mo && y > 0 && make_date(y, mo, d, out);
    }
    /* "November 19, 2019" */
    size_t at = i;
    int mo = month_name(s, n, &at);
    if (!mo)
        return false;
    while (at < n && is_space((unsigned char)s[at]))
        at++;
    d = digits(s, n, at, 2);
    dl = 2;
    if (d < 0) {
        d = digits(s, n, at, 1);
        dl = 1;
    }
    if (d <= 0)
        return false;
    at += (size_t)dl;
    while (at < n && ((s[at] | 0x20) == 's' || (s[at] | 0x20) == 't' || (s[at] | 0x20) == 'n' ||
                      (s[at] | 0x20) == 'd' || (s[at] | 0x20) == 'r' || (s[at] | 0x20) == 'h'))
        at++; /* 1st, 2nd, 3rd, 19th */
    while (at < n && (is_space((unsigned char)s[at]) || s[at] == ','))
        at++;
    y = digits(s, n, at, 4);
    return y > 0 && make_date(y, mo, d, out);
}

bool html_name_date(const char *p, size_t n, char out[11])
{
    if (n < 10)
        return false;
    for (size_t y_at = 0; y_at + 10 <= n; y_at++) {
        char before = y_at ? p[y_at - 1] : '/';
        if (before != '/' && before != '-' && before != '_')
            continue;
        int y = digits(p, n, y_at, 4);
        if (y < 1990)
            continue;
        char sep = p[y_at + 4];
        if (sep != '/' && sep != '-' && sep != '_')
            continue;
        int mo = digits(p, n, y_at + 5, 2), d = digits(p, n, y_at + 8, 2);
        bool ends = y_at + 10 == n || p[y_at + 10] < '0' || p[y_at + 10] > '9';
        if (mo > 0 && d > 0 && p[y_at + 7] == sep && ends && make_date(y, mo, d, out))
            return true;
    }
    return false;
}

/* /2019/11/19/ or -2019-11-19 in a URL's path. */
static bool url_date(const char *url, char out[11])
{
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    return p && html_name_date(p, strlen(p), out);
}

int html_meta_finish(html_meta *m, html_article *out)
{
    if (!m->date.value && m->url.value) {
        char d[11];
        if (url_date(m->url.value, d))
            set_field(&m->date, strdup(d), R_URL);
    }
    out->title = m->title.value;
    out->date = m->date.value;
    out->url = m->url.value;
    out->author = m->author.value;
    memset(m, 0, sizeof *m);
    return 0;
}

void html_meta_free(html_meta *m)
{
    free(m->title.value);
    free(m->date.value);
    free(m->url.value);
    free(m->author.value);
    memset(m, 0, sizeof *m);
}
