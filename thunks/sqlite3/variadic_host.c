// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, host side: each function here makes one
 * variadic call with arguments of known types (variadic_host.h).
 */
#include <assert.h>
#include <ffi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "variadic_host.h"

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

int dlcall_sqlite3_config_memory(int option, sqlite3_mem_methods *table)
{
	return sqlite3_config(option, table);
}

int dlcall_sqlite3_config_mutex(int option, sqlite3_mutex_methods *table)
{
	return sqlite3_config(option, table);
}

int dlcall_sqlite3_config_page_cache(int option, sqlite3_pcache_methods2 *table)
{
	return sqlite3_config(option, table);
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
 * Calls the variadic `function` with its `fixed` arguments, then those the
 * conversions read, through libffi's variadic calls, so that SQLite reads
 * them as from the program's own call: truncation, %n and %z are its own.
 * Returns 0 when memory ran out, with nothing called.
 */
static int call_variadic(void (*function)(void), ffi_type *result_type,
			 void *result, unsigned fixed, ffi_type **fixed_types,
			 void **fixed_values,
			 const struct dlcall_sqlite3_conversion *conversions,
			 int count)
{
	size_t most = fixed + 3 * (size_t)count;
	ffi_type **types = malloc(most * sizeof(*types));
	union argument *storage = malloc(most * sizeof(*storage));
	void **values = malloc(most * sizeof(*values));
	unsigned n = fixed;
	ffi_cif cif;
	int called = 0;

	if (types && storage && values) {
		memcpy(types, fixed_types, fixed * sizeof(*types));
		memcpy(values, fixed_values, fixed * sizeof(*values));
		for (int i = 0; i < count; i++)
			n += (unsigned)add_arguments(&conversions[i], types + n,
						     storage + n, values + n);
		assert(n <= most);
		called = ffi_prep_cif_var(&cif, FFI_DEFAULT_ABI, fixed, n,
					  result_type, types) == FFI_OK;
		if (called)
			ffi_call(&cif, function, result, values);
	}
	free(types);
	free(storage);
	free(values);
	return called;
}

char *dlcall_sqlite3_format(sqlite3_str *text, const char *format,
			    const struct dlcall_sqlite3_conversion *conversions,
			    int count)
{
	ffi_type *types[] = {&ffi_type_pointer, &ffi_type_pointer};
	void *appendf_values[] = {&text, &format};
	ffi_arg result = 0;

	/* Out of memory: sqlite3_mprintf()'s NULL; nothing appended. */
	if (text)
		call_variadic(FFI_FN(sqlite3_str_appendf), &ffi_type_void,
			      &result, 2, types, appendf_values, conversions,
			      count);
	else if (!call_variadic(FFI_FN(sqlite3_mprintf), &ffi_type_pointer,
				&result, 1, types, appendf_values + 1,
				conversions, count))
		return NULL;
	return text ? NULL : (char *)(uintptr_t)result;
}

void dlcall_sqlite3_format_into(
    char *buffer, int size, const char *format,
    const struct dlcall_sqlite3_conversion *conversions, int count)
{
	ffi_type *types[] = {&ffi_type_sint, &ffi_type_pointer,
			     &ffi_type_pointer};
	void *values[] = {&size, &buffer, &format};
	ffi_arg result;

	if (!call_variadic(FFI_FN(sqlite3_snprintf), &ffi_type_pointer, &result,
			   3, types, values, conversions, count))
		buffer[0] = '\0'; /* what SQLite leaves when out of memory */
}

int dlcall_sqlite3_test_control(
    int op, const struct dlcall_sqlite3_conversion *arguments, int count)
{
	ffi_type *types[] = {&ffi_type_sint};
	void *values[] = {&op};
	ffi_arg status;

	if (!call_variadic(FFI_FN(sqlite3_test_control), &ffi_type_sint,
			   &status, 1, types, values, arguments, count))
		return SQLITE_NOMEM;
	return (int)status;
}
