// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cost of a small GL call: glColor3f() in a current GLX context,
 * against a call of an empty function of the program's own (what any call
 * costs where the program runs: emulated, a no-op call).
 *
 *   glcost ITERATIONS
 *
 * Prints "glColor3f NS" and "own-function NS", nanoseconds per call.
 */
#include <stdio.h>
#include <stdlib.h>

#include <GL/gl.h>
#include <GL/glx.h>
#include <X11/Xlib.h>

#include "now.h"

/* Kept out of line and opaque to the optimizer: a real call each time. */
__attribute__((noinline)) static void own_function(float red, float green,
						    float blue)
{
	__asm__ volatile("" : : "r"(red), "r"(green), "r"(blue) : "memory");
}

int main(int argc, char **argv)
{
	static int attributes[] = {GLX_RGBA, None};
	long iterations = argc == 2 ? atol(argv[1]) : 0;
	Display *display = XOpenDisplay(NULL);
	XVisualInfo *visual;
	XSetWindowAttributes window_attributes = {0};
	Window window;
	GLXContext context;
	double start;

	if (iterations <= 0) {
		fprintf(stderr, "usage: glcost ITERATIONS\n");
		return 2;
	}
	if (!display ||
	    !(visual = glXChooseVisual(display, DefaultScreen(display),
				       attributes))) {
		fprintf(stderr, "glcost: no display or visual\n");
		return 1;
	}
	window_attributes.colormap =
	    XCreateColormap(display, RootWindow(display, visual->screen),
			    visual->visual, AllocNone);
	window = XCreateWindow(display, RootWindow(display, visual->screen), 0,
			       0, 16, 16, 0, visual->depth, InputOutput,
			       visual->visual, CWColormap, &window_attributes);
	context = glXCreateContext(display, visual, NULL, True);
	if (!context || !glXMakeCurrent(display, window, context)) {
		fprintf(stderr, "glcost: no GLX context\n");
		return 1;
	}
	start = now();
	for (long i = 0; i < iterations; i++)
		glColor3f((float)(i & 255) / 255, 0.5f, 0.25f);
	printf("glColor3f %.1f\n", (now() - start) / iterations);
	start = now();
	for (long i = 0; i < iterations; i++)
		own_function((float)(i & 255) / 255, 0.5f, 0.25f);
	printf("own-function %.1f\n", (now() - start) / iterations);
	glXMakeCurrent(display, None, NULL);
	glXDestroyContext(display, context);
	XDestroyWindow(display, window);
	XCloseDisplay(display);
	return 0;
}
