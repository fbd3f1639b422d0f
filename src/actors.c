#include "actors.h"

#include <string.h>

#include "compat.h"
#include "dict.h"
#include "events.h"
#include "text.h"
#include "wordclass.h"

/* ------------------------------------------------------------ word classes */

static bool has(const tok *t, uint64_t cls) { return (t->cls & cls) != 0; }


/* ------------------------------------------------------------ people
 *
 * Who a bare capitalised name is (added for quotation speakers, issue 4): a
 * person when it opens with a given name (dict/names.txt, which also gives the
 * gender "he"/"she" resolve by) or follows an honorific; an organisation or a
 * place when its last word says so ("Studio", "County", "Bridge") or its first
 * does ("Lake", "Mount"). Titles written as abbreviations before a name ("Sen.",
 * "Lt.", "Gov.") are honorifics, not part of the name. */






static bool plural_noun(const tok *t);

/* The gender of a given name at token k: 'm', 'f', 'x' (either), 0 (not one). */
static char given_name(const doc *d, uint32_t k)
{
    const lexicon *lx = d->lex;
    const tok *t = &d->toks.items[k];
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) || !lx->given.len)
        return 0;
    uint32_t b = 0;
    if (lex_match(&lx->tables[LT_GIVEN], d->toks.items, k, k + 1, &b) != 1)
        return 0;
    char g = lx->given.items[lx->bindings.items[b - 1].entry].gender;
    return g ? g : 'x';
}

/* A word that can only be a given name before a surname: a known one, or a
 * capitalised word no list knows ("Ivanka Trump", "Zorvina Clinton": a
 * dictionary person's kin, not the person). Not a word a list or a pattern
 * starts with ("Republican Trump", "Asked Trump"), an acronym or an
 * abbreviation, and not a sentence's first word, capitalised whatever it is
 * ("Whichever Smith wins"), nor the first of a headline's part. */
static bool likely_given(const doc *d, uint32_t k)
{
    if (given_name(d, k))
        return true;
    const tok *t = &d->toks.items[k];
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) ||
        (t->flags & (TF_ALLCAPS | TF_ABBREV | TF_POSSESSIVE | TF_SENT_START)) || t->starts ||
        t->cls || t->key_len < 3 || memchr(t->key, '-', t->key_len))
        return false;
    /* after a semicolon, a colon or a dash a headline's next part starts:
     * "Voters back Cruz; Veteran Cruz aide quits" */
    const tok *p = k ? &d->toks.items[k - 1] : NULL;
    return !p || !((p->kind == TK_PUNCT && (tok_is(p, ";") || tok_is(p, ":"))) ||
                   p->kind == TK_DASH);
}

/* "Sen.", "Lt.", "Gov.": a title written as an abbreviation before a name. */
static bool title_abbrev(const doc *d, const tok *t)
{
    return (t->flags & TF_ABBREV) && d->lex &&
           lex_abbrev_class(d->lex, t->hash, false) == AB_TITLE && !has(t, WC_A_PLACE_ABBREVS);
}

/* ------------------------------------------------------------ look-ups by key */

/* A long text (a book, the record of a debate) names thousands of people and
 * organisations; scanning them all for every name made this stage quadratic
 * in the text's length. So each entity is filed under the keys its look-ups
 * ask for, when it is made and again when it is overwritten. A look-up tests
 * every entity it is handed, as the scans did, so an entry an overwrite left
 * behind costs one test and can never give a wrong answer. Acronyms' answers
 * are filed in the same table. */
enum { EK_SURNAME = 1, EK_GIVEN, EK_NAME, EK_NAME_WORD, EK_ACRONYM };

typedef struct key_node {
    uint64_t key;
    uint32_t value; /* an entity's index + 1, or what the key's kind says */
    uint32_t next;  /* node index + 1 in the same bucket, 0 = end */
} key_node;

static uint64_t kind_key(int kind, uint64_t h) { return hash_combine(h, (uint64_t)kind); }

static uint64_t name_key(const char *name, size_t n)
{
    return kind_key(EK_NAME, hash_bytes(name, n));
}

static bool key_file(doc *d, uint64_t key, uint32_t value)
{
    if (d->key_nodes.len >= d->key_mask) { /* keep a bucket per node */
        uint32_t nb = d->key_mask ? (d->key_mask + 1) * 2 : 256;
        uint32_t *bucket = arena_zalloc(d->a, (size_t)nb * sizeof *bucket);
        if (!bucket)
            return false;
        for (uint32_t i = 0; i < d->key_nodes.len; i++) {
            key_node *n = &d->key_nodes.items[i];
            n->next = bucket[n->key & (nb - 1)];
            bucket[n->key & (nb - 1)] = i + 1;
        }
        d->key_bucket = bucket;
        d->key_mask = nb - 1;
    }
    key_node *n = VEC_PUSH(d->a, &d->key_nodes);
    if (!n)
        return false;
    n->key = key;
    n->value = value;
    n->next = d->key_bucket[key & d->key_mask];
    d->key_bucket[key & d->key_mask] = d->key_nodes.len;
    return true;
}

/* Entity idx is in sentence si. The log of these lets find_by_title read
 * only the entities of the last few sentences; it must stay in sentence
 * order, so an entry is never older than the one before it (a later one only
 * costs find_by_title a test). A failed push loses an entry only: a title not
 * tied to its person. */
static void touch(doc *d, uint32_t idx, uint32_t si)
{
    d->entities.items[idx - 1].last_sent = si;
    d->entities.items[idx - 1].times++;
    uint64_t when = si;
    if (d->touched.len && d->touched.items[d->touched.len - 1] >> 32 > when)
        when = d->touched.items[d->touched.len - 1] >> 32;
    uint64_t *t = VEC_PUSH(d->a, &d->touched);
    if (t)
        *t = when << 32 | idx;
}

/* The keys of entity idx: its surname and given-name hashes, its whole name,
 * and each word of its name (the words name_has_word finds). */
static bool entity_file(doc *d, uint32_t idx)
{
    const entity *e = &d->entities.items[idx - 1];
    touch(d, idx, e->last_sent);
    if (!key_file(d, kind_key(EK_SURNAME, e->surname), idx) ||
        !key_file(d, kind_key(EK_GIVEN, e->given), idx))
        return false;
    if (!e->name)
        return true;
    if (!key_file(d, name_key(e->name, strlen(e->name)), idx))
        return false;
    for (const char *w = e->name; *w;) {
        const char *end = strchr(w, ' ');
        size_t n = end ? (size_t)(end - w) : strlen(w);
        if (n && !key_file(d, kind_key(EK_NAME_WORD, hash_bytes(w, n)), idx))
            return false;
        w += n + (end != NULL);
    }
    return true;
}

/* The values filed under key, one a call, newest filing first; *node is 0 to
 * begin and holds the place. Returns 0 at the end. */
static uint32_t key_next(const doc *d, uint64_t key, uint32_t *node)
{
    uint32_t i = *node ? d->key_nodes.items[*node - 1].next
                 : d->key_bucket ? d->key_bucket[key & d->key_mask]
                                 : 0;
    for (; i; i = d->key_nodes.items[i - 1].next)
        if (d->key_nodes.items[i - 1].key == key) {
            *node = i;
            return d->key_nodes.items[i - 1].value;
        }
    *node = 0;
    return 0;
}

/* The entities filed under key, as key_next. An entity may come more than
 * once, and in any order of index. */
static uint32_t ent_next(const doc *d, uint64_t key, uint32_t *node)
{
    uint32_t idx;
    while ((idx = key_next(d, key, node)) > d->entities.len)
        ;
    return idx;
}

/* Does a name hold a word ("Anne Marie Cerato" holds "Marie")? */
static bool name_has_word(const char *name, const char *w, uint32_t n)
{
    for (const char *p = name; p && *p; p++)
        if ((p == name || p[-1] == ' ') && !strncmp(p, w, n) && (p[n] == ' ' || !p[n]))
            return true;
    return false;
}

/* "Jr.", "III": a generation, after the surname */
static bool name_suffix(const tok *t)
{
    static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv", NULL};
    return tok_in(t, suffixes);
}

/* Is the name in tokens [b, e) a person's? *gender receives what its given
 * name says. */
static bool name_is_person(const doc *d, uint32_t b, uint32_t e, char honorific, char *gender)
{
    const tok *toks = d->toks.items;
    char g = given_name(d, b);
    *gender = honorific ? honorific : (g == 'm' || g == 'f') ? g : 0;
    if (has(&toks[e - 1], WC_A_ORG_WORDS) || has(&toks[b], WC_A_PLACE_WORDS))
        return honorific != 0;
    /* "Studio Schicketanz", "Club Tropicana": an organisation's word first */
    if (e - b >= 2 && !g && has(&toks[b], WC_A_ORG_WORDS))
        return honorific != 0;
    /* "Department of Fisheries and Oceans": an institution's noun before "of",
     * "on" or "for" inside the name */
    for (uint32_t k = b; k + 1 < e; k++)
        if (has(&toks[k], WC_Q_ORG_HEADS) &&
            (tok_is(&toks[k + 1], "of") || tok_is(&toks[k + 1], "on") || tok_is(&toks[k + 1], "for")))
            return honorific != 0;
    /* "RCMP", "PRESS FILE": capitals are acronyms and headings, not names
     * ("Luther Stan Pate IV" is one) */
    for (uint32_t k = b; k < e; k++)
        if ((toks[k].flags & TF_ALLCAPS) && !(k > b + 1 && name_suffix(&toks[k])))
            return honorific != 0;
    /* "in Milton", "from Chelsea": a lone given name after a place preposition */
    if (g && !honorific && e - b == 1 && b > 0 &&
        (tok_is(&toks[b - 1], "in") || tok_is(&toks[b - 1], "at") || tok_is(&toks[b - 1], "from") ||
         tok_is(&toks[b - 1], "near") || tok_is(&toks[b - 1], "to")))
        return false;
    if (honorific || g)
        return true;
    /* "Jane Okafor", "Hua Chunying": two or more words, none of them a thing */
    return e - b >= 2;
}

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

/* Does the line's date range hold yyyymmdd ymd? */
static bool covers(const actor_entry *e, int32_t ymd)
{
    return (!e->from || e->from <= ymd) && (!e->to || ymd <= e->to);
}

/* The role of an actor code: its last three letters ("GOV" of "USAGOV",
 * "MIL" of "PAKGOVMIL", "ELI" of "ELI"). */
static const char *code_role(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    return n >= 6 ? code + n - 3 : n == 3 ? code : "";
}

/* An office held, not a standing (ELI: a campaign, a former office): of two
 * lines that cover a date, the office wins. */
static bool holds_office(const actor_entry *e) { return strcmp(code_role(e->code), "ELI") != 0; }

/* The binding of an agent's words at i that their capitals allow: one
 * written with capitals when the text has them ("Secret Service": the US
 * agency), else one that takes any ("secret service"); 0 when none fits. */
static uint32_t agent_binding(const lexicon *lx, const tok *toks, uint32_t i, uint32_t n,
                              uint32_t b)
{
    uint32_t any = 0;
    for (; b; b = lx->bindings.items[b - 1].next) {
        uint8_t caps = lx->bindings.items[b - 1].caps;
        if (!caps_ok(toks, i, n, caps))
            continue;
        if (caps != CAPS_ANY)
            return b;
        if (!any)
            any = b;
    }
    return any;
}

/* Entry of the binding chain that best fits the article date: one whose range
 * covers it, else an undated one, else the first. Of two lines that cover
 * it, an office beats a standing: a sitting senator who runs for president
 * is still a legislator (USALEG), as CAMEO codes him; the campaign's ELI
 * line is for candidates who hold no office. */
static int32_t pick_actor(const lexicon *lx, uint32_t b, int32_t ymd, const char *country,
                          const tok *toks, uint32_t i, uint32_t n)
{
    int32_t dated = -1, undated = -1, first = -1, latest = -1, latest_from = -1;
    int32_t office = -1;
    for (; b; b = lx->bindings.items[b - 1].next) {
        const binding *bd = &lx->bindings.items[b - 1];
        if (!caps_ok(toks, i, n, bd->caps))
            continue;
        const actor_entry *e = &lx->actors.items[bd->entry];
        if (e->article[0]) {
            if (country && !memcmp(e->article, country, 3))
                return (int32_t)bd->entry;
            continue;
        }
        if (first < 0)
            first = (int32_t)bd->entry;
        if (!e->from && !e->to) {
            if (undated < 0)
                undated = (int32_t)bd->entry;
            continue;
        }
        if (ymd && covers(e, ymd) && dated < 0)
            dated = (int32_t)bd->entry;
        if (ymd && covers(e, ymd) && office < 0 && holds_office(e))
            office = (int32_t)bd->entry;
        if (!ymd && !e->to && dated < 0) /* no date: the role held now */
            dated = (int32_t)bd->entry;
        if (e->from > latest_from) {
            latest_from = e->from;
            latest = (int32_t)bd->entry;
        }
    }
    if (office >= 0)
        return office;
    if (dated >= 0)
        return dated;
    /* no date and no current role: the undated line, as TABARI's; with none,
     * the last role held says more than nothing */
    if (undated >= 0)
        return undated;
    if (!ymd && latest >= 0)
        return latest;
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

/* "al-Mansouri", "bin-Salman", "el-Sisi": a particle joined to a capitalised
 * name is a name word (for quotation speakers, issue 4). */
static bool particle_name(const char *text, const tok *t)
{
    static const char *const joined[] = {"al-", "el-", "bin-", "ibn-", "abu-", "ad-", "ash-",
                                         "as-", "ar-", "an-", "at-", "az-", NULL};
    if (!(t->flags & TF_HYPHENATED)) /* all of them are joined with a hyphen */
        return false;
    const char *s = text + t->start;
    uint32_t n = t->end - t->start;
    /* every particle is 2 or 3 letters and a hyphen: most words stop here */
    if (n < 4 || (s[2] != '-' && s[3] != '-'))
        return false;
    for (int i = 0; joined[i]; i++) {
        size_t m = strlen(joined[i]);
        if (n > m && !memcmp(s, joined[i], m) && s[m] >= 'A' && s[m] <= 'Z')
            return true;
    }
    return false;
}

static bool is_name_token_in(const char *text, const tok *t)
{
    if (t->kind == TK_WORD && !(t->flags & (TF_CAP | TF_POSSESSIVE | TF_CONTRACTION)) &&
        particle_name(text, t))
        return true;
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

/* "Yong-pyo", "Jae-in", "Ki-moon": a hyphenated given name written with a
 * small letter after the hyphen, two short syllables; only after a name
 * (a surname first), since at the start of a phrase "Pro-war" and "Non-profit"
 * look the same. */
static bool korean_given_name(const doc *d, const tok *t)
{
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & (TF_POSSESSIVE | TF_CONTRACTION)))
        return false;
    const char *s = d->text + t->start, *e = d->text + t->end;
    const char *h = memchr(s, '-', (size_t)(e - s));
    if (!h || h - s < 2 || h - s > 4 || e - h - 1 < 2 || e - h - 1 > 4)
        return false;
    for (const char *p = s + 1; p < e; p++)
        if (p != h && !(*p >= 'a' && *p <= 'z'))
            return false;
    return true;
}

/* 'f' for "spokeswoman", 'm' for "chairman", 0 for "spokesperson" */
static char title_gender(const tok *head)
{
    return tok_ends_with(head, "woman") || tok_ends_with(head, "women") ? 'f'
           : tok_ends_with(head, "man") || tok_ends_with(head, "men")   ? 'm'
                                                                  : 0;
}

/* -ing words that describe an office rather than start a clause */
static const char *const adjective_ing[] = {"ranking", "serving", "ruling", "governing",
                                            "acting", "outgoing", "incoming", "leading",
                                            "sitting", "reigning", "presiding", "standing",
                                            "founding", "visiting", "opposing", NULL};

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
/* A place after a name's first word is part of the name ("Jason Louth",
 * "Teresa Galati") -- unless a name continues after it: "Mayor Tory Toronto"
 * is rare, "Edmonton Oilers" is handled where the place starts. */
static bool place_in_name(const doc *d, uint32_t b, uint32_t k, const sent *s)
{
    const lexicon *lx = d->lex;
    int32_t entry = pick_actor(lx, b, d->role_ymd, d->country, d->toks.items, k, 1);
    if (entry < 0)
        return false;
    uint8_t type = lx->actors.items[entry].type;
    /* "Paul German", "Alan English", "Don Guardian": a one-word demonym or
     * organisation after a given name is a surname; not after a given name
     * that is a word of the dictionary too, nor before a role noun
     * ("Christian Lebanese leaders") */
    uint32_t bg;
    return type == AT_PLACE ||
           ((type == AT_DEMONYM || type == AT_ORG) && k > s->tok_begin && d->actor_len[k] == 1 &&
            given_name(d, k - 1) && !d->actor_len[k - 1] &&
            !(k + 1 < s->tok_end &&
              lex_match(&lx->tables[LT_AGENT], d->toks.items, k + 1, s->tok_end, &bg)));
}

/* The actor-dictionary match at token k (see doc.actor_len). */
static uint32_t actor_at(const doc *d, uint32_t k, uint32_t *bind_out)
{
    *bind_out = d->actor_bind[k];
    return d->actor_len[k];
}

/* A word written right after an "@" that no address's name runs into: a
 * social-media handle */
static bool is_handle(const doc *d, uint32_t k)
{
    const tok *h = &d->toks.items[k];
    if (k == 0 || h->kind != TK_WORD || d->toks.items[k - 1].kind != TK_SYMBOL ||
        d->toks.items[k - 1].end != h->start || d->text[h->start - 1] != '@')
        return false;
    /* not an address: "press@HillaryClinton.com" */
    unsigned char before = h->start >= 2 ? (unsigned char)d->text[h->start - 2] : ' ';
    return !(before >= 'a' && before <= 'z') && !(before >= 'A' && before <= 'Z') &&
           !(before >= '0' && before <= '9') && before != '.' && before != '_';
}

/* "@HillaryClinton", "@realDonaldTrump", "@WhiteHouse": a handle whose
 * capitals spell a dictionary name of two words or more, all the way to its
 * end (a lower-case lead such as "real" may go before); its binding in
 * bind_out. */
static bool handle_match(const doc *d, const phrase_table *t, uint32_t k, uint32_t *bind_out)
{
    const tok *h = &d->toks.items[k];
    const char *text = d->text + h->start;
    uint32_t len = h->end - h->start;
    if (h->key_len != len || len < 4 || len > 64 || !is_handle(d, k))
        return false;
    /* a key is folded only as far as the tokenizer needed ("realDonaldTrump"
     * may keep its capitals), so the parts are folded here */
    char folded[64];
    for (uint32_t i = 0; i < len; i++)
        folded[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] + 32) : text[i];
    tok parts[8];
    uint32_t n = 0, from = 0;
    for (uint32_t i = 1; i <= len; i++) {
        bool cut = i == len || (text[i] >= 'A' && text[i] <= 'Z' && text[i - 1] >= 'a' &&
                                text[i - 1] <= 'z');
        if (!cut)
            continue;
        if (n == 8)
            return false;
        tok *p = &parts[n++];
        *p = *h;
        p->start = h->start + from;
        p->end = h->start + i;
        p->key = folded + from;
        p->key_len = (uint16_t)(i - from);
        p->hash = hash_bytes(p->key, p->key_len);
        p->starts = 0xff;
        from = i;
    }
    for (uint32_t first = 0; first < 2 && first + 2 <= n; first++) {
        if (first && !(text[0] >= 'a' && text[0] <= 'z'))
            break;
        uint32_t b = 0;
        if (lex_match(t, parts, first, n, &b) == n - first) {
            *bind_out = b;
            return true;
        }
    }
    return false;
}

static bool match_actors(doc *d)
{
    const phrase_table *t = &d->lex->tables[LT_ACTOR];
    d->actor_len = arena_zalloc(d->a, d->toks.len + 1);
    d->actor_bind = arena_zalloc(d->a, (d->toks.len + 1) * sizeof *d->actor_bind);
    if (!d->actor_len || !d->actor_bind)
        return false;
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            if (!(d->toks.items[k].starts & SB_ACTOR)) {
                uint32_t b = 0;
                if (handle_match(d, t, k, &b)) {
                    d->actor_len[k] = 1;
                    d->actor_bind[k] = b;
                }
                continue;
            }
            uint32_t b = 0, n = lex_match(t, d->toks.items, k, s->tok_end, &b);
            /* "Vladimir V. Putin": a middle initial the dictionary's name
             * does not spell */
            const tok *mid = k + 2 < s->tok_end ? &d->toks.items[k + 1] : NULL;
            if (mid && (mid->flags & TF_ABBREV) && (mid->flags & TF_CAP) && mid->key_len <= 2) {
                tok skip[8];
                uint32_t m = 0;
                skip[m++] = d->toks.items[k];
                for (uint32_t j = k + 2; j < s->tok_end && m < 8; j++)
                    skip[m++] = d->toks.items[j];
                uint32_t b2 = 0, n2 = lex_match(t, skip, 0, m, &b2);
                if (n2 >= 2 && n2 + 1 > n) {
                    n = n2 + 1;
                    b = b2;
                }
            }
            d->actor_len[k] = (uint8_t)(n > 255 ? 255 : n);
            d->actor_bind[k] = b;
        }
    }
    return true;
}

/* "her official pledge", "the official campaign schedule": "official" before
 * one of the nouns it qualifies in news is an adjective, not an official.
 * Anything else after it ("warns", "today", "familiar", "said") leaves the
 * official. */
static bool official_adjective(const tok *toks, uint32_t k, uint32_t end)
{
    static const char *const nouns[] = {
        "pledge", "campaign", "schedule", "visit", "visits", "statement", "statements",
        "website", "account", "accounts", "figures", "data", "results", "residence", "news",
        "media", "agency", "channel", "channels", "position", "document", "documents",
        "ceremony", "trip", "toll", "count", "title", "capacity", "policy", "language",
        "languages", "record", "records", "page", "system", "role", "business", "duties",
        "responsibilities", "powers", "acknowledgement", "announcement", "endorsement",
        "nomination", "launch", "opening", "version", "report", "reports", "estimate",
        "estimates", "tally", "unemployment", "inflation", "rate", "rates", "hospital",
        "party", "meeting", "meetings", "talks", "dinner", "portrait", "photo", "app",
        "biography", "transcript", "letter", "request", "complaint", "notice", "recognition",
        "apology", "name", "status", "car", "plane", NULL};
    return tok_is(&toks[k], "official") && k + 1 < end && toks[k + 1].kind == TK_WORD &&
           !(toks[k + 1].flags & TF_CAP) && tok_in(&toks[k + 1], nouns);
}

