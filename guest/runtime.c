// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest runtime: detects the dlcall plugin, loads the host runtime and the
 * host thunks, and runs pass-through calls with their callbacks (SPEC §4).
 */
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dlcall/report.h"
#include "dlcall/guest.h"
#include "dlcall/magic_syscall.h"
#include "stream.h"

#ifndef DLCALL_DEFAULT_HOST_DIR
#define DLCALL_DEFAULT_HOST_DIR "/usr/lib/dlcall/host"
#endif

#define HOST_RUNTIME_FILE "libdlcall-host.so"

static long syscall_number = DLCALL_DEFAULT_SYSCALL;
static void *host_call_entry;
static int verbose;
static int plugin_present;
/* Why the host runtime could not be loaded, or NULL. */
static char host_runtime_error[512];
static void *host_resume_entry;
static void *host_serve_entry; /* a callback server's call */
static void *host_expect_server;
static pthread_once_t runtime_once = PTHREAD_ONCE_INIT;

/*
 * The fast transport (abi.h): this thread's mailbox, at a fixed offset
 * from the thread pointer for the thunks' inline calls (initial-exec), and
 * whether the plugin has it: 0 not asked yet, 1 yes, -1 no.
 */
static __thread struct dlcall_mailbox mailbox
    __attribute__((tls_model("initial-exec")));
static __thread int mailbox_registered
    __attribute__((tls_model("initial-exec")));
static void *plugin_register_mailbox; /* NULL: no fast transport */

static long magic(long operation, const void *a2, const void *a3,
		  const void *a4)
{
	return magic_syscall(syscall_number, operation, (long)a2, (long)a3,
			     (long)a4);
}

/* dlopen() modes on the host; the same values on every LP64 glibc. */
enum {
	HOST_MODE_LOCAL = 0x002,	  /* RTLD_NOW */
	HOST_MODE_GLOBAL = 0x102,	  /* RTLD_NOW | RTLD_GLOBAL */
	HOST_MODE_ALREADY_LOADED = 0x006, /* RTLD_NOW | RTLD_NOLOAD */
};

static long thread_offset(const void *variable)
{
	return (long)((const char *)variable -
		      (const char *)__builtin_thread_pointer());
}

static void register_mailbox(void)
{
	int version = 0;

	if (plugin_register_mailbox)
		magic(DLCALL_INVOKE_PROC, plugin_register_mailbox, &mailbox,
		      &version);
	mailbox_registered = version == DLCALL_MAILBOX_VERSION ? 1 : -1;
	if (mailbox_registered < 0)
		mailbox.refused = DLCALL_REFUSED_ALL;
}

/*
 * Asks for the fast transport, which only our plugin offers, and
 * registers this thread's mailbox: before any thunk's marker runs, as QEMU
 * instruments only what it translates after that.
 */
static void find_fast_transport(void)
{
	const char *plugin_file = NULL;
	const char *wanted = getenv(DLCALL_ENV_FAST);
	void *plugin = NULL;

	if (wanted && strcmp(wanted, "off") == 0)
		return;
	magic(DLCALL_GET_HOST_ATTRIBUTE, DLCALL_PLUGIN_ATTRIBUTE, &plugin_file,
	      NULL);
	if (plugin_file)
		magic(DLCALL_LOAD_LIBRARY, plugin_file,
		      (void *)(long)HOST_MODE_ALREADY_LOADED, &plugin);
	if (plugin)
		magic(DLCALL_GET_PROC_ADDRESS, plugin,
		      DLCALL_PLUGIN_MAILBOX_ENTRY, &plugin_register_mailbox);
	register_mailbox();
	if (verbose)
		report("fast transport %s",
		       mailbox_registered > 0 ? "on" : "off");
}

/*
 * INVOKE_PROC(entry, frame) by the fast transport, else by syscall: a
 * call the inline path did not send, or a resume after a callback.
 */
