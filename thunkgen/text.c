// SPDX-License-Identifier: GPL-2.0-or-later
/* Text helpers shared by the generator's parts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "thunkgen.h"

char *format_string(const char *format, ...)
{
	va_list ap;
	char *text;

	va_start(ap, format);
	if (vasprintf(&text, format, ap) < 0)
		abort();
	va_end(ap);
	return text;
}