/* "dropped the criminal case", "broke with party orthodoxy": a role word
 * before a noun of its field that only it describes is an adjective, no
 * criminal and no party */
static bool field_adjective(const tok *toks, uint32_t k, uint32_t end)
{
    static const char *const criminal_nouns[] = {
        "charge", "charges", "case", "cases", "investigation", "investigations", "probe",
        "inquiry", "record", "records", "justice", "complaint", "referral", "conduct",
        "activity", "activities", "law", "laws", "liability", "prosecution", "proceedings",
        "trial", "offense", "offence", "offenses", "offences", "act", "acts", "negligence",
        "wrongdoing", "contempt", "intent", "history", "background", "division", "court",
        "courts", "code", "statute", "statutes", "matter", "exposure", "penalties", NULL};
    /* not nouns that are also verbs ("the party rules out", "lines up", "funds") */
    static const char *const party_nouns[] = {
        "norms", "platform", "platforms", "unity", "loyalty", "affiliation", "affiliations",
        "label", "labels", "politics", "primary", "primaries", "registration",
        "identification", "identity", "orthodoxy", "machinery", "apparatus", "faithful",
        "nomination", "nominations", "convention", "conventions", "structure", "discipline",
        "bosses", "elders", "coffers", "money", NULL};
    /* capitalised only to open a sentence ("Criminal charges were dropped") */
    if (k + 1 >= end || toks[k + 1].kind != TK_WORD || (toks[k + 1].flags & TF_CAP) ||
        ((toks[k].flags & TF_CAP) && !(toks[k].flags & TF_SENT_START)))
        return false;
    return (tok_is(&toks[k], "criminal") && tok_in(&toks[k + 1], criminal_nouns)) ||
           (tok_is(&toks[k], "party") && tok_in(&toks[k + 1], party_nouns));
}

/* "the forces of hate", "forces of change": forces of an abstract noun (a
 * lower-case word that is no determiner) are no troops; "forces of the
 * regime" and "forces of Assad" are, and so are forces accused "of shelling" */
static bool abstract_forces(const doc *d, uint32_t k, uint32_t end)
{
    const tok *toks = d->toks.items;
    if (!tok_is(&toks[k], "forces") || k + 2 >= end || !tok_is(&toks[k + 1], "of"))
        return false;
    /* whose troops: "forces of other countries", "forces of allied nations" */
    static const char *const owners[] = {"other", "both", "several", "many", "all", "some",
                                         "various", "allied", "friendly", "foreign", "rival",
                                         "neighboring", "neighbouring", "member", "partner",
                                         "coalition", "government", "regime", "opposition",
                                         NULL};
    const tok *noun = &toks[k + 2];
    return noun->kind == TK_WORD && !(noun->flags & TF_CAP) && !tok_ends_with(noun, "ing") &&
           !has(noun, WC_DETERMINER) && !tok_in(noun, owners) && !d->actor_len[k + 2];
}

/* "the Barack Obama Foundation", "the Ronald Reagan Presidential Library": a
 * dictionary person's name at k (na tokens) opening a run of capitalised
 * words that ends in an institution's or a place's noun names that body,
 * not the person (a campaign is the person's own: "the Donald Trump
 * Campaign"). The run's end, 0 when it is the person. */
static uint32_t after_person_name(const doc *d, const sent *s, uint32_t k, uint32_t na,
                                  int32_t entry)
{
    const tok *toks = d->toks.items;
    if (d->lex->actors.items[entry].type != AT_PERSON || (toks[k + na - 1].flags & TF_POSSESSIVE))
        return 0;
    uint32_t e = k + na;
    while (e < s->tok_end && is_name_token(&toks[e]) && !has(&toks[e], WC_NOT_NAME) &&
           !(toks[e - 1].flags & TF_POSSESSIVE))
        e++;
    if (e == k + na || !has(&toks[e - 1], WC_A_ORG_WORDS) || tok_is(&toks[e - 1], "campaign"))
        return 0;
    return e;
}

/* "House Judiciary Committee", "Senate Committee on Foreign Relations",
 * "House Freedom Caucus": the end of a body of a chamber of the legislature
 * whose name starts at k, 0 when none does. The words inside may be roles or
 * places of their own ("Judiciary", "Intelligence"); the whole is one name. */
static uint32_t legislative_body(const doc *d, const sent *s, uint32_t k)
{
    static const char *const bodies[] = {"committee", "subcommittee", "caucus", NULL};
    static const char *const joins[] = {"on", "of", "and", "for", NULL};
    const tok *toks = d->toks.items;
    if (!(toks[k].flags & TF_CAP) || !(tok_is(&toks[k], "house") || tok_is(&toks[k], "senate")))
        return 0;
    /* after the body's word the name goes on only through "on", "of"...
     * ("Committee on Foreign Relations"), not into a title and a person
     * ("Committee Chairman Bob Goodlatte") or a day ("on Tuesday") */
    bool body = false, joined = false;
    uint32_t end = k + 1;
    for (uint32_t j = k + 1; j < s->tok_end && j < k + 9; j++) {
        const tok *t = &toks[j];
        if (t->kind == TK_WORD && (t->flags & TF_CAP) && (!body || joined) &&
            !has(t, WC_Q_TIME_WORDS)) {
            body |= tok_in(t, bodies);
            end = j + 1;
        } else if (body && !joined && tok_in(t, joins) && j + 1 < s->tok_end &&
                   (toks[j + 1].flags & TF_CAP) && !has(&toks[j + 1], WC_Q_TIME_WORDS)) {
            joined = true;
        } else {
            break;
        }
    }
    return body ? end : 0;
}

static bool is_legislative_body(const doc *d, const sent *s, const item *it)
{
    return it->kind == IT_NAME && legislative_body(d, s, it->b) == it->e;
}

