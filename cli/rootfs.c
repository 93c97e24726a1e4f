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
 * Debian's packages remove when no package owns it). /proc is mounted and
 * the common device nodes made where ROOT has none. Every mount (before
 * it is made) and every mount point or node made (after) is written to
 * ROOT/.dlcall-rootfs; --undo reads it backwards, and so does a failed
 * preparation, unmounting only what is still dlcall's.
 *
 * Paths are resolved inside ROOT (RESOLVE_IN_ROOT), so that a symbolic
 * link in ROOT cannot make a mount land on the host's own files.
 */
#include <assert.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cli.h"

#define RECORD_NAME "/.dlcall-rootfs"

struct rootfs {
	const char *path; /* ROOT as given */
	int fd;		  /* ROOT, O_PATH */
	FILE *record;	  /* RECORD_NAME while preparing */
};

static int undo(struct rootfs *root);

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

/* Fails if the mount point fd is ROOT itself (a link in ROOT to "/"). */
static void check_not_root(struct rootfs *root, int fd, const char *path)
{
	struct stat target, top;

	if (fstat(fd, &target) == 0 && fstat(root->fd, &top) == 0 &&
	    target.st_dev == top.st_dev && target.st_ino == top.st_ino)
		give_up(root, "%s%s leads back to %s itself", root->path, path,
			root->path);
}

/*
 * Binds source, a host file or directory, read-only on the same path in
 * ROOT. The clone is made read-only before it is attached, so that no
 * copy of it, in ROOT or propagated to another mount namespace, is ever
 * writable; its other flags stay the source's.
 */
static void bind(struct rootfs *root, const char *source)
{
	struct mount_attr read_only = {.attr_set = MOUNT_ATTR_RDONLY};
	char what[64];
	struct stat st;
	int fd, tree;

	if (stat(source, &st) != 0)
		give_up(root, "%s: %s", source, strerror(errno));
	fd = ensure_mount_point(root, source, S_ISDIR(st.st_mode));
	check_not_root(root, fd, source);
	tree = open_tree(AT_FDCWD, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tree < 0 || fstat(tree, &st) != 0)
		give_up(root, "cannot bind %s: %s", source, strerror(errno));
	/* The clone's identity: --undo unmounts only this object. */
	format(what, sizeof(what), "bind %ju %ju", (uintmax_t)st.st_dev,
	       (uintmax_t)st.st_ino);
	record(root, what, source);
	if (mount_setattr(tree, "", AT_EMPTY_PATH, &read_only,
			  sizeof(read_only)) != 0 ||
	    move_mount(tree, "", fd, "",
		       MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0)
		give_up(root, "cannot bind %s on %s%s: %s", source, root->path,
			source, strerror(errno));
	close(tree);
	close(fd);
	printf("dlcall: rootfs: %s%s: %s (read-only)\n", root->path, source,
	       source);
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
	check_not_root(root, fd, "/proc");
	record(root, "proc", "/proc");
	fd_path(fd, target, sizeof(target));
	if (mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) != 0)
		give_up(root, "cannot mount proc on %s/proc: %s", root->path,
			strerror(errno));
	close(fd);
	printf("dlcall: rootfs: %s/proc: proc\n", root->path);
}

/*
 * The device nodes programs open by name, made where ROOT lacks them,
 * with the host's numbers: a bind of the host's /dev would let a chroot's
 * "rm -rf" or package script delete the host's own nodes.
 */
static void make_devices(struct rootfs *root)
{
	static const char *const names[] = {"null",   "zero",	 "full",
					    "random", "urandom", "tty"};
	int dev_fd = ensure_mount_point(root, "/dev", 1);

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char host[32], path[32];
		struct stat st;
		int fd;

		format(host, sizeof(host), "/dev/%s", names[i]);
		format(path, sizeof(path), "/dev/%s", names[i]);
		fd = open_in_root(root, path, O_PATH, 0);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		if (stat(host, &st) != 0 || !S_ISCHR(st.st_mode))
			continue;
		if (mknodat(dev_fd, names[i], S_IFCHR | 0600, st.st_rdev) != 0)
			give_up(root, "cannot make %s%s: %s", root->path, path,
				strerror(errno));
		record(root, "made", path);
		if (fchmodat(dev_fd, names[i], st.st_mode & 07777, 0) != 0)
			give_up(root, "cannot make %s%s: %s", root->path, path,
				strerror(errno));
		printf("dlcall: rootfs: %s%s: made\n", root->path, path);
	}
	close(dev_fd);
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

/* What prepare binds: host paths, absolute, checked before anything is
 * changed. Returns how many. */
static int host_sources(const struct guest_isa *isa, char sources[][PATH_MAX],
			int size)
{
	char launcher[PATH_MAX], name[32];
	int count = 0;

	if (!binfmt_interpreter(isa, launcher, sizeof(launcher)))
		fail("rootfs: no dlcall binfmt entry for %s is enabled; run "
		     "'dlcall binfmt install' first",
		     isa->name);
	/* The host's libraries, its loader among them. */
	format(sources[count], PATH_MAX, "%s", HOST_LOADER);
	*strrchr(sources[count++], '/') = '\0';
	/* The installation the entry names: bin/dlcall and lib/dlcall. */
	format(sources[count++], PATH_MAX, "%s", launcher);
	format(sources[count], PATH_MAX, "%s", launcher);
	for (int i = 0; i < 2; i++) {
		char *slash = strrchr(sources[count], '/');

		if (!slash || slash == sources[count])
			fail("rootfs: unexpected launcher path %s", launcher);
		*slash = '\0';
	}
	format(sources[count] + strlen(sources[count]),
	       PATH_MAX - strlen(sources[count]), "/lib/dlcall");
	count++;
	/* QEMU for every foreign ISA (a program may exec another ISA's). */
	for (size_t i = 0; i < guest_isa_count && count < size; i++) {
		format(name, sizeof(name), "qemu-%s", guest_isas[i].name);
		if (&guest_isas[i] != host_isa() &&
		    find_on_path(name, sources[count], PATH_MAX))
			count++;
		else if (&guest_isas[i] == isa)
			fail("rootfs: qemu-%s not found on PATH; install "
			     "Debian's qemu-user (apt-get install qemu-user)",
			     isa->name);
	}
	for (int i = 0; i < count; i++)
		if (sources[i][0] != '/' || access(sources[i], F_OK) != 0)
			fail("rootfs: %s: not an absolute path to an existing "
			     "file",
			     sources[i]);
	return count;
}

