/*
 * store_fixture - fill a store with a made-up corpus (tests/unit/fixture.h):
 * events, quotes and mentions of the kind the coder will produce, for testing
 * queries and the report before real events exist.
 *   store_fixture DB N [--hostile]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/fixture.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: store_fixture DB N [--hostile]\n");
        return 2;
    }
    unsigned n = (unsigned)atoi(argv[2]);
    bool hostile = argc > 3 && !strcmp(argv[3], "--hostile");
    petrel_error err = {0};
    petrel_store *st = petrel_store_open(argv[1], 0, &err);
    if (!st) {
        fprintf(stderr, "store_fixture: %s\n", err.message);
        return 1;
    }
    static fixture f;
    for (unsigned i = 0; i < n; i++) {
        if (petrel_store_put(st, fx_corpus_doc(&f, i), NULL, &err)) {
            fprintf(stderr, "store_fixture: %s\n", err.message);
            return 1;
        }
    }
    if (hostile && petrel_store_put(st, fx_hostile_doc(&f), NULL, &err)) {
        fprintf(stderr, "store_fixture: %s\n", err.message);
        return 1;
    }
    return petrel_store_close(st, &err) ? 1 : 0;
}
