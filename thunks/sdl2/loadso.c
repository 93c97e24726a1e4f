// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Libraries and functions SDL loads for the program, guest side.
 *
 * SDL_LoadObject() and SDL_LoadFunction() load into the program: the
 * guest's dynamic linker loads the library, as SDL's dlopen() would in a
 * native process, so the program gets guest code it can call (our thunk
 * where that library passes through, else the guest's own library). The
 * host's SDL would hand back a host library's handle and functions, which
 * guest code cannot run. The error messages are SDL's own.
 *
 * SDL_Vulkan_GetVkGetInstanceProcAddr() returns a function as a void
 * pointer, which no generated stub can stand for: the host SDL loads the
 * host's Vulkan loader, which passes through in SDL's group, so the
 * program gets the guest thunk's vkGetInstanceProcAddr, answering for the
 * same loader.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/guest.h"
#include "sdl2-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT void *SDL_LoadObject(const char *sofile)
{
	static void *cache;
	__typeof__(&SDL_LoadObject) own = OWN(SDL_LoadObject, cache);
	void *handle;
	const char *error;

	if (own)
		return own(sofile);
	handle = dlopen(sofile, RTLD_NOW | RTLD_LOCAL);
	error = dlerror();
	if (!handle)
		SDL_SetError("Failed loading %s: %s", sofile, error);
	return handle;
}

EXPORT void *SDL_LoadFunction(void *handle, const char *name)
{
	static void *cache;
	__typeof__(&SDL_LoadFunction) own = OWN(SDL_LoadFunction, cache);
	size_t length = strlen(name);
	char *underscored;
	void *symbol;

	if (own)
		return own(handle, name);
	symbol = dlsym(handle, name);
	if (symbol)
		return symbol;
	/* As SDL does, for platforms that prefix C names with '_'. */
	underscored = malloc(length + 2);
	if (underscored) {
		underscored[0] = '_';
		memcpy(underscored + 1, name, length + 1);
		symbol = dlsym(handle, underscored);
		free(underscored);
	}
	if (!symbol)
		SDL_SetError("Failed loading %s: %s", name, dlerror());
	return symbol;
}

EXPORT void SDL_UnloadObject(void *handle)
{
	static void *cache;
	__typeof__(&SDL_UnloadObject) own = OWN(SDL_UnloadObject, cache);

	if (own)
		own(handle);
	else if (handle)
		dlclose(handle);
}

EXPORT void *SDL_Vulkan_GetVkGetInstanceProcAddr(void)
{
	static void *cache;
	__typeof__(&SDL_Vulkan_GetVkGetInstanceProcAddr) own =
	    OWN(SDL_Vulkan_GetVkGetInstanceProcAddr, cache);
	void *loader;

	if (own)
		return own();
	if (!pass_through_SDL_Vulkan_GetVkGetInstanceProcAddr())
		return NULL; /* SDL said why */
	loader = dlopen("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!loader) {
		SDL_SetError("Failed loading libvulkan.so.1: %s", dlerror());
		return NULL;
	}
	return dlsym(loader, "vkGetInstanceProcAddr");
}