static int find_items(doc *d, const sent *s, item_vec *items)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    for (uint32_t k = s->tok_begin; k < s->tok_end;) {
        const tok *t = &toks[k];
        uint32_t ba = 0, bg = 0;
        uint32_t na = actor_at(d, k, &ba);
        int32_t entry = -1;
        if (na) {
            if (na == 1 && !(t->flags & TF_CAP) && is_handle(d, k)) {
                /* "@realDonaldTrump": a handle's capitals are inside it */
                tok handle = *t;
                handle.flags |= TF_CAP;
                entry = pick_actor(lx, ba, d->role_ymd, d->country, &handle, 0, na);
            } else {
                entry = pick_actor(lx, ba, d->role_ymd, d->country, toks, k, na);
            }
            /* "French Republican leaders": a line held only in articles
             * about one country is not that country's after another's
             * people's name */
            const item *prev = items->len ? &items->items[items->len - 1] : NULL;
            if (entry >= 0 && lx->actors.items[entry].article[0] && prev &&
                prev->kind == IT_ACTOR && prev->e == k && prev->entry >= 0 &&
                lx->actors.items[prev->entry].type == AT_DEMONYM &&
                memcmp(lx->actors.items[prev->entry].code, lx->actors.items[entry].article, 3))
                entry = -1;
            if (entry < 0)
                na = 0;
            else if (!strcmp(lx->actors.items[entry].code, "---")) {
                k += na; /* "French toast": the longer name is no actor */
                continue;
            }
        }
        /* "Jordan Stewart", "Chelsea Clarke": a place that is also a given
         * name, followed by a surname, is a person */
        if (na == 1 && lx->actors.items[entry].type != AT_PERSON && given_name(d, k) &&
            k + 1 < s->tok_end && is_name_token(&toks[k + 1]) && !has(&toks[k + 1], WC_NOT_NAME)) {
            uint32_t b3;
            if (!actor_at(d, k + 1, &b3) &&
                !lex_match(&lx->tables[LT_AGENT], toks, k + 1, s->tok_end, &b3))
                na = 0;
        }
        /* A city or region inside a name is part of the name: "Jason Louth",
         * "Teresa Galati", "Edmonton Oilers", "Toronto Star". */
        if (na && lx->actors.items[entry].type == AT_PLACE) {
            bool after_name = k > s->tok_begin && is_name_token(&toks[k - 1]) &&
                              !has(&toks[k - 1], WC_NOT_NAME) && items->len &&
                              items->items[items->len - 1].kind == IT_NAME &&
                              items->items[items->len - 1].e == k;
            uint32_t n2 = k + na, b3;
            bool before_name = n2 < s->tok_end && is_name_token(&toks[n2]) &&
                               !has(&toks[n2], WC_NOT_NAME) &&
                               !lex_match(&lx->tables[LT_AGENT], toks, n2, s->tok_end, &b3) &&
                               !actor_at(d, n2, &b3);
            if (after_name || before_name)
                na = 0;
        }
        /* "Health Canada", "Infrastructure Canada", "Export Development
         * Canada": a country's name closing a run of capitalised words that
         * is no person's name is the name of one of its agencies or firms */
        if (na == 1 && lx->actors.items[entry].type == AT_COUNTRY && items->len &&
            items->items[items->len - 1].kind == IT_NAME && items->items[items->len - 1].e == k &&
            !items->items[items->len - 1].weak && !given_name(d, items->items[items->len - 1].b) &&
            !(k + 1 < s->tok_end && is_name_token(&toks[k + 1]))) {
            items->items[items->len - 1].e = k + 1;
            k++;
            continue;
        }
        /* ... and "Jordan" alone after "Jordan Stewart" is him */
        if (na == 1 && lx->actors.items[entry].type != AT_PERSON && given_name(d, k)) {
            uint64_t given_key = kind_key(EK_GIVEN, toks[k].hash);
            for (uint32_t i, node = 0; na && (i = ent_next(d, given_key, &node));)
                if (d->entities.items[i - 1].person && d->entities.items[i - 1].named &&
                    d->entities.items[i - 1].given == toks[k].hash)
                    na = 0;
        }
        /* ... and "German said" after "Paul German" -- not "German troops",
         * "Cuban exiles", "the Germans" */
        /* ... and "clashed with Guardian" after "Mayor Don Guardian": a one-word
         * organisation's name without its article is the person too */
        uint8_t atype = na == 1 ? lx->actors.items[entry].type : AT_OTHER;
        if (na == 1 && (atype == AT_DEMONYM || atype == AT_PLACE || atype == AT_ORG) &&
            !(k > s->tok_begin && has(&toks[k - 1], WC_DETERMINER)) &&
            (atype == AT_ORG || k + 1 >= s->tok_end || toks[k + 1].kind != TK_WORD ||
             (toks[k + 1].starts & SB_CUE) || has(&toks[k + 1], WC_AUXILIARY | WC_ADVERB) ||
             ((toks[k + 1].starts & SB_VERB) && !plural_noun(&toks[k + 1])))) {
            uint64_t surname_key = kind_key(EK_SURNAME, toks[k].hash);
            for (uint32_t i, node = 0; na && (i = ent_next(d, surname_key, &node));)
                if (d->entities.items[i - 1].person && d->entities.items[i - 1].named &&
                    d->entities.items[i - 1].surname == toks[k].hash)
                    na = 0;
        }
        const char *ccode = NULL, *cname = NULL;
        uint32_t nc = 0;
        if (!na && lx->compat)
            nc = compat_match_actor(d, k, s->tok_end, &ccode, &cname);
        uint32_t ng = lex_match(&lx->tables[LT_AGENT], toks, k, s->tok_end, &bg);
        if (ng && !(bg = agent_binding(lx, toks, k, ng, bg)))
            ng = 0;
        if (ng == 1 &&
            (official_adjective(toks, k, s->tok_end) || field_adjective(toks, k, s->tok_end) ||
             abstract_forces(d, k, s->tok_end)))
            ng = 0;
        /* "in person", "in opposition to", "in government", "a lead in
         * delegates": after a bare "in", a role noun is a state or a count */
        if (ng && k > s->tok_begin && tok_is(&toks[k - 1], "in") && !(t->flags & TF_CAP))
            ng = 0;
        item it = {0};
        it.entry = -1;
        uint32_t named_after = na ? after_person_name(d, s, k, na, entry) : 0;
        uint32_t body = legislative_body(d, s, k);
        if (body) {
            it = (item){IT_NAME, k, body, -1, NULL, NULL, 0};
        } else if (named_after) {
            it = (item){IT_NAME, k, named_after, -1, NULL, NULL, 0};
        } else if (na && na >= ng) {
            it = (item){IT_ACTOR, k, k + na, entry, NULL, NULL, 0};
            /* a handle's "@" is part of it: "tweeted at @BernieSanders" */
            if (k > s->tok_begin && is_handle(d, k))
                it.b = k - 1;
        } else if (nc && nc >= ng) {
            it = (item){IT_ACTOR, k, k + nc, -1, ccode, cname, 0};
        } else if (ng) {
            it = (item){IT_AGENT, k, k + ng, (int32_t)lx->bindings.items[bg - 1].entry, NULL,
                        NULL, 0};
        } else if (t->flags & TF_POSSESSIVE) {
            it = (item){IT_POSS, k, k + 1, -1, NULL, NULL, 0};
        } else if (t->kind == TK_WORD && (has(t, WC_HONORIFIC_M | WC_HONORIFIC_F | WC_HONORIFIC_X) ||
                                          title_abbrev(d, t)) &&
                   k + 1 < s->tok_end && is_name_token(&toks[k + 1])) {
            char g = has(t, WC_HONORIFIC_M) ? 'm' : has(t, WC_HONORIFIC_F) ? 'f' : 0;
            it = (item){IT_HONORIFIC, k, k + 1, -1, NULL, NULL, g};
        } else if (is_name_token(t) && has(t, WC_A_TITLE_MODIFIERS) && k + 1 < s->tok_end &&
                   lex_match(&lx->tables[LT_AGENT], toks, k + 1, s->tok_end, &bg)) {
            /* "US Deputy Ambassador Thomas Whitfield": part of the title */
            it = (item){IT_MOD, k, k + 1, -1, NULL, NULL, 0};
        } else if (is_name_token(t) &&
                   ((!(k == s->tok_begin && has(t, WC_NOT_NAME)) && !has(t, WC_NOT_NAME)) ||
                    (k > s->tok_begin && /* "Ms. May": after an honorific, a name */
                     (has(&toks[k - 1], WC_HONORIFIC_M | WC_HONORIFIC_F | WC_HONORIFIC_X) ||
                      title_abbrev(d, &toks[k - 1]))))) {
            /* a run of capitalised words, with particles (bin, al, de) inside */
            uint32_t e = k + 1;
            while (e < s->tok_end) {
                const tok *u = &toks[e];
                uint32_t b2;
                if (is_name_token(u) && !has(u, WC_NOT_NAME) && !title_abbrev(d, u) &&
                    !lex_match(&lx->tables[LT_AGENT], toks, e, s->tok_end, &b2) &&
                    (!actor_at(d, e, &b2) ||
                     place_in_name(d, b2, e, s))) {
                    e++;
                } else if (e > k && korean_given_name(d, u)) {
                    e++; /* "Hong Yong-pyo", "Moon Jae-in" */
                } else if (has(u, WC_PARTICLE) && e + 1 < s->tok_end &&
                           (is_name_token(&toks[e + 1]) ||
                            (has(&toks[e + 1], WC_PARTICLE) && e + 2 < s->tok_end &&
                             is_name_token(&toks[e + 2])))) {
                    e += is_name_token(&toks[e + 1]) ? 2 : 3; /* "van der Pluijm" */
                } else {
                    /* "Kevin Haley" when the dictionary knows another Haley:
                     * a given name before a known surname is someone else */
                    uint32_t na2 = is_name_token(u) && likely_given(d, e - 1)
                                       ? actor_at(d, e, &b2)
                                       : 0;
                    if (na2 == 1 &&
                        lx->actors.items[lx->bindings.items[b2 - 1].entry].type == AT_PERSON)
                        e++;
                    break;
                }
            }
            /* "National Institute on Aging", "Department of Fisheries and
             * Oceans", "Office of Coastal Safety and Navigation": an
             * institution's noun closing the run takes the capitalised words
             * after "of", "on" or "for" into its name -- cut at the
             * preposition, the organisation would be called "the Office" */
            if (e + 1 < s->tok_end && e - k >= 1 && has(&toks[e - 1], WC_Q_ORG_HEADS) &&
                (tok_is(&toks[e], "of") || tok_is(&toks[e], "on") || tok_is(&toks[e], "for")) &&
                is_name_token(&toks[e + 1]) && !has(&toks[e + 1], WC_NOT_NAME | WC_DATE_START) &&
                !(toks[e + 1].flags & TF_ABBREV) && !given_name(d, e + 1)) {
                uint32_t x = e + 1, b2;
                while (x < s->tok_end) {
                    const tok *u = &toks[x];
                    if (is_name_token(u) && !has(u, WC_NOT_NAME | WC_DATE_START) &&
                        !(u->flags & TF_ABBREV) &&
                        !lex_match(&lx->tables[LT_AGENT], toks, x, s->tok_end, &b2))
                        x++;
                    else if ((tok_is(u, "and") || tok_is(u, "&")) && x + 1 < s->tok_end &&
                             is_name_token(&toks[x + 1]) && !has(&toks[x + 1], WC_NOT_NAME) &&
                             !given_name(d, x + 1) &&
                             !lex_match(&lx->tables[LT_AGENT], toks, x + 1, s->tok_end, &b2))
                        x += 2;
                    else
                        break;
                }
                e = x;
            }
            /* "Coach Stephen Gillis", "Author Cecil Foster", "Niagara County
             * District Attorney Jane Smith": capitalised words before a given
             * name describe the person; the name starts at the given name */
            if (e - k >= 2) {
                uint32_t j = e - 1; /* the last given name with a surname after it */
                while (j > k && !given_name(d, j - 1))
                    j--;
                j = j > k ? j - 1 : k;
                bool describes = false;
                for (uint32_t q = k; q < j && !describes; q++)
                    describes = has(&toks[q], WC_A_ROLE_WORDS) || has(&toks[q], WC_A_ORG_WORDS) ||
                                has(&toks[q], WC_A_PLACE_ABBREVS);
                if (!describes && e - k >= 3 && has(&toks[k], WC_A_ROLE_WORDS)) {
                    /* "Organizer Dwayne Croteau": a role word opens the run */
                    j = k;
                    while (j + 2 < e + 0 && has(&toks[j], WC_A_ROLE_WORDS))
                        j++;
                    describes = j > k;
                }
                if (j > k && describes) {
                    item *mod = VEC_PUSH(d->a, items);
                    if (!mod)
                        return PETREL_ERR_NOMEM;
                    *mod = (item){IT_MOD, k, j, -1, NULL, NULL, 0, false};
                    k = j;
                }
            }
            /* "Paris's Socialist mayor Anne Hidalgo", "Britain's Conservative
             * prime minister", "Leeds's newly chosen Labour mayor": a word
             * or two between an owner (and its describing words) and a title
             * qualify the title, and the owner's title is the person's. Not
             * after a country's name alone: "Canadian Heritage president" is
             * an organisation's */
            uint32_t bt;
            if (e - k <= 2 && e < s->tok_end && items->len &&
                (items->items[items->len - 1].kind == IT_POSS ||
                 items->items[items->len - 1].kind == IT_MOD) &&
                items->items[items->len - 1].e == k &&
                lex_match(&lx->tables[LT_AGENT], toks, e, s->tok_end, &bt) &&
                lx->agents.items[lx->bindings.items[bt - 1].entry].person) {
                it = (item){IT_MOD, k, e, -1, NULL, NULL, 0, false};
                item *q = VEC_PUSH(d->a, items);
                if (!q)
                    return PETREL_ERR_NOMEM;
                *q = it;
                k = e;
                continue;
            }
            it = (item){IT_NAME, k, e, -1, NULL, NULL, 0, false};
            /* the first word of a sentence or of a quotation is capitalised
             * whatever it is */
            uint32_t w = k;
            while (w > s->tok_begin && toks[w - 1].kind != TK_WORD && toks[w - 1].kind != TK_NUMBER)
                w--;
            uint32_t bc;
            if (e == k + 1 && (w == s->tok_begin || (toks[k - 1].kind == TK_QUOTE) ||
                               tok_is(&toks[k - 1], ":")) &&
                /* "Google said": the subject of a speech verb is a name */
                !(e < s->tok_end && lex_match(&lx->tables[LT_CUE], toks, e, s->tok_end, &bc) &&
                  lx->cues.items[lx->bindings.items[bc - 1].entry].kind == CUE_SPEECH) &&
                /* "Roman, a resident of the area, said": an apposition
                 * describes a name */
                !(e + 2 < s->tok_end && tok_is(&toks[e], ",") &&
                  (tok_is(&toks[e + 1], "a") || tok_is(&toks[e + 1], "an"))))
                it.weak = true;
        } else if (items->len && items->items[items->len - 1].e == k &&
                   (items->items[items->len - 1].kind == IT_ACTOR ||
                    items->items[items->len - 1].kind == IT_POSS ||
                    items->items[items->len - 1].kind == IT_MOD) &&
                   is_modifier(d, toks, k) &&
                   /* "the province's rule requiring nurses": an -ing word after
                    * a noun starts a clause ("Iran's ruling party", "its
                    * longest serving minister" are one phrase) */
                   !(items->items[items->len - 1].kind == IT_MOD && tok_ends_ing(&toks[k]) &&
                     !tok_in(&toks[k], adjective_ing))) {
            /* describing words matter only right after an actor, on the way to
             * a title ("White House national security spokesman") */
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
        if (is_name_token(&toks[k - 1]) && !(k - 1 > b && name_suffix(&toks[k - 1])))
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

static bool is_modifier(const doc *d, const tok *toks, uint32_t k);

/* An organisation's name [b, e) as written, with the article before it when
 * the article is the name's own: "The Harbour Gazette said", "the Crown's case",
 * "the EU" -- but not "the Lakeside Institute study", where it belongs to the noun
 * after the name. NULL when no article is written. Quotation speakers are
 * named so (GGT's references, and readers, say "the Crown", not "Crown"). */
static const char *with_article(doc *d, uint32_t b, uint32_t e)
{
    const tok *toks = d->toks.items;
    if (b == 0 || !tok_is(&toks[b - 1], "the") || toks[b - 1].sent != toks[b].sent)
        return NULL;
    if (e < d->toks.len && toks[e].sent == toks[b].sent && is_modifier(d, toks, e))
        return NULL;
    /* "the" in lower case wherever the sentence puts it: one organisation,
     * one name */
    const char *name = span_dup(d, toks[b].start, toks[e - 1].end);
    return name ? arena_printf(d->a, "the %s", name) : NULL;
}

static const char *const acronym_glue[] = {"and", "of", "on", "for", "the", "&", ",", NULL};

/* Can token b start an acronym's expansion? A capitalised word that starts a
 * name, not one that continues one ("NAIROBI - The Kenya Wildlife Service": a
 * capitalised article after a dateline starts none). */
static bool starts_run(const doc *d, uint32_t b)
{
    const tok *toks = d->toks.items;
    char c = d->text[toks[b].start];
    if (toks[b].kind != TK_WORD || !(toks[b].flags & TF_CAP) || (toks[b].flags & TF_ALLCAPS) ||
        c < 'A' || c > 'Z')
        return false;
    return !(b > 0 && toks[b - 1].sent == toks[b].sent && toks[b - 1].kind == TK_WORD &&
             (toks[b - 1].flags & TF_CAP) && !(toks[b - 1].flags & TF_SENT_START) &&
             !(toks[b].flags & TF_SENT_START) && !tok_is(&toks[b - 1], "the"));
}

static bool run_word(const tok *t)
{
    return t->kind == TK_WORD && (t->flags & TF_CAP) && !(t->flags & TF_ALLCAPS) &&
           !(t->flags & TF_POSSESSIVE);
}

/* Does the run from token b spell acr's n letters? A capitalised word gives
 * the next letter when it is that letter; otherwise "and", "of", "the" ...
 * (capitalised or not) are passed over: "Department Of Homeland Security" is
 * DHS. *te receives the run's end. */
static bool spells_acronym(const doc *d, const char *acr, uint32_t n, uint32_t b, uint32_t *te)
{
    const tok *toks = d->toks.items;
    if (b + n > d->toks.len || !starts_run(d, b) || d->text[toks[b].start] != acr[0])
        return false;
    uint32_t got = 1, e = b + 1;
    while (got < n && e < d->toks.len && toks[e].sent == toks[b].sent) {
        const tok *t = &toks[e];
        if (run_word(t) && d->text[t->start] == acr[got]) {
            got++;
            e++;
        } else if (tok_in(t, acronym_glue)) {
            e++;
        } else {
            break;
        }
    }
    if (got < n)
        return false;
    /* "Export Development Canada Ltd" is not "EDC" */
    if (e < d->toks.len && toks[e].sent == toks[b].sent && toks[e].kind == TK_WORD &&
        (toks[e].flags & TF_CAP) && !(toks[e].flags & TF_ALLCAPS))
        return false;
    *te = e;
    return true;
}

/* File the run from token b under every string of 3 to 6 initials it may
 * spell: from token e on, with got letters in init so far. A capitalised "Of"
 * or "The" may be a letter or passed over, so both are tried; spells_acronym
 * decides which strings the run does spell. *budget bounds the tries. */
static bool file_run(doc *d, uint32_t b, uint32_t e, char *init, uint32_t got, int *budget)
{
    const tok *toks = d->toks.items;
    uint32_t te;
    if (got >= 3 && spells_acronym(d, init, got, b, &te) &&
        !key_file(d, kind_key(EK_ACRONYM, hash_bytes(init, got)), b + 1))
        return false;
    for (; got < 6 && e < d->toks.len && toks[e].sent == toks[b].sent && --*budget > 0; e++) {
        const tok *t = &toks[e];
        bool glue = tok_in(t, acronym_glue);
        if (run_word(t)) {
            init[got] = d->text[t->start];
            if (!file_run(d, b, e + 1, init, got + 1, budget))
                return false;
            if (!glue)
                return true;
        } else if (!glue) {
            return true;
        }
    }
    return true;
}

/* Every run that spells an acronym of 3 to 6 letters, filed under those
 * letters, on the first acronym the stage tries to expand: a text's acronyms
 * are then looked up, not searched for, however many the text has. */
static bool file_acronym_runs(doc *d)
{
    for (uint32_t b = 0; b < d->toks.len; b++) {
        char init[6];
        int budget = 64;
        if (!starts_run(d, b))
            continue;
        init[0] = d->text[d->toks.items[b].start];
        if (!file_run(d, b, b + 1, init, 1, &budget))
            return false;
    }
    d->acronym_runs_filed = true;
    return true;
}

/* An acronym's full name written somewhere in the text: "FAA" for "the
 * Federal Aviation Administration", "DFO" for "Department of Fisheries and
 * Oceans". Readers name the organisation in full; the acronym is only the
 * article's shorthand. A run of capitalised words, with "and", "of", "on",
 * "for", "the", "&" and commas between them, whose initials spell the
 * acronym and which no further capitalised word continues. Token k is the
 * acronym; the first match in the text wins. *tb and *te receive the run's
 * tokens. */
static bool acronym_expansion(doc *d, uint32_t k, uint32_t *tb, uint32_t *te)
{
    const tok *a = &d->toks.items[k];
    uint32_t n = tok_len(a);
    const char *acr = d->text + a->start;
    if (!(a->flags & TF_ALLCAPS) || n < 3 || n > 6 || (a->flags & TF_ABBREV))
        return false;
    for (uint32_t i = 0; i < n; i++)
        if (acr[i] < 'A' || acr[i] > 'Z')
            return false;
    if (!d->acronym_runs_filed && !file_acronym_runs(d))
        return false;
    uint32_t best = UINT32_MAX, node = 0, e;
    uint64_t key = kind_key(EK_ACRONYM, hash_bytes(acr, n));
    for (uint32_t b1; (b1 = key_next(d, key, &node));)
        if (b1 - 1 < best && b1 - 1 != k && spells_acronym(d, acr, n, b1 - 1, &e)) {
            best = b1 - 1;
            *te = e;
        }
    *tb = best;
    return best != UINT32_MAX;
}

static uint32_t new_entity(doc *d, const entity *tmpl)
{
    entity *e = VEC_PUSH(d->a, &d->entities);
    if (!e)
        return 0;
    *e = *tmpl;
    return entity_file(d, d->entities.len) ? d->entities.len : 0;
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
    if (!actor_code) {
        if (!role || !*role)
            return NULL;
        /* "the mayor", "police": a role with no country in its phrase belongs
         * to the country the article is about, when one stands out */
        for (uint32_t i = 0; i < d->lex->n_borderless; i++)
            if (d->lex->borderless[i][0] == role[0] && !strcmp(d->lex->borderless[i], role))
                return role;
        return d->country ? arena_printf(d->a, "%s%s", d->country, role) : role;
    }
    if (!*actor_code)
        return role && *role ? role : NULL;
    /* "EDU" + "EDU": a role with no country is not a country */
    if (!role || !*role || !strcmp(actor_code, role))
        return actor_code;
    /* "Tehran's police", "protesters in Tehran": a capital stands for the
     * government, but its people and forces are the country's */
    if (strlen(actor_code) == 6 && !strcmp(actor_code + 3, "GOV") && strcmp(role, "GOV"))
        return arena_printf(d->a, "%.3s%s", actor_code, role);
    /* "GOP senators", "Labour MPs": a party's legislators sit in the
     * legislature (its officials and spokesmen stay the party's) */
    if (strlen(actor_code) == 6 && !strcmp(actor_code + 3, "PTY") && !strcmp(role, "LEG"))
        return arena_printf(d->a, "%.3s%s", actor_code, role);
    if (strlen(actor_code) != 3)
        return actor_code;
    return arena_printf(d->a, "%s%s", actor_code, role);
}

/* A title of whom "the Chinese leader" or "the Iranian leader" means */
static bool heads_government(const char *title)
{
    static const char *const heads[] = {"president", "prime minister", "premier", "chancellor",
                                        "king", "queen", "emir", "supreme leader", "leader",
                                        "sultan", NULL};
    for (size_t i = 0; heads[i]; i++)
        if (!strcmp(title, heads[i]))
            return true;
    return false;
}

/* The most recent entity that a title mention ("the minister", "Iran's top
 * diplomat") can be: a person of the same country whose title contains the
 * title's head word; a dictionary person only while in office ("the
 * president" in 2016 is not George W. Bush, a former president then). With
 * neither title nor word, a person of the country's government: "the
 * Chinese leader" after "President Xi Jinping". */
/* Does a dictionary person hold this title on another line of theirs at the
 * article's date? "the senator" in June 2016 is Bernie Sanders, whose line of
 * that date calls him the candidate. */
static bool holds_title_too(const doc *d, const entity *e, const char *title, const char *word)
{
    const lexicon *lx = d->lex;
    for (uint32_t b = e->person_lines; b; b = lx->bindings.items[b - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[b - 1].entry];
        /* an office, not a race: every candidate of the year has a line
         * that calls them one */
        if (x->type != AT_PERSON || !x->title || !x->from || !d->role_ymd ||
            !covers(x, d->role_ymd) || (x->name && e->name && strcmp(x->name, e->name)) ||
            !strcmp(x->title, "candidate"))
            continue;
        if ((title && !strcmp(x->title, title)) || (word && strstr(x->title, word)))
            return true;
    }
    return false;
}

static uint32_t find_by_title(const doc *d, const char *country, const char *title,
                              const char *word, char gender, uint32_t si, const char *office)
{
    bool in_office = office && *office && strcmp(office, "ELI") && strcmp(office, "---");
    uint32_t best = 0;
    for (uint32_t j = d->touched.len; j > 0; j--) {
        uint32_t when = (uint32_t)(d->touched.items[j - 1] >> 32);
        uint32_t i = (uint32_t)d->touched.items[j - 1];
        if (si > when + 12)
            break; /* the log is in sentence order: the rest are older */
        if (i <= best || i > d->entities.len)
            continue;
        const entity *e = &d->entities.items[i - 1];
        bool leader = !title && !word;
        if (!e->person || (!e->title && !leader))
            continue;
        if (si > e->last_sent + 12)
            continue;
        /* "Russia's deputy envoy" is not an envoy whose country is unknown */
        if (country && (!e->country || strcmp(country, e->country)))
            continue;
        if (gender && e->gender && e->gender != gender)
            continue; /* "the spokesman" is not the spokeswoman named before */
        size_t n = e->code ? strlen(e->code) : 0;
        if (in_office && e->person_lines && n >= 3 && !strcmp(e->code + n - 3, "ELI"))
            continue; /* a dictionary person out of office at this date */
        if ((title && !strcmp(e->title, title)) || (word && strstr(e->title, word)) ||
            (leader && country && e->named && e->title && heads_government(e->title) && n >= 6 &&
             !strcmp(e->code + n - 3, "GOV")) ||
            (!leader && e->person_lines && holds_title_too(d, e, title, word)))
            best = i; /* the most recent */
    }
    return best;
}

/* The word for a kind of person that an agent before a person's name gives
 * ("billionaire businessman Donald Trump", "investor Jim Oberndorf"): its
 * key hash, 0 when the agent is a title (titles are learned as titles), a
 * plural or not right before the name. */
static uint64_t kind_word_before(const doc *d, const item *items, int32_t agent,
                                 int32_t title_agent, uint32_t name_b)
{
    if (agent < 0 || agent == title_agent || items[agent].e != name_b)
        return 0;
    /* "the group", "the people": words that give no role name no kind */
    const char *role = d->lex->agents.items[items[agent].entry].role;
    if (!role || !*role || !strcmp(role, "---"))
        return 0;
    const tok *head = &d->toks.items[items[agent].e - 1];
    return head->kind == TK_WORD && !plural_noun(head) ? head->hash : 0;
}

/* Is the phrase at token b definite: "the" there, or before it with at most
 * two lower-case words between ("the wealthy businesswoman")? */
static bool definite_before(const doc *d, uint32_t b, uint32_t si)
{
    const tok *toks = d->toks.items;
    if (tok_is(&toks[b], "the"))
        return true;
    for (uint32_t k = b, between = 0; k > 0 && between <= 2; k--, between++) {
        const tok *t = &toks[k - 1];
        if (t->sent != si)
            return false;
        if (tok_is(t, "the"))
            return true;
        /* "the other businessman", "the new activist": someone else */
        static const char *const another[] = {"other", "another", "second", "new", "third",
                                              NULL};
        if (t->kind != TK_WORD || (t->flags & (TF_CAP | TF_POSSESSIVE)) || tok_in(t, another))
            return false;
    }
    return false;
}

/* "a governor", "another Republican governor": an indefinite phrase at b
 * (up to two describing words after its article) names someone not met
 * before, unless it is said of someone ("is a governor") */
static bool indefinite_before(const doc *d, uint32_t b, uint32_t si)
{
    static const char *const indefinite[] = {"a", "an", "another", NULL};
    const tok *toks = d->toks.items;
    for (uint32_t k = b, between = 0; k > 0 && between <= 2; k--, between++) {
        const tok *t = &toks[k - 1];
        if (t->sent != si || t->kind != TK_WORD || (t->flags & TF_POSSESSIVE))
            return false;
        if (tok_in(t, indefinite)) {
            /* "Kasich is a governor who", "remains a senator", "was once a
             * senator", "as a candidate": said of someone named */
            static const char *const linking[] = {
                "as", "become", "becomes", "became", "remain", "remains", "remained", "stay",
                "stays", "stayed", "elected", "named", "appointed", "made", NULL};
            uint32_t j = k - 1;
            while (j > 0 && toks[j - 1].sent == si && has(&toks[j - 1], WC_ADVERB))
                j--;
            const tok *before = j > 0 && toks[j - 1].sent == si ? &toks[j - 1] : NULL;
            return !(before && (has(before, WC_BE) || tok_in(before, linking)));
        }
        if (has(t, WC_DETERMINER | WC_FUNCTION))
            return false;
    }
    return false;
}

/* "if Ruiz is now the nominee", "when the mayor was party chair": a title
 * said of a person named right before "is", whose code the dictionaries
 * know, is that person (the entity's index); 0 otherwise, so that "Jo Roe,
 * who was press secretary" still learns her office from the title. */
static uint32_t said_of_person(const doc *d, uint32_t b, uint32_t si)
{
    const tok *toks = d->toks.items;
    uint32_t j = b;
    /* "is now the Democratic nominee": the phrase's article, adverbs and a
     * party's name before it */
    for (int n = 0; n < 4 && j > 0 && toks[j - 1].sent == si; n++) {
        const tok *t = &toks[j - 1];
        if (!(has(t, WC_ADVERB) || tok_is(t, "the") ||
              (t->kind == TK_WORD && (t->flags & TF_CAP) && !(t->flags & TF_POSSESSIVE))))
            break;
        j--;
    }
    if (j < 2 || toks[j - 1].sent != si || !has(&toks[j - 1], WC_BE))
        return 0;
    j--;
    for (size_t k = d->mentions.len; k > 0; k--) {
        const mention *m = &d->mentions.items[k - 1];
        if (m->sent != si || m->tok_end < j)
            break;
        if (m->tok_end == j)
            return m->person && m->entity && !m->possessive &&
                           d->entities.items[m->entity - 1].person &&
                           d->entities.items[m->entity - 1].code
                       ? m->entity
                       : 0;
    }
    return 0;
}

/* "any candidate", "every senator", "no minister": a quantified title is
 * no one the text has named */
static bool quantified_before(const doc *d, uint32_t b, uint32_t si)
{
    static const char *const quantifiers[] = {"any", "every", "each", "no", NULL};
    const tok *toks = d->toks.items;
    if (tok_in(&toks[b], quantifiers))
        return true;
    for (uint32_t k = b, between = 0; k > 0 && between <= 2; k--, between++) {
        const tok *t = &toks[k - 1];
        if (t->sent != si || t->kind != TK_WORD)
            return false;
        if (tok_in(t, quantifiers))
            return true;
        /* not "no doubt the president" */
        if ((t->flags & (TF_CAP | TF_POSSESSIVE)) || has(t, WC_DETERMINER))
            return false;
    }
    return false;
}

/* The person a definite "the [...] businessman" means: the latest one, in the
 * last dozen sentences, the text introduced with that word and a code -- unless
 * "a businessman" came after them, a newer one the text did not name. */
static uint32_t find_by_kind_word(const doc *d, uint64_t word, uint32_t si)
{
    uint32_t found = 0;
    for (uint32_t j = d->touched.len; j > 0 && !found; j--) {
        uint32_t when = (uint32_t)(d->touched.items[j - 1] >> 32);
        uint32_t i = (uint32_t)d->touched.items[j - 1];
        if (si > when + 12)
            break;
        if (i && i <= d->entities.len && d->entities.items[i - 1].person &&
            d->entities.items[i - 1].kind_word == word && d->entities.items[i - 1].code)
            found = i;
    }
    if (!found)
        return 0;
    const tok *toks = d->toks.items;
    for (uint32_t j = d->mentions.len; j > 0; j--) {
        const mention *m = &d->mentions.items[j - 1];
        if (m->sent < d->entities.items[found - 1].last_sent)
            break;
        if (m->how == MH_AGENT && !m->entity && toks[m->head].hash == word &&
            m->tok_begin > 0 &&
            (tok_is(&toks[m->tok_begin - 1], "a") || tok_is(&toks[m->tok_begin - 1], "an") ||
             (m->tok_begin > 1 && (tok_is(&toks[m->tok_begin - 2], "a") ||
                                   tok_is(&toks[m->tok_begin - 2], "an")))))
            return 0;
    }
    return found;
}

/* May the bare name of entity idx be a person named in full at sentence si?
 * Only if the text named it (not counting pronouns) at most twice, the last
 * time within three sentences; never called it "it" (a firm, a paper:
 * "Bloomberg ... its terminals"); and never described it right after
 * naming it ("Ryan, a teacher from Dayton,": someone of its own). */
static bool bare_name_of_person(const doc *d, uint32_t idx, uint32_t si)
{
    const tok *toks = d->toks.items;
    uint32_t names = 0, last = 0;
    for (uint32_t j = 0; j < d->mentions.len; j++) {
        const mention *m = &d->mentions.items[j];
        if (m->entity != idx)
            continue;
        uint32_t k = m->tok_end;
        if (k + 1 < d->toks.len && tok_is(&toks[k], ",") && toks[k + 1].sent == m->sent &&
            tok_is_article(&toks[k + 1]))
            return false;
        if (m->how == MH_PRONOUN) {
            if (tok_is(&toks[m->tok_begin], "it") || tok_is(&toks[m->tok_begin], "its"))
                return false;
        } else {
            names++;
            last = m->sent;
        }
    }
    return names && names <= 2 && last + 3 >= si;
}

/* Was entity idx first named with a given name ("Lisa Perry", not "Understated
 * Perez")? */
static bool named_with_given(const doc *d, uint32_t idx)
{
    for (uint32_t i = 0; i < d->mentions.len; i++) {
        const mention *m = &d->mentions.items[i];
        if (m->entity == idx && m->how != MH_PRONOUN)
            return m->tok_end - m->tok_begin >= 2 && given_name(d, m->tok_begin);
    }
    return false;
}

/* Has the text named the dictionary's person of this surname (name: the
 * dictionary's own string)? Then "Trump" after "Melania Trump" is still
 * Donald Trump if he was named too; the kin goes by her given name or a
 * title, as writers do. */
static bool dictionary_person_named(const doc *d, uint64_t surname, const char *name)
{
    uint32_t node = 0;
    for (uint32_t i; (i = ent_next(d, kind_key(EK_SURNAME, surname), &node));)
        if (d->entities.items[i - 1].name == name)
            return true;
    return false;
}

/* The most recent named person of surname h, else the one named person whose
 * given name is h. gender ('m', 'f', 0 = either): "Mrs. Clinton" is not the
 * Bill Clinton named last. */
static uint32_t find_by_surname(const doc *d, uint64_t h, char gender)
{
    uint32_t found = 0, node = 0;
    uint64_t surname_key = kind_key(EK_SURNAME, h), given_key = kind_key(EK_GIVEN, h);
    /* two people of one surname ("Hillary Clinton", "Bill Clinton"): the
     * surname alone is the one the story is about, named most so far; the
     * other is written out each time */
    uint32_t most = 0;
    for (uint32_t i; (i = ent_next(d, surname_key, &node));) {
        const entity *e = &d->entities.items[i - 1];
        if (e->person && e->named && e->surname == h &&
            (!gender || !e->gender || e->gender == gender) &&
            (!found || e->times > most || (e->times == most && i > found))) {
            found = i;
            most = e->times;
        }
    }
    if (found)
        return found;
    /* a given name used alone (common for Thai, Indonesian and other names);
     * not the one word of a name ("Mrs. Okafor" is no given name for "Mr.
     * Okafor"), nor someone of the other gender */
    for (uint32_t i; (i = ent_next(d, given_key, &node));) {
        const entity *e = &d->entities.items[i - 1];
        if (e->person && e->named && e->given == h && e->given != e->surname && i != found &&
            (!gender || !e->gender || e->gender == gender)) {
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

/* A mention of one person told by a title (head: the title's last token). */
static mention *person_by_title(doc *d, uint32_t tb, uint32_t te, uint32_t si, uint8_t how,
                                bool possessive, uint32_t head)
{
    mention *m = add_mention(d, tb, te, si, how);
    if (m) {
        m->person = true;
        m->possessive = possessive;
        m->head = head;
    }
    return m;
}

typedef struct phrase {
    uint32_t first, last; /* item indexes, inclusive */
} phrase;

/* "rebels", "police", "people" take "they"; "the government", "the army"
 * and "the foreign ministry" take "it" */
static bool plural_noun(const tok *t)
{
    static const char *const collective[] = {"people", "police", "personnel", "staff", "crew",
                                              "clergy", "militia", "children", NULL};
    if (tok_in(t, collective))
        return true;
    const char *k = t->key;
    uint16_t n = t->key_len;
    if (n > 4 && !memcmp(k + n - 3, "men", 3)) /* fishermen, gunmen, women */
        return true;
    return n > 3 && k[n - 1] == 's' && k[n - 2] != 's' && k[n - 2] != 'u' && k[n - 2] != 'i';
}

/* The head word of a role phrase: its last word, or the word before its
 * "of" ("Ministry of Foreign Affairs", "Council of Ministers"). */
static uint32_t head_before_of(const doc *d, uint32_t b, uint32_t e)
{
    for (uint32_t k = b + 1; k + 1 < e; k++)
        if (tok_is(&d->toks.items[k], "of"))
            return k - 1;
    return e - 1;
}

static bool role_is_plural(const lexicon *lx, const item *it)
{
    return !lx->agents.items[it->entry].person;
}

static const char *agent_role(const lexicon *lx, const item *it)
{
    return lx->agents.items[it->entry].role;
}

/* Resolve one phrase of items into a mention (and maybe an entity). */
/* Organisations whose kind shows in their name, for titles they own
 * ("Teamsters Local 401 president Ann Kowal" is a union official, not a
 * government one). */
static const struct {
    const char *word;
    const char *role;
} org_roles[] = {
    {"union", "LAB"},        {"local", "LAB"},        {"workers", "LAB"},
    {"federation", "LAB"},   {"university", "EDU"},   {"college", "EDU"},
    {"school", "EDU"},       {"institute", "EDU"},    {"hospital", "HLH"},
    {"health", "HLH"},       {"clinic", "HLH"},       {"church", "REL"},
    {"diocese", "REL"},      {"mosque", "REL"},       {"synagogue", "REL"},
    {"police", "COP"},       {"bank", "BUS"},         {"inc", "BUS"},
    {"inc.", "BUS"},         {"corp", "BUS"},         {"corp.", "BUS"},
    {"ltd", "BUS"},          {"ltd.", "BUS"},         {"company", "BUS"},
    {"group", "BUS"},        {"mobile", "BUS"},       {"motors", "BUS"},
    {"energy", "BUS"},       {"airlines", "BUS"},     {"party", "PTY"},
    {"association", "NGO"},  {"foundation", "NGO"},   {"society", "NGO"},
    {"coalition", "NGO"},    {"club", "NGO"},         {"league", "NGO"},
    {"network", "NGO"},      {"charity", "NGO"},      {NULL, NULL}};

/* The kind of organisation a common noun before 's is ("the union's
 * president"), NULL when it says none: only nouns that name one kind ("the
 * group's spokesman" may be the Taliban's). */
static const char *owner_noun_role(const tok *t)
{
    static const struct {
        const char *word, *role;
    } nouns[] = {{"union", "LAB"},      {"company", "BUS"},  {"firm", "BUS"},
                 {"bank", "BUS"},       {"party", "PTY"},    {"university", "EDU"},
                 {"college", "EDU"},    {"school", "EDU"},   {"hospital", "HLH"},
                 {"church", "REL"},     {"charity", "NGO"},  {"foundation", "NGO"},
                 {NULL, NULL}};
    for (int i = 0; nouns[i].word; i++)
        if (tok_is(t, nouns[i].word))
            return nouns[i].role;
    return NULL;
}

static bool public_office(const tok *t)
{
    static const char *const offices[] = {
        "minister", "ministers", "mp", "mps", "mpp", "mpps", "mla", "mlas", "senator",
        "senators", "premier", "mayor", "governor", "councillor", "councilor", "ambassador",
        "lawmaker", "legislator", "judge", "justice", "congressman", "congresswoman",
        "secretary", "attorney", "commissioner", "sheriff", NULL};
    for (int i = 0; offices[i]; i++)
        if (tok_is(t, offices[i]))
            return true;
    return false;
}

static const char *org_role(const doc *d, uint32_t b, uint32_t e)
{
    /* "House Oversight Committee Chairwoman Ann Kowal" chairs a body of the
     * legislature */
    if (legislative_body(d, &d->sents.items[d->toks.items[b].sent], b) == e)
        return "LEG";
    for (uint32_t k = e; k > b; k--)
        for (int i = 0; org_roles[i].word; i++)
            if (tok_is(&d->toks.items[k - 1], org_roles[i].word))
                return org_roles[i].role;
    return "";
}

/* Is [b, e) a name in a credit "( Name / Outlet )": next to a slash, inside
 * parentheses of the same sentence? */
static bool in_credit(const doc *d, uint32_t b, uint32_t e)
{
    const tok *toks = d->toks.items;
    uint32_t si = toks[b].sent;
    bool slash = (e < d->toks.len && toks[e].sent == si && tok_is(&toks[e], "/")) ||
                 (b > 0 && toks[b - 1].sent == si && tok_is(&toks[b - 1], "/"));
    if (!slash)
        return false;
    bool open = false, close = false;
    for (uint32_t k = b; k > 0 && k + 8 > b && toks[k - 1].sent == si && !open; k--) {
        if (tok_is(&toks[k - 1], ")"))
            break;
        open = tok_is(&toks[k - 1], "(");
    }
    for (uint32_t k = e; k < d->toks.len && k < e + 8 && toks[k].sent == si && !close; k++) {
        if (tok_is(&toks[k], "("))
            break;
        close = tok_is(&toks[k], ")");
    }
    return open && close;
}

/* "KABUL (Reuters) -", "(CNN) --": the agency that filed the story, in
 * brackets at the head of a sentence before a dash, acts in none of it */
static bool wire_credit(const doc *d, uint32_t b, uint32_t e)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[toks[b].sent];
    return b > s->tok_begin && b <= s->tok_begin + 8 && tok_is(&toks[b - 1], "(") &&
           e + 1 < s->tok_end && tok_is(&toks[e], ")") && toks[e + 1].kind == TK_DASH;
}

static bool names_org(const doc *d, const item *name, const item *ag);

/* Are the words of item it, folded, the phrase s ("Defense Secretary" and
 * "defense secretary")? */
static bool written_as(const doc *d, const item *it, const char *s)
{
    for (uint32_t k = it->b; k < it->e; k++) {
        const tok *t = &d->toks.items[k];
        if (k > it->b && *s++ != ' ')
            return false;
        if (strncmp(s, t->key, t->key_len))
            return false;
        s += t->key_len;
    }
    return !*s;
}

/* "former President", "Former U.S. President", "ex-minister": is token b (a
 * title: "former president" is one in agents.txt) or a word up to three
 * tokens before it "former" or "ex"? */
static bool former_before(const doc *d, uint32_t b)
{
    for (uint32_t k = b + 1; k > 0 && k + 4 > b + 1; k--)
        if (tok_is(&d->toks.items[k - 1], "former") || tok_is(&d->toks.items[k - 1], "ex"))
            return true;
    return false;
}

/* A title that serves one person ("a spokesman for Clinton", "an aide to the
 * senator") takes that person's code: staff speak for their principal's side,
 * a candidate's as much as a minister's. title_head: the title's last word.
 * NULL when the title is no such office or the principal is no coded person. */
static bool staff_title(const doc *d, uint32_t title_head)
{
    static const char *const staff[] = {"spokesman", "spokeswoman", "spokesperson", "aide",
                                        "adviser", "advisor", "strategist", "manager",
                                        "aides", "advisers", "advisors", "strategists",
                                        "spokesmen", "spokeswomen", NULL};
    /* "a former aide to": no longer */
    return tok_in(&d->toks.items[title_head], staff) && !former_before(d, title_head);
}

static const char *principal_code(const doc *d, uint32_t title_head, const mention *principal)
{
    const char *code = mention_code(d, principal);
    if (!principal->person || principal->plural || !code || strlen(code) < 6)
        return NULL;
    return staff_title(d, title_head) ? code : NULL;
}

/* "foreign companies", "250 foreign high-tech firms", "overseas investors":
 * a group said to come from elsewhere, up to two describing words before it,
 * is not of the country the article is about. */
static bool foreign_before(const doc *d, uint32_t b, const sent *s)
{
    for (uint32_t k = b; k > s->tok_begin && k + 3 > b; k--) {
        const tok *t = &d->toks.items[k - 1];
        if (tok_is(t, "foreign") || tok_is(t, "overseas"))
            return true;
        if (t->kind != TK_WORD || (t->flags & TF_CAP) || has(t, WC_FUNCTION))
            return false;
    }
    return false;
}

/* The first binding of the actor name that is exactly the item's words, 0
 * when they are not one name. */
static uint32_t name_bindings(const doc *d, const item *it)
{
    uint32_t bnd = 0;
    return lex_match(&d->lex->tables[LT_ACTOR], d->toks.items, it->b, it->e, &bnd) ==
                   it->e - it->b
               ? bnd
               : 0;
}

/* Is x's title the one written in item title (the agent's title or first
 * word, or the words as written: "Defense Secretary")? */
static bool holds_title(const doc *d, const actor_entry *x, const item *title)
{
    const agent_entry *ag = &d->lex->agents.items[title->entry];
    const char *want = ag->title ? ag->title : ag->word;
    return x->title && want && (!strcmp(x->title, want) || written_as(d, title, x->title));
}

/* A dictionary person's undated line when they also have dated ones: what an
 * undated article falls back to once its text shows it is not of their
 * time. NULL otherwise. */
static const actor_entry *undated_line(const doc *d, const item *person)
{
    const lexicon *lx = d->lex;
    uint32_t bnd = name_bindings(d, person);
    const actor_entry *undated = NULL;
    bool dated = false;
    for (; bnd; bnd = lx->bindings.items[bnd - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[bnd - 1].entry];
        if (x->type != AT_PERSON)
            continue;
        if (x->from || x->to)
            dated = true;
        else if (!undated)
            undated = x;
    }
    return dated ? undated : NULL;
}

/* Is role ("ELI", "GOV"; "" for any) that of one of the dated lines of the
 * person of binding chain bnd? */
static bool role_of_dated_line(const lexicon *lx, uint32_t bnd, const char *role)
{
    if (!*role)
        return true;
    for (; bnd; bnd = lx->bindings.items[bnd - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[bnd - 1].entry];
        if (x->type == AT_PERSON && (x->from || x->to) && !strcmp(code_role(x->code), role))
            return true;
    }
    return false;
}

/* The line of a dictionary person that a title written right before the
 * name picks, NULL when the title decides nothing. "Foreign Minister X" picks
 * X's foreign-minister line when the dictionary knows several roles and the
 * date allows it. "former" picks the undated line at any date; in an
 * undated article, so does a title of another kind of role than any of the
 * person's dated lines ("presidential candidate Donald Trump", ELI against
 * USAGOV): the text is not of the time of those lines. */
static const actor_entry *role_written(const doc *d, const item *person, const item *title,
                                       bool former)
{
    const lexicon *lx = d->lex;
    const agent_entry *ag = &lx->agents.items[title->entry];
    uint32_t bnd = name_bindings(d, person);
    if (!bnd)
        return NULL;
    for (uint32_t b = bnd; b; b = lx->bindings.items[b - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[b - 1].entry];
        if (x->type == AT_PERSON && (x->from || x->to) && !former && holds_title(d, x, title) &&
            (!d->role_ymd || covers(x, d->role_ymd)))
            return x;
    }
    /* a former holder of the title holds none of it now, whatever the date */
    return former || (!d->date_ymd && !role_of_dated_line(lx, bnd, ag->role))
               ? undated_line(d, person)
               : NULL;
}

static bool is_person_entry(const doc *d, int32_t entry)
{
    return d->lex->actors.items[entry].type == AT_PERSON;
}

/* "the president of Harbor Watch", "chairman of the Riverside Tenants Union
 * of America": the head of a body the dictionaries do not know, whose role
 * we cannot tell, not an office of the article's country. */
static bool heads_unknown_body(const doc *d, const item *title, uint32_t te)
{
    static const char *const heads[] = {"president", "chairman", "chairwoman", "chair",
                                        "director", "head", "founder", "ceo", NULL};
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[toks[te - 1].sent];
    if (!tok_in(&toks[title->e - 1], heads) || te + 1 >= s->tok_end || !tok_is(&toks[te], "of"))
        return false;
    uint32_t k = te + 1;
    if (tok_is(&toks[k], "the") && k + 1 < s->tok_end)
        k++;
    if (!(toks[k].flags & TF_CAP))
        return false;
    if (!(d->actor_len && d->actor_len[k]))
        return true;
    /* "of the Greek American Cultural Association": a known name opening
     * the body's */
    uint32_t e = k + d->actor_len[k];
    while (e < s->tok_end && is_name_token(&toks[e]))
        e++;
    return e > k + d->actor_len[k] && has(&toks[e - 1], WC_Q_ORG_HEADS | WC_A_ORG_WORDS);
}

/* "vowed to back their party's nominee", "would support the GOP nominee":
 * support promised to whoever wins is promised to an office not yet held, not
 * to the candidate last named. tb: the phrase's first token. */
static bool promised_to_winner(const doc *d, const item *title, uint32_t tb)
{
    static const char *const winner[] = {"nominee", "candidate", NULL};
    static const char *const support[] = {"support", "back", "endorse", "behind", "for", NULL};
    const tok *toks = d->toks.items;
    if (!tok_in(&toks[title->e - 1], winner))
        return false;
    uint32_t begin = d->sents.items[toks[tb].sent].tok_begin;
    uint32_t k = tb;
    /* "the Democratic nominee", "the party's eventual nominee" */
    while (k > begin && tb - k < 4 &&
           ((toks[k - 1].flags & TF_CAP) || tok_is(&toks[k - 1], "party") ||
            tok_is(&toks[k - 1], "party's") || tok_is(&toks[k - 1], "eventual")))
        k--;
    if (k > begin && has(&toks[k - 1], WC_DETERMINER)) /* "the", "their" */
        k--;
    if (k <= begin || !tok_in(&toks[k - 1], support))
        return false;
    k--;
    if (tok_is(&toks[k], "behind") || tok_is(&toks[k], "for")) { /* "unite behind", "vote for" */
        if (k <= begin)
            return false;
        k--;
    }
    if (k <= begin)
        return false;
    const tok *before = &toks[k - 1];
    return tok_is(before, "to") || (has(before, WC_AUXILIARY) && (tok_is(before, "will") ||
                                                                   tok_is(before, "would") ||
                                                                   tok_is(before, "'ll")));
}

static int resolve_phrase(doc *d, uint32_t si, const item *items, uint32_t a, uint32_t z)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    const uint32_t phrase_b = items[a].b;
    /* trim leading modifiers and trailing modifiers/possessives: they are not
     * part of who the actor is */
    while (a <= z && (items[a].kind == IT_MOD || (items[a].kind == IT_POSS && a < z)))
        a++;
    while (z >= a && z != UINT32_MAX && (items[z].kind == IT_MOD))
        z--;
    if (a > z || z == UINT32_MAX)
        return PETREL_OK;

    int32_t actor_person = -1, actor_other = -1, agent = -1, title_agent = -1, honorific_at = -1;
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
            honorific_at = (int32_t)i;
        }
    }
    bool possessive = items[z].kind == IT_POSS;
    /* "Ms. Katz" is not Israel Katz: an honorific of the other gender names
     * someone the dictionary does not know */
    if (actor_person >= 0 && honorific_at >= 0 && honorific_at + 1 == actor_person &&
        items[honorific_at].gender && lx->actors.items[items[actor_person].entry].gender &&
        lx->actors.items[items[actor_person].entry].gender != items[honorific_at].gender) {
        if (name_item == UINT32_MAX)
            name_item = (uint32_t)actor_person;
        actor_person = -1;
    }
    /* "Trump's campaign manager Kellyanne Conway": the dictionary person owns
     * the title; the phrase names someone else (for quotation speakers) */
    if (actor_person >= 0 && name_item != UINT32_MAX && name_item > (uint32_t)actor_person &&
        (uint32_t)actor_person + 1 <= z && items[actor_person + 1].kind == IT_POSS)
        actor_person = -1;
    /* "the senator's company", "the minister's party": what a person owns is
     * no person but a body of their country, of its own kind */
    const char *owner_country = NULL;
    if (actor_person >= 0 && agent > actor_person && title_agent < 0 && actor_other < 0 &&
        items[actor_person + 1].kind == IT_POSS) {
        const char *pc = lx->actors.items[items[actor_person].entry].code;
        const char *kind = agent_role(lx, &items[agent]);
        /* a state's kind of body ("Trump's leadership", "his army of
         * volunteers") is no office the person holds: still the person */
        static const char *const state_kinds[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", NULL};
        bool state_kind = false;
        for (int i = 0; state_kinds[i]; i++)
            state_kind |= !strcmp(kind, state_kinds[i]);
        if (*kind && !state_kind && strlen(pc) >= 6 && strcmp(kind, code_role(pc))) {
            owner_country = pc;
            actor_person = -1;
        }
    }
    uint32_t tb = items[a].b, te = items[z].e;
    if (possessive)
        te = items[z].b; /* the mention is the owner, without 's */
    if (te <= tb)
        return PETREL_OK;
    /* "(Jane Smith / The Daily Record)": a photo credit names who took the
     * picture and for whom; neither is anyone the story is about, and a
     * "she" after it is not the photographer */
    if (in_credit(d, tb, te) || wire_credit(d, tb, te))
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
    if (owner_country)
        actor_code = arena_strndup(d->a, owner_country, 3);
    const char *role = agent >= 0 ? agent_role(lx, &items[agent]) : NULL;
    /* a city or region alone is where something happens, not who does it */
    if (actor_other >= 0 && items[actor_other].entry >= 0 &&
        lx->actors.items[items[actor_other].entry].type == AT_PLACE) {
        if (agent < 0 && name_item == UINT32_MAX && actor_person < 0)
            return PETREL_OK;
        actor_code = arena_strndup(d->a, actor_code, 3); /* "Toronto police": CAN + COP */
        actor_name = NULL;
    }
    /* "Teamsters Local 401 president Ann Kowal": a title right after an
     * organisation's name is that organisation's, with its kind of role */
    const char *owner_role = NULL;
    if (title_agent == (int32_t)a && a > 0 && items[a - 1].kind == IT_NAME &&
        (items[a - 1].e == items[a].b ||
         (items[a - 1].e + 1 == items[a].b && toks[items[a - 1].e].kind == TK_NUMBER)) &&
        actor_other < 0) {
        owner_role = org_role(d, items[a - 1].b, items[a - 1].e);
        /* "Immigration Minister", "Yellowhead MP": before a public office the
         * name is a portfolio or a constituency, not an owner; the office
         * keeps its role unless the name shows an organisation's kind */
        if (!*owner_role && public_office(&toks[items[a].e - 1]))
            owner_role = NULL;
        /* "Republican front-runner", "Saudi prince": a standing, not an office
         * the name owns */
        if (owner_role && !*owner_role && !strcmp(agent_role(lx, &items[a]), "ELI"))
            owner_role = NULL;
    }
    /* "the union's president", "the company's chairman": a title an
     * organisation owns has the organisation's kind of role */
    if (!owner_role && title_agent > 0 && items[title_agent - 1].kind == IT_POSS &&
        actor_other < 0) {
        const item *poss = &items[title_agent - 1];
        const item *owner = title_agent >= 2 ? &items[title_agent - 2] : NULL;
        if (owner && owner->kind == IT_AGENT && owner->e == poss->b &&
            !lx->agents.items[owner->entry].person && *agent_role(lx, owner))
            owner_role = agent_role(lx, owner);
        else if (poss->b > d->sents.items[si].tok_begin)
            owner_role = owner_noun_role(&toks[poss->b - 1]);
    }
    /* "Clinton spokesman Nick Merrill", "Smith's aide": a staff title right
     * after the person it serves */
    if (title_agent == (int32_t)a && actor_other < 0 && actor_person < 0 && d->mentions.len) {
        const mention *pm = &d->mentions.items[d->mentions.len - 1];
        uint32_t gap = pm->tok_end <= items[a].b ? items[a].b - pm->tok_end : UINT32_MAX;
        bool right_after = pm->sent == si && (gap == 0 || (gap == 1 && pm->possessive));
        const char *served = right_after ? principal_code(d, items[a].e - 1, pm) : NULL;
        if (served) {
            actor_code = served;
            owner_role = NULL;
        }
    }
    /* "former president", "ex-minister": a former office holder is elite, not
     * the government */
    bool former = former_before(d, items[a].b);
    if (title_agent >= 0 && former)
        role = owner_role = "ELI";
    else if (owner_role)
        role = owner_role;

    /* "Trump supporters", "Clinton aides": people around a person, not the
     * person (whom the words still bring to mind, for a "his" after them);
     * staff act for the person's side, the rest are people of the person's
     * country, in their own role if the word gives one */
    bool around_person =
        actor_person >= 0 && agent > actor_person && (uint32_t)agent == z && title_agent < 0 &&
        (agent == actor_person + 1 ||
         (agent == actor_person + 2 && items[actor_person + 1].kind == IT_POSS)) &&
        plural_noun(&toks[items[agent].e - 1]);

    /* a surname the dictionary knows ("Haley") of someone this text introduced
     * ("Kevin Haley"): the text's person */
    if (actor_person >= 0 && items[actor_person].e - items[actor_person].b == 1 &&
        name_item == UINT32_MAX) {
        const actor_entry *pe = &lx->actors.items[items[actor_person].entry];
        uint32_t found = find_by_surname(d, toks[items[actor_person].b].hash, gender);
        if (found && d->entities.items[found - 1].name != pe->name &&
            !dictionary_person_named(d, toks[items[actor_person].b].hash, pe->name)) {
            mention *m = add_mention(d, tb, te, si, MH_SURNAME);
            if (!m)
                return PETREL_ERR_NOMEM;
            m->person = true;
            m->possessive = possessive;
            m->entity = found;
            m->head = items[actor_person].b;
            touch(d, found, si);
            return PETREL_OK;
        }
    }

    /* a person from the dictionary */
    if (actor_person >= 0) {
        const actor_entry *pe = &lx->actors.items[items[actor_person].entry];
        /* only a title right before the name is the person's ("Former Obama
         * aide" is someone else's) */
        const actor_entry *written = title_agent >= 0 && title_agent + 1 == actor_person &&
                                             (!pe->title || !d->date_ymd || former)
                                         ? role_written(d, &items[actor_person],
                                                        &items[title_agent], former)
                                         : NULL;
        if (written)
            pe = written;
        mention *m = add_mention(d, tb, te, si, MH_DICT);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->person = true;
        m->possessive = possessive;
        /* one entity per dictionary person: the first one made */
        uint32_t found = 0;
        uint64_t pe_key = pe->name ? name_key(pe->name, strlen(pe->name)) : 0;
        for (uint32_t i, node = 0; pe->name && (i = ent_next(d, pe_key, &node));)
            if (d->entities.items[i - 1].person && d->entities.items[i - 1].name &&
                !strcmp(d->entities.items[i - 1].name, pe->name) &&
                (!found || i < found))
                found = i;
        for (uint32_t i = 0; !pe->name && i < d->entities.len && !found; i++)
            if (d->entities.items[i].person && !d->entities.items[i].name)
                found = i + 1;
        if (found && written) {
            /* the text's title outweighs the line an earlier, bare mention
             * took ("Trump ... presidential candidate Donald Trump") */
            entity *fe = &d->entities.items[found - 1];
            fe->code = pe->code;
            fe->undated_code = NULL;
            fe->country = country_of(d, pe->code);
            fe->title = pe->title ? pe->title : lx->agents.items[items[title_agent].entry].word;
        }
        if (!found) {
            const tok *last = &toks[items[actor_person].e - 1];
            entity e = {pe->name, pe->code, pe->title, country_of(d, pe->code),
                        pe->gender, true, true, last->hash, toks[items[actor_person].b].hash, si};
            e.person_lines = name_bindings(d, &items[actor_person]);
            if (!d->role_ymd && (pe->from || pe->to)) {
                const actor_entry *u = undated_line(d, &items[actor_person]);
                e.undated_code = u && strcmp(u->code, pe->code) ? u->code : NULL;
            }
            /* a title written before the name in this text is better than none */
            if (!e.title && title_agent >= 0)
                e.title = lx->agents.items[items[title_agent].entry].word;
            found = new_entity(d, &e);
            if (!found)
                return PETREL_ERR_NOMEM;
            /* an earlier anonymous mention of the same office was this person,
             * and so was the bare surname no list knew ("Cruz" in a headline
             * before "Sen. Ted Cruz") */
            const char *title = e.title;
            uint32_t was = 0;
            for (uint32_t i = 0; i + 1 < found && title && !was; i++) {
                const entity *o = &d->entities.items[i];
                if (o->person && !o->named && o->title && !strcmp(o->title, title) &&
                    o->country && e.country && !strcmp(o->country, e.country))
                    was = i + 1;
            }
            for (uint32_t i = 0; i + 1 < found && !was; i++) {
                entity *o = &d->entities.items[i];
                /* only a bare name with no role or kind said of it */
                if (!o->code && o->named && o->name && !o->person_lines && !o->title &&
                    !o->kind_word && o->surname == e.surname && !strchr(o->name, ' ') &&
                    !(o->gender && e.gender && o->gender != e.gender) && /* "Ms. Katz" */
                    bare_name_of_person(d, i + 1, si)) {
                    /* its mentions and relations become this person's. The
                     * person keeps the later place in the order entities were
                     * met: title look-ups take the later of two as the more
                     * recent, and a title met between them must not win. */
                    for (uint32_t j = 0; j < d->mentions.len; j++)
                        if (d->mentions.items[j].entity == i + 1) {
                            d->mentions.items[j].entity = found;
                            d->mentions.items[j].person = true;
                        }
                    for (uint32_t j = 0; j < d->entities.len; j++) {
                        entity *r = &d->entities.items[j];
                        if (r->rival == i + 1)
                            r->rival = found;
                        if (r->boss == i + 1)
                            r->boss = found;
                    }
                    uint32_t rival = o->rival, boss = o->boss;
                    *o = (entity){0};
                    entity *n = &d->entities.items[found - 1];
                    if (!n->rival)
                        n->rival = rival;
                    if (!n->boss)
                        n->boss = boss;
                    break;
                }
            }
            if (was) {
                d->entities.items[was - 1] = d->entities.items[found - 1];
                d->entities.len--;
                found = was;
                if (!entity_file(d, found))
                    return PETREL_ERR_NOMEM;
            }
        }
        uint64_t kind = kind_word_before(d, items, agent, title_agent, items[actor_person].b);
        if (kind)
            d->entities.items[found - 1].kind_word = kind;
        touch(d, found, si);
        m->entity = found;
        m->head = items[actor_person].e - 1;
        if (around_person) {
            /* the person owns the group, as in "Trump's supporters" */
            static const char *const staff[] = {"aides", "advisers", "advisors", "staffers",
                                                "staff", "surrogates", "spokesmen",
                                                "representatives", "lawyers", "attorneys",
                                                NULL};
            const char *kind_role = agent_role(lx, &items[agent]);
            uint32_t name_end = items[actor_person].e;
            m->tok_end = name_end;
            m->end = toks[name_end - 1].end;
            m->possessive = true;
            mention *g = add_mention(d, items[agent].b, items[agent].e, si, MH_AGENT);
            if (!g)
                return PETREL_ERR_NOMEM;
            g->possessive = possessive;
            g->plural = true;
            g->code = tok_in(&toks[g->head], staff)
                          ? pe->code
                          : combine_code(d, country_of(d, pe->code),
                                         *kind_role && strcmp(kind_role, "---") ? kind_role
                                                                                : "CVL");
        }
        return PETREL_OK;
    }

    /* a name introduced with a title: learn who it is -- unless it names an
     * organisation or a thing ("the director of the Asia Centre", "the
     * Governor's Clean Water Act"). Words that end such names and
     * are surnames too ("Ward", "Hall") end a thing's name of one word or of
     * three or more; "Challenger Kelli Ward" is a person. */
    const item *nmi = name_item != UINT32_MAX ? &items[name_item] : NULL;
    const tok *nlast = nmi ? &toks[nmi->e - 1] : NULL;
    bool names_thing = nmi && !given_name(d, nmi->b) &&
                       (has(nlast, WC_Q_ORG_HEADS) ||
                        (has(nlast, WC_A_ORG_WORDS) && nmi->e - nmi->b != 2));
    if (nmi && title_agent >= 0 && (uint32_t)title_agent < name_item && !names_thing) {
        const item *nm = &items[name_item];
        const agent_entry *ag = &lx->agents.items[items[title_agent].entry];
        uint64_t sur = last_name_hash(d, nm->b, nm->e);
        uint32_t found = find_by_surname(d, sur, gender);
        /* "Mayor Daniel Hartley" after "Lisa Hartley": another person; after
         * "Understated Hartley" in a headline, the same one, now named */
        bool given = nm->e - nm->b >= 2 && given_name(d, nm->b);
        bool renamed = found && given && d->entities.items[found - 1].given != toks[nm->b].hash &&
                       !d->entities.items[found - 1].person_lines;
        if (renamed && named_with_given(d, found)) {
            renamed = false;
            found = 0;
        }
        mention *m = add_mention(d, tb, te, si, MH_LEARNED);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->person = true;
        m->possessive = possessive;
        m->head = nm->e - 1;
        if (found) {
            /* "Mayor McCallum" after "Doug McCallum": the title tells who he is */
            entity *fe = &d->entities.items[found - 1];
            if (renamed) {
                const char *full = span_dup(d, toks[nm->b].start, toks[nm->e - 1].end);
                if (full) {
                    fe->name = full;
                    fe->given = toks[nm->b].hash;
                }
            }
            if (!fe->code || !fe->title) {
                if (!fe->code)
                    fe->code = combine_code(d, actor_code, owner_role ? owner_role : ag->role);
                if (!fe->title)
                    fe->title = ag->title ? ag->title : ag->word;
                if (!fe->country)
                    fe->country = country_of(d, fe->code);
            }
        } else {
            const char *code = combine_code(d, actor_code, owner_role ? owner_role : ag->role);
            const char *title = ag->title ? ag->title : ag->word;
            if (!gender)
                name_is_person(d, nm->b, nm->e, 0, &gender);
            if (!gender) /* "spokeswoman Ana Ruiz" */
                gender = title_gender(&toks[items[title_agent].e - 1]);
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
                if (!entity_file(d, found))
                    return PETREL_ERR_NOMEM;
            } else {
                found = new_entity(d, &e);
                if (!found)
                    return PETREL_ERR_NOMEM;
            }
        }
        touch(d, found, si);
        m->entity = found;
        return PETREL_OK;
    }

    /* a bare name: someone met before (surname), else unknown */
    if (name_item != UINT32_MAX) {
        /* "Harrow Valley University": the organisation's noun is part of its name */
        item whole = items[name_item];
        bool org = agent >= 0 && (uint32_t)agent == name_item + 1 &&
                   names_org(d, &items[name_item], &items[agent]);
        if (org)
            whole.e = items[agent].e;
        /* "New York Police Department", "Iowa Democratic Party Office": the
         * body's noun after a place or a role names all of the phrase */
        static const char *const bodies[] = {"department", "ministry", "office", "agency",
                                             "bureau", "commission", "authority", "board",
                                             "administration", "directorate", NULL};
        if (!org && name_item > a && whole.e - whole.b == 1 &&
            tok_in(&toks[whole.b], bodies) && (toks[whole.b].flags & TF_CAP)) {
            bool joined = true;
            for (uint32_t i = a; i < name_item && joined; i++)
                joined = (items[i].kind == IT_ACTOR || items[i].kind == IT_AGENT ||
                          items[i].kind == IT_NAME) &&
                         items[i].e == items[i + 1].b;
            if (joined) {
                whole.b = items[a].b;
                org = true;
            }
        }
        /* a chamber's committee is the legislature's, whatever place its
         * name holds ("Senate Select Committee on Lagos") */
        if (!org && is_legislative_body(d, &d->sents.items[si], &whole)) {
            org = true;
            role = "LEG";
            actor_code = NULL;
        }
        const item *nm = &whole;
        uint64_t sur = org ? 0 : last_name_hash(d, nm->b, nm->e);
        uint32_t found = org ? 0 : find_by_surname(d, sur, gender);
        /* "Kevin Haley" after "Nikki Haley": a full name is the same person
         * only with the same given name. A word no list knows counts as one
         * before a dictionary person's surname only ("Zorvina Clinton" after
         * "Hillary Clinton"); before another's it may be a nickname ("Sandy
         * Roe" after "Alexandra Roe"). */
        if (found && nm->e - nm->b >= 2 &&
            (given_name(d, nm->b) ||
             (likely_given(d, nm->b) && d->entities.items[found - 1].person_lines)) &&
            d->entities.items[found - 1].given != toks[nm->b].hash &&
            !name_has_word(d->entities.items[found - 1].name, d->text + toks[nm->b].start,
                           tok_len(&toks[nm->b])))
            found = 0;
        if (!found && nm->e - nm->b == 1) {
            /* "Quispe" after "Carlos Quispe Arana": a word of one person's name */
            const char *w = d->text + toks[nm->b].start;
            uint32_t wn = tok_len(&toks[nm->b]);
            uint64_t word_key = kind_key(EK_NAME_WORD, hash_bytes(w, wn));
            for (uint32_t i, node = 0; (i = ent_next(d, word_key, &node));) {
                const entity *e = &d->entities.items[i - 1];
                if (e->person && e->named && e->name && e->given != toks[nm->b].hash &&
                    i != found && name_has_word(e->name, w, wn) &&
                    (!gender || !e->gender || e->gender == gender)) {
                    if (found) {
                        found = 0; /* two people: ambiguous */
                        break;
                    }
                    found = i;
                }
            }
        }
        uint32_t xb, xe;
        if (!found && nm->e - nm->b == 1 && acronym_expansion(d, nm->b, &xb, &xe)) {
            /* "FAA": the organisation its full name names; one entity for
             * every use of the acronym */
            const char *full = span_dup(d, toks[xb].start, toks[xe - 1].end);
            uint64_t full_key = full ? name_key(full, strlen(full)) : 0;
            for (uint32_t i, node = 0; full && (i = ent_next(d, full_key, &node));) {
                const entity *e = &d->entities.items[i - 1];
                if (!e->person && e->named && e->name && !strcmp(e->name, full) && i > found)
                    found = i; /* the most recent */
            }
            if (!found) {
                entity e = {full, actor_code ? combine_code(d, actor_code, role) : NULL,
                            NULL, country_of(d, actor_code), 0, false, true, 0,
                            toks[nm->b].hash, si};
                e.written = with_article(d, xb, xe);
                found = new_entity(d, &e);
                if (!found)
                    return PETREL_ERR_NOMEM;
            }
        }
        if (!found) {
            /* "Facebook" again: an organisation named the same way before */
            const char *w = d->text + toks[nm->b].start;
            size_t wn = toks[nm->e - 1].end - toks[nm->b].start;
            uint64_t org_key = name_key(w, wn);
            for (uint32_t i, node = 0; (i = ent_next(d, org_key, &node));) {
                const entity *e = &d->entities.items[i - 1];
                if (!e->person && e->named && e->name && strlen(e->name) == wn &&
                    !memcmp(e->name, w, wn) && i > found)
                    found = i; /* the most recent */
            }
        }
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
            touch(d, found, si);
            if (!e->gender && gender)
                e->gender = gender;
        } else {
            /* remember the name: a later "he" or title may need it, and quote
             * speakers are reported by name even without a code */
            char honorific = gender;
            bool person = !org && name_is_person(d, nm->b, nm->e, gender, &gender);
            /* "on The Kelly File", "in The Joe Smith Show": a capitalised
             * "The" inside a sentence opens a title (a show, a paper, a
             * book), even when a given name follows it */
            if (person && !honorific && a == z && nm->b >= 2 && tok_is_article(&toks[nm->b - 1]) &&
                (toks[nm->b - 1].flags & TF_CAP) && toks[nm->b - 2].sent == si &&
                toks[nm->b - 2].kind == TK_WORD && !(toks[nm->b - 2].flags & TF_CAP)) {
                person = false;
                gender = 0;
            }
            /* "the Halden Ross pipeline", "The Brandon Tech grad": a name
             * between an article and a noun modifies the noun; without a
             * given name or an honorific to say otherwise it names a thing
             * (a firm, a school), which "he" and "she" never stand for */
            if (person && !gender && a == z && nm->b > 0 && tok_is_article(&toks[nm->b - 1]) &&
                toks[nm->b - 1].sent == si && nm->e < d->toks.len && toks[nm->e].sent == si &&
                is_modifier(d, toks, nm->e))
                person = false;
            entity e = {span_dup(d, toks[nm->b].start, toks[nm->e - 1].end),
                        actor_code || org ? combine_code(d, actor_code, role) : NULL,
                        title_agent >= 0 ? lx->agents.items[items[title_agent].entry].word : NULL,
                        country_of(d, actor_code), gender, person, true, sur,
                        toks[nm->b].hash, si};
            if (!person && (a == z || org))
                e.written = with_article(d, nm->b, nm->e);
            if (person)
                e.kind_word = kind_word_before(d, items, agent, title_agent, nm->b);
            /* not "Reagan Democrats": a name before an actor's word */
            e.full_name = person && nm->e - nm->b >= 2 && given_name(d, nm->b) &&
                          !has(&toks[nm->e - 1], WC_NOT_NAME) &&
                          !(d->actor_len && d->actor_len[nm->e - 1]);
            /* "the Danish Shipowners Association", "Norwegian Seafood
             * Council", "Kenya Wildlife Service": a country's adjective or
             * name written in capitals right before an organisation's name
             * is part of that name (the code still takes the country), so
             * that "KWS" later finds it */
            if (!person && name_item == a + 1 && (int32_t)a == actor_other && items[a].entry >= 0 &&
                (lx->actors.items[items[a].entry].type == AT_DEMONYM ||
                 lx->actors.items[items[a].entry].type == AT_COUNTRY) &&
                items[a].e == nm->b &&
                (toks[items[a].b].flags & TF_CAP) && !(toks[items[a].e - 1].flags & TF_POSSESSIVE) &&
                (has(&toks[nm->e - 1], WC_A_ORG_WORDS) || has(&toks[nm->e - 1], WC_Q_ORG_HEADS))) {
                e.name = span_dup(d, toks[items[a].b].start, toks[nm->e - 1].end);
                e.written = with_article(d, items[a].b, nm->e);
            }
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
    if (title_agent >= 0 && !role_is_plural(lx, &items[title_agent]) &&
        quantified_before(d, phrase_b, si)) {
        /* "any candidate": no one, and no one whom a later "the candidate" means */
        mention *m = person_by_title(d, tb, te, si, MH_AGENT, possessive, items[title_agent].e - 1);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->code = combine_code(d, actor_code, role);
        return PETREL_OK;
    }
    if (title_agent >= 0 && !role_is_plural(lx, &items[title_agent])) {
        const agent_entry *ag = &lx->agents.items[items[title_agent].entry];
        const char *country = country_of(d, actor_code);
        const char *title = ag->title ? ag->title : ag->word;
        char gender_of_title = title_gender(&toks[items[title_agent].e - 1]);
        /* "an Amnesty spokesman": a title an organisation named right before it
         * owns is its own person, not the spokesman of another we met */
        const mention *owner = d->mentions.len ? &d->mentions.items[d->mentions.len - 1] : NULL;
        bool owned = owner && owner->sent == si && owner->tok_end == tb && !owner->person &&
                     owner->how == MH_NAME;
        /* "a Goldman Sachs vice president": a firm's, a paper's or a
         * charity's officer, not an office holder of the story */
        if (actor_other >= 0 && actor_other < title_agent && items[actor_other].entry >= 0) {
            const char *oc = lx->actors.items[items[actor_other].entry].code;
            const char *orole = code_role(oc);
            owned |= lx->actors.items[items[actor_other].entry].type == AT_ORG &&
                     (!strcmp(orole, "BUS") || !strcmp(orole, "MED") || !strcmp(orole, "NGO") ||
                      !strcmp(orole, "EDU") || !strcmp(orole, "LAB"));
        }
        /* "a governor", "another governor": someone not met before */
        bool unheld = promised_to_winner(d, &items[title_agent], tb) ||
                      indefinite_before(d, phrase_b, si);
        /* "the vice presidential nominee" is not the nominee met before, nor
         * "vice president" (a title of its own) the president */
        static const char *const lesser[] = {"vice", "deputy", "assistant", "associate",
                                             "under", "lieutenant", NULL};
        for (uint32_t k = tb > 0 ? tb - 1 : tb; k < items[title_agent].b && !owned; k++)
            owned = tok_in(&toks[k], lesser);
        bool lesser_title = tok_in(&toks[items[title_agent].b], lesser);
        /* "the former ambassador" may be out of office now */
        const char *office = former ? "ELI" : ag->role;
        /* not "was the president's guest": the title is someone else's */
        uint32_t found = owned || unheld || possessive ? 0 : said_of_person(d, phrase_b, si);
        if (!found && !owned && !unheld)
            found = find_by_title(d, country, title, NULL, gender_of_title, si, office);
        if (!found && !owned && !unheld && ag->word && !lesser_title &&
            !strchr(ag->word, ' ')) {
            /* "the minister" for "foreign minister": a one-word title inside
             * the one met (not "minority leader" for "majority leader") */
            found = find_by_title(d, country, NULL, ag->word, gender_of_title, si, office);
            if (!found && country && !strcmp(ag->word, "leader"))
                found = find_by_title(d, country, NULL, NULL, gender_of_title, si, office);
        }
        mention *m = person_by_title(d, tb, te, si, MH_TITLE, possessive, items[title_agent].e - 1);
        if (!m)
            return PETREL_ERR_NOMEM;
        if (!found) {
            const char *role_here = owner_role ? owner_role : ag->role;
            const char *code = !actor_code && heads_unknown_body(d, &items[title_agent], te)
                                   ? NULL
                                   : combine_code(d, actor_code, role_here);
            entity e = {NULL, code, title, country, gender_of_title, true, false, 0, 0, si};
            found = new_entity(d, &e);
            if (!found)
                return PETREL_ERR_NOMEM;
        }
        touch(d, found, si);
        m->entity = found;
        return PETREL_OK;
    }

    /* "the billionaire businessman": the person the text introduced so */
    if (actor_other < 0 && agent >= 0 && (uint32_t)agent == z && !possessive &&
        definite_before(d, phrase_b, si)) {
        uint64_t kind = kind_word_before(d, items, agent, title_agent, items[agent].e);
        uint32_t found = kind ? find_by_kind_word(d, kind, si) : 0;
        if (found) {
            mention *m = add_mention(d, tb, te, si, MH_TITLE);
            if (!m)
                return PETREL_ERR_NOMEM;
            m->person = true;
            m->head = items[agent].e - 1;
            m->entity = found;
            touch(d, found, si);
            return PETREL_OK;
        }
    }

    /* a country, organisation or group, with or without a role */
    if (actor_other >= 0 || agent >= 0) {
        mention *m = add_mention(d, tb, te, si, actor_other >= 0 ? MH_DICT : MH_AGENT);
        if (!m)
            return PETREL_ERR_NOMEM;
        m->possessive = possessive;
        m->code = !actor_code && role && *role && foreign_before(d, tb, &d->sents.items[si])
                      ? role
                      : combine_code(d, actor_code, role);
        /* "people in Paris", "delegates in Jerusalem": the capital is only
         * where they are; a word that gives no role leaves them the
         * country's, not its government */
        if (agent >= 0 && actor_other > agent && (!role || !*role) && m->code &&
            items[actor_other].entry >= 0 &&
            lx->actors.items[items[actor_other].entry].type == AT_CAPITAL)
            m->code = country_of(d, m->code);
        m->name = actor_name;
        if (actor_other >= 0 && actor_name) {
            /* "Somali group al-Shabaab": the organisation ends the phrase and
             * is named by itself; "the Canadian government": a role after it
             * is part of how the text names the actor */
            uint32_t wb = (uint32_t)actor_other == z || (possessive && (uint32_t)actor_other + 1 == z)
                              ? items[actor_other].b
                              : tb;
            if (tok_is(&toks[wb], "the") && wb + 1 < te) /* "The Kremlin": a name with its article */
                m->written = with_article(d, wb + 1, te);
            else
                m->written = with_article(d, wb, te);
            if (!m->written)
                m->written = span_dup(d, toks[wb].start, toks[te - 1].end);
        }
        if (actor_other >= 0 && items[actor_other].entry >= 0 && agent < 0) {
            m->type = lx->actors.items[items[actor_other].entry].type;
            m->plural = lx->actors.items[items[actor_other].entry].plural;
        }
        m->head = (agent > actor_other ? items[agent].e : items[actor_other].e) - 1;
        if (agent >= 0)
            m->plural = role_is_plural(lx, &items[agent]) &&
                        plural_noun(&toks[head_before_of(d, items[agent].b, items[agent].e)]);
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ pronouns */

/* Is a mention inside quotation marks in its sentence? The answer for every
 * token is worked out once per document, on the first question: pronouns
 * ask it of every candidate. */
/* Whether a double quotation mark leaves its reader inside a quotation,
 * given whether it was inside: a curly mark says which way it goes, a
 * straight one toggles */
static bool after_dq_mark(const tok *t, bool inside)
{
    return (t->quote & QC_OPEN) && !(t->quote & QC_CLOSE)   ? true
           : (t->quote & QC_CLOSE) && !(t->quote & QC_OPEN) ? false
                                                             : !inside;
}

static bool quoted(doc *d, const mention *m)
{
    if (!d->tok_in_dq) {
        d->tok_in_dq = arena_zalloc(d->a, d->toks.len + 1);
        if (!d->tok_in_dq)
            return false;
        for (uint32_t si = 0; si < d->sents.len; si++) {
            const sent *s = &d->sents.items[si];
            bool in = false;
            for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
                d->tok_in_dq[k] = in;
                const tok *t = &d->toks.items[k];
                if (t->kind == TK_QUOTE && (t->quote & QC_DOUBLE))
                    in = after_dq_mark(t, in);
            }
        }
    }
    return d->tok_in_dq[m->tok_begin];
}

/* The quotation token k is in, across the sentences of its paragraph ("Is
 * the president say it? If he won't, he should go!"): 1 + the
 * opening mark's token, 0 when outside one or in one the paragraph never
 * closes (a stray mark is no quotation). */
static uint32_t quotation_of(doc *d, uint32_t k)
{
    if (!d->tok_dq_open) {
        d->tok_dq_open = arena_zalloc(d->a, (d->toks.len + 1) * sizeof *d->tok_dq_open);
        if (!d->tok_dq_open)
            return 0;
        uint32_t open = 0, in_para = UINT32_MAX;
        for (uint32_t si = 0; si < d->sents.len; si++) {
            const sent *s = &d->sents.items[si];
            if (s->para != in_para)
                open = 0;
            in_para = s->para;
            for (uint32_t j = s->tok_begin; j < s->tok_end; j++) {
                const tok *t = &d->toks.items[j];
                if (t->kind != TK_QUOTE || !(t->quote & QC_DOUBLE))
                    continue;
                bool opens = after_dq_mark(t, open);
                if (!opens && open)
                    for (uint32_t x = open; x < j; x++)
                        d->tok_dq_open[x] = open;
                open = opens ? j + 1 : 0;
            }
        }
    }
    return d->tok_dq_open[k];
}

/* A role noun with no code that "they" can be: "critics", "people", not
 * "member" */
static bool plural_role_noun(const doc *d, const mention *m)
{
    return m->how == MH_AGENT && plural_noun(&d->toks.items[head_before_of(d, m->tok_begin,
                                                                             m->tok_end)]);
}

/* Is token j of sentence si inside one of the sentence's mentions so far
 * (those before index first_mention)? */
static bool in_mention(const doc *d, uint32_t j, uint32_t si, uint32_t first_mention)
{
    for (uint32_t i = first_mention; i > 0 && d->mentions.items[i - 1].sent == si; i--)
        if (d->mentions.items[i - 1].tok_begin <= j && j < d->mentions.items[i - 1].tok_end)
            return true;
    return false;
}

/* A plural that names people ("women", "owners", "donors", "delegates"),
 * as the word before a "who" must: not "candidates in races who". */
static bool people_noun(const tok *t)
{
    static const char *const people[] = {"people", "delegates", "superdelegates", "candidates",
                                         "residents", "students", "parents", "immigrants",
                                         "migrants", "participants", "constituents", "citizens",
                                         "families", "children", "officials", "veterans",
                                         "troops", "democrats", "republicans", "conservatives",
                                         "liberals", "progressives", "refugees", NULL};
    static const char *const endings[] = {"ers", "ors", "ists", "ians", "ees", "men", NULL};
    if (tok_in(t, people))
        return true;
    for (size_t i = 0; endings[i]; i++)
        if (tok_ends_with(t, endings[i]))
            return true;
    return false;
}

/* Punctuation, a coordinating word or a subordinator between tokens b and
 * e: the clause that began before them may have ended ("bankers who
 * financed smuggling after they signed"). Not "that": "who said that
 * they" is still the clause. */
static bool clause_break_between(const doc *d, uint32_t b, uint32_t e)
{
    static const char *const breaks[] = {",",     ";",     "and",   "but",  "or",    "while",
                                         "after", "before", "because", "when", "until", "since",
                                         "where", "which",  "if",    NULL};
    for (uint32_t i = b; i < e; i++)
        if (tok_in(&d->toks.items[i], breaks))
            return true;
    return false;
}

/* What "they" at k may refer to that is no actor: the nearest plural noun
 * after a determiner ("the smaller parties ... they") or on which a
 * relative clause with the pronoun is ("women who said they"), or a pair with a
 * person in it ("he and his aide ... they"; *pair is set). Its token, or
 * UINT32_MAX. */
static uint32_t plural_before(const doc *d, uint32_t k, uint32_t si, uint32_t first_mention,
                              bool *pair)
{
    *pair = false;
    const tok *toks = d->toks.items;
    uint32_t b = d->sents.items[si].tok_begin;
    /* people gathered around someone: "told his audience they would not",
     * "the crowd, they" -- his, her or their own, still the group */
    static const char *const gathered[] = {"audience", "audiences", "crowd", "crowds",
                                           "followers", "fans", "listeners", "viewers",
                                           "readers", "staff", NULL};
    for (uint32_t j = k; j-- > b;) {
        const tok *t = &toks[j];
        if (j > b && t->kind == TK_WORD && !(t->flags & TF_CAP) && tok_in(t, gathered) &&
            has(&toks[j - 1], WC_DETERMINER) && !in_mention(d, j, si, first_mention))
            return j;
        if (tok_is(t, "and") && j > b &&
            (has(&toks[j - 1], WC_PRONOUN_M | WC_PRONOUN_F) ||
             (in_mention(d, j - 1, si, first_mention) && (toks[j - 1].flags & TF_CAP)))) {
            *pair = true; /* "he and", "Weiner and" */
            return j;
        }
        if (j == b || t->kind != TK_WORD || (t->flags & TF_CAP) || !plural_noun(t) ||
            has(t, WC_FUNCTION | WC_Q_CLOSED_CLASS) || in_mention(d, j, si, first_mention))
            continue;
        /* "several nurses who said they": the people a relative clause is on,
         * to its end; "them" in it is someone else */
        if (j + 2 < k && tok_is(&toks[j + 1], "who") && people_noun(t) &&
            !tok_is(&toks[k], "them") && !clause_break_between(d, j + 2, k))
            return j;
        /* "the parties", "the well-funded parties"; not what a group owns
         * ("their offices", "Trump's comments") nor where it goes ("to the
         * polls"); a word that may be a verb only right after its article
         * ("the government says") */
        uint32_t q = j - 1;
        if (q > b && (toks[q].flags & TF_HYPHENATED))
            q--;
        if (has(&toks[q], WC_DETERMINER) && !has(&toks[q], WC_PRONOUN_M | WC_PRONOUN_F |
                                                              WC_PRONOUN_IT | WC_PRONOUN_THEY) &&
            !(q > b && has(&toks[q - 1], WC_PREPOSITION | WC_Q_ADVERBIAL_PREPS)))
            return j;
    }
    return UINT32_MAX;
}

/* The subject of a clause reported inside the sentence, which a "he" after
 * it (at token pronoun) means rather than the reporter: "Galvin said that
 * Clinton caused a jam when he spoke", "given Trump's remarks saying he
 * would". */
static bool own_clause_subject(const doc *d, const mention *m, uint32_t pronoun)
{
    static const char *const words[] = {"comments", "remarks", "statement", "statements",
                                        "claim", "claims", "promise", "pledge", "threat",
                                        "vow", "warning", "tweet", "tweets", "suggestion",
                                        NULL};
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[m->sent];
    if (m->tok_end >= s->tok_end || m->tok_begin <= s->tok_begin)
        return false;
    /* ", and he accused", "-- but he wants", ", suggesting he": the
     * reporter's own clause goes on */
    for (uint32_t j = m->tok_end; j < pronoun; j++)
        if (toks[j].kind == TK_DASH || tok_is(&toks[j], ",") || tok_is(&toks[j], ";"))
            return false;
    const tok *next = &toks[m->tok_end];
    if (m->possessive) {
        if ((tok_is(next, "'s") || tok_is(next, "'")) && m->tok_end + 1 < s->tok_end)
            next++;
        return tok_in(next, words);
    }
    if (next->kind != TK_WORD ||
        has(next, WC_PREPOSITION | WC_CONJUNCTION | WC_DETERMINER | WC_RELATIVE))
        return false;
    /* "after Merkel spokesman Jonas Brandt voiced his support": the
     * subject of a clause a subordinator opens, past a name owning its title */
    static const char *const subordinators[] = {"after", "before", "when", "while", "because",
                                                "since", "until", "once", NULL};
    uint32_t b = m->tok_begin;
    size_t at = (size_t)(m - d->mentions.items);
    const mention *owner = at > 0 ? &d->mentions.items[at - 1] : NULL;
    if (owner && owner->sent == m->sent && owner->tok_end == b && owner->tok_begin > s->tok_begin)
        b = owner->tok_begin;
    if (tok_in(&toks[b - 1], subordinators))
        return true;
    if (!tok_is(&toks[m->tok_begin - 1], "that"))
        return false;
    /* "said Tuesday that", "told reporters that"; not "the attacks that
     * Trump made" */
    for (uint32_t j = m->tok_begin - 1; j-- > s->tok_begin && j + 5 >= m->tok_begin;)
        if (toks[j].starts & SB_CUE)
            return true;
    return false;
}

/* "the senator insisted she had not", "Smith said that he would": a "he"
 * or "she" opening what someone says is that speaker, before anyone named
 * earlier in the sentence (pronoun at k; m ends before the saying verb). */
static bool says_subject(const doc *d, const mention *m, uint32_t k)
{
    const tok *toks = d->toks.items;
    uint32_t j = k;
    if (j > 0 && tok_is(&toks[j - 1], "that"))
        j--;
    if (j == 0 || !(toks[j - 1].starts & SB_CUE) || toks[j - 1].sent != toks[k].sent)
        return false;
    j--;
    while (j > m->tok_end && has(&toks[j - 1], WC_ADVERB)) /* "Smith later said" */
        j--;
    return m->tok_end == j && !m->possessive && !m->plural;
}

/* "a spokesman told Politico", "according to The Hill": an outlet the story
 * cites as its source is not who "it" or "they" then does something */
static bool cited_outlet(doc *d, const mention *m)
{
    const char *code = mention_code(d, m);
    size_t n = code ? strlen(code) : 0;
    if (n < 3 || strcmp(code + n - 3, "MED") || m->tok_begin == 0)
        return false;
    const tok *p = &d->toks.items[m->tok_begin - 1];
    if (tok_is(p, "the") && m->tok_begin >= 2)
        p = &d->toks.items[m->tok_begin - 2];
    return tok_is(p, "to") || tok_is(p, "told") || tok_is(p, "with");
}

/* "While he backs the deal, Okafor admits ...", "When she took
 * office, Merkel ...": a "he" or "she" in a clause that opens the sentence
 * is the person named right after the clause's comma, when the clause names
 * no one before it and no one of its gender after it. NULL: not so. */
static const mention *named_after_opening_clause(const doc *d, uint32_t k, uint32_t si,
                                                 char g)
{
    static const char *const openers[] = {"while", "although", "though", "when", "after",
                                          "before", "since", "because", "once", "whereas",
                                          "as", "if", NULL};
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    if (k != s->tok_begin + 1 || !tok_in(&toks[s->tok_begin], openers) ||
        !(tok_is(&toks[k], "he") || tok_is(&toks[k], "she")))
        return NULL;
    /* the clause ends at its comma, inside the words it opens: not past a
     * quotation mark or a "?" or "!" ('"If she wins, she stays!" a
     * supporter, X, shouted') */
    uint32_t comma = k + 1;
    while (comma < s->tok_end && comma < k + 25 && !tok_is(&toks[comma], ",") &&
           toks[comma].kind != TK_QUOTE && !tok_is(&toks[comma], "?") &&
           !tok_is(&toks[comma], "!"))
        comma++;
    if (comma + 1 >= s->tok_end || !tok_is(&toks[comma], ","))
        return NULL;
    const mention *named = NULL;
    if (!d->mentions.len)
        return NULL; /* none yet (and no array to point into) */
    /* this sentence's mentions are the last ones so far */
    for (const mention *m = d->mentions.items + d->mentions.len;
         m-- > d->mentions.items && m->sent == si;) {
        if (!m->person || m->how == MH_PRONOUN)
            continue;
        const entity *e = m->entity ? &d->entities.items[m->entity - 1] : NULL;
        /* "While he praised Obama, Biden": either of them; but a bare title
         * says what the pronoun was ("When she was a prosecutor, Lynch") */
        if (m->tok_begin > k && m->tok_end <= comma && (!e || !e->gender || e->gender == g) &&
            m->how != MH_TITLE && m->how != MH_AGENT)
            return NULL;
        if (m->tok_begin > comma && (!named || m->tok_begin < named->tok_begin))
            named = m;
    }
    /* "..., Councillor Ravi Patel": a capitalised title may come first */
    for (uint32_t j = comma + 1; named && j < named->tok_begin; j++)
        if (j > comma + 3 || !(toks[j].flags & TF_CAP))
            named = NULL;
    if (!named || !named->entity || named->plural || named->possessive)
        return NULL;
    const entity *e = &d->entities.items[named->entity - 1];
    return e->named && (!e->gender || e->gender == g) ? named : NULL;
}

static void resolve_pronoun(doc *d, uint32_t k, uint32_t si, uint32_t first_mention)
{
    const tok *t = &d->toks.items[k];
    char g = has(t, WC_PRONOUN_M) ? 'm' : has(t, WC_PRONOUN_F) ? 'f' : 0;
    bool it = has(t, WC_PRONOUN_IT), they = has(t, WC_PRONOUN_THEY);
    if (!g && !it && !they)
        return;
    /* "if it becomes evident", "it is clear", "when it comes to", "it takes
     * time", "it means that", "it turned out": an empty subject or a thing,
     * not a referent */
    if (tok_is(t, "it") && k + 1 < d->toks.len) {
        static const char *const idiom[] = {"takes", "took", "means", "meant", "happens",
                                            "isn't", "wasn't", NULL};
        const tok *n = &d->toks.items[k + 1];
        const tok *n2 = k + 2 < d->toks.len ? &d->toks.items[k + 2] : NULL;
        if (has(n, WC_RAISING) || tok_in(n, idiom) ||
            ((tok_is(n, "comes") || tok_is(n, "came")) && n2 && tok_is(n2, "to")) ||
            ((tok_is(n, "turns") || tok_is(n, "turned")) && n2 && tok_is(n2, "out")))
            return;
    }
    /* "make it", "renew it", "depended on it": an object "it" is a thing far
     * more often than an organisation; only a subject "it" (after a clause's
     * opening: "said it would", "but it", "when it") is looked up */
    if (tok_is(t, "it") && k > d->sents.items[si].tok_begin) {
        const tok *p = &d->toks.items[k - 1];
        bool opens = p->kind == TK_PUNCT || p->kind == TK_QUOTE || p->kind == TK_DASH ||
                     ((has(p, WC_CONJUNCTION | WC_RELATIVE | WC_Q_CLAUSE_OPENERS |
                                  WC_Q_CLAUSE_JOINERS | WC_Q_NP_OPENERS | WC_Q_HEARSAY |
                                  WC_ADVERB) ||
                       (p->starts & SB_CUE)) &&
                      !has(p, WC_PREPOSITION | WC_AUXILIARY)) ||
                     tok_is(p, "after") || tok_is(p, "before") || tok_is(p, "until") ||
                     tok_is(p, "once") || tok_is(p, "meant") || tok_is(p, "means");
        if (!opens)
            return;
    }
    /* candidates: mentions before the pronoun in this sentence, then in the
     * sentences before, most recent sentence first; within a sentence the first
     * (subject-most) mention wins, as a reader's attention does. A person
     * named further back is the fallback for "he" and "she": news names someone
     * once and calls them "he" for paragraphs. Mentions inside quotation marks
     * are someone's words, not the story's referents. */
    /* "Clinton attacked him": an object right after a verb is not the verb's
     * subject */
    const mention *subject = NULL;
    uint32_t aside_begin = 0, aside_end = 0; /* a subject with an aside spans these */
    const tok *verb = k >= 2 ? &d->toks.items[k - 1] : NULL;
    if ((tok_is(t, "him") || tok_is(t, "them")) && verb) {
        /* ", calling him ignorant": a participle's subject is the clause's first
         * actor; "the police had attacked them": the subject may stand before
         * auxiliaries and adverbs */
        bool participle = k >= 3 && tok_is(&d->toks.items[k - 2], ",") && tok_ends_ing(verb);
        bool finite = !participle && events_is_finite_verb(d->lex, verb);
        uint32_t before = k - 1; /* the token after the subject */
        if (finite)
            while (before > d->sents.items[si].tok_begin &&
                   (has(&d->toks.items[before - 1], WC_AUXILIARY | WC_ADVERB) ||
                    tok_is(&d->toks.items[before - 1], "not")))
                before--;
        /* "Democrats, including several senators, joined them": the subject
         * stands before an aside, and nothing in the aside is the object */
        if (finite) {
            static const char *const aside[] = {"including", "among", "especially", "notably",
                                                NULL};
            uint32_t begin = d->sents.items[si].tok_begin;
            if (before > begin + 2 && tok_is(&d->toks.items[before - 1], ",")) {
                for (uint32_t j = before - 1; j-- > begin + 1;) {
                    if (!tok_is(&d->toks.items[j], ","))
                        continue;
                    if (tok_in(&d->toks.items[j + 1], aside)) {
                        aside_end = before;
                        before = j;
                    }
                    break;
                }
            }
        }
        if (participle || finite)
            for (uint32_t i = first_mention; i > 0 && d->mentions.items[i - 1].sent == si; i--)
                if (participle || d->mentions.items[i - 1].tok_end == before) {
                    subject = &d->mentions.items[i - 1];
                    if (!participle)
                        break;
                }
        if (!subject)
            aside_end = 0;
        /* and the whole phrase the aside follows: "Dozens of Democrats in
         * the Senate, including ..." */
        if (aside_end) {
            aside_begin = subject->tok_begin;
            while (aside_begin > d->sents.items[si].tok_begin) {
                const tok *p = &d->toks.items[aside_begin - 1];
                if (p->kind != TK_WORD || events_is_finite_verb(d->lex, p) ||
                    has(p, WC_RELATIVE) || tok_is(p, "that"))
                    break;
                aside_begin--;
            }
        }
    }
    /* a plural noun nearer than any actor is what "they" means; a pair with
     * a person in it leaves only the groups of its own sentence ("two members
     * of Congress, Smith and Jones, said they") */
    bool pair = false;
    uint32_t plural = they ? plural_before(d, k, si, first_mention, &pair) : UINT32_MAX;
    const mention *bm = NULL;
    uint32_t back = it ? 1 : 3; /* a thing is named close by; a group may be further back */
    uint32_t lo = si >= back ? si - back : 0, far = si >= 10 ? si - 10 : 0;
    if (g)
        bm = named_after_opening_clause(d, k, si, g);
    /* "Will the president say it? If he won't, he should go!": inside a
     * quotation its own names are the referents, before any outside it
     * (pass 0); then the story's, outside quotations */
    uint32_t in_quote = quotation_of(d, k);
    for (int pass = in_quote ? 0 : 1; pass < 2 && !bm; pass++) {
        uint32_t cursor = first_mention; /* mentions are in sentence order: walk them once */
        for (uint32_t s = si + 1; s-- > (g ? far : lo) && !bm;) {
            bool near = s >= lo;
            while (cursor > 0 && d->mentions.items[cursor - 1].sent > s)
                cursor--;
            for (uint32_t i = cursor; i > 0; i--) {
                const mention *m = &d->mentions.items[i - 1];
                if (m->sent < s)
                    break;
                if (m->sent != s || (s == si && m->tok_begin >= k))
                    continue;
                if (plural != UINT32_MAX && (s < si || (!pair && m->tok_end <= plural)))
                    break;
                if (m->how == MH_PRONOUN && !m->entity)
                    continue;
                bool same_quote = in_quote && in_quote == quotation_of(d, m->tok_begin);
                if (pass == 0 ? !same_quote || m->how == MH_PRONOUN : quoted(d, m))
                    continue;
                /* "Former Merkel campaign manager Jonas Vogt ... he": a
                 * name owning the person named right after it is not the
                 * sentence's subject */
                if (m->person && m->how != MH_PRONOUN && i < d->mentions.len &&
                    d->mentions.items[i].sent == m->sent &&
                    d->mentions.items[i].tok_begin == m->tok_end &&
                    d->mentions.items[i].person && d->mentions.items[i].how != MH_PRONOUN &&
                    d->mentions.items[i].entity != m->entity)
                    continue;
                /* "As foreign minister for six years, Ms. Berg ...": a
                 * role after "as" describes someone, it is no one of its own */
                if (m->how == MH_TITLE && m->tok_begin > 0 &&
                    tok_is(&d->toks.items[m->tok_begin - 1], "as") &&
                    !(m->entity && d->entities.items[m->entity - 1].named))
                    continue;
                if (subject && (m == subject || (m->entity && m->entity == subject->entity)))
                    continue;
                if (aside_end && s == si && m->tok_begin >= aside_begin && m->tok_end < aside_end &&
                    !m->possessive)
                    continue;
                if (!g && cited_outlet(d, m))
                    continue;
                const entity *e = m->entity ? &d->entities.items[m->entity - 1] : NULL;
                if (g) {
                    if (!m->person || !e || m->plural)
                        continue;
                    if (e->gender && e->gender != g)
                        continue;
                    if (!near && !e->named)
                        continue;
                } else if (it) {
                    if (m->person || m->plural ||
                        (!mention_code(d, m) &&
                         !((m->how == MH_NAME || m->how == MH_SURNAME) && m->entity)))
                        continue;
                    /* "moves jobs to a Mexico factory where it has spent": a
                     * country after "a" only qualifies the noun after it */
                    if (m->type == AT_COUNTRY && m->tok_begin > 0 && m->tok_end < d->toks.len &&
                        (tok_is(&d->toks.items[m->tok_begin - 1], "a") ||
                         tok_is(&d->toks.items[m->tok_begin - 1], "an")) &&
                        d->toks.items[m->tok_end].sent == m->sent &&
                        is_modifier(d, d->toks.items, m->tok_end))
                        continue;
                } else { /* they: "Critics said they" are the critics, even with no code */
                    if (m->person || (!mention_code(d, m) && !plural_role_noun(d, m)))
                        continue;
                    /* "Senate Republican leaders": a role noun with no code right
                     * after an actor heads that actor's phrase */
                    if (!mention_code(d, m) && i >= 2 &&
                        d->mentions.items[i - 2].tok_end == m->tok_begin &&
                        mention_code(d, &d->mentions.items[i - 2]))
                        continue;
                }
                /* keep looking left for the subject-most one; this sentence's
                 * pronouns come after its names in the array, so a "he" that
                 * opens it is still the subject-most ("He attacked X's record
                 * after Y accused him"; not "His lawyer said his client") */
                bool opener = bm && bm->sent == si &&
                              bm->tok_begin == d->sents.items[si].tok_begin &&
                              bm->how == MH_PRONOUN && !bm->possessive;
                if ((it || they) && s == si) {
                    bm = m;
                    break; /* things: the nearest one before the pronoun */
                }
                /* of unknown gender, only for "his" ("after Brian Fallon
                 * expressed his support"; not "after Corey Lewandowski
                 * grabbed her arm") */
                if (g && s == si && !tok_is(t, "him") &&
                    (e->gender == g || (!e->gender && tok_is(t, "his"))) &&
                    own_clause_subject(d, m, k)) {
                    bm = m;
                    break;
                }
                if (g && s == si && (tok_is(t, "he") || tok_is(t, "she")) &&
                    (!e->gender || e->gender == g) && says_subject(d, m, k)) {
                    bm = m;
                    break;
                }
                if (!opener)
                    bm = m;
            }
        }
    }
    if (!bm)
        return;
    /* add_mention may move the mentions array: keep bm's place, not its address */
    uint32_t bm_index = (uint32_t)(bm - d->mentions.items);
    mention *pm = add_mention(d, k, k + 1, si, MH_PRONOUN);
    bm = &d->mentions.items[bm_index];
    if (!pm)
        return;
    /* "her" before no noun ("endorsed her.", "met her on Monday") is the
     * woman herself; "her 'wonderful donors'" is hers */
    const tok *after = k + 1 < d->toks.len ? &d->toks.items[k + 1] : NULL;
    if (after && after->kind == TK_QUOTE && k + 2 < d->toks.len)
        after = &d->toks.items[k + 2];
    /* "endorse her next week", "met her this morning", "called her Monday":
     * a time after her; "her next move" is hers */
    const tok *after2 = after && k + 2 < d->toks.len ? after + 1 : NULL;
    bool time_after = false;
    if (after && (tok_is(after, "last") || tok_is(after, "this") || tok_is(after, "next")))
        time_after = after2 && after2->sent == t->sent && has(after2, WC_Q_TIME_WORDS);
    else if (after)
        time_after = has(after, WC_Q_TIME_WORDS);
    /* "has not backed her or quit", "backed her more than him", "told
     * her that" */
    static const char *const clause_words[] = {"or", "than", "but", "nor", "that", "because",
                                               "if", "when", "while", NULL};
    bool her_object = tok_is(t, "her") &&
                      (!after || after->sent != t->sent || after->kind != TK_WORD ||
                       has(after, WC_PREPOSITION | WC_CONJUNCTION | WC_ADVERB) ||
                       tok_is(after, "to") || tok_in(after, clause_words) || time_after);
    pm->possessive = tok_is(t, "his") || (tok_is(t, "her") && !her_object) ||
                     tok_is(t, "its") || tok_is(t, "their");
    pm->person = g != 0;
    pm->plural = they;
    pm->entity = bm->entity;
    pm->code = bm->entity ? NULL : mention_code(d, bm);
    pm->name = bm->entity ? NULL : mention_name(d, bm);
    pm->written = bm->entity ? NULL : bm->written;
    if (!bm->entity && !pm->name) /* "officials ... they said": the phrase */
        pm->name = span_dup(d, bm->start, bm->end);
    if (bm->entity) {
        entity *e = &d->entities.items[bm->entity - 1];
        if (g && !e->gender)
            e->gender = g;
        touch(d, bm->entity, si);
    }
}

/* ------------------------------------------------------------ appositions */

/* The country a mention's code starts with, NULL when it has none: "EDU"
 * for "Northwestern University" in an article about no one country is a
 * role, not a country. */
const char *mention_country(const doc *d, const mention *m)
{
    const char *code = m->code;
    if (m->entity) {
        const entity *e = &d->entities.items[m->entity - 1];
        if (e->country)
            return e->country;
        code = e->code;
        return code && strlen(code) > 3 ? code : NULL;
    }
    if (!code || strlen(code) < 3 || (strlen(code) == 3 && m->how != MH_DICT))
        return NULL;
    return code;
}

bool same_country(const doc *d, const mention *a, const mention *b)
{
    const char *x = mention_country(d, a), *y = mention_country(d, b);
    return x && y && !strncmp(x, y, 3);
}

/* A name the dictionary does not know, first written here, or written
 * before only in headlines ("Ortiz Slams Budget ... Ann Ortiz, the
 * former governor,"), with nothing known of it yet. */
static bool named_mention(const doc *d, const mention *m)
{
    if (m->how == MH_NAME)
        return true;
    if (m->how != MH_SURNAME || !m->entity || d->entities.items[m->entity - 1].code)
        return false;
    for (const mention *o = d->mentions.items; o < m; o++)
        if (o->entity == m->entity && !d->sents.items[o->sent].title_case)
            return false;
    return true;
}

/* "Eva Marsh, an activist," and "Brightline, a Denver company,": a name the
 * dictionary does not know takes the role of the one agent noun set after it
 * (x, then y: the comma, an article and at most a modifier between, as
 * apposition_pass checks). Not "In Anaheim, the crowd" (a place), "the drug
 * company executive" (the agent only modifies the head), "a former official"
 * (no longer in the role), or "a group" (no role). */
static bool agent_apposition(doc *d, const sent *s, mention *x, mention *y)
{
    static const char *const not_now[] = {"former", "retired", "onetime", "ex", "then", NULL};
    const tok *toks = d->toks.items;
    /* an agent, or one with its place ("a Denver company"), which has no name */
    bool agent = y->how == MH_AGENT || (y->how == MH_DICT && !y->name && !y->person);
    if (!named_mention(d, x) || !agent || y->plural || !x->entity || y->entity)
        return false;
    const char *code = mention_code(d, y);
    if (!code || strlen(code) < 3 || !strcmp(code, "---"))
        return false;
    /* "an activist", not "Jane Roe, left the firm" */
    if (x->tok_end + 1 >= y->tok_begin || !tok_is_article(&toks[x->tok_end + 1]))
        return false;
    /* a place or a body: "in Anaheim,", "the 5th Street Gym,"; not a
     * person's full name ("took $5,000 from Walter Brenner, a Denver
     * investor") */
    bool full_name = x->tok_end - x->tok_begin >= 2 && given_name(d, x->tok_begin);
    if (x->tok_begin > s->tok_begin && !full_name) {
        const tok *before = &toks[x->tok_begin - 1];
        if (has(before, WC_PREPOSITION) || tok_is_article(before) || before->kind == TK_NUMBER)
            return false;
    }
    for (uint32_t k = x->tok_end; k < y->tok_begin; k++)
        if (tok_in(&toks[k], not_now))
            return false;
    uint32_t after = y->tok_end;
    if (after < s->tok_end && toks[after].kind == TK_WORD &&
        !has(&toks[after], WC_PREPOSITION | WC_RELATIVE))
        return false;
    entity *ne = &d->entities.items[x->entity - 1];
    ne->code = code;
    ne->country = country_of(d, code);
    x->how = MH_LEARNED;
    y->entity = x->entity;
    return true;
}

/* "her aides", "his spokesman": staff after a possessive pronoun serve the
 * person it stands for and take that person's code (run once the
 * sentence's pronouns are resolved). */
static void staff_of_pronoun_pass(doc *d, uint32_t si, uint32_t first)
{
    const sent *s = &d->sents.items[si];
    for (uint32_t i = first; i < d->mentions.len; i++) {
        mention *m = &d->mentions.items[i];
        if ((m->how != MH_AGENT && m->how != MH_TITLE) || m->tok_begin <= s->tok_begin)
            continue;
        const mention *owner = NULL;
        for (uint32_t j = first; j < d->mentions.len && !owner; j++) {
            const mention *p = &d->mentions.items[j];
            if (p->how == MH_PRONOUN && p->possessive && p->entity && p->tok_end == m->tok_begin)
                owner = p;
        }
        const char *code = owner ? principal_code(d, m->tok_end - 1, owner) : NULL;
        entity *e = m->entity ? &d->entities.items[m->entity - 1] : NULL;
        /* "Elon Musk ... his spokesman": the staff of a person no dictionary
         * codes serve no government; they are as unknown as their principal */
        if (!code && owner && owner->person && !owner->plural && !mention_code(d, owner) &&
            staff_title(d, m->tok_end - 1) && !(e && e->named)) {
            m->entity = 0;
            m->code = NULL;
            continue;
        }
        if (!code)
            continue;
        /* a named staffer ("his campaign manager, Tom Ruiz") is one
         * person; a bare title's entity may be every "spokesman" of the
         * text, which this one leaves for the code of whom it serves */
        if (e && e->named) {
            e->code = code;
            e->country = country_of(d, code);
        } else {
            m->entity = 0;
            m->code = code;
        }
    }
}

/* The mention of this sentence (from first) that starts at token k, or
 * covers it when covering; NULL when none. */
static mention *sentence_mention_at(doc *d, uint32_t first, uint32_t k, bool covering)
{
    for (uint32_t i = first; i < d->mentions.len; i++) {
        mention *m = &d->mentions.items[i];
        if (m->tok_begin == k || (covering && m->tok_begin <= k && k < m->tok_end))
            return m;
    }
    return NULL;
}

/* Whom a staffer serves, from a mention with the title and its principal:
 * "Clinton spokesman Brian Fallon" serves Clinton. 0 when the text does not
 * say. */
static uint32_t boss_of(const doc *d, uint32_t staffer)
{
    for (uint32_t i = 1; i < d->mentions.len; i++) {
        const mention *m = &d->mentions.items[i], *p = &d->mentions.items[i - 1];
        if (m->entity != staffer)
            continue;
        if (!p->entity || !p->person || p->plural || p->entity == staffer ||
            p->sent != m->sent || p->tok_end != m->tok_begin)
            continue;
        for (uint32_t k = m->tok_begin; k < m->tok_end; k++)
            if (staff_title(d, k))
                return p->entity;
    }
    return 0;
}

/* "her rival, Bernie Sanders" teaches whom "her rival" means later on; "his
 * boss" is whom a staffer serves. A bare "her rival" or "his opponent" then
 * becomes a mention of that person, the target such phrases name ("did not
 * criticize her rival"). Rivalry goes both ways: Sanders's rival is Clinton. */
static void relation_pass(doc *d, uint32_t si, uint32_t first)
{
    static const char *const rivals[] = {"rival", "opponent", "challenger", NULL};
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (uint32_t k = s->tok_begin + 1; k < s->tok_end; k++) {
        bool rival = tok_in(&toks[k], rivals), boss = tok_is(&toks[k], "boss");
        if (!(rival || boss) || toks[k].flags & TF_CAP || sentence_mention_at(d, first, k, true))
            continue;
        /* the owner, across up to two describing words ("her Democratic
         * rival", "his main opponent") */
        const mention *owner = NULL;
        for (uint32_t j = k; j > s->tok_begin && j + 3 > k && !owner; j--) {
            owner = sentence_mention_at(d, first, j - 1, true);
            if (!owner && toks[j - 1].kind != TK_WORD)
                break;
        }
        if (!owner || !owner->possessive || !owner->person || !owner->entity)
            continue;
        entity *oe = &d->entities.items[owner->entity - 1];
        /* "her rival, Senator Tom Becker": taught, and no mention to make */
        uint32_t n = k + 1 < s->tok_end && tok_is(&toks[k + 1], ",") ? k + 2 : k + 1;
        const mention *named = n < s->tok_end ? sentence_mention_at(d, first, n, false) : NULL;
        if (named && named->person && named->entity && named->entity != owner->entity &&
            d->entities.items[named->entity - 1].named) {
            if (rival) {
                oe->rival = named->entity;
                d->entities.items[named->entity - 1].rival = owner->entity;
            } else {
                oe->boss = named->entity;
            }
            continue;
        }
        /* "rival candidate", "rival campaign", "opponent's": part of another
         * phrase */
        static const char *const heads[] = {"candidate", "candidates", "campaign", "campaigns",
                                            "party", "parties", "group", "groups", "team",
                                            "teams", "firm", "firms", "company", "companies",
                                            "faction", "factions", "bid", "camp", NULL};
        if (k + 1 < s->tok_end && tok_in(&toks[k + 1], heads))
            continue;
        if (toks[k].flags & TF_POSSESSIVE)
            continue;
        if (boss && !oe->boss)
            oe->boss = boss_of(d, owner->entity);
        uint32_t whom = rival ? oe->rival : oe->boss;
        if (!whom)
            continue;
        mention *m = add_mention(d, k, k + 1, si, MH_TITLE);
        if (!m)
            return;
        m->person = true;
        m->entity = whom;
        touch(d, whom, si);
    }
}

/* "Monsanto sued the farmers. The company said ...": "the company", "the
 * firm", "the newspaper", "the network" is the organisation of that kind the
 * text named last, within the last three sentences, the first of its
 * sentence ("Google said Apple had revoked it. But the company ..." is
 * Google, the subject, as a reader takes it); a role word alone codes
 * only "BUS" or "MED". Not "a company", "the companies", "the company's
 * founder" (a title follows), nor a group of people ("the party's voters"
 * stays with the party). */
static void definite_org_pass(doc *d, uint32_t si, uint32_t first)
{
    static const char *const kinds[][2] = {
        {"company", "BUS"}, {"firm", "BUS"},      {"corporation", "BUS"}, {"newspaper", "MED"},
        {"network", "MED"}, {"broadcaster", "MED"}, {NULL, NULL}};
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (uint32_t i = first; i < d->mentions.len; i++) {
        mention *m = &d->mentions.items[i];
        if (m->how != MH_AGENT || m->entity || m->tok_end != m->tok_begin + 1 ||
            m->tok_begin <= s->tok_begin || !tok_is(&toks[m->tok_begin - 1], "the"))
            continue;
        const char *role = NULL;
        for (size_t k = 0; kinds[k][0] && !role; k++)
            if (tok_is(&toks[m->tok_begin], kinds[k][0]))
                role = kinds[k][1];
        if (!role)
            continue;
        /* the latest organisation of that role before it */
        const mention *best = NULL;
        for (uint32_t j = 0; j < d->mentions.len; j++) {
            const mention *a = &d->mentions.items[j];
            if (a->sent + 3 < si || a->sent > si || a->tok_end > m->tok_begin || a == m ||
                a->person || a->plural || a->how == MH_AGENT || a->how == MH_PRONOUN)
                continue;
            const char *code = mention_code(d, a);
            size_t n = code ? strlen(code) : 0;
            if (n >= 6 && !strcmp(code + n - 3, role) && mention_name(d, a) &&
                (!best || a->sent > best->sent) && !quoted(d, a))
                best = a;
        }
        if (!best)
            continue;
        m->entity = best->entity;
        m->code = mention_code(d, best);
        m->name = mention_name(d, best);
        m->written = best->written;
        m->how = MH_TITLE;
    }
}

/* "the Clinton campaign said", "Trump's campaign denied it": a named
 * person's campaign acts for them, so the mention takes the word in. Not
 * when a noun goes on ("the Trump campaign manager", "campaign trail"), and
 * not "his campaign", which is as often what is suspended or funded. */
static void campaign_pass(doc *d, uint32_t si, uint32_t first)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (uint32_t i = first; i < d->mentions.len; i++) {
        mention *m = &d->mentions.items[i];
        if (!m->person || !m->entity || m->how == MH_PRONOUN)
            continue;
        uint32_t j = m->tok_end;
        if (j < s->tok_end && (toks[j].flags & TF_POSSESSIVE))
            j++;
        if (j >= s->tok_end || !tok_is(&toks[j], "campaign") ||
            (i + 1 < d->mentions.len && d->mentions.items[i + 1].tok_begin <= j))
            continue;
        const tok *n = j + 1 < s->tok_end ? &toks[j + 1] : NULL;
        if (n && n->kind == TK_WORD && !(n->starts & SB_VERB) &&
            !has(n, WC_AUXILIARY | WC_ADVERB | WC_RELATIVE | WC_PREPOSITION | WC_CONJUNCTION |
                        WC_NEGATION))
            continue;
        m->tok_end = j + 1;
        m->end = toks[j].end;
        m->possessive = false;
    }
}

/* "Reza Tavakoli, a spokesman for Iran's foreign ministry, said" and "Iran's
 * foreign minister, Ali Rostami, said": the name and the title
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
        /* an article and a modifier may come between, not a verb or a
         * preposition ("the front-runner, spoke in Columbus") */
        while (k < y->tok_begin && (tok_is_article(&toks[k]) || toks[k].kind == TK_WORD) &&
               !has(&toks[k], WC_PREPOSITION | WC_Q_ADVERBIAL_PREPS | WC_CONJUNCTION) &&
               !(toks[k].starts & SB_CUE) && y->tok_begin - k <= 2)
            k++;
        if (k != y->tok_begin)
            continue;
        /* "Donald Trump, the Republican front-runner,": undated, a title of
         * another kind of role than the line the person took says the article
         * is not of that line's time (see role_written) */
        if (x->how == MH_DICT && x->person && x->entity && y->how == MH_NAME &&
            y->tok_end - y->tok_begin <= 2 && i + 2 < d->mentions.len &&
            d->mentions.items[i + 2].how == MH_TITLE &&
            d->mentions.items[i + 2].tok_begin == y->tok_end)
            y = &d->mentions.items[i + 2]; /* "the Republican front-runner" */
        if (x->how == MH_DICT && x->person && x->entity && y->how == MH_TITLE && y->entity) {
            entity *pe = &d->entities.items[x->entity - 1];
            entity *te = &d->entities.items[y->entity - 1];
            const char *role = code_role(te->code);
            if (pe->undated_code && !te->named && *role && strcmp(role, code_role(pe->code))) {
                pe->code = pe->undated_code;
                pe->country = country_of(d, pe->code);
                pe->title = te->title;
                pe->undated_code = NULL;
                y->entity = x->entity;
                te->person = false; /* the placeholder is gone */
                te->title = NULL;
            } else if (!te->named && y->entity != x->entity) {
                /* the title is the person's, whatever the date: it is no
                 * placeholder for someone named later */
                y->entity = x->entity;
                te->person = false;
                te->title = NULL;
            }
            continue;
        }
        if (agent_apposition(d, s, x, y))
            continue;
        mention *name = NULL, *title = NULL;
        if (named_mention(d, x) && y->how == MH_NAME && i + 2 < d->mentions.len &&
            d->mentions.items[i + 2].how == MH_TITLE &&
            d->mentions.items[i + 2].tok_begin == y->tok_end && y->tok_end - y->tok_begin <= 2)
            y = &d->mentions.items[i + 2]; /* the name before the title qualifies it */
        if (named_mention(d, x) && y->how == MH_TITLE)
            name = x, title = y;
        else if (x->how == MH_TITLE && named_mention(d, y))
            title = x, name = y;
        if (!name || !name->entity || !title->entity)
            continue;
        /* "Sen. Jane Doe of Alabama, the chairman": a place after "of" is not
         * the one the title is about */
        if (name == x && name->tok_begin > s->tok_begin &&
            (tok_is(&toks[name->tok_begin - 1], "of") || tok_is(&toks[name->tok_begin - 1], "in") ||
             tok_is(&toks[name->tok_begin - 1], "from")))
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
                const char *zc = mention_country(d, z);
                const char *served = principal_code(d, y->tok_end - 1, z);
                if (served) {
                    code = served;
                    te->country = country_of(d, served);
                } else if (zc && (!code || strlen(code) == 3 || !te->country)) {
                    const char *role = code && !te->country ? (strlen(code) > 3 ? code + 3 : code) : "";
                    const char *zfull = mention_code(d, z);
                    if (!*role && zfull && strlen(zfull) > 3) /* "chair of the X Party" */
                        role = zfull + 3;
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

/* "The transport minister of Norway, Ingrid Halvorsen, said" (for quotation
 * speakers, issue 4): a title whose country follows it, then the name. */
static void apposition_of_pass(doc *d, uint32_t si, uint32_t first)
{
    const tok *toks = d->toks.items;
    const sent *s = &d->sents.items[si];
    for (uint32_t i = first; i + 2 < d->mentions.len; i++) {
        mention *x = &d->mentions.items[i], *y = &d->mentions.items[i + 1],
                *z = &d->mentions.items[i + 2];
        if (x->sent != si || y->sent != si || z->sent != si || x->how != MH_TITLE ||
            !named_mention(d, z) || !x->entity || !z->entity)
            continue;
        uint32_t g = x->tok_end;
        if (g + 1 >= s->tok_end ||
            !(tok_is(&toks[g], "of") || tok_is(&toks[g], "for") || tok_is(&toks[g], "to")))
            continue;
        if (y->tok_begin > g + 2 || y->tok_end >= s->tok_end || !tok_is(&toks[y->tok_end], ",") ||
            z->tok_begin != y->tok_end + 1)
            continue;
        entity *te = &d->entities.items[x->entity - 1];
        entity *ne = &d->entities.items[z->entity - 1];
        if (te->named)
            continue;
        const char *code = te->code, *yc = mention_country(d, y);
        const char *served = principal_code(d, x->tok_end - 1, y);
        if (served) {
            code = served;
            te->country = country_of(d, served);
        } else if (yc && (!code || strlen(code) == 3 || !te->country)) {
            /* a code without a known country may still carry the article's
             * ("IDNGOV" for "a spokesman"): keep only its role */
            const char *role = code && !te->country ? (strlen(code) > 3 ? code + 3 : code) : "";
            code = arena_printf(d->a, "%.3s%s", yc, role);
            te->country = country_of(d, yc);
        }
        ne->code = code;
        ne->title = te->title;
        ne->country = te->country ? te->country : country_of(d, code);
        ne->person = true;
        z->person = true;
        z->how = MH_LEARNED;
        x->entity = z->entity;
        te->person = false;
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

const char *speaker_name(const doc *d, const mention *m)
{
    if (m->entity) {
        const entity *e = &d->entities.items[m->entity - 1];
        return e->written && !e->person ? e->written : e->name;
    }
    return m->written && !m->person ? m->written : m->name;
}

const char *actors_person_code_at(const doc *d, const mention *m, int32_t ymd)
{
    if (!m->entity || !ymd)
        return NULL;
    const entity *en = &d->entities.items[m->entity - 1];
    const lexicon *lx = d->lex;
    const char *dated = NULL, *office = NULL, *undated = NULL;
    for (uint32_t b = en->person_lines; b && !office; b = lx->bindings.items[b - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[b - 1].entry];
        if (x->type != AT_PERSON || (x->name && en->name && strcmp(x->name, en->name)))
            continue;
        if (!x->from && !x->to)
            undated = undated ? undated : x->code;
        else if (covers(x, ymd)) {
            dated = dated ? dated : x->code;
            if (holds_office(x))
                office = x->code;
        }
    }
    const char *code = office ? office : dated ? dated : undated;
    return code && en->code && strcmp(code, en->code) ? code : NULL;
}

bool actors_place_at(const doc *d, uint32_t si, uint32_t k, uint32_t limit, mention *out)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    if (!d->actor_len || k >= limit || actors_at(d, k))
        return false;
    uint32_t b, n = actor_at(d, k, &b);
    if (!n || k + n > limit)
        return false;
    int32_t entry = pick_actor(lx, b, d->role_ymd, d->country, toks, k, n);
    if (entry < 0 || lx->actors.items[entry].type != AT_PLACE)
        return false;
    /* inside a name, as in find_items: "Toronto Star", "Jason Louth" */
    if ((k > d->sents.items[si].tok_begin && is_name_token(&toks[k - 1]) &&
         !has(&toks[k - 1], WC_NOT_NAME)) ||
        (k + n < limit && is_name_token(&toks[k + n]) && !has(&toks[k + n], WC_NOT_NAME)))
        return false;
    memset(out, 0, sizeof *out);
    out->tok_begin = k;
    out->tok_end = k + n;
    out->start = toks[k].start;
    out->end = toks[k + n - 1].end;
    out->sent = si;
    out->head = k + n - 1;
    out->code = lx->actors.items[entry].code; /* a place's is its country's (places.txt) */
    out->name = lx->actors.items[entry].name;
    out->how = MH_DICT;
    out->type = AT_PLACE;
    return true;
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

/* "the foreign minister of Iran", "a spokesman for the Kremlin", "the mayor
 * of Kharkiv": a title or role, then of/for, then a country, organisation or
 * place is one phrase, the same actor as "Iran's foreign minister". A person
 * after "of" owns nothing here ("supporters of Trump" are not Trump). */
static bool agent_of_actor(const doc *d, const item *prev, const item *next, bool owned)
{
    const tok *toks = d->toks.items;
    if (prev->kind != IT_AGENT || next->kind != IT_ACTOR)
        return false;
    if (next->entry >= 0 && d->lex->actors.items[next->entry].type == AT_PERSON)
        return false;
    uint32_t k = prev->e;
    if (k >= next->b)
        return false;
    /* "police in Kenya", "protesters from Tehran": a group with no country of
     * its own is of the place it is in ("Russian troops in Ukraine" are not
     * Ukraine's, nor is "the ambassador in Kyiv") */
    bool in = (tok_is(&toks[k], "in") || tok_is(&toks[k], "from")) && !owned &&
              prev->entry >= 0 && !d->lex->agents.items[prev->entry].person;
    if (!(tok_is(&toks[k], "of") || tok_is(&toks[k], "for") || in))
        return false;
    k++;
    if (k < next->b && tok_is(&toks[k], "the"))
        k++;
    /* the actor must end the phrase: "the head of Iran's ..." is another;
     * so must a people's name that opens a longer one ("vice president of
     * the Greek American Cultural Association" is an officer of that body) */
    uint32_t bg;
    if (next->entry >= 0 && d->lex->actors.items[next->entry].type == AT_DEMONYM &&
        next->e < d->toks.len && toks[next->e].sent == toks[next->b].sent &&
        is_name_token(&toks[next->e]) &&
        !lex_match(&d->lex->tables[LT_AGENT], toks, next->e, d->toks.len, &bg))
        return false; /* (not "the Israeli Defense Ministry": a ministry of Israel's) */
    return k == next->b && !(toks[next->e - 1].flags & TF_POSSESSIVE) &&
           !(next->e < d->toks.len && (toks[next->e].flags & TF_POSSESSIVE));
}

/* "Harrow Valley University", "Mercer Group", "Ontario Provincial Police": an agent
 * written in capitals right after a name, ending in an organisation's noun,
 * is the end of that organisation's name, not a role of its own (the role
 * still gives the code). */
static bool names_org(const doc *d, const item *name, const item *ag)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    if (name->kind != IT_NAME || ag->kind != IT_AGENT || ag->b != name->e || ag->entry < 0 ||
        lx->agents.items[ag->entry].person)
        return false;
    for (uint32_t k = ag->b; k < ag->e; k++)
        if (!(toks[k].flags & TF_CAP) || (toks[k].flags & TF_POSSESSIVE))
            return false;
    const tok *last = &toks[ag->e - 1];
    return has(last, WC_Q_ORG_HEADS) || has(last, WC_A_ORG_WORDS);
}

static bool joins(const doc *d, const item *items, uint32_t n, uint32_t i)
{
    const lexicon *lx = d->lex;
    const item *prev = &items[i - 1], *next = &items[i];
    /* adjacent items of one noun phrase */
    if (next->b != prev->e)
        return agent_of_actor(d, prev, next,
                              i >= 2 && items[i - 2].e == prev->b &&
                                  (items[i - 2].kind == IT_ACTOR || items[i - 2].kind == IT_POSS));
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
    /* "Tavakoli said" / "Iran and Russia": a name followed by an agent or actor
     * starts a new phrase unless it is a title before a name, or the end of
     * an organisation's name */
    if (prev->kind == IT_NAME)
        return names_org(d, prev, next) && (i + 1 >= n || items[i + 1].b != next->e);
    /* "Mike Pompeo praised China": a person's name ends its phrase; a
     * lowercase word after it is the verb (for quotation speakers, issue 4) */
    if (prev->kind == IT_ACTOR && next->kind == IT_MOD && prev->entry >= 0 &&
        lx->actors.items[prev->entry].type == AT_PERSON)
        return false;
    if (prev->kind == IT_ACTOR && next->kind == IT_ACTOR) {
        /* "US Secretary" no; "Iran Russia" no: two actors are two phrases unless the
         * first is a country modifying an organisation name ("Iranian Red Crescent") */
        return false;
    }
    return true;
}

/* Which country the article is about: its dateline ("OTTAWA —"), and then
 * the countries, capitals, demonyms, places and people it names. A country
 * counts when it has at least two places' votes (a place two, a person one)
 * and at least half of all of them; an article that talks about several
 * countries has none. */
static void article_country(doc *d)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    struct {
        const char *code;
        uint32_t votes;
    } tally[16];
    uint32_t n = 0, total = 0;
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            if (!(toks[k].starts & SB_ACTOR))
                continue;
            uint32_t b = 0;
            uint32_t na = actor_at(d, k, &b);
            if (!na)
                continue;
            /* no country yet: lines for one article country do not vote */
            int32_t entry = pick_actor(lx, b, d->role_ymd, NULL, toks, k, na);
            if (entry < 0)
                continue;
            const actor_entry *ae = &lx->actors.items[entry];
            if (ae->type == AT_ORG || strlen(ae->code) < 3 ||
                !ptab_get(&lx->countries, hash_bytes(ae->code, 3)))
                continue;
            /* a dateline counts five times a place: the whole article is from
             * there; a person half: people travel, places do not */
            uint32_t w = si == 0 && k == s->tok_begin && k + na < s->tok_end &&
                                 (toks[k + na].kind == TK_DASH || tok_is(&toks[k + na], "(") ||
                                  tok_is(&toks[k + na], ","))
                             ? 10
                         : ae->type == AT_PERSON ? 1
                                                 : 2;
            uint32_t i = 0;
            while (i < n && memcmp(tally[i].code, ae->code, 3))
                i++;
            if (i == n) {
                if (n == 16)
                    continue;
                tally[n].code = ae->code;
                tally[n].votes = 0;
                n++;
            }
            tally[i].votes += w;
            total += w;
            k += na - 1;
        }
    }
    uint32_t best = UINT32_MAX;
    for (uint32_t i = 0; i < n; i++)
        if (best == UINT32_MAX || tally[i].votes > tally[best].votes)
            best = i;
    if (best != UINT32_MAX && tally[best].votes >= 4 && tally[best].votes * 2 >= total)
        d->country = arena_strndup(d->a, tally[best].code, 3);
}

/* When an undated text was written, by the office holders it names with
 * their titles: "President Barack Obama" and "Secretary of State John Kerry"
 * put it between 2013 and 2017, so a Hillary Clinton it names without a title
 * is not the secretary of state the dictionary's last line made her, nor
 * Donald Trump the president. Each titled person whose dated line holds that
 * title gives a span, or several ("candidate Donald Trump": both of his
 * campaigns). A title of another kind than any of a person's dated
 * lines gives the times between those lines: "presidential candidate Hillary
 * Clinton" beside "President Obama" is 2013-2017, not the years she was his
 * secretary of state. The time most of these cover wins (the latest, on a
 * tie), read at its middle, or at its start when it is still open. 0 when no
 * title holder dates the text: what lies between a person's lines alone
 * says too little. */
#define DATE_SPANS 64
typedef struct {
    int32_t from, to;
    bool held; /* a title held, not a time between lines */
} date_span;

/* The times between the dated lines of the person of binding ba (at most
 * eight lines are read: more than anyone's roles in the dictionaries). */
static uint32_t spans_between_lines(const lexicon *lx, uint32_t ba, date_span *out,
                                    uint32_t room)
{
    int32_t from[8], to[8];
    uint32_t n = 0;
    for (; ba && n < 8; ba = lx->bindings.items[ba - 1].next) {
        const actor_entry *x = &lx->actors.items[lx->bindings.items[ba - 1].entry];
        if (x->type != AT_PERSON || (!x->from && !x->to))
            continue;
        uint32_t i = n++;
        for (; i && from[i - 1] > (x->from ? x->from : 10101); i--) {
            from[i] = from[i - 1];
            to[i] = to[i - 1];
        }
        from[i] = x->from ? x->from : 10101;
        to[i] = x->to ? x->to : INT32_MAX;
    }
    uint32_t k = 0;
    int32_t start = 10101;
    for (uint32_t i = 0; n && i <= n && k < room; i++) {
        int32_t end = i < n ? from[i] - 1 : INT32_MAX;
        if (start <= end)
            out[k++] = (date_span){start, end, false};
        if (i < n) {
            if (to[i] == INT32_MAX)
                break;
            if (to[i] + 1 > start)
                start = to[i] + 1;
        }
    }
    return k;
}

/* The years a text names ("in 2015", "the 2016 election"), up to max; a
 * text is seldom older than the latest of them. */
static uint32_t years_named(const doc *d, int32_t *years, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < d->toks.len && n < max; k++) {
        const tok *t = &d->toks.items[k];
        if (t->kind != TK_NUMBER || t->key_len != 4)
            continue;
        int32_t y = 0;
        for (int i = 0; i < 4 && y >= 0; i++)
            y = t->key[i] >= '0' && t->key[i] <= '9' ? y * 10 + (t->key[i] - '0') : -1;
        if (y >= 1900 && y <= 2099)
            years[n++] = y;
    }
    return n;
}

