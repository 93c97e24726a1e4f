// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mirrors of host objects (spec: mirror-type; dlcall/guest.h). Two hash
 * tables map each host object to its mirror and back; entries live as
 * long as the process, as the library's objects of these types do (a
 * VFS, a table of methods). A mirror is copied again whenever the
 * library hands its object over, so it follows the host's changes; the
 * objects it points to are refreshed when they are handed over themselves.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/guest.h"

struct mirror_entry {
	void *object; /* the host's */
	void *mirror; /* the guest's copy */
	const struct dlcall_mirror_type *type;
	struct mirror_entry *next_by_object, *next_by_mirror;
};

enum { BUCKETS = 256 };

static struct mirror_entry *by_object[BUCKETS], *by_mirror[BUCKETS];
static pthread_mutex_t mirrors_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned bucket(const void *pointer)
{
	uintptr_t bits = (uintptr_t)pointer;

	return (unsigned)((bits >> 4) ^ (bits >> 12)) % BUCKETS;
}

static struct mirror_entry *find_object(const void *object)
{
	struct mirror_entry *e = by_object[bucket(object)];

	while (e && e->object != object)
		e = e->next_by_object;
	return e;
}

static struct mirror_entry *find_mirror(const void *mirror)
{
	struct mirror_entry *e = by_mirror[bucket(mirror)];

	while (e && e->mirror != mirror)
		e = e->next_by_mirror;
	return e;
}

static void fail(const char *message, const char *name)
{
	fprintf(stderr, "dlcall: %s (%s)\n", message, name);
	exit(127);
}

/* The entry for host object `object`, made when first met. Called with
 * the lock held; `fresh` says whether it was just made. */
static struct mirror_entry *entry_for(void *object,
				      const struct dlcall_mirror_type *type,
				      int *fresh)
{
	struct mirror_entry *e = find_object(object);

	*fresh = !e;
	if (e)
		return e;
	e = calloc(1, sizeof(*e));
	if (!e || !(e->mirror = calloc(1, type->size)))
		fail("out of guest memory for a mirror of a host object",
		     type->name);
	e->object = object;
	e->type = type;
	e->next_by_object = by_object[bucket(object)];
	by_object[bucket(object)] = e;
	e->next_by_mirror = by_mirror[bucket(e->mirror)];
	by_mirror[bucket(e->mirror)] = e;
	return e;
}

/* Copies the host object into its mirror, translating its fields; the
 * objects it points to are mirrored, copied when first met only. */
static void refresh(struct mirror_entry *e)
{
	const struct dlcall_mirror_type *type = e->type;

	memcpy(e->mirror, e->object, type->size);
	for (unsigned long i = 0; i < type->field_count; i++) {
		const struct dlcall_mirror_field *field = &type->fields[i];
		void **slot = (void **)((char *)e->mirror + field->offset);
		struct mirror_entry *inner;
		int fresh;

		if (!*slot)
			continue;
		if (!field->stub_entry && !field->type) {
			*slot = NULL; /* no stub can stand for it */
			continue;
		}
		if (field->stub_entry) {
			if (dlcall_guest_is_host_function(*slot))
				*slot = dlcall_guest_stub(*slot,
							  field->stub_entry);
			continue;
		}
		inner = entry_for(*slot, field->type, &fresh);
		if (fresh)
			refresh(inner);
		*slot = inner->mirror;
	}
}

DLCALL_GUEST_API void *dlcall_guest_mirror(void *object,
					   const struct dlcall_mirror_type *type)
{
	struct mirror_entry *e;
	void *mirror;
	int fresh;

	if (!object)
		return NULL;
	pthread_mutex_lock(&mirrors_lock);
	if (find_mirror(object)) {
		/* Already the guest's copy (a value the guest passed). */
		pthread_mutex_unlock(&mirrors_lock);
		return object;
	}
	e = entry_for(object, type, &fresh);
	refresh(e);
	mirror = e->mirror;
	pthread_mutex_unlock(&mirrors_lock);
	return mirror;
}

