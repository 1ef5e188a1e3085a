/* CWE-416: the freed buffer is handed to puts, which reads it. Printing the
 * address (`%p`) reads nothing through it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void show_and_free(char *msg)
{
	free(msg);
	puts(msg); // EXPECT: OXI-C0014
}

void show_address_after_free(char *msg)
{
	free(msg);
	printf("released %p\n", (void *)msg);
}

/* Every string function reaches what it is given: comparing, converting or
 * copying a freed string is a use (argument_reads' table). */
int compare_after_free(char *name, const char *other)
{
	free(name);
	return strcasecmp(name, other); // EXPECT: OXI-C0014
}

double convert_after_free(char *text)
{
	free(text);
	return strtod(text, NULL); // EXPECT: OXI-C0014
}
