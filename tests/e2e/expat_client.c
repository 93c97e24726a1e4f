// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An ordinary expat program, built for each guest ISA against the real
 * library, that uses what xmlwf does not: user data, every handler kind,
 * an unknown-encoding handler whose XML_Encoding functions the parser
 * calls, an external entity parsed by a nested parser through
 * XML_GetBuffer, caller-supplied allocators, suspend and resume. The same
 * checks must pass emulated and passed through.
 */
#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"

struct transcript {
	char text[4096];
	int depth, max_depth, elements;
};

static void append(struct transcript *t, const char *format, const char *a,
		   const char *b)
{
	size_t used = strlen(t->text);

	snprintf(t->text + used, sizeof(t->text) - used, format, a, b);
}

static void XMLCALL on_start(void *user, const XML_Char *name,
			     const XML_Char **attributes)
{
	struct transcript *t = user;

	t->elements++;
	if (++t->depth > t->max_depth)
		t->max_depth = t->depth;
	append(t, "<%s%s", name, "");
	for (int i = 0; attributes[i]; i += 2)
		append(t, " %s=%s", attributes[i], attributes[i + 1]);
	append(t, ">", "", "");
}

static void XMLCALL on_end(void *user, const XML_Char *name)
{
	struct transcript *t = user;

	t->depth--;
	append(t, "</%s>%s", name, "");
}

static void XMLCALL on_text(void *user, const XML_Char *text, int length)
{
	struct transcript *t = user;
	char piece[256];

	snprintf(piece, sizeof(piece), "%.*s", length, text);
	append(t, "%s%s", piece, "");
}

static void XMLCALL on_instruction(void *user, const XML_Char *target,
				   const XML_Char *data)
{
	append(user, "[pi %s %s]", target, data);
}

static void XMLCALL on_comment(void *user, const XML_Char *data)
{
	append(user, "[comment %s]%s", data, "");
}

/* A parser that writes its text into transcript t. */
static XML_Parser transcript_parser(struct transcript *t)
{
	XML_Parser parser = XML_ParserCreate(NULL);

	XML_SetUserData(parser, t);
	XML_SetCharacterDataHandler(parser, on_text);
	return parser;
}

static void test_handlers(void)
{
	static const char document[] =
	    "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY who 'world'>]>"
	    "<r a='1'><s>hello &who;</s><?go now?><!--note--><t/></r>";
	struct transcript t = {0};
	XML_Parser parser = transcript_parser(&t);

	XML_SetElementHandler(parser, on_start, on_end);
	XML_SetProcessingInstructionHandler(parser, on_instruction);
	XML_SetCommentHandler(parser, on_comment);
	CHECK(XML_GetUserData(parser) == &t,
	      "user data read back with the XML_GetUserData macro");
	CHECK(XML_Parse(parser, document, (int)strlen(document), 1) ==
		  XML_STATUS_OK,
	      "a document with every handler kind parses");
	CHECK(strcmp(t.text, "<r a=1><s>hello world</s>[pi go now]"
			     "[comment note]<t></t></r>") == 0,
	      "element, text, entity, PI and comment handlers in order: %s",
	      t.text);
	CHECK(t.elements == 3 && t.max_depth == 2 && t.depth == 0,
	      "user data updated by the handlers");
	XML_ParserFree(parser);
}

/* ---- unknown encoding --------------------------------------------------- */

static int conversions, releases;

/* Bytes 0xC1 0xNN stand for U+4E00 + NN. */
static int XMLCALL convert_pair(void *data, const char *bytes)
{
	(*(int *)data)++;
	return 0x4E00 + (unsigned char)bytes[1];
}

static void XMLCALL release_encoding(void *data)
{
	if (data == &conversions)
		releases++;
}

static int XMLCALL on_unknown_encoding(void *handler_data, const XML_Char *name,
				       XML_Encoding *info)
{
	if (strcmp(name, "x-dlcall-pairs") != 0 || handler_data != &releases)
		return XML_STATUS_ERROR;
	for (int i = 0; i < 256; i++)
		info->map[i] = i < 0x80 ? i : -1;
	info->map[0xC1] = -2; /* a two-byte sequence: convert() decodes it */
	info->data = &conversions;
	info->convert = convert_pair;
	info->release = release_encoding;
	return XML_STATUS_OK;
}

static void test_unknown_encoding(void)
{
	static const char document[] =
	    "<?xml version='1.0' encoding='x-dlcall-pairs'?>"
	    "<r>a\xC1\x2D\xC1\x87z</r>";
	struct transcript t = {0};
	XML_Parser parser = transcript_parser(&t);

	XML_SetUnknownEncodingHandler(parser, on_unknown_encoding, &releases);
	CHECK(XML_Parse(parser, document, (int)sizeof(document) - 1, 1) ==
		  XML_STATUS_OK,
	      "a document in an encoding the handler defines parses (%s)",
	      XML_ErrorString(XML_GetErrorCode(parser)));
	CHECK(strcmp(t.text, "a\xE4\xB8\xAD\xE4\xBA\x87z") == 0,
	      "the parser called the handler's convert(): U+4E2D U+4E87");
	CHECK(conversions >= 2, "convert() ran with its data (%d calls)",
	      conversions);
	XML_ParserFree(parser);
	CHECK(releases == 1, "release() ran when the parser was freed");
}

