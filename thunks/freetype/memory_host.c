// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FreeType allocates on the guest-visible heap (host/library_heap.c): a
 * rendered glyph's bitmap is the library's memory, which programs hand to
 * fwrite() and write() as it is.
 */
#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_freetype_use_visible_heap(void)
{
	dlcall_host_visible_heap_in("libfreetype.so.6");
}
