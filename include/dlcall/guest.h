/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest runtime's interface for guest thunks.
 *
 * A guest thunk exports the real library's symbols. Each packs its
 * arguments into a block and hands the block to the matching host thunk
 * function with dlcall_guest_call(), which costs one magic syscall unless
 * the host calls back into the guest.
 */
#ifndef DLCALL_GUEST_H
#define DLCALL_GUEST_H

#include <stdarg.h>

#include "dlcall/abi.h"
#include "dlcall/magic_syscall.h"

#define DLCALL_GUEST_API __attribute__((visibility("default")))

typedef void (*dlcall_host_function)(void *args);

/*
 * What the calls of one guest thunk library need, kept in the thunk itself
 * so that its calls read it PC-relative, not through the GOT: every
 * instruction on the call path is emulated.
 */
struct dlcall_guest_thunk {
	long syscall_number;
	void *call_entry;  /* the host runtime's DLCALL_HOST_CALL_ENTRY */
	long errno_offset; /* errno's address minus the thread pointer */
	long mailbox_offset; /* the thread's dlcall_mailbox, likewise */
	/* The host thunk table, copied into the guest thunk so that a call
	 * finds its host function with one PC-relative load. All NULL when
	 * the host side cannot be used; guest_library serves instead. */
	dlcall_host_function *host_table;
	unsigned long host_count; /* entries in host_table, when passing */
	void *guest_library;
	/* While passing through: the guest's own library, opened at the
	 * first call of a function that runs there (spec emulated). */
	void *emulated_library;
};

/*
 * Fills *thunk for guest library `soname`: loads the host thunk library
 * `host_file` (a file name searched in the host directories), checks that
 * it was built from the same spec (`table_id`) with `count` entries, and
 * copies its table into thunk->host_table.
 *
 * If the host side cannot be used (host thunk or real host library
 * missing, too old, or from another build), the table stays NULL and
 * thunk->guest_library is a dlopen() handle of the guest's own real
 * library, found the way the dynamic linker would but skipping the thunk
 * (SPEC §7). The libraries of its `group` pass through with it or not at
 * all: it falls back when one of them has or would (its host thunk cannot
 * be loaded), and exits with a one-line message when its own host side
 * fails after one of them passed through. Exits with a one-line message
 * too if QEMU runs without the dlcall plugin, or if there is no guest
 * library to fall back on.
 */
/* A library another passes through with, or not at all (spec group). */
struct dlcall_group_member {
	const char *soname;
	const char *host_file;
};

DLCALL_GUEST_API void
dlcall_guest_open(struct dlcall_guest_thunk *thunk, const char *soname,
		  const char *host_file, const char *table_id,
		  unsigned long count, const struct dlcall_group_member *group,
		  unsigned long group_count);

/*
 * The guest's own `name` in `guest_library`, cached in *cache. Reports
 * and aborts if that library lacks it.
 */
DLCALL_GUEST_API void *dlcall_guest_fallback_function(void *guest_library,
						      const char *name,
						      void **cache);

/* A data export holding addresses, as the guest thunk lists it. */
struct dlcall_relocated_object {
	const char *name;
	const char *version; /* NULL when unversioned */
	unsigned long size;
};

/*
 * With the guest's own library serving (thunk->guest_library), gives each
 * of the `count` objects that library binds to (the thunk's, or a
 * program's copy of it) the library's own relocated bytes, where it
 * still holds the thunk's zeros: the thunk cannot know the addresses.
 */
DLCALL_GUEST_API void
dlcall_guest_relocate_data(const struct dlcall_guest_thunk *thunk,
			   const struct dlcall_relocated_object *objects,
			   unsigned long count);

/*
 * Starts the guest thread that runs the callbacks a host library makes on
 * threads of its own (spec callback-threads), once per process: the
 * guest thunk's constructor calls it when the library passes through.
 */
DLCALL_GUEST_API void dlcall_guest_serve_library_threads(void);

/* Makes a call the fast transport did not take, serves its callbacks
 * and checks how it ended. */
