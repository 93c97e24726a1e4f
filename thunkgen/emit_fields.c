// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes the code that carries out a field plan (thunkgen.h: struct
 * field_plan) around a call. The guest side walks the structs a value
 * leads to and passes each decided function pointer in the argument
 * block, ready for the host (dlcall_guest_function_argument); the host
 * side walks them again, copies const structs it must write to, swaps in
 * host closures for the call and puts the guest's values back after it.
 * A library function left in a field afterwards becomes a guest stub.
 */
#include <stdlib.h>
#include <string.h>

#include "thunkgen.h"

static const char *const kind_names[] = {
    [FIELD_CALLBACK] = "callback-field",
    [FIELD_LIBRARY] = "library-field",
    [FIELD_OPAQUE] = "opaque-field",
};

/* Whether a leaf is converted after the call: one the library may have
 * stored into, and not a closure left there on purpose (kept). */
static int converted_after(const struct field_leaf *leaf)
{
	return leaf->storable && !leaf->kept;
}

/* Which leaves node_used() counts. */
enum {
	USED_AFTER = 1, /* only those converted after the call */
	USED_LISTS = 2, /* also those the guest converts in a list */
};

/* Whether node k leads to a leaf of those `used` counts. */
static int node_used(const struct field_plan *plan, int k, int used)
{
	for (size_t i = 0; i < plan->leaf_count; i++) {
		if ((used & USED_AFTER) && !converted_after(&plan->leaves[i]))
			continue;
		if (!(used & USED_LISTS) && plan->leaves[i].in_list)
			continue;
		for (int n = plan->leaves[i].node; n >= 0;
		     n = plan->nodes[n].parent)
			if (n == k)
				return 1;
	}
	return 0;
}

/* The variable holding node k: PREFIX_node_ROOT_k. */
static char *node_variable(const char *prefix, const char *root, int k)
{
	return format_string("%snode_%s_%d", prefix, root, k);
}

void emit_field_members(FILE *out, const struct field_plan *plan)
{
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];

		if (leaf->in_list)
			continue;
		fprintf(out,
			"\t/* spec line %d: %s %s */\n\tvoid *%s;\n"
			"\tdlcall_guest_invoker %s_invoker;\n",
			leaf->spec_line, kind_names[leaf->kind], leaf->path,
			leaf->name, leaf->name);
	}
}

/*
 * A chain's link: the first one, from parent->member on, whose tag is the
 * node's (spec: chain-link). The host writes into it in place and puts
 * the guest's values back after the call; memory the guest cannot write
 * (a static const link) is reported in one line, not written.
 */
static void emit_chain_node(FILE *out, const char *prefix, const char *root,
			    const struct field_plan *plan, int k,
			    const char *host_function)
{
	const struct field_node *node = &plan->nodes[k];
	const struct spec *spec = node->chain_spec;
	char *self = node_variable(prefix, root, k);
	char *parent = node_variable(prefix, root, node->parent);

	fprintf(out,
		"\t/* The %s link of the chain from %s->%s. */\n"
		"\t%s *%s = NULL;\n"
		"\tfor (const %s *link_%s = %s ? (const void *)%s->%s : "
		"NULL;\n\t     link_%s && !%s;\n"
		"\t     link_%s = (const void *)link_%s->%s)\n"
		"\t\tif (link_%s->%s == %s)\n"
		"\t\t\t%s = (void *)link_%s;\n",
		node->chain_tag, parent, node->member, node->chain_type, self,
		node->chain_base, self, parent, parent, node->member, self,
		self, self, self, spec->chain_field, self, spec->chain_tag,
		node->chain_tag, self, self);
	if (host_function)
		fprintf(out,
			"\tif (%s && !dlcall_host_writable(%s, sizeof(*%s)))\n"
			"\t\tdlcall_host_fail(\"%s: a %s link in memory the "
			"program cannot write: its function pointers cannot "
			"cross\");\n",
			self, self, self, host_function, node->chain_tag);
	free(self);
	free(parent);
}

/*
 * Declares the node variables: node 0 from `root_value`, the others from
 * their parents. The host copies const structs it will write to
 * (`copy`), pointing the parent at the copy until the call returns.
 */
