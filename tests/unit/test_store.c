/* Unit tests for the store: SHA-256, result clones, what the SQLite writer
 * puts in each table, skip / replace, the event_groups view and the queries,
 * on results built by hand (fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "petrel.h"
#include "unit/fixture.h"

static fixture fx;
static char dbpath[256];

static int setup_db(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/petrel-test-store-%d.db", (int)getpid());
    unlink(dbpath);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", dbpath);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", dbpath);
    unlink(side);
    return 0;
}

static int teardown_db(void **state)
{
    setup_db(state);
    unlink(dbpath);
    return 0;
}

static petrel_store *open_store(unsigned flags)
{
    petrel_error err = {0};
    petrel_store *st = petrel_store_open(dbpath, flags, &err);
    if (!st)
        fail_msg("open: %s", err.message);
    return st;
}

static void put(petrel_store *st, const petrel_result *r, petrel_store_outcome want)
{
    petrel_error err = {0};
    petrel_store_outcome got;
    int rc = petrel_store_put(st, r, &got, &err);
    if (rc)
        fail_msg("put: %s", err.message);
    assert_int_equal(got, want);
}

/* One integer from SQL run on the database file directly. */
static long long sql_int(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static char *sql_text(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    char *v = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void assert_sql_text(const char *sql, const char *want)
{
    char *got = sql_text(sql);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_sha256(void **state)
{
    (void)state;
    char h[65];
    petrel_text_sha256("", 0, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    petrel_text_sha256("abc", 3, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    petrel_text_sha256(two, strlen(two), h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* a million a's crosses many blocks and the padding edge */
    char *m = malloc(1000000);
    memset(m, 'a', 1000000);
    petrel_text_sha256(m, 1000000, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(m);
}

static void test_clone_is_independent(void **state)
{
    (void)state;
    static fixture f2;
    const petrel_result *r = fx_hostile_doc(&f2);
    petrel_result *c = petrel_result_clone(r);
    assert_non_null(c);
    petrel_buffer a = {0}, b = {0};
    unsigned flags = PETREL_OUT_SENTENCES | PETREL_OUT_MENTIONS | PETREL_OUT_TEXT;
    assert_int_equal(petrel_format_jsonl(r, flags, &a), PETREL_OK);
    /* wipe the original: the clone must not point into it */
    memset(&f2, 0x55, sizeof f2);
    assert_int_equal(petrel_format_jsonl(c, flags, &b), PETREL_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    /* spans point into the clone's own text */
    assert_true(c->events[0].verb.text >= c->text &&
                c->events[0].verb.text < c->text + c->text_len);
    petrel_result_free(c);
    petrel_buffer_free(&a);
    petrel_buffer_free(&b);
}

static void test_rows_written(void **state)
{
    (void)state;
    petrel_store *st = open_store(PETREL_STORE_TEXT);
    const petrel_result *r = fx_hostile_doc(&fx);
    put(st, r, PETREL_STORED_NEW);
    assert_int_equal(petrel_store_close(st, NULL), PETREL_OK);

    assert_int_equal(sql_int("SELECT count(*) FROM documents"), 1);
    assert_int_equal(sql_int("SELECT n_sentences FROM documents"), (long long)r->n_sentences);
    assert_int_equal(sql_int("SELECT count(*) FROM sentences"), (long long)r->n_sentences);
    assert_int_equal(sql_int("SELECT count(*) FROM mentions"), (long long)r->n_mentions);
    assert_int_equal(sql_int("SELECT count(*) FROM quotes"), 1);
    assert_int_equal(sql_int("SELECT count(*) FROM events"), 1);
    assert_int_equal(sql_int("SELECT chars FROM documents"), fx.cps);
    assert_sql_text("SELECT doc_id FROM documents", "evil<script>alert('id')</script>");
    /* the text is kept with PETREL_STORE_TEXT and hashes to the stored hash */
    char h[65];
    petrel_text_sha256(fx.text, fx.len, h);
    assert_sql_text("SELECT sha256 FROM documents", h);
    assert_sql_text("SELECT text FROM documents", fx.text);
    /* sentence text is cut by code points: the first sentence has é, an emoji, CJK */
    assert_sql_text("SELECT text FROM sentences WHERE idx = 0",
                    "Caf\u00e9 \U0001F600 \u4e2d\u6587 <b>bold</b> &amp; tab\there.");
    assert_sql_text("SELECT text FROM sentences WHERE idx = 1",
                    "<img src=x onerror=alert('src')> imposed sanctions on "
                    "Iran\U0001F600</script> <script>alert('sentence')</script>.");
    /* events point at their sentence; substr by code points gives the verb back */
    assert_int_equal(sql_int("SELECT s.idx FROM events e JOIN sentences s ON s.id = e.sentence"),
                     1);
    assert_sql_text("SELECT substr(s.text, e.verb_start - s.char_start + 1,"
                    " e.verb_end - e.verb_start) FROM events e JOIN sentences s"
                    " ON s.id = e.sentence",
                    "imposed sanctions on");
    assert_sql_text("SELECT target_text FROM events", "Iran\U0001F600</script>");
    /* the event has no date of its own: its day is the document's */
    assert_sql_text("SELECT day FROM events", "2024-03-05");
    assert_sql_text("SELECT date FROM events", NULL);
    assert_sql_text("SELECT mode FROM events", "asserted");
    assert_sql_text("SELECT content FROM quotes", "<script>alert('quote')</script>\nsecond line");
    assert_sql_text("SELECT speaker_name FROM quotes", "<i>Mallory</i>");
    assert_int_equal(sql_int("SELECT s.idx FROM quotes q JOIN sentences s ON s.id = q.sentence"),
                     2);
    assert_int_equal(sql_int("PRAGMA foreign_key_check"), -1); /* no rows: no violations */
}

static void test_skip_and_replace(void **state)
{
    (void)state;
    petrel_store *st = open_store(0);
    for (unsigned i = 0; i < 5; i++)
        put(st, fx_corpus_doc(&fx, i), PETREL_STORED_NEW);
    long long events = sql_int("SELECT count(*) FROM events");
    long long max_id = sql_int("SELECT max(id) FROM sentences");
    /* same id, same text: skipped, nothing written */
    put(st, fx_corpus_doc(&fx, 2), PETREL_STORED_UNCHANGED);
    assert_int_equal(sql_int("SELECT max(id) FROM sentences"), max_id);
    assert_int_equal(sql_int("SELECT count(*) FROM events"), events);
    petrel_error err = {0};
    const petrel_result *r = fx_corpus_doc(&fx, 2);
    assert_int_equal(petrel_store_has(st, r->id, r->text, r->text_len, &err), 1);
    assert_int_equal(petrel_store_has(st, r->id, "other", 5, &err), 0);
    assert_int_equal(petrel_store_has(st, "no-such-id", r->text, r->text_len, &err), 0);

    /* same id, other text: the old rows go, the new ones come */
    fx_corpus_doc(&fx, 2);
    long long doc_row = sql_int("SELECT id FROM documents WHERE doc_id = 'fx-0002'");
    fx_add(&fx, " One more sentence.");
    fx.n_events = 0; /* and no events any more */
    fx_plain_sentence(&fx, 3, "");
    put(st, fx_finish(&fx), PETREL_STORED_REPLACED);
    assert_int_equal(sql_int("SELECT count(*) FROM documents"), 5);
    assert_int_equal(sql_int("SELECT id FROM documents WHERE doc_id = 'fx-0002'"), doc_row);
    assert_int_equal(sql_int("SELECT count(*) FROM events e JOIN documents d ON d.id = e.document"
                             " WHERE d.doc_id = 'fx-0002'"),
                     0);
    assert_int_equal(sql_int("SELECT count(*) FROM sentences s JOIN documents d"
                             " ON d.id = s.document WHERE d.doc_id = 'fx-0002'"),
                     (long long)fx.n_sentences);
    assert_int_equal(sql_int("SELECT n_events FROM documents WHERE doc_id = 'fx-0002'"), 0);
    assert_int_equal(petrel_store_close(st, NULL), PETREL_OK);

    /* recode replaces even an unchanged document */
    st = open_store(PETREL_STORE_RECODE);
    put(st, fx_corpus_doc(&fx, 1), PETREL_STORED_REPLACED);
    assert_int_equal(petrel_store_close(st, NULL), PETREL_OK);
    assert_int_equal(sql_int("SELECT count(*) FROM documents"), 5);
}

static void test_event_groups(void **state)
{
    (void)state;
    petrel_store *st = open_store(0);
    /* three stories of one event on one day, one of them twice; a negated
     * report of it does not count */
    fx_actor usa = {"USA", "The United States"}, irn = {"IRN", "Iran"};
    const char *ids[] = {"b-story", "a-story", "c-story", "d-negated"};
    for (int i = 0; i < 4; i++) {
        memset(&fx, 0, sizeof fx);
        snprintf(fx.id, sizeof fx.id, "%s", ids[i]);
        snprintf(fx.date, sizeof fx.date, "2024-06-0%d", i == 2 ? 2 : 1);
        fx_event_sentence(&fx, 0, usa, fx_verbs[0], irn, ".");
        if (i == 2) /* its own date says the 1st */
            snprintf(fx.events[0].date, sizeof fx.events[0].date, "2024-06-01");
        if (i == 0) {
            fx_add(&fx, " ");
            fx_event_sentence(&fx, 0, usa, fx_verbs[0], irn, " again.");
        }
        if (i == 3)
            fx.events[0].negated = true;
        put(st, fx_finish(&fx), PETREL_STORED_NEW);
    }
    assert_int_equal(petrel_store_close(st, NULL), PETREL_OK);
    assert_int_equal(sql_int("SELECT count(*) FROM event_groups"), 1);
    assert_int_equal(sql_int("SELECT reports FROM event_groups"), 3);
    assert_int_equal(sql_int("SELECT events FROM event_groups"), 4);
    assert_sql_text("SELECT day FROM event_groups", "2024-06-01");
    char *docs = sql_text("SELECT documents FROM event_groups");
    assert_non_null(docs);
    assert_non_null(strstr(docs, "\"a-story\""));
    assert_non_null(strstr(docs, "\"b-story\""));
    assert_non_null(strstr(docs, "\"c-story\""));
    assert_null(strstr(docs, "d-negated"));
    free(docs);
}

typedef struct rows {
    int n;
    char first[8][128]; /* first row's values */
    char names[8][32];
} rows;

static int collect(void *user, const petrel_row *row)
{
    rows *r = user;
    if (!row->values)
        return 0;
    if (r->n++ == 0)
        for (size_t i = 0; i < row->n && i < 8; i++) {
            snprintf(r->first[i], sizeof r->first[i], "%s", row->values[i] ? row->values[i] : "");
            snprintf(r->names[i], sizeof r->names[i], "%s", row->names[i]);
        }
    return 0;
}

static int count_query(petrel_store *st, const char *what, const petrel_query_options *q)
{
    rows r = {0};
    petrel_error err = {0};
    if (petrel_store_query(st, what, q, collect, &r, &err))
        fail_msg("%s: %s", what, err.message);
    return r.n;
}

static void test_queries(void **state)
{
    (void)state;
    petrel_store *st = open_store(0);
    for (unsigned i = 0; i < 40; i++)
        put(st, fx_corpus_doc(&fx, i), PETREL_STORED_NEW);
    assert_int_equal(petrel_store_close(st, NULL), PETREL_OK);
    st = open_store(PETREL_STORE_READONLY);
    long long all = sql_int("SELECT count(*) FROM events");
    assert_int_equal(count_query(st, "events", NULL), all);
    petrel_query_options q = {.source = "USA"};
    /* a prefix: USA and USAGOV */
    assert_int_equal(count_query(st, "events", &q),
                     sql_int("SELECT count(*) FROM events WHERE source_actor LIKE 'USA%'"));
    assert_true(sql_int("SELECT count(*) FROM events WHERE source_actor = 'USAGOV'") > 0);
    q = (petrel_query_options){.code = "1"};
    assert_int_equal(count_query(st, "events", &q),
                     sql_int("SELECT count(*) FROM events WHERE code LIKE '1%'"));
    q = (petrel_query_options){.root = "16", .from = "2024-03-01", .to = "2024-12-31"};
    assert_int_equal(count_query(st, "events", &q),
                     sql_int("SELECT count(*) FROM events WHERE root = '16'"
                             " AND day BETWEEN '2024-03-01' AND '2024-12-31'"));
    q = (petrel_query_options){.negated_only = true};
    assert_int_equal(count_query(st, "events", &q),
                     sql_int("SELECT count(*) FROM events WHERE negated"));
    q = (petrel_query_options){.claimed_only = true, .limit = 2};
    assert_true(count_query(st, "events", &q) <= 2);
    q = (petrel_query_options){.speaker = "wang"};
    assert_int_equal(count_query(st, "quotes", &q),
                     sql_int("SELECT count(*) FROM quotes WHERE speaker_name = 'Wang Yi'"));
    q = (petrel_query_options){.speaker = "CHN"};
    assert_int_equal(count_query(st, "quotes", &q),
                     sql_int("SELECT count(*) FROM quotes WHERE speaker_actor = 'CHNGOV'"));
    assert_int_equal(count_query(st, "pairs", NULL),
                     sql_int("SELECT count(*) FROM (SELECT DISTINCT substr(day, 1, 7),"
                             " source_actor, target_actor FROM events WHERE NOT negated)"));
    assert_int_equal(count_query(st, "groups", NULL), sql_int("SELECT count(*) FROM event_groups"));
    assert_true(count_query(st, "actors", NULL) > 3);
    rows r = {0};
    petrel_error err = {0};
    assert_int_equal(petrel_store_query(st, "summary", NULL, collect, &r, &err), PETREL_OK);
    assert_string_equal(r.names[0], "section");
    assert_string_equal(r.first[1], "documents");
    assert_string_equal(r.first[3], "40");
    assert_int_equal(petrel_store_query(st, "nonsense", NULL, collect, &r, &err),
                     PETREL_ERR_USAGE);
    /* the read-only store refuses writes */
    assert_int_equal(petrel_store_put(st, fx_corpus_doc(&fx, 99), NULL, &err), PETREL_ERR_USAGE);
    petrel_store_close(st, NULL);
}

static void test_bad_database(void **state)
{
    (void)state;
    FILE *f = fopen(dbpath, "w");
    fputs("this is not a database, just text of some length to look like a file\n", f);
    fclose(f);
    petrel_error err = {0};
    assert_null(petrel_store_open(dbpath, 0, &err));
    assert_int_equal(err.code, PETREL_ERR_STORE);
    assert_null(petrel_store_open("/nonexistent-dir/x.db", 0, &err));
    assert_true(err.message[0] != '\0');
    assert_null(petrel_store_open("", 0, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_clone_is_independent),
        cmocka_unit_test_setup_teardown(test_rows_written, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_skip_and_replace, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_event_groups, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_queries, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_bad_database, setup_db, teardown_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
