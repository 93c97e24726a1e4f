// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libxml2's function pointers as a program uses them: its allocator
 * variables and xmlMemSetup(), I/O callbacks, SAX handlers, printf-style
 * error handlers and the xmlGenericError macro, structured errors, XPath
 * functions and function lookups, output callbacks and input handlers.
 * Every line printed must be the same natively, emulated and passed
 * through (tests/peer.sh compares them).
 */
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char document[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE shelf [<!ENTITY who \"dlcall\">]>\n"
    "<shelf xmlns:x=\"urn:x\"><book id=\"1\" x:lang=\"en\">One &who;</book>"
    "<!-- a note --><?sort by-id?><book id=\"2\"><![CDATA[<two>]]></book>"
    "</shelf>\n";

/* Without entities: a SAX1 handler of its own resolves none. */
static const char sax_document[] =
    "<shelf xmlns:x=\"urn:x\"><book id=\"1\" x:lang=\"en\">One</book>"
    "<!-- a note --><?sort by-id?><book id=\"2\"><![CDATA[<two>]]></book>"
    "</shelf>\n";

/* ---- allocator: xmlMemSetup with the program's functions ------------- */

static int allocations, releases;

static void *count_malloc(size_t size)
{
	allocations++;
	return malloc(size);
}

static void *count_realloc(void *memory, size_t size)
{
	if (!memory)
		allocations++;
	return realloc(memory, size);
}

static void count_free(void *memory)
{
	if (memory)
		releases++;
	free(memory);
}

static char *count_strdup(const char *text)
{
	allocations++;
	return strdup(text);
}

static void allocator(void)
{
	xmlFreeFunc old_free;
	xmlMallocFunc old_malloc;
	xmlReallocFunc old_realloc;
	xmlStrdupFunc old_strdup;
	xmlDocPtr doc;
	xmlChar *text;

	xmlMemGet(&old_free, &old_malloc, &old_realloc, &old_strdup);
	xmlMemSetup(count_free, count_malloc, count_realloc, count_strdup);
	doc = xmlReadMemory(document, sizeof(document) - 1, "shelf.xml", NULL,
			    0);
	text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	printf("allocator: content [%s], allocations made: %s\n", text,
	       allocations > 10 ? "yes" : "no");
	xmlFree(text); /* the variable, which follows xmlMemSetup */
	xmlFreeDoc(doc);
	printf("allocator: all released: %s\n",
	       allocations == releases ? "yes" : "no");
	xmlMemSetup(old_free, old_malloc, old_realloc, old_strdup);
	text = xmlStrdup(BAD_CAST "restored");
	printf("allocator: %s\n", text);
	xmlFree(text);
}

/* ---- I/O callbacks ---------------------------------------------------- */

struct reader {
	const char *next;
	int reads, closed;
};

static int read_some(void *context, char *buffer, int length)
{
	struct reader *r = context;
	int n = (int)strlen(r->next);

	r->reads++;
	if (n > length)
		n = length;
	if (n > 7)
		n = 7; /* in small pieces */
	memcpy(buffer, r->next, (size_t)n);
	r->next += n;
	return n;
}

static int close_reader(void *context)
{
	((struct reader *)context)->closed = 1;
	return 0;
}

static int written_bytes;
static char written[512];

static int write_some(void *context, const char *buffer, int length)
{
	(void)context;
	if (written_bytes + length < (int)sizeof(written)) {
		memcpy(written + written_bytes, buffer, (size_t)length);
		written_bytes += length;
		written[written_bytes] = '\0';
	}
	return length;
}

static int close_writer(void *context)
{
	printf("output: closed with [%s]\n", (const char *)context);
	return 0;
}

static void io_callbacks(void)
{
	struct reader r = {document, 0, 0};
	xmlDocPtr doc = xmlReadIO(read_some, close_reader, &r, "io.xml", NULL,
				  XML_PARSE_NOENT);
	xmlOutputBufferPtr out =
	    xmlOutputBufferCreateIO(write_some, close_writer, "out", NULL);
	xmlSaveCtxtPtr save;

	printf("input: %d reads, closed %d, root <%s>\n", r.reads > 10,
	       r.closed, xmlDocGetRootElement(doc)->name);
	xmlNodeDumpOutput(out, doc, xmlDocGetRootElement(doc), 0, 0, NULL);
	xmlOutputBufferClose(out);
	printf("output: %d bytes [%.*s]\n", written_bytes, written_bytes,
	       written);
	written_bytes = 0;
	save = xmlSaveToIO(write_some, NULL, NULL, "UTF-8", XML_SAVE_FORMAT);
	xmlSaveDoc(save, doc);
	xmlSaveClose(save);
	printf("save: %d bytes, ends [%s]\n", written_bytes,
	       written + written_bytes - 9);
	xmlFreeDoc(doc);
}

/* ---- SAX -------------------------------------------------------------- */

static void start_element(void *context, const xmlChar *name,
			  const xmlChar **attributes)
{
	printf("sax %s: start %s", (const char *)context, name);
	for (int i = 0; attributes && attributes[i]; i += 2)
		printf(" %s=%s", attributes[i], attributes[i + 1]);
	putchar('\n');
}

static void end_element(void *context, const xmlChar *name)
{
	printf("sax %s: end %s\n", (const char *)context, name);
}

static void characters(void *context, const xmlChar *text, int length)
{
	printf("sax %s: text [%.*s]\n", (const char *)context, length, text);
}

static void comment(void *context, const xmlChar *text)
{
	printf("sax %s: comment [%s]\n", (const char *)context, text);
}

static void instruction(void *context, const xmlChar *target,
			const xmlChar *data)
{
	printf("sax %s: pi %s [%s]\n", (const char *)context, target, data);
}

static void cdata(void *context, const xmlChar *text, int length)
{
	printf("sax %s: cdata [%.*s]\n", (const char *)context, length, text);
}

static void sax_error(void *context, const char *format, ...)
{
	va_list arguments;

	printf("sax %s: error: ", (const char *)context);
	va_start(arguments, format);
	vprintf(format, arguments);
	va_end(arguments);
}

static void sax(void)
{
	xmlSAXHandler handler;

	/* A SAX1 handler of the program's own: nothing else in it. */
	memset(&handler, 0, sizeof(handler));
	handler.startElement = start_element;
	handler.endElement = end_element;
	handler.characters = characters;
	handler.comment = comment;
	handler.processingInstruction = instruction;
	handler.cdataBlock = cdata;
	handler.error = sax_error;
	handler.fatalError = sax_error;
	printf("sax: parse %d\n",
	       xmlSAXUserParseMemory(&handler, "user", sax_document,
				     sizeof(sax_document) - 1));
	printf("sax: broken %d\n",
	       xmlSAXUserParseMemory(&handler, "user", "<a><b></a>", 10));
}

/* ---- errors ----------------------------------------------------------- */

static void generic_error(void *context, const char *format, ...)
{
	va_list arguments;

	printf("generic %s: ", (const char *)context);
	va_start(arguments, format);
	vprintf(format, arguments);
	va_end(arguments);
}

static void structured_error(void *context, xmlErrorPtr error)
{
	printf("structured %s: domain %d code %d line %d: %s",
	       (const char *)context, error->domain, error->code, error->line,
	       error->message);
}

static void errors(void)
{
	xmlSetGenericErrorFunc("handler", generic_error);
	printf("errors: the macro gives the program's own: %s\n",
	       xmlGenericError == generic_error ? "yes" : "no");
	xmlGenericError(xmlGenericErrorContext, "called %s %d\n",
			"through the macro", 1);
	xmlFreeDoc(xmlReadMemory("<a>&bad;</a>", 12, "bad.xml", NULL, 0));
	xmlSetStructuredErrorFunc("handler", structured_error);
	xmlFreeDoc(xmlReadMemory("<a></b>", 7, "mismatch.xml", NULL, 0));
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	printf("errors: reset to the library's own: %s\n",
	       xmlGenericError != generic_error ? "yes" : "no");
}

/* ---- XPath ------------------------------------------------------------ */

static void twice(xmlXPathParserContextPtr parser, int count)
{
	double value;

	if (count != 1) {
		xmlXPathErr(parser, XPATH_INVALID_ARITY);
		return;
	}
	value = xmlXPathPopNumber(parser);
	xmlXPathReturnNumber(parser, value * 2);
}

static xmlXPathFunction look_up(void *context, const xmlChar *name,
				const xmlChar *uri)
{
	(void)context;
	(void)uri;
	return strcmp((const char *)name, "thrice") == 0 ? twice : NULL;
}

static xmlXPathObjectPtr variable(void *context, const xmlChar *name,
				  const xmlChar *uri)
{
	(void)context;
	(void)uri;
	return strcmp((const char *)name, "base") == 0
		   ? xmlXPathNewFloat(20)
		   : NULL;
}

static void xpath(void)
{
	xmlDocPtr doc = xmlReadMemory(document, sizeof(document) - 1,
				      "shelf.xml", NULL, XML_PARSE_NOENT);
	xmlXPathContextPtr context = xmlXPathNewContext(doc);
	const char *expressions[] = {"count(//book)", "twice(21)",
				     "twice($base) + thrice(1)",
				     "string(//book[@id=2])", "twice()"};

	xmlXPathRegisterFunc(context, BAD_CAST "twice", twice);
	xmlXPathRegisterFuncLookup(context, look_up, NULL);
	xmlXPathRegisterVariableLookup(context, variable, NULL);
	for (size_t i = 0; i < sizeof(expressions) / sizeof(*expressions);
	     i++) {
		xmlXPathObjectPtr result =
		    xmlXPathEvalExpression(BAD_CAST expressions[i], context);
		xmlChar *text =
		    result ? xmlXPathCastToString(result) : NULL;

		printf("xpath %s = %s\n", expressions[i],
		       text ? (char *)text : "(error)");
		xmlFree(text);
		xmlXPathFreeObject(result);
	}
	xmlXPathFreeContext(context);
	xmlFreeDoc(doc);
}

/* ---- input handlers --------------------------------------------------- */

static int match_memory(const char *uri)
{
	return strncmp(uri, "memory:", 7) == 0;
}

static void *open_memory(const char *uri)
{
	struct reader *r = calloc(1, sizeof(*r));

	(void)uri;
	r->next = "<from-memory>handler</from-memory>";
	return r;
}

static int close_memory(void *context)
{
	free(context);
	return 0;
}

static void input_handlers(void)
{
	int handler = xmlRegisterInputCallbacks(match_memory, open_memory,
						read_some, close_memory);
	xmlDocPtr doc = xmlReadFile("memory:doc", NULL, 0);
	xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));

	printf("input handler %d: [%s]\n", handler >= 0, text);
	xmlFree(text);
	xmlFreeDoc(doc);
	xmlPopInputCallbacks();
}

int main(void)
{
	LIBXML_TEST_VERSION
	setvbuf(stdout, NULL, _IOLBF, 0);
	allocator();
	io_callbacks();
	sax();
	errors();
	xpath();
	input_handlers();
	xmlCleanupParser();
	return 0;
}