static void invoke_frame(void *entry, struct dlcall_frame *frame,
			 unsigned long bounded)
{
	frame->state = DLCALL_STATE_UNSENT;
	if (mailbox_registered > 0 && mailbox.refused <= bounded) {
		mailbox.arg1 = frame;
		mailbox.arg2 = NULL;
		mailbox.bounded = bounded;
		mailbox.function = (void (*)(void *, void *))entry;
		dlcall_marker();
		if (frame->state != DLCALL_STATE_UNSENT)
			return;
	}
	mailbox.function = NULL;
	magic(DLCALL_INVOKE_PROC, entry, frame, NULL);
}

/* The host's dlerror(), or a fallback text. */
static const char *host_library_error(void)
{
	const char *message = NULL;

	magic(DLCALL_GET_LIBRARY_ERROR, &message, NULL, NULL);
	return message ? message : "unknown error";
}

/*
 * dlopen()s `file` on the host from the first directory of the host search
 * path that has it. The path is the guest's DLCALL_HOST_DIR (set by the
 * launcher), else the directory this runtime was built for.
 */
static void *load_host_file(const char *file, long mode)
{
	const char *path = getenv(DLCALL_ENV_HOST_DIR);
	char candidate[4096];
	void *handle = NULL;

	if (!path || !*path)
		path = DLCALL_DEFAULT_HOST_DIR;
	while (*path && !handle) {
		size_t length = strcspn(path, ":");

		snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)length,
			 path, file);
		magic(DLCALL_LOAD_LIBRARY, candidate, (void *)mode, &handle);
		path += length + (path[length] == ':');
	}
	return handle;
}

static void *host_symbol(void *handle, const char *name)
{
	void *address = NULL;

	magic(DLCALL_GET_PROC_ADDRESS, handle, name, &address);
	return address;
}

static int env_set(const char *name)
{
	return getenv(name) && *getenv(name) && strcmp(getenv(name), "0");
}

/* The host's call entry: the plain one, or one that counts calls by
 * library and function (--summary) and names each (--trace). */
static const char *call_entry_name(void)
{
	if (env_set(DLCALL_ENV_TRACE))
		return DLCALL_HOST_TRACED_ENTRY;
	if (env_set(DLCALL_ENV_SUMMARY))
		return DLCALL_HOST_COUNTED_ENTRY;
	return DLCALL_HOST_CALL_ENTRY;
}

static void *host_summary, *host_plain_entry;

/* The guest's side of host/visible_heap.c: maps *(size_t *)args[0]
 * bytes, which QEMU then counts as the guest's (SPEC §3). */
static void map_for_host(void *function, void **args, void *result)
{
	void *mapped = mmap(NULL, *(size_t *)args[0], PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			    0);

	(void)function;
	*(void **)result = mapped == MAP_FAILED ? NULL : mapped;
}

/* Runs a host runtime function that takes `args` outside any thunk. */
static void call_runtime(void *function, void *args)
{
	struct dlcall_guest_thunk runtime = {
	    .syscall_number = syscall_number,
	    .call_entry = host_plain_entry, /* not counted itself */
	    .errno_offset = thread_offset(&errno),
	    .mailbox_offset = thread_offset(&mailbox),
	};

	dlcall_guest_call(&runtime, (dlcall_host_function)function, args);
}

/* At exit (--summary): the host prints the calls it counted. */
static void print_summary(void)
{
	call_runtime(host_summary, NULL);
}

