/*
 * compat_int.h - what the TABARI / PETRARCH compatibility files share:
 * the dictionary store (literals, roots, phrases, patterns, codes), the
 * coder's options, and the helpers the readers use.
 *
 * The store follows TABARI's model because its matching rules are defined on
 * it: a dictionary word is a "literal"; a text word matches every literal that
 * is a prefix of it (a stem) and exactly the literal that equals it; a
 * "phrase" is a list of literals, each with a connector that says whether the
 * next one must follow immediately and whether a stem match is enough; a
 * "root" is a phrase that types the words it covers (actor, agent, verb,
 * noun...) and carries codes; verbs also carry "patterns", phrases around the
 * verb marked with *, tried longest first. PETRARCH dictionaries are read into
 * the same model.
 *
 * Not part of the public interface; src/compat.h is.
 */
#ifndef PETREL_COMPAT_INT_H
#define PETREL_COMPAT_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "compat.h"

/* ------------------------------------------------------------ word types */

/* The order matters: tags carry these values and a pronoun reference is a tag
 * whose value is REF_FLAG | word index, which must not collide. */
enum cw_type {
    CW_NULL = 0,
    CW_ACTOR,
    CW_AGENT,
    CW_VERB,
    CW_TIME,
    CW_ATTRIB,
    CW_DETERM,
    CW_NOUN,
    CW_ADJCTV,
    CW_AUXIL,
    CW_BYWORD,
    CW_COMMA,
    CW_PRONOUN,
    CW_CONJ,
    CW_PREP,
    CW_PLURAL,
    CW_NUMBER,
    CW_ISSUE,
    CW_SYNYM,
    CW_CLAUSE,
    CW_COMPOUND,
    CW_REFERENCE,
    CW_SUBORD,
    CW_REPLACE,
    CW_NULLTAG,
    CW_HALT,
};

#define CW_REF_FLAG 0x8000 /* tag value = CW_REF_FLAG | index of the referenced word */

/* ------------------------------------------------------------ literals */

/* Reserved literal ids: pattern symbols. Dictionary words start at LIT_FIRST. */
enum {
    LIT_NONE = 0, /* end of a phrase */
    LIT_COMMA = 1,
    LIT_NUMBER = 2,
    LIT_VERB = 3,     /* *  */
    LIT_SOURCE = 4,   /* $  */
    LIT_TARGET = 5,   /* +  */
    LIT_ATTRIB = 6,   /* @  */
    LIT_COMPOUND = 7, /* %  */
    LIT_SKIP = 8,     /* ^  */
    LIT_OPEN = 9,     /* {  */
    LIT_OR = 10,      /* |  */
    LIT_CLOSE = 11,   /* }  */
    LIT_FIRST = 16,
};

/* Connectors, bit for bit TABARI's, because the two matchers read them
 * differently (see compat_coder.c). Written "W " -> PART_SKIP, "W_X" ->
 * FULL_NEXT, "W_ " -> FULL_SKIP, "W~_" -> PART_NEXT, "W=" -> EQUAL. */
#define CONN_FULL_NEXT 0x0000
#define CONN_PART_NEXT 0x4000
#define CONN_FULL_SKIP 0x0400
#define CONN_PART_SKIP 0x4400
#define CONN_EQUAL 0x0010
#define CONN_POSS 0x0020 /* "W#": the whole word or its possessive (PETRARCH names) */
#define CONN_SYN 0x0002  /* the element is a synonym set (lit = its root index) */
#define CONN_SYN_SKIP 0x0402
#define CONN_SYN_NEXT 0x4002

typedef struct cpel {
    int32_t lit; /* literal id, or root index of a synonym set when conn & CONN_SYN */
    uint16_t conn;
} cpel;

typedef struct clit {
    const char *s; /* matching key: case-folded, accents stripped */
    uint16_t len;
    int32_t first_root, last_root; /* roots whose phrase starts here, in load order */
    /* the same roots packed in c->chain[chain .. chain + nchain) (compat_finish) */
    int32_t chain, nchain;
    /* bit 1 << type for each type of root there; in types_open, those with a
     * root that needs no other word (it passes every quick check) */
    uint32_t types, types_open;
    /* those with a root whose first element may match a longer word (a
     * stem): for the rest, a word this literal only begins can match no more
     * than a plural or possessive ending */
    uint32_t types_stem;
} clit;

