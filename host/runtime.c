// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host runtime: runs each pass-through call on a coroutine so that a host
 * library calling a guest function can be suspended, the guest can run the
 * function in emulation, and the call can be resumed (SPEC §4).
 *
 * Every host thread (which is a guest thread: qemu-user runs each guest
 * thread on its own host thread) has a stack of coroutine levels. A call
 * from the guest takes the next free level; a callback suspends the level
 * and returns to the guest; a call the guest makes from inside the callback
 * takes the level above. Levels are freed strictly last-in first-out, which
 * is how calls and callbacks nest.
 *
 * A level's stack is memory the guest mapped (its mapper, visible_heap.c),
 * asked for as a callback before the level's first call starts: QEMU lets
 * the guest's system calls use only pages the guest mapped (SPEC §3), and
 * a callback's read() into a buffer on the library's stack (FreeType's
 * stream reads) must work. Stacks of exited threads serve new levels.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "context.h"
#include "library_threads.h"
#include "visible_heap.h"
#include "dlcall/report.h"
#include "dlcall/host.h"

/*
 * Host libraries (Mesa's shader compilers among them) can use deep stacks.
 * The mapping is reserved, not committed: untouched pages cost nothing.
 */
enum { COROUTINE_STACK_SIZE = 8 << 20 };

struct coroutine {
	char *mapping; /* NULL until the guest mapped it (awaiting_stack) */
	size_t mapping_size;
	int guest_mapped;   /* by the guest: kept for reuse, never unmapped */
	int awaiting_stack; /* the guest's mapper runs for it */
	void *request[1];   /* the mapper's argument: &mapping_size */
	void *stack_top;
	void *caller_sp;    /* the entry point's context, on QEMU's stack */
	void *suspended_sp; /* our context while the guest runs a callback */
	int suspended;
	struct dlcall_frame *frame;
};

struct thread_state {
	struct coroutine **levels;
	unsigned capacity;
	unsigned depth;	 /* levels in use: running or suspended */
	int *host_errno; /* this thread's errno, without a call to find it */
	unsigned long callbacks_run; /* guest functions run from this thread */
};

/* initial-exec: a plain thread-pointer load on every call instead of a
 * __tls_get_addr() call; the 40 bytes fit glibc's static TLS reserve for
 * libraries loaded with dlopen(). */
static __thread struct thread_state thread_state
    __attribute__((tls_model("initial-exec")));
static pthread_key_t thread_exit_key;
static pthread_once_t thread_exit_once = PTHREAD_ONCE_INIT;

/* Coroutines of exited threads whose stacks the guest mapped. */
struct spare {
	struct coroutine *coroutine;
	struct spare *next;
};
static struct spare *spares;
static pthread_mutex_t spares_lock = PTHREAD_MUTEX_INITIALIZER;

static void keep_spare(struct coroutine *coroutine)
{
	struct spare *spare = malloc(sizeof(*spare));

	if (!spare) {
		free(coroutine); /* its mapping stays the guest's */
		return;
	}
	coroutine->suspended = 0;
	coroutine->frame = NULL;
	pthread_mutex_lock(&spares_lock);
	*spare = (struct spare){coroutine, spares};
	spares = spare;
	pthread_mutex_unlock(&spares_lock);
}

static struct coroutine *take_spare(void)
{
	struct coroutine *coroutine = NULL;
	struct spare *spare;

	pthread_mutex_lock(&spares_lock);
	spare = spares;
	if (spare) {
		spares = spare->next;
		coroutine = spare->coroutine;
	}
	pthread_mutex_unlock(&spares_lock);
	free(spare);
	return coroutine;
}

static void free_thread_state(void *unused)
{
	struct thread_state *state = &thread_state;

	(void)unused;
	for (unsigned i = 0; i < state->capacity; i++) {
		struct coroutine *coroutine = state->levels[i];

		if (!coroutine)
			continue;
		if (coroutine->guest_mapped) {
			keep_spare(coroutine);
			continue;
		}
		if (coroutine->mapping)
			munmap(coroutine->mapping, coroutine->mapping_size);
		free(coroutine);
	}
	free(state->levels);
	memset(state, 0, sizeof(*state));
}

static void create_thread_exit_key(void)
{
	pthread_key_create(&thread_exit_key, free_thread_state);
}

/* The stack in `mapping`, with an inaccessible guard page below it. */
static void set_stack(struct coroutine *coroutine)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	mprotect(coroutine->mapping, page, PROT_NONE);
	coroutine->stack_top = coroutine->mapping + coroutine->mapping_size;
}

