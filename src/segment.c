#include "segment.h"

#include <string.h>

#include "text.h"
#include "wordclass.h"

/* ------------------------------------------------------------ characters */

static bool is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

static bool is_quote_char(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
    case 0x300C: case 0x300D:
        return true;
    default:
        return false;
    }
}

/* ASCII letters and digits, most of any text, by one table look-up a byte:
 * their byte in a key (lower case); 0 for any other byte. */
static const unsigned char alnum_key[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
    ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k',
    ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
    ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
    ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm',
    ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

static inline bool is_alnum(int32_t cp)
{
    if (cp < 0x80) /* no Unicode tables, no call */
        return cp >= 0 && alnum_key[cp] != 0;
    return uc_is_letter(cp) || uc_is_digit(cp) || uc_is_mark(cp);
}

static bool is_open_bracket(int32_t cp) { return cp == '(' || cp == '[' || cp == '{'; }

static int32_t cp_at(const unsigned char *s, uint32_t end, uint32_t i)
{
    if (i >= end)
        return -1;
    size_t k = i;
    return utf8_next(s, end, &k);
}

static int32_t cp_before(const unsigned char *s, uint32_t floor, uint32_t i)
{
    if (i <= floor)
        return -1;
    size_t k = i;
    return utf8_prev(s, &k);
}

/* ------------------------------------------------------------ tokens */

/* Contractions split off a word, as treebanks do: the verb or possessive
 * matters to later stages ("they've supplied", "Iran's"). "n't" stays on its
 * verb (didn't) and is read as negation by the events stage. */
static bool is_split_suffix(const unsigned char *s, uint32_t i, uint32_t end, uint32_t *suf_end,
                            bool *possessive)
{
    uint32_t j = i;
    char buf[4];
    int n = 0;
    while (j < end && n < 3) {
        unsigned char c = s[j];
        if (!((c | 32) >= 'a' && (c | 32) <= 'z'))
            break;
        buf[n++] = (char)(c | 32);
        j++;
    }
    if (n == 0 || n > 2)
        return false;
    if (j < end) {
        int32_t nx = cp_at(s, end, j);
        if (is_alnum(nx))
            return false;
    }
    buf[n] = 0;
    *possessive = n == 1 && buf[0] == 's';
    if (*possessive || !strcmp(buf, "re") || !strcmp(buf, "ve") || !strcmp(buf, "ll") ||
        !strcmp(buf, "d") || !strcmp(buf, "m")) {
        *suf_end = j;
        return true;
    }
    return false;
}

/* Does this byte, after a letter or digit, end the word? Any ASCII byte
 * does but those that scan_word_joined may join to what follows; a
 * non-ASCII one is decoded there. */
static inline bool ends_word(unsigned char b)
{
    return b < 0x80 && b != '-' && b != '.' && b != ',' && b != '\'' && b != '&';
}

static uint32_t scan_word_joined(const unsigned char *s, uint32_t i, uint32_t end,
                                 uint16_t *flags)
{
    uint32_t j = i;
    int32_t prev = -1;
    while (j < end) {
        unsigned char b = s[j];
        if (alnum_key[b]) {
            uint32_t k = j + 1;
            while (k < end && alnum_key[s[k]])
                k++;
            prev = s[k - 1];
            j = k;
            continue;
        }
        if (ends_word(b))
            break;
        size_t nj = j;
        int32_t cp = utf8_next(s, end, &nj);
        if (is_alnum(cp)) {
            prev = cp;
            j = (uint32_t)nj;
            continue;
        }
        int32_t nx = cp_at(s, end, (uint32_t)nj);
        if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && prev >= 0 && is_alnum(prev) &&
            is_alnum(nx)) {
            *flags |= TF_HYPHENATED;
            prev = cp;
            j = (uint32_t)nj;
            continue;
        }
        if (cp == '.' && prev >= 0 && uc_is_digit(prev) && nx >= 0 && uc_is_digit(nx)) {
            prev = cp;
            j = (uint32_t)nj;
            continue;
        }
        if (cp == ',' && prev >= 0 && uc_is_digit(prev)) {
            /* thousands: exactly three digits follow */
            uint32_t k = (uint32_t)nj;
            int d = 0;
            while (k < end && s[k] >= '0' && s[k] <= '9' && d < 4) {
                k++;
                d++;
            }
            if (d == 3 && (k >= end || !uc_is_digit(cp_at(s, end, k)))) {
                prev = cp;
                j = (uint32_t)nj;
                continue;
            }
            break;
        }
        if (is_apostrophe(cp) && prev >= 0 && uc_is_letter(prev) && nx >= 0 && uc_is_letter(nx)) {
            uint32_t suf_end;
            bool poss;
            if (is_split_suffix(s, (uint32_t)nj, end, &suf_end, &poss))
                break;
            prev = cp;
            j = (uint32_t)nj;
            continue;
        }
        if (cp == '&' && prev >= 0 && uc_is_upper(prev) && nx >= 0 && uc_is_upper(nx)) {
            prev = cp;
            j = (uint32_t)nj;
            continue;
        }
        break;
    }
    return j;
}

/* The end of the word from s[i]. Most words are a run of ASCII letters and
 * digits followed by a byte that cannot join anything to them: that case is
 * decided here, inline; the rest (non-ASCII letters, hyphens, decimal points,
 * thousands, apostrophes, AT&T) by scan_word_joined. */
static inline uint32_t scan_word(const unsigned char *s, uint32_t i, uint32_t end,
                                 uint16_t *flags)
{
    uint32_t k = i;
    while (k < end && alnum_key[s[k]])
        k++;
    if (k > i && (k >= end || ends_word(s[k])))
        return k;
    return scan_word_joined(s, i, end, flags);
}

static void set_case_flags(const unsigned char *s, tok *t);

/* The key of an ASCII token with a capital, lowercased into the arena, and
 * (word) its case flags, in one pass (h is the key's hash, already computed):
 * set_key's and the fast paths' way with such tokens. */
