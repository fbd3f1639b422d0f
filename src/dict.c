#include "dict.h"

#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compat.h"
#include "doc.h"
#include "events.h"
#include "fileio.h"
#include "segment.h"
#include "text.h"
#include "wordclass.h"

/* ------------------------------------------------------------ phrase tables */


static bool ptab_grow(phrase_table *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : 1024;
    phrase_entry *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (uint32_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].key)
            continue;
        uint32_t s = ptab_slot_of(t->slots[i].key, ncap);
        while (ns[s].key)
            s = (s + 1) & (ncap - 1);
        ns[s] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return true;
}

/* Slot for key, inserting an empty value if absent. */
uint32_t *ptab_slot(phrase_table *t, uint64_t key)
{
    if ((t->count + 1) * 4 >= t->cap * 3 && !ptab_grow(t))
        return NULL;
    uint32_t s = ptab_slot_of(key, t->cap);
    while (t->slots[s].key && t->slots[s].key != key)
        s = (s + 1) & (t->cap - 1);
    if (!t->slots[s].key) {
        t->slots[s].key = key;
        t->slots[s].val = 0;
        t->count++;
    }
    return &t->slots[s].val;
}

void ptab_free(phrase_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof *t);
}

uint32_t lex_match(const phrase_table *t, const tok *toks, uint32_t i, uint32_t end,
                   uint32_t *binding_out)
{
    if (!t->count || i >= end || (t->gate && !(toks[i].starts & t->gate)))
        return 0;
    uint64_t h = 0;
    uint32_t best = 0, best_b = 0;
    uint32_t lim = t->max_len && i + t->max_len < end ? i + t->max_len : end;
    for (uint32_t k = i; k < lim; k++) {
        h = k == i ? toks[k].hash : hash_combine(h, toks[k].hash);
        uint32_t v = ptab_get(t, h);
        if (!v)
            break;
        if (v & PT_FULL) {
            best = k - i + 1;
            best_b = v & PT_INDEX;
        }
        if (!(v & PT_PREFIX))
            break;
    }
    if (binding_out)
        *binding_out = best_b;
    return best;
}

/* ------------------------------------------------------------ lexicon */

void lexicon_init(lexicon *lx)
{
    memset(lx, 0, sizeof *lx);
    arena_init(&lx->mem, 256u << 10);
}

void lexicon_free(lexicon *lx)
{
    for (int i = 0; i < LT__COUNT; i++)
        ptab_free(&lx->tables[i]);
    ptab_free(&lx->abbrevs);
    ptab_free(&lx->cameo_index);
    ptab_free(&lx->countries);
    ptab_free(&lx->starts);
    events_compiled_free(lx->events);
    compat_free(lx->compat);
    arena_free(&lx->mem);
    memset(lx, 0, sizeof *lx);
}

uint16_t lex_add_file(lexicon *lx, const char *path)
{
    const char **f = VEC_PUSH(&lx->mem, &lx->files);
    if (!f)
        return 0;
    *f = arena_strndup(&lx->mem, path, strlen(path));
    return (uint16_t)(lx->files.len - 1);
}

void lex_problem(lexicon *lx, petrel_error *first, bool warning, uint16_t file, uint32_t line,
                 const char *fmt, ...)
{
    petrel_error e = {0};
    e.code = PETREL_ERR_DICT;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (file < lx->files.len)
        snprintf(e.file, sizeof e.file, "%s", lx->files.items[file]);
    e.line = line;
    if (warning)
        lx->warnings++;
    else
        lx->errors++;
    if (lx->on_problem)
        lx->on_problem(lx->problem_user, &e, warning);
    if (!warning && first && first->code == PETREL_OK)
        *first = e;
}

bool lex_add_name(lexicon *lx, enum lex_table table, uint32_t entry, const char *text,
                  size_t len, uint16_t file, uint32_t line)
{
    pending_name *p = VEC_PUSH(&lx->mem, &lx->pending);
    if (!p)
        return false;
    p->table = (uint8_t)table;
    p->entry = entry;
    p->text = arena_strndup(&lx->mem, text, len);
    p->file = file;
    p->line = line;
    return p->text != NULL;
}

int32_t parse_ymd(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    /* the eight digits in one run, yyyymmdd: it runs once a document */
    int32_t v = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        unsigned dg = (unsigned)(unsigned char)s[i] - '0';
        if (dg > 9)
            return -1;
        v = v * 10 + (int32_t)dg;
    }
    int32_t mo = v / 100 % 100, da = v % 100;
    if (mo < 1 || mo > 12 || da < 1 || da > 31)
        return -1;
    return v;
}

int lex_abbrev_class(const lexicon *lx, uint64_t key_hash, bool written_lower)
{
    uint32_t v = ptab_get(&lx->abbrevs, key_hash) & PT_INDEX;
    if (written_lower && (v & AB_CAPITALISED))
        return 0;
    return (int)(v & ~AB_CAPITALISED);
}

const cameo_entry *lex_cameo(const lexicon *lx, const char *code)
{
    uint32_t v = ptab_get(&lx->cameo_index, hash_bytes(code, strlen(code)));
    return v ? &lx->cameo.items[(v & PT_INDEX) - 1] : NULL;
}

