// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Function pointer fields (SPEC §6): every function pointer a value leads
 * to, through pointers, nested and embedded structs, unions and arrays,
 * needs a decision in the spec, as every export does. The decided ones
 * that cross (callback-field, library-field) become a plan the emitter
 * carries out around each call; those it cannot carry out (inside a
 * union, an array or a chain of structs of one type) make the function
 * unsupported with the path as the reason. An undecided one fails the
 * build, naming the path where it was first met.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"

/* Deeper than any real header nests; a guard against pathological ones. */
#define MAX_NODE_DEPTH 8

struct walk {
	struct builder *b;
	int in_chain; /* walking a chain's link: its own link is not followed */
	const char *owner; /* the function whose value this is, or NULL */
	struct field_plan *plan;
	int in_callback;
	int freeing; /* what a function freeing it is passed: at-free crosses */
	/* An at-free field was left out: what was walked since then is
	 * not fieldless in a call that frees it (no memo). */
	int skipped_at_free;
	const char *why; /* set: the plan cannot be carried out */
	int failed;	 /* an undecided field was reported */
	CXCursor stack[MAX_NODE_DEPTH];
	int recurred[MAX_NODE_DEPTH]; /* met again inside itself */
	/* The member through which it points to its own type (a list). */
	char *list_member[MAX_NODE_DEPTH];
	int depth;
	int cycle; /* a struct met again inside itself: no memo */
};

/* Walking position: a struct at node `node`, reached by `member` within
 * it (embedded structs), shown to people as `path`. */
struct place {
	int node;
	const char *member; /* "" at a node's own struct */
	const char *path;
	const char *separator; /* "->" into a pointed-to struct, "." else */
	int storable;	       /* no const struct on the way from the value */
	int trapped; /* inside a union or an array: cannot be swapped */
};

static int is_anonymous_name(const char *name)
{
	return !*name || strstr(name, "(anonymous") || strstr(name, "(unnamed");
}

/* The name a written type gives its struct: the typedef, else "". */
char *typedef_name(CXType written)
{
	while (written.kind == CXType_Elaborated)
		written = clang_Type_getNamedType(written);
	if (written.kind == CXType_Typedef)
		return take_string(clang_getTypedefName(written));
	return strdup("");
}

/* What a pointer type points to, as written (z_streamp: z_stream). */
CXType written_pointee(CXType pointer)
{
	while (pointer.kind == CXType_Elaborated ||
	       pointer.kind == CXType_Typedef) {
		if (pointer.kind == CXType_Elaborated)
			pointer = clang_Type_getNamedType(pointer);
		else
			pointer = clang_getTypedefDeclUnderlyingType(
			    clang_getTypeDeclaration(pointer));
	}
	if (pointer.kind != CXType_Pointer)
		return clang_getPointeeType(clang_getCanonicalType(pointer));
	return clang_getPointeeType(pointer);
}

static int name_matches(const char *pattern, const char *tag, const char *alias)
{
	return (*tag && fnmatch(pattern, tag, 0) == 0) ||
	       (*alias && fnmatch(pattern, alias, 0) == 0);
}

/* The spec's decision for field `field` of the struct named `tag` or
 * `alias`: an exact record name first, then the first pattern. */
static struct field_decision *find_decision(const struct spec *spec,
					    const char *tag, const char *alias,
					    const char *field)
{
	struct field_decision *pattern = NULL;

	for (size_t i = 0; i < spec->field_decision_count; i++) {
		struct field_decision *d = &spec->field_decisions[i];

		if (!name_matches(d->record, tag, alias) ||
		    fnmatch(d->field, field, 0) != 0)
			continue;
		if (!strpbrk(d->record, "*?[") && !strpbrk(d->field, "*?["))
			return d;
		if (!pattern)
			pattern = d;
	}
	return pattern;
}

static char *join(const char *a, const char *separator, const char *b)
{
	return *a ? format_string("%s%s%s", a, separator, b) : strdup(b);
}

/* An identifier from a path: strm->allocator->alloc gives
 * strm__allocator__alloc; a chain's link keeps the capitals and digits of
 * its type: info->pNext<VkDebugUtilsMessengerCreateInfoEXT>->pfnUserCallback
 * gives info__pNext_VDUMCIEXT__pfnUserCallback. */
