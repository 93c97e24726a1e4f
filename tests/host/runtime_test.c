// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host runtime unit test without QEMU: this program plays the guest. It
 * calls the runtime's INVOKE_PROC entry points directly and runs the
 * reentry loop the guest runtime runs, so coroutines, callbacks, nesting,
 * closures and errno are checked natively under ASan and UBSan.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../tap.h"
#include "dlcall/host.h"

void dlcall_host_call(void *frame, void *unused);
void dlcall_host_resume(void *frame, void *unused);

/*
 * The guest runtime's call loop, without the syscall. The guest's errno is
 * a variable of its own here, as it is in another libc under QEMU; the
 * callbacks see it as errno.
 */
static int guest_call(void (*host_function)(void *), void *args)
{
	struct dlcall_frame frame = {0};
	int guest_errno = errno;

	frame.host_function = host_function;
	frame.args = args;
	frame.error_location = &guest_errno;
	dlcall_host_call(&frame, NULL);
	while (frame.state == DLCALL_STATE_CALLBACK) {
		int host_errno = errno;

		errno = guest_errno;
		frame.callback_invoker(frame.callback_function,
				       frame.callback_args,
				       frame.callback_result);
		guest_errno = errno;
		errno = host_errno;
		dlcall_host_resume(&frame, NULL);
	}
	errno = guest_errno;
	return frame.state == DLCALL_STATE_DONE;
}

typedef int (*compare_function)(const void *, const void *);
static ffi_type *compare_arguments[] = {&ffi_type_pointer, &ffi_type_pointer};
static struct dlcall_signature compare_signature =
    DLCALL_SIGNATURE("test compare", &ffi_type_sint, compare_arguments);

static void invoke_compare(void *function, void **args, void *result)
{
	*(int64_t *)result = ((compare_function)function)(
	    *(const void **)args[0], *(const void **)args[1]);
}

static int callbacks;

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	callbacks++;
	return (x > y) - (x < y);
}

struct sort_args {
	int *values;
	size_t count;
	void *compare;
	dlcall_guest_invoker invoker;
};

static void host_sort(void *p)
{
	struct sort_args *a = p;

	qsort(a->values, a->count, sizeof(int),
	      (compare_function)dlcall_host_closure(
		  &compare_signature, a->compare, a->invoker, "a test"));
}

static void test_callbacks(void)
{
	int values[500];
	struct sort_args args = {values, 500, (void *)compare_ints,
				 invoke_compare};
	int sorted = 1;

	for (int i = 0; i < 500; i++)
		values[i] = (i * 37) % 500;
	callbacks = 0;
	CHECK(guest_call(host_sort, &args), "call with callbacks completes");
	for (int i = 1; i < 500; i++)
		sorted &= values[i - 1] <= values[i];
	CHECK(sorted && callbacks > 499, "qsort through %d callbacks",
	      callbacks);
}

static void test_closure_cache(void)
{
	void *first = dlcall_host_closure(
	    &compare_signature, (void *)compare_ints, invoke_compare, "a test");
	void *again = dlcall_host_closure(
	    &compare_signature, (void *)compare_ints, invoke_compare, "a test");
	int distinct = 1;

	CHECK(first == again, "same guest function gives the same closure");
	CHECK(dlcall_host_guest_function(first) == (void *)compare_ints,
	      "closure maps back to its guest function");
	CHECK(dlcall_host_guest_function((void *)qsort) == NULL,
	      "a plain host function is not a closure");
	CHECK(dlcall_host_closure(&compare_signature, NULL, invoke_compare,
				  "a test") == NULL,
	      "NULL guest function stays NULL");
	CHECK(dlcall_host_closure(&compare_signature, (void *)qsort, NULL,
				  "a test") == (void *)qsort,
	      "unwrapped host function passes as is");
	CHECK(dlcall_host_closure(&compare_signature, (void *)-1,
				  invoke_compare, "a test") == (void *)-1,
	      "a marker no function can be at (SQLITE_TRANSIENT, -1) passes "
	      "as is");
	/* Unlimited: far more closures than any fixed pool would hold. */
	for (uintptr_t i = 1; i <= 20000 && distinct; i++) {
		void *fake_guest = (void *)(0x10000 + i * 16);
		void *closure = dlcall_host_closure(
		    &compare_signature, fake_guest, invoke_compare, "a test");

		distinct = dlcall_host_guest_function(closure) == fake_guest;
	}
	CHECK(distinct, "20000 distinct closures, each mapping back");
}

