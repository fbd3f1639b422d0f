/*
 * compat_coder.c - codes sentences the way TABARI 0.8 does, from TABARI or
 * PETRARCH dictionaries.
 *
 * For each sentence:
 *   words    Petrel's tokens regrouped as TABARI sees them (hyphens split a
 *            word, 's stays on it, commas and ; : ( ) are commas), each with
 *            the literals it matches: every dictionary word that is a prefix
 *            of it, flagged exact when it is the whole word.
 *   roots    at each untyped word, the root (actor, agent, verb, noun...)
 *            matching the most characters types the words it covers; head
 *            and tail tags mark where it begins and ends.
 *   parse    verbs after a determiner or capitalised mid-sentence become
 *            nouns, null-coded actors too; compound actors (A, B and C) are
 *            marked; short comma-delimited clauses are nulled; conjunctions
 *            split clauses; pronouns point at an earlier actor; discard codes
 *            and the COMPLEX: conditions are checked.
 *   code     in each clause, verbs left to right: the longest pattern that
 *            matches around the verb gives the code (patterns with { | }
 *            alternatives compete on the length actually matched), else the
 *            verb's own code; the source is the first actor of the clause, the
 *            target the first other actor after the verb (else before it),
 *            unless the pattern placed them with $ + %; passive voice swaps
 *            them; compounds, paired codes [A:B], coded compounds [X/Y] and
 *            subordinate [C?] / dominant [C!] codes multiply or filter events.
 *
 * The rules, including a few odd ones, follow TABARI's program so that its
 * users get the events they expect (the validation suite in bench/eval_events
 * checks them). Everything lives in the document arena; nothing is global.
 */
#include "compat_int.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "events.h"
#include "segment.h"
#include "text.h"

#define MAX_WORDS 126 /* TABARI truncates longer sentences */
#define MAX_EVENTS 64
#define WHERE_DEFAULT (-2) /* a DEFAULT: source or target has no words */

enum { LF_MIDCAP = 1, LF_INITCAP = 2, LF_NUMBER = 4, LF_COMMA = 8 };
enum { SF_COMPD = 1 };

typedef struct cword {
    uint32_t start, end; /* bytes */
    const char *key;
    uint16_t klen;
    uint16_t lflags;
    int32_t lits; /* offset of (lit, exact) pairs in ctx.litl, 0 = none; -LIT_COMMA, -LIT_NUMBER */
    int32_t root; /* root at a root's first word, else -1 */
    uint8_t type;
    uint8_t sflags;
    int32_t head, tail; /* tag lists, 0 = none */
    int32_t tokk;       /* the token the word is, whole and unchanged; -1 otherwise */
    uint8_t rflags;     /* CC_* of its root */
    /* bit 1 << type for each tag of a type below 32 in head (tail): the
     * parse asks "is there a tag of this type here" at every word, many
     * times, and most answers are no */
    uint32_t hmask, tmask;
} cword;

typedef struct ctag {
    int32_t type, idx, next;
} ctag;

typedef struct cact {
    const char *actor; /* first actor of the resolved code, NULL = none */
    int32_t agent;     /* cagent index, -1 none */
    const calt *alt;   /* the whole resolved code when it is a coded compound */
    int32_t root, agt_root;
    int where;   /* word of the actor (after following a pronoun), WHERE_DEFAULT */
    int mention; /* word where it was found (the pronoun itself) */
} cact;

typedef struct cev {
    cact src, tar;
    const char *code;
    bool sub, dom, isevt;
    int verb;
    const char *pattern;
    int next;
} cev;

/* What a sentence hands the next one for its pronouns (FORWARD:): its first
 * actor and its first compound, as TABARI copies them past the end of the
 * next record. */
#define MAX_FWD 40
typedef struct cfwd {
    bool valid;
    int32_t actor; /* root, -1 none */
    int ncmp;
    struct {
        int32_t root;
        uint8_t type;
        bool ahead, atail;
    } cmp[MAX_FWD];
} cfwd;

typedef struct ctx {
    const compat *c;
    doc *d;
    uint32_t sent;
    cword *w;
    int n;    /* words; w[n] is the end marker */
    int nall; /* w[n + 1 .. nall - 1]: forwarded actors */
    int fwd_actor, fwd_compd;
    compat_memo *m;
    const int32_t *litl; /* m->lits, refreshed after each lookup (it may move) */
    ctag *tags;
    int32_t ntags, captags;
    /* every type a head tag of this sentence has had (type_bit): most
     * sentences have no compound or subordinate clause, and the walks that
     * skip them test each word for one */
    uint32_t hmask_all;
    int32_t ymd; /* date for date-restricted codes (time shifts move it) */
    int32_t shift_days;
    bool shifted;
    bool caps;
    bool has_clauses;
    bool too_short;
    bool discard, complex;
    /* Only verbs make events, and, with no default actor, only actors and
     * agents their sources and targets. So when nothing is forwarded to the
     * next sentence (may_stop), a sentence whose words take no verb root, or
     * (need_actor) no actor or agent root, has no event: its parse stops
     * after assign_roots, and stopped says so. */
    bool may_stop, need_actor, stopped;

    /* coder state, as TABARI keeps it across the verbs of a sentence */
    cact source, target;
    int istart, iend;
    int index_source, index_target, index_attrib, index_compound;
    int pron_source, pron_target; /* the pronoun $ or + matched, -1 */
    bool regular_source, regular_target, passive;
    bool ev_discard, ev_complex;

    /* pattern matching state */
    int32_t pt, pthis;
    int loc;
    bool skip, full, high, fcond, cond_skip;
    int cond_loc, cond_len;
    int lenalt;

    int nev; /* index of the last event, -1 = none */
    bool oom;

    /* for each synonym set met in this sentence: the nearest word at or
     * after (before) each position that carries a literal one of its members
     * can start with */
    struct syncache {
        int32_t root;
        int16_t *next, *prev;
    } syncache[16];
    int nsync;

    /* last, so that ctx_init leaves them alone: build_words clears the bloom
     * of the sentence's literals (cq_pass) first thing, and events are
     * written before they are read */
    cq_bloom bloom;
    cev ev[MAX_EVENTS];
} ctx;

/* Everything but the bloom and the events: zeroing the events too (7 KB a
 * sentence) cost more than the rest of setting a sentence up. */
static void ctx_init(ctx *x)
{
    memset(x, 0, offsetof(ctx, bloom));
}

/* ------------------------------------------------------------ tags */

static void tag_add(ctx *x, int32_t *list, int32_t type, int32_t idx)
{
    if (x->ntags + 1 >= x->captags) {
        int32_t ncap = x->captags ? x->captags * 2 : 256;
        ctag *nt = arena_alloc(x->d->a, (size_t)ncap * sizeof *nt);
        if (!nt) {
            x->oom = true;
            return;
        }
        if (x->ntags)
            memcpy(nt, x->tags, (size_t)x->ntags * sizeof *nt);
        x->tags = nt;
        x->captags = ncap;
    }
    if (!x->ntags)
        x->ntags = 1; /* 0 ends a list */
    int32_t t = x->ntags++;
    x->tags[t].type = type;
    x->tags[t].idx = idx;
    x->tags[t].next = 0;
    while (*list)
        list = &x->tags[*list].next;
    *list = t;
}

static uint32_t type_bit(int32_t type) { return type >= 0 && type < 32 ? 1u << type : 0; }

/* a tag of this type may be in the list (always true for types >= 32) */
static bool maybe(uint32_t mask, int32_t type)
{
    return type < 0 || type >= 32 || ((mask >> type) & 1);
}

static uint32_t list_mask(const ctx *x, int32_t t)
{
    uint32_t m = 0;
    for (; t; t = x->tags[t].next)
        m |= type_bit(x->tags[t].type);
    return m;
}

/* after a tag of the word changed type */
static void retag(ctx *x, int loc)
{
    x->w[loc].hmask = list_mask(x, x->w[loc].head);
    x->w[loc].tmask = list_mask(x, x->w[loc].tail);
    x->hmask_all |= x->w[loc].hmask;
}

static void add_head(ctx *x, int loc, int32_t type, int32_t idx)
{
    tag_add(x, &x->w[loc].head, type, idx);
    x->w[loc].hmask |= type_bit(type);
    x->hmask_all |= type_bit(type);
}
static void add_tail(ctx *x, int loc, int32_t type, int32_t idx)
{
    tag_add(x, &x->w[loc].tail, type, idx);
    x->w[loc].tmask |= type_bit(type);
}

static bool has_head(const ctx *x, int loc, int32_t type)
{
    if (loc < 0 || loc >= x->nall)
        return false;
    if (type >= 0 && type < 32)
        return (x->w[loc].hmask >> type) & 1;
    for (int32_t t = x->w[loc].head; t; t = x->tags[t].next)
        if (x->tags[t].type == type)
            return true;
    return false;
}

/* the index of the first head tag of this type, 0 = none */
static int32_t head_idx(const ctx *x, int loc, int32_t type)
{
    if (loc < 0 || loc >= x->nall || !maybe(x->w[loc].hmask, type))
        return 0;
    for (int32_t t = x->w[loc].head; t; t = x->tags[t].next)
        if (x->tags[t].type == type)
            return x->tags[t].idx ? x->tags[t].idx : -1;
    return 0;
}

static bool check_head(const ctx *x, int loc, int32_t type, int32_t idx)
{
    if (loc < 0 || loc >= x->nall || !maybe(x->w[loc].hmask, type))
        return false;
    for (int32_t t = x->w[loc].head; t; t = x->tags[t].next)
        if (x->tags[t].type == type && x->tags[t].idx == idx)
            return true;
    return false;
}

static bool has_tail(const ctx *x, int loc, int32_t type)
{
    if (loc < 0 || loc >= x->nall)
        return false;
    if (type >= 0 && type < 32)
        return (x->w[loc].tmask >> type) & 1;
    for (int32_t t = x->w[loc].tail; t; t = x->tags[t].next)
        if (x->tags[t].type == type)
            return true;
    return false;
}

static bool has_tail_idx(const ctx *x, int loc, int32_t type, int32_t idx)
{
    if (loc < 0 || loc >= x->nall || !maybe(x->w[loc].tmask, type))
        return false;
    for (int32_t t = x->w[loc].tail; t; t = x->tags[t].next)
        if (x->tags[t].type == type && x->tags[t].idx == idx)
            return true;
    return false;
}

static int32_t tail_idx(const ctx *x, int loc, int32_t type)
{
    if (loc < 0 || loc >= x->nall || !maybe(x->w[loc].tmask, type))
        return 0;
    for (int32_t t = x->w[loc].tail; t; t = x->tags[t].next)
        if (x->tags[t].type == type)
            return x->tags[t].idx;
    return 0;
}

static void change_head(ctx *x, int loc, int32_t from, int32_t to)
{
    for (int32_t t = x->w[loc].head; t; t = x->tags[t].next)
        if (x->tags[t].type == from) {
            x->tags[t].type = to;
            retag(x, loc);
            return;
        }
}

static void change_tail(ctx *x, int loc, int32_t from, int32_t to)
{
    for (int32_t t = x->w[loc].tail; t; t = x->tags[t].next)
        if (x->tags[t].type == from) {
            x->tags[t].type = to;
            retag(x, loc);
            return;
        }
}

/* a head tag of this type at loc with its tail somewhere after it */
static bool check_tail(const ctx *x, int loc, int32_t type)
{
    int32_t idx = head_idx(x, loc, type);
    if (!idx)
        return false;
    if (idx < 0)
        idx = 0;
    for (int k = loc + 1; k < x->nall; k++)
        if (has_tail_idx(x, k, type, idx))
            return true;
    return false;
}

static int reference(const ctx *x, int loc)
{
    for (int32_t t = x->w[loc].head; t; t = x->tags[t].next)
        if (x->tags[t].type >= CW_REF_FLAG)
            return x->tags[t].type & (CW_REF_FLAG - 1);
    return loc;
}

/* Moves *index past a segment (compound, subordinate clause) that starts there. */
static bool skip_segment(const ctx *x, int *index, int32_t type)
{
    if (!maybe(x->hmask_all, type))
        return false;
    int32_t idx = head_idx(x, *index, type);
    if (!idx)
        return false;
    if (idx < 0)
        idx = 0;
    while (*index < x->n && !has_tail_idx(x, *index, type, idx))
        ++*index;
    ++*index;
    return true;
}

/* ------------------------------------------------------------ words */

/* What a word's literal list says of each literal besides its id, so that
 * the walks over a sentence's words need not read the literal itself: these
 * bits, and above LI_SHIFT where its chain of roots starts. */
enum {
    LI_EXACT = 1,       /* the literal is the whole word, not a stem of it */
    LI_ROOTS = 2,       /* some root starts with it */
    LI_ACTOR = 4,       /* an actor root does */
    LI_ACTOR_OPEN = 8,  /* an actor root that needs no other literal does */
    LI_AGENT = 16,      /* the same for agents */
    LI_AGENT_OPEN = 32,
    LI_ACTOR_STEM = 64, /* an actor root may take it as a stem of a longer word */
    LI_AGENT_STEM = 128,
    LI_STEM = 256, /* a root of any type may */
    LI_ISSUE = 512, /* an issue or discard phrase starts with it */
    /* it only begins the word, and what follows is an ending match_root can
     * take after a root's last word: -s, -'s, -es, -' or -ed, -en, -ing, -d.
     * A literal with none of LI_EXACT, LI_STEM and this starts no match
     * there, and its chain need not be walked. */
    LI_ENDING = 1024,
};

static int32_t lit_info(const clit *l, bool exact)
{
    int32_t v = exact ? LI_EXACT : 0;
    if (l->nchain) /* compat_finish checked that it fits */
        v |= LI_ROOTS | (int32_t)((uint32_t)l->chain << LI_SHIFT);
    if (l->types & 1u << CW_ACTOR)
        v |= LI_ACTOR;
    if (l->types_open & 1u << CW_ACTOR)
        v |= LI_ACTOR_OPEN;
    if (l->types & 1u << CW_AGENT)
        v |= LI_AGENT;
    if (l->types_open & 1u << CW_AGENT)
        v |= LI_AGENT_OPEN;
    if (l->types_stem & 1u << CW_ACTOR)
        v |= LI_ACTOR_STEM;
    if (l->types_stem & 1u << CW_AGENT)
        v |= LI_AGENT_STEM;
    if (l->types_stem)
        v |= LI_STEM;
    if (l->types & 1u << CW_ISSUE)
        v |= LI_ISSUE;
    return v;
}

/* Literal lists of a document, shared by the actor stage (compat_match_actor,
 * called at nearly every token) and the coder: a token's words are looked up
 * in the literal table once, not once per sentence position that reaches
 * them. Lists are (literal, LI_* bits) pairs ending in (0, 0); offset 0 means
 * no list. Lives in the document arena. */
struct compat_memo {
    int32_t *lits;
    uint32_t nlits, cap;
    int32_t *tok; /* per token: offset of its words (memo_token); 0 = not looked up yet */
    uint32_t ntok;
    bool oom;
    /* the actor stage's bloom of the literals of tokens [bbegin, bend) */
    uint32_t bbegin, bend;
    cq_bloom bloom;
};

/* Words seen in earlier documents, per worker (engine.c keeps one and hands
 * it to each document as d->compat_cache): looking a word's prefixes up in
 * the literal table is a dozen random reads, and most words of a text are
 * ones seen before. One cache line per word, the word and its list inside
 * (words of up to 16 bytes with up to 5 literals: nearly all; others are
 * looked up each time). Open addressing on the word's hash; when half full,
 * it starts again. Not shared: one worker, one thread. */
