/*
 * text.h - UTF-8 checks, decoding, case-folded keys, hashing, offset maps.
 *
 * Petrel keeps the article text exactly as given so that offsets index it;
 * matching works on keys: NFC, case-folded, accents stripped, curly apostrophes
 * made straight (utf8proc does the Unicode part, ASCII takes a fast path).
 */
#ifndef PETREL_TEXT_H
#define PETREL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Returns 0 if valid, else the byte offset + 1 of the first bad byte; *nul is set
 * when the problem is a NUL byte (binary data) rather than a bad sequence. */
size_t utf8_check(const char *s, size_t len, bool *nul);
/* ASCII with no NUL byte: valid UTF-8 (utf8_check passes it) whose byte
 * offsets are its code point offsets. */
bool text_is_ascii(const char *s, size_t len);

/* Decode one code point at s[i] (valid UTF-8 assumed), advancing *i. */
int32_t utf8_next_slow(const unsigned char *s, size_t len, size_t *i);
static inline int32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    if (s[*i] < 0x80)
        return s[(*i)++];
    return utf8_next_slow(s, len, i);
}
/* Decode the code point ending just before s[i], moving *i back. */
int32_t utf8_prev(const unsigned char *s, size_t *i);
int utf8_encode(int32_t cp, char out[4]);

/* Make a matching key: NFC + case fold + strip accents + apostrophe folding.
 * Writes into the arena; *out_len gets the length. Returns NULL on failure. */
char *text_key(arena *a, const char *s, size_t len, size_t *out_len);

/* Same, into a caller buffer (dictionary loading); returns length or -1 if it
 * does not fit. */
long text_key_buf(const char *s, size_t len, char *out, size_t cap);

/* 64-bit hash of bytes (FNV-1a variant with a final mix). Never returns 0. */
uint64_t hash_bytes(const void *p, size_t n);
/* The final mix of hash_bytes, for callers that ran the FNV-1a loop themselves
 * (from 0xcbf29ce484222325, multiplying by 0x100000001b3). */
static inline uint64_t hash_finish(uint64_t h)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h ? h : 1;
}
/* Eight bytes at a time (v: eight bytes of text, in any order): does one of
 * them equal c, or lie below n (n <= 128)? The usual zero-byte tests, exact
 * about whether there is one, not about which. */
#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGHS 0x8080808080808080ull
static inline bool swar_has_byte(uint64_t v, unsigned char c)
{
    uint64_t x = v ^ (SWAR_ONES * c);
    return ((x - SWAR_ONES) & ~x & SWAR_HIGHS) != 0;
}
static inline bool swar_has_less(uint64_t v, unsigned char n)
{
    return ((v - SWAR_ONES * n) & ~v & SWAR_HIGHS) != 0;
}
/* Combine a phrase hash with the next token's hash (order-sensitive). */
static inline uint64_t hash_combine(uint64_t h, uint64_t tok)
{
    h ^= tok + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

/* Byte offset -> code point offset for one text. Built once per document;
 * identity for pure ASCII, else one checkpoint every 64 bytes. */
typedef struct cp_map {
    const unsigned char *text;
    size_t len;
    bool ascii;
    uint32_t *checkpoints; /* code points before byte (i * 64) */
} cp_map;

/* ascii: the caller has seen that the text is (text_is_ascii), so it is not read again */
bool cp_map_init(cp_map *m, arena *a, const char *text, size_t len, bool ascii);
uint32_t cp_map_get(const cp_map *m, size_t byte_off);

/* Unicode classes the segmenter needs, for any code point; ASCII is decided
 * inline, the rest by utf8proc. */
bool uc_is_letter_slow(int32_t cp);
bool uc_is_upper_slow(int32_t cp);
bool uc_is_lower_slow(int32_t cp);
bool uc_is_digit_slow(int32_t cp);
static inline bool uc_is_letter(int32_t cp)
{
    return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') : uc_is_letter_slow(cp);
}
static inline bool uc_is_upper(int32_t cp)
{
    return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : uc_is_upper_slow(cp);
}
static inline bool uc_is_lower(int32_t cp)
{
    return cp < 0x80 ? (cp >= 'a' && cp <= 'z') : uc_is_lower_slow(cp);
}
static inline bool uc_is_digit(int32_t cp)
{
    return cp < 0x80 ? (cp >= '0' && cp <= '9') : uc_is_digit_slow(cp);
}
bool uc_is_space_slow(int32_t cp);
/* includes NBSP, thin spaces, line/paragraph separators */
static inline bool uc_is_space(int32_t cp)
{
    return cp < 0x80 ? (cp == ' ' || (cp >= '\t' && cp <= '\r')) : uc_is_space_slow(cp);
}
bool uc_is_mark(int32_t cp);
bool uc_is_dash(int32_t cp);  /* - ‐ ‑ ‒ – — ― */

#endif
