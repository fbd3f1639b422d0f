/*
 * dates.h - date expressions ("on Thursday", "last month", "Oct. 3") resolved
 * against the article's date, and attached to the events of their sentence.
 */
#ifndef PETREL_DATES_H
#define PETREL_DATES_H

#include "doc.h"

int dates_run(doc *d);

#endif
