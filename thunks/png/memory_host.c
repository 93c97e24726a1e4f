// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libpng allocates on the guest-visible heap (host/visible_heap.c) unless
 * the program gives it an allocator of its own: the buffers it hands a
 * program's read and write functions and the rows png_read_png() returns
 * are memory the program's system calls may use (a read() straight into
 * them), which QEMU refuses for host memory (SPEC §3). libpng has no
 * global allocator hook: each png_struct is created with ours (memory.c).
 */
#include "dlcall/host.h"
#include "memory_host.h"

static png_voidp visible_malloc(png_structp png_ptr, png_alloc_size_t size)
{
	(void)png_ptr;
	return dlcall_host_visible_malloc(size);
}

static void visible_free(png_structp png_ptr, png_voidp block)
{
	(void)png_ptr;
	dlcall_host_visible_free(block);
}

png_structp dlcall_png_create_struct(int for_writing, png_const_charp version,
				     png_voidp error_ptr,
				     png_error_ptr error_fn,
				     png_error_ptr warn_fn, png_voidp mem_ptr,
				     png_malloc_ptr malloc_fn,
				     png_free_ptr free_fn)
{
	if (!malloc_fn) {
		malloc_fn = visible_malloc;
		free_fn = visible_free;
	}
	if (for_writing)
		return png_create_write_struct_2(version, error_ptr, error_fn,
						 warn_fn, mem_ptr, malloc_fn,
						 free_fn);
	return png_create_read_struct_2(version, error_ptr, error_fn, warn_fn,
					mem_ptr, malloc_fn, free_fn);
}

/* A program going back to libpng's default allocator gets ours. */
void dlcall_png_set_mem_fn(png_structp png_ptr, png_voidp mem_ptr,
			   png_malloc_ptr malloc_fn, png_free_ptr free_fn)
{
	if (!malloc_fn)
		png_set_mem_fn(png_ptr, mem_ptr, visible_malloc, visible_free);
	else
		png_set_mem_fn(png_ptr, mem_ptr, malloc_fn, free_fn);
}
