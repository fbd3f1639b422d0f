/*
 * compat_petrarch.c - readers for PETRARCH's dictionaries (the PETR.Validate
 * set and the Phoenix set): actors (+ synonyms, [CODE date] lines), agents
 * ({plural}, !MARKER! substitutions), discards (+ for a whole story) and
 * verbs (CAMEO.2.0: --- BLOCK [code] --- blocks, verb forms, &synonym sets,
 * patterns with ( ) phrases and { } noun phrases), read into the TABARI
 * store with PETRARCH's meaning: names are whole words, consecutive; verb
 * forms are generated or listed; a block's patterns apply to all its verbs.
 *
 * Comments are # to the end of the line (outside [...]), lines starting
 * with <! and <!-- ... --> blocks. PETRARCH merges or skips duplicate
 * entries without a word; each file gets one warning with their count.
 */
#include "compat_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ lines */

typedef struct preader {
    compat *c;
    const char *p, *end;
    uint16_t file;
    uint32_t line;
    petrel_error *err;
    bool in_comment;
    size_t dups;
    char *buf; /* the current line, comments removed */
    size_t cap;
} preader;

#define PPROBLEM(r, ...) CPROBLEM((r)->c, (r)->err, (r)->file, (r)->line, __VA_ARGS__)
#define PWARN(r, ...) CWARN((r)->c, (r)->file, (r)->line, __VA_ARGS__)

/* Next non-empty line, comments removed, trimmed; NULL at the end. */
static const char *pnext(preader *r, size_t *len)
{
    while (r->p < r->end) {
        const char *s = r->p;
        const char *nl = memchr(s, '\n', (size_t)(r->end - s));
        const char *e = nl ? nl : r->end;
        r->p = nl ? nl + 1 : r->end;
        r->line++;
        if (e > s && e[-1] == '\r')
            e--;
        size_t n = (size_t)(e - s);
        if (n + 1 > r->cap) {
            size_t cap = r->cap ? r->cap : 256;
            while (cap < n + 1)
                cap *= 2;
            char *nb = realloc(r->buf, cap);
            if (!nb)
                return NULL;
            r->buf = nb;
            r->cap = cap;
        }
        size_t o = 0;
        const char *q = s;
        if (r->in_comment) {
            const char *close = NULL;
            for (const char *z = q; z + 2 < e + 1 && z + 2 <= e; z++)
                if (z[0] == '-' && z[1] == '-' && z + 2 < e && z[2] == '>') {
                    close = z;
                    break;
                }
            if (!close)
                continue;
            r->in_comment = false;
            q = close + 3;
        }
        if (q < e && *q == '#')
            continue;
        int depth = 0;
        while (q < e) {
            if (q + 3 < e && q[0] == '<' && q[1] == '!' && q[2] == '-' && q[3] == '-') {
                const char *close = NULL;
                for (const char *z = q + 4; z + 2 < e; z++)
                    if (z[0] == '-' && z[1] == '-' && z[2] == '>') {
                        close = z;
                        break;
                    }
                if (!close) {
                    r->in_comment = true;
                    break;
                }
                q = close + 3;
                continue;
            }
            if (q + 1 < e && q[0] == '<' && q[1] == '!' && o == 0) /* <!DOCTYPE ...> and the like */
                break;
            if (*q == '[')
                depth++;
            else if (*q == ']' && depth)
                depth--;
            else if (*q == '#' && !depth)
                break;
            r->buf[o++] = *q++;
        }
        while (o && isspace((unsigned char)r->buf[o - 1]))
            o--;
        size_t lead = 0;
        while (lead < o && isspace((unsigned char)r->buf[lead]))
            lead++;
        if (lead == o)
            continue;
        r->buf[o] = '\0';
        *len = o - lead;
        return r->buf + lead;
    }
    return NULL;
}

static void dup_summary(preader *r, const char *what)
{
    if (r->dups && r->c->opt.dup_warning)
        CWARN(r->c, r->file, 0,
              "%zu duplicate %s skipped (PETRARCH keeps the first one, as Petrel does)", r->dups,
              what);
}

/* "A B_C_" -> "A_B_C#": PETRARCH names are whole words, consecutive; the
 * parser splits off 's, Petrel keeps it on the word, so the last word may
 * carry it (# in TABARI's phrase syntax as Petrel extends it). */
static size_t exact_phrase(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    size_t i = 0;
    while (i < n && o + 2 < cap) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '_'))
            i++;
        if (i >= n)
            break;
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '_' && o + 2 < cap) {
            out[o++] = s[i] == '-' ? '_' : s[i];
            i++;
        }
        out[o++] = '_';
    }
    if (o)
        out[o - 1] = '#';
    out[o] = '\0';
    return o;
}

