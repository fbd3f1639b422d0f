/*
 * bench_extract - how fast article extraction alone is: pages are read and
 * decompressed first, then charset decoding + pre-pass + gumbo + extraction
 * run over them on one thread, several rounds, the best round counted.
 *
 *   cmake --build build --target bench_extract
 *   build/tests/bench_extract [-r ROUNDS] FILE.html[.gz] ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fileio.h"
#include "html.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int rounds = 5, first = 1;
    if (argc > 2 && !strcmp(argv[1], "-r")) {
        rounds = atoi(argv[2]);
        first = 3;
    }
    int n = argc - first;
    if (n <= 0 || rounds <= 0) {
        fprintf(stderr, "usage: bench_extract [-r ROUNDS] FILE.html[.gz] ...\n");
        return 2;
    }
    char **page = calloc((size_t)n, sizeof *page);
    size_t *len = calloc((size_t)n, sizeof *len), bytes = 0;
    for (int i = 0; i < n; i++) {
        petrel_error err = {0};
        if (read_whole_file(argv[first + i], 64u << 20, &page[i], &len[i], &err)) {
            fprintf(stderr, "bench_extract: %s: %s\n", argv[first + i], err.message);
            return 1;
        }
        bytes += len[i];
    }
    double best = 1e30, best_pre = 1e30;
    size_t chars = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (int i = 0; i < n; i++) {
            html_filtered f;
            if (html_prefilter(page[i], len[i], &f) == 0)
                free(f.buf);
        }
        double t1 = now();
        chars = 0;
        for (int i = 0; i < n; i++) {
            const char *u;
            size_t un;
            char *owned, warn[128];
            if (html_to_utf8(page[i], len[i], NULL, &u, &un, &owned, warn, sizeof warn))
                return 1;
            html_article a;
            if (html_extract(u, un, &a) == HTML_OK) {
                chars += a.len;
                html_article_free(&a);
            }
            free(owned);
        }
        double t2 = now();
        if (t1 - t0 < best_pre)
            best_pre = t1 - t0;
        if (t2 - t1 < best)
            best = t2 - t1;
    }
    printf("extraction alone, 1 thread, best of %d rounds: %d pages (%.1f MB of HTML) in %.3f s "
           "= %.0f pages/s, %.1f MB/s (pre-pass alone %.3f s); %zu bytes of article text\n",
           rounds, n, (double)bytes / 1e6, best, n / best, (double)bytes / 1e6 / best, best_pre,
           chars);
    for (int i = 0; i < n; i++)
        free(page[i]);
    free(page);
    free(len);
    return 0;
}
