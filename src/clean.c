#include "clean.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "wordclass.h"

/* Thresholds, in the units of dict/boilerplate.txt weights. */
enum {
    SHORT_WORDS = 8,   /* a line this short is a prompt or a label, not prose */
    LONG_WORDS = 25,   /* long third-person prose is story text */
};
static const float INCLUDE_SCORE = 2.0f;       /* a paragraph this boilerplate-like joins a block */
static const float STORY_INCLUDE_SCORE = 4.0f; /* ... unless it also reads like story */
static const float SHORT_LINE_SCORE = 1.5f;    /* a short line with this much is a prompt */
static const float PRONOUN_2P = 0.6f;          /* per "you/your" outside quotes, up to 4 */
static const float PRONOUN_1P = 0.4f;          /* per "we/our/us" outside quotes, up to 4 */
static const float MONEY_WITH_APPEAL = 2.0f;

static const char *const kind_names[BK__COUNT] = {
    "boilerplate", "appeal", "header", "ui", "newsletter", "cookie", "credit", "social", "staff"};

typedef struct features {
    float kind[BK__COUNT]; /* phrase weight by kind */
    float score;
    int words;
    int p1, p2; /* first-person plural and second-person words outside quotes */
    bool money;
    bool salutation;  /* "Dear ...," on a line of its own */
    bool first_kind;  /* a phrase starts the paragraph */
    uint8_t first_kind_id;
    bool story;       /* a speech verb, a quotation, or long third-person prose */
    bool strong;      /* enough on its own to call a tail block boilerplate */
} features;

static bool is_currency(const tok *t)
{
    return t->kind == TK_SYMBOL &&
           (tok_is(t, "$") || tok_is(t, "\xe2\x82\xac") || tok_is(t, "\xc2\xa3") ||
            tok_is(t, "\xc2\xa5"));
}


/* The table if a phrase of it may start at t: NULL when it is empty or t's
 * starts bits rule one out, as lex_match would find, without the call. */
static inline const phrase_table *may_start(const phrase_table *pt, const tok *t)
{
    return pt && (!pt->gate || (t->starts & pt->gate)) ? pt : NULL;
}

