/*
 * engine.c - the pipeline: one document through every stage, then the public
 * result with code point offsets.
 */
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "clean.h"
#include "compat.h"
#include "dates.h"
#include "dict.h"
#include "doc.h"
#include "events.h"
#include "html.h"
#include "quotes.h"
#include "segment.h"
#include "text.h"

struct petrel_engine {
    lexicon lex;
};

struct petrel_worker {
    const petrel_engine *eng;
    arena a;
    petrel_result result;
    compat_cache *ccache; /* TABARI / PETRARCH word lookups, kept across documents */
    unsigned want;        /* enum petrel_want_flags */
};

/* Arena memory a worker keeps between documents; more is returned to malloc. */
#define WORKER_KEEP_BYTES (8u << 20)

const char *petrel_error_format(const petrel_error *e, char *buf, size_t size)
{
    if (e->file[0] && e->line > 0)
        snprintf(buf, size, "%s:%ld: %s", e->file, e->line, e->message);
    else if (e->file[0])
        snprintf(buf, size, "%s: %s", e->file, e->message);
    else
        snprintf(buf, size, "%s", e->message);
    return buf;
}

petrel_engine *petrel_engine_new(petrel_error *err)
{
    petrel_engine *e = calloc(1, sizeof *e);
    if (!e) {
        if (err) {
            err->code = PETREL_ERR_NOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return NULL;
    }
    lexicon_init(&e->lex);
    return e;
}

void petrel_engine_set_problem_handler(petrel_engine *eng,
                                       void (*fn)(void *user, const petrel_error *problem,
                                                  bool warning),
                                       void *user)
{
    eng->lex.on_problem = fn;
    eng->lex.problem_user = user;
}

int petrel_engine_load_dir(petrel_engine *eng, const char *dir, petrel_error *err)
{
    return lexicon_load_dir(&eng->lex, dir, err);
}

int petrel_engine_load_file(petrel_engine *eng, const char *path, petrel_dict_format fmt,
                            petrel_error *err)
{
    return lexicon_load_file(&eng->lex, path, fmt, err);
}

int petrel_engine_finish(petrel_engine *eng, petrel_error *err)
{
    return lexicon_finish(&eng->lex, err);
}

int petrel_engine_write_compiled(const petrel_engine *eng, const char *path, petrel_error *err)
{
    return compat_image_write(&eng->lex, path, err);
}

void petrel_engine_free(petrel_engine *eng)
{
    if (!eng)
        return;
    lexicon_free(&eng->lex);
    free(eng);
}

const char *petrel_default_dict_dir(void)
{
    const char *env = getenv("PETREL_DICT");
    if (env && *env)
        return env;
#ifdef PETREL_DICT_DIR
    return PETREL_DICT_DIR;
#else
    return "dict";
#endif
}

void petrel_engine_stats(const petrel_engine *eng, petrel_dict_stats *out)
{
    const lexicon *lx = &eng->lex;
    memset(out, 0, sizeof *out);
    out->actors = lx->actors.len;
    out->agents = lx->agents.len;
    out->cues = lx->cues.len;
    out->abbreviations = lx->n_abbrevs;
    out->boilerplate = lx->boiler.len;
    out->cameo_codes = lx->cameo.len;
    out->inflections = lx->inflections.len;
    out->synsets = lx->synsets.len;
    out->verb_patterns = lx->verbs.len;
    out->files = lx->files.len;
    for (uint32_t i = 0; i < lx->pending.len; i++) {
        if (lx->pending.items[i].table == LT_ACTOR)
            out->actor_names++;
        else if (lx->pending.items[i].table == LT_DISCARD)
            out->discards++;
        else if (lx->pending.items[i].table == LT_GIVEN)
            out->given_names++;
    }
    out->verbs = events_verb_count(lx->events);
    compat_stats(lx, out);
}

size_t petrel_engine_errors(const petrel_engine *eng) { return eng->lex.errors; }
size_t petrel_engine_warnings(const petrel_engine *eng) { return eng->lex.warnings; }

/* ------------------------------------------------------------ workers */

petrel_worker *petrel_worker_new(const petrel_engine *eng, petrel_error *err)
{
    if (!eng->lex.finished) {
        if (err) {
            err->code = PETREL_ERR_USAGE;
            snprintf(err->message, sizeof err->message,
                     "call petrel_engine_finish before coding");
        }
        return NULL;
    }
    petrel_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->eng = eng;
    arena_init(&w->a, 256u << 10);
    w->ccache = compat_cache_new(&eng->lex); /* NULL without such dictionaries: fine */
    w->want = PETREL_WANT_ALL;
    return w;
}

void petrel_worker_want(petrel_worker *w, unsigned want) { w->want = want & PETREL_WANT_ALL; }

void petrel_worker_free(petrel_worker *w)
{
    if (!w)
        return;
    arena_free(&w->a);
    compat_cache_free(w->ccache);
    free(w);
}

static petrel_span make_span(const doc *d, const cp_map *m, uint32_t start, uint32_t end)
{
    petrel_span s;
    s.start = cp_map_get(m, start);
    s.end = cp_map_get(m, end);
    s.text = d->text + start;
    s.text_len = end - start;
    return s;
}

static int build_result(petrel_worker *w, doc *d, const petrel_input *in)
{
    petrel_result *r = &w->result;
    memset(r, 0, sizeof *r);
    cp_map m;
    if (!cp_map_init(&m, d->a, d->text, d->len, d->ascii))
        return PETREL_ERR_NOMEM;
    r->id = d->id;
    r->date = d->date;
    r->url = d->url;
    r->title = d->title;
    r->text = d->text;
    r->text_len = d->len;
    r->keep_text = in->keep_text;

    petrel_dropped *dr = arena_alloc(d->a, (d->dropped.len + 1) * sizeof *dr);
    petrel_sentence *ss = arena_alloc(d->a, (d->sents.len + 1) * sizeof *ss);
    if (!dr || !ss)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->dropped.len; i++) {
        dr[i].start = cp_map_get(&m, d->dropped.items[i].start);
        dr[i].end = cp_map_get(&m, d->dropped.items[i].end);
        dr[i].reason = d->dropped.items[i].reason;
    }
    for (uint32_t i = 0; i < d->sents.len; i++) {
        ss[i].start = cp_map_get(&m, d->sents.items[i].start);
        ss[i].end = cp_map_get(&m, d->sents.items[i].end);
        ss[i].paragraph = d->sents.items[i].para;
    }
    r->dropped = dr;
    r->n_dropped = d->dropped.len;
    r->sentences = ss;
    r->n_sentences = d->sents.len;

    int rc = PETREL_OK;
    if (w->want & PETREL_WANT_MENTIONS)
        rc = actors_export(d, &m, &r->mentions, &r->n_mentions);
    if (!rc && (w->want & PETREL_WANT_QUOTES))
        rc = quotes_export(d, &m, &r->quotes, &r->n_quotes);
    if (!rc && (w->want & PETREL_WANT_QUOTES))
        rc = attributions_export(d, &m, &r->attributions, &r->n_attributions);
    if (!rc && (w->want & PETREL_WANT_EVENTS))
        rc = events_export(d, &m, &r->events, &r->n_events);
    (void)make_span;
    return rc;
}

