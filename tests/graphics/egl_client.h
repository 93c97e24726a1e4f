// SPDX-License-Identifier: GPL-2.0-or-later
/* The EGL client's parts (egl_client.c, egl_gles1.c). */
#ifndef DLCALL_EGL_CLIENT_H
#define DLCALL_EGL_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <EGL/egl.h>

enum { WIDTH = 128, HEIGHT = 96 };

void die(const char *what);
uint32_t fnv1a(const unsigned char *bytes, size_t size);
EGLSurface pbuffer_surface(EGLDisplay display, EGLConfig config);
/* Draws with OpenGL ES 1.1 (libGLESv1_CM) in a pbuffer of `config`. */
void gles1_pbuffer(EGLDisplay display, EGLConfig config);

#endif
