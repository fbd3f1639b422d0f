/* Unit tests for our dictionary format: loading, problems named by file and
 * line, and what the entries do to coding (dates, capitals, agents). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "petrel.h"

static char dir[256];

static const char *write_file(const char *name, const char *body)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/petrel-test-dict-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

typedef struct problems {
    int errors, warnings;
    char last[1024];
} problems;

static void on_problem(void *user, const petrel_error *e, bool warning)
{
    problems *p = user;
    if (warning)
        p->warnings++;
    else
        p->errors++;
    petrel_error_format(e, p->last, sizeof p->last);
}

static const char actors[] = "%petrel actors\n"
                             "# a comment\n"
                             "KEN        Kenya | Republic of Kenya        ; type=country\n"
                             "KEN        Kenyan | Kenyans                 ; type=demonym\n"
                             "KENGOV     Nairobi                          ; type=capital\n"
                             "USA        United States | US | U.S.        ; type=country\n"
                             "RUSGOV     the Kremlin                      ; type=metonym\n"
                             "KENGOV@2020-01-01..2022-12-31  Amina Wafula | Wafula ; type=person ; gender=f ; title=foreign minister\n"
                             "KENOPP@2023-01-01..            Amina Wafula | Wafula ; type=person ; gender=f\n";
static const char agents[] = "%petrel agents\n"
                             "GOV   foreign minister ; person=yes\n"
                             "MIL   army | troops | military\n";

static petrel_engine *load(problems *p, const char *const *bodies, const char *const *names, int n)
{
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    petrel_engine_set_problem_handler(eng, on_problem, p);
    for (int i = 0; i < n; i++)
        petrel_engine_load_file(eng, write_file(names[i], bodies[i]), PETREL_DICT_AUTO, &err);
    petrel_engine_finish(eng, &err);
    return eng;
}

static char *code_jsonl(petrel_engine *eng, const char *text, const char *date)
{
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(eng, &err);
    assert_non_null(w);
    petrel_input in = {.id = "t", .text = text, .len = strlen(text), .date = date};
    const petrel_result *r;
    assert_int_equal(petrel_code(w, &in, &r, &err), PETREL_OK);
    petrel_buffer b = {0};
    assert_int_equal(petrel_format_jsonl(r, PETREL_OUT_MENTIONS, &b), PETREL_OK);
    petrel_worker_free(w);
    return b.data;
}

static void test_counts(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {actors, agents};
    const char *names[] = {"actors.txt", "agents.txt"};
    petrel_engine *eng = load(&p, bodies, names, 2);
    assert_int_equal(p.errors, 0);
    petrel_dict_stats st;
    petrel_engine_stats(eng, &st);
    assert_int_equal(st.actors, 7);
    assert_int_equal(st.actor_names, 13);
    assert_int_equal(st.agents, 2);
    petrel_engine_free(eng);
}

static void test_problems_name_file_and_line(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {"%petrel actors\n"
                            "KEN Kenya\n"
                            "ken Kenya\n"                        /* line 3: lower-case code */
                            "KENGOV@2020-02-30..2021-01-01 Nairobi\n" /* line 4: no such day? parse_ymd allows 30 */
                            "KENGOV@2021..2022 Nairobi\n"        /* line 5: bad date */
                            "KEN Kenya ; colour=red\n"           /* line 6: unknown attribute */
                            "KEN | \n"};                         /* line 7: empty name */
    const char *names[] = {"bad.txt"};
    petrel_engine *eng = load(&p, bodies, names, 1);
    assert_true(p.errors >= 4);
    assert_non_null(strstr(p.last, "bad.txt:7:"));
    petrel_engine_free(eng);

    problems q = {0};
    const char *b2[] = {"This file explains the format.\nIt is prose, not a dictionary.\n"};
    const char *n2[] = {"noheader.txt"};
    eng = load(&q, b2, n2, 1);
    assert_int_equal(q.errors, 1);
    assert_non_null(strstr(q.last, "cannot tell the dictionary format"));
    petrel_engine_free(eng);

    problems r = {0};
    const char *b3[] = {"%petrel verbs\n112 $ <accuse> +\n111 $ criticise +\n"};
    const char *n3[] = {"verbs.txt"};
    eng = load(&r, b3, n3, 1);
    assert_int_equal(r.errors, 1);
    assert_non_null(strstr(r.last, "verbs.txt:3: pattern has no <verb>"));
    petrel_engine_free(eng);

    /* "---" is no event; people=, office= and unarmed= must be an event code or --- */
    problems v = {0};
    const char *b4[] = {"%petrel verbs\n--- $ <come> to ..\n190 $ <attack> + ; people=111\n"
                        "190 $ <hit> + ; people=abc\n042:043 $ <go> to + ; abroad=yes\n"
                        "141 $ <hold> .. rally ; office=---\n141 $ <stage> .. rally ; office=x1\n"
                        "190 $ <cross> into + ; unarmed=---\n190 $ <fight> + ; unarmed=111\n"
                        "190 $ <battle> + ; unarmed=9x\n170 $ <force> + to ; people=---\n"};
    const char *n4[] = {"verbs.txt"};
    eng = load(&v, b4, n4, 1);
    assert_int_equal(v.errors, 3);
    assert_non_null(strstr(v.last, "verbs.txt:10: unarmed=9x must be an event code"));
    assert_int_equal(v.warnings, 0);
    petrel_engine_free(eng);

    /* a $ after the verb turns the roles around, and needs the + before it */
    problems rv = {0};
    const char *b6[] = {"%petrel verbs\n051 + <win> .. endorsement of $\n"
                        "051 <earn> + .. backing of $\n051:052 + <get> .. support of $\n"};
    const char *n6[] = {"verbs.txt"};
    eng = load(&rv, b6, n6, 1);
    assert_int_equal(rv.errors, 2);
    assert_non_null(strstr(rv.last, "verbs.txt:4: a $ after the verb needs the + before it"));
    petrel_engine_free(eng);

    /* present= has one value */
    problems st = {0};
    const char *b5[] = {"%petrel verbs\n051 $ <support> + ; present=state\n"
                        "110 $ <oppose> + ; present=past\n"};
    eng = load(&st, b5, n4, 1);
    assert_int_equal(st.errors, 1);
    assert_non_null(strstr(st.last, "verbs.txt:3: present=past: the only value is present=state"));
    petrel_engine_free(eng);
}

