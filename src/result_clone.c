/*
 * result_clone.c - a petrel_result that outlives its worker's arena.
 *
 * Two passes over the result: the first measures, the second copies into one
 * malloc block, so the copy is freed with one call and costs one allocation.
 * Span texts that point into the article text are re-pointed into the copied
 * text instead of being copied again.
 */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

typedef struct copier {
    char *base; /* NULL while measuring */
    size_t used;
    const char *old_text, *new_text;
    size_t text_len;
} copier;

static void *take(copier *c, size_t n, size_t align)
{
    c->used = (c->used + align - 1) / align * align;
    void *p = c->base ? c->base + c->used : NULL;
    c->used += n;
    return p;
}

static const char *copy_str(copier *c, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = take(c, n, 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

static const char *copy_bytes(copier *c, const char *s, size_t n)
{
    if (!s)
        return NULL;
    if (c->old_text && s >= c->old_text && s + n <= c->old_text + c->text_len)
        return c->new_text ? c->new_text + (s - c->old_text) : NULL;
    char *p = take(c, n + 1, 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void copy_span(copier *c, petrel_span *dst, const petrel_span *src)
{
    *dst = *src;
    dst->text = copy_bytes(c, src->text, src->text_len);
}

#define COPY_ARRAY(c, dst, src, n)                                                   \
    ((dst) = take((c), (n) * sizeof *(src), alignof(max_align_t)),                 \
     ((dst) && (n) ? memcpy((void *)(dst), (src), (n) * sizeof *(src)) : NULL))

/* Quotes and attributions (cue_type names a static string: kept as is). */
static const petrel_quote *copy_quotes(copier *c, const petrel_quote *src, size_t n)
{
    petrel_quote *qs;
    COPY_ARRAY(c, qs, src, n);
    for (size_t i = 0; i < n; i++) {
        const petrel_quote *s = &src[i];
        petrel_quote q = *s;
        copy_span(c, &q.content, &s->content);
        copy_span(c, &q.cue, &s->cue);
        copy_span(c, &q.source, &s->source);
        q.speaker_name = copy_str(c, s->speaker_name);
        q.speaker_actor = copy_str(c, s->speaker_actor);
        if (qs)
            qs[i] = q;
    }
    return qs;
}

/* One pass: measures when c->base is NULL, copies otherwise. */
static petrel_result *copy_result(copier *c, const petrel_result *r)
{
    petrel_result *slot = take(c, sizeof *slot, alignof(max_align_t));
    petrel_result tmp;
    petrel_result *o = slot ? slot : &tmp;
    *o = *r;

    char *text = take(c, r->text_len + 1, 1);
    if (text) {
        if (r->text_len)
            memcpy(text, r->text, r->text_len);
        text[r->text_len] = '\0';
    }
    c->old_text = r->text;
    c->new_text = text;
    c->text_len = r->text_len;
    o->text = text;
    o->id = copy_str(c, r->id);
    o->date = copy_str(c, r->date);
    o->url = copy_str(c, r->url);
    o->title = copy_str(c, r->title);

    petrel_dropped *dr;
    COPY_ARRAY(c, dr, r->dropped, r->n_dropped);
    for (size_t i = 0; i < r->n_dropped; i++) {
        const char *reason = copy_str(c, r->dropped[i].reason);
        if (dr)
            dr[i].reason = reason;
    }
    o->dropped = dr;

    petrel_sentence *ss;
    COPY_ARRAY(c, ss, r->sentences, r->n_sentences);
    o->sentences = ss;

    petrel_mention *ms;
    COPY_ARRAY(c, ms, r->mentions, r->n_mentions);
    for (size_t i = 0; i < r->n_mentions; i++) {
        const petrel_mention *s = &r->mentions[i];
        petrel_mention m = *s;
        copy_span(c, &m.span, &s->span);
        m.actor = copy_str(c, s->actor);
        m.name = copy_str(c, s->name);
        m.how = copy_str(c, s->how);
        if (ms)
            ms[i] = m;
    }
    o->mentions = ms;

    o->quotes = copy_quotes(c, r->quotes, r->n_quotes);
    o->attributions = copy_quotes(c, r->attributions, r->n_attributions);

    petrel_event *es;
    COPY_ARRAY(c, es, r->events, r->n_events);
    for (size_t i = 0; i < r->n_events; i++) {
        const petrel_event *s = &r->events[i];
        petrel_event e = *s;
        e.plover = copy_str(c, s->plover);
        copy_span(c, &e.source.mention, &s->source.mention);
        e.source.actor = copy_str(c, s->source.actor);
        e.source.name = copy_str(c, s->source.name);
        copy_span(c, &e.target.mention, &s->target.mention);
        e.target.actor = copy_str(c, s->target.actor);
        e.target.name = copy_str(c, s->target.name);
        copy_span(c, &e.verb, &s->verb);
        copy_span(c, &e.sentence, &s->sentence);
        copy_span(c, &e.date_text, &s->date_text);
        e.claimed_name = copy_str(c, s->claimed_name);
        e.claimed_actor = copy_str(c, s->claimed_actor);
        e.pattern = copy_str(c, s->pattern);
        if (es)
            es[i] = e;
    }
    o->events = es;
    return slot;
}

petrel_result *petrel_result_clone(const petrel_result *r)
{
    copier c = {0};
    copy_result(&c, r);
    c.base = malloc(c.used ? c.used : 1);
    if (!c.base)
        return NULL;
    c.used = 0;
    return copy_result(&c, r);
}

void petrel_result_free(petrel_result *r) { free(r); }
