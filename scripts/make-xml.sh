#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a deterministic XML document of about MiB mebibytes to PATH, with
# what an XML parser's handlers see: a DOCTYPE with entities and attribute
# defaults, namespaces, attributes, character references, CDATA,
# comments and processing instructions.
#   make-xml.sh PATH MiB
set -eu
awk -v mib="$2" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<!DOCTYPE catalog ["
	print "  <!ELEMENT catalog ANY>"
	print "  <!ATTLIST item kind CDATA \"plain\">"
	print "  <!ENTITY maker \"dlcall &amp; friends\">"
	print "  <!NOTATION png SYSTEM \"image/png\">"
	print "]>"
	print "<catalog xmlns=\"urn:example:catalog\" xmlns:x=\"urn:example:extra\">"
	limit = mib * 1048576
	seed = 12345
	for (i = 0; size < limit; i++) {
		seed = (seed * 1103515245 + 12345) % 2147483648
		line = sprintf("  <item id=\"i%d\" x:weight=\"%d\"%s><name>Item %d &maker; &#233;t&#xE9;</name>", i, seed % 1000, (i % 3 ? "" : " kind=\"special\""), i)
		if (i % 5 == 0)
			line = line sprintf("<![CDATA[raw <data> %d & more]]>", seed)
		if (i % 7 == 0)
			line = line sprintf("<!-- comment %d -->", i)
		if (i % 11 == 0)
			line = line sprintf("<?process step=\"%d\"?>", i)
		line = line sprintf("<x:note>%s</x:note></item>", substr("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor", 1 + seed % 20))
		print line
		size += length(line) + 1
	}
	print "</catalog>"
}' >"$1"
