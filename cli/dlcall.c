// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dlcall: runs a Linux program of another ISA under qemu-user with its
 * libraries passed through to the host's native ones.
 *
 *   dlcall run [options] -- PROG ARGS...
 *   dlcall list [--arch A]
 *   dlcall binfmt install|uninstall|status
 *
 * The launcher finds qemu-<arch> for the program's ELF machine, loads the
 * dlcall plugin into it, and puts the guest thunk directory of each
 * passed-through library first on the guest's library path. The guest's
 * library path is set for the guest only (qemu -E), never in QEMU's own
 * environment (SPEC §9); only QEMU's own QEMU_CPU and QEMU_PLUGIN are.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "dlcall/abi.h"
#include "dlcall/report.h"

const struct guest_isa guest_isas[] = {
    {"x86_64", "x86_64-linux-gnu", EM_X86_64, NULL},
    {"aarch64", "aarch64-linux-gnu", EM_AARCH64, "max,sve=off,sme=off"},
    {"riscv64", "riscv64-linux-gnu", EM_RISCV, NULL},
};
const size_t guest_isa_count = sizeof(guest_isas) / sizeof(guest_isas[0]);

const struct guest_isa *host_isa(void)
{
#if defined(__x86_64__)
	return &guest_isas[0];
#elif defined(__aarch64__)
	return &guest_isas[1];
#elif defined(__riscv) && __riscv_xlen == 64
	return &guest_isas[2];
#else
	return NULL;
#endif
}

struct options {
	const struct guest_isa *isa;
	int emulate;
	int verbose;
	int trace;
	int summary;
	const char *syscall_number;
	const char *argv0; /* the program's argv[0], if not PROG */
	const char *qemu;  /* --qemu PATH: a QEMU of any version */
	const char *plugin; /* --plugin PATH: another syscall plugin */
	const char **only; /* --lib NAME..., as many as given */
	int only_count;
	const char **excluded;
	int excluded_count;
	char **program; /* PROG ARGS..., NULL-terminated */
};

static const char usage[] =
    "usage: dlcall run [options] -- PROG [ARGS...]\n"
    "       dlcall list [--arch ARCH]\n"
    "       dlcall binfmt install|uninstall|status\n"
    "       dlcall rootfs [--undo] ROOT\n"
    "\n"
    "Runs PROG, a Linux program for another ISA, under qemu-user with its\n"
    "libraries passed through to the host's native libraries.\n"
    "\n"
    "options of run:\n"
    "  --arch ARCH        guest ISA (x86_64, aarch64, riscv64); default:\n"
    "                     read from PROG's ELF header\n"
    "  --emulate          plain emulation, no pass-through (for comparison)\n"
    "  --lib NAME         pass through only NAME (repeatable)\n"
    "  --no-lib NAME      do not pass through NAME (repeatable)\n"
    "  -v, --verbose      say which libraries pass through\n"
    "  --trace            name every call passed through (library and\n"
    "                     function), and trace every plugin operation\n"
    "  --summary          at exit, count the calls passed through, by\n"
    "                     library and function\n"
    "  --syscall-num N    magic syscall number (default 4096, >= 4096)\n"
    "  --argv0 NAME       the program's argv[0] (default: PROG)\n"
    "  --qemu PATH        run this qemu-user (7.2 or later) instead of the\n"
    "                     one on PATH, with the plugin for its version\n"
    "  --plugin PATH      load this QEMU plugin instead of dlcall's own (one\n"
    "                     with the same six operations, e.g. QEMU 11.1's)\n"
    "  -h, --help         this text\n"
    "\n"
    "binfmt install registers dlcall with binfmt_misc, so that foreign\n"
    "programs started directly pass through; rootfs ROOT makes the host's\n"
    "QEMU, libraries and dlcall visible inside a foreign root file system\n"
    "ROOT for that (both root only; see dlcall(1)).\n"
    "\n"
    "environment: DLCALL_QEMU overrides the qemu-user program;\n"
    "DLCALL_HOST_DIR, a colon-separated list, where host thunks are\n"
    "searched (default: this installation's lib/dlcall/host). A library\n"
    "whose host side is missing or unusable runs emulated with the\n"
    "guest's own copy; -v says which path each library took.\n"
    "\n"
    "Trust: dlcall is not a sandbox. A guest program run through it can\n"
    "load and run any code on the host with your rights. Run only\n"
    "programs you trust.\n";

