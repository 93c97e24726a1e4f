/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic system call, one inline-assembly body per guest ISA. Raw, not
 * through libc's syscall(), so the guest's errno is never touched: under
 * QEMU 7.2 .. 10.x the call "fails" with -ENOSYS even when it worked.
 */
#ifndef DLCALL_MAGIC_SYSCALL_H
#define DLCALL_MAGIC_SYSCALL_H

static inline long magic_syscall(long number, long operation, long a2, long a3,
				 long a4)
{
#if defined(__x86_64__)
	long result;
	register long r10 __asm__("r10") = a4;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(operation), "S"(a2), "d"(a3),
			   "r"(r10)
			 : "rcx", "r11", "memory");
	return result;
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = number;
	register long x0 __asm__("x0") = operation;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;
	register long x3 __asm__("x3") = a4;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	return x0;
#elif defined(__riscv) && __riscv_xlen == 64
	register long a7_ __asm__("a7") = number;
	register long a0_ __asm__("a0") = operation;
	register long a1_ __asm__("a1") = a2;
	register long a2_ __asm__("a2") = a3;
	register long a3_ __asm__("a3") = a4;

	__asm__ volatile("ecall"
			 : "+r"(a0_)
			 : "r"(a7_), "r"(a1_), "r"(a2_), "r"(a3_)
			 : "memory");
	return a0_;
#else
#error "unsupported guest ISA"
#endif
}

/*
 * The fast transport's marker (abi.h): a no-op for the CPU, a call for our
 * plugin. The clobber orders the mailbox stores before it and the frame's
 * loads after it.
 */
static inline void dlcall_marker(void)
{
#if defined(__x86_64__)
	__asm__ volatile(
	    ".byte 0x0f, 0x1f, 0x84, 0x00, 0x64, 0x6c, 0x63, 0x61" ::
		: "memory");
#elif defined(__aarch64__)
	__asm__ volatile(".inst 0xaa110231" ::: "memory");
#elif defined(__riscv) && __riscv_xlen == 64
	__asm__ volatile(".insn i 0x13, 2, zero, zero, 0x646" ::: "memory");
#endif
}

#endif
