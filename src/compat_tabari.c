/*
 * compat_tabari.c - readers for TABARI's files: .actors (with <NOUN> and
 * <ADJECTIVE> lists, + synonyms and indented date restrictions), .agents,
 * .verbs (verb blocks, { forms }, patterns, <SYNSETS>, <TIME>, <ATTRIB>),
 * .options, .project (loads the files it names) and zip archives of them.
 *
 * Lines are read the way TABARI reads them (ReadFilesClass::parseLine): a line
 * starting with / or # is a comment, one starting with ~ ends the file, text
 * after ; is a comment, hyphens in phrases become underscores, and { | } are
 * spaced out. Problems are FILE:LINE: reason; quirks TABARI itself accepts
 * (duplicates, unknown options) are warnings.
 */
#include "compat_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"

/* ------------------------------------------------------------ lines */

typedef struct reader {
    compat *c;
    const char *p, *end;
    uint16_t file;
    uint32_t line;
    petrel_error *err;
    bool code_optional;
    bool pending_codes; /* an actor waits for indented [codes]: a phrase may be empty */
    /* the current line, parsed */
    char *ph; /* normalised phrase (owned scratch) */
    size_t ph_len, ph_cap;
    const char *raw; /* the phrase as written (for names and pattern text) */
    size_t raw_len;
    const char *code; /* from the first [ to the end of the non-comment part */
    size_t code_len;
    bool has_code;
    bool tag; /* < or & line: the phrase is taken as is */
    bool ok;
} reader;

static bool ph_reserve(reader *r, size_t n)
{
    if (n <= r->ph_cap)
        return true;
    size_t cap = r->ph_cap ? r->ph_cap : 256;
    while (cap < n)
        cap *= 2;
    char *np = realloc(r->ph, cap);
    if (!np)
        return false;
    r->ph = np;
    r->ph_cap = cap;
    return true;
}

#define RPROBLEM(r, ...) CPROBLEM((r)->c, (r)->err, (r)->file, (r)->line, __VA_ARGS__)
#define RWARN(r, ...) CWARN((r)->c, (r)->file, (r)->line, __VA_ARGS__)

/* Next meaningful raw line into [*s, *e): false at the end of the file or at
 * a ~ line (TABARI's internal end-of-file mark). */
static bool next_raw(reader *r, const char **s, const char **e)
{
    while (r->p < r->end) {
        const char *ls = r->p;
        const char *nl = memchr(ls, '\n', (size_t)(r->end - ls));
        const char *le = nl ? nl : r->end;
        r->p = nl ? nl + 1 : r->end;
        r->line++;
        if (le > ls && le[-1] == '\r')
            le--;
        if (le == ls || ls[0] == '/' || ls[0] == '#')
            continue;
        if (ls[0] == '~')
            return false;
        while (ls < le && isspace((unsigned char)*ls))
            ls++;
        while (le > ls && isspace((unsigned char)le[-1]))
            le--;
        if (le == ls)
            continue;
        *s = ls;
        *e = le;
        return true;
    }
    return false;
}