/* A dictionary person's name at k (match_actors' look-up): its length in
 * tokens, the person's bindings in *ba; 0 none. */
static uint32_t person_at(const doc *d, uint32_t k, uint32_t *ba)
{
    uint32_t na = actor_at(d, k, ba);
    if (!na || d->lex->actors.items[d->lex->bindings.items[*ba - 1].entry].type != AT_PERSON)
        return 0;
    return na;
}

/* The campaign right after a person's name at j ("Hillary Clinton['s
 * campaign]", "the Trump [presidential campaign]", "Sanders['] bid"): its
 * length in tokens, 0 none. */
static uint32_t campaign_after(const doc *d, const sent *s, uint32_t j)
{
    const tok *toks = d->toks.items;
    uint32_t k = j;
    if (k < s->tok_end && (toks[k].flags & TF_POSSESSIVE))
        k++;
    if (k < s->tok_end && tok_is(&toks[k], "presidential"))
        k++;
    static const char *const running[] = {"campaign", "candidacy", "bid", NULL};
    return k < s->tok_end && tok_in(&toks[k], running) ? k + 1 - j : 0;
}

/* Does the text speak of a race for president ("presidential campaign",
 * "the Republican nomination", "the Iowa caucuses", "front-runner")? Then the
 * people it names who ran are likely running in it. */