static void initialize_runtime(void)
{
	const char *text = getenv(DLCALL_ENV_SYSCALL);
	const char *answer = NULL;
	void *runtime, *set_mapper;

	verbose = getenv(DLCALL_ENV_VERBOSE) &&
		  strcmp(getenv(DLCALL_ENV_VERBOSE), "0") != 0;
	if (text && *text) {
		char *end;
		long number = strtol(text, &end, 10);

		if (*end || number < DLCALL_MIN_SYSCALL) {
			report("%s=%s is not a syscall number >= %d",
			       DLCALL_ENV_SYSCALL, text, DLCALL_MIN_SYSCALL);
			exit(127);
		}
		syscall_number = number;
	}
	/* Without the plugin, the kernel or QEMU answers -ENOSYS and
	 * `answer` stays NULL. */
	magic(DLCALL_GET_HOST_ATTRIBUTE, "emu", &answer, NULL);
	if (!answer)
		return;
	plugin_present = 1;
	runtime = load_host_file(HOST_RUNTIME_FILE, HOST_MODE_GLOBAL);
	if (!runtime) {
		snprintf(host_runtime_error, sizeof(host_runtime_error),
			 "cannot load the host runtime %s: %s",
			 HOST_RUNTIME_FILE, host_library_error());
		return;
	}
	host_call_entry = host_symbol(runtime, call_entry_name());
	host_resume_entry = host_symbol(runtime, DLCALL_HOST_RESUME_ENTRY);
	host_plain_entry = host_symbol(runtime, DLCALL_HOST_CALL_ENTRY);
	host_serve_entry = host_symbol(runtime, DLCALL_HOST_SERVE_ENTRY);
	host_expect_server = host_symbol(runtime, DLCALL_HOST_EXPECT_SERVER);
	if (env_set(DLCALL_ENV_SUMMARY)) {
		host_summary = host_symbol(runtime, DLCALL_HOST_SUMMARY);
		if (host_summary && host_plain_entry)
			atexit(print_summary);
	}
	set_mapper = host_symbol(runtime, DLCALL_HOST_SET_GUEST_MAPPER);
	if (set_mapper && host_plain_entry && host_resume_entry) {
		dlcall_guest_invoker mapper = map_for_host;

		/* Directly, not as a call: the first call's stack is then
		 * one this mapper maps (host/runtime.c). */
		magic(DLCALL_INVOKE_PROC, set_mapper, &mapper, NULL);
	}
	if (!host_call_entry || !host_resume_entry)
		snprintf(host_runtime_error, sizeof(host_runtime_error),
			 "the host runtime %s lacks its entry points",
			 HOST_RUNTIME_FILE);
	else
		find_fast_transport();
}

/*
 * Callback servers (host/library_threads.c): guest threads that run the
 * callbacks a host library makes on threads of its own. Each is a call of
 * the host's DLCALL_HOST_SERVE_ENTRY that does not return; the host asks
 * for one more through start_server() when all are busy.
 */
static void start_server(void *function, void **args, void *result);
static pthread_mutex_t server_lock = PTHREAD_MUTEX_INITIALIZER;
static int server_started;

static void *serve_callbacks(void *unused)
{
	dlcall_guest_invoker start_another = start_server;

	(void)unused;
	call_runtime(host_serve_entry, &start_another);
	return NULL;
}

/* An invoker the host runs: a detached thread, deaf to signals (they are
 * the program's threads' to take). *result, if given: 0 once started. */
static void start_server(void *function, void **args, void *result)
{
	pthread_attr_t attributes;
	sigset_t all, old;
	pthread_t thread;
	int error;

	(void)function, (void)args;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attributes);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	error = pthread_create(&thread, &attributes, serve_callbacks, NULL);
	if (error)
		report("cannot start a thread for library threads' callbacks: "
		       "%s", strerror(error));
	pthread_attr_destroy(&attributes);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (result)
		*(int *)result = error;
}

DLCALL_GUEST_API void dlcall_guest_serve_library_threads(void)
{
	pthread_mutex_lock(&server_lock);
	if (!server_started && host_serve_entry && host_expect_server) {
		int coming = 1, error;

		server_started = 1;
		/* Before it runs: a library thread may call back at once. */
		call_runtime(host_expect_server, &coming);
		start_server(NULL, NULL, &error);
		if (error) {
			/* None is coming: such callbacks are reported. */
			coming = -1;
			call_runtime(host_expect_server, &coming);
		}
	}
	pthread_mutex_unlock(&server_lock);
}

DLCALL_GUEST_API void dlcall_guest_unsupported(const char *soname,
					       const char *function,
					       const char *reason)
{
	report("%s: %s is not available through pass-through (%s); run with "
	       "--no-lib to use the emulated library",
	       soname, function, reason);
	exit(127);
}

DLCALL_GUEST_API int dlcall_guest_verbose(void)
{
	pthread_once(&runtime_once, initialize_runtime);
	return verbose;
}

/*
 * The host thunk's table, with the real host library's path in `detail`
 * (for -v); or NULL, with the reason in `detail`, if the host side cannot
 * be used.
 */
