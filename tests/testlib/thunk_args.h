/*
 * Argument blocks of libdlcalltest.so.1, shared by its guest and host
 * thunks. Hand-written in the shape the generator (thunkgen) emits: one
 * block per function holding the arguments in order, then the result; a
 * guest function pointer travels with the guest invoker of its signature.
 */
#ifndef DLCALLTEST_THUNK_ARGS_H
#define DLCALLTEST_THUNK_ARGS_H

#include <stddef.h>

#include "dlcall/abi.h"
#include "dlcalltest.h"

#define DLCALLTEST_TABLE_ID "libdlcalltest.so.1/handwritten/1"

/* Host thunk table order; the guest indexes the host table with these. */
enum dlcalltest_thunk {
	THUNK_dt_nothing,
	THUNK_dt_add,
	THUNK_dt_mix,
	THUNK_dt_scale,
	THUNK_dt_length,
	THUNK_dt_fill,
	THUNK_dt_upper_copy,
	THUNK_dt_release,
	THUNK_dt_point_scale,
	THUNK_dt_point_make,
	THUNK_dt_sort,
	THUNK_dt_recurse,
	THUNK_dt_integrate,
	THUNK_dt_set_logger,
	THUNK_dt_get_logger,
	THUNK_dt_log,
	THUNK_dt_fail_with,
	THUNK_dt_get_operation,
	THUNK_dt_apply,
	THUNK_dt_is_builtin_operation,
	/* Host-side callers behind guest stubs of host function pointers. */
	CALL_dt_binop,
	CALL_dt_logger,
	DLCALLTEST_THUNK_COUNT
};

/* Layout checked for both triples by the generator; asserted here. */
_Static_assert(sizeof(struct dt_point) == 16 &&
		   offsetof(struct dt_point, weight) == 8,
	       "struct dt_point layout");

struct dt_add_args {
	int a;
	int b;
	int result;
};
struct dt_mix_args {
	int8_t a;
	uint16_t b;
	int32_t c;
	int64_t d;
	float e;
	double f;
	int g;
	int h;
	int i;
	double j;
	double k;
	double l;
	double m;
	double n;
	double o;
	long p;
	double result;
};
struct dt_scale_args {
	float value;
	float factor;
	float result;
};
struct dt_length_args {
	const char *text;
	size_t result;
};
struct dt_fill_args {
	unsigned char *buffer;
	size_t size;
	int value;
};
struct dt_upper_copy_args {
	const char *text;
	char *result;
};
struct dt_release_args {
	void *memory;
};
struct dt_point_scale_args {
	struct dt_point *point;
	double factor;
};
struct dt_point_make_args {
	int32_t x;
	int32_t y;
	double weight;
	struct dt_point result;
};
struct dt_sort_args {
	void *base;
	size_t count;
	size_t size;
	void *compare;
	dlcall_guest_invoker compare_invoker;
};
struct dt_recurse_args {
	int depth;
	void *callback;
	dlcall_guest_invoker callback_invoker;
	void *user;
	int result;
};
struct dt_integrate_args {
	void *function;
	dlcall_guest_invoker function_invoker;
	double from;
	double to;
	int steps;
	double result;
};
struct dt_set_logger_args {
	void *logger;
	dlcall_guest_invoker logger_invoker;
	void *user;
};
/* A function pointer result says whether it is the guest's own. */
struct dt_get_logger_args {
	void *result;
	int result_is_guest;
};
struct dt_log_args {
	const char *message;
	int result;
};
struct dt_fail_with_args {
	int error_number;
	int result;
};
struct dt_get_operation_args {
	const char *name;
	void *result;
	int result_is_guest;
};
struct dt_apply_args {
	void *operation;
	dlcall_guest_invoker operation_invoker;
	int a;
	int b;
	int result;
};
struct dt_is_builtin_operation_args {
	void *operation;
	dlcall_guest_invoker operation_invoker;
	int result;
};
struct call_dt_binop_args {
	void *function;
	int a;
	int b;
	int result;
};
struct call_dt_logger_args {
	void *function;
	const char *message;
	void *user;
};

#endif
