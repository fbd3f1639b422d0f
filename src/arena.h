/*
 * arena.h - per-document bump allocator.
 *
 * Everything a document needs (tokens, sentences, mentions, records, strings)
 * comes from one arena that is reset between documents: no per-record free,
 * no leaks by construction, and the blocks are reused so a steady stream of
 * documents stops calling malloc once the arena has grown to the largest one.
 */
#ifndef PETREL_ARENA_H
#define PETREL_ARENA_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct arena_block arena_block;

/* In the header so that arena_alloc's common case, room in the current
 * block, is inline: a document makes hundreds of small allocations. */
struct arena_block {
    arena_block *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

typedef struct arena {
    arena_block *blocks;  /* every block owned, newest first */
    arena_block *current; /* block being filled */
    size_t block_size;
    size_t total;         /* bytes held in blocks */
} arena;

void arena_init(arena *a, size_t block_size);
/* arena_alloc when the current block has no room (or n is 0). */
void *arena_alloc_slow(arena *a, size_t n);
/* NULL only when malloc fails. Memory is 16-byte aligned and not zeroed. */
static inline void *arena_alloc(arena *a, size_t n)
{
    size_t r = (n + 15u) & ~(size_t)15u;
    arena_block *b = a->current;
    if (b && r && b->cap - b->used >= r) {
        void *p = b->data + b->used;
        b->used += r;
        return p;
    }
    return arena_alloc_slow(a, n);
}
void *arena_zalloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forget every allocation but keep the blocks for the next document. Blocks
 * beyond `keep` bytes are returned to malloc so one huge document does not pin
 * its memory for the rest of the run. */
void arena_reset(arena *a, size_t keep);
void arena_free(arena *a);

/* A growable array inside an arena: growth copies into a new allocation, the old
 * one is garbage until reset (amortised waste is under 2x). */
#define VEC(T)                                                                         \
    struct {                                                                           \
        T *items;                                                                      \
        uint32_t len, cap;                                                             \
    }

void *arena_grow(arena *a, void *items, uint32_t len, uint32_t *cap, size_t item_size);

/* Grow the array whose items pointer is at items_field. On failure the array is
 * left as it was: a caller that ignores one lost push still holds a whole array.
 * (memcpy because the field is a T *, not a void *.) */
static inline bool vec_grow(arena *a, void *items_field, uint32_t len, uint32_t *cap,
                            size_t item_size)
{
    void *items;
    memcpy(&items, items_field, sizeof items);
    void *grown = arena_grow(a, items, len, cap, item_size);
    if (!grown)
        return false;
    memcpy(items_field, &grown, sizeof grown);
    return true;
}

/* Room for n items in all, in one allocation, when a caller knows about how
 * many are coming (a dictionary from its file's size): growing to them would
 * copy each array several times. Never shrinks; false when out of memory,
 * the array left as it was. */
void *arena_reserve(arena *a, void *items, uint32_t len, uint32_t *cap, uint32_t n,
                    size_t item_size);
static inline bool vec_reserve(arena *a, void *items_field, uint32_t len, uint32_t *cap,
                               uint32_t n, size_t item_size)
{
    if (n <= *cap)
        return true;
    void *items;
    memcpy(&items, items_field, sizeof items);
    void *grown = arena_reserve(a, items, len, cap, n, item_size);
    if (!grown)
        return false;
    memcpy(items_field, &grown, sizeof grown);
    return true;
}
#define VEC_RESERVE(ar, v, n)                                                          \
    vec_reserve((ar), &(v)->items, (v)->len, &(v)->cap, (n), sizeof(*(v)->items))

/* The new element comes zeroed: arenas are reused from document to
 * document, and a field added to a struct would otherwise start with what an
 * earlier document left there. */
#define VEC_PUSH(ar, v)                                                                \
    (((v)->len < (v)->cap ||                                                           \
      vec_grow((ar), &(v)->items, (v)->len, &(v)->cap, sizeof(*(v)->items)))            \
         ? memset(&(v)->items[(v)->len++], 0, sizeof(*(v)->items))                     \
         : NULL)

#endif
