/*
 * table.h - printing query answers: an aligned table, CSV, TSV or JSON Lines.
 */
#ifndef PETREL_CLI_TABLE_H
#define PETREL_CLI_TABLE_H

#include <stdio.h>

#include "petrel.h"

typedef enum out_format { FMT_TABLE, FMT_JSONL, FMT_CSV, FMT_TSV } out_format;

typedef struct table_out table_out;

table_out *table_new(FILE *f, out_format fmt);
/* a petrel_row_fn */
int table_row(void *user, const petrel_row *row);
/* prints what is kept (tables); -1 when writing failed */
int table_finish(table_out *t);
void table_free(table_out *t);

#endif
