// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * From headers to the model: parses the spec's headers with libclang for
 * the host triple and for every guest triple, describes each exported
 * function's parameters and result, and proves that every type crossing
 * the boundary has the same layout on both sides (SPEC §5).
 */
#include <clang-c/Index.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

void thunkgen_error(const char *format, ...)
{
	va_list ap;

	fputs("thunkgen: ", stderr);
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	fputc('\n', stderr);
}

char *take_string(CXString string)
{
	char *copy = strdup(clang_getCString(string));

	clang_disposeString(string);
	return copy;
}

/* ---- parsing ----------------------------------------------------------- */

static CXTranslationUnit parse(struct builder *b, const char *triple,
			       const char *sysroot)
{
	const struct parse_options *options = b->options;
	const char *arguments[64];
	int count = 0;
	char *umbrella = strdup(""), *next;
	struct CXUnsavedFile file;
	CXTranslationUnit unit;
	int errors = 0;

	for (size_t i = 0; i < b->spec->define_count; i++) {
		char *equals = strchr(b->spec->defines[i], '=');

		next = format_string(
		    "%s#define %.*s %s\n", umbrella,
		    equals ? (int)(equals - b->spec->defines[i])
			   : (int)strlen(b->spec->defines[i]),
		    b->spec->defines[i], equals ? equals + 1 : "1");
		free(umbrella);
		umbrella = next;
	}
	for (size_t i = 0; i < b->spec->header_line_count; i++) {
		next = format_string("%s%s\n", umbrella,
				     b->spec->header_lines[i]);
		free(umbrella);
		umbrella = next;
	}
	for (size_t i = 0; i < b->spec->helper_count; i++) {
		char *header = helper_header(&b->spec->helpers[i]);

		next = format_string("%s#include \"%s\"\n", umbrella, header);
		free(header);
		free(umbrella);
		umbrella = next;
	}
	arguments[count++] = "-x";
	arguments[count++] = "c";
	arguments[count++] = "-std=gnu11";
	arguments[count++] = "-target";
	arguments[count++] = triple;
	for (size_t i = 0; i < options->guest_include_count && count < 40; i++)
		if (strcmp(options->guest_includes[i].triple, triple) == 0) {
			arguments[count++] = "-isystem";
			arguments[count++] = options->guest_includes[i].sysroot;
		}
	for (size_t i = 0; i < options->include_count && count < 48; i++) {
		arguments[count++] = "-I";
		arguments[count++] = options->include_directories[i];
	}
	for (size_t i = 0; i < b->spec->include_dir_count && count < 56; i++) {
		arguments[count++] = "-I";
		arguments[count++] = b->spec->include_dirs[i];
	}
	if (sysroot && strcmp(sysroot, "/") != 0) {
		arguments[count++] = "-isystem";
		arguments[count++] = format_string("%s/include", sysroot);
	}
	file.Filename = "thunkgen-umbrella.c";
	file.Contents = umbrella;
	file.Length = strlen(umbrella);
	unit = clang_parseTranslationUnit(b->index, file.Filename, arguments,
					  count, &file, 1,
					  CXTranslationUnit_SkipFunctionBodies);
	if (!unit) {
		thunkgen_error("libclang cannot parse the headers for %s",
			       triple);
		return NULL;
	}
	for (unsigned i = 0; i < clang_getNumDiagnostics(unit); i++) {
		CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);

		if (clang_getDiagnosticSeverity(diagnostic) >=
		    CXDiagnostic_Error) {
			char *text = take_string(clang_formatDiagnostic(
			    diagnostic,
			    clang_defaultDiagnosticDisplayOptions()));

			thunkgen_error("%s (parsing for %s)", text, triple);
			free(text);
			errors++;
		}
		clang_disposeDiagnostic(diagnostic);
	}
	free(umbrella);
	if (errors) {
		clang_disposeTranslationUnit(unit);
		return NULL;
	}
	return unit;
}


static enum CXChildVisitResult
collect_declaration(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct declarations *found = data;

	(void)parent;
	/* Functions, and variables for data exports (add_data). */
	if (clang_getCursorKind(cursor) == CXCursor_FunctionDecl ||
	    (clang_getCursorKind(cursor) == CXCursor_VarDecl &&
	     clang_Cursor_getStorageClass(cursor) == CX_SC_Extern)) {
		if (found->count == found->capacity) {
			found->capacity = found->capacity * 2 + 64;
			found->names = realloc(
			    found->names, found->capacity * sizeof(char *));
			found->cursors = realloc(
			    found->cursors, found->capacity * sizeof(CXCursor));
		}
		found->names[found->count] =
		    take_string(clang_getCursorSpelling(cursor));
		found->cursors[found->count++] = cursor;
	}
	return CXChildVisit_Continue;
}

struct named_cursor {
	char *name;
	CXCursor cursor;
	size_t order; /* declaration order: the first stays first */
};

static int compare_named(const void *a, const void *b)
{
	const struct named_cursor *x = a, *y = b;
	int order = strcmp(x->name, y->name);

	return order ? order : (x->order > y->order) - (x->order < y->order);
}

/* Sorts by name, stably, for binary search: a header of thousands of
 * functions must not cost exports x declarations string comparisons. */
static void sort_declarations(struct declarations *found)
{
	struct named_cursor *all = calloc(found->count + 1, sizeof(*all));

	for (size_t i = 0; i < found->count; i++)
		all[i] = (struct named_cursor){found->names[i],
					       found->cursors[i], i};
	qsort(all, found->count, sizeof(*all), compare_named);
	for (size_t i = 0; i < found->count; i++) {
		found->names[i] = all[i].name;
		found->cursors[i] = all[i].cursor;
	}
	free(all);
}

