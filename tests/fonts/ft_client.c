// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A FreeType client for pass-through tests: everything a program hands
 * FreeType to call back. Its own allocator (FT_New_Library), its own
 * stream (FT_Open_Face), outline walkers (FT_Outline_Decompose), span
 * functions (FT_Outline_Render), a face requester (FTC_Manager_New) and
 * finalizers on a face, its sizes and its glyph slot, which must run once
 * each and read back as the program's own functions in between. Rendered
 * glyphs are hashed, and one is written out with write() straight from
 * the library's buffer. The report must be the same natively, emulated
 * and passed through.
 *
 * usage: ft-client FONT.ttf
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CACHE_H
#include FT_GLYPH_H
#include FT_MODULE_H
#include FT_OUTLINE_H
#include FT_SIZES_H
#include FT_STROKER_H

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

static void check_error(FT_Error error, const char *what)
{
	if (error) {
		printf("FAILED: %s: error 0x%02x\n", what, error);
		failures++;
	}
}

/* FNV-1a over a bitmap's rows, whatever its pitch. */
static uint32_t bitmap_hash(const FT_Bitmap *bitmap)
{
	uint32_t hash = 2166136261u;
	unsigned width = bitmap->pixel_mode == FT_PIXEL_MODE_MONO
			     ? (bitmap->width + 7) / 8
			     : bitmap->width;

	for (unsigned row = 0; row < bitmap->rows; row++) {
		const unsigned char *line =
		    bitmap->buffer + (long)row * bitmap->pitch;

		for (unsigned i = 0; i < width; i++)
			hash = (hash ^ line[i]) * 16777619u;
	}
	return hash;
}

/* ---- the program's allocator ------------------------------------------ */

static long allocations, frees, reallocations;

static void *count_alloc(FT_Memory memory, long size)
{
	(void)memory;
	allocations++;
	return malloc((size_t)size);
}

static void count_free(FT_Memory memory, void *block)
{
	(void)memory;
	if (block)
		frees++;
	free(block);
}

static void *count_realloc(FT_Memory memory, long current, long size,
			   void *block)
{
	(void)memory;
	(void)current;
	reallocations++;
	return realloc(block, (size_t)size);
}

static struct FT_MemoryRec_ counting_memory = {NULL, count_alloc, count_free,
					       count_realloc};

/* ---- the program's stream ------------------------------------------------ */

static long stream_reads, stream_closes;

/* Reads with pread() into FreeType's buffer; count 0 is a seek. */
static unsigned long stream_read(FT_Stream stream, unsigned long offset,
				 unsigned char *buffer, unsigned long count)
{
	ssize_t got;

	if (count == 0)
		return offset <= stream->size ? 0 : 1;
	stream_reads++;
	got = pread(stream->descriptor.value, buffer, count, (off_t)offset);
	return got < 0 ? 0 : (unsigned long)got;
}

static void stream_close(FT_Stream stream)
{
	stream_closes++;
	close(stream->descriptor.value);
}

/* ---- finalizers -----------------------------------------------------------
 */

static int face_finalized, size_finalized, slot_finalized;

static void finalize_face(void *object)
{
	FT_Face face = object;

	face_finalized++;
	check(strcmp(face->generic.data, "face data") == 0,
	      "the face's finalizer gets its face");
}

static void finalize_size(void *object)
{
	FT_Size size = object;

	size_finalized++;
	check(strcmp(size->generic.data, "size data") == 0,
	      "a size's finalizer gets its size");
}

static void finalize_slot(void *object)
{
	(void)object;
	slot_finalized++;
}

/* ---- outlines ----------------------------------------------------------- */

struct outline_walk {
	int moves, lines, conics, cubics;
	long sum;
};

static int walk_move(const FT_Vector *to, void *user)
{
	struct outline_walk *w = user;

	w->moves++;
	w->sum += to->x + 3 * to->y;
	return 0;
}

static int walk_line(const FT_Vector *to, void *user)
{
	struct outline_walk *w = user;

	w->lines++;
	w->sum += to->x - to->y;
	return 0;
}

static int walk_conic(const FT_Vector *control, const FT_Vector *to, void *user)
{
	struct outline_walk *w = user;

	w->conics++;
	w->sum += control->x + to->y;
	return 0;
}

static int walk_cubic(const FT_Vector *control1, const FT_Vector *control2,
		      const FT_Vector *to, void *user)
{
	struct outline_walk *w = user;

	w->cubics++;
	w->sum += control1->x + control2->y + to->x;
	return 0;
}

