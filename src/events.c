#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"

struct events_compiled {
    size_t patterns;
};

int events_compile(lexicon *lx, petrel_error *err)
{
    (void)err;
    lx->events = calloc(1, sizeof *lx->events);
    if (!lx->events)
        return PETREL_ERR_NOMEM;
    lx->events->patterns = lx->verbs.len;
    return PETREL_OK;
}

void events_compiled_free(events_compiled *ec) { free(ec); }

size_t events_pattern_count(const events_compiled *ec) { return ec ? ec->patterns : 0; }

int events_run(doc *d)
{
    /* With TABARI or PETRARCH verb dictionaries loaded, code the way those
     * programs do, so their users get the events they expect. */
    if (compat_has_verbs(d->lex))
        return compat_events_run(d);
    return PETREL_OK;
}

size_t events_verb_count(const events_compiled *ec)
{
    (void)ec;
    return 0;
}

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
            unsigned y = (unsigned)e->date_ymd / 10000u % 10000u, mo = (unsigned)e->date_ymd / 100u % 100u,
                     da = (unsigned)e->date_ymd % 100u;
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
