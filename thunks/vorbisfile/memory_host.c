// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The buffer a program's read function fills is libogg's (ogg_sync_buffer(),
 * called by libvorbisfile): a read() straight into it is refused by QEMU
 * as host memory (SPEC §3). None of the three libraries has an allocator
 * hook, so their malloc() calls are pointed at the guest-visible heap
 * (host/library_heap.c) when the host thunk loads.
 */
#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_vorbisfile_use_visible_heap(void)
{
	dlcall_host_visible_heap_in("libogg.so.0");
	dlcall_host_visible_heap_in("libvorbis.so.0");
	dlcall_host_visible_heap_in("libvorbisfile.so.3");
}
