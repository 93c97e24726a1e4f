// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * XML_GetBuffer() and XML_ParseBuffer(), guest side, with XML_ParserFree()
 * to forget a parser's buffer.
 *
 * The buffer expat hands out is host memory, and QEMU refuses host memory
 * in the guest's system calls (SPEC §3): read(fd, buffer, size), the very
 * thing this API is for, would fail with EFAULT. So each parser gets a
 * guest buffer of its own here. XML_GetBuffer() still asks the host parser
 * first, so its checks and errors are expat's own; XML_ParseBuffer() hands
 * the guest buffer to the passed-through XML_Parse(), which parses exactly
 * as XML_ParseBuffer() would after copying the bytes (natively).
 */
#include <pthread.h>
#include <stdlib.h>

#include "expat-thunk.h"

struct guest_buffer {
	XML_Parser parser;
	char *data;
	size_t size;
	struct guest_buffer *next;
};

static struct guest_buffer *guest_buffers;
static pthread_mutex_t guest_buffers_lock = PTHREAD_MUTEX_INITIALIZER;

/* The parser's buffer entry, made if `create`; call with the lock held. */
static struct guest_buffer *find_buffer(XML_Parser parser, int create)
{
	struct guest_buffer *entry;

	for (entry = guest_buffers; entry; entry = entry->next)
		if (entry->parser == parser)
			return entry;
	if (!create)
		return NULL;
	entry = calloc(1, sizeof(*entry));
	if (entry) {
		entry->parser = parser;
		entry->next = guest_buffers;
		guest_buffers = entry;
	}
	return entry;
}

EXPORT void *XML_GetBuffer(XML_Parser parser, int len)
{
	/* The host parser accepted len, so it is not negative. */
	size_t wanted = len > 0 ? (size_t)len : 1;
	struct guest_buffer *entry;
	void *data = NULL;

	if (!pass_through_XML_GetBuffer(parser, len))
		return NULL;
	pthread_mutex_lock(&guest_buffers_lock);
	entry = find_buffer(parser, 1);
	if (entry && entry->size < wanted) {
		char *grown = realloc(entry->data, wanted);

		if (grown) {
			entry->data = grown;
			entry->size = wanted;
		}
	}
	if (entry && entry->size >= wanted)
		data = entry->data;
	pthread_mutex_unlock(&guest_buffers_lock);
	/* NULL when the guest is out of memory, as expat's own would be
	 * (without its XML_ERROR_NO_MEMORY code). */
	return data;
}

EXPORT enum XML_Status XML_ParseBuffer(XML_Parser parser, int len, int isFinal)
{
	struct guest_buffer *entry;
	char *data;

	pthread_mutex_lock(&guest_buffers_lock);
	entry = find_buffer(parser, 0);
	data = entry ? entry->data : NULL;
	pthread_mutex_unlock(&guest_buffers_lock);
	/* No guest buffer (nothing asked for, or len 0): the host's. */
	if (!data)
		return pass_through_XML_ParseBuffer(parser, len, isFinal);
	return XML_Parse(parser, data, len, isFinal);
}

EXPORT void XML_ParserFree(XML_Parser parser)
{
	struct guest_buffer **link, *entry;

	pthread_mutex_lock(&guest_buffers_lock);
	for (link = &guest_buffers; (entry = *link); link = &entry->next)
		if (entry->parser == parser) {
			*link = entry->next;
			free(entry->data);
			free(entry);
			break;
		}
	pthread_mutex_unlock(&guest_buffers_lock);
	pass_through_XML_ParserFree(parser);
}
