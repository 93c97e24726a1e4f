/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 SysV: callee-saved are rbx, rbp, r12-r15 and rsp; no XMM register
 * is callee-saved, but MXCSR's control bits and the x87 control word are.
 */
	.text

/*
 * A saved context, from its stack pointer up: the x87 control word (at 0),
 * MXCSR (at 8), at 12 whether dlcall_context_switch() saved it (1) or
 * dlcall_context_start() (0); then r15 .. rbp and the return address.
 */

/* Pushes the callee-saved state and stores the stack pointer in (%rdi). */
.macro save_context switched
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$16, %rsp
	stmxcsr	8(%rsp)
	fnstcw	(%rsp)
	movl	$\switched, 12(%rsp)
	movq	%rsp, (%rdi)
.endm

/* Pops the callee-saved registers of the context at %rsp and returns into it. */
.macro restore_registers
	addq	$16, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
.endm

/* Makes the context saved at stack pointer \sp current and returns into it. */
.macro restore_context sp
	movq	\sp, %rsp
	ldmxcsr	8(%rsp)
	fldcw	(%rsp)
	restore_registers
.endm

/* void dlcall_context_switch(void **save_sp, void *resume_sp) */
	.globl	dlcall_context_switch
	.hidden	dlcall_context_switch
	.type	dlcall_context_switch, @function
dlcall_context_switch:
	.cfi_startproc
	save_context 1
	restore_context %rsi
	.cfi_endproc
	.size	dlcall_context_switch, .-dlcall_context_switch

/*
 * void dlcall_context_start(void **save_sp, void *stack_top,
 *                           void (*function)(void *), void *argument)
 *
 * When function returns, continues the context *save_sp holds then. If
 * that is still the one saved here, function kept the FP control state
 * (the ABI makes it callee-saved), and only the registers are popped:
 * ldmxcsr costs more than the rest of a call put together on some x86_64
 * cores. If a later one switched in (a resumed call), it is restored
 * whole. Call and return pair up, so a call without a switch costs no
 * mispredicted return.
 */
	.globl	dlcall_context_start
	.hidden	dlcall_context_start
	.type	dlcall_context_start, @function
dlcall_context_start:
	.cfi_startproc
	save_context 0
	movq	%rsi, %rsp
	xorl	%ebp, %ebp		/* end of frame chain for unwinders */
	pushq	%rdi			/* save_sp, twice: keeps 16-byte alignment */
	pushq	%rdi
	movq	%rcx, %rdi
	callq	*%rdx
	popq	%rdi
	movq	(%rdi), %rsp
	cmpl	$0, 12(%rsp)
	jne	1f
	restore_registers
1:	restore_context %rsp
	.cfi_endproc
	.size	dlcall_context_start, .-dlcall_context_start

	.section .note.GNU-stack,"",@progbits