#define WC_SLOTS (1u << 16) /* 4 MB */
#define WC_KEY 16
#define WC_PAIRS 5

typedef struct wc_entry {
    uint32_t hash; /* high half of the word's hash_bytes */
    uint8_t klen;  /* 0: empty */
    uint8_t npairs;
    char key[WC_KEY]; /* zero-padded */
    int32_t pairs[2 * WC_PAIRS];
} wc_entry;

struct compat_cache {
    wc_entry *slots;
    uint32_t used;
};

compat_cache *compat_cache_new(const lexicon *lx)
{
    if (!lx->compat)
        return NULL;
    compat_cache *cc = calloc(1, sizeof *cc);
    if (!cc)
        return NULL;
    /* In huge pages where the kernel gives them: every word probes a slot
     * at random, and over 4 KB pages most probes also missed the TLB. */
    size_t size = WC_SLOTS * sizeof *cc->slots, huge = 2u << 20;
    void *slots = NULL;
    if (posix_memalign(&slots, huge, size)) {
        free(cc);
        return NULL;
    }
#ifdef MADV_HUGEPAGE
    madvise(slots, size, MADV_HUGEPAGE);
#endif
    memset(slots, 0, size);
    cc->slots = slots;
    return cc;
}

void compat_cache_free(compat_cache *cc)
{
    if (!cc)
        return;
    free(cc->slots);
    free(cc);
}

/* The word zero-padded to WC_KEY bytes (false: too long to keep). */
static bool wc_key(const char *key, uint16_t klen, char *k16)
{
    if (!klen || klen > WC_KEY)
        return false;
    memset(k16, 0, WC_KEY);
    memcpy(k16, key, klen);
    return true;
}

static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Are the first n bytes (1..WC_KEY) of a slot's key the word's? Two loads
 * that overlap cover them, read from the word in place: copying it into a
 * padded key first cost as much as the rest of a hit. */
static bool key_eq_n(const char *e, const char *w, uint16_t n)
{
    if (n >= 8)
        return load8(e) == load8(w) && load8(e + n - 8) == load8(w + n - 8);
    if (n >= 4)
        return load4(e) == load4(w) && load4(e + n - 4) == load4(w + n - 4);
    return e[0] == w[0] && e[n / 2] == w[n / 2] && e[n - 1] == w[n - 1];
}

/* klen: 1..WC_KEY */
static const wc_entry *wc_get(const compat_cache *cc, uint64_t h, const char *key, uint16_t klen)
{
    for (uint32_t s = (uint32_t)h & (WC_SLOTS - 1);; s = (s + 1) & (WC_SLOTS - 1)) {
        const wc_entry *e = &cc->slots[s];
        if (!e->klen)
            return NULL;
        if (e->hash == (uint32_t)(h >> 32) && e->klen == klen && key_eq_n(e->key, key, klen))
            return e;
    }
}

/* Start loading the slot of a word about to be looked up: the tokens of a
 * sentence are looked up one after the other, each slot a likely cache miss,
 * and the loads can overlap. */
static void wc_prefetch(const compat_cache *cc, uint64_t h)
{
    if (cc)
        __builtin_prefetch(&cc->slots[(uint32_t)h & (WC_SLOTS - 1)]);
}

static void wc_put(compat_cache *cc, uint64_t h, const char *k16, uint16_t klen,
                   const int32_t *pairs, uint32_t npairs)
{
    if (npairs > WC_PAIRS)
        return;
    if (cc->used >= WC_SLOTS / 2) {
        memset(cc->slots, 0, WC_SLOTS * sizeof *cc->slots);
        cc->used = 0;
    }
    uint32_t s = (uint32_t)h & (WC_SLOTS - 1);
    while (cc->slots[s].klen)
        s = (s + 1) & (WC_SLOTS - 1);
    wc_entry *e = &cc->slots[s];
    e->hash = (uint32_t)(h >> 32);
    e->klen = (uint8_t)klen;
    e->npairs = (uint8_t)npairs;
    memcpy(e->key, k16, WC_KEY);
    memcpy(e->pairs, pairs, npairs * 2 * sizeof *pairs);
    cc->used++;
}

static compat_memo *memo_get(doc *d)
{
    if (d->compat_memo)
        return d->compat_memo;
    compat_memo *m = arena_zalloc(d->a, sizeof *m);
    if (!m)
        return NULL;
    m->ntok = d->toks.len;
    m->tok = arena_zalloc(d->a, ((size_t)m->ntok + 1) * sizeof *m->tok);
    m->cap = 1024;
    m->lits = arena_alloc(d->a, m->cap * sizeof *m->lits);
    if (!m->tok || !m->lits)
        return NULL;
    m->lits[0] = 0;
    m->nlits = 1; /* offset 0 means none */
    d->compat_memo = m;
    return m;
}

/* Room for n more entries in m->lits. */
static bool memo_reserve(compat_memo *m, arena *a, uint32_t n)
{
    if (m->nlits + n <= m->cap)
        return true;
    uint32_t ncap = m->cap * 2;
    while (ncap < m->nlits + n)
        ncap *= 2;
    int32_t *nl = arena_alloc(a, ncap * sizeof *nl);
    if (!nl) {
        m->oom = true;
        return false;
    }
    memcpy(nl, m->lits, m->nlits * sizeof *nl);
    m->lits = nl; /* the old copy stays valid until the arena is reset */
    m->cap = ncap;
    return true;
}

/* Is the rest of a word after a literal one of the endings of LI_ENDING? */
static bool ending_after(const char *rem, uint16_t n)
{
    switch (n) {
    case 1:
        return rem[0] == 's' || rem[0] == '\'' || rem[0] == 'd';
    case 2:
        return (rem[0] == '\'' && rem[1] == 's') ||
               (rem[0] == 'e' && (rem[1] == 's' || rem[1] == 'd' || rem[1] == 'n'));
    case 3:
        return rem[0] == 'i' && rem[1] == 'n' && rem[2] == 'g';
    default:
        return false;
    }
}

/* Every literal that is a prefix of the word, shortest first (the order
 * TABARI's sorted literal list gives), with whether it is the whole word. A
 * one-letter literal only matches a word whose second character is not a
 * letter or digit, as TABARI's two-letter index has it. Appends the list
 * (always terminated, so token lists can follow each other) and returns its
 * offset, 0 when it is empty. h is hash_bytes(key, klen). Out of line: one
 * word in fourteen gets here, the others are in the word cache (memo_lits). */
static __attribute__((noinline)) int32_t memo_lits_new(compat_memo *m, doc *d, const compat *c,
                                                       const char *key, uint16_t klen,
                                                       uint64_t h)
{
    compat_cache *cc = d->compat_cache;
    uint32_t start = m->nlits;
    if (c->lit_cap && klen) {
        /* Every prefix's slot is a likely cache miss: hash them all and
         * start their loads before the first is read, so the misses overlap. */
        enum { PREFIX_MAX = 32 };
        uint64_t fhs[PREFIX_MAX + 1];
        uint64_t fh = 0xcbf29ce484222325ull; /* FNV-1a, a prefix at a time */
        uint16_t lim = klen < c->lit_maxlen ? klen : c->lit_maxlen;
        for (uint16_t k = 1; k <= lim && k <= PREFIX_MAX; k++) {
            fh ^= (unsigned char)key[k - 1];
            fh *= 0x100000001b3ull;
            fhs[k] = fh;
            __builtin_prefetch(&c->lit_slots[(uint32_t)(fh ^ (fh >> 29)) & (c->lit_cap - 1)]);
        }
        for (uint16_t k = 1; k <= lim; k++) {
            if (k <= PREFIX_MAX) {
                fh = fhs[k];
            } else {
                fh ^= (unsigned char)key[k - 1];
                fh *= 0x100000001b3ull;
            }
            if (k == 1 && klen > 1 && isalnum((unsigned char)key[1]))
                continue;
            uint32_t s = (uint32_t)(fh ^ (fh >> 29)) & (c->lit_cap - 1);
            uint32_t tag = lit_tag(fh);
            for (uint64_t e; (e = c->lit_slots[s]); s = (s + 1) & (c->lit_cap - 1)) {
                if ((uint32_t)(e >> 32) != tag)
                    continue;
                const clit *l = &c->lits.items[(uint32_t)e];
                if (l->len == k && !memcmp(l->s, key, k)) {
                    if (!memo_reserve(m, d->a, 2))
                        return 0;
                    m->lits[m->nlits++] = (int32_t)(uint32_t)e;
                    m->lits[m->nlits++] =
                        lit_info(l, k == klen) |
                        (k < klen && ending_after(key + k, klen - k) ? LI_ENDING : 0);
                    break;
                }
            }
        }
        char k16[WC_KEY];
        if (cc && wc_key(key, klen, k16))
            wc_put(cc, h, k16, klen, m->lits + start, (m->nlits - start) / 2);
    }
    if (!memo_reserve(m, d->a, 2))
        return 0;
    bool found = m->nlits > start;
    m->lits[m->nlits++] = 0;
    m->lits[m->nlits++] = 0;
    return found ? (int32_t)start : 0;
}

/* memo_lits_new's list, from the word cache when the word is there. */
static inline int32_t memo_lits(compat_memo *m, doc *d, const compat *c, const char *key,
                                uint16_t klen, uint64_t h)
{
    compat_cache *cc = d->compat_cache;
    const wc_entry *hit = cc && klen && klen <= WC_KEY ? wc_get(cc, h, key, klen) : NULL;
    if (!hit)
        return memo_lits_new(m, d, c, key, klen, h);
    /* the list and its end in one reservation: npairs <= WC_PAIRS */
    if (!memo_reserve(m, d->a, 2 * WC_PAIRS + 2))
        return 0;
    uint32_t start = m->nlits;
    memcpy(m->lits + start, hit->pairs, sizeof hit->pairs); /* a fixed size: no call */
    int32_t *l = m->lits + start + hit->npairs * 2u;
    l[0] = l[1] = 0;
    m->nlits += hit->npairs * 2u + 2;
    return hit->npairs ? (int32_t)start : 0;
}

/* With the number of parts of a token whose key has a hyphen, when it has
 * parts: build_words tells the plain words (number 1 exactly) without reading
 * the key again. */
#define MEMO_SPLIT 0x40000000
#define MEMO_PARTS (MEMO_SPLIT - 1)

/* memo_token_new for any token: the word looked up part by part. */
static __attribute__((noinline)) int32_t memo_token_parts(compat_memo *m, doc *d,
                                                          const compat *c, const tok *t,
                                                          uint32_t k)
{
    const char *key = t->key;
    uint16_t kl = t->key_len;
    if (!memo_reserve(m, d->a, 1))
        return 0;
    int32_t head = (int32_t)m->nlits++, parts = 0;
    /* a hyphen in a word's key comes from one in its text, which the
     * tokenizer joins only with TF_HYPHENATED (U+2010 and U+2011 too, whose
     * keys may have none): most keys need no search */
    if (kl && (!(t->flags & TF_HYPHENATED) || !memchr(key, '-', kl))) {
        memo_lits(m, d, c, key, kl, t->hash);
        parts = 1;
    } else {
        uint16_t p = 0;
        while (p < kl) {
            uint16_t q = p;
            while (q < kl && key[q] != '-')
                q++;
            if (q > p) {
                memo_lits(m, d, c, key + p, (uint16_t)(q - p), hash_bytes(key + p, q - p));
                parts++;
            }
            p = q < kl ? q + 1 : kl;
        }
        if (parts)
            parts |= MEMO_SPLIT;
    }
    if (m->oom)
        return 0;
    m->lits[head] = parts;
    if (k < m->ntok)
        m->tok[k] = head;
    return head;
}

/* memo_token for a token not looked up yet. Most tokens have no hyphen and
 * are in the word cache: those take one reservation for the count, the list
 * and its end, and a function with little to save (memo_token_parts, the
 * rest, is out of line). */
static __attribute__((noinline)) int32_t memo_token_new(compat_memo *m, doc *d, const compat *c,
                                                        const tok *t, uint32_t k)
{
    uint16_t kl = t->key_len;
    compat_cache *cc = d->compat_cache;
    const wc_entry *hit = cc && kl && kl <= WC_KEY && !(t->flags & TF_HYPHENATED)
                              ? wc_get(cc, t->hash, t->key, kl)
                              : NULL;
    if (!hit || !memo_reserve(m, d->a, 2 * WC_PAIRS + 3))
        return memo_token_parts(m, d, c, t, k);
    int32_t head = (int32_t)m->nlits, *l = m->lits + head;
    l[0] = 1;
    memcpy(l + 1, hit->pairs, sizeof hit->pairs); /* a fixed size: no call */
    l[1 + hit->npairs * 2u] = l[2 + hit->npairs * 2u] = 0;
    m->nlits += hit->npairs * 2u + 3;
    if (k < m->ntok)
        m->tok[k] = head;
    return head;
}

/* Token k's words (its key split at hyphens, empty parts left out): the
 * offset of their number, followed by their lists one after the other. Half
 * the calls find the token done: that test is inline at the callers. */
static inline int32_t memo_token(compat_memo *m, doc *d, const compat *c, const tok *t,
                                 uint32_t k)
{
    if (k < m->ntok && m->tok[k])
        return m->tok[k];
    return memo_token_new(m, d, c, t, k);
}

static void bloom_list(cq_bloom *bloom, const int32_t *q)
{
    for (; *q; q += 2)
        cq_set(bloom, cq_bit(*q));
}

/* The next list after the one at off (lists of a token's words are adjacent). */
static int32_t list_next(const int32_t *lits, int32_t off)
{
    while (lits[off])
        off += 2;
    return off + 2;
}

/* The roots whose phrase starts with a literal of a word list (q: its pair),
 * in load order: chain_start gives the walk's start (NULL when there are
 * none), chain_next each root in turn whose type is in the mask (bits 1 <<
 * type) and whose quick data pass the sentence's bloom, NULL at the end. */
static const uint32_t *chain_start(const compat *c, const int32_t *q)
{
    return q[1] & LI_ROOTS ? c->chain_hot + ((uint32_t)q[1] >> LI_SHIFT) : NULL;
}

static const cchain *chain_next(const compat *c, const uint32_t **h, uint32_t types,
                                const cq_bloom *bloom)
{
    types |= 1u << CW_HALT; /* the end stops the walk too */
    for (const uint32_t *p = *h;; p++) {
        /* nine entries in ten fail on the first bit alone (the longest
         * literal, the end's is 0 and always set): test it by itself, so the
         * loop over them is a few instructions, and the rest only after */
        uint32_t b = CH_BIT0(*p);
        if (!bloom->has[b])
            continue;
        uint32_t t = CH_TYPE(*p);
        if (!((types >> t) & bloom->has[CH_BIT1(*p)]))
            continue;
        if (t == CW_HALT) {
            *h = p;
            return NULL;
        }
        const cchain *e = &c->chain.items[p - c->chain_hot];
        if (!cq_pass(bloom, &e->q))
            continue;
        *h = p + 1;
        return e;
    }
}

/* Start loading the chains of a word's literals: the walk over them comes
 * soon, each start a likely cache miss (lits: the word's list, 0 none). */
