/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libcrypto's allocator, host side (spec: host-init; memory_host.c). */
#ifndef DLCALL_CRYPTO_MEMORY_HOST_H
#define DLCALL_CRYPTO_MEMORY_HOST_H

/* Gives libcrypto the guest-visible heap, before its first allocation. */
void dlcall_crypto_use_visible_heap(void);

#endif
