// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, host side: each function here makes one
 * variadic call with arguments of known types (variadic_host.h).
 */
#include <assert.h>
#include <ffi.h>
#include <stdlib.h>
#include <string.h>

#include "variadic_host.h"

/* SQLite reads an int for each '*', in order, before the value. */
#define APPEND_WITH_STARS(value)                                               \
	(c->star_count == 0 ? sqlite3_str_appendf(text, piece, value)          \
	 : c->star_count == 1                                                  \
	     ? sqlite3_str_appendf(text, piece, c->stars[0], value)            \
	     : sqlite3_str_appendf(text, piece, c->stars[0], c->stars[1],      \
				   value))

static void append_piece(sqlite3_str *text, const char *piece,
			 const struct dlcall_sqlite3_conversion *c)
{
	switch (c->kind) {
	case DLCALL_SQLITE3_INT:
		APPEND_WITH_STARS((int)c->integer);
		break;
	case DLCALL_SQLITE3_LONG:
		APPEND_WITH_STARS((long)c->integer);
		break;
	case DLCALL_SQLITE3_INT64:
		APPEND_WITH_STARS(c->integer);
		break;
	case DLCALL_SQLITE3_DOUBLE:
		APPEND_WITH_STARS(c->real);
		break;
	case DLCALL_SQLITE3_POINTER:
		APPEND_WITH_STARS(c->pointer);
		break;
	default:
		if (c->star_count == 0)
			sqlite3_str_appendf(text, piece);
		else if (c->star_count == 1)
			sqlite3_str_appendf(text, piece, c->stars[0]);
		else
			sqlite3_str_appendf(text, piece, c->stars[0],
					    c->stars[1]);
	}
}

/* As sqlite3_vmprintf(): "" rather than NULL when nothing was appended,
 * NULL when memory ran out. */
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

/* Storage for one argument of the call below. */
union argument {
	int integer;
	long long_integer;
	sqlite3_int64 integer64;
	double real;
	const void *pointer;
};

/* Adds the arguments conversion `c` reads to the call's; returns how
 * many (its '*' values, then its value). */
static int add_arguments(const struct dlcall_sqlite3_conversion *c,
			 ffi_type **types, union argument *storage,
			 void **values)
{
	int n = 0;

	for (int i = 0; i < c->star_count; i++, n++) {
		types[n] = &ffi_type_sint;
		storage[n].integer = c->stars[i];
		values[n] = &storage[n].integer;
	}
	switch (c->kind) {
	case DLCALL_SQLITE3_INT:
		types[n] = &ffi_type_sint;
		storage[n].integer = (int)c->integer;
		values[n] = &storage[n].integer;
		return n + 1;
	case DLCALL_SQLITE3_LONG:
		types[n] = &ffi_type_slong;
		storage[n].long_integer = (long)c->integer;
		values[n] = &storage[n].long_integer;
		return n + 1;
	case DLCALL_SQLITE3_INT64:
		types[n] = &ffi_type_sint64;
		storage[n].integer64 = c->integer;
		values[n] = &storage[n].integer64;
		return n + 1;
	case DLCALL_SQLITE3_DOUBLE:
		types[n] = &ffi_type_double;
		storage[n].real = c->real;
		values[n] = &storage[n].real;
		return n + 1;
	case DLCALL_SQLITE3_POINTER:
		types[n] = &ffi_type_pointer;
		storage[n].pointer = c->pointer;
		values[n] = &storage[n].pointer;
		return n + 1;
	}
	return n;
}

/*
 * One sqlite3_snprintf() call with every argument, made through libffi's
 * variadic calls: SQLite's own truncation, %n and %z, exactly, and, unlike
 * sqlite3_str_new(), SQLite left uninitialized.
 */
void dlcall_sqlite3_format_into(
    char *buffer, int size, const char *format,
    const struct dlcall_sqlite3_conversion *conversions, int count)
{
	size_t most = 3 + 3 * (size_t)count;
	ffi_type **types = malloc(most * sizeof(*types));
	union argument *storage = malloc(most * sizeof(*storage));
	void **values = malloc(most * sizeof(*values));
	unsigned n = 3;
	ffi_cif cif;
	char *result;

	if (!types || !storage || !values)
		buffer[0] = '\0'; /* out of memory: what SQLite leaves */
	if (types && storage && values) {
		types[0] = &ffi_type_sint;
		types[1] = types[2] = &ffi_type_pointer;
		values[0] = &size;
		values[1] = &buffer;
		values[2] = &format;
		for (int i = 0; i < count; i++)
			n += (unsigned)add_arguments(&conversions[i], types + n,
						     storage + n, values + n);
		assert(n <= most);
		if (ffi_prep_cif_var(&cif, FFI_DEFAULT_ABI, 3, n,
				     &ffi_type_pointer, types) == FFI_OK)
			ffi_call(&cif, FFI_FN(sqlite3_snprintf), &result,
				 values);
		else
			buffer[0] = '\0';
	}
	free(types);
	free(storage);
	free(values);
}
