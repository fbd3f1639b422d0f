/*
 * dict.h - the in-memory dictionaries ("lexicon") every stage looks words up in.
 *
 * Files of three families load into one form: ours (dict/README.md), TABARI's
 * and PETRARCH's. Names and phrases are tokenized with the same tokenizer as
 * article text, then stored in phrase tables: open-addressing hash tables keyed
 * on the running hash of a token sequence, where every proper prefix of a phrase
 * is also present and marked as a prefix. Matching the longest phrase that
 * starts at a token is therefore one hash probe per token of the match plus one:
 * O(L) for a match of L tokens, independent of dictionary size, and a whole
 * sentence of n tokens costs O(n * L_max) probes.
 *
 * The lexicon is built single-threaded, then frozen (lexicon_finish) and shared
 * read-only by all workers.
 */
#ifndef PETREL_DICT_H
#define PETREL_DICT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "petrel.h"

/* ------------------------------------------------------------ phrase table */

#define PT_FULL 0x80000000u   /* a complete phrase ends here */
#define PT_PREFIX 0x40000000u /* a longer phrase continues */
#define PT_INDEX 0x3FFFFFFFu  /* binding index + 1 (0 = none) */

typedef struct phrase_entry {
    uint64_t key; /* 0 = empty slot */
    uint32_t val;
} phrase_entry;

/* Open addressing with key and value side by side: a look-up touches one
 * cache line, which matters because every token is looked up several times. */
typedef struct phrase_table {
    phrase_entry *slots;
    uint32_t cap, count;
    uint8_t max_len; /* tokens in the longest phrase */
    uint8_t gate;    /* bit in tok.starts that says a phrase may start here; 0 = none */
} phrase_table;

/* Bits of tok.starts: which tables have a phrase that begins with the token,
 * so a token that starts nothing costs one probe in all (lexicon.starts). */
enum start_bits {
    SB_ACTOR = 1u << 0,
    SB_AGENT = 1u << 1,
    SB_CUE = 1u << 2,
    SB_BOILER = 1u << 3,
    SB_DISCARD = 1u << 4,
    SB_GIVEN = 1u << 5,
    SB_VERB = 1u << 6,      /* a form of a pattern verb */
    SB_CLASS = 1u << 7,     /* has word classes */
};
#define START_CLASS_SHIFT 8

/* A phrase maps to a chain of bindings, each naming one entry of the owner's
 * array: one name can belong to several entries (roles over time). */
typedef struct binding {
    uint32_t entry;
    uint32_t next; /* index + 1 */
    uint8_t caps;  /* enum caps_rule: how the text must be capitalised to match */
} binding;

/* A dictionary name written with capitals only matches text written so:
 * "US" is not "us", "Turkey" is not "turkey". */
enum caps_rule {
    CAPS_ANY = 0,
    CAPS_INITIAL = 1, /* first word capitalised */
    CAPS_ACRONYM = 2, /* the short all-caps words must be all caps (US, UN) */
};

static inline uint32_t ptab_slot_of(uint64_t key, uint32_t cap)
{
    return (uint32_t)(key ^ (key >> 32)) & (cap - 1);
}
/* Start loading key's slot into the cache, for a ptab_get a little later. */
static inline void ptab_prefetch(const phrase_table *t, uint64_t key)
{
    if (t->cap)
        __builtin_prefetch(&t->slots[ptab_slot_of(key, t->cap)]);
}
/* ptab_get from key's slot s (ptab_slot_of), for a caller that kept it from
 * its prefetch; the table has slots. */
static inline uint32_t ptab_get_at(const phrase_table *t, uint32_t s, uint64_t key)
{
    const phrase_entry *e = &t->slots[s], *last = &t->slots[t->cap - 1];
    for (uint64_t k; (k = e->key) != 0; e = e == last ? t->slots : e + 1)
        if (k == key)
            return e->val;
    return 0;
}
/* Value for key, 0 if absent. Inline: it runs several times per token. */
static inline uint32_t ptab_get(const phrase_table *t, uint64_t key)
{
    if (!t->cap)
        return 0;
    return ptab_get_at(t, ptab_slot_of(key, t->cap), key);
}
/* The value slot of key, inserted (as 0) when absent; NULL when out of memory. */
uint32_t *ptab_slot(phrase_table *t, uint64_t key);
void ptab_free(phrase_table *t);
/* Mark a first token in lexicon.starts (used by the events compiler too). */
struct lexicon;
bool lex_mark_start(struct lexicon *lx, uint64_t first_token_hash, uint32_t bits);

/* ------------------------------------------------------------ entries */

