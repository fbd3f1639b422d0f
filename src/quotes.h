/*
 * quotes.h - who said what: direct, partial and indirect quotations with their
 * cue, the source mention and the resolved speaker.
 */
#ifndef PETREL_QUOTES_H
#define PETREL_QUOTES_H

#include "doc.h"

typedef struct quote {
    uint8_t kind; /* petrel_quote_kind */
    uint32_t start, end; /* content, bytes */
    uint32_t cue_start, cue_end; /* 0,0 = none */
    uint32_t src_start, src_end;
    bool has_cue, has_source;
    uint32_t mention; /* source mention index + 1 */
    const char *speaker_name;
    const char *speaker_code;
    uint32_t sent;
} quote;

int quotes_run(doc *d);
int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n);

#endif
