/*
 * Guest thunk of libdlcalltest.so.1 (hand-written in generator shape). It
 * has the real library's soname and exports; each export packs its
 * arguments and runs the host thunk.
 */
#include <stdint.h>

#include "dlcall_guest.h"
#include "thunk_args.h"

#define EXPORT __attribute__((visibility("default")))

static dlcall_host_function *host;

__attribute__((constructor)) static void open_host_library(void)
{
	host = dlcall_guest_open("libdlcalltest.so.1", "libdlcalltest-host.so",
				 DLCALLTEST_TABLE_ID, DLCALLTEST_THUNK_COUNT);
}

/* Invokers: the guest half of host closures, one per callback type.
 * Integer results are widened to a full register, as libffi expects. */
static void invoke_dt_compare(void *function, void **args, void *result)
{
	*(int64_t *)result = ((dt_compare)function)(*(const void **)args[0],
						    *(const void **)args[1]);
}

static void invoke_dt_recurse_callback(void *function, void **args,
				       void *result)
{
	*(int64_t *)result =
	    ((dt_recurse_callback)function)(*(int *)args[0], *(void **)args[1]);
}

static void invoke_dt_function(void *function, void **args, void *result)
{
	*(double *)result = ((dt_function)function)(*(double *)args[0]);
}

static void invoke_dt_logger(void *function, void **args, void *result)
{
	(void)result;
	((dt_logger)function)(*(const char **)args[0], *(void **)args[1]);
}

static void invoke_dt_binop(void *function, void **args, void *result)
{
	*(int64_t *)result =
	    ((dt_binop)function)(*(int *)args[0], *(int *)args[1]);
}

/* Stub entries: guest-callable host function pointers, per type. */
static int stub_dt_binop(int a, int b)
{
	struct call_dt_binop_args args = {dlcall_guest_stub_target(), a, b, 0};

	dlcall_guest_call(host[CALL_dt_binop], &args);
	return args.result;
}

static void stub_dt_logger(const char *message, void *user)
{
	struct call_dt_logger_args args = {dlcall_guest_stub_target(), message,
					   user};

	dlcall_guest_call(host[CALL_dt_logger], &args);
}

/* A host function pointer result as the guest sees it. */
static void *function_result(void *function, int is_guest, void *stub_entry)
{
	return is_guest ? function : dlcall_guest_stub(function, stub_entry);
}

EXPORT void dt_nothing(void)
{
	dlcall_guest_call(host[THUNK_dt_nothing], NULL);
}

EXPORT int dt_add(int a, int b)
{
	struct dt_add_args args = {a, b, 0};

	dlcall_guest_call(host[THUNK_dt_add], &args);
	return args.result;
}

EXPORT double dt_mix(int8_t a, uint16_t b, int32_t c, int64_t d, float e,
		     double f, int g, int h, int i, double j, double k,
		     double l, double m, double n, double o, long p)
{
	struct dt_mix_args args = {a, b, c, d, e, f, g, h, i,
				   j, k, l, m, n, o, p, 0};

	dlcall_guest_call(host[THUNK_dt_mix], &args);
	return args.result;
}

EXPORT float dt_scale(float value, float factor)
{
	struct dt_scale_args args = {value, factor, 0};

	dlcall_guest_call(host[THUNK_dt_scale], &args);
	return args.result;
}

EXPORT size_t dt_length(const char *text)
{
	struct dt_length_args args = {text, 0};

	dlcall_guest_call(host[THUNK_dt_length], &args);
	return args.result;
}

EXPORT void dt_fill(unsigned char *buffer, size_t size, int value)
{
	struct dt_fill_args args = {buffer, size, value};

	dlcall_guest_call(host[THUNK_dt_fill], &args);
}

EXPORT char *dt_upper_copy(const char *text)
{
	struct dt_upper_copy_args args = {text, 0};

	dlcall_guest_call(host[THUNK_dt_upper_copy], &args);
	return args.result;
}

