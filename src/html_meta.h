/*
 * html_meta.h - a page's title, publication date, canonical URL and author,
 * gathered while html_extract.c walks the tree. Each source of a field has a
 * rank; the best-ranked value seen wins, whatever the order in the page.
 */
#ifndef PETREL_HTML_META_H
#define PETREL_HTML_META_H

#include <gumbo.h>

#include "html.h"

typedef struct meta_field {
    char *value;
    int rank; /* lower is better; meaningful only when value is set */
} meta_field;

typedef struct html_meta {
    meta_field title, date, url, author;
} html_meta;

/* An element of the page (head or body). */
void html_meta_element(html_meta *m, const GumboNode *el);
/* The text of a JSON-LD script. */
void html_meta_jsonld(html_meta *m, const char *json, size_t len);
/* Hand the fields over to the article (url, title, date, author). */
int html_meta_finish(html_meta *m, html_article *out);
void html_meta_free(html_meta *m);

#endif