static void ascii_caps_key(arena *a, const unsigned char *s, uint32_t n, uint64_t h, tok *t,
                           bool word)
{
    char *k = arena_alloc(a, n + 1);
    uint32_t letters = 0, capitals = 0;
    bool first_cap = false;
    for (uint32_t j = 0; j < n; j++) {
        unsigned char c = s[j];
        if (c >= 'A' && c <= 'Z') {
            first_cap |= letters == 0;
            capitals++;
            letters++;
            c += 32;
        } else if (c >= 'a' && c <= 'z') {
            letters++;
        }
        if (k)
            k[j] = (char)c;
    }
    if (word && first_cap)
        t->flags |= TF_CAP;
    if (word && letters >= 2 && capitals == letters)
        t->flags |= TF_ALLCAPS;
    if (k) {
        k[n] = '\0';
        t->key = k;
        t->key_len = (uint16_t)(n > 0xFFFF ? 0xFFFF : n);
        t->hash = hash_finish(h);
    } else {
        t->key = "";
        t->key_len = 0;
        t->hash = hash_bytes("", 0);
    }
}

/* A word's key, and (word) its case flags, which set_case_flags would give. */
static void set_key(arena *a, const char *text, tok *t, bool word)
{
    const unsigned char *s = (const unsigned char *)text + t->start;
    uint32_t n = t->end - t->start;
    /* The hash is computed on the way (the same FNV-1a as hash_bytes). Five
     * tokens in six are lower-case ASCII (or digits and signs): their key is
     * the text and they have no case flags, so a first loop only hashes and
     * looks for a byte that is not so, at half the instructions a byte of
     * the second. */
    uint64_t h = 0xcbf29ce484222325ull;
    uint32_t i = 0;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 0x80 || (unsigned)(c - 'A') < 26u)
            break;
        h = (h ^ c) * 0x100000001b3ull;
    }
    if (i == n) {
        t->key = (const char *)s;
        t->key_len = (uint16_t)(n > 0xFFFF ? 0xFFFF : n);
        t->hash = hash_finish(h);
    } else {
        /* ASCII with capitals is ascii_caps_key's (the hash goes on from the
         * lower-case part before it); anything else goes through text_key
         * (NFC, case folding, accents) and set_case_flags. */
        for (; i < n && s[i] < 0x80; i++)
            h = (h ^ (s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32u : s[i])) * 0x100000001b3ull;
        if (i == n) {
            ascii_caps_key(a, s, n, h, t, word);
        } else {
            if (word)
                set_case_flags((const unsigned char *)text, t);
            size_t kl = 0;
            char *k = text_key(a, (const char *)s, n, &kl);
            if (!k) { /* cannot map (should not happen on valid UTF-8): match nothing */
                t->key = "";
                t->key_len = 0;
            } else {
                t->key = k;
                t->key_len = (uint16_t)(kl > 0xFFFF ? 0xFFFF : kl);
            }
            t->hash = hash_bytes(t->key, t->key_len);
        }
    }
}

/* A token's dictionary bits, from its slot in lexicon.starts. */
static inline void dictionary_bits_of(const phrase_table *starts, uint32_t slot, tok *t)
{
    uint32_t v = ptab_get_at(starts, slot, t->hash);
    t->starts = (uint8_t)v;
    uint32_t wc = v >> START_CLASS_SHIFT;
    t->cls = wc ? petrel_word_classes[wc - 1].classes : 0;
}

/* The dictionary bits of tokens [first, len): a pass of its own after the
 * tokens are made, so the table probes of the tokens a few ahead are already
 * on their way from memory while this one is answered (one probe a token,
 * nearly all of them cache misses: the tables are larger than the cache). */
static void dictionary_bits(const lexicon *lx, tok *toks, size_t first, size_t len)
{
    /* (with no table, every token keeps the zeroes it came with) */
    if (!lx || !lx->finished || !lx->starts.cap)
        return;
    enum { AHEAD = 8 }; /* a power of two: slot[] is a ring */
    /* a copy: the stores into tokens could be into lx, for all the compiler
     * knows, and it would read the table's fields again after each */
    const phrase_table starts = lx->starts;
    uint32_t slot[AHEAD]; /* of the tokens prefetched and not yet answered */
    for (size_t j = first; j < len && j < first + AHEAD; j++) {
        slot[j % AHEAD] = ptab_slot_of(toks[j].hash, starts.cap);
        __builtin_prefetch(&starts.slots[slot[j % AHEAD]]);
    }
    size_t k = first;
    for (; k + AHEAD < len; k++) {
        uint32_t s = slot[k % AHEAD];
        slot[k % AHEAD] = ptab_slot_of(toks[k + AHEAD].hash, starts.cap);
        __builtin_prefetch(&starts.slots[slot[k % AHEAD]]);
        dictionary_bits_of(&starts, s, &toks[k]);
    }
    for (; k < len; k++) /* the last few, already on their way */
        dictionary_bits_of(&starts, slot[k % AHEAD], &toks[k]);
}

static void set_case_flags(const unsigned char *s, tok *t)
{
    size_t i = t->start;
    int letters = 0, upper = 0;
    bool first = true;
    while (i < t->end) {
        int32_t cp;
        if (s[i] < 0x80) { /* most words: no decoding */
            cp = s[i++];
            if ((unsigned)((cp | 32) - 'a') >= 26u)
                continue;
        } else {
            cp = utf8_next(s, t->end, &i);
            if (!uc_is_letter(cp))
                continue;
        }
        letters++;
        if (uc_is_upper(cp)) {
            upper++;
            if (first)
                t->flags |= TF_CAP;
        } else if (!first && upper == 0) {
            /* a lower-case letter after a lower-case first: neither capitalised
             * nor all capitals, nothing more to learn */
            break;
        }
        first = false;
    }
    if (letters >= 2 && upper == letters)
        t->flags |= TF_ALLCAPS;
}

/* uc_is_dash, without a call for ASCII */
static inline bool is_dash(int32_t cp) { return cp < 0x80 ? cp == '-' : uc_is_dash(cp); }

/* Which way a straight quote mark or ’ (cp) faces, between pv and nx (-1 at
 * the ends): the way the spaces say. QC_OPEN, QC_CLOSE or 0 (undecided). */
