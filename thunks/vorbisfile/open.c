// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The functions that open an OggVorbis_File receive it uninitialized and
 * zero it first (libvorbisfile's _ov_open1). The thunks walk its stream
 * functions (the spec's library-field line) before the call, so the guest
 * zeroes it first, as the library does, and nothing uninitialized is
 * followed. (ov_fopen() of a file that cannot be opened leaves it
 * untouched natively, zeroed here: its contents are unspecified then.)
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <string.h>

#include "dlcall/guest.h"
#include "vorbisfile-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT int ov_fopen(const char *path, OggVorbis_File *vf)
{
	static void *cache;
	__typeof__(&ov_fopen) own = OWN(ov_fopen, cache);

	if (own)
		return own(path, vf);
	memset(vf, 0, sizeof(*vf));
	return pass_through_ov_fopen(path, vf);
}

EXPORT int ov_open(FILE *f, OggVorbis_File *vf, const char *initial,
		   long ibytes)
{
	static void *cache;
	__typeof__(&ov_open) own = OWN(ov_open, cache);

	if (own)
		return own(f, vf, initial, ibytes);
	memset(vf, 0, sizeof(*vf));
	return pass_through_ov_open(f, vf, initial, ibytes);
}

EXPORT int ov_open_callbacks(void *datasource, OggVorbis_File *vf,
			     const char *initial, long ibytes,
			     ov_callbacks callbacks)
{
	static void *cache;
	__typeof__(&ov_open_callbacks) own = OWN(ov_open_callbacks, cache);

	if (own)
		return own(datasource, vf, initial, ibytes, callbacks);
	memset(vf, 0, sizeof(*vf));
	return pass_through_ov_open_callbacks(datasource, vf, initial, ibytes,
					      callbacks);
}

EXPORT int ov_test(FILE *f, OggVorbis_File *vf, const char *initial,
		   long ibytes)
{
	static void *cache;
	__typeof__(&ov_test) own = OWN(ov_test, cache);

	if (own)
		return own(f, vf, initial, ibytes);
	memset(vf, 0, sizeof(*vf));
	return pass_through_ov_test(f, vf, initial, ibytes);
}

EXPORT int ov_test_callbacks(void *datasource, OggVorbis_File *vf,
			     const char *initial, long ibytes,
			     ov_callbacks callbacks)
{
	static void *cache;
	__typeof__(&ov_test_callbacks) own = OWN(ov_test_callbacks, cache);

	if (own)
		return own(datasource, vf, initial, ibytes, callbacks);
	memset(vf, 0, sizeof(*vf));
	return pass_through_ov_test_callbacks(datasource, vf, initial, ibytes,
					      callbacks);
}
