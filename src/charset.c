/*
 * charset.c - web pages to UTF-8 with glibc's iconv.
 *
 * Which encoding a page is in follows the browser's order (byte order mark,
 * transport, <meta>), and labels are read the WHATWG way, because that is how
 * the pages were written and checked by their authors: a page that says
 * iso-8859-1 and uses curly quotes from windows-1252 displays fine in every
 * browser, so it must decode fine here too.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "text.h"

/* WHATWG labels that mean another encoding than iconv would take them for. */
static const char *const label_map[][2] = {
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},         {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},      {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},     {"windows-1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"},   {"cp819", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
    {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
    {"gb2312", "GBK"},              {"gb_2312-80", "GBK"},
    {"x-gbk", "GBK"},               {"ks_c_5601-1987", "EUC-KR"},
    {"x-sjis", "SHIFT_JIS"},        {"sjis", "SHIFT_JIS"},
    {"ms932", "SHIFT_JIS"},         {"windows-31j", "SHIFT_JIS"},
    {"x-mac-roman", "MACINTOSH"},   {"macintosh", "MACINTOSH"},
};

static bool is_utf8_label(const char *l)
{
    return !strcmp(l, "utf-8") || !strcmp(l, "utf8") || !strcmp(l, "unicode-1-1-utf-8") ||
           !strcmp(l, "x-unicode20utf8");
}

/* The iconv name for a lower-cased label, or NULL for UTF-8. */
static const char *iconv_name(const char *label)
{
    if (is_utf8_label(label))
        return NULL;
    for (size_t i = 0; i < sizeof label_map / sizeof *label_map; i++)
        if (!strcmp(label, label_map[i][0]))
            return label_map[i][1];
    return label;
}

static int convert(const char *from, const char *in, size_t len, char **out, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return 1;
    /* four bytes out per byte in covers every legacy encoding */
    size_t cap = len * 4 + 16;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return -1;
    }
    char *ip = (char *)in, *op = buf;
    size_t il = len, ol = cap - 1;
    while (il > 0) {
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) { /* cannot happen with the bound above; stop cleanly */
            break;
        }
        /* a byte that does not decode (EILSEQ) or a sequence cut off at the end
         * (EINVAL): U+FFFD for one byte, then go on */
        if (ol < 3)
            break;
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        ol -= 3;
        ip++;
        il--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return 0;
}

static void lower_label(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] | 0x20) : in[i];
    out[i] = '\0';
}

int html_to_utf8(const char *data, size_t len, const char *transport_charset, const char **out,
                 size_t *out_len, char **owned, char *warn, size_t warn_cap)
{
    warn[0] = '\0';
    *owned = NULL;
    *out = data;
    *out_len = len;
    const unsigned char *u = (const unsigned char *)data;
    char label[64] = "";
    const char *from = NULL;
    bool declared = true;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *out = data + 3;
        *out_len = len - 3;
        return 0;
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        from = "UTF-16LE";
        data += 2;
        len -= 2;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        from = "UTF-16BE";
        data += 2;
        len -= 2;
    } else {
        if (transport_charset && *transport_charset)
            lower_label(transport_charset, label, sizeof label);
        else if (!html_meta_charset(data, len, label, sizeof label))
            declared = false;
        /* a <meta> that claims UTF-16 was read as ASCII, so it is not UTF-16 */
        if (declared && !strncmp(label, "utf-16", 6) && !transport_charset)
            strcpy(label, "utf-8");
        if (declared)
            from = iconv_name(label);
        if (!declared) {
            bool nul;
            if (utf8_check(data, len, &nul) == 0 || nul)
                return 0;
            from = "WINDOWS-1252"; /* what browsers assume for undeclared Western pages */
        }
    }
    if (!from)
        return 0; /* UTF-8: invalid bytes become U+FFFD in the parser */
    char *buf;
    size_t n;
    int r = convert(from, data, len, &buf, &n);
    if (r < 0)
        return -1;
    if (r > 0) {
        snprintf(warn, warn_cap, "unknown charset \"%.40s\"; read as UTF-8", label);
        return 0;
    }
    *out = *owned = buf;
    *out_len = n;
    return 0;
}
