// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Code slots: a function pointer that stands for a (target, entry) pair.
 *
 * A slot is a few instructions that load the slot's own address into a
 * scratch register and jump to dlcall_slot_enter (stub_<isa>.S), which
 * saves the argument registers, records the slot's target for this thread
 * and continues in the slot's entry, a C function of the pointer's own
 * signature (variadic ones included) that asks dlcall_slot_target() what
 * it stands for. The guest runtime makes them for host functions (SPEC
 * §4's stubs), the host runtime for variadic guest functions (printf-style
 * callbacks, which libffi closures cannot take); both compile this file.
 *
 * Slots live in executable pages allocated as needed: no fixed pool. They
 * are cached per (target, entry) and live as long as the process.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "slots.h"

struct slot {
	uint8_t code[24];
	void *enter;
	void *target;
	void *entry;
	struct slot *next; /* hash chain */
};

_Static_assert(sizeof(struct slot) == 56, "slot layout");

void dlcall_slot_enter(void);
void *dlcall_slot_select(struct slot *slot);

/* The slot code: "scratch = this slot; jump to slot->enter". */
#if defined(__x86_64__)
static const uint8_t slot_code[] = {
    0x4c, 0x8d, 0x15, 0xf9, 0xff, 0xff, 0xff, /* lea -7(%rip), %r10 */
    0xff, 0x25, 0x0b, 0x00, 0x00, 0x00,	      /* jmp *11(%rip) */
    0xcc,				      /* int3 */
};
#elif defined(__aarch64__)
static const uint32_t slot_code[] = {
    0x10000010, /* adr x16, . */
    0xf9400e11, /* ldr x17, [x16, #24] */
    0xd61f0220, /* br x17 */
};
#elif defined(__riscv) && __riscv_xlen == 64
static const uint32_t slot_code[] = {
    0x00000317, /* auipc t1, 0 */
    0x01833383, /* ld t2, 24(t1) */
    0x00038067, /* jr t2 */
};
#endif

enum { CHUNK_SIZE = 64 * 1024 };

struct chunk {
	struct slot *slots;
	size_t used, capacity;
	struct chunk *next;
};

/* Grows only: new chunks are published at the head with a release store, and
 * a slot is counted in `used` only once complete, so readers need no lock. */
static struct chunk *chunks;
static struct slot **table;
static size_t table_size, slot_count;
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread void *current_target;

static size_t hash_pair(const void *a, const void *b)
{
	uint64_t x = (uint64_t)(uintptr_t)a * 0x9e3779b97f4a7c15ull ^
		     (uint64_t)(uintptr_t)b;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 29;
	return (size_t)x;
}

static int grow_table(void)
{
	size_t new_size = table_size ? table_size * 2 : 64;
	struct slot **new_table = calloc(new_size, sizeof(*new_table));

	if (!new_table)
		return -1;
	for (size_t i = 0; i < table_size; i++) {
		struct slot *slot = table[i], *next;

		for (; slot; slot = next) {
			size_t k =
			    hash_pair(slot->target, slot->entry) &
			    (new_size - 1);

			next = slot->next;
			slot->next = new_table[k];
			new_table[k] = slot;
		}
	}
	free(table);
	table = new_table;
	table_size = new_size;
	return 0;
}

static struct slot *allocate_slot(void)
{
	struct chunk *chunk = chunks;

	if (!chunk || chunk->used == chunk->capacity) {
		chunk = malloc(sizeof(*chunk));
		if (!chunk)
			return NULL;
		chunk->slots =
		    mmap(NULL, CHUNK_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (chunk->slots == MAP_FAILED) {
			free(chunk);
			return NULL;
		}
		chunk->used = 0;
		chunk->capacity = CHUNK_SIZE / sizeof(struct slot);
		chunk->next = chunks;
		__atomic_store_n(&chunks, chunk, __ATOMIC_RELEASE);
	}
	return &chunk->slots[chunk->used];
}

static struct slot *create_slot(void *target, void *entry)
{
	struct slot *slot = allocate_slot();

	if (!slot)
		return NULL;
	memset(slot->code, 0, sizeof(slot->code));
	memcpy(slot->code, slot_code, sizeof(slot_code));
	slot->enter = (void *)dlcall_slot_enter;
	slot->target = target;
	slot->entry = entry;
	__builtin___clear_cache((char *)slot->code,
				(char *)slot->code + sizeof(slot->code));
	return slot;
}

void *dlcall_slot(void *target, void *entry)
{
	struct slot *slot = NULL;
	size_t k;

	if (!target)
		return NULL;
	pthread_mutex_lock(&slot_lock);
	if (table_size) {
		k = hash_pair(target, entry) & (table_size - 1);
		for (slot = table[k]; slot; slot = slot->next)
			if (slot->target == target &&
			    slot->entry == entry)
				break;
	}
	if (!slot && (slot_count < table_size || grow_table() == 0)) {
		slot = create_slot(target, entry);
		if (slot) {
			/* The slot is complete: let lock-free readers see it.
			 */
			__atomic_add_fetch(&chunks->used, 1, __ATOMIC_RELEASE);
			k = hash_pair(target, entry) &
			    (table_size - 1);
			slot->next = table[k];
			table[k] = slot;
			slot_count++;
		}
	}
	pthread_mutex_unlock(&slot_lock);
	if (!slot) {
		fprintf(stderr, "dlcall: cannot allocate a code slot\n");
		abort();
	}
	return slot->code;
}

/* Called by dlcall_slot_enter with the slot that was jumped through. */
void *dlcall_slot_select(struct slot *slot)
{
	current_target = slot->target;
	return slot->entry;
}

void *dlcall_slot_target(void)
{
	return current_target;
}

/*
 * On every pass-through call with a function pointer argument: no lock, a
 * walk over the few chunks (64 KiB each, about 1,170 stubs).
 */
void *dlcall_slot_unwrap(void *function)
{
	struct chunk *chunk = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE);

	for (; chunk; chunk = chunk->next) {
		uintptr_t offset =
		    (uintptr_t)function - (uintptr_t)chunk->slots;
		size_t used = __atomic_load_n(&chunk->used, __ATOMIC_ACQUIRE);

		if ((uintptr_t)function >= (uintptr_t)chunk->slots &&
		    offset < used * sizeof(struct slot) &&
		    offset % sizeof(struct slot) == 0)
			return chunk->slots[offset / sizeof(struct slot)]
			    .target;
	}
	return NULL;
}
