/*
 * fuzz_image - libFuzzer target for compiled dictionaries (petrel dict
 * compile). Random bytes would never get past an image's header, and a
 * stored seed would go stale with every change to the store's layout; so the
 * target compiles a small TABARI set itself, once, and each input is a list
 * of damages to that image: 5 bytes each, a 32-bit offset and a byte XORed in
 * there; an input whose length is not a multiple of 5 also cuts the image at
 * the first offset. Loading must refuse the file or give an engine that codes
 * safely.
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

static unsigned char *image;
static size_t image_len;

static int memfile(const void *data, size_t n, char *path, size_t path_size)
{
    int fd = memfd_create("image", 0);
    if (fd < 0)
        return -1;
    if (write(fd, data, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    snprintf(path, path_size, "/proc/self/fd/%d", fd);
    return fd;
}

static void compile_seed(void)
{
    static const char actors[] = "<NOUN>\nCARAVANS\n</NOUN>\n"
                                 "VELDAR  [VEL]\nKORVATH_ [KOR]\nOSTRIMAR [OST]\n"
                                 "THE_TWIN_CITIES [VEL/KOR]\n"
                                 "HARBOR_GUILD [--- <010101] [HGD]\n"
                                 "QUEEN_SELLA\n+SELLA_OF_VELDARA\n\t[VELGOV 010101-121231]\n"
                                 "\t[VELELI]\nBOARD_GAMES [###]\n";
    static const char agents[] = "MINISTER_ [~GOV]\nAID_WORKERS_ [NGO~]\n";
    static const char verbs[] = "<SYNSETS>\n&GOODS\n+GRAIN\n+COPPER_INGOTS\n</SYNSETS>\n"
                                "<TIME>\nYESTERDAY [-1]\n</TIME>\n"
                                "SEND_ [070]\n{ SENT_ SENDING_ }\n- * &GOODS [071]\n"
                                "- * TROOPS [190]\n- * { PRAISE | THANKS } [051]\n"
                                "MEET [040:040]\nCRITICI [111]\n- + WAS * BY $ [112]\n"
                                "HONOR [051]\n- * WITH ^ AT + [052]\nSAID [020?]\n";
    static const struct {
        const char *text, *name;
    } files[] = {{actors, "a.actors"}, {agents, "a.agents"}, {verbs, "a.verbs"}};
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng)
        abort();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[64];
        int fd = memfile(files[i].text, strlen(files[i].text), path, sizeof path);
        if (fd < 0)
            abort();
        petrel_engine_load_file(eng, path, PETREL_DICT_TABARI, &err);
        close(fd);
    }
    char out[] = "/tmp/fuzz_image.XXXXXX";
    int ofd = mkstemp(out);
    if (ofd < 0 || petrel_engine_finish(eng, &err) ||
        petrel_engine_write_compiled(eng, out, &err))
        abort();
    petrel_engine_free(eng);
    FILE *f = fdopen(ofd, "rb");
    fseek(f, 0, SEEK_END);
    image_len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    image = malloc(image_len);
    if (!image || fread(image, 1, image_len, f) != image_len)
        abort();
    fclose(f);
    unlink(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!image)
        compile_seed();
    unsigned char *copy = malloc(image_len);
    if (!copy)
        return 0;
    memcpy(copy, image, image_len);
    size_t len = image_len;
    for (size_t i = 0; i + 5 <= size; i += 5) {
        uint32_t at;
        memcpy(&at, data + i, 4);
        copy[at % image_len] ^= data[i + 4];
        if (i == 0 && size % 5)
            len = at % image_len;
    }
    char path[64];
    int fd = memfile(copy, len, path, sizeof path);
    free(copy);
    if (fd < 0)
        return 0;
    petrel_error err = {0};
    petrel_engine *eng = petrel_engine_new(&err);
    if (!eng)
        abort();
    petrel_engine_load_file(eng, path, PETREL_DICT_AUTO, &err);
    memset(&err, 0, sizeof err);
    if (petrel_engine_errors(eng) == 0 && petrel_engine_finish(eng, &err) == PETREL_OK) {
        static const char text[] =
            "Veldara sent grain to Korvath after the long winter ended in the north. "
            "Korvath was criticized by Veldara over the harbor dispute on Monday. "
            "Yesterday the Veldara minister sent troops to Korvath aid workers. "
            "The Twin Cities sent thanks to Ostrimar and Queen Sella met Korvath.";
        code_once(eng, text, sizeof text - 1, "2005-03-01");
    }
    petrel_engine_free(eng);
    close(fd);
    return 0;
}
