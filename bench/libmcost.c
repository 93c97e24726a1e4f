// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libm's cost per call, a guest program linked against the guest's libm
 * (so it runs natively, emulated or passed through).
 *
 *   libmcost FUNCTION ITERATIONS
 *
 * Calls FUNCTION (sin, exp, pow or log) ITERATIONS times on arguments
 * that change every call and prints nanoseconds per call. Built with
 * -fno-builtin: every call is a call of the library.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "now.h"

static double call(const char *function, double x)
{
	switch (function[0]) {
	case 's':
		return sin(x);
	case 'e':
		return exp(x);
	case 'p':
		return pow(x, 1.37);
	default:
		return log(x);
	}
}

int main(int argc, char **argv)
{
	static const char *const functions[] = {"sin", "exp", "pow", "log"};
	long iterations = argc > 2 ? atol(argv[2]) : 0;
	const char *function = NULL;
	double sum = 0, start;

	for (size_t i = 0; argc == 3 && i < 4; i++)
		if (strcmp(argv[1], functions[i]) == 0)
			function = functions[i];
	if (!function || iterations <= 0) {
		fprintf(stderr, "usage: libmcost sin|exp|pow|log ITERATIONS\n");
		return 2;
	}
	start = now();
	/* Arguments from 0.5 to 8.5, where all four are defined and cheap
	 * paths (0, 1, huge) are not taken. */
	for (long i = 0; i < iterations; i++)
		sum += call(function, 0.5 + (double)(i & 1023) / 128.0);
	printf("%.1f\n", (now() - start) / iterations);
	/* Uses the result, and checks it is the same in every mode. */
	fprintf(stderr, "sum %a\n", sum);
	return 0;
}
