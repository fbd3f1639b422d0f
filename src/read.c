/*
 * read.c - the readers' front door: picks a reader by format and hands out one
 * petrel_input at a time. Plain text and JSON Lines live here; HTML and WARC
 * in read_html.c and read_warc.c. gzip is handled underneath, by the stream.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "petrel.h"
#include "read.h"

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !strncasecmp(s + n - k, suf, k);
}

/* Format from the file name, looking through a .gz suffix. */
petrel_input_format reader_format_for(const char *path)
{
    size_t n = strlen(path);
    if (ends_with(path, n, ".gz"))
        n -= 3;
    if (ends_with(path, n, ".jsonl") || ends_with(path, n, ".ndjson") ||
        ends_with(path, n, ".json"))
        return PETREL_FMT_JSONL;
    if (ends_with(path, n, ".html") || ends_with(path, n, ".htm") ||
        ends_with(path, n, ".xhtml"))
        return PETREL_FMT_HTML;
    if (ends_with(path, n, ".warc") || ends_with(path, n, ".arc"))
        return PETREL_FMT_WARC;
    return PETREL_FMT_TEXT;
}

/* The id of a one-article file: its name without folders and extensions. */
char *reader_id_from_path(const char *path)
{
    if (!strcmp(path, "-"))
        return strdup("stdin");
    const char *b = base_name(path);
    size_t n = strlen(b);
    if (ends_with(b, n, ".gz"))
        n -= 3;
    static const char *const exts[] = {".txt", ".text", ".html", ".htm", ".xhtml", NULL};
    for (int i = 0; exts[i]; i++)
        if (ends_with(b, n, exts[i])) {
            n -= strlen(exts[i]);
            break;
        }
    return strndup(b, n);
}

static void reader_error(petrel_reader *rd, petrel_error *err, petrel_status code, long line,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void reader_error(petrel_reader *rd, petrel_error *err, petrel_status code, long line,
                         const char *fmt, ...)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", rd->path);
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

petrel_reader *petrel_reader_open(const char *path, const petrel_reader_options *opt,
                                  petrel_error *err)
{
    petrel_reader *rd = calloc(1, sizeof *rd);
    if (!rd)
        return NULL;
    if (opt)
        rd->opt = *opt;
    if (!rd->opt.max_doc_bytes)
        rd->opt.max_doc_bytes = PETREL_DEFAULT_MAX_DOC_BYTES;
    rd->path = strdup(path);
    rd->s = stream_open(path, err);
    if (!rd->s || !rd->path) {
        petrel_reader_close(rd);
        return NULL;
    }
    rd->fmt = rd->opt.format;
    if (rd->fmt == PETREL_FMT_AUTO)
        rd->fmt = strcmp(path, "-") ? reader_format_for(path) : PETREL_FMT_TEXT;
    if (rd->fmt == PETREL_FMT_HTML || rd->fmt == PETREL_FMT_WARC) {
        if (reader_markup_open(rd, err)) {
            petrel_reader_close(rd);
            return NULL;
        }
    }
    return rd;
}

void petrel_reader_stats_get(const petrel_reader *rd, petrel_reader_stats *out)
{
    out->records = rd->records;
    out->skipped_other = rd->skipped_other;
    out->warnings = rd->warnings;
}

const char *petrel_reader_warning(const petrel_reader *rd)
{
    return rd->warning[0] ? rd->warning : NULL;
}

static void clear_record(petrel_reader *rd)
{
    if (rd->json) {
        json_decref(rd->json);
        rd->json = NULL;
    }
    free(rd->id);
    free(rd->owned_text);
    free(rd->owned_title);
    free(rd->owned_url);
    free(rd->owned_date);
    rd->id = rd->owned_text = rd->owned_title = rd->owned_url = rd->owned_date = NULL;
    rd->warning[0] = '\0';
}

void reader_warn(petrel_reader *rd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rd->warning, sizeof rd->warning, fmt, ap);
    va_end(ap);
    rd->warnings++;
}

/* "YYYY-MM-DD", or the date part of an ISO timestamp; NULL when neither. */
char *reader_clean_date(const char *s)
{
    if (!s || strlen(s) < 10)
        return NULL;
    for (int i = 0; i < 10; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if ((i == 4 || i == 7) ? s[i] != '-' : !digit)
            return NULL;
    }
    if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return NULL;
    int mo = (s[5] - '0') * 10 + (s[6] - '0'), da = (s[8] - '0') * 10 + (s[9] - '0');
    if (mo < 1 || mo > 12 || da < 1 || da > 31)
        return NULL;
    return strndup(s, 10);
}

