// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calls by library and function, for `dlcall run --trace` (each call, as
 * it starts) and `dlcall run --summary` (counts, when the program exits).
 * The guest runtime chooses these entries instead of dlcall_host_call()
 * only when asked, so the common path has no branch for them. Names come
 * from the host thunk a host function belongs to: its table and the
 * names it exports beside it.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/host.h"

struct traced_function {
	void *host_function;
	const char *library;
	const char *name;
	unsigned long calls;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct traced_function *functions; /* open addressing by pointer */
static size_t capacity, count;

/* Library and name of a host thunk function, from its host thunk. */
static void describe(struct traced_function *entry)
{
	Dl_info info;
	void *handle = NULL;
	void (**table)(void *) = NULL;
	const char *const *names = NULL;
	const char *const *soname = NULL;
	const unsigned long *size = NULL;

	entry->library = "?";
	entry->name = "?";
	if (dladdr(entry->host_function, &info) && info.dli_fname)
		handle = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
	if (handle) {
		table = dlsym(handle, "dlcall_thunk_table");
		names = dlsym(handle, "dlcall_thunk_names");
		soname = dlsym(handle, "dlcall_thunk_soname");
		size = dlsym(handle, "dlcall_thunk_count");
		dlclose(handle); /* the thunk stays loaded: the guest's */
	}
	if (soname)
		entry->library = *soname;
	for (unsigned long i = 0; table && names && size && i < *size; i++)
		if ((void *)table[i] == entry->host_function)
			entry->name = names[i];
}

static size_t slot_of(void *host_function, size_t size)
{
	size_t slot = ((uintptr_t)host_function >> 4) & (size - 1);

	while (functions[slot].host_function &&
	       functions[slot].host_function != host_function)
		slot = (slot + 1) & (size - 1);
	return slot;
}

static void grow(void)
{
	struct traced_function *old = functions;
	size_t old_capacity = capacity;

	capacity = capacity ? capacity * 2 : 256;
	functions = calloc(capacity, sizeof(*functions));
	if (!functions)
		abort(); /* tracing is asked for; nothing sensible is left */
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i].host_function)
			functions[slot_of(old[i].host_function, capacity)] =
			    old[i];
	free(old);
}

/* Counts a call of `host_function`; prints it first if `print`. */
static void count_call(void *host_function, int print)
{
	struct traced_function *entry;

	pthread_mutex_lock(&lock);
	if ((count + 1) * 2 > capacity)
		grow();
	entry = &functions[slot_of(host_function, capacity)];
	if (!entry->host_function) {
		entry->host_function = host_function;
		describe(entry);
		count++;
	}
	entry->calls++;
	if (print)
		fprintf(stderr, "dlcall: trace: %s %s\n", entry->library,
			entry->name);
	pthread_mutex_unlock(&lock);
}

DLCALL_HOST_API void dlcall_host_call_counted(void *frame, void *unused)
{
	count_call(((struct dlcall_frame *)frame)->host_function, 0);
	dlcall_host_call(frame, unused);
}

DLCALL_HOST_API void dlcall_host_call_traced(void *frame, void *unused)
{
	count_call(((struct dlcall_frame *)frame)->host_function, 1);
	dlcall_host_call(frame, unused);
}

static int by_library_then_calls(const void *a, const void *b)
{
	const struct traced_function *x = a, *y = b;
	int library = strcmp(x->library, y->library);

	if (library)
		return library;
	return x->calls < y->calls ? 1 : x->calls > y->calls ? -1 : 0;
}

/* Called by the guest runtime when the program exits (--summary). */
DLCALL_HOST_API void dlcall_host_print_summary(void *unused)
{
	struct traced_function *sorted;
	size_t used = 0;

	(void)unused;
	pthread_mutex_lock(&lock);
	sorted = calloc(count + 1, sizeof(*sorted));
	for (size_t i = 0; sorted && i < capacity; i++)
		if (functions[i].host_function)
			sorted[used++] = functions[i];
	pthread_mutex_unlock(&lock);
	if (!sorted)
		return;
	qsort(sorted, used, sizeof(*sorted), by_library_then_calls);
	fprintf(stderr, "dlcall: summary: calls passed through, by library "
			"and function:\n");
	for (size_t i = 0; i < used; i++)
		fprintf(stderr, "dlcall: summary: %s %s %lu\n",
			sorted[i].library, sorted[i].name, sorted[i].calls);
	free(sorted);
}
