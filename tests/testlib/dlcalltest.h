/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdlcalltest.so.1: a small library of the project's own that exercises
 * every kind of call crossing the guest/host boundary.
 */
#ifndef DLCALLTEST_H
#define DLCALLTEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

struct dt_point {
	int32_t x;
	int32_t y;
	double weight;
};

typedef int (*dt_compare)(const void *, const void *);
typedef int (*dt_recurse_callback)(int depth, void *user);
typedef void (*dt_logger)(const char *message, void *user);
typedef int (*dt_binop)(int, int);
typedef double (*dt_function)(double);

/* Does nothing: the cost of a call itself. */
void dt_nothing(void);

/* Scalars, including more arguments than fit in registers. */
int dt_add(int a, int b);
double dt_mix(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f,
	      int g, int h, int i, double j, double k, double l, double m,
	      double n, double o, long p);
float dt_scale(float value, float factor);

/* Pointers in and out; memory the host allocates the host frees. */
size_t dt_length(const char *text);
void dt_fill(unsigned char *buffer, size_t size, int value);
char *dt_upper_copy(const char *text);
void dt_release(void *memory);

/* Struct pointers and struct values. */
void dt_point_scale(struct dt_point *point, double factor);
struct dt_point dt_point_make(int32_t x, int32_t y, double weight);

/* Callbacks: called during the call, nested, stored for later. */
void dt_sort(void *base, size_t count, size_t size, dt_compare compare);
int dt_recurse(int depth, dt_recurse_callback callback, void *user);
double dt_integrate(dt_function function, double from, double to, int steps);
void dt_set_logger(dt_logger logger, void *user);
dt_logger dt_get_logger(void);
int dt_log(const char *message);

/* printf-style: formats, then logs through the current logger. */
int dt_log_format(const char *format, ...)
    __attribute__((format(printf, 1, 2)));

/* A callback stored in a struct the caller owns (spec: callback-field). */
struct dt_handler {
	int (*on_event)(int code, void *user);
	void *user;
	int handled;
};
int dt_dispatch(struct dt_handler *handler, int code);

/* Callbacks one struct further away: a stream with a const allocator
 * (spec: callback-field through a pointer, lzma_stream.allocator). */
struct dt_allocator {
	void *(*allocate)(size_t size, void *user);
	void (*release)(void *block, void *user);
	void *user;
};
struct dt_stream {
	const struct dt_allocator *allocator;
	int blocks; /* allocated and not yet released */
};
/* Allocates `count` blocks through the allocator, releases all but the
 * last `keep`; returns stream->blocks. */
int dt_stream_churn(struct dt_stream *stream, int count, int keep);

/* A struct of callbacks passed by value (ZSTD_customMem). */
struct dt_visitor {
	int (*visit)(int value, void *user);
	void *user;
};
/* The sum of visit(i) for i in [from, to). */
int dt_visit_range(struct dt_visitor visitor, int from, int to);

/* Functions the library fills in for the caller to call (spec:
 * library-field, XImage's f.*), in a struct embedded in another. */
struct dt_image;
struct dt_image_functions {
	int (*pixel)(const struct dt_image *image, int x, int y);
	void (*destroy)(struct dt_image *image);
};
struct dt_image {
	int width, height;
	struct dt_image_functions f;
};
struct dt_image *dt_image_create(int width, int height);
/* The sum of every pixel, read through image->f.pixel. */
int dt_image_sum(struct dt_image *image);

/* The same image, stored where the caller says (FT_New_Face's aface). */
int dt_image_open(int width, int height, struct dt_image **image);

/* A callback struct the library keeps and calls in later calls that do
 * not pass it (spec: callback-field ... kept; FT_New_Library). */
struct dt_notifier {
	int (*notify)(int value, void *user);
	void *user;
};
struct dt_registry;
struct dt_registry *dt_registry_create(struct dt_notifier *notifier);
int dt_registry_fire(struct dt_registry *registry, int value);
void dt_registry_destroy(struct dt_registry *registry);

/* A chain of structs keyed by a tag, as Vulkan's pNext and sType (spec:
 * chain, chain-link): a job, with links that scale it and one that is
 * told the result. */
enum dt_kind { DT_KIND_JOB = 1, DT_KIND_SCALE = 2, DT_KIND_NOTIFY = 3 };
struct dt_chain_base {
	enum dt_kind kind;
	const void *next;
};
struct dt_job {
	enum dt_kind kind;
	const void *next;
	int value;
};
struct dt_job_scale {
	enum dt_kind kind;
	const void *next;
	int factor;
};
struct dt_job_notify {
	enum dt_kind kind;
	const void *next;
	int (*notify)(int value, void *user);
	void *user;
};
/* The value times every scale link's factor, told to the notify link if
 * there is one: its answer, else the value. */
int dt_run_job(const struct dt_job *job);

/* A string the caller frees with free() (spec: owned-result). */
char *dt_owned_upper(const char *text);
/* The address dt_owned_upper() last returned (the host's, passed through). */
uintptr_t dt_last_owned(void);

/* A parameter declared as an array is a pointer (vkCmdSetBlendConstants). */
int dt_sum4(const int values[4]);