static char *identifier_of(const char *path)
{
	char *name = calloc(2 * strlen(path) + 1, 1), *out = name;
	int in_link = 0;

	for (const char *p = path; *p; p++) {
		if (*p == '-' && p[1] == '>') {
			p++;
			*out++ = '_';
			*out++ = '_';
		} else if (*p == '<' || *p == '>') {
			in_link = *p == '<';
			if (in_link)
				*out++ = '_';
		} else if (in_link) {
			if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
				*out++ = *p;
		} else {
			*out++ = *p == '.' ? '_' : *p;
		}
	}
	return name;
}

static void walk_record(struct walk *w, CXType record, CXType written,
			const struct place *at);

/* What people read for field `name` at `at`: strm->allocator->alloc. */
static char *field_path(const struct place *at, const char *name)
{
	return format_string("%s%s%s", at->path,
			     at->member[0] ? "." : at->separator, name);
}

static void report_undecided(struct walk *w, const char *key, const char *tag,
			     const char *alias, const char *field,
			     const char *path)
{
	struct builder *b = w->b;

	w->failed = 1;
	if (table_get(&b->reported, key))
		return;
	table_put(&b->reported, key, (void *)"");
	thunkgen_error("%s%s%s: function pointer field %s.%s is undecided; "
		       "add 'callback-field', 'library-field' or "
		       "'opaque-field ... REASON' for it to %s",
		       w->owner ? w->owner : "", w->owner ? "." : "", path,
		       *alias ? alias : tag, field, b->spec->path);
	b->field_errors++;
}

static void add_leaf(struct walk *w, const struct place *at, const char *member,
		     const char *path, const struct field_decision *decision,
		     CXType type)
{
	struct field_plan *plan = w->plan;
	struct field_leaf *leaf;
	struct value value;
	const char *why = NULL;
	int kept = decision->kept || decision->at_free;

	/* A const struct: the guest stores nothing in it; a kept field
	 * already holds what the library calls. An at-free field crosses
	 * only into the call that frees its struct, and stays there. */
	if (w->in_callback && (!at->storable || decision->kept))
		return;
	if (decision->at_free && (w->in_callback || !w->freeing)) {
		w->skipped_at_free = 1;
		return;
	}
	if (at->trapped) {
		w->why = format_string("%s (%s) is inside a union or an "
				       "array, which the generator cannot "
				       "swap",
				       path, decision->record);
		return;
	}
	/* A const struct the value points to itself (a sqlite3_module)
	 * the library keeps: the host's copy of it lasts as long as the
	 * process. Deeper in, the guest's struct would have to point to it. */
	if (kept && !at->storable && at->node == 0 && plan->nodes[0].copied &&
	    !plan->by_value) {
		plan->nodes[0].lasting = 1;
	} else if (kept && !at->storable) {
		w->why = format_string("the library keeps %s, in a struct "
				       "the host would have to copy",
				       path);
		return;
	}
	if (make_value(w->b, type, &value, &why) != 0) {
		w->why = format_string("%s: %s", path, why);
		return;
	}
	plan->leaves = realloc(plan->leaves,
			       (plan->leaf_count + 1) * sizeof(*plan->leaves));
	leaf = &plan->leaves[plan->leaf_count++];
	memset(leaf, 0, sizeof(*leaf));
	leaf->node = at->node;
	leaf->member = strdup(member);
	leaf->path = strdup(path);
	leaf->name = identifier_of(path);
	leaf->kind = decision->kind;
	leaf->signature = value.signature;
	leaf->spec_line = decision->line;
	leaf->storable = at->storable && !w->in_callback;
	leaf->kept = kept;
	leaf->at_free = decision->at_free;
	value.signature->as_callback = 1;
	if ((leaf->storable && !leaf->kept) || leaf->kind == FIELD_LIBRARY)
		value.signature->as_stub = 1;
	if (w->in_callback)
		value.signature->as_closure = 1;
}

