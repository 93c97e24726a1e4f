// SPDX-License-Identifier: GPL-2.0-or-later
/* Callbacks on threads a host library created (library_threads.c). */
#ifndef DLCALL_LIBRARY_THREADS_H
#define DLCALL_LIBRARY_THREADS_H

#include "dlcall/abi.h"

/*
 * Runs invoker(function, args, result) on a callback server, a guest
 * thread, and returns 1 once it ran; at once 0 if the guest started no
 * server (no library of the process has spec callback-threads), -1 if
 * the servers were lost at a fork() (the process is the child).
 */
int dlcall_run_on_callback_server(dlcall_guest_invoker invoker,
				  void *function, void **args, void *result,
				  const char *description,
				  const char *passed_to);

#endif
