// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, host side: each function here makes one
 * variadic call with arguments of known types (variadic_host.h).
 */
#include "variadic_host.h"

/* SQLite reads an int for each '*', in order, before the value. */
#define APPEND_WITH_STARS(value)                                               \
	(star_count == 0   ? sqlite3_str_appendf(text, piece, value)           \
	 : star_count == 1 ? sqlite3_str_appendf(text, piece, star0, value)    \
			   : sqlite3_str_appendf(text, piece, star0, star1,    \
						 value))

void dlcall_sqlite3_append_conversion(sqlite3_str *text, const char *piece,
				      int star_count, int star0, int star1,
				      int kind, sqlite3_int64 integer,
				      double real, const void *pointer)
{
	switch (kind) {
	case DLCALL_SQLITE3_INT:
		APPEND_WITH_STARS((int)integer);
		break;
	case DLCALL_SQLITE3_LONG:
		APPEND_WITH_STARS((long)integer);
		break;
	case DLCALL_SQLITE3_INT64:
		APPEND_WITH_STARS(integer);
		break;
	case DLCALL_SQLITE3_DOUBLE:
		APPEND_WITH_STARS(real);
		break;
	case DLCALL_SQLITE3_POINTER:
		APPEND_WITH_STARS(pointer);
		break;
	default:
		if (star_count == 0)
			sqlite3_str_appendf(text, piece);
		else if (star_count == 1)
			sqlite3_str_appendf(text, piece, star0);
		else
			sqlite3_str_appendf(text, piece, star0, star1);
	}
}

void dlcall_sqlite3_log_message(int code, const char *message)
{
	sqlite3_log(code, "%s", message);
}

int dlcall_sqlite3_config_ints(int option, int count, int first, int second)
{
	if (count == 0)
		return sqlite3_config(option);
	if (count == 1)
		return sqlite3_config(option, first);
	return sqlite3_config(option, first, second);
}

int dlcall_sqlite3_config_buffer(int option, void *buffer, int size, int count)
{
	return sqlite3_config(option, buffer, size, count);
}

int dlcall_sqlite3_config_pointer(int option, void *pointer)
{
	return sqlite3_config(option, pointer);
}

int dlcall_sqlite3_config_int64s(int option, int count, sqlite3_int64 first,
				 sqlite3_int64 second)
{
	if (count == 1)
		return sqlite3_config(option, first);
	return sqlite3_config(option, first, second);
}

int dlcall_sqlite3_config_log(void (*log)(void *context, int code,
					  const char *message),
			      void *context)
{
	return sqlite3_config(SQLITE_CONFIG_LOG, log, context);
}

int dlcall_sqlite3_db_config_name(sqlite3 *db, int option, const char *name)
{
	return sqlite3_db_config(db, option, name);
}

int dlcall_sqlite3_db_config_lookaside(sqlite3 *db, int option, void *buffer,
				       int size, int count)
{
	return sqlite3_db_config(db, option, buffer, size, count);
}

int dlcall_sqlite3_db_config_flag(sqlite3 *db, int option, int on_off,
				  int *result)
{
	return sqlite3_db_config(db, option, on_off, result);
}

int dlcall_sqlite3_vtab_config_ints(sqlite3 *db, int option, int count,
				    int value)
{
	if (count == 0)
		return sqlite3_vtab_config(db, option);
	return sqlite3_vtab_config(db, option, value);
}
