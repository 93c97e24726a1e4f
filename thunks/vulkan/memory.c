// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mapped device memory is the driver's (host) memory, which a program may
 * hand to read() or write(): vkMapMemory() makes the mapped range visible
 * to its system calls (SPEC §3). VK_WHOLE_SIZE maps to the end of the
 * allocation, so the sizes vkAllocateMemory() gave are kept, by handle,
 * until vkFreeMemory().
 */
#include <pthread.h>
#include <stdlib.h>

#include "dlcall/guest.h"
#include "vulkan-thunk.h"

struct allocation {
	VkDeviceMemory memory; /* VK_NULL_HANDLE: a free slot */
	VkDeviceSize size;
};

/* An open-addressing table that doubles when half full. */
static struct allocation *allocations;
static size_t capacity, used;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(VkDeviceMemory memory, size_t slots)
{
	uint64_t key = (uint64_t)memory * 0x9e3779b97f4a7c15u;

	return (size_t)(key >> 32) & (slots - 1);
}

static struct allocation *find(VkDeviceMemory memory)
{
	size_t i = slot_of(memory, capacity);

	while (allocations[i].memory != memory &&
	       allocations[i].memory != VK_NULL_HANDLE)
		i = (i + 1) & (capacity - 1);
	return &allocations[i];
}

static int grow(void)
{
	struct allocation *old = allocations;
	size_t old_capacity = capacity;

	capacity = capacity ? capacity * 2 : 64;
	allocations = calloc(capacity, sizeof(*allocations));
	if (!allocations) {
		allocations = old;
		capacity = old_capacity;
		return 0;
	}
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i].memory != VK_NULL_HANDLE)
			*find(old[i].memory) = old[i];
	free(old);
	return 1;
}

static void remember(VkDeviceMemory memory, VkDeviceSize size)
{
	pthread_mutex_lock(&lock);
	if ((used + 1) * 2 <= capacity || grow()) {
		struct allocation *entry = find(memory);

		used += entry->memory == VK_NULL_HANDLE;
		*entry = (struct allocation){memory, size};
	}
	pthread_mutex_unlock(&lock);
}

/* Removal keeps every other entry reachable from its home slot. */
static void forget(VkDeviceMemory memory)
{
	struct allocation *entry;
	size_t i;

	pthread_mutex_lock(&lock);
	if (capacity && (entry = find(memory))->memory != VK_NULL_HANDLE) {
		i = (size_t)(entry - allocations);
		allocations[i].memory = VK_NULL_HANDLE;
		used--;
		for (i = (i + 1) & (capacity - 1);
		     allocations[i].memory != VK_NULL_HANDLE;
		     i = (i + 1) & (capacity - 1)) {
			struct allocation moved = allocations[i];

			allocations[i].memory = VK_NULL_HANDLE;
			*find(moved.memory) = moved;
		}
	}
	pthread_mutex_unlock(&lock);
}

static VkDeviceSize allocation_size(VkDeviceMemory memory)
{
	VkDeviceSize size = 0;

	pthread_mutex_lock(&lock);
	if (capacity)
		size = find(memory)->size;
	pthread_mutex_unlock(&lock);
	return size;
}

EXPORT VkResult vkAllocateMemory(VkDevice device,
				 const VkMemoryAllocateInfo *pAllocateInfo,
				 const VkAllocationCallbacks *pAllocator,
				 VkDeviceMemory *pMemory)
{
	VkResult result = pass_through_vkAllocateMemory(device, pAllocateInfo,
							pAllocator, pMemory);

	if (result == VK_SUCCESS)
		remember(*pMemory, pAllocateInfo->allocationSize);
	return result;
}

EXPORT void vkFreeMemory(VkDevice device, VkDeviceMemory memory,
			 const VkAllocationCallbacks *pAllocator)
{
	if (memory != VK_NULL_HANDLE)
		forget(memory);
	pass_through_vkFreeMemory(device, memory, pAllocator);
}

EXPORT VkResult vkMapMemory(VkDevice device, VkDeviceMemory memory,
			    VkDeviceSize offset, VkDeviceSize size,
			    VkMemoryMapFlags flags, void **ppData)
{
	VkResult result = pass_through_vkMapMemory(device, memory, offset,
						   size, flags, ppData);

	if (result == VK_SUCCESS && size == VK_WHOLE_SIZE) {
		VkDeviceSize whole = allocation_size(memory);

		size = whole > offset ? whole - offset : 0;
	}
	if (result == VK_SUCCESS && size > 0)
		dlcall_guest_make_visible(*ppData, (unsigned long)size);
	return result;
}
