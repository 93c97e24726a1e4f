// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dlcall binfmt install|uninstall|status: the kernel starts every foreign
 * program through this launcher (docs/system-wide.md).
 *
 * For each guest ISA foreign to the host, an entry "dlcall-ISA" matches
 * the ISA's ELF header and names this launcher as interpreter, with the
 * P flag: the launcher gets the program's own argv[0] and learns from
 * AT_FLAGS that binfmt_misc started it. Other enabled entries for the
 * same ISA (Debian's qemu-user-binfmt registers "qemu-ISA") are disabled
 * while ours are registered, since the kernel would take whichever was
 * registered last, and enabled again on uninstall. Their names are kept
 * in /run, which, like the registrations, does not outlive a reboot.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"

#define BINFMT_DIR	"/proc/sys/fs/binfmt_misc"
#define RECORD_DIR	"/run/dlcall"
#define DISABLED_RECORD RECORD_DIR "/binfmt-disabled"
#define OUR_PREFIX	"dlcall-"

struct entry {
	char name[NAME_MAX + 1];
	int enabled;
	char interpreter[PATH_MAX];
	char flags[32];
	const struct guest_isa *isa; /* matches this ISA's ELF files */
};

/*
 * The ISA whose 64-bit little-endian ELF files a magic (hex, at offset
 * 0) matches: e_machine is bytes 18 and 19, least significant first.
 */
static const struct guest_isa *elf_isa(const char *magic)
{
	unsigned low, high;

	if (strlen(magic) < 40 || strncmp(magic, "7f454c460201", 12) != 0)
		return NULL;
	if (sscanf(magic + 36, "%2x%2x", &low, &high) != 2)
		return NULL;
	for (size_t i = 0; i < guest_isa_count; i++)
		if (guest_isas[i].machine == (low | high << 8))
			return &guest_isas[i];
	return NULL;
}

/* Reads BINFMT_DIR/name; 0 for the control files and unreadable ones. */
static int read_entry(const char *name, struct entry *entry)
{
	char path[PATH_MAX], line[PATH_MAX + 32], magic[512] = "";
	long offset = -1;
	FILE *file;

	if (name[0] == '.' || strcmp(name, "register") == 0 ||
	    strcmp(name, "status") == 0)
		return 0;
	format(path, sizeof(path), "%s/%s", BINFMT_DIR, name);
	file = fopen(path, "r");
	if (!file)
		return 0;
	memset(entry, 0, sizeof(*entry));
	format(entry->name, sizeof(entry->name), "%s", name);
	while (fgets(line, sizeof(line), file)) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "enabled") == 0)
			entry->enabled = 1;
		else if (strncmp(line, "interpreter ", 12) == 0)
			format(entry->interpreter, sizeof(entry->interpreter),
			       "%s", line + 12);
		else if (strncmp(line, "flags:", 6) == 0)
			format(entry->flags, sizeof(entry->flags), "%s",
			       line + 6 + (line[6] == ' '));
		else if (strncmp(line, "offset ", 7) == 0)
			offset = atol(line + 7);
		else if (strncmp(line, "magic ", 6) == 0)
			format(magic, sizeof(magic), "%s", line + 6);
	}
	fclose(file);
	entry->isa = offset == 0 ? elf_isa(magic) : NULL;
	return 1;
}

/* Every entry, sorted by name, in *entries (malloc'd); returns how many. */
static int list_entries(struct entry **entries)
{
	struct dirent **names;
	int count = 0, found = scandir(BINFMT_DIR, &names, NULL, alphasort);

	if (found < 0)
		fail("binfmt: cannot list %s: %s", BINFMT_DIR, strerror(errno));
	*entries = calloc(found ? found : 1, sizeof(**entries));
	if (!*entries)
		fail("out of memory");
	for (int i = 0; i < found; i++) {
		if (read_entry(names[i]->d_name, &(*entries)[count]))
			count++;
		free(names[i]);
	}
	free(names);
	return count;
}

static int is_ours(const struct entry *entry)
{
	return strncmp(entry->name, OUR_PREFIX, strlen(OUR_PREFIX)) == 0;
}

