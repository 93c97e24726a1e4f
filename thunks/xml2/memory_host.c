// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libxml2 allocates on the guest-visible heap (host/visible_heap.c): the
 * documents it dumps to memory (xmlDocDumpMemory(), xmlC14NDocDumpMemory(),
 * xmllint --memory and --c14n) are buffers a program can write() itself,
 * which QEMU refuses for host memory (SPEC §3). A program's own
 * xmlMemSetup() replaces these functions, as natively.
 */
#include <libxml/xmlmemory.h>

#include "dlcall/host.h"
#include "memory_host.h"

void dlcall_xml2_use_visible_heap(void)
{
	xmlMemSetup(dlcall_host_visible_free, dlcall_host_visible_malloc,
		    dlcall_host_visible_realloc, dlcall_host_visible_strdup);
}
