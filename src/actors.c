#include "actors.h"

#include <string.h>

#include "compat.h"
#include "dict.h"
#include "events.h"
#include "text.h"
#include "wordclass.h"

/* ------------------------------------------------------------ word classes */

static bool has(const tok *t, uint32_t cls) { return (t->cls & cls) != 0; }

/* ------------------------------------------------------------ dictionary look-ups */

static bool caps_ok(const tok *toks, uint32_t i, uint32_t n, uint8_t caps)
{
    if (caps == CAPS_INITIAL)
        return (toks[i].flags & TF_CAP) != 0;
    if (caps == CAPS_ACRONYM) {
        for (uint32_t k = i; k < i + n; k++) {
            const tok *t = &toks[k];
            if (t->key_len <= 3 && !(t->flags & (TF_ALLCAPS | TF_ABBREV)) &&
                !(t->flags & TF_POSSESSIVE) && t->kind == TK_WORD) {
                /* a dictionary acronym "US" must not match the word "us" */
                const unsigned char c = (unsigned char)t->key[0];
                if (c >= 'a' && c <= 'z' && !(t->flags & TF_CAP))
                    return false;
                if (t->key_len >= 2 && !(t->flags & TF_ALLCAPS))
                    return false;
            }
        }
        return true;
    }
    return true;
}

/* Entry of the binding chain that best fits the article date: one whose range
 * covers it, else an undated one, else the first. */
static int32_t pick_actor(const lexicon *lx, uint32_t b, int32_t ymd, const tok *toks, uint32_t i,
                          uint32_t n)
{
    int32_t dated = -1, undated = -1, first = -1, latest = -1, latest_from = -1;
    for (; b; b = lx->bindings.items[b - 1].next) {
        const binding *bd = &lx->bindings.items[b - 1];
        if (!caps_ok(toks, i, n, bd->caps))
            continue;
        const actor_entry *e = &lx->actors.items[bd->entry];
        if (first < 0)
            first = (int32_t)bd->entry;
        if (!e->from && !e->to) {
            if (undated < 0)
                undated = (int32_t)bd->entry;
            continue;
        }
        if (ymd && (!e->from || e->from <= ymd) && (!e->to || ymd <= e->to) && dated < 0)
            dated = (int32_t)bd->entry;
        if (!ymd && !e->to && dated < 0) /* no date: the role held now */
            dated = (int32_t)bd->entry;
        if (e->from > latest_from) {
            latest_from = e->from;
            latest = (int32_t)bd->entry;
        }
    }
    if (dated >= 0)
        return dated;
    /* no date and no current role: the last role held says more than none */
    if (!ymd && latest >= 0)
        return latest;
    if (undated >= 0)
        return undated;
    return first;
}

/* ------------------------------------------------------------ items */

enum item_kind { IT_ACTOR = 1, IT_AGENT, IT_NAME, IT_POSS, IT_HONORIFIC, IT_MOD };

typedef struct item {
    uint8_t kind;
    uint32_t b, e; /* tokens */
    int32_t entry; /* actor or agent entry, -1 none */
    const char *code, *name; /* from a compatibility dictionary */
    char gender; /* honorifics */
    bool weak;   /* one capitalised word opening a sentence or quote: maybe not a name */
} item;

typedef VEC(item) item_vec;

/* A hyphenated word whose second part is lower case ("Iranian-made",
 * "Russian-occupied", "U.S.-led") describes something else, it is not a name. */
static bool lower_after_hyphen(const tok *t)
{
    if (!(t->flags & TF_HYPHENATED))
        return false;
    const char *p = memchr(t->key, '-', t->key_len);
    return p != NULL; /* keys are case-folded: check the text instead, below */
}

static bool is_name_token_in(const char *text, const tok *t)
{
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_POSSESSIVE) ||
        (t->flags & TF_CONTRACTION))
        return false;
    if (lower_after_hyphen(t)) {
        const char *s = text + t->start, *e = text + t->end;
        const char *h = memchr(s, '-', (size_t)(e - s));
        if (h && h + 1 < e && h[1] >= 'a' && h[1] <= 'z')
            return false;
    }
    return true;
}

