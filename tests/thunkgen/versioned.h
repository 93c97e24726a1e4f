/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: a library with symbol versions, a va_list and a FILE function. */
#include <stdarg.h>
#include <stdio.h>

int versioned_old(int value);
int versioned_new(int value);
int versioned_format(const char *format, va_list arguments);
int versioned_print(FILE *stream);
FILE *versioned_stream(void);
