// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Providers written in the program (OSSL_PROVIDER_add_builtin), guest
 * side. The provider and the library exchange OSSL_DISPATCH tables:
 * { id, function } pairs ending at id 0, whose ids select the functions'
 * types within a name space (spec: dispatch). When the library loads the
 * provider, it runs load_program_provider() in its place, which gives the
 * provider the core's table as guest stubs and the library the
 * provider's as host closures. query_operation answers with OSSL_ALGORITHM
 * arrays whose implementation tables are translated the same way, for the
 * operation asked. When the guest's own library serves (SPEC §7) it gets
 * the call as is.
 */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>

#include "dlcall/guest.h"
#include "crypto-thunk.h"
#include "provider_host.h"

/* A provider the program registered, by library context and name. */
struct program_provider {
	OSSL_LIB_CTX *libctx;
	char *name;
	OSSL_provider_init_fn *init;
	struct program_provider *next;
};

/* A provider loaded, from its init to its teardown, with the functions of
 * its table that ours stand in for: ours find it by the context its init
 * chose, which the library passes them. */
struct loaded_provider {
	void *context;
	OSSL_FUNC_provider_query_operation_fn *query;
	OSSL_FUNC_provider_unquery_operation_fn *unquery;
	OSSL_FUNC_provider_teardown_fn *teardown;
	struct loaded_provider *next;
};

/* An algorithm array the provider answered with and the library's copy;
 * kept while its entries stay the same, so that the copy handed out
 * before still holds (another thread may be reading it). */
struct translated_algorithms {
	OSSL_ALGORITHM *original, *seen, *copy;
	size_t count;
	struct translated_algorithms *next;
};

static pthread_mutex_t providers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct program_provider *providers;
static struct loaded_provider *loaded;
static struct translated_algorithms *translations;

/* The name spaces: the operations' (prefix of their function types). */
static const char *operation_prefix(int operation_id)
{
	static const struct {
		int id;
		const char *prefix;
	} operations[] = {
	    {OSSL_OP_DIGEST, "digest_"},
	    {OSSL_OP_CIPHER, "cipher_"},
	    {OSSL_OP_MAC, "mac_"},
	    {OSSL_OP_KDF, "kdf_"},
	    {OSSL_OP_RAND, "rand_"},
	    {OSSL_OP_KEYMGMT, "keymgmt_"},
	    {OSSL_OP_KEYEXCH, "keyexch_"},
	    {OSSL_OP_SIGNATURE, "signature_"},
	    {OSSL_OP_ASYM_CIPHER, "asym_cipher_"},
	    {OSSL_OP_KEM, "kem_"},
	    {OSSL_OP_ENCODER, "encoder_"},
	    {OSSL_OP_DECODER, "decoder_"},
	    {OSSL_OP_STORE, "store_"},
	};

	for (size_t i = 0; i < sizeof(operations) / sizeof(*operations); i++)
		if (operations[i].id == operation_id)
			return operations[i].prefix;
	return NULL;
}

