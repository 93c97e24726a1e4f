/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the launcher's commands (dlcall.c, binfmt.c, rootfs.c) share. */
#ifndef DLCALL_CLI_H
#define DLCALL_CLI_H

#include <stddef.h>

struct guest_isa {
	const char *name;   /* dlcall and QEMU name */
	const char *triple; /* Debian cross sysroot under /usr */
	unsigned short machine;
	/*
	 * QEMU's CPU model, when its default does not suit: the guest reads
	 * host memory directly (SPEC §3), but QEMU's SVE and SME load
	 * helpers check their addresses against the guest's own page table
	 * and fault on host memory (glibc's memcpy uses SVE when the CPU has
	 * it). See docs/design.md.
	 */
	const char *cpu;
};

extern const struct guest_isa guest_isas[];
extern const size_t guest_isa_count;

/* The ISA this launcher runs on natively. */
const struct guest_isa *host_isa(void);

/* This launcher's own file (/proc/self/exe). */
void launcher_path(char *path, size_t size);

/* One line on stderr, then exit status 2. */
__attribute__((noreturn, format(printf, 1, 2))) void fail(const char *format,
							  ...);
/* snprintf that treats truncation as the error it is. */
__attribute__((format(printf, 3, 4))) void format(char *out, size_t size,
						  const char *format, ...);

/* Finds an executable NAME on PATH; 0 if there is none. */
int find_on_path(const char *name, char *path, size_t size);

/* dlcall binfmt install|uninstall|status (binfmt.c). */
int binfmt(int argc, char **argv);
/* Whether dlcall's entry for isa is enabled; its interpreter in path. */
int binfmt_interpreter(const struct guest_isa *isa, char *path, size_t size);

/* dlcall rootfs [--undo] ROOT (rootfs.c). */
int rootfs(int argc, char **argv);

#endif
