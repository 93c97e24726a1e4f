// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>

#include "kept.h"

static const struct kept_module *registered;

int kept_register(const struct kept_module *module)
{
	registered = module;
	return registered != NULL;
}

int kept_register_nested(struct kept_holder *holder)
{
	return kept_register(holder->module);
}
