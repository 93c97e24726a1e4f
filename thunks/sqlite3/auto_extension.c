// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sqlite3_auto_extension() and its cancel and reset, guest side. The
 * entry point arrives as C's generic function pointer and is called as an
 * extension's entry point, the type it crosses as; the host runs it with
 * no table of routines (auto_extension_host.c), so an extension linked
 * into the program (SQLITE_CORE, calling the API directly) works, and one
 * written to be loaded, calling through the table, faults at NULL rather
 * than run host code. NULL is refused rather than registered (the next
 * open would call it). When the guest's own library serves (SPEC §7) it
 * gets the calls as they are.
 */
#include "dlcall/guest.h"
#include "sqlite3-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT int sqlite3_auto_extension(void (*entry)(void))
{
	static void *cache;

	if (OWN(sqlite3_auto_extension, cache))
		return OWN(sqlite3_auto_extension, cache)(entry);
	if (!entry)
		return SQLITE_MISUSE;
	return dlcall_sqlite3_auto_extension(
	    (dlcall_sqlite3_entry_point *)(void *)entry);
}

EXPORT int sqlite3_cancel_auto_extension(void (*entry)(void))
{
	static void *cache;

	if (OWN(sqlite3_cancel_auto_extension, cache))
		return OWN(sqlite3_cancel_auto_extension, cache)(entry);
	if (!entry)
		return 0;
	return dlcall_sqlite3_cancel_auto_extension(
	    (dlcall_sqlite3_entry_point *)(void *)entry);
}

EXPORT void sqlite3_reset_auto_extension(void)
{
	static void *cache;

	if (OWN(sqlite3_reset_auto_extension, cache))
		OWN(sqlite3_reset_auto_extension, cache)();
	else
		dlcall_sqlite3_reset_auto_extension();
}
