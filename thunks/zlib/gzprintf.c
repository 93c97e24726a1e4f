// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gzprintf() and gzvprintf(), guest side. A variadic call and a va_list
 * cannot cross ISAs, so the guest formats and the thunked gzwrite()
 * compresses. zlib's own limit applies: output that does not fit its
 * buffer (8191 bytes by default) is an error reported as 0.
 */
#include <stdarg.h>
#include <stdio.h>

#include "zlib-thunk.h"

EXPORT int gzvprintf(gzFile file, const char *format, va_list arguments)
{
	char buffer[8192];
	int length;

	if (!file || !format)
		return Z_STREAM_ERROR;
	length = vsnprintf(buffer, sizeof(buffer), format, arguments);
	if (length < 0 || length >= (int)sizeof(buffer))
		return 0;
	if (length == 0)
		return 0;
	return gzwrite(file, buffer, (unsigned)length);
}

EXPORT int gzprintf(gzFile file, const char *format, ...)
{
	va_list arguments;
	int written;

	va_start(arguments, format);
	written = gzvprintf(file, format, arguments);
	va_end(arguments);
	return written;
}
