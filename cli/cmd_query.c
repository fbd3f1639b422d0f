/*
 * petrel query | export | report - read a store made by petrel code --db.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "table.h"

#define DEFAULT_DB "petrel.db"

static void query_usage(FILE *f)
{
    fprintf(f,
            "usage: petrel query WHAT [--db DB] [filters] [--format F] [--limit N]\n"
            "\n"
            "WHAT:\n"
            "  events    events, one a row, with the sentence each came from\n"
            "  groups    the same event reported by several documents (the event_groups view)\n"
            "  quotes    quotations with their speakers\n"
            "  attributions  what is reported that is not speech (beliefs, intentions ...)\n"
            "  actors    actors by number of events, quotes and mentions\n"
            "  pairs     source-target dyads per month: counts and mean Goldstein score\n"
            "  summary   counts of documents, sentences, quotes, events by quad and root,\n"
            "            top actors and speakers\n"
            "\n"
            "options:\n"
            "  --db DB             the store (default " DEFAULT_DB "; SQLite)\n"
            "  --source CODE       source actor code prefix (USA matches USAGOV)\n"
            "  --target CODE       target actor code prefix\n"
            "  --code CODE         CAMEO code prefix (19 matches 190-196)\n"
            "  --root NN           CAMEO root code\n"
            "  --plover TYPE       PLOVER type (ASSAULT, PROTEST, ...)\n"
            "  --from YYYY-MM-DD   first day (events: event day; quotes: document date)\n"
            "  --to YYYY-MM-DD     last day, inclusive\n"
            "  --claimed           only events claimed by someone (\"X said Y attacked\")\n"
            "  --negated           only negated events (\"did not attack\")\n"
            "  --speaker S         quotes, attributions: speaker actor code prefix or part of the name\n"
            "  --doc ID            one document\n"
            "  --limit N           at most N rows (summary: N per list, default 10)\n"
            "  --format F          table (default on a terminal), jsonl (default otherwise),\n"
            "                      csv or tsv\n"
            "  -o FILE             write to FILE instead of stdout\n");
}

static void export_usage(FILE *f)
{
    fprintf(f,
            "usage: petrel export [--db DB] [--format tsv] [-o FILE] [filters]\n"
            "\n"
            "Writes the events as a tab-separated file with a header line (Phoenix/GDELT-like):\n"
            "event_id, date, source, target, code, root, quad, goldstein, plover, source_name,\n"
            "target_name, negated, mode, doc_id, url, sentence_index, sentence. An empty field is\n"
            "NULL; tab, newline, carriage return and backslash in values are written \\t \\n \\r\n"
            "\\\\ (PostgreSQL COPY text format). Filters are those of petrel query events.\n"
            "  PostgreSQL: \\copy t FROM 'events.tsv' WITH (FORMAT text, HEADER true, NULL '')\n"
            "  pandas:     pd.read_csv('events.tsv', sep='\\t', quoting=csv.QUOTE_NONE)\n");
}

static void report_usage(FILE *f)
{
    fprintf(f,
            "usage: petrel report [--db DB] -o report.html [--title T] [--max-events N]\n"
            "\n"
            "Writes one self-contained HTML page (no network): events per month by quad class,\n"
            "the actor network, a sortable table of events with their sentences, and the quotes\n"
            "by speaker. --max-events and --max-quotes cap the tables (default 5000 each).\n");
}

typedef struct common {
    const char *db, *output;
    petrel_query_options q;
    out_format fmt;
    bool fmt_set;
    const char *title;
    size_t max_events, max_quotes;
} common;

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || end == s)
        return false;
    *out = (size_t)v;
    return true;
}

/* Options shared by the three commands; 1 consumed, 0 not ours, -1 error. */
static int parse_common(common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    static const struct {
        const char *name;
        size_t off;
    } strs[] = {
        {"--db", offsetof(common, db)},
        {"-o", offsetof(common, output)},
        {"--output", offsetof(common, output)},
        {"--title", offsetof(common, title)},
        {"--source", offsetof(common, q.source)},
        {"--target", offsetof(common, q.target)},
        {"--code", offsetof(common, q.code)},
        {"--root", offsetof(common, q.root)},
        {"--plover", offsetof(common, q.plover)},
        {"--from", offsetof(common, q.from)},
        {"--to", offsetof(common, q.to)},
        {"--speaker", offsetof(common, q.speaker)},
        {"--doc", offsetof(common, q.doc)},
    };
    for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
        if (!strcmp(a, strs[k].name)) {
            if (!v) {
                cli_msg("%s needs a value", a);
                return -1;
            }
            *(const char **)((char *)c + strs[k].off) = v;
            (*i)++;
            if ((!strcmp(a, "--from") || !strcmp(a, "--to")) && !petrel_date_is_valid(v)) {
                cli_msg("%s wants YYYY-MM-DD, not '%s'", a, v);
                return -1;
            }
            return 1;
        }
    if (!strcmp(a, "--claimed")) {
        c->q.claimed_only = true;
        return 1;
    }
    if (!strcmp(a, "--negated")) {
        c->q.negated_only = true;
        return 1;
    }
    if (!strcmp(a, "--limit") || !strcmp(a, "--max-events") || !strcmp(a, "--max-quotes")) {
        size_t *dst = !strcmp(a, "--limit")        ? &c->q.limit
                      : !strcmp(a, "--max-events") ? &c->max_events
                                                   : &c->max_quotes;
        if (!v || !parse_size(v, dst)) {
            cli_msg("%s wants a number", a);
            return -1;
        }
        (*i)++;
        return 1;
    }
    if (!strcmp(a, "--format")) {
        if (!v) {
            cli_msg("--format needs a value");
            return -1;
        }
        (*i)++;
        c->fmt_set = true;
        if (!strcmp(v, "table"))
            c->fmt = FMT_TABLE;
        else if (!strcmp(v, "jsonl") || !strcmp(v, "json"))
            c->fmt = FMT_JSONL;
        else if (!strcmp(v, "csv"))
            c->fmt = FMT_CSV;
        else if (!strcmp(v, "tsv"))
            c->fmt = FMT_TSV;
        else {
            cli_msg("--format must be table, jsonl, csv or tsv");
            return -1;
        }
        return 1;
    }
    return 0;
}

