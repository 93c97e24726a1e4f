/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: a struct whose layout differs between x86_64 and aarch64. */
struct dt_wide {
	int tag;
	long double value; /* x87 extended vs IEEE binary128 */
};

double wide_sum(const struct dt_wide *wide);

/* wchar_t: int on x86_64 and riscv64, unsigned int on aarch64. */
#include <stddef.h>
int wide_length(const wchar_t *text);