/* TABARI's parseLine. Sets r->ok; reports problems. */
static bool parse_line(reader *r, const char *s, const char *e)
{
    r->ok = false;
    r->tag = false;
    r->has_code = false;
    r->code = NULL;
    r->code_len = 0;
    const char *semi = memchr(s, ';', (size_t)(e - s));
    const char *se = semi ? semi : e; /* non-comment part */
    while (se > s && isspace((unsigned char)se[-1]))
        se--;
    if (se == s) /* nothing but a ; comment */
        return true;
    if (s[0] == '<' || s[0] == '&') {
        if (!ph_reserve(r, (size_t)(se - s) + 1))
            return false;
        memcpy(r->ph, s, (size_t)(se - s));
        r->ph_len = (size_t)(se - s);
        r->ph[r->ph_len] = '\0';
        r->raw = s;
        r->raw_len = r->ph_len;
        r->tag = true;
        r->ok = true;
        return true;
    }
    const char *open = memchr(s, '[', (size_t)(se - s));
    const char *pe = se;
    if (s[0] == '+' || s[0] == '{') {
        /* synonyms and verb forms carry no code of their own */
        open = NULL;
    } else if (open) {
        pe = open;
        r->code = open;
        r->code_len = (size_t)(se - open);
        r->has_code = true;
        bool content = false;
        for (const char *q = open + 1; q < se && *q != ']' && !content; q++)
            if (!isspace((unsigned char)*q))
                content = true;
        if (!content) {
            RPROBLEM(r, "no code specified between [...]");
            return true;
        }
    } else if (!r->code_optional) {
        RPROBLEM(r, "missing left-bracket [ (want PHRASE [CODE])");
        return true;
    }
    while (pe > s && isspace((unsigned char)pe[-1]))
        pe--;
    r->raw = s;
    r->raw_len = (size_t)(pe - s);
    /* hyphens to underscores (not a leading - that marks a pattern); space
     * out { | }, keeping _{ and }_ joined */
    if (!ph_reserve(r, 3 * (size_t)(pe - s) + 1))
        return false;
    /* the characters the loop below rewrites; the others, nearly all, are
     * copied with one test each */
    static const bool rewritten[256] = {['-'] = true, ['{'] = true, ['}'] = true, ['|'] = true};
    size_t o = 0;
    for (const char *q = s; q < pe; q++) {
        char ch = *q;
        if (!rewritten[(unsigned char)ch]) {
            r->ph[o++] = ch;
            continue;
        }
        if (ch == '-' && q > s)
            ch = '_';
        if (ch == '{') {
            if (q > s && q[-1] == '_') {
                r->ph[o++] = '{';
                r->ph[o++] = ' ';
            } else {
                r->ph[o++] = ' ';
                r->ph[o++] = '{';
                r->ph[o++] = ' ';
            }
        } else if (ch == '}') {
            if (q + 1 < pe && q[1] == '_') {
                r->ph[o++] = ' ';
                r->ph[o++] = '}';
            } else {
                r->ph[o++] = ' ';
                r->ph[o++] = '}';
                r->ph[o++] = ' ';
            }
        } else if (ch == '|') {
            r->ph[o++] = ' ';
            r->ph[o++] = '|';
            r->ph[o++] = ' ';
        } else {
            r->ph[o++] = ch;
        }
    }
    while (o && isspace((unsigned char)r->ph[o - 1]))
        o--;
    size_t lead = 0;
    while (lead < o && r->ph[lead] == ' ')
        lead++;
    if (lead) {
        memmove(r->ph, r->ph + lead, o - lead);
        o -= lead;
    }
    r->ph[o] = '\0';
    r->ph_len = o;
    if (!r->pending_codes && o < 2) {
        RPROBLEM(r, "no phrase (a phrase needs at least two characters)");
        return true;
    }
    r->ok = true;
    return true;
}

static bool has_ci(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = 0; i + wn <= n; i++) {
        size_t k = 0;
        while (k < wn && toupper((unsigned char)s[i + k]) == w[k])
            k++;
        if (k == wn)
            return true;
    }
    return false;
}

/* A display name from a phrase: underscores to blanks, no trailing _ or =. */
static int32_t add_named_root(reader *r, const char *phrase, size_t plen, uint8_t type,
                              int32_t code, const char **why)
{
    int32_t ph = compat_phrase(r->c, phrase, plen, type == CW_SYNYM ? PH_SYNROOT : 0, why);
    if (ph < 0)
        return -1;
    char name[256];
    size_t n = 0;
    for (size_t i = 0; i < plen && n < sizeof name - 1; i++)
        name[n++] = phrase[i] == '_' ? ' ' : phrase[i];
    while (n && (name[n - 1] == ' ' || name[n - 1] == '=' || name[n - 1] == '~'))
        n--;
    return compat_add_root(r->c, ph, type, code, r->file, r->line, name, n);
}

/* ------------------------------------------------------------ .actors */

static void set_group_code(compat *c, int32_t first, int32_t code)
{
    for (int32_t i = first; i >= 0 && i < (int32_t)c->roots.len; i++) {
        croot *rt = &c->roots.items[i];
        if (rt->type != CW_ACTOR || (i != first && rt->parent != first))
            continue;
        rt->code = code;
    }
}

/* A <NOUN> or <ADJECTIVE> list up to its closing tag. */
static void read_words(reader *r, const char *endtag, uint8_t type)
{
    const char *s, *e;
    uint32_t start = r->line;
    while (next_raw(r, &s, &e)) {
        if (!parse_line(r, s, e))
            return;
        if (!r->ok)
            continue;
        if (r->tag && has_ci(r->ph, r->ph_len, endtag))
            return;
        if (compat_dup_check(r->c, type, r->ph, r->ph_len)) {
            if (r->c->opt.dup_warning)
                RWARN(r, "'%.*s' is already in the %s list; the new entry is skipped",
                      (int)r->raw_len, r->raw, type == CW_NOUN ? "noun" : "adjective");
            continue;
        }
        const char *why;
        if (add_named_root(r, r->ph, r->ph_len, type, -1, &why) < 0 && why)
            RPROBLEM(r, "%s", why);
    }
    CPROBLEM(r->c, r->err, r->file, start, "no %s tag after this list", endtag);
}

