/* Unit tests for TABARI and PETRARCH compatibility: every dictionary format,
 * read from small files written here (a made-up world: Veldara, Korvath,
 * Ostrimar), and the coder's main rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "compat.h"
#include "dict.h"
#include "doc.h"
#include "petrel.h"
#include "segment.h"

static char dir[256];

static const char *write_file(const char *name, const char *text)
{
    static char paths[16][512];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, 512, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* ------------------------------------------------------------ problems */

typedef struct problems {
    int errors, warnings;
    char first[1024]; /* "FILE:LINE: reason" of the first error */
    long first_line;
} problems;

static void on_problem(void *user, const petrel_error *e, bool warning)
{
    problems *p = user;
    if (warning) {
        p->warnings++;
        return;
    }
    if (!p->errors++) {
        petrel_error_format(e, p->first, sizeof p->first);
        p->first_line = e->line;
    }
}

typedef struct dfile {
    const char *path;
    petrel_dict_format fmt;
} dfile;

static petrel_engine *engine(const dfile *files, int n, problems *pr)
{
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    assert_non_null(eng);
    petrel_engine_set_problem_handler(eng, on_problem, pr);
    for (int i = 0; i < n; i++) {
        memset(&err, 0, sizeof err);
        petrel_engine_load_file(eng, files[i].path, files[i].fmt, &err);
    }
    memset(&err, 0, sizeof err);
    petrel_engine_finish(eng, &err);
    return eng;
}

/* The events of one article as "SRC TGT CODE" lines, in output order. */
static const char *code(petrel_engine *eng, const char *date, const char *text)
{
    static char out[2048];
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(eng, &err);
    assert_non_null(w);
    petrel_input in = {.id = "t", .text = text, .len = strlen(text), .date = date};
    const petrel_result *r = NULL;
    assert_int_equal(petrel_code(w, &in, &r, &err), PETREL_OK);
    out[0] = '\0';
    for (size_t i = 0; i < r->n_events; i++) {
        const petrel_event *e = &r->events[i];
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s %s %s", i ? "; " : "",
                 e->source.actor ? e->source.actor : "-",
                 e->has_target && e->target.actor ? e->target.actor : "-", e->code);
    }
    petrel_worker_free(w);
    return out;
}

/* ------------------------------------------------------------ TABARI */

static const char *tabari_actors = "<NOUN>\n"
                                   "CARAVANS\n"
                                   "</NOUN>\n"
                                   "<ADJECTIVE>\n"
                                   "BRAVE\n"
                                   "</ADJECTIVE>\n"
                                   "VELDAR  [VEL] ; a stem: Veldara, Veldaran\n"
                                   "KORVATH_ [KOR]\n"
                                   "OSTRIMAR [OST]\n"
                                   "MARN_ [MRN] ; exact: Marn, Marns, Marn's, not Marnish\n"
                                   "NORTH_REACH [NRC]\n"
                                   "THE_TWIN_CITIES [VEL/KOR] ; a coded compound\n"
                                   "HARBOR_GUILD [--- <010101] [HGD] ; null before 2001\n"
                                   "QUEEN_SELLA ; pt 2024\n"
                                   "+SELLA_OF_VELDARA\n"
                                   "\t[VELGOV 010101-121231]\n"
                                   "\t[VELELI]\n"
                                   "BOARD_GAMES [###]\n"
                                   "~~FINISH\n"
                                   "IGNORED [XXX]\n";

static const char *tabari_agents = "MINISTER_ [~GOV]\n"
                                   "AID_WORKERS_ [NGO~]\n";

static const char *tabari_verbs = "<SYNSETS>\n"
                                  "&GOODS\n"
                                  "+GRAIN\n"
                                  "+SALT_\n"
                                  "+COPPER_INGOTS\n"
                                  "</SYNSETS>\n"
                                  "<TIME>\n"
                                  "YESTERDAY [-1]\n"
                                  "</TIME>\n"
                                  "SEND_ [070]\n"
                                  "{ SENT_ SENDING_ }\n"
                                  "- * &GOODS [071]\n"
                                  "- * TROOPS [190]\n"
                                  "- * { PRAISE | THANKS } [051]\n"
                                  "MEET [040:040]\n"
                                  "CRITICI [111] ; a stem\n"
                                  "- + WAS * BY $ [112]\n"
                                  "HONOR [051]\n"
                                  "- * WITH ^ AT + [052]\n"
                                  "SAID [020?]\n"
                                  "DECLARE [---]\n"
                                  "- * WAR ON + [190!]\n";

static petrel_engine *tabari_engine(problems *pr, const char *options)
{
    dfile f[4] = {
        {write_file("t.actors", tabari_actors), PETREL_DICT_AUTO},
        {write_file("t.agents", tabari_agents), PETREL_DICT_AUTO},
        {write_file("t.verbs", tabari_verbs), PETREL_DICT_AUTO},
        {options ? write_file("t.options", options) : NULL, PETREL_DICT_AUTO},
    };
    return engine(f, options ? 4 : 3, pr);
}

