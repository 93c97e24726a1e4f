// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory for host libraries' allocators that the program can hand to its
 * own system calls (SPEC §3; docs/design.md "A guest-visible heap"): QEMU
 * checks a guest system call's buffers against its page table, which
 * holds what the guest mapped and nothing the host did. So the guest maps
 * chunks (its mapper runs on the current pass-through call) and they are
 * cut into blocks here. A library whose allocations reach the program as
 * buffers (OpenSSL's OPENSSL_malloc(), libxml2's dumps to memory) gets
 * these functions when its host thunk loads (spec host-init).
 *
 * With no call in progress (a thread the library made), no mapper, or no
 * more memory the guest can map, a block comes from the host's malloc()
 * as before; free() tells the two apart by the chunks it lent, a registry
 * (never by address range guesses, SPEC §3).
 *
 * Blocks carry a 16-byte header (their size), keeping malloc()'s 16-byte
 * alignment. Small sizes are rounded to one of 56 classes, each with a
 * free list; medium ones to 64 KiB and big ones (over 1 MiB) get a
 * mapping of their own, both kept on one list of large blocks for reuse.
 * Memory is not given back to the system.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/host.h"
#include "dlcall/report.h"
#include "visible_heap.h"

enum {
	CHUNK_SIZE = 64 << 20, /* mapped by the guest at a time */
	HEADER_SIZE = 16,
	TINY_LIMIT = 256,	  /* classes of 16 bytes up to here */
	SMALL_LIMIT = 256 << 10,  /* then four classes per power of two */
	LARGE_GRAIN = 64 << 10,	  /* larger blocks: multiples of this */
	DEDICATED_LIMIT = 1 << 20, /* larger: a mapping of their own */
	CLASS_COUNT = 16 + 10 * 4,
};

#define BLOCK_MAGIC 0x64636c6c68656170ULL /* in our blocks' headers */

struct header {
	size_t size; /* usable bytes after the header */
	uint64_t magic;
};

struct free_block {
	struct free_block *next;
};

struct chunk {
	char *start, *end;
	struct chunk *next;
};

static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct free_block *free_lists[CLASS_COUNT];
static struct free_block *large_blocks; /* over SMALL_LIMIT */
static char *bump, *bump_end;		/* the rest of the newest chunk */
static struct chunk *chunks;
static dlcall_guest_invoker guest_mapper;

static_assert(sizeof(struct header) == HEADER_SIZE, "header keeps alignment");

/* The class of a small size (at most SMALL_LIMIT) and its block size. */
static unsigned class_of(size_t size, size_t *rounded)
{
	unsigned power = 8;
	size_t step;

	assert(size <= SMALL_LIMIT);
	if (size <= TINY_LIMIT) {
		size_t index = size ? (size - 1) / 16 : 0;

		*rounded = (index + 1) * 16;
		return (unsigned)index;
	}
	while (((size_t)2 << power) < size)
		power++;
	step = ((size_t)1 << power) / 4;
	*rounded = (size + step - 1) / step * step;
	return 16 + (power - 8) * 4 +
	       (unsigned)((*rounded - ((size_t)1 << power)) / step) - 1;
}

static size_t large_size(size_t size)
{
	return (size + LARGE_GRAIN - 1) / LARGE_GRAIN * LARGE_GRAIN;
}

static int owned(const void *pointer)
{
	for (const struct chunk *c = chunks; c; c = c->next)
		if ((const char *)pointer > c->start &&
		    (const char *)pointer < c->end)
			return 1;
	return 0;
}

/* A block of `size` usable bytes from the newest chunk, or NULL. */
static void *cut(size_t size)
{
	struct header *header = (struct header *)bump;

	if (!bump || (size_t)(bump_end - bump) < HEADER_SIZE + size)
		return NULL;
	bump += HEADER_SIZE + size;
	*header = (struct header){size, BLOCK_MAGIC};
	return header + 1;
}

/* A large block of at least `size` bytes and at most twice that. */
static void *reuse_large(size_t size)
{
	for (struct free_block **link = &large_blocks; *link;
	     link = &(*link)->next) {
		struct header *header = (struct header *)*link - 1;

		if (header->size >= size && header->size / 2 <= size) {
			void *block = *link;

			*link = (*link)->next;
			return block;
		}
	}
	return NULL;
}

/* A block for `size` from what was lent already, or NULL. Locked. */
static void *take(size_t size)
{
	size_t rounded;
	unsigned index;
	void *block;

	/* Against the size asked: a big block's own mapping holds its
	 * header too, so it is a grain less than the size rounded. */
	if (size > SMALL_LIMIT) {
		block = reuse_large(size);
		return block || size > DEDICATED_LIMIT
			   ? block
			   : cut(large_size(size));
	}
	index = class_of(size, &rounded);
	block = free_lists[index];
	if (block) {
		free_lists[index] = free_lists[index]->next;
		return block;
	}
	return cut(rounded);
}