/* ------------------------------------------------------------ our format */

typedef struct field {
    const char *p;
    size_t n;
} field;

static field trim(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    return (field){p, n};
}

/* Next whitespace-separated word of *rest. */
static field next_word(field *rest)
{
    field r = trim(rest->p, rest->n);
    size_t i = 0;
    while (i < r.n && r.p[i] != ' ' && r.p[i] != '\t')
        i++;
    field w = {r.p, i};
    rest->p = r.p + i;
    rest->n = r.n - i;
    return w;
}

static bool field_eq(field f, const char *s) { return f.n == strlen(s) && !memcmp(f.p, s, f.n); }

static char *field_dup(lexicon *lx, field f) { return arena_strndup(&lx->mem, f.p, f.n); }

static bool valid_code(field f, bool allow_dashes)
{
    if (allow_dashes && field_eq(f, "---"))
        return true;
    if (f.n < 2 || f.n > 32)
        return false;
    for (size_t i = 0; i < f.n; i++) {
        char c = f.p[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

typedef struct ctx {
    lexicon *lx;
    uint16_t file;
    uint32_t line;
    petrel_error *err;
} ctx;

#define PROBLEM(c, ...) lex_problem((c)->lx, (c)->err, false, (c)->file, (c)->line, __VA_ARGS__)

/* Split names at | and queue each for the phrase table. */
static int add_names(ctx *c, enum lex_table table, uint32_t entry, field names, field *first)
{
    int count = 0;
    const char *p = names.p, *end = names.p + names.n;
    while (p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        if (!bar)
            bar = end;
        field nm = trim(p, (size_t)(bar - p));
        if (!nm.n) {
            PROBLEM(c, "empty name between '|' separators");
        } else {
            if (first && !count)
                *first = nm;
            if (!lex_add_name(c->lx, table, entry, nm.p, nm.n, c->file, c->line))
                return -1;
            count++;
        }
        p = bar + 1;
    }
    return count;
}

static void parse_actor_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    const char *semi = memchr(line.p, ';', line.n);
    field main = semi ? trim(line.p, (size_t)(semi - line.p)) : line;
    field rest = main;
    field spec = next_word(&rest);
    field code = spec;
    int32_t from = 0, to = 0;
    const char *at = memchr(spec.p, '@', spec.n);
    if (at) {
        code = (field){spec.p, (size_t)(at - spec.p)};
        field range = {at + 1, spec.n - (size_t)(at + 1 - spec.p)};
        const char *dots = NULL;
        for (size_t i = 0; i + 1 < range.n; i++)
            if (range.p[i] == '.' && range.p[i + 1] == '.') {
                dots = range.p + i;
                break;
            }
        if (!dots) {
            PROBLEM(c, "date range must be @FROM..TO (YYYY-MM-DD, either side may be empty)");
            return;
        }
        field a = {range.p, (size_t)(dots - range.p)};
        field b = {dots + 2, range.n - a.n - 2};
        if (a.n && (from = parse_ymd(a.p, a.n)) < 0) {
            PROBLEM(c, "bad start date '%.*s' (want YYYY-MM-DD)", (int)a.n, a.p);
            return;
        }
        if (b.n && (to = parse_ymd(b.p, b.n)) < 0) {
            PROBLEM(c, "bad end date '%.*s' (want YYYY-MM-DD)", (int)b.n, b.p);
            return;
        }
        if (from && to && to < from) {
            PROBLEM(c, "date range ends before it starts");
            return;
        }
    }
    /* "---": a name that holds an actor's name and is none ("French toast") */
    if (!valid_code(code, !at)) {
        PROBLEM(c, "bad actor code '%.*s' (want capital letters, e.g. IRNGOV, or ---)",
                (int)code.n, code.p);
        return;
    }
    rest = trim(rest.p, rest.n);
    if (!rest.n) {
        PROBLEM(c, "actor code '%.*s' has no names", (int)code.n, code.p);
        return;
    }
    actor_entry *e = VEC_PUSH(&lx->mem, &lx->actors);
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->code = field_dup(lx, code);
    e->from = from;
    e->to = to;
    e->file = c->file;
    uint32_t idx = lx->actors.len - 1;
    /* attributes */
    while (semi) {
        const char *start = semi + 1;
        const char *end = line.p + line.n;
        semi = memchr(start, ';', (size_t)(end - start));
        field attr = trim(start, (size_t)((semi ? semi : end) - start));
        if (!attr.n)
            continue;
        const char *eq = memchr(attr.p, '=', attr.n);
        if (!eq) {
            PROBLEM(c, "attribute '%.*s' should be key=value", (int)attr.n, attr.p);
            continue;
        }
        field k = trim(attr.p, (size_t)(eq - attr.p));
        field v = trim(eq + 1, attr.n - (size_t)(eq + 1 - attr.p));
        if (field_eq(k, "gender")) {
            if (field_eq(v, "m") || field_eq(v, "f"))
                e->gender = v.p[0];
            else
                PROBLEM(c, "gender must be m or f");
        } else if (field_eq(k, "title")) {
            e->title = field_dup(lx, v);
        } else if (field_eq(k, "plural")) {
            if (field_eq(v, "yes") || field_eq(v, "no"))
                e->plural = v.p[0] == 'y';
            else
                PROBLEM(c, "plural must be yes or no");
        } else if (field_eq(k, "type")) {
            static const char *const types[] = {"other", "country", "capital", "demonym",
                                                "person", "org",     "metonym", "place"};
            bool ok = false;
            for (int i = 0; i < 8; i++)
                if (field_eq(v, types[i])) {
                    e->type = (uint8_t)i;
                    ok = true;
                }
            if (!ok)
                PROBLEM(c, "type must be one of country, capital, demonym, person, org, metonym, place, other");
        } else if (field_eq(k, "article")) {
            if (v.n == 3 && isupper((unsigned char)v.p[0]) && isupper((unsigned char)v.p[1]) &&
                isupper((unsigned char)v.p[2]))
                memcpy(e->article, v.p, 3);
            else
                PROBLEM(c, "article must be a three-letter country code (article=USA)");
        } else {
            PROBLEM(c, "unknown attribute '%.*s' (known: gender, title, type, plural, article)",
                    (int)k.n, k.p);
        }
    }
    field first = {0, 0};
    if (add_names(c, LT_ACTOR, idx, rest, &first) > 0)
        lx->actors.items[idx].name = field_dup(lx, first);
    else
        lx->actors.items[idx].name = lx->actors.items[idx].code;
}

static void add_borderless(ctx *c, const char *role)
{
    lexicon *lx = c->lx;
    for (uint32_t i = 0; i < lx->n_borderless; i++)
        if (!strcmp(lx->borderless[i], role))
            return;
    if (!*role) {
        PROBLEM(c, "country=no needs a role (not ---)");
        return;
    }
    if (lx->n_borderless == sizeof lx->borderless / sizeof *lx->borderless) {
        PROBLEM(c, "country=no: at most %zu roles may have it",
                sizeof lx->borderless / sizeof *lx->borderless);
        return;
    }
    lx->borderless[lx->n_borderless++] = role;
}

static void parse_agent_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    const char *semi = memchr(line.p, ';', line.n);
    field main = semi ? trim(line.p, (size_t)(semi - line.p)) : line;
    field rest = main;
    field role = next_word(&rest);
    if (!valid_code(role, true)) {
        PROBLEM(c, "bad role code '%.*s' (want capital letters like GOV, or ---)", (int)role.n,
                role.p);
        return;
    }
    rest = trim(rest.p, rest.n);
    if (!rest.n) {
        PROBLEM(c, "role '%.*s' has no words", (int)role.n, role.p);
        return;
    }
    agent_entry *e = VEC_PUSH(&lx->mem, &lx->agents);
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->role = field_eq(role, "---") ? "" : field_dup(lx, role);
    uint32_t idx = lx->agents.len - 1;
    while (semi) {
        const char *start = semi + 1;
        const char *end = line.p + line.n;
        semi = memchr(start, ';', (size_t)(end - start));
        field attr = trim(start, (size_t)((semi ? semi : end) - start));
        if (!attr.n)
            continue;
        if (field_eq(attr, "person=yes"))
            e->person = true;
        else if (field_eq(attr, "person=no"))
            e->person = false;
        else if (attr.n > 6 && !memcmp(attr.p, "title=", 6))
            e->title = field_dup(lx, trim(attr.p + 6, attr.n - 6));
        else if (field_eq(attr, "country=no"))
            add_borderless(c, e->role);
        else
            PROBLEM(c, "unknown attribute '%.*s' (known: person=yes|no, title=..., country=no)",
                    (int)attr.n, attr.p);
    }
    field first = {0, 0};
    add_names(c, LT_AGENT, idx, rest, &first);
    lx->agents.items[idx].word = first.n ? field_dup(lx, first) : "";
}

static void parse_cue_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    const char *semi = memchr(line.p, ';', line.n);
    field rest = semi ? trim(line.p, (size_t)(semi - line.p)) : line;
    field kind = next_word(&rest);
    uint8_t k = field_eq(kind, "speech")      ? CUE_SPEECH
                : field_eq(kind, "according") ? CUE_ACCORDING
                : field_eq(kind, "denial")    ? CUE_DENIAL
                : field_eq(kind, "noun")      ? CUE_NOUN
                : field_eq(kind, "naming")    ? CUE_NAMING
                : field_eq(kind, "belief")    ? CUE_BELIEF
                : field_eq(kind, "intention") ? CUE_INTENTION
                : field_eq(kind, "perception") ? CUE_PERCEPTION
                : field_eq(kind, "evidence")  ? CUE_EVIDENCE
                : field_eq(kind, "stance")    ? CUE_STANCE
                                              : 0;
    if (!k) {
        PROBLEM(c, "cue kind must be speech, according, denial, naming, belief, intention, "
                   "perception, evidence, stance or noun");
        return;
    }
    bool that = false, object = false, noun = false, question = false, bare = false, to = false,
         np = false;
    const char *end_line = line.p + line.n;
    for (const char *a = semi; a && a < end_line;) {
        const char *next = memchr(a + 1, ';', (size_t)(end_line - a - 1));
        field attr = trim(a + 1, (size_t)((next ? next : end_line) - a - 1));
        if (field_eq(attr, "that=yes"))
            that = true;
        else if (field_eq(attr, "object=yes"))
            object = true;
        else if (field_eq(attr, "noun=yes"))
            noun = true;
        else if (field_eq(attr, "question=yes"))
            question = true;
        else if (field_eq(attr, "bare=yes"))
            bare = true;
        else if (field_eq(attr, "to=yes"))
            to = true;
        else if (field_eq(attr, "np=yes"))
            np = true;
        else if (attr.n && !field_eq(attr, "that=no") && !field_eq(attr, "object=no") &&
                 !field_eq(attr, "noun=no") && !field_eq(attr, "question=no") &&
                 !field_eq(attr, "bare=no") && !field_eq(attr, "to=no") &&
                 !field_eq(attr, "np=no"))
            PROBLEM(c, "unknown attribute '%.*s' (known: that=, object=, noun=, question=, bare=, "
                       "to=, np=yes|no)",
                    (int)attr.n, attr.p);
        a = next;
    }
    /* one entry per word, so the matcher can tell "said" from "according to" */
    const char *p = rest.p, *end = rest.p + rest.n;
    while (p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        if (!bar)
            bar = end;
        field w = trim(p, (size_t)(bar - p));
        if (w.n) {
            cue_entry *e = VEC_PUSH(&lx->mem, &lx->cues);
            if (!e)
                return;
            e->word = field_dup(lx, w);
            e->kind = k;
            e->takes_that = that;
            e->takes_object = object;
            e->also_noun = noun;
            e->asks = question;
            e->bare = bare;
            e->to = to;
            e->np = np;
            lex_add_name(lx, LT_CUE, lx->cues.len - 1, w.p, w.n, c->file, c->line);
        } else {
            PROBLEM(c, "empty word between '|' separators");
        }
        p = bar + 1;
    }
}

