/*
 * compat.c - the TABARI / PETRARCH dictionary store: literals, phrases, roots,
 * patterns and codes, shared by the readers (compat_tabari.c,
 * compat_petrarch.c) and the coder (compat_coder.c). See compat_int.h for the
 * model.
 */
#include "compat_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"

/* ------------------------------------------------------------ hashing */

/* FNV-1a kept as a running state so the coder can look up every prefix of a
 * word in one pass (compat_coder.c steps the same function). */
static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint32_t slot_of(uint64_t h, uint32_t cap) { return (uint32_t)(h ^ (h >> 29)) & (cap - 1); }

/* ------------------------------------------------------------ the store */

compat *compat_get(lexicon *lx)
{
    if (lx->compat)
        return lx->compat;
    compat *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->lx = lx;
    c->root_former = -1;
    c->lit_the = -1;
    c->elite_agent = -1;
    compat_options_init(&c->opt);
    lx->compat = c;
    /* literal 0 .. LIT_FIRST-1 are the pattern symbols */
    for (int i = 0; i < LIT_FIRST; i++) {
        clit *l = VEC_PUSH(&lx->mem, &c->lits);
        if (!l)
            return NULL;
        memset(l, 0, sizeof *l);
        l->first_root = l->last_root = -1;
        l->chain = l->nchain = 0;
        l->types = l->types_open = l->types_stem = 0;
        l->s = "";
    }
    c->null_code = compat_intern(c, "---", 3);
    c->discard_code = compat_intern(c, "###", 3);
    c->complex_code = compat_intern(c, "+++", 3);
    c->elite_code = compat_intern(c, "ELI", 3);
    if (!c->null_code || !c->discard_code || !c->complex_code || !c->elite_code ||
        compat_init_builtins(c)) {
        return NULL;
    }
    return c;
}

void compat_free(compat *c)
{
    if (!c)
        return;
    if (!c->image) /* else the literal table is in it */
        free(c->lit_slots);
    free(c->chain_hot);
    free(c->vpat_hot);
    free(c->str_slots);
    free(c->dup_slots);
    free(c->image);
    free(c);
}

/* ------------------------------------------------------------ literals */

uint64_t *compat_lit_table(const compat *c, uint32_t cap)
{
    uint64_t *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return NULL;
    for (uint32_t i = LIT_FIRST; i < c->lits.len; i++) {
        const clit *l = &c->lits.items[i];
        uint64_t h = key_hash(l->s, l->len);
        uint32_t s = slot_of(h, cap);
        while (ns[s])
            s = (s + 1) & (cap - 1);
        ns[s] = (uint64_t)lit_tag(h) << 32 | i;
    }
    return ns;
}

static bool lit_grow(compat *c)
{
    uint32_t ncap = c->lit_cap ? c->lit_cap * 2 : 4096;
    uint64_t *ns = compat_lit_table(c, ncap);
    if (!ns)
        return false;
    free(c->lit_slots);
    c->lit_slots = ns;
    c->lit_cap = ncap;
    return true;
}

/* compat_lit_find with the key's hash (key_hash) known */
static int32_t lit_find_h(const compat *c, const char *key, size_t len, uint64_t h)
{
    if (!c->lit_cap)
        return 0;
    uint32_t tag = lit_tag(h);
    uint32_t s = slot_of(h, c->lit_cap);
    for (uint64_t e; (e = c->lit_slots[s]); s = (s + 1) & (c->lit_cap - 1)) {
        if ((uint32_t)(e >> 32) != tag)
            continue;
        const clit *l = &c->lits.items[(uint32_t)e];
        if (l->len == len && !memcmp(l->s, key, len))
            return (int32_t)(uint32_t)e;
    }
    return 0;
}

int32_t compat_lit_find(const compat *c, const char *key, size_t len)
{
    return c->lit_cap ? lit_find_h(c, key, len, key_hash(key, len)) : 0;
}

int32_t compat_lit(compat *c, const char *key, size_t len)
{
    if (len == 1) {
        static const char sym[] = ",#*$+@%^{|}";
        const char *p = memchr(sym, key[0], sizeof sym - 1);
        if (p)
            return (int32_t)(p - sym) + 1;
    }
    if (len > 0xFFFF)
        len = 0xFFFF;
    /* one hash for the search and, when the literal is new, its slot */
    uint64_t h = key_hash(key, len);
    int32_t id = lit_find_h(c, key, len, h);
    if (id)
        return id;
    if ((c->lits.len + 1) * 2 >= c->lit_cap && !lit_grow(c))
        return -1;
    clit *l = VEC_PUSH(&c->lx->mem, &c->lits);
    if (!l)
        return -1;
    l->s = arena_strndup(&c->lx->mem, key, len);
    if (!l->s)
        return -1;
    l->len = (uint16_t)len;
    l->first_root = l->last_root = -1;
    l->chain = l->nchain = 0;
    l->types = l->types_open = l->types_stem = 0;
    id = (int32_t)(c->lits.len - 1);
    if (len > c->lit_maxlen)
        c->lit_maxlen = (uint16_t)len;
    uint32_t s = slot_of(h, c->lit_cap);
    while (c->lit_slots[s])
        s = (s + 1) & (c->lit_cap - 1);
    c->lit_slots[s] = (uint64_t)lit_tag(h) << 32 | (uint32_t)id;
    return id;
}

const char *compat_intern(compat *c, const char *s, size_t len)
{
    if (!s) /* an empty field of a reader's line record */
        s = "", len = 0;
    if ((c->str_count + 1) * 2 >= c->str_cap) {
        uint32_t ncap = c->str_cap ? c->str_cap * 2 : 1024;
        const char **ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return NULL;
        for (uint32_t i = 0; i < c->str_cap; i++) {
            if (!c->str_slots[i])
                continue;
            uint32_t k = slot_of(key_hash(c->str_slots[i], strlen(c->str_slots[i])), ncap);
            while (ns[k])
                k = (k + 1) & (ncap - 1);
            ns[k] = c->str_slots[i];
        }
        free(c->str_slots);
        c->str_slots = ns;
        c->str_cap = ncap;
    }
    uint32_t k = slot_of(key_hash(s, len), c->str_cap);
    while (c->str_slots[k]) {
        if (!strncmp(c->str_slots[k], s, len) && c->str_slots[k][len] == '\0')
            return c->str_slots[k];
        k = (k + 1) & (c->str_cap - 1);
    }
    char *d = arena_strndup(&c->lx->mem, s, len);
    if (!d)
        return NULL;
    c->str_slots[k] = d;
    c->str_count++;
    return d;
}

/* ------------------------------------------------------------ duplicates */

