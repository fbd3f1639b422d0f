/*
 * write_sqlite.c - the embedded store: one SQLite file, schema in
 * docs/schema.md.
 *
 * Each document is one transaction, so a killed run leaves whole documents
 * only, and the next run skips those whose text is unchanged. Row ids are
 * plain INTEGER PRIMARY KEYs (max + 1, no AUTOINCREMENT table), so the same
 * documents written in the same order give the same ids however many runs it
 * took. WAL with synchronous=NORMAL: a crash of the process loses nothing
 * committed; a power cut may lose the last documents, never consistency.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"

#define SCHEMA_VERSION "1"

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id TEXT NOT NULL UNIQUE,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  date TEXT,\n"
    "  url TEXT,\n"
    "  title TEXT,\n"
    "  chars INTEGER NOT NULL,\n"
    "  n_sentences INTEGER NOT NULL,\n"
    "  n_mentions INTEGER NOT NULL,\n"
    "  n_quotes INTEGER NOT NULL,\n"
    "  n_events INTEGER NOT NULL,\n"
    "  text TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS documents_date ON documents(date);\n"
    "CREATE TABLE IF NOT EXISTS dropped (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  char_start INTEGER NOT NULL,\n"
    "  char_end INTEGER NOT NULL,\n"
    "  reason TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS dropped_document ON dropped(document);\n"
    "CREATE TABLE IF NOT EXISTS sentences (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL,\n"
    "  paragraph INTEGER NOT NULL,\n"
    "  char_start INTEGER NOT NULL,\n"
    "  char_end INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE (document, idx)\n"
    ") STRICT;\n"
    "CREATE TABLE IF NOT EXISTS mentions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER REFERENCES sentences(id),\n"
    "  char_start INTEGER NOT NULL,\n"
    "  char_end INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  actor TEXT,\n"
    "  name TEXT,\n"
    "  how TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document);\n"
    "CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor);\n"
    "CREATE INDEX IF NOT EXISTS mentions_name ON mentions(name);\n"
    "CREATE TABLE IF NOT EXISTS quotes (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER REFERENCES sentences(id),\n"
    STORE_QUOTE_COLUMNS
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS quotes_document ON quotes(document);\n"
    "CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes(speaker_name);\n"
    "CREATE INDEX IF NOT EXISTS quotes_speaker_actor ON quotes(speaker_actor);\n"
    "CREATE TABLE IF NOT EXISTS attributions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER REFERENCES sentences(id),\n"
    "  cue_type TEXT NOT NULL,\n"
    STORE_QUOTE_COLUMNS
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS attributions_document ON attributions(document);\n"
    "CREATE INDEX IF NOT EXISTS attributions_speaker_actor ON attributions(speaker_actor);\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER REFERENCES sentences(id),\n"
    "  day TEXT,\n"
    "  date TEXT,\n"
    "  date_text TEXT,\n"
    "  code TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  plover TEXT,\n"
    "  goldstein REAL NOT NULL,\n"
    "  quad INTEGER NOT NULL,\n"
    "  source_actor TEXT,\n"
    "  source_name TEXT,\n"
    "  source_text TEXT NOT NULL,\n"
    "  source_start INTEGER NOT NULL,\n"
    "  source_end INTEGER NOT NULL,\n"
    "  target_actor TEXT,\n"
    "  target_name TEXT,\n"
    "  target_text TEXT,\n"
    "  target_start INTEGER,\n"
    "  target_end INTEGER,\n"
    "  verb_text TEXT NOT NULL,\n"
    "  verb_start INTEGER NOT NULL,\n"
    "  verb_end INTEGER NOT NULL,\n"
    "  sentence_start INTEGER NOT NULL,\n"
    "  sentence_end INTEGER NOT NULL,\n"
    "  negated INTEGER NOT NULL CHECK (negated IN (0, 1)),\n"
    "  mode TEXT NOT NULL CHECK (mode IN ('asserted', 'conditional', 'future', "
    "'hypothetical')),\n"
    "  claimed INTEGER NOT NULL CHECK (claimed IN (0, 1)),\n"
    "  claimed_name TEXT,\n"
    "  claimed_actor TEXT,\n"
    "  pattern TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX IF NOT EXISTS events_document ON events(document);\n"
    "CREATE INDEX IF NOT EXISTS events_day ON events(day);\n"
    "CREATE INDEX IF NOT EXISTS events_source ON events(source_actor, day);\n"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target_actor, day);\n"
    "CREATE INDEX IF NOT EXISTS events_code ON events(code);\n"
    "CREATE INDEX IF NOT EXISTS events_root ON events(root, day);\n"
    "CREATE INDEX IF NOT EXISTS events_plover ON events(plover, day);\n"
    "CREATE INDEX IF NOT EXISTS events_group ON events(source_actor, target_actor, code, day);\n"
    "CREATE VIEW IF NOT EXISTS event_groups AS\n"
    "  SELECT e.day, e.source_actor, e.target_actor, e.code,\n"
    "         min(e.root) AS root, min(e.plover) AS plover, min(e.quad) AS quad,\n"
    "         round(avg(e.goldstein), 2) AS goldstein,\n"
    "         count(DISTINCT e.document) AS reports, count(*) AS events,\n"
    "         json_group_array(DISTINCT d.doc_id) AS documents,\n"
    "         min(e.id) AS first_event\n"
    "  FROM events e JOIN documents d ON d.id = e.document\n"
    "  WHERE NOT e.negated\n"
    "  GROUP BY e.source_actor, e.target_actor, e.code, e.day;\n"
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '" SCHEMA_VERSION "');\n";

enum stmt_id {
    S_LOOKUP,
    S_DOC_INSERT,
    S_DOC_UPDATE,
    S_DEL_EVENTS,
    S_DEL_QUOTES,
    S_DEL_ATTRIBUTIONS,
    S_DEL_MENTIONS,
    S_DEL_DROPPED,
    S_DEL_SENTENCES,
    S_DROPPED,
    S_SENTENCE,
    S_MENTION,
    S_QUOTE,
    S_ATTRIBUTION,
    S_EVENT,
    S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
    [S_LOOKUP] = "SELECT id, sha256 FROM documents WHERE doc_id = ?1",
    [S_DOC_INSERT] = "INSERT INTO documents(doc_id, sha256, date, url, title, chars, n_sentences,"
                     " n_mentions, n_quotes, n_events, text)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_DOC_UPDATE] = "UPDATE documents SET doc_id = ?1, sha256 = ?2, date = ?3, url = ?4,"
                     " title = ?5, chars = ?6, n_sentences = ?7, n_mentions = ?8,"
                     " n_quotes = ?9, n_events = ?10, text = ?11 WHERE id = ?12",
    [S_DEL_EVENTS] = "DELETE FROM events WHERE document = ?1",
    [S_DEL_QUOTES] = "DELETE FROM quotes WHERE document = ?1",
    [S_DEL_ATTRIBUTIONS] = "DELETE FROM attributions WHERE document = ?1",
    [S_DEL_MENTIONS] = "DELETE FROM mentions WHERE document = ?1",
    [S_DEL_DROPPED] = "DELETE FROM dropped WHERE document = ?1",
    [S_DEL_SENTENCES] = "DELETE FROM sentences WHERE document = ?1",
    [S_DROPPED] = "INSERT INTO dropped(document, char_start, char_end, reason)"
                  " VALUES (?1, ?2, ?3, ?4)",
    [S_SENTENCE] = "INSERT INTO sentences(document, idx, paragraph, char_start, char_end, text)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_MENTION] = "INSERT INTO mentions(document, sentence, char_start, char_end, text, actor,"
                  " name, how) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_QUOTE] = "INSERT INTO quotes(document, sentence, kind, content, content_start, content_end,"
                " cue, cue_start, cue_end, source, source_start, source_end, speaker_name,"
                " speaker_actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                " ?13, ?14)",
    [S_ATTRIBUTION] = "INSERT INTO attributions(document, sentence, kind, content, content_start,"
                      " content_end, cue, cue_start, cue_end, source, source_start, source_end,"
                      " speaker_name, speaker_actor, cue_type) VALUES (?1, ?2, ?3, ?4, ?5,"
                      " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [S_EVENT] = "INSERT INTO events(document, sentence, day, date, date_text, code, root, plover,"
                " goldstein, quad, source_actor, source_name, source_text, source_start,"
                " source_end, target_actor, target_name, target_text, target_start, target_end,"
                " verb_text, verb_start, verb_end, sentence_start, sentence_end, negated, mode,"
                " claimed, claimed_name, claimed_actor, pattern) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
                " ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
};

typedef struct sq {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmt[S_COUNT];
    sqlite3_int64 *sent_ids;
    size_t cap_sent_ids;
} sq;

static int sq_fail(sq *s, petrel_error *err, const char *what)
{
    store_fail(err, PETREL_ERR_STORE, "%s: %s", what, s->db ? sqlite3_errmsg(s->db) : "?");
    if (err)
        snprintf(err->file, sizeof err->file, "%s", s->path);
    return PETREL_ERR_STORE;
}

static int sq_exec(sq *s, const char *sql, petrel_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        store_fail(err, PETREL_ERR_STORE, "%s", msg ? msg : sqlite3_errmsg(s->db));
        if (err)
            snprintf(err->file, sizeof err->file, "%s", s->path);
        sqlite3_free(msg);
        return PETREL_ERR_STORE;
    }
    return PETREL_OK;
}

static sqlite3_stmt *st_get(sq *s, enum stmt_id id)
{
    if (!s->stmt[id] &&
        sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[id],
                           NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(s->stmt[id]);
    sqlite3_clear_bindings(s->stmt[id]);
    return s->stmt[id];
}

static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_bytes(sqlite3_stmt *st, int i, const char *v, size_t n)
{
    if (v)
        sqlite3_bind_text64(st, i, n ? v : "", n, SQLITE_STATIC, SQLITE_UTF8);
    else
        sqlite3_bind_null(st, i);
}

static void bind_span(sqlite3_stmt *st, int i, const petrel_span *sp, bool present)
{
    if (!present) {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
        sqlite3_bind_null(st, i + 2);
        return;
    }
    bind_bytes(st, i, sp->text ? sp->text : "", sp->text_len);
    sqlite3_bind_int64(st, i + 1, sp->start);
    sqlite3_bind_int64(st, i + 2, sp->end);
}

static void bind_ref(sqlite3_stmt *st, int i, const sq *s, int64_t sentence)
{
    if (sentence >= 0)
        sqlite3_bind_int64(st, i, s->sent_ids[sentence]);
    else
        sqlite3_bind_null(st, i);
}

static bool step_done(sqlite3_stmt *st) { return st && sqlite3_step(st) == SQLITE_DONE; }

static int sq_lookup_locked(sq *s, const char *id, sqlite3_int64 *row, char sha[65], bool *found)
{
    sqlite3_stmt *st = st_get(s, S_LOOKUP);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = false;
    if (rc == SQLITE_ROW) {
        *found = true;
        if (row)
            *row = sqlite3_column_int64(st, 0);
        const unsigned char *h = sqlite3_column_text(st, 1);
        snprintf(sha, 65, "%s", h ? (const char *)h : "");
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int sq_lookup(petrel_store *store, const char *id, char sha[65], bool *found,
                     petrel_error *err)
{
    sq *s = store->impl;
    if (sq_lookup_locked(s, id, NULL, sha, found))
        return sq_fail(s, err, "cannot look up a document");
    return PETREL_OK;
}

static bool bind_doc(sqlite3_stmt *st, const petrel_store *store, const petrel_result *r,
                     const store_prep *p)
{
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, r->id ? r->id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->sha256, -1, SQLITE_STATIC);
    bind_str(st, 3, p->doc_date);
    bind_str(st, 4, r->url);
    bind_str(st, 5, r->title);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)p->chars);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)r->n_sentences);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)r->n_mentions);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)r->n_quotes);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)r->n_events);
    if (store->flags & PETREL_STORE_TEXT)
        bind_bytes(st, 11, r->text ? r->text : "", r->text_len);
    else
        sqlite3_bind_null(st, 11);
    return true;
}

static const char *enum_name(const char *const *names, size_t n, unsigned v)
{
    return v < n ? names[v] : names[0];
}

/* The rows of one document, inside the caller's transaction. */
static bool write_rows(sq *s, sqlite3_int64 doc, const petrel_result *r, const store_prep *p)
{
    sqlite3_stmt *st;
    for (size_t i = 0; i < r->n_dropped; i++) {
        const petrel_dropped *d = &r->dropped[i];
        if (!(st = st_get(s, S_DROPPED)))
            return false;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, d->start);
        sqlite3_bind_int64(st, 3, d->end);
        sqlite3_bind_text(st, 4, d->reason ? d->reason : "", -1, SQLITE_STATIC);
        if (!step_done(st))
            return false;
    }
    if (r->n_sentences > s->cap_sent_ids) {
        size_t n = r->n_sentences * 2;
        sqlite3_int64 *ids = realloc(s->sent_ids, n * sizeof *ids);
        if (!ids)
            return false;
        s->sent_ids = ids;
        s->cap_sent_ids = n;
    }
    for (size_t i = 0; i < r->n_sentences; i++) {
        const petrel_sentence *se = &r->sentences[i];
        if (!(st = st_get(s, S_SENTENCE)))
            return false;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, se->paragraph);
        sqlite3_bind_int64(st, 4, se->start);
        sqlite3_bind_int64(st, 5, se->end);
        uint32_t b0 = p->sent_byte[2 * i], b1 = p->sent_byte[2 * i + 1];
        bind_bytes(st, 6, r->text + b0, b1 > b0 ? b1 - b0 : 0);
        if (!step_done(st))
            return false;
        s->sent_ids[i] = sqlite3_last_insert_rowid(s->db);
    }
    for (size_t i = 0; i < r->n_mentions; i++) {
        const petrel_mention *m = &r->mentions[i];
        if (!(st = st_get(s, S_MENTION)))
            return false;
        sqlite3_bind_int64(st, 1, doc);
        bind_ref(st, 2, s, store_sentence_ref(r, m->sentence));
        sqlite3_bind_int64(st, 3, m->span.start);
        sqlite3_bind_int64(st, 4, m->span.end);
        bind_bytes(st, 5, m->span.text ? m->span.text : "", m->span.text_len);
        bind_str(st, 6, m->actor);
        bind_str(st, 7, m->name);
        bind_str(st, 8, m->how);
        if (!step_done(st))
            return false;
    }
    for (size_t i = 0; i < r->n_quotes + r->n_attributions; i++) {
        bool attribution = i >= r->n_quotes;
        const petrel_quote *q = attribution ? &r->attributions[i - r->n_quotes] : &r->quotes[i];
        if (!(st = st_get(s, attribution ? S_ATTRIBUTION : S_QUOTE)))
            return false;
        if (attribution)
            bind_str(st, 15, q->cue_type ? q->cue_type : "");
        sqlite3_bind_int64(st, 1, doc);
        bind_ref(st, 2, s, store_sentence_ref(r, q->sentence));
        sqlite3_bind_text(st, 3, enum_name(store_quote_kinds, 3, q->kind), -1, SQLITE_STATIC);
        bind_span(st, 4, &q->content, true);
        bind_span(st, 7, &q->cue, q->has_cue);
        bind_span(st, 10, &q->source, q->has_source);
        bind_str(st, 13, q->speaker_name);
        bind_str(st, 14, q->speaker_actor);
        if (!step_done(st))
            return false;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const petrel_event *e = &r->events[i];
        if (!(st = st_get(s, S_EVENT)))
            return false;
        sqlite3_bind_int64(st, 1, doc);
        bind_ref(st, 2, s, p->event_sent[i]);
        bind_str(st, 3, p->event_day[i]);
        bind_str(st, 4, petrel_date_is_valid(e->date) ? e->date : NULL);
        if (e->has_date_text)
            bind_bytes(st, 5, e->date_text.text ? e->date_text.text : "", e->date_text.text_len);
        else
            sqlite3_bind_null(st, 5);
        sqlite3_bind_text(st, 6, e->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, e->root, -1, SQLITE_STATIC);
        bind_str(st, 8, e->plover);
        sqlite3_bind_double(st, 9, e->goldstein);
        sqlite3_bind_int(st, 10, e->quad);
        bind_str(st, 11, e->source.actor);
        bind_str(st, 12, e->source.name);
        bind_span(st, 13, &e->source.mention, true);
        bind_str(st, 16, e->has_target ? e->target.actor : NULL);
        bind_str(st, 17, e->has_target ? e->target.name : NULL);
        bind_span(st, 18, &e->target.mention, e->has_target);
        bind_span(st, 21, &e->verb, true);
        sqlite3_bind_int64(st, 24, e->sentence.start);
        sqlite3_bind_int64(st, 25, e->sentence.end);
        sqlite3_bind_int(st, 26, e->negated ? 1 : 0);
        sqlite3_bind_text(st, 27, enum_name(store_modes, 4, e->mode), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 28, e->claimed ? 1 : 0);
        bind_str(st, 29, e->claimed ? e->claimed_name : NULL);
        bind_str(st, 30, e->claimed ? e->claimed_actor : NULL);
        bind_str(st, 31, e->pattern);
        if (!step_done(st))
            return false;
    }
    return true;
}

