// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tables of functions keyed by id (spec: dispatch): OpenSSL's
 * OSSL_DISPATCH arrays, { OSSL_FUNC_CORE_GET_PARAMS, function }, where
 * the id selects the function's type, OSSL_FUNC_core_get_params_fn. Every
 * typedef of the prefix is decided here: its signature gets a stub (a host
 * function for the guest), an invoker and a closure maker (a guest
 * function for the host), or it cannot cross, with the reason. The ids
 * stay macros: the generated table names them, so that the compiler
 * reads their values from the same headers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

struct dispatch_walk {
	struct builder *b;
	const struct opaque_type *line;
	size_t found;
};

/* "OSSL_FUNC_" + "core_get_params" -> "OSSL_FUNC_CORE_GET_PARAMS". */
static char *id_macro(const char *prefix, const char *name)
{
	char *id = format_string("%s%s", prefix, name);

	for (char *c = id + strlen(prefix); *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return id;
}

static void add_dispatch_type(struct dispatch_walk *walk, CXCursor cursor,
			      const char *typedef_name)
{
	struct model *model = walk->b->model;
	const char *prefix = walk->line->name;
	size_t length = strlen(typedef_name) - strlen(prefix) - 3;
	struct dispatch_type *type;
	const char *why = NULL;

	model->dispatch_types =
	    realloc(model->dispatch_types, (model->dispatch_type_count + 1) *
					       sizeof(*model->dispatch_types));
	type = &model->dispatch_types[model->dispatch_type_count++];
	memset(type, 0, sizeof(*type));
	type->name = strndup(typedef_name + strlen(prefix), length);
	type->id = id_macro(prefix, type->name);
	type->typedef_name = strdup(typedef_name);
	type->line = walk->line->line;
	type->signature = function_signature(walk->b, cursor, &why);
	if (!type->signature) {
		type->reason = why ? why : "cannot cross";
		return;
	}
	type->signature->as_stub = 1;
	type->signature->as_callback = type->signature->as_closure = 1;
}

static enum CXChildVisitResult visit_typedef(CXCursor cursor, CXCursor parent,
					     CXClientData data)
{
	struct dispatch_walk *walk = data;
	const char *prefix = walk->line->name;
	char *name;
	size_t length;

	(void)parent;
	if (clang_getCursorKind(cursor) != CXCursor_TypedefDecl ||
	    clang_getCanonicalType(clang_getCursorType(cursor)).kind !=
		CXType_FunctionProto)
		return CXChildVisit_Continue;
	name = take_string(clang_getCursorSpelling(cursor));
	length = strlen(name);
	if (strncmp(name, prefix, strlen(prefix)) == 0 &&
	    length > strlen(prefix) + 3 &&
	    strcmp(name + length - 3, "_fn") == 0) {
		add_dispatch_type(walk, cursor, name);
		walk->found++;
	}
	free(name);
	return CXChildVisit_Continue;
}

int plan_dispatch(struct builder *b)
{
	const struct spec *spec = b->spec;

	for (size_t i = 0; i < spec->dispatch_count; i++) {
		struct dispatch_walk walk = {b, &spec->dispatches[i], 0};

		clang_visitChildren(clang_getTranslationUnitCursor(b->host),
				    visit_typedef, &walk);
		if (!walk.found) {
			fprintf(stderr,
				"%s:%d: dispatch: no typedef %s..._fn of a "
				"function type is declared\n",
				spec->path, spec->dispatches[i].line,
				spec->dispatches[i].name);
			return -1;
		}
	}
	return 0;
}