/* TABARI keeps the first of two identical roots; a 64-bit hash of the kind and
 * the phrase as written stands for the phrase (a collision would only hide a
 * duplicate warning and drop one entry, at odds of 1 in 2^64 per pair). */
bool compat_dup_check(compat *c, uint8_t kind, const char *phrase, size_t len)
{
    uint64_t h = key_hash(phrase, len) ^ ((uint64_t)kind * 0x9e3779b97f4a7c15ull);
    if (!h)
        h = 1;
    if ((c->dup_count + 1) * 2 >= c->dup_cap) {
        uint32_t ncap = c->dup_cap ? c->dup_cap * 2 : 4096;
        uint64_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return false;
        for (uint32_t i = 0; i < c->dup_cap; i++) {
            if (!c->dup_slots[i])
                continue;
            uint32_t k = slot_of(c->dup_slots[i], ncap);
            while (ns[k])
                k = (k + 1) & (ncap - 1);
            ns[k] = c->dup_slots[i];
        }
        free(c->dup_slots);
        c->dup_slots = ns;
        c->dup_cap = ncap;
    }
    uint32_t k = slot_of(h, c->dup_cap);
    while (c->dup_slots[k]) {
        if (c->dup_slots[k] == h)
            return true;
        k = (k + 1) & (c->dup_cap - 1);
    }
    c->dup_slots[k] = h;
    c->dup_count++;
    return false;
}

/* ------------------------------------------------------------ phrases */

static int32_t key_lit(compat *c, const char *w, size_t n)
{
    char buf[256];
    long kl = text_key_buf(w, n, buf, sizeof buf);
    if (kl < 0) /* too long to be a word: keep it as written */
        return compat_lit(c, w, n < 255 ? n : 255);
    return compat_lit(c, buf, (size_t)kl);
}

int32_t compat_synset_root(const compat *c, const char *name, size_t len)
{
    char buf[256];
    while (len > 1 && (name[len - 1] == '_' || isspace((unsigned char)name[len - 1])))
        len--; /* PETRARCH writes &NAME_ */
    long kl = text_key_buf(name, len, buf, sizeof buf);
    if (kl <= 0)
        return -1;
    int32_t lit = compat_lit_find(c, buf, (size_t)kl);
    if (!lit)
        return -1;
    for (int32_t r = c->lits.items[lit].first_root; r >= 0; r = c->roots.items[r].next_start)
        if (c->roots.items[r].type == CW_SYNYM)
            return r;
    return -1;
}

static bool push_pel(compat *c, int32_t lit, uint16_t conn)
{
    cpel *e = VEC_PUSH(&c->lx->mem, &c->pels);
    if (!e)
        return false;
    e->lit = lit;
    e->conn = conn;
    return true;
}

int32_t compat_phrase(compat *c, const char *s, size_t len, int flags, const char **why)
{
    int32_t start = (int32_t)c->pels.len;
    const char *p = s, *end = s + len;
    bool syn_root = flags & PH_SYNROOT;
    *why = NULL;
    if (syn_root) { /* a set's name: one literal, without the final _ of PETRARCH's */
        while (p < end && isspace((unsigned char)*p))
            p++;
        while (end > p && (isspace((unsigned char)end[-1]) || end[-1] == '_'))
            end--;
        int32_t lit = key_lit(c, p, (size_t)(end - p));
        if (lit < 0 || !push_pel(c, lit, CONN_PART_SKIP) || !push_pel(c, LIT_NONE, 0))
            return -1;
        return start;
    }
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p >= end)
            break;
        const char *q = p;
        while (q < end && *q != ' ' && *q != '\t' && *q != '_' && *q != '~' && *q != '=' &&
               *q != '#')
            q++;
        if ((flags & PH_LONGSYN) && *p == '&') {
            /* the longest declared set whose name runs to a _ or the end of the word */
            const char *we = p;
            while (we < end && *we != ' ' && *we != '\t')
                we++;
            for (const char *t = we; t > p + 1; t--) {
                if (t != we && *t != '_')
                    continue;
                if (compat_synset_root(c, p, (size_t)(t - p)) >= 0) {
                    q = t;
                    break;
                }
            }
        }
        size_t wn = (size_t)(q - p);
        bool syn = wn > 1 && p[0] == '&';
        uint16_t conn;
        const char *next;
        if (q < end) {
            if (syn) {
                conn = (*q == ' ' || *q == '\t') ? CONN_SYN_SKIP : CONN_SYN_NEXT;
                next = q + 1;
            } else if (*q == ' ' || *q == '\t') {
                conn = CONN_PART_SKIP;
                next = q + 1;
            } else if (*q == '=') {
                conn = CONN_EQUAL;
                next = q + 1;
            } else if (*q == '#') {
                conn = CONN_POSS;
                next = q + 1;
            } else if (*q == '~') { /* "W~_": stem, then the next word at once */
                conn = CONN_PART_NEXT;
                next = q + 1 < end && q[1] == '_' ? q + 2 : q + 1;
            } else if (q + 1 < end && (q[1] == ' ' || q[1] == '\t')) { /* "W_ " */
                conn = CONN_FULL_SKIP;
                next = q + 2;
            } else {
                conn = CONN_FULL_NEXT;
                next = q + 1;
            }
        } else {
            conn = syn ? CONN_SYN_SKIP : CONN_PART_SKIP;
            next = end;
        }
        if (wn) {
            int32_t lit;
            if (syn) {
                lit = compat_synset_root(c, p, wn);
                if (lit < 0) {
                    c->pels.len = (uint32_t)start;
                    *why = "undeclared &synonym set";
                    return -1;
                }
            } else {
                lit = key_lit(c, p, wn);
                if (lit < 0)
                    return -1;
            }
            if (!push_pel(c, lit, conn))
                return -1;
        }
        p = next;
    }
    if (!push_pel(c, LIT_NONE, 0))
        return -1;
    return start;
}

void compat_pattern_length(const char *s, size_t len, int *length, int *maxalt)
{
    int n = 0, alt = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '_' || ch == '\'')
            n++;
        if (!isspace(ch) && !ispunct(ch)) {
            n++;
        } else if (ch == '{') {
            int best = 0, cur = 0;
            i++;
            while (i < len && s[i] != '}') {
                unsigned char a = (unsigned char)s[i];
                if (a == '|') {
                    if (cur > best)
                        best = cur;
                    cur = 0;
                } else {
                    if (a == '_' || a == '\'')
                        cur++;
                    if (!isspace(a) && !ispunct(a))
                        cur++;
                }
                i++;
            }
            if (cur > best)
                best = cur;
            alt += best;
        }
        i++;
    }
    *length = n + alt;
    *maxalt = alt;
}

/* ------------------------------------------------------------ roots, patterns */

