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

/* ASCII letters and digits: most of any text, one table look-up a byte. */
static const bool ascii_alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static inline bool is_alnum(int32_t cp)
{
    if (cp < 0x80) /* no Unicode tables, no call */
        return cp >= 0 && ascii_alnum[cp];
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
        if (ascii_alnum[b]) {
            uint32_t k = j + 1;
            while (k < end && ascii_alnum[s[k]])
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
    while (k < end && ascii_alnum[s[k]])
        k++;
    if (k > i && (k >= end || ends_word(s[k])))
        return k;
    return scan_word_joined(s, i, end, flags);
}

static void set_case_flags(const unsigned char *s, tok *t);

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
        /* ASCII with capitals is lowercased into the arena, and the letters
         * counted for the case flags; anything else goes through text_key
         * (NFC, case folding, accents) and set_case_flags. */
        h = 0xcbf29ce484222325ull;
        uint32_t letters = 0, capitals = 0;
        bool first_cap = false;
        for (i = 0; i < n; i++) {
            unsigned char c = s[i];
            if (c >= 0x80)
                break;
            if (c >= 'A' && c <= 'Z') {
                first_cap |= letters == 0;
                capitals++;
                letters++;
                c += 32;
            } else if (c >= 'a' && c <= 'z') {
                letters++;
            }
            h = (h ^ c) * 0x100000001b3ull;
        }
        if (word && i == n) {
            if (first_cap)
                t->flags |= TF_CAP;
            if (letters >= 2 && capitals == letters)
                t->flags |= TF_ALLCAPS;
        } else if (word) {
            set_case_flags((const unsigned char *)text, t);
        }
        if (i == n) {
            char *k = arena_alloc(a, n + 1);
            if (k) {
                for (uint32_t j = 0; j < n; j++)
                    k[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
                k[n] = '\0';
            }
            t->key = k ? k : "";
            t->key_len = (uint16_t)(k ? (n > 0xFFFF ? 0xFFFF : n) : 0);
            t->hash = k ? hash_finish(h) : hash_bytes("", 0);
        } else {
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

int tokenize(const lexicon *lx, arena *a, const char *text, uint32_t start, uint32_t end,
             tok_vec *out)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t i = start;
    size_t first = out->len;
    bool space_before = true, newline_before = false, hyphen_after = false;
    while (i < end) {
        size_t ni = i;
        int32_t cp = utf8_next(s, end, &ni);
        if (uc_is_space(cp) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            space_before = true;
            if (cp == '\n' || cp == 0x2028)
                newline_before = true;
            i = (uint32_t)ni;
            continue;
        }
        tok *t = VEC_PUSH(a, out);
        if (!t)
            return PETREL_ERR_NOMEM;
        bool word = false; /* t comes zeroed */
        t->start = i;
        if (space_before)
            t->flags |= TF_SPACE_BEFORE;
        if (newline_before)
            t->flags |= TF_NEWLINE_BEFORE;
        space_before = newline_before = false;
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
            default: {
                /* straight marks and ’: face the way the spaces say */
                bool sp_before = pv < 0 || uc_is_space(pv) || is_open_bracket(pv) ||
                                 uc_is_dash(pv) || pv == 0x201C || pv == 0x2018 || pv == '"';
                bool sp_after = nx < 0 || uc_is_space(nx) || nx == ',' || nx == '.' ||
                                nx == ';' || nx == ':' || nx == ')' || nx == ']' || nx == '!' ||
                                nx == '?' || uc_is_dash(nx) || nx == 0x2026 || is_quote_char(nx);
                if (cp == 0x2019 || cp == 0x201B) /* ’ mostly closes */
                    t->quote |= sp_before && !sp_after ? QC_OPEN : QC_CLOSE;
                else if (sp_before && !sp_after)
                    t->quote |= QC_OPEN;
                else if (sp_after && !sp_before)
                    t->quote |= QC_CLOSE;
                else if (sp_before && sp_after)
                    ; /* standing alone: leave undecided */
                else if (pv >= 0 && (uc_is_letter(pv) || uc_is_digit(pv)))
                    t->quote |= QC_CLOSE; /* word"word: rare, guess close */
                break;
            }
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
        i = t->end;
        if (hyphen_after) {
            hyphen_after = false;
            space_before = true;
            i++;
        } else if (i < end) {
            int32_t after = cp_at(s, end, i);
            if (uc_is_space(after))
                t->flags |= TF_SPACE_AFTER;
        } else {
            t->flags |= TF_SPACE_AFTER;
        }
    }
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
    for (uint32_t p = 0; p < d->paras.len; p++) {
        para *pa = &d->paras.items[p];
        pa->tok_begin = d->toks.len;
        int rc = tokenize(d->lex, d->a, d->text, pa->start, pa->end, &d->toks);
        if (rc)
            return rc;
        pa->tok_end = d->toks.len;
        if (pa->tok_end > pa->tok_begin)
            d->toks.items[pa->tok_begin].flags |= TF_SPACE_BEFORE;
        for (uint32_t k = pa->tok_begin; k < pa->tok_end; k++)
            d->toks.items[k].sent = UINT32_MAX;
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
        if (pa->dropped)
            continue;
        uint32_t first = pa->tok_begin;
        uint32_t end = pa->tok_end;
        if (first == end)
            continue;
        tok *toks = d->toks.items;
        uint32_t sstart = first;
        for (uint32_t k = first; k < end; k++) {
            uint32_t after;
            if (k + 1 < end && !boundary_after(d, toks, k, end, &after))
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
