/*
 * Host thunk of libdlcalltest.so.1 (hand-written in generator shape).
 * Each function unpacks a block and calls the real host library.
 */
#include "dlcall_host.h"
#include "thunk_args.h"

/* Guest function pointer types, described for libffi closures. */
static ffi_type *dt_compare_arguments[] = {&ffi_type_pointer,
					   &ffi_type_pointer};
static struct dlcall_signature dt_compare_signature = DLCALL_SIGNATURE(
    "libdlcalltest.so.1 dt_compare", &ffi_type_sint, dt_compare_arguments);
static ffi_type *dt_recurse_callback_arguments[] = {&ffi_type_sint,
						    &ffi_type_pointer};
static struct dlcall_signature dt_recurse_callback_signature =
    DLCALL_SIGNATURE("libdlcalltest.so.1 dt_recurse_callback", &ffi_type_sint,
		     dt_recurse_callback_arguments);
static ffi_type *dt_function_arguments[] = {&ffi_type_double};
static struct dlcall_signature dt_function_signature = DLCALL_SIGNATURE(
    "libdlcalltest.so.1 dt_function", &ffi_type_double, dt_function_arguments);
static ffi_type *dt_logger_arguments[] = {&ffi_type_pointer, &ffi_type_pointer};
static struct dlcall_signature dt_logger_signature = DLCALL_SIGNATURE(
    "libdlcalltest.so.1 dt_logger", &ffi_type_void, dt_logger_arguments);
static ffi_type *dt_binop_arguments[] = {&ffi_type_sint, &ffi_type_sint};
static struct dlcall_signature dt_binop_signature = DLCALL_SIGNATURE(
    "libdlcalltest.so.1 dt_binop", &ffi_type_sint, dt_binop_arguments);

/* A host function pointer result, or the guest's own pointer behind it. */
static void *function_result(void *host_function, int *is_guest)
{
	void *guest_function = dlcall_host_guest_function(host_function);

	*is_guest = guest_function != NULL;
	return guest_function ? guest_function : host_function;
}

static void thunk_dt_nothing(void *p)
{
	(void)p;
	dt_nothing();
}

static void thunk_dt_add(void *p)
{
	struct dt_add_args *a = p;
	a->result = dt_add(a->a, a->b);
}

static void thunk_dt_mix(void *p)
{
	struct dt_mix_args *a = p;
	a->result = dt_mix(a->a, a->b, a->c, a->d, a->e, a->f, a->g, a->h, a->i,
			   a->j, a->k, a->l, a->m, a->n, a->o, a->p);
}

static void thunk_dt_scale(void *p)
{
	struct dt_scale_args *a = p;
	a->result = dt_scale(a->value, a->factor);
}

static void thunk_dt_length(void *p)
{
	struct dt_length_args *a = p;
	a->result = dt_length(a->text);
}

static void thunk_dt_fill(void *p)
{
	struct dt_fill_args *a = p;
	dt_fill(a->buffer, a->size, a->value);
}

static void thunk_dt_upper_copy(void *p)
{
	struct dt_upper_copy_args *a = p;
	a->result = dt_upper_copy(a->text);
}

static void thunk_dt_release(void *p)
{
	struct dt_release_args *a = p;
	dt_release(a->memory);
}

static void thunk_dt_point_scale(void *p)
{
	struct dt_point_scale_args *a = p;
	dt_point_scale(a->point, a->factor);
}

static void thunk_dt_point_make(void *p)
{
	struct dt_point_make_args *a = p;
	a->result = dt_point_make(a->x, a->y, a->weight);
}

static void thunk_dt_sort(void *p)
{
	struct dt_sort_args *a = p;
	dt_sort(a->base, a->count, a->size,
		(dt_compare)dlcall_host_closure(
		    &dt_compare_signature, a->compare, a->compare_invoker));
}

static void thunk_dt_recurse(void *p)
{
	struct dt_recurse_args *a = p;
	a->result = dt_recurse(a->depth,
			       (dt_recurse_callback)dlcall_host_closure(
				   &dt_recurse_callback_signature, a->callback,
				   a->callback_invoker),
			       a->user);
}