/* Writes text to BINFMT_DIR/name: "1", "0", "-1" or a registration. */
static void write_control(const char *name, const char *text)
{
	char path[PATH_MAX];
	int fd;

	format(path, sizeof(path), "%s/%s", BINFMT_DIR, name);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail("binfmt: cannot write to %s: %s", path, strerror(errno));
	close(fd);
}

/* Whether binfmt_misc is mounted; mounts it if asked (as systemd does). */
static int binfmt_mounted(int mount_it)
{
	struct stat st;

	if (stat(BINFMT_DIR "/register", &st) == 0)
		return 1;
	if (!mount_it)
		return 0;
	if (stat(BINFMT_DIR, &st) != 0)
		fail("binfmt: this kernel has no binfmt_misc (%s is missing)",
		     BINFMT_DIR);
	if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) != 0)
		fail("binfmt: binfmt_misc is not mounted on %s and cannot be "
		     "mounted: %s",
		     BINFMT_DIR, strerror(errno));
	return 1;
}

/* install and uninstall change the whole system: root, Linux >= 5.12. */
static void check_may_change(const char *command)
{
	struct utsname name;
	int major = 0, minor = 0;

	if (geteuid() != 0)
		fail("binfmt %s needs root: binfmt_misc is system-wide",
		     command);
	if (uname(&name) == 0)
		sscanf(name.release, "%d.%d", &major, &minor);
	if (major < 5 || (major == 5 && minor < 12))
		fail("binfmt %s needs Linux 5.12 or later (binfmt_misc tells "
		     "the interpreter in AT_FLAGS); this is %s",
		     command, name.release);
}

/* This launcher, as binfmt_misc's interpreter. */
static void interpreter_path(char *path, size_t size)
{
	launcher_path(path, size);
	if (strchr(path, ':'))
		fail("binfmt: the launcher's path %s has a ':', which "
		     "binfmt_misc cannot take",
		     path);
}

/* Registers dlcall-ISA: ELF 64-bit little-endian, executable or shared
 * object (e_type 2 or 3 under the mask 0xfe), of the ISA's e_machine. */
static void register_isa(const struct guest_isa *isa, const char *launcher)
{
	char rule[PATH_MAX + 512];

	format(rule, sizeof(rule),
	       ":%s%s:M::"
	       "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	       "\\x00\\x00\\x02\\x00\\x%02x\\x%02x:"
	       "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff"
	       "\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:%s:P",
	       OUR_PREFIX, isa->name, isa->machine & 0xff, isa->machine >> 8,
	       launcher);
	write_control("register", rule);
	printf("dlcall: binfmt: registered %s%s: %s programs start through "
	       "%s\n",
	       OUR_PREFIX, isa->name, isa->name, launcher);
}

int binfmt_interpreter(const struct guest_isa *isa, char *path, size_t size)
{
	char name[NAME_MAX + 1];
	struct entry entry;

	format(name, sizeof(name), "%s%s", OUR_PREFIX, isa->name);
	if (!read_entry(name, &entry) || !entry.enabled)
		return 0;
	format(path, size, "%s", entry.interpreter);
	return 1;
}

/* Removes every dlcall-* entry; returns how many. */
static int remove_ours(void)
{
	struct entry *entries;
	int count = list_entries(&entries), removed = 0;

	for (int i = 0; i < count; i++) {
		if (!is_ours(&entries[i]))
			continue;
		write_control(entries[i].name, "-1");
		printf("dlcall: binfmt: removed %s\n", entries[i].name);
		removed++;
	}
	free(entries);
	return removed;
}

static int was_disabled_by_us(const char *name)
{
	char line[NAME_MAX + 2];
	FILE *record = fopen(DISABLED_RECORD, "r");
	int found = 0;

	while (record && !found && fgets(line, sizeof(line), record)) {
		line[strcspn(line, "\n")] = '\0';
		found = strcmp(line, name) == 0;
	}
	if (record)
		fclose(record);
	return found;
}

static void record_disabled(const char *name)
{
	FILE *record;

	if (mkdir(RECORD_DIR, 0755) != 0 && errno != EEXIST)
		fail("binfmt: cannot make %s: %s", RECORD_DIR, strerror(errno));
	record = fopen(DISABLED_RECORD, "a");
	if (!record || fprintf(record, "%s\n", name) < 0 || fclose(record) != 0)
		fail("binfmt: cannot write %s: %s", DISABLED_RECORD,
		     strerror(errno));
}

