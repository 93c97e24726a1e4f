/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host code of dlcall for SQLite's variadic functions (variadic.c is the
 * guest side). A variadic call cannot cross ISAs, but each of its
 * arguments can: the guest reads them from its own va_list as SQLite
 * would, and these functions make the same call on the host with typed
 * arguments (spec: helper).
 */
#ifndef DLCALL_SQLITE3_VARIADIC_HOST_H
#define DLCALL_SQLITE3_VARIADIC_HOST_H

#include <sqlite3.h>

/* What one printf conversion reads after its '*' width and precision. */
enum dlcall_sqlite3_value {
	DLCALL_SQLITE3_NOTHING, /* %% */
	DLCALL_SQLITE3_INT,	/* d i u x X o c r: int, unsigned int */
	DLCALL_SQLITE3_LONG,	/* with l: long, unsigned long */
	DLCALL_SQLITE3_INT64,	/* with ll, and p: sqlite3_int64 */
	DLCALL_SQLITE3_DOUBLE,	/* f e E g G */
	DLCALL_SQLITE3_POINTER, /* s z q Q w n */
};

/* One conversion of a format, with what it read from the arguments. */
struct dlcall_sqlite3_conversion {
	int star_count; /* 0 to 2 ints for its '*'s */
	int stars[2];
	int kind;  /* enum dlcall_sqlite3_value */
	int stops; /* SQLite stops formatting there */
	sqlite3_int64 integer;
	double real;
	const void *pointer;
};

/*
 * Formats `format` with its `count` conversions, read by the guest, in one
 * call of the host's SQLite (libffi's variadic calls): appended to `text`
 * by sqlite3_str_appendf(), or, when `text` is NULL, returned by
 * sqlite3_mprintf().
 */
char *dlcall_sqlite3_format(sqlite3_str *text, const char *format,
			    const struct dlcall_sqlite3_conversion *conversions,
			    int count);

/* The same into `buffer` of `size` bytes (at least 1) by
 * sqlite3_snprintf(), which leaves SQLite uninitialized. */
void dlcall_sqlite3_format_into(
    char *buffer, int size, const char *format,
    const struct dlcall_sqlite3_conversion *conversions, int count);

/* sqlite3_log(code, "%s", message). */
void dlcall_sqlite3_log_message(int code, const char *message);

/* sqlite3_config(option, ...) by the shape of the option's arguments:
 * `count` ints (0 to 2), a buffer and two ints, one pointer, `count`
 * 64-bit integers, or the log function and its context. */
int dlcall_sqlite3_config_ints(int option, int count, int first, int second);
int dlcall_sqlite3_config_buffer(int option, void *buffer, int size, int count);
int dlcall_sqlite3_config_pointer(int option, void *pointer);
int dlcall_sqlite3_config_int64s(int option, int count, sqlite3_int64 first,
				 sqlite3_int64 second);
int dlcall_sqlite3_config_log(void (*log)(void *context, int code,
					  const char *message),
			      void *context);

/* sqlite3_config(option, table) of SQLITE_CONFIG_MALLOC or GETMALLOC,
 * MUTEX or GETMUTEX, PCACHE2 or GETPCACHE2. */
int dlcall_sqlite3_config_memory(int option, sqlite3_mem_methods *table);
int dlcall_sqlite3_config_mutex(int option, sqlite3_mutex_methods *table);
int dlcall_sqlite3_config_page_cache(int option,
				     sqlite3_pcache_methods2 *table);

/* sqlite3_db_config(db, option, ...): the main schema's name, lookaside
 * memory, or (every other option) an on/off flag and where to report. */
int dlcall_sqlite3_db_config_name(sqlite3 *db, int option, const char *name);
int dlcall_sqlite3_db_config_lookaside(sqlite3 *db, int option, void *buffer,
				       int size, int count);
int dlcall_sqlite3_db_config_flag(sqlite3 *db, int option, int on_off,
				  int *result);

/* sqlite3_vtab_config(db, option, ...) with `count` (0 or 1) ints. */
int dlcall_sqlite3_vtab_config_ints(sqlite3 *db, int option, int count,
				    int value);

/* sqlite3_test_control(op, ...) with the `count` arguments the option
 * reads (SQLite 3.40), each as a conversion of one value. */
int dlcall_sqlite3_test_control(
    int op, const struct dlcall_sqlite3_conversion *arguments, int count);

#endif