/* The first declaration of `name`. */
int find_declaration(const struct declarations *found, const char *name,
			    CXCursor *out)
{
	size_t low = 0, high = found->count;

	while (low < high) {
		size_t middle = (low + high) / 2;

		if (strcmp(found->names[middle], name) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	if (low < found->count && strcmp(found->names[low], name) == 0) {
		*out = found->cursors[low];
		return 1;
	}
	return 0;
}

/* ---- values ------------------------------------------------------------ */

/* Whether two target triples name the same ISA (the part before '-'). */
static int same_arch(const char *a, const char *b)
{
	size_t length = strcspn(a, "-");

	return length == strcspn(b, "-") && strncmp(a, b, length) == 0;
}

/* The C spelling of a type, usable in a declaration or a cast. */
static char *spelling_of(CXType type)
{
	CXType canonical = clang_getCanonicalType(type);
	char *text;

	/* Parameters declared as arrays are pointers. */
	if (canonical.kind == CXType_ConstantArray ||
	    canonical.kind == CXType_IncompleteArray) {
		char *element = take_string(
		    clang_getTypeSpelling(clang_getElementType(canonical)));

		/* Clang keeps an element's qualifiers on the array; an
		 * element with a declarator of its own (DES_cblock's
		 * unsigned char[8]) is named through __typeof__. */
		text = format_string(
		    "%s%s%s%s *", strpbrk(element, "([") ? "__typeof__(" : "",
		    element, strpbrk(element, "([") ? ")" : "",
		    clang_isConstQualifiedType(canonical) ? " const" : "");
		free(element);
		return text;
	}
	text = take_string(clang_getTypeSpelling(type));
	if (strstr(text, "(anonymous") || strstr(text, "(unnamed")) {
		free(text);
		text = take_string(clang_getTypeSpelling(canonical));
	}
	return text;
}

/* One word for a value in a signature's name. */
static const char *shape_word(const struct value *value)
{
	static const char *const sized[2][9] = {
	    {"", "int8", "int16", "", "int32", "", "", "", "int64"},
	    {"", "uint8", "uint16", "", "uint32", "", "", "", "uint64"}};

	switch (value->class) {
	case VALUE_VOID:
		return "void";
	case VALUE_SIGNED:
	case VALUE_UNSIGNED:
		return value->size > 0 && value->size <= 8
			   ? sized[value->class == VALUE_UNSIGNED][value->size]
			   : "integer";
	case VALUE_FLOAT:
		return "float";
	case VALUE_DOUBLE:
		return "double";
	case VALUE_FUNCTION_POINTER:
		return "function";
	case VALUE_RECORD:
		return "struct";
	default:
		return strstr(value->spelling, "char *") ? "string" : "pointer";
	}
}

/*
 * A signature's name, by its shape: RESULT__PARAMETERS (int32__pointer_
 * string), so that types of one shape share a readable name rather than
 * the first typedef met (SPEC §6: names by meaning). Shapes that meet
 * (two struct pointers) or grow long get a number.
 */
static char *signature_name(struct builder *b, const struct signature *s)
{
	char *name = format_string("%s_", shape_word(&s->result)), *next;

	for (size_t i = 0; i < s->parameter_count; i++) {
		next = format_string("%s_%s", name,
				     shape_word(&s->parameters[i]));
		free(name);
		name = next;
	}
	if (!s->parameter_count) {
		next = format_string("%s_void", name);
		free(name);
		name = next;
	}
	if (strlen(name) > 48 || table_get(&b->signature_names, name)) {
		next = format_string("%.40s_%d", name, s->id);
		free(name);
		name = next;
	}
	table_put(&b->signature_names, name, (void *)"");
	return name;
}

/* Why a signature found unusable cannot cross, for its next users. */
static const char *signature_failure(struct signature *signature,
				     const char *why)
{
	signature->unusable = why ? why : "unusable";
	return signature->unusable;
}

static struct signature *make_signature_of(struct builder *b,
					   CXType function, char *key,
					   int printf_style, const char **why);

/* Whether a typedef on the way to a function pointer type, the pointer's
 * own or its function type's, is one of `entries` (marked used). */
static int declared_in(CXType type, struct opaque_type *entries,
		       size_t count)
{
	for (;;) {
		if (type.kind == CXType_Elaborated) {
			type = clang_Type_getNamedType(type);
		} else if (type.kind == CXType_Typedef) {
			char *name = take_string(clang_getTypedefName(type));
			int found = 0;

			for (size_t i = 0; i < count; i++)
				if (strcmp(entries[i].name, name) == 0)
					entries[i].used = found = 1;
			free(name);
			if (found)
				return 1;
			type = clang_getTypedefDeclUnderlyingType(
			    clang_getTypeDeclaration(type));
		} else if (type.kind == CXType_Pointer) {
			type = clang_getPointeeType(type);
		} else {
			return 0;
		}
	}
}

static struct signature *make_signature(struct builder *b, CXType pointer,
					const char **why)
{
	CXType canonical = clang_getCanonicalType(pointer);

	char *key = take_string(clang_getTypeSpelling(canonical));
	const struct spec *spec = b->spec;
	int printf_style = declared_in(pointer, spec->printf_types,
				       spec->printf_type_count);

	/* A result the library frees is another signature: its own key. */
	if (declared_in(pointer, spec->freed_results,
			spec->freed_result_count)) {
		char *freed = format_string("%s /* result freed */", key);

		free(key);
		key = freed;
	}
	return make_signature_of(b, written_pointee(pointer), key,
				 printf_style, why);
}

struct signature *pointer_signature(struct builder *b, CXType pointer,
				    const char **why)
{
	return make_signature(b, pointer, why);
}

/* Whether the last parameter of a variadic function type is its format. */
static int ends_in_format(CXType function)
{
	int count = clang_getNumArgTypes(function);
	char *last;
	int is_format;

	if (count < 1)
		return 0;
	last = take_string(clang_getTypeSpelling(clang_getCanonicalType(
	    clang_getArgType(function, (unsigned)count - 1))));
	is_format = strcmp(last, "const char *") == 0 ||
		    strcmp(last, "char *") == 0;
	free(last);
	return is_format;
}

/* The signature of a declared function, as if a pointer to it: its key
 * is what clang spells such a pointer, "int (*)(int, char *)". */
static struct signature *declared_signature(struct builder *b,
					    CXCursor declaration,
					    int printf_style, const char **why);

struct signature *function_signature(struct builder *b, CXCursor declaration,
				     const char **why)
{
	return declared_signature(b, declaration, 0, why);
}

/* As function_signature(), of a printf-style variadic function. */
static struct signature *printf_signature(struct builder *b,
					  CXCursor declaration,
					  const char **why)
{
	return declared_signature(b, declaration, 1, why);
}

static struct signature *declared_signature(struct builder *b,
					    CXCursor declaration,
					    int printf_style, const char **why)
{
	CXType function = clang_getCursorType(declaration);
	CXType canonical = clang_getCanonicalType(function);
	char *spelling = take_string(clang_getTypeSpelling(canonical));
	char *result = take_string(
	    clang_getTypeSpelling(clang_getResultType(canonical)));
	size_t length = strlen(result);
	char *key;

	/* A function returning a function pointer is spelled inside out;
	 * such a function cannot be a stub anyway. */
	if (strncmp(spelling, result, length) != 0) {
		*why = "returns a function pointer";
		free(spelling);
		free(result);
		return NULL;
	}
	key = format_string("%s%s(*)%s", result,
			    length && result[length - 1] == '*' ? "" : " ",
			    spelling + length + (spelling[length] == ' '));
	free(spelling);
	free(result);
	return make_signature_of(b, function, key, printf_style, why);
}

/*
 * A function pointer among a signature's parameters (OpenSSL's keymgmt gen
 * taking an OSSL_CALLBACK, BIO's callback_ctrl taking a BIO_info_cb): a
 * function of the calling side, which the called side gets as a guest stub
 * (host calls guest) or a host closure (guest calls host). Both are made
 * ready, since a signature can be either. C's generic void (*)(void)
 * cannot cross: it stands for a function of another type, whose arguments
 * a closure of void (void) would drop.
 */
static int plan_function_parameter(struct value *parameter, const char **why)
{
	struct signature *inner = parameter->signature;

	if (parameter->class != VALUE_FUNCTION_POINTER)
		return 0;
	if (inner->result.class == VALUE_VOID && !inner->parameter_count) {
		*why = "callback taking a function of any type cast to "
		       "void (*)(void)";
		return -1;
	}
	inner->as_stub = inner->as_callback = 1;
	return 0;
}

static struct signature *make_signature_of(struct builder *b,
					   CXType function, char *key,
					   int printf_style, const char **why)
{
	struct model *model = b->model;
	struct signature *signature;
	int count;

	/* Only declared printf-style ones enter the table, so that one
	 * undeclared use of the same type does not decide for the others. */
	if (clang_isFunctionTypeVariadic(clang_getCanonicalType(function)) &&
	    !printf_style) {
		*why = "variadic function pointer (spec printf-callback "
		       "decides a printf-style type)";
		free(key);
		return NULL;
	}
	signature = table_get(&b->signatures, key);
	if (signature) {
		free(key);
		if (signature->unusable)
			*why = signature->unusable;
		return signature->unusable ? NULL : signature;
	}
	/* As written, its parameters keep their typedef names (for field
	 * decisions); parentheses hide that behind an unexposed type. */
	if (clang_getCanonicalType(function).kind == CXType_FunctionProto &&
	    function.kind != CXType_FunctionProto)
		function = clang_getCanonicalType(function);
	signature = calloc(1, sizeof(*signature));
	signature->key = key;
	signature->c_type = strndup(key, strcspn(key, "/") -
					      (strchr(key, '/') ? 1 : 0));
	signature->result_freed = strchr(key, '/') != NULL;
	/* In the table before its parameters are planned: a struct they
	 * point to may hold a function pointer of this very type. */
	table_put(&b->signatures, key, signature);
	if (clang_isFunctionTypeVariadic(function)) {
		if (!ends_in_format(function)) {
			*why = signature_failure(
			    signature, "printf-callback type whose last "
				       "parameter is not a format string");
			return NULL;
		}
		signature->printf_style = 1;
	}
	if (make_value(b, clang_getResultType(function), &signature->result,
		       why) != 0) {
		signature_failure(signature, *why);
		return NULL;
	}
	count = clang_getNumArgTypes(function);
	signature->parameter_count = count > 0 ? (size_t)count : 0;
	signature->parameters =
	    calloc(signature->parameter_count + 1, sizeof(struct value));
	for (int i = 0; i < count; i++) {
		if (make_value(b, clang_getArgType(function, (unsigned)i),
			       &signature->parameters[i], why) != 0) {
			signature_failure(signature, *why);
			return NULL;
		}
		if (signature->parameters[i].class == VALUE_RECORD) {
			*why = signature_failure(
			    signature, "callback taking a struct by value");
			return NULL;
		}
		if (plan_function_parameter(&signature->parameters[i], why) !=
		    0) {
			signature_failure(signature, *why);
			return NULL;
		}
		if (points_to_function_pointer(
			clang_getArgType(function, (unsigned)i)) &&
		    plan_callback_out_function(
			b, signature, (size_t)i,
			clang_getArgType(function, (unsigned)i), why) != 0) {
			signature_failure(signature, *why);
			return NULL;
		}
	}
	if (signature->result.class == VALUE_RECORD ||
	    points_to_function_pointer(clang_getResultType(function))) {
		*why = signature_failure(signature,
					 "callback returning a struct or a "
					 "pointer to a function pointer");
		return NULL;
	}
	if (signature->result_freed &&
	    !strstr(signature->result.spelling, "char *")) {
		*why = signature_failure(signature,
					 "callback-result-freed type not "
					 "returning a string");
		return NULL;
	}
	/* A function the callback returns, for the library to call (an
	 * XPath function lookup): a host closure made by the invoker. */
	if (signature->result.class == VALUE_FUNCTION_POINTER)
		signature->result.signature->as_callback =
		    signature->result.signature->as_closure = 1;
	signature->parameter_plans =
	    calloc(signature->parameter_count + 1, sizeof(struct field_plan));
	for (int i = 0; i < count; i++) {
		char *name = format_string("(%s argument %d)", key, i + 1);
		int status = plan_fields(
		    b, clang_getArgType(function, (unsigned)i), NULL, name, 1,
		    0, &signature->parameter_plans[i], why);

		free(name);
		if (status != 0 || *why) {
			*why = signature_failure(
			    signature, status ? "a callback argument leads "
						"to an undecided function "
						"pointer field"
					      : *why);
			return NULL;
		}
	}
	signature->id = (int)model->signature_count;
	signature->name = signature_name(b, signature);
	model->signatures =
	    realloc(model->signatures,
		    (model->signature_count + 1) * sizeof(*model->signatures));
	model->signatures[model->signature_count++] = signature;
	return signature;
}

/*
 * Whether `type` is the C library's FILE: its buffers and function table
 * belong to the guest's libc, so no host function may be handed one.
 */
static int is_c_library_stream(CXType type)
{
	char *spelling = take_string(clang_getTypeSpelling(type));
	int stream = strcmp(spelling, "struct _IO_FILE") == 0;

	free(spelling);
	return stream;
}

int make_value(struct builder *b, CXType type, struct value *out,
	       const char **why)
{
	CXType canonical = clang_getCanonicalType(type);

	memset(out, 0, sizeof(*out));
	out->spelling = spelling_of(type);
	/* va_list is a pointer on x86_64 and a struct on aarch64/riscv64. */
	if (strstr(out->spelling, "va_list")) {
		*why = "va_list parameter (its type differs between ABIs)";
		return -1;
	}
	out->size = clang_Type_getSizeOf(canonical);
	switch (canonical.kind) {
	case CXType_Void:
		out->class = VALUE_VOID;
		return 0;
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
		out->class = VALUE_UNSIGNED;
		return 0;
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
		out->class = VALUE_SIGNED;
		return 0;
	case CXType_Enum: {
		CXType integer = clang_getEnumDeclIntegerType(
		    clang_getTypeDeclaration(canonical));

		integer = clang_getCanonicalType(integer);
		out->class = integer.kind == CXType_UInt ||
				     integer.kind == CXType_ULong ||
				     integer.kind == CXType_UChar ||
				     integer.kind == CXType_UShort
				 ? VALUE_UNSIGNED
				 : VALUE_SIGNED;
		return 0;
	}
	case CXType_Float:
		out->class = VALUE_FLOAT;
		return 0;
	case CXType_Double:
		out->class = VALUE_DOUBLE;
		return 0;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		/* A parameter declared as an array is a pointer (C11
		 * 6.7.6.3p7): glLoadTransposeMatrixd, vkCmdSetBlendConstants.
		 * Declared as written, so that GCC sees the same bound. */
		out->declared = take_string(clang_getTypeSpelling(type));
		out->class = VALUE_POINTER;
		out->size = sizeof(void *);
		return 0;
	case CXType_Pointer: {
		CXType pointee =
		    clang_getCanonicalType(clang_getPointeeType(canonical));

		if (pointee.kind == CXType_FunctionProto) {
			out->class = VALUE_FUNCTION_POINTER;
			out->signature = make_signature(b, type, why);
			return out->signature ? 0 : -1;
		}
		if (pointee.kind == CXType_FunctionNoProto) {
			*why = "function pointer without a prototype";
			return -1;
		}
		if (is_c_library_stream(pointee) && b->streams_allowed) {
			out->class = VALUE_POINTER;
			out->stream = 1;
			return 0;
		}
		if (is_c_library_stream(pointee)) {
			*why = "FILE * other than an export's parameter (a "
			       "stream of one C library, unusable by the "
			       "other's)";
			return -1;
		}
		out->class = VALUE_POINTER;
		out->mirror = mirror_of(b, written_pointee(type));
		return 0;
	}
	case CXType_Record:
		out->class = VALUE_RECORD;
		if (out->size < 0) {
			*why = "incomplete struct by value";
			return -1;
		}
		return 0;
	case CXType_Complex: {
		enum CXTypeKind part =
		    clang_getCanonicalType(clang_getElementType(canonical))
			.kind;

		/* Two floats or doubles, passed as C passes them, like a
		 * struct by value (the same layout on every LP64 ISA). */
		if (part == CXType_Float || part == CXType_Double) {
			out->class = VALUE_RECORD;
			return 0;
		}
		*why = "complex long double (x87 extended on x86_64, "
		       "binary128 on aarch64 and riscv64)";
		return -1;
	}
	case CXType_LongDouble:
		*why = "long double (x87 extended on x86_64, binary128 on "
		       "aarch64 and riscv64)";
		return -1;
	default: {
		char *name =
		    take_string(clang_getTypeKindSpelling(canonical.kind));

		/* Kept: the model refers to it for as long as it lives. */
		*why = format_string("type kind %s", name);
		free(name);
		return -1;
	}
	}
}

/* ---- the layout check -------------------------------------------------- */

struct field_list {
	CXCursor *cursors;
	size_t count, capacity;
};

static enum CXVisitorResult list_field(CXCursor cursor, CXClientData data)
{
	struct field_list *list = data;

	list->cursors =
	    realloc(list->cursors, (list->count + 1) * sizeof(*list->cursors));
	list->cursors[list->count++] = cursor;
	return CXVisit_Continue;
}

static int compare_types(struct builder *b, CXType host, CXType guest,
			 const char *where);

static int layout_error(struct builder *b, const char *where, const char *what)
{
	thunkgen_error("%s: %s differs between %s and %s; it cannot cross "
		       "the boundary as is (mark the function 'unsupported' "
		       "in the spec)",
		       where, what, b->options->host_triple, b->guest_triple);
	return -1;
}

/* "struct tag" without qualifiers, for messages and the visited set. */
static char *record_name(CXType record)
{
	CXCursor declaration = clang_getTypeDeclaration(record);
	char *tag = take_string(clang_getCursorSpelling(declaration));
	char *name;

	if (!*tag) {
		free(tag);
		return take_string(clang_getTypeSpelling(record));
	}
	name = format_string(
	    "%s %s",
	    clang_getCursorKind(declaration) == CXCursor_UnionDecl ? "union"
								   : "struct",
	    tag);
	free(tag);
	return name;
}

static int compare_records(struct builder *b, CXType host, CXType guest,
			   const char *where)
{
	char *name = record_name(host);
	struct field_list host_fields = {0}, guest_fields = {0};
	int status = 0;

	static int ok = 0, failed = -1;
	int *seen = table_get(&b->checked, name);

	/* Each record is compared once per guest; a function that uses one
	 * found different is reported too, naming where it meets it. */
	if (seen) {
		if (*seen)
			thunkgen_error("%s: uses %s, which differs between %s "
				       "and %s (see above)",
				       where, name, b->options->host_triple,
				       b->guest_triple);
		free(name);
		return *seen;
	}
	table_put(&b->checked, name, &ok);
	clang_Type_visitFields(host, list_field, &host_fields);
	clang_Type_visitFields(guest, list_field, &guest_fields);
	if (host_fields.count != guest_fields.count) {
		char *what = format_string("%s (number of fields)", name);

		status = layout_error(b, where, what);
		free(what);
	}
	for (size_t i = 0; status == 0 && i < host_fields.count; i++) {
		CXCursor h = host_fields.cursors[i],
			 g = guest_fields.cursors[i];
		char *field = take_string(clang_getCursorSpelling(h));
		char *inner = format_string("%s, field '%s'", name, field);

		if (clang_Cursor_getOffsetOfField(h) !=
			clang_Cursor_getOffsetOfField(g) ||
		    clang_Cursor_isBitField(h) != clang_Cursor_isBitField(g) ||
		    (clang_Cursor_isBitField(h) &&
		     clang_getFieldDeclBitWidth(h) !=
			 clang_getFieldDeclBitWidth(g))) {
			char *what = format_string("offset of %s", inner);

			status = layout_error(b, where, what);
			free(what);
		} else {
			char *path = format_string("%s: %s", where, inner);

			status = compare_types(b, clang_getCursorType(h),
					       clang_getCursorType(g), path);
			free(path);
		}
		free(field);
		free(inner);
	}
	free(host_fields.cursors);
	free(guest_fields.cursors);
	if (status)
		table_put(&b->checked, name, &failed);
	free(name);
	return status;
}

/* Records a difference judged harmless, for the report. */
static void layout_note(struct builder *b, const char *where, const char *type,
			int host_signed, int guest_signed)
{
	struct model *model = b->model;

	model->layout_notes =
	    realloc(model->layout_notes,
		    (model->layout_note_count + 1) * sizeof(char *));
	model->layout_notes[model->layout_note_count++] = format_string(
	    "%s: %s is %s on %s, %s on %s (bytes pass unchanged)", where, type,
	    host_signed ? "signed" : "unsigned", b->options->host_triple,
	    guest_signed ? "signed" : "unsigned", b->guest_triple);
}

/* char, or wchar_t (int on x86_64 and riscv64, unsigned int on aarch64):
 * the same bytes, whose values above the signed maximum compare
 * differently. Such characters pass unchanged. */
static const char *same_but_signedness(CXType written, CXType host,
				       CXType guest)
{
	int chars =
	    (host.kind == CXType_Char_S && guest.kind == CXType_Char_U) ||
	    (host.kind == CXType_Char_U && guest.kind == CXType_Char_S);
	int ints = (host.kind == CXType_Int && guest.kind == CXType_UInt) ||
		   (host.kind == CXType_UInt && guest.kind == CXType_Int);
	char *spelling;
	int wide;

	if (chars)
		return "char";
	if (!ints)
		return NULL;
	spelling = take_string(clang_getTypeSpelling(written));
	wide = strstr(spelling, "wchar_t") != NULL;
	free(spelling);
	return wide ? "wchar_t" : NULL;
}

/* Whether the spec says the library never looks inside what `pointee`
 * (a struct, or an array of them: jmp_buf) is. */
static int is_opaque(struct builder *b, CXType pointee)
{
	CXType record = clang_getCanonicalType(pointee);
	char *tag, *alias;
	int found = 0;

	while (record.kind == CXType_ConstantArray)
		record = clang_getCanonicalType(clang_getElementType(record));
	if (record.kind != CXType_Record || !b->spec->opaque_type_count)
		return 0;
	tag = take_string(
	    clang_getCursorSpelling(clang_getTypeDeclaration(record)));
	alias = typedef_name(pointee);
	for (size_t i = 0; i < b->spec->opaque_type_count; i++) {
		struct opaque_type *entry = &b->spec->opaque_types[i];

		if (strcmp(entry->name, tag) == 0 ||
		    strcmp(entry->name, alias) == 0) {
			entry->used = found = 1;
		}
	}
	free(tag);
	free(alias);
	return found;
}

static int compare_types(struct builder *b, CXType host, CXType guest,
			 const char *where)
{
	CXType written_host = host, written_guest = guest;
	const char *character;
	char *what;
	int status = 0;

	host = clang_getCanonicalType(host);
	guest = clang_getCanonicalType(guest);
	what = take_string(clang_getTypeSpelling(host));
	character = same_but_signedness(written_guest, host, guest);
	if (host.kind == CXType_LongDouble &&
	    !same_arch(b->options->host_triple, b->guest_triple)) {
		status = layout_error(b, where,
				      "long double (x87 80-bit extended vs "
				      "IEEE binary128 format)");
	} else if (character) {
		layout_note(
		    b, where, character,
		    host.kind == CXType_Char_S || host.kind == CXType_Int,
		    guest.kind == CXType_Char_S || guest.kind == CXType_Int);
	} else if (host.kind != guest.kind ||
		   clang_Type_getSizeOf(host) != clang_Type_getSizeOf(guest) ||
		   clang_Type_getAlignOf(host) !=
		       clang_Type_getAlignOf(guest)) {
		/* Both spellings: RC4_INT is unsigned int on one ISA,
		 * unsigned char on another. A struct of another size is
		 * reported at the first field that differs. */
		char *guest_what = take_string(clang_getTypeSpelling(guest));
		char *both = strcmp(what, guest_what) == 0
				 ? strdup(what)
				 : format_string("%s (host) / %s (guest)", what,
						 guest_what);
		char *detail = format_string("%s (size %lld/%lld, alignment "
					     "%lld/%lld)",
					     both, clang_Type_getSizeOf(host),
					     clang_Type_getSizeOf(guest),
					     clang_Type_getAlignOf(host),
					     clang_Type_getAlignOf(guest));

		if (host.kind == CXType_Record && guest.kind == CXType_Record &&
		    clang_Type_getSizeOf(host) >= 0 &&
		    clang_Type_getSizeOf(guest) >= 0)
			status = compare_records(b, host, guest, where);
		if (status == 0)
			status = layout_error(b, where, detail);
		free(detail);
		free(both);
		free(guest_what);
	} else if (host.kind == CXType_Pointer) {
		CXType pointee =
		    clang_getCanonicalType(clang_getPointeeType(host));

		/* Strings and byte buffers: signedness of char is moot; an
		 * opaque type is never looked into. */
		if (pointee.kind != CXType_Char_S &&
		    pointee.kind != CXType_Char_U &&
		    !is_opaque(b, written_pointee(written_host)))
			status = compare_types(b, written_pointee(written_host),
					       written_pointee(written_guest),
					       where);
	} else if (host.kind == CXType_ConstantArray) {
		if (clang_getArraySize(host) != clang_getArraySize(guest))
			status = layout_error(b, where, what);
		else
			status =
			    compare_types(b, clang_getElementType(host),
					  clang_getElementType(guest), where);
	} else if (host.kind == CXType_Record &&
		   clang_Type_getSizeOf(host) >= 0) {
		status = compare_records(b, host, guest, where);
	} else if (host.kind == CXType_FunctionProto) {
		int count = clang_getNumArgTypes(host);

		if (count != clang_getNumArgTypes(guest))
			return layout_error(b, where, what);
		status = compare_types(b, clang_getResultType(host),
				       clang_getResultType(guest), where);
		for (int i = 0; status == 0 && i < count; i++)
			status = compare_types(
			    b, clang_getArgType(host, (unsigned)i),
			    clang_getArgType(guest, (unsigned)i), where);
	}
	free(what);
	return status;
}

/* Compares one function's signature between host and one guest. */
int compare_function(struct builder *b, const struct function *f,
			    CXCursor host, CXCursor guest)
{
	CXType host_type = clang_getCursorType(host);
	CXType guest_type = clang_getCursorType(guest);
	int count = clang_Cursor_getNumArguments(host);
	char *where;
	int status;

	if (count != clang_Cursor_getNumArguments(guest)) {
		where = format_string("%s", f->name);
		status = layout_error(b, where, "the number of parameters");
		free(where);
		return status;
	}
	where = format_string("%s: result", f->name);
	status = compare_types(b, clang_getResultType(host_type),
			       clang_getResultType(guest_type), where);
	free(where);
	/* A printf-function's va_list stays on the guest side. */
	if (f->takes_va_list)
		count--;
	for (int i = 0; status == 0 && i < count; i++) {
		where = format_string("%s: parameter '%s'", f->name,
				      f->parameters[i].name);
		status = compare_types(
		    b, clang_getArgType(host_type, (unsigned)i),
		    clang_getArgType(guest_type, (unsigned)i), where);
		free(where);
	}
	return status;
}

/* ---- the model --------------------------------------------------------- */

/* The spec's unsupported line for `name`: an exact name, else the first
 * pattern (shell wildcards: `_Xlc*`) that matches it. */
const struct unsupported *spec_unsupported(const struct spec *spec,
					   const char *name, int declared)
{
	const struct unsupported *pattern = NULL;

	for (size_t i = 0; i < spec->unsupported_count; i++) {
		struct unsupported *entry = &spec->unsupported[i];

		if (entry->undeclared_only && declared)
			continue;
		if (strcmp(entry->function, name) == 0) {
			entry->used = 1;
			return entry;
		}
		if (!pattern && strpbrk(entry->function, "*?[") &&
		    fnmatch(entry->function, name, 0) == 0)
			pattern = entry;
	}
	if (pattern)
		((struct unsupported *)pattern)->used = 1;
	return pattern;
}

static const struct custom *spec_custom(const struct spec *spec,
					const char *name)
{
	for (size_t i = 0; i < spec->custom_count; i++)
		if (strcmp(spec->customs[i].function, name) == 0) {
			spec->customs[i].used = 1;
			return &spec->customs[i];
		}
	return NULL;
}

static enum CXChildVisitResult find_noreturn(CXCursor cursor, CXCursor parent,
					     CXClientData data)
{
	CXTranslationUnit unit = clang_Cursor_getTranslationUnit(cursor);
	CXToken *tokens;
	unsigned count;

	(void)parent;
	if (!clang_isAttribute(clang_getCursorKind(cursor)))
		return CXChildVisit_Continue;
	clang_tokenize(unit, clang_getCursorExtent(cursor), &tokens, &count);
	for (unsigned i = 0; i < count; i++) {
		char *token =
		    take_string(clang_getTokenSpelling(unit, tokens[i]));

		if (strstr(token, "noreturn") || strstr(token, "Noreturn"))
			*(int *)data = 1;
		free(token);
	}
	clang_disposeTokens(unit, tokens, count);
	return CXChildVisit_Continue;
}

/* Whether a function never returns (_Noreturn or the GNU attribute, which
 * libclang shows in the type's spelling): its thunk must not either. */
/*
 * C11's _Noreturn is a specifier, not an attribute libclang shows, and a
 * macro for it (OpenSSL's ossl_noreturn) leaves the declaration's extent
 * in the macro: read the tokens written before the name, from two lines
 * up, since the last declaration ended.
 */
static int has_noreturn_specifier(CXCursor cursor)
{
	CXTranslationUnit unit = clang_Cursor_getTranslationUnit(cursor);
	CXSourceLocation at = clang_getCursorLocation(cursor);
	char *name = take_string(clang_getCursorSpelling(cursor));
	unsigned line, column;
	int noreturn = 0;
	CXToken *tokens;
	unsigned count;
	CXFile file;

	clang_getSpellingLocation(at, &file, &line, &column, NULL);
	clang_tokenize(unit,
		       clang_getRange(clang_getLocation(unit, file,
							line > 2 ? line - 2 : 1,
							1),
				      clang_getLocation(unit, file, line,
							column + 1)),
		       &tokens, &count);
	for (unsigned i = 0; i < count; i++) {
		char *token =
		    take_string(clang_getTokenSpelling(unit, tokens[i]));
		int at_name = strcmp(token, name) == 0;

		if (strchr(";{}", token[0]))
			noreturn = 0;
		noreturn |= strstr(token, "noreturn") || strstr(token, "Noreturn");
		free(token);
		if (at_name)
			break;
	}
	clang_disposeTokens(unit, tokens, count);
	free(name);
	return noreturn;
}

static int is_noreturn(CXCursor cursor)
{
	char *type =
	    take_string(clang_getTypeSpelling(clang_getCursorType(cursor)));
	int noreturn = strstr(type, "noreturn") != NULL;

	free(type);
	if (!noreturn)
		clang_visitChildren(cursor, find_noreturn, &noreturn);
	return noreturn || has_noreturn_specifier(cursor);
}

/* The library's functions in what the result points to (library-field)
 * become guest stubs; the guest's own (callback-field) it gets back as it
 * stored them, restored after every call. */
static int plan_result_fields(struct builder *b, struct function *f,
			      CXType type)
{
	char *name = format_string("%s()", f->name);
	const char *why = NULL;
	int status =
	    plan_fields(b, type, NULL, name, 0, 0, &f->result_fields, &why);

	free(name);
	if (status == 0 && why)
		f->unsupported = why;
	if (f->result_fields.by_value && f->result_fields.leaf_count)
		f->unsupported = "returns a struct by value with function "
				 "pointers in it";
	return status;
}

/* A pointer to a struct pointer, where the library stores a struct
 * (FT_New_Face's aface): what that struct leads to, after the call. */
static int plan_out_fields(struct builder *b, struct function *f,
			   struct parameter *p, CXCursor argument)
{
	CXType type = clang_getCanonicalType(clang_getCursorType(argument));
	CXType pointee = clang_getCanonicalType(clang_getPointeeType(type));
	char *name;
	const char *why = NULL;
	int status;

	if (type.kind != CXType_Pointer || pointee.kind != CXType_Pointer)
		return 0;
	name = format_string("*%s", p->name);
	status = plan_fields(b, written_pointee(clang_getCursorType(argument)),
			     f->name, name, 0, 0, &p->out_fields, &why);
	free(name);
	if (status == 0 && why)
		f->unsupported = why;
	return status;
}

static const struct opaque_type *find_printf_function(struct builder *b,
							const char *name)
{
	for (size_t i = 0; i < b->spec->printf_function_count; i++)
		if (strcmp(b->spec->printf_functions[i].name, name) == 0) {
			b->spec->printf_functions[i].used = 1;
			return &b->spec->printf_functions[i];
		}
	return NULL;
}

static int takes_va_list(CXType type)
{
	char *spelling = take_string(clang_getTypeSpelling(type));
	int va_list = strstr(spelling, "va_list") != NULL;

	free(spelling);
	return va_list;
}

/*
 * spec printf-function: the format is the last parameter (or the one
 * before a va_list), the others cross as they are; without a target, the
 * host's own function is called with "%s" through its printf signature.
 */
static int plan_printf_function(struct builder *b, struct function *f,
				CXCursor cursor)
{
	const struct opaque_type *entry = f->printf_entry;
	size_t fixed = f->parameter_count - (size_t)f->takes_va_list;
	const char *why = NULL;

	if (!clang_isFunctionTypeVariadic(clang_getCursorType(cursor)) &&
	    !f->takes_va_list)
		return spec_error(b->spec, entry->line,
				  "printf-function: %s is neither variadic "
				  "nor takes a va_list",
				  f->name);
	if (f->unsupported)
		return 0;
	if (!fixed || !strstr(f->parameters[fixed - 1].value.spelling, "char *"))
		f->unsupported = "printf-function without a format before its "
				 "variable arguments";
	for (size_t i = 0; i + 1 < fixed && !f->unsupported; i++) {
		const struct parameter *p = &f->parameters[i];

		if (p->value.class == VALUE_FUNCTION_POINTER ||
		    p->value.class == VALUE_RECORD || p->value.stream ||
		    p->fields.leaf_count || p->out_fields.leaf_count ||
		    p->out_function)
			f->unsupported = "printf-function whose parameters "
					 "need conversions";
	}
	if (f->unsupported || entry->reason)
		return 0;
	if (f->takes_va_list) {
		f->unsupported = "printf-function taking a va_list, with no "
				 "function to call with the text";
		return 0;
	}
	f->printf_signature = printf_signature(b, cursor, &why);
	if (!f->printf_signature)
		f->unsupported = why;
	else
		f->printf_signature->as_stub = 1;
	return 0;
}

/* Each printf-function's target: an export taking its fixed parameters
 * with the text last; one that cannot pass through takes it along. */
static int check_printf_targets(struct builder *b)
{
	struct model *model = b->model;
	int status = 0;

	for (size_t i = 0; i < model->function_count; i++) {
		struct function *f = &model->functions[i];
		const struct function *target = NULL;
		size_t fixed;

		if (!f->printf_entry || !f->printf_entry->reason ||
		    f->unsupported)
			continue;
		fixed = f->parameter_count - (size_t)f->takes_va_list;
		for (size_t j = 0; j < model->function_count; j++)
			if (strcmp(model->functions[j].name,
				   f->printf_entry->reason) == 0)
				target = &model->functions[j];
		if (!target || (!target->printf_entry &&
				target->parameter_count != fixed))
			status = spec_error(b->spec, f->printf_entry->line,
					    "printf-function %s: %s is no "
					    "export taking its %zu fixed "
					    "parameters",
					    f->name, f->printf_entry->reason,
					    fixed);
		else if (target->unsupported)
			f->unsupported = "printf-function whose target does "
					 "not pass through";
	}
	return status;
}

/* A spec line that decided nothing is an error: "LINE: WHAT; remove the
 * line" for the first unused of `entries`; -1 then, else 0. */
static int unused_line(const struct spec *spec,
		       const struct opaque_type *entries, size_t count,
		       const char *what)
{
	for (size_t i = 0; i < count; i++)
		if (!entries[i].used) {
			char *message = format_string(what, entries[i].name);

			spec_error(spec, entries[i].line, "%s; remove the line",
				   message);
			free(message);
			return -1;
		}
	return 0;
}

/* spec frees: whether the function named `name` is one. */
static int is_freer(const struct builder *b, const char *name)
{
	for (size_t i = 0; i < b->spec->frees_count; i++)
		if (fnmatch(b->spec->frees[i].name, name, 0) == 0)
			return 1;
	return 0;
}

/* spec frees: whether f frees what its first parameter points to. */
static void mark_frees(struct builder *b, struct function *f)
{
	for (size_t i = 0; i < b->spec->frees_count; i++) {
		struct opaque_type *entry = &b->spec->frees[i];

		if (fnmatch(entry->name, f->name, 0) == 0 &&
		    f->parameter_count &&
		    f->parameters[0].value.class == VALUE_POINTER) {
			entry->used = 1;
			f->frees_first = entry->line;
		}
	}
}

/* spec fast: whether f never waits on another guest thread. */
static void mark_fast(struct builder *b, struct function *f)
{
	for (size_t i = 0; i < b->spec->fast_function_count; i++) {
		struct opaque_type *entry = &b->spec->fast_functions[i];

		if (fnmatch(entry->name, f->name, 0) == 0) {
			entry->used = 1;
			f->fast = entry->line;
		}
	}
}

/*
 * Whether `value` is C's generic function pointer, void (*)(void), which
 * libraries take and cast to the type another argument selects
 * (SSL_CTX_callback_ctrl): a closure of void (void) would drop the
 * arguments. Called as declared only where the spec says void-callback.
 */
static int cast_function_pointer(struct builder *b, const struct function *f,
				 const struct value *value)
{
	const struct signature *s = value->signature;

	if (value->class != VALUE_FUNCTION_POINTER ||
	    s->result.class != VALUE_VOID || s->parameter_count)
		return 0;
	for (size_t i = 0; i < b->spec->void_callback_count; i++) {
		struct opaque_type *entry = &b->spec->void_callbacks[i];

		if (fnmatch(entry->name, f->name, 0) == 0) {
			entry->used = 1;
			return 0;
		}
	}
	return 1;
}

int describe_function(struct builder *b, struct function *f,
			     CXCursor cursor)
{
	CXType type = clang_getCursorType(cursor);
	int count = clang_Cursor_getNumArguments(cursor);
	const char *why = NULL;
	int status;

	f->noreturn = is_noreturn(cursor);
	f->printf_entry = find_printf_function(b, f->name);
	if (clang_isFunctionTypeVariadic(type) && !f->printf_entry) {
		f->unsupported = "variadic (spec printf-function decides a "
				 "printf-style one)";
		return 0;
	}
	if (make_value(b, clang_getResultType(type), &f->result, &why) != 0) {
		f->unsupported = why;
		return 0;
	}
	if (f->result.class == VALUE_FUNCTION_POINTER)
		f->result.signature->as_stub = 1;
	if (plan_function_cell(b, f, clang_getResultType(type)) != 0 ||
	    plan_result_fields(b, f, clang_getResultType(type)) != 0)
		return -1;
	if (f->unsupported)
		return 0;
	f->parameter_count = count > 0 ? (size_t)count : 0;
	f->parameters = calloc(f->parameter_count + 1, sizeof(*f->parameters));
	for (int i = 0; i < count; i++) {
		CXCursor argument =
		    clang_Cursor_getArgument(cursor, (unsigned)i);
		struct parameter *p = &f->parameters[i];
		char *name = take_string(clang_getCursorSpelling(argument));

		p->name = *name ? name : format_string("argument%d", i);
		if (!*name)
			free(name);
		if (f->printf_entry && i == count - 1 &&
		    takes_va_list(clang_getCursorType(argument))) {
			f->takes_va_list = 1;
			p->value.spelling = strdup("va_list");
			p->value.class = VALUE_POINTER;
			continue;
		}
		b->streams_allowed = 1;
		status = make_value(b, clang_getCursorType(argument),
				    &p->value, &why);
		b->streams_allowed = 0;
		if (status != 0 ||
		    plan_out_function(b, p, clang_getCursorType(argument),
				      &why) != 0) {
			f->unsupported = why;
			return 0;
		}
		if (plan_fields(b, clang_getCursorType(argument), f->name,
				p->name, 0, i == 0 && is_freer(b, f->name),
				&p->fields, &why) != 0)
			return -1;
		if (!why && plan_out_fields(b, f, p, argument) != 0)
			return -1;
		if (why || f->unsupported) {
			f->unsupported = why ? why : f->unsupported;
			return 0;
		}
		if (cast_function_pointer(b, f, &p->value)) {
			f->unsupported =
			    "a function of any type cast to void (*)(void), "
			    "called as the type the other arguments select "
			    "(spec void-callback if it is called as declared, "
			    "else custom)";
			return 0;
		}
		if (p->value.class == VALUE_FUNCTION_POINTER)
			p->value.signature->as_callback = 1;
	}
	mark_frees(b, f);
	mark_fast(b, f);
	return f->printf_entry ? plan_printf_function(b, f, cursor) : 0;
}

/* A C identifier of its own for `name`, which .symver exports under each
 * of its versions: `name__dlcall`, or with `version` for an older one. */
static char *versioned_symbol(const char *name, const char *version)
{
	char *symbol = version ? format_string("%s__dlcall_%s", name, version)
			       : format_string("%s__dlcall", name);

	for (char *p = symbol + strlen(name); *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			*p = '_';
	return symbol;
}

static void note_undeclared(struct builder *b, const char *name)
{
	thunkgen_error("%s exports %s, which no header declares; add "
		       "'unsupported %s REASON' (or a pattern) to %s",
		       b->spec->soname, name, name, b->spec->path);
}

/* spec owned-result: a result the caller frees with free(). */
static int attach_owned_result(struct builder *b, struct function *f)
{
	for (size_t i = 0; i < b->spec->owned_result_count; i++) {
		struct owned_result *entry = &b->spec->owned_results[i];
		int is_string = strstr(f->result.spelling, "char *") != NULL;

		if (entry->out || fnmatch(entry->function, f->name, 0) != 0)
			continue;
		/* A pattern (xcb_*_reply) takes the functions it matches
		 * that return pointers (not xcb_discard_reply). */
		if (f->result.class != VALUE_POINTER &&
		    strpbrk(entry->function, "*?["))
			continue;
		entry->used = 1;
		if (f->result.class != VALUE_POINTER ||
		    (!entry->size_function && !is_string)) {
			fprintf(stderr,
				"%s:%d: owned-result: %s does not return a "
				"%s\n",
				b->spec->path, entry->line, f->name,
				entry->size_function ? "pointer" : "string");
			return -1;
		}
		f->owned_result = entry;
	}
	return 0;
}

/* spec owned-out: parameters `TYPE **` receive blocks the caller frees. */
static void attach_owned_out(struct builder *b, struct function *f)
{
	for (size_t i = 0; i < b->spec->owned_result_count; i++) {
		struct owned_result *entry = &b->spec->owned_results[i];
		char *spelling;

		if (!entry->out)
			continue;
		spelling = format_string("%s **", entry->function);
		for (size_t j = 0; j < f->parameter_count; j++)
			if (strcmp(f->parameters[j].value.spelling,
				   spelling) == 0) {
				f->parameters[j].owned_out = entry;
				entry->used = 1;
			}
		free(spelling);
	}
}

/* Decides an exported function: custom, unsupported, or thunked. */
static int add_function(struct builder *b, struct function *f,
			const struct declarations *host_declarations)
{
	const struct spec *spec = b->spec;
	CXCursor cursor;
	int declared = find_declaration(host_declarations, f->name, &cursor);
	const struct unsupported *listed;

	if (f->unsupported)
		return 0; /* an older version, decided by its caller */
	listed = spec_unsupported(spec, f->name, declared);
	/* A pattern of internals may take in one written by hand. */
	if (listed && !spec_custom(spec, f->name)) {
		f->unsupported = listed->reason;
		f->unsupported_by_spec = listed->line;
		f->emulation = listed->emulation;
		return 0;
	}
	if ((f->custom = spec_custom(spec, f->name)) &&
	    strcmp(f->symbol, f->name) != 0) {
		fprintf(stderr,
			"%s:%d: %s is exported under several versions, which "
			"hand-written code cannot give it; it cannot be "
			"custom\n",
			spec->path, f->custom->line, f->name);
		return -1;
	}
	if (f->custom) {
		/* Written by hand; if its declaration can cross as it is,
		 * the hand-written code may use that too. */
		if (!declared)
			return 0; /* nothing to pass through */
		if (describe_function(b, f, cursor) != 0)
			return -1;
		f->custom_pass_through = !f->unsupported;
		f->unsupported = NULL;
		return 0;
	}
	if (!declared) {
		note_undeclared(b, f->name);
		return -1;
	}
	if (describe_function(b, f, cursor) != 0)
		return -1;
	if (f->unsupported)
		return 0;
	attach_owned_out(b, f);
	return attach_owned_result(b, f) || attach_proc_address(b, f);
}

/*
 * Decides a data export. The guest thunk can only hold a copy, which the
 * program's copy relocation takes at load time: sound for bytes the real
 * library never writes and the loader never relocates, and for nothing
 * else (SPEC §6: decided and reported, never dropped).
 */
static void add_data(struct builder *b, struct data_object *d,
		     const struct declarations *host_declarations)
{
	const struct export *e = d->export;
	CXCursor cursor;
	int declared =
	    find_declaration(host_declarations, e->name, &cursor) &&
	    clang_getCursorKind(cursor) == CXCursor_VarDecl;
	const struct unsupported *listed =
	    spec_unsupported(b->spec, e->name, declared);

	if (d->unsupported)
		return;
	if (listed) {
		d->unsupported = listed->reason;
		d->unsupported_by_spec = listed->line;
	} else if (declared && e->kind != EXPORT_THREAD_DATA &&
		   plan_function_variable(b, d, clang_getCursorType(cursor))) {
		return;
	} else if (e->kind == EXPORT_THREAD_DATA)
		d->unsupported = "thread-local data of the host library";
	else if (e->writable && !e->relocated)
		d->unsupported = "a variable of the host library: the guest "
				 "has a copy of its initial value, which does "
				 "not follow the host's";
	else if (e->relocated)
		d->unsupported = "holds addresses the host's loader fills in";
	else if (!e->size)
		d->unsupported = "an object of no size";
}

/*
 * Splits the exports into functions and data objects: the versions of a
 * name that are the same code (or object) as its default one are one
 * entity; any other version is older code of its own, which no header
 * describes, and is forwarded (SPEC §7) with that reason.
 */
static int add_exports(struct builder *b, const struct export_list *list,
		       const struct declarations *host_declarations)
{
	struct model *model = b->model;
	int status = 0;

	for (size_t i = 0, end; i < list->count; i = end) {
		const struct export *leader = &list->exports[i];
		size_t same = 0;

		for (end = i;
		     end < list->count &&
		     strcmp(list->exports[end].name, leader->name) == 0;
		     end++)
			same += list->exports[end].address == leader->address;
		for (size_t j = i; j < end; j++) {
			const struct export *e = &list->exports[j];
			int older = e->address != leader->address;
			const char *why;
			char *symbol;

			if (j > i && !older)
				continue; /* an alias of the leader's */
			why = older ? format_string("%s@%s is older code of "
						    "its own, which the "
						    "headers do not describe",
						    e->name, e->version)
				    : NULL;
			/* An absent one is exported under no name. */
			symbol =
			    older || same > 1 || e->hidden_version || e->absent
				? versioned_symbol(e->name,
						   older ? e->version : NULL)
				: strdup(e->name);

			if (e->kind != EXPORT_FUNCTION) {
				struct data_object *d =
				    &model->data[model->data_count++];

				d->export = e;
				d->symbol = symbol;
				d->unsupported = why;
				add_data(b, d, host_declarations);
			} else {
				struct function *f =
				    &model->functions[model->function_count++];

				f->name = e->name;
				f->symbol = symbol;
				f->unsupported = why;
				f->symbols = calloc(end - i, sizeof(void *));
				f->symbols[f->symbol_count++] = e;
				for (size_t k = j + 1; !older && k < end; k++)
					if (list->exports[k].address ==
					    leader->address)
						f->symbols[f->symbol_count++] =
						    &list->exports[k];
				if (add_function(b, f, host_declarations))
					status = -1;
				if (f->unsupported &&
				    b->spec->emulate_unsupported &&
				    f->emulation == EMULATION_FALLBACK_ONLY)
					f->emulation = EMULATION_ALWAYS;
			}
		}
	}
	return status;
}

/* The spec's helpers: host code of ours, thunked like an export but
 * exported by neither thunk; each must cross as its header declares it. */
static int add_helpers(struct builder *b,
		       const struct declarations *host_declarations)
{
	const struct spec *spec = b->spec;
	struct model *model = b->model;

	for (size_t i = 0; i < spec->helper_count; i++) {
		const struct custom *helper = &spec->helpers[i];
		struct function *f = &model->functions[model->function_count];
		CXCursor cursor;

		if (!find_declaration(host_declarations, helper->function,
				      &cursor))
			return spec_error(spec, helper->line,
					     "helper %s: no declaration in "
					     "the header beside %s",
					     helper->function, helper->file);
		for (size_t j = 0; j < model->exports->count; j++)
			if (!strcmp(model->exports->exports[j].name,
				    helper->function))
				return spec_error(spec, helper->line,
						     "helper %s: the library "
						     "exports that name",
						     helper->function);
		f->name = helper->function;
		f->symbol = strdup(helper->function);
		f->helper = helper;
		if (describe_function(b, f, cursor) != 0)
			return -1;
		if (f->unsupported)
			return spec_error(spec, helper->line,
					     "helper %s cannot cross: %s",
					     helper->function, f->unsupported);
		model->function_count++;
	}
	return 0;
}

/* Every spec line must have been used: a stale line is a mistake. */
static int check_spec_used(const struct spec *spec)
{
	int status = 0;

	for (size_t i = 0; i < spec->custom_count; i++)
		if (!spec->customs[i].used) {
			fprintf(stderr,
				"%s:%d: %s is not exported by %s; remove the "
				"line\n",
				spec->path, spec->customs[i].line,
				spec->customs[i].function, spec->soname);
			status = -1;
		}
	for (size_t i = 0; i < spec->chain_link_count; i++)
		if (!spec->chain_links[i].used) {
			fprintf(stderr,
				"%s:%d: no export leads to a chain with a %s "
				"link; remove the line\n",
				spec->path, spec->chain_links[i].line,
				spec->chain_links[i].record);
			status = -1;
		}
	for (size_t i = 0; i < spec->owned_result_count; i++)
		if (!spec->owned_results[i].used) {
			fprintf(stderr,
				"%s:%d: %s %s of %s; remove the line\n",
				spec->path, spec->owned_results[i].line,
				spec->owned_results[i].function,
				spec->owned_results[i].out
				    ? "** is no parameter of a thunked export"
				    : "matches no thunked export",
				spec->soname);
			status = -1;
		}
	for (size_t i = 0; i < spec->proc_address_count; i++)
		if (!spec->proc_addresses[i].used) {
			fprintf(stderr,
				"%s:%d: %s is not a thunked export of %s; "
				"remove the line\n",
				spec->path, spec->proc_addresses[i].line,
				spec->proc_addresses[i].function, spec->soname);
			status = -1;
		}
	for (size_t i = 0; i < spec->unsupported_count; i++) {
		const struct unsupported *entry = &spec->unsupported[i];

		if (entry->used)
			continue;
		fprintf(stderr, "%s:%d: %s %s by %s; remove the line\n",
			spec->path, entry->line, entry->function,
			entry->undeclared_only ? "matches no undeclared export"
			: strpbrk(entry->function, "*?[")
			    ? "matches nothing exported"
			    : "is not exported",
			spec->soname);
		status = -1;
	}
	return status;
}

/* The layout check of every thunked function against one guest triple;
 * reports every difference, not only the first. */
/* Whether a guest parses exactly as the host: the same triple, the
 * host's own headers and no headers of its own. */
static int parses_as_host(const struct builder *b,
			  const struct guest_target *target)
{
	const struct parse_options *options = b->options;

	for (size_t i = 0; i < options->guest_include_count; i++)
		if (strcmp(options->guest_includes[i].triple, target->triple) ==
		    0)
			return 0;
	return strcmp(target->triple, options->host_triple) == 0 &&
	       strcmp(target->sysroot, "/") == 0;
}

static int check_guest(struct builder *b, const struct guest_target *target,
		       const struct declarations *host_declarations)
{
	struct model *model = b->model;
	struct declarations guest_declarations = {0};
	CXTranslationUnit guest;
	int status = 0;

	/* The same parse would give the same types: nothing to compare. */
	if (parses_as_host(b, target))
		return 0;
	guest = parse(b, target->triple, target->sysroot);
	if (!guest)
		return -1;
	b->guest_triple = target->triple;
	b->checked = (struct table){0};
	clang_visitChildren(clang_getTranslationUnitCursor(guest),
			    collect_declaration, &guest_declarations);
	sort_declarations(&guest_declarations);
	for (size_t i = 0; i < model->function_count; i++) {
		struct function *f = &model->functions[i];
		CXCursor host_cursor, guest_cursor;

		if (f->unsupported || (f->custom && !f->custom_pass_through))
			continue;
		find_declaration(host_declarations, f->name, &host_cursor);
		if (!find_declaration(&guest_declarations, f->name,
				      &guest_cursor)) {
			thunkgen_error("%s is not declared when the headers "
				       "are parsed for %s",
				       f->name, b->guest_triple);
			status = -1;
		} else if (compare_function(b, f, host_cursor, guest_cursor)) {
			status = -1;
		}
	}
	if (check_by_name(b, host_declarations, &guest_declarations))
		status = -1;
	return status;
}

int build_model(const struct spec *spec, const struct export_list *exports,
		const struct parse_options *options, struct model *model)
{
	struct builder b = {0};
	struct declarations host_declarations = {0};
	int status = 0;

	b.spec = spec;
	b.options = options;
	b.model = model;

	memset(model, 0, sizeof(*model));
	model->exports = exports;
	b.index = clang_createIndex(0, 0);
	b.host = parse(&b, options->host_triple, NULL);
	if (!b.host)
		return -1;
	clang_visitChildren(clang_getTranslationUnitCursor(b.host),
			    collect_declaration, &host_declarations);
	sort_declarations(&host_declarations);
	model->functions = calloc(exports->count + spec->helper_count + 1,
				  sizeof(*model->functions));
	model->data = calloc(exports->count + 1, sizeof(*model->data));
	if (plan_mirrors(&b) || add_exports(&b, exports, &host_declarations) ||
	    check_printf_targets(&b) || add_helpers(&b, &host_declarations) ||
	    plan_by_name(&b, &host_declarations) || plan_dispatch(&b) ||
	    check_spec_used(spec))
		status = -1;
	for (size_t g = 0; status == 0 && g < options->guest_count; g++)
		if (check_guest(&b, &options->guests[g], &host_declarations))
			status = -1;
	/* Used by the layout check, which compares with the guests. */
	status = status ? status
			: unused_line(spec, spec->mirror_types,
				      spec->mirror_type_count,
				      "no pointer to %s crosses");
	status = status ? status
			: unused_line(spec, spec->opaque_types,
				      spec->opaque_type_count,
				      "no pointer to %s crosses");
	status = status ? status
			: unused_line(spec, spec->printf_types,
				      spec->printf_type_count,
				      "no function pointer of type %s crosses");
	status = status ? status
			: unused_line(spec, spec->freed_results,
				      spec->freed_result_count,
				      "no function pointer of type %s crosses");
	status = status ? status
			: unused_line(spec, spec->printf_functions,
				      spec->printf_function_count,
				      "printf-function: no export %s");
	status = status ? status
			: unused_line(spec, spec->frees, spec->frees_count,
				      "frees: no export %s takes a pointer");
	status = status ? status
			: unused_line(spec, spec->fast_functions,
				      spec->fast_function_count,
				      "fast: no export %s");
	status = status ? status
			: unused_line(spec, spec->void_callbacks,
				      spec->void_callback_count,
				      "void-callback: no export %s takes a "
				      "void (*)(void)");
	status = status ? status
			: unused_line(spec, spec->function_cells,
				      spec->function_cell_count,
				      "function-cell: no export %s returns a "
				      "cell");
	if (b.field_errors) {
		thunkgen_error("%d function pointer field%s undecided",
			       b.field_errors, b.field_errors == 1 ? "" : "s");
		status = -1;
	}
	for (size_t i = 0; status == 0 && i < spec->field_decision_count; i++)
		if (!spec->field_decisions[i].used &&
		    !spec->field_decisions[i].shared) {
			fprintf(stderr,
				"%s:%d: no export leads to a function pointer "
				"field %s.%s; remove the line\n",
				spec->path, spec->field_decisions[i].line,
				spec->field_decisions[i].record,
				spec->field_decisions[i].field);
			status = -1;
		}
	return status;
}
