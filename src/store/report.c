/*
 * report.c - one static HTML page about a store (petrel report).
 *
 * The page (report_page.html, compiled in) is fixed; only its data changes. The
 * data goes in as one JSON object inside <script type="application/json">,
 * with every '<', '>' and '&' written as \u escapes, so no text from an
 * article can close the script element or form markup. The page's script
 * puts every string into the document with textContent, never innerHTML,
 * and a Content-Security-Policy forbids any network access.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "write.h"

extern const char report_page[];
extern const size_t report_page_len;

#define DEFAULT_MAX_ROWS 5000
#define MAX_EDGES 400

/* A JSON string safe inside a <script> element: buf_json_string's escapes,
 * plus < > & as \u escapes. */
static bool put_jstr(petrel_buffer *b, const char *s)
{
    if (!s)
        return buf_puts(b, "null");
    size_t start = b->len;
    if (!buf_json_string(b, s, strlen(s)))
        return false;
    size_t extra = 0;
    for (size_t i = start; i < b->len; i++)
        if (b->data[i] == '<' || b->data[i] == '>' || b->data[i] == '&')
            extra += 5;
    if (!extra)
        return true;
    if (!buf_reserve(b, extra))
        return false;
    /* widen in place from the end */
    size_t src = b->len, dst = b->len + extra;
    b->data[dst] = '\0';
    while (src > start) {
        char c = b->data[--src];
        if (c == '<' || c == '>' || c == '&') {
            const char *esc = c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026";
            dst -= 6;
            memcpy(b->data + dst, esc, 6);
        } else {
            b->data[--dst] = c;
        }
    }
    b->len += extra;
    return true;
}

/* Rows of a query as a JSON array of arrays, columns in select order. */
static int put_rows(sqlite3 *db, petrel_buffer *b, const char *key, const char *sql,
                    sqlite3_int64 limit, petrel_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(err, PETREL_ERR_STORE, "report: %s", sqlite3_errmsg(db));
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, limit);
    bool ok = buf_printf(b, ",\"%s\":[", key);
    int n = sqlite3_column_count(st), s;
    size_t rows = 0;
    while (ok && (s = sqlite3_step(st)) == SQLITE_ROW) {
        ok = buf_puts(b, rows++ ? ",[" : "[");
        for (int i = 0; ok && i < n; i++) {
            if (i)
                ok = buf_put(b, ",", 1);
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_NULL: ok = ok && buf_puts(b, "null"); break;
            case SQLITE_INTEGER:
                ok = ok && buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, i));
                break;
            case SQLITE_FLOAT: ok = ok && buf_printf(b, "%.4g", sqlite3_column_double(st, i)); break;
            default: ok = ok && put_jstr(b, (const char *)sqlite3_column_text(st, i)); break;
            }
        }
        ok = ok && buf_put(b, "]", 1);
    }
    bool done = ok && s == SQLITE_DONE;
    sqlite3_finalize(st);
    if (!ok)
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");
    if (!done)
        return store_fail(err, PETREL_ERR_STORE, "report: %s", sqlite3_errmsg(db));
    return buf_put(b, "]", 1) ? PETREL_OK : store_fail(err, PETREL_ERR_NOMEM, "out of memory");
}

