// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "exports.h"

__attribute__((visibility("default")))
const int exports_table[4] = {2, 3, 5, 7};
__attribute__((visibility("default"))) int exports_counter;
__attribute__((visibility("default")))
const char *const exports_names[2] = {"two", "three"};

__attribute__((used)) static int twice(int value)
{
	return value * 2;
}
__asm__(".globl exports_twice_v1\n.set exports_twice_v1, twice\n"
	".symver exports_twice_v1, exports_twice@V1, remove");
__asm__(".globl exports_twice_v2\n.set exports_twice_v2, twice\n"
	".symver exports_twice_v2, exports_twice@@V2, remove");

int exports_changed_v1(int value);
__attribute__((visibility("default"))) int exports_changed_v1(int value)
{
	return value - 1;
}
__asm__(".symver exports_changed_v1, exports_changed@V1, remove");

int exports_changed_v2(int value);
__attribute__((visibility("default"))) int exports_changed_v2(int value)
{
	return value + 1;
}
__asm__(".symver exports_changed_v2, exports_changed@@V2, remove");

__attribute__((visibility("protected"))) int exports_protected(int value)
{
	exports_counter++;
	return value + exports_table[0];
}

__attribute__((visibility("default"))) void exports_exit(int status)
{
	exit(status);
}

__attribute__((visibility("default"))) int
exports_names_clash(int args, int block, int dlcall_args_)
{
	return args + block + dlcall_args_;
}

__attribute__((visibility("default"))) int (*exports_hook)(int value) =
    exports_protected;