static void emit_nodes(FILE *out, const char *prefix, const char *root,
		       const char *root_value, const struct field_plan *plan,
		       int used, int copy, const char *host_function)
{
	for (size_t k = 0; k < plan->node_count; k++) {
		const struct field_node *node = &plan->nodes[k];
		char *self = node_variable(prefix, root, (int)k), *parent;

		if (!node_used(plan, (int)k, used)) {
			free(self);
			continue;
		}
		if (k == 0) {
			fprintf(out, "\t__typeof__(%s) %s = %s;\n", root_value,
				self, root_value);
		} else if (node->chain_tag) {
			emit_chain_node(out, prefix, root, plan, (int)k,
					copy ? host_function : NULL);
		} else {
			parent = node_variable(prefix, root, node->parent);
			/* &*: the pointer without the qualifiers a const
			 * struct's member has. */
			fprintf(
			    out,
			    "\t__typeof__(&*%s->%s) %s =\n\t\t%s ? %s->%s : "
			    "NULL;\n",
			    parent, node->member, self, parent, parent,
			    node->member);
			free(parent);
		}
		if (copy && node->copied && node->lasting)
			fprintf(out,
				"\t/* const, maybe read-only, and the library "
				"keeps it: a copy\n\t * that lasts (one per "
				"call, never freed). */\n"
				"\tvoid *copy_%s = %s ? malloc(sizeof(*%s)) : "
				"NULL;\n"
				"\tif (%s && !copy_%s)\n"
				"\t\tdlcall_host_fail(\"%s: out of memory for a "
				"lasting copy\");\n",
				self, self, self, self, self, host_function);
		else if (copy && node->copied)
			fprintf(out,
				"\t/* const, maybe read-only: the library gets "
				"a copy. */\n"
				"\t_Alignas(__typeof__(*%s)) unsigned char\n"
				"\t\tcopy_%s[sizeof(*%s)];\n",
				self, self, self);
		if (copy && node->copied && k > 0)
			fprintf(out, "\tvoid *original_%s = (void *)%s;\n",
				self, self);
		if (copy && node->copied)
			fprintf(
			    out,
			    "\tif (%s) {\n\t\tmemcpy(copy_%s, %s, "
			    "sizeof(*%s));\n\t\t%s = (void *)copy_%s;\n",
			    self, self, self, self, self, self);
		if (copy && node->copied && k == 0)
			fprintf(out, "\t\t%s = (void *)copy_%s;\n\t}\n",
				root_value, self);
		else if (copy && node->copied) {
			parent = node_variable(prefix, root, node->parent);
			fprintf(out, "\t\t*(void **)&%s->%s = copy_%s;\n\t}\n",
				parent, node->member, self);
			free(parent);
		}
		free(self);
	}
}

/*
 * A field in every link of a list that needs nothing put back (spec:
 * kept, or at-free in a freeing call; FreeType's glyph slots): the guest's
 * functions become host closures in place; host functions and closures
 * stay as they are.
 */
static void emit_list_leaf(FILE *out, const char *node,
			   const struct field_plan *plan,
			   const struct field_leaf *leaf)
{
	const char *next = plan->nodes[leaf->node].list_next;
	const char *field = leaf->member;

	fprintf(out,
		"\t/* spec line %d: %s %s, %s, in every link\n"
		"\t * of the list through %s: converted in place. */\n"
		"\tfor (__typeof__(%s) link = %s; link; link = link->%s)\n"
		"\t\tif (link->%s &&\n"
		"\t\t    !dlcall_guest_is_host_function((void *)link->%s))\n"
		"\t\t\t*(void **)&link->%s = host_closure(\n"
		"\t\t\t\t(void *)link->%s, invoke_%s, "
		"CLOSURE_%s);\n",
		leaf->spec_line, kind_names[leaf->kind], leaf->path,
		leaf->at_free ? "at-free" : "kept", next, node, node, next,
		field, field, field, field, leaf->signature->name,
		leaf->signature->name);
}

