/*
 * fuzz_dict - libFuzzer target for the dictionary loaders: the input is one
 * dictionary file in whatever format its first byte selects (ours, TABARI's,
 * PETRARCH's, or recognised by content); loading must report problems, never
 * crash, and a loaded engine must code a sentence.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "default_worker.h"
#include "petrel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    static const petrel_dict_format formats[] = {PETREL_DICT_AUTO, PETREL_DICT_PETREL,
                                                 PETREL_DICT_TABARI, PETREL_DICT_PETRARCH};
    petrel_dict_format fmt = formats[data[0] & 3];
    int fd = memfd_create("dict", 0);
    if (fd < 0)
        return 0;
    if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng)
        abort();
    petrel_engine_load_file(eng, path, fmt, &err);
    memset(&err, 0, sizeof err);
    if (petrel_engine_finish(eng, &err) == PETREL_OK) {
        static const char text[] = "Kenya accused Somalia of shelling the border town. "
                                   "\"We will not attack,\" the minister said on Monday.";
        code_once(eng, text, sizeof text - 1, "2024-05-10");
    }
    petrel_engine_free(eng);
    close(fd);
    return 0;
}
