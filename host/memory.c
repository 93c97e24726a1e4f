// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest memory the host is about to write into on the guest's behalf (a
 * link of a chain, written in place for the call): whether it can be, and
 * how the program ends when it cannot.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "dlcall/host.h"
#include "dlcall/report.h"

/* Writes one byte back where it is through process_vm_writev(), which
 * returns EFAULT for memory the process cannot write instead of faulting:
 * a static const struct of the program is mapped read-only. */
static int byte_writable(unsigned char *address)
{
	unsigned char byte = *address;
	struct iovec local = {&byte, 1}, remote = {address, 1};

	return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == 1;
}

/* A struct smaller than a page touches at most two: its first and last
 * bytes tell. */
DLCALL_HOST_API int dlcall_host_writable(void *address, size_t size)
{
	unsigned char *bytes = address;

	assert(size > 0 && size <= 4096);
	return byte_writable(bytes) && byte_writable(bytes + size - 1);
}

DLCALL_HOST_API void dlcall_host_fail(const char *message)
{
	report("%s", message);
	exit(127);
}