static dlcall_host_function *open_host_thunk(const char *host_file,
					     const char *table_id,
					     unsigned long count, char *detail,
					     size_t detail_size)
{
	void *handle;
	const char **host_table_id;
	unsigned long *host_count;
	const char **library_path;
	dlcall_host_function *table;

	if (host_runtime_error[0]) {
		snprintf(detail, detail_size, "%s", host_runtime_error);
		return NULL;
	}
	/* Local: every host thunk defines the same table names, and no
	 * thunk may bind to another's (nor to another's real library). */
	handle = load_host_file(host_file, HOST_MODE_LOCAL);
	if (!handle) {
		snprintf(detail, detail_size, "cannot load host thunk %s: %s",
			 host_file, host_library_error());
		return NULL;
	}
	host_table_id = host_symbol(handle, "dlcall_thunk_table_id");
	host_count = host_symbol(handle, "dlcall_thunk_count");
	table = host_symbol(handle, "dlcall_thunk_table");
	if (!host_table_id || !host_count || !table ||
	    strcmp(*host_table_id, table_id) != 0 || *host_count != count) {
		snprintf(detail, detail_size,
			 "host thunk %s was not built from the same spec as "
			 "the guest thunk",
			 host_file);
		return NULL;
	}
	library_path = host_symbol(handle, "dlcall_thunk_library_path");
	snprintf(detail, detail_size, "%s",
		 library_path && *library_path ? *library_path : host_file);
	return table;
}

/*
 * Whether `path` is a file other than `self` (the thunk itself). stat(),
 * not access(): QEMU applies its -L prefix to the path of a stat but not
 * of a faccessat, the only access() aarch64 and riscv64 have.
 */
static int other_file(const char *path, const struct stat *self)
{
	struct stat candidate;

	return stat(path, &candidate) == 0 &&
	       (candidate.st_dev != self->st_dev ||
		candidate.st_ino != self->st_ino);
}

/*
 * The guest's own library being dlopen()ed for a thunk, while its
 * constructors run: libX11 1.8's calls XInitThreads(), which the program's
 * symbol lookup finds in the thunk, whose guest library is not set yet.
 * Constructors run under the dynamic linker's lock: one at a time.
 */
static const char *guest_library_opening;

/*
 * dlopen()s the guest's own `soname`: the first one in the directories the
 * dynamic linker searches for the program (LD_LIBRARY_PATH, its RUNPATH,
 * the system directories) that is not the thunk `self` is in.
 */
static void *open_guest_library(const char *soname, const void *self,
				char *path, size_t path_size)
{
	void *program = dlopen(NULL, RTLD_NOW);
	Dl_serinfo size, *directories;
	Dl_info thunk;
	struct stat thunk_file;
	void *library = NULL;

	if (!dladdr(self, &thunk) || stat(thunk.dli_fname, &thunk_file) != 0 ||
	    dlinfo(program, RTLD_DI_SERINFOSIZE, &size) != 0)
		return NULL;
	directories = malloc(size.dls_size);
	if (!directories)
		return NULL;
	*directories = size;
	if (dlinfo(program, RTLD_DI_SERINFO, directories) == 0) {
		for (unsigned i = 0; i < directories->dls_cnt && !library;
		     i++) {
			snprintf(path, path_size, "%s/%s",
				 directories->dls_serpath[i].dls_name, soname);
			if (other_file(path, &thunk_file)) {
				/* Nested: its dependencies' thunks open
				 * theirs while it loads. */
				const char *outer = guest_library_opening;

				guest_library_opening = path;
				library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
				guest_library_opening = outer;
			}
		}
	}
	free(directories);
	return library;
}

/*
 * How each library opened so far went (passed through or not), for the
 * groups (spec group): a list, as many as the program loads.
 */
struct opened_library {
	const char *soname;
	int passed;
	struct opened_library *next;
};

static struct opened_library *opened;
static pthread_mutex_t opened_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 or 0 as `soname` passed through or not; -1 if not opened yet. */
static int opened_as(const char *soname)
{
	for (struct opened_library *o = opened; o; o = o->next)
		if (strcmp(o->soname, soname) == 0)
			return o->passed;
	return -1;
}