static uint8_t straight_quote_facing(int32_t cp, int32_t pv, int32_t nx)
{
    bool sp_before = pv < 0 || uc_is_space(pv) || is_open_bracket(pv) || is_dash(pv) ||
                     pv == 0x201C || pv == 0x2018 || pv == '"';
    bool sp_after = nx < 0 || uc_is_space(nx) || nx == ',' || nx == '.' || nx == ';' ||
                    nx == ':' || nx == ')' || nx == ']' || nx == '!' || nx == '?' ||
                    is_dash(nx) || nx == 0x2026 || is_quote_char(nx);
    if (cp == 0x2019 || cp == 0x201B) /* ’ mostly closes */
        return sp_before && !sp_after ? QC_OPEN : QC_CLOSE;
    if (sp_before && !sp_after)
        return QC_OPEN;
    if (sp_after && !sp_before)
        return QC_CLOSE;
    if (sp_before && sp_after)
        return 0; /* standing alone: leave undecided */
    if (pv >= 0 && (uc_is_letter(pv) || uc_is_digit(pv)))
        return QC_CLOSE; /* word"word: rare, guess close */
    return 0;
}

/* The token of any kind at t->start (not a space): its kind, end, flags
 * (beside those of the spaces before it, which the caller sets) and key.
 * tokenize takes most tokens on fast paths that give the same; this is the
 * whole of the rules. True when the token is "then" and the hyphen after it
 * is to be passed over ("then-president"). Not inlined: it is the rare path,
 * and inside tokenize's loop it would take registers from the fast ones. */
static __attribute__((noinline)) bool general_token(const lexicon *lx, arena *a,
                                                    const char *text, uint32_t start,
                                                    uint32_t end, tok *t)
{
    bool hyphen_after = false;
    const unsigned char *s = (const unsigned char *)text;
    uint32_t i = t->start;
    size_t ni = i;
    int32_t cp = utf8_next(s, end, &ni);
    bool word = false; /* t comes zeroed */
    int32_t nx = cp_at(s, end, (uint32_t)ni);
    /* the character before (decoded backwards) is read only for a token
     * that starts with an apostrophe or a quote mark: not for words */
    int32_t pv = is_alnum(cp) ? -1 : cp_before(s, start, i);

    if (is_alnum(cp) || (is_apostrophe(cp) && nx >= 0 && uc_is_digit(nx) &&
                         (pv < 0 || !is_alnum(pv)))) {
        uint16_t fl = 0;
        uint32_t j = is_alnum(cp) ? scan_word(s, i, end, &fl)
                                  : scan_word(s, (uint32_t)ni, end, &fl);
        /* "then-president Bill Clinton", "then-Sen. Obama": "then" is a
         * word of its own and its hyphen is passed over like a space, so
         * that the title after it is recognised, as held then */
        if ((fl & TF_HYPHENATED) && j > i + 5 && s[i + 4] == '-' && (s[i] | 0x20) == 't' &&
            !memcmp(s + i + 1, "hen", 3)) {
            j = i + 4;
            fl &= (uint16_t)~TF_HYPHENATED;
            hyphen_after = true;
        }
        t->flags |= fl;
        t->kind = uc_is_digit(cp) ? TK_NUMBER : TK_WORD;
        /* A full stop that belongs to the word: initials and dotted acronyms
         * (J. U.S. a.m.) or a listed abbreviation (Mr. Gen. Jan.). */
        if (j < end && s[j] == '.' && t->kind == TK_WORD) {
            size_t tmp = i;
            utf8_next(s, end, &tmp);
            bool one_letter = tmp == j && uc_is_letter(cp);
            if (one_letter) {
                j++;
                /* more letter-dot pairs: U.S.A. */
                for (;;) {
                    size_t k = j;
                    if (k >= end)
                        break;
                    int32_t c2 = utf8_next(s, end, &k);
                    if (!uc_is_letter(c2) || k >= end || s[k] != '.')
                        break;
                    size_t k2 = k + 1;
                    if (k2 < end && is_alnum(cp_at(s, end, (uint32_t)k2)))
                        break;
                    j = (uint32_t)k2;
                }
                t->flags |= TF_ABBREV;
            } else if (lx && lx->n_abbrevs) {
                char buf[64];
                long kl = text_key_buf((const char *)s + i, j + 1 - i, buf, sizeof buf);
                if (kl > 0 && lex_abbrev_class(lx, hash_bytes(buf, (size_t)kl),
                                               s[i] >= 'a' && s[i] <= 'z')) {
                    j++;
                    t->flags |= TF_ABBREV;
                }
            }
        }
        t->end = j;
        word = true; /* set_key sets its case flags */
    } else if (is_apostrophe(cp) && pv >= 0 && uc_is_letter(pv) && nx >= 0 &&
               uc_is_letter(nx)) {
        /* split-off suffix of a contraction or possessive: 's 're 've 'll 'd 'm */
        uint32_t suf_end;
        bool poss;
        if (is_split_suffix(s, (uint32_t)ni, end, &suf_end, &poss)) {
            t->end = suf_end;
            t->kind = TK_WORD;
            t->flags |= poss ? TF_POSSESSIVE : TF_CONTRACTION;
        } else {
            t->end = (uint32_t)ni;
            t->kind = TK_QUOTE;
            t->quote = QC_SINGLE;
        }
    } else if (is_quote_char(cp) || (cp == '`' && nx == '`')) {
        t->kind = TK_QUOTE;
        t->end = (uint32_t)ni;
        bool dbl = cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
                   cp == 0x201F || cp == 0xAB || cp == 0xBB || cp == 0x300C || cp == 0x300D;
        if (cp == '`' || (cp == '\'' && nx == '\'')) { /* `` and '' */
            t->end = (uint32_t)ni + 1;
            dbl = true;
            nx = cp_at(s, end, t->end);
        } else if ((cp == 0x2018 || cp == 0x2019) && nx == cp) {
            /* ‘‘ and ’’: a double mark typed as two single ones */
            t->end = (uint32_t)ni + 3;
            dbl = true;
            nx = cp_at(s, end, t->end);
        }
        t->quote = dbl ? QC_DOUBLE : QC_SINGLE;
        switch (cp) {
        case 0x201C: case 0x201E: case 0x00AB: case 0x2018: case 0x201A: case 0x2039:
        case 0x300C: case '`':
            t->quote |= QC_OPEN;
            break;
        case 0x201D: case 0x00BB: case 0x203A: case 0x300D:
            t->quote |= QC_CLOSE;
            break;
        default:
            t->quote |= straight_quote_facing(cp, pv, nx);
            break;
        }
        /* "allies' " : an apostrophe after a plural s is a possessive */
        if (!(t->quote & QC_DOUBLE) && (t->quote & QC_CLOSE) && pv == 's' &&
            (cp == '\'' || cp == 0x2019))
            t->flags |= TF_POSSESSIVE;
    } else if (cp == '.') {
        uint32_t j = (uint32_t)ni;
        int dots = 1;
        while (j < end && (s[j] == '.' || (s[j] == ' ' && j + 1 < end && s[j + 1] == '.' &&
                                           dots < 4 && (dots > 1 || s[j - 1] == '.')))) {
            if (s[j] == '.')
                dots++;
            j++;
        }
        if (dots >= 3) {
            t->kind = TK_ELLIPSIS;
            t->end = j;
        } else {
            t->kind = TK_PUNCT;
            t->end = (uint32_t)ni;
        }
    } else if (cp == 0x2026) {
        t->kind = TK_ELLIPSIS;
        t->end = (uint32_t)ni;
    } else if (uc_is_dash(cp)) {
        uint32_t j = (uint32_t)ni;
        while (j < end && s[j] == '-')
            j++;
        t->kind = TK_DASH;
        t->end = j;
    } else if (cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '(' ||
               cp == ')' || cp == '[' || cp == ']' || cp == '{' || cp == '}' || cp == '/' ||
               cp == 0x00BF || cp == 0x00A1) {
        t->kind = TK_PUNCT;
        t->end = (uint32_t)ni;
    } else {
        t->kind = TK_SYMBOL;
        t->end = (uint32_t)ni;
    }
    set_key(a, text, t, word);
    return hyphen_after;
}

