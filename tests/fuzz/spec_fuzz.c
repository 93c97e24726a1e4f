// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the generator's spec parser: any bytes as a spec file.
 * The parser must accept or refuse with "FILE:LINE: message", never crash
 * or leak, and what it accepts must hold together.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thunkgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *file = fmemopen((void *)data, size, "r");
	struct spec spec;
	int status;

	if (!file)
		return 0;
	status = parse_spec_stream(file, "fuzz/fuzz.spec", &spec);
	fclose(file);
	if (status == 0 && (!spec.soname || !*spec.soname ||
			    spec.header_count == 0 || !spec.header_lines[0]))
		abort(); /* accepted a spec that lacks what it must have */
	free_spec(&spec);
	return 0;
}
