/* Hostile bytes on flagged lines: identifiers holding bytes that are not
 * UTF-8 (0xff 0xfe) and a right-to-left override (U+202E, Trojan Source),
 * string literals holding quotes, a backslash, control characters (ESC, BEL,
 * DEL, 0x01, a tab) and invalid UTF-8, and a flagged line longer than a
 * snippet (200 bytes) with a two-byte character across the cut.
 * tests/unit/hazards/test_golden_hazards.cpp checks that snippets and messages
 * carry these bytes unchanged (escaping is the renderers' job) and that the
 * snippet is cut at a UTF-8 boundary. */
#include <stdio.h>
#include <string.h>

void copy_name(const char *src)
{
	char bÿþuf[8];
	strcpy(bÿþuf, src); // EXPECT: OXI-C0001
	puts(bÿþuf);
}

int total(void)
{
	int sâ€®um;
	return sâ€®um; // EXPECT: OXI-C0019
}

void banner(char *out)
{
	sprintf(out, "\"quoted\" 'single' \\ [31m	ÿÃ( end %s", out); // EXPECT: OXI-C0003
}

void long_line(char *out)
{
	strcpy(out, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaÃ©tail"); // EXPECT: OXI-C0001=low
}
