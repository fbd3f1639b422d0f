#include "actors.h"

int actors_run(doc *d)
{
    (void)d;
    return PETREL_OK;
}

int actors_export(const doc *d, const cp_map *m, const petrel_mention **out, size_t *n)
{
    petrel_mention *ms = arena_alloc(d->a, (d->mentions.len + 1) * sizeof *ms);
    if (!ms)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->mentions.len; i++) {
        const mention *x = &d->mentions.items[i];
        ms[i].span.start = cp_map_get(m, x->start);
        ms[i].span.end = cp_map_get(m, x->end);
        ms[i].span.text = d->text + x->start;
        ms[i].span.text_len = x->end - x->start;
        ms[i].actor = x->code;
        ms[i].name = x->name;
        static const char *const hows[] = {"", "dictionary", "learned", "surname",
                                           "title", "pronoun", "agent"};
        ms[i].how = hows[x->how < 7 ? x->how : 0];
        ms[i].sentence = x->sent;
    }
    *out = ms;
    *n = d->mentions.len;
    return PETREL_OK;
}
