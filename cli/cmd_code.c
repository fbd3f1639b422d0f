/*
 * petrel code - read articles, code them on N threads, write records in input
 * order. The reader runs on the main thread and hands copies of each input to
 * a bounded ring of jobs; N - 1 workers code and format, and so does the main
 * thread whenever the ring is full; the main thread writes the finished jobs
 * in sequence. Memory is bounded by the ring size times the largest document,
 * whatever the corpus size.
 *
 * With --db the main thread also writes each document to the store, in input
 * order, so reruns give identical databases. Workers hand over a clone of
 * their result (it lives in the worker's arena only until its next document).
 * A document already stored with the same text is not coded at all; whether to
 * skip it is decided again when its turn to be written comes, because an
 * earlier document of the same run may have replaced it in between.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct code_opts {
    petrel_reader_options rd;
    unsigned out_flags;
    const char *output;
    const char *db;
    unsigned store_flags;
    int threads;
    bool quiet;
    unsigned only; /* --only: enum petrel_want_flags, 0 when not given */
} code_opts;

typedef struct totals {
    size_t docs, skipped, bytes, sentences, quotes, events, dropped, warnings;
    size_t stored_new, stored_replaced, stored_unchanged;
} totals;

enum job_state { JOB_FREE, JOB_READY, JOB_TAKEN, JOB_DONE };

typedef struct job {
    enum job_state state;
    /* input, copied into buf */
    char *id, *text, *date, *url, *title, *file;
    size_t len;
    char *buf;
    size_t buf_cap;
    long line;
    bool keep_text, html;
    /* output */
    petrel_buffer out;
    int rc;
    petrel_error err;
    size_t sentences, quotes, events, dropped;
    bool stored;                /* found unchanged in the store: not coded */
    const petrel_result *res;   /* for the store: the worker's result or `owned` */
    petrel_result *owned;
} job;

/* What a job produces besides counts. */
typedef struct job_mode {
    unsigned flags;
    unsigned want; /* petrel_worker_want */
    bool jsonl;  /* format JSON Lines */
    bool keep;   /* keep the result for the store */
    bool clone;  /* ... as a copy (the worker moves on before the write) */
} job_mode;

/* What the writing side needs. */
typedef struct sink {
    FILE *out;              /* NULL: no JSON Lines */
    petrel_store *store;    /* NULL: no database */
    petrel_worker *late;    /* codes documents found changed at write time */
    const petrel_engine *eng;
    job_mode mode;
} sink;

#define WAKE_BYTES (64u << 10)

/* Workers take runs of jobs and the writer is woken only when the job it
 * waits for is done: handing documents over one at a time cost two context
 * switches per document, 11% of the CPU on 4 KB articles. */
typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *jobs;
    size_t cap;
    size_t next_take;  /* sequence number of the next job a worker takes */
    size_t next_put;   /* next sequence number the reader fills */
    size_t next_write; /* sequence number of the next job to write */
    size_t bytes;      /* input bytes in the ring */
    size_t max_bytes;  /* the reader waits above this (one job always fits) */
    size_t batch_max;  /* most jobs a worker takes at once */
    int threads, idle;
    bool closing;
    const petrel_engine *eng;
    job_mode mode;
    petrel_worker *helper; /* the reading thread's, NULL if it could not have one */
} pool;

