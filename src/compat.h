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

/* Longest TABARI/PETRARCH actor name at toks[i] (for the native actor stage):
 * tokens matched, 0 if none; *code and *name are set on a match. */
uint32_t compat_match_actor(const lexicon *lx, const tok *toks, uint32_t i, uint32_t end,
                            int32_t date_ymd, const char **code, const char **name);
int compat_events_run(doc *d);

#endif