static int32_t add_exact_root(preader *r, const char *name, size_t n, uint8_t type, int32_t code,
                              bool *dup)
{
    char ph[512];
    size_t pn = exact_phrase(name, n, ph, sizeof ph);
    *dup = false;
    if (pn < 2)
        return -1;
    if (compat_dup_check(r->c, type, ph, pn)) {
        r->dups++;
        *dup = true;
        return -1;
    }
    const char *why;
    int32_t ph_i = compat_phrase(r->c, ph, pn, 0, &why);
    if (ph_i < 0) {
        if (why)
            PPROBLEM(r, "%s", why);
        return -1;
    }
    char disp[256];
    size_t dn = 0;
    for (size_t i = 0; i < pn && dn < sizeof disp - 1; i++)
        disp[dn++] = ph[i] == '_' || ph[i] == '#' ? ' ' : ph[i];
    while (dn && disp[dn - 1] == ' ')
        dn--;
    return compat_add_root(r->c, ph_i, type, code, r->file, r->line, disp, dn);
}

/* ------------------------------------------------------------ actors */

static void close_actor_group(preader *r, int32_t first, const char *codes, size_t clen,
                              uint32_t line)
{
    compat *c = r->c;
    if (first < 0)
        return;
    int32_t code = -1;
    const char *why = NULL;
    if (clen)
        code = compat_actor_code(c, codes, clen, true, &why);
    if (code < 0 || why) /* PETRARCH keeps going: a warning, the entry without it */
        CWARN(c, r->file, line, "%s for '%s'%s", clen ? (why ? why : "bad code") : "no code",
              c->roots.items[first].text, code < 0 ? "; ignored" : "; that code is skipped");
    if (code >= 0) {
        c->acodes.items[code].dated_first = true;
        const calt *a = &c->calts.items[c->acodes.items[code].first_alt];
        if (a->n_items && c->citems.items[a->first_item].actor == c->discard_code)
            c->n_discards++;
    }
    for (int32_t i = first; i < (int32_t)c->roots.len; i++) {
        croot *rt = &c->roots.items[i];
        if (i != first && rt->parent != first)
            continue;
        rt->code = code;
        if (code < 0)
            rt->type = CW_NULL;
    }
}

