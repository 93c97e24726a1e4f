// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, host side: each function here makes one
 * variadic call with arguments of known types (variadic_host.h).
 */
#include <stdlib.h>
#include <string.h>

#include "variadic_host.h"

/* SQLite reads an int for each '*', in order, before the value. */
/* Calls PRINT(...) with the piece, the conversion's '*' values and then
 * `value`. */
#define WITH_STARS(PRINT, value)                                               \
	(c->star_count == 0   ? PRINT(piece, value)                            \
	 : c->star_count == 1 ? PRINT(piece, c->stars[0], value)               \
			      : PRINT(piece, c->stars[0], c->stars[1], value))

/* Calls PRINT(...) with the piece and what its conversion `c` reads. */
#define PRINT_PIECE(PRINT)                                                     \
	switch (c->kind) {                                                     \
	case DLCALL_SQLITE3_INT:                                               \
		WITH_STARS(PRINT, (int)c->integer);                            \
		break;                                                         \
	case DLCALL_SQLITE3_LONG:                                              \
		WITH_STARS(PRINT, (long)c->integer);                           \
		break;                                                         \
	case DLCALL_SQLITE3_INT64:                                             \
		WITH_STARS(PRINT, c->integer);                                 \
		break;                                                         \
	case DLCALL_SQLITE3_DOUBLE:                                            \
		WITH_STARS(PRINT, c->real);                                    \
		break;                                                         \
	case DLCALL_SQLITE3_POINTER:                                           \
		WITH_STARS(PRINT, c->pointer);                                 \
		break;                                                         \
	default:                                                               \
		if (c->star_count == 0)                                        \
			PRINT(piece);                                          \
		else if (c->star_count == 1)                                   \
			PRINT(piece, c->stars[0]);                             \
		else                                                           \
			PRINT(piece, c->stars[0], c->stars[1]);                \
	}

static void append_piece(sqlite3_str *text, const char *piece,
			 const struct dlcall_sqlite3_conversion *c)
{
#define APPEND(...) sqlite3_str_appendf(text, __VA_ARGS__)
	PRINT_PIECE(APPEND)
#undef APPEND
}

/* sqlite3_snprintf(), which (unlike sqlite3_str_new()) leaves SQLite
 * uninitialized, as a program may call it before sqlite3_config(). */
static void print_piece(char *buffer, int size, const char *piece,
			const struct dlcall_sqlite3_conversion *c)
{
#define PRINT(...) sqlite3_snprintf(size, buffer, __VA_ARGS__)
	PRINT_PIECE(PRINT)
#undef PRINT
}

static char *finish(sqlite3_str *text)
{
	char *result;

	if (sqlite3_str_errcode(text) != SQLITE_OK ||
	    sqlite3_str_length(text) != 0)
		return sqlite3_str_finish(text);
	sqlite3_free(sqlite3_str_finish(text));
	result = sqlite3_malloc(1);
	if (result)
		result[0] = '\0';
	return result;
}

char *dlcall_sqlite3_format(sqlite3_str *text, const char *format,
			    const struct dlcall_sqlite3_conversion *conversions,
			    int count)
{
	sqlite3_str *into = text ? text : sqlite3_str_new(NULL);
	int start = 0;

	for (int i = 0; i < count; i++) {
		const struct dlcall_sqlite3_conversion *c = &conversions[i];
		size_t length = (size_t)(c->end - start);
		char small[256];
		char *piece = length < sizeof(small)
				  ? small
				  : sqlite3_malloc64(length + 1);

		if (!piece) { /* out of memory, as SQLite's own would be */
			if (!text)
				sqlite3_free(sqlite3_str_finish(into));
			return NULL;
		}
		memcpy(piece, format + start, length);
		piece[length] = '\0';
		append_piece(into, piece, c);
		if (piece != small)
			sqlite3_free(piece);
		start = c->end;
		if (c->stops)
			return text ? NULL : finish(into);
	}
	sqlite3_str_appendall(into, format + start);
	return text ? NULL : finish(into);
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

void dlcall_sqlite3_format_into(
    char *buffer, int size, const char *format,
    const struct dlcall_sqlite3_conversion *conversions, int count)
{
	int start = 0, used = 0;

	buffer[0] = '\0';
	for (int i = 0; i < count && used < size - 1; i++) {
		const struct dlcall_sqlite3_conversion *c = &conversions[i];
		size_t length = (size_t)(c->end - start);
		char *piece = malloc(length + 1);

		if (!piece)
			return; /* what fitted so far, as truncation would */
		memcpy(piece, format + start, length);
		piece[length] = '\0';
		print_piece(buffer + used, size - used, piece, c);
		used += (int)strlen(buffer + used);
		free(piece);
		start = c->end;
		if (c->stops)
			return;
	}
	if (used < size - 1)
		sqlite3_snprintf(size - used, buffer + used, "%s",
				 format + start);
}
