#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In AddressSanitizer builds the old copy of a grown array is poisoned, so a
 * pointer kept across a push that moved its array fails at once, on any
 * document. Otherwise the old copy stays readable until the document ends
 * (only a big array's realloc frees it), and such a bug shows only in texts
 * long enough to grow an array past an arena block. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define poison(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define poison(p, n) ((void)(p), (void)(n))
#define unpoison(p, n) ((void)(p), (void)(n))
#endif

void arena_init(arena *a, size_t block_size)
{
    a->blocks = a->current = NULL;
    a->block_size = block_size ? block_size : (64u << 10);
    a->total = 0;
}

static arena_block *block_new(arena *a, size_t need)
{
    size_t cap = need > a->block_size ? need : a->block_size;
    arena_block *b = malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->cap = cap;
    b->used = 0;
    b->next = a->blocks;
    a->blocks = b;
    a->total += cap;
    return b;
}

void *arena_alloc_slow(arena *a, size_t n)
{
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0)
        n = 16;
    arena_block *b = a->current;
    if (!b || b->cap - b->used < n) {
        /* Reuse a kept block that has room before asking malloc: after a reset
         * all kept blocks are empty and chained from a->blocks. */
        b = NULL;
        for (arena_block *k = a->blocks; k; k = k->next)
            if (k->used == 0 && k->cap >= n && k != a->current) {
                b = k;
                break;
            }
        if (!b)
            b = block_new(a, n);
        if (!b)
            return NULL;
        if (n < a->block_size)
            a->current = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *arena_zalloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(arena *a, void *items, uint32_t len, uint32_t *cap, size_t item_size)
{
    uint32_t ncap = *cap ? *cap * 2 : 16;
    if (ncap < *cap) /* overflow */
        return NULL;
    size_t old_bytes = ((size_t)*cap * item_size + 15u) & ~(size_t)15u;
    /* A big array lives alone in its own block: grow that block in place
     * (realloc) instead of leaving the old copy behind as garbage, and grow by
     * half rather than double, so a huge document costs what it holds. */
    if (items && old_bytes >= a->block_size) {
        ncap = *cap + *cap / 2;
        arena_block **pp = &a->blocks;
        while (*pp && (void *)(*pp)->data != items)
            pp = &(*pp)->next;
        arena_block *b = *pp;
        if (b && b->used == old_bytes && b != a->current) {
            size_t nbytes = ((size_t)ncap * item_size + 15u) & ~(size_t)15u;
            arena_block *nb = realloc(b, sizeof *nb + nbytes);
            if (!nb)
                return NULL;
            *pp = nb;
            a->total += nbytes - nb->cap;
            nb->cap = nb->used = nbytes;
            *cap = ncap;
            return nb->data;
        }
    }
    return arena_reserve(a, items, len, cap, ncap, item_size);
}

void *arena_reserve(arena *a, void *items, uint32_t len, uint32_t *cap, uint32_t n,
                    size_t item_size)
{
    /* a block of its own when large, as arena_grow's would be, so that
     * growing past n later reallocates it in place */
    void *p = arena_alloc(a, (size_t)n * item_size);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, items, (size_t)len * item_size);
    if (items)
        poison(items, ((size_t)*cap * item_size + 15u) & ~(size_t)15u);
    *cap = n;
    return p;
}

void arena_reset(arena *a, size_t keep)
{
    size_t kept = 0;
    arena_block **pp = &a->blocks;
    while (*pp) {
        arena_block *b = *pp;
        if (kept + b->cap > keep && kept > 0) {
            *pp = b->next;
            a->total -= b->cap;
            free(b);
            continue;
        }
        kept += b->cap;
        b->used = 0;
        unpoison(b->data, b->cap);
        pp = &b->next;
    }
    a->current = a->blocks;
}

void arena_free(arena *a)
{
    arena_block *b = a->blocks;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->blocks = a->current = NULL;
    a->total = 0;
}