/*
 * Why the host cannot use an object of `type` the guest made itself, or
 * NULL when it can: storage the library fills in (a sqlite3_file for
 * xOpen) or one holding only the library's functions. The library would
 * call a guest function in it, or a mirror's stub. What its pointers lead
 * to is not read: storage the library is to fill in may hold anything
 * until then (multiplexing VFS shims hand xOpen fresh sqlite3_malloc()
 * memory), and a pointer to a mirror was made the original again.
 */
static const char *unusable(void *object, const struct dlcall_mirror_type *type)
{
	for (unsigned long i = 0; i < type->field_count; i++) {
		const struct dlcall_mirror_field *field = &type->fields[i];
		void *value = *(void **)((char *)object + field->offset);

		if (value && field->stub_entry &&
		    !dlcall_guest_is_host_function(value))
			return "it holds the program's own functions";
	}
	return NULL;
}

/* Whether `value`, no mirror, is an object of the host's of `type`: one
 * met before, or one holding the library's functions. Lock held. */
static int host_object(void *value, const struct dlcall_mirror_type *type)
{
	if (find_object(value))
		return 1;
	for (unsigned long i = 0; i < type->field_count; i++) {
		const struct dlcall_mirror_field *field = &type->fields[i];
		void *function = *(void **)((char *)value + field->offset);

		if (field->stub_entry && function)
			return dlcall_guest_is_host_function(function);
	}
	return 0;
}

/*
 * Storage of a mirror type the guest passes as it is, which the library
 * filled in (a sqlite3_file that a VFS's xOpen opened inside the file of
 * a VFS written in the program): the library's objects it points to
 * become their mirrors in place, so that the guest can call the methods
 * stored there, and the originals again whenever the storage goes back
 * to the host. `to_mirror` says which way. Lock held.
 */
static void translate_storage(void *object,
			      const struct dlcall_mirror_type *type,
			      int to_mirror)
{
	for (unsigned long i = 0; i < type->field_count; i++) {
		const struct dlcall_mirror_field *field = &type->fields[i];
		void **slot = (void **)((char *)object + field->offset);
		struct mirror_entry *e;
		int fresh;

		if (!field->type || !*slot)
			continue;
		if (!to_mirror) {
			e = find_mirror(*slot);
			if (e)
				*slot = e->object;
			continue;
		}
		if (find_mirror(*slot) || !host_object(*slot, field->type))
			continue;
		e = entry_for(*slot, field->type, &fresh);
		if (fresh)
			refresh(e);
		*slot = e->mirror;
	}
}

DLCALL_GUEST_API void *dlcall_guest_mirror_object(void *mirror)
{
	struct mirror_entry *e;

	pthread_mutex_lock(&mirrors_lock);
	e = find_mirror(mirror);
	pthread_mutex_unlock(&mirrors_lock);
	return e ? e->object : NULL;
}

DLCALL_GUEST_API void
dlcall_guest_mirror_storage(void *object, const struct dlcall_mirror_type *type)
{
	if (!object)
		return;
	pthread_mutex_lock(&mirrors_lock);
	if (!find_mirror(object) && !find_object(object))
		translate_storage(object, type, 1);
	pthread_mutex_unlock(&mirrors_lock);
}

DLCALL_GUEST_API void *
dlcall_guest_mirror_original(void *object,
			     const struct dlcall_mirror_type *type,
			     const char *function)
{
	struct mirror_entry *e;
	const char *why;
	char message[320];

	if (!object)
		return NULL;
	pthread_mutex_lock(&mirrors_lock);
	e = find_mirror(object);
	if (!e)
		e = find_object(object); /* the host's own, passed on */
	if (!e)
		translate_storage(object, type, 0);
	pthread_mutex_unlock(&mirrors_lock);
	if (e)
		return e->object;
	why = unusable(object, type);
	if (!why)
		return object;
	snprintf(message, sizeof(message),
		 "%s: a %s the program made itself does not pass through: "
		 "%s; run with --no-lib to use the emulated library",
		 function, type->name, why);
	fail(message, "spec: mirror-type");
	return NULL;
}