static int sq_put(petrel_store *store, const petrel_result *r, const store_prep *p,
                  petrel_store_outcome *out, petrel_error *err)
{
    sq *s = store->impl;
    const char *id = r->id ? r->id : "";
    if (sq_exec(s, "BEGIN IMMEDIATE", err))
        return PETREL_ERR_STORE;
    sqlite3_int64 doc = 0;
    char stored[65];
    bool found = false;
    if (sq_lookup_locked(s, id, &doc, stored, &found))
        goto fail;
    if (found && !strcmp(stored, p->sha256) && !(store->flags & PETREL_STORE_RECODE)) {
        *out = PETREL_STORED_UNCHANGED;
        return sq_exec(s, "COMMIT", err);
    }
    sqlite3_stmt *st;
    if (found) {
        /* children first: events and quotes point at sentences */
        static const enum stmt_id dels[] = {S_DEL_EVENTS, S_DEL_QUOTES, S_DEL_ATTRIBUTIONS,
                                            S_DEL_MENTIONS,
                                            S_DEL_DROPPED, S_DEL_SENTENCES};
        for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++) {
            if (!(st = st_get(s, dels[i])))
                goto fail;
            sqlite3_bind_int64(st, 1, doc);
            if (!step_done(st))
                goto fail;
        }
        st = st_get(s, S_DOC_UPDATE);
        if (!bind_doc(st, store, r, p))
            goto fail;
        sqlite3_bind_int64(st, 12, doc);
        if (!step_done(st))
            goto fail;
        *out = PETREL_STORED_REPLACED;
    } else {
        st = st_get(s, S_DOC_INSERT);
        if (!bind_doc(st, store, r, p) || !step_done(st))
            goto fail;
        doc = sqlite3_last_insert_rowid(s->db);
        *out = PETREL_STORED_NEW;
    }
    if (!write_rows(s, doc, r, p))
        goto fail;
    return sq_exec(s, "COMMIT", err);