int32_t compat_add_root(compat *c, int32_t phrase, uint8_t type, int32_t code, uint16_t file,
                        uint32_t line, const char *text, size_t text_len)
{
    croot *r = VEC_PUSH(&c->lx->mem, &c->roots);
    if (!r)
        return -1;
    memset(r, 0, sizeof *r);
    r->phrase = phrase;
    r->type = type;
    r->code = code;
    r->parent = -1;
    r->next_start = -1;
    r->file = file;
    r->line = line;
    r->text = text ? arena_strndup(&c->lx->mem, text, text_len) : "";
    int32_t idx = (int32_t)(c->roots.len - 1);
    int32_t first = c->pels.items[phrase].lit;
    if (first >= LIT_FIRST || first == LIT_COMMA) {
        clit *l = &c->lits.items[first];
        if (l->last_root < 0)
            l->first_root = idx;
        else
            c->roots.items[l->last_root].next_start = idx;
        l->last_root = idx;
    }
    return idx;
}

int32_t compat_add_vinfo(compat *c, int32_t code)
{
    vinfo *v = VEC_PUSH(&c->lx->mem, &c->vinfos);
    if (!v)
        return -1;
    v->code = code;
    v->first_pat = -1;
    v->last_pat = -1;
    v->n_pat = 0;
    v->vpat = 0;
    v->vidx = -1;
    v->first_lits = 0;
    v->n_first = 0;
    memset(v->first_bloom, 0, sizeof v->first_bloom);
    v->open = false;
    v->text = NULL;
    return (int32_t)(c->vinfos.len - 1);
}

int32_t compat_add_pattern(compat *c, int32_t vinfo_idx, int32_t phrase, int32_t code, int length,
                           int maxalt, const char *text, size_t text_len)
{
    cpat *p = VEC_PUSH(&c->lx->mem, &c->pats);
    if (!p)
        return -1;
    int32_t idx = (int32_t)(c->pats.len - 1);
    p->phrase = phrase;
    p->code = code;
    p->length = (int16_t)length;
    p->maxalt = (int16_t)maxalt;
    p->next = -1;
    p->q = (cquick){0}; /* filled by compat_finish; none means always try */
    p->text = arena_strndup(&c->lx->mem, text, text_len);
    vinfo *v = &c->vinfos.items[vinfo_idx];
    /* after every pattern at least as long: longest first, equal ones in file
     * order. The walk may start at the pattern added before when that one is
     * at least as long (all before it are too): walking from the head each
     * time made loading a verb with a thousand patterns quadratic. */
    int32_t *link = &v->first_pat;
    if (v->last_pat >= 0 && c->pats.items[v->last_pat].length >= length)
        link = &c->pats.items[v->last_pat].next;
    while (*link >= 0 && c->pats.items[*link].length >= length)
        link = &c->pats.items[*link].next;
    p->next = *link;
    *link = idx;
    v->last_pat = idx;
    v->n_pat++;
    return idx;
}

/* ------------------------------------------------------------ codes */

/* The text between the first [ and the last ] of s, trimmed. */
static bool bracket_body(const char *s, size_t len, const char **b, size_t *bn)
{
    if (!s || !len)
        return false;
    const char *open = memchr(s, '[', len);
    if (!open)
        return false;
    const char *close = NULL;
    for (const char *q = s + len; q > open; q--)
        if (q[-1] == ']') {
            close = q - 1;
            break;
        }
    if (!close)
        return false;
    const char *p = open + 1;
    while (p < close && isspace((unsigned char)*p))
        p++;
    const char *e = close;
    while (e > p && isspace((unsigned char)e[-1]))
        e--;
    *b = p;
    *bn = (size_t)(e - p);
    return true;
}

static const char *one_event_code(compat *c, const char *p, size_t n, uint8_t *flags, uint8_t sub,
                                  uint8_t dom)
{
    while (n && isspace((unsigned char)*p))
        p++, n--;
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    const char *q = memchr(p, '?', n);
    if (q) {
        *flags |= sub;
        n = (size_t)(q - p);
    } else if ((q = memchr(p, '!', n))) {
        *flags |= dom;
        n = (size_t)(q - p);
    }
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    /* "- - -" is the null code with blanks, as TABARI's manual prints it */
    if (n == 5 && !memcmp(p, "- - -", 5))
        return c->null_code;
    return compat_intern(c, p, n);
}

int32_t compat_event_code(compat *c, const char *s, size_t len, const char **why)
{
    const char *b;
    size_t bn;
    *why = NULL;
    if (!bracket_body(s, len, &b, &bn)) {
        *why = s && len && memchr(s, '[', len) ? "missing right-bracket ]" : "missing left-bracket [";
        return -1;
    }
    /* issue codes (/...) and designated actors ($(...) +(...) @(...)) are not coded */
    size_t n = 0;
    while (n < bn && b[n] != '/' && b[n] != '$' &&
           !(b[n] == '+' && n + 1 < bn && b[n + 1] == '(') && b[n] != '@')
        n++;
    if (!n) {
        *why = "no code specified between [...]";
        return -1;
    }
    ecode e = {0};
    const char *colon = memchr(b, ':', n);
    if (colon) {
        e.code = one_event_code(c, b, (size_t)(colon - b), &e.flags, EC_SUB, EC_DOM);
        e.pair =
            one_event_code(c, colon + 1, n - (size_t)(colon + 1 - b), &e.flags, EC_PSUB, EC_PDOM);
        if (e.pair && !*e.pair)
            e.pair = NULL;
    } else {
        e.code = one_event_code(c, b, n, &e.flags, EC_SUB, EC_DOM);
    }
    if (!e.code)
        return -1;
    ecode *d = VEC_PUSH(&c->lx->mem, &c->ecodes);
    if (!d)
        return -1;
    *d = e;
    return (int32_t)(c->ecodes.len - 1);
}

int32_t compat_parse_date(const char *s, size_t len)
{
    if (len == 7)
        len = 6;
    else if (len > 8)
        len = 8;
    if (len != 6 && len != 8)
        return -1;
    int v[8];
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v[i] = s[i] - '0';
    }
    int y, m, d;
    if (len == 6) {
        y = v[0] * 10 + v[1];
        y += y < 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    } else {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    }
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    return y * 10000 + m * 100 + d;
}