static int read_actors(preader *r)
{
    compat *c = r->c;
    size_t before = c->lx->errors;
    int32_t group = -1;
    bool skipping = false;
    char *codes = NULL;
    size_t clen = 0, ccap = 0;
    uint32_t gline = 0;
    const char *s;
    size_t n;
    while ((s = pnext(r, &n))) {
        if (s[0] == '[') { /* a code line of the current entry */
            if (group < 0 && !skipping) {
                PPROBLEM(r, "a code line with no actor before it");
                continue;
            }
            if (skipping)
                continue;
            if (clen + n + 2 > ccap) {
                size_t cap = ccap ? ccap * 2 : 256;
                while (cap < clen + n + 2)
                    cap *= 2;
                char *nc = realloc(codes, cap);
                if (!nc)
                    break;
                codes = nc;
                ccap = cap;
            }
            memcpy(codes + clen, s, n);
            clen += n;
            codes[clen++] = ' ';
            continue;
        }
        const char *open = memchr(s, '[', n);
        size_t name_len = open ? (size_t)(open - s) : n;
        if (s[0] == '+') {
            if (skipping)
                continue;
            if (group < 0) {
                PPROBLEM(r, "a + synonym with no actor before it");
                continue;
            }
            bool dup;
            int32_t rt =
                add_exact_root(r, s + 1, name_len - 1, CW_ACTOR, c->roots.items[group].code, &dup);
            if (rt >= 0) {
                c->roots.items[rt].parent = group;
                c->n_actor_names++;
            }
            if (open) { /* a synonym with its own codes adds them to the entry */
                size_t cn = n - (size_t)(open - s);
                if (clen + cn + 2 > ccap) {
                    size_t cap = ccap ? ccap * 2 : 256;
                    while (cap < clen + cn + 2)
                        cap *= 2;
                    char *nc = realloc(codes, cap);
                    if (!nc)
                        break;
                    codes = nc;
                    ccap = cap;
                }
                memcpy(codes + clen, open, cn);
                clen += cn;
                codes[clen++] = ' ';
            }
            continue;
        }
        /* a new entry: the previous one gets its codes */
        if (!skipping)
            close_actor_group(r, group, codes, clen, gline);
        clen = 0;
        group = -1;
        bool dup;
        group = add_exact_root(r, s, name_len, CW_ACTOR, -1, &dup);
        skipping = group < 0;
        gline = r->line;
        if (group >= 0) {
            c->n_actors++;
            c->n_actor_names++;
        }
        if (open && group >= 0) {
            size_t cn = n - (size_t)(open - s);
            if (cn + 2 > ccap) {
                size_t cap = ccap ? ccap * 2 : 256;
                while (cap < cn + 2)
                    cap *= 2;
                char *nc = realloc(codes, cap);
                if (!nc)
                    break;
                codes = nc;
                ccap = cap;
            }
            memcpy(codes, open, cn);
            clen = cn;
            codes[clen++] = ' ';
        }
    }
    if (!skipping)
        close_actor_group(r, group, codes, clen, gline);
    free(codes);
    dup_summary(r, "actor names");
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ agents */

typedef struct marker {
    char name[32];
    char items[16][48];
    int n;
} marker;

static void plural_of(const char *s, size_t n, char *out, size_t cap)
{
    if (n && toupper((unsigned char)s[n - 1]) == 'Y')
        snprintf(out, cap, "%.*sIES", (int)n - 1, s);
    else if (n && toupper((unsigned char)s[n - 1]) == 'S')
        snprintf(out, cap, "%.*sES", (int)n, s);
    else
        snprintf(out, cap, "%.*sS", (int)n, s);
}

static void store_agent(preader *r, const char *name, size_t n, int32_t code)
{
    bool dup;
    if (add_exact_root(r, name, n, CW_AGENT, code, &dup) >= 0)
        r->c->n_agents++;
}

static int read_agents(preader *r)
{
    compat *c = r->c;
    size_t before = c->lx->errors;
    marker marks[32];
    int nmarks = 0;
    const char *s;
    size_t n;
    while ((s = pnext(r, &n))) {
        const char *bang = memchr(s, '!', n);
        const char *eq = memchr(s, '=', n);
        const char *open = memchr(s, '[', n);
        if (bang && eq && !open) { /* !PERSON! = MAN, MEN, WOMAN */
            const char *b2 = memchr(bang + 1, '!', n - (size_t)(bang + 1 - s));
            if (!b2 || b2 > eq) {
                PPROBLEM(r, "a substitution marker is written !NAME! = A, B, C");
                continue;
            }
            if (nmarks >= 32) {
                PPROBLEM(r, "too many substitution markers (32 at most)");
                continue;
            }
            marker *m = &marks[nmarks++];
            snprintf(m->name, sizeof m->name, "%.*s", (int)(b2 - bang - 1), bang + 1);
            m->n = 0;
            const char *p = eq + 1, *e = s + n;
            while (p < e && m->n < 16) {
                const char *comma = memchr(p, ',', (size_t)(e - p));
                const char *ie = comma ? comma : e;
                while (p < ie && isspace((unsigned char)*p))
                    p++;
                const char *te = ie;
                while (te > p && isspace((unsigned char)te[-1]))
                    te--;
                if (te > p)
                    snprintf(m->items[m->n++], sizeof m->items[0], "%.*s", (int)(te - p), p);
                p = comma ? comma + 1 : e;
            }
            continue;
        }
        if (!open) {
            PWARN(r, "an agent needs a code: PHRASE [~CODE]; skipped");
            continue;
        }
        const char *why;
        int32_t code = compat_agent_code(c, open, n - (size_t)(open - s), &why);
        if (code < 0) {
            PWARN(r, "%s; skipped", why ? why : "bad code");
            continue;
        }
        size_t pn = (size_t)(open - s);
        while (pn && isspace((unsigned char)s[pn - 1]))
            pn--;
        const char *b1 = memchr(s, '!', pn);
        if (b1) { /* CONGRESS!PERSON! -> CONGRESSMAN, ... (no plurals) */
            const char *b2 = memchr(b1 + 1, '!', pn - (size_t)(b1 + 1 - s));
            int mi = -1;
            if (b2)
                for (int k = 0; k < nmarks; k++)
                    if (strlen(marks[k].name) == (size_t)(b2 - b1 - 1) &&
                        !strncmp(marks[k].name, b1 + 1, (size_t)(b2 - b1 - 1)))
                        mi = k;
            if (mi < 0) {
                PWARN(r, "unknown substitution marker in '%.*s'; skipped", (int)pn, s);
                continue;
            }
            for (int k = 0; k < marks[mi].n; k++) {
                char buf[256];
                int bn = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(b1 - s), s,
                                  marks[mi].items[k], (int)(pn - (size_t)(b2 + 1 - s)), b2 + 1);
                if (bn > 0 && (size_t)bn < sizeof buf)
                    store_agent(r, buf, (size_t)bn, code);
            }
            continue;
        }
        const char *ob = memchr(s, '{', pn);
        if (ob) { /* PHRASE {PLURAL} or PHRASE {} */
            const char *cb = memchr(ob, '}', pn - (size_t)(ob - s));
            if (!cb) {
                PPROBLEM(r, "missing '}'");
                continue;
            }
            size_t nn = (size_t)(ob - s);
            while (nn && isspace((unsigned char)s[nn - 1]))
                nn--;
            store_agent(r, s, nn, code);
            const char *pl = ob + 1;
            size_t pln = (size_t)(cb - pl);
            while (pln && isspace((unsigned char)*pl))
                pl++, pln--;
            while (pln && isspace((unsigned char)pl[pln - 1]))
                pln--;
            if (pln)
                store_agent(r, pl, pln, code);
            continue;
        }
        store_agent(r, s, pn, code);
        char pl[256];
        plural_of(s, pn, pl, sizeof pl);
        store_agent(r, pl, strlen(pl), code);
    }
    dup_summary(r, "agent names");
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ discards */

static int read_discards(preader *r)
{
    compat *c = r->c;
    const char *s;
    size_t n;
    while ((s = pnext(r, &n))) {
        bool story = s[0] == '+';
        if (story)
            s++, n--;
        while (n && isspace((unsigned char)*s))
            s++, n--;
        if (!n)
            continue;
        /* consecutive words; the last one a stem unless it ends with _ */
        char ph[512];
        size_t o = 0;
        for (size_t i = 0; i < n && o + 2 < sizeof ph; i++)
            ph[o++] = s[i] == ' ' || s[i] == '\t' || s[i] == '-' ? '_' : s[i];
        ph[o] = '\0';
        if (compat_dup_check(c, CW_ISSUE, ph, o)) {
            r->dups++;
            continue;
        }
        const char *why;
        int32_t pi = compat_phrase(c, ph, o, 0, &why);
        if (pi < 0)
            continue;
        int32_t rt = compat_add_root(c, pi, CW_ISSUE, -1, r->file, r->line, s, n);
        if (rt < 0)
            return PETREL_ERR_NOMEM;
        if (story)
            c->roots.items[rt].flags |= RF_STORY;
        c->n_discards++;
        c->has_discard_list = true;
    }
    dup_summary(r, "discards");
    return PETREL_OK;
}

/* ------------------------------------------------------------ verbs */

typedef struct pblock {
    int32_t vinfo; /* the block's patterns and code */
    int32_t code;
    int32_t *verbs; /* vinfos of the block's verbs, which share its patterns */
    size_t nverbs, cap;
} pblock;

static void close_block(compat *c, pblock *b)
{
    if (b->vinfo < 0)
        return;
    const vinfo *bv = &c->vinfos.items[b->vinfo];
    for (size_t k = 0; k < b->nverbs; k++) {
        c->vinfos.items[b->verbs[k]].first_pat = bv->first_pat;
        c->vinfos.items[b->verbs[k]].last_pat = bv->last_pat;
        c->vinfos.items[b->verbs[k]].n_pat = bv->n_pat;
    }
    b->nverbs = 0;
    b->vinfo = -1;
}

static bool block_add_verb(pblock *b, int32_t vi)
{
    if (b->nverbs == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        int32_t *nv = realloc(b->verbs, cap * sizeof *nv);
        if (!nv)
            return false;
        b->verbs = nv;
        b->cap = cap;
    }
    b->verbs[b->nverbs++] = vi;
    return true;
}

static int32_t add_verb_form(preader *r, const char *form, size_t n, int32_t vi)
{
    /* +BEEF_UP, RE_+ARREST: the words joined; exact forms (no stems, no endings) */
    char ph[256];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < sizeof ph; i++) {
        if (form[i] == '+')
            continue;
        ph[o++] = form[i] == '-' || form[i] == ' ' ? '_' : form[i];
    }
    while (o && ph[o - 1] == '_')
        o--;
    if (!o)
        return -1;
    ph[o++] = '=';
    ph[o] = '\0';
    if (compat_dup_check(r->c, CW_VERB, ph, o)) {
        r->dups++;
        return -1;
    }
    const char *why;
    int32_t pi = compat_phrase(r->c, ph, o, 0, &why);
    if (pi < 0)
        return -1;
    char disp[256];
    size_t dn = 0;
    for (size_t i = 0; i + 1 < o && dn < sizeof disp - 1; i++)
        disp[dn++] = ph[i] == '_' ? ' ' : ph[i];
    int32_t rt = compat_add_root(r->c, pi, CW_VERB, vi, r->file, r->line, disp, dn);
    if (rt >= 0)
        r->c->n_verbs++;
    return rt;
}

