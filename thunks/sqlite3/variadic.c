// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions and their va_list twins, guest side. A
 * variadic call cannot cross ISAs; its arguments can, once the guest has
 * read them from its own va_list the way SQLite reads them:
 *
 * - in printf-style text each conversion is parsed as
 *   sqlite3_str_vappendf() parses it and its arguments read here; the
 *   host makes the program's call with them (dlcall_sqlite3_format), so
 *   %q, %Q, %w, %z, %n and SQLite's float formatting are the library's;
 * - sqlite3_config(), sqlite3_db_config() and sqlite3_vtab_config() read
 *   the arguments their option takes and call a host helper of that shape.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/guest.h"
#include "sqlite3-thunk.h"

/* A va_list that helper functions read from through a pointer (which a
 * va_list parameter, an array on x86_64, cannot give). */
struct arguments {
	va_list list;
};

static void take_star(struct dlcall_sqlite3_conversion *c,
		      struct arguments *arguments)
{
	/* SQLite's grammar allows a width '*' and a precision '*' only. */
	assert(c->star_count < 2);
	c->stars[c->star_count++] = va_arg(arguments->list, int);
}

/* What the conversion letter reads, with `longs` l's before it. */
static void classify(struct dlcall_sqlite3_conversion *c, char letter,
		     int longs)
{
	static const int by_longs[] = {DLCALL_SQLITE3_INT, DLCALL_SQLITE3_LONG,
				       DLCALL_SQLITE3_INT64};

	if (letter && strchr("diuxXor", letter))
		c->kind = by_longs[longs];
	else if (letter == 'c')
		c->kind = DLCALL_SQLITE3_INT;
	else if (letter == 'p')
		c->kind = DLCALL_SQLITE3_INT64; /* read as a 64-bit integer */
	else if (letter && strchr("feEgG", letter))
		c->kind = DLCALL_SQLITE3_DOUBLE;
	else if (letter && strchr("szqQwn", letter))
		c->kind = DLCALL_SQLITE3_POINTER;
	else if (letter == '%')
		c->kind = DLCALL_SQLITE3_NOTHING;
	else
		c->stops = 1; /* unknown, or %T and %S (internal only) */
}

/*
 * Scans the conversion whose '%' is at `at` as sqlite3_str_vappendf()
 * does: flags, width, precision and length in one loop, a '*' taking an
 * int from the arguments. Returns what follows the conversion letter.
 */
static const char *scan_conversion(const char *at,
				   struct arguments *arguments,
				   struct dlcall_sqlite3_conversion *c)
{
	char letter = *++at;
	int longs = 0, done = 0;

	memset(c, 0, sizeof(*c));
	if (!letter) {
		c->stops = 1; /* SQLite appends the lone '%' */
		return at;
	}
	do {
		switch (letter) {
		case '-': case '+': case ' ': case '#': case '!': case '0':
		case ',':
			break;
		case 'l':
			longs = 1;
			letter = *++at;
			if (letter == 'l') {
				letter = *++at;
				longs = 2;
			}
			done = 1;
			break;
		case '1': case '2': case '3': case '4': case '5': case '6':
		case '7': case '8': case '9':
			while ((letter = *++at) >= '0' && letter <= '9')
				;
			if (letter != '.' && letter != 'l')
				done = 1;
			else
				at--;
			break;
		case '*':
			take_star(c, arguments);
			if ((letter = at[1]) != '.' && letter != 'l') {
				letter = *++at;
				done = 1;
			}
			break;
		case '.':
			letter = *++at;
			if (letter == '*') {
				take_star(c, arguments);
				letter = *++at;
			} else {
				while (letter >= '0' && letter <= '9')
					letter = *++at;
			}
			if (letter == 'l')
				at--;
			else
				done = 1;
			break;
		default:
			done = 1;
		}
	} while (!done && (letter = *++at) != 0);
	classify(c, letter, longs);
	return letter ? at + 1 : at;
}

