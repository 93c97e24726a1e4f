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
	/* Describing an export's parameters: a FILE * can cross there (as
	 * a host stream forwarding to the guest's), nowhere else. */
	int streams_allowed;
	struct table signatures; /* canonical spelling -> struct signature */
	struct table signature_names; /* taken names */
	/* Records whose fields lead to no crossing function pointer (USR). */
	struct table fieldless;
	/* "USR.field" of function pointer fields already reported. */
	struct table reported;
	int field_errors; /* undecided fields: the build fails */
	/* spec chain: per chain-link, its struct (CXType_Invalid if none);
	 * the base's spelling; whether every chain struct was checked. */
	CXType *chain_link_types;
	char *chain_base_spelling;
	int chains_checked;
};

/* Function declarations of a unit, sorted by name (strcmp). */
struct declarations {
	char **names;
	CXCursor *cursors;
	size_t count, capacity;
};

int find_declaration(const struct declarations *found, const char *name,
		     CXCursor *out);

char *take_string(CXString string);

/* Describes f from its declaration: f->unsupported says why it cannot
 * cross; -1 after reporting undecided function pointer fields. */
int describe_function(struct builder *b, struct function *f, CXCursor cursor);

/* Compares f between the host and the guest declaration (the layout
 * check); -1 after reporting every difference. */
int compare_function(struct builder *b, const struct function *f,
		     CXCursor host, CXCursor guest);

/* The spec's unsupported (or, when !declared, undeclared) line for name. */
const struct unsupported *spec_unsupported(const struct spec *spec,
					   const char *name, int declared);

/* The signature of a declared function, as a pointer to it would have. */
struct signature *function_signature(struct builder *b, CXCursor declaration,
				     const char **why);

/* The signature of a function pointer type, or NULL and why not. */
struct signature *pointer_signature(struct builder *b, CXType pointer,
				    const char **why);

/* Pointers to function pointers (cells.c): a parameter the library
 * stores a function in (-1 and why if it cannot be one), and a result
 * that is a cell of the library's (spec function-cell; -1 on a spec
 * error, else f->unsupported says why not). */
int points_to_function_pointer(CXType type);
int plan_out_function(struct builder *b, struct parameter *p, CXType type,
		      const char **why);
int plan_function_cell(struct builder *b, struct function *f, CXType result);
/* A data export declared as a variable of function pointer type: 1 when
 * decided so (thunked, or d->unsupported says why not), else 0. */
int plan_function_variable(struct builder *b, struct data_object *d,
			   CXType type);
/* A callback's parameter where the guest function stores a function
 * (cells.c): -1 and why if it cannot be one. */
int plan_callback_out_function(struct builder *b, struct signature *s,
			       size_t index, CXType type, const char **why);

/* Functions returned by name (by_name.c). */
int attach_proc_address(struct builder *b, struct function *f);
int plan_by_name(struct builder *b, const struct declarations *host);
/* Decides every function type of the spec's dispatch lines. */
int plan_dispatch(struct builder *b);
int check_by_name(struct builder *b, const struct declarations *host,
		  const struct declarations *guest);

/* The complete struct of that tag or typedef name, or CXType_Invalid. */
CXType record_named(struct builder *b, const char *name);
/* Mirror types (mirrors.c): the index + 1 of the one `pointee` (a
 * pointer's target, as written) is, else 0; and their plans. */
int mirror_of(struct builder *b, CXType pointee);
int plan_mirrors(struct builder *b);
/* The typedef name a written type gives its struct, or "". */
char *typedef_name(CXType written);

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
 * argument, where the guest may store functions for the library (not into
 * const structs, nor into kept fields). `freeing`: the value is what a
 * function freeing it (spec frees) is passed, where at-free fields cross.
 */
int plan_fields(struct builder *b, CXType type, const char *owner,
		const char *name, int in_callback, int freeing,
		struct field_plan *plan, const char **why);

#endif
