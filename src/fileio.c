#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct stream {
    int fd;
    int own_fd;
    int gzip;
    int eof;     /* no more input bytes */
    int ended;   /* no more decoded bytes */
    z_stream z;
    unsigned char in[1 << 16];
    size_t in_len;
    /* decoded bytes waiting to be consumed: buf[pos, len) */
    unsigned char *buf;
    size_t pos, len, cap;
    char warning[256];
};

static void set_io_error(petrel_error *err, const char *path, const char *what)
{
    if (!err)
        return;
    err->code = PETREL_ERR_IO;
    snprintf(err->file, sizeof err->file, "%s", path);
    err->line = 0;
    snprintf(err->message, sizeof err->message, "%s: %s", what, strerror(errno));
}

stream *stream_open(const char *path, petrel_error *err)
{
    stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (!strcmp(path, "-")) {
        s->fd = 0;
    } else {
        s->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            set_io_error(err, path, "cannot open");
            free(s);
            return NULL;
        }
        s->own_fd = 1;
    }
    /* Look at the first bytes to decide gzip or plain. */
    while (s->in_len < 2) {
        ssize_t r = read(s->fd, s->in + s->in_len, sizeof s->in - s->in_len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            set_io_error(err, path, "cannot read");
            stream_close(s);
            return NULL;
        }
        if (r == 0) {
            s->eof = 1;
            break;
        }
        s->in_len += (size_t)r;
    }
    if (s->in_len >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) {
        s->gzip = 1;
        if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
            if (err) {
                err->code = PETREL_ERR_NOMEM;
                snprintf(err->message, sizeof err->message, "cannot start gzip decoder");
            }
            stream_close(s);
            return NULL;
        }
        s->z.next_in = s->in;
        s->z.avail_in = (uInt)s->in_len;
    }
    return s;
}

int stream_is_gzip(const stream *s) { return s->gzip; }

const char *stream_warning(const stream *s) { return s->warning[0] ? s->warning : NULL; }

static int fill_input(stream *s)
{
    if (s->eof)
        return 0;
    for (;;) {
        ssize_t r = read(s->fd, s->in, sizeof s->in);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(s->warning, sizeof s->warning, "read error: %s", strerror(errno));
            s->eof = 1;
            return -1;
        }
        if (r == 0) {
            s->eof = 1;
            return 0;
        }
        s->in_len = (size_t)r;
        return 1;
    }
}

/* Append more decoded bytes to buf; 0 when nothing more will come. */
static int produce(stream *s)
{
    if (s->ended)
        return 0;
    /* compact */
    if (s->pos > 0 && s->pos == s->len) {
        s->pos = s->len = 0;
    } else if (s->pos > (s->cap >> 1)) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->len < (1u << 16)) {
        size_t ncap = s->cap ? s->cap * 2 : (1u << 17);
        unsigned char *nb = realloc(s->buf, ncap);
        if (!nb) {
            snprintf(s->warning, sizeof s->warning, "out of memory");
            s->ended = 1;
            return 0;
        }
        s->buf = nb;
        s->cap = ncap;
    }
    if (!s->gzip) {
        if (s->in_len) { /* bytes read while sniffing */
            size_t n = s->in_len;
            memcpy(s->buf + s->len, s->in, n);
            s->len += n;
            s->in_len = 0;
            return 1;
        }
        if (s->eof) {
            s->ended = 1;
            return 0;
        }
        for (;;) {
            ssize_t r = read(s->fd, s->buf + s->len, s->cap - s->len);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                snprintf(s->warning, sizeof s->warning, "read error: %s", strerror(errno));
                s->ended = s->eof = 1;
                return 0;
            }
            if (r == 0) {
                s->ended = s->eof = 1;
                return 0;
            }
            s->len += (size_t)r;
            return 1;
        }
    }
    for (;;) {
        if (s->z.avail_in == 0) {
            int f = fill_input(s);
            if (f <= 0) {
                /* input ended inside a member: truncated */
                if (s->z.total_in || f < 0)
                    snprintf(s->warning, sizeof s->warning,
                             "compressed data is truncated (%lu bytes decoded)",
                             (unsigned long)s->z.total_out);
                s->ended = 1;
                return 0;
            }
            s->z.next_in = s->in;
            s->z.avail_in = (uInt)s->in_len;
        }
        s->z.next_out = s->buf + s->len;
        s->z.avail_out = (uInt)(s->cap - s->len);
        int zr = inflate(&s->z, Z_NO_FLUSH);
        size_t got = (s->cap - s->len) - s->z.avail_out;
        s->len += got;
        if (zr == Z_STREAM_END) {
            /* concatenated members (WARC .gz has one per record): go on */
            if (s->z.avail_in == 0) {
                int f = fill_input(s);
                if (f <= 0) {
                    s->ended = 1;
                    return got > 0;
                }
                s->z.next_in = s->in;
                s->z.avail_in = (uInt)s->in_len;
            }
            if (s->z.next_in[0] != 0x1f) { /* trailing garbage after the last member */
                snprintf(s->warning, sizeof s->warning, "data after the end of the gzip stream ignored");
                s->ended = 1;
                return got > 0;
            }
            inflateReset(&s->z);
            if (got)
                return 1;
            continue;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            snprintf(s->warning, sizeof s->warning, "corrupt compressed data (%s)",
                     s->z.msg ? s->z.msg : "inflate error");
            s->ended = 1;
            return got > 0;
        }
        if (got)
            return 1;
    }
}

