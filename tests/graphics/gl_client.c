// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A GL client of our own: draws a fixed scene in an X window through GLX
 * and reads it back, so that its pixels passed through can be compared
 * with the same program's run natively (both drawn by the host's Mesa).
 *
 *   gl-client OUT.ppm [SCREENSHOT.ppm]
 *
 * The scene: smooth-shaded triangles, a lit sphere, a mipmapped texture,
 * blending and the depth test (fixed-function GL, client-side vertex
 * arrays read at draw time), then a shader program fed by a vertex buffer
 * (functions found by glXGetProcAddress). Around it: an Xlib error handler,
 * an XIfEvent() predicate and an after-function, GL debug messages in
 * synchronous mode, and an XImage whose functions
 * (XGetPixel, XDestroyImage) come from libX11. It prints what it saw;
 * OUT.ppm gets the glReadPixels image, SCREENSHOT.ppm the XGetImage one
 * (a host buffer written with fwrite()).
 */
#define GL_GLEXT_PROTOTYPES
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

enum { WIDTH = 128, HEIGHT = 96 };

static int x_errors, last_x_error, debug_messages, after_calls;

static int on_x_error(Display *display, XErrorEvent *event)
{
	(void)display;
	x_errors++;
	last_x_error = event->error_code;
	return 0;
}

/* XSetAfterFunction(): libX11 calls it after each request it sends. */
static int after_request(Display *display)
{
	(void)display;
	after_calls++;
	return 0;
}

/* An XIfEvent() predicate: the client message carrying 42. */
static Bool is_our_message(Display *display, XEvent *event, XPointer arg)
{
	(void)display;
	return event->type == ClientMessage &&
	       event->xclient.data.l[0] == 42 && arg == (XPointer)&after_calls;
}

/* Xlib's callbacks around events and requests: a predicate that picks an
 * event out of the queue, and the after-function XSynchronize() swaps. */
static void event_callbacks(Display *display, Window window)
{
	XEvent message = {0}, found;
	int (*previous)(Display *);

	message.xclient.type = ClientMessage;
	message.xclient.window = window;
	message.xclient.message_type = XInternAtom(display, "GL_CLIENT", False);
	message.xclient.format = 32;
	message.xclient.data.l[0] = 42;
	XSendEvent(display, window, False, NoEventMask, &message);
	XIfEvent(display, &found, is_our_message, (XPointer)&after_calls);
	printf("XIfEvent: client message %ld\n", found.xclient.data.l[0]);
	XSetAfterFunction(display, after_request);
	XNoOp(display);
	XNoOp(display);
	previous = XSynchronize(display, True);
	printf("after-function: called %s, XSynchronize returned it: %s\n",
	       after_calls >= 2 ? "at least twice" : "less than twice",
	       previous == after_request ? "yes" : "no");
	XSynchronize(display, False);
	XSetAfterFunction(display, NULL);
}

static void GLAPIENTRY on_gl_debug(GLenum source, GLenum type, GLuint id,
				   GLenum severity, GLsizei length,
				   const GLchar *message, const void *user)
{
	(void)source, (void)type, (void)severity, (void)length;
	if (id == 42 && strcmp(message, "gl-client marker") == 0 &&
	    user == &debug_messages)
		debug_messages++;
}

static void die(const char *what)
{
	fprintf(stderr, "gl-client: %s\n", what);
	exit(1);
}

/* Smooth-shaded triangles from client-side arrays, drawn with blending. */
static void draw_triangles(void)
{
	static const GLfloat vertices[] = {-0.9f, -0.9f, 0.5f, -0.1f, -0.9f,
					   0.5f, -0.5f, -0.1f, 0.5f, -0.6f,
					   -0.7f, 0.2f, 0.2f,  -0.7f, 0.2f,
					   -0.2f, 0.1f, 0.2f};
	static const GLubyte colors[] = {255, 0,   0,   255, 0,   255,
					 0,   255, 0,   0,   255, 255,
					 255, 255, 0,   128, 0,   255,
					 255, 128, 255, 0,   255, 128};

	glEnable(GL_BLEND);
	glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
	glEnableClientState(GL_VERTEX_ARRAY);
	glEnableClientState(GL_COLOR_ARRAY);
	glVertexPointer(3, GL_FLOAT, 0, vertices);
	glColorPointer(4, GL_UNSIGNED_BYTE, 0, colors);
	glDrawArrays(GL_TRIANGLES, 0, 6);
	glDisableClientState(GL_COLOR_ARRAY);
	glDisableClientState(GL_VERTEX_ARRAY);
	glDisable(GL_BLEND);
}

