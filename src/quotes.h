/*
 * quotes.h - who said what: direct, partial and indirect quotations with their
 * cue, the source mention and the resolved speaker.
 *
 * Direct quotes are spans between paired quotation marks, paired within a
 * paragraph, or across paragraphs only when each paragraph reopens the quote;
 * an unclosed mark ends at its paragraph's end, never later. A quote is
 * attributed by a cue (dict/cues.txt) next to it in its sentence -- '"...," he
 * said', 'Kanani said: "..."', 'said the minister' -- and when nothing in the
 * sentence attributes it, by the paragraph before: a quote paragraph with no
 * cue continues the previous speaker. Partial quotes are quoted fragments
 * inside a clause someone is reported to have said. Indirect speech is a
 * reported clause after a speech cue ('X said (that) ...', 'according to X,
 * ...', 'X rejected allegations that ...').
 *
 * Each quote records the token range of its content, which the events stage
 * uses to mark events someone claims.
 */
#ifndef PETREL_QUOTES_H
#define PETREL_QUOTES_H

#include "doc.h"

typedef struct quote {
    uint8_t kind;                /* petrel_quote_kind */
    uint32_t start, end;         /* content, bytes */
    uint32_t tok_begin, tok_end; /* content tokens */
    bool has_cue, has_source;
    uint32_t cue_start, cue_end;
    uint32_t src_start, src_end;
    uint32_t mention; /* source mention index + 1, 0 = none */
    const char *speaker_name;
    const char *speaker_code;
    uint32_t sent;
} quote;

int quotes_run(doc *d);
int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n);

/* The quote whose content covers token k (the innermost), or NULL. */
const quote *quotes_at(const doc *d, uint32_t k);

#endif
