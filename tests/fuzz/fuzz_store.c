/*
 * fuzz_store - libFuzzer target for the SQLite store and everything that reads
 * it back: an article of arbitrary bytes is coded and put into an in-memory
 * database under one of a few ids (so new, unchanged and replaced documents
 * all happen), then every named query, the TSV export and the HTML report run
 * over it with filters cut from the input. Store text, filters and coded spans
 * are all hostile: quotes, %, _, backslashes, NULs cut short, invalid dates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "default_worker.h"
#include "petrel.h"

static petrel_worker *worker;
static petrel_store *store;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    petrel_error err = {0};
    worker = default_worker("fuzz_store");
    store = petrel_store_open(":memory:", PETREL_STORE_TEXT, &err);
    sink = fopen("/dev/null", "w");
    if (!store || !sink) {
        fprintf(stderr, "fuzz_store: %s\n", err.message);
        abort();
    }
    return 0;
}

/* Every row a query gives must be whole: as many values as names, and text
 * where the type says text. */
static int check_row(void *user, const petrel_row *row)
{
    size_t *rows = user;
    if (!row->names)
        abort();
    if (row->values) {
        for (size_t i = 0; i < row->n; i++)
            if (!row->names[i] || (row->types[i] != PETREL_VALUE_NULL && !row->values[i]))
                abort();
        (*rows)++;
    }
    return 0;
}

/* A filter string cut from the input: up to 8 bytes after offset at, or NULL. */
static const char *cut(const uint8_t *data, size_t size, size_t at, char buf[9])
{
    if (at >= size || !(data[at] & 1))
        return NULL;
    size_t n = size - at - 1 < 8 ? size - at - 1 : 8;
    memcpy(buf, data + at + 1, n);
    buf[n] = '\0'; /* an embedded NUL just ends it sooner */
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    /* byte 0: the id (four of them) and the publication date */
    static const char *const ids[] = {"a", "b", "c", "d"};
    static const char *const dates[] = {NULL, "2022-10-24", "2000-02-29", "1999-12-31"};
    petrel_input in = {.id = ids[data[0] & 3],
                       .text = (const char *)data + 1,
                       .len = size - 1,
                       .date = dates[(data[0] >> 2) & 3]};
    const petrel_result *r = NULL;
    petrel_error err = {0};
    if (petrel_code(worker, &in, &r, &err) != PETREL_OK)
        return 0; /* invalid UTF-8 and the like: not a document */
    petrel_store_outcome outcome;
    if (petrel_store_put(store, r, &outcome, &err) != PETREL_OK) {
        fprintf(stderr, "fuzz_store: put failed: %s\n", err.message);
        abort();
    }
    if (petrel_store_has(store, in.id, in.text, in.len, &err) != 1) {
        fprintf(stderr, "fuzz_store: a stored document is not found again\n");
        abort();
    }
    char b1[9], b2[9], b3[9], b4[9];
    petrel_query_options q = {0};
    q.source = cut(data, size, 1, b1);
    q.code = cut(data, size, 2, b2);
    q.speaker = cut(data, size, 3, b3);
    q.from = cut(data, size, 4, b4);
    q.claimed_only = data[0] & 16;
    q.negated_only = data[0] & 32;
    q.limit = data[0] & 64 ? 3 : 0;
    static const char *const named[] = {"events", "quotes",  "attributions", "actors",
                                        "pairs",  "summary", "groups"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        size_t rows = 0;
        int rc = petrel_store_query(store, named[i], &q, check_row, &rows, &err);
        /* a bad filter (a date that is no date) is a usage error, nothing worse */
        if (rc != PETREL_OK && rc != PETREL_ERR_USAGE) {
            fprintf(stderr, "fuzz_store: query %s failed: %s\n", named[i], err.message);
            abort();
        }
    }
    int rc = petrel_store_export_tsv(store, &q, sink, &err);
    if (rc != PETREL_OK && rc != PETREL_ERR_USAGE)
        abort();
    if (data[0] & 128) { /* the report reads everything: not every time */
        petrel_report_options ro = {.title = q.source, .max_events = 50, .max_quotes = 50};
        if (petrel_store_report_html(store, &ro, sink, &err) != PETREL_OK)
            abort();
    }
    return 0;
}
