// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Threads, signals, fork, exec and the ways a program ends, around
 * pass-through calls. An ordinary program linked against the real guest
 * libdlcalltest.so.1; tests/lifecycle.sh runs it once per case, with
 * pass-through and with plain emulation:
 *
 *   lifecycle threads         many threads with callbacks, nesting, errno
 *   lifecycle thread-exit     threads that end while another is in a call
 *   lifecycle longjmp         longjmp() out of callbacks, then more calls
 *   lifecycle fork            fork() after and during pass-through calls
 *   lifecycle signals         SIGALRM during a long call and in callbacks
 *   lifecycle hazards         what the fast transport must survive
 *   lifecycle spin MS         one host call of MS milliseconds
 *   lifecycle handled-interrupt MS   SIGINT handled during such a call
 *   lifecycle exit-in-callback       exit(3) from a callback
 *   lifecycle abort-in-callback      abort() from a callback
 *   lifecycle host-thread     a callback from a thread the library made
 *   lifecycle host-thread-fork   the same in a child of fork()
 *   lifecycle exec PROGRAM ARGUMENT...   calls, then execs PROGRAM
 *
 * The first five print TAP; the others end in a way the script checks.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "dlcall/abi.h"
#include "dlcalltest.h"

static int compare_up(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int compare_down(const void *a, const void *b)
{
	return compare_up(b, a);
}

/* A callback that calls the host, which calls it again: nesting. */
static int recurse_with_errno(int depth, void *user)
{
	int *calls = user;

	(*calls)++;
	if (dt_fail_with(depth) != -1 || errno != depth)
		return -1000;
	return dt_recurse(depth - 1, recurse_with_errno, user);
}

/* Sorts with a callback of its own, nests and checks errno; 1 if right. */
static int guest_add(int a, int b)
{
	return a + b;
}

/* A callback on a library thread that calls the library, whose thread
 * calls back again: the callback server running it is busy meanwhile. */
static int add_in_another_thread(int a, int b)
{
	return dt_apply_in_thread(guest_add, a, b);
}

static int exercise_library(int id, int rounds)
{
	dt_compare compare = id % 2 ? compare_down : compare_up;
	int values[200], ok = 1;

	for (int round = 0; round < rounds && ok; round++) {
		int calls = 0;
		char text[32], *upper;

		for (int i = 0; i < 200; i++)
			values[i] = (i * 37 + id * 11 + round) % 200;
		dt_sort(values, 200, sizeof(int), compare);
		for (int i = 1; i < 200; i++)
			ok &= compare(&values[i - 1], &values[i]) <= 0;
		ok &= dt_recurse(8, recurse_with_errno, &calls) == 8 &&
		      calls == 8;
		ok &= dt_fail_with(id + 100) == -1 && errno == id + 100;
		snprintf(text, sizeof(text), "thread %d round %d", id, round);
		upper = dt_upper_copy(text);
		ok &= upper && strncmp(upper, "THREAD ", 7) == 0 &&
		      atoi(upper + 7) == id;
		dt_release(upper);
	}
	return ok;
}

static void *thread_work(void *argument)
{
	int id = (int)(intptr_t)argument, ok = exercise_library(id, 40);

	for (int round = 0; round < 10; round++)
		ok &= dt_apply_in_thread(add_in_another_thread, id, round) ==
		      id + round;
	return (void *)(intptr_t)ok;
}

static int test_threads(void)
{
	enum { THREADS = 16 };
	pthread_t threads[THREADS];
	int all_ok = 1, started = 1;

	for (intptr_t i = 0; i < THREADS; i++)
		started &= pthread_create(&threads[i], NULL, thread_work,
					  (void *)i) == 0;
	CHECK(started, "%d threads started", THREADS);
	for (int i = 0; i < THREADS; i++) {
		void *ok = NULL;

		pthread_join(threads[i], &ok);
		all_ok &= ok != NULL;
	}
	CHECK(all_ok,
	      "%d threads at once: sorts with their own comparison, nested "
	      "callbacks, errno, host memory, callbacks on the library's "
	      "threads",
	      THREADS);
	CHECK(exercise_library(99, 5), "the main thread still calls alike");
	return tap_done();
}

/* Ends its thread from inside a callback, with the host call pending. */
static int exit_thread_in_callback(int depth, void *user)
{
	(void)depth;
	(void)user;
	pthread_exit((void *)(intptr_t)7);
}

static void *long_call(void *argument)
{
	(void)argument;
	return (void *)(intptr_t)(dt_spin(400) > 0);
}

static void *short_lived(void *argument)
{
	int id = (int)(intptr_t)argument;

	if (!exercise_library(id, 3))
		return NULL;
	if (id % 2)
		dt_recurse(3, exit_thread_in_callback, NULL);
	return (void *)(intptr_t)1;
}

static int test_thread_exit(void)
{
	pthread_t spinner, threads[8];
	void *result = NULL;
	int all_ok = 1;

	pthread_create(&spinner, NULL, long_call, NULL);
	for (intptr_t i = 0; i < 8; i++)
		pthread_create(&threads[i], NULL, short_lived, (void *)i);
	for (int i = 0; i < 8; i++) {
		void *value = NULL;

		pthread_join(threads[i], &value);
		all_ok &= value == (void *)(intptr_t)(i % 2 ? 7 : 1);
	}
	CHECK(all_ok, "8 threads end (4 by pthread_exit() in a callback) "
		      "while another is inside a host call");
	pthread_join(spinner, &result);
	CHECK(result == (void *)1, "the long host call finishes undisturbed");
	CHECK(exercise_library(5, 5), "calls after the threads are gone");
	return tap_done();
}

/* longjmp() out of callbacks, as libpng and libjpeg error handlers do. */
static jmp_buf escape;
static int comparisons_left;

static int compare_then_escape(const void *a, const void *b)
{
	if (--comparisons_left == 0)
		longjmp(escape, 1);
	return compare_up(a, b);
}

static int escape_at_depth(int depth, void *user)
{
	if (depth == *(int *)user)
		longjmp(escape, 2);
	return dt_recurse(depth - 1, escape_at_depth, user);
}

static int test_longjmp(void)
{
	int values[100];
	volatile int escaped = 0;
	int target = 3, calls = 0;

	/* More than a process has mappings for (vm.max_map_count is 65530)
	 * were each abandoned call to keep its coroutine stack. */
	for (volatile int i = 0; i < 40000; i++) {
		for (int j = 0; j < 100; j++)
			values[j] = (j * 7) % 100;
		comparisons_left = 1 + i % 5;
		if (setjmp(escape) == 0)
			dt_sort(values, 100, sizeof(int), compare_then_escape);
		else
			escaped++;
	}
	CHECK(escaped == 40000, "40000 longjmps out of a sort's callback");
	if (setjmp(escape) == 0)
		dt_recurse(20, escape_at_depth, &target);
	else
		escaped++;
	CHECK(escaped == 40001, "longjmp out of 17 nested calls and callbacks");
	CHECK(exercise_library(1, 5),
	      "calls and callbacks after the longjmps work");
	CHECK(dt_recurse(30, recurse_with_errno, &calls) == 30 && calls == 30,
	      "nesting 30 deep after the longjmps");
	return tap_done();
}

/* fork(): both processes keep using the library. */
static int child_status(pid_t child)
{
	int status = 0;

	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int fork_in_callback(int depth, void *user)
{
	pid_t *child = user;

	if (depth == 2)
		*child = fork();
	return dt_recurse(depth - 1, fork_in_callback, user);
}

static int test_fork(void)
{
	pid_t child;
	int result;

	exercise_library(1, 2);
	child = fork();
	if (child == 0)
		_exit(exercise_library(2, 10) ? 0 : 1);
	CHECK(exercise_library(3, 10), "parent calls after fork()");
	CHECK(child_status(child) == 0, "child calls after fork()");

	/* fork() inside a callback: both processes finish the host call. */
	child = -1;
	result = dt_recurse(5, fork_in_callback, &child);
	if (child == 0)
		_exit(result == 5 && exercise_library(4, 5) ? 0 : 1);
	CHECK(result == 5, "parent finishes a call that forked in a callback");
	CHECK(child_status(child) == 0,
	      "child finishes the same call, then calls more");
	return tap_done();
}

/* Signals: delivered when the host call returns, or between callbacks. */
static volatile sig_atomic_t alarms, alarm_sums_ok = 1;

static void on_alarm(int signal_number)
{
	(void)signal_number;
	alarms++;
	/* A pass-through call from a signal handler, maybe in a callback. */
	if (dt_add(alarms, 1) != alarms + 1)
		alarm_sums_ok = 0;
}

static int slow_compare(const void *a, const void *b)
{
	volatile int spin = 0;

	for (int i = 0; i < 200; i++)
		spin += i;
	return compare_up(a, b);
}

static int test_signals(void)
{
	struct sigaction action = {0};
	struct itimerval timer = {{0, 0}, {0, 50000}};
	static int values[20000];
	int sorted = 1;
	long looks;

	action.sa_handler = on_alarm;
	action.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &action, NULL);
	setitimer(ITIMER_REAL, &timer, NULL);
	looks = dt_spin(300);
	CHECK(looks > 0 && alarms == 1,
	      "SIGALRM during a 300 ms host call: handler ran once (%d), "
	      "call completed",
	      (int)alarms);

	alarms = 0;
	timer.it_interval.tv_usec = 2000;
	timer.it_value.tv_usec = 2000;
	setitimer(ITIMER_REAL, &timer, NULL);
	for (int i = 0; i < 20000; i++)
		values[i] = (i * 7919) % 20000;
	dt_sort(values, 20000, sizeof(int), slow_compare);
	timer.it_interval.tv_usec = 0;
	timer.it_value.tv_usec = 0;
	setitimer(ITIMER_REAL, &timer, NULL);
	for (int i = 1; i < 20000; i++)
		sorted &= values[i - 1] <= values[i];
	CHECK(sorted && alarms > 0 && alarm_sums_ok,
	      "a 2 ms SIGALRM timer during a sort with callbacks: %d "
	      "handlers ran, each calling the host; sort correct",
	      (int)alarms);
	return tap_done();
}

/*
 * The fast transport's hazards (include/dlcall/abi.h). Its calls run in
 * QEMU's "CPU running" section, where a host call that waits for another
 * thread would hold up that thread's fork() until the wait gives up; a
 * signal handler's call may come between a call's mailbox stores and its
 * marker; and bounded calls are taken from many threads at once. Each
 * waiting call gives up after 20 s: a hang shows as a failed check.
 */
static volatile int waiter_flag;

static void *wait_for_flag(void *unused)
{
	(void)unused;
	dt_add(1, 1); /* this thread's mailbox is registered now */
	return (void *)(long)dt_wait_for(&waiter_flag, 20000);
}

static volatile sig_atomic_t handler_calls, handler_sums_ok = 1;

static void call_in_handler(int signal_number)
{
	(void)signal_number;
	handler_calls++;
	if (dt_add(handler_calls, 1000) != handler_calls + 1000)
		handler_sums_ok = 0;
}

static void *add_many(void *argument)
{
	long base = (long)argument, wrong = 0;

	for (int i = 0; i < 100000; i++)
		wrong += dt_add((int)base + i, 1) != base + i + 1;
	return (void *)wrong;
}

/*
 * The process's first thread, started by a callback while the main
 * thread's host call (taken while it was the only thread) waits for the
 * callback to return: it forks (QEMU's exclusive section), then sets the
 * flag that a call the callback makes waits for.
 */
static volatile int forked_flag;

static void *fork_then_set_flag(void *unused)
{
	pid_t child = fork();

	(void)unused;
	if (child == 0)
		_exit(0);
	forked_flag = child_status(child) == 0 ? 1 : 2;
	return NULL;
}

static int start_forker_and_wait(int depth, void *user)
{
	(void)depth;
	pthread_create(user, NULL, fork_then_set_flag, NULL);
	return dt_wait_for(&forked_flag, 20000);
}

#if defined(__x86_64__)
/* A locked add across a word boundary, which QEMU runs in its exclusive
 * section (cpu_exec_step_atomic); then the flag. aarch64 and riscv64
 * raise an alignment fault for a misaligned atomic instead. */
static unsigned char atomic_bytes[16] __attribute__((aligned(16)));
static volatile int atomic_flag, atomic_sum;

static void *misaligned_atomic_then_set_flag(void *unused)
{
	int *misaligned = (int *)(void *)(atomic_bytes + 6);

	(void)unused;
	usleep(200000); /* the main thread is in its host call */
	atomic_sum = __atomic_add_fetch(misaligned, 5, __ATOMIC_SEQ_CST);
	atomic_flag = 1;
	return NULL;
}
#endif

/*
 * Code written at run time: a no-op, then "return 42"; rewritten in place
 * to a marker, then "return 1"; and back. The marker runs as the no-op it
 * is with no call in the mailbox (after a fast call, which leaves none),
 * and each version runs as written, not as the translation QEMU and the
 * plugin made of the one before.
 */
#if defined(__x86_64__)
static const unsigned char with_marker[] = {
    DLCALL_MARKER_X86_64, 0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3};
static const unsigned char rewritten[] = {0x0f, 0x1f, 0x84, 0x00, 0x00,
					  0x00, 0x00, 0x00, 0xb8, 0x2a,
					  0x00, 0x00, 0x00, 0xc3};
#elif defined(__aarch64__)
/* orr x17, x17, x17; mov w0, #1; ret / nop; mov w0, #42; ret */
static const unsigned char with_marker[] = {
    DLCALL_MARKER_AARCH64, 0x20, 0x00, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6};
static const unsigned char rewritten[] = {0x1f, 0x20, 0x03, 0xd5, 0x40, 0x05,
					  0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6};
#elif defined(__riscv)
/* slti zero, zero, 0x646; li a0, 1; ret / nop; li a0, 42; ret */
static const unsigned char with_marker[] = {
    DLCALL_MARKER_RISCV64, 0x13, 0x05, 0x10, 0x00, 0x67, 0x80, 0x00, 0x00};
static const unsigned char rewritten[] = {0x13, 0x00, 0x00, 0x00, 0x13, 0x05,
					  0xa0, 0x02, 0x67, 0x80, 0x00, 0x00};
#endif

static int run_written_code(void)
{
	_Static_assert(sizeof(with_marker) == sizeof(rewritten),
		       "the rewrite keeps the code's length");
	unsigned char *code =
	    mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int (*function)(void) = (int (*)(void))(void *)code;
	int without, with, again;

	if (code == MAP_FAILED)
		return -1;
	memcpy(code, rewritten, sizeof(rewritten));
	__builtin___clear_cache((char *)code, (char *)code + 64);
	without = function();
	memcpy(code, with_marker, sizeof(with_marker)); /* adds the marker */
	__builtin___clear_cache((char *)code, (char *)code + 64);
	dt_add(1, 2);
	with = function();
	memcpy(code, rewritten, sizeof(rewritten)); /* and removes it */
	__builtin___clear_cache((char *)code, (char *)code + 64);
	again = function();
	munmap(code, 4096);
	return without == 42 && with == 1 && again == 42 && dt_add(2, 2) == 4;
}

static int test_hazards(void)
{
	struct sigaction action = {0};
	struct itimerval timer = {{0, 100}, {0, 100}};
	pthread_t threads[4];
	void *result = NULL;
	long wrong = 0;
	pid_t child;
	int waited;

	waited = dt_recurse(1, start_forker_and_wait, &threads[0]);
	pthread_join(threads[0], NULL);
	CHECK(waited == 2 && forked_flag == 1,
	      "the first thread, started by a host call's callback, forks "
	      "while the callback's own call waits for it: the flag was seen");
#if defined(__x86_64__)
	pthread_create(&threads[0], NULL, misaligned_atomic_then_set_flag,
		       NULL);
	waited = dt_wait_for(&atomic_flag, 20000);
	pthread_join(threads[0], NULL);
	CHECK(waited == 1 && atomic_sum == 5,
	      "a misaligned atomic add in another thread while this one's "
	      "host call waits for it: the flag was seen");
#endif

	CHECK(run_written_code() == 1,
	      "a marker in code the program writes is a no-op, and the code "
	      "rewritten without it runs as written");

	pthread_create(&threads[0], NULL, wait_for_flag, NULL);
	usleep(200000); /* the waiter is in its host call */
	child = fork();
	if (child == 0)
		_exit(dt_add(2, 3) == 5 ? 0 : 1);
	waiter_flag = 1;
	pthread_join(threads[0], &result);
	CHECK(child_status(child) == 0 && result == (void *)1,
	      "fork() while another thread's host call waits for a flag this "
	      "thread sets after it: the flag was seen");

	action.sa_handler = call_in_handler;
	action.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &action, NULL);
	setitimer(ITIMER_REAL, &timer, NULL);
	for (int i = 0; i < 300000; i++)
		wrong += dt_add(i, 7) != i + 7;
	timer.it_interval.tv_usec = timer.it_value.tv_usec = 0;
	setitimer(ITIMER_REAL, &timer, NULL);
	CHECK(wrong == 0 && handler_sums_ok && handler_calls > 0,
	      "a 100 us timer whose handler calls the host, during 300,000 "
	      "calls: %d handler calls, every sum right",
	      (int)handler_calls);

	for (long i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, add_many,
			       (void *)(i * 1000000));
	for (int i = 0; i < 4; i++) {
		pthread_join(threads[i], &result);
		wrong += (long)result;
	}
	CHECK(wrong == 0, "4 threads of 100,000 bounded calls each: every "
			  "sum right");
	return tap_done();
}

