#include "quotes.h"

#include <string.h>

#include "actors.h"
#include "dict.h"
#include "events.h"
#include "text.h"
#include "wordclass.h"

/*
 * The stage works in four passes over a document:
 *
 *   1. marks: quotation marks are paired into spans (per paragraph; a quote
 *      continues into the next paragraph only when that paragraph reopens it).
 *   2. reports: every cue outside quotation marks (dict/cues.txt) becomes a
 *      report: the cue, its source noun phrase (the speaker as written) and the
 *      reported clause, if it has one ("X said (that) CLAUSE", "CLAUSE, X said",
 *      "according to X, CLAUSE"). Single-marked spans are kept where a report
 *      attributes them.
 *   3. speakers: each report's speaker is resolved (resolve_speakers): the
 *      phrase's head mention, or for a pronoun the fitting speaker before it,
 *      or for a definite description the person or organisation last named.
 *   4. records: each span is attributed to the report next to it ('"...," X
 *      said' / 'X said: "..."'), or belongs to the clause of a report it sits in
 *      (a partial quote), or continues the previous speaker (a quote paragraph
 *      with no cue), or is nobody's words (scare quotes: dropped). Reports whose
 *      clause is not a direct quote become indirect quotes, or partial quotes
 *      when their clause holds quoted words.
 *
 * No part of it looks further than a few sentences back except the speaker
 * searches (a dozen to 25 sentences), so the stage is linear in tokens times a
 * small window; all memory comes from the document arena.
 */

/* ------------------------------------------------------------ word tables */

















/* Keys are case-folded and the tables lowercase: the first byte rules most
 * entries out before a full comparison (these lookups run for every token). */
static bool has(const tok *t, uint64_t cls) { return (t->cls & cls) != 0; }

static bool is_punct(const tok *t, const char *p) { return t->kind == TK_PUNCT && tok_is(t, p); }
static bool is_word(const tok *t) { return t->kind == TK_WORD || t->kind == TK_NUMBER; }
static bool is_dq(const tok *t) { return t->kind == TK_QUOTE && (t->quote & QC_DOUBLE); }
static bool is_sq(const tok *t)
{
    return t->kind == TK_QUOTE && (t->quote & QC_SINGLE) && !(t->flags & TF_POSSESSIVE);
}
static bool opens(const tok *t) { return (t->quote & QC_OPEN) && !(t->quote & QC_CLOSE); }
static bool closes(const tok *t) { return (t->quote & QC_CLOSE) && !(t->quote & QC_OPEN); }

/* ------------------------------------------------------------ context */

typedef struct span {
    uint32_t open, close; /* mark tokens; close = one past content when unclosed */
    bool closed;
    uint32_t report; /* the report that attributes it, index + 1 */
    uint8_t how;     /* enum span_how */
    const mention *speaker; /* a cue-less quote's speaker, when not its report's */
} span;

enum span_how {
    SH_NONE = 0,
    SH_ADJACENT, /* attributed by a cue right before or after it */
    SH_CLAUSE,   /* part of a report's clause */
    SH_FRAGMENT, /* a quoted fragment after a naming or belief cue */
    SH_CONTINUED, /* a cue-less quote continuing the previous speaker */
};

typedef struct report {
    uint32_t cue_b, cue_e; /* tokens */
    uint32_t src_b, src_e; /* the speaker's noun phrase; src_e == src_b: none */
    const mention *head;   /* the mention that names the speaker, or NULL */
    uint32_t cb, ce;       /* the reported clause; ce <= cb: none */
    uint32_t sent;
    uint8_t kind;          /* enum cue_kind */
    bool clause_before;    /* "CLAUSE, X said" */
    uint32_t resume;       /* "The deal, she said, was done": the token after the
                            * attribution's closing comma, or 0 */
    bool used;             /* it attributes a direct quote */
    bool nested;           /* it sits inside another report's clause */
    bool inherited;        /* its speaker is the sentence's subject ("..., adding") */
    bool to_clause;        /* its clause is a to-infinitive ("vowed to ...") */
    bool np_clause;        /* its clause is an object noun phrase ("denied the claims") */
    bool hearsay;          /* no one holds it: "The plan is expected to pass" (its
                            * clause holds its subject) */
    bool weak;             /* told by a noun ("his criticism of ..."): its source is
                            * no speaker that later pronouns or quotes refer to */
    uint8_t type;          /* enum attr_type of what it reports */
    const mention *speaker; /* who it is, after coreference (resolve_speakers) */
    const cue_entry *cue;
} report;

typedef VEC(span) span_vec;
typedef VEC(report) report_vec;

typedef struct qctx {
    doc *d;
    const tok *toks;
    span_vec spans;
    report_vec reports;
    uint32_t *in_span; /* per token: index + 1 of the span whose marks or content hold it */
    uint32_t *first_report; /* per sentence: index of its first report (reports are in order) */
    /* mention counts per entity up to org_cursor, for frequent_org */
    uint32_t *org_count, org_cursor, org_best_n;
    const mention *org_best;
} qctx;