/* ------------------------------------------------------------ tokenize's fast paths */

/* Most tokens are ASCII words, numbers and one-byte signs between ASCII
 * spaces. tokenize takes them on the fast paths below, a byte at a time with
 * tables, and gives each exactly what general_token would give it; anything
 * they do not decide outright (non-ASCII, single and backquotes, apostrophes
 * that begin a token, hyphens and dashes, ellipses, initials, 3.5 and 1,000)
 * goes to general_token. */

/* FNV-1a as hash_bytes runs it: a key's hash is computed on the way. */
#define FNV_BASIS 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* What a byte is to tokenize, in the order its tests use. */
enum byte_class {
    BC_NEWLINE, /* \n */
    BC_SPACE,   /* ' ' \t \v \f \r, the ASCII uc_is_space */
    BC_GAP,     /* other control characters and DEL: passed over, but no space */
    BC_ALNUM,   /* letters and digits */
    BC_PUNCT,   /* , ; : ! ? ( ) [ ] { } /: a token of their own, TK_PUNCT */
    BC_SYMBOL,  /* # $ % & * + < = > @ \ ^ _ | ~: a token of their own, TK_SYMBOL */
    BC_OTHER,   /* " ' ` - . : rules of their own (general_token, but " and . mostly fast) */
    BC_UTF8,    /* not ASCII: decoded */
};
#define N_ BC_NEWLINE
#define S_ BC_SPACE
#define G_ BC_GAP
#define A_ BC_ALNUM
#define P_ BC_PUNCT
#define Y_ BC_SYMBOL
#define O_ BC_OTHER
#define U_ BC_UTF8
static const uint8_t byte_class[256] = {
    G_, G_, G_, G_, G_, G_, G_, G_, G_, S_, N_, S_, S_, S_, G_, G_, /* 0x00 */
    G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, G_, /* 0x10 */
    S_, P_, O_, Y_, Y_, Y_, Y_, O_, P_, P_, Y_, Y_, P_, O_, O_, P_, /*  !"#$%&'()*+,-./ */
    A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, P_, P_, Y_, Y_, Y_, P_, /* 0-9 :;<=>? */
    Y_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, /* @ A-O */
    A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, P_, Y_, P_, Y_, Y_, /* P-Z [\]^_ */
    O_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, /* ` a-o */
    A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, P_, Y_, P_, Y_, G_, /* p-z {|}~ DEL */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* 0x80 */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* 0xF0 */
};
#undef N_
#undef S_
#undef G_
#undef A_
#undef P_
#undef Y_
#undef O_
#undef U_

/* Fast path: a word or number at t->start (an ASCII letter or digit) made of
 * ASCII letters and digits, that ends where scan_word ends it outright:
 * before a space or a sign that joins nothing, a full stop or comma after a
 * letter, or an apostrophe that does not join (Iran's). One loop finds the
 * end, hashes the key and notes capitals; a full stop after the word is taken
 * as general_token takes it for a listed abbreviation (Mr. Gen.). False, t
 * untouched, for anything else (hyphens, don't, AT&T, 3.5 and 1,000,
 * non-ASCII, initials: J. U.S.), which general_token takes from the start.
 * The caller makes sure that a byte other than a letter or digit comes
 * before the end of the range: the loop does not look for the end. */
