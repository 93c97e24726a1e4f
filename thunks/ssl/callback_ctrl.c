// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SSL_CTX_callback_ctrl() and SSL_callback_ctrl(), guest side. The
 * callback arrives as void (*)(void) and libssl casts it by `cmd` (the
 * macros SSL_CTX_set_tlsext_servername_callback() and the like): the
 * command picks the host helper of the callback's real type
 * (callback_ctrl_host.c), so that it becomes a closure of that type. A
 * command libssl 3.0 does not take a callback for is refused in one line.
 * When the guest's own library serves (SPEC §7) it gets the call as is.
 */
#include <stdio.h>

#include "dlcall/guest.h"
#include "ssl-thunk.h"

typedef int servername_cb(SSL *, int *, void *);
typedef int status_cb(SSL *, void *);
typedef int ticket_key_cb(SSL *, unsigned char *, unsigned char *,
			  EVP_CIPHER_CTX *, HMAC_CTX *, int);
typedef DH *tmp_dh_cb(SSL *, int, int);
typedef void msg_cb(int, int, int, const void *, size_t, SSL *, void *);
typedef void debug_cb(SSL *, int, int, const unsigned char *, int, void *);
typedef int not_resumable_cb(SSL *, int);
typedef char *srp_password_cb(SSL *, void *);

static long set_callback(SSL_CTX *ctx, SSL *ssl, int cmd,
			 void (*callback)(void), const char *function)
{
	char reason[96];

	switch (cmd) {
	case SSL_CTRL_SET_TLSEXT_SERVERNAME_CB:
	case SSL_CTRL_SET_TLS_EXT_SRP_USERNAME_CB:
		return dlcall_ssl_set_servername_cb(ctx, ssl, cmd,
						    (servername_cb *)callback);
	case SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB:
	case SSL_CTRL_SET_SRP_VERIFY_PARAM_CB:
		return dlcall_ssl_set_status_cb(ctx, ssl, cmd,
						(status_cb *)callback);
	case SSL_CTRL_SET_TLSEXT_TICKET_KEY_CB:
		return dlcall_ssl_set_ticket_key_cb(ctx, ssl, cmd,
						    (ticket_key_cb *)callback);
	case SSL_CTRL_SET_TMP_DH_CB:
		return dlcall_ssl_set_tmp_dh_cb(ctx, ssl, cmd,
						(tmp_dh_cb *)callback);
	case SSL_CTRL_SET_MSG_CALLBACK:
		return dlcall_ssl_set_msg_cb(ctx, ssl, cmd, (msg_cb *)callback);
	case SSL_CTRL_SET_TLSEXT_DEBUG_CB:
		return dlcall_ssl_set_debug_cb(ctx, ssl, cmd,
					       (debug_cb *)callback);
	case SSL_CTRL_SET_NOT_RESUMABLE_SESS_CB:
		return dlcall_ssl_set_not_resumable_cb(
		    ctx, ssl, cmd, (not_resumable_cb *)callback);
	case SSL_CTRL_SET_SRP_GIVE_CLIENT_PWD_CB:
		return dlcall_ssl_set_srp_password_cb(
		    ctx, ssl, cmd, (srp_password_cb *)callback);
	}
	snprintf(reason, sizeof(reason),
		 "command %d, whose callback type the thunk does not know",
		 cmd);
	dlcall_guest_unsupported(THUNK_SONAME, function, reason);
}

EXPORT long SSL_CTX_callback_ctrl(SSL_CTX *ctx, int cmd,
				  void (*callback)(void))
{
	static void *cache;
	__typeof__(&SSL_CTX_callback_ctrl) own =
	    (__typeof__(&SSL_CTX_callback_ctrl))thunk_own_function(
		"SSL_CTX_callback_ctrl", &cache);

	if (own)
		return own(ctx, cmd, callback);
	return set_callback(ctx, NULL, cmd, callback, "SSL_CTX_callback_ctrl");
}

EXPORT long SSL_callback_ctrl(SSL *ssl, int cmd, void (*callback)(void))
{
	static void *cache;
	__typeof__(&SSL_callback_ctrl) own =
	    (__typeof__(&SSL_callback_ctrl))thunk_own_function(
		"SSL_callback_ctrl", &cache);

	if (own)
		return own(ssl, cmd, callback);
	return set_callback(NULL, ssl, cmd, callback, "SSL_callback_ctrl");
}
