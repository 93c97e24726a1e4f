/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_ctrl(), host side (spec: helper; bio_file.c is the guest side). */
#ifndef DLCALL_CRYPTO_BIO_FILE_HOST_H
#define DLCALL_CRYPTO_BIO_FILE_HOST_H

#include <stdio.h>

#include <openssl/bio.h>

/* BIO_set_fp(bp, stream, flags): `stream` is a host stream by now. */
long dlcall_crypto_bio_set_fp(BIO *bp, FILE *stream, long flags);

/* BIO_ctrl() of any other command. */
long dlcall_crypto_bio_ctrl(BIO *bp, int cmd, long larg, void *parg);

#endif
