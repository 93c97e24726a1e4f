// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest-callable stubs for host function pointers (SPEC §4).
 *
 * A host function pointer that reaches the guest (a GetProcAddress-style
 * result, a function table) cannot be called by emulated code. The guest
 * gets instead the address of a stub slot: a few guest instructions that
 * load the slot's own address into a scratch register and jump to
 * dlcall_stub_enter (stub_<isa>.S), which records the slot's host function
 * for this thread and continues in the per-signature C entry that packs
 * the arguments and calls the host. Slots live in executable pages that
 * the runtime allocates as needed: no fixed pool.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dlcall/guest.h"

struct stub_slot {
	uint8_t code[24];
	void *enter;
	void *host_function;
	void *guest_entry;
	struct stub_slot *next; /* hash chain */
};

_Static_assert(sizeof(struct stub_slot) == 56, "slot layout");

void dlcall_stub_enter(void);
__attribute__((visibility("hidden"))) void *
dlcall_stub_select(struct stub_slot *slot);

/* The slot code: "scratch = this slot; jump to slot->enter". */
#if defined(__x86_64__)
static const uint8_t stub_code[] = {
    0x4c, 0x8d, 0x15, 0xf9, 0xff, 0xff, 0xff, /* lea -7(%rip), %r10 */
    0xff, 0x25, 0x0b, 0x00, 0x00, 0x00,	      /* jmp *11(%rip) */
    0xcc,				      /* int3 */
};
#elif defined(__aarch64__)
static const uint32_t stub_code[] = {
    0x10000010, /* adr x16, . */
    0xf9400e11, /* ldr x17, [x16, #24] */
    0xd61f0220, /* br x17 */
};
#elif defined(__riscv) && __riscv_xlen == 64
static const uint32_t stub_code[] = {
    0x00000317, /* auipc t1, 0 */
    0x01833383, /* ld t2, 24(t1) */
    0x00038067, /* jr t2 */
};
#endif

enum { CHUNK_SIZE = 64 * 1024 };

struct chunk {
	struct stub_slot *slots;
	size_t used, capacity;
	struct chunk *next;
};

/* Grows only: new chunks are published at the head with a release store, and
 * a slot is counted in `used` only once complete, so readers need no lock. */
static struct chunk *chunks;
static struct stub_slot **table;
static size_t table_size, slot_count;
static pthread_mutex_t stub_lock = PTHREAD_MUTEX_INITIALIZER;
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
	struct stub_slot **new_table = calloc(new_size, sizeof(*new_table));

	if (!new_table)
		return -1;
	for (size_t i = 0; i < table_size; i++) {
		struct stub_slot *slot = table[i], *next;

		for (; slot; slot = next) {
			size_t k =
			    hash_pair(slot->host_function, slot->guest_entry) &
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

static struct stub_slot *allocate_slot(void)
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
		chunk->capacity = CHUNK_SIZE / sizeof(struct stub_slot);
		chunk->next = chunks;
		__atomic_store_n(&chunks, chunk, __ATOMIC_RELEASE);
	}
	return &chunk->slots[chunk->used];
}

static struct stub_slot *create_slot(void *host_function, void *guest_entry)
{
	struct stub_slot *slot = allocate_slot();

	if (!slot)
		return NULL;
	memset(slot->code, 0, sizeof(slot->code));
	memcpy(slot->code, stub_code, sizeof(stub_code));
	slot->enter = (void *)dlcall_stub_enter;
	slot->host_function = host_function;
	slot->guest_entry = guest_entry;
	__builtin___clear_cache((char *)slot->code,
				(char *)slot->code + sizeof(slot->code));
	return slot;
}

DLCALL_GUEST_API void *dlcall_guest_stub(void *host_function, void *guest_entry)
{
	struct stub_slot *slot = NULL;
	size_t k;

	if (!host_function)
		return NULL;
	pthread_mutex_lock(&stub_lock);
	if (table_size) {
		k = hash_pair(host_function, guest_entry) & (table_size - 1);
		for (slot = table[k]; slot; slot = slot->next)
			if (slot->host_function == host_function &&
			    slot->guest_entry == guest_entry)
				break;
	}
	if (!slot && (slot_count < table_size || grow_table() == 0)) {
		slot = create_slot(host_function, guest_entry);
		if (slot) {
			/* The slot is complete: let lock-free readers see it.
			 */
			__atomic_add_fetch(&chunks->used, 1, __ATOMIC_RELEASE);
			k = hash_pair(host_function, guest_entry) &
			    (table_size - 1);
			slot->next = table[k];
			table[k] = slot;
			slot_count++;
		}
	}
	pthread_mutex_unlock(&stub_lock);
	if (!slot) {
		fprintf(stderr, "dlcall: cannot allocate a guest stub\n");
		abort();
	}
	return slot->code;
}

/* Called by dlcall_stub_enter with the slot that was jumped through. */
void *dlcall_stub_select(struct stub_slot *slot)
{
	current_target = slot->host_function;
	return slot->guest_entry;
}

DLCALL_GUEST_API void *dlcall_guest_stub_target(void)
{
	return current_target;
}

/*
 * On every pass-through call with a function pointer argument: no lock, a
 * walk over the few chunks (64 KiB each, about 1,170 stubs).
 */
DLCALL_GUEST_API void *dlcall_guest_unwrap(void *function)
{
	struct chunk *chunk = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE);

	for (; chunk; chunk = chunk->next) {
		uintptr_t offset =
		    (uintptr_t)function - (uintptr_t)chunk->slots;
		size_t used = __atomic_load_n(&chunk->used, __ATOMIC_ACQUIRE);

		if ((uintptr_t)function >= (uintptr_t)chunk->slots &&
		    offset < used * sizeof(struct stub_slot) &&
		    offset % sizeof(struct stub_slot) == 0)
			return chunk->slots[offset / sizeof(struct stub_slot)]
			    .host_function;
	}
	return NULL;
}

/* glibc 2.35's lock-free lookup, for unwinders; weak for older ones. */
extern int _dl_find_object(void *address, struct dl_find_object *result)
    __attribute__((weak));

DLCALL_GUEST_API int dlcall_guest_in_loaded_object(void *address)
{
	struct dl_find_object found;
	Dl_info info;

	if (_dl_find_object)
		return _dl_find_object(address, &found) == 0;
	return dladdr(address, &info) != 0;
}

/*
 * Whether `function` is the host's: not NULL, not one of our stubs, and in
 * no object the guest's dynamic linker loaded (the host's libraries are
 * mapped by the host's loader, which the guest's knows nothing of). Code a
 * guest program generates at run time would count as the host's.
 */
DLCALL_GUEST_API int dlcall_guest_is_host_function(void *function)
{
	return function && !dlcall_guest_unwrap(function) &&
	       !dlcall_guest_in_loaded_object(function);
}
