/* SPDX-License-Identifier: GPL-2.0-or-later */
/* OSSL_PROVIDER_add_builtin(), host side (spec: helper; provider.c). */
#ifndef DLCALL_CRYPTO_PROVIDER_HOST_H
#define DLCALL_CRYPTO_PROVIDER_HOST_H

#include <openssl/provider.h>

int dlcall_crypto_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
			      OSSL_provider_init_fn *init_fn);

#endif
