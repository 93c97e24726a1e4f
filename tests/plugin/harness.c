// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fake-QEMU harness: loads the dlcall plugin the way qemu-user does
 * (dlopen, qemu_plugin_version, qemu_plugin_install with argv options),
 * provides the registration functions it calls, and drives its syscall
 * callback with synthetic syscalls. Built once per plugin API flavour.
 */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../plugin/qemu_plugin_api.h"
#include "../tap.h"
#include "dlcall/abi.h"
#include "fake_translation.h"

#if DLCALL_PLUGIN_API >= 7
static qemu_plugin_vcpu_syscall_filter_cb_t registered;
static void *registered_userdata;
#elif DLCALL_PLUGIN_API == 6
static qemu_plugin_vcpu_syscall_filter_cb_t registered;
#else
static qemu_plugin_vcpu_syscall_cb_t registered;
#endif
static int registrations;

#if DLCALL_PLUGIN_API >= 7
QEMU_PLUGIN_EXPORT void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb,
    void *userdata)
{
	(void)id;
	registered = cb;
	registered_userdata = userdata;
	registrations++;
}
#elif DLCALL_PLUGIN_API == 6
QEMU_PLUGIN_EXPORT void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb)
{
	(void)id;
	registered = cb;
	registrations++;
}
#else
QEMU_PLUGIN_EXPORT void
qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id,
				     qemu_plugin_vcpu_syscall_cb_t cb)
{
	(void)id;
	registered = cb;
	registrations++;
}
#endif

typedef int (*install_function)(qemu_plugin_id_t, const qemu_info_t *, int,
				char **);
static install_function install;
static char captured[4096];

/* Installs with the given options, capturing what goes to stderr. */
static const char *target = "x86_64";

