/*
 * read_warc.c - web archives: WARC 1.0/1.1 (and the older ARC), plain or
 * gzip-compressed a record a member (the stream inflates the members in a
 * row). Each HTML `response` or `resource` record becomes one article; other
 * records (warcinfo, request, metadata, images, PDFs, redirects) are counted
 * and passed over without being held in memory.
 *
 * A damaged archive is read as far as it goes: a truncated last member is a
 * skipped record with a message, the records before it are coded; junk
 * between records is skipped up to the next "WARC/" line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "html.h"
#include "read_markup.h"

/* Header lines longer than this are not a WARC header. */
#define MAX_HEADER_LINE 65536
/* HTTP headers are looked for in this many bytes at the start of a block. */
#define MAX_HTTP_HEADER 65536

typedef struct warc {
    bool arc; /* the old ARC format: one header line a record */
    bool warned_end;
    char *file_id;
} warc;

int warc_open(petrel_reader *rd, petrel_error *err)
{
    (void)err;
    warc *w = calloc(1, sizeof *w);
    if (!w)
        return PETREL_ERR_NOMEM;
    w->file_id = reader_id_from_path(rd->path);
    if (!w->file_id) {
        free(w);
        return PETREL_ERR_NOMEM;
    }
    /* the id of a .warc file keeps nothing of the name's extensions */
    char *dot = strstr(w->file_id, ".warc");
    if (!dot)
        dot = strstr(w->file_id, ".arc");
    if (dot)
        *dot = '\0';
    rd->markup = w;
    return PETREL_OK;
}

void warc_close(petrel_reader *rd)
{
    warc *w = rd->markup;
    if (!w)
        return;
    free(w->file_id);
    free(w);
    rd->markup = NULL;
}

/* ------------------------------------------------------------ small parsing */

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* "Name: value" when the line's name is `name`: the trimmed value. */
static bool header_is(const char *line, size_t len, const char *name, const char **value,
                      size_t *value_len)
{
    size_t k = strlen(name);
    if (len <= k || strncasecmp(line, name, k) || line[k] != ':')
        return false;
    size_t s = k + 1, e = len;
    while (s < e && is_space(line[s]))
        s++;
    while (e > s && (is_space(line[e - 1]) || line[e - 1] == '\r'))
        e--;
    *value = line + s;
    *value_len = e - s;
    return true;
}

static char *dup_value(const char *v, size_t n, size_t cap)
{
    if (n > cap)
        n = cap;
    return strndup(v, n);
}

static bool media_type_is(const char *ct, const char *want)
{
    if (!ct)
        return false;
    while (is_space(*ct))
        ct++;
    size_t k = strlen(want);
    return !strncasecmp(ct, want, k) && (ct[k] == '\0' || ct[k] == ';' || is_space(ct[k]));
}

static bool is_html_type(const char *ct)
{
    return media_type_is(ct, "text/html") || media_type_is(ct, "application/xhtml+xml") ||
           media_type_is(ct, "application/xhtml");
}

/* No declared type: does the payload look like a page? */
static bool sniff_html(const char *p, size_t n)
{
    if (n > 1024)
        n = 1024;
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", NULL};
    for (int k = 0; starts[k]; k++) {
        size_t l = strlen(starts[k]);
        if (n - i >= l && !strncasecmp(p + i, starts[k], l))
            return true;
    }
    return false;
}

/* ------------------------------------------------------------ HTTP payloads */

/* Undo chunked transfer coding in place; false when the body is not chunked
 * after all (some archivers de-chunk but keep the header). */
static bool dechunk(char *p, size_t *len)
{
    size_t i = 0, j = 0, n = *len;
    bool any = false;
    while (i < n) {
        size_t size = 0;
        int digits = 0;
        while (i < n) {
            char c = p[i];
            int v = c >= '0' && c <= '9' ? c - '0'
                    : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                               : -1;
            if (v < 0)
                break;
            if (size > (SIZE_MAX >> 4))
                return false;
            size = size * 16 + (size_t)v;
            digits++;
            i++;
        }
        if (!digits)
            return any && j > 0 ? (*len = j, true) : false;
        /* chunk extensions, then CRLF */
        while (i < n && p[i] != '\n')
            i++;
        if (i >= n)
            break;
        i++;
        if (size == 0) {
            *len = j;
            return true;
        }
        if (size > n - i)
            size = n - i; /* a cut-off last chunk: keep what is there */
        memmove(p + j, p + i, size);
        j += size;
        i += size;
        any = true;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
    }
    if (!any)
        return false;
    *len = j;
    return true;
}

