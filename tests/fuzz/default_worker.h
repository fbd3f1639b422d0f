/*
 * default_worker.h - the engine with the shipped dictionaries and one worker,
 * for the targets that code articles; a target cannot run without them.
 */
#ifndef PETREL_FUZZ_DEFAULT_WORKER_H
#define PETREL_FUZZ_DEFAULT_WORKER_H

#include <stdio.h>
#include <stdlib.h>

#include "petrel.h"

static inline petrel_worker *default_worker(const char *target)
{
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng || petrel_engine_load_dir(eng, petrel_default_dict_dir(), &err) ||
        petrel_engine_finish(eng, &err)) {
        fprintf(stderr, "%s: cannot load dictionaries: %s\n", target, err.message);
        abort();
    }
    petrel_worker *w = petrel_worker_new(eng, &err);
    if (!w) {
        fprintf(stderr, "%s: %s\n", target, err.message);
        abort();
    }
    return w; /* lives as long as the fuzzer: the engine with it */
}

/* Codes text once with a fresh worker of eng, when one can be made: the
 * dictionary targets' check that what loaded also codes. */
static inline void code_once(const petrel_engine *eng, const char *text, size_t len,
                             const char *date)
{
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(eng, &err);
    if (!w)
        return;
    petrel_input in = {.id = "d", .text = text, .len = len, .date = date};
    const petrel_result *r;
    petrel_code(w, &in, &r, &err);
    petrel_worker_free(w);
}

#endif
