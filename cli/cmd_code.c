/*
 * petrel code - read articles, code them on N threads, write records in input
 * order. The reader runs on the main thread and hands copies of each input to
 * a bounded ring of jobs; workers code and format; the main thread writes the
 * finished jobs in sequence. Memory is bounded by the ring size times the
 * largest document, whatever the corpus size.
 */
#include <errno.h>
#include <pthread.h>
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
    int threads;
    bool quiet;
} code_opts;

typedef struct totals {
    size_t docs, skipped, bytes, sentences, quotes, events, dropped, warnings;
} totals;

enum job_state { JOB_FREE, JOB_READY, JOB_TAKEN, JOB_DONE };

typedef struct job {
    enum job_state state;
    /* input, owned */
    char *id, *text, *date, *url, *title, *file;
    size_t len;
    long line;
    bool keep_text, html;
    /* output */
    petrel_buffer out;
    int rc;
    petrel_error err;
    size_t sentences, quotes, events, dropped;
} job;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *jobs;
    size_t cap;
    size_t next_take; /* sequence number of the next job a worker takes */
    size_t next_put;  /* next sequence number the reader fills */
    bool closing;
    const petrel_engine *eng;
    unsigned out_flags;
} pool;

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
            "  --input-format F       txt, jsonl, html or warc (default: from the file name)\n"
            "  -o, --output FILE      write records to FILE instead of stdout\n"
            "  -j, --jobs N           threads (default: all cores)\n"
            "  --sentences            also write {\"type\":\"sentence\"} records\n"
            "  --mentions             also write {\"type\":\"mention\"} records\n"
            "  --text                 include the article text in document records\n"
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

static void job_clear(job *j)
{
    free(j->id);
    free(j->text);
    free(j->date);
    free(j->url);
    free(j->title);
    free(j->file);
    j->id = j->text = j->date = j->url = j->title = j->file = NULL;
    j->out.len = 0;
    j->rc = 0;
    memset(&j->err, 0, sizeof j->err);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static bool job_fill(job *j, const petrel_input *in)
{
    j->id = dup_or_null(in->id);
    j->date = dup_or_null(in->date);
    j->url = dup_or_null(in->url);
    j->title = dup_or_null(in->title);
    j->file = dup_or_null(in->source_file);
    j->line = in->source_line;
    j->keep_text = in->keep_text;
    j->html = in->html;
    j->len = in->len;
    j->text = malloc(in->len + 1);
    if (!j->text)
        return false;
    memcpy(j->text, in->text, in->len);
    j->text[in->len] = '\0';
    return true;
}

static void job_run(job *j, petrel_worker *w, unsigned flags)
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
    if (petrel_format_jsonl(r, flags, &j->out))
        j->rc = PETREL_ERR_NOMEM;
}

static bool write_all(FILE *out, const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, out) == n;
}

