/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * thunkgen: generates a library's guest and host thunks from its real
 * headers (parsed with libclang for the host and the guest triple), its
 * real export list, and a short spec (SPEC §6).
 */
#ifndef THUNKGEN_H
#define THUNKGEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum export_kind {
	EXPORT_FUNCTION,
	EXPORT_DATA,
	EXPORT_THREAD_DATA, /* thread-local: one copy per thread */
};

/* One exported symbol of the real library, under one of its versions. */
struct export
{
	char *name;
	char *version;	    /* NULL when unversioned */
	int hidden_version; /* foo@V rather than foo@@V */
	enum export_kind kind;
	unsigned long long address;
	/* Data only. */
	unsigned long long size;
	int writable;	      /* in a section the library may write */
	int relocated;	      /* holds addresses the loader fills in */
	unsigned char *bytes; /* initial contents, or NULL (zeros) */
	/* Not in the guest's own library, whose versions the guest thunk
	 * takes (spec guest-versions): the guest thunk does not export it. */
	int absent;
};

/* A version node of the library (Verdef), in definition order. */
struct version_node {
	char *name;
	char *parent; /* the node it inherits from, or NULL */
};

struct export_list {
	struct export *exports; /* sorted by name, default version first */
	size_t count;
	struct version_node *versions;
	size_t version_count;
};

int read_exports(const char *path, struct export_list *list, char *error,
		 size_t error_size);

/*
 * Gives `list` (the real library's exports) the symbol versions of
 * `guest` (the guest's own library of the soname): its version nodes,
 * and for each export the guest's version of that name, the default for
 * the default and the older ones in order; an export the guest's library
 * lacks is marked absent. Names only the guest's library has are an
 * error (the thunk could not give them), reported in `error`.
 */
int adopt_guest_versions(struct export_list *list,
			 const struct export_list *guest, char *error,
			 size_t error_size);

/* ---- the spec ---------------------------------------------------------- */

/* What a function pointer field of a struct is (SPEC §6: every one
 * reachable from an export is decided). */
enum field_kind {
	FIELD_CALLBACK, /* a guest function the library calls */
	FIELD_LIBRARY,	/* the library's own function the guest calls */
	FIELD_OPAQUE,	/* crosses as bits; neither side calls the other's */
};

struct field_decision {
	enum field_kind kind;
	char *record; /* struct tag or typedef name, or a pattern */
	char *field;  /* a field name, or a pattern */
	char *reason; /* FIELD_OPAQUE: why it need not cross */
	int kept;     /* FIELD_CALLBACK: the library keeps the struct */
	/* FIELD_CALLBACK: called only when the library frees the struct,
	 * so it crosses only in the calls that free it (spec frees). */
	int at_free;
	int line;
	int used;
	int shared; /* from an include: a family's, unused here is fine */
};

/* Where a call of an export the guest thunk does not pass through goes
 * (include/dlcall/guest.h, struct dlcall_forward). */
enum emulation {
	EMULATION_FALLBACK_ONLY, /* the guest's own library in fallback, else
				    a one-line report */
	EMULATION_ALWAYS,	 /* spec emulated, emulate-unsupported */
	EMULATION_SWITCH,	 /* spec emulated-switch: and the whole
				    library from then on */
};

struct unsupported {
	char *function;
	char *reason;
	int undeclared_only; /* spec: undeclared (no header declares it) */
	enum emulation emulation; /* spec: emulated, emulated-switch */
	int line;
	int used;
};

/* A function implemented by hand on the guest side (spec: custom), or
 * host code of the project's own that custom code calls (spec: helper;
 * declared in the .h beside the .c). */
struct custom {
	char *function;
	char *file; /* resolved against the spec's directory */
	int line;
	int used;
};

/* A struct the library only hands back, never reads (spec: opaque-type):
 * pointers to it cross whatever its layout (jmp_buf). */
struct opaque_type {
	char *name; /* struct tag or typedef name */
	char *reason;
	int line;
	int used;
};

/* Linked chains of structs keyed by a tag (Vulkan's pNext and sType):
 * spec `chain BASE LINK TAG` and `chain-link STRUCT ENUMERATOR`. */
