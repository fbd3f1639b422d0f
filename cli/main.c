/*
 * petrel - command line front end. Each subcommand is argument parsing and
 * wiring over libpetrel; the work happens in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: petrel COMMAND [options]\n"
            "\n"
            "commands:\n"
            "  code   [options] [FILE ...]   code articles into quotes and events (JSON Lines)\n"
            "  dict   check [--format F] FILE ...   validate dictionaries, print entry counts\n"
            "  dict   compile -o OUT FILE ...       TABARI / PETRARCH files into one fast-loading file\n"
            "  query  WHAT [--db DB] [filters]     events, groups, quotes, actors, pairs, summary\n"
            "  export [--db DB] [-o FILE]          events as a tab-separated file\n"
            "  report [--db DB] -o FILE.html       one self-contained HTML page of a store\n"
            "  version                       print the version\n"
            "\n"
            "`petrel COMMAND --help` shows the options of a command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_FATAL;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict"))
        return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "query"))
        return cmd_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "export"))
        return cmd_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("petrel %s\n", PETREL_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    cli_msg("unknown command '%s'", cmd);
    usage(stderr);
    return EXIT_FATAL;
}
