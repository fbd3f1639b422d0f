/*
 * actors.h - who is who: actor mentions from the dictionaries, people learned
 * from the text, and coreference (surnames, titles, pronouns).
 */
#ifndef PETREL_ACTORS_H
#define PETREL_ACTORS_H

#include "doc.h"

enum mention_how {
    MH_DICT = 1, /* a dictionary name */
    MH_LEARNED,  /* a person introduced with a role in this text */
    MH_SURNAME,  /* a later surname-only mention */
    MH_TITLE,    /* "the minister" */
    MH_PRONOUN,  /* he, she, they */
    MH_AGENT,    /* "officials", "the rebels" */
};

typedef struct mention {
    uint32_t tok_begin, tok_end;
    uint32_t start, end; /* bytes */
    uint32_t sent;
    uint32_t entity; /* index + 1 into doc entities, 0 = none */
    const char *code;
    const char *name;
    uint8_t how;
} mention;

typedef struct entity {
    const char *name;
    const char *code;
    const char *title;
    char gender;
    bool person;
    uint32_t first_mention;
} entity;

int actors_run(doc *d);
int actors_export(const doc *d, const cp_map *m, const petrel_mention **out, size_t *n);

#endif
