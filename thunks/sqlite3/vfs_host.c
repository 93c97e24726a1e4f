// SPDX-License-Identifier: GPL-2.0-or-later
/* A VFS written in the program, host side (vfs_host.h). */
#include <stdlib.h>
#include <string.h>

#include "vfs_host.h"

/* The VFS the library holds, for one the program registered. */
struct program_vfs {
	sqlite3_vfs vfs; /* first: the library's pointer is to this */
	struct dlcall_sqlite3_vfs_functions *functions;
	void *program;
};

static struct program_vfs *program_vfs(sqlite3_vfs *vfs)
{
	return (struct program_vfs *)vfs;
}

static int vfs_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file,
		    int flags, int *out_flags)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->open(p->program, name, file, flags, out_flags);
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_directory)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->delete_file(p->program, name, sync_directory);
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags,
		      int *result)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->access(p->program, name, flags, result);
}

static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int size,
			     char *out)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->full_pathname(p->program, name, size, out);
}

/*
 * Extensions load through a VFS's xDlOpen and run their entry point with
 * the library's table of functions: a guest object's entry point cannot
 * take the host's table, so none loads, with this message.
 */
static void *vfs_dl_open(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	(void)name;
	return NULL;
}

static void vfs_dl_error(sqlite3_vfs *vfs, int size, char *message)
{
	(void)vfs;
	if (size > 0)
		sqlite3_snprintf(size, message, "%s",
				 "dlcall: an extension does not load through "
				 "a VFS of the program's while libsqlite3 "
				 "passes through (--no-lib sqlite3)");
}

static void (*vfs_dl_sym(sqlite3_vfs *vfs, void *handle,
			 const char *name))(void)
{
	(void)vfs;
	(void)handle;
	(void)name;
	return NULL;
}

static void vfs_dl_close(sqlite3_vfs *vfs, void *handle)
{
	(void)vfs;
	(void)handle;
}

static int vfs_randomness(sqlite3_vfs *vfs, int size, char *out)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->randomness(p->program, size, out);
}

static int vfs_sleep(sqlite3_vfs *vfs, int microseconds)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->sleep(p->program, microseconds);
}

static int vfs_current_time(sqlite3_vfs *vfs, double *now)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->current_time(p->program, now);
}

static int vfs_get_last_error(sqlite3_vfs *vfs, int size, char *out)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->get_last_error(p->program, size, out);
}

static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *now)
{
	struct program_vfs *p = program_vfs(vfs);

	return p->functions->current_time_int64(p->program, now);
}

/* The system calls a VFS lets a test replace are the host's own. */
static int vfs_set_system_call(sqlite3_vfs *vfs, const char *name,
			       sqlite3_syscall_ptr call)
{
	(void)vfs;
	(void)name;
	(void)call;
	return SQLITE_NOTFOUND;
}

static sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs *vfs,
					       const char *name)
{
	(void)vfs;
	(void)name;
	return NULL;
}

static const char *vfs_next_system_call(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	(void)name;
	return NULL;
}

/* The host's methods for the program's, NULL where the program has none. */
#define PROGRAM_METHOD(functions, name, method)                                \
	((functions)->name ? (method) : NULL)

void *dlcall_sqlite3_register_program_vfs(
    struct dlcall_sqlite3_vfs_functions *functions, void *program, int version,
    int file_size, int max_pathname, const char *name, int make_default,
    int *status)
{
	struct program_vfs *p = calloc(1, sizeof(*p));
	sqlite3_vfs *vfs;

	*status = SQLITE_NOMEM;
	if (!p)
		return NULL;
	p->functions = functions;
	p->program = program;
	vfs = &p->vfs;
	vfs->iVersion = version < 3 ? version : 3;
	vfs->szOsFile = file_size;
	vfs->mxPathname = max_pathname;
	vfs->zName = name;
	vfs->xOpen = PROGRAM_METHOD(functions, open, vfs_open);
	vfs->xDelete = PROGRAM_METHOD(functions, delete_file, vfs_delete);
	vfs->xAccess = PROGRAM_METHOD(functions, access, vfs_access);
	vfs->xFullPathname =
	    PROGRAM_METHOD(functions, full_pathname, vfs_full_pathname);
	vfs->xDlOpen = vfs_dl_open;
	vfs->xDlError = vfs_dl_error;
	vfs->xDlSym = vfs_dl_sym;
	vfs->xDlClose = vfs_dl_close;
	vfs->xRandomness =
	    PROGRAM_METHOD(functions, randomness, vfs_randomness);
	vfs->xSleep = PROGRAM_METHOD(functions, sleep, vfs_sleep);
	vfs->xCurrentTime =
	    PROGRAM_METHOD(functions, current_time, vfs_current_time);
	vfs->xGetLastError =
	    PROGRAM_METHOD(functions, get_last_error, vfs_get_last_error);
	vfs->xCurrentTimeInt64 = PROGRAM_METHOD(functions, current_time_int64,
						vfs_current_time_int64);
	vfs->xSetSystemCall = vfs_set_system_call;
	vfs->xGetSystemCall = vfs_get_system_call;
	vfs->xNextSystemCall = vfs_next_system_call;
	*status = sqlite3_vfs_register(vfs, make_default);
	if (*status == SQLITE_OK)
		return vfs;
	free(p);
	return NULL;
}

