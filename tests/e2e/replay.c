// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The plugin's fuzz corpus (tests/fuzz/corpus/plugin), replayed through a
 * real QEMU:
 *
 *   dlcall run -- replay FILE...
 *
 * Each file is read the way tests/fuzz/plugin_fuzz.c reads it, byte for
 * byte, so a file means the same sequence of syscalls here; but each one is
 * the real magic syscall of this guest, with its strings and out-slots in
 * guest memory. Where a real guest must differ, the code says so: (a) other
 * syscall numbers are skipped, (b) INVOKE_PROC never names a function, and
 * (c) the syscall's return value means what SPEC §2 says for the flavour.
 *
 * Prints TAP: one line per file, "not ok" with the broken invariant.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/abi.h"
#include "dlcall/magic_syscall.h"
#include "../fuzz/fuzz_input.h"

/* The host's dlopen() values the harness uses, the same on every LP64
 * glibc; named here so that the guest's headers do not decide them. */
#define HOST_RTLD_NOW	   0x002
#define HOST_RTLD_DEEPBIND 0x008

/* The harness's limits: syscalls per input, handles kept per input. */
enum { MAX_SYSCALLS = 64 };

/*
 * How QEMU answers the magic syscall (SPEC §2): QEMU 7.2 .. 10.x only
 * observe it and answer -ENOSYS themselves; the filter of QEMU 11 returns
 * the plugin's own result.
 */
enum flavour { OBSERVER, FILTER };

static enum flavour flavour;
static long syscall_number = DLCALL_DEFAULT_SYSCALL;

struct session {
	struct fuzz_operands o; /* strings and out-slots: guest memory */
	unsigned int issued, skipped;
	char failure[200]; /* the first broken invariant, or empty */
};

static void fail(struct session *s, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Keeps the first failure only: later ones follow from it. */
static void fail(struct session *s, const char *format, ...)
{
	va_list arguments;

	if (s->failure[0])
		return;
	va_start(arguments, format);
	vsnprintf(s->failure, sizeof(s->failure), format, arguments);
	va_end(arguments);
}

/* LOAD_LIBRARY's mode, never RTLD_DEEPBIND: the harness's sequence. */
static uint64_t mode_operand(struct input *in)
{
	return take(in, 1) < 128 ? HOST_RTLD_NOW
				 : take(in, 8) & ~(uint64_t)HOST_RTLD_DEEPBIND;
}

/* The operands a2..a4 of `operation`, taken as the harness takes them. */
static void take_operands(struct input *in, struct session *s,
			  uint64_t operation, uint64_t a[3])
{
	a[0] = a[1] = a[2] = 0;
	switch (operation) {
	case DLCALL_GET_HOST_ATTRIBUTE:
		a[0] = take_string_operand(in, &s->o, 0, false);
		a[1] = take_out_slot(in, &s->o);
		break;
	case DLCALL_LOAD_LIBRARY:
		a[0] = take_string_operand(in, &s->o, 0, true);
		a[1] = mode_operand(in);
		a[2] = take_out_slot(in, &s->o);
		break;
	case DLCALL_GET_PROC_ADDRESS:
		a[0] = take_handle(in, &s->o);
		a[1] = take_string_operand(in, &s->o, 1, false);
		a[2] = take_out_slot(in, &s->o);
		break;
	case DLCALL_FREE_LIBRARY:
		a[0] = take_handle(in, &s->o);
		a[1] = take_out_slot(in, &s->o);
		break;
	case DLCALL_GET_LIBRARY_ERROR:
		a[0] = take_out_slot(in, &s->o);
		break;
	case DLCALL_INVOKE_PROC:
		/* (b) The harness names its own function here when the byte
		 * is >= 64. A guest function cannot run on the host, and no
		 * host function takes two arbitrary numbers safely, so the
		 * byte is consumed and the function stays NULL. */
		take(in, 1);
		a[1] = take(in, 8);
		a[2] = take(in, 8);
		break;
	default: /* not an operation: the operands must not be touched */
		a[0] = take(in, 8);
		a[1] = take(in, 8);
		a[2] = take(in, 8);
	}
}

/*
 * (c) Whether the syscall's return keeps SPEC §2. The filter returns the
 * plugin's result, which the harness checks; under the observer, QEMU
 * answers every magic syscall with -ENOSYS, known operation or not, and
 * the plugin's result is only in the out-slots.
 */
static bool check_return(struct session *s, uint64_t operation, long ret)
{
	bool known = operation < DLCALL_OPERATION_COUNT;

	if (flavour == OBSERVER && ret != -ENOSYS)
		fail(s,
		     "operation %#llx returned %ld under the observer, "
		     "not -ENOSYS",
		     (unsigned long long)operation, ret);
	else if (flavour == FILTER && known && ret != 0 && ret != -EFAULT &&
		 ret != -EINVAL)
		fail(s, "operation %llu returned %ld",
		     (unsigned long long)operation, ret);
	else if (flavour == FILTER && !known && ret != -EINVAL)
		fail(s, "unknown operation %#llx returned %ld, not -EINVAL",
		     (unsigned long long)operation, ret);
	return !s->failure[0];
}

static long magic(uint64_t operation, const uint64_t a[3])
{
	return magic_syscall(syscall_number, (long)operation, (long)a[0],
			     (long)a[1], (long)a[2]);
}

/* Keeps a loaded handle for later operands and the final frees. A handle
 * in the out-slot means the load worked: a refused load writes NULL. */
static void keep_handle(struct session *s, const uint64_t a[3], long ret)
{
	void *handle = a[2] ? *(void **)a[2] : NULL;

	if (handle && (flavour == OBSERVER || ret == 0) &&
	    s->o.handle_count < FUZZ_MAX_HANDLES)
		s->o.handles[s->o.handle_count++] = handle;
}

/* One syscall of the input; false once an invariant is broken. */
static bool one_syscall(struct input *in, struct session *s)
{
	uint64_t kind = take(in, 1);
	int64_t number =
	    kind & 0x80 ? (int64_t)take(in, 8) : DLCALL_DEFAULT_SYSCALL;
	uint64_t operation = kind & 0x40 ? take(in, 8) : take(in, 1) % 8;
	uint64_t a[3];
	long ret;

	take_operands(in, s, operation, a);
	/* (a) Any other number would reach the real kernel, which could do
	 * anything with random operands: skipped, not issued. The input's
	 * dlcall number is the default; the launcher may have chosen ours. */
	if (number != DLCALL_DEFAULT_SYSCALL) {
		s->skipped++;
		return true;
	}
	memset(s->o.out, 0, sizeof(s->o.out));
	ret = magic(operation, a);
	s->issued++;
	if (!check_return(s, operation, ret))
		return false;
	if (operation == DLCALL_LOAD_LIBRARY)
		keep_handle(s, a, ret);
	return true;
}

/*
 * Frees one handle until the plugin refuses it, as the harness does: once
 * per load. The filter says so with its result, the observer only with
 * the out-slot (-1 from the plugin, dlclose()'s 0 while it frees).
 */
static void free_handle(struct session *s, void *handle)
{
	for (int frees = 0; frees <= MAX_SYSCALLS; frees++) {
		int closed = -1;
		uint64_t a[3] = {(uint64_t)handle, (uint64_t)&closed, 0};
		long ret = magic(DLCALL_FREE_LIBRARY, a);

		if (!check_return(s, DLCALL_FREE_LIBRARY, ret))
			return;
		if (flavour == FILTER ? ret != 0 : closed != 0)
			return;
	}
	fail(s, "handle %p still open after %d frees", handle,
	     MAX_SYSCALLS + 1);
}

/* The whole file, or NULL (errno set). */
static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t capacity = 0;

	*size = 0;
	if (!file)
		return NULL;
	for (;;) {
		uint8_t *grown = realloc(data, capacity + 4096 + 1);

		if (!grown)
			break;
		data = grown;
		capacity += 4096;
		*size += fread(data + *size, 1, capacity - *size, file);
		if (*size < capacity)
			break;
	}
	if (ferror(file) || !data) {
		free(data);
		data = NULL;
	}
	fclose(file);
	return data;
}

