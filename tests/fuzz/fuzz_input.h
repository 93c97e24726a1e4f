/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading a fuzz input: shared by the plugin's fuzz target and its replay
 * through a real QEMU (tests/e2e/replay.c), so that one file means one
 * sequence of syscalls in both.
 */
#ifndef DLCALL_FUZZ_INPUT_H
#define DLCALL_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The input, read front to back; zeros once it runs out. */
struct input {
	const uint8_t *data;
	size_t size;
};

/* The next `bytes` bytes (at most 8), little-endian. */
static inline uint64_t take(struct input *in, size_t bytes)
{
	uint64_t value = 0;

	for (size_t i = 0; i < bytes && in->size; i++, in->size--)
		value |= (uint64_t)*in->data++ << (8 * i);
	return value;
}

/* A length byte, then up to that many bytes of text: a NUL-terminated
 * string of at most 255 bytes in `buffer`. */
static inline char *take_string(struct input *in, char *buffer)
{
	size_t length = take(in, 1);

	if (length > in->size)
		length = in->size;
	memcpy(buffer, in->data, length);
	buffer[length] = '\0';
	in->data += length;
	in->size -= length;
	return buffer;
}

/* What the operands of one input's syscalls point at or repeat. */
enum { FUZZ_MAX_HANDLES = 16 };

struct fuzz_operands {
	void *handles[FUZZ_MAX_HANDLES]; /* every handle seen, freed or not */
	unsigned int handle_count;
	void *out[4];
	char strings[2][13 + 256];
};

/* glibc's RTLD_NEXT, as the host's dlsym() takes it */
#define FUZZ_RTLD_NEXT ((uint64_t)-1)

/* A handle: one seen, NULL, RTLD_NEXT or any number. */
static inline uint64_t take_handle(struct input *in, struct fuzz_operands *o)
{
	uint64_t choice = take(in, 1);

	if (choice < 128 && o->handle_count)
		return (uint64_t)(uintptr_t)
		    o->handles[choice % o->handle_count];
	if (choice < 160)
		return 0;
	if (choice < 176)
		return FUZZ_RTLD_NEXT;
	return take(in, 8);
}

/* A string operand; a library path only ever names a file that does not
 * exist or one of two libraries, so that fuzzing loads nothing else. */
static inline uint64_t take_string_operand(struct input *in,
					   struct fuzz_operands *o, int slot,
					   int is_path)
{
	static const char *const known[] = {
	    "emu",	   "libz.so.1", "libm.so.6", "/nonexistent/lib.so",
	    "zlibVersion", "cos",	"crc32",     ""};
	uint64_t choice = take(in, 1);
	char *text = o->strings[slot];

	if (choice < 32)
		return 0;
	if (choice < 128)
		return (uint64_t)(uintptr_t)known[choice % 8];
	strcpy(text, "/nonexistent/");
	take_string(in, text + 13);
	return (uint64_t)(uintptr_t)(is_path || choice < 192 ? text
							     : text + 13);
}

/* An out-pointer: NULL or one of four slots. */
static inline uint64_t take_out_slot(struct input *in, struct fuzz_operands *o)
{
	return take(in, 1) < 32 ? 0
				: (uint64_t)(uintptr_t)&o->out[take(in, 1) % 4];
}

#endif
