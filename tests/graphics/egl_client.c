// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An EGL client of our own: EGL on X11 (eglGetPlatformDisplay with the
 * Display libX11 opened) draws a fixed scene with OpenGL ES 2 in a window,
 * then with OpenGL ES 1.1 (egl_gles1.c) and desktop GL in pbuffers, and
 * reads each back, so that its pixels passed through can be compared with
 * the same program's run natively (both drawn by the host's Mesa).
 *
 *   egl-client OUT.ppm
 *
 * The GLES 2 scene: a vertex buffer, a shader pair, a depth buffer and a
 * texture that reaches the draw through an EGLImage
 * (glEGLImageTargetTexture2DOES, found by eglGetProcAddress). Around it:
 * an EGL_KHR_debug callback that sees an error made on purpose, and
 * desktop GL functions found by eglGetProcAddress only. It prints what it
 * saw; OUT.ppm gets the GLES 2 image.
 */
#define EGL_EGLEXT_PROTOTYPES
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLES2/gl2.h>
#include <GLES2/gl2ext.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "egl_client.h"

static int debug_errors;
static EGLint last_debug_error;
static char last_debug_command[64];

/* EGL_KHR_debug: called during the failing call, with its name. */
static void EGLAPIENTRY on_egl_debug(EGLenum error, const char *command,
				     EGLint type, EGLLabelKHR thread_label,
				     EGLLabelKHR object_label,
				     const char *message)
{
	(void)type, (void)object_label, (void)message;
	if (thread_label != (EGLLabelKHR)&debug_errors)
		return;
	debug_errors++;
	last_debug_error = (EGLint)error;
	snprintf(last_debug_command, sizeof(last_debug_command), "%s",
		 command);
}

void die(const char *what)
{
	fprintf(stderr, "egl-client: %s\n", what);
	exit(1);
}

uint32_t fnv1a(const unsigned char *bytes, size_t size)
{
	uint32_t hash = 2166136261u;

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ bytes[i]) * 16777619u;
	return hash;
}

/* The debug callback, registered through eglGetProcAddress, sees an
 * EGL_BAD_CONFIG made on purpose. */
static void debug_callback(EGLDisplay display)
{
	PFNEGLDEBUGMESSAGECONTROLKHRPROC control =
	    (PFNEGLDEBUGMESSAGECONTROLKHRPROC)eglGetProcAddress(
		"eglDebugMessageControlKHR");
	PFNEGLLABELOBJECTKHRPROC label =
	    (PFNEGLLABELOBJECTKHRPROC)eglGetProcAddress("eglLabelObjectKHR");
	static const EGLAttrib all[] = {EGL_DEBUG_MSG_WARN_KHR, EGL_TRUE,
					EGL_DEBUG_MSG_INFO_KHR, EGL_TRUE,
					EGL_NONE};
	EGLint value;

	if (!control || !label)
		die("no EGL_KHR_debug");
	if (control(on_egl_debug, all) != EGL_SUCCESS)
		die("eglDebugMessageControlKHR failed");
	label(EGL_NO_DISPLAY, EGL_OBJECT_THREAD_KHR, NULL,
	      (EGLLabelKHR)&debug_errors);
	eglGetConfigAttrib(display, (EGLConfig)0, EGL_RED_SIZE, &value);
	printf("EGL debug callback: %d error(s), last %#x in %s\n",
	       debug_errors, last_debug_error, last_debug_command);
	control(NULL, NULL);
}

static EGLConfig choose_config(EGLDisplay display, EGLint surface,
			       EGLint renderable)
{
	const EGLint attributes[] = {EGL_SURFACE_TYPE, surface,
				     EGL_RENDERABLE_TYPE, renderable,
				     EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8,
				     EGL_BLUE_SIZE, 8, EGL_DEPTH_SIZE, 24,
				     EGL_NONE};
	EGLConfig config;
	EGLint count = 0;

	if (!eglChooseConfig(display, attributes, &config, 1, &count) ||
	    count < 1)
		die("no matching EGL config");
	return config;
}

