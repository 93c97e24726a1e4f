/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * thunkgen's model builder, shared by model.c (functions, exports, the
 * layout check) and fields.c (function pointer fields).
 */
#ifndef THUNKGEN_BUILDER_H
#define THUNKGEN_BUILDER_H

#include <clang-c/Index.h>

#include "thunkgen.h"

struct builder {
	const struct spec *spec;
	const struct parse_options *options;
	CXIndex index;
	CXTranslationUnit host;
	struct model *model;
	const char *guest_triple; /* during a comparison */
	/* Records compared for this guest: "struct tag" -> &ok or &failed. */
	struct table checked;
	struct table signatures; /* canonical spelling -> struct signature */
	/* Records whose fields lead to no crossing function pointer (USR). */
	struct table fieldless;
	/* "USR.field" of function pointer fields already reported. */
	struct table reported;
	int field_errors; /* undecided fields: the build fails */
};

char *take_string(CXString string);

/* What a pointer type points to, as written (z_streamp: z_stream). */
CXType written_pointee(CXType pointer);

/* Describes a value of `type`; on -1 `*why` says why it cannot cross. */
int make_value(struct builder *b, CXType type, struct value *out,
	       const char **why);

/*
 * The plan for the function pointer fields that a value of `type` leads
 * to (`name` starts the paths; messages name `owner`, a function, too). Returns
 * 0 (`*why` NULL) when every field met is decided and the plan can be carried
 * out, 0 with `*why` set when it cannot (the function is unsupported for that
 * reason), -1 after reporting undecided fields. `in_callback`: a callback's
 * argument, where only node 0's leaves are carried out.
 */
int plan_fields(struct builder *b, CXType type, const char *owner,
		const char *name, int in_callback, struct field_plan *plan,
		const char **why);

#endif
