#include <stdio.h>
#include <string.h>

#include "read.h"

int reader_markup_open(petrel_reader *rd, petrel_error *err)
{
    err->code = PETREL_ERR_USAGE;
    snprintf(err->file, sizeof err->file, "%s", rd->path);
    snprintf(err->message, sizeof err->message, "HTML and WARC input are not supported yet");
    return PETREL_ERR_USAGE;
}

int reader_markup_next(petrel_reader *rd, petrel_input *doc, petrel_error *err)
{
    (void)rd;
    (void)doc;
    (void)err;
    return PETREL_EOF;
}

void reader_markup_close(petrel_reader *rd) { (void)rd; }
