/*
 * cli.h - what the subcommands share: messages, dictionary loading, options.
 */
#ifndef PETREL_CLI_H
#define PETREL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "petrel.h"

/* Exit codes: 0 all good, 1 some input was skipped, 2 usage or fatal error. */
enum { EXIT_SKIPPED = 1, EXIT_FATAL = 2 };

void cli_error(const petrel_error *e);
void cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Dictionary options common to code and dict. */
typedef struct dict_opts {
    const char *dir;       /* NULL = default */
    bool no_default;
    const char *files[256];
    petrel_dict_format formats[256];
    int n_files;
    petrel_dict_format next_format;
} dict_opts;

/* Consumes a dictionary option at argv[*i]; returns 1 if it was one, -1 on error. */
int dict_opts_parse(dict_opts *o, int argc, char **argv, int *i);
petrel_engine *dict_opts_load(const dict_opts *o, bool verbose_problems);
petrel_dict_format parse_dict_format(const char *s);

int cmd_code(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
