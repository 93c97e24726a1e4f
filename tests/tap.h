/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal TAP producer for the project's C tests: one "ok N - name" or
 * "not ok N - name" line per check, the plan at the end.
 */
#ifndef DLCALL_TESTS_TAP_H
#define DLCALL_TESTS_TAP_H

#include <stdio.h>

static int tap_count, tap_failures;

#define CHECK(condition, ...)                                                  \
	do {                                                                   \
		int tap_ok_ = !!(condition);                                   \
		printf("%s %d - ", tap_ok_ ? "ok" : "not ok", ++tap_count);    \
		printf(__VA_ARGS__);                                           \
		putchar('\n');                                                 \
		if (!tap_ok_) {                                                \
			tap_failures++;                                        \
			printf("#   failed: %s (%s:%d)\n", #condition,         \
			       __FILE__, __LINE__);                            \
		}                                                              \
		fflush(stdout);                                                \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