static petrel_store *open_ro(const common *c)
{
    petrel_error err = {0};
    const char *db = c->db ? c->db : DEFAULT_DB;
    if (!strstr(db, "://") && access(db, F_OK) != 0) {
        cli_msg("%s: no such database (make one with petrel code --db %s FILE...)", db, db);
        return NULL;
    }
    petrel_store *st = petrel_store_open(db, PETREL_STORE_READONLY, &err);
    if (!st)
        cli_error(&err);
    return st;
}

static FILE *open_out(const char *path)
{
    if (!path || !strcmp(path, "-"))
        return stdout;
    FILE *f = fopen(path, "w");
    if (!f)
        cli_msg("cannot write %s: %s", path, strerror(errno));
    return f;
}

static int close_out(FILE *f, const char *path)
{
    int bad = fflush(f) != 0 || ferror(f);
    if (f != stdout)
        bad |= fclose(f) != 0;
    if (bad)
        cli_msg("cannot write %s: %s", path && strcmp(path, "-") ? path : "output",
                strerror(errno));
    return bad ? -1 : 0;
}

/* The summary as sections on a terminal. */
typedef struct summary_ctx {
    FILE *f;
    char section[32];
    unsigned seen; /* bit per entry of summary_titles */
} summary_ctx;

static const struct {
    const char *sec, *title;
} summary_titles[] = {{"totals", "Totals"},
                      {"quad", "Events by quad class"},
                      {"root", "Events by CAMEO root"},
                      {"actor", "Top actors (mentions)"},
                      {"speaker", "Top speakers (quotes)"}};

static int summary_row(void *user, const petrel_row *row)
{
    summary_ctx *s = user;
    if (!row->values)
        return 0;
    const char *sec = row->values[0], *key = row->values[1], *label = row->values[2],
               *count = row->values[3];
    if (!sec)
        return 0;
    if (strcmp(sec, s->section)) {
        const char *title = sec;
        for (size_t i = 0; i < sizeof summary_titles / sizeof summary_titles[0]; i++)
            if (!strcmp(summary_titles[i].sec, sec)) {
                title = summary_titles[i].title;
                s->seen |= 1u << i;
            }
        fprintf(s->f, "%s%s\n", s->section[0] ? "\n" : "", title);
        snprintf(s->section, sizeof s->section, "%s", sec);
    }
    if (!strcmp(sec, "totals"))
        fprintf(s->f, "  %-14s %s\n", key ? key : "", count ? count : (label ? label : "-"));
    else if (!strcmp(sec, "speaker"))
        fprintf(s->f, "  %-36s %-10s %6s\n", key ? key : "-", label ? label : "",
                count ? count : "");
    else
        fprintf(s->f, "  %-8s %-36s %6s\n", key ? key : "-", label ? label : "",
                count ? count : "");
    return ferror(s->f) ? PETREL_ERR_IO : 0;
}

