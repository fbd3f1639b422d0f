#include "quotes.h"

#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "dict.h"
#include "text.h"

/* Words that may stand between a speaker and the cue, or between the cue and
 * what was said: "Kirby also said", "he had earlier said", "said on Monday". */
static const char *const fillers[] = {
    "also", "later", "earlier", "previously", "repeatedly", "again", "then", "has", "have",
    "had", "was", "were", "is", "would", "will", "had", "once", "further", "recently",
    "reportedly", "publicly", "separately", "privately", "firmly", "flatly", "strongly",
    "clearly", "simply", "still", "however", "meanwhile", "today", "yesterday", "tonight",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on",
    "last", "this", "week", "month", "night", "morning", "afternoon", "evening", NULL};

/* Listeners and settings between a cue and its quote: 'told reporters: "..."'. */
static const char *const audiences[] = {
    "reporters", "journalists", "lawmakers", "parliament", "supporters", "the", "a", "an",
    "in", "at", "to", "during", "on", "statement", "interview", "conference", "news",
    "press", "briefing", "speech", "remarks", "television", "tv", "radio", "him", "her",
    "them", "us", "me", "cnn", "bbc", "media", "local", "state", "crowd", "audience",
    "his", "their", "its", "our", "video", "published", "by", NULL};

static bool in_list(const tok *t, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (tok_is(t, list[i]))
            return true;
    return false;
}

static bool is_dq(const tok *t) { return t->kind == TK_QUOTE && (t->quote & QC_DOUBLE); }
static bool is_sq(const tok *t)
{
    return t->kind == TK_QUOTE && (t->quote & QC_SINGLE) && !(t->flags & TF_POSSESSIVE);
}

static bool is_punct(const tok *t, const char *p) { return t->kind == TK_PUNCT && tok_is(t, p); }

/* A cue word at k: its kind, and tokens matched. */
static uint32_t cue_at(const doc *d, uint32_t k, uint32_t end, uint8_t *kind)
{
    const lexicon *lx = d->lex;
    const tok *t = &d->toks.items[k];
    /* "States" in "United States" is a name, not the verb */
    if (actors_at(d, k) || ((t->flags & TF_CAP) && !(t->flags & TF_SENT_START)))
        return 0;
    uint32_t b = 0;
    uint32_t n = lex_match(&lx->tables[LT_CUE], d->toks.items, k, end, &b);
    if (!n)
        return 0;
    *kind = lx->cues.items[lx->bindings.items[b - 1].entry].kind;
    return n;
}

/* ------------------------------------------------------------ speakers */

typedef struct attribution {
    bool found;
    uint32_t cue_b, cue_e; /* tokens */
    const mention *speaker;
} attribution;

/* The mention that is the subject of the cue at token c: right before it, past
 * adverbs and auxiliaries ("Kirby also said", "he had earlier said"). */
static const mention *subject_before(const doc *d, uint32_t c, uint32_t floor)
{
    uint32_t k = c;
    int skipped = 0;
    while (k > floor && skipped <= 4) {
        const mention *m = actors_at(d, k - 1);
        if (m)
            return m;
        if (!in_list(&d->toks.items[k - 1], fillers))
            return NULL;
        k--;
        skipped++;
    }
    return NULL;
}

/* "said Kanani", "said the minister", "added Iran's top diplomat". */
static const mention *subject_after(const doc *d, uint32_t k, uint32_t end)
{
    while (k < end && (tok_is(&d->toks.items[k], "the") || tok_is(&d->toks.items[k], "a")))
        k++;
    return k < end ? actors_at(d, k) : NULL;
}

/* A speaker and cue right after a closing mark: '," Kanani said' / '," said
 * Kanani' / '," he added, ...'. */
