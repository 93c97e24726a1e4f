/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One-line messages to stderr, prefixed "dlcall: ", shared by every part
 * (plugin, host runtime, guest runtime, launcher).
 */
#ifndef DLCALL_REPORT_H
#define DLCALL_REPORT_H

#include <stdarg.h>
#include <stdio.h>

__attribute__((format(printf, 1, 0))) static inline void
dlcall_vreport(const char *format, va_list ap)
{
	char message[1024];

	/* One write, so lines of concurrent threads do not interleave. */
	vsnprintf(message, sizeof(message), format, ap);
	fprintf(stderr, "dlcall: %s\n", message);
}

__attribute__((format(printf, 1, 2), unused)) static void
report(const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	dlcall_vreport(format, ap);
	va_end(ap);
}

#endif
