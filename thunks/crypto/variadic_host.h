/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libcrypto's variadic functions, host side (spec: helper; variadic.c). */
#ifndef DLCALL_CRYPTO_VARIADIC_HOST_H
#define DLCALL_CRYPTO_VARIADIC_HOST_H

#include <stddef.h>

#include <openssl/evp.h>

/* EVP_PKEY_Q_keygen(libctx, propq, type, ...) with RSA's `bits` or EC's
 * `curve` (the one its type reads; the other is not passed). */
EVP_PKEY *dlcall_crypto_q_keygen(OSSL_LIB_CTX *libctx, const char *propq,
				 const char *type, size_t bits,
				 const char *curve);

#endif