static int install_with(int system_emulation, int argc, char **argv)
{
	qemu_info_t info = {0};
	FILE *capture = tmpfile();
	int saved = dup(2), result;
	size_t length;

	info.target_name = target;
	info.version.min = info.version.cur = DLCALL_PLUGIN_API;
	info.system_emulation = system_emulation;
	fflush(stderr);
	dup2(fileno(capture), 2);
	registered = NULL;
	result = install(1, &info, argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(capture);
	length = fread(captured, 1, sizeof(captured) - 1, capture);
	captured[length] = '\0';
	fclose(capture);
	return result;
}

static int one_line_mentioning(const char *text)
{
	char *newline = strchr(captured, '\n');

	return newline && newline[1] == '\0' && strstr(captured, text) &&
	       strncmp(captured, "dlcall: ", 8) == 0;
}

static int rejects(const char *option, const char *mention)
{
	char *argv[] = {(char *)option};

	return install_with(0, 1, argv) != 0 && one_line_mentioning(mention);
}

/*
 * One synthetic syscall. Returns whether the plugin consumed it; *result
 * is the syscall's return value (always -ENOSYS for the observer flavour,
 * where QEMU answers the unknown syscall itself).
 */
static int syscall_of(int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
		      uint64_t a4, int64_t *result)
{
#if DLCALL_PLUGIN_API >= 7
	return registered(0, num, a1, a2, a3, a4, 0, 0, 0, 0, result,
			  registered_userdata);
#elif DLCALL_PLUGIN_API == 6
	uint64_t value = 0;
	int consumed =
	    registered(1, 0, num, a1, a2, a3, a4, 0, 0, 0, 0, &value);

	*result = (int64_t)value;
	return consumed;
#else
	registered(1, 0, num, a1, a2, a3, a4, 0, 0, 0, 0);
	*result = -ENOSYS;
	return 1;
#endif
}

static int64_t magic_number = DLCALL_DEFAULT_SYSCALL;

static int64_t magic(uint64_t operation, const void *a2, const void *a3,
		     const void *a4)
{
	int64_t result = 0;

	syscall_of(magic_number, operation, (uint64_t)a2, (uint64_t)a3,
		   (uint64_t)a4, &result);
	return result;
}

/* What the syscall should have returned; only filters can return it. */
static int returned(int64_t result, int64_t expected)
{
#if DLCALL_PLUGIN_API >= 6
	return result == expected;
#else
	(void)expected;
	return result == -ENOSYS;
#endif
}

static void *invoked_arg1, *invoked_arg2;
static int invocations;

static void invoked(void *arg1, void *arg2)
{
	invoked_arg1 = arg1;
	invoked_arg2 = arg2;
	invocations++;
}

static void test_options(void)
{
	char *defaults[] = {NULL};
	char *both[] = {"syscall_num=5000", "verbose=off"};

	CHECK(install_with(0, 0, defaults) == 0 && registrations > 0 &&
		  captured[0] == '\0',
	      "loads silently with no options");
	CHECK(rejects("syscall_num=100", "syscall_num"),
	      "syscall_num below 4096 rejected with one line");
	CHECK(rejects("syscall_num=4095", "4095"), "syscall_num=4095 rejected");
	CHECK(rejects("syscall_num=", "syscall_num"),
	      "empty syscall_num rejected");
	CHECK(rejects("syscall_num", "syscall_num"),
	      "syscall_num without value rejected");
	CHECK(rejects("syscall_num=-5000", "-5000"),
	      "negative syscall_num rejected");
	CHECK(rejects("syscall_num=abc", "abc"),
	      "non-numeric syscall_num rejected");
	CHECK(rejects("syscall_num=4096x", "4096x"),
	      "syscall_num with trailing text rejected");
	CHECK(rejects("syscall_num=99999999999999999999", "9999"),
	      "overflowing syscall_num rejected");
	CHECK(rejects("bogus=1", "bogus"), "unknown option rejected");
	CHECK(rejects("verbose=maybe", "verbose"), "bad boolean rejected");
	CHECK(install_with(1, 0, defaults) != 0 &&
		  one_line_mentioning("system emulation"),
	      "refuses system emulation");
	CHECK(install_with(0, 2, both) == 0, "syscall_num=5000 accepted");
}

static void test_other_syscall_numbers(void)
{
	const char *answer = "untouched";
	int64_t result = 0;

	/* Installed with syscall_num=5000 by test_options. */
	magic_number = 5000;
	syscall_of(DLCALL_DEFAULT_SYSCALL, DLCALL_GET_HOST_ATTRIBUTE,
		   (uint64_t) "emu", (uint64_t)&answer, 0, &result);
	CHECK(strcmp(answer, "untouched") == 0,
	      "default number ignored after syscall_num=5000");
	CHECK(magic(DLCALL_GET_HOST_ATTRIBUTE, "emu", &answer, NULL) == 0 ||
		  returned(-ENOSYS, 0),
	      "syscall_num=5000 answered");
	CHECK(answer && strcmp(answer, "qemu") == 0,
	      "custom number serves GET_HOST_ATTRIBUTE");
	answer = "untouched";
#if DLCALL_PLUGIN_API >= 6
	CHECK(!syscall_of(1, DLCALL_GET_HOST_ATTRIBUTE, (uint64_t) "emu",
			  (uint64_t)&answer, 0, &result) &&
		  strcmp(answer, "untouched") == 0,
	      "real syscalls pass through the filter unconsumed");
#else
	syscall_of(1, DLCALL_GET_HOST_ATTRIBUTE, (uint64_t) "emu",
		   (uint64_t)&answer, 0, &result);
	CHECK(strcmp(answer, "untouched") == 0,
	      "real syscalls are only observed");
#endif
}

static void test_operations(void)
{
	char *defaults[] = {NULL};
	const char *answer = "untouched", *message = NULL;
	void *handle = NULL, *symbol = NULL;
	int closed = -1;

	install_with(0, 0, defaults);
	magic_number = DLCALL_DEFAULT_SYSCALL;

	CHECK(returned(magic(DLCALL_GET_HOST_ATTRIBUTE, "emu", &answer, NULL),
		       0) &&
		  strcmp(answer, "qemu") == 0,
	      "GET_HOST_ATTRIBUTE emu answers qemu");
	CHECK(returned(magic(DLCALL_GET_HOST_ATTRIBUTE, "nope", &answer, NULL),
		       0) &&
		  answer == NULL,
	      "unknown attribute answers NULL");
	CHECK(returned(magic(DLCALL_GET_HOST_ATTRIBUTE, "emu", NULL, NULL),
		       -EFAULT),
	      "GET_HOST_ATTRIBUTE with NULL out: -EFAULT");
	CHECK(returned(magic(DLCALL_GET_HOST_ATTRIBUTE, NULL, &answer, NULL),
		       -EFAULT),
	      "GET_HOST_ATTRIBUTE with NULL key: -EFAULT");

	CHECK(returned(magic(DLCALL_LOAD_LIBRARY, "libm.so.6",
			     (void *)(long)RTLD_NOW, &handle),
		       0) &&
		  handle != NULL,
	      "LOAD_LIBRARY loads libm.so.6");
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, handle, "cos", &symbol),
		       0) &&
		  symbol && ((double (*)(double))symbol)(0.0) == 1.0,
	      "GET_PROC_ADDRESS finds cos and it works");
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, handle, "no_such_symbol",
			     &symbol),
		       0) &&
		  symbol == NULL,
	      "GET_PROC_ADDRESS of a missing symbol gives NULL");
	CHECK(returned(magic(DLCALL_GET_LIBRARY_ERROR, &message, NULL, NULL),
		       0) &&
		  message && strstr(message, "no_such_symbol"),
	      "GET_LIBRARY_ERROR explains the failure");
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, handle, NULL, &symbol),
		       -EFAULT),
	      "GET_PROC_ADDRESS with NULL name: -EFAULT");
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, handle, "cos", NULL),
		       -EFAULT),
	      "GET_PROC_ADDRESS with NULL out: -EFAULT");
	CHECK(returned(magic(DLCALL_FREE_LIBRARY, handle, &closed, NULL), 0) &&
		  closed == 0,
	      "FREE_LIBRARY closes it");
	closed = 0;
	CHECK(returned(magic(DLCALL_FREE_LIBRARY, handle, &closed, NULL),
		       -EINVAL) &&
		  closed == -1,
	      "FREE_LIBRARY of a handle freed already: -EINVAL, no crash");
	closed = 0;
	CHECK(returned(magic(DLCALL_FREE_LIBRARY, NULL, &closed, NULL),
		       -EINVAL) &&
		  closed == -1,
	      "FREE_LIBRARY of NULL: -EINVAL, no crash");
	closed = 0;
	CHECK(returned(
		  magic(DLCALL_FREE_LIBRARY, (void *)0x12345678, &closed, NULL),
		  -EINVAL) &&
		  closed == -1,
	      "FREE_LIBRARY of a stray number: -EINVAL, no crash");
	symbol = (void *)1;
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, handle, "cos", &symbol),
		       -EINVAL) &&
		  symbol == NULL,
	      "GET_PROC_ADDRESS in a freed handle: -EINVAL, NULL");
	CHECK(returned(magic(DLCALL_GET_PROC_ADDRESS, RTLD_DEFAULT, "strlen",
			     &symbol),
		       0) &&
		  symbol == (void *)strlen,
	      "GET_PROC_ADDRESS in RTLD_DEFAULT finds strlen");
	CHECK(returned(magic(DLCALL_FREE_LIBRARY, handle, NULL, NULL), -EFAULT),
	      "FREE_LIBRARY with NULL out: -EFAULT");
	handle = (void *)1;
	CHECK(returned(magic(DLCALL_LOAD_LIBRARY, "/nonexistent/libx.so",
			     (void *)(long)RTLD_NOW, &handle),
		       0) &&
		  handle == NULL,
	      "LOAD_LIBRARY of a missing file gives NULL");
	CHECK(returned(magic(DLCALL_GET_LIBRARY_ERROR, &message, NULL, NULL),
		       0) &&
		  message && strstr(message, "nonexistent"),
	      "GET_LIBRARY_ERROR names the missing file");
	CHECK(returned(magic(DLCALL_LOAD_LIBRARY, "libm.so.6",
			     (void *)(long)RTLD_NOW, NULL),
		       -EFAULT),
	      "LOAD_LIBRARY with NULL out: -EFAULT");
	handle = (void *)1;
	CHECK(returned(magic(DLCALL_LOAD_LIBRARY, "libm.so.6",
			     (void *)(long)(RTLD_NOW | 0x40000000), &handle),
		       -EINVAL) &&
		  handle == NULL,
	      "LOAD_LIBRARY with a flag dlopen() does not document: -EINVAL");
	CHECK(returned(magic(DLCALL_GET_LIBRARY_ERROR, NULL, NULL, NULL),
		       -EFAULT),
	      "GET_LIBRARY_ERROR with NULL out: -EFAULT");

	CHECK(returned(magic(DLCALL_INVOKE_PROC, (void *)invoked, (void *)11,
			     (void *)22),
		       0) &&
		  invocations == 1 && invoked_arg1 == (void *)11 &&
		  invoked_arg2 == (void *)22,
	      "INVOKE_PROC calls fn(arg1, arg2)");
	CHECK(returned(magic(DLCALL_INVOKE_PROC, NULL, NULL, NULL), -EFAULT) &&
		  invocations == 1,
	      "INVOKE_PROC of NULL: -EFAULT, no crash");
	CHECK(returned(magic(DLCALL_OPERATION_COUNT, NULL, NULL, NULL),
		       -EINVAL) &&
		  returned(magic(~0ull, NULL, NULL, NULL), -EINVAL),
	      "unknown operations: -EINVAL");
}

