// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Automatic extensions of the program's, host side: the library calls
 * one function of ours on each new connection, which runs the program's
 * entry points as the library runs its own list. Ours is registered with
 * the library exactly while the list holds an entry; the library drops it
 * on sqlite3_shutdown() and sqlite3_reset_auto_extension(), which empties
 * the list natively, so finding it gone empties ours.
 */
#include <pthread.h>
#include <stdlib.h>

#include "auto_extension_host.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static dlcall_sqlite3_entry_point **entries;
static size_t entry_count, entry_capacity;

/*
 * The library's call, for each new connection: each entry point in turn
 * with a message of its own, until one fails, whose message the library
 * reports ("automatic extension loading failed"). As the library does,
 * the lock is not held while an entry point runs (it may register
 * another).
 */
static int run_entries(sqlite3 *db, char **error, const void *routines)
{
	int status = SQLITE_OK;

	(void)routines;
	for (size_t i = 0; status == SQLITE_OK; i++) {
		dlcall_sqlite3_entry_point *entry = NULL;
		char *message = NULL;

		pthread_mutex_lock(&lock);
		if (i < entry_count)
			entry = entries[i];
		pthread_mutex_unlock(&lock);
		if (!entry)
			break;
		status = entry(db, &message, NULL);
		if (status != SQLITE_OK)
			*error = message;
		else
			sqlite3_free(message);
	}
	return status;
}

/* Empties the list if the library dropped run_entries(), whose
 * registration this takes away. Lock held. */
static void follow_library(void)
{
	if (!sqlite3_cancel_auto_extension((void (*)(void))run_entries))
		entry_count = 0;
}

/* Registers run_entries() again if the list holds an entry. Lock held. */
static int register_runner(void)
{
	if (entry_count == 0)
		return SQLITE_OK;
	return sqlite3_auto_extension((void (*)(void))run_entries);
}

static int add_entry(dlcall_sqlite3_entry_point *entry)
{
	for (size_t i = 0; i < entry_count; i++)
		if (entries[i] == entry)
			return SQLITE_OK;
	if (entry_count == entry_capacity) {
		size_t capacity = entry_capacity ? 2 * entry_capacity : 4;
		void *grown = realloc(entries, capacity * sizeof(*entries));

		if (!grown)
			return SQLITE_NOMEM;
		entries = grown;
		entry_capacity = capacity;
	}
	entries[entry_count++] = entry;
	return SQLITE_OK;
}

int dlcall_sqlite3_auto_extension(dlcall_sqlite3_entry_point *entry)
{
	int status;

	pthread_mutex_lock(&lock);
	follow_library();
	status = add_entry(entry);
	if (register_runner() != SQLITE_OK) {
		status = SQLITE_NOMEM;
		entry_count = 0; /* the library has none of ours now */
	}
	pthread_mutex_unlock(&lock);
	return status;
}

/* As the library cancels: the last match, replaced by the last entry. */
int dlcall_sqlite3_cancel_auto_extension(dlcall_sqlite3_entry_point *entry)
{
	int found = 0;

	pthread_mutex_lock(&lock);
	follow_library();
	for (size_t i = entry_count; i-- > 0;) {
		if (entries[i] == entry) {
			entries[i] = entries[--entry_count];
			found = 1;
			break;
		}
	}
	if (register_runner() != SQLITE_OK)
		entry_count = 0;
	pthread_mutex_unlock(&lock);
	return found;
}

void dlcall_sqlite3_reset_auto_extension(void)
{
	pthread_mutex_lock(&lock);
	sqlite3_reset_auto_extension();
	entry_count = 0;
	pthread_mutex_unlock(&lock);
}
