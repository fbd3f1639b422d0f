#include "dict.h"

int lexicon_load_petrarch(lexicon *lx, const char *path, const char *buf, size_t len,
                          uint16_t file, petrel_error *err)
{
    (void)path;
    (void)buf;
    (void)len;
    lex_problem(lx, err, false, file, 0, "PETRARCH dictionaries are not supported yet");
    return PETREL_ERR_DICT;
}
