/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Monotonic time in nanoseconds, for the benchmark programs. */
#ifndef DLCALL_BENCH_NOW_H
#define DLCALL_BENCH_NOW_H

#include <time.h>

static inline double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

#endif