/* A translation block of `count` instructions given by their bytes. */
static void translate(struct qemu_plugin_tb *tb, struct qemu_plugin_insn *insns,
		      const unsigned char (*bytes)[16], const size_t *sizes,
		      size_t count)
{
	memset(insns, 0, count * sizeof(*insns));
	for (size_t i = 0; i < count; i++) {
		memcpy(insns[i].bytes, bytes[i], sizes[i]);
		insns[i].size = sizes[i];
	}
	tb->insns = insns;
	tb->count = count;
	fake_translation_callback(1, tb);
}

/* The mailbox registration entry the plugin offers, or NULL. */
static void *mailbox_entry(void)
{
	const char *file = NULL;
	void *plugin = NULL, *entry = NULL;

	magic(DLCALL_GET_HOST_ATTRIBUTE, DLCALL_PLUGIN_ATTRIBUTE, &file, NULL);
	if (file)
		magic(DLCALL_LOAD_LIBRARY, file,
		      (void *)(long)(RTLD_NOW | RTLD_NOLOAD), &plugin);
	if (plugin)
		magic(DLCALL_GET_PROC_ADDRESS, plugin,
		      DLCALL_PLUGIN_MAILBOX_ENTRY, &entry);
	return entry;
}

/* Executes instruction `insn` as QEMU would: its callback, if any. */
static void execute(struct qemu_plugin_insn *insn)
{
	if (insn->executed)
		insn->executed(0, insn->userdata);
}

