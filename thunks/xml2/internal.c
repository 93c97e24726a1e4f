// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libxml2's exports that its installed headers keep internal but its own
 * testapi.c declares and calls, guest side: their declarations are
 * libxml2's (parserInternals.h, under IN_LIBXML), and the call is made on
 * the host by a helper (internal_host.c), or by the guest's own library
 * when it serves (SPEC §7).
 */
#include "dlcall/guest.h"
#include "xml2-thunk.h"

void xmlErrMemory(xmlParserCtxtPtr ctxt, const char *extra);

EXPORT void xmlErrMemory(xmlParserCtxtPtr ctxt, const char *extra)
{
	static void *cache;
	__typeof__(&xmlErrMemory) own =
	    (__typeof__(&xmlErrMemory))thunk_own_function("xmlErrMemory",
							  &cache);

	if (own)
		own(ctxt, extra);
	else
		dlcall_xml2_err_memory(ctxt, extra);
}
