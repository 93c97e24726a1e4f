// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The exports of a real shared library, read from its ELF dynamic symbol
 * table: functions and data objects of any visibility but hidden, every
 * symbol version they are exported under, and for data the bytes and
 * whether the library can write them (SPEC §6: the list to cover is the
 * real library's export list, functions and data).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "thunkgen.h"

struct image {
	const unsigned char *bytes;
	size_t size;
	const Elf64_Ehdr *header;
	const Elf64_Shdr *sections;
};

static const Elf64_Shdr *section_of_type(const struct image *image,
					 uint32_t type)
{
	for (int i = 0; i < image->header->e_shnum; i++)
		if (image->sections[i].sh_type == type)
			return &image->sections[i];
	return NULL;
}

/* Version definitions (Verdef) in order, with their parents; fills
 * names_by_index for the symbols' version indexes. */
static void read_versions(const struct image *image, const char *strings,
			  struct export_list *list, const char ***by_index,
			  size_t *index_count)
{
	const Elf64_Shdr *verdef = section_of_type(image, SHT_GNU_verdef);
	const unsigned char *entry;

	*by_index = NULL;
	*index_count = 0;
	if (!verdef)
		return;
	*by_index = calloc(verdef->sh_info + 2, sizeof(**by_index));
	list->versions = calloc(verdef->sh_info + 1, sizeof(*list->versions));
	entry = image->bytes + verdef->sh_offset;
	for (unsigned i = 0; i < verdef->sh_info; i++) {
		const Elf64_Verdef *definition = (const Elf64_Verdef *)entry;
		const Elf64_Verdaux *aux =
		    (const Elf64_Verdaux *)(entry + definition->vd_aux);
		size_t index = definition->vd_ndx;

		if (!(definition->vd_flags & VER_FLG_BASE)) {
			struct version_node *node =
			    &list->versions[list->version_count++];

			node->name = strdup(strings + aux->vda_name);
			if (definition->vd_cnt > 1 && aux->vda_next) {
				const Elf64_Verdaux *parent =
				    (const Elf64_Verdaux
					 *)((const unsigned char *)aux +
					    aux->vda_next);

				node->parent =
				    strdup(strings + parent->vda_name);
			}
			if (index < verdef->sh_info + 2)
				(*by_index)[index] = node->name;
		}
		if (index + 1 > *index_count)
			*index_count = index + 1;
		if (!definition->vd_next)
			break;
		entry += definition->vd_next;
	}
}

/* Whether a dynamic relocation writes into [start, start + size): such
 * data holds addresses and is not the same bytes in another process. */
static int relocated(const struct image *image, Elf64_Addr start,
		     Elf64_Xword size)
{
	for (int i = 0; i < image->header->e_shnum; i++) {
		const Elf64_Shdr *section = &image->sections[i];
		const Elf64_Rela *relocations;

		if (section->sh_type != SHT_RELA)
			continue;
		relocations =
		    (const Elf64_Rela *)(image->bytes + section->sh_offset);
		for (size_t j = 0; j < section->sh_size / sizeof(Elf64_Rela);
		     j++)
			if (relocations[j].r_offset >= start &&
			    relocations[j].r_offset < start + size)
				return 1;
	}
	return 0;
}

/* Fills in what a data export's decision needs: writable, relocated, and
 * its initial bytes when they are in the file. */
static void describe_data(const struct image *image, const Elf64_Sym *symbol,
			  struct export *out)
{
	const Elf64_Shdr *section;

	out->size = symbol->st_size;
	if (symbol->st_shndx >= image->header->e_shnum)
		return;
	section = &image->sections[symbol->st_shndx];
	out->writable = (section->sh_flags & SHF_WRITE) != 0;
	out->relocated = relocated(image, symbol->st_value, symbol->st_size);
	if (section->sh_type == SHT_PROGBITS &&
	    symbol->st_value >= section->sh_addr &&
	    symbol->st_value + symbol->st_size <=
		section->sh_addr + section->sh_size) {
		out->bytes = malloc(symbol->st_size + 1);
		memcpy(out->bytes,
		       image->bytes + section->sh_offset +
			   (symbol->st_value - section->sh_addr),
		       symbol->st_size);
	}
}

static int compare_exports(const void *a, const void *b)
{
	const struct export *x = a, *y = b;
	int order = strcmp(x->name, y->name);

	if (order)
		return order;
	/* The default (or unversioned) symbol first, then by version. */
	if (x->hidden_version != y->hidden_version)
		return x->hidden_version - y->hidden_version;
	return strcmp(x->version ? x->version : "",
		      y->version ? y->version : "");
}

static void read_symbols(const struct image *image, struct export_list *list)
{
	const Elf64_Shdr *dynsym = section_of_type(image, SHT_DYNSYM);
	const Elf64_Shdr *versym = section_of_type(image, SHT_GNU_versym);
	const char *strings = (const char *)image->bytes +
			      image->sections[dynsym->sh_link].sh_offset;
	size_t count = dynsym->sh_size / sizeof(Elf64_Sym), index_count;
	const char **by_index;

	read_versions(image, strings, list, &by_index, &index_count);
	list->exports = calloc(count + 1, sizeof(*list->exports));
	for (size_t i = 1; i < count; i++) {
		const Elf64_Sym *symbol =
		    (const Elf64_Sym *)(image->bytes + dynsym->sh_offset) + i;
		int binding = ELF64_ST_BIND(symbol->st_info);
		int type = ELF64_ST_TYPE(symbol->st_info);
		struct export *out = &list->exports[list->count];
		uint16_t version = 0;

		/* Version definitions appear as absolute symbols; _end and
		 * its kind are the linker's (NOTYPE), every library has its
		 * own. */
		if (symbol->st_shndx == SHN_UNDEF ||
		    symbol->st_shndx == SHN_ABS ||
		    (binding != STB_GLOBAL && binding != STB_WEAK) ||
		    ELF64_ST_VISIBILITY(symbol->st_other) == STV_HIDDEN ||
		    ELF64_ST_VISIBILITY(symbol->st_other) == STV_INTERNAL)
			continue;
		if (type == STT_FUNC || type == STT_GNU_IFUNC)
			out->kind = EXPORT_FUNCTION;
		else if (type == STT_OBJECT || type == STT_COMMON)
			out->kind = EXPORT_DATA;
		else if (type == STT_TLS)
			out->kind = EXPORT_THREAD_DATA;
		else
			continue;
		/* Old linkers exported the ELF initializer and finalizer
		 * (libXss, libXxf86vm): every object has its own, the
		 * guest thunk too. */
		if (strcmp(strings + symbol->st_name, "_init") == 0 ||
		    strcmp(strings + symbol->st_name, "_fini") == 0)
			continue;
		if (versym)
			version = ((const uint16_t *)(image->bytes +
						      versym->sh_offset))[i];
		out->name = strdup(strings + symbol->st_name);
		out->address = symbol->st_value;
		out->hidden_version = (version & 0x8000) != 0;
		version &= 0x7fff;
		if (version < index_count && by_index[version])
			out->version = strdup(by_index[version]);
		if (out->kind != EXPORT_FUNCTION)
			describe_data(image, symbol, out);
		list->count++;
	}
	free(by_index);
	qsort(list->exports, list->count, sizeof(*list->exports),
	      compare_exports);
}

int read_exports(const char *path, struct export_list *list, char *error,
		 size_t error_size)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	struct image image;
	void *mapped;

	memset(list, 0, sizeof(*list));
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(error, error_size, "cannot open %s: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	mapped = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (mapped == MAP_FAILED) {
		snprintf(error, error_size, "cannot map %s", path);
		return -1;
	}
	image.bytes = mapped;
	image.size = (size_t)st.st_size;
	image.header = mapped;
	if (image.size < sizeof(*image.header) ||
	    memcmp(image.header->e_ident, ELFMAG, SELFMAG) != 0 ||
	    image.header->e_ident[EI_CLASS] != ELFCLASS64 ||
	    image.header->e_shoff +
		    (size_t)image.header->e_shnum * sizeof(Elf64_Shdr) >
		image.size) {
		snprintf(error, error_size, "%s is not a 64-bit ELF library",
			 path);
		munmap(mapped, image.size);
		return -1;
	}
	image.sections =
	    (const Elf64_Shdr *)(image.bytes + image.header->e_shoff);
	if (!section_of_type(&image, SHT_DYNSYM)) {
		snprintf(error, error_size, "%s has no dynamic symbols", path);
		munmap(mapped, image.size);
		return -1;
	}
	read_symbols(&image, list);
	munmap(mapped, image.size);
	return 0;
}

