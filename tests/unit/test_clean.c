/* Unit tests for the boilerplate cleaner, on appeals and prompts of our own
 * writing in several publishers' styles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "petrel.h"

static petrel_engine *eng;
static petrel_worker *worker;

static int setup(void **state)
{
    (void)state;
    petrel_error err = {0};
    eng = petrel_engine_new(&err);
    if (petrel_engine_load_dir(eng, PETREL_TEST_DICT, &err) ||
        petrel_engine_finish(eng, &err))
        return -1;
    worker = petrel_worker_new(eng, &err);
    return worker ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    petrel_worker_free(worker);
    petrel_engine_free(eng);
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

/* Offsets of the first occurrence of s in text (ASCII texts: bytes = code points). */
static uint32_t at(const char *text, const char *s)
{
    const char *p = strstr(text, s);
    assert_non_null(p);
    return (uint32_t)(p - text);
}

static const char story[] =
    "The foreign ministers of Kenya and Ethiopia met in Nairobi on Tuesday to discuss the "
    "dispute over grazing land along their shared border.\n\n"
    "\"We agreed that our herders must not pay for the quarrels of politicians,\" the Kenyan "
    "minister told reporters after the meeting.\n\n"
    "Ethiopia's delegation said a joint commission would report within three months.\n\n";

static void test_donation_appeal_at_end(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, "%s%s", story,
             "Before you go\n\n"
             "Our newsroom is funded by readers, not by billionaires or advertisers. If you "
             "value reporting like this, please consider a gift of $5 or more. Every "
             "contribution keeps our journalism free for everyone to read.\n\n"
             "Support us today\n");
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 1);
    assert_int_equal(r->dropped[0].start, at(text, "Before you go"));
    assert_int_equal(r->dropped[0].end, at(text, "Support us today") + 16);
    assert_string_equal(r->dropped[0].reason, "appeal");
    assert_int_equal(r->n_sentences, 3);
}

static void test_message_header_and_salutation(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, "%s%s", story,
             "A note from our editor-in-chief:\n"
             "Dear friends,\n"
             "For ten years we have reported from places others leave. We do it without a "
             "paywall because we believe everyone deserves the facts.\n"
             "This only works with your help. Become a member from 3 euros a month.\n"
             "Maybe later\n");
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 1);
    assert_int_equal(r->dropped[0].start, at(text, "A note from"));
    assert_int_equal(r->dropped[0].end, (uint32_t)strlen(text) - 1);
    assert_int_equal(r->n_sentences, 3);
}

static void test_newsletter_and_share_prompts(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, "%s%s%s",
             "Accept all cookies\n\n", story,
             "Sign up for our morning briefing, delivered to your inbox every weekday.\n\n"
             "Share this article\n");
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 2);
    assert_string_equal(r->dropped[0].reason, "cookie");
    assert_int_equal(r->dropped[1].start, at(text, "Sign up"));
    assert_int_equal(r->n_sentences, 3);
}

static void test_photo_credit_in_the_middle(void **state)
{
    (void)state;
    const char *text = "Troops crossed the river at dawn, officials said.\n\n"
                       "Photo: A soldier near the bridge. (Getty Images)\n\n"
                       "The army said the crossing was unopposed.";
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 1);
    assert_string_equal(r->dropped[0].reason, "credit");
    assert_int_equal(r->n_sentences, 2);
}

static void test_first_person_quotes_are_story(void **state)
{
    (void)state;
    /* "we", "you" and "support" inside quotation marks are the speaker's words */
    const char *text =
        "The opposition leader addressed supporters in the capital on Sunday.\n\n"
        "\"We need your support, every one of you, no matter how small your gift of time,\" "
        "she said. \"Join us and we will win.\"\n\n"
        "Police estimated the crowd at 20,000.";
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 0);
    assert_int_equal(r->n_sentences, 4);
}

static void test_story_ending_without_appeal(void **state)
{
    (void)state;
    const char *text = "The president announced the reshuffle in a televised address.\n\n"
                       "He later posted the list of new ministers on Twitter and on Facebook.";
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 0);
}

static void test_only_boilerplate(void **state)
{
    (void)state;
    const char *text = "Dear reader,\n"
                       "Independent journalism costs money. Please support us with a donation "
                       "of any size.\n"
                       "Donate now\n";
    const petrel_result *r = code(text);
    assert_int_equal(r->n_dropped, 1);
    assert_int_equal(r->dropped[0].start, 0);
    assert_int_equal(r->n_sentences, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_donation_appeal_at_end),
        cmocka_unit_test(test_message_header_and_salutation),
        cmocka_unit_test(test_newsletter_and_share_prompts),
        cmocka_unit_test(test_photo_credit_in_the_middle),
        cmocka_unit_test(test_first_person_quotes_are_story),
        cmocka_unit_test(test_story_ending_without_appeal),
        cmocka_unit_test(test_only_boilerplate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
