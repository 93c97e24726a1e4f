// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * OSSL_PROVIDER_add_builtin(), guest side. A provider written in the
 * program exchanges dispatch tables with the library: arrays of functions
 * whose types their ids select, the core's for the provider to call and
 * the provider's for the library to call, which cannot cross as they are
 * (spec: opaque-field OSSL_DISPATCH.function). Registering one works as
 * natively; loading it ends the program with one line instead of the
 * crash either side's call would be. When the guest's own library serves
 * (SPEC §7) it gets the call as is.
 */
#include "dlcall/guest.h"
#include "crypto-thunk.h"

/* Runs in place of the program's provider, when the library loads it. */
static int refuse_provider(const OSSL_CORE_HANDLE *handle,
			   const OSSL_DISPATCH *in, const OSSL_DISPATCH **out,
			   void **provctx)
{
	(void)handle;
	(void)in;
	(void)out;
	(void)provctx;
	dlcall_guest_unsupported(THUNK_SONAME, "a provider of the program's own",
				 "its dispatch tables hold functions of one "
				 "side for the other to call");
}

EXPORT int OSSL_PROVIDER_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
				     OSSL_provider_init_fn *init_fn)
{
	static void *cache;
	__typeof__(&OSSL_PROVIDER_add_builtin) own =
	    (__typeof__(&OSSL_PROVIDER_add_builtin))thunk_own_function(
		"OSSL_PROVIDER_add_builtin", &cache);

	if (own)
		return own(libctx, name, init_fn);
	return dlcall_crypto_add_builtin(libctx, name,
					 init_fn ? refuse_provider : NULL);
}
