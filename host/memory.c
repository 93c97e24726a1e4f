// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest memory the host is about to write into on the guest's behalf (a
 * link of a chain, written in place for the call): whether it can be, and
 * how the program ends when it cannot.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "dlcall/host.h"
#include "dlcall/report.h"

/* Whether the kernel can store one byte at `address`: the byte goes
 * through a pipe and is read back in place, and read() answers EFAULT
 * where the process cannot write. */
static int byte_writable_by_pipe(unsigned char *address)
{
	unsigned char byte = *address;
	int pipe_ends[2], writable;

	if (pipe(pipe_ends) != 0)
		return 0;
	writable = write(pipe_ends[1], &byte, 1) == 1 &&
		   read(pipe_ends[0], address, 1) == 1;
	close(pipe_ends[0]);
	close(pipe_ends[1]);
	return writable;
}

/* Writes one byte back where it is through process_vm_writev(), which
 * returns EFAULT for memory the process cannot write instead of faulting:
 * a static const struct of the program is mapped read-only. Where that
 * call is refused (a container's seccomp profile without CAP_SYS_PTRACE,
 * or a QEMU that emulates this process), a pipe tells instead. */
static int byte_writable(unsigned char *address)
{
	unsigned char byte = *address;
	struct iovec local = {&byte, 1}, remote = {address, 1};

	if (process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == 1)
		return 1;
	return errno == EFAULT ? 0 : byte_writable_by_pipe(address);
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