/* "events,quotes" -> PETREL_WANT_EVENTS | PETREL_WANT_QUOTES */
static bool parse_only(const char *list, unsigned *want)
{
    static const struct {
        const char *name;
        unsigned flag;
    } kinds[] = {{"events", PETREL_WANT_EVENTS},
                 {"quotes", PETREL_WANT_QUOTES},
                 {"mentions", PETREL_WANT_MENTIONS}};
    *want = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        size_t k = 0;
        while (k < sizeof kinds / sizeof *kinds &&
               (strlen(kinds[k].name) != n || strncmp(p, kinds[k].name, n)))
            k++;
        if (k == sizeof kinds / sizeof *kinds) {
            cli_msg("--only: unknown record kind '%.*s' (events, quotes, mentions)", (int)n, p);
            return false;
        }
        *want |= kinds[k].flag;
        if (!p[n])
            return true;
        p += n + 1;
    }
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: petrel code [options] [FILE ...]\n"
            "\n"
            "Codes news articles into quotations and CAMEO events, written as JSON Lines.\n"
            "FILE: .txt (one article, id = file name), .jsonl (one article a line with id,\n"
            "text, optional date, url, title), .html (a web page: its article is coded),\n"
            ".warc (web archive: every HTML page in it), each optionally .gz; none or -\n"
            "reads stdin.\n"
            "\n"
            "options:\n"
            "  --date YYYY-MM-DD      publication date of text input (relative dates resolve to it);\n"
            "                         for web pages, used when the page gives none\n"
            "  --date-from-name       an article with no date takes one written in its id or\n"
            "                         file name (2016-03-10-speech.txt, wapo_2016-03-10_x)\n"
            "  --input-format F       txt, jsonl, html or warc (default: from the file name)\n"
            "  -o, --output FILE      write records to FILE instead of stdout (- for stdout)\n"
            "  --db DB                store documents, sentences, mentions, quotes and events in\n"
            "                         DB: a SQLite file (created if missing) or postgresql://...;\n"
            "                         documents already stored with the same text are skipped.\n"
            "                         With --db, JSON Lines are written only if -o is given\n"
            "  --recode               with --db: replace stored documents even if unchanged\n"
            "  -j, --jobs N           threads (default: all cores)\n"
            "  --sentences            also write {\"type\":\"sentence\"} records\n"
            "  --mentions             also write {\"type\":\"mention\"} records\n"
            "  --only LIST            code and write only these, beside document records: events,\n"
            "                         quotes, mentions (comma-separated). Stages that make only\n"
            "                         what is left out are skipped: with TABARI or PETRARCH verb\n"
            "                         dictionaries, --only events skips the actor and quotation\n"
            "                         stages, and no event is then marked claimed. Counts in the\n"
            "                         document record of what was left out are 0. Not with --db\n"
            "  --text                 include the article text in document records (and the db)\n"
            "  --max-doc-bytes N      skip articles larger than N bytes (default %u)\n"
            "  --dict FILE            load another dictionary (ours, TABARI or PETRARCH)\n"
            "  --dict-format F        format of the following --dict files: auto, petrel, tabari, petrarch\n"
            "  --dict-dir DIR         shipped dictionaries folder (default %s)\n"
            "  --no-default-dict      do not load the shipped dictionaries\n"
            "  -q, --quiet            no summary line on stderr\n"
            "\n"
            "exit status: 0 all coded, 1 some inputs were skipped (reasons on stderr), 2 error\n",
            PETREL_DEFAULT_MAX_DOC_BYTES, petrel_default_dict_dir());
}

/* A job keeps its input buffer for the next document up to this size: one
 * allocation per field and document cost 1 % of a run on short articles. */
#define JOB_KEEP_BYTES (64u << 10)

/* An error with nothing in it, as far as anyone reads one (petrel_error_format
 * stops at the strings' NULs): clearing all of its kilobyte, twice a record,
 * was 0.7 % of a run on one-sentence records. */
static void error_clear(petrel_error *e)
{
    e->code = PETREL_OK;
    e->message[0] = e->file[0] = '\0';
    e->line = e->column = 0;
}

static void job_clear(job *j)
{
    if (j->buf_cap > JOB_KEEP_BYTES) {
        free(j->buf);
        j->buf = NULL;
        j->buf_cap = 0;
    }
    j->id = j->text = j->date = j->url = j->title = j->file = NULL;
    j->out.len = 0;
    j->rc = 0;
    error_clear(&j->err);
    petrel_result_free(j->owned);
    j->owned = NULL;
    j->res = NULL;
    j->stored = false;
}

/* n bytes of s at *p, terminated; *p moves past them (NULL stays NULL) */
static char *put_bytes(char **p, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *r = *p;
    memcpy(r, s, n);
    r[n] = '\0';
    *p += n + 1;
    return r;
}

static bool job_fill(job *j, const petrel_input *in)
{
    enum { ID, DATE, URL, TITLE, FILE_, NSTR };
    const char *strs[NSTR] = {in->id, in->date, in->url, in->title, in->source_file};
    size_t lens[NSTR], need = in->len + 1;
    for (int i = 0; i < NSTR; i++) {
        lens[i] = strs[i] ? strlen(strs[i]) : 0;
        need += strs[i] ? lens[i] + 1 : 0;
    }
    if (need > j->buf_cap) {
        free(j->buf);
        j->buf_cap = 0;
        if (!(j->buf = malloc(need)))
            return false;
        j->buf_cap = need;
    }
    char *p = j->buf;
    j->id = put_bytes(&p, strs[ID], lens[ID]);
    j->date = put_bytes(&p, strs[DATE], lens[DATE]);
    j->url = put_bytes(&p, strs[URL], lens[URL]);
    j->title = put_bytes(&p, strs[TITLE], lens[TITLE]);
    j->file = put_bytes(&p, strs[FILE_], lens[FILE_]);
    j->text = put_bytes(&p, in->text ? in->text : "", in->len);
    j->line = in->source_line;
    j->keep_text = in->keep_text;
    j->html = in->html;
    j->len = in->len;
    return true;
}