static void chain_prefetch(const compat *c, const int32_t *litl, int32_t lits)
{
    if (lits <= 0)
        return;
    for (const int32_t *q = &litl[lits]; *q; q += 2)
        if (q[1] & LI_ROOTS)
            __builtin_prefetch(c->chain_hot + ((uint32_t)q[1] >> LI_SHIFT));
}

#define TYPES_ROOTS (~(1u << CW_NULL | 1u << CW_SYNYM | 1u << CW_ISSUE | 1u << CW_HALT))

static int lit_len(const ctx *x, int32_t lit) { return x->c->lits.items[lit].len; }

static bool add_word(ctx *x, uint32_t start, uint32_t end, const char *key, size_t klen)
{
    if (x->n >= MAX_WORDS)
        return false;
    cword *w = &x->w[x->n++];
    memset(w, 0, sizeof *w);
    w->start = start;
    w->end = end;
    w->key = key;
    w->klen = (uint16_t)(klen > 0xFFFF ? 0xFFFF : klen);
    w->root = -1;
    w->tokk = -1;
    return true;
}

static const char *key_of(ctx *x, uint32_t start, uint32_t end, size_t *kl)
{
    const char *s = x->d->text + start;
    size_t n = end - start;
    bool plain = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || (s[i] >= 'A' && s[i] <= 'Z')) {
            plain = false;
            break;
        }
    if (plain) {
        *kl = n;
        return s;
    }
    return text_key(x->d->a, s, n, kl);
}

static bool is_hyphen_at(const char *s, uint32_t i, uint32_t end, uint32_t *len)
{
    unsigned char ch = (unsigned char)s[i];
    if (ch == '-') {
        *len = 1;
        return true;
    }
    /* U+2010 and U+2011 */
    if (ch == 0xE2 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x90 || (unsigned char)s[i + 2] == 0x91)) {
        *len = 3;
        return true;
    }
    return false;
}

/* Token k as a word, whole. Its word-cache slot is a likely miss when the
 * actor stage has not looked it up (events alone): loading every word's now,
 * a sentence ahead of their use, lets the misses overlap. */
static void add_token_word(ctx *x, const tok *t, uint32_t k)
{
    if (!add_word(x, t->start, t->end, t->key, t->key_len))
        return;
    x->w[x->n - 1].tokk = (int32_t)k;
    if (k >= x->m->ntok || !x->m->tok[k])
        wc_prefetch(x->d->compat_cache, t->hash);
}

/* Petrel's tokens as TABARI's words. */
static void build_words(ctx *x, const sent *st)
{
    const doc *d = x->d;
    const tok *toks = d->toks.items;
    bool fbis = x->c->opt.fbis;
    bool seen_alpha = !fbis;
    int bracket = 0;
    cq_clear(&x->bloom);
    x->caps = true;
    for (uint32_t i = st->start; i < st->end; i++)
        if (d->text[i] >= 'a' && d->text[i] <= 'z') {
            x->caps = false;
            break;
        }
    for (uint32_t k = st->tok_begin; k < st->tok_end && x->n < MAX_WORDS; k++) {
        const tok *t = &toks[k];
        if (fbis) { /* FBIS: [speaker] prefixes and leading non-letters are skipped */
            if (t->kind == TK_PUNCT && t->key_len == 1 && t->key[0] == '[') {
                bracket++;
                continue;
            }
            if (bracket) {
                if (t->kind == TK_PUNCT && t->key_len == 1 && t->key[0] == ']')
                    bracket--;
                continue;
            }
            if (!seen_alpha) {
                if (t->kind != TK_WORD)
                    continue;
                seen_alpha = true;
            }
        }
        /* most tokens: a word taken whole, with no hyphen in it, no 's or
         * 're after it and no full stop to drop (what the rules below do
         * with such a token, in a few tests) */
        if (t->kind == TK_WORD &&
            !(t->flags & (TF_POSSESSIVE | TF_CONTRACTION | TF_HYPHENATED)) &&
            !(k + 1 < st->tok_end && (toks[k + 1].flags & (TF_POSSESSIVE | TF_CONTRACTION))) &&
            d->text[t->end - 1] != '.') {
            add_token_word(x, t, k);
            continue;
        }
        if (t->kind == TK_WORD || t->kind == TK_NUMBER) {
            if (t->flags & (TF_POSSESSIVE | TF_CONTRACTION))
                continue; /* joined to the word before, below */
            uint32_t ws = t->start, we = t->end;
            /* 's and 're stay on their word when written together */
            uint32_t kk = k + 1;
            bool hyphens = t->flags & TF_HYPHENATED; /* the tokenizer's: a hyphen inside */
            while (kk < st->tok_end && (toks[kk].flags & (TF_POSSESSIVE | TF_CONTRACTION)) &&
                   toks[kk].kind == TK_WORD && !(toks[kk].flags & TF_SPACE_BEFORE)) {
                we = toks[kk].end;
                hyphens |= toks[kk].flags & TF_HYPHENATED;
                kk++;
            }
            /* a full stop after a lower-case letter goes (Mr. -> MR), after a
             * capital it stays (U.S.) */
            if (we > ws + 1 && d->text[we - 1] == '.' &&
                !(d->text[we - 2] >= 'A' && d->text[we - 2] <= 'Z'))
                we--;
            /* hyphens split words */
            uint32_t p = ws;
            while (p < we && x->n < MAX_WORDS) {
                uint32_t q = hyphens ? p : we, hl = 0;
                while (q < we && !is_hyphen_at(d->text, q, we, &hl))
                    q++;
                if (q == t->end && p == t->start && t->kind == TK_WORD) {
                    add_token_word(x, t, k); /* the token itself, its key text_key's */
                } else if (q > p) {
                    size_t kl;
                    const char *key = key_of(x, p, q, &kl);
                    if (!key) {
                        x->oom = true;
                        return;
                    }
                    if (t->kind == TK_NUMBER && memchr(key, ',', kl)) { /* 1,500 -> 1500 */
                        char *nk = arena_alloc(x->d->a, kl + 1);
                        if (!nk) {
                            x->oom = true;
                            return;
                        }
                        size_t o = 0;
                        for (size_t z = 0; z < kl; z++)
                            if (key[z] != ',')
                                nk[o++] = key[z];
                        key = nk;
                        kl = o;
                    }
                    if (!add_word(x, p, q, key, kl))
                        break;
                }
                p = q < we ? q + hl : we;
            }
            continue;
        }
        if (t->kind == TK_PUNCT && t->key_len == 1 &&
            (t->key[0] == ',' || t->key[0] == ';' || t->key[0] == ':' || t->key[0] == '(' ||
             t->key[0] == ')')) {
            if (add_word(x, t->start, t->end, ",", 1))
                x->w[x->n - 1].lits = -LIT_COMMA;
            continue;
        }
        if (t->kind == TK_QUOTE && (t->quote & QC_DOUBLE)) {
            add_word(x, t->start, t->end, "\"", 1);
            continue;
        }
        /* other punctuation is blanked out */
    }
    /* literals, numbers, capitals */
    bool first = true;
    for (int i = 0; i < x->n; i++) {
        cword *w = &x->w[i];
        if (w->lits == -LIT_COMMA) {
            w->lflags = LF_COMMA;
            continue;
        }
        unsigned char c0 = (unsigned char)d->text[w->start];
        if (!x->caps && (unsigned)(c0 - 'A') < 26u) {
            w->lflags = first ? LF_INITCAP : LF_MIDCAP;
            first = false;
        } else if (!x->caps && c0 >= 0x80) {
            size_t z = w->start;
            int32_t cp = utf8_next((const unsigned char *)d->text, w->end, &z);
            if (uc_is_upper(cp)) {
                w->lflags = first ? LF_INITCAP : LF_MIDCAP;
                first = false;
            }
        }
        /* the token's key without a hyphen: its one part (the memo knows,
         * when the token was looked up) */
        int32_t head = w->tokk >= 0 && (uint32_t)w->tokk < x->m->ntok ? x->m->tok[w->tokk] : 0;
        if (w->tokk >= 0 && w->klen &&
            (head ? x->m->lits[head] == 1
                  : !(toks[w->tokk].flags & TF_HYPHENATED) || !memchr(w->key, '-', w->klen))) {
            int32_t off = memo_token(x->m, x->d, x->c, &toks[w->tokk], (uint32_t)w->tokk);
            w->lits = off && x->m->lits[off + 1] ? off + 1 : 0; /* its one part */
        } else {
            w->lits = memo_lits(x->m, x->d, x->c, w->key, w->klen, hash_bytes(w->key, w->klen));
        }
        x->litl = x->m->lits;
        if (w->lits)
            bloom_list(&x->bloom, &x->litl[w->lits]);
        if (!w->lits && w->klen && isdigit((unsigned char)w->key[0])) {
            w->lflags = LF_NUMBER;
            w->lits = -LIT_NUMBER;
        }
    }
    if (x->m->oom)
        x->oom = true;
    /* the end marker */
    cword *h = &x->w[x->n];
    memset(h, 0, sizeof *h);
    h->root = -1;
    h->type = CW_HALT;
    h->start = h->end = x->n ? x->w[x->n - 1].end : st->start;
    x->nall = x->n + 1;
    x->fwd_actor = x->fwd_compd = -1;
}

static cword *fwd_word(ctx *x, int32_t root, uint8_t type)
{
    cword *w = &x->w[x->nall++];
    memset(w, 0, sizeof *w);
    w->tokk = -1;
    w->root = root;
    w->type = type;
    w->lits = 0; /* no literals: patterns cannot match it */
    w->start = w->end = x->w[x->n].start;
    return w;
}

/* Puts the previous sentence's first compound and first actor past the end
 * marker, where only a pronoun's reference can reach them. */
static void add_forwarded(ctx *x, const cfwd *f)
{
    if (!f->valid)
        return;
    if (f->ncmp) {
        x->fwd_compd = x->nall;
        for (int k = 0; k < f->ncmp; k++) {
            int at = x->nall;
            cword *w = fwd_word(x, f->cmp[k].root, f->cmp[k].type);
            w->sflags = SF_COMPD;
            if (!k)
                add_head(x, at, CW_COMPOUND, 0);
            if (f->cmp[k].ahead)
                add_head(x, at, CW_ACTOR, 1);
            if (f->cmp[k].atail)
                add_tail(x, at, CW_ACTOR, 1);
        }
        add_tail(x, x->nall - 1, CW_COMPOUND, 0);
    }
    if (f->actor >= 0) {
        x->fwd_actor = x->nall;
        fwd_word(x, f->actor, CW_ACTOR);
        add_head(x, x->fwd_actor, CW_ACTOR, 1);
        add_tail(x, x->fwd_actor, CW_ACTOR, 1);
    }
    if (x->fwd_compd < 0)
        x->fwd_compd = x->fwd_actor;
}

/* The first compound or the first actor, whichever comes first (a compound
 * also yields an actor when its last word starts one, as in TABARI). */
static void take_forward(const ctx *x, cfwd *f)
{
    f->valid = true;
    f->actor = -1;
    f->ncmp = 0;
    for (int p = 0; p < x->n && f->actor < 0 && !f->ncmp; p++) {
        if (has_head(x, p, CW_COMPOUND)) {
            while (p < x->n && f->ncmp < MAX_FWD) {
                const cword *w = &x->w[p];
                f->cmp[f->ncmp].root = w->root;
                f->cmp[f->ncmp].type = w->type;
                f->cmp[f->ncmp].ahead = has_head(x, p, CW_ACTOR);
                f->cmp[f->ncmp].atail = has_tail(x, p, CW_ACTOR);
                f->ncmp++;
                if (has_tail(x, p, CW_COMPOUND))
                    break;
                p++;
            }
            if (p >= x->n)
                break;
        }
        if (f->actor < 0 && has_head(x, p, CW_ACTOR) && !has_head(x, p, CW_PRONOUN) &&
            x->w[p].root >= 0)
            f->actor = x->w[p].root;
    }
}

/* ------------------------------------------------------------ roots */

/* 0 no, 1 a stem of the word, 2 the whole word */
static int has_lit(const ctx *x, int loc, int32_t lit)
{
    if (loc < 0 || loc >= x->n || x->w[loc].lits <= 0)
        return 0;
    for (const int32_t *p = &x->litl[x->w[loc].lits]; *p; p += 2)
        if (*p == lit)
            return p[1] & LI_EXACT ? 2 : 1;
    return 0;
}

static bool ends(const char *rem, size_t n, const char *e)
{
    return n == strlen(e) && !memcmp(rem, e, n);
}

/* After a literal of a root phrase matched the first ll characters of word
 * w, what TABARI's matchLex makes of the rest of the word: 0 the word is
 * done (the phrase goes on, or ends, at the next word), -1 no match, or 1 +
 * the characters of an ending that completes the phrase here (last: the
 * element is the phrase's last). The last word of an actor, agent or noun may
 * add s, 's or es, a verb s, ed, es, en, ing (or d after e), unless it ends
 * with =. Note TABARI reads the connector bits here the other way round from
 * the pattern matcher: a stem match needs FULL_SKIP's bit. */
static int literal_end(const cword *w, int ll, uint16_t conn, bool last, uint8_t type)
{
    if (ll >= w->klen || (conn & CONN_FULL_SKIP))
        return 0;
    if (conn == CONN_EQUAL)
        return -1;
    const char *rem = w->key + ll;
    size_t rn = w->klen - (size_t)ll;
    if (conn == CONN_POSS) /* PETRARCH: Gondor's, allies' */
        return last && (ends(rem, rn, "'s") || ends(rem, rn, "'")) ? 1 + (int)rn : -1;
    if (type == CW_ACTOR || type == CW_AGENT || type == CW_NOUN) {
        if (!last)
            return -1;
        if (ends(rem, rn, "s"))
            return 2;
        if (ends(rem, rn, "'s") || ends(rem, rn, "es"))
            return 3;
    }
    if (type == CW_VERB) {
        if (!last)
            return -1;
        if (ends(rem, rn, "s"))
            return 2;
        if (ends(rem, rn, "ed") || ends(rem, rn, "es") || ends(rem, rn, "en"))
            return 3;
        if (ends(rem, rn, "ing"))
            return 4;
        if (ll > 0 && w->key[ll - 1] == 'e' && ends(rem, rn, "d"))
            return 2;
    }
    return -1;
}

/* TABARI's matchLex: does the root phrase match from word begin? Counts the
 * characters matched; the words matched go to out[]. Words of the phrase
 * joined by blanks may have other words between them (never a comma): a gap
 * needs PART_NEXT's bit. */
static bool match_root(const ctx *x, int32_t phrase, uint8_t type, int begin, int *nmatch, int *out,
                       int *nout)
{
    const cpel *e = &x->c->pels.items[phrase];
    int p = begin;
    bool skip = false, matched = false;
    *nmatch = 0;
    *nout = 0;
    while (e->lit && p < x->n) {
        matched = false;
        const cword *w = &x->w[p];
        if (w->lits == -LIT_COMMA)
            return false;
        int32_t ll = 0;
        if (w->lits > 0)
            for (const int32_t *q = &x->litl[w->lits]; *q; q += 2)
                if (*q == e->lit) {
                    matched = true;
                    /* a literal that is the whole word has its length: the
                     * literal table, a likely cache miss, is read for stems */
                    ll = q[1] & LI_EXACT ? w->klen : lit_len(x, *q);
                    *nmatch += ll;
                    break;
                }
        if (!matched) {
            if (skip) {
                p++;
                continue;
            }
            return false;
        }
        if (*nout < MAX_WORDS)
            out[(*nout)++] = p;
        int end = literal_end(w, ll, e->conn, !e[1].lit, type);
        if (end < 0)
            return false;
        if (end > 0) {
            *nmatch += end - 1;
            return true;
        }
        skip = (e->conn & CONN_PART_NEXT) != 0;
        p++;
        e++;
    }
    if (e->lit)
        return false;
    return matched;
}