enum actor_type {
    AT_OTHER = 0,
    AT_COUNTRY,
    AT_CAPITAL,
    AT_DEMONYM,
    AT_PERSON,
    AT_ORG,
    AT_METONYM,
    AT_PLACE, /* a city or region: tells where an article is, is not an actor itself */
};

typedef struct actor_entry {
    const char *code;
    const char *name; /* display name: the first name on its line */
    const char *title;
    int32_t from, to; /* yyyymmdd, 0 = open */
    uint8_t type;
    char gender; /* 'm', 'f' or 0 */
    bool plural; /* "Republicans", "Tories": "they", never "it" */
    uint16_t file;
    /* a country code: the line holds only in articles about that country,
     * and there it wins ("Georgia" the US state); empty = always */
    char article[4];
} actor_entry;

typedef struct agent_entry {
    const char *role; /* "GOV", "MIL" ... or "" for --- */
    const char *word; /* the first word on its line, for messages */
    bool person;      /* names one person: a title ("minister") */
    const char *title; /* the title it stands for ("top diplomat" -> "foreign minister") */
    bool prefix_code; /* TABARI/PETRARCH "~GOV" vs "GOV~": where it goes */
} agent_entry;

enum cue_kind {
    CUE_SPEECH = 1,   /* said, told, added: introduces direct or indirect speech */
    CUE_ACCORDING,    /* according to X */
    CUE_DENIAL,       /* rejected allegations that, denied that */
    CUE_NOUN,         /* statement, remarks: "in a statement" */
    CUE_NAMING,       /* called, described: attributes quoted words after it ("called it \"X\"") */
    CUE_BELIEF,       /* believes, thinks: a state of mind, not speech */
    /* attributions that are not speech: reported as "attribution" records */
    CUE_INTENTION,    /* wants to, plans to, declined to: what someone means to do */
    CUE_PERCEPTION,   /* knows, realised, learned that: what someone perceives or knows */
    CUE_EVIDENCE,     /* shows, found, indicates: what a document, poll or data reports */
    CUE_STANCE,       /* criticised, praised, endorsed, called for: judges or backs something */
};

typedef struct cue_entry {
    const char *word;
    uint8_t kind;
    bool takes_that;   /* may be followed by "that" + reported clause */
    bool takes_object; /* may name a listener first: "told reporters", "assured voters" */
    bool also_noun;    /* the form is also a common noun: "reports", "claims", "notes" */
    bool asks;         /* reports a question: "asked whether ..." is not a statement */
    bool bare;         /* a clause may follow with no "that": "said the deal was done" */
    bool to;           /* may be followed by a to-infinitive: "vowed to", "urged X to" */
    bool np;           /* its object noun phrase is what is reported: "denied the claims" */
} cue_entry;

/* A given name: evidence that a capitalised name is a person, and of gender. */
typedef struct given_entry {
    char gender; /* 'm', 'f', or 0 for names given to both */
} given_entry;

enum abbrev_class {
    AB_TITLE = 1, /* Mr. Dr. Gen.: never ends a sentence */
    AB_MONTH,     /* Jan. Feb.: ends one only if not followed by a number */
    AB_OTHER,     /* Inc. etc. U.S.: may end one */
    AB_PLACE,     /* Ill. Calif.: as AB_OTHER, and after "Town," before any capital */
};
/* listed with a capital ("Ill.", "No."): written in lower case ("was ill.",
 * "said no.") it is the word, not the abbreviation */
#define AB_CAPITALISED 8u

enum boiler_kind {
    BK_APPEAL = 1, /* money, donations, membership, "support us" */
    BK_HEADER,     /* "a message from", "editor's note" */
    BK_UI,         /* read more, share this, remind me, click here */
    BK_NEWSLETTER, /* sign up, newsletter, inbox */
    BK_COOKIE,
    BK_CREDIT,     /* photo credits */
    BK_SOCIAL,     /* follow us on, like us on */
    BK_STAFF,      /* "our journalism", "independent journalism": publisher voice */
    BK__COUNT
};

typedef struct boiler_entry {
    uint8_t kind;
    float weight;
} boiler_entry;

typedef struct cameo_entry {
    char code[8];
    float goldstein;
    uint8_t quad;
    const char *plover; /* NULL for "-" */
    const char *name;
} cameo_entry;

typedef struct inflection {
    const char *lemma, *third, *past, *participle, *gerund;
} inflection;

