/* legacy.c: hazards for the golden scan, one reported and one suppressed. */
#include <stdio.h>

int read_name(void)
{
	char buf[16];
	gets(buf);
	gets(buf); /* oxidize:ignore[OXI-C0004] golden suppression */
	return buf[0];
}
