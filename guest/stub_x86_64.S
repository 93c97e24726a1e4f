/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest-callable stubs for host function pointers, x86_64 part.
 *
 * Each stub is a small code slot (see slot_code in slots.c) that puts its
 * own address in r10 and jumps here. We save every argument register,
 * let dlcall_slot_select() record the slot's target for this thread
 * and pick the per-signature C entry, restore the arguments untouched and
 * jump to that entry as if the caller had called it directly.
 */
/*
 * switchboard NAME, SELECT: an entry that saves the argument registers,
 * calls SELECT(scratch register), restores the arguments untouched and
 * jumps where SELECT said, as if the caller had called that directly.
 */
	.macro	switchboard name, select
	.type	\name, @function
\name:
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%r8
	pushq	%r9
	pushq	%rax			/* vector register count of varargs */
	pushq	%r10
	subq	$136, %rsp		/* 8 XMM registers, 16-byte aligned */
	movdqu	%xmm0, 0(%rsp)
	movdqu	%xmm1, 16(%rsp)
	movdqu	%xmm2, 32(%rsp)
	movdqu	%xmm3, 48(%rsp)
	movdqu	%xmm4, 64(%rsp)
	movdqu	%xmm5, 80(%rsp)
	movdqu	%xmm6, 96(%rsp)
	movdqu	%xmm7, 112(%rsp)
	movq	%r10, %rdi
	call	\select
	movq	%rax, %r11
	movdqu	0(%rsp), %xmm0
	movdqu	16(%rsp), %xmm1
	movdqu	32(%rsp), %xmm2
	movdqu	48(%rsp), %xmm3
	movdqu	64(%rsp), %xmm4
	movdqu	80(%rsp), %xmm5
	movdqu	96(%rsp), %xmm6
	movdqu	112(%rsp), %xmm7
	addq	$136, %rsp
	popq	%r10
	popq	%rax
	popq	%r9
	popq	%r8
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	jmpq	*%r11
	.size	\name, .-\name
	.endm

#include "switchboards.inc"

	.section .note.GNU-stack,"",@progbits
