#include "compat.h"

#include <stdlib.h>

struct compat {
    size_t verbs;
};

int compat_load_tabari(lexicon *lx, const char *path, const char *buf, size_t len,
                       uint16_t file, petrel_error *err)
{
    (void)path;
    (void)buf;
    (void)len;
    lex_problem(lx, err, false, file, 0, "TABARI dictionaries are not supported yet");
    return PETREL_ERR_DICT;
}

int compat_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len,
                         uint16_t file, petrel_error *err)
{
    (void)path;
    (void)buf;
    (void)len;
    lex_problem(lx, err, false, file, 0, "PETRARCH dictionaries are not supported yet");
    return PETREL_ERR_DICT;
}

int compat_finish(lexicon *lx, petrel_error *err)
{
    (void)lx;
    (void)err;
    return PETREL_OK;
}

void compat_free(compat *c) { free(c); }

void compat_stats(const lexicon *lx, petrel_dict_stats *out)
{
    (void)lx;
    (void)out;
}

bool compat_has_verbs(const lexicon *lx) { return lx->compat && lx->compat->verbs > 0; }

int compat_events_run(doc *d)
{
    (void)d;
    return PETREL_OK;
}

uint32_t compat_match_actor(const lexicon *lx, const tok *toks, uint32_t i, uint32_t end,
                            int32_t date_ymd, const char **code, const char **name)
{
    (void)lx;
    (void)toks;
    (void)i;
    (void)end;
    (void)date_ymd;
    *code = *name = NULL;
    return 0;
}
