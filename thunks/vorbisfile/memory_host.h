/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libvorbisfile's and libogg's allocations, host side (memory_host.c). */
#ifndef DLCALL_VORBISFILE_MEMORY_HOST_H
#define DLCALL_VORBISFILE_MEMORY_HOST_H

/* Gives libogg, libvorbis and libvorbisfile the guest-visible heap. */
void dlcall_vorbisfile_use_visible_heap(void);

#endif