/*
 * A level: an exited thread's, else one whose stack the guest will map
 * (dlcall_host_call asks for it), else, with no mapper, the host's own.
 */
static struct coroutine *create_coroutine(void)
{
	struct coroutine *coroutine = take_spare();

	if (coroutine)
		return coroutine;
	coroutine = calloc(1, sizeof(*coroutine));
	if (!coroutine)
		return NULL;
	coroutine->mapping_size =
	    COROUTINE_STACK_SIZE + (size_t)sysconf(_SC_PAGESIZE);
	if (visible_heap_mapper()) {
		coroutine->awaiting_stack = 1;
		return coroutine;
	}
	coroutine->mapping = mmap(
	    NULL, coroutine->mapping_size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (coroutine->mapping == MAP_FAILED) {
		free(coroutine);
		return NULL;
	}
	set_stack(coroutine);
	return coroutine;
}

/*
 * Before a level's first call: its stack is asked of the guest's mapper,
 * as a callback of the call, which starts when the guest resumes it.
 */
static void ask_for_stack(struct coroutine *coroutine,
			  struct dlcall_frame *frame)
{
	coroutine->frame = frame;
	coroutine->request[0] = &coroutine->mapping_size;
	frame->host_coroutine = coroutine;
	frame->callback_invoker = visible_heap_mapper();
	frame->callback_function = NULL;
	frame->callback_args = coroutine->request;
	frame->callback_result = &coroutine->mapping;
	frame->state = DLCALL_STATE_CALLBACK;
}

/* The guest mapped the stack (or could not: the host maps one). */
static int take_stack(struct coroutine *coroutine)
{
	coroutine->awaiting_stack = 0;
	if (coroutine->mapping) {
		coroutine->guest_mapped = 1;
	} else {
		coroutine->mapping = mmap(
		    NULL, coroutine->mapping_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1,
		    0);
		if (coroutine->mapping == MAP_FAILED) {
			coroutine->mapping = NULL;
			coroutine->awaiting_stack = 1;
			return -1;
		}
	}
	set_stack(coroutine);
	return 0;
}

/* The next free level of this thread, created on first use. */
static struct coroutine *push_level(void)
{
	struct thread_state *state = &thread_state;

