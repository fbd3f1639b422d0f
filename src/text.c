#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

size_t utf8_check(const char *str, size_t len, bool *nul)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    *nul = false;
    while (i < len) {
        /* ASCII runs dominate news text: check eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            /* a zero byte inside the word: find it below */
            if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = s[i];
        if (c == 0) {
            *nul = true;
            return i + 1;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            return i + 1;
        }
        if (i + n > len)
            return i + 1;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i + 1;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i + 1;
        i += n;
    }
    return 0;
}

bool text_is_ascii(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
#ifdef __SSE2__
    /* sixteen bytes a step: a byte with its top bit set, or a zero one,
     * sets a bit of the mask; the last step reads the final sixteen bytes,
     * overlapping the one before, rather than a byte at a time */
    if (len >= 16) {
        const __m128i zero = _mm_setzero_si128();
        for (;; i += 16) {
            if (len - i < 16)
                i = len - 16;
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
                return false;
            if (i + 16 == len)
                return true;
        }
    }
#endif
    for (; i < len; i++)
        if (s[i] == 0 || s[i] >= 0x80)
            return false;
    return true;
}

int32_t utf8_next_slow(const unsigned char *s, size_t len, size_t *i)
{
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    int32_t cp = (int32_t)(c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07));
    for (int k = 1; k < n && p + (size_t)k < len; k++)
        cp = (cp << 6) | (s[p + (size_t)k] & 0x3F);
    *i = p + (size_t)n > len ? len : p + (size_t)n;
    return cp;
}

int32_t utf8_prev(const unsigned char *s, size_t *i)
{
    size_t p = *i;
    if (p == 0)
        return -1;
    p--;
    while (p > 0 && (s[p] & 0xC0) == 0x80)
        p--;
    size_t q = p;
    *i = p;
    return utf8_next(s, (size_t)-1, &q);
}

int utf8_encode(int32_t cp, char out[4])
{
    return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* Apostrophe-like characters all become ASCII ' in keys: news mixes them freely. */
static bool is_apostrophe_cp(int32_t cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 || cp == 0x0060 ||
           cp == 0x2032;
}

long text_key_buf(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        if (len >= cap)
            return -1;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        out[o] = '\0';
        return (long)o;
    }
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped,
                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (n < 0)
        return -1;
    size_t i = 0;
    while (i < (size_t)n) {
        size_t start = i;
        int32_t cp = utf8_next(mapped, (size_t)n, &i);
        if (is_apostrophe_cp(cp)) {
            if (o + 1 >= cap)
                goto toolong;
            out[o++] = '\'';
        } else if (uc_is_dash(cp) && cp != '-') {
            if (o + 1 >= cap)
                goto toolong;
            out[o++] = '-';
        } else {
            size_t k = i - start;
            if (o + k >= cap)
                goto toolong;
            memcpy(out + o, mapped + start, k);
            o += k;
        }
    }
    free(mapped);
    out[o] = '\0';
    return (long)o;
toolong:
    free(mapped);
    return -1;
}

char *text_key(arena *a, const char *s, size_t len, size_t *out_len)
{
    /* Case folding can grow a string (ß -> ss); 3x covers every case utf8proc makes. */
    size_t cap = len * 3 + 8;
    char *buf = arena_alloc(a, cap);
    if (!buf)
        return NULL;
    long n = text_key_buf(s, len, buf, cap);
    if (n < 0)
        return NULL;
    *out_len = (size_t)n;
    return buf;
}

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

bool cp_map_init(cp_map *m, arena *a, const char *text, size_t len, bool ascii)
{
    m->text = (const unsigned char *)text;
    m->len = len;
    m->checkpoints = NULL;
    m->ascii = true;
    if (ascii)
        return true;
    /* eight bytes a step: any with its high bit set makes the text not ASCII */
    size_t at = 0;
    for (uint64_t v; len - at >= 8 && m->ascii; at += 8) {
        memcpy(&v, m->text + at, 8);
        m->ascii = !(v & SWAR_HIGHS);
    }
    for (; at < len && m->ascii; at++)
        if (m->text[at] >= 0x80)
            m->ascii = false;
    if (m->ascii)
        return true;
    size_t n = len / 64 + 1;
    m->checkpoints = arena_alloc(a, n * sizeof(uint32_t));
    if (!m->checkpoints)
        return false;
    uint32_t cps = 0;
    for (size_t b = 0; b < n; b++) {
        m->checkpoints[b] = cps;
        size_t end = (b + 1) * 64 < len ? (b + 1) * 64 : len;
        for (size_t i = b * 64; i < end; i++)
            cps += (m->text[i] & 0xC0) != 0x80;
    }
    return true;
}

uint32_t cp_map_get(const cp_map *m, size_t off)
{
    if (m->ascii)
        return (uint32_t)off;
    if (off > m->len)
        off = m->len;
    size_t b = off / 64;
    uint32_t cps = m->checkpoints[b];
    for (size_t i = b * 64; i < off; i++)
        cps += (m->text[i] & 0xC0) != 0x80;
    return cps;
}

bool uc_is_letter_slow(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool uc_is_upper_slow(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool uc_is_lower_slow(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool uc_is_digit_slow(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool uc_is_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

bool uc_is_space_slow(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    if (cp == 0xA0 || cp == 0x1680 || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || cp == 0xFEFF || cp == 0x200B)
        return true;
    /* direction marks and embeddings ("invited \u202a@handle", pasted from
     * social media) and the word joiner show nothing: they part words as a
     * space would, not as a symbol of their own (ZWJ and ZWNJ are inside words) */
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 ||
        (cp >= 0x2066 && cp <= 0x2069))
        return true;
    return cp >= 0x2000 && cp <= 0x200A;
}

bool uc_is_dash(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 ||
           cp == 0xFE63 || cp == 0xFF0D;
}
