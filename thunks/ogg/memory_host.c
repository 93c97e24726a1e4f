// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libogg allocates on the guest-visible heap (host/library_heap.c): the
 * buffer of ogg_sync_buffer() is filled by the program, often by a read()
 * straight into it.
 */
#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_ogg_use_visible_heap(void)
{
	dlcall_host_visible_heap_in("libogg.so.0");
}