static attribution attribute_after(const doc *d, uint32_t k, uint32_t end)
{
    attribution a = {0};
    const tok *toks = d->toks.items;
    while (k < end && (is_punct(&toks[k], ",") || toks[k].kind == TK_DASH))
        k++;
    if (k >= end)
        return a;
    uint8_t kind;
    uint32_t n = cue_at(d, k, end, &kind);
    if (n && (kind == CUE_SPEECH || kind == CUE_DENIAL)) {
        a.cue_b = k;
        a.cue_e = k + n;
        a.speaker = subject_after(d, k + n, end);
        a.found = a.speaker != NULL;
        return a;
    }
    const mention *m = actors_at(d, k);
    if (!m)
        return a;
    uint32_t j = m->tok_end;
    int skipped = 0;
    while (j < end && skipped <= 3) {
        n = cue_at(d, j, end, &kind);
        if (n && (kind == CUE_SPEECH || kind == CUE_DENIAL)) {
            a.cue_b = j;
            a.cue_e = j + n;
            a.speaker = m;
            a.found = true;
            return a;
        }
        if (!in_list(&toks[j], fillers))
            break;
        j++;
        skipped++;
    }
    return a;
}

/* A cue before an opening mark: 'Kanani said: "..."', 'he told reporters "..."',
 * 'according to Kirby, "..."'. */
static attribution attribute_before(const doc *d, uint32_t open, uint32_t floor)
{
    attribution a = {0};
    const tok *toks = d->toks.items;
    uint32_t k = open;
    while (k > floor && (is_punct(&toks[k - 1], ":") || is_punct(&toks[k - 1], ",") ||
                         tok_is(&toks[k - 1], "that")))
        k--;
    /* at most four listener/setting words between the cue and the quote */
    for (int back = 0; back <= 4 && k > floor; back++) {
        uint32_t c = k - 1;
        /* cues are one or two tokens: try both ends */
        for (uint32_t s = c >= floor + 1 ? c - 1 : c; s <= c; s++) {
            uint8_t kind;
            uint32_t n = cue_at(d, s, k, &kind);
            if (n && s + n == k) {
                a.cue_b = s;
                a.cue_e = s + n;
                if (kind == CUE_ACCORDING)
                    a.speaker = subject_after(d, s + n, open);
                else
                    a.speaker = subject_before(d, s, floor);
                a.found = a.speaker != NULL;
                if (a.found)
                    return a;
            }
        }
        if (!in_list(&toks[c], audiences) && !actors_at(d, c))
            break;
        k--;
    }
    return a;
}

/* Any speech cue earlier in the sentence with its subject, for quoted fragments
 * inside reported speech ('Kirby said Iranian forces are "on the ground"'). */
static attribution attribute_in_sentence(const doc *d, const sent *s, uint32_t open)
{
    attribution a = {0};
    bool in_q = false;
    for (uint32_t k = s->tok_begin; k < open; k++) {
        const tok *t = &d->toks.items[k];
        if (is_dq(t)) {
            in_q = !in_q;
            continue;
        }
        if (in_q)
            continue;
        uint8_t kind;
        uint32_t n = cue_at(d, k, open, &kind);
        if (!n || kind == CUE_NOUN)
            continue;
        const mention *m = kind == CUE_ACCORDING ? subject_after(d, k + n, open)
                                                 : subject_before(d, k, s->tok_begin);
        if (m) {
            a.found = true;
            a.cue_b = k;
            a.cue_e = k + n;
            a.speaker = m;
        }
        k += n - 1;
    }
    return a;
}

/* ------------------------------------------------------------ records */

static quote *add_quote(doc *d, uint8_t kind, uint32_t tb, uint32_t te, const attribution *a,
                        uint32_t si)
{
    const tok *toks = d->toks.items;
    /* trim marks and trailing commas from the content */
    while (tb < te && (toks[tb].kind == TK_QUOTE || toks[tb].kind == TK_DASH))
        tb++;
    while (te > tb && (toks[te - 1].kind == TK_QUOTE || is_punct(&toks[te - 1], ",") ||
                       is_punct(&toks[te - 1], ":") || toks[te - 1].kind == TK_DASH))
        te--;
    if (te <= tb)
        return NULL;
    quote *q = VEC_PUSH(d->a, &d->quotes);
    if (!q)
        return NULL;
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->tok_begin = tb;
    q->tok_end = te;
    q->start = toks[tb].start;
    q->end = toks[te - 1].end;
    q->sent = si;
    if (a && a->found) {
        q->has_cue = a->cue_e > a->cue_b;
        if (q->has_cue) {
            q->cue_start = toks[a->cue_b].start;
            q->cue_end = toks[a->cue_e - 1].end;
        }
        if (a->speaker) {
            q->has_source = true;
            q->src_start = a->speaker->start;
            q->src_end = a->speaker->end;
            q->mention = (uint32_t)(a->speaker - d->mentions.items) + 1;
            q->speaker_name = mention_name(d, a->speaker);
            q->speaker_code = mention_code(d, a->speaker);
        }
    }
    return q;
}