/* country=no takes a role, and only so many: the loader says where it is not */
static void test_borderless_roles(void **state)
{
    (void)state;
    problems p = {0};
    char body[2048] = "%petrel agents\n--- believers ; country=no\n"; /* line 2: no role */
    for (int i = 0; i < 17; i++) { /* lines 3..19: the 17th role is one too many */
        char line[64];
        snprintf(line, sizeof line, "R%c%c word%d ; country=no\n", 'A' + i / 26, 'A' + i % 26, i);
        strcat(body, line);
    }
    strcat(body, "MUS Muslims ; country=maybe\n"); /* line 20 */
    const char *bodies[] = {body};
    const char *names[] = {"agents.txt"};
    petrel_engine *eng = load(&p, bodies, names, 1);
    assert_int_equal(p.errors, 3);
    assert_non_null(strstr(p.last, "agents.txt:20: unknown attribute 'country=maybe'"));
    petrel_engine_free(eng);

    problems q = {0};
    const char *b2[] = {"%petrel agents\n--- believers ; country=no\n"};
    eng = load(&q, b2, names, 1);
    assert_int_equal(q.errors, 1);
    assert_non_null(strstr(q.last, "agents.txt:2: country=no needs a role (not ---)"));
    petrel_engine_free(eng);
}

/* Cue kinds and attributes are checked where they are written. */
static void test_cue_problems(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {"%petrel cues\n"
                            "intention  wants | plans ; to=yes\n"
                            "stance  praised ; np=yes\n"
                            "opinion  reckons ; that=yes\n" /* line 4: unknown kind */
                            "evidence  shows ; colour=red\n"}; /* line 5: unknown attribute */
    const char *names[] = {"cues.txt"};
    petrel_engine *eng = load(&p, bodies, names, 1);
    assert_int_equal(p.errors, 2);
    assert_non_null(strstr(p.last, "cues.txt:5: unknown attribute 'colour=red'"));
    petrel_engine_free(eng);
}