static void test_tabari_load_counts(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, NULL);
    assert_int_equal(pr.errors, 0);
    petrel_dict_stats st;
    petrel_engine_stats(eng, &st);
    assert_int_equal(st.actors, 9); /* IGNORED comes after ~~FINISH */
    assert_int_equal(st.actor_names, 10);
    assert_int_equal(st.agents, 2);
    assert_int_equal(st.verb_patterns, 6);
    assert_int_equal(st.synsets, 1);
    assert_int_equal(st.discards, 1);
    petrel_engine_free(eng);
}

static void test_tabari_patterns_synsets_forms(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, NULL);
    assert_int_equal(pr.errors, 0);
    /* a synonym set member; a verb form from { } */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sent grain to Korvath after the long winter ended in the north."),
        "VEL KOR 071");
    /* a two-word member must be adjacent */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara is sending copper ingots to Korvath after the long winter ended."),
        "VEL KOR 071");
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara is sending copper coins to Korvath after the long winter ended."),
        "VEL KOR 070");
    /* a plain pattern; the verb's own code when none matches */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sends troops to the border with Korvath on a cold Monday morning."),
        "VEL KOR 190");
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sends a letter to Korvath after the long winter ended in the north."),
        "VEL KOR 070");
    /* alternatives */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sent thanks to Korvath after the long winter ended in the north."),
        "VEL KOR 051");
    /* a stem verb, and $ + reversing a passive sentence */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Korvath was criticized by Veldara over the harbor dispute on Monday."),
        "VEL KOR 112");
    /* ^ skips an actor */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara honored its envoy with Ostrimar at Korvath on a cold Monday."),
        "VEL KOR 052");
    petrel_engine_free(eng);
}

static void test_tabari_codes(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, NULL);
    /* paired code, compound source */
    assert_string_equal(code(eng, "2005-03-01",
                             "Veldara will meet Korvath in the hills above the river on Monday."),
                        "VEL KOR 040; KOR VEL 040");
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara and Ostrimar sent troops to Korvath after the long winter ended."),
        "VEL KOR 190; OST KOR 190");
    /* a coded compound expands */
    assert_string_equal(
        code(eng, "2005-03-01",
             "The Twin Cities sent troops to Ostrimar after the long winter ended."),
        "VEL OST 190; KOR OST 190");
    /* a subordinate code gives way to any other event */
    assert_string_equal(code(eng, "2005-03-01",
                             "Veldara said it sent troops to Korvath after the long winter ended."),
                        "VEL KOR 190");
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara said on Monday that Korvath had a long and cold winter."),
        "VEL KOR 020");
    /* a dominant pattern of a null-coded verb */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sent a letter and Ostrimar declared war on Korvath on Monday."),
        "OST KOR 190");
    /* a discard in the sentence */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldara sent board games to Korvath after the long winter ended there."),
        "");
    /* fewer than 8 words are not coded */
    assert_string_equal(code(eng, "2005-03-01", "Veldara sent troops to Korvath."), "");
    petrel_engine_free(eng);
}

static void test_tabari_dates_agents_time(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, NULL);
    const char *s = "Sella of Veldara sent troops to Korvath after the long winter ended.";
    assert_string_equal(code(eng, "2005-03-01", s), "VELGOV KOR 190");
    assert_string_equal(code(eng, "2020-03-01", s), "VELELI KOR 190");
    /* a null-coded name is a noun; from 2001 it is an actor */
    s = "Harbor Guild sent troops to Korvath after the long winter ended there.";
    assert_string_equal(code(eng, "1999-03-01", s), "");
    assert_string_equal(code(eng, "2003-03-01", s), "HGD KOR 190");
    /* agents after (~GOV) and before (NGO~) the actor code */
    assert_string_equal(code(eng, "2005-03-01",
                             "The Veldara minister sent troops to Korvath aid workers on Monday."),
                        "VELGOV NGOKOR 190");
    /* time shift */
    char buf[256];
    petrel_error err = {0};
    petrel_worker *w = petrel_worker_new(eng, &err);
    const char *t = "Yesterday Veldara sent troops to Korvath after the long winter ended.";
    petrel_input in = {.id = "t", .text = t, .len = strlen(t), .date = "2005-03-01"};
    const petrel_result *r;
    assert_int_equal(petrel_code(w, &in, &r, &err), PETREL_OK);
    assert_int_equal(r->n_events, 1);
    snprintf(buf, sizeof buf, "%s", r->events[0].date);
    assert_string_equal(buf, "2005-02-28");
    petrel_worker_free(w);
    petrel_engine_free(eng);
}

/* A worker asked for events alone skips the actor and quotation stages under
 * TABARI's rules: the same event, no quotation, no mention, no claim. Asked
 * for quotations alone, it codes no event. */
