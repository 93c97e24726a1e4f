/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libxml2's allocator, host side (spec: host-init; memory_host.c). */
#ifndef DLCALL_XML2_MEMORY_HOST_H
#define DLCALL_XML2_MEMORY_HOST_H

/* Gives libxml2 the guest-visible heap, before its first allocation. */
void dlcall_xml2_use_visible_heap(void);

#endif
