/* Unit tests for web input: charsets, dates, metadata, the pre-pass and the
 * extractor, on pages of our own writing; and petrel_code given markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "html.h"
#include "petrel.h"

static html_article extract(const char *html)
{
    html_article a;
    assert_int_equal(html_extract(html, strlen(html), &a), HTML_OK);
    return a;
}

static const char para1[] =
    "<p>The health ministry said on Monday that vaccination rates among children had "
    "risen for the third year in a row, helped by mobile clinics in rural districts.</p>";
static const char para2[] =
    "<p>Officials said the clinics would stay open through the winter, when roads in the "
    "mountains are often closed by snow for weeks.</p>";

static void test_dates(void **state)
{
    (void)state;
    char d[11];
    static const char *const good[][2] = {
        {"2019-11-19T10:00:00Z", "2019-11-19"},   {"2019/11/19", "2019-11-19"},
        {" 20191119", "2019-11-19"},              {"Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"},
        {"November 19, 2019", "2019-11-19"},      {"Nov. 19th, 2019", "2019-11-19"},
        {"19 November 2019", "2019-11-19"},       {"2024-02-29", "2024-02-29"},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        assert_true(html_parse_date(good[i][0], strlen(good[i][0]), d));
        assert_string_equal(d, good[i][1]);
    }
    static const char *const bad[] = {"2023-02-29", "2019-13-01", "yesterday", "12345678", "",
                                      "1850-01-01", "2019-11-1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(html_parse_date(bad[i], strlen(bad[i]), d));
}

static void test_charsets(void **state)
{
    (void)state;
    const char *out;
    size_t n;
    char *owned, warn[128];
    /* Latin-1 from the transport: é is one byte */
    const char latin[] = "<p>caf\xe9</p>";
    assert_int_equal(html_to_utf8(latin, strlen(latin), "ISO-8859-1", &out, &n, &owned, warn,
                                  sizeof warn),
                     0);
    assert_memory_equal(out, "<p>caf\xc3\xa9</p>", n);
    free(owned);
    /* windows-1252 quotes, declared in <meta> */
    const char cp[] = "<meta charset=windows-1252><p>\x93hi\x94</p>";
    assert_int_equal(html_to_utf8(cp, strlen(cp), NULL, &out, &n, &owned, warn, sizeof warn), 0);
    assert_non_null(strstr(out, "\xe2\x80\x9chi\xe2\x80\x9d"));
    free(owned);
    /* valid UTF-8 without a declaration: passed through */
    const char u[] = "<p>caf\xc3\xa9</p>";
    assert_int_equal(html_to_utf8(u, strlen(u), NULL, &out, &n, &owned, warn, sizeof warn), 0);
    assert_ptr_equal(out, u);
    assert_null(owned);
    /* an unknown label: a warning, read as UTF-8 */
    assert_int_equal(html_to_utf8(u, strlen(u), "x-no-such", &out, &n, &owned, warn, sizeof warn),
                     0);
    assert_non_null(strstr(warn, "unknown charset"));
    assert_null(owned);
    /* Content-Type parameters */
    char cs[32];
    assert_true(html_content_type_charset("text/html; Charset=\"UTF-8\"", 25, cs, sizeof cs));
    assert_string_equal(cs, "utf-8");
    assert_false(html_content_type_charset("text/html", 9, cs, sizeof cs));
}

static void test_metadata(void **state)
{
    (void)state;
    char page[4096];
    snprintf(page, sizeof page,
             "<html><head><title>Clinics stay open - Mountain Post</title>"
             "<meta name=\"author\" content=\"Lena Berg\">"
             "<meta property=\"og:url\" content=\"https://post.example/clinics\">"
             "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
             "\"datePublished\":\"2022-01-12T08:00:00Z\",\"author\":{\"name\":\"L. Berg\"}}"
             "</script></head><body><article><h1>Clinics stay open</h1>%s%s</article></body></html>",
             para1, para2);
    html_article a = extract(page);
    assert_string_equal(a.date, "2022-01-12");
    assert_string_equal(a.author, "Lena Berg"); /* <meta name=author> before JSON-LD */
    assert_string_equal(a.url, "https://post.example/clinics");
    assert_string_equal(a.title, "Clinics stay open");
    assert_non_null(strstr(a.text, "vaccination rates"));
    assert_null(strstr(a.text, "Clinics stay open")); /* the headline is not body text */
    html_article_free(&a);

    /* microdata, a <time>, and a date in the URL as the last resort */
    snprintf(page, sizeof page,
             "<link rel=canonical href=\"https://post.example/2021/03/04/x\">"
             "<div itemprop=author>by Omar Said</div>%s%s", para1, para2);
    a = extract(page);
    assert_string_equal(a.author, "Omar Said");
    assert_string_equal(a.date, "2021-03-04");
    html_article_free(&a);
    snprintf(page, sizeof page, "<p><time datetime=\"2020-07-08\">July 8</time></p>%s%s", para1,
             para2);
    a = extract(page);
    assert_string_equal(a.date, "2020-07-08");
    assert_null(a.author);
    html_article_free(&a);
}

