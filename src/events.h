/*
 * events.h - verb patterns and the shallow parse that turns sentences into
 * CAMEO events.
 */
#ifndef PETREL_EVENTS_H
#define PETREL_EVENTS_H

#include "dict.h"
#include "doc.h"

typedef struct events_compiled events_compiled;

/* One coded event, as every coder (ours and the TABARI/PETRARCH-compatible one)
 * appends it to doc->events. Offsets are bytes. */
typedef struct event_actor {
    uint32_t start, end; /* the words in the text; start == end when none */
    const char *code;    /* CAMEO actor code, NULL when unknown */
    const char *name;
    const struct mention *m; /* NULL from the TABARI/PETRARCH coder */
} event_actor;

typedef struct event {
    char code[8]; /* CAMEO event code */
    uint32_t sent;
    uint32_t verb_start, verb_end;
    event_actor source;
    bool has_target;
    event_actor target;
    bool negated;
    uint8_t mode; /* petrel_mode */
    bool claimed;
    const char *claim_name, *claim_code;
    int32_t date_ymd; /* 0 = unknown */
    bool has_date_text;
    uint32_t date_start, date_end;
    const char *pattern; /* the dictionary pattern, for explanations */
} event;

/* Compile the verb lines and synonym sets of a lexicon (at lexicon_finish). */
int events_compile(lexicon *lx, petrel_error *err);
void events_compiled_free(events_compiled *ec);
size_t events_pattern_count(const events_compiled *ec);

size_t events_verb_count(const events_compiled *ec);
/* Is this token a finite verb form (past or third person) of a pattern verb?
 * The actor stage uses it to keep "Kenya accused officials" two phrases. */
bool events_is_finite_verb(const lexicon *lx, const tok *t);
/* ... in the simple past only: "showed", "said"; not "set" */
bool events_is_past_verb(const lexicon *lx, const tok *t);
/* Is it any form of a pattern verb ("report", "claims")? */
bool events_is_verb(const lexicon *lx, const tok *t);

int events_run(doc *d);
int events_export(const doc *d, const cp_map *m, const petrel_event **out, size_t *n);

#endif