/* The regular forms PETRARCH makes for a verb written alone: -S, -ED, -ING,
 * of the word marked + in a multi-word verb. */
static void verb_forms(preader *r, const char *w, size_t n, int32_t vi)
{
    add_verb_form(r, w, n, vi);
    const char *plus = memchr(w, '+', n);
    size_t vs = plus ? (size_t)(plus + 1 - w) : 0, ve = vs;
    while (ve < n && w[ve] != '_')
        ve++;
    if (ve == vs)
        return;
    char v[128];
    size_t vn = ve - vs < sizeof v - 8 ? ve - vs : sizeof v - 8;
    memcpy(v, w + vs, vn);
    char last = (char)toupper((unsigned char)v[vn - 1]);
    char forms[3][140];
    if (last == 'S' || last == 'X' || last == 'Z')
        snprintf(forms[0], sizeof forms[0], "%.*sES", (int)vn, v);
    else if (last == 'Y')
        snprintf(forms[0], sizeof forms[0], "%.*sIES", (int)vn - 1, v);
    else
        snprintf(forms[0], sizeof forms[0], "%.*sS", (int)vn, v);
    snprintf(forms[1], sizeof forms[1], last == 'E' ? "%.*sD" : "%.*sED", (int)vn, v);
    if (last == 'E' && vn >= 2 && !strchr("AEIOUaeiou", v[vn - 2]))
        snprintf(forms[2], sizeof forms[2], "%.*sING", (int)vn - 1, v);
    else
        snprintf(forms[2], sizeof forms[2], "%.*sING", (int)vn, v);
    for (int k = 0; k < 3; k++) {
        char full[300];
        int fn =
            snprintf(full, sizeof full, "%.*s%s%.*s", (int)vs, w, forms[k], (int)(n - ve), w + ve);
        if (fn > 0 && (size_t)fn < sizeof full)
            add_verb_form(r, full, (size_t)fn, vi);
    }
}