/* A table of methods the host made for the program's, with them. */
struct program_methods {
	sqlite3_io_methods methods; /* first: a file's pMethods is this */
	struct dlcall_sqlite3_file_functions *functions;
};

static struct dlcall_sqlite3_file_functions *file_functions(sqlite3_file *file)
{
	return ((const struct program_methods *)file->pMethods)->functions;
}

static int file_close(sqlite3_file *file)
{
	return file_functions(file)->close(file);
}

static int file_read(sqlite3_file *file, void *buffer, int amount,
		     sqlite3_int64 offset)
{
	return file_functions(file)->read(file, buffer, amount, offset);
}

static int file_write(sqlite3_file *file, const void *buffer, int amount,
		      sqlite3_int64 offset)
{
	return file_functions(file)->write(file, buffer, amount, offset);
}

static int file_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	return file_functions(file)->truncate(file, size);
}

static int file_sync(sqlite3_file *file, int flags)
{
	return file_functions(file)->sync(file, flags);
}

static int file_get_size(sqlite3_file *file, sqlite3_int64 *size)
{
	return file_functions(file)->file_size(file, size);
}

static int file_lock(sqlite3_file *file, int level)
{
	return file_functions(file)->lock(file, level);
}

static int file_unlock(sqlite3_file *file, int level)
{
	return file_functions(file)->unlock(file, level);
}

static int file_check_reserved_lock(sqlite3_file *file, int *result)
{
	return file_functions(file)->check_reserved_lock(file, result);
}

static int file_control(sqlite3_file *file, int operation, void *argument)
{
	return file_functions(file)->file_control(file, operation, argument);
}

static int file_sector_size(sqlite3_file *file)
{
	return file_functions(file)->sector_size(file);
}

static int file_device_characteristics(sqlite3_file *file)
{
	return file_functions(file)->device_characteristics(file);
}

static int file_shm_map(sqlite3_file *file, int region, int region_size,
			int extend, void volatile **memory)
{
	return file_functions(file)->shm_map(file, region, region_size, extend,
					     (void *)memory);
}

static int file_shm_lock(sqlite3_file *file, int offset, int count, int flags)
{
	return file_functions(file)->shm_lock(file, offset, count, flags);
}

static void file_shm_barrier(sqlite3_file *file)
{
	file_functions(file)->shm_barrier(file);
}

static int file_shm_unmap(sqlite3_file *file, int delete_flag)
{
	return file_functions(file)->shm_unmap(file, delete_flag);
}

static int file_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount,
		      void **page)
{
	return file_functions(file)->fetch(file, offset, amount, page);
}

static int file_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
	return file_functions(file)->unfetch(file, offset, page);
}

const void *
dlcall_sqlite3_program_methods(struct dlcall_sqlite3_file_functions *functions,
			       int version)
{
	struct program_methods *p = calloc(1, sizeof(*p));
	sqlite3_io_methods *m;

	if (!p)
		return NULL;
	p->functions = functions;
	m = &p->methods;
	m->iVersion = version < 3 ? version : 3;
	m->xClose = PROGRAM_METHOD(functions, close, file_close);
	m->xRead = PROGRAM_METHOD(functions, read, file_read);
	m->xWrite = PROGRAM_METHOD(functions, write, file_write);
	m->xTruncate = PROGRAM_METHOD(functions, truncate, file_truncate);
	m->xSync = PROGRAM_METHOD(functions, sync, file_sync);
	m->xFileSize = PROGRAM_METHOD(functions, file_size, file_get_size);
	m->xLock = PROGRAM_METHOD(functions, lock, file_lock);
	m->xUnlock = PROGRAM_METHOD(functions, unlock, file_unlock);
	m->xCheckReservedLock = PROGRAM_METHOD(functions, check_reserved_lock,
					       file_check_reserved_lock);
	m->xFileControl = PROGRAM_METHOD(functions, file_control, file_control);
	m->xSectorSize =
	    PROGRAM_METHOD(functions, sector_size, file_sector_size);
	m->xDeviceCharacteristics = PROGRAM_METHOD(
	    functions, device_characteristics, file_device_characteristics);
	m->xShmMap = PROGRAM_METHOD(functions, shm_map, file_shm_map);
	m->xShmLock = PROGRAM_METHOD(functions, shm_lock, file_shm_lock);
	m->xShmBarrier =
	    PROGRAM_METHOD(functions, shm_barrier, file_shm_barrier);
	m->xShmUnmap = PROGRAM_METHOD(functions, shm_unmap, file_shm_unmap);
	m->xFetch = PROGRAM_METHOD(functions, fetch, file_fetch);
	m->xUnfetch = PROGRAM_METHOD(functions, unfetch, file_unfetch);
	return m;
}