/* Literal table slots: the literal id in the low 32 bits, the high 32 bits
 * of its key's hash above them (0 = empty), so a probe only reads the
 * literal itself when the hashes agree. */
static inline uint32_t lit_tag(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

/* ------------------------------------------------------------ codes */

enum { EC_SUB = 1, EC_DOM = 2, EC_PSUB = 4, EC_PDOM = 8 };

typedef struct ecode { /* an event code: [032:033] [023?] [111!] */
    const char *code;  /* interned; the special codes are compat.null/discard/complex */
    const char *pair;  /* paired code or NULL */
    uint8_t flags;
} ecode;

enum { AD_DEFAULT, AD_BEFORE, AD_AFTER, AD_RANGE };

typedef struct citem { /* one actor of a (possibly coded compound) actor code */
    const char *actor;
    const char *agent; /* ACTOR:AGENT pair, else NULL */
} citem;

typedef struct calt { /* one date alternative: [CODE <date] [CODE a-b] [CODE] */
    uint8_t kind;
    int32_t d1, d2; /* yyyymmdd */
    int32_t first_item;
    uint16_t n_items;
} calt;

typedef struct acode {
    int32_t first_alt;
    uint16_t n_alt;
    bool dated_first; /* PETRARCH: the undated code is the fallback wherever it stands */
} acode;

typedef struct cagent {
    const char *code; /* without the ~ */
    bool after_actor; /* ~GOV: the actor code comes first (ARNGOV); NGM~: it follows */
} cagent;

typedef struct ctime { /* <TIME> code: [+7] [-1] or a special code */
    int32_t days;
    const char *special; /* null, discard or complex code, else NULL */
} ctime_code;

/* ------------------------------------------------------------ quick rejection */

/* The coder sets, for each sentence, one bit per literal its words carry in a
 * 1024-bit bloom filter. A root or pattern lists up to CQ_MAX literals it
 * cannot match without (as bloom bits, filled by compat_finish): when one bit
 * is clear the phrase cannot match anywhere in the sentence, and the matcher
 * is not run. A set bit proves nothing; the matcher decides. This turns the
 * ~170 patterns tried per sentence with TABARI's verbs, and the long root
 * chains of common first words, into a few loads each. Bit 0 is set in every
 * bloom, so unused slots (0) always pass and the test needs no loop. */
#define CQ_MAX 4
#define CQ_BITS 1024
#define CQ_WORDS (CQ_BITS / 64)

typedef struct cquick {
    uint16_t bit[CQ_MAX];
    uint8_t n; /* slots used; 0: the phrase needs nothing else */
} cquick;

static inline uint16_t cq_bit(int32_t lit)
{
    return (uint16_t)(((uint32_t)lit * 2654435761u) >> 22); /* top 10 bits */
}

/* The bloom twice: as bits, for walks over the bits set, and one byte a bit,
 * for the tests, millions a second, that a load and a compare then answer. */
typedef struct cq_bloom {
    uint64_t bits[CQ_WORDS];
    uint8_t has[CQ_BITS];
} cq_bloom;

static inline void cq_clear(cq_bloom *b)
{
    memset(b, 0, sizeof *b);
    b->bits[0] = 1; /* the bit unused slots test */
    b->has[0] = 1;
}

static inline void cq_set(cq_bloom *b, uint16_t bit)
{
    b->bits[bit >> 6] |= 1ull << (bit & 63);
    b->has[bit] = 1;
}

/* bit[0] is the longest literal's, the likeliest to be missing: most phrases
 * are turned down by it alone. */
static inline bool cq_pass(const cq_bloom *b, const cquick *q)
{
    return b->has[q->bit[0]] && (b->has[q->bit[1]] & b->has[q->bit[2]] & b->has[q->bit[3]]);
}

/* ------------------------------------------------------------ roots, patterns */

enum {
    RF_SINGULAR = 1, /* pronoun he/him/she/her/it */
    RF_PLURAL = 2,   /* pronoun they/them/their */
    RF_AND = 4,      /* conjunctions that build compounds */
    RF_FORMER = 8,   /* "former": agents become elites */
    RF_STORY = 16,   /* PETRARCH discard that applies to the whole story */
};

typedef struct croot {
    int32_t phrase;     /* offset into pels */
    int32_t next_start; /* next root starting with the same literal, -1 */
    uint8_t type;       /* enum cw_type */
    uint8_t flags;
    /* actor: acode index; agent: cagent index; verb, time, attrib, synonym
     * set: vinfo index; -1 none */
    int32_t code;
    int32_t parent;   /* actor synonyms: the first name of the group; -1 */
    const char *text; /* the phrase as written, for names and messages */
    uint16_t file;
    uint32_t line;
    cquick q; /* literals after the first that the phrase needs (compat_finish) */
} croot;

typedef struct vinfo { /* shared by a verb and its forms */
    int32_t code;      /* ecode (verbs), ctime (time) index; -1 none */
    int32_t first_pat; /* longest first */
    int32_t last_pat;  /* the one added last (loading), -1 none */
    uint32_t n_pat;
    int32_t vpat; /* the same list packed in c->vpats[vpat .. vpat + n_pat) (compat_finish) */
    /* a verb with many patterns: its patterns by first quick bit, at
     * c->vidx_off[vidx .. vidx + 1024] (VIDX_MIN); -1 none */
    int32_t vidx;
    /* synonym sets: the literals a member can start with (sorted, in
     * c->synfirst), or open when a member starts with a symbol */
    int32_t first_lits;
    uint32_t n_first;
    uint64_t first_bloom[4]; /* syn_bit of each of them: most words are turned down here */
    bool open;
    const char *text; /* the verb's own line, for explanations */
} vinfo;

/* A literal's bit in a synonym set's first_bloom. */
static inline uint32_t syn_bit(int32_t lit) { return ((uint32_t)lit * 2654435761u) >> 24; }

/* One root of a literal's chain, packed so that the walk over the roots a
 * word can start (every word of every sentence) reads consecutive memory. */
typedef struct cchain {
    int32_t root;
    int32_t phrase; /* the root's */
    uint8_t type;   /* the root's; CW_HALT ends a literal's chain */
    uint8_t flags;  /* CC_* */
    uint8_t span;   /* words the phrase can cover: its elements, CH_SPAN_ANY with gaps */
    cquick q;
    /* the phrase's first element's connector: a phrase of one word needs no
     * read of pels, a likely cache miss, to be matched (the padding's room) */
    uint16_t conn1;
} cchain;

#define CH_SPAN_ANY 255

enum {
    CC_DISCARD = 1, /* the root's primary code is, or may be on some date, a discard */
    CC_NULL = 2,    /* ... a null code (---) */
};

/* chain_hot: the first two quick bits and the type of a chain entry. */
#define CH_BIT0(h) ((h) & 1023u)
#define CH_BIT1(h) (((h) >> 10) & 1023u)
#define CH_TYPE(h) ((h) >> 20)
static inline uint32_t ch_make(const cchain *e)
{
    return e->q.bit[0] | (uint32_t)e->q.bit[1] << 10 | (uint32_t)e->type << 20;
}

/* The coder keeps with each literal of a word (compat_coder.c) its chain
 * as the bits above LI_SHIFT; compat_finish makes sure it fits. */
#define LI_SHIFT 11
#define CHAIN_MAX (1u << (31 - LI_SHIFT))

/* A verb with at least VIDX_MIN patterns (and at most VIDX_MAX) has them
 * listed by their first quick bit: for bit b, c->vidx_pos[c->vidx_off[vidx +
 * b] .. c->vidx_off[vidx + b + 1]) are the positions in its list, in order.
 * The coder finds the patterns a sentence's bloom lets through from its set
 * bits instead of reading every pattern's: TABARI's SAID has 1,467. */
#define VIDX_MIN 128
#define VIDX_MAX 4096

/* A verb's patterns in the order they are tried (longest first), packed the
 * same way: most are rejected by their quick data alone. */
typedef struct cvpat {
    int32_t pat;
    int16_t length; /* the pattern's */
    cquick q;       /* the pattern's */
} cvpat;

typedef struct cpat {
    int32_t phrase;
    int32_t code; /* ecode or ctime index, -1 for synonym set members */
    int16_t length, maxalt;
    int32_t next;
    const char *text;
    cquick q; /* literals outside { | } and synonym sets (compat_finish) */
} cpat;

/* ------------------------------------------------------------ options */

enum { CODE_BY_CLAUSE = 0, CODE_BY_SENTENCE = 1, CODE_ALL = 2 };

typedef struct copts {
    int code_mode;
    int min_lex; /* a sentence needs more than this many words (TABARI: words - 1) */
    /* COMPLEX: */
    int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
    bool cx_noactprior, cx_noactafter, cx_nosource, cx_noverb, cx_notarget, cx_noevent;
    bool cx_explain, cx_check;
    /* SET: */
    bool time_shift, conv_agent, fbis, yyyy, labels, dup_warning, same_actors;
    /* DEFAULT: */
    bool def_src, def_tar, def_prior, def_after;
    const char *def_src_code, *def_tar_code;
    /* COMMA: */
    int min_sub, max_sub, min_beg_sub, max_beg_sub, min_end_sub, max_end_sub;
    /* FORWARD: */
    bool forward;
    int nonevents;
} copts;

/* ------------------------------------------------------------ the store */

typedef VEC(clit) clit_vec;

struct compat {
    lexicon *lx;    /* owner (loading only) */
    uint8_t family; /* PETREL_DICT_TABARI or PETRARCH: the first loaded */
    bool petrarch;  /* PETRARCH dictionaries loaded: its conventions apply */

    /* literals: open addressing on the key (a compiled store's table is in
     * its image) */
    clit_vec lits;
    uint64_t *lit_slots;
    uint32_t lit_cap;
    uint16_t lit_maxlen;

    VEC(cpel) pels;
    VEC(croot) roots;
    VEC(vinfo) vinfos;
    VEC(cpat) pats;
    VEC(ecode) ecodes;
    VEC(acode) acodes;
    VEC(calt) calts;
    VEC(citem) citems;
    VEC(cagent) agents;
    VEC(ctime_code) tcodes;
    VEC(int32_t) synfirst;
    VEC(cchain) chain;
    VEC(cvpat) vpats;
    /* what the walks read first, one small word per entry of chain and
     * vpats: CH_* of the chain entry; a pattern's first two quick bits. Reading
     * 20-byte entries to turn nearly all of them down was most of the cost. */
    uint32_t *chain_hot;
    uint32_t *vpat_hot; /* bit[0] | bit[1] << 10 */
    VEC(int32_t) vidx_off; /* VIDX_MIN */
    VEC(uint16_t) vidx_pos;

    /* interned code strings */
    const char **str_slots;
    uint32_t str_cap, str_count;
    const char *null_code, *discard_code, *complex_code, *elite_code;

    /* duplicate detection: canonical phrase text of every root */
    uint64_t *dup_slots;
    uint32_t dup_cap, dup_count;

    /* built-in roots */
    int32_t root_former, lit_the;
    int32_t elite_agent;
    bool has_time_list, has_attrib_list, has_discard_list;

    copts opt;

    /* the compiled image (compat_image.c) the arrays point into, or NULL:
     * such a store is complete and takes no more entries */
    char *image;

    /* counts for petrel dict check */
    size_t n_actors, n_actor_names, n_agents, n_verbs, n_patterns, n_synsets, n_discards;
    size_t n_verb_roots; /* verbs with a code or patterns */
};

/* ------------------------------------------------------------ store helpers (compat.c) */

compat *compat_get(lexicon *lx); /* creates on first use; NULL when out of memory */
int32_t compat_lit(compat *c, const char *key, size_t len); /* find or add */
int32_t compat_lit_find(const compat *c, const char *key, size_t len);
const char *compat_intern(compat *c, const char *s, size_t len);
/* The literal table of c->lits with cap slots (a power of two, more than
 * the literals), malloc'd: what compat_lit keeps, and an image stores. */
uint64_t *compat_lit_table(const compat *c, uint32_t cap);
/* What compat_finish derives from the chains, for it and for an image: each
 * literal's types, types_open and types_stem; chain_hot and vpat_hot. */
void compat_lit_types(compat *c);
bool compat_hot_lists(compat *c);
/* canonical text of a root phrase; true if it was already present */
bool compat_dup_check(compat *c, uint8_t kind, const char *phrase, size_t len);

/* Parses a phrase written TABARI's way ("AL_GORE", "- * FOR { A | B }",
 * "&SYN") into elements terminated by LIT_NONE. Returns the offset in pels,
 * or -1 with *why set (undeclared synonym set). */
enum {
    PH_SYNROOT = 1, /* the whole text is one literal: a synonym set's own name */
    PH_LONGSYN = 2, /* &NAME is the longest declared set name there (PETRARCH:
                       &FIGHT_OF_WORDS, but NEW_&TIETYPES_RELATIONS) */
};
int32_t compat_phrase(compat *c, const char *s, size_t len, int flags, const char **why);
/* TABARI's pattern length: letters, digits, _ and ', plus the longest alternative. */
void compat_pattern_length(const char *s, size_t len, int *length, int *maxalt);

int32_t compat_add_root(compat *c, int32_t phrase, uint8_t type, int32_t code, uint16_t file,
                        uint32_t line, const char *text, size_t text_len);
int32_t compat_add_vinfo(compat *c, int32_t code);
/* insert keeping longest first, ties in load order */
int32_t compat_add_pattern(compat *c, int32_t vinfo_idx, int32_t phrase, int32_t code, int length,
                           int maxalt, const char *text, size_t text_len);
int32_t compat_synset_root(const compat *c, const char *name, size_t len);

/* "[032:033]" "[023?]" "[---]": returns ecode index or -1 with *why */
int32_t compat_event_code(compat *c, const char *s, size_t len, const char **why);
/* "[ARN]" "[HOB <950601] [HOBGOV 950601-990815]" "[FRO/BIL]": acode index or
 * -1 with *why. tolerant (PETRARCH): a bad [...] unit is skipped, *why tells. */
int32_t compat_actor_code(compat *c, const char *s, size_t len, bool tolerant, const char **why);
int32_t compat_agent_code(compat *c, const char *s, size_t len, const char **why);
int32_t compat_time_code(compat *c, const char *s, size_t len);
/* YYMMDD (pivot: 00-29 -> 20xx) or YYYYMMDD -> yyyymmdd, -1 if bad; like
 * TABARI and PETRARCH, 7 digits read as YYMMDD and more than 8 as YYYYMMDD */
int32_t compat_parse_date(const char *s, size_t len);

/* Resolve an actor code for a date (0 = unknown): the first matching
 * alternative, the default when reached. NULL when none applies. */
const calt *compat_resolve(const compat *c, int32_t acode_idx, int32_t ymd);

/* options */
void compat_options_init(copts *o);
/* one line of a .options file (or an OPTION: record); returns false when the
 * command is not understood (the caller warns) */
bool compat_option_line(compat *c, const char *line, size_t len, const char **why);

/* built-in roots (determiners, conjunctions, pronouns...) */
int compat_init_builtins(compat *c);

/* ------------------------------------------------------------ readers */

int compat_tabari_actors(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err);
int compat_tabari_agents(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err);
int compat_tabari_verbs(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err);
int compat_tabari_options(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err);

/* a zip of TABARI or PETRARCH dictionaries: each member read as such */
int compat_load_zip(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                    bool petrarch, petrel_error *err);
/* zip archives: calls fn on every member; PETREL_ERR_* on a damaged archive */
typedef int (*zip_member_fn)(void *user, const char *name, const char *data, size_t len);
int compat_unzip(const char *buf, size_t len, zip_member_fn fn, void *user, char *why,
                 size_t why_size);

#define CPROBLEM(c, err, file, line, ...)                                                          \
    lex_problem((c)->lx, (err), false, (file), (line), __VA_ARGS__)
#define CWARN(c, file, line, ...) lex_problem((c)->lx, NULL, true, (file), (line), __VA_ARGS__)

#endif
