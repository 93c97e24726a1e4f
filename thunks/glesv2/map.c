// SPDX-License-Identifier: GPL-2.0-or-later
/* GLES 3's buffer mapping: the mapped range is the driver's (host)
 * memory, which a program may hand to read() or write(); it is made
 * visible to its system calls (SPEC §3). */
#include "dlcall/guest.h"
#include "glesv2-thunk.h"

EXPORT void *glMapBufferRange(GLenum target, GLintptr offset,
			      GLsizeiptr length, GLbitfield access)
{
	void *mapped = pass_through_glMapBufferRange(target, offset, length,
						     access);

	if (mapped && length > 0)
		dlcall_guest_make_visible(mapped, (unsigned long)length);
	return mapped;
}
