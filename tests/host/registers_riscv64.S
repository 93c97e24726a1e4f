/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper: fill every callee-saved register with a pattern derived from
 * `seed`, switch contexts, and write what they hold after the switch
 * returns into out[]: s0-s11 (12), fs0-fs11 (12), the rounding mode.
 *
 * void switch_with_pattern(void **save, void *resume, uint64_t seed,
 *                          uint64_t *out)
 */
	.text
	.globl	switch_with_pattern
	.type	switch_with_pattern, @function
switch_with_pattern:
	addi	sp, sp, -224
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
	frrm	t0
	sd	t0, 200(sp)
	sd	a3, 208(sp)
	addi	s0, a2, 0
	addi	s1, a2, 1
	addi	s2, a2, 2
	addi	s3, a2, 3
	addi	s4, a2, 4
	addi	s5, a2, 5
	addi	s6, a2, 6
	addi	s7, a2, 7
	addi	s8, a2, 8
	addi	s9, a2, 9
	addi	s10, a2, 10
	addi	s11, a2, 11
	addi	t0, a2, 12
	fmv.d.x	fs0, t0
	addi	t0, a2, 13
	fmv.d.x	fs1, t0
	addi	t0, a2, 14
	fmv.d.x	fs2, t0
	addi	t0, a2, 15
	fmv.d.x	fs3, t0
	addi	t0, a2, 16
	fmv.d.x	fs4, t0
	addi	t0, a2, 17
	fmv.d.x	fs5, t0
	addi	t0, a2, 18
	fmv.d.x	fs6, t0
	addi	t0, a2, 19
	fmv.d.x	fs7, t0
	addi	t0, a2, 20
	fmv.d.x	fs8, t0
	addi	t0, a2, 21
	fmv.d.x	fs9, t0
	addi	t0, a2, 22
	fmv.d.x	fs10, t0
	addi	t0, a2, 23
	fmv.d.x	fs11, t0
	/* rounding: seed bit 0 selects toward minus infinity (2) or zero (1) */
	andi	t0, a2, 1
	li	t1, 2
	sub	t0, t1, t0
	fsrm	t0
	call	dlcall_context_switch
	ld	a3, 208(sp)
	sd	s0, 0(a3)
	sd	s1, 8(a3)
	sd	s2, 16(a3)
	sd	s3, 24(a3)
	sd	s4, 32(a3)
	sd	s5, 40(a3)
	sd	s6, 48(a3)
	sd	s7, 56(a3)
	sd	s8, 64(a3)
	sd	s9, 72(a3)
	sd	s10, 80(a3)
	sd	s11, 88(a3)
	fsd	fs0, 96(a3)
	fsd	fs1, 104(a3)
	fsd	fs2, 112(a3)
	fsd	fs3, 120(a3)
	fsd	fs4, 128(a3)
	fsd	fs5, 136(a3)
	fsd	fs6, 144(a3)
	fsd	fs7, 152(a3)
	fsd	fs8, 160(a3)
	fsd	fs9, 168(a3)
	fsd	fs10, 176(a3)
	fsd	fs11, 184(a3)
	frrm	t0
	sd	t0, 192(a3)
	ld	t0, 200(sp)
	fsrm	t0
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
	addi	sp, sp, 224
	ret
	.size	switch_with_pattern, .-switch_with_pattern
	.section .note.GNU-stack,"",@progbits