static volatile sig_atomic_t interrupts;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	interrupts++;
}

/* exit() from a callback; an atexit() handler still uses the library. */
static void at_exit(void)
{
	printf("at exit: dt_add(2, 3) = %d\n", dt_add(2, 3));
	fflush(stdout);
}

static int exit_in_callback(int depth, void *user)
{
	(void)user;
	if (depth == 2)
		exit(3);
	return dt_recurse(depth - 1, exit_in_callback, user);
}

static int abort_in_callback(int depth, void *user)
{
	(void)depth;
	(void)user;
	abort();
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "";
	int milliseconds = argc > 2 ? atoi(argv[2]) : 0;

	if (strcmp(name, "threads") == 0)
		return test_threads();
	if (strcmp(name, "thread-exit") == 0)
		return test_thread_exit();
	if (strcmp(name, "longjmp") == 0)
		return test_longjmp();
	if (strcmp(name, "fork") == 0)
		return test_fork();
	if (strcmp(name, "signals") == 0)
		return test_signals();
	if (strcmp(name, "hazards") == 0)
		return test_hazards();
	if (strcmp(name, "spin") == 0) {
		printf("ready\n");
		fflush(stdout);
		printf("spun %s\n", dt_spin(milliseconds) > 0 ? "yes" : "no");
		return 0;
	}
	if (strcmp(name, "handled-interrupt") == 0) {
		struct sigaction action = {0};

		action.sa_handler = on_interrupt;
		sigaction(SIGINT, &action, NULL);
		printf("ready\n");
		fflush(stdout);
		dt_spin(milliseconds);
		printf("interrupts %d\n", (int)interrupts);
		return 0;
	}
	if (strcmp(name, "exit-in-callback") == 0) {
		atexit(at_exit);
		dt_recurse(5, exit_in_callback, NULL);
		return 0;
	}
	if (strcmp(name, "abort-in-callback") == 0) {
		dt_recurse(5, abort_in_callback, NULL);
		return 0;
	}
	if (strcmp(name, "host-thread") == 0) {
		printf("result %d\n", dt_apply_in_thread(guest_add, 2, 3));
		/* 100 callbacks from one library thread, one server each. */
		printf("folded %d\n", dt_fold_in_thread(guest_add, 100));
		return 0;
	}
	if (strcmp(name, "host-thread-fork") == 0) {
		pid_t child;

		printf("parent %d\n", dt_apply_in_thread(guest_add, 2, 3));
		fflush(stdout);
		child = fork();
		if (child == 0) {
			printf("child %d\n",
			       dt_apply_in_thread(guest_add, 4, 5));
			_exit(0);
		}
		printf("child status %d\n", child_status(child));
		return 0;
	}
	if (strcmp(name, "exec") == 0 && argc > 2) {
		if (!exercise_library(1, 3))
			return 1;
		fflush(stdout);
		execv(argv[2], argv + 2);
		perror("exec");
		return 127;
	}
	fprintf(stderr, "usage: lifecycle CASE (see lifecycle.c)\n");
	return 2;
}
