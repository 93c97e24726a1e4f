// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SDL_CreateThread() starts a guest thread (issue 16): the program's
 * function runs as guest code on a thread of its own, with the C library's
 * thread-local state, and whatever it calls passes through from that
 * thread, so SDL_ThreadID() inside it is what SDL_GetThreadID() of its
 * handle says. SDL's host thread would run it on a callback server
 * instead (docs/design.md, "Callbacks from library threads"), one shared
 * by later threads: SDL's thread-local storage and error message would
 * carry over from one SDL thread to the next.
 *
 * The handle is ours, so every export taking an SDL_Thread is here. What
 * SDL does around the function (SDL_RunThread() and SDL_SYS_SetupThread()
 * in SDL 2.26) is done the same way: the name given to the thread, the
 * asynchronous signals blocked, SDL_TLSCleanup() at the end, and a
 * detached thread's handle freed by whichever of the thread and
 * SDL_DetachThread() comes last.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall/guest.h"
#include "sdl2-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

struct SDL_Thread {
	pthread_t thread;
	SDL_threadID id;
	char *name;
	int (*function)(void *);
	void *data;
	int status;
	sem_t started; /* the id is known */
	/* The thread and the program each hold the handle once (SDL's
	 * ALIVE/ZOMBIE/DETACHED states); the last to let go frees it. */
	atomic_int holders;
};

static void release(SDL_Thread *thread)
{
	if (atomic_fetch_sub(&thread->holders, 1) == 1) {
		sem_destroy(&thread->started);
		free(thread->name);
		free(thread);
	}
}

/* SDL 2.26 blocks these in every thread it starts (its sig_list). */
static void block_asynchronous_signals(void)
{
	static const int signals[] = {SIGHUP,	 SIGINT,  SIGQUIT, SIGPIPE,
				      SIGALRM,	 SIGTERM, SIGCHLD, SIGWINCH,
				      SIGVTALRM, SIGPROF};
	sigset_t mask;

	sigemptyset(&mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&mask, signals[i]);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);
}

static void *run_thread(void *argument)
{
	SDL_Thread *thread = argument;

	if (thread->name) {
		char short_name[16]; /* the kernel keeps 15 bytes */

		strncpy(short_name, thread->name, sizeof(short_name) - 1);
		short_name[sizeof(short_name) - 1] = '\0';
		pthread_setname_np(pthread_self(), short_name);
	}
	block_asynchronous_signals();
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
	/* What SDL_ThreadID() says here: the host thread that runs this
	 * guest thread's calls. */
	thread->id = SDL_ThreadID();
	sem_post(&thread->started);
	thread->status = thread->function(thread->data);
	SDL_TLSCleanup();
	release(thread);
	return NULL;
}

EXPORT SDL_Thread *SDL_CreateThreadWithStackSize(int (*fn)(void *),
						 const char *name,
						 const size_t stacksize,
						 void *data)
{
	static void *cache;
	__typeof__(&SDL_CreateThreadWithStackSize) own =
	    OWN(SDL_CreateThreadWithStackSize, cache);
	SDL_Thread *thread;
	pthread_attr_t attributes;
	int error;

	if (own)
		return own(fn, name, stacksize, data);
	thread = calloc(1, sizeof(*thread));
	if (!thread || (name && !(thread->name = strdup(name)))) {
		free(thread);
		SDL_Error(SDL_ENOMEM);
		return NULL;
	}
	thread->function = fn;
	thread->data = data;
	atomic_init(&thread->holders, 2);
	sem_init(&thread->started, 0, 0);
	pthread_attr_init(&attributes);
	if (stacksize)
		pthread_attr_setstacksize(&attributes, stacksize);
	error =
	    pthread_create(&thread->thread, &attributes, run_thread, thread);
	pthread_attr_destroy(&attributes);
	if (error) {
		sem_destroy(&thread->started);
		free(thread->name);
		free(thread);
		SDL_SetError("Not enough resources to create thread");
		return NULL;
	}
	/* SDL_GetThreadID() of the handle is right from the start. */
	while (sem_wait(&thread->started) && errno == EINTR)
		;
	return thread;
}

/* SDL_HINT_THREAD_STACK_SIZE, read as SDL reads it: a whole positive
 * number, else the default. */
static size_t hinted_stack_size(void)
{
	const char *hint = SDL_GetHint(SDL_HINT_THREAD_STACK_SIZE);
	char *end;
	long long value;

	if (!hint || !*hint)
		return 0;
	value = strtoll(hint, &end, 10);
	return *end == '\0' && value > 0 ? (size_t)value : 0;
}

EXPORT SDL_Thread *SDL_CreateThread(int (*fn)(void *), const char *name,
				    void *data)
{
	static void *cache;
	__typeof__(&SDL_CreateThread) own = OWN(SDL_CreateThread, cache);

	if (own)
		return own(fn, name, data);
	return SDL_CreateThreadWithStackSize(fn, name, hinted_stack_size(),
					     data);
}

EXPORT void SDL_WaitThread(SDL_Thread *thread, int *status)
{
	static void *cache;
	__typeof__(&SDL_WaitThread) own = OWN(SDL_WaitThread, cache);

	if (own) {
		own(thread, status);
		return;
	}
	if (!thread)
		return;
	pthread_join(thread->thread, NULL);
	if (status)
		*status = thread->status;
	release(thread);
}

EXPORT void SDL_DetachThread(SDL_Thread *thread)
{
	static void *cache;
	__typeof__(&SDL_DetachThread) own = OWN(SDL_DetachThread, cache);

	if (own) {
		own(thread);
		return;
	}
	if (!thread)
		return;
	pthread_detach(thread->thread);
	release(thread);
}

EXPORT SDL_threadID SDL_GetThreadID(SDL_Thread *thread)
{
	static void *cache;
	__typeof__(&SDL_GetThreadID) own = OWN(SDL_GetThreadID, cache);

	if (own)
		return own(thread);
	return thread ? thread->id : SDL_ThreadID();
}

EXPORT const char *SDL_GetThreadName(SDL_Thread *thread)
{
	static void *cache;
	__typeof__(&SDL_GetThreadName) own = OWN(SDL_GetThreadName, cache);

	if (own)
		return own(thread);
	return thread ? thread->name : NULL;
}
