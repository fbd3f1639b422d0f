/*
 * events.h - verb patterns and the shallow parse that turns sentences into
 * CAMEO events.
 */
#ifndef PETREL_EVENTS_H
#define PETREL_EVENTS_H

#include "dict.h"
#include "doc.h"

typedef struct events_compiled events_compiled;

/* Compile the verb lines and synonym sets of a lexicon (at lexicon_finish). */
int events_compile(lexicon *lx, petrel_error *err);
void events_compiled_free(events_compiled *ec);
size_t events_pattern_count(const events_compiled *ec);

size_t events_verb_count(const events_compiled *ec);

int events_run(doc *d);
int events_export(const doc *d, const cp_map *m, const petrel_event **out, size_t *n);

#endif
