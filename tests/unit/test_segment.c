/* Unit tests for the segmenter: tokens, sentences, paragraphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dict.h"
#include "doc.h"
#include "petrel.h"
#include "segment.h"

static petrel_engine *eng;
static petrel_worker *worker;
static lexicon lx; /* for tokenize() on its own */

static int setup(void **state)
{
    (void)state;
    petrel_error err = {0};
    eng = petrel_engine_new(&err);
    if (petrel_engine_load_dir(eng, PETREL_TEST_DICT, &err) ||
        petrel_engine_finish(eng, &err)) {
        fprintf(stderr, "dictionaries: %s\n", err.message);
        return -1;
    }
    worker = petrel_worker_new(eng, &err);
    lexicon_init(&lx);
    char path[1024];
    snprintf(path, sizeof path, "%s/abbreviations.txt", PETREL_TEST_DICT);
    if (lexicon_load_file(&lx, path, PETREL_DICT_PETREL, &err) || lexicon_finish(&lx, &err))
        return -1;
    return worker ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    petrel_worker_free(worker);
    petrel_engine_free(eng);
    lexicon_free(&lx);
    return 0;
}

static const petrel_result *code(const char *text)
{
    petrel_input in = {.id = "t", .text = text, .len = strlen(text)};
    const petrel_result *r = NULL;
    petrel_error err = {0};
    assert_int_equal(petrel_code(worker, &in, &r, &err), PETREL_OK);
    return r;
}

/* The text of sentence i, for readable failures. */
static void sentence_is(const char *text, const petrel_result *r, size_t i, const char *want)
{
    assert_true(i < r->n_sentences);
    /* offsets are code points: walk the UTF-8 to find the bytes */
    size_t b = 0, cp = 0, start = 0, end = strlen(text);
    for (; text[b]; b++) {
        if (((unsigned char)text[b] & 0xC0) == 0x80)
            continue;
        if (cp == r->sentences[i].start)
            start = b;
        if (cp == r->sentences[i].end) {
            end = b;
            break;
        }
        cp++;
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(end - start), text + start);
    assert_string_equal(buf, want);
}

typedef struct toks {
    arena a;
    tok_vec v;
} toks;

static void tokens_of(toks *t, const char *text)
{
    arena_init(&t->a, 4096);
    memset(&t->v, 0, sizeof t->v);
    assert_int_equal(tokenize(&lx, &t->a, text, 0, (uint32_t)strlen(text), &t->v), 0);
}

static void tok_text_is(const char *text, const toks *t, uint32_t i, const char *want)
{
    assert_true(i < t->v.len);
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)(t->v.items[i].end - t->v.items[i].start),
             text + t->v.items[i].start);
    assert_string_equal(buf, want);
}

static void test_abbreviations(void **state)
{
    (void)state;
    const char *t = "Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5. They talked for an "
                    "hour at 10 a.m. before St. Peter's church closed.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
    sentence_is(t, r, 1, "They talked for an hour at 10 a.m. before St. Peter's church closed.");
}

static void test_abbreviation_ends_sentence(void **state)
{
    (void)state;
    const char *t = "The aid came from the U.S. The money arrived on Monday.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
    sentence_is(t, r, 0, "The aid came from the U.S.");
}

static void test_initials_and_numbers(void **state)
{
    (void)state;
    const char *t = "John F. Kennedy said prices rose 3.5 percent, to 2,000 dollars, in 1962.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 1);
    toks k;
    tokens_of(&k, t);
    tok_text_is(t, &k, 1, "F.");
    tok_text_is(t, &k, 6, "3.5");
    tok_text_is(t, &k, 10, "2,000");
    arena_free(&k.a);
}

static void test_ellipsis_inside_quote(void **state)
{
    (void)state;
    const char *t = "\"During the war in Ukraine... we are against arming both sides,\" the "
                    "minister said. \"If... it becomes clear, we will act.\"";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
    sentence_is(t, r, 1, "\"If... it becomes clear, we will act.\"");
}

static void test_sentence_ends_inside_closing_quote(void **state)
{
    (void)state;
    const char *t = "She called the plan \u201cdead.\u201d Talks resumed later.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
    sentence_is(t, r, 0, "She called the plan \u201cdead.\u201d");
}

static void test_quote_spanning_sentences(void **state)
{
    (void)state;
    const char *t = "\"We will win. We will never give up,\" she said. The crowd cheered.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 3);
    sentence_is(t, r, 1, "We will never give up,\" she said.");
}

static void test_exclamation_before_speaker(void **state)
{
    (void)state;
    const char *t = "\"Stop the shelling!\" Kovac shouted at the envoys. They left.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
}

static void test_lowercase_after_stop_is_not_a_boundary(void **state)
{
    (void)state;
    const char *t = "The firm, known as Acme Ltd. in London, said approx. ten people left.";
    assert_int_equal(code(t)->n_sentences, 1);
}