/* GENDER NAME | NAME ...: given names, GENDER m, f or x (either). */
static void parse_names_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    field rest = line;
    field g = next_word(&rest);
    char gender = field_eq(g, "m") ? 'm' : field_eq(g, "f") ? 'f' : field_eq(g, "x") ? 'x' : 0;
    if (!gender) {
        PROBLEM(c, "want GENDER NAME | NAME ... (GENDER: m, f or x)");
        return;
    }
    rest = trim(rest.p, rest.n);
    if (!rest.n) {
        PROBLEM(c, "no names");
        return;
    }
    given_entry *e = VEC_PUSH(&lx->mem, &lx->given);
    if (!e)
        return;
    e->gender = gender == 'x' ? 0 : gender;
    add_names(c, LT_GIVEN, lx->given.len - 1, rest, NULL);
}

static void parse_abbrev_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    field rest = line;
    field cls = next_word(&rest);
    int k = field_eq(cls, "title")   ? AB_TITLE
            : field_eq(cls, "month") ? AB_MONTH
            : field_eq(cls, "other") ? AB_OTHER
            : field_eq(cls, "place") ? AB_PLACE
                                     : 0;
    if (!k) {
        PROBLEM(c, "abbreviation class must be title, month, place or other");
        return;
    }
    const char *p = rest.p, *end = rest.p + rest.n;
    while (p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        if (!bar)
            bar = end;
        field w = trim(p, (size_t)(bar - p));
        if (w.n < 2 || w.p[w.n - 1] != '.') {
            PROBLEM(c, "abbreviation '%.*s' must end with a full stop", (int)w.n, w.p);
        } else {
            char buf[64];
            long kl = text_key_buf(w.p, w.n, buf, sizeof buf);
            if (kl <= 0) {
                PROBLEM(c, "abbreviation '%.*s' is too long", (int)w.n, w.p);
            } else {
                uint32_t *v = ptab_slot(&lx->abbrevs, hash_bytes(buf, (size_t)kl));
                if (v) {
                    if (!*v)
                        lx->n_abbrevs++;
                    *v = (uint32_t)k | PT_FULL |
                         (w.p[0] >= 'A' && w.p[0] <= 'Z' ? AB_CAPITALISED : 0);
                }
            }
        }
        p = bar + 1;
    }
}

