// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The three allocation helpers of zstd's lib/common that its thread pool
 * (pool.c, compiled into the zstd program as upstream's zstd-dll target
 * does) calls but libzstd.so.1 keeps hidden. Same contract: a custom
 * allocator when the caller gave one, else the C library.
 */
#define ZSTD_STATIC_LINKING_ONLY
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

void *ZSTD_customMalloc(size_t size, ZSTD_customMem mem);
void *ZSTD_customCalloc(size_t size, ZSTD_customMem mem);
void ZSTD_customFree(void *ptr, ZSTD_customMem mem);

void *ZSTD_customMalloc(size_t size, ZSTD_customMem mem)
{
	return mem.customAlloc ? mem.customAlloc(mem.opaque, size) : malloc(size);
}

void *ZSTD_customCalloc(size_t size, ZSTD_customMem mem)
{
	void *block;

	if (!mem.customAlloc)
		return calloc(1, size);
	block = mem.customAlloc(mem.opaque, size);
	if (block)
		memset(block, 0, size);
	return block;
}

void ZSTD_customFree(void *ptr, ZSTD_customMem mem)
{
	if (ptr && mem.customFree)
		mem.customFree(mem.opaque, ptr);
	else
		free(ptr);
}