static bool presidential_race(const doc *d)
{
    const tok *toks = d->toks.items;
    static const char *const race[] = {
        "campaign", "campaigns", "candidate", "candidates", "nominee", "race", "bid",
        "primary", "primaries", "hopeful", "hopefuls", "contest", "run", "debate",
        "debates", "field", "contender", "contenders", NULL};
    static const char *const party[] = {"republican", "democratic", "gop", "presidential",
                                        NULL};
    for (uint32_t k = 0; k < d->toks.len; k++) {
        const tok *t = &toks[k];
        const tok *next = k + 1 < d->toks.len ? &toks[k + 1] : NULL;
        if ((tok_is(t, "presidential") && next && tok_in(next, race)) ||
            tok_is(t, "caucuses") || tok_is(t, "front-runner") || tok_is(t, "frontrunner") ||
            (tok_is(t, "presumptive") && next && tok_is(next, "nominee")) ||
            (tok_is(t, "nomination") && k > 0 && tok_in(&toks[k - 1], party)))
            return true;
    }
    return false;
}

/* With no title to go by, the latest year the text names, when it is well
 * before what the dictionaries know as now: news is seldom written long
 * after the latest year it mentions (on PolNeAR's dated articles, mostly
 * within four years), so a text that names nothing after 2015 should not
 * make its Donald Trump the president of the dictionary's last line; one
 * that names a year of the last four may well be of now. 0: none. */
