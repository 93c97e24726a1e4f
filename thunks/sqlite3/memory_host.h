/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SQLite's allocator, host side (spec: host-init; memory_host.c). */
#ifndef DLCALL_SQLITE3_MEMORY_HOST_H
#define DLCALL_SQLITE3_MEMORY_HOST_H

/* Gives SQLite the guest-visible heap, before it is initialized. */
void dlcall_sqlite3_use_visible_heap(void);

#endif