static void parse_boiler_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    field rest = line;
    field kind = next_word(&rest);
    static const char *const kinds[] = {NULL,         "appeal", "header", "ui",    "newsletter",
                                        "cookie",     "credit", "social", "staff"};
    uint8_t k = 0;
    for (uint8_t i = 1; i < BK__COUNT; i++)
        if (field_eq(kind, kinds[i]))
            k = i;
    if (!k) {
        PROBLEM(c, "boilerplate kind must be appeal, header, ui, newsletter, cookie, credit, social or staff");
        return;
    }
    field wf = next_word(&rest);
    char num[32];
    if (!wf.n || wf.n >= sizeof num) {
        PROBLEM(c, "missing weight after the kind");
        return;
    }
    memcpy(num, wf.p, wf.n);
    num[wf.n] = 0;
    char *endp;
    double w = strtod(num, &endp);
    if (*endp || w <= 0 || w > 10) {
        PROBLEM(c, "weight '%s' must be a number in (0, 10]", num);
        return;
    }
    boiler_entry *e = VEC_PUSH(&lx->mem, &lx->boiler);
    if (!e)
        return;
    e->kind = k;
    e->weight = (float)w;
    rest = trim(rest.p, rest.n);
    if (!rest.n) {
        PROBLEM(c, "no phrases");
        return;
    }
    add_names(c, LT_BOILER, lx->boiler.len - 1, rest, NULL);
}

