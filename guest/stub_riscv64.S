/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest-callable stubs for host function pointers, riscv64 part. The slot
 * puts its own address in t1 and jumps here; see stub_x86_64.S.
 */
/*
 * switchboard NAME, SELECT: an entry that saves the argument registers,
 * calls SELECT(scratch register), restores the arguments untouched and
 * jumps where SELECT said, as if the caller had called that directly.
 */
	.macro	switchboard name, select
	.type	\name, @function
\name:
	addi	sp, sp, -144
	sd	ra, 0(sp)
	sd	a0, 8(sp)
	sd	a1, 16(sp)
	sd	a2, 24(sp)
	sd	a3, 32(sp)
	sd	a4, 40(sp)
	sd	a5, 48(sp)
	sd	a6, 56(sp)
	sd	a7, 64(sp)
	fsd	fa0, 72(sp)
	fsd	fa1, 80(sp)
	fsd	fa2, 88(sp)
	fsd	fa3, 96(sp)
	fsd	fa4, 104(sp)
	fsd	fa5, 112(sp)
	fsd	fa6, 120(sp)
	fsd	fa7, 128(sp)
	mv	a0, t1
	call	\select
	mv	t1, a0
	ld	ra, 0(sp)
	ld	a0, 8(sp)
	ld	a1, 16(sp)
	ld	a2, 24(sp)
	ld	a3, 32(sp)
	ld	a4, 40(sp)
	ld	a5, 48(sp)
	ld	a6, 56(sp)
	ld	a7, 64(sp)
	fld	fa0, 72(sp)
	fld	fa1, 80(sp)
	fld	fa2, 88(sp)
	fld	fa3, 96(sp)
	fld	fa4, 104(sp)
	fld	fa5, 112(sp)
	fld	fa6, 120(sp)
	fld	fa7, 128(sp)
	addi	sp, sp, 144
	jr	t1
	.size	\name, .-\name
	.endm

#include "switchboards.inc"

	.section .note.GNU-stack,"",@progbits