static void measure(const doc *d, const para *p, features *f)
{
    memset(f, 0, sizeof *f);
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    /* NULL when empty (without dictionaries of our own) */
    const phrase_table *cues = lx && lx->tables[LT_CUE].count ? &lx->tables[LT_CUE] : NULL;
    const phrase_table *boiler =
        lx && lx->tables[LT_BOILER].count ? &lx->tables[LT_BOILER] : NULL;
    bool in_quote = false;
    int quoted_words = 0;
    bool cue = false;
    for (uint32_t k = p->tok_begin; k < p->tok_end; k++) {
        const tok *t = &toks[k];
        if (t->kind == TK_QUOTE && (t->quote & QC_DOUBLE)) {
            if (t->quote & QC_OPEN)
                in_quote = true;
            else if (t->quote & QC_CLOSE)
                in_quote = false;
            else
                in_quote = !in_quote;
            continue;
        }
        if (t->kind == TK_WORD || t->kind == TK_NUMBER)
            f->words++;
        if (in_quote) {
            quoted_words++;
            continue;
        }
        if (t->kind == TK_WORD) {
            if (t->cls & WC_SECOND_PERSON)
                f->p2++;
            else if (t->cls & WC_FIRST_PLURAL)
                f->p1++;
        } else if (t->kind == TK_SYMBOL) {
            if (is_currency(t) && k + 1 < p->tok_end && toks[k + 1].kind == TK_NUMBER)
                f->money = true;
            /* a social handle (@name) is a follow-us line's signature */
            if (tok_is(t, "@") && k + 1 < p->tok_end && toks[k + 1].kind == TK_WORD &&
                !(toks[k + 1].flags & TF_SPACE_BEFORE))
                f->kind[BK_SOCIAL] += 1.0f;
        }
        uint32_t b = 0;
        const phrase_table *pt;
        if (!cue && (pt = may_start(cues, t)) && lex_match(pt, toks, k, p->tok_end, &b) &&
            lx->cues.items[lx->bindings.items[b - 1].entry].kind == CUE_SPEECH)
            cue = true;
        uint32_t n = (pt = may_start(boiler, t)) ? lex_match(pt, toks, k, p->tok_end, &b) : 0;
        if (n) {
            const boiler_entry *e = &lx->boiler.items[lx->bindings.items[b - 1].entry];
            /* a header opens a message: it counts on a short line ("A
             * Message from Our Publisher:") or as a label opening a
             * paragraph ("Editor's note: ..."), not in prose ("responding to
             * a message from the minister", "A letter from the ministry
             * seen by a newspaper warns that ...") */
            bool label = k == p->tok_begin && k + n < p->tok_end && tok_is(&toks[k + n], ":");
            if (e->kind != BK_HEADER || label || p->tok_end - p->tok_begin <= 2 * SHORT_WORDS)
                f->kind[e->kind] += e->weight;
            if (k == p->tok_begin) {
                f->first_kind = true;
                f->first_kind_id = e->kind;
            }
            k += n - 1;
        }
    }
    /* "Dear friends," standing alone */
    uint32_t n = p->tok_end - p->tok_begin;
    if (n >= 2 && n <= 5 && tok_is(&toks[p->tok_begin], "dear")) {
        const tok *last = &toks[p->tok_end - 1];
        if (tok_is(last, ",") || tok_is(last, ":") || tok_is(last, "!"))
            f->salutation = true;
    }
    for (int k = 1; k < BK__COUNT; k++)
        f->score += f->kind[k];
    f->score += PRONOUN_2P * (float)(f->p2 < 4 ? f->p2 : 4);
    f->score += PRONOUN_1P * (float)(f->p1 < 4 ? f->p1 : 4);
    if (f->money && f->kind[BK_APPEAL] > 0)
        f->score += MONEY_WITH_APPEAL;
    if (f->salutation)
        f->score += INCLUDE_SCORE;
    /* Reporting reads in the third person: "we" and "you" outside quotation
     * marks are the publisher's voice, whatever else the paragraph holds. */
    f->story = f->p1 + f->p2 == 0 && (cue || quoted_words >= 4 || f->words >= LONG_WORDS);
    f->strong = f->kind[BK_APPEAL] >= 2.0f || f->kind[BK_HEADER] > 0 || f->salutation ||
                (f->money && f->kind[BK_APPEAL] > 0) ||
                (!f->story && f->kind[BK_NEWSLETTER] + f->kind[BK_COOKIE] + f->kind[BK_UI] >=
                                  2 * INCLUDE_SCORE);
}

static bool includable(const features *f, bool block_open)
{
    float need = f->story ? STORY_INCLUDE_SCORE : INCLUDE_SCORE;
    if (f->score >= need || f->salutation || f->kind[BK_HEADER] > 0)
        return true;
    if (f->words <= SHORT_WORDS && f->score >= SHORT_LINE_SCORE && !f->story)
        return true;
    /* publisher voice next to other boilerplate; short lines that address the
     * reader ("Before you go") head such blocks */
    if (block_open && !f->story && f->p1 + f->p2 >= (f->words <= SHORT_WORDS ? 1 : 2))
        return true;
    return false;
}

static uint8_t dominant_kind(const features *fs, uint32_t a, uint32_t b)
{
    float total[BK__COUNT] = {0};
    for (uint32_t i = a; i < b; i++)
        for (int k = 1; k < BK__COUNT; k++)
            total[k] += fs[i].kind[k];
    /* a block with an appeal in it is an appeal, whatever else it holds */
    if (total[BK_APPEAL] >= 2.0f)
        return BK_APPEAL;
    uint8_t best = 0;
    for (uint8_t k = 1; k < BK__COUNT; k++)
        if (total[k] > total[best] && k != BK_STAFF)
            best = k;
    return best;
}