static int32_t date_from_years(const doc *d)
{
    int32_t years[32];
    uint32_t n = years_named(d, years, 32);
    int32_t latest = 0;
    for (uint32_t i = 0; i < n; i++)
        if (years[i] > latest)
            latest = years[i];
    return latest && latest + 4 < d->lex->latest_from / 10000 ? latest * 10000 + 701 : 0;
}

static int32_t date_from_titles(const doc *d)
{
    const lexicon *lx = d->lex;
    const tok *toks = d->toks.items;
    date_span span[DATE_SPANS];
    uint32_t n = 0;
    bool race = presidential_race(d);
    const char *ran[16]; /* the people whose campaigns are counted */
    uint32_t nran = 0;
    date_span race_span[DATE_SPANS];
    uint32_t race_owner[DATE_SPANS], nrace = 0; /* owner: index in ran */
    for (uint32_t si = 0; si < d->sents.len && n < DATE_SPANS; si++) {
        const sent *s = &d->sents.items[si];
        for (uint32_t k = s->tok_begin; k < s->tok_end && n < DATE_SPANS; k++) {
            uint32_t bg = 0, ba = 0;
            uint32_t np = person_at(d, k, &ba);
            uint32_t nc = np ? campaign_after(d, s, k + np) : 0;
            /* a person once, by any of their names ("Donald Trump", "Trump") */
            const char *who = np ? lx->actors.items[lx->bindings.items[ba - 1].entry].name : NULL;
            bool seen = false;
            for (uint32_t i = 0; i < nran && !seen; i++)
                seen = who && ran[i] && !strcmp(ran[i], who);
            if (np && (nc || race) && !seen) {
                /* "Hillary Clinton's campaign", "the Trump campaign", or any
                 * person the text of a presidential race names: the times
                 * they ran, once a person (the race's own are kept aside:
                 * they count only when two people ran) */
                date_span *to = nc ? span : race_span;
                uint32_t *nto = nc ? &n : &nrace;
                for (uint32_t b = ba; b && *nto < DATE_SPANS; b = lx->bindings.items[b - 1].next) {
                    const actor_entry *x = &lx->actors.items[lx->bindings.items[b - 1].entry];
                    if (x->type == AT_PERSON && (x->from || x->to) && x->title &&
                        !strcmp(x->title, "candidate")) {
                        if (!nc)
                            race_owner[nrace] = nran;
                        to[(*nto)++] = (date_span){x->from ? x->from : 10101,
                                                   x->to ? x->to : INT32_MAX, true};
                    }
                }
                if (nran < sizeof ran / sizeof *ran)
                    ran[nran++] = who;
            }
            if (nc) {
                k += np + nc - 1;
                continue;
            }
            if (!(toks[k].starts & SB_AGENT))
                continue;
            uint32_t ng = lex_match(&lx->tables[LT_AGENT], toks, k, s->tok_end, &bg);
            /* "then-senator Barack Obama" is what he was, not what he is */
            if (!ng || k + ng >= s->tok_end || former_before(d, k) ||
                (k > s->tok_begin && then_hyphen(&toks[k - 1])))
                continue;
            uint32_t na = lex_match(&lx->tables[LT_ACTOR], toks, k + ng, s->tok_end, &ba);
            const agent_entry *ag = &lx->agents.items[lx->bindings.items[bg - 1].entry];
            if (!ag->person || !na)
                continue;
            item title = {IT_AGENT, k, k + ng, (int32_t)lx->bindings.items[bg - 1].entry, NULL,
                          NULL, 0, false};
            /* every time the person held the title ("candidate Trump": 2015-16
             * and 2022-24); one clue's spans do not overlap */
            uint32_t held = n;
            for (uint32_t b = ba; b && n < DATE_SPANS; b = lx->bindings.items[b - 1].next) {
                const actor_entry *x = &lx->actors.items[lx->bindings.items[b - 1].entry];
                if (x->type == AT_PERSON && (x->from || x->to) && holds_title(d, x, &title))
                    span[n++] = (date_span){x->from ? x->from : 10101,
                                            x->to ? x->to : INT32_MAX, true};
            }
            if (n == held && !role_of_dated_line(lx, ba, ag->role))
                n += spans_between_lines(lx, ba, span + n, DATE_SPANS - n);
            k += ng + na - 1;
        }
    }
    /* a race's campaigns count where two people ran at once: "Trump" alone in
     * a text on the 2028 race, or beside Mitt Romney's campaigns, says little */
    for (uint32_t i = 0; i < nrace && n < DATE_SPANS; i++)
        for (uint32_t j = 0; j < nrace; j++)
            if (race_owner[j] != race_owner[i] && race_span[j].from <= race_span[i].to &&
                race_span[i].from <= race_span[j].to) {
                span[n++] = race_span[i];
                break;
            }
    int32_t years[32];
    uint32_t nyears = n ? years_named(d, years, 32) : 0;
    int32_t best_from = 0, best_to = 0, best_year = 0;
    uint32_t best = 0, best_named = 0;
    /* the most covered time starts where a span does; one clue's spans never
     * overlap, so each clue covers a time once at most. A title held must
     * cover it: times between lines only narrow what titles say. Between
     * times covered alike, the one with more of the years the text names
     * wins ("candidate Donald Trump" in 2015-16 or in 2022-24), then the
     * latest. */
    for (uint32_t i = 0; i < n; i++) {
        int32_t p = span[i].from, end = INT32_MAX;
        uint32_t cover = 0;
        bool in_held = false;
        for (uint32_t j = 0; j < n; j++)
            if (span[j].from <= p && p <= span[j].to) {
                cover++;
                in_held |= span[j].held;
                if (span[j].to < end)
                    end = span[j].to;
            }
        if (!in_held)
            continue;
        uint32_t named = 0;
        int32_t latest = 0;
        for (uint32_t y = 0; y < nyears; y++)
            if (years[y] >= p / 10000 && (end == INT32_MAX || years[y] <= end / 10000)) {
                named++;
                if (years[y] > latest)
                    latest = years[y];
            }
        if (cover > best || (cover == best && named > best_named) ||
            (cover == best && named == best_named && p > best_from)) {
            best = cover;
            best_named = named;
            best_from = p;
            best_to = end;
            best_year = latest;
        }
    }
    if (!best)
        return date_from_years(d);
    /* read at the latest year it names, inside the time: news is seldom
     * older than the years it mentions */
    if (best_year) {
        int32_t at = best_year * 10000 + 701;
        return at < best_from ? best_from : best_to != INT32_MAX && at > best_to ? best_to : at;
    }
    if (best_to == INT32_MAX)
        return best_from;
    /* the middle, by days roughly: yyyymmdd halves well enough within a span */
    int32_t y0 = best_from / 10000, y1 = best_to / 10000;
    int32_t m0 = y0 * 12 + best_from / 100 % 100 - 1, m1 = y1 * 12 + best_to / 100 % 100 - 1;
    int32_t mid = (m0 + m1) / 2;
    return mid / 12 * 10000 + (mid % 12 + 1) * 100 + 1;
}