static void test_tabari_want(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    assert_non_null(eng);
    petrel_engine_set_problem_handler(eng, on_problem, &pr);
    assert_int_equal(petrel_engine_load_dir(eng, PETREL_TEST_DICT, &err), PETREL_OK);
    assert_int_equal(petrel_engine_load_file(eng, write_file("w.actors", tabari_actors),
                                             PETREL_DICT_AUTO, &err),
                     PETREL_OK);
    assert_int_equal(petrel_engine_load_file(eng, write_file("w.verbs", tabari_verbs),
                                             PETREL_DICT_AUTO, &err),
                     PETREL_OK);
    assert_int_equal(petrel_engine_finish(eng, &err), PETREL_OK);
    assert_int_equal(pr.errors, 0);
    petrel_worker *w = petrel_worker_new(eng, &err);
    assert_non_null(w);
    const char *t = "\"Veldara sent troops to Korvath after the long winter ended there,\" "
                    "Ostrimar said on Monday.";
    petrel_input in = {.id = "t", .text = t, .len = strlen(t), .date = "2005-03-01"};
    const petrel_result *r;
    static const unsigned wants[] = {PETREL_WANT_ALL, PETREL_WANT_EVENTS, PETREL_WANT_QUOTES,
                                     PETREL_WANT_MENTIONS};
    size_t n[4][4]; /* events, quotes, mentions, claimed events */
    for (int i = 0; i < 4; i++) {
        petrel_worker_want(w, wants[i]);
        assert_int_equal(petrel_code(w, &in, &r, &err), PETREL_OK);
        n[i][0] = r->n_events;
        n[i][1] = r->n_quotes;
        n[i][2] = r->n_mentions;
        n[i][3] = 0;
        for (size_t k = 0; k < r->n_events; k++) {
            n[i][3] += r->events[k].claimed;
            assert_string_equal(r->events[k].code, "190");
            assert_string_equal(r->events[k].source.actor, "VEL");
        }
    }
    /* everything: one event, claimed by the quotation's speaker */
    assert_int_equal(n[0][0], 1);
    assert_int_equal(n[0][1], 1);
    assert_true(n[0][2] >= 3);
    assert_int_equal(n[0][3], 1);
    /* events alone */
    assert_int_equal(n[1][0], 1);
    assert_int_equal(n[1][1], 0);
    assert_int_equal(n[1][2], 0);
    assert_int_equal(n[1][3], 0);
    /* quotations alone, mentions alone */
    assert_int_equal(n[2][0], 0);
    assert_int_equal(n[2][1], 1);
    assert_int_equal(n[2][2], 0);
    assert_int_equal(n[3][0] + n[3][1], 0);
    assert_int_equal(n[3][2], n[0][2]);
    petrel_worker_free(w);
    petrel_engine_free(eng);
}

