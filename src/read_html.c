/*
 * read_html.c - HTML input: one page a file (plain or .gz, or stdin), coded
 * as the article extracted from it (html_extract.c). Also the front door for
 * the markup readers: WARC archives are in read_warc.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html.h"
#include "read_markup.h"

void markup_error(petrel_reader *rd, petrel_error *err, petrel_status code, long line,
                  const char *fmt, ...)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", rd->path);
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

static void set_error(petrel_error *err, petrel_status code, const char *msg)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

/* An html_extract status as a petrel status, with the message. */
static int extract_status(int rc, petrel_error *err)
{
    if (rc == HTML_TOO_COMPLEX) {
        set_error(err, PETREL_ERR_TOO_BIG,
                  "page is too complex to parse in bounded memory; skipped");
        return PETREL_ERR_TOO_BIG;
    }
    set_error(err, PETREL_ERR_NOMEM, "out of memory");
    return PETREL_ERR_NOMEM;
}

int markup_to_input(petrel_reader *rd, markup_page *pg, petrel_input *doc, petrel_error *err)
{
    rd->id = pg->id;
    pg->id = NULL;
    if (!rd->id) {
        free(pg->owned);
        return PETREL_ERR_NOMEM;
    }
    const char *utf8;
    size_t n;
    char *converted, warn[128];
    if (html_to_utf8(pg->data, pg->len, pg->charset, &utf8, &n, &converted, warn, sizeof warn)) {
        free(pg->owned);
        return PETREL_ERR_NOMEM;
    }
    if (warn[0])
        reader_warn(rd, "%s", warn);
    doc->id = rd->id;
    doc->source_file = rd->path;
    doc->source_line = pg->record;
    doc->keep_text = true;
    if (pg->url && !(rd->owned_url = strdup(pg->url))) {
        free(converted);
        free(pg->owned);
        return PETREL_ERR_NOMEM;
    }
    if (rd->opt.defer_markup) {
        /* the worker extracts; the page's bytes stay with the reader until the
         * next record */
        if (converted) {
            free(pg->owned);
            rd->owned_text = converted;
        } else {
            rd->owned_text = pg->owned;
        }
        pg->owned = NULL;
        doc->text = utf8;
        doc->len = n;
        doc->html = true;
        doc->url = rd->owned_url;
        doc->date = rd->opt.date ? rd->opt.date : pg->crawl_date;
        rd->records++;
        return PETREL_OK;
    }
    html_article a;
    int rc = html_extract(utf8, n, &a);
    free(converted);
    free(pg->owned);
    pg->owned = NULL;
    if (rc) {
        rc = extract_status(rc, err);
        if (err) {
            snprintf(err->file, sizeof err->file, "%s", rd->path);
            err->line = pg->record;
        }
        return rc;
    }
    rd->owned_text = a.text;
    rd->owned_title = a.title;
    free(a.author); /* petrel_input has no place for it */
    if (rd->owned_url)
        free(a.url);
    else
        rd->owned_url = a.url;
    rd->owned_date = a.date;
    doc->text = rd->owned_text;
    doc->len = a.len;
    doc->date = rd->owned_date ? rd->owned_date : rd->opt.date ? rd->opt.date : pg->crawl_date;
    doc->url = rd->owned_url;
    doc->title = rd->owned_title;
    rd->records++;
    return PETREL_OK;
}

static char *arena_dup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

int html_input_extract(arena *ar, const petrel_input *in, petrel_input *out, petrel_error *err)
{
    html_article a;
    int rc = html_extract(in->text, in->len, &a);
    if (rc)
        return extract_status(rc, err);
    *out = *in;
    out->html = false;
    out->keep_text = true;
    out->text = arena_strndup(ar, a.text, a.len);
    out->len = a.len;
    if (!in->title)
        out->title = arena_dup(ar, a.title);
    if (!in->url)
        out->url = arena_dup(ar, a.url);
    if (a.date)
        out->date = arena_dup(ar, a.date);
    bool ok = out->text && (!a.title || out->title) && (!a.date || out->date);
    html_article_free(&a);
    if (!ok) {
        set_error(err, PETREL_ERR_NOMEM, "out of memory");
        return PETREL_ERR_NOMEM;
    }
    return PETREL_OK;
}

static int html_next(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    if (rd->done)
        return PETREL_EOF;
    rd->done = true;
    const char *data;
    size_t len;
    int more;
    stream_rest(rd->s, rd->opt.max_doc_bytes, &data, &len, &more);
    const char *w = stream_warning(rd->s);
    if (more) {
        markup_error(rd, err, PETREL_ERR_TOO_BIG, 0,
                     "page is larger than --max-doc-bytes (%zu bytes); skipped",
                     rd->opt.max_doc_bytes);
        return PETREL_ERR_TOO_BIG;
    }
    if (w && !len) {
        markup_error(rd, err, PETREL_ERR_INPUT, 0, "%s", w);
        return PETREL_ERR_INPUT;
    }
    markup_page pg = {.data = data, .len = len, .id = reader_id_from_path(rd->path)};
    int rc = markup_to_input(rd, &pg, doc, err);
    if (!rc && w) {
        /* the page's own warning (charset) matters less than a cut-off file */
        rd->warnings -= rd->warning[0] != '\0';
        reader_warn(rd, "%s; coding what was read", w);
    }
    return rc;
}

int reader_markup_open(petrel_reader *rd, petrel_error *err)
{
    if (rd->fmt == PETREL_FMT_WARC)
        return warc_open(rd, err);
    return PETREL_OK;
}

int reader_markup_next(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    if (rd->fmt == PETREL_FMT_WARC)
        return warc_next(rd, doc, err);
    return html_next(rd, doc, err);
}

void reader_markup_close(petrel_reader *rd)
{
    if (rd->fmt == PETREL_FMT_WARC)
        warc_close(rd);
}
