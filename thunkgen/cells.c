// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pointers to function pointers (SPEC §6: every function pointer decided).
 *
 * A parameter `xmlFreeFunc *freeFunc` is where the library stores one of
 * its functions (xmlMemGet): after the call the guest finds a stub there,
 * or its own function if that is what the library had. A result of that
 * type is a cell of the library's (libxml2's per-thread __xmlGenericError):
 * with spec function-cell the guest gets a per-thread cell of its own,
 * filled with what the library's holds at each call; without, the export
 * is unsupported. A callback's parameter of that type is where the
 * guest function stores one of its own for the library to call (SQLite's
 * xFindFunction): the invoker turns it into a host closure. A variable
 * of the library's holding a function (libxml2's xmlFree, which programs
 * call) is, in the guest thunk, a variable of the guest's holding a
 * function that calls what the host's holds at that moment. A pointer to
 * const function pointers is an array the library reads, which nothing
 * converts: unsupported.
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

/* The function pointer type `pointer` points to, or CXType_Invalid. */
static CXType pointed_function_pointer(CXType pointer)
{
	CXType canonical = clang_getCanonicalType(pointer);
	CXType target = clang_getPointeeType(canonical);
	CXType function = clang_getPointeeType(target);

	if (canonical.kind != CXType_Pointer ||
	    target.kind != CXType_Pointer ||
	    (function.kind != CXType_FunctionProto &&
	     function.kind != CXType_FunctionNoProto))
		return (CXType){.kind = CXType_Invalid};
	return target;
}

int points_to_function_pointer(CXType type)
{
	return pointed_function_pointer(type).kind != CXType_Invalid;
}

int plan_out_function(struct builder *b, struct parameter *p, CXType type,
		      const char **why)
{
	CXType target = pointed_function_pointer(type);

	if (target.kind == CXType_Invalid)
		return 0;
	if (clang_isConstQualifiedType(target)) {
		*why = "points to function pointers the library reads, "
		       "which nothing converts";
		return -1;
	}
	p->out_function = pointer_signature(b, written_pointee(type), why);
	if (!p->out_function)
		return -1;
	p->out_function->as_stub = 1;
	return 0;
}

int plan_callback_out_function(struct builder *b, struct signature *s,
			       size_t index, CXType type, const char **why)
{
	CXType target = pointed_function_pointer(type);
	struct signature *stored;

	if (clang_isConstQualifiedType(target)) {
		*why = "callback reading function pointers where a pointer "
		       "points, which nothing converts";
		return -1;
	}
	stored = pointer_signature(b, written_pointee(type), why);
	if (!stored)
		return -1;
	stored->as_callback = stored->as_closure = 1;
	if (!s->out_functions)
		s->out_functions =
		    calloc(s->parameter_count + 1, sizeof(*s->out_functions));
	s->out_functions[index] = stored;
	return 0;
}

static struct opaque_type *find_cell(const struct spec *spec, const char *name)
{
	for (size_t i = 0; i < spec->function_cell_count; i++)
		if (strcmp(spec->function_cells[i].name, name) == 0)
			return &spec->function_cells[i];
	return NULL;
}

int plan_function_cell(struct builder *b, struct function *f, CXType result)
{
	struct opaque_type *cell = find_cell(b->spec, f->name);
	CXType target = pointed_function_pointer(result);
	const char *why = NULL;

	if (target.kind == CXType_Invalid) {
		if (!cell)
			return 0;
		return spec_error(b->spec, cell->line,
				  "function-cell: %s does not return a "
				  "pointer to a function pointer",
				  f->name);
	}
	if (!cell) {
		f->unsupported = "returns a pointer to a function pointer (spec "
				 "function-cell decides a cell the guest "
				 "reads)";
		return 0;
	}
	cell->used = 1;
	f->cell_signature = pointer_signature(b, written_pointee(result), &why);
	if (!f->cell_signature) {
		f->unsupported = why;
		return 0;
	}
	f->cell_signature->as_stub = 1;
	f->function_cell = cell->line;
	return 0;
}

int plan_function_variable(struct builder *b, struct data_object *d,
			   CXType type)
{
	const char *why = NULL;

	if (clang_getCanonicalType(type).kind != CXType_Pointer ||
	    (clang_getPointeeType(clang_getCanonicalType(type)).kind !=
		 CXType_FunctionProto &&
	     clang_getPointeeType(clang_getCanonicalType(type)).kind !=
		 CXType_FunctionNoProto))
		return 0;
	d->variable_signature = pointer_signature(b, type, &why);
	if (!d->variable_signature) {
		d->unsupported = why;
		return 1;
	}
	d->variable_signature->as_stub = 1;
	return 1;
}