/* A function pointer field (or an array of them): decided, or reported. */
static void decide_field(struct walk *w, const struct place *at,
			 const char *tag, const char *alias, CXCursor field,
			 CXType type, int array)
{
	char *name = take_string(clang_getCursorSpelling(field));
	char *usr = take_string(clang_getCursorUSR(field));
	char *member = join(at->member, ".", name);
	char *path = field_path(at, name);
	struct field_decision *decision =
	    find_decision(w->b->spec, tag, alias, name);

	if (!decision) {
		report_undecided(w, usr, tag, alias, name, path);
	} else {
		decision->used = 1;
		if (decision->kind != FIELD_OPAQUE && array)
			w->why = format_string("%s is an array of function "
					       "pointers, which the generator "
					       "cannot swap",
					       path);
		else if (decision->kind != FIELD_OPAQUE)
			add_leaf(w, at, member, path, decision, type);
	}
	free(name);
	free(usr);
	free(member);
	free(path);
}

static int is_function_pointer(CXType canonical)
{
	CXType pointee;

	if (canonical.kind != CXType_Pointer)
		return 0;
	pointee = clang_getCanonicalType(clang_getPointeeType(canonical));
	return pointee.kind == CXType_FunctionProto ||
	       pointee.kind == CXType_FunctionNoProto;
}

/* Follows a pointer field to a struct: a new node, dropped again when
 * nothing under it crosses. */
static void follow_pointer(struct walk *w, const struct place *at,
			   const char *member, const char *path, CXType pointer)
{
	struct field_plan *plan = w->plan;
	CXType pointee = written_pointee(pointer);
	CXType record = clang_getCanonicalType(pointee);
	size_t nodes = plan->node_count, leaves = plan->leaf_count;
	struct field_node *node;
	struct place inner = *at;

	if (record.kind != CXType_Record || clang_Type_getSizeOf(record) < 0)
		return;
	/* A mirror's functions are stubbed in the mirror (mirrors.c); one
	 * reached from another struct is not translated there. */
	if (mirror_of(w->b, pointee))
		return;
	if (w->depth > 0 && !w->list_member[w->depth - 1] &&
	    clang_equalCursors(w->stack[w->depth - 1],
			       clang_getTypeDeclaration(record)))
		w->list_member[w->depth - 1] = strdup(member);
	plan->nodes =
	    realloc(plan->nodes, (plan->node_count + 1) * sizeof(*plan->nodes));
	node = &plan->nodes[plan->node_count++];
	memset(node, 0, sizeof(*node));
	node->parent = at->node;
	node->member = strdup(member);
	node->copied = clang_isConstQualifiedType(pointee);
	inner.node = (int)nodes;
	inner.member = "";
	inner.path = path;
	inner.separator = "->";
	/* What a const struct points to is the guest's own memory, written
	 * in place whatever the copy of the struct before it. */
	inner.storable = !node->copied;
	walk_record(w, record, pointee, &inner);
	if (plan->leaf_count == leaves) {
		for (size_t i = nodes; i < plan->node_count; i++)
			free(plan->nodes[i].member);
		plan->node_count = nodes;
	}
}

static enum CXVisitorResult visit_field(CXCursor field, CXClientData data);

struct record_visit {
	struct walk *w;
	const struct place *at;
	char *tag, *alias;
	CXType record;
};

/* ---- chains (spec: chain, chain-link) ----------------------------------- */

struct named_record {
	const char *name;
	CXType found;
};

static enum CXChildVisitResult find_named_record(CXCursor cursor,
						 CXCursor parent,
						 CXClientData data)
{
	struct named_record *lookup = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	char *name;

	(void)parent;
	if (kind != CXCursor_StructDecl && kind != CXCursor_TypedefDecl)
		return CXChildVisit_Continue;
	name = take_string(clang_getCursorSpelling(cursor));
	if (strcmp(name, lookup->name) == 0) {
		CXType type = clang_getCanonicalType(clang_getCursorType(cursor));

		if (type.kind == CXType_Record && clang_Type_getSizeOf(type) > 0)
			lookup->found = type;
	}
	free(name);
	return lookup->found.kind == CXType_Record ? CXChildVisit_Break
						   : CXChildVisit_Continue;
}