static int install(void)
{
	struct entry *entries;
	char launcher[PATH_MAX];
	int count;

	check_may_change("install");
	binfmt_mounted(1);
	interpreter_path(launcher, sizeof(launcher));
	remove_ours();
	count = list_entries(&entries);
	for (int i = 0; i < count; i++) {
		const struct entry *entry = &entries[i];

		if (!entry->isa || entry->isa == host_isa() || !entry->enabled)
			continue;
		write_control(entry->name, "0");
		if (!was_disabled_by_us(entry->name))
			record_disabled(entry->name);
		printf("dlcall: binfmt: disabled %s (%s) while dlcall's "
		       "entries are registered\n",
		       entry->name, entry->interpreter);
	}
	free(entries);
	for (size_t i = 0; i < guest_isa_count; i++)
		if (&guest_isas[i] != host_isa())
			register_isa(&guest_isas[i], launcher);
	return 0;
}

static int uninstall(void)
{
	struct entry *entries;
	int count;

	check_may_change("uninstall");
	if (!binfmt_mounted(0)) {
		printf("dlcall: binfmt: binfmt_misc is not mounted: nothing "
		       "to remove\n");
		return 0;
	}
	if (remove_ours() == 0)
		printf("dlcall: binfmt: no dlcall entry was registered\n");
	count = list_entries(&entries);
	for (int i = 0; i < count; i++) {
		if (entries[i].enabled || !was_disabled_by_us(entries[i].name))
			continue;
		write_control(entries[i].name, "1");
		printf("dlcall: binfmt: enabled %s again\n", entries[i].name);
	}
	free(entries);
	if (unlink(DISABLED_RECORD) != 0 && errno != ENOENT)
		fail("binfmt: cannot remove %s: %s", DISABLED_RECORD,
		     strerror(errno));
	return 0;
}

static void print_entry(const struct entry *entry, const char *launcher)
{
	printf("%s: %s, %s, interpreter %s, flags %s", entry->name,
	       entry->isa->name, entry->enabled ? "enabled" : "disabled",
	       entry->interpreter, *entry->flags ? entry->flags : "none");
	if (is_ours(entry))
		printf(", dlcall's (%s)",
		       strcmp(entry->interpreter, launcher) == 0
			   ? "this installation"
			   : "another installation");
	else if (!entry->enabled && was_disabled_by_us(entry->name))
		printf(", disabled by dlcall binfmt install");
	putchar('\n');
}

static int status(void)
{
	struct entry *entries;
	char launcher[PATH_MAX], state[32] = "";
	FILE *file;
	int count;

	if (!binfmt_mounted(0)) {
		printf("binfmt_misc: not mounted on %s (dlcall binfmt install "
		       "mounts it)\n",
		       BINFMT_DIR);
		return 0;
	}
	file = fopen(BINFMT_DIR "/status", "r");
	if (file && fgets(state, sizeof(state), file))
		state[strcspn(state, "\n")] = '\0';
	if (file)
		fclose(file);
	printf("binfmt_misc: %s on %s\n", state, BINFMT_DIR);
	launcher_path(launcher, sizeof(launcher));
	count = list_entries(&entries);
	for (size_t i = 0; i < guest_isa_count; i++) {
		const struct guest_isa *isa = &guest_isas[i];
		int active = 0;

		if (isa == host_isa())
			continue;
		for (int j = 0; j < count; j++) {
			if (entries[j].isa != isa)
				continue;
			print_entry(&entries[j], launcher);
			active |= entries[j].enabled;
		}
		if (!active)
			printf("%s: no enabled entry: its programs start only "
			       "through dlcall run or qemu-%s\n",
			       isa->name, isa->name);
	}
	free(entries);
	return 0;
}

int binfmt(int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "install") == 0)
		return install();
	if (argc == 1 && strcmp(argv[0], "uninstall") == 0)
		return uninstall();
	if (argc == 1 && strcmp(argv[0], "status") == 0)
		return status();
	fail("usage: dlcall binfmt install|uninstall|status");
}