fail:
    sq_fail(s, err, id[0] ? id : "(no id)");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return PETREL_ERR_STORE;
}

static int sq_close(petrel_store *store, petrel_error *err)
{
    sq *s = store->impl;
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    int rc = PETREL_OK;
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        rc = sq_fail(s, err, "cannot close the database");
    free(s->sent_ids);
    free(s->path);
    free(s);
    return rc;
}

static const store_ops sqlite_ops = {sq_put, sq_lookup, sq_close};

sqlite3 *store_sqlite_db(petrel_store *st)
{
    return st->ops == &sqlite_ops ? ((sq *)st->impl)->db : NULL;
}

int store_sqlite_open(petrel_store *st, const char *path, petrel_error *err)
{
    sq *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");
    }
    st->impl = s;
    st->ops = &sqlite_ops;
    st->kind = "sqlite";
    bool ro = st->flags & PETREL_STORE_READONLY;
    int oflags = ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        rc = sq_fail(s, err, "cannot open the database");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 30000);
    sqlite3_extended_result_codes(s->db, 1);
    if (ro) {
        sqlite3_stmt *q = NULL;
        bool ok = sqlite3_prepare_v2(s->db,
                                     "SELECT value FROM meta WHERE key = 'schema_version'", -1,
                                     &q, NULL) == SQLITE_OK &&
                  sqlite3_step(q) == SQLITE_ROW;
        sqlite3_finalize(q);
        if (!ok) {
            rc = store_fail(err, PETREL_ERR_STORE,
                            "not a petrel database (petrel code --db makes one)");
            if (err)
                snprintf(err->file, sizeof err->file, "%s", path);
            goto fail;
        }
        return PETREL_OK;
    }
    if ((rc = sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                         " PRAGMA foreign_keys = ON;", err)))
        goto fail;
    if ((rc = sq_exec(s, "BEGIN IMMEDIATE", err)))
        goto fail;
    if ((rc = sq_exec(s, schema_sql, err))) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    sqlite3_stmt *q = NULL;
    char version[32] = "";
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &q,
                           NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        snprintf(version, sizeof version, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (strcmp(version, SCHEMA_VERSION)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        rc = store_fail(err, PETREL_ERR_STORE,
                        "database schema version %s, this petrel writes version %s",
                        version[0] ? version : "unknown", SCHEMA_VERSION);
        if (err)
            snprintf(err->file, sizeof err->file, "%s", path);
        goto fail;
    }
    if ((rc = sq_exec(s, "COMMIT", err)))
        goto fail;
    return PETREL_OK;
fail:
    sq_close(st, NULL);
    st->impl = NULL;
    return rc;
}
