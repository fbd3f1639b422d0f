#include "dates.h"

int dates_run(doc *d)
{
    (void)d;
    return PETREL_OK;
}