int cmd_query(int argc, char **argv)
{
    common c = {0};
    const char *what = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            query_usage(stdout);
            return 0;
        }
        int r = parse_common(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_FATAL;
        if (r)
            continue;
        if (a[0] == '-' || what) {
            cli_msg("unexpected '%s' (see petrel query --help)", a);
            return EXIT_FATAL;
        }
        what = a;
    }
    if (!what) {
        query_usage(stderr);
        return EXIT_FATAL;
    }
    FILE *out = open_out(c.output);
    if (!out)
        return EXIT_FATAL;
    if (!c.fmt_set)
        c.fmt = out == stdout && isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_JSONL;
    petrel_store *st = open_ro(&c);
    if (!st) {
        if (out != stdout)
            fclose(out);
        return EXIT_FATAL;
    }
    petrel_error err = {0};
    int rc;
    if (!strcmp(what, "summary") && c.fmt == FMT_TABLE) {
        summary_ctx s = {.f = out};
        rc = petrel_store_query(st, what, &c.q, summary_row, &s, &err);
        /* name the empty lists too, so a reader sees what was looked for */
        for (size_t i = 0; !rc && i < sizeof summary_titles / sizeof summary_titles[0]; i++)
            if (!(s.seen & (1u << i)))
                fprintf(out, "\n%s\n  (none)\n", summary_titles[i].title);
    } else {
        table_out *t = table_new(out, c.fmt);
        rc = t ? petrel_store_query(st, what, &c.q, table_row, t, &err) : PETREL_ERR_NOMEM;
        if (!rc && table_finish(t))
            rc = PETREL_ERR_IO;
        table_free(t);
    }
    if (rc < 0 && err.message[0])
        cli_error(&err);
    petrel_store_close(st, NULL);
    if (close_out(out, c.output) || rc)
        return EXIT_FATAL;
    return 0;
}

int cmd_export(int argc, char **argv)
{
    common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            export_usage(stdout);
            return 0;
        }
        int r = parse_common(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_FATAL;
        if (r)
            continue;
        cli_msg("unexpected '%s' (see petrel export --help)", a);
        return EXIT_FATAL;
    }
    if (c.fmt_set && c.fmt != FMT_TSV) {
        cli_msg("export writes --format tsv (petrel query events writes jsonl and csv)");
        return EXIT_FATAL;
    }
    petrel_store *st = open_ro(&c);
    if (!st)
        return EXIT_FATAL;
    FILE *out = open_out(c.output);
    if (!out) {
        petrel_store_close(st, NULL);
        return EXIT_FATAL;
    }
    petrel_error err = {0};
    int rc = petrel_store_export_tsv(st, &c.q, out, &err);
    if (rc)
        cli_error(&err);
    petrel_store_close(st, NULL);
    if (close_out(out, c.output) || rc)
        return EXIT_FATAL;
    return 0;
}

int cmd_report(int argc, char **argv)
{
    common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            report_usage(stdout);
            return 0;
        }
        int r = parse_common(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_FATAL;
        if (r)
            continue;
        cli_msg("unexpected '%s' (see petrel report --help)", a);
        return EXIT_FATAL;
    }
    if (!c.output) {
        cli_msg("petrel report needs -o FILE.html");
        return EXIT_FATAL;
    }
    petrel_store *st = open_ro(&c);
    if (!st)
        return EXIT_FATAL;
    FILE *out = open_out(c.output);
    if (!out) {
        petrel_store_close(st, NULL);
        return EXIT_FATAL;
    }
    petrel_report_options ro = {.title = c.title,
                                .max_events = c.max_events,
                                .max_quotes = c.max_quotes};
    petrel_error err = {0};
    int rc = petrel_store_report_html(st, &ro, out, &err);
    if (rc)
        cli_error(&err);
    petrel_store_close(st, NULL);
    if (close_out(out, c.output) || rc)
        return EXIT_FATAL;
    return 0;
}
