/* SPDX-License-Identifier: GPL-2.0-or-later */
/* FreeType's allocations, host side (memory_host.c). */
#ifndef DLCALL_FREETYPE_MEMORY_HOST_H
#define DLCALL_FREETYPE_MEMORY_HOST_H

/* Gives FreeType the guest-visible heap. */
void dlcall_freetype_use_visible_heap(void);

#endif
