/*
 * petrel dict check - validate dictionary files and print what they hold.
 * petrel dict compile - TABARI / PETRARCH dictionaries into one file that
 * loads in milliseconds.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: petrel dict check [--format auto|petrel|tabari|petrarch] [FILE|DIR ...]\n"
               "       petrel dict compile [--format tabari|petrarch] -o OUT FILE ...\n"
               "\n"
               "check loads each dictionary (ours, TABARI's or PETRARCH's; recognised by\n"
               "content unless --format says), prints FILE:LINE: reason for every problem\n"
               "and the entry counts. With no FILE, checks the shipped dictionaries.\n"
               "\n"
               "compile loads the TABARI or PETRARCH files together (a .project or a zip\n"
               "of them too) and writes them, compiled, to OUT: give OUT to --dict in\n"
               "their place and it loads in milliseconds instead of parsing the text\n"
               "again. Only this build of petrel reads OUT; compile again after an\n"
               "upgrade or an edit of the files. Nothing is written if a file has errors.\n"
               "exit status: 0 no errors, 1 errors found, 2 usage\n");
}

static void print_problem(void *user, const petrel_error *p, bool warning)
{
    size_t *count = user;
    char buf[1600];
    fprintf(stderr, "petrel: %s%s\n", petrel_error_format(p, buf, sizeof buf),
            warning ? " (warning)" : "");
    if (!warning)
        (*count)++;
}

static void print_stats(const char *what, const petrel_dict_stats *s, double ms)
{
    printf("%s:", what);
    const struct {
        const char *name;
        size_t n;
    } items[] = {{"actors", s->actors},         {"actor names", s->actor_names},
                 {"agents", s->agents},         {"verb patterns", s->verb_patterns},
                 {"verbs", s->verbs},           {"synonym sets", s->synsets},
                 {"cues", s->cues},             {"abbreviations", s->abbreviations},
                 {"boilerplate signals", s->boilerplate}, {"CAMEO codes", s->cameo_codes},
                 {"inflections", s->inflections}, {"discards", s->discards},
                 {"given names", s->given_names}};
    int shown = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (items[i].n) {
            printf("%s %zu %s", shown ? "," : "", items[i].n, items[i].name);
            shown++;
        }
    if (!shown)
        printf(" no entries");
    printf(" (%.0f ms)\n", ms);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int dict_compile(int argc, char **argv)
{
    petrel_dict_format fmt = PETREL_DICT_AUTO;
    const char *out = NULL;
    int first_file = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--format") || !strcmp(argv[i], "-o")) {
            if (i + 1 >= argc) {
                cli_msg("%s needs a value", argv[i]);
                return EXIT_FATAL;
            }
            if (argv[i][1] == 'o') {
                out = argv[++i];
                continue;
            }
            fmt = parse_dict_format(argv[++i]);
            if (fmt != PETREL_DICT_AUTO && fmt != PETREL_DICT_TABARI &&
                fmt != PETREL_DICT_PETRARCH) {
                cli_msg("--format must be auto, tabari or petrarch");
                return EXIT_FATAL;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_msg("unknown option '%s' (see petrel dict --help)", argv[i]);
            return EXIT_FATAL;
        } else if (!first_file) {
            first_file = i;
        }
    }
    if (!out || !first_file) {
        cli_msg("dict compile needs -o OUT and at least one FILE (see petrel dict --help)");
        return EXIT_FATAL;
    }
    for (int i = first_file; i < argc; i++)
        if (!strcmp(argv[i], out) && strcmp(argv[i - 1], "-o")) {
            cli_msg("%s is one of the dictionaries: the compiled file would overwrite it", out);
            return EXIT_FATAL;
        }
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng) {
        cli_error(&err);
        return EXIT_FATAL;
    }
    size_t errors = 0;
    petrel_engine_set_problem_handler(eng, print_problem, &errors);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = first_file; i < argc; i++) {
        if (!strcmp(argv[i], "--format") || !strcmp(argv[i], "-o")) {
            i++;
            continue;
        }
        memset(&err, 0, sizeof err);
        if (petrel_engine_load_file(eng, argv[i], fmt, &err) &&
            (err.code == PETREL_ERR_IO || err.code == PETREL_ERR_TOO_BIG)) {
            cli_error(&err);
            errors++;
        }
    }
    memset(&err, 0, sizeof err);
    petrel_engine_finish(eng, &err);
    double load_ms = ms_since(&t0);
    int rc = 0;
    if (errors) {
        cli_msg("%zu error%s: %s not written", errors, errors == 1 ? "" : "s", out);
        rc = 1;
    } else {
        memset(&err, 0, sizeof err);
        if (petrel_engine_write_compiled(eng, out, &err)) {
            cli_error(&err);
            rc = err.code == PETREL_ERR_USAGE ? EXIT_FATAL : 1;
        } else {
            petrel_dict_stats st;
            petrel_engine_stats(eng, &st);
            print_stats(out, &st, load_ms);
        }
    }
    petrel_engine_free(eng);
    if (rc)
        return rc;
    /* read it back as `code` will: a file that does not load is no use */
    eng = petrel_engine_new(&err);
    if (!eng) {
        cli_error(&err);
        return EXIT_FATAL;
    }
    petrel_engine_set_problem_handler(eng, print_problem, &errors);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&err, 0, sizeof err);
    if (petrel_engine_load_file(eng, out, PETREL_DICT_AUTO, &err) == PETREL_OK &&
        petrel_engine_finish(eng, &err) == PETREL_OK)
        printf("%s: loads in %.1f ms\n", out, ms_since(&t0));
    else
        rc = 1;
    petrel_engine_free(eng);
    return rc;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_FATAL : 0;
    }
    if (!strcmp(argv[1], "compile"))
        return dict_compile(argc, argv);
    if (strcmp(argv[1], "check")) {
        cli_msg("unknown dict command '%s' (try: petrel dict check FILE...)", argv[1]);
        return EXIT_FATAL;
    }
    petrel_dict_format fmt = PETREL_DICT_AUTO;
    size_t errors = 0;
    int checked = 0;
    for (int i = 2; i <= argc; i++) {
        const char *path = i < argc ? argv[i] : NULL;
        if (path && !strcmp(path, "--format")) {
            if (i + 1 >= argc) {
                cli_msg("--format needs a value");
                return EXIT_FATAL;
            }
            fmt = parse_dict_format(argv[++i]);
            if ((int)fmt < 0) {
                cli_msg("--format must be auto, petrel, tabari or petrarch");
                return EXIT_FATAL;
            }
            continue;
        }
        if (path && (!strcmp(path, "-h") || !strcmp(path, "--help"))) {
            usage(stdout);
            return 0;
        }
        if (path && path[0] == '-' && path[1]) {
            cli_msg("unknown option '%s' (see petrel dict --help)", path);
            return EXIT_FATAL;
        }
        if (!path) {
            if (checked)
                break;
            path = petrel_default_dict_dir();
        }
        checked++;
        petrel_error err = {0};
        petrel_engine *eng = petrel_engine_new(&err);
        if (!eng) {
            cli_error(&err);
            return EXIT_FATAL;
        }
        size_t before = errors;
        petrel_engine_set_problem_handler(eng, print_problem, &errors);
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        FILE *probe = fopen(path, "r");
        bool is_dir = false;
        if (probe) {
            /* a directory opens but cannot be read */
            char c;
            is_dir = fread(&c, 1, 1, probe) == 0 && ferror(probe);
            fclose(probe);
        }
        int rc = is_dir ? petrel_engine_load_dir(eng, path, &err)
                        : petrel_engine_load_file(eng, path, fmt, &err);
        if (rc && (err.code == PETREL_ERR_IO || err.code == PETREL_ERR_TOO_BIG ||
                   err.code == PETREL_ERR_USAGE)) {
            cli_error(&err);
            errors++;
        }
        memset(&err, 0, sizeof err);
        petrel_engine_finish(eng, &err);
        double ms = ms_since(&t0);
        petrel_dict_stats st;
        petrel_engine_stats(eng, &st);
        print_stats(path, &st, ms);
        if (errors > before)
            printf("%s: %zu error%s\n", path, errors - before, errors - before == 1 ? "" : "s");
        petrel_engine_free(eng);
    }
    return errors ? 1 : 0;
}
