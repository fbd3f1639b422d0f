/*
 * store.c - the store API over its backends: open by URI, prepare a result's
 * derived values once (hash, sentence byte ranges, event sentences and days),
 * and hand it to the backend that writes the rows.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

const char *const store_quote_kinds[3] = {"direct", "partial", "indirect"};
const char *const store_modes[4] = {"asserted", "conditional", "future", "hypothetical"};

int store_fail(petrel_error *err, petrel_status code, const char *fmt, ...)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

static bool has_prefix(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

petrel_store *petrel_store_open(const char *uri, unsigned flags, petrel_error *err)
{
    if (!uri || !*uri) {
        store_fail(err, PETREL_ERR_USAGE, "no database given");
        return NULL;
    }
    petrel_store *st = calloc(1, sizeof *st);
    if (!st) {
        store_fail(err, PETREL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    st->flags = flags;
    int rc;
    if (has_prefix(uri, "postgresql://") || has_prefix(uri, "postgres://"))
        rc = store_pg_open(st, uri, err);
    else if (has_prefix(uri, "sqlite:"))
        rc = store_sqlite_open(st, uri + 7, err);
    else
        rc = store_sqlite_open(st, uri, err);
    if (rc) {
        free(st);
        return NULL;
    }
    return st;
}

const char *petrel_store_kind(const petrel_store *st) { return st->kind; }

int petrel_store_close(petrel_store *st, petrel_error *err)
{
    if (!st)
        return PETREL_OK;
    int rc = st->ops->close(st, err);
    store_prep_free(&st->prep);
    free(st);
    return rc;
}

int petrel_store_put(petrel_store *st, const petrel_result *r, petrel_store_outcome *outcome,
                     petrel_error *err)
{
    petrel_store_outcome dummy;
    if (!outcome)
        outcome = &dummy;
    if (st->flags & PETREL_STORE_READONLY)
        return store_fail(err, PETREL_ERR_USAGE, "the store was opened read-only");
    int rc = store_prepare(&st->prep, r, err);
    if (rc)
        return rc;
    return st->ops->put(st, r, &st->prep, outcome, err);
}

int petrel_store_has(petrel_store *st, const char *id, const char *text, size_t len,
                     petrel_error *err)
{
    char stored[65], sha[65];
    bool found = false;
    int rc = st->ops->lookup(st, id ? id : "", stored, &found, err);
    if (rc)
        return rc;
    if (!found)
        return 0;
    petrel_text_sha256(text, len, sha);
    return strcmp(sha, stored) == 0;
}

/* ------------------------------------------------------------ preparing rows */

static bool grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

/* Code point -> byte offsets, walking forward from the last position; going
 * back restarts (sentences come in order, so that is rare). */
typedef struct cp_walk {
    const unsigned char *s;
    size_t len, byte;
    uint64_t cp;
} cp_walk;

static size_t cp_walk_to(cp_walk *w, uint64_t cp)
{
    if (cp < w->cp) {
        w->byte = 0;
        w->cp = 0;
    }
    while (w->cp < cp && w->byte < w->len) {
        w->byte++;
        while (w->byte < w->len && (w->s[w->byte] & 0xC0) == 0x80)
            w->byte++;
        w->cp++;
    }
    return w->byte;
}

int64_t store_sentence_ref(const petrel_result *r, uint32_t sentence)
{
    return sentence < r->n_sentences ? (int64_t)sentence : -1;
}

/* The sentence that contains code point `at`: sentences are sorted and disjoint. */
static int64_t sentence_at(const petrel_result *r, uint32_t at)
{
    size_t lo = 0, hi = r->n_sentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->sentences[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const petrel_sentence *s = &r->sentences[lo - 1];
    return at < s->end || (at == s->start) ? (int64_t)(lo - 1) : -1;
}

int store_prepare(store_prep *p, const petrel_result *r, petrel_error *err)
{
    petrel_text_sha256(r->text, r->text_len, p->sha256);
    if (!grow((void **)&p->sent_byte, &p->cap_sent, 2 * r->n_sentences + 2, sizeof *p->sent_byte))
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");
    if (!grow((void **)&p->event_sent, &p->cap_event_sent, r->n_events + 1,
              sizeof *p->event_sent) ||
        !grow((void **)&p->event_day, &p->cap_event_day, r->n_events + 1, sizeof *p->event_day))
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");

    cp_walk w = {(const unsigned char *)r->text, r->text_len, 0, 0};
    for (size_t i = 0; i < r->n_sentences; i++) {
        p->sent_byte[2 * i] = (uint32_t)cp_walk_to(&w, r->sentences[i].start);
        p->sent_byte[2 * i + 1] = (uint32_t)cp_walk_to(&w, r->sentences[i].end);
    }
    /* count code points from where the walk stopped */
    cp_walk_to(&w, UINT64_MAX);
    p->chars = w.cp;

    const char *doc_day = r->date && petrel_date_is_valid(r->date) ? r->date : NULL;
    p->doc_date = doc_day;
    for (size_t i = 0; i < r->n_events; i++) {
        const petrel_event *e = &r->events[i];
        int64_t s = sentence_at(r, e->sentence.start);
        if (s < 0)
            s = sentence_at(r, e->verb.start);
        p->event_sent[i] = s;
        p->event_day[i] = petrel_date_is_valid(e->date) ? e->date : doc_day;
    }
    return PETREL_OK;
}

void store_prep_free(store_prep *p)
{
    free(p->sent_byte);
    free(p->event_sent);
    free(p->event_day);
    memset(p, 0, sizeof *p);
}