/* Treebank writes "did n't" and "Iran 's"; Petrel keeps them on their word. */
static bool clitic(const char *w, size_t n)
{
    return (n == 3 && !strncasecmp(w, "n't", 3)) || (n == 2 && !strncasecmp(w, "'s", 2)) ||
           (n == 3 && (!strncasecmp(w, "'re", 3) || !strncasecmp(w, "'ve", 3) ||
                       !strncasecmp(w, "'ll", 3))) ||
           (n == 2 && (!strncasecmp(w, "'d", 2) || !strncasecmp(w, "'m", 2)));
}

/* A PETRARCH pattern as TABARI reads one: ( ) and { } groupings dropped, each
 * word whole (W_), gaps allowed between elements. */
static size_t convert_pattern(const char *s, size_t n, char *out, size_t cap, bool *alts)
{
    size_t o = 0;
    size_t i = 0;
    *alts = false;
    while (i < n) {
        while (i < n && (isspace((unsigned char)s[i]) || s[i] == '(' || s[i] == ')' ||
                         s[i] == '{' || s[i] == '}'))
            i++;
        if (i >= n)
            break;
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]) && s[j] != '(' && s[j] != ')' &&
               s[j] != '{' && s[j] != '}')
            j++;
        size_t wn = j - i;
        const char *w = s + i;
        if (wn == 1 && *w == '|')
            *alts = true;
        if (o + wn + 3 >= cap)
            break;
        if (o)
            out[o++] = ' ';
        bool sym = wn == 1 && strchr("*$+%^@", *w);
        bool syn = *w == '&';
        if (o && clitic(w, wn)) { /* onto the word before: "WO N'T" -> "WON'T" */
            while (o && (out[o - 1] == '_' || out[o - 1] == ' '))
                o--;
            for (size_t k = 0; k < wn; k++)
                out[o++] = w[k];
            out[o++] = '_';
            i = j;
            continue;
        }
        for (size_t k = 0; k < wn; k++)
            out[o++] = w[k] == '-' && k ? '_' : w[k];
        if (syn) {
            while (o && out[o - 1] == '_')
                o--;
        } else if (!sym && out[o - 1] != '_') {
            out[o++] = '_';
        }
        i = j;
    }
    out[o] = '\0';
    return o;
}

static void petr_pattern(preader *r, pblock *b, const char *s, size_t n)
{
    compat *c = r->c;
    const char *open = NULL;
    for (const char *q = s + n; q > s; q--)
        if (q[-1] == '[') {
            open = q - 1;
            break;
        }
    if (!open) {
        PPROBLEM(r, "a pattern needs a code: - ... * ... [CODE]");
        return;
    }
    if (b->vinfo < 0) {
        PPROBLEM(r, "a pattern before any --- VERB [CODE] --- block");
        return;
    }
    char pat[1024];
    bool alts;
    size_t pn = convert_pattern(s + 1, (size_t)(open - s - 1), pat, sizeof pat, &alts);
    if (!memchr(pat, '*', pn)) {
        PPROBLEM(r, "no verb marker '*' in the pattern");
        return;
    }
    if (alts) /* PETRARCH skips { a | b } sets; synonym sets do that job */
        return;
    const char *why = NULL;
    int32_t code;
    /* [:173]: no code for the verb's own direction */
    const char *body = open + 1;
    while (body < s + n && isspace((unsigned char)*body))
        body++;
    if (*body == ':')
        code = compat_event_code(c, "[---]", 5, &why);
    else
        code = compat_event_code(c, open, n - (size_t)(open - s), &why);
    if (code < 0) {
        PPROBLEM(r, "%s", why ? why : "out of memory");
        return;
    }
    int length, maxalt;
    compat_pattern_length(pat, pn, &length, &maxalt);
    int32_t ph = compat_phrase(c, pat, pn, PH_LONGSYN, &why);
    if (ph < 0) {
        if (why)
            PWARN(r, "%s in the pattern; skipped (PETRARCH ignores it too)", why);
        return;
    }
    if (compat_add_pattern(c, b->vinfo, ph, code, length, maxalt, s, n) >= 0)
        c->n_patterns++;
}