struct chain_link {
	char *record;
	char *tag_value;
	char **extends; /* the structs whose chains it may be in; none: any */
	size_t extends_count;
	int line;
	int used;
};

/* What the caller frees with free(): a function's result (spec:
 * owned-result NAME string, owned-result NAME sized SIZE FILE.c) or what
 * every out-parameter of a type points to (owned-out TYPE SIZE FILE.c).
 * NAME may be a pattern; SIZE, a guest function of FILE.c compiled into
 * the guest thunk, gives a block's size in bytes. */
struct owned_result {
	char *function; /* or, for owned-out, the pointed-to type */
	char *size_function; /* NULL: a NUL-terminated string */
	char *file;
	int out;
	int line;
	int used;
};

/* A function that returns functions by name (spec: proc-address). */
struct proc_address {
	char *function;
	char *parameter; /* the parameter holding the name */
	char *patterns;	 /* of the names it answers for: "gl* egl*" */
	int line;
	int used;
};

/* spec group: another library this one passes through with, and what
 * the build knows of it from its own spec. */
struct group_member {
	char *name; /* its folder and spec name in thunks/ */
	char *reason;
	int line;
	char *soname, *host_file;
};

struct spec {
	const char *path;
	char *soname;
	char *host_file;
	struct group_member *group;
	size_t group_count;
	char **header_lines; /* "#include <NAME>" or "#undef NAME", in order */
	size_t header_line_count;
	size_t header_count; /* of them, the #includes */
	char **include_dirs; /* -I directories for the headers */
	size_t include_dir_count;
	char **defines; /* NAME or NAME=VALUE, before the headers */
	size_t define_count;
	struct field_decision *field_decisions;
	size_t field_decision_count;
	struct unsupported *unsupported;
	size_t unsupported_count;
	struct custom *customs;
	size_t custom_count;
	struct custom *helpers;
	size_t helper_count;
	/* spec host-init: host functions of ours run when the host thunk
	 * loads, before any call (allocator hooks) */
	struct custom *host_inits;
	size_t host_init_count;
	struct proc_address *proc_addresses;
	size_t proc_address_count;
	struct opaque_type *opaque_types;
	size_t opaque_type_count;
	struct owned_result *owned_results;
	size_t owned_result_count;
	/* spec mirror-type: structs the library owns, the guest reads */
	struct opaque_type *mirror_types;
	size_t mirror_type_count;
	/* spec printf-callback: typedefs of printf-style function pointers */
	struct opaque_type *printf_types;
	size_t printf_type_count;
	/* spec callback-result-freed: typedefs of callbacks whose string
	 * result the library frees */
	struct opaque_type *freed_results;
	size_t freed_result_count;
	/* spec printf-function: name, and the export it calls (reason)
	 * or NULL */
	struct opaque_type *printf_functions;
	size_t printf_function_count;
	/* spec frees: functions that free what their first parameter
	 * points to */
	struct opaque_type *frees;
	size_t frees_count;
	/* spec void-callback: functions whose void (*)(void) parameters
	 * are called as declared, not cast */
	struct opaque_type *void_callbacks;
	size_t void_callback_count;
	/* spec fast: functions that never wait on another guest thread */
	struct opaque_type *fast_functions;
	size_t fast_function_count;
	/* spec function-cell: accessors of the library's function cells */
	struct opaque_type *function_cells;
	size_t function_cell_count;
	/* spec callback-threads: why the library calls guest functions on
	 * threads of its own, or NULL */
	char *callback_threads;
	/* spec emulate-unsupported: why what cannot pass through runs in the
	 * guest's own library, or NULL */
	char *emulate_unsupported;
	/* spec guest-versions: why each guest thunk takes its symbol
	 * versions from the guest's own library, or NULL */
	char *guest_versions;
	/* spec dispatch: prefixes of function typedefs that tables keyed
	 * by id hold (OpenSSL's OSSL_FUNC_<name>_fn, id OSSL_FUNC_<NAME>) */
	struct opaque_type *dispatches;
	size_t dispatch_count;
	char *chain_base, *chain_field, *chain_tag; /* spec: chain */
	int chain_line;
	struct chain_link *chain_links;
	size_t chain_link_count;
};