static const FT_Outline_Funcs outline_walker = {
    walk_move, walk_line, walk_conic, walk_cubic, 0, 0};

static void span_count(int y, int count, const FT_Span *spans, void *user)
{
	long *coverage = user;

	for (int i = 0; i < count; i++)
		*coverage += (long)(y + 1) * spans[i].len * spans[i].coverage;
}

/* ---- the parts ------------------------------------------------------------
 */

static void render_text(FT_Face face, const char *text)
{
	uint32_t hash = 2166136261u;
	FT_UInt previous = 0;
	long pen = 0;

	for (const char *c = text; *c; c++) {
		FT_UInt index = FT_Get_Char_Index(face, (FT_ULong)*c);
		FT_Vector kerning = {0, 0};

		if (previous)
			FT_Get_Kerning(face, previous, index,
				       FT_KERNING_DEFAULT, &kerning);
		check_error(FT_Load_Glyph(face, index, FT_LOAD_RENDER),
			    "FT_Load_Glyph");
		hash = (hash ^ bitmap_hash(&face->glyph->bitmap)) * 16777619u;
		pen += kerning.x + face->glyph->advance.x;
		previous = index;
	}
	printf("text \"%s\": bitmaps %08x, advance %ld\n", text, hash, pen);
}

static void walk_outline(FT_Library library, FT_Face face)
{
	struct outline_walk w = {0};
	FT_Raster_Params params;
	long coverage = 0;

	check_error(FT_Load_Char(face, '&', FT_LOAD_NO_BITMAP),
		    "FT_Load_Char &");
	check_error(
	    FT_Outline_Decompose(&face->glyph->outline, &outline_walker, &w),
	    "FT_Outline_Decompose");
	printf("outline &: %d moves, %d lines, %d conics, %d cubics, sum %ld\n",
	       w.moves, w.lines, w.conics, w.cubics, w.sum);
	memset(&params, 0, sizeof(params));
	params.flags = FT_RASTER_FLAG_AA | FT_RASTER_FLAG_DIRECT;
	params.gray_spans = span_count;
	params.user = &coverage;
	check_error(FT_Outline_Render(library, &face->glyph->outline, &params),
		    "FT_Outline_Render");
	printf("spans of &: weighted coverage %ld\n", coverage);
}

static void stroke_glyph(FT_Library library, FT_Face face)
{
	FT_Stroker stroker;
	FT_Glyph glyph;

	check_error(FT_Stroker_New(library, &stroker), "FT_Stroker_New");
	FT_Stroker_Set(stroker, 96, FT_STROKER_LINECAP_ROUND,
		       FT_STROKER_LINEJOIN_ROUND, 0);
	check_error(FT_Load_Char(face, 'g', FT_LOAD_NO_BITMAP), "FT_Load_Char");
	check_error(FT_Get_Glyph(face->glyph, &glyph), "FT_Get_Glyph");
	check_error(FT_Glyph_Stroke(&glyph, stroker, 1), "FT_Glyph_Stroke");
	check_error(FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, NULL, 1),
		    "FT_Glyph_To_Bitmap");
	printf("stroked g: %ux%u, %08x\n",
	       ((FT_BitmapGlyph)glyph)->bitmap.width,
	       ((FT_BitmapGlyph)glyph)->bitmap.rows,
	       bitmap_hash(&((FT_BitmapGlyph)glyph)->bitmap));
	FT_Done_Glyph(glyph);
	FT_Stroker_Done(stroker);
}

/* write() straight from the library's bitmap (the guest-visible heap). */
static void write_bitmap(FT_Face face)
{
	const FT_Bitmap *bitmap = &face->glyph->bitmap;
	int fd = open("/dev/null", O_WRONLY);
	size_t size;

	check_error(FT_Load_Char(face, 'W', FT_LOAD_RENDER), "FT_Load_Char W");
	size = (size_t)bitmap->pitch * bitmap->rows;
	check(fd >= 0 && write(fd, bitmap->buffer, size) == (ssize_t)size,
	      "write() of a glyph's bitmap");
	printf("wrote W's bitmap: %zu bytes\n", size);
	close(fd);
}