static void thunk_dt_integrate(void *p)
{
	struct dt_integrate_args *a = p;
	a->result = dt_integrate(
	    (dt_function)dlcall_host_closure(&dt_function_signature,
					     a->function, a->function_invoker),
	    a->from, a->to, a->steps);
}

static void thunk_dt_set_logger(void *p)
{
	struct dt_set_logger_args *a = p;
	dt_set_logger((dt_logger)dlcall_host_closure(
			  &dt_logger_signature, a->logger, a->logger_invoker),
		      a->user);
}

static void thunk_dt_get_logger(void *p)
{
	struct dt_get_logger_args *a = p;
	a->result =
	    function_result((void *)dt_get_logger(), &a->result_is_guest);
}

static void thunk_dt_log(void *p)
{
	struct dt_log_args *a = p;
	a->result = dt_log(a->message);
}

static void thunk_dt_fail_with(void *p)
{
	struct dt_fail_with_args *a = p;
	a->result = dt_fail_with(a->error_number);
}

static void thunk_dt_get_operation(void *p)
{
	struct dt_get_operation_args *a = p;
	a->result = function_result((void *)dt_get_operation(a->name),
				    &a->result_is_guest);
}

static void thunk_dt_apply(void *p)
{
	struct dt_apply_args *a = p;
	a->result = dt_apply(
	    (dt_binop)dlcall_host_closure(&dt_binop_signature, a->operation,
					  a->operation_invoker),
	    a->a, a->b);
}

static void thunk_dt_is_builtin_operation(void *p)
{
	struct dt_is_builtin_operation_args *a = p;
	a->result = dt_is_builtin_operation((dt_binop)dlcall_host_closure(
	    &dt_binop_signature, a->operation, a->operation_invoker));
}

static void call_dt_binop(void *p)
{
	struct call_dt_binop_args *a = p;
	a->result = ((dt_binop)a->function)(a->a, a->b);
}

static void call_dt_logger(void *p)
{
	struct call_dt_logger_args *a = p;
	((dt_logger)a->function)(a->message, a->user);
}

DLCALL_HOST_API const char *dlcall_thunk_table_id = DLCALLTEST_TABLE_ID;
DLCALL_HOST_API unsigned long dlcall_thunk_count = DLCALLTEST_THUNK_COUNT;
DLCALL_HOST_API void (*dlcall_thunk_table[DLCALLTEST_THUNK_COUNT])(void *) = {
    [THUNK_dt_nothing] = thunk_dt_nothing,
    [THUNK_dt_add] = thunk_dt_add,
    [THUNK_dt_mix] = thunk_dt_mix,
    [THUNK_dt_scale] = thunk_dt_scale,
    [THUNK_dt_length] = thunk_dt_length,
    [THUNK_dt_fill] = thunk_dt_fill,
    [THUNK_dt_upper_copy] = thunk_dt_upper_copy,
    [THUNK_dt_release] = thunk_dt_release,
    [THUNK_dt_point_scale] = thunk_dt_point_scale,
    [THUNK_dt_point_make] = thunk_dt_point_make,
    [THUNK_dt_sort] = thunk_dt_sort,
    [THUNK_dt_recurse] = thunk_dt_recurse,
    [THUNK_dt_integrate] = thunk_dt_integrate,
    [THUNK_dt_set_logger] = thunk_dt_set_logger,
    [THUNK_dt_get_logger] = thunk_dt_get_logger,
    [THUNK_dt_log] = thunk_dt_log,
    [THUNK_dt_fail_with] = thunk_dt_fail_with,
    [THUNK_dt_get_operation] = thunk_dt_get_operation,
    [THUNK_dt_apply] = thunk_dt_apply,
    [THUNK_dt_is_builtin_operation] = thunk_dt_is_builtin_operation,
    [CALL_dt_binop] = call_dt_binop,
    [CALL_dt_logger] = call_dt_logger,
};
