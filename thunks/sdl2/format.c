// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SDL's own printf and scanf family, guest side. Debian's SDL is built
 * with HAVE_VSNPRINTF and HAVE_VSSCANF: SDL_vsnprintf() and SDL_vsscanf()
 * are the C library's vsnprintf() and vsscanf() (but for a NULL format,
 * taken as ""), so the guest's C library gives the same text with no call
 * at all. SDL_vasprintf() grows its result with SDL_malloc() and
 * SDL_realloc() as SDL does, since the program frees it with SDL_free().
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <stdarg.h>
#include <stdio.h>

#include "dlcall/guest.h"
#include "sdl2-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT int SDL_vsnprintf(char *text, size_t maxlen, const char *fmt, va_list ap)
{
	static void *cache;
	__typeof__(&SDL_vsnprintf) own = OWN(SDL_vsnprintf, cache);

	if (own)
		return own(text, maxlen, fmt, ap);
	return vsnprintf(text, maxlen, fmt ? fmt : "", ap);
}

EXPORT int SDL_snprintf(char *text, size_t maxlen, const char *fmt, ...)
{
	va_list ap;
	int length;

	va_start(ap, fmt);
	length = SDL_vsnprintf(text, maxlen, fmt, ap);
	va_end(ap);
	return length;
}

EXPORT int SDL_vasprintf(char **strp, const char *fmt, va_list ap)
{
	static void *cache;
	__typeof__(&SDL_vasprintf) own = OWN(SDL_vasprintf, cache);
	int size = 100; /* SDL's first guess */
	char *text;

	if (own)
		return own(strp, fmt, ap);
	*strp = NULL;
	text = SDL_malloc((size_t)size);
	if (!text)
		return -1;
	for (;;) {
		va_list copy;
		int length;
		char *larger;

		va_copy(copy, ap);
		length = SDL_vsnprintf(text, (size_t)size, fmt, copy);
		va_end(copy);
		if (length < 0) {
			SDL_free(text);
			return length;
		}
		if (length < size) {
			*strp = text;
			return length;
		}
		size = length + 1;
		larger = SDL_realloc(text, (size_t)size);
		if (!larger) {
			SDL_free(text);
			return -1;
		}
		text = larger;
	}
}

EXPORT int SDL_asprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	int length;

	va_start(ap, fmt);
	length = SDL_vasprintf(strp, fmt, ap);
	va_end(ap);
	return length;
}

EXPORT int SDL_vsscanf(const char *text, const char *fmt, va_list ap)
{
	static void *cache;
	__typeof__(&SDL_vsscanf) own = OWN(SDL_vsscanf, cache);

	if (own)
		return own(text, fmt, ap);
	return vsscanf(text, fmt, ap);
}

EXPORT int SDL_sscanf(const char *text, const char *fmt, ...)
{
	va_list ap;
	int count;

	va_start(ap, fmt);
	count = SDL_vsscanf(text, fmt, ap);
	va_end(ap);
	return count;
}
