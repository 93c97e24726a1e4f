/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper: fill every callee-saved register with a pattern derived from
 * `seed`, switch contexts, and write what the registers hold after the
 * switch returns into out[0..6] (rbx rbp r12 r13 r14 r15 mxcsr|fpucw<<32).
 *
 * void switch_with_pattern(void **save, void *resume, uint64_t seed,
 *                          uint64_t *out)
 */
	.text
	.globl	switch_with_pattern
	.type	switch_with_pattern, @function
switch_with_pattern:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%rcx			/* out */
	subq	$24, %rsp		/* scratch, keeps 16-byte alignment */
	movq	%rdx, %rbx
	leaq	1(%rdx), %rbp
	leaq	2(%rdx), %r12
	leaq	3(%rdx), %r13
	leaq	4(%rdx), %r14
	leaq	5(%rdx), %r15
	/* rounding mode from seed bit 0: round down or toward zero */
	stmxcsr	(%rsp)
	movl	(%rsp), %eax
	andl	$~0x6000, %eax
	testq	$1, %rdx
	movl	$0x2000, %ecx
	movl	$0x6000, %r8d
	cmovnzl	%r8d, %ecx
	orl	%ecx, %eax
	movl	%eax, (%rsp)
	ldmxcsr	(%rsp)
	fnstcw	(%rsp)
	movzwl	(%rsp), %eax
	andl	$~0x0c00, %eax
	movl	$0x0400, %ecx
	movl	$0x0c00, %r8d
	testq	$1, %rdx
	cmovnzl	%r8d, %ecx
	orl	%ecx, %eax
	movw	%ax, (%rsp)
	fldcw	(%rsp)
	call	dlcall_context_switch
	movq	24(%rsp), %rcx
	movq	%rbx, 0(%rcx)
	movq	%rbp, 8(%rcx)
	movq	%r12, 16(%rcx)
	movq	%r13, 24(%rcx)
	movq	%r14, 32(%rcx)
	movq	%r15, 40(%rcx)
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movl	(%rsp), %eax
	andl	$0x6000, %eax		/* rounding bits only */
	movzwl	4(%rsp), %edx
	andl	$0x0c00, %edx
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, 48(%rcx)
	addq	$32, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	switch_with_pattern, .-switch_with_pattern
	.section .note.GNU-stack,"",@progbits
