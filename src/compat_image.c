/*
 * compat_image.c - TABARI / PETRARCH dictionaries compiled: the store as
 * compat_finish leaves it, written to one file that loads without parsing.
 *
 * Why: parsing TABARI's full dictionaries takes Petrel about 50 ms, as long
 * as coding 5,000 sentences, and every process pays it again (one per
 * `parallel --pipe` block). An image loads in a few milliseconds: one read,
 * string offsets turned back into pointers, every index checked.
 *
 * The file: a header (magic, the store's identity, where each part is), the
 * store's scalar fields, each array raw, then the strings. A string field
 * holds its offset + 1 in the strings (0 = NULL); fields that point to the
 * same string point to the same offset, because the coder compares interned
 * codes by address. Records are written in this machine's layout: the header
 * names the layout, and an image from another build of Petrel (another
 * compat_int.h, PETREL_STORE_ID) is refused, not misread.
 *
 * An image is input like any other file: a damaged or crafted one must be
 * refused with a reason, never crash the coder or hang it. So the reader
 * checks every index against the array it points into, and that every chain
 * and list the coder walks ends. The literal hash table is stored too
 * (rebuilding it was a fifth of loading): its size must be the one the writer
 * picks, every entry must name a literal and at most half its slots may be
 * used, so a lookup ends no later than in a table built from the literals; a
 * wrong tag or position only makes a lookup miss.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat_int.h"

#ifndef PETREL_STORE_ID
#define PETREL_STORE_ID "unversioned"
#endif

static const char image_magic[8] = {'P', 'E', 'T', 'R', 'E', 'L', 'D', 'C'};
/* Raised when what the file holds changes but no record's size does (2: the
 * literal table): PETREL_STORE_ID and image_layout() would not see it. */
#define IMAGE_VERSION 2u
#define IMAGE_MAX (1ull << 31)

enum image_array {
    IA_LITS,
    IA_PELS,
    IA_ROOTS,
    IA_VINFOS,
    IA_PATS,
    IA_ECODES,
    IA_ACODES,
    IA_CALTS,
    IA_CITEMS,
    IA_AGENTS,
    IA_TCODES,
    IA_SYNFIRST,
    IA_CHAIN,
    IA_VPATS,
    IA_VIDX_OFF,
    IA_VIDX_POS,
    IA__COUNT
};

/* Where each array's VEC is in the store, and its record size. Every VEC(T)
 * is laid out as { T *items; uint32_t len, cap; }. */
typedef VEC(char) any_vec;
#define ARRAY(field, type) {offsetof(compat, field), sizeof(type)}
static const struct {
    size_t at, size;
} arrays[IA__COUNT] = {
    [IA_LITS] = ARRAY(lits, clit),           [IA_PELS] = ARRAY(pels, cpel),
    [IA_ROOTS] = ARRAY(roots, croot),        [IA_VINFOS] = ARRAY(vinfos, vinfo),
    [IA_PATS] = ARRAY(pats, cpat),           [IA_ECODES] = ARRAY(ecodes, ecode),
    [IA_ACODES] = ARRAY(acodes, acode),      [IA_CALTS] = ARRAY(calts, calt),
    [IA_CITEMS] = ARRAY(citems, citem),      [IA_AGENTS] = ARRAY(agents, cagent),
    [IA_TCODES] = ARRAY(tcodes, ctime_code), [IA_SYNFIRST] = ARRAY(synfirst, int32_t),
    [IA_CHAIN] = ARRAY(chain, cchain),       [IA_VPATS] = ARRAY(vpats, cvpat),
    [IA_VIDX_OFF] = ARRAY(vidx_off, int32_t), [IA_VIDX_POS] = ARRAY(vidx_pos, uint16_t),
};

typedef struct image_span {
    uint64_t off;
    uint32_t count, size;
} image_span;

typedef struct image_head {
    char magic[8];
    char store[24]; /* PETREL_STORE_ID */
    uint32_t byte_order; /* 0x01020304 as the writer stored it */
    uint32_t layout;     /* image_layout() */
    uint64_t size;       /* of the whole file */
    image_span lit_slots; /* compat.lit_slots, lit_cap of them */
    image_span scalars;  /* one struct compat: only its scalar fields are read */
    image_span array[IA__COUNT];
    image_span strings;
} image_head;