/* ------------------------------------------------------------ direct quotes */

typedef struct span {
    uint32_t open, close; /* mark tokens; close = one past content when unclosed */
    bool closed;
} span;

typedef VEC(span) span_vec;

static bool opens(const tok *t) { return (t->quote & QC_OPEN) && !(t->quote & QC_CLOSE); }
static bool closes(const tok *t) { return (t->quote & QC_CLOSE) && !(t->quote & QC_OPEN); }

/* Pair the marks of one kind (double, or single for papers that quote with
 * single marks) in paragraphs [p, ...). Returns spans; a quote left open at a
 * paragraph's end continues only into a paragraph that starts by reopening it. */
static int pair_marks(doc *d, bool (*is_mark)(const tok *), span_vec *out)
{
    const tok *toks = d->toks.items;
    bool open = false;
    uint32_t open_at = 0;
    for (uint32_t p = 0; p < d->paras.len; p++) {
        const para *pa = &d->paras.items[p];
        if (pa->dropped || pa->tok_begin == pa->tok_end)
            continue;
        if (open) {
            /* continue only if this paragraph reopens the quote at its start */
            if (!(is_mark(&toks[pa->tok_begin]) && !closes(&toks[pa->tok_begin]))) {
                span *s = VEC_PUSH(d->a, out);
                if (!s)
                    return PETREL_ERR_NOMEM;
                *s = (span){open_at, d->paras.items[p - 1].tok_end, false};
                /* find the previous kept paragraph's end */
                for (uint32_t q = p; q-- > 0;)
                    if (!d->paras.items[q].dropped) {
                        s->close = d->paras.items[q].tok_end;
                        break;
                    }
                open = false;
            }
        }
        for (uint32_t k = pa->tok_begin; k < pa->tok_end; k++) {
            const tok *t = &toks[k];
            if (!is_mark(t))
                continue;
            if (open && k == pa->tok_begin && p > 0 && open_at < pa->tok_begin)
                continue; /* the reopening mark of a continued quote */
            if (!open) {
                if (closes(t))
                    continue; /* a stray closing mark */
                open = true;
                open_at = k;
            } else if (opens(t) && (t->flags & TF_SPACE_BEFORE) && k > open_at + 1 &&
                       !closes(t)) {
                /* a new opening mark while one is open: the first was never
                 * closed; drop it and start again here */
                open_at = k;
            } else {
                span *s = VEC_PUSH(d->a, out);
                if (!s)
                    return PETREL_ERR_NOMEM;
                *s = (span){open_at, k, true};
                open = false;
            }
        }
    }
    if (open) {
        span *s = VEC_PUSH(d->a, out);
        if (!s)
            return PETREL_ERR_NOMEM;
        uint32_t last = 0;
        for (uint32_t q = d->paras.len; q-- > 0;)
            if (!d->paras.items[q].dropped) {
                last = d->paras.items[q].tok_end;
                break;
            }
        *s = (span){open_at, last, false};
    }
    return PETREL_OK;
}

static uint32_t words_in(const doc *d, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t k = a; k < b; k++)
        n += d->toks.items[k].kind == TK_WORD || d->toks.items[k].kind == TK_NUMBER;
    return n;
}

/* The speaker of the most recent quote or speech cue before token k, within the
 * previous two paragraphs: who a cue-less quote paragraph continues. */