static void test_dates_pick_the_role(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {actors, agents};
    const char *names[] = {"actors.txt", "agents.txt"};
    petrel_engine *eng = load(&p, bodies, names, 2);
    char *out = code_jsonl(eng, "Wafula spoke in Nairobi.", "2021-06-01");
    assert_non_null(strstr(out, "\"actor\":\"KENGOV\",\"name\":\"Amina Wafula\""));
    free(out);
    out = code_jsonl(eng, "Wafula spoke in Nairobi.", "2024-06-01");
    assert_non_null(strstr(out, "\"actor\":\"KENOPP\",\"name\":\"Amina Wafula\""));
    free(out);
    petrel_engine_free(eng);
}

static void test_capitals_and_articles(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {actors, agents};
    const char *names[] = {"actors.txt", "agents.txt"};
    petrel_engine *eng = load(&p, bodies, names, 2);
    /* "US" is the country, "us" is not; "Kremlin" matches "the Kremlin" */
    char *out = code_jsonl(eng, "The US told us that Kremlin officials met Kenyan troops.", NULL);
    assert_non_null(strstr(out, "\"text\":\"US\",\"actor\":\"USA\""));
    assert_null(strstr(out, "\"text\":\"us\""));
    assert_non_null(strstr(out, "\"text\":\"Kremlin\",\"actor\":\"RUSGOV\""));
    /* an agent gives its role to the country in its phrase */
    assert_non_null(strstr(out, "\"text\":\"Kenyan troops\",\"actor\":\"KENMIL\",\"name\":\"Kenya\""));
    free(out);
    petrel_engine_free(eng);
}

/* A line with article=USA holds only in articles about the United States
 * ("Georgia" the state), and is checked where it is written. */
static void test_article_country_lines(void **state)
{
    (void)state;
    problems p = {0};
    const char *bodies[] = {"%petrel actors\n"
                            "GEO  Georgia              ; type=country\n"
                            "GEOGOV  Tbilisi           ; type=capital\n"
                            "USA  Georgia              ; type=place ; article=USA\n"
                            "USA  United States        ; type=country\n"
                            "USA  Virginia | Alabama   ; type=place\n"
                            "USA  Georgia              ; type=place ; article=usa\n", /* line 7 */
                            agents};
    const char *names[] = {"actors.txt", "agents.txt"};
    petrel_engine *eng = load(&p, bodies, names, 2);
    assert_int_equal(p.errors, 1);
    assert_non_null(strstr(p.last, "actors.txt:7: article must be a three-letter country code"));
    assert_int_equal(p.warnings, 0);
    char *out = code_jsonl(eng, "The army won in Georgia, Virginia and Alabama.", NULL);
    assert_null(strstr(out, "\"GEO"));
    free(out);
    out = code_jsonl(eng, "TBILISI - Georgia sent its army to the border.", NULL);
    assert_non_null(strstr(out, "\"text\":\"Georgia\",\"actor\":\"GEO\""));
    free(out);
    petrel_engine_free(eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_problems_name_file_and_line),
        cmocka_unit_test(test_cue_problems),
        cmocka_unit_test(test_borderless_roles),
        cmocka_unit_test(test_dates_pick_the_role),
        cmocka_unit_test(test_capitals_and_articles),
        cmocka_unit_test(test_article_country_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
