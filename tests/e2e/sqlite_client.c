// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's variadic functions, its configuration and testing options, its
 * own VFS objects and a VFS of the program's as a program uses them:
 * every line printed must be the same natively and passed through
 * (tests/peer.sh compares them).
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
	char long_format[320], buffer[16], hundred[100];
	sqlite3_str *text;
	int count = -1, count2 = -1;

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
	/* Truncated: %n after it still counts, a quoted string that needs
	 * SQLite's temporary buffer is cut, not dropped. */
	sqlite3_snprintf(sizeof(buffer), buffer, "%s%n|%z|%c%n.", "abcdefgh",
			 &count, sqlite3_mprintf("made"), 'x', &count2);
	printf("snprintf %%n: [%s] %d %d\n", buffer, count, count2);
	memset(long_format, 'a', 50);
	long_format[50] = '\0';
	sqlite3_snprintf(sizeof(hundred), hundred, "%s %q!", long_format,
			 "it's a string of eighty characters, with 'quotes' "
			 "in it, escaped by %q's rule");
	printf("snprintf long %%q: [%s]\n", hundred);
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

/*
 * A VFS of the program's over the default one, shaped as the sqlite3
 * shell's appendvfs: a database file holds the default VFS's file after
 * its own part, other files are the default VFS's alone.
 */
struct counted_file {
	sqlite3_file file;
	/* the default VFS's file follows */
};

static sqlite3_vfs *lower;
static int opens, reads, writes;

static sqlite3_file *lower_file(sqlite3_file *file)
{
	return (sqlite3_file *)((struct counted_file *)file + 1);
}

static int counted_close(sqlite3_file *file)
{
	return lower_file(file)->pMethods->xClose(lower_file(file));
}

static int counted_read(sqlite3_file *file, void *buffer, int amount,
			sqlite3_int64 offset)
{
	sqlite3_file *below = lower_file(file);

	reads++;
	return below->pMethods->xRead(below, buffer, amount, offset);
}

static int counted_write(sqlite3_file *file, const void *buffer, int amount,
			 sqlite3_int64 offset)
{
	sqlite3_file *below = lower_file(file);

	writes++;
	return below->pMethods->xWrite(below, buffer, amount, offset);
}

static int counted_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	return lower_file(file)->pMethods->xTruncate(lower_file(file), size);
}

static int counted_sync(sqlite3_file *file, int flags)
{
	return lower_file(file)->pMethods->xSync(lower_file(file), flags);
}

static int counted_size(sqlite3_file *file, sqlite3_int64 *size)
{
	return lower_file(file)->pMethods->xFileSize(lower_file(file), size);
}

static int counted_lock(sqlite3_file *file, int level)
{
	return lower_file(file)->pMethods->xLock(lower_file(file), level);
}

static int counted_unlock(sqlite3_file *file, int level)
{
	return lower_file(file)->pMethods->xUnlock(lower_file(file), level);
}

static int counted_reserved(sqlite3_file *file, int *result)
{
	sqlite3_file *below = lower_file(file);

	return below->pMethods->xCheckReservedLock(below, result);
}

static int counted_control(sqlite3_file *file, int operation, void *argument)
{
	sqlite3_file *below = lower_file(file);

	return below->pMethods->xFileControl(below, operation, argument);
}

static int counted_sector(sqlite3_file *file)
{
	return lower_file(file)->pMethods->xSectorSize(lower_file(file));
}

static int counted_characteristics(sqlite3_file *file)
{
	sqlite3_file *below = lower_file(file);

	return below->pMethods->xDeviceCharacteristics(below);
}

static const sqlite3_io_methods counted_methods = {
    .iVersion = 1,
    .xClose = counted_close,
    .xRead = counted_read,
    .xWrite = counted_write,
    .xTruncate = counted_truncate,
    .xSync = counted_sync,
    .xFileSize = counted_size,
    .xLock = counted_lock,
    .xUnlock = counted_unlock,
    .xCheckReservedLock = counted_reserved,
    .xFileControl = counted_control,
    .xSectorSize = counted_sector,
    .xDeviceCharacteristics = counted_characteristics,
};

static int counted_open(sqlite3_vfs *vfs, sqlite3_filename name,
			sqlite3_file *file, int flags, int *out_flags)
{
	int status;

	(void)vfs;
	opens++;
	if (!(flags & SQLITE_OPEN_MAIN_DB))
		return lower->xOpen(lower, name, file, flags, out_flags);
	memset(file, 0, sizeof(struct counted_file));
	status = lower->xOpen(lower, name, lower_file(file), flags, out_flags);
	file->pMethods = status == SQLITE_OK ? &counted_methods : NULL;
	return status;
}