static int next_text(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    if (rd->done)
        return PETREL_EOF;
    rd->done = true;
    const char *data;
    size_t len;
    int more;
    stream_rest(rd->s, rd->opt.max_doc_bytes, &data, &len, &more);
    const char *w = stream_warning(rd->s);
    if (more) {
        reader_error(rd, err, PETREL_ERR_TOO_BIG, 0,
                     "article is larger than --max-doc-bytes (%zu bytes); skipped",
                     rd->opt.max_doc_bytes);
        return PETREL_ERR_TOO_BIG;
    }
    if (w && !len) {
        reader_error(rd, err, PETREL_ERR_INPUT, 0, "%s", w);
        return PETREL_ERR_INPUT;
    }
    if (w)
        reader_warn(rd, "%s; coding what was read", w);
    rd->owned_text = malloc(len + 1);
    rd->id = reader_id_from_path(rd->path);
    if (!rd->owned_text || !rd->id)
        return PETREL_ERR_NOMEM;
    memcpy(rd->owned_text, data, len);
    rd->owned_text[len] = '\0';
    rd->records++;
    doc->id = rd->id;
    doc->text = rd->owned_text;
    doc->len = len;
    doc->date = rd->opt.date;
    doc->source_file = rd->path;
    doc->source_line = 0;
    return PETREL_OK;
}

/* ------------------------------------------------------------ JSON Lines fast path */

/* Nearly every JSON Lines record is one object of a few string (or null)
 * fields. jansson builds a tree and reads the line a character at a time
 * through a stream, about 150 instructions a byte: on short records (one
 * sentence each) that was a fifth of the whole run. This reads such a record
 * in one pass and hands anything else -- numbers, booleans, nested values,
 * escaped or non-ASCII keys, duplicate keys, control characters, bad UTF-8,
 * \u0000, lone surrogates, trailing bytes -- to jansson, which decides (and
 * words the errors) exactly as before. What it accepts, jansson accepts with
 * the same strings. */

enum { FJ_MAX_KEYS = 32 };

typedef struct fast_field {
    const char *key;
    size_t klen;
    bool null;
    size_t off, len; /* decoded string in rd->fast */
} fast_field;

static bool fast_reserve(petrel_reader *rd, size_t need)
{
    if (need <= rd->fast_cap)
        return true;
    size_t cap = rd->fast_cap ? rd->fast_cap : 4096;
    while (cap < need)
        cap *= 2;
    char *b = realloc(rd->fast, cap);
    if (!b)
        return false;
    rd->fast = b;
    rd->fast_cap = cap;
    return true;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF, as jansson checks), 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* A JSON string from p (just after its opening quote), decoded into
 * rd->fast at *at; returns the position after its closing quote, NULL to
 * give up. */
static const char *fast_string(petrel_reader *rd, const char *p, const char *end, size_t *at)
{
    /* decoding never makes a string longer than its source */
    if (!fast_reserve(rd, *at + (size_t)(end - p) + 1))
        return NULL;
    char *o = rd->fast + *at;
    for (;;) {
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\' &&
               (unsigned char)*p < 0x80)
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p >= end)
            return NULL;
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *o++ = '\0';
            *at = (size_t)(o - rd->fast);
            return p + 1;
        }
        if (c < 0x20)
            return NULL;
        if (c >= 0x80) {
            size_t n = utf8_seq((const unsigned char *)p, (const unsigned char *)end);
            if (!n)
                return NULL;
            memcpy(o, p, n);
            o += n;
            p += n;
            continue;
        }
        /* an escape */
        if (end - p < 2)
            return NULL;
        char e = p[1];
        p += 2;
        switch (e) {
        case '"': *o++ = '"'; continue;
        case '\\': *o++ = '\\'; continue;
        case '/': *o++ = '/'; continue;
        case 'b': *o++ = '\b'; continue;
        case 'f': *o++ = '\f'; continue;
        case 'n': *o++ = '\n'; continue;
        case 'r': *o++ = '\r'; continue;
        case 't': *o++ = '\t'; continue;
        case 'u': break;
        default: return NULL;
        }
        if (end - p < 4)
            return NULL;
        int32_t cp = hex4(p);
        p += 4;
        if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
            return NULL; /* \u0000 and lone low surrogates are jansson's errors */
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
                return NULL;
            int lo = hex4(p + 2);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return NULL;
            p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        /* \uXXXX is 6 bytes of source, at most 3 of UTF-8 (a pair: 12 and 4) */
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | cp >> 6);
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *o++ = (char)(0xE0 | cp >> 12);
            *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xF0 | cp >> 18);
            *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
            *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* The fields of a flat object of strings and nulls; false: let jansson read it. */
