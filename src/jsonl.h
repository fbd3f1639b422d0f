/*
 * jsonl.h - one JSON Lines record: a flat object whose string fields Petrel
 * reads (id, text, date, url, title); anything else is checked and skipped.
 *
 * A general JSON library (jansson) spent more time on a corpus than all of
 * Petrel's coding: it builds a tree and decodes strings a character at a time
 * through a stream. This reader copies runs of plain bytes between escapes
 * with memchr and builds nothing, which makes reading a corpus a few per cent
 * of the work instead of a sixth.
 */
#ifndef PETREL_JSONL_H
#define PETREL_JSONL_H

#include <stdbool.h>
#include <stddef.h>

enum jsonl_field { JF_ID, JF_TEXT, JF_DATE, JF_URL, JF_TITLE, JF__COUNT };

typedef struct jsonl_record {
    /* decoded values (NUL-terminated, inside the caller's buffer), NULL when
     * absent; kinds say what JSON type the field had */
    const char *value[JF__COUNT];
    size_t length[JF__COUNT];
    char kind[JF__COUNT]; /* 's' string, 'n' number, 'o' other, 0 absent */
} jsonl_record;

/* Parse line[0, len). buf must hold at least len + JF__COUNT bytes (decoded
 * strings are never longer than their JSON form). Returns 0 on success, else
 * fills *column (1-based) and *why with a static message: "not an object",
 * "duplicate key", or what the JSON syntax wanted there. */
int jsonl_parse(const char *line, size_t len, char *buf, jsonl_record *rec, size_t *column,
                const char **why);

#endif
