/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * expat's configuration for the peer build of runtests.c (and of the
 * riscv64 guest library), matching Debian's build of expat 2.5.0.
 */
#ifndef EXPAT_CONFIG_H
#define EXPAT_CONFIG_H

#define BYTEORDER 1234
#define HAVE_GETRANDOM 1
#define HAVE_SYSCALL_GETRANDOM 1
#define XML_CONTEXT_BYTES 1024
#define XML_DEV_URANDOM 1
#define XML_DTD 1
#define XML_NS 1

#endif