/* "FRO/BIL/SAM" or "ARN" or "ISR:GOV": the items of one alternative */
static bool actor_items(compat *c, const char *p, size_t n, calt *alt)
{
    alt->first_item = (int32_t)c->citems.len;
    alt->n_items = 0;
    const char *end = p + n;
    while (p < end) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        const char *e = slash ? slash : end;
        const char *a = p;
        while (a < e && isspace((unsigned char)*a))
            a++;
        const char *ae = e;
        while (ae > a && isspace((unsigned char)ae[-1]))
            ae--;
        if (ae > a) {
            citem *it = VEC_PUSH(&c->lx->mem, &c->citems);
            if (!it)
                return false;
            const char *colon = memchr(a, ':', (size_t)(ae - a));
            if (colon) {
                it->actor = compat_intern(c, a, (size_t)(colon - a));
                it->agent = compat_intern(c, colon + 1, (size_t)(ae - colon - 1));
            } else {
                it->actor = compat_intern(c, a, (size_t)(ae - a));
                it->agent = NULL;
            }
            alt->n_items++;
        }
        p = slash ? slash + 1 : end;
    }
    return alt->n_items > 0;
}

/* One [ ... ] unit: CODE, CODE <DATE, CODE >DATE, CODE DATE-DATE. */
static bool actor_unit(compat *c, const char *p, size_t n, calt *alt, const char **why)
{
    const char *end = p + n;
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    if (p == end) {
        *why = "no code specified between [...]";
        return false;
    }
    alt->kind = AD_DEFAULT;
    alt->d1 = alt->d2 = 0;
    const char *lt = memchr(p, '<', (size_t)(end - p));
    const char *gt = memchr(p, '>', (size_t)(end - p));
    const char *code_end = end;
    if (lt || gt) {
        const char *op = lt ? lt : gt;
        const char *d = op + 1;
        while (d < end && !isdigit((unsigned char)*d))
            d++;
        const char *de = d;
        while (de < end && isdigit((unsigned char)*de))
            de++;
        alt->d1 = compat_parse_date(d, (size_t)(de - d));
        if (alt->d1 < 0) {
            *why = "bad date in restriction (want YYMMDD or YYYYMMDD)";
            return false;
        }
        alt->kind = lt ? AD_BEFORE : AD_AFTER;
        code_end = op;
    } else {
        /* a range: digits - digits at the end; the null code --- is not one */
        const char *dash = NULL;
        for (const char *q = p; q < end; q++) {
            if (*q != '-')
                continue;
            if (q + 2 < end && q[1] == '-' && q[2] == '-') {
                q += 2;
                continue;
            }
            dash = q;
            break;
        }
        if (dash) {
            const char *a = dash;
            while (a > p && isspace((unsigned char)a[-1]))
                a--;
            const char *ae = a;
            while (a > p && isdigit((unsigned char)a[-1]))
                a--;
            if (a == p || !isspace((unsigned char)a[-1])) {
                *why = "no code before the date range (want [CODE YYMMDD-YYMMDD])";
                return false;
            }
            const char *b = dash + 1;
            while (b < end && isspace((unsigned char)*b))
                b++;
            const char *be = b;
            while (be < end && isdigit((unsigned char)*be))
                be++;
            alt->d1 = compat_parse_date(a, (size_t)(ae - a));
            alt->d2 = compat_parse_date(b, (size_t)(be - b));
            if (alt->d1 < 0 || alt->d2 < 0) {
                *why = "bad date in restriction (want YYMMDD or YYYYMMDD)";
                return false;
            }
            alt->kind = AD_RANGE;
            code_end = a;
        }
    }
    while (code_end > p && isspace((unsigned char)code_end[-1]))
        code_end--;
    if (code_end == p) {
        *why = "no code before the date restriction";
        return false;
    }
    if (!actor_items(c, p, (size_t)(code_end - p), alt)) {
        *why = "no code specified between [...]";
        return false;
    }
    return true;
}

int32_t compat_actor_code(compat *c, const char *s, size_t len, bool tolerant, const char **why)
{
    *why = NULL;
    const char *skipped = NULL;
    acode ac = {(int32_t)c->calts.len, 0, false};
    const char *p = s, *end = s + len;
    bool dated = false, has_default = false;
    while (p < end) {
        const char *open = memchr(p, '[', (size_t)(end - p));
        if (!open)
            break;
        const char *close = memchr(open, ']', (size_t)(end - open));
        if (!close) {
            *why = "missing right-bracket ]";
            c->calts.len = (uint32_t)ac.first_alt;
            return -1;
        }
        calt *alt = VEC_PUSH(&c->lx->mem, &c->calts);
        if (!alt)
            return -1;
        if (!actor_unit(c, open + 1, (size_t)(close - open - 1), alt, why)) {
            if (tolerant) {
                c->calts.len--;
                skipped = *why;
                p = close + 1;
                continue;
            }
            c->calts.len = (uint32_t)ac.first_alt;
            return -1;
        }
        if (alt->kind == AD_DEFAULT)
            has_default = true;
        else
            dated = true;
        ac.n_alt++;
        p = close + 1;
    }
    if (!ac.n_alt) {
        *why = skipped               ? skipped
               : memchr(s, ']', len) ? "missing left-bracket ["
                                     : "no code in [...]";
        return -1;
    }
    *why = skipped;
    /* a lone restricted code falls back to the null code outside its dates */
    if (dated && !has_default && ac.n_alt == 1) {
        calt *alt = VEC_PUSH(&c->lx->mem, &c->calts);
        if (!alt)
            return -1;
        memset(alt, 0, sizeof *alt);
        alt->kind = AD_DEFAULT;
        alt->first_item = (int32_t)c->citems.len;
        citem *it = VEC_PUSH(&c->lx->mem, &c->citems);
        if (!it)
            return -1;
        it->actor = c->null_code;
        it->agent = NULL;
        alt->n_items = 1;
        ac.n_alt++;
    }
    acode *d = VEC_PUSH(&c->lx->mem, &c->acodes);
    if (!d)
        return -1;
    *d = ac;
    return (int32_t)(c->acodes.len - 1);
}

int32_t compat_agent_code(compat *c, const char *s, size_t len, const char **why)
{
    const char *b;
    size_t bn;
    *why = NULL;
    if (!bracket_body(s, len, &b, &bn)) {
        *why = s && len && memchr(s, '[', len) ? "missing right-bracket ]" : "missing left-bracket [";
        return -1;
    }
    if (!bn) {
        *why = "no code specified between [...]";
        return -1;
    }
    cagent a;
    if (b[0] == '~') {
        a.after_actor = true;
        b++, bn--;
    } else if (b[bn - 1] == '~') {
        a.after_actor = false;
        bn--;
    } else {
        *why = "an agent code needs a ~ (~GOV puts it after the actor, NGO~ before)";
        return -1;
    }
    while (bn && isspace((unsigned char)*b))
        b++, bn--;
    while (bn && isspace((unsigned char)b[bn - 1]))
        bn--;
    a.code = compat_intern(c, b, bn);
    if (!a.code)
        return -1;
    cagent *d = VEC_PUSH(&c->lx->mem, &c->agents);
    if (!d)
        return -1;
    *d = a;
    return (int32_t)(c->agents.len - 1);
}