static void job_run(job *j, petrel_worker *w, const job_mode *mode)
{
    petrel_input in = {.id = j->id,
                       .text = j->text,
                       .len = j->len,
                       .date = j->date,
                       .url = j->url,
                       .title = j->title,
                       .source_file = j->file,
                       .source_line = j->line,
                       .keep_text = j->keep_text,
                       .html = j->html};
    const petrel_result *r = NULL;
    j->rc = petrel_code(w, &in, &r, &j->err);
    if (j->rc) {
        /* name the input the problem came from */
        snprintf(j->err.file, sizeof j->err.file, "%s", j->file ? j->file : "-");
        j->err.line = j->line;
        return;
    }
    j->sentences = r->n_sentences;
    j->quotes = r->n_quotes;
    j->events = r->n_events;
    j->dropped = r->n_dropped;
    if (mode->jsonl && petrel_format_jsonl(r, mode->flags, &j->out))
        j->rc = PETREL_ERR_NOMEM;
    if (mode->keep) {
        j->res = r;
        if (mode->clone && !(j->res = j->owned = petrel_result_clone(r)))
            j->rc = PETREL_ERR_NOMEM;
    }
    if (j->rc == PETREL_ERR_NOMEM) {
        snprintf(j->err.message, sizeof j->err.message, "out of memory");
        snprintf(j->err.file, sizeof j->err.file, "%s", j->file ? j->file : "-");
        j->err.line = j->line;
    }
}

static bool write_all(FILE *out, const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, out) == n;
}

/* A document skipped as unchanged when it was read: is it still? If an
 * earlier document of this run replaced it, code it now, as a run on one
 * thread would have. */
static int recheck_stored(job *j, sink *k)
{
    petrel_error err = {0};
    int has = petrel_store_has(k->store, j->id, j->text, j->len, &err);
    if (has < 0) {
        cli_error(&err);
        return -1;
    }
    if (has)
        return 0;
    if (!k->late && !(k->late = petrel_worker_new(k->eng, &err))) {
        cli_error(&err);
        return -1;
    }
    petrel_worker_want(k->late, k->mode.want);
    job_mode m = k->mode;
    m.clone = false;
    m.keep = true;
    j->stored = false;
    job_run(j, k->late, &m);
    return 0;
}