/* Prints "SPEC:LINE: message" (what a spec line says is wrong); -1. */
__attribute__((format(printf, 3, 4))) int
spec_error(const struct spec *spec, int line, const char *format, ...);
/* The header beside a helper's .c file, which declares it (malloc'd). */
char *helper_header(const struct custom *helper);
/* Returns 0, or -1 after printing "FILE:LINE: message". */
int parse_spec(const char *path, struct spec *spec);
/* Reads each group member's spec (beside this one's folder) for its
 * soname and host thunk file; -1 after reporting. */
int resolve_group(struct spec *spec);

/* The same, from an open stream; `path` names it in messages and is
 * where 'custom' files are found relative to. */
int parse_spec_stream(FILE *file, const char *path, struct spec *spec);

/* Frees what parse_spec() allocated, after success or failure. */
void free_spec(struct spec *spec);

/* ---- the model of what crosses the boundary ----------------------------- */

enum value_class {
	VALUE_VOID,
	VALUE_SIGNED,	/* any signed integer, enum or char */
	VALUE_UNSIGNED, /* any unsigned integer or _Bool */
	VALUE_FLOAT,
	VALUE_DOUBLE,
	VALUE_POINTER,
	VALUE_FUNCTION_POINTER,
	VALUE_RECORD, /* struct or union by value */
};

struct signature;

/*
 * The function pointer fields decided callback-field or library-field
 * that one pointer (a parameter, a result, a callback's argument) leads
 * to, through nested structs (SPEC §6). Nodes are the structs reached
 * through pointers: node 0 is the one the value itself points to (or the
 * struct passed by value), node k > 0 is `parent->member`. Leaves are
 * the function pointers, `node->member`; a member may name a field of an
 * embedded struct (`f.destroy_image`).
 */
struct field_node {
	int parent; /* index of the parent node; -1 for node 0 */
	char *member;
	int copied; /* a const struct: the host gets a copy to write to */
	/* The library keeps the copy (a kept field in it): it lasts. */
	int lasting;
	/* A link of the chain that parent->member starts (spec: chain):
	 * the first link whose tag is `chain_tag`, of type `chain_type`,
	 * found by walking links as `chain_base` (fields from the spec). */
	const char *chain_tag;
	char *chain_type;
	char *chain_base;
	const struct spec *chain_spec;
	/* The first link of a list (a struct pointing to its own type
	 * through this member): kept fields are converted in every link. */
	char *list_next;
};

struct field_leaf {
	int node;
	char *member;
	char *name; /* identifier from the path: strm__allocator__alloc */
	char *path; /* for comments: strm->allocator->alloc */
	enum field_kind kind;
	struct signature *signature;
	int spec_line;
	int storable; /* no const on the way: the library may store into it */
	int kept;     /* the closure stays after the call (spec: kept) */
	int at_free;  /* in a call that may free its struct (spec: at-free) */
	/* Kept, in every link of a list: the guest converts it in place
	 * before the call; it takes no room in the argument block. */
	int in_list;
};

struct field_plan {
	struct field_node *nodes;
	size_t node_count;
	struct field_leaf *leaves;
	size_t leaf_count;
	int by_value; /* node 0 is a struct passed by value */
};

struct value {
	char *spelling; /* the C type, valid in declarations and casts */
	char *declared; /* an array parameter's own type (const int[4]) */
	enum value_class class;
	long long size;
	struct signature *signature; /* VALUE_FUNCTION_POINTER */
	int mirror; /* a pointer to a mirror type: its index + 1, else 0 */
	int stream; /* a FILE * of the guest's: a host stream (stream.c) */
};

/*
 * A struct the library owns and the guest reads, calling its function
 * pointers (spec: mirror-type): the guest gets a copy with stubs for its
 * functions and for pointers to mirror types, their mirrors.
 */
struct mirror_field {
	char *member;
	struct signature *signature; /* a function pointer field */
	int mirror; /* a pointer to a mirror type: its index + 1 */
	/* A function pointer no stub can stand for: NULL in the mirror. */
	const char *cleared;
};
struct mirror {
	const char *name; /* the spec's: struct tag or typedef name */
	char *spelling;	  /* the C type */
	struct mirror_field *fields;
	size_t field_count;
};

