// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dlcall rootfs [--undo] ROOT: lets the programs of a foreign root file
 * system pass through when they run in it (chroot ROOT ...), started by
 * dlcall's binfmt_misc entry (docs/system-wide.md).
 *
 * The kernel looks the entry's interpreter up inside ROOT, and that
 * launcher runs the host's QEMU, plugin, host runtime and libraries. So
 * each of them is bind-mounted, read-only, at its own path in ROOT: the
 * launcher, its lib/dlcall, QEMU for each foreign ISA, and the host's
 * library directory, which holds the host's loader at its canonical path
 * (HOST_LOADER, the launcher's interpreter; nothing goes to /lib64, which
 * Debian's packages remove when no package owns it). /proc and /dev are
 * mounted where ROOT has none. Every mount and every mount point made is
 * written to ROOT/.dlcall-rootfs as it happens; --undo reads it
 * backwards, and so does a failed preparation.
 *
 * Paths are resolved inside ROOT (RESOLVE_IN_ROOT), so that a symbolic
 * link in ROOT cannot make a mount land on the host's own files.
 */
#include <assert.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"

#define RECORD_NAME "/.dlcall-rootfs"

struct rootfs {
	const char *path; /* ROOT as given */
	int fd;		  /* ROOT, O_PATH */
	FILE *record;	  /* RECORD_NAME while preparing */
};

static void undo(struct rootfs *root);

/* One line, after undoing what the preparation has done so far. */
__attribute__((noreturn, format(printf, 2, 3))) static void
give_up(struct rootfs *root, const char *format, ...)
{
	char message[PATH_MAX * 2];
	va_list ap;

	va_start(ap, format);
	vsnprintf(message, sizeof(message), format, ap);
	va_end(ap);
	if (root->record) {
		fclose(root->record);
		root->record = NULL;
		undo(root);
	}
	fail("rootfs: %s", message);
}

/* path, absolute as seen from inside ROOT, opened there. */
static int open_in_root(const struct rootfs *root, const char *path, int flags,
			mode_t mode)
{
	struct open_how how = {
	    .flags = (unsigned)flags | O_CLOEXEC,
	    .mode = mode,
	    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};

	return (int)syscall(SYS_openat2, root->fd, path, &how, sizeof(how));
}

/* The name of an fd as a path mount(2) and umount2(2) take. */
static void fd_path(int fd, char *path, size_t size)
{
	format(path, size, "/proc/self/fd/%d", fd);
}

/* "/usr/lib/x" into "/usr/lib" and "x"; "/usr" into "/" and "usr". */
static const char *split(const char *path, char *parent, size_t size)
{
	const char *slash = strrchr(path, '/');

	assert(path[0] == '/' && slash[1]);
	format(parent, size, "%.*s", slash == path ? 1 : (int)(slash - path),
	       path);
	return slash + 1;
}

static void record(struct rootfs *root, const char *what, const char *path)
{
	if (fprintf(root->record, "%s %s\n", what, path) < 0 ||
	    fflush(root->record) != 0)
		give_up(root, "cannot write %s%s: %s", root->path, RECORD_NAME,
			strerror(errno));
}

/*
 * An O_PATH fd of path in ROOT, made if missing (a directory, or an
 * empty file to bind a file on), with any missing parent directories.
 */
static int ensure_mount_point(struct rootfs *root, const char *path,
			      int directory)
{
	char parent[PATH_MAX];
	const char *name;
	int fd = open_in_root(root, path, O_PATH, 0), parent_fd, made;

	if (fd >= 0)
		return fd;
	if (errno != ENOENT)
		give_up(root, "%s%s: %s", root->path, path, strerror(errno));
	name = split(path, parent, sizeof(parent));
	parent_fd = ensure_mount_point(root, parent, 1);
	if (directory)
		made = mkdirat(parent_fd, name, 0755);
	else
		made = openat(
		    parent_fd, name,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (made < 0)
		give_up(root, "cannot make %s%s: %s", root->path, path,
			strerror(errno));
	if (!directory)
		close(made);
	close(parent_fd);
	record(root, "made", path);
	fd = open_in_root(root, path, O_PATH, 0);
	if (fd < 0)
		give_up(root, "%s%s: %s", root->path, path, strerror(errno));
	return fd;
}

enum bind_kind {
	HOST_FILES, /* read-only, its own propagation */
	DEVICES,    /* /dev and what is mounted under it, writable; host
		       unmounts reach it, its unmounts do not reach the host */
};

/* Binds source (a host path) on the same path in ROOT. */
static void bind(struct rootfs *root, const char *source, enum bind_kind kind)
{
	char target[64];
	struct stat st;
	int fd;

	if (stat(source, &st) != 0)
		give_up(root, "%s: %s", source, strerror(errno));
	fd = ensure_mount_point(root, source, S_ISDIR(st.st_mode));
	fd_path(fd, target, sizeof(target));
	if (mount(source, target, NULL,
		  MS_BIND | (kind == DEVICES ? MS_REC : 0), NULL) != 0)
		give_up(root, "cannot bind %s on %s%s: %s", source, root->path,
			source, strerror(errno));
	close(fd);
	record(root, "mount", source);
	/* The fd above is the mount point; this one is the new mount. */
	fd = open_in_root(root, source, O_PATH, 0);
	if (fd < 0)
		give_up(root, "%s%s: %s", root->path, source, strerror(errno));
	fd_path(fd, target, sizeof(target));
	if (mount(NULL, target, NULL,
		  kind == DEVICES ? MS_SLAVE | MS_REC : MS_PRIVATE,
		  NULL) != 0 ||
	    (kind == HOST_FILES &&
	     mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
		   NULL) != 0))
		give_up(root, "cannot set up the mount on %s%s: %s", root->path,
			source, strerror(errno));
	close(fd);
	printf("dlcall: rootfs: %s%s: %s%s\n", root->path, source, source,
	       kind == HOST_FILES ? " (read-only)" : "");
}

/* /proc, unless ROOT has it: the launcher reads /proc/self/exe, QEMU
 * reads /proc/self/maps. */
static void mount_proc(struct rootfs *root)
{
	int fd = ensure_mount_point(root, "/proc", 1);
	char target[64];
	struct statfs fs;

	if (fstatfs(fd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC) {
		close(fd);
		return;
	}
	fd_path(fd, target, sizeof(target));
	if (mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) != 0)
		give_up(root, "cannot mount proc on %s/proc: %s", root->path,
			strerror(errno));
	close(fd);
	record(root, "mount", "/proc");
	printf("dlcall: rootfs: %s/proc: proc\n", root->path);
}

/* The host's /dev, unless ROOT has a /dev/null device of its own. */
static void bind_devices(struct rootfs *root)
{
	int fd = open_in_root(root, "/dev/null", O_PATH, 0);
	struct stat st;
	int present = fd >= 0 && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode);

	if (fd >= 0)
		close(fd);
	if (!present)
		bind(root, "/dev", DEVICES);
}