static int job_finish(job *j, FILE *out, totals *t)
{
    if (j->rc) {
        cli_error(&j->err);
        t->skipped++;
        return 0;
    }
    t->docs++;
    t->bytes += j->len;
    t->sentences += j->sentences;
    t->quotes += j->quotes;
    t->events += j->events;
    t->dropped += j->dropped;
    if (!write_all(out, j->out.data, j->out.len)) {
        cli_msg("cannot write output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static void *worker_main(void *arg)
{
    pool *p = arg;
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(p->eng, &err);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->closing && (p->next_take == p->next_put ||
                               p->jobs[p->next_take % p->cap].state != JOB_READY))
            pthread_cond_wait(&p->work, &p->mu);
        if (p->next_take == p->next_put && p->closing)
            break;
        job *j = &p->jobs[p->next_take % p->cap];
        if (j->state != JOB_READY) {
            if (p->closing)
                break;
            continue;
        }
        j->state = JOB_TAKEN;
        p->next_take++;
        pthread_mutex_unlock(&p->mu);
        if (w) {
            job_run(j, w, p->out_flags);
        } else {
            j->rc = PETREL_ERR_NOMEM;
            j->err = err;
        }
        pthread_mutex_lock(&p->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    petrel_worker_free(w);
    return NULL;
}

/* Write every finished job at the head of the ring, in order. Called with the
 * lock held; drops it while writing. */
static int flush_done(pool *p, size_t *next_write, FILE *out, totals *t, bool wait_all)
{
    for (;;) {
        if (*next_write == p->next_put)
            return 0;
        job *j = &p->jobs[*next_write % p->cap];
        if (j->state != JOB_DONE) {
            if (!wait_all)
                return 0;
            pthread_cond_wait(&p->done, &p->mu);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        int rc = job_finish(j, out, t);
        job_clear(j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_FREE;
        (*next_write)++;
        if (rc)
            return rc;
    }
}

static int print_summary(const totals *t, double secs, int threads)
{
    double mb = (double)t->bytes / 1e6;
    cli_msg("coded %zu document%s (%zu skipped), %zu sentences, %zu quotes, %zu events, "
            "%zu boilerplate range%s dropped; %.2f MB in %.2f s (%.1f MB/s, %d thread%s)",
            t->docs, t->docs == 1 ? "" : "s", t->skipped, t->sentences, t->quotes, t->events,
            t->dropped, t->dropped == 1 ? "" : "s", mb, secs, secs > 0 ? mb / secs : 0.0,
            threads, threads == 1 ? "" : "s");
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
        } else if (!strcmp(a, "--sentences")) {
            o.out_flags |= PETREL_OUT_SENTENCES;
        } else if (!strcmp(a, "--mentions")) {
            o.out_flags |= PETREL_OUT_MENTIONS;
        } else if (!strcmp(a, "--text")) {
            o.out_flags |= PETREL_OUT_TEXT;
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

    FILE *out = stdout;
    if (o.output && !(out = fopen(o.output, "w"))) {
        cli_msg("cannot write %s: %s", o.output, strerror(errno));
        petrel_engine_free(eng);
        return EXIT_FATAL;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    totals t = {0};
    int fatal = 0;

    pool p = {0};
    pthread_t *tids = NULL;
    int threads = o.threads;
    petrel_worker *solo = NULL;
    size_t next_write = 0;
    if (threads > 1) {
        p.cap = (size_t)threads * 4;
        p.jobs = calloc(p.cap, sizeof *p.jobs);
        tids = calloc((size_t)threads, sizeof *tids);
        p.eng = eng;
        p.out_flags = o.out_flags;
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.work, NULL);
        pthread_cond_init(&p.done, NULL);
        if (!p.jobs || !tids) {
            cli_msg("out of memory");
            return EXIT_FATAL;
        }
        for (int i = 0; i < threads; i++)
            pthread_create(&tids[i], NULL, worker_main, &p);
    } else {
        petrel_error err = {0};
        solo = petrel_worker_new(eng, &err);
        if (!solo) {
            cli_error(&err);
            return EXIT_FATAL;
        }
        p.cap = 1;
        p.jobs = calloc(1, sizeof *p.jobs);
    }

    for (int fi = 0; fi < n_files && !fatal; fi++) {
        petrel_error err = {0};
        petrel_reader *rd = petrel_reader_open(files[fi], &o.rd, &err);
        if (!rd) {
            cli_error(&err);
            t.skipped++;
            continue;
        }
        for (;;) {
            petrel_input in;
            memset(&err, 0, sizeof err);
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
            if (threads == 1) {
                job *j = &p.jobs[0];
                if (!job_fill(j, &in)) {
                    cli_msg("out of memory");
                    fatal = 1;
                    break;
                }
                job_run(j, solo, o.out_flags);
                if (job_finish(j, out, &t))
                    fatal = 1;
                job_clear(j);
                continue;
            }
            pthread_mutex_lock(&p.mu);
            /* wait for the slot to be written out */
            while (p.next_put - next_write >= p.cap) {
                if (flush_done(&p, &next_write, out, &t, false)) {
                    fatal = 1;
                    break;
                }
                if (p.next_put - next_write >= p.cap)
                    pthread_cond_wait(&p.done, &p.mu);
            }
            if (fatal) {
                pthread_mutex_unlock(&p.mu);
                break;
            }
            job *j = &p.jobs[p.next_put % p.cap];
            pthread_mutex_unlock(&p.mu);
            bool ok = job_fill(j, &in);
            pthread_mutex_lock(&p.mu);
            if (!ok) {
                j->rc = PETREL_ERR_NOMEM;
                snprintf(j->err.message, sizeof j->err.message, "out of memory");
                j->state = JOB_DONE;
            } else {
                j->state = JOB_READY;
            }
            p.next_put++;
            pthread_cond_signal(&p.work);
            if (flush_done(&p, &next_write, out, &t, false))
                fatal = 1;
            pthread_mutex_unlock(&p.mu);
        }
        petrel_reader_stats rs;
        petrel_reader_stats_get(rd, &rs);
        if (rs.skipped_other)
            cli_msg("%s: %zu record%s skipped", files[fi], rs.skipped_other,
                    rs.skipped_other == 1 ? " that is not an article was"
                                          : "s that are not articles were");
        petrel_reader_close(rd);
    }

    if (threads > 1) {
        pthread_mutex_lock(&p.mu);
        if (!fatal && flush_done(&p, &next_write, out, &t, true))
            fatal = 1;
        p.closing = true;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        for (int i = 0; i < threads; i++)
            pthread_join(tids[i], NULL);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done);
        free(tids);
    }
    for (size_t i = 0; i < p.cap; i++) {
        job_clear(&p.jobs[i]);
        petrel_buffer_free(&p.jobs[i].out);
    }
    free(p.jobs);
    petrel_worker_free(solo);

    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        cli_msg("cannot write output: %s", strerror(errno));
        fatal = 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!o.quiet)
        print_summary(&t, secs, threads);
    petrel_engine_free(eng);
    if (fatal)
        return EXIT_FATAL;
    return t.skipped ? EXIT_SKIPPED : 0;
}