CXType record_named(struct builder *b, const char *name)
{
	struct named_record lookup = {name, {CXType_Invalid, {0}}};

	clang_visitChildren(clang_getTranslationUnitCursor(b->host),
			    find_named_record, &lookup);
	return lookup.found;
}

/* The chain-link structs and the base, found once. */
static int resolve_chains(struct builder *b)
{
	const struct spec *spec = b->spec;
	CXType base;

	if (b->chain_link_types)
		return b->chain_base_spelling ? 0 : -1;
	b->chain_link_types =
	    calloc(spec->chain_link_count + 1, sizeof(CXType));
	base = record_named(b, spec->chain_base);
	if (base.kind != CXType_Record) {
		fprintf(stderr, "%s:%d: chain: no struct %s\n", spec->path,
			spec->chain_line, spec->chain_base);
		b->field_errors++;
		return -1;
	}
	b->chain_base_spelling = take_string(clang_getTypeSpelling(base));
	for (size_t i = 0; i < spec->chain_link_count; i++) {
		b->chain_link_types[i] =
		    record_named(b, spec->chain_links[i].record);
		if (b->chain_link_types[i].kind != CXType_Record) {
			fprintf(stderr, "%s:%d: chain-link: no struct %s\n",
				spec->path, spec->chain_links[i].line,
				spec->chain_links[i].record);
			b->field_errors++;
		}
	}
	return 0;
}

/* Whether `field` of `record` is the link of a chain: named as the
 * spec's, a pointer to void, beside a tag field. */
static int is_chain_field(struct builder *b, CXType record, const char *field,
			  CXType type)
{
	const struct spec *spec = b->spec;

	return spec->chain_field && strcmp(field, spec->chain_field) == 0 &&
	       type.kind == CXType_Pointer &&
	       clang_getCanonicalType(clang_getPointeeType(type)).kind ==
		   CXType_Void &&
	       clang_Type_getOffsetOf(record, spec->chain_tag) >= 0;
}

static void walk_record(struct walk *w, CXType record, CXType written,
			const struct place *at);

struct chain_records {
	struct builder *b;
	struct table seen; /* USR */
};

static int is_chain_link(struct builder *b, CXType record)
{
	for (size_t i = 0; i < b->spec->chain_link_count; i++)
		if (clang_equalTypes(b->chain_link_types[i], record))
			return 1;
	return 0;
}

/* Every struct that can be a link (it has the link and tag fields) is
 * walked for its function pointers: each needs a decision, and one whose
 * fields cross needs a chain-link line, or it would cross unswapped. */
static enum CXChildVisitResult check_chain_record(CXCursor cursor,
						  CXCursor parent,
						  CXClientData data)
{
	struct chain_records *records = data;
	struct builder *b = records->b;
	CXType record = clang_getCanonicalType(clang_getCursorType(cursor));
	struct field_plan scratch = {0};
	struct walk w = {.b = b, .plan = &scratch, .in_chain = 1};
	char *usr, *name;

	(void)parent;
	if (clang_getCursorKind(cursor) != CXCursor_StructDecl ||
	    clang_Type_getSizeOf(record) <= 0 ||
	    clang_Type_getOffsetOf(record, b->spec->chain_field) < 0 ||
	    clang_Type_getOffsetOf(record, b->spec->chain_tag) < 0)
		return CXChildVisit_Continue;
	usr = take_string(clang_getCursorUSR(cursor));
	if (table_get(&records->seen, usr)) {
		free(usr);
		return CXChildVisit_Continue;
	}
	table_put(&records->seen, usr, (void *)"");
	name = take_string(clang_getCursorSpelling(cursor));
	{
		struct place at = {0, "", name, "->", 0, 0};

		scratch.nodes = calloc(1, sizeof(*scratch.nodes));
		scratch.node_count = 1;
		walk_record(&w, record, record, &at);
	}
	if (scratch.leaf_count && !is_chain_link(b, record)) {
		thunkgen_error("%s can be a link of a chain (%s.%s) and has "
			       "function pointers that cross; add 'chain-link "
			       "%s VALUE' to %s",
			       name, b->spec->chain_base, b->spec->chain_field,
			       name, b->spec->path);
		b->field_errors++;
	}
	free(scratch.nodes);
	free(usr);
	free(name);
	return CXChildVisit_Continue;
}