#define is_name_token(t) is_name_token_in(d->text, (t))

static bool is_modifier(const doc *d, const tok *toks, uint32_t k)
{
    const lexicon *lx = d->lex;
    const tok *t = &toks[k];
    if (t->kind != TK_WORD || (t->flags & (TF_CAP | TF_POSSESSIVE | TF_CONTRACTION)))
        return false;
    if (has(t, WC_FUNCTION))
        return false;
    uint32_t b;
    if (lex_match(&lx->tables[LT_CUE], toks, k, k + 1, &b))
        return false;
    if (events_is_finite_verb(lx, t))
        return false;
    return true;
}

/* Find dictionary actors, agents and capitalised names in a sentence. */
static int find_items(doc *d, const sent *s, item_vec *items)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    for (uint32_t k = s->tok_begin; k < s->tok_end;) {
        const tok *t = &toks[k];
        uint32_t ba = 0, bg = 0;
        uint32_t na = lex_match(&lx->tables[LT_ACTOR], toks, k, s->tok_end, &ba);
        int32_t entry = -1;
        if (na) {
            entry = pick_actor(lx, ba, d->date_ymd, toks, k, na);
            if (entry < 0)
                na = 0;
        }
        const char *ccode = NULL, *cname = NULL;
        uint32_t nc = 0;
        if (!na && lx->compat)
            nc = compat_match_actor(lx, toks, k, s->tok_end, d->date_ymd, &ccode, &cname);
        uint32_t ng = lex_match(&lx->tables[LT_AGENT], toks, k, s->tok_end, &bg);
        if (ng && !caps_ok(toks, k, ng, lx->bindings.items[bg - 1].caps))
            ng = 0;
        item it = {0};
        it.entry = -1;
        if (na && na >= ng) {
            it = (item){IT_ACTOR, k, k + na, entry, NULL, NULL, 0};
        } else if (nc && nc >= ng) {
            it = (item){IT_ACTOR, k, k + nc, -1, ccode, cname, 0};
        } else if (ng) {
            it = (item){IT_AGENT, k, k + ng, (int32_t)lx->bindings.items[bg - 1].entry, NULL,
                        NULL, 0};
        } else if (t->flags & TF_POSSESSIVE) {
            it = (item){IT_POSS, k, k + 1, -1, NULL, NULL, 0};
        } else if (t->kind == TK_WORD && (has(t, WC_HONORIFIC_M) || has(t, WC_HONORIFIC_F) ||
                                          has(t, WC_HONORIFIC_X)) &&
                   k + 1 < s->tok_end && is_name_token(&toks[k + 1])) {
            char g = has(t, WC_HONORIFIC_M) ? 'm' : has(t, WC_HONORIFIC_F) ? 'f' : 0;
            it = (item){IT_HONORIFIC, k, k + 1, -1, NULL, NULL, g};
        } else if (is_name_token(t) && !(k == s->tok_begin && has(t, WC_NOT_NAME)) &&
                   !has(t, WC_NOT_NAME)) {
            /* a run of capitalised words, with particles (bin, al, de) inside */
            uint32_t e = k + 1;
            while (e < s->tok_end) {
                const tok *u = &toks[e];
                uint32_t b2;
                if (is_name_token(u) && !has(u, WC_NOT_NAME) &&
                    !lex_match(&lx->tables[LT_AGENT], toks, e, s->tok_end, &b2) &&
                    !lex_match(&lx->tables[LT_ACTOR], toks, e, s->tok_end, &b2)) {
                    e++;
                } else if (has(u, WC_PARTICLE) && e + 1 < s->tok_end &&
                           is_name_token(&toks[e + 1])) {
                    e += 2;
                } else {
                    break;
                }
            }
            it = (item){IT_NAME, k, e, -1, NULL, NULL, 0, false};
            /* the first word of a sentence or of a quotation is capitalised
             * whatever it is */
            uint32_t w = k;
            while (w > s->tok_begin && toks[w - 1].kind != TK_WORD && toks[w - 1].kind != TK_NUMBER)
                w--;
            if (e == k + 1 && (w == s->tok_begin || (toks[k - 1].kind == TK_QUOTE) ||
                               tok_is(&toks[k - 1], ":")))
                it.weak = true;
        } else if (is_modifier(d, toks, k)) {
            it = (item){IT_MOD, k, k + 1, -1, NULL, NULL, 0};
        } else {
            k++;
            continue;
        }
        item *p = VEC_PUSH(d->a, items);
        if (!p)
            return PETREL_ERR_NOMEM;
        *p = it;
        k = it.e;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ entities */

static uint64_t last_name_hash(const doc *d, uint32_t b, uint32_t e)
{
    const tok *toks = d->toks.items;
    for (uint32_t k = e; k > b; k--)
        if (is_name_token(&toks[k - 1]))
            return toks[k - 1].hash;
    return 0;
}

static const char *span_dup(doc *d, uint32_t start, uint32_t end)
{
    /* names keep the text's spelling; squeeze newlines inside them */
    char *s = arena_strndup(d->a, d->text + start, end - start);
    if (s)
        for (char *p = s; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    return s;
}

static uint32_t new_entity(doc *d, const entity *tmpl)
{
    entity *e = VEC_PUSH(d->a, &d->entities);
    if (!e)
        return 0;
    *e = *tmpl;
    return d->entities.len;
}

static const char *country_of(doc *d, const char *code)
{
    if (!code || strlen(code) < 3)
        return NULL;
    /* three capital letters that are a country: everything our codes start with,
     * except organisation codes, which are not three letters + role */
    return arena_strndup(d->a, code, 3);
}

/* code = country (3 letters) + role; when the actor already has a role, it wins */
static const char *combine_code(doc *d, const char *actor_code, const char *role)
{
    if (!actor_code)
        return role && *role ? role : NULL;
    if (!*actor_code)
        actor_code = NULL;
    if (!role || !*role || strlen(actor_code) > 3 || strlen(actor_code) < 3)
        return actor_code;
    return arena_printf(d->a, "%s%s", actor_code, role);
}

/* The most recent entity that a title mention ("the minister", "Iran's top
 * diplomat") can be: a person of the same country whose title contains the
 * title's head word. */
static uint32_t find_by_title(const doc *d, const char *country, const char *title,
                              const char *word, uint32_t si)
{
    for (uint32_t i = d->entities.len; i > 0; i--) {
        const entity *e = &d->entities.items[i - 1];
        if (!e->person || !e->title)
            continue;
        if (si > e->last_sent + 12)
            continue;
        if (country && (!e->country || strcmp(country, e->country)))
            continue;
        if (title && !strcmp(e->title, title))
            return i;
        if (word && strstr(e->title, word))
            return i;
    }
    return 0;
}

static uint32_t find_by_surname(const doc *d, uint64_t h)
{
    uint32_t found = 0;
    for (uint32_t i = d->entities.len; i > 0; i--) {
        const entity *e = &d->entities.items[i - 1];
        if (e->person && e->named && e->surname == h)
            return i;
    }
    /* a given name used alone (common for Thai, Indonesian and other names) */
    for (uint32_t i = d->entities.len; i > 0; i--) {
        const entity *e = &d->entities.items[i - 1];
        if (e->person && e->named && e->given == h) {
            if (found)
                return 0; /* ambiguous */
            found = i;
        }
    }
    return found;
}

/* ------------------------------------------------------------ mentions */

static mention *add_mention(doc *d, uint32_t b, uint32_t e, uint32_t si, uint8_t how)
{
    mention *m = VEC_PUSH(d->a, &d->mentions);
    if (!m)
        return NULL;
    memset(m, 0, sizeof *m);
    m->tok_begin = b;
    m->tok_end = e;
    m->start = d->toks.items[b].start;
    m->end = d->toks.items[e - 1].end;
    m->sent = si;
    m->how = how;
    m->head = e - 1;
    return m;
}

typedef struct phrase {
    uint32_t first, last; /* item indexes, inclusive */
} phrase;

static bool role_is_plural(const lexicon *lx, const item *it)
{
    return !lx->agents.items[it->entry].person;
}

static const char *agent_role(const lexicon *lx, const item *it)
{
    return lx->agents.items[it->entry].role;
}

/* Resolve one phrase of items into a mention (and maybe an entity). */
static int resolve_phrase(doc *d, uint32_t si, const item *items, uint32_t a, uint32_t z)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    /* trim leading modifiers and trailing modifiers/possessives: they are not
     * part of who the actor is */
    while (a <= z && items[a].kind == IT_MOD)
        a++;
    while (z >= a && z != UINT32_MAX && (items[z].kind == IT_MOD))
        z--;
    if (a > z || z == UINT32_MAX)
        return PETREL_OK;

    int32_t actor_person = -1, actor_other = -1, agent = -1, title_agent = -1;
    uint32_t name_item = UINT32_MAX;
    const char *compat_code = NULL, *compat_name = NULL;
    char gender = 0;
    for (uint32_t i = a; i <= z; i++) {
        const item *it = &items[i];
        if (it->kind == IT_ACTOR) {
            if (it->entry >= 0 && lx->actors.items[it->entry].type == AT_PERSON)
                actor_person = (int32_t)i;
            else if (it->entry >= 0)
                actor_other = (int32_t)i;
            else {
                compat_code = it->code;
                compat_name = it->name;
                actor_other = (int32_t)i;
            }
        } else if (it->kind == IT_AGENT) {
            agent = (int32_t)i;
            if (lx->agents.items[it->entry].person)
                title_agent = (int32_t)i;
        } else if (it->kind == IT_NAME) {
            name_item = i;
        } else if (it->kind == IT_HONORIFIC) {
            gender = it->gender;
        }
    }
    bool possessive = items[z].kind == IT_POSS;
    uint32_t tb = items[a].b, te = items[z].e;
    if (possessive)
        te = items[z].b; /* the mention is the owner, without 's */
    if (te <= tb)
        return PETREL_OK;

    const char *actor_code = NULL, *actor_name = NULL;
    if (actor_other >= 0) {
        const item *it = &items[actor_other];
        if (it->entry >= 0) {
            actor_code = lx->actors.items[it->entry].code;
            actor_name = lx->actors.items[it->entry].name;
        } else {
            actor_code = compat_code;
            actor_name = compat_name;
        }
    }
    const char *role = agent >= 0 ? agent_role(lx, &items[agent]) : NULL;

    /* a person from the dictionary */
    if (actor_person >= 0) {
        const actor_entry *pe = &lx->actors.items[items[actor_person].entry];
        /* "Foreign Minister X" written in the text picks X's entry as foreign
         * minister when the dictionary knows several roles and no date decides */
        if (title_agent >= 0 && (!pe->title || !d->date_ymd)) {
            const agent_entry *ag = &lx->agents.items[items[title_agent].entry];
            const char *want = ag->title ? ag->title : ag->word;
            uint32_t bnd = 0;
            if (want && lex_match(&lx->tables[LT_ACTOR], toks, items[actor_person].b,
                                  items[actor_person].e, &bnd) == items[actor_person].e - items[actor_person].b)
                for (; bnd; bnd = lx->bindings.items[bnd - 1].next) {
                    const actor_entry *x = &lx->actors.items[lx->bindings.items[bnd - 1].entry];
                    if (x->title && !strcmp(x->title, want) && x->type == AT_PERSON &&
                        (!d->date_ymd || ((!x->from || x->from <= d->date_ymd) &&
                                          (!x->to || d->date_ymd <= x->to)))) {
                        pe = x;
                        break;
                    }
                }
        }
        mention *m = add_mention(d, tb, te, si, MH_DICT);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->person = true;
        m->possessive = possessive;
        /* one entity per dictionary person */
        uint32_t found = 0;
        for (uint32_t i = 0; i < d->entities.len && !found; i++)
            if (d->entities.items[i].person && d->entities.items[i].name == pe->name)
                found = i + 1;
        if (!found) {
            const tok *last = &toks[items[actor_person].e - 1];
            entity e = {pe->name, pe->code, pe->title, country_of(d, pe->code),
                        pe->gender, true, true, last->hash, toks[items[actor_person].b].hash, si};
            /* a title written before the name in this text is better than none */
            if (!e.title && title_agent >= 0)
                e.title = lx->agents.items[items[title_agent].entry].word;
            found = new_entity(d, &e);
            if (!found)
                return PETREL_ERR_NOMEM;
            /* an earlier anonymous mention of the same office was this person */
            const char *title = e.title;
            for (uint32_t i = 0; i + 1 < found && title; i++) {
                entity *o = &d->entities.items[i];
                if (o->person && !o->named && o->title && !strcmp(o->title, title) &&
                    o->country && e.country && !strcmp(o->country, e.country)) {
                    *o = d->entities.items[found - 1];
                    d->entities.len--;
                    found = i + 1;
                    break;
                }
            }
        }
        d->entities.items[found - 1].last_sent = si;
        m->entity = found;
        m->head = items[actor_person].e - 1;
        return PETREL_OK;
    }

    /* a name introduced with a title: learn who it is */
    if (name_item != UINT32_MAX && title_agent >= 0 && (uint32_t)title_agent < name_item) {
        const item *nm = &items[name_item];
        const agent_entry *ag = &lx->agents.items[items[title_agent].entry];
        uint64_t sur = last_name_hash(d, nm->b, nm->e);
        uint32_t found = find_by_surname(d, sur);
        mention *m = add_mention(d, tb, te, si, MH_LEARNED);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->person = true;
        m->possessive = possessive;
        m->head = nm->e - 1;
        if (!found) {
            const char *code = combine_code(d, actor_code, ag->role);
            const char *title = ag->title ? ag->title : ag->word;
            entity e = {span_dup(d, toks[nm->b].start, toks[nm->e - 1].end), code, title,
                        country_of(d, actor_code), gender, true, true, sur, toks[nm->b].hash,
                        si};
            /* "Iran's foreign minister ... Iran's Foreign Minister Hossein X": the
             * anonymous entity of the same office is this person */
            uint32_t anon = 0;
            for (uint32_t i = d->entities.len; i > 0 && !anon; i--) {
                entity *o = &d->entities.items[i - 1];
                if (o->person && !o->named && o->title && title && !strcmp(o->title, title) &&
                    ((!o->country && !e.country) ||
                     (o->country && e.country && !strcmp(o->country, e.country))))
                    anon = i;
            }
            if (anon) {
                d->entities.items[anon - 1] = e;
                found = anon;
            } else {
                found = new_entity(d, &e);
                if (!found)
                    return PETREL_ERR_NOMEM;
            }
        }
        d->entities.items[found - 1].last_sent = si;
        m->entity = found;
        return PETREL_OK;
    }

    /* a bare name: someone met before (surname), else unknown */
    if (name_item != UINT32_MAX) {
        const item *nm = &items[name_item];
        uint64_t sur = last_name_hash(d, nm->b, nm->e);
        uint32_t found = find_by_surname(d, sur);
        if (!found && nm->weak && a == z)
            return PETREL_OK;
        mention *m = add_mention(d, tb, te, si, found ? MH_SURNAME : MH_NAME);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->possessive = possessive;
        m->head = nm->e - 1;
        if (found) {
            m->person = d->entities.items[found - 1].person;
            m->entity = found;
            entity *e = &d->entities.items[found - 1];
            e->last_sent = si;
            if (!e->gender && gender)
                e->gender = gender;
        } else {
            /* remember the name: a later "he" or title may need it, and quote
             * speakers are reported by name even without a code */
            bool person = nm->e - nm->b >= 2 || gender;
            entity e = {span_dup(d, toks[nm->b].start, toks[nm->e - 1].end),
                        actor_code ? combine_code(d, actor_code, role) : NULL,
                        title_agent >= 0 ? lx->agents.items[items[title_agent].entry].word : NULL,
                        country_of(d, actor_code), gender, person, true, sur,
                        toks[nm->b].hash, si};
            uint32_t idx = new_entity(d, &e);
            if (!idx)
                return PETREL_ERR_NOMEM;
            m->entity = idx;
            m->person = person;
        }
        return PETREL_OK;
    }

    /* a title without a name: someone already introduced, or an office we will
     * learn the name of */
    if (title_agent >= 0 && !role_is_plural(lx, &items[title_agent])) {
        const agent_entry *ag = &lx->agents.items[items[title_agent].entry];
        const char *country = country_of(d, actor_code);
        const char *title = ag->title ? ag->title : ag->word;
        uint32_t found = find_by_title(d, country, title, NULL, si);
        if (!found && ag->word) {
            /* "the minister" for "foreign minister": the last word of the title */
            const char *sp = strrchr(ag->word, ' ');
            found = find_by_title(d, country, NULL, sp ? sp + 1 : ag->word, si);
        }
        mention *m = add_mention(d, tb, te, si, MH_TITLE);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->person = true;
        m->possessive = possessive;
        m->head = items[title_agent].e - 1;
        if (!found) {
            entity e = {NULL, combine_code(d, actor_code, ag->role), title, country, 0, true,
                        false, 0, 0, si};
            found = new_entity(d, &e);
            if (!found)
                return PETREL_ERR_NOMEM;
        }
        d->entities.items[found - 1].last_sent = si;
        m->entity = found;
        return PETREL_OK;
    }

    /* a country, organisation or group, with or without a role */
    if (actor_other >= 0 || agent >= 0) {
        mention *m = add_mention(d, tb, te, si, actor_other >= 0 ? MH_DICT : MH_AGENT);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->possessive = possessive;
        m->code = combine_code(d, actor_code, role);
        m->name = actor_name;
        if (actor_other >= 0 && items[actor_other].entry >= 0 && agent < 0)
            m->type = lx->actors.items[items[actor_other].entry].type;
        m->head = (agent > actor_other ? items[agent].e : items[actor_other].e) - 1;
        if (agent >= 0)
            m->plural = role_is_plural(lx, &items[agent]);
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ pronouns */

static void resolve_pronoun(doc *d, uint32_t k, uint32_t si, uint32_t first_mention)
{
    const tok *t = &d->toks.items[k];
    char g = has(t, WC_PRONOUN_M) ? 'm' : has(t, WC_PRONOUN_F) ? 'f' : 0;
    bool it = has(t, WC_PRONOUN_IT), they = has(t, WC_PRONOUN_THEY);
    if (!g && !it && !they)
        return;
    /* "if it becomes evident", "it is clear": an empty subject, not a referent */
    if (tok_is(t, "it") && k + 1 < d->toks.len) {
        if (has(&d->toks.items[k + 1], WC_RAISING))
            return;
    }
    /* candidates: mentions before the pronoun in this sentence, then in the
     * sentences before, most recent sentence first; within a sentence the first
     * (subject-most) mention wins, as a reader's attention does */
    uint32_t best = 0;
    const mention *bm = NULL;
    uint32_t lo = si >= 3 ? si - 3 : 0;
    for (uint32_t s = si + 1; s-- > lo && !bm;) {
        for (uint32_t i = first_mention; i > 0; i--) {
            const mention *m = &d->mentions.items[i - 1];
            if (m->sent < s)
                break;
            if (m->sent != s || (s == si && m->tok_begin >= k))
                continue;
            if (m->how == MH_PRONOUN && !m->entity)
                continue;
            const entity *e = m->entity ? &d->entities.items[m->entity - 1] : NULL;
            if (g) {
                if (!m->person || !e)
                    continue;
                if (e->gender && e->gender != g)
                    continue;
            } else if (it) {
                if (m->person || m->plural || !mention_code(d, m))
                    continue;
            } else { /* they */
                if (m->person || !mention_code(d, m))
                    continue;
            }
            bm = m; /* keep looking left for the subject-most one */
            best = m->entity;
            if ((it || they) && s == si)
                break; /* things: the nearest one before the pronoun */
        }
        (void)best;
    }
    if (!bm)
        return;
    mention *pm = add_mention(d, k, k + 1, si, MH_PRONOUN);
    if (!pm)
        return;
    pm->possessive = tok_is(t, "his") || tok_is(t, "her") || tok_is(t, "its") ||
                     tok_is(t, "their");
    pm->person = g != 0;
    pm->plural = they;
    pm->entity = bm->entity;
    pm->code = bm->entity ? NULL : mention_code(d, bm);
    pm->name = bm->entity ? NULL : mention_name(d, bm);
    if (bm->entity) {
        entity *e = &d->entities.items[bm->entity - 1];
        if (g && !e->gender)
            e->gender = g;
        e->last_sent = si;
    }
}

/* ------------------------------------------------------------ appositions */

static bool is_article(const tok *t)
{
    return tok_is(t, "a") || tok_is(t, "an") || tok_is(t, "the");
}

/* "Nasser Kanani, a spokesman for Iran's foreign ministry, said" and "Iran's
 * foreign minister, Hossein Amir-Abdollahian, said": the name and the title
 * are one person. */
static void apposition_pass(doc *d, uint32_t si, uint32_t first)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (uint32_t i = first; i + 1 < d->mentions.len; i++) {
        mention *x = &d->mentions.items[i], *y = &d->mentions.items[i + 1];
        if (x->sent != si || y->sent != si)
            continue;
        uint32_t k = x->tok_end;
        if (k >= s->tok_end || !tok_is(&toks[k], ","))
            continue;
        k++;
        while (k < y->tok_begin && (is_article(&toks[k]) || toks[k].kind == TK_WORD) &&
               y->tok_begin - k <= 2)
            k++;
        if (k != y->tok_begin)
            continue;
        mention *name = NULL, *title = NULL;
        if (x->how == MH_NAME && y->how == MH_TITLE)
            name = x, title = y;
        else if (x->how == MH_TITLE && y->how == MH_NAME)
            title = x, name = y;
        if (!name || !name->entity || !title->entity)
            continue;
        entity *te = &d->entities.items[title->entity - 1];
        entity *ne = &d->entities.items[name->entity - 1];
        if (te->named)
            continue;
        const char *code = te->code;
        /* "a spokesman for the foreign ministry of Iran": the country comes after */
        if (title == y && i + 2 < d->mentions.len) {
            const mention *z = &d->mentions.items[i + 2];
            uint32_t g = y->tok_end;
            if (z->sent == si && g < s->tok_end && z->tok_begin <= g + 2 &&
                (tok_is(&toks[g], "for") || tok_is(&toks[g], "of") || tok_is(&toks[g], "at") ||
                 tok_is(&toks[g], "to") || tok_is(&toks[g], "with"))) {
                const char *zc = mention_code(d, z);
                if (zc && strlen(zc) >= 3 && (!code || strlen(code) == 3 || !te->country)) {
                    const char *role = code && !te->country ? code : "";
                    code = arena_printf(d->a, "%.3s%s", zc, role);
                    te->country = country_of(d, zc);
                }
            }
        }
        ne->code = code;
        ne->title = te->title;
        ne->country = te->country ? te->country : country_of(d, code);
        ne->person = true;
        name->person = true;
        name->how = MH_LEARNED;
        title->entity = name->entity;
        te->person = false; /* the placeholder is gone */
        te->title = NULL;
    }
}

static void sort_mentions(mention *m, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        mention x = m[i];
        uint32_t j = i;
        while (j > 0 && m[j - 1].tok_begin > x.tok_begin) {
            m[j] = m[j - 1];
            j--;
        }
        m[j] = x;
    }
}

const char *mention_code(const doc *d, const mention *m)
{
    if (m->entity)
        return d->entities.items[m->entity - 1].code;
    return m->code;
}

const char *mention_name(const doc *d, const mention *m)
{
    if (m->entity)
        return d->entities.items[m->entity - 1].name;
    return m->name;
}

const mention *actors_at(const doc *d, uint32_t k)
{
    if (!d->tok_mention || k >= d->toks.len || !d->tok_mention[k])
        return NULL;
    return &d->mentions.items[d->tok_mention[k] - 1];
}

int actors_export(const doc *d, const cp_map *m, const petrel_mention **out, size_t *n)
{
    static const char *const hows[] = {"",      "dictionary", "learned", "surname", "title",
                                       "pronoun", "agent",    "name"};
    petrel_mention *ms = arena_alloc(d->a, (d->mentions.len + 1) * sizeof *ms);
    if (!ms)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->mentions.len; i++) {
        const mention *x = &d->mentions.items[i];
        ms[i].span.start = cp_map_get(m, x->start);
        ms[i].span.end = cp_map_get(m, x->end);
        ms[i].span.text = d->text + x->start;
        ms[i].span.text_len = x->end - x->start;
        ms[i].actor = mention_code(d, x);
        ms[i].name = mention_name(d, x);
        ms[i].how = hows[x->how < 8 ? x->how : 0];
        ms[i].sentence = x->sent;
    }
    *out = ms;
    *n = d->mentions.len;
    return PETREL_OK;
}