EGLSurface pbuffer_surface(EGLDisplay display, EGLConfig config)
{
	const EGLint size[] = {EGL_WIDTH, WIDTH, EGL_HEIGHT, HEIGHT, EGL_NONE};
	EGLSurface surface = eglCreatePbufferSurface(display, config, size);

	if (surface == EGL_NO_SURFACE)
		die("cannot create a pbuffer");
	return surface;
}

/* An X window of the config's visual, as an EGL surface through the
 * EGL 1.5 platform call (which takes a pointer to the Window). */
static EGLSurface window_surface(Display *x, EGLDisplay display,
				 EGLConfig config, Window *window)
{
	XVisualInfo template = {0}, *visual;
	XSetWindowAttributes attributes = {0};
	EGLint visual_id;
	EGLSurface surface;
	int count;

	eglGetConfigAttrib(display, config, EGL_NATIVE_VISUAL_ID, &visual_id);
	template.visualid = (VisualID)visual_id;
	visual = XGetVisualInfo(x, VisualIDMask, &template, &count);
	if (!visual)
		die("no X visual for the EGL config");
	attributes.colormap = XCreateColormap(x, DefaultRootWindow(x),
					      visual->visual, AllocNone);
	*window = XCreateWindow(x, DefaultRootWindow(x), 0, 0, WIDTH, HEIGHT,
				0, visual->depth, InputOutput, visual->visual,
				CWColormap, &attributes);
	XMapWindow(x, *window);
	XFree(visual);
	surface = eglCreatePlatformWindowSurface(display, config, window, NULL);
	if (surface == EGL_NO_SURFACE)
		die("cannot create the window surface");
	return surface;
}

static GLuint compile(GLenum kind, const char *source)
{
	GLuint shader = glCreateShader(kind);
	GLint ok = 0;

	glShaderSource(shader, 1, &source, NULL);
	glCompileShader(shader);
	glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
	if (!ok)
		die("a shader does not compile");
	return shader;
}

static GLuint shader_program(void)
{
	static const char *vertex =
	    "attribute vec3 position;\n"
	    "attribute vec2 uv;\n"
	    "varying vec2 v_uv;\n"
	    "void main() { v_uv = uv; gl_Position = vec4(position, 1.0); }\n";
	static const char *fragment =
	    "precision mediump float;\n"
	    "varying vec2 v_uv;\n"
	    "uniform sampler2D image;\n"
	    "void main() { gl_FragColor = texture2D(image, v_uv) * "
	    "vec4(v_uv, 0.8, 1.0); }\n";
	GLuint program = glCreateProgram();
	GLint ok = 0;

	glAttachShader(program, compile(GL_VERTEX_SHADER, vertex));
	glAttachShader(program, compile(GL_FRAGMENT_SHADER, fragment));
	glBindAttribLocation(program, 0, "position");
	glBindAttribLocation(program, 1, "uv");
	glLinkProgram(program);
	glGetProgramiv(program, GL_LINK_STATUS, &ok);
	if (!ok)
		die("the shader program does not link");
	return program;
}

/* A checkerboard texture, handed to a second texture through an EGLImage:
 * the draw samples the second. */
static GLuint image_texture(EGLDisplay display, EGLContext context)
{
	PFNGLEGLIMAGETARGETTEXTURE2DOESPROC target_texture =
	    (PFNGLEGLIMAGETARGETTEXTURE2DOESPROC)eglGetProcAddress(
		"glEGLImageTargetTexture2DOES");
	unsigned char texels[16 * 16 * 4];
	GLuint textures[2];
	EGLImage image;

	for (int i = 0; i < 16 * 16; i++) {
		int dark = ((i % 16) / 4 + (i / 16) / 4) % 2;

		texels[i * 4 + 0] = dark ? 40 : 250;
		texels[i * 4 + 1] = dark ? 60 : 200;
		texels[i * 4 + 2] = (unsigned char)(i % 251);
		texels[i * 4 + 3] = 255;
	}
	glGenTextures(2, textures);
	glBindTexture(GL_TEXTURE_2D, textures[0]);
	glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 16, 16, 0, GL_RGBA,
		     GL_UNSIGNED_BYTE, texels);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
	image = eglCreateImage(display, context, EGL_GL_TEXTURE_2D,
			       (EGLClientBuffer)(uintptr_t)textures[0], NULL);
	if (image == EGL_NO_IMAGE || !target_texture)
		die("no EGLImage of a GL texture");
	glBindTexture(GL_TEXTURE_2D, textures[1]);
	target_texture(GL_TEXTURE_2D, image);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
	eglDestroyImage(display, image);
	return textures[1];
}