/* match_root for the root of chain entry e, reached from the word's literal
 * pair q (the phrase's first element): a phrase of one word is decided from
 * the entry and the pair alone. */
static bool match_chain(const ctx *x, const cchain *e, const int32_t *q, int begin, int *nmatch,
                        int *out, int *nout)
{
    if (e->span != 1 || (e->conn1 & CONN_SYN))
        return match_root(x, e->phrase, e->type, begin, nmatch, out, nout);
    const cword *w = &x->w[begin];
    int ll = q[1] & LI_EXACT ? w->klen : lit_len(x, q[0]);
    out[0] = begin;
    *nout = 1;
    int end = literal_end(w, ll, e->conn1, true, e->type);
    *nmatch = ll + (end > 0 ? end - 1 : 0);
    return end >= 0;
}

static void assign_roots(ctx *x)
{
    const compat *c = x->c;
    int best[MAX_WORDS], cur[MAX_WORDS];
    for (int i = 0; i < x->n; i++) {
        cword *w = &x->w[i];
        if (i + 1 < x->n)
            chain_prefetch(c, x->litl, x->w[i + 1].lits);
        if (!w->lits || w->type != CW_NULL)
            continue;
        if (w->lits < 0) {
            w->type = w->lits == -LIT_COMMA ? CW_COMMA : CW_NUMBER;
            continue;
        }
        int maxmatch = 0, nbest = 0;
        int32_t broot = -1;
        uint8_t btype = CW_NULL;
        uint8_t bflags = 0;
        for (const int32_t *q = &x->litl[w->lits]; *q; q += 2) {
            if (!(q[1] & (LI_EXACT | LI_STEM | LI_ENDING)))
                continue; /* only begins the word, and no ending can follow it */
            const uint32_t *h = chain_start(c, q);
            for (const cchain *e; h && (e = chain_next(c, &h, TYPES_ROOTS, &x->bloom));) {
                int32_t r = e->root;
                int nm, nc;
                if (match_chain(x, e, q, i, &nm, cur, &nc) && nm > maxmatch) {
                    maxmatch = nm;
                    memcpy(best, cur, (size_t)nc * sizeof *cur);
                    nbest = nc;
                    broot = r;
                    btype = e->type;
                    bflags = e->flags;
                }
            }
        }
        if (maxmatch && nbest) {
            if (btype == CW_VERB) /* the first of do_verb's misses: verb_prefetch */
                __builtin_prefetch(&c->roots.items[broot]);
            w->root = broot;
            w->rflags = bflags;
            add_head(x, i, btype, 1);
            for (int k = 0; k < nbest; k++)
                x->w[best[k]].type = btype;
            add_tail(x, best[nbest - 1], btype, 1);
        }
    }
}

/* ------------------------------------------------------------ codes */

static const calt *root_code(const ctx *x, int32_t r)
{
    if (r < 0 || x->c->roots.items[r].type != CW_ACTOR)
        return NULL;
    return compat_resolve(x->c, x->c->roots.items[r].code, x->ymd);
}

static bool null_actor(const ctx *x, int32_t r)
{
    const calt *a = root_code(x, r);
    return a && a->n_items && x->c->citems.items[a->first_item].actor == x->c->null_code;
}

static const ecode *verb_code(const ctx *x, int32_t r)
{
    const croot *rt = &x->c->roots.items[r];
    if (rt->code < 0)
        return NULL;
    int32_t ec = x->c->vinfos.items[rt->code].code;
    return ec >= 0 ? &x->c->ecodes.items[ec] : NULL;
}

static bool null_verb(const ctx *x, int32_t r)
{
    const ecode *e = verb_code(x, r);
    return e && e->code == x->c->null_code;
}

/* the primary code of a root, whatever its kind, is a discard */
static bool discard_root(const ctx *x, int32_t r)
{
    const compat *c = x->c;
    const croot *rt = &c->roots.items[r];
    if (rt->code < 0)
        return false;
    switch (rt->type) {
    case CW_VERB:
    case CW_ATTRIB: {
        const ecode *e = verb_code(x, r);
        return e && e->code == c->discard_code;
    }
    case CW_TIME: {
        int32_t t = c->vinfos.items[rt->code].code;
        return t >= 0 && c->tcodes.items[t].special == c->discard_code;
    }
    case CW_ACTOR: {
        const calt *a = compat_resolve(c, rt->code, x->ymd);
        return a && a->n_items && c->citems.items[a->first_item].actor == c->discard_code;
    }
    default:
        return false;
    }
}

/* ------------------------------------------------------------ parse */

static void mark_nouns(ctx *x)
{
    for (int i = 0; i < x->n; i++) {
        cword *w = &x->w[i];
        if (w->type == CW_VERB && i > 0) {
            if (x->w[i - 1].type == CW_DETERM || (w->lflags & LF_MIDCAP)) {
                w->type = CW_NOUN;
                if (has_head(x, i, CW_VERB)) {
                    change_head(x, i, CW_VERB, CW_NOUN);
                    int k = i;
                    while (!has_tail(x, k, CW_VERB)) {
                        if (++k >= x->n) {
                            k--;
                            break;
                        }
                        if (x->w[k].type == CW_VERB && !has_head(x, k, CW_VERB))
                            x->w[k].type = CW_NOUN;
                    }
                    change_tail(x, k, CW_VERB, CW_NOUN);
                }
            }
        } else if (has_head(x, i, CW_ACTOR) && w->root >= 0 &&
                   (w->rflags & CC_NULL) && x->c->roots.items[w->root].type == CW_ACTOR &&
                   null_actor(x, w->root)) {
            change_head(x, i, CW_ACTOR, CW_NOUN);
            w->type = CW_NOUN;
            while (!has_tail(x, i, CW_ACTOR)) {
                if (++i >= x->n) {
                    i--;
                    break;
                }
                if (x->w[i].type == CW_ACTOR && !has_head(x, i, CW_ACTOR))
                    x->w[i].type = CW_NOUN;
            }
            change_tail(x, i, CW_ACTOR, CW_NOUN);
        }
    }
}

/* SET: CONVERT AGENT: an agent with no actor next to it becomes the actor. */
static void convert_agents(ctx *x)
{
    int a = 0;
    while (a < x->n) {
        if (x->w[a].type == CW_AGENT) {
            if (a > 0 && (x->w[a - 1].type == CW_ACTOR || has_tail(x, a - 1, CW_ACTOR) ||
                          x->w[a - 1].root == x->c->root_former)) {
                while (a < x->n && !has_tail(x, a, CW_AGENT))
                    a++;
            } else {
                int h = a;
                while (a < x->n && !has_tail(x, a, CW_AGENT))
                    a++;
                if (a >= x->n)
                    return;
                bool conv = true;
                if (a + 1 < x->n && has_head(x, a + 1, CW_ACTOR))
                    conv = false;
                if (conv && a + 2 < x->n && x->w[a + 1].type == CW_PREP &&
                    x->w[a + 2].type == CW_ACTOR)
                    conv = false;
                if (conv) {
                    x->w[h].type = CW_ACTOR;
                    change_head(x, h, CW_AGENT, CW_ACTOR);
                    change_tail(x, a, CW_AGENT, CW_ACTOR);
                }
            }
        }
        a++;
    }
}

/* <actor> (, <actor>)* and|nor <actor>, across determiners and adjectives. */
static void mark_compounds(ctx *x)
{
    int32_t cmp = 1;
    bool need_connect = false;
    for (int i = 0; i < x->n; i++) {
        cword *w = &x->w[i];
        if (w->type != CW_CONJ || w->root < 0 || !(x->c->roots.items[w->root].flags & RF_AND))
            continue;
        int pend = -1, pset = -1;
        int a = i + 1;
        while (a < x->n && (x->w[a].type == CW_ACTOR || x->w[a].type == CW_DETERM ||
                            x->w[a].type == CW_ADJCTV)) {
            if (x->w[a].type == CW_ACTOR && has_head(x, a, CW_ACTOR)) {
                while (a < x->n && !has_tail(x, a, CW_ACTOR))
                    a++;
                pend = a;
            }
            a++;
        }
        if (pend < 0)
            continue;
        a = i;
        while (a >= 0 &&
               (x->w[a].type == CW_ACTOR || x->w[a].type == CW_CONJ || x->w[a].type == CW_COMMA ||
                x->w[a].type == CW_DETERM || x->w[a].type == CW_ADJCTV)) {
            if (x->w[a].type == CW_CONJ || x->w[a].type == CW_COMMA)
                need_connect = false;
            if (x->w[a].type == CW_ACTOR) {
                if (need_connect)
                    break;
                while (a > 0 && !has_head(x, a, CW_ACTOR))
                    a--;
                pset = a;
                need_connect = true;
            }
            a--;
        }
        if (pset < 0)
            continue;
        add_head(x, pset, CW_COMPOUND, cmp);
        add_tail(x, pend, CW_COMPOUND, cmp);
        /* a compound inside this one is dropped */
        for (int k = pset; k <= pend; k++) {
            int32_t idx = head_idx(x, k, CW_COMPOUND);
            if (idx > 0 && idx < cmp) {
                int l = k;
                while (l < x->n && !has_tail_idx(x, l, CW_COMPOUND, idx))
                    l++;
                if (l < x->n) {
                    change_head(x, k, CW_COMPOUND, CW_NULLTAG);
                    change_tail(x, l, CW_COMPOUND, CW_NULLTAG);
                }
            }
        }
        cmp++;
        for (int k = pset; k <= pend; k++)
            x->w[k].sflags |= SF_COMPD;
    }
}

/* Comma-delimited clauses of MIN..MAX words (EMIN..EMAX at the end of the
 * sentence, BMIN..BMAX at its start) are marked to be nulled. */
static void mark_subordinate(ctx *x)
{
    const copts *o = &x->c->opt;
    int32_t sub = 1;
    int p = 0;
    while (p < x->n) {
        if (skip_segment(x, &p, CW_COMPOUND))
            continue;
        if (x->w[p].type == CW_COMMA) {
            int pstart = p;
            if (p >= o->min_beg_sub && p <= o->max_beg_sub && p > 0) {
                add_head(x, 0, CW_SUBORD, sub);
                add_tail(x, pstart - 1, CW_SUBORD, sub);
                sub++;
            }
            p++;
            while (p < x->n && x->w[p].type != CW_COMMA) {
                if (!skip_segment(x, &p, CW_COMPOUND))
                    p++;
            }
            if (p > x->n)
                p = x->n;
            int between = p - pstart - 1;
            if (p >= x->n && between >= o->min_end_sub && between <= o->max_end_sub) {
                add_head(x, pstart, CW_SUBORD, sub);
                add_tail(x, x->n - 1, CW_SUBORD, sub);
                return;
            }
            if (p < x->n && between >= o->min_sub && between <= o->max_sub) {
                add_head(x, pstart, CW_SUBORD, sub);
                add_tail(x, p, CW_SUBORD, sub);
                sub++;
            }
        }
        if (p < x->n)
            p++;
    }
}

static void null_subordinate(ctx *x)
{
    if (x->n && has_head(x, 0, CW_SUBORD))
        x->w[0].type = CW_NULL;
    int p = 0;
    while (p < x->n) {
        if (has_head(x, p, CW_SUBORD)) {
            do {
                ++p;
                if (p >= x->n)
                    return;
                cword *w = &x->w[p];
                w->type = CW_NULL;
                for (int32_t t = w->head; t; t = x->tags[t].next) {
                    int32_t tag = x->tags[t].type;
                    if (tag == CW_NULLTAG)
                        continue;
                    int a = p;
                    while (a < x->n && !has_tail(x, a, tag))
                        a++;
                    if (a >= x->n)
                        return; /* no tail: leave it (TABARI reports a tag error) */
                    w->type = CW_NULLTAG;
                    x->tags[t].type = CW_NULLTAG;
                    retag(x, p);
                    change_tail(x, a, tag, CW_NULLTAG);
                }
                for (int32_t t = w->tail; t; t = x->tags[t].next) {
                    int32_t tag = x->tags[t].type;
                    if (tag == CW_NULLTAG || tag == CW_SUBORD)
                        continue;
                    int a = p;
                    while (a > 0 && !has_head(x, a, tag))
                        a--;
                    if (!has_head(x, a, tag))
                        return;
                    x->tags[t].type = CW_NULLTAG;
                    retag(x, p);
                    change_head(x, a, tag, CW_NULLTAG);
                    x->w[a].type = CW_NULLTAG;
                }
            } while (!has_tail(x, p, CW_SUBORD));
        }
        p++;
    }
}

static void mark_clauses(ctx *x)
{
    int32_t cl = 1;
    x->has_clauses = false;
    if (!x->n)
        return;
    add_head(x, 0, CW_CLAUSE, cl);
    int p = 0;
    while (p < x->n) {
        if (skip_segment(x, &p, CW_COMPOUND))
            continue;
        if (skip_segment(x, &p, CW_SUBORD))
            continue;
        if (x->w[p].type == CW_CONJ && p > 0 && p + 1 < x->n) {
            bool clause = true;
            if (x->w[p - 1].type == CW_NOUN) { /* bombs and (big) rockets */
                int a = p + 1;
                while (a < x->n && x->w[a].type == CW_ADJCTV)
                    a++;
                if (a < x->n && x->w[a].type == CW_NOUN) {
                    clause = false;
                    p = a;
                }
            }
            if (p > 0 && x->w[p - 1].type == CW_ADJCTV && p + 1 < x->n &&
                x->w[p + 1].type == CW_ADJCTV) {
                clause = false;
                p++;
            }
            if (clause) {
                x->has_clauses = true;
                add_tail(x, p - 1, CW_CLAUSE, cl);
                cl++;
                add_head(x, p + 1, CW_CLAUSE, cl);
                p++;
            }
        }
        p++;
    }
    add_tail(x, x->n - 1, CW_CLAUSE, cl);
}

/* he, she, it: the first actor outside a compound; they, them, their: the
 * first compound, else the first actor. */
static void dereference_pronouns(ctx *x)
{
    for (int i = 0; i < x->n; i++) {
        cword *w = &x->w[i];
        if (w->type != CW_PRONOUN || w->root < 0)
            continue;
        uint8_t fl = x->c->roots.items[w->root].flags;
        int idx = -1;
        if (fl & RF_SINGULAR) {
            int a = 0;
            while (a < i) {
                while (a < i && x->w[a].type != CW_ACTOR)
                    a++;
                if (a >= i)
                    break;
                int32_t ci = head_idx(x, a, CW_COMPOUND);
                if (ci) {
                    if (ci < 0)
                        ci = 0;
                    do
                        a++;
                    while (a < x->n && !has_tail_idx(x, a, CW_COMPOUND, ci));
                    a++;
                } else if (!has_head(x, a, CW_ACTOR)) {
                    a++;
                } else {
                    idx = a;
                    break;
                }
            }
            if (idx < 0)
                idx = x->fwd_actor;
        } else if (fl & RF_PLURAL) {
            for (int a = 0; a < i; a++) {
                if (x->w[a].type != CW_ACTOR)
                    continue;
                if (has_head(x, a, CW_COMPOUND)) {
                    idx = a;
                    break;
                }
                if (idx < 0)
                    idx = a;
            }
            if (idx < 0)
                idx = x->fwd_compd;
        }
        if (idx >= 0) {
            w->type = CW_ACTOR;
            add_head(x, i, CW_ACTOR, 1);
            add_tail(x, i, CW_ACTOR, 1);
            add_head(x, i, CW_REF_FLAG | idx, 0);
            add_tail(x, i, CW_REF_FLAG | idx, 0);
        }
    }
}