static inline bool fast_word(const lexicon *lx, arena *a, const unsigned char *s, uint32_t end,
                             tok *t)
{
    const unsigned char *w = s + t->start, *p = w;
    uint64_t h = FNV_BASIS;
    uint64_t all = 0xFF; /* the bits all bytes have: of letters and digits, only
                          * capitals lack 0x20 */
    for (;;) {
        uint64_t c = *p, l = alnum_key[c];
        if (!l)
            break;
        all &= c;
        h = (h ^ l) * FNV_PRIME;
        p++;
    }
    bool number = *w <= '9'; /* digits sort before letters */
    uint16_t flags = 0;
    unsigned char c = *p;
    if (c != ' ') {
        if (c >= 0x80 || c == '-' || c == '&')
            return false;
        /* an apostrophe joins a letter to a letter unless a split-off suffix
         * follows (Iran's they've, but don't rock'n'roll) */
        if (c == '\'' && p[-1] > '9') {
            uint32_t k = (uint32_t)(p - s) + 1, suf_end;
            bool poss;
            if (k < end && s[k] >= 0x80)
                return false; /* perhaps a letter */
            if (k < end && (s[k] | 32) >= 'a' && (s[k] | 32) <= 'z' &&
                !is_split_suffix(s, k, end, &suf_end, &poss))
                return false;
        }
        if (c == '.' || c == ',') {
            if (p[-1] <= '9') /* 3.5 1,000 */
                return false;
            if (c == '.' && !number) {
                if (p == w + 1) /* an initial, or U.S. */
                    return false;
                /* a listed abbreviation takes its full stop: general_token
                 * asks with the key text_key_buf gives (for ASCII under 64
                 * bytes with the stop: lower case), whose hash is h's bytes
                 * and a stop */
                if (lx && lx->n_abbrevs && p + 1 - w < 64) {
                    uint64_t hs = (h ^ '.') * FNV_PRIME;
                    if (lex_abbrev_class(lx, hash_finish(hs), *w >= 'a' && *w <= 'z')) {
                        h = hs;
                        p++;
                        flags = TF_ABBREV;
                    }
                }
            }
        }
    }
    uint32_t n = (uint32_t)(p - w);
    t->kind = number ? TK_NUMBER : TK_WORD;
    t->end = t->start + n;
    t->flags |= flags;
    if (all & 0x20) { /* no capital: the key is the text, and no case flags */
        t->key = (const char *)w;
        t->key_len = (uint16_t)(n > 0xFFFF ? 0xFFFF : n);
        t->hash = hash_finish(h);
    } else {
        ascii_caps_key(a, w, n, h, t, true);
    }
    return true;
}

/* Fast path: the word at t->start when letters and digits run from it to the
 * end of the range (the last word of most names in a dictionary), which
 * fast_word leaves: it ends there, as scan_word ends it. */
static void fast_last_word(arena *a, const unsigned char *s, uint32_t end, tok *t)
{
    const unsigned char *w = s + t->start;
    uint32_t n = end - t->start;
    uint64_t h = FNV_BASIS, all = 0xFF;
    for (uint32_t j = 0; j < n; j++) {
        all &= w[j];
        h = (h ^ alnum_key[w[j]]) * FNV_PRIME;
    }
    t->kind = *w <= '9' ? TK_NUMBER : TK_WORD;
    t->end = end;
    if (all & 0x20) {
        t->key = (const char *)w;
        t->key_len = (uint16_t)(n > 0xFFFF ? 0xFFFF : n);
        t->hash = hash_finish(h);
    } else {
        ascii_caps_key(a, w, n, h, t, true);
    }
}

/* A token of one ASCII byte (not a capital): its end and key, the byte itself. */
static inline void one_byte_key(const unsigned char *s, tok *t)
{
    t->end = t->start + 1;
    t->key = (const char *)s + t->start;
    t->key_len = 1;
    t->hash = hash_finish((FNV_BASIS ^ s[t->start]) * FNV_PRIME);
}

/* Fast path: a sign of one ASCII byte that is a token of its own (, ; ( $ %
 * and the like, and a full stop not in an ellipsis). */
static inline void fast_sign(const unsigned char *s, uint8_t bc, tok *t)
{
    t->kind = bc == BC_SYMBOL ? TK_SYMBOL : TK_PUNCT;
    one_byte_key(s, t);
}

/* Fast path: a straight double quote mark with ASCII (or an end of the range)
 * on both sides, as general_token takes it. False for a neighbour that is not
 * ASCII, which general_token decodes. */
static inline bool fast_quote(const unsigned char *s, uint32_t start, uint32_t end, tok *t)
{
    uint32_t i = t->start;
    int32_t pv = i > start ? s[i - 1] : -1, nx = i + 1 < end ? s[i + 1] : -1;
    if (pv >= 0x80 || nx >= 0x80)
        return false;
    t->kind = TK_QUOTE;
    t->quote = QC_DOUBLE | straight_quote_facing('"', pv, nx);
    one_byte_key(s, t);
    return true;
}

/* A full stop that is not part of an ellipsis: no other follows it, at once
 * or after a space (general_token counts ". . ." as one). */
static inline bool lone_stop(const unsigned char *s, uint32_t i, uint32_t end)
{
    uint32_t j = i + 1;
    if (j < end && s[j] == ' ')
        j++;
    return j >= end || s[j] != '.';
}