static void record_opened(const char *soname, int passed)
{
	struct opened_library *o = malloc(sizeof(*o));

	if (!o) {
		report("out of memory");
		exit(127);
	}
	*o = (struct opened_library){soname, passed, opened};
	opened = o;
}

/*
 * Whether the whole group can pass through with a library whose own host
 * side loaded: none of its members fell back, and the host thunk of each
 * one not opened yet loads. Else the reason, in `detail`.
 */
static int group_can_pass(const struct dlcall_group_member *group,
			  unsigned long group_count, char *detail,
			  size_t detail_size)
{
	for (unsigned long i = 0; i < group_count; i++) {
		int state = opened_as(group[i].soname);

		if (state == 0) {
			snprintf(detail, detail_size,
				 "%s, which shares objects with it, is "
				 "emulated",
				 group[i].soname);
			return 0;
		}
		if (state < 0 &&
		    !load_host_file(group[i].host_file, HOST_MODE_LOCAL)) {
			snprintf(detail, detail_size,
				 "%s, which shares objects with it, cannot "
				 "pass through: %s",
				 group[i].soname, host_library_error());
			return 0;
		}
	}
	return 1;
}

/* The member of `group` that passed through already, or NULL. */
static const char *group_member_passed(const struct dlcall_group_member *group,
				       unsigned long group_count)
{
	for (unsigned long i = 0; i < group_count; i++)
		if (opened_as(group[i].soname) == 1)
			return group[i].soname;
	return NULL;
}

/* The host thunk's table if `soname` and its group can pass through, else
 * NULL and why in `detail`. */
static dlcall_host_function *
open_with_group(const char *soname, const char *host_file,
		const char *table_id, unsigned long count,
		const struct dlcall_group_member *group,
		unsigned long group_count, char *detail, size_t detail_size)
{
	dlcall_host_function *table;
	const char *partner;

	pthread_mutex_lock(&opened_lock);
	table = open_host_thunk(host_file, table_id, count, detail,
				detail_size);
	partner = group_member_passed(group, group_count);
	if (!table && partner) {
		report("%s cannot pass through (%s), but %s, which shares "
		       "objects with it, does; run with --no-lib for both",
		       soname, detail, partner);
		exit(127);
	}
	if (table && !group_can_pass(group, group_count, detail, detail_size))
		table = NULL;
	record_opened(soname, table != NULL);
	pthread_mutex_unlock(&opened_lock);
	return table;
}

/*
 * Whether the guest CPU has vector loads that cannot read host memory.
 * QEMU checks its own table of guest pages in SVE's and SME's load and
 * store helpers, and host memory is in no guest page: glibc's SVE memcpy
 * on a string a library returned raises SIGSEGV (docs/design.md, "Guest
 * CPU model"). glibc picks its string functions from these bits at start,
 * so nothing done here, later, can make them safe.
 */
static const char *cpu_faults_on_host_memory(void)
{
#ifdef __aarch64__
#ifndef HWCAP2_SME
#define HWCAP2_SME (1UL << 23) /* Linux's uapi asm/hwcap.h */
#endif
	if (getauxval(AT_HWCAP) & HWCAP_SVE)
		return "SVE";
	if (getauxval(AT_HWCAP2) & HWCAP2_SME)
		return "SME";
#endif
	return NULL;
}

