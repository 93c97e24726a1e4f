// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest-visible heap for a host library with no allocator hook
 * (docs/design.md "A guest-visible heap"): the slots through which the
 * loaded library calls malloc(), calloc(), realloc() and free() (its
 * JUMP_SLOT and GLOB_DAT relocations) are pointed at visible_heap.c's
 * functions. Only that library's own calls change: libogg's stream
 * buffers, which a program's read() fills, become memory QEMU lets the
 * guest's system calls use. Blocks it got before, or gets from other
 * allocators (strdup() inside the C library), stay the host's, and the
 * visible free() and realloc() take those too.
 *
 * Run from a host thunk's host-init, before the library allocates.
 */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dlcall/host.h"

#if defined(__x86_64__)
#define SLOT_RELOCATION(type)                                                  \
	((type) == R_X86_64_JUMP_SLOT || (type) == R_X86_64_GLOB_DAT)
#elif defined(__aarch64__)
#define SLOT_RELOCATION(type)                                                  \
	((type) == R_AARCH64_JUMP_SLOT || (type) == R_AARCH64_GLOB_DAT)
#else
#error "which relocations fill a host library's function slots"
#endif

static const struct replacement {
	const char *name;
	void *function;
} replacements[] = {
	{"malloc", (void *)dlcall_host_visible_malloc},
	{"calloc", (void *)dlcall_host_visible_calloc},
	{"realloc", (void *)dlcall_host_visible_realloc},
	{"free", (void *)dlcall_host_visible_free},
};

/* What one library's dynamic section says, addresses made absolute. */
struct library {
	const char *soname;
	ElfW(Addr) base;
	const ElfW(Sym) *symbols;
	const char *strings;
	const ElfW(Rela) *tables[2]; /* DT_RELA, DT_JMPREL */
	size_t sizes[2];
	uintptr_t relro_start, relro_end;
	int found, patched;
};

static void *replacement_for(const char *name)
{
	for (size_t i = 0; i < sizeof(replacements) / sizeof(*replacements);
	     i++)
		if (strcmp(name, replacements[i].name) == 0)
			return replacements[i].function;
	return NULL;
}

/* glibc has relocated the d_ptr entries of a loaded object's dynamic
 * section; an unrelocated one is an offset from the base. */
static const void *absolute(ElfW(Addr) base, ElfW(Addr) pointer)
{
	return (const void *)(pointer < base ? base + pointer : pointer);
}

static void read_dynamic(struct library *l, const ElfW(Dyn) *dynamic)
{
	for (; dynamic->d_tag != DT_NULL; dynamic++) {
		ElfW(Addr) value = dynamic->d_un.d_ptr;

		switch (dynamic->d_tag) {
		case DT_SYMTAB:
			l->symbols = absolute(l->base, value);
			break;
		case DT_STRTAB:
			l->strings = absolute(l->base, value);
			break;
		case DT_RELA:
			l->tables[0] = absolute(l->base, value);
			break;
		case DT_RELASZ:
			l->sizes[0] = dynamic->d_un.d_val;
			break;
		case DT_JMPREL:
			l->tables[1] = absolute(l->base, value);
			break;
		case DT_PLTRELSZ:
			l->sizes[1] = dynamic->d_un.d_val;
			break;
		}
	}
}

/* Writes one slot; a slot in the RELRO part is made read-only again. */
static void write_slot(const struct library *l, void **slot, void *function)
{
	uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
	void *page = (void *)((uintptr_t)slot & ~(page_size - 1));
	int relro = (uintptr_t)slot >= l->relro_start &&
		    (uintptr_t)slot < l->relro_end;
	char message[200];

	if (*slot == function)
		return;
	if (mprotect(page, page_size, PROT_READ | PROT_WRITE) != 0) {
		snprintf(message, sizeof(message),
			 "%s: cannot give it the guest-visible heap "
			 "(its relocations are not writable)",
			 l->soname);
		dlcall_host_fail(message);
	}
	*slot = function;
	if (relro)
		mprotect(page, page_size, PROT_READ);
}

static void patch(struct library *l)
{
	for (int t = 0; t < 2; t++) {
		const ElfW(Rela) *rela = l->tables[t];
		size_t count = l->sizes[t] / sizeof(ElfW(Rela));

		for (size_t i = 0; rela && i < count; i++) {
			const ElfW(Sym) *symbol =
			    &l->symbols[ELF64_R_SYM(rela[i].r_info)];
			void *function;

			if (!SLOT_RELOCATION(ELF64_R_TYPE(rela[i].r_info)))
				continue;
			function = replacement_for(l->strings + symbol->st_name);
			if (!function)
				continue;
			write_slot(l, (void **)(l->base + rela[i].r_offset),
				   function);
			l->patched++;
		}
	}
}

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
	struct library *l = data;
	const char *slash = strrchr(info->dlpi_name, '/');
	const char *file = slash ? slash + 1 : info->dlpi_name;

	(void)size;
	if (strcmp(file, l->soname) != 0)
		return 0;
	l->found = 1;
	l->base = info->dlpi_addr;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *segment = &info->dlpi_phdr[i];

		if (segment->p_type == PT_DYNAMIC)
			read_dynamic(l, (const void *)(l->base +
						       segment->p_vaddr));
		if (segment->p_type == PT_GNU_RELRO) {
			l->relro_start = l->base + segment->p_vaddr;
			l->relro_end = l->relro_start + segment->p_memsz;
		}
	}
	if (l->symbols && l->strings)
		patch(l);
	return 1;
}

DLCALL_HOST_API int dlcall_host_visible_heap_in(const char *soname)
{
	struct library l = {.soname = soname};
	char message[200];

	dl_iterate_phdr(visit, &l);
	if (!l.found) {
		snprintf(message, sizeof(message),
			 "%s: cannot give it the guest-visible heap (not "
			 "loaded in the host)",
			 soname);
		dlcall_host_fail(message);
	}
	return l.patched;
}
