/*
 * html_extract.c - the article in a web page.
 *
 * 1. html_scan.c strips what is never read (scripts, styles, comments) and
 *    bounds the nesting; gumbo parses the rest into a tree, allocating from a
 *    budgeted arena so a hostile page cannot take unbounded memory.
 * 2. One walk over the tree (an explicit stack: no recursion, whatever the
 *    depth) turns it into text blocks - the runs of text between block-level
 *    elements - and a table of the block-level elements. Hidden elements and
 *    elements that hold no article text (forms controls, media) are skipped.
 *    Every element gets a verdict from its tag, role and class/id words
 *    (share, newsletter, related, comments, nav ...: boilerplate; article,
 *    content, story ...: content).
 * 3. Blocks are valued by text density: long runs of sentences with few links
 *    count for the article; link lists and short fragments against it. Every
 *    element's score is the sum over its subtree, where a boilerplate element
 *    counts all of its text against. The best element, discounted for each
 *    boilerplate element above it, is the article's container: it takes in
 *    sibling parts of an article split by ads, and leaves out the page around.
 * 4. Inside the container, blocks under boilerplate elements, link-dense
 *    blocks and the headline go; so do fragments before the first and after
 *    the last real paragraph (bylines, datelines, "Advertisement").
 * The text is UTF-8 with entities decoded, one blank line between blocks.
 */
#include <gumbo.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "html_meta.h"

/* ------------------------------------------------------------ tuning */

/* A block is a paragraph of the article when it has this many characters and a
 * sentence mark, or the longer length without one. */
#define PARA_MIN_CHARS 50
#define PARA_MIN_CHARS_NO_PUNCT 120
/* Link-dense: more of the block's text is link text than this. */
#define LINK_DENSE 0.5
/* How much a short fragment's characters count against its container. */
#define SHORT_PENALTY 0.25
/* How much link-dense text counts against its container. */
#define LINK_PENALTY 1.0
/* How much the text under a boilerplate element counts against its container. */
#define BOILER_PENALTY 0.2
/* A candidate inside (or being) a boilerplate element is worth this much less,
 * per such element. */
#define BOILER_DISCOUNT 0.5
/* A block counts fully for this many levels of ancestors above the element
 * that holds it, then LEVEL_DECAY less for each level more, up to MAX_LEVELS. */
#define FULL_LEVELS 3
#define LEVEL_DECAY 0.7
#define MAX_LEVELS 48
/* Bonus for a candidate the page marks as content. */
#define CONTENT_BONUS 1.15
#define ARTICLE_BODY_BONUS 1.5

/* Gumbo's memory: this much plus this many times the markup's size. */
#define GUMBO_BUDGET_BASE (64u << 20)
#define GUMBO_BUDGET_PER_BYTE 24

/* ------------------------------------------------------------ gumbo's arena */

typedef struct gchunk {
    struct gchunk *next;
    size_t cap;
    _Alignas(16) char data[];
} gchunk;

typedef struct galloc {
    gchunk *chunks;
    size_t used, total, limit, next_size;
    jmp_buf jmp;
} galloc;

/* Gumbo never checks for allocation failure; running out jumps back to
 * html_extract, which drops the whole parse (all of it lives here). */
static void *g_alloc(void *ud, size_t n)
{
    galloc *g = ud;
    n = (n + 15) & ~(size_t)15;
    if (!g->chunks || g->used + n > g->chunks->cap) {
        size_t cap = g->next_size;
        if (cap < n)
            cap = n;
        if (g->total + cap > g->limit)
            longjmp(g->jmp, 1);
        gchunk *c = malloc(sizeof *c + cap);
        if (!c)
            longjmp(g->jmp, 2);
        c->cap = cap;
        c->next = g->chunks;
        g->chunks = c;
        g->used = 0;
        g->total += cap;
        if (g->next_size < (4u << 20))
            g->next_size *= 2;
    }
    void *p = g->chunks->data + g->used;
    g->used += n;
    return p;
}

static void g_free(void *ud, void *p)
{
    (void)ud;
    (void)p; /* everything goes at once */
}

static void galloc_release(galloc *g)
{
    while (g->chunks) {
        gchunk *n = g->chunks->next;
        free(g->chunks);
        g->chunks = n;
    }
}

/* ------------------------------------------------------------ element kinds */

enum kind {
    K_INLINE,
    K_BLOCK,
    K_SKIP,  /* never holds article text */
    K_BR,
    K_BREAK, /* <hr>: ends a block */
    K_VOID,  /* <img>, <meta> ...: nothing to read */
};