static bool contains(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = 0; i + wn <= n; i++)
        if (!memcmp(s + i, w, wn))
            return true;
    return false;
}

int32_t compat_time_code(compat *c, const char *s, size_t len)
{
    ctime_code t = {0, NULL};
    const char *b;
    size_t bn;
    if (!bracket_body(s, len, &b, &bn))
        return -1;
    if (bn >= 3 && contains(b, bn, "---"))
        t.special = c->null_code;
    else if (bn >= 3 && contains(b, bn, "###"))
        t.special = c->discard_code;
    else if (bn >= 3 && contains(b, bn, "+++"))
        t.special = c->complex_code;
    else {
        /* read like atoi: a sign, then digits; "[- - -]" reads as 0 days */
        size_t i = 0;
        int sign = 1;
        while (i < bn && isspace((unsigned char)b[i]))
            i++;
        if (i < bn && (b[i] == '-' || b[i] == '+'))
            sign = b[i++] == '-' ? -1 : 1;
        long v = 0;
        while (i < bn && isdigit((unsigned char)b[i]) && v < 100000)
            v = v * 10 + (b[i++] - '0');
        if (v > 8191) /* TABARI's limit: more than 22 years is a typo */
            v = 0;
        t.days = (int32_t)(sign * v);
    }
    ctime_code *d = VEC_PUSH(&c->lx->mem, &c->tcodes);
    if (!d)
        return -1;
    *d = t;
    return (int32_t)(c->tcodes.len - 1);
}