static int has_prefix(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/* Whether a function type is the core's: no operation's, and below the
 * provider's own ids (1024 on: provider_teardown ...). */
static int core_type(const struct thunk_dispatch_type *type)
{
	for (int operation = 1; operation < 64; operation++) {
		const char *prefix = operation_prefix(operation);

		if (prefix && has_prefix(type->name, prefix))
			return 0;
	}
	return type->id < 1024;
}

/* The type of `id` in a name space: an operation's prefix, "provider_"
 * for the provider's own functions, NULL for the core's. */
static const struct thunk_dispatch_type *dispatch_type(const char *prefix,
						       int id)
{
	for (const struct thunk_dispatch_type *type = thunk_dispatch_types;
	     type->name; type++)
		if (type->id == id &&
		    (prefix ? has_prefix(type->name, prefix) : core_type(type)))
			return type;
	return NULL;
}

static size_t dispatch_length(const OSSL_DISPATCH *table)
{
	size_t count = 0;

	while (table && table[count].function_id)
		count++;
	return count;
}

/* The function of `id` in a table, or NULL. */
static void (*dispatch_function(const OSSL_DISPATCH *table, int id))(void)
{
	for (; table && table->function_id; table++)
		if (table->function_id == id)
			return table->function;
	return NULL;
}

/*
 * The core's functions taking a va_list, whose type differs between ABIs:
 * entries of stubs (dlcall_guest_stub) that format with the guest's C
 * library, as BIO_printf() does (spec printf-function), and hand the host
 * function the message.
 */
static void core_vset_error(const OSSL_CORE_HANDLE *handle, uint32_t reason,
			    const char *format, va_list arguments)
{
	void *host = dlcall_guest_stub_target(); /* first: see guest.h */
	char *message = dlcall_guest_vformat(format, arguments);

	dlcall_crypto_core_set_error(host, handle, reason, message);
	free(message);
}

static int core_bio_vprintf(OSSL_CORE_BIO *bio, const char *format,
			    va_list arguments)
{
	void *host = dlcall_guest_stub_target();
	char *message = dlcall_guest_vformat(format, arguments);
	int written =
	    message ? dlcall_crypto_core_bio_print(host, bio, message) : -1;

	free(message);
	return written;
}

/* BIO_vsnprintf's contract: -1 when the text does not fit. */
static int core_bio_vsnprintf(char *buffer, size_t size, const char *format,
			      va_list arguments)
{
	int length = vsnprintf(buffer, size, format, arguments);

	return length < 0 || (size_t)length >= size ? -1 : length;
}

/* The entry of a core function the generator could not make a stub for,
 * or NULL. */
static void *core_entry_by_hand(int id)
{
	switch (id) {
	case OSSL_FUNC_CORE_VSET_ERROR:
		return (void *)core_vset_error;
	case OSSL_FUNC_BIO_VPRINTF:
		return (void *)core_bio_vprintf;
	case OSSL_FUNC_BIO_VSNPRINTF:
		return (void *)core_bio_vsnprintf;
	}
	return NULL;
}

/* The core's table as the provider calls it: guest stubs. A function
 * whose id this library's headers do not know is left out, as a
 * provider built with them would not know it either. */
static OSSL_DISPATCH *stubs_of_core(const OSSL_DISPATCH *in)
{
	OSSL_DISPATCH *table = calloc(dispatch_length(in) + 1, sizeof(*table));
	size_t used = 0;

	if (!table)
		return NULL;
	for (size_t i = 0; in && in[i].function_id; i++) {
		const struct thunk_dispatch_type *type =
		    dispatch_type(NULL, in[i].function_id);

		if (!type)
			continue;
		/* Left out like an unknown id: a type the generator refused
		 * with no entry by hand (none in 3.0). */
		if (type->unusable && !core_entry_by_hand(in[i].function_id))
			continue;
		table[used].function_id = in[i].function_id;
		table[used++].function =
		    type->unusable ? (void (*)(void))dlcall_guest_stub(
					 (void *)in[i].function,
					 core_entry_by_hand(in[i].function_id))
				   : (void (*)(void))thunk_dispatch_stub(
					 type, (void *)in[i].function);
	}
	return table;
}

/* A core table the program hands back to the library (a child library
 * context made from the one its provider got): stubs go as the host
 * functions they stand for, any function of the program's own as a
 * closure. */
static OSSL_DISPATCH *host_core_table(const OSSL_DISPATCH *in)
{
	OSSL_DISPATCH *table = calloc(dispatch_length(in) + 1, sizeof(*table));
	size_t used = 0;

	if (!table)
		return NULL;
	for (size_t i = 0; in && in[i].function_id; i++) {
		const struct thunk_dispatch_type *type =
		    dispatch_type(NULL, in[i].function_id);
		void *function = (void *)in[i].function;
		void *host = dlcall_guest_unwrap(function);

		if (host)
			function = host;
		else if (type && !type->unusable)
			function = thunk_dispatch_closure(type, function);
		else
			continue;
		table[used].function_id = in[i].function_id;
		table[used++].function = (void (*)(void))function;
	}
	return table;
}

EXPORT OSSL_LIB_CTX *OSSL_LIB_CTX_new_child(const OSSL_CORE_HANDLE *handle,
					    const OSSL_DISPATCH *in)
{
	static void *cache;
	__typeof__(&OSSL_LIB_CTX_new_child) own =
	    (__typeof__(&OSSL_LIB_CTX_new_child))thunk_own_function(
		"OSSL_LIB_CTX_new_child", &cache);
	OSSL_DISPATCH *table;
	OSSL_LIB_CTX *context;

	if (own)
		return own(handle, in);
	table = host_core_table(in);
	context =
	    table ? pass_through_OSSL_LIB_CTX_new_child(handle, table) : NULL;

	free(table); /* the library copies the functions it keeps */
	return context;
}

EXPORT OSSL_LIB_CTX *
OSSL_LIB_CTX_new_from_dispatch(const OSSL_CORE_HANDLE *handle,
			       const OSSL_DISPATCH *in)
{
	static void *cache;
	__typeof__(&OSSL_LIB_CTX_new_from_dispatch) own =
	    (__typeof__(&OSSL_LIB_CTX_new_from_dispatch))thunk_own_function(
		"OSSL_LIB_CTX_new_from_dispatch", &cache);
	OSSL_DISPATCH *table;
	OSSL_LIB_CTX *context;

	if (own)
		return own(handle, in);
	table = host_core_table(in);
	context =
	    table ? pass_through_OSSL_LIB_CTX_new_from_dispatch(handle, table)
		  : NULL;

	free(table);
	return context;
}

/* A table of the provider's as the library calls it: host closures; a
 * host function (an algorithm of the library's own provider that the
 * program hands on) stays itself. */
static OSSL_DISPATCH *closures_of(const OSSL_DISPATCH *table,
				  const char *prefix)
{
	OSSL_DISPATCH *copy = calloc(dispatch_length(table) + 1, sizeof(*copy));
	size_t used = 0;

	if (!copy)
		return NULL;
	for (size_t i = 0; table[i].function_id; i++) {
		const struct thunk_dispatch_type *type =
		    dispatch_type(prefix, table[i].function_id);

		if (!type || type->unusable)
			continue;
		copy[used].function_id = table[i].function_id;
		copy[used++].function = (void (*)(void))thunk_dispatch_closure(
		    type, (void *)table[i].function);
	}
	return copy;
}

static struct program_provider *provider_named(OSSL_LIB_CTX *libctx,
					       const char *name)
{
	for (struct program_provider *p = providers; p; p = p->next)
		if (p->libctx == libctx && strcmp(p->name, name) == 0)
			return p;
	return NULL;
}
static struct loaded_provider *loaded_with(void *context)
{
	for (struct loaded_provider *l = loaded; l; l = l->next)
		if (l->context == context)
			return l;
	return NULL;
}

/* Records a load (held by providers_lock). Two loads that chose one
 * context could not be told apart, unless their functions are the same
 * (one provider loaded twice with a static context). */
static void add_loaded(void *context, const OSSL_DISPATCH *own)
{
	struct loaded_provider *other = loaded_with(context);
	struct loaded_provider *l = calloc(1, sizeof(*l));

	if (!l)
		abort();
	l->context = context;
	l->query = (OSSL_FUNC_provider_query_operation_fn *)dispatch_function(
	    own, OSSL_FUNC_PROVIDER_QUERY_OPERATION);
	l->unquery =
	    (OSSL_FUNC_provider_unquery_operation_fn *)dispatch_function(
		own, OSSL_FUNC_PROVIDER_UNQUERY_OPERATION);
	l->teardown = (OSSL_FUNC_provider_teardown_fn *)dispatch_function(
	    own, OSSL_FUNC_PROVIDER_TEARDOWN);
	if (other &&
	    (other->query != l->query || other->unquery != l->unquery ||
	     other->teardown != l->teardown))
		dlcall_guest_unsupported(THUNK_SONAME,
					 "two providers of the program loaded "
					 "with one context",
					 "their queries are told apart by it");
	l->next = loaded;
	loaded = l;
}

/* The provider being loaded, by the library context and name the core
 * tells (its table of stubs). A built-in provider's core context is its
 * library context (provider-base(7)). */
static struct program_provider *provider_loaded(const OSSL_CORE_HANDLE *handle,
						const OSSL_DISPATCH *core)
{
	const char *name = NULL;
	OSSL_PARAM asked[] = {
	    {OSSL_PROV_PARAM_CORE_PROV_NAME, OSSL_PARAM_UTF8_PTR, &name,
	     sizeof(name), 0},
	    {NULL, 0, NULL, 0, 0},
	};
	OSSL_FUNC_core_get_params_fn *get_params =
	    (OSSL_FUNC_core_get_params_fn *)dispatch_function(
		core, OSSL_FUNC_CORE_GET_PARAMS);
	OSSL_FUNC_core_get_libctx_fn *get_libctx =
	    (OSSL_FUNC_core_get_libctx_fn *)dispatch_function(
		core, OSSL_FUNC_CORE_GET_LIBCTX);
	struct program_provider *p;
	OSSL_LIB_CTX *libctx;

	if (!get_params || !get_libctx || !get_params(handle, asked) || !name)
		return NULL;
	/* The library keeps NULL for the default context, as registered. */
	libctx = (OSSL_LIB_CTX *)get_libctx(handle);
	if (!libctx)
		libctx = OSSL_LIB_CTX_get0_global_default();
	pthread_mutex_lock(&providers_lock);
	p = provider_named(libctx, name);
	pthread_mutex_unlock(&providers_lock);
	return p;
}

static OSSL_FUNC_provider_query_operation_fn query_program_provider;
static OSSL_FUNC_provider_unquery_operation_fn unquery_program_provider;
static OSSL_FUNC_provider_teardown_fn teardown_program_provider;

/* Ours in place of the provider's, by id. */
static void *own_function(int id)
{
	switch (id) {
	case OSSL_FUNC_PROVIDER_QUERY_OPERATION:
		return (void *)query_program_provider;
	case OSSL_FUNC_PROVIDER_UNQUERY_OPERATION:
		return (void *)unquery_program_provider;
	case OSSL_FUNC_PROVIDER_TEARDOWN:
		return (void *)teardown_program_provider;
	}
	return NULL;
}

/* The provider's own table for the library; its query and teardown
 * functions go through ours, which find it by its context. */
static const OSSL_DISPATCH *provider_table(const OSSL_DISPATCH *own)
{
	OSSL_DISPATCH *table = closures_of(own, "provider_");
	size_t count = dispatch_length(table);

	/* Ours even where the provider has none, to know its end. */
	if (table && !dispatch_function(own, OSSL_FUNC_PROVIDER_TEARDOWN)) {
		table = realloc(table, (count + 2) * sizeof(*table));
		if (!table)
			abort();
		table[count].function_id = OSSL_FUNC_PROVIDER_TEARDOWN;
		table[count + 1].function_id = 0;
		table[count + 1].function = NULL;
	}
	for (size_t i = 0; table && table[i].function_id; i++) {
		void *ours = own_function(table[i].function_id);

		if (ours)
			table[i].function =
			    (void (*)(void))thunk_dispatch_closure(
				dispatch_type("provider_",
					      table[i].function_id),
				ours);
	}
	return table;
}

/* Runs, for the library, in place of the init function of a provider the
 * program registered. */
static int load_program_provider(const OSSL_CORE_HANDLE *handle,
				 const OSSL_DISPATCH *in,
				 const OSSL_DISPATCH **out, void **context)
{
	OSSL_DISPATCH *core = stubs_of_core(in);
	struct program_provider *p =
	    core ? provider_loaded(handle, core) : NULL;
	const OSSL_DISPATCH *own = NULL;

	if (!p)
		return 0;
	if (!p->init(handle, core, &own, context))
		return 0;
	*out = own ? provider_table(own) : NULL;
	pthread_mutex_lock(&providers_lock);
	add_loaded(*context, own);
	pthread_mutex_unlock(&providers_lock);
	return 1;
}

/* Whether the provider's array still holds what was translated. */
static int same_algorithms(const struct translated_algorithms *t,
			   const OSSL_ALGORITHM *answer, size_t count)
{
	return t->original == answer && t->count == count &&
	       memcmp(t->seen, answer, (count + 1) * sizeof(*answer)) == 0;
}

/* The library's copy of an algorithm array: its implementation tables
 * translated for the operation (held by providers_lock). */
static OSSL_ALGORITHM *translate_algorithms(const OSSL_ALGORITHM *answer,
					    const char *prefix)
{
	struct translated_algorithms *t;
	size_t count = 0;

	while (answer[count].algorithm_names)
		count++;
	for (t = translations; t; t = t->next)
		if (same_algorithms(t, answer, count))
			return t->copy;
	t = calloc(1, sizeof(*t));
	t->seen = malloc((count + 1) * sizeof(*answer));
	t->copy = malloc((count + 1) * sizeof(*answer));
	if (!t->seen || !t->copy)
		abort();
	memcpy(t->seen, answer, (count + 1) * sizeof(*answer));
	memcpy(t->copy, answer, (count + 1) * sizeof(*answer));
	for (size_t i = 0; i < count; i++)
		if (answer[i].implementation)
			t->copy[i].implementation =
			    closures_of(answer[i].implementation, prefix);
	t->original = (OSSL_ALGORITHM *)answer;
	t->count = count;
	t->next = translations;
	translations = t;
	return t->copy;
}

static const OSSL_ALGORITHM *
query_program_provider(void *context, int operation_id, int *no_store)
{
	const char *prefix = operation_prefix(operation_id);
	OSSL_FUNC_provider_query_operation_fn *query;
	const OSSL_ALGORITHM *answer;

	pthread_mutex_lock(&providers_lock);
	/* Ours is in the table of a load only, and called before its
	 * teardown. */
	assert(loaded_with(context));
	query = loaded_with(context)->query;
	pthread_mutex_unlock(&providers_lock);
	answer = query(context, operation_id, no_store);
	/* An operation this library's headers do not know: none. */
	if (answer && !prefix) {
		unquery_program_provider(context, operation_id, answer);
		return NULL;
	}
	if (!answer)
		return NULL;
	pthread_mutex_lock(&providers_lock);
	answer = translate_algorithms(answer, prefix);
	pthread_mutex_unlock(&providers_lock);
	return answer;
}

/* The provider gets back the array it answered with. */
static void unquery_program_provider(void *context, int operation_id,
				     const OSSL_ALGORITHM *copy)
{
	OSSL_FUNC_provider_unquery_operation_fn *unquery;
	const OSSL_ALGORITHM *answer = copy;

	pthread_mutex_lock(&providers_lock);
	assert(loaded_with(context));
	unquery = loaded_with(context)->unquery;
	for (struct translated_algorithms *t = translations; t; t = t->next)
		if (t->copy == copy)
			answer = t->original;
	pthread_mutex_unlock(&providers_lock);
	if (unquery)
		unquery(context, operation_id, answer);
}

/* The provider's teardown, after which its context may be another's. */
static void teardown_program_provider(void *context)
{
	OSSL_FUNC_provider_teardown_fn *teardown = NULL;

	pthread_mutex_lock(&providers_lock);
	for (struct loaded_provider **l = &loaded; *l; l = &(*l)->next)
		if ((*l)->context == context) {
			struct loaded_provider *gone = *l;

			teardown = gone->teardown;
			*l = gone->next;
			free(gone);
			break;
		}
	pthread_mutex_unlock(&providers_lock);
	if (teardown)
		teardown(context);
}

EXPORT int OSSL_PROVIDER_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
				     OSSL_provider_init_fn *init_fn)
{
	static void *cache;
	__typeof__(&OSSL_PROVIDER_add_builtin) own =
	    (__typeof__(&OSSL_PROVIDER_add_builtin))thunk_own_function(
		"OSSL_PROVIDER_add_builtin", &cache);
	struct program_provider *p;

	if (own)
		return own(libctx, name, init_fn);
	/* The library's own init function (a stub) goes as it is. */
	if (!name || !init_fn || dlcall_guest_unwrap((void *)init_fn))
		return dlcall_crypto_add_builtin(libctx, name, init_fn);
	if (!libctx)
		libctx = OSSL_LIB_CTX_get0_global_default();
	pthread_mutex_lock(&providers_lock);
	/* The library keeps the first registration of a name, as we do. */
	if (!provider_named(libctx, name)) {
		p = calloc(1, sizeof(*p));
		if (!p || !(p->name = strdup(name)))
			abort();
		p->libctx = libctx;
		p->init = init_fn;
		p->next = providers;
		providers = p;
	}
	pthread_mutex_unlock(&providers_lock);
	return dlcall_crypto_add_builtin(libctx, name, load_program_provider);
}