int petrel_code(petrel_worker *w, const petrel_input *in, const petrel_result **out,
                petrel_error *err)
{
    arena_reset(&w->a, WORKER_KEEP_BYTES);
    *out = NULL;
    petrel_input article;
    if (in->html) { /* a web page: its article first (read_html.c) */
        int rc = html_input_extract(&w->a, in, &article, err);
        if (rc)
            return rc;
        in = &article;
    }
    /* most texts are ASCII: one quick pass says so, and then neither the
     * UTF-8 check nor the code point map reads the text again */
    bool ascii = text_is_ascii(in->text, in->len);
    if (!ascii && petrel_check_utf8(in->text, in->len, err))
        return PETREL_ERR_INPUT;
    doc d;
    memset(&d, 0, sizeof d);
    d.ascii = ascii;
    d.a = &w->a;
    d.lex = &w->eng->lex;
    d.text = in->text;
    d.len = in->len;
    d.id = in->id ? in->id : "";
    d.date = in->date;
    d.url = in->url;
    d.title = in->title;
    d.compat_cache = w->ccache;
    if (in->date && strlen(in->date) == 10) {
        int32_t ymd = parse_ymd(in->date, 10);
        d.date_ymd = ymd > 0 ? ymd : 0;
    }
    int rc = segment_paragraphs(&d);
    if (!rc)
        rc = segment_tokens(&d);
    if (!rc)
        rc = clean_boilerplate(&d);
    if (!rc)
        rc = segment_sentences(&d);
    bool events = w->want & PETREL_WANT_EVENTS;
    /* Petrel's own event rules read the actor and quotation stages (sources,
     * claims, statements); TABARI's and PETRARCH's read only the words */
    bool need_quotes = (w->want & PETREL_WANT_QUOTES) || (events && !compat_has_verbs(d.lex));
    if (!rc && (need_quotes || (w->want & PETREL_WANT_MENTIONS)))
        rc = actors_run(&d);
    if (!rc && need_quotes)
        rc = quotes_run(&d);
    if (!rc && events)
        rc = events_run(&d);
    if (!rc && events)
        rc = dates_run(&d);
    if (!rc)
        rc = build_result(w, &d, in);
    if (rc) {
        if (err) {
            err->code = rc;
            snprintf(err->message, sizeof err->message,
                     rc == PETREL_ERR_NOMEM ? "out of memory" : "coding failed");
        }
        return rc;
    }
    *out = &w->result;
    return PETREL_OK;
}

int petrel_check_utf8(const char *text, size_t len, petrel_error *err)
{
    bool nul = false;
    size_t bad = utf8_check(text, len, &nul);
    if (!bad)
        return PETREL_OK;
    if (err) {
        err->code = PETREL_ERR_INPUT;
        err->column = (long)bad;
        if (nul)
            snprintf(err->message, sizeof err->message,
                     "binary data (NUL byte at byte %zu), not text", bad - 1);
        else
            snprintf(err->message, sizeof err->message,
                     "invalid UTF-8 at byte %zu (convert the input to UTF-8)", bad - 1);
    }
    return PETREL_ERR_INPUT;
}
