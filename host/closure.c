// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host closures for guest function pointers (SPEC §4): a host library gets
 * a real host function pointer (a libffi closure) that, when called,
 * suspends the current pass-through call and runs the guest function.
 *
 * Closures are cached per (signature, guest function) so that a library
 * comparing callback pointers (registering and unregistering a handler, for
 * example) sees the same pointer each time, and so that a callback passed
 * on every call costs one lookup, not one allocation. A printf-style
 * variadic callback, which libffi cannot take, is a code slot (slots.c)
 * entering the generated C function of its type instead. There is no limit
 * but memory; closures live as long as the process, like the guest
 * functions they stand for.
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dlcall/host.h"
#include "slots.h"

struct closure {
	struct closure *next_by_guest; /* chain of guest_table */
	struct closure *next_by_code;  /* chain of code_table */
	struct dlcall_signature *signature;
	void *guest_function;
	dlcall_guest_invoker invoker;
	const char *passed_to; /* the first library function given it */
	ffi_closure *ffi;
	void *code;
};

/* Two hash tables over the same closures, grown together. */
static struct closure **guest_table, **code_table;
static size_t table_size, closure_count;
static pthread_mutex_t closure_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t hash_pointer(const void *pointer)
{
	uint64_t x = (uint64_t)(uintptr_t)pointer;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (size_t)x;
}

static size_t guest_slot(void *guest_function, struct dlcall_signature *sig)
{
	return (hash_pointer(guest_function) ^ hash_pointer(sig)) &
	       (table_size - 1);
}

static size_t code_slot(void *code)
{
	return hash_pointer(code) & (table_size - 1);
}

/* Doubles both tables once they are as full as they are large. */
static int grow_tables(void)
{
	size_t old_size = table_size;
	struct closure **old_guest = guest_table;
	size_t new_size = old_size ? old_size * 2 : 64;
	struct closure **new_guest = calloc(new_size, sizeof(*new_guest));
	struct closure **new_code = calloc(new_size, sizeof(*new_code));

	if (!new_guest || !new_code) {
		free(new_guest);
		free(new_code);
		return -1;
	}
	free(code_table);
	guest_table = new_guest;
	code_table = new_code;
	table_size = new_size;
	for (size_t i = 0; i < old_size; i++) {
		struct closure *c = old_guest[i], *next;

		for (; c; c = next) {
			size_t g = guest_slot(c->guest_function, c->signature);
			size_t k = code_slot(c->code);

			next = c->next_by_guest;
			c->next_by_guest = guest_table[g];
			guest_table[g] = c;
			c->next_by_code = code_table[k];
			code_table[k] = c;
		}
	}
	free(old_guest);
	return 0;
}

/* libffi calls this with the host-side arguments of a closure call. */
static void closure_entry(ffi_cif *interface, void *result, void **args,
			  void *user_data)
{
	struct closure *c = user_data;

	(void)interface;
	dlcall_host_run_guest(c->invoker, c->guest_function, args, result,
			      c->signature->description, c->passed_to);
}

static struct closure *create_closure(struct dlcall_signature *signature,
				      void *guest_function,
				      dlcall_guest_invoker invoker,
				      const char *passed_to)
{
	struct closure *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->signature = signature;
	c->guest_function = guest_function;
	c->invoker = invoker;
	c->passed_to = passed_to;
	if (signature->variadic_entry) {
		c->code = dlcall_slot(c, signature->variadic_entry);
		return c;
	}
	c->ffi = ffi_closure_alloc(sizeof(ffi_closure), &c->code);
	if (!c->ffi) {
		free(c);
		return NULL;
	}
	if (ffi_prep_closure_loc(c->ffi, &signature->interface, closure_entry,
				 c, c->code) != FFI_OK) {
		ffi_closure_free(c->ffi);
		free(c);
		return NULL;
	}
	return c;
}

static struct closure *find_or_create(struct dlcall_signature *signature,
				      void *guest_function,
				      dlcall_guest_invoker invoker,
				      const char *passed_to)
{
	struct closure *c;
	size_t g, k;

	if (!signature->prepared) {
		if (ffi_prep_cif(&signature->interface, FFI_DEFAULT_ABI,
				 signature->argument_count, signature->result,
				 signature->arguments) != FFI_OK)
			return NULL;
		signature->prepared = 1;
	}
	if (table_size) {
		g = guest_slot(guest_function, signature);
		for (c = guest_table[g]; c; c = c->next_by_guest)
			if (c->guest_function == guest_function &&
			    c->signature == signature)
				return c;
	}
	if (closure_count >= table_size && grow_tables() != 0)
		return NULL;
	c = create_closure(signature, guest_function, invoker, passed_to);
	if (!c)
		return NULL;
	g = guest_slot(guest_function, signature);
	k = code_slot(c->code);
	c->next_by_guest = guest_table[g];
	guest_table[g] = c;
	c->next_by_code = code_table[k];
	code_table[k] = c;
	closure_count++;
	return c;
}

/*
 * Whether a function pointer's value is a marker no function can be at,
 * in the first or the last page of the address space (SQLite's
 * SQLITE_TRANSIENT is -1): the library compares it, never calls it.
 */
static int marker_value(const void *function)
{
	uintptr_t value = (uintptr_t)function;

	return value < 4096 || value > UINTPTR_MAX - 4096;
}

DLCALL_HOST_API void *dlcall_host_closure(struct dlcall_signature *signature,
					  void *guest_function,
					  dlcall_guest_invoker invoker,
					  const char *passed_to)
{
	struct closure *c;

	if (!guest_function || !invoker || marker_value(guest_function))
		return guest_function;
	pthread_mutex_lock(&closure_lock);
	c = find_or_create(signature, guest_function, invoker, passed_to);
	pthread_mutex_unlock(&closure_lock);
	if (!c) {
		fprintf(stderr, "dlcall: %s: cannot create a host closure\n",
			signature->description);
		abort();
	}
	return c->code;
}

DLCALL_HOST_API void dlcall_host_run_closure(void **args, void *result)
{
	struct closure *c = dlcall_slot_target();

	assert(c && c->signature->variadic_entry);
	dlcall_host_run_guest(c->invoker, c->guest_function, args, result,
			      c->signature->description, c->passed_to);
}

DLCALL_HOST_API char *dlcall_host_vformat(const char *format,
					  va_list arguments)
{
	char *text;

	if (vasprintf(&text, format, arguments) < 0)
		dlcall_host_fail("cannot format the message of a callback");
	return text;
}

DLCALL_HOST_API void *dlcall_host_guest_function(void *host_function)
{
	void *guest_function = NULL;

	pthread_mutex_lock(&closure_lock);
	if (table_size)
		for (struct closure *c = code_table[code_slot(host_function)];
		     c; c = c->next_by_code)
			if (c->code == host_function) {
				guest_function = c->guest_function;
				break;
			}
	pthread_mutex_unlock(&closure_lock);
	return guest_function;
}
