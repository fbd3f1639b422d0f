/*
 * compat.h - TABARI and PETRARCH compatibility: their dictionary formats
 * (actors, agents, verbs, options, discards, projects, zipped sets) and a
 * coder that follows TABARI's rules, so their users get the events they
 * expect from their dictionaries.
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

/* Which of the two families a file is, from its content: PETREL_DICT_TABARI,
 * PETREL_DICT_PETRARCH, or PETREL_DICT_AUTO when there is no telling
 * (called by lexicon_sniff once it knows the file is not ours). */
petrel_dict_format compat_sniff(const char *buf, size_t len);

/* Loaders for one file of each family (called by lexicon_load_file). The
 * kind of TABARI file (.actors .agents .verbs .options .project, or a zip of
 * them) comes from the name, else from the content. */
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

/* The TABARI / PETRARCH actor at toks[i] (not past end), for the native actor
 * stage: the longest actor name matching there by TABARI's rules (a name
 * written ISRAEL matches ISRAELI, ISRAEL_ only ISRAEL, ISRAEL's and ISRAELS;
 * words joined by _ must be adjacent), its code resolved for date_ymd
 * (yyyymmdd, 0 = unknown: the undated code) with an adjacent agent (ISRAELI
 * FOREIGN MINISTER -> ISRGOVFRM) added. Returns the number of tokens matched,
 * 0 if none; *code and *name (the first name of the actor's entry) point into
 * the lexicon and live as long as it. Null-coded and discarded names match
 * nothing. Thread-safe once the lexicon is finished. */
uint32_t compat_match_actor(const lexicon *lx, const tok *toks, uint32_t i, uint32_t end,
                            int32_t date_ymd, const char **code, const char **name);

#endif