/* A lit sphere in immediate mode. */
static void draw_sphere(void)
{
	static const GLfloat light[] = {1.0f, 1.0f, 2.0f, 0.0f};
	static const GLfloat diffuse[] = {0.2f, 0.6f, 1.0f, 1.0f};

	glEnable(GL_LIGHTING);
	glEnable(GL_LIGHT0);
	glLightfv(GL_LIGHT0, GL_POSITION, light);
	glMaterialfv(GL_FRONT, GL_DIFFUSE, diffuse);
	for (int ring = 0; ring < 12; ring++) {
		float a0 = (float)M_PI * ring / 12 - (float)M_PI / 2;
		float a1 = (float)M_PI * (ring + 1) / 12 - (float)M_PI / 2;

		glBegin(GL_QUAD_STRIP);
		for (int step = 0; step <= 16; step++) {
			float b = 2 * (float)M_PI * step / 16;
			float x0 = cosf(a0) * cosf(b), y0 = sinf(a0);
			float x1 = cosf(a1) * cosf(b), y1 = sinf(a1);
			float z0 = cosf(a0) * sinf(b), z1 = cosf(a1) * sinf(b);

			glNormal3f(x0, y0, z0);
			glVertex3f(0.45f + 0.35f * x0, 0.45f + 0.35f * y0,
				   0.35f * z0);
			glNormal3f(x1, y1, z1);
			glVertex3f(0.45f + 0.35f * x1, 0.45f + 0.35f * y1,
				   0.35f * z1);
		}
		glEnd();
	}
	glDisable(GL_LIGHTING);
}

/* A mipmapped checkerboard on a receding quad. */
static void draw_texture(void)
{
	static GLubyte texels[64 * 64 * 3];
	GLuint texture;

	for (int i = 0; i < 64 * 64; i++) {
		int dark = ((i % 64) / 8 + (i / 64) / 8) % 2;

		texels[3 * i] = dark ? 30 : 230;
		texels[3 * i + 1] = dark ? 60 : 200;
		texels[3 * i + 2] = dark ? 90 : 40;
	}
	glGenTextures(1, &texture);
	glBindTexture(GL_TEXTURE_2D, texture);
	glTexParameteri(GL_TEXTURE_2D, GL_GENERATE_MIPMAP, GL_TRUE);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
			GL_LINEAR_MIPMAP_LINEAR);
	glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB, 64, 64, 0, GL_RGB,
		     GL_UNSIGNED_BYTE, texels);
	glEnable(GL_TEXTURE_2D);
	glBegin(GL_QUADS);
	glTexCoord2f(0, 0), glVertex3f(-0.9f, 0.1f, 0.9f);
	glTexCoord2f(4, 0), glVertex3f(-0.1f, 0.1f, 0.9f);
	glTexCoord2f(4, 4), glVertex3f(-0.3f, 0.9f, -0.9f);
	glTexCoord2f(0, 4), glVertex3f(-0.7f, 0.9f, -0.9f);
	glEnd();
	glDisable(GL_TEXTURE_2D);
	glDeleteTextures(1, &texture);
}

static GLuint compile(GLenum kind, const char *source)
{
	PFNGLCREATESHADERPROC create_shader = (PFNGLCREATESHADERPROC)
	    glXGetProcAddress((const GLubyte *)"glCreateShader");
	GLuint shader = create_shader(kind);
	GLint ok = 0;

	glShaderSource(shader, 1, &source, NULL);
	glCompileShader(shader);
	glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
	if (!ok)
		die("a shader does not compile");
	return shader;
}

/* The bound vertex buffer, mapped, handed to write(): the driver's memory
 * in a system call. */