static void test_possessive_and_contractions(void **state)
{
    (void)state;
    const char *t = "Iran\u2019s envoy said they've not seen allies' plans and didn't care.";
    toks k;
    tokens_of(&k, t);
    tok_text_is(t, &k, 0, "Iran");
    tok_text_is(t, &k, 1, "\u2019s");
    assert_true(k.v.items[1].flags & TF_POSSESSIVE);
    assert_int_equal(k.v.items[1].key_len, 2);
    assert_memory_equal(k.v.items[1].key, "'s", 2);
    tok_text_is(t, &k, 4, "they");
    tok_text_is(t, &k, 5, "'ve");
    tok_text_is(t, &k, 8, "allies");
    assert_true(k.v.items[9].flags & TF_POSSESSIVE);
    tok_text_is(t, &k, 12, "didn't");
    arena_free(&k.a);
}

/* Marks that show nothing (direction embeddings pasted with a handle, the
 * word joiner) part words like a space and make no token of their own. */
static void test_invisible_marks(void **state)
{
    (void)state;
    const char *t = "invited \u202a@realDonaldTrump\u202c and\u200ethe mayor\u2066";
    toks k;
    tokens_of(&k, t);
    assert_int_equal(k.v.len, 6);
    tok_text_is(t, &k, 0, "invited");
    tok_text_is(t, &k, 1, "@"); /* a handle's sign, then its name */
    tok_text_is(t, &k, 2, "realDonaldTrump");
    tok_text_is(t, &k, 3, "and");
    tok_text_is(t, &k, 4, "the");
    tok_text_is(t, &k, 5, "mayor");
    arena_free(&k.a);
}

static void test_quote_directions(void **state)
{
    (void)state;
    const char *t = "\u201cHe said \u2018no\u2019 to us,\u201d she said, \"twice.\"";
    toks k;
    tokens_of(&k, t);
    assert_true(k.v.items[0].quote & QC_OPEN);
    assert_true(k.v.items[0].quote & QC_DOUBLE);
    assert_true(k.v.items[3].quote & QC_OPEN);
    assert_true(k.v.items[3].quote & QC_SINGLE);
    assert_true(k.v.items[5].quote & QC_CLOSE);
    assert_true(k.v.items[9].quote & QC_CLOSE);
    assert_true(k.v.items[13].quote & QC_OPEN);
    assert_true(k.v.items[16].quote & QC_CLOSE);
    arena_free(&k.a);
}

static void test_keys_fold_case_and_accents(void **state)
{
    (void)state;
    const char *t = "C\u00d4TE d\u2019Ivoire ZELENSKYY";
    toks k;
    tokens_of(&k, t);
    assert_int_equal(k.v.items[0].key_len, 4);
    assert_memory_equal(k.v.items[0].key, "cote", 4);
    assert_memory_equal(k.v.items[1].key, "d'ivoire", 8);
    assert_true(k.v.items[2].flags & TF_ALLCAPS);
    arena_free(&k.a);
}

static void test_paragraphs(void **state)
{
    (void)state;
    /* blank lines and single newlines after a full stop separate paragraphs;
     * a long line that stops mid-sentence is hard-wrapped and joins the next */
    const char *t = "First paragraph ends here.\nSecond paragraph is a line of its own.\n\n"
                    "Third paragraph is wrapped by the sender because the line is long\n"
                    "and goes on here.\r\n\r\nFourth.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 4);
    assert_int_equal(r->sentences[0].paragraph, 0);
    assert_int_equal(r->sentences[1].paragraph, 1);
    assert_int_equal(r->sentences[2].paragraph, 2);
    assert_int_equal(r->sentences[3].paragraph, 3);
    sentence_is(t, r, 2,
                "Third paragraph is wrapped by the sender because the line is long\n"
                "and goes on here.");
}

static void test_offsets_are_code_points(void **state)
{
    (void)state;
    const char *t = "\u00c9lys\u00e9e said \u201cyes.\u201d Kyiv agreed.";
    const petrel_result *r = code(t);
    assert_int_equal(r->n_sentences, 2);
    /* "Élysée said “yes.”" is 18 code points */
    assert_int_equal(r->sentences[0].start, 0);
    assert_int_equal(r->sentences[0].end, 18);
    assert_int_equal(r->sentences[1].start, 19);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    assert_int_equal(code("")->n_sentences, 0);
    assert_int_equal(code(" \n\n\t \r\n")->n_sentences, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_abbreviation_ends_sentence),
        cmocka_unit_test(test_initials_and_numbers),
        cmocka_unit_test(test_ellipsis_inside_quote),
        cmocka_unit_test(test_sentence_ends_inside_closing_quote),
        cmocka_unit_test(test_quote_spanning_sentences),
        cmocka_unit_test(test_exclamation_before_speaker),
        cmocka_unit_test(test_lowercase_after_stop_is_not_a_boundary),
        cmocka_unit_test(test_possessive_and_contractions),
        cmocka_unit_test(test_invisible_marks),
        cmocka_unit_test(test_quote_directions),
        cmocka_unit_test(test_keys_fold_case_and_accents),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_offsets_are_code_points),
        cmocka_unit_test(test_empty_and_blank),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
