/*
 * clean.h - find the publisher's boilerplate in plain text and drop it.
 *
 * Works on paragraphs, with general signals rather than one site's sentences:
 * phrases of appeal, newsletter, cookie, share/read-more and photo-credit
 * language (dict/boilerplate.txt, weighted by kind), second-person and
 * publisher "we/our" voice outside quotation marks, money amounts next to
 * appeal words, salutation lines ("Dear ...,") and message headers, and the
 * position of the paragraph: appeals and prompts gather at the end of an
 * article, cookie and navigation lines at the start. Story paragraphs carry
 * counter-signals (a speech verb, a quotation, long third-person prose) that
 * a block has to outweigh.
 */
#ifndef PETREL_CLEAN_H
#define PETREL_CLEAN_H

#include "doc.h"

/* Marks dropped paragraphs and records each dropped range with its reason. */
int clean_boilerplate(doc *d);

#endif