/* Replays one file; prints its TAP line. True if it passed. */
static bool replay(int number, const char *path)
{
	struct session session = {0};
	struct input in;
	size_t size;
	uint8_t *data = read_file(path, &size);
	int syscalls = 0;

	if (!data) {
		printf("not ok %d - %s: cannot read: %s\n", number, path,
		       strerror(errno));
		return false;
	}
	in = (struct input){data, size};
	while (in.size && syscalls < MAX_SYSCALLS && one_syscall(&in, &session))
		syscalls++;
	/* Frees what the file loaded, so that files do not pile up. */
	for (unsigned int i = 0; i < session.o.handle_count; i++)
		free_handle(&session, session.o.handles[i]);
	free(data);
	printf("# %s: %u issued, %u skipped, %u handles\n", path,
	       session.issued, session.skipped, session.o.handle_count);
	if (session.failure[0])
		printf("not ok %d - %s: %s\n", number, path, session.failure);
	else
		printf("ok %d - %s\n", number, path);
	fflush(stdout);
	return !session.failure[0];
}

/* The launcher's syscall number, as the guest runtime reads it. */
static bool read_syscall_number(void)
{
	const char *text = getenv(DLCALL_ENV_SYSCALL);
	char *end;

	if (!text || !*text)
		return true;
	syscall_number = strtol(text, &end, 10);
	return !*end && syscall_number >= DLCALL_MIN_SYSCALL;
}

/* The plugin's presence (op 0 answers "emu"), and its flavour by what
 * the syscall returns: -ENOSYS from an observing QEMU, 0 from a filter. */
static bool detect_flavour(void)
{
	const char *answer = NULL;
	uint64_t a[3] = {(uint64_t) "emu", (uint64_t)&answer, 0};
	long ret = magic(DLCALL_GET_HOST_ATTRIBUTE, a);

	if (!answer) {
		printf("Bail out! no dlcall plugin answers syscall %ld\n",
		       syscall_number);
		return false;
	}
	if (ret != -ENOSYS && ret != 0) {
		printf("Bail out! GET_HOST_ATTRIBUTE returned %ld\n", ret);
		return false;
	}
	flavour = ret == 0 ? FILTER : OBSERVER;
	printf("# syscall %ld, %s flavour\n", syscall_number,
	       flavour == FILTER ? "filter" : "observer");
	return true;
}

int main(int argc, char **argv)
{
	int failures = 0;

	if (!read_syscall_number()) {
		printf("Bail out! bad %s\n", DLCALL_ENV_SYSCALL);
		return 2;
	}
	if (!detect_flavour())
		return 2;
	for (int i = 1; i < argc; i++)
		failures += !replay(i, argv[i]);
	printf("1..%d\n", argc - 1);
	return failures ? 1 : 0;
}