/* Raw verb pattern lines, compiled by the events stage at finish. */
typedef struct verb_line {
    uint8_t family; /* PETREL_DICT_PETREL / TABARI / PETRARCH */
    const char *code;
    const char *people; /* "; people=111": the code when both sides are people, or NULL */
    bool abroad;        /* "; abroad=yes": only with a target of another country */
    bool continues;     /* "; continues=yes": after a comma, the sentence's event goes on */
    bool mutual;        /* "; mutual=yes": with no target, a joint subject acts on itself */
    const char *office; /* "; office=CODE": the code when one politician does it, or --- */
    const char *unarmed; /* "; unarmed=CODE": the code when no state or force does it, or --- */
    const char *alone;  /* "; alone=CODE": the code when one actor does it with no target */
    bool state;         /* "; present=state": in the simple present, a state, no event */
    const char *text;
    uint16_t file;
    uint32_t line;
} verb_line;

typedef struct synset_line {
    const char *name;
    const char *text;
    uint16_t file;
    uint32_t line;
} synset_line;

/* A name waiting to be tokenized into a phrase table at finish. */
typedef struct pending_name {
    uint8_t table; /* enum lex_table */
    uint32_t entry;
    const char *text;
    uint16_t file;
    uint32_t line;
} pending_name;

enum lex_table {
    LT_ACTOR,
    LT_AGENT,
    LT_CUE,
    LT_BOILER,
    LT_DISCARD,
    LT_GIVEN,
    LT__COUNT
};
/* each table has its bit in tok.starts (enum start_bits), below SB_VERB */
_Static_assert(LT__COUNT <= 6, "a phrase table needs a start bit");

struct events_compiled; /* owned by events.c */
struct compat;          /* TABARI / PETRARCH dictionaries, owned by compat.c */

typedef void (*lex_problem_fn)(void *user, const petrel_error *problem, bool warning);

typedef struct lexicon {
    arena mem;
    bool finished;
    /* the latest start of a dated actor line: as far as the dictionaries know
     * of time, "now" */
    int32_t latest_from;

    VEC(const char *) files;
    VEC(actor_entry) actors;
    VEC(agent_entry) agents;
    /* roles of agent lines marked country=no ("MUS", "JEW"): believers of a
     * faith live in many countries, so alone they take no article country */
    const char *borderless[16];
    uint32_t n_borderless;
    VEC(cue_entry) cues;
    VEC(given_entry) given;
    VEC(boiler_entry) boiler;
    VEC(cameo_entry) cameo;
    VEC(inflection) inflections;
    VEC(verb_line) verbs;
    VEC(synset_line) synsets;
    VEC(pending_name) pending;
    VEC(binding) bindings;

    phrase_table tables[LT__COUNT];
    phrase_table abbrevs; /* single token "mr." -> class */
    uint32_t n_abbrevs;
    phrase_table cameo_index; /* hash(code) -> index + 1 */
    phrase_table countries;   /* hash of a three-letter country code -> its entry + 1 */
    /* token hash -> enum start_bits, and above START_CLASS_SHIFT the index + 1
     * of its petrel_word_classes entry: one probe a token gives both */
    phrase_table starts;

    struct events_compiled *events;
    struct compat *compat;

    lex_problem_fn on_problem;
    void *problem_user;
    size_t errors, warnings;
} lexicon;

void lexicon_init(lexicon *lx);
void lexicon_free(lexicon *lx);

/* Loaders report each problem through on_problem and return the first error. */
int lexicon_load_file(lexicon *lx, const char *path, petrel_dict_format fmt, petrel_error *err);
int lexicon_load_dir(lexicon *lx, const char *dir, petrel_error *err);
int lexicon_finish(lexicon *lx, petrel_error *err);

/* Longest phrase of a table starting at toks[i] (not past end). Returns the
 * number of tokens matched (0 = none) and the first binding index + 1. */
struct tok;
uint32_t lex_match(const phrase_table *t, const struct tok *toks, uint32_t i, uint32_t end,
                   uint32_t *binding_out);

int lex_abbrev_class(const lexicon *lx, uint64_t key_hash, bool written_lower);
const cameo_entry *lex_cameo(const lexicon *lx, const char *code);

/* Shared by the loaders of every family (dict.c, dict_tabari.c, dict_petrarch.c). */
uint16_t lex_add_file(lexicon *lx, const char *path);
void lex_problem(lexicon *lx, petrel_error *first, bool warning, uint16_t file, uint32_t line,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
bool lex_add_name(lexicon *lx, enum lex_table table, uint32_t entry, const char *text,
                  size_t len, uint16_t file, uint32_t line);
int32_t parse_ymd(const char *s, size_t len); /* "YYYY-MM-DD" -> yyyymmdd, -1 if bad */

/* Which family a file is, from its first lines. */
petrel_dict_format lexicon_sniff(const char *buf, size_t len);

#endif