static sqlite3_int64 count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    sqlite3_int64 n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int build_data(sqlite3 *db, const petrel_report_options *o, petrel_buffer *b,
                      petrel_error *err)
{
    sqlite3_int64 max_events = o->max_events ? (sqlite3_int64)o->max_events : DEFAULT_MAX_ROWS;
    sqlite3_int64 max_quotes = o->max_quotes ? (sqlite3_int64)o->max_quotes : DEFAULT_MAX_ROWS;
    bool ok = buf_puts(b, "{\"title\":") &&
              put_jstr(b, o->title ? o->title : "Petrel report") &&
              buf_printf(b,
                         ",\"counts\":{\"documents\":%lld,\"sentences\":%lld,\"mentions\":%lld,"
                         "\"quotes\":%lld,\"events\":%lld,\"groups\":%lld}",
                         (long long)count_of(db, "SELECT count(*) FROM documents"),
                         (long long)count_of(db, "SELECT count(*) FROM sentences"),
                         (long long)count_of(db, "SELECT count(*) FROM mentions"),
                         (long long)count_of(db, "SELECT count(*) FROM quotes"),
                         (long long)count_of(db, "SELECT count(*) FROM events"),
                         (long long)count_of(db, "SELECT count(*) FROM event_groups")) &&
              buf_printf(b, ",\"max_events\":%lld,\"max_quotes\":%lld", (long long)max_events,
                         (long long)max_quotes) &&
              buf_puts(b, ",\"roots\":{");
    for (int r = 1; ok && r <= 20; r++) {
        char code[3] = {(char)('0' + r / 10), (char)('0' + r % 10), 0};
        ok = buf_printf(b, "%s\"%s\":", r > 1 ? "," : "", code) &&
             put_jstr(b, store_root_name(code));
    }
    ok = ok && buf_puts(b, "},\"quads\":[null");
    for (int q = 1; ok && q <= 4; q++)
        ok = buf_put(b, ",", 1) && put_jstr(b, store_quad_name(q));
    ok = ok && buf_puts(b, "]");
    if (!ok)
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");

    static const struct {
        const char *key;
        const char *sql;
        int limit; /* 0 none, 1 events, 2 quotes, 3 edges */
    } parts[] = {
        /* month, quad, events (not negated) */
        {"timeline",
         "SELECT substr(day, 1, 7) AS m, quad, count(*) FROM events"
         " WHERE day IS NOT NULL AND NOT negated GROUP BY m, quad ORDER BY m, quad",
         0},
        /* month, documents */
        {"doc_months",
         "SELECT substr(date, 1, 7) AS m, count(*) FROM documents WHERE date IS NOT NULL"
         " GROUP BY m ORDER BY m",
         0},
        /* source, target, events, mean goldstein, source name, target name */
        {"edges",
         "SELECT source_actor, target_actor, count(*) AS n, avg(goldstein), max(source_name),"
         " max(target_name) FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT"
         " NULL AND NOT negated GROUP BY source_actor, target_actor"
         " ORDER BY n DESC, source_actor, target_actor LIMIT ?1",
         3},
        /* documents: doc id, date, title, url, sentences, quotes, events */
        {"documents",
         "SELECT doc_id, date, title, url, n_sentences, n_quotes, n_events FROM documents"
         " ORDER BY date, doc_id LIMIT ?1",
         1},
        /* events: day, source, source name, target, target name, code, root, plover, quad,
         * goldstein, negated, mode, claimed by, doc index (into documents by doc id), sentence,
         * then source/verb/target offsets inside the sentence (code points) */
        {"events",
         "SELECT e.day, e.source_actor, e.source_name, e.target_actor, e.target_name, e.code,"
         " e.root, e.plover, e.quad, e.goldstein, e.negated, e.mode,"
         " coalesce(e.claimed_actor, e.claimed_name), d.doc_id, s.text,"
         " e.source_start - s.char_start, e.source_end - s.char_start,"
         " e.verb_start - s.char_start, e.verb_end - s.char_start,"
         " e.target_start - s.char_start, e.target_end - s.char_start, e.source_text,"
         " e.verb_text, e.target_text"
         " FROM events e JOIN documents d ON d.id = e.document"
         " LEFT JOIN sentences s ON s.id = e.sentence"
         " ORDER BY e.day DESC, d.doc_id, e.id LIMIT ?1",
         1},
        /* quotes: speaker name, speaker actor, kind, content, cue, source text, doc id, date */
        {"quotes",
         "SELECT q.speaker_name, q.speaker_actor, q.kind, q.content, q.cue, q.source, d.doc_id,"
         " d.date FROM quotes q JOIN documents d ON d.id = q.document"
         " ORDER BY d.date, d.doc_id, q.id LIMIT ?1",
         2},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        sqlite3_int64 lim = parts[i].limit == 2   ? max_quotes
                            : parts[i].limit == 3 ? MAX_EDGES
                                                  : max_events;
        int rc = put_rows(db, b, parts[i].key, parts[i].sql, lim, err);
        if (rc)
            return rc;
    }
    return buf_puts(b, "}") ? PETREL_OK : store_fail(err, PETREL_ERR_NOMEM, "out of memory");
}

/* Text for an HTML element's content */
static bool put_html(petrel_buffer *b, const char *s)
{
    bool ok = true;
    for (; ok && *s; s++) {
        switch (*s) {
        case '<': ok = buf_puts(b, "&lt;"); break;
        case '>': ok = buf_puts(b, "&gt;"); break;
        case '&': ok = buf_puts(b, "&amp;"); break;
        case '"': ok = buf_puts(b, "&quot;"); break;
        case '\'': ok = buf_puts(b, "&#39;"); break;
        default: ok = buf_put(b, s, 1); break;
        }
    }
    return ok;
}

int petrel_store_report_html(petrel_store *st, const petrel_report_options *o, FILE *out,
                             petrel_error *err)
{
    sqlite3 *db = store_sqlite_db(st);
    if (!db)
        return store_fail(err, PETREL_ERR_USAGE, "reports read SQLite stores");
    petrel_report_options none = {0};
    if (!o)
        o = &none;
    petrel_buffer data = {0}, page = {0};
    int rc = build_data(db, o, &data, err);
    if (rc) {
        petrel_buffer_free(&data);
        return rc;
    }
    /* the template has {{TITLE}} and {{DATA}} */
    const char *p = report_page, *end = report_page + report_page_len;
    bool ok = true;
    while (ok && p < end) {
        const char *mark = strstr(p, "{{");
        if (!mark || mark >= end) {
            ok = buf_put(&page, p, (size_t)(end - p));
            break;
        }
        ok = buf_put(&page, p, (size_t)(mark - p));
        if (!strncmp(mark, "{{TITLE}}", 9)) {
            ok = ok && put_html(&page, o->title ? o->title : "Petrel report");
            p = mark + 9;
        } else if (!strncmp(mark, "{{DATA}}", 8)) {
            ok = ok && buf_put(&page, data.data, data.len);
            p = mark + 8;
        } else {
            ok = ok && buf_put(&page, "{{", 2);
            p = mark + 2;
        }
    }
    petrel_buffer_free(&data);
    if (!ok) {
        petrel_buffer_free(&page);
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");
    }
    bool wrote = fwrite(page.data, 1, page.len, out) == page.len;
    petrel_buffer_free(&page);
    return wrote ? PETREL_OK : store_fail(err, PETREL_ERR_IO, "cannot write the report");
}