DLCALL_GUEST_API void
dlcall_guest_open(struct dlcall_guest_thunk *thunk, const char *soname,
		  const char *host_file, const char *table_id,
		  unsigned long count, const struct dlcall_group_member *group,
		  unsigned long group_count)
{
	dlcall_host_function *table;
	char detail[1024], path[4096];

	pthread_once(&runtime_once, initialize_runtime);
	if (!plugin_present && !getenv(DLCALL_ENV_RUN)) {
		report("%s is a dlcall pass-through library, but QEMU runs "
		       "without the dlcall plugin; start the program with "
		       "'dlcall run'",
		       soname);
		exit(127);
	}
	if (plugin_present && cpu_faults_on_host_memory()) {
		report("%s cannot pass through: the guest CPU has %s, whose "
		       "loads fault on host memory; set "
		       "QEMU_CPU=max,sve=off,sme=off (dlcall run does)",
		       soname, cpu_faults_on_host_memory());
		exit(127);
	}
	if (!plugin_present) {
		/* Exec'd by a program that dlcall runs, without the plugin. */
		snprintf(detail, sizeof(detail),
			 "no dlcall plugin: started by exec from a program "
			 "that dlcall runs");
		table = NULL;
	} else {
		table = open_with_group(soname, host_file, table_id, count,
					group, group_count, detail,
					sizeof(detail));
	}
	if (table) {
		if (verbose)
			report("%s: passed through to the host's %s", soname,
			       detail);
		thunk->syscall_number = syscall_number;
		thunk->call_entry = host_call_entry;
		thunk->errno_offset = thread_offset(&errno);
		thunk->mailbox_offset = thread_offset(&mailbox);
		memcpy(thunk->host_table, table, count * sizeof(*table));
		thunk->host_count = count;
		return;
	}
	thunk->guest_library =
	    open_guest_library(soname, thunk, path, sizeof(path));
	if (!thunk->guest_library) {
		report("%s: %s, and the guest's own %s was not found", soname,
		       detail, soname);
		exit(127);
	}
	if (verbose)
		report("%s: %s the guest's own %s (%s)", soname,
		       plugin_present ? "emulated with" : "uses", path, detail);
}

/* The guest's own `name` (of `version`, or the default one). */
static void *guest_own_function(void *guest_library, const char *name,
				const char *version, void **cache)
{
	void *function = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
	struct link_map *map = NULL;
	Dl_info found, thunk;

	if (function)
		return function;
	if (!guest_library && guest_library_opening) {
		/* Called from the constructors of the library being opened
		 * for this thunk (or another's: then the check below). */
		guest_library = dlopen(guest_library_opening,
				       RTLD_NOW | RTLD_NOLOAD | RTLD_LOCAL);
		if (guest_library)
			dlclose(guest_library); /* it stays: being opened */
	}
	function = version ? dlvsym(guest_library, name, version)
			   : dlsym(guest_library, name);
	if (!function) {
		dlinfo(guest_library, RTLD_DI_LINKMAP, &map);
		report("%s lacks %s%s%s, which the program calls",
		       map ? map->l_name : "the guest's own library", name,
		       version ? "@" : "", version ? version : "");
		exit(127);
	}
	/* `cache` lives in the thunk: a function there would call itself. */
	if (dladdr(function, &found) && dladdr(cache, &thunk) &&
	    found.dli_fbase == thunk.dli_fbase) {
		report("the guest's own library for %s is the pass-through "
		       "thunk %s itself",
		       name, thunk.dli_fname);
		exit(127);
	}
	__atomic_store_n(cache, function, __ATOMIC_RELEASE);
	return function;
}

DLCALL_GUEST_API void *dlcall_guest_fallback_function(void *guest_library,
						      const char *name,
						      void **cache)
{
	return guest_own_function(guest_library, name, NULL, cache);
}

static void *find_object(void *scope, const char *name, const char *version)
{
	return version ? dlvsym(scope, name, version) : dlsym(scope, name);
}

static int all_zero(const unsigned char *bytes, unsigned long size)
{
	for (unsigned long i = 0; i < size; i++)
		if (bytes[i])
			return 0;
	return 1;
}

/*
 * The guest's library binds its own references to an exported object to
 * the first definition in the global scope, as a program's: that is
 * RTLD_DEFAULT's answer. Its own definition, relocated by its loader, is
 * what dlsym() finds in its handle. An object written already (by the
 * library's constructors) is left as it is.
 */
DLCALL_GUEST_API void
dlcall_guest_relocate_data(const struct dlcall_guest_thunk *thunk,
			   const struct dlcall_relocated_object *objects,
			   unsigned long count)
{
	if (!thunk->guest_library)
		return;
	for (unsigned long i = 0; i < count; i++) {
		const struct dlcall_relocated_object *o = &objects[i];
		void *bound = find_object(RTLD_DEFAULT, o->name, o->version);
		void *own = find_object(thunk->guest_library, o->name,
					o->version);

		if (bound && own && bound != own && all_zero(bound, o->size))
			memcpy(bound, own, o->size);
	}
}

