// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Automatic extensions of the program's, host side: the library calls
 * one function of ours on each new connection, which runs the program's
 * entry points in the order they were registered, as the library runs
 * its own list, stopping at the first that fails.
 */
#include <pthread.h>
#include <stdlib.h>

#include "auto_extension_host.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static dlcall_sqlite3_entry_point **entries;
static size_t entry_count, entry_capacity;

/* The library's call, for each new connection. As the library does, the
 * lock is not held while an entry point runs (it may register another). */
static int run_entries(sqlite3 *db, char **error, const void *routines)
{
	int status = SQLITE_OK;

	(void)routines;
	for (size_t i = 0; status == SQLITE_OK; i++) {
		dlcall_sqlite3_entry_point *entry = NULL;

		pthread_mutex_lock(&lock);
		if (i < entry_count)
			entry = entries[i];
		pthread_mutex_unlock(&lock);
		if (!entry)
			break;
		status = entry(db, error, NULL);
	}
	return status;
}

static int find_entry(dlcall_sqlite3_entry_point *entry)
{
	for (size_t i = 0; i < entry_count; i++)
		if (entries[i] == entry)
			return (int)i;
	return -1;
}

int dlcall_sqlite3_auto_extension(dlcall_sqlite3_entry_point *entry)
{
	int status = sqlite3_auto_extension((void (*)(void))run_entries);

	pthread_mutex_lock(&lock);
	if (status == SQLITE_OK && find_entry(entry) < 0) {
		if (entry_count == entry_capacity) {
			size_t capacity = entry_capacity ? 2 * entry_capacity : 4;
			void *grown = realloc(entries,
					      capacity * sizeof(*entries));

			if (grown) {
				entries = grown;
				entry_capacity = capacity;
			}
		}
		if (entry_count < entry_capacity)
			entries[entry_count++] = entry;
		else
			status = SQLITE_NOMEM;
	}
	pthread_mutex_unlock(&lock);
	return status;
}

int dlcall_sqlite3_cancel_auto_extension(dlcall_sqlite3_entry_point *entry)
{
	int at;

	pthread_mutex_lock(&lock);
	at = find_entry(entry);
	if (at >= 0) {
		for (size_t i = (size_t)at; i + 1 < entry_count; i++)
			entries[i] = entries[i + 1];
		entry_count--;
	}
	pthread_mutex_unlock(&lock);
	return at >= 0;
}

void dlcall_sqlite3_reset_auto_extension(void)
{
	sqlite3_reset_auto_extension();
	pthread_mutex_lock(&lock);
	entry_count = 0;
	pthread_mutex_unlock(&lock);
}
