/*
 * messages.c - how every subcommand reports: "petrel: " and the message on
 * standard error (an error with its FILE:LINE when it has one).
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

void cli_error(const petrel_error *e)
{
    char buf[1600];
    fprintf(stderr, "petrel: %s\n", petrel_error_format(e, buf, sizeof buf));
}

void cli_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("petrel: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