static void test_tabari_stems_and_lookup(void **state)
{
    (void)state;
    /* compat_match_actor on a lexicon of its own */
    lexicon lex, *lx = &lex;
    lexicon_init(lx);
    petrel_error err = {0};
    assert_int_equal(
        lexicon_load_file(lx, write_file("l.actors", tabari_actors), PETREL_DICT_AUTO, &err), 0);
    assert_int_equal(
        lexicon_load_file(lx, write_file("l.agents", tabari_agents), PETREL_DICT_AUTO, &err), 0);
    assert_int_equal(lexicon_finish(lx, &err), 0);
    arena a;
    arena_init(&a, 4096);
    const struct {
        const char *text, *code;
        uint32_t n;
    } cases[] = {
        {"Veldaran forces", "VEL", 1}, {"Marn", "MRN", 1},       {"Marn's", "MRN", 1},
        {"Marns", "MRN", 1},           {"Marnish", NULL, 0},     {"North Reach", "NRC", 2},
        {"North and Reach", NULL, 0},  {"Board games", NULL, 0}, {"Sella of Veldara", "VELGOV", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tok_vec toks = {0};
        assert_int_equal(tokenize(lx, &a, cases[i].text, 0, (uint32_t)strlen(cases[i].text), &toks),
                         0);
        const char *c = NULL, *name = NULL;
        doc d = {.a = &a, .lex = lx, .toks = toks, .date_ymd = 20050301};
        uint32_t n = compat_match_actor(&d, 0, toks.len, &c, &name);
        assert_int_equal(n, cases[i].n);
        if (cases[i].code)
            assert_string_equal(c, cases[i].code);
        else
            assert_null(c);
    }
    tok_vec toks = {0};
    assert_int_equal(tokenize(lx, &a, "aid workers", 0, 11, &toks), 0);
    const char *c;
    bool after;
    doc d = {.a = &a, .lex = lx, .toks = toks};
    assert_int_equal(compat_match_agent(&d, 0, toks.len, &c, &after), 2);
    assert_string_equal(c, "NGO");
    assert_false(after);
    arena_free(&a);
    lexicon_free(lx);
}

static void test_tabari_options(void **state)
{
    (void)state;
    problems pr = {0};
    /* without options: the target is found before the verb too */
    petrel_engine *eng = tabari_engine(&pr, NULL);
    assert_string_equal(code(eng, "2005-03-01",
                             "After the long winter troops were sent to Korvath by some people."),
                        "");
    petrel_engine_free(eng);
    memset(&pr, 0, sizeof pr);
    eng = tabari_engine(&pr, "COMPLEX: NOACTPRIOR\n"
                             "SET: MINIMUM WORDS = 4\n"
                             "DEFAULT: TARGET [DEFTAR] AFTER\n"
                             "SET: FROBNICATE = TRUE\n"
                             "LABEL: 190=MOBILIZE\n");
    assert_int_equal(pr.errors, 0);
    assert_int_equal(pr.warnings, 1); /* the unknown SET: */
    assert_string_equal(code(eng, "2005-03-01", "Veldara sent troops yesterday."),
                        "VEL DEFTAR 190");
    /* no actor before the verb: too complex to code */
    assert_string_equal(code(eng, "2005-03-01", "Troops were sent to Korvath from the hills."), "");
    petrel_engine_free(eng);
    /* a sentence without a single actor or agent is passed over, unless the
     * defaults can stand for both sides */
    memset(&pr, 0, sizeof pr);
    eng = tabari_engine(&pr, NULL);
    const char *no_actor = "The riders sent troops across the hills after the long winter.";
    assert_string_equal(code(eng, "2005-03-01", no_actor), "");
    petrel_engine_free(eng);
    memset(&pr, 0, sizeof pr);
    eng = tabari_engine(&pr, "DEFAULT: SOURCE [DEFSRC]\n"
                             "DEFAULT: TARGET [DEFTAR]\n");
    assert_int_equal(pr.errors, 0);
    assert_string_equal(code(eng, "2005-03-01", no_actor), "DEFSRC DEFTAR 190");
    petrel_engine_free(eng);
}

static void test_tabari_malformed_line(void **state)
{
    (void)state;
    problems pr = {0};
    dfile f[1] = {{write_file("bad.actors", "VELDARA [VEL]\n"
                                            "KORVATH [KOR\n"
                                            "OSTRIMAR [OST <0113] [OST]\n"),
                   PETREL_DICT_TABARI}};
    petrel_engine *eng = engine(f, 1, &pr);
    assert_int_equal(pr.errors, 2);
    assert_int_equal(pr.first_line, 2);
    assert_non_null(strstr(pr.first, "bad.actors:2: "));
    assert_non_null(strstr(pr.first, "right-bracket"));
    petrel_engine_free(eng);
}

static void test_tabari_project_and_zip(void **state)
{
    (void)state;
    write_file("p.actors", tabari_actors);
    write_file("p.verbs", tabari_verbs);
    write_file("p.options", "SET: CODE BY SENTENCE\n");
    problems pr = {0};
    dfile f[1] = {{write_file("p.project", "A test project\n"
                                           "<actorsfile> p.actors\n"
                                           "<verbsfile> p.verbs\n"
                                           "<optionsfile> p.options\n"
                                           "<textfile> none.text\n"),
                   PETREL_DICT_AUTO}};
    petrel_engine *eng = engine(f, 1, &pr);
    assert_int_equal(pr.errors, 0);
    assert_string_equal(code(eng, "2005-03-01",
                             "Veldara sent troops to Korvath but Ostrimar met Korvath on Monday."),
                        "VEL KOR 190");
    petrel_engine_free(eng);

    /* a zip archive with one stored member (no compression) */
    const char *member = "zipped.actors";
    const char *body = "ZORBIA [ZOR]\n";
    unsigned char zip[512];
    size_t o = 0, nl = strlen(member), bl = strlen(body);
#define W16(v) (zip[o++] = (unsigned char)((v)&255), zip[o++] = (unsigned char)(((v) >> 8) & 255))
#define W32(v) (W16((v)&0xFFFF), W16(((v) >> 16) & 0xFFFF))
    W32(0x04034b50u);
    W16(20);
    W16(0);
    W16(0);
    W16(0);
    W16(0);
    W32(0u);
    W32((unsigned)bl);
    W32((unsigned)bl);
    W16(nl);
    W16(0);
    memcpy(zip + o, member, nl);
    o += nl;
    memcpy(zip + o, body, bl);
    o += bl;
    size_t cd = o;
    W32(0x02014b50u);
    W16(20);
    W16(20);
    W16(0);
    W16(0);
    W16(0);
    W16(0);
    W32(0u);
    W32((unsigned)bl);
    W32((unsigned)bl);
    W16(nl);
    W16(0);
    W16(0);
    W16(0);
    W16(0);
    W32(0u);
    W32(0u);
    memcpy(zip + o, member, nl);
    o += nl;
    size_t cdlen = o - cd;
    W32(0x06054b50u);
    W16(0);
    W16(0);
    W16(1);
    W16(1);
    W32((unsigned)cdlen);
    W32((unsigned)cd);
    W16(0);
#undef W16
#undef W32
    char zpath[512];
    snprintf(zpath, sizeof zpath, "%s/set.zip", dir);
    FILE *zf = fopen(zpath, "wb");
    assert_non_null(zf);
    fwrite(zip, 1, o, zf);
    fclose(zf);
    memset(&pr, 0, sizeof pr);
    dfile g[2] = {{zpath, PETREL_DICT_AUTO},
                  {write_file("z.verbs", tabari_verbs), PETREL_DICT_AUTO}};
    eng = engine(g, 2, &pr);
    assert_int_equal(pr.errors, 0);
    petrel_dict_stats st;
    petrel_engine_stats(eng, &st);
    assert_int_equal(st.actors, 1);
    petrel_engine_free(eng);
}

/* ------------------------------------------------------------ PETRARCH */

static petrel_engine *petrarch_engine(problems *pr)
{
    dfile f[4] = {
        {write_file("x.actors.txt", "<!-- test actors -->\n"
                                    "# a comment\n"
                                    "VELDARA_ [VEL]\n"
                                    "+VELDARAN\n"
                                    "KORVATH [KOR] # trailing comment\n"
                                    "OSTRIMAR [OST]\n"
                                    "QUEEN_SELLA [VEL]\n"
                                    "+SELLA\n"
                                    "\t[VELGOV 20010101-20121231]\n"
                                    "\t[VELELI >20130101]\n"),
         PETREL_DICT_AUTO},
        {write_file("x.agents.txt", "!PERSON! = MAN, MEN\n"
                                    "TRADES!PERSON! [~BUS]\n"
                                    "MINISTER [~GOV]\n"
                                    "POLICE {} [~COP]\n"
                                    "CHARITY [NGO~]\n"),
         PETREL_DICT_AUTO},
        {write_file("x.discards.txt", "+CHESS TOURNAMENT\n"
                                      "FOOTBALL_\n"),
         PETREL_DICT_AUTO},
        {write_file("x.verbs.txt", "&GOODS\n"
                                   "+GRAIN\n"
                                   "+COPPER INGOTS\n"
                                   "\n"
                                   "--- SEND [070] ---\n"
                                   "SEND {SENDS SENT SENDING}\n"
                                   "SHIP\n"
                                   "+HAND_OVER {+HANDS_OVER +HANDED_OVER}\n"
                                   "- * &GOODS [071]\n"
                                   "- * (TO BORDER) [190]\n"
                                   "\n"
                                   "--- CONDEMN [111] ---\n"
                                   "CONDEMN\n"
                                   "DENOUNCE [112]\n"),
         PETREL_DICT_AUTO},
    };
    return engine(f, 4, pr);
}

static void test_petrarch_formats(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = petrarch_engine(&pr);
    assert_int_equal(pr.errors, 0);
    petrel_dict_stats st;
    petrel_engine_stats(eng, &st);
    assert_int_equal(st.actors, 4);
    assert_int_equal(st.actor_names, 6);
    assert_int_equal(st.agents,
                     7); /* TRADESMAN TRADESMEN, MINISTER(S), POLICE, CHARITY CHARITIES */
    assert_int_equal(st.discards, 2);
    assert_int_equal(st.verb_patterns, 2);
    assert_int_equal(st.synsets, 1);
    /* a generated form (SHIPS), a synonym-set member with its plural */
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara ships grains to Korvath after the long winter ended."),
        "VEL KOR 071");
    /* a listed form; ( ) groups are dropped; names are whole words */
    assert_string_equal(
        code(eng, "2005-03-01",
             "Veldaran leaders sent soldiers to the border with Korvath on Monday."),
        "VEL KOR 190");
    assert_string_equal(
        code(eng, "2005-03-01", "Veldarans sent soldiers to the border with Korvath on Monday."),
        "");
    /* a multi-word verb, a verb's own code in a block */
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara handed over the prisoners to Korvath on a cold Monday."),
        "VEL KOR 070");
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara denounced the raids by Korvath in the hills on Monday."),
        "VEL KOR 112");
    /* dated codes first, the undated one as the fallback */
    const char *s = "Queen Sella condemned the raids by Korvath in the hills on Monday.";
    assert_string_equal(code(eng, "2005-03-01", s), "VELGOV KOR 111");
    assert_string_equal(code(eng, "2013-01-01", s), "VELELI KOR 111");
    assert_string_equal(code(eng, "1999-03-01", s), "VEL KOR 111");
    /* agents: substitution markers, explicit plurals, prefix codes */
    assert_string_equal(code(eng, "2005-03-01",
                             "Veldara tradesmen condemned the raids by Korvath police on Monday."),
                        "VELBUS KORCOP 111");
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara charities condemned the raids by Korvath in the hills."),
        "NGOVEL KOR 111");
    /* discards: a sentence, and a whole story */
    assert_string_equal(
        code(eng, "2005-03-01", "Veldara condemned the football match with Korvath in the hills."),
        "");
    assert_string_equal(code(eng, "2005-03-01",
                             "Veldara condemned the raids by Korvath in the hills on Monday. "
                             "The chess tournaments went on as planned in the capital."),
                        "");
    petrel_engine_free(eng);
}