static int job_finish(job *j, sink *k, totals *t)
{
    if (j->stored && recheck_stored(j, k))
        return -1;
    if (j->stored) {
        t->stored_unchanged++;
        return 0;
    }
    if (j->rc) {
        cli_error(&j->err);
        t->skipped++;
        return 0;
    }
    if (k->store) {
        petrel_store_outcome how;
        petrel_error err = {0};
        if (petrel_store_put(k->store, j->res, &how, &err)) {
            cli_error(&err);
            return -1;
        }
        if (how == PETREL_STORED_UNCHANGED)
            t->stored_unchanged++;
        else if (how == PETREL_STORED_REPLACED)
            t->stored_replaced++;
        else
            t->stored_new++;
    }
    FILE *out = k->out;
    t->docs++;
    t->bytes += j->len;
    t->sentences += j->sentences;
    t->quotes += j->quotes;
    t->events += j->events;
    t->dropped += j->dropped;
    if (out && !write_all(out, j->out.data, j->out.len)) {
        cli_msg("cannot write output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Take a fair share of the ready jobs, code them with w and mark them done.
 * Called with the lock held; drops it while coding. False when nothing was
 * ready. */
static bool take_and_run(pool *p, petrel_worker *w, const petrel_error *werr)
{
    /* jobs finished without coding (found in the store, out of memory) are
     * already DONE: pass over them */
    while (p->next_take < p->next_put && p->jobs[p->next_take % p->cap].state != JOB_READY)
        p->next_take++;
    if (p->next_take == p->next_put)
        return false;
    /* a fair share of what is ready, so the other threads get some too */
    size_t ready = p->next_put - p->next_take;
    size_t want = (ready + (size_t)p->threads - 1) / (size_t)p->threads;
    if (want > p->batch_max)
        want = p->batch_max;
    size_t first = p->next_take, end = first, taken = 0;
    while (end < p->next_put && taken < want) {
        job *j = &p->jobs[end % p->cap];
        if (j->state == JOB_READY) {
            j->state = JOB_TAKEN;
            taken++;
        }
        end++;
    }
    p->next_take = end;
    pthread_mutex_unlock(&p->mu);
    /* Jobs of [first, end) not TAKEN were DONE before: none can be written
     * and refilled meanwhile, since the first of the run is ours. */
    for (size_t s = first; s < end; s++) {
        job *j = &p->jobs[s % p->cap];
        if (j->state != JOB_TAKEN)
            continue;
        if (w) {
            job_run(j, w, &p->mode);
        } else {
            j->rc = PETREL_ERR_NOMEM;
            j->err = *werr;
        }
    }
    pthread_mutex_lock(&p->mu);
    for (size_t s = first; s < end; s++)
        if (p->jobs[s % p->cap].state == JOB_TAKEN)
            p->jobs[s % p->cap].state = JOB_DONE;
    /* the writer only ever waits for the job at next_write */
    if (p->next_write >= first && p->next_write < end)
        pthread_cond_broadcast(&p->done);
    return true;
}

static void *worker_main(void *arg)
{
    pool *p = arg;
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(p->eng, &err);
    if (w)
        petrel_worker_want(w, p->mode.want);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (take_and_run(p, w, &err))
            continue;
        if (p->closing)
            break;
        p->idle++;
        pthread_cond_wait(&p->work, &p->mu);
        p->idle--;
    }
    pthread_mutex_unlock(&p->mu);
    petrel_worker_free(w);
    return NULL;
}

/* Write every finished job at the head of the ring, in order. Called with the
 * lock held; drops it while writing. */
static int flush_done(pool *p, sink *k, totals *t, bool wait_all)
{
    for (;;) {
        if (p->next_write == p->next_put)
            return 0;
        job *j = &p->jobs[p->next_write % p->cap];
        if (j->state != JOB_DONE) {
            if (!wait_all)
                return 0;
            if (!p->helper || !take_and_run(p, p->helper, NULL))
                pthread_cond_wait(&p->done, &p->mu);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        size_t len = j->len;
        int rc = job_finish(j, k, t);
        job_clear(j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_FREE;
        p->bytes -= len;
        p->next_write++;
        /* a job written without being coded may be ahead of the workers: they
         * must never look at a slot the reader may now refill */
        if (p->next_take < p->next_write)
            p->next_take = p->next_write;
        if (rc)
            return rc;
    }
}

/* No room for one more document beside `staged` ones filled but not handed over. */
static bool ring_full(const pool *p, size_t staged, size_t staged_bytes)
{
    size_t in_ring = p->next_put + staged - p->next_write;
    return in_ring >= p->cap || (in_ring > 0 && p->bytes + staged_bytes >= p->max_bytes);
}

/* The reader fills the slots after next_put without the lock (no worker looks
 * there, and only the reading thread moves next_write and bytes) and hands
 * them over here as a batch: one lock and one wake-up per batch instead of
 * per document, which matters for one-sentence records. With `wait`, returns
 * only when the ring has room again. */
static int publish(pool *p, size_t *staged, size_t *staged_bytes, sink *k, totals *t, bool wait)
{
    pthread_mutex_lock(&p->mu);
    p->next_put += *staged;
    p->bytes += *staged_bytes;
    *staged = *staged_bytes = 0;
    if (p->idle)
        pthread_cond_broadcast(&p->work);
    int rc = flush_done(p, k, t, false);
    while (!rc && wait && ring_full(p, 0, 0)) {
        if (!p->helper || !take_and_run(p, p->helper, NULL))
            pthread_cond_wait(&p->done, &p->mu);
        rc = flush_done(p, k, t, false);
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/* SIGINT/SIGTERM: stop reading, finish and write what is in flight, commit,
 * print the summary. A second signal kills at once (the handler resets). */
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    stop_requested = sig;
    signal(sig, SIG_DFL);
}

static int print_summary(const totals *t, double secs, int threads, const char *db)
{
    double mb = (double)t->bytes / 1e6;
    cli_msg("coded %zu document%s (%zu skipped), %zu sentences, %zu quotes, %zu events, "
            "%zu boilerplate range%s dropped; %.2f MB in %.2f s (%.1f MB/s, %d thread%s)",
            t->docs, t->docs == 1 ? "" : "s", t->skipped, t->sentences, t->quotes, t->events,
            t->dropped, t->dropped == 1 ? "" : "s", mb, secs, secs > 0 ? mb / secs : 0.0,
            threads, threads == 1 ? "" : "s");
    if (db)
        cli_msg("%s: %zu document%s added, %zu replaced, %zu already stored unchanged", db,
                t->stored_new, t->stored_new == 1 ? "" : "s", t->stored_replaced,
                t->stored_unchanged);
    return 0;
}

int cmd_code(int argc, char **argv)
{
    code_opts o = {0};
    dict_opts d = {0};
    const char *files[4096];
    int n_files = 0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = ncpu > 0 ? (int)ncpu : 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int dr = dict_opts_parse(&d, argc, argv, &i);
        if (dr < 0)
            return EXIT_FATAL;
        if (dr)
            continue;
        bool has_val = i + 1 < argc;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--date-from-name")) {
            o.rd.date_from_name = true;
        } else if (!strcmp(a, "--date")) {
            if (!has_val)
                goto missing;
            o.rd.date = argv[++i];
            if (!petrel_date_is_valid(o.rd.date)) {
                cli_msg("--date wants YYYY-MM-DD, not '%s'", o.rd.date);
                return EXIT_FATAL;
            }
        } else if (!strcmp(a, "--input-format")) {
            if (!has_val)
                goto missing;
            const char *f = argv[++i];
            if (!strcmp(f, "txt") || !strcmp(f, "text"))
                o.rd.format = PETREL_FMT_TEXT;
            else if (!strcmp(f, "jsonl"))
                o.rd.format = PETREL_FMT_JSONL;
            else if (!strcmp(f, "html"))
                o.rd.format = PETREL_FMT_HTML;
            else if (!strcmp(f, "warc"))
                o.rd.format = PETREL_FMT_WARC;
            else {
                cli_msg("--input-format must be txt, jsonl, html or warc");
                return EXIT_FATAL;
            }
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (!has_val)
                goto missing;
            o.output = argv[++i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            if (!has_val)
                goto missing;
            o.threads = atoi(argv[++i]);
            if (o.threads < 1 || o.threads > 256) {
                cli_msg("-j wants a number of threads from 1 to 256");
                return EXIT_FATAL;
            }
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            o.threads = atoi(a + 2);
            if (o.threads < 1 || o.threads > 256) {
                cli_msg("-j wants a number of threads from 1 to 256");
                return EXIT_FATAL;
            }
        } else if (!strcmp(a, "--max-doc-bytes")) {
            if (!has_val)
                goto missing;
            char *end;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end || v == 0) {
                cli_msg("--max-doc-bytes wants a positive number of bytes");
                return EXIT_FATAL;
            }
            o.rd.max_doc_bytes = (size_t)v;
        } else if (!strcmp(a, "--db")) {
            if (!has_val)
                goto missing;
            o.db = argv[++i];
        } else if (!strcmp(a, "--recode")) {
            o.store_flags |= PETREL_STORE_RECODE;
        } else if (!strcmp(a, "--sentences")) {
            o.out_flags |= PETREL_OUT_SENTENCES;
        } else if (!strcmp(a, "--mentions")) {
            o.out_flags |= PETREL_OUT_MENTIONS;
        } else if (!strcmp(a, "--only")) {
            if (!has_val)
                goto missing;
            if (!parse_only(argv[++i], &o.only))
                return EXIT_FATAL;
        } else if (!strcmp(a, "--text")) {
            o.out_flags |= PETREL_OUT_TEXT;
            o.store_flags |= PETREL_STORE_TEXT;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.quiet = true;
        } else if (a[0] == '-' && a[1]) {
            cli_msg("unknown option '%s' (see petrel code --help)", a);
            return EXIT_FATAL;
        } else {
            if (n_files >= 4096) {
                cli_msg("too many files on the command line; use a JSONL file or stdin");
                return EXIT_FATAL;
            }
            files[n_files++] = a;
        }
        continue;
    missing:
        cli_msg("%s needs a value", a);
        return EXIT_FATAL;
    }
    if (!n_files)
        files[n_files++] = "-";
    /* web pages are extracted by the workers, in parallel */
    o.rd.defer_markup = true;

    /* a stored document counts as coded whole: one missing what was left out
     * would stand in for the full coding of the same text */
    if (o.only && o.db) {
        cli_msg("--only cannot be used with --db (stored documents are coded whole)");
        return EXIT_FATAL;
    }
    /* --only mentions writes mention records; --mentions with --only wants them */
    if (o.only & PETREL_WANT_MENTIONS)
        o.out_flags |= PETREL_OUT_MENTIONS;
    else if (o.only && (o.out_flags & PETREL_OUT_MENTIONS))
        o.only |= PETREL_WANT_MENTIONS;
    if ((o.store_flags & PETREL_STORE_RECODE) && !o.db) {
        cli_msg("--recode needs --db");
        return EXIT_FATAL;
    }
    /* with --db, JSON Lines only when asked for with -o (-o - for stdout) */
    bool want_jsonl = !o.db || o.output;
    if (o.output && !strcmp(o.output, "-"))
        o.output = NULL;

    /* never write over an input */
    if (o.output)
        for (int i = 0; i < n_files; i++)
            if (!strcmp(files[i], o.output)) {
                cli_msg("output file %s is also an input; refusing to overwrite it", o.output);
                return EXIT_FATAL;
            }

    petrel_engine *eng = dict_opts_load(&d, false);
    if (!eng)
        return EXIT_FATAL;

    petrel_store *store = NULL;
    if (o.db) {
        petrel_error err = {0};
        if (!(store = petrel_store_open(o.db, o.store_flags, &err))) {
            cli_error(&err);
            petrel_engine_free(eng);
            return EXIT_FATAL;
        }
    }

    FILE *out = want_jsonl ? stdout : NULL;
    if (o.output && !(out = fopen(o.output, "w"))) {
        cli_msg("cannot write %s: %s", o.output, strerror(errno));
        petrel_store_close(store, NULL);
        petrel_engine_free(eng);
        return EXIT_FATAL;
    }
    sink k = {.out = out, .store = store, .eng = eng};
    k.mode.flags = o.out_flags;
    /* mention records are written only when asked for, and stored with --db */
    k.mode.want = o.only ? o.only
                         : PETREL_WANT_EVENTS | PETREL_WANT_QUOTES |
                               (o.db || (o.out_flags & PETREL_OUT_MENTIONS) ? PETREL_WANT_MENTIONS
                                                                            : 0);
    k.mode.jsonl = out != NULL;
    k.mode.keep = store != NULL;
    k.mode.clone = store != NULL && o.threads > 1;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    totals t = {0};
    int fatal = 0;

    pool p = {0};
    pthread_t *tids = NULL;
    int threads = o.threads;
    petrel_worker *solo = NULL;
    size_t staged = 0, staged_bytes = 0; /* filled, not yet handed to the workers */
    petrel_error werr = {0};
    solo = petrel_worker_new(eng, &werr);
    if (!solo) {
        cli_error(&werr);
        return EXIT_FATAL;
    }
    petrel_worker_want(solo, k.mode.want);
    if (threads > 1) {
        p.cap = (size_t)threads * 128;
        p.batch_max = 64;
        p.max_bytes = (size_t)threads * (16u << 20);
        p.threads = threads;
        p.jobs = calloc(p.cap, sizeof *p.jobs);
        tids = calloc((size_t)threads, sizeof *tids);
        p.eng = eng;
        p.mode = k.mode;
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.work, NULL);
        pthread_cond_init(&p.done, NULL);
        if (!p.jobs || !tids) {
            cli_msg("out of memory");
            return EXIT_FATAL;
        }
        /* The reading thread is one of the N: it codes a share whenever the
         * ring is full. N workers beside it made N + 1 threads on N cores,
         * and on one-sentence records their time-slicing cost 22 % more CPU
         * than one thread (6,900 context switches a second). */
        p.helper = solo;
        for (int i = 0; i < threads - 1; i++)
            pthread_create(&tids[i], NULL, worker_main, &p);
    } else {
        p.cap = 1;
        p.jobs = calloc(1, sizeof *p.jobs);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    for (int fi = 0; fi < n_files && !fatal && !stop_requested; fi++) {
        petrel_error err = {0};
        petrel_reader *rd = petrel_reader_open(files[fi], &o.rd, &err);
        /* someone typing articles wants each coded at once */
        bool streaming = !strcmp(files[fi], "-") && isatty(STDIN_FILENO);
        if (!rd) {
            cli_error(&err);
            t.skipped++;
            continue;
        }
        for (;;) {
            petrel_input in;
            error_clear(&err);
            if (stop_requested)
                break;
            int rc = petrel_reader_next(rd, &in, &err);
            if (rc == PETREL_EOF)
                break;
            const char *warn = petrel_reader_warning(rd);
            if (warn) {
                if (in.source_line > 0)
                    cli_msg("%s:%ld: %s", files[fi], in.source_line, warn);
                else
                    cli_msg("%s: %s", files[fi], warn);
                t.warnings++;
            }
            if (rc == PETREL_ERR_IO) {
                cli_error(&err);
                t.skipped++;
                break;
            }
            if (rc) {
                cli_error(&err);
                t.skipped++;
                continue;
            }
            bool stored = false;
            if (store && !(o.store_flags & PETREL_STORE_RECODE)) {
                int has = petrel_store_has(store, in.id, in.text, in.len, &err);
                if (has < 0) {
                    cli_error(&err);
                    fatal = 1;
                    break;
                }
                stored = has == 1;
            }
            if (threads == 1) {
                job *j = &p.jobs[0];
                if (!job_fill(j, &in)) {
                    cli_msg("out of memory");
                    fatal = 1;
                    break;
                }
                j->stored = stored;
                if (!stored)
                    job_run(j, solo, &k.mode);
                if (job_finish(j, &k, &t))
                    fatal = 1;
                job_clear(j);
                if (fatal)
                    break;
                continue;
            }
            /* a free slot, else hand over what is staged and wait for room */
            if (ring_full(&p, staged, staged_bytes) &&
                publish(&p, &staged, &staged_bytes, &k, &t, true)) {
                fatal = 1;
                break;
            }
            job *j = &p.jobs[(p.next_put + staged) % p.cap];
            if (!job_fill(j, &in)) {
                j->rc = PETREL_ERR_NOMEM;
                snprintf(j->err.message, sizeof j->err.message, "out of memory");
                j->state = JOB_DONE;
            } else if (stored) {
                j->stored = true;
                j->state = JOB_DONE;
            } else {
                j->state = JOB_READY;
            }
            staged++;
            staged_bytes += j->len;
            if ((streaming || staged >= p.batch_max || staged_bytes >= WAKE_BYTES) &&
                publish(&p, &staged, &staged_bytes, &k, &t, false)) {
                fatal = 1;
                break;
            }
        }
        petrel_reader_stats rs;
        petrel_reader_stats_get(rd, &rs);
        if (rs.skipped_other)
            cli_msg("%s: %zu record%s skipped", files[fi], rs.skipped_other,
                    rs.skipped_other == 1 ? " that is not an article was"
                                          : "s that are not articles were");
        petrel_reader_close(rd);
        if (threads > 1 && staged && publish(&p, &staged, &staged_bytes, &k, &t, false))
            fatal = 1;
    }

    if (threads > 1) {
        pthread_mutex_lock(&p.mu);
        if (!fatal && flush_done(&p, &k, &t, true))
            fatal = 1;
        p.closing = true;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        for (int i = 0; i < threads - 1; i++)
            pthread_join(tids[i], NULL);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done);
        free(tids);
    }
    for (size_t i = 0; i < p.cap; i++) {
        job_clear(&p.jobs[i]);
        free(p.jobs[i].buf);
        petrel_buffer_free(&p.jobs[i].out);
    }
    free(p.jobs);
    petrel_worker_free(solo);
    petrel_worker_free(k.late);

    if (out && (fflush(out) != 0 || (out != stdout && fclose(out) != 0))) {
        cli_msg("cannot write output: %s", strerror(errno));
        fatal = 1;
    }
    if (store) {
        petrel_error err = {0};
        if (petrel_store_close(store, &err)) {
            cli_error(&err);
            fatal = 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (stop_requested)
        cli_msg("interrupted: stopped reading; everything read so far was coded and written");
    if (!o.quiet || stop_requested)
        print_summary(&t, secs, threads, o.db);
    petrel_engine_free(eng);
    if (fatal)
        return EXIT_FATAL;
    if (stop_requested)
        return 128 + (int)stop_requested;
    return t.skipped ? EXIT_SKIPPED : 0;
}
