/*
 * events.c - Petrel's own event coder: verb patterns from dict/verbs/ matched
 * around each verb, with a shallow parse that finds the subject (through
 * auxiliaries, adverbs, control verbs, parentheticals and relative clauses),
 * turns the passive around, splits compound actors, and reads negation,
 * modality and who claims the event.
 *
 * Cost: one hash probe per token to find verbs; for a verb, its lemma's
 * patterns are tried longest first, each a short backtracking walk over at most
 * a few dozen tokens.
 */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "compat.h"
#include "dates.h"
#include "quotes.h"
#include "segment.h"
#include "text.h"
#include "wordclass.h"

static const quote *quote_of(const doc *d, uint32_t k);
static const quote *claim_of(const doc *d, uint32_t k);

/* ------------------------------------------------------------ compiled form */

enum pe_kind { PE_VERB = 1, PE_SOURCE, PE_TARGET, PE_GAP, PE_WORDS };

typedef struct pelem {
    uint8_t kind;
    bool optional;
    uint32_t alt_first; /* PE_WORDS: alternatives */
    uint32_t alt_count;
    /* PE_WORDS: bloom_bit of each alternative's first token (add_alt keeps
     * no empty one): most positions are turned down without reading an
     * alternative, and a pattern's need[] is made of these */
    uint64_t first_mask;
} pelem;

typedef struct alt {
    uint32_t hash_first; /* into hashes */
    uint32_t len;        /* tokens */
} alt;

typedef struct pattern {
    char code[8], code2[8]; /* code2: the paired event, B -> A */
    char people[8];         /* the code when source and target are both people */
    char office[8];         /* the code when one politician does it ("---": none) */
    char unarmed[8];        /* the code when no state or force does it ("---": none) */
    char alone[8];          /* the code when one actor does it to no one named */
    bool abroad;            /* only with a target of another country (visit_ok) */
    bool continues;         /* ", targeting X": the sentence's earlier event, on X */
    bool mutual;            /* "Rubio and Christie clashed": each the other's target */
    bool state;             /* "voters who support him": the simple present is a state */
    bool reversed;          /* "+ <win> .. endorsement of $": the subject is done to */
    const char *text;
    uint32_t elem_first;
    uint8_t n_elems, verb_at;
    uint8_t literals; /* how specific: words the pattern requires */
    uint32_t order;
    uint32_t lemma;
    /* quick reject: each required word after the verb, as a one-word bloom
     * mask of its alternatives' first tokens; the window after the verb must
     * hit every mask */
    uint64_t need[4];
    uint8_t n_need;
} pattern;

static uint64_t bloom_bit(uint64_t h) { return 1ull << (h >> 58); }

typedef struct lemma {
    const char *word;
    uint32_t pat_first, pat_count; /* into pat_index, most specific first */
} lemma;

enum verb_form { VF_BASE = 1, VF_THIRD = 2, VF_PAST = 4, VF_PARTICIPLE = 8, VF_GERUND = 16 };

typedef struct form_link {
    uint64_t hash;
    uint32_t lemma;
    uint8_t form; /* enum verb_form bits */
} form_link;

typedef struct synset {
    const char *name;
    uint32_t alt_first, alt_count;
} synset;

/* What the matcher checks before it touches a pattern, laid out in the same
 * order as pat_index so a verb's candidates are read in one sequential sweep. */
typedef struct pattern_quick {
    uint64_t need[4];
    uint8_t n_need;
    uint8_t literals;
    bool left_words;  /* words before the verb to check */
    bool target;      /* has a + slot: needs an actor after the verb */
} pattern_quick;

struct events_compiled {
    arena mem;
    VEC(pattern_quick) quick; /* parallel to pat_index */
    VEC(pattern) patterns;
    VEC(pelem) elems;
    VEC(alt) alts;
    VEC(uint64_t) hashes;
    VEC(lemma) lemmas;
    VEC(uint32_t) pat_index;
    VEC(form_link) forms; /* sorted by hash */
    phrase_table form_index; /* form hash -> first index into forms + 1 */
    VEC(synset) synsets;
};

void events_compiled_free(events_compiled *ec)
{
    if (!ec)
        return;
    ptab_free(&ec->form_index);
    arena_free(&ec->mem);
    free(ec);
}

size_t events_pattern_count(const events_compiled *ec) { return ec ? ec->patterns.len : 0; }
size_t events_verb_count(const events_compiled *ec) { return ec ? ec->lemmas.len : 0; }

/* ------------------------------------------------------------ compiling */

typedef struct compiler {
    lexicon *lx;
    events_compiled *ec;
    arena scratch;
    petrel_error *err;
    phrase_table lemma_ix;  /* hash of a lemma -> index + 1 */
    phrase_table synset_ix; /* hash of a set name -> index + 1 */
    phrase_table infl_ix;   /* hash of a lemma -> first inflection line + 1 */
    uint32_t *infl_next;    /* the next inflection line of the same lemma + 1 */
} compiler;

/* Tokenize a phrase the way text is tokenized and store its hashes. */
static bool add_alt(compiler *c, const char *s, size_t n, uint32_t *first, uint32_t *count)
{
    tok_vec toks = {0};
    if (tokenize(c->lx, &c->scratch, s, 0, (uint32_t)n, &toks))
        return false;
    if (!toks.len)
        return true;
    alt *a = VEC_PUSH(&c->ec->mem, &c->ec->alts);
    if (!a)
        return false;
    a->hash_first = c->ec->hashes.len;
    a->len = toks.len;
    for (uint32_t i = 0; i < toks.len; i++) {
        uint64_t *h = VEC_PUSH(&c->ec->mem, &c->ec->hashes);
        if (!h)
            return false;
        *h = toks.items[i].hash;
    }
    if (!*count)
        *first = c->ec->alts.len - 1;
    (*count)++;
    return true;
}

static const synset *find_synset(const compiler *c, const char *name, size_t n)
{
    uint32_t v = ptab_get(&c->synset_ix, hash_bytes(name, n));
    return v ? &c->ec->synsets.items[v - 1] : NULL;
}

static int compile_synsets(compiler *c)
{
    lexicon *lx = c->lx;
    for (uint32_t i = 0; i < lx->synsets.len; i++) {
        const synset_line *sl = &lx->synsets.items[i];
        if (find_synset(c, sl->name, strlen(sl->name))) {
            lex_problem(lx, c->err, false, sl->file, sl->line,
                        "synonym set &%s is defined twice", sl->name);
            continue;
        }
        synset *s = VEC_PUSH(&c->ec->mem, &c->ec->synsets);
        uint32_t *slot = ptab_slot(&c->synset_ix, hash_bytes(sl->name, strlen(sl->name)));
        if (!s || !slot)
            return PETREL_ERR_NOMEM;
        *slot = c->ec->synsets.len;
        s->name = sl->name;
        s->alt_first = 0;
        s->alt_count = 0;
        const char *p = sl->text, *end = sl->text + strlen(sl->text);
        while (p < end) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            if (!bar)
                bar = end;
            const char *a = p, *b = bar;
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            if (b > a) {
                /* alternatives of one set are contiguous in alts */
                uint32_t first = s->alt_first, count = s->alt_count;
                if (!add_alt(c, a, (size_t)(b - a), &first, &count))
                    return PETREL_ERR_NOMEM;
                s->alt_first = first;
                s->alt_count = count;
            }
            p = bar + 1;
        }
        arena_reset(&c->scratch, 1u << 20);
    }
    return PETREL_OK;
}

static uint32_t lemma_of(compiler *c, const char *w, size_t n)
{
    events_compiled *ec = c->ec;
    uint32_t *slot = ptab_slot(&c->lemma_ix, hash_bytes(w, n));
    if (!slot)
        return UINT32_MAX;
    if (*slot)
        return *slot - 1;
    lemma *l = VEC_PUSH(&ec->mem, &ec->lemmas);
    if (!l)
        return UINT32_MAX;
    *slot = ec->lemmas.len;
    l->word = arena_strndup(&ec->mem, w, n);
    l->pat_first = l->pat_count = 0;
    return ec->lemmas.len - 1;
}

static bool is_vowel(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }

/* Regular English forms; dict/inflections.txt lists the verbs these rules get wrong. */
static void regular_forms(const char *w, char out[4][64])
{
    size_t n = strlen(w);
    if (n == 0 || n > 56) {
        for (int i = 0; i < 4; i++)
            snprintf(out[i], 64, "%s", w);
        return;
    }
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    /* third person */
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
        snprintf(out[0], 64, "%ses", w);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(out[0], 64, "%.*sies", (int)n - 1, w);
    else
        snprintf(out[0], 64, "%ss", w);
    /* past = participle */
    if (last == 'e')
        snprintf(out[1], 64, "%sd", w);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(out[1], 64, "%.*sied", (int)n - 1, w);
    else
        snprintf(out[1], 64, "%sed", w);
    memcpy(out[2], out[1], 64);
    /* gerund */
    if (n > 2 && last == 'e' && prev == 'i')
        snprintf(out[3], 64, "%.*sying", (int)n - 2, w);
    else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
        snprintf(out[3], 64, "%.*sing", (int)n - 1, w);
    else
        snprintf(out[3], 64, "%sing", w);
}

static bool add_form(compiler *c, const char *form, uint32_t lem, uint8_t kind)
{
    char key[128];
    long kl = text_key_buf(form, strlen(form), key, sizeof key);
    if (kl <= 0)
        return true;
    form_link *f = VEC_PUSH(&c->ec->mem, &c->ec->forms);
    if (!f)
        return false;
    f->hash = hash_bytes(key, (size_t)kl);
    f->lemma = lem;
    f->form = kind;
    return true;
}

static bool add_lemma_forms(compiler *c, uint32_t lem)
{
    const char *w = c->ec->lemmas.items[lem].word;
    bool irregular = false;
    for (uint32_t i = ptab_get(&c->infl_ix, hash_bytes(w, strlen(w))); i; i = c->infl_next[i - 1]) {
        const inflection *in = &c->lx->inflections.items[i - 1];
        if (strcmp(in->lemma, w))
            continue;
        irregular = true;
        if (!add_form(c, in->third, lem, VF_THIRD) || !add_form(c, in->past, lem, VF_PAST) ||
            !add_form(c, in->participle, lem, VF_PARTICIPLE) ||
            !add_form(c, in->gerund, lem, VF_GERUND))
            return false;
    }
    if (!add_form(c, w, lem, VF_BASE))
        return false;
    if (!irregular) {
        char f[4][64];
        regular_forms(w, f);
        if (!add_form(c, f[0], lem, VF_THIRD) || !add_form(c, f[1], lem, VF_PAST) ||
            !add_form(c, f[2], lem, VF_PARTICIPLE) || !add_form(c, f[3], lem, VF_GERUND))
            return false;
    }
    return true;
}

static bool is_space(char ch) { return ch == ' ' || ch == '\t'; }

/* One pattern line of our format. */
/* A code a pattern attribute may give: 2 to 4 digits, in the CAMEO table
 * when one is loaded. */
static bool event_code_ok(const lexicon *lx, const char *code)
{
    size_t n = strlen(code);
    return n >= 2 && n <= 4 && strspn(code, "0123456789") == n &&
           (lex_cameo(lx, code) || !lx->cameo.len);
}

/* Is a code "---", no event? */
static bool no_event(const char *code) { return !strcmp(code, "---"); }

/* A pattern's KEY=CODE (people=, office=, ...): an event code of the CAMEO
 * table, or --- where no event is allowed; false after naming the line. */
static bool attr_code_ok(compiler *c, const verb_line *vl, const char *key, const char *code,
                         bool none_ok)
{
    if (!code || (none_ok && no_event(code)) || event_code_ok(c->lx, code))
        return true;
    lex_problem(c->lx, c->err, false, vl->file, vl->line,
                "%s=%s must be an event code of the CAMEO table%s", key, code,
                none_ok ? " or ---" : "");
    return false;
}

static int compile_pattern(compiler *c, const verb_line *vl, uint32_t order)
{
    lexicon *lx = c->lx;
    events_compiled *ec = c->ec;
    pattern pt;
    memset(&pt, 0, sizeof pt);
    const char *colon = strchr(vl->code, ':');
    size_t cl = colon ? (size_t)(colon - vl->code) : strlen(vl->code);
    /* "---": an idiom that is no event ("when it comes to"); it wins as a
     * pattern does and codes nothing */
    bool null_code = !colon && no_event(vl->code);
    bool code_ok = null_code || (cl >= 2 && cl <= 4);
    for (size_t i = 0; i < cl && !null_code; i++)
        code_ok = code_ok && vl->code[i] >= '0' && vl->code[i] <= '9';
    if (colon && (strlen(colon + 1) < 2 || strlen(colon + 1) > 4))
        code_ok = false;
    if (!code_ok) {
        lex_problem(lx, c->err, false, vl->file, vl->line,
                    "event code '%s' must be 2 to 4 digits (or CODE:CODE for paired events, "
                    "or --- for no event)",
                    vl->code);
        return PETREL_OK;
    }
    memcpy(pt.code, vl->code, cl);
    if (colon)
        snprintf(pt.code2, sizeof pt.code2, "%s", colon + 1);
    if (!attr_code_ok(c, vl, "people", vl->people, true) ||
        !attr_code_ok(c, vl, "alone", vl->alone, false) ||
        !attr_code_ok(c, vl, "office", vl->office, true) ||
        !attr_code_ok(c, vl, "unarmed", vl->unarmed, true))
        return PETREL_OK;
    if (vl->people)
        memcpy(pt.people, vl->people, strlen(vl->people));
    if (vl->office)
        memcpy(pt.office, vl->office, strlen(vl->office));
    if (vl->unarmed)
        memcpy(pt.unarmed, vl->unarmed, strlen(vl->unarmed));
    if (vl->alone)
        memcpy(pt.alone, vl->alone, strlen(vl->alone));
    pt.abroad = vl->abroad;
    pt.continues = vl->continues;
    pt.mutual = vl->mutual;
    pt.state = vl->state;
    if (!null_code && !lex_cameo(lx, pt.code) && lx->cameo.len)
        lex_problem(lx, NULL, true, vl->file, vl->line, "event code %s is not in the CAMEO table",
                    pt.code);
    pt.text = vl->text;
    pt.order = order;
    pt.elem_first = ec->elems.len;
    pt.verb_at = UINT8_MAX;
    int sources = 0;
    const char *p = vl->text;
    while (*p) {
        while (is_space(*p))
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && !is_space(*p))
            p++;
        size_t n = (size_t)(p - w);
        pelem el = {0};
        if (n == 1 && *w == '$') {
            el.kind = PE_SOURCE;
            sources++;
        } else if (n == 1 && *w == '+') {
            el.kind = PE_TARGET;
        } else if (n == 2 && w[0] == '.' && w[1] == '.') {
            el.kind = PE_GAP;
        } else if (w[0] == '<') {
            if (n < 3 || w[n - 1] != '>') {
                lex_problem(lx, c->err, false, vl->file, vl->line, "verb '%.*s' must be <lemma>",
                            (int)n, w);
                return PETREL_OK;
            }
            if (pt.verb_at != UINT8_MAX) {
                lex_problem(lx, c->err, false, vl->file, vl->line,
                            "a pattern has exactly one <verb>");
                return PETREL_OK;
            }
            el.kind = PE_VERB;
            char low[64];
            long kl = text_key_buf(w + 1, n - 2, low, sizeof low);
            if (kl <= 0) {
                lex_problem(lx, c->err, false, vl->file, vl->line, "verb is too long");
                return PETREL_OK;
            }
            pt.lemma = lemma_of(c, low, (size_t)kl);
            if (pt.lemma == UINT32_MAX)
                return PETREL_ERR_NOMEM;
            pt.verb_at = (uint8_t)(ec->elems.len - pt.elem_first);
        } else if (w[0] == '&') {
            bool opt = w[n - 1] == '?';
            size_t nn = n - 1 - (opt ? 1 : 0);
            const synset *s = find_synset(c, w + 1, nn);
            if (!s) {
                lex_problem(lx, c->err, false, vl->file, vl->line,
                            "synonym set &%.*s is not defined (the verb files loaded together "
                            "share their sets: check the whole folder)",
                            (int)nn, w + 1);
                return PETREL_OK;
            }
            el.kind = PE_WORDS;
            el.optional = opt;
            el.alt_first = s->alt_first;
            el.alt_count = s->alt_count;
            if (!opt)
                pt.literals++;
        } else {
            el.kind = PE_WORDS;
            el.optional = w[n - 1] == '?';
            size_t nn = n - (el.optional ? 1 : 0);
            const char *a = w, *end = w + nn;
            while (a <= end) {
                const char *bar = memchr(a, '|', (size_t)(end - a));
                if (!bar)
                    bar = end;
                if (bar > a) {
                    uint32_t first = el.alt_first, count = el.alt_count;
                    if (!add_alt(c, a, (size_t)(bar - a), &first, &count))
                        return PETREL_ERR_NOMEM;
                    el.alt_first = first;
                    el.alt_count = count;
                }
                a = bar + 1;
            }
            if (!el.alt_count) {
                lex_problem(lx, c->err, false, vl->file, vl->line, "empty word in pattern");
                return PETREL_OK;
            }
            if (!el.optional)
                pt.literals++;
        }
        pelem *e = VEC_PUSH(&ec->mem, &ec->elems);
        if (!e)
            return PETREL_ERR_NOMEM;
        *e = el;
        if (ec->elems.len - pt.elem_first > 60) {
            lex_problem(lx, c->err, false, vl->file, vl->line, "pattern is too long");
            return PETREL_OK;
        }
    }
    arena_reset(&c->scratch, 1u << 20);
    pt.n_elems = (uint8_t)(ec->elems.len - pt.elem_first);
    if (pt.verb_at == UINT8_MAX) {
        lex_problem(lx, c->err, false, vl->file, vl->line, "pattern has no <verb>");
        return PETREL_OK;
    }
    if (sources != 1) {
        lex_problem(lx, c->err, false, vl->file, vl->line,
                    "pattern needs exactly one $ (the source)");
        return PETREL_OK;
    }
    /* "the mayor gained the Gazette's backing": the subject receives what
     * the phrase after the verb does. The slots trade places, so the pattern
     * is matched as any other and its event is turned around when made. */
    pelem *pe = ec->elems.items + pt.elem_first;
    uint8_t src_at = UINT8_MAX, tgt_at = UINT8_MAX;
    for (uint8_t i = 0; i < pt.n_elems; i++) {
        if (pe[i].kind == PE_SOURCE)
            src_at = i;
        else if (pe[i].kind == PE_TARGET && tgt_at == UINT8_MAX)
            tgt_at = i;
    }
    if (src_at > pt.verb_at) {
        if (tgt_at > pt.verb_at || pt.code2[0]) {
            lex_problem(lx, c->err, false, vl->file, vl->line,
                        "a $ after the verb needs the + before it, and no paired code");
            return PETREL_OK;
        }
        pe[src_at].kind = PE_TARGET;
        pe[tgt_at].kind = PE_SOURCE;
        pt.reversed = true;
    }
    pattern *slot = VEC_PUSH(&ec->mem, &ec->patterns);
    if (!slot)
        return PETREL_ERR_NOMEM;
    *slot = pt;
    return PETREL_OK;
}

static int cmp_form(const void *a, const void *b)
{
    const form_link *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->lemma != y->lemma)
        return x->lemma < y->lemma ? -1 : 1;
    return (int)x->form - (int)y->form;
}

typedef struct pattern_key {
    uint32_t lemma, fewer_literals, order, index;
} pattern_key;