static void finish_pending(reader *r, int32_t group, const char *codes, size_t clen, uint32_t line)
{
    const char *why;
    if (!clen) { /* TABARI gives it an empty code: it never codes */
        CWARN(r->c, r->file, line,
              "'%s' has no code (give [CODE] on its line or on indented lines after it); ignored",
              r->c->roots.items[group].text);
        set_group_code(r->c, group, -1);
        for (int32_t i = group; i < (int32_t)r->c->roots.len; i++)
            if (i == group || r->c->roots.items[i].parent == group)
                r->c->roots.items[i].type = CW_NULL;
        return;
    }
    int32_t code = compat_actor_code(r->c, codes, clen, false, &why);
    if (code < 0) {
        CPROBLEM(r->c, r->err, r->file, line, "%s", why ? why : "out of memory");
        for (int32_t i = group; i < (int32_t)r->c->roots.len; i++)
            if (i == group || r->c->roots.items[i].parent == group)
                r->c->roots.items[i].type = CW_NULL;
        return;
    }
    set_group_code(r->c, group, code);
    const calt *a = &r->c->calts.items[r->c->acodes.items[code].first_alt];
    if (a->n_items && r->c->citems.items[a->first_item].actor == r->c->discard_code)
        r->c->n_discards++;
}

int compat_tabari_actors(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err)
{
    reader r = {
        .c = c, .p = buf, .end = buf + len, .file = file, .err = err, .code_optional = true};
    size_t before = c->lx->errors;
    int32_t group = -1;    /* the entry synonyms and codes attach to */
    bool skipping = false; /* the entry was a duplicate: drop what follows it */
    char *dates = NULL;    /* indented code lines collected for the pending entry */
    size_t dates_len = 0, dates_cap = 0;
    uint32_t pending_line = 0;
    const char *s, *e;
    while (next_raw(&r, &s, &e)) {
        if (!parse_line(&r, s, e))
            break;
        if (!r.ok)
            continue;
        if (r.tag) {
            if (has_ci(r.ph, r.ph_len, "<NOUN"))
                read_words(&r, "</NOUN", CW_NOUN);
            else if (has_ci(r.ph, r.ph_len, "<ADJ"))
                read_words(&r, "</ADJ", CW_ADJCTV);
            else
                RWARN(&r, "unknown section '%.*s' ignored", (int)r.ph_len, r.ph);
            continue;
        }
        if (r.ph_len == 0) { /* an indented [code] line of the pending entry */
            if (!r.pending_codes) {
                RPROBLEM(&r, "a code line with no actor before it");
                continue;
            }
            if (skipping)
                continue;
            if (dates_len + r.code_len + 2 > dates_cap) {
                size_t cap = dates_cap ? dates_cap * 2 : 256;
                while (cap < dates_len + r.code_len + 2)
                    cap *= 2;
                char *nd = realloc(dates, cap);
                if (!nd)
                    break;
                dates = nd;
                dates_cap = cap;
            }
            if (r.code_len)
                memcpy(dates + dates_len, r.code, r.code_len);
            dates_len += r.code_len;
            dates[dates_len++] = ' ';
            continue;
        }
        if (r.ph[0] == '+') { /* a synonym of the entry above */
            if (skipping)
                continue;
            if (group < 0) {
                RPROBLEM(&r, "a + synonym with no actor before it");
                continue;
            }
            const char *p = r.ph + 1;
            size_t pl = r.ph_len - 1;
            while (pl && *p == ' ')
                p++, pl--;
            if (!pl)
                continue;
            if (compat_dup_check(c, CW_ACTOR, p, pl)) {
                if (c->opt.dup_warning)
                    RWARN(&r, "actor '%.*s' is already in the dictionary; the new entry is skipped",
                          (int)pl, p);
                continue;
            }
            const char *why;
            int32_t rt = add_named_root(&r, p, pl, CW_ACTOR, c->roots.items[group].code, &why);
            if (rt < 0) {
                if (why)
                    RPROBLEM(&r, "%s", why);
                continue;
            }
            c->roots.items[rt].parent = group;
            c->n_actor_names++;
            continue;
        }
        /* a new entry: the pending one gets its collected codes */
        if (r.pending_codes && !skipping)
            finish_pending(&r, group, dates, dates_len, pending_line);
        r.pending_codes = false;
        dates_len = 0;
        skipping = false;
        if (compat_dup_check(c, CW_ACTOR, r.ph, r.ph_len)) {
            if (c->opt.dup_warning)
                RWARN(&r, "actor '%.*s' is already in the dictionary; the new entry is skipped",
                      (int)r.raw_len, r.raw);
            skipping = true;
            r.pending_codes = !r.has_code;
            continue;
        }
        const char *why = NULL;
        int32_t code = -1;
        if (r.has_code) {
            code = compat_actor_code(c, r.code, r.code_len, false, &why);
            if (code < 0) {
                RPROBLEM(&r, "%s", why ? why : "out of memory");
                skipping = true;
                continue;
            }
        }
        group = add_named_root(&r, r.ph, r.ph_len, CW_ACTOR, code, &why);
        if (group < 0) {
            if (why)
                RPROBLEM(&r, "%s", why);
            skipping = true;
            continue;
        }
        c->n_actors++;
        c->n_actor_names++;
        if (code >= 0) {
            const calt *a = &c->calts.items[c->acodes.items[code].first_alt];
            if (a->n_items && c->citems.items[a->first_item].actor == c->discard_code)
                c->n_discards++;
        } else {
            r.pending_codes = true;
            pending_line = r.line;
        }
    }
    if (r.pending_codes && !skipping && group >= 0)
        finish_pending(&r, group, dates, dates_len, pending_line);
    free(dates);
    free(r.ph);
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ .agents */

int compat_tabari_agents(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err)
{
    reader r = {.c = c, .p = buf, .end = buf + len, .file = file, .err = err};
    size_t before = c->lx->errors;
    const char *s, *e;
    while (next_raw(&r, &s, &e)) {
        if (!parse_line(&r, s, e))
            break;
        if (!r.ok || r.tag)
            continue;
        if (!r.code_len || !memchr(r.code, '~', r.code_len)) {
            RWARN(&r, "agent '%.*s' needs a ~ in its code (~GOV or NGO~); skipped", (int)r.raw_len,
                  r.raw);
            continue;
        }
        if (compat_dup_check(c, CW_AGENT, r.ph, r.ph_len)) {
            if (c->opt.dup_warning)
                RWARN(&r, "agent '%.*s' is already in the dictionary; the new entry is skipped",
                      (int)r.raw_len, r.raw);
            continue;
        }
        const char *why;
        int32_t code = compat_agent_code(c, r.code, r.code_len, &why);
        if (code < 0) {
            RPROBLEM(&r, "%s", why ? why : "out of memory");
            continue;
        }
        if (add_named_root(&r, r.ph, r.ph_len, CW_AGENT, code, &why) < 0) {
            if (why)
                RPROBLEM(&r, "%s", why);
            continue;
        }
        c->n_agents++;
    }
    free(r.ph);
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ .verbs */

static int32_t pattern_code(reader *r, uint8_t kind, const char **why)
{
    if (kind == CW_TIME) {
        int32_t t = compat_time_code(r->c, r->code, r->code_len);
        if (t < 0)
            *why = "bad time code (want [+N], [-N] or a special code)";
        return t;
    }
    if (!r->has_code) /* attribution phrases may go without */
        return compat_event_code(r->c, "[---]", 5, why);
    return compat_event_code(r->c, r->code, r->code_len, why);
}

/* Appends n bytes of s to buf (size cap, *len used), as far as they fit
 * with room left for a terminator. */
static void text_append(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + n >= cap)
        n = cap - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

static void add_pattern(reader *r, int32_t vi, uint8_t kind)
{
    const char *why = NULL;
    const char *body = r->ph + 1; /* after the - or + */
    size_t blen = r->ph_len - 1;
    int32_t code = kind == CW_SYNYM ? -1 : pattern_code(r, kind, &why);
    if (kind != CW_SYNYM && code < 0) {
        RPROBLEM(r, "%s", why ? why : "out of memory");
        return;
    }
    int length, maxalt;
    compat_pattern_length(body, blen, &length, &maxalt);
    int32_t ph = compat_phrase(r->c, body, blen, 0, &why);
    if (ph < 0) {
        if (why)
            RPROBLEM(r, "%s", why);
        return;
    }
    /* the line as "%.*s%s%.*s" would print it, cut to the buffer; copied
     * by hand: snprintf was a fifth of loading the verbs file */
    char text[512];
    size_t tn = 0;
    text_append(text, sizeof text, &tn, r->raw, r->raw ? strnlen(r->raw, r->raw_len) : 0);
    if (r->has_code)
        text_append(text, sizeof text, &tn, " ", 1);
    if (r->code)
        text_append(text, sizeof text, &tn, r->code, strnlen(r->code, r->code_len));
    if (compat_add_pattern(r->c, vi, ph, code, length, maxalt, text, tn) < 0)
        return;
    if (kind == CW_VERB)
        r->c->n_patterns++;
}

/* <TIME> and <ATTRIB>: roots and patterns like verbs, up to the closing tag. */
static void read_section(reader *r, const char *endtag, uint8_t kind)
{
    const char *s, *e;
    uint32_t start = r->line;
    int32_t vi = -1;
    bool saved = r->code_optional;
    r->code_optional = kind == CW_ATTRIB;
    while (next_raw(r, &s, &e)) {
        if (!parse_line(r, s, e))
            break;
        if (!r->ok)
            continue;
        if (r->tag) {
            if (has_ci(r->ph, r->ph_len, endtag)) {
                r->code_optional = saved;
                return;
            }
            continue;
        }
        const char *why = NULL;
        if (r->ph[0] == '-') {
            if (vi < 0) {
                RPROBLEM(r, "a pattern with no phrase before it");
                continue;
            }
            add_pattern(r, vi, kind);
            continue;
        }
        int32_t code = pattern_code(r, kind, &why);
        if (code < 0) {
            RPROBLEM(r, "%s", why ? why : "out of memory");
            continue;
        }
        vi = compat_add_vinfo(r->c, code);
        if (vi < 0 || add_named_root(r, r->ph, r->ph_len, kind, vi, &why) < 0) {
            if (why)
                RPROBLEM(r, "%s", why);
            continue;
        }
    }
    r->code_optional = saved;
    CPROBLEM(r->c, r->err, r->file, start, "no %s tag after this section", endtag);
}

static void read_synsets(reader *r)
{
    const char *s, *e;
    uint32_t start = r->line;
    int32_t vi = -1;
    bool skip = false;
    char name[128] = "";
    bool saved = r->code_optional;
    r->code_optional = true;
    while (next_raw(r, &s, &e)) {
        if (!parse_line(r, s, e))
            break;
        if (!r->ok)
            continue;
        if (r->tag && r->ph[0] == '<') {
            if (has_ci(r->ph, r->ph_len, "</SYN")) {
                r->code_optional = saved;
                return;
            }
            continue;
        }
        if (r->ph[0] != '+') { /* a designator: &NAME */
            size_t n = r->ph_len;
            while (n && (r->ph[n - 1] == ' ' || r->ph[n - 1] == '_'))
                n--;
            if (r->ph[0] != '&' || n < 2) {
                RPROBLEM(r, "a synonym set starts with &NAME");
                skip = true;
                continue;
            }
            if (compat_synset_root(r->c, r->ph, n) >= 0) {
                RWARN(r, "synonym set '%.*s' is declared twice; the second is skipped", (int)n,
                      r->ph);
                skip = true;
                continue;
            }
            skip = false;
            const char *why;
            vi = compat_add_vinfo(r->c, -1);
            if (vi < 0 || add_named_root(r, r->ph, n, CW_SYNYM, vi, &why) < 0) {
                skip = true;
                continue;
            }
            snprintf(name, sizeof name, "%.*s", (int)n, r->ph);
            r->c->n_synsets++;
            continue;
        }
        if (skip || vi < 0)
            continue;
        /* a member may use earlier sets, never its own */
        size_t nl = strlen(name);
        bool self = false;
        for (size_t i = 0; nl && i + nl <= r->ph_len; i++)
            if (!strncasecmp(r->ph + i, name, nl) &&
                (i + nl == r->ph_len || !isalnum((unsigned char)r->ph[i + nl])))
                self = true;
        if (self) {
            RPROBLEM(r, "synonym set %s is used in one of its own members", name);
            continue;
        }
        add_pattern(r, vi, CW_SYNYM);
    }
    r->code_optional = saved;
    CPROBLEM(r->c, r->err, r->file, start, "no </SYNSETS> tag after this section");
}

int compat_tabari_verbs(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err)
{
    reader r = {.c = c, .p = buf, .end = buf + len, .file = file, .err = err};
    size_t before = c->lx->errors;
    int32_t vi = -1;   /* the current verb's patterns */
    bool skip = false; /* the current verb was a duplicate */
    bool orphan_told = false;
    const char *s, *e;
    while (next_raw(&r, &s, &e)) {
        if (!parse_line(&r, s, e))
            break;
        if (!r.ok)
            continue;
        if (r.tag) {
            if (has_ci(r.ph, r.ph_len, "<TIME>")) {
                read_section(&r, "</TIME>", CW_TIME);
                c->has_time_list = true;
                c->opt.time_shift = true;
            } else if (has_ci(r.ph, r.ph_len, "<ATTRIB")) {
                read_section(&r, "</ATTRIB", CW_ATTRIB);
                c->has_attrib_list = true;
            } else if (has_ci(r.ph, r.ph_len, "<SYN")) {
                read_synsets(&r);
            } else if (r.ph[0] == '<') {
                RWARN(&r, "unknown section '%.*s' ignored", (int)r.ph_len, r.ph);
            } else {
                RPROBLEM(&r, "a synonym set (&NAME) outside <SYNSETS>");
            }
            continue;
        }
        const char *why = NULL;
        if (r.ph[0] == '-') {
            if (!memchr(r.ph, '*', r.ph_len)) {
                RPROBLEM(&r, "no verb marker '*' in the pattern");
                continue;
            }
            if (skip) /* the patterns of a duplicate verb go with it */
                continue;
            if (vi < 0) {
                if (!orphan_told) /* TABARI warns and reads on */
                    RWARN(&r, "patterns before any verb (a verb must come first); skipped");
                orphan_told = true;
                continue;
            }
            add_pattern(&r, vi, CW_VERB);
            continue;
        }
        if (r.ph[0] == '{') { /* forms of the verb above: { BROKE_ BROKEN_ } */
            if (skip)
                continue;
            if (vi < 0) {
                RPROBLEM(&r, "verb forms with no verb before them");
                continue;
            }
            const char *p = r.ph + 1, *pe = r.ph + r.ph_len;
            bool any = false;
            while (p < pe) {
                while (p < pe && (*p == ' ' || *p == '}'))
                    p++;
                const char *q = p;
                while (q < pe && *q != ' ' && *q != '}')
                    q++;
                if (q > p) {
                    any = true;
                    if (compat_dup_check(c, CW_VERB, p, (size_t)(q - p))) {
                        if (c->opt.dup_warning)
                            RWARN(&r, "verb form '%.*s' is already in the dictionary; skipped",
                                  (int)(q - p), p);
                        break; /* TABARI stops at a duplicate form */
                    }
                    if (add_named_root(&r, p, (size_t)(q - p), CW_VERB, vi, &why) < 0) {
                        if (why)
                            RPROBLEM(&r, "%s", why);
                        break;
                    }
                    c->n_verbs++;
                }
                p = q;
            }
            if (!any)
                RPROBLEM(&r, "no verb forms inside {...}");
            continue;
        }
        /* a verb */
        if (compat_dup_check(c, CW_VERB, r.ph, r.ph_len)) {
            if (c->opt.dup_warning)
                RWARN(&r,
                      "verb '%.*s' is already in the dictionary; it and its patterns are skipped",
                      (int)r.raw_len, r.raw);
            skip = true;
            continue;
        }
        int32_t code = compat_event_code(c, r.code, r.code_len, &why);
        if (code < 0) {
            RPROBLEM(&r, "%s", why ? why : "out of memory");
            skip = true;
            continue;
        }
        vi = compat_add_vinfo(c, code);
        if (vi < 0 || add_named_root(&r, r.ph, r.ph_len, CW_VERB, vi, &why) < 0) {
            if (why)
                RPROBLEM(&r, "%s", why);
            skip = true;
            continue;
        }
        /* the verb's line, for explanations */
        c->vinfos.items[vi].text =
            arena_printf(&c->lx->mem, "%.*s %.*s", (int)r.raw_len, r.raw, (int)r.code_len, r.code);
        skip = false;
        c->n_verbs++;
        c->n_verb_roots++;
        if (c->ecodes.items[code].code == c->discard_code)
            c->n_discards++;
    }
    free(r.ph);
    return c->lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

/* ------------------------------------------------------------ .options */

int compat_tabari_options(compat *c, const char *buf, size_t len, uint16_t file, petrel_error *err)
{
    (void)err;
    const char *p = buf, *end = buf + len;
    uint32_t line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        line++;
        if (le > s && le[-1] == '\r')
            le--;
        if (le == s || s[0] == '/' || s[0] == '#')
            continue;
        if (s[0] == '~')
            break;
        while (s < le && isspace((unsigned char)*s))
            s++;
        if (s == le)
            continue;
        const char *why;
        if (!compat_option_line(c, s, (size_t)(le - s), &why))
            CWARN(c, file, line, "%s in .options command '%.*s'; ignored", why, (int)(le - s), s);
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ dispatch */

enum tfile { TF_UNKNOWN, TF_ACTORS, TF_AGENTS, TF_VERBS, TF_OPTIONS, TF_PROJECT };

static bool name_has(const char *path, const char *ext)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(ext);
    for (const char *q = base; *q; q++)
        if (!strncasecmp(q, ext, n) && (q[n] == '\0' || q[n] == '.'))
            return true;
    return false;
}

/* The kind of a TABARI file: by name, else by content. */
static enum tfile tabari_kind(const char *path, const char *buf, size_t len)
{
    if (name_has(path, ".project"))
        return TF_PROJECT;
    if (name_has(path, ".options"))
        return TF_OPTIONS;
    if (name_has(path, ".verbs"))
        return TF_VERBS;
    if (name_has(path, ".agents"))
        return TF_AGENTS;
    if (name_has(path, ".actors"))
        return TF_ACTORS;
    int opts = 0, proj = 0, verbs = 0, agents = 0, lines = 0;
    const char *p = buf, *end = buf + (len > 65536 ? 65536 : len);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        while (s < le && isspace((unsigned char)*s))
            s++;
        if (s == le || *s == '#' || *s == '/')
            continue;
        lines++;
        static const char *const cmds[] = {"COMPLEX:", "SET:",     "OUTPUT:", "LABEL:",
                                           "DEFAULT:", "FORWARD:", "COMMA:",  "NONEVENTS:"};
        for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
            if ((size_t)(le - s) >= strlen(cmds[i]) && !strncasecmp(s, cmds[i], strlen(cmds[i])))
                opts++;
        if (*s == '<' &&
            (has_ci(s, (size_t)(le - s), "FILE>") || has_ci(s, (size_t)(le - s), "<CODER>")))
            proj++;
        if ((*s == '-' && memchr(s, '*', (size_t)(le - s))) ||
            has_ci(s, (size_t)(le - s), "<SYNSETS>") || has_ci(s, (size_t)(le - s), "<TIME>"))
            verbs++;
        const char *br = memchr(s, '[', (size_t)(le - s));
        if (br && memchr(br, '~', (size_t)(le - br)))
            agents++;
    }
    if (proj)
        return TF_PROJECT;
    if (opts && opts * 2 >= lines)
        return TF_OPTIONS;
    if (verbs)
        return TF_VERBS;
    if (agents && agents * 2 >= lines)
        return TF_AGENTS;
    return TF_ACTORS;
}

static int load_kind(compat *c, const char *path, const char *buf, size_t len, uint16_t file,
                     enum tfile kind, petrel_error *err);

static int load_listed(compat *c, const char *dir, const char *name, enum tfile kind,
                       uint16_t pfile, uint32_t pline, petrel_error *err)
{
    char path[4096];
    int n = name[0] == '/' || !dir[0] ? snprintf(path, sizeof path, "%s", name)
                                      : snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        CPROBLEM(c, err, pfile, pline, "path of '%s' is too long", name);
        return PETREL_ERR_DICT;
    }
    char *buf = NULL;
    size_t len = 0;
    petrel_error e = {0};
    if (read_whole_file(path, 256u << 20, &buf, &len, &e)) {
        CPROBLEM(c, err, pfile, pline, "cannot read '%s': %s", path, e.message);
        return PETREL_ERR_DICT;
    }
    uint16_t file = lex_add_file(c->lx, path);
    int rc;
    if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
        rc = compat_load_tabari(c->lx, path, buf, len, file, err);
    else
        rc = load_kind(c, path, buf, len, file, kind, err);
    free(buf);
    return rc;
}

/* A .project file names the dictionaries: TABARI reads the options first, then
 * the dictionaries in the order they are listed. Text, event and other files
 * are for TABARI's own runs and are not needed to code. */
static int load_project(compat *c, const char *path, const char *buf, size_t len, uint16_t file,
                        petrel_error *err)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        dir[0] = '\0';
    int rc = PETREL_OK;
    for (int pass = 0; pass < 2; pass++) {
        const char *p = buf, *end = buf + len;
        uint32_t line = 0;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *le = nl ? nl : end;
            const char *s = p;
            p = nl ? nl + 1 : end;
            line++;
            while (s < le && isspace((unsigned char)*s))
                s++;
            while (le > s && isspace((unsigned char)le[-1]))
                le--;
            if (s == le || *s != '<')
                continue;
            const char *gt = memchr(s, '>', (size_t)(le - s));
            if (!gt) {
                if (pass)
                    CWARN(c, file, line, "no closing '>' in the tag");
                continue;
            }
            char tag[32];
            size_t tn = 0;
            for (const char *q = s + 1; q < gt && tn < sizeof tag - 1; q++)
                tag[tn++] = (char)tolower((unsigned char)*q);
            tag[tn] = '\0';
            const char *v = gt + 1;
            const char *ve = memchr(v, '<', (size_t)(le - v));
            if (!ve)
                ve = le;
            while (v < ve && isspace((unsigned char)*v))
                v++;
            while (ve > v && isspace((unsigned char)ve[-1]))
                ve--;
            enum tfile kind = TF_UNKNOWN;
            if (!strncmp(tag, "optionsfile", 11))
                kind = TF_OPTIONS;
            else if (!strncmp(tag, "actorsfile", 10) || !strncmp(tag, "actorfile", 9))
                kind = TF_ACTORS;
            else if (!strncmp(tag, "agentsfile", 10) || !strncmp(tag, "agentfile", 9))
                kind = TF_AGENTS;
            else if (!strncmp(tag, "verbsfile", 9) || !strncmp(tag, "verbfile", 8))
                kind = TF_VERBS;
            if (kind == TF_UNKNOWN)
                continue;
            if ((pass == 0) != (kind == TF_OPTIONS))
                continue;
            if (v == ve) {
                CWARN(c, file, line, "no file name after <%s>", tag);
                continue;
            }
            char name[1024];
            snprintf(name, sizeof name, "%.*s", (int)(ve - v), v);
            int r = load_listed(c, dir, name, kind, file, line, err);
            if (r && !rc)
                rc = r;
        }
    }
    return rc;
}