static bool fast_object(petrel_reader *rd, const char *line, size_t len, fast_field *f, int *nf)
{
    const char *p = line, *end = line + len;
    size_t at = 0;
    *nf = 0;
    p = skip_ws(p, end);
    if (p >= end || *p != '{')
        return false;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}')
        return false; /* no "text": jansson's message */
    for (;;) {
        if (p >= end || *p != '"' || *nf >= FJ_MAX_KEYS)
            return false;
        const char *k = ++p;
        while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20 &&
               (unsigned char)*p < 0x80)
            p++;
        if (p >= end || *p != '"')
            return false;
        fast_field *fl = &f[*nf];
        fl->key = k;
        fl->klen = (size_t)(p - k);
        for (int i = 0; i < *nf; i++)
            if (f[i].klen == fl->klen && !memcmp(f[i].key, k, fl->klen))
                return false; /* a duplicate: jansson rejects it */
        p = skip_ws(p + 1, end);
        if (p >= end || *p != ':')
            return false;
        p = skip_ws(p + 1, end);
        if (p < end && *p == '"') {
            fl->null = false;
            fl->off = at;
            p = fast_string(rd, p + 1, end, &at);
            if (!p)
                return false;
            fl->len = at - 1 - fl->off;
        } else if (end - p >= 4 && !memcmp(p, "null", 4)) {
            fl->null = true;
            fl->off = fl->len = 0;
            p += 4;
        } else {
            return false;
        }
        ++*nf;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}')
            break;
        return false;
    }
    return skip_ws(p + 1, end) == end;
}

static const fast_field *fast_get(const fast_field *f, int nf, const char *key)
{
    size_t n = strlen(key);
    for (int i = 0; i < nf; i++)
        if (f[i].klen == n && !memcmp(f[i].key, key, n))
            return &f[i];
    return NULL;
}

static const char *fast_str(const petrel_reader *rd, const fast_field *f)
{
    return f && !f->null ? rd->fast + f->off : NULL;
}

/* The record from a line fast_object read: what the jansson path below
 * makes of the same object. */
static int fast_record(petrel_reader *rd, petrel_input *doc, const fast_field *f, int nf,
                       petrel_error *err)
{
    const fast_field *text = fast_get(f, nf, "text");
    if (!text || text->null) {
        reader_error(rd, err, PETREL_ERR_INPUT, rd->line,
                     text ? "\"text\" must be a string" : "no \"text\" field");
        return PETREL_ERR_INPUT;
    }
    const fast_field *id = fast_get(f, nf, "id");
    if (id && !id->null) {
        rd->id = strdup(rd->fast + id->off);
    } else {
        char buf[600];
        char *b = reader_id_from_path(rd->path);
        snprintf(buf, sizeof buf, "%s-%ld", b ? b : "line", rd->line);
        free(b);
        rd->id = strdup(buf);
        if (id)
            reader_warn(rd, "\"id\" is not a string or integer; using %s", buf);
    }
    const char *date = fast_str(rd, fast_get(f, nf, "date"));
    if (date) {
        rd->owned_date = reader_clean_date(date);
        if (!rd->owned_date && *date)
            reader_warn(rd, "\"date\" \"%.40s\" is not YYYY-MM-DD; ignored", date);
    }
    doc->id = rd->id;
    doc->text = rd->fast + text->off;
    doc->len = text->len;
    doc->date = rd->owned_date ? rd->owned_date : rd->opt.date;
    doc->url = fast_str(rd, fast_get(f, nf, "url"));
    doc->title = fast_str(rd, fast_get(f, nf, "title"));
    doc->source_file = rd->path;
    doc->source_line = rd->line;
    rd->records++;
    return PETREL_OK;
}