int tokenize(const lexicon *lx, arena *a, const char *text, uint32_t start, uint32_t end,
             tok_vec *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t first = out->len;
    if (start >= end)
        return PETREL_OK;
    /* An array to point into (no arithmetic on NULL): none yet is grown now
     * rather than at the first token, as VEC_PUSH would; nothing else is
     * allocated before that. */
    if (!out->cap && !vec_grow(a, &out->items, 0, &out->cap, sizeof *out->items))
        return PETREL_ERR_NOMEM;
    /* the next free slot and the end of the room: pointers in locals, as a
     * store into a token could be one into *out, for all the compiler knows */
    tok *t = out->items + out->len, *room = out->items + out->cap;
    /* where the letters and digits that run to the end of the range begin: a
     * word from there is fast_last_word's, so that fast_word, from anywhere
     * before, finds a byte to stop at before the end */
    uint32_t tail = end;
    while (tail > start && alnum_key[s[tail - 1]])
        tail--;
    uint16_t pending = TF_SPACE_BEFORE; /* what the spaces passed give the next token */
    uint32_t i = start;
    uint8_t bc = byte_class[s[i]]; /* the class of s[i], once read */
    while (i < end) {
        if (bc <= BC_GAP) { /* fast path: ASCII spaces and control characters */
            pending |= bc == BC_NEWLINE ? TF_SPACE_BEFORE | TF_NEWLINE_BEFORE : TF_SPACE_BEFORE;
            if (++i < end)
                bc = byte_class[s[i]];
            continue;
        }
        if (bc == BC_UTF8) {
            size_t ni = i;
            int32_t cp = utf8_next_slow(s, end, &ni);
            /* decoded, not by its first byte: an invalid sequence decodes to anything */
            if (uc_is_space(cp) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
                pending |= cp == '\n' || cp == 0x2028 ? TF_SPACE_BEFORE | TF_NEWLINE_BEFORE
                                                      : TF_SPACE_BEFORE;
                i = (uint32_t)ni;
                if (i < end)
                    bc = byte_class[s[i]];
                continue;
            }
        }
        if (t == room) { /* full: grown as VEC_PUSH grows it */
            uint32_t len = (uint32_t)(t - out->items);
            if (!vec_grow(a, &out->items, len, &out->cap, sizeof *t)) {
                out->len = len;
                return PETREL_ERR_NOMEM;
            }
            t = out->items + len;
            room = out->items + out->cap;
        }
        memset(t, 0, sizeof *t); /* zeroed, as VEC_PUSH gives it */
        t->start = i;
        t->flags = pending;
        pending = 0;
        if (bc == BC_ALNUM && i >= tail) {
            fast_last_word(a, s, end, t);
        } else if (bc == BC_ALNUM && fast_word(lx, a, s, end, t)) {
        } else if (bc == BC_PUNCT || bc == BC_SYMBOL || (s[i] == '.' && lone_stop(s, i, end))) {
            fast_sign(s, bc, t);
        } else if (s[i] == '"' && fast_quote(s, start, end, t)) {
        } else if (general_token(lx, a, text, start, end, t)) {
            /* "then-": its hyphen is passed over like a space */
            pending = TF_SPACE_BEFORE;
            i = t++->end + 1;
            bc = byte_class[s[i]]; /* a letter or digit follows the hyphen */
            continue;
        }
        i = t->end;
        if (i >= end) {
            t++->flags |= TF_SPACE_AFTER;
            break;
        }
        bc = byte_class[s[i]];
        if (bc <= BC_SPACE || (bc == BC_UTF8 && uc_is_space(cp_at(s, end, i))))
            t->flags |= TF_SPACE_AFTER;
        t++;
    }
    out->len = (uint32_t)(t - out->items);
    dictionary_bits(lx, out->items, first, out->len);
    return PETREL_OK;
}

/* ------------------------------------------------------------ paragraphs */

typedef struct line {
    uint32_t start, end; /* trimmed */
    bool blank;
} line;

static uint32_t count_cps(const unsigned char *s, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t i = a; i < b; i++)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

/* A line that runs on into the next one: long, and its last character cannot
 * end a paragraph. Short lines ("Dear friends,") and lines ending in . ! ? : or
 * a closing quote stand alone. */
static bool runs_on(const unsigned char *s, const line *prev)
{
    if (count_cps(s, prev->start, prev->end) < 40)
        return false;
    size_t k = prev->end;
    int32_t last = utf8_prev(s, &k);
    if (last < 0)
        return false;
    return is_alnum(last) || last == ',' || last == ';' || uc_is_dash(last) || last == '(';
}

/* Is one of the 8 bytes at most '\r' or 0xE2 (the bytes segment_paragraphs
 * stops at)? */
static bool may_end_line8(uint64_t v)
{
    return swar_has_less(v, '\r' + 1) || swar_has_byte(v, 0xE2);
}

int segment_paragraphs(doc *d)
{
    const unsigned char *s = (const unsigned char *)d->text;
    uint32_t n = (uint32_t)d->len;
    uint32_t i = 0;
    bool open = false;
    line prev = {0, 0, true};
    para cur = {0, 0, false};
    while (i <= n) {
        /* find the end of this line */
        uint32_t ls = i, le = i;
        size_t k = i;
        uint32_t next = n + 1;
        bool hard_break = false; /* U+2029 paragraph separator */
        /* bytewise: in UTF-8 no byte of another character equals these; eight
         * at a time to the word that holds one */
        for (uint64_t v; n - k >= 8; k += 8) {
            memcpy(&v, s + k, 8);
            if (may_end_line8(v))
                break;
        }
        while (k < n) {
            unsigned char b = s[k];
            if (b > '\r' && b != 0xE2) {
                k++;
                continue;
            }
            size_t at = k;
            int32_t cp = utf8_next(s, n, &k);
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x0B ||
                cp == 0x0C) {
                le = (uint32_t)at;
                if (cp == '\r' && k < n && s[k] == '\n')
                    k++;
                next = (uint32_t)k;
                hard_break = cp == 0x2029 || cp == 0x0C;
                goto found;
            }
        }
        le = n;
    found:;
        /* trim */
        uint32_t ts = ls, te = le;
        while (ts < te) {
            size_t q = ts;
            int32_t cp = utf8_next(s, te, &q);
            if (!uc_is_space(cp))
                break;
            ts = (uint32_t)q;
        }
        while (te > ts) {
            size_t q = te;
            int32_t cp = utf8_prev(s, &q);
            if (!uc_is_space(cp))
                break;
            te = (uint32_t)q;
        }
        line ln = {ts, te, ts == te};
        if (ln.blank) {
            if (open) {
                para *p = VEC_PUSH(d->a, &d->paras);
                if (!p)
                    return PETREL_ERR_NOMEM;
                *p = cur;
                open = false;
            }
        } else if (open && !prev.blank && runs_on(s, &prev)) {
            cur.end = ln.end;
        } else {
            if (open) {
                para *p = VEC_PUSH(d->a, &d->paras);
                if (!p)
                    return PETREL_ERR_NOMEM;
                *p = cur;
            }
            cur = (para){ln.start, ln.end, 0, 0, false};
            open = true;
        }
        prev = ln;
        if (hard_break && open) {
            para *p = VEC_PUSH(d->a, &d->paras);
            if (!p)
                return PETREL_ERR_NOMEM;
            *p = cur;
            open = false;
            prev.blank = true;
        }
        if (next > n)
            break;
        i = next;
    }
    if (open) {
        para *p = VEC_PUSH(d->a, &d->paras);
        if (!p)
            return PETREL_ERR_NOMEM;
        *p = cur;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ sentences */

/* Words that start sentences but rarely follow an abbreviation inside one:
 * after "U.S." or "Inc." one of these means a new sentence began. */
static const char *const sentence_starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "in", "on", "at", "but",
    "and", "this", "that", "these", "those", "there", "his", "her", "its", "their", "our",
    "meanwhile", "however", "after", "before", "when", "while", "if", "as", "for", "since",
    "some", "many", "most", "one", "both", "earlier", "later", "last", "on", "so", "yet",
    "still", "also", "what", "why", "how", "who", "officials", "nor", "no", NULL};

