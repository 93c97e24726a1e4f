// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HarfBuzz's subsetter allocates on the guest-visible heap
 * (host/library_heap.c): the subset font's blob is the library's
 * memory, which hb-subset writes out as it is.
 */
#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_harfbuzz_subset_use_visible_heap(void)
{
	dlcall_host_visible_heap_in("libharfbuzz-subset.so.0");
}
