// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest-callable stubs for host function pointers (SPEC §4).
 *
 * A host function pointer that reaches the guest (a GetProcAddress-style
 * result, a function table) cannot be called by emulated code. The guest
 * gets instead a code slot (slots.c) whose target is the host function
 * and whose entry is the per-signature C function that packs the
 * arguments and calls the host.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dlcall/guest.h"
#include "slots.h"

DLCALL_GUEST_API void *dlcall_guest_stub(void *host_function, void *guest_entry)
{
	return dlcall_slot(host_function, guest_entry);
}

DLCALL_GUEST_API void *dlcall_guest_stub_target(void)
{
	return dlcall_slot_target();
}

/* On every pass-through call with a function pointer argument: no lock. */
DLCALL_GUEST_API void *dlcall_guest_unwrap(void *function)
{
	return dlcall_slot_unwrap(function);
}

DLCALL_GUEST_API char *dlcall_guest_vformat(const char *format,
					    va_list arguments)
{
	char *text;

	if (!format)
		return NULL; /* no message (OpenSSL's ERR_set_error) */
	if (vasprintf(&text, format, arguments) < 0) {
		fprintf(stderr, "dlcall: cannot format the message of a "
				"printf-style host function\n");
		exit(127);
	}
	return text;
}

/* glibc 2.35's lock-free lookup, for unwinders; weak for older ones. */
extern int _dl_find_object(void *address, struct dl_find_object *result)
    __attribute__((weak));

/*
 * Addresses found in no loaded object, remembered: the fields a call walks
 * hold the same host functions call after call (a FreeType face's memory
 * and stream functions, eight per FT_Get_Char_Index), and each lookup
 * costs ~100 ns emulated, most of a small call. A host function stays
 * one: the host's libraries and closures are never unmapped, so no guest
 * object is ever loaded where one was. One word per entry, so threads
 * need no lock.
 */
enum { KNOWN_HOST_SIZE = 256 };
static uintptr_t known_host[KNOWN_HOST_SIZE];

static uintptr_t *known_host_entry(uintptr_t address)
{
	return &known_host[(address >> 4 ^ address >> 12) &
			   (KNOWN_HOST_SIZE - 1)];
}

static int find_object(void *address)
{
	struct dl_find_object found;
	Dl_info info;

	if (_dl_find_object)
		return _dl_find_object(address, &found) == 0;
	return dladdr(address, &info) != 0;
}

DLCALL_GUEST_API int dlcall_guest_in_loaded_object(void *address)
{
	uintptr_t *entry = known_host_entry((uintptr_t)address);

	if (__atomic_load_n(entry, __ATOMIC_RELAXED) == (uintptr_t)address)
		return 0;
	if (find_object(address))
		return 1;
	__atomic_store_n(entry, (uintptr_t)address, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Whether `function` is the host's: not NULL, not one of our stubs, and in
 * no object the guest's dynamic linker loaded (the host's libraries are
 * mapped by the host's loader, which the guest's knows nothing of). Code a
 * guest program generates at run time would count as the host's.
 */
DLCALL_GUEST_API int dlcall_guest_is_host_function(void *function)
{
	return function && !dlcall_guest_unwrap(function) &&
	       !dlcall_guest_in_loaded_object(function);
}
