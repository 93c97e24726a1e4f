/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest-callable stubs for host function pointers, aarch64 part. The slot
 * puts its own address in x16 and jumps here; see stub_x86_64.S.
 */
/*
 * switchboard NAME, SELECT: an entry that saves the argument registers,
 * calls SELECT(scratch register), restores the arguments untouched and
 * jumps where SELECT said, as if the caller had called that directly.
 */
	.macro	switchboard name, select
	.type	\name, %function
\name:
	stp	x29, x30, [sp, #-224]!
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	stp	x2, x3, [sp, #32]
	stp	x4, x5, [sp, #48]
	stp	x6, x7, [sp, #64]
	str	x8, [sp, #80]		/* indirect result location */
	stp	q0, q1, [sp, #96]
	stp	q2, q3, [sp, #128]
	stp	q4, q5, [sp, #160]
	stp	q6, q7, [sp, #192]
	mov	x0, x16
	bl	\select
	mov	x17, x0
	ldp	x0, x1, [sp, #16]
	ldp	x2, x3, [sp, #32]
	ldp	x4, x5, [sp, #48]
	ldp	x6, x7, [sp, #64]
	ldr	x8, [sp, #80]
	ldp	q0, q1, [sp, #96]
	ldp	q2, q3, [sp, #128]
	ldp	q4, q5, [sp, #160]
	ldp	q6, q7, [sp, #192]
	ldp	x29, x30, [sp], #224
	br	x17
	.size	\name, .-\name
	.endm

#include "switchboards.inc"

	.section .note.GNU-stack,"",%progbits