/* Nesting: host calls guest which calls host which calls guest ... */
typedef int (*level_function)(int);
static ffi_type *level_arguments[] = {&ffi_type_sint};
static struct dlcall_signature level_signature =
    DLCALL_SIGNATURE("test level", &ffi_type_sint, level_arguments);

struct level_args {
	int depth;
	void *callback;
	dlcall_guest_invoker invoker;
	int result;
};

static void invoke_level(void *function, void **args, void *result)
{
	*(int64_t *)result = ((level_function)function)(*(int *)args[0]);
}

static void host_level(void *p)
{
	struct level_args *a = p;
	level_function callback = (level_function)dlcall_host_closure(
	    &level_signature, a->callback, a->invoker, "a test");

	a->result = a->depth == 0 ? 0 : callback(a->depth) + 1;
}

static int guest_level(int depth)
{
	struct level_args args = {depth - 1, (void *)guest_level, invoke_level,
				  0};

	guest_call(host_level, &args);
	return args.result;
}

static void test_nesting(void)
{
	struct level_args args = {400, (void *)guest_level, invoke_level, 0};

	CHECK(guest_call(host_level, &args) && args.result == 400,
	      "calls and callbacks nest 400 deep");
}

static void host_set_errno(void *p)
{
	errno = *(int *)p;
}

static void host_read_errno(void *p)
{
	*(int *)p = errno;
}

static void test_errno(void)
{
	int value = ERANGE, seen = 0;

	errno = 0;
	guest_call(host_set_errno, &value);
	CHECK(errno == ERANGE, "host errno copied back");
	errno = EAGAIN;
	guest_call(host_read_errno, &seen);
	CHECK(seen == EAGAIN && errno == EAGAIN,
	      "guest errno visible to the host");
}

static void *thread_body(void *unused)
{
	int values[200], ok = 1;
	struct sort_args args = {values, 200, (void *)compare_ints,
				 invoke_compare};

	(void)unused;
	for (int round = 0; round < 100 && ok; round++) {
		for (int i = 0; i < 200; i++)
			values[i] = (i * 7 + round) % 200;
		ok &= guest_call(host_sort, &args);
		for (int i = 1; i < 200; i++)
			ok &= values[i - 1] <= values[i];
	}
	return (void *)(intptr_t)ok;
}

static void test_threads(void)
{
	pthread_t threads[4];
	int ok = 1;

	for (int i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, thread_body, NULL);
	for (int i = 0; i < 4; i++) {
		void *result;

		pthread_join(threads[i], &result);
		ok &= result != NULL;
	}
	CHECK(ok, "4 threads, each with its own coroutine stacks");
}

static void test_out_of_order_resume(void)
{
	struct dlcall_frame frame = {0};

	frame.host_coroutine = &frame; /* not a suspended coroutine */
	dlcall_host_resume(&frame, NULL);
	CHECK(frame.state == DLCALL_STATE_FAILED,
	      "resume of a call that is not suspended is refused");
}

/* A callback that leaves with longjmp(), as libpng's error handler does. */
static jmp_buf escape;

static int compare_and_escape(const void *a, const void *b)
{
	(void)a;
	(void)b;
	longjmp(escape, 1);
}

static void test_longjmp_out_of_callback(void)
{
	int values[] = {3, 1, 2};
	struct sort_args args = {values, 3, (void *)compare_and_escape,
				 invoke_compare};
	volatile int escaped = 0, most = 0;

	for (volatile int i = 0; i < 1000; i++) {
		if (setjmp(escape) == 0)
			guest_call(host_sort, &args);
		else
			escaped++;
		if (dlcall_host_call_depth() > (unsigned)most)
			most = (int)dlcall_host_call_depth();
	}
	CHECK(escaped == 1000 && most == 1,
	      "1000 longjmps out of callbacks: each abandoned call dropped "
	      "by the next (depth at most %d)",
	      most);
	args.compare = (void *)compare_ints;
	CHECK(guest_call(host_sort, &args) && values[0] == 1 &&
		  values[2] == 3 && dlcall_host_call_depth() == 0,
	      "a call after the longjmps completes and leaves no call open");
}

/* The guest's mapper of the visible heap, here a plain mmap() whose
 * mappings the test remembers. */