/* A PETRARCH discard phrase in the sentence: 1 for the sentence, 2 for the
 * whole story (+ entries), 0 none. */
static int discard_phrase(const ctx *x)
{
    int found = 0;
    int pos[MAX_WORDS];
    for (int i = 0; i < x->n; i++) {
        const cword *w = &x->w[i];
        if (w->lits <= 0)
            continue;
        for (const int32_t *q = &x->litl[w->lits]; *q; q += 2)
            for (const uint32_t *h = q[1] & LI_ISSUE && q[1] & (LI_EXACT | LI_STEM | LI_ENDING)
                                         ? chain_start(x->c, q)
                                         : NULL;
                 h;) {
                const cchain *e = chain_next(x->c, &h, 1u << CW_ISSUE, &x->bloom);
                if (!e)
                    break;
                const croot *rt = &x->c->roots.items[e->root];
                int nm, nc;
                if (match_root(x, rt->phrase, CW_ISSUE, i, &nm, pos, &nc)) {
                    if (rt->flags & RF_STORY)
                        return 2;
                    found = 1;
                }
            }
    }
    return found;
}

static void check_discards(ctx *x)
{
    for (int i = 0; i < x->n; i++)
        if (x->w[i].root >= 0 && (x->w[i].rflags & CC_DISCARD) && discard_root(x, x->w[i].root)) {
            x->discard = true;
            return;
        }
    if (x->c->has_discard_list && discard_phrase(x))
        x->discard = true;
}

static int count_tags(const ctx *x, int32_t type)
{
    int n = 0, p = 0;
    while (p < x->n) {
        if (skip_segment(x, &p, CW_SUBORD))
            continue;
        if (has_head(x, p, type))
            n++;
        p++;
    }
    return n;
}

static int count_type(const ctx *x, uint8_t type)
{
    int n = 0, p = 0;
    while (p < x->n) {
        if (skip_segment(x, &p, CW_SUBORD))
            continue;
        if (x->w[p].type == type)
            n++;
        p++;
    }
    return n;
}

static void evaluate_complexity(ctx *x)
{
    const copts *o = &x->c->opt;
    x->complex = false;
    if (!o->cx_check) /* no COMPLEX: option (TABARI's default): the counts decide nothing */
        return;
    int nverb = count_tags(x, CW_VERB);
    int nactor = o->cx_actors ? count_tags(x, CW_ACTOR) : 0;
    int npron = o->cx_pronouns ? count_type(x, CW_PRONOUN) : 0;
    int nconj = 0;
    if (o->cx_conj) {
        for (int k = 0; k < x->n; k++) {
            if (has_head(x, k, CW_COMPOUND)) {
                while (k < x->n && !has_tail(x, k, CW_COMPOUND))
                    k++;
                k++;
            }
            if (k < x->n && x->w[k].type == CW_CONJ)
                nconj++;
        }
    }
    /* the first verb that is not null-coded */
    int iverb = 0;
    while (iverb < x->n) {
        if (skip_segment(x, &iverb, CW_SUBORD))
            continue;
        if (iverb < x->n && x->w[iverb].type == CW_VERB && has_head(x, iverb, CW_VERB) &&
            x->w[iverb].root >= 0 &&
            !((x->w[iverb].rflags & CC_NULL) && null_verb(x, x->w[iverb].root)))
            break;
        iverb++;
    }
    bool pre = false, post = false;
    if (o->cx_noactprior) {
        pre = true;
        int k = 0;
        while (k < iverb && k < x->n) {
            if (skip_segment(x, &k, CW_SUBORD))
                continue;
            if (k < x->n && x->w[k].type == CW_ACTOR) {
                pre = false;
                break;
            }
            k++;
        }
    }
    if (o->cx_noactafter) {
        post = true;
        int k = iverb + 1;
        while (k < x->n) {
            if (skip_segment(x, &k, CW_SUBORD))
                continue;
            if (k < x->n && x->w[k].type == CW_ACTOR) {
                post = false;
                break;
            }
            k++;
        }
    }
    if (o->cx_verbs > 0 && nverb >= o->cx_verbs)
        x->complex = true;
    if (o->cx_actors > 0 && nactor >= o->cx_actors)
        x->complex = true;
    if (o->cx_pronouns > 0 && npron >= o->cx_pronouns)
        x->complex = true;
    if (o->cx_conj > 0 && nconj >= o->cx_conj)
        x->complex = true;
    if (o->cx_lateverb > 0 && iverb >= o->cx_lateverb) /* no verb counts as late */
        x->complex = true;
    if (pre || post)
        x->complex = true;
    if (o->cx_noverb && !nverb)
        x->complex = true;
}

/* do_verb reads, for each verb, its root, then the root's verb data, then
 * its pattern lists: three misses in a row on a large dictionary. The parse
 * starts them a stage apart (assign_roots the root's), each stage's while
 * the words are marked, so that they overlap with that work and each other. */
static void verb_prefetch(const ctx *x, int stage)
{
    const compat *c = x->c;
    for (int i = 0; i < x->n; i++) {
        const cword *w = &x->w[i];
        if (w->root < 0 || w->type != CW_VERB)
            continue;
        int32_t code = c->roots.items[w->root].code;
        if (code < 0)
            continue;
        const vinfo *vi = &c->vinfos.items[code];
        if (stage == 1) {
            __builtin_prefetch(vi);
        } else if (vi->n_pat) {
            __builtin_prefetch(c->vpat_hot + vi->vpat);
            __builtin_prefetch(c->vpats.items + vi->vpat);
        }
    }
}

static void parse(ctx *x)
{
    if (x->n - 1 < x->c->opt.min_lex) {
        x->too_short = true;
        return;
    }
    assign_roots(x);
    if (x->may_stop &&
        (!(x->hmask_all & type_bit(CW_VERB)) ||
         (x->need_actor && !(x->hmask_all & (type_bit(CW_ACTOR) | type_bit(CW_AGENT)))))) {
        x->stopped = true;
        return;
    }
    mark_nouns(x);
    verb_prefetch(x, 1);
    if (x->c->opt.conv_agent)
        convert_agents(x);
    mark_compounds(x);
    verb_prefetch(x, 2);
    mark_subordinate(x);
    if (!x->c->has_attrib_list)
        null_subordinate(x);
    mark_clauses(x);
    if (x->c->has_attrib_list)
        null_subordinate(x);
    dereference_pronouns(x);
    check_discards(x);
    if (!x->discard)
        evaluate_complexity(x);
}

/* ------------------------------------------------------------ actors */

static void zero_actor(cact *a)
{
    memset(a, 0, sizeof *a);
    a->agent = -1;
    a->root = a->agt_root = -1;
    a->where = a->mention = -1;
}

static bool actor_empty(const cact *a) { return !a->actor && a->agent < 0 && !a->alt; }

static bool actor_equal(const cact *a, const cact *b)
{
    return a->actor == b->actor && a->agent == b->agent && a->alt == b->alt;
}

static bool compound_at(const ctx *x, int where)
{
    return where >= 0 && where < x->nall && (x->w[where].sflags & SF_COMPD);
}

static void actor_codes(ctx *x, cact *a, int loc)
{
    a->mention = loc;
    for (int guard = 0; guard < 8 && has_head(x, loc, CW_PRONOUN); guard++)
        loc = reference(x, loc);
    int32_t r = loc >= 0 && loc < x->nall ? x->w[loc].root : -1;
    if (r < 0) {
        int m = a->mention;
        zero_actor(a);
        a->mention = m;
        return;
    }
    a->root = r;
    a->where = loc;
    a->alt = NULL;
    a->actor = NULL;
    a->agent = -1;
    const croot *rt = &x->c->roots.items[r];
    if (rt->type == CW_AGENT && rt->code >= 0) { /* a converted agent codes as itself */
        const cagent *g = &x->c->agents.items[rt->code];
        char buf[64];
        int n = snprintf(buf, sizeof buf, g->after_actor ? "~%s" : "%s~", g->code);
        a->actor = arena_strndup(x->d->a, buf, (size_t)(n > 0 ? n : 0));
        return;
    }
    const calt *alt = compat_resolve(x->c, rt->code, x->ymd);
    if (!alt || !alt->n_items)
        return;
    const citem *it = &x->c->citems.items[alt->first_item];
    a->actor = it->actor;
    if (alt->n_items > 1)
        a->alt = alt;
}

static int actor_tail(const ctx *x, int loc)
{
    if (has_head(x, loc, CW_PRONOUN))
        return loc;
    while (loc < x->iend && loc < x->n && !has_tail(x, loc, CW_ACTOR))
        loc++;
    return loc;
}

static int actor_head(const ctx *x, int loc, bool *found)
{
    if (has_head(x, loc, CW_PRONOUN))
        loc = reference(x, loc);
    int s = loc;
    while (s >= 0 && !has_head(x, s, CW_ACTOR))
        s--;
    if (s < 0) {
        *found = false;
        return loc;
    }
    *found = true;
    return s;
}

static bool is_former(const ctx *x, int k)
{
    return k >= 0 && k < x->n && x->w[k].type == CW_ADJCTV && x->w[k].root >= 0 &&
           x->w[k].root == x->c->root_former;
}

/* An agent right after the actor, or before it (over IN / OF); FORMER before
 * either makes the agent an elite. */
static void find_agent(ctx *x, int loc, cact *a)
{
    bool found = false, former = false;
    int t = actor_tail(x, loc);
    if (is_former(x, t + 1)) {
        former = true;
        t++;
    }
    if (!former && loc > 0 && is_former(x, loc - 1))
        former = true;
    a->agent = -1;
    a->agt_root = -1;
    if (t + 1 < x->n && x->w[t + 1].type == CW_AGENT && has_head(x, t + 1, CW_AGENT)) {
        found = true;
        a->agt_root = x->w[t + 1].root;
        a->agent = former ? x->c->elite_agent : x->c->roots.items[x->w[t + 1].root].code;
    } else if (loc > 0) {
        if (x->w[loc - 1].type == CW_PREP)
            loc--;
        if (loc > 0 && x->w[loc - 1].type == CW_AGENT && has_tail(x, loc - 1, CW_AGENT)) {
            int s = loc - 1;
            while (s >= 0 && !has_head(x, s, CW_AGENT))
                s--;
            if (s >= 0) {
                found = true;
                a->agt_root = x->w[s].root;
                if (!former && is_former(x, s - 1))
                    former = true;
                a->agent = former ? x->c->elite_agent : x->c->roots.items[x->w[s].root].code;
            }
        }
    }
    if (!found) {
        a->agent = -1;
        a->agt_root = -1;
    }
}

static void find_actor(ctx *x, int loc, int *found_at, cact *a)
{
    while (loc <= x->iend && loc < x->n) {
        if (x->w[loc].type == CW_ACTOR && has_head(x, loc, CW_ACTOR)) {
            zero_actor(a);
            actor_codes(x, a, loc);
            find_agent(x, loc, a);
            *found_at = loc;
            return;
        }
        loc++;
    }
    *found_at = -1;
}

static void back_actor(ctx *x, int loc, int *found_at, cact *a)
{
    while (loc >= x->istart && loc >= 0) {
        if (x->w[loc].type == CW_ACTOR) {
            bool found;
            loc = actor_head(x, loc, &found);
            if (!found) {
                *found_at = -1;
                return;
            }
            zero_actor(a);
            actor_codes(x, a, loc);
            find_agent(x, loc, a);
            *found_at = loc;
            return;
        }
        loc--;
    }
    *found_at = -1;
}

static void default_source(ctx *x)
{
    zero_actor(&x->source);
    x->source.actor = x->c->opt.def_src_code;
    x->source.where = x->source.mention = WHERE_DEFAULT;
    x->regular_source = true;
}

static void default_target(ctx *x)
{
    zero_actor(&x->target);
    x->target.actor = x->c->opt.def_tar_code;
    x->target.where = x->target.mention = WHERE_DEFAULT;
    x->regular_target = true;
}

static void regular_source(ctx *x, int verb)
{
    int loc = x->istart, at = 0;
    cact a;
    while (at >= 0) {
        find_actor(x, loc, &at, &a);
        if (at < 0)
            break;
        if (x->c->opt.def_prior && at > verb) {
            default_source(x);
            return;
        }
        if (!actor_equal(&a, &x->target)) {
            x->source = a;
            x->regular_source = true;
            return;
        }
        loc = at + 1;
    }
    if (x->c->opt.def_src)
        default_source(x);
}

static void regular_target(ctx *x, int verb)
{
    int loc = verb + 1, at = 0;
    cact a;
    while (at >= 0) {
        find_actor(x, loc, &at, &a);
        if (at < 0)
            break;
        if (!actor_equal(&a, &x->source)) {
            x->target = a;
            x->regular_target = true;
            return;
        }
        loc = at + 1;
    }
    if (x->c->opt.def_after) {
        default_target(x);
        return;
    }
    loc = verb - 1;
    at = 0;
    while (at >= 0) {
        back_actor(x, loc, &at, &a);
        if (at < 0)
            break;
        if (!actor_equal(&a, &x->source)) {
            x->target = a;
            return;
        }
        loc = at - 1;
    }
    /* a compound source is its own target (A and B met: A-B, B-A) */
    if (x->source.alt || compound_at(x, x->source.where))
        x->target = x->source;
    else if (x->c->opt.def_src) /* sic: TABARI tests the source default here */
        default_target(x);
}

/* ------------------------------------------------------------ patterns */

static int32_t plit(const ctx *x, int32_t i)
{
    return i < 0 || i >= (int32_t)x->c->pels.len ? 0 : x->c->pels.items[i].lit;
}
static uint16_t pconn(const ctx *x, int32_t i)
{
    return i < 0 || i >= (int32_t)x->c->pels.len ? 0 : x->c->pels.items[i].conn;
}

static int compound_head_of(const ctx *x, int loc)
{
    int32_t idx = tail_idx(x, loc, CW_COMPOUND);
    if (!idx)
        return -1;
    int s = loc;
    while (s >= 0 && !check_head(x, s, CW_COMPOUND, idx))
        s--;
    return s;
}

static int compound_at_loc(const ctx *x, int loc, bool *found)
{
    int s;
    if (has_head(x, loc, CW_COMPOUND)) {
        if (!check_tail(x, loc, CW_COMPOUND))
            return -1;
        s = loc;
    } else {
        s = compound_head_of(x, loc);
        if (s < 0)
            return -1;
    }
    *found = true;
    return s;
}

/* While the matcher skips words, a word without the literal just moves it
 * on: go straight to the nearest word that has it (or to the last word in
 * reach, where the search ends as it would have). Called with loc on a
 * word; the words in between are read once. */
