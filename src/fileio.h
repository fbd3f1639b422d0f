/*
 * fileio.h - reading whole files and streams, plain or gzip, with limits.
 */
#ifndef PETREL_FILEIO_H
#define PETREL_FILEIO_H

#include <stddef.h>

#include "petrel.h"

/* Read a whole file (gzip-compressed or not) into a malloc'd, NUL-terminated
 * buffer. Fails with PETREL_ERR_TOO_BIG past max bytes. */
int read_whole_file(const char *path, size_t max, char **buf, size_t *len, petrel_error *err);

/* A buffered byte stream over a file descriptor that inflates gzip when the
 * data starts with the gzip magic, whatever the file is called. Truncated or
 * corrupt compressed data is reported once, as a warning, and ends the stream:
 * everything decoded before the damage is delivered. */
typedef struct stream stream;

stream *stream_open(const char *path, petrel_error *err); /* "-" = stdin */
/* Next line without its newline (CR LF or LF). Returns 1 and sets line and len,
 * 0 at end, -1 on an I/O error. A line longer than max is dropped whole:
 * it comes back empty with overlong set. */
int stream_line(stream *s, size_t max, const char **line, size_t *len, int *overlong);
/* Up to max bytes of whatever is left; *more is set when the stream had more. */
int stream_rest(stream *s, size_t max, const char **data, size_t *len, int *more);
/* n bytes (fewer only where the stream ends), valid until the next call. */
int stream_read(stream *s, size_t n, const char **data, size_t *got);
/* Discard n bytes without holding them in memory; returns how many there were. */
size_t stream_skip(stream *s, size_t n);
/* Non-empty when the stream ended early (truncated gzip, read error). */
const char *stream_warning(const stream *s);
int stream_is_gzip(const stream *s);
void stream_close(stream *s);

#endif
