/*
 * compat_petrarch.c - readers for PETRARCH's dictionaries (stub).
 */
#include "compat_int.h"

int compat_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len,
                         uint16_t file, petrel_error *err)
{
    (void)path;
    (void)buf;
    (void)len;
    lex_problem(lx, err, false, file, 0, "PETRARCH dictionaries are not supported yet");
    return PETREL_ERR_DICT;
}

petrel_dict_format compat_sniff(const char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return PETREL_DICT_TABARI;
}

uint32_t compat_match_actor(const lexicon *lx, const tok *toks, uint32_t i, uint32_t end,
                            int32_t date_ymd, const char **code, const char **name)
{
    (void)lx; (void)toks; (void)i; (void)end; (void)date_ymd; (void)code; (void)name;
    return 0;
}