/* Reads the value a conversion takes from the arguments. */
static void take_value(struct dlcall_sqlite3_conversion *c,
		       struct arguments *arguments)
{
	switch (c->kind) {
	case DLCALL_SQLITE3_INT:
		c->integer = va_arg(arguments->list, int);
		break;
	case DLCALL_SQLITE3_LONG:
		c->integer = va_arg(arguments->list, long);
		break;
	case DLCALL_SQLITE3_INT64:
		c->integer = va_arg(arguments->list, sqlite3_int64);
		break;
	case DLCALL_SQLITE3_DOUBLE:
		c->real = va_arg(arguments->list, double);
		break;
	case DLCALL_SQLITE3_POINTER:
		c->pointer = va_arg(arguments->list, const void *);
		break;
	}
}

/*
 * sqlite3_str_vappendf() into `text`, sqlite3_vsnprintf() into `buffer`
 * of `size` bytes, or sqlite3_vmprintf() when both are NULL: the guest
 * reads every conversion's arguments, the host makes the call.
 */
static char *format_text(sqlite3_str *text, char *buffer, int size,
			 const char *format, struct arguments *arguments)
{
	struct dlcall_sqlite3_conversion on_stack[32], *conversions = on_stack;
	size_t capacity = 0, count = 0;
	const char *at = format;
	char *result;

	for (const char *p = format; (p = strchr(p, '%')); p++)
		capacity++;
	if (capacity > sizeof(on_stack) / sizeof(*on_stack)) {
		conversions = malloc(capacity * sizeof(*conversions));
		if (!conversions)
			return NULL;
	}
	while ((at = strchr(at, '%'))) {
		struct dlcall_sqlite3_conversion *c = &conversions[count++];

		assert(count <= capacity);
		at = scan_conversion(at, arguments, c);
		take_value(c, arguments);
		if (c->stops)
			break;
	}
	if (buffer) {
		dlcall_sqlite3_format_into(buffer, size, format, conversions,
					   (int)count);
		result = buffer;
	} else {
		result = dlcall_sqlite3_format(text, format, conversions,
					       (int)count);
	}
	if (conversions != on_stack)
		free(conversions);
	return result;
}

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT void sqlite3_str_vappendf(sqlite3_str *text, const char *format,
				 va_list list)
{
	static void *cache;
	struct arguments arguments;

	if (OWN(sqlite3_str_vappendf, cache)) {
		OWN(sqlite3_str_vappendf, cache)(text, format, list);
		return;
	}
	if (!text || !format)
		return;
	va_copy(arguments.list, list);
	format_text(text, NULL, 0, format, &arguments);
	va_end(arguments.list);
}

EXPORT void sqlite3_str_appendf(sqlite3_str *text, const char *format, ...)
{
	va_list list;

	va_start(list, format);
	sqlite3_str_vappendf(text, format, list);
	va_end(list);
}

EXPORT char *sqlite3_vmprintf(const char *format, va_list list)
{
	static void *cache;
	struct arguments arguments;
	char *result;

	if (OWN(sqlite3_vmprintf, cache))
		return OWN(sqlite3_vmprintf, cache)(format, list);
	if (!format)
		return NULL;
	va_copy(arguments.list, list);
	result = format_text(NULL, NULL, 0, format, &arguments);
	va_end(arguments.list);
	return result;
}

EXPORT char *sqlite3_mprintf(const char *format, ...)
{
	va_list list;
	char *result;

	va_start(list, format);
	result = sqlite3_vmprintf(format, list);
	va_end(list);
	return result;
}

/* Into buffer, truncated to size - 1 bytes as SQLite truncates. */
EXPORT char *sqlite3_vsnprintf(int size, char *buffer, const char *format,
			       va_list list)
{
	static void *cache;
	struct arguments arguments;

	if (OWN(sqlite3_vsnprintf, cache))
		return OWN(sqlite3_vsnprintf, cache)(size, buffer, format,
						     list);
	if (size <= 0 || !buffer || !format)
		return buffer;
	va_copy(arguments.list, list);
	if (!format_text(NULL, buffer, size, format, &arguments))
		buffer[0] = '\0'; /* out of memory: what SQLite leaves */
	va_end(arguments.list);
	return buffer;
}

