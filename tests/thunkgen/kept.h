/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: a library that keeps the const table of functions it is given
 * (SQLite's sqlite3_create_module) and one that keeps a nested one. */
struct kept_module {
	int (*step)(int value);
};
struct kept_holder {
	const struct kept_module *module;
};
int kept_register(const struct kept_module *module);
int kept_register_nested(struct kept_holder *holder);