static enum kind kind_of(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_BLINK:
    case GUMBO_TAG_SPACER:
        return K_INLINE;
    case GUMBO_TAG_BR:
        return K_BR;
    case GUMBO_TAG_HR:
        return K_BREAK;
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
        return K_VOID;
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_RP:
        return K_SKIP;
    default:
        return K_BLOCK; /* including unknown (custom) elements */
    }
}

/* ------------------------------------------------------------ verdicts */

static int tag_verdict(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS:
        return V_BOILER;
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
        return V_CONTENT;
    default:
        return V_NONE;
    }
}

/* ------------------------------------------------------------ the walk */

typedef struct elem {
    int32_t parent;
    uint16_t tag;
    int8_t verdict;
    uint32_t first_block, end_block;
} elem;

enum { B_HEADING_MASK = 7 }; /* flags: heading level 1-6, 0 for other blocks */

typedef struct block {
    int32_t owner; /* innermost block-level element */
    uint32_t off, len;
    uint32_t chars, link_chars, marks; /* marks: sentence punctuation and commas */
    uint8_t flags;
} block;

typedef struct frame {
    const GumboNode *node;
    unsigned next;
    int32_t elem; /* for block elements, else -1 */
    uint8_t is_link, is_pre, is_head;
} frame;

typedef struct walker {
    elem *el;
    size_t n_el, cap_el;
    block *bl;
    size_t n_bl, cap_bl;
    char *tx;
    size_t n_tx, cap_tx;
    frame *st;
    size_t n_st, cap_st;
    size_t block_start;
    uint32_t chars, link_chars, marks;
    bool pending_space;
    int link_depth, pre_depth, head_depth;
    int32_t owner;
    html_meta meta;
    bool oom;
} walker;

static bool grow(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * item);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

static inline bool tx_reserve(walker *w, size_t extra)
{
    if (w->n_tx + extra <= w->cap_tx)
        return true;
    if (!grow((void **)&w->tx, &w->cap_tx, w->n_tx + extra, 1)) {
        w->oom = true;
        return false;
    }
    return true;
}

static void flush_block(walker *w)
{
    size_t end = w->n_tx;
    while (end > w->block_start && (w->tx[end - 1] == ' ' || w->tx[end - 1] == '\n'))
        end--;
    size_t start = w->block_start;
    while (start < end && (w->tx[start] == ' ' || w->tx[start] == '\n'))
        start++;
    if (start < end && w->chars > 0) {
        if (!grow((void **)&w->bl, &w->cap_bl, w->n_bl + 1, sizeof *w->bl)) {
            w->oom = true;
        } else {
            block *b = &w->bl[w->n_bl++];
            b->owner = w->owner;
            b->off = (uint32_t)start;
            b->len = (uint32_t)(end - start);
            b->chars = w->chars;
            b->link_chars = w->link_chars > w->chars ? w->chars : w->link_chars;
            b->marks = w->marks;
            b->flags = 0;
            GumboTag t = w->owner >= 0 ? (GumboTag)w->el[w->owner].tag : GUMBO_TAG_BODY;
            if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6)
                b->flags |= (uint8_t)(t - GUMBO_TAG_H1 + 1);
            w->n_tx = end;
            w->block_start = end;
        }
    } else {
        w->n_tx = w->block_start;
    }
    w->chars = w->link_chars = w->marks = 0;
    w->pending_space = false;
}

/* Appends text, collapsing white space (outside <pre>) and dropping invisible
 * characters that only split words: soft hyphens, zero-width spaces, BOMs. */