static void petr_synset_member(preader *r, int32_t vi, bool plurals, const char *s, size_t n)
{
    compat *c = r->c;
    /* consecutive words; a final _ means no plural */
    bool stop = n && s[n - 1] == '_';
    char ph[512];
    size_t o = 0;
    size_t i = 0;
    while (i < n && o + 4 < sizeof ph) {
        while (i < n && (s[i] == ' ' || s[i] == '_'))
            i++;
        if (i >= n)
            break;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '_')
            j++;
        if (o && !clitic(s + i, j - i))
            ph[o++] = '_';
        while (i < n && s[i] != ' ' && s[i] != '_' && o + 4 < sizeof ph)
            ph[o++] = s[i++];
    }
    if (!o)
        return;
    for (int k = 0; k < 2; k++) {
        char m[600];
        size_t mn;
        if (k == 0) {
            mn = (size_t)snprintf(m, sizeof m, "%.*s_", (int)o, ph);
        } else {
            if (stop || !plurals || ph[0] == '&')
                break;
            char pl[560];
            plural_of(ph, o, pl, sizeof pl);
            mn = (size_t)snprintf(m, sizeof m, "%s_", pl);
        }
        if (mn >= sizeof m)
            continue;
        if (ph[0] == '&') /* an earlier set as a member */
            m[--mn] = '\0';
        int length, maxalt;
        compat_pattern_length(m, mn, &length, &maxalt);
        const char *why;
        int32_t pi = compat_phrase(c, m, mn, PH_LONGSYN, &why);
        if (pi < 0) {
            if (why)
                PWARN(r, "%s in synonym set member; skipped", why);
            continue;
        }
        compat_add_pattern(c, vi, pi, -1, length, maxalt, s, n);
    }
}

static int read_verbs(preader *r)
{
    compat *c = r->c;
    size_t before = c->lx->errors;
    pblock b = {-1, -1, NULL, 0, 0};
    int32_t syn_vi = -1;
    bool syn_plurals = true;
    size_t transforms = 0;
    const char *s;
    size_t n;
    while ((s = pnext(r, &n))) {
        if (n >= 3 && !memcmp(s, "---", 3)) { /* --- BLOCK [CODE] --- */
            close_block(c, &b);
            syn_vi = -1;
            const char *open = memchr(s, '[', n);
            const char *why = NULL;
            b.code = open ? compat_event_code(c, open, n - (size_t)(open - s), &why)
                          : compat_event_code(c, "[---]", 5, &why);
            if (b.code < 0) {
                PPROBLEM(r, "%s", why ? why : "out of memory");
                b.code = compat_event_code(c, "[---]", 5, &why);
            }
            b.vinfo = compat_add_vinfo(c, b.code);
            continue;
        }
        if (s[0] == '&') { /* a synonym set: &NAME (a final _: no plurals) */
            size_t nn = 0;
            while (nn < n && !isspace((unsigned char)s[nn]))
                nn++;
            syn_plurals = s[nn - 1] != '_';
            size_t base = nn;
            while (base > 1 && s[base - 1] == '_')
                base--;
            if (compat_synset_root(c, s, base) >= 0) {
                PWARN(r, "synonym set '%.*s' is declared twice; the second is skipped", (int)base,
                      s);
                syn_vi = -2;
                continue;
            }
            syn_vi = compat_add_vinfo(c, -1);
            const char *why;
            int32_t pi = syn_vi >= 0 ? compat_phrase(c, s, base, PH_SYNROOT, &why) : -1;
            if (pi < 0 || compat_add_root(c, pi, CW_SYNYM, syn_vi, r->file, r->line, s, base) < 0) {
                syn_vi = -2;
                continue;
            }
            c->n_synsets++;
            continue;
        }
        if (s[0] == '+' && syn_vi != -1) { /* a member of the set above */
            if (syn_vi >= 0)
                petr_synset_member(r, syn_vi, syn_plurals, s + 1, n - 1);
            continue;
        }
        if (s[0] == '~') { /* PETRARCH 2's verb transformations: not coded here */
            transforms++;
            continue;
        }
        if (s[0] == '-') {
            petr_pattern(r, &b, s, n);
            continue;
        }
        syn_vi = -1;
        if (b.vinfo < 0) {
            PPROBLEM(r, "a verb before any --- VERB [CODE] --- block");
            continue;
        }
        /* VERB [CODE] {FORMS} */
        const char *open = memchr(s, '[', n);
        const char *ob = memchr(s, '{', n);
        size_t vn = n;
        if (open && (size_t)(open - s) < vn)
            vn = (size_t)(open - s);
        if (ob && (size_t)(ob - s) < vn)
            vn = (size_t)(ob - s);
        while (vn && isspace((unsigned char)s[vn - 1]))
            vn--;
        int32_t code = b.code;
        if (open) {
            const char *why;
            int32_t own = compat_event_code(c, open, n - (size_t)(open - s), &why);
            if (own < 0)
                PPROBLEM(r, "%s", why ? why : "out of memory");
            else
                code = own;
        }
        int32_t vi = compat_add_vinfo(c, code);
        if (vi < 0 || !block_add_verb(&b, vi)) {
            free(b.verbs);
            return PETREL_ERR_NOMEM;
        }
        c->vinfos.items[vi].text = arena_strndup(&c->lx->mem, s, n);
        c->n_verb_roots++;
        if (ob) { /* all the forms are listed */
            const char *cb = memchr(ob, '}', n - (size_t)(ob - s));
            const char *fe = cb ? cb : s + n;
            add_verb_form(r, s, vn, vi);
            const char *p = ob + 1;
            while (p < fe) {
                while (p < fe && isspace((unsigned char)*p))
                    p++;
                const char *q = p;
                while (q < fe && !isspace((unsigned char)*q))
                    q++;
                if (q > p)
                    add_verb_form(r, p, (size_t)(q - p), vi);
                p = q;
            }
        } else {
            const char *sp = memchr(s, ' ', vn);
            if (sp) /* several words: taken as they are */
                add_verb_form(r, s, vn, vi);
            else
                verb_forms(r, s, vn, vi);
        }
    }
    close_block(c, &b);
    free(b.verbs);
    if (transforms)
        CWARN(c, r->file, 0,
              "%zu verb transformation lines (~) ignored: PETRARCH 2 applies them to parse trees",
              transforms);
    dup_summary(r, "verb forms");
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ dispatch */

enum pkind { PK_ACTORS, PK_AGENTS, PK_DISCARDS, PK_VERBS, PK_ISSUES };

static bool base_has(const char *path, const char *w)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(w);
    for (const char *q = base; *q; q++)
        if (!strncasecmp(q, w, n))
            return true;
    return false;
}

