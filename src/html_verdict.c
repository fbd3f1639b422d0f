/*
 * html_verdict.c - what an element's class, id, role and itemprop say about
 * it: page furniture around an article (share, newsletter, related, comments,
 * cookie, nav, footer, sidebar, promo, ad ...), the article's content
 * (article, content, story ...), or the article body itself
 * (itemprop=articleBody). Generic words of web design, nothing keyed to a
 * site. The pre-pass (html_scan.c) calls this once a tag and passes only the
 * verdict on to gumbo.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "html.h"

typedef struct word {
    const char *w;
    size_t len;
} word;
#define W(s) {s, sizeof(s) - 1}

/* Words in class and id values that mark page furniture around an article.
 * A word matches a class token that starts with it. */
static const word boiler_prefixes[] = {
    W("comment"), W("share"), W("sharing"), W("social"), W("newsletter"), W("subscri"),
    W("signup"), W("login"), W("related"), W("recommend"), W("recirc"), W("promo"),
    W("sponsor"), W("advert"), W("adslot"), W("adunit"), W("banner"), W("cookie"),
    W("consent"), W("gdpr"), W("nav"), W("menu"), W("dropdown"), W("breadcrumb"), W("footer"),
    W("header"), W("masthead"), W("sidebar"), W("widget"), W("popup"), W("modal"),
    W("overlay"), W("lightbox"), W("dialog"), W("toolbar"), W("pagination"), W("pager"),
    W("outbrain"), W("taboola"), W("trending"), W("popular"), W("byline"), W("author"),
    W("caption"), W("credit"), W("disqus"), W("follow"), W("gallery"), W("slideshow"),
    W("carousel"), W("player"), W("rating"), W("survey"), W("poll"), W("paywall"),
    W("regwall"), W("copyright"), W("privacy"), W("notification"), W("invisible"),
    W("readmore"), W("skiplink"), W("respond"), W("keyword"), {NULL, 0}};
/* Words that must be a whole token. */
static const word boiler_words[] = {
    W("ad"), W("ads"), W("adv"), W("dfp"), W("gpt"), W("more"), W("most"), W("rail"),
    W("aside"), W("tag"), W("tags"), W("topics"), W("meta"), W("bio"), W("hide"), W("hidden"),
    W("skip"), W("sr"), W("reply"), W("print"), W("share"), W("alert"), W("toast"), W("next"),
    W("prev"), {NULL, 0}};
/* Class words that do not mark boilerplate although they start like one. */
static const word not_boiler[] = {
    W("commentary"), W("navigable"), W("shareholder"), {NULL, 0}};
/* Tokens after which the next one describes a layout, not the element
 * ("has-sidebar", "with-ads"). */
static const word modifiers[] = {
    W("has"), W("with"), W("no"), W("without"), {NULL, 0}};
static const word content_words[] = {
    W("article"), W("body"), W("content"), W("entry"), W("main"), W("post"), W("story"),
    W("text"), W("blog"), W("prose"), W("richtext"), {NULL, 0}};

static bool word_in(const char *t, size_t n, const word *list, bool prefix)
{
    for (int i = 0; list[i].w; i++) {
        size_t k = list[i].len;
        if (t[0] == list[i].w[0] && (prefix ? n >= k : n == k) && !memcmp(t, list[i].w, k))
            return true;
    }
    return false;
}

/* Splits a class or id value into lower-case tokens at non-alphanumerics and at
 * camelCase humps, and judges them. */
static int class_verdict(const char *s, size_t len, int verdict)
{
    char tok[48];
    size_t n = 0;
    bool skip_next = false;
    for (size_t i = 0;; i++) {
        unsigned char c = i < len ? (unsigned char)s[i] : 0;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        bool hump = n > 0 && c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z';
        if (alnum && !hump) {
            if (n < sizeof tok)
                tok[n] = (char)(c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0));
            n++;
            continue;
        }
        if (n > 0 && n <= sizeof tok) {
            if (skip_next) {
                skip_next = false;
            } else if (word_in(tok, n, modifiers, false)) {
                skip_next = true;
            } else if (!word_in(tok, n, not_boiler, true) &&
                       (word_in(tok, n, boiler_prefixes, true) ||
                        word_in(tok, n, boiler_words, false))) {
                return V_BOILER;
            } else if (verdict == V_NONE && word_in(tok, n, content_words, false)) {
                verdict = V_CONTENT;
            }
        }
        n = 0;
        if (!c)
            break;
        if (alnum) { /* the hump starts the next token */
            tok[0] = (char)(c | 0x20);
            n = 1;
        }
    }
    return verdict;
}

static int role_verdict(const char *r, size_t len, int verdict)
{
    static const word boiler[] = {W("navigation"), W("banner"), W("contentinfo"),
                                  W("complementary"), W("search"), W("dialog"),
                                  W("alertdialog"), W("menu"), W("menubar"), W("toolbar"),
                                  W("alert"), W("form"), {NULL, 0}};
    if (len && word_in(r, len, boiler, false))
        return V_BOILER;
    if ((len == 4 && !strncasecmp(r, "main", 4)) || (len == 7 && !strncasecmp(r, "article", 7)))
        return verdict == V_NONE ? V_CONTENT : verdict;
    return verdict;
}

int html_attr_verdict(const html_attrs *a)
{
    int v = V_NONE;
    if ((a->itemprop_len == 11 && !strncasecmp(a->itemprop, "articleBody", 11)) ||
        (a->itemprop_len == 4 && !strncasecmp(a->itemprop, "text", 4)))
        v = V_ARTICLE_BODY;
    if (a->role)
        v = role_verdict(a->role, a->role_len, v);
    /* the page's own statement that this is the article outweighs class names */
    if (v != V_BOILER && v != V_ARTICLE_BODY && a->cls)
        v = class_verdict(a->cls, a->cls_len, v);
    if (v != V_BOILER && v != V_ARTICLE_BODY && a->id)
        v = class_verdict(a->id, a->id_len, v);
    return v;
}
