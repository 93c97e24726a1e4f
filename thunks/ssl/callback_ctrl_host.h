/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SSL_CTX_callback_ctrl() and SSL_callback_ctrl(), host side (spec:
 * helper; callback_ctrl.c is the guest side). They take C's generic
 * function pointer, void (*)(void), and cast it to the type the command
 * selects; the guest picks the helper of that type, so that the callback
 * crosses with its real arguments. Each sets `ssl`'s callback, or `ctx`'s
 * when `ssl` is NULL.
 */
#ifndef DLCALL_SSL_CALLBACK_CTRL_HOST_H
#define DLCALL_SSL_CALLBACK_CTRL_HOST_H

#include <stddef.h>

#include <openssl/ssl.h>

/* SERVERNAME_CB (also SRP_USERNAME_CB): the callback sets *alert. */
long dlcall_ssl_set_servername_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				  int (*callback)(SSL *, int *, void *));
/* STATUS_REQ_CB (also SRP_VERIFY_PARAM_CB). */
long dlcall_ssl_set_status_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			      int (*callback)(SSL *, void *));
long dlcall_ssl_set_ticket_key_cb(
    SSL_CTX *ctx, SSL *ssl, int cmd,
    int (*callback)(SSL *, unsigned char *, unsigned char *, EVP_CIPHER_CTX *,
		    HMAC_CTX *, int));
long dlcall_ssl_set_tmp_dh_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			      DH *(*callback)(SSL *, int, int));
long dlcall_ssl_set_msg_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			   void (*callback)(int, int, int, const void *, size_t,
					    SSL *, void *));
long dlcall_ssl_set_debug_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
			     void (*callback)(SSL *, int, int,
					      const unsigned char *, int,
					      void *));
long dlcall_ssl_set_not_resumable_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				     int (*callback)(SSL *, int));
/* SRP_GIVE_CLIENT_PWD_CB: the password, from OPENSSL_malloc(). */
long dlcall_ssl_set_srp_password_cb(SSL_CTX *ctx, SSL *ssl, int cmd,
				    char *(*callback)(SSL *, void *));

#endif
