// SPDX-License-Identifier: GPL-2.0-or-later
/* OSSL_PROVIDER_add_builtin(), host side (provider_host.h). */
#include "provider_host.h"

int dlcall_crypto_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
			      OSSL_provider_init_fn *init_fn)
{
	return OSSL_PROVIDER_add_builtin(libctx, name, init_fn);
}
