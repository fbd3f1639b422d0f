/*
 * query.c - the named queries over a SQLite store (petrel query) and the TSV
 * export. Filters become a WHERE clause with bound parameters; actor and code
 * prefixes are turned into ranges (code >= 'USA' AND code < 'USB') so the
 * indexes on events serve them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "write.h"

static const char *const root_names[21] = {
    NULL,
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
};

static const char *const quad_names[5] = {NULL, "Verbal cooperation", "Material cooperation",
                                          "Verbal conflict", "Material conflict"};

const char *store_root_name(const char *root)
{
    if (!root || !isdigit((unsigned char)root[0]) || !isdigit((unsigned char)root[1]) || root[2])
        return NULL;
    int n = (root[0] - '0') * 10 + (root[1] - '0');
    return n >= 1 && n <= 20 ? root_names[n] : NULL;
}

const char *store_quad_name(int quad) { return quad >= 1 && quad <= 4 ? quad_names[quad] : NULL; }

/* ------------------------------------------------------------ building SQL */

#define MAX_BINDS 24

typedef struct qbuild {
    petrel_buffer sql;
    const char *bind[MAX_BINDS];
    char owned[MAX_BINDS][64]; /* prefix upper bounds */
    int n;
    bool where;
    bool ok;
} qbuild;

static void q_sql(qbuild *b, const char *s) { b->ok = b->ok && buf_puts(&b->sql, s); }

static int q_bind(qbuild *b, const char *v)
{
    if (b->n >= MAX_BINDS) {
        b->ok = false;
        return 0;
    }
    b->bind[b->n] = v;
    return ++b->n;
}

static void q_cond(qbuild *b, const char *cond)
{
    q_sql(b, b->where ? " AND " : " WHERE ");
    b->where = true;
    q_sql(b, cond);
}

/* column = value, with one parameter */
static void q_eq(qbuild *b, const char *col, const char *v)
{
    if (!v || !*v)
        return;
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s = ?%d", col, q_bind(b, v));
    q_cond(b, tmp);
}

static void q_cmp(qbuild *b, const char *col, const char *op, const char *v)
{
    if (!v || !*v)
        return;
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s %s ?%d", col, op, q_bind(b, v));
    q_cond(b, tmp);
}

/* "col starts with prefix" as col >= prefix AND col < prefix with its last
 * byte + 1, into cond; false when the prefix is unusable */
static bool prefix_cond(qbuild *b, const char *col, const char *prefix, char *cond, size_t size)
{
    size_t n = strlen(prefix);
    if (n >= sizeof b->owned[0] || b->n + 2 > MAX_BINDS) {
        b->ok = false;
        return false;
    }
    char *hi = b->owned[b->n + 1];
    memcpy(hi, prefix, n + 1);
    while (n && (unsigned char)hi[n - 1] == 0xFF)
        hi[--n] = '\0';
    if (!n) {
        snprintf(cond, size, "%s >= ?%d", col, q_bind(b, prefix));
    } else {
        hi[n - 1]++;
        int lo_i = q_bind(b, prefix);
        int hi_i = q_bind(b, hi);
        snprintf(cond, size, "(%s >= ?%d AND %s < ?%d)", col, lo_i, col, hi_i);
    }
    return true;
}

static void q_prefix(qbuild *b, const char *col, const char *prefix)
{
    char cond[200];
    if (prefix && *prefix && prefix_cond(b, col, prefix, cond, sizeof cond))
        q_cond(b, cond);
}

static void q_limit(qbuild *b, size_t limit)
{
    if (limit) {
        char tmp[48];
        snprintf(tmp, sizeof tmp, " LIMIT %zu", limit);
        q_sql(b, tmp);
    }
}

static void event_filters(qbuild *b, const petrel_query_options *q, const char *e)
{
    char col[64];
#define COL(name) (snprintf(col, sizeof col, "%s%s", e, name), col)
    q_prefix(b, COL("source_actor"), q->source);
    q_prefix(b, COL("target_actor"), q->target);
    q_prefix(b, COL("code"), q->code);
    q_eq(b, COL("root"), q->root);
    q_eq(b, COL("plover"), q->plover);
    q_cmp(b, COL("day"), ">=", q->from);
    q_cmp(b, COL("day"), "<=", q->to);
    if (q->claimed_only)
        q_cond(b, COL("claimed = 1"));
    if (q->negated_only)
        q_cond(b, COL("negated = 1"));
#undef COL
}

