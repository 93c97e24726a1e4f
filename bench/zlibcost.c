// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zlib crc32() cost, a guest program linked against the guest's real
 * libz.so.1 (so it runs natively, emulated or passed through).
 *
 *   zlibcost SIZE ITERATIONS
 *
 * Computes crc32() of a SIZE-byte buffer ITERATIONS times and prints
 * nanoseconds per call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "now.h"

int main(int argc, char **argv)
{
	long size = argc > 1 ? atol(argv[1]) : 0;
	long iterations = argc > 2 ? atol(argv[2]) : 0;
	unsigned char *buffer;
	unsigned long crc = 0;
	double start;

	if (argc != 3 || size <= 0 || iterations <= 0) {
		fprintf(stderr, "usage: zlibcost SIZE ITERATIONS\n");
		return 2;
	}
	buffer = malloc(size);
	if (!buffer)
		return 2;
	for (long i = 0; i < size; i++)
		buffer[i] = (unsigned char)(i * 131 + (i >> 8));
	start = now();
	for (long i = 0; i < iterations; i++)
		crc = crc32(crc, buffer, (unsigned)size);
	printf("%.1f\n", (now() - start) / iterations);
	free(buffer);
	/* Uses the result, and checks it is the same in every mode. */
	fprintf(stderr, "crc %08lx\n", crc);
	return 0;
}