static int counted_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return lower->xDelete(lower, name, sync);
}

static int counted_access(sqlite3_vfs *vfs, const char *name, int flags,
			  int *result)
{
	(void)vfs;
	return lower->xAccess(lower, name, flags, result);
}

static int counted_full_pathname(sqlite3_vfs *vfs, const char *name, int size,
				 char *out)
{
	(void)vfs;
	return lower->xFullPathname(lower, name, size, out);
}

static int counted_randomness(sqlite3_vfs *vfs, int size, char *out)
{
	(void)vfs;
	return lower->xRandomness(lower, size, out);
}

static int counted_sleep(sqlite3_vfs *vfs, int microseconds)
{
	(void)vfs;
	return lower->xSleep(lower, microseconds);
}

static int counted_time(sqlite3_vfs *vfs, double *now)
{
	(void)vfs;
	return lower->xCurrentTime(lower, now);
}

static int counted_last_error(sqlite3_vfs *vfs, int size, char *out)
{
	(void)vfs;
	return lower->xGetLastError(lower, size, out);
}

/* Its result from a buffer on the stack, which SQLITE_TRANSIENT has the
 * library copy (a marker, never a function to call). */
static void twice(sqlite3_context *context, int count, sqlite3_value **values)
{
	char buffer[64];
	const char *text = (const char *)sqlite3_value_text(values[0]);

	(void)count;
	snprintf(buffer, sizeof(buffer), "%s%s", text, text);
	sqlite3_result_text(context, buffer, -1, SQLITE_TRANSIENT);
}

static void program_vfs(void)
{
	static sqlite3_vfs counted = {
	    .iVersion = 1,
	    .zName = "counted",
	    .xOpen = counted_open,
	    .xDelete = counted_delete,
	    .xAccess = counted_access,
	    .xFullPathname = counted_full_pathname,
	    .xRandomness = counted_randomness,
	    .xSleep = counted_sleep,
	    .xCurrentTime = counted_time,
	    .xGetLastError = counted_last_error,
	};
	sqlite3_vfs *used = NULL;
	int unregistered;
	sqlite3 *db;

	lower = sqlite3_vfs_find(NULL);
	counted.szOsFile = (int)sizeof(struct counted_file) + lower->szOsFile;
	counted.mxPathname = lower->mxPathname;
	printf("register: %d\n", sqlite3_vfs_register(&counted, 0));
	remove("counted.db");
	printf("open: %d\n",
	       sqlite3_open_v2("counted.db", &db,
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			       "counted"));
	sqlite3_create_function(db, "twice", 1, SQLITE_UTF8, NULL, twice, NULL,
				NULL);
	sqlite3_exec(db,
		     "create table t(a, b);"
		     "begin;"
		     "with recursive n(i) as (select 1 union all select i + 1 "
		     "from n where i < 500) insert into t select i, "
		     "twice(printf('%04d', i)) from n;"
		     "commit;"
		     "select count(*), sum(a), max(b) from t;",
		     print_row, NULL, NULL);
	sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &used);
	printf("the file's vfs: %s, the one found: %d\n", used->zName,
	       used == sqlite3_vfs_find("counted"));
	sqlite3_close(db);
	printf("opens %d, reads %d, writes %d\n", opens, reads, writes);
	unregistered = sqlite3_vfs_unregister(&counted);
	printf("unregister: %d, still found: %d\n", unregistered,
	       sqlite3_vfs_find("counted") != NULL);
	remove("counted.db");
}

/* The error of `sql` in `db`, or "no error". */
static void show_error(sqlite3 *db, const char *label, const char *sql)
{
	char *error = NULL;

	sqlite3_exec(db, sql, NULL, NULL, &error);
	printf("%s: %s\n", label, error ? error : "no error");
	sqlite3_free(error);
}

/* sqlite3_test_control() options of each shape of arguments SQLite's own
 * test programs use (fuzzcheck seeds the PRNG per database). */