/* A function pointer type; one invoker/closure/stub set per signature. */
struct signature {
	int id;
	char *key;  /* canonical spelling: equal keys, same signature */
	char *name; /* readable name for generated identifiers */
	struct value result;
	struct value *parameters;
	size_t parameter_count;
	int as_callback; /* guest function called by the host */
	int as_stub;	 /* host function called by the guest */
	int as_closure;	 /* the guest asks the host for closures (CLOSURE_) */
	/* Variadic, its last parameter a printf format (spec:
	 * printf-callback): the caller formats, the callee gets "%s". */
	int printf_style;
	/* Its string result is freed by the library (spec
	 * callback-result-freed): a host copy of the guest's. */
	int result_freed;
	char *c_type; /* the C type: the key, less what marks result_freed */
	const char *unusable; /* why it cannot cross, or NULL */
	/* Per parameter: the fields of what it points to that the guest
	 * function may fill in and the library calls afterwards. */
	struct field_plan *parameter_plans;
	/* Per parameter (NULL if none is): a pointer to a function pointer
	 * where the guest function stores one of this signature. */
	struct signature **out_functions;
};

struct parameter {
	char *name;
	struct value value;
	struct field_plan fields; /* function pointers it leads to */
	/* A pointer to a struct pointer (FT_Face *aface): what the struct
	 * the library stores there leads to, stubbed after the call. */
	struct field_plan out_fields;
	/* A pointer to a function pointer: the library stores a function
	 * of this signature there (cells.c). */
	struct signature *out_function;
	/* spec owned-out: the library stores a block the caller frees with
	 * free(); the guest gets a copy in its own heap. */
	const struct owned_result *owned_out;
};

struct function {
	char *name;
	/* The symbols it is exported as: one, or several versions that are
	 * the same code in the real library (first the default one). */
	const struct export **symbols;
	size_t symbol_count;
	/* The C name the guest thunk defines: `name`, or a name of its own
	 * that .symver gives each version when there are several (or only
	 * a non-default one). */
	char *symbol;
	int noreturn;
	struct value result;
	struct parameter *parameters;
	size_t parameter_count;
	/* What the result points to leads to: host functions there become
	 * guest stubs after the call. */
	struct field_plan result_fields;
	const char *unsupported;     /* reason, or NULL when thunked */
	int unsupported_by_spec;     /* spec line, or 0 */
	enum emulation emulation;    /* where an unsupported one's calls go */
	const struct custom *custom; /* guest-side implementation, or NULL */
	const struct custom *helper; /* not an export: host code of ours */
	/* A custom function whose declaration can also pass through: the
	 * hand-written code may call pass_through_NAME(). */
	int custom_pass_through;
	/* Reached only by name: its host function comes with each call
	 * (the stub target), not from the host thunk's own reference. */
	int through_pointer;
	/* spec owned-result: the entry, when the caller frees the result
	 * with free(); the guest gets a copy in its own heap. */
	const struct owned_result *owned_result;
	/* spec printf-function: the entry, when the guest formats; then
	 * the last parameter is the format, or a va_list after it
	 * (takes_va_list); without a target the host's function is called
	 * with "%s" through printf_signature. */
	const struct opaque_type *printf_entry;
	int takes_va_list;
	struct signature *printf_signature;
	/* spec frees: the line, when the call frees what the first
	 * parameter points to (no field of it is touched after). */
	int frees_first;
	/* spec fast: the line, when the function is bounded and never waits
	 * on another guest thread (the fast transport may take it any
	 * time, include/dlcall/abi.h). */
	int fast;
	/* spec function-cell: the line, when the result points to the
	 * library's cell holding a function of cell_signature. */
	int function_cell;
	struct signature *cell_signature;
	/* spec proc-address: returns the function named by this parameter */
	const struct proc_address *by_name;
	size_t name_parameter;
};

/* A function the headers declare, as a proc-address export hands it to
 * the guest: the guest thunk of an export, or a stub of its signature
 * around the host's answer, or nothing (NULL) for the reason given. */
struct named_function {
	const char *name;
	const struct function *thunk;
	struct function *stub; /* described from its declaration */
	struct signature *signature; /* the stub's */
	const char *reason;
};

