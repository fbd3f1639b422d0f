/*
 * wordclass.h - small closed classes of English words the stages decide by:
 * auxiliaries, negations, pronouns, determiners, control verbs and the like.
 *
 * The lists live in one table (wordclass.c) so they can be read and changed
 * in one place; the tokenizer looks every token up once and stores its class
 * bits in tok.cls, so a stage asks "is this an auxiliary?" with one AND
 * instead of comparing strings.
 */
#ifndef PETREL_WORDCLASS_H
#define PETREL_WORDCLASS_H

#include <stdint.h>

enum word_class {
    WC_FUNCTION = 1u << 0,      /* ends a noun phrase: the, of, and, said ... */
    WC_NOT_NAME = 1u << 1,      /* capitalised but not a name: Monday, However ... */
    WC_PARTICLE = 1u << 2,      /* inside names: bin, al, de, van */
    WC_HONORIFIC_M = 1u << 3,   /* Mr, Sir */
    WC_HONORIFIC_F = 1u << 4,   /* Mrs, Ms */
    WC_HONORIFIC_X = 1u << 5,   /* Dr, Prof */
    WC_PRONOUN_M = 1u << 6,     /* he, him, his */
    WC_PRONOUN_F = 1u << 7,     /* she, her */
    WC_PRONOUN_IT = 1u << 8,    /* it, its */
    WC_PRONOUN_THEY = 1u << 9,  /* they, them, their */
    WC_AUXILIARY = 1u << 10,    /* has, was, will, would ... */
    WC_BE = 1u << 11,           /* forms of be (and get) that make a passive */
    WC_NEGATION = 1u << 12,     /* not, never, no */
    WC_ADVERB = 1u << 13,       /* also, already, repeatedly ... (and -ly words, by rule) */
    WC_CONTROL = 1u << 14,      /* decided (to), agreed (to), plans (to) ... */
    WC_CONTROL_NEG = 1u << 15,  /* refused, declined, failed (to) */
    WC_CONTROL_FUT = 1u << 16,  /* plans, vowed, threatened (to) */
    WC_DETERMINER = 1u << 17,   /* the, its, recent ... before a noun */
    WC_CONJUNCTION = 1u << 18,  /* and, & */
    WC_ALONGSIDE = 1u << 19,    /* alongside, along with, together with, including */
    WC_RELATIVE = 1u << 20,     /* who, which, that */
    WC_SECOND_PERSON = 1u << 21, /* you, your */
    WC_FIRST_PLURAL = 1u << 22, /* we, our, us */
    WC_ALLEGATION = 1u << 23,   /* allegations, accusations, charges, claims */
    WC_DATE_START = 1u << 24,   /* a word a date expression can start with */
    WC_RAISING = 1u << 25,      /* is, seems, becomes: "it is clear" has no referent */
    WC_PREPOSITION = 1u << 26,  /* of, for, in, on, with ... */
};

typedef struct word_class_entry {
    const char *word; /* as a matching key: lower case, straight apostrophe */
    uint32_t classes;
} word_class_entry;

/* The table, ended by a NULL word. */
extern const word_class_entry petrel_word_classes[];

#endif