static void send(struct dlcall_mailbox *mailbox, uint64_t bounded)
{
	mailbox->arg1 = (void *)33;
	mailbox->arg2 = (void *)44;
	mailbox->bounded = bounded;
	mailbox->function = invoked;
}

static void test_fast_transport(void)
{
	static const unsigned char x86[3][16] = {
	    {0x90},
	    {DLCALL_MARKER_X86_64},
	    {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00}};
	static const size_t x86_sizes[3] = {1, 8, 8};
	static const unsigned char arm[2][16] = {{0xf1, 0x03, 0x11, 0xaa},
						 {DLCALL_MARKER_AARCH64}};
	static const size_t arm_sizes[2] = {4, 4};
	struct dlcall_mailbox mailbox = {0};
	struct qemu_plugin_insn insns[3];
	struct qemu_plugin_tb tb;
	char *off[] = {"fast=off"}, *none[] = {NULL};
	int version = -1, before;
	void *entry = NULL;

	magic_number = DLCALL_DEFAULT_SYSCALL;
	CHECK(rejects("fast=maybe", "fast"), "fast=maybe rejected");
	CHECK(install_with(0, 1, off) == 0 && !mailbox_entry(),
	      "fast=off: no fast transport offered");
	CHECK(install_with(0, 0, none) == 0 && (entry = mailbox_entry()) &&
		  fake_vcpu_init_callback && !fake_translation_callback,
	      "fast transport offered; nothing instrumented before a "
	      "mailbox is registered");
	if (!entry || !fake_vcpu_init_callback)
		return;
	fake_vcpu_init_callback(1, 0);
	magic(DLCALL_INVOKE_PROC, entry, &mailbox, &version);
	CHECK(version == DLCALL_MAILBOX_VERSION && fake_translation_callback,
	      "a mailbox registered: version %d, markers instrumented",
	      version);
	if (!fake_translation_callback)
		return;
	translate(&tb, insns, x86, x86_sizes, 3);
	CHECK(!insns[0].executed && insns[1].executed && !insns[2].executed &&
		  insns[1].flags == QEMU_PLUGIN_CB_NO_REGS,
	      "x86_64: only the marker gets a callback, not a padding NOP");
	before = invocations;
	send(&mailbox, 0);
	execute(&insns[1]);
	CHECK(invocations == before + 1 && invoked_arg1 == (void *)33 &&
		  invoked_arg2 == (void *)44 && !mailbox.function,
	      "one guest thread: the marker runs the call and takes it");
	execute(&insns[1]);
	CHECK(invocations == before + 1, "an empty mailbox: nothing runs");
	fake_vcpu_init_callback(1, 1);
	send(&mailbox, 0);
	execute(&insns[1]);
	CHECK(invocations == before + 1 && mailbox.function == invoked &&
		  mailbox.refused == DLCALL_REFUSED_UNBOUNDED,
	      "two guest threads: an unbounded call is left for the syscall, "
	      "and the mailbox says so");
	mailbox.bounded = 1;
	execute(&insns[1]);
	CHECK(invocations == before + 2 && !mailbox.function,
	      "two guest threads: a bounded call is taken");
	target = "aarch64";
	install_with(0, 0, none);
	translate(&tb, insns, arm, arm_sizes, 2);
	CHECK(!insns[0].executed && insns[1].executed,
	      "aarch64: the marker, not mov x17, x17, gets a callback");
	target = "x86_64";
}

int main(int argc, char **argv)
{
	void *plugin;
	int *version;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PLUGIN EXPECTED_VERSION\n", argv[0]);
		return 2;
	}
	plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!plugin) {
		fprintf(stderr, "harness: %s\n", dlerror());
		return 2;
	}
	version = dlsym(plugin, "qemu_plugin_version");
	install = (install_function)dlsym(plugin, "qemu_plugin_install");
	CHECK(version && *version == atoi(argv[2]),
	      "plugin API %d: exports qemu_plugin_version %d",
	      DLCALL_PLUGIN_API, atoi(argv[2]));
	CHECK(install != NULL, "exports qemu_plugin_install");
	if (!install)
		return tap_done();
	test_options();
	test_other_syscall_numbers();
	test_operations();
	test_fast_transport();
	return tap_done();
}