/* gzip or zlib/raw deflate, into a new buffer of at most max bytes. Returns 0,
 * 1 when the result would pass max, -1 on corrupt data or no memory. */
static int inflate_body(const char *in, size_t n, size_t max, char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    bool gz = n >= 2 && (unsigned char)in[0] == 0x1f && (unsigned char)in[1] == 0x8b;
    bool zlib_hdr = n >= 2 && ((unsigned char)in[0] & 0x0f) == 8 &&
                    (((unsigned char)in[0] << 8) | (unsigned char)in[1]) % 31 == 0;
    if (inflateInit2(&z, gz ? 15 + 16 : zlib_hdr ? 15 : -15) != Z_OK)
        return -1;
    size_t cap = n * 4 + 4096;
    if (cap > max + 1)
        cap = max + 1;
    char *buf = malloc(cap);
    if (!buf) {
        inflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    size_t got = 0;
    int zr;
    for (;;) {
        if (got == cap) {
            if (cap > max) {
                free(buf);
                inflateEnd(&z);
                return 1;
            }
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                inflateEnd(&z);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        z.next_out = (Bytef *)buf + got;
        z.avail_out = (uInt)(cap - got);
        zr = inflate(&z, Z_NO_FLUSH);
        got = cap - z.avail_out;
        if (zr == Z_STREAM_END || (zr == Z_BUF_ERROR && z.avail_in == 0))
            break; /* done, or the body was cut off: keep what decoded */
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            inflateEnd(&z);
            if (got > 0)
                break;
            free(buf);
            return -1;
        }
    }
    inflateEnd(&z);
    if (got > max) {
        free(buf);
        return 1;
    }
    *out = buf;
    *out_len = got;
    return 0;
}

/* ------------------------------------------------------------ records */

typedef struct record {
    char *type, *id, *uri, *date, *content_type;
    long long length;
    bool has_length;
} record;

static void record_free(record *r)
{
    free(r->type);
    free(r->id);
    free(r->uri);
    free(r->date);
    free(r->content_type);
    memset(r, 0, sizeof *r);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* A bounded search: header values are not NUL-terminated. */
static bool has_word(const char *v, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(v + i, w, k))
            return true;
    return false;
}

/* Strip <...> and urn:uuid: from a record id. */
static char *clean_record_id(const char *v, size_t n)
{
    if (n && v[0] == '<') {
        v++;
        n--;
    }
    if (n && v[n - 1] == '>')
        n--;
    if (n >= 9 && !strncasecmp(v, "urn:uuid:", 9)) {
        v += 9;
        n -= 9;
    }
    return n ? strndup(v, n) : NULL;
}

/* The next record's header. 1 when one was read, 0 at the end, -1 on a read
 * error, -2 on a header that cannot be read, -3 when the data ends in junk
 * (err filled for -2 and -3). */
static int read_header(petrel_reader *rd, warc *w, record *r, petrel_error *err)
{
    const char *line;
    size_t len;
    int overlong;
    long junk = 0;
    /* find the version line, passing blank lines and junk */
    for (;;) {
        int got = stream_line(rd->s, MAX_HEADER_LINE, &line, &len, &overlong);
        if (got < 0)
            return got;
        if (got == 0) {
            if (!junk)
                return 0;
            markup_error(rd, err, PETREL_ERR_INPUT, rd->line + 1,
                         rd->line ? "%ld line%s of junk at the end of the archive"
                                  : "not a WARC file (%ld line%s and no \"WARC/1.x\" record header)",
                         junk, junk == 1 ? "" : "s");
            return -3;
        }
        if (!len && !overlong)
            continue;
        if (len >= 5 && !memcmp(line, "WARC/", 5))
            break;
        if (rd->line == 0 && !junk && len > 10 && has_word(line, len, "://") &&
            (!strncmp(line, "filedesc://", 11) || !strncmp(line, "http", 4))) {
            w->arc = true; /* ARC: "URL IP DATE TYPE LENGTH" */
            break;
        }
        if (w->arc)
            break;
        junk++;
    }
    if (junk)
        reader_warn(rd, "%ld line%s of junk before record %ld skipped", junk, junk == 1 ? "" : "s",
                    rd->line + 1);
    rd->line++;
    if (w->arc) {
        /* URL IP-address Archive-date Content-type Archive-length */
        const char *f[5];
        size_t fl[5];
        int k = 0;
        size_t i = 0;
        while (k < 5 && i < len) {
            while (i < len && line[i] == ' ')
                i++;
            size_t s = i;
            while (i < len && line[i] != ' ')
                i++;
            if (i > s) {
                f[k] = line + s;
                fl[k++] = i - s;
            }
        }
        if (k < 5 || i < len) {
            /* a URL with spaces: the last three fields are still at the end */
            if (k < 5) {
                markup_error(rd, err, PETREL_ERR_IO, rd->line,
                             "not a WARC or ARC record header; stopped");
                return -2;
            }
        }
        r->uri = strndup(f[0], fl[0]);
        r->type = strdup(fl[0] >= 9 && !strncmp(f[0], "filedesc:", 9) ? "warcinfo" : "response");
        if (fl[2] >= 8 && all_digits(f[2], 8))
            r->date = strndup(f[2], 8);
        r->content_type = strndup(f[3], fl[3]);
        char *end;
        char num[32];
        snprintf(num, sizeof num, "%.*s", (int)(fl[4] < 31 ? fl[4] : 31), f[4]);
        r->length = strtoll(num, &end, 10);
        r->has_length = *end == '\0' && r->length >= 0;
        if (r->date) { /* YYYYMMDD to YYYY-MM-DD */
            char d[11];
            snprintf(d, sizeof d, "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
            free(r->date);
            r->date = strdup(d);
        }
        return 1;
    }
    for (;;) {
        int got = stream_line(rd->s, MAX_HEADER_LINE, &line, &len, &overlong);
        if (got <= 0)
            return got < 0 ? got : 0;
        if (!len && !overlong)
            return 1;
        const char *v;
        size_t vl;
        /* a repeated header: the last one counts */
        if (header_is(line, len, "WARC-Type", &v, &vl)) {
            free(r->type);
            r->type = dup_value(v, vl, 64);
        } else if (header_is(line, len, "WARC-Record-ID", &v, &vl)) {
            free(r->id);
            r->id = clean_record_id(v, vl < 512 ? vl : 512);
        } else if (header_is(line, len, "WARC-Target-URI", &v, &vl)) {
            if (vl >= 2 && v[0] == '<' && v[vl - 1] == '>') {
                v++;
                vl -= 2;
            }
            free(r->uri);
            r->uri = dup_value(v, vl, 4096);
        } else if (header_is(line, len, "WARC-Date", &v, &vl)) {
            free(r->date);
            r->date = dup_value(v, vl, 64);
        } else if (header_is(line, len, "Content-Type", &v, &vl)) {
            free(r->content_type);
            r->content_type = dup_value(v, vl, 256);
        } else if (header_is(line, len, "Content-Length", &v, &vl)) {
            char num[32], *end;
            snprintf(num, sizeof num, "%.*s", (int)(vl < 31 ? vl : 31), v);
            r->length = strtoll(num, &end, 10);
            r->has_length = vl > 0 && *end == '\0' && r->length >= 0;
        }
    }
}

/* Parsed HTTP response head. */
typedef struct http_head {
    int status;
    size_t body_off;
    char content_type[256], encoding[32];
    bool chunked;
} http_head;

static bool parse_http(const char *p, size_t n, http_head *h)
{
    memset(h, 0, sizeof *h);
    if (n > MAX_HTTP_HEADER)
        n = MAX_HTTP_HEADER;
    if (n < 12 || strncmp(p, "HTTP/", 5))
        return false;
    const char *sp = memchr(p, ' ', n);
    if (!sp || (size_t)(sp - p) + 4 > n)
        return false;
    size_t at = (size_t)(sp - p) + 1;
    for (int k = 0; k < 3 && at < n && p[at] >= '0' && p[at] <= '9'; k++)
        h->status = h->status * 10 + (p[at++] - '0');
    size_t i = 0;
    for (;;) {
        const char *nl = memchr(p + i, '\n', n - i);
        if (!nl)
            return false; /* headers longer than we look at */
        size_t e = (size_t)(nl - p);
        size_t ll = e - i;
        if (ll && p[e - 1] == '\r')
            ll--;
        if (i > 0 && ll == 0) {
            h->body_off = e + 1;
            return true;
        }
        const char *v;
        size_t vl;
        if (i > 0) {
            if (header_is(p + i, ll, "Content-Type", &v, &vl))
                snprintf(h->content_type, sizeof h->content_type, "%.*s", (int)vl, v);
            else if (header_is(p + i, ll, "Content-Encoding", &v, &vl))
                snprintf(h->encoding, sizeof h->encoding, "%.*s", (int)vl, v);
            else if (header_is(p + i, ll, "Transfer-Encoding", &v, &vl))
                h->chunked = has_word(v, vl, "chunked");
        }
        i = e + 1;
    }
}

static char *derived_id(warc *w, long recno)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%s-%ld", w->file_id, recno);
    return strdup(buf);
}

static int skip_rest(petrel_reader *rd, size_t n)
{
    return stream_skip(rd->s, n) == n ? 0 : -1;
}

/* A record cut off by the end of the data. */
static int truncated(petrel_reader *rd, warc *w, petrel_error *err)
{
    const char *sw = stream_warning(rd->s);
    w->warned_end = true;
    markup_error(rd, err, PETREL_ERR_INPUT, rd->line, "%s; record %ld is cut off and skipped",
                 sw ? sw : "the archive ends inside a record", rd->line);
    return PETREL_ERR_INPUT;
}

int warc_next(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    warc *w = rd->markup;
    for (;;) {
        if (rd->done)
            return PETREL_EOF;
        record r;
        memset(&r, 0, sizeof r);
        int got = read_header(rd, w, &r, err);
        if (got < 0) {
            record_free(&r);
            rd->done = true;
            if (got == -2)
                return PETREL_ERR_IO;
            if (got == -3)
                return PETREL_ERR_INPUT;
            markup_error(rd, err, PETREL_ERR_IO, rd->line, "%s",
                         stream_warning(rd->s) ? stream_warning(rd->s) : "read error");
            return PETREL_ERR_IO;
        }
        if (got == 0) {
            record_free(&r);
            rd->done = true;
            const char *sw = stream_warning(rd->s);
            if (sw && !w->warned_end) {
                w->warned_end = true;
                markup_error(rd, err, PETREL_ERR_INPUT, rd->line + 1, "%s", sw);
                return PETREL_ERR_INPUT;
            }
            return PETREL_EOF;
        }
        if (!r.has_length) {
            record_free(&r);
            rd->done = true;
            markup_error(rd, err, PETREL_ERR_IO, rd->line,
                         "record has no valid Content-Length; cannot read further");
            return PETREL_ERR_IO;
        }
        size_t length = (size_t)r.length;
        bool response = r.type && !strcasecmp(r.type, "response");
        bool resource = r.type && !strcasecmp(r.type, "resource");
        if (!response && !resource) {
            rd->skipped_other++;
            bool ok = !skip_rest(rd, length);
            record_free(&r);
            if (!ok)
                return truncated(rd, w, err);
            continue;
        }
        /* a page, perhaps: look at the head before reading it all */
        size_t first = length < MAX_HTTP_HEADER ? length : MAX_HTTP_HEADER;
        size_t cap = rd->opt.max_doc_bytes + MAX_HTTP_HEADER;
        bool http = response && !(r.uri && !strncasecmp(r.uri, "dns:", 4));
        const char *data;
        size_t n;
        if (length <= cap) {
            stream_read(rd->s, length, &data, &n);
            if (n < length) {
                record_free(&r);
                return truncated(rd, w, err);
            }
        } else {
            stream_read(rd->s, first, &data, &n);
            if (n < first) {
                record_free(&r);
                return truncated(rd, w, err);
            }
        }
        http_head hh;
        const char *ct = r.content_type;
        const char *body = data;
        size_t body_len = n;
        if (http) {
            if (parse_http(data, n, &hh)) {
                ct = hh.content_type[0] ? hh.content_type : NULL;
            } else {
                /* some crawlers store the bare payload */
                memset(&hh, 0, sizeof hh);
                hh.status = 200;
                if (media_type_is(ct, "application/http"))
                    ct = NULL;
            }
            body = data + hh.body_off;
            body_len = n - hh.body_off;
        }
        bool page = (!http || (hh.status >= 200 && hh.status < 300)) &&
                    (ct ? is_html_type(ct) : sniff_html(body, body_len));
        if (!page || length > cap) {
            bool ok = length <= cap || !skip_rest(rd, length - first);
            record_free(&r);
            if (!ok)
                return truncated(rd, w, err);
            if (!page) {
                rd->skipped_other++;
                continue;
            }
            markup_error(rd, err, PETREL_ERR_TOO_BIG, rd->line,
                         "page is larger than --max-doc-bytes (%zu bytes); skipped",
                         rd->opt.max_doc_bytes);
            return PETREL_ERR_TOO_BIG;
        }
        /* the payload: undo transfer and content codings */
        char *decoded = NULL, *dechunked = NULL;
        if (http && hh.chunked) {
            dechunked = malloc(body_len + 1);
            if (!dechunked) {
                record_free(&r);
                return PETREL_ERR_NOMEM;
            }
            memcpy(dechunked, body, body_len);
            size_t dl = body_len;
            if (dechunk(dechunked, &dl)) {
                body = dechunked;
                body_len = dl;
            }
        }
        if (http && hh.encoding[0] && strcasecmp(hh.encoding, "identity")) {
            bool deflate_family = !strcasecmp(hh.encoding, "gzip") ||
                                  !strcasecmp(hh.encoding, "x-gzip") ||
                                  !strcasecmp(hh.encoding, "deflate");
            if (!deflate_family) {
                free(dechunked);
                markup_error(rd, err, PETREL_ERR_INPUT, rd->line,
                             "content encoding \"%s\" is not supported; record skipped",
                             hh.encoding);
                record_free(&r);
                return PETREL_ERR_INPUT;
            }
            /* archivers that store the decoded payload keep the header: look */
            bool looks_compressed = body_len >= 2 && !sniff_html(body, body_len) &&
                                    ((unsigned char)body[0] == 0x1f || strcasecmp(hh.encoding, "deflate") == 0);
            if (looks_compressed) {
                size_t dl;
                int zr = inflate_body(body, body_len, rd->opt.max_doc_bytes, &decoded, &dl);
                if (zr == 1) {
                    free(dechunked);
                    record_free(&r);
                    markup_error(rd, err, PETREL_ERR_TOO_BIG, rd->line,
                                 "page is larger than --max-doc-bytes (%zu bytes) decompressed; "
                                 "skipped",
                                 rd->opt.max_doc_bytes);
                    return PETREL_ERR_TOO_BIG;
                }
                if (zr < 0) {
                    free(dechunked);
                    record_free(&r);
                    markup_error(rd, err, PETREL_ERR_INPUT, rd->line,
                                 "corrupt %s content encoding; record skipped", hh.encoding);
                    return PETREL_ERR_INPUT;
                }
                body = decoded;
                body_len = dl;
            }
        }
        if (body_len > rd->opt.max_doc_bytes) {
            free(dechunked);
            free(decoded);
            record_free(&r);
            markup_error(rd, err, PETREL_ERR_TOO_BIG, rd->line,
                         "page is larger than --max-doc-bytes (%zu bytes); skipped",
                         rd->opt.max_doc_bytes);
            return PETREL_ERR_TOO_BIG;
        }
        char charset[64] = "";
        if (ct)
            html_content_type_charset(ct, strlen(ct), charset, sizeof charset);
        char *crawl = r.date ? reader_clean_date(r.date) : NULL;
        if (decoded)
            free(dechunked);
        markup_page pg = {.data = body,
                          .len = body_len,
                          .owned = decoded ? decoded : dechunked,
                          .charset = charset[0] ? charset : NULL,
                          .url = r.uri,
                          .crawl_date = crawl,
                          .id = r.id ? r.id : derived_id(w, rd->line),
                          .record = rd->line};
        r.id = NULL;
        int rc = markup_to_input(rd, &pg, doc, err);
        record_free(&r);
        if (rc == PETREL_OK && crawl && doc->date == crawl) {
            /* the reader owns the date string from here */
            free(rd->owned_date);
            rd->owned_date = crawl;
            crawl = NULL;
        }
        free(crawl);
        return rc;
    }
}
