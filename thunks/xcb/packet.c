// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The sizes of what libxcb hands the program to free() (spec owned-result
 * and owned-out): the guest thunk copies each into the guest's heap.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <xcb/xcb.h>

/* X11's wire format as libxcb stores it: a reply is 32 bytes and
 * `length` 4-byte words more; an event or an error is 32 bytes and the
 * full sequence number libxcb appends, a generic event (XGE) that and its
 * `length` words. File descriptors some extensions' replies carry after
 * the data are not copied (docs/limitations.md). */
__attribute__((visibility("hidden"))) size_t
xcb_packet_size(const void *block)
{
	const xcb_generic_reply_t *packet = block;
	size_t words = (size_t)packet->length * 4;

	if (packet->response_type == 1) /* X11's reply code (0: an error) */
		return 32 + words;
	if ((packet->response_type & 0x7f) == XCB_GE_GENERIC)
		return 32 + sizeof(uint32_t) + words;
	return 32 + sizeof(uint32_t);
}

/* xcb_parse_display's host name. */
__attribute__((visibility("hidden"))) size_t xcb_string_size(const void *text)
{
	return strlen(text) + 1;
}
