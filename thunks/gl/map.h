// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GL's buffer mappings, guest side: a mapped range is the driver's (host)
 * memory, which a program may hand to read() or write(); map.c and
 * map_ext.c make it visible to its system calls (SPEC §3).
 */
#ifndef DLCALL_GL_MAP_H
#define DLCALL_GL_MAP_H

#include "dlcall/guest.h"
#include THUNK_HEADER

static inline void *visible(void *mapped, GLint64 size)
{
	if (mapped && size > 0)
		dlcall_guest_make_visible(mapped, (unsigned long)size);
	return mapped;
}

/* The size of the buffer bound to `target`: the whole of it is mapped. */
static inline GLint64 bound_size(GLenum target)
{
	GLint64 size = 0;

	glGetBufferParameteri64v(target, GL_BUFFER_SIZE, &size);
	return size;
}

static inline GLint64 named_size(GLuint buffer)
{
	GLint64 size = 0;

	glGetNamedBufferParameteri64v(buffer, GL_BUFFER_SIZE, &size);
	return size;
}

#endif
