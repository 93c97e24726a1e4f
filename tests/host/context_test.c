// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit test of the hand-written context switch of the host ISA it is built
 * for. Built for x86_64 natively and for aarch64 and riscv64 with the cross
 * compilers, the latter two run under qemu-user.
 */
#include <fenv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../../host/context.h"
#include "../tap.h"

void switch_with_pattern(void **save, void *resume, uint64_t seed,
			 uint64_t *out);

#if defined(__x86_64__)
#define REGISTER_COUNT 7
static uint64_t expected_register(uint64_t seed, int i)
{
	if (i < 6)
		return seed + i;
	return (seed & 1 ? 0x6000 : 0x2000) |
	       (uint64_t)(seed & 1 ? 0x0c00 : 0x0400) << 32;
}
#elif defined(__aarch64__)
#define REGISTER_COUNT 20
static uint64_t expected_register(uint64_t seed, int i)
{
	if (i < 19)
		return seed + i;
	return (seed & 1 ? 3ull : 2ull) << 22;
}
#elif defined(__riscv) && __riscv_xlen == 64
#define REGISTER_COUNT 25
static uint64_t expected_register(uint64_t seed, int i)
{
	if (i < 24)
		return seed + i;
	return seed & 1 ? 1 : 2;
}
#else
#error "no context switch for this host ISA"
#endif

enum { STACK_SIZE = 256 * 1024 };

static void *main_sp, *coroutine_sp;
static uint64_t main_registers[REGISTER_COUNT];
static uint64_t coroutine_registers[REGISTER_COUNT];
static int inherited_rounding;

static void *new_stack_top(void)
{
	char *base = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		abort();
	return base + STACK_SIZE;
}

static void register_coroutine(void *unused)
{
	(void)unused;
	inherited_rounding = fegetround();
	/* Pattern B here, then back to main, which switches in pattern A. */
	switch_with_pattern(&coroutine_sp, main_sp, 0x2001,
			    coroutine_registers);
	dlcall_context_switch(&coroutine_sp, main_sp);
	abort();
}

static int registers_match(const uint64_t *seen, uint64_t seed)
{
	for (int i = 0; i < REGISTER_COUNT; i++)
		if (seen[i] != expected_register(seed, i)) {
			printf("#   register %d: %#llx, expected %#llx\n", i,
			       (unsigned long long)seen[i],
			       (unsigned long long)expected_register(seed, i));
			return 0;
		}
	return 1;
}

static void test_registers(void)
{
	fesetround(FE_UPWARD);
	dlcall_context_start(&main_sp, new_stack_top(), register_coroutine,
			     NULL);
	CHECK(inherited_rounding == FE_UPWARD,
	      "a new coroutine inherits the FP rounding mode");
	switch_with_pattern(&main_sp, coroutine_sp, 0x1000, main_registers);
	CHECK(registers_match(coroutine_registers, 0x2001),
	      "coroutine's callee-saved and FP registers survive a switch");
	CHECK(registers_match(main_registers, 0x1000),
	      "caller's callee-saved and FP registers survive a switch");
	fesetround(FE_TONEAREST);
}

/* A chain of coroutines, each starting the next: nesting to any depth. */
enum { NESTING_DEPTH = 300 };
static void *nest_caller_sp[NESTING_DEPTH + 1];
static int nest_reached;

static void nested_coroutine(void *argument)
{
	intptr_t depth = (intptr_t)argument;
	void *own_sp;

	nest_reached = depth > nest_reached ? depth : nest_reached;
	if (depth < NESTING_DEPTH)
		dlcall_context_start(&nest_caller_sp[depth + 1],
				     new_stack_top(), nested_coroutine,
				     (void *)(depth + 1));
	/* Unwind: return to whoever started us. */
	dlcall_context_switch(&own_sp, nest_caller_sp[depth]);
	abort();
}

static void test_nesting(void)
{
	dlcall_context_start(&nest_caller_sp[1], new_stack_top(),
			     nested_coroutine, (void *)1);
	CHECK(nest_reached == NESTING_DEPTH,
	      "coroutines nest %d deep and unwind", NESTING_DEPTH);
}

/* Ping-pong many times: values computed on both stacks stay intact. */
static void *ping_sp, *pong_sp;
static long pong_total;

static void pong(void *unused)
{
	(void)unused;
	for (long i = 0;; i++) {
		double local = (double)i * 0.5;
		dlcall_context_switch(&pong_sp, ping_sp);
		pong_total += (long)(local * 2);
	}
}

static void test_ping_pong(void)
{
	long expected = 0;

	dlcall_context_start(&ping_sp, new_stack_top(), pong, NULL);
	for (long i = 0; i < 100000; i++) {
		expected += i;
		dlcall_context_switch(&ping_sp, pong_sp);
	}
	CHECK(pong_total == expected,
	      "100000 switches keep both stacks' values");
}

static void *returning_caller_sp, *returning_sp;
static int returning_steps;

static void returning_coroutine(void *step)
{
	returning_steps += *(int *)step;
}

/* Suspends once; returns after a resume from another frame. */
static void suspending_coroutine(void *unused)
{
	(void)unused;
	returning_steps += 10;
	dlcall_context_switch(&returning_sp, returning_caller_sp);
	returning_steps += 100;
}

static __attribute__((noinline)) void resume_from_another_frame(void)
{
	volatile char padding[64];

	padding[0] = 1;
	dlcall_context_switch(&returning_caller_sp, returning_sp);
	returning_steps += padding[0] * 1000;
}

static void test_returning(void)
{
	int step = 1;
	void *stack = new_stack_top();

	for (int i = 0; i < 1000; i++)
		dlcall_context_start(&returning_caller_sp, stack,
				     returning_coroutine, &step);
	CHECK(returning_steps == 1000,
	      "a function that returns continues its caller (1000 times)");

	returning_steps = 0;
	dlcall_context_start(&returning_caller_sp, stack, suspending_coroutine,
			     NULL);
	CHECK(returning_steps == 10, "a suspended function returns to start");
	resume_from_another_frame();
	CHECK(returning_steps == 1110,
	      "after a resume, returning continues the resumer");
}

static void *rounding_caller_sp, *rounding_sp;
static int rounding_seen_on_resume;

static void rounding_coroutine(void *unused)
{
	(void)unused;
	fesetround(FE_DOWNWARD);
	dlcall_context_switch(&rounding_sp, rounding_caller_sp);
	rounding_seen_on_resume = fegetround();
}

/* Rounding modes across a suspend and a return after a resume. */
static void test_fp_control(void)
{
	fesetround(FE_TOWARDZERO);
	dlcall_context_start(&rounding_caller_sp, new_stack_top(),
			     rounding_coroutine, NULL);
	CHECK(fegetround() == FE_TOWARDZERO,
	      "a suspend restores the starter's FP control state");
	fesetround(FE_UPWARD);
	dlcall_context_switch(&rounding_caller_sp, rounding_sp);
	CHECK(rounding_seen_on_resume == FE_DOWNWARD,
	      "a resumed coroutine gets its own FP control state back");
	CHECK(fegetround() == FE_UPWARD,
	      "its return restores the resumer's FP control state");
	fesetround(FE_TONEAREST);
}

int main(void)
{
	test_registers();
	test_nesting();
	test_ping_pong();
	test_returning();
	test_fp_control();
	return tap_done();
}
