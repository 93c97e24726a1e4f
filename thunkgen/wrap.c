// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keeps generated C within 120 columns (tabs of 8), for whoever reads it
 * while debugging: a longer line is broken after ", ", " = ", " == ",
 * " != " or "(", or before " && " / " || ", outside strings and comments, or else inside a long string
 * literal at a space ("a b" becomes "a " "b", the same string). The
 * continuation is indented two tabs deeper. A comment alone on its line
 * is broken at spaces; preprocessor lines and lines with code and a
 * comment are left alone.
 */
#include <stdio.h>
#include <string.h>

#include "thunkgen.h"

#define MAX_COLUMNS 120
#define BREAK_BEFORE 110 /* break at or before this column */

/* The column after `length` bytes of `line`, which starts at `start`. */
static size_t column_after(const char *line, size_t length, size_t start)
{
	size_t column = start;

	for (size_t i = 0; i < length; i++)
		column = line[i] == '\t' ? (column / 8 + 1) * 8 : column + 1;
	return column;
}

/*
 * Where to break `line` (`length` bytes from column `start`, inside a
 * string literal if *in_string): the offset the continuation starts at,
 * or 0. On return *in_string says whether that offset is inside a string
 * literal (the caller closes and reopens it).
 */
static size_t break_point(const char *line, size_t length, size_t start,
			  int *in_string)
{
	size_t best = 0, best_in_string = 0;
	int string = *in_string, string_at_best = 0;

	for (size_t i = 0; i < length; i++) {
		size_t column = column_after(line, i, start);

		if (column > BREAK_BEFORE)
			break;
		if (string && line[i] == '\\') {
			i++;
			continue;
		}
		if (line[i] == '"') {
			string = !string;
		} else if (!string && line[i] == '\'') {
			break; /* character literals: keep it simple */
		} else if (!string && line[i] == ',' && line[i + 1] == ' ') {
			best = i + 2;
			string_at_best = 0;
		} else if (!string && line[i] == ' ' &&
			   (strncmp(line + i, " && ", 4) == 0 ||
			    strncmp(line + i, " || ", 4) == 0)) {
			best = i; /* the operator starts the next line */
			string_at_best = 0;
		} else if (!string && strncmp(line + i, " = ", 3) == 0) {
			best = i + 3;
			string_at_best = 0;
		} else if (!string && (strncmp(line + i, " == ", 4) == 0 ||
					   strncmp(line + i, " != ", 4) == 0)) {
			best = i + 4;
			string_at_best = 0;
		} else if (!string && line[i] == '(' && line[i + 1] != ')' &&
			   line[i + 1] != '*' && column > start + 40) {
			best = i + 1; /* after an opening parenthesis */
			string_at_best = 0;
		} else if (string && line[i] == ' ' && column > start + 40) {
			best_in_string = i + 1;
		}
	}
	if (best) {
		*in_string = string_at_best;
		return best;
	}
	*in_string = best_in_string != 0;
	return best_in_string;
}

/* A comment alone on its line, broken at spaces into " * " lines. */
static void write_comment(FILE *out, const char *line, size_t length)
{
	size_t indent = strspn(line, "\t");

	while (column_after(line, length, 0) > MAX_COLUMNS) {
		size_t at = 0;

		for (size_t i = indent + 3;
		     i < length && column_after(line, i, 0) <= BREAK_BEFORE; i++)
			if (line[i] == ' ')
				at = i;
		if (!at)
			break;
		fwrite(line, 1, at, out);
		fputc('\n', out);
		for (size_t i = 0; i < indent; i++)
			fputc('\t', out);
		fputs(" *", out);
		line += at;
		length -= at;
	}
	fwrite(line, 1, length, out);
}

/* Writes one line (without its newline), broken as needed. */
static void write_line(FILE *out, const char *line, size_t length)
{
	size_t indent = strspn(line, "\t"), start = 0;
	int in_string = 0;

	if (length > indent + 4 && strncmp(line + indent, "/* ", 3) == 0 &&
	    strncmp(line + length - 2, "*/", 2) == 0 &&
	    !memmem(line + 2, length - 4, "*/", 2)) {
		write_comment(out, line, length);
		return;
	}
	if (line[0] == '#' || memmem(line, length, "/*", 2) ||
	    memmem(line, length, "//", 2)) {
		fwrite(line, 1, length, out);
		return;
	}
	while (column_after(line, length, start) > MAX_COLUMNS) {
		int string = in_string;
		size_t at = break_point(line, length, start, &string);

		if (!at)
			break;
		fwrite(line, 1, at, out);
		/* "a " then a new line with "b": the compiler joins them. */
		fputs(string ? "\"\n" : "\n", out);
		for (size_t i = 0; i < indent + 2; i++)
			fputc('\t', out);
		if (string)
			fputc('"', out);
		line += at;
		length -= at;
		while (length && *line == ' ' && !string) {
			line++;
			length--;
		}
		in_string = string;
		start = (indent + 2) * 8 + (string ? 1 : 0);
	}
	fwrite(line, 1, length, out);
}

int write_wrapped(FILE *out, const char *text, size_t size)
{
	const char *end = text + size;

	while (text < end) {
		const char *newline = memchr(text, '\n', (size_t)(end - text));
		size_t length = newline ? (size_t)(newline - text)
					: (size_t)(end - text);

		write_line(out, text, length);
		if (newline)
			fputc('\n', out);
		text += length + (newline != NULL);
	}
	return ferror(out) ? -1 : 0;
}