static const mention *previous_speaker(const doc *d, uint32_t k, uint32_t para_of_k)
{
    for (uint32_t i = d->quotes.len; i > 0; i--) {
        const quote *q = &d->quotes.items[i - 1];
        if (q->tok_begin >= k || !q->mention)
            continue;
        uint32_t qp = d->sents.items[q->sent].para;
        if (qp + 2 < para_of_k)
            break;
        return &d->mentions.items[q->mention - 1];
    }
    /* a speech cue in the sentences just before ("... and said that he conveyed
     * this to Borrell.") */
    uint32_t si = d->toks.items[k].sent;
    for (uint32_t s = si; s-- > 0 && s + 3 > si;) {
        const sent *st = &d->sents.items[s];
        if (st->para + 2 < para_of_k)
            break;
        for (uint32_t c = st->tok_end; c-- > st->tok_begin;) {
            uint8_t kind;
            uint32_t n = cue_at(d, c, st->tok_end, &kind);
            if (!n || (kind != CUE_SPEECH && kind != CUE_DENIAL))
                continue;
            const mention *m = subject_before(d, c, st->tok_begin);
            if (!m && c > st->tok_begin && tok_is(&d->toks.items[c - 1], "and")) {
                /* "reaffirmed ... and said": the sentence's subject */
                for (uint32_t j = st->tok_begin; j < c && !m; j++)
                    m = actors_at(d, j);
            }
            if (m)
                return m;
        }
    }
    return NULL;
}

