// SPDX-License-Identifier: GPL-2.0-or-later
/* The real libdlcalltest.so.1, built for the host and for each guest. */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dlcalltest.h"

void dt_nothing(void)
{
}

int dt_add(int a, int b)
{
	return a + b;
}

double dt_mix(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f,
	      int g, int h, int i, double j, double k, double l, double m,
	      double n, double o, long p)
{
	return a + b + c + (double)d + e + f + g + h + i + j + k + l + m + n +
	       o + (double)p;
}

float dt_scale(float value, float factor)
{
	return value * factor;
}

size_t dt_length(const char *text)
{
	return strlen(text);
}

void dt_fill(unsigned char *buffer, size_t size, int value)
{
	memset(buffer, value, size);
}

char *dt_upper_copy(const char *text)
{
	char *copy = strdup(text);

	for (char *p = copy; p && *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return copy;
}

void dt_release(void *memory)
{
	free(memory);
}

void dt_point_scale(struct dt_point *point, double factor)
{
	point->x = (int32_t)(point->x * factor);
	point->y = (int32_t)(point->y * factor);
	point->weight *= factor;
}

struct dt_point dt_point_make(int32_t x, int32_t y, double weight)
{
	struct dt_point point = {x, y, weight};
	return point;
}

void dt_sort(void *base, size_t count, size_t size, dt_compare compare)
{
	qsort(base, count, size, compare);
}

int dt_recurse(int depth, dt_recurse_callback callback, void *user)
{
	return depth <= 0 ? 0 : callback(depth, user) + 1;
}

double dt_integrate(dt_function function, double from, double to, int steps)
{
	double width = (to - from) / steps, sum = 0;

	for (int i = 0; i < steps; i++)
		sum += function(from + (i + 0.5) * width) * width;
	return sum;
}

static dt_logger current_logger;
static void *current_logger_user;

void dt_set_logger(dt_logger logger, void *user)
{
	current_logger = logger;
	current_logger_user = user;
}

dt_logger dt_get_logger(void)
{
	return current_logger;
}

int dt_log(const char *message)
{
	if (!current_logger)
		return -1;
	current_logger(message, current_logger_user);
	return 0;
}

int dt_dispatch(struct dt_handler *handler, int code)
{
	handler->handled++;
	return handler->on_event ? handler->on_event(code, handler->user) : -1;
}

int dt_stream_churn(struct dt_stream *stream, int count, int keep)
{
	const struct dt_allocator *allocator = stream->allocator;
	void *blocks[64];

	if (count > 64 || keep > count)
		return -1;
	for (int i = 0; i < count; i++) {
		blocks[i] = allocator->allocate(16, allocator->user);
		stream->blocks += blocks[i] != NULL;
	}
	for (int i = 0; i < count - keep; i++) {
		allocator->release(blocks[i], allocator->user);
		stream->blocks -= blocks[i] != NULL;
	}
	return stream->blocks;
}

int dt_visit_range(struct dt_visitor visitor, int from, int to)
{
	int sum = 0;

	for (int i = from; i < to; i++)
		sum += visitor.visit(i, visitor.user);
	return sum;
}

static int image_pixel(const struct dt_image *image, int x, int y)
{
	return y * image->width + x;
}

static void image_destroy(struct dt_image *image)
{
	free(image);
}

struct dt_image *dt_image_create(int width, int height)
{
	struct dt_image *image = malloc(sizeof(*image));

	if (image) {
		image->width = width;
		image->height = height;
		image->f.pixel = image_pixel;
		image->f.destroy = image_destroy;
	}
	return image;
}

int dt_image_sum(struct dt_image *image)
{
	int sum = 0;

	for (int y = 0; y < image->height; y++)
		for (int x = 0; x < image->width; x++)
			sum += image->f.pixel(image, x, y);
	return sum;
}

int dt_image_open(int width, int height, struct dt_image **image)
{
	*image = dt_image_create(width, height);
	return *image ? 0 : -1;
}

struct dt_registry {
	struct dt_notifier *notifier;
};

struct dt_registry *dt_registry_create(struct dt_notifier *notifier)
{
	struct dt_registry *registry = malloc(sizeof(*registry));

	if (registry)
		registry->notifier = notifier;
	return registry;
}

int dt_registry_fire(struct dt_registry *registry, int value)
{
	struct dt_notifier *notifier = registry->notifier;

	return notifier->notify(value, notifier->user);
}

void dt_registry_destroy(struct dt_registry *registry)
{
	free(registry);
}

int dt_run_job(const struct dt_job *job)
{
	const struct dt_job_notify *notify = NULL;
	int value = job->value;

	for (const struct dt_chain_base *link = job->next; link;
	     link = link->next)
		if (link->kind == DT_KIND_SCALE)
			value *= ((const struct dt_job_scale *)link)->factor;
		else if (link->kind == DT_KIND_NOTIFY)
			notify = (const struct dt_job_notify *)link;
	return notify ? notify->notify(value, notify->user) : value;
}

static uintptr_t last_owned;

char *dt_owned_upper(const char *text)
{
	char *upper = dt_upper_copy(text);

	last_owned = (uintptr_t)upper;
	return upper;
}

uintptr_t dt_last_owned(void)
{
	return last_owned;
}

int dt_sum4(const int values[4])
{
	return values[0] + values[1] + values[2] + values[3];
}

__attribute__((visibility("hidden"))) int dt_hidden_multiply(int a, int b)
{
	return a * b;
}

__attribute__((visibility("hidden"))) int dt_hidden_apply(dt_binop operation,
							  int a, int b)
{
	return operation(a, b);
}

dt_any_function dt_proc_address(const char *name)
{
	static const struct {
		const char *name;
		dt_any_function function;
	} known[] = {
	    {"dt_add", (dt_any_function)dt_add},
	    {"dt_hidden_multiply", (dt_any_function)dt_hidden_multiply},
	    {"dt_hidden_apply", (dt_any_function)dt_hidden_apply},
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i].name) == 0)
			return known[i].function;
	return NULL;
}