static void add_text(walker *w, const char *t)
{
    if (w->head_depth)
        return;
    size_t n = strlen(t);
    if (!tx_reserve(w, n + 2))
        return;
    const unsigned char *s = (const unsigned char *)t;
    char *o = w->tx;
    size_t j = w->n_tx;
    uint32_t chars = 0, marks = 0;
    bool pending = w->pending_space;
    bool pre = w->pre_depth > 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                if (pre && c != '\r')
                    o[j++] = (char)c;
                else
                    pending = true;
                continue;
            }
            if (c < 0x20 || c == 0x7F)
                continue;
            if (pending && j > w->block_start && o[j - 1] != '\n')
                o[j++] = ' ';
            pending = false;
            o[j++] = (char)c;
            chars++;
            marks += c == '.' || c == ',' || c == '!' || c == '?' || c == ';';
            continue;
        }
        if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) { /* no-break space */
            if (pre)
                o[j++] = ' ';
            else
                pending = true;
            i++;
            continue;
        }
        if ((c == 0xC2 && i + 1 < n && s[i + 1] == 0xAD) ||
            (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x8B) ||
            (c == 0xE2 && i + 2 < n && s[i + 1] == 0x81 && s[i + 2] == 0xA0) ||
            (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF)) {
            i += c == 0xC2 ? 1 : 2;
            continue;
        }
        if (pending && j > w->block_start && o[j - 1] != '\n')
            o[j++] = ' ';
        pending = false;
        if (c >= 0xC0)
            chars++;
        /* CJK full stop and comma */
        if (c == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x82 || s[i + 2] == 0x81))
            marks++;
        o[j++] = (char)c;
    }
    w->n_tx = j;
    w->pending_space = pending;
    w->chars += chars;
    w->marks += marks;
    if (w->link_depth)
        w->link_chars += chars;
}

static void add_break(walker *w)
{
    if (w->head_depth || w->n_tx == w->block_start)
        return;
    if (!tx_reserve(w, 1))
        return;
    /* at most one blank line inside a block */
    if (w->n_tx >= 2 && w->tx[w->n_tx - 1] == '\n' && w->tx[w->n_tx - 2] == '\n')
        return;
    while (w->n_tx > w->block_start && w->tx[w->n_tx - 1] == ' ')
        w->n_tx--;
    w->tx[w->n_tx++] = '\n';
    w->pending_space = false;
}

static bool push_frame(walker *w, const GumboNode *n, int32_t el)
{
    if (!grow((void **)&w->st, &w->cap_st, w->n_st + 1, sizeof *w->st)) {
        w->oom = true;
        return false;
    }
    frame *f = &w->st[w->n_st++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->elem = el;
    return true;
}

static void enter(walker *w, const GumboNode *node)
{
    const GumboElement *e = &node->v.element;
    GumboTag tag = e->tag;
    enum kind k = kind_of(tag);
    int marked = V_NONE; /* the verdict of class, id and role, from html_scan.c */
    bool hidden = false, meta_attrs = false;
    for (unsigned i = 0; i < e->attributes.length; i++) {
        const char *n = ((const GumboAttribute *)e->attributes.data[i])->name;
        if (n[0] == '_' && n[1] && !n[2])
            marked = n[1] == 'b' ? V_BOILER : n[1] == 'c' ? V_CONTENT : V_ARTICLE_BODY;
        else if (!strcmp(n, "hidden"))
            hidden = true;
        else if (!strcmp(n, "itemprop") || !strcmp(n, "rel"))
            meta_attrs = true;
    }
    if (meta_attrs || tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_TITLE ||
        tag == GUMBO_TAG_TIME || tag == GUMBO_TAG_H1)
        html_meta_element(&w->meta, node);
    if (tag == GUMBO_TAG_HEAD) {
        if (push_frame(w, node, -1)) {
            w->st[w->n_st - 1].is_head = 1;
            w->head_depth++;
        }
        return;
    }
    if (w->head_depth)
        return; /* <meta> and friends are all the head holds for us */
    if (hidden || k == K_SKIP || k == K_VOID)
        return;
    if (k == K_BR) {
        add_break(w);
        return;
    }
    if (k == K_BREAK) {
        flush_block(w);
        return;
    }
    int verdict = marked == V_ARTICLE_BODY                        ? V_ARTICLE_BODY
                  : marked == V_BOILER || tag_verdict(tag) == V_BOILER ? V_BOILER
                  : marked == V_CONTENT || tag_verdict(tag) == V_CONTENT ? V_CONTENT
                                                                         : V_NONE;
    if (k == K_INLINE && verdict != V_BOILER) {
        /* (an inline element marked as boilerplate becomes a block of its own,
         * so that a byline inside a paragraph can go, and a wrapper <span>
         * around a whole article can still be chosen) */
        if (push_frame(w, node, -1) && tag == GUMBO_TAG_A) {
            w->st[w->n_st - 1].is_link = 1;
            w->link_depth++;
        }
        return;
    }
    flush_block(w);
    if (!grow((void **)&w->el, &w->cap_el, w->n_el + 1, sizeof *w->el)) {
        w->oom = true;
        return;
    }
    int32_t idx = (int32_t)w->n_el++;
    elem *el = &w->el[idx];
    el->parent = w->owner;
    el->tag = (uint16_t)tag;
    el->verdict = (int8_t)verdict;
    el->first_block = el->end_block = (uint32_t)w->n_bl;
    if (!push_frame(w, node, idx))
        return;
    w->owner = idx;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP) {
        w->st[w->n_st - 1].is_pre = 1;
        w->pre_depth++;
    }
}

