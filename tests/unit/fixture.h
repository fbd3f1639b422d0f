/*
 * fixture.h - petrel_results made by hand, for testing the store before (and
 * besides) the real event and quote stages: a builder that appends text and
 * records spans with both code point offsets and bytes, like petrel_code.
 */
#ifndef PETREL_TEST_FIXTURE_H
#define PETREL_TEST_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#define FX_MAX 64

typedef struct fx_span {
    uint32_t start, end; /* code points */
    size_t byte;         /* byte offset of the start */
    size_t len;          /* bytes */
} fx_span;

typedef struct fixture {
    char text[16384];
    size_t len;
    uint32_t cps;
    char id[64], date[16], url[256], title[256];
    petrel_sentence sentences[FX_MAX];
    petrel_mention mentions[FX_MAX];
    petrel_quote quotes[FX_MAX];
    petrel_event events[FX_MAX];
    fx_span mention_spans[FX_MAX];
    fx_span quote_spans[FX_MAX][3];
    fx_span event_spans[FX_MAX][4]; /* source, target, verb, sentence */
    petrel_dropped dropped[4];
    size_t n_sentences, n_mentions, n_quotes, n_events, n_dropped;
    petrel_result result;
} fixture;

static inline uint32_t fx_cp_count(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static inline fx_span fx_add(fixture *f, const char *s)
{
    size_t n = strlen(s);
    fx_span sp = {f->cps, 0, f->len, n};
    if (f->len + n >= sizeof f->text)
        abort();
    memcpy(f->text + f->len, s, n);
    f->len += n;
    f->text[f->len] = '\0';
    f->cps += fx_cp_count(s, n);
    sp.end = f->cps;
    return sp;
}

static inline void fx_begin_sentence(fixture *f, uint32_t paragraph)
{
    petrel_sentence *s = &f->sentences[f->n_sentences++];
    s->start = f->cps;
    s->end = f->cps;
    s->paragraph = paragraph;
}

static inline void fx_end_sentence(fixture *f)
{
    f->sentences[f->n_sentences - 1].end = f->cps;
}

static inline petrel_span fx_pspan(const fixture *f, fx_span s)
{
    petrel_span p = {s.start, s.end, f->text + s.byte, (uint32_t)s.len};
    return p;
}

typedef struct fx_actor {
    const char *code, *name;
} fx_actor;

typedef struct fx_verb {
    const char *text, *code, *root, *plover;
    double goldstein;
    int quad;
} fx_verb;

/* "SOURCE VERB TARGET TAIL" as one sentence with one event. */
static inline petrel_event *fx_event_sentence(fixture *f, uint32_t para, fx_actor src,
                                              fx_verb v, fx_actor tgt, const char *tail)
{
    fx_begin_sentence(f, para);
    uint32_t sent_start = f->cps;
    size_t sent_byte = f->len;
    fx_span s = fx_add(f, src.name);
    fx_add(f, " ");
    fx_span vb = fx_add(f, v.text);
    fx_add(f, " ");
    fx_span t = fx_add(f, tgt.name);
    fx_add(f, tail);
    fx_end_sentence(f);
    fx_span whole = {sent_start, f->cps, sent_byte, f->len - sent_byte};
    size_t i = f->n_events++;
    petrel_event *e = &f->events[i];
    memset(e, 0, sizeof *e);
    snprintf(e->code, sizeof e->code, "%s", v.code);
    snprintf(e->root, sizeof e->root, "%s", v.root);
    e->plover = v.plover;
    e->goldstein = v.goldstein;
    e->quad = v.quad;
    f->event_spans[i][0] = s;
    f->event_spans[i][1] = t;
    f->event_spans[i][2] = vb;
    f->event_spans[i][3] = whole;
    e->source.actor = src.code;
    e->source.name = src.name;
    e->has_target = true;
    e->target.actor = tgt.code;
    e->target.name = tgt.name;
    e->pattern = "$ <verb> +";
    /* a mention for each actor */
    for (int k = 0; k < 2; k++) {
        size_t m = f->n_mentions++;
        f->mention_spans[m] = k ? t : s;
        f->mentions[m].actor = k ? tgt.code : src.code;
        f->mentions[m].name = k ? tgt.name : src.name;
        f->mentions[m].how = "dictionary";
        f->mentions[m].sentence = (uint32_t)(f->n_sentences - 1);
    }
    return e;
}

/* "\"CONTENT,\" CUE SPEAKER." as one sentence with one direct quote. */
static inline petrel_quote *fx_quote_sentence(fixture *f, uint32_t para, const char *content,
                                              const char *cue, const char *speaker,
                                              const char *actor)
{
    fx_begin_sentence(f, para);
    fx_add(f, "\u201c");
    fx_span c = fx_add(f, content);
    fx_add(f, ",\u201d ");
    fx_span cu = fx_add(f, cue);
    fx_add(f, " ");
    fx_span sp = fx_add(f, speaker);
    fx_add(f, ".");
    fx_end_sentence(f);
    size_t i = f->n_quotes++;
    petrel_quote *q = &f->quotes[i];
    memset(q, 0, sizeof *q);
    q->kind = PETREL_QUOTE_DIRECT;
    q->has_cue = q->has_source = true;
    f->quote_spans[i][0] = c;
    f->quote_spans[i][1] = cu;
    f->quote_spans[i][2] = sp;
    q->speaker_name = speaker;
    q->speaker_actor = actor;
    q->sentence = (uint32_t)(f->n_sentences - 1);
    return q;
}

static inline void fx_plain_sentence(fixture *f, uint32_t para, const char *s)
{
    fx_begin_sentence(f, para);
    fx_add(f, s);
    fx_end_sentence(f);
}

/* Point every span at the final text and fill f->result. */
static inline const petrel_result *fx_finish(fixture *f)
{
    for (size_t i = 0; i < f->n_mentions; i++)
        f->mentions[i].span = fx_pspan(f, f->mention_spans[i]);
    for (size_t i = 0; i < f->n_quotes; i++) {
        f->quotes[i].content = fx_pspan(f, f->quote_spans[i][0]);
        f->quotes[i].cue = fx_pspan(f, f->quote_spans[i][1]);
        f->quotes[i].source = fx_pspan(f, f->quote_spans[i][2]);
    }
    for (size_t i = 0; i < f->n_events; i++) {
        f->events[i].source.mention = fx_pspan(f, f->event_spans[i][0]);
        f->events[i].target.mention = fx_pspan(f, f->event_spans[i][1]);
        f->events[i].verb = fx_pspan(f, f->event_spans[i][2]);
        f->events[i].sentence = fx_pspan(f, f->event_spans[i][3]);
    }
    petrel_result *r = &f->result;
    memset(r, 0, sizeof *r);
    r->id = f->id;
    r->date = f->date[0] ? f->date : NULL;
    r->url = f->url[0] ? f->url : NULL;
    r->title = f->title[0] ? f->title : NULL;
    r->text = f->text;
    r->text_len = f->len;
    r->dropped = f->dropped;
    r->n_dropped = f->n_dropped;
    r->sentences = f->sentences;
    r->n_sentences = f->n_sentences;
    r->mentions = f->mentions;
    r->n_mentions = f->n_mentions;
    r->quotes = f->quotes;
    r->n_quotes = f->n_quotes;
    r->events = f->events;
    r->n_events = f->n_events;
    return r;
}

static const fx_actor fx_actors[] = {
    {"USA", "The United States"}, {"IRN", "Iran"},     {"CHN", "China"},
    {"RUS", "Russia"},            {"UKR", "Ukraine"},  {"FRA", "France"},
    {"QAT", "Qatar"},             {"COD", "DR Congo"}, {"USAGOV", "The White House"},
    {"EUR", "The European Union"},
};

static const fx_verb fx_verbs[] = {
    {"imposed sanctions on", "163", "16", "SANCTION", -8.0, 4},
    {"met with", "040", "04", "CONSULT", 1.0, 1},
    {"accused", "112", "11", "ACCUSE", -2.0, 3},
    {"sent aid to", "073", "07", "AID", 7.4, 2},
    {"attacked", "190", "19", "ASSAULT", -10.0, 4},
    {"praised", "051", "05", "SUPPORT", 3.4, 1},
    {"threatened", "130", "13", "THREATEN", -4.4, 3},
    {"agreed to hold talks with", "036", "03", "AGREE", 4.0, 1},
};

#define FX_N_ACTORS (sizeof fx_actors / sizeof fx_actors[0])
#define FX_N_VERBS (sizeof fx_verbs / sizeof fx_verbs[0])

/* Document number i of a made-up corpus: a few events and quotes, dates
 * spread over 18 months, and every 5th document repeating the event of the
 * one before it (so several stories report one event). */
static inline const petrel_result *fx_corpus_doc(fixture *f, unsigned i)
{
    memset(f, 0, sizeof *f);
    unsigned seed = i * 2654435761u + 12345;
    unsigned base = i % 5 == 4 ? i - 1 : i; /* repeats the previous document's first event */
    unsigned bseed = base * 2654435761u + 12345;
#define NEXT(s) ((s) = (s) * 1103515245u + 12345u, ((s) >> 16) & 0x7fff)
    unsigned bs = bseed;
    unsigned month = NEXT(bs) % 18, day = 1 + NEXT(bs) % 28;
    snprintf(f->id, sizeof f->id, "fx-%04u", i);
    snprintf(f->date, sizeof f->date, "%04u-%02u-%02u", 2024 + month / 12, 1 + month % 12, day);
    snprintf(f->url, sizeof f->url, "https://news.example/%04u", i);
    snprintf(f->title, sizeof f->title, "Story number %u", i);
    fx_actor a = fx_actors[NEXT(bs) % FX_N_ACTORS], b = fx_actors[NEXT(bs) % FX_N_ACTORS];
    if (!strcmp(a.code, b.code))
        b = fx_actors[(NEXT(bs) + 1) % FX_N_ACTORS];
    if (!strcmp(a.code, b.code))
        b = fx_actors[0];
    fx_verb v = fx_verbs[NEXT(bs) % FX_N_VERBS];
    fx_event_sentence(f, 0, a, v, b, " on Tuesday.");
    fx_add(f, " ");
    unsigned s = seed;
    unsigned more = NEXT(s) % 3;
    for (unsigned k = 0; k < more; k++) {
        fx_actor c = fx_actors[NEXT(s) % FX_N_ACTORS], d = fx_actors[NEXT(s) % FX_N_ACTORS];
        if (!strcmp(c.code, d.code))
            d = fx_actors[(NEXT(s) + 3) % FX_N_ACTORS];
        if (!strcmp(c.code, d.code))
            continue;
        petrel_event *e = fx_event_sentence(f, 1, c, fx_verbs[NEXT(s) % FX_N_VERBS], d, ".");
        e->negated = NEXT(s) % 7 == 0;
        e->claimed = NEXT(s) % 5 == 0;
        if (e->claimed) {
            e->claimed_name = "Officials";
            e->claimed_actor = c.code;
        }
        fx_add(f, " ");
    }
    static const char *const speakers[][2] = {{"Ali Vaezi", "IRNGOV"},
                                              {"Antony Blinken", "USAGOV"},
                                              {"Wang Yi", "CHNGOV"},
                                              {"Maria Zakharova", "RUSGOV"}};
    unsigned sp = NEXT(s) % 4;
    fx_add(f, "\n\n");
    fx_quote_sentence(f, 2, "We will answer every provocation", "said", speakers[sp][0],
                      speakers[sp][1]);
    fx_add(f, " ");
    fx_plain_sentence(f, 2, "Talks are due to resume next week.");
#undef NEXT
    return fx_finish(f);
}

/* A document whose every string is hostile: markup, a javascript: URL, tabs
 * and newlines, characters beyond the BMP. */
static inline const petrel_result *fx_hostile_doc(fixture *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "evil<script>alert('id')</script>");
    snprintf(f->date, sizeof f->date, "2024-03-05");
    snprintf(f->url, sizeof f->url, "javascript:alert('url')");
    snprintf(f->title, sizeof f->title, "</script><script>alert('title')</script>");
    fx_plain_sentence(f, 0, "Caf\u00e9 \U0001F600 \u4e2d\u6587 <b>bold</b> &amp; tab\there.");
    fx_add(f, " ");
    fx_actor a = {"USA<", "<img src=x onerror=alert('src')>"};
    fx_actor b = {"IRN", "Iran\U0001F600</script>"};
    fx_event_sentence(f, 0, a, fx_verbs[0], b, " <script>alert('sentence')</script>.");
    fx_add(f, "\n\n");
    fx_quote_sentence(f, 1, "<script>alert('quote')</script>\nsecond line", "said",
                      "<i>Mallory</i>", "XSS<");
    return fx_finish(f);
}

#endif