/*
 * The guest ISA of ROOT's programs, from the first of a few that every
 * Debian system has. It must be foreign: ROOT's own run natively.
 */
static const struct guest_isa *root_isa(struct rootfs *root)
{
	static const char *const programs[] = {"/bin/sh", "/usr/bin/env",
					       "/bin/true"};

	for (size_t i = 0; i < sizeof(programs) / sizeof(*programs); i++) {
		int fd = open_in_root(root, programs[i], O_RDONLY, 0);
		Elf64_Ehdr header;
		ssize_t got;

		if (fd < 0)
			continue;
		got = read(fd, &header, sizeof(header));
		close(fd);
		if (got != sizeof(header) ||
		    memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
		    header.e_ident[EI_CLASS] != ELFCLASS64)
			continue;
		for (size_t j = 0; j < guest_isa_count; j++) {
			const struct guest_isa *isa = &guest_isas[j];

			if (isa->machine != header.e_machine)
				continue;
			if (isa == host_isa())
				fail("rootfs: %s is an %s system, the host's "
				     "own ISA: its programs run natively",
				     root->path, isa->name);
			return isa;
		}
		fail("rootfs: %s%s is for ELF machine %u, which dlcall does "
		     "not support",
		     root->path, programs[i], header.e_machine);
	}
	fail("rootfs: %s has no 64-bit program in /bin/sh, /usr/bin/env or "
	     "/bin/true: not a root file system dlcall can prepare",
	     root->path);
}

