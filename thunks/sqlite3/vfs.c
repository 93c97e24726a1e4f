// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A VFS written in the program (sqlite3_vfs_register), guest side;
 * vfs_host.h says how the host side calls it. Here the program's VFS and
 * each table of file methods it uses are handed to the host once, and
 * after the program's xOpen the file gets the methods the library must
 * find in it. The library's own VFS objects, which a VFS of the program's
 * usually calls (Debian's sqlite3 shell registers appendvfs over the
 * default VFS), reach the program as mirrors (spec: mirror-type), and a
 * file such a VFS opened inside the program's file holds mirrored
 * methods (dlcall_guest_mirror_storage). When the guest's own library
 * serves (SPEC §7) it gets the calls as they are.
 */
#include <pthread.h>
#include <stdlib.h>

#include "dlcall/guest.h"
#include "sqlite3-thunk.h"

/* A function of the program's, as the host calls it (vfs_host.h): the
 * same function, its pointers to SQLite's structs taken as void *. */
#define TAKE(field, function)                                                  \
	((field) = (__typeof__(field))(void (*)(void))(function))

/* A VFS of the program's and the host's VFS calling it. */
struct registered_vfs {
	sqlite3_vfs *program, *host;
	struct registered_vfs *next;
};

/* A table of file methods of the program's and the host's calling it. */
struct program_table {
	const sqlite3_io_methods *program, *host;
	struct program_table *next;
};

static struct registered_vfs *registered;
static struct program_table *tables;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void out_of_memory(void)
{
	dlcall_guest_unsupported(THUNK_SONAME, "sqlite3_vfs_register",
				 "out of memory for a VFS of the program's");
}

/* The host's table calling the program's `methods`, made once. */
static const sqlite3_io_methods *host_table(const sqlite3_io_methods *methods)
{
	struct dlcall_sqlite3_file_functions *f;
	struct program_table *t;

	pthread_mutex_lock(&lock);
	for (t = tables; t && t->program != methods; t = t->next)
		;
	if (t) {
		pthread_mutex_unlock(&lock);
		return t->host;
	}
	t = calloc(1, sizeof(*t));
	f = calloc(1, sizeof(*f));
	if (!t || !f)
		out_of_memory();
	TAKE(f->close, methods->xClose);
	TAKE(f->read, methods->xRead);
	TAKE(f->write, methods->xWrite);
	TAKE(f->truncate, methods->xTruncate);
	TAKE(f->sync, methods->xSync);
	TAKE(f->file_size, methods->xFileSize);
	TAKE(f->lock, methods->xLock);
	TAKE(f->unlock, methods->xUnlock);
	TAKE(f->check_reserved_lock, methods->xCheckReservedLock);
	TAKE(f->file_control, methods->xFileControl);
	TAKE(f->sector_size, methods->xSectorSize);
	TAKE(f->device_characteristics, methods->xDeviceCharacteristics);
	if (methods->iVersion >= 2) {
		TAKE(f->shm_map, methods->xShmMap);
		TAKE(f->shm_lock, methods->xShmLock);
		TAKE(f->shm_barrier, methods->xShmBarrier);
		TAKE(f->shm_unmap, methods->xShmUnmap);
	}
	if (methods->iVersion >= 3) {
		TAKE(f->fetch, methods->xFetch);
		TAKE(f->unfetch, methods->xUnfetch);
	}
	t->program = methods;
	t->host = dlcall_sqlite3_program_methods(f, methods->iVersion);
	if (!t->host)
		out_of_memory();
	t->next = tables;
	tables = t;
	pthread_mutex_unlock(&lock);
	return t->host;
}

/* Whether every function in `functions` is the host's own: no guest
 * function and no stub (a table the program copied from a mirror). */
static int host_functions(void *const *functions, int count)
{
	for (int i = 0; i < count; i++)
		if (functions[i] &&
		    !dlcall_guest_is_host_function(functions[i]))
			return 0;
	return 1;
}

/*
 * The methods the library must find in a file the program's xOpen
 * opened: the library's own (a mirror's original, when the program had a
 * VFS of the library's open it) or the host's calling the program's.
 */
static const sqlite3_io_methods *
methods_for_host(const sqlite3_io_methods *methods)
{
	void *original = dlcall_guest_mirror_object((void *)methods);
	int shm = methods->iVersion >= 2, fetch = methods->iVersion >= 3;
	void *const functions[] = {
	    (void *)methods->xClose,
	    (void *)methods->xRead,
	    (void *)methods->xWrite,
	    (void *)methods->xTruncate,
	    (void *)methods->xSync,
	    (void *)methods->xFileSize,
	    (void *)methods->xLock,
	    (void *)methods->xUnlock,
	    (void *)methods->xCheckReservedLock,
	    (void *)methods->xFileControl,
	    (void *)methods->xSectorSize,
	    (void *)methods->xDeviceCharacteristics,
	    shm ? (void *)methods->xShmMap : NULL,
	    shm ? (void *)methods->xShmLock : NULL,
	    shm ? (void *)methods->xShmBarrier : NULL,
	    shm ? (void *)methods->xShmUnmap : NULL,
	    fetch ? (void *)methods->xFetch : NULL,
	    fetch ? (void *)methods->xUnfetch : NULL,
	};

	if (original)
		return original;
	if (host_functions(functions, sizeof(functions) / sizeof(*functions)))
		return methods; /* the library's */
	return host_table(methods);
}