static void test_boilerplate(void **state)
{
    (void)state;
    char page[8192];
    snprintf(page, sizeof page,
             "<body><div class=\"site-menu\"><a href=/>Home</a> <a href=/a>World</a></div>"
             "<div class=\"article-body\">%s"
             "<div class=\"newsletterBox\"><p>Sign up for our newsletter to get the best stories "
             "every morning, delivered to your inbox for free.</p></div>"
             "<p style=\"display: none\">Hidden text that a reader never sees on the page, so it "
             "must not be read either.</p>"
             "<ul class=\"has-sidebar\"><li>A list item whose class only describes the layout of "
             "the page around it, and so is kept.</li></ul>%s</div>"
             "<div id=\"disqus_thread\"><p>A reader's comment, long enough to look like a "
             "paragraph of the article itself, but it is not.</p></div></body>",
             para1, para2);
    html_article a = extract(page);
    assert_non_null(strstr(a.text, "vaccination rates"));
    assert_non_null(strstr(a.text, "through the winter"));
    assert_non_null(strstr(a.text, "describes the layout"));
    assert_null(strstr(a.text, "Home"));
    assert_null(strstr(a.text, "newsletter"));
    assert_null(strstr(a.text, "Hidden text"));
    assert_null(strstr(a.text, "comment"));
    /* blocks are separated by one blank line */
    assert_non_null(strstr(a.text, "districts.\n\n"));
    html_article_free(&a);
}

static void test_text_cleanup(void **state)
{
    (void)state;
    html_article a = extract("<p>Soft\xc2\xadhyphen and zero\xe2\x80\x8bwidth, &amp; entities: "
                             "&eacute;&#233;&#xE9; and&nbsp;no-break   spaces,\tcollapsed; "
                             "line<br>break and a long enough sentence.</p>");
    assert_string_equal(a.text, "Softhyphen and zerowidth, & entities: \xc3\xa9\xc3\xa9\xc3\xa9 "
                                "and no-break spaces, collapsed; line\nbreak and a long enough "
                                "sentence.");
    html_article_free(&a);
    a = extract("<pre>keep   this\n  layout, it is code; and long enough to be a "
                "paragraph.</pre>");
    assert_string_equal(a.text, "keep   this\n  layout, it is code; and long enough to be a "
                                "paragraph.");
    html_article_free(&a);
    /* a numeric reference past any code point is U+FFFD, not bytes that are
     * not UTF-8 (gumbo sums its digits in an int; found by fuzz_html) */
    a = extract("<p>Numbers &#66666666666666666666639;s and &#x7FFFFFFFFF; and &#0000000080;"
                " are references, and this paragraph is a long enough sentence.</p>");
    assert_string_equal(a.text, "Numbers \xef\xbf\xbds and \xef\xbf\xbd and P are references, "
                                "and this paragraph is a long enough sentence.");
    html_article_free(&a);
    a = extract("");
    assert_string_equal(a.text, "");
    assert_int_equal(a.len, 0);
    html_article_free(&a);
}

