// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host streams for the guest's FILE * (abi.h): a FILE of the guest's C
 * library means nothing to the host's, so a host library given one gets
 * a host stream (fopencookie) whose reads, writes, seeks and close run on
 * the guest's stream through the guest's C library, as callbacks of the
 * pass-through call in progress.
 *
 * The host stream reads and writes as the guest's does (a read-only
 * one refuses writes with the host's own error, as natively). One host
 * stream per guest stream address and mode, kept for the process (a
 * library may keep the stream, as libxml2's output buffers do); a new
 * guest stream at an old address simply reuses it, since it only ever
 * forwards to that address. Closed by the library, it closes the guest's
 * stream too, as the library would have natively, and is forgotten.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dlcall/host.h"

struct stream {
	void *guest_stream;
	dlcall_guest_invoker io;
	int64_t mode; /* DLCALL_STREAM_READABLE | DLCALL_STREAM_WRITABLE */
	FILE *host_stream;
	struct stream *next;
};

static struct stream *streams;
static pthread_mutex_t stream_lock = PTHREAD_MUTEX_INITIALIZER;

/* One operation on the guest's stream (abi.h's protocol). */
static int64_t guest_io(struct stream *s, int operation, void *buffer,
			size_t size)
{
	void *args[] = {&operation, buffer, &size};
	int64_t result = -1;

	dlcall_host_run_guest(s->io, s->guest_stream, args, &result,
			      "a FILE * of the guest", "a stream operation");
	return result;
}

static ssize_t stream_read(void *cookie, char *buffer, size_t size)
{
	return (ssize_t)guest_io(cookie, DLCALL_STREAM_READ, buffer, size);
}

static ssize_t stream_write(void *cookie, const char *buffer, size_t size)
{
	int64_t done =
	    guest_io(cookie, DLCALL_STREAM_WRITE, (void *)buffer, size);

	/* A short write is an error for the host's stdio, as for the
	 * guest's. */
	return done == (int64_t)size ? (ssize_t)done : -1;
}

static int stream_seek(void *cookie, off64_t *offset, int whence)
{
	int64_t where = *offset;
	int64_t result =
	    guest_io(cookie, DLCALL_STREAM_SEEK, &where, (size_t)whence);

	if (result < 0)
		return -1;
	*offset = result;
	return 0;
}

static void forget(struct stream *gone)
{
	pthread_mutex_lock(&stream_lock);
	for (struct stream **s = &streams; *s; s = &(*s)->next)
		if (*s == gone) {
			*s = gone->next;
			break;
		}
	pthread_mutex_unlock(&stream_lock);
}

static int stream_close(void *cookie)
{
	struct stream *s = cookie;
	int64_t result = guest_io(s, DLCALL_STREAM_CLOSE, NULL, 0);

	forget(s);
	free(s);
	return result == 0 ? 0 : EOF;
}

/* fopencookie()'s mode for the guest stream's: it only sets what the
 * host's stdio allows. */
static const char *mode_string(int64_t mode)
{
	switch (mode) {
	case DLCALL_STREAM_READABLE:
		return "r";
	case DLCALL_STREAM_WRITABLE:
		return "w";
	default:
		return "r+";
	}
}

static struct stream *open_stream(void *guest_stream, dlcall_guest_invoker io,
				  int64_t mode)
{
	static const cookie_io_functions_t functions = {
	    .read = stream_read,
	    .write = stream_write,
	    .seek = stream_seek,
	    .close = stream_close,
	};
	struct stream *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->guest_stream = guest_stream;
	s->io = io;
	s->mode = mode;
	s->host_stream = fopencookie(s, mode_string(mode), functions);
	if (!s->host_stream) {
		free(s);
		return NULL;
	}
	setvbuf(s->host_stream, NULL, _IONBF, 0);
	return s;
}

DLCALL_HOST_API void *dlcall_host_stream(void *guest_stream,
					 dlcall_guest_invoker io)
{
	struct stream probe = {.guest_stream = guest_stream, .io = io};
	struct stream *s;
	int64_t mode;

	if (!guest_stream)
		return NULL;
	mode = guest_io(&probe, DLCALL_STREAM_MODE, NULL, 0);
	pthread_mutex_lock(&stream_lock);
	for (s = streams;
	     s && (s->guest_stream != guest_stream || s->mode != mode);
	     s = s->next)
		;
	if (!s && (s = open_stream(guest_stream, io, mode))) {
		s->next = streams;
		streams = s;
	}
	pthread_mutex_unlock(&stream_lock);
	if (!s)
		dlcall_host_fail("cannot make a host stream for a FILE * of "
				 "the guest");
	/* End of file and errors are the guest stream's to keep: another
	 * guest stream may have come to the same address since. */
	clearerr(s->host_stream);
	return s->host_stream;
}
