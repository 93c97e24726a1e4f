/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A VFS written in the program, host side (vfs_host.c; vfs.c is the
 * guest side). The library calls a VFS's methods and those of the files
 * it opens through the pointers in them, so the host registers a VFS of
 * its own whose methods call the program's, and gives a file the program
 * opened a table of methods calling the program's (spec: helper).
 *
 * The program's functions are given with plain pointers for its VFS, the
 * file storage and names, so that they cross as they are: the program's
 * own sqlite3_vfs, the library's storage for its sqlite3_file, a
 * sqlite3_filename with its URI parameters behind it.
 */
#ifndef DLCALL_SQLITE3_VFS_HOST_H
#define DLCALL_SQLITE3_VFS_HOST_H

#include <sqlite3.h>

/* The methods of the program's VFS the library may call. */
struct dlcall_sqlite3_vfs_functions {
	int (*open)(void *vfs, const void *name, void *file, int flags,
		    int *out_flags);
	int (*delete_file)(void *vfs, const void *name, int sync_directory);
	int (*access)(void *vfs, const void *name, int flags, int *result);
	int (*full_pathname)(void *vfs, const void *name, int size, void *out);
	int (*randomness)(void *vfs, int size, void *out);
	int (*sleep)(void *vfs, int microseconds);
	int (*current_time)(void *vfs, double *now);
	int (*get_last_error)(void *vfs, int size, void *out);
	int (*current_time_int64)(void *vfs, sqlite3_int64 *now);
};

/* The methods of a file the program's xOpen opened. */
struct dlcall_sqlite3_file_functions {
	int (*close)(void *file);
	int (*read)(void *file, void *buffer, int amount, sqlite3_int64 offset);
	int (*write)(void *file, const void *buffer, int amount,
		     sqlite3_int64 offset);
	int (*truncate)(void *file, sqlite3_int64 size);
	int (*sync)(void *file, int flags);
	int (*file_size)(void *file, sqlite3_int64 *size);
	int (*lock)(void *file, int level);
	int (*unlock)(void *file, int level);
	int (*check_reserved_lock)(void *file, int *result);
	int (*file_control)(void *file, int operation, void *argument);
	int (*sector_size)(void *file);
	int (*device_characteristics)(void *file);
	int (*shm_map)(void *file, int region, int region_size, int extend,
		       void *memory);
	int (*shm_lock)(void *file, int offset, int count, int flags);
	void (*shm_barrier)(void *file);
	int (*shm_unmap)(void *file, int delete_flag);
	int (*fetch)(void *file, sqlite3_int64 offset, int amount, void *page);
	int (*unfetch)(void *file, sqlite3_int64 offset, void *page);
};

/*
 * Registers (sqlite3_vfs_register) a host VFS calling `functions` with
 * `program`, the program's VFS, whose other fields follow; returns it,
 * or NULL when out of memory. `functions` must outlive it. The host's
 * objects are void * to the guest: it only hands them back (a
 * sqlite3_vfs would reach it as a mirror).
 */
void *dlcall_sqlite3_register_program_vfs(
    struct dlcall_sqlite3_vfs_functions *functions, void *program, int version,
    int file_size, int max_pathname, const char *name, int make_default,
    int *status);

/* A table of methods, of `version`, calling `functions` (which must
 * outlive it), for the files the program opens; NULL when out of memory. */
const void *
dlcall_sqlite3_program_methods(struct dlcall_sqlite3_file_functions *functions,
			       int version);

#endif
