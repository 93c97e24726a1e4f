// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, its configuration options and its own VFS
 * objects as a program uses them: every line printed must be the same
 * natively and passed through (tests/peer.sh compares them).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static void show(const char *label, char *text)
{
	printf("%s: [%s]\n", label, text ? text : "(null)");
	sqlite3_free(text);
}

static int logged;

static void log_message(void *context, int code, const char *message)
{
	logged++;
	printf("log %s %d: %s\n", (const char *)context, code, message);
}

static void formats(void)
{
	char long_format[320], buffer[16];
	sqlite3_str *text;
	int count = -1;

	show("ints", sqlite3_mprintf("%d %i %5d %-5d| %05d %+d %x %X %o %u %c",
				     42, -7, 3, 4, 5, 6, 255, 255, 8,
				     4000000000u, 'A'));
	show("longs", sqlite3_mprintf("%ld %lld %llu %lx", -1L,
				      (sqlite3_int64)1 << 40,
				      (sqlite3_uint64)-1, 0xdeadbeefL));
	show("floats", sqlite3_mprintf("%f %.3f %e %E %g %G %10.2f|", 3.14159,
				       2.5, 12345.678, 0.000123, 1e100, 1e-5,
				       -1.5));
	show("stars", sqlite3_mprintf("[%*d] [%-*d] [%.*s] [%*.*f]", 6, 42, 6,
				      42, 3, "abcdef", 8, 2, 3.14159));
	show("strings", sqlite3_mprintf("%s %q %Q %Q %w %.3q", "it's", "it's",
					"it's", (char *)0, "a\"b", "a'b'c"));
	show("dynamic", sqlite3_mprintf("%z!", sqlite3_mprintf("made by %s",
							       "mprintf")));
	show("percent", sqlite3_mprintf("100%% done%n", &count));
	printf("count: %d\n", count);
	show("empty", sqlite3_mprintf("%s", ""));
	show("thousands", sqlite3_mprintf("%,d", 1234567));
	show("repeat", sqlite3_mprintf("%.*c", 300, 'x'));
	show("invalid stops", sqlite3_mprintf("before %y after %d", 5));
	show("lone percent", sqlite3_mprintf("end %"));
	memset(long_format, 'y', 300);
	strcpy(long_format + 300, "%d");
	show("long piece", sqlite3_mprintf(long_format, 9));
	printf("snprintf: [%s]\n",
	       sqlite3_snprintf(sizeof(buffer), buffer, "%s-%d",
				"truncated text", 12345));
	text = sqlite3_str_new(NULL);
	sqlite3_str_appendf(text, "%d+%d=", 2, 2);
	sqlite3_str_appendf(text, "%q", "four's");
	show("str", sqlite3_str_finish(text));
	sqlite3_log(SQLITE_WARNING, "a warning %d %q", 7, "x'y");
	printf("logged: %d\n", logged);
}

static int print_row(void *context, int columns, char **values, char **names)
{
	(void)context;
	for (int i = 0; i < columns; i++)
		printf("%s=%s%s", names[i], values[i] ? values[i] : "NULL",
		       i + 1 < columns ? " " : "\n");
	return 0;
}