/* `size` bytes the guest maps for us, or NULL (see the top). */
static void *map_from_guest(size_t size)
{
	void *arguments[] = {&size};
	void *mapped = NULL;

	if (!guest_mapper || dlcall_host_call_depth() == 0)
		return NULL;
	dlcall_host_run_guest(guest_mapper, NULL, arguments, &mapped,
			      "dlcall's guest-visible heap", "its mapper");
	return mapped;
}

/* Lends `size` mapped bytes at `start`, as the newest chunk unless it
 * is one big block (returned, else NULL). Locked. */
static void *lend(char *start, size_t size, int one_block)
{
	struct chunk *c = malloc(sizeof(*c));
	struct header *header = (struct header *)start;

	if (!c) {
		report("out of memory");
		exit(127);
	}
	*c = (struct chunk){start, start + size, chunks};
	chunks = c;
	if (!one_block) {
		bump = start;
		bump_end = start + size;
		return NULL;
	}
	*header = (struct header){size - HEADER_SIZE, BLOCK_MAGIC};
	return header + 1;
}

/* Maps more for a `size` the lent memory cannot serve: a mapping of its
 * own for a big block (returned), or a new chunk (NULL, take() again).
 * -1 as a pointer when the guest cannot map. */
static void *grow(size_t size)
{
	int big = size > DEDICATED_LIMIT;
	size_t length = big ? large_size(size + HEADER_SIZE) : CHUNK_SIZE;
	char *mapped = map_from_guest(length);
	void *block;

	if (!mapped)
		return (void *)-1;
	pthread_mutex_lock(&heap_lock);
	block = lend(mapped, length, big);
	pthread_mutex_unlock(&heap_lock);
	return block;
}

DLCALL_HOST_API void *dlcall_host_visible_malloc(size_t size)
{
	void *block;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_lock(&heap_lock);
	block = take(size);
	pthread_mutex_unlock(&heap_lock);
	if (block)
		return block;
	/* Mapped with the lock released: the guest runs meanwhile. */
	block = grow(size);
	if (block == (void *)-1)
		return malloc(size);
	if (!block) {
		pthread_mutex_lock(&heap_lock);
		block = take(size);
		pthread_mutex_unlock(&heap_lock);
	}
	return block ? block : malloc(size);
}

DLCALL_HOST_API void dlcall_host_visible_free(void *block)
{
	struct header *header = (struct header *)block - 1;
	struct free_block *freed = block;
	size_t rounded;

	if (!block)
		return;
	pthread_mutex_lock(&heap_lock);
	if (!owned(block)) {
		pthread_mutex_unlock(&heap_lock);
		free(block);
		return;
	}
	assert(header->magic == BLOCK_MAGIC);
	if (header->size > SMALL_LIMIT) {
		freed->next = large_blocks;
		large_blocks = freed;
	} else {
		unsigned index = class_of(header->size, &rounded);

		assert(rounded == header->size);
		freed->next = free_lists[index];
		free_lists[index] = freed;
	}
	pthread_mutex_unlock(&heap_lock);
}

/* Usable bytes of one of our blocks, or 0 for the host's malloc()'s. */
static size_t lent_size(void *block)
{
	size_t size = 0;

	pthread_mutex_lock(&heap_lock);
	if (owned(block))
		size = ((struct header *)block - 1)->size;
	pthread_mutex_unlock(&heap_lock);
	return size;
}

DLCALL_HOST_API void *dlcall_host_visible_realloc(void *block, size_t size)
{
	size_t old_size;
	void *moved;

	if (!block)
		return dlcall_host_visible_malloc(size);
	old_size = lent_size(block);
	if (!old_size)
		return realloc(block, size);
	if (!size) {
		dlcall_host_visible_free(block);
		return NULL;
	}
	if (size <= old_size)
		return block;
	moved = dlcall_host_visible_malloc(size);
	if (moved) {
		memcpy(moved, block, old_size);
		dlcall_host_visible_free(block);
	}
	return moved;
}

DLCALL_HOST_API void *dlcall_host_visible_calloc(size_t count, size_t size)
{
	void *block;

	if (size && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	block = dlcall_host_visible_malloc(count * size);
	if (block)
		memset(block, 0, count * size);
	return block;
}

DLCALL_HOST_API char *dlcall_host_visible_strdup(const char *text)
{
	size_t size = strlen(text) + 1;
	char *copy = dlcall_host_visible_malloc(size);

	if (copy)
		memcpy(copy, text, size);
	return copy;
}

/* INVOKE_PROC entry, once from the guest runtime before any call (so
 * that the first call's stack is one the guest maps): its mapper. */
DLCALL_HOST_API void dlcall_host_set_guest_mapper(void *mapper, void *unused)
{
	(void)unused;
	guest_mapper = *(dlcall_guest_invoker *)mapper;
}

dlcall_guest_invoker visible_heap_mapper(void)
{
	return guest_mapper;
}

/* A fork() while another thread holds the lock must not leave the child
 * with it held. */
static void lock_for_fork(void)
{
	pthread_mutex_lock(&heap_lock);
}

static void unlock_after_fork(void)
{
	pthread_mutex_unlock(&heap_lock);
}

__attribute__((constructor)) static void register_fork_handlers(void)
{
	pthread_atfork(lock_for_fork, unlock_after_fork, unlock_after_fork);
}
