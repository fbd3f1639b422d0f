/*
 * fuzz_jsonl - libFuzzer target for the JSON Lines reader (and the gzip
 * stream under it, when the input starts with the gzip magic), through the
 * public reader API: bad lines must be reported and skipped, never crash.
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
    int fd = memfd_create("jsonl", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    for (int fmt = 0; fmt < 2; fmt++) {
        petrel_reader_options o = {.format = fmt ? PETREL_FMT_JSONL : PETREL_FMT_TEXT,
                                   .max_doc_bytes = 1 << 12,
                                   .date = "2024-01-01"};
        petrel_error err = {0};
        petrel_reader *rd = petrel_reader_open(path, &o, &err);
        if (!rd)
            continue;
        petrel_input in;
        for (int i = 0; i < 10000; i++) {
            int rc = petrel_reader_next(rd, &in, &err);
            if (rc == PETREL_EOF || rc == PETREL_ERR_IO)
                break;
            if (rc == PETREL_OK && (!in.id || (in.len && !in.text) || in.len > o.max_doc_bytes))
                abort();
        }
        petrel_reader_close(rd);
    }
    close(fd);
    return 0;
}
