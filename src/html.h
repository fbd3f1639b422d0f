/*
 * html.h - from a web page to an article: charset decoding (charset.c), a fast
 * pre-pass over the markup (html_scan.c), the gumbo parse and the choice of
 * the article's blocks (html_extract.c), and the page's metadata
 * (html_meta.c). Used by the HTML and WARC readers.
 */
#ifndef PETREL_HTML_H
#define PETREL_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* ------------------------------------------------------------ charset.c */

/* The page as UTF-8. The encoding is, in order: a byte order mark, the
 * transport's charset (HTTP Content-Type, may be NULL), a <meta> declaration
 * in the first bytes, else UTF-8 when the bytes are valid UTF-8 and
 * windows-1252 when not. Labels follow the WHATWG Encoding standard
 * (iso-8859-1 and us-ascii mean windows-1252). Bytes that do not decode become
 * U+FFFD. *out points into data when no conversion was needed; else it is
 * a malloc'd buffer, also put in *owned for the caller to free (else *owned
 * is NULL). Returns 0, or -1 when out of memory. warn gets a note (e.g. an
 * unknown label) or "". */
int html_to_utf8(const char *data, size_t len, const char *transport_charset, const char **out,
                 size_t *out_len, char **owned, char *warn, size_t warn_cap);

/* The charset parameter of a Content-Type value ("text/html; charset=utf-8"),
 * lower-cased into buf; false when there is none. */
bool html_content_type_charset(const char *value, size_t len, char *buf, size_t cap);

/* ------------------------------------------------------------ html_scan.c */

/* Where a span of the input is. */
typedef struct html_span {
    size_t off, len;
} html_span;

#define HTML_MAX_JSONLD 16

/* The markup gumbo is given: comments, scripts, styles, SVG/MathML, templates
 * and the like removed (the extractor never reads them, and they are most of a
 * modern page's bytes), nesting capped (gumbo's scope checks are linear in the
 * depth of the open-element stack, so 100,000 nested <div> would take minutes)
 * and unclosed formatting elements capped (each is re-opened for every later
 * paragraph). JSON-LD scripts are kept aside as spans of the input. */
typedef struct html_filtered {
    char *buf; /* malloc'd */
    size_t len;
    html_span jsonld[HTML_MAX_JSONLD];
    int n_jsonld;
    bool depth_capped; /* tags were dropped to keep the nesting bounded */
} html_filtered;

int html_prefilter(const char *in, size_t len, html_filtered *out);

/* The charset a <meta charset> or http-equiv Content-Type declares in the
 * first bytes of a page, lower-cased into buf; false when none. */
bool html_meta_charset(const char *in, size_t len, char *buf, size_t cap);

/* Attributes of a tag, one at a time. *pos starts just after the tag name;
 * returns 1 for an attribute, 0 at the '>' that ends the tag (*pos just past
 * it), -1 when the input ends first (*pos = len). Values are raw (entities
 * not decoded). */
int html_next_attr(const char *in, size_t len, size_t *pos, const char **name, size_t *name_len,
                    const char **value, size_t *value_len);

/* ------------------------------------------------------------ html_verdict.c */

enum { V_BOILER = -1, V_NONE = 0, V_CONTENT = 1, V_ARTICLE_BODY = 2 };

/* The raw values of the attributes an element is judged by (NULL if absent). */
typedef struct html_attrs {
    const char *cls, *id, *role, *itemprop;
    size_t cls_len, id_len, role_len, itemprop_len;
} html_attrs;

/* V_BOILER, V_CONTENT, V_ARTICLE_BODY or V_NONE from class, id, role and
 * itemprop. The pre-pass hands it to the extractor as an attribute with no
 * value: _b, _c or _a. */
int html_attr_verdict(const html_attrs *a);

/* ------------------------------------------------------------ html_extract.c */

typedef struct html_article {
    char *text; /* UTF-8, blocks separated by a blank line; "" when nothing found */
    size_t len;
    char *title, *date, *url, *author; /* NULL when the page does not say */
} html_article;

typedef enum html_status {
    HTML_OK = 0,
    HTML_NOMEM = -1,
    HTML_TOO_COMPLEX = -2, /* the parse tree outgrew its memory budget */
} html_status;

/* Extract the article from a page of UTF-8 HTML. */
int html_extract(const char *html, size_t len, html_article *out);
void html_article_free(html_article *a);

/* ------------------------------------------------------------ read_html.c */

struct arena;
struct petrel_input;
struct petrel_error;

/* For petrel_code: the article of an input whose text is markup (html set),
 * as an input of article text, its strings in the arena. Returns PETREL_OK or
 * a negative status with err filled. */
int html_input_extract(struct arena *a, const struct petrel_input *in, struct petrel_input *out,
                       struct petrel_error *err);

/* ------------------------------------------------------------ html_meta.c */

/* Whether a <meta> name, property or itemprop is one the metadata is read
 * from (the pre-pass drops the other <meta> tags). */
bool html_meta_key_wanted(const char *key, size_t len);

/* "YYYY-MM-DD" (11 bytes with the NUL) from the dates pages write: ISO 8601
 * and its relatives (2019-11-19T10:00Z, 2019/11/19, 20191119), RFC 822 (Tue,
 * 19 Nov 2019 ...), "November 19, 2019" and "19 November 2019". */
bool html_parse_date(const char *s, size_t len, char out[11]);

/* A date written into a name - a URL's path, a record id, a file name:
 * 2019-11-19, 2019/11/19 or 2019_11_19 at the start or after "/", "-" or "_",
 * and not followed by another digit. */
bool html_name_date(const char *s, size_t len, char out[11]);

#endif