static int direct_quotes(doc *d)
{
    span_vec spans = {0};
    int rc = pair_marks(d, is_dq, &spans);
    if (rc)
        return rc;
    /* papers that quote with single marks: only where no double marks are used */
    if (!spans.len)
        rc = pair_marks(d, is_sq, &spans);
    if (rc)
        return rc;
    const tok *toks = d->toks.items;
    for (uint32_t i = 0; i < spans.len; i++) {
        const span *sp = &spans.items[i];
        uint32_t cb = sp->open + 1, ce = sp->close;
        if (ce <= cb)
            continue;
        uint32_t nwords = words_in(d, cb, ce);
        if (!nwords)
            continue;
        uint32_t s_open = toks[sp->open].sent;
        uint32_t s_close = sp->closed ? toks[sp->close].sent : toks[ce - 1].sent;
        if (s_open == UINT32_MAX || s_close == UINT32_MAX)
            continue;
        const sent *so = &d->sents.items[s_open], *sc = &d->sents.items[s_close];
        attribution a = {0};
        if (sp->closed)
            a = attribute_after(d, sp->close + 1, sc->tok_end);
        if (!a.found)
            a = attribute_before(d, sp->open, so->tok_begin);
        /* where the quote sits in its sentence */
        uint32_t w = so->tok_begin;
        while (w < sp->open && toks[w].kind != TK_WORD && toks[w].kind != TK_NUMBER)
            w++;
        bool starts_sentence = w == sp->open;
        bool after_cue = a.found && a.cue_e <= sp->open;
        bool after_colon = sp->open > so->tok_begin && is_punct(&toks[sp->open - 1], ":");
        const tok *first = &toks[cb];
        bool capital = first->kind == TK_WORD && (first->flags & TF_CAP);
        uint8_t kind = PETREL_QUOTE_DIRECT;
        if (!starts_sentence && !after_colon && !(after_cue && capital) &&
            !(sp->closed && a.found && a.cue_b > sp->close && capital))
            kind = PETREL_QUOTE_PARTIAL;
        if (!a.found && kind == PETREL_QUOTE_PARTIAL)
            a = attribute_in_sentence(d, so, sp->open);
        if (!a.found) {
            /* scare quotes: a few words nobody is said to have said */
            if (kind == PETREL_QUOTE_PARTIAL || nwords < 4)
                continue;
            /* a quote paragraph with no cue continues the last speaker */
            const mention *m = previous_speaker(d, sp->open, so->para);
            if (!m)
                continue;
            attribution prev = {true, 0, 0, m};
            quote *q = add_quote(d, kind, cb, ce, &prev, s_open);
            if (!q)
                return PETREL_ERR_NOMEM;
            q->has_source = false; /* the speaker is named in an earlier sentence */
            continue;
        }
        if (!add_quote(d, kind, cb, ce, &a, s_open))
            return PETREL_ERR_NOMEM;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ indirect speech */

/* The direct quotes found before the indirect pass, sorted, so the indirect
 * pass asks about them in O(log n) however many there are. */
typedef struct direct_index {
    uint32_t *cue_starts; /* sorted cue offsets of direct quotes */
    uint32_t n_cues;
    uint32_t n_quotes; /* quotes [0, n_quotes) are the direct and partial ones, by position */
} direct_index;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static bool covered_by_direct(const doc *d, const direct_index *ix, uint32_t k)
{
    /* direct quotes are in text order and do not overlap: binary search */
    uint32_t lo = 0, hi = ix->n_quotes;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (d->quotes.items[mid].tok_end + 1 <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n_quotes && k + 1 >= d->quotes.items[lo].tok_begin;
}

/* A cue that attributes a direct quote has no reported clause of its own; one
 * that attributes a partial quote does (the fragment sits inside the clause). */
static bool cue_used(const direct_index *ix, uint32_t start)
{
    uint32_t lo = 0, hi = ix->n_cues;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ix->cue_starts[mid] < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n_cues && ix->cue_starts[lo] == start;
}

/* Skip what follows a cue before the reported clause: "that", "on Monday",
 * "in a statement", "told reporters". */
static uint32_t clause_start(const doc *d, uint32_t k, uint32_t end)
{
    const tok *toks = d->toks.items;
    for (int guard = 0; k < end && guard < 8; guard++) {
        const tok *t = &toks[k];
        if (tok_is(t, "that") || is_punct(t, ",") || is_punct(t, ":")) {
            k++;
            if (tok_is(t, "that"))
                break;
            continue;
        }
        if (in_list(t, fillers) || in_list(t, audiences)) {
            k++;
            continue;
        }
        break;
    }
    return k;
}

static int indirect_quotes(doc *d)
{
    const tok *toks = d->toks.items;
    uint32_t direct = d->quotes.len;
    direct_index ix = {0};
    ix.n_quotes = direct;
    ix.cue_starts = arena_alloc(d->a, (direct + 1) * sizeof *ix.cue_starts);
    if (!ix.cue_starts)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < direct; i++)
        if (d->quotes.items[i].has_cue && d->quotes.items[i].kind == PETREL_QUOTE_DIRECT)
            ix.cue_starts[ix.n_cues++] = d->quotes.items[i].cue_start;
    qsort(ix.cue_starts, ix.n_cues, sizeof *ix.cue_starts, cmp_u32);
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        bool in_q = false;
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            const tok *t = &toks[k];
            if (is_dq(t)) {
                in_q = !in_q;
                continue;
            }
            if (in_q)
                continue;
            uint8_t kind;
            uint32_t n = cue_at(d, k, s->tok_end, &kind);
            if (!n || kind == CUE_NOUN || cue_used(&ix, t->start))
                continue;
            uint32_t end = s->tok_end;
            while (end > k && (toks[end - 1].kind == TK_PUNCT || toks[end - 1].kind == TK_QUOTE))
                end--;
            attribution a = {true, k, k + n, NULL};
            uint32_t cb = 0, ce = 0;
            if (kind == CUE_ACCORDING) {
                a.speaker = subject_after(d, k + n, s->tok_end);
                if (!a.speaker)
                    continue;
                uint32_t after = a.speaker->tok_end;
                if (k == s->tok_begin || (k > s->tok_begin && is_punct(&toks[k - 1], ","))) {
                    /* "according to X, CLAUSE" or "CLAUSE, according to X" */
                    if (k == s->tok_begin || k <= s->tok_begin + 1) {
                        cb = after;
                        while (cb < end && is_punct(&toks[cb], ","))
                            cb++;
                        ce = end;
                    } else {
                        cb = s->tok_begin;
                        ce = k - 1;
                    }
                }
            } else {
                a.speaker = subject_before(d, k, s->tok_begin);
                if (!a.speaker && k > s->tok_begin && tok_is(&toks[k - 1], "and"))
                    for (uint32_t j = s->tok_begin; j < k && !a.speaker; j++)
                        if (actors_at(d, j) && !actors_at(d, j)->possessive)
                            a.speaker = actors_at(d, j);
                if (a.speaker) {
                    uint32_t c = k + n;
                    /* "rejected allegations that ...", "denied reports that ..." */
                    if (kind == CUE_DENIAL) {
                        uint32_t j = c;
                        while (j < end && j < c + 4 && !tok_is(&toks[j], "that"))
                            j++;
                        c = j < end && tok_is(&toks[j], "that") ? j + 1 : c;
                    }
                    cb = clause_start(d, c, end);
                    ce = end;
                } else {
                    /* "CLAUSE, X said." */
                    const mention *m = subject_after(d, k + n, s->tok_end);
                    uint32_t prev = k;
                    const mention *before = NULL;
                    if (k > s->tok_begin) {
                        before = actors_at(d, k - 1);
                        if (before)
                            prev = before->tok_begin;
                    }
                    if (before && prev > s->tok_begin && is_punct(&toks[prev - 1], ",")) {
                        a.speaker = before;
                        cb = s->tok_begin;
                        ce = prev - 1;
                    } else if (m && k > s->tok_begin && is_punct(&toks[k - 1], ",")) {
                        a.speaker = m;
                        cb = s->tok_begin;
                        ce = k - 1;
                    }
                }
            }
            if (!a.speaker || ce <= cb || words_in(d, cb, ce) < 3)
                continue;
            /* a direct quote right after the cue is already recorded */
            uint32_t first_word = cb;
            while (first_word < ce && toks[first_word].kind == TK_QUOTE)
                first_word++;
            if (first_word != cb && covered_by_direct(d, &ix, first_word))
                continue;
            if (!add_quote(d, PETREL_QUOTE_INDIRECT, cb, ce, &a, si))
                return PETREL_ERR_NOMEM;
            k += n - 1;
        }
    }
    (void)direct;
    return PETREL_OK;
}

