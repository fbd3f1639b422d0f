#include "quotes.h"

int quotes_run(doc *d)
{
    (void)d;
    return PETREL_OK;
}

int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n)
{
    (void)m;
    *out = NULL;
    *n = 0;
    (void)d;
    return PETREL_OK;
}