/* How many mentions start before token k (mentions are in text order). */
static uint32_t mentions_before(const doc *d, uint32_t k)
{
    uint32_t lo = 0, hi = d->mentions.len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (d->mentions.items[mid].tok_begin < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Reports of sentence si: [first_report[si], first_report[si + 1]). */
#define FOR_REPORTS_OF(c, si, i)                                                                   \
    for (uint32_t i = (c)->first_report[si]; i < (c)->first_report[(si) + 1]; i++)

/* tok.user bit: the token is in a headline written in title case ("Senator
 * Warns Port Will Close"), where a capitalised cue word is still the cue */
#define QU_TITLE 1

/* A cue word at k: its entry and the tokens matched. */
static uint32_t cue_at(const doc *d, uint32_t k, uint32_t end, const cue_entry **entry)
{
    const lexicon *lx = d->lex;
    const tok *t = &d->toks.items[k];
    /* "States" in "United States" is a name, not the verb */
    if (t->kind != TK_WORD)
        return 0;
    /* no cue starts with this word (lex_match's own first test): the
     * questions below need not be asked */
    const phrase_table *cues = &lx->tables[LT_CUE];
    if (!cues->count || (cues->gate && !(t->starts & cues->gate)))
        return 0;
    /* a headline's verb is in the present: "Senator Warns ...", "Poll Shows
     * ..." -- and a name we know nothing about may have run on over it
     * ("Senator Jane Smith Warns ...") */
    bool title = (t->user & QU_TITLE) && t->key_len > 3 && t->key[t->key_len - 1] == 's' &&
                 !(t->flags & TF_POSSESSIVE);
    if ((t->flags & TF_CAP) && !(t->flags & TF_SENT_START) && !title)
        return 0;
    const mention *am = actors_at(d, k);
    if (am && !(title && (am->how == MH_NAME || am->how == MH_LEARNED) && am->tok_begin < k))
        return 0;
    uint32_t b = 0;
    uint32_t n = lex_match(cues, d->toks.items, k, end, &b);
    if (!n)
        return 0;
    *entry = &lx->cues.items[lx->bindings.items[b - 1].entry];
    return n;
}

static bool is_cue_word(const qctx *c, uint32_t k, uint32_t end)
{
    const cue_entry *e;
    return cue_at(c->d, k, end, &e) && e->kind != CUE_NOUN && !e->also_noun;
}

/* What a cue of this kind reports when its clause is a statement: speech
 * (a quotation) or a state of mind, a plan, a finding (an attribution). */
static uint8_t attr_type_of(uint8_t kind)
{
    switch (kind) {
    case CUE_BELIEF:
        return AT_BELIEF;
    case CUE_INTENTION:
        return AT_INTENTION;
    case CUE_PERCEPTION:
        return AT_PERCEPTION;
    case CUE_EVIDENCE:
        return AT_EVIDENCE;
    case CUE_STANCE:
        return AT_STANCE;
    default:
        return AT_SPEECH;
    }
}

/* Are quoted words in what it reports the holder's own: an opinion, a
 * but not the words in a plan ("vowed to drop "the bomb"") or a finding,
 * nor those of whom a judgement is about ("blamed "far-left activists""),
 * nor a phrase named as the topic ("expressed "strong dissatisfaction""):
 * those are the writer's or someone else's. */
static bool own_words(uint8_t type)
{
    return type == AT_SPEECH || type == AT_BELIEF;
}

/* Does the report attribute speech, so that a quotation next to it is its
 * words? A naming cue attributes only the fragment after it. */
static bool speech_report(const report *r) { return r->type == AT_SPEECH && r->kind != CUE_NAMING; }

/* ------------------------------------------------------------ noun phrases */

/* Does the token's key end with suffix, with something before it? */
static bool key_ends(const tok *t, const char *suffix)
{
    size_t n = strlen(suffix);
    return t->key_len > n && !memcmp(t->key + t->key_len - n, suffix, n);
}

/* "wouldn't", "can't", "isn't": a verb with its negation. */
static bool negative_contraction(const tok *t) { return key_ends(t, "n't"); }

/* "saying", "showing" (not "king", "ring"): a participle or gerund. */
static bool ing_form(const tok *t) { return t->key_len > 4 && key_ends(t, "ing"); }

/* "rarely", "widely": an adverb by its ending (short words such as "only"
 * and "fly" are left to the word lists). */
static bool ly_adverb(const tok *t) { return t->key_len > 4 && key_ends(t, "ly"); }

static bool is_pronoun(const tok *t) { return has(t, WC_Q_PRONOUNS_SUBJECT); }

/* "his", "her", "their", "its": a third person's word for what is theirs */
static bool owner_pronoun(const tok *t)
{
    return tok_is(t, "his") || tok_is(t, "her") || tok_is(t, "their") || tok_is(t, "its");
}

/* A word that can be part of a noun phrase: not closed-class, not a cue verb. */
static bool nounish(const qctx *c, uint32_t k, uint32_t end)
{
    const tok *t = &c->toks[k];
    if (t->kind == TK_NUMBER)
        return true;
    if (t->kind != TK_WORD || (t->flags & TF_CONTRACTION) || has(t, WC_Q_CLOSED_CLASS))
        return false;
    return !is_cue_word(c, k, end);
}

/* "The diocese issued", "the memo obtained": a lowercase -ed word after a
 * noun is a verb, not part of the phrase. */
static bool past_participle(const tok *t)
{
    return t->kind == TK_WORD && !(t->flags & TF_CAP) && t->key_len > 4 &&
           t->key[t->key_len - 1] == 'd' && t->key[t->key_len - 2] == 'e';
}

typedef struct np {
    uint32_t b, e;
    const mention *head;
} np;

/* The head of a phrase: the person it ends with, unless that person is a
 * preposition's object ("University of the Fraser Valley political scientist
 * Hamish Telford" but not "a lawyer for Jane Smith"), else the last mention
 * before any preposition ("Kevin Haley of Symantec"); a phrase whose only
 * mention follows a preposition ("the head of the agency") has no head. A
 * document stands for its author: "her statement", "the RCMP statement", "a
 * statement from the EU". */
static const mention *publisher_of(const qctx *c, uint32_t k);

static const mention *np_head(const qctx *c, uint32_t b, uint32_t e)
{
    const mention *best = NULL, *owner = NULL;
    bool prep = false, document = false;
    const mention *last = e > b ? actors_at(c->d, e - 1) : NULL;
    /* a name after a preposition is its object ("a lawyer for Jane Smith"),
     * unless its own title comes with it ("of Canada governor David Dodge") */
    if (last && last->person && last->how != MH_PRONOUN && mention_name(c->d, last) &&
        (last->tok_begin <= b || last->how == MH_LEARNED ||
         (!has(&c->toks[last->tok_begin - 1], WC_Q_NP_PREPS) &&
          !has(&c->toks[last->tok_begin - 1], WC_Q_DETERMINERS))))
        return last;
    for (uint32_t k = b; k < e; k++) {
        const mention *m = actors_at(c->d, k);
        if (m) {
            /* "Brexit backers", "a Vancouver hockey coach": a name before the
             * head noun modifies it */
            bool ends = m->tok_end >= e || has(&c->toks[m->tok_end], WC_Q_NP_PREPS) ||
                        actors_at(c->d, m->tok_end);
            const cue_entry *de;
            bool author = m->tok_end < e && cue_at(c->d, m->tok_end, e, &de) &&
                          (de->kind == CUE_NOUN || de->also_noun);
            if (m->possessive || author) /* "her statement", "the RCMP statement" */
                owner = m;
            else if ((!prep || document) && ends)
                best = m;
            k = m->tok_end - 1;
            continue;
        }
        const cue_entry *ce;
        if (cue_at(c->d, k, e, &ce) && (ce->kind == CUE_NOUN || ce->also_noun))
            document = true; /* "a statement from X": X is who speaks */
        else if (has(&c->toks[k], WC_Q_NP_PREPS) && !document)
            prep = true;
    }
    if (document && owner && (!best || best->tok_begin < owner->tok_begin))
        return owner;
    return best;
}

/* Do the words before token b, back to floor or a punctuation mark, say
 * only when ("Last week I asked", "Earlier this month the mayor said")? */
static bool time_opener(const qctx *c, uint32_t floor, uint32_t b)
{
    const tok *toks = c->toks;
    bool when = false;
    uint32_t j = b;
    for (; j > floor && b - j < 6; j--) {
        const tok *u = &toks[j - 1];
        if (u->kind == TK_PUNCT || u->kind == TK_QUOTE || u->kind == TK_DASH)
            break;
        if (has(u, WC_Q_TIME_WORDS))
            when = true;
        else if (!(u->kind == TK_NUMBER || has(u, WC_Q_DETERMINERS) || has(u, WC_PREPOSITION) ||
                   tok_is(u, "last") || tok_is(u, "next") || tok_is(u, "earlier") ||
                   tok_is(u, "later") || tok_is(u, "this")))
            return false;
    }
    return when && (j == floor || toks[j - 1].kind == TK_PUNCT || toks[j - 1].kind == TK_QUOTE ||
                    toks[j - 1].kind == TK_DASH);
}

/* The noun phrase that ends at token p (exclusive), not before floor. */
static bool np_before_x(const qctx *c, uint32_t p, uint32_t floor, np *out, bool loose)
{
    const tok *toks = c->toks;
    if (p <= floor)
        return false;
    uint32_t k = p - 1, b;
    const mention *m = actors_at(c->d, k);
    if (m && !m->possessive) {
        b = m->tok_begin > floor ? m->tok_begin : floor;
    } else if (is_pronoun(&toks[k])) {
        b = k;
        goto boundary;
    } else if (nounish(c, k, p)) {
        b = k;
    } else {
        return false;
    }
    bool prep_seen = false;
    while (b > floor && p - b < 12) {
        const tok *u = &toks[b - 1];
        const mention *mu = actors_at(c->d, b - 1);
        if (mu) {
            b = mu->tok_begin > floor ? mu->tok_begin : floor;
            continue;
        }
        if (u->flags & TF_POSSESSIVE) {
            b--;
            continue;
        }
        if (has(u, WC_Q_DETERMINERS)) {
            b--;
            /* "a spokesperson for the camp": the phrase goes on past a
             * preposition that joins two nouns */
            if (!prep_seen && b > floor + 1 && has(&toks[b - 1], WC_Q_NP_PREPS) &&
                (nounish(c, b - 2, p) || actors_at(c->d, b - 2)))
                continue;
            break;
        }
        if (nounish(c, b - 1, p) && !is_pronoun(u)) {
            b--;
            continue;
        }
        if (!prep_seen && has(u, WC_Q_NP_PREPS) && b - 1 > floor &&
            (nounish(c, b - 2, p) || actors_at(c->d, b - 2))) {
            prep_seen = true;
            b--;
            continue;
        }
        break;
    }
boundary:
    if (b > floor) {
        const tok *u = &toks[b - 1];
        /* "Republicans, who he said are ...": a pronoun after a relative */
        if (!(u->kind == TK_PUNCT || u->kind == TK_QUOTE || u->kind == TK_DASH ||
              has(u, WC_Q_NP_OPENERS) || (loose && has(u, WC_Q_CLOSED_CLASS)) ||
              (b + 1 == p && is_pronoun(&toks[b]) && tok_is(u, "who")) ||
              time_opener(c, floor, b)))
            return false;
        if (is_punct(u, ".") || (u->kind == TK_PUNCT && tok_is(u, "(")))
            return false;
    }
    out->b = b;
    out->e = p;
    out->head = is_pronoun(&toks[b]) && b + 1 == p ? actors_at(c->d, b) : np_head(c, b, p);
    return true;
}

static bool np_before(const qctx *c, uint32_t p, uint32_t floor, np *out)
{
    return np_before_x(c, p, floor, out, false);
}

/* The noun phrase that starts at token k: "said Telford", "said the minister",
 * "said a spokesperson for the company". */
static bool np_after(const qctx *c, uint32_t k, uint32_t end, np *out)
{
    const tok *toks = c->toks;
    uint32_t b = k;
    if (k < end && has(&toks[k], WC_Q_DETERMINERS) && !is_pronoun(&toks[k]))
        k++;
    /* "said then-mayor Jane Roe": the title as held then */
    if (k + 1 < end && then_hyphen(&toks[k]))
        k++;
    if (k >= end)
        return false;
    uint32_t e;
    const mention *m = actors_at(c->d, k);
    if (m && m->tok_begin <= k) {
        e = m->tok_end;
        /* "said Rockets president Bruce Hamilton", "according to a Retail
         * Council study": the phrase runs on over nouns, to the person it
         * names if it names one */
        for (uint32_t f = e; f < end && f < m->tok_end + 6; f++) {
            const mention *mf = actors_at(c->d, f);
            if (mf && mf->person && mf->how != MH_PRONOUN) {
                e = mf->tok_end;
                /* "said Falcons head coach Mara Lindqvist": a bare title runs on
                 * over a noun or two to the name it introduces */
                if (!mention_name(c->d, mf)) {
                    uint32_t g = e;
                    while (g < end && g < e + 2 && nounish(c, g, end) &&
                           !(toks[g].flags & TF_CAP) && !actors_at(c->d, g))
                        g++;
                    const mention *mn = g < end ? actors_at(c->d, g) : NULL;
                    if (mn && mn->tok_begin == g && mn->person && mn->how != MH_PRONOUN &&
                        mention_name(c->d, mn))
                        e = mn->tok_end;
                }
                break;
            }
            /* "Heart and Stroke senior manager Erin Kim" */
            if ((tok_is(&toks[f], "and") || tok_is(&toks[f], "&")) && f + 1 < end &&
                (toks[f + 1].flags & TF_CAP) && (toks[f - 1].flags & TF_CAP))
                continue;
            if (!(nounish(c, f, end) || mf) || has(&toks[f], WC_Q_TIME_WORDS) ||
                (toks[f].flags & TF_POSSESSIVE) || past_participle(&toks[f]))
                break;
            /* a lowercase word ends the phrase or leads to a name; else it is
             * the verb ("Mike Pompeo praised ...") */
            if (!mf && !(toks[f].flags & TF_CAP)) {
                uint32_t g = f;
                while (g < end && g < f + 4 && nounish(c, g, end) && !(toks[g].flags & TF_CAP) &&
                       !actors_at(c->d, g))
                    g++;
                if (g < end && !(toks[g].kind == TK_PUNCT || (toks[g].flags & TF_CAP) ||
                                 actors_at(c->d, g) || has(&toks[g], WC_Q_NP_PREPS)))
                    break;
                e = g;
                f = e - 1;
                continue;
            }
            e = mf ? mf->tok_end : f + 1;
            f = e - 1;
        }
        if (e < end && (toks[e].flags & TF_POSSESSIVE)) {
            /* "said the IFSD's Azfar Ali Khan": the owner, its 's, the head */
            uint32_t f = e + 1;
            const mention *mf = f < end ? actors_at(c->d, f) : NULL;
            if (mf && !mf->possessive)
                e = mf->tok_end;
            else
                for (e = f; e < end && e < f + 4 && nounish(c, e, end); e++)
                    ;
            if (e == f)
                return false;
        }
    } else if (is_pronoun(&toks[k]) && b == k) {
        e = k + 1;
    } else {
        e = k;
        /* "a newly uncovered email": an -ly word before a participle is part
         * of the phrase; elsewhere it ends it ("an email previously kept") */
        while (e < end && e < k + 5 && nounish(c, e, end) && !has(&toks[e], WC_Q_TIME_WORDS) &&
               !(e > k && past_participle(&toks[e]) && !ly_adverb(&toks[e - 1])) &&
               !(e > k && ly_adverb(&toks[e]) &&
                 !(e + 1 < end && past_participle(&toks[e + 1]))))
            e++;
        if (e == k)
            return false;
        /* "the federation's president": the owner, its 's, the head */
        if (e + 1 < end && (toks[e].flags & TF_POSSESSIVE)) {
            uint32_t f = e + 1;
            const mention *mf = actors_at(c->d, f);
            if (mf && !mf->possessive)
                e = mf->tok_end;
            else
                for (e = f; e < end && e < f + 4 && nounish(c, e, end); e++)
                    ;
            if (e == f)
                return false;
        }
    }
    /* "the federation's president, Karl Brenner": the name in apposition */
    if (e + 1 < end && is_punct(&toks[e], ",")) {
        const mention *mn = actors_at(c->d, e + 1);
        if (mn && mn->tok_begin == e + 1 && mn->person && mn->how != MH_PRONOUN &&
            mention_name(c->d, mn) && (mn->tok_end >= end || toks[mn->tok_end].kind == TK_PUNCT))
            e = mn->tok_end;
    }
    /* "a spokesperson for the company", "Jane Smith of the ministry" */
    if (e + 1 < end && has(&toks[e], WC_Q_NP_PREPS)) {
        uint32_t f = e + 1;
        if (has(&toks[f], WC_Q_DETERMINERS))
            f++;
        uint32_t g = f;
        const mention *mf = f < end ? actors_at(c->d, f) : NULL;
        if (mf)
            g = mf->tok_end;
        else
            while (g < end && g < f + 4 && nounish(c, g, end) && !has(&toks[g], WC_Q_TIME_WORDS))
                g++;
        if (g > f)
            e = g;
    }
    out->b = b;
    out->e = e;
    out->head = np_head(c, b, e);
    if (!out->head && e == k + 1 && is_pronoun(&toks[k]))
        out->head = actors_at(c->d, k);
    return true;
}

/* ------------------------------------------------------------ marks */

/* Pair the marks of one kind in the paragraphs. A quote left open at a
 * paragraph's end continues only into a paragraph that starts by reopening it;
 * otherwise it ends with its paragraph, so a stray mark never swallows more. */
static int pair_marks(qctx *c, bool (*is_mark)(const tok *), span_vec *out)
{
    doc *d = c->d;
    const tok *toks = c->toks;
    bool open = false;
    uint32_t open_at = 0, open_end = 0;
    for (uint32_t p = 0; p < d->paras.len; p++) {
        const para *pa = &d->paras.items[p];
        if (pa->dropped || pa->tok_begin == pa->tok_end)
            continue;
        bool reopened = false;
        if (open) {
            const tok *f = &toks[pa->tok_begin];
            if (is_mark(f) && !closes(f)) {
                reopened = true;
            } else {
                span *s = VEC_PUSH(d->a, out);
                if (!s)
                    return PETREL_ERR_NOMEM;
                *s = (span){open_at, open_end, false, 0, 0, NULL};
                open = false;
            }
        }
        for (uint32_t k = pa->tok_begin; k < pa->tok_end; k++) {
            const tok *t = &toks[k];
            /* both kinds of mark are quote tokens: most tokens are passed
             * over here without the call through is_mark */
            if (t->kind != TK_QUOTE || !is_mark(t) || c->in_span[k])
                continue; /* single marks inside a double-quoted quotation */
            if (reopened && k == pa->tok_begin)
                continue; /* the reopening mark of a continued quote */
            if (!open) {
                if (closes(t))
                    continue; /* a stray closing mark */
                open = true;
                open_at = k;
                continue;
            }
            /* „...“: in German-style marks the “ closes */
            bool low_open = c->d->text[toks[open_at].start] == '\xE2' &&
                            tok_len(&toks[open_at]) == 3 &&
                            (unsigned char)c->d->text[toks[open_at].start + 2] == 0x9E;
            if (opens(t) && (t->flags & TF_SPACE_BEFORE) && k > open_at + 1 && !low_open) {
                /* a new opening mark while one is open: the first was never
                 * closed; it ends where this one starts */
                span *s = VEC_PUSH(d->a, out);
                if (!s)
                    return PETREL_ERR_NOMEM;
                *s = (span){open_at, k, false, 0, 0, NULL};
                open_at = k;
                continue;
            }
            span *s = VEC_PUSH(d->a, out);
            if (!s)
                return PETREL_ERR_NOMEM;
            *s = (span){open_at, k, true, 0, 0, NULL};
            open = false;
        }
        open_end = pa->tok_end;
    }
    if (open) {
        span *s = VEC_PUSH(d->a, out);
        if (!s)
            return PETREL_ERR_NOMEM;
        *s = (span){open_at, open_end, false, 0, 0, NULL};
    }
    return PETREL_OK;
}

static uint32_t words_in(const qctx *c, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t k = a; k < b; k++)
        n += is_word(&c->toks[k]);
    return n;
}

/* One past the last token a span covers (its closing mark included). */
static uint32_t span_end(const span *s) { return s->closed ? s->close + 1 : s->close; }

/* Which span holds each token (after the spans change). */
static void mark_spans(qctx *c)
{
    memset(c->in_span, 0, (c->d->toks.len + 1) * sizeof *c->in_span);
    for (uint32_t i = 0; i < c->spans.len; i++) {
        const span *s = &c->spans.items[i];
        for (uint32_t k = s->open; k < span_end(s) && k < c->d->toks.len; k++)
            c->in_span[k] = i + 1;
    }
}

static uint32_t report_after(const qctx *c, uint32_t close);
static uint32_t report_before(const qctx *c, uint32_t open);

/* Single marks in a paper that quotes with double ones: "'We are ready,' said
 * the captain" is a quotation when a cue attributes it right there; other
 * single marks (scare quotes, titles, apostrophes) are left alone. */
static int single_quotes(qctx *c)
{
    span_vec cand = {0};
    bool any_double = c->spans.len > 0;
    if (!any_double)
        return PETREL_OK; /* the single marks were paired as the quotation marks */
    int rc = pair_marks(c, is_sq, &cand);
    if (rc)
        return rc;
    bool added = false;
    for (uint32_t i = 0; i < cand.len; i++) {
        const span *sp = &cand.items[i];
        if (!sp->closed || sp->close <= sp->open + 1 || !words_in(c, sp->open + 1, sp->close))
            continue;
        if (!report_after(c, sp->close) && !report_before(c, sp->open))
            continue;
        span *s = VEC_PUSH(c->d->a, &c->spans);
        if (!s)
            return PETREL_ERR_NOMEM;
        *s = *sp;
        added = true;
    }
    if (!added)
        return PETREL_OK;
    /* keep the spans in text order */
    span *v = c->spans.items;
    for (uint32_t i = 1; i < c->spans.len; i++) {
        span x = v[i];
        uint32_t j = i;
        while (j > 0 && v[j - 1].open > x.open) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    mark_spans(c);
    return PETREL_OK;
}

/* ------------------------------------------------------------ reports */

/* words in -ly of over five letters that are no adverbs: "family said",
 * "the assembly voted" (shorter ones and names never reach the test) */
static const char *const ly_nouns[] = {"family",   "assembly", "anomaly", "monopoly",
                                       "homily",   "supply",   NULL};

static uint32_t skip_fillers_back(const qctx *c, uint32_t k, uint32_t floor)
{
    const tok *toks = c->toks;
    for (int n = 0; k > floor && n < 5; n++) {
        if (has(&toks[k - 1], WC_Q_FILLERS) &&
            (!(toks[k - 1].flags & TF_CAP) || (toks[k - 1].flags & TF_SENT_START))) {
            k--;
            continue;
        }
        /* "have already officially accused": an adverb after an auxiliary;
         * "He memorably promised": after the subject; "Christie, a Trump
         * ally, effectively acknowledged": after an apposition */
        const tok *a = &toks[k - 1];
        if (k - 1 > floor && a->kind == TK_WORD && !(a->flags & TF_CAP) && a->key_len > 5 &&
            ly_adverb(a) && !tok_in(a, ly_nouns) &&
            (has(&toks[k - 2], WC_Q_FILLERS) || is_pronoun(&toks[k - 2]) ||
             is_punct(&toks[k - 2], ","))) {
            k--;
            continue;
        }
        /* "earlier this week", "on Monday", "last month" */
        if (k - 1 > floor && has(&toks[k - 1], WC_Q_TIME_WORDS) &&
            (tok_is(&toks[k - 2], "this") || tok_is(&toks[k - 2], "last") ||
             tok_is(&toks[k - 2], "on") || tok_is(&toks[k - 2], "next"))) {
            k -= 2;
            continue;
        }
        /* "Priebus later Thursday told": a day's name is no part of a name,
         * unless a name holds it ("USA Today") */
        if (has(&toks[k - 1], WC_Q_FILLERS) && has(&toks[k - 1], WC_NOT_NAME) &&
            has(&toks[k - 1], WC_Q_TIME_WORDS) && !actors_at(c->d, k - 1)) {
            k--;
            continue;
        }
        break;
    }
    return k;
}

/* Past an adverbial prepositional phrase at k ("in a statement", "on Friday",
 * "in an interview with the Globe"), or k when there is none that ends well. */
static uint32_t skip_adverbial(const qctx *c, uint32_t k, uint32_t end)
{
    const tok *toks = c->toks;
    if (k >= end || !has(&toks[k], WC_Q_ADVERBIAL_PREPS))
        return k;
    uint32_t j = k + 1;
    bool noun = false;
    for (int n = 0; j < end && n < 7; n++) {
        const tok *t = &toks[j];
        const mention *m = actors_at(c->d, j);
        if (m && !is_pronoun(t)) {
            j = m->tok_end > j ? m->tok_end : j + 1;
            noun = true;
            continue;
        }
        if (has(t, WC_Q_DETERMINERS) || (t->flags & TF_POSSESSIVE)) {
            if (noun && has(t, WC_Q_DETERMINERS))
                break; /* "in that speech the cost ...": a new phrase starts */
            j++;
            continue;
        }
        /* after a determiner a cue word is a noun: "during a phone call" */
        if (nounish(c, j, end) || t->kind == TK_NUMBER ||
            (t->kind == TK_WORD && j > k + 1 && has(&toks[k + 1], WC_Q_DETERMINERS) &&
             !has(t, WC_Q_CLOSED_CLASS) && !(t->flags & TF_CONTRACTION))) {
            noun = true;
            j++;
            continue;
        }
        break;
    }
    if (!noun || j >= end)
        return k;
    const tok *t = &toks[j];
    if (tok_is(t, "that") || t->kind == TK_QUOTE || is_punct(t, ",") || is_punct(t, ":") ||
        is_pronoun(t) || has(t, WC_Q_CLAUSE_OPENERS) || has(t, WC_Q_ADVERBIAL_PREPS) ||
        has(t, WC_Q_TIME_WORDS) || (t->flags & TF_CAP))
        return j;
    return k;
}

/* Past a phrase of when or where at k ("in March", "on Friday", "last
 * week"), or k when there is none. */
static uint32_t past_when_or_where(const qctx *c, uint32_t k, uint32_t end)
{
    uint32_t j = skip_adverbial(c, k, end);
    if (j == k && k + 1 < end && (tok_is(&c->toks[k], "last") || tok_is(&c->toks[k], "this")) &&
        has(&c->toks[k + 1], WC_Q_TIME_WORDS))
        j = k + 2;
    return j;
}

/* Where the reported clause after a cue starts: past "that", a listener
 * ("told reporters"), time words and adverbials ("said in a statement on
 * Friday that"). */
static uint32_t clause_start(const qctx *c, uint32_t k, uint32_t end, const cue_entry *e)
{
    const tok *toks = c->toks;
    if (e->takes_object && k < end && !tok_is(&toks[k], "that") && is_word(&toks[k]) &&
        !has(&toks[k], WC_Q_TIME_WORDS) && !has(&toks[k], WC_Q_ADVERBIAL_PREPS)) {
        np o;
        const mention *om = actors_at(c->d, k);
        if (om && om->possessive && om->tok_end < end && (toks[om->tok_end].flags & TF_POSSESSIVE)) {
            /* "told Surrey's councillors": the owner, its 's, the listeners */
            uint32_t j = om->tok_end + 1;
            while (j < end && j < om->tok_end + 5 && nounish(c, j, end))
                j++;
            k = j;
        } else if (np_after(c, k, end, &o) && o.e < end && !has(&toks[o.e], WC_Q_FINITE_VERBS) &&
                   !(toks[o.e].flags & TF_POSSESSIVE))
            k = o.e;
        else if (k < end && (tok_is(&toks[k], "him") || tok_is(&toks[k], "her") ||
                             tok_is(&toks[k], "them") || tok_is(&toks[k], "us") ||
                             tok_is(&toks[k], "me")))
            k++;
    }
    /* "say by a 7-point margin, 49 percent to 42 percent, that ...": an
     * inserted phrase before "that" */
    for (uint32_t j = k; j + 1 < end && j < k + 14; j++) {
        if (is_punct(&toks[j], ",") && tok_is(&toks[j + 1], "that"))
            return j + 2;
        if (toks[j].kind == TK_QUOTE || is_punct(&toks[j], ".") || is_cue_word(c, j, end) ||
            tok_is(&toks[j], "that"))
            break;
    }
    for (int guard = 0; k < end && guard < 8; guard++) {
        const tok *t = &toks[k];
        if (tok_is(t, "that")) {
            k++;
            break;
        }
        /* "noted several times that ..." */
        if (k + 2 < end && tok_is(&toks[k + 1], "times") && tok_is(&toks[k + 2], "that") &&
            (tok_is(t, "several") || tok_is(t, "many") || tok_is(t, "multiple") ||
             tok_is(t, "numerous") || tok_is(t, "three") || tok_is(t, "two"))) {
            k += 2;
            continue;
        }
        if (is_punct(t, ",") || is_punct(t, ":")) {
            k++;
            continue;
        }
        if (has(t, WC_Q_TIME_WORDS)) {
            k++;
            continue;
        }
        /* "told a hearing two weeks ago that ..." */
        if (tok_is(t, "ago") || (k + 1 < end && tok_is(&toks[k + 1], "ago") && is_word(t)) ||
            (k + 2 < end && tok_is(&toks[k + 2], "ago") && is_word(t))) {
            while (!tok_is(&toks[k], "ago"))
                k++;
            k++;
            continue;
        }
        uint32_t j = skip_adverbial(c, k, end);
        if (j == k)
            break;
        k = j;
    }
    return k;
}

/* Where a to-infinitive after a cue at k starts ("declined to comment",
 * "urged voters to stay home": the listener is part of what is asked), or
 * UINT32_MAX when none follows. "to" must be followed by a verb-like word:
 * "agreed to the terms", "told it to Reuters" are not plans. */
static uint32_t to_clause(const qctx *c, uint32_t k, uint32_t end, const cue_entry *e)
{
    const tok *toks = c->toks;
    uint32_t j = k;
    while (j < end && has(&toks[j], WC_Q_FILLERS) && !tok_is(&toks[j], "to"))
        j++; /* "declined again to", "vowed never to" */
    uint32_t from = j;
    if (e->takes_object && j < end && !tok_is(&toks[j], "to")) {
        np o;
        if (tok_is(&toks[j], "him") || tok_is(&toks[j], "her") || tok_is(&toks[j], "them") ||
            tok_is(&toks[j], "us") || tok_is(&toks[j], "me"))
            j++;
        else if (np_after(c, j, end, &o) && o.e > j && o.e < j + 10)
            j = o.e;
        else
            return UINT32_MAX;
    }
    if (j + 1 >= end || !tok_is(&toks[j], "to"))
        return UINT32_MAX;
    const tok *v = &toks[j + 1];
    if (v->kind != TK_WORD || ((v->flags & TF_CAP) && !(v->flags & TF_SENT_START)) ||
        (has(v, WC_Q_CLOSED_CLASS) && !has(v, WC_AUXILIARY) && !has(v, WC_NEGATION)))
        return UINT32_MAX;
    return j > from ? from : j;
}

/* Where the clause of a belief, plan or finding that starts at b ends: a
 * speech cue's clause runs to the end of its sentence (a quotation is often
 * several clauses), but "declined to comment, with a spokesman saying ...",
 * "hoped to win, which ..." add the writer's words after a comma. */
static uint32_t attribution_end(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    for (uint32_t k = b + 1; k < e; k++) {
        const tok *t = &toks[k];
        if (c->in_span[k] || t->kind == TK_QUOTE)
            continue;
        if (is_punct(t, ";") || is_punct(t, "(") || t->kind == TK_DASH)
            return k;
        if (!is_punct(t, ",") || k + 1 >= e)
            continue;
        const tok *n = &toks[k + 1];
        /* "to spend two days in Florida, and to return to ...": a second
         * infinitive of the same plan */
        if ((tok_is(n, "and") || tok_is(n, "or")) && k + 2 < e && tok_is(&toks[k + 2], "to") &&
            tok_is(&toks[b], "to"))
            continue;
        if (has(n, WC_Q_CLAUSE_JOINERS) || tok_is(n, "which") || tok_is(n, "who") ||
            tok_is(n, "with") || tok_is(n, "when") || tok_is(n, "even") || tok_is(n, "yet") ||
            (n->kind == TK_WORD && !(n->flags & TF_CAP) && ing_form(n)))
            return k;
    }
    return e;
}

/* Where a to-infinitive that starts at b ends when the sentence goes on with
 * its own subject and verb: "[to react to the lines], Trump read ...", "[an
 * effort] to kill the bill has been shrugged off", "[to win in May], there
 * was ...". */
static uint32_t plan_end(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    for (uint32_t k = b + 3; k < e; k++) {
        const tok *t = &toks[k];
        if (c->in_span[k] || t->kind == TK_QUOTE)
            continue;
        const tok *pv = &toks[k - 1];
        /* a finite verb of the sentence, not of a relative clause */
        if (has(t, WC_AUXILIARY) && has(t, WC_Q_FINITE_VERBS) && !(t->flags & TF_CAP) &&
            !is_pronoun(pv) && !tok_is(pv, "that") && !tok_is(pv, "which") &&
            !tok_is(pv, "who") && !tok_is(pv, "to") && !has(pv, WC_AUXILIARY) &&
            !has(pv, WC_Q_CLAUSE_JOINERS) && !is_punct(pv, ","))
            return k;
        /* "[to raise the fees] angered the union", "[to block it] failed": a
         * past tense with its object, or ending the sentence */
        if (past_participle(t) && nounish(c, k - 1, e) && !has(pv, WC_AUXILIARY) &&
            (k + 1 >= e || toks[k + 1].kind == TK_PUNCT ||
             has(&toks[k + 1], WC_Q_DETERMINERS) || is_pronoun(&toks[k + 1]) ||
             tok_is(&toks[k + 1], "him") || tok_is(&toks[k + 1], "them") ||
             actors_at(c->d, k + 1)))
            return k;
        if (is_punct(t, ",") && k + 2 < e) {
            const tok *n = &toks[k + 1];
            if (tok_is(n, "there") || (is_pronoun(n) && !tok_is(n, "it")) ||
                ((n->flags & TF_CAP) && actors_at(c->d, k + 1) &&
                 has(&toks[actors_at(c->d, k + 1)->tok_end < e ? actors_at(c->d, k + 1)->tok_end
                                                                : k + 1],
                     WC_Q_FINITE_VERBS)))
                return k;
        }
    }
    return e;
}

/* Does a phrase naming where or how something was said start at k: "in a new
 * video", "during an interview with CNN", "at a news conference" (a
 * preposition, a determiner or modifiers, and a statement noun)? */
static bool medium_at(const qctx *c, uint32_t k, uint32_t e)
{
    const tok *toks = c->toks;
    const tok *t = &toks[k];
    if (!(tok_is(t, "in") || tok_is(t, "during") || tok_is(t, "at") || tok_is(t, "on") ||
          tok_is(t, "via") || tok_is(t, "through")))
        return false;
    for (uint32_t j = k + 1; j < e && j < k + 6; j++) {
        const cue_entry *ce;
        if (cue_at(c->d, j, e, &ce) && ce->kind == CUE_NOUN)
            return true;
        /* the occasion: "at the meeting", "during a rally" */
        if (tok_is(&toks[j], "meeting") || tok_is(&toks[j], "rally") ||
            tok_is(&toks[j], "event") || tok_is(&toks[j], "hearing") ||
            tok_is(&toks[j], "fundraiser") || tok_is(&toks[j], "forum") ||
            tok_is(&toks[j], "summit") || tok_is(&toks[j], "debate") ||
            tok_is(&toks[j], "dinner") || tok_is(&toks[j], "ceremony") ||
            tok_is(&toks[j], "luncheon") || tok_is(&toks[j], "convention"))
            return true;
        if (!is_word(&toks[j]) || c->in_span[j] ||
            (has(&toks[j], WC_Q_CLOSED_CLASS) && !has(&toks[j], WC_Q_DETERMINERS) &&
             !(toks[j].flags & TF_POSSESSIVE)))
            return false;
    }
    return false;
}

/* Does a phrase saying when start at k: "on Tuesday", "last week",
 * "yesterday" -- the occasion, not part of an object ("praised [the plan] on
 * Tuesday")? */
static bool when_at(const qctx *c, uint32_t k, uint32_t e)
{
    const tok *toks = c->toks;
    const tok *t = &toks[k];
    if ((tok_is(t, "on") || tok_is(t, "last") || tok_is(t, "next") || tok_is(t, "earlier") ||
         tok_is(t, "later")) &&
        k + 1 < e && has(&toks[k + 1], WC_Q_TIME_WORDS) && !has(&toks[k + 1], WC_Q_CLOSED_CLASS))
        return true;
    return has(t, WC_Q_TIME_WORDS) && has(t, WC_Q_FILLERS) && !has(t, WC_Q_CLOSED_CLASS) &&
           !tok_is(t, "once") && !tok_is(t, "then") && !tok_is(t, "later") && !tok_is(t, "earlier");
}

/* Does the comma at k go on with a list of nouns: "cited [his projects for a
 * call center, an apartment complex and a restaurant]"? The words after it
 * reach "and" or "or" before any verb, relative pronoun or other comma. */
static bool list_goes_on(const qctx *c, uint32_t k, uint32_t e)
{
    const tok *toks = c->toks;
    /* "criticized [the nominee, Jane Smith, for ...]": a name in apposition */
    const mention *m = k + 1 < e ? actors_at(c->d, k + 1) : NULL;
    if (m && m->tok_begin == k + 1 && m->person && m->how != MH_PRONOUN && m->tok_end + 1 < e &&
        is_punct(&toks[m->tok_end], ","))
        return true;
    /* ... and the comma that closes it */
    const mention *pm = k > 0 ? actors_at(c->d, k - 1) : NULL;
    if (pm && pm->tok_end == k && pm->person && pm->how != MH_PRONOUN && pm->tok_begin > 1 &&
        is_punct(&toks[pm->tok_begin - 1], ","))
        return true;
    for (uint32_t j = k + 1; j < e && j < k + 8; j++) {
        const tok *t = &toks[j];
        if (c->in_span[j] || t->kind == TK_QUOTE)
            return false;
        if ((tok_is(t, "and") || tok_is(t, "or")) && j > k + 1)
            return j + 1 < e && !has(&toks[j + 1], WC_Q_FINITE_VERBS) &&
                   !past_participle(&toks[j + 1]) && !is_cue_word(c, j + 1, e);
        if (t->kind == TK_PUNCT || has(t, WC_Q_FINITE_VERBS) || past_participle(t) ||
            tok_is(t, "which") || tok_is(t, "who") || tok_is(t, "that") ||
            has(t, WC_Q_CLAUSE_JOINERS) || is_cue_word(c, j, e))
            return false;
    }
    return false;
}

/* Where the object noun phrase of a judgement or speech act that starts at b
 * ends: at a comma ("supports universal health care, one of ...") or at the
 * occasion ("praised her in a new video", "announced it at a news conference"). */
static uint32_t object_end(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    for (uint32_t k = b + 1; k < e; k++) {
        if (c->in_span[k] || toks[k].kind == TK_QUOTE)
            continue;
        const tok *t = &toks[k];
        if (is_punct(t, ",") && list_goes_on(c, k, e))
            continue;
        if (is_punct(t, ",") || medium_at(c, k, e) ||
            (when_at(c, k, e) && !has(&toks[k - 1], WC_PREPOSITION) &&
             !tok_is(&toks[k - 1], "next") && !tok_is(&toks[k - 1], "last")))
            return k;
        /* "applauded [X] and listed ...": a second verb of the subject */
        if ((tok_is(t, "and") || tok_is(t, "but")) && k + 1 < e &&
            (is_cue_word(c, k + 1, e) || past_participle(&toks[k + 1])))
            return k;
        /* "endorsed [X] during the primary", "praised [X] before the vote",
         * "denounced [X] on the campaign trail" */
        if (tok_is(t, "during") || tok_is(t, "before") || tok_is(t, "after") ||
            tok_is(t, "since") || tok_is(t, "until") || tok_is(t, "amid") ||
            tok_is(t, "despite") || tok_is(t, "while") || tok_is(t, "because") ||
            (tok_is(t, "on") && k + 2 < e && tok_is(&toks[k + 1], "the") &&
             (tok_is(&toks[k + 2], "campaign") || tok_is(&toks[k + 2], "floor") ||
              tok_is(&toks[k + 2], "stump"))))
            return k;
    }
    return e;
}

/* Can an object noun phrase start at k: "denied [the claims]", "praised
 * [him]", "discussed [how ...]" -- not a preposition ("was criticised by"),
 * an auxiliary or punctuation. */
static bool np_start(const qctx *c, uint32_t k)
{
    const tok *t = &c->toks[k];
    if (t->kind == TK_QUOTE || t->kind == TK_NUMBER)
        return true;
    if (t->kind != TK_WORD || tok_is(t, "that") || tok_is(t, "to"))
        return false;
    /* "replied [soothingly]", "responded sarcastically": an adverb is no object */
    if (!(t->flags & TF_CAP) && t->key_len >= 7 && ly_adverb(t) && t->key[t->key_len - 3] &&
        strchr("lgdste", t->key[t->key_len - 3]))
        return false;
    if (has(t, WC_Q_DETERMINERS) || tok_is(t, "him") || tok_is(t, "her") || tok_is(t, "them") ||
        tok_is(t, "it") || tok_is(t, "us") || tok_is(t, "me") || tok_is(t, "what") ||
        tok_is(t, "himself") || tok_is(t, "herself") || tok_is(t, "itself") ||
        tok_is(t, "themselves") ||
        tok_is(t, "how") || tok_is(t, "why") || tok_is(t, "whether"))
        return true;
    return !has(t, WC_Q_CLOSED_CLASS);
}

static bool has_verb(const qctx *c, uint32_t b, uint32_t e);

/* Does [b, e) open with a noun phrase and a relative clause: "revealed [a
 * program that seems ...]", "highlighting [the recipes that she cooks]"? The
 * verb is the relative clause's, so the object is a noun phrase. */
static bool np_relative(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    if (b >= e || !(has(&toks[b], WC_Q_DETERMINERS) || (toks[b].flags & TF_POSSESSIVE)))
        return false;
    for (uint32_t k = b + 1; k < e && k < b + 8; k++) {
        const tok *t = &toks[k];
        /* "noted several times that ...": an adverbial before the clause */
        if (k > b + 1 && (tok_is(t, "that") || tok_is(t, "which") || tok_is(t, "who")))
            return !has(&toks[k - 1], WC_Q_TIME_WORDS) && !tok_is(&toks[k - 1], "times") &&
                   !tok_is(&toks[k - 1], "occasions");
        if (t->kind != TK_WORD || has(t, WC_Q_FINITE_VERBS) ||
            (has(t, WC_Q_CLOSED_CLASS) && !(t->flags & TF_POSSESSIVE)))
            return false;
    }
    return false;
}

/* Does [b, e) read as a clause: it opens with "that"-less subject material
 * and has a finite verb? Keeps "denied Mr. X's request" and "said about Uber"
 * from being reported speech. */
static bool looks_like_clause(const qctx *c, uint32_t b, uint32_t e, bool after_that,
                              const cue_entry *cue)
{
    const tok *toks = c->toks;
    if (b >= e)
        return false;
    const tok *f = &toks[b];
    if (f->kind == TK_QUOTE)
        return true;
    /* "asked whether ...", "said how much to ask for": a question is not a
     * statement ("said if he wins, he would ..." is one) */
    if (has(f, WC_Q_QUESTION_WORDS) &&
        (cue->asks || (!tok_is(f, "if") && !tok_is(f, "when"))))
        return false;
    if (after_that)
        return true;
    /* "added 0.4 per cent": a number is not what anyone said */
    if (f->kind == TK_NUMBER)
        return false;
    /* a plain speech verb is followed by what was said, unless a preposition
     * says otherwise ("said about Uber"); verbs with an object ("denied the
     * request", "told the Globe") need a verb to show a clause follows */
    if (cue->bare && e - b >= 4 &&
        f->kind == TK_WORD && !(has(f, WC_Q_CLOSED_CLASS) && !has(f, WC_Q_CLAUSE_OPENERS)))
        return true;
    if (!has(f, WC_Q_CLAUSE_OPENERS) && !(f->flags & TF_CAP) && !actors_at(c->d, b))
        return false;
    return has_verb(c, b + 1, e);
}

/* A finite verb among the first words of [b, e). */
static bool has_verb(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    for (uint32_t k = b; k < e && k < b + 24; k++) {
        const tok *t = &toks[k];
        /* a possessive is no verb, but "he's" and "it's" are */
        if (t->kind != TK_WORD ||
            ((t->flags & TF_POSSESSIVE) && !(k > b && is_pronoun(&toks[k - 1])) &&
             !(k > 0 && (tok_is(&toks[k - 1], "there") || tok_is(&toks[k - 1], "that") ||
                         tok_is(&toks[k - 1], "he") || tok_is(&toks[k - 1], "she") ||
                         tok_is(&toks[k - 1], "it")))))
            continue;
        if (has(t, WC_Q_FINITE_VERBS))
            return true;
        if (negative_contraction(t))
            return true; /* "wouldn't", "can't" */
        /* "we strengthen", "they know": after a subject pronoun that opens
         * the clause (or follows its opening phrase's comma), a word of an
         * open class is its verb */
        if (k > b && (k - 1 == b || (k - 2 >= b && is_punct(&toks[k - 2], ","))) &&
            !(t->flags & TF_CAP) && t->key_len > 2 && !has(t, WC_Q_CLOSED_CLASS) &&
            !has(t, WC_ADVERB) && (tok_is(&toks[k - 1], "we") || tok_is(&toks[k - 1], "they") ||
                                   tok_is(&toks[k - 1], "i") || tok_is(&toks[k - 1], "you")))
            return true;
        if (!(t->flags & TF_CAP) && t->key_len > 4 && t->key[t->key_len - 1] == 'd' &&
            t->key[t->key_len - 2] == 'e' && !(k > 0 && has(&toks[k - 1], WC_Q_DETERMINERS)))
            return true;
        if (!(t->flags & TF_CAP) && t->key_len > 3 && t->key[t->key_len - 1] == 's' &&
            t->key[t->key_len - 2] != 's' && k > b &&
            (is_pronoun(&toks[k - 1]) || (toks[k - 1].flags & TF_CAP) ||
             actors_at(c->d, k - 1)) &&
            !(toks[k - 1].flags & TF_POSSESSIVE))
            return true;
    }
    return false;
}

/* Does the clause go on with its verb at k: "That culture, they said,
 * [emphasizes] ...", "Fraudsters, he said, [don't] last long"? */
static bool verb_at(const qctx *c, uint32_t k)
{
    /* "he said, rarely last long", "never did" */
    for (int n = 0; n < 2 && k + 1 < c->d->toks.len; n++) {
        const tok *a = &c->toks[k];
        if (a->kind != TK_WORD || (a->flags & TF_CAP) ||
            !(has(a, WC_NEGATION) || has(a, WC_ADVERB) ||
              ly_adverb(a)))
            break;
        k++;
    }
    const tok *t = &c->toks[k];
    if (t->kind != TK_WORD || (t->flags & TF_CAP))
        return false;
    if (has(t, WC_Q_FINITE_VERBS) || (t->flags & TF_CONTRACTION))
        return true;
    if (negative_contraction(t))
        return true; /* "don't", "can't" */
    if (has(t, WC_Q_CLOSED_CLASS) || t->key_len < 4)
        return false;
    char l = t->key[t->key_len - 1], m = t->key[t->key_len - 2];
    return (l == 's' && m != 's' && m != 'u' && m != 'i') || (l == 'd' && m == 'e');
}

/* Does the sentence open with a subordinate clause that holds token k: a
 * subordinating word among its first words, none of them punctuation ("After
 * the vote", "Two days after the envoy said")? */
static bool fronted_subordinate(const qctx *c, const sent *s, uint32_t k)
{
    static const char *const subordinators[] = {"after", "before", "when", "while", "although",
                                                "though", "since", "once", "until", "because",
                                                "whereas", NULL};
    const tok *toks = c->toks;
    for (uint32_t j = s->tok_begin; j < k && j < s->tok_begin + 4; j++) {
        if (toks[j].kind != TK_WORD)
            return false;
        if (!tok_in(&toks[j], subordinators))
            continue;
        if (j + 1 < k && tok_is(&toks[j + 1], "all")) /* "After all, ..." */
            return false;
        /* the clause still open at k: no comma or dash has closed it */
        for (uint32_t q = j + 1; q < k; q++)
            if (is_punct(&toks[q], ",") || toks[q].kind == TK_DASH)
                return false;
        return true;
    }
    return false;
}

/* Does a main clause start at k: a subject (a mention, maybe after an
 * article, a subject pronoun, or a capitalised name) and then its finite verb
 * ("U.S. forces bombed", "the senator said", "they left")? Not a relative
 * clause, a list's next item or a verb group of the clause before (",
 * which began", ", the state and federal agencies", ", would end"). */
static bool main_clause_at(const qctx *c, uint32_t k, uint32_t end)
{
    const tok *toks = c->toks;
    if (k >= end || toks[k].kind != TK_WORD)
        return false;
    uint32_t v;
    if (has(&toks[k], WC_Q_PRONOUNS_SUBJECT)) {
        v = k + 1;
    } else {
        uint32_t h = has(&toks[k], WC_DETERMINER) && !(toks[k].flags & TF_POSSESSIVE) ? k + 1 : k;
        const mention *m = h < end ? actors_at(c->d, h) : NULL;
        if (!m || m->tok_begin < k || m->tok_begin > h || m->possessive)
            return false;
        v = m->tok_end;
    }
    while (v < end && toks[v].kind == TK_WORD && !(toks[v].flags & TF_CAP) &&
           (has(&toks[v], WC_ADVERB) || has(&toks[v], WC_NEGATION)))
        v++;
    if (v >= end || toks[v].kind != TK_WORD || (toks[v].flags & TF_CAP))
        return false;
    return has(&toks[v], WC_Q_FINITE_VERBS) || events_is_finite_verb(c->d->lex, &toks[v]) ||
           (toks[v].key_len > 4 && key_ends(&toks[v], "ed")); /* "the opposition laughed" */
}

/* The subject of the sentence, for cues with none of their own ("..., saying
 * ...", "... and said ..."): its first noun phrase. */
static bool sentence_subject(const qctx *c, const sent *s, uint32_t before, np *out)
{
    const tok *toks = c->toks;
    uint32_t k = s->tok_begin;
    /* "( Peter Lee / Waterloo Region Record )": a credit, not a subject */
    if (k < before && is_punct(&toks[k], "("))
        return false;
    while (k < before && (toks[k].kind == TK_QUOTE || toks[k].kind == TK_PUNCT))
        k++;
    /* past a leading adverbial: "On Thursday, ...", "Earlier on Monday, ..."
     * -- not past a clause: "The minister left the room, saying ..." */
    const tok *f = k < before ? &toks[k] : NULL;
    bool adverbial = f && (has(f, WC_Q_ADVERBIAL_PREPS) || has(f, WC_Q_TIME_WORDS) ||
                           has(f, WC_Q_FILLERS) || has(f, WC_ADVERB) ||
                           has(f, WC_Q_CLAUSE_JOINERS) || has(f, WC_PREPOSITION) ||
                           f->kind == TK_NUMBER || !has(f, WC_Q_DETERMINERS));
    for (uint32_t j = k; j < before && j < k + 8; j++)
        if (is_punct(&toks[j], ",")) {
            if ((!actors_at(c->d, j - 1) || j - k < 3) && (adverbial || j - k < 3))
                k = j + 1;
            break;
        }
    for (uint32_t j = k; j < before; j++) {
        if (c->in_span[j])
            return false;
        const mention *m = actors_at(c->d, j);
        if (m && !m->possessive)
            return np_before(c, m->tok_end, k, out) ? true
                                                     : (out->b = m->tok_begin,
                                                        out->e = m->tok_end, out->head = m,
                                                        true);
        if (!nounish(c, j, before) && !has(&toks[j], WC_Q_DETERMINERS) &&
            !(toks[j].flags & TF_POSSESSIVE))
            break;
    }
    return np_after(c, k, before, out) && out->e < before;
}


/* Is [k, end) only adverbials and punctuation: "X said on Monday." -- or a new
 * clause joined after a comma: "X said, and ...", "X said, adding ..." */
static bool nothing_after(const qctx *c, uint32_t k, uint32_t end)
{
    const tok *toks = c->toks;
    for (int guard = 0; k < end && guard < 8; guard++) {
        const tok *t = &toks[k];
        /* "X said, adding ...": a participle; "X, they said, emphasizes ..."
         * is the sentence's own verb */
        if (is_punct(t, ",") && k + 1 < end &&
            (has(&toks[k + 1], WC_Q_CLAUSE_JOINERS) ||
             (is_cue_word(c, k + 1, end) && ing_form(&toks[k + 1]))))
            return true;
        if (t->kind == TK_PUNCT || t->kind == TK_QUOTE || has(t, WC_Q_TIME_WORDS)) {
            k++;
            continue;
        }
        uint32_t j = skip_adverbial(c, k, end);
        if (j == k) {
            /* "... in a statement released by the ministry" */
            if (has(t, WC_Q_ADVERBIAL_PREPS)) {
                uint32_t q = k;
                while (q < end && !is_punct(&toks[q], ",") && !tok_is(&toks[q], "that") &&
                       toks[q].kind != TK_QUOTE && !is_punct(&toks[q], ":"))
                    q++;
                if (q >= end)
                    return true;
            }
            return false;
        }
        k = j;
    }
    return k >= end;
}

/* Does an attribution sit inside its sentence: after the cue and its
 * adverbials, a comma and more of the sentence ("The deal, she said, was
 * done")? The token after that comma, or 0. */
static uint32_t inserted(const qctx *c, uint32_t k, uint32_t end)
{
    const tok *toks = c->toks;
    for (int guard = 0; k < end && guard < 6; guard++) {
        if (has(&toks[k], WC_Q_TIME_WORDS)) {
            k++;
            continue;
        }
        uint32_t j = skip_adverbial(c, k, end);
        if (j == k)
            break;
        k = j;
    }
    return k + 2 < end && is_punct(&toks[k], ",") && is_word(&toks[k + 1]) &&
                   words_in(c, k + 1, end) >= 2
               ? k + 1
               : 0;
}

/* Does the sentence go on at j, after an attribution inside it, with more of
 * what was said: "So she gave up, she said, [and] advises others to", "She
 * would help, she said, [but] only for local candidates", "..., he said,
 * [because] ..."? Not a new clause with its own subject ("and the union
 * went on strike", "and then ..."), which is the writer's. */
static bool said_goes_on(const qctx *c, uint32_t j, uint32_t end)
{
    const tok *toks = c->toks;
    if (j + 2 >= end)
        return false;
    if (tok_is(&toks[j], "because"))
        return true;
    if (!tok_is(&toks[j], "and") && !tok_is(&toks[j], "but"))
        return false;
    const tok *n = &toks[j + 1];
    return n->kind == TK_WORD && !(n->flags & TF_CAP) && !is_pronoun(n) &&
           !has(n, WC_Q_DETERMINERS) && !has(n, WC_RELATIVE) && !tok_is(n, "there") &&
           !has(n, WC_Q_CLAUSE_JOINERS) && !tok_is(n, "when") && !tok_is(n, "if") &&
           !tok_is(n, "it") && !tok_is(n, "then") && !tok_is(n, "so") &&
           !(has(n, WC_Q_TIME_WORDS) && !has(n, WC_Q_FILLERS)) && !is_cue_word(c, j + 1, end) &&
           !actors_at(c->d, j + 1);
}

static uint32_t trim_end(const qctx *c, uint32_t b, uint32_t e)
{
    while (e > b && (c->toks[e - 1].kind == TK_PUNCT || c->toks[e - 1].kind == TK_DASH ||
                     (c->toks[e - 1].kind == TK_QUOTE && !c->in_span[e - 1])))
        e--;
    return e;
}

static bool known_person(const qctx *c, const mention *m);

/* The speaker before an apposition that ends at the comma at token q:
 * "Joe Smith, a county commissioner in Kent, where the school is, said". The
 * sentence's first phrase is preferred when it is followed by the comma that
 * opens the apposition; else the nearest comma that opens one. */
static bool apposed_subject(const qctx *c, const sent *s, uint32_t q, np *out)
{
    const tok *toks = c->toks;
    np x;
    /* "the director of operations, Jeff Fraser, says": the name is the speaker */
    if (np_before(c, q, s->tok_begin, &x) && x.head && known_person(c, x.head) &&
        x.head->how != MH_PRONOUN && x.head->how != MH_TITLE && mention_name(c->d, x.head) &&
        !c->in_span[x.b] && x.b > s->tok_begin && is_punct(&toks[x.b - 1], ",")) {
        /* "CLAUSE, the chairman, Steve Mnuchin, told": the role before the
         * name belongs to the source, not to the clause */
        np y;
        if (x.b - 1 > s->tok_begin + 2 && np_before(c, x.b - 1, s->tok_begin, &y) &&
            y.e == x.b - 1 && y.e - y.b <= 6 && y.b > s->tok_begin &&
            is_punct(&toks[y.b - 1], ",") && !c->in_span[y.b] &&
            (has(&toks[y.b], WC_Q_DETERMINERS) || actors_at(c->d, y.b)))
            x.b = y.b;
        *out = x;
        return true;
    }
    uint32_t b = s->tok_begin;
    while (b < q && (toks[b].kind == TK_QUOTE || toks[b].kind == TK_PUNCT))
        b++;
    if (np_after(c, b, q, &x) && x.e < q && is_punct(&toks[x.e], ",") && x.head &&
        !c->in_span[x.b]) {
        *out = x;
        return true;
    }
    for (uint32_t j = q; j > s->tok_begin && j + 40 > q; j--) {
        if (!is_punct(&toks[j - 1], ","))
            continue;
        const tok *a = &toks[j];
        bool relative = tok_is(a, "who") || tok_is(a, "whose") || tok_is(a, "which");
        if (!(has(a, WC_Q_DETERMINERS) || a->kind == TK_NUMBER || nounish(c, j, q) || relative))
            continue;
        if (np_before(c, j - 1, s->tok_begin, &x) && !c->in_span[x.b] &&
            ((x.head && (x.head->person || x.head->how == MH_NAME)) || relative)) {
            *out = x;
            return true;
        }
    }
    return false;
}

/* Does a statement noun end right before k: "issued a statement [saying]",
 * "posted a tweet [claiming]"? */
static bool noun_cue_before(const qctx *c, uint32_t k, uint32_t floor)
{
    for (uint32_t j = k; j > floor && j + 3 > k; j--) {
        const cue_entry *ce;
        if (cue_at(c->d, j - 1, k, &ce) == k - (j - 1))
            return ce->kind == CUE_NOUN;
    }
    return false;
}

/* Does the clause after "that" at [b, e) end on its verb, missing its object:
 * a relative clause ("the news that CNN is covering", "the accusations that
 * he has denied")? */
static bool relative_clause(const qctx *c, uint32_t b, uint32_t e)
{
    const tok *toks = c->toks;
    uint32_t last = trim_end(c, b, e);
    if (last <= b + 1)
        return true;
    const tok *lt = &toks[last - 1], *pt = &toks[last - 2];
    if (has(lt, WC_Q_FINITE_VERBS))
        return true;
    bool verb = past_participle(lt) || ing_form(lt);
    return verb && (has(pt, WC_AUXILIARY) || is_pronoun(pt)) && !tok_is(pt, "been") &&
           !tok_is(pt, "be") && !tok_is(pt, "being");
}

/* A preposition that introduces a topic: "questions [about]", "criticism
 * [of]", "support [for]". */
static bool prep_word(const tok *t)
{
    return has(t, WC_PREPOSITION) || tok_is(t, "about") || tok_is(t, "over") ||
           tok_is(t, "against") || tok_is(t, "toward") || tok_is(t, "towards") ||
           tok_is(t, "of") || tok_is(t, "for") || tok_is(t, "on");
}

/* A long subject that ends at p, from the start of the sentence (or after a
 * leading adverbial and its comma): "A study by the Institute for Statecraft
 * found", "Figures released by the board for the week of the vote, for
 * example, showed", "Democrats - especially in New York - said". Only nouns,
 * names, participles, prepositions, determiners, adverbs, commas and dashes:
 * no finite verb, no relative pronoun, no other cue, no quotation. Tried only
 * when the phrase right before the cue was not found. */
static bool long_subject(const qctx *c, const sent *s, uint32_t p, np *out)
{
    const tok *toks = c->toks;
    uint32_t b = s->tok_begin;
    while (b < p && (toks[b].kind == TK_QUOTE || toks[b].kind == TK_PUNCT))
        b++;
    /* "In Britain, a study ...", "And now, both ...": past a leading adverbial */
    if (b < p && (has(&toks[b], WC_Q_ADVERBIAL_PREPS) || has(&toks[b], WC_Q_FILLERS) ||
                  tok_is(&toks[b], "and") || tok_is(&toks[b], "but")) &&
        (toks[b].flags & TF_SENT_START))
        for (uint32_t j = b + 1; j < p && j < b + 8; j++)
            if (is_punct(&toks[j], ",")) {
                b = j + 1;
                break;
            }
    if (b >= p || p - b > 24 || p - b < 2 || c->in_span[b])
        return false;
    const tok *f = &toks[b];
    if (!(has(f, WC_Q_DETERMINERS) || f->kind == TK_NUMBER || (f->flags & TF_CAP) ||
          actors_at(c->d, b)))
        return false;
    if (is_pronoun(f) || (has(f, WC_Q_CLAUSE_OPENERS) && !has(f, WC_Q_DETERMINERS)) ||
        has(f, WC_Q_ADVERBIAL_PREPS) || has(f, WC_PREPOSITION))
        return false;
    bool noun = false;
    for (uint32_t k = b; k < p; k++) {
        const tok *t = &toks[k];
        const mention *m = actors_at(c->d, k);
        if (c->in_span[k] || t->kind == TK_QUOTE)
            return false;
        if (m && !is_pronoun(t)) {
            noun = true;
            k = (m->tok_end > k ? m->tok_end : k + 1) - 1;
            continue;
        }
        if (t->kind == TK_NUMBER || t->kind == TK_DASH || is_punct(t, ","))
            continue;
        if (t->kind != TK_WORD || has(t, WC_Q_FINITE_VERBS) || is_pronoun(t) ||
            (t->flags & TF_CONTRACTION))
            return false;
        if (t->flags & TF_POSSESSIVE)
            continue;
        if (has(t, WC_Q_CLOSED_CLASS)) {
            if (!(has(t, WC_Q_DETERMINERS) || has(t, WC_PREPOSITION) || has(t, WC_ADVERB) ||
                  tok_is(t, "and") || tok_is(t, "by")) ||
                tok_is(t, "that") || tok_is(t, "which") || tok_is(t, "who"))
                return false;
            continue;
        }
        /* "by the state": a cue word after a determiner is a noun */
        if (is_cue_word(c, k, p) && !(k > b && has(&toks[k - 1], WC_Q_DETERMINERS)))
            return false;
        /* "Figures released by", "numbers released Tuesday": a participle
         * that modifies; "the office released a report" has a verb */
        if (past_participle(t) && k > b &&
            !(k + 1 < p && (tok_is(&toks[k + 1], "by") || has(&toks[k + 1], WC_Q_TIME_WORDS) ||
                            has(&toks[k + 1], WC_Q_ADVERBIAL_PREPS))))
            return false;
        noun = true;
    }
    /* the cue follows a noun: "by supporting" is no verb of a subject */
    if (!noun || is_punct(&toks[p - 1], ",") || toks[p - 1].kind == TK_DASH ||
        (has(&toks[p - 1], WC_Q_CLOSED_CLASS) && !actors_at(c->d, p - 1)))
        return false;
    out->b = b;
    out->e = p;
    out->head = np_head(c, b, p);
    return true;
}

/* Headlines in title case (segment.c found them) get QU_TITLE on their
 * tokens (tokens start with no user bits). */
static void mark_titles(doc *d)
{
    tok *toks = d->toks.items;
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        if (s->title_case)
            for (uint32_t k = s->tok_begin; k < s->tok_end; k++)
                toks[k].user |= QU_TITLE;
    }
}

/* "Jane Smith: The port will reopen", "Jane Smith, The Harbour Gazette:
 * "...": a sentence that opens with a name and a colon gives the words after
 * the colon to the name (headlines, panels of quotes, transcripts). The name
 * must be a person or a known actor, with only names, commas and possessives
 * around it. */
static const entity *entity_of(const doc *d, const mention *m);

static const cue_entry colon_cue = {":", CUE_SPEECH, false, false, false, false, true, false, false};

/* The report of a colon at token q: source [b, src_e), head its speaker,
 * what was said the rest of the sentence; false when nothing is left. */
static bool colon_fill(const qctx *c, report *r, uint32_t b, uint32_t src_e, uint32_t q,
                       uint32_t send, const mention *head)
{
    memset(r, 0, sizeof *r);
    r->cue_b = q;
    r->cue_e = q + 1;
    r->src_b = b;
    r->src_e = src_e;
    r->head = head;
    r->sent = c->toks[b].sent;
    r->kind = CUE_SPEECH;
    r->type = AT_SPEECH;
    r->cue = &colon_cue;
    r->cb = q + 1;
    r->ce = trim_end(c, r->cb, send);
    return r->ce > r->cb;
}

/* "Harbour Watch: Fish Stocks Have Not Recovered", "Ferry Captain Ana Ruiz:
 * Crossing 'Got Rough'": in a headline in title case, a short label before a
 * colon is who the words after it are from, named or not. Not the labels of
 * a section or a kind of story ("WATCH:", "Analysis:", "Read more:"). */
static bool headline_label(const qctx *c, const sent *s, uint32_t b, report *r)
{
    static const char *const sections[] = {
        "watch", "update", "updated", "breaking", "exclusive", "video", "videos", "photos",
        "photo", "gallery", "opinion", "analysis", "editorial", "live", "review", "listen",
        "read", "related", "note", "correction", "warning", "abstract", "transcript",
        "timeline", "explainer", "factbox", "podcast", "quiz", "recap", "preview",
        "sponsored", "advertisement", "editor", "editors", "the", "more", "full", "latest",
        "see", "also", "special", "report", "feature", "column", "letters", "contributing",
        "relevant", "reading", "credit", "credits", "photograph", "illustration", "graphic",
        "map", "chart", "via", "posted", "filed", "published", "tags", "topics", "share",
        "comments", NULL,
    };
    const tok *toks = c->toks;
    uint32_t send = s->tok_end;
    if (!(toks[b].user & QU_TITLE) || tok_in(&toks[b], sections) ||
        has(&toks[b], WC_Q_CLOSED_CLASS))
        return false;
    uint32_t q = b;
    bool named = false;
    for (; q < send && q < b + 7; q++) {
        const tok *t = &toks[q];
        if (is_punct(t, ":"))
            break;
        if (t->kind != TK_WORD || c->in_span[q] || is_cue_word(c, q, send))
            return false;
        named = named || (t->flags & TF_CAP);
    }
    if (q == b || q >= send || !is_punct(&toks[q], ":") || !named || words_in(c, q + 1, send) < 3)
        return false;
    const mention *head = NULL;
    for (uint32_t k = b; k < q && !head; k++) {
        const mention *m = actors_at(c->d, k);
        if (m && m->how != MH_PRONOUN && !m->possessive && mention_name(c->d, m))
            head = m;
    }
    return colon_fill(c, r, b, q, q, send, head);
}

static bool colon_report(const qctx *c, const sent *s, report *r)
{
    const tok *toks = c->toks;
    uint32_t b = s->tok_begin, send = s->tok_end;
    while (b < send && (toks[b].kind == TK_QUOTE || toks[b].kind == TK_PUNCT))
        b++;
    if (b >= send || c->in_span[b])
        return false;
    /* the speaker's name, after its owner's ("CNN's Jane Smith") or a title
     * ("Councillor Jane Smith") */
    uint32_t k = b;
    while (k < send && k < b + 3 && !actors_at(c->d, k) && toks[k].kind == TK_WORD &&
           (toks[k].flags & TF_CAP) && !has(&toks[k], WC_Q_CLOSED_CLASS))
        k++;
    const mention *m = actors_at(c->d, k);
    if (!m || m->tok_begin != k)
        if (headline_label(c, s, b, r))
            return true;
    bool owned_group = false; /* "Trump aides: ...": the group a person has */
    if (m && m->possessive && m->tok_begin == k) {
        owned_group = m->person;
        k = m->tok_end;
        if (k < send && (toks[k].flags & TF_POSSESSIVE))
            k++;
        m = k < send ? actors_at(c->d, k) : NULL;
    }
    owned_group = owned_group && m && m->how == MH_AGENT && m->plural && mention_code(c->d, m);
    if (!m || m->tok_begin != k || m->possessive || m->how == MH_PRONOUN ||
        (m->how == MH_AGENT && !owned_group) || m->how == MH_TITLE ||
        !((m->person && entity_of(c->d, m) && entity_of(c->d, m)->gender) ||
          (m->how == MH_DICT && mention_code(c->d, m)) || owned_group))
        return false;
    uint32_t q = m->tok_end;
    if (q < send && (tok_is(&toks[q], "jr") || tok_is(&toks[q], "sr")))
        q++;
    if (q < send && is_punct(&toks[q], "."))
        q++;
    /* ", The Harbour Gazette": where the speaker writes */
    if (q + 1 < send && is_punct(&toks[q], ",")) {
        uint32_t j = q + 1;
        while (j < send && j < q + 8 && !is_punct(&toks[j], ":")) {
            const tok *t = &toks[j];
            if (c->in_span[j] || !((t->kind == TK_WORD && (t->flags & TF_CAP)) ||
                                   (t->flags & TF_POSSESSIVE) || tok_is(t, "of")))
                return false;
            j++;
        }
        q = j;
    }
    if (q >= send || !is_punct(&toks[q], ":") || c->in_span[q] || words_in(c, q + 1, send) < 3)
        return false;
    uint32_t src_e = q;
    while (src_e > b && toks[src_e - 1].kind == TK_PUNCT)
        src_e--;
    return colon_fill(c, r, b, src_e, q, send, m);
}

static const cue_entry hearsay_cue = {"", CUE_BELIEF, false, false, false, false, false, false,
                                      false};

/* Is t part of a verb group before its verb: an auxiliary, a negation or an
 * adverb ("would not even", "had long been widely", "isn't")? */
static bool verb_group_word(const tok *t)
{
    if (t->kind != TK_WORD || (t->flags & TF_CAP))
        return false;
    if (has(t, WC_AUXILIARY) || has(t, WC_NEGATION) || has(t, WC_ADVERB))
        return true;
    if (negative_contraction(t))
        return true;
    return ly_adverb(t);
}

/* "The plan is expected to pass", "Some of the changes appear to be taking
 * hold", "She is known for her wit", "That would seem unlikely": a belief
 * held by no one named (the writer's sources, the public) and told by a
 * raising verb or the passive of a verb of saying or thinking. No source is
 * named, so the subject is part of what is believed: the content runs from
 * the subject to the end of the complement. "it seems that ...", "it is
 * expected that ...": the expletive subject is not. */
static bool hearsay_report(const qctx *c, const sent *s, uint32_t k, report *out)
{
    const tok *toks = c->toks;
    uint32_t send = s->tok_end;
    const tok *v = &toks[k];
    bool seem = has(v, WC_Q_SEEM_VERBS);
    if (v->flags & TF_CAP)
        return false;
    /* the verb group: "would not even appear", "had been widely considered" */
    uint32_t q = k;
    bool be = false;
    while (q > s->tok_begin && k - q < 6 && verb_group_word(&toks[q - 1])) {
        be = be || has(&toks[q - 1], WC_BE);
        q--;
    }
    if (!seem && !be)
        return false;
    if (q <= s->tok_begin || c->in_span[q - 1])
        return false;
    /* the complement, past an adverb or an aside in commas ("would appear,
     * at first glance, to have ...") */
    uint32_t j = k + 1;
    while (j < send && (verb_group_word(&toks[j]) || has(&toks[j], WC_Q_FILLERS)) &&
           !has(&toks[j], WC_AUXILIARY) && !has(&toks[j], WC_Q_TIME_WORDS))
        j++;
    if (j + 2 < send && is_punct(&toks[j], ",")) {
        uint32_t x = j + 1;
        while (x < send && x < j + 6 && is_word(&toks[x]) && !has(&toks[x], WC_Q_FINITE_VERBS))
            x++;
        if (x < send && x > j + 1 && is_punct(&toks[x], ","))
            j = x + 1;
    }
    if (j + 1 >= send || c->in_span[j])
        return false;
    const tok *n = &toks[j], *n2 = &toks[j + 1];
    /* "who is known for", "at what was billed as" */
    bool relative = (has(&toks[q - 1], WC_RELATIVE) || tok_is(&toks[q - 1], "what")) &&
                    !(toks[q - 1].flags & TF_CAP);
    bool ok = false;
    if (tok_is(n, "to")) {
        /* "to" and a verb: "is expected to win", not "appeared to reporters" */
        ok = n2->kind == TK_WORD && !(n2->flags & TF_CAP) &&
             (!has(n2, WC_Q_CLOSED_CLASS) || has(n2, WC_AUXILIARY) || has(n2, WC_BE)) &&
             !has(n2, WC_Q_DETERMINERS) && !has(n2, WC_PREPOSITION);
    } else if (tok_is(n, "that")) {
        ok = tok_is(&toks[q - 1], "it"); /* "it appeared that ...", "it is known that ..." */
    } else if (seem) {
        /* "seemed palpable", "appears unhappy", "would seem unlikely": an
         * adjective; "appeared in court", "appeared Tuesday" are no beliefs */
        ok = n->kind == TK_WORD && !(n->flags & TF_CAP) && !has(n, WC_Q_CLOSED_CLASS) &&
             !has(n, WC_PREPOSITION) && !has(n, WC_Q_TIME_WORDS) &&
             !(n->flags & TF_CONTRACTION) && !tok_is(n, "elsewhere") &&
             !tok_is(n, "together") && !tok_is(n, "alongside") && !tok_is(n, "live") &&
             !tok_is(n, "onstage") && !tok_is(n, "here") &&
             !key_ends(n, "ing");
        if (ok && !(tok_is(v, "seem") || tok_is(v, "seems") || tok_is(v, "seemed")) &&
            has(n, WC_Q_DETERMINERS))
            ok = false;
    } else if (tok_is(n, "as")) {
        /* "is known as X" gives a name, not a view */
        ok = !tok_is(v, "expected") && !tok_is(v, "said") && !tok_is(v, "reported") &&
             !tok_is(v, "predicted") && !tok_is(v, "feared") && !tok_is(v, "known");
    } else if (tok_is(n, "for")) {
        ok = tok_is(v, "known") || tok_is(v, "criticized") || tok_is(v, "criticised") ||
             tok_is(v, "praised") || tok_is(v, "blamed");
    } else if (tok_is(n, "of")) {
        ok = tok_is(v, "accused") || tok_is(v, "suspected");
    } else if (tok_is(v, "considered") || tok_is(v, "deemed")) {
        /* "is considered the favourite", "was deemed unsafe" */
        ok = n->kind == TK_WORD && !(n->flags & TF_CAP) && !has(n, WC_PREPOSITION) &&
             (has(n, WC_Q_DETERMINERS) || !has(n, WC_Q_CLOSED_CLASS));
    }
    if (!ok)
        return false;
    /* the subject */
    uint32_t b;
    np subj;
    if (tok_is(n, "that")) {
        b = j;
    } else if (relative || tok_is(&toks[q - 1], "this") || tok_is(&toks[q - 1], "these") ||
               tok_is(&toks[q - 1], "those") || tok_is(&toks[q - 1], "that")) {
        b = q - 1; /* "who is known for ...", "That would seem unlikely" */
    } else if (is_pronoun(&toks[q - 1]) && !tok_is(&toks[q - 1], "it")) {
        b = q - 1; /* "the first time he's been accused of ..." */
    } else if (np_before(c, q, s->tok_begin, &subj) && !c->in_span[subj.b]) {
        b = subj.b;
    } else {
        /* a long subject from the start of the sentence: "Some of the
         * changes that the bank has made appear to ...", "Mr. Stumpf, who
         * got his start in retail banking, was seen as ..." */
        b = s->tok_begin;
        while (b < q && (toks[b].kind == TK_QUOTE || toks[b].kind == TK_PUNCT))
            b++;
        if (b < q && (tok_is(&toks[b], "but") || tok_is(&toks[b], "and") ||
                      tok_is(&toks[b], "yet") || tok_is(&toks[b], "so")))
            b++;
        if (b < q && (has(&toks[b], WC_Q_ADVERBIAL_PREPS) || has(&toks[b], WC_Q_FILLERS)))
            for (uint32_t x = b + 1; x < q && x < b + 8; x++)
                if (is_punct(&toks[x], ",")) {
                    b = x + 1;
                    break;
                }
        if (b >= q || q - b > 30 || has(&toks[b], WC_Q_CLAUSE_JOINERS) ||
            tok_is(&toks[b], "when") || tok_is(&toks[b], "if") || tok_is(&toks[b], "unless"))
            return false;
        /* no other report in it ("the proposed hotel": a cue after a
         * determiner is a modifier), and no verb but in a relative clause
         * ("Smith, who got his start in banking, was seen as") or before a
         * second verb of the same subject ("... has made progress and is
         * widely assumed to ...") */
        bool rel = tok_is(&toks[q - 1], "and") || tok_is(&toks[q - 1], "but");
        for (uint32_t x = b; x < q; x++) {
            if (c->in_span[x] || toks[x].kind == TK_QUOTE || is_punct(&toks[x], ":") ||
                is_punct(&toks[x], ";") ||
                (is_cue_word(c, x, q) && !(x > b && has(&toks[x - 1], WC_Q_DETERMINERS))))
                return false;
            if (has(&toks[x], WC_RELATIVE) || tok_is(&toks[x], "who"))
                rel = true;
            else if (!rel && has(&toks[x], WC_Q_FINITE_VERBS) && !(toks[x].flags & TF_CAP))
                return false;
        }
    }
    uint32_t e = attribution_end(c, j, send);
    /* "is considered the favourite, expected to win": a second view */
    for (uint32_t x = j + 2; x < e; x++)
        if (is_punct(&toks[x - 1], ",") && has(&toks[x], WC_Q_HEARSAY)) {
            e = x - 1;
            break;
        }
    /* 'was described as "reckless"': quoted words after a cue of its own are
     * a fragment someone said */
    if (is_cue_word(c, k, k + 1))
        for (uint32_t x = j; x < e; x++)
            if (c->in_span[x] || toks[x].kind == TK_QUOTE)
                return false;
    /* "Smith, who is known for her wit, said ...": the relative clause ends
     * at its comma */
    if (relative && b > s->tok_begin && is_punct(&toks[b - 1], ","))
        for (uint32_t x = j + 1; x < e; x++)
            if (is_punct(&toks[x], ",") || toks[x].kind == TK_DASH) {
                e = x;
                break;
            }
    if (tok_is(n, "to"))
        e = plan_end(c, j, e);
    e = trim_end(c, b, e);
    if (e <= j + 1)
        return false;
    memset(out, 0, sizeof *out);
    out->cue_b = q;
    out->cue_e = k + 1;
    out->src_b = out->src_e = q;
    out->sent = toks[k].sent;
    out->kind = CUE_BELIEF;
    out->type = AT_BELIEF;
    out->cue = &hearsay_cue;
    out->cb = b;
    out->ce = e;
    out->hearsay = true;
    out->weak = true;
    return true;
}

/* "Trump faces allegations that ...", "voiced concern that ...": a noun cue
 * (allegations, concern: no verb of ours) as the object of a verb has no
 * speaker before it; the verb's subject is who the words are about. A noun
 * before another is seldom plural or in -ed or -ing ("government claims",
 * "US allegations"); "users report that" keeps its subject. */
static bool noun_cue_object(const qctx *c, const sent *s, uint32_t k, const cue_entry *e)
{
    const doc *d = c->d;
    if (!e->also_noun || k <= s->tok_begin)
        return false;
    const tok *cue = &c->toks[k], *before = &c->toks[k - 1];
    if (events_is_verb(d->lex, cue) || has(cue, WC_Q_FINITE_VERBS) ||
        before->kind != TK_WORD || (before->flags & (TF_CAP | TF_POSSESSIVE)))
        return false;
    bool long_word = before->key_len > 3;
    return events_is_finite_verb(d->lex, before) ||
           (long_word && key_ends(before, "s") && !key_ends(before, "ss")) ||
           (long_word && key_ends(before, "ed")) || ing_form(before);
}

/* Who owns the noun cue at k: "the union's [attempt]", "his [claim]"; an
 * empty phrase at k when no one does ("the claim"). */
static np noun_owner(const qctx *c, const sent *s, uint32_t k)
{
    const tok *toks = c->toks;
    np own;
    if (k > s->tok_begin + 1 && (toks[k - 1].flags & TF_POSSESSIVE)) {
        const mention *om = actors_at(c->d, k - 2);
        if (om)
            return (np){om->tok_begin, om->tok_end, om};
        if (np_before(c, k - 1, s->tok_begin, &own))
            return own;
    }
    if (k > s->tok_begin && (owner_pronoun(&toks[k - 1]) || tok_is(&toks[k - 1], "our") ||
                             tok_is(&toks[k - 1], "my")))
        return (np){k - 1, k, actors_at(c->d, k - 1)};
    return (np){k, k, NULL};
}

static int find_reports(qctx *c, uint32_t si)
{
    doc *d = c->d;
    const tok *toks = c->toks;
    const sent *s = &d->sents.items[si];
    uint32_t send = s->tok_end;
    uint32_t first = c->reports.len;
    report cr;
    if (colon_report(c, s, &cr)) {
        report *rp = VEC_PUSH(d->a, &c->reports);
        if (!rp)
            return PETREL_ERR_NOMEM;
        *rp = cr;
    }
    for (uint32_t k = s->tok_begin; k < send; k++) {
        if (c->in_span[k])
            continue;
        if (has(&toks[k], WC_Q_SEEM_VERBS | WC_Q_HEARSAY)) {
            report hr;
            if (hearsay_report(c, s, k, &hr)) {
                report *rp = VEC_PUSH(d->a, &c->reports);
                if (!rp)
                    return PETREL_ERR_NOMEM;
                *rp = hr;
                continue;
            }
        }
        const cue_entry *e;
        uint32_t n = cue_at(d, k, send, &e);
        if (!n || e->kind == CUE_NOUN)
            continue;
        /* "That culture, they said, emphasizes ...": the verb the sentence
         * resumes with after an attribution inside it is no cue */
        bool resumes = false;
        for (uint32_t i = first; i < c->reports.len && !resumes; i++)
            resumes = c->reports.items[i].resume == k;
        if (resumes)
            continue;
        /* "showed up", "called up": a phrasal verb, not the cue */
        if (k + n < send && tok_is(&toks[k + n], "up"))
            continue;
        /* "have been denied the service", "was refused bail": what was withheld
         * from someone, not a denial anyone made (with "by", the agent denied) */
        if (e->kind == CUE_DENIAL && k > s->tok_begin &&
            (tok_is(&toks[k - 1], "been") || tok_is(&toks[k - 1], "being") ||
             tok_is(&toks[k - 1], "be")) &&
            !(k + n < send && tok_is(&toks[k + n], "by")))
            continue;
        /* "she wrote back", "he fired back": the particle is part of the cue */
        if (k + n < send && tok_is(&toks[k + n], "back") && e->kind == CUE_SPEECH)
            n++;
        /* "The plan was criticized by the union": in the passive the subject
         * is what the judgement or statement is about, the agent its source */
        if (e->np && !e->also_noun &&
            (e->kind == CUE_STANCE || e->kind == CUE_SPEECH || e->kind == CUE_DENIAL) &&
            k > s->tok_begin + 1 && k + n + 1 < send && tok_is(&toks[k + n], "by")) {
            uint32_t p = skip_fillers_back(c, k, s->tok_begin);
            bool be = false;
            for (uint32_t j = p; j < k; j++)
                be = be || has(&toks[j], WC_BE);
            np subj, agent;
            if (be && np_before(c, p, s->tok_begin, &subj) && !c->in_span[subj.b] &&
                np_after(c, k + n + 1, send, &agent) && agent.e > k + n + 1) {
                report pr = {0};
                pr.cue_b = k;
                pr.cue_e = k + n;
                pr.sent = si;
                pr.kind = e->kind;
                pr.cue = e;
                pr.src_b = agent.b;
                pr.src_e = agent.e;
                pr.head = agent.head;
                pr.cb = subj.b;
                pr.ce = subj.e;
                pr.np_clause = true;
                pr.weak = true;
                pr.type = e->kind == CUE_STANCE ? AT_STANCE : AT_SPEECH_ACT;
                report *rp = VEC_PUSH(d->a, &c->reports);
                if (!rp)
                    return PETREL_ERR_NOMEM;
                *rp = pr;
                k = agent.e - 1;
                continue;
            }
        }
        report r = {0};
        r.cue_b = k;
        r.cue_e = k + n;
        r.sent = si;
        r.kind = e->kind;
        r.type = attr_type_of(e->kind);
        r.cue = e;
        np src = {0};
        bool found = false, inverted = false, inherited = false, relative_who = false;
        if (e->kind == CUE_ACCORDING) {
            found = np_after(c, k + n, send, &src);
            inverted = true;
        } else {
            if (k > s->tok_begin &&
                (is_punct(&toks[k - 1], ",") || has(&toks[k - 1], WC_Q_PARTICIPLE_LEADS) ||
                 noun_cue_before(c, k, s->tok_begin)) &&
                ing_form(&toks[k])) {
                /* "..., saying ...": who the sentence is about */
                for (uint32_t i = c->reports.len; i > first && !found; i--)
                    if (c->reports.items[i - 1].src_e > c->reports.items[i - 1].src_b &&
                        !c->reports.items[i - 1].weak) {
                        const report *o = &c->reports.items[i - 1];
                        src = (np){o->src_b, o->src_e, o->head};
                        found = true;
                    }
                if (!found)
                    found = sentence_subject(c, s, k, &src);
                inherited = found;
            }
            uint32_t p = skip_fillers_back(c, k, s->tok_begin);
            const tok *pt = p > s->tok_begin ? &toks[p - 1] : NULL;
            if (found) {
                /* a participle after a comma: its subject is the sentence's */
            } else if (pt && (tok_is(pt, "which") || tok_is(pt, "that")) && p - 1 > s->tok_begin &&
                       (e->kind == CUE_EVIDENCE || e->kind == CUE_SPEECH) && !e->also_noun &&
                       p == k && k + n < send && !is_punct(&toks[k + n], ",") &&
                       !tok_is(&toks[k + n], "to") && !tok_is(&toks[k + n], "by") &&
                       !(toks[p - 2].kind == TK_WORD && is_cue_word(c, p - 2, send))) {
                /* "tax returns that showed he ...", "figures, which showed
                 * ...": the relative pronoun is the source; what it stands
                 * for is a thing, not a speaker */
                src = (np){p - 1, p, NULL};
                found = true;
            } else if (pt && tok_is(pt, "who") && p - 1 > s->tok_begin) {
                /* "Jane Smith, who said ...", "the brawler who calls herself":
                 * "who" is the source as written, the name before it the
                 * speaker (however the sentence around it is built: "backed
                 * by Jane Smith, who said") */
                uint32_t q = is_punct(&toks[p - 2], ",") ? p - 2 : p - 1;
                uint32_t qa = q; /* "Sen. Ron Johnson (R-Wis.), who" */
                if (qa > s->tok_begin + 1 && is_punct(&toks[qa - 1], ")"))
                    for (uint32_t j = qa - 1; j > s->tok_begin && j + 8 > qa; j--)
                        if (is_punct(&toks[j - 1], "(")) {
                            qa = j - 1;
                            break;
                        }
                const mention *am = qa > s->tok_begin ? actors_at(d, qa - 1) : NULL;
                if (am && am->how != MH_PRONOUN && am->tok_end == qa && !am->possessive &&
                    mention_name(d, am)) {
                    src = (np){p - 1, p, am};
                    found = relative_who = true;
                } else {
                    found = np_before(c, q, s->tok_begin, &src);
                }
            } else if (pt && (is_punct(pt, ",") || (pt->kind == TK_QUOTE && closes(pt)) ||
                              pt->kind == TK_DASH)) {
                /* "Smith, 45, said" / "Smith, a lawyer at the firm, said": an
                 * apposition between the speaker and the cue */
                if (is_punct(pt, ","))
                    found = apposed_subject(c, s, p - 1, &src);
                /* "Some conservatives, taken aback by the response, worried
                 * that ...": a long subject with a participle phrase */
                if (!found && e->kind != CUE_NAMING && !e->also_noun && k + n < send &&
                    (tok_is(&toks[k + n], "that") ||
                     (e->bare && is_pronoun(&toks[k + n]) && !tok_is(&toks[k + n], "it"))) &&
                    p - 1 > s->tok_begin)
                    found = long_subject(c, s, p - 1, &src);
                /* '"...," said Jane Smith, the agency's director' */
                if (!found && np_after(c, k + n, send, &src) &&
                    (nothing_after(c, src.e, send) || is_punct(&toks[src.e], ",") ||
                     !is_punct(pt, ",") || (p - 1 > s->tok_begin && toks[p - 2].kind == TK_QUOTE))) {
                    found = true;
                    inverted = true;
                }
            } else {
                /* "what he called "X"": a naming cue needs no clause boundary;
                 * nor does a finding told by a participle after its noun
                 * ("there would be more polls showing him ahead") */
                found = !noun_cue_object(c, s, k, e) &&
                        np_before_x(c, p, s->tok_begin, &src,
                                    e->kind == CUE_NAMING ||
                                        (e->kind == CUE_EVIDENCE && ing_form(&toks[k])));
                /* a long subject: for a cue with "that" or of a kind that
                 * is checked for its clause ("said a goal" is not speech) */
                if (!found && e->kind != CUE_NAMING && !e->also_noun &&
                    (e->kind != CUE_SPEECH ||
                     (k + n < send && tok_is(&toks[k + n], "that")) ||
                     (k + n + 1 < send && has(&toks[k + n], WC_Q_ADVERBIAL_PREPS))))
                    found = long_subject(c, s, p, &src);
                if (!found && pt && (tok_is(pt, "and") || tok_is(pt, "but"))) {
                    /* "... reaffirmed X and said": the sentence's subject */
                    found = sentence_subject(c, s, k, &src);
                    inherited = found;
                }
            }
        }
        /* "Asked whether ...", "When asked if ...": a question put to the
         * subject of the sentence; no one is named as asking */
        if (!found && e->asks && k + n < send &&
            (k == s->tok_begin ||
             (k == s->tok_begin + 1 && tok_is(&toks[s->tok_begin], "when")))) {
            src = (np){k, k, NULL};
            found = true;
        }
        /* "amid allegations that ...", "his warnings that ...", "fears that
         * ...": a statement or a belief told by a noun and its clause, with no
         * speaker named next to it. "claims that were false" is a relative
         * clause. */
        bool nominal = false;
        /* "the decision to ...", "his refusal to ...": a plan told by a noun */
        if (!found && e->also_noun && e->to && k + n + 1 < send && tok_is(&toks[k + n], "to") &&
            k > s->tok_begin &&
            (has(&toks[k - 1], WC_Q_DETERMINERS) || (toks[k - 1].flags & TF_POSSESSIVE) ||
             owner_pronoun(&toks[k - 1]))) {
            src = noun_owner(c, s, k);
            found = nominal = true;
        }
        /* "his claim in March that", "her warning last week that" */
        uint32_t th = !found && e->also_noun ? past_when_or_where(c, k + n, send) : k + n;
        if (!found && th + 2 < send && tok_is(&toks[th], "that") &&
            (e->kind == CUE_SPEECH || e->kind == CUE_BELIEF) &&
            !has(&toks[th + 1], WC_Q_FINITE_VERBS) && !past_participle(&toks[th + 1]) &&
            (e->also_noun ||
             (k > s->tok_begin && (has(&toks[k - 1], WC_Q_DETERMINERS) ||
                                   has(&toks[k - 1], WC_PREPOSITION) ||
                                   tok_is(&toks[k - 1], "amid") || has(&toks[k - 1], WC_BE) ||
                                   (toks[k - 1].flags & TF_POSSESSIVE) ||
                                   owner_pronoun(&toks[k - 1]))))) {
            bool relative = relative_clause(c, th + 1, send) ||
                            (k > s->tok_begin && tok_is(&toks[k - 1], "same")) ||
                            tok_is(&toks[k], "state") || tok_is(&toks[k], "states");
            if (!relative) {
                /* "his claim that" (but "it's implied that" has no owner) */
                src = e->also_noun ? noun_owner(c, s, k) : (np){k, k, NULL};
                found = nominal = true;
            }
        }
        /* "questions about [the emails]", "his criticism of [the plan]": a
         * noun and its preposition, the owner (if any) as the source */
        if (!found && e->np && n > 1 && k + n < send && prep_word(&toks[k + n - 1]) &&
            np_start(c, k + n)) {
            src = noun_owner(c, s, k);
            const mention *om;
            if (src.e == src.b && (om = publisher_of(c, k)))
                src = (np){om->tok_begin, om->tok_end, om}; /* "the council released a report on" */
            found = nominal = true;
        }
        /* "raised questions about", "were worried about": the subject before
         * a verb or the owner before a noun is the source, but no speaker */
        if (found && !nominal && e->np && n > 1 && k + n < send &&
            prep_word(&toks[k + n - 1])) {
            nominal = true;
            if (k > s->tok_begin && past_participle(&toks[k - 1]))
                src = (np){k, k, NULL};
        }
        if (!found)
            continue;
        /* "the report", "his claims": a noun, not the verb */
        if (e->also_noun && !nominal) {
            /* not "Democratic state lawmakers": a capitalised word that is
             * no one */
            bool named = src.head && src.head->how != MH_AGENT &&
                         (src.head->person || mention_code(c->d, src.head));
            /* "reports that ..." -- but in "inspection reports that showed
             * ..." the "that" is the subject of a relative clause */
            bool that = k + n < send && tok_is(&toks[k + n], "that") &&
                        !(k + n + 1 < send && verb_at(c, k + n + 1));
            if (!named && !that)
                continue;
        }
        /* "..., didn't respond": a verb's auxiliary is no speaker (George
         * Will is) */
        if (src.e == src.b + 1 && toks[src.b].kind == TK_WORD && !(toks[src.b].flags & TF_CAP) &&
            (has(&toks[src.b], WC_AUXILIARY) || has(&toks[src.b], WC_NEGATION) ||
             negative_contraction(&toks[src.b])))
            continue;
        r.src_b = src.b;
        r.src_e = src.e;
        r.head = src.head;
        r.inherited = inherited;
        r.weak = nominal;
        /* the clause */
        uint32_t after = r.cue_e;
        if (inverted && src.e > after)
            after = src.e;
        /* where "CLAUSE," would end */
        uint32_t comma = inverted || inherited ? k : src.b;
        if (e->kind == CUE_ACCORDING) {
            comma = k;
            uint32_t lead = s->tok_begin;
            while (lead < k && (toks[lead].kind == TK_PUNCT || tok_is(&toks[lead], "but") ||
                                tok_is(&toks[lead], "and")))
                lead++;
            if (lead == k) { /* "According to X, CLAUSE" */
                r.cb = after;
                while (r.cb < send && is_punct(&toks[r.cb], ","))
                    r.cb++;
                /* "According to Jane Smith, a researcher with the agency, ...":
                 * past an apposition with no verb of its own */
                for (uint32_t j = r.cb + 1; j < send && j < r.cb + 14; j++) {
                    if (toks[j].kind == TK_QUOTE || is_cue_word(c, j, send))
                        break;
                    if (is_punct(&toks[j], ",")) {
                        /* an apposition names a role: "a researcher with ...", "the
                         * agency's envoy" -- not "the draft agreement provides ..." */
                        bool role = tok_is(&toks[r.cb], "a") || tok_is(&toks[r.cb], "an");
                        for (uint32_t q = r.cb; q < j && !role; q++) {
                            const mention *mq = actors_at(d, q);
                            role = mq && mq->person && mq->how != MH_PRONOUN;
                        }
                        if (r.cb > after && role && !has_verb(c, r.cb, j))
                            r.cb = j + 1;
                        break;
                    }
                }
                r.ce = send;
            } else {
                r.cb = s->tok_begin;
                r.ce = comma;
                r.clause_before = true;
                /* "In all, according to the memo, Coke had given $4 million":
                 * the sentence around it */
                uint32_t j = src.e > after ? src.e : after;
                if (j + 3 < send && is_punct(&toks[j], ",") && words_in(c, s->tok_begin, k) < 4 &&
                    has_verb(c, j + 1, send)) {
                    r.ce = send;
                    r.resume = j + 1;
                }
            }
        } else {
            bool after_comma =
                comma > s->tok_begin &&
                (is_punct(&toks[comma - 1], ",") || toks[comma - 1].kind == TK_DASH ||
                 (toks[comma - 1].kind == TK_QUOTE && closes(&toks[comma - 1])));
            /* "CLAUSE, experts told me this week", "CLAUSE, X told The
             * Gazette": past the listener */
            uint32_t after_obj = after;
            if (e->takes_object && after < send && !inverted) {
                np o;
                const tok *t = &toks[after];
                if (tok_is(t, "me") || tok_is(t, "us") || tok_is(t, "him") || tok_is(t, "her") ||
                    tok_is(t, "them") || tok_is(t, "reporters"))
                    after_obj = after + 1;
                else if (np_start(c, after) && np_after(c, after, send, &o) && o.e > after &&
                         o.e <= after + 6)
                    after_obj = o.e;
            }
            /* "..., adding that ...": a participle's clause is after it */
            uint32_t res = !inherited && after_comma ? inserted(c, after, send) : 0;
            bool goes_on = res && said_goes_on(c, res, send);
            if (!inherited && after_comma && !goes_on &&
                (nothing_after(c, after, send) ||
                 (after_obj > after && nothing_after(c, after_obj, send)))) {
                r.cb = s->tok_begin;
                r.ce = comma;
                r.clause_before = true;
            } else if (!inherited && after_comma && (r.resume = res)) {
                /* "The deal, she said, was done": the sentence around it */
                r.cb = s->tok_begin;
                r.ce = send;
                r.clause_before = true;
            } else if (!inverted && e->kind == CUE_NAMING && e->np) {
                /* "called him a liar", "described the plan as reckless": with
                 * no quoted words, the object and what it is called are a
                 * judgement (with them, the words are a fragment) */
                bool quoted = false;
                for (uint32_t j = after; j < send && !quoted; j++)
                    quoted = c->in_span[j] || toks[j].kind == TK_QUOTE;
                uint32_t oe = 0;
                np o;
                if (quoted || after >= send)
                    oe = 0;
                else if (tok_is(&toks[after], "him") || tok_is(&toks[after], "her") ||
                         tok_is(&toks[after], "them") || tok_is(&toks[after], "it") ||
                         tok_is(&toks[after], "us") || tok_is(&toks[after], "me") ||
                         tok_is(&toks[after], "himself") || tok_is(&toks[after], "herself") ||
                         tok_is(&toks[after], "themselves") || tok_is(&toks[after], "itself"))
                    oe = after + 1;
                else if (actors_at(d, after) && actors_at(d, after)->tok_begin == after &&
                         !actors_at(d, after)->possessive)
                    oe = actors_at(d, after)->tok_end; /* "called Smith unworthy of ..." */
                else if (np_start(c, after) && np_after(c, after, send, &o) && o.e > after &&
                         o.e < after + 8)
                    oe = o.e;
                if (oe && oe + 1 < send) {
                    const tok *nt = &toks[oe];
                    if (tok_is(nt, "as") || has(nt, WC_Q_DETERMINERS) ||
                        (nt->kind == TK_WORD && !has(nt, WC_Q_CLOSED_CLASS) &&
                         !has(nt, WC_Q_TIME_WORDS) && !(nt->flags & TF_CAP))) {
                        r.cb = after;
                        r.ce = send;
                    }
                }
            } else if (!inverted && e->kind != CUE_NAMING) {
                /* an inverted cue's phrase is followed by an apposition, not
                 * by what was said: '"...," said Jane Smith, a lawyer' */
                uint32_t cb = after;
                uint32_t tb = e->to ? to_clause(c, cb, send, e) : UINT32_MAX;
                if (tb != UINT32_MAX) {
                    /* "vowed to ...", "urged voters to ...": a plan or a
                     * request, not a statement */
                    r.to_clause = true;
                    cb = tb;
                } else if (e->kind == CUE_DENIAL) {
                    /* "rejected allegations that ...", "denied reports that ...";
                     * "rejected amendments that would ..." is a relative clause */
                    /* not past another cue: "rejects the charge and notes
                     * that ..." rejects no more than the charge */
                    uint32_t j = cb;
                    while (j < send && j < cb + 5 && !tok_is(&toks[j], "that") &&
                           !is_punct(&toks[j], ",") && !is_cue_word(c, j, send))
                        j++;
                    if (j < send && tok_is(&toks[j], "that")) {
                        if ((j == cb || has(&toks[j - 1], WC_Q_CLAIM_NOUNS) ||
                             (j + 1 < send && !has(&toks[j + 1], WC_Q_FINITE_VERBS))) &&
                            !(j > cb && relative_clause(c, j + 1, send)))
                            cb = j;
                        else
                            cb = send; /* a relative clause: nothing reported */
                    }
                }
                r.cb = r.to_clause ? cb : cb < send ? clause_start(c, cb, send, e) : send;
                r.ce = send;
                /* an explanation in brackets is the writer's, not the speaker's */
                for (uint32_t j = r.cb + 3; j < send; j++)
                    if (is_punct(&toks[j], "(") && !c->in_span[j]) {
                        r.ce = j;
                        break;
                    }
            }
        }
        /* "Jane Smith, who said that the port would reopen, left early": what
         * she said ends with the relative clause, where the sentence's own
         * verb comes back */
        if (relative_who && is_punct(&toks[r.src_b - 1], ","))
            for (uint32_t j = r.cb + 2; j + 1 < r.ce; j++)
                if (is_punct(&toks[j], ",") && !c->in_span[j] && verb_at(c, j + 1) &&
                    !is_cue_word(c, j + 1, send)) {
                    r.ce = j;
                    break;
                }
        /* "Days after the minister said the port would stay shut, navy
         * ships sailed": a report inside an opening subordinate clause
         * ends where the main clause's subject and verb come */
        if (r.ce > r.cb + 2 && !r.clause_before && !r.resume && r.cb > r.src_b &&
            fronted_subordinate(c, s, r.src_b))
            /* the last such comma: "said that by 2020, troops would leave,
             * the Taliban attacked" */
            for (uint32_t j = r.ce - 2; j >= r.cb + 2; j--)
                if (is_punct(&toks[j], ",") && !c->in_span[j] && main_clause_at(c, j + 1, r.ce)) {
                    r.ce = j;
                    break;
                }
        if (r.ce > r.cb)
            r.ce = trim_end(c, r.cb, r.ce);
        if (r.to_clause)
            r.type = AT_INTENTION;
        else if (nominal && r.type == AT_SPEECH)
            r.type = AT_SPEECH_ACT;
        /* "criticised the plan", "announced a settlement": no clause, but the
         * object is what the attribution is about (a stance cue, or a speech
         * cue that takes no "that", never has a clause; another speech cue's
         * object counts when no clause follows) */
        /* a speech verb whose object quotes words ("recalled "moments of
         * hostility"") reports them: a partial quotation, as a clause would */
        bool np_quotes = false;
        if (e->np && e->kind == CUE_SPEECH)
            for (uint32_t j = r.cb; j < r.ce && !np_quotes; j++)
                np_quotes = c->in_span[j] || toks[j].kind == TK_QUOTE;
        /* "dismissed that notion": "that" is the object's determiner */
        if (e->np && !r.to_clause && !inverted && !r.clause_before && r.ce > r.cb + 1 &&
            r.cb > k + n && tok_is(&toks[r.cb - 1], "that") && r.cb - 1 == after &&
            toks[r.cb].kind == TK_WORD && !(toks[r.cb].flags & TF_CAP) &&
            !has(&toks[r.cb], WC_Q_CLOSED_CLASS) && nounish(c, r.cb, send) &&
            !has_verb(c, r.cb, r.ce))
            r.cb--;
        if (e->np && !r.to_clause && !inverted && !r.clause_before && r.ce > r.cb &&
            !np_quotes && (np_start(c, r.cb) || tok_is(&toks[r.cb], "that")) &&
            (e->kind == CUE_STANCE || (!e->takes_that && !e->bare) ||
             (!tok_is(&toks[r.cb - 1], "that") &&
              (!looks_like_clause(c, r.cb, attribution_end(c, r.cb, r.ce), false, e) ||
               (!e->bare && np_relative(c, r.cb, r.ce)))))) {
            r.np_clause = true;
            r.type = e->kind == CUE_STANCE || e->kind == CUE_NAMING ? AT_STANCE
                     : e->kind == CUE_EVIDENCE ? AT_EVIDENCE
                     : e->kind == CUE_BELIEF   ? AT_BELIEF
                                               : AT_SPEECH_ACT;
        }
        if ((r.to_clause || r.np_clause) && r.ce > r.cb)
            r.ce = trim_end(c, r.cb, attribution_end(c, r.cb, r.ce));
        if (r.to_clause && r.ce > r.cb)
            r.ce = trim_end(c, r.cb, plan_end(c, r.cb, r.ce));
        if (r.np_clause && r.ce > r.cb)
            r.ce = trim_end(c, r.cb, object_end(c, r.cb, r.ce));
        /* "will find a way", "the plan was", "seeking the death penalty": a
         * plan, a finding or a perception needs its clause, else the word is
         * no cue and must not cut the clause of a report around it */
        /* "an expert cited in the report": a cue that only takes an object
         * has none here */
        if (e->np && !e->takes_that && !e->bare && !r.np_clause && !r.to_clause &&
            e->kind != CUE_ACCORDING && e->kind != CUE_NAMING)
            continue;
        if (r.type != AT_SPEECH && r.kind != CUE_BELIEF && !r.to_clause && !r.np_clause) {
            bool clause = e->takes_that && r.ce > r.cb &&
                          (r.clause_before ? has_verb(c, r.cb, r.ce)
                                           : looks_like_clause(c, r.cb, r.ce,
                                                               tok_is(&toks[r.cb - 1], "that"), e));
            if (!clause)
                continue;
        }
        report *rp = VEC_PUSH(d->a, &c->reports);
        if (!rp)
            return PETREL_ERR_NOMEM;
        *rp = r;
        k = (inverted && src.e > r.cue_e ? src.e : r.cue_e) - 1;
    }
    /* a later report cuts the clause of an earlier one where it starts after a
     * comma ("X said A, adding B", "X said A, while Y said B"); one inside a
     * clause with no comma is nested ("the kind that Kyiv says ...") */
    for (uint32_t i = first; i < c->reports.len; i++) {
        report *r = &c->reports.items[i];
        if (r->ce <= r->cb)
            continue;
        for (uint32_t j = first; j < c->reports.len; j++) {
            report *o = &c->reports.items[j];
            /* "X fell, and is expected to fall again, the firm wrote": a
             * belief no one holds is part of the clause around it */
            if (j == i || o->hearsay)
                continue;
            uint32_t start = o->src_e > o->src_b && o->src_b < o->cue_b && !o->inherited
                                 ? o->src_b
                                 : o->cue_b;
            if (start <= r->cb || start >= r->ce)
                continue;
            uint32_t b = start;
            /* "..., although several surveys show ...", "..., even though
             * experts say ..." */
            while (b > r->cb && b + 3 > start &&
                   (tok_is(&toks[b - 1], "and") || tok_is(&toks[b - 1], "but") ||
                    tok_is(&toks[b - 1], "while") || tok_is(&toks[b - 1], "whereas") ||
                    tok_is(&toks[b - 1], "whilst") || tok_is(&toks[b - 1], "although") ||
                    tok_is(&toks[b - 1], "though") || tok_is(&toks[b - 1], "even") ||
                    tok_is(&toks[b - 1], "yet")))
                b--;
            /* "In a letter, the minister criticized X, the paper reported":
             * a phrase with no verb before the comma says only where or when
             * (a statement after it is still the statement reported: "Earlier,
             * Weaver said X, according to the AP") */
            bool opening_phrase = r->clause_before && !r->resume && b == start &&
                                  o->type != AT_SPEECH && !has_verb(c, r->cb, b - 1);
            if (b > r->cb && !opening_phrase &&
                (is_punct(&toks[b - 1], ",") || is_punct(&toks[b - 1], ";") ||
                 toks[b - 1].kind == TK_DASH)) {
                r->ce = trim_end(c, r->cb, b - 1);
                break;
            }
            /* "... is ''unfair'' and says he alone can fix it": a second verb
             * of the same subject starts its own clause */
            if (o->inherited && b < start && b > r->cb) {
                r->ce = trim_end(c, r->cb, b);
                break;
            }
            if (!o->clause_before)
                o->nested = true;
        }
    }
    /* a belief or a plan whose cue sits in someone's statement is part of
     * what was said ("The program aims to help ..., Kim says", "told media
     * that he thinks ..."): not an attribution of its own */
    for (uint32_t j = first; j < c->reports.len; j++) {
        report *o = &c->reports.items[j];
        for (uint32_t i = first; i < c->reports.len && o->type != AT_SPEECH && !o->nested; i++) {
            const report *r = &c->reports.items[i];
            if (i != j && speech_report(r) && r->ce > r->cb && r->cb <= o->cue_b &&
                o->cue_e <= r->ce)
                o->nested = true;
        }
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ speakers */

static bool pronoun_source(const qctx *c, const report *r)
{
    return r->src_e == r->src_b + 1 && is_pronoun(&c->toks[r->src_b]);
}

static char pronoun_gender(const tok *t)
{
    return tok_is(t, "he") ? 'm' : tok_is(t, "she") ? 'f' : 0;
}

static const entity *entity_of(const doc *d, const mention *m)
{
    return m && m->entity ? &d->entities.items[m->entity - 1] : NULL;
}

static bool known_person(const qctx *c, const mention *m);

/* Can speaker m be what pronoun t stands for? */
static bool fits_pronoun(const qctx *c, const mention *m, const tok *t)
{
    if (!m)
        return false;
    const entity *e = entity_of(c->d, m);
    char g = pronoun_gender(t);
    if (g)
        return known_person(c, m) && mention_name(c->d, m) && !(e->gender && e->gender != g);
    if (tok_is(t, "it"))
        return !m->person && !m->plural && mention_name(c->d, m);
    if (tok_is(t, "they"))
        return !m->person;
    return false; /* "I", "we", "you" in narrative: no referent here */
}

/* The word that says what kind of thing a name names: its last word, or the
 * institution's noun before "of", "on" or "for" inside it ("Diocese" in "the
 * Anglican Diocese of Toronto"). */
static const tok *name_head(const qctx *c, const mention *m)
{
    for (uint32_t k = m->tok_begin; k + 2 < m->tok_end; k++)
        if (has(&c->toks[k], WC_Q_ORG_HEADS) &&
            (tok_is(&c->toks[k + 1], "of") || tok_is(&c->toks[k + 1], "on") ||
             tok_is(&c->toks[k + 1], "for")))
            return &c->toks[k];
    return &c->toks[m->tok_end - 1];
}

/* Is m an organisation by its name: an acronym ("IRCC"), a name ending in an
 * organisation's noun ("BC Hydro", "Teamsters Local"), or a dictionary
 * organisation? */
static bool org_name(const qctx *c, const mention *m)
{
    const tok *last = name_head(c, m);
    /* an organisation named again ("FAA" after "FAA") is one as much as the
     * first time */
    if (m->how == MH_NAME || (m->how == MH_SURNAME && !m->person))
        return ((last->flags & TF_ALLCAPS) && last->key_len >= 3) ||
               (m->tok_end - m->tok_begin >= 2 &&
                (has(last, WC_Q_ORG_HEADS) || tok_is(last, "hydro") || tok_is(last, "local")));
    if (m->how == MH_DICT && !m->person) {
        const char *code = mention_code(c->d, m);
        /* a country or a city is not "the company" */
        return code && (strlen(code) != 3 || m->tok_end - m->tok_begin > 1) &&
               (last->flags & TF_ALLCAPS || has(last, WC_Q_ORG_HEADS));
    }
    return false;
}

/* A person we know is one: a given name, an honorific, a title, or the
 * dictionary. */
static bool known_person(const qctx *c, const mention *m)
{
    const entity *e = entity_of(c->d, m);
    return m->person && e && (e->gender || e->title || m->how == MH_DICT);
}

/* The latest named mention before token k that fits: a person, or an
 * organisation (one whose name ends in head, if any), outside quotation
 * marks, within a dozen sentences. */
static const mention *recent_named(const qctx *c, uint32_t k, bool person, const tok *head,
                                   char gender)
{
    const doc *d = c->d;
    uint32_t si = c->toks[k].sent;
    const mention *any = NULL;
    for (uint32_t i = mentions_before(d, k); i > 0; i--) {
        const mention *m = &d->mentions.items[i - 1];
        if (m->sent + (person ? 25 : 12) < si)
            break;
        if (c->in_span[m->tok_begin] || m->how == MH_PRONOUN || m->possessive ||
            !mention_name(d, m))
            continue;
        if (person && known_person(c, m) &&
            !(gender && entity_of(d, m)->gender && entity_of(d, m)->gender != gender))
            return m;
        if (!person && !m->person && org_name(c, m)) {
            if (head && name_head(c, m)->hash == head->hash)
                return m;
            if (!any)
                any = m;
        }
    }
    return any;
}

/* The organisation a text is about: the non-person name mentioned most often
 * before token k (at least three times). */
static const mention *frequent_org(qctx *c, uint32_t k)
{
    const doc *d = c->d;
    /* reports are resolved in text order: the counts run on from the last
     * call, so the whole document is counted once */
    if (!c->org_count) {
        c->org_count = arena_zalloc(d->a, (d->entities.len + 1) * sizeof *c->org_count);
        c->org_best_n = 2;
        if (!c->org_count)
            return NULL;
    }
    for (; c->org_cursor < d->mentions.len && d->mentions.items[c->org_cursor].tok_begin < k;
         c->org_cursor++) {
        const mention *m = &d->mentions.items[c->org_cursor];
        if (!m->entity)
            continue;
        uint32_t n = ++c->org_count[m->entity - 1];
        if (m->how == MH_NAME && !m->person && n > c->org_best_n) {
            c->org_best = m;
            c->org_best_n = n;
        }
    }
    return c->org_best;
}

/* The named person a sentence is about: its subject, when the subject is a
 * person we know is one (or a pronoun the actor stage resolved to one). */
static const mention *sentence_person(const qctx *c, uint32_t si)
{
    const sent *s = &c->d->sents.items[si];
    np x;
    if (!sentence_subject(c, s, s->tok_end, &x) || !x.head || c->in_span[x.b])
        return NULL;
    return known_person(c, x.head) && mention_name(c->d, x.head) ? x.head : NULL;
}

/* Who the pronoun subject of report i is: the latest speaker before it, or the
 * person a sentence before it is about, whichever comes last and fits ("Smith
 * said ... . Jones disagreed. "...," he said": Jones). NULL: leave it to the
 * actor stage. */
static const mention *pronoun_speaker(const qctx *c, uint32_t i)
{
    const doc *d = c->d;
    const report *r = &c->reports.items[i];
    const tok *t = &c->toks[r->src_b];
    bool want_person = pronoun_gender(t) != 0;
    uint32_t pa = d->sents.items[r->sent].para;
    uint32_t j = i;
    for (uint32_t si = r->sent + 1; si-- > 0 && si + 8 > r->sent;) {
        if (d->sents.items[si].para + 2 < pa)
            break;
        bool had_report = false;
        for (; j > 0 && c->reports.items[j - 1].sent == si; j--) {
            const report *o = &c->reports.items[j - 1];
            if (o->kind == CUE_NAMING || !o->speaker || o->weak)
                continue;
            had_report = true;
            if (fits_pronoun(c, o->speaker, t))
                return o->speaker;
            if (o->speaker->person == want_person && mention_name(d, o->speaker))
                return NULL; /* the latest speaker of that kind does not fit */
        }
        while (j > 0 && c->reports.items[j - 1].sent > si)
            j--;
        if (!had_report && si < r->sent && want_person) {
            const mention *m = sentence_person(c, si);
            if (m && fits_pronoun(c, m, t))
                return m;
            /* "... positive results for accountant Jane Okafor, 50. "...," she
             * says": the sentence right before a quote introduces its speaker
             * even when she is not its subject -- if she is the only person
             * it names */
            if (si + 1 == r->sent) {
                const mention *only = NULL;
                uint32_t n = 0;
                for (uint32_t k = mentions_before(d, d->sents.items[si].tok_end); k > 0; k--) {
                    const mention *x = &d->mentions.items[k - 1];
                    if (x->sent < si)
                        break;
                    if (x->sent != si || !x->person || x->how == MH_PRONOUN ||
                        c->in_span[x->tok_begin] || !mention_name(d, x))
                        continue;
                    if (!only || x->entity != only->entity)
                        n++;
                    only = x;
                }
                if (n == 1 && fits_pronoun(c, only, t))
                    return only;
            }
        }
    }
    return NULL;
}

/* Can m be what "the company" stands for: a named organisation, learned from
 * the text or a dictionary organisation (not a country or a person)? */
static bool named_org(const qctx *c, const mention *m)
{
    if (!m || m->person || m->plural || !mention_name(c->d, m) || c->in_span[m->tok_begin])
        return false;
    if (m->entity)
        return !entity_of(c->d, m)->person;
    return m->how == MH_DICT && m->type == AT_ORG;
}

/* The organisation "the company" in report i stands for: a speaker of the
 * three sentences before it, or the subject of the sentence right before, in
 * the same paragraph or the one before; NULL if none. */
static const mention *org_just_before(const qctx *c, uint32_t i)
{
    const doc *d = c->d;
    const report *r = &c->reports.items[i];
    uint32_t pa = d->sents.items[r->sent].para;
    uint32_t j = i;
    for (uint32_t si = r->sent + 1; si-- > 0 && si + 3 >= r->sent;) {
        if (d->sents.items[si].para + 1 < pa)
            break;
        for (; j > 0 && c->reports.items[j - 1].sent == si; j--) {
            const mention *o = c->reports.items[j - 1].weak ? NULL : c->reports.items[j - 1].speaker;
            if (o && o != r->head && named_org(c, o))
                return o;
        }
        while (j > 0 && c->reports.items[j - 1].sent > si)
            j--;
        if (si + 1 == r->sent) {
            np x;
            const sent *s = &d->sents.items[si];
            if (sentence_subject(c, s, s->tok_end, &x) && x.head && named_org(c, x.head))
                return x.head;
        }
    }
    return NULL;
}

/* Verbs by which someone brings a document out: "the union released a report". */
static bool brings_out(const tok *t)
{
    static const char *const verbs[] = {
        "released", "releases", "published", "publishes", "issued", "issues", "filed",
        "files", "wrote", "commissioned", "prepared", "produced", "unveiled", "presented",
        "submitted", "sent", "launched", "tabled", "authored", "circulated", "posted", NULL,
    };
    return tok_in(t, verbs);
}

/* Can m be named as a document's author: a name, not a pronoun, outside
 * quotation marks? */
static bool can_author(const qctx *c, const mention *m)
{
    return m && m->how != MH_PRONOUN && !c->in_span[m->tok_begin] && mention_name(c->d, m);
}

/* A named mention that can write a document, starting at token k (after a
 * determiner, if one comes first); NULL if none. */
static const mention *named_at(const qctx *c, uint32_t k, uint32_t end)
{
    if (k < end && has(&c->toks[k], WC_Q_DETERMINERS) && !actors_at(c->d, k))
        k++;
    const mention *m = k < end ? actors_at(c->d, k) : NULL;
    return can_author(c, m) ? m : NULL;
}

/* Who the document named at token k comes from, where the text says so: a
 * name or owner before it ("the Harbour Watch study", "the agency's report"),
 * "by" or "from" after it ("a study by the institute", "a report released
 * Monday by ..."), or the subject of a verb that brought it out ("the
 * institute released a study"); NULL if none of these. */
static const mention *author_at(const qctx *c, uint32_t k)
{
    const doc *d = c->d;
    const tok *toks = c->toks;
    if (toks[k].sent >= d->sents.len) /* in a dropped paragraph: no sentence */
        return NULL;
    const sent *s = &d->sents.items[toks[k].sent];
    /* a name or owner right before it, a word or two of description between
     * ("the union's Friday release") */
    for (uint32_t j = k, words = 0; j > s->tok_begin && words <= 2; j--, words++) {
        const mention *m = actors_at(d, j - 1);
        if (m) {
            if ((m->tok_end == k || m->possessive) && can_author(c, m))
                return m;
            break;
        }
        if (toks[j - 1].kind != TK_WORD || has(&toks[j - 1], WC_Q_DETERMINERS))
            break;
    }
    /* "by" or "from" within the words after it, before any punctuation */
    for (uint32_t j = k + 1; j < s->tok_end && j <= k + 8; j++) {
        if (toks[j].kind != TK_WORD && toks[j].kind != TK_NUMBER)
            break;
        /* "a memo obtained by the newspaper": who has it, not who wrote it */
        if (tok_in(&toks[j], (const char *const[]){"obtained", "seen", "reviewed",
                                                         "received", "viewed", "examined",
                                                         "leaked", "cited", "quoted",
                                                         "reported", NULL}))
            break;
        if (tok_is(&toks[j], "by") || tok_is(&toks[j], "from")) {
            const mention *m = named_at(c, j + 1, s->tok_end);
            if (m)
                return m;
            break;
        }
    }
    return publisher_of(c, k);
}

/* "X released a report": the subject of a verb that brought out the document
 * at token k (back over the determiner and description to the verb, over an
 * auxiliary or adverb to its subject); NULL if none. */
static const mention *publisher_of(const qctx *c, uint32_t k)
{
    const doc *d = c->d;
    const tok *toks = c->toks;
    if (toks[k].sent >= d->sents.len)
        return NULL;
    const sent *s = &d->sents.items[toks[k].sent];
    uint32_t v = k;
    while (v > s->tok_begin && k - v <= 3 && toks[v - 1].kind == TK_WORD &&
           !brings_out(&toks[v - 1]) && !actors_at(d, v - 1))
        v--;
    if (v == s->tok_begin || !brings_out(&toks[v - 1]))
        return NULL;
    uint32_t subj = v - 1;
    for (int skip = 0; skip < 2 && subj > s->tok_begin && !actors_at(d, subj - 1) &&
                       toks[subj - 1].kind == TK_WORD && !has(&toks[subj - 1], WC_Q_DETERMINERS);
         skip++)
        subj--;
    const mention *m = subj > s->tok_begin ? actors_at(d, subj - 1) : NULL;
    if (m && !m->possessive && can_author(c, m))
        return m;
    return NULL;
}

/* The author of the document a report's source is ("the report said"): the
 * one its own phrase names, else, for "the report", the one named with the
 * latest same document before it in the last dozen sentences. dk is the
 * document's noun in the source phrase. */
static const mention *document_author(const qctx *c, const report *r, uint32_t dk)
{
    const mention *m = author_at(c, dk);
    if (m || !tok_is(&c->toks[r->src_b], "the"))
        return m;
    uint64_t h = c->toks[dk].hash;
    for (uint32_t k = r->src_b; k-- > 0;) {
        const tok *t = &c->toks[k], *dt = &c->toks[dk];
        if (t->sent >= c->d->sents.len) /* a dropped paragraph */
            continue;
        if (t->sent + 12 < r->sent)
            break;
        if (t->hash != h || c->in_span[k] || t->key_len != dt->key_len ||
            memcmp(t->key, dt->key, dt->key_len))
            continue;
        if ((m = author_at(c, k)))
            return m;
    }
    return NULL;
}

/* Did an earlier mention, within the last 25 sentences, refer to m's entity? */
static bool entity_met_before(const qctx *c, const mention *m)
{
    const doc *d = c->d;
    if (!m->entity)
        return false;
    for (uint32_t i = mentions_before(d, m->tok_begin); i > 0; i--) {
        const mention *o = &d->mentions.items[i - 1];
        if (o->sent + 25 < m->sent)
            break;
        if (o->entity == m->entity)
            return true;
    }
    return false;
}

static bool description_misfits(const doc *d, const mention *description, const mention *m)
{
    const char *x = mention_country(d, description), *y = mention_country(d, m);
    return x && y && strncmp(x, y, 3);
}

/* Who each report's speaker is. A pronoun that is the subject of a speech cue
 * is the speaker before it when that one fits ("Smith said ... . He added"); a
 * definite description names the person or organisation last named ("the
 * mayor said", "the company said"). Reports are resolved in text order, so a
 * run of them follows one speaker. */
static void resolve_speakers(qctx *c)
{
    doc *d = c->d;
    const tok *toks = c->toks;
    for (uint32_t i = 0; i < c->reports.len; i++) {
        report *r = &c->reports.items[i];
        r->speaker = r->head;
        if (r->src_e <= r->src_b)
            continue;
        if (pronoun_source(c, r)) {
            const mention *m = pronoun_speaker(c, i);
            if (m)
                r->speaker = m;
            /* "the mayor ... he said": a person the text has not named here is
             * the person it named last */
            else if (r->head && r->head->person && !mention_name(d, r->head) &&
                     pronoun_gender(&toks[r->src_b]))
                r->speaker = recent_named(c, r->src_b, true, NULL, pronoun_gender(&toks[r->src_b]));
            if (!r->speaker)
                r->speaker = r->head;
            continue;
        }
        /* "the Kentucky Republican": capitalised, but a description */
        const tok *f = &toks[r->src_b];
        bool described = r->head && r->head->how == MH_NAME && r->head->person &&
                         !known_person(c, r->head) && tok_is(f, "the");
        if (r->head && mention_name(d, r->head) && !described)
            continue;
        /* "the mayor", "the company", "the 26-year-old right wing", "the
         * president of the European Council" */
        uint32_t head_end = r->src_b;
        while (head_end < r->src_e && !has(&toks[head_end], WC_Q_NP_PREPS))
            head_end++;
        if (!tok_is(f, "the") || head_end - r->src_b > 5)
            continue;
        bool org = false, group = false;
        uint32_t document = 0; /* the document's noun + 1 */
        for (uint32_t k = r->src_b + 1; k < r->src_e; k++) {
            const cue_entry *ce;
            if (has(&toks[k], WC_Q_NP_PREPS))
                break;
            org = org || has(&toks[k], WC_Q_ORG_HEADS);
            group = group || has(&toks[k], WC_Q_GROUP_HEADS) || has(&toks[k], WC_Q_PLACE_HEADS);
            if (!document && cue_at(d, k, r->src_e, &ce) &&
                (ce->kind == CUE_NOUN || ce->also_noun))
                document = k + 1;
        }
        if (document && !group) {
            /* "the report said": who wrote it, when the text says */
            const mention *m = document_author(c, r, document - 1);
            if (m)
                r->speaker = m;
            continue;
        }
        if (group)
            continue;
        /* an agent without a person's title counts as plural ("officials"),
         * but "the company" is one organisation: the one that spoke or was
         * the subject just before ("Suncor received ... . The company
         * noted"), else the phrase as written */
        if (r->head && r->head->plural) {
            const mention *m = org ? org_just_before(c, i) : NULL;
            if (m)
                r->speaker = m;
            continue;
        }
        /* "Niederreiter has four goals since Minnesota traded him for Rask.
         * The 26-year-old right wing said": a description picks up the
         * person the sentence before is about, not the last name in it */
        const mention *m = !org && r->sent > 0 ? sentence_person(c, r->sent - 1) : NULL;
        if (!m)
            m = recent_named(c, r->src_b, !org, &toks[head_end - 1], 0);
        if (!m && org) {
            /* an organisation that spoke before: "Facebook said ... The
             * company said" */
            for (uint32_t j = i; j > 0 && !m; j--) {
                const mention *o =
                    c->reports.items[j - 1].weak ? NULL : c->reports.items[j - 1].speaker;
                if (o && !o->person && !o->plural && o->how != MH_PRONOUN &&
                    mention_name(d, o) && c->reports.items[j - 1].sent + 25 >= r->sent)
                    m = o;
            }
        }
        if (!m && org)
            m = frequent_org(c, r->src_b);
        /* "Kenya's interior minister said ... . The minister said": an office
         * the text has spoken of before is its holder, not the last person
         * named, unless that person is of the office's country */
        if (m && r->head && r->head->how == MH_TITLE && entity_met_before(c, r->head) &&
            !same_country(d, m, r->head))
            m = NULL;
        /* "Obama said ... . The German foreign minister said": a description
         * of another country is someone else (an office is no test: a
         * "former governor" may hold another title now) */
        if (m && r->head && description_misfits(d, r->head, m))
            m = NULL;
        if (m)
            r->speaker = m;
    }
}

/* ------------------------------------------------------------ records */

/* The speaker's name when the phrase names no one: the phrase as written. */
static const char *phrase_name(doc *d, const report *r)
{
    if (r->src_e <= r->src_b)
        return NULL;
    const tok *toks = d->toks.items;
    const tok *t = &toks[r->src_b];
    if (r->src_e == r->src_b + 1 && (is_pronoun(t) || tok_is(t, "his") || tok_is(t, "her") ||
                                     tok_is(t, "their") || tok_is(t, "its") ||
                                     tok_is(t, "our") || tok_is(t, "my") ||
                                     tok_is(t, "which") || tok_is(t, "that")))
        return NULL;
    char *s = arena_strndup(d->a, d->text + toks[r->src_b].start,
                            toks[r->src_e - 1].end - toks[r->src_b].start);
    if (s)
        for (char *p = s; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    return s;
}

/* Record tokens [tb, te) as a quotation. *out receives it, or NULL when no
 * words are left once the edges are trimmed. */
static int add_quote(qctx *c, uint8_t kind, uint32_t tb, uint32_t te, const report *r,
                     const mention *speaker, quote **out)
{
    *out = NULL;
    doc *d = c->d;
    const tok *toks = c->toks;
    /* no marks at the edges, unless a reported clause holds a whole quotation */
    bool direct = kind == PETREL_QUOTE_DIRECT;
    while (tb < te && (toks[tb].kind == TK_DASH || is_punct(&toks[tb], ",") ||
                       (toks[tb].kind == TK_QUOTE &&
                        (direct || !c->in_span[tb] ||
                         c->spans.items[c->in_span[tb] - 1].open != tb))))
        tb++;
    while (te > tb && (is_punct(&toks[te - 1], ",") || is_punct(&toks[te - 1], ":") ||
                       toks[te - 1].kind == TK_DASH ||
                       (toks[te - 1].kind == TK_QUOTE &&
                        (direct || !c->in_span[te - 1] ||
                         c->spans.items[c->in_span[te - 1] - 1].open < tb))))
        te--;
    if (te <= tb || !words_in(c, tb, te))
        return PETREL_OK;
    quote *q = VEC_PUSH(d->a, &d->quotes);
    if (!q)
        return PETREL_ERR_NOMEM;
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->tok_begin = tb;
    q->tok_end = te;
    q->start = toks[tb].start;
    q->end = toks[te - 1].end;
    q->sent = toks[tb].sent;
    if (r) {
        q->has_cue = true;
        q->cue_start = toks[r->cue_b].start;
        q->cue_end = toks[r->cue_e - 1].end;
        if (r->src_e > r->src_b) {
            q->has_source = true;
            q->src_start = toks[r->src_b].start;
            q->src_end = toks[r->src_e - 1].end;
        }
        speaker = r->speaker ? r->speaker : speaker;
        q->speaker_name = phrase_name(d, r);
    }
    if (speaker) {
        q->mention = (uint32_t)(speaker - d->mentions.items) + 1;
        if (!q->speaker_name || speaker->how == MH_PRONOUN)
            q->speaker_name = speaker_name(d, speaker);
        q->speaker_code = mention_code(d, speaker);
    }
    *out = q;
    return PETREL_OK;
}

/* The report right after a closing mark: '"...," Tavakoli said', '"...," said
 * the minister', '"...," he added'. */
static uint32_t report_after(const qctx *c, uint32_t close)
{
    const tok *toks = c->toks;
    uint32_t j = close + 1;
    while (j < c->d->toks.len && (is_punct(&toks[j], ",") || toks[j].kind == TK_DASH))
        j++;
    if (j >= c->d->toks.len || toks[close].sent == UINT32_MAX)
        return 0;
    /* '"...," then-mayor Jane Roe said': "then" leads the speaker's phrase */
    uint32_t src = j + (j + 1 < c->d->toks.len && then_hyphen(&toks[j]));
    FOR_REPORTS_OF(c, toks[close].sent, i) {
        const report *r = &c->reports.items[i];
        if (!speech_report(r))
            continue;
        if (r->cue_b == j && (r->src_e <= r->src_b || r->src_b >= r->cue_e))
            return i + 1;
        if (r->src_e > r->src_b && (r->src_b == j || r->src_b == src) && r->cue_b > r->src_b)
            return i + 1;
    }
    return 0;
}

/* The report whose clause starts at an opening mark: 'Tavakoli said: "..."',
 * 'according to Harlow, "..."'. */
static uint32_t report_before(const qctx *c, uint32_t open)
{
    if (c->toks[open].sent == UINT32_MAX)
        return 0;
    FOR_REPORTS_OF(c, c->toks[open].sent, i) {
        const report *r = &c->reports.items[i];
        if (!r->clause_before && r->ce > r->cb && r->cb == open && speech_report(r))
            return i + 1;
    }
    return 0;
}

/* The report whose clause holds the opening mark. */
static uint32_t report_around(const qctx *c, uint32_t open)
{
    uint32_t best = 0;
    if (c->toks[open].sent == UINT32_MAX)
        return 0;
    FOR_REPORTS_OF(c, c->toks[open].sent, i) {
        const report *r = &c->reports.items[i];
        /* quoted words in a plan or a finding are not its own: they go to
         * the statement around it, or stand as a fragment */
        if (r->ce > r->cb && r->cb <= open && open < r->ce &&
            (r->type == AT_SPEECH || (own_words(r->type) && !r->nested && !r->hearsay)) &&
            (!best || r->cb > c->reports.items[best - 1].cb))
            best = i + 1;
    }
    return best;
}

/* A naming or belief cue before a fragment in its sentence: 'called it "X"'. */
static uint32_t report_fragment(const qctx *c, uint32_t open)
{
    const tok *toks = c->toks;
    uint32_t si = toks[open].sent, best = 0;
    if (si == UINT32_MAX)
        return 0;
    FOR_REPORTS_OF(c, si, i) {
        const report *r = &c->reports.items[i];
        /* quoted words after "planned to", "polls show" are the writer's */
        if (r->cue_e > open || !own_words(r->type) || r->hearsay)
            continue;
        /* "a film called "The Long Passage"": a name given to a thing right
         * after its noun is a title, not anyone's words */
        uint32_t k = r->cue_e;
        while (k < open && tok_is(&toks[k], "as"))
            k++;
        if (r->kind == CUE_NAMING && k == open && r->src_e == r->cue_b &&
            r->src_e > r->src_b && !is_pronoun(&toks[r->src_e - 1]) &&
            !tok_is(&toks[r->src_b], "what"))
            continue;
        best = i + 1;
    }
    return best;
}

/* Who the cue-less quote at span si continues: the speaker of the latest quote
 * or report before it, in its paragraph or the two before. Both scans walk
 * back from the quote and stop at that distance. */
static const report *previous_report(const qctx *c, uint32_t si, const mention **speaker)
{
    const doc *d = c->d;
    uint32_t k = c->spans.items[si].open;
    uint32_t para_k = d->sents.items[c->toks[k].sent].para;
    const report *best = NULL, *best_person = NULL;
    const mention *who = NULL, *who_person = NULL;
    uint32_t best_at = 0, person_at = 0;
    bool found = false, found_person = false;
    *speaker = NULL;
    for (uint32_t i = si; i > 0; i--) {
        const span *s = &c->spans.items[i - 1];
        uint32_t ss = c->toks[s->open].sent;
        if (ss == UINT32_MAX || d->sents.items[ss].para + 2 < para_k)
            break;
        if ((!s->report && !s->speaker) || s->how == SH_FRAGMENT || s->how == SH_NONE)
            continue;
        const report *r = s->report ? &c->reports.items[s->report - 1] : NULL;
        const mention *m = s->speaker ? s->speaker : r ? r->speaker : NULL;
        if (!found) {
            best = r;
            who = m;
            best_at = s->open;
            found = true;
        }
        if (m && m->person && !found_person) {
            best_person = r;
            who_person = m;
            person_at = s->open;
            found_person = true;
        }
        if (found && found_person)
            break;
    }
    uint32_t sk = c->toks[k].sent;
    for (uint32_t i = c->first_report[sk + 1]; i > 0; i--) {
        const report *r = &c->reports.items[i - 1];
        if (d->sents.items[r->sent].para + 2 < para_k)
            break;
        /* whose words or thoughts were reported, not whose plans or papers */
        if (r->cue_b >= k || r->kind == CUE_NAMING || r->type == AT_INTENTION ||
            r->type == AT_EVIDENCE || r->src_e <= r->src_b || r->weak)
            continue;
        if (!found || r->cue_b >= best_at) {
            if (!found || r->cue_b > best_at) {
                best = r;
                who = r->speaker;
                best_at = r->cue_b;
            }
            found = true;
        }
        if (r->speaker && r->speaker->person && (!found_person || r->cue_b > person_at)) {
            best_person = r;
            who_person = r->speaker;
            person_at = r->cue_b;
            found_person = true;
        }
        if (r->cue_b < best_at && (found_person ? r->cue_b < person_at : false))
            break;
    }
    if (!found)
        return NULL;
    /* an organisation said something in between: a quotation with no cue is
     * still more likely the last person's ("The board said it would hire.
     * "That promise was made three years ago."") */
    if (!(who && who->person) && found_person) {
        best = best_person;
        who = who_person;
        best_at = person_at;
    }
    if (d->sents.items[c->toks[best_at].sent].para + 2 < para_k)
        return NULL;
    *speaker = who;
    return best;
}

static int direct_quotes(qctx *c)
{
    const tok *toks = c->toks;
    doc *d = c->d;
    for (uint32_t i = 0; i < c->spans.len; i++) {
        span *sp = &c->spans.items[i];
        uint32_t cb = sp->open + 1, ce = sp->close;
        if (ce <= cb || !words_in(c, cb, ce))
            continue;
        uint32_t si = toks[sp->open].sent;
        if (si == UINT32_MAX)
            continue;
        const sent *so = &d->sents.items[si];
        uint32_t r = 0;
        if (sp->closed)
            r = report_after(c, sp->close);
        if (!r) {
            /* 'Harlow said "..."' is a direct quote; 'Okafor said "maybe" the
             * conduct "should be looked at"' is his clause, partly quoted */
            r = report_before(c, sp->open);
            if (r && span_end(sp) < c->reports.items[r - 1].ce) {
                sp->report = r;
                sp->how = SH_CLAUSE;
                continue;
            }
        }
        if (r) {
            sp->report = r;
            sp->how = SH_ADJACENT;
            continue;
        }
        if (sp->open > so->tok_begin && is_punct(&toks[sp->open - 1], ":")) {
            /* 'Surrey staff explained the numbers this way: "..."' */
            FOR_REPORTS_OF(c, si, j) {
                const report *o = &c->reports.items[j];
                if (o->cue_e < sp->open && o->kind != CUE_NAMING)
                    r = j + 1;
            }
            if (r) {
                sp->report = r;
                sp->how = SH_ADJACENT;
                continue;
            }
        }
        r = report_around(c, sp->open);
        if (r) {
            sp->report = r;
            sp->how = SH_CLAUSE;
            continue;
        }
        /* where the quote sits in its sentence */
        uint32_t w = so->tok_begin;
        while (w < sp->open && !is_word(&toks[w]))
            w++;
        bool starts_sentence = w == sp->open;
        bool after_colon = sp->open > so->tok_begin && is_punct(&toks[sp->open - 1], ":");
        /* a title or a phrase in marks is not a statement: a quotation that
         * stands alone says a sentence ("...it.", "...?") or more than one */
        uint32_t last = ce;
        while (last > cb && toks[last - 1].kind == TK_QUOTE)
            last--;
        bool sentence_like = (last > cb && (is_punct(&toks[last - 1], ".") ||
                                            is_punct(&toks[last - 1], ",") ||
                                            is_punct(&toks[last - 1], "!") ||
                                            is_punct(&toks[last - 1], "?") ||
                                            toks[last - 1].kind == TK_ELLIPSIS)) ||
                             toks[cb].sent != toks[ce - 1].sent || !sp->closed;
        if (!starts_sentence && !after_colon) {
            r = report_fragment(c, sp->open);
            if (r) {
                sp->report = r;
                sp->how = SH_FRAGMENT;
            }
            continue; /* else scare quotes: words nobody is said to have said */
        }
        if (sentence_like)
            sp->how = SH_CONTINUED;
    }
    /* a cue-less quote continues the speaker before it; resolved in order, so
     * a run of quote paragraphs follows one speaker */
    for (uint32_t i = 0; i < c->spans.len; i++) {
        span *sp = &c->spans.items[i];
        if (sp->how != SH_CONTINUED)
            continue;
        const mention *m;
        const report *pr = previous_report(c, i, &m);
        if (m && (!pr || pr->speaker != m))
            sp->speaker = m;
        /* someone the sentences since are about speaks next: "... Jones
         * disagreed. "...."" */
        uint32_t si = c->toks[sp->open].sent, floor = pr ? pr->sent + 1 : 0;
        uint32_t pa = d->sents.items[si].para;
        for (uint32_t s2 = si; s2-- > floor && s2 + 3 > si;) {
            if (d->sents.items[s2].para + 1 < pa)
                break;
            const mention *sm = sentence_person(c, s2);
            if (sm) {
                if (!m || entity_of(d, sm) != entity_of(d, m))
                    sp->speaker = sm;
                break;
            }
        }
        if (!pr && !sp->speaker) {
            sp->how = SH_NONE;
            continue;
        }
        sp->report = pr ? (uint32_t)(pr - c->reports.items) + 1 : 0;
    }
    return PETREL_OK;
}

/* A span's content, split at paragraph breaks (one record per paragraph).
 * with_cue: the records carry r's cue and source; own_name: the speaker is
 * named as for a cue-less quote (a continuation). */
static int emit_span(qctx *c, const span *sp, uint8_t kind, const report *r, bool with_cue,
                     bool own_name)
{
    doc *d = c->d;
    const tok *toks = c->toks;
    uint32_t b = sp->open + 1, e = sp->close;
    while (b < e) {
        /* the paragraph holding token b (a dropped one has no sentence) */
        uint32_t lo = 0, hi = d->paras.len;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (d->paras.items[mid].tok_end <= b)
                lo = mid + 1;
            else
                hi = mid;
        }
        uint32_t pe = lo < d->paras.len && d->paras.items[lo].tok_end < e ? d->paras.items[lo].tok_end : e;
        if (pe <= b)
            pe = b + 1; /* always move on */
        const mention *who = sp->speaker ? sp->speaker : r ? r->speaker : NULL;
        quote *q;
        int rc = add_quote(c, kind, b, pe, with_cue ? r : NULL, who, &q);
        if (rc)
            return rc;
        /* a continuation has its cue, but its speaker is not named next to it */
        if (q && own_name)
            q->has_source = false;
        if (q && (!with_cue || own_name)) {
            q->speaker_name = who ? mention_name(d, who) : r ? phrase_name(d, r) : NULL;
            q->speaker_code = who ? mention_code(d, who) : NULL;
        }
        b = pe;
        while (b < e && toks[b].kind == TK_QUOTE)
            b++;
    }
    return PETREL_OK;
}

static int emit(qctx *c)
{
    doc *d = c->d;
    const tok *toks = c->toks;
    /* direct quotes and fragments */
    for (uint32_t i = 0; i < c->spans.len; i++) {
        span *sp = &c->spans.items[i];
        if ((!sp->report && !sp->speaker) || sp->how == SH_CLAUSE || sp->how == SH_NONE)
            continue;
        report *r = sp->report ? &c->reports.items[sp->report - 1] : NULL;
        uint8_t kind = PETREL_QUOTE_DIRECT;
        if (sp->how == SH_FRAGMENT)
            kind = PETREL_QUOTE_PARTIAL;
        if (sp->how == SH_ADJACENT && r) {
            r->used = true;
            /* text of the sentence before the quote that is not its
             * attribution: 'The claim by Washington "aims to ...," he added'
             * -- the statement is partly quoted */
            uint32_t si = toks[sp->open].sent;
            const sent *so = &d->sents.items[si];
            uint32_t w = so->tok_begin;
            while (w < sp->open && !is_word(&toks[w]))
                w++;
            bool plain = true;
            for (uint32_t k = w; k < sp->open && plain; k++) {
                const cue_entry *ce;
                if (!c->in_span[k] && cue_at(d, k, sp->open, &ce) && ce->kind != CUE_NOUN &&
                    !ce->also_noun)
                    plain = false;
            }
            if (plain && w < sp->open && r->cue_b > sp->open && words_in(c, w, sp->open) >= 2) {
                quote *q;
                int rc = add_quote(c, PETREL_QUOTE_PARTIAL, w, span_end(sp), r, NULL, &q);
                if (rc)
                    return rc;
                continue;
            }
        }
        /* '"A," Brandt said. "B."': a quotation that continues the one its
         * cue attributes, in the same paragraph and by the same speaker, is
         * part of that attribution and carries its cue */
        bool same_cue = sp->how != SH_CONTINUED ||
                        (r && !sp->speaker && r->src_e > r->src_b &&
                         d->sents.items[r->sent].para == d->sents.items[toks[sp->open].sent].para &&
                         r->cue_b < sp->open);
        int rc = emit_span(c, sp, kind, r, same_cue, sp->how == SH_CONTINUED);
        if (rc)
            return rc;
    }
    /* reported clauses */
    for (uint32_t i = 0; i < c->reports.len; i++) {
        report *r = &c->reports.items[i];
        if (r->ce <= r->cb || (r->kind == CUE_NAMING && !r->np_clause) || r->nested)
            continue;
        uint32_t cb = r->cb, ce = r->ce;
        if (r->used) {
            /* the clause is the quotation it attributes, unless words of its
             * own come first: 'said Trump's son acted out of worry: "..."' */
            if (r->clause_before)
                continue;
            uint32_t q = cb;
            while (q < ce && !c->in_span[q])
                q++;
            ce = trim_end(c, cb, q);
            if (words_in(c, cb, ce) < 3)
                continue;
        }
        bool has_quote = false;
        for (uint32_t k = cb; k < ce; k++)
            if (c->in_span[k]) {
                const span *sp = &c->spans.items[c->in_span[k] - 1];
                if (sp->how == SH_CLAUSE && sp->report == i + 1) {
                    has_quote = true;
                    if (span_end(sp) > ce)
                        ce = span_end(sp); /* the quote runs on past the sentence */
                }
                k = span_end(sp) - 1;
            }
        bool after_that = cb > 0 && tok_is(&toks[cb - 1], "that");
        /* "asked whether the port would reopen": a question put, not a
         * statement -- a speech act whose content is the question */
        bool question = r->cue->asks && !r->clause_before && !r->to_clause && !r->np_clause &&
                        !has_quote && !r->used && has(&toks[cb], WC_Q_QUESTION_WORDS) &&
                        words_in(c, cb, ce) >= 3 && has_verb(c, cb + 1, ce);
        /* "Republicans, who he said are less loyal ...", "failings it said
         * are outweighed ...": the clause is the relative one around the cue */
        bool relative = !has_quote && !r->clause_before && !r->to_clause && !r->np_clause &&
                        r->kind == CUE_SPEECH && r->src_e == r->src_b + 1 &&
                        is_pronoun(&toks[r->src_b]) && r->src_b > 0 && cb == r->cue_e &&
                        has(&toks[cb], WC_Q_FINITE_VERBS) &&
                        (tok_is(&toks[r->src_b - 1], "who") ||
                         tok_is(&toks[r->src_b - 1], "which") ||
                         tok_is(&toks[r->src_b - 1], "that") ||
                         nounish(c, r->src_b - 1, ce));
        if (question || relative) {
        } else if (r->to_clause || r->np_clause || r->hearsay) {
            /* "declined to comment": two words make a plan; "praised him" */
            if (words_in(c, cb, ce) < (r->np_clause ? 1u : 2u))
                continue;
        } else if (words_in(c, cb, ce) < 3 ||
            (!has_quote && !r->clause_before && r->kind != CUE_ACCORDING &&
             !looks_like_clause(c, cb, ce, after_that, r->cue)) ||
            (!has_quote && r->clause_before && !has_verb(c, cb, ce) &&
             !(r->resume && (verb_at(c, r->resume) || has_verb(c, r->resume, ce)))))
            continue;
        /* the reported clause keeps its "that" ("said [that the port would
         * reopen]"): the complementizer is part of what is reported */
        if (after_that && !r->clause_before && !r->to_clause && !r->np_clause && !question &&
            cb > r->cue_e)
            cb--;
        quote *q;
        int rc = add_quote(c, has_quote ? PETREL_QUOTE_PARTIAL : PETREL_QUOTE_INDIRECT, cb, ce, r,
                           NULL, &q);
        if (rc)
            return rc;
        /* an opinion in quoted words was spoken: "he believed the station had
         * acted "improperly"" is a (partial) quotation, and so is the object
         * of a speech verb that quotes ("recalled "moments of hostility""); a
         * plan or a finding stays what it is, whatever words it quotes */
        if (q && !(has_quote && (own_words(r->type) ||
                                 (r->np_clause && r->kind == CUE_SPEECH))))
            q->type = r->type;
        if (q && question)
            q->type = AT_SPEECH_ACT;
    }
    return PETREL_OK;
}

/* By start, and the longer first at the same start. */
static bool quote_before(const quote *a, const quote *b)
{
    return a->start < b->start || (a->start == b->start && a->end > b->end);
}

/* A stable sort. Quotes come out of the passes nearly in order, but a long
 * text's thousands of them are far enough from it that inserting one at a
 * time was quadratic: runs are merged bottom-up. */
static int sort_quotes(doc *d, quote *q, uint32_t n)
{
    uint32_t i = 1;
    while (i < n && !quote_before(&q[i], &q[i - 1]))
        i++;
    if (i >= n)
        return PETREL_OK;
    quote *tmp = arena_alloc(d->a, (size_t)n * sizeof *q);
    if (!tmp)
        return PETREL_ERR_NOMEM;
    quote *src = q, *dst = tmp;
    for (uint32_t w = 1; w < n; w *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint32_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                dst[o++] = quote_before(&src[b], &src[a]) ? src[b++] : src[a++];
            while (a < mid)
                dst[o++] = src[a++];
            while (b < hi)
                dst[o++] = src[b++];
        }
        quote *t = src;
        src = dst;
        dst = t;
    }
    if (src != q)
        memcpy(q, src, (size_t)n * sizeof *q);
    return PETREL_OK;
}

/* Attributions that are not speech leave d->quotes: the events stage reads a
 * quotation as its speaker's claim, and a belief or a plan is not one. */
static int split_attributions(doc *d)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->quotes.len; i++) {
        const quote *q = &d->quotes.items[i];
        if (q->type == AT_SPEECH) {
            d->quotes.items[n++] = *q;
            continue;
        }
        quote *a = VEC_PUSH(d->a, &d->attributions);
        if (!a)
            return PETREL_ERR_NOMEM;
        *a = *q;
    }
    d->quotes.len = n;
    return PETREL_OK;
}

