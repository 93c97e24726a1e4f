// SPDX-License-Identifier: GPL-2.0-or-later
/* BIO_ctrl(), host side (bio_file_host.h). */
#include "bio_file_host.h"

long dlcall_crypto_bio_set_fp(BIO *bp, FILE *stream, long flags)
{
	return BIO_set_fp(bp, stream, flags);
}

long dlcall_crypto_bio_ctrl(BIO *bp, int cmd, long larg, void *parg)
{
	return BIO_ctrl(bp, cmd, larg, parg);
}