void emit_guest_fields_before(FILE *out, const char *root,
			      const char *root_value,
			      const struct field_plan *plan)
{
	emit_nodes(out, "dlcall_", root, root_value, plan, USED_LISTS, 0, NULL);
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];
		char *node = node_variable("dlcall_", root, leaf->node);

		if (leaf->in_list) {
			emit_list_leaf(out, node, plan, leaf);
			free(node);
			continue;
		}
		fprintf(out,
			"\tvoid *dlcall_guest_%s =\n\t\t%s ? (void *)%s->%s "
			": NULL;\n"
			"\tstatic void *dlcall_seen_%s;\n"
			"\tdlcall_args.%s = dlcall_guest_field_argument_seen(\n"
			"\t\tdlcall_guest_%s, invoke_%s,\n"
			"\t\t&dlcall_args.%s_invoker, &dlcall_seen_%s);\n",
			leaf->name, node, node, leaf->member, leaf->name,
			leaf->name, leaf->name, leaf->signature->name,
			leaf->name, leaf->name);
		free(node);
	}
}

/* A function in a field the guest may call: a stub unless it is one. */
static void emit_stub_field(FILE *out, const char *node,
			    const struct field_leaf *leaf)
{
	fprintf(out,
		"\t\t*(void **)&%s->%s = dlcall_guest_stub(\n"
		"\t\t\t(void *)%s->%s, (void *)stub_%s);\n",
		node, leaf->member, node, leaf->member, leaf->signature->name);
}

/*
 * After the call: the host functions the library left in what the value
 * leads to become stubs the guest can call. With `unchanged_guest`, a
 * field still holding what the guest passed (dlcall_guest_NAME) is not
 * looked at again.
 */
static void emit_stub_conversions(FILE *out, const char *prefix,
				  const char *root, const char *root_value,
				  const struct field_plan *plan,
				  int unchanged_guest)
{
	if (!node_used(plan, 0, USED_AFTER))
		return;
	fprintf(out,
		"\t/* Host functions the library left in what %s leads "
		"to:\n\t * callable by the guest, as stubs. */\n",
		root);
	emit_nodes(out, prefix, root, root_value, plan, USED_AFTER, 0, NULL);
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];
		char *node = node_variable(prefix, root, leaf->node);

		if (!converted_after(leaf)) {
			free(node);
			continue;
		}
		fprintf(out, "\tif (%s && /* spec line %d */\n", node,
			leaf->spec_line);
		if (unchanged_guest)
			fprintf(out, "\t    (void *)%s->%s != dlcall_guest_%s &&\n",
				node, leaf->member, leaf->name);
		fprintf(out,
			"\t    dlcall_guest_is_host_function((void *)%s->%s))\n",
			node, leaf->member);
		emit_stub_field(out, node, leaf);
		free(node);
	}
}

void emit_guest_fields_after(FILE *out, const char *root,
			     const char *root_value,
			     const struct field_plan *plan)
{
	emit_stub_conversions(out, "dlcall_after_", root, root_value, plan, 1);
}

void emit_guest_result_fields(FILE *out, const char *root,
			      const char *root_value,
			      const struct field_plan *plan)
{
	emit_stub_conversions(out, "dlcall_", root, root_value, plan, 0);
}

void emit_host_fields_before(FILE *out, const char *function, const char *root,
			     const char *root_value,
			     const struct field_plan *plan)
{
	fprintf(out,
		"\n\t/* Function pointers in what %s leads to cross as host "
		"closures\n\t * for the call; the guest's own values come "
		"back after it. */\n",
		root);
	emit_nodes(out, "", root, root_value, plan, 0, 1, function);
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];
		char *node = node_variable("", root, leaf->node);
		const char *n = leaf->name;

		if (leaf->in_list) {
			fprintf(out,
				"\t/* spec line %d: %s, kept: the guest made "
				"closures of it. */\n",
				leaf->spec_line, leaf->path);
			free(node);
			continue;
		}
		fprintf(out,
			"\t/* spec line %d: %s %s */\n"
			"\tvoid **slot_%s = NULL;\n"
			"\tvoid *saved_%s = NULL, *closure_%s = NULL;\n"
			"\tif (%s) {\n"
			"\t\tslot_%s = (void **)&%s->%s;\n"
			"\t\tsaved_%s = *slot_%s;\n"
			"\t\tclosure_%s = dlcall_host_closure(\n"
			"\t\t\t&%s_signature, a->%s,\n"
			"\t\t\ta->%s_invoker, \"%s\");\n"
			"\t\t*slot_%s = closure_%s;\n\t}\n",
			leaf->spec_line, kind_names[leaf->kind], leaf->path, n,
			n, n, node, n, node, leaf->member, n, n, n,
			leaf->signature->name, n, n, function, n, n);
		free(node);
	}
	for (size_t i = 0; i < plan->leaf_count; i++)
		if (plan->leaves[i].at_free && !plan->leaves[i].in_list) {
			fprintf(out,
				"\tunsigned long callbacks_before_%s = "
				"dlcall_host_callbacks_run();\n",
				root);
			break;
		}
	fputc('\n', out);
}