int quotes_run(doc *d)
{
    if (!d->lex || !d->sents.len)
        return PETREL_OK;
    qctx c = {0};
    c.d = d;
    c.toks = d->toks.items;
    c.in_span = arena_zalloc(d->a, (d->toks.len + 1) * sizeof *c.in_span);
    if (!c.in_span)
        return PETREL_ERR_NOMEM;
    mark_titles(d);
    int rc = pair_marks(&c, is_dq, &c.spans);
    /* papers that quote with single marks: where no double marks are used */
    if (!rc && !c.spans.len)
        rc = pair_marks(&c, is_sq, &c.spans);
    if (rc)
        return rc;
    mark_spans(&c);
    c.first_report = arena_alloc(d->a, (d->sents.len + 1) * sizeof *c.first_report);
    if (!c.first_report)
        return PETREL_ERR_NOMEM;
    for (uint32_t si = 0; si < d->sents.len && !rc; si++) {
        c.first_report[si] = c.reports.len;
        rc = find_reports(&c, si);
    }
    c.first_report[d->sents.len] = c.reports.len;
    if (!rc)
        rc = single_quotes(&c);
    if (!rc)
        resolve_speakers(&c);
    if (!rc)
        rc = direct_quotes(&c);
    if (!rc)
        rc = emit(&c);
    if (!rc)
        rc = split_attributions(d);
    if (!rc)
        rc = sort_quotes(d, d->quotes.items, d->quotes.len);
    if (!rc)
        rc = sort_quotes(d, d->attributions.items, d->attributions.len);
    return rc;
}