static struct {
	char *start;
	size_t size;
} mappings[64];
static int mapping_count;

static void map_for_host(void *function, void **args, void *result)
{
	size_t size = *(size_t *)args[0];
	void *mapped = mmap(NULL, size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	(void)function;
	assert(mapping_count < 64 && mapped != MAP_FAILED);
	mappings[mapping_count].start = mapped;
	mappings[mapping_count++].size = size;
	*(void **)result = mapped;
}

static int mapped_by_guest(const void *block, size_t size)
{
	for (int i = 0; i < mapping_count; i++)
		if ((const char *)block >= mappings[i].start &&
		    (const char *)block + size <=
			mappings[i].start + mappings[i].size)
			return 1;
	return 0;
}

struct heap_results {
	int all_mapped, contents_kept, zeroed, reused, big_mapped;
};

/* Sizes from 0 to 3 MiB, written and read back through realloc(). */
static void host_allocate(void *p)
{
	struct heap_results *r = p;
	static const size_t sizes[] = {0,     1,      15,	  16,
				       17,    255,    256,	  257,
				       4000,  65536,  262144, 262145,
				       700000, 1048577, 3145728};
	void *blocks[sizeof(sizes) / sizeof(sizes[0])];
	char *grown, *zeroes, *again;

	r->all_mapped = r->contents_kept = r->zeroed = 1;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		blocks[i] = dlcall_host_visible_malloc(sizes[i]);
		r->all_mapped &= mapped_by_guest(blocks[i], sizes[i]);
		memset(blocks[i], (int)i, sizes[i]);
	}
	grown = dlcall_host_visible_realloc(blocks[4], 100000);
	for (size_t j = 0; j < sizes[4]; j++)
		r->contents_kept &= grown[j] == 4;
	r->all_mapped &= mapped_by_guest(grown, 100000);
	blocks[4] = grown;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		dlcall_host_visible_free(blocks[i]);
	zeroes = dlcall_host_visible_calloc(1000, 3);
	for (size_t j = 0; j < 3000; j++)
		r->zeroed &= zeroes[j] == 0;
	dlcall_host_visible_free(zeroes);
	again = dlcall_host_visible_malloc(sizes[8]);
	r->reused = again == blocks[8];
	dlcall_host_visible_free(again);
	again = dlcall_host_visible_malloc(3000000);
	r->big_mapped = again == blocks[14] && mapped_by_guest(again, 3000000);
	dlcall_host_visible_free(again);
	/* The same big size again and again: one mapping, reused. */
	for (int i = 0; i < 3; i++) {
		void *big = dlcall_host_visible_malloc(4000000);

		r->big_mapped &= i == 0 || big == again;
		again = big;
		dlcall_host_visible_free(big);
	}
}

static void test_visible_heap(void)
{
	struct heap_results results;
	dlcall_guest_invoker mapper = map_for_host;
	char *outside, *copy;

	outside = dlcall_host_visible_malloc(100);
	CHECK(outside && !mapped_by_guest(outside, 100),
	      "visible heap: with no mapper, blocks are the host's malloc()'s");
	dlcall_host_visible_free(outside);
	dlcall_host_set_guest_mapper(&mapper, NULL);
	outside = dlcall_host_visible_malloc(100);
	CHECK(outside && !mapped_by_guest(outside, 100) && mapping_count == 0,
	      "visible heap: outside a call nothing is mapped (malloc())");
	CHECK(guest_call(host_allocate, &results) && mapping_count >= 2,
	      "visible heap: a call allocating maps %d chunks through the "
	      "guest",
	      mapping_count);
	CHECK(results.all_mapped,
	      "visible heap: blocks of 0 bytes to 3 MiB lie in what the guest "
	      "mapped");
	CHECK(results.contents_kept, "visible heap: realloc() keeps contents");
	CHECK(results.zeroed, "visible heap: calloc() zeroes a reused block");
	CHECK(results.reused, "visible heap: a freed block is reused");
	CHECK(results.big_mapped,
	      "visible heap: a big block (own mapping) is reused");
	copy = dlcall_host_visible_strdup("text");
	CHECK(copy && strcmp(copy, "text") == 0 && mapped_by_guest(copy, 5),
	      "visible heap: strdup() outside a call uses what was mapped");
	dlcall_host_visible_free(copy);
	outside = dlcall_host_visible_realloc(outside, 5000);
	CHECK(outside && !mapped_by_guest(outside, 5000),
	      "visible heap: a malloc() block grows with realloc()");
	dlcall_host_visible_free(outside);
}

