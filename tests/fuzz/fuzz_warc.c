/*
 * fuzz_warc - libFuzzer target for the WARC/ARC reader, through the public
 * reader API (the gzip stream underneath included), in both modes: articles
 * extracted by the reader, and markup deferred to the worker.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "petrel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("warc", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    for (int defer = 0; defer < 2; defer++) {
        petrel_reader_options o = {.format = PETREL_FMT_WARC,
                                   .max_doc_bytes = 1 << 16,
                                   .defer_markup = defer};
        petrel_error err;
        memset(&err, 0, sizeof err);
        petrel_reader *rd = petrel_reader_open(path, &o, &err);
        if (!rd)
            continue;
        petrel_input in;
        for (int i = 0; i < 1000; i++) {
            int rc = petrel_reader_next(rd, &in, &err);
            if (rc == PETREL_EOF || rc == PETREL_ERR_IO)
                break;
            if (rc == PETREL_OK && (!in.id || (in.len && !in.text)))
                abort();
        }
        petrel_reader_close(rd);
    }
    close(fd);
    return 0;
}