/*
 * The guest's own library of a thunk that passes through, for the
 * functions that run in it (spec emulated): opened at the first call of
 * one, once.
 */
static void *emulated_library(struct dlcall_guest_thunk *thunk,
			      const char *soname)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	void *library =
	    __atomic_load_n(&thunk->emulated_library, __ATOMIC_ACQUIRE);
	char path[4096];

	if (library)
		return library;
	pthread_mutex_lock(&lock);
	library = thunk->emulated_library;
	if (!library) {
		library = open_guest_library(soname, thunk, path, sizeof(path));
		if (!library) {
			report("%s: the guest's own %s was not found, where "
			       "functions that do not pass through run",
			       soname, soname);
			exit(127);
		}
		if (verbose)
			report("%s: functions that do not pass through run in "
			       "the guest's own %s",
			       soname, path);
		__atomic_store_n(&thunk->emulated_library, library,
				 __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	return library;
}

/*
 * spec emulated-switch: every later call of the thunk goes to the guest's
 * own library, by the fallback branch each thunk function starts with,
 * which a NULL host table entry takes. guest_library first, so that a
 * call finding NULL there finds the library.
 */
static void switch_to_emulation(struct dlcall_guest_thunk *thunk, void *library,
				const struct dlcall_forward *by)
{
	if (__atomic_load_n(&thunk->guest_library, __ATOMIC_ACQUIRE))
		return;
	if (verbose)
		report("%s: emulated from now on: %s called (%s)", by->soname,
		       by->name, by->reason);
	__atomic_store_n(&thunk->guest_library, library, __ATOMIC_RELEASE);
	for (unsigned long i = 0; i < thunk->host_count; i++)
		__atomic_store_n(&thunk->host_table[i], NULL, __ATOMIC_RELEASE);
}

/* Where an unsupported export's call goes (see dlcall_forward_enter). */
__attribute__((visibility("hidden"))) void *
dlcall_forward_select(struct dlcall_forward *forward)
{
	struct dlcall_guest_thunk *thunk = forward->thunk;
	void *library = thunk->guest_library;

	if (!library && forward->emulation != DLCALL_FALLBACK_ONLY) {
		library = emulated_library(thunk, forward->soname);
		if (forward->emulation == DLCALL_EMULATED_SWITCH)
			switch_to_emulation(thunk, library, forward);
	}
	if (!library)
		dlcall_guest_unsupported(forward->soname, forward->name,
					 forward->reason);
	return guest_own_function(library, forward->name, forward->version,
				  &forward->cache);
}

DLCALL_GUEST_API void dlcall_guest_finish_call(struct dlcall_frame *frame,
					       void *call_entry,
					       unsigned long bounded)
{
	if (frame->state == DLCALL_STATE_UNSENT) {
		/* The inline marker did not take it: by syscall. */
		mailbox.function = NULL;
		if (!mailbox_registered)
			register_mailbox();
		magic(DLCALL_INVOKE_PROC, call_entry, frame, NULL);
	}
	while (frame->state == DLCALL_STATE_CALLBACK) {
		frame->callback_invoker(frame->callback_function,
					frame->callback_args,
					frame->callback_result);
		/* A resume that never reaches the host leaves the frame
		 * UNSENT, which ends the loop, not repeats it. */
		invoke_frame(host_resume_entry, frame, bounded);
	}
	if (frame->state != DLCALL_STATE_DONE) {
		report("a pass-through call did not complete (state %u)",
		       frame->state);
		abort();
	}
	dlcall_guest_flush_written();
}

DLCALL_GUEST_API int dlcall_guest_make_visible(const void *start,
					       unsigned long size)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t first = (uintptr_t)start & ~(page - 1);
	uintptr_t end = ((uintptr_t)start + size + page - 1) & ~(page - 1);

	if (!start || !size)
		return 0;
	return mprotect((void *)first, end - first, PROT_READ | PROT_WRITE);
}