_Static_assert(sizeof(const char *) == sizeof(uint64_t), "string fields hold 64-bit offsets");

/* The sizes of everything stored raw: a build whose records differ has
 * another layout and cannot read the image. */
static uint32_t image_layout(void)
{
    const size_t sizes[] = {sizeof(compat), sizeof(copts), sizeof(image_head), sizeof(cquick),
                            sizeof(any_vec), IA__COUNT};
    uint32_t h = 2166136261u ^ IMAGE_VERSION;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        h = (h ^ (uint32_t)sizes[i]) * 16777619u;
    for (int i = 0; i < IA__COUNT; i++)
        h = (h ^ (uint32_t)arrays[i].size) * 16777619u;
    return h;
}

/* The literal table's size for n literals: as compat_lit grows it, the
 * smallest power of two from 4096 that keeps it less than half full. */
static uint32_t lit_cap_for(uint32_t n)
{
    uint32_t cap = 4096;
    while (cap <= n * 2)
        cap *= 2;
    return cap;
}

static any_vec *vec_at(compat *c, int i) { return (any_vec *)((char *)c + arrays[i].at); }
static const any_vec *cvec_at(const compat *c, int i)
{
    return (const any_vec *)((const char *)c + arrays[i].at);
}

/* ------------------------------------------------------------ writing */

typedef struct out {
    char *p;
    size_t len, cap;
    bool failed;
    /* strings already written: address -> offset + 1 */
    const char **seen;
    uint64_t *seen_at;
    size_t seen_cap;
    char *strs;
    size_t strs_len, strs_cap;
} out;