static int prepare(struct rootfs *root)
{
	const struct guest_isa *isa = root_isa(root);
	char sources[3 + 8][PATH_MAX];
	int count = host_sources(isa, sources, 3 + 8), fd;
	sigset_t signals;

	/* An interrupted preparation would leave mounts no record names. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGHUP);
	sigaddset(&signals, SIGQUIT);
	sigprocmask(SIG_BLOCK, &signals, NULL);
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
	make_devices(root);
	for (int i = 0; i < count; i++)
		bind(root, sources[i]);
	if (fclose(root->record) != 0)
		give_up(root, "cannot write %s%s: %s", root->path, RECORD_NAME,
			strerror(errno));
	root->record = NULL;
	printf("dlcall: rootfs: %s is ready: its %s programs pass through; "
	       "'dlcall rootfs --undo %s' undoes this\n",
	       root->path, isa->name, root->path);
	return 0;
}

/*
 * Whether what is mounted at fd is what prepare mounted there: a mount
 * root that is proc, or the very object it bound (its device and inode
 * then; the host's path may hold a newer file since). Anything else is
 * someone else's, mounted since.
 */
static int is_ours(int fd, int is_proc, uintmax_t device, uintmax_t inode)
{
	struct statx on_fd;
	struct statfs fs;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_INO, &on_fd) != 0 ||
	    !(on_fd.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) ||
	    !(on_fd.stx_attributes & STATX_ATTR_MOUNT_ROOT))
		return 0;
	if (is_proc)
		return fstatfs(fd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
	return makedev(on_fd.stx_dev_major, on_fd.stx_dev_minor) == device &&
	       on_fd.stx_ino == inode;
}

/*
 * Undoes one "bind DEV INO PATH" or "proc PATH" line: unmounts what
 * prepare mounted on PATH in ROOT if it is still there. Returns 1 if that
 * failed.
 */
static int unmount_in_root(const struct rootfs *root, const char *line)
{
	uintmax_t device = 0, inode = 0;
	const char *path = NULL;
	int is_proc = strncmp(line, "proc /", 6) == 0;
	int fd, offset = 0, failed = 0;
	char target[64];

	if (is_proc)
		path = line + 5;
	else if (sscanf(line, "bind %ju %ju %n", &device, &inode, &offset) ==
		     2 &&
		 offset && line[offset] == '/')
		path = line + offset;
	if (!path) {
		fprintf(stderr, "dlcall: rootfs: ignored a line of %s%s: %s\n",
			root->path, RECORD_NAME, line);
		return 0;
	}
	fd = open_in_root(root, path, O_PATH, 0);
	if (fd < 0)
		return 0;
	fd_path(fd, target, sizeof(target));
	if (is_ours(fd, is_proc, device, inode) &&
	    umount2(target, MNT_DETACH) != 0) {
		fprintf(stderr, "dlcall: rootfs: cannot unmount %s%s: %s\n",
			root->path, path, strerror(errno));
		failed = 1;
	}
	close(fd);
	return failed;
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
	if (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode) ||
	    (S_ISREG(st.st_mode) && st.st_size == 0))
		kept = unlinkat(parent_fd, name,
				S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) == 0
			   ? NULL
			   : strerror(errno);
	if (kept)
		fprintf(stderr, "dlcall: rootfs: kept %s%s: %s\n", root->path,
			path, kept);
	close(parent_fd);
}

/* Undoes RECORD_NAME's lines, last first; removes it unless a mount
 * could not be undone. Returns how many could not. */
static int undo(struct rootfs *root)
{
	int fd = open_in_root(root, RECORD_NAME, O_RDONLY | O_NOFOLLOW, 0);
	FILE *record = fd >= 0 ? fdopen(fd, "r") : NULL;
	char line[PATH_MAX + 16], **lines = NULL;
	size_t count = 0;
	int failed = 0;

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
		if (strncmp(lines[count], "made /", 6) == 0)
			remove_made(root, lines[count] + 5);
		else
			failed += unmount_in_root(root, lines[count]);
		free(lines[count]);
	}
	free(lines);
	if (!failed && unlinkat(root->fd, RECORD_NAME + 1, 0) != 0)
		fail("rootfs: cannot remove %s%s: %s", root->path, RECORD_NAME,
		     strerror(errno));
	return failed;
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
	if (undo(&root))
		fail("rootfs: %s keeps mounts that could not be undone (see "
		     "above); %s%s still names them",
		     root.path, root.path, RECORD_NAME);
	printf("dlcall: rootfs: %s is as it was before 'dlcall rootfs'\n",
	       root.path);
	return 0;
}
