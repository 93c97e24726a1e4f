// SPDX-License-Identifier: GPL-2.0-or-later
#include "versioned.h"

int versioned_old(int value)
{
	return value;
}

int versioned_new(int value)
{
	return value + 1;
}

int versioned_format(const char *format, va_list arguments)
{
	(void)arguments;
	return format[0];
}

int versioned_print(FILE *stream)
{
	return stream != NULL;
}

FILE *versioned_stream(void)
{
	return stderr;
}
