// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dt_log_format(), guest side: a variadic function cannot cross the
 * boundary, so the guest formats the message itself and hands it to the
 * thunked, non-variadic dt_log(). Included into the generated guest thunk.
 */
#include <stdarg.h>
#include <stdio.h>

#include "dlcalltest-thunk.h"

EXPORT int dt_log_format(const char *format, ...)
{
	char message[256];
	va_list arguments;

	va_start(arguments, format);
	vsnprintf(message, sizeof(message), format, arguments);
	va_end(arguments);
	return dt_log(message);
}
