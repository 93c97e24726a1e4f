// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GL's buffer mappings, guest side: a mapped range is the driver's (host)
 * memory, which a program may hand to read() or write(); it is made
 * visible to its system calls (SPEC §3).
 */
#include "dlcall/guest.h"
#include "gl-thunk.h"

static void *visible(void *mapped, GLint64 size)
{
	if (mapped && size > 0)
		dlcall_guest_make_visible(mapped, (unsigned long)size);
	return mapped;
}

/* The size of the buffer bound to `target`: the whole of it is mapped. */
static GLint64 bound_size(GLenum target)
{
	GLint64 size = 0;

	glGetBufferParameteri64v(target, GL_BUFFER_SIZE, &size);
	return size;
}

static GLint64 named_size(GLuint buffer)
{
	GLint64 size = 0;

	glGetNamedBufferParameteri64v(buffer, GL_BUFFER_SIZE, &size);
	return size;
}

EXPORT void *glMapBuffer(GLenum target, GLenum access)
{
	return visible(pass_through_glMapBuffer(target, access),
		       bound_size(target));
}

EXPORT void *glMapBufferARB(GLenum target, GLenum access)
{
	return visible(pass_through_glMapBufferARB(target, access),
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

EXPORT void *glMapNamedBufferEXT(GLuint buffer, GLenum access)
{
	return visible(pass_through_glMapNamedBufferEXT(buffer, access),
		       named_size(buffer));
}

EXPORT void *glMapNamedBufferRange(GLuint buffer, GLintptr offset,
				   GLsizeiptr length, GLbitfield access)
{
	return visible(pass_through_glMapNamedBufferRange(buffer, offset,
							  length, access),
		       length);
}

EXPORT void *glMapNamedBufferRangeEXT(GLuint buffer, GLintptr offset,
				      GLsizeiptr length, GLbitfield access)
{
	return visible(pass_through_glMapNamedBufferRangeEXT(
			   buffer, offset, length, access),
		       length);
}
