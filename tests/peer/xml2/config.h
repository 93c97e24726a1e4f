/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What libxml2's own test programs (testapi.c, testchar.c, testdict.c)
 * ask of config.h, for glibc on every guest ISA: Debian's build of the
 * library answers the same. The library itself is the guest's own.
 */
#define HAVE_ARPA_INET_H 1
#define HAVE_DLFCN_H 1
#define HAVE_FCNTL_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_NETDB_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_POLL_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_PUTENV 1
#define HAVE_STAT 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_SYS_MMAN_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TIMEB_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_MMAP 1
#define HAVE_VA_COPY 1
#define XML_SOCKLEN_T socklen_t