static int prepare(struct rootfs *root)
{
	const struct guest_isa *isa = root_isa(root);
	char launcher[PATH_MAX], directory[PATH_MAX], qemu[PATH_MAX];
	int fd;

	if (!binfmt_interpreter(isa, launcher, sizeof(launcher)))
		fail("rootfs: no dlcall binfmt entry for %s is enabled; run "
		     "'dlcall binfmt install' first",
		     isa->name);
	format(directory, sizeof(directory), "qemu-%s", isa->name);
	if (!find_on_path(directory, qemu, sizeof(qemu)))
		fail("rootfs: qemu-%s not found on PATH; install Debian's "
		     "qemu-user (apt-get install qemu-user)",
		     isa->name);
	fd = open_in_root(root, RECORD_NAME,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
	if (fd < 0 && errno == EEXIST)
		fail("rootfs: %s is prepared already; 'dlcall rootfs --undo "
		     "%s' undoes it",
		     root->path, root->path);
	if (fd < 0 || !(root->record = fdopen(fd, "w")))
		fail("rootfs: cannot make %s%s: %s", root->path, RECORD_NAME,
		     strerror(errno));

	mount_proc(root);
	bind_devices(root);
	/* The host's libraries, its loader among them. */
	format(directory, sizeof(directory), "%s", HOST_LOADER);
	*strrchr(directory, '/') = '\0';
	bind(root, directory, HOST_FILES);
	/* The installation the entry names: bin/dlcall and lib/dlcall. */
	bind(root, launcher, HOST_FILES);
	format(directory, sizeof(directory), "%s", launcher);
	for (int i = 0; i < 2; i++)
		*strrchr(directory, '/') = '\0';
	format(directory + strlen(directory),
	       sizeof(directory) - strlen(directory), "/lib/dlcall");
	bind(root, directory, HOST_FILES);
	/* QEMU for every foreign ISA (a program may exec another ISA's). */
	for (size_t i = 0; i < guest_isa_count; i++) {
		char name[32];

		format(name, sizeof(name), "qemu-%s", guest_isas[i].name);
		if (&guest_isas[i] != host_isa() &&
		    find_on_path(name, qemu, sizeof(qemu)))
			bind(root, qemu, HOST_FILES);
	}
	if (fclose(root->record) != 0)
		give_up(root, "cannot write %s%s: %s", root->path, RECORD_NAME,
			strerror(errno));
	root->record = NULL;
	printf("dlcall: rootfs: %s is ready: its %s programs pass through; "
	       "'dlcall rootfs --undo %s' undoes this\n",
	       root->path, isa->name, root->path);
	return 0;
}

/* Unmounts what was mounted on path in ROOT, if it still is. */
static void unmount_in_root(const struct rootfs *root, const char *path)
{
	int fd = open_in_root(root, path, O_PATH, 0);
	char target[64];

	if (fd < 0)
		return;
	fd_path(fd, target, sizeof(target));
	if (umount2(target, MNT_DETACH) != 0 && errno != EINVAL)
		fprintf(stderr, "dlcall: rootfs: cannot unmount %s%s: %s\n",
			root->path, path, strerror(errno));
	close(fd);
}

/* Removes a mount point made by prepare: an empty directory or file. */
static void remove_made(const struct rootfs *root, const char *path)
{
	char parent[PATH_MAX];
	const char *name = split(path, parent, sizeof(parent));
	int parent_fd = open_in_root(root, parent, O_PATH | O_DIRECTORY, 0);
	struct stat st;
	const char *kept = "not empty any more";

	if (parent_fd < 0 ||
	    fstatat(parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (parent_fd >= 0)
			close(parent_fd);
		return;
	}
	if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size == 0))
		kept = unlinkat(parent_fd, name,
				S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) == 0
			   ? NULL
			   : strerror(errno);
	if (kept)
		fprintf(stderr, "dlcall: rootfs: kept %s%s: %s\n", root->path,
			path, kept);
	close(parent_fd);
}

/* Undoes RECORD_NAME's lines, last first. */
static void undo(struct rootfs *root)
{
	int fd = open_in_root(root, RECORD_NAME, O_RDONLY | O_NOFOLLOW, 0);
	FILE *record = fd >= 0 ? fdopen(fd, "r") : NULL;
	char line[PATH_MAX + 16], **lines = NULL;
	size_t count = 0;

	if (!record)
		fail("rootfs: %s is not prepared (no %s%s)", root->path,
		     root->path, RECORD_NAME);
	while (fgets(line, sizeof(line), record)) {
		line[strcspn(line, "\n")] = '\0';
		lines = realloc(lines, (count + 1) * sizeof(*lines));
		if (!lines || !(lines[count++] = strdup(line)))
			fail("out of memory");
	}
	fclose(record);
	while (count--) {
		if (strncmp(lines[count], "mount /", 7) == 0)
			unmount_in_root(root, lines[count] + 6);
		else if (strncmp(lines[count], "made /", 6) == 0)
			remove_made(root, lines[count] + 5);
		free(lines[count]);
	}
	free(lines);
	if (unlinkat(root->fd, RECORD_NAME + 1, 0) != 0)
		fail("rootfs: cannot remove %s%s: %s", root->path, RECORD_NAME,
		     strerror(errno));
}

int rootfs(int argc, char **argv)
{
	int undo_it = argc >= 1 && strcmp(argv[0], "--undo") == 0;
	struct rootfs root = {.path = argv[undo_it], .record = NULL};
	struct stat st, host_root;
	int probe;

	if (argc != 1 + undo_it)
		fail("usage: dlcall rootfs [--undo] ROOT");
	if (geteuid() != 0)
		fail("rootfs needs root: it mounts into ROOT");
	root.fd = open(root.path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root.fd < 0)
		fail("rootfs: %s: %s", root.path, strerror(errno));
	if (fstat(root.fd, &st) == 0 && stat("/", &host_root) == 0 &&
	    st.st_dev == host_root.st_dev && st.st_ino == host_root.st_ino)
		fail("rootfs: %s is the host's own root", root.path);
	probe = open_in_root(&root, "/", O_PATH, 0);
	if (probe < 0)
		fail("rootfs needs Linux 5.6 or later (openat2): %s",
		     strerror(errno));
	close(probe);
	if (!undo_it)
		return prepare(&root);
	undo(&root);
	printf("dlcall: rootfs: %s is as it was before 'dlcall rootfs'\n",
	       root.path);
	return 0;
}