void fail(const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	dlcall_vreport(format, ap);
	va_end(ap);
	exit(2);
}

void format(char *out, size_t size, const char *format, ...)
{
	va_list ap;
	int length;

	va_start(ap, format);
	length = vsnprintf(out, size, format, ap);
	va_end(ap);
	if (length < 0 || (size_t)length >= size)
		fail("path too long: %.60s...", out);
}

static const struct guest_isa *isa_by_name(const char *name)
{
	for (size_t i = 0; i < guest_isa_count; i++)
		if (strcmp(guest_isas[i].name, name) == 0)
			return &guest_isas[i];
	if (strcmp(name, "arm64") == 0)
		return isa_by_name("aarch64");
	if (strcmp(name, "amd64") == 0)
		return isa_by_name("x86_64");
	return NULL;
}

void launcher_path(char *path, size_t size)
{
	ssize_t length = readlink("/proc/self/exe", path, size - 1);

	if (length < 0)
		fail("cannot find my own location: %s", strerror(errno));
	path[length] = '\0';
}

/* The installation root: bin/dlcall's parent directory. */
static void find_root(char *root, size_t size)
{
	char self[PATH_MAX];
	char *slash;

	launcher_path(self, sizeof(self));
	for (int i = 0; i < 2; i++) {
		slash = strrchr(self, '/');
		if (!slash)
			fail("unexpected location %s", self);
		*slash = '\0';
	}
	format(root, size, "%s", self);
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PROG as given if it has a slash, else the first match on PATH. */
static void resolve_program(const char *name, char *path, size_t size)
{
	const char *search = getenv("PATH");

	if (strchr(name, '/') || !search) {
		format(path, size, "%s", name);
		return;
	}
	while (*search) {
		size_t length = strcspn(search, ":");

		format(path, size, "%.*s/%s", (int)length, search, name);
		if (is_file(path))
			return;
		search += length + (search[length] == ':');
	}
	format(path, size, "%s", name);
}

/* The PT_INTERP path of an ELF file, or "" (static, or unreadable). */
static void read_interpreter(FILE *file, const Elf64_Ehdr *header,
			     char *interpreter, size_t size)
{
	interpreter[0] = '\0';
	for (int i = 0; i < header->e_phnum; i++) {
		Elf64_Phdr program_header;

		if (fseek(file,
			  (long)(header->e_phoff + i * sizeof(Elf64_Phdr)),
			  SEEK_SET) != 0 ||
		    fread(&program_header, sizeof(program_header), 1, file) !=
			1)
			return;
		if (program_header.p_type != PT_INTERP)
			continue;
		if (program_header.p_filesz < size &&
		    fseek(file, (long)program_header.p_offset, SEEK_SET) == 0 &&
		    fread(interpreter, 1, program_header.p_filesz, file) ==
			program_header.p_filesz)
			interpreter[program_header.p_filesz] = '\0';
		return;
	}
}

/*
 * Reads the ELF header of the program: its ISA and its dynamic loader
 * (empty for a static program).
 */
static const struct guest_isa *inspect_program(const char *path,
					       char *interpreter, size_t size)
{
	FILE *file = fopen(path, "rb");
	Elf64_Ehdr header;
	const struct guest_isa *isa = NULL;

	interpreter[0] = '\0';
	if (!file)
		fail("cannot open %s: %s", path, strerror(errno));
	if (fread(&header, 1, sizeof(header), file) < EI_NIDENT ||
	    memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
		fail("%s is not an ELF program", path);
	if (header.e_ident[EI_CLASS] != ELFCLASS64)
		fail("%s is a 32-bit program; dlcall supports 64-bit guests "
		     "only (x86_64, aarch64, riscv64)",
		     path);
	if (header.e_ident[EI_DATA] != ELFDATA2LSB)
		fail("%s is big-endian; dlcall supports little-endian guests "
		     "only",
		     path);
	for (size_t i = 0; i < guest_isa_count; i++)
		if (guest_isas[i].machine == header.e_machine)
			isa = &guest_isas[i];
	if (!isa)
		fail("%s is for ELF machine %u, which dlcall does not support "
		     "(x86_64, aarch64, riscv64)",
		     path, header.e_machine);
	read_interpreter(file, &header, interpreter, size);
	fclose(file);
	return isa;
}

/*
 * Executes QEMU with argv (argv[0] is QEMU), or returns with errno set.
 * The kernel answers ENOENT for an existing file whose dynamic loader is
 * missing: in a foreign root file system prepared by dlcall rootfs the
 * host's loader is only at its canonical path, HOST_LOADER (this
 * launcher's interpreter), which then runs QEMU by name. Nothing is read
 * or tried twice on the usual path.
 */
static void exec_qemu(const char *qemu, char **argv)
{
	size_t count = 0;
	char **via_loader;

	execv(qemu, argv);
	if (errno != ENOENT || !is_file(qemu))
		return;
	while (argv[count])
		count++;
	via_loader = calloc(count + 2, sizeof(*via_loader));
	if (!via_loader)
		return;
	via_loader[0] = HOST_LOADER;
	memcpy(via_loader + 1, argv, count * sizeof(*argv));
	execv(HOST_LOADER, via_loader);
	errno = ENOENT; /* QEMU's loader, not ours, is what is missing */
}

int find_on_path(const char *name, char *path, size_t size)
{
	const char *search = getenv("PATH");

	while (search && *search) {
		size_t length = strcspn(search, ":");

		format(path, size, "%.*s/%s", (int)length, search, name);
		if (access(path, X_OK) == 0)
			return 1;
		search += length + (search[length] == ':');
	}
	return 0;
}

static int listed(const char *name, const char *const *list, int count)
{
	for (int i = 0; i < count; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* Appends `item` to a growing array of pointers. */
static void append(const char ***array, int *count, const char *item)
{
	*array = realloc(*array, (size_t)(*count + 1) * sizeof(**array));
	if (!*array)
		fail("out of memory");
	(*array)[(*count)++] = item;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Library names with a guest thunk directory for this ISA, sorted; as
 * many as there are. */
static int available_libraries(const char *thunk_root, const char ***names)
{
	DIR *directory = opendir(thunk_root);
	struct dirent *entry;
	int count = 0;

	*names = NULL;
	if (!directory)
		return 0;
	while ((entry = readdir(directory))) {
		char path[PATH_MAX];

		if (entry->d_name[0] == '.')
			continue;
		format(path, sizeof(path), "%s/%s", thunk_root, entry->d_name);
		if (is_directory(path))
			append(names, &count, strdup(entry->d_name));
	}
	closedir(directory);
	if (count)
		qsort(*names, (size_t)count, sizeof(**names), compare_names);
	return count;
}

static void check_library_names(const char *const *list, int count,
				const char **names, int available,
				const char *isa)
{
	for (int i = 0; i < count; i++) {
		int found = 0;

		for (int j = 0; j < available; j++)
			found |= strcmp(names[j], list[i]) == 0;
		if (!found)
			fail("no pass-through library '%s' for %s (see 'dlcall "
			     "list --arch %s')",
			     list[i], isa, isa);
	}
}

/* Whether the group file of library `name` (NAME.group, from the spec's
 * group lines) lists `member`. */
static int in_group(const char *thunk_root, const char *name,
		    const char *member)
{
	char path[PATH_MAX * 2], word[256];
	FILE *group;
	int found = 0;

	format(path, sizeof(path), "%s/%s/%s.group", thunk_root, name, name);
	group = fopen(path, "r");
	if (!group)
		return 0;
	while (!found && fscanf(group, "%255s", word) == 1)
		found = strcmp(word, member) == 0;
	fclose(group);
	return found;
}

enum library_state { NOT_ASKED, ENABLED, DISABLED };

/* -v: `name` follows `partner` (SPEC §7). */
static void say_grouped(const char *name, int emulated, const char *partner)
{
	fprintf(stderr, "dlcall: %s: %s, as %s, which shares objects with it\n",
		name, emulated ? "emulated" : "passed through", partner);
}

/*
 * Which of the `available` libraries pass through: --lib's (all without
 * it), less --no-lib's; then libraries that share objects (a group) pass
 * through together or not at all (SPEC §7): --lib of one brings the
 * others, --no-lib of one takes them all. Repeated until nothing
 * changes, so that a chain of groups is followed too.
 */
static enum library_state *choose_libraries(const char *thunk_root,
					    const char **names, int available,
					    const struct options *options)
{
	enum library_state *state = calloc((size_t)available + 1,
					   sizeof(*state));
	int changed = 1;

	if (!state)
		fail("out of memory");
	for (int i = 0; i < available; i++) {
		if (listed(names[i], options->excluded,
			   options->excluded_count))
			state[i] = DISABLED;
		else if (!options->only_count ||
			 listed(names[i], options->only, options->only_count))
			state[i] = ENABLED;
	}
	while (changed) {
		changed = 0;
		for (int i = 0; i < available; i++) {
			for (int j = 0; j < available; j++) {
				if (state[i] != ENABLED || state[j] == ENABLED ||
				    !in_group(thunk_root, names[i], names[j]))
					continue;
				/* Asked for by name, yet a member it shares
				 * objects with is kept emulated: refuse. */
				if (state[j] == DISABLED &&
				    listed(names[i], options->only,
					   options->only_count))
					fail("--lib %s: it shares objects with %s, "
					     "which --no-lib keeps emulated; they "
					     "pass through together or not at all",
					     names[i], names[j]);
				if (state[j] == DISABLED)
					state[i] = DISABLED;
				else
					state[j] = ENABLED;
				if (options->verbose)
					say_grouped(state[j] == DISABLED
							? names[i]
							: names[j],
						    state[j] == DISABLED,
						    state[j] == DISABLED
							? names[j]
							: names[i]);
				changed = 1;
			}
		}
	}
	return state;
}

static void parse_run_options(int argc, char **argv, struct options *options)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		} else if (strcmp(arg, "-h") == 0 ||
			   strcmp(arg, "--help") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else if (strcmp(arg, "--arch") == 0 && value) {
			options->isa = isa_by_name(value);
			if (!options->isa)
				fail("unsupported guest ISA '%s' (supported: "
				     "x86_64, aarch64, riscv64)",
				     value);
			i++;
		} else if (strcmp(arg, "--lib") == 0 && value) {
			append(&options->only, &options->only_count, value);
			i++;
		} else if (strcmp(arg, "--no-lib") == 0 && value) {
			append(&options->excluded, &options->excluded_count,
			       value);
			i++;
		} else if (strcmp(arg, "--syscall-num") == 0 && value) {
			char *end;
			long number = strtol(value, &end, 10);

			if (*value < '0' || *value > '9' || *end ||
			    number < DLCALL_MIN_SYSCALL)
				fail("--syscall-num needs a decimal number >= "
				     "%d, got '%s'",
				     DLCALL_MIN_SYSCALL, value);
			options->syscall_number = value;
			i++;
		} else if (strcmp(arg, "--argv0") == 0 && value) {
			options->argv0 = value;
			i++;
		} else if (strcmp(arg, "--qemu") == 0 && value) {
			options->qemu = value;
			i++;
		} else if (strcmp(arg, "--plugin") == 0 && value) {
			options->plugin = value;
			i++;
		} else if (strcmp(arg, "--emulate") == 0) {
			options->emulate = 1;
		} else if (strcmp(arg, "-v") == 0 ||
			   strcmp(arg, "--verbose") == 0) {
			options->verbose = 1;
		} else if (strcmp(arg, "--trace") == 0) {
			options->trace = options->verbose = 1;
		} else if (strcmp(arg, "--summary") == 0) {
			options->summary = 1;
		} else if (arg[0] == '-') {
			fail(
			    "unknown option '%s' or missing value (see 'dlcall "
			    "run --help')",
			    arg);
		} else {
			break; /* PROG without "--" */
		}
	}
	if (i >= argc)
		fail("no program to run (usage: dlcall run [options] -- PROG "
		     "[ARGS...])");
	options->program = argv + i;
}

/*
 * The user's LD_LIBRARY_PATH after the thunks, without the thunk
 * directories a parent dlcall put there (a program exec'd by one that
 * dlcall runs, through binfmt_misc, inherits them): --no-lib holds.
 */
static void append_user_library_path(FILE *list, const char *thunk_root)
{
	const char *path = getenv("LD_LIBRARY_PATH");
	size_t root_length = strlen(thunk_root);

	while (path && *path) {
		size_t length = strcspn(path, ":");

		if (!(length > root_length &&
		      strncmp(path, thunk_root, root_length) == 0 &&
		      path[root_length] == '/'))
			fprintf(list, "%s%.*s", ftell(list) ? ":" : "",
				(int)length, path);
		path += length + (path[length] == ':');
	}
}

/*
 * Drops the QEMU_CPU and QEMU_LD_PREFIX dlcall sets for another ISA,
 * inherited from a program of that ISA (an aarch64 program execs a
 * riscv64 one through binfmt_misc): this ISA's QEMU would refuse the CPU
 * and find no dynamic loader under the prefix. A user's own are kept.
 */
static void drop_other_isa_settings(const struct guest_isa *isa)
{
	const char *cpu = getenv("QEMU_CPU");
	const char *prefix = getenv("QEMU_LD_PREFIX");

	for (size_t i = 0; i < guest_isa_count; i++) {
		const struct guest_isa *other = &guest_isas[i];

		if (other == isa)
			continue;
		if (cpu && other->cpu && strcmp(other->cpu, cpu) == 0 &&
		    !(isa->cpu && strcmp(isa->cpu, cpu) == 0)) {
			unsetenv("QEMU_CPU");
			cpu = NULL;
		}
		if (prefix && strncmp(prefix, "/usr/", 5) == 0 &&
		    strcmp(prefix + 5, other->triple) == 0) {
			unsetenv("QEMU_LD_PREFIX");
			prefix = NULL;
		}
	}
}

/*
 * QEMU's version, from the first line of "QEMU --version", run the way
 * run() will run it (through the host's loader where needed). A release
 * candidate (x.y.90 and up) counts as the release it leads to.
 */
static void qemu_version(const char *qemu, int *major, int *minor)
{
	char text[512] = "", spill[256], *version;
	size_t length = 0;
	ssize_t got;
	int pipe_fds[2], status, micro = 0;
	pid_t child;

	if (pipe(pipe_fds) != 0 || (child = fork()) < 0)
		fail("cannot run %s: %s", qemu, strerror(errno));
	if (child == 0) {
		dup2(pipe_fds[1], STDOUT_FILENO);
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		exec_qemu(qemu, (char *[]){(char *)qemu, "--version", NULL});
		_exit(127);
	}
	close(pipe_fds[1]);
	/* Read to the end: a QEMU cut off in mid-write dies of SIGPIPE. */
	while ((got = read(pipe_fds[0],
			   length < sizeof(text) - 1 ? text + length : spill,
			   length < sizeof(text) - 1 ? sizeof(text) - 1 - length
						     : sizeof(spill))) > 0)
		if (length < sizeof(text) - 1)
			length += (size_t)got;
	close(pipe_fds[0]);
	waitpid(child, &status, 0);
	version = strstr(text, " version ");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !version ||
	    sscanf(version + 9, "%d.%d.%d", major, minor, &micro) < 2)
		fail("%s is not a QEMU that tells its version (%s --version)",
		     qemu, qemu);
	if (micro >= 90 && *minor >= 2)
		++*major, *minor = 0; /* x.2 is followed by (x+1).0 */
	else if (micro >= 90)
		++*minor;
}

/*
 * The plugin for a QEMU given by --qemu: the API version it accepts
 * decides (plugin/qemu_plugin_api.h): 1 up to 8.2, 2 for 9.0, 3 for 9.1,
 * 4 for 9.2 to 10.x, then the filter flavours, 6 for 11.0 and 7 on.
 */
static void plugin_for_qemu(const char *root, const char *qemu, char *path,
			    size_t size)
{
	int major, minor, version;

	qemu_version(qemu, &major, &minor);
	if (major < 7 || (major == 7 && minor < 2))
		fail("%s is QEMU %d.%d; dlcall needs 7.2 or later", qemu, major,
		     minor);
	if (major < 9)
		version = 1;
	else if (major == 9)
		version = minor == 0 ? 2 : minor == 1 ? 3 : 4;
	else if (major == 10)
		version = 4;
	else
		version = major == 11 && minor == 0 ? 6 : 7;
	format(path, size, "%s/lib/dlcall/plugin/libdlcall-v%d.so", root,
	       version);
}

/* Appends one argument to the QEMU command line. */
static void push(char ***command, int *count, const char *format, ...)
{
	char *text;
	va_list ap;

	va_start(ap, format);
	if (vasprintf(&text, format, ap) < 0)
		fail("out of memory");
	va_end(ap);
	*command = realloc(*command, (*count + 2) * sizeof(**command));
	if (!*command)
		fail("out of memory");
	(*command)[(*count)++] = text;
	(*command)[*count] = NULL;
}

static int run(int argc, char **argv)
{
	struct options options = {0};
	char root[PATH_MAX], program[PATH_MAX], interpreter[PATH_MAX];
	char qemu[PATH_MAX], path[PATH_MAX * 2], thunk_root[PATH_MAX];
	char plugin[PATH_MAX * 3];
	const char **names;
	char *library_path = NULL;
	size_t library_path_size = 0;
	FILE *library_list;
	const struct guest_isa *elf_isa;
	const char *sysroot = NULL, *cpu;
	enum library_state *state;
	char **command = NULL;
	int count = 0, available;

	parse_run_options(argc, argv, &options);
	find_root(root, sizeof(root));
	resolve_program(options.program[0], program, sizeof(program));
	elf_isa = inspect_program(program, interpreter, sizeof(interpreter));
	if (!options.isa)
		options.isa = elf_isa;
	else if (options.isa != elf_isa)
		fail("%s is a %s program, not %s", program, elf_isa->name,
		     options.isa->name);

	if (options.qemu) {
		if (access(options.qemu, X_OK) != 0)
			fail("--qemu %s: %s", options.qemu, strerror(errno));
		format(qemu, sizeof(qemu), "%s", options.qemu);
	} else if (getenv("DLCALL_QEMU") && *getenv("DLCALL_QEMU"))
		format(qemu, sizeof(qemu), "%s", getenv("DLCALL_QEMU"));
	else {
		format(path, sizeof(path), "qemu-%s", options.isa->name);
		if (!find_on_path(path, qemu, sizeof(qemu)))
			fail("qemu-%s not found on PATH; install Debian's "
			     "qemu-user (apt-get install qemu-user)",
			     options.isa->name);
	}

	drop_other_isa_settings(options.isa);
	/* The guest's dynamic loader: on the host as is (multiarch), or in
	 * Debian's cross sysroot /usr/<triple>. */
	if (interpreter[0] && !getenv("QEMU_LD_PREFIX") &&
	    !is_file(interpreter)) {
		format(path, sizeof(path), "/usr/%s%s", options.isa->triple,
		       interpreter);
		if (!is_file(path))
			fail("%s needs %s, which is missing; install the "
			     "guest's C library (libc6:%s or libc6-%s-cross)",
			     program, interpreter,
			     strcmp(options.isa->name, "aarch64") == 0
				 ? "arm64"
				 : options.isa->name,
			     strcmp(options.isa->name, "aarch64") == 0
				 ? "arm64"
				 : options.isa->name);
		format(path, sizeof(path), "/usr/%s", options.isa->triple);
		sysroot = strdup(path);
	}

	/*
	 * QEMU's CPU and plugin go in its own environment: QEMU reads them
	 * there and hands them to the guest, so a guest program the guest
	 * execs, started by binfmt_misc, gets the same (-E cannot carry them:
	 * it splits its value at commas). The same CPU in both modes, so that
	 * they compare fairly; a user's QEMU_CPU wins. A QEMU_PLUGIN
	 * inherited from a program dlcall runs is replaced.
	 */
	unsetenv("QEMU_PLUGIN");
	cpu = getenv("QEMU_CPU") ? NULL : options.isa->cpu;
	if (cpu && setenv("QEMU_CPU", cpu, 1) != 0)
		fail("out of memory");
	push(&command, &count, "%s", qemu);
	if (sysroot) {
		push(&command, &count, "-L");
		push(&command, &count, "%s", sysroot);
	}
	if (!options.emulate) {
		if (options.plugin)
			format(path, sizeof(path), "%s", options.plugin);
		else if (options.qemu)
			plugin_for_qemu(root, qemu, path, sizeof(path));
		else
			format(path, sizeof(path),
			       "%s/lib/dlcall/plugin/libdlcall.so", root);
		if (!is_file(path))
			fail(options.plugin
				 ? "--plugin %s: no such file"
				 : "plugin %s is missing; run 'make' "
				   "first",
			     path);
		format(plugin, sizeof(plugin), "%s%s%s%s", path,
		       options.syscall_number ? ",syscall_num=" : "",
		       options.syscall_number ? options.syscall_number : "",
		       options.trace ? ",verbose=on" : "");
		if (setenv("QEMU_PLUGIN", plugin, 1) != 0)
			fail("out of memory");
		/* A program of the host's ISA the guest execs runs natively,
		 * and its thunks fall back on its own libraries. */
		push(&command, &count, "-E");
		push(&command, &count, "%s=1", DLCALL_ENV_RUN);
		if (sysroot) {
			push(&command, &count, "-E");
			push(&command, &count, "QEMU_LD_PREFIX=%s", sysroot);
		}

		format(thunk_root, sizeof(thunk_root), "%s/lib/dlcall/%s", root,
		       options.isa->name);
		if (!is_directory(thunk_root))
			fail("no guest runtime for %s in %s; run 'make' first",
			     options.isa->name, thunk_root);
		available = available_libraries(thunk_root, &names);
		check_library_names(options.only, options.only_count, names,
				    available, options.isa->name);
		check_library_names(options.excluded, options.excluded_count,
				    names, available, options.isa->name);
		/* LD_LIBRARY_PATH: every enabled library's directory. */
		library_list =
		    open_memstream(&library_path, &library_path_size);
		if (!library_list)
			fail("out of memory");
		state = choose_libraries(thunk_root, names, available,
					 &options);
		for (int i = 0; i < available; i++) {
			if (state[i] != ENABLED) {
				if (options.verbose)
					fprintf(
					    stderr,
					    "dlcall: %s: emulated (disabled "
					    "by option)\n",
					    names[i]);
				continue;
			}
			fprintf(library_list, "%s%s/%s",
				ftell(library_list) ? ":" : "", thunk_root,
				names[i]);
		}
		append_user_library_path(library_list, thunk_root);
		if (fclose(library_list) != 0)
			fail("out of memory");
		push(&command, &count, "-E");
		push(&command, &count, "LD_LIBRARY_PATH=%s", library_path);
		push(&command, &count, "-E");
		if (getenv(DLCALL_ENV_HOST_DIR) && *getenv(DLCALL_ENV_HOST_DIR))
			push(&command, &count, "%s=%s", DLCALL_ENV_HOST_DIR,
			     getenv(DLCALL_ENV_HOST_DIR));
		else
			push(&command, &count, "%s=%s/lib/dlcall/host",
			     DLCALL_ENV_HOST_DIR, root);
		if (options.syscall_number) {
			push(&command, &count, "-E");
			push(&command, &count, "%s=%s", DLCALL_ENV_SYSCALL,
			     options.syscall_number);
		}
		if (options.verbose) {
			push(&command, &count, "-E");
			push(&command, &count, "%s=1", DLCALL_ENV_VERBOSE);
		}
		if (options.trace) {
			push(&command, &count, "-E");
			push(&command, &count, "%s=1", DLCALL_ENV_TRACE);
		}
		if (options.summary) {
			push(&command, &count, "-E");
			push(&command, &count, "%s=1", DLCALL_ENV_SUMMARY);
		}
	}
	if (options.argv0) {
		push(&command, &count, "-0");
		push(&command, &count, "%s", options.argv0);
	}
	push(&command, &count, "%s", program);
	for (int i = 1; options.program[i]; i++)
		push(&command, &count, "%s", options.program[i]);

	if (options.verbose) {
		fputs("dlcall:", stderr);
		if (getenv("QEMU_CPU"))
			fprintf(stderr, " QEMU_CPU=%s", getenv("QEMU_CPU"));
		if (getenv("QEMU_PLUGIN"))
			fprintf(stderr, " QEMU_PLUGIN=%s",
				getenv("QEMU_PLUGIN"));
		for (int i = 0; i < count; i++)
			fprintf(stderr, " %s", command[i]);
		fputc('\n', stderr);
	}
	exec_qemu(qemu, command);
	fail("cannot run %s: %s", qemu, strerror(errno));
}

static int list(int argc, char **argv)
{
	char root[PATH_MAX], thunk_root[PATH_MAX * 2];
	const char **names;

	find_root(root, sizeof(root));
	for (size_t i = 0; i < guest_isa_count; i++) {
		const struct guest_isa *isa = &guest_isas[i];
		int count;

		if (argc >= 2 && strcmp(argv[0], "--arch") == 0 &&
		    isa != isa_by_name(argv[1]))
			continue;
		format(thunk_root, sizeof(thunk_root), "%s/lib/dlcall/%s", root,
		       isa->name);
		count = available_libraries(thunk_root, &names);
		printf("%s:", isa->name);
		for (int j = 0; j < count; j++)
			printf(" %s", names[j]);
		printf("%s\n", count ? "" : " (none built)");
	}
	return 0;
}

/*
 * Started by binfmt_misc for a foreign program (dlcall binfmt install):
 * argv is this launcher, the program's path, its argv[0], its arguments.
 * The kernel says so in AT_FLAGS (the entry's P flag, Linux 5.12).
 */
#define AT_FLAGS_PRESERVE_ARGV0 1UL /* Linux's linux/binfmts.h, bit 0 */

static int run_for_binfmt(int argc, char **argv)
{
	char **run_argv = calloc(argc + 4, sizeof(*run_argv));
	int count = 0;

	if (!run_argv)
		fail("out of memory");
	if (argc < 3)
		fail("started by binfmt_misc without a program");
	run_argv[count++] = "--argv0";
	run_argv[count++] = argv[2];
	run_argv[count++] = "--";
	run_argv[count++] = argv[1];
	for (int i = 3; i < argc; i++)
		run_argv[count++] = argv[i];
	return run(count, run_argv);
}

int main(int argc, char **argv)
{
	if (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0)
		return run_for_binfmt(argc, argv);
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "run") == 0)
		return run(argc - 2, argv + 2);
	if (strcmp(argv[1], "list") == 0)
		return list(argc - 2, argv + 2);
	if (strcmp(argv[1], "binfmt") == 0)
		return binfmt(argc - 2, argv + 2);
	if (strcmp(argv[1], "rootfs") == 0)
		return rootfs(argc - 2, argv + 2);
	fail("unknown command '%s' (commands: run, list, binfmt, rootfs; see "
	     "'dlcall --help')",
	     argv[1]);
}