/* The program's xOpen, as the host's VFS calls it. */
static int open_file(void *vfs, const void *name, void *file, int flags,
		     int *out_flags)
{
	sqlite3_vfs *program = vfs;
	sqlite3_file *opened = file;
	int status = program->xOpen(program, name, opened, flags, out_flags);

	if (opened->pMethods)
		opened->pMethods = methods_for_host(opened->pMethods);
	return status;
}

/* The host's functions calling the program's VFS `vfs`. */
static struct dlcall_sqlite3_vfs_functions *vfs_functions(sqlite3_vfs *vfs)
{
	struct dlcall_sqlite3_vfs_functions *f = calloc(1, sizeof(*f));

	if (!f)
		out_of_memory();
	f->open = vfs->xOpen ? open_file : NULL;
	TAKE(f->delete_file, vfs->xDelete);
	TAKE(f->access, vfs->xAccess);
	TAKE(f->full_pathname, vfs->xFullPathname);
	TAKE(f->randomness, vfs->xRandomness);
	TAKE(f->sleep, vfs->xSleep);
	TAKE(f->current_time, vfs->xCurrentTime);
	TAKE(f->get_last_error, vfs->xGetLastError);
	if (vfs->iVersion >= 2)
		TAKE(f->current_time_int64, vfs->xCurrentTimeInt64);
	return f;
}

/* The host's VFS for the program's `vfs`, made once and registered; the
 * lock keeps two threads from making two. Registering calls nothing of
 * the program's. */
static int register_program_vfs(sqlite3_vfs *vfs, int make_default)
{
	struct registered_vfs *r;
	int status;

	pthread_mutex_lock(&lock);
	for (r = registered; r && r->program != vfs; r = r->next)
		;
	if (r) {
		status =
		    pass_through_sqlite3_vfs_register(r->host, make_default);
		pthread_mutex_unlock(&lock);
		return status;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		out_of_memory();
	r->program = vfs;
	r->host = dlcall_sqlite3_register_program_vfs(
	    vfs_functions(vfs), vfs, vfs->iVersion, vfs->szOsFile,
	    vfs->mxPathname, vfs->zName, make_default, &status);
	if (r->host) {
		r->next = registered;
		registered = r;
	} else {
		free(r); /* its functions hold closures: kept */
	}
	pthread_mutex_unlock(&lock);
	return status;
}

/* Whether `vfs` is the program's own: no mirror, and a function in it
 * that is not the host's (the program's, or a stub it copied). */
static int program_vfs(sqlite3_vfs *vfs)
{
	if (!vfs || dlcall_guest_mirror_object(vfs))
		return 0;
	void *const functions[] = {
	    (void *)vfs->xOpen,	       (void *)vfs->xDelete,
	    (void *)vfs->xAccess,      (void *)vfs->xFullPathname,
	    (void *)vfs->xRandomness,  (void *)vfs->xSleep,
	    (void *)vfs->xCurrentTime, (void *)vfs->xGetLastError,
	};

	return !host_functions(functions,
			       sizeof(functions) / sizeof(*functions));
}

EXPORT int sqlite3_vfs_register(sqlite3_vfs *vfs, int make_default)
{
	static void *cache;
	__typeof__(&sqlite3_vfs_register) own =
	    (__typeof__(&sqlite3_vfs_register))thunk_own_function(
		"sqlite3_vfs_register", &cache);

	if (own)
		return own(vfs, make_default);
	if (!program_vfs(vfs))
		return pass_through_sqlite3_vfs_register(vfs, make_default);
	return register_program_vfs(vfs, make_default);
}

EXPORT int sqlite3_vfs_unregister(sqlite3_vfs *vfs)
{
	static void *cache;
	__typeof__(&sqlite3_vfs_unregister) own =
	    (__typeof__(&sqlite3_vfs_unregister))thunk_own_function(
		"sqlite3_vfs_unregister", &cache);
	struct registered_vfs *r;

	if (own)
		return own(vfs);
	pthread_mutex_lock(&lock);
	for (r = registered; r && r->program != vfs; r = r->next)
		;
	pthread_mutex_unlock(&lock);
	return pass_through_sqlite3_vfs_unregister(r ? r->host : vfs);
}

/* The library's VFS and files handed over through the void * are
 * mirrors, as the library's objects are wherever it hands them over. */
EXPORT int sqlite3_file_control(sqlite3 *db, const char *schema, int operation,
				void *argument)
{
	static void *cache;
	__typeof__(&sqlite3_file_control) own =
	    (__typeof__(&sqlite3_file_control))thunk_own_function(
		"sqlite3_file_control", &cache);
	int status;

	if (own)
		return own(db, schema, operation, argument);
	status =
	    pass_through_sqlite3_file_control(db, schema, operation, argument);
	if (status != SQLITE_OK || !argument)
		return status;
	if (operation == SQLITE_FCNTL_VFS_POINTER)
		*(void **)argument = dlcall_guest_mirror(*(void **)argument,
							 &mirror_sqlite3_vfs);
	if (operation == SQLITE_FCNTL_FILE_POINTER ||
	    operation == SQLITE_FCNTL_JOURNAL_POINTER)
		*(void **)argument = dlcall_guest_mirror(*(void **)argument,
							 &mirror_sqlite3_file);
	return status;
}