/* ------------------------------------------------------------ driver */

static bool joins(const item *items, uint32_t n, uint32_t i)
{
    const item *prev = &items[i - 1], *next = &items[i];
    /* adjacent items of one noun phrase */
    if (next->b != prev->e)
        return false;
    /* words between an actor and a title belong to the title ("White House
     * national security spokesman"); anywhere else they end the phrase */
    if (next->kind == IT_MOD) {
        uint32_t j = i;
        while (j < n && items[j].kind == IT_MOD && (j == i || items[j].b == items[j - 1].e))
            j++;
        if (j >= n || items[j].b != items[j - 1].e || items[j].kind != IT_AGENT)
            return false;
    }
    if (prev->kind == IT_MOD && next->kind != IT_MOD && next->kind != IT_AGENT)
        return false;
    if (prev->kind == IT_POSS)
        return next->kind != IT_POSS;
    if (next->kind == IT_POSS)
        return true;
    if (prev->kind == IT_NAME && next->kind == IT_NAME)
        return false;
    /* "Kanani said" / "Iran and Russia": a name followed by an agent or actor
     * starts a new phrase unless it is a title before a name */
    if (prev->kind == IT_NAME)
        return false;
    if (prev->kind == IT_ACTOR && next->kind == IT_ACTOR) {
        /* "US Secretary" no; "Iran Russia" no: two actors are two phrases unless the
         * first is a country modifying an organisation name ("Iranian Red Crescent") */
        return false;
    }
    return true;
}