static enum pkind petr_kind(const char *path, const char *buf, size_t len)
{
    if (base_has(path, "verb") || base_has(path, "cameo"))
        return PK_VERBS;
    if (base_has(path, "agent"))
        return PK_AGENTS;
    if (base_has(path, "discard"))
        return PK_DISCARDS;
    if (base_has(path, "issue"))
        return PK_ISSUES;
    if (base_has(path, "actor"))
        return PK_ACTORS;
    int blocks = 0, tilde = 0, coded = 0, plain = 0;
    const char *p = buf, *end = buf + (len > 65536 ? 65536 : len);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        while (s < le && isspace((unsigned char)*s))
            s++;
        if (s == le || *s == '#' || *s == '<')
            continue;
        if (le - s >= 3 && !memcmp(s, "---", 3))
            blocks++;
        const char *br = memchr(s, '[', (size_t)(le - s));
        if (br) {
            coded++;
            if (memchr(br, '~', (size_t)(le - br)))
                tilde++;
        } else if (*s != '+') {
            plain++;
        }
    }
    if (blocks)
        return PK_VERBS;
    if (tilde && tilde * 2 >= coded)
        return PK_AGENTS;
    if (plain > coded * 2)
        return PK_DISCARDS;
    return PK_ACTORS;
}

int compat_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                         petrel_error *err)
{
    compat *c = compat_get(lx);
    if (!c) {
        lex_problem(lx, err, false, file, 0, "out of memory");
        return PETREL_ERR_NOMEM;
    }
    if (!c->family)
        c->family = PETREL_DICT_PETRARCH;
    if (!c->petrarch) {
        /* "soldiers from Gondor": PETRARCH finds agents anywhere in the noun
         * phrase; FROM joins them like TABARI's IN and OF */
        const char *why;
        int32_t ph = compat_phrase(c, "from_", 5, 0, &why);
        if (ph < 0 || compat_add_root(c, ph, CW_PREP, -1, 0, 0, "from", 4) < 0)
            return PETREL_ERR_NOMEM;
        compat_dup_check(c, 0, "from_", 5);
    }
    c->petrarch = true;
    if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
        return compat_load_zip(lx, path, buf, len, file, true, err);
    preader r = {.c = c, .p = buf, .end = buf + len, .file = file, .err = err};
    int rc;
    switch (petr_kind(path, buf, len)) {
    case PK_VERBS:
        rc = read_verbs(&r);
        break;
    case PK_AGENTS:
        rc = read_agents(&r);
        break;
    case PK_DISCARDS:
        rc = read_discards(&r);
        break;
    case PK_ISSUES:
        CWARN(c, file, 0, "issue coding is not supported; file ignored");
        rc = PETREL_OK;
        break;
    default:
        rc = read_actors(&r);
    }
    free(r.buf);
    return rc;
}

/* ------------------------------------------------------------ sniffing */

/* A line no discard list would hold: a link, sentence punctuation at the
 * end, or more words than a discard phrase plausibly has. */
