/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Automatic extensions of the program's, host side (auto_extension.c is
 * the guest's; spec: helper). The entry points arrive typed as SQLite
 * calls them, so that each crosses as a closure (the same each time).
 */
#ifndef DLCALL_SQLITE3_AUTO_EXTENSION_HOST_H
#define DLCALL_SQLITE3_AUTO_EXTENSION_HOST_H

#include <sqlite3.h>

/* The table of routines is always NULL: the library's holds host
 * functions, which the program cannot call. */
typedef int dlcall_sqlite3_entry_point(sqlite3 *db, char **error,
				       const void *routines);

/* As sqlite3_auto_extension(), sqlite3_cancel_auto_extension() and
 * sqlite3_reset_auto_extension() of the program's entry points. */
int dlcall_sqlite3_auto_extension(dlcall_sqlite3_entry_point *entry);
int dlcall_sqlite3_cancel_auto_extension(dlcall_sqlite3_entry_point *entry);
void dlcall_sqlite3_reset_auto_extension(void);

#endif
