// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * BIO_ctrl(), guest side. Its void * argument is data of the command's
 * own type; one command carries a FILE *, a stream of the guest's C
 * library: BIO_set_fp() (BIO_C_SET_FILE_PTR) goes through a host helper
 * taking a FILE *, which crosses as a host stream doing the guest's I/O
 * (docs/thunkgen.md). BIO_get_fp() would hand the guest a host stream,
 * and is refused in one line. The other commands pass as they are. When
 * the guest's own library serves (SPEC §7) it gets the call as is.
 */
#include "dlcall/guest.h"
#include "crypto-thunk.h"

EXPORT long BIO_ctrl(BIO *bp, int cmd, long larg, void *parg)
{
	static void *cache;
	__typeof__(&BIO_ctrl) own =
	    (__typeof__(&BIO_ctrl))thunk_own_function("BIO_ctrl", &cache);

	if (own)
		return own(bp, cmd, larg, parg);
	if (cmd == BIO_C_SET_FILE_PTR)
		return dlcall_crypto_bio_set_fp(bp, parg, larg);
	if (cmd == BIO_C_GET_FILE_PTR)
		dlcall_guest_unsupported(THUNK_SONAME, "BIO_get_fp",
					 "the BIO's FILE * is a stream of the "
					 "host's C library");
	return dlcall_crypto_bio_ctrl(bp, cmd, larg, parg);
}
