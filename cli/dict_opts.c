#include <stdio.h>
#include <string.h>

#include "cli.h"

petrel_dict_format parse_dict_format(const char *s)
{
    if (!strcmp(s, "auto"))
        return PETREL_DICT_AUTO;
    if (!strcmp(s, "petrel"))
        return PETREL_DICT_PETREL;
    if (!strcmp(s, "tabari"))
        return PETREL_DICT_TABARI;
    if (!strcmp(s, "petrarch") || !strcmp(s, "phoenix"))
        return PETREL_DICT_PETRARCH;
    return (petrel_dict_format)-1;
}

int dict_opts_parse(dict_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--dict") || !strcmp(a, "--dict-dir") || !strcmp(a, "--dict-format")) {
        if (*i + 1 >= argc) {
            cli_msg("%s needs a value", a);
            return -1;
        }
        const char *v = argv[++*i];
        if (!strcmp(a, "--dict")) {
            if (o->n_files >= 256) {
                cli_msg("too many --dict options");
                return -1;
            }
            o->files[o->n_files] = v;
            o->formats[o->n_files++] = o->next_format;
        } else if (!strcmp(a, "--dict-dir")) {
            o->dir = v;
        } else {
            petrel_dict_format f = parse_dict_format(v);
            if ((int)f < 0) {
                cli_msg("--dict-format must be auto, petrel, tabari or petrarch");
                return -1;
            }
            o->next_format = f;
        }
        return 1;
    }
    if (!strcmp(a, "--no-default-dict")) {
        o->no_default = true;
        return 1;
    }
    return 0;
}

static void print_problem(void *user, const petrel_error *p, bool warning)
{
    bool *verbose = user;
    if (warning && !*verbose)
        return;
    char buf[1600];
    fprintf(stderr, "petrel: %s%s\n", petrel_error_format(p, buf, sizeof buf),
            warning ? " (warning)" : "");
}

petrel_engine *dict_opts_load(const dict_opts *o, bool verbose_problems)
{
    static bool verbose;
    verbose = verbose_problems;
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng) {
        cli_error(&err);
        return NULL;
    }
    petrel_engine_set_problem_handler(eng, print_problem, &verbose);
    int failed = 0;
    if (!o->no_default) {
        const char *dir = o->dir ? o->dir : petrel_default_dict_dir();
        if (petrel_engine_load_dir(eng, dir, &err)) {
            if (err.code == PETREL_ERR_IO)
                cli_error(&err);
            failed = 1;
        }
    }
    for (int i = 0; i < o->n_files; i++) {
        memset(&err, 0, sizeof err);
        if (petrel_engine_load_file(eng, o->files[i], o->formats[i], &err)) {
            if (err.code == PETREL_ERR_IO || err.code == PETREL_ERR_TOO_BIG)
                cli_error(&err);
            failed = 1;
        }
    }
    memset(&err, 0, sizeof err);
    if (!failed && petrel_engine_finish(eng, &err))
        failed = 1;
    if (failed) {
        cli_msg("dictionaries have errors (listed above); nothing coded");
        petrel_engine_free(eng);
        return NULL;
    }
    return eng;
}