void quote_speaker(const doc *d, const quote *q, const char **name, const char **code)
{
    *name = q->speaker_name;
    *code = q->speaker_code;
    if (q->mention) {
        const mention *mm = &d->mentions.items[q->mention - 1];
        if (speaker_name(d, mm))
            *name = speaker_name(d, mm);
        if (mention_code(d, mm))
            *code = mention_code(d, mm);
    }
}

static const char *const attr_type_names[] = {NULL,       "belief", "intention", "perception",
                                               "evidence", "stance", "speech_act"};

static int export_quotes(const doc *d, const cp_map *m, const quote *items, uint32_t len,
                         const petrel_quote **out, size_t *n)
{
    petrel_quote *qs = arena_zalloc(d->a, (len + 1) * sizeof *qs);
    if (!qs)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < len; i++) {
        const quote *q = &items[i];
        petrel_quote *o = &qs[i];
        o->kind = (petrel_quote_kind)q->kind;
        o->content.start = cp_map_get(m, q->start);
        o->content.end = cp_map_get(m, q->end);
        o->content.text = d->text + q->start;
        o->content.text_len = q->end - q->start;
        o->has_cue = q->has_cue;
        if (q->has_cue) {
            o->cue.start = cp_map_get(m, q->cue_start);
            o->cue.end = cp_map_get(m, q->cue_end);
            o->cue.text = d->text + q->cue_start;
            o->cue.text_len = q->cue_end - q->cue_start;
        }
        o->has_source = q->has_source;
        if (q->has_source) {
            o->source.start = cp_map_get(m, q->src_start);
            o->source.end = cp_map_get(m, q->src_end);
            o->source.text = d->text + q->src_start;
            o->source.text_len = q->src_end - q->src_start;
        }
        /* names resolve through the entity at the end of the document: a title
         * mention may have been named later; a phrase that names no one is
         * reported as written */
        quote_speaker(d, q, &o->speaker_name, &o->speaker_actor);
        o->sentence = q->sent;
        o->cue_type = attr_type_names[q->type];
    }
    *out = qs;
    *n = len;
    return PETREL_OK;
}

int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n)
{
    return export_quotes(d, m, d->quotes.items, d->quotes.len, out, n);
}

int attributions_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n)
{
    return export_quotes(d, m, d->attributions.items, d->attributions.len, out, n);
}
