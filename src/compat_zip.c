/*
 * compat_zip.c - just enough of the zip format to read dictionaries shipped
 * as archives (TABARI's CountryInfo actors come zipped): the central
 * directory, stored or deflated members, no zip64, no encryption.
 */
#include "compat_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define ZIP_MAX_MEMBER (256u << 20)

static uint32_t rd16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int inflate_raw(const unsigned char *src, size_t n, char *dst, size_t want)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -1;
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)dst;
    z.avail_out = (uInt)want;
    int rc = inflate(&z, Z_FINISH);
    size_t got = want - z.avail_out;
    inflateEnd(&z);
    return rc == Z_STREAM_END && got == want ? 0 : -1;
}

int compat_unzip(const char *buf, size_t len, zip_member_fn fn, void *user, char *why,
                 size_t why_size)
{
    const unsigned char *b = (const unsigned char *)buf;
    if (len < 22) {
        snprintf(why, why_size, "zip archive too short");
        return PETREL_ERR_DICT;
    }
    /* the end-of-central-directory record is in the last 64 KiB + 22 bytes */
    size_t eocd = (size_t)-1;
    size_t lo = len > 65557 ? len - 65557 : 0;
    for (size_t i = len - 22 + 1; i-- > lo;)
        if (rd32(b + i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == (size_t)-1) {
        snprintf(why, why_size, "not a zip archive (no central directory)");
        return PETREL_ERR_DICT;
    }
    uint32_t entries = rd16(b + eocd + 10);
    uint32_t cd_size = rd32(b + eocd + 12), cd_off = rd32(b + eocd + 16);
    if (cd_off == 0xFFFFFFFFu || entries == 0xFFFF) {
        snprintf(why, why_size, "zip64 archives are not supported; unzip it first");
        return PETREL_ERR_DICT;
    }
    if ((size_t)cd_off + cd_size > len) {
        snprintf(why, why_size, "damaged zip archive (central directory out of range)");
        return PETREL_ERR_DICT;
    }
    size_t p = cd_off;
    for (uint32_t k = 0; k < entries; k++) {
        if (p + 46 > len || rd32(b + p) != 0x02014b50) {
            snprintf(why, why_size, "damaged zip archive (entry %u)", k + 1);
            return PETREL_ERR_DICT;
        }
        uint32_t flags = rd16(b + p + 8), method = rd16(b + p + 10);
        uint32_t csize = rd32(b + p + 20), usize = rd32(b + p + 24);
        uint32_t nlen = rd16(b + p + 28), xlen = rd16(b + p + 30), clen = rd16(b + p + 32);
        uint32_t loff = rd32(b + p + 42);
        if (p + 46 + nlen > len) {
            snprintf(why, why_size, "damaged zip archive (entry %u)", k + 1);
            return PETREL_ERR_DICT;
        }
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)nlen, (const char *)b + p + 46);
        p += 46 + nlen + xlen + clen;
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        /* directories and the resource forks macOS adds are not dictionaries */
        if (!*base || !strncmp(name, "__MACOSX/", 9) || !strncmp(base, "._", 2))
            continue;
        if (flags & 1) {
            snprintf(why, why_size, "zip member '%s' is encrypted", name);
            return PETREL_ERR_DICT;
        }
        if ((size_t)loff + 30 > len || rd32(b + loff) != 0x04034b50) {
            snprintf(why, why_size, "damaged zip archive (member '%s')", name);
            return PETREL_ERR_DICT;
        }
        size_t data = (size_t)loff + 30 + rd16(b + loff + 26) + rd16(b + loff + 28);
        if (data + csize > len || usize > ZIP_MAX_MEMBER) {
            snprintf(why, why_size, "damaged or oversized zip member '%s'", name);
            return PETREL_ERR_DICT;
        }
        char *out = malloc((size_t)usize + 1);
        if (!out) {
            snprintf(why, why_size, "out of memory");
            return PETREL_ERR_NOMEM;
        }
        int bad = 0;
        if (method == 0 && csize == usize)
            memcpy(out, b + data, usize);
        else if (method == 8)
            bad = inflate_raw(b + data, csize, out, usize);
        else
            bad = 1;
        if (bad) {
            free(out);
            snprintf(why, why_size, "cannot unpack zip member '%s' (method %u)", name, method);
            return PETREL_ERR_DICT;
        }
        out[usize] = '\0';
        int rc = fn(user, name, out, usize);
        free(out);
        if (rc)
            return rc;
    }
    return PETREL_OK;
}