/* ------------------------------------------------------------ running */

#define MAX_COLS 32

static int run_query(sqlite3 *db, qbuild *b, petrel_row_fn fn, void *user, petrel_error *err)
{
    if (!b->ok) {
        petrel_buffer_free(&b->sql);
        return store_fail(err, PETREL_ERR_NOMEM, "query too long or out of memory");
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, b->sql.data, -1, &st, NULL) != SQLITE_OK) {
        int rc = store_fail(err, PETREL_ERR_STORE, "query: %s", sqlite3_errmsg(db));
        petrel_buffer_free(&b->sql);
        return rc;
    }
    petrel_buffer_free(&b->sql);
    for (int i = 0; i < b->n; i++)
        sqlite3_bind_text(st, i + 1, b->bind[i], -1, SQLITE_STATIC);
    int n = sqlite3_column_count(st);
    if (n > MAX_COLS)
        n = MAX_COLS;
    const char *names[MAX_COLS], *values[MAX_COLS];
    petrel_value_type types[MAX_COLS];
    for (int i = 0; i < n; i++)
        names[i] = sqlite3_column_name(st, i);
    petrel_row row = {(size_t)n, names, NULL, types};
    int rc = fn(user, &row), s = SQLITE_DONE;
    row.values = values;
    while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER: types[i] = PETREL_VALUE_INT; break;
            case SQLITE_FLOAT: types[i] = PETREL_VALUE_REAL; break;
            case SQLITE_NULL: types[i] = PETREL_VALUE_NULL; break;
            default: types[i] = PETREL_VALUE_TEXT; break;
            }
            values[i] = (const char *)sqlite3_column_text(st, i);
            if (!values[i])
                types[i] = PETREL_VALUE_NULL;
        }
        if ((rc = fn(user, &row)) != 0)
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(err, PETREL_ERR_STORE, "query: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

static void q_events(qbuild *b, const petrel_query_options *q)
{
    q_sql(b, "SELECT e.id, e.day, e.source_actor AS source, e.target_actor AS target, e.code,"
             " e.root, e.plover, e.quad, e.goldstein, e.negated, e.mode,"
             " coalesce(e.claimed_actor, e.claimed_name) AS claimed_by, d.doc_id AS doc,"
             " e.source_text, e.verb_text AS verb, e.target_text, s.text AS sentence"
             " FROM events e JOIN documents d ON d.id = e.document"
             " LEFT JOIN sentences s ON s.id = e.sentence");
    event_filters(b, q, "e.");
    q_eq(b, "d.doc_id", q->doc);
    q_sql(b, " ORDER BY e.day, d.doc_id, e.id");
    q_limit(b, q->limit);
}

static void q_groups(qbuild *b, const petrel_query_options *q)
{
    q_sql(b, "SELECT day, source_actor AS source, target_actor AS target, code, root, plover,"
             " quad, goldstein, reports, events, documents FROM event_groups");
    q_prefix(b, "source_actor", q->source);
    q_prefix(b, "target_actor", q->target);
    q_prefix(b, "code", q->code);
    q_eq(b, "root", q->root);
    q_eq(b, "plover", q->plover);
    q_cmp(b, "day", ">=", q->from);
    q_cmp(b, "day", "<=", q->to);
    q_sql(b, " ORDER BY reports DESC, day, source, target, code");
    q_limit(b, q->limit);
}

/* quotes, or attributions (what is reported that is not speech: the same
 * columns and a cue_type) */
static void q_quotes(qbuild *b, const petrel_query_options *q, bool attributions)
{
    if (attributions)
        q_sql(b, "SELECT q.id, d.date AS day, d.doc_id AS doc, q.speaker_name AS speaker,"
                 " q.speaker_actor AS actor, q.cue_type, q.kind, q.content, q.cue, q.source"
                 " FROM attributions q JOIN documents d ON d.id = q.document");
    else
        q_sql(b, "SELECT q.id, d.date AS day, d.doc_id AS doc, q.speaker_name AS speaker,"
                 " q.speaker_actor AS actor, q.kind, q.content AS quote, q.cue, q.source"
                 " FROM quotes q JOIN documents d ON d.id = q.document");
    if (q->speaker && *q->speaker) {
        int i = q_bind(b, q->speaker);
        char tmp[200];
        snprintf(tmp, sizeof tmp,
                 "(q.speaker_actor = ?%d OR q.speaker_actor LIKE ?%d || '%%'"
                 " OR q.speaker_name LIKE '%%' || ?%d || '%%')",
                 i, i, i);
        q_cond(b, tmp);
    }
    q_cmp(b, "d.date", ">=", q->from);
    q_cmp(b, "d.date", "<=", q->to);
    q_eq(b, "d.doc_id", q->doc);
    q_sql(b, " ORDER BY d.date, d.doc_id, q.id");
    q_limit(b, q->limit);
}

static void q_actors(qbuild *b, const petrel_query_options *q)
{
    /* every appearance of an actor code, then counts by kind; the name shown
     * is the one most often given to the code */
    q_sql(b, "WITH a(actor, name, src, tgt, quo, men) AS ("
             " SELECT source_actor, source_name, 1, 0, 0, 0 FROM events"
             "  WHERE source_actor IS NOT NULL AND NOT negated");
    b->where = true;
    q_cmp(b, "day", ">=", q->from);
    q_cmp(b, "day", "<=", q->to);
    q_sql(b, " UNION ALL SELECT target_actor, target_name, 0, 1, 0, 0 FROM events"
             "  WHERE target_actor IS NOT NULL AND NOT negated");
    q_cmp(b, "day", ">=", q->from);
    q_cmp(b, "day", "<=", q->to);
    q_sql(b, " UNION ALL SELECT q.speaker_actor, q.speaker_name, 0, 0, 1, 0 FROM quotes q"
             "  JOIN documents d ON d.id = q.document WHERE q.speaker_actor IS NOT NULL");
    q_cmp(b, "d.date", ">=", q->from);
    q_cmp(b, "d.date", "<=", q->to);
    q_sql(b, " UNION ALL SELECT m.actor, m.name, 0, 0, 0, 1 FROM mentions m"
             "  JOIN documents d ON d.id = m.document WHERE m.actor IS NOT NULL");
    q_cmp(b, "d.date", ">=", q->from);
    q_cmp(b, "d.date", "<=", q->to);
    q_sql(b, "), n AS (SELECT actor, name, count(*) AS c FROM a WHERE name IS NOT NULL"
             "  GROUP BY actor, name),"
             " best AS (SELECT actor, name, max(c) FROM n GROUP BY actor)"
             " SELECT a.actor, best.name, sum(src) + sum(tgt) AS events, sum(src) AS as_source,"
             " sum(tgt) AS as_target, sum(quo) AS quotes, sum(men) AS mentions"
             " FROM a LEFT JOIN best ON best.actor = a.actor GROUP BY a.actor");
    b->where = false;
    char cond[200];
    if (q->source && *q->source && prefix_cond(b, "a.actor", q->source, cond, sizeof cond)) {
        q_sql(b, " HAVING ");
        q_sql(b, cond);
    }
    q_sql(b, " ORDER BY events DESC, quotes DESC, mentions DESC, a.actor");
    q_limit(b, q->limit);
}

static void q_pairs(qbuild *b, const petrel_query_options *q)
{
    q_sql(b, "SELECT substr(day, 1, 7) AS month, source_actor AS source,"
             " target_actor AS target, count(*) AS events,"
             " count(DISTINCT document) AS documents, round(avg(goldstein), 2) AS goldstein,"
             " sum(quad = 1) AS verbal_coop, sum(quad = 2) AS material_coop,"
             " sum(quad = 3) AS verbal_conflict, sum(quad = 4) AS material_conflict"
             " FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL"
             " AND NOT negated");
    b->where = true;
    event_filters(b, q, "");
    q_sql(b, " GROUP BY month, source, target ORDER BY month, events DESC, source, target");
    q_limit(b, q->limit);
}

/* summary: (section, key, label, count) rows, one section after another */
static void q_summary(qbuild *b, const petrel_query_options *q)
{
    size_t top = q->limit ? q->limit : 10;
    char lim[32];
    snprintf(lim, sizeof lim, " LIMIT %zu", top);
    q_sql(b, "SELECT 'totals' AS section, 'documents' AS key, NULL AS label,"
             " (SELECT count(*) FROM documents) AS count"
             " UNION ALL SELECT 'totals', 'sentences', NULL, (SELECT count(*) FROM sentences)"
             " UNION ALL SELECT 'totals', 'mentions', NULL, (SELECT count(*) FROM mentions)"
             " UNION ALL SELECT 'totals', 'quotes', NULL, (SELECT count(*) FROM quotes)"
             " UNION ALL SELECT 'totals', 'events', NULL, (SELECT count(*) FROM events)"
             " UNION ALL SELECT 'totals', 'event groups', NULL,"
             "  (SELECT count(*) FROM event_groups)"
             " UNION ALL SELECT 'totals', 'first day', (SELECT min(date) FROM documents), NULL"
             " UNION ALL SELECT 'totals', 'last day', (SELECT max(date) FROM documents), NULL"
             " UNION ALL SELECT * FROM (SELECT 'quad', quad, NULL, count(*) FROM events"
             "  GROUP BY quad ORDER BY quad)"
             " UNION ALL SELECT * FROM (SELECT 'root', root, NULL, count(*) FROM events"
             "  GROUP BY root ORDER BY root)"
             /* actors by mentions; by event roles when no mentions are stored */
             " UNION ALL SELECT * FROM (SELECT 'actor', actor, name, n FROM ("
             "  SELECT actor, max(name) AS name, count(*) AS n FROM ("
             "   SELECT actor, name FROM mentions"
             "   UNION ALL SELECT source_actor, source_name FROM events"
             "    WHERE NOT EXISTS (SELECT 1 FROM mentions)"
             "   UNION ALL SELECT target_actor, target_name FROM events"
             "    WHERE NOT EXISTS (SELECT 1 FROM mentions))"
             "  WHERE actor IS NOT NULL GROUP BY actor ORDER BY n DESC, actor");
    q_sql(b, lim);
    q_sql(b, "))"
             " UNION ALL SELECT * FROM (SELECT 'speaker', coalesce(speaker_name, speaker_actor),"
             "  max(speaker_actor), count(*) AS n FROM quotes"
             "  WHERE speaker_name IS NOT NULL OR speaker_actor IS NOT NULL"
             "  GROUP BY coalesce(speaker_name, speaker_actor) ORDER BY n DESC, 2");
    q_sql(b, lim);
    q_sql(b, ")");
}

typedef struct label_ctx {
    petrel_row_fn fn;
    void *user;
} label_ctx;

/* fills the label of root and quad rows with their names */
static int label_rows(void *user, const petrel_row *row)
{
    label_ctx *c = user;
    const char *values[4];
    petrel_value_type types[4];
    if (row->n != 4 || !row->values || !row->values[0])
        return c->fn(c->user, row);
    memcpy(values, row->values, sizeof values);
    memcpy(types, row->types, sizeof types);
    const char *label = NULL;
    if (!strcmp(row->values[0], "root"))
        label = store_root_name(row->values[1]);
    else if (!strcmp(row->values[0], "quad") && row->values[1])
        label = store_quad_name(atoi(row->values[1]));
    if (label) {
        values[2] = label;
        types[2] = PETREL_VALUE_TEXT;
    }
    petrel_row r = {4, row->names, values, types};
    return c->fn(c->user, &r);
}

int petrel_store_query(petrel_store *st, const char *what, const petrel_query_options *q,
                       petrel_row_fn fn, void *user, petrel_error *err)
{
    sqlite3 *db = store_sqlite_db(st);
    if (!db)
        return store_fail(err, PETREL_ERR_USAGE,
                          "queries read SQLite stores; for PostgreSQL use psql on the same "
                          "tables and views (docs/schema.md)");
    petrel_query_options none = {0};
    if (!q)
        q = &none;
    qbuild b = {.ok = true};
    if (!strcmp(what, "events"))
        q_events(&b, q);
    else if (!strcmp(what, "groups"))
        q_groups(&b, q);
    else if (!strcmp(what, "quotes"))
        q_quotes(&b, q, false);
    else if (!strcmp(what, "attributions"))
        q_quotes(&b, q, true);
    else if (!strcmp(what, "actors"))
        q_actors(&b, q);
    else if (!strcmp(what, "pairs"))
        q_pairs(&b, q);
    else if (!strcmp(what, "summary")) {
        q_summary(&b, q);
        label_ctx c = {fn, user};
        return run_query(db, &b, label_rows, &c, err);
    } else
        return store_fail(err, PETREL_ERR_USAGE,
                          "unknown query '%s' (events, groups, quotes, attributions, actors, pairs, summary)",
                          what);
    return run_query(db, &b, fn, user, err);
}

/* ------------------------------------------------------------ TSV export */

typedef struct tsv_ctx {
    FILE *out;
    petrel_buffer line;
    bool header_done;
    bool io_error;
} tsv_ctx;

/* PostgreSQL COPY text escapes: one record a line, whatever the text holds */
static bool tsv_value(petrel_buffer *b, const char *s)
{
    if (!s)
        return true; /* NULL is the empty field */
    for (const char *p = s; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\\': esc = "\\\\"; break;
        default: break;
        }
        if (esc ? !buf_puts(b, esc) : !buf_put(b, p, 1))
            return false;
    }
    return true;
}