static int log_formatted(const char *format, va_list arguments)
{
	char message[256];

	vsnprintf(message, sizeof(message), format, arguments);
	return dt_log(message);
}

int dt_log_format(const char *format, ...)
{
	va_list arguments;
	int status;

	va_start(arguments, format);
	status = log_formatted(format, arguments);
	va_end(arguments);
	return status;
}

long double dt_halve_long_double(long double value)
{
	return value / 2;
}

#ifndef DLCALL_TEST_OLD
int dt_version_two(void)
{
	return 2;
}
#endif

int dt_fail_with(int error_number)
{
	errno = error_number;
	return -1;
}

static int multiply(int a, int b)
{
	return a * b;
}

static int subtract(int a, int b)
{
	return a - b;
}

dt_binop dt_get_operation(const char *name)
{
	if (strcmp(name, "multiply") == 0)
		return multiply;
	if (strcmp(name, "subtract") == 0)
		return subtract;
	return NULL;
}

int dt_apply(dt_binop operation, int a, int b)
{
	return operation(a, b);
}

int dt_is_builtin_operation(dt_binop operation)
{
	return operation == multiply || operation == subtract;
}

long dt_spin(int milliseconds)
{
	struct timespec start, now;
	long looks = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		clock_gettime(CLOCK_MONOTONIC, &now);
		looks++;
	} while ((now.tv_sec - start.tv_sec) * 1000 +
		     (now.tv_nsec - start.tv_nsec) / 1000000 <
		 milliseconds);
	return looks;
}

int dt_wait_for(const volatile int *flag, int milliseconds)
{
	struct timespec start, now, pause = {0, 1000000};

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (*flag)
			return 1;
		nanosleep(&pause, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 +
		     (now.tv_nsec - start.tv_nsec) / 1000000 <
		 milliseconds);
	return *flag != 0;
}

struct thread_operation {
	dt_binop operation;
	int a, b, result;
};

static void *apply_operation(void *argument)
{
	struct thread_operation *call = argument;

	call->result = call->operation(call->a, call->b);
	return NULL;
}

int dt_apply_in_thread(dt_binop operation, int a, int b)
{
	struct thread_operation call = {operation, a, b, 0};
	pthread_t thread;

	if (pthread_create(&thread, NULL, apply_operation, &call) != 0)
		return -1;
	pthread_join(thread, NULL);
	return call.result;
}

static void *fold_operation(void *argument)
{
	struct thread_operation *call = argument;

	for (int i = 0; i < call->b; i++)
		call->result = call->operation(call->result, i);
	return NULL;
}

int dt_fold_in_thread(dt_binop operation, int count)
{
	struct thread_operation call = {operation, 0, count, 0};
	pthread_t thread;

	if (pthread_create(&thread, NULL, fold_operation, &call) != 0)
		return -1;
	pthread_join(thread, NULL);
	return call.result;
}

static int codec_scale(const struct dt_codec *codec, int factor, int value);

static int encode_double(const struct dt_codec *codec, int value)
{
	return codec_scale(codec, 2, value);
}

static int encode_triple(const struct dt_codec *codec, int value)
{
	return codec_scale(codec, 3, value);
}