static int cmp_pattern_key(const void *a, const void *b)
{
    const pattern_key *x = a, *y = b;
    if (x->lemma != y->lemma)
        return x->lemma < y->lemma ? -1 : 1;
    if (x->fewer_literals != y->fewer_literals)
        return x->fewer_literals < y->fewer_literals ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int events_compile(lexicon *lx, petrel_error *err)
{
    events_compiled *ec = calloc(1, sizeof *ec);
    if (!ec)
        return PETREL_ERR_NOMEM;
    lx->events = ec;
    arena_init(&ec->mem, 256u << 10);
    compiler c = {lx, ec, {0}, err, {0}, {0}, {0}, NULL};
    arena_init(&c.scratch, 64u << 10);
    /* inflection lines by lemma, chained (a lemma may have several lines) */
    c.infl_next = calloc(lx->inflections.len + 1, sizeof *c.infl_next);
    if (!c.infl_next)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = lx->inflections.len; i-- > 0;) {
        const char *lemma_w = lx->inflections.items[i].lemma;
        uint32_t *slot = ptab_slot(&c.infl_ix, hash_bytes(lemma_w, strlen(lemma_w)));
        if (!slot)
            return PETREL_ERR_NOMEM;
        c.infl_next[i] = *slot;
        *slot = i + 1;
    }
    int rc = compile_synsets(&c);
    for (uint32_t i = 0; !rc && i < lx->verbs.len; i++)
        if (lx->verbs.items[i].family == PETREL_DICT_PETREL)
            rc = compile_pattern(&c, &lx->verbs.items[i], i);
    for (uint32_t l = 0; !rc && l < ec->lemmas.len; l++)
        if (!add_lemma_forms(&c, l))
            rc = PETREL_ERR_NOMEM;
    arena_free(&c.scratch);
    ptab_free(&c.lemma_ix);
    ptab_free(&c.synset_ix);
    ptab_free(&c.infl_ix);
    free(c.infl_next);
    if (rc)
        return rc;
    /* forms: sorted, with an index from hash to the first link */
    if (ec->forms.len)
        qsort(ec->forms.items, ec->forms.len, sizeof *ec->forms.items, cmp_form);
    for (uint32_t i = 0; i < ec->forms.len; i++) {
        if (i && ec->forms.items[i].hash == ec->forms.items[i - 1].hash)
            continue;
        uint64_t h = ec->forms.items[i].hash;
        uint32_t *slot = ptab_slot(&ec->form_index, h);
        if (!slot || !lex_mark_start(lx, h, SB_VERB))
            return PETREL_ERR_NOMEM;
        *slot = i + 1;
    }
    for (uint32_t e = 0; e < ec->elems.len; e++) {
        pelem *el = &ec->elems.items[e];
        if (el->kind != PE_WORDS)
            continue;
        el->first_mask = 0;
        for (uint32_t a = 0; a < el->alt_count; a++) {
            const alt *al = &ec->alts.items[el->alt_first + a];
            el->first_mask |= bloom_bit(ec->hashes.items[al->hash_first]);
        }
    }
    for (uint32_t p = 0; p < ec->patterns.len; p++) {
        pattern *P = &ec->patterns.items[p];
        for (uint32_t e = P->verb_at + 1; e < P->n_elems && P->n_need < 4; e++) {
            const pelem *el = &ec->elems.items[P->elem_first + e];
            if (el->kind != PE_WORDS || el->optional)
                continue;
            P->need[P->n_need++] = el->first_mask;
        }
    }
    /* per lemma: its patterns, most specific first, then file order -- a sort
     * of (lemma, -literals, order) keys, then one pass to mark the groups */
    pattern_key *keys = malloc((ec->patterns.len + 1) * sizeof *keys);
    if (!keys)
        return PETREL_ERR_NOMEM;
    for (uint32_t p = 0; p < ec->patterns.len; p++) {
        const pattern *P = &ec->patterns.items[p];
        keys[p] = (pattern_key){P->lemma, (uint32_t)(255 - P->literals), P->order, p};
    }
    qsort(keys, ec->patterns.len, sizeof *keys, cmp_pattern_key);
    for (uint32_t p = 0; p < ec->patterns.len; p++) {
        uint32_t *x = VEC_PUSH(&ec->mem, &ec->pat_index);
        if (!x) {
            free(keys);
            return PETREL_ERR_NOMEM;
        }
        *x = keys[p].index;
        lemma *lm = &ec->lemmas.items[keys[p].lemma];
        if (!lm->pat_count)
            lm->pat_first = p;
        lm->pat_count++;
    }
    free(keys);
    for (uint32_t i = 0; i < ec->pat_index.len; i++) {
        const pattern *P = &ec->patterns.items[ec->pat_index.items[i]];
        pattern_quick *q = VEC_PUSH(&ec->mem, &ec->quick);
        if (!q)
            return PETREL_ERR_NOMEM;
        memcpy(q->need, P->need, sizeof q->need);
        q->n_need = P->n_need;
        q->literals = P->literals;
        q->left_words = false;
        for (uint32_t e = 0; e < P->verb_at; e++)
            q->left_words |= ec->elems.items[P->elem_first + e].kind == PE_WORDS;
        q->target = false;
        for (uint32_t e = P->verb_at + 1; e < P->n_elems; e++)
            q->target |= ec->elems.items[P->elem_first + e].kind == PE_TARGET;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ word classes */

static bool has(const tok *t, uint64_t cls) { return (t->cls & cls) != 0; }

static bool is_neg_token(const tok *t)
{
    if (has(t, WC_NEGATION))
        return true;
    return t->key_len > 3 && !memcmp(t->key + t->key_len - 3, "n't", 3);
}

static bool is_adverb(const tok *t)
{
    if (t->kind != TK_WORD || (t->flags & TF_CAP))
        return false;
    if (has(t, WC_ADVERB))
        return true;
    return t->key_len > 4 && !memcmp(t->key + t->key_len - 2, "ly", 2) && !tok_is(t, "only") &&
           !tok_is(t, "italy") && !tok_is(t, "family") && !tok_is(t, "ally") &&
           !tok_is(t, "rally") && !tok_is(t, "july") && !tok_is(t, "supply") &&
           !tok_is(t, "apply") && !tok_is(t, "reply") && !tok_is(t, "assembly");
}

static bool is_punct(const tok *t, const char *p) { return t->kind == TK_PUNCT && tok_is(t, p); }

/* ------------------------------------------------------------ verbs in text */

typedef struct verb_hit {
    uint32_t first, count; /* form links */
} verb_hit;

static bool verb_forms_at(const events_compiled *ec, const tok *t, verb_hit *out)
{
    if (t->kind != TK_WORD || !(t->starts & SB_VERB))
        return false;
    uint32_t v = ptab_get(&ec->form_index, t->hash);
    if (!v)
        return false;
    uint32_t i = v - 1, n = 0;
    while (i + n < ec->forms.len && ec->forms.items[i + n].hash == t->hash)
        n++;
    out->first = i;
    out->count = n;
    return true;
}

/* The forms a word can be of any of its lemmas (0: no verb of ours). */
static uint8_t verb_forms_of(const events_compiled *ec, const tok *t)
{
    verb_hit vh;
    uint8_t forms = 0;
    if (verb_forms_at(ec, t, &vh))
        for (uint32_t i = 0; i < vh.count; i++)
            forms |= ec->forms.items[vh.first + i].form;
    return forms;
}

bool events_is_verb(const lexicon *lx, const tok *t)
{
    return lx->events && verb_forms_of(lx->events, t);
}

bool events_is_finite_verb(const lexicon *lx, const tok *t)
{
    verb_hit vh;
    if (!lx->events || !verb_forms_at(lx->events, t, &vh))
        return false;
    for (uint32_t i = 0; i < vh.count; i++) {
        uint8_t f = lx->events->forms.items[vh.first + i].form;
        if (f & (VF_PAST | VF_THIRD))
            return true;
    }
    return false;
}

bool events_is_past_verb(const lexicon *lx, const tok *t)
{
    verb_hit vh;
    if (!lx->events || !verb_forms_at(lx->events, t, &vh))
        return false;
    uint8_t forms = 0;
    for (uint32_t i = 0; i < vh.count; i++)
        forms |= lx->events->forms.items[vh.first + i].form;
    return (forms & VF_PAST) && !(forms & VF_BASE); /* not "set", "put" */
}

/* ------------------------------------------------------------ matching */

typedef struct group {
    const mention *m[8];
    uint32_t n;
    uint32_t begin, end; /* tokens covered */
} group;

typedef struct match {
    const pattern *p;
    group target;
    uint32_t end;
    bool used_subject_literal;
} match;

typedef struct mctx {
    doc *d;
    const events_compiled *ec;
    const sent *s;
    uint32_t limit; /* end of the clause */
    bool has_if;    /* the sentence has "if" or "unless" somewhere */
    /* the direct quotes with a cue whose speaker is in sentence s, in order:
     * cued_quotes[cued_from[s] .. cued_from[s + 1]) */
    const uint32_t *cued_from, *cued_quotes;
    const group *subject; /* the verb's subject while its patterns are matched */
} mctx;

/* "he", "she", "they" inside someone's direct quotation are other people:
 * the speaker would say "I" or "we". */
static bool quoted_pronoun_is_speaker(const doc *d, const mention *m)
{
    if (m->how != MH_PRONOUN || !m->entity)
        return false;
    const quote *q = quote_of(d, m->tok_begin);
    if (!q || q->kind != PETREL_QUOTE_DIRECT || !q->mention)
        return false;
    const tok *t = &d->toks.items[m->tok_begin];
    if (has(t, WC_FIRST_PLURAL) || tok_is(t, "i") || tok_is(t, "me") || tok_is(t, "my"))
        return false;
    return d->mentions.items[q->mention - 1].entity == m->entity;
}

static bool mention_usable(const doc *d, const mention *m)
{
    return m && mention_code(d, m) != NULL && !quoted_pronoun_is_speaker(d, m);
}

/* A person the text names in full whom no dictionary knows ("backed Ana
 * Ruiz for mayor", "officers shot the attacker, Jon Pell"): what is done to them
 * is still done to someone, so they may be a target, with no code. Never a
 * source: an event needs a coded actor who does it. */
static bool named_stranger(const doc *d, const mention *m)
{
    if (!m || !m->person || !m->entity || m->possessive || mention_code(d, m) ||
        quoted_pronoun_is_speaker(d, m))
        return false;
    /* "defended himself": the doer, whoever "himself" was taken for */
    const tok *t = &d->toks.items[m->tok_begin];
    if (m->how == MH_PRONOUN && (tok_ends_with(t, "self") || tok_ends_with(t, "selves")))
        return false;
    return d->entities.items[m->entity - 1].full_name;
}

/* Does the code end in one of these three-letter roles ("USAGOV": GOV)? */
static bool role_in(const char *code, const char *const *roles)
{
    size_t n = code ? strlen(code) : 0;
    for (int i = 0; n >= 3 && roles[i]; i++)
        if (!strcmp(code + n - 3, roles[i]))
            return true;
    return false;
}

/* One person in office or in politics (a government, legislature, party or
 * elite role): "Sanders held a rally" is a campaign's, not a protest. */
static bool politician(const doc *d, const mention *m)
{
    static const char *const roles[] = {"GOV", "LEG", "ELI", "PTY", NULL};
    return m->person && role_in(mention_code(d, m), roles);
}

/* A code of a government or its people ("USAGOV", the president). */
static bool in_government(const char *code)
{
    static const char *const government[] = {"GOV", NULL};
    return role_in(code, government);
}

/* A code whose role is people of some walk of life, not a state or a force. */
static bool civil_role(const char *code)
{
    static const char *const civil[] = {"CVL", "LAB", "EDU", "HLH", "BUS", "MED", "REL",
                                        "AGR", "REF", NULL};
    return role_in(code, civil);
}

/* "Trump supporters", "Clinton's aides": a group a politician has, the
 * mention right after that politician's owning one */
static bool following_of_politician(const doc *d, const mention *m)
{
    if (!m || m->how != MH_AGENT || !m->plural || m->tok_begin == 0)
        return false;
    uint32_t b = m->tok_begin;
    if (d->toks.items[b - 1].flags & TF_POSSESSIVE)
        b--;
    const mention *owner = b > 0 ? actors_at(d, b - 1) : NULL;
    return owner && owner->tok_end == b && owner->possessive && politician(d, owner);
}

static bool armed_code(const char *code)
{
    static const char *const armed[] = {"MIL", "REB", "UAF", "INS", "SPY", "COP", "CRM", NULL};
    for (int i = 0; code && armed[i]; i++)
        if (strstr(code, armed[i]))
            return true;
    return false;
}

/* Neither a state nor a force: a person out of government, or a body of
 * people of some walk of life or of politics (a party, a legislature,
 * voters), with no armed role. Countries, governments and their heads, and
 * groups with codes of their own (ISIS) may fight. */
static bool unarmed_actor(const doc *d, const mention *m)
{
    static const char *const political[] = {"PTY", "LEG", "ELI", "NGO", "JUD", NULL};
    const char *code = mention_code(d, m);
    if (armed_code(code) || in_government(code))
        return false;
    return m->person || civil_role(code) || role_in(code, political);
}

/* Two sides outside any armed or security role, both people or a politician
 * and their compatriots: "Trump attacked Romney" is words, "Netanyahu
 * targeted the Hezbollah leader" is not. */
static bool civilians(const doc *d, const mention *a, const mention *b)
{
    const char *ca = mention_code(d, a), *cb = mention_code(d, b);
    if (armed_code(ca) || armed_code(cb))
        return false;
    if (a->person && b->person)
        return true;
    /* "protesters clashed with Trump supporters": a politician's following
     * is people, and so are those it meets (settlers attacking villagers are
     * not) */
    if ((following_of_politician(d, a) || following_of_politician(d, b)) && civil_role(ca) &&
        civil_role(cb))
        return true;
    return (politician(d, a) || politician(d, b)) && ca && cb && strlen(ca) >= 6 &&
           strlen(cb) >= 3 && !memcmp(ca, cb, 3);
}

/* Make or host a visit (042, 043) */
static bool is_visit_code(const char *code)
{
    return !strncmp(code, "042", 3) || !strncmp(code, "043", 3);
}

/* For patterns marked abroad=yes: the target is another country's soil or
 * government ("came to Doha", "went to Washington"), not "went to school". */
static bool visit_ok(const doc *d, const mention *src, const mention *tg)
{
    /* refugees and civilians who come to a country migrate or travel, gunmen
     * and bombers go there to fight; a visit is official */
    const char *by = mention_code(d, src);
    const char *role = by && strlen(by) >= 6 ? by + 3 : by;
    if (role && (strstr(role, "REF") || strstr(role, "CVL") || strstr(role, "UAF")))
        return false;
    const char *code = mention_code(d, tg);
    return mention_country(d, tg) &&
           (tg->type == AT_COUNTRY || tg->type == AT_CAPITAL || tg->type == AT_METONYM ||
            tg->type == AT_PLACE || (code && strstr(code, "GOV"))) &&
           !same_country(d, src, tg);
}

/* Codes of what two parties do together: consult, meet, negotiate (04, but
 * not the visits 042 and 043), intend to meet (036), sign an agreement (057),
 * cooperate materially (06). Praise or aid is done to someone. */
static bool mutual_code(const char *code)
{
    if (code[0] != '0')
        return false;
    if (code[1] == '4')
        return strncmp(code, "042", 3) && strncmp(code, "043", 3);
    return code[1] == '6' || !strncmp(code, "036", 3) || !strncmp(code, "057", 3);
}

/* The actor right after a verb or its preposition, as its object: "defended
 * the governor", "denied the opposition its seats", "apologized to Smith";
 * not the subject of a clause of its own ("warned Iran would pay"), nor an
 * owner ("criticised Smith's plan"). */
static const mention *object_after(const doc *d, uint32_t k, uint32_t limit)
{
    const tok *toks = d->toks.items;
    /* "apologized to Carson", "campaigned against Trump" */
    if (k < limit && (tok_is(&toks[k], "to") || tok_is(&toks[k], "with") ||
                      tok_is(&toks[k], "against") || tok_is(&toks[k], "for")))
        k++;
    /* "the", "his", "their" (determiners); "that" opens a clause */
    while (k < limit && has(&toks[k], WC_DETERMINER) && !tok_is(&toks[k], "that"))
        k++;
    const mention *m = actors_at(d, k);
    if (!m || m->tok_begin != k || m->tok_end > limit || m->possessive || !mention_code(d, m))
        return NULL;
    if (m->tok_end < limit) {
        const tok *next = &toks[m->tok_end];
        if (has(next, WC_AUXILIARY) || tok_is(next, "to") ||
            events_is_finite_verb(d->lex, next))
            return NULL;
    }
    return m;
}

/* An office or charge given, at token k: "(her) chief of staff", "secretary
 * of the Treasury", "Treasury secretary", "in charge". */
static bool office_after(const doc *d, uint32_t k, uint32_t limit)
{
    static const char *const offices[] = {"secretary", "chief", "head", "director", "ambassador",
                                          "minister", "adviser", "advisor", "envoy", "nominee",
                                          "chairman", "chairwoman", "chair", "czar", "deputy",
                                          "attorney", "judge", "justice", "mate", "partner",
                                          "commissioner", "administrator", NULL};
    const tok *toks = d->toks.items;
    if (k < limit && tok_is(&toks[k], "in") && k + 1 < limit && tok_is(&toks[k + 1], "charge"))
        return true;
    for (uint32_t j = k, words = 0; j < limit && words < 3; j++, words++) {
        if (tok_in(&toks[j], offices))
            return true;
        if (toks[j].kind != TK_WORD)
            return false;
    }
    return false;
}

/* "pledged to make Icahn Treasury secretary", "offered to place her in
 * charge": the one an intent is for, named after a verb that acts on a
 * person (not "vowed to defeat ISIS"). k: the token after the intent verb. */
static const mention *intended_for(const doc *d, uint32_t k, uint32_t limit)
{
    static const char *const for_whom[] = {"make", "put", "appoint", "name", "hire", "help",
                                           "support", "back", "join", "free", NULL};
    const tok *toks = d->toks.items;
    if (k + 2 >= limit || !tok_is(&toks[k], "to") || !tok_in(&toks[k + 1], for_whom))
        return NULL;
    const mention *o = object_after(d, k + 2, limit);
    const mention *m = actors_at(d, k + 2); /* "make Mr. Icahn": no code, a named person */
    if (!o && m && m->tok_begin == k + 2 && named_stranger(d, m))
        o = m;
    /* "make" and "put" are for someone only when an office follows ("make
     * Icahn Treasury secretary", "put him in charge"), not in "make Mexico
     * pay" or "make America great" */
    if (o && (tok_is(&toks[k + 1], "make") || tok_is(&toks[k + 1], "put")) &&
        !office_after(d, o->tok_end, limit))
        return NULL;
    return o;
}

/* "pledged to work together", "met each other": the subject's ones act on
 * each other */
static bool together_after(const doc *d, uint32_t k, uint32_t limit)
{
    const tok *toks = d->toks.items;
    for (; k < limit; k++) {
        if (tok_is(&toks[k], "together") ||
            ((tok_is(&toks[k], "each") || tok_is(&toks[k], "one")) && k + 1 < limit &&
             tok_is(&toks[k + 1], "other")) ||
            (tok_is(&toks[k], "one") && k + 1 < limit && tok_is(&toks[k + 1], "another")))
            return true;
        if (is_punct(&toks[k], ","))
            return false;
    }
    return false;
}

/* "conceded defeat in a brief phone call with Dunn", "discussed the deal
 * during a meeting with Xi": the one the subject spoke or met with, from an
 * adjunct after the verb; not "an interview with CNN", whose reporter is no
 * party to the act. NULL when there is none before the clause's end or a
 * comma. */
static const mention *call_partner(const doc *d, uint32_t k, uint32_t limit)
{
    static const char *const meetings[] = {"call", "calls", "conversation", "conversations",
                                           "meeting", "meetings", "talks", "phone", NULL};
    const tok *toks = d->toks.items;
    for (; k + 2 < limit && !is_punct(&toks[k], ","); k++) {
        if (!tok_in(&toks[k], meetings) || !tok_is(&toks[k + 1], "with"))
            continue;
        /* "in a brief phone call with", "during talks with", "at a private
         * meeting with" */
        static const char *const opens[] = {"in", "during", "at", "by", "over", NULL};
        uint32_t b = k;
        while (b > 0 && b + 4 > k && toks[b - 1].kind == TK_WORD &&
               !(toks[b - 1].flags & TF_CAP) && !tok_in(&toks[b - 1], opens))
            b--;
        return b > 0 && tok_in(&toks[b - 1], opens) ? object_after(d, k + 1, limit) : NULL;
    }
    return NULL;
}

/* Two mentions of one entity: nobody acts on itself ("one of the delegates
 * said he might back Trump" with "he" read as Trump). */
static bool same_entity(const mention *a, const mention *b)
{
    return a == b || (a->entity && a->entity == b->entity);
}

/* ... nor does a country named twice ("Iran fulfilled the terms and the US
 * lifted sanctions, giving Iran access"): two dictionary mentions of one
 * actor with no entity of their own */
/* A pronoun standing for a group with no entity ("Trump's aides ... asking
 * them"): the pronoun takes the group's words as its name */
static bool pronoun_of_group(const doc *d, const mention *crowd, const mention *pronoun)
{
    if (crowd->entity || pronoun->entity || crowd->how != MH_AGENT || pronoun->how != MH_PRONOUN)
        return false;
    const char *cg = mention_code(d, crowd), *cp = mention_code(d, pronoun);
    const char *np = mention_name(d, pronoun);
    size_t n = crowd->end - crowd->start;
    return cg && cp && np && !strcmp(cg, cp) && strlen(np) == n &&
           !memcmp(np, d->text + crowd->start, n);
}

static bool one_actor(const doc *d, const mention *a, const mention *b)
{
    if (same_entity(a, b) || pronoun_of_group(d, a, b) || pronoun_of_group(d, b, a))
        return true;
    /* "Iran warned that it would respond": the pronoun is Iran again */
    bool pronoun = a->how == MH_PRONOUN || b->how == MH_PRONOUN;
    if (!pronoun && (a->entity || b->entity || a->how != MH_DICT || b->how != MH_DICT))
        return false;
    const char *ca = mention_code(d, a), *cb = mention_code(d, b);
    const char *na = mention_name(d, a), *nb = mention_name(d, b);
    return ca && cb && na && nb && !strcmp(ca, cb) && !strcmp(na, nb);
}

static uint32_t after_articles(const tok *toks, uint32_t k, uint32_t limit)
{
    while (k < limit && tok_is_article(&toks[k]))
        k++;
    return k;
}

/* Past a count or a quantifier before the people acted on: "arrested two
 * British journalists", "killed at least 12 Israeli soldiers", "detained
 * dozens of Iranians", "freed three of the Thai workers", "all the
 * candidates". */
static const char *const counts[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "dozens", "hundreds", "thousands", "scores", "several", "some",
    "many", "numerous", NULL};

static bool is_count(const tok *t) { return t->kind == TK_NUMBER || tok_in(t, counts); }

static uint32_t after_count(const tok *toks, uint32_t k, uint32_t limit)
{
    /* "called for all senators to", "urged both (of the) unions to",
     * "endorsed a handful of candidates" */
    static const char *const quantifiers[] = {"all", "both", "each", NULL};
    static const char *const measures[] = {"handful", "number", "couple", "host", "slew",
                                           "series", NULL}; /* "dozens of": a count, below */
    if (k + 1 < limit && tok_is(&toks[k + 1], "of") && tok_in(&toks[k], measures))
        k = after_articles(toks, k + 2, limit);
    if (k < limit && tok_in(&toks[k], quantifiers)) {
        k++;
        if (k < limit && tok_is(&toks[k], "of"))
            k++;
        k = after_articles(toks, k, limit); /* "all three senators": a count may follow */
    }
    uint32_t j = k;
    if (j + 1 < limit && ((tok_is(&toks[j], "at") && tok_is(&toks[j + 1], "least")) ||
                          ((tok_is(&toks[j], "more") || tok_is(&toks[j], "fewer")) &&
                           tok_is(&toks[j + 1], "than"))))
        j += 2;
    if (j >= limit || !is_count(&toks[j]))
        return k;
    j++;
    if (j < limit && tok_is(&toks[j], "of"))
        j = after_articles(toks, j + 1, limit);
    return j;
}

/* "Russia attacked Ukraine and Belarus condemned the strike", "and Cruz, as
 * he has before, opposed it": the actor after "and" is the subject of a
 * clause of its own when a verb follows it, directly or after an aside */
static bool opens_clause(const doc *d, uint32_t k, uint32_t limit)
{
    const tok *toks = d->toks.items;
    while (k < limit && is_adverb(&toks[k]))
        k++;
    if (k < limit && is_punct(&toks[k], ",")) {
        uint32_t j = k + 1;
        while (j < limit && j < k + 12 && !is_punct(&toks[j], ","))
            j++;
        if (j >= limit || j >= k + 12)
            return false;
        k = j + 1;
    }
    return k < limit && (has(&toks[k], WC_AUXILIARY) || events_is_finite_verb(d->lex, &toks[k]));
}

/* A noun of someone's doings at k, or behind a word or two that describe
 * it ("his economic record"; not "his negotiating stance") */
static bool of_doings(const doc *d, uint32_t k, uint32_t limit, const char *const *doings)
{
    const tok *toks = d->toks.items;
    for (uint32_t j = k; j < limit && j <= k + 2; j++) {
        const tok *t = &toks[j];
        if (tok_in(t, doings))
            return true;
        bool describes = t->kind == TK_WORD && !(t->flags & TF_CAP) &&
                         !tok_ends_ing(t) &&
                         !has(t, WC_FUNCTION | WC_PREPOSITION | WC_CONJUNCTION) &&
                         !actors_at(d, j);
        if (!describes)
            return false;
    }
    return false;
}

/* Participles that stand before a group as what it is doing or has been
 * doing, not as a verb taking it as object: "striking miners", "protesting
 * farmers", "invading forces". Words that usually take an object
 * ("attacking", "funding", "helping") are left out: "stopped funding
 * militias" is no act on militias. */
static const char *const group_participles[] = {
    "striking",   "protesting", "demonstrating", "rioting",   "marching",    "picketing",
    "fleeing",    "retreating", "advancing",     "invading",  "occupying",   "warring",
    "rebelling",  "mutinying",  "dissenting",    "visiting",  "ruling",      "governing",
    "remaining",  "surviving",  "participating", "departing", "neighboring", "neighbouring",
    "incoming",   "outgoing",   "hunger-striking", NULL};

/* A plain lower-case word that can describe a noun after it ("other",
 * "congressional"): no function word, verb, -ing form or actor of its own. */
static bool describes_noun(const doc *d, uint32_t k)
{
    static const char *const choosing[] = {"other", "few", "various", "fellow", NULL};
    const tok *t = &d->toks.items[k];
    if (tok_in(t, choosing) || tok_in(t, counts)) /* "other", "several" */
        return true;
    /* ... only right before a group ("farmers", "farmers in Nairobi") */
    if (tok_in(t, group_participles)) {
        const mention *g = k + 1 < d->toks.len ? actors_at(d, k + 1) : NULL;
        return g && g->tok_begin == k + 1 && g->plural && !g->person &&
               (g->how == MH_AGENT || g->how == MH_DICT);
    }
    if (t->kind != TK_WORD || (t->flags & TF_CAP) || tok_ends_ing(t) ||
        has(t, WC_FUNCTION | WC_PREPOSITION | WC_CONJUNCTION | WC_AUXILIARY | WC_DETERMINER |
                   WC_RELATIVE | WC_Q_CLOSED_CLASS) ||
        is_adverb(t) || actors_at(d, k))
        return false;
    /* a word that may be a verb ("to criticize Smith", "state") describes
     * only behind an article, a count or another describing word */
    if (!events_is_verb(d->lex, t))
        return true;
    const tok *p = k > 0 ? &d->toks.items[k - 1] : NULL;
    return p && p->sent == t->sent &&
           (has(p, WC_DETERMINER) || is_count(p) || tok_in(p, choosing));
}

/* An actor noun phrase at k: a mention, possibly behind an article or a
 * count, and the mentions coordinated with it ("Russia and Belarus", "Iran,
 * Syria and Hezbollah"). */
static uint32_t actor_group_at(const doc *d, uint32_t k, uint32_t limit, group *g)
{
    const tok *toks = d->toks.items;
    g->n = 0;
    uint32_t first = k;
    uint32_t nominal = after_articles(toks, k, limit);
    bool article = nominal > k;
    k = after_count(toks, nominal, limit);
    /* "praised former president Bush", "met presumptive nominee Trump", "met
     * with top Republican officials", "criticised the newly elected mayor":
     * words that tell a holder's standing or time in office, not who (but
     * not a word that begins a mention of its own) */
    for (const mention *own; k < limit && has(&toks[k], WC_STANDING) && !(toks[k].flags & TF_CAP) &&
                            !((own = actors_at(d, k)) && own->tok_begin == k);)
        k++;
    /* "endorsed other congressional candidates", "a handful of state
     * candidates": a word or two describing the actor noun right after them */
    if (k < limit && !actors_at(d, k)) {
        /* the actor first (a look-up), the words before it only then */
        uint32_t j = k + 1;
        const mention *head = NULL;
        while (j < limit && j <= k + 2 && !(head = actors_at(d, j)))
            j++;
        for (uint32_t w = k; head && w < j; w++)
            if (!describes_noun(d, w))
                head = NULL;
        /* not when that actor in turn describes a noun ("modern U.S. history",
         * "the rival Clinton campaign's"), is a pronoun, or opens a clause
         * of its own ("interviews he gave", "the rules Congress passed") */
        if (head && head->tok_begin == j && !head->possessive && head->how != MH_PRONOUN &&
            !(head->tok_end < limit && describes_noun(d, head->tok_end)) &&
            !opens_clause(d, head->tok_end, limit))
            k = j;
    }
    if (k >= limit)
        return 0;
    const mention *m = actors_at(d, k);
    /* "the White House", "the Pentagon": the article belongs to the name */
    if (m && m->tok_begin < k && m->tok_begin >= first)
        k = m->tok_begin;
    /* "Democratic Sen. Chris Coons", "Ohio Gov. John Kasich": a name with no
     * code right before another mention only qualifies it; so does one with
     * a code before a person ("the French Socialist party leader Jean
     * Dupont") */
    if (m && m->tok_begin == k && !m->person && !m->possessive && m->tok_end < limit) {
        const mention *head = actors_at(d, m->tok_end);
        /* ... unless that one qualifies a noun in turn ("the Democratic
         * White House contender") */
        const tok *next = head && head->tok_end < limit ? &toks[head->tok_end] : NULL;
        bool qualifies = next && next->kind == TK_WORD && !head->person && !head->possessive &&
                         !has(next, WC_PREPOSITION | WC_CONJUNCTION | WC_RELATIVE |
                                        WC_AUXILIARY | WC_DETERMINER | WC_Q_ADVERBIAL_PREPS) &&
                         !is_adverb(next) && !events_is_finite_verb(d->lex, next);
        if (head && head->tok_begin == m->tok_end && mention_usable(d, head) && !qualifies &&
            (!mention_usable(d, m) || head->person)) {
            m = head;
            k = head->tok_begin;
        }
    }
    /* "clashed with Trump supporters", "met Clinton's aides": the group the
     * person has, not the person */
    if (m && m->tok_begin == k && m->possessive && m->person) {
        uint32_t j = m->tok_end;
        if (j < limit && (toks[j].flags & TF_POSSESSIVE))
            j++;
        const mention *group_of = j < limit ? actors_at(d, j) : NULL;
        if (group_of && group_of->tok_begin == j && group_of->how == MH_AGENT &&
            group_of->plural && mention_usable(d, group_of)) {
            m = group_of;
            k = j;
        }
    }
    /* "met with Ruiz and farmers from the valley": a person the dictionaries
     * do not know, coordinated with one they do, leaves that one acted on */
    if (m && m->tok_begin == k && !mention_usable(d, m) &&
        (m->person || m->how == MH_NAME) && m->tok_end + 1 < limit &&
        tok_is(&toks[m->tok_end], "and")) {
        uint32_t j = after_articles(toks, m->tok_end + 1, limit);
        const mention *n2 = j < limit ? actors_at(d, j) : NULL;
        if (n2 && n2->tok_begin == j && mention_usable(d, n2)) {
            article = j > m->tok_end + 1;
            m = n2;
            k = j;
        }
    }
    if (!m || m->tok_begin != k || !(mention_usable(d, m) || named_stranger(d, m)))
        return 0;
    /* "opposed the Iraq war", "attacked the Iran nuclear deal": a country's
     * name after an article before a topic it is only the place or subject of
     * is not the country acted on. What the country does ("the U.S. policy",
     * "the U.S. invasion of Iraq") and what it owns ("the U.S. embassy") still
     * are. */
    static const char *const topics[] = {"war", "wars", "deal", "crisis", "conflict", "issue",
                                         "question", "file", "talks", "situation", "scandal",
                                         "agreement", "accord", "negotiations", "debate", NULL};
    if (article && m->type == AT_COUNTRY && m->tok_end < limit) {
        uint32_t n = m->tok_end;
        if (tok_is(&toks[n], "nuclear") && n + 1 < limit) /* "the Iran nuclear deal" */
            n++;
        if (tok_in(&toks[n], topics))
            return 0;
    }
    /* "threatened its neighbours": a possessive pronoun is not what is acted on,
     * but an actor after it is ("met his Russian counterpart"); what is said
     * of someone's doings is said of them ("praised his candidacy") */
    static const char *const doings[] = {
        "candidacy", "record", "leadership", "policy", "policies", "decision", "decisions",
        "comments", "remarks", "statement", "statements", "stance", "position", "positions",
        "handling", "conduct", "actions", "efforts", "plan", "plans", "proposal", "proposals",
        "qualifications", "views", "rhetoric", "response", "behavior", "behaviour", "effort",
        "nomination", "candidate", "bid", "tenure", "performance", "claims", "remark",
        "backing", "support", "endorsement", "failure", "failures", "tendency", "victory",
        "win", "speech", "mistakes", "gaffes", "entry", "answer", "answers", "re-election",
        "reelection", "presidency", "agenda", NULL};
    bool owner = m->possessive && m->how == MH_PRONOUN;
    if (owner && of_doings(d, m->tok_end, limit, doings)) {
        /* the pronoun itself: his doings are him */
    } else if (owner) {
        const mention *n2 = m->tok_end < limit ? actors_at(d, m->tok_end) : NULL;
        if (!n2 || n2->tok_begin != m->tok_end || !mention_usable(d, n2) || n2->possessive)
            return 0;
        m = n2;
        k = n2->tok_begin;
    }
    g->begin = k;
    g->m[g->n++] = m;
    uint32_t e = m->tok_end;
    if (e < limit && (toks[e].flags & TF_POSSESSIVE))
        e++;
    /* coordination: "Russia and Belarus", "Iran, Syria and Hezbollah"; a list
     * joined by commas alone is not one ("attack Trump, Japan's ...") */
    uint32_t kept = 1, kept_end = e;
    for (;;) {
        uint32_t j = e;
        bool conj = false;
        if (j < limit && is_punct(&toks[j], ","))
            j++;
        if (j < limit && has(&toks[j], WC_CONJUNCTION)) {
            j++;
            conj = true;
        }
        if (j == e)
            break;
        uint32_t article_at = j;
        while (j < limit && tok_is(&toks[j], "the"))
            j++;
        const mention *n2 = j < limit ? actors_at(d, j) : NULL;
        if (n2 && n2->tok_begin < j && n2->tok_begin >= article_at)
            j = n2->tok_begin;
        if (!n2 || n2->tok_begin != j || !mention_usable(d, n2) || n2->possessive || g->n >= 8 ||
            (conj && opens_clause(d, n2->tok_end, limit)))
            break;
        g->m[g->n++] = n2;
        e = n2->tok_end;
        if (e < limit && (toks[e].flags & TF_POSSESSIVE))
            e++;
        if (conj) {
            kept = g->n;
            kept_end = e;
            break;
        }
    }
    g->n = kept;
    e = kept_end;
    g->end = e;
    return e;
}

static bool alt_at(const mctx *c, const alt *a, uint32_t p)
{
    if (p + a->len > c->limit)
        return false;
    const uint64_t *h = c->ec->hashes.items + a->hash_first;
    for (uint32_t i = 0; i < a->len; i++)
        if (c->d->toks.items[p + i].hash != h[i])
            return false;
    return true;
}

/* Tokens a gap may not cross: punctuation that ends a phrase, quotes. */
static bool gap_stops(const tok *t)
{
    if (t->kind == TK_PUNCT)
        return !tok_is(t, "-");
    return t->kind == TK_QUOTE && !(t->flags & TF_POSSESSIVE);
}

static bool match_right(const mctx *c, const pattern *P, uint32_t e, uint32_t p, match *m,
                        int depth);

/* A partial quotation may close after a pattern's words: offering "a full
 * and humble apology" to the mayor. Out of line: the quote is rare. */
static __attribute__((noinline)) bool after_closing_quote(const mctx *c, const pattern *P,
                                                          uint32_t e, uint32_t q, match *m,
                                                          int depth)
{
    const tok *u = q < c->limit ? &c->d->toks.items[q] : NULL;
    return u && u->kind == TK_QUOTE && !(u->flags & TF_POSSESSIVE) && e < (uint32_t)P->n_elems &&
           match_right(c, P, e, q + 1, m, depth + 1);
}

/* "shelled the city of Kharkiv", "struck Gaza City", "visited Kharkiv": a
 * city or region on the receiving end of force, a retreat or a visit stands
 * for its country, as TABARI's and GDELT's dictionaries have it. Other acts
 * done "to" a place are talk about it ("discussed Aleppo"). */
static bool place_takes_act(const char *code)
{
    return (code[0] == '1' && (code[1] == '5' || code[1] >= '7')) || code[0] == '2' ||
           !strncmp(code, "087", 3) || !strncmp(code, "042", 3) || !strncmp(code, "043", 3);
}

/* The place named at p, past "the" and words that end in "of" ("the eastern
 * city of", "the outskirts of"): the end of the phrase, 0 when none. */
static uint32_t place_target_at(const mctx *c, const char *code, uint32_t p, group *g)
{
    const tok *toks = c->d->toks.items;
    uint32_t k = after_articles(toks, p, c->limit);
    for (uint32_t j = k; j < c->limit && j < k + 4; j++) {
        if (toks[j].kind != TK_WORD || (toks[j].flags & TF_CAP))
            break;
        if (tok_is(&toks[j], "of")) {
            k = j + 1;
            break;
        }
    }
    mention place;
    if (!c->subject || !c->subject->n ||
        !actors_place_at(c->d, (uint32_t)(c->s - c->d->sents.items), k, c->limit, &place))
        return 0;
    /* "Zelensky visited Kharkiv", "Cruz captured Iowa", "the army retook
     * Mosul": within one's own country the place says where, not against
     * whom, unless rebels or insurgents take it by force ("Taliban fighters
     * seized Kunduz"); and a visitor must be of some other country */
    for (uint32_t i = 0; i < c->subject->n; i++) {
        const mention *by = c->subject->m[i];
        const char *role = mention_code(c->d, by);
        bool against_state = !is_visit_code(code) && role &&
                             (strstr(role, "REB") || strstr(role, "INS"));
        if ((same_country(c->d, by, &place) && !against_state) ||
            (is_visit_code(code) && !mention_country(c->d, by)))
            return 0;
    }
    mention *pm = arena_alloc(c->d->a, sizeof *pm); /* the event keeps it */
    if (!pm)
        return 0;
    *pm = place;
    g->n = 1;
    g->m[0] = pm;
    g->begin = p;
    g->end = pm->tok_end;
    return pm->tok_end;
}

static bool match_right(const mctx *c, const pattern *P, uint32_t e, uint32_t p, match *m,
                        int depth)
{
    if (depth > 64)
        return false;
    if (e == (uint32_t)P->n_elems) {
        m->end = p;
        return true;
    }
    const pelem *el = &c->ec->elems.items[P->elem_first + e];
    switch (el->kind) {
    case PE_GAP:
        for (uint32_t g = 0; g <= 5 && p + g <= c->limit; g++) {
            /* a partial quotation may open or close where the gap starts:
             * pledged to "swiftly destroy" the group */
            if (g > 0 && gap_stops(&c->d->toks.items[p + g - 1]) &&
                !(g == 1 && c->d->toks.items[p].kind == TK_QUOTE))
                break;
            if (match_right(c, P, e + 1, p + g, m, depth + 1))
                return true;
        }
        return false;
    case PE_WORDS:
        if (p < c->limit && (el->first_mask & bloom_bit(c->d->toks.items[p].hash)))
            for (uint32_t i = 0; i < el->alt_count; i++) {
                const alt *a = &c->ec->alts.items[el->alt_first + i];
                if (alt_at(c, a, p) && (match_right(c, P, e + 1, p + a->len, m, depth + 1) ||
                                        after_closing_quote(c, P, e + 1, p + a->len, m, depth)))
                    return true;
            }
        return el->optional && match_right(c, P, e + 1, p, m, depth + 1);
    case PE_TARGET: {
        if (m->target.n) /* the passive subject already fills it */
            return match_right(c, P, e + 1, p, m, depth + 1);
        group g;
        uint32_t end = actor_group_at(c->d, p, c->limit, &g);
        if (!end && place_takes_act(P->code))
            end = place_target_at(c, P->code, p, &g);
        if (!end)
            return false;
        /* "Trump defended his remarks": one's own doings are no target */
        if (g.n == 1 && g.m[0]->how == MH_PRONOUN && g.m[0]->possessive && c->subject)
            for (uint32_t i = 0; i < c->subject->n; i++)
                if (same_entity(c->subject->m[i], g.m[0]))
                    return false;
        m->target = g;
        if (match_right(c, P, e + 1, end, m, depth + 1))
            return true;
        m->target.n = 0;
        return false;
    }
    case PE_SOURCE:
    case PE_VERB:
    default:
        return match_right(c, P, e + 1, p, m, depth + 1);
    }
}

/* ------------------------------------------------------------ the parse around a verb */

typedef struct clause {
    group subject;
    bool negated;
    bool passive;
    bool future, hypothetical, conditional;
    bool would;      /* "would" or "'d" before the verb (parse_left settles it) */
    bool would_only; /* ... and nothing else made the clause hypothetical */
    uint32_t subject_end; /* token after the subject phrase */
    const mention *pronoun_we; /* "we"/"I" inside a quote: the speaker's mention */
    const quote *quote_of_we;
} clause;

static bool starts_relative(const tok *t) { return has(t, WC_RELATIVE); }

/* The actor group ending right before token k (inclusive of coordination to
 * the left): "Kyiv and its Western allies", "The United States, alongside
 * Britain and the European Union,". */
/* "Supporters of Trump attacked ...", "the wife of the president said", "His
 * job in the Senate offers": an actor after a preposition belongs to a head
 * noun that is not an actor, and that noun is the subject. Words that only
 * count or group their complement pass it through ("thousands of Iranians",
 * "members of Hamas", "the people of Iran"). */
/* The token after m's preposition ("in [the] Senate"), with "the" counted in:
 * the preposition is at the result - 1 and its head noun at - 2. 0 when m
 * starts too near the sentence's beginning to have both. */
static uint32_t after_preposition(const doc *d, const sent *s, const mention *m)
{
    uint32_t b = m->tok_begin;
    /* "in the Senate", "in both parties" */
    const tok *t = b > s->tok_begin ? &d->toks.items[b - 1] : NULL;
    if (t && (has(t, WC_DETERMINER) || tok_is(t, "both") || tok_is(t, "all") ||
              tok_is(t, "either") || is_count(t)))
        b--;
    return b >= s->tok_begin + 2 ? b : 0;
}

static bool pp_complement(const doc *d, const sent *s, const mention *m)
{
    static const char *const partitive[] = {
        "thousands", "hundreds", "dozens", "millions", "tens", "scores", "group", "groups",
        "members", "member", "some", "many", "most", "all", "none", "each", "both", "several",
        "half", "part", "majority", "number", "lot", "lots", "units", "unit", "elements",
        "people", "citizens", "population", "one", "two", "three", "four", "five", "kingdom",
        "republic", "state", "government", "coalition", "alliance", "majorities", "plurality",
        "percent", "rest", NULL};
    const tok *toks = d->toks.items;
    uint32_t b = after_preposition(d, s, m);
    if (!b)
        return false;
    const tok *prep = &toks[b - 1];
    static const char *const preps[] = {"at",     "from",   "for",    "by",     "on",
                                        "about",  "outside", "inside", "within", "among",
                                        "across", "with",   NULL};
    bool of_in = tok_is(prep, "of") || tok_is(prep, "in");
    if (!of_in && !tok_in(prep, preps))
        return false;
    const tok *head = &toks[b - 2];
    if (head->kind == TK_NUMBER)
        return false;
    /* "a memo from the ministry obtained by a newspaper warns": who
     * got hold of a text did not write it */
    if (tok_is(prep, "by")) {
        static const char *const got[] = {"obtained", "reviewed", "seen", "cited", "quoted",
                                          "published", "reported", "viewed", NULL};
        for (int i = 0; got[i]; i++)
            if (tok_is(head, got[i]))
                return true;
        return false;
    }
    const mention *hm = actors_at(d, b - 2);
    /* a role noun with no code ("Supporters of Trump") passes the actor on; a
     * name does not ("Ahmed Yousef of Hamas") */
    if (head->kind != TK_WORD || (hm && (mention_code(d, hm) || hm->how != MH_AGENT)))
        return false;
    /* "people of Iran", "many in Congress" count their complement; "people
     * outside the government" do not */
    for (int i = 0; partitive[i] && of_in; i++)
        if (tok_is(head, partitive[i]))
            return false;
    return true;
}

/* "a gunman claiming allegiance to the Islamic State attacked", "hackers
 * backing President Assad hijacked": an actor in a participle's phrase after
 * a noun is not the subject; the actor the participle follows is. NULL when
 * m is in no such phrase; *blocked when it is, after a name no code is known
 * for ("Groups representing local governments expressed"). */
static const mention *participle_owner(const doc *d, const sent *s, const mention *m,
                                       bool *blocked)
{
    const tok *toks = d->toks.items;
    *blocked = false;
    /* "saying he will support", "asking him to attack", "asking the
     * department to investigate": a clause's or an infinitive's own subject */
    if (m->how == MH_PRONOUN || (m->tok_end < s->tok_end && tok_is(&toks[m->tok_end], "to")))
        return NULL;
    /* the participle's object: a list of actors with their words ("colleges,
     * local governments and charities"); a comma counts only inside a list */
    uint32_t b = m->tok_begin;
    bool listed = false;
    for (int n = 0; b > s->tok_begin + 1 && n < 12; n++) {
        const tok *t = &toks[b - 1];
        const mention *x = actors_at(d, b - 1);
        if (x && x->how != MH_PRONOUN && !x->possessive) {
            b = x->tok_begin;
            continue;
        }
        if (has(t, WC_CONJUNCTION)) {
            listed = true;
            b--;
            continue;
        }
        if ((is_punct(t, ",") && listed) || has(t, WC_DETERMINER) ||
            (t->kind == TK_WORD && !(t->flags & TF_CAP) && !tok_ends_ing(t) &&
             !has(t, WC_FUNCTION | WC_PREPOSITION))) {
            b--;
            continue;
        }
        break;
    }
    uint32_t g = b; /* the participle is at g - 1 */
    if (b > s->tok_begin + 2 && (has(&toks[b - 1], WC_PREPOSITION) || tok_is(&toks[b - 1], "to"))) {
        /* "claiming allegiance to": a few words of its object before the preposition */
        g = 0;
        for (uint32_t q = b - 1, n = 0; n < 4 && q > s->tok_begin + 1; n++, q--) {
            const tok *t = &toks[q - 1];
            if (t->kind != TK_WORD || (t->flags & TF_CAP) || actors_at(d, q - 1))
                return NULL;
            if (t->key_len > 5 && tok_ends_ing(t)) {
                g = q;
                break;
            }
            if (has(t, WC_FUNCTION | WC_PREPOSITION | WC_CONJUNCTION) && !has(t, WC_DETERMINER))
                return NULL;
        }
    }
    if (g < s->tok_begin + 2)
        return NULL;
    const tok *ing = &toks[g - 1];
    if (ing->kind != TK_WORD || (ing->flags & TF_CAP) || ing->key_len <= 5 || !tok_ends_ing(ing))
        return NULL;
    const mention *o = actors_at(d, g - 2);
    if (!o || o->tok_end != g - 1 || o->how == MH_PRONOUN || o->possessive)
        return NULL;
    if (mention_usable(d, o))
        return o;
    *blocked = true;
    return NULL;
}

/* "The leading candidates for president attacked": when a role noun heads
 * the phrase, the actor after its preposition only qualifies it. */
static const mention *pp_head(const doc *d, const sent *s, const mention *m)
{
    const tok *toks = d->toks.items;
    uint32_t b = after_preposition(d, s, m);
    if (!b)
        return m;
    const tok *prep = &toks[b - 1];
    const mention *h = actors_at(d, b - 2);
    /* "Democrats in Congress joined": the group, where it sits */
    if (tok_is(prep, "in") && h && h->plural && h->tok_end == b - 1 && !h->possessive &&
        mention_usable(d, h) && mention_country(d, h))
        return h;
    if (!tok_is(prep, "for") && !tok_is(prep, "of") && !tok_is(prep, "about") &&
        !tok_is(prep, "to")) /* "the aide to the senator, Jo Roe," */
        return m;
    /* "the spokeswoman for Senator Warren, Jo Roe, said": a title the
     * sentence names heads it too; an unnamed one ("a spokesman for Smith")
     * leaves Smith, whose side it speaks for */
    return h && (h->how == MH_AGENT || (h->how == MH_TITLE && mention_name(d, h))) &&
                   h->tok_end == b - 1 && !h->possessive && mention_usable(d, h)
               ? h
               : m;
}

/* The one-word cue at k, NULL none. */
static const cue_entry *cue_at(const doc *d, uint32_t k)
{
    uint32_t b = 0;
    if (lex_match(&d->lex->tables[LT_CUE], d->toks.items, k, k + 1, &b) != 1)
        return NULL;
    return &d->lex->cues.items[d->lex->bindings.items[b - 1].entry];
}

/* The kind of cue (enum cue_kind) the word at k is by itself, 0 none. */
static uint8_t cue_kind_at(const doc *d, uint32_t k)
{
    const cue_entry *ce = cue_at(d, k);
    return ce ? ce->kind : 0;
}

/* Is the word at k a cue that takes a clause (said, thinks, knows, shows,
 * denied), whose next actor is that clause's subject, not its object? */
static bool takes_clause(const doc *d, uint32_t k)
{
    uint8_t kind = d->toks.items[k].starts & SB_CUE ? cue_kind_at(d, k) : 0;
    return kind == CUE_SPEECH || kind == CUE_BELIEF || kind == CUE_PERCEPTION ||
           kind == CUE_EVIDENCE || kind == CUE_DENIAL;
}

/* An "is" or "are" after token k: the sentence says what something is ("a
 * party that rejects her is one that"), not what happened. */
static bool is_are_after(const tok *toks, uint32_t k, uint32_t end)
{
    for (; k < end; k++)
        if (tok_is(&toks[k], "is") || tok_is(&toks[k], "are"))
            return true;
    return false;
}

/* Nouns of words someone sends */
static const char *const sent_words[] = {"tweet", "tweets", "statement", "letter", "memo",
                                         "message", "email", "e-mail", "post", "ad", "video",
                                         "op-ed", "column", "release", NULL};

/* Is m the sender of words named right after it ("Trump's ad", "Trump tweet")? */
static bool sent_words_after(const doc *d, const mention *m)
{
    uint32_t j = m->tok_end;
    if (j < d->toks.len && (d->toks.items[j].flags & TF_POSSESSIVE))
        j++;
    return j < d->toks.len && d->toks.items[j].sent == m->sent &&
           tok_in(&d->toks.items[j], sent_words);
}

/* "Trump tweet that slams Clinton", "Clinton's statement criticized": words
 * someone sent say what their sender says. The sender of a noun of sent
 * words that ends at token e (exclusive), or NULL. */
static const mention *sender_of(const doc *d, const sent *s, uint32_t e)
{
    const tok *toks = d->toks.items;
    if (e <= s->tok_begin + 1 || !tok_in(&toks[e - 1], sent_words))
        return NULL;
    uint32_t b = e - 1;
    if (toks[b - 1].flags & TF_POSSESSIVE)
        b--;
    const mention *owner = b > s->tok_begin ? actors_at(d, b - 1) : NULL;
    return owner && owner->tok_end == b && mention_usable(d, owner) ? owner : NULL;
}

static bool subject_ending_at(const doc *d, const sent *s, uint32_t k, group *g, int depth)
{
    const tok *toks = d->toks.items;
    g->n = 0;
    if (k <= s->tok_begin || depth > 3)
        return false;
    uint32_t j = k;
    /* a parenthetical between commas: ", alongside X and Y," / ", which ...," /
     * ", a spokesman for X," */
    if (is_punct(&toks[j - 1], ",")) {
        uint32_t open = j - 1;
        uint32_t lo = open > s->tok_begin + 24 ? open - 24 : s->tok_begin;
        uint32_t q = open;
        while (q > lo && !is_punct(&toks[q - 1], ","))
            q--;
        if (q <= lo || q >= open)
            return false;
        uint32_t pstart = q; /* first token inside the parenthetical */
        group inner = {0};
        bool allies = has(&toks[pstart], WC_ALONGSIDE);
        if (allies) {
            for (uint32_t t = pstart; t < open && inner.n < 8; t++) {
                const mention *m = actors_at(d, t);
                if (m && m->tok_begin == t && mention_usable(d, m) && !m->possessive) {
                    inner.m[inner.n++] = m;
                    t = m->tok_end - 1;
                }
            }
        }
        if (!subject_ending_at(d, s, pstart - 1, g, depth + 1))
            return false;
        /* "the state's junior senator, Jo Roe (D-Ohio), promised": a title
         * with no name, named between the commas, is that person */
        const mention *named = actors_at(d, pstart);
        if (!allies && g->n == 1 && g->m[0]->person && !mention_name(d, g->m[0]) &&
            g->m[0]->how != MH_PRONOUN && named && named->tok_begin == pstart &&
            named->person && named->how != MH_PRONOUN && mention_name(d, named) &&
            mention_usable(d, named) &&
            (named->tok_end == open || tok_is(&toks[named->tok_end], "(")))
            g->m[0] = named;
        for (uint32_t i = 0; i < inner.n && g->n < 8; i++)
            g->m[g->n++] = inner.m[i];
        g->end = k;
        return true;
    }
    /* relative pronoun: "Russia, which has used ..." -> the antecedent */
    if (starts_relative(&toks[j - 1])) {
        uint32_t q = j - 1;
        if (q > s->tok_begin && is_punct(&toks[q - 1], ","))
            q--;
        if (!subject_ending_at(d, s, q, g, depth + 1))
            return false;
        /* "a party that rejects Haley is one that ...": a kind described in
         * the present, no one who acted ("an envoy who visits Japan will meet
         * Abe" still did) */
        uint32_t a = g->begin;
        while (a > s->tok_begin && !tok_is_article(&toks[a - 1]) && a + 3 > g->begin &&
               toks[a - 1].kind == TK_WORD && !(toks[a - 1].flags & TF_CAP))
            a--;
        bool indefinite =
            a > s->tok_begin && (tok_is(&toks[a - 1], "a") || tok_is(&toks[a - 1], "an"));
        if (indefinite && g->n == 1 && !mention_name(d, g->m[0]) && k < s->tok_end &&
            !has(&toks[k], WC_AUXILIARY) &&
            (verb_forms_of(d->lex->events, &toks[k]) & VF_THIRD) &&
            is_are_after(toks, k + 1, s->tok_end)) {
            g->n = 0;
            return false;
        }
        return true;
    }
    const mention *m = actors_at(d, j - 1);
    /* "those around him acknowledge", "people close to her say": a pronoun
     * after a preposition is the object of a phrase on the subject, not it */
    static const char *const object_case[] = {"him", "her", "them", "me", "us", NULL};
    static const char *const near[] = {"around", "near", "behind", "beside", "among", "to",
                                       NULL};
    if (m && m->how == MH_PRONOUN && m->tok_begin == j - 1 && j - 1 > s->tok_begin &&
        tok_in(&toks[j - 1], object_case) &&
        (has(&toks[j - 2], WC_PREPOSITION) || tok_in(&toks[j - 2], near)) &&
        !tok_is(&toks[j - 2], "of")) /* "many of them" are some of them */
        m = NULL; /* an actor coordinated before the phrase may still be one */
    const mention *sender = !m ? sender_of(d, s, j) : NULL;
    if (sender) {
        m = sender;
        j = m->tok_end;
    } else if (!m || !mention_usable(d, m) || m->possessive) {
        /* a noun phrase whose head is not an actor: "its Western allies" in
         * "Kyiv and its Western allies" -- look through it for a coordinated actor */
        uint32_t q = j;
        int words = 0;
        while (q > s->tok_begin && words < 5) {
            const tok *t = &toks[q - 1];
            if (t->kind != TK_WORD || has(t, WC_CONJUNCTION) || starts_relative(t))
                break;
            const mention *x = actors_at(d, q - 1);
            if (x && !x->possessive && x->how != MH_PRONOUN)
                break;
            /* only the words of one noun phrase: not "of" in "... and of helping" */
            if (!x && has(t, WC_FUNCTION | WC_PREPOSITION))
                break;
            q = x ? x->tok_begin : q - 1;
            words++;
        }
        /* "Obama and those around him": the phrase's determiner is its own */
        if (!m && q > s->tok_begin + 1 && q != j && has(&toks[q - 1], WC_DETERMINER) &&
            !actors_at(d, q - 1) && has(&toks[q - 2], WC_CONJUNCTION))
            q--;
        const mention *head = q > s->tok_begin + 1 && tok_is(&toks[q - 1], "of")
                                  ? actors_at(d, q - 2)
                                  : NULL;
        /* "Democrats on the committee criticized", "Republicans in the state
         * legislature voted": a group placed by a phrase that names no actor */
        uint32_t p = q;
        while (p > s->tok_begin && has(&toks[p - 1], WC_DETERMINER))
            p--;
        static const char *const placed[] = {"on", "in", "at", "from", NULL};
        const mention *group_head =
            !head && p > s->tok_begin + 1 && q != j && tok_in(&toks[p - 1], placed)
                ? actors_at(d, p - 2)
                : NULL;
        if (group_head && group_head->tok_end == p - 1 && group_head->plural &&
            group_head->how != MH_PRONOUN)
            head = group_head;
        if (q > s->tok_begin && has(&toks[q - 1], WC_CONJUNCTION) && q != j) {
            m = actors_at(d, q - 2 >= s->tok_begin ? q - 2 : q - 1);
            if (!m || m->tok_end != q - 1 || !mention_usable(d, m))
                return false;
            j = m->tok_end;
            /* fall through with the actor before "and" */
        } else if (head &&
                   (head == group_head || (head->tok_end == q - 1 && head->how == MH_AGENT)) &&
                   mention_usable(d, head) && !head->possessive && q != j &&
                   k < s->tok_end && events_is_finite_verb(d->lex, &toks[k])) {
            /* "Relatives of four sailors criticized": the role before "of"
             * heads the phrase */
            m = head;
            j = m->tok_end;
        } else {
            return false;
        }
    }
    /* not when the verb is a participle itself: "voters backing Ruiz and
     * the older population backing Hale" */
    bool blocked = false;
    const mention *owner_of_phrase = NULL;
    if (!(k < s->tok_end && tok_ends_ing(&toks[k])))
        owner_of_phrase = participle_owner(d, s, m, &blocked);
    if (blocked)
        return false;
    if (owner_of_phrase)
        m = owner_of_phrase;
    if (pp_complement(d, s, m))
        return false;
    m = pp_head(d, s, m);
    /* "the senator who met Clinton criticized", "activists who support
     * Sanders criticized": an actor right after a relative clause's verb is
     * its object; the subject is what the relative stands for, or nobody
     * the dictionaries know ("a man who met Clinton") */
    static const char *const verb_particles[] = {"with", "to", "against", "about", NULL};
    static const char *const subject_pronouns[] = {"he", "she", "they", "we", "i", "you", NULL};
    uint32_t ob = m->tok_begin;
    while (ob > s->tok_begin && has(&toks[ob - 1], WC_DETERMINER))
        ob--;
    if (ob > s->tok_begin && tok_in(&toks[ob - 1], verb_particles))
        ob--; /* "who met with" */
    /* not a clause's subject after a verb of saying ("who says Trump is
     * mocking him", "who said they were"), nor one of a participle or an
     * infinitive ("showed troops advancing", "see him endorse") */
    bool main_verb_next = k < s->tok_end && (events_is_finite_verb(d->lex, &toks[k]) ||
                                             has(&toks[k], WC_AUXILIARY) || is_adverb(&toks[k]));
    if (main_verb_next && !tok_in(&toks[m->tok_begin], subject_pronouns) &&
        ob > s->tok_begin + 1 && (toks[ob - 1].starts & SB_VERB) && !takes_clause(d, ob - 1)) {
        uint32_t r = ob - 1;
        while (r > s->tok_begin && (has(&toks[r - 1], WC_AUXILIARY) || is_adverb(&toks[r - 1]) ||
                                    is_neg_token(&toks[r - 1])))
            r--;
        if (r > s->tok_begin + 1 && starts_relative(&toks[r - 1]))
            return subject_ending_at(d, s, r - 1, g, depth + 1);
        /* "backers unwilling to endorse the mayor may still give": an
         * infinitive's object is not the subject of the verb after it; not
         * "in response to attacks Russia bombed", a noun after "to" */
        if (tok_is(&toks[ob - 2], "to") &&
            (verb_forms_of(d->lex->events, &toks[ob - 1]) & VF_BASE) &&
            !tok_ends_with(&toks[ob - 1], "s"))
            return false;
    }
    g->m[g->n++] = m;
    g->begin = m->tok_begin;
    g->end = k;
    /* coordinated actors to the left: "Britain, France and Germany"; the
     * separator next to the last one must be "and", or a comma is only a
     * comma ("According to Pakistan, India attacked") */
    uint32_t b = m->tok_begin;
    /* "he and his father": the owner's pronoun belongs to the phrase */
    const mention *owner = b > s->tok_begin ? actors_at(d, b - 1) : NULL;
    if (owner && owner->possessive && owner->how == MH_PRONOUN && owner->tok_end == b)
        b = owner->tok_begin;
    bool saw_and = false;
    while (g->n < 8 && b > s->tok_begin) {
        uint32_t q = b;
        /* "the Ukrainian president and the Polish prime minister" */
        if (tok_is_article(&toks[q - 1]))
            q--;
        bool sep = false, conj = false;
        if (q > s->tok_begin && has(&toks[q - 1], WC_CONJUNCTION)) {
            q--;
            sep = conj = true;
        }
        if (q > s->tok_begin && is_punct(&toks[q - 1], ",")) {
            q--;
            sep = true;
        }
        if (!sep || q <= s->tok_begin)
            break;
        const mention *x = actors_at(d, q - 1);
        if (!x || x->tok_end != q || !mention_usable(d, x) || x->possessive)
            break;
        /* a headline's "Sanders, Clinton exchange shots": two names that open
         * the sentence (or its part after a semicolon) need no "and" */
        if (!conj && !saw_and &&
            !(g->n == 1 && x->person && g->m[0]->person && mention_name(d, x) &&
              mention_name(d, g->m[0]) &&
              (x->tok_begin == s->tok_begin || tok_is(&toks[x->tok_begin - 1], ";") ||
               tok_is(&toks[x->tok_begin - 1], ":"))))
            break;
        saw_and |= conj;
        /* "Russia attacked Ukraine and Belarus criticized", "is
         * investigating the police and the ministry is considering": the one
         * right after a verb (finite, or a participle after an auxiliary) is
         * that verb's object, not this subject */
        uint32_t xb = x->tok_begin;
        if (xb > s->tok_begin + 1 && tok_is_article(&toks[xb - 1]))
            xb--;
        const tok *pv = xb > s->tok_begin ? &toks[xb - 1] : NULL;
        if (pv && (events_is_finite_verb(d->lex, pv) ||
                   ((pv->starts & SB_VERB) && !(pv->flags & TF_CAP) && xb - 1 > s->tok_begin &&
                    has(&toks[xb - 2], WC_AUXILIARY))))
            break;
        g->m[g->n++] = x;
        b = x->tok_begin;
        g->begin = b;
    }
    return true;
}

/* The first token of a time adjunct that ends right before token k, with
 * something before it; 0 when there is none. */
static uint32_t adjunct_ending_at(const doc *d, const sent *s, uint32_t k)
{
    /* every adjunct ends in a number, a date's word or a time's word */
    const tok *last = &d->toks.items[k - 1];
    if (last->kind != TK_NUMBER && !(last->key_len && last->key[0] >= '0' && last->key[0] <= '9') &&
        !has(last, WC_DATE_START | WC_Q_TIME_WORDS) && !tok_is(last, "ago") &&
        !tok_is(last, "weekend") && !tok_is(last, "days") && !tok_is(last, "weeks") &&
        !tok_is(last, "months"))
        return 0;
    for (uint32_t b = k > s->tok_begin + 7 ? k - 6 : s->tok_begin + 1; b < k; b++)
        if (dates_adjunct_at(d, b, k) == k - b)
            return b;
    return 0;
}

/* A duration at k: "for two hours", "for about an hour", "for 90 minutes";
 * its length in tokens, 0 none. */
static uint32_t duration_at(const doc *d, uint32_t k, uint32_t limit)
{
    static const char *const about[] = {"about", "nearly", "almost", "roughly", "over", NULL};
    static const char *const units[] = {"minute", "minutes", "hour", "hours", "day", "days",
                                        "week", "weeks", "month", "months", "year", "years",
                                        NULL};
    const tok *toks = d->toks.items;
    uint32_t j = k + 1;
    if (j >= limit || !tok_is(&toks[k], "for"))
        return 0;
    if (tok_in(&toks[j], about))
        j++;
    if (j + 1 < limit && (is_count(&toks[j]) || tok_is(&toks[j], "a") || tok_is(&toks[j], "an")) &&
        tok_in(&toks[j + 1], units))
        return j + 2 - k;
    return 0;
}

/* Where a verb's objects start: after adverbs, time adjuncts and durations
 * ("met privately with", "met on Monday with", "met for an hour with"). */
static uint32_t objects_start(const doc *d, uint32_t p, uint32_t limit)
{
    for (int guard = 0; guard < 3 && p < limit; guard++) {
        uint32_t n = is_adverb(&d->toks.items[p]) ? 1 : dates_adjunct_at(d, p, limit);
        if (!n)
            n = duration_at(d, p, limit);
        if (!n)
            break;
        p += n;
    }
    return p;
}

/* Only adverbs between the subject's end and the verb: no auxiliary or
 * control verb ("after she had to cancel") decides the verb's tense. */
static bool subject_next_to(const doc *d, uint32_t k, uint32_t v)
{
    for (; k < v; k++)
        if (!is_adverb(&d->toks.items[k]))
            return false;
    return true;
}

static bool tok_starts(const tok *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->key_len >= n && !memcmp(t->key, prefix, n);
}

/* Does the sentence of the verb at v ask? Not when the question is
 * someone's words quoted after it ('tweeted that the vote went badly,
 * asking, "Who could trust her now?"'). */
static bool question(const doc *d, const sent *s, uint32_t v)
{
    uint32_t k = s->tok_end;
    while (k > s->tok_begin && d->toks.items[k - 1].kind == TK_QUOTE)
        k--;
    if (k <= s->tok_begin || !is_punct(&d->toks.items[k - 1], "?"))
        return false;
    uint32_t open = k - 1; /* the quotation mark that opens the question */
    while (open > s->tok_begin && d->toks.items[open - 1].kind != TK_QUOTE)
        open--;
    return open == s->tok_begin || v >= open;
}

/* "I don't believe I've ever met him", "does not think that Iran will":
 * a denied belief denies what it is about. lead: where the subject's noun
 * phrase starts. */
static bool denied_belief_before(const doc *d, const sent *s, uint32_t lead)
{
    static const char *const believing[] = {"believe", "think", "recall", "expect", "suppose",
                                            NULL};
    const tok *toks = d->toks.items;
    uint32_t j = lead;
    if (j > s->tok_begin && tok_is(&toks[j - 1], "that"))
        j--;
    if (j <= s->tok_begin + 1 || !tok_in(&toks[j - 1], believing) || !is_neg_token(&toks[j - 2]))
        return false;
    /* "I can't believe Russia attacked": disbelief that it happened, which
     * it did */
    static const char *const able[] = {"can't", "cannot", "couldn't", "can", "could", NULL};
    const tok *neg = &toks[j - 2];
    return !tok_in(neg, able) && !(j - 2 > s->tok_begin && tok_in(&toks[j - 3], able));
}

/* What the words before a subject's noun phrase say of its verb: "no sign
 * that", "demanded that", "wants X to", "would love to see X". k: the
 * token after the subject; infinitive_of: as parse_left found it. */
static void complement_mood(const mctx *c, uint32_t v, uint8_t form, uint32_t k,
                            int infinitive_of, clause *cl)
{
    const doc *d = c->d;
    const tok *toks = d->toks.items;
    const sent *s = c->s;
    /* where the subject's noun phrase starts, its article included: "that
     * the army", "see the governor" */
    uint32_t lead = cl->subject.n ? cl->subject.begin : 0;
    while (lead > s->tok_begin && has(&toks[lead - 1], WC_DETERMINER) &&
           !tok_is(&toks[lead - 1], "that"))
        lead--;
    const tok *lead1 = lead > s->tok_begin ? &toks[lead - 1] : NULL;
    const tok *lead2 = lead > s->tok_begin + 1 ? &toks[lead - 2] : NULL;
    const tok *lead3 = lead > s->tok_begin + 2 ? &toks[lead - 3] : NULL;
    /* "there is no sign that the army has left the town": what no sign
     * shows did not happen, as far as anyone says */
    static const char *const showing[] = {"indication", "evidence", "sign", "proof",
                                          "suggestion", NULL};
    if (lead3 && tok_is(lead1, "that") && tok_in(lead2, showing) &&
        (tok_is(lead3, "no") || (lead > s->tok_begin + 3 && tok_is(&toks[lead - 4], "no"))))
        cl->negated = !cl->negated;
    if (denied_belief_before(d, s, lead))
        cl->negated = !cl->negated;
    /* "demanded that the envoy apologize", "urges that the talks resume": what
     * someone wants done has not been done */
    static const char *const wanting[] = {
        "demand", "demands", "demanded", "demanding", "urge", "urges", "urged", "urging",
        "request", "requests", "requested", "requesting", "recommend", "recommends",
        "recommended", "recommending", "propose", "proposes", "proposed", "proposing",
        "ask", "asks", "asked", "asking", "require", "requires", "required", "requiring", NULL};
    if (lead2 && tok_is(lead1, "that") && tok_in(lead2, wanting))
        cl->hypothetical = true;
    /* "insisted that the governor resign": a bare verb on one subject is
     * wanted ("insisted that the governor was wrong" is said) */
    static const char *const insisting[] = {"insist", "insists", "insisted", "insisting", NULL};
    if (lead2 && tok_is(lead1, "that") && tok_in(lead2, insisting) && form == VF_BASE &&
        cl->subject.n == 1 && !cl->subject.m[0]->plural && subject_next_to(d, k, v))
        cl->hypothetical = true;
    /* "wants the governor to endorse him", "would love to see the governor
     * endorse him": wished for, not done; "forced the minister to resign"
     * and "helped Smith to win" tell what happened */
    if (cl->subject.n && !cl->hypothetical && !cl->would && !cl->future) {
        uint32_t j = v;
        while (j > cl->subject.end && is_adverb(&toks[j - 1]))
            j--;
        static const char *const wishing[] = {"love", "like", "want", "wants", "wanted",
                                              "hope", "hopes", "hoped", "wish", "prefer",
                                              "expect", "expects", "expected", NULL};
        bool wish_to_see = j == cl->subject.end && lead3 &&
                           (tok_is(lead1, "see") || tok_is(lead1, "watch")) &&
                           tok_is(lead2, "to") && tok_in(lead3, wishing);
        /* "a truce that could see the rebels disarm", "will let the army
         * withdraw": what a modal's "see" or "let" brings about is not done */
        static const char *const bringing[] = {"see", "let", "make", "have", NULL};
        static const char *const maybe[] = {"would", "could", "might", "may", "should", NULL};
        bool brought = j == cl->subject.end && lead2 && tok_in(lead1, bringing);
        bool will_bring = brought && (tok_is(lead2, "will") || tok_is(lead2, "'ll"));
        bool may_bring = brought && tok_in(lead2, maybe);
        if (infinitive_of == 2 || will_bring)
            cl->future = true; /* a headline's "to": what is planned */
        else if (infinitive_of == 1 || wish_to_see || may_bring)
            cl->hypothetical = true;
    }
}

/* "No Western government has ...", "None of the allies ...", "no reasonable
 * prosecutor would ...": a subject that names no one of them, from "no" or
 * "none of" and up to two describing words before the subject at sb. */
static bool none_before(const doc *d, const sent *s, uint32_t sb)
{
    const tok *toks = d->toks.items;
    for (uint32_t k = sb, words = 0; k > s->tok_begin && words <= 2; k--) {
        const tok *t = &toks[k - 1];
        /* not "no matter how they", "no doubt the army" */
        if (tok_is(t, "no"))
            return !(tok_is(&toks[k], "matter") || tok_is(&toks[k], "doubt") ||
                     tok_is(&toks[k], "wonder") || tok_is(&toks[k], "question"));
        if (tok_is(t, "of") && k - 1 > s->tok_begin && tok_is(&toks[k - 2], "none") && !words)
            return true;
        if (tok_is(t, "the") && !words && k - 1 > s->tok_begin && tok_is(&toks[k - 2], "of"))
            continue; /* "none of the" */
        if (t->kind != TK_WORD || tok_is(t, "that") ||
            has(t, WC_FUNCTION | WC_PREPOSITION | WC_AUXILIARY | WC_RELATIVE | WC_CONJUNCTION) ||
            actors_at(d, k - 1))
            return false; /* "no sign that he", "no matter how they" */
        words++;
    }
    return false;
}

/* A commentator's or reporter's "we" is the country or the public they talk
 * about, not their network: only their "I" is theirs. */
static bool speaks_as_media(const doc *d, const quote *q)
{
    static const char *const media[] = {"MED", NULL};
    return role_in(mention_code(d, &d->mentions.items[q->mention - 1]), media);
}

/* Read the auxiliaries, negation and control verbs to the left of a verb and
 * find its subject. */
static void clause_left(const mctx *c, uint32_t v, uint8_t form, clause *cl)
{
    doc *d = c->d;
    const tok *toks = d->toks.items;
    const sent *s = c->s;
    memset(cl, 0, sizeof *cl);
    uint32_t k = v;
    bool saw_be = false, perfect = false, want_to = false;
    /* the actor before "to" is the subject: 1 "wants Kasich to endorse", 2 a
     * headline's "Biden to visit", 3 "forced Kasich to resign" */
    int infinitive_of = 0;
    static const char *const implicative[] = {"forced", "compelled", "helped", "caused",
                                              "led", "got", "prompted", "persuaded",
                                              "convinced", "enabled", NULL};
    int guard = 0;
    while (k > s->tok_begin && guard++ < 16) {
        const tok *t = &toks[k - 1];
        if (is_neg_token(t)) {
            cl->negated = true;
            if (t->key_len > 3 && !memcmp(t->key + t->key_len - 3, "n't", 3)) {
                if (tok_is(t, "won't") || tok_is(t, "shan't"))
                    cl->future = true;
                else if (tok_is(t, "wouldn't"))
                    cl->would = true;
                else if (tok_is(t, "couldn't") || tok_is(t, "shouldn't"))
                    cl->hypothetical = true;
                /* "refugees aren't admitted until ...": a passive too */
                else if (tok_is(t, "isn't") || tok_is(t, "aren't") || tok_is(t, "wasn't") ||
                         tok_is(t, "weren't"))
                    saw_be = true;
            }
            k--;
            continue;
        }
        if (has(t, WC_AUXILIARY)) {
            if (has(t, WC_BE))
                saw_be = true;
            if (tok_is(t, "has") || tok_is(t, "have"))
                perfect = true;
            if (tok_is(t, "will") || tok_is(t, "'ll") || tok_is(t, "shall"))
                cl->future = true;
            if (tok_is(t, "would") || tok_is(t, "'d"))
                cl->would = true;
            if (tok_is(t, "could") || tok_is(t, "might") || tok_is(t, "may") ||
                tok_is(t, "should") || tok_is(t, "can") || tok_is(t, "must"))
                cl->hypothetical = true;
            k--;
            continue;
        }
        if (is_adverb(t)) {
            k--;
            continue;
        }
        if (tok_is(t, "to") && k - 1 > s->tok_begin) {
            const tok *cv = &toks[k - 2];
            if (has(cv, WC_CONTROL)) {
                if (has(cv, WC_CONTROL_NEG))
                    cl->negated = true;
                if (has(cv, WC_CONTROL_FUT))
                    cl->future = true;
                want_to = tok_is(cv, "want") || tok_is(cv, "like") || tok_is(cv, "wish");
                /* "we need to consult our allies": owed, not done */
                if (tok_is(cv, "need") || tok_is(cv, "needs") || tok_is(cv, "has") ||
                    tok_is(cv, "have") || tok_is(cv, "wish"))
                    cl->hypothetical = true;
                saw_be = false;
                k -= 2;
                continue;
            }
            /* "wants Kasich to endorse him", "Biden to visit Kyiv": the
             * actor before "to" does it when a verb of wanting or making
             * has it as object (not "flew to Havana to meet") */
            static const char *const wanting_of[] = {
                "want", "wants", "wanted", "expect", "expects", "expected", "urge", "urges",
                "urged", "urging", "ask", "asks", "asked", "asking", "press", "pressed",
                "pressing", "push", "pushed", "pushing", "encourage", "encouraged",
                "encouraging", "invite", "invited", "inviting", "tell", "told", "telling",
                "order", "ordered", "for", NULL};
            const mention *om = actors_at(d, k - 2);
            if (om && om->tok_end == k - 1 && mention_usable(d, om) && !om->possessive) {
                uint32_t ob = om->tok_begin;
                while (ob > s->tok_begin && has(&toks[ob - 1], WC_DETERMINER))
                    ob--;
                if (om->tok_begin == s->tok_begin)
                    infinitive_of = 2;
                else if (ob > s->tok_begin && tok_in(&toks[ob - 1], wanting_of))
                    infinitive_of = 1;
                else if (ob > s->tok_begin && tok_in(&toks[ob - 1], implicative))
                    infinitive_of = 3;
                if (infinitive_of)
                    k--;
            }
            break;
        }
        /* "Russia on Monday attacked": a time adjunct between subject and verb */
        uint32_t adj = adjunct_ending_at(d, s, k);
        if (adj) {
            k = adj;
            continue;
        }
        /* "denied supplying", "stopped sending": a gerund after a control verb */
        if ((form & VF_GERUND) && (tok_is(t, "denied") || tok_is(t, "denies") ||
                                  tok_is(t, "deny") || tok_is(t, "denying"))) {
            cl->negated = true;
            k--;
            continue;
        }
        break;
    }
    cl->passive = saw_be && (form & (VF_PARTICIPLE | VF_PAST));
    /* first person inside a quotation: the speaker */
    if (k > s->tok_begin) {
        const tok *t = &toks[k - 1];
        /* "I want to thank the senator": saying so thanks him */
        static const char *const performative[] = {"thank", "commend", "congratulate",
                                                   "apologize", "apologise", "welcome",
                                                   "salute", "applaud", "praise", NULL};
        if (want_to && (tok_is(t, "we") || tok_is(t, "i")) && tok_in(&toks[v], performative))
            cl->future = false;
        if (tok_is(t, "we") || tok_is(t, "i")) {
            const quote *q = quote_of(d, k - 1);
            if (q && q->kind == PETREL_QUOTE_DIRECT && q->mention &&
                !(tok_is(t, "we") && speaks_as_media(d, q))) {
                cl->pronoun_we = &d->mentions.items[q->mention - 1];
                cl->quote_of_we = q;
                cl->subject.n = 1;
                cl->subject.m[0] = cl->pronoun_we;
                cl->subject.begin = k - 1;
                cl->subject.end = k;
                if (denied_belief_before(d, s, k - 1))
                    cl->negated = !cl->negated;
                /* '"Do we really trust him?"': asked, not said */
                if (question(d, s, v))
                    cl->hypothetical = true;
                return;
            }
        }
    }
    subject_ending_at(d, s, k, &cl->subject, 0);
    cl->subject_end = k;
    /* "Neither Smith nor Jones replied" */
    uint32_t sb = cl->subject.n ? cl->subject.begin : s->tok_begin;
    while (sb > s->tok_begin && has(&toks[sb - 1], WC_DETERMINER))
        sb--;
    const tok *before = sb > s->tok_begin ? &toks[sb - 1] : NULL;
    if (before && (tok_is(before, "neither") || tok_is(before, "nor")))
        cl->negated = !cl->negated;
    else if (cl->subject.n && none_before(d, s, cl->subject.begin))
        cl->negated = !cl->negated;
    /* "had the minister thanked them": a condition that did not happen */
    if (before && tok_is(before, "had") && (form & (VF_PAST | VF_PARTICIPLE)))
        cl->hypothetical = true;
    /* "will wait until I meet the premier", "after the president meets his
     * rival", "when she arrives": the present after until/before/after/once/
     * when is yet to come */
    bool present = (form & (VF_BASE | VF_THIRD)) && !(form & (VF_PAST | VF_PARTICIPLE | VF_GERUND));
    bool by_then = before && (tok_is(before, "until") || tok_is(before, "before") ||
                              tok_is(before, "after") || tok_is(before, "once") ||
                              tok_is(before, "when"));
    if (by_then && present && !cl->passive && subject_next_to(d, k, v))
        cl->future = true;
    /* ... and so is what will have been done by then: "change will come only
     * when the president has left office" */
    if (by_then && perfect && (form & VF_PARTICIPLE) && !cl->passive && !cl->hypothetical &&
        !cl->would &&
        subject_next_to(d, k + 1, v))
        for (uint32_t j = s->tok_begin; j < sb; j++)
            if (tok_is(&toks[j], "will") || tok_is(&toks[j], "'ll") || tok_is(&toks[j], "won't"))
                cl->future = true;
    complement_mood(c, v, form, k, infinitive_of, cl);
    /* "asked whether Smith met him", "Should staffers attack reporters?":
     * asked, not told */
    if ((before && tok_is(before, "whether")) || question(d, s, v))
        cl->hypothetical = true;
}

/* The clause left of the verb at v. "would" is settled last, so that
 * reported_will can tell the past of "will" from a condition. */
static void parse_left(const mctx *c, uint32_t v, uint8_t form, clause *cl)
{
    clause_left(c, v, form, cl);
    cl->would_only = cl->would && !cl->hypothetical;
    cl->hypothetical |= cl->would;
}

/* "WASHINGTON ―", "KABUL (Reuters) -": where the story was filed, heading
 * its first sentence; no one who acts in it. */
static bool dateline(const doc *d, const mention *m)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[m->sent];
    if (m->tok_begin != s->tok_begin || m->tok_end >= s->tok_end ||
        !(toks[m->tok_begin].flags & TF_ALLCAPS))
        return false;
    const tok *next = &toks[m->tok_end];
    return next->kind == TK_DASH || tok_is(next, "(");
}

/* ", reiterating previous denials": a participle after a comma shares the
 * subject of the main clause -- the speaker the sentence attributes, or its
 * first actor outside quotation marks. */
/* The first actor that starts in tokens [from, to), outside quotation marks
 * unless quoted ones count; NULL when there is none. */
static const mention *first_actor(const doc *d, uint32_t from, uint32_t to, bool quoted_too)
{
    for (uint32_t k = from; k < to; k++) {
        const mention *m = actors_at(d, k);
        if (m && m->tok_begin == k && mention_usable(d, m) && !m->possessive &&
            !dateline(d, m) && (quoted_too || !quote_of(d, k)))
            return m;
    }
    return NULL;
}

static bool looks_like_noun(const doc *d, const sent *s, uint32_t v, uint8_t form);

/* "the refugees admitted are women", "the money raised was returned": a
 * participle that "is", "was" or "have" follows at once describes the noun
 * before it; the sentence's verb comes after. Not after a person or a
 * pronoun, who did it: "the one mistake he admitted was". */
static bool reduced_relative(const doc *d, const sent *s, uint32_t v, uint8_t forms)
{
    static const char *const finite[] = {"is", "are", "was", "were", "has", "have", "had",
                                         NULL};
    if ((forms & ~(VF_PAST | VF_PARTICIPLE)) || !(forms & VF_PARTICIPLE) ||
        v <= s->tok_begin || v + 1 >= s->tok_end || !tok_in(&d->toks.items[v + 1], finite))
        return false;
    const tok *before = &d->toks.items[v - 1];
    const mention *m = actors_at(d, v - 1);
    return before->kind == TK_WORD && !has(before, WC_Q_PRONOUNS_SUBJECT) && !(m && m->person);
}

/* "the younger voters backing the mayor": a participle right after its
 * noun, with no "is" or "was", describes who they are */
static bool noun_then_gerund(const doc *d, const sent *s, uint32_t v, uint8_t form,
                             const clause *cl)
{
    if (!(form & VF_GERUND) || !cl->subject.n || cl->subject.end != v || v <= s->tok_begin)
        return false;
    const mention *m = cl->subject.m[0]; /* the one right before the verb */
    return m->tok_end == v && m->how != MH_PRONOUN && !(d->toks.items[v - 1].flags & TF_CAP);
}

/* The forms of the word at j when it reads as a verb of ours there, else 0:
 * not a noun ("the plan"), nor a participle after a determiner, which
 * describes ("an extended record"). */
static uint8_t verb_at(const mctx *c, uint32_t j)
{
    const doc *d = c->d;
    uint8_t forms = verb_forms_of(c->ec, &d->toks.items[j]);
    if (!forms || looks_like_noun(d, c->s, j, forms) ||
        (j > c->s->tok_begin && has(&d->toks.items[j - 1], WC_DETERMINER)) ||
        reduced_relative(d, c->s, j, forms))
        return 0;
    return forms;
}

/* relative: v describes a noun (statement_participle); a relative clause
 * between it and the sentence's subject ("judges who were part of a decision
 * legalizing ...", "the former president, who spent his speech defending
 * ...") says the noun is its antecedent's, not the subject's (none when the
 * antecedent is no actor). */
static void main_clause_subject(const mctx *c, uint32_t v, clause *cl, bool relative)
{
    const doc *d = c->d;
    const sent *s = c->s;
    uint32_t si = d->toks.items[v].sent;
    memset(&cl->subject, 0, sizeof cl->subject);
    /* "The minister said Russian forces had shelled the town, killing 12
     * civilians": inside reported words, the participle is the reported
     * subject's (the claim stays the minister's) */
    const quote *inside = quote_of(d, v);
    const mention *m = NULL;
    if (inside && inside->tok_begin < v) {
        m = first_actor(d, inside->tok_begin, v, true);
        /* "sent a note to the governor asking ...": whom the words went to
         * does not say them; the sender does */
        bool recipient = m && m->tok_begin > s->tok_begin &&
                         tok_is(&d->toks.items[m->tok_begin - 1], "to");
        if (!recipient) {
            if (m) {
                cl->subject.m[0] = m;
                cl->subject.n = 1;
            }
            return;
        }
    }
    for (uint32_t j = c->cued_from[si]; j < c->cued_from[si + 1]; j++) {
        const quote *q = &d->quotes.items[c->cued_quotes[j]];
        if (q->sent <= si && q->cue_end <= d->toks.items[v].start) {
            cl->subject.m[0] = &d->mentions.items[q->mention - 1];
            cl->subject.n = 1;
            return;
        }
    }
    /* the subject of the nearest verb before it that has one: "while the
     * mayor praised the plan, angry dockers marched to the port, demanding
     * back pay" */
    for (uint32_t j = v; j-- > s->tok_begin;) {
        const tok *t = &d->toks.items[j];
        if (t->kind == TK_QUOTE || is_punct(t, ";"))
            break;
        if (relative && (tok_is(t, "who") || tok_is(t, "whom"))) {
            uint32_t end = j > s->tok_begin && is_punct(&d->toks.items[j - 1], ",") ? j - 1 : j;
            const mention *owner = end > s->tok_begin ? actors_at(d, end - 1) : NULL;
            if (owner && owner->tok_end == end) {
                cl->subject.m[0] = owner;
                cl->subject.n = 1;
            }
            return;
        }
        uint8_t fj = verb_at(c, j);
        if (!(fj & (VF_PAST | VF_THIRD | VF_PARTICIPLE)))
            continue;
        clause near;
        parse_left(c, j, fj, &near);
        if (near.subject.n && !near.passive) {
            cl->subject.m[0] = near.subject.m[0];
            cl->subject.n = 1;
            return;
        }
    }
    if ((m = first_actor(d, s->tok_begin, v, false))) {
        cl->subject.m[0] = m;
        cl->subject.n = 1;
    }
}

/* Is the verb at v in the conditional part of the sentence, or governed by
 * one ("would not remain indifferent if ...")? */
static bool conditional_at(const doc *d, const sent *s, uint32_t v, const clause *cl,
                           bool sentence_has_if)
{
    const tok *toks = d->toks.items;
    if (!sentence_has_if)
        return false;
    for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
        const tok *t = &toks[k];
        if (!(tok_is(t, "if") || tok_is(t, "unless")))
            continue;
        if (k < v) {
            bool comma = false;
            for (uint32_t j = k; j < v; j++)
                comma |= is_punct(&toks[j], ",");
            if (!comma)
                return true; /* inside the condition */
            if (cl->hypothetical || cl->future)
                return true; /* the consequence of it */
        } else if (cl->hypothetical || cl->future) {
            return true;
        }
    }
    return false;
}