DLCALL_GUEST_API void dlcall_guest_finish_call(struct dlcall_frame *frame,
					       void *call_entry,
					       unsigned long bounded);

/*
 * Runs `host_function` (from thunk->host_table) on `args`, serving
 * callbacks meanwhile. Inline, because this is every pass-through call's
 * path in emulated code: the mailbox and the marker (abi.h), else one
 * syscall; `bounded` says the function never waits on another guest
 * thread (spec `fast`), so that the plugin may take it any time. The
 * host runtime copies errno in and out through the frame; errno's address
 * is the thread pointer plus a fixed offset (the C library's errno lives
 * in the static TLS block), not a call of __errno_location(), which costs
 * three indirect branches (QEMU looks each up) in emulation.
 */
static inline void dlcall_guest_call_as(const struct dlcall_guest_thunk *thunk,
					dlcall_host_function host_function,
					void *args, unsigned long bounded)
{
	struct dlcall_frame frame;
	struct dlcall_mailbox *mailbox =
	    (struct dlcall_mailbox *)((char *)__builtin_thread_pointer() +
				      thunk->mailbox_offset);

	frame.host_function = host_function;
	frame.args = args;
	frame.error_location =
	    (int *)((char *)__builtin_thread_pointer() + thunk->errno_offset);
	/* The host runtime sets frame.state on every path it reaches. */
	frame.state = DLCALL_STATE_UNSENT;
	if (mailbox->refused <= bounded) {
		mailbox->arg1 = &frame;
		mailbox->arg2 = 0;
		mailbox->bounded = bounded;
		mailbox->function = (void (*)(void *, void *))thunk->call_entry;
		dlcall_marker();
	} else {
		magic_syscall(thunk->syscall_number, DLCALL_INVOKE_PROC,
			      (long)thunk->call_entry, (long)&frame, 0);
	}
	if (__builtin_expect(frame.state != DLCALL_STATE_DONE, 0))
		dlcall_guest_finish_call(&frame, thunk->call_entry, bounded);
}

/* A call that may wait on other guest threads (the rule in abi.h). */
static inline void dlcall_guest_call(const struct dlcall_guest_thunk *thunk,
				     dlcall_host_function host_function,
				     void *args)
{
	dlcall_guest_call_as(thunk, host_function, args, 0);
}

/*
 * A guest-callable function pointer for host function `host_function`:
 * calling it runs `guest_entry`, a per-signature C function that reads the
 * host function with dlcall_guest_stub_target() as its first action.
 * Cached: the same pair gives the same pointer. NULL stays NULL.
 */
DLCALL_GUEST_API void *dlcall_guest_stub(void *host_function,
					 void *guest_entry);
DLCALL_GUEST_API void *dlcall_guest_stub_target(void);

/* The text `format` and `arguments` make, in a malloc()ed string: the
 * message of a printf-style host function a guest stub stands for; NULL
 * for a NULL format. */
DLCALL_GUEST_API char *dlcall_guest_vformat(const char *format,
					    va_list arguments);

/* The guest side of a host stream for a guest FILE * (abi.h). */
DLCALL_GUEST_API void dlcall_guest_stream_io(void *stream, void **args,
					     void *result);

/* The host function behind a stub, or NULL if `function` is not a stub. */
DLCALL_GUEST_API void *dlcall_guest_unwrap(void *function);

/*
 * Prepares a guest function pointer argument: a stub goes to the host as
 * the host function it stands for (with no invoker), anything else as the
 * guest function with the invoker of its signature.
 */
static inline void *dlcall_guest_function_argument(void *function,
						   dlcall_guest_invoker invoker,
						   dlcall_guest_invoker *out)
{
	void *host_function = function ? dlcall_guest_unwrap(function) : 0;

	*out = host_function ? 0 : invoker;
	return host_function ? host_function : function;
}

DLCALL_GUEST_API int dlcall_guest_is_host_function(void *function);

