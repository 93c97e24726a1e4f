// SPDX-License-Identifier: GPL-2.0-or-later
/* GL's core buffer mappings (map.h), for libGL.so.1 and libOpenGL.so.0,
 * each with its own generated header (THUNK_HEADER). */
#include "map.h"

EXPORT void *glMapBuffer(GLenum target, GLenum access)
{
	return visible(pass_through_glMapBuffer(target, access),
		       bound_size(target));
}

EXPORT void *glMapBufferRange(GLenum target, GLintptr offset,
			      GLsizeiptr length, GLbitfield access)
{
	return visible(pass_through_glMapBufferRange(target, offset, length,
						     access),
		       length);
}

EXPORT void *glMapNamedBuffer(GLuint buffer, GLenum access)
{
	return visible(pass_through_glMapNamedBuffer(buffer, access),
		       named_size(buffer));
}

EXPORT void *glMapNamedBufferRange(GLuint buffer, GLintptr offset,
				   GLsizeiptr length, GLbitfield access)
{
	return visible(pass_through_glMapNamedBufferRange(buffer, offset,
							  length, access),
		       length);
}
