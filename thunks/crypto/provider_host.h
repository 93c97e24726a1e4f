/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Providers written in the program, host side (spec: helper; provider.c). */
#ifndef DLCALL_CRYPTO_PROVIDER_HOST_H
#define DLCALL_CRYPTO_PROVIDER_HOST_H

#include <stdint.h>

#include <openssl/core.h>
#include <openssl/provider.h>

int dlcall_crypto_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
			      OSSL_provider_init_fn *init_fn);
/* The core's vset_error and BIO_vprintf (host functions) with a message
 * the guest formatted; a NULL message sets none. */
void dlcall_crypto_core_set_error(void *vset_error,
				  const OSSL_CORE_HANDLE *handle,
				  uint32_t reason, const char *message);
int dlcall_crypto_core_bio_print(void *bio_vprintf, OSSL_CORE_BIO *bio,
				 const char *message);

#endif
