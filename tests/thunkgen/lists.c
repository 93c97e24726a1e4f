// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>

#include "lists.h"

static struct list_hook *kept_hooks;

int list_count(struct list_owner *owner)
{
	int count = 0;

	for (struct list_object *o = owner->objects; o; o = o->next)
		count++;
	return count;
}

void list_free(struct list_owner *owner)
{
	for (struct list_object *o = owner->objects; o; o = o->next)
		if (o->finalizer)
			o->finalizer(o);
	owner->objects = NULL;
}

int list_hooks_add(struct list_hook *hooks)
{
	kept_hooks = hooks;
	return kept_hooks != NULL;
}

int list_steps_run(struct list_step *steps, int value)
{
	for (struct list_step *s = steps; s; s = s->next)
		value = s->run(value);
	return value;
}