static void test_sniffing(void **state)
{
    (void)state;
    const char *tabari = "KORVATH_ [KOR] ; 12 Jan 2024\nVELDARA [VEL]\n";
    const char *tabari2 = "<NOUN>\nCARAVANS\n</NOUN>\n";
    const char *tabari3 = "COMPLEX: NOACTPRIOR\nSET: CODE BY CLAUSE\n";
    const char *plain = "MINISTER_ [~GOV]\nPOLICE_ [~COP]\n";
    const char *petrarch = "# PETRARCH actors\nKORVATH [KOR] # comment\n";
    const char *petrarch2 = "<!-- verbs -->\n--- SEND [070] ---\nSEND\n";
    const char *petrarch3 = "!PERSON! = MAN, MEN\nTRADES!PERSON! [~BUS]\n";
    assert_int_equal(compat_sniff(tabari, strlen(tabari)), PETREL_DICT_TABARI);
    assert_int_equal(compat_sniff(tabari2, strlen(tabari2)), PETREL_DICT_TABARI);
    assert_int_equal(compat_sniff(tabari3, strlen(tabari3)), PETREL_DICT_TABARI);
    assert_int_equal(compat_sniff(plain, strlen(plain)), PETREL_DICT_TABARI);
    assert_int_equal(compat_sniff(petrarch, strlen(petrarch)), PETREL_DICT_PETRARCH);
    assert_int_equal(compat_sniff(petrarch2, strlen(petrarch2)), PETREL_DICT_PETRARCH);
    assert_int_equal(compat_sniff(petrarch3, strlen(petrarch3)), PETREL_DICT_PETRARCH);
    assert_int_equal(compat_sniff("KORVATH\nVELDARA\n", 16), PETREL_DICT_PETRARCH); /* discards */
    assert_int_equal(compat_sniff("\n", 1), PETREL_DICT_AUTO);
    /* prose is no discard list: left to the name, then refused */
    const char *readme = "Korvath Dictionaries\n====\n\nThese files were used to code the Veldara "
                         "data set.\nSee https://example.org/korvath for more.\n";
    assert_int_equal(compat_sniff(readme, strlen(readme)), PETREL_DICT_AUTO);
    assert_int_equal(lexicon_sniff("%petrel actors\n", 15), PETREL_DICT_PETREL);
    /* ours open with a commented header, as every file under dict/ does */
    const char *ours = "# Veldara's parties.\n#\n\n%petrel actors\nVELPTY  Harbour Party\n";
    assert_int_equal(lexicon_sniff(ours, strlen(ours)), PETREL_DICT_PETREL);
    assert_int_equal(lexicon_sniff(petrarch, strlen(petrarch)), PETREL_DICT_PETRARCH);
    assert_int_equal(compat_sniff_name("/d/PSU.agents"), PETREL_DICT_TABARI);
    assert_int_equal(compat_sniff_name("Phoenix.agents.txt"), PETREL_DICT_PETRARCH);
    assert_int_equal(compat_sniff_name("notes.txt"), PETREL_DICT_AUTO);
}