static void parse_cameo_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    field rest = line;
    field code = next_word(&rest), gs = next_word(&rest), quad = next_word(&rest),
          plover = next_word(&rest);
    field name = trim(rest.p, rest.n);
    if (code.n < 2 || code.n > 4) {
        PROBLEM(c, "CAMEO code '%.*s' must have 2 to 4 digits", (int)code.n, code.p);
        return;
    }
    for (size_t i = 0; i < code.n; i++)
        if (code.p[i] < '0' || code.p[i] > '9') {
            PROBLEM(c, "CAMEO code '%.*s' must be digits", (int)code.n, code.p);
            return;
        }
    char buf[32];
    if (!gs.n || gs.n >= sizeof buf) {
        PROBLEM(c, "missing Goldstein value");
        return;
    }
    memcpy(buf, gs.p, gs.n);
    buf[gs.n] = 0;
    char *endp;
    double g = strtod(buf, &endp);
    if (*endp || g < -10 || g > 10) {
        PROBLEM(c, "Goldstein value '%s' must be a number in [-10, 10]", buf);
        return;
    }
    if (quad.n != 1 || quad.p[0] < '1' || quad.p[0] > '4') {
        PROBLEM(c, "quad class must be 1, 2, 3 or 4");
        return;
    }
    if (!plover.n) {
        PROBLEM(c, "missing PLOVER type (write - for none)");
        return;
    }
    cameo_entry *e = VEC_PUSH(&lx->mem, &lx->cameo);
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    memcpy(e->code, code.p, code.n);
    e->goldstein = (float)g;
    e->quad = (uint8_t)(quad.p[0] - '0');
    e->plover = field_eq(plover, "-") ? NULL : field_dup(lx, plover);
    e->name = field_dup(lx, name);
    uint32_t *v = ptab_slot(&lx->cameo_index, hash_bytes(code.p, code.n));
    if (v) {
        if (*v)
            lex_problem(lx, NULL, true, c->file, c->line, "CAMEO code %s listed twice", e->code);
        *v = lx->cameo.len | PT_FULL;
    }
}

static void parse_inflection_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    field rest = line;
    field f[5];
    for (int i = 0; i < 5; i++)
        f[i] = next_word(&rest);
    if (!f[4].n || trim(rest.p, rest.n).n) {
        PROBLEM(c, "want five forms: LEMMA THIRD_PERSON PAST PAST_PARTICIPLE GERUND");
        return;
    }
    inflection *e = VEC_PUSH(&lx->mem, &lx->inflections);
    if (!e)
        return;
    e->lemma = field_dup(lx, f[0]);
    e->third = field_dup(lx, f[1]);
    e->past = field_dup(lx, f[2]);
    e->participle = field_dup(lx, f[3]);
    e->gerund = field_dup(lx, f[4]);
}

/* The value of "key=" written as a word of the comment that starts at semi
 * (NULL: none), up to a blank or ';'; p is NULL when it is not there. */
static field comment_attr(const char *semi, const char *end, const char *key)
{
    size_t kn = strlen(key);
    for (const char *a = semi ? semi + 1 : end; a + kn <= end; a++) {
        if (memcmp(a, key, kn) || (a[-1] != ' ' && a[-1] != '\t' && a[-1] != ';'))
            continue;
        field f = {a + kn, 0};
        while (f.p + f.n < end && f.p[f.n] != ' ' && f.p[f.n] != '\t' && f.p[f.n] != ';')
            f.n++;
        return f;
    }
    return (field){NULL, 0};
}

