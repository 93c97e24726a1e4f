// SPDX-License-Identifier: GPL-2.0-or-later
/* GL's extension buffer mappings (map.h), which only libGL.so.1 exports. */
#include "map.h"

EXPORT void *glMapBufferARB(GLenum target, GLenum access)
{
	return visible(pass_through_glMapBufferARB(target, access),
		       bound_size(target));
}

EXPORT void *glMapNamedBufferEXT(GLuint buffer, GLenum access)
{
	return visible(pass_through_glMapNamedBufferEXT(buffer, access),
		       named_size(buffer));
}

EXPORT void *glMapNamedBufferRangeEXT(GLuint buffer, GLintptr offset,
				      GLsizeiptr length, GLbitfield access)
{
	return visible(pass_through_glMapNamedBufferRangeEXT(
			   buffer, offset, length, access),
		       length);
}