EXPORT char *sqlite3_snprintf(int size, char *buffer, const char *format, ...)
{
	va_list list;

	va_start(list, format);
	sqlite3_vsnprintf(size, buffer, format, list);
	va_end(list);
	return buffer;
}

EXPORT void sqlite3_log(int code, const char *format, ...)
{
	static void *cache;
	va_list list;
	char *message;

	va_start(list, format);
	message = sqlite3_vmprintf(format, list);
	va_end(list);
	if (OWN(sqlite3_log, cache))
		OWN(sqlite3_log, cache)(code, "%s", message ? message : "");
	else
		dlcall_sqlite3_log_message(code, message ? message : "");
	sqlite3_free(message);
}

/* sqlite3_config() of the host, or of the guest's own library (`own`),
 * with the arguments `option` takes. */
static int config(int (*own)(int, ...), int option, va_list list)
{
	int first, second;
	void *pointer;
	sqlite3_int64 wide, wider;
	void (*log)(void *, int, const char *);

	switch (option) {
	case SQLITE_CONFIG_MEMSTATUS: case SQLITE_CONFIG_URI:
	case SQLITE_CONFIG_COVERING_INDEX_SCAN:
	case SQLITE_CONFIG_WIN32_HEAPSIZE: case SQLITE_CONFIG_PMASZ:
	case SQLITE_CONFIG_STMTJRNL_SPILL: case SQLITE_CONFIG_SMALL_MALLOC:
	case SQLITE_CONFIG_SORTERREF_SIZE:
		first = va_arg(list, int);
		return own ? own(option, first)
			   : dlcall_sqlite3_config_ints(option, 1, first, 0);
	case SQLITE_CONFIG_LOOKASIDE:
		first = va_arg(list, int);
		second = va_arg(list, int);
		return own ? own(option, first, second)
			   : dlcall_sqlite3_config_ints(option, 2, first,
							second);
	case SQLITE_CONFIG_PAGECACHE: case SQLITE_CONFIG_HEAP:
		pointer = va_arg(list, void *);
		first = va_arg(list, int);
		second = va_arg(list, int);
		return own ? own(option, pointer, first, second)
			   : dlcall_sqlite3_config_buffer(option, pointer,
							  first, second);
	case SQLITE_CONFIG_PCACHE_HDRSZ:
		pointer = va_arg(list, void *);
		return own ? own(option, pointer)
			   : dlcall_sqlite3_config_pointer(option, pointer);
	case SQLITE_CONFIG_MMAP_SIZE:
		wide = va_arg(list, sqlite3_int64);
		wider = va_arg(list, sqlite3_int64);
		return own ? own(option, wide, wider)
			   : dlcall_sqlite3_config_int64s(option, 2, wide,
							  wider);
	case SQLITE_CONFIG_MEMDB_MAXSIZE:
		wide = va_arg(list, sqlite3_int64);
		return own ? own(option, wide)
			   : dlcall_sqlite3_config_int64s(option, 1, wide, 0);
	case SQLITE_CONFIG_LOG:
		log = va_arg(list, void (*)(void *, int, const char *));
		pointer = va_arg(list, void *);
		return own ? own(option, log, pointer)
			   : dlcall_sqlite3_config_log(log, pointer);
	case SQLITE_CONFIG_MALLOC: case SQLITE_CONFIG_GETMALLOC:
		pointer = va_arg(list, void *);
		return own ? own(option, pointer)
			   : dlcall_sqlite3_config_memory(option, pointer);
	case SQLITE_CONFIG_MUTEX: case SQLITE_CONFIG_GETMUTEX:
		pointer = va_arg(list, void *);
		return own ? own(option, pointer)
			   : dlcall_sqlite3_config_mutex(option, pointer);
	case SQLITE_CONFIG_PCACHE2: case SQLITE_CONFIG_GETPCACHE2:
		pointer = va_arg(list, void *);
		return own ? own(option, pointer)
			   : dlcall_sqlite3_config_page_cache(option, pointer);
	}
	/* No arguments, or an option the library does not know, which it
	 * answers without reading any. */
	return own ? own(option) : dlcall_sqlite3_config_ints(option, 0, 0, 0);
}

