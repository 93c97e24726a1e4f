/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture: declares only one of the library's two exports. */
typedef int (*extra_callback)(int);
struct extra_options {
	extra_callback on_value;
	int count;
};
int extra_declared(struct extra_options *options);