static bool out_room(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 1u << 16;
    while (ncap < need)
        ncap *= 2;
    char *np = realloc(*p, ncap);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

/* Appends n bytes at an 8-byte boundary; their offset, or 0 on failure. */
static size_t out_put(out *o, const void *data, size_t n)
{
    size_t at = (o->len + 7) & ~(size_t)7;
    if (o->failed || !out_room(&o->p, &o->cap, at + n)) {
        o->failed = true;
        return 0;
    }
    memset(o->p + o->len, 0, at - o->len);
    if (n)
        memcpy(o->p + at, data, n);
    o->len = at + n;
    return at;
}

/* A string field's stored value: its offset + 1 in the strings, 0 for NULL. */
static uint64_t out_string(out *o, const char *s)
{
    if (!s || o->failed)
        return 0;
    size_t k = ((uintptr_t)s >> 3) * 0x9e3779b97f4a7c15ull >> 20 & (o->seen_cap - 1);
    for (; o->seen[k]; k = (k + 1) & (o->seen_cap - 1))
        if (o->seen[k] == s)
            return o->seen_at[k];
    size_t n = strlen(s) + 1;
    if (!out_room(&o->strs, &o->strs_cap, o->strs_len + n)) {
        o->failed = true;
        return 0;
    }
    memcpy(o->strs + o->strs_len, s, n);
    o->seen[k] = s;
    o->seen_at[k] = o->strs_len + 1;
    o->strs_len += n;
    return o->seen_at[k];
}

#define PUT_STRING(o, field)                                                                   \
    do {                                                                                       \
        uint64_t v_ = out_string(o, field);                                                    \
        memcpy(&(field), &v_, sizeof v_);                                                      \
    } while (0)

/* The copy of array i just written at off: its string fields as offsets. */
static void swizzle(out *o, int i, size_t off, uint32_t n)
{
    for (uint32_t k = 0; k < n && !o->failed; k++) {
        char *rec = o->p + off + (size_t)k * arrays[i].size;
        switch (i) {
        case IA_LITS:
            PUT_STRING(o, ((clit *)rec)->s);
            break;
        case IA_ROOTS:
            PUT_STRING(o, ((croot *)rec)->text);
            break;
        case IA_VINFOS:
            PUT_STRING(o, ((vinfo *)rec)->text);
            break;
        case IA_PATS:
            PUT_STRING(o, ((cpat *)rec)->text);
            break;
        case IA_ECODES:
            PUT_STRING(o, ((ecode *)rec)->code);
            PUT_STRING(o, ((ecode *)rec)->pair);
            break;
        case IA_CITEMS:
            PUT_STRING(o, ((citem *)rec)->actor);
            PUT_STRING(o, ((citem *)rec)->agent);
            break;
        case IA_AGENTS:
            PUT_STRING(o, ((cagent *)rec)->code);
            break;
        case IA_TCODES:
            PUT_STRING(o, ((ctime_code *)rec)->special);
            break;
        default:
            return; /* no strings */
        }
    }
}

int compat_image_write(const lexicon *lx, const char *path, petrel_error *err)
{
    const compat *c = lx->compat;
    if (!c || !lx->finished) {
        err->code = PETREL_ERR_USAGE;
        snprintf(err->message, sizeof err->message,
                 "no TABARI or PETRARCH dictionaries are loaded: there is nothing to compile");
        return PETREL_ERR_USAGE;
    }
    out o = {0};
    size_t strings = 16;
    for (int i = 0; i < IA__COUNT; i++)
        strings += 2 * cvec_at(c, i)->len;
    o.seen_cap = 1;
    while (o.seen_cap < strings * 2)
        o.seen_cap *= 2;
    o.seen = calloc(o.seen_cap, sizeof *o.seen);
    o.seen_at = calloc(o.seen_cap, sizeof *o.seen_at);
    o.failed = !o.seen || !o.seen_at;

    image_head head = {0};
    memcpy(head.magic, image_magic, sizeof head.magic);
    snprintf(head.store, sizeof head.store, "%s", PETREL_STORE_ID);
    head.byte_order = 0x01020304u;
    head.layout = image_layout();
    out_put(&o, &head, sizeof head);

    /* the scalars: every pointer is cleared, the codes and defaults kept as
     * string offsets */
    compat sc = *c;
    for (int i = 0; i < IA__COUNT; i++) {
        any_vec *v = vec_at(&sc, i);
        v->items = NULL;
        v->cap = v->len;
    }
    sc.lx = NULL;
    sc.lit_slots = NULL;
    sc.chain_hot = sc.vpat_hot = NULL;
    sc.str_slots = NULL;
    sc.str_cap = sc.str_count = 0;
    sc.dup_slots = NULL;
    sc.dup_cap = sc.dup_count = 0;
    sc.image = NULL;
    PUT_STRING(&o, sc.null_code);
    PUT_STRING(&o, sc.discard_code);
    PUT_STRING(&o, sc.complex_code);
    PUT_STRING(&o, sc.elite_code);
    PUT_STRING(&o, sc.opt.def_src_code);
    PUT_STRING(&o, sc.opt.def_tar_code);
    size_t scalars = out_put(&o, &sc, sizeof sc);
    head.scalars = (image_span){scalars, 1, sizeof sc};

    /* built again at the size the reader expects, whatever the store grew to */
    uint32_t cap = lit_cap_for(c->lits.len);
    uint64_t *slots = compat_lit_table(c, cap);
    o.failed |= !slots;
    size_t slots_at = out_put(&o, slots, (size_t)cap * sizeof *slots);
    head.lit_slots = (image_span){slots_at, cap, sizeof *slots};
    free(slots);
    for (int i = 0; i < IA__COUNT; i++) {
        const any_vec *v = cvec_at(c, i);
        size_t at = out_put(&o, v->items, (size_t)v->len * arrays[i].size);
        swizzle(&o, i, at, v->len);
        head.array[i] = (image_span){at, v->len, (uint32_t)arrays[i].size};
    }
    size_t at = out_put(&o, o.strs, o.strs_len);
    head.strings = (image_span){at, (uint32_t)o.strs_len, 1};
    head.size = o.len;
    if (!o.failed)
        memcpy(o.p, &head, sizeof head);
    free(o.seen);
    free(o.seen_at);
    free(o.strs);
    if (o.failed || o.strs_len > UINT32_MAX) {
        free(o.p);
        err->code = PETREL_ERR_NOMEM;
        snprintf(err->message, sizeof err->message, "out of memory compiling the dictionaries");
        return PETREL_ERR_NOMEM;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(o.p, 1, o.len, f) == o.len;
    if (f && fclose(f))
        ok = false;
    free(o.p);
    if (!ok) {
        err->code = PETREL_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot write the compiled dictionaries");
        snprintf(err->file, sizeof err->file, "%s", path);
        return PETREL_ERR_IO;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ reading */

int compat_image_read(const char *path, char **buf, size_t *len, petrel_error *err)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return PETREL_OK; /* the ordinary reader says why */
    char magic[sizeof image_magic];
    struct stat st;
    if (read(fd, magic, sizeof magic) != (ssize_t)sizeof magic ||
        memcmp(magic, image_magic, sizeof magic) || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return PETREL_OK;
    }
    /* in huge pages where the kernel has them: the store is read at random
     * all through coding, and loading it 4 KB at a time was 3,000 page faults */
    size_t n = (size_t)st.st_size, huge = 2u << 20;
    size_t cap = (n + huge - 1) / huge * huge;
    char *p = NULL;
    if ((uint64_t)st.st_size > IMAGE_MAX || posix_memalign((void **)&p, huge, cap)) {
        close(fd);
        int rc = (uint64_t)st.st_size > IMAGE_MAX ? PETREL_ERR_TOO_BIG : PETREL_ERR_NOMEM;
        if (err) {
            err->code = rc;
            snprintf(err->file, sizeof err->file, "%s", path);
            snprintf(err->message, sizeof err->message, "compiled dictionary is too large to load");
        }
        return rc;
    }
#ifdef MADV_HUGEPAGE
    madvise(p, cap, MADV_HUGEPAGE);
#endif
    memcpy(p, magic, sizeof magic);
    size_t got = sizeof magic;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    *buf = p;
    *len = got; /* short: compat_image_load finds it truncated */
    return PETREL_OK;
}

typedef struct in {
    const char *strs;
    size_t strs_len;
} in;

/* A string field back to a pointer; need: bytes the field must have
 * (clit.len), which the coder compares without looking for the end. */
static bool get_string(const in *m, const char **field, bool nullable, size_t need)
{
    uint64_t v;
    memcpy(&v, field, sizeof v);
    if (!v) {
        *field = NULL;
        return nullable;
    }
    if (v - 1 >= m->strs_len || need >= m->strs_len - (v - 1))
        return false;
    *field = m->strs + (v - 1);
    return true;
}

#define IN(i, n) ((i) >= 0 && (uint32_t)(i) < (n))
#define OPT(i, n) ((i) == -1 || IN(i, n))

static bool quick_eq(const cquick *a, const cquick *b)
{
    return a->n == b->n && a->bit[0] == b->bit[0] && a->bit[1] == b->bit[1] &&
           a->bit[2] == b->bit[2] && a->bit[3] == b->bit[3];
}

static bool quick_ok(const cquick *q)
{
    return q->n <= CQ_MAX && q->bit[0] < CQ_WORDS * 64 && q->bit[1] < CQ_WORDS * 64 &&
           q->bit[2] < CQ_WORDS * 64 && q->bit[3] < CQ_WORDS * 64;
}

/* What the coder reads a vinfo's codes as, from the roots that use it: a
 * vinfo may only ever be read one way. */
enum { VK_NONE, VK_EVENT, VK_TIME, VK_SYNSET };

/* A vinfo's pattern list must end after n_pat patterns. PETRARCH's verbs of
 * one block share one list: checked_len[head] remembers a list checked
 * whole (its length + 1, and the kind its codes were checked for), so each
 * is walked once. */
static const char *check_pattern_list(const compat *c, const vinfo *v, uint8_t kind,
                                      uint32_t *checked_len, uint8_t *checked_kind)
{
    int32_t head = v->first_pat;
    if (head == -1)
        return v->n_pat ? "a verb's pattern count is wrong" : NULL;
    if (!IN(head, c->pats.len) || v->n_pat >= c->pats.len + 1u)
        return "a verb's pattern list is broken";
    if (checked_len[head] == v->n_pat + 1 && checked_kind[head] == kind)
        return NULL;
    uint32_t steps = 0;
    for (int32_t p = head; p != -1; p = c->pats.items[p].next) {
        if (!IN(p, c->pats.len) || ++steps > v->n_pat)
            return "a verb's pattern list is broken";
        int32_t code = c->pats.items[p].code;
        if (code != -1 && !(kind == VK_TIME ? IN(code, c->tcodes.len) : IN(code, c->ecodes.len)))
            return "a pattern's code is out of range";
    }
    if (steps != v->n_pat)
        return "a verb's pattern count is wrong";
    checked_len[head] = v->n_pat + 1;
    checked_kind[head] = kind;
    return NULL;
}

/* NULL when the store is whole, else what is wrong with it. */
static const char *check_store(const compat *c)
{
    uint32_t nlits = c->lits.len, nroots = c->roots.len, npels = c->pels.len;
    if (nlits < LIT_FIRST || !npels || c->pels.items[npels - 1].lit != LIT_NONE)
        return "the literal or phrase table is incomplete";
    /* a synonym-set element names a set's root, whose code the matcher
     * reads as the set's vinfo */
    for (uint32_t i = 0; i < npels; i++) {
        const cpel *e = &c->pels.items[i];
        if ((e->conn & CONN_SYN) ? !IN(e->lit, nroots) || c->roots.items[e->lit].type != CW_SYNYM
                                 : !IN(e->lit, nlits))
            return "a phrase names an entry that does not exist";
    }
    /* a walk over a chain stops at a CW_HALT entry whose quick bits are 0
     * (always set in a bloom): each chain must end in one */
    if (c->chain.len >= CHAIN_MAX ||
        (c->chain.len && c->chain.items[c->chain.len - 1].type != CW_HALT))
        return "the last root chain does not end";
    for (uint32_t i = 0; i < nlits; i++) {
        const clit *l = &c->lits.items[i];
        if (!OPT(l->first_root, nroots) || !OPT(l->last_root, nroots) || l->chain < 0 ||
            l->nchain < 0 || (int64_t)l->chain + l->nchain >= (int64_t)c->chain.len + !l->nchain ||
            (l->nchain && c->chain.items[l->chain + l->nchain].type != CW_HALT))
            return "a literal's roots are out of range";
    }
    /* a chain entry is a copy of its root's type, phrase and quick bits,
     * which the coder trusts to match (an ACTOR entry's root code is read as
     * an actor code): they must agree */
    for (uint32_t i = 0; i < c->chain.len; i++) {
        const cchain *e = &c->chain.items[i];
        if (e->type == CW_HALT ? e->q.bit[0] || e->q.bit[1]
                               : !IN(e->root, nroots) || e->type != c->roots.items[e->root].type ||
                                     e->phrase != c->roots.items[e->root].phrase ||
                                     !quick_eq(&e->q, &c->roots.items[e->root].q))
            return "a root chain entry is out of range";
    }
    uint8_t *kind = calloc(c->vinfos.len + 1, 1);
    uint32_t *checked_len = calloc(c->pats.len + 1, sizeof *checked_len);
    uint8_t *checked_kind = calloc(c->pats.len + 1, 1);
    const char *why = kind && checked_len && checked_kind ? NULL : "out of memory";
    for (uint32_t r = 0; r < nroots && !why; r++) {
        const croot *rt = &c->roots.items[r];
        if (!IN(rt->phrase, npels) || rt->type >= CW_HALT || !quick_ok(&rt->q) ||
            !OPT(rt->parent, nroots) || (rt->next_start != -1 && (rt->next_start <= (int32_t)r ||
                                                                  !IN(rt->next_start, nroots)))) {
            why = "a root is out of range";
            break;
        }
        uint8_t k = VK_NONE;
        bool ok = true;
        switch (rt->type) {
        case CW_ACTOR:
            ok = OPT(rt->code, c->acodes.len);
            break;
        case CW_AGENT:
            ok = OPT(rt->code, c->agents.len);
            break;
        case CW_VERB:
        case CW_ATTRIB:
            k = VK_EVENT;
            break;
        case CW_TIME:
            k = VK_TIME;
            break;
        case CW_SYNYM:
            k = VK_SYNSET;
            break;
        default:
            break;
        }
        if (k != VK_NONE && rt->code != -1) {
            ok = IN(rt->code, c->vinfos.len) && (!kind[rt->code] || kind[rt->code] == k);
            if (ok)
                kind[rt->code] = k;
        }
        if (!ok)
            why = "a root's code is out of range";
    }
    for (uint32_t i = 0; i < c->vinfos.len && !why; i++) {
        const vinfo *v = &c->vinfos.items[i];
        bool ok = (kind[i] == VK_TIME ? OPT(v->code, c->tcodes.len)
                                      : OPT(v->code, c->ecodes.len)) &&
                  (uint64_t)(uint32_t)v->vpat + v->n_pat <= c->vpats.len && v->vpat >= 0 &&
                  OPT(v->last_pat, c->pats.len) && v->first_lits >= 0 &&
                  (uint64_t)(uint32_t)v->first_lits + v->n_first <= c->synfirst.len;
        if (ok && v->vidx != -1) {
            ok = v->n_pat >= VIDX_MIN && v->n_pat <= VIDX_MAX && v->vidx >= 0 &&
                 (uint64_t)(uint32_t)v->vidx + CQ_WORDS * 64 + 1 <= c->vidx_off.len;
            const int32_t *off = ok ? c->vidx_off.items + v->vidx : NULL;
            for (uint32_t b = 0; ok && b < CQ_WORDS * 64; b++) {
                ok = off[b] >= 0 && off[b] <= off[b + 1] &&
                     (uint32_t)off[b + 1] <= c->vidx_pos.len;
                for (int32_t j = off[b]; ok && j < off[b + 1]; j++)
                    ok = c->vidx_pos.items[j] < v->n_pat;
            }
        }
        if (!ok) {
            why = "a verb's entry is out of range";
            break;
        }
        why = check_pattern_list(c, v, kind[i], checked_len, checked_kind);
    }
    for (uint32_t i = 0; i < c->pats.len && !why; i++)
        if (!IN(c->pats.items[i].phrase, npels) || !quick_ok(&c->pats.items[i].q))
            why = "a pattern is out of range";
    for (uint32_t i = 0; i < c->vpats.len && !why; i++) {
        const cvpat *vp = &c->vpats.items[i];
        if (!IN(vp->pat, c->pats.len) || vp->length != c->pats.items[vp->pat].length ||
            !quick_eq(&vp->q, &c->pats.items[vp->pat].q))
            why = "a verb's pattern index is out of range";
    }
    free(kind);
    free(checked_len);
    free(checked_kind);
    if (why)
        return why;
    for (uint32_t i = 0; i < c->synfirst.len; i++)
        if (!IN(c->synfirst.items[i], nlits))
            return "a synonym set names a literal that does not exist";
    for (uint32_t i = 0; i < c->acodes.len; i++) {
        const acode *a = &c->acodes.items[i];
        if (a->first_alt < 0 || (uint64_t)(uint32_t)a->first_alt + a->n_alt > c->calts.len)
            return "an actor code is out of range";
    }
    for (uint32_t i = 0; i < c->calts.len; i++) {
        const calt *a = &c->calts.items[i];
        if (a->kind > AD_RANGE || a->first_item < 0 ||
            (uint64_t)(uint32_t)a->first_item + a->n_items > c->citems.len)
            return "an actor code's dates are out of range";
    }
    if (!OPT(c->root_former, nroots) || !OPT(c->lit_the, nlits) ||
        !OPT(c->elite_agent, c->agents.len))
        return "a built-in word is out of range";
    return NULL;
}

/* A bool read from the file as the byte it is: any value but 0 or 1 in a
 * bool is undefined behaviour to load. */
#define NORM_BOOL(field)                                                                       \
    do {                                                                                       \
        uint8_t b_;                                                                            \
        memcpy(&b_, &(field), 1);                                                              \
        (field) = b_ != 0;                                                                     \
    } while (0)

static void norm_options(copts *o)
{
    NORM_BOOL(o->cx_noactprior);
    NORM_BOOL(o->cx_noactafter);
    NORM_BOOL(o->cx_nosource);
    NORM_BOOL(o->cx_noverb);
    NORM_BOOL(o->cx_notarget);
    NORM_BOOL(o->cx_noevent);
    NORM_BOOL(o->cx_explain);
    NORM_BOOL(o->cx_check);
    NORM_BOOL(o->time_shift);
    NORM_BOOL(o->conv_agent);
    NORM_BOOL(o->fbis);
    NORM_BOOL(o->yyyy);
    NORM_BOOL(o->labels);
    NORM_BOOL(o->dup_warning);
    NORM_BOOL(o->same_actors);
    NORM_BOOL(o->def_src);
    NORM_BOOL(o->def_tar);
    NORM_BOOL(o->def_prior);
    NORM_BOOL(o->def_after);
    NORM_BOOL(o->forward);
}

/* The strings of every array back to pointers (see swizzle), and their
 * bools made bools. */
static bool unswizzle(compat *c, const in *m)
{
    bool ok = true;
    for (uint32_t i = 0; i < c->vinfos.len; i++)
        NORM_BOOL(c->vinfos.items[i].open);
    for (uint32_t i = 0; i < c->acodes.len; i++)
        NORM_BOOL(c->acodes.items[i].dated_first);
    for (uint32_t i = 0; i < c->agents.len; i++)
        NORM_BOOL(c->agents.items[i].after_actor);
    for (uint32_t i = 0; i < c->lits.len && ok; i++)
        ok = get_string(m, &c->lits.items[i].s, false, c->lits.items[i].len);
    for (uint32_t i = 0; i < c->roots.len && ok; i++)
        ok = get_string(m, &c->roots.items[i].text, false, 0);
    for (uint32_t i = 0; i < c->vinfos.len && ok; i++)
        ok = get_string(m, &c->vinfos.items[i].text, true, 0);
    for (uint32_t i = 0; i < c->pats.len && ok; i++)
        ok = get_string(m, &c->pats.items[i].text, false, 0);
    for (uint32_t i = 0; i < c->ecodes.len && ok; i++)
        ok = get_string(m, &c->ecodes.items[i].code, false, 0) &&
             get_string(m, &c->ecodes.items[i].pair, true, 0);
    for (uint32_t i = 0; i < c->citems.len && ok; i++)
        ok = get_string(m, &c->citems.items[i].actor, true, 0) &&
             get_string(m, &c->citems.items[i].agent, true, 0);
    for (uint32_t i = 0; i < c->agents.len && ok; i++)
        ok = get_string(m, &c->agents.items[i].code, false, 0);
    for (uint32_t i = 0; i < c->tcodes.len && ok; i++)
        ok = get_string(m, &c->tcodes.items[i].special, true, 0);
    return ok;
}

/* In one pass: every used slot names a literal, and no more slots are used
 * than there are literals (lit_cap_for leaves over half empty). A slot is
 * read as two 32-bit halves so that the loop is vectorised (3x faster). */
static bool lit_table_ok(const uint64_t *slots, uint32_t cap, uint32_t nlits)
{
    uint32_t used = 0, bad = 0;
    for (uint32_t s = 0; s < cap; s++) {
        uint32_t id = (uint32_t)slots[s], tag = (uint32_t)(slots[s] >> 32);
        uint32_t u = (id | tag) != 0;
        used += u;
        bad |= u & (id - LIT_FIRST >= nlits - LIT_FIRST);
    }
    return !bad && used <= nlits - LIT_FIRST;
}

static bool span_ok(const image_span *s, size_t size, size_t len)
{
    return s->size == size && !(s->off & 7) && s->off <= len &&
           (uint64_t)s->count * s->size <= len - s->off;
}

int compat_image_load(lexicon *lx, char *buf, size_t len, uint16_t file, petrel_error *first)
{
    if (lx->compat) {
        lex_problem(lx, first, false, file, 0,
                    "a compiled dictionary cannot be added to other TABARI or PETRARCH "
                    "dictionaries: compile them together");
        return PETREL_ERR_DICT;
    }
    image_head h;
    if (len < sizeof h) {
        lex_problem(lx, first, false, file, 0, "compiled dictionary is truncated");
        return PETREL_ERR_DICT;
    }
    memcpy(&h, buf, sizeof h);
    if (h.byte_order != 0x01020304u || h.layout != image_layout() ||
        strncmp(h.store, PETREL_STORE_ID, sizeof h.store)) {
        lex_problem(lx, first, false, file, 0,
                    "compiled by another build of petrel; compile the dictionaries again "
                    "(petrel dict compile)");
        return PETREL_ERR_DICT;
    }
    const char *why = NULL;
    if (h.size != len)
        why = "compiled dictionary is truncated or has bytes after its end";
    else if (!span_ok(&h.scalars, sizeof(compat), len) || h.scalars.count != 1 ||
             !span_ok(&h.strings, 1, len) || !h.strings.count ||
             buf[h.strings.off + h.strings.count - 1] != '\0')
        why = "compiled dictionary is damaged (its header)";
    for (int i = 0; i < IA__COUNT && !why; i++)
        if (!span_ok(&h.array[i], arrays[i].size, len))
            why = "compiled dictionary is damaged (an array's extent)";
    if (!why && (!span_ok(&h.lit_slots, sizeof(uint64_t), len) ||
                 h.lit_slots.count != lit_cap_for(h.array[IA_LITS].count)))
        why = "compiled dictionary is damaged (the literal table's extent)";
    if (why) {
        lex_problem(lx, first, false, file, 0, "%s", why);
        return PETREL_ERR_DICT;
    }
    compat *c = calloc(1, sizeof *c);
    if (!c)
        return PETREL_ERR_NOMEM;
    /* the scalar fields by name: a pointer from the file is never used */
    compat sc;
    memcpy(&sc, buf + h.scalars.off, sizeof sc);
    c->lx = lx;
    c->family = sc.family;
    c->lit_maxlen = sc.lit_maxlen;
    c->root_former = sc.root_former;
    c->lit_the = sc.lit_the;
    c->elite_agent = sc.elite_agent;
    NORM_BOOL(sc.petrarch);
    NORM_BOOL(sc.has_time_list);
    NORM_BOOL(sc.has_attrib_list);
    NORM_BOOL(sc.has_discard_list);
    c->petrarch = sc.petrarch;
    c->has_time_list = sc.has_time_list;
    c->has_attrib_list = sc.has_attrib_list;
    c->has_discard_list = sc.has_discard_list;
    c->opt = sc.opt;
    norm_options(&c->opt);
    c->n_actors = sc.n_actors;
    c->n_actor_names = sc.n_actor_names;
    c->n_agents = sc.n_agents;
    c->n_verbs = sc.n_verbs;
    c->n_patterns = sc.n_patterns;
    c->n_synsets = sc.n_synsets;
    c->n_discards = sc.n_discards;
    c->n_verb_roots = sc.n_verb_roots;
    c->null_code = sc.null_code;
    c->discard_code = sc.discard_code;
    c->complex_code = sc.complex_code;
    c->elite_code = sc.elite_code;
    for (int i = 0; i < IA__COUNT; i++) {
        any_vec *v = vec_at(c, i);
        v->items = h.array[i].count ? buf + h.array[i].off : NULL;
        v->len = v->cap = h.array[i].count;
    }
    in m = {buf + h.strings.off, h.strings.count};
    if (!get_string(&m, &c->null_code, false, 0) || !get_string(&m, &c->discard_code, false, 0) ||
        !get_string(&m, &c->complex_code, false, 0) || !get_string(&m, &c->elite_code, false, 0) ||
        !get_string(&m, &c->opt.def_src_code, true, 0) ||
        !get_string(&m, &c->opt.def_tar_code, true, 0) || !unswizzle(c, &m))
        why = "compiled dictionary is damaged (a string)";
    if (!why)
        why = check_store(c);
    if (!why && (c->family != PETREL_DICT_TABARI && c->family != PETREL_DICT_PETRARCH))
        why = "compiled dictionary is damaged (its family)";
    const uint64_t *slots = (const uint64_t *)(buf + h.lit_slots.off);
    if (!why && !lit_table_ok(slots, h.lit_slots.count, c->lits.len))
        why = "compiled dictionary is damaged (the literal table)";
    if (!why) /* what the coder reads before it walks a chain: from the chains */
        compat_lit_types(c);
    if (why || !compat_hot_lists(c)) {
        if (why)
            lex_problem(lx, first, false, file, 0, "%s", why);
        compat_free(c); /* not the image: buf is still the caller's */
        return why ? PETREL_ERR_DICT : PETREL_ERR_NOMEM;
    }
    for (uint32_t r = 0; r < c->roots.len; r++)
        c->roots.items[r].file = file;
    c->image = buf; /* and with it, the literal table: compat_free leaves it */
    c->lit_slots = (uint64_t *)(buf + h.lit_slots.off);
    c->lit_cap = h.lit_slots.count;
    lx->compat = c;
    return PETREL_OK;
}