static int tsv_row(void *user, const petrel_row *row)
{
    tsv_ctx *c = user;
    c->line.len = 0;
    bool ok = true;
    if (!c->header_done) {
        for (size_t i = 0; ok && i < row->n; i++)
            ok = (!i || buf_put(&c->line, "\t", 1)) && tsv_value(&c->line, row->names[i]);
        ok = ok && buf_put(&c->line, "\n", 1);
        c->header_done = true;
    }
    if (!row->values) {
        if (!ok)
            return PETREL_ERR_NOMEM;
        if (fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len) {
            c->io_error = true;
            return PETREL_ERR_IO;
        }
        return 0;
    }
    for (size_t i = 0; ok && i < row->n; i++)
        ok = (!i || buf_put(&c->line, "\t", 1)) && tsv_value(&c->line, row->values[i]);
    ok = ok && buf_put(&c->line, "\n", 1);
    if (!ok)
        return PETREL_ERR_NOMEM;
    if (fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len) {
        c->io_error = true;
        return PETREL_ERR_IO;
    }
    return 0;
}

int petrel_store_export_tsv(petrel_store *st, const petrel_query_options *q, FILE *out,
                            petrel_error *err)
{
    sqlite3 *db = store_sqlite_db(st);
    if (!db)
        return store_fail(err, PETREL_ERR_USAGE, "export reads SQLite stores");
    petrel_query_options none = {0};
    if (!q)
        q = &none;
    qbuild b = {.ok = true};
    q_sql(&b, "SELECT e.id AS event_id, e.day AS date, e.source_actor AS source,"
              " e.target_actor AS target, e.code, e.root, e.quad, e.goldstein, e.plover,"
              " e.source_name, e.target_name, e.negated, e.mode, d.doc_id, d.url,"
              " s.idx AS sentence_index, s.text AS sentence"
              " FROM events e JOIN documents d ON d.id = e.document"
              " LEFT JOIN sentences s ON s.id = e.sentence");
    event_filters(&b, q, "e.");
    q_eq(&b, "d.doc_id", q->doc);
    q_sql(&b, " ORDER BY e.day, d.doc_id, e.id");
    q_limit(&b, q->limit);
    tsv_ctx c = {.out = out};
    int rc = run_query(db, &b, tsv_row, &c, err);
    petrel_buffer_free(&c.line);
    if (c.io_error || rc == PETREL_ERR_IO)
        return store_fail(err, PETREL_ERR_IO, "cannot write the export");
    if (rc == PETREL_ERR_NOMEM)
        return store_fail(err, PETREL_ERR_NOMEM, "out of memory");
    return rc;
}
