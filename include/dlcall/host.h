/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host runtime's interface for host thunks.
 *
 * A host thunk function has the shape void f(void *args): it unpacks the
 * argument block the guest thunk packed, calls the real host function and
 * stores the result back into the block. When an argument is a guest
 * function pointer, the thunk turns it into a host-callable closure with
 * dlcall_host_closure(); when a result is a host function pointer that is
 * really one of those closures, dlcall_host_guest_function() gives the
 * guest's own pointer back.
 */
#ifndef DLCALL_HOST_H
#define DLCALL_HOST_H

#include <ffi.h>
#include <stdarg.h>
#include <stddef.h>

#include "dlcall/abi.h"

#define DLCALL_HOST_API __attribute__((visibility("default")))
/* What a host thunk exports for the guest runtime: protected, so that the
 * thunk's own code uses its own even if another object had the name. */
#define DLCALL_THUNK_API __attribute__((visibility("protected")))

/*
 * The C signature of a guest function pointer, described for libffi.
 * Generated code defines one per callback type; the runtime prepares the
 * libffi call interface on first use.
 */
struct dlcall_signature {
	const char *description; /* names the callback in messages */
	ffi_type *result;
	ffi_type **arguments;
	unsigned argument_count;
	/* A printf-style variadic signature (spec: printf-callback): the
	 * generated C function of the signature's own type that formats its
	 * message and calls dlcall_host_run_closure(); closures are code
	 * slots entering it instead of libffi closures. */
	void *variadic_entry;

	/* Private to the runtime. */
	ffi_cif interface;
	int prepared;
};

/* Initializer of a signature from a description, a result type and an
 * array of argument types. */
#define DLCALL_SIGNATURE(text, result_type, argument_array)                    \
	{                                                                      \
		.description = (text), .result = (result_type),                \
		.arguments = (argument_array),                                 \
		.argument_count =                                              \
		    sizeof(argument_array) / sizeof((argument_array)[0]),      \
	}

/* The address of a function pointer field, as a generic slot; works for
 * const and typedef'd struct pointers alike. */
#define DLCALL_FIELD(pointer, field)                                           \
	((void **)((char *)(pointer) + offsetof(__typeof__(*(pointer)), field)))

/*
 * Host function that, when called, runs guest function `guest_function`
 * through the guest-side `invoker` of the same signature. Cached per
 * (signature, guest function), so the same guest pointer gives the same
 * host pointer; unlimited in number. NULL stays NULL. A NULL invoker means
 * the guest already unwrapped `guest_function` to a host function.
 * `passed_to` names the library function the pointer is handed to, for
 * messages about the callback.
 */
DLCALL_HOST_API void *dlcall_host_closure(struct dlcall_signature *signature,
					  void *guest_function,
					  dlcall_guest_invoker invoker,
					  const char *passed_to);

/*
 * For a variadic_entry: runs the guest function of the closure this
 * thread has just entered through invoker(function, args, result), where
 * `args` are the entry's fixed arguments with the formatted message in
 * place of the format.
 */
DLCALL_HOST_API void dlcall_host_run_closure(void **args, void *result);

/* The text `format` and `arguments` make, in a malloc()ed string. */
DLCALL_HOST_API char *dlcall_host_vformat(const char *format,
					  va_list arguments);

/*
 * The host stream standing for the guest's FILE * `guest_stream`, whose
 * I/O the guest does through `io` (abi.h); made on first use, the same
 * one after. Unbuffered, so that what the library writes reaches the
 * guest's stream in order with what the program writes itself. NULL
 * stays NULL.
 */
DLCALL_HOST_API void *dlcall_host_stream(void *guest_stream,
					 dlcall_guest_invoker io);

/* The guest function behind a closure made by dlcall_host_closure(), or
 * NULL when host_function is not one. */
DLCALL_HOST_API void *dlcall_host_guest_function(void *host_function);

/*
 * Runs a guest function from host code, on the coroutine of the current
 * pass-through call: suspends the call, lets the guest run
 * invoker(function, args, result), and returns once the guest resumes it.
 * `description` (library and type) and `passed_to` (the library function
 * that was given the pointer) name the callback should the calling thread
 * have no call in progress: a thread the library created itself.
 */
DLCALL_HOST_API void dlcall_host_run_guest(dlcall_guest_invoker invoker,
					   void *function, void **args,
					   void *result,
					   const char *description,
					   const char *passed_to);

/* How many guest functions this thread has run through
 * dlcall_host_run_guest(): a call during which the count did not move
 * called none (so an at-free field's struct was not freed). */
DLCALL_HOST_API unsigned long dlcall_host_callbacks_run(void);

/* INVOKE_PROC entry (DLCALL_HOST_CALL_ENTRY): starts the call the guest's
 * frame describes. trace.c wraps it for --trace and --summary. */
DLCALL_HOST_API void dlcall_host_call(void *frame, void *unused);

/* Whether the `size` bytes at `address` can be written (a probe that
 * fails with EFAULT instead of faulting). */
DLCALL_HOST_API int dlcall_host_writable(void *address, size_t size);

/* Reports `message` in one line and ends the program (status 127). */
DLCALL_HOST_API void dlcall_host_fail(const char *message)
    __attribute__((noreturn));

/* Pass-through calls of this thread in progress: running or waiting for
 * a callback (diagnostics and tests). */
DLCALL_HOST_API unsigned dlcall_host_call_depth(void);

/*
 * An allocator whose blocks the program can hand to its own system calls
 * (host/visible_heap.c): memory the guest mapped, else the host's
 * malloc() (no call in progress to map more). For host libraries'
 * allocator hooks (spec host-init); the same contracts as malloc() and
 * friends, and each frees what any of them or malloc() returned.
 */
DLCALL_HOST_API void *dlcall_host_visible_malloc(size_t size);
DLCALL_HOST_API void *dlcall_host_visible_calloc(size_t count, size_t size);
DLCALL_HOST_API void *dlcall_host_visible_realloc(void *block, size_t size);
DLCALL_HOST_API void dlcall_host_visible_free(void *block);
DLCALL_HOST_API char *dlcall_host_visible_strdup(const char *text);

/* Points the malloc(), calloc(), realloc() and free() calls of a loaded
 * host library (by soname) at the functions above, for a library with no
 * allocator hook (host/library_heap.c); the number of slots changed.
 * Ends the program in one line when the library is not loaded. */
DLCALL_HOST_API int dlcall_host_visible_heap_in(const char *soname);

/* INVOKE_PROC entry (DLCALL_HOST_SET_GUEST_MAPPER), called once by the
 * guest runtime, directly and before any call, with a pointer to its
 * mapper: an invoker whose args[0] points to a size_t and which stores
 * the new mapping (or NULL) in *(void **)result. */
DLCALL_HOST_API void dlcall_host_set_guest_mapper(void *mapper, void *unused);

#endif
