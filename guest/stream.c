// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest side of host streams (host/stream.c, abi.h): the host library
 * reads, writes, seeks and closes the program's FILE * through here, so
 * the program's C library does it on the program's own stream.
 *
 * The host's buffer is host memory, which QEMU refuses in the guest's
 * system calls (SPEC §3): an unbuffered stream such as stderr would hand
 * it to write() as it is. So the bytes pass through a buffer of the
 * guest's own, a chunk at a time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>

#include "dlcall/guest.h"
#include "stream.h"

enum { CHUNK = 4096 };

/*
 * The program's stream the library wrote to last on this thread, not
 * flushed yet. The library's own fflush() reaches only the host stream,
 * which has no buffer, so the guest flushes what the library wrote when
 * the call returns (dlcall_guest_flush_written), or when the library
 * turns to another stream: output appears as soon as natively, in order.
 */
static __thread FILE *written_stream;

void dlcall_guest_flush_written(void)
{
	if (written_stream)
		fflush(written_stream);
	written_stream = NULL;
}

static int64_t write_chunks(FILE *stream, const char *host_bytes, size_t size)
{
	char chunk[CHUNK];
	size_t done = 0;

	while (done < size) {
		size_t length = size - done < CHUNK ? size - done : CHUNK;
		size_t written;

		memcpy(chunk, host_bytes + done, length);
		written = fwrite(chunk, 1, length, stream);
		done += written;
		if (written < length)
			break;
	}
	return (int64_t)done;
}

static int64_t read_chunks(FILE *stream, char *host_bytes, size_t size)
{
	char chunk[CHUNK];
	size_t done = 0;

	while (done < size) {
		size_t length = size - done < CHUNK ? size - done : CHUNK;
		size_t read = fread(chunk, 1, length, stream);

		memcpy(host_bytes + done, chunk, read);
		done += read;
		if (read < length)
			break;
	}
	return done == 0 && ferror(stream) ? -1 : (int64_t)done;
}

DLCALL_GUEST_API void dlcall_guest_stream_io(void *stream, void **args,
					     void *result)
{
	int operation = *(int *)args[0];
	size_t size = *(size_t *)args[2];
	int64_t *done = result;

	switch (operation) {
	case DLCALL_STREAM_READ:
		*done = read_chunks(stream, args[1], size);
		break;
	case DLCALL_STREAM_WRITE:
		if (written_stream != stream)
			dlcall_guest_flush_written();
		*done = write_chunks(stream, args[1], size);
		written_stream = stream;
		break;
	case DLCALL_STREAM_SEEK:
		*done = fseeko(stream, *(int64_t *)args[1], (int)size) == 0
			    ? (int64_t)ftello(stream)
			    : -1;
		break;
	case DLCALL_STREAM_MODE:
		*done = (__freadable(stream) ? DLCALL_STREAM_READABLE : 0) |
			(__fwritable(stream) ? DLCALL_STREAM_WRITABLE : 0);
		break;
	case DLCALL_STREAM_CLOSE:
		if (written_stream == stream)
			written_stream = NULL;
		*done = fclose(stream);
		break;
	default:
		*done = -1;
	}
}
