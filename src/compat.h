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
typedef struct compat_memo compat_memo;   /* per document, compat_coder.c */
typedef struct compat_cache compat_cache; /* per worker, compat_coder.c */

/* Which of the two families a file is, from its content: PETREL_DICT_TABARI,
 * PETREL_DICT_PETRARCH, or PETREL_DICT_AUTO when there is no telling
 * (called by lexicon_sniff once it knows the file is not ours). */
petrel_dict_format compat_sniff(const char *buf, size_t len);
/* When the content does not tell: TABARI's .actors .agents .verbs .options
 * .project names, PETRARCH's *actors*.txt, *agents*.txt, *discards*.txt,
 * *verbs*.txt, CAMEO*.txt; else PETREL_DICT_AUTO. */
petrel_dict_format compat_sniff_name(const char *path);

/* Loaders for one file of each family (called by lexicon_load_file). The
 * kind of TABARI file (.actors .agents .verbs .options .project, or a zip of
 * them) comes from the name, else from the content. */
int compat_load_tabari(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                       petrel_error *err);
int compat_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                         petrel_error *err);
/* Build lookup tables (called by lexicon_finish). */
int compat_finish(lexicon *lx, petrel_error *err);
void compat_free(compat *c);
void compat_stats(const lexicon *lx, petrel_dict_stats *out);

bool compat_has_verbs(const lexicon *lx);

/* Compiled dictionaries (compat_image.c): the store as compat_finish leaves
 * it, in one file that loads in milliseconds. compat_image_write needs a
 * finished lexicon; compat_image_load keeps buf (from malloc) when it
 * returns PETREL_OK, and reports what is wrong with a damaged file through
 * lex_problem. A compiled store takes no further TABARI / PETRARCH files
 * (compat_compiled). */
/* *buf NULL when path is not an image (or cannot be opened: the ordinary
 * reader says why); else the whole file, for compat_image_load. */
int compat_image_read(const char *path, char **buf, size_t *len, petrel_error *err);
int compat_image_load(lexicon *lx, char *buf, size_t len, uint16_t file, petrel_error *first);
int compat_image_write(const lexicon *lx, const char *path, petrel_error *err);
bool compat_compiled(const lexicon *lx);

/* The words a worker has looked up, kept from one document to the next
 * (documents reach it as d->compat_cache; NULL works, only slower). NULL
 * when no TABARI or PETRARCH dictionary is loaded, or out of memory. One
 * per thread: it is written while coding. */
compat_cache *compat_cache_new(const lexicon *lx);
void compat_cache_free(compat_cache *cc);
int compat_events_run(doc *d);

/* For the native actor stage, when TABARI or PETRARCH dictionaries are loaded:
 *
 * compat_match_actor: the longest actor name starting at token i of d (not
 * past end), matched by the dictionary's own rules (TABARI: ISRAEL is a stem
 * and matches ISRAELI, ISRAEL_ only ISRAEL and its plural or possessive,
 * words joined by _ must be adjacent; PETRARCH: whole words). Its code is
 * resolved for d->date_ymd (yyyymmdd; 0 = unknown: the undated code); a
 * coded compound (G7 [USA/GMW/...]) gives its first code. *name is the first
 * name of the actor's entry (its synonyms share it). Returns the number of
 * tokens the name covers, 0 when nothing matches or the name is null-coded,
 * discarded or complex there.
 *
 * compat_match_agent: the longest agent name at token i (FOREIGN MINISTER,
 * POLICE); *code is the agent code without its ~ and *after_actor says
 * where it goes: true for ~GOV (ISR + GOV = ISRGOV), false for NGO~ (NGO +
 * ISR = NGOISR). TABARI adds no agent code an actor code already holds at
 * a 3-letter boundary.
 *
 * Both look each token's words up once per document and keep the lists in
 * d->compat_memo (in d->a), which the coder reuses; call them with the
 * tokens of one sentence at a time, in order (end = the sentence's last
 * token + 1). Strings point into the lexicon and live as long as it. The
 * lexicon is only read. */
uint32_t compat_match_actor(doc *d, uint32_t i, uint32_t end, const char **code,
                            const char **name);
uint32_t compat_match_agent(doc *d, uint32_t i, uint32_t end, const char **code,
                            bool *after_actor);

#endif
