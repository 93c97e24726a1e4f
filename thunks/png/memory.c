// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every png_struct is made by memory_host.c's helpers, which give libpng
 * the guest-visible heap where the program gives no allocator (see
 * there). When the guest's own library serves (SPEC §7) its own functions
 * are called with the same arguments.
 */
#include "dlcall/guest.h"
#include "png-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

EXPORT png_structp png_create_read_struct(png_const_charp version,
					  png_voidp error_ptr,
					  png_error_ptr error_fn,
					  png_error_ptr warn_fn)
{
	static void *cache;
	__typeof__(&png_create_read_struct) own =
	    OWN(png_create_read_struct, cache);

	if (own)
		return own(version, error_ptr, error_fn, warn_fn);
	return dlcall_png_create_struct(0, version, error_ptr, error_fn,
					warn_fn, NULL, NULL, NULL);
}

EXPORT png_structp png_create_read_struct_2(
    png_const_charp version, png_voidp error_ptr, png_error_ptr error_fn,
    png_error_ptr warn_fn, png_voidp mem_ptr, png_malloc_ptr malloc_fn,
    png_free_ptr free_fn)
{
	static void *cache;
	__typeof__(&png_create_read_struct_2) own =
	    OWN(png_create_read_struct_2, cache);

	if (own)
		return own(version, error_ptr, error_fn, warn_fn, mem_ptr,
			   malloc_fn, free_fn);
	return dlcall_png_create_struct(0, version, error_ptr, error_fn,
					warn_fn, mem_ptr, malloc_fn, free_fn);
}

EXPORT png_structp png_create_write_struct(png_const_charp version,
					   png_voidp error_ptr,
					   png_error_ptr error_fn,
					   png_error_ptr warn_fn)
{
	static void *cache;
	__typeof__(&png_create_write_struct) own =
	    OWN(png_create_write_struct, cache);

	if (own)
		return own(version, error_ptr, error_fn, warn_fn);
	return dlcall_png_create_struct(1, version, error_ptr, error_fn,
					warn_fn, NULL, NULL, NULL);
}

EXPORT png_structp png_create_write_struct_2(
    png_const_charp version, png_voidp error_ptr, png_error_ptr error_fn,
    png_error_ptr warn_fn, png_voidp mem_ptr, png_malloc_ptr malloc_fn,
    png_free_ptr free_fn)
{
	static void *cache;
	__typeof__(&png_create_write_struct_2) own =
	    OWN(png_create_write_struct_2, cache);

	if (own)
		return own(version, error_ptr, error_fn, warn_fn, mem_ptr,
			   malloc_fn, free_fn);
	return dlcall_png_create_struct(1, version, error_ptr, error_fn,
					warn_fn, mem_ptr, malloc_fn, free_fn);
}

EXPORT void png_set_mem_fn(png_structp png_ptr, png_voidp mem_ptr,
			   png_malloc_ptr malloc_fn, png_free_ptr free_fn)
{
	static void *cache;
	__typeof__(&png_set_mem_fn) own = OWN(png_set_mem_fn, cache);

	if (own)
		own(png_ptr, mem_ptr, malloc_fn, free_fn);
	else
		dlcall_png_set_mem_fn(png_ptr, mem_ptr, malloc_fn, free_fn);
}
