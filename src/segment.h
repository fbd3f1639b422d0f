/*
 * segment.h - paragraphs, sentences and tokens, with byte offsets.
 *
 * Paragraphs: blank lines always separate; a single newline separates too
 * unless the line before looks hard-wrapped (long, ending mid-sentence).
 * Tokens: words (with internal hyphens and apostrophes), numbers with
 * separators (2,000 3.5), abbreviations that keep their full stop (Mr. U.S. J.),
 * possessive 's and contractions split off, quote marks with the direction they
 * seem to face. Sentences: split at . ! ? and ellipses followed by something
 * that can start a sentence, never inside a paragraph break, with closing
 * quotes and brackets kept in the sentence they close. Headlines in title
 * case are marked, and their common words lose the capital that would make
 * them read as names.
 */
#ifndef PETREL_SEGMENT_H
#define PETREL_SEGMENT_H

#include "dict.h"
#include "doc.h"

/* Tokenize bytes [start, end) of text, appending to out. Used for article text
 * and for dictionary names alike, so both split the same way. */
int tokenize(const lexicon *lx, arena *a, const char *text, uint32_t start, uint32_t end,
             tok_vec *out);

int segment_paragraphs(doc *d);
/* Tokens of every paragraph (clean reads them before sentences exist). */
int segment_tokens(doc *d);
/* Sentences of every paragraph clean did not drop; a dropped one's tokens
 * are in none (sent UINT32_MAX). */
int segment_sentences(doc *d);

#endif
