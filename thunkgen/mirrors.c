// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mirror types (spec: mirror-type): structs the library owns and hands
 * to the guest, which reads them and calls their function pointers
 * (SQLite's sqlite3_vfs from sqlite3_vfs_find()). Swapping stubs into the
 * library's own object would break the library, so the guest gets a copy
 * (guest/mirror.c): its function pointers become stubs and its pointers
 * to mirror types, mirrors. A mirror passed back becomes the original.
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"

int mirror_of(struct builder *b, CXType pointee)
{
	CXType record = clang_getCanonicalType(pointee);
	char *tag, *alias;
	int found = 0;

	if (record.kind != CXType_Record || !b->spec->mirror_type_count)
		return 0;
	tag = take_string(
	    clang_getCursorSpelling(clang_getTypeDeclaration(record)));
	alias = typedef_name(pointee);
	for (size_t i = 0; i < b->spec->mirror_type_count && !found; i++) {
		struct opaque_type *entry = &b->spec->mirror_types[i];

		if (strcmp(entry->name, tag) == 0 ||
		    strcmp(entry->name, alias) == 0) {
			entry->used = 1;
			found = (int)i + 1;
		}
	}
	free(tag);
	free(alias);
	return found;
}

struct mirror_walk {
	struct builder *b;
	struct mirror *mirror;
	int line;
	int failed;
};

/* Whether a type holds a function pointer (in an embedded struct or an
 * array), which a mirror would have to follow field by field. */
static int holds_function_pointer(CXType type);

static enum CXVisitorResult find_function_pointer(CXCursor field,
						  CXClientData data)
{
	int *found = data;

	*found |= holds_function_pointer(
	    clang_getCanonicalType(clang_getCursorType(field)));
	return *found ? CXVisit_Break : CXVisit_Continue;
}

static int holds_function_pointer(CXType type)
{
	int found = 0;

	while (type.kind == CXType_ConstantArray)
		type = clang_getCanonicalType(clang_getElementType(type));
	if (type.kind == CXType_Pointer) {
		CXType pointee =
		    clang_getCanonicalType(clang_getPointeeType(type));

		return pointee.kind == CXType_FunctionProto ||
		       pointee.kind == CXType_FunctionNoProto;
	}
	if (type.kind == CXType_Record)
		clang_Type_visitFields(type, find_function_pointer, &found);
	return found;
}

static enum CXVisitorResult add_mirror_field(CXCursor cursor,
					     CXClientData data)
{
	struct mirror_walk *w = data;
	CXType written = clang_getCursorType(cursor);
	CXType type = clang_getCanonicalType(written);
	char *name = take_string(clang_getCursorSpelling(cursor));
	struct mirror_field field = {name, NULL, 0, NULL};
	struct value value;
	const char *why = NULL;

	if (type.kind == CXType_Pointer &&
	    make_value(w->b, written, &value, &why) == 0 &&
	    (value.signature || value.mirror)) {
		field.signature = value.signature;
		field.mirror = value.mirror;
		if (field.signature)
			field.signature->as_stub = 1;
	} else if (why && type.kind == CXType_Pointer &&
		   holds_function_pointer(type)) {
		/* The guest sees NULL, as for a method the library lacks. */
		field.cleared = why;
	} else if (type.kind != CXType_Pointer && holds_function_pointer(type)) {
		fprintf(stderr,
			"%s:%d: mirror-type %s: field %s holds function "
			"pointers in a struct or array, which a mirror does "
			"not follow\n",
			w->b->spec->path, w->line, w->mirror->name, name);
		w->failed = 1;
	}
	if (field.signature || field.mirror || field.cleared) {
		struct mirror *m = w->mirror;

		m->fields = realloc(m->fields,
				    (m->field_count + 1) * sizeof(*m->fields));
		m->fields[m->field_count++] = field;
	} else {
		free(name);
	}
	return CXVisit_Continue;
}

int plan_mirrors(struct builder *b)
{
	const struct spec *spec = b->spec;
	struct model *model = b->model;
	int status = 0;

	model->mirrors = calloc(spec->mirror_type_count + 1,
				sizeof(*model->mirrors));
	model->mirror_count = spec->mirror_type_count;
	for (size_t i = 0; i < spec->mirror_type_count; i++) {
		const struct opaque_type *entry = &spec->mirror_types[i];
		CXType record = record_named(b, entry->name);
		struct mirror_walk w = {b, &model->mirrors[i], entry->line, 0};

		model->mirrors[i].name = entry->name;
		if (record.kind != CXType_Record) {
			status = spec_error(spec, entry->line,
					    "mirror-type %s: no complete "
					    "struct of that name",
					    entry->name);
			continue;
		}
		model->mirrors[i].spelling =
		    take_string(clang_getTypeSpelling(record));
		clang_Type_visitFields(record, add_mirror_field, &w);
		if (w.failed)
			status = -1;
	}
	return status;
}
