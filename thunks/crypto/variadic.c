// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libcrypto's variadic functions that are not printf-style, guest side.
 * A variadic call cannot cross ISAs; its arguments can, once read here
 * the way libcrypto reads them:
 *
 * - BIO_snprintf() formats into the caller's buffer: the guest's C
 *   library formats, with libcrypto's result (-1 when the text did not
 *   fit);
 * - ERR_add_error_data() joins its strings (NULL as "<NULL>") and adds
 *   them as ERR_add_error_txt() with no separator does;
 * - EVP_PKEY_Q_keygen() takes RSA's bits or EC's curve name after the
 *   type (and nothing for the others): a host helper makes the call.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dlcall/guest.h"
#include "crypto-thunk.h"

EXPORT int BIO_vsnprintf(char *buf, size_t n, const char *format,
			 va_list args)
{
	static void *cache;
	__typeof__(&BIO_vsnprintf) own =
	    (__typeof__(&BIO_vsnprintf))thunk_own_function("BIO_vsnprintf",
							   &cache);
	int length;

	if (own)
		return own(buf, n, format, args);
	length = vsnprintf(buf, n, format, args);
	return length < 0 || (size_t)length >= n ? -1 : length;
}

EXPORT int BIO_snprintf(char *buf, size_t n, const char *format, ...)
{
	va_list args;
	int length;

	va_start(args, format);
	length = BIO_vsnprintf(buf, n, format, args);
	va_end(args);
	return length;
}

EXPORT void ERR_add_error_vdata(int num, va_list args)
{
	static void *cache;
	__typeof__(&ERR_add_error_vdata) own =
	    (__typeof__(&ERR_add_error_vdata))thunk_own_function(
		"ERR_add_error_vdata", &cache);
	char *text;
	size_t size;
	FILE *joined;

	if (own) {
		own(num, args);
		return;
	}
	joined = open_memstream(&text, &size);
	if (!joined)
		return; /* as libcrypto does when it runs out of memory */
	while (num-- > 0) {
		const char *piece = va_arg(args, const char *);

		fputs(piece ? piece : "<NULL>", joined);
	}
	if (fclose(joined) == 0)
		ERR_add_error_txt(NULL, text);
	free(text);
}

EXPORT void ERR_add_error_data(int num, ...)
{
	va_list args;

	va_start(args, num);
	ERR_add_error_vdata(num, args);
	va_end(args);
}

EXPORT EVP_PKEY *EVP_PKEY_Q_keygen(OSSL_LIB_CTX *libctx, const char *propq,
				   const char *type, ...)
{
	static void *cache;
	__typeof__(&EVP_PKEY_Q_keygen) own =
	    (__typeof__(&EVP_PKEY_Q_keygen))thunk_own_function(
		"EVP_PKEY_Q_keygen", &cache);
	size_t bits = 0;
	const char *curve = NULL;
	va_list args;

	va_start(args, type);
	if (type && strcasecmp(type, "RSA") == 0)
		bits = va_arg(args, size_t);
	else if (type && strcasecmp(type, "EC") == 0)
		curve = va_arg(args, const char *);
	va_end(args);
	if (own)
		return curve ? own(libctx, propq, type, curve)
			     : own(libctx, propq, type, bits);
	return dlcall_crypto_q_keygen(libctx, propq, type, bits, curve);
}