/* ---- external entity with a nested parser -------------------------------- */

static int XMLCALL on_external_entity(XML_Parser parser,
				      const XML_Char *context,
				      const XML_Char *base,
				      const XML_Char *system_id,
				      const XML_Char *public_id)
{
	static const char part[] = "<p>inside <q/></p>";
	XML_Parser nested =
	    XML_ExternalEntityParserCreate(parser, context, NULL);
	void *buffer;
	int status;

	(void)base;
	(void)public_id;
	if (!nested || strcmp(system_id, "part.xml") != 0)
		return XML_STATUS_ERROR;
	buffer = XML_GetBuffer(nested, (int)sizeof(part));
	if (!buffer)
		return XML_STATUS_ERROR;
	memcpy(buffer, part, sizeof(part) - 1);
	status = XML_ParseBuffer(nested, (int)sizeof(part) - 1, 1);
	XML_ParserFree(nested);
	return status;
}

static void test_external_entity(void)
{
	static const char document[] =
	    "<!DOCTYPE r [<!ENTITY ext SYSTEM 'part.xml'>]><r>&ext;</r>";
	struct transcript t = {0};
	XML_Parser parser = transcript_parser(&t);

	XML_SetElementHandler(parser, on_start, on_end);
	XML_SetExternalEntityRefHandler(parser, on_external_entity);
	CHECK(XML_Parse(parser, document, (int)strlen(document), 1) ==
		  XML_STATUS_OK,
	      "an external entity parsed by a nested parser in the handler");
	CHECK(strcmp(t.text, "<r><p>inside <q></q></p></r>") == 0,
	      "the nested parser's handlers are the parent's: %s", t.text);
	XML_ParserFree(parser);
}

/* ---- caller-supplied allocators ------------------------------------------ */

static int allocations, frees;

static void *XMLCALL counting_malloc(size_t size)
{
	allocations++;
	return malloc(size);
}

static void *XMLCALL counting_realloc(void *block, size_t size)
{
	if (!block)
		allocations++;
	return realloc(block, size);
}

static void XMLCALL counting_free(void *block)
{
	if (block)
		frees++;
	free(block);
}

static void test_allocators(void)
{
	/* const, so possibly in read-only memory: the library must not be
	 * handed it with host closures written into it. */
	static const XML_Memory_Handling_Suite suite = {
	    counting_malloc, counting_realloc, counting_free};
	static const char document[] = "<r><s>text</s></r>";
	XML_Parser parser = XML_ParserCreate_MM(NULL, &suite, NULL);

	CHECK(parser != NULL, "XML_ParserCreate_MM with a const suite");
	CHECK(XML_Parse(parser, document, (int)strlen(document), 1) ==
		  XML_STATUS_OK,
	      "parsing with the caller's allocators");
	XML_ParserFree(parser);
	CHECK(allocations > 0 && allocations == frees,
	      "every block the library took was given back (%d, %d)",
	      allocations, frees);
	CHECK(suite.malloc_fcn == counting_malloc,
	      "the const suite still holds the guest's functions");
}

/* ---- suspend and resume, errors ------------------------------------------ */

static void XMLCALL suspend_at_s(void *user, const XML_Char *name,
				 const XML_Char **attributes)
{
	XML_Parser parser = user;

	(void)attributes;
	if (strcmp(name, "s") == 0)
		XML_StopParser(parser, XML_TRUE);
}

static void test_suspend_and_errors(void)
{
	static const char document[] = "<r><s/><t/></r>";
	static const char broken[] = "<r>\n<s></r>";
	XML_Parser parser = XML_ParserCreate(NULL);
	XML_ParsingStatus status;

	XML_UseParserAsHandlerArg(parser);
	XML_SetStartElementHandler(parser, suspend_at_s);
	CHECK(XML_Parse(parser, document, (int)strlen(document), 1) ==
		  XML_STATUS_SUSPENDED,
	      "XML_StopParser from a handler suspends the parse");
	XML_GetParsingStatus(parser, &status);
	CHECK(status.parsing == XML_SUSPENDED, "the status says suspended");
	CHECK(XML_ResumeParser(parser) == XML_STATUS_OK,
	      "XML_ResumeParser finishes the document");
	XML_ParserReset(parser, NULL);
	CHECK(XML_Parse(parser, broken, (int)strlen(broken), 1) ==
		  XML_STATUS_ERROR,
	      "a broken document fails after XML_ParserReset");
	CHECK(XML_GetErrorCode(parser) == XML_ERROR_TAG_MISMATCH &&
		  XML_GetCurrentLineNumber(parser) == 2 &&
		  strcmp(XML_ErrorString(XML_GetErrorCode(parser)),
			 "mismatched tag") == 0,
	      "error code, line and message");
	XML_ParserFree(parser);
}

int main(void)
{
	test_handlers();
	test_unknown_encoding();
	test_external_entity();
	test_allocators();
	test_suspend_and_errors();
	return tap_done();
}
