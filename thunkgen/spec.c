// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-library spec: a line-based file that says only what headers
 * cannot. Blank lines and lines starting with '#' are ignored.
 *
 *   soname libz.so.1                 the real library's soname (required)
 *   header zlib.h                    a header to parse (one or more)
 *   include-dir /usr/include/freetype2  where headers are (besides the
 *                                    system's), for parsing and compiling
 *   define _LARGEFILE64_SOURCE=1     a macro defined before the headers
 *   host-file libdlcall-z-host.so    host thunk file name (optional)
 *   callback-field z_stream.zalloc   a struct's function pointer field
 *                                    that the library calls: replaced by
 *                                    a host closure for each call that
 *                                    passes the struct, then restored;
 *                                    with 'kept' after it, left there
 *                                    (the library keeps the struct); with
 *                                    'at-free', crossing only in calls
 *                                    that free the struct (spec frees)
 *   library-field funcs.*           one the library fills in with its
 *                                    own function, which the guest calls
 *                                    (a guest stub)
 *   opaque-field _XDisplay.* REASON  one that never crosses: neither side
 *                                    calls the other's (RECORD and FIELD
 *                                    may be shell patterns in all three)
 *   unsupported NAME reason...       an export left out, and why; NAME
 *                                    may be a shell pattern (_Xlc*)
 *   undeclared NAME reason...        the same, only for exports that no
 *                                    header declares (internals: _X*)
 *   proc-address NAME PARAMETER gl*  NAME returns the function whose name
 *                                    is in PARAMETER (glXGetProcAddress),
 *                                    one of those the patterns match: the
 *                                    guest gets the guest thunk of that
 *                                    name or a stub of its signature
 *   chain BASE LINK TAG              structs with fields LINK (a void
 *                                    pointer) and TAG chain like BASE
 *                                    (VkBaseInStructure pNext sType)
 *   chain-link STRUCT VALUE [EXT...] STRUCT is a link whose TAG is VALUE,
 *                                    in the chains of EXT... only if given
 *   owned-result NAME string         the caller frees NAME's result with
 *                                    free(): the guest gets a copy in its
 *                                    own heap, the host's is freed
 *   owned-result NAME sized SIZE F.c the same for a block of SIZE(block)
 *                                    bytes (SIZE: a guest function in F.c)
 *   owned-out TYPE SIZE F.c          the same for what TYPE ** parameters
 *                                    receive (xcb_generic_error_t **e)
 *   mirror-type sqlite3_vfs REASON   the library owns such structs and the
 *                                    guest reads them, calling their
 *                                    functions: it gets a copy with stubs
 *                                    (a mirror), the host its own back
 *   opaque-type __jmp_buf_tag REASON pointers to this struct cross
 *                                    whatever its layout: the library only
 *                                    hands them back (jmp_buf)
 *   printf-callback errorSAXFunc     a variadic function pointer type
 *                                    whose last fixed parameter is a
 *                                    printf format for what follows: the
 *                                    calling side formats the message,
 *                                    the called side gets it with "%s"
 *   function-cell NAME REASON        NAME returns a pointer to the
 *                                    library's (per-thread) cell holding a
 *                                    function: the guest gets a cell of
 *                                    its own, refreshed at each call
 *   callback-result-freed T string   the library frees the string that
 *                                    callbacks of typedef T return with
 *                                    free(): the guest's is copied into
 *                                    the host's heap (xmlShellReadlineFunc)
 *   printf-function NAME [TARGET]    NAME is variadic (or takes a va_list)
 *                                    after a printf format: the guest
 *                                    formats, then calls TARGET with the
 *                                    text in place of the format, or the
 *                                    host's NAME with "%s" and the text
 *   frees xmlFree* REASON            these functions free what their first
 *                                    parameter points to: nothing of it is
 *                                    read after the call (NAME may be a
 *                                    shell pattern)
 *   void-callback NAME REASON        NAME's void (*)(void) parameters are
 *                                    functions of that type, called as
 *                                    declared (C's generic function
 *                                    pointer type is otherwise taken for
 *                                    a cast: unsupported)
 *   dispatch PREFIX REASON           every typedef PREFIXname_fn of a
 *                                    function type is one a table keyed
 *                                    by id holds, the id being the macro
 *                                    PREFIXNAME: the guest gets stubs,
 *                                    the host closures, by id
 *   fast NAME REASON                 NAME (a shell pattern) never waits on
 *                                    another guest thread and ends in
 *                                    bounded time: the fast transport may
 *                                    take its calls in any process
 *   emulated NAME REASON             NAME (a pattern) runs in the guest's
 *                                    own library, always (glibc's fenv
 *                                    functions act on the guest CPU)
 *   emulated-switch NAME REASON      the same, and from its first call on
 *                                    the whole library does
 *   emulate-unsupported REASON       what cannot pass through runs in the
 *                                    guest's own library instead of
 *                                    ending the program (pure functions)
 *   guest-versions REASON            each guest thunk takes its symbol
 *                                    versions from the guest's own
 *                                    library (glibc: per-ISA base version)
 *   group NAME REASON                passes through together with the
 *                                    library of thunks/NAME (whose spec
 *                                    names this one back) or not at all
 *   include display.fields           field decisions (only) shared by a
 *                                    family of libraries, from a file
 *                                    relative to the spec
 *   coverage-only REASON             generated by make coverage only, not
 *                                    built (yet), and why
 *   callback-threads REASON          the library calls guest functions on
 *                                    threads it creates: the runtimes
 *                                    give those calls a guest thread
 *   custom NAME FILE.c               NAME is implemented by hand on the
 *                                    guest side in FILE.c (relative to
 *                                    the spec), e.g. a printf-style
 *                                    function that formats in the guest
 *                                    and calls a thunked function
 *   host-init NAME FILE.c            NAME(void), declared in FILE.h beside
 *                                    it, runs when the host thunk loads
 *                                    (a library's allocator hooks)
 *   helper NAME FILE.c               NAME, declared in FILE.h beside it,
 *                                    is host code of the project's own in
 *                                    FILE.c, compiled into the host thunk
 *                                    and callable by custom code (a
 *                                    variadic call made on the host)
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "thunkgen.h"

int spec_error(const struct spec *spec, int line, const char *format, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", spec->path, line);
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* The absolute path of FILE, relative to the spec's directory: generated
 * files #include it from anywhere. NULL with errno set if it is missing. */
static char *beside_spec(const struct spec *spec, const char *file)
{
	const char *slash = strrchr(spec->path, '/');
	char *path = file[0] == '/' || !slash
			 ? strdup(file)
			 : format_string("%.*s/%s", (int)(slash - spec->path),
					 spec->path, file);
	char *absolute = realpath(path, NULL);

	free(path);
	return absolute;
}

char *helper_header(const struct custom *helper)
{
	size_t length = strlen(helper->file);

	assert(length > 2 && strcmp(helper->file + length - 2, ".c") == 0);
	return format_string("%.*sh", (int)(length - 1), helper->file);
}

/* A name, or a shell pattern of names (`_Xlc*`), as `unsupported` takes. */
static int is_name_pattern(const char *text)
{
	if (!*text)
		return 0;
	for (; *text; text++)
		if (!isalnum((unsigned char)*text) && !strchr("_*?[]!-", *text))
			return 0;
	return 1;
}

static int is_identifier(const char *text)
{
	if (!*text || (!isalpha((unsigned char)*text) && *text != '_'))
		return 0;
	for (; *text; text++)
		if (!isalnum((unsigned char)*text) && *text != '_')
			return 0;
	return 1;
}

#define APPEND(array, count)                                                   \
	((array) = realloc((array), ((count) + 1) * sizeof(*(array))),         \
	 memset(&(array)[(count)], 0, sizeof(*(array))), &(array)[(count)++])

/* Splits "keyword rest" in place; rest has surrounding blanks removed. */
static char *split_keyword(char *line, char **rest)
{
	char *end;

	while (isspace((unsigned char)*line))
		line++;
	end = line + strlen(line);
	while (end > line && isspace((unsigned char)end[-1]))
		*--end = '\0';
	*rest = line + strcspn(line, " \t");
	if (**rest) {
		*(*rest)++ = '\0';
		while (isspace((unsigned char)**rest))
			(*rest)++;
	}
	return line;
}

static const char *const field_keywords[] = {
    [FIELD_CALLBACK] = "callback-field",
    [FIELD_LIBRARY] = "library-field",
    [FIELD_OPAQUE] = "opaque-field",
};

static int field_kind_of(const char *keyword)
{
	for (size_t i = 0; i < sizeof(field_keywords) / sizeof(*field_keywords);
	     i++)
		if (strcmp(keyword, field_keywords[i]) == 0)
			return (int)i;
	return -1;
}

/* "RECORD.FIELD" (either may be a pattern), then for opaque-field a
 * reason: the function pointer does not cross, and why. */
static int parse_field_decision(struct spec *spec, enum field_kind kind,
				char *rest, int line)
{
	char *reason;
	char *name = split_keyword(rest, &reason);
	char *dot = strchr(name, '.');
	const char *keyword = field_keywords[kind];
	struct field_decision *decision;

	if (!dot)
		return spec_error(spec, line, "%s wants RECORD.FIELD, got '%s'",
				  keyword, name);
	*dot = '\0';
	if (!is_name_pattern(name) || !is_name_pattern(dot + 1))
		return spec_error(spec, line,
				  "%s wants RECORD.FIELD with C identifiers "
				  "or shell patterns",
				  keyword);
	int kept = kind == FIELD_CALLBACK && strcmp(reason, "kept") == 0;
	int at_free = kind == FIELD_CALLBACK && strcmp(reason, "at-free") == 0;

	if ((kind == FIELD_OPAQUE) != (*reason != '\0') && !kept && !at_free)
		return spec_error(spec, line,
				  kind == FIELD_OPAQUE
				      ? "%s wants a reason after RECORD.FIELD"
				  : kind == FIELD_CALLBACK
				      ? "%s takes RECORD.FIELD and optionally "
					"'kept' or 'at-free'"
				      : "%s takes only RECORD.FIELD",
				  keyword);
	decision = APPEND(spec->field_decisions, spec->field_decision_count);
	decision->kind = kind;
	decision->record = strdup(name);
	decision->field = strdup(dot + 1);
	decision->reason = kind == FIELD_OPAQUE ? strdup(reason) : NULL;
	decision->kept = kept;
	decision->at_free = at_free;
	decision->line = line;
	return 0;
}

static int parse_line(struct spec *spec, char *text, int line);

/* owned-result NAME string | owned-result NAME sized SIZE FILE.c |
 * owned-out TYPE SIZE FILE.c */
static int parse_owned(struct spec *spec, const char *keyword, char *rest,
		       int line)
{
	int out = strcmp(keyword, "owned-out") == 0;
	char *kind, *size = NULL, *file = NULL, *end = NULL;
	char *name = split_keyword(rest, &kind);
	struct owned_result *entry;

	if (!out && strcmp(kind, "string") != 0) {
		char *sized = split_keyword(kind, &size);

		if (strcmp(sized, "sized") != 0)
			size = NULL;
	} else if (out) {
		size = kind;
	}
	if (size) {
		size = split_keyword(size, &file);
		file = split_keyword(file, &end);
	}
	if (!is_name_pattern(name) ||
	    (size && (!is_identifier(size) || !*file || *end)) ||
	    (!size && (out || strcmp(kind, "string") != 0)))
		return spec_error(spec, line,
				  out ? "owned-out wants a type, a size "
					"function and its file"
				      : "owned-result wants a function and "
					"'string' (a NUL-terminated result the "
					"caller frees with free()) or 'sized "
					"SIZE FILE.c'");
	entry = APPEND(spec->owned_results, spec->owned_result_count);
	memset(entry, 0, sizeof(*entry));
	entry->function = strdup(name);
	entry->size_function = size ? strdup(size) : NULL;
	entry->file = size ? strdup(file) : NULL;
	entry->out = out;
	entry->line = line;
	return 0;
}


/* include FILE: field decisions a family of libraries shares (the X11
 * extension libraries all reach Display's internals). They count as
 * lines of the spec at the include line; nothing else may be shared, so
 * every export's decision stays in its own spec. */
static int parse_include(struct spec *spec, const char *file, int line)
{
	char *path = beside_spec(spec, file);
	FILE *in = path ? fopen(path, "r") : NULL;
	char text[4096];
	int status = 0, included_line = 0;

	if (!in) {
		free(path);
		return spec_error(spec, line, "include: cannot open %s", file);
	}
	while (status == 0 && fgets(text, sizeof(text), in)) {
		char copy[sizeof(text)], *rest, *keyword;

		included_line++;
		memcpy(copy, text, sizeof(text));
		keyword = split_keyword(copy, &rest);
		if (*keyword && *keyword != '#' && field_kind_of(keyword) < 0) {
			fprintf(stderr,
				"%s:%d: an included file holds only "
				"callback-field, library-field and "
				"opaque-field lines\n",
				path, included_line);
			status = -1;
		} else {
			size_t before = spec->field_decision_count;

			status = parse_line(spec, text, line);
			if (spec->field_decision_count > before)
				spec->field_decisions[before].shared = 1;
		}
	}
	fclose(in);
	free(path);
	return status;
}

static int parse_line(struct spec *spec, char *text, int line)
{
	char *rest, *keyword = split_keyword(text, &rest);

	if (!*keyword || *keyword == '#')
		return 0;
	if (strcmp(keyword, "soname") == 0) {
		if (spec->soname)
			return spec_error(spec, line, "soname given twice");
		if (!*rest || strchr(rest, ' '))
			return spec_error(spec, line,
					  "soname takes one file name");
		spec->soname = strdup(rest);
	} else if (strcmp(keyword, "header") == 0) {
		if (!*rest || strchr(rest, ' '))
			return spec_error(spec, line,
					  "header takes one header name");
		*APPEND(spec->header_lines, spec->header_line_count) =
		    format_string("#include <%s>", rest);
		spec->header_count++;
	} else if (strcmp(keyword, "undef") == 0) {
		/* Re-opens a guard an earlier header defined: desktop GL's
		 * glext.h defines GL_KHR_debug without GLES's KHR names. */
		if (!*rest || strchr(rest, ' '))
			return spec_error(spec, line, "undef takes one macro");
		if (!spec->header_count)
			return spec_error(spec, line,
					  "undef comes after a header");
		*APPEND(spec->header_lines, spec->header_line_count) =
		    format_string("#undef %s", rest);
	} else if (strcmp(keyword, "include-dir") == 0) {
		if (*rest != '/' || strchr(rest, ' '))
			return spec_error(spec, line,
					  "include-dir takes one absolute "
					  "directory");
		*APPEND(spec->include_dirs, spec->include_dir_count) =
		    strdup(rest);
	} else if (strcmp(keyword, "define") == 0) {
		if (!*rest || strchr(rest, ' ') ||
		    (!isalpha((unsigned char)*rest) && *rest != '_'))
			return spec_error(spec, line,
					  "define takes NAME or NAME=VALUE");
		*APPEND(spec->defines, spec->define_count) = strdup(rest);
	} else if (strcmp(keyword, "include") == 0) {
		if (!*rest || strchr(rest, ' '))
			return spec_error(spec, line, "include takes one file");
		return parse_include(spec, rest, line);
	} else if (strcmp(keyword, "group") == 0) {
		char *reason;
		char *name = split_keyword(rest, &reason);
		struct group_member *entry;

		if (!is_identifier(name) || !*reason)
			return spec_error(spec, line,
					  "group wants a library name (its "
					  "folder in thunks/) and a reason");
		entry = APPEND(spec->group, spec->group_count);
		entry->name = strdup(name);
		entry->reason = strdup(reason);
		entry->line = line;
	} else if (strcmp(keyword, "host-file") == 0) {
		if (spec->host_file)
			return spec_error(spec, line, "host-file given twice");
		if (!*rest || strchr(rest, ' ') || strchr(rest, '/'))
			return spec_error(spec, line,
					  "host-file takes a file name without "
					  "directories");
		spec->host_file = strdup(rest);
	} else if (field_kind_of(keyword) >= 0) {
		if (parse_field_decision(spec, field_kind_of(keyword), rest,
					 line))
			return -1;
	} else if (strcmp(keyword, "unsupported") == 0 ||
		   strcmp(keyword, "undeclared") == 0 ||
		   strcmp(keyword, "emulated") == 0 ||
		   strcmp(keyword, "emulated-switch") == 0) {
		char *reason;
		char *name = split_keyword(rest, &reason);
		struct unsupported *entry;

		if (!is_name_pattern(name) || !*reason)
			return spec_error(spec, line,
					  "%s wants an export name (or a "
					  "pattern) and a reason",
					  keyword);
		entry = APPEND(spec->unsupported, spec->unsupported_count);
		entry->undeclared_only = strcmp(keyword, "undeclared") == 0;
		entry->emulation = keyword[0] != 'e' ? EMULATION_FALLBACK_ONLY
				   : strchr(keyword, '-') ? EMULATION_SWITCH
							  : EMULATION_ALWAYS;
		entry->function = strdup(name);
		entry->reason = strdup(reason);
		entry->line = line;
	} else if (strcmp(keyword, "chain") == 0) {
		char *field, *tag;
		char *base = split_keyword(rest, &field);

		field = split_keyword(field, &tag);
		if (spec->chain_base)
			return spec_error(spec, line, "chain given twice");
		if (!is_identifier(base) || !is_identifier(field) ||
		    !is_identifier(tag))
			return spec_error(spec, line,
					  "chain wants the base struct, its "
					  "link field and its tag field "
					  "(VkBaseInStructure pNext sType)");
		spec->chain_base = strdup(base);
		spec->chain_field = strdup(field);
		spec->chain_tag = strdup(tag);
		spec->chain_line = line;
	} else if (strcmp(keyword, "chain-link") == 0) {
		char *extends;
		char *name = split_keyword(rest, &extends);
		char *value = split_keyword(extends, &extends);
		struct chain_link *entry;

		if (!is_identifier(name) || !is_identifier(value))
			return spec_error(spec, line,
					  "chain-link wants a struct, the "
					  "value of its tag, and the structs "
					  "it extends (optional)");
		entry = APPEND(spec->chain_links, spec->chain_link_count);
		entry->record = strdup(name);
		entry->tag_value = strdup(value);
		entry->line = line;
		while (*extends) {
			char *next = split_keyword(extends, &extends);

			if (!is_identifier(next))
				return spec_error(spec, line,
						  "chain-link: '%s' is not a "
						  "struct name",
						  next);
			*APPEND(entry->extends, entry->extends_count) =
			    strdup(next);
		}
	} else if (strcmp(keyword, "owned-result") == 0 ||
		   strcmp(keyword, "owned-out") == 0) {
		return parse_owned(spec, keyword, rest, line);
	} else if (strcmp(keyword, "callback-result-freed") == 0) {
		char *kind;
		char *name = split_keyword(rest, &kind);
		struct opaque_type *entry;

		if (!is_identifier(name) || strcmp(kind, "string") != 0)
			return spec_error(spec, line,
					  "callback-result-freed wants a "
					  "typedef and 'string'");
		entry = APPEND(spec->freed_results, spec->freed_result_count);
		entry->name = strdup(name);
		entry->line = line;
	} else if (strcmp(keyword, "printf-function") == 0) {
		char *target;
		char *name = split_keyword(rest, &target);
		struct opaque_type *entry;

		if (!is_identifier(name) || (*target && !is_identifier(target)))
			return spec_error(spec, line,
					  "printf-function wants a function "
					  "and, optionally, the one it calls");
		entry = APPEND(spec->printf_functions,
			       spec->printf_function_count);
		entry->name = strdup(name);
		entry->reason = *target ? strdup(target) : NULL;
		entry->line = line;
	} else if (strcmp(keyword, "frees") == 0 ||
		   strcmp(keyword, "void-callback") == 0 ||
		   strcmp(keyword, "fast") == 0) {
		char *reason;
		char *name = split_keyword(rest, &reason);
		int frees = strcmp(keyword, "frees") == 0;
		struct opaque_type *entry;

		if (!is_name_pattern(name) || !*reason)
			return spec_error(spec, line,
					  "%s wants a name (or pattern) "
					  "and a reason",
					  keyword);
		if (frees)
			entry = APPEND(spec->frees, spec->frees_count);
		else if (keyword[0] == 'f')
			entry = APPEND(spec->fast_functions,
				       spec->fast_function_count);
		else
			entry = APPEND(spec->void_callbacks,
				       spec->void_callback_count);
		entry->name = strdup(name);
		entry->reason = strdup(reason);
		entry->line = line;
	} else if (strcmp(keyword, "dispatch") == 0) {
		char *reason;
		char *prefix = split_keyword(rest, &reason);
		struct opaque_type *entry;

		if (!is_identifier(prefix) || !*reason)
			return spec_error(spec, line,
					  "dispatch wants a typedef prefix "
					  "and a reason");
		entry = APPEND(spec->dispatches, spec->dispatch_count);
		entry->name = strdup(prefix);
		entry->reason = strdup(reason);
		entry->line = line;
	} else if (strcmp(keyword, "opaque-type") == 0 ||
		   strcmp(keyword, "mirror-type") == 0 ||
		   strcmp(keyword, "function-cell") == 0) {
		char *reason;
		char *name = split_keyword(rest, &reason);
		struct opaque_type *entry;

		if (!is_identifier(name) || !*reason)
			return spec_error(spec, line,
					  "%s wants a name and a reason",
					  keyword);
		entry = keyword[0] == 'o'   ? APPEND(spec->opaque_types,
						     spec->opaque_type_count)
			: keyword[0] == 'm' ? APPEND(spec->mirror_types,
						     spec->mirror_type_count)
					    : APPEND(spec->function_cells,
						     spec->function_cell_count);
		entry->name = strdup(name);
		entry->reason = strdup(reason);
		entry->line = line;
	} else if (strcmp(keyword, "printf-callback") == 0) {
		struct opaque_type *entry;

		if (!is_identifier(rest))
			return spec_error(spec, line,
					  "printf-callback wants the typedef "
					  "name of a variadic function "
					  "pointer type");
		entry = APPEND(spec->printf_types, spec->printf_type_count);
		entry->name = strdup(rest);
		entry->line = line;
	} else if (strcmp(keyword, "callback-threads") == 0) {
		if (!*rest)
			return spec_error(spec, line,
					  "callback-threads wants the reason "
					  "(which threads call what)");
		spec->callback_threads = strdup(rest);
	} else if (strcmp(keyword, "emulate-unsupported") == 0 ||
		   strcmp(keyword, "guest-versions") == 0) {
		char **reason = keyword[0] == 'e' ? &spec->emulate_unsupported
						  : &spec->guest_versions;

		if (!*rest || *reason)
			return spec_error(spec, line,
					  "%s wants the reason, once", keyword);
		*reason = strdup(rest);
	} else if (strcmp(keyword, "coverage-only") == 0) {
		/* For the build's discovery (scripts/thunk-facts.sh). */
		if (!*rest)
			return spec_error(spec, line,
					  "coverage-only wants the reason the "
					  "library is not built yet");
	} else if (strcmp(keyword, "proc-address") == 0) {
		char *patterns;
		char *name = split_keyword(rest, &patterns);
		char *parameter = split_keyword(patterns, &patterns);
		struct proc_address *entry;

		if (!is_identifier(name) || !is_identifier(parameter) ||
		    !*patterns)
			return spec_error(spec, line,
					  "proc-address wants a function, the "
					  "parameter that holds the name asked "
					  "for, and the patterns of the names "
					  "it answers for");
		entry = APPEND(spec->proc_addresses, spec->proc_address_count);
		entry->function = strdup(name);
		entry->parameter = strdup(parameter);
		entry->patterns = strdup(patterns);
		entry->line = line;
	} else if (strcmp(keyword, "custom") == 0 ||
		   strcmp(keyword, "helper") == 0 ||
		   strcmp(keyword, "host-init") == 0) {
		char *file;
		char *name = split_keyword(rest, &file);
		char *absolute;
		struct custom *entry;

		if (!is_identifier(name) || !*file || strchr(file, ' '))
			return spec_error(spec, line,
					  "%s wants a function name and a "
					  "C file",
					  keyword);
		if (keyword[0] == 'h' &&
		    (strlen(file) < 3 || strcmp(file + strlen(file) - 2, ".c")))
			return spec_error(spec, line,
					  "%s wants a .c file (its "
					  "declarations are in the .h beside "
					  "it)",
					  keyword);
		absolute = beside_spec(spec, file);
		if (!absolute)
			return spec_error(spec, line, "%s file %s: %s",
					  keyword, file, strerror(errno));
		if (keyword[0] == 'c')
			entry = APPEND(spec->customs, spec->custom_count);
		else if (strcmp(keyword, "helper") == 0)
			entry = APPEND(spec->helpers, spec->helper_count);
		else
			entry = APPEND(spec->host_inits, spec->host_init_count);
		entry->function = strdup(name);
		entry->file = absolute;
		entry->line = line;
	} else {
		return spec_error(
		    spec, line,
		    "unknown keyword '%s' (known: soname, header, "
		    "include-dir, define, host-file, group, callback-field, "
		    "library-field, opaque-field, include, unsupported, "
		    "undeclared, emulated, emulated-switch, "
		    "emulate-unsupported, "
		    "guest-versions, custom, helper, host-init, proc-address, "
		    "opaque-type, "
		    "mirror-type, "
		    "printf-callback, printf-function, callback-result-freed, "
		    "function-cell, frees, void-callback, fast, dispatch, "
		    "owned-result, owned-out, "
		    "chain, "
		    "chain-link, callback-threads, coverage-only)",
		    keyword);
	}
	return 0;
}

int parse_spec_stream(FILE *file, const char *path, struct spec *spec)
{
	char text[4096];
	int line = 0, status = 0;

	memset(spec, 0, sizeof(*spec));
	spec->path = path;
	while (status == 0 && fgets(text, sizeof(text), file)) {
		line++;
		if (!strchr(text, '\n') && !feof(file))
			status = spec_error(spec, line, "line too long");
		else
			status = parse_line(spec, text, line);
	}
	if (status == 0 && !spec->soname)
		status = spec_error(spec, line ? line : 1,
				    "no 'soname' line: the spec must name the "
				    "real library's soname");
	if (status == 0 && !spec->header_count)
		status = spec_error(spec, line ? line : 1,
				    "no 'header' line: the spec must name at "
				    "least one header");
	return status;
}

int parse_spec(const char *path, struct spec *spec)
{
	FILE *file = fopen(path, "r");
	int status;

	if (!file) {
		memset(spec, 0, sizeof(*spec));
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	status = parse_spec_stream(file, path, spec);
	fclose(file);
	return status;
}

void free_spec(struct spec *spec)
{
	free(spec->soname);
	free(spec->host_file);
	for (size_t i = 0; i < spec->group_count; i++) {
		free(spec->group[i].name);
		free(spec->group[i].reason);
		free(spec->group[i].soname);
		free(spec->group[i].host_file);
	}
	free(spec->group);
	for (size_t i = 0; i < spec->header_line_count; i++)
		free(spec->header_lines[i]);
	free(spec->header_lines);
	for (size_t i = 0; i < spec->include_dir_count; i++)
		free(spec->include_dirs[i]);
	free(spec->include_dirs);
	for (size_t i = 0; i < spec->define_count; i++)
		free(spec->defines[i]);
	free(spec->defines);
	for (size_t i = 0; i < spec->field_decision_count; i++) {
		free(spec->field_decisions[i].record);
		free(spec->field_decisions[i].field);
		free(spec->field_decisions[i].reason);
	}
	free(spec->field_decisions);
	for (size_t i = 0; i < spec->unsupported_count; i++) {
		free(spec->unsupported[i].function);
		free(spec->unsupported[i].reason);
	}
	free(spec->unsupported);
	for (size_t i = 0; i < spec->custom_count; i++) {
		free(spec->customs[i].function);
		free(spec->customs[i].file);
	}
	free(spec->customs);
	for (size_t i = 0; i < spec->helper_count; i++) {
		free(spec->helpers[i].function);
		free(spec->helpers[i].file);
	}
	free(spec->helpers);
	for (size_t i = 0; i < spec->host_init_count; i++) {
		free(spec->host_inits[i].function);
		free(spec->host_inits[i].file);
	}
	free(spec->host_inits);
	for (size_t i = 0; i < spec->proc_address_count; i++) {
		free(spec->proc_addresses[i].function);
		free(spec->proc_addresses[i].parameter);
		free(spec->proc_addresses[i].patterns);
	}
	free(spec->proc_addresses);
	for (size_t i = 0; i < spec->opaque_type_count; i++) {
		free(spec->opaque_types[i].name);
		free(spec->opaque_types[i].reason);
	}
	free(spec->opaque_types);
	for (size_t i = 0; i < spec->mirror_type_count; i++) {
		free(spec->mirror_types[i].name);
		free(spec->mirror_types[i].reason);
	}
	free(spec->mirror_types);
	for (size_t i = 0; i < spec->printf_type_count; i++)
		free(spec->printf_types[i].name);
	free(spec->printf_types);
	for (size_t i = 0; i < spec->function_cell_count; i++) {
		free(spec->function_cells[i].name);
		free(spec->function_cells[i].reason);
	}
	free(spec->function_cells);
	for (size_t i = 0; i < spec->freed_result_count; i++)
		free(spec->freed_results[i].name);
	free(spec->freed_results);
	for (size_t i = 0; i < spec->printf_function_count; i++) {
		free(spec->printf_functions[i].name);
		free(spec->printf_functions[i].reason);
	}
	free(spec->printf_functions);
	for (size_t i = 0; i < spec->frees_count; i++) {
		free(spec->frees[i].name);
		free(spec->frees[i].reason);
	}
	free(spec->frees);
	for (size_t i = 0; i < spec->void_callback_count; i++) {
		free(spec->void_callbacks[i].name);
		free(spec->void_callbacks[i].reason);
	}
	free(spec->void_callbacks);
	for (size_t i = 0; i < spec->dispatch_count; i++) {
		free(spec->dispatches[i].name);
		free(spec->dispatches[i].reason);
	}
	free(spec->dispatches);
	for (size_t i = 0; i < spec->fast_function_count; i++) {
		free(spec->fast_functions[i].name);
		free(spec->fast_functions[i].reason);
	}
	free(spec->fast_functions);
	for (size_t i = 0; i < spec->owned_result_count; i++) {
		free(spec->owned_results[i].function);
		free(spec->owned_results[i].size_function);
		free(spec->owned_results[i].file);
	}
	free(spec->owned_results);
	free(spec->chain_base);
	free(spec->callback_threads);
	free(spec->emulate_unsupported);
	free(spec->guest_versions);
	free(spec->chain_field);
	free(spec->chain_tag);
	for (size_t i = 0; i < spec->chain_link_count; i++) {
		free(spec->chain_links[i].record);
		free(spec->chain_links[i].tag_value);
		for (size_t j = 0; j < spec->chain_links[i].extends_count; j++)
			free(spec->chain_links[i].extends[j]);
		free(spec->chain_links[i].extends);
	}
	free(spec->chain_links);
	memset(spec, 0, sizeof(*spec));
}

/* The host thunk's file the build derives from a soname
 * (scripts/thunk-facts.sh): lib<stem>-host.so. */
static char *default_host_file(const char *soname)
{
	const char *stem = strncmp(soname, "lib", 3) == 0 ? soname + 3 : soname;
	const char *end = strstr(stem, ".so");

	return format_string("lib%.*s-host.so",
			     (int)(end ? end - stem : (ptrdiff_t)strlen(stem)),
			     stem);
}

/* Whether `member` names the library of folder `name` in a group line. */
static int names_back(const struct spec *member, const char *name)
{
	if (!name)
		return 1; /* a member reached through another */
	for (size_t i = 0; i < member->group_count; i++)
		if (strcmp(member->group[i].name, name) == 0)
			return 1;
	return 0;
}

/* Whether the group already lists the library of folder `name`. */
static int in_group(const struct spec *spec, const char *name)
{
	for (size_t i = 0; i < spec->group_count; i++)
		if (strcmp(spec->group[i].name, name) == 0)
			return 1;
	return 0;
}

/* Adds the members `member` (reached through `via`) names that the group
 * lacks: a family like X11's is named as a star (each extension names
 * libX11, libX11 names each), and every member must know all of it. */
static void add_members_of(struct spec *spec, const struct spec *member,
			   const char *own_name, size_t via_index)
{
	char *via_name = strdup(spec->group[via_index].name);
	int via_line = spec->group[via_index].line;

	for (size_t i = 0; i < member->group_count; i++) {
		const char *name = member->group[i].name;
		struct group_member *entry;

		if (strcmp(name, own_name) == 0 || in_group(spec, name))
			continue;
		entry = APPEND(spec->group, spec->group_count);
		entry->name = strdup(name);
		entry->reason = format_string("through %s: %s", via_name,
					      member->group[i].reason);
		entry->line = via_line; /* errors name the line it came from */
		entry->soname = entry->host_file = NULL;
	}
	free(via_name);
}

int resolve_group(struct spec *spec)
{
	char *folder = strdup(spec->path);
	char *slash = strrchr(folder, '/');
	const char *own_name;
	size_t direct_count = spec->group_count;
	int status = 0;

	if (slash)
		*slash = '\0';
	own_name = strrchr(folder, '/') ? strrchr(folder, '/') + 1 : folder;
	/* The list grows while it is walked: the transitive closure. */
	for (size_t i = 0; i < spec->group_count && !status; i++) {
		struct group_member *m = &spec->group[i];
		char *path = format_string("%s/../%s/%s.spec", slash ? folder : ".",
					   m->name, m->name);
		struct spec member;

		if (parse_spec(path, &member) != 0)
			status = spec_error(spec, m->line,
					    "group: cannot read %s", path);
		else if (!names_back(&member, i < direct_count
							? own_name
							: NULL))
			status = spec_error(spec, m->line,
					    "group: %s has no 'group %s' line",
					    path, own_name);
		else {
			m->soname = strdup(member.soname);
			m->host_file = member.host_file
					   ? strdup(member.host_file)
					   : default_host_file(member.soname);
			add_members_of(spec, &member, own_name, i);
		}
		free_spec(&member);
		free(path);
	}
	free(folder);
	return status;
}
