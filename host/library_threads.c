// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Callbacks on threads a host library created (SPEC §4). Such a thread has
 * no guest CPU, so the guest function runs on a guest thread the guest
 * runtime started for the purpose: a callback server. A server is a
 * pass-through call of dlcall_host_serve_callbacks() that never returns;
 * each request it takes runs as a callback of that call, through the
 * usual suspend-and-resume (runtime.c), while the library's thread waits
 * for the result. Design: docs/design.md, "Callbacks from library
 * threads".
 *
 * Servers are as many as callbacks run at once, plus one idle: a server
 * that takes a request when no other is idle first has the guest start
 * another, so a callback that waits for a second one does not deadlock.
 */
#include <errno.h>
#include <pthread.h>

#include "dlcall/host.h"
#include "library_threads.h"

struct request {
	dlcall_guest_invoker invoker;
	void *function;
	void **args;
	void *result;
	const char *description;
	const char *passed_to;
	int error; /* the caller's errno, in and out */
	int done;
	struct request *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t requests_waiting = PTHREAD_COND_INITIALIZER;
static pthread_cond_t request_done = PTHREAD_COND_INITIALIZER;
static struct request *first_request, **last_request = &first_request;
static unsigned servers, idle_servers, servers_starting;
static int servers_lost_at_fork;

int dlcall_run_on_callback_server(dlcall_guest_invoker invoker,
				  void *function, void **args, void *result,
				  const char *description,
				  const char *passed_to)
{
	struct request request = {
	    .invoker = invoker,
	    .function = function,
	    .args = args,
	    .result = result,
	    .description = description,
	    .passed_to = passed_to,
	    .error = errno,
	};

	pthread_mutex_lock(&lock);
	if (servers == 0 && servers_starting == 0) {
		pthread_mutex_unlock(&lock);
		return servers_lost_at_fork ? -1 : 0;
	}
	*last_request = &request;
	last_request = &request.next;
	pthread_cond_signal(&requests_waiting);
	while (!request.done)
		pthread_cond_wait(&request_done, &lock);
	pthread_mutex_unlock(&lock);
	errno = request.error;
	return 1;
}

/* The next request, once there is one; locked. */
static struct request *take_request(void)
{
	struct request *request;

	while (!first_request)
		pthread_cond_wait(&requests_waiting, &lock);
	request = first_request;
	first_request = request->next;
	if (!first_request)
		last_request = &first_request;
	return request;
}

/* INVOKE_PROC host function: the guest is starting its first server
 * (*args 1), which requests may wait for, or could not start it (-1). */
DLCALL_HOST_API void dlcall_host_expect_server(void *args)
{
	pthread_mutex_lock(&lock);
	servers_starting += *(int *)args;
	pthread_mutex_unlock(&lock);
}

/*
 * INVOKE_PROC host function of a server (args: the guest's invoker that
 * starts one more). Runs the requests of library threads until the
 * process ends.
 */
DLCALL_HOST_API void dlcall_host_serve_callbacks(void *args)
{
	dlcall_guest_invoker start_server = *(dlcall_guest_invoker *)args;

	pthread_mutex_lock(&lock);
	servers++;
	idle_servers++;
	if (servers_starting)
		servers_starting--;
	for (;;) {
		struct request *request = take_request();
		int start_another = --idle_servers == 0 && !servers_starting;

		servers_starting += start_another;
		pthread_mutex_unlock(&lock);
		if (start_another)
			dlcall_host_run_guest(start_server, NULL, NULL, NULL,
					      "dlcall's callback server",
					      "the runtime");
		errno = request->error;
		dlcall_host_run_guest(request->invoker, request->function,
				      request->args, request->result,
				      request->description,
				      request->passed_to);
		pthread_mutex_lock(&lock);
		request->error = errno;
		request->done = 1;
		pthread_cond_broadcast(&request_done);
		idle_servers++;
	}
}

/*
 * In a child of fork(), only the forking thread lives on: no server, no
 * library thread waiting. None is started again: QEMU 7.2 with a plugin
 * cannot start a thread in a child whose parent had several (a CPU index
 * of a lost thread is reused and its plugin hook asserts), so a library
 * thread's callback there ends the process with a message.
 */
static void forget_servers(void)
{
	servers_lost_at_fork = servers > 0;
	pthread_mutex_init(&lock, NULL);
	pthread_cond_init(&requests_waiting, NULL);
	pthread_cond_init(&request_done, NULL);
	first_request = NULL;
	last_request = &first_request;
	servers = idle_servers = servers_starting = 0;
}

__attribute__((constructor)) static void watch_forks(void)
{
	pthread_atfork(NULL, NULL, forget_servers);
}