/* Two overlapping textured quads from a vertex buffer, depth-tested. */
static void draw_gles2(EGLDisplay display, EGLContext context)
{
	static const GLfloat vertices[] = {
	    /* x, y, z, u, v */
	    -0.8f, -0.8f, 0.2f,  0.0f, 0.0f, 0.6f, -0.8f, 0.2f,  1.0f, 0.0f,
	    -0.8f, 0.6f,  0.2f,  0.0f, 1.0f, 0.6f, 0.6f,  0.2f,  1.0f, 1.0f,
	    -0.4f, -0.4f, -0.3f, 0.0f, 0.0f, 0.9f, -0.2f, 0.6f,  1.0f, 0.0f,
	    -0.3f, 0.9f,  -0.3f, 0.0f, 1.0f, 0.8f, 0.8f,  0.6f,  1.0f, 1.0f,
	};
	GLuint buffer, texture = image_texture(display, context);

	glUseProgram(shader_program());
	glGenBuffers(1, &buffer);
	glBindBuffer(GL_ARRAY_BUFFER, buffer);
	glBufferData(GL_ARRAY_BUFFER, sizeof(vertices), vertices,
		     GL_STATIC_DRAW);
	glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat),
			      (const void *)0);
	glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat),
			      (const void *)(3 * sizeof(GLfloat)));
	glEnableVertexAttribArray(0);
	glEnableVertexAttribArray(1);
	glBindTexture(GL_TEXTURE_2D, texture);
	glViewport(0, 0, WIDTH, HEIGHT);
	glClearColor(0.1f, 0.15f, 0.2f, 1.0f);
	glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
	glEnable(GL_DEPTH_TEST);
	glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
	glDrawArrays(GL_TRIANGLE_STRIP, 4, 4);
	glFinish();
	printf("GLES 2: %s; errors %#x\n",
	       (const char *)glGetString(GL_VERSION), glGetError());
}

static void write_ppm(const char *path, const unsigned char *rgba)
{
	FILE *out = fopen(path, "wb");

	if (!out)
		die("cannot write the image");
	fprintf(out, "P6\n%d %d\n255\n", WIDTH, HEIGHT);
	/* glReadPixels' rows run bottom up; a PPM's top down. */
	for (int y = HEIGHT - 1; y >= 0; y--)
		for (int x = 0; x < WIDTH; x++)
			fwrite(rgba + (y * WIDTH + x) * 4, 1, 3, out);
	if (fclose(out) != 0)
		die("cannot write the image");
}

static void gles2_window(Display *x, EGLDisplay display, const char *out)
{
	static const EGLint gles2[] = {EGL_CONTEXT_CLIENT_VERSION, 2,
				       EGL_NONE};
	EGLConfig config =
	    choose_config(display, EGL_WINDOW_BIT, EGL_OPENGL_ES2_BIT);
	Window window;
	EGLSurface surface = window_surface(x, display, config, &window);
	EGLContext context;
	unsigned char *pixels = malloc(WIDTH * HEIGHT * 4);

	eglBindAPI(EGL_OPENGL_ES_API);
	context = eglCreateContext(display, config, EGL_NO_CONTEXT, gles2);
	if (context == EGL_NO_CONTEXT ||
	    !eglMakeCurrent(display, surface, surface, context))
		die("cannot make a GLES 2 context current");
	draw_gles2(display, context);
	glReadPixels(0, 0, WIDTH, HEIGHT, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
	printf("GLES 2 pixels: %dx%d, FNV-1a %08x\n", WIDTH, HEIGHT,
	       fnv1a(pixels, WIDTH * HEIGHT * 4));
	write_ppm(out, pixels);
	eglSwapBuffers(display, surface);
	eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE,
		       EGL_NO_CONTEXT);
	eglDestroyContext(display, context);
	eglDestroySurface(display, surface);
	XDestroyWindow(x, window);
	free(pixels);
}

