// SPDX-License-Identifier: GPL-2.0-or-later
/* libcrypto's variadic functions, host side (variadic_host.h). */
#include <strings.h>

#include "variadic_host.h"

EVP_PKEY *dlcall_crypto_q_keygen(OSSL_LIB_CTX *libctx, const char *propq,
				 const char *type, size_t bits,
				 const char *curve)
{
	if (type && strcasecmp(type, "RSA") == 0)
		return EVP_PKEY_Q_keygen(libctx, propq, type, bits);
	if (type && strcasecmp(type, "EC") == 0)
		return EVP_PKEY_Q_keygen(libctx, propq, type, curve);
	return EVP_PKEY_Q_keygen(libctx, propq, type);
}
