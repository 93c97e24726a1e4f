/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper: fill every callee-saved register with a pattern derived from
 * `seed`, switch contexts, and write what they hold after the switch
 * returns into out[]: x19-x29 (11), d8-d15 (8), FPCR rounding bits.
 *
 * void switch_with_pattern(void **save, void *resume, uint64_t seed,
 *                          uint64_t *out)
 */
	.text
	.globl	switch_with_pattern
	.type	switch_with_pattern, %function
switch_with_pattern:
	sub	sp, sp, #176
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
	stp	x9, x3, [sp, #160]	/* caller's FPCR, out */
	add	x19, x2, #0
	add	x20, x2, #1
	add	x21, x2, #2
	add	x22, x2, #3
	add	x23, x2, #4
	add	x24, x2, #5
	add	x25, x2, #6
	add	x26, x2, #7
	add	x27, x2, #8
	add	x28, x2, #9
	add	x29, x2, #10
	add	x9, x2, #11
	fmov	d8, x9
	add	x9, x2, #12
	fmov	d9, x9
	add	x9, x2, #13
	fmov	d10, x9
	add	x9, x2, #14
	fmov	d11, x9
	add	x9, x2, #15
	fmov	d12, x9
	add	x9, x2, #16
	fmov	d13, x9
	add	x9, x2, #17
	fmov	d14, x9
	add	x9, x2, #18
	fmov	d15, x9
	/* rounding: seed bit 0 selects toward minus infinity or zero */
	mrs	x9, fpcr
	bic	x9, x9, #(3 << 22)
	tst	x2, #1
	mov	x10, #(2 << 22)
	mov	x11, #(3 << 22)
	csel	x10, x11, x10, ne
	orr	x9, x9, x10
	msr	fpcr, x9
	bl	dlcall_context_switch
	ldr	x3, [sp, #168]
	stp	x19, x20, [x3, #0]
	stp	x21, x22, [x3, #16]
	stp	x23, x24, [x3, #32]
	stp	x25, x26, [x3, #48]
	stp	x27, x28, [x3, #64]
	str	x29, [x3, #80]
	stp	d8, d9, [x3, #88]
	stp	d10, d11, [x3, #104]
	stp	d12, d13, [x3, #120]
	stp	d14, d15, [x3, #136]
	mrs	x9, fpcr
	and	x9, x9, #(3 << 22)
	str	x9, [x3, #152]
	ldr	x9, [sp, #160]
	msr	fpcr, x9
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
	add	sp, sp, #176
	ret
	.size	switch_with_pattern, .-switch_with_pattern
	.section .note.GNU-stack,"",%progbits
