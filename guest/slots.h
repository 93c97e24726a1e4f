/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Code slots (slots.c), shared by the guest and the host runtime. */
#ifndef DLCALL_SLOTS_H
#define DLCALL_SLOTS_H

/* The slot for (target, entry), made on first use: calling it runs
 * `entry` with the caller's arguments; NULL for a NULL target. */
__attribute__((visibility("hidden"))) void *dlcall_slot(void *target,
							void *entry);

/* The target of the slot this thread last entered: the first thing an
 * entry asks. */
__attribute__((visibility("hidden"))) void *dlcall_slot_target(void);

/* The target behind `code` if it is a slot, else NULL (no lock). */
__attribute__((visibility("hidden"))) void *dlcall_slot_unwrap(void *code);

#endif
