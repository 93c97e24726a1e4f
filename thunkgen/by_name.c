// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Functions returned by name (spec: proc-address): glXGetProcAddressARB,
 * eglGetProcAddress, vkGetInstanceProcAddr, SDL_GL_GetProcAddress. Every
 * function the headers declare is decided here, exported or not
 * (extension functions): the guest thunk of the export of that name, a
 * stub of its own signature around the host's answer, or nothing, with
 * the reason (SPEC §6).
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

static const struct proc_address *find_proc_address(const struct spec *spec,
						    const char *name)
{
	for (size_t i = 0; i < spec->proc_address_count; i++)
		if (strcmp(spec->proc_addresses[i].function, name) == 0)
			return &spec->proc_addresses[i];
	return NULL;
}

/* Marks a thunked f that the spec says returns functions by name. */
int attach_proc_address(struct builder *b, struct function *f)
{
	const struct proc_address *entry = find_proc_address(b->spec, f->name);

	if (!entry)
		return 0;
	((struct proc_address *)entry)->used = 1;
	for (size_t i = 0; i < f->parameter_count; i++)
		if (strcmp(f->parameters[i].name, entry->parameter) == 0 &&
		    f->parameters[i].value.class == VALUE_POINTER) {
			f->by_name = entry;
			f->name_parameter = i;
		}
	if (f->by_name && (f->result.class == VALUE_FUNCTION_POINTER ||
			   f->result.class == VALUE_POINTER))
		return 0;
	fprintf(stderr,
		"%s:%d: proc-address: %s has no pointer parameter '%s', or "
		"does not return a pointer\n",
		b->spec->path, entry->line, f->name, entry->parameter);
	f->by_name = NULL;
	return -1;
}

/* Why a declared function needs more than a stub of its signature. */
static const char *stub_obstacle(const struct function *f)
{
	if (f->result_fields.leaf_count || f->function_cell)
		return "its result leads to function pointers, which a stub "
		       "does not convert";
	for (size_t i = 0; i < f->parameter_count; i++) {
		const struct parameter *p = &f->parameters[i];

		if (p->value.class == VALUE_FUNCTION_POINTER ||
		    p->value.class == VALUE_RECORD)
			return "takes a function pointer or a struct by value, "
			       "which a stub does not pass";
		if (p->fields.leaf_count || p->out_fields.leaf_count ||
		    p->out_function)
			return "its parameters lead to function pointers, "
			       "which a stub does not swap";
	}
	return NULL;
}

/* Decides one declared name. */
static int decide_name(struct builder *b, struct named_function *named,
		       const struct function *export, CXCursor declaration)
{
	const struct unsupported *listed =
	    spec_unsupported(b->spec, named->name, 1);
	struct function *f;
	const char *why = NULL;

	/* The guest's export, thunked or written by hand (glMapBuffer). */
	if (export && (!export->unsupported || export->custom)) {
		named->thunk = export;
		return 0;
	}
	if (export) {
		named->reason = export->unsupported;
		return 0;
	}
	if (listed) {
		named->reason = listed->reason;
		return 0;
	}
	f = calloc(1, sizeof(*f));
	f->name = (char *)named->name;
	if (describe_function(b, f, declaration) != 0)
		return -1;
	named->stub = f;
	if (f->unsupported) {
		named->reason = f->unsupported;
		named->stub = NULL;
		return 0;
	}
	/* A stub of the signature is shared by every function of that
	 * shape; one that needs conversions gets a thunk of its own. */
	if (!stub_obstacle(f))
		named->signature = function_signature(b, declaration, &why);
	if (named->signature)
		named->signature->as_stub = 1;
	else
		f->through_pointer = 1;
	return 0;
}

/* Whether some proc-address answers for `name` (its patterns). */
static int answered_by_name(const struct spec *spec, const char *name)
{
	for (size_t i = 0; i < spec->proc_address_count; i++) {
		char *patterns = strdup(spec->proc_addresses[i].patterns);
		int found = 0;

		for (char *p = strtok(patterns, " \t"); p && !found;
		     p = strtok(NULL, " \t"))
			found = fnmatch(p, name, 0) == 0;
		free(patterns);
		if (found)
			return 1;
	}
	return 0;
}

int plan_by_name(struct builder *b, const struct declarations *host)
{
	struct model *model = b->model;
	struct table exports = {0};
	int status = 0;

	if (!b->spec->proc_address_count)
		return 0;
	for (size_t i = 0; i < model->function_count; i++)
		if (!table_get(&exports, model->functions[i].name))
			table_put(&exports, model->functions[i].name,
				  &model->functions[i]);
	model->named = calloc(host->count + 1, sizeof(*model->named));
	for (size_t i = 0; i < host->count; i++) {
		struct named_function *named;

		if (i && strcmp(host->names[i], host->names[i - 1]) == 0)
			continue; /* declared again */
		if (!answered_by_name(b->spec, host->names[i]) ||
		    clang_getCursorKind(host->cursors[i]) !=
			CXCursor_FunctionDecl)
			continue;
		named = &model->named[model->named_count++];
		named->name = host->names[i];
		if (decide_name(b, named, table_get(&exports, named->name),
				host->cursors[i]) != 0)
			status = -1;
	}
	table_free(&exports);
	return status;
}

/* The layout check of the stubs' functions, as of the exports'. */
int check_by_name(struct builder *b, const struct declarations *host,
		  const struct declarations *guest)
{
	struct model *model = b->model;
	int status = 0;

	for (size_t i = 0; i < model->named_count; i++) {
		struct named_function *named = &model->named[i];
		CXCursor host_cursor, guest_cursor;

		if (!named->stub)
			continue;
		find_declaration(host, named->name, &host_cursor);
		if (!find_declaration(guest, named->name, &guest_cursor))
			thunkgen_error("%s is not declared when the headers "
				       "are parsed for %s",
				       named->name, b->guest_triple);
		if (!find_declaration(guest, named->name, &guest_cursor) ||
		    compare_function(b, named->stub, host_cursor,
				     guest_cursor) != 0)
			status = -1;
	}
	return status;
}