static void test_petrarch_problems_are_warnings(void **state)
{
    (void)state;
    problems pr = {0};
    dfile f[2] = {{write_file("w.actors.txt", "# PETRARCH tolerates these\n"
                                              "NO_CODE_HERE\n"
                                              "VELDARA [VEL]\n"
                                              "\t[VELGOV 20X40117-20061201]\n"
                                              "KORVATH [KOR]\n"
                                              "KORVATH [KOX]\n"),
                   PETREL_DICT_AUTO},
                  {write_file("w.agents.txt", "MINISTER [~GOV}\nBROKEN\n"), PETREL_DICT_AUTO}};
    petrel_engine *eng = engine(f, 2, &pr);
    assert_int_equal(pr.errors, 0);
    assert_true(pr.warnings >= 4);
    petrel_engine_free(eng);
}

/* ------------------------------------------------------------ compiled */

/* Sentences that between them use every part of the store: synonym sets,
 * alternatives, stems, $ + ^, paired and dated codes, agents both ways,
 * compounds, time shifts, discards, the options' defaults. */
static const char *const compiled_probe[] = {
    "Veldara sent grain to Korvath after the long winter ended in the north.",
    "Veldara is sending copper ingots to Korvath after the long winter ended.",
    "Veldara sent thanks to Korvath after the long winter ended in the north.",
    "Korvath was criticized by Veldara over the harbor dispute on Monday.",
    "Veldara honored its envoy with Ostrimar at Korvath on a cold Monday.",
    "Veldara will meet Korvath in the hills above the river on Monday.",
    "The Twin Cities sent troops to Ostrimar after the long winter ended.",
    "Veldara sent a letter and Ostrimar declared war on Korvath on Monday.",
    "Veldara sent board games to Korvath after the long winter ended there.",
    "Sella of Veldara sent troops to Korvath after the long winter ended.",
    "Harbor Guild sent troops to Korvath after the long winter ended there.",
    "The Veldara minister sent troops to Korvath aid workers on Monday.",
    "Yesterday Veldara sent troops to Korvath after the long winter ended.",
    "Veldara sent troops yesterday.",
    "Veldara ships grains to Korvath after the long winter ended.",
    "Queen Sella condemned the raids by Korvath in the hills on Monday.",
    "Veldara tradesmen condemned the raids by Korvath police on Monday.",
    "Veldara charities condemned the raids by Korvath in the hills.",
    "Veldara condemned the football match with Korvath in the hills.",
};

