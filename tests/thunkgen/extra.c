// SPDX-License-Identifier: GPL-2.0-or-later
#include "extra.h"

int extra_declared(struct extra_options *options)
{
	return options->on_value ? options->on_value(options->count) : 0;
}

/* Exported, but in no header. */
int extra_undeclared(void)
{
	return 1;
}
