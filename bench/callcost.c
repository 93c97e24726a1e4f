// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-call cost benchmark, a guest program linked against the real
 * libdlcalltest.so.1 (so it runs natively, emulated or passed through).
 *
 *   callcost KIND ITERATIONS
 *
 * KIND: syscall   the bare magic syscall with an operation the plugin
 *                 rejects at once: QEMU's syscall path plus dispatch
 *       invoke    a bare INVOKE_PROC of the host thunk of dt_nothing,
 *                 bypassing both runtimes (needs the plugin)
 *       nothing   dt_nothing(): a whole pass-through call of a no-op
 *       add       dt_add(): two arguments and a result
 *       callback  one host-to-guest callback round trip (dt_integrate
 *                 calling a guest function that returns at once)
 *       thread-callback  the same from a thread the library started
 *                 (dt_fold_in_thread: a callback server runs it)
 * Prints nanoseconds per operation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcalltest.h"
#include "dlcall/abi.h"
#include "dlcall/magic_syscall.h"
#include "now.h"
#include "dlcalltest-thunk.h" /* generated: THUNK_dt_nothing */

static double zero(double x)
{
	(void)x;
	return 0;
}

static int first(int a, int b)
{
	(void)b;
	return a;
}

/* The host thunk of dt_nothing, found with the plugin's own operations. */
static void *host_nothing(void)
{
	const char *directories = getenv("DLCALL_HOST_DIR");
	char path[4096];
	void *handle = NULL;
	void **table = NULL;

	if (!directories)
		return NULL;
	snprintf(path, sizeof(path), "%.*s/libdlcalltest-host.so",
		 (int)strcspn(directories, ":"), directories);
	magic_syscall(4096, DLCALL_LOAD_LIBRARY, (long)path, 2, (long)&handle);
	if (handle)
		magic_syscall(4096, DLCALL_GET_PROC_ADDRESS, (long)handle,
			      (long)"dlcall_thunk_table", (long)&table);
	return table ? table[THUNK_dt_nothing] : NULL;
}

int main(int argc, char **argv)
{
	long iterations = argc > 2 ? atol(argv[2]) : 0;
	volatile int sink = 0;
	double start;

	if (argc != 3 || iterations <= 0) {
		fprintf(stderr, "usage: callcost "
				"syscall|nothing|add|callback|thread-callback "
				"ITERATIONS\n");
		return 2;
	}
	if (strcmp(argv[1], "invoke") == 0) {
		void *function = host_nothing();

		if (!function) {
			fprintf(stderr, "callcost: invoke needs dlcall run\n");
			return 2;
		}
		start = now();
		for (long i = 0; i < iterations; i++)
			magic_syscall(4096, DLCALL_INVOKE_PROC, (long)function,
				      0, 0);
		printf("%.1f\n", (now() - start) / iterations);
		return 0;
	}
	start = now();
	if (strcmp(argv[1], "syscall") == 0)
		for (long i = 0; i < iterations; i++)
			magic_syscall(4096, 1000, 0, 0, 0);
	else if (strcmp(argv[1], "nothing") == 0)
		for (long i = 0; i < iterations; i++)
			dt_nothing();
	else if (strcmp(argv[1], "add") == 0)
		for (long i = 0; i < iterations; i++)
			sink += dt_add((int)i, 1);
	else if (strcmp(argv[1], "callback") == 0)
		sink += (int)dt_integrate(zero, 0, 1, (int)iterations);
	else if (strcmp(argv[1], "thread-callback") == 0)
		sink += dt_fold_in_thread(first, (int)iterations);
	else
		return 2;
	printf("%.1f\n", (now() - start) / iterations);
	return sink == 42 ? 1 : 0;
}