/* A host function noting where its stack is. */
static void note_stack(void *args)
{
	char local;

	*(int *)args = mapped_by_guest(&local, 1);
}

static void *call_noting_stack(void *result)
{
	int on_guest_stack = 0;

	((int *)result)[0] = guest_call(note_stack, &on_guest_stack);
	((int *)result)[1] = on_guest_stack;
	return NULL;
}

/* With a mapper, a thread's first call asks the guest for its stack (so
 * a callback's read() into a buffer on it works under QEMU); a thread
 * that exits leaves its stack to the next. */
static void test_guest_mapped_stacks(void)
{
	int first[2] = {0, 0}, second[2] = {0, 0};
	int mapped_before = mapping_count;
	pthread_t thread;

	pthread_create(&thread, NULL, call_noting_stack, first);
	pthread_join(thread, NULL);
	CHECK(first[0] && first[1] && mapping_count == mapped_before + 1,
	      "a new thread's call runs on a stack the guest mapped");
	pthread_create(&thread, NULL, call_noting_stack, second);
	pthread_join(thread, NULL);
	CHECK(second[0] && second[1] && mapping_count == mapped_before + 1,
	      "the next thread's call reuses the exited thread's stack");
}

/*
 * Callbacks on threads the library created (host/library_threads.c): the
 * guest's callback servers are threads of this program running the serve
 * call; the library's threads are raw threads calling closures.
 */
void dlcall_host_serve_callbacks(void *args);
void dlcall_host_expect_server(void *args);

static int servers_started, library_callbacks;
static pthread_mutex_t test_lock = PTHREAD_MUTEX_INITIALIZER;

static void start_server(void *function, void **args, void *result);

static void *serve(void *unused)
{
	dlcall_guest_invoker start_another = start_server;

	(void)unused;
	guest_call(dlcall_host_serve_callbacks, &start_another);
	return NULL;
}

static void start_server(void *function, void **args, void *result)
{
	pthread_t thread;

	(void)function, (void)args, (void)result;
	pthread_mutex_lock(&test_lock);
	servers_started++;
	pthread_mutex_unlock(&test_lock);
	pthread_create(&thread, NULL, serve, NULL);
	pthread_detach(thread);
}

/* A callback run by a server: the caller's errno in, EDOM out. */
static int compare_counted(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	pthread_mutex_lock(&test_lock);
	library_callbacks += errno == EILSEQ;
	pthread_mutex_unlock(&test_lock);
	errno = EDOM;
	return (x > y) - (x < y);
}

static void *library_thread(void *unused)
{
	compare_function compare = (compare_function)dlcall_host_closure(
	    &compare_signature, (void *)compare_counted, invoke_compare,
	    "a test");
	int values[100], ok = 1;

	(void)unused;
	for (int i = 0; i < 100; i++)
		values[i] = (i * 31) % 100;
	errno = EILSEQ;
	ok = compare(&values[0], &values[1]) != 0 && errno == EDOM;
	qsort(values, 100, sizeof(int), compare);
	for (int i = 1; i < 100; i++)
		ok &= values[i - 1] <= values[i];
	return (void *)(intptr_t)ok;
}

static void test_library_threads(void)
{
	pthread_t threads[4];
	int ok = 1, coming = 1;

	guest_call(dlcall_host_expect_server, &coming);
	start_server(NULL, NULL, NULL);
	for (int i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, library_thread, NULL);
	for (int i = 0; i < 4; i++) {
		void *result;

		pthread_join(threads[i], &result);
		ok &= result != NULL;
	}
	CHECK(ok, "4 library threads' callbacks run by callback servers, "
		  "errno carried both ways");
	CHECK(library_callbacks == 4, "each saw its thread's errno first");
	pthread_mutex_lock(&test_lock);
	CHECK(servers_started >= 2, "a busy server started another (%d)",
	      servers_started);
	pthread_mutex_unlock(&test_lock);
}

int main(void)
{
	test_callbacks();
	test_closure_cache();
	test_nesting();
	test_errno();
	test_threads();
	test_out_of_order_resume();
	test_longjmp_out_of_callback();
	test_visible_heap();
	test_guest_mapped_stacks();
	test_library_threads();
	return tap_done();
}