	if (state->depth == state->capacity) {
		unsigned capacity = state->capacity ? state->capacity * 2 : 8;
		struct coroutine **levels =
		    realloc(state->levels, capacity * sizeof(*levels));

		if (!levels)
			return NULL;
		memset(levels + state->capacity, 0,
		       (capacity - state->capacity) * sizeof(*levels));
		if (!state->levels) {
			pthread_once(&thread_exit_once, create_thread_exit_key);
			pthread_setspecific(thread_exit_key, state);
			state->host_errno = &errno;
		}
		state->levels = levels;
		state->capacity = capacity;
	}
	if (!state->levels[state->depth]) {
		state->levels[state->depth] = create_coroutine();
		if (!state->levels[state->depth])
			return NULL;
	}
	return state->levels[state->depth++];
}

/*
 * Runs on the coroutine's own stack. Returning ends the coroutine and
 * continues whoever last switched in: dlcall_host_call() itself, or the
 * dlcall_host_resume() of the last callback.
 */
static void run_call(void *argument)
{
	struct dlcall_frame *frame = argument;
	int *host_errno = thread_state.host_errno;

	*host_errno = *frame->error_location;
	frame->host_function(frame->args);
	*frame->error_location = *host_errno;
	frame->state = DLCALL_STATE_DONE;
	thread_state.depth--;
}

/*
 * Drops the suspended calls that a callback left with longjmp() (libpng's
 * and libjpeg's error handling do): their guest frames are at or below
 * `frame` on the guest's stack, which grows down. A call made from inside
 * a callback has its frame deeper than the suspended call's, so it never
 * drops a call that is still waiting. The host frames on a dropped
 * coroutine are abandoned, as longjmp() abandons them natively.
 */
static void drop_abandoned_levels(const struct dlcall_frame *frame)
{
	struct thread_state *state = &thread_state;

	while (state->depth > 0) {
		struct coroutine *top = state->levels[state->depth - 1];

		if (!top->suspended || (uintptr_t)top->frame > (uintptr_t)frame)
			break;
		top->suspended = 0;
		state->depth--;
	}
}

/*
 * A level for a call that is not the common case: the thread's first call,
 * a call from inside a callback, or one deeper than any before. NULL, with
 * the frame marked FAILED, if no stack can be had.
 */
__attribute__((noinline)) static struct coroutine *
take_level(struct dlcall_frame *frame)
{
	struct coroutine *coroutine;

	if (thread_state.depth > 0)
		drop_abandoned_levels(frame);
	coroutine = push_level();
	if (!coroutine) {
		report("cannot allocate a coroutine stack (depth %u): %s",
		       thread_state.depth, strerror(errno));
		frame->state = DLCALL_STATE_FAILED;
	}
	return coroutine; /* free levels are never marked suspended */
}

/* INVOKE_PROC entry: start the call described by the guest's frame. */
DLCALL_HOST_API void dlcall_host_call(void *frame_argument, void *unused)
{
	struct thread_state *state = &thread_state;
	struct dlcall_frame *frame = frame_argument;
	struct coroutine *coroutine;

	(void)unused;
	/* Most calls are outermost ones, on a level an earlier call made. */
	if (__builtin_expect(state->depth == 0 && state->capacity > 0 &&
				 state->levels[0],
			     1)) {
		coroutine = state->levels[0];
		state->depth = 1;
	} else {
		coroutine = take_level(frame);
		if (!coroutine)
			return;
	}
	if (__builtin_expect(coroutine->awaiting_stack, 0)) {
		ask_for_stack(coroutine, frame);
		return;
	}
	coroutine->frame = frame;
	dlcall_context_start(&coroutine->caller_sp, coroutine->stack_top,
			     run_call, frame);
}

/* INVOKE_PROC entry: the guest ran the callback; continue the call. */
DLCALL_HOST_API void dlcall_host_resume(void *frame_argument, void *unused)
{
	struct dlcall_frame *frame = frame_argument;
	struct thread_state *state = &thread_state;
	struct coroutine *coroutine = frame->host_coroutine;

	(void)unused;
	if (state->depth > 0 && coroutine == state->levels[state->depth - 1] &&
	    coroutine->awaiting_stack) {
		/* The guest's mapper ran for the level's stack: the call
		 * itself starts now. */
		if (take_stack(coroutine) != 0) {
			report("cannot allocate a coroutine stack (depth %u): "
			       "%s",
			       state->depth, strerror(errno));
			state->depth--;
			frame->state = DLCALL_STATE_FAILED;
			return;
		}
		frame->state = DLCALL_STATE_RUNNING;
		dlcall_context_start(&coroutine->caller_sp,
				     coroutine->stack_top, run_call, frame);
		return;
	}
	if (state->depth == 0 || coroutine != state->levels[state->depth - 1] ||
	    !coroutine->suspended) {
		report("resume of a call that is not the innermost suspended "
		       "one on this thread (did a callback longjmp out?)");
		frame->state = DLCALL_STATE_FAILED;
		return;
	}
	coroutine->suspended = 0;
	frame->state = DLCALL_STATE_RUNNING;
	dlcall_context_switch(&coroutine->caller_sp, coroutine->suspended_sp);
}

DLCALL_HOST_API unsigned long dlcall_host_callbacks_run(void)
{
	return thread_state.callbacks_run;
}

DLCALL_HOST_API void dlcall_host_run_guest(dlcall_guest_invoker invoker,
					   void *function, void **args,
					   void *result,
					   const char *description,
					   const char *passed_to)
{
	struct thread_state *state = &thread_state;
	struct coroutine *coroutine;
	struct dlcall_frame *frame;

	state->callbacks_run++;
	if (state->depth == 0) {
		/* A thread the host library made itself: no guest CPU to run
		 * the function on, so a callback server runs it. Without one,
		 * ending the process with a message is better than a crash
		 * or a result made up. */
		int served = dlcall_run_on_callback_server(
		    invoker, function, args, result, description, passed_to);

		if (served > 0)
			return;
		report("%s callback (guest function %p, given to %s) called "
		       "from a thread the library created, %s",
		       description, function, passed_to,
		       served < 0 ? "in a child of fork(), where QEMU's plugin "
				    "core cannot start the guest thread to "
				    "run it"
				  : "and no library of the process has a "
				    "callback-threads line in its spec");
		_exit(127);
	}
	coroutine = state->levels[state->depth - 1];
	frame = coroutine->frame;
	frame->callback_invoker = invoker;
	frame->callback_function = function;
	frame->callback_args = args;
	frame->callback_result = result;
	*frame->error_location = errno;
	frame->state = DLCALL_STATE_CALLBACK;
	frame->host_coroutine = coroutine; /* for the resume */
	coroutine->suspended = 1;
	dlcall_context_switch(&coroutine->suspended_sp, coroutine->caller_sp);
	errno = *frame->error_location;
}

DLCALL_HOST_API unsigned dlcall_host_call_depth(void)
{
	return thread_state.depth;
}