/* Functions by name (spec: proc-address), as glXGetProcAddress: any
 * export, and two functions the library does not export. */
typedef void (*dt_any_function)(void);
dt_any_function dt_proc_address(const char *name);
int dt_hidden_multiply(int a, int b);
int dt_hidden_apply(dt_binop operation, int a, int b);

/* long double: no common format, so not passed through (reported). */
long double dt_halve_long_double(long double value);

/* Missing from the "old" build of the library (tests/testlib/old). */
int dt_version_two(void);

/* errno set by the host. */
int dt_fail_with(int error_number);

/* Host function pointers handed to the guest and back. */
dt_binop dt_get_operation(const char *name);
int dt_apply(dt_binop operation, int a, int b);
int dt_is_builtin_operation(dt_binop operation);

/* Runs on the host for `milliseconds` of wall time (a long host call
 * for signals to arrive during); returns how many times it looked. */
long dt_spin(int milliseconds);

/* Waits on the host until *flag is nonzero (another thread sets it), at
 * most `milliseconds`; returns whether it was set. */
int dt_wait_for(const volatile int *flag, int milliseconds);

/* Calls operation(a, b) from a thread of the library's own. */
int dt_apply_in_thread(dt_binop operation, int a, int b);

/* Folds count values with operation on one thread of the library's own:
 * result = operation(result, i) for i from 0, result starting at 0. */
int dt_fold_in_thread(dt_binop operation, int count);

/* A printf-style reporter, like libxml2's error handlers (spec
 * printf-callback). */
typedef void (*dt_reporter)(void *context, const char *format, ...);
/* Calls reporter(context, format, ...) with a message of n and more
 * arguments of every kind than registers hold; returns the message as
 * the library formats it itself. */
const char *dt_report(dt_reporter reporter, void *context, int n);
/* The library's own reporter, which keeps what it is given for
 * dt_last_report(). */
dt_reporter dt_get_reporter(void);
const char *dt_last_report(void);

/* The reporter of this thread, in a cell of the library's like
 * libxml2's __xmlGenericError() (spec function-cell); the library's own
 * until dt_set_reporter() (NULL: the library's again). */
dt_reporter *dt_reporter_cell(void);
void dt_set_reporter(dt_reporter reporter);
/* Stores this thread's reporter and an adding operation where the
 * pointers point (NULL: skipped), like xmlMemGet(). */
void dt_get_handlers(dt_reporter *reporter, dt_binop *operation);

/* Variables of the library's holding functions, which programs call,
 * like libxml2's xmlFree: an adding operation until dt_set_operation()
 * (NULL: adding again), and the library's own reporter. */
extern dt_binop dt_operation;
extern dt_reporter dt_report_function;
void dt_set_operation(dt_binop operation);
int dt_apply_operation(int a, int b); /* dt_operation(a, b) */

/* A lookup the program gives, which returns a function for the library
 * to call, like libxml2's XPath function lookup: applies the one named
 * to a and b, or answers -1 when lookup finds none. */
typedef dt_binop (*dt_lookup)(const char *name, void *user);
int dt_apply_looked_up(dt_lookup lookup, void *user, const char *name, int a,
		       int b);

/* Functions passed to functions (OpenSSL's keymgmt gen given an
 * OSSL_CALLBACK, BIO's callback_ctrl given a BIO_info_cb): the program's
 * applier given the library's multiplication, and the library's applier,
 * 2 * operation(a, b), which the program calls with a function of its
 * own. */
typedef int (*dt_applier)(dt_binop operation, int a, int b);
int dt_apply_through(dt_applier applier, int a, int b);
dt_applier dt_library_applier(void);

/* The program's FILE *, used by the library (a host stream passed
 * through): writes text with fputs and fprintf ("[%zu]" of its length),
 * reads up to size bytes, tells the position, closes the stream. */
int dt_stream_write(FILE *stream, const char *text);
size_t dt_stream_read(FILE *stream, char *buffer, size_t size);
long dt_stream_tell(FILE *stream);
int dt_stream_close(FILE *stream);

/* printf-style functions (spec printf-function): snprintf into buffer,
 * its va_list twin, and dt_log() of the formatted text. */
int dt_printf(char *buffer, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int dt_vprintf(char *buffer, size_t size, const char *format,
	       va_list arguments);
int dt_log_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Reads lines from `source` until it returns NULL, freeing each with
 * free() (spec callback-result-freed, like libxml2's xmlShell); returns
 * their total length. */
typedef char *(*dt_line_source)(void *user);
long dt_total_length(dt_line_source source, void *user);

/* Codecs the library owns and programs call through, like SQLite's
 * sqlite3_vfs (spec: mirror-type). encode() answers -1 for a codec that
 * is not one of the library's own objects. */
struct dt_codec {
	const char *name;
	int (*encode)(const struct dt_codec *codec, int value);
	struct dt_codec *next; /* the next codec the library has, or NULL */
	int uses;	       /* how often dt_codec_apply() used this one */
};
/* The codec of that name, or the first (NULL). */
struct dt_codec *dt_codec_find(const char *name);
/* codec->encode(codec, value) called by the library; -2 for NULL. */
int dt_codec_apply(struct dt_codec *codec, int value);

#endif
