/*
 * table.c - query answers on the terminal (aligned columns), as CSV, TSV or
 * JSON Lines. A table needs every row to size its columns, so rows are kept;
 * the other formats stream.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* Widest a cell may print in a table before it is cut with an ellipsis. */
#define CELL_MAX 48
#define LAST_CELL_MAX 90

struct table_out {
    FILE *f;
    out_format fmt;
    size_t ncols;
    char **names;
    bool *numeric;
    char **cells; /* rows * ncols, NULL for SQL NULL */
    size_t rows, cap;
    bool started;
    bool failed;
};

table_out *table_new(FILE *f, out_format fmt)
{
    table_out *t = calloc(1, sizeof *t);
    if (t) {
        t->f = f;
        t->fmt = fmt;
    }
    return t;
}

/* code points, counting each UTF-8 lead byte once */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void put_cut(FILE *f, const char *s, size_t max, size_t pad, bool right)
{
    size_t w = width(s);
    if (w > max) {
        /* keep max-1 code points and an ellipsis */
        size_t keep = max - 1, n = 0;
        const char *p = s;
        while (*p && n < keep) {
            p++;
            while (((unsigned char)*p & 0xC0) == 0x80)
                p++;
            n++;
        }
        fwrite(s, 1, (size_t)(p - s), f);
        fputs("\xE2\x80\xA6", f);
        w = max;
    } else {
        if (right)
            for (size_t i = w; i < pad; i++)
                fputc(' ', f);
        fputs(s, f);
        if (right)
            return;
    }
    for (size_t i = w; i < pad; i++)
        fputc(' ', f);
}

static void put_csv(FILE *f, const char *s, char sep)
{
    if (!s)
        return;
    if (!strpbrk(s, "\"\r\n") && !strchr(s, sep)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

int table_row(void *user, const petrel_row *row)
{
    table_out *t = user;
    if (!t->started) {
        t->started = true;
        t->ncols = row->n;
        t->names = calloc(row->n, sizeof *t->names);
        t->numeric = calloc(row->n, sizeof *t->numeric);
        if (!t->names || !t->numeric)
            return PETREL_ERR_NOMEM;
        for (size_t i = 0; i < row->n; i++) {
            t->names[i] = dup(row->names[i]);
            t->numeric[i] = true;
        }
        if (t->fmt == FMT_CSV || t->fmt == FMT_TSV) {
            char sep = t->fmt == FMT_CSV ? ',' : '\t';
            for (size_t i = 0; i < row->n; i++) {
                if (i)
                    fputc(sep, t->f);
                put_csv(t->f, row->names[i], sep);
            }
            fputc('\n', t->f);
        }
    }
    if (!row->values)
        return 0;
    switch (t->fmt) {
    case FMT_JSONL:
        fputc('{', t->f);
        for (size_t i = 0; i < row->n; i++) {
            if (i)
                fputc(',', t->f);
            put_json_string(t->f, row->names[i]);
            fputc(':', t->f);
            if (row->types[i] == PETREL_VALUE_NULL)
                fputs("null", t->f);
            else if (row->types[i] == PETREL_VALUE_TEXT)
                put_json_string(t->f, row->values[i]);
            else
                fputs(row->values[i], t->f);
        }
        fputs("}\n", t->f);
        break;
    case FMT_CSV:
    case FMT_TSV: {
        char sep = t->fmt == FMT_CSV ? ',' : '\t';
        for (size_t i = 0; i < row->n; i++) {
            if (i)
                fputc(sep, t->f);
            put_csv(t->f, row->values[i], sep);
        }
        fputc('\n', t->f);
        break;
    }
    case FMT_TABLE:
        if (t->rows == t->cap) {
            size_t n = t->cap ? t->cap * 2 : 64;
            char **c = realloc(t->cells, n * t->ncols * sizeof *c);
            if (!c)
                return PETREL_ERR_NOMEM;
            t->cells = c;
            t->cap = n;
        }
        for (size_t i = 0; i < t->ncols; i++) {
            const char *v = i < row->n ? row->values[i] : NULL;
            t->cells[t->rows * t->ncols + i] = dup(v);
            if (v && row->types[i] == PETREL_VALUE_TEXT)
                t->numeric[i] = false;
        }
        t->rows++;
        break;
    }
    if (ferror(t->f)) {
        t->failed = true;
        return PETREL_ERR_IO;
    }
    return 0;
}

/* no trailing blanks after a left-aligned last column */
static size_t pad_of(const table_out *t, const size_t *w, size_t i)
{
    return i + 1 == t->ncols && !t->numeric[i] ? 0 : w[i];
}

static void print_table(table_out *t)
{
    size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    if (!w)
        return;
    for (size_t i = 0; i < t->ncols; i++) {
        size_t max = i + 1 == t->ncols ? LAST_CELL_MAX : CELL_MAX;
        w[i] = width(t->names[i]);
        for (size_t r = 0; r < t->rows; r++) {
            const char *c = t->cells[r * t->ncols + i];
            size_t cw = c ? width(c) : 0;
            if (cw > w[i])
                w[i] = cw;
        }
        if (w[i] > max)
            w[i] = max;
    }
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            fputs("  ", t->f);
        put_cut(t->f, t->names[i], w[i], pad_of(t, w, i), t->numeric[i]);
    }
    fputc('\n', t->f);
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            fputs("  ", t->f);
        for (size_t k = 0; k < w[i]; k++)
            fputc('-', t->f);
    }
    fputc('\n', t->f);
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t i = 0; i < t->ncols; i++) {
            const char *c = t->cells[r * t->ncols + i];
            if (i)
                fputs("  ", t->f);
            put_cut(t->f, c ? c : "", w[i], pad_of(t, w, i), t->numeric[i]);
        }
        fputc('\n', t->f);
    }
    free(w);
}

int table_finish(table_out *t)
{
    if (t->fmt == FMT_TABLE) {
        if (t->rows)
            print_table(t);
        else
            fputs("(no rows)\n", t->f);
    }
    fflush(t->f);
    return ferror(t->f) || t->failed ? -1 : 0;
}

void table_free(table_out *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->rows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t i = 0; t->names && i < t->ncols; i++)
        free(t->names[i]);
    free(t->cells);
    free(t->names);
    free(t->numeric);
    free(t);
}
