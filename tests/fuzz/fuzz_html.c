/*
 * fuzz_html - libFuzzer target for the HTML path: charset decoding, the
 * pre-pass, gumbo and the extractor, and the date parser. Checks that the
 * article is valid UTF-8 without NUL bytes, as petrel_code requires.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *utf8;
    size_t n;
    char *owned, warn[128];
    /* the first byte picks a transport charset, as a WARC record would give */
    static const char *const charsets[] = {NULL, "utf-8", "iso-8859-1", "windows-1251",
                                           "shift_jis", "utf-16le", "x-bogus"};
    const char *cs = size ? charsets[data[0] % 7] : NULL;
    if (html_to_utf8((const char *)data, size, cs, &utf8, &n, &owned, warn, sizeof warn))
        return 0;
    html_article a;
    if (html_extract(utf8, n, &a) == HTML_OK) {
        bool nul = false;
        if (utf8_check(a.text, a.len, &nul) != 0 || strlen(a.text) != a.len)
            abort();
        for (char *const *f = (char *const[]){a.title, a.date, a.url, a.author}, *const *e = f + 4;
             f < e; f++)
            if (*f && utf8_check(*f, strlen(*f), &nul) != 0)
                abort();
        if (a.date && strlen(a.date) != 10)
            abort();
        html_article_free(&a);
    }
    free(owned);
    char d[11];
    html_parse_date((const char *)data, size < 64 ? size : 64, d);
    return 0;
}
