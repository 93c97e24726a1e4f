/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xz-utils' configuration for the peer build of its tests/ programs (and
 * of the riscv64 guest's liblzma), matching what Debian's configure
 * (--enable-threads --disable-static) finds for xz 5.4.1 on each ISA.
 */
#ifndef XZ_CONFIG_H
#define XZ_CONFIG_H

#define _GNU_SOURCE 1
#define PACKAGE "xz"
#define PACKAGE_BUGREPORT "xz@tukaani.org"
#define PACKAGE_NAME "XZ Utils"
#define PACKAGE_URL "https://tukaani.org/xz/"
#define PACKAGE_VERSION "5.4.1"

#define ASSUME_RAM 128
#define HAVE_CHECK_CRC32 1
#define HAVE_CHECK_CRC64 1
#define HAVE_CHECK_SHA256 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_CLOCK_MONOTONIC 1
#define HAVE_DECODERS 1
#define HAVE_ENCODERS 1
#define HAVE_DECODER_ARM 1
#define HAVE_DECODER_ARM64 1
#define HAVE_DECODER_ARMTHUMB 1
#define HAVE_DECODER_DELTA 1
#define HAVE_DECODER_IA64 1
#define HAVE_DECODER_LZMA1 1
#define HAVE_DECODER_LZMA2 1
#define HAVE_DECODER_POWERPC 1
#define HAVE_DECODER_SPARC 1
#define HAVE_DECODER_X86 1
#define HAVE_ENCODER_ARM 1
#define HAVE_ENCODER_ARM64 1
#define HAVE_ENCODER_ARMTHUMB 1
#define HAVE_ENCODER_DELTA 1
#define HAVE_ENCODER_IA64 1
#define HAVE_ENCODER_LZMA1 1
#define HAVE_ENCODER_LZMA2 1
#define HAVE_ENCODER_POWERPC 1
#define HAVE_ENCODER_SPARC 1
#define HAVE_ENCODER_X86 1
#define HAVE_FCNTL_H 1
#define HAVE_FUNC_ATTRIBUTE_CONSTRUCTOR 1
#define HAVE_FUTIMENS 1
#define HAVE_GETOPT_H 1
#define HAVE_GETOPT_LONG 1
#define HAVE_INTTYPES_H 1
#define HAVE_LZIP_DECODER 1
#define HAVE_MBRTOWC 1
#define HAVE_MF_BT2 1
#define HAVE_MF_BT3 1
#define HAVE_MF_BT4 1
#define HAVE_MF_HC3 1
#define HAVE_MF_HC4 1
#define HAVE_POSIX_FADVISE 1
#define HAVE_PROGRAM_INVOCATION_NAME 1
#define HAVE_PTHREAD_CONDATTR_SETCLOCK 1
#define HAVE_STDBOOL_H 1
#define HAVE_STDINT_H 1
#define HAVE_STRUCT_STAT_ST_ATIM_TV_NSEC 1
#define HAVE_SYMBOL_VERSIONS_LINUX 1
#define HAVE_UNISTD_H 1
#define HAVE_VISIBILITY 1
#define HAVE_WCWIDTH 1
#define HAVE__BOOL 1
#define HAVE___BUILTIN_ASSUME_ALIGNED 1
#define HAVE___BUILTIN_BSWAPXX 1
#define MYTHREAD_POSIX 1
#define NDEBUG 1
#define SIZEOF_SIZE_T 8
#define TUKLIB_CPUCORES_SCHED_GETAFFINITY 1
#define TUKLIB_PHYSMEM_SYSCONF 1

/* riscv64 traps (or is slow) on unaligned loads; configure says so. */
#if defined(__x86_64__) || defined(__aarch64__)
#define TUKLIB_FAST_UNALIGNED_ACCESS 1
#endif
#ifdef __x86_64__
#define HAVE_CPUID_H 1
#define HAVE_IMMINTRIN_H 1
#define HAVE_USABLE_CLMUL 1
#define HAVE__MM_MOVEMASK_EPI8 1
#endif

#endif