/* Desktop GL made current through EGL: every GL function this part calls
 * comes from eglGetProcAddress (the program links no libGL). */
static void desktop_gl(EGLDisplay display)
{
	EGLConfig config =
	    choose_config(display, EGL_PBUFFER_BIT, EGL_OPENGL_BIT);
	EGLSurface surface = pbuffer_surface(display, config);
	EGLContext context;
	const GLubyte *(*get_string)(GLenum) =
	    (const GLubyte *(*)(GLenum))eglGetProcAddress("glGetString");
	void (*clear_color)(GLfloat, GLfloat, GLfloat, GLfloat) =
	    (void (*)(GLfloat, GLfloat, GLfloat, GLfloat))eglGetProcAddress(
		"glClearColor");
	void (*clear)(GLbitfield) =
	    (void (*)(GLbitfield))eglGetProcAddress("glClear");
	void (*read_pixels)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum,
			    void *) =
	    (void (*)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum,
		      void *))eglGetProcAddress("glReadPixels");
	unsigned char pixel[4];

	eglBindAPI(EGL_OPENGL_API);
	context = eglCreateContext(display, config, EGL_NO_CONTEXT, NULL);
	if (context == EGL_NO_CONTEXT ||
	    !eglMakeCurrent(display, surface, surface, context))
		die("cannot make a desktop GL context current");
	if (!get_string || !clear_color || !clear || !read_pixels)
		die("eglGetProcAddress has no desktop GL function");
	clear_color(0.25f, 0.5f, 0.75f, 1.0f);
	clear(GL_COLOR_BUFFER_BIT);
	read_pixels(WIDTH / 2, HEIGHT / 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE,
		    pixel);
	printf("desktop GL through EGL: renderer %.8s, cleared to %d %d %d\n",
	       (const char *)get_string(GL_RENDERER), pixel[0], pixel[1],
	       pixel[2]);
	eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE,
		       EGL_NO_CONTEXT);
	eglDestroyContext(display, context);
	eglDestroySurface(display, surface);
}

/* EGL_EXT_device_query, by name: the display's device and its
 * extensions (a pointer written through an out-parameter). */
static void device_query(EGLDisplay display)
{
	PFNEGLQUERYDISPLAYATTRIBEXTPROC display_attribute =
	    (PFNEGLQUERYDISPLAYATTRIBEXTPROC)eglGetProcAddress(
		"eglQueryDisplayAttribEXT");
	PFNEGLQUERYDEVICESTRINGEXTPROC device_string =
	    (PFNEGLQUERYDEVICESTRINGEXTPROC)eglGetProcAddress(
		"eglQueryDeviceStringEXT");
	EGLAttrib device = 0;

	if (!display_attribute || !device_string ||
	    !display_attribute(display, EGL_DEVICE_EXT, &device))
		die("no EGL_EXT_device_query");
	printf("EGL device extensions: %s\n",
	       device_string((EGLDeviceEXT)device, EGL_EXTENSIONS));
}

int main(int argc, char **argv)
{
	Display *x = XOpenDisplay(NULL);
	EGLDisplay display;
	EGLint major, minor;

	if (argc < 2)
		die("usage: egl-client OUT.ppm");
	if (!x)
		die("cannot open the display");
	display = eglGetPlatformDisplay(EGL_PLATFORM_X11_KHR, x, NULL);
	if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor))
		die("cannot initialize EGL on X11");
	printf("EGL %d.%d, %s; client APIs: %s\n", major, minor,
	       eglQueryString(display, EGL_VENDOR),
	       eglQueryString(display, EGL_CLIENT_APIS));
	debug_callback(display);
	device_query(display);
	gles2_window(x, display, argv[1]);
	gles1_pbuffer(display,
		      choose_config(display, EGL_PBUFFER_BIT, EGL_OPENGL_ES_BIT));
	desktop_gl(display);
	eglTerminate(display);
	XCloseDisplay(x);
	return 0;
}