static void write_mapped(size_t size)
{
	const void *mapped = glMapBufferRange(GL_ARRAY_BUFFER, 0,
					      (GLsizeiptr)size, GL_MAP_READ_BIT);
	FILE *null = fopen("/dev/null", "wb");
	ssize_t written = -1;

	if (mapped && null)
		written = write(fileno(null), mapped, size);
	printf("mapped buffer written: %zd of %zu bytes%s\n", written, size,
	       written < 0 ? " (the system call refused it)" : "");
	if (null)
		fclose(null);
	glUnmapBuffer(GL_ARRAY_BUFFER);
}

/* A shader program drawing a vertex buffer, over what is there. */
static void draw_shaded(void)
{
	static const char vertex[] =
	    "#version 120\nattribute vec2 position;\nvarying vec2 at;\n"
	    "void main() { at = position; gl_Position = vec4(position, "
	    "-0.5, 1.0); }\n";
	static const char fragment[] =
	    "#version 120\nvarying vec2 at;\nuniform float scale;\n"
	    "void main() { gl_FragColor = vec4(fract(at * scale), 0.5, "
	    "1.0); }\n";
	static const GLfloat square[] = {0.1f, -0.9f, 0.9f, -0.9f,
					 0.9f, -0.1f, 0.1f, -0.1f};
	PFNGLGENBUFFERSPROC gen_buffers = (PFNGLGENBUFFERSPROC)
	    glXGetProcAddressARB((const GLubyte *)"glGenBuffers");
	GLuint program = glCreateProgram(), buffer;
	GLint linked = 0, position;

	glAttachShader(program, compile(GL_VERTEX_SHADER, vertex));
	glAttachShader(program, compile(GL_FRAGMENT_SHADER, fragment));
	glLinkProgram(program);
	glGetProgramiv(program, GL_LINK_STATUS, &linked);
	if (!linked)
		die("the shader program does not link");
	glUseProgram(program);
	glUniform1f(glGetUniformLocation(program, "scale"), 3.0f);
	gen_buffers(1, &buffer);
	glBindBuffer(GL_ARRAY_BUFFER, buffer);
	glBufferData(GL_ARRAY_BUFFER, sizeof(square), square, GL_STATIC_DRAW);
	position = glGetAttribLocation(program, "position");
	glEnableVertexAttribArray((GLuint)position);
	glVertexAttribPointer((GLuint)position, 2, GL_FLOAT, GL_FALSE, 0, 0);
	glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
	glDisableVertexAttribArray((GLuint)position);
	write_mapped(sizeof(square));
	glBindBuffer(GL_ARRAY_BUFFER, 0);
	glUseProgram(0);
	glDeleteBuffers(1, &buffer);
	glDeleteProgram(program);
}

static uint32_t fnv1a(const unsigned char *bytes, size_t size)
{
	uint32_t hash = 2166136261u;

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ bytes[i]) * 16777619u;
	return hash;
}

static int write_ppm(const char *path, const unsigned char *rgb, int width,
		     int height)
{
	FILE *out = fopen(path, "wb");
	int ok;

	if (!out)
		return 0;
	fprintf(out, "P6\n%d %d\n255\n", width, height);
	ok = fwrite(rgb, 3, (size_t)width * height, out) ==
	     (size_t)width * height;
	return fclose(out) == 0 && ok;
}

/* glReadPixels' rows run bottom up; a PPM's top down. */
static void flip_rows(unsigned char *rgb, int width, int height)
{
	size_t row = (size_t)width * 3;
	unsigned char *swap = malloc(row);

	for (int y = 0; y < height / 2; y++) {
		memcpy(swap, rgb + y * row, row);
		memcpy(rgb + y * row, rgb + (height - 1 - y) * row, row);
		memcpy(rgb + (height - 1 - y) * row, swap, row);
	}
	free(swap);
}

/* XGetImage of the window, read with XGetPixel (libX11's function in the
 * XImage) and written as it is: the library's own buffer. */
