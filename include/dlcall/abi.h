/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ABI shared by the guest runtime, the host runtime and the plugin.
 *
 * Guests and hosts are all 64-bit little-endian LP64 (SPEC §5), so every
 * structure here has one layout on both sides; the static assertions below
 * keep it that way.
 */
#ifndef DLCALL_ABI_H
#define DLCALL_ABI_H

#include <stdint.h>

/* The magic system call (SPEC §2). Numbers below this are real syscalls. */
#define DLCALL_DEFAULT_SYSCALL 4096
#define DLCALL_MIN_SYSCALL     4096

/* Operations: the first syscall argument. */
enum dlcall_operation {
	DLCALL_GET_HOST_ATTRIBUTE = 0,
	DLCALL_LOAD_LIBRARY = 1,
	DLCALL_GET_PROC_ADDRESS = 2,
	DLCALL_FREE_LIBRARY = 3,
	DLCALL_GET_LIBRARY_ERROR = 4,
	DLCALL_INVOKE_PROC = 5,
	DLCALL_OPERATION_COUNT
};

/* Where a call stands when the magic syscall returns to the guest. */
enum dlcall_call_state {
	/* Zero, so that every guest thunk tests it with a compare-with-zero
	 * branch: on aarch64 a cmp would set four emulated flags. */
	DLCALL_STATE_DONE = 0,	   /* host function returned */
	DLCALL_STATE_RUNNING = 1,  /* a resumed call runs again */
	DLCALL_STATE_CALLBACK = 2, /* host wants a guest function run */
	DLCALL_STATE_FAILED = 3,   /* host runtime refused; message given */
	/* Set by the guest before a fast call (below): still there after
	 * the marker, the call did not happen and goes by syscall. */
	DLCALL_STATE_UNSENT = 4,
};

/*
 * A guest-side invoker calls guest function `function` with the arguments
 * args[0..n-1] (each a pointer to one argument value) and stores the result
 * at `result`. One invoker exists per callback signature; it is the guest
 * half of a host closure.
 */
typedef void (*dlcall_guest_invoker)(void *function, void **args, void *result);

/*
 * One call from the guest into the host, living on the guest's stack for
 * the duration of the call. The guest passes its address to the host
 * runtime's entry points; the host fills in the callback request and the
 * result state. Pass-through calls cost one syscall when `state` comes back
 * DONE; each CALLBACK costs one more (the resume).
 */
struct dlcall_frame {
	/* Set by the guest: the host function and its packed arguments. */
	void (*host_function)(void *args);
	void *args;

	/*
	 * The calling guest thread's errno. The host runtime copies it into
	 * the host's errno before the call and back after it, and the other
	 * way around a callback.
	 */
	int *error_location;
	/* enum dlcall_call_state: the host runtime sets it before every
	 * INVOKE_PROC of a frame returns, on every path. */
	uint32_t state;
	uint32_t reserved;

	/* Set by the host when state == DLCALL_STATE_CALLBACK. */
	dlcall_guest_invoker callback_invoker;
	void *callback_function;
	void **callback_args;
	void *callback_result;

	/* Private to the host runtime: the suspended coroutine. */
	void *host_coroutine;
};

_Static_assert(sizeof(void *) == 8, "dlcall supports LP64 only");
_Static_assert(sizeof(struct dlcall_frame) == 72, "frame layout changed");

/*
 * Names the host runtime exports for the guest runtime to resolve with
 * GET_PROC_ADDRESS. Both have the INVOKE_PROC shape fn(arg1, arg2).
 */
/*
 * The fast transport (docs/design.md "The fast call path"), offered by our
 * plugin only. Each guest thread registers one mailbox with the plugin.
 * A call stores an INVOKE_PROC's operands there, `function` last, and
 * executes the marker instruction of its ISA (a no-op the plugin
 * instruments); the plugin takes the call by clearing `function` and runs
 * function(arg1, arg2) at once. If the call was not taken (no plugin
 * support, refused by the rule below, or the mailbox reused by a signal
 * handler's own call), the guest sees its frame unchanged and makes the
 * same INVOKE_PROC by syscall.
 *
 * The rule: QEMU runs the marker's callback inside its "CPU running"
 * section, so a call waiting on another guest thread could stall or
 * deadlock the process. The plugin takes a call only while the process
 * has had one guest thread, or when the guest says the function is
 * bounded (spec word `fast`).
 */
struct dlcall_mailbox {
	void (*volatile function)(void *, void *);
	void *arg1;
	void *arg2;
	uint64_t bounded; /* nonzero: never waits on another guest thread */
	/* Which calls the guest sends by syscall at once, for good:
	 * DLCALL_REFUSED_UNBOUNDED once the plugin refuses an unbounded
	 * call, DLCALL_REFUSED_ALL when it takes no mailbox of this thread
	 * (another plugin, an older QEMU). The guest compares it with its
	 * call's `bounded` (0 or 1): at most that, it tries the marker. */
	uint64_t refused;
};