/* The arrays a file of this kind fills, sized once from its number of lines:
 * growing to them copied each of them several times, the biggest part of
 * loading's memory traffic. TABARI's files have at most about an entry a line
 * (actors: a root, a code of one or two alternatives, a phrase of a few
 * words; verbs: a pattern of up to six words); past this estimate the arrays
 * grow as before. */
static void reserve_for(compat *c, enum tfile kind, const char *buf, size_t len)
{
    uint32_t n = 0;
    for (const char *p = buf, *e = buf + len; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        n++;
    arena *a = &c->lx->mem;
    if (kind == TF_VERBS) {
        VEC_RESERVE(a, &c->pats, c->pats.len + n);
        VEC_RESERVE(a, &c->ecodes, c->ecodes.len + n);
        VEC_RESERVE(a, &c->pels, c->pels.len + 6 * n);
    } else if (kind == TF_ACTORS || kind == TF_AGENTS) {
        if (kind == TF_AGENTS)
            VEC_RESERVE(a, &c->agents, c->agents.len + n);
        VEC_RESERVE(a, &c->lits, c->lits.len + n);
        VEC_RESERVE(a, &c->roots, c->roots.len + n);
        VEC_RESERVE(a, &c->pels, c->pels.len + 5 * n);
        VEC_RESERVE(a, &c->acodes, c->acodes.len + n);
        VEC_RESERVE(a, &c->calts, c->calts.len + 2 * n);
        VEC_RESERVE(a, &c->citems, c->citems.len + 2 * n);
    }
}

static int load_kind(compat *c, const char *path, const char *buf, size_t len, uint16_t file,
                     enum tfile kind, petrel_error *err)
{
    if (kind == TF_UNKNOWN)
        kind = tabari_kind(path, buf, len);
    reserve_for(c, kind, buf, len); /* failing, loading grows the arrays and says so */
    switch (kind) {
    case TF_PROJECT:
        return load_project(c, path, buf, len, file, err);
    case TF_OPTIONS:
        return compat_tabari_options(c, buf, len, file, err);
    case TF_VERBS:
        return compat_tabari_verbs(c, buf, len, file, err);
    case TF_AGENTS:
        return compat_tabari_agents(c, buf, len, file, err);
    default:
        return compat_tabari_actors(c, buf, len, file, err);
    }
}

typedef struct zip_ctx {
    compat *c;
    const char *path;
    petrel_error *err;
    int rc;
    bool petrarch; /* members are read as the archive was */
} zip_ctx;

static int zip_member(void *user, const char *name, const char *data, size_t len)
{
    zip_ctx *z = user;
    char path[4096];
    snprintf(path, sizeof path, "%s!%s", z->path, name);
    uint16_t file = lex_add_file(z->c->lx, path);
    int rc;
    if (z->petrarch)
        rc = compat_load_petrarch(z->c->lx, path, data, len, file, z->err);
    else
        rc = load_kind(z->c, path, data, len, file, TF_UNKNOWN, z->err);
    if (rc && !z->rc)
        z->rc = rc;
    return PETREL_OK;
}

int compat_load_zip(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                    bool petrarch, petrel_error *err)
{
    compat *c = compat_get(lx);
    if (!c) {
        lex_problem(lx, err, false, file, 0, "out of memory");
        return PETREL_ERR_NOMEM;
    }
    char why[256];
    zip_ctx z = {c, path, err, PETREL_OK, petrarch};
    int rc = compat_unzip(buf, len, zip_member, &z, why, sizeof why);
    if (rc) {
        CPROBLEM(c, err, file, 0, "%s", why);
        return PETREL_ERR_DICT;
    }
    return z.rc;
}

int compat_load_tabari(lexicon *lx, const char *path, const char *buf, size_t len, uint16_t file,
                       petrel_error *err)
{
    compat *c = compat_get(lx);
    if (!c) {
        lex_problem(lx, err, false, file, 0, "out of memory");
        return PETREL_ERR_NOMEM;
    }
    if (!c->family)
        c->family = PETREL_DICT_TABARI;
    if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
        return compat_load_zip(lx, path, buf, len, file, false, err);
    return load_kind(c, path, buf, len, file, TF_UNKNOWN, err);
}