static void skip_to_literal(ctx *x, int32_t lit)
{
    bool maybe_here = x->bloom.has[cq_bit(lit)]; /* else no word has it */
    if (x->high) {
        int last = x->iend < x->n - 1 ? x->iend : x->n - 1;
        for (int wi = x->loc; maybe_here && wi <= last; wi++)
            if (has_lit(x, wi, lit)) {
                x->loc = wi;
                return;
            }
        x->loc = x->iend > x->loc ? x->iend : x->loc;
    } else {
        for (int wi = x->loc; maybe_here && wi >= 0; wi--)
            if (has_lit(x, wi, lit)) {
                x->loc = wi;
                return;
            }
        x->loc = 0;
    }
}

static int comp_target(ctx *x)
{
    int32_t lit = plit(x, x->pt);
    bool found = false;
    if (lit >= LIT_FIRST && x->skip && x->loc >= 0 && x->loc < x->n && !has_lit(x, x->loc, lit))
        skip_to_literal(x, lit);
    if (lit >= LIT_FIRST) {
        int m = has_lit(x, x->loc, lit);
        if (m && x->fcond)
            x->lenalt += lit_len(x, lit);
        return m;
    }
    bool actor = x->loc >= 0 && x->loc < x->n && x->w[x->loc].type == CW_ACTOR;
    bool pron = actor && has_head(x, x->loc, CW_PRONOUN);
    if (lit == LIT_SOURCE && actor) {
        x->index_source = actor_head(x, x->loc, &found);
        x->pron_source = pron ? x->loc : -1;
    } else if (lit == LIT_TARGET && actor) {
        x->index_target = actor_head(x, x->loc, &found);
        x->pron_target = pron ? x->loc : -1;
    } else if (lit == LIT_ATTRIB && actor)
        x->index_attrib = actor_head(x, x->loc, &found);
    else if (lit == LIT_SKIP && actor) {
        if (x->high) {
            actor_head(x, x->loc, &found);
            if (found)
                x->loc = actor_tail(x, x->loc);
        } else {
            x->loc = actor_head(x, x->loc, &found);
        }
    } else if (lit == LIT_COMPOUND && has_head(x, x->loc, CW_COMPOUND)) {
        x->index_compound = compound_at_loc(x, x->loc, &found);
    }
    return found ? 2 : 0;
}

static int continue_check(ctx *x)
{
    if (x->high) {
        if (++x->loc > x->iend)
            return 0;
    } else if (--x->loc < 0) {
        return 0;
    }
    return 2;
}

static int next_check(ctx *x)
{
    if (x->high) {
        if (x->fcond && (plit(x, x->pt + 1) == LIT_OR || plit(x, x->pt + 1) == LIT_CLOSE)) {
            x->fcond = false; /* an alternative is complete: go past the set */
            while (plit(x, x->pt) != LIT_CLOSE && x->pt < (int32_t)x->c->pels.len)
                x->pt++;
        }
        x->skip = (pconn(x, x->pt) & CONN_FULL_SKIP) != 0;
        x->pt++;
        if (!plit(x, x->pt))
            return 1;
        if (++x->loc > x->iend)
            return 0;
    } else {
        x->pt--;
        if (x->pt < x->pthis)
            return 1;
        if (x->fcond && (plit(x, x->pt) == LIT_OR || plit(x, x->pt) == LIT_OPEN)) {
            x->fcond = false;
            while (x->pt >= 0 && plit(x, x->pt) != LIT_OPEN)
                x->pt--;
            x->pt--;
        }
        x->skip = (pconn(x, x->pt) & CONN_FULL_SKIP) != 0;
        if (--x->loc < 0)
            return 0;
    }
    x->full = !(pconn(x, x->pt) & CONN_PART_NEXT);
    return 2;
}

static int state_check(ctx *x, int result)
{
    if (x->skip) {
        if (x->full)
            return result == 2 ? next_check(x) : continue_check(x);
        return result ? next_check(x) : continue_check(x);
    }
    if (x->full)
        return result == 2 ? next_check(x) : 0;
    return result ? next_check(x) : 0;
}

static void save_state(ctx *x)
{
    x->fcond = true;
    x->cond_loc = x->loc;
    x->cond_len = x->lenalt;
    x->cond_skip = x->skip;
}

static void restore_state(ctx *x)
{
    x->loc = x->cond_loc;
    x->lenalt = x->cond_len;
    x->skip = x->cond_skip;
}

static void init_condit(ctx *x)
{
    save_state(x);
    x->pt += x->high ? 1 : -1;
}

/* The alternative being tried failed: move to the next one, if any. */
static void cond_check(ctx *x, int *state)
{
    if (x->high) {
        while (plit(x, x->pt) != LIT_OR && plit(x, x->pt) != LIT_CLOSE &&
               x->pt < (int32_t)x->c->pels.len)
            x->pt++;
        if (plit(x, x->pt) != LIT_OR)
            return;
    } else {
        while (plit(x, x->pt) != LIT_OR && plit(x, x->pt) != LIT_OPEN && x->pt >= 0)
            x->pt--;
        if (plit(x, x->pt) != LIT_OR)
            return;
    }
    restore_state(x);
    x->pt += x->high ? 1 : -1;
    x->full = !(pconn(x, x->pt) & CONN_PART_NEXT);
    *state = 2;
}

static int comp_synset(ctx *x, int depth);

/* One member of a synonym set, matched where the set stands in the pattern.
 * The text position is restored afterwards whether it matched or not. */
static int check_subpattern(ctx *x, const cpat *p, int depth)
{
    int state = 2, result = 0;
    int32_t save_pt = x->pt, save_this = x->pthis;
    int save_loc = x->loc;
    x->pthis = x->pt = p->phrase;
    while (state == 2) {
        if (pconn(x, x->pt) & CONN_SYN) {
            if (x->high) {
                result = comp_synset(x, depth + 1);
            } else {
                save_state(x);
                int more = 1;
                while (more) {
                    result = comp_synset(x, depth + 1);
                    more = result ? 0 : continue_check(x);
                }
                if (!result) {
                    x->fcond = false;
                    restore_state(x);
                }
            }
        } else {
            result = comp_target(x);
        }
        state = state_check(x, result);
    }
    x->pt = save_pt;
    x->pthis = save_this;
    x->loc = save_loc;
    return state ? 2 : 0;
}

static bool in_sorted(const int32_t *a, uint32_t n, int32_t v)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (a[mid] < v)
            lo = mid + 1;
        else if (a[mid] > v)
            hi = mid;
        else
            return true;
    }
    return false;
}

static const struct syncache *syn_candidates(ctx *x, int32_t r, const vinfo *v)
{
    for (int k = 0; k < x->nsync; k++)
        if (x->syncache[k].root == r)
            return &x->syncache[k];
    if (x->nsync >= 16)
        return NULL;
    struct syncache *sc = &x->syncache[x->nsync];
    sc->next = arena_alloc(x->d->a, (size_t)(x->n + 1) * sizeof *sc->next);
    sc->prev = arena_alloc(x->d->a, (size_t)(x->n + 1) * sizeof *sc->prev);
    if (!sc->next || !sc->prev)
        return NULL;
    const int32_t *fl = v->n_first ? x->c->synfirst.items + v->first_lits : NULL;
    /* when none of the set's first literals is in the sentence (the
     * sentence's bloom says so; checked for sets of up to 64), no word can
     * start a member */
    bool any = v->n_first > 64;
    for (uint32_t k = 0; k < v->n_first && !any; k++) {
        any = x->bloom.has[cq_bit(fl[k])];
    }
    int16_t last = -1;
    for (int i = 0; i < x->n && any; i++) {
        bool hit = false;
        if (x->w[i].lits > 0)
            for (const int32_t *q = &x->litl[x->w[i].lits]; *q && !hit; q += 2) {
                uint32_t b = syn_bit(*q);
                hit = (v->first_bloom[b >> 6] >> (b & 63) & 1) && in_sorted(fl, v->n_first, *q);
            }
        if (hit)
            last = (int16_t)i;
        sc->prev[i] = last;
    }
    if (!any)
        for (int i = 0; i < x->n; i++)
            sc->prev[i] = -1;
    int16_t nxt = (int16_t)x->n;
    for (int i = x->n - 1; i >= 0; i--) {
        if (sc->prev[i] == i)
            nxt = (int16_t)i;
        sc->next[i] = nxt;
    }
    sc->root = r;
    x->nsync++;
    return sc;
}

static int comp_synset(ctx *x, int depth)
{
    if (depth > 8) /* sets may use earlier sets; this bounds a bad dictionary */
        return 0;
    int32_t r = plit(x, x->pt);
    if (r < 0 || r >= (int32_t)x->c->roots.len || x->c->roots.items[r].code < 0)
        return 0;
    const vinfo *v = &x->c->vinfos.items[x->c->roots.items[r].code];
    if (!v->open && x->loc >= 0 && x->loc < x->n) {
        /* no member can even start in reach: every one would fail without
         * moving the matcher, so the answer is known */
        const struct syncache *sc = syn_candidates(x, r, v);
        if (sc && (x->high ? sc->next[x->loc] > (x->skip ? x->iend : x->loc)
                           : sc->prev[x->loc] < (x->skip ? 0 : x->loc)))
            return 0;
    }
    bool skip = x->skip, full = x->full;
    for (int32_t pi = x->c->vinfos.items[x->c->roots.items[r].code].first_pat; pi >= 0;
         pi = x->c->pats.items[pi].next) {
        int m = check_subpattern(x, &x->c->pats.items[pi], depth);
        if (m)
            return m;
        /* TABARI lets a failed member's matching mode leak into the next
         * one; PETRARCH tries each member on its own */
        if (x->c->petrarch) {
            x->skip = skip;
            x->full = full;
        }
    }
    return 0;
}

/* TABARI's checkPattern: the words after the verb ("upper"), then before it
 * ("lower"), each element per its connector: a stem or the whole word, next to
 * the previous one or after a gap. */
static bool check_pattern(ctx *x, const cpat *p, int loc, uint8_t wtype)
{
    int state, result = 0;
    x->lenalt = 0;
    x->fcond = false;
    x->pthis = x->pt = p->phrase;
    x->loc = loc;
    while (plit(x, x->pt) && plit(x, x->pt) != LIT_VERB)
        x->pt++;
    if (!plit(x, x->pt))
        return false;
    int32_t pverb = x->pt;
    while (x->loc < x->n && !has_tail(x, x->loc, wtype))
        x->loc++;

    x->high = true;
    state = next_check(x);
    while (state == 2) {
        if (pconn(x, x->pt) & CONN_SYN) {
            result = comp_synset(x, 0);
        } else {
            if (plit(x, x->pt) == LIT_OPEN)
                init_condit(x);
            result = comp_target(x);
        }
        state = state_check(x, result);
        if (!state && x->fcond)
            cond_check(x, &state);
    }
    if (!state)
        return false;
    if (pverb == x->pthis)
        return true;

    x->high = false;
    x->pt = pverb;
    x->loc = loc;
    state = next_check(x);
    while (state == 2) {
        if (pconn(x, x->pt) & CONN_SYN) {
            save_state(x);
            int more = 1;
            while (more) {
                result = comp_synset(x, 0);
                more = result ? 0 : continue_check(x);
            }
            if (!result) {
                x->fcond = false;
                restore_state(x);
            }
        } else {
            if (plit(x, x->pt) == LIT_CLOSE)
                init_condit(x);
            result = comp_target(x);
        }
        state = state_check(x, result);
        if (!state && x->fcond)
            cond_check(x, &state);
    }
    return state != 0;
}

/* ------------------------------------------------------------ events */

static bool passive_at(ctx *x, int verb)
{
    bool by = false;
    for (int k = 1; k <= 3; k++)
        if (verb + k < x->n && x->w[verb + k].type == CW_BYWORD)
            by = true;
    if (!by)
        return false;
    if ((verb > 0 && x->w[verb - 1].type == CW_AUXIL) ||
        (verb > 1 && x->w[verb - 2].type == CW_AUXIL)) {
        x->passive = true;
        return true;
    }
    return false;
}

static void put_event(ctx *x, const ecode *ec, const char *pattern, int verb, const cact *src,
                      const cact *tar)
{
    int need = ec->pair ? 2 : 1;
    if (x->nev + need >= MAX_EVENTS)
        return;
    cev *e = &x->ev[++x->nev];
    if (x->nev > 0)
        x->ev[x->nev - 1].next = x->nev;
    e->src = *src;
    e->tar = *tar;
    e->code = ec->code;
    e->sub = ec->flags & EC_SUB;
    e->dom = ec->flags & EC_DOM;
    e->isevt = true;
    e->verb = verb;
    e->pattern = pattern;
    if (ec->pair) {
        cev *f = &x->ev[++x->nev];
        x->ev[x->nev - 1].next = x->nev;
        f->src = *tar;
        f->tar = *src;
        f->code = ec->pair;
        f->sub = ec->flags & EC_PSUB;
        f->dom = ec->flags & EC_PDOM;
        f->isevt = true;
        f->verb = verb;
        f->pattern = pattern;
        e = f;
    }
    e->next = -1;
}

/* the next actor of a compound after the one at *idx; false after the last */
static bool next_in_compound(const ctx *x, int *idx, bool *more)
{
    int i = *idx + 1;
    while (i < x->n && (x->w[i].root < 0 || x->w[i].type != CW_ACTOR))
        i++;
    if (i >= x->n)
        return false;
    int k = i;
    while (k < x->n && !has_tail(x, k, CW_ACTOR))
        k++;
    if (k >= x->n)
        return false;
    if (has_tail(x, k, CW_COMPOUND))
        *more = false;
    *idx = i;
    return true;
}

/* PETRARCH reads "the ambassadors of A, B and C" as one noun phrase: the
 * agent before the compound (or after it) goes to every actor in it. TABARI
 * gives it to the nearest actor only. */
static int32_t compound_agent(ctx *x, int head)
{
    if (!x->c->petrarch || head < 0 || head >= x->nall)
        return -1;
    cact a;
    zero_actor(&a);
    find_agent(x, head, &a);
    if (a.agent >= 0)
        return a.agent;
    int i = head, last = head;
    bool more = true;
    while (more && next_in_compound(x, &i, &more))
        last = i;
    if (last == head)
        return -1;
    zero_actor(&a);
    find_agent(x, last, &a);
    return a.agent;
}

static void make_event(ctx *x, const ecode *ec, const char *pattern, int verb)
{
    if (!ec || ec->code == x->c->null_code)
        return;
    if (actor_empty(&x->source))
        regular_source(x, verb);
    if (actor_empty(&x->target))
        regular_target(x, verb);
    if (actor_empty(&x->source) || actor_empty(&x->target))
        return;
    if (x->regular_source && x->regular_target && passive_at(x, verb)) {
        cact t = x->source;
        x->source = x->target;
        x->target = t;
    }
    if (!compound_at(x, x->source.where) && !compound_at(x, x->target.where)) {
        put_event(x, ec, pattern, verb, &x->source, &x->target);
    } else {
        bool csrc = compound_at(x, x->source.where) && check_tail(x, x->source.where, CW_COMPOUND);
        int isrc = x->source.where;
        if (csrc) {
            int h = compound_head_of(x, x->source.where);
            if (h >= 0)
                isrc = h;
        }
        bool src_more = true;
        int32_t src_agent = csrc ? compound_agent(x, isrc) : -1;
        for (;;) {
            cact ts;
            if (isrc == WHERE_DEFAULT) {
                ts = x->source;
            } else {
                zero_actor(&ts);
                actor_codes(x, &ts, isrc);
                find_agent(x, isrc, &ts);
                if (ts.agent < 0)
                    ts.agent = src_agent;
            }
            bool ctar =
                compound_at(x, x->target.where) && check_tail(x, x->target.where, CW_COMPOUND);
            int itar = x->target.where;
            if (ctar) {
                int h = compound_head_of(x, x->target.where);
                if (h >= 0)
                    itar = h;
            }
            bool tar_more = true;
            int32_t tar_agent = ctar ? compound_agent(x, itar) : -1;
            for (;;) {
                cact tt;
                if (itar == WHERE_DEFAULT) {
                    tt = x->target;
                } else {
                    zero_actor(&tt);
                    actor_codes(x, &tt, itar);
                    find_agent(x, itar, &tt);
                    if (tt.agent < 0)
                        tt.agent = tar_agent;
                }
                put_event(x, ec, pattern, verb, &ts, &tt);
                if (!ctar || !tar_more)
                    break;
                if (!next_in_compound(x, &itar, &tar_more))
                    goto done;
            }
            if (!csrc || !src_more)
                break;
            if (!next_in_compound(x, &isrc, &src_more))
                break;
        }
    }
done:
    if (!x->regular_source)
        zero_actor(&x->source);
    if (!x->regular_target)
        zero_actor(&x->target);
}