/* The same events from the compiled file as from the text files, on
 * several dates. */
static void assert_compiled_same(petrel_engine *text, const char *image_name)
{
    petrel_error err = {0};
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, image_name);
    assert_int_equal(petrel_engine_write_compiled(text, path, &err), PETREL_OK);
    problems pr = {0};
    dfile f[1] = {{path, PETREL_DICT_AUTO}};
    petrel_engine *image = engine(f, 1, &pr);
    assert_int_equal(pr.errors, 0);
    petrel_dict_stats a, b;
    petrel_engine_stats(text, &a);
    petrel_engine_stats(image, &b);
    assert_int_equal(a.actors, b.actors);
    assert_int_equal(a.agents, b.agents);
    assert_int_equal(a.verb_patterns, b.verb_patterns);
    assert_int_equal(a.discards, b.discards);
    const char *dates[] = {"1999-03-01", "2005-03-01", "2013-01-01", "2020-03-01"};
    int events = 0;
    for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++)
        for (size_t i = 0; i < sizeof compiled_probe / sizeof compiled_probe[0]; i++) {
            char want[2048];
            snprintf(want, sizeof want, "%s", code(text, dates[d], compiled_probe[i]));
            events += want[0] != '\0';
            assert_string_equal(code(image, dates[d], compiled_probe[i]), want);
        }
    assert_true(events > 20); /* the probe codes something */
    petrel_engine_free(image);
}

static void test_compiled_tabari_petrarch(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, "DEFAULT: TARGET [DEFTAR] AFTER\n"
                                            "SET: MINIMUM WORDS = 4\n");
    assert_int_equal(pr.errors, 0);
    assert_compiled_same(eng, "t.pdc");
    petrel_engine_free(eng);
    memset(&pr, 0, sizeof pr);
    eng = petrarch_engine(&pr);
    assert_int_equal(pr.errors, 0);
    assert_compiled_same(eng, "p.pdc");
    petrel_engine_free(eng);
    /* nothing to compile: our own dictionaries are not in the file */
    petrel_error err = {0};
    eng = engine(NULL, 0, &pr);
    char path[512];
    snprintf(path, sizeof path, "%s/none.pdc", dir);
    assert_int_equal(petrel_engine_write_compiled(eng, path, &err), PETREL_ERR_USAGE);
    petrel_engine_free(eng);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(*n);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