static void test_prefilter(void **state)
{
    (void)state;
    const char in[] = "<!-- c --><script>if (a < b) { x = '</div>'; }</script>"
                      "<style>p{}</style><svg><svg></svg><text>t</text></svg>"
                      "<script type=\"application/ld+json\">{\"a\":1}</script>"
                      "<div data-x=\"1\" class=\"share-bar\" style=\"display:none\" onclick=\"f()\">"
                      "<textarea><b>raw</b></textarea>  \n  text</div>"
                      "<link rel=stylesheet href=a.css><link rel=canonical href=\"https://x.example/\">"
                      "<meta name=viewport content=\"width=device-width\"><meta name=author content=Ann>"
                      "<p id=main-content class=\"has-sidebar\" itemprop=articleBody>"
                      "<img src=x.jpg alt=\"\"><nav><a href=/>Home</a></nav>";
    html_filtered f;
    assert_int_equal(html_prefilter(in, strlen(in), &f), 0);
    assert_string_equal(f.buf, "<div hidden _b><textarea><b>raw</b></textarea> text</div>"
                               "<link rel=canonical href=\"https://x.example/\">"
                               "<meta name=author content=Ann><p _a>");
    assert_int_equal(f.n_jsonld, 1);
    assert_memory_equal(in + f.jsonld[0].off, "{\"a\":1}", f.jsonld[0].len);
    free(f.buf);
    /* nesting past the cap is flattened, and closed the same way */
    char deep[8000] = "";
    for (int i = 0; i < 600; i++)
        strcat(deep, "<i>");
    assert_int_equal(html_prefilter(deep, strlen(deep), &f), 0);
    assert_true(f.depth_capped);
    free(f.buf);
}

/* petrel_code given markup: the article is coded, its text kept in the record. */
static void test_code_markup(void **state)
{
    (void)state;
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    assert_non_null(eng);
    assert_int_equal(petrel_engine_finish(eng, &err), 0);
    petrel_worker *w = petrel_worker_new(eng, &err);
    char page[2048];
    snprintf(page, sizeof page,
             "<head><meta property=\"article:published_time\" content=\"2023-03-01\"></head>"
             "<body><nav><a href=/>Home</a></nav>%s%s</body>",
             para1, para2);
    petrel_input in = {.id = "p", .text = page, .len = strlen(page), .date = "2000-01-01",
                       .url = "https://given.example/", .html = true};
    const petrel_result *r = NULL;
    assert_int_equal(petrel_code(w, &in, &r, &err), PETREL_OK);
    assert_true(r->keep_text);
    assert_string_equal(r->date, "2023-03-01");
    assert_string_equal(r->url, "https://given.example/");
    assert_int_equal(strncmp(r->text, "The health ministry", 19), 0);
    assert_int_equal(r->n_sentences, 2);
    petrel_worker_free(w);
    petrel_engine_free(eng);
}

/* The reader, both ways: the article extracted, or the markup handed over. */
static void test_reader_modes(void **state)
{
    (void)state;
    char path[] = "/tmp/petrel-test-XXXXXX.html";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    char page[2048];
    int n = snprintf(page, sizeof page,
                     "<title>Clinics</title><meta name=date content=2022-02-03>%s%s", para1,
                     para2);
    assert_int_equal(write(fd, page, (size_t)n), n);
    close(fd);
    for (int defer = 0; defer < 2; defer++) {
        petrel_reader_options o = {.date = "2001-01-01", .defer_markup = defer};
        petrel_error err = {0};
        petrel_reader *rd = petrel_reader_open(path, &o, &err);
        assert_non_null(rd);
        petrel_input in;
        assert_int_equal(petrel_reader_next(rd, &in, &err), PETREL_OK);
        assert_true(in.keep_text);
        assert_int_equal(in.html, defer);
        assert_int_equal(strncmp(in.id, "petrel-test-", 12), 0);
        if (defer) { /* the markup as it is, --date as the fallback */
            assert_int_equal(in.len, (size_t)n);
            assert_string_equal(in.date, "2001-01-01");
        } else {
            assert_int_equal(strncmp(in.text, "The health ministry", 19), 0);
            assert_string_equal(in.date, "2022-02-03");
            assert_string_equal(in.title, "Clinics");
        }
        assert_int_equal(petrel_reader_next(rd, &in, &err), PETREL_EOF);
        petrel_reader_close(rd);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),       cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_metadata),    cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_text_cleanup), cmocka_unit_test(test_prefilter),
        cmocka_unit_test(test_code_markup), cmocka_unit_test(test_reader_modes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