/* Can the pattern pass the bloom, by its first two quick bits (hot[])? */
static inline bool vpat_hot_pass(const uint8_t *has, uint32_t hot)
{
    return has[hot & 1023u] & has[hot >> 10];
}

static void do_verb(ctx *x, int index)
{
    const compat *c = x->c;
    zero_actor(&x->target);
    if (x->passive) { /* a passive verb before: the subject is found again */
        zero_actor(&x->source);
        x->passive = false;
    }
    int32_t r = x->w[index].root;
    const croot *rt = &c->roots.items[r];
    if (rt->code < 0)
        return;
    const vinfo *vi = &c->vinfos.items[rt->code];
    bool got = false, gotalt = false;
    int old = x->nev, maxlen = 0;
    /* a dictionary may have verbs and no pattern at all: no arithmetic on NULL */
    const cvpat *vp = vi->n_pat ? c->vpats.items + vi->vpat : NULL;
    const cvpat *vend = vi->n_pat ? vp + vi->n_pat : NULL;
    const uint32_t *hot = vi->n_pat ? c->vpat_hot + vi->vpat : NULL;
    const uint32_t *hend = vi->n_pat ? hot + vi->n_pat : NULL;
    const uint32_t *hot0 = hot;
    const cq_bloom *bl = &x->bloom;
    const uint8_t *has = bl->has;
    /* the patterns whose first quick bit the bloom has, from the verb's
     * index: the same ones the loop below would find reading them all */
    uint64_t cand[VIDX_MAX / 64];
    uint32_t ncw = 0;
    if (vi->vidx >= 0) {
        ncw = (vi->n_pat + 63) / 64;
        memset(cand, 0, ncw * sizeof *cand);
        const int32_t *off = c->vidx_off.items + vi->vidx;
        const uint16_t *pos = c->vidx_pos.items;
        for (uint32_t wi = 0; wi < CQ_WORDS; wi++)
            for (uint64_t bits = bl->bits[wi]; bits; bits &= bits - 1) {
                uint32_t b = wi * 64 + (uint32_t)__builtin_ctzll(bits);
                for (int32_t j = off[b]; j < off[b + 1]; j++)
                    cand[pos[j] >> 6] |= 1ull << (pos[j] & 63);
            }
    }
    for (; vp < vend && !got; vp++, hot++) {
        if (gotalt) {
            if (vp->length <= maxlen) { /* nothing longer is left to try */
                got = true;
                break;
            }
        } else {
            /* a word it needs is not in the sentence: most patterns are passed
             * over by a tight loop that reads only hot[], and only its first
             * bit (the longest word's), which turns nearly all of them down;
             * the test below does the rest */
            const uint32_t *h0 = hot;
            if (ncw) {
                uint32_t k = (uint32_t)(hot - hot0), wi = k >> 6;
                uint64_t bits = wi < ncw ? cand[wi] & (~0ull << (k & 63)) : 0;
                while (!bits && ++wi < ncw)
                    bits = cand[wi];
                hot = bits ? hot0 + wi * 64 + (uint32_t)__builtin_ctzll(bits) : hend;
            } else {
                while (hot < hend && !has[*hot & 1023u])
                    hot++;
            }
            vp += hot - h0;
            if (vp == vend)
                break;
        }
        if (!vpat_hot_pass(has, *hot) || !cq_pass(bl, &vp->q))
            continue;
        const cpat *p = &c->pats.items[vp->pat];
        x->index_source = x->index_target = x->index_attrib = x->index_compound = -1;
        x->pron_source = x->pron_target = -1;
        if (!check_pattern(x, p, index, CW_VERB))
            continue;
        bool make = false;
        if (x->lenalt) {
            gotalt = true;
            if (p->length + x->lenalt > maxlen) {
                make = true;
                maxlen = p->length - p->maxalt + x->lenalt;
            }
        } else {
            gotalt = false;
            got = true;
            make = true;
        }
        if (!make)
            continue;
        if (x->index_source >= 0) {
            actor_codes(x, &x->source, x->index_source);
            find_agent(x, x->index_source, &x->source);
            if (x->pron_source >= 0)
                x->source.mention = x->pron_source;
        }
        if (x->index_target >= 0) {
            actor_codes(x, &x->target, x->index_target);
            find_agent(x, x->index_target, &x->target);
            if (x->pron_target >= 0)
                x->target.mention = x->pron_target;
        }
        if (x->index_compound >= 0) {
            actor_codes(x, &x->source, x->index_compound);
            actor_codes(x, &x->target, x->index_compound);
        }
        x->nev = old;
        make_event(x, p->code >= 0 ? &c->ecodes.items[p->code] : NULL, p->text, index);
    }
    if (!got && vi->code >= 0) {
        x->index_source = x->index_target = x->index_attrib = x->index_compound = -1;
        make_event(x, &c->ecodes.items[vi->code], vi->text ? vi->text : rt->text, index);
    }
}

static bool next_clause(ctx *x)
{
    if (!x->has_clauses) {
        if (x->iend >= 0)
            return false;
        x->istart = 0;
        x->iend = x->n - 1;
        return true;
    }
    if (x->iend >= 0) {
        x->istart = x->iend + 1;
        while (x->istart < x->n && !has_head(x, x->istart, CW_CLAUSE))
            x->istart++;
        if (x->istart >= x->n)
            return false;
    } else {
        x->istart = 0;
    }
    x->iend = x->istart;
    while (x->iend < x->n - 1 && !has_tail(x, x->iend, CW_CLAUSE))
        x->iend++;
    return true;
}

static void check_verbs(ctx *x)
{
    int mode = x->c->opt.code_mode;
    zero_actor(&x->source);
    x->passive = false;
    x->istart = 0;
    x->iend = -1;
    int start_event = -1;
    while (next_clause(x)) {
        if (x->iend - x->istart < 2) /* "sheep and goats" is no clause */
            continue;
        if (x->istart && has_head(x, x->istart, CW_ACTOR)) /* a new subject */
            actor_codes(x, &x->source, x->istart);
        zero_actor(&x->target);
        int index = x->istart;
        bool got = false;
        if (mode == CODE_BY_CLAUSE)
            start_event = x->nev;
        while (index <= x->iend) {
            if (skip_segment(x, &index, CW_SUBORD))
                continue;
            if (index < x->n && has_head(x, index, CW_VERB) && x->w[index].root >= 0) {
                do_verb(x, index);
                if (mode != CODE_ALL)
                    for (int e = start_event + 1; e <= x->nev; e++)
                        if (x->ev[e].isevt && !x->ev[e].sub) {
                            got = true;
                            if (mode == CODE_BY_SENTENCE)
                                return;
                            break;
                        }
            }
            if (got)
                break;
            index++;
        }
    }
}

static bool shift_date(ctx *x, const ctime_code *t)
{
    if (x->shifted)
        return true;
    if (t->special) {
        if (t->special == x->c->discard_code) {
            x->discard = true;
            return true;
        }
        if (t->special == x->c->complex_code) {
            x->complex = true;
            return true;
        }
        return false;
    }
    x->shifted = true;
    x->shift_days += t->days;
    return true;
}

/* the first time-shift phrase that is not null-coded moves the date */
static void check_time(ctx *x)
{
    const compat *c = x->c;
    x->istart = 0;
    x->iend = x->n - 1;
    for (int i = 0; i < x->n; i++) {
        if (!has_head(x, i, CW_TIME) || x->w[i].root < 0)
            continue;
        const croot *rt = &c->roots.items[x->w[i].root];
        if (rt->code < 0)
            continue;
        const vinfo *vi = &c->vinfos.items[rt->code];
        for (int32_t pi = vi->first_pat; pi >= 0; pi = c->pats.items[pi].next) {
            const cpat *p = &c->pats.items[pi];
            if (cq_pass(&x->bloom, &p->q) && check_pattern(x, p, i, CW_TIME) && p->code >= 0 &&
                shift_date(x, &c->tcodes.items[p->code]))
                return;
        }
        if (vi->code >= 0) {
            if (shift_date(x, &c->tcodes.items[vi->code]))
                return;
            while (i < x->n && !has_tail(x, i, CW_TIME))
                i++;
        }
    }
}

static void evaluate_events(ctx *x)
{
    bool nonsub = false, dom = false, hasnull = false;
    for (int k = 0; k <= x->nev; k++) {
        cev *e = &x->ev[k];
        if (e->code == x->c->null_code) {
            e->isevt = false;
            e->sub = true;
            hasnull = true;
        }
        if (e->code == x->c->discard_code) {
            x->ev_discard = true;
            break;
        }
        if (e->code == x->c->complex_code || e->src.actor == x->c->complex_code ||
            e->tar.actor == x->c->complex_code) {
            x->ev_complex = true;
            break;
        }
        if (e->dom) {
            dom = true;
            nonsub = true;
            break;
        }
        if (!nonsub && !e->sub)
            nonsub = true;
    }
    if (dom) {
        for (int k = 0; k <= x->nev; k++)
            if (!x->ev[k].dom)
                x->ev[k].isevt = false;
    } else if (nonsub) {
        for (int k = 0; k <= x->nev; k++)
            if (x->ev[k].sub)
                x->ev[k].isevt = false;
    }
    if (dom || nonsub || hasnull) {
        int o = 0;
        for (int k = 0; k <= x->nev; k++)
            if (x->ev[k].isevt)
                x->ev[o++] = x->ev[k];
        x->nev = o - 1;
        for (int k = 0; k <= x->nev; k++)
            x->ev[k].next = k < x->nev ? k + 1 : -1;
    }
}

static bool special_or_none(const ctx *x, const char *code)
{
    const compat *c = x->c;
    return !code || code == c->null_code || code == c->complex_code || code == c->discard_code;
}

static bool same_actors(const ctx *x, const cev *e)
{
    if (special_or_none(x, e->src.actor) || special_or_none(x, e->tar.actor))
        return true;
    if (x->c->opt.same_actors)
        return false;
    return e->src.actor == e->tar.actor && e->src.agent == e->tar.agent;
}

static bool dup_event(const ctx *x, int k)
{
    const cev *e = &x->ev[k];
    for (int j = 0; j < k; j++) {
        const cev *f = &x->ev[j];
        if (e->src.actor == f->src.actor && e->src.agent == f->src.agent &&
            e->tar.actor == f->tar.actor && e->tar.agent == f->tar.agent && e->code == f->code)
            return true;
    }
    return false;
}

/* Coded compounds ([FRO/BIL/SAM]) become one event per code: sources first,
 * then targets, dropping same-actor and duplicate events as they appear. */
static void expand_coded(ctx *x)
{
    const compat *c = x->c;
    int last = -1, nev = x->nev;
    int orig = x->nev;
    for (int k = 0; k <= orig; k++) {
        if (last >= 0)
            x->ev[last].next = k;
        last = k;
        int next = x->ev[k].next;
        const calt *alt = x->ev[k].src.alt;
        if (!alt)
            continue;
        x->ev[k].src.alt = NULL;
        for (uint16_t i = 1; i < alt->n_items; i++) {
            if (nev + 1 >= MAX_EVENTS)
                return;
            ++nev;
            x->ev[last].next = nev;
            x->ev[nev] = x->ev[k];
            x->ev[nev].src.actor = c->citems.items[alt->first_item + i].actor;
            x->ev[nev].next = next;
            last = nev;
        }
    }
    x->nev = nev;
    last = -1;
    int k = 0;
    while (k >= 0) {
        if (last >= 0)
            x->ev[last].next = k;
        last = k;
        int next = x->ev[k].next;
        const calt *alt = x->ev[k].tar.alt;
        if (alt) {
            x->ev[k].tar.alt = NULL;
            for (uint16_t i = 1; i < alt->n_items; i++) {
                if (nev + 1 >= MAX_EVENTS)
                    break;
                ++nev;
                x->ev[nev] = x->ev[k];
                x->ev[nev].tar.actor = c->citems.items[alt->first_item + i].actor;
                x->nev = nev;
                if (same_actors(x, &x->ev[nev]) || dup_event(x, nev)) {
                    nev--;
                } else {
                    x->ev[last].next = nev;
                    x->ev[nev].next = next;
                    last = nev;
                }
            }
        }
        k = next;
    }
    x->nev = nev;
}

/* ------------------------------------------------------------ output */

static const char *composite(ctx *x, const cact *a)
{
    const char *act = a->actor;
    if (!act || a->agent < 0)
        return act;
    const cagent *g = &x->c->agents.items[a->agent];
    const char *gc = g->code;
    const char *ps = strstr(act, gc);
    bool aligned = ps && (ps - act) % 3 == 0;
    if (g->after_actor) {
        if (aligned)
            return act;
        return arena_printf(x->d->a, "%s%s", act, gc);
    }
    if (aligned)
        return act;
    return arena_printf(x->d->a, "%s%s", gc, act);
}

static void actor_span(const ctx *x, const cact *a, event_actor *o)
{
    o->start = o->end = 0;
    int m = a->mention;
    if (m == WHERE_DEFAULT || m < 0 || m >= x->n) {
        const cword *v = &x->w[0];
        o->start = o->end = v->start;
        return;
    }
    int t = m;
    if (!has_head(x, m, CW_PRONOUN))
        while (t < x->n - 1 && !has_tail(x, t, CW_ACTOR))
            t++;
    o->start = x->w[m].start;
    o->end = x->w[t].end;
}

static const char *actor_name(const ctx *x, const cact *a)
{
    if (a->root < 0)
        return NULL;
    const croot *rt = &x->c->roots.items[a->root];
    if (rt->parent >= 0)
        rt = &x->c->roots.items[rt->parent];
    return rt->text;
}