/* Noun uses of verb forms: "its recent attacks", "the supply of". */
static bool looks_like_noun(const doc *d, const sent *s, uint32_t v, uint8_t form)
{
    const tok *toks = d->toks.items;
    const tok *t = &toks[v];
    if ((t->flags & TF_CAP) && !(t->flags & TF_SENT_START))
        return true;
    if (v == s->tok_begin)
        return false;
    const tok *p = &toks[v - 1];
    /* "a tweet that slams Clinton": "that" after words someone sent, before
     * an -s form, is no determiner (it would take "slam") but a relative */
    if (tok_is(p, "that") && (form & VF_THIRD) && v >= s->tok_begin + 2 &&
        tok_in(&toks[v - 2], sent_words))
        return false;
    if (has(p, WC_DETERMINER) || (p->flags & TF_POSSESSIVE))
        return !(form & (VF_PARTICIPLE | VF_PAST));
    if (p->kind == TK_NUMBER)
        return true;
    /* "Obama's original call for", "the first visit": one describing word
     * after an article or owner; "the people call for" keeps its verb */
    static const char *const collective[] = {"people", "police", "public", "media", "staff",
                                             "military", "clergy", "youth", "press", NULL};
    if (form == VF_BASE && v >= s->tok_begin + 2 && p->kind == TK_WORD &&
        !(p->flags & TF_CAP) && p->key_len > 2 && p->key[p->key_len - 1] != 's' &&
        !has(p, WC_FUNCTION | WC_ADVERB | WC_AUXILIARY | WC_NEGATION) &&
        !tok_in(p, collective) && !actors_at(d, v - 1) &&
        (has(&toks[v - 2], WC_DETERMINER) || (toks[v - 2].flags & TF_POSSESSIVE)))
        return true;
    /* "Chinese imports", "Iranian strikes": a demonym used as an adjective; and
     * "US export controls": a singular actor would take "exports" as its verb */
    const mention *pm = actors_at(d, v - 1);
    if (pm && pm->tok_end == v && !pm->plural && !pm->person && form == VF_BASE)
        return true;
    /* a headline's "Trump tweet that slams Clinton": a named person takes
     * "tweets"; the bare form with a relative clause on it is the noun -- when
     * the person opens the phrase, not in "Merkel and Hollande warn that" or
     * "demanded that Trump explain which" */
    if (pm && pm->tok_end == v && pm->person && pm->how != MH_PRONOUN && form == VF_BASE &&
        v + 1 < s->tok_end && (tok_is(&toks[v + 1], "that") || tok_is(&toks[v + 1], "which")) &&
        (pm->tok_begin == s->tok_begin || has(&toks[pm->tok_begin - 1], WC_DETERMINER)))
        return true;
    /* "the Obama meeting,", "a White House meeting this week.": after an article
     * and a name, an -ing form that ends its clause is the event's noun ("the
     * FBI conducting an inquiry", "the police firing on protesters" keep their
     * verb) */
    if (pm && pm->tok_end == v && form == VF_GERUND && pm->tok_begin > s->tok_begin &&
        has(&toks[pm->tok_begin - 1], WC_DETERMINER)) {
        uint32_t o = objects_start(d, v + 1, s->tok_end);
        if (o >= s->tok_end || toks[o].kind == TK_PUNCT || toks[o].kind == TK_QUOTE)
            return true;
    }
    if (pm && pm->type == AT_DEMONYM && pm->tok_end == v && p->key_len > 1 &&
        p->key[p->key_len - 1] != 's' && !(form & (VF_PAST | VF_PARTICIPLE)))
        return true;
    /* "of supply", "for use": prepositions take nouns, and gerunds */
    if ((form & (VF_BASE | VF_THIRD)) && !(form & (VF_PAST | VF_PARTICIPLE | VF_GERUND))) {
        if (has(p, WC_PREPOSITION))
            return true;
    }
    return false;
}

