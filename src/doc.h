/*
 * doc.h - the document every stage reads and appends to.
 *
 * Data flows one way: the reader fills text and metadata, clean marks dropped
 * paragraphs, segment adds sentences and tokens, actors adds mentions and
 * entities, quotes adds quotes, events adds events, dates fills event dates.
 * Offsets here are bytes; the code point conversion happens once, at the end
 * (engine.c), when the public petrel_result is built.
 */
#ifndef PETREL_DOC_H
#define PETREL_DOC_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "dict.h"
#include "petrel.h"
#include "text.h"

enum tok_kind {
    TK_WORD = 1,
    TK_NUMBER,
    TK_PUNCT,  /* . , ; : ! ? ( ) [ ] and the like */
    TK_QUOTE,  /* quotation marks (and ambiguous apostrophes) */
    TK_DASH,
    TK_SYMBOL, /* $ % & @ and the rest */
    TK_ELLIPSIS,
};

enum tok_flags {
    TF_CAP = 1 << 0,          /* first letter upper case */
    TF_ALLCAPS = 1 << 1,      /* two or more letters, all upper case */
    TF_SPACE_BEFORE = 1 << 2, /* whitespace (or start of paragraph) before */
    TF_SPACE_AFTER = 1 << 3,
    TF_SENT_START = 1 << 4,
    TF_ABBREV = 1 << 5,       /* a word that took its full stop (Mr., U.S., J.) */
    TF_NEWLINE_BEFORE = 1 << 6,
    TF_TERMINAL = 1 << 7,     /* . ! ? ... that ends a sentence */
    TF_POSSESSIVE = 1 << 8,   /* 's, or the apostrophe of "allies'" */
    TF_CONTRACTION = 1 << 9,  /* 're 've 'll 'd 'm */
    TF_HYPHENATED = 1 << 10,
};

/* Quote marks: what the character is and which way it seems to face. */
enum quote_char {
    QC_NONE = 0,
    QC_DOUBLE = 1,  /* " “ ” „ « » `` '' */
    QC_SINGLE = 2,  /* ' ‘ ’ ‹ › */
    QC_OPEN = 4,    /* faces right: opens */
    QC_CLOSE = 8,   /* faces left: closes */
};

typedef struct tok {
    uint32_t start, end; /* bytes into doc text */
    const char *key;     /* matching key (case folded, NFC, no accents); not NUL-terminated */
    uint64_t hash;       /* hash of key */
    uint32_t sent;       /* sentence index */
    uint64_t cls;        /* word class bits (wordclass.h) */
    uint16_t key_len;
    uint16_t flags;
    uint8_t kind;
    uint8_t quote; /* enum quote_char bits */
    uint8_t starts; /* enum start_bits: tables with a phrase starting here */
    uint8_t user;   /* scratch bits for later stages */
} tok;

typedef struct para {
    uint32_t start, end; /* bytes, trimmed of surrounding whitespace */
    uint32_t tok_begin, tok_end;
    bool dropped;
} para;

typedef struct sent {
    uint32_t tok_begin, tok_end;
    uint32_t start, end;
    uint32_t para;
    bool title_case; /* a headline in title case (segment.c truecased it) */
} sent;

typedef struct drop_range {
    uint32_t start, end;
    const char *reason;
} drop_range;

typedef VEC(tok) tok_vec;

/* Stage outputs defined in their own headers. */
struct mention;
struct entity;
struct key_node;
struct quote;
struct event;
struct compat_memo;
struct compat_cache;