static void test_controls(void)
{
	sqlite3 *db;
	sqlite3_stmt *statement;
	int estimate = 0, back = 0;
	sqlite3_uint64 whole = 0;

	printf("initialized: %d\n",
	       sqlite3_test_control(SQLITE_TESTCTRL_ISINIT) == SQLITE_OK);
	sqlite3_test_control(SQLITE_TESTCTRL_LOGEST, 1234.5, &estimate, &whole,
			     &back);
	printf("logest of 1234.5: %d, back %llu, again %d\n", estimate,
	       (unsigned long long)whole, back);
	sqlite3_open(":memory:", &db);
	for (int round = 0; round < 2; round++) {
		sqlite3_test_control(SQLITE_TESTCTRL_PRNG_SEED, 42, db);
		sqlite3_prepare_v2(db, "SELECT random()", -1, &statement, NULL);
		sqlite3_step(statement);
		printf("random() after seed 42, round %d: %lld\n", round,
		       sqlite3_column_int64(statement, 0));
		sqlite3_finalize(statement);
	}
	show_error(db, "an internal function", "SELECT expr_compare(1, 1)");
	printf("internal functions: %d\n",
	       sqlite3_test_control(SQLITE_TESTCTRL_INTERNAL_FUNCTIONS, db));
	show_error(db, "the internal function", "SELECT expr_compare(1, 1)");
	printf("sorter mmap: %d\n",
	       sqlite3_test_control(SQLITE_TESTCTRL_SORTER_MMAP, db, 0));
	sqlite3_close(db);
}

static sqlite3_mem_methods library_memory;
static int counted_allocations;

static void *counting_malloc(int size)
{
	counted_allocations++;
	return library_memory.xMalloc(size);
}

static void answer(sqlite3_context *context, int count, sqlite3_value **values)
{
	(void)count;
	(void)values;
	sqlite3_result_int(context, 42);
}

/* An extension linked in: registered, it runs on every new connection. */
static int answer_extension(sqlite3 *db, char **error, const void *routines)
{
	(void)error;
	(void)routines;
	return sqlite3_create_function(db, "answer", 0, SQLITE_UTF8, NULL,
				       answer, NULL, NULL);
}

/* One that fails, with a message the library reports at the open. */
static int failing_extension(sqlite3 *db, char **error, const void *routines)
{
	(void)db;
	(void)routines;
	*error = sqlite3_mprintf("refused by %s", "the program");
	return SQLITE_ERROR;
}

static void show_answer(const char *label)
{
	sqlite3 *db;
	char *error = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		error = sqlite3_mprintf("open: %s", sqlite3_errmsg(db));
	else
		sqlite3_exec(db, "SELECT answer()", NULL, NULL, &error);
	printf("%s: %s\n", label, error ? error : "answered");
	sqlite3_free(error);
	sqlite3_close(db);
}

/* The program's allocator over the library's (SQLite's test programs
 * count and fail allocations this way), and automatic extensions. */
static void wrapped_allocator(void)
{
	sqlite3_mem_methods counting;
	void (*entry)(void) = (void (*)(void))(void *)answer_extension;
	void (*failing)(void) = (void (*)(void))(void *)failing_extension;

	sqlite3_shutdown();
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &library_memory);
	counting = library_memory;
	counting.xMalloc = counting_malloc;
	printf("allocator set: %d\n",
	       sqlite3_config(SQLITE_CONFIG_MALLOC, &counting));
	show_answer("before the extension");
	printf("allocations counted: %s\n", counted_allocations ? "yes" : "no");
	printf("auto extension: %d\n", sqlite3_auto_extension(entry));
	show_answer("with the extension");
	printf("cancel: %d\n", sqlite3_cancel_auto_extension(entry));
	printf("cancel again: %d\n", sqlite3_cancel_auto_extension(entry));
	show_answer("cancelled");
	sqlite3_auto_extension(failing);
	show_answer("with a failing extension");
	sqlite3_cancel_auto_extension(failing);
	sqlite3_auto_extension(entry);
	sqlite3_reset_auto_extension();
	show_answer("after a reset");
	sqlite3_auto_extension(failing);
	sqlite3_shutdown(); /* drops automatic extensions too */
	printf("cancel after a shutdown: %d\n",
	       sqlite3_cancel_auto_extension(failing));
	sqlite3_auto_extension(failing);
	sqlite3_shutdown();
	sqlite3_auto_extension(entry);
	show_answer("only the one registered after a shutdown");
	sqlite3_reset_auto_extension();
	sqlite3_shutdown();
	printf("allocator back: %d\n",
	       sqlite3_config(SQLITE_CONFIG_MALLOC, &library_memory));
}

int main(void)
{
	sqlite3_config(SQLITE_CONFIG_LOG, log_message, "context");
	sqlite3_config(SQLITE_CONFIG_URI, 1);
	formats();
	database();
	virtual_table();
	vfs_objects();
	program_vfs();
	test_controls();
	wrapped_allocator();
	return 0;
}
