/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: lists of structs of one type with function pointers. Objects
 * with finalizers the library runs when it frees them (FreeType's glyph
 * slots), hooks it keeps and calls later, and hooks it calls during the
 * call only. */
struct list_object {
	struct list_object *next;
	void (*finalizer)(void *object);
};
struct list_owner {
	struct list_object *objects;
};
struct list_hook {
	struct list_hook *next;
	int (*call)(int value);
};
struct list_step {
	struct list_step *next;
	int (*run)(int value);
};
int list_count(struct list_owner *owner);
void list_free(struct list_owner *owner);
int list_hooks_add(struct list_hook *hooks);
int list_steps_run(struct list_step *steps, int value);