EXPORT int sqlite3_config(int option, ...)
{
	static void *cache;
	va_list list;
	int status;

	va_start(list, option);
	status = config(OWN(sqlite3_config, cache), option, list);
	va_end(list);
	return status;
}

EXPORT int sqlite3_db_config(sqlite3 *db, int option, ...)
{
	static void *cache;
	int (*own)(sqlite3 *, int, ...) = OWN(sqlite3_db_config, cache);
	va_list list;
	int status, first, second, *result;
	void *pointer;

	va_start(list, option);
	if (option == SQLITE_DBCONFIG_MAINDBNAME) {
		pointer = va_arg(list, char *);
		status = own ? own(db, option, pointer)
			     : dlcall_sqlite3_db_config_name(db, option, pointer);
	} else if (option == SQLITE_DBCONFIG_LOOKASIDE) {
		pointer = va_arg(list, void *);
		first = va_arg(list, int);
		second = va_arg(list, int);
		status = own ? own(db, option, pointer, first, second)
			     : dlcall_sqlite3_db_config_lookaside(
				   db, option, pointer, first, second);
	} else {
		/* Every other option is an on/off flag (the library answers
		 * one it does not know without reading). */
		first = va_arg(list, int);
		result = va_arg(list, int *);
		status = own ? own(db, option, first, result)
			     : dlcall_sqlite3_db_config_flag(db, option, first,
							     result);
	}
	va_end(list);
	return status;
}

EXPORT int sqlite3_vtab_config(sqlite3 *db, int option, ...)
{
	static void *cache;
	int (*own)(sqlite3 *, int, ...) = OWN(sqlite3_vtab_config, cache);
	va_list list;
	int status, value;

	va_start(list, option);
	if (option == SQLITE_VTAB_CONSTRAINT_SUPPORT) {
		value = va_arg(list, int);
		status = own ? own(db, option, value)
			     : dlcall_sqlite3_vtab_config_ints(db, option, 1,
							       value);
	} else {
		status = own ? own(db, option)
			     : dlcall_sqlite3_vtab_config_ints(db, option, 0, 0);
	}
	va_end(list);
	return status;
}

/*
 * What each sqlite3_test_control() option reads after it in SQLite 3.40
 * (src/main.c): i an int, p a pointer, d a double. A leading '!' marks
 * an option that passes through only with NULL pointers: it hands the
 * library a function of the program's (FAULT_INSTALL,
 * BENIGN_MALLOC_HOOKS, VDBE_COVERAGE; LOCALTIME_FAULT with 2) or a
 * FILE * (PARSER_COVERAGE). The library answers an option it does not
 * know without reading any; later versions read arguments for options
 * 3.40 does not know, hence the check.
 */
#if SQLITE_VERSION_NUMBER < 3040000 || SQLITE_VERSION_NUMBER >= 3041000
#error "the shapes of sqlite3_test_control() below are SQLite 3.40's"
#endif
static const char *test_control_shape(int op)
{
	switch (op) {
	case SQLITE_TESTCTRL_PENDING_BYTE:
	case SQLITE_TESTCTRL_ASSERT:
	case SQLITE_TESTCTRL_ALWAYS:
	case SQLITE_TESTCTRL_NEVER_CORRUPT:
	case SQLITE_TESTCTRL_EXTRA_SCHEMA_CHECKS:
	case SQLITE_TESTCTRL_ONCE_RESET_THRESHOLD:
	case SQLITE_TESTCTRL_LOCALTIME_FAULT:
		return "i";
	case SQLITE_TESTCTRL_PRNG_SEED:
	case SQLITE_TESTCTRL_BITVEC_TEST:
	case SQLITE_TESTCTRL_TRACEFLAGS:
	case SQLITE_TESTCTRL_TUNE:
		return "ip";
	case SQLITE_TESTCTRL_INTERNAL_FUNCTIONS:
	case SQLITE_TESTCTRL_RESULT_INTREAL:
		return "p";
	case SQLITE_TESTCTRL_OPTIMIZATIONS:
	case SQLITE_TESTCTRL_SORTER_MMAP:
		return "pi";
	case SQLITE_TESTCTRL_SEEK_COUNT:
		return "pp";
	case SQLITE_TESTCTRL_IMPOSTER:
		return "ppii";
	case SQLITE_TESTCTRL_LOGEST:
		return "dppp";
	case SQLITE_TESTCTRL_FAULT_INSTALL:
	case SQLITE_TESTCTRL_PARSER_COVERAGE:
		return "!p";
	case SQLITE_TESTCTRL_BENIGN_MALLOC_HOOKS:
	case SQLITE_TESTCTRL_VDBE_COVERAGE:
		return "!pp";
	}
	return "";
}