/* GET_HOST_ATTRIBUTE key our plugin answers with its own file name; the
 * guest loads it (RTLD_NOLOAD) to find DLCALL_PLUGIN_MAILBOX_ENTRY,
 * which it calls with INVOKE_PROC(entry, mailbox, int *version). */
#define DLCALL_PLUGIN_ATTRIBUTE	    "dlcall-plugin"
#define DLCALL_PLUGIN_MAILBOX_ENTRY "dlcall_plugin_register_mailbox"
#define DLCALL_MAILBOX_VERSION	    1
#define DLCALL_REFUSED_UNBOUNDED    1
#define DLCALL_REFUSED_ALL	    2

/*
 * The markers: instructions no compiler emits (each does nothing, in a
 * form no code generator chooses) and that QEMU executes as no-ops.
 *   x86_64:  nopl 0x61636c64(%rax,%rax,1), a multi-byte NOP whose
 *            displacement spells "dlca"; padding NOPs have displacement 0.
 *   aarch64: orr x17, x17, x17; the register move compilers write is
 *            orr x17, xzr, x17 ("mov").
 *   riscv64: slti zero, zero, 0x646, a HINT (rd = x0) the base ISA
 *            reserves; compilers emit only addi zero, zero, 0 ("nop").
 */
#define DLCALL_MARKER_X86_64  0x0f, 0x1f, 0x84, 0x00, 0x64, 0x6c, 0x63, 0x61
#define DLCALL_MARKER_AARCH64 0x31, 0x02, 0x11, 0xaa
#define DLCALL_MARKER_RISCV64 0x13, 0x20, 0x60, 0x64

#define DLCALL_HOST_CALL_ENTRY	 "dlcall_host_call"
#define DLCALL_HOST_RESUME_ENTRY "dlcall_host_resume"
/* The same call entry, counting calls by library and function (and
 * printing each, traced); a host function printing the counts. */
#define DLCALL_HOST_COUNTED_ENTRY "dlcall_host_call_counted"
#define DLCALL_HOST_TRACED_ENTRY  "dlcall_host_call_traced"
#define DLCALL_HOST_SUMMARY	  "dlcall_host_print_summary"
/* A callback server's host function (host/library_threads.c): a call
 * that runs library threads' callbacks until the process ends. */
#define DLCALL_HOST_SERVE_ENTRY "dlcall_host_serve_callbacks"
/* Said before the first server starts: library threads wait for it. */
#define DLCALL_HOST_EXPECT_SERVER "dlcall_host_expect_server"
/* A host function taking the guest's mapper (host/visible_heap.c). */
#define DLCALL_HOST_SET_GUEST_MAPPER "dlcall_host_set_guest_mapper"

/*
 * A guest FILE * passed to a host library (host/stream.c) becomes a host
 * stream whose every read, write, seek and close is done by the guest's C
 * library on the guest's stream: the host runs the guest runtime's
 * dlcall_guest_stream_io(stream, args, result) with args[0] -> int
 * operation, args[1] -> the buffer (or an int64_t offset for a seek),
 * args[2] -> size_t size (or int whence), and an int64_t result: bytes
 * done, the new offset, the stream's DLCALL_STREAM_READABLE and
 * DLCALL_STREAM_WRITABLE bits (DLCALL_STREAM_MODE), or -1.
 */
enum dlcall_stream_operation {
	DLCALL_STREAM_READ,
	DLCALL_STREAM_WRITE,
	DLCALL_STREAM_SEEK,
	DLCALL_STREAM_CLOSE,
	DLCALL_STREAM_MODE,
};
#define DLCALL_STREAM_READABLE 1
#define DLCALL_STREAM_WRITABLE 2

/* Environment variables the launcher sets for the guest (never for QEMU). */
#define DLCALL_ENV_SYSCALL  "DLCALL_SYSCALL_NUM"
#define DLCALL_ENV_HOST_DIR "DLCALL_HOST_DIR"
#define DLCALL_ENV_VERBOSE  "DLCALL_VERBOSE"
#define DLCALL_ENV_REQUIRE  "DLCALL_REQUIRE"
#define DLCALL_ENV_TRACE    "DLCALL_TRACE"   /* name every call */
#define DLCALL_ENV_SUMMARY  "DLCALL_SUMMARY" /* count them, print at exit */
/*
 * Set for the guest by `dlcall run` and inherited by every program it
 * execs. Such a program may run without the plugin (natively, when it is
 * of the host's ISA, or under a QEMU that binfmt_misc started without
 * QEMU_PLUGIN): its thunks then use the guest's own libraries instead of
 * failing (SPEC §7).
 */
#define DLCALL_ENV_RUN "DLCALL_RUN"
#define DLCALL_ENV_FAST "DLCALL_FAST" /* "off": every call by syscall */

#endif
