/*
 * read.h - internals shared by the readers (read.c, read_html.c, read_warc.c).
 */
#ifndef PETREL_READ_H
#define PETREL_READ_H

#include <stdarg.h>
#include <stdbool.h>

#include "fileio.h"
#include "petrel.h"


struct petrel_reader {
    char *path;
    petrel_reader_options opt;
    petrel_input_format fmt;
    stream *s;
    long line;      /* JSONL line or WARC record number */
    bool done;
    bool warned_end;

    /* the current record's storage, freed by the next call */
    char *line_buf; /* decoded JSONL strings of the current line */
    size_t line_cap;
    char *id, *owned_text, *owned_title, *owned_url, *owned_date;
    /* a JSONL record's own date, cleaned: kept here, as its id stays in
     * line_buf, so that a record costs no allocation of its own */
    char date_buf[11];
    char warning[512];

    size_t records, skipped_other, warnings;
    void *markup; /* HTML / WARC reader state */
};

petrel_input_format reader_format_for(const char *path);
char *reader_clean_date(const char *s);
/* The id of a one-article file: its name without folders and extensions. */
char *reader_id_from_path(const char *path);
void reader_warn(petrel_reader *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* HTML and WARC readers (read_html.c, read_warc.c). */
int reader_markup_open(petrel_reader *rd, petrel_error *err);
int reader_markup_next(petrel_reader *rd, petrel_input *doc, petrel_error *err);
void reader_markup_close(petrel_reader *rd);

#endif