static void sort_quotes(quote *q, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        quote x = q[i];
        uint32_t j = i;
        while (j > 0 && (q[j - 1].start > x.start ||
                         (q[j - 1].start == x.start && q[j - 1].end < x.end))) {
            q[j] = q[j - 1];
            j--;
        }
        q[j] = x;
    }
}

int quotes_run(doc *d)
{
    if (!d->lex || !d->sents.len)
        return PETREL_OK;
    int rc = direct_quotes(d);
    if (!rc)
        rc = indirect_quotes(d);
    if (!rc)
        sort_quotes(d->quotes.items, d->quotes.len);
    return rc;
}

const quote *quotes_at(const doc *d, uint32_t k)
{
    const quote *best = NULL;
    for (uint32_t i = 0; i < d->quotes.len; i++) {
        const quote *q = &d->quotes.items[i];
        if (k >= q->tok_begin && k < q->tok_end &&
            (!best || q->tok_end - q->tok_begin < best->tok_end - best->tok_begin))
            best = q;
    }
    return best;
}

int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n)
{
    petrel_quote *qs = arena_zalloc(d->a, (d->quotes.len + 1) * sizeof *qs);
    if (!qs)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->quotes.len; i++) {
        const quote *q = &d->quotes.items[i];
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
         * mention may have been named later */
        if (q->mention) {
            const mention *mm = &d->mentions.items[q->mention - 1];
            o->speaker_name = mention_name(d, mm);
            o->speaker_actor = mention_code(d, mm);
        } else {
            o->speaker_name = q->speaker_name;
            o->speaker_actor = q->speaker_code;
        }
        o->sentence = q->sent;
    }
    *out = qs;
    *n = d->quotes.len;
    return PETREL_OK;
}
