// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libcrypto allocates on the guest-visible heap (host/visible_heap.c):
 * what OPENSSL_malloc() gives a program (openssl s_client's buffers) is
 * memory it can hand to read() and write(), which QEMU refuses for host
 * memory (SPEC §3). A program that sets its own functions first
 * (CRYPTO_set_mem_functions() before any allocation) still can.
 */
#include <openssl/crypto.h>

#include "dlcall/host.h"
#include "memory_host.h"

static void *visible_malloc(size_t size, const char *file, int line)
{
	(void)file;
	(void)line;
	return dlcall_host_visible_malloc(size);
}

static void *visible_realloc(void *block, size_t size, const char *file,
			     int line)
{
	(void)file;
	(void)line;
	return dlcall_host_visible_realloc(block, size);
}

static void visible_free(void *block, const char *file, int line)
{
	(void)file;
	(void)line;
	dlcall_host_visible_free(block);
}

/* Refused once libcrypto has allocated (another user of the host's
 * libcrypto came first): its blocks then stay host memory, as before. */
void dlcall_crypto_use_visible_heap(void)
{
	CRYPTO_set_mem_functions(visible_malloc, visible_realloc, visible_free);
}