static void spill(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

/* Loads path; the first error's text ("" when it loaded), and, when it
 * loaded, codes the probe: a damaged file must be refused or code safely. */
static const char *load_damaged(const char *path)
{
    static problems pr;
    memset(&pr, 0, sizeof pr);
    dfile f[1] = {{path, PETREL_DICT_AUTO}};
    petrel_engine *eng = engine(f, 1, &pr);
    if (!pr.errors)
        for (size_t i = 0; i < sizeof compiled_probe / sizeof compiled_probe[0]; i++)
            code(eng, "2005-03-01", compiled_probe[i]);
    petrel_engine_free(eng);
    return pr.errors ? pr.first : "";
}

static void test_compiled_damaged(void **state)
{
    (void)state;
    problems pr = {0};
    petrel_engine *eng = tabari_engine(&pr, NULL);
    char good[512], bad[512];
    snprintf(good, sizeof good, "%s/good.pdc", dir);
    snprintf(bad, sizeof bad, "%s/bad.pdc", dir);
    petrel_error err = {0};
    assert_int_equal(petrel_engine_write_compiled(eng, good, &err), PETREL_OK);
    petrel_engine_free(eng);
    size_t n;
    unsigned char *img = slurp(good, &n);
    unsigned char *copy = malloc(n);
    assert_non_null(copy);

    /* cut short, anywhere */
    for (size_t cut = 8; cut < n; cut += n / 7) {
        spill(bad, img, cut);
        assert_non_null(strstr(load_damaged(bad), "bad.pdc: compiled dictionary is"));
    }
    /* written by another build: the store's identity is after the magic */
    memcpy(copy, img, n);
    copy[9] ^= 1;
    spill(bad, copy, n);
    assert_non_null(strstr(load_damaged(bad), "another build of petrel"));
    /* every 4th byte in turn set to a large value: refused, or loaded and
     * coding safely (ASan and UBSan watch the second) */
    int refused = 0;
    for (size_t at = 8 + 24 + 8; at < n; at += 4) {
        memcpy(copy, img, n);
        copy[at] = 0x7f;
        spill(bad, copy, n);
        refused += load_damaged(bad)[0] != '\0';
    }
    assert_true(refused > 0);
    /* the stored literal table, whose extent follows the file's size in the
     * header: an entry naming no literal, every slot used (a lookup would
     * never end), a size the writer does not pick, are refused; a wrong tag
     * only makes lookups miss */
    uint64_t slots_at;
    uint32_t nslots, slot;
    memcpy(&slots_at, img + 48, sizeof slots_at);
    memcpy(&nslots, img + 56, sizeof nslots);
    assert_true(nslots >= 4096 && !(nslots & (nslots - 1)) && slots_at + 8ull * nslots <= n);
    size_t used = 0, empty = 0;
    while (used < nslots && !memcmp(img + slots_at + 8 * used, "\0\0\0\0\0\0\0\0", 8))
        used++;
    while (empty < nslots && memcmp(img + slots_at + 8 * empty, "\0\0\0\0\0\0\0\0", 8))
        empty++;
    assert_true(used < nslots && empty < nslots);
    const uint32_t ids[] = {0, 3, 15, 0x7fffffff, 0xffffffffu};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        memcpy(copy, img, n);
        memcpy(copy + slots_at + 8 * used, &ids[i], 4);
        spill(bad, copy, n);
        assert_non_null(strstr(load_damaged(bad), "damaged (the literal table)"));
    }
    memcpy(copy, img, n);
    copy[slots_at + 8 * empty + 4] = 1; /* used, naming literal 0 */
    spill(bad, copy, n);
    assert_non_null(strstr(load_damaged(bad), "damaged (the literal table)"));
    memcpy(copy, img, n);
    for (size_t s = 0; s < nslots; s++)
        memcpy(copy + slots_at + 8 * s, img + slots_at + 8 * used, 8);
    spill(bad, copy, n);
    assert_non_null(strstr(load_damaged(bad), "damaged (the literal table)"));
    const uint32_t counts[] = {nslots - 1, nslots / 2, 0};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        memcpy(copy, img, n);
        memcpy(copy + 56, &counts[i], 4);
        spill(bad, copy, n);
        assert_non_null(strstr(load_damaged(bad), "damaged (the literal table's extent)"));
    }
    memcpy(copy, img, n);
    copy[slots_at + 8 * used + 5] ^= 0x40;
    spill(bad, copy, n);
    assert_string_equal(load_damaged(bad), "");
    memcpy(&slot, img + slots_at + 8 * used, 4);
    assert_true(slot >= 16); /* LIT_FIRST: the pattern symbols are not in it */
    /* the text files cannot be added to a compiled one, nor the other way */
    memset(&pr, 0, sizeof pr);
    dfile f[2] = {{good, PETREL_DICT_AUTO}, {write_file("more.actors", "NEWLAND [NEW]\n"),
                                             PETREL_DICT_TABARI}};
    eng = engine(f, 2, &pr);
    assert_int_equal(pr.errors, 1);
    assert_non_null(strstr(pr.first, "more.actors: a TABARI or PETRARCH file cannot be added"));
    petrel_engine_free(eng);
    memset(&pr, 0, sizeof pr);
    dfile g[2] = {f[1], f[0]};
    eng = engine(g, 2, &pr);
    assert_int_equal(pr.errors, 1);
    assert_non_null(strstr(pr.first, "good.pdc: a compiled dictionary cannot be added"));
    petrel_engine_free(eng);
    free(copy);
    free(img);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/petrel-compat-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tabari_load_counts),
        cmocka_unit_test(test_tabari_patterns_synsets_forms),
        cmocka_unit_test(test_tabari_codes),
        cmocka_unit_test(test_tabari_dates_agents_time),
        cmocka_unit_test(test_tabari_want),
        cmocka_unit_test(test_tabari_stems_and_lookup),
        cmocka_unit_test(test_tabari_options),
        cmocka_unit_test(test_tabari_malformed_line),
        cmocka_unit_test(test_tabari_project_and_zip),
        cmocka_unit_test(test_petrarch_formats),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_petrarch_problems_are_warnings),
        cmocka_unit_test(test_compiled_tabari_petrarch),
        cmocka_unit_test(test_compiled_damaged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
