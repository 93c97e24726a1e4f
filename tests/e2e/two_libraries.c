// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A program on two passed-through libraries at once (zlib and expat): each
 * host thunk must use its own tables and name its own real library, not
 * bind to the other's (both define the same names).
 */
#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void)
{
	const char text[] = "<a>dlcall</a>";
	XML_Parser parser = XML_ParserCreate(NULL);
	int parsed = XML_Parse(parser, text, (int)strlen(text), 1);

	printf("zlib %s crc32 %08lx\n", zlibVersion(),
	       crc32(0, (const Bytef *)text, (uInt)strlen(text)));
	printf("expat %s parse %d\n", XML_ExpatVersion(), parsed);
	XML_ParserFree(parser);
	return parsed == XML_STATUS_OK ? 0 : 1;
}