static void check_chain_records(struct builder *b)
{
	struct chain_records records = {b, {0}};

	b->chains_checked = 1;
	clang_visitChildren(clang_getTranslationUnitCursor(b->host),
			    check_chain_record, &records);
	table_free(&records.seen);
}

/* Follows a chain: every chain-link struct whose fields cross is a node
 * of its own (the first link with its tag), dropped when nothing under it
 * crosses. */
/* Whether a link may be in the chain of the struct named tag or alias. */
static int extends(const struct chain_link *link, const char *tag,
		   const char *alias)
{
	for (size_t i = 0; i < link->extends_count; i++)
		if (strcmp(link->extends[i], tag) == 0 ||
		    strcmp(link->extends[i], alias) == 0)
			return 1;
	return link->extends_count == 0;
}

static void follow_chain(struct walk *w, const struct place *at,
			 const char *member, const char *path,
			 const char *tag, const char *alias)
{
	struct builder *b = w->b;
	const struct spec *spec = b->spec;

	if (w->in_chain || resolve_chains(b) != 0)
		return;
	if (!b->chains_checked)
		check_chain_records(b);
	for (size_t i = 0; i < spec->chain_link_count; i++) {
		struct field_plan *plan = w->plan;
		size_t nodes = plan->node_count, leaves = plan->leaf_count;
		CXType record = b->chain_link_types[i];
		struct field_node *node;
		struct place inner = *at;
		char *link_path;

		if (record.kind != CXType_Record ||
		    !extends(&spec->chain_links[i], tag, alias))
			continue;
		((struct chain_link *)&spec->chain_links[i])->used = 1;
		plan->nodes = realloc(plan->nodes, (plan->node_count + 1) *
						       sizeof(*plan->nodes));
		node = &plan->nodes[plan->node_count++];
		memset(node, 0, sizeof(*node));
		node->parent = at->node;
		node->member = strdup(member);
		node->chain_tag = spec->chain_links[i].tag_value;
		node->chain_type = take_string(clang_getTypeSpelling(record));
		node->chain_base = strdup(b->chain_base_spelling);
		node->chain_spec = spec;
		link_path = format_string("%s<%s>", path,
					  spec->chain_links[i].record);
		inner.node = (int)nodes;
		inner.member = "";
		inner.path = link_path;
		inner.separator = "->";
		inner.storable = 0; /* written in place, restored after */
		w->in_chain = 1;
		walk_record(w, record, record, &inner);
		w->in_chain = 0;
		free(link_path);
		if (plan->leaf_count == leaves) {
			for (size_t k = nodes; k < plan->node_count; k++) {
				free(plan->nodes[k].member);
				free(plan->nodes[k].chain_type);
				free(plan->nodes[k].chain_base);
			}
			plan->node_count = nodes;
		}
	}
}

