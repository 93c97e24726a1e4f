/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HarfBuzz's allocations, host side (memory_host.c). */
#ifndef DLCALL_HARFBUZZ_MEMORY_HOST_H
#define DLCALL_HARFBUZZ_MEMORY_HOST_H

/* Gives HarfBuzz the guest-visible heap. */
void dlcall_harfbuzz_use_visible_heap(void);

#endif