static void leave(walker *w, const frame *f)
{
    if (f->is_head)
        w->head_depth--;
    if (f->is_link)
        w->link_depth--;
    if (f->elem >= 0) {
        flush_block(w);
        w->el[f->elem].end_block = (uint32_t)w->n_bl;
        w->owner = w->el[f->elem].parent;
    }
    if (f->is_pre)
        w->pre_depth--;
}

static void walk(walker *w, const GumboNode *root)
{
    w->owner = -1;
    if (!push_frame(w, root, -1))
        return;
    while (w->n_st > 0 && !w->oom) {
        frame *f = &w->st[w->n_st - 1];
        const GumboNode *n = f->node;
        const GumboVector *ch = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                                                               : &n->v.element.children;
        if (f->next >= ch->length) {
            frame done = *f;
            w->n_st--;
            leave(w, &done);
            continue;
        }
        const GumboNode *c = ch->data[f->next++];
        switch (c->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
            add_text(w, c->v.text.text);
            break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            enter(w, c);
            break;
        default:
            break;
        }
    }
    flush_block(w);
}

/* ------------------------------------------------------------ choosing */

static bool is_link_dense(const block *b) { return (double)b->link_chars > LINK_DENSE * b->chars; }

/* Prose: enough text outside links (a paragraph may link a few words). */
static bool is_paragraph(const block *b)
{
    if ((b->flags & B_HEADING_MASK) || is_link_dense(b))
        return false;
    uint32_t own = b->chars - b->link_chars;
    return (own >= PARA_MIN_CHARS && b->marks > 0) || own >= PARA_MIN_CHARS_NO_PUNCT;
}

static double block_value(const block *b)
{
    if (b->flags & B_HEADING_MASK)
        return 0;
    if (is_link_dense(b))
        return -LINK_PENALTY * b->chars;
    if (is_paragraph(b))
        return b->chars - (double)b->link_chars;
    return -SHORT_PENALTY * b->chars;
}

/* Index of the element whose subtree is the article, or -1. */
static int32_t choose_container(const walker *w, double *score, double *total, int *boiler_above)
{
    size_t n = w->n_el;
    for (size_t i = 0; i < n; i++)
        score[i] = total[i] = 0;
    /* Each block counts for its ancestors, fully up to a few levels and then
     * less and less: an article's paragraphs sit close together under one
     * element, while the teasers of a feed are spread over the page and
     * should not add up to make <body> look like the article. Above a
     * boilerplate element a block counts against, by its length. */
    double weight[MAX_LEVELS];
    for (int l = 0; l < MAX_LEVELS; l++)
        weight[l] = l <= FULL_LEVELS ? 1.0 : weight[l - 1] * LEVEL_DECAY;
    for (size_t b = 0; b < w->n_bl; b++) {
        const block *bl = &w->bl[b];
        double v = block_value(bl);
        bool boiler = false;
        int32_t e = bl->owner;
        for (int l = 0; e >= 0 && l < MAX_LEVELS; l++) {
            score[e] += weight[l] * (boiler ? -BOILER_PENALTY * bl->chars : v);
            total[e] += bl->chars;
            boiler = boiler || w->el[e].verdict == V_BOILER;
            e = w->el[e].parent;
        }
    }
    int32_t best = -1;
    double best_score = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t p = w->el[i].parent;
        boiler_above[i] = (p >= 0 ? boiler_above[p] : 0) + (w->el[i].verdict == V_BOILER);
        if (score[i] <= 0)
            continue;
        double s = score[i];
        for (int k = 0; k < boiler_above[i] && k < 8; k++)
            s *= BOILER_DISCOUNT;
        if (w->el[i].verdict == V_CONTENT)
            s *= CONTENT_BONUS;
        else if (w->el[i].verdict == V_ARTICLE_BODY)
            s *= ARTICLE_BODY_BONUS;
        if (s > best_score) {
            best_score = s;
            best = (int32_t)i;
        }
    }
    return best;
}

