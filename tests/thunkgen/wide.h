/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: a struct whose layout differs between x86_64 and aarch64. */
struct dt_wide {
	int tag;
	long double value; /* x87 extended vs IEEE binary128 */
};

double wide_sum(const struct dt_wide *wide);
