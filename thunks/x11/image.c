// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * XGetImage() and XGetSubImage(), guest side: the image's pixels are
 * libX11's (host) memory, which a program saving a screenshot hands to
 * write(); they are made visible to its system calls (SPEC §3).
 */
#include "dlcall/guest.h"
#include "x11-thunk.h"

/* The bytes of an image's data: a plane per bit of depth unless ZPixmap. */
static void make_pixels_visible(const XImage *image)
{
	unsigned long planes = image->format == ZPixmap ? 1 : image->depth;

	dlcall_guest_make_visible(image->data, (unsigned long)image->bytes_per_line *
						       image->height * planes);
}

EXPORT XImage *XGetImage(Display *display, Drawable drawable, int x, int y,
			 unsigned int width, unsigned int height,
			 unsigned long plane_mask, int format)
{
	XImage *image = pass_through_XGetImage(display, drawable, x, y, width,
					       height, plane_mask, format);

	if (image)
		make_pixels_visible(image);
	return image;
}

EXPORT XImage *XGetSubImage(Display *display, Drawable drawable, int x,
			    int y, unsigned int width, unsigned int height,
			    unsigned long plane_mask, int format,
			    XImage *dest_image, int dest_x, int dest_y)
{
	XImage *image = pass_through_XGetSubImage(
	    display, drawable, x, y, width, height, plane_mask, format,
	    dest_image, dest_x, dest_y);

	if (image)
		make_pixels_visible(image);
	return image;
}