/* A function type of a dispatch table (spec: dispatch), by its id. */
struct dispatch_type {
	char *name; /* the typedef's, less the prefix and "_fn" */
	char *id;   /* the macro naming its id: PREFIX + NAME in capitals */
	char *typedef_name;
	struct signature *signature; /* NULL when it cannot cross */
	const char *reason;	     /* why not */
	int line;		     /* of the spec's dispatch line */
};

/* A data export. The guest thunk exports an object of the same size. */
struct data_object {
	const struct export *export;
	char *symbol; /* as struct function's */
	/* NULL when the guest thunk's copy is exact (constant bytes:
	 * read-only, no relocations); else why it does not follow the
	 * host library's object. */
	const char *unsupported;
	int unsupported_by_spec; /* spec line, or 0 */
	/* A variable holding a function (xmlFree): the guest's holds a
	 * function that calls what the host's holds (cells.c). */
	struct signature *variable_signature;
};

struct model {
	struct function *functions;
	size_t function_count;
	struct data_object *data;
	size_t data_count;
	const struct export_list *exports;
	struct signature **signatures;
	size_t signature_count;
	struct named_function *named; /* sorted by name; with proc-address */
	size_t named_count;
	struct mirror *mirrors;
	size_t mirror_count;
	struct dispatch_type *dispatch_types; /* in declaration order */
	size_t dispatch_type_count;
	char **layout_notes; /* differences judged harmless, for the report */
	size_t layout_note_count;
};

struct guest_target {
	const char *triple;  /* e.g. aarch64-linux-gnu */
	const char *sysroot; /* its libc headers: SYSROOT/include */
};

struct parse_options {
	const char *host_triple;
	const struct guest_target *guests;
	size_t guest_count;
	const char **include_directories;
	size_t include_count;
	/* Per guest: extra header directories (`sysroot` holds the
	 * directory itself), searched before the shared ones. */
	struct guest_target *guest_includes;
	size_t guest_include_count;
};

/*
 * Parses the spec's headers for both triples, builds the model for the
 * exports and checks every type crossing the boundary. Returns 0, or -1
 * after printing an error naming the type and field.
 */
int build_model(const struct spec *spec, const struct export_list *exports,
		const struct parse_options *options, struct model *model);

/* ---- output ------------------------------------------------------------ */

struct output_paths {
	const char *arguments_header; /* LIB_thunk_args.h */
	const char *guest_source;
	const char *host_source;
	const char *version_script;
	const char *report;
};

int emit_thunks(const struct spec *spec, const struct model *model,
		const struct output_paths *paths);

/* Writes generated C with lines over 120 columns broken (wrap.c). */
int write_wrapped(FILE *out, const char *text, size_t size);

/* Field plans (emit_fields.c). `root` names the value in identifiers,
 * `root_value` is the C expression of a pointer to the struct. */
void emit_field_members(FILE *out, const struct field_plan *plan);
void emit_guest_fields_before(FILE *out, const char *root,
			      const char *root_value,
			      const struct field_plan *plan);
void emit_guest_fields_after(FILE *out, const char *root,
			     const char *root_value,
			     const struct field_plan *plan);
void emit_guest_result_fields(FILE *out, const char *root,
			      const char *root_value,
			      const struct field_plan *plan);
void emit_host_fields_before(FILE *out, const char *function, const char *root,
			     const char *root_value,
			     const struct field_plan *plan);
/* Instead, when the call frees the struct (spec frees). */
void emit_host_fields_freed(FILE *out, int spec_line, const char *root,
			    const struct field_plan *plan);
void emit_host_fields_after(FILE *out, const char *root,
			    const struct field_plan *plan);
void emit_callback_argument_fields(FILE *out, const char *root,
				   const char *argument,
				   const struct field_plan *plan);

#define TEXT_HASH_START 0xcbf29ce484222325ull
uint64_t hash_text(uint64_t hash, const char *text);

/* A string-keyed hash table; values are never NULL. */
struct table_entry {
	char *key;
	void *value;
};

struct table {
	struct table_entry *slots;
	size_t size, count;
};

void *table_get(const struct table *table, const char *key);
void table_put(struct table *table, const char *key, void *value);
void table_free(struct table *table);

/* Helpers. */
__attribute__((format(printf, 1, 2))) char *format_string(const char *format,
							  ...);
__attribute__((format(printf, 1, 2))) void thunkgen_error(const char *format,
							  ...);

#endif