/* One field of a struct being walked. */
static void walk_field(struct record_visit *visit, CXCursor field)
{
	struct walk *w = visit->w;
	const struct place *at = visit->at;
	CXType written = clang_getCursorType(field);
	CXType type = clang_getCanonicalType(written);
	char *name = take_string(clang_getCursorSpelling(field));
	char *member = join(at->member, ".", name);
	char *path = field_path(at, name);
	struct place inner = *at;
	int array = 0;

	while (type.kind == CXType_ConstantArray ||
	       type.kind == CXType_IncompleteArray) {
		written = clang_getElementType(type);
		type = clang_getCanonicalType(written);
		array = 1;
	}
	inner.trapped = at->trapped || array;
	/* A pointer to function pointers is an array of them, by pointer
	 * (Xcms's XcmsFuncListPtr). */
	if (type.kind == CXType_Pointer &&
	    is_function_pointer(
		clang_getCanonicalType(clang_getPointeeType(type)))) {
		written = clang_getPointeeType(type);
		type = clang_getCanonicalType(written);
		array = 1;
	}
	if (!array && is_chain_field(w->b, visit->record, name, type)) {
		follow_chain(w, at, member, path, visit->tag, visit->alias);
	} else if (is_function_pointer(type)) {
		decide_field(w, at, visit->tag, visit->alias, field, written,
			     array);
	} else if (type.kind == CXType_Record) {
		inner.member = member;
		inner.path = path;
		walk_record(w, type, written, &inner);
	} else if (type.kind == CXType_Pointer && !array && !at->trapped) {
		follow_pointer(w, at, member, path, written);
	} else if (type.kind == CXType_Pointer) {
		/* Pointers inside arrays and unions: decisions are still
		 * needed, but nothing under them can be swapped. */
		struct field_plan scratch = {0};
		struct field_plan *plan = w->plan;

		w->plan = &scratch;
		scratch.node_count = 1;
		scratch.nodes = calloc(1, sizeof(*scratch.nodes));
		inner.member = "";
		inner.path = path;
		inner.separator = "->";
		inner.trapped = 1;
		if (clang_getCanonicalType(clang_getPointeeType(type)).kind ==
		    CXType_Record)
			walk_record(
			    w,
			    clang_getCanonicalType(clang_getPointeeType(type)),
			    written_pointee(written), &inner);
		free(scratch.nodes);
		w->plan = plan;
	}
	free(name);
	free(member);
	free(path);
}

static enum CXVisitorResult visit_field(CXCursor field, CXClientData data)
{
	walk_field(data, field);
	return CXVisit_Continue;
}

struct reach {
	struct table *seen; /* USRs of the records met */
	int found;
};

static int reaches_function_pointer(CXType record, struct table *seen);

static enum CXVisitorResult reach_field(CXCursor field, CXClientData data)
{
	struct reach *r = data;
	CXType type = clang_getCanonicalType(clang_getCursorType(field));

	while (type.kind == CXType_ConstantArray ||
	       type.kind == CXType_IncompleteArray)
		type = clang_getCanonicalType(clang_getElementType(type));
	if (is_function_pointer(type))
		r->found = 1;
	else if (type.kind == CXType_Pointer)
		type = clang_getCanonicalType(clang_getPointeeType(type));
	if (!r->found && type.kind == CXType_Record)
		r->found = reaches_function_pointer(type, r->seen);
	return r->found ? CXVisit_Break : CXVisit_Continue;
}

/* Whether any function pointer is reachable from `record` through its
 * fields and pointers, however deep (the tree of libxml2's documents is
 * deep and cyclic, and holds none). */
static int reaches_function_pointer(CXType record, struct table *seen)
{
	char *usr = take_string(
	    clang_getCursorUSR(clang_getTypeDeclaration(record)));
	struct reach r = {seen, 0};

	if (!table_get(seen, usr) && clang_Type_getSizeOf(record) >= 0) {
		table_put(seen, usr, (void *)"");
		clang_Type_visitFields(record, reach_field, &r);
	}
	free(usr);
	return r.found;
}

/*
 * A list (a struct pointing to its own type through `next`) whose fields
 * that cross are all kept callbacks (FreeType's glyph slots and their
 * finalizers): the guest converts those in the link itself in every link
 * before the call, and the closures stay, so nothing is restored and the
 * number of links does not matter. Kept fields further in (a slot's
 * face) are converted where the walk reaches them, through the first
 * link, like any kept field: in the calls that pass their struct. Any
 * other crossing field in a list could be swapped in its first link only.
 */
static void plan_list(struct walk *w, const struct place *at, size_t leaves,
		      const char *next)
{
	struct field_plan *plan = w->plan;

	for (size_t i = leaves; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];

		if (!next || at->member[0] || !leaf->kept ||
		    leaf->kind != FIELD_CALLBACK || !leaf->storable ||
		    w->in_callback) {
			w->why = format_string(
			    "%s is a chain of structs of one type with "
			    "function pointers that cross; only its first "
			    "link could be swapped",
			    at->path);
			return;
		}
	}
	for (size_t i = leaves; i < plan->leaf_count; i++) {
		if (plan->leaves[i].node != at->node)
			continue;
		plan->leaves[i].in_list = 1;
		plan->leaves[i].signature->as_closure = 1;
	}
	free(plan->nodes[at->node].list_next);
	plan->nodes[at->node].list_next = strdup(next);
}

