// SPDX-License-Identifier: GPL-2.0-or-later
#include "wide.h"

double wide_sum(const struct dt_wide *wide)
{
	return (double)wide->value + wide->tag;
}

int wide_length(const wchar_t *text)
{
	int length = 0;

	while (text[length])
		length++;
	return length;
}