/*
 * Mirrors (spec: mirror-type): a struct the host library owns and hands
 * to the guest, which reads it and calls its function pointers (SQLite's
 * sqlite3_vfs). The guest gets a copy in its own memory, one per host
 * object and refreshed each time the library hands the object over, in
 * which the host functions are stubs and pointers to mirror types are
 * mirrors; passed back to the library, the copy is the original again.
 */
struct dlcall_mirror_type;
struct dlcall_mirror_field {
	unsigned long offset;
	void *stub_entry; /* a function pointer: its signature's stub */
	const struct dlcall_mirror_type *type; /* or a pointer to this */
	/* neither: a function no stub can stand for, NULL in the mirror */
};
struct dlcall_mirror_type {
	const char *name;
	unsigned long size;
	const struct dlcall_mirror_field *fields;
	unsigned long field_count;
};

/* The guest's mirror of host object `object` (NULL stays NULL). */
DLCALL_GUEST_API void *dlcall_guest_mirror(void *object,
					   const struct dlcall_mirror_type *type);

/*
 * The host's object for `object` passed to `function`: the original of a
 * mirror; an object the guest made itself as it is, unless it holds guest
 * functions (or mirrors) the host would call, which ends the program with
 * a one-line message.
 */
DLCALL_GUEST_API void *
dlcall_guest_mirror_original(void *object,
			     const struct dlcall_mirror_type *type,
			     const char *function);

/* The host object `mirror` is the mirror of, or NULL if it is none. */
DLCALL_GUEST_API void *dlcall_guest_mirror_object(void *mirror);

/*
 * After a host function of a mirror's `type` was passed `object`, storage
 * the guest made (or the library's, not handed over as an object): the
 * library's objects it now points to become their mirrors, in place; the
 * next dlcall_guest_mirror_original() of it turns them back.
 */
DLCALL_GUEST_API void
dlcall_guest_mirror_storage(void *object,
			    const struct dlcall_mirror_type *type);

/* Whether an object the guest's dynamic linker loaded holds `address`. */
DLCALL_GUEST_API int dlcall_guest_in_loaded_object(void *address);

/*
 * Prepares a function pointer read from a struct field: the same, except
 * that the field may hold a host function the library put there, which
 * goes to the host as it is. One lookup of the stubs, as for an argument.
 */
static inline void *dlcall_guest_field_argument(void *function,
						dlcall_guest_invoker invoker,
						dlcall_guest_invoker *out)
{
	void *host_function =
	    dlcall_guest_function_argument(function, invoker, out);

	if (*out && function && !dlcall_guest_in_loaded_object(function))
		*out = 0;
	return host_function;
}

/*
 * The same, for a field a thunk reads on every call: `*seen` (a static of
 * the thunk's, one per field) remembers the last host function the field
 * held, which then goes to the host with no call at all. A field keeps
 * its function call after call (a FreeType face's memory and stream
 * functions), and a host function stays one (guest/stubs.c).
 */
static inline void *
dlcall_guest_field_argument_seen(void *function, dlcall_guest_invoker invoker,
				 dlcall_guest_invoker *out, void **seen)
{
	void *host_function;

	if (function && function == __atomic_load_n(seen, __ATOMIC_RELAXED)) {
		*out = 0;
		return function;
	}
	host_function = dlcall_guest_field_argument(function, invoker, out);
	if (function && !*out && host_function == function)
		__atomic_store_n(seen, function, __ATOMIC_RELAXED);
	return host_function;
}

/* A function the library returns by name (spec: proc-address). */
struct dlcall_named_function {
	const char *name;
	void *thunk;	    /* the guest thunk of an export, or NULL */
	void *stub_entry;   /* else the stub entry of its signature, or NULL */
	const char *reason; /* when neither: why it cannot pass through */
};

struct dlcall_name_table {
	const char *soname;
	const struct dlcall_named_function *functions; /* sorted (strcmp) */
	unsigned long count;
};