EXPORT void dt_release(void *memory)
{
	struct dt_release_args args = {memory};

	dlcall_guest_call(host[THUNK_dt_release], &args);
}

EXPORT void dt_point_scale(struct dt_point *point, double factor)
{
	struct dt_point_scale_args args = {point, factor};

	dlcall_guest_call(host[THUNK_dt_point_scale], &args);
}

EXPORT struct dt_point dt_point_make(int32_t x, int32_t y, double weight)
{
	struct dt_point_make_args args = {x, y, weight, {0, 0, 0}};

	dlcall_guest_call(host[THUNK_dt_point_make], &args);
	return args.result;
}

EXPORT void dt_sort(void *base, size_t count, size_t size, dt_compare compare)
{
	struct dt_sort_args args = {base, count, size, 0, 0};

	args.compare = dlcall_guest_function_argument(
	    (void *)compare, invoke_dt_compare, &args.compare_invoker);
	dlcall_guest_call(host[THUNK_dt_sort], &args);
}

EXPORT int dt_recurse(int depth, dt_recurse_callback callback, void *user)
{
	struct dt_recurse_args args = {depth, 0, 0, user, 0};

	args.callback = dlcall_guest_function_argument(
	    (void *)callback, invoke_dt_recurse_callback,
	    &args.callback_invoker);
	dlcall_guest_call(host[THUNK_dt_recurse], &args);
	return args.result;
}

EXPORT double dt_integrate(dt_function function, double from, double to,
			   int steps)
{
	struct dt_integrate_args args = {0, 0, from, to, steps, 0};

	args.function = dlcall_guest_function_argument(
	    (void *)function, invoke_dt_function, &args.function_invoker);
	dlcall_guest_call(host[THUNK_dt_integrate], &args);
	return args.result;
}

EXPORT void dt_set_logger(dt_logger logger, void *user)
{
	struct dt_set_logger_args args = {0, 0, user};

	args.logger = dlcall_guest_function_argument(
	    (void *)logger, invoke_dt_logger, &args.logger_invoker);
	dlcall_guest_call(host[THUNK_dt_set_logger], &args);
}

EXPORT dt_logger dt_get_logger(void)
{
	struct dt_get_logger_args args = {0, 0};

	dlcall_guest_call(host[THUNK_dt_get_logger], &args);
	return (dt_logger)function_result(args.result, args.result_is_guest,
					  (void *)stub_dt_logger);
}

EXPORT int dt_log(const char *message)
{
	struct dt_log_args args = {message, 0};

	dlcall_guest_call(host[THUNK_dt_log], &args);
	return args.result;
}

EXPORT int dt_fail_with(int error_number)
{
	struct dt_fail_with_args args = {error_number, 0};

	dlcall_guest_call(host[THUNK_dt_fail_with], &args);
	return args.result;
}

EXPORT dt_binop dt_get_operation(const char *name)
{
	struct dt_get_operation_args args = {name, 0, 0};

	dlcall_guest_call(host[THUNK_dt_get_operation], &args);
	return (dt_binop)function_result(args.result, args.result_is_guest,
					 (void *)stub_dt_binop);
}

EXPORT int dt_apply(dt_binop operation, int a, int b)
{
	struct dt_apply_args args = {0, 0, a, b, 0};

	args.operation = dlcall_guest_function_argument(
	    (void *)operation, invoke_dt_binop, &args.operation_invoker);
	dlcall_guest_call(host[THUNK_dt_apply], &args);
	return args.result;
}

EXPORT int dt_is_builtin_operation(dt_binop operation)
{
	struct dt_is_builtin_operation_args args = {0, 0, 0};

	args.operation = dlcall_guest_function_argument(
	    (void *)operation, invoke_dt_binop, &args.operation_invoker);
	dlcall_guest_call(host[THUNK_dt_is_builtin_operation], &args);
	return args.result;
}
