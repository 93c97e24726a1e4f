// SPDX-License-Identifier: GPL-2.0-or-later
/* libxml2's internal exports, host side (internal_host.h). */
#include "internal_host.h"

/* As parserInternals.h declares it when IN_LIBXML is defined. */
void xmlErrMemory(xmlParserCtxtPtr ctxt, const char *extra);

void dlcall_xml2_err_memory(xmlParserCtxtPtr ctxt, const char *extra)
{
	xmlErrMemory(ctxt, extra);
}