/* Reads the arguments of `shape` into `values`; returns how many. */
static int read_test_control(const char *shape, struct arguments *arguments,
			     struct dlcall_sqlite3_conversion *values)
{
	int count = 0;

	for (; *shape; shape++, count++) {
		struct dlcall_sqlite3_conversion *v = &values[count];

		memset(v, 0, sizeof(*v));
		if (*shape == 'i') {
			v->kind = DLCALL_SQLITE3_INT;
			v->integer = va_arg(arguments->list, int);
		} else if (*shape == 'd') {
			v->kind = DLCALL_SQLITE3_DOUBLE;
			v->real = va_arg(arguments->list, double);
		} else {
			v->kind = DLCALL_SQLITE3_POINTER;
			v->pointer = va_arg(arguments->list, const void *);
		}
	}
	return count;
}

/* Whether every pointer among the arguments read is NULL. */
static int all_null(const struct dlcall_sqlite3_conversion *values, int count)
{
	for (int i = 0; i < count; i++)
		if (values[i].kind == DLCALL_SQLITE3_POINTER &&
		    values[i].pointer)
			return 0;
	return 1;
}

/* The guest's own sqlite3_test_control() with the arguments read. */
static int own_test_control(int (*own)(int, ...), int op, const char *shape,
			    const struct dlcall_sqlite3_conversion *a)
{
	if (!strcmp(shape, "i"))
		return own(op, (int)a[0].integer);
	if (!strcmp(shape, "ip"))
		return own(op, (int)a[0].integer, a[1].pointer);
	if (!strcmp(shape, "p"))
		return own(op, a[0].pointer);
	if (!strcmp(shape, "pi"))
		return own(op, a[0].pointer, (int)a[1].integer);
	if (!strcmp(shape, "pp"))
		return own(op, a[0].pointer, a[1].pointer);
	if (!strcmp(shape, "ppii"))
		return own(op, a[0].pointer, a[1].pointer, (int)a[2].integer,
			   (int)a[3].integer);
	if (!strcmp(shape, "dppp"))
		return own(op, a[0].real, a[1].pointer, a[2].pointer,
			   a[3].pointer);
	assert(!*shape);
	return own(op);
}

EXPORT int sqlite3_test_control(int op, ...)
{
	static void *cache;
	int (*own)(int, ...) = OWN(sqlite3_test_control, cache);
	const char *shape = test_control_shape(op);
	struct dlcall_sqlite3_conversion values[4];
	struct arguments arguments;
	int count;

	va_start(arguments.list, op);
	count =
	    read_test_control(shape + (shape[0] == '!'), &arguments, values);
	if (op == SQLITE_TESTCTRL_LOCALTIME_FAULT && values[0].integer == 2) {
		/* 2: and the program's localtime() stand-in */
		count += read_test_control("p", &arguments, values + 1);
		shape = "!ip";
	}
	va_end(arguments.list);
	if (own)
		return own_test_control(own, op, shape + (shape[0] == '!'),
					values);
	if (shape[0] == '!' && !all_null(values, count))
		dlcall_guest_unsupported(
		    THUNK_SONAME, "sqlite3_test_control",
		    "this option hands the library a function of the "
		    "program's or a FILE *, which does not pass through "
		    "(NULL does)");
	return dlcall_sqlite3_test_control(op, values, count);
}
