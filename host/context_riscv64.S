/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V LP64D: callee-saved are ra (kept for the return), sp, s0-s11,
 * fs0-fs11, and the rounding mode in fcsr.
 *
 * A saved context, from its stack pointer up: ra, s0 .. s11, fs0 .. fs11,
 * fcsr at 200, and at 208 whether dlcall_context_switch() saved it (1) or
 * dlcall_context_start() (0).
 */
	.text

#define FRAME_SIZE 224

.macro save_context switched
	addi	sp, sp, -FRAME_SIZE
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	fsd	fs0, 104(sp)
	fsd	fs1, 112(sp)
	fsd	fs2, 120(sp)
	fsd	fs3, 128(sp)
	fsd	fs4, 136(sp)
	fsd	fs5, 144(sp)
	fsd	fs6, 152(sp)
	fsd	fs7, 160(sp)
	fsd	fs8, 168(sp)
	fsd	fs9, 176(sp)
	fsd	fs10, 184(sp)
	fsd	fs11, 192(sp)
	frcsr	t0
	sd	t0, 200(sp)
	li	t0, \switched
	sd	t0, 208(sp)
	sd	sp, 0(a0)
.endm

/* Loads the callee-saved registers of the context at sp and returns into it. */
.macro restore_registers
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	fld	fs0, 104(sp)
	fld	fs1, 112(sp)
	fld	fs2, 120(sp)
	fld	fs3, 128(sp)
	fld	fs4, 136(sp)
	fld	fs5, 144(sp)
	fld	fs6, 152(sp)
	fld	fs7, 160(sp)
	fld	fs8, 168(sp)
	fld	fs9, 176(sp)
	fld	fs10, 184(sp)
	fld	fs11, 192(sp)
	addi	sp, sp, FRAME_SIZE
	ret
.endm

/* Makes the context saved at stack pointer a1 current and returns into it. */
.macro restore_context
	mv	sp, a1
	ld	t0, 200(sp)
	fscsr	t0
	restore_registers
.endm

/* void dlcall_context_switch(void **save_sp, void *resume_sp) */
	.globl	dlcall_context_switch
	.hidden	dlcall_context_switch
	.type	dlcall_context_switch, @function
dlcall_context_switch:
	save_context 1
	restore_context
	.size	dlcall_context_switch, .-dlcall_context_switch

/*
 * void dlcall_context_start(void **save_sp, void *stack_top,
 *                           void (*function)(void *), void *argument)
 *
 * When function returns, continues the context *save_sp holds then. If
 * that is still the one saved here, function kept the rounding mode (the
 * ABI makes it callee-saved), and only the registers are loaded. If a
 * later one switched in (a resumed call), it is restored whole.
 */
	.globl	dlcall_context_start
	.hidden	dlcall_context_start
	.type	dlcall_context_start, @function
dlcall_context_start:
	save_context 0
	mv	sp, a1
	addi	sp, sp, -16
	sd	a0, 0(sp)		/* save_sp, for the return */
	mv	s0, zero		/* end of frame chain for unwinders */
	mv	a0, a3
	jalr	a2
	ld	a0, 0(sp)
	ld	a1, 0(a0)
	mv	sp, a1
	ld	t0, 208(sp)
	bnez	t0, 1f
	restore_registers
1:	restore_context
	.size	dlcall_context_start, .-dlcall_context_start

	.section .note.GNU-stack,"",@progbits
