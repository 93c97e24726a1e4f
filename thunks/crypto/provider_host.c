// SPDX-License-Identifier: GPL-2.0-or-later
/* Providers written in the program, host side (provider_host.h). */
#include <stdarg.h>

#include <openssl/core_dispatch.h>

#include "provider_host.h"

int dlcall_crypto_add_builtin(OSSL_LIB_CTX *libctx, const char *name,
			      OSSL_provider_init_fn *init_fn)
{
	return OSSL_PROVIDER_add_builtin(libctx, name, init_fn);
}

/* A va_list is made only by a variadic function: these make one. */
static void call_vset_error(OSSL_FUNC_core_vset_error_fn *vset_error,
			    const OSSL_CORE_HANDLE *handle, uint32_t reason,
			    const char *format, ...)
{
	va_list arguments;

	va_start(arguments, format);
	vset_error(handle, reason, format, arguments);
	va_end(arguments);
}

static int call_bio_vprintf(OSSL_FUNC_BIO_vprintf_fn *bio_vprintf,
			    OSSL_CORE_BIO *bio, const char *format, ...)
{
	va_list arguments;
	int written;

	va_start(arguments, format);
	written = bio_vprintf(bio, format, arguments);
	va_end(arguments);
	return written;
}

void dlcall_crypto_core_set_error(void *vset_error,
				  const OSSL_CORE_HANDLE *handle,
				  uint32_t reason, const char *message)
{
	call_vset_error((OSSL_FUNC_core_vset_error_fn *)vset_error, handle,
			reason, message ? "%s" : NULL, message);
}

int dlcall_crypto_core_bio_print(void *bio_vprintf, OSSL_CORE_BIO *bio,
				 const char *message)
{
	return call_bio_vprintf((OSSL_FUNC_BIO_vprintf_fn *)bio_vprintf, bio,
				"%s", message);
}