static bool is_sentence_starter(const tok *t)
{
    for (int i = 0; sentence_starters[i]; i++)
        if (tok_is(t, sentence_starters[i]))
            return true;
    return false;
}

static bool is_terminal(const tok *t)
{
    if (t->kind == TK_ELLIPSIS)
        return true;
    if (t->kind != TK_PUNCT)
        return false;
    return tok_is(t, ".") || tok_is(t, "!") || tok_is(t, "?");
}

static bool is_closer(const tok *t)
{
    if (t->kind == TK_QUOTE)
        return (t->quote & QC_CLOSE) || !(t->quote & QC_OPEN);
    return t->kind == TK_PUNCT && (tok_is(t, ")") || tok_is(t, "]"));
}

static bool starts_lower(const doc *d, const tok *t)
{
    if (t->kind != TK_WORD)
        return false;
    size_t i = t->start;
    int32_t cp = utf8_next((const unsigned char *)d->text, t->end, &i);
    return uc_is_lower(cp);
}

/* "...!" Tavakoli said. -- a quote ending in . ! ? whose speaker follows: the
 * attribution belongs to the same sentence. */
static bool cue_follows(const doc *d, const tok *toks, uint32_t j, uint32_t end)
{
    const lexicon *lx = d->lex;
    uint32_t lim = j + 5 < end ? j + 5 : end;
    for (uint32_t k = j; k < lim; k++) {
        const tok *t = &toks[k];
        if (is_terminal(t))
            return false;
        if (t->kind == TK_WORD && lx) {
            uint32_t b = 0;
            if (lex_match(&lx->tables[LT_CUE], toks, k, end, &b) &&
                lx->cues.items[lx->bindings.items[b - 1].entry].kind == CUE_SPEECH)
                return true;
        }
    }
    return false;
}

/* Can a sentence end at t: a terminal (is_terminal) or a word that took its
 * full stop? Most tokens are neither, and are passed over with no call to
 * boundary_after. */
static inline bool may_end_sentence(const tok *t)
{
    return ((1u << t->kind) & (1u << TK_PUNCT | 1u << TK_ELLIPSIS)) ||
           (t->kind == TK_WORD && (t->flags & TF_ABBREV));
}

/* Is there a sentence boundary right after token k (plus its closers)? *after
 * receives the index of the first token of the next sentence. */
static bool boundary_after(const doc *d, const tok *toks, uint32_t k, uint32_t end,
                           uint32_t *after)
{
    const tok *t = &toks[k];
    bool abbrev = t->kind == TK_WORD && (t->flags & TF_ABBREV);
    if (!is_terminal(t) && !abbrev)
        return false;
    uint32_t j = k + 1;
    bool closed_quote = false;
    while (j < end && (is_closer(&toks[j]) || is_terminal(&toks[j]))) {
        if (toks[j].kind == TK_QUOTE)
            closed_quote = true;
        j++;
    }
    *after = j;
    if (j >= end)
        return true;
    const tok *nx = &toks[j];
    if (starts_lower(d, nx))
        return false;
    if (nx->kind == TK_PUNCT && !tok_is(nx, "(") && !tok_is(nx, "["))
        return false; /* "U.S.," and the like */
    if (abbrev) {
        if (closed_quote)
            return true;
        if (t->end - t->start <= 3 && !(t->flags & TF_ALLCAPS)) {
            /* an initial (J.) or a one-letter abbreviation: part of a name */
            size_t i = t->start;
            utf8_next((const unsigned char *)d->text, t->end, &i);
            if (d->text[i] == '.')
                return false;
        }
        char buf[64];
        long kl = text_key_buf(d->text + t->start, t->end - t->start, buf, sizeof buf);
        int cls = kl > 0 && d->lex ? lex_abbrev_class(d->lex, hash_bytes(buf, (size_t)kl), false)
                                   : 0;
        if (cls == AB_TITLE)
            return false;
        if (cls == AB_MONTH && nx->kind == TK_NUMBER)
            return false;
        /* "based in Mount Prospect, Ill. Kaya gave": a state after its town
         * and a comma is followed by one only when the sentence goes on */
        if (cls == AB_PLACE && k >= 2 && tok_is(&toks[k - 1], ",") &&
            (toks[k - 2].flags & TF_CAP) && nx->kind == TK_WORD && (nx->flags & TF_CAP))
            return true;
        if (nx->kind == TK_QUOTE && (nx->quote & QC_OPEN))
            return true;
        return nx->kind == TK_WORD && (nx->flags & TF_CAP) && is_sentence_starter(nx);
    }
    if (t->kind == TK_ELLIPSIS && !closed_quote) {
        /* "if... it becomes": a pause, not an end */
        return nx->kind != TK_WORD || (nx->flags & TF_CAP);
    }
    /* "Why?" he asked. -- only ! and ?: a quote that ends in a full stop is a
     * sentence of its own; its attribution would have taken a comma. */
    if (closed_quote && nx->kind == TK_WORD && !tok_is(t, ".") && cue_follows(d, toks, j, end))
        return false;
    return true;
}

int segment_tokens(doc *d)
{
    /* Room for the tokens at once: news prose runs about five bytes a token,
     * and growing from 16 copied the array twice a short document. Past the
     * cap, a long text grows its array as before. */
    size_t guess = d->len / 4 + 16;
    if (guess > (1u << 16))
        guess = 1u << 16;
    if (d->paras.len && !VEC_RESERVE(d->a, &d->toks, (uint32_t)guess))
        return PETREL_ERR_NOMEM;
    for (uint32_t p = 0; p < d->paras.len; p++) {
        para *pa = &d->paras.items[p];
        pa->tok_begin = d->toks.len;
        int rc = tokenize(d->lex, d->a, d->text, pa->start, pa->end, &d->toks);
        if (rc)
            return rc;
        pa->tok_end = d->toks.len;
        if (pa->tok_end > pa->tok_begin)
            d->toks.items[pa->tok_begin].flags |= TF_SPACE_BEFORE;
    }
    return PETREL_OK;
}