static void screenshot(Display *display, Window window, const char *path)
{
	XImage *image = XGetImage(display, window, 0, 0, WIDTH, HEIGHT,
				  AllPlanes, ZPixmap);
	unsigned long corner;

	if (!image)
		die("XGetImage failed");
	corner = XGetPixel(image, WIDTH - 1, 0);
	printf("XGetImage: %dx%d, depth %d, %d bits per pixel, top right "
	       "pixel %06lx\n",
	       image->width, image->height, image->depth,
	       image->bits_per_pixel, corner & 0xffffff);
	if (path) {
		FILE *out = fopen(path, "wb");
		size_t size = (size_t)image->bytes_per_line * image->height;

		if (!out || fwrite(image->data, 1, size, out) != size ||
		    fclose(out) != 0)
			die("cannot write the screenshot");
	}
	XDestroyImage(image);
}

int main(int argc, char **argv)
{
	static int attributes[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE,
				   8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE,
				   8, GLX_DEPTH_SIZE, 24, None};
	Display *display = XOpenDisplay(NULL);
	XVisualInfo *visual;
	XSetWindowAttributes window_attributes = {0};
	XWindowAttributes bad;
	Window window;
	GLXContext context;
	unsigned char *pixels;

	if (argc < 2)
		die("usage: gl-client OUT.ppm [SCREENSHOT.ppm]");
	if (!display)
		die("cannot open the display");
	XSetErrorHandler(on_x_error);
	visual = glXChooseVisual(display, DefaultScreen(display), attributes);
	if (!visual)
		die("no RGBA double-buffered visual with depth");
	window_attributes.colormap =
	    XCreateColormap(display, RootWindow(display, visual->screen),
			    visual->visual, AllocNone);
	window = XCreateWindow(display, RootWindow(display, visual->screen), 0,
			       0, WIDTH, HEIGHT, 0, visual->depth, InputOutput,
			       visual->visual, CWColormap, &window_attributes);
	XMapWindow(display, window);
	context = glXCreateContext(display, visual, NULL, True);
	if (!context || !glXMakeCurrent(display, window, context))
		die("cannot make a GLX context current");
	/* An X error on purpose: the handler sees BadWindow. */
	XGetWindowAttributes(display, (Window)0x1fffffff, &bad);
	XSync(display, False);
	printf("X errors: %d, last code %d\n", x_errors, last_x_error);
	event_callbacks(display, window);
	printf("GL_RENDERER starts with llvmpipe: %s\n",
	       strncmp((const char *)glGetString(GL_RENDERER), "llvmpipe", 8)
		       ? "no"
		       : "yes");

	glEnable(GL_DEBUG_OUTPUT);
	glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
	glDebugMessageCallback(on_gl_debug, &debug_messages);
	glDebugMessageInsert(GL_DEBUG_SOURCE_APPLICATION, GL_DEBUG_TYPE_MARKER,
			     42, GL_DEBUG_SEVERITY_NOTIFICATION, -1,
			     "gl-client marker");
	printf("GL debug messages received: %d\n", debug_messages);

	glViewport(0, 0, WIDTH, HEIGHT);
	glClearColor(0.1f, 0.1f, 0.15f, 1.0f);
	glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
	glEnable(GL_DEPTH_TEST);
	draw_texture();
	draw_sphere();
	draw_triangles();
	draw_shaded();
	glFinish();
	printf("GL errors: %#x\n", glGetError());

	pixels = malloc(WIDTH * HEIGHT * 3);
	glPixelStorei(GL_PACK_ALIGNMENT, 1);
	glReadPixels(0, 0, WIDTH, HEIGHT, GL_RGB, GL_UNSIGNED_BYTE, pixels);
	flip_rows(pixels, WIDTH, HEIGHT);
	printf("pixels: %dx%d, FNV-1a %08x\n", WIDTH, HEIGHT,
	       fnv1a(pixels, WIDTH * HEIGHT * 3));
	if (!write_ppm(argv[1], pixels, WIDTH, HEIGHT))
		die("cannot write the image");
	glXSwapBuffers(display, window);
	glXWaitGL();
	screenshot(display, window, argc > 2 ? argv[2] : NULL);

	free(pixels);
	glXMakeCurrent(display, None, NULL);
	glXDestroyContext(display, context);
	XDestroyWindow(display, window);
	XFree(visual);
	XCloseDisplay(display);
	return 0;
}
