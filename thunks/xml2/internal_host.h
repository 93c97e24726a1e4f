/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host code of dlcall for libxml2's exports that its installed headers
 * keep internal (declared only when IN_LIBXML is) but that its own
 * testapi.c declares and calls (spec: helper; internal.c is the guest
 * side).
 */
#ifndef DLCALL_XML2_INTERNAL_HOST_H
#define DLCALL_XML2_INTERNAL_HOST_H

#include <libxml/parser.h>

/* xmlErrMemory(ctxt, extra): a parser's out-of-memory error. */
void dlcall_xml2_err_memory(xmlParserCtxtPtr ctxt, const char *extra);

#endif
