// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HarfBuzz allocates on the guest-visible heap (host/library_heap.c): a
 * blob's data (hb_blob_get_data) is the library's memory, which
 * programs write out as it is.
 */
#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_harfbuzz_use_visible_heap(void)
{
	dlcall_host_visible_heap_in("libharfbuzz.so.0");
}
