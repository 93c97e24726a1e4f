// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the plugin's syscall callback, the way a guest reaches
 * it: random syscall numbers, operations and operands, NULLs, huge numbers,
 * handles freed already. The plugin is compiled into this program (flavour
 * API 7, whose callback returns the syscall's result) and installed through
 * its qemu_plugin_install(), as QEMU does.
 *
 * Operands are what a guest can hand over: any number where the plugin
 * takes a number or a handle, and NULL or a real object where it takes a
 * pointer it must follow (a string, an out-slot, a function). A wild
 * pointer there would be a guest bug the plugin cannot tell from a good
 * pointer (SPEC §8: the guest is trusted like native code).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugin/qemu_plugin_api.h"
#include "dlcall/abi.h"

static qemu_plugin_vcpu_syscall_filter_cb_t registered;
static void *registered_userdata;

QEMU_PLUGIN_EXPORT void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb,
    void *userdata)
{
	(void)id;
	registered = cb;
	registered_userdata = userdata;
}

int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
			char **argv);

/* The fuzz input, read front to back; zeros once it runs out. */
struct input {
	const uint8_t *data;
	size_t size;
};

static uint64_t take(struct input *in, size_t bytes)
{
	uint64_t value = 0;

	for (size_t i = 0; i < bytes && in->size; i++, in->size--)
		value |= (uint64_t)*in->data++ << (8 * i);
	return value;
}

/* A NUL-terminated string of up to 255 input bytes, in `buffer`. */
static char *take_string(struct input *in, char *buffer)
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

static void *invoked_arguments[2];

static void invoked(void *a, void *b)
{
	invoked_arguments[0] = a;
	invoked_arguments[1] = b;
}

enum { MAX_HANDLES = 16 };

struct session {
	void *handles[MAX_HANDLES]; /* every handle seen, freed or not */
	unsigned handle_count;
	void *out[4];
	char strings[2][13 + 256];
};

static uint64_t handle_operand(struct input *in, struct session *s)
{
	uint64_t choice = take(in, 1);

	if (choice < 128 && s->handle_count)
		return (uint64_t)s->handles[choice % s->handle_count];
	if (choice < 160)
		return 0;
	if (choice < 176)
		return (uint64_t)RTLD_NEXT;
	return take(in, 8);
}

/* A string operand; a library path only ever names a file that does not
 * exist or one of two libraries, so that fuzzing loads nothing else. */
static uint64_t string_operand(struct input *in, struct session *s, int slot,
			       bool is_path)
{
	static const char *const known[] = {
	    "emu",	   "libz.so.1", "libm.so.6", "/nonexistent/lib.so",
	    "zlibVersion", "cos",	"crc32",     ""};
	uint64_t choice = take(in, 1);
	char *text = s->strings[slot];

	if (choice < 32)
		return 0;
	if (choice < 128)
		return (uint64_t)known[choice % 8];
	strcpy(text, "/nonexistent/");
	take_string(in, text + 13);
	return (uint64_t)(is_path || choice < 192 ? text : text + 13);
}

static uint64_t out_operand(struct input *in, struct session *s)
{
	return take(in, 1) < 32 ? 0 : (uint64_t)&s->out[take(in, 1) % 4];
}

/* One syscall; checks what the plugin answered. */
static void one_syscall(struct input *in, struct session *s)
{
	uint64_t kind = take(in, 1);
	int64_t number =
	    kind & 0x80 ? (int64_t)take(in, 8) : DLCALL_DEFAULT_SYSCALL;
	uint64_t operation = kind & 0x40 ? take(in, 8) : take(in, 1) % 8;
	uint64_t a2 = 0, a3 = 0, a4 = 0;
	int64_t result = 0;
	bool consumed;

	switch (operation) {
	case DLCALL_GET_HOST_ATTRIBUTE:
		a2 = string_operand(in, s, 0, false);
		a3 = out_operand(in, s);
		break;
	case DLCALL_LOAD_LIBRARY:
		a2 = string_operand(in, s, 0, true);
		/* Any mode but RTLD_DEEPBIND, which ASan refuses outright. */
		a3 = take(in, 1) < 128 ? RTLD_NOW
				       : take(in, 8) & ~(uint64_t)RTLD_DEEPBIND;
		a4 = out_operand(in, s);
		break;
	case DLCALL_GET_PROC_ADDRESS:
		a2 = handle_operand(in, s);
		a3 = string_operand(in, s, 1, false);
		a4 = out_operand(in, s);
		break;
	case DLCALL_FREE_LIBRARY:
		a2 = handle_operand(in, s);
		a3 = out_operand(in, s);
		break;
	case DLCALL_GET_LIBRARY_ERROR:
		a2 = out_operand(in, s);
		break;
	case DLCALL_INVOKE_PROC:
		a2 = take(in, 1) < 64 ? 0 : (uint64_t)invoked;
		a3 = take(in, 8);
		a4 = take(in, 8);
		break;
	default: /* not an operation: the operands must not be touched */
		a2 = take(in, 8);
		a3 = take(in, 8);
		a4 = take(in, 8);
	}
	memset(s->out, 0, sizeof(s->out));
	consumed = registered(0, number, operation, a2, a3, a4, 0, 0, 0, 0,
			      &result, registered_userdata);
	if (consumed != (number == DLCALL_DEFAULT_SYSCALL))
		abort(); /* consumed another syscall, or missed ours */
	if (!consumed)
		return;
	if (operation >= DLCALL_OPERATION_COUNT
		? result != -EINVAL
		: result != 0 && result != -EFAULT && result != -EINVAL)
		abort();
	if (operation == DLCALL_LOAD_LIBRARY && result == 0 && a4 &&
	    *(void **)a4 && s->handle_count < MAX_HANDLES)
		s->handles[s->handle_count++] = *(void **)a4;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int installed;
	struct input in = {data, size};
	struct session session = {0};
	int loads = 0;

	if (!installed) {
		qemu_info_t info = {0};

		info.target_name = "x86_64";
		if (qemu_plugin_install(1, &info, 0, NULL) != 0 || !registered)
			abort();
		installed = 1;
	}
	while (in.size && loads < 64) {
		one_syscall(&in, &session);
		loads++;
	}
	/* Free what this input loaded and did not free, through the plugin,
	 * so that inputs do not pile libraries up. */
	for (unsigned i = 0; i < session.handle_count; i++) {
		int closed = 0;
		int64_t result = 0;

		do
			registered(
			    0, DLCALL_DEFAULT_SYSCALL, DLCALL_FREE_LIBRARY,
			    (uint64_t)session.handles[i], (uint64_t)&closed, 0,
			    0, 0, 0, 0, &result, registered_userdata);
		while (result == 0);
	}
	return 0;
}
