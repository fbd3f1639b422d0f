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

/* Class bits of tok.cls (64 of them at most). */
#define WC_FUNCTION          (1ull << 0)  /* ends a noun phrase: the, of, and, said ... */
#define WC_NOT_NAME          (1ull << 1)  /* capitalised but not a name: Monday, However ... */
#define WC_PARTICLE          (1ull << 2)  /* inside names: bin, al, de, van */
#define WC_HONORIFIC_M       (1ull << 3)  /* Mr, Sir */
#define WC_HONORIFIC_F       (1ull << 4)  /* Mrs, Ms */
#define WC_HONORIFIC_X       (1ull << 5)  /* Dr, Prof */
#define WC_PRONOUN_M         (1ull << 6)  /* he, him, his */
#define WC_PRONOUN_F         (1ull << 7)  /* she, her */
#define WC_PRONOUN_IT        (1ull << 8)  /* it, its */
#define WC_PRONOUN_THEY      (1ull << 9)  /* they, them, their */
#define WC_AUXILIARY         (1ull << 10)  /* has, was, will, would ... */
#define WC_BE                (1ull << 11)  /* forms of be (and get) that make a passive */
#define WC_NEGATION          (1ull << 12)  /* not, never, no */
#define WC_ADVERB            (1ull << 13)  /* also, already, repeatedly ... (and -ly words, by rule) */
#define WC_CONTROL           (1ull << 14)  /* decided (to), agreed (to), plans (to) ... */
#define WC_CONTROL_NEG       (1ull << 15)  /* refused, declined, failed (to) */
#define WC_CONTROL_FUT       (1ull << 16)  /* plans, vowed, threatened (to) */
#define WC_DETERMINER        (1ull << 17)  /* the, its, recent ... before a noun */
#define WC_CONJUNCTION       (1ull << 18)  /* and, & */
#define WC_ALONGSIDE         (1ull << 19)  /* alongside, along with, together with, including */
#define WC_RELATIVE          (1ull << 20)  /* who, which, that */
#define WC_SECOND_PERSON     (1ull << 21)  /* you, your */
#define WC_FIRST_PLURAL      (1ull << 22)  /* we, our, us */
#define WC_ALLEGATION        (1ull << 23)  /* allegations, accusations, charges, claims */
#define WC_DATE_START        (1ull << 24)  /* a word a date expression can start with */
#define WC_RAISING           (1ull << 25)  /* is, seems, becomes: "it is clear" has no referent */
#define WC_PREPOSITION       (1ull << 26)  /* of, for, in, on, with ... */
/* word lists of the quotation stage (src/quotes.c) and the actor stage (src/actors.c) */
#define WC_A_ORG_WORDS       (1ull << 27)
#define WC_A_PLACE_ABBREVS   (1ull << 28)
#define WC_A_PLACE_WORDS     (1ull << 29)
#define WC_A_ROLE_WORDS      (1ull << 30)
#define WC_A_TITLE_MODIFIERS (1ull << 31)
#define WC_Q_ADVERBIAL_PREPS (1ull << 32)
#define WC_Q_CLAIM_NOUNS     (1ull << 33)
#define WC_Q_CLAUSE_JOINERS  (1ull << 34)
#define WC_Q_CLAUSE_OPENERS  (1ull << 35)
#define WC_Q_CLOSED_CLASS    (1ull << 36)
#define WC_Q_DETERMINERS     (1ull << 37)
#define WC_Q_FILLERS         (1ull << 38)
#define WC_Q_FINITE_VERBS    (1ull << 39)
#define WC_Q_GROUP_HEADS     (1ull << 40)
#define WC_Q_NP_OPENERS      (1ull << 41)
#define WC_Q_NP_PREPS        (1ull << 42)
#define WC_Q_ORG_HEADS       (1ull << 43)
#define WC_Q_PARTICIPLE_LEADS (1ull << 44)
#define WC_Q_PLACE_HEADS     (1ull << 45)
#define WC_Q_PRONOUNS_SUBJECT (1ull << 46)
#define WC_Q_QUESTION_WORDS  (1ull << 47)
#define WC_Q_TIME_WORDS      (1ull << 48)
#define WC_Q_SEEM_VERBS      (1ull << 49)  /* seems, appeared: "the plan seems to work" */
#define WC_Q_HEARSAY         (1ull << 50)  /* expected, said, seen: "is expected to", "was seen as" */
#define WC_HEADLINE_SMALL    (1ull << 51)  /* of, the, says: small inside a sentence, capitalised in title-case headlines */
#define WC_STANDING          (1ull << 52)  /* former, new, outgoing: a holder's standing or time in office */


typedef struct word_class_entry {
    const char *word; /* as a matching key: lower case, straight apostrophe */
    uint64_t classes;
} word_class_entry;

/* The table, ended by a NULL word. */
extern const word_class_entry petrel_word_classes[];

#endif