/* Walks the fields of `record` (written as `written`) at `at`. */
static void walk_record(struct walk *w, CXType record, CXType written,
			const struct place *at)
{
	struct builder *b = w->b;
	CXCursor declaration = clang_getTypeDeclaration(record);
	char *usr = take_string(clang_getCursorUSR(declaration));
	size_t leaves = w->plan->leaf_count;
	int cycle = w->cycle;
	struct record_visit visit = {w, at, NULL, NULL, record};
	struct place inner = *at;

	if (table_get(&b->fieldless, usr) || clang_Type_getSizeOf(record) < 0) {
		free(usr);
		return;
	}
	for (int i = 0; i < w->depth; i++)
		if (clang_equalCursors(w->stack[i], declaration)) {
			/* A struct pointing to its own type is a list,
			 * whose first link only could be swapped; one met
			 * again further in is taken for a pointer back to
			 * the object already walked (FT_GlyphSlot's face). */
			w->cycle = 1;
			w->recurred[i] |= i == w->depth - 1;
			free(usr);
			return;
		}
	if (w->depth == MAX_NODE_DEPTH) {
		struct table seen = {0};

		if (reaches_function_pointer(record, &seen))
			w->why = format_string(
			    "%s nests structs with function pointers deeper "
			    "than %d",
			    at->path, MAX_NODE_DEPTH);
		table_free(&seen);
		free(usr);
		return;
	}
	w->recurred[w->depth] = 0;
	w->list_member[w->depth] = NULL;
	w->stack[w->depth++] = declaration;
	w->cycle = 0;
	visit.tag = take_string(clang_getCursorSpelling(declaration));
	if (is_anonymous_name(visit.tag))
		visit.tag[0] = '\0';
	visit.alias = typedef_name(written);
	if (clang_getCursorKind(declaration) == CXCursor_UnionDecl)
		inner.trapped = 1;
	visit.at = &inner;
	clang_Type_visitFields(record, visit_field, &visit);
	w->depth--;
	if (w->recurred[w->depth] && w->plan->leaf_count > leaves)
		plan_list(w, at, leaves, w->list_member[w->depth]);
	free(w->list_member[w->depth]);
	w->list_member[w->depth] = NULL;
	if (!w->cycle && !w->failed && !w->why && !w->skipped_at_free &&
	    w->plan->leaf_count == leaves && !inner.trapped && !at->trapped &&
	    !w->in_callback && !w->in_chain)
		table_put(&b->fieldless, usr, (void *)"");
	w->cycle |= cycle;
	free(visit.tag);
	free(visit.alias);
	free(usr);
}

int plan_fields(struct builder *b, CXType type, const char *owner,
		const char *name, int in_callback, int freeing,
		struct field_plan *plan, const char **why)
{
	CXType canonical = clang_getCanonicalType(type);
	struct walk w = {.b = b,
			 .owner = owner,
			 .plan = plan,
			 .in_callback = in_callback,
			 .freeing = freeing};
	struct place at = {0, "", name, "->", 1, 0};
	CXType record = canonical, written = type;

	memset(plan, 0, sizeof(*plan));
	*why = NULL;
	if (canonical.kind == CXType_Pointer) {
		written = written_pointee(type);
		record = clang_getCanonicalType(written);
		at.storable = !clang_isConstQualifiedType(written);
	} else {
		plan->by_value = 1;
		at.separator = ".";
	}
	if (record.kind != CXType_Record || clang_Type_getSizeOf(record) < 0 ||
	    (!plan->by_value && mirror_of(b, written)))
		return 0; /* a mirror carries its own functions */
	plan->nodes = calloc(1, sizeof(*plan->nodes));
	plan->node_count = 1;
	plan->nodes[0].parent = -1;
	plan->nodes[0].copied = !plan->by_value && !at.storable;
	/* A struct passed by value is the argument block's own copy. */
	at.storable = at.storable && !plan->by_value;
	walk_record(&w, record, written, &at);
	if (w.failed)
		return -1;
	*why = w.why;
	if (!plan->leaf_count)
		plan->node_count = 0;
	return 0;
}
