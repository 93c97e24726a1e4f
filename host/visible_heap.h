// SPDX-License-Identifier: GPL-2.0-or-later
/* The guest's mapper, for the rest of the host runtime (visible_heap.c). */
#ifndef DLCALL_VISIBLE_HEAP_H
#define DLCALL_VISIBLE_HEAP_H

#include "dlcall/abi.h"

/*
 * The guest runtime's function that maps memory for the host, run as a
 * callback: args[0] -> size_t size, result -> void * (NULL if it could
 * not). NULL before the guest runtime gave it.
 */
dlcall_guest_invoker visible_heap_mapper(void);

#endif