/* ------------------------------------------------------------ title case */

static bool has_class(const tok *t, uint64_t cls) { return (t->cls & cls) != 0; }

/* Words that prose writes in small letters inside a sentence, and headline
 * style capitalises: one of them capitalised mid-sentence marks a headline. */
static bool headline_small_word(const tok *t)
{
    return t->kind == TK_WORD && has_class(t, WC_HEADLINE_SMALL);
}

/* "Senate Rejects Trade Bill Over Labor Rules": most words capitalised,
 * small words too; or, in a paragraph of its own, every word but small ones
 * ("Senate Rejects Trade Bill over Labor Rules"). */
static bool is_title_case(const doc *d, const sent *s)
{
    const tok *toks = d->toks.items;
    uint32_t words = 0, caps = 0, small_caps = 0, small_lower = 0;
    for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
        const tok *t = &toks[k];
        if (t->kind != TK_WORD)
            continue;
        words++;
        if (t->flags & TF_CAP) {
            caps++;
            /* not an article: "told The Washington Post" is prose */
            if (k > s->tok_begin && !(t->flags & TF_ALLCAPS) && t->key_len > 1 &&
                headline_small_word(t) && !has_class(t, WC_DETERMINER))
                small_caps++;
        } else if (headline_small_word(t)) {
            small_lower++;
        }
    }
    if (words >= 3 && small_caps && caps * 4 >= words * 3)
        return true;
    return caps >= 4 && caps + small_lower == words && sent_is_paragraph(d, s);
}

enum { SEEN_SMALL = 1, SEEN_CAP_INSIDE = 2 };

static uint8_t *seen_slot(uint64_t *keys, uint8_t *bits, uint32_t mask, uint64_t h)
{
    if (!h)
        h = 1;
    uint32_t i = (uint32_t)(h >> 32) & mask;
    while (keys[i] && keys[i] != h)
        i = (i + 1) & mask;
    keys[i] = h;
    return &bits[i];
}

/* A headline in title case capitalises common words, which would read as
 * names ("Harbour Strike Threatens Winter Ferries"). Such a word loses its
 * capital when the rest of the text writes it in small letters, or it is a
 * small word or a pattern verb, unless the text also capitalises it inside a
 * sentence (a name: "Paris"). The text's other sentences decide, as a
 * reader would. */
static int truecase_headlines(doc *d)
{
    uint32_t nheadlines = 0;
    for (uint32_t si = 0; si < d->sents.len; si++)
        if (is_title_case(d, &d->sents.items[si])) {
            d->sents.items[si].title_case = true;
            nheadlines++;
        }
    if (!nheadlines)
        return PETREL_OK;
    uint32_t cap = 64;
    while (cap < 2 * d->toks.len)
        cap *= 2;
    uint64_t *keys = arena_zalloc(d->a, cap * sizeof *keys);
    uint8_t *bits = arena_zalloc(d->a, cap);
    if (!keys || !bits)
        return PETREL_ERR_NOMEM;
    tok *toks = d->toks.items;
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        if (s->title_case)
            continue;
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            const tok *t = &toks[k];
            if (t->kind != TK_WORD)
                continue;
            if (!(t->flags & TF_CAP))
                *seen_slot(keys, bits, cap - 1, t->hash) |= SEEN_SMALL;
            else if (k > s->tok_begin && !(t->flags & TF_ALLCAPS))
                *seen_slot(keys, bits, cap - 1, t->hash) |= SEEN_CAP_INSIDE;
        }
    }
    for (uint32_t si = 0; si < d->sents.len; si++) {
        const sent *s = &d->sents.items[si];
        if (!s->title_case)
            continue;
        for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
            tok *t = &toks[k];
            if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_ALLCAPS))
                continue;
            uint8_t seen = *seen_slot(keys, bits, cap - 1, t->hash);
            if (seen & SEEN_CAP_INSIDE)
                continue;
            /* a name the dictionary knows ("Ban Ki-moon Urges Calm"), or a
             * given name before another capitalised word ("Rush Limbaugh") */
            uint32_t bind;
            if (!headline_small_word(t) &&
                (((t->starts & SB_ACTOR) &&
                  lex_match(&d->lex->tables[LT_ACTOR], toks, k, s->tok_end, &bind)) ||
                 ((t->starts & SB_GIVEN) && k + 1 < s->tok_end && (toks[k + 1].flags & TF_CAP))))
                continue;
            if ((seen & SEEN_SMALL) || headline_small_word(t) || (t->starts & SB_VERB))
                t->flags &= (uint16_t)~TF_CAP;
        }
    }
    return PETREL_OK;
}

int segment_sentences(doc *d)
{
    for (uint32_t p = 0; p < d->paras.len; p++) {
        para *pa = &d->paras.items[p];
        if (pa->dropped) {
            /* in no sentence; the tokens of the others are each given theirs */
            for (uint32_t k = pa->tok_begin; k < pa->tok_end; k++)
                d->toks.items[k].sent = UINT32_MAX;
            continue;
        }
        uint32_t first = pa->tok_begin;
        uint32_t end = pa->tok_end;
        if (first == end)
            continue;
        tok *toks = d->toks.items;
        uint32_t sstart = first;
        for (uint32_t k = first; k < end; k++) {
            uint32_t after;
            if (k + 1 < end && (!may_end_sentence(&toks[k]) ||
                                !boundary_after(d, toks, k, end, &after)))
                continue;
            if (k + 1 >= end)
                after = end;
            if (after <= sstart)
                continue;
            sent *s = VEC_PUSH(d->a, &d->sents);
            if (!s)
                return PETREL_ERR_NOMEM;
            s->tok_begin = sstart;
            s->tok_end = after;
            s->start = toks[sstart].start;
            s->end = toks[after - 1].end;
            s->para = p;
            uint32_t si = d->sents.len - 1;
            for (uint32_t q = sstart; q < after; q++)
                toks[q].sent = si;
            toks[sstart].flags |= TF_SENT_START;
            sstart = after;
            k = after - 1;
        }
    }
    return truecase_headlines(d);
}
