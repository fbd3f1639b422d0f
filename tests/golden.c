/*
 * golden - run `petrel code` on every case in a folder and compare its JSON
 * Lines with the expected ones, field by field (cmark's spec tests, for
 * records).
 *
 * A case is NAME.expected.jsonl next to its input NAME.txt / NAME.jsonl /
 * NAME.html / NAME.warc (optionally .gz) and, optionally, NAME.args: extra
 * command-line arguments on one line.
 *
 * Comparison: records are grouped by "type". For each type the expected file
 * mentions, the actual records of that type must be as many and, in order,
 * match: every field written in the expected record must be present with an
 * equal value (objects compare the same way, recursively, so an expected
 * record names only what the case is about); the string "*" matches any value.
 * Types the expected file does not mention are not checked.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int failures_in_case;

static void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s: ", name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures_in_case++;
}

static char *dump(const json_t *v)
{
    return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII);
}

/* Does actual contain expected (subset semantics for objects)? path collects
 * where the first difference is. */
static int matches(const json_t *exp, const json_t *act, char *path, size_t cap)
{
    if (json_is_string(exp) && !strcmp(json_string_value(exp), "*"))
        return act != NULL;
    if (!act)
        return 0;
    if (json_is_object(exp)) {
        if (!json_is_object(act))
            return 0;
        const char *key;
        json_t *ev;
        json_object_foreach((json_t *)exp, key, ev)
        {
            size_t n = strlen(path);
            snprintf(path + n, cap - n, ".%s", key);
            if (!matches(ev, json_object_get(act, key), path, cap))
                return 0;
            path[n] = 0;
        }
        return 1;
    }
    if (json_is_array(exp)) {
        if (!json_is_array(act) || json_array_size(exp) != json_array_size(act))
            return 0;
        for (size_t i = 0; i < json_array_size(exp); i++) {
            size_t n = strlen(path);
            snprintf(path + n, cap - n, "[%zu]", i);
            if (!matches(json_array_get(exp, i), json_array_get(act, i), path, cap))
                return 0;
            path[n] = 0;
        }
        return 1;
    }
    if (json_is_number(exp) && json_is_number(act)) {
        double a = json_number_value(exp), b = json_number_value(act);
        return a - b < 1e-9 && b - a < 1e-9;
    }
    return json_equal((json_t *)exp, (json_t *)act);
}

static json_t *load_lines(FILE *f, const char *what, const char *name)
{
    json_t *arr = json_array();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n || line[0] == '#')
            continue;
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)n, 0, &je);
        if (!v) {
            fail(name, "%s line %ld is not JSON: %s", what, lineno, je.text);
            continue;
        }
        json_array_append_new(arr, v);
    }
    free(line);
    return arr;
}

static const char *type_of(const json_t *v)
{
    const char *t = json_string_value(json_object_get(v, "type"));
    return t ? t : "";
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void run_case(const char *petrel, const char *dir, const char *name)
{
    static const char *const exts[] = {".txt", ".jsonl", ".html", ".warc", ".txt.gz",
                                       ".jsonl.gz", ".html.gz", ".warc.gz", NULL};
    char input[4096] = "", path[4096], args[2048] = "";
    for (int i = 0; exts[i]; i++) {
        snprintf(path, sizeof path, "%s/%s%s", dir, name, exts[i]);
        if (file_exists(path)) {
            snprintf(input, sizeof input, "%s", path);
            break;
        }
    }
    if (!input[0]) {
        fail(name, "no input file (NAME.txt, NAME.jsonl, ...)");
        return;
    }
    snprintf(path, sizeof path, "%s/%s.args", dir, name);
    FILE *af = fopen(path, "r");
    if (af) {
        if (fgets(args, sizeof args, af))
            args[strcspn(args, "\r\n")] = 0;
        fclose(af);
    }
    char cmd[12288];
    snprintf(cmd, sizeof cmd, "'%s' code --quiet -j 1 %s '%s'", petrel, args, input);
    FILE *p = popen(cmd, "r");
    if (!p) {
        fail(name, "cannot run %s", cmd);
        return;
    }
    json_t *actual = load_lines(p, "output", name);
    int status = pclose(p);
    if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) > 1))
        fail(name, "petrel exited with status %d: %s", WEXITSTATUS(status), cmd);

    snprintf(path, sizeof path, "%s/%s.expected.jsonl", dir, name);
    FILE *ef = fopen(path, "r");
    if (!ef) {
        fail(name, "cannot read %s", path);
        json_decref(actual);
        return;
    }
    json_t *expected = load_lines(ef, "expected", name);
    fclose(ef);

    /* types mentioned in the expected file */
    json_t *types = json_object();
    size_t i;
    json_t *v;
    json_array_foreach(expected, i, v) json_object_set_new(types, type_of(v), json_true());
    const char *type;
    json_t *unused;
    json_object_foreach(types, type, unused)
    {
        json_t *ex = json_array(), *ac = json_array();
        json_array_foreach(expected, i, v) if (!strcmp(type_of(v), type))
            json_array_append(ex, v);
        json_array_foreach(actual, i, v) if (!strcmp(type_of(v), type)) json_array_append(ac, v);
        size_t ne = json_array_size(ex), na = json_array_size(ac);
        for (size_t k = 0; k < ne; k++) {
            json_t *e = json_array_get(ex, k), *a = k < na ? json_array_get(ac, k) : NULL;
            char where[1024] = "";
            if (!a) {
                char *es = dump(e);
                fail(name, "%s #%zu missing: expected %s", type, k + 1, es);
                free(es);
                continue;
            }
            if (!matches(e, a, where, sizeof where)) {
                char *es = dump(e), *as = dump(a);
                fail(name, "%s #%zu differs at %s\n  expected: %s\n  actual:   %s", type, k + 1,
                     where[0] ? where : "(record)", es, as);
                free(es);
                free(as);
            }
        }
        for (size_t k = ne; k < na; k++) {
            char *as = dump(json_array_get(ac, k));
            fail(name, "%s #%zu unexpected: %s", type, k + 1, as);
            free(as);
        }
        json_decref(ex);
        json_decref(ac);
    }
    json_decref(types);
    json_decref(expected);
    json_decref(actual);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: golden PETREL CASES_DIR [NAME ...]\n");
        return 2;
    }
    const char *petrel = argv[1], *dir = argv[2];
    char *names[4096];
    int n = 0;
    if (argc > 3) {
        for (int i = 3; i < argc && n < 4096; i++)
            names[n++] = strdup(argv[i]);
    } else {
        DIR *d = opendir(dir);
        if (!d) {
            perror(dir);
            return 2;
        }
        struct dirent *de;
        const char *suf = ".expected.jsonl";
        while ((de = readdir(d)) && n < 4096) {
            size_t l = strlen(de->d_name), k = strlen(suf);
            if (l > k && !strcmp(de->d_name + l - k, suf))
                names[n++] = strndup(de->d_name, l - k);
        }
        closedir(d);
    }
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        failures_in_case = 0;
        run_case(petrel, dir, names[i]);
        printf("%s %s\n", failures_in_case ? "FAIL" : "ok  ", names[i]);
        failed += failures_in_case > 0;
        free(names[i]);
    }
    printf("golden: %d cases, %d failed\n", n, failed);
    return failed ? 1 : (n ? 0 : 1);
}