/* Blocks of the container that go into the article, marked in keep[]. */
static void choose_blocks(const walker *w, int32_t best, bool *keep)
{
    const elem *c = &w->el[best];
    /* elements under a boilerplate element below the container */
    size_t n = w->n_el;
    bool *boiler = calloc(n, sizeof *boiler);
    if (!boiler)
        return;
    for (size_t i = (size_t)best + 1; i < n; i++) {
        int32_t p = w->el[i].parent;
        if (w->el[i].first_block >= c->end_block)
            break;
        boiler[i] = (p > best && boiler[p]) || w->el[i].verdict == V_BOILER;
    }
    size_t first_para = SIZE_MAX, last_para = 0;
    for (size_t b = c->first_block; b < c->end_block; b++) {
        const block *bl = &w->bl[b];
        keep[b] = !(bl->owner > best && boiler[bl->owner]) && !is_link_dense(bl) &&
                  (bl->flags & B_HEADING_MASK) != 1;
        if (keep[b] && is_paragraph(bl)) {
            if (first_para == SIZE_MAX)
                first_para = b;
            last_para = b;
        }
    }
    for (size_t b = c->first_block; b < c->end_block; b++)
        if (first_para == SIZE_MAX || b < first_para || b > last_para)
            keep[b] = false;
    free(boiler);
}

/* ------------------------------------------------------------ the article */

static int assemble(walker *w, const bool *keep, html_article *out)
{
    size_t total = 1;
    for (size_t b = 0; b < w->n_bl; b++)
        if (keep[b])
            total += w->bl[b].len + 2;
    char *t = malloc(total);
    if (!t)
        return HTML_NOMEM;
    size_t j = 0;
    for (size_t b = 0; b < w->n_bl; b++) {
        if (!keep[b])
            continue;
        if (j) {
            t[j++] = '\n';
            t[j++] = '\n';
        }
        memcpy(t + j, w->tx + w->bl[b].off, w->bl[b].len);
        j += w->bl[b].len;
    }
    t[j] = '\0';
    out->text = t;
    out->len = j;
    return HTML_OK;
}

static void walker_free(walker *w)
{
    free(w->el);
    free(w->bl);
    free(w->tx);
    free(w->st);
    html_meta_free(&w->meta);
}

int html_extract(const char *html, size_t len, html_article *out)
{
    memset(out, 0, sizeof *out);
    html_filtered f;
    if (html_prefilter(html, len, &f))
        return HTML_NOMEM;
    galloc *g = calloc(1, sizeof *g);
    walker *w = calloc(1, sizeof *w);
    if (!g || !w) {
        free(g);
        free(w);
        free(f.buf);
        return HTML_NOMEM;
    }
    g->limit = GUMBO_BUDGET_BASE + GUMBO_BUDGET_PER_BYTE * f.len;
    g->next_size = 64u << 10;
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = g_alloc;
    opt.deallocator = g_free;
    opt.userdata = g;
    opt.max_errors = 0;
    /* g and w are on the heap: nothing this frame holds changes between here
     * and a longjmp from the allocator */
    int jumped = setjmp(g->jmp);
    if (jumped) {
        galloc_release(g);
        free(g);
        free(w);
        free(f.buf);
        return jumped == 1 ? HTML_TOO_COMPLEX : HTML_NOMEM;
    }
    GumboOutput *go = gumbo_parse_with_options(&opt, f.buf, f.len);

    int rc = HTML_OK;
    walk(w, go->document);
    for (int i = 0; i < f.n_jsonld; i++)
        html_meta_jsonld(&w->meta, html + f.jsonld[i].off, f.jsonld[i].len);
    galloc_release(g); /* the tree is no longer needed */
    free(g);
    free(f.buf);

    double *score = malloc((w->n_el + 1) * sizeof *score);
    double *total = malloc((w->n_el + 1) * sizeof *total);
    int *above = malloc((w->n_el + 1) * sizeof *above);
    bool *keep = calloc(w->n_bl + 1, sizeof *keep);
    if (w->oom || !score || !total || !above || !keep) {
        rc = HTML_NOMEM;
    } else {
        int32_t best = choose_container(w, score, total, above);
        if (best >= 0)
            choose_blocks(w, best, keep);
        rc = assemble(w, keep, out);
    }
    if (rc == HTML_OK)
        html_meta_finish(&w->meta, out);
    free(score);
    free(total);
    free(above);
    free(keep);
    walker_free(w);
    free(w);
    if (rc != HTML_OK)
        html_article_free(out);
    return rc;
}

void html_article_free(html_article *a)
{
    free(a->text);
    free(a->title);
    free(a->date);
    free(a->url);
    free(a->author);
    memset(a, 0, sizeof *a);
}
