/*
 * x86_64 SysV: callee-saved are rbx, rbp, r12-r15 and rsp; no XMM register
 * is callee-saved, but MXCSR's control bits and the x87 control word are.
 */
	.text

/* Pushes the callee-saved state and stores the stack pointer in (%rdi). */
.macro save_context
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$16, %rsp
	stmxcsr	8(%rsp)
	fnstcw	(%rsp)
	movq	%rsp, (%rdi)
.endm

/* Makes the context saved at stack pointer \sp current and returns into it. */
.macro restore_context sp
	movq	\sp, %rsp
	ldmxcsr	8(%rsp)
	fldcw	(%rsp)
	addq	$16, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
.endm

/* void dlcall_context_switch(void **save_sp, void *resume_sp) */
	.globl	dlcall_context_switch
	.hidden	dlcall_context_switch
	.type	dlcall_context_switch, @function
dlcall_context_switch:
	.cfi_startproc
	save_context
	restore_context %rsi
	.cfi_endproc
	.size	dlcall_context_switch, .-dlcall_context_switch

/*
 * void dlcall_context_start(void **save_sp, void *stack_top,
 *                           void (*function)(void *), void *argument)
 *
 * When function returns, continues the context *save_sp holds then: the
 * caller's, or a later one that switched in (a resumed call). Call and
 * return pair up, so a call without a switch costs no mispredicted return.
 */
	.globl	dlcall_context_start
	.hidden	dlcall_context_start
	.type	dlcall_context_start, @function
dlcall_context_start:
	.cfi_startproc
	save_context
	movq	%rsi, %rsp
	xorl	%ebp, %ebp		/* end of frame chain for unwinders */
	pushq	%rdi			/* save_sp, twice: keeps 16-byte alignment */
	pushq	%rdi
	movq	%rcx, %rdi
	callq	*%rdx
	popq	%rdi
	restore_context (%rdi)
	.cfi_endproc
	.size	dlcall_context_start, .-dlcall_context_start

	.section .note.GNU-stack,"",@progbits
