/*
 * The exported functions of a real shared library, read from its ELF
 * dynamic symbol table with their symbol versions (SPEC §6: the list of
 * functions to cover is the library's export list).
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

static const Elf64_Shdr *section_of_type(const Elf64_Ehdr *header,
					 const unsigned char *image,
					 uint32_t type)
{
	const Elf64_Shdr *sections =
	    (const Elf64_Shdr *)(image + header->e_shoff);

	for (int i = 0; i < header->e_shnum; i++)
		if (sections[i].sh_type == type)
			return &sections[i];
	return NULL;
}

/* Names of version definitions by index (Verdef), NULL where none. */
static const char **version_names(const Elf64_Ehdr *header,
				  const unsigned char *image,
				  const char *strings, size_t *count)
{
	const Elf64_Shdr *verdef =
	    section_of_type(header, image, SHT_GNU_verdef);
	const char **names;
	const unsigned char *entry;

	*count = 0;
	if (!verdef)
		return NULL;
	names = calloc(verdef->sh_info + 2, sizeof(*names));
	entry = image + verdef->sh_offset;
	for (unsigned i = 0; i < verdef->sh_info; i++) {
		const Elf64_Verdef *definition = (const Elf64_Verdef *)entry;
		const Elf64_Verdaux *aux =
		    (const Elf64_Verdaux *)(entry + definition->vd_aux);
		size_t index = definition->vd_ndx;

		if (index < verdef->sh_info + 2 &&
		    !(definition->vd_flags & VER_FLG_BASE))
			names[index] = strings + aux->vda_name;
		if (index + 1 > *count)
			*count = index + 1;
		if (!definition->vd_next)
			break;
		entry += definition->vd_next;
	}
	return names;
}

static int compare_exports(const void *a, const void *b)
{
	return strcmp(((const struct export *)a)->name,
		      ((const struct export *)b)->name);
}

int read_exports(const char *path, struct export **out, size_t *count,
		 char *error, size_t error_size)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	unsigned char *image;
	const Elf64_Ehdr *header;
	const Elf64_Shdr *dynsym, *versym, *strtab;
	const char *strings;
	const char **versions;
	size_t version_count, symbol_count, n = 0;
	struct export *exports;

	*out = NULL;
	*count = 0;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(error, error_size, "cannot open %s: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	image = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (image == MAP_FAILED) {
		snprintf(error, error_size, "cannot map %s", path);
		return -1;
	}
	header = (const Elf64_Ehdr *)image;
	if ((size_t)st.st_size < sizeof(*header) ||
	    memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
	    header->e_ident[EI_CLASS] != ELFCLASS64) {
		snprintf(error, error_size, "%s is not a 64-bit ELF library",
			 path);
		munmap(image, (size_t)st.st_size);
		return -1;
	}
	dynsym = section_of_type(header, image, SHT_DYNSYM);
	if (!dynsym) {
		snprintf(error, error_size, "%s has no dynamic symbols", path);
		munmap(image, (size_t)st.st_size);
		return -1;
	}
	strtab =
	    (const Elf64_Shdr *)(image + header->e_shoff) + dynsym->sh_link;
	strings = (const char *)image + strtab->sh_offset;
	versym = section_of_type(header, image, SHT_GNU_versym);
	versions = version_names(header, image, strings, &version_count);
	symbol_count = dynsym->sh_size / sizeof(Elf64_Sym);
	exports = calloc(symbol_count + 1, sizeof(*exports));
	for (size_t i = 1; i < symbol_count; i++) {
		const Elf64_Sym *symbol =
		    (const Elf64_Sym *)(image + dynsym->sh_offset) + i;
		int binding = ELF64_ST_BIND(symbol->st_info);
		uint16_t version = 0;

		if (ELF64_ST_TYPE(symbol->st_info) != STT_FUNC ||
		    symbol->st_shndx == SHN_UNDEF ||
		    (binding != STB_GLOBAL && binding != STB_WEAK) ||
		    ELF64_ST_VISIBILITY(symbol->st_other) != STV_DEFAULT)
			continue;
		if (versym)
			version =
			    ((const uint16_t *)(image + versym->sh_offset))[i];
		exports[n].name = strdup(strings + symbol->st_name);
		exports[n].hidden_version = (version & 0x8000) != 0;
		version &= 0x7fff;
		if (versions && version < version_count && versions[version])
			exports[n].version = strdup(versions[version]);
		n++;
	}
	free(versions);
	munmap(image, (size_t)st.st_size);
	qsort(exports, n, sizeof(*exports), compare_exports);
	*out = exports;
	*count = n;
	return 0;
}
