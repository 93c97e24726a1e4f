// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * jpeg_CreateCompress() and jpeg_CreateDecompress() (behind the
 * jpeg_create_compress() and jpeg_create_decompress() macros) are handed
 * a struct the program has not initialized but for err and client_data:
 * the call zeroes the rest. The thunks walk the struct's managers (the
 * spec's library-field lines) before the call, so the guest zeroes it
 * first, exactly as libjpeg does, and nothing uninitialized is followed.
 * A wrong structsize is left for libjpeg to report.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <string.h>

#include "dlcall/guest.h"
#include "jpeg-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

/* libjpeg's own first step: all zero but err and client_data. */
#define ZERO_BUT_ERROR_MANAGER(cinfo, structsize)                              \
	do {                                                                   \
		if ((structsize) == sizeof(*(cinfo))) {                        \
			struct jpeg_error_mgr *err = (cinfo)->err;             \
			void *client_data = (cinfo)->client_data;              \
                                                                               \
			memset((cinfo), 0, sizeof(*(cinfo)));                  \
			(cinfo)->err = err;                                    \
			(cinfo)->client_data = client_data;                    \
		}                                                              \
	} while (0)

EXPORT void jpeg_CreateCompress(j_compress_ptr cinfo, int version,
				size_t structsize)
{
	static void *cache;
	__typeof__(&jpeg_CreateCompress) own = OWN(jpeg_CreateCompress, cache);

	if (own) {
		own(cinfo, version, structsize);
		return;
	}
	ZERO_BUT_ERROR_MANAGER(cinfo, structsize);
	pass_through_jpeg_CreateCompress(cinfo, version, structsize);
}

EXPORT void jpeg_CreateDecompress(j_decompress_ptr cinfo, int version,
				  size_t structsize)
{
	static void *cache;
	__typeof__(&jpeg_CreateDecompress) own =
	    OWN(jpeg_CreateDecompress, cache);

	if (own) {
		own(cinfo, version, structsize);
		return;
	}
	ZERO_BUT_ERROR_MANAGER(cinfo, structsize);
	pass_through_jpeg_CreateDecompress(cinfo, version, structsize);
}