int actors_run(doc *d)
{
    if (!d->lex)
        return PETREL_OK;
    if (!match_actors(d))
        return PETREL_ERR_NOMEM;
    d->role_ymd = d->date_ymd ? d->date_ymd : date_from_titles(d);
    article_country(d);
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
            /* "Alex Smith's first start": a person's name before 's owns what
             * follows, it is not part of it (but "Iran's foreign minister" is
             * one phrase: a title follows) */
            bool owner = i >= a + 2 && i < items.len && items.items[i - 1].kind == IT_POSS &&
                         items.items[i - 2].kind == IT_NAME &&
                         (items.items[i].kind == IT_NAME || items.items[i].kind == IT_MOD);
            /* "Merkel campaign spokeswoman Anna Weber": a known person before a
             * title and a name is the title's owner, a phrase of their own */
            owner = owner ||
                    (i > a && i + 1 < items.len && items.items[i - 1].kind == IT_ACTOR &&
                     items.items[i - 1].entry >= 0 &&
                     is_person_entry(d, items.items[i - 1].entry) &&
                     items.items[i].kind == IT_AGENT && items.items[i + 1].kind == IT_NAME &&
                     d->lex->agents.items[items.items[i].entry].person);
            if (i < items.len && i > a && !owner && joins(d, items.items, items.len, i))
                continue;
            if (i > a) {
                rc = resolve_phrase(d, si, items.items, a, i - 1);
                if (rc)
                    return rc;
            }
            a = i;
        }
        /* appositions: "Reza Tavakoli, a spokesman for Iran's foreign ministry," */
        apposition_pass(d, si, first_mention);
        apposition_of_pass(d, si, first_mention);
        campaign_pass(d, si, first_mention);
        /* before the pronouns: "the firm added that it will appeal" */
        definite_org_pass(d, si, first_mention);
        /* pronouns, in order */
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            const tok *t = &d->toks.items[k];
            if (t->kind == TK_WORD && (has(t, WC_PRONOUN_M) || has(t, WC_PRONOUN_F) ||
                                       has(t, WC_PRONOUN_IT) || has(t, WC_PRONOUN_THEY)))
                resolve_pronoun(d, k, si, d->mentions.len);
        }
        staff_of_pronoun_pass(d, si, first_mention);
        relation_pass(d, si, first_mention);
        /* keep this sentence's mentions in text order */
        if (d->mentions.len > first_mention)
            sort_mentions(d->mentions.items + first_mention, d->mentions.len - first_mention);
    }
    for (uint32_t i = 0; i < d->mentions.len; i++) {
        const mention *m = &d->mentions.items[i];
        for (uint32_t k = m->tok_begin; k < m->tok_end; k++)
            d->tok_mention[k] = i + 1;
    }
    return PETREL_OK;
}
