/* "%d" prints at most 11 characters, and with the NUL 12 bytes fit text[12]:
 * the longest output of a format does not count the literal's quotes (once a
 * known false alarm, tests/bugs/hazards). */
#include <stdio.h>

void show_port(int port)
{
	char text[12];
	sprintf(text, "%d", port); // EXPECT: none
	puts(text);
}