static void parse_verb_line(ctx *c, field line)
{
    lexicon *lx = c->lx;
    if (line.p[0] == '&') {
        const char *eq = memchr(line.p, '=', line.n);
        if (!eq) {
            PROBLEM(c, "synonym set must be written &name = phrase | phrase");
            return;
        }
        field name = trim(line.p + 1, (size_t)(eq - line.p - 1));
        field body = trim(eq + 1, line.n - (size_t)(eq + 1 - line.p));
        if (!name.n || !body.n) {
            PROBLEM(c, "synonym set needs a name and at least one phrase");
            return;
        }
        for (size_t i = 0; i < name.n; i++) {
            char ch = name.p[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                  ch == '_' || ch == '-')) {
                PROBLEM(c, "synonym set name '%.*s' may use letters, digits, _ and -", (int)name.n,
                        name.p);
                return;
            }
        }
        synset_line *s = VEC_PUSH(&lx->mem, &lx->synsets);
        if (!s)
            return;
        s->name = field_dup(lx, name);
        s->text = field_dup(lx, body);
        s->file = c->file;
        s->line = c->line;
        return;
    }
    const char *semi = memchr(line.p, ';', line.n);
    field rest = semi ? trim(line.p, (size_t)(semi - line.p)) : line;
    field code = next_word(&rest);
    rest = trim(rest.p, rest.n);
    if (!code.n || !rest.n) {
        PROBLEM(c, "want CODE PATTERN");
        return;
    }
    field state = comment_attr(semi, line.p + line.n, "present=");
    if (state.p && !field_eq(state, "state")) {
        PROBLEM(c, "present=%.*s: the only value is present=state", (int)state.n, state.p);
        return;
    }
    verb_line *v = VEC_PUSH(&lx->mem, &lx->verbs);
    if (!v)
        return;
    v->family = PETREL_DICT_PETREL;
    v->code = field_dup(lx, code);
    v->text = field_dup(lx, rest);
    /* after ';' a comment, which may hold "people=CODE" (the code for two
     * people: "Trump attacked Romney" is words, not force), "abroad=yes",
     * "continues=yes", "mutual=yes", "office=CODE", "unarmed=CODE", "alone=CODE" and
     * "present=state" */
    const char *end = line.p + line.n;
    field people = comment_attr(semi, end, "people="), abroad = comment_attr(semi, end, "abroad=");
    v->people = people.p ? field_dup(lx, people) : NULL;
    v->abroad = field_eq(abroad, "yes");
    v->continues = field_eq(comment_attr(semi, end, "continues="), "yes");
    v->mutual = field_eq(comment_attr(semi, end, "mutual="), "yes");
    field office = comment_attr(semi, end, "office=");
    v->office = office.p ? field_dup(lx, office) : NULL;
    field unarmed = comment_attr(semi, end, "unarmed=");
    v->unarmed = unarmed.p ? field_dup(lx, unarmed) : NULL;
    field alone = comment_attr(semi, end, "alone=");
    v->alone = alone.p ? field_dup(lx, alone) : NULL;
    v->state = state.p != NULL;
    v->file = c->file;
    v->line = c->line;
}

typedef void (*line_parser)(ctx *, field);

static const struct {
    const char *kind;
    line_parser parse;
} kinds[] = {
    {"actors", parse_actor_line},   {"agents", parse_agent_line},
    {"cues", parse_cue_line},       {"abbreviations", parse_abbrev_line},
    {"boilerplate", parse_boiler_line}, {"cameo", parse_cameo_line},
    {"inflections", parse_inflection_line}, {"verbs", parse_verb_line},
    {"names", parse_names_line},
};

static int load_petrel(lexicon *lx, const char *buf, size_t len, uint16_t file, petrel_error *err)
{
    ctx c = {lx, file, 0, err};
    line_parser parse = NULL;
    size_t before = lx->errors;
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        c.line++;
        const char *hash = memchr(p, '#', (size_t)(le - p));
        field line = trim(p, (size_t)((hash ? hash : le) - p));
        p = nl ? nl + 1 : end;
        if (!line.n)
            continue;
        if (!parse) {
            field rest = line;
            field w = next_word(&rest);
            field kind = next_word(&rest);
            if (!field_eq(w, "%petrel")) {
                PROBLEM(&c, "first line must be '%%petrel KIND' (KIND: actors, agents, verbs, cues, cameo, inflections, abbreviations, boilerplate, names)");
                return PETREL_ERR_DICT;
            }
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                if (field_eq(kind, kinds[i].kind))
                    parse = kinds[i].parse;
            if (!parse) {
                PROBLEM(&c, "unknown dictionary kind '%.*s'", (int)kind.n, kind.p);
                return PETREL_ERR_DICT;
            }
            continue;
        }
        parse(&c, line);
    }
    if (!parse) {
        PROBLEM(&c, "empty dictionary: no '%%petrel KIND' line");
        return PETREL_ERR_DICT;
    }
    return lx->errors > before ? PETREL_ERR_DICT : PETREL_OK;
}

petrel_dict_format lexicon_sniff(const char *buf, size_t len)
{
    /* ours announce themselves; TABARI's and PETRARCH's are told apart by
     * compat.c, which knows their conventions */
    const char *p = buf, *end = buf + (len > 65536 ? 65536 : len);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        field line = trim(p, (size_t)(le - p));
        p = nl ? nl + 1 : end;
        if (!line.n || line.p[0] == '#') /* ours open with a commented header */
            continue;
        if (line.n >= 7 && !memcmp(line.p, "%petrel", 7))
            return PETREL_DICT_PETREL;
        break;
    }
    return compat_sniff(buf, len);
}

