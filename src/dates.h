/*
 * dates.h - date expressions ("on Thursday", "last month", "Oct. 3") resolved
 * against the article's date, and attached to the events of their sentence.
 */
#ifndef PETREL_DATES_H
#define PETREL_DATES_H

#include "doc.h"

int dates_run(doc *d);

/* A time adjunct starting at token k, before end: "on Monday", "late on
 * Tuesday night", "last week", "in the afternoon". Its length in tokens, 0
 * when there is none. The events stage reads through one to reach a verb's
 * subject ("Russia on Monday attacked") or objects ("met on Monday with"). */
uint32_t dates_adjunct_at(const doc *d, uint32_t k, uint32_t end);

#endif
