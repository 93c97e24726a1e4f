// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Functions that close their SDL_RWops when a flag says so, guest side.
 *
 * Around a call that passes an SDL_RWops the host thunk swaps the host's
 * functions into it and puts the guest's back after the call (the
 * library-field line of the spec); an SDL_RWops the call has closed is
 * freed memory by then. SDL_RWclose() and SDL_FreeRW() are `frees` lines;
 * these take the flag: the call is made with the flag clear, and the
 * stream closed here afterwards, where SDL would have closed it at the
 * end of the call (after one more seek back when it keeps the stream,
 * which a closed stream does not notice).
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include "dlcall/guest.h"
#include "sdl2-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT SDL_AudioSpec *SDL_LoadWAV_RW(SDL_RWops *src, int freesrc,
				     SDL_AudioSpec *spec, Uint8 **audio_buf,
				     Uint32 *audio_len)
{
	static void *cache;
	__typeof__(&SDL_LoadWAV_RW) own = OWN(SDL_LoadWAV_RW, cache);
	SDL_AudioSpec *result;

	if (own)
		return own(src, freesrc, spec, audio_buf, audio_len);
	result =
	    pass_through_SDL_LoadWAV_RW(src, 0, spec, audio_buf, audio_len);
	/* SDL checks its arguments before it would close the stream. */
	if (freesrc && src && spec && audio_buf && audio_len)
		SDL_RWclose(src);
	return result;
}

EXPORT SDL_Surface *SDL_LoadBMP_RW(SDL_RWops *src, int freesrc)
{
	static void *cache;
	__typeof__(&SDL_LoadBMP_RW) own = OWN(SDL_LoadBMP_RW, cache);
	SDL_Surface *surface;

	if (own)
		return own(src, freesrc);
	surface = pass_through_SDL_LoadBMP_RW(src, 0);
	if (freesrc && src)
		SDL_RWclose(src);
	return surface;
}

EXPORT int SDL_SaveBMP_RW(SDL_Surface *surface, SDL_RWops *dst, int freedst)
{
	static void *cache;
	__typeof__(&SDL_SaveBMP_RW) own = OWN(SDL_SaveBMP_RW, cache);
	int result;

	if (own)
		return own(surface, dst, freedst);
	result = pass_through_SDL_SaveBMP_RW(surface, dst, 0);
	if (freedst && dst) {
		SDL_RWclose(dst);
		/* SDL's result: whether an error was set, closing included. */
		result = SDL_GetError()[0] == '\0' ? 0 : -1;
	}
	return result;
}

EXPORT void *SDL_LoadFile_RW(SDL_RWops *src, size_t *datasize, int freesrc)
{
	static void *cache;
	__typeof__(&SDL_LoadFile_RW) own = OWN(SDL_LoadFile_RW, cache);
	void *data;

	if (own)
		return own(src, datasize, freesrc);
	data = pass_through_SDL_LoadFile_RW(src, datasize, 0);
	if (freesrc && src)
		SDL_RWclose(src);
	return data;
}

EXPORT int SDL_GameControllerAddMappingsFromRW(SDL_RWops *rw, int freerw)
{
	static void *cache;
	__typeof__(&SDL_GameControllerAddMappingsFromRW) own =
	    OWN(SDL_GameControllerAddMappingsFromRW, cache);
	int count;

	if (own)
		return own(rw, freerw);
	count = pass_through_SDL_GameControllerAddMappingsFromRW(rw, 0);
	if (freerw && rw)
		SDL_RWclose(rw);
	return count;
}
