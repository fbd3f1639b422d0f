/*
 * read_markup.h - what the HTML and WARC readers share (read_html.c,
 * read_warc.c): turning one page into a petrel_input.
 */
#ifndef PETREL_READ_MARKUP_H
#define PETREL_READ_MARKUP_H

#include "read.h"

/* Where a page came from and what its container knows about it. */
typedef struct markup_page {
    const char *data; /* the page's bytes, any charset */
    size_t len;
    char *owned;      /* malloc'd buffer data points into, or NULL; handed over */
    const char *charset;       /* from HTTP Content-Type, or NULL */
    const char *url;           /* WARC-Target-URI, or NULL: the page's canonical URL then */
    const char *crawl_date;    /* WARC-Date as YYYY-MM-DD, or NULL */
    char *id;                  /* malloc'd, handed over to the reader */
    long record;               /* WARC record number, 0 for a file */
} markup_page;

/* Extracts the article and fills doc (keep_text set; the date is the page's
 * own, else --date, else the crawl date), or with defer_markup fills doc with
 * the page as UTF-8 markup for petrel_code to extract. Returns PETREL_OK, or a
 * negative status with err filled; the reader keeps the strings until the
 * next record. */
int markup_to_input(petrel_reader *rd, markup_page *pg, petrel_input *doc, petrel_error *err);

void markup_error(petrel_reader *rd, petrel_error *err, petrel_status code, long line,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int warc_open(petrel_reader *rd, petrel_error *err);
int warc_next(petrel_reader *rd, petrel_input *doc, petrel_error *err);
void warc_close(petrel_reader *rd);

#endif