const calt *compat_resolve(const compat *c, int32_t acode_idx, int32_t ymd)
{
    if (acode_idx < 0)
        return NULL;
    const acode *ac = &c->acodes.items[acode_idx];
    if (ac->dated_first) { /* PETRARCH: ranges include both ends, > includes its day */
        const calt *def = NULL;
        for (uint16_t i = 0; i < ac->n_alt; i++) {
            const calt *a = &c->calts.items[ac->first_alt + i];
            if (a->kind == AD_DEFAULT) {
                if (!def)
                    def = a;
            } else if (ymd && ((a->kind == AD_BEFORE && ymd < a->d1) ||
                               (a->kind == AD_AFTER && ymd >= a->d1) ||
                               (a->kind == AD_RANGE && ymd >= a->d1 && ymd <= a->d2))) {
                return a;
            }
        }
        return def;
    }
    for (uint16_t i = 0; i < ac->n_alt; i++) {
        const calt *a = &c->calts.items[ac->first_alt + i];
        switch (a->kind) {
        case AD_DEFAULT:
            return a;
        case AD_BEFORE:
            if (ymd && ymd < a->d1)
                return a;
            break;
        case AD_AFTER:
            if (ymd && ymd > a->d1)
                return a;
            break;
        case AD_RANGE:
            if (ymd && ymd >= a->d1 && ymd <= a->d2)
                return a;
            break;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ built-in words */

int compat_init_builtins(compat *c)
{
    static const struct {
        const char *w;
        uint8_t type, flags;
    } words[] = {
        {"a_", CW_DETERM, 0},
        {"an_", CW_DETERM, 0},
        {"the_", CW_DETERM, 0},
        {"and_", CW_CONJ, RF_AND},
        {"nor_", CW_CONJ, RF_AND},
        {"but_", CW_CONJ, 0},
        {"or_", CW_CONJ, 0},
        {"in_", CW_PREP, 0},
        {"of_", CW_PREP, 0},
        {"he_", CW_PRONOUN, RF_SINGULAR},
        {"him_", CW_PRONOUN, RF_SINGULAR},
        {"she_", CW_PRONOUN, RF_SINGULAR},
        {"her_", CW_PRONOUN, RF_SINGULAR},
        {"it_", CW_PRONOUN, RF_SINGULAR},
        {"them_", CW_PRONOUN, RF_PLURAL},
        {"their_", CW_PRONOUN, RF_PLURAL},
        {"they_", CW_PRONOUN, RF_PLURAL},
        {"were_", CW_AUXIL, 0},
        {"was_", CW_AUXIL, 0},
        {"been_", CW_AUXIL, 0},
        {"by_", CW_BYWORD, 0},
        {"former_", CW_ADJCTV, RF_FORMER},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *why;
        int32_t ph = compat_phrase(c, words[i].w, strlen(words[i].w), 0, &why);
        if (ph < 0)
            return PETREL_ERR_NOMEM;
        int32_t r =
            compat_add_root(c, ph, words[i].type, -1, 0, 0, words[i].w, strlen(words[i].w) - 1);
        if (r < 0)
            return PETREL_ERR_NOMEM;
        c->roots.items[r].flags = words[i].flags;
        compat_dup_check(c, 0, words[i].w, strlen(words[i].w));
        if (words[i].flags & RF_FORMER)
            c->root_former = r;
    }
    c->lit_the = compat_lit_find(c, "the", 3);
    const char *why;
    c->elite_agent = compat_agent_code(c, "[~ELI]", 6, &why);
    return c->elite_agent < 0 ? PETREL_ERR_NOMEM : PETREL_OK;
}

/* ------------------------------------------------------------ options */

void compat_options_init(copts *o)
{
    memset(o, 0, sizeof *o);
    o->code_mode = CODE_BY_CLAUSE;
    o->min_lex = 7; /* at least 8 words */
    o->labels = true;
    o->dup_warning = true;
    /* comma-delimited clauses: TABARI's defaults */
    o->min_sub = 2;
    o->max_sub = 10;
    o->min_beg_sub = 128; /* never: an opening clause is kept */
    o->max_beg_sub = 0;
    o->min_end_sub = 2;
    o->max_end_sub = 10;
}

static const char *find_ci(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = 0; i + wn <= n; i++) {
        size_t k = 0;
        while (k < wn && toupper((unsigned char)s[i + k]) == w[k])
            k++;
        if (k == wn)
            return s + i;
    }
    return NULL;
}

/* The first number after keyword w (TABARI's getInteger): 0 if none; with
 * keep, leaves *out alone when the keyword is absent. */
static void opt_int(const char *s, size_t n, const char *w, int *out, bool keep)
{
    const char *p = find_ci(s, n, w);
    if (!p) {
        if (!keep)
            *out = 0;
        return;
    }
    const char *e = s + n;
    p += strlen(w);
    while (p < e && !isdigit((unsigned char)*p))
        p++;
    if (p >= e) {
        if (!keep)
            *out = 0;
        return;
    }
    int v = 0;
    while (p < e && isdigit((unsigned char)*p) && v < 100000)
        v = v * 10 + (*p++ - '0');
    *out = v;
}

/* T or F after the =, defaulting to true (TABARI's getBoolean) */
static bool opt_bool(const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return true;
    for (const char *p = eq; p < s + n; p++) {
        char ch = (char)toupper((unsigned char)*p);
        if (ch == 'T')
            return true;
        if (ch == 'F')
            return false;
    }
    return true;
}

static const char *opt_code(compat *c, const char *s, size_t n, const char *key, const char **why)
{
    const char *k = find_ci(s, n, key);
    if (!k)
        return NULL;
    const char *e = s + n;
    const char *open = memchr(k, '[', (size_t)(e - k));
    if (!open || open - k > 15) {
        *why = "missing left-bracket [";
        return NULL;
    }
    const char *close = memchr(open, ']', (size_t)(e - open));
    if (!close) {
        *why = "missing right-bracket ]";
        return NULL;
    }
    const char *a = open + 1, *b = close;
    while (a < b && isspace((unsigned char)*a))
        a++;
    while (b > a && isspace((unsigned char)b[-1]))
        b--;
    if (a == b) {
        *why = "no code specified between [...]";
        return NULL;
    }
    char buf[64];
    size_t bn = (size_t)(b - a) < sizeof buf ? (size_t)(b - a) : sizeof buf - 1;
    for (size_t i = 0; i < bn; i++)
        buf[i] = (char)toupper((unsigned char)a[i]);
    return compat_intern(c, buf, bn);
}

bool compat_option_line(compat *c, const char *line, size_t len, const char **why)
{
    copts *o = &c->opt;
    *why = NULL;
    while (len && isspace((unsigned char)*line))
        line++, len--;
    while (len && isspace((unsigned char)line[len - 1]))
        len--;
    const char *colon = memchr(line, ':', len);
    if (!colon) {
        *why = "no ':' in the command";
        return false;
    }
    char cmd[16];
    size_t cn = 0;
    for (const char *p = line; p < colon && cn < sizeof cmd - 1; p++)
        if (!isspace((unsigned char)*p))
            cmd[cn++] = (char)toupper((unsigned char)*p);
    cmd[cn] = '\0';
    const char *a = colon + 1;
    size_t an = len - (size_t)(a - line);
    while (an && isspace((unsigned char)*a))
        a++, an--;
    /* TABARI looks at the first letters only: COMMA, COMPLEX, DEFAULT... */
    if (!strncmp(cmd, "COMM", 4)) {
        if (find_ci(a, an, "OFF")) {
            o->min_sub = o->min_beg_sub = o->min_end_sub = 128;
            o->max_sub = o->max_beg_sub = o->max_end_sub = 0;
        } else {
            /* " MIN" must not also find BMIN and EMIN */
            char buf[256];
            size_t bn = an < sizeof buf - 2 ? an : sizeof buf - 2;
            buf[0] = ' ';
            memcpy(buf + 1, a, bn);
            for (size_t i = 1; i <= bn; i++) {
                buf[i] = (char)toupper((unsigned char)buf[i]);
                if (buf[i] == '=')
                    buf[i] = ' ';
            }
            bn++;
            opt_int(buf, bn, " MIN", &o->min_sub, true);
            opt_int(buf, bn, " MAX", &o->max_sub, true);
            opt_int(buf, bn, "BMIN", &o->min_beg_sub, true);
            opt_int(buf, bn, "BMAX", &o->max_beg_sub, true);
            opt_int(buf, bn, "EMIN", &o->min_end_sub, true);
            opt_int(buf, bn, "EMAX", &o->max_end_sub, true);
        }
        return true;
    }
    if (!strncmp(cmd, "COMP", 4)) {
        /* a leading VERBS is matched like " VERBS" so NOVERBS and LATEVERBS do not count */
        char buf[256];
        size_t bn = an < sizeof buf - 2 ? an : sizeof buf - 2;
        buf[0] = ' ';
        for (size_t i = 0; i < bn; i++)
            buf[i + 1] = (char)toupper((unsigned char)a[i]);
        bn++;
        opt_int(buf, bn, " VERBS", &o->cx_verbs, false);
        opt_int(buf, bn, "ACTORS", &o->cx_actors, false);
        opt_int(buf, bn, "PRONOUNS", &o->cx_pronouns, false);
        opt_int(buf, bn, "CONJ", &o->cx_conj, false);
        opt_int(buf, bn, "COMMA", &o->cx_comma, false);
        opt_int(buf, bn, "LATEVERB", &o->cx_lateverb, false);
        o->cx_noactprior = find_ci(buf, bn, "ACTPRIOR");
        o->cx_noactafter = find_ci(buf, bn, "ACTAFTER");
        o->cx_nosource = find_ci(buf, bn, "NOSOURCE");
        o->cx_noverb = find_ci(buf, bn, "NOVERB");
        o->cx_notarget = find_ci(buf, bn, "NOTARGET");
        o->cx_noevent = find_ci(buf, bn, "NOEVENT");
        o->cx_explain = find_ci(buf, bn, "EXPLAIN");
        o->cx_check = o->cx_verbs || o->cx_actors || o->cx_pronouns || o->cx_conj || o->cx_comma ||
                      o->cx_lateverb || o->cx_noactprior || o->cx_noactafter || o->cx_nosource ||
                      o->cx_noverb || o->cx_notarget || o->cx_noevent;
        return true;
    }
    if (cmd[0] == 'D') {
        if (find_ci(a, an, "OFF")) {
            o->def_src = o->def_tar = o->def_prior = o->def_after = false;
            o->def_src_code = o->def_tar_code = NULL;
        }
        const char *code = opt_code(c, a, an, "SOURCE", why);
        if (*why)
            return false;
        if (code) {
            o->def_src = true;
            o->def_src_code = code;
            if (find_ci(a, an, "PRIOR"))
                o->def_prior = true;
        }
        code = opt_code(c, a, an, "TARGET", why);
        if (*why)
            return false;
        if (code) {
            o->def_tar = true;
            o->def_tar_code = code;
            if (find_ci(a, an, "AFTER"))
                o->def_after = true;
        }
        return true;
    }
    if (cmd[0] == 'F') {
        o->forward = memchr(a, 'S', an) && !find_ci(a, an, "OFF");
        return true;
    }
    if (cmd[0] == 'L') {
        if (!memchr(a, '=', an)) {
            *why = "LABEL needs CODE=text";
            return false;
        }
        return true;
    }
    if (cmd[0] == 'N') {
        o->nonevents = find_ci(a, an, "TRUE") ? 1 : find_ci(a, an, "ONLY") ? 2 : 0;
        return true;
    }
    if (cmd[0] == 'O') /* output fields of TABARI's event file: Petrel writes its own */
        return true;
    if (cmd[0] == 'S') {
        if (find_ci(a, an, "CODE")) {
            o->code_mode = find_ci(a, an, "SEN")   ? CODE_BY_SENTENCE
                           : find_ci(a, an, "ALL") ? CODE_ALL
                                                   : CODE_BY_CLAUSE;
        } else if (find_ci(a, an, "HAIKU")) {
        } else if (find_ci(a, an, "YYYY")) {
            o->yyyy = opt_bool(a, an);
        } else if (find_ci(a, an, "TIME")) {
            o->time_shift = opt_bool(a, an);
        } else if (find_ci(a, an, "LABEL")) {
            o->labels = opt_bool(a, an);
        } else if (find_ci(a, an, "MATCH")) {
            *why = "SET: MATCH is no longer an option (TABARI 0.8 uses OUTPUT: MATCH)";
            return false;
        } else if (find_ci(a, an, "FBIS")) {
            o->fbis = opt_bool(a, an);
        } else if (find_ci(a, an, "DUP ")) {
            o->dup_warning = opt_bool(a, an);
        } else if (find_ci(a, an, "SKIP ")) {
        } else if (find_ci(a, an, "CONV")) {
            o->conv_agent = opt_bool(a, an);
        } else if (find_ci(a, an, "MINIM")) {
            int v = 0;
            opt_int(a, an, "MINIM", &v, false);
            o->min_lex = v - 1;
        } else if (find_ci(a, an, "USAGE")) {
        } else if (find_ci(a, an, "ALLCAPS") || find_ci(a, an, "CHECK DOM")) {
            /* older TABARI settings, now automatic */
        } else {
            *why = "unknown SET: parameter";
            return false;
        }
        return true;
    }
    *why = "unknown command";
    return false;
}

/* ------------------------------------------------------------ finish, stats */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The literals the members of synonym set r can start with, appended to
 * c->synfirst; false when a member starts with a symbol ($ + ...), which
 * can stand on any word. */
static bool synset_firsts(compat *c, int32_t r, int depth)
{
    if (depth > 8 || r < 0 || r >= (int32_t)c->roots.len || c->roots.items[r].code < 0)
        return false;
    for (int32_t pi = c->vinfos.items[c->roots.items[r].code].first_pat; pi >= 0;
         pi = c->pats.items[pi].next) {
        const cpel *e = &c->pels.items[c->pats.items[pi].phrase];
        if (e->conn & CONN_SYN) {
            if (!synset_firsts(c, e->lit, depth + 1))
                return false;
        } else if (e->lit >= LIT_FIRST) {
            int32_t *d = VEC_PUSH(&c->lx->mem, &c->synfirst);
            if (!d)
                return false;
            *d = e->lit;
        } else {
            return false;
        }
    }
    return true;
}

/* Keeps the CQ_MAX longest literals, longest first: a long word is less
 * likely to be in a sentence, so it turns the phrase down soonest. len[]
 * holds their lengths while the phrase is read. */
static void quick_add(const compat *c, cquick *q, uint16_t *len, int32_t lit)
{
    uint16_t b = cq_bit(lit), l = c->lits.items[lit].len;
    for (uint8_t k = 0; k < q->n; k++)
        if (q->bit[k] == b)
            return;
    uint8_t at = q->n;
    while (at > 0 && len[at - 1] < l)
        at--;
    if (at >= CQ_MAX)
        return;
    if (q->n < CQ_MAX)
        q->n++;
    for (uint8_t k = q->n - 1; k > at; k--) {
        q->bit[k] = q->bit[k - 1];
        len[k] = len[k - 1];
    }
    q->bit[at] = b;
    len[at] = l;
}

/* A root matches only if every element after the first finds its literal on
 * a later word (match_root compares literal ids, whatever the element). */
static void root_quick(const compat *c, croot *rt)
{
    rt->q = (cquick){0};
    uint16_t len[CQ_MAX];
    const cpel *e = &c->pels.items[rt->phrase];
    if (!e->lit)
        return;
    for (e++; e->lit; e++)
        if (e->lit >= LIT_FIRST)
            quick_add(c, &rt->q, len, e->lit);
}

/* A pattern matches only if each plain literal (not a synonym set, not inside
 * { | }) is on some word: check_pattern visits every element outside the
 * alternatives and only moves on when has_lit finds it. */
static void pattern_quick(const compat *c, cpat *p)
{
    p->q = (cquick){0};
    uint16_t len[CQ_MAX];
    int depth = 0;
    for (const cpel *e = &c->pels.items[p->phrase]; e->lit; e++) {
        if (e->conn & CONN_SYN)
            continue;
        if (e->lit == LIT_OPEN)
            depth++;
        else if (e->lit == LIT_CLOSE)
            depth--;
        else if (!depth && e->lit >= LIT_FIRST)
            quick_add(c, &p->q, len, e->lit);
    }
}

/* Whether the primary code of a root is this special code (discard, null),
 * on some date for actors (the coder then checks the date). */
static bool may_be(const compat *c, const croot *rt, const char *special)
{
    if (rt->code < 0)
        return false;
    switch (rt->type) {
    case CW_VERB:
    case CW_ATTRIB: {
        int32_t ec = c->vinfos.items[rt->code].code;
        return ec >= 0 && c->ecodes.items[ec].code == special;
    }
    case CW_TIME: {
        int32_t t = c->vinfos.items[rt->code].code;
        return t >= 0 && c->tcodes.items[t].special == special;
    }
    case CW_ACTOR: {
        const acode *ac = &c->acodes.items[rt->code];
        for (uint16_t i = 0; i < ac->n_alt; i++) {
            const calt *a = &c->calts.items[ac->first_alt + i];
            if (a->n_items && c->citems.items[a->first_item].actor == special)
                return true;
        }
        return false;
    }
    default:
        return false;
    }
}

void compat_lit_types(compat *c)
{
    for (uint32_t i = 0; i < c->lits.len; i++) {
        clit *l = &c->lits.items[i];
        l->types = l->types_open = l->types_stem = 0;
        for (int32_t k = l->chain; k < l->chain + l->nchain; k++) {
            const cchain *e = &c->chain.items[k];
            l->types |= 1u << e->type;
            if (!e->q.n)
                l->types_open |= 1u << e->type;
            if (c->pels.items[e->phrase].conn & CONN_FULL_SKIP)
                l->types_stem |= 1u << e->type;
        }
    }
}

bool compat_hot_lists(compat *c)
{
    free(c->chain_hot);
    free(c->vpat_hot);
    c->chain_hot = malloc((c->chain.len + 1) * sizeof *c->chain_hot);
    c->vpat_hot = malloc((c->vpats.len + 1) * sizeof *c->vpat_hot);
    if (!c->chain_hot || !c->vpat_hot)
        return false;
    for (uint32_t i = 0; i < c->chain.len; i++)
        c->chain_hot[i] = ch_make(&c->chain.items[i]);
    for (uint32_t i = 0; i < c->vpats.len; i++)
        c->vpat_hot[i] = c->vpats.items[i].q.bit[0] | (uint32_t)c->vpats.items[i].q.bit[1] << 10;
    return true;
}

/* The VIDX_MIN lists of the verbs with many patterns (vpats, vpat_hot done). */
static int verb_index(compat *c)
{
    arena *a = &c->lx->mem;
    c->vidx_off.len = c->vidx_pos.len = 0;
    for (uint32_t i = 0; i < c->vinfos.len; i++) {
        vinfo *v = &c->vinfos.items[i];
        v->vidx = -1;
        if (v->n_pat < VIDX_MIN || v->n_pat > VIDX_MAX)
            continue;
        v->vidx = (int32_t)c->vidx_off.len;
        const uint32_t *hot = c->vpat_hot + v->vpat;
        uint32_t count[CQ_WORDS * 64] = {0};
        for (uint32_t k = 0; k < v->n_pat; k++)
            count[hot[k] & 1023u]++;
        int32_t at = (int32_t)c->vidx_pos.len;
        for (uint32_t b = 0; b <= CQ_WORDS * 64; b++) {
            int32_t *o = VEC_PUSH(a, &c->vidx_off);
            if (!o)
                return -1;
            *o = at;
            if (b < CQ_WORDS * 64)
                at += (int32_t)count[b];
        }
        for (uint32_t k = 0; k < v->n_pat; k++)
            if (!VEC_PUSH(a, &c->vidx_pos))
                return -1;
        /* fill each bit's run in pattern order: count[] now counts what is in */
        memset(count, 0, sizeof count);
        const int32_t *off = c->vidx_off.items + v->vidx;
        for (uint32_t k = 0; k < v->n_pat; k++) {
            uint32_t b = hot[k] & 1023u;
            c->vidx_pos.items[off[b] + (int32_t)count[b]++] = (uint16_t)k;
        }
    }
    return 0;
}

int compat_finish(lexicon *lx, petrel_error *err)
{
    compat *c = lx->compat;
    if (!c || c->image) /* an image holds all this already */
        return PETREL_OK;
    for (uint32_t r = 0; r < c->roots.len; r++)
        root_quick(c, &c->roots.items[r]);
    for (uint32_t p = 0; p < c->pats.len; p++)
        pattern_quick(c, &c->pats.items[p]);
    c->chain.len = 0;
    for (uint32_t i = 0; i < c->lits.len; i++) {
        clit *l = &c->lits.items[i];
        l->chain = (int32_t)c->chain.len;
        for (int32_t r = l->first_root; r >= 0; r = c->roots.items[r].next_start) {
            cchain *e = VEC_PUSH(&lx->mem, &c->chain);
            if (!e)
                return PETREL_ERR_NOMEM;
            e->root = r;
            e->phrase = c->roots.items[r].phrase;
            e->type = c->roots.items[r].type;
            e->flags = (may_be(c, &c->roots.items[r], c->discard_code) ? CC_DISCARD : 0) |
                       (may_be(c, &c->roots.items[r], c->null_code) ? CC_NULL : 0);
            e->q = c->roots.items[r].q;
            /* match_root takes one word per element, and may pass over others
             * after an element whose connector allows a gap */
            int n = 0;
            bool gaps = false;
            for (const cpel *pe = &c->pels.items[e->phrase]; pe->lit; pe++, n++)
                if (pe[1].lit && (pe->conn & CONN_PART_NEXT))
                    gaps = true;
            e->span = gaps || n >= CH_SPAN_ANY ? CH_SPAN_ANY : (uint8_t)n;
            e->conn1 = c->pels.items[e->phrase].conn;
        }
        l->nchain = (int32_t)c->chain.len - l->chain;
        if (l->nchain) { /* the end of the chain, for walks that only know its start */
            cchain *e = VEC_PUSH(&lx->mem, &c->chain);
            if (!e)
                return PETREL_ERR_NOMEM;
            memset(e, 0, sizeof *e);
            e->type = CW_HALT;
        }
    }
    compat_lit_types(c);
    if (c->chain.len >= CHAIN_MAX) {
        if (err) {
            err->code = PETREL_ERR_DICT;
            snprintf(err->message, sizeof err->message,
                     "too many TABARI / PETRARCH dictionary entries (%u)", c->chain.len);
        }
        return PETREL_ERR_DICT;
    }
    c->vpats.len = 0;
    for (uint32_t i = 0; i < c->vinfos.len; i++) {
        vinfo *v = &c->vinfos.items[i];
        v->vpat = (int32_t)c->vpats.len;
        for (int32_t pi = v->first_pat; pi >= 0; pi = c->pats.items[pi].next) {
            cvpat *e = VEC_PUSH(&lx->mem, &c->vpats);
            if (!e)
                return PETREL_ERR_NOMEM;
            e->pat = pi;
            e->length = c->pats.items[pi].length;
            e->q = c->pats.items[pi].q;
        }
        v->n_pat = c->vpats.len - (uint32_t)v->vpat;
    }
    if (!compat_hot_lists(c) || verb_index(c))
        return PETREL_ERR_NOMEM;
    for (uint32_t r = 0; r < c->roots.len; r++) {
        croot *rt = &c->roots.items[r];
        if (rt->type != CW_SYNYM || rt->code < 0)
            continue;
        uint32_t start = c->synfirst.len;
        bool closed = synset_firsts(c, (int32_t)r, 0);
        vinfo *v = &c->vinfos.items[rt->code];
        if (!closed) {
            c->synfirst.len = start;
            v->open = true;
            continue;
        }
        if (c->synfirst.len > start) /* items may still be NULL */
            qsort(c->synfirst.items + start, c->synfirst.len - start, sizeof(int32_t), cmp_i32);
        v->first_lits = (int32_t)start;
        v->n_first = c->synfirst.len - start;
        memset(v->first_bloom, 0, sizeof v->first_bloom);
        for (uint32_t k = start; k < c->synfirst.len; k++) {
            uint32_t b = syn_bit(c->synfirst.items[k]);
            v->first_bloom[b >> 6] |= 1ull << (b & 63);
        }
    }
    return PETREL_OK;
}

void compat_stats(const lexicon *lx, petrel_dict_stats *out)
{
    const compat *c = lx->compat;
    if (!c)
        return;
    out->actors += c->n_actors;
    out->actor_names += c->n_actor_names;
    out->agents += c->n_agents;
    out->verbs += c->n_verbs;
    out->verb_patterns += c->n_patterns;
    out->synsets += c->n_synsets;
    out->discards += c->n_discards;
}

bool compat_has_verbs(const lexicon *lx) { return lx->compat && lx->compat->n_verb_roots > 0; }
bool compat_compiled(const lexicon *lx) { return lx->compat && lx->compat->image; }