static struct dt_codec codecs[] = {
    {"double", encode_double, &codecs[1], 0},
    {"triple", encode_triple, NULL, 0},
};

/* Only the library's own objects: a copy of one is refused with -1. */
static int codec_scale(const struct dt_codec *codec, int factor, int value)
{
	if (codec != &codecs[0] && codec != &codecs[1])
		return -1;
	return factor * value;
}

struct dt_codec *dt_codec_find(const char *name)
{
	for (struct dt_codec *codec = codecs; codec; codec = codec->next)
		if (!name || strcmp(codec->name, name) == 0)
			return codec;
	return NULL;
}

int dt_codec_apply(struct dt_codec *codec, int value)
{
	if (!codec)
		return -2;
	codec->uses++;
	return codec->encode(codec, value);
}

static char last_report[256];

static void keep_report(void *context, const char *format, ...)
{
	va_list arguments;

	(void)context;
	va_start(arguments, format);
	vsnprintf(last_report, sizeof(last_report), format, arguments);
	va_end(arguments);
}

/* Integers, strings and floating point mixed, beyond the registers of
 * every ABI: the variadic arguments that reach the stack. */
#define REPORT_FORMAT "%d %ld %s %.3f %c %u %lld %g %x %s %.2f %d %d %d|%d"
#define REPORT_ARGUMENTS(n)                                                    \
	n, 1234567890123L, "text", 3.25, 'z', 42u, -7LL, 1e-3, 0xbeef, "last", \
	    2.5, 11, 12, 13, (n)*2

const char *dt_report(dt_reporter reporter, void *context, int n)
{
	static char expected[256];

	snprintf(expected, sizeof(expected), REPORT_FORMAT,
		 REPORT_ARGUMENTS(n));
	reporter(context, REPORT_FORMAT, REPORT_ARGUMENTS(n));
	return expected;
}

dt_reporter dt_get_reporter(void)
{
	return keep_report;
}

const char *dt_last_report(void)
{
	return last_report;
}

static __thread dt_reporter reporter_cell = keep_report;

dt_reporter *dt_reporter_cell(void)
{
	return &reporter_cell;
}

void dt_set_reporter(dt_reporter reporter)
{
	reporter_cell = reporter ? reporter : keep_report;
}

static int add_numbers(int a, int b)
{
	return a + b;
}

void dt_get_handlers(dt_reporter *reporter, dt_binop *operation)
{
	if (reporter)
		*reporter = reporter_cell;
	if (operation)
		*operation = add_numbers;
}

dt_binop dt_operation = add_numbers;
dt_reporter dt_report_function = keep_report;

void dt_set_operation(dt_binop operation)
{
	dt_operation = operation ? operation : add_numbers;
}

int dt_apply_operation(int a, int b)
{
	return dt_operation(a, b);
}

int dt_apply_looked_up(dt_lookup lookup, void *user, const char *name, int a,
		       int b)
{
	dt_binop operation = lookup(name, user);

	return operation ? operation(a, b) : -1;
}

int dt_apply_through(dt_applier applier, int a, int b)
{
	return applier(multiply, a, b);
}

static int apply_doubled(dt_binop operation, int a, int b)
{
	return 2 * operation(a, b);
}

dt_applier dt_library_applier(void)
{
	return apply_doubled;
}

int dt_stream_write(FILE *stream, const char *text)
{
	if (fputs(text, stream) < 0)
		return -1;
	return fprintf(stream, "[%zu]", strlen(text));
}

size_t dt_stream_read(FILE *stream, char *buffer, size_t size)
{
	return fread(buffer, 1, size, stream);
}

long dt_stream_tell(FILE *stream)
{
	return ftell(stream);
}

int dt_stream_close(FILE *stream)
{
	return fclose(stream);
}

int dt_vprintf(char *buffer, size_t size, const char *format, va_list arguments)
{
	return vsnprintf(buffer, size, format, arguments);
}

int dt_printf(char *buffer, size_t size, const char *format, ...)
{
	va_list arguments;
	int length;

	va_start(arguments, format);
	length = dt_vprintf(buffer, size, format, arguments);
	va_end(arguments);
	return length;
}

/* As dt_log_format(), which the spec decides by hand instead. */
int dt_log_printf(const char *format, ...)
{
	va_list arguments;
	int status;

	va_start(arguments, format);
	status = log_formatted(format, arguments);
	va_end(arguments);
	return status;
}

long dt_total_length(dt_line_source source, void *user)
{
	long total = 0;
	char *line;

	while ((line = source(user)) != NULL) {
		total += (long)strlen(line);
		free(line);
	}
	return total;
}
