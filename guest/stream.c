// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest side of host streams (host/stream.c, abi.h): the host library
 * reads, writes, seeks and closes the program's FILE * through here, so
 * the program's C library does it on the program's own stream.
 */
#include <stdint.h>
#include <stdio.h>

#include "dlcall/guest.h"

DLCALL_GUEST_API void dlcall_guest_stream_io(void *stream, void **args,
					     void *result)
{
	int operation = *(int *)args[0];
	size_t size = *(size_t *)args[2];
	int64_t *done = result;

	switch (operation) {
	case DLCALL_STREAM_READ:
		*done = (int64_t)fread(args[1], 1, size, stream);
		if (*done == 0 && ferror(stream))
			*done = -1;
		break;
	case DLCALL_STREAM_WRITE:
		*done = (int64_t)fwrite(args[1], 1, size, stream);
		break;
	case DLCALL_STREAM_SEEK:
		*done = fseeko(stream, *(int64_t *)args[1], (int)size) == 0
			    ? (int64_t)ftello(stream)
			    : -1;
		break;
	case DLCALL_STREAM_CLOSE:
		*done = fclose(stream);
		break;
	default:
		*done = -1;
	}
}
