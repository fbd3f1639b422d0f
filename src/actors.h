/*
 * actors.h - who is who: actor mentions from the dictionaries, people learned
 * from the text, and coreference (surnames, titles, pronouns).
 *
 * A mention is a noun phrase that names or points at an actor: "Iran's foreign
 * ministry spokesman Reza Tavakoli", "the Kremlin", "Harlow", "he". Mentions of
 * the same person or organisation share an entity, which carries the full name
 * and the actor code; learning happens in reading order, and a later, fuller
 * introduction ("Iran's Foreign Minister Ali Rostami") names an
 * earlier anonymous mention ("Iran's foreign minister") of the same role.
 *
 * Cost: dictionary matching is a few hash probes per token (dict.h); phrase
 * building and coreference are linear in tokens times a small window of
 * recent entities.
 */
#ifndef PETREL_ACTORS_H
#define PETREL_ACTORS_H

#include "doc.h"

enum mention_how {
    MH_DICT = 1, /* a dictionary name */
    MH_LEARNED,  /* a person introduced with a role in this text */
    MH_SURNAME,  /* a later surname-only mention */
    MH_TITLE,    /* "the minister" */
    MH_PRONOUN,  /* he, she, it, they */
    MH_AGENT,    /* "officials", "the rebels": a role with or without a country */
    MH_NAME,     /* a name we know nothing about */
};

typedef struct mention {
    uint32_t tok_begin, tok_end;
    uint32_t start, end; /* bytes */
    uint32_t sent;
    uint32_t entity; /* index + 1 into doc entities, 0 = none */
    uint32_t head;   /* token index of the head word */
    const char *code; /* own code when there is no entity */
    const char *name;
    const char *written; /* a dictionary organisation or country as written, article included */
    uint8_t how;
    uint8_t type; /* enum actor_type of a dictionary actor, AT_OTHER else */
    bool person;
    bool plural;
    bool possessive; /* ends in 's: modifies the noun after it */
} mention;

typedef struct entity {
    const char *name;
    const char *code;
    const char *title;  /* "foreign minister" */
    const char *country; /* three-letter prefix of code, or NULL */
    char gender;
    bool person;
    bool named;       /* has a proper name (not only "Iran's foreign minister") */
    uint64_t surname; /* hash of the last name token's key, 0 if none */
    uint64_t given;   /* hash of the first name token's key */
    uint32_t last_sent;
    /* an organisation's name as the text introduces it, article included
     * ("The Forecaddie", "the Crown"); NULL when that is name */
    const char *written;
    /* undated article: the code of a dictionary person's undated line, while
     * the text may yet show it is not of the time of the line taken */
    const char *undated_code;
    /* a dictionary person's lines (binding chain of the name), 0 for others:
     * an act the text dates to another time is read at that time */
    uint32_t person_lines;
    uint32_t times; /* mentions so far: who a shared surname alone means */
    /* named in full with a given name we know ("Tim Canova"): a person even
     * with no code, whom events may take as their target */
    bool full_name;
    /* learned from the text ("her rival, Bernie Sanders"; "Clinton spokesman
     * Brian Fallon"): whom "her rival" or "his boss" means; index + 1, 0 = none */
    uint32_t rival, boss;
    /* the key hash of the word for a kind of person the text put before the
     * name ("billionaire businessman Donald Trump"): whom a later "the
     * businessman" means; 0 = none */
    uint64_t kind_word;
} entity;

int actors_run(doc *d);
int actors_export(const doc *d, const cp_map *m, const petrel_mention **out, size_t *n);

/* The code of m's dictionary person at date ymd when it is not the one m
 * has: the line of their roles that covers ymd, else (a time none covers)
 * their undated line. NULL when m is no such person or the code stays. */
const char *actors_person_code_at(const doc *d, const mention *m, int32_t ymd);
/* The mention covering token k, or NULL. */
const mention *actors_at(const doc *d, uint32_t k);
/* A city or region named at token k of sentence si (not past limit), which
 * the actor stage leaves without a mention (a place is where, not who): a
 * mention of it in *out, with its country's code, for the caller to keep;
 * false when no place is named there. */
bool actors_place_at(const doc *d, uint32_t si, uint32_t k, uint32_t limit, mention *out);
/* Code and name of a mention, through its entity. */
const char *mention_code(const doc *d, const mention *m);
const char *mention_name(const doc *d, const mention *m);
/* The name a quotation reports for its speaker: a person's full name; an
 * organisation or country as the text names it ("the EU", "The Canadian
 * government"), article included, rather than the dictionary's form. */
const char *speaker_name(const doc *d, const mention *m);
/* The country m's code starts with (its first three letters), NULL when it has
 * none: "EDU" for a university in an article about no one country is a role. */
const char *mention_country(const doc *d, const mention *m);
/* Are a and b people or bodies of one known country? */
bool same_country(const doc *d, const mention *a, const mention *b);

#endif