static const char *json_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int next_jsonl(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    for (;;) {
        const char *line;
        size_t len;
        int overlong;
        int r = stream_line(rd->s, rd->opt.max_doc_bytes, &line, &len, &overlong);
        if (r == 0) {
            const char *w = stream_warning(rd->s);
            if (w && !rd->warned_end) {
                rd->warned_end = true;
                reader_error(rd, err, PETREL_ERR_INPUT, rd->line + 1, "%s", w);
                return PETREL_ERR_INPUT;
            }
            return PETREL_EOF;
        }
        if (r < 0) {
            reader_error(rd, err, PETREL_ERR_IO, rd->line, "%s",
                         stream_warning(rd->s) ? stream_warning(rd->s) : "read error");
            return PETREL_ERR_IO;
        }
        rd->line++;
        if (overlong) {
            reader_error(rd, err, PETREL_ERR_TOO_BIG, rd->line,
                         "line is longer than --max-doc-bytes (%zu bytes); skipped",
                         rd->opt.max_doc_bytes);
            return PETREL_ERR_TOO_BIG;
        }
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len)
            continue; /* blank line */
        fast_field ff[FJ_MAX_KEYS];
        int nff;
        if (fast_object(rd, line, len, ff, &nff))
            return fast_record(rd, doc, ff, nff, err);
        json_error_t je;
        json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
        if (!obj) {
            reader_error(rd, err, PETREL_ERR_INPUT, rd->line, "bad JSON at column %d: %s",
                         je.column, je.text);
            return PETREL_ERR_INPUT;
        }
        if (!json_is_object(obj)) {
            json_decref(obj);
            reader_error(rd, err, PETREL_ERR_INPUT, rd->line,
                         "a JSONL line must be an object with \"id\" and \"text\"");
            return PETREL_ERR_INPUT;
        }
        json_t *text = json_object_get(obj, "text");
        if (!json_is_string(text)) {
            json_decref(obj);
            reader_error(rd, err, PETREL_ERR_INPUT, rd->line,
                         text ? "\"text\" must be a string" : "no \"text\" field");
            return PETREL_ERR_INPUT;
        }
        rd->json = obj;
        json_t *id = json_object_get(obj, "id");
        if (json_is_string(id)) {
            rd->id = strdup(json_string_value(id));
        } else if (json_is_integer(id)) {
            char buf[32];
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(id));
            rd->id = strdup(buf);
        } else {
            /* no id: name it by where it came from, so it can be found again */
            char buf[600];
            char *b = reader_id_from_path(rd->path);
            snprintf(buf, sizeof buf, "%s-%ld", b ? b : "line", rd->line);
            free(b);
            rd->id = strdup(buf);
            if (id)
                reader_warn(rd, "\"id\" is not a string or integer; using %s", buf);
        }
        const char *date = json_str(obj, "date");
        if (date) {
            rd->owned_date = reader_clean_date(date);
            if (!rd->owned_date && *date)
                reader_warn(rd, "\"date\" \"%.40s\" is not YYYY-MM-DD; ignored", date);
        }
        doc->id = rd->id;
        doc->text = json_string_value(text);
        doc->len = json_string_length(text);
        doc->date = rd->owned_date ? rd->owned_date : rd->opt.date;
        doc->url = json_str(obj, "url");
        doc->title = json_str(obj, "title");
        doc->source_file = rd->path;
        doc->source_line = rd->line;
        rd->records++;
        return PETREL_OK;
    }
}

int petrel_reader_next(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    clear_record(rd);
    memset(doc, 0, sizeof *doc);
    switch (rd->fmt) {
    case PETREL_FMT_JSONL:
        return next_jsonl(rd, doc, err);
    case PETREL_FMT_HTML:
    case PETREL_FMT_WARC:
        return reader_markup_next(rd, doc, err);
    default:
        return next_text(rd, doc, err);
    }
}

void petrel_reader_close(petrel_reader *rd)
{
    if (!rd)
        return;
    clear_record(rd);
    reader_markup_close(rd);
    stream_close(rd->s);
    free(rd->fast);
    free(rd->path);
    free(rd);
}

bool petrel_date_is_valid(const char *s)
{
    if (!s || strlen(s) != 10)
        return false;
    char *d = reader_clean_date(s);
    if (!d)
        return false;
    free(d);
    int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > mdays[m - 1])
        return false;
    if (m == 2 && day == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return false;
    return true;
}
