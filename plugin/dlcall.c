// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dlcall QEMU plugin: the six magic-syscall operations of SPEC §2.
 *
 * The plugin knows nothing about any library. A guest issues syscall N
 * (default 4096) with an operation number and up to three operands; every
 * operand pointer is a guest address that is also a host address, because
 * qemu-user maps 64-bit guests at guest_base 0. Results go through
 * out-pointers, so the observing callback of QEMU 7.2 .. 10.x (which cannot
 * change the syscall's return value, QEMU answers -ENOSYS) works as well as
 * the filter callbacks of QEMU 11.
 *
 * Our plugin also offers a faster transport, a marker instruction it
 * instruments (include/dlcall/abi.h); every call it does not take goes by
 * the syscall.
 *
 * Usage: qemu-x86_64 -plugin libdlcall.so[,syscall_num=N][,fast=off]
 *        [,verbose=on] PROG
 */
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/abi.h"
#include "dlcall/report.h"
#include "qemu_plugin_api.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = DLCALL_PLUGIN_VERSION;

static int64_t magic_syscall = DLCALL_DEFAULT_SYSCALL;
static bool verbose;
static bool fast_wanted = true; /* option fast=on|off */

/*
 * Errors go to stderr, not qemu_plugin_outs(): QEMU only shows the latter
 * with "-d plugin", and a user must see why the plugin refused to load.
 */

/*
 * The fast transport (include/dlcall/abi.h). Each guest thread registers
 * its mailbox once; QEMU runs a guest thread on one host thread, so the
 * mailbox is this host thread's. The marker of the guest's ISA is
 * instrumented from the first registration on: a translation callback
 * costs QEMU about a third more work per translated block, which programs
 * that never pass a call through should not pay.
 */
static qemu_plugin_id_t plugin_id;
static const unsigned char *marker; /* NULL: no fast transport */
static size_t marker_size;
static char plugin_file[4096]; /* answers DLCALL_PLUGIN_ATTRIBUTE */
static __thread struct dlcall_mailbox *thread_mailbox;
static unsigned int guest_threads; /* vCPUs QEMU ever made: threads */
static pthread_once_t instrument_once = PTHREAD_ONCE_INIT;

static const unsigned char marker_x86_64[] = {DLCALL_MARKER_X86_64};
static const unsigned char marker_aarch64[] = {DLCALL_MARKER_AARCH64};
static const unsigned char marker_riscv64[] = {DLCALL_MARKER_RISCV64};

static void on_vcpu_init(qemu_plugin_id_t id, unsigned int vcpu_index)
{
	(void)id, (void)vcpu_index;
	__atomic_add_fetch(&guest_threads, 1, __ATOMIC_RELAXED);
}

/*
 * The marker's callback: takes the thread's pending call, if the rule of
 * abi.h allows. It runs in QEMU's "CPU running" section: a call that may
 * wait on another guest thread is taken only while there has been one
 * (0 means QEMU told us of none: not known, so not taken).
 */
static void on_marker(unsigned int vcpu_index, void *userdata)
{
	struct dlcall_mailbox *mailbox = thread_mailbox;
	void (*function)(void *, void *);

	(void)vcpu_index, (void)userdata;
	if (!mailbox || !(function = mailbox->function))
		return;
	if (!mailbox->bounded &&
	    __atomic_load_n(&guest_threads, __ATOMIC_RELAXED) != 1) {
		mailbox->refused = DLCALL_REFUSED_UNBOUNDED;
		return;
	}
	mailbox->function = NULL;
	function(mailbox->arg1, mailbox->arg2);
}

static bool is_marker(struct qemu_plugin_insn *insn)
{
	if (qemu_plugin_insn_size(insn) != marker_size)
		return false;
#if DLCALL_PLUGIN_VERSION >= 3
	unsigned char bytes[16];

	return qemu_plugin_insn_data(insn, bytes, sizeof(bytes)) ==
		   marker_size &&
	       memcmp(bytes, marker, marker_size) == 0;
#else
	return memcmp(qemu_plugin_insn_data(insn), marker, marker_size) == 0;
#endif
}

static void on_translation(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t count = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (size_t i = 0; i < count; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		if (is_marker(insn))
			qemu_plugin_register_vcpu_insn_exec_cb(
			    insn, on_marker, QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void instrument_markers(void)
{
	qemu_plugin_register_vcpu_tb_trans_cb(plugin_id, on_translation);
	if (verbose)
		report("fast transport on: markers instrumented (%u guest "
		       "threads)",
		       __atomic_load_n(&guest_threads, __ATOMIC_RELAXED));
}

/* INVOKE_PROC(this, mailbox, int *version): the calling thread's mailbox;
 * *version is 0 when the transport is off. */
QEMU_PLUGIN_EXPORT void dlcall_plugin_register_mailbox(void *mailbox,
						       void *version)
{
	if (!version)
		return;
	*(int *)version = 0;
	if (!marker || !mailbox)
		return;
	thread_mailbox = mailbox;
	pthread_once(&instrument_once, instrument_markers);
	*(int *)version = DLCALL_MAILBOX_VERSION;
}

/* The marker for QEMU's guest, if this QEMU can instrument it. */
static void choose_marker(const qemu_info_t *info)
{
	Dl_info self;

	marker = NULL;
#if DLCALL_PLUGIN_VERSION < 3
	/* The bytes' accessor copies from API version 3 (QEMU 9.1) on. */
	if (info->version.cur >= 3)
		return;
#endif
	if (!fast_wanted || !dladdr((void *)choose_marker, &self) ||
	    !self.dli_fname ||
	    snprintf(plugin_file, sizeof(plugin_file), "%s", self.dli_fname) >=
		(int)sizeof(plugin_file))
		return;
	if (strcmp(info->target_name, "x86_64") == 0)
		marker = marker_x86_64, marker_size = sizeof(marker_x86_64);
	else if (strcmp(info->target_name, "aarch64") == 0)
		marker = marker_aarch64, marker_size = sizeof(marker_aarch64);
	else if (strcmp(info->target_name, "riscv64") == 0)
		marker = marker_riscv64, marker_size = sizeof(marker_riscv64);
}

static int64_t get_host_attribute(const char *key, const char **out)
{
	if (!key || !out)
		return -EFAULT;
	if (strcmp(key, "emu") == 0)
		*out = "qemu";
	else if (strcmp(key, DLCALL_PLUGIN_ATTRIBUTE) == 0 && marker)
		*out = plugin_file;
	else
		*out = NULL;
	return 0;
}

/*
 * The handles LOAD_LIBRARY gave out, with how many loads each has left to
 * free: dlsym() and dlclose() of anything else (a handle freed already, a
 * stray number) would crash QEMU, so they are refused instead (-EINVAL).
 * Loads are rare, so a list does.
 */
struct open_library {
	void *handle;
	unsigned long loads;
};
static struct open_library *open_libraries;
static size_t open_library_count, open_library_capacity;
static pthread_mutex_t open_libraries_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry for `handle`, or NULL. Called with the lock held. */
static struct open_library *find_open_library(void *handle)
{
	for (size_t i = 0; i < open_library_count; i++)
		if (open_libraries[i].handle == handle)
			return &open_libraries[i];
	return NULL;
}

static bool remember_load(void *handle)
{
	struct open_library *entry = find_open_library(handle);

	if (!entry && open_library_count == open_library_capacity) {
		size_t capacity =
		    open_library_capacity ? open_library_capacity * 2 : 16;
		struct open_library *grown =
		    realloc(open_libraries, capacity * sizeof(*open_libraries));

		if (!grown)
			return false;
		open_libraries = grown;
		open_library_capacity = capacity;
	}
	if (!entry) {
		entry = &open_libraries[open_library_count++];
		entry->handle = handle;
		entry->loads = 0;
	}
	entry->loads++;
	return true;
}

/* Whether `handle` is one dlsym() takes: given out, or a pseudo-handle. */
static bool is_lookup_handle(void *handle)
{
	bool known;

	if (handle == RTLD_DEFAULT || handle == RTLD_NEXT)
		return true;
	pthread_mutex_lock(&open_libraries_lock);
	known = find_open_library(handle) != NULL;
	pthread_mutex_unlock(&open_libraries_lock);
	return known;
}

/*
 * dlopen() modes made of the documented flags only: glibc passes other
 * bits on to the dynamic linker, where its internal ones (the
 * __RTLD_* values) end in an assertion that exits QEMU. Found by fuzzing.
 */
static bool is_public_mode(uint64_t mode)
{
	const uint64_t public_flags = RTLD_LAZY | RTLD_NOW | RTLD_NOLOAD |
				      RTLD_DEEPBIND | RTLD_GLOBAL |
				      RTLD_NODELETE;

	return (mode & ~public_flags) == 0;
}

static int64_t load_library(const char *path, uint64_t mode, void **out)
{
	if (!out)
		return -EFAULT;
	if (!is_public_mode(mode)) {
		*out = NULL;
		return -EINVAL;
	}
	pthread_mutex_lock(&open_libraries_lock);
	*out = dlopen(path, (int)mode);
	if (*out && !remember_load(*out)) {
		dlclose(*out);
		*out = NULL;
	}
	pthread_mutex_unlock(&open_libraries_lock);
	if (verbose)
		report("LOAD_LIBRARY %s -> %p", path ? path : "(main)", *out);
	return 0;
}

static int64_t get_proc_address(void *handle, const char *name, void **out)
{
	if (!name || !out)
		return -EFAULT;
	if (!is_lookup_handle(handle)) {
		*out = NULL;
		return -EINVAL;
	}
	*out = dlsym(handle, name);
	if (verbose)
		report("GET_PROC_ADDRESS %s -> %p", name, *out);
	return 0;
}

static int64_t free_library(void *handle, int *out)
{
	struct open_library *entry;

	if (!out)
		return -EFAULT;
	pthread_mutex_lock(&open_libraries_lock);
	entry = find_open_library(handle);
	if (!entry) {
		pthread_mutex_unlock(&open_libraries_lock);
		*out = -1;
		return -EINVAL;
	}
	*out = dlclose(handle);
	if (--entry->loads == 0)
		*entry = open_libraries[--open_library_count];
	pthread_mutex_unlock(&open_libraries_lock);
	return 0;
}

static int64_t get_library_error(const char **out)
{
	if (!out)
		return -EFAULT;
	*out = dlerror();
	return 0;
}

static int64_t invoke_proc(void (*function)(void *, void *), void *arg1,
			   void *arg2)
{
	if (!function)
		return -EFAULT;
	function(arg1, arg2);
	return 0;
}

/*
 * Runs one operation; returns what the syscall should return. Kept out of
 * line: the syscall callbacks answer INVOKE_PROC themselves (see
 * invoke_proc_at_once), without the stack frame the other operations need.
 */
__attribute__((noinline)) static int64_t
dispatch(uint64_t operation, uint64_t a2, uint64_t a3, uint64_t a4)
{
	switch (operation) {
	case DLCALL_GET_HOST_ATTRIBUTE:
		return get_host_attribute((const char *)a2, (const char **)a3);
	case DLCALL_LOAD_LIBRARY:
		return load_library((const char *)a2, a3, (void **)a4);
	case DLCALL_GET_PROC_ADDRESS:
		return get_proc_address((void *)a2, (const char *)a3,
					(void **)a4);
	case DLCALL_FREE_LIBRARY:
		return free_library((void *)a2, (int *)a3);
	case DLCALL_GET_LIBRARY_ERROR:
		return get_library_error((const char **)a2);
	case DLCALL_INVOKE_PROC:
		return invoke_proc((void (*)(void *, void *))a2, (void *)a3,
				   (void *)a4);
	default:
		return -EINVAL;
	}
}

/*
 * INVOKE_PROC is every pass-through call and every return from a callback,
 * so it is answered first. False if the operation is another one (or has
 * no function, which dispatch() answers with -EFAULT).
 */
static inline bool invoke_proc_at_once(uint64_t operation, uint64_t a2,
				       uint64_t a3, uint64_t a4)
{
	if (operation != DLCALL_INVOKE_PROC || !a2)
		return false;
	((void (*)(void *, void *))a2)((void *)a3, (void *)a4);
	return true;
}

#if DLCALL_PLUGIN_API >= 7
static bool on_syscall(unsigned int vcpu_index, int64_t num, uint64_t a1,
		       uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		       uint64_t a6, uint64_t a7, uint64_t a8, int64_t *sysret,
		       void *userdata)
{
	(void)vcpu_index, (void)a5, (void)a6, (void)a7, (void)a8;
	(void)userdata;
	if (num != magic_syscall)
		return false;
	*sysret =
	    invoke_proc_at_once(a1, a2, a3, a4) ? 0 : dispatch(a1, a2, a3, a4);
	return true;
}
#elif DLCALL_PLUGIN_API == 6
static bool on_syscall(qemu_plugin_id_t id, unsigned int vcpu_index,
		       int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		       uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
		       uint64_t a8, uint64_t *sysret)
{
	(void)id, (void)vcpu_index, (void)a5, (void)a6, (void)a7, (void)a8;
	if (num != magic_syscall)
		return false;
	*sysret = invoke_proc_at_once(a1, a2, a3, a4)
		      ? 0
		      : (uint64_t)dispatch(a1, a2, a3, a4);
	return true;
}
#else
/*
 * Observer flavour: runs before QEMU executes every guest syscall, so it
 * returns at once for all but the magic number. QEMU then answers the
 * magic number itself with -ENOSYS; our result is only in the out-pointers.
 */
static void on_syscall(qemu_plugin_id_t id, unsigned int vcpu_index,
		       int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		       uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
		       uint64_t a8)
{
	(void)id, (void)vcpu_index, (void)a5, (void)a6, (void)a7, (void)a8;
	if (num != magic_syscall || invoke_proc_at_once(a1, a2, a3, a4))
		return;
	dispatch(a1, a2, a3, a4);
}
#endif

/* Accepts the spellings QEMU's own boolean options accept. */
static bool parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = {"on", "yes", "true", "1"};
	static const char *const no[] = {"off", "no", "false", "0"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(text, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(text, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* Decimal only: "0x1000" or "4096abc" are rejected, not half-read. */
static bool parse_syscall_number(const char *text, int64_t *out)
{
	char *end;
	long long value;

	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	value = strtoll(text, &end, 10);
	if (errno || *end || value < DLCALL_MIN_SYSCALL)
		return false;
	*out = value;
	return true;
}

static bool parse_option(const char *option)
{
	const char *equals = strchr(option, '=');
	size_t key_length = equals ? (size_t)(equals - option) : strlen(option);
	const char *value = equals ? equals + 1 : NULL;

	if (key_length == 11 && strncmp(option, "syscall_num", 11) == 0) {
		if (!value || !parse_syscall_number(value, &magic_syscall)) {
			report("syscall_num must be a decimal number >= %d, "
			       "got '%s'",
			       DLCALL_MIN_SYSCALL, value ? value : "");
			return false;
		}
		return true;
	}
	static const struct {
		const char *key;
		bool *value;
	} switches[] = {{"fast", &fast_wanted}, {"verbose", &verbose}};

	for (size_t i = 0; i < sizeof(switches) / sizeof(switches[0]); i++) {
		if (key_length != strlen(switches[i].key) ||
		    strncmp(option, switches[i].key, key_length) != 0)
			continue;
		if (!value || !parse_bool(value, switches[i].value)) {
			report("%s must be on or off, got '%s'",
			       switches[i].key, value ? value : "");
			return false;
		}
		return true;
	}
	report("unknown option '%s' (known: syscall_num=N, fast=on|off, "
	       "verbose=on|off)",
	       option);
	return false;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info, int argc,
					   char **argv)
{
	magic_syscall = DLCALL_DEFAULT_SYSCALL;
	verbose = false;
	fast_wanted = true;
	plugin_id = id;
	if (info->system_emulation) {
		report("refusing to load in system emulation: the dlcall "
		       "plugin is for qemu-user only");
		return -1;
	}
	for (int i = 0; i < argc; i++)
		if (!parse_option(argv[i]))
			return -1;

#if DLCALL_PLUGIN_API >= 7
	qemu_plugin_register_vcpu_syscall_filter_cb(id, on_syscall, NULL);
#elif DLCALL_PLUGIN_API == 6
	qemu_plugin_register_vcpu_syscall_filter_cb(id, on_syscall);
#else
	qemu_plugin_register_vcpu_syscall_cb(id, on_syscall);
#endif
	choose_marker(info);
	if (marker)
		qemu_plugin_register_vcpu_init_cb(id, on_vcpu_init);
	if (verbose)
		report("loaded (plugin API %d, syscall %" PRId64
		       ", fast transport %s)",
		       DLCALL_PLUGIN_API, magic_syscall,
		       marker ? "offered" : "off");
	return 0;
}