static int drop(doc *d, uint32_t a, uint32_t b, uint8_t kind)
{
    for (uint32_t i = a; i < b; i++)
        d->paras.items[i].dropped = true;
    drop_range *r = VEC_PUSH(d->a, &d->dropped);
    if (!r)
        return PETREL_ERR_NOMEM;
    r->start = d->paras.items[a].start;
    r->end = d->paras.items[b - 1].end;
    r->reason = kind_names[kind];
    return PETREL_OK;
}

static int cmp_range(const void *a, const void *b)
{
    const drop_range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int clean_boilerplate(doc *d)
{
    uint32_t n = d->paras.len;
    if (!n || !d->lex)
        return PETREL_OK;
    features *fs = arena_alloc(d->a, n * sizeof *fs);
    if (!fs)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++)
        measure(d, &d->paras.items[i], &fs[i]);

    /* Tail: the longest run of includable paragraphs at the end, trimmed from
     * the front to start at a paragraph that is boilerplate in its own right
     * (not merely written in the first person), and kept only if something in
     * it is unmistakable (an appeal, a salutation, a message header). */
    uint32_t tail = n;
    while (tail > 0 && includable(&fs[tail - 1], tail < n))
        tail--;
    while (tail < n && !(fs[tail].score >= INCLUDE_SCORE && !fs[tail].story) &&
           !fs[tail].salutation && fs[tail].kind[BK_HEADER] <= 0 &&
           !(fs[tail].words <= SHORT_WORDS &&
             (fs[tail].score >= SHORT_LINE_SCORE || fs[tail].p1 + fs[tail].p2 > 0)))
        tail++;
    bool strong = false;
    for (uint32_t i = tail; i < n; i++)
        strong |= fs[i].strong;
    if (tail < n && !strong) {
        /* No appeal: still drop the prompts and credits at the very end. */
        uint32_t t2 = n;
        while (t2 > tail && fs[t2 - 1].words <= SHORT_WORDS && !fs[t2 - 1].story &&
               fs[t2 - 1].score >= SHORT_LINE_SCORE)
            t2--;
        tail = t2;
    }
    /* Head: cookie banners, navigation and share prompts before the story. */
    uint32_t head = 0;
    while (head < tail && !fs[head].story && fs[head].kind[BK_APPEAL] < 2.0f &&
           (fs[head].kind[BK_COOKIE] + fs[head].kind[BK_UI] + fs[head].kind[BK_NEWSLETTER] +
                fs[head].kind[BK_SOCIAL] >=
            INCLUDE_SCORE ||
            (fs[head].words <= SHORT_WORDS && fs[head].score >= SHORT_LINE_SCORE)))
        head++;
    if (head > 0 && drop(d, 0, head, dominant_kind(fs, 0, head)))
        return PETREL_ERR_NOMEM;

    /* Lines in the middle that are prompts or credits on their own:
     * "Read more: ...", "Photo: ...", "Sign up for our newsletter". */
    for (uint32_t i = head; i < tail; i++) {
        const features *f = &fs[i];
        bool label = f->first_kind &&
                     (f->first_kind_id == BK_UI || f->first_kind_id == BK_CREDIT ||
                      f->first_kind_id == BK_NEWSLETTER || f->first_kind_id == BK_SOCIAL ||
                      f->first_kind_id == BK_COOKIE);
        if (label && f->words <= 2 * SHORT_WORDS && !f->story &&
            f->score >= SHORT_LINE_SCORE && drop(d, i, i + 1, f->first_kind_id))
            return PETREL_ERR_NOMEM;
    }

    if (tail < n && drop(d, tail, n, dominant_kind(fs, tail, n)))
        return PETREL_ERR_NOMEM;
    if (d->dropped.len > 1)
        qsort(d->dropped.items, d->dropped.len, sizeof *d->dropped.items, cmp_range);
    return PETREL_OK;
}