int actors_run(doc *d)
{
    if (!d->lex)
        return PETREL_OK;
    d->tok_mention = arena_zalloc(d->a, (d->toks.len + 1) * sizeof *d->tok_mention);
    if (!d->tok_mention)
        return PETREL_ERR_NOMEM;
    item_vec items = {0}; /* reused sentence after sentence: no garbage per sentence */
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        items.len = 0;
        int rc = find_items(d, s, &items);
        if (rc)
            return rc;
        uint32_t first_mention = d->mentions.len;
        /* phrases: runs of joined items */
        uint32_t a = 0;
        for (uint32_t i = 0; i <= items.len; i++) {
            if (i < items.len && i > a && joins(items.items, items.len, i))
                continue;
            if (i > a) {
                rc = resolve_phrase(d, si, items.items, a, i - 1);
                if (rc)
                    return rc;
            }
            a = i;
        }
        /* appositions: "Nasser Kanani, a spokesman for Iran's foreign ministry," */
        apposition_pass(d, si, first_mention);
        /* pronouns, in order */
        uint32_t end_mention = d->mentions.len;
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            const tok *t = &d->toks.items[k];
            if (t->kind == TK_WORD && (has(t, WC_PRONOUN_M) || has(t, WC_PRONOUN_F) ||
                                       has(t, WC_PRONOUN_IT) || has(t, WC_PRONOUN_THEY)))
                resolve_pronoun(d, k, si, d->mentions.len);
        }
        /* keep this sentence's mentions in text order */
        if (d->mentions.len > first_mention)
            sort_mentions(d->mentions.items + first_mention, d->mentions.len - first_mention);
        (void)end_mention;
    }
    for (uint32_t i = 0; i < d->mentions.len; i++) {
        const mention *m = &d->mentions.items[i];
        for (uint32_t k = m->tok_begin; k < m->tok_end; k++)
            d->tok_mention[k] = i + 1;
    }
    return PETREL_OK;
}