/* The first of `list`'s exports named `name` (the default one first),
 * or NULL. */
static const struct export *first_named(const struct export_list *list,
					const char *name)
{
	size_t low = 0, high = list->count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;

		if (strcmp(list->exports[middle].name, name) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return low < list->count && strcmp(list->exports[low].name, name) == 0
		   ? &list->exports[low]
		   : NULL;
}

/* How many exports from `e` on share its name. */
static size_t same_name(const struct export_list *list, const struct export *e)
{
	size_t count = 0;

	while (e + count < list->exports + list->count &&
	       strcmp(e[count].name, e->name) == 0)
		count++;
	return count;
}

/* Older (hidden) versions, newest last (GLIBC_2.2.5 before GLIBC_2.15). */
static int compare_hidden(const void *a, const void *b)
{
	const struct export *const *x = a, *const *y = b;

	return strverscmp((*x)->version ? (*x)->version : "",
			  (*y)->version ? (*y)->version : "");
}

/*
 * The exports `host` (count of them, one name) take the versions of the
 * guest's `guest` (guest_count): default for default; the older ones
 * paired from the newest down, so that a version the guest's library
 * never had (older than its ISA's first) is the one left absent.
 */
static void adopt_name(struct export *host, size_t count,
		       const struct export *guest, size_t guest_count)
{
	const struct export *older_host[count], *older_guest[guest_count + 1];
	size_t host_older = 0, guest_older = 0;

	for (size_t i = 0; i < guest_count; i++)
		if (guest[i].hidden_version)
			older_guest[guest_older++] = &guest[i];
	for (size_t i = 0; i < count; i++) {
		if (host[i].hidden_version) {
			older_host[host_older++] = &host[i];
			continue;
		}
		host[i].absent = !guest_count || guest[0].hidden_version;
		if (!host[i].absent)
			host[i].version = guest[0].version;
	}
	qsort(older_host, host_older, sizeof(*older_host), compare_hidden);
	qsort(older_guest, guest_older, sizeof(*older_guest), compare_hidden);
	for (size_t i = 0; i < host_older; i++) {
		struct export *e = (struct export *)older_host[i];
		size_t from_newest = host_older - 1 - i;

		e->absent = from_newest >= guest_older;
		if (!e->absent)
			e->version =
			    older_guest[guest_older - 1 - from_newest]->version;
	}
}

int adopt_guest_versions(struct export_list *list,
			 const struct export_list *guest, char *error,
			 size_t error_size)
{
	for (size_t i = 0; i < guest->count; i++)
		if (!first_named(list, guest->exports[i].name)) {
			snprintf(error, error_size,
				 "the guest's library exports %s, which the "
				 "host's does not: its thunk could not",
				 guest->exports[i].name);
			return -1;
		}
	for (size_t i = 0, count; i < list->count; i += count) {
		const struct export *own =
		    first_named(guest, list->exports[i].name);

		count = same_name(list, &list->exports[i]);
		adopt_name(&list->exports[i], count, own,
			   own ? same_name(guest, own) : 0);
	}
	list->versions = guest->versions;
	list->version_count = guest->version_count;
	return 0;
}
