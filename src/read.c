/*
 * read.c - the readers' front door: picks a reader by format and hands out one
 * petrel_input at a time. Plain text and JSON Lines live here; HTML and WARC
 * in read_html.c and read_warc.c. gzip is handled underneath, by the stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "html.h"
#include "jsonl.h"
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

/* reader_clean_date into out (NUL-terminated); false when s is no date. */
static bool clean_date_into(const char *s, char out[11])
{
    if (!s)
        return false;
    /* the loop stops at a NUL, as a strlen(s) < 10 would */
    for (int i = 0; i < 10; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if ((i == 4 || i == 7) ? s[i] != '-' : !digit)
            return false;
    }
    if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return false;
    int mo = (s[5] - '0') * 10 + (s[6] - '0'), da = (s[8] - '0') * 10 + (s[9] - '0');
    if (mo < 1 || mo > 12 || da < 1 || da > 31)
        return false;
    memcpy(out, s, 10);
    out[10] = '\0';
    return true;
}

/* "YYYY-MM-DD", or the date part of an ISO timestamp; NULL when neither. */
char *reader_clean_date(const char *s)
{
    char buf[11];
    return clean_date_into(s, buf) ? strdup(buf) : NULL;
}

/* A record with no date of its own: the one its URL's path gives, else (with
 * date_from_name) the one written in its id or file name
 * ("2016-03-10-speech.txt", "wapo_2016-03-10_trump"); NULL when neither does. */
static char *reader_name_date(const petrel_reader *rd, const char *url, const char *id)
{
    char buf[11];
    if ((url && html_name_date(url, strlen(url), buf)) ||
        (rd->opt.date_from_name && id && html_name_date(id, strlen(id), buf)))
        return strdup(buf);
    return NULL;
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
    rd->owned_date = reader_name_date(rd, NULL, rd->id);
    doc->date = rd->owned_date ? rd->owned_date : rd->opt.date;
    doc->source_file = rd->path;
    doc->source_line = 0;
    return PETREL_OK;
}


static int next_jsonl(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    for (;;) {
        const char *line;
        size_t len;
        int overlong;
        /* the limit is on the article; the line around it holds escapes and
         * the other fields, so it may be longer (within a memory bound) */
        size_t max = rd->opt.max_doc_bytes;
        size_t line_max = max > SIZE_MAX / 4 ? SIZE_MAX / 2 : max + max / 2 + 65536;
        int r = stream_line(rd->s, line_max, &line, &len, &overlong);
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
                         "line is longer than --max-doc-bytes allows (%zu bytes of text); skipped",
                         rd->opt.max_doc_bytes);
            return PETREL_ERR_TOO_BIG;
        }
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len)
            continue; /* blank line */
        if (rd->line_cap < len + 16) {
            char *nb = realloc(rd->line_buf, len + 16);
            if (!nb)
                return PETREL_ERR_NOMEM;
            rd->line_buf = nb;
            rd->line_cap = len + 16;
        }
        jsonl_record rec;
        size_t col = 0;
        const char *why = NULL;
        if (jsonl_parse(line, len, rd->line_buf, &rec, &col, &why)) {
            if (!strcmp(why, "not an object"))
                reader_error(rd, err, PETREL_ERR_INPUT, rd->line,
                             "a JSONL line must be an object with \"id\" and \"text\"");
            else
                reader_error(rd, err, PETREL_ERR_INPUT, rd->line, "bad JSON at column %zu: %s",
                             col, why);
            return PETREL_ERR_INPUT;
        }
        if (rec.kind[JF_TEXT] != 's') {
            reader_error(rd, err, PETREL_ERR_INPUT, rd->line,
                         rec.kind[JF_TEXT] ? "\"text\" must be a string" : "no \"text\" field");
            return PETREL_ERR_INPUT;
        }
        if (rec.length[JF_TEXT] > max) {
            reader_error(rd, err, PETREL_ERR_TOO_BIG, rd->line,
                         "article is larger than --max-doc-bytes (%zu bytes); skipped", max);
            return PETREL_ERR_TOO_BIG;
        }
        const char *id;
        if (rec.kind[JF_ID] == 's' || rec.kind[JF_ID] == 'n') {
            id = rec.value[JF_ID]; /* in line_buf, as the text is */
        } else {
            /* no id: name it by where it came from, so it can be found again */
            char buf[600];
            char *b = reader_id_from_path(rd->path);
            snprintf(buf, sizeof buf, "%s-%ld", b ? b : "line", rd->line);
            free(b);
            id = rd->id = strdup(buf);
            if (rec.kind[JF_ID])
                reader_warn(rd, "\"id\" is not a string or number; using %s", buf);
        }
        const char *date = rec.kind[JF_DATE] == 's' ? rec.value[JF_DATE] : NULL;
        const char *clean = NULL;
        if (date) {
            if (clean_date_into(date, rd->date_buf))
                clean = rd->date_buf;
            else if (*date)
                reader_warn(rd, "\"date\" \"%.40s\" is not YYYY-MM-DD; ignored", date);
        }
        doc->id = id;
        doc->text = rec.value[JF_TEXT];
        doc->len = rec.length[JF_TEXT];
        doc->url = rec.kind[JF_URL] == 's' ? rec.value[JF_URL] : NULL;
        if (!clean)
            clean = rd->owned_date = reader_name_date(rd, doc->url, id);
        doc->date = clean ? clean : rd->opt.date;
        doc->title = rec.kind[JF_TITLE] == 's' ? rec.value[JF_TITLE] : NULL;
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
    free(rd->line_buf);
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