/* Finalizers stay the program's between calls and run once each. */
static void finalize(FT_Face face)
{
	FT_Size second;

	face->generic.data = "face data";
	face->generic.finalizer = finalize_face;
	face->glyph->generic.finalizer = finalize_slot;
	check_error(FT_New_Size(face, &second), "FT_New_Size");
	second->generic.data = "size data";
	second->generic.finalizer = finalize_size;
	check_error(FT_Activate_Size(second), "FT_Activate_Size");
	check_error(FT_Set_Pixel_Sizes(face, 0, 40), "FT_Set_Pixel_Sizes");
	render_text(face, "Finalized");
	check(face->generic.finalizer == finalize_face &&
		  face->glyph->generic.finalizer == finalize_slot &&
		  second->generic.finalizer == finalize_size,
	      "finalizers read back as the program's own after calls");
	check_error(FT_Done_Size(second), "FT_Done_Size");
	printf("finalized after FT_Done_Size: size %d\n", size_finalized);
	face->size->generic.data = "size data";
	face->size->generic.finalizer = finalize_size;
}

/* The cache: faces come from the program's requester. */
static const char *requested_path;
static int requests;

static FT_Error request_face(FTC_FaceID id, FT_Library library, FT_Pointer data,
			     FT_Face *face)
{
	(void)data;
	requests++;
	return FT_New_Face(library, requested_path, (FT_Long)(intptr_t)id - 1,
			   face);
}

static void use_cache(FT_Library library)
{
	FTC_Manager manager;
	FTC_CMapCache cmaps;
	FTC_ImageCache images;
	FTC_ImageTypeRec type = {(FTC_FaceID)1, 32, 32, FT_LOAD_RENDER};
	uint32_t hash = 2166136261u;

	check_error(FTC_Manager_New(library, 2, 4, 1 << 20, request_face, NULL,
				    &manager),
		    "FTC_Manager_New");
	check_error(FTC_CMapCache_New(manager, &cmaps), "FTC_CMapCache_New");
	check_error(FTC_ImageCache_New(manager, &images), "FTC_ImageCache_New");
	for (int round = 0; round < 2; round++)
		for (const char *c = "cached"; *c; c++) {
			FT_UInt index = FTC_CMapCache_Lookup(
			    cmaps, type.face_id, -1, (FT_UInt32)*c);
			FT_Glyph glyph;

			check_error(FTC_ImageCache_Lookup(images, &type, index,
							  &glyph, NULL),
				    "FTC_ImageCache_Lookup");
			if (glyph->format == FT_GLYPH_FORMAT_BITMAP)
				hash = (hash ^
					bitmap_hash(
					    &((FT_BitmapGlyph)glyph)->bitmap)) *
				       16777619u;
		}
	FTC_Manager_Done(manager);
	printf("cache: %d face request, bitmaps %08x\n", requests, hash);
}

int main(int argc, char **argv)
{
	FT_Library library;
	FT_Face face;
	FT_Open_Args args = {0};
	FT_StreamRec stream = {0};
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: ft-client FONT\n");
		return 2;
	}
	requested_path = argv[1];
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	check_error(FT_New_Library(&counting_memory, &library),
		    "FT_New_Library");
	FT_Add_Default_Modules(library);
	stream.size = (unsigned long)lseek(fd, 0, SEEK_END);
	stream.descriptor.value = fd;
	stream.read = stream_read;
	stream.close = stream_close;
	args.flags = FT_OPEN_STREAM;
	args.stream = &stream;
	check_error(FT_Open_Face(library, &args, 0, &face), "FT_Open_Face");
	if (failures)
		return 1;
	printf("face: %s %s, %ld glyphs, %d units per EM\n", face->family_name,
	       face->style_name, face->num_glyphs, face->units_per_EM);
	check_error(FT_Set_Char_Size(face, 0, 18 * 64, 96, 96),
		    "FT_Set_Char_Size");
	render_text(face, "Pass-through, native speed: 0123456789!");
	walk_outline(library, face);
	stroke_glyph(library, face);
	write_bitmap(face);
	finalize(face);
	check_error(FT_Done_Face(face), "FT_Done_Face");
	printf("finalized after FT_Done_Face: face %d, sizes %d, slot %d\n",
	       face_finalized, size_finalized, slot_finalized);
	printf("stream: read %s, closed %ld times\n",
	       stream_reads > 0 ? "yes" : "no", stream_closes);
	use_cache(library);
	check_error(FT_Done_Library(library), "FT_Done_Library");
	printf("allocator: allocations %s, frees %s\n",
	       allocations + reallocations > 0 ? "yes" : "no",
	       frees > 0 ? "yes" : "no");
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures != 0;
}