/* ------------------------------------------------------------ emitting */

/* The first token starting at or after byte off (d->toks.len: none). */
static uint32_t token_from(const doc *d, uint32_t off)
{
    uint32_t lo = 0, hi = d->toks.len;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (d->toks.items[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does the cue at token lo deny what it reports: a verb of denial, or one of
 * saying told in the negative ("never once said she would", "did not say
 * that")? What one is told not to have said is denied as well. */
static bool denying_cue_at(const doc *d, uint32_t lo)
{
    uint32_t b = 0;
    if (!lex_match(&d->lex->tables[LT_CUE], d->toks.items, lo, lo + 3 < d->toks.len ? lo + 3 : d->toks.len, &b))
        return false;
    uint8_t kind = d->lex->cues.items[d->lex->bindings.items[b - 1].entry].kind;
    if (kind != CUE_DENIAL && kind != CUE_SPEECH)
        return false;
    /* "did not deny that": no denial */
    bool negative = false;
    const tok *toks = d->toks.items;
    for (uint32_t k = lo, n = 0; k > 0 && n < 3 && !negative; k--, n++) {
        const tok *t = &toks[k - 1];
        if (t->kind != TK_WORD || t->sent != toks[lo].sent)
            break;
        negative = is_neg_token(t);
        if (!negative && !is_adverb(t) && !has(t, WC_AUXILIARY))
            break;
    }
    return kind == CUE_DENIAL ? !negative : negative;
}

static bool quote_is_denial(const doc *d, const quote *q)
{
    if (!q->has_cue)
        return false;
    uint32_t lo = token_from(d, q->cue_start);
    return lo < d->toks.len && denying_cue_at(d, lo);
}

/* Is what token v tells denied by its report q or by a report q sits in?
 * "rejected allegations that ...", "maintained that she never said she
 * planned to ...": each denial around v turns it over (two turn it back). */
static bool denied_in_reports(const doc *d, const quote *q, uint32_t v)
{
    bool denied = q->kind != PETREL_QUOTE_DIRECT && quote_is_denial(d, q);
    /* "said he never said he wanted to": a denying cue inside the report,
     * in v's clause (no comma or semicolon between), that made no report of
     * its own; not one before "to" ("never pledged to kill"), whose
     * negation is the clause's own */
    for (uint32_t k = v; k > q->tok_begin && q->kind != PETREL_QUOTE_DIRECT;) {
        const tok *t = &d->toks.items[--k];
        if (is_punct(t, ",") || is_punct(t, ";"))
            break;
        if ((t->starts & SB_CUE) && !tok_is(&d->toks.items[k + 1], "to") &&
            denying_cue_at(d, k)) {
            denied = !denied;
            break;
        }
    }
    /* the reports around q: each holds the cue of the one inside it */
    const quote *in = q;
    for (int depth = 0; depth < 8 && in->has_cue; depth++) {
        const quote *o = quote_of(d, token_from(d, in->cue_start));
        if (!o || o == in || o == q)
            break;
        if (o->kind != PETREL_QUOTE_DIRECT && quote_is_denial(d, o))
            denied = !denied;
        in = o;
    }
    return denied;
}

/* "She said she would meet Putin": in speech reported after a verb of
 * saying in the past, "would" is the past of "will", a plan told, not a
 * condition. Not "asked whether she would", "said he hoped she would", "a
 * question on how she would": asked or wished for. clause_begin: the
 * first word of the verb's clause (its subject). */
static bool reported_will(const doc *d, const events_compiled *ec, uint32_t clause_begin,
                          uint32_t v)
{
    const quote *q = quote_of(d, v);
    if (!q || q->kind == PETREL_QUOTE_DIRECT || q->type != AT_SPEECH || !q->has_cue)
        return false;
    uint32_t k = token_from(d, q->cue_start);
    const cue_entry *ce = k < v ? cue_at(d, k) : NULL;
    if (!ce || ce->kind != CUE_SPEECH || ce->asks ||
        !(verb_forms_of(ec, &d->toks.items[k]) & VF_PAST))
        return false;
    for (uint32_t j = k + 1; j < v; j++) {
        uint8_t kind = d->toks.items[j].starts & SB_CUE ? cue_kind_at(d, j) : 0;
        if (kind && kind != CUE_SPEECH)
            return false;
    }
    static const char *const asking[] = {"how", "what", "why", "when", "where", "whether",
                                         "if", "who", "which", NULL};
    return !(clause_begin > k + 1 && tok_in(&d->toks.items[clause_begin - 1], asking));
}

static void set_actor(const doc *d, event_actor *a, const mention *m)
{
    a->start = m->start;
    a->end = m->end;
    a->code = mention_code(d, m);
    a->name = mention_name(d, m);
    a->m = m;
}

/* The intent code of a material cooperation (06x) or aid (07x) code: 060
 * -> 031, 061..064 -> 0311..0314; 070 -> 033, 071..074 -> 0331..0334.
 * Asylum (075) has no intent code of its own and keeps its code. */
static const char *intent_code(const char *code)
{
    static const char *const coop[] = {"031", "0311", "0312", "0313", "0314"};
    static const char *const aid[] = {"033", "0331", "0332", "0333", "0334"};
    if (code[2] > '4' || code[3])
        return code;
    int sub = code[2] - '0';
    return code[1] == '6' ? coop[sub] : aid[sub];
}

/* Acts done in words: statements, appeals, demands, disapproval, rejection,
 * threats (roots 01, 02, 10-13). */
static bool verbal_act(const char *code)
{
    return (code[0] == '0' && (code[1] == '1' || code[1] == '2')) ||
           (code[0] == '1' && code[1] >= '0' && code[1] <= '3');
}

/* "Moscow accused Kyiv of shelling the plant, a charge Ukraine rejected":
 * what Ukraine rejects is the charge, not that Moscow made it. The report's
 * source opens with such a noun. */
static bool charge_apposition(const doc *d, const quote *q)
{
    static const char *const charges[] = {
        "charge",    "charges",    "claim",       "claims",      "accusation", "accusations",
        "allegation", "allegations", "assertion", "assertions", "account",    "version", NULL};
    if (!q->has_source || q->src_start < q->end)
        return false;
    uint32_t k = token_from(d, q->src_start);
    const tok *toks = d->toks.items;
    while (k < d->toks.len && toks[k].start < q->src_end && has(&toks[k], WC_DETERMINER))
        k++;
    return k < d->toks.len && toks[k].start < q->src_end && tok_in(&toks[k], charges);
}

static event *emit(doc *d, const pattern *P, const char *code, uint32_t si, uint32_t v,
                   const mention *src, const mention *tgt, const clause *cl)
{
    /* an event needs a source we can code: who did it */
    if (!mention_code(d, src))
        return NULL;
    /* words someone sent ("Trump's ad hit Mexico hard") use no force */
    bool by_force = (code[0] == '1' && (code[1] == '5' || code[1] >= '7')) || code[0] == '2';
    if (by_force && sent_words_after(d, src))
        return NULL;
    event *e = VEC_PUSH(d->a, &d->events);
    if (!e)
        return NULL;
    memset(e, 0, sizeof *e);
    /* "Obama will meet Putin": a meeting, visit or talks still to come are
     * the intent to meet or negotiate (036), as CAMEO's own "WILL MEET" and
     * "WILL VISIT" have it; mediation still to come is the intent to
     * mediate (039) */
    if (cl->future && !cl->conditional && code[0] == '0' && code[1] == '4')
        code = code[2] == '5' ? "039" : "036";
    /* "said it would cooperate with the inquiry", "will send tanks": material
     * cooperation and aid still to come are the intent to give them (031x,
     * 033x), as CAMEO codes promises */
    if (cl->future && !cl->conditional && code[0] == '0' && (code[1] == '6' || code[1] == '7'))
        code = intent_code(code);
    snprintf(e->code, sizeof e->code, "%s", code);
    e->sent = si;
    e->verb_start = d->toks.items[v].start;
    e->verb_end = d->toks.items[v].end;
    set_actor(d, &e->source, src);
    if (cl->pronoun_we && src == cl->pronoun_we) {
        /* "we" said by a minister is the minister's government */
        const tok *w = NULL;
        for (uint32_t k = d->sents.items[si].tok_begin; k < v; k++)
            if (tok_is(&d->toks.items[k], "we") || tok_is(&d->toks.items[k], "i"))
                w = &d->toks.items[k];
        if (w) {
            e->source.start = w->start;
            e->source.end = w->end;
            if (tok_is(w, "we"))
                e->source.name = NULL;
        }
    }
    if (tgt) {
        e->has_target = true;
        set_actor(d, &e->target, tgt);
    }
    e->negated = cl->negated;
    e->mode = cl->conditional     ? PETREL_MODE_CONDITIONAL
              : cl->future        ? PETREL_MODE_FUTURE
              : cl->hypothetical  ? PETREL_MODE_HYPOTHETICAL
                                  : PETREL_MODE_ASSERTED;
    e->pattern = P ? P->text : NULL;
    /* an event inside someone's statement is their claim; inside what they
     * deny ("rejected allegations that ..."), it is their claim that it did
     * not happen */
    const quote *q = claim_of(d, v);
    if (q && verbal_act(code) && charge_apposition(d, q))
        q = NULL;
    if (q && (q->speaker_name || q->speaker_code || q->mention)) {
        e->claimed = true;
        if (denied_in_reports(d, q, v))
            e->negated = !e->negated;
        quote_speaker(d, q, &e->claim_name, &e->claim_code);
    }
    return e;
}

static bool same_actor(const char *a, const char *b) { return a && b && !strcmp(a, b); }

/* "Tavakoli rejected US allegations that Iranian personnel are in the region": an
 * accusation by the owner of the allegations against the clause's subject. */

static void allegations(doc *d, uint32_t si)
{
    const sent *s = &d->sents.items[si];
    const tok *toks = d->toks.items;
    for (uint32_t k = s->tok_begin + 1; k + 2 < s->tok_end; k++) {
        if (!has(&toks[k], WC_ALLEGATION) || !tok_is(&toks[k + 1], "that"))
            continue;
        const mention *owner = actors_at(d, k - 1);
        if (!owner && k >= 2 && (toks[k - 1].flags & TF_POSSESSIVE))
            owner = actors_at(d, k - 2);
        if (!owner || !mention_usable(d, owner))
            continue;
        const mention *target = NULL;
        for (uint32_t j = k + 2; j < s->tok_end && j < k + 10 && !target; j++) {
            const mention *m = actors_at(d, j);
            if (m && mention_usable(d, m) && !m->possessive)
                target = m;
        }
        if (!target || same_actor(mention_code(d, owner), mention_code(d, target)))
            continue;
        clause cl = {0};
        event *e = emit(d, NULL, "112", si, k, owner, target, &cl);
        if (e)
            e->pattern = "$ + allegations that +";
    }
}

/* The appeal (02x) that asks for an act of this code: "should meet" is a call
 * for talks (026), "should resign" for a change of leader (0241). */
static const char *appeal_for(const char *code)
{
    if (!strcmp(code, "0831"))
        return "0241";
    switch (code[0] == '0' ? code[1] : '-') {
    case '4': return "026";
    case '5': return "022";
    case '6': return "021";
    case '7': return "023";
    case '8': return "025";
    default: return "020";
    }
}

/* "Sanders said the governor should resign", "Coulter tweeted that Trump
 * should deport her": saying that another actor should or must act is an
 * appeal to them, made by the speaker (asserted), besides the act itself,
 * which stays their hypothetical claim. Not when the speaker is the one who
 * should act ("we must meet"), nor for what should not be done. */
static void appeals_of_claims(doc *d, uint32_t si, size_t first)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (size_t i = first, n = d->events.len; i < n; i++) {
        const event *e = &d->events.items[i];
        if (!e->claimed || e->negated || e->mode != PETREL_MODE_HYPOTHETICAL || !e->source.m)
            continue;
        uint32_t v = token_from(d, e->verb_start);
        const quote *q = quote_of(d, v);
        if (!q || !q->mention || !q->has_cue)
            continue;
        bool obliged = false;
        for (uint32_t k = v; k-- > s->tok_begin && k + 4 > v && !obliged;)
            obliged = tok_is(&toks[k], "should") || tok_is(&toks[k], "must");
        const mention *speaker = &d->mentions.items[q->mention - 1];
        const mention *addressee = e->source.m;
        uint32_t cue = token_from(d, q->cue_start);
        if (!obliged || cue >= d->toks.len || same_entity(speaker, addressee) ||
            !mention_code(d, addressee) || one_actor(d, speaker, addressee))
            continue;
        clause asserted = {0};
        event *a = emit(d, NULL, appeal_for(e->code), si, cue, speaker, addressee, &asserted);
        if (a) {
            a->claimed = false;
            a->claim_name = a->claim_code = NULL;
            a->pattern = "$ says + should|must ..";
        }
    }
}

/* One actor: one entity, or the same named actor ("Chile announced that it
 * would") */
static bool same_source(const event_actor *a, const event_actor *b)
{
    if (a->m && b->m && same_entity(a->m, b->m))
        return true;
    return a->code && b->code && a->name && b->name && !strcmp(a->code, b->code) &&
           !strcmp(a->name, b->name);
}

/* "issued a statement condemning the attack", "announced she will resign",
 * "wrote a letter asking him to": the statement (010) is only the vehicle of
 * the more specific act its source does later in the clause (not across
 * "and", "but" or ";", where the source goes on to a second act), or in the
 * quotation it reports. */
static bool vehicle_statement(const doc *d, size_t first, const event *e)
{
    static const char *const breaks[] = {"and", "but", "while", "whereas", ";", NULL};
    if (strcmp(e->code, "010"))
        return false;
    uint32_t after = token_from(d, e->verb_end);
    for (size_t j = first; j < d->events.len; j++) {
        const event *f = &d->events.items[j];
        if (!strcmp(f->code, "010") || !same_source(&e->source, &f->source))
            continue;
        /* '"I have invited him ...," Ryan tweeted': the act is in the words
         * the statement's own verb reports (a statement to someone stays) */
        if (f->verb_start < e->verb_start && f->claimed && !e->target.code && !e->target.name) {
            const quote *q = claim_of(d, token_from(d, f->verb_start));
            if (q && q->has_cue && q->cue_start == e->verb_start)
                return true;
        }
        if (f->verb_start <= e->verb_end)
            continue;
        bool crossed = false;
        for (uint32_t k = after, end = token_from(d, f->verb_start); k < end; k++)
            crossed |= tok_in(&d->toks.items[k], breaks);
        if (!crossed)
            return true;
    }
    return false;
}

/* "two-thirds say the state should ban ...", "41 percent of
 * voters said ...": what a poll's share of respondents says is a finding,
 * no one's claim of an act */
static bool poll_claim(const doc *d, const event *e)
{
    /* a share, not the poll: "according to exit polls" also vouches for
     * facts ("she won 77 percent") and the acts told with them */
    static const char *const shares[] = {"percent", "%", "half", "third", "thirds", "fourth",
                                         "fourths", "quarter", "quarters", "majority",
                                         "respondents", NULL};
    const quote *q = e->claimed ? claim_of(d, token_from(d, e->verb_start)) : NULL;
    if (!q || !q->has_source)
        return false;
    for (uint32_t k = token_from(d, q->src_start); k < d->toks.len &&
                                                   d->toks.items[k].start < q->src_end; k++) {
        const tok *t = &d->toks.items[k];
        if (tok_in(t, shares) || (t->key_len > 6 && (tok_ends_with(t, "-thirds") ||
                                                     tok_ends_with(t, "-fourths"))))
            return true;
    }
    return false;
}

/* Events of the sentence (from first on) that say nothing of their own. */
static void drop_events(doc *d, size_t first)
{
    size_t n = d->events.len - first;
    bool *drop = n ? arena_zalloc(d->a, n) : NULL;
    if (!drop)
        return; /* none, or out of memory: keep them all */
    /* decide on the whole sentence before moving any */
    for (size_t i = 0; i < n; i++) {
        const event *e = &d->events.items[first + i];
        drop[i] = vehicle_statement(d, first, e) || poll_claim(d, e);
    }
    size_t kept = first;
    for (size_t i = 0; i < n; i++)
        if (!drop[i])
            d->events.items[kept++] = d->events.items[first + i];
    d->events.len = kept;
}

/* Words written before the verb must stand right before it. */
static bool left_words_match(const mctx *c, const pattern *P, uint32_t v)
{
    const events_compiled *ec = c->ec;
    uint32_t lp = v;
    for (uint32_t e = P->verb_at; e-- > 0;) {
        const pelem *el = &ec->elems.items[P->elem_first + e];
        if (el->kind != PE_WORDS)
            continue;
        bool hit = false;
        for (uint32_t a = 0; a < el->alt_count && !hit; a++) {
            const alt *al = &ec->alts.items[el->alt_first + a];
            if (lp >= c->s->tok_begin + al->len) {
                mctx c2 = *c;
                c2.limit = lp;
                if (alt_at(&c2, al, lp - al->len)) {
                    lp -= al->len;
                    hit = true;
                }
            }
        }
        if (!hit && !el->optional)
            return false;
    }
    return true;
}

/* "Sanctions were imposed on Belarus by the EU": the passive subject is the
 * pattern's first word after the verb. Returns the element after it, or 0. */
static uint32_t noun_subject_elem(const mctx *c, const pattern *P, uint32_t head)
{
    const events_compiled *ec = c->ec;
    uint32_t e = P->verb_at + 1;
    while (e < P->n_elems && ec->elems.items[P->elem_first + e].kind == PE_GAP)
        e++;
    if (e >= P->n_elems)
        return 0;
    const pelem *el = &ec->elems.items[P->elem_first + e];
    if (el->kind != PE_WORDS)
        return 0;
    for (uint32_t a = 0; a < el->alt_count; a++) {
        const alt *al = &ec->alts.items[el->alt_first + a];
        if (al->len == 1 && ec->hashes.items[al->hash_first] == c->d->toks.items[head].hash)
            return e + 1;
    }
    return 0;
}

typedef struct candidate {
    const pattern *p;
    match m;
    int score;
    bool target;
} candidate;

/* ", targeting three officials", ", fearing defeat,": a participle after a
 * comma */
static bool comma_participle(const doc *d, const sent *s, uint32_t v, uint8_t form)
{
    return (form & VF_GERUND) && v > s->tok_begin && is_punct(&d->toks.items[v - 1], ",");
}

/* "issued a statement condemning the attack", "a letter urging Iran to",
 * "a letter to the governor asking him to": a participle after a noun that
 * carries words (and whom they went to) says what they said */
static bool statement_participle(const doc *d, const sent *s, uint32_t v, uint8_t form)
{
    /* "released a statement that accused the party": so does a relative
     * clause on words someone sent (not on "the ruling that legalized") */
    const tok *toks = d->toks.items;
    if (!(form & VF_GERUND) && v >= s->tok_begin + 2 &&
        (tok_is(&toks[v - 1], "that") || tok_is(&toks[v - 1], "which")))
        return tok_in(&toks[v - 2], sent_words);
    if (!(form & VF_GERUND) || v <= s->tok_begin)
        return false;
    uint32_t noun_end = v;
    const mention *to = actors_at(d, v - 1);
    if (to && to->tok_end == v && to->tok_begin > s->tok_begin + 1 &&
        tok_is(&d->toks.items[to->tok_begin - 1], "to"))
        noun_end = to->tok_begin - 1;
    return cue_kind_at(d, noun_end - 1) == CUE_NOUN;
}

/* "farmers and traders who backed the mayor", "angry voters now backing
 * him": a state verb in a relative clause or participle on a plain plural
 * noun describes who they are */
static bool generic_relative(const mctx *c, uint32_t v, uint8_t form)
{
    const tok *toks = c->d->toks.items;
    uint32_t k = v;
    while (k > c->s->tok_begin && is_adverb(&toks[k - 1]))
        k--;
    uint32_t h; /* the head noun */
    if (k >= c->s->tok_begin + 2 && (tok_is(&toks[k - 1], "who") || tok_is(&toks[k - 1], "that")))
        h = k - 2;
    else if (form == VF_GERUND && k > c->s->tok_begin)
        h = k - 1;
    else
        return false;
    const tok *head = &toks[h];
    const mention *m = actors_at(c->d, h);
    const char *e = head->key + head->key_len;
    bool plural = tok_is(head, "people") || (head->key_len > 3 && e[-1] == 's' && e[-2] != 's' &&
                                             e[-2] != 'u' && e[-2] != 'i');
    /* "Democrats supporting Mrs. Clinton have pointed to": a party or
     * country's people, as well as a role noun */
    bool people_of = m && m->plural && !m->person && m->tok_end == h + 1;
    return head->kind == TK_WORD &&
           (!(head->flags & TF_CAP) || (head->flags & TF_SENT_START) || people_of) && plural &&
           (!m || m->how == MH_AGENT || people_of);
}

/* "he regularly criticizes the press", "she often met donors there", "he
 * barely visited the state": what someone does as a habit, or hardly ever,
 * is no one event */
static bool habitual(const doc *d, const sent *s, uint32_t v)
{
    static const char *const words[] = {"regularly", "routinely", "often", "usually",
                                        "frequently", "typically", "habitually", "customarily",
                                        "rarely", "seldom", "barely", "hardly", "scarcely",
                                        "occasionally", "sometimes", "periodically", NULL};
    const tok *toks = d->toks.items;
    for (uint32_t k = v; k-- > s->tok_begin && k + 3 > v;) {
        if (tok_in(&toks[k], words))
            return true;
        if (!is_adverb(&toks[k]) && !has(&toks[k], WC_AUXILIARY))
            break;
    }
    /* "have grown louder in recent years while they lobbied ...", "for decades
     * the party has courted ...": acts told over years are a course, no event */
    static const char *const spans[] = {"years", "decades", "generations", NULL};
    uint32_t from = v > s->tok_begin + 12 ? v - 12 : s->tok_begin;
    uint32_t to = v + 12 < s->tok_end ? v + 12 : s->tok_end;
    for (uint32_t k = from; k + 1 < to; k++) {
        const tok *t = &toks[k];
        if (!tok_in(&toks[k + 1], spans) || (k + 2 < s->tok_end && (tok_is(&toks[k + 2], "to") ||
                                                                   tok_is(&toks[k + 2], "ago"))))
            continue;
        bool over_years = tok_is(t, "for") ||
                          (k > s->tok_begin && tok_is(t, "recent") && tok_is(&toks[k - 1], "in")) ||
                          (k > s->tok_begin && tok_is(t, "the") && tok_is(&toks[k - 1], "over"));
        /* in the verb's own clause: no comma or semicolon between */
        bool same_clause = over_years;
        for (uint32_t j = k < v ? k : v; same_clause && j < (k < v ? v : k); j++)
            same_clause = !is_punct(&toks[j], ",") && !is_punct(&toks[j], ";");
        if (same_clause)
            return true;
    }
    return false;
}

/* Is P an idiom (---) whose last element is a word it needs? */
static bool spells_object(const events_compiled *ec, const pattern *P)
{
    const pelem *last = &ec->elems.items[P->elem_first + P->n_elems - 1];
    return P->code[0] == '-' && last->kind == PE_WORDS && !last->optional;
}

/* "ministers have long feared", "she has always supported", "has long
 * fought the establishment": an attitude or a course held over time, no act */
static bool long_held(const doc *d, const sent *s, uint32_t v)
{
    const tok *toks = d->toks.items;
    return v >= s->tok_begin + 2 &&
           (tok_is(&toks[v - 1], "long") || tok_is(&toks[v - 1], "always")) &&
           (tok_is(&toks[v - 2], "has") || tok_is(&toks[v - 2], "have") ||
            tok_is(&toks[v - 2], "had"));
}

/* A share of a poll: "73 percent of the voters backed him",
 * "rural voters backed the mayor, 61 percent to 35 percent", "backed her by 20
 * points". Whoever supports or opposes by a percentage is counted, not
 * acting: the figure stands after the verb's words, or as "N percent of"
 * anywhere before the verb. */
/* "20 percent", "9 points", "45 per cent": a share at k, after its number */
static bool share_at(const doc *d, const sent *s, uint32_t k)
{
    const tok *toks = d->toks.items;
    const tok *t = &toks[k];
    return k > s->tok_begin && toks[k - 1].kind == TK_NUMBER &&
           (tok_is(t, "%") || tok_is(t, "percent") || tok_is(t, "percentage") ||
            tok_is(t, "points") ||
            (tok_is(t, "per") && k + 1 < s->tok_end && tok_is(&toks[k + 1], "cent")));
}

static bool poll_share(const doc *d, const sent *s, uint32_t v, uint32_t end)
{
    const tok *toks = d->toks.items;
    for (uint32_t k = s->tok_begin + 1; k < s->tok_end && k < end + 5; k++) {
        if (k >= v && k < end)
            continue;
        const tok *t = &toks[k];
        if (t->kind == TK_PUNCT && (tok_is(t, ";") || (k > end && tok_is(t, "."))))
            break;
        if (!share_at(d, s, k))
            continue;
        if (k >= end)
            return true;
        /* before the verb, only a share of people: "73 percent of Democrats" */
        for (uint32_t j = k + 1; j < v && j < k + 3; j++)
            if (tok_is(&toks[j], "of"))
                return true;
    }
    return false;
}

/* The verb at v in the simple present outside a headline: "who supports
 * Trump", "they still oppose it"; not "to oppose", "will oppose", "did not
 * oppose", "Senator Backs Bill", "Merkel backs Macron on reform". */
static bool simple_present(const mctx *c, uint32_t v, uint8_t form, const clause *cl)
{
    /* a headline, in title case or not: the document's first sentence when
     * it is a paragraph of its own */
    const sent *s = c->s;
    const tok *toks = c->d->toks.items;
    bool headline = s->title_case || (s == c->d->sents.items && sent_is_paragraph(c->d, s));
    if (headline || cl->passive || cl->future || cl->hypothetical || cl->conditional)
        return false;
    /* "she is hoping for a quick vote", "the union is backing her": the
     * present progressive of a state is the state too */
    if (form == VF_GERUND) {
        uint32_t k = v;
        while (k > s->tok_begin && (has(&toks[k - 1], WC_ADVERB) || tok_is(&toks[k - 1], "not")))
            k--;
        const tok *t = k > s->tok_begin ? &toks[k - 1] : NULL;
        return t && (tok_is(t, "is") || tok_is(t, "are") || tok_is(t, "am") ||
                     tok_is(t, "'s") || tok_is(t, "'re") || tok_is(t, "'m"));
    }
    if (!(form & (VF_BASE | VF_THIRD)) || (form & (VF_PAST | VF_PARTICIPLE | VF_GERUND)))
        return false;
    for (uint32_t k = v; k-- > s->tok_begin;) {
        const tok *t = &toks[k];
        if (has(t, WC_ADVERB) || tok_is(t, "not"))
            continue;
        return !tok_is(t, "to") && !has(t, WC_AUXILIARY);
    }
    return true;
}

/* The code of what src does to other: the words' code between two people
 * ("Trump attacked Romney": people=), none when people=--- unless src is in
 * government (a head of government forcing another coerces); the
 * unarmed code when neither side is a state or a force ("unions fought the
 * government", not "villagers fought soldiers"). */
static const char *code_between(const doc *d, const pattern *P, const char *own,
                                const char *people, bool unarmed_src, const mention *src,
                                const mention *other)
{
    if (people[0] && civilians(d, src, other) &&
        !(no_event(people) && in_government(mention_code(d, src))))
        return people;
    if (unarmed_src && !armed_code(mention_code(d, other)))
        return P->unarmed;
    return own;
}

/* "would not comment", "did not elaborate", "declined to weigh in",
 * "wouldn't discuss whether": declining to comment is the act (011), and it
 * happened */
static bool declines_comment(const doc *d, uint32_t v, const clause *cl, const char *code)
{
    const tok *vt = &d->toks.items[v];
    if (!cl->negated || strcmp(code, "010") || quote_of(d, v))
        return false;
    if (tok_starts(vt, "comment") || tok_starts(vt, "elaborat") || tok_starts(vt, "speculat"))
        return true;
    /* "declined to discuss", "would not discuss": a refusal; "did not
     * discuss the plan" in a speech only left it out */
    static const char *const refusing[] = {"declined", "declines", "decline", "refused",
                                           "refuses", "refuse", "would", "wouldn't", "will",
                                           "won't", NULL};
    if (!tok_starts(vt, "discuss") && !tok_starts(vt, "weigh"))
        return false;
    for (uint32_t k = v; k-- > 0 && k + 4 > v && d->toks.items[k].sent == vt->sent;)
        if (tok_in(&d->toks.items[k], refusing))
            return true;
    return false;
}

/* src declines to comment ("would not discuss it"): 011, as asserted */
static void emit_declined(doc *d, const pattern *P, uint32_t si, uint32_t v, const mention *src,
                          const clause *cl)
{
    clause done = *cl;
    done.negated = done.hypothetical = done.future = false;
    emit(d, P, "011", si, v, src, NULL, &done);
}

/* A state someone says of themselves is a statement ("he said he supports
 * her", "'I worry that'"); one a story or another speaker reports ("the
 * report noted that one senator supports Trump") stays a state. */
static bool said_by_subject(const doc *d, uint32_t v, const clause *cl)
{
    const quote *q = quote_of(d, v);
    if (!q)
        return false;
    if (!cl->subject.n)
        return true;
    const mention *subject = cl->subject.m[0];
    if (!q->mention) { /* a speaker with no actor: "I" and "we" are them */
        const tok *t = &d->toks.items[subject->tok_begin];
        return subject->how == MH_PRONOUN && (tok_is(t, "i") || has(t, WC_FIRST_PLURAL));
    }
    const mention *speaker = &d->mentions.items[q->mention - 1];
    if (same_entity(speaker, subject))
        return true;
    /* "activists said they fear", "the firm says it worries": a group and
     * its pronoun share no entity */
    const char *sc = mention_code(d, speaker), *tc = mention_code(d, subject);
    /* "the foreign minister said Greece supports Cyprus": the government
     * speaks for its country */
    if (sc && tc && strlen(tc) == 3 && !strncmp(sc, tc, 3) && !strcmp(sc + 3, "GOV"))
        return true;
    const char *sn = mention_name(d, speaker), *tn = mention_name(d, subject);
    return sc && tc && !strcmp(sc, tc) &&
           ((subject->how == MH_PRONOUN && !subject->person && !speaker->person) ||
            (!sn && !tn) || (sn && tn && !strcmp(sn, tn)));
}

/* Does a verb of this tense follow v after "and" or "but", ending a list
 * ("visited Ohio, met Kasich and criticized Clinton")? */
static bool list_goes_on(const mctx *c, uint32_t v, uint8_t tense)
{
    const tok *toks = c->d->toks.items;
    for (uint32_t k = v + 1; k + 1 < c->s->tok_end; k++) {
        if (is_punct(&toks[k], ";") || toks[k].kind == TK_QUOTE)
            return false;
        if (!tok_is(&toks[k], "and") && !tok_is(&toks[k], "but"))
            continue;
        uint32_t j = k + 1;
        while (j + 1 < c->s->tok_end && is_adverb(&toks[j]))
            j++;
        if (verb_forms_of(c->ec, &toks[j]) & tense)
            return true;
    }
    return false;
}

/* "Cruz praised Kasich and criticized Clinton", "will visit Ohio and meet
 * the governor": a verb after "and" or "but" (or a comma, in the past or
 * present tense: "visited Ohio, met Kasich") with no subject of its own
 * shares that of the verb it is joined to, the nearest before it of the
 * same tense (a list, "visited Ohio, met Kasich and criticized Clinton",
 * goes back over the verbs with no subject). A base form also shares what
 * its auxiliary says ("will", "did not"). Not across a quotation's edge or
 * a semicolon, and not when the verb it is joined to is passive ("was
 * arrested and charged" has no doer). */
static void shared_subject(const mctx *c, uint32_t v, uint8_t form, clause *cl)
{
    const doc *d = c->d;
    const tok *toks = d->toks.items;
    const sent *s = c->s;
    uint32_t k = cl->subject_end;
    if (cl->subject.n || cl->passive || k <= s->tok_begin + 1)
        return;
    uint8_t tense = form & (VF_PAST | VF_THIRD);
    bool comma = is_punct(&toks[k - 1], ",");
    if (!tense && !comma)
        tense = form & VF_BASE;
    if (!tense || !(comma || tok_is(&toks[k - 1], "and") || tok_is(&toks[k - 1], "but")))
        return;
    if (comma && !list_goes_on(c, v, tense))
        return; /* "Ruiz, whose brother was hurt in the blast, spoke" */
    const quote *q = quote_of(d, v);
    for (uint32_t j = k - 1; j-- > s->tok_begin;) {
        const tok *t = &toks[j];
        if (is_punct(t, ";") || is_punct(t, ":") || t->kind == TK_QUOTE || quote_of(d, j) != q)
            return;
        uint8_t fj = verb_at(c, j);
        if (!fj)
            continue;
        if (!(fj & tense))
            return; /* "visiting Ohio and criticized": not joined */
        clause first;
        parse_left(c, j, fj, &first);
        if (first.passive)
            return;
        if (!first.subject.n) {
            /* a verb of a relative clause is whose subject the relative
             * stands for ("a contest that will end the primaries and
             * encourage"); anything else with none is an earlier verb of a
             * list, or a noun after all ("a freight train") */
            uint32_t e = first.subject_end;
            if (e > s->tok_begin && has(&toks[e - 1], WC_RELATIVE))
                return;
            continue;
        }
        cl->subject = first.subject;
        if (tense == VF_BASE) {
            cl->future |= first.future;
            cl->would_only = first.would_only && !cl->hypothetical;
            cl->hypothetical |= first.hypothetical;
            cl->negated |= first.negated;
        }
        return;
    }
}

/* Is a speaker's "we did not ..." a denial? Not of talking or meeting ("I
 * didn't meet him", "we didn't discuss that": what happened, no charge
 * answered), nor under a proviso ("as long as we're not violating ..."). */
static bool deniable(const doc *d, const sent *s, uint32_t v, const char *code)
{
    if (!strncmp(code, "01", 2) || !strncmp(code, "04", 2))
        return false;
    const tok *toks = d->toks.items;
    for (uint32_t k = v; k-- > s->tok_begin + 2;) {
        if (is_punct(&toks[k], ","))
            break;
        if (tok_is(&toks[k], "as") && tok_is(&toks[k - 1], "long") && tok_is(&toks[k - 2], "as"))
            return false;
    }
    return true;
}

/* Codes the verb at v; returns the token after the words of the pattern that
 * won (even when no event came of it: a --- idiom, a source that is the
 * target), 0 when no pattern fits. */
static uint32_t code_verb(mctx *c, uint32_t si, uint32_t v, const verb_hit *vh)
{
    doc *d = c->d;
    const events_compiled *ec = c->ec;
    const sent *s = c->s;
    for (uint32_t f = 0; f < vh->count; f++) {
        const form_link *fl = &ec->forms.items[vh->first + f];
        /* one lemma, every form this word can be of it ("set": base, past, participle) */
        uint8_t form = fl->form;
        while (f + 1 < vh->count && ec->forms.items[vh->first + f + 1].lemma == fl->lemma)
            form |= ec->forms.items[vh->first + ++f].form;
        if (looks_like_noun(d, s, v, form) || reduced_relative(d, s, v, form))
            continue;
        const lemma *lm = &ec->lemmas.items[fl->lemma];
        clause cl;
        parse_left(c, v, form, &cl);
        if (comma_participle(d, s, v, form))
            main_clause_subject(c, v, &cl, false);
        else if (statement_participle(d, s, v, form))
            main_clause_subject(c, v, &cl, true);
        else
            shared_subject(c, v, form, &cl);
        cl.conditional = conditional_at(d, s, v, &cl, c->has_if);
        if (cl.would_only && !cl.conditional &&
            reported_will(d, ec, cl.subject.n ? cl.subject.begin : v, v)) {
            cl.hypothetical = false;
            cl.future = true;
        }
        /* the clause ends at the next sentence-level punctuation */
        c->limit = s->tok_end;
        for (uint32_t k = v + 1; k < s->tok_end; k++)
            if (is_punct(&d->toks.items[k], ";") || is_punct(&d->toks.items[k], ".")) {
                c->limit = k;
                break;
            }
        const mention *agent = NULL; /* "by X" in a passive */
        if (cl.passive) {
            for (uint32_t k = v + 1; k + 1 < c->limit && k < v + 12; k++)
                if (tok_is(&d->toks.items[k], "by")) {
                    const mention *m =
                        actors_at(d, k + 1 + (tok_is(&d->toks.items[k + 1], "the") ? 1 : 0));
                    if (m && mention_usable(d, m))
                        agent = m;
                    break;
                }
            if (!agent)
                continue; /* an agentless passive names no source: nothing to code */
        }
        /* every pattern of the lemma; the best is the most specific, and one
         * that finds a target beats an equally specific one that does not */
        candidate best = {0};
        best.score = -1;
        uint64_t window = 0;
        /* an actor after the verb, for + slots (or a place: place_target_at) */
        bool window_actor = false;
        for (uint32_t k = v + 1; k < c->limit && k < v + 48; k++) {
            window |= bloom_bit(d->toks.items[k].hash);
            window_actor |= d->tok_mention[k] != 0 || (d->actor_len && d->actor_len[k]);
        }
        /* a passive's target is its subject: + slots are filled before the verb */
        if (cl.passive)
            window_actor = true;
        uint32_t after_adjuncts = objects_start(d, v + 1, c->limit);
        /* "backed none of the bills", "met no one": done to nobody */
        if (after_adjuncts < c->limit) {
            const tok *o = &d->toks.items[after_adjuncts];
            if (tok_is(o, "none") || tok_is(o, "nothing") || tok_is(o, "nobody") ||
                (tok_is(o, "no") && after_adjuncts + 1 < c->limit &&
                 tok_is(&d->toks.items[after_adjuncts + 1], "one")))
                cl.negated = true;
        }
        c->subject = cl.passive ? NULL : &cl.subject;
        const pattern_quick *quick = ec->quick.items + lm->pat_first;
        for (uint32_t i = 0; i < lm->pat_count; i++) {
            const pattern_quick *pq = &quick[i];
            if (pq->literals + 1 < best.score)
                break; /* sorted by literals: nothing later can win */
            bool maybe = true;
            for (uint32_t q = 0; q < pq->n_need && maybe; q++)
                maybe = (pq->need[q] & window) != 0;
            if (!maybe || (pq->target && !window_actor))
                continue;
            const pattern *P = &ec->patterns.items[ec->pat_index.items[lm->pat_first + i]];
            if (pq->left_words && !left_words_match(c, P, v))
                continue;
            candidate cd = {P, {0}, 0, false};
            bool tslot = pq->target;
            bool ok = false;
            if (cl.passive) {
                if (P->reversed)
                    continue; /* "the endorsement of X was won by Y": rare, and unread */
                if (cl.subject.n) {
                    if (!tslot)
                        continue;
                    cd.m.target = cl.subject;
                    ok = match_right(c, P, P->verb_at + 1, v + 1, &cd.m, 0) ||
                         match_right(c, P, P->verb_at + 1, agent->tok_end, &cd.m, 0);
                } else if (cl.subject_end > s->tok_begin) {
                    uint32_t e = noun_subject_elem(c, P, cl.subject_end - 1);
                    ok = e && (match_right(c, P, e, v + 1, &cd.m, 0) ||
                               match_right(c, P, e, agent->tok_end, &cd.m, 0));
                    ok = ok && (!tslot || cd.m.target.n);
                }
            } else {
                ok = match_right(c, P, P->verb_at + 1, v + 1, &cd.m, 0) ||
                     (after_adjuncts != v + 1 &&
                      match_right(c, P, P->verb_at + 1, after_adjuncts, &cd.m, 0));
            }
            if (!ok)
                continue;
            cd.target = cd.m.target.n > 0;
            /* an idiom that ends in words spells out what a target slot would
             * take ("talked to the press"), so it is as specific as a pattern
             * that finds one; not one that opens a phrase ("when it comes
             * to ..") */
            bool spelled = spells_object(ec, P);
            cd.score = P->literals + (cd.target || spelled ? 1 : 0);
            if (cd.score > best.score || (cd.score == best.score && cd.target && !best.target &&
                                          !(best.p && spells_object(ec, best.p))))
                best = cd;
        }
        if (best.score < 0)
            continue;
        const pattern *P = best.p;
        if (no_event(P->code))
            return best.m.end; /* an idiom: its words make no event */
        /* "voters who support him", "Democrats, fearing defeat, ...": a state,
         * no event; said ("he said he supports her", "'I worry that'") it is
         * a statement */
        if (P->state && !said_by_subject(d, v, &cl) &&
            (simple_present(c, v, form, &cl) || comma_participle(d, s, v, form) ||
             poll_share(d, s, v, best.m.end) || noun_then_gerund(d, s, v, form, &cl)))
            return best.m.end;
        /* "a survey has the mayor getting 41 percent backing from farmers" */
        if (P->reversed)
            for (uint32_t k = v + 1; k < best.m.end; k++)
                if (share_at(d, s, k))
                    return best.m.end;
        /* "41 percent of those asked said the chairman should go": what a
         * poll's share of people say is an answer, no act of theirs */
        if (cl.subject.n && cl.subject.begin > s->tok_begin + 1 &&
            tok_is(&d->toks.items[cl.subject.begin - 1], "of") &&
            share_at(d, s, cl.subject.begin - 2))
            return best.m.end;
        if (habitual(d, s, v) || long_held(d, s, v) ||
            (P->state && generic_relative(c, v, form)))
            return best.m.end;
        /* "imposed sanctions on Iran, targeting three officials": the
         * participle says on whom the sentence's event falls, and is no
         * attack of its own */
        const char *code = P->code, *people = P->people;
        if (declines_comment(d, v, &cl, code)) {
            code = "011";
            cl.negated = cl.hypothetical = cl.future = false;
        }
        char went_on[sizeof ((event *)0)->code];
        if (P->continues && comma_participle(d, s, v, form)) {
            for (size_t i = d->events.len; i-- > 0 && d->events.items[i].sent == si;)
                if (d->events.items[i].verb_end <= d->toks.items[v].start) {
                    memcpy(went_on, d->events.items[i].code, sizeof went_on);
                    code = went_on;
                    people = "";
                    break;
                }
        }
        group sources = cl.subject;
        if (cl.passive) {
            sources.n = 1;
            sources.m[0] = agent;
        }
        if (!sources.n)
            return 0; /* the best pattern fits but nobody does it */
        /* "defended the governor": a pattern with no target slot still acts
         * on an actor named right after the verb; not one whose lone actor
         * talks of a topic ("discussed Syria"). Failing that, on the one met
         * or called in an adjunct ("in a brief phone call with Dunn"). */
        if (!best.target && !cl.passive && code[0] != '-') {
            const mention *o = strncmp(code, "01", 2) && !P->alone[0]
                                   ? object_after(d, v + 1, c->limit)
                                   : NULL;
            /* not a word describing a noun of the pattern's own ("launched a
             * military offensive", "calls for regime change"); one the pattern
             * ends on may be ("accept Syrian refugees"), and one followed by
             * a preposition ("joined them at the protest") */
            if (o && o->tok_end < best.m.end && d->toks.items[o->tok_end].kind == TK_WORD &&
                !has(&d->toks.items[o->tok_end],
                     WC_PREPOSITION | WC_DETERMINER | WC_CONJUNCTION | WC_FUNCTION))
                o = NULL;
            if (!o)
                o = call_partner(d, v + 1, c->limit);
            if (!o && !strncmp(code, "03", 2))
                o = intended_for(d, v + 1, c->limit);
            if (o) {
                best.m.target.n = 1;
                best.m.target.m[0] = o;
                best.target = true;
            }
        }
        /* "Obama and Putin met", "Kenya and Ethiopia signed a deal", "Kenya
         * and Uganda vowed to work together": with no other party named, the
         * ones of the subject act on each other */
        bool mutual = !best.target && sources.n >= 2 &&
                      (P->mutual || mutual_code(code) || together_after(d, v + 1, c->limit));
        for (uint32_t a = 0; a < sources.n; a++) {
            const mention *src = sources.m[a];
            /* "Sanders held a rally": what a politician does with these words
             * is no protest */
            const char *own = code;
            if (P->office[0] && politician(d, src)) {
                if (no_event(P->office))
                    continue;
                own = P->office;
            }
            bool unarmed_src = P->unarmed[0] && unarmed_actor(d, src);
            /* "the FBI and the Pentagon would not discuss it": each declines to
             * comment, they do not meet */
            if (mutual && P->alone[0] && declines_comment(d, v, &cl, P->alone)) {
                emit_declined(d, P, si, v, src, &cl);
                continue;
            }
            if (mutual) {
                for (uint32_t b = 0; b < sources.n; b++) {
                    const char *made = code_between(d, P, own, people, unarmed_src, src,
                                                    sources.m[b]);
                    if (b != a && !same_entity(src, sources.m[b]) && !no_event(made))
                        emit(d, P, made, si, v, src, sources.m[b], &cl);
                }
                continue;
            }
            if (!best.target) {
                /* "Trump discussed his wall": talked of it, with no one */
                if (P->alone[0] && sources.n == 1 && !src->plural)
                    own = P->alone;
                if (declines_comment(d, v, &cl, own)) {
                    emit_declined(d, P, si, v, src, &cl);
                    continue;
                }
                /* "unions fought on": with no one named, the unarmed code */
                if (unarmed_src)
                    own = P->unarmed;
                if (!no_event(own))
                    emit(d, P, own, si, v, src, NULL, &cl);
                continue;
            }
            uint32_t selves = 0;
            for (uint32_t t = 0; t < best.m.target.n; t++) {
                const mention *tg = best.m.target.m[t];
                if (one_actor(d, src, tg)) {
                    selves++;
                    continue;
                }
                if (P->abroad && !visit_ok(d, src, tg))
                    continue;
                /* "the senator toured the American side of the frontier": no one visits or
                 * hosts their own country */
                if (is_visit_code(own) && (tg->type == AT_COUNTRY || tg->type == AT_CAPITAL) &&
                    same_country(d, src, tg))
                    continue;
                /* "China will host a delegation": a visit still to come is the
                 * visitor's intent, told by the paired code; the host intends
                 * nothing */
                if (cl.future && !cl.conditional && P->code2[0] && !strncmp(own, "043", 3)) {
                    emit(d, P, P->code2, si, v, tg, src, &cl);
                    continue;
                }
                const char *made = code_between(d, P, own, people, unarmed_src, src, tg);
                if (no_event(made))
                    continue;
                if (P->reversed)
                    emit(d, P, made, si, v, tg, src, &cl);
                else
                    emit(d, P, made, si, v, src, tg, &cl);
                /* "Trump is expected to visit Congress": a visit still to come
                 * is his intent (036); Congress intends nothing */
                if (P->code2[0] && !(cl.future && !cl.conditional && P->code2[0] == '0' &&
                                     P->code2[1] == '4')) {
                    clause rev = cl;
                    emit(d, P, P->code2, si, v, tg, src, &rev);
                }
            }
            /* "the airline warned it might miss payments": a statement about
             * oneself is a statement to no one in particular */
            if (selves == best.m.target.n && own[0] == '0' && own[1] == '1')
                emit(d, P, own, si, v, src, NULL, &cl);
        }
        /* a speaker's own denial: "We never sold arms to Bolivia," he said; not
         * what they will not do or would not ("I will not back him",
         * "we won't send troops": a refusal), nor about themselves */
        const mention *denied = best.m.target.n ? best.m.target.m[0] : NULL;
        if (cl.negated && cl.pronoun_we && !cl.future && !cl.hypothetical && !cl.conditional &&
            !(denied && one_actor(d, cl.pronoun_we, denied)) && deniable(d, s, v, code)) {
            const mention *tg = denied;
            clause plain = {0};
            event *e = emit(d, NULL, "016", si, v, cl.pronoun_we, tg, &plain);
            if (e) {
                e->pattern = "negated statement by the speaker";
                e->claimed = false;
                e->claim_name = e->claim_code = NULL;
            }
        }
        return best.m.end;
    }
    return 0;
}

/* The innermost quote at each token (d->tok_quote), so an event asks whose
 * claim it is in O(1) whatever the number of quotes. */
static int index_quotes(doc *d)
{
    d->tok_quote = arena_zalloc(d->a, (d->toks.len + 1) * sizeof *d->tok_quote);
    if (!d->tok_quote)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->quotes.len; i++) {
        const quote *q = &d->quotes.items[i];
        uint32_t len = q->tok_end - q->tok_begin;
        for (uint32_t k = q->tok_begin; k < q->tok_end && k < d->toks.len; k++) {
            uint32_t cur = d->tok_quote[k];
            if (!cur || d->quotes.items[cur - 1].tok_end - d->quotes.items[cur - 1].tok_begin > len)
                d->tok_quote[k] = i + 1;
        }
    }
    return PETREL_OK;
}

/* The direct quotes with a cue, by their speaker's sentence (see mctx): a long
 * text has thousands of quotes, and a participle asks only for its sentence's. */
static int index_cued_quotes(doc *d, uint32_t **from, uint32_t **quotes)
{
    uint32_t *f = arena_zalloc(d->a, (d->sents.len + 2) * sizeof *f);
    uint32_t *q = arena_alloc(d->a, (d->quotes.len + 1) * sizeof *q);
    if (!f || !q)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->quotes.len; i++) {
        const quote *x = &d->quotes.items[i];
        if (x->mention && x->kind == PETREL_QUOTE_DIRECT && x->has_cue)
            f[d->mentions.items[x->mention - 1].sent + 2]++;
    }
    for (uint32_t si = 0; si < d->sents.len; si++)
        f[si + 2] += f[si + 1];
    for (uint32_t i = 0; i < d->quotes.len; i++) { /* f[s + 1] is where s's next goes */
        const quote *x = &d->quotes.items[i];
        if (x->mention && x->kind == PETREL_QUOTE_DIRECT && x->has_cue)
            q[f[d->mentions.items[x->mention - 1].sent + 1]++] = i;
    }
    *from = f;
    *quotes = q;
    return PETREL_OK;
}

static const quote *quote_of(const doc *d, uint32_t k)
{
    if (!d->tok_quote || k >= d->toks.len || !d->tok_quote[k])
        return NULL;
    return &d->quotes.items[d->tok_quote[k] - 1];
}

/* Whose claim the token at k is part of: the innermost quotation, else the
 * innermost statement a noun tells with its owner and a clause ("his claim
 * that Obama wants ...", "Russia's warning that ..."). */
static const quote *claim_of(const doc *d, uint32_t k)
{
    const quote *q = quote_of(d, k);
    if (q)
        return q;
    for (uint32_t i = 0; i < d->attributions.len; i++) {
        const quote *a = &d->attributions.items[i];
        if (a->type == AT_SPEECH_ACT && a->tok_begin < k && k < a->tok_end &&
            (a->speaker_name || a->speaker_code || a->mention) &&
            tok_is(&d->toks.items[a->tok_begin], "that") &&
            (!q || a->tok_end - a->tok_begin < q->tok_end - q->tok_begin))
            q = a;
    }
    return q;
}

/* Claims for events another coder made (TABARI/PETRARCH rules know nothing of
 * quotations): an event whose verb sits in someone's statement is theirs. */
static void claims_of_coded_events(doc *d)
{
    for (uint32_t i = 0; i < d->events.len; i++) {
        event *e = &d->events.items[i];
        if (e->claimed)
            continue;
        const quote *q = claim_of(d, token_from(d, e->verb_start));
        if (!q || !(q->speaker_name || q->speaker_code || q->mention))
            continue;
        e->claimed = true;
        quote_speaker(d, q, &e->claim_name, &e->claim_code);
        if (denied_in_reports(d, q, token_from(d, e->verb_start)))
            e->negated = !e->negated;
    }
}

int events_run(doc *d)
{
    /* With TABARI or PETRARCH verb dictionaries loaded, code the way those
     * programs do, so their users get the events they expect. */
    if (compat_has_verbs(d->lex)) {
        int rc = compat_events_run(d);
        if (!rc)
            rc = index_quotes(d);
        if (!rc)
            claims_of_coded_events(d);
        return rc;
    }
    const events_compiled *ec = d->lex->events;
    if (!ec || !ec->patterns.len)
        return PETREL_OK;
    uint32_t *cued_from, *cued_quotes;
    int rc = index_quotes(d);
    if (!rc)
        rc = index_cued_quotes(d, &cued_from, &cued_quotes);
    if (rc)
        return rc;
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        mctx c = {d, ec, s, s->tok_end, false, cued_from, cued_quotes};
        for (uint32_t k = s->tok_begin; k < s->tok_end && !c.has_if; k++)
            c.has_if = tok_is(&d->toks.items[k], "if") || tok_is(&d->toks.items[k], "unless");
        /* a word an event's pattern used starts no event of its own: "declined
         * to comment" is 011, not also a negated 010 "comment" */
        uint32_t used = 0;
        size_t first = d->events.len;
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            verb_hit vh;
            if (k < used || !verb_forms_at(ec, &d->toks.items[k], &vh))
                continue;
            uint32_t end = code_verb(&c, si, k, &vh);
            if (end > used)
                used = end;
        }
        allegations(d, si);
        drop_events(d, first);
        appeals_of_claims(d, si, first);
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ export */

static petrel_span span_of(const doc *d, const cp_map *m, uint32_t start, uint32_t end)
{
    petrel_span s;
    s.start = cp_map_get(m, start);
    s.end = cp_map_get(m, end);
    s.text = d->text + start;
    s.text_len = end - start;
    return s;
}

int events_export(const doc *d, const cp_map *m, const petrel_event **out, size_t *n)
{
    petrel_event *es = arena_zalloc(d->a, (d->events.len + 1) * sizeof *es);
    if (!es)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->events.len; i++) {
        const event *e = &d->events.items[i];
        petrel_event *o = &es[i];
        memcpy(o->code, e->code, sizeof o->code);
        o->root[0] = e->code[0];
        o->root[1] = e->code[1];
        const cameo_entry *c = lex_cameo(d->lex, e->code);
        if (!c && strlen(e->code) > 3) { /* an unlisted sub-code reads as its parent */
            char parent[4] = {e->code[0], e->code[1], e->code[2], 0};
            c = lex_cameo(d->lex, parent);
        }
        if (!c) {
            char root[3] = {e->code[0], e->code[1], 0};
            c = lex_cameo(d->lex, root);
        }
        if (c) {
            o->plover = c->plover;
            o->goldstein = c->goldstein;
            o->quad = c->quad;
        }
        o->source.mention = span_of(d, m, e->source.start, e->source.end);
        o->source.actor = e->source.code;
        o->source.name = e->source.name;
        o->has_target = e->has_target;
        if (e->has_target) {
            o->target.mention = span_of(d, m, e->target.start, e->target.end);
            o->target.actor = e->target.code;
            o->target.name = e->target.name;
        }
        o->verb = span_of(d, m, e->verb_start, e->verb_end);
        const sent *st = &d->sents.items[e->sent];
        o->sentence = span_of(d, m, st->start, st->end);
        if (e->date_ymd > 0 && e->date_ymd <= 99991231) {
            unsigned y = (unsigned)e->date_ymd / 10000u % 10000u,
                     mo = (unsigned)e->date_ymd / 100u % 100u, da = (unsigned)e->date_ymd % 100u;
            snprintf(o->date, sizeof o->date, "%04u-%02u-%02u", y, mo, da);
        }
        o->has_date_text = e->has_date_text;
        if (e->has_date_text)
            o->date_text = span_of(d, m, e->date_start, e->date_end);
        o->negated = e->negated;
        o->mode = (petrel_mode)e->mode;
        o->claimed = e->claimed;
        o->claimed_name = e->claim_name;
        o->claimed_actor = e->claim_code;
        o->pattern = e->pattern;
    }
    *out = es;
    *n = d->events.len;
    return PETREL_OK;
}
