/*
 * fuzz_cli - libFuzzer target for the command line's option parsing. The first
 * byte picks a subcommand (code, dict, query, export, report); the rest, split
 * at newlines, are its arguments. It runs in a scratch folder holding an
 * article, a JSON Lines file, a dictionary and a database. An argument with a
 * '/' or ".." in it is refused before anything runs: the fuzzer must not read
 * or write outside that folder (nor reach a PostgreSQL server). What a run
 * writes there is removed before the next. The commands run in that folder
 * and the fuzzer in its own, but a crash report is written where the run
 * was: give -artifact_prefix as an absolute path. Run with -close_fd_mask=3:
 * the commands print.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_ARGS 24

/* The scratch folder's files, written afresh before every run: a run may
 * write over them (-o a.txt), and a crash must not depend on earlier runs. */
static const char *const text_names[] = {"a.txt", "a.jsonl", "d.txt"};
static const char *const text_bodies[] = {
    "Kenya accused Somalia of shelling the border town on Monday.\n\n"
    "\"We will not attack,\" the foreign minister said.\n",
    "{\"id\":\"x\",\"date\":\"2024-05-10\",\"text\":\"Iran denied supplying drones to "
    "Russia, its foreign minister said.\"}\n",
    "%petrel actors\nKEN  Kenya\nSOM  Somalia\n"};
static char scratch[] = "/tmp/petrel-fuzz-cli.XXXXXX";
static int home; /* the folder the fuzzer was started in: its corpus and crash paths */
static char *db_bytes; /* t.db as the first run made it */
static size_t db_len;

static void put_file(const char *name, const char *bytes, size_t len)
{
    FILE *f = fopen(name, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f)) {
        perror(name);
        abort();
    }
}

static void put_texts(void)
{
    for (size_t i = 0; i < sizeof text_names / sizeof *text_names; i++)
        put_file(text_names[i], text_bodies[i], strlen(text_bodies[i]));
}

static void remove_scratch(void)
{
    if (!chdir(scratch)) {
        DIR *d = opendir(".");
        for (struct dirent *e; d && (e = readdir(d));)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                unlink(e->d_name);
        if (d)
            closedir(d);
    }
    if (!fchdir(home))
        rmdir(scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    home = open(".", O_RDONLY | O_DIRECTORY);
    if (home < 0 || !mkdtemp(scratch) || chdir(scratch)) {
        perror("fuzz_cli: scratch folder");
        abort();
    }
    put_texts();
    char *make_db[] = {"code", "-q", "--db", "t.db", "a.txt", "a.jsonl", NULL};
    FILE *f = cmd_code(6, make_db) == 0 ? fopen("t.db", "rb") : NULL;
    long len = f && !fseek(f, 0, SEEK_END) ? ftell(f) : -1;
    db_bytes = len > 0 ? malloc((size_t)len) : NULL;
    db_len = db_bytes && !fseek(f, 0, SEEK_SET) ? fread(db_bytes, 1, (size_t)len, f) : 0;
    if (!db_len || db_len != (size_t)len) {
        fprintf(stderr, "fuzz_cli: cannot make the database\n");
        abort();
    }
    fclose(f);
    if (fchdir(home))
        abort();
    atexit(remove_scratch);
    if (!freopen("/dev/null", "r", stdin)) /* code with no file reads standard input */
        abort();
    return 0;
}

/* Everything a run wrote goes, and the scratch files are put back. */
static void reset_folder(void)
{
    DIR *d = opendir(".");
    if (!d)
        abort();
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(e->d_name);
    closedir(d);
    put_texts();
    put_file("t.db", db_bytes, db_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size || size > 512)
        return 0;
    char buf[513];
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    char *args[MAX_ARGS + 2];
    int n = 0;
    static const char *const subcommands[] = {"code", "dict", "query", "export", "report"};
    args[n++] = (char *)subcommands[data[0] % 5];
    for (char *p = buf; n < MAX_ARGS + 1;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (strchr(p, '/') || strstr(p, ".."))
            return 0;
        args[n++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    args[n] = NULL;
    if (chdir(scratch))
        abort();
    reset_folder();
    static int (*const run[])(int, char **) = {cmd_code, cmd_dict, cmd_query, cmd_export,
                                               cmd_report};
    int rc = run[data[0] % 5](n, args);
    if (rc < 0 || rc > EXIT_FATAL) { /* petrel exits 0, 1 or 2 and nothing else */
        fprintf(stderr, "fuzz_cli: exit status %d\n", rc);
        abort();
    }
    if (fchdir(home))
        abort();
    return 0;
}
