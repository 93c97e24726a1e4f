/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libpng's allocator, host side (memory_host.c). */
#ifndef DLCALL_PNG_MEMORY_HOST_H
#define DLCALL_PNG_MEMORY_HOST_H

#include <png.h>

/* png_create_read_struct_2(), or _write_ when for_writing is set, with
 * the guest-visible heap where malloc_fn is NULL. */
png_structp dlcall_png_create_struct(int for_writing, png_const_charp version,
				     png_voidp error_ptr,
				     png_error_ptr error_fn,
				     png_error_ptr warn_fn, png_voidp mem_ptr,
				     png_malloc_ptr malloc_fn,
				     png_free_ptr free_fn);
void dlcall_png_set_mem_fn(png_structp png_ptr, png_voidp mem_ptr,
			   png_malloc_ptr malloc_fn, png_free_ptr free_fn);

#endif
