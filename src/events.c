#include "events.h"

#include <stdlib.h>

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
    (void)d;
    return PETREL_OK;
}

size_t events_verb_count(const events_compiled *ec)
{
    (void)ec;
    return 0;
}

int events_export(const doc *d, const cp_map *m, const petrel_event **out, size_t *n)
{
    (void)d;
    (void)m;
    *out = NULL;
    *n = 0;
    return PETREL_OK;
}
