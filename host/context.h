/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stackful context switching for host coroutines, hand-written per host ISA
 * (context_<isa>.S). A suspended context is just its stack pointer: the
 * switch pushes every callee-saved register, the floating-point ones and the
 * FP control state onto the old stack and pops them from the new one.
 */
#ifndef DLCALL_HOST_CONTEXT_H
#define DLCALL_HOST_CONTEXT_H

/* Saves the current context into *save_sp and resumes the one at resume_sp. */
void dlcall_context_switch(void **save_sp, void *resume_sp);

/*
 * Saves the current context into *save_sp, then calls function(argument) on
 * the fresh stack whose top is stack_top (16-byte aligned). It inherits the
 * caller's FP control state. When the function returns, the context that
 * *save_sp holds at that moment continues: the caller's, unless another
 * context has since switched in through save_sp (a resumed call), in which
 * case that one's dlcall_context_switch() returns. A call that never
 * switches thus costs a call and a return, both predicted.
 */
void dlcall_context_start(void **save_sp, void *stack_top,
			  void (*function)(void *), void *argument);

#endif