int lexicon_load_file(lexicon *lx, const char *path, petrel_dict_format fmt, petrel_error *err)
{
    if (lx->finished) {
        snprintf(err->message, sizeof err->message,
                 "dictionaries are frozen once coding starts; load them first");
        err->code = PETREL_ERR_USAGE;
        return PETREL_ERR_USAGE;
    }
    char *buf = NULL;
    size_t len = 0;
    petrel_error first = {0};
    int rc = compat_image_read(path, &buf, &len, err);
    if (rc)
        return rc;
    if (buf) { /* whatever fmt says: the image's magic is no text */
        uint16_t file = lex_add_file(lx, path);
        rc = compat_image_load(lx, buf, len, file, &first);
        if (rc == PETREL_OK)
            return rc; /* the store keeps buf */
        free(buf);
        if (err) {
            *err = first;
            err->code = rc;
        }
        return rc;
    }
    rc = read_whole_file(path, 64u << 20, &buf, &len, err);
    if (rc)
        return rc;
    uint16_t file = lex_add_file(lx, path);
    if (fmt == PETREL_DICT_AUTO)
        fmt = lexicon_sniff(buf, len);
    if (fmt == PETREL_DICT_AUTO)
        fmt = compat_sniff_name(path);
    switch (fmt) {
    case PETREL_DICT_PETREL:
        rc = load_petrel(lx, buf, len, file, &first);
        break;
    case PETREL_DICT_TABARI:
    case PETREL_DICT_PETRARCH:
        if (compat_compiled(lx)) {
            lex_problem(lx, &first, false, file, 0,
                        "a TABARI or PETRARCH file cannot be added to a compiled dictionary: "
                        "compile them together");
            rc = PETREL_ERR_DICT;
        } else if (fmt == PETREL_DICT_TABARI) {
            rc = compat_load_tabari(lx, path, buf, len, file, &first);
        } else {
            rc = compat_load_petrarch(lx, path, buf, len, file, &first);
        }
        break;
    default:
        lex_problem(lx, &first, false, file, 0,
                    "cannot tell the dictionary format; name it with --format petrel|tabari|petrarch");
        rc = PETREL_ERR_DICT;
    }
    free(buf);
    if (rc && err) {
        *err = first;
        err->code = rc;
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.txt file of our format under dir, in name order so loading (and so
 * "first pattern wins" ties) does not depend on the file system. */
int lexicon_load_dir(lexicon *lx, const char *dir, petrel_error *err)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        err->code = PETREL_ERR_IO;
        snprintf(err->message, sizeof err->message, "cannot open dictionary folder: %s",
                 strerror(errno));
        snprintf(err->file, sizeof err->file, "%s", dir);
        return PETREL_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_str);
    int rc = PETREL_OK;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            int r = lexicon_load_dir(lx, path, rc ? &(petrel_error){0} : err);
            if (r && !rc)
                rc = r;
            continue;
        }
        size_t nl = strlen(names[i]);
        if (nl < 4 || strcmp(names[i] + nl - 4, ".txt"))
            continue;
        petrel_error e = {0};
        int r = lexicon_load_file(lx, path, PETREL_DICT_PETREL, &e);
        if (r && !rc) {
            rc = r;
            *err = e;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* ------------------------------------------------------------ finish */

static bool dates_overlap(const actor_entry *a, const actor_entry *b)
{
    int32_t af = a->from ? a->from : 0, at = a->to ? a->to : 99999999;
    int32_t bf = b->from ? b->from : 0, bt = b->to ? b->to : 99999999;
    return af <= bt && bf <= at;
}

static uint8_t caps_rule_of(const tok_vec *toks, const char *text)
{
    const tok *t0 = &toks->items[0];
    for (uint32_t k = 0; k < toks->len; k++) {
        const tok *t = &toks->items[k];
        if ((t->flags & TF_ALLCAPS) && t->end - t->start <= 3)
            return CAPS_ACRONYM;
    }
    (void)text;
    return (t0->flags & TF_CAP) ? CAPS_INITIAL : CAPS_ANY;
}

bool lex_mark_start(lexicon *lx, uint64_t h, uint32_t bits)
{
    uint32_t *v = ptab_slot(&lx->starts, h);
    if (!v)
        return false;
    *v |= bits;
    return true;
}

static int insert_phrase(lexicon *lx, const pending_name *pn, const tok_vec *toks, uint32_t from,
                         petrel_error *err)
{
    (void)err;
    phrase_table *t = &lx->tables[pn->table];
    if (!lex_mark_start(lx, toks->items[from].hash, 1u << pn->table))
        return PETREL_ERR_NOMEM;
    uint64_t h = 0;
    uint32_t n = toks->len - from;
    tok_vec view = {toks->items + from, n, n};
    uint8_t caps = pn->table == LT_ACTOR || pn->table == LT_AGENT ? caps_rule_of(&view, pn->text) : CAPS_ANY;
    for (uint32_t k = 0; k < n; k++) {
        h = k ? hash_combine(h, view.items[k].hash) : view.items[k].hash;
        uint32_t *v = ptab_slot(t, h);
        if (!v)
            return PETREL_ERR_NOMEM;
        if (k + 1 < n) {
            *v |= PT_PREFIX;
            continue;
        }
        /* append a binding at the end of this phrase's chain */
        uint32_t head = *v & PT_INDEX;
        if (pn->table == LT_ACTOR) {
            const actor_entry *ne = &lx->actors.items[pn->entry];
            for (uint32_t b = head; b; b = lx->bindings.items[b - 1].next) {
                const actor_entry *oe = &lx->actors.items[lx->bindings.items[b - 1].entry];
                if (oe == ne)
                    return PETREL_OK;
                if (from == 0 && strcmp(oe->code, ne->code) && dates_overlap(oe, ne) &&
                    !(oe->from || oe->to || ne->from || ne->to) && oe->type == ne->type &&
                    !oe->article[0] && !ne->article[0])
                    lex_problem(lx, NULL, true, pn->file, pn->line,
                                "'%s' is already %s in %s; the first entry wins", pn->text,
                                oe->code, lx->files.items[oe->file]);
            }
        } else {
            for (uint32_t b = head; b; b = lx->bindings.items[b - 1].next)
                if (lx->bindings.items[b - 1].entry == pn->entry)
                    return PETREL_OK;
        }
        binding *nb = VEC_PUSH(&lx->mem, &lx->bindings);
        if (!nb)
            return PETREL_ERR_NOMEM;
        nb->entry = pn->entry;
        nb->next = 0;
        nb->caps = caps;
        uint32_t idx = lx->bindings.len;
        if (!head) {
            *v = (*v & PT_PREFIX) | PT_FULL | idx;
        } else {
            uint32_t b = head;
            while (lx->bindings.items[b - 1].next)
                b = lx->bindings.items[b - 1].next;
            lx->bindings.items[b - 1].next = idx;
        }
        if (n > t->max_len)
            t->max_len = (uint8_t)(n > 255 ? 255 : n);
    }
    return PETREL_OK;
}

static int insert_name(lexicon *lx, const pending_name *pn, arena *scratch, petrel_error *err)
{
    tok_vec toks = {0};
    uint32_t len = (uint32_t)strlen(pn->text);
    if (tokenize(lx, scratch, pn->text, 0, len, &toks))
        return PETREL_ERR_NOMEM;
    if (!toks.len) {
        lex_problem(lx, err, false, pn->file, pn->line, "name '%s' has no words", pn->text);
        return PETREL_OK;
    }
    int rc = insert_phrase(lx, pn, &toks, 0, err);
    /* "the Kremlin" is also "Kremlin" */
    if (!rc && pn->table == LT_ACTOR && toks.len > 1 && tok_is(&toks.items[0], "the"))
        rc = insert_phrase(lx, pn, &toks, 1, err);
    return rc;
}

/* "Iranian" reports as "Iran": a demonym's display name is its country's. The
 * country codes are also kept (lexicon.countries): a document votes for its
 * country with them. */
static void name_demonyms(lexicon *lx)
{
    for (uint32_t i = 0; i < lx->actors.len; i++) {
        const actor_entry *e = &lx->actors.items[i];
        if (e->type == AT_COUNTRY && strlen(e->code) == 3) {
            uint32_t *v = ptab_slot(&lx->countries, hash_bytes(e->code, 3));
            if (v)
                *v = i + 1;
        }
    }
    phrase_table byc = {0};
    for (uint32_t i = 0; i < lx->actors.len; i++) {
        const actor_entry *e = &lx->actors.items[i];
        if (e->type != AT_COUNTRY)
            continue;
        uint32_t *v = ptab_slot(&byc, hash_bytes(e->code, strlen(e->code)));
        if (v && !*v)
            *v = i + 1;
    }
    for (uint32_t i = 0; i < lx->actors.len; i++) {
        actor_entry *e = &lx->actors.items[i];
        if (e->type != AT_DEMONYM)
            continue;
        uint32_t v = ptab_get(&byc, hash_bytes(e->code, strlen(e->code)));
        if (v)
            e->name = lx->actors.items[v - 1].name;
    }
    ptab_free(&byc);
}

int lexicon_finish(lexicon *lx, petrel_error *err)
{
    if (lx->finished)
        return PETREL_OK;
    name_demonyms(lx);
    for (uint32_t i = 0; i < lx->actors.len; i++)
        if (lx->actors.items[i].from > lx->latest_from)
            lx->latest_from = lx->actors.items[i].from;
    /* each word is in the list once; its start value carries its index + 1
     * (the class bits are 64 wide, the table's values 32) */
    for (const word_class_entry *w = petrel_word_classes; w->word; w++) {
        uint64_t h = hash_bytes(w->word, strlen(w->word));
        uint32_t index = (uint32_t)(w - petrel_word_classes) + 1;
        uint32_t *v = ptab_slot(&lx->starts, h);
        if (!v)
            return PETREL_ERR_NOMEM;
        *v = (*v & ((1u << START_CLASS_SHIFT) - 1)) | SB_CLASS | index << START_CLASS_SHIFT;
    }
    arena scratch;
    arena_init(&scratch, 64u << 10);
    petrel_error first = {0};
    for (uint32_t i = 0; i < lx->pending.len; i++) {
        int rc = insert_name(lx, &lx->pending.items[i], &scratch, &first);
        arena_reset(&scratch, 1u << 20);
        if (rc) {
            arena_free(&scratch);
            return rc;
        }
    }
    arena_free(&scratch);
    int rc = events_compile(lx, &first);
    if (!rc)
        rc = compat_finish(lx, &first);
    /* from now on a token's starts bits gate the look-ups */
    for (int i = 0; i < LT__COUNT; i++)
        lx->tables[i].gate = (uint8_t)(1u << i);
    lx->finished = true;
    if (first.code != PETREL_OK && err) {
        *err = first;
        return PETREL_ERR_DICT;
    }
    return rc;
}
