// SPDX-License-Identifier: GPL-2.0-or-later
/* SSL_CTX_callback_ctrl() and SSL_callback_ctrl(), host side
 * (callback_ctrl_host.h). */
#include "callback_ctrl_host.h"

/* The library's own cast, of a callback that is a host function now. */
static long set_callback(SSL_CTX *ctx, SSL *ssl, int cmd,
			 void (*callback)(void))
{
	return ssl ? SSL_callback_ctrl(ssl, cmd, callback)
		   : SSL_CTX_callback_ctrl(ctx, cmd, callback);
}

long dlcall_ssl_set_servername_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				  int (*callback)(SSL *, int *, void *))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_status_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			      int (*callback)(SSL *, void *))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_ticket_key_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				  int (*callback)(SSL *, unsigned char *,
						  unsigned char *,
						  EVP_CIPHER_CTX *, HMAC_CTX *,
						  int))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_tmp_dh_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			      DH *(*callback)(SSL *, int, int))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_msg_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			   void (*callback)(int, int, int, const void *, size_t,
					    SSL *, void *))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_debug_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			     void (*callback)(SSL *, int, int,
					      const unsigned char *, int,
					      void *))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_not_resumable_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				     int (*callback)(SSL *, int))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}

long dlcall_ssl_set_srp_password_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				    char *(*callback)(SSL *, void *))
{
	return set_callback(ctx, ssl, cmd, (void (*)(void))callback);
}
