// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite allocates on the guest-visible heap (host/visible_heap.c): what
 * sqlite3_malloc() and sqlite3_mprintf() give a program is memory it can
 * hand to its own system calls (the sqlite3 shell opens a file by a name
 * it made with sqlite3_mprintf()), which QEMU refuses for host memory
 * (SPEC §3). SQLite asks a block's size back (xSize): each block starts
 * with it, 8 bytes, keeping the 8-byte alignment SQLite needs. A program
 * may set its own allocator (SQLITE_CONFIG_MALLOC), usually over these
 * functions (SQLITE_CONFIG_GETMALLOC): it gives guest memory, visible too.
 */
#include <sqlite3.h>

#include "dlcall/host.h"
#include "memory_host.h"

static void *visible_malloc(int size)
{
	sqlite3_int64 *block = dlcall_host_visible_malloc((size_t)size + 8);

	if (!block)
		return NULL;
	block[0] = size;
	return block + 1;
}

static void visible_free(void *memory)
{
	if (memory)
		dlcall_host_visible_free((sqlite3_int64 *)memory - 1);
}

static void *visible_realloc(void *memory, int size)
{
	sqlite3_int64 *block = dlcall_host_visible_realloc(
	    (sqlite3_int64 *)memory - 1, (size_t)size + 8);

	if (!block)
		return NULL;
	block[0] = size;
	return block + 1;
}

static int visible_size(void *memory)
{
	return memory ? (int)((sqlite3_int64 *)memory)[-1] : 0;
}

static int visible_roundup(int size)
{
	return (size + 7) & ~7;
}

static int visible_init(void *unused)
{
	(void)unused;
	return SQLITE_OK;
}

static void visible_shutdown(void *unused)
{
	(void)unused;
}

static const sqlite3_mem_methods visible_methods = {
    visible_malloc,  visible_free, visible_realloc,  visible_size,
    visible_roundup, visible_init, visible_shutdown, NULL,
};

/* Refused once SQLite is initialized (another user of the host's SQLite
 * came first): its blocks then stay host memory, as before. */
void dlcall_sqlite3_use_visible_heap(void)
{
	sqlite3_config(SQLITE_CONFIG_MALLOC, &visible_methods);
}
