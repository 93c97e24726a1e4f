/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AAPCS64: callee-saved are x19-x28, x29 (frame pointer), x30 (link
 * register), sp, the low 64 bits of v8-v15 (d8-d15), and FPCR.
 *
 * A saved context, from its stack pointer up: x19 .. x30, d8 .. d15, FPCR
 * at 160, and at 168 whether dlcall_context_switch() saved it (1) or
 * dlcall_context_start() (0).
 */
	.text

#define FRAME_SIZE 176

.macro save_context switched
	sub	sp, sp, #FRAME_SIZE
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	mov	x10, #\switched
	stp	x9, x10, [sp, #160]
	mov	x9, sp
	str	x9, [x0]
.endm

/* Loads the callee-saved registers of the context at sp and returns into it. */
.macro restore_registers
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #FRAME_SIZE
	ret
.endm

/* Makes the context saved at stack pointer x1 current and returns into it. */
.macro restore_context
	mov	sp, x1
	ldr	x9, [sp, #160]
	msr	fpcr, x9
	restore_registers
.endm

/* void dlcall_context_switch(void **save_sp, void *resume_sp) */
	.globl	dlcall_context_switch
	.hidden	dlcall_context_switch
	.type	dlcall_context_switch, %function
dlcall_context_switch:
	save_context 1
	restore_context
	.size	dlcall_context_switch, .-dlcall_context_switch

/*
 * void dlcall_context_start(void **save_sp, void *stack_top,
 *                           void (*function)(void *), void *argument)
 *
 * When function returns, continues the context *save_sp holds then. If
 * that is still the one saved here, function kept FPCR (the ABI makes it
 * callee-saved), and only the registers are loaded: writing FPCR is slow
 * on many cores. If a later one switched in (a resumed call), it is
 * restored whole.
 */
	.globl	dlcall_context_start
	.hidden	dlcall_context_start
	.type	dlcall_context_start, %function
dlcall_context_start:
	save_context 0
	mov	sp, x1
	str	x0, [sp, #-16]!		/* save_sp, for the return */
	mov	x29, xzr		/* end of frame chain for unwinders */
	mov	x0, x3
	blr	x2
	ldr	x0, [sp]
	ldr	x1, [x0]
	mov	sp, x1
	ldr	x9, [sp, #168]
	cbnz	x9, 1f
	restore_registers
1:	restore_context
	.size	dlcall_context_start, .-dlcall_context_start

	.section .note.GNU-stack,"",%progbits
