/*
 * quotes.h - who said what: direct, partial and indirect quotations with their
 * cue, the source phrase and the resolved speaker.
 *
 * Quotation marks are paired within a paragraph (double marks; single ones in
 * papers that use no double marks, or where a cue attributes them); a quote
 * continues into the next paragraph only when that paragraph reopens it, and
 * an unclosed mark ends with its paragraph, never later. Every cue outside
 * quotation marks (dict/cues.txt) becomes a report: the cue, the noun phrase
 * of its speaker and the clause it reports ('X said (that) ...', '..., X
 * said.', 'according to X, ...', 'X rejected claims that ...').
 *
 * A quotation next to a report ('"...," he said', 'Tavakoli said: "..."') is
 * direct; one inside a reported clause makes that clause a partial quote (the
 * clause, quoted words and their marks included: one record, not two); a
 * quoted fragment after "called"/"described" is a partial quote of its own; a
 * cue-less quote paragraph continues the speaker before it; other quoted words
 * are scare quotes and are not reported. A reported clause with no quotation
 * is an indirect quote.
 *
 * Speakers are the phrase's head mention from the actor stage, resolved to a
 * full name; a pronoun subject of a speech verb is the speaker before it when
 * that one fits; "the mayor" / "the company" name the person or organisation
 * last named; a phrase that names no one ("a spokesperson for the camp") is
 * reported as written.
 *
 * Cues that report no speech (a belief, a plan, a finding, a judgement; a
 * to-infinitive or an object noun phrase after any cue) give attributions,
 * kept apart in d->attributions: same fields, a type (enum attr_type).
 *
 * Each quote records the token range of its content, which the events stage
 * uses to mark events someone claims; attributions are no claims.
 */
#ifndef PETREL_QUOTES_H
#define PETREL_QUOTES_H

#include "doc.h"

/* What an attribution reports: speech is a quotation; the others are
 * attribution records (a state of mind, a plan, a finding), which the events
 * stage does not read as claims. */
enum attr_type {
    AT_SPEECH = 0,
    AT_BELIEF,     /* X believes/fears/expects that ... */
    AT_INTENTION,  /* X wants/plans/declined to ..., X vowed to ..., X urged Y to ... */
    AT_PERCEPTION, /* X knows/realised/learned that ... */
    AT_EVIDENCE,   /* polls show ..., the report found that ... */
    AT_STANCE,     /* X criticised/praised/endorsed/called for ... */
    AT_SPEECH_ACT, /* X announced/denied/talked about ...: speech told by its object */
};

typedef struct quote {
    uint8_t kind;                /* petrel_quote_kind */
    uint8_t type;                /* enum attr_type */
    uint32_t start, end;         /* content, bytes */
    uint32_t tok_begin, tok_end; /* content tokens */
    bool has_cue, has_source;
    uint32_t cue_start, cue_end;
    uint32_t src_start, src_end;
    uint32_t mention; /* source mention index + 1, 0 = none */
    const char *speaker_name;
    const char *speaker_code;
    uint32_t sent;
} quote;

int quotes_run(doc *d);
int quotes_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n);
/* The same for d->attributions (cue_type set). */
int attributions_export(const doc *d, const cp_map *m, const petrel_quote **out, size_t *n);

/* Who said it, as reported: names resolve through the entity at the end of the
 * document (a title mention may have been named later); a phrase that names
 * no one is given as written ("the army"). */
void quote_speaker(const doc *d, const quote *q, const char **name, const char **code);

#endif