/*
 * What the guest gets for `name` when the host library's GetProcAddress
 * (`asked_of`) answered `host_function`: the guest thunk of that name, or
 * a stub of the name's own signature, or NULL (said with -v) when the
 * name cannot pass through or the host had nothing.
 */
DLCALL_GUEST_API void *
dlcall_guest_function_by_name(const struct dlcall_name_table *table,
			      const char *asked_of, const char *name,
			      void *host_function);

/*
 * An export the generator could not thunk. Its symbol is a few
 * instructions (DLCALL_FORWARD) that jump to dlcall_forward_enter with
 * this record in a scratch register; arguments stay untouched, whatever
 * the function's type. With the guest's own library in use (SPEC §7) the
 * call continues there, which the real library itself needs when it
 * calls its own exports through the thunk; so it does, always, for a
 * function the spec says runs emulated; otherwise it is reported.
 */
enum dlcall_emulation {
	DLCALL_FALLBACK_ONLY,	/* to the guest's own library in fallback */
	DLCALL_EMULATED,	/* always (spec emulated) */
	DLCALL_EMULATED_SWITCH, /* always, and from then on every function of
				   the thunk (spec emulated-switch) */
};

struct dlcall_forward {
	struct dlcall_guest_thunk *thunk;
	const char *soname;
	const char *name;
	const char *version; /* an older version's, or NULL: the default */
	const char *reason;  /* why it cannot pass through */
	enum dlcall_emulation emulation;
	void *cache; /* the guest's own function, once found */
};

DLCALL_GUEST_API void dlcall_forward_enter(void);

#if defined(__x86_64__)
#define DLCALL_FORWARD_CODE(record)                                            \
	"\tleaq " record "(%rip), %r10\n"                                      \
	"\tjmpq *dlcall_forward_enter@GOTPCREL(%rip)\n"
#elif defined(__aarch64__)
#define DLCALL_FORWARD_CODE(record)                                            \
	"\tadrp x16, " record "\n"                                             \
	"\tadd x16, x16, :lo12:" record "\n"                                   \
	"\tadrp x17, :got:dlcall_forward_enter\n"                              \
	"\tldr x17, [x17, :got_lo12:dlcall_forward_enter]\n"                   \
	"\tbr x17\n"
#elif defined(__riscv) && __riscv_xlen == 64
#define DLCALL_FORWARD_CODE(record)                                            \
	"\t.option push\n\t.option pic\n"                                      \
	"\tlla t1, " record "\n"                                               \
	"\tla t2, dlcall_forward_enter\n"                                      \
	"\t.option pop\n"                                                      \
	"\tjr t2\n"
#else
#error "no forwarding code for this ISA"
#endif

/* Defines exported function `name` as a forward through `record`. */
/* clang-format off */
#define DLCALL_FORWARD(name, record)                                           \
	__asm__(".pushsection .text\n"                                         \
		".globl " #name "\n"                                           \
		".type " #name ", %function\n"                                 \
		#name ":\n"                                                    \
		DLCALL_FORWARD_CODE(#record)                                   \
		".size " #name ", .-" #name "\n"                               \
		".popsection\n")
/* clang-format on */

/* Reports an export that cannot pass through, and exits (status 127). */
DLCALL_GUEST_API void dlcall_guest_unsupported(const char *soname,
					       const char *function,
					       const char *reason)
    __attribute__((noreturn));

/* Whether the user asked for verbose messages (DLCALL_VERBOSE). */
DLCALL_GUEST_API int dlcall_guest_verbose(void);

/*
 * Lets the program's system calls read and write [start, start + size) of
 * host memory a library handed it (an XGetImage buffer, a mapped GL
 * buffer): QEMU checks a system call's buffers against the pages the guest
 * mapped (SPEC §3), and an mprotect() by the guest with the protection the
 * host's heap has adds them. 0, or -1 with errno if QEMU refused
 * (docs/limitations.md). Only for memory the host can read and write.
 */
DLCALL_GUEST_API int dlcall_guest_make_visible(const void *start,
					       unsigned long size);

#endif
