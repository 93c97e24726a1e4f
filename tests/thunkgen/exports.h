// SPDX-License-Identifier: GPL-2.0-or-later
/* Fixture: exports of every kind the generator must decide. */
#ifndef EXPORTS_H
#define EXPORTS_H

/* Exported twice, as exports_twice@V1 and @@V2: the same code. */
int exports_twice(int value);
/* exports_changed@V1 is older code of its own; @@V2 is this one. */
int exports_changed(int value);
/* Protected visibility (as all of libopenal's exports). */
int exports_protected(int value);
/* Data: a constant table, a variable the library writes, and a constant
 * that holds addresses (relocated at load). */
extern const int exports_table[4];
extern int exports_counter;
extern const char *const exports_names[2];
/* A variable holding a function, of a type with no typedef name. */
extern int (*exports_hook)(int value);
/* Never returns. */
_Noreturn void exports_exit(int status);
/* Parameter names the generated code must not clash with. */
int exports_names_clash(int args, int block, int dlcall_args_);

#endif
