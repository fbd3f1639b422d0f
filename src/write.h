/*
 * write.h - output helpers shared by the writers (JSONL, TSV, SQLite).
 */
#ifndef PETREL_WRITE_H
#define PETREL_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "petrel.h"

bool buf_reserve(petrel_buffer *b, size_t extra);
bool buf_put(petrel_buffer *b, const char *s, size_t n);
bool buf_puts(petrel_buffer *b, const char *s);
bool buf_printf(petrel_buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool buf_json_string(petrel_buffer *b, const char *s, size_t n);
bool buf_json_cstr(petrel_buffer *b, const char *s);

#endif
