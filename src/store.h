/*
 * store.h - what the store backends (write_sqlite.c, write_pg.c) and the
 * queries over a store (store/) share.
 */
#ifndef PETREL_STORE_H
#define PETREL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "petrel.h"

/* A result made ready for rows: the values the tables want that the result
 * does not hold directly. Arrays are reused from document to document. */
typedef struct store_prep {
    char sha256[65];
    uint64_t chars;        /* code points in the text */
    const char *doc_date;  /* the document's date when it is a valid YYYY-MM-DD, else NULL */
    uint32_t *sent_byte;   /* per sentence: byte start, byte end (2 per sentence) */
    int64_t *event_sent;   /* per event: sentence index, -1 when none contains it */
    const char **event_day;/* per event: its date, else the document's, else NULL */
    size_t cap_sent, cap_event_sent, cap_event_day;
} store_prep;

int store_prepare(store_prep *p, const petrel_result *r, petrel_error *err);
void store_prep_free(store_prep *p);

/* A sentence index as given by a quote or mention, or -1 when out of range. */
int64_t store_sentence_ref(const petrel_result *r, uint32_t sentence);

typedef struct store_ops {
    int (*put)(petrel_store *st, const petrel_result *r, const store_prep *p,
               petrel_store_outcome *out, petrel_error *err);
    /* found=true and the stored hash when the id is stored */
    int (*lookup)(petrel_store *st, const char *id, char sha256[65], bool *found,
                  petrel_error *err);
    int (*close)(petrel_store *st, petrel_error *err);
} store_ops;

struct petrel_store {
    const store_ops *ops;
    const char *kind;
    unsigned flags;
    void *impl;
    store_prep prep;
};

int store_sqlite_open(petrel_store *st, const char *path, petrel_error *err);
int store_pg_open(petrel_store *st, const char *conninfo, petrel_error *err);

/* The SQLite connection of a SQLite store, NULL for another kind. */
struct sqlite3 *store_sqlite_db(petrel_store *st);

int store_fail(petrel_error *err, petrel_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* CAMEO root and GDELT quad class names, NULL when unknown. */
const char *store_root_name(const char *root);
const char *store_quad_name(int quad);

/* Columns shared by the quotes and attributions tables of both SQL dialects,
 * after the keys (and cue_type); the writers bind them in this order. */
#define STORE_QUOTE_COLUMNS                                                            \
    "  kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),\n"        \
    "  content TEXT NOT NULL,\n"                                                        \
    "  content_start INTEGER NOT NULL,\n"                                               \
    "  content_end INTEGER NOT NULL,\n"                                                 \
    "  cue TEXT,\n"                                                                     \
    "  cue_start INTEGER,\n"                                                            \
    "  cue_end INTEGER,\n"                                                              \
    "  source TEXT,\n"                                                                  \
    "  source_start INTEGER,\n"                                                         \
    "  source_end INTEGER,\n"                                                           \
    "  speaker_name TEXT,\n"                                                            \
    "  speaker_actor TEXT\n"

extern const char *const store_quote_kinds[3];
extern const char *const store_modes[4];

#endif