/*
 * After a call that may free what `root` points to (spec frees): nothing
 * is restored, but for an at-free field whose guest function did not run
 * (nor any other): its struct, which would have run it when freed, lives.
 */
void emit_host_fields_freed(FILE *out, int spec_line, const char *root,
			    const struct field_plan *plan)
{
	fprintf(out, "\t/* spec line %d: freed by the call, not restored. */\n",
		spec_line);
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];
		const char *n = leaf->name;

		if (leaf->in_list)
			continue;
		if (!leaf->at_free) {
			fprintf(out, "\t(void)saved_%s;\n", n);
			continue;
		}
		fprintf(out,
			"\t/* spec line %d: at-free, and no guest function "
			"ran: its struct lives. */\n"
			"\tif (closure_%s && *slot_%s == closure_%s &&\n"
			"\t    dlcall_host_callbacks_run() == "
			"callbacks_before_%s)\n"
			"\t\t*slot_%s = saved_%s;\n",
			leaf->spec_line, n, n, n, root, n, n);
	}
}

void emit_host_fields_after(FILE *out, const char *root,
			    const struct field_plan *plan)
{
	for (size_t i = plan->leaf_count; i-- > 0;) {
		const char *n = plan->leaves[i].name;

		if (plan->leaves[i].in_list)
			continue;
		if (plan->leaves[i].kept) {
			fprintf(out,
				"\t/* spec line %d: kept, the library calls "
				"it later. */\n\t(void)saved_%s;\n",
				plan->leaves[i].spec_line, n);
			continue;
		}
		fprintf(out,
			"\tif (slot_%s && *slot_%s == closure_%s)\n"
			"\t\t*slot_%s = saved_%s;\n",
			n, n, n, n, n);
	}
	for (size_t k = plan->node_count; k-- > 1;) {
		const struct field_node *node = &plan->nodes[k];
		char *self = node_variable("", root, (int)k), *parent;

		if (!node->copied || !node_used(plan, (int)k, 0)) {
			free(self);
			continue;
		}
		parent = node_variable("", root, node->parent);
		fprintf(out,
			"\tif (original_%s)\n\t\t*(void **)&%s->%s = "
			"original_%s;\n",
			self, parent, node->member, self);
		free(parent);
		free(self);
	}
}

/* After a callback returned: guest functions it stored where the library
 * will call them (in what its argument leads to) become host closures;
 * the guest asks the host for them. Host functions stay. */
void emit_callback_argument_fields(FILE *out, const char *root,
				   const char *argument,
				   const struct field_plan *plan)
{
	if (!plan->leaf_count)
		return;
	emit_nodes(out, "callback_", root, argument, plan, 0, 0, NULL);
	for (size_t i = 0; i < plan->leaf_count; i++) {
		const struct field_leaf *leaf = &plan->leaves[i];
		char *node = node_variable("callback_", root, leaf->node);

		fprintf(out,
			"\t/* spec line %d: the library calls what the guest "
			"stored. */\n"
			"\tif (%s && %s->%s &&\n"
			"\t    !dlcall_guest_is_host_function((void *)%s->%s))\n"
			"\t\t*(void **)&%s->%s = host_closure(\n"
			"\t\t\t(void *)%s->%s, invoke_%s, CLOSURE_%s);\n",
			leaf->spec_line, node, node, leaf->member, node,
			leaf->member, node, leaf->member, node, leaf->member,
			leaf->signature->name, leaf->signature->name);
		free(node);
	}
}