static int emit(ctx *x)
{
    doc *d = x->d;
    int k = x->nev >= 0 ? 0 : -1;
    while (k >= 0) {
        const cev *e = &x->ev[k];
        if (!same_actors(x, e) && !dup_event(x, k)) {
            event *o = VEC_PUSH(d->a, &d->events);
            if (!o)
                return PETREL_ERR_NOMEM;
            memset(o, 0, sizeof *o);
            snprintf(o->code, sizeof o->code, "%s", e->code);
            o->sent = x->sent;
            const cword *v = &x->w[e->verb];
            o->verb_start = v->start;
            int t = e->verb;
            while (t < x->n - 1 && !has_tail(x, t, CW_VERB) && !has_tail(x, t, CW_NOUN))
                t++;
            o->verb_end = x->w[t].end > v->start ? x->w[t].end : v->end;
            actor_span(x, &e->src, &o->source);
            o->source.code = composite(x, &e->src);
            o->source.name = actor_name(x, &e->src);
            o->has_target = true;
            actor_span(x, &e->tar, &o->target);
            o->target.code = composite(x, &e->tar);
            o->target.name = actor_name(x, &e->tar);
            o->date_ymd = d->date_ymd;
            if (x->shifted && d->date_ymd) {
                /* days from the civil date and back */
                int y = d->date_ymd / 10000, m = d->date_ymd / 100 % 100, dd = d->date_ymd % 100;
                y -= m <= 2;
                long era = (y >= 0 ? y : y - 399) / 400;
                long yoe = y - era * 400;
                long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
                long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
                long z = era * 146097 + doe - 719468 + x->shift_days;
                z += 719468;
                era = (z >= 0 ? z : z - 146096) / 146097;
                doe = z - era * 146097;
                yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
                long yy = yoe + era * 400;
                doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
                long mp = (5 * doy + 2) / 153;
                long ddd = doy - (153 * mp + 2) / 5 + 1;
                long mm = mp + (mp < 10 ? 3 : -9);
                yy += mm <= 2;
                o->date_ymd = (int32_t)(yy * 10000 + mm * 100 + ddd);
            }
            o->pattern = e->pattern;
        }
        k = e->next;
        if (k > x->nev)
            break;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ driver */

static int code_sentence(ctx *x)
{
    const compat *c = x->c;
    parse(x);
    if (x->oom)
        return PETREL_ERR_NOMEM;
    if (x->too_short || x->stopped)
        return PETREL_OK;
    if (c->has_time_list && c->opt.time_shift)
        check_time(x);
    if (x->discard || x->complex)
        return PETREL_OK;
    x->nev = -1;
    x->regular_source = x->regular_target = false;
    check_verbs(x);
    if (x->oom)
        return PETREL_ERR_NOMEM;
    if (x->nev < 0)
        return PETREL_OK;
    evaluate_events(x);
    if (x->nev < 0 || x->ev_discard || x->ev_complex)
        return PETREL_OK;
    expand_coded(x);
    return emit(x);
}

int compat_events_run(doc *d)
{
    const compat *c = d->lex->compat;
    if (!c)
        return PETREL_OK;
    cfwd fwd;
    memset(&fwd, 0, sizeof fwd);
    fwd.actor = -1;
    compat_memo *m = memo_get(d);
    /* one word array for every sentence: each starts from scratch */
    cword *words = arena_alloc(d->a, (MAX_WORDS + 2 + MAX_FWD + 1) * sizeof *words);
    if (!m || !words)
        return PETREL_ERR_NOMEM;
    if (c->has_discard_list) { /* a story discard (PETRARCH's +entries) silences the article */
        for (uint32_t s = 0; s < d->sents.len; s++) {
            ctx x;
            ctx_init(&x);
            x.c = c;
            x.d = d;
            x.m = m;
            x.w = words;
            build_words(&x, &d->sents.items[s]);
            if (x.oom)
                return PETREL_ERR_NOMEM;
            if (discard_phrase(&x) == 2)
                return PETREL_OK;
        }
    }
    /* and one tag array: one a sentence made a long text's memory grow by
     * kilobytes a sentence */
    ctag *tags = NULL;
    int32_t captags = 0;
    bool actorless_events =
        c->opt.def_src || c->opt.def_tar || c->opt.def_prior || c->opt.def_after;
    for (uint32_t s = 0; s < d->sents.len; s++) {
        const sent *st = &d->sents.items[s];
        ctx x;
        ctx_init(&x);
        x.c = c;
        x.d = d;
        x.sent = s;
        x.ymd = d->date_ymd;
        x.nev = -1;
        x.m = m;
        x.w = words;
        x.tags = tags;
        x.captags = captags;
        build_words(&x, st);
        if (x.oom)
            return PETREL_ERR_NOMEM;
        if (c->opt.forward) {
            add_forwarded(&x, &fwd);
        } else {
            x.may_stop = true;
            x.need_actor = !actorless_events;
        }
        int rc = code_sentence(&x);
        if (rc)
            return rc;
        if (c->opt.forward && !x.too_short)
            take_forward(&x, &fwd);
        tags = x.tags;
        captags = x.captags;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ lookups */

#define LOOKUP_WORDS 32

/* Up to max tokens from toks[i] as TABARI's words (hyphenated words split),
 * with their literals, in a context match_root can read. Punctuation ends
 * it. */
static int lookup_words(ctx *x, const tok *toks, uint32_t i, uint32_t end, int max, cword *w,
                        uint32_t *tokof)
{
    compat_memo *m = x->m;
    x->w = w;
    x->n = 0;
    for (uint32_t k = i; k < end && x->n < max; k++) {
        const tok *t = &toks[k];
        if ((t->kind != TK_WORD && t->kind != TK_NUMBER) ||
            (t->flags & (TF_POSSESSIVE | TF_CONTRACTION)))
            break;
        int32_t off = memo_token(m, x->d, x->c, t, k);
        if (!off)
            break; /* out of memory */
        off++; /* the first part's list */
        x->litl = m->lits;
        const char *key = t->key;
        uint16_t kl = t->key_len;
        uint16_t p = 0;
        while (p < kl && x->n < max) {
            uint16_t q = p;
            while (q < kl && key[q] != '-')
                q++;
            if (q > p) {
                cword *cw = &w[x->n];
                memset(cw, 0, sizeof *cw);
                cw->key = key + p;
                cw->klen = (uint16_t)(q - p);
                cw->root = -1;
                cw->tokk = (int32_t)k;
                tokof[x->n] = k;
                cw->lits = m->lits[off] ? off : 0;
                off = list_next(m->lits, off);
                x->n++;
            }
            p = q < kl ? q + 1 : kl;
        }
    }
    memset(&w[x->n], 0, sizeof w[x->n]);
    w[x->n].type = CW_HALT;
    return x->n;
}

/* The bloom of the literals of tokens [i, end), kept while the actor stage
 * walks the same sentence: a later start in it sees a subset. */
static void lookup_bloom(compat_memo *m, doc *d, const compat *c, uint32_t i, uint32_t end)
{
    if (m->bend == end && m->bbegin <= i && m->bend)
        return;
    const tok *toks = d->toks.items;
    cq_clear(&m->bloom);
    for (uint32_t k = i; k < end; k++) {
        const tok *t = &toks[k];
        if (k + 4 < end)
            wc_prefetch(d->compat_cache, toks[k + 4].hash);
        if ((t->kind != TK_WORD && t->kind != TK_NUMBER) || !t->key_len)
            continue;
        int32_t off = memo_token(m, d, c, t, k);
        if (!off)
            return; /* out of memory: m->oom says so */
        const int32_t *l = m->lits;
        for (int32_t parts = l[off++] & MEMO_PARTS; parts > 0; parts--) {
            bloom_list(&m->bloom, &l[off]);
            off = list_next(l, off);
        }
    }
    m->bbegin = i;
    m->bend = end;
}

/* Can a root of this type that starts with the literal match the word it
 * came from? Always when the literal is the whole word; when it only begins
 * the word, match_root takes the rest as a plural or possessive ending
 * (plural: the word ends in s or an apostrophe) or for a root whose first
 * element is a stem. Most words begin with some short literal ("al" in
 * "also"), and this saves walking its roots. */
static bool may_begin(int32_t info, uint8_t type, bool plural)
{
    return (info & LI_EXACT) || plural ||
           (info & (type == CW_ACTOR ? LI_ACTOR_STEM : LI_AGENT_STEM));
}

/* Does the word end as a plural or possessive may (match_root's -s, -es,
 * -'s and PETRARCH's -')? */
static bool plural_end(const char *key, uint16_t klen)
{
    return klen && (key[klen - 1] == 's' || key[klen - 1] == '\'');
}

/* How many words the roots of this type that start with a literal of the
 * word, and whose other literals may be in the sentence, can cover: 0 when
 * there is none (before building the words after it). plural: the word ends
 * as plural_end says. */
/* The roots lookup_candidates found, in the order of its walk, for
 * lookup_best to try without walking the chains again; n < 0: too many to
 * keep (lookup_best walks them itself). */
#define LOOKUP_CANDS 32
typedef struct lookup_cands {
    int n;
    const cchain *e[LOOKUP_CANDS];
} lookup_cands;

static int lookup_candidates(const compat *c, const int32_t *q, const cq_bloom *bloom,
                             uint8_t type, bool plural, lookup_cands *lc)
{
    int32_t has = type == CW_ACTOR ? LI_ACTOR : LI_AGENT;
    int span = 0;
    lc->n = 0;
    for (; *q; q += 2) {
        if (!(q[1] & has) || !may_begin(q[1], type, plural))
            continue;
        const uint32_t *h = chain_start(c, q);
        for (const cchain *e; (e = chain_next(c, &h, 1u << type, bloom));) {
            if (lc->n >= 0) {
                if (lc->n < LOOKUP_CANDS)
                    lc->e[lc->n++] = e;
                else
                    lc->n = -1;
            }
            if (e->span > span)
                span = e->span;
            if (span >= LOOKUP_WORDS) {
                lc->n = -1; /* the walk stops short */
                return LOOKUP_WORDS;
            }
        }
    }
    return span;
}

static int32_t lookup_best(const ctx *x, uint8_t type, int *nwords, const lookup_cands *lc)
{
    int best = 0, nw = 0;
    int32_t broot = -1;
    int cur[MAX_WORDS];
    *nwords = 0;
    if (!x->n || x->w[0].lits <= 0)
        return -1;
    if (lc->n >= 0) { /* the roots lookup_candidates found, in its order */
        for (int k = 0; k < lc->n; k++) {
            const cchain *e = lc->e[k];
            int nm, nc;
            if (match_root(x, e->phrase, type, 0, &nm, cur, &nc) && nm > best && nc > 0) {
                best = nm;
                broot = e->root;
                nw = cur[nc - 1] + 1;
            }
        }
        *nwords = nw;
        return broot;
    }
    int32_t has = type == CW_ACTOR ? LI_ACTOR : LI_AGENT;
    bool plural = plural_end(x->w[0].key, x->w[0].klen);
    for (const int32_t *q = &x->litl[x->w[0].lits]; *q; q += 2) {
        if (!(q[1] & has) || !may_begin(q[1], type, plural))
            continue;
        const uint32_t *h = chain_start(x->c, q);
        for (const cchain *e; (e = chain_next(x->c, &h, 1u << type, &x->m->bloom));) {
            int nm, nc;
            if (match_root(x, e->phrase, type, 0, &nm, cur, &nc) &&
                nm > best && nc > 0) {
                best = nm;
                broot = e->root;
                nw = cur[nc - 1] + 1;
            }
        }
    }
    *nwords = nw;
    return broot;
}

/* lookup's second half, for the few tokens where a root may start: the
 * words from token i and the best match. Out of line, so that the first
 * half, run at every token, has a small frame. */
static __attribute__((noinline)) int32_t lookup_match(compat_memo *m, doc *d, uint32_t i,
                                                      uint32_t end, uint8_t type, int span,
                                                      const lookup_cands *lc, uint32_t *ntok)
{
    /* only what lookup_words and match_root read is set */
    ctx x;
    x.c = d->lex->compat;
    x.d = d;
    x.m = m;
    cword w[LOOKUP_WORDS + 1];
    uint32_t tokof[LOOKUP_WORDS];
    if (!lookup_words(&x, d->toks.items, i, end, span, w, tokof))
        return -1;
    int nw;
    int32_t r = lookup_best(&x, type, &nw, lc);
    if (r < 0 || nw <= 0)
        return -1;
    *ntok = tokof[nw - 1] - i + 1;
    return r;
}

/* The root of this type that lookup_best finds at token i, -1 none. */
static int32_t lookup(doc *d, uint32_t i, uint32_t end, uint8_t type, uint32_t *ntok)
{
    const compat *c = d->lex->compat;
    const tok *toks = d->toks.items;
    *ntok = 0;
    if (!c || i >= end || !c->lit_cap)
        return -1;
    const tok *t = &toks[i];
    if ((t->kind != TK_WORD && t->kind != TK_NUMBER) ||
        (t->flags & (TF_POSSESSIVE | TF_CONTRACTION)))
        return -1;
    compat_memo *m = memo_get(d);
    if (!m)
        return -1;
    lookup_bloom(m, d, c, i, end);
    /* the first word: the token's first part, if it has one */
    int32_t off = memo_token(m, d, c, t, i);
    if (i + 1 < end && i + 1 < m->ntok && m->tok[i + 1] && m->lits[m->tok[i + 1]])
        chain_prefetch(c, m->lits, m->tok[i + 1] + 1); /* the next call's walk */
    if (m->oom || !off || !m->lits[off] || !m->lits[off + 1])
        return -1;
    /* most tokens begin no root of the type: no literal of theirs starts one */
    int32_t has = type == CW_ACTOR ? LI_ACTOR : LI_AGENT;
    const int32_t *q0 = &m->lits[off + 1];
    while (*q0 && !(q0[1] & has))
        q0 += 2;
    if (!*q0)
        return -1;
    /* the first word is the token's first part (its key up to a hyphen) */
    const char *k0 = t->key;
    uint16_t kl0 = t->key_len;
    while (kl0 && *k0 == '-') {
        k0++;
        kl0--;
    }
    /* a count of exactly 1 (not MEMO_SPLIT): the key has no hyphen */
    const char *hy = m->lits[off] == 1 ? NULL : memchr(k0, '-', kl0);
    /* the words the candidates can cover are all match_root will read */
    lookup_cands lc;
    int span = lookup_candidates(c, &m->lits[off + 1], &m->bloom, type,
                                 plural_end(k0, hy ? (uint16_t)(hy - k0) : kl0), &lc);
    return span ? lookup_match(m, d, i, end, type, span, &lc, ntok) : -1;
}

uint32_t compat_match_actor(doc *d, uint32_t i, uint32_t end, const char **code,
                            const char **name)
{
    const compat *c = d->lex->compat;
    *code = *name = NULL;
    uint32_t n;
    int32_t r = lookup(d, i, end, CW_ACTOR, &n);
    if (r < 0)
        return 0;
    const calt *a = compat_resolve(c, c->roots.items[r].code, d->date_ymd);
    if (!a || !a->n_items)
        return 0;
    const char *ac = c->citems.items[a->first_item].actor;
    if (!ac || ac == c->null_code || ac == c->discard_code || ac == c->complex_code)
        return 0;
    const croot *rt = &c->roots.items[r];
    *code = ac;
    *name = rt->parent >= 0 ? c->roots.items[rt->parent].text : rt->text;
    return n;
}

uint32_t compat_match_agent(doc *d, uint32_t i, uint32_t end, const char **code,
                            bool *after_actor)
{
    const compat *c = d->lex->compat;
    *code = NULL;
    *after_actor = false;
    uint32_t n;
    int32_t r = lookup(d, i, end, CW_AGENT, &n);
    if (r < 0 || c->roots.items[r].code < 0)
        return 0;
    const cagent *g = &c->agents.items[c->roots.items[r].code];
    *code = g->code;
    *after_actor = g->after_actor;
    return n;
}
