// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The EGL client's OpenGL ES 1.1 part, apart from the GLES 2 one because
 * the two APIs' headers declare some functions differently: fixed-point
 * smooth-shaded triangles and a float fan, fog and the depth test, read
 * back from a pbuffer.
 */
#include <stdio.h>
#include <stdlib.h>

#include <GLES/gl.h>

#include "egl_client.h"

static void draw(void)
{
	static const GLfixed triangle[] = {-0xe000, -0xe000, 0x4000,
					   0xe000,  -0xc000, -0x8000,
					   0,	    0xe000,  0x2000};
	static const GLubyte colors[] = {255, 0, 0, 255, 0, 255, 0, 255,
					 0,   0, 255, 255};
	static const GLfloat fan[] = {0.0f, 0.0f, 0.5f, -0.5f, 0.2f, 0.5f,
				      0.5f, 0.6f, 0.5f, -0.4f, 0.7f, -0.5f};

	glClearColorx(0x1000, 0x2000, 0x3000, 0x10000);
	glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
	glEnable(GL_DEPTH_TEST);
	glEnable(GL_FOG);
	glFogf(GL_FOG_MODE, GL_LINEAR);
	glFogf(GL_FOG_START, -1.0f);
	glFogf(GL_FOG_END, 1.0f);
	glEnableClientState(GL_VERTEX_ARRAY);
	glEnableClientState(GL_COLOR_ARRAY);
	glVertexPointer(3, GL_FIXED, 0, triangle);
	glColorPointer(4, GL_UNSIGNED_BYTE, 0, colors);
	glDrawArrays(GL_TRIANGLES, 0, 3);
	glDisableClientState(GL_COLOR_ARRAY);
	glColor4f(0.9f, 0.8f, 0.1f, 1.0f);
	glVertexPointer(3, GL_FLOAT, 0, fan);
	glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
	glDisableClientState(GL_VERTEX_ARRAY);
	glFinish();
}

void gles1_pbuffer(EGLDisplay display, EGLConfig config)
{
	static const EGLint gles1[] = {EGL_CONTEXT_CLIENT_VERSION, 1,
				       EGL_NONE};
	EGLSurface surface = pbuffer_surface(display, config);
	EGLContext context;
	unsigned char *pixels = malloc(WIDTH * HEIGHT * 4);

	eglBindAPI(EGL_OPENGL_ES_API);
	context = eglCreateContext(display, config, EGL_NO_CONTEXT, gles1);
	if (context == EGL_NO_CONTEXT ||
	    !eglMakeCurrent(display, surface, surface, context))
		die("cannot make a GLES 1 context current");
	glViewport(0, 0, WIDTH, HEIGHT);
	draw();
	glReadPixels(0, 0, WIDTH, HEIGHT, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
	printf("GLES 1: %s; errors %#x; pixels FNV-1a %08x\n",
	       (const char *)glGetString(GL_VERSION), glGetError(),
	       fnv1a(pixels, WIDTH * HEIGHT * 4));
	eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE,
		       EGL_NO_CONTEXT);
	eglDestroyContext(display, context);
	eglDestroySurface(display, surface);
	free(pixels);
}