static bool looks_like_prose(const char *s, size_t n)
{
    char last = s[n - 1];
    if (last == '.' || last == ':' || last == ',' || last == '?')
        return true;
    int words = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !memcmp(s + i, "://", 3))
            return true;
        if (!isspace((unsigned char)s[i]) && (i == 0 || isspace((unsigned char)s[i - 1])))
            words++;
    }
    return words > 24;
}

petrel_dict_format compat_sniff(const char *buf, size_t len)
{
    if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
        return PETREL_DICT_TABARI; /* TABARI's dictionaries come zipped */
    int tabari = 0, petrarch = 0, coded = 0, lines = 0, bracketed = 0, prose = 0;
    const char *p = buf, *end = buf + (len > 65536 ? 65536 : len);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        while (le > s && isspace((unsigned char)le[-1]))
            le--;
        if (s == le)
            continue;
        size_t n = (size_t)(le - s);
        lines++;
        if (memchr(s, '[', n))
            bracketed++;
        else if (looks_like_prose(s, n))
            prose++;
        if (n >= 4 && !memcmp(s, "<!--", 4)) { /* PETRARCH writes XML comments */
            petrarch += 3;
        } else if (*s == '<' && n > 1 && s[1] != '!') {
            /* <NOUN> <SYNSETS> <TIME> sections, .project's <verbsfile> tags */
            const char *gt = memchr(s, '>', n);
            bool file_tag = false;
            for (const char *q = s; gt && q + 5 <= gt + 1; q++)
                if (!strncasecmp(q, "file>", 5))
                    file_tag = true;
            if (file_tag || !strncasecmp(s, "<NOUN>", 6) || !strncasecmp(s, "<ADJ", 4) ||
                !strncasecmp(s, "<SYNSETS>", 9) || !strncasecmp(s, "<TIME>", 6) ||
                !strncasecmp(s, "</", 2) || !strncasecmp(s, "<session", 8) ||
                !strncasecmp(s, "<coder", 6))
                tabari += 3;
        }
        if (*s == '~') /* ~~FINISH */
            tabari += 3;
        if (*s == ';')
            tabari++;
        if (n >= 4 && !memcmp(s, "--- ", 4)) /* a PETRARCH verb block */
            petrarch += 5;
        if (*s == '!' && memchr(s, '=', n)) /* !PERSON! = ... */
            petrarch += 3;
        if (*s == '#' && (n < 2 || s[1] != '#') && !memchr(s, '[', n))
            petrarch++;
        static const char *const cmds[] = {"COMPLEX:", "SET:",     "OUTPUT:", "LABEL:",
                                           "DEFAULT:", "FORWARD:", "COMMA:",  "NONEVENTS:"};
        for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
            if (n >= strlen(cmds[i]) && !strncasecmp(s, cmds[i], strlen(cmds[i])))
                tabari += 3;
        const char *close = NULL;
        for (const char *q = le; q > s; q--)
            if (q[-1] == ']') {
                close = q - 1;
                break;
            }
        if (close && close == le - 1)
            coded++;
        if (close) { /* what follows the code: ; comment (TABARI) or # (PETRARCH) */
            const char *q = close + 1;
            while (q < le && isspace((unsigned char)*q))
                q++;
            if (q < le && *q == ';')
                tabari++;
            else if (q < le && *q == '#')
                petrarch++;
        }
        if (n >= 2 && s[0] == '-' && s[1] == ' ' && memchr(s, '*', n)) {
            /* TABARI patterns use _ and stems; PETRARCH's ( ) and { } groups */
            if (memchr(s, '(', n))
                petrarch++;
        }
    }
    /* bare PHRASE [CODE] lines with no comments at all: TABARI's plain files;
     * bare phrases without codes: a PETRARCH discard list, unless many
     * read like sentences (a README handed over by a glob is not a dictionary;
     * a stray "INC." in a list is) */
    if (!tabari && !petrarch)
        return coded                                      ? PETREL_DICT_TABARI
               : lines && !bracketed && prose * 4 < lines ? PETREL_DICT_PETRARCH
                                                          : PETREL_DICT_AUTO;
    return tabari >= petrarch ? PETREL_DICT_TABARI : PETREL_DICT_PETRARCH;
}

static bool ends_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcasecmp(s + n - k, suffix);
}

petrel_dict_format compat_sniff_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static const char *const tabari[] = {".actors", ".agents", ".verbs", ".options", ".project"};
    for (size_t i = 0; i < sizeof tabari / sizeof tabari[0]; i++)
        if (ends_ci(base, tabari[i]))
            return PETREL_DICT_TABARI;
    if (ends_ci(base, ".txt") &&
        (base_has(base, "actor") || base_has(base, "agent") || base_has(base, "discard") ||
         base_has(base, "verb") || base_has(base, "cameo")))
        return PETREL_DICT_PETRARCH;
    return PETREL_DICT_AUTO;
}
