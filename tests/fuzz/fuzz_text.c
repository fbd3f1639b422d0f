/*
 * fuzz_text - libFuzzer target for the whole pipeline on one article of
 * arbitrary bytes: UTF-8 checks, cleaning, segmenting, actors, quotes,
 * events, dates and the JSON writer, with the shipped dictionaries.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "default_worker.h"
#include "petrel.h"

static petrel_worker *worker;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    worker = default_worker("fuzz_text");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks a publication date, so date resolution is fuzzed too */
    const char *dates[] = {NULL, "2022-10-24", "2000-02-29", "1999-12-31"};
    const char *date = size ? dates[data[0] & 3] : NULL;
    petrel_input in = {.id = "fuzz", .text = (const char *)data, .len = size, .date = date};
    const petrel_result *r = NULL;
    petrel_error err = {0};
    if (petrel_code(worker, &in, &r, &err) != PETREL_OK)
        return 0;
    petrel_buffer b = {0};
    if (petrel_format_jsonl(r, PETREL_OUT_SENTENCES | PETREL_OUT_MENTIONS | PETREL_OUT_TEXT, &b))
        abort();
    /* every span must lie inside the text */
    size_t cps = 0;
    for (size_t i = 0; i < size; i++)
        cps += (data[i] & 0xC0) != 0x80;
    for (size_t i = 0; i < r->n_quotes; i++)
        if (r->quotes[i].content.end > cps || r->quotes[i].content.start > r->quotes[i].content.end)
            abort();
    for (size_t i = 0; i < r->n_events; i++)
        if (r->events[i].verb.end > cps || r->events[i].sentence.end > cps)
            abort();
    for (size_t i = 0; i < r->n_sentences; i++)
        if (r->sentences[i].end > cps)
            abort();
    petrel_buffer_free(&b);
    return 0;
}
