/*
 * compat.h - TABARI and PETRARCH compatibility: their dictionary formats
 * (actors, agents, verbs, options, discards) and a coder that follows their
 * rules, so their users get the events they expect from their dictionaries.
 *
 * The loaded dictionaries hang off the lexicon (lexicon.compat); the coder
 * reads the document's sentences and tokens and appends struct event records
 * like every other coder.
 */
#ifndef PETREL_COMPAT_H
#define PETREL_COMPAT_H

#include "dict.h"
#include "doc.h"

typedef struct compat compat;

/* Loaders for one file of each family (called by lexicon_load_file). */
int compat_load_tabari(lexicon *lx, const char *path, const char *buf, size_t len,
                       uint16_t file, petrel_error *err);
int compat_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len,
                         uint16_t file, petrel_error *err);
/* Build lookup tables (called by lexicon_finish). */
int compat_finish(lexicon *lx, petrel_error *err);
void compat_free(compat *c);
void compat_stats(const lexicon *lx, petrel_dict_stats *out);

bool compat_has_verbs(const lexicon *lx);
int compat_events_run(doc *d);

#endif