static void database(void)
{
	sqlite3 *db;
	int on = -1;

	sqlite3_open(":memory:", &db);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &on);
	printf("foreign keys: %d\n", on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &on);
	printf("foreign keys still: %d\n", on);
	sqlite3_exec(db,
		     "PRAGMA foreign_keys; SELECT printf('%5.2f|%q', 3.14159, "
		     "'o''k') AS formatted, sqlite_version() AS version;",
		     print_row, NULL, NULL);
	sqlite3_exec(db, "SELECT * FROM no_such_table", print_row, NULL, NULL);
	printf("error: %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* A virtual table of the program's: the numbers 1 to 10, the library
 * calling the module's functions in later statements. */
struct numbers_cursor {
	sqlite3_vtab_cursor base;
	int value;
};

static int numbers_connect(sqlite3 *db, void *aux, int argc,
			   const char *const *argv, sqlite3_vtab **table,
			   char **error)
{
	(void)aux, (void)argc, (void)argv, (void)error;
	*table = sqlite3_malloc(sizeof(**table));
	if (!*table)
		return SQLITE_NOMEM;
	memset(*table, 0, sizeof(**table));
	return sqlite3_declare_vtab(db, "CREATE TABLE x(value INTEGER)");
}

static int numbers_disconnect(sqlite3_vtab *table)
{
	sqlite3_free(table);
	return SQLITE_OK;
}

static int numbers_best_index(sqlite3_vtab *table, sqlite3_index_info *info)
{
	(void)table;
	info->estimatedCost = 10;
	return SQLITE_OK;
}

static int numbers_open(sqlite3_vtab *table, sqlite3_vtab_cursor **cursor)
{
	struct numbers_cursor *c = sqlite3_malloc(sizeof(*c));

	(void)table;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*cursor = &c->base;
	return SQLITE_OK;
}

static int numbers_close(sqlite3_vtab_cursor *cursor)
{
	sqlite3_free(cursor);
	return SQLITE_OK;
}

static int numbers_filter(sqlite3_vtab_cursor *cursor, int index,
			  const char *name, int argc, sqlite3_value **argv)
{
	(void)index, (void)name, (void)argc, (void)argv;
	((struct numbers_cursor *)cursor)->value = 1;
	return SQLITE_OK;
}

static int numbers_next(sqlite3_vtab_cursor *cursor)
{
	((struct numbers_cursor *)cursor)->value++;
	return SQLITE_OK;
}

static int numbers_eof(sqlite3_vtab_cursor *cursor)
{
	return ((struct numbers_cursor *)cursor)->value > 10;
}

static int numbers_column(sqlite3_vtab_cursor *cursor,
			  sqlite3_context *context, int column)
{
	(void)column;
	sqlite3_result_int(context, ((struct numbers_cursor *)cursor)->value);
	return SQLITE_OK;
}

static int numbers_rowid(sqlite3_vtab_cursor *cursor, sqlite3_int64 *rowid)
{
	*rowid = ((struct numbers_cursor *)cursor)->value;
	return SQLITE_OK;
}

static const sqlite3_module numbers_module = {
    .xCreate = numbers_connect,
    .xConnect = numbers_connect,
    .xBestIndex = numbers_best_index,
    .xDisconnect = numbers_disconnect,
    .xDestroy = numbers_disconnect,
    .xOpen = numbers_open,
    .xClose = numbers_close,
    .xFilter = numbers_filter,
    .xNext = numbers_next,
    .xEof = numbers_eof,
    .xColumn = numbers_column,
    .xRowid = numbers_rowid,
};

static void virtual_table(void)
{
	sqlite3 *db;

	sqlite3_open(":memory:", &db);
	printf("create_module: %d\n",
	       sqlite3_create_module(db, "numbers", &numbers_module, NULL));
	sqlite3_exec(db,
		     "CREATE VIRTUAL TABLE n USING numbers;"
		     "SELECT count(*) AS rows, sum(value) AS total FROM n;"
		     "SELECT value FROM n WHERE value % 4 = 0;",
		     print_row, NULL, NULL);
	sqlite3_close(db);
}

/* The library's VFS objects, read and called by the program. */
static void vfs_objects(void)
{
	sqlite3_vfs *first = sqlite3_vfs_find(NULL);
	sqlite3_int64 now = 0;

	printf("default vfs: %s, version >= 2: %d\n", first->zName,
	       first->iVersion >= 2);
	first->xCurrentTimeInt64(first, &now);
	/* 1970-01-01 as a Julian day in milliseconds. */
	printf("clock after 1970: %d\n", now > 210866760000000LL);
	printf("same object: %d\n", sqlite3_vfs_find(first->zName) == first);
	for (sqlite3_vfs *vfs = first; vfs; vfs = vfs->pNext)
		printf("vfs: %s\n", vfs->zName);
	sqlite3_vfs_register(sqlite3_vfs_find("unix-none"), 1);
	printf("default now: %s\n", sqlite3_vfs_find(NULL)->zName);
	sqlite3_vfs_register(first, 1);
	printf("default again: %s\n", sqlite3_vfs_find(NULL)->zName);
}

int main(void)
{
	sqlite3_config(SQLITE_CONFIG_LOG, log_message, "context");
	sqlite3_config(SQLITE_CONFIG_URI, 1);
	formats();
	database();
	virtual_table();
	vfs_objects();
	return 0;
}
