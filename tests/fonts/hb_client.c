// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A HarfBuzz client for pass-through tests: shaping with FreeType's face
 * (hb_ft_*, HarfBuzz's finalizer in the face), with font functions of the
 * program's own (which call FreeType from inside the callback), with a
 * face whose tables the program loads, a buffer message function and
 * destroy callbacks. The report must be the same natively, emulated and
 * passed through.
 *
 * usage: hb-client FONT.ttf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ft.h>
#include <hb-ot.h>
#include <hb.h>

static const char text[] = "Pass-through: AVAWAY, fi ffl.";
static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

/* Shapes `text` with `font` and prints the glyphs and their positions. */
static void shape(const char *what, hb_font_t *font)
{
	hb_buffer_t *buffer = hb_buffer_create();
	char glyphs[4096];
	unsigned done = 0;

	hb_buffer_add_utf8(buffer, text, -1, 0, -1);
	hb_buffer_guess_segment_properties(buffer);
	hb_shape(font, buffer, NULL, 0);
	hb_buffer_serialize_glyphs(buffer, 0, hb_buffer_get_length(buffer),
				   glyphs, sizeof(glyphs), &done, font,
				   HB_BUFFER_SERIALIZE_FORMAT_TEXT,
				   HB_BUFFER_SERIALIZE_FLAG_DEFAULT);
	printf("%s: %s\n", what, glyphs);
	hb_buffer_destroy(buffer);
}

/* ---- font functions of the program's own ------------------------------- */

static int destroyed_font_data, nominal_calls, advance_calls;

static hb_bool_t nominal_glyph(hb_font_t *font, void *font_data,
			       hb_codepoint_t unicode, hb_codepoint_t *glyph,
			       void *user_data)
{
	FT_Face face = font_data;

	(void)font;
	(void)user_data;
	nominal_calls++;
	*glyph = FT_Get_Char_Index(face, unicode); /* a call inside it */
	return *glyph != 0;
}

static hb_position_t h_advance(hb_font_t *font, void *font_data,
			       hb_codepoint_t glyph, void *user_data)
{
	(void)font;
	(void)font_data;
	advance_calls++;
	return 1000 + (hb_position_t)glyph * *(int *)user_data;
}

static void destroy_font_data(void *data)
{
	(void)data;
	destroyed_font_data++;
}

static void own_functions(FT_Face face, hb_font_t *parent)
{
	static int step = 3;
	hb_font_funcs_t *funcs = hb_font_funcs_create();
	hb_font_t *font = hb_font_create_sub_font(parent);

	hb_font_funcs_set_nominal_glyph_func(funcs, nominal_glyph, NULL, NULL);
	hb_font_funcs_set_glyph_h_advance_func(funcs, h_advance, &step, NULL);
	hb_font_funcs_make_immutable(funcs);
	hb_font_set_funcs(font, funcs, face, destroy_font_data);
	hb_font_funcs_destroy(funcs);
	shape("own functions", font);
	hb_font_destroy(font);
	printf("own functions: called %s and %s, font data destroyed %d\n",
	       nominal_calls > 0 ? "yes" : "no",
	       advance_calls > 0 ? "yes" : "no", destroyed_font_data);
}

/* ---- a face whose tables the program loads ------------------------------ */

static int tables_loaded, blobs_freed;

static void free_table(void *data)
{
	blobs_freed++;
	free(data);
}

static hb_blob_t *load_table(hb_face_t *hb_face, hb_tag_t tag, void *user)
{
	FT_Face face = user;
	FT_ULong length = 0;
	FT_Byte *data;

	(void)hb_face;
	if (FT_Load_Sfnt_Table(face, tag, 0, NULL, &length) || !length)
		return NULL;
	data = malloc(length);
	if (!data || FT_Load_Sfnt_Table(face, tag, 0, data, &length)) {
		free(data);
		return NULL;
	}
	tables_loaded++;
	return hb_blob_create((const char *)data, (unsigned)length,
			      HB_MEMORY_MODE_READONLY, data, free_table);
}

static int destroyed_faces;

static void destroy_face_data(void *data)
{
	(void)data;
	destroyed_faces++;
}

static void own_tables(FT_Face ft_face)
{
	hb_face_t *face =
	    hb_face_create_for_tables(load_table, ft_face, destroy_face_data);
	hb_font_t *font;

	hb_face_set_upem(face, ft_face->units_per_EM);
	font = hb_font_create(face);
	hb_ot_font_set_funcs(font);
	hb_font_set_scale(font, 24 * 64, 24 * 64);
	shape("own tables", font);
	hb_font_destroy(font);
	hb_face_destroy(face);
	printf("own tables: loaded %s, every blob freed %s, face data "
	       "destroyed %d\n",
	       tables_loaded > 0 ? "yes" : "no",
	       blobs_freed == tables_loaded ? "yes" : "no", destroyed_faces);
}

/* ---- messages ------------------------------------------------------------ */

static int messages;

static hb_bool_t note_message(hb_buffer_t *buffer, hb_font_t *font,
			      const char *message, void *user_data)
{
	(void)buffer;
	(void)font;
	(void)user_data;
	messages += message && *message;
	return 1;
}

static void with_messages(hb_font_t *font)
{
	hb_buffer_t *buffer = hb_buffer_create();

	hb_buffer_set_message_func(buffer, note_message, NULL, NULL);
	hb_buffer_add_utf8(buffer, "fi", -1, 0, -1);
	hb_buffer_guess_segment_properties(buffer);
	hb_shape(font, buffer, NULL, 0);
	printf("messages: %s\n", messages > 0 ? "yes" : "no");
	hb_buffer_destroy(buffer);
}

int main(int argc, char **argv)
{
	FT_Library library;
	FT_Face face;
	hb_font_t *font;
	hb_face_t *cached, *again;

	if (argc != 2) {
		fprintf(stderr, "usage: hb-client FONT\n");
		return 2;
	}
	if (FT_Init_FreeType(&library) ||
	    FT_New_Face(library, argv[1], 0, &face)) {
		printf("FAILED: cannot open %s\n", argv[1]);
		return 1;
	}
	FT_Set_Char_Size(face, 0, 24 * 64, 72, 72);
	printf("HarfBuzz %s\n", hb_version_atleast(2, 0, 0) ? ">= 2" : "< 2");
	font = hb_ft_font_create_referenced(face);
	shape("hb_ft font", font);
	with_messages(font);
	own_functions(face, font);
	/* HarfBuzz keeps its face in the FreeType face's generic field and
	 * knows it again by its finalizer. */
	cached = hb_ft_face_create_cached(face);
	again = hb_ft_face_create_cached(face);
	check(cached == again, "hb_ft_face_create_cached() finds its face");
	printf("cached face: found again %s, finalizer set %s\n",
	       cached == again ? "yes" : "no",
	       face->generic.finalizer ? "yes" : "no");
	hb_face_destroy(again);
	hb_face_destroy(cached);
	own_tables(face);
	hb_font_destroy(font);
	check(FT_Done_Face(face) == 0, "FT_Done_Face");
	FT_Done_FreeType(library);
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures != 0;
}
