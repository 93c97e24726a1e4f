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
#include "fuzz_input.h"

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

static void *invoked_arguments[2];

static void invoked(void *a, void *b)
{
	invoked_arguments[0] = a;
	invoked_arguments[1] = b;
}

struct session {
	struct fuzz_operands o;
};

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
		a2 = take_string_operand(in, &s->o, 0, false);
		a3 = take_out_slot(in, &s->o);
		break;
	case DLCALL_LOAD_LIBRARY:
		a2 = take_string_operand(in, &s->o, 0, true);
		/* Any mode but RTLD_DEEPBIND, which ASan refuses outright. */
		a3 = take(in, 1) < 128 ? RTLD_NOW
				       : take(in, 8) & ~(uint64_t)RTLD_DEEPBIND;
		a4 = take_out_slot(in, &s->o);
		break;
	case DLCALL_GET_PROC_ADDRESS:
		a2 = take_handle(in, &s->o);
		a3 = take_string_operand(in, &s->o, 1, false);
		a4 = take_out_slot(in, &s->o);
		break;
	case DLCALL_FREE_LIBRARY:
		a2 = take_handle(in, &s->o);
		a3 = take_out_slot(in, &s->o);
		break;
	case DLCALL_GET_LIBRARY_ERROR:
		a2 = take_out_slot(in, &s->o);
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
	memset(s->o.out, 0, sizeof(s->o.out));
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
	    *(void **)a4 && s->o.handle_count < FUZZ_MAX_HANDLES)
		s->o.handles[s->o.handle_count++] = *(void **)a4;
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
	for (unsigned i = 0; i < session.o.handle_count; i++) {
		int closed = 0;
		int64_t result = 0;

		do
			registered(
			    0, DLCALL_DEFAULT_SYSCALL, DLCALL_FREE_LIBRARY,
			    (uint64_t)session.o.handles[i], (uint64_t)&closed,
			    0, 0, 0, 0, 0, &result, registered_userdata);
		while (result == 0);
	}
	return 0;
}