typedef struct doc {
    arena *a;
    const struct lexicon *lex;
    const char *text;
    size_t len;
    bool ascii; /* the text is ASCII without NUL bytes (text_is_ascii) */
    const char *id, *date, *url, *title;
    int32_t date_ymd; /* yyyymmdd of the publication date, 0 if unknown */
    /* the date people's roles are read at: date_ymd, or for an undated text
     * the time its office holders named with their titles point to (actors
     * stage); 0 = unknown */
    int32_t role_ymd;
    const char *country; /* the country the article is about (actors stage), or NULL */

    VEC(para) paras;
    VEC(drop_range) dropped;
    VEC(sent) sents;
    tok_vec toks;

    VEC(struct mention) mentions;
    uint32_t *tok_mention; /* per token: mention index + 1, 0 = none (actors stage) */
    /* per token: the longest actor-dictionary name starting there, up to the
     * sentence end (tokens, 0 = none) and its binding; made once by the
     * actors stage, which asks the same question of a token several times */
    uint8_t *actor_len;
    uint32_t *actor_bind;
    uint8_t *tok_in_dq; /* per token: inside double quotation marks (built by the actors stage) */
    /* per token: 1 + the token opening the double quotation it is in, across
     * the sentences of a paragraph; 0 outside (built by the actors stage) */
    uint32_t *tok_dq_open;
    bool acronym_runs_filed; /* runs of capitalised words filed by initials (actors.c) */
    uint32_t *tok_quote;   /* per token: innermost quote index + 1 (events stage) */
    VEC(struct entity) entities;
    /* the actors stage's look-ups by key: entities by name, acronyms' expansions */
    uint32_t *key_bucket;
    uint32_t key_mask;
    VEC(struct key_node) key_nodes;
    VEC(uint64_t) touched; /* sentence << 32 | entity, in sentence order (actors.c touch) */
    VEC(struct quote) quotes;
    VEC(struct quote) attributions; /* beliefs, intentions ...: not speech, not claims */
    VEC(struct event) events;
    /* TABARI / PETRARCH word lookups, shared by the actor stage and the coder
     * (compat_coder.c); NULL until first used */
    struct compat_memo *compat_memo;
    struct compat_cache *compat_cache; /* the worker's, kept across documents */
} doc;

static inline const char *tok_text(const doc *d, const tok *t) { return d->text + t->start; }
/* Is sentence s a paragraph of its own (a headline, a one-line deck)? */
static inline bool sent_is_paragraph(const doc *d, const sent *s)
{
    const para *p = &d->paras.items[s->para];
    return p->tok_begin == s->tok_begin && p->tok_end == s->tok_end;
}
static inline uint32_t tok_len(const tok *t) { return t->end - t->start; }
/* Compare a token's key with a lowercase ASCII word. Inline so that the
 * length of a literal word is known at compile time. */
static inline bool tok_is(const tok *t, const char *word)
{
    size_t n = __builtin_strlen(word);
    return t->key_len == n && __builtin_memcmp(t->key, word, n) == 0;
}

/* Which word of a NULL-ended list the token's key is, -1 none. First letters are
 * compared before anything else, so a miss costs a byte compare per word,
 * and a word with the same first letter is compared byte by byte up to its
 * end (no strlen call: the lists are short words). Hot classes belong in
 * wordclass.h instead. */
static inline int tok_index(const tok *t, const char *const *list)
{
    uint16_t n = t->key_len;
    if (!n)
        return -1;
    const char *k = t->key;
    for (int j = 0; list[j]; j++) {
        const char *w = list[j];
        if (w[0] != k[0])
            continue;
        uint16_t i = 1;
        while (i < n && w[i] == k[i]) /* stops at w's NUL: keys hold none */
            i++;
        if (i == n && !w[n])
            return j;
    }
    return -1;
}

static inline bool tok_in(const tok *t, const char *const *list) { return tok_index(t, list) >= 0; }

static inline bool tok_ends_with(const tok *t, const char *tail)
{
    size_t n = strlen(tail);
    return t->key_len >= n && !memcmp(t->key + t->key_len - n, tail, n);
}

/* "meeting", "negotiating"; not "king" or "sing" */
static inline bool tok_ends_ing(const tok *t) { return t->key_len > 4 && tok_ends_with(t, "ing"); }

static inline bool tok_is_article(const tok *t)
{
    return tok_is(t, "a") || tok_is(t, "an") || tok_is(t, "the");
}

/* The "then" of "then-president": the tokenizer splits it off its hyphen,
 * so no space follows it (unlike the adverb of "and then President X") */
static inline bool then_hyphen(const tok *t)
{
    return !(t->flags & TF_SPACE_AFTER) && tok_is(t, "then");
}

#endif
