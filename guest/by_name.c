// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Functions a library returns by name (glXGetProcAddress, eglGetProcAddress,
 * vkGetInstanceProcAddr, SDL_GL_GetProcAddress, alGetProcAddress). The
 * host library's answer is a host function; the guest gets the guest
 * thunk of that name, or a stub of its own signature around the host's
 * answer, never a stub of the declared type (void (*)(void)) nor the raw
 * host address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/guest.h"

static int compare_name(const void *key, const void *entry)
{
	return strcmp(key, ((const struct dlcall_named_function *)entry)->name);
}

DLCALL_GUEST_API void *
dlcall_guest_function_by_name(const struct dlcall_name_table *table,
			      const char *asked_of, const char *name,
			      void *host_function)
{
	const struct dlcall_named_function *found;

	if (!name || !host_function)
		return NULL; /* the host library has none either */
	found = bsearch(name, table->functions, table->count,
			sizeof(*table->functions), compare_name);
	if (found && found->thunk)
		return found->thunk;
	if (found && found->stub_entry)
		return dlcall_guest_stub(host_function, found->stub_entry);
	if (dlcall_guest_verbose())
		fprintf(stderr, "dlcall: %s: %s(\"%s\") gives NULL: %s\n",
			table->soname, asked_of, name,
			found ? found->reason
			      : "no header the thunk was generated from "
				"declares it");
	return NULL;
}