/* The unread bytes; never NULL, even before the first read (NULL + 0 is
 * undefined behaviour in C). */
static unsigned char *unread(stream *s)
{
    static unsigned char nothing[1];
    return s->buf ? s->buf + s->pos : nothing;
}

int stream_line(stream *s, size_t max, const char **line, size_t *len, int *overlong)
{
    size_t scanned = 0;
    *overlong = 0;
    for (;;) {
        unsigned char *start = unread(s);
        size_t avail = s->len - s->pos;
        unsigned char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - start);
            s->pos += n + 1;
            if (n > max) { /* the same verdict whether or not it was buffered whole */
                *overlong = 1;
                *line = "";
                *len = 0;
                return 1;
            }
            if (n && start[n - 1] == '\r')
                n--;
            *line = (const char *)start;
            *len = n;
            return 1;
        }
        scanned = avail;
        if (avail > max) {
            /* Too long to be a record: drop it as it streams by, so memory stays
             * bounded by max whatever the line's length. */
            *overlong = 1;
            *line = "";
            *len = 0;
            s->pos = s->len;
            for (;;) {
                if (!produce(s))
                    return 1;
                unsigned char *nl2 = memchr(s->buf + s->pos, '\n', s->len - s->pos);
                if (nl2) {
                    s->pos = (size_t)(nl2 + 1 - s->buf);
                    return 1;
                }
                s->pos = s->len;
            }
        }
        if (!produce(s)) {
            if (s->len > s->pos) { /* last line without newline */
                *line = (const char *)s->buf + s->pos;
                *len = s->len - s->pos;
                if (*len && (*line)[*len - 1] == '\r')
                    (*len)--;
                s->pos = s->len;
                return 1;
            }
            return 0;
        }
    }
}

int stream_rest(stream *s, size_t max, const char **data, size_t *len, int *more)
{
    *more = 0;
    while (s->len - s->pos <= max) {
        if (!produce(s))
            break;
    }
    size_t avail = s->len - s->pos;
    if (avail > max) {
        *more = 1;
        avail = max;
    }
    *data = (const char *)unread(s);
    *len = avail;
    s->pos += avail;
    return 0;
}

int stream_read(stream *s, size_t n, const char **data, size_t *got)
{
    while (s->len - s->pos < n)
        if (!produce(s))
            break;
    size_t avail = s->len - s->pos;
    if (avail > n)
        avail = n;
    *data = (const char *)unread(s);
    *got = avail;
    s->pos += avail;
    return 0;
}

size_t stream_skip(stream *s, size_t n)
{
    size_t done = 0;
    for (;;) {
        size_t avail = s->len - s->pos, k = avail < n - done ? avail : n - done;
        s->pos += k;
        done += k;
        if (done == n || !produce(s))
            return done;
    }
}

void stream_close(stream *s)
{
    if (!s)
        return;
    if (s->gzip)
        inflateEnd(&s->z);
    if (s->own_fd)
        close(s->fd);
    free(s->buf);
    free(s);
}

int read_whole_file(const char *path, size_t max, char **buf, size_t *len, petrel_error *err)
{
    stream *s = stream_open(path, err);
    if (!s)
        return PETREL_ERR_IO;
    const char *data;
    size_t n;
    int more;
    stream_rest(s, max, &data, &n, &more);
    if (more) {
        if (err) {
            err->code = PETREL_ERR_TOO_BIG;
            snprintf(err->file, sizeof err->file, "%s", path);
            snprintf(err->message, sizeof err->message, "file is larger than %zu bytes", max);
        }
        stream_close(s);
        return PETREL_ERR_TOO_BIG;
    }
    *buf = malloc(n + 1);
    if (!*buf) {
        stream_close(s);
        return PETREL_ERR_NOMEM;
    }
    memcpy(*buf, data, n);
    (*buf)[n] = '\0';
    *len = n;
    stream_close(s);
    return PETREL_OK;
}
