/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libogg's allocations, host side (memory_host.c). */
#ifndef DLCALL_OGG_MEMORY_HOST_H
#define DLCALL_OGG_MEMORY_HOST_H

/* Gives libogg the guest-visible heap. */
void dlcall_ogg_use_visible_heap(void);

#endif
