/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The guest side of host streams, within the guest runtime (stream.c). */
#ifndef DLCALL_GUEST_STREAM_H
#define DLCALL_GUEST_STREAM_H

/* Flushes the program's stream the library wrote to during the call that
 * is returning (the library's own fflush() cannot reach its buffer). */
__attribute__((visibility("hidden"))) void dlcall_guest_flush_written(void);

#endif
